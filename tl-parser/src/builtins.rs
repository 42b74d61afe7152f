//! The one table of TL's builtin types: what each name is on the wire, and in which dialects a
//! schema may use it without declaring it. Validation (which names are known) and code
//! generation (which Rust type a name maps to) both read it.
//!
//! | names | on the wire | known undeclared |
//! |---|---|---|
//! | `int`, `Int` | 4-byte little-endian integer | everywhere |
//! | `long`, `Long` | 8-byte little-endian integer | everywhere |
//! | `double`, `Double` | 8-byte IEEE-754 | everywhere |
//! | `string`, `String`, `bytes`, `Bytes` | length-prefixed, padded to 4 | everywhere |
//! | `int128`, `Int128`, `int256`, `Int256` | 16, 32 raw bytes | everywhere |
//! | `Bool` | `boolTrue#997275b5` or `boolFalse#bc799737` | everywhere |
//! | `true`, `True` | nothing (a flag bit) | everywhere |
//! | `Vector`, `vector` | `Vector` id (boxed), count, elements | everywhere |
//! | `Type` | a type parameter's kind | everywhere |
//! | `Object` | any boxed value | everywhere |
//! | `int32`, `int53`, `int64`, `secureString`, `secureBytes` (and capitalized) | as `int`, `long`, `long`, `string`, `bytes` | TON (its tools know them) |
//! | `object`, `function`, `Function` | any boxed value | when declared |
//!
//! A schema may declare more fixed-width integers as repeated `int`s: `int512 16*[ int ] =
//! Int512;` is 64 raw bytes ([`declared_width`]).

use crate::ast::{Definition, Dialect, Param, ParamKind};

/// What a builtin type is on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Builtin {
    /// A 4-byte little-endian signed integer.
    Int,
    /// An 8-byte little-endian signed integer.
    Long,
    /// An 8-byte IEEE-754 double.
    Double,
    /// A length-prefixed UTF-8 string.
    String,
    /// Length-prefixed bytes.
    Bytes,
    /// This many raw bytes (`int128`: 16).
    Raw(u32),
    /// `Bool`: one of two constructor ids.
    Bool,
    /// `true`: no bytes; only a flag bit.
    True,
    /// `Vector t` / `vector t`.
    Vector,
    /// `Type`: the kind of a type parameter.
    Type,
    /// Any boxed value (`Object`, `Function`).
    Object,
}

/// Where a builtin name is known without being declared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Known {
    /// In every schema.
    Always,
    /// In TON schemas (their tools know these names).
    Ton,
    /// Only when the schema declares it (`object ? = Object;`).
    Declared,
}

/// One row of the table.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Entry {
    /// The name as written in a schema.
    pub name: &'static str,
    /// What it is.
    pub builtin: Builtin,
    /// Where it is known undeclared.
    pub known: Known,
}

const fn e(name: &'static str, builtin: Builtin, known: Known) -> Entry {
    Entry { name, builtin, known }
}

/// Every builtin name.
pub const TABLE: &[Entry] = &[
    e("int", Builtin::Int, Known::Always),
    e("Int", Builtin::Int, Known::Always),
    e("long", Builtin::Long, Known::Always),
    e("Long", Builtin::Long, Known::Always),
    e("double", Builtin::Double, Known::Always),
    e("Double", Builtin::Double, Known::Always),
    e("string", Builtin::String, Known::Always),
    e("String", Builtin::String, Known::Always),
    e("bytes", Builtin::Bytes, Known::Always),
    e("Bytes", Builtin::Bytes, Known::Always),
    e("int128", Builtin::Raw(16), Known::Always),
    e("Int128", Builtin::Raw(16), Known::Always),
    e("int256", Builtin::Raw(32), Known::Always),
    e("Int256", Builtin::Raw(32), Known::Always),
    e("Bool", Builtin::Bool, Known::Always),
    e("true", Builtin::True, Known::Always),
    e("True", Builtin::True, Known::Always),
    e("Vector", Builtin::Vector, Known::Always),
    e("vector", Builtin::Vector, Known::Always),
    e("Type", Builtin::Type, Known::Always),
    e("Object", Builtin::Object, Known::Always),
    e("int32", Builtin::Int, Known::Ton),
    e("Int32", Builtin::Int, Known::Ton),
    e("int53", Builtin::Long, Known::Ton),
    e("Int53", Builtin::Long, Known::Ton),
    e("int64", Builtin::Long, Known::Ton),
    e("Int64", Builtin::Long, Known::Ton),
    e("secureString", Builtin::String, Known::Ton),
    e("SecureString", Builtin::String, Known::Ton),
    e("secureBytes", Builtin::Bytes, Known::Ton),
    e("SecureBytes", Builtin::Bytes, Known::Ton),
    e("object", Builtin::Object, Known::Declared),
    e("function", Builtin::Object, Known::Declared),
    e("Function", Builtin::Object, Known::Declared),
];

