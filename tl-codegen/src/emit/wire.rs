//! How each field value goes on the wire: the expressions that write and read a [`Ty`].
//!
//! The runtime's trait impls write a `Vec<T>`'s elements boxed, a struct's `write_bare` writes
//! its fields alone and a boxed type's enum writes its id either way. Those impls are used
//! wherever they give the bytes the schema asks for at that position; a vector whose elements
//! must be written otherwise (bare constructors, or vectors of them, at any depth) gets a
//! writer and a reader per level, built here from the type tree.

use super::rust_type;
use crate::model::{Model, Ty, TyKind};
use crate::tokens::{Tokens, quote};

/// The widths of raw integers the runtime implements the traits for (`int128`, `int256`);
/// others (`int512`) are written and read as arrays right here.
fn runtime_array(n: u32) -> bool {
    matches!(n, 16 | 32)
}

/// True when `<T as TlWrite>::write_boxed` (what `Vec<T>`'s impl writes for each element)
/// gives the bytes of `ty` at its position.
fn boxed_impl_fits(ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::Array(n) => runtime_array(*n),
        // A constructor used as a type is always bare: `write_boxed` would add its id.
        TyKind::Struct(_) => false,
        TyKind::Vec(elem) => !ty.bare && boxed_impl_fits(elem),
        // A boxed type, a type parameter or a primitive: its boxed form is what is written
        // (for primitives both forms are the same bytes).
        _ => true,
    }
}

/// True when `<T as TlWrite>::write_bare` gives the bytes of `ty` (bare at its position).
fn bare_impl_fits(ty: &Ty) -> bool {
    match &ty.kind {
        TyKind::Array(n) => runtime_array(*n),
        TyKind::Vec(elem) => boxed_impl_fits(elem),
        _ => true,
    }
}

/// True when the trait impl of `ty`'s Rust type, in the form `ty.bare` picks, gives its bytes.
fn impl_fits(ty: &Ty) -> bool {
    if ty.bare { bare_impl_fits(ty) } else { boxed_impl_fits(ty) }
}

