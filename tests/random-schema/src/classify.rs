//! Which shapes a schema has, read from the schema itself: the generator's output and every
//! shrunk version of it are classified the same way, so a shape that is switched off can be
//! kept out of both.

use crate::generate::{
    LC_COLLIDING, LC_DIGIT, LC_KEYWORD, LC_PRELUDE, LC_RUNTIME, LC_UNDERSCORE_DIGIT, NS_KEYWORD, NS_SERDE,
    NS_UNDERSCORE_DIGIT, UC_COLLIDING, UC_DIGIT, UC_KEYWORD, UC_PRELUDE, UC_RUNTIME,
};
use crate::schema::{Builtin, Def, Param, Ret, Schema, Ty};
use crate::shapes::{Enabled, Shape};
use std::collections::BTreeSet;

/// The shapes of `schema`; value shapes count when `on` has them and a field can show them.
pub fn shapes(schema: &Schema, on: &Enabled) -> BTreeSet<Shape> {
    let mut out = BTreeSet::new();
    let name_pools: [(&[&str], Shape); 11] = [
        (LC_KEYWORD, Shape::KeywordNames),
        (UC_KEYWORD, Shape::KeywordNames),
        (LC_PRELUDE, Shape::PreludeNames),
        (UC_PRELUDE, Shape::PreludeNames),
        (LC_RUNTIME, Shape::RuntimeNames),
        (UC_RUNTIME, Shape::RuntimeNames),
        (LC_DIGIT, Shape::DigitNames),
        (UC_DIGIT, Shape::DigitNames),
        (LC_UNDERSCORE_DIGIT, Shape::UnderscoreDigitNames),
        (LC_COLLIDING, Shape::NameCollisions),
        (UC_COLLIDING, Shape::NameCollisions),
    ];
    let mut name = |full: &str, out: &mut BTreeSet<Shape>| {
        let mut segments: Vec<&str> = full.split('.').collect();
        let base = segments.pop().unwrap_or(full);
        if !segments.is_empty() {
            out.insert(Shape::Namespaces);
        }
        for ns in segments {
            if NS_KEYWORD.contains(&ns) {
                out.insert(Shape::KeywordNamespaces);
            }
            if NS_SERDE.contains(&ns) {
                out.insert(Shape::SerdeNamespace);
            }
            if NS_UNDERSCORE_DIGIT.contains(&ns) {
                out.insert(Shape::UnderscoreDigitNames);
            }
        }
        for (pool, shape) in &name_pools {
            if pool.contains(&base) {
                out.insert(*shape);
            }
        }
    };
    let has_params = |t: usize, c: usize| !schema.types[t].ctors[c].params.is_empty();
    for (t, decl) in schema.types.iter().enumerate() {
        name(&decl.name, &mut out);
        for c in &decl.ctors {
            if !c.generics.is_empty() {
                out.insert(Shape::GenericConstructor);
            }
            def_shapes(schema, c, Some(t), &mut name, &has_params, &mut out);
        }
    }
    for f in &schema.functions {
        if !f.def.generics.is_empty() {
            out.insert(Shape::GenericFunction);
        }
        def_shapes(schema, &f.def, None, &mut name, &has_params, &mut out);
        match &f.ret {
            Ret::Generic(text) if text.starts_with("Vector") => {
                out.insert(Shape::GenericVectorResult);
            }
            Ret::Generic(_) => {}
            Ret::Ty(ty) => {
                if matches!(ty, Ty::Vector { .. }) {
                    out.insert(Shape::FunctionReturnsVector);
                }
                ty_shapes(ty, None, &has_params, &mut out);
            }
        }
    }
    // Value shapes: what the values of these fields may hold.
    let fields: Vec<&Ty> = all_defs(schema)
        .flat_map(|d| d.params.iter())
        .filter_map(|p| match p {
            Param::Field { ty, .. } => Some(ty),
            Param::Flags(_) => None,
        })
        .collect();
    let words = all_defs(schema).any(|d| d.params.iter().any(|p| matches!(p, Param::Flags(_))));
    for (shape, present) in [
        (Shape::ArbitraryDoubles, fields.iter().any(|t| has_builtin(t, Builtin::Double))),
        (Shape::SpecialDoubles, fields.iter().any(|t| has_builtin(t, Builtin::Double))),
        (Shape::NonUtf8Strings, fields.iter().any(|t| has_builtin(t, Builtin::Str))),
        (Shape::UnusedFlagBits, words),
    ] {
        if present && on.on(shape) {
            out.insert(shape);
        }
    }
    out
}