/// The names every schema may use undeclared ([`Known::Always`]).
pub const IMPLICIT_TYPES: &[&str] = &[
    "int", "long", "double", "string", "bytes", "int128", "int256", "true", "Int", "Long", "Double", "String", "Bytes",
    "Int128", "Int256", "True", "Bool", "Vector", "vector", "Type", "Object",
];

/// The table's row for `name`, in any dialect.
pub fn entry(name: &str) -> Option<&'static Entry> {
    TABLE.iter().find(|e| e.name == name)
}

/// What `name` is, whether or not the schema must declare it.
pub fn lookup(name: &str) -> Option<Builtin> {
    entry(name).map(|e| e.builtin)
}

/// Whether every schema may use `name` undeclared (the [`IMPLICIT_TYPES`]), without hashing:
/// most fields are `int`, `long`, `string`, ...
pub fn is_implicit(name: &str) -> bool {
    matches!(
        name,
        "int"
            | "long"
            | "double"
            | "string"
            | "bytes"
            | "int128"
            | "int256"
            | "true"
            | "Int"
            | "Long"
            | "Double"
            | "String"
            | "Bytes"
            | "Int128"
            | "Int256"
            | "True"
            | "Bool"
            | "Vector"
            | "vector"
            | "Type"
            | "Object"
    )
}

/// Whether `name` is a type that builtin declarations declare (`int ? = Int;`, `bytes = Bytes;`,
/// `int128 4*[ int ] = Int128;`): the capitalised name of a value builtin (`Int`, `Long`,
/// `Double`, `String`, `Bytes`, the fixed widths, TON's `Int32`, `Int53`, `Int64`,
/// `SecureString`, `SecureBytes`). A definition of such a type is a builtin declaration, never a
/// constructor; `Bool`, `True`, `Vector` and `Object` have ordinary constructors.
pub fn is_primitive_result(name: &str) -> bool {
    name.starts_with(|c: char| c.is_ascii_uppercase())
        && entry(name).is_some_and(|e| {
            matches!(
                e.builtin,
                Builtin::Int | Builtin::Long | Builtin::Double | Builtin::String | Builtin::Bytes | Builtin::Raw(_)
            )
        })
}

/// Whether a schema of `dialect` may use `name` undeclared.
pub fn is_known_in(name: &str, dialect: Dialect) -> bool {
    is_implicit(name) || (dialect == Dialect::Ton && entry(name).is_some_and(|e| e.known == Known::Ton))
}

/// The width in bytes of a fixed-width builtin declaration made of `int`s and `long`s:
/// `int512 16*[ int ] = Int512;` is 64, `int128 long long = Int128;` 16. `None` for any other
/// definition (`int ? = Int;`, a constructor with named fields).
pub fn declared_width(def: &Definition<'_>) -> Option<u32> {
    if !def.builtin {
        return None;
    }
    width_of(&def.params)
}

