//! Random valid schemas: names from pools that collide with Rust, types from the whole grammar
//! (flags, shared bits, nested and bare vectors, `%T`, generics, namespaces), every value
//! guaranteed to end (a type refers directly only to types declared before it; any other
//! reference sits inside a vector or behind a flag, which may be empty).

use crate::rng::Rng;
use crate::schema::{Builtin, Def, Func, Param, Ret, Schema, Ty, TypeDecl};
use crate::shapes::{Enabled, Shape};
use std::collections::BTreeSet;

pub(crate) const LC_PLAIN: &[&str] = &[
    "foo", "bar", "baz", "user", "peer", "message", "item", "node", "point", "data", "query", "chat", "photo", "entry",
];
pub(crate) const LC_KEYWORD: &[&str] = &[
    "type", "fn", "self", "crate", "super", "async", "await", "match", "mod", "use", "struct", "enum", "impl", "trait",
    "where", "loop", "move", "ref", "dyn", "box", "yield", "gen", "try", "static", "const", "extern", "in", "as",
    "for", "if", "else", "let", "return", "pub", "unsafe", "abstract", "final", "macro", "override", "virtual", "do",
    "become", "priv", "typeof", "unsized", "mut", "while", "break", "continue", "union", "raw",
];
pub(crate) const LC_PRELUDE: &[&str] = &[
    "option", "result", "vec", "default", "some", "none", "ok", "err", "clone", "debug", "from", "into", "drop", "std",
    "core", "alloc",
];
pub(crate) const LC_RUNTIME: &[&str] = &[
    "reader",
    "error",
    "tl_read",
    "tl_write",
    "identifiable",
    "remote_call",
    "raw_object",
    "from_bytes",
    "to_bytes",
    "write_bare",
    "read_bare",
    "write_boxed",
    "read_boxed",
    "constructor_id",
    "name_for_id",
    "r",
    "out",
    "x",
    "v",
    "g",
    "id",
    "value",
    "other",
    "_flags",
    "_g_x",
    "types",
    "enums",
    "tlayer",
    "serde",
];
pub(crate) const LC_DIGIT: &[&str] = &["a_1", "a1", "x2y", "v2", "b_2_c", "t1"];
pub(crate) const LC_UNDERSCORE_DIGIT: &[&str] = &["_2", "_0", "_1_2"];
/// Pairs whose Rust names collide (as fields: snake case; as constructors: camel case).
pub(crate) const LC_COLLIDING: &[&str] = &["aB", "a_b", "ab", "xY", "x_y", "fooBar", "foo_bar"];

pub(crate) const UC_PLAIN: &[&str] =
    &["Foo", "Bar", "User", "Peer", "Message", "Item", "Node", "Point", "Data", "Chat", "Update"];
pub(crate) const UC_KEYWORD: &[&str] = &["Self", "Fn", "Async", "Match", "Crate"];
pub(crate) const UC_PRELUDE: &[&str] = &[
    "Option",
    "Result",
    "Vec",
    "Box",
    "Default",
    "Some",
    "None",
    "Ok",
    "Err",
    "Clone",
    "Debug",
    "PartialEq",
    "From",
    "TryFrom",
    "Into",
    "Sized",
    "Copy",
    "Send",
    "Sync",
    "Drop",
    "Iterator",
];
pub(crate) const UC_RUNTIME: &[&str] = &[
    "Reader",
    "Error",
    "TlRead",
    "TlWrite",
    "TlReadRef",
    "Identifiable",
    "RemoteCall",
    "RawObject",
    "LayerError",
    "WriteForLayer",
    "Types",
    "Enums",
    "Functions",
    "Return",
    "Serde",
    "Tlayer",
];
pub(crate) const UC_DIGIT: &[&str] = &["A1", "A_1", "T2", "V2", "X2y"];
pub(crate) const UC_COLLIDING: &[&str] = &["AB", "A_b", "Ab", "FooBar", "Foo_bar"];

pub(crate) const NS_PLAIN: &[&str] = &["auth", "messages", "help", "a", "ns1", "a.b"];
pub(crate) const NS_KEYWORD: &[&str] = &[
    "type",
    "self",
    "fn",
    "crate",
    "super",
    "async",
    "mod",
    "types",
    "enums",
    "functions",
    "std",
    "core",
    "tlayer",
    "Self",
];
pub(crate) const NS_SERDE: &[&str] = &["serde"];
pub(crate) const NS_UNDERSCORE_DIGIT: &[&str] = &["_2"];

