//! Every naming decision in one place: TL names to Rust identifiers, keyword escaping and the
//! collision rules.
//!
//! - Constructors and functions become `UpperCamelCase` structs (`messages.sentMessageLink` ->
//!   `SentMessageLink` in module `messages`); boxed types become enums (`messages.SentMessage`).
//! - Fields become `snake_case`; strict and reserved keywords become raw identifiers (`r#type`);
//!   `self`, `super`, `crate`, `Self` and `_`, which cannot be raw, get a trailing `_`.
//! - A type name that would shadow a prelude item the generated code uses (`Ok`, `Option`, ...)
//!   gets a trailing `_`.
//! - Two items that map to the same name in one module: the later ones (in schema order) get the
//!   suffix `2`, `3`, ...
//! - Enum variants drop the type's name when the constructor starts with it (`userEmpty` ->
//!   `User::Empty`), unless that leaves a keyword, a name starting with a digit, or a collision.

use proc_macro2::{Ident, Span};

const STRICT: &[&str] = &[
    "as", "async", "await", "break", "const", "continue", "dyn", "else", "enum", "extern", "false", "fn", "for", "if",
    "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return", "static", "struct", "trait",
    "true", "type", "unsafe", "use", "where", "while", "abstract", "become", "box", "do", "final", "gen", "macro",
    "override", "priv", "try", "typeof", "unsized", "virtual", "yield",
];
const NOT_RAW: &[&str] = &["self", "super", "crate", "Self", "_"];
const PRELUDE: &[&str] = &[
    "Ok",
    "Err",
    "Some",
    "None",
    "Option",
    "Result",
    "Vec",
    "String",
    "Box",
    "Default",
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
];

/// A field name: `snake_case`, escaped; a name that would start with a digit (`_2` gives `2`)
/// starts with `_`.
pub fn snake(tl: &str) -> String {
    let s = join_words(tl, "_", lower_into);
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return format!("_{s}");
    }
    escape(if s.is_empty() { "_".to_string() } else { s })
}

/// Rust's primitive types: a module of that name would shadow the type in paths.
const PRIMITIVE_TYPES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    "f32", "f64",
];

/// A namespace's module name: [`snake`], with a trailing `_` where it would shadow a Rust
/// primitive type (`u32`), a top module (`types`, `enums`, `functions`) or a crate the
/// generated code names (`serde`, `tlayer`, `std`, `core`, `alloc`).
pub fn module(tl: &str) -> String {
    let m = snake(tl);
    let taken = PRIMITIVE_TYPES.contains(&m.as_str())
        || matches!(m.as_str(), "types" | "enums" | "functions" | "serde" | "tlayer" | "std" | "core" | "alloc");
    if taken { format!("{m}_") } else { m }
}

/// A type parameter's name (`{X:Type}` gives `X`, `{t:Type}` `T`): `UpperCamelCase`, escaped as
/// [`camel`] escapes type names.
pub fn generic(tl: &str) -> String {
    camel(tl)
}

/// A struct, enum or variant name: `UpperCamelCase`, escaped.
pub fn camel(tl: &str) -> String {
    let s = upper_camel(tl);
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() { format!("T{s}") } else { s };
    if PRELUDE.contains(&s.as_str()) { format!("{s}_") } else { escape(s) }
}

/// `UpperCamelCase`: each word's first character in upper case, the rest in lower case.
fn upper_camel(tl: &str) -> String {
    join_words(tl, "", |w, out| {
        let mut chars = w.chars();
        if let Some(first) = chars.next() {
            out.extend(first.to_uppercase());
            lower_into(chars.as_str(), out);
        }
    })
}

/// Appends `w` in lower case; a final `Σ` becomes `ς`, as `str::to_lowercase` has it.
fn lower_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        out.extend(w.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    let mut chars = w.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '\u{3a3}' && chars.peek().is_none() {
            out.push('\u{3c2}');
        } else {
            out.extend(c.to_lowercase());
        }
    }
}

