//! JSON string literals: [`quote_into`] writes one, [`scan`] reads one back (escapes decoded,
//! every error located at the bytes that cause it).
//!
//! The rules are RFC 8259's, section 7: a literal is `"`, then characters other than `"`, `\` and
//! U+0000..U+001F written as themselves, or one of the escapes `\"` `\\` `\/` `\b` `\f` `\n` `\r`
//! `\t` `\uXXXX`, then `"`. A character outside the Basic Multilingual Plane is escaped as a UTF-16
//! surrogate pair, `\uD83D\uDE00`; a surrogate that is not half of such a pair names no character,
//! so it is refused (a Rust `String` cannot hold it).

use crate::ast::Span;
use std::borrow::Cow;
use std::fmt::Write as _;

/// Appends `s` as a JSON string literal. `"` and `\` are escaped, as are the control characters
/// U+0000..U+001F that JSON forbids raw (`\n`, `\r`, `\t`, the rest as `\u00XX`); everything else,
/// astral characters included, is written as itself in UTF-8.
pub fn quote_into(out: &mut String, s: &str) {
    out.reserve(s.len() + 2);
    out.push('"');
    let mut plain = 0;
    for (i, b) in s.bytes().enumerate() {
        let escape = match b {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => continue,
        };
        // Every byte that is escaped is ASCII, so `plain..i` lies on character boundaries.
        out.push_str(&s[plain..i]);
        plain = i + 1;
        if escape.is_empty() {
            let _ = write!(out, "\\u{:04x}", b);
        } else {
            out.push_str(escape);
        }
    }
    out.push_str(&s[plain..]);
    out.push('"');
}

/// A string literal that cannot be read: what is wrong and the bytes that show it.
#[derive(Debug)]
pub(crate) struct Malformed {
    pub span: Span,
    pub message: String,
}

fn malformed(start: usize, end: usize, message: impl Into<String>) -> Malformed {
    Malformed { span: Span::new(start, end), message: message.into() }
}

/// A literal read by [`scan`].
pub(crate) struct Scanned<'a> {
    /// One past the closing quote.
    pub end: usize,
    /// The characters, escapes decoded.
    pub text: Cow<'a, str>,
    /// No escapes: `text` is the source between the quotes, byte for byte.
    pub exact: bool,
}

/// Reads the string literal whose opening quote is at `src[start]`.
///
/// Errors: a literal with no closing quote (at the opening quote), a raw control character (at
/// it), an unknown escape, a `\u` without four hex digits, and a surrogate escape that is not half
/// of a high-low pair (each at the escape, backslash included).
pub(crate) fn scan(src: &str, start: usize) -> Result<Scanned<'_>, Malformed> {
    let bytes = src.as_bytes();
    debug_assert_eq!(bytes.get(start), Some(&b'"'));
    let mut pos = start + 1;
    // Unescaped text so far, once an escape has been seen; `plain` is where the bytes not yet
    // copied into it begin.
    let mut owned: Option<String> = None;
    let mut plain = pos;
    loop {
        let Some(&b) = bytes.get(pos) else {
            return Err(malformed(start, start + 1, "this string is never closed: no `\"` before the end of the text"));
        };
        match b {
            b'"' => break,
            b'\\' => {
                let out = owned.get_or_insert_with(String::new);
                out.push_str(&src[plain..pos]);
                pos = escape(src, pos, out)?;
                plain = pos;
            }
            0..=0x1f => {
                return Err(malformed(
                    pos,
                    pos + 1,
                    format!("control character U+{b:04X} in a string: JSON requires it escaped (`\\u{b:04x}`)"),
                ));
            }
            _ => pos += 1,
        }
    }
    let text = match owned {
        Some(mut out) => {
            out.push_str(&src[plain..pos]);
            Cow::Owned(out)
        }
        None => Cow::Borrowed(&src[start + 1..pos]),
    };
    let exact = matches!(text, Cow::Borrowed(_));
    Ok(Scanned { end: pos + 1, text, exact })
}

/// Decodes the escape whose backslash is at `src[at]` onto `out`; returns the offset after it.
fn escape(src: &str, at: usize, out: &mut String) -> Result<usize, Malformed> {
    let c = match src.as_bytes().get(at + 1) {
        Some(b'"') => '"',
        Some(b'\\') => '\\',
        Some(b'/') => '/',
        Some(b'b') => '\u{8}',
        Some(b'f') => '\u{c}',
        Some(b'n') => '\n',
        Some(b'r') => '\r',
        Some(b't') => '\t',
        Some(b'u') => {
            let (c, end) = unicode_escape(src, at)?;
            out.push(c);
            return Ok(end);
        }
        Some(_) => {
            // Not ASCII perhaps: take the whole character, so that the span ends on a boundary.
            let c = src[at + 1..].chars().next().unwrap_or(char::REPLACEMENT_CHARACTER);
            let shown = if c.is_control() { format!("{c:?}") } else { format!("`\\{c}`") };
            return Err(malformed(
                at,
                at + 1 + c.len_utf8(),
                format!("invalid escape {shown} in a string: JSON has \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX"),
            ));
        }
        None => return Err(malformed(at, at + 1, "escape cut off by the end of the text")),
    };
    out.push(c);
    Ok(at + 2)
}

/// Reads `\uXXXX` at `src[at]`, and its low half when it is a high surrogate.
fn unicode_escape(src: &str, at: usize) -> Result<(char, usize), Malformed> {
    let high = hex4(src, at)?;
    match high {
        0xDC00..=0xDFFF => Err(malformed(
            at,
            at + 6,
            format!("lone surrogate `\\u{high:04X}`: a low surrogate must follow a high one (\\uD800-\\uDBFF)"),
        )),
        0xD800..=0xDBFF => {
            let lone = || {
                malformed(
                    at,
                    at + 6,
                    format!(
                        "lone surrogate `\\u{high:04X}`: a high surrogate must be followed by a low one (\\uDC00-\\uDFFF)"
                    ),
                )
            };
            if !src.as_bytes()[at + 6..].starts_with(b"\\u") {
                return Err(lone());
            }
            let low = hex4(src, at + 6)?;
            if !(0xDC00..=0xDFFF).contains(&low) {
                return Err(lone());
            }
            let code = 0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00);
            // In range by construction: 0x10000..=0x10FFFF, not a surrogate.
            let c = char::from_u32(code).ok_or_else(lone)?;
            Ok((c, at + 12))
        }
        _ => {
            // Every other value of four hex digits is a character.
            let c = char::from_u32(high).ok_or_else(|| malformed(at, at + 6, "invalid \\u escape"))?;
            Ok((c, at + 6))
        }
    }
}

/// The four hex digits of the `\u` escape at `src[at]`.
fn hex4(src: &str, at: usize) -> Result<u32, Malformed> {
    let digits = &src.as_bytes()[at + 2..];
    let mut value = 0;
    for i in 0..4 {
        let digit = digits.get(i).and_then(|&b| (b as char).to_digit(16));
        match digit {
            Some(d) => value = value * 16 + d,
            None => {
                // The span ends at the offending character (whole, if not ASCII), or at the end.
                let bad = at + 2 + i;
                let end = src[bad..].chars().next().map_or(bad, |c| bad + c.len_utf8());
                return Err(malformed(at, end, "`\\u` must be followed by four hex digits"));
            }
        }
    }
    Ok(value)
}
