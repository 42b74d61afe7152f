//! Literals made at run time: numbers and strings, spelled as `proc_macro2` spelled them (the
//! generated text must not change with the engine).

use super::{ToTokens, Tokens};

/// A Rust literal: its source text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Literal(String);

impl Literal {
    /// A literal written as `text` (which must be one: `0x1cb5c415`).
    pub(crate) fn new(text: String) -> Literal {
        Literal(text)
    }

    /// `n` without a suffix (`5`).
    pub(crate) fn u32_unsuffixed(n: u32) -> Literal {
        Literal(n.to_string())
    }

    /// `n` without a suffix (`5`).
    pub(crate) fn usize_unsuffixed(n: usize) -> Literal {
        Literal(n.to_string())
    }

    /// `n` without a suffix (`-5`).
    pub(crate) fn i32_unsuffixed(n: i32) -> Literal {
        Literal(n.to_string())
    }

    /// The string literal of `s`: each character as `char::escape_debug` writes it, but `'`
    /// plain and NUL as `\0` (`\x00` before a digit `0`-`7`, which would read as an octal
    /// escape to a person).
    pub(crate) fn string(s: &str) -> Literal {
        let mut text = String::with_capacity(s.len() + 2);
        text.push('"');
        escape(s, &mut text);
        text.push('"');
        Literal(text)
    }
}

/// Appends `s` escaped for a string literal (see [`Literal::string`]).
#[allow(clippy::manual_range_contains)]
fn escape(s: &str, out: &mut String) {
    // Most text needs no escape: copy runs of plain ASCII at once.
    let bytes = s.as_bytes();
    let (mut plain, mut i) = (0, 0);
    while i < bytes.len() {
        let b = bytes[i];
        // (Comparisons, not a range's `contains`: a build script runs this unoptimized.)
        if b >= b' ' && b <= b'~' && b != b'"' && b != b'\\' {
            i += 1;
            continue;
        }
        let Some(c) = s[i..].chars().next() else { break };
        out.push_str(&s[plain..i]);
        i += c.len_utf8();
        plain = i;
        match c {
            '\0' => {
                let octal_next = s[plain..].starts_with(|n: char| ('0'..='7').contains(&n));
                out.push_str(if octal_next { "\\x00" } else { "\\0" });
            }
            _ => out.extend(c.escape_debug()),
        }
    }
    out.push_str(&s[plain..]);
}

impl ToTokens for Literal {
    fn to_tokens(&self, out: &mut Tokens) {
        out.push_lit(&self.0);
    }
}

/// A string interpolates as its literal.
impl ToTokens for str {
    fn to_tokens(&self, out: &mut Tokens) {
        out.push_lit(&Literal::string(self).0);
    }
}

impl ToTokens for String {
    fn to_tokens(&self, out: &mut Tokens) {
        self.as_str().to_tokens(out);
    }
}

#[cfg(test)]
mod tests {
    use super::Literal;

    /// Spelled as `proc_macro2::Literal::string` (1.0.107's fallback) spells them.
    #[test]
    fn strings_are_escaped_as_before() {
        for s in [
            "plain",
            "",
            "quote \" backslash \\ apostrophe '",
            "tab\t nl\n cr\r",
            "nul\0 nul\u{0}7 nul\u{0}8",
            "e\u{301} \u{200b} 😀 é \u{7f} \u{202e}",
        ] {
            assert_eq!(Literal::string(s).0, proc_macro2::Literal::string(s).to_string(), "{s:?}");
        }
    }

    #[test]
    fn numbers_have_no_suffix() {
        assert_eq!(Literal::u32_unsuffixed(230).0, "230");
        assert_eq!(Literal::usize_unsuffixed(64).0, "64");
        assert_eq!(Literal::i32_unsuffixed(-3).0, "-3");
    }
}
