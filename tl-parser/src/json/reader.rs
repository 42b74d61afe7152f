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
    if reader.pos == src.len() {
        Ok(node)
    } else {
        Err(reader.unexpected("the end of the text after the value"))
    }
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
                Malformed { span: Span::new(at, at + c.len_utf8()), message: format!("expected {expected}, found {found}") }
            }
            None => Malformed { span: Span::new(at, at), message: format!("expected {expected}, found the end of the text") },
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