/// [`declared_width`] of a builtin declaration's parameters.
pub fn width_of(params: &[Param<'_>]) -> Option<u32> {
    if params.is_empty() {
        return None;
    }
    fn width(kind: &ParamKind<'_>) -> Option<u32> {
        match kind {
            ParamKind::Anonymous(t) if t.args.is_empty() && !t.bang && !t.percent => match lookup(t.name)? {
                Builtin::Int => Some(4),
                Builtin::Long => Some(8),
                Builtin::Raw(n) => Some(n),
                _ => None,
            },
            ParamKind::Repeat { count: Some(n), items } => {
                let one = items.iter().map(|p| width(&p.kind)).sum::<Option<u32>>()?;
                n.checked_mul(one)
            }
            _ => None,
        }
    }
    params.iter().map(|p| width(&p.kind)).sum::<Option<u32>>().filter(|&w| w > 0)
}

/// The width in bytes of a fixed-width integer named `intN` or `IntN` (`int512`: 64): N a
/// multiple of 32 above 64, at most 65,536, written without a leading zero, as tdlib and TON
/// name their `intN n*[ int ]` builtins. `None` for any other name.
pub fn int_name_width(name: &str) -> Option<u32> {
    let digits = name.strip_prefix("int").or_else(|| name.strip_prefix("Int"))?;
    let n: u32 = digits.parse().ok().filter(|_| !digits.starts_with('0'))?;
    (n % 32 == 0 && n > 64 && n <= 1 << 16).then_some(n / 8)
}

/// The ids the runtime writes for `Bool`: `boolTrue#997275b5`, `boolFalse#bc799737`.
pub const BOOL_CONSTRUCTORS: [(&str, u32); 2] = [("boolTrue", 0x9972_75b5), ("boolFalse", 0xbc79_9737)];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn implicit_types_are_the_rows_known_always() {
        let always: Vec<&str> = TABLE.iter().filter(|e| e.known == Known::Always).map(|e| e.name).collect();
        let mut listed = IMPLICIT_TYPES.to_vec();
        let mut rows = always.clone();
        listed.sort_unstable();
        rows.sort_unstable();
        assert_eq!(listed, rows);
        for e in TABLE {
            assert_eq!(is_implicit(e.name), e.known == Known::Always, "{}", e.name);
        }
        assert!(!is_implicit("User"));
    }

    #[test]
    fn primitive_results_are_the_capitalised_value_builtins() {
        let mut results: Vec<&str> = TABLE.iter().map(|e| e.name).filter(|n| is_primitive_result(n)).collect();
        results.sort_unstable();
        let expected = [
            "Bytes",
            "Double",
            "Int",
            "Int128",
            "Int256",
            "Int32",
            "Int53",
            "Int64",
            "Long",
            "SecureBytes",
            "SecureString",
            "String",
        ];
        assert_eq!(results, expected);
        for name in ["Bool", "True", "Vector", "Object", "Function", "Type", "int", "User"] {
            assert!(!is_primitive_result(name), "{name}");
        }
    }

    #[test]
    fn ton_names_are_known_only_in_ton() {
        for name in ["int32", "int53", "int64", "secureString", "secureBytes"] {
            assert!(is_known_in(name, Dialect::Ton), "{name}");
            assert!(!is_known_in(name, Dialect::Telegram), "{name}");
            assert!(!is_known_in(name, Dialect::TdApi), "{name}");
        }
        assert!(!is_known_in("object", Dialect::Ton));
    }

    #[test]
    fn widths_of_declared_integers() {
        let parse = |src: &'static str| crate::parse(src, &crate::Options::default()).schema;
        let width = |src: &'static str| declared_width(&parse(src).definitions[0]);
        assert_eq!(width("int512 16*[ int ] = Int512;"), Some(64));
        assert_eq!(width("int128 4*[ int ] = Int128;"), Some(16));
        assert_eq!(width("int128 long long = Int128;"), Some(16));
        assert_eq!(width("int24 3*[ int ] = Int24;"), Some(12));
        assert_eq!(width("int ? = Int;"), None);
        assert_eq!(width("bytes data:string = Bytes;"), None);
    }
}
