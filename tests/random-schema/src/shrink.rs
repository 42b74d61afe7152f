//! Smaller versions of a schema, for shrinking a failing one: each drops or simplifies one
//! thing (a function, a type, a constructor, a parameter, a vector level, a name) and keeps the
//! schema valid and every value finite.

use crate::schema::{Builtin, Def, Param, Ret, Schema, Ty};

/// Every one-step reduction of `s`, roughly biggest first.
pub fn reductions(s: &Schema) -> Vec<Schema> {
    let mut out = Vec::new();
    let has_bang = all_defs(s).any(|d| d.params.iter().any(|p| matches!(p, Param::Field { ty: Ty::Bang(_), .. })));
    for f in 0..s.functions.len() {
        // Function 0 is the way out of `!X` values, and a schema keeps one function.
        if s.functions.len() > 1 && (f > 0 || !has_bang) {
            let mut c = s.clone();
            c.functions.remove(f);
            out.push(c);
        }
    }
    for t in 0..s.types.len() {
        if s.types.len() > 1 {
            out.push(remove_type(s, t));
        }
        for k in 0..s.types[t].ctors.len() {
            if s.types[t].ctors.len() > 1 {
                out.push(remove_ctor(s, t, k));
            }
        }
    }
    for (d, def) in all_defs(s).enumerate() {
        for p in 0..def.params.len() {
            let mut c = s.clone();
            remove_param(def_mut(&mut c, d), p);
            out.push(c);
            if let Param::Field { ty, .. } = &def.params[p] {
                for simpler in simplify(ty) {
                    let mut c = s.clone();
                    if let Param::Field { ty, .. } = &mut def_mut(&mut c, d).params[p] {
                        *ty = simpler;
                    }
                    out.push(c);
                }
            }
        }
    }
    // Plain names: a failure that needs a special name keeps it.
    for (d, def) in all_defs(s).enumerate() {
        let plain = format!("d{d}");
        if def.name != plain {
            let mut c = s.clone();
            def_mut(&mut c, d).name = plain;
            out.push(c);
        }
        for p in 0..def.params.len() {
            let mut c = s.clone();
            rename_param(def_mut(&mut c, d), p, &format!("p{p}"));
            out.push(c);
        }
    }
    for t in 0..s.types.len() {
        let plain = format!("T{t}");
        if s.types[t].name != plain {
            let mut c = s.clone();
            c.types[t].name = plain;
            out.push(c);
        }
    }
    for f in 0..s.functions.len() {
        if s.functions[f].ret != Ret::Ty(Ty::Builtin(Builtin::Bool)) && s.functions[f].def.generics.is_empty() {
            let mut c = s.clone();
            c.functions[f].ret = Ret::Ty(Ty::Builtin(Builtin::Bool));
            out.push(c);
        }
    }
    for c in &mut out {
        // A function that lost its `!X` returns `Bool` instead of `X`.
        for f in &mut c.functions {
            if f.def.generics.is_empty() && matches!(f.ret, Ret::Generic(_)) {
                f.ret = Ret::Ty(Ty::Builtin(Builtin::Bool));
            }
        }
    }
    out.retain(|c| c != s && names_unique(c));
    out
}

/// An older layer of `s` for multi-layer generation: without its last function (when it has
/// two or more) and without the last parameter of its first constructor that has parameters (so
/// that constructor has another id in the newer layer).
pub fn older_layer(s: &Schema) -> Schema {
    let mut old = s.clone();
    if old.functions.len() > 1 {
        old.functions.pop();
    }
    if let Some(def) = old.types.iter_mut().flat_map(|t| t.ctors.iter_mut()).find(|d| !d.params.is_empty()) {
        let last = def.params.len() - 1;
        remove_param(def, last);
    }
    old
}

fn all_defs(s: &Schema) -> impl Iterator<Item = &Def> {
    s.types.iter().flat_map(|t| t.ctors.iter()).chain(s.functions.iter().map(|f| &f.def))
}

fn def_mut(s: &mut Schema, index: usize) -> &mut Def {
    let n_ctors: usize = s.types.iter().map(|t| t.ctors.len()).sum();
    if index >= n_ctors {
        return &mut s.functions[index - n_ctors].def;
    }
    s.types.iter_mut().flat_map(|t| t.ctors.iter_mut()).nth(index).expect("in range")
}

fn names_unique(s: &Schema) -> bool {
    let mut defs: Vec<&str> = all_defs(s).map(|d| d.name.as_str()).collect();
    let mut types: Vec<&str> = s.types.iter().map(|t| t.name.as_str()).collect();
    let (nd, nt) = (defs.len(), types.len());
    defs.sort();
    defs.dedup();
    types.sort();
    types.dedup();
    if defs.len() != nd || types.len() != nt {
        return false;
    }
    all_defs(s).all(|d| {
        let mut names: Vec<&str> = d
            .params
            .iter()
            .map(|p| match p {
                Param::Flags(n) | Param::Field { name: n, .. } => n.as_str(),
            })
            .collect();
        let n = names.len();
        names.sort();
        names.dedup();
        names.len() == n
    })
}

