//! Every naming decision in one place: TL names to Rust identifiers, keyword escaping and the
//! collision rules.
//!
//! - Constructors and functions become `UpperCamelCase` structs (`messages.sentMessageLink` ->
//!   `SentMessageLink` in module `messages`); boxed types become enums (`messages.SentMessage`).
//! - Fields become `snake_case`; strict and reserved keywords become raw identifiers (`r#type`);
//!   `self`, `super`, `crate`, `Self` and `_`, which cannot be raw, get a trailing `_`.
//! - A type name that would shadow a prelude item the generated code uses (`Ok`, `Option`, ...)
//!   gets a trailing `_`; an enum variant does not (`Option::None` cannot clash), only `Self_`.
//! - Two items that map to the same name in one module: the later ones (in schema order) get the
//!   suffix `2`, `3`, ...
//! - Enum variants drop the type's name when the constructor starts with it (`userEmpty` ->
//!   `User::Empty`), unless that leaves a keyword, a name starting with a digit, or a collision.
//! - Multi-layer output: an older version of a name gets `LayerN` (N: its last layer).
//! - Fields that share one flag bit form a group named owner + first field, in a module `groups`
//!   beside the owner (`types::messages::groups::...`); a TL namespace `groups` becomes `groups_`.
//!
//! Every name leaves this module as a [`Name`]: the identifier's text and whether it is raw. The
//! emit stage interpolates it as that identifier (its text is valid: this module made it, so
//! nothing checks it again).

use std::fmt;

/// A Rust identifier made by this module's rules: its text (without `r#`) and whether it must be
/// written raw (`r#type`). `Display` writes it as Rust source does.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Name {
    text: String,
    raw: bool,
}

impl Name {
    /// A name that is not a keyword, taken as it is (text the rules of this module made).
    fn plain(text: String) -> Name {
        Name { text, raw: false }
    }

    /// The identifier's text without `r#` (`type` for `r#type`).
    pub fn text(&self) -> &str {
        &self.text
    }

    /// True when the identifier is written raw (`r#type`).
    pub fn is_raw(&self) -> bool {
        self.raw
    }

    /// A local variable of generated code derived from this name: `prefix` then the text, never
    /// raw (`__g_type` for the group member `r#type`).
    fn local(&self, prefix: &str) -> Name {
        Name::plain(format!("{prefix}{}", self.text))
    }

    /// The text without a trailing escape `_` (`Ok` of `Ok_`), to build a new name from.
    fn stem(&self) -> &str {
        self.text.trim_end_matches('_')
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.raw {
            f.write_str("r#")?;
        }
        f.write_str(&self.text)
    }
}

impl Ord for Name {
    /// The order of the names as Rust source writes them (`r#type` between `quux` and `s`).
    fn cmp(&self, other: &Self) -> std::cmp::Ordering {
        let written = |n: &Name| if n.raw { "r#" } else { "" }.bytes().chain(n.text.bytes()).collect::<Vec<u8>>();
        if self.raw == other.raw { self.text.cmp(&other.text) } else { written(self).cmp(&written(other)) }
    }
}

impl PartialOrd for Name {
    fn partial_cmp(&self, other: &Self) -> Option<std::cmp::Ordering> {
        Some(self.cmp(other))
    }
}

impl PartialEq<str> for Name {
    /// Compares with a name as Rust source writes it (`r#type`).
    fn eq(&self, other: &str) -> bool {
        match other.strip_prefix("r#") {
            Some(rest) => self.raw && self.text == rest,
            None => !self.raw && self.text == other,
        }
    }
}

impl PartialEq<&str> for Name {
    fn eq(&self, other: &&str) -> bool {
        *self == **other
    }
}

