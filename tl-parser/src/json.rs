//! Telegram's JSON form of a schema: [`to_json`] writes it, [`to_tl`] reads it back as TL text for
//! [`crate::parse`], and [`convert`] does the same while keeping track of where each piece of the
//! TL text came from, so that diagnostics can point into the JSON file.
//!
//! The form, as core.telegram.org publishes it:
//!
//! ```json
//! {
//!   "constructors": [
//!     {"id": "-1132882121", "predicate": "boolFalse", "params": [], "type": "Bool"}
//!   ],
//!   "methods": [
//!     {"id": "-1220062616", "method": "invokeWithLayer3",
//!      "params": [{"name": "query", "type": "!X"}], "type": "X"}
//!   ]
//! }
//! ```
//!
//! Ids are the u32 wire id written as a signed (i32) decimal string. Parameter types are written as
//! in TL (`Vector<User>`, `flags.0?true`, `!X`, `#`); generic parameters `{X:Type}` are not listed,
//! and need not be: a `!X` with no `{X:Type}` gets the same id (see `ids`).
//!
//! ```
//! let schema = "---types---\nboolTrue#997275b5 = Bool;\n";
//! let parsed = tlayer_parser::parse(schema, &Default::default());
//! let json = tlayer_parser::json::to_json(&parsed.schema);
//! assert!(json.contains("\"id\": \"-1720552011\""));
//! let back = tlayer_parser::json::to_tl(&json).unwrap();
//! assert_eq!(back, "---types---\nboolTrue#997275b5 = Bool;\n---functions---\n");
//! ```
//!
//! Why one file of this size: the writer and the reader of one format, kept side by side so that
//! every key and shape is written and read by neighbouring code. The JSON syntax itself is read by
//! the private `reader` module (a small RFC 8259 reader that keeps positions) and string literals
//! by `string` ([`quote`], [`unquote`]), so reading JSON costs no dependency.

mod reader;
mod string;

use crate::ast::*;
use crate::print::print_type;
use reader::{Node, Value};
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use string::Malformed;
pub use string::quote_into;

/// `s` as a JSON string literal, quotes included (see [`quote_into`]).
///
/// ```
/// use tlayer_parser::json::{quote, unquote};
/// assert_eq!(quote("a\"b\n😀"), r#""a\"b\n😀""#);
/// assert_eq!(unquote(r#""a\"b\n\ud83d\ude00""#).unwrap(), "a\"b\n😀");
/// ```
pub fn quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    quote_into(&mut out, s);
    out
}

/// Reads `literal`, exactly one JSON string literal (no spaces around it), escapes decoded. A
/// literal that is not closed, a raw control character, an unknown escape, a `\u` without four hex
/// digits and a surrogate that is not half of a pair are errors at the bytes concerned.
pub fn unquote(literal: &str) -> Result<String, JsonError> {
    reader::string_literal(literal).map(Cow::into_owned).map_err(|e| JsonError::malformed(literal, e))
}

/// A JSON schema that cannot be converted: bad JSON syntax, a missing key, a value of the wrong
/// kind, a bad id or a name that is not TL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct JsonError {
    /// What is wrong, in one line.
    pub message: String,
    /// 1-based line of the offending place.
    pub line: usize,
    /// 1-based column of the offending place, counted in bytes.
    pub column: usize,
    /// The offending bytes of the JSON text: for a syntax error, the first character that is not
    /// JSON (empty at the end of the text), a whole bad escape, or the opening quote of a string
    /// that is never closed.
    pub span: Span,
}

impl fmt::Display for JsonError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for JsonError {}

impl JsonError {
    /// An error about `span` of `json`; line and column are those of `span.start`.
    fn at(json: &str, span: Span, message: impl Into<String>) -> Self {
        let start = (span.start as usize).min(json.len());
        let line_start = json[..start].rfind('\n').map_or(0, |i| i + 1);
        let line = 1 + json[..line_start].bytes().filter(|&b| b == b'\n').count();
        JsonError { message: message.into(), line, column: start - line_start + 1, span }
    }

    /// A syntax error of the reader.
    fn malformed(json: &str, e: Malformed) -> Self {
        JsonError::at(json, e.span, e.message)
    }
}

// ---------------------------------------------------------------------------------------------
// Schema -> JSON

