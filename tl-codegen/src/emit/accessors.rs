//! Accessors on an enum for the fields every one of its constructors has, with the same Rust
//! type (`enums::Message::id()`): a value for a plain `Copy` scalar, else a reference.

use super::rust_type;
use crate::model::{FieldKind, Model, Ty, TyKind};
use crate::tokens::{Tokens, quote};

/// Names the enums already use for their own methods (and the multi-layer `layers`).
const TAKEN: [&str; 2] = ["constructor_id", "layers"];

/// How a common field is stored.
enum Shape<'m> {
    Value(&'m Ty),
    Optional(&'m Ty),
    Bit,
}

/// `impl Enum { pub fn field(&self) -> ... }` for every field common to all of enum `e`'s
/// constructors, in the order of its first constructor; nothing for an enum of one
/// constructor (its struct is right there) or when no field is common.
pub fn common_fields(model: &Model<'_>, e: usize) -> Tokens {
    let en = &model.enums[e];
    let [first, rest @ ..] = en.variants.as_slice() else { return Tokens::new() };
    if rest.is_empty() {
        return Tokens::new();
    }
    let shape_of = |v: usize, name: &crate::ident::Name| -> Option<Shape<'_>> {
        let f = model.types[v].fields.iter().find(|f| f.name == *name)?;
        match &f.kind {
            FieldKind::Value(t) => Some(Shape::Value(t)),
            FieldKind::Optional { ty, .. } => Some(Shape::Optional(ty)),
            FieldKind::Bit { .. } => Some(Shape::Bit),
            _ => None,
        }
    };
    let mut methods = Vec::new();
    for f in &model.types[*first].fields {
        if TAKEN.iter().any(|t| f.name == *t) {
            continue;
        }
        let Some(shape) = shape_of(*first, &f.name) else { continue };
        if !rest.iter().all(|&v| shape_of(v, &f.name).is_some_and(|s| same(&s, &shape))) {
            continue;
        }
        let name = &f.name;
        let arms = en.variants.iter().map(|&v| {
            let variant = &model.types[v].variant;
            quote!(Self::#variant(x) => x.#name,)
        });
        let ref_arms = en.variants.iter().map(|&v| {
            let variant = &model.types[v].variant;
            quote!(Self::#variant(x) => &x.#name,)
        });
        let opt_arms = en.variants.iter().map(|&v| {
            let variant = &model.types[v].variant;
            quote!(Self::#variant(x) => x.#name.as_ref(),)
        });
        let doc = format!(" `{}`: every constructor of `{}` has it.", f.tl_name, en.tl_name);
        // A boxed struct is handed out as the struct (`&T`, not `&Box<T>`; `&x.f` coerces).
        let unboxed = |t: &Ty| match t.kind {
            TyKind::Struct(s) if model.types[s].boxed => Some(super::path_tokens(&model.types[s].path)),
            _ => None,
        };
        let deref_arms = en.variants.iter().map(|&v| {
            let variant = &model.types[v].variant;
            quote!(Self::#variant(x) => &x.#name,)
        });
        let opt_deref_arms = en.variants.iter().map(|&v| {
            let variant = &model.types[v].variant;
            quote!(Self::#variant(x) => x.#name.as_deref(),)
        });
        let (ret, body) = match shape {
            Shape::Value(t) if unboxed(t).is_some() => {
                let t = unboxed(t);
                (quote!(&#t), quote!(match self { #(#deref_arms)* }))
            }
            Shape::Optional(t) if unboxed(t).is_some() => {
                let t = unboxed(t);
                (quote!(Option<&#t>), quote!(match self { #(#opt_deref_arms)* }))
            }
            Shape::Bit => (quote!(bool), quote!(match self { #(#arms)* })),
            Shape::Value(t) if scalar(t) => (rust_type(model, t), quote!(match self { #(#arms)* })),
            Shape::Value(t) => {
                let t = rust_type(model, t);
                (quote!(&#t), quote!(match self { #(#ref_arms)* }))
            }
            Shape::Optional(t) if scalar(t) => {
                let t = rust_type(model, t);
                (quote!(Option<#t>), quote!(match self { #(#arms)* }))
            }
            Shape::Optional(t) => {
                let t = rust_type(model, t);
                (quote!(Option<&#t>), quote!(match self { #(#opt_arms)* }))
            }
        };
        methods.push(quote! {
            #[doc = #doc]
            #[inline]
            pub fn #name(&self) -> #ret {
                #body
            }
        });
    }
    if methods.is_empty() {
        return Tokens::new();
    }
    let name = &en.path.name;
    quote! {
        impl #name {
            #(#methods)*
        }
    }
}

/// The same Rust type in the same shape.
fn same(a: &Shape<'_>, b: &Shape<'_>) -> bool {
    match (a, b) {
        (Shape::Value(x), Shape::Value(y)) | (Shape::Optional(x), Shape::Optional(y)) => x.kind == y.kind,
        (Shape::Bit, Shape::Bit) => true,
        _ => false,
    }
}

/// Returned by value: small `Copy` scalars.
fn scalar(ty: &Ty) -> bool {
    matches!(ty.kind, TyKind::I32 | TyKind::I64 | TyKind::U32 | TyKind::F64 | TyKind::Bool)
}