/// Simpler types in place of `ty`.
fn simplify(ty: &Ty) -> Vec<Ty> {
    match ty {
        Ty::Vector { boxed, elem } => {
            let mut v = vec![(**elem).clone()];
            if *boxed {
                v.push(Ty::Vector { boxed: false, elem: elem.clone() });
            }
            v.extend(simplify(elem).into_iter().map(|e| Ty::Vector { boxed: *boxed, elem: Box::new(e) }));
            v
        }
        Ty::Percent(t) | Ty::BareCtor(t, _) => vec![Ty::Boxed(*t), Ty::Builtin(Builtin::Int)],
        Ty::Boxed(_) => vec![Ty::Builtin(Builtin::Int)],
        Ty::Builtin(Builtin::Int) | Ty::True | Ty::Bang(_) => vec![],
        Ty::Builtin(_) => vec![Ty::Builtin(Builtin::Int)],
    }
}

fn remove_param(def: &mut Def, p: usize) {
    let removed = def.params.remove(p);
    match removed {
        Param::Flags(word) => {
            def.params.retain(|q| !matches!(q, Param::Field { cond: Some((w, _)), .. } if *w == word))
        }
        Param::Field { ty: Ty::Bang(_), .. } => {
            if !def.params.iter().any(|q| matches!(q, Param::Field { ty: Ty::Bang(_), .. })) {
                def.generics.clear();
            }
        }
        Param::Field { .. } => {}
    }
}

fn rename_param(def: &mut Def, p: usize, to: &str) {
    let old = match &mut def.params[p] {
        Param::Flags(n) => std::mem::replace(n, to.to_string()),
        Param::Field { name, .. } => std::mem::replace(name, to.to_string()),
    };
    if matches!(def.params[p], Param::Flags(_)) {
        for q in &mut def.params {
            if let Param::Field { cond: Some((w, _)), .. } = q
                && *w == old
            {
                *w = to.to_string();
            }
        }
    }
}

/// Rewrites every type expression of `s` with `f` (which returns the replacement, if any).
fn map_types(s: &mut Schema, f: &dyn Fn(&Ty) -> Option<Ty>) {
    fn walk(ty: &mut Ty, f: &dyn Fn(&Ty) -> Option<Ty>) {
        if let Some(new) = f(ty) {
            *ty = new;
            return;
        }
        if let Ty::Vector { elem, .. } = ty {
            walk(elem, f);
        }
    }
    for t in &mut s.types {
        for c in &mut t.ctors {
            for p in &mut c.params {
                if let Param::Field { ty, .. } = p {
                    walk(ty, f);
                }
            }
        }
    }
    for func in &mut s.functions {
        for p in &mut func.def.params {
            if let Param::Field { ty, .. } = p {
                walk(ty, f);
            }
        }
        if let Ret::Ty(ty) = &mut func.ret {
            walk(ty, f);
        }
    }
}

fn remove_type(s: &Schema, t: usize) -> Schema {
    let mut c = s.clone();
    c.types.remove(t);
    let shift = |i: usize| if i > t { i - 1 } else { i };
    map_types(&mut c, &|ty| match ty {
        Ty::Boxed(i) | Ty::Percent(i) | Ty::BareCtor(i, _) if *i == t => Some(Ty::Builtin(Builtin::Int)),
        Ty::Boxed(i) => Some(Ty::Boxed(shift(*i))),
        Ty::Percent(i) => Some(Ty::Percent(shift(*i))),
        Ty::BareCtor(i, k) => Some(Ty::BareCtor(shift(*i), *k)),
        _ => None,
    });
    // A function that returned the removed type returns `Bool`.
    for (new, old) in c.functions.iter_mut().zip(&s.functions) {
        if old.ret == Ret::Ty(Ty::Boxed(t)) {
            new.ret = Ret::Ty(Ty::Builtin(Builtin::Bool));
        }
    }
    c
}

fn remove_ctor(s: &Schema, t: usize, k: usize) -> Schema {
    let mut c = s.clone();
    c.types[t].ctors.remove(k);
    map_types(&mut c, &|ty| match ty {
        Ty::BareCtor(i, j) if *i == t && *j == k => Some(Ty::Boxed(t)),
        Ty::BareCtor(i, j) if *i == t && *j > k => Some(Ty::BareCtor(t, j - 1)),
        _ => None,
    });
    c
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::generate::{Limits, schema};
    use crate::rng::Rng;
    use crate::shapes::Enabled;

    #[test]
    fn reductions_are_smaller_valid_schemas() {
        for seed in 0..30 {
            // Every shape but a generic constructor, which `check` now refuses (docs/contract.md).
            let on = Enabled::all_but(&[crate::shapes::Shape::GenericConstructor]);
            let g = schema(&mut Rng::new(seed), &on, &Limits::default());
            for r in reductions(&g.schema) {
                assert_ne!(r, g.schema);
                let text = r.text();
                let parsed = tlayer_parser::parse(&text, &tlayer_parser::Options::default());
                let errors: Vec<_> =
                    parsed.diagnostics.iter().filter(|d| d.severity == tlayer_parser::Severity::Error).collect();
                assert!(errors.is_empty(), "seed {seed}: {errors:?}\n{text}");
            }
        }
    }
}
