//! Schema-wide function items: the server-side enum that decodes any request by its id, and
//! the name lookup by id.
//!
//! The enum's functions are `#[inline]`, as are the functions' own `read_bare`
//! (`structs::function`): code that only a server (or a proxy) runs is then compiled in the
//! crate that decodes requests, never in the generated library, so a client pays no code
//! generation for it (layer 230: its debug rlib 97.6 MB -> 83.7 MB, BENCHMARKS.md round 4).

use super::{derives, path_tokens, structs_hex};
use crate::model::{FieldKind, Item, LayerWrapper, Model, Ty, TyKind};
use crate::options::Options;
use crate::tokens::{Tokens, quote};
use std::collections::HashMap;

/// `functions::Function`: every function of the schema, decoded by id (for servers).
pub fn dispatch_enum(model: &Model<'_>, opts: &Options, caps: &super::caps::AllCaps) -> Tokens {
    let name = &model.function_enum;
    // Variants are boxed: never `Copy`.
    let eq_hash = caps.functions.iter().all(|c| c.eq_hash);
    let derive = derives(opts, super::caps::Caps { eq_hash, copy: false });
    let mut variants = Vec::new();
    let mut reads = Vec::new();
    let mut writes = Vec::new();
    let mut ids = Vec::new();
    for item in dispatched(model) {
        let v = &item.variant;
        let path = &path_tokens(&item.path);
        let generics = item.generics.iter().map(|_| quote!(#name));
        // Named more than once: by reference (`#x` moves a list in).
        let ty = &if item.generics.is_empty() { quote!(#path) } else { quote!(#path<#(#generics),*>) };
        let tl = format!(" `{}`", item.tl_name);
        variants.push(quote!(#[doc = #tl] #v(Box<#ty>),));
        let id = structs_hex(item.id);
        let read = quote!(<#ty as ::tlayer::TlRead>::read_bare(r));
        reads.push((id.clone(), quote!(match #read { Ok(x) => Ok(#name::#v(Box::new(x))), Err(e) => Err(e) })));
        writes.push(quote!(Self::#v(x) => {
            out.extend_from_slice(&u32::to_le_bytes(#id));
            <#ty as ::tlayer::TlWrite>::write_bare(x, out)
        }));
        ids.push(quote!(Self::#v(_) => #id,));
    }
    let write_impl = (opts.side != crate::options::Side::Server).then(|| {
        quote! {
            impl ::tlayer::TlWrite for #name {
                #[inline]
                fn write_bare(&self, out: &mut Vec<u8>) {
                    match self {
                        #(#writes)*
                    }
                }
            }
        }
    });
    let layered = model.layers.is_some().then(|| {
        let variants = dispatched(model).into_iter().map(|item| (&item.variant, item.range));
        super::layered_enum(
            name,
            variants,
            "The layers `(since, until)` that have this function: a server rejects a request its peer's layer \
             does not have by checking the layer is in range.",
            opts.side != crate::options::Side::Server,
        )
    });
    let unwrap = unwrap_layer(model);
    let read_id = super::try_expr(quote!(r.read_id()));
    let read_ids = reads.iter().map(|(id, _)| id);
    let reads = reads.iter().map(|(_, read)| read);
    quote! {
        #layered
        #unwrap
        /// Any function of the schema: what a server decodes from a request.
        #derive
        pub enum #name {
            #(#variants)*
        }
        impl #name {
            /// The constructor id of the request's function.
            #[inline]
            pub fn constructor_id(&self) -> u32 {
                match self {
                    #(#ids)*
                }
            }
        }
        #write_impl
        impl ::tlayer::TlRead for #name {
            #[inline]
            fn read_bare(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self> {
                let id = #read_id;
                // The request is boxed: one nesting level, as `Box`'s `read_bare` counts it,
                // entered here once rather than in a `Box` read per function.
                let read: fn(&mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self> = match id {
                    #(#read_ids => {
                        #[inline]
                        fn read(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<#name> {
                            #reads
                        }
                        read
                    })*
                    _ => return Err(r.unknown_id(id, "a function")),
                };
                if let Err(e) = r.enter() {
                    return Err(e);
                }
                let request = read(r);
                r.leave();
                request
            }
        }
    }
}

/// `unwrap_layer`: strips `invokeWithLayer` / `invokeWithLayerN` wrappers off a request.
fn unwrap_layer(model: &Model<'_>) -> Option<Tokens> {
    let name = &model.function_enum;
    let arms: Vec<Tokens> = dispatched(model)
        .into_iter()
        .filter_map(|item| {
            let v = &item.variant;
            Some(match item.layer_wrapper? {
                LayerWrapper::Field => quote!(Self::#v(w) => { layer.get_or_insert(w.layer as u32); w.query }),
                LayerWrapper::Fixed(n) => {
                    let n = crate::tokens::Literal::u32_unsuffixed(n);
                    quote!(Self::#v(w) => { layer.get_or_insert(#n); w.query })
                }
            })
        })
        .collect();
    if arms.is_empty() {
        return None;
    }
    Some(quote! {
        impl #name {
            /// Strips the `invokeWithLayer` / `invokeWithLayerN` wrappers: the layer the outermost
            /// one announces (if any) and the request inside, ready to dispatch.
            #[inline]
            pub fn unwrap_layer(self) -> (Option<u32>, #name) {
                let mut layer = None;
                let mut request = self;
                loop {
                    request = match request {
                        #(#arms)*
                        other => return (layer, other),
                    };
                }
            }
        }
    })
}

/// The functions `functions::Function` holds, in model order: one per wire id, so that decoding
/// by id has one answer. tdlib's pseudo-functions (`invokeWithBusinessConnectionPrefix`, a known
/// id exception) share the id of the real wrapper and give way to it; of other functions sharing
/// an id (one function renamed across layers), the first in model order (the newest) stays.
pub fn dispatched<'m, 'a>(model: &'m Model<'a>) -> Vec<&'m Item<'a>> {
    let pseudo = |item: &Item<'_>| item.id_exception;
    let mut chosen: HashMap<u32, usize> = HashMap::new();
    for (i, item) in model.functions.iter().enumerate() {
        let id = item.id;
        match chosen.get(&id) {
            Some(&j) if !pseudo(&model.functions[j]) || pseudo(item) => {}
            _ => {
                chosen.insert(id, i);
            }
        }
    }
    let mut kept: Vec<usize> = chosen.into_values().collect();
    kept.sort_unstable();
    kept.into_iter().map(|i| &model.functions[i]).collect()
}

/// The runtime's constructors that a schema's types use without generating them: `Bool`'s
/// (Rust `bool`) and the boxed `Vector`'s. Their ids are the runtime's, whatever a schema writes.
const BOOL_IDS: [(u32, &str); 2] = [(0x997275b5, "boolTrue"), (0xbc799737, "boolFalse")];
/// See [`BOOL_IDS`].
const VECTOR_ID: (u32, &str) = (0x1cb5c415, "vector");

/// `name_for_id`: the TL name of any constructor or function by id, including the runtime's
/// `boolTrue`, `boolFalse` and `vector` when some field or result of the schema reads them.
pub fn name_lookup(model: &Model<'_>) -> Tokens {
    let mut pairs: Vec<(u32, &str)> = model.types.iter().chain(&model.functions).map(|i| (i.id, i.tl_name)).collect();
    let (mut bools, mut vectors) = (false, false);
    for item in model.types.iter().chain(&model.functions) {
        for f in &item.fields {
            match &f.kind {
                FieldKind::Value(t) | FieldKind::Optional { ty: t, .. } => uses_builtins(t, &mut bools, &mut vectors),
                FieldKind::Group { members, .. } => {
                    members.iter().for_each(|(_, _, t)| uses_builtins(t, &mut bools, &mut vectors))
                }
                _ => {}
            }
        }
        if let Some(t) = &item.returns {
            uses_builtins(t, &mut bools, &mut vectors);
        }
    }
    if bools {
        pairs.extend(BOOL_IDS);
    }
    if vectors {
        pairs.push(VECTOR_ID);
    }
    pairs.sort();
    pairs.dedup_by_key(|p| p.0);
    let arms = pairs.iter().map(|(id, name)| {
        let id = structs_hex(*id);
        quote!(#id => Some(#name),)
    });
    quote! {
        /// The TL name of the constructor or function with this id.
        pub fn name_for_id(id: u32) -> Option<&'static str> {
            match id {
                #(#arms)*
                _ => None,
            }
        }
    }
}

/// Sets `bools` when `ty` holds a `Bool`, `vectors` when it holds a boxed `Vector`.
fn uses_builtins(ty: &Ty, bools: &mut bool, vectors: &mut bool) {
    match &ty.kind {
        TyKind::Bool => *bools = true,
        TyKind::Vec(elem) => {
            *vectors |= !ty.bare;
            uses_builtins(elem, bools, vectors);
        }
        _ => {}
    }
}