/// How big the random schemas get.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Most boxed types.
    pub types: usize,
    /// Most constructors per type.
    pub ctors: usize,
    /// Most parameters per definition.
    pub params: usize,
    /// Most functions.
    pub functions: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits { types: 6, ctors: 3, params: 6, functions: 4 }
    }
}

/// A generated schema and the shapes it uses.
#[derive(Clone, Debug)]
pub struct Generated {
    /// The schema.
    pub schema: Schema,
    /// The shapes it uses (value shapes included: the values drawn for it may use them).
    pub shapes: BTreeSet<Shape>,
}

struct Gen<'a> {
    rng: &'a mut Rng,
    on: &'a Enabled,
    def_names: BTreeSet<String>,
    type_names: BTreeSet<String>,
    /// Constructors per type, decided before any field is drawn.
    ctor_counts: Vec<usize>,
    /// Draw builtin field types only.
    builtins_only: bool,
    /// The definition whose parameters are being drawn.
    current_def: String,
    schema: Schema,
}

/// Draws one schema.
pub fn schema(rng: &mut Rng, on: &Enabled, limits: &Limits) -> Generated {
    let mut g = Gen {
        rng,
        on,
        def_names: BTreeSet::new(),
        type_names: BTreeSet::new(),
        ctor_counts: Vec::new(),
        builtins_only: false,
        current_def: String::new(),
        schema: Schema::default(),
    };
    let n_types = 1 + g.rng.below(limits.types);
    for _ in 0..n_types {
        let ns = g.namespace();
        let name = g.fresh_type_name(&ns);
        let ctors = 1 + g.rng.below(limits.ctors);
        g.ctor_counts.push(ctors);
        g.schema.types.push(TypeDecl { name, ctors: Vec::new() });
    }
    // Constructor names first, so that fields can name any constructor as a bare type.
    for t in 0..n_types {
        let ns = namespace_of(&g.schema.types[t].name);
        for _ in 0..g.ctor_counts[t] {
            let name = g.fresh_def_name(&ns);
            g.schema.types[t].ctors.push(Def { name, generics: Vec::new(), params: Vec::new() });
        }
    }
    for t in 0..n_types {
        for c in 0..g.ctor_counts[t] {
            g.current_def = g.schema.types[t].ctors[c].name.clone();
            let (generics, params) = g.params(Some(t), limits.params);
            let def = &mut g.schema.types[t].ctors[c];
            def.generics = generics;
            def.params = params;
        }
    }
    let n_functions = 1 + g.rng.below(limits.functions);
    for i in 0..n_functions {
        let ns = g.namespace();
        let name = g.fresh_def_name(&ns);
        g.current_def = name.clone();
        // The first function is never generic: `!X` values need a plain function to wrap.
        let generic = i > 0 && g.on.on(Shape::GenericFunction) && g.rng.chance(35);
        // The first function takes builtins only, so that a `!X` value can always end with it.
        g.builtins_only = i == 0;
        let func = if generic {
            let (_, mut params) = g.params(None, limits.params / 2);
            params.push(Param::Field { name: g.fresh_field_name(&params), cond: None, ty: Ty::Bang("X".into()) });
            let ret = if g.on.on(Shape::GenericVectorResult) && g.rng.chance(25) {
                Ret::Generic("Vector<X>".into())
            } else {
                Ret::Generic("X".into())
            };
            Func { def: Def { name, generics: vec!["X".into()], params }, ret }
        } else {
            let (_, params) = g.params(None, limits.params);
            g.builtins_only = false;
            let ret = g.return_type();
            Func { def: Def { name, generics: Vec::new(), params }, ret }
        };
        g.schema.functions.push(func);
    }
    zero_size_elements(&mut g);
    let shapes = crate::classify::shapes(&g.schema, g.on);
    Generated { schema: g.schema, shapes }
}

