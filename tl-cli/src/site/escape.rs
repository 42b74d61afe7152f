//! Making schema text safe where it lands: HTML text and attributes, JavaScript string literals,
//! and file names. Schema text (names, `//@` docs, file names) is never trusted to be markup.

/// Appends `s` with `&`, `<`, `>`, `"`, `'` and `` ` `` written as character references: safe in
/// element content and in quoted attribute values.
pub fn push_html(out: &mut String, s: &str) {
    let mut last = 0;
    for (i, b) in s.bytes().enumerate() {
        let replacement = match b {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            b'\'' => "&#39;",
            b'`' => "&#96;",
            _ => continue,
        };
        out.push_str(&s[last..i]);
        out.push_str(replacement);
        last = i + 1;
    }
    out.push_str(&s[last..]);
}

/// `s` escaped by [`push_html`].
pub fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    push_html(&mut out, s);
    out
}

/// Appends `s` as a double-quoted JavaScript string literal that is also valid JSON. Besides
/// quotes, backslashes and control characters, `<`, `>`, `&`, `'`, `` ` ``, `/` and the line
/// separators U+2028 and U+2029 are written as `\uXXXX`, so the literal cannot end a script
/// element, open or close a comment or a template, or break a line.
pub fn push_js_string(out: &mut String, s: &str) {
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\u{0}'..='\u{1f}' | '<' | '>' | '&' | '\'' | '`' | '/' | '\u{2028}' | '\u{2029}' | '\u{7f}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            _ => out.push(c),
        }
    }
    out.push('"');
}

/// A file name (without extension) for a TL name: ASCII letters, digits, `_`, `-` and `.` stay
/// (a leading `.` does not), every other byte becomes `~XX` (hex). Two names never give the same
/// stem; see [`FileNames`] for file systems that ignore case.
pub fn file_stem(name: &str) -> String {
    let mut out = String::with_capacity(name.len());
    for (i, b) in name.bytes().enumerate() {
        if b.is_ascii_alphanumeric() || b == b'_' || b == b'-' || (b == b'.' && i > 0) {
            out.push(b as char);
        } else {
            out.push_str(&format!("~{b:02X}"));
        }
    }
    if out.is_empty() { "~".to_string() } else { out }
}

/// Hands out file names in one folder that stay distinct on file systems that ignore case
/// (`user.html` and `User.html` would be one file there): a later name that differs from an
/// earlier one only in case gets `~~2`, `~~3`, ... before the extension (a stem never holds
/// `~~`, so these cannot meet another name's stem).
#[derive(Debug, Default)]
pub struct FileNames {
    used: std::collections::HashSet<String>,
}

impl FileNames {
    /// The file name (`STEM.html`) for `name`.
    pub fn file(&mut self, name: &str) -> String {
        let stem = file_stem(name);
        if self.used.insert(stem.to_ascii_lowercase()) {
            return format!("{stem}.html");
        }
        (2..)
            .map(|n| format!("{stem}~~{n}"))
            .find(|candidate| self.used.insert(candidate.to_ascii_lowercase()))
            .map(|s| format!("{s}.html"))
            .expect("unbounded")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Undoes [`push_html`]'s references (for the round-trip tests).
    fn unescape(s: &str) -> String {
        s.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&#96;", "`")
            .replace("&amp;", "&")
    }

    /// Deterministic pseudo-random strings over characters that matter to HTML and JS.
    fn samples() -> Vec<String> {
        const ALPHABET: &[char] = &[
            '<', '>', '&', '"', '\'', '`', '/', '*', '\\', '\n', '\r', '\t', '\u{0}', '\u{1f}', '\u{7f}', '\u{2028}',
            '\u{2029}', 'a', 'Z', '0', ' ', ';', '=', '#', '!', '-', 'é', '€', '😀', '$', '{', '}',
        ];
        let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
        let mut next = move || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        (0..2000)
            .map(|_| {
                let len = (next() % 24) as usize;
                (0..len).map(|_| ALPHABET[(next() % ALPHABET.len() as u64) as usize]).collect()
            })
            .collect()
    }

    #[test]
    fn html_escapes_markup_characters_only() {
        assert_eq!(
            html("<script>alert(`x`)</script> */ \"q\" 'a' & b"),
            "&lt;script&gt;alert(&#96;x&#96;)&lt;/script&gt; */ &quot;q&quot; &#39;a&#39; &amp; b"
        );
        assert_eq!(html("plain text"), "plain text");
        assert_eq!(html(""), "");
    }

    #[test]
    fn html_output_has_no_markup_and_round_trips() {
        for s in samples() {
            let e = html(&s);
            assert!(!e.contains(['<', '>', '"', '\'', '`']), "{s:?} -> {e:?}");
            // Every `&` starts one of the references written.
            for (i, _) in e.match_indices('&') {
                let rest = &e[i..];
                assert!(
                    ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;", "&#96;"].iter().any(|r| rest.starts_with(r)),
                    "{e:?}"
                );
            }
            assert_eq!(unescape(&e), s);
        }
    }

    #[test]
    fn js_strings_are_json_and_cannot_close_anything() {
        let mut out = String::new();
        push_js_string(&mut out, "</script><!-- */ `${x}` 'q' \"d\" \\ \u{2028}");
        assert_eq!(
            out,
            r#""\u003c\u002fscript\u003e\u003c!-- *\u002f \u0060${x}\u0060 \u0027q\u0027 \"d\" \\ \u2028""#
        );
        for s in samples() {
            let mut out = String::new();
            push_js_string(&mut out, &s);
            let inner = &out[1..out.len() - 1];
            assert!(!inner.contains(['<', '>', '&', '\'', '`', '/', '\n', '\r', '\u{2028}', '\u{2029}']), "{out:?}");
            assert!(!out.contains("*/") && !out.contains("</"), "{out:?}");
            let back: String = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{out:?}: {e}"));
            assert_eq!(back, s);
        }
    }

    #[test]
    fn file_stems_are_safe_and_distinct() {
        assert_eq!(file_stem("messages.sentMessageLink"), "messages.sentMessageLink");
        assert_eq!(file_stem("a/b"), "a~2Fb");
        assert_eq!(file_stem(".."), "~2E.");
        assert_eq!(file_stem(""), "~");
        let mut seen = std::collections::HashMap::new();
        for s in samples() {
            let stem = file_stem(&s);
            assert!(stem.bytes().all(|b| b.is_ascii_alphanumeric() || b"_-.~".contains(&b)), "{stem}");
            assert!(!stem.starts_with('.'));
            if let Some(other) = seen.insert(stem.clone(), s.clone()) {
                assert_eq!(other, s, "two names share the stem {stem}");
            }
        }
    }

    #[test]
    fn file_names_differ_ignoring_case() {
        let mut names = FileNames::default();
        assert_eq!(names.file("user"), "user.html");
        assert_eq!(names.file("User"), "User~~2.html");
        assert_eq!(names.file("USER"), "USER~~3.html");
        assert_eq!(names.file("user~~2"), "user~7E~7E2.html");
    }
}
