//! A JSON reader that keeps positions: the text becomes a tree of [`Node`]s, each with the bytes it
//! spans, or an error at the first byte that is not JSON (RFC 8259), saying what was expected.
//!
//! It accepts exactly RFC 8259's grammar: no comments, no trailing commas, no leading zeros or `+`
//! in numbers, no raw control characters in strings, escapes as [`super::string`] reads them. Two
//! limits protect the caller: nesting deeper than [`MAX_DEPTH`] is an error (the reader recurses),
//! and numbers are kept as their text, so no value is out of range here.

use super::string::{self, Malformed};
use crate::ast::Span;
use std::borrow::Cow;

/// How deeply arrays and objects may nest: what serde_json allows by default, far more than a
/// schema needs, and little enough stack for any thread.
pub(crate) const MAX_DEPTH: usize = 128;

/// A JSON value and the bytes it spans (quotes and brackets included).
#[derive(Debug)]
pub(crate) struct Node<'a> {
    pub span: Span,
    pub value: Value<'a>,
}

#[derive(Debug)]
pub(crate) enum Value<'a> {
    Null,
    Bool,
    Number(&'a str),
    /// `exact`: written without escapes, so `text` is the JSON between the quotes.
    Str {
        text: Cow<'a, str>,
        exact: bool,
    },
    Array(Vec<Node<'a>>),
    Object(Vec<(Cow<'a, str>, Node<'a>)>),
}

impl Value<'_> {
    pub(crate) fn kind(&self) -> &'static str {
        match self {
            Value::Null => "null",
            Value::Bool => "a boolean",
            Value::Number(_) => "a number",
            Value::Str { .. } => "a string",
            Value::Array(_) => "an array",
            Value::Object(_) => "an object",
        }
    }
}

/// Reads `src`: one value, whitespace around it.
pub(crate) fn document(src: &str) -> Result<Node<'_>, Malformed> {
    let mut reader = Reader { src, pos: 0, depth: 0 };
    let node = reader.value()?;
    reader.skip_ws();
    if reader.pos == src.len() { Ok(node) } else { Err(reader.unexpected("the end of the text after the value")) }
}

/// Reads `src` as exactly one string literal, nothing around it.
pub(crate) fn string_literal(src: &str) -> Result<Cow<'_, str>, Malformed> {
    let mut reader = Reader { src, pos: 0, depth: 0 };
    if reader.peek() != Some(b'"') {
        return Err(reader.unexpected("`\"`"));
    }
    let scanned = string::scan(src, 0)?;
    reader.pos = scanned.end;
    if reader.pos == src.len() { Ok(scanned.text) } else { Err(reader.unexpected("the end of the string")) }
}

struct Reader<'a> {
    src: &'a str,
    pos: usize,
    /// Arrays and objects open around `pos`.
    depth: usize,
}

type Read<T> = Result<T, Malformed>;

impl<'a> Reader<'a> {
    fn peek(&self) -> Option<u8> {
        self.src.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    /// "expected `expected`, found ..." at `pos`: the character there, or the end of the text.
    fn unexpected(&self, expected: &str) -> Malformed {
        let at = self.pos;
        match self.src[at..].chars().next() {
            Some(c) => {
                let found = if c.is_control() || c.is_whitespace() { format!("{c:?}") } else { format!("`{c}`") };
                Malformed {
                    span: Span::new(at, at + c.len_utf8()),
                    message: format!("expected {expected}, found {found}"),
                }
            }
            None => Malformed {
                span: Span::new(at, at),
                message: format!("expected {expected}, found the end of the text"),
            },
        }
    }

    /// Skips whitespace and `byte`, or fails with "expected `what`".
    fn expect(&mut self, byte: u8, what: &str) -> Read<()> {
        self.skip_ws();
        if self.peek() == Some(byte) {
            self.pos += 1;
            Ok(())
        } else {
            Err(self.unexpected(what))
        }
    }

    fn value(&mut self) -> Read<Node<'a>> {
        self.skip_ws();
        let start = self.pos;
        let value = match self.peek() {
            Some(b'{') => self.object()?,
            Some(b'[') => self.array()?,
            Some(b'"') => {
                let scanned = string::scan(self.src, start)?;
                self.pos = scanned.end;
                Value::Str { text: scanned.text, exact: scanned.exact }
            }
            Some(b't') => self.keyword("true", Value::Bool)?,
            Some(b'f') => self.keyword("false", Value::Bool)?,
            Some(b'n') => self.keyword("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => Value::Number(self.number()?),
            _ => return Err(self.unexpected("a value")),
        };
        Ok(Node { span: Span::new(start, self.pos), value })
    }

    fn keyword(&mut self, word: &str, value: Value<'a>) -> Read<Value<'a>> {
        for &b in word.as_bytes() {
            if self.peek() != Some(b) {
                return Err(self.unexpected(&format!("`{word}`")));
            }
            self.pos += 1;
        }
        Ok(value)
    }

    /// `-`? (`0` | [1-9][0-9]*) (`.` [0-9]+)? ([eE] [+-]? [0-9]+)?
    fn number(&mut self) -> Read<&'a str> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        match self.peek() {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => self.digits(),
            _ => return Err(self.unexpected("a digit")),
        }
        if self.peek() == Some(b'.') {
            self.pos += 1;
            self.digit_run("a digit after the decimal point")?;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            self.digit_run("a digit in the exponent")?;
        }
        Ok(&self.src[start..self.pos])
    }