/// Vectors of a bare constructor without fields, when that shape is off: boxed elements instead.
fn zero_size_elements(g: &mut Gen<'_>) {
    fn walk(ty: &mut Ty, empty: &dyn Fn(&Ty) -> Option<usize>) {
        if let Ty::Vector { elem, .. } = ty {
            if let Some(t) = empty(elem) {
                **elem = Ty::Boxed(t);
            }
            walk(elem, empty);
        }
    }
    if g.on.on(Shape::ZeroSizeBareElements) {
        return;
    }
    let snapshot = g.schema.clone();
    let empty = |ty: &Ty| match ty {
        Ty::Percent(t) if snapshot.types[*t].ctors[0].params.is_empty() => Some(*t),
        Ty::BareCtor(t, c) if snapshot.types[*t].ctors[*c].params.is_empty() => Some(*t),
        _ => None,
    };
    let defs = g
        .schema
        .types
        .iter_mut()
        .flat_map(|t| t.ctors.iter_mut())
        .chain(g.schema.functions.iter_mut().map(|f| &mut f.def));
    for d in defs {
        for p in &mut d.params {
            if let Param::Field { ty, .. } = p {
                walk(ty, &empty);
            }
        }
    }
    for f in &mut g.schema.functions {
        if let Ret::Ty(ty) = &mut f.ret {
            walk(ty, &empty);
        }
    }
}

fn namespace_of(full: &str) -> String {
    full.rfind('.').map_or(String::new(), |i| full[..=i].to_string())
}

