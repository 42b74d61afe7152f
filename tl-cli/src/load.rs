//! Reading a schema file, TL or Telegram's JSON form, into a parsed schema whose diagnostics point
//! into the file as written, and rendering them with the file's name.

use crate::cmd::Fatal;
use std::io::{self, Write};
use std::path::Path;
use tlayer_parser::json::{self, Converted};
use tlayer_parser::{Diagnostic, Dialect, LineIndex, Options, Schema, Severity};

/// A schema file as read.
#[derive(Debug)]
pub struct Input {
    /// The name diagnostics show: the path as given.
    pub name: String,
    /// The file's text; each byte of invalid UTF-8 is replaced by `?`.
    pub text: String,
    /// Errors found while decoding the bytes.
    decode_errors: Vec<Diagnostic>,
    /// For a JSON file: its conversion to TL, or why there is none.
    json: Option<Result<Converted, Diagnostic>>,
}

impl Input {
    /// Reads and decodes `path`; a JSON file (extension `.json`, or text starting with `{`) is
    /// converted to TL.
    pub fn read(path: &Path) -> Result<Input, Fatal> {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| Fatal::Message(format!("cannot read {name}: {e}")))?;
        let (text, decode_errors) = tlayer_parser::decode_utf8(&bytes);
        let text = text.into_owned();
        let is_json =
            path.extension().is_some_and(|e| e.eq_ignore_ascii_case("json")) || text.trim_start().starts_with('{');
        let json = is_json.then(|| json::convert(&text).map_err(|e| Diagnostic::error(e.span, e.message)));
        Ok(Input { name, text, decode_errors, json })
    }

    /// Reads `path` and checks it: `None` (its errors reported, then `tlayer: FILE has errors;
    /// {consequence}`) when the schema has errors.
    pub fn read_clean(path: &Path, dialect: Option<Dialect>, consequence: &str) -> Result<Option<Input>, Fatal> {
        let input = Input::read(path)?;
        let refused = input.load(dialect).refuse_if_errors(consequence)?;
        Ok((!refused).then_some(input))
    }

    /// True for Telegram's JSON form.
    pub fn is_json(&self) -> bool {
        self.json.is_some()
    }

    /// The TL text the schema is parsed from: the file, or what its JSON converts to.
    pub fn tl(&self) -> &str {
        match &self.json {
            None => &self.text,
            Some(Ok(converted)) => &converted.text,
            Some(Err(_)) => "",
        }
    }

    /// Parses the schema (with `dialect`, or the detected one).
    pub fn load(&self, dialect: Option<Dialect>) -> Loaded<'_> {
        let mut parsed = tlayer_parser::parse(self.tl(), &Options { dialect });
        let mut diagnostics = self.decode_errors.clone();
        match &self.json {
            None => diagnostics.append(&mut parsed.diagnostics),
            Some(Ok(converted)) => diagnostics
                .extend(parsed.diagnostics.drain(..).map(|d| Diagnostic { span: converted.map_span(d.span), ..d })),
            Some(Err(error)) => diagnostics.push(error.clone()),
        }
        diagnostics.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity)));
        Loaded { schema: parsed.schema, diagnostics, input: self, lines: LineIndex::new(&self.text) }
    }
}

/// A parsed schema and its diagnostics, positioned in the file as written.
#[derive(Debug)]
pub struct Loaded<'a> {
    /// The definitions that parsed.
    pub schema: Schema<'a>,
    /// Errors, warnings and notes, in source order.
    pub diagnostics: Vec<Diagnostic>,
    input: &'a Input,
    lines: LineIndex<'a>,
}

impl Loaded<'_> {
    /// When the schema has errors: reports them and `tlayer: FILE has errors; {consequence}` to
    /// standard error, and returns true (the command should stop with exit 1).
    pub fn refuse_if_errors(&self, consequence: &str) -> Result<bool, Fatal> {
        if !self.has_errors() {
            return Ok(false);
        }
        self.report_errors()?;
        eprintln!("tlayer: {} has errors; {consequence}", self.input.name);
        Ok(true)
    }

    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        self.count(Severity::Error) > 0
    }

    /// Writes each diagnostic at least as severe as `min` as `FILE:LINE:COL: severity: message`,
    /// with the source line and a caret.
    pub fn report(&self, out: &mut dyn Write, min: Severity) -> io::Result<()> {
        for d in self.diagnostics.iter().filter(|d| d.severity >= min) {
            out.write_all(self.lines.render(&self.input.name, d).as_bytes())?;
        }
        Ok(())
    }

    /// Writes the errors to standard error.
    pub fn report_errors(&self) -> io::Result<()> {
        let mut err = io::stderr().lock();
        self.report(&mut err, Severity::Error)?;
        err.flush()
    }
}