/// A fixed name of generated code that no rule derives (`Function`): `text` must be a valid,
/// non-keyword identifier.
pub fn fixed(text: &str) -> Name {
    debug_assert!(!is_keyword(text), "{text} is a keyword");
    Name::plain(text.to_string())
}

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
pub fn snake(tl: &str) -> Name {
    let s = join_words(tl, "_", lower_into);
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        return Name::plain(format!("_{s}"));
    }
    escape(if s.is_empty() { "_".to_string() } else { s })
}

/// Rust's primitive types: a module of that name would shadow the type in paths.
const PRIMITIVE_TYPES: &[&str] = &[
    "bool", "char", "str", "u8", "u16", "u32", "u64", "u128", "usize", "i8", "i16", "i32", "i64", "i128", "isize",
    "f32", "f64",
];

/// A namespace's module name: [`snake`], with a trailing `_` where it would shadow a Rust
/// primitive type (`u32`), a top module (`types`, `enums`, `functions`), the flag-group module
/// (`groups`) or a crate the generated code names (`serde`, `tlayer`, `std`, `core`, `alloc`).
pub fn module(tl: &str) -> Name {
    let m = snake(tl);
    let taken = !m.raw
        && (PRIMITIVE_TYPES.contains(&m.text())
            || matches!(
                m.text(),
                "types" | "enums" | "functions" | "groups" | "serde" | "tlayer" | "std" | "core" | "alloc"
            ));
    if taken { Name::plain(format!("{}_", m.text)) } else { m }
}

/// A type parameter's name (`{X:Type}` gives `X`, `{t:Type}` `T`): `UpperCamelCase`, escaped as
/// [`camel`] escapes type names.
pub fn generic(tl: &str) -> Name {
    camel(tl)
}

/// A struct, enum or variant name: `UpperCamelCase`, escaped.
pub fn camel(tl: &str) -> Name {
    let s = upper_camel(tl);
    let s = if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() { format!("T{s}") } else { s };
    if PRELUDE.contains(&s.as_str()) { Name::plain(format!("{s}_")) } else { escape(s) }
}

/// The name of an older version of a definition in multi-layer output: `base` (from [`camel`],
/// without its escape `_`) then `LayerN`, N being the last layer the version exists in
/// (`Ok_` of layer 3 gives `OkLayer3`).
pub fn older_version(base: &Name, until: u32) -> Name {
    Name::plain(format!("{}Layer{until}", base.stem()))
}

/// The module beside each namespace module that holds its flag-group structs (see
/// [`flag_group`]): `groups`. No namespace module takes this name ([`module`]).
pub fn flag_group_module() -> Name {
    Name::plain("groups".to_string())
}

/// The struct of fields that share one flag bit: the owner's name and the first member's TL name
/// in `UpperCamelCase`, both without their escapes (`Option_` and `r#Self` would leave a `_`
/// inside the new word): `MessageViews` + `views` gives `MessageViewsViews`.
pub fn flag_group(owner: &Name, first_member_tl: &str) -> Name {
    Name::plain(format!("{}{}", owner.stem(), camel(first_member_tl).stem()))
}

/// `UpperCamelCase`: each word's first character in upper case, the rest in lower case.
fn upper_camel(tl: &str) -> String {
    join_words(tl, "", |w, out| {
        let Some(first) = w.chars().next() else { return };
        if first.is_ascii() {
            out.push(first.to_ascii_uppercase());
        } else {
            out.extend(first.to_uppercase());
        }
        lower_into(&w[first.len_utf8()..], out);
    })
}