impl Gen<'_> {
    fn namespace(&mut self) -> String {
        if !self.on.on(Shape::Namespaces) || !self.rng.chance(35) {
            return String::new();
        }
        let mut pools: Vec<(&[&str], Option<Shape>)> = vec![(NS_PLAIN, None)];
        if self.on.on(Shape::KeywordNamespaces) {
            pools.push((NS_KEYWORD, Some(Shape::KeywordNamespaces)));
        }
        if self.on.on(Shape::UnderscoreDigitNames) {
            pools.push((NS_UNDERSCORE_DIGIT, Some(Shape::UnderscoreDigitNames)));
        }
        if self.on.on(Shape::SerdeNamespace) {
            pools.push((NS_SERDE, Some(Shape::SerdeNamespace)));
        }
        let (pool, _) = *self.rng.pick(&pools);
        format!("{}.", self.rng.pick(pool))
    }

    /// A name from one of the enabled pools; `plain` is always available.
    fn pooled(&mut self, pools: &[(&'static [&'static str], Option<Shape>)]) -> &'static str {
        let usable: Vec<_> = pools.iter().filter(|(_, s)| s.is_none_or(|s| self.on.on(s))).collect();
        let &(pool, _) = *self.rng.pick(&usable);
        pool[self.rng.below(pool.len())]
    }

    fn lc_pools() -> [(&'static [&'static str], Option<Shape>); 7] {
        [
            (LC_PLAIN, None),
            (LC_KEYWORD, Some(Shape::KeywordNames)),
            (LC_PRELUDE, Some(Shape::PreludeNames)),
            (LC_RUNTIME, Some(Shape::RuntimeNames)),
            (LC_DIGIT, Some(Shape::DigitNames)),
            (LC_UNDERSCORE_DIGIT, Some(Shape::UnderscoreDigitNames)),
            (LC_COLLIDING, Some(Shape::NameCollisions)),
        ]
    }

    fn fresh_def_name(&mut self, ns: &str) -> String {
        for attempt in 0.. {
            let base = self.pooled(&Self::lc_pools());
            // `Bool`'s and the builtins' constructors would be taken for the runtime's; a name
            // starting with `_` is neither lowercase nor uppercase, so not a constructor name.
            if is_reserved(base) || base.starts_with('_') {
                continue;
            }
            let name = if attempt < 8 { format!("{ns}{base}") } else { format!("{ns}{base}{attempt}") };
            if self.def_names.insert(name.clone()) {
                return name;
            }
        }
        unreachable!()
    }

    fn fresh_type_name(&mut self, ns: &str) -> String {
        let pools = [
            (UC_PLAIN, None),
            (UC_KEYWORD, Some(Shape::KeywordNames)),
            (UC_PRELUDE, Some(Shape::PreludeNames)),
            (UC_RUNTIME, Some(Shape::RuntimeNames)),
            (UC_DIGIT, Some(Shape::DigitNames)),
            (UC_COLLIDING, Some(Shape::NameCollisions)),
        ];
        for attempt in 0.. {
            let base = self.pooled(&pools);
            let name = if attempt < 8 { format!("{ns}{base}") } else { format!("{ns}{base}{attempt}") };
            if self.type_names.insert(name.clone()) {
                return name;
            }
        }
        unreachable!()
    }

    fn fresh_field_name(&mut self, params: &[Param]) -> String {
        let mut pools = Self::lc_pools().to_vec();
        pools.push((UC_PRELUDE, Some(Shape::PreludeNames)));
        pools.push((UC_KEYWORD, Some(Shape::KeywordNames)));
        for attempt in 0.. {
            let base = self.pooled(&pools);
            let name = if attempt < 8 { base.to_string() } else { format!("{base}{attempt}") };
            let taken = params.iter().any(|p| match p {
                Param::Flags(n) => *n == name,
                Param::Field { name: n, .. } => *n == name,
            });
            if !taken {
                return name;
            }
        }
        unreachable!()
    }

    /// Parameters of a constructor of type `owner` (or of a function, `None`).
    fn params(&mut self, owner: Option<usize>, max: usize) -> (Vec<String>, Vec<Param>) {
        let mut params = Vec::new();
        let mut generics = Vec::new();
        // (flags field, bits used so far)
        let mut words: Vec<(String, Vec<u32>)> = Vec::new();
        let n = self.rng.below(max + 1);
        for _ in 0..n {
            let roll = self.rng.below(100);
            if roll < 12 && words.is_empty() && self.on.on(Shape::Flags) {
                let name = if self.rng.chance(80) { "flags".to_string() } else { self.fresh_field_name(&params) };
                params.push(Param::Flags(name.clone()));
                words.push((name, Vec::new()));
                continue;
            }
            if roll < 18 && words.len() == 1 && self.on.on(Shape::SecondFlags) {
                let name = if params.iter().any(|p| *p == Param::Flags("flags2".into())) {
                    self.fresh_field_name(&params)
                } else {
                    "flags2".to_string()
                };
                params.push(Param::Flags(name.clone()));
                words.push((name, Vec::new()));
                continue;
            }
            if roll < 22
                && owner.is_some()
                && generics.is_empty()
                && !self.builtins_only
                && self.on.on(Shape::GenericConstructor)
            {
                generics.push("X".to_string());
                let name = self.fresh_field_name(&params);
                params.push(Param::Field { name, cond: None, ty: Ty::Bang("X".into()) });
                continue;
            }
            if roll < 26 && self.on.on(Shape::PlainNat) {
                let name = self.fresh_field_name(&params);
                params.push(Param::Field { name, cond: None, ty: Ty::Builtin(Builtin::Nat) });
                continue;
            }
            let name = self.fresh_field_name(&params);
            if !words.is_empty() && self.rng.chance(60) {
                let w = self.rng.below(words.len());
                // Bits this field may share: with escaped names in the group switched off, only
                // bits of fields with plain names, and only for a plain field of a plain definition.
                let plain_group = self.on.on(Shape::SharedBitEscapedNames)
                    || !(crate::classify::escaped(&self.current_def) || crate::classify::escaped(&name));
                let shareable: Vec<u32> = words[w]
                    .1
                    .iter()
                    .copied()
                    .filter(|&b| {
                        self.on.on(Shape::SharedBitEscapedNames)
                            || !params.iter().any(|p| {
                                matches!(p, Param::Field { name, cond: Some((cw, cb)), .. }
                                    if *cw == words[w].0 && *cb == b && crate::classify::escaped(name))
                            })
                    })
                    .collect();
                let shared =
                    plain_group && !shareable.is_empty() && self.on.on(Shape::SharedBit) && self.rng.chance(35);
                let bit = if shared {
                    *self.rng.pick(&shareable)
                } else {
                    let fresh: Vec<u32> = (0..32).filter(|b| !words[w].1.contains(b)).collect();
                    // Low bits mostly, bit 31 now and then.
                    if self.rng.chance(10) && fresh.contains(&31) {
                        31
                    } else {
                        fresh[self.rng.below(fresh.len().min(6))]
                    }
                };
                words[w].1.push(bit);
                let ty = if self.rng.chance(35) { Ty::True } else { self.ty(owner, true, 0) };
                params.push(Param::Field { name, cond: Some((words[w].0.clone(), bit)), ty });
            } else {
                let ty = self.ty(owner, false, 0);
                params.push(Param::Field { name, cond: None, ty });
            }
        }
        (generics, params)
    }

    /// A field type. `owner`: the type whose constructor this is (functions: `None`, any type
    /// may be used). `guarded`: inside a vector or behind a flag, where any type may appear.
    fn ty(&mut self, owner: Option<usize>, guarded: bool, depth: u32) -> Ty {
        let n_types = self.schema.types.len();
        // Types a direct reference may use: all for functions, earlier ones for constructors.
        let direct = owner.unwrap_or(n_types);
        let pool_end = if guarded { n_types } else { direct };
        if self.builtins_only {
            return self.builtin();
        }
        let roll = self.rng.below(100);
        if roll < 20 && depth < 3 {
            let boxed = !self.on.on(Shape::BareVector) || self.rng.chance(50);
            let elem = self.ty(owner, true, depth + 1);
            let v = Ty::Vector { boxed, elem: Box::new(elem) };
            if let Ty::Vector { elem, .. } = &v
                && let Some(shape) = crate::classify::nested_shape(elem)
                && !self.on.on(shape)
            {
                return Ty::Builtin(Builtin::Int);
            }
            return v;
        }
        if roll < 55 && pool_end > 0 {
            let t = self.rng.below(pool_end);
            if guarded && owner.is_some_and(|o| t >= o) && !self.on.on(Shape::ForwardRefs) {
                return self.builtin();
            }
            let r = self.rng.below(100);
            if r < 25 && self.ctor_counts[t] == 1 && self.on.on(Shape::BareType) {
                return Ty::Percent(t);
            }
            if r < 40 && self.on.on(Shape::BareCtorName) {
                return Ty::BareCtor(t, self.rng.below(self.ctor_counts[t]));
            }
            return Ty::Boxed(t);
        }
        self.builtin()
    }

    fn builtin(&mut self) -> Ty {
        loop {
            let b = *self.rng.pick(&Builtin::ALL);
            match b {
                Builtin::Nat => continue,
                _ => return Ty::Builtin(b),
            }
        }
    }

    fn return_type(&mut self) -> Ret {
        let n_types = self.schema.types.len();
        let roll = self.rng.below(100);
        if roll < 25 && self.on.on(Shape::FunctionReturnsVector) {
            let elem = if self.rng.chance(50) { Ty::Boxed(self.rng.below(n_types)) } else { self.builtin() };
            return Ret::Ty(Ty::Vector { boxed: true, elem: Box::new(elem) });
        }
        if roll < 35 {
            return Ret::Ty(Ty::Builtin(Builtin::Bool));
        }
        Ret::Ty(Ty::Boxed(self.rng.below(n_types)))
    }
}