/// The words of a name, each written by `word`, separated by `sep`. The rules are the common
/// ones of case-conversion crates (heck 0.5's, checked by a test): characters that are not
/// alphanumeric separate words; inside a run, a word ends after a lowercase letter followed by
/// an uppercase one (`peer|Id`), and before an uppercase letter that follows another and
/// precedes a lowercase one (`HTTP|Server`). Digits belong to the word they are in.
fn join_words(tl: &str, sep: &str, mut word: impl FnMut(&str, &mut String)) -> String {
    #[derive(Clone, Copy, PartialEq)]
    enum Case {
        None,
        Lower,
        Upper,
    }
    let mut out = String::with_capacity(tl.len() + 4);
    let mut emit = |w: &str, out: &mut String| {
        if !out.is_empty() {
            out.push_str(sep);
        }
        word(w, out);
    };
    for run in tl.split(|c: char| !c.is_alphanumeric()) {
        let (mut start, mut case) = (0, Case::None);
        let mut chars = run.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let Some(&(next_i, next)) = chars.peek() else {
                emit(&run[start..], &mut out);
                break;
            };
            let with_c = if c.is_lowercase() {
                Case::Lower
            } else if c.is_uppercase() {
                Case::Upper
            } else {
                case
            };
            if with_c == Case::Lower && next.is_uppercase() {
                emit(&run[start..next_i], &mut out);
                (start, case) = (next_i, Case::None);
            } else if case == Case::Upper && c.is_uppercase() && next.is_lowercase() {
                emit(&run[start..i], &mut out);
                (start, case) = (i, Case::None);
            } else {
                case = with_c;
            }
        }
    }
    out
}

fn escape(s: String) -> String {
    if NOT_RAW.contains(&s.as_str()) {
        format!("{s}_")
    } else if STRICT.contains(&s.as_str()) {
        format!("r#{s}")
    } else {
        s
    }
}

/// True when `s` is a keyword of any kind.
pub fn is_keyword(s: &str) -> bool {
    STRICT.contains(&s) || NOT_RAW.contains(&s)
}

/// Makes a `proc_macro2::Ident` from an escaped name (`r#type` becomes a raw identifier).
pub fn ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// Hands out unique names within one scope, in request order (see the module docs).
#[derive(Default, Debug)]
pub struct Names {
    used: std::collections::HashSet<String>,
}

impl Names {
    /// `wanted`, or `wanted2`, `wanted3`, ... if taken.
    pub fn unique(&mut self, wanted: String) -> String {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        let base = wanted.trim_end_matches('_');
        (2..).map(|n| format!("{base}{n}")).find(|c| self.used.insert(c.clone())).expect("unbounded")
    }

    /// True when `name` is taken.
    pub fn contains(&self, name: &str) -> bool {
        self.used.contains(name)
    }
}

/// The variant name for constructor `ctor` (short name) of boxed type `ty` (short name).
pub fn variant(ctor: &str, ty: &str) -> String {
    let full = camel(ctor);
    let ty = upper_camel(ty);
    match full.strip_prefix(&ty) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) && !is_keyword(rest) => camel(rest),
        _ => full,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("final"), "r#final");
        assert_eq!(snake("gen"), "r#gen");
        assert_eq!(snake("peer_id"), "peer_id");
        assert_eq!(snake("firstName"), "first_name");
        assert_eq!(camel("sentMessageLink"), "SentMessageLink");
        assert_eq!(camel("ok"), "Ok_");
        assert_eq!(camel("future_salt"), "FutureSalt");
        assert_eq!(variant("userEmpty", "User"), "Empty");
        assert_eq!(variant("user", "User"), "User");
        assert_eq!(variant("userSelf", "User"), "UserSelf");
        assert_eq!(variant("inputPeerEmpty", "InputPeer"), "Empty");
        assert_eq!(variant("updateShort", "Updates"), "UpdateShort");
    }

    #[test]
    fn word_rules_match_heck() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let tricky = "HTTPServer getHTTPResponse inputPeer2 a__b ABC aB Ab _x x_ __ X x int128 Int128 peer_id \
                      firstName p2pAllowed ID IDs userIDs a1B2c3 ttlPeriod future_salts msgs_state_req 2fa A2B aBC ABc _ \
                      ÉtéChaud étéChaud ΣΑΣ σαΣ ΟΔΟΣ_ΣΑΣ straßeGroß İstanbulXY ǅemalǄ ŉAB ﬁleName 数据Name x٣Y Ⅻroman";
        let mut names: Vec<String> = tricky.split_whitespace().chain([""]).map(String::from).collect();
        for path in crate::corpus_files() {
            let text = std::fs::read_to_string(&path).unwrap();
            names.extend(text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '_')).map(String::from));
        }
        assert!(names.len() > 100_000, "read the corpus");
        for n in &names {
            assert_eq!(join_words(n, "_", lower_into), n.to_snake_case(), "{n}");
            assert_eq!(upper_camel(n), n.to_upper_camel_case(), "{n}");
        }
    }

    #[test]
    fn unique_names() {
        let mut n = Names::default();
        assert_eq!(n.unique("FutureSalt".into()), "FutureSalt");
        assert_eq!(n.unique("FutureSalt".into()), "FutureSalt2");
        assert_eq!(n.unique("FutureSalt".into()), "FutureSalt3");
    }
}