fn all_defs(s: &Schema) -> impl Iterator<Item = &Def> {
    s.types.iter().flat_map(|t| t.ctors.iter()).chain(s.functions.iter().map(|f| &f.def))
}

fn def_shapes(
    schema: &Schema,
    def: &Def,
    owner: Option<usize>,
    name: &mut dyn FnMut(&str, &mut BTreeSet<Shape>),
    has_params: &dyn Fn(usize, usize) -> bool,
    out: &mut BTreeSet<Shape>,
) {
    name(&def.name, out);
    let mut words = 0;
    let mut bits: Vec<(&str, u32)> = Vec::new();
    for p in &def.params {
        match p {
            Param::Flags(n) => {
                name(n, out);
                words += 1;
                out.insert(Shape::Flags);
                if words > 1 {
                    out.insert(Shape::SecondFlags);
                }
            }
            Param::Field { name: n, cond, ty } => {
                name(n, out);
                if let Some((w, b)) = cond {
                    bits.push((w.as_str(), *b));
                }
                if *ty == Ty::Builtin(Builtin::Nat) {
                    out.insert(Shape::PlainNat);
                }
                ty_shapes(ty, owner, has_params, out);
            }
        }
    }
    // Shared bits, and whether a group has an escaped name in it (its own or its definition's).
    for (i, bit) in bits.iter().enumerate() {
        if bits[..i].contains(bit) {
            out.insert(Shape::SharedBit);
            let on_bit = def.params.iter().filter_map(|p| match p {
                Param::Field { name, cond: Some((w, b)), .. } if (w.as_str(), *b) == *bit => Some(name),
                _ => None,
            });
            if escaped(&def.name) || on_bit.into_iter().any(|n| escaped(n)) {
                out.insert(Shape::SharedBitEscapedNames);
            }
        }
    }
    let _ = schema;
}

/// Whether the Rust name of `name` (its last segment) gets escaped or starts with `_`: a Rust
/// keyword, a prelude item, or a leading underscore.
pub fn escaped(name: &str) -> bool {
    let base = name.rsplit('.').next().unwrap_or(name);
    base.starts_with('_') || [LC_KEYWORD, UC_KEYWORD, LC_PRELUDE, UC_PRELUDE].iter().any(|pool| pool.contains(&base))
}

fn ty_shapes(ty: &Ty, owner: Option<usize>, has_params: &dyn Fn(usize, usize) -> bool, out: &mut BTreeSet<Shape>) {
    match ty {
        Ty::Boxed(t) | Ty::Percent(t) | Ty::BareCtor(t, _) => {
            if owner.is_some_and(|o| *t >= o) {
                out.insert(Shape::ForwardRefs);
            }
            match ty {
                Ty::Percent(_) => {
                    out.insert(Shape::BareType);
                }
                Ty::BareCtor(..) => {
                    out.insert(Shape::BareCtorName);
                }
                _ => {}
            }
        }
        Ty::Vector { boxed, elem } => {
            if !boxed {
                out.insert(Shape::BareVector);
            }
            match &**elem {
                Ty::Vector { .. } => {
                    out.extend(nested_shape(elem));
                }
                Ty::Percent(t) if !has_params(*t, 0) => {
                    out.insert(Shape::ZeroSizeBareElements);
                }
                Ty::BareCtor(t, c) if !has_params(*t, *c) => {
                    out.insert(Shape::ZeroSizeBareElements);
                }
                _ => {}
            }
            ty_shapes(elem, owner, has_params, out);
        }
        Ty::Builtin(_) | Ty::True | Ty::Bang(_) => {}
    }
}

/// The shape of a vector whose element type is `elem`, if that is a vector too: a nested bare
/// vector when any inner level is a bare `vector<..>` or the innermost element is a bare
/// constructor, else a nested vector.
pub fn nested_shape(elem: &Ty) -> Option<Shape> {
    let mut inner = elem;
    let mut bare_level = false;
    let mut nested = false;
    while let Ty::Vector { boxed, elem } = inner {
        nested = true;
        bare_level |= !boxed;
        inner = elem;
    }
    let bare = bare_level || matches!(inner, Ty::Percent(_) | Ty::BareCtor(..));
    nested.then_some(if bare { Shape::NestedBareVector } else { Shape::NestedVector })
}

fn has_builtin(ty: &Ty, b: Builtin) -> bool {
    match ty {
        Ty::Builtin(x) => *x == b,
        Ty::Vector { elem, .. } => has_builtin(elem, b),
        _ => false,
    }
}