    fn digits(&mut self) {
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
    }

    fn digit_run(&mut self, what: &str) -> Read<()> {
        if !matches!(self.peek(), Some(b'0'..=b'9')) {
            return Err(self.unexpected(what));
        }
        self.digits();
        Ok(())
    }

    /// Enters an array or object at `pos` (its bracket), refusing nesting beyond [`MAX_DEPTH`].
    fn open(&mut self) -> Read<()> {
        if self.depth == MAX_DEPTH {
            return Err(Malformed {
                span: Span::new(self.pos, self.pos + 1),
                message: format!("arrays and objects nested more than {MAX_DEPTH} deep"),
            });
        }
        self.depth += 1;
        self.pos += 1;
        Ok(())
    }

    fn array(&mut self) -> Read<Value<'a>> {
        self.open()?;
        let mut items = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b']') {
            self.pos += 1;
        } else {
            loop {
                items.push(self.value()?);
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b']') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("`,` or `]`")),
                }
                self.skip_ws();
                if self.peek() == Some(b']') {
                    return Err(self.unexpected("a value after `,` (JSON has no trailing commas)"));
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Array(items))
    }

    fn object(&mut self) -> Read<Value<'a>> {
        self.open()?;
        let mut fields = Vec::new();
        self.skip_ws();
        if self.peek() == Some(b'}') {
            self.pos += 1;
        } else {
            loop {
                self.skip_ws();
                if self.peek() != Some(b'"') {
                    let what = if fields.is_empty() {
                        "a key (a string in `\"`) or `}`"
                    } else {
                        "a key (a string in `\"`) after `,` (JSON has no trailing commas)"
                    };
                    return Err(self.unexpected(what));
                }
                let key = string::scan(self.src, self.pos)?;
                self.pos = key.end;
                self.expect(b':', "`:` after the key")?;
                fields.push((key.text, self.value()?));
                self.skip_ws();
                match self.peek() {
                    Some(b',') => self.pos += 1,
                    Some(b'}') => {
                        self.pos += 1;
                        break;
                    }
                    _ => return Err(self.unexpected("`,` or `}`")),
                }
            }
        }
        self.depth -= 1;
        Ok(Value::Object(fields))
    }
}

#[cfg(test)]
mod tests {
    //! Documents checked against serde_json: what it writes reads back with the same values, edited
    //! documents are accepted exactly when serde_json accepts them, and a character that is never
    //! JSON outside strings is reported exactly where it was put.

    use super::*;
    use proptest::prelude::*;
    use serde_json::Value as J;