/// Writes the JSON form of `schema`: every definition but builtin declarations ([`listed`]), in
/// source order, constructors then methods, pretty-printed with 2-space indentation (the layout of Telegram's files), ending
/// with a newline. The id is the wire id ([`Definition::wire_id`]).
pub fn to_json(schema: &Schema<'_>) -> String {
    let mut out = String::with_capacity(schema.definitions.len() * 200);
    out.push_str("{\n");
    write_section(&mut out, schema, Section::Types, "constructors", "predicate");
    out.push_str(",\n");
    write_section(&mut out, schema, Section::Functions, "methods", "method");
    out.push_str("\n}\n");
    out
}

/// Whether `def` is in the JSON form: every constructor and function but builtin declarations.
/// A function is never a builtin, whatever its result type (`= Vector<User>`, `= Object`).
pub fn listed(def: &Definition<'_>) -> bool {
    !def.builtin || def.section == Section::Functions
}

fn write_section(out: &mut String, schema: &Schema<'_>, section: Section, key: &str, name_key: &str) {
    let _ = write!(out, "  \"{key}\": [");
    let mut any = false;
    let mut ty = String::new();
    for def in schema.definitions.iter().filter(|d| d.section == section && listed(d)) {
        out.push_str(if any { ",\n" } else { "\n" });
        any = true;
        out.push_str("    {\n");
        let _ = writeln!(out, "      \"id\": \"{}\",", def.wire_id() as i32);
        let _ = write!(out, "      \"{name_key}\": ");
        quote_into(out, def.name.text);
        out.push_str(",\n      \"params\": [");
        let mut any_param = false;
        for (name, cond, field_ty) in def.fields() {
            out.push_str(if any_param { ",\n" } else { "\n" });
            any_param = true;
            out.push_str("        {\n          \"name\": ");
            quote_into(out, name.text);
            ty.clear();
            if let Some(flag) = cond {
                let _ = write!(ty, "{}.{}?", flag.field.text, flag.bit);
            }
            print_type(&mut ty, field_ty);
            out.push_str(",\n          \"type\": ");
            quote_into(out, &ty);
            out.push_str("\n        }");
        }
        if any_param {
            out.push_str("\n      ");
        }
        out.push_str("],\n      \"type\": ");
        ty.clear();
        print_type(&mut ty, &def.result);
        quote_into(out, &ty);
        out.push_str("\n    }");
    }
    if any {
        out.push_str("\n  ");
    }
    out.push(']');
}

// ---------------------------------------------------------------------------------------------
// JSON -> TL

/// TL text converted from the JSON form, with a map from its bytes back to the JSON text.
#[derive(Clone, Debug, Default)]
pub struct Converted {
    /// `---types---`, one line per constructor, `---functions---`, one line per method.
    pub text: String,
    /// Pieces of `text` that come from one JSON value, in order of `text`.
    segments: Vec<Segment>,
}

/// `text[tl..tl + len]` was written for the JSON value whose content is at `json..json + json_len`.
#[derive(Clone, Copy, Debug)]
struct Segment {
    tl: usize,
    len: usize,
    json: usize,
    json_len: usize,
    /// The TL bytes are the JSON bytes (a string without escapes), so offsets map one to one.
    exact: bool,
}

impl Converted {
    /// The byte offset in the JSON text that byte `offset` of [`Converted::text`] came from: the
    /// same character of a name or type, the end of the value for the separators after it.
    pub fn map_offset(&self, offset: usize) -> usize {
        let i = self.segments.partition_point(|s| s.tl <= offset);
        let Some(s) = i.checked_sub(1).map(|i| self.segments[i]) else { return 0 };
        if offset < s.tl + s.len {
            if s.exact { s.json + (offset - s.tl) } else { s.json }
        } else {
            s.json + s.json_len
        }
    }

    /// Maps a span of [`Converted::text`] (such as a diagnostic's) to the JSON text.
    pub fn map_span(&self, span: Span) -> Span {
        let start = self.map_offset(span.start as usize);
        let end = if span.end > span.start { self.map_offset(span.end as usize - 1) + 1 } else { start };
        Span::new(start, end.max(start))
    }
}

/// Converts the JSON form into TL text (see [`convert`]).
pub fn to_tl(json: &str) -> Result<String, JsonError> {
    convert(json).map(|c| c.text)
}

