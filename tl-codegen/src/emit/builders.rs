//! Construction that names only what is set: for a struct with flag fields, `X::new(required)`
//! (the fields without a flag, in wire order) and a chaining setter per flag field
//! (`.reply_to(..)`, `.silent(true)`), every flag field unset until its setter runs. A struct
//! whose every field is a flag field also gets `Default` (all unset).
//!
//! Arguments and setters take `impl Into<T>` (scalars and type parameters: `T`), so a
//! constructor struct goes where its enum is wanted, `&str` where a `String` is and an array
//! where a `Vec` is. Generic methods cost the generated crate only their
//! type check; each is compiled where it is used.

use super::{generic_params, rust_type};
use crate::model::{FieldKind, Item, Model, TyKind};
use crate::tokens::{Tokens, quote};

/// `impl X { pub fn new(..) -> Self; setters }` for an item with at least one flag field
/// (`flags.N?T`, `flags.N?true`, or a group sharing a bit); nothing for other items, which a
/// literal names in full anyway.
pub fn builders(model: &Model<'_>, item: &Item<'_>) -> Tokens {
    let mut args = Vec::new();
    let mut inits = Vec::new();
    let mut setters = Vec::new();
    let tl_name = item.tl_name;
    for f in &item.fields {
        let name = &f.name;
        // A setter named like a conversion (`from_id`, `to_id`) takes `self` by value, as every
        // setter does: clippy's naming rule for conversions does not apply.
        let conv = ["from_", "to_", "as_", "is_", "into_"]
            .iter()
            .any(|p| f.name.text().starts_with(p))
            .then(|| quote!(#[allow(clippy::wrong_self_convention)]));
        // A flag field's setter: its doc, its parameter and the value it stores.
        let mut setter = None;
        match &f.kind {
            FieldKind::Flags | FieldKind::Shared { .. } | FieldKind::Length { .. } => {}
            FieldKind::Value(t) => {
                // `_2`, `__`: clippy wants a more descriptive argument (`__f_2`).
                let arg = crate::ident::field_local(&f.name);
                let ty = rust_type(model, t);
                if plain(&t.kind) {
                    args.push(quote!(#arg: #ty));
                    inits.push(if arg == *name { quote!(#name) } else { quote!(#name: #arg) });
                } else {
                    args.push(quote!(#arg: impl Into<#ty>));
                    inits.push(quote!(#name: #arg.into()));
                }
            }
            FieldKind::Bit { flags, bit } => {
                inits.push(quote!(#name: false));
                let doc = format!(" Sets `{}` (bit {bit} of `{}`).", f.tl_name, item.fields[*flags].tl_name);
                setter = Some((doc, quote!(on: bool), quote!(on)));
            }
            FieldKind::Optional { ty, flags, bit } => {
                inits.push(quote!(#name: None));
                let doc = format!(" Sets `{}` (bit {bit} of `{}`).", f.tl_name, item.fields[*flags].tl_name);
                let rty = rust_type(model, ty);
                setter = Some(if plain(&ty.kind) {
                    (doc, quote!(value: #rty), quote!(Some(value)))
                } else {
                    (doc, quote!(value: impl Into<#rty>), quote!(Some(value.into())))
                });
            }
            FieldKind::Group { path: group, members, .. } => {
                inits.push(quote!(#name: None));
                let tl: Vec<&str> = members.iter().map(|(_, tl, _)| tl.as_str()).collect();
                let doc = format!(" Sets `{}` together (they share one flag bit).", tl.join("`, `"));
                let group = super::path_tokens(group);
                setter = Some((doc, quote!(value: #group), quote!(Some(value))));
            }
        }
        // A field named `new` keeps the constructor's name; it is set in a literal instead.
        if let Some((doc, param, value)) = setter.filter(|_| f.name != "new") {
            setters.push(quote! {
                #[doc = #doc]
                #conv
                pub fn #name(mut self, #param) -> Self {
                    self.#name = #value;
                    self
                }
            });
        }
    }
    let flagged = item
        .fields
        .iter()
        .any(|f| matches!(f.kind, FieldKind::Bit { .. } | FieldKind::Optional { .. } | FieldKind::Group { .. }));
    if !flagged {
        return Tokens::new();
    }
    let name = &item.path.name;
    // Named twice: by reference (`#x` moves a list in).
    let params = &generic_params(&item.generics, None);
    let new_doc = format!(" `{tl_name}` with the fields that have no flag; every flag field unset.");
    // Clippy's `too_many_arguments` fires above 7.
    let allow = (args.len() > 7).then(|| quote!(#[allow(clippy::too_many_arguments)]));
    // Every field a flag field: "all unset" is an honest default.
    let default = args.is_empty().then(|| {
        quote! {
            impl Default for #name {
                fn default() -> Self {
                    Self::new()
                }
            }
        }
    });
    quote! {
        impl #params #name #params {
            #[doc = #new_doc]
            #allow
            pub fn new(#(#args),*) -> Self {
                Self { #(#inits),* }
            }
            #(#setters)*
        }
        #default
    }
}

/// True for a type taken as it is: a scalar (`impl Into` would only blur what a literal means)
/// or a type parameter.
fn plain(kind: &TyKind) -> bool {
    matches!(
        kind,
        TyKind::I32 | TyKind::I64 | TyKind::F64 | TyKind::U32 | TyKind::Bool | TyKind::Array(_) | TyKind::Generic(_)
    )
}