    fn json_value() -> impl Strategy<Value = J> {
        let text =
            prop::collection::vec(prop::sample::select(vec!['a', 'z', ' ', '"', '\\', '\n', '\u{1}', 'é', '😀']), 0..6)
                .prop_map(|cs| cs.into_iter().collect::<String>());
        let leaf = prop_oneof![
            Just(J::Null),
            any::<bool>().prop_map(J::Bool),
            any::<i64>().prop_map(J::from),
            any::<u64>().prop_map(J::from),
            (-1e6f64..1e6).prop_map(J::from),
            (-1e-3f64..1e-3).prop_map(J::from),
            text.clone().prop_map(J::String),
        ];
        leaf.prop_recursive(4, 40, 6, move |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..6).prop_map(J::Array),
                prop::collection::vec((text.clone(), inner), 0..6).prop_map(|kv| J::Object(kv.into_iter().collect())),
            ]
        })
    }

    /// Whether `node` (read from `src`) holds `value`: numbers compared as the text serde_json
    /// writes for them.
    fn same(src: &str, node: &Node<'_>, value: &J) -> bool {
        let spanned = &src[node.span.start as usize..node.span.end as usize];
        match (&node.value, value) {
            (Value::Null, J::Null) => spanned == "null",
            (Value::Bool, J::Bool(b)) => spanned == b.to_string(),
            (Value::Number(text), J::Number(_)) => *text == spanned && *text == serde_json::to_string(value).unwrap(),
            (Value::Str { text, exact }, J::String(s)) => text == s && (!exact || &spanned[1..spanned.len() - 1] == s),
            (Value::Array(items), J::Array(values)) => {
                items.len() == values.len() && items.iter().zip(values).all(|(n, v)| same(src, n, v))
            }
            (Value::Object(fields), J::Object(map)) => {
                fields.len() == map.len()
                    && fields.iter().zip(map).all(|((k, n), (key, v))| k == key && same(src, n, v))
            }
            _ => false,
        }
    }

    /// Offsets of `text` (a valid document) that are outside string literals.
    fn outside_strings(text: &str) -> Vec<usize> {
        let (mut inside, mut escaped, mut out) = (false, false, Vec::new());
        for (i, b) in text.bytes().enumerate() {
            if !inside {
                out.push(i);
            }
            if inside && escaped {
                escaped = false;
            } else if inside && b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                inside = !inside;
            }
        }
        out.push(text.len());
        out
    }

    /// Edits that make documents of every kind, valid and not.
    const EDITS: &[&str] = &[
        "",
        ",",
        "]",
        "}",
        "[",
        "{",
        "\"",
        ":",
        "\\",
        " ",
        "\n",
        "0",
        "01",
        "-",
        ".",
        "+",
        "tru",
        "null",
        "\u{1}",
        "é",
        "\"\\ud800\"",
        "[]",
        "{}",
        "\"k\":",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

        #[test]
        fn what_serde_json_writes_reads_back(value in json_value(), pretty in any::<bool>()) {
            let text = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap();
            let node = document(&text).map_err(|e| TestCaseError::fail(format!("{e:?} in {text}")))?;
            prop_assert!(same(&text, &node, &value), "{}", text);
        }

        #[test]
        fn edited_documents_are_accepted_exactly_when_serde_json_accepts_them(
            value in json_value(),
            at in any::<prop::sample::Index>(),
            cut in 0usize..3,
            edit in prop::sample::select(EDITS),
        ) {
            let valid = serde_json::to_string_pretty(&value).unwrap();
            let mut at = at.index(valid.len() + 1);
            while !valid.is_char_boundary(at) {
                at -= 1;
            }
            let mut end = (at + cut).min(valid.len());
            while !valid.is_char_boundary(end) {
                end += 1;
            }
            let text = format!("{}{edit}{}", &valid[..at], &valid[end..]);
            let ours = document(&text);
            let theirs = serde_json::from_str::<J>(&text);
            prop_assert_eq!(ours.is_ok(), theirs.is_ok(), "{:?}: {:?} / {:?}", text, ours.err(), theirs.err());
            if let Err(e) = ours {
                let (s, t) = (e.span.start as usize, e.span.end as usize);
                prop_assert!(s <= t && t <= text.len(), "{:?}", e);
                prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(t), "{:?}", e);
            }
        }

        #[test]
        fn a_stray_character_is_reported_where_it_is(
            value in json_value(),
            pretty in any::<bool>(),
            at in any::<prop::sample::Index>(),
            stray in prop::sample::select(vec!['#', '\'', '=', ';', '\u{0}', '😀']),
        ) {
            let valid = if pretty { serde_json::to_string_pretty(&value) } else { serde_json::to_string(&value) }.unwrap();
            let places = outside_strings(&valid);
            let at = places[at.index(places.len())];
            let text = format!("{}{stray}{}", &valid[..at], &valid[at..]);
            let err = document(&text).expect_err(&text);
            prop_assert_eq!(err.span, Span::new(at, at + stray.len_utf8()), "{:?}: {}", text, err.message);
            prop_assert!(err.message.starts_with("expected "), "{}", err.message);
        }
    }

    #[test]
    fn nesting_is_limited() {
        let ok = format!("{}{}", "[".repeat(MAX_DEPTH), "]".repeat(MAX_DEPTH));
        assert!(document(&ok).is_ok());
        let deep = format!("{}{}", "[{\"a\":".repeat(MAX_DEPTH), "1");
        let err = document(&deep).unwrap_err();
        assert_eq!(err.span, Span::new(6 * (MAX_DEPTH / 2), 6 * (MAX_DEPTH / 2) + 1), "{}", err.message);
        assert_eq!(err.message, format!("arrays and objects nested more than {MAX_DEPTH} deep"));
        // Far deeper input is refused the same way, without exhausting the stack.
        assert!(document(&"[".repeat(1 << 20)).is_err());
    }

    #[test]
    fn numbers_follow_the_grammar() {
        for good in ["0", "-0", "12", "1.5", "-1.5e+10", "1E-3", "0.0e0"] {
            assert!(matches!(document(good), Ok(Node { value: Value::Number(t), .. }) if t == good), "{good}");
        }
        for (bad, at, message) in [
            ("01", 1, "expected the end of the text after the value, found `1`"),
            ("-", 1, "expected a digit, found the end of the text"),
            ("+1", 0, "expected a value, found `+`"),
            ("1.", 2, "expected a digit after the decimal point, found the end of the text"),
            ("1.e5", 2, "expected a digit after the decimal point, found `e`"),
            ("1e+", 3, "expected a digit in the exponent, found the end of the text"),
            (".5", 0, "expected a value, found `.`"),
        ] {
            let err = document(bad).unwrap_err();
            assert_eq!((err.span.start as usize, err.message.as_str()), (at, message), "{bad}");
        }
    }
}