/// Converts the JSON form into TL text: `---types---`, a line `name#id params = Type;` per
/// constructor, `---functions---`, a line per method. The `vector` constructor as Telegram lists
/// it (`"type": "Vector t"`) becomes the builtin `vector#1cb5c415 {t:Type} # [ t ] = Vector t;`.
/// Unknown keys are ignored; a missing key, a value of the wrong kind, an id that is not a 32-bit
/// integer and a name or type with characters TL does not allow are errors.
pub fn convert(json: &str) -> Result<Converted, JsonError> {
    let root = reader::document(json).map_err(|e| JsonError::malformed(json, e))?;
    let mut conv =
        Converter { json, out: Converted { text: String::with_capacity(json.len() / 3), segments: Vec::new() } };
    let fields = conv.object(&root, "the schema")?;
    let constructors = conv.array(conv.field(&root, fields, "constructors", "the schema")?, "`constructors`")?;
    let methods = conv.array(conv.field(&root, fields, "methods", "the schema")?, "`methods`")?;
    conv.out.text.push_str("---types---\n");
    for (i, item) in constructors.iter().enumerate() {
        conv.definition(item, i, &CONSTRUCTOR)?;
    }
    conv.out.text.push_str("---functions---\n");
    for (i, item) in methods.iter().enumerate() {
        conv.definition(item, i, &METHOD)?;
    }
    Ok(conv.out)
}

/// What a JSON array entry is called, and the key holding its name.
struct EntryKind {
    what: &'static str,
    name_key: &'static str,
}

const CONSTRUCTOR: EntryKind = EntryKind { what: "constructor", name_key: "predicate" };
const METHOD: EntryKind = EntryKind { what: "method", name_key: "method" };

struct Converter<'a> {
    json: &'a str,
    out: Converted,
}

/// What characters a name or type may contain.
#[derive(Clone, Copy)]
enum Chars {
    Name,
    Type,
}

impl Chars {
    fn allows(self, c: char) -> bool {
        c.is_ascii_alphanumeric()
            || c == '_'
            || c == '.'
            || matches!(self, Chars::Type) && matches!(c, '<' | '>' | ',' | '!' | '%' | '#' | '?')
    }
}

impl<'a> Converter<'a> {
    fn error(&self, span: Span, message: impl Into<String>) -> JsonError {
        JsonError::at(self.json, span, message)
    }

    fn object<'n>(&self, node: &'n Node<'a>, what: &str) -> Result<&'n [(Cow<'a, str>, Node<'a>)], JsonError> {
        match &node.value {
            Value::Object(fields) => Ok(fields),
            other => Err(self.error(node.span, format!("expected {what} to be an object, found {}", other.kind()))),
        }
    }

    fn array<'n>(&self, node: &'n Node<'a>, what: &str) -> Result<&'n [Node<'a>], JsonError> {
        match &node.value {
            Value::Array(items) => Ok(items),
            other => Err(self.error(node.span, format!("expected {what} to be an array, found {}", other.kind()))),
        }
    }