/// Appends `w` in lower case; a final `Σ` becomes `ς`, as `str::to_lowercase` has it.
fn lower_into(w: &str, out: &mut String) {
    if w.is_ascii() {
        let start = out.len();
        out.push_str(w);
        out[start..].make_ascii_lowercase();
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
    if tl.is_ascii() {
        // The same rules on bytes, by index: almost every TL name is ASCII, and a build script
        // runs this unoptimized, where `split`, `char_indices` and `peekable` are calls per
        // character.
        let bytes = tl.as_bytes();
        let mut run_start = 0;
        for end in 0..=bytes.len() {
            if end < bytes.len() && bytes[end].is_ascii_alphanumeric() {
                continue;
            }
            let run = &tl[run_start..end];
            let r = run.as_bytes();
            let (mut start, mut case) = (0, Case::None);
            let mut i = 0;
            while i < r.len() {
                let c = r[i];
                if i + 1 == r.len() {
                    emit(&run[start..], &mut out);
                    break;
                }
                let next = r[i + 1];
                let with_c = if c.is_ascii_lowercase() {
                    Case::Lower
                } else if c.is_ascii_uppercase() {
                    Case::Upper
                } else {
                    case
                };
                if with_c == Case::Lower && next.is_ascii_uppercase() {
                    emit(&run[start..i + 1], &mut out);
                    (start, case) = (i + 1, Case::None);
                } else if case == Case::Upper && c.is_ascii_uppercase() && next.is_ascii_lowercase() {
                    emit(&run[start..i], &mut out);
                    (start, case) = (i, Case::None);
                } else {
                    case = with_c;
                }
                i += 1;
            }
            run_start = end + 1;
        }
        return out;
    }
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

fn escape(s: String) -> Name {
    if !maybe_keyword(&s) {
        Name::plain(s)
    } else if NOT_RAW.contains(&s.as_str()) {
        Name::plain(format!("{s}_"))
    } else if STRICT.contains(&s.as_str()) {
        Name { text: s, raw: true }
    } else {
        Name::plain(s)
    }
}

/// False for most names at the cost of two byte tests: every keyword starts with a lowercase
/// ASCII letter (or is `Self` or `_`) and has at most 8 bytes. (A build script runs this
/// unoptimized, once per name, where each comparison with the lists is a call.)
fn maybe_keyword(s: &str) -> bool {
    s.len() <= 8 && (s.starts_with(|c: char| c.is_ascii_lowercase()) || s == "Self" || s == "_")
}

/// True when `s` is a keyword of any kind.
pub fn is_keyword(s: &str) -> bool {
    maybe_keyword(s) && (STRICT.contains(&s) || NOT_RAW.contains(&s))
}

/// The name of the enum of every function (`functions::Function`): `Function`, unless a
/// function struct at the top of `functions` has it (`taken`), then `AnyFunction`, then
/// `AnyFunction_`.
pub fn function_enum(taken: impl Fn(&Name) -> bool) -> Name {
    let names = ["Function", "AnyFunction", "AnyFunction_"].map(|n| Name::plain(n.to_string()));
    let [.., last] = names.clone();
    names.into_iter().find(|n| !taken(n)).unwrap_or(last)
}

/// True for a name like `_2` or `__`, which clippy rejects as a local.
fn only_underscores_and_digits(name: &str) -> bool {
    name.bytes().all(|b| b == b'_' || b.is_ascii_digit())
}

/// The local of generated code holding flags field `field` while writing or reading: `_flags`;
/// `__n_2` for `_2`. Generated locals start with `_` (flags) or `__` (groups, odd names), which
/// field locals never do but for `_2`-like names, handled here.
pub fn flags_local(field: &Name) -> Name {
    if only_underscores_and_digits(field.text()) { field.local("__n") } else { field.local("_") }
}

/// The local that a read value of `field` goes into before the struct is built: the field's own
/// name, but `r_` for `r` (the reader is `r`) and `__f_2` for `_2`-like names (clippy wants a
/// more descriptive local).
pub fn field_local(field: &Name) -> Name {
    if *field == "r" {
        Name::plain("r_".to_string())
    } else if only_underscores_and_digits(field.text()) {
        field.local("__f")
    } else {
        field.clone()
    }
}

/// The local holding a flag-group member while reading: `__g_` then its name (`__g_type` for
/// `r#type`); no field or flags local starts so.
pub fn group_local(member: &Name) -> Name {
    member.local("__g_")
}

/// Hands out unique names within one scope, in request order (see the module docs).
#[derive(Default, Debug)]
pub struct Names {
    used: std::collections::HashSet<Name>,
}

impl Names {
    /// `wanted`, or `wanted2`, `wanted3`, ... if taken (the escape `_` dropped first: `Ok_`
    /// gives `Ok2`).
    pub fn unique(&mut self, wanted: Name) -> Name {
        if self.used.insert(wanted.clone()) {
            return wanted;
        }
        let base = wanted.stem().to_string();
        (2..)
            .map(|n| Name { text: format!("{base}{n}"), raw: wanted.raw })
            .find(|c| self.used.insert(c.clone()))
            .expect("unbounded")
    }

    /// True when `name` is taken.
    pub fn contains(&self, name: &Name) -> bool {
        self.used.contains(name)
    }
}

/// An enum variant's name: `UpperCamelCase` as [`camel`], but without the prelude escape: a
/// variant is always reached through its enum (`Option::None` cannot clash with `None`), so only
/// what cannot compile is escaped (`Self` gives `Self_`).
pub fn variant_name(tl: &str) -> Name {
    let s = upper_camel(tl);
    escape(if s.starts_with(|c: char| c.is_ascii_digit()) || s.is_empty() { format!("T{s}") } else { s })
}

/// The variant name for constructor `ctor` (short name) of boxed type `ty` (short name).
pub fn variant(ctor: &str, ty: &str) -> Name {
    let full = variant_name(ctor);
    let ty = upper_camel(ty);
    match full.text().strip_prefix(&ty) {
        Some(rest) if rest.starts_with(|c: char| c.is_ascii_uppercase()) && !is_keyword(rest) => variant_name(rest),
        _ => full,
    }
}

/// A variant name with the `LayerN` suffix of an older version (see [`older_version`]), or as it
/// is for the newest one.
pub fn versioned(base: Name, older_until: Option<u32>) -> Name {
    match older_until {
        Some(until) => older_version(&base, until),
        None => base,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The quick test in front of the keyword lists lets every keyword through.
    #[test]
    fn every_keyword_passes_the_quick_test() {
        for k in STRICT.iter().chain(NOT_RAW) {
            assert!(maybe_keyword(k), "{k}");
            assert!(is_keyword(k), "{k}");
        }
    }

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
        assert_eq!(variant("ok", "Result"), "Ok");
        assert_eq!(variant("inputPeerSelf", "InputPeer"), "InputPeerSelf");
        assert_eq!(variant_name("self"), "Self_");
        assert_eq!(variant_name("none"), "None");
    }

    #[test]
    fn word_rules_match_heck() {
        use heck::{ToSnakeCase, ToUpperCamelCase};
        let tricky = "HTTPServer getHTTPResponse inputPeer2 a__b ABC aB Ab _x x_ __ X x int128 Int128 peer_id \
                      firstName p2pAllowed ID IDs userIDs a1B2c3 ttlPeriod future_salts msgs_state_req 2fa A2B aBC ABc _ \
                      ÉtéChaud étéChaud ΣΑΣ σαΣ ΟΔΟΣ_ΣΑΣ straßeGroß İstanbulXY ǅemalǄ ŉAB ﬁleName 数据Name x٣Y Ⅻroman \
                      messages.getHTTPHistory x.y_Z-w a..B aB.Cd-eF";
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
        assert_eq!(n.unique(camel("futureSalt")), "FutureSalt");
        assert_eq!(n.unique(camel("futureSalt")), "FutureSalt2");
        assert_eq!(n.unique(camel("futureSalt")), "FutureSalt3");
        assert_eq!(n.unique(camel("ok")), "Ok_");
        assert_eq!(n.unique(camel("ok")), "Ok2");
        assert_eq!(n.unique(snake("type")), "r#type");
        assert!(n.unique(snake("type")).is_raw());
    }
}
