//! `#[doc = "..."]` attributes written as `///` comments, when the string reads back the same.

use crate::tokens::{Tok, Tokens};

/// Appends `///` and the text of a `doc = "..."` attribute's string if `toks` (of `t`) are one
/// and it can be a line comment: a single line without control characters or text-direction
/// overrides, and not starting with `/` (`////` is no doc comment). Returns whether it did (else
/// `out` is unchanged).
pub(super) fn doc_comment(t: &Tokens, toks: &[Tok], out: &mut String) -> bool {
    let &[doc, Tok::Punct("="), lit] = toks else {
        return false;
    };
    if t.word_or_lit(doc) != Some("doc") || !matches!(lit, Tok::Lit(_) | Tok::OwnedLit { .. }) {
        return false;
    }
    let Some(lit) = t.word_or_lit(lit) else { return false };
    let start = out.len();
    out.push_str("///");
    if unescape(lit, out) && !out[start + 3..].starts_with('/') {
        true
    } else {
        out.truncate(start);
        false
    }
}

/// Appends the value of the string literal `repr` (`"..."` or `r#"..."#`) if it can go in a line
/// comment; returns whether it did (`out` may then hold part of it).
#[allow(clippy::manual_range_contains)]
fn unescape(repr: &str, out: &mut String) -> bool {
    let comment_safe = |c: char| {
        c == '\t'
            || !(c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    };
    if let Some(raw) = repr.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let Some(body) = raw[hashes..].strip_prefix('"').and_then(|b| b.strip_suffix(&raw[..hashes])) else {
            return false;
        };
        let Some(body) = body.strip_suffix('"') else {
            return false;
        };
        if !body.chars().all(comment_safe) {
            return false;
        }
        out.push_str(body);
        return true;
    }
    let Some(body) = repr.strip_prefix('"').and_then(|b| b.strip_suffix('"')) else {
        return false;
    };
    // Most doc text is printable ASCII without escapes: as it is.
    // (A loop of comparisons: a build script runs this unoptimized, where iterator adapters and
    // a range's `contains` are calls per byte.)
    let bytes = body.as_bytes();
    let mut i = 0;
    while i < bytes.len() && bytes[i] >= b' ' && bytes[i] <= b'~' && bytes[i] != b'\\' {
        i += 1;
    }
    if i == bytes.len() {
        out.push_str(body);
        return true;
    }
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        let c = if c != '\\' {
            c
        } else {
            match chars.next() {
                Some('n') => '\n',
                Some('r') => '\r',
                Some('t') => '\t',
                Some('0') => '\0',
                Some(c @ ('\\' | '"' | '\'')) => c,
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    match u8::from_str_radix(&hex, 16) {
                        Ok(b) if hex.len() == 2 && b < 0x80 => char::from(b),
                        _ => return false,
                    }
                }
                Some('u') => {
                    if chars.next() != Some('{') {
                        return false;
                    }
                    let mut value = 0u32;
                    let mut digits = 0;
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('_') => {}
                            Some(d) => match d.to_digit(16) {
                                Some(d) if digits < 6 => {
                                    value = value * 16 + d;
                                    digits += 1;
                                }
                                _ => return false,
                            },
                            None => return false,
                        }
                    }
                    match char::from_u32(value) {
                        Some(c) if digits > 0 => c,
                        _ => return false,
                    }
                }
                Some('\n') => {
                    // A line continuation: the newline and the whitespace after it are skipped.
                    let rest = chars.as_str().trim_start_matches([' ', '\t', '\n', '\r']);
                    chars = rest.chars();
                    continue;
                }
                _ => return false,
            }
        };
        if !comment_safe(c) {
            return false;
        }
        out.push(c);
    }
    true
}
