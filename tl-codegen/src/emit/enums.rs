//! An enum per boxed type: a variant per constructor, decoded by id.

use super::{derives, escape_doc, path_tokens};
use crate::model::Model;
use crate::options::Options;
use crate::tokens::{Tokens, quote};

/// The enum of boxed type `e` and its impls.
pub fn boxed_type(model: &Model<'_>, e: usize, opts: &Options, caps: super::caps::Caps) -> Tokens {
    let en = &model.enums[e];
    let name = &en.path.name;
    let tl_name = en.tl_name;
    let derive = derives(opts, caps);
    let mut variants = Vec::new();
    let mut ids = Vec::new();
    let mut writes = Vec::new();
    let mut reads = Vec::new();
    let mut read_ids = std::collections::HashSet::new();
    for &v in &en.variants {
        let item = &model.types[v];
        let vname = &item.variant;
        // Named more than once: by reference (`#x` moves a list in).
        let path = &path_tokens(&item.path);
        let ty = &if item.boxed { quote!(Box<#path>) } else { path.clone() };
        let tl = match item.range {
            Some((since, until)) => {
                format!(" `{}#{:08x}` (layers {since}..={until})", item.tl_name, item.id)
            }
            None => format!(" `{}`", escape_doc(item.tl_name)),
        };
        variants.push(quote!(#[doc = #tl] #vname(#ty),));
        let id = super::structs_hex(item.id);
        ids.push(quote!(Self::#vname(_) => #id,));
        // The id, then the constructor's bare form: its `write_boxed`, without an instance of
        // that generic method per constructor.
        writes.push(quote!(Self::#vname(x) => {
            out.extend_from_slice(&u32::to_le_bytes(#id));
            <#path as ::tlayer::TlWrite>::write_bare(x, out)
        }));
        // Versions of one constructor renamed across layers share an id: the first (newest)
        // reads it, so decoding by id has one answer.
        if read_ids.insert(item.id) {
            reads.push((id.clone(), vname.clone(), quote!(<#ty as ::tlayer::TlRead>::read_bare(r))));
        }
    }
    let dispatch = super::read_dispatch(name, &reads, quote!(#tl_name));
    let read_id = super::try_expr(quote!(r.read_id()));
    let doc = enum_doc(model, e);
    let layered = model.layers.is_some().then(|| {
        let variants = en.variants.iter().map(|&v| (&model.types[v].variant, model.types[v].range));
        super::layered_enum(
            name,
            variants,
            "The layers `(since, until)` that have the value's constructor: decode strictly for a peer by \
             checking its layer is in range.",
            true,
        )
    });
    let accessors = super::accessors::common_fields(model, e);
    let link = super::links::boxed_type(opts, tl_name);
    quote! {
        #(#[doc = #doc])*
        #link
        #derive
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// The constructor id of the value's constructor.
            pub fn constructor_id(&self) -> u32 {
                match self {
                    #(#ids)*
                }
            }
        }
        /// Writes the constructor id and the fields: a boxed type's bare form is its boxed form.
        impl ::tlayer::TlWrite for #name {
            fn write_bare(&self, out: &mut Vec<u8>) {
                match self {
                    #(#writes)*
                }
            }
        }
        /// Reads the constructor id, then that constructor's fields.
        impl ::tlayer::TlRead for #name {
            fn read_bare(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self> {
                let id = #read_id;
                #dispatch
            }
        }
        #accessors
        #layered
    }
}

/// The enum's doc lines: its description (or its TL name), then its constructors' TL lines.
fn enum_doc(model: &Model<'_>, e: usize) -> Vec<String> {
    let en = &model.enums[e];
    let mut lines = vec![match &en.doc {
        Some(d) => format!(" {}", escape_doc(d)),
        None => format!(" The TL type `{}`.", en.tl_name),
    }];
    lines.extend([String::new(), " Constructors:".into(), " ```tl".into()]);
    for &v in &en.variants {
        lines.push(format!(" {}", model.types[v].tl_line));
    }
    lines.push(" ```".into());
    lines
}
