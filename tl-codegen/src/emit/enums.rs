//! An enum per boxed type: a variant per constructor, decoded by id.

use super::{derives, escape_doc, path_tokens};
use crate::config::Options;
use crate::ident::ident;
use crate::model::Model;
use proc_macro2::TokenStream;
use quote::quote;

/// The enum of boxed type `e` and its impls.
pub fn boxed_type(model: &Model<'_>, e: usize, opts: &Options) -> TokenStream {
    let en = &model.enums[e];
    let name = ident(&en.path.name);
    let tl_name = en.tl_name;
    let derive = derives(opts);
    let mut variants = Vec::new();
    let mut ids = Vec::new();
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    for &v in &en.variants {
        let item = &model.types[v];
        let vname = ident(&item.variant);
        let path = path_tokens(&item.path);
        let ty = if item.boxed { quote!(Box<#path>) } else { path.clone() };
        let tl = match item.range {
            Some((since, until)) => {
                format!(" `{}#{:08x}` (layers {since}..={until})", item.def.name.text, item.def.wire_id())
            }
            None => format!(" `{}`", escape_doc(item.def.name.text)),
        };
        variants.push(quote!(#[doc = #tl] #vname(#ty),));
        let id = super::structs_hex(item.def.wire_id());
        ids.push(quote!(Self::#vname(_) => #id,));
        writes.push(quote!(Self::#vname(x) => <#ty as ::tlayer::TlWrite>::write_boxed(x, out),));
        reads.push((id.clone(), quote!(Self::#vname(<#ty as ::tlayer::TlRead>::read_bare(r)?))));
    }
    let dispatch = super::read_dispatch(&reads, quote!(#tl_name));
    let doc = match &en.doc {
        Some(d) => format!(" {}", escape_doc(d)),
        None => format!(" The TL type `{tl_name}`."),
    };
    let layered = model.layers.is_some().then(|| {
        let ranges = en.variants.iter().map(|&v| {
            let vname = ident(&model.types[v].variant);
            let (since, until) = model.types[v].range.expect("layered");
            let (since, until) =
                (proc_macro2::Literal::u32_unsuffixed(since), proc_macro2::Literal::u32_unsuffixed(until));
            quote!(Self::#vname(_) => (#since, #until),)
        });
        let arms = en.variants.iter().map(|&v| {
            let vname = ident(&model.types[v].variant);
            quote!(Self::#vname(x) => ::tlayer::WriteForLayer::write_boxed_for_layer(x, layer, out),)
        });
        quote! {
            impl #name {
                /// The layers `(since, until)` that have the value's constructor: decode strictly
                /// for a peer by checking its layer is in range.
                pub fn layers(&self) -> (u32, u32) {
                    match self {
                        #(#ranges)*
                    }
                }
            }
            /// Writes the value as the layer knows it, or as an older constructor of this type.
            impl ::tlayer::WriteForLayer for #name {
                fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), ::tlayer::LayerError> {
                    self.write_boxed_for_layer(layer, out)
                }
                fn write_boxed_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), ::tlayer::LayerError> {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    });
    quote! {
        #[doc = #doc]
        #derive
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// The constructor id of the value's constructor.
            #[inline]
            pub fn constructor_id(&self) -> u32 {
                match self {
                    #(#ids)*
                }
            }
        }
        /// Writes the constructor id and the fields (a boxed type has no bare form).
        impl ::tlayer::TlWrite for #name {
            #[inline]
            fn write_bare(&self, out: &mut Vec<u8>) {
                self.write_boxed(out)
            }
            #[inline]
            fn write_boxed(&self, out: &mut Vec<u8>) {
                match self {
                    #(#writes)*
                }
            }
        }
        /// Reads the constructor id, then that constructor's fields.
        impl ::tlayer::TlRead for #name {
            #[inline]
            fn read_bare(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self> {
                Self::read_boxed(r)
            }
            #[inline]
            fn read_boxed(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self> {
                let id = r.read_id()?;
                #dispatch
            }
        }
        #layered
    }
}
