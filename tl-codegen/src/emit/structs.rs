//! A struct per constructor and per function: declaration, `Identifiable`, `TlWrite`, `TlRead`,
//! conversions into and out of its enum, and `RemoteCall` for functions.

use super::caps::{AllCaps, Caps};
use super::{
    block, derives, docs, escape_doc, generic_params, layered_write_expr, path_tokens, read_expr, rust_type, write_expr,
};
use crate::ident::{field_local, flags_local, group_local};
use crate::model::{Field, FieldKind, Item, Model, Path};
use crate::options::{Options, Side};
use crate::tokens::{Tokens, quote};

/// The struct of constructor `i` and its impls.
pub fn constructor(model: &Model<'_>, i: usize, opts: &Options, caps: &AllCaps) -> Tokens {
    let item = &model.types[i];
    let mut out = common(model, item, opts, (caps.types[i], true, true), false);
    if let Some(e) = item.enum_index {
        let name = &item.path.name;
        // Named more than once: by reference (`#x` moves a list in).
        let enum_path = &path_tokens(&model.enums[e].path);
        let variant = &item.variant;
        let (wrap, unwrap) = if item.boxed { (quote!(Box::new(x)), quote!(*x)) } else { (quote!(x), quote!(x)) };
        out.extend(quote! {
            impl From<#name> for #enum_path {
                #[inline]
                fn from(x: #name) -> Self {
                    Self::#variant(#wrap)
                }
            }
            impl TryFrom<#enum_path> for #name {
                type Error = #enum_path;
                #[inline]
                fn try_from(value: #enum_path) -> Result<Self, Self::Error> {
                    match value {
                        #enum_path::#variant(x) => Ok(#unwrap),
                        #[allow(unreachable_patterns)]
                        other => Err(other),
                    }
                }
            }
        });
    }
    out
}

/// The struct of function `i` and its impls.
pub fn function(model: &Model<'_>, i: usize, opts: &Options, caps: &AllCaps) -> Tokens {
    let item = &model.functions[i];
    let write = opts.side != Side::Server;
    let read = opts.side != Side::Client;
    // Decoding a request is a server's job: `#[inline]` (see `emit/functions.rs`).
    let mut out = common(model, item, opts, (caps.functions[i], write, read), true);
    if write {
        let name = &item.path.name;
        let generics = &item.generics;
        let ret = item.returns.as_ref().expect("functions have a result");
        let ret_ty = super::return_type(model, ret);
        let (params, args) =
            (generic_params(generics, Some(quote!(::tlayer::RemoteCall))), generic_params(generics, None));
        out.extend(quote! {
            impl #params ::tlayer::RemoteCall for #name #args {
                type Return = #ret_ty;
            }
        });
    }
    out
}

