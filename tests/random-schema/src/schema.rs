//! The random schemas, as this crate builds them: a small syntax tree that knows what it means
//! (which fields a flag bit governs, which type a bare reference names), rendered to TL text.
//!
//! The tree, not the parser's reading of the text, drives the reference encoder
//! ([`crate::values`]), so a parser that misreads the text shows up as a disagreement.

use std::fmt::Write as _;

/// A builtin TL type a field can have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Builtin {
    /// `int`
    Int,
    /// `long`
    Long,
    /// `double`
    Double,
    /// `string`
    Str,
    /// `bytes`
    Bytes,
    /// `int128`
    Int128,
    /// `int256`
    Int256,
    /// `Bool`
    Bool,
    /// `#` not used as flags
    Nat,
}

impl Builtin {
    /// Every builtin.
    pub const ALL: [Builtin; 9] = [
        Builtin::Int,
        Builtin::Long,
        Builtin::Double,
        Builtin::Str,
        Builtin::Bytes,
        Builtin::Int128,
        Builtin::Int256,
        Builtin::Bool,
        Builtin::Nat,
    ];

    /// The name as written in a schema.
    pub fn text(self) -> &'static str {
        match self {
            Builtin::Int => "int",
            Builtin::Long => "long",
            Builtin::Double => "double",
            Builtin::Str => "string",
            Builtin::Bytes => "bytes",
            Builtin::Int128 => "int128",
            Builtin::Int256 => "int256",
            Builtin::Bool => "Bool",
            Builtin::Nat => "#",
        }
    }
}

/// A type expression.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ty {
    /// A builtin.
    Builtin(Builtin),
    /// `true` (only after a flag condition).
    True,
    /// A boxed type of the schema, by index into [`Schema::types`].
    Boxed(usize),
    /// `%T`: the only constructor of type `T`, bare.
    Percent(usize),
    /// A constructor by name (`foo`), bare: (type index, constructor index).
    BareCtor(usize, usize),
    /// `Vector<T>` (`boxed`) or `vector<T>`.
    Vector {
        /// With the vector id.
        boxed: bool,
        /// The element type.
        elem: Box<Ty>,
    },
    /// `!X`: a type parameter's value, boxed.
    Bang(String),
}

/// One parameter of a definition, in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Param {
    /// `name:#` that flag conditions refer to.
    Flags(String),
    /// `name:T` or `name:flags.N?T`.
    Field {
        /// The field's name.
        name: String,
        /// The flags field and bit it depends on.
        cond: Option<(String, u32)>,
        /// Its type.
        ty: Ty,
    },
}

/// A constructor or a function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Def {
    /// Full name (`ns.name`).
    pub name: String,
    /// `{X:Type}` parameters.
    pub generics: Vec<String>,
    /// Parameters in order.
    pub params: Vec<Param>,
}

/// A boxed type and its constructors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TypeDecl {
    /// Full name (`ns.Name`).
    pub name: String,
    /// Its constructors (at least one).
    pub ctors: Vec<Def>,
}

/// What a function returns.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Ret {
    /// A type expression (boxed type, `Vector<T>`, `Bool`).
    Ty(Ty),
    /// `X` of `{X:Type}`: what the wrapped query returns.
    Generic(String),
}

/// A function.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Func {
    /// The definition.
    pub def: Def,
    /// The result type.
    pub ret: Ret,
}

/// A whole schema.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schema {
    /// Boxed types with their constructors.
    pub types: Vec<TypeDecl>,
    /// Functions.
    pub functions: Vec<Func>,
}

impl Schema {
    /// The type expression as written in the schema.
    pub fn ty_text(&self, ty: &Ty) -> String {
        match ty {
            Ty::Builtin(b) => b.text().to_string(),
            Ty::True => "true".to_string(),
            Ty::Boxed(t) => self.types[*t].name.clone(),
            Ty::Percent(t) => format!("%{}", self.types[*t].name),
            Ty::BareCtor(t, c) => self.types[*t].ctors[*c].name.clone(),
            Ty::Vector { boxed, elem } => {
                format!("{}<{}>", if *boxed { "Vector" } else { "vector" }, self.ty_text(elem))
            }
            Ty::Bang(x) => format!("!{x}"),
        }
    }

    /// The return type as written in the schema.
    pub fn ret_text(&self, ret: &Ret) -> String {
        match ret {
            Ret::Ty(ty) => self.ty_text(ty),
            Ret::Generic(x) => x.clone(),
        }
    }

    fn def_line(&self, def: &Def, result: &str) -> String {
        let mut line = def.name.clone();
        for g in &def.generics {
            let _ = write!(line, " {{{g}:Type}}");
        }
        for p in &def.params {
            match p {
                Param::Flags(name) => {
                    let _ = write!(line, " {name}:#");
                }
                Param::Field { name, cond, ty } => {
                    let _ = write!(line, " {name}:");
                    if let Some((flags, bit)) = cond {
                        let _ = write!(line, "{flags}.{bit}?");
                    }
                    line.push_str(&self.ty_text(ty));
                }
            }
        }
        let _ = write!(line, " = {result};");
        line
    }

    /// The schema as TL text, ready for `tlayer check`.
    pub fn text(&self) -> String {
        let mut out = String::new();
        for t in &self.types {
            for c in &t.ctors {
                out.push_str(&self.def_line(c, &t.name));
                out.push('\n');
            }
        }
        if !self.functions.is_empty() {
            out.push_str("\n---functions---\n\n");
            for f in &self.functions {
                out.push_str(&self.def_line(&f.def, &self.ret_text(&f.ret)));
                out.push('\n');
            }
        }
        out
    }

    /// The type, if any, with this exact constructor name.
    pub fn ctor_named(&self, name: &str) -> Option<(usize, usize)> {
        self.types
            .iter()
            .enumerate()
            .find_map(|(t, decl)| decl.ctors.iter().position(|c| c.name == name).map(|c| (t, c)))
    }

    /// Every type index that `ty` mentions.
    pub fn mentions(ty: &Ty, out: &mut Vec<usize>) {
        match ty {
            Ty::Boxed(t) | Ty::Percent(t) | Ty::BareCtor(t, _) => out.push(*t),
            Ty::Vector { elem, .. } => Self::mentions(elem, out),
            Ty::Builtin(_) | Ty::True | Ty::Bang(_) => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_flags_vectors_bare_types_and_generics() {
        let foo = Def {
            name: "foo".into(),
            generics: vec![],
            params: vec![
                Param::Flags("flags".into()),
                Param::Field { name: "a".into(), cond: Some(("flags".into(), 0)), ty: Ty::True },
                Param::Field {
                    name: "b".into(),
                    cond: Some(("flags".into(), 0)),
                    ty: Ty::Vector {
                        boxed: true,
                        elem: Box::new(Ty::Vector { boxed: false, elem: Box::new(Ty::Percent(0)) }),
                    },
                },
            ],
        };
        let get = Func {
            def: Def {
                name: "type.get".into(),
                generics: vec!["X".into()],
                params: vec![Param::Field { name: "q".into(), cond: None, ty: Ty::Bang("X".into()) }],
            },
            ret: Ret::Generic("X".into()),
        };
        let s = Schema { types: vec![TypeDecl { name: "Foo".into(), ctors: vec![foo] }], functions: vec![get] };
        assert_eq!(
            s.text(),
            "foo flags:# a:flags.0?true b:flags.0?Vector<vector<%Foo>> = Foo;\n\n---functions---\n\n\
             type.get {X:Type} q:!X = X;\n"
        );
    }
}
