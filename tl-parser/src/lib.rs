//! Parser, id checker, validator and canonical printer for TL (Type Language) schemas, the
//! language of Telegram's MTProto API, tdlib's `td_api.tl` and TON's schemas.
//!
//! ```
//! let src = "boolTrue#997275b5 = Bool;";
//! let parsed = tlayer_parser::parse(src, &tlayer_parser::Options::default());
//! assert!(parsed.diagnostics.is_empty());
//! assert_eq!(parsed.schema.definitions[0].id, 0x997275b5);
//! ```
//!
//! Data flows one way: [`lexer`] -> [`grammar`] -> [`ids`] -> [`validate`]; [`print`](mod@print)
//! turns the tree back into canonical text. [`parse`] does it in one pass: the lexer hands each
//! token to the grammar as it is needed, and each definition gets its id and its checks right after
//! it is parsed, while it is still in the cache; what needs the whole schema (the dialect, `%T`,
//! types declared later, duplicates) is finished at the end, with the same results as separate
//! passes. Errors never stop the parse: each bad definition is reported
//! with its position and skipped, so one pass shows every problem of a file.
//!
//! [`Sources`] ([`load`]) reads files, TL or Telegram's JSON form, one or several, and parses them
//! once as one schema whose diagnostics point into the file each is in: what the CLI and the code
//! generator both use.

#![deny(missing_docs)]

pub mod ast;
pub mod builtins;
mod crc32;
pub mod diagnostic;
pub mod diff;
pub mod grammar;
pub mod ids;
pub mod json;
pub mod lexer;
pub mod load;
pub mod print;
pub mod validate;

pub use ast::*;
pub use diagnostic::{Diagnostic, LineIndex, Severity};
pub use load::{Format, Loaded, Sources};

use std::borrow::Cow;

/// How to parse.
#[derive(Clone, Copy, Debug, Default)]
pub struct Options {
    /// The id rules to use; `None` picks them from the schema ([`ids::detect`]).
    pub dialect: Option<Dialect>,
}

/// A parsed schema and everything found wrong with it.
#[derive(Clone, Debug)]
pub struct Parsed<'a> {
    /// The definitions that parsed; a definition with a syntax error is reported, not kept.
    pub schema: Schema<'a>,
    /// Errors, warnings and notes, in source order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Parsed<'_> {
    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// True when there is no error (warnings and notes allowed).
    pub fn is_ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }
}

/// Parses, computes ids, checks written ids and validates `src`.
pub fn parse<'a>(src: &'a str, options: &Options) -> Parsed<'a> {
    parse_in(src, options, &LineIndex::new(src)).0
}

/// [`parse`] with the positions of `lines` (one file, or several read as one by [`load`]), and
/// how the dialect was chosen.
pub(crate) fn parse_in<'a>(src: &'a str, options: &Options, lines: &LineIndex<'_>) -> (Parsed<'a>, ids::Detection) {
    let mut diagnostics = Vec::new();
    // Ids are computed and definitions checked as each is parsed, while it is in the cache.
    let mut early_ids = ids::EarlyIds::new(options.dialect, src.len() / 100);
    let mut checks = validate::EarlyChecks::new(src.len());
    let mut schema = grammar::parse_text_with(src, &mut diagnostics, |i, def, params, percent| {
        early_ids.definition(i, def, params, percent);
        checks.definition(def, params, early_ids.bare(), lines);
    });
    let (bare, detection) = early_ids.finish(&mut schema, &mut diagnostics);
    checks.finish(&schema, lines, &bare, &mut diagnostics);
    check_layer_markers(src, &schema, &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity)));
    (Parsed { schema, diagnostics }, detection)
}

/// The largest layer number: a layer travels as a TL `int` (`invokeWithLayer layer:int`).
pub const MAX_LAYER: u32 = i32::MAX as u32;

/// Reports `// LAYER N` markers whose number does not fit a TL `int`, quoting the number as
/// written in `src` (one too long for `u32` is held as `u32::MAX`).
fn check_layer_markers(src: &str, schema: &Schema<'_>, diagnostics: &mut Vec<Diagnostic>) {
    for m in schema.layer_markers.iter().filter(|m| m.layer > MAX_LAYER) {
        let text = src.get(m.span.start as usize..m.span.end as usize).unwrap_or_default();
        let digits = text.trim_start_matches(|c: char| !c.is_ascii_digit()).trim_end();
        let digits = digits.trim_start_matches('0');
        diagnostics.push(Diagnostic::error(
            m.span,
            format!("layer {digits} is out of range: a layer is an `int`, at most {MAX_LAYER}"),
        ));
    }
}

/// Makes text of raw bytes: each byte of an invalid UTF-8 sequence becomes `?` (so byte offsets
/// stay the same), with an error at each such place.
pub fn decode_utf8(bytes: &[u8]) -> (Cow<'_, str>, Vec<Diagnostic>) {
    match std::str::from_utf8(bytes) {
        Ok(s) => (Cow::Borrowed(s), Vec::new()),
        Err(_) => {
            let mut text = String::with_capacity(bytes.len());
            let mut diags = Vec::new();
            for chunk in bytes.utf8_chunks() {
                text.push_str(chunk.valid());
                let bad = chunk.invalid();
                if !bad.is_empty() {
                    let at = text.len();
                    diags.push(Diagnostic::error(Span::new(at, at + bad.len()), "invalid UTF-8"));
                    text.extend(std::iter::repeat_n('?', bad.len()));
                }
            }
            (Cow::Owned(text), diags)
        }
    }
}