/// Declaration, group structs, `Identifiable`, and the wire impls asked for: `(what the item
/// derives, write, read)`; `inline_read` marks `read_bare` `#[inline]`.
fn common(
    model: &Model<'_>,
    item: &Item<'_>,
    opts: &Options,
    (caps, write, read): (Caps, bool, bool),
    inline_read: bool,
) -> Tokens {
    let name = &item.path.name;
    let mut doc = docs(item);
    doc.extend(super::links::item(opts, item));
    let derive = derives(opts, caps);
    let generics = &item.generics;
    // Named more than once: by reference (`#x` moves a list in).
    let (params, args) = (&generic_params(generics, None), &generic_params(generics, None));
    let id = super::structs_hex(item.id);
    let tl_name = item.tl_name;

    let mut decl_fields = Vec::new();
    for f in &item.fields {
        let fname = &f.name;
        let fdoc = {
            let d = match f.doc.as_deref() {
                Some(d) => format!(" {}", escape_doc(d)),
                None => format!(" `{}`", f.tl_text),
            };
            Some(quote!(#[doc = #d]))
        };
        let ty = match &f.kind {
            FieldKind::Flags | FieldKind::Shared { .. } | FieldKind::Length { .. } => continue,
            FieldKind::Value(t) => rust_type(model, t),
            FieldKind::Bit { .. } => quote!(bool),
            FieldKind::Optional { ty, .. } => {
                let t = rust_type(model, ty);
                quote!(Option<#t>)
            }
            FieldKind::Group { path, .. } => {
                let gpath = path_tokens(path);
                quote!(Option<#gpath>)
            }
        };
        let shared = shared_note(item, f, fdoc.is_some());
        let wide = match &f.kind {
            FieldKind::Value(t) | FieldKind::Optional { ty: t, .. } => super::serde_wide(opts, &item.path, t),
            _ => None,
        };
        decl_fields.push(quote!(#fdoc #shared #wide pub #fname: #ty,));
    }

    let getters: Vec<Tokens> = item
        .fields
        .iter()
        .filter_map(|f| {
            let FieldKind::Shared { owner } = f.kind else { return None };
            let is_value = matches!(&item.fields[owner].kind, FieldKind::Group { members, .. } if members.iter().any(|(_, tl, _)| *tl == f.tl_name));
            if is_value {
                return None;
            }
            let owner_field = &item.fields[owner];
            let getter = &f.name;
            let oname = &owner_field.name;
            let test = match owner_field.kind {
                FieldKind::Bit { .. } => quote!(self.#oname),
                _ => quote!(self.#oname.is_some()),
            };
            let doc = format!(" `{}`: set exactly when `{}` is (they share one flag bit).", f.tl_name, owner_field.tl_name);
            Some(quote! {
                #[doc = #doc]
                pub fn #getter(&self) -> bool {
                    #test
                }
            })
        })
        .collect();
    let getters = (!getters.is_empty()).then(|| {
        quote! {
            impl #params #name #args {
                #(#getters)*
            }
        }
    });
    let mut out = quote! {
        #doc
        #derive
        pub struct #name #params {
            #(#decl_fields)*
        }
        #getters
        impl #params ::tlayer::Identifiable for #name #args {
            const CONSTRUCTOR_ID: u32 = #id;
        }
    };
    if write {
        out.extend(layer_impls(model, item, generics));
        let params = generic_params(generics, Some(quote!(::tlayer::TlWrite)));
        let mut write = quote! {
            const BOXED_ID: Option<u32> = Some(#id);
            fn write_bare(&self, out: &mut Vec<u8>)
        };
        // The bodies are moved in: `#body` would copy them.
        write.extend(block(write_body(model, item, false)));
        out.extend(quote!(impl #params ::tlayer::TlWrite for #name #args));
        out.extend(block([write]));
    }
    if read {
        let params = generic_params(generics, Some(quote!(::tlayer::TlRead)));
        let inline = inline_read.then(|| quote!(#[inline]));
        let mut read = quote! {
            const EXPECTED_ID: Option<(u32, &'static str)> = Some((#id, #tl_name));
            #inline
            fn read_bare(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self>
        };
        read.extend(block(read_body(model, item)));
        out.extend(quote!(impl #params ::tlayer::TlRead for #name #args));
        out.extend(block([read]));
    }
    out
}

/// The flag-group structs of `item` (see [`FieldKind::Group`]), each with its path: fields that
/// share one flag bit, all set or none. Each one's docs name its constructor or function and its
/// TL line.
pub fn flag_groups(model: &Model<'_>, item: &Item<'_>, opts: &Options, all: &AllCaps) -> Vec<(Path, Tokens)> {
    let mut out = Vec::new();
    for f in &item.fields {
        let FieldKind::Group { path, members, .. } = &f.kind else { continue };
        let gname = &path.name;
        let mnames: Vec<_> = members.iter().map(|(n, _, _)| n).collect();
        let mtypes: Vec<_> = members.iter().map(|(_, _, t)| rust_type(model, t)).collect();
        let mwide: Vec<_> = members.iter().map(|(_, _, t)| super::serde_wide(opts, path, t)).collect();
        let mdocs: Vec<String> = members.iter().map(|(_, tl, _)| format!(" `{}`", tl_text(item, tl))).collect();
        let tl_members = members.iter().map(|(_, tl, _)| tl.as_str()).collect::<Vec<_>>().join("`, `");
        let kind = if item.enum_index.is_some() { "constructor" } else { "function" };
        let lines = [
            format!(
                " The fields `{tl_members}` of the {kind} `{}` (`{}`): they share one flag bit, so they are all set or none.",
                item.tl_name, item.path
            ),
            String::new(),
            " ```tl".into(),
            format!(" {}", item.tl_line),
            " ```".into(),
        ];
        let gderive = derives(opts, all.field(model, &f.kind));
        out.push((
            path.clone(),
            quote! {
                #(#[doc = #lines])*
                #gderive
                pub struct #gname { #(#[doc = #mdocs] #mwide pub #mnames: #mtypes,)* }
            },
        ));
    }
    out
}

/// A doc line on a field whose flag bit also carries other fields.
fn shared_note(item: &Item<'_>, f: &Field, after_doc: bool) -> Option<Tokens> {
    let owner = item.fields.iter().position(|x| std::ptr::eq(x, f))?;
    let others: Vec<&str> = item
        .fields
        .iter()
        .filter(|x| matches!(x.kind, FieldKind::Shared { owner: o } if o == owner))
        .map(|x| x.tl_name.as_str())
        .collect();
    if others.is_empty() {
        return None;
    }
    let note = format!(" Also sets `{}` on the wire: they share one flag bit.", others.join("`, `"));
    let blank = after_doc.then(|| quote!(#[doc = ""]));
    Some(quote!(#blank #[doc = #note]))
}

fn bit_mask(bit: u32) -> Tokens {
    let mask = super::structs_hex(1u32.checked_shl(bit).unwrap_or(0));
    quote!(#mask)
}

/// The statements writing `item`'s fields from `self`; `layered`: each value for `layer`.
fn write_body(model: &Model<'_>, item: &Item<'_>, layered: bool) -> Vec<Tokens> {
    let write_expr = |t: &crate::model::Ty, v: Tokens| {
        if layered { layered_write_expr(model, t, v) } else { write_expr(model, t, v) }
    };
    let mut stmts = Vec::new();
    for (i, f) in item.fields.iter().enumerate() {
        let fname = &f.name;
        match &f.kind {
            FieldKind::Flags => {
                let parts: Vec<Tokens> = item
                    .fields
                    .iter()
                    .filter_map(|g| {
                        let gname = &g.name;
                        match &g.kind {
                            FieldKind::Optional { flags, bit, .. } | FieldKind::Group { flags, bit, .. }
                                if *flags == i =>
                            {
                                let m = bit_mask(*bit);
                                Some(quote!(if self.#gname.is_some() { #m } else { 0 }))
                            }
                            FieldKind::Bit { flags, bit } if *flags == i => {
                                let m = bit_mask(*bit);
                                Some(quote!(if self.#gname { #m } else { 0 }))
                            }
                            _ => None,
                        }
                    })
                    .collect();
                let value = if parts.is_empty() { quote!(0) } else { quote!(#(#parts)|*) };
                let n = flags_local(&f.name);
                stmts.push(quote! {
                    let #n: u32 = #value;
                    out.extend_from_slice(&#n.to_le_bytes());
                });
            }
            FieldKind::Value(t) if crate::sized::is_measured(item, i) => {
                stmts.push(crate::sized::write(write_expr(t, quote!(&self.#fname))));
            }
            FieldKind::Value(t) => {
                let w = write_expr(t, quote!(&self.#fname));
                stmts.push(quote!(#w;));
            }
            FieldKind::Bit { .. } | FieldKind::Length { .. } => {}
            FieldKind::Optional { ty, .. } => {
                let w = write_expr(ty, quote!(v));
                stmts.push(quote!(if let Some(v) = &self.#fname { #w; }));
            }
            FieldKind::Group { members, .. } => {
                let (m, _, ty) = &members[0];
                let w = write_expr(ty, quote!(&g.#m));
                stmts.push(quote!(if let Some(g) = &self.#fname { #w; }));
            }
            FieldKind::Shared { owner } => {
                let owner_field = &item.fields[*owner];
                if let FieldKind::Group { members, .. } = &owner_field.kind
                    && let Some((m, _, ty)) = members.iter().find(|(_, tl, _)| *tl == f.tl_name)
                {
                    let oname = &owner_field.name;
                    let w = write_expr(ty, quote!(&g.#m));
                    stmts.push(quote!(if let Some(g) = &self.#oname { #w; }));
                }
            }
        }
    }
    if stmts.is_empty() {
        stmts.push(quote!(let _ = out;));
    }
    stmts
}

/// The bits of flags field `word` that some field of `item` is conditional on.
fn used_bits(item: &Item<'_>, word: usize) -> u32 {
    let bit_of = |kind: &FieldKind| match *kind {
        FieldKind::Optional { flags, bit, .. }
        | FieldKind::Bit { flags, bit }
        | FieldKind::Group { flags, bit, .. } => (flags == word).then(|| 1u32.checked_shl(bit).unwrap_or(0)),
        _ => None,
    };
    item.fields.iter().filter_map(|f| bit_of(&f.kind)).fold(0, |a, b| a | b)
}

/// The statements reading `item`'s fields, ending in `Ok(Self { .. })`.
fn read_body(model: &Model<'_>, item: &Item<'_>) -> Vec<Tokens> {
    let mut stmts = Vec::new();
    let mut inits = Vec::new();
    for (i, f) in item.fields.iter().enumerate() {
        let fname = &f.name;
        let l = field_local(&f.name);
        let (local, init) =
            if l == *fname { (quote!(#fname), quote!(#fname)) } else { (quote!(#l), quote!(#fname: #l)) };
        let flags_of = |flags: usize| {
            let n = flags_local(&item.fields[flags].name);
            quote!(#n)
        };
        match &f.kind {
            FieldKind::Flags => {
                // Bits no field uses are refused (`read_flags`), not dropped: the value could not
                // be written back to the same bytes (docs/contract.md, "unused flag bits").
                let n = flags_local(&f.name);
                let known = super::structs_hex(used_bits(item, i));
                let read = super::try_expr(quote!(r.read_flags(#known)));
                stmts.push(quote!(let #n = #read;));
            }
            FieldKind::Value(t) => {
                let e = read_expr(model, t);
                let e = if crate::sized::is_measured(item, i) { crate::sized::read(e) } else { e };
                stmts.push(quote!(let #local = #e;));
                inits.push(init);
            }
            FieldKind::Length { .. } => {}
            FieldKind::Bit { flags, bit } => {
                let fl = flags_of(*flags);
                let m = bit_mask(*bit);
                stmts.push(quote!(let #local = #fl & #m != 0;));
                inits.push(init);
            }
            FieldKind::Optional { flags, bit, ty } => {
                let fl = flags_of(*flags);
                let m = bit_mask(*bit);
                let e = read_expr(model, ty);
                stmts.push(quote!(let #local = if #fl & #m != 0 { Some(#e) } else { None };));
                inits.push(init);
            }
            FieldKind::Group { flags, bit, path, members } => {
                // Members are read where they stand on the wire; the first one stands here. Their locals
                // start with `__`, which no field or flags local does (see `ident::snake`).
                let fl = flags_of(*flags);
                let m = bit_mask(*bit);
                let (first, _, ty) = &members[0];
                let local = group_local(first);
                let e = read_expr(model, ty);
                stmts.push(quote!(let #local = if #fl & #m != 0 { Some(#e) } else { None };));
                let gname = path_tokens(path);
                let locals: Vec<_> = members.iter().map(|(n, _, _)| group_local(n)).collect();
                let mnames: Vec<_> = members.iter().map(|(n, _, _)| n).collect();
                inits.push(quote! {
                    #fname: match (#(#locals),*) {
                        (#(Some(#locals)),*) => Some(#gname { #(#mnames: #locals),* }),
                        _ => None,
                    }
                });
            }
            FieldKind::Shared { owner } => {
                let owner_field = &item.fields[*owner];
                if let FieldKind::Group { flags, bit, members, .. } = &owner_field.kind
                    && let Some((m, _, ty)) = members.iter().find(|(_, tl, _)| *tl == f.tl_name)
                {
                    let fl = flags_of(*flags);
                    let mask = bit_mask(*bit);
                    let local = group_local(m);
                    let e = read_expr(model, ty);
                    stmts.push(quote!(let #local = if #fl & #mask != 0 { Some(#e) } else { None };));
                }
            }
        }
    }
    if stmts.is_empty() {
        stmts.push(quote!(let _ = r;));
    }
    stmts.push(quote!(Ok(Self { #(#inits),* })));
    stmts
}

/// Multi-layer output: `SINCE`/`UNTIL` and `WriteForLayer`, downgrading to older versions.
fn layer_impls(model: &Model<'_>, item: &Item<'_>, generics: &[crate::ident::Name]) -> Tokens {
    let Some((since, until)) = item.range else { return Tokens::new() };
    let (since, until) = (crate::tokens::Literal::u32_unsuffixed(since), crate::tokens::Literal::u32_unsuffixed(until));
    let name = &item.path.name;
    let tl_name = item.tl_name;
    let id = super::structs_hex(item.id);
    let own = write_body(model, item, true);
    let downgrades = item.downgrades.iter().map(|&w| {
        let older = &model.types[w];
        let (s, u) = older.range.expect("layered");
        let (s, u) = (crate::tokens::Literal::u32_unsuffixed(s), crate::tokens::Literal::u32_unsuffixed(u));
        let wid = super::structs_hex(older.id);
        let body = write_body(model, older, true);
        quote! {
            if (#s..=#u).contains(&layer) {
                out.extend_from_slice(&u32::to_le_bytes(#wid));
                #(#body)*
                return Ok(());
            }
        }
    });
    let since_doc = format!(" The first layer that has `{tl_name}#{:08x}`.", item.id);
    let until_doc = format!(" The last layer that has `{tl_name}#{:08x}`.", item.id);
    let older: Vec<String> =
        item.downgrades.iter().map(|&w| format!("`{}#{:08x}`", model.types[w].tl_name, model.types[w].id)).collect();
    let boxed_doc = if older.is_empty() {
        " Writes this constructor, or a `LayerError` outside its layers.".to_string()
    } else {
        format!(" Writes this constructor, or for older layers {} (whose fields it has).", older.join(", then "))
    };
    let (params, args) = (&generic_params(generics, None), &generic_params(generics, None));
    let layered_params = generic_params(generics, Some(quote!(::tlayer::WriteForLayer)));
    quote! {
        impl #params #name #args {
            #[doc = #since_doc]
            pub const SINCE: u32 = #since;
            #[doc = #until_doc]
            pub const UNTIL: u32 = #until;
        }
        impl #layered_params ::tlayer::WriteForLayer for #name #args {
            fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), ::tlayer::LayerError> {
                if !(#since..=#until).contains(&layer) {
                    return Err(::tlayer::LayerError { constructor: #tl_name, since: #since, until: #until, layer });
                }
                #(#own)*
                Ok(())
            }
            #[doc = #boxed_doc]
            fn write_boxed_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), ::tlayer::LayerError> {
                if (#since..=#until).contains(&layer) {
                    out.extend_from_slice(&u32::to_le_bytes(#id));
                    return self.write_bare_for_layer(layer, out);
                }
                #(#downgrades)*
                Err(::tlayer::LayerError { constructor: #tl_name, since: #since, until: #until, layer })
            }
        }
    }
}

/// The TL text of parameter `name` of `item` (`flags.1?Vector<MessageEntity>`), for its docs.
fn tl_text<'i>(item: &'i Item<'_>, name: &str) -> &'i str {
    item.fields.iter().find(|f| f.tl_name == name).map_or("", |f| f.tl_text.as_str())
}