/// An expression writing the value `v` (a reference) of type `ty` into `out`. Types are spelled
/// out (`<i32 as TlWrite>::write_bare`): the compiler then has nothing to infer.
pub(crate) fn write_expr(model: &Model<'_>, ty: &Ty, v: Tokens) -> Tokens {
    if impl_fits(ty) {
        let t = rust_type(model, ty);
        // A boxed type's enum writes its id in `write_bare` (its `write_boxed` does the same).
        return if ty.bare || matches!(ty.kind, TyKind::Enum(_)) {
            quote!(<#t as ::tlayer::TlWrite>::write_bare(#v, out))
        } else {
            quote!(<#t as ::tlayer::TlWrite>::write_boxed(#v, out))
        };
    }
    let elem = match &ty.kind {
        TyKind::Array(_) => return quote!(out.extend_from_slice(#v)),
        TyKind::Vec(elem) => elem,
        _ => unreachable!("only vectors and arrays need their own writer"),
    };
    let boxed = !ty.bare;
    if elem.bare && bare_impl_fits(elem) {
        // `vector<%T>`: each element's `write_bare`.
        return quote!(::tlayer::write_vec_bare_elems(#v, #boxed, out));
    }
    let inner = write_expr(model, elem, quote!(e));
    quote!(::tlayer::write_vec_with(#v, #boxed, out, |e, out| #inner))
}

/// What writes a call's answer of type `ty` besides its own `write_boxed`: `None` for every
/// type whose `write_boxed` is its wire form (boxed types, vectors of them), else a function over
/// `(value, out)` (a bare result's `write_bare`, or a vector whose elements need their own writer).
pub(crate) fn answer_writer(model: &Model<'_>, ty: &Ty) -> Option<Tokens> {
    if impl_fits(ty) {
        // An enum's `write_boxed` is its `write_bare`, which writes its own id.
        return ty.bare.then(|| {
            let t = rust_type(model, ty);
            quote!(<#t as ::tlayer::TlWrite>::write_bare)
        });
    }
    let write = write_expr(model, ty, quote!(v));
    Some(quote!(|v, out| #write))
}

/// An expression reading a value of type `ty` from `r` (with `?`).
pub(crate) fn read_expr(model: &Model<'_>, ty: &Ty) -> Tokens {
    super::try_expr(read_result(model, ty))
}

/// An expression of type `tlayer::Result<T>` reading a value of type `ty` from `r`.
fn read_result(model: &Model<'_>, ty: &Ty) -> Tokens {
    // Numbers straight from the reader: what their `read_bare` calls, in fewer tokens.
    match ty.kind {
        TyKind::I32 => return quote!(r.read_i32()),
        TyKind::I64 => return quote!(r.read_i64()),
        TyKind::U32 => return quote!(r.read_u32()),
        TyKind::F64 => return quote!(r.read_f64()),
        _ => {}
    }
    if impl_fits(ty) {
        let t = rust_type(model, ty);
        // A boxed type's enum reads its id in `read_bare` (its `read_boxed` does the same).
        return if ty.bare || matches!(ty.kind, TyKind::Enum(_)) {
            quote!(<#t as ::tlayer::TlRead>::read_bare(r))
        } else {
            quote!(<#t as ::tlayer::TlRead>::read_boxed(r))
        };
    }
    let elem = match &ty.kind {
        TyKind::Array(n) => {
            let n = crate::tokens::Literal::usize_unsuffixed(*n as usize);
            return quote!(r.read_array::<#n>());
        }
        TyKind::Vec(elem) => elem,
        _ => unreachable!("only vectors and arrays need their own reader"),
    };
    let boxed = !ty.bare;
    if elem.bare && bare_impl_fits(elem) {
        let t = rust_type(model, elem);
        return quote!(::tlayer::read_vec_bare_elems::<#t>(r, #boxed));
    }
    let inner = read_result(model, elem);
    quote!(::tlayer::read_vec_with(r, #boxed, |r| #inner))
}

/// True when nothing in `ty` depends on the layer (no constructor, boxed type or parameter).
fn layer_free(t: &Ty) -> bool {
    match &t.kind {
        TyKind::Enum(_) | TyKind::Struct(_) | TyKind::Generic(_) => false,
        TyKind::Vec(e) => layer_free(e),
        _ => true,
    }
}

/// Like [`write_expr`], but constructors inside are written for `layer` (with `?`).
pub(crate) fn layered_write_expr(model: &Model<'_>, ty: &Ty, v: Tokens) -> Tokens {
    if layer_free(ty) {
        return write_expr(model, ty, v);
    }
    match &ty.kind {
        TyKind::Vec(elem) => {
            let boxed = !ty.bare;
            if !matches!(elem.kind, TyKind::Vec(_)) {
                // One level: the runtime writes each element bare or boxed for the layer.
                let bare_elems = elem.bare;
                return quote!(::tlayer::write_vec_for_layer(#v, layer, #boxed, #bare_elems, out)?);
            }
            // Vectors of vectors: a loop per level, each element written as its type says.
            let inner = layered_write_expr(model, elem, quote!(e));
            let id = boxed.then(|| quote!(out.extend_from_slice(&::tlayer::VECTOR_ID.to_le_bytes());));
            quote! {
                {
                    let items: &[_] = #v;
                    #id
                    let count = i32::try_from(items.len()).expect("a TL vector holds at most i32::MAX elements");
                    out.extend_from_slice(&count.to_le_bytes());
                    for e in items {
                        #inner;
                    }
                }
            }
        }
        _ if ty.bare => quote!(::tlayer::WriteForLayer::write_bare_for_layer(#v, layer, out)?),
        _ => quote!(::tlayer::WriteForLayer::write_boxed_for_layer(#v, layer, out)?),
    }
}
