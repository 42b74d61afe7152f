//! Turns the resolved [`Model`] into Rust tokens: one module tree `types` / `enums` /
//! `functions`, namespaces as nested modules, and a few schema-wide items at the root.

mod accessors;
mod builders;
mod caps;
mod enums;
mod functions;
mod links;
mod service;
mod structs;
mod wire;

use crate::ident::Name;
use crate::model::{Kind, Model, Path, Ty, TyKind};
use crate::options::{Options, Side};
use crate::tokens::{Literal, Tokens, quote};
use std::collections::BTreeMap;
pub(crate) use wire::{layered_write_expr, read_expr, write_expr};

/// Emits the whole file's items (no header comment).
pub fn file(model: &Model<'_>, opts: &Options) -> Tokens {
    let mut tree = Tree::default();
    let caps = caps::AllCaps::of(model);
    for (i, item) in model.types.iter().enumerate() {
        tree.add(&item.path, structs::constructor(model, i, opts, &caps));
        for (path, tokens) in structs::flag_groups(model, item, opts, &caps) {
            tree.add(&path, tokens);
        }
        if opts.builders {
            tree.add(&item.path, builders::builders(model, item));
        }
    }
    for e in 0..model.enums.len() {
        tree.add(&model.enums[e].path, enums::boxed_type(model, e, opts, caps.enums[e]));
    }
    for i in 0..model.functions.len() {
        tree.add(&model.functions[i].path, structs::function(model, i, opts, &caps));
        for (path, tokens) in structs::flag_groups(model, &model.functions[i], opts, &caps) {
            tree.add(&path, tokens);
        }
        if opts.builders {
            tree.add(&model.functions[i].path, builders::builders(model, &model.functions[i]));
        }
    }
    if opts.side != Side::Client && !model.functions.is_empty() {
        tree.add(
            &Path { kind: Kind::Functions, modules: vec![], name: model.function_enum.clone() },
            functions::dispatch_enum(model, opts, &caps),
        );
    }
    let layer = model.layer.map(|l| {
        let l = Literal::i32_unsuffixed(l as i32);
        quote! {
            #[doc = " The layer of the schema this code was generated from."]
            pub const LAYER: i32 = #l;
        }
    });
    let layers = model.layers.as_ref().map(|layers| {
        let layers = layers.iter().map(|l| Literal::u32_unsuffixed(*l));
        quote! {
            #[doc = " Every layer this code covers, ascending."]
            pub const LAYERS: &[u32] = &[#(#layers),*];
        }
    });
    let lookup = functions::name_lookup(model);
    let service = (opts.side != Side::Client).then(|| service::module(model)).flatten();
    let wide = serde_wide_module(model, opts);
    let mods = [Kind::Types, Kind::Enums, Kind::Functions].map(|k| {
        let (name, doc) = match k {
            Kind::Types => ("types", " Constructors: one struct per TL constructor."),
            Kind::Enums => ("enums", " Boxed types: one enum per TL type, a variant per constructor."),
            Kind::Functions => ("functions", " Functions: one struct per TL function (RPC method)."),
        };
        tree.render(k, name, doc, 1)
    });
    let mut out = quote! {
        #layer
        #layers
        #lookup
        #wide
        #service
    };
    // Moved in, not copied as `#(#mods)*` would: they hold the whole file.
    for m in mods {
        out.extend(m);
    }
    out
}

/// Items grouped by module.
#[derive(Default)]
struct Tree {
    items: BTreeMap<(u8, Vec<Name>), Vec<Tokens>>,
}

impl Tree {
    fn add(&mut self, path: &Path, tokens: Tokens) {
        self.items.entry((path.kind as u8, path.modules.clone())).or_default().push(tokens);
    }

    fn render(&mut self, kind: Kind, name: &str, doc: &str, depth: usize) -> Tokens {
        self.module(kind as u8, &[], &crate::ident::fixed(name), doc, depth)
    }

    /// Module `at` with its items (moved out of the tree) and submodules.
    fn module(&mut self, kind: u8, at: &[Name], name: &Name, doc: &str, depth: usize) -> Tokens {
        let items = self.items.remove(&(kind, at.to_vec())).unwrap_or_default();
        // Direct submodules of `at`, sorted by name.
        let mut subs: Vec<Name> = self
            .items
            .keys()
            .filter(|(k, m)| *k == kind && m.len() > at.len() && m.starts_with(at))
            .map(|(_, m)| m[at.len()].clone())
            .collect();
        subs.dedup();
        let subs: Vec<Tokens> = subs
            .into_iter()
            .map(|s| {
                let mut next = at.to_vec();
                next.push(s.clone());
                let doc = if s == crate::ident::flag_group_module() {
                    " Flag groups: fields of one constructor or function that share one flag bit, as one struct \
                     (all set or none)."
                        .to_string()
                } else {
                    format!(" The `{}` namespace.", next.iter().map(Name::to_string).collect::<Vec<_>>().join("."))
                };
                self.module(kind, &next, &s, &doc, depth + 1)
            })
            .collect();
        let supers = std::iter::repeat_n(quote!(super::), depth);
        let body = block(std::iter::once(quote!(use #(#supers)* {enums, functions, types};)).chain(items).chain(subs));
        let mut out = quote! {
            #[doc = #doc]
            // `question_mark`: reads spell out what `?` does, which costs the compiler less.
            #[allow(unused_imports, clippy::enum_variant_names, clippy::question_mark)]
            pub mod #name
        };
        // Moved in (`#body` would copy it).
        out.extend(body);
        out
    }
}

/// `{ parts }`, the parts moved in (not copied, as interpolating each would).
pub(crate) fn block(parts: impl IntoIterator<Item = Tokens>) -> Tokens {
    Tokens::brace(parts)
}

/// The Rust path of an item as seen from inside any generated module.
pub(crate) fn path_tokens(path: &Path) -> Tokens {
    let top = match path.kind {
        Kind::Types => quote!(types),
        Kind::Enums => quote!(enums),
        Kind::Functions => quote!(functions),
    };
    let mods = &path.modules;
    let name = &path.name;
    quote!(#top #(:: #mods)* :: #name)
}

/// The Rust type of `ty` (`Box`ed when it is a boxed struct, to break recursion).
pub(crate) fn rust_type(model: &Model<'_>, ty: &Ty) -> Tokens {
    rust_type_with(model, ty, &|g| quote!(#g))
}

/// The Rust type of a function's result: a type parameter `X` (the function it wraps) stands
/// for `X::Return`, at any depth (`Vector<X>` is `Vec<X::Return>`).
pub(crate) fn return_type(model: &Model<'_>, ty: &Ty) -> Tokens {
    rust_type_with(model, ty, &|g| quote!(#g::Return))
}

/// [`rust_type`] with type parameters spelled by `generic`.
fn rust_type_with(model: &Model<'_>, ty: &Ty, generic: &dyn Fn(&Name) -> Tokens) -> Tokens {
    match &ty.kind {
        TyKind::I32 => quote!(i32),
        TyKind::I64 => quote!(i64),
        TyKind::F64 => quote!(f64),
        TyKind::U32 => quote!(u32),
        TyKind::Bool => quote!(bool),
        TyKind::String => quote!(String),
        TyKind::Bytes => quote!(Vec<u8>),
        TyKind::Array(n) => {
            let n = Literal::usize_unsuffixed(*n as usize);
            quote!([u8; #n])
        }
        TyKind::Raw => quote!(::tlayer::RawObject),
        TyKind::Vec(elem) => {
            let elem = rust_type_with(model, elem, generic);
            quote!(Vec<#elem>)
        }
        TyKind::Enum(e) => path_tokens(&model.enums[*e].path),
        TyKind::Struct(s) => {
            let path = path_tokens(&model.types[*s].path);
            if model.types[*s].boxed { quote!(Box<#path>) } else { path }
        }
        TyKind::Generic(g) => generic(g),
    }
}

/// True when `ty` holds a byte array wider than the 32 bytes serde derives for.
fn holds_wide_array(ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::Array(n) => *n > 32,
        TyKind::Vec(elem) => holds_wide_array(elem),
        _ => false,
    }
}

/// The name of the root module that gives serde wide byte arrays.
const SERDE_WIDE: &str = "serde_wide_arrays";

/// With serde, a field holding wide byte arrays (`int512`) goes through the root module
/// [`SERDE_WIDE`]: `#[serde(with = "super::...::serde_wide_arrays")]` from `owner`'s module.
pub(crate) fn serde_wide(opts: &Options, owner: &Path, ty: &Ty) -> Option<Tokens> {
    let feature = opts.serde_feature.as_ref()?;
    if !holds_wide_array(ty) {
        return None;
    }
    let path = format!("{}{SERDE_WIDE}", "super::".repeat(1 + owner.modules.len()));
    Some(quote!(#[cfg_attr(feature = #feature, serde(with = #path))]))
}

/// The root module [`serde_wide`] points at, when some field needs it.
fn serde_wide_module(model: &Model<'_>, opts: &Options) -> Option<Tokens> {
    let feature = opts.serde_feature.as_ref()?;
    let needed = model.types.iter().chain(&model.functions).flat_map(|i| &i.fields).any(|f| match &f.kind {
        crate::model::FieldKind::Value(t) | crate::model::FieldKind::Optional { ty: t, .. } => holds_wide_array(t),
        crate::model::FieldKind::Group { members, .. } => members.iter().any(|(_, _, t)| holds_wide_array(t)),
        _ => false,
    });
    if !needed {
        return None;
    }
    let name = crate::ident::fixed(SERDE_WIDE);
    Some(quote! {
        /// serde for byte arrays wider than the 32 bytes serde derives for (`int512`): written as
        /// a sequence of bytes, read back checking the length.
        #[cfg(feature = #feature)]
        pub mod #name {
            /// A field type holding wide byte arrays, and the shape serde knows for it.
            pub trait Wide: Sized {
                /// The shape serde reads and writes.
                type Shape: ::serde::Serialize + ::serde::de::DeserializeOwned;
                /// The value as that shape.
                fn to_shape(&self) -> Self::Shape;
                /// The value back from its shape; `None` when an array has the wrong length.
                fn from_shape(shape: Self::Shape) -> Option<Self>;
            }
            impl<const N: usize> Wide for [u8; N] {
                type Shape = Vec<u8>;
                fn to_shape(&self) -> Vec<u8> {
                    self.to_vec()
                }
                fn from_shape(shape: Vec<u8>) -> Option<Self> {
                    shape.try_into().ok()
                }
            }
            impl<T: Wide> Wide for Vec<T> {
                type Shape = Vec<T::Shape>;
                fn to_shape(&self) -> Self::Shape {
                    self.iter().map(Wide::to_shape).collect()
                }
                fn from_shape(shape: Self::Shape) -> Option<Self> {
                    shape.into_iter().map(T::from_shape).collect()
                }
            }
            impl<T: Wide> Wide for Option<T> {
                type Shape = Option<T::Shape>;
                fn to_shape(&self) -> Self::Shape {
                    self.as_ref().map(Wide::to_shape)
                }
                fn from_shape(shape: Self::Shape) -> Option<Self> {
                    match shape {
                        Some(s) => T::from_shape(s).map(Some),
                        None => Some(None),
                    }
                }
            }
            /// Writes `value` as its shape.
            pub fn serialize<T: Wide, S: ::serde::Serializer>(value: &T, s: S) -> Result<S::Ok, S::Error> {
                ::serde::Serialize::serialize(&value.to_shape(), s)
            }
            /// Reads a value from its shape.
            pub fn deserialize<'de, T: Wide, D: ::serde::Deserializer<'de>>(d: D) -> Result<T, D::Error> {
                let shape = <T::Shape as ::serde::Deserialize>::deserialize(d)?;
                T::from_shape(shape).ok_or_else(|| <D::Error as ::serde::de::Error>::custom("a byte array of the wrong length"))
            }
        }
    })
}

/// `#[derive(...)]`: `Eq` and `Hash` and `Copy` where `caps` allow them, and the optional
/// serde derive.
pub(crate) fn derives(opts: &Options, caps: caps::Caps) -> Tokens {
    let serde = opts
        .serde_feature
        .as_ref()
        .map(|f| quote!(#[cfg_attr(feature = #f, derive(::serde::Serialize, ::serde::Deserialize))]));
    // `Copy` items are the usual map keys; `Options::hash_all` asks for the rest.
    let eq_hash = (caps.eq_hash && (caps.copy || opts.hash_all)).then(|| quote!(, Eq, Hash));
    let copy = caps.copy.then(|| quote!(, Copy));
    quote! {
        #[derive(Debug, Clone #copy, PartialEq #eq_hash)]
        #serde
    }
}

/// `<A: bound, B: bound>` for an item's type parameters, nothing when it has none.
pub(crate) fn generic_params(generics: &[Name], bound: Option<Tokens>) -> Tokens {
    if generics.is_empty() {
        return Tokens::new();
    }
    match bound {
        Some(b) => quote!(<#(#generics: #b),*>),
        None => quote!(<#(#generics),*>),
    }
}

/// `#[doc]` lines: the description, then the TL line.
pub(crate) fn docs(item: &crate::model::Item<'_>) -> Tokens {
    let mut lines: Vec<String> = Vec::new();
    if let Some(d) = &item.doc {
        lines.push(format!(" {}", escape_doc(d)));
        lines.push(String::new());
    }
    lines.push(" ```tl".into());
    lines.push(format!(" {}", item.tl_line));
    lines.push(" ```".into());
    quote!(#(#[doc = #lines])*)
}

/// `match e { Ok(v) => v, Err(e) => return Err(e) }`: what `e?` does, without the `Try` impls
/// that `?` instantiates for every value type (a `branch` and a `from_residual` function per
/// type in a debug build).
pub(crate) fn try_expr(e: Tokens) -> Tokens {
    quote!(match #e { Ok(v) => v, Err(e) => return Err(e) })
}

/// The body of enum `name`'s `read_bare` after its id is read: each arm is `(id, variant,
/// read)`, `read` an expression of type `tlayer::Result<T>` that variant `name::variant` wraps.
/// A plain `match` for a few variants; for more, the `match` only picks a function, so the
/// frame of `read_bare` does not grow with the number of variants (hostile nesting through it
/// must not exhaust a thread's stack). Those are `fn` items, which unlike closures need no shim
/// to become function pointers.
pub(crate) fn read_dispatch(name: &Name, arms: &[(Literal, Name, Tokens)], expected: Tokens) -> Tokens {
    let ids = arms.iter().map(|(id, _, _)| id);
    let reads = arms.iter().map(|(_, v, read)| quote!(match #read { Ok(x) => Ok(#name::#v(x)), Err(e) => Err(e) }));
    if arms.len() <= 4 {
        return quote! {
            match id {
                #(#ids => #reads,)*
                _ => Err(r.unknown_id(id, #expected)),
            }
        };
    }
    quote! {
        let read: fn(&mut ::tlayer::Reader<'_>) -> ::tlayer::Result<Self> = match id {
            #(#ids => {
                fn read(r: &mut ::tlayer::Reader<'_>) -> ::tlayer::Result<#name> {
                    #reads
                }
                read
            })*
            _ => return Err(r.unknown_id(id, #expected)),
        };
        read(r)
    }
}

/// Multi-layer output for an enum of versions (a boxed type, or `Function`): `layers()` and,
/// when its structs write (`write`; not a server's functions), `WriteForLayer`, which hands
/// each variant to its struct's own layered writer.
pub(crate) fn layered_enum<'n>(
    name: &Name,
    variants: impl Iterator<Item = (&'n Name, Option<(u32, u32)>)>,
    layers_doc: &str,
    write: bool,
) -> Tokens {
    let (ranges, arms): (Vec<_>, Vec<_>) = variants
        .map(|(v, range)| {
            let (since, until) = range.expect("every version of a layered model has a range");
            let (since, until) = (Literal::u32_unsuffixed(since), Literal::u32_unsuffixed(until));
            (
                quote!(Self::#v(_) => (#since, #until),),
                quote!(Self::#v(x) => ::tlayer::WriteForLayer::write_boxed_for_layer(x, layer, out),),
            )
        })
        .unzip();
    let layers_doc = format!(" {layers_doc}");
    let write_impl = write.then(|| {
        quote! {
            /// Writes the value as the layer knows it, or as an older version of it (boxed: a boxed
            /// type's bare form is its boxed form).
            impl ::tlayer::WriteForLayer for #name {
                fn write_bare_for_layer(&self, layer: u32, out: &mut Vec<u8>) -> Result<(), ::tlayer::LayerError> {
                    match self {
                        #(#arms)*
                    }
                }
            }
        }
    });
    quote! {
        impl #name {
            #[doc = #layers_doc]
            pub fn layers(&self) -> (u32, u32) {
                match self {
                    #(#ranges)*
                }
            }
        }
        #write_impl
    }
}

/// A hex `u32` literal (`0x1cb5c415`), so ids read as hex in the generated code.
pub(crate) fn structs_hex(id: u32) -> Literal {
    Literal::new(format!("0x{id:08x}"))
}

/// Keeps schema prose from being read as rustdoc markup (links, HTML).
pub(crate) fn escape_doc(text: &str) -> String {
    text.replace('[', "\\[").replace(']', "\\]").replace('<', "&lt;").replace('>', "&gt;")
}