/// Constructor names the generator never uses: builtin types' and `Bool`'s constructors, and the
/// lowercase names the runtime maps to primitives.
fn is_reserved(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "long"
            | "double"
            | "string"
            | "bytes"
            | "int128"
            | "int256"
            | "int32"
            | "int53"
            | "int64"
            | "vector"
            | "true"
            | "false"
            | "boolTrue"
            | "boolFalse"
            | "object"
            | "function"
            | "secureString"
            | "secureBytes"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_schema() {
        let on = Enabled::all();
        let a = schema(&mut Rng::new(3), &on, &Limits::default());
        let b = schema(&mut Rng::new(3), &on, &Limits::default());
        assert_eq!(a.schema, b.schema);
        assert_eq!(a.schema.text(), b.schema.text());
    }

    #[test]
    fn a_shape_switched_off_never_appears() {
        for off in Shape::ALL {
            let on = Enabled::all_but(&[off]);
            for seed in 0..40 {
                let g = schema(&mut Rng::new(seed), &on, &Limits::default());
                assert!(!g.shapes.contains(&off), "{off:?} in seed {seed}:\n{}", g.schema.text());
            }
        }
    }

    #[test]
    fn every_shape_appears_within_a_few_hundred_schemas() {
        let on = Enabled::all();
        let mut seen = BTreeSet::new();
        for seed in 0..400 {
            seen.extend(schema(&mut Rng::new(seed), &on, &Limits::default()).shapes);
        }
        // LayeredServerSide is an option set, not something a schema contains.
        let missing: Vec<_> =
            Shape::ALL.iter().filter(|s| !seen.contains(s) && **s != Shape::LayeredServerSide).collect();
        assert!(missing.is_empty(), "never generated: {missing:?}");
    }
}