    /// The value of `key` in `object` (the last one when repeated, as serde_json does).
    fn field<'n>(
        &self,
        object: &Node<'a>,
        fields: &'n [(Cow<'a, str>, Node<'a>)],
        key: &str,
        what: &str,
    ) -> Result<&'n Node<'a>, JsonError> {
        fields.iter().rev().find(|(k, _)| k == key).map(|(_, v)| v).ok_or_else(|| {
            let open = Span::new(object.span.start as usize, object.span.start as usize + 1);
            self.error(open, format!("missing key `{key}` in {what}"))
        })
    }

    /// A string value holding a name or type: not empty, only characters TL allows.
    fn text<'n>(&self, node: &'n Node<'a>, what: &str, chars: Chars) -> Result<&'n str, JsonError> {
        let Value::Str { text, exact } = &node.value else {
            return Err(self.error(node.span, format!("expected {what} to be a string, found {}", node.value.kind())));
        };
        if text.is_empty() {
            return Err(self.error(node.span, format!("{what} is empty")));
        }
        if let Some((i, c)) = text.char_indices().find(|&(_, c)| !chars.allows(c)) {
            let span = if *exact {
                let at = node.span.start as usize + 1 + i;
                Span::new(at, at + c.len_utf8())
            } else {
                node.span
            };
            return Err(self.error(span, format!("{what} `{text}` has a character TL does not allow: {c:?}")));
        }
        Ok(text)
    }

    fn id(&self, node: &Node<'a>, what: &str) -> Result<u32, JsonError> {
        let digits = match &node.value {
            Value::Str { text, .. } => text.as_ref(),
            Value::Number(n) => *n,
            other => {
                return Err(
                    self.error(node.span, format!("expected the id of {what} to be a string, found {}", other.kind()))
                );
            }
        };
        match digits.parse::<i64>() {
            Ok(v) if (i64::from(i32::MIN)..=i64::from(u32::MAX)).contains(&v) => Ok(v as u32),
            _ => Err(self.error(
                node.span,
                format!(
                    "invalid id `{digits}` of {what}: expected a 32-bit integer in decimal, such as \"-1132882121\""
                ),
            )),
        }
    }

    /// Appends `text`, recording that it came from `node` (a string or number value).
    fn emit(&mut self, node: &Node<'_>, text: &str) {
        let exact = matches!(&node.value, Value::Str { exact: true, .. });
        let quoted = matches!(&node.value, Value::Str { .. }) as usize;
        let (start, end) = (node.span.start as usize + quoted, node.span.end as usize - quoted);
        self.out.segments.push(Segment {
            tl: self.out.text.len(),
            len: text.len(),
            json: start,
            json_len: end.saturating_sub(start),
            exact,
        });
        self.out.text.push_str(text);
    }

    fn definition(&mut self, node: &Node<'a>, index: usize, kind: &EntryKind) -> Result<(), JsonError> {
        let numbered = format!("{} {}", kind.what, index + 1);
        let fields = self.object(node, &numbered)?;
        let name_node = self.field(node, fields, kind.name_key, &numbered)?;
        let name = self.text(name_node, &format!("the {} of {numbered}", kind.name_key), Chars::Name)?;
        let what = format!("{} `{name}`", kind.what);
        let id_node = self.field(node, fields, "id", &what)?;
        let id = self.id(id_node, &what)?;
        let params_node = self.field(node, fields, "params", &what)?;
        let params = self.array(params_node, &format!("the params of {what}"))?;
        let type_node = self.field(node, fields, "type", &what)?;

        // Telegram lists the builtin vector as `vector = Vector t` with no params.
        if name == "vector"
            && params.is_empty()
            && matches!(&type_node.value, Value::Str { text, .. } if text == "Vector t")
        {
            self.emit(name_node, name);
            self.emit(id_node, &format!("#{id:08x}"));
            self.out.text.push_str(" {t:Type} # [ t ] = ");
            self.emit(type_node, "Vector t");
            self.out.text.push_str(";\n");
            return Ok(());
        }

        let result = self.text(type_node, &format!("the type of {what}"), Chars::Type)?;
        self.emit(name_node, name);
        self.emit(id_node, &format!("#{id:08x}"));
        for (i, param) in params.iter().enumerate() {
            let numbered = format!("param {} of {what}", i + 1);
            let param_fields = self.object(param, &numbered)?;
            let pname_node = self.field(param, param_fields, "name", &numbered)?;
            let pname = self.text(pname_node, &format!("the name of {numbered}"), Chars::Name)?;
            let ptype_node = self.field(param, param_fields, "type", &format!("param `{pname}` of {what}"))?;
            let ptype = self.text(ptype_node, &format!("the type of param `{pname}` of {what}"), Chars::Type)?;
            self.out.text.push(' ');
            self.emit(pname_node, pname);
            self.out.text.push(':');
            self.emit(ptype_node, ptype);
        }
        self.out.text.push_str(" = ");
        self.emit(type_node, result);
        self.out.text.push_str(";\n");
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reader_keeps_positions_and_unescapes() {
        let src = r#" {"a": [1, -2.5e3, true, null], "b\u0041": "x\"y", "c": "plain"} "#;
        let node = reader::document(src).unwrap();
        let Value::Object(fields) = &node.value else { panic!("not an object") };
        assert_eq!(node.span, Span::new(1, src.len() - 1));
        assert_eq!(fields[1].0, "bA");
        assert!(matches!(&fields[1].1.value, Value::Str { text, exact: false } if text == "x\"y"));
        let c = &fields[2].1;
        assert!(matches!(&c.value, Value::Str { text, exact: true } if text == "plain"));
        assert_eq!(&src[c.span.start as usize..c.span.end as usize], "\"plain\"");
    }

    #[test]
    fn reader_rejects_instead_of_panicking() {
        for bad in ["", "{", "[1,", "\"abc", "\"\\", "tru", "{\"a\" 1}", "[1] x", "-"] {
            assert!(reader::document(bad).is_err(), "{bad:?}");
        }
    }

    #[test]
    fn strings_are_escaped() {
        let mut out = String::new();
        quote_into(&mut out, "a\"b\\c\n\u{1}é");
        assert_eq!(out, r#""a\"b\\c\n\u0001é""#);
        assert_eq!(serde_json::from_str::<String>(&out).unwrap(), "a\"b\\c\n\u{1}é");
    }
}
