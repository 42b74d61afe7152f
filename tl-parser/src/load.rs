//! Reading schema files, TL or Telegram's JSON form, one or several, into one parsed schema whose
//! diagnostics point into the files as written.
//!
//! ```
//! use tlayer_parser::{Options, Sources};
//! let mut sources = Sources::new();
//! sources.add("a.tl", b"boolTrue#997275b5 = Bool;\n");
//! sources.add("b.tl", b"pair#5c767382 a:Bool b:Bool = Pair;\nbad x:Nope = Bad;\n");
//! let loaded = sources.load(&Options::default());
//! // b.tl uses a type of a.tl; the error is in b.tl, on its own line 2.
//! let report = loaded.render(&loaded.diagnostics[0]);
//! assert!(report.starts_with("b.tl:2:7: error: unknown type `Nope`"), "{report}");
//! ```
//!
//! The files are read as one text, in order, each starting in the types section: the parser runs
//! once over all of them, so a later file may use what an earlier one declares, and every check
//! (unknown types, duplicates, the dialect) sees the whole schema. Each file keeps its own region
//! of that text, and [`Sources::locate`] turns an offset back into a file, a line and a column. A
//! JSON file is converted to TL first; positions in the converted text map back into the JSON.
//! A UTF-8 byte-order mark at the start of a file is skipped.

use crate::ast::{Schema, Span};
use crate::diagnostic::{self, Diagnostic, LineIndex, MAX_PER_FILE, Position, Severity};
use crate::ids::Detection;
use crate::{Options, Parsed};
use std::io::{self, Write};
use std::ops::Range;
use std::path::Path;
use std::sync::OnceLock;

/// What a schema file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// TL text.
    Tl,
    /// Telegram's JSON form (see [`crate::json`]).
    Json,
}

impl Format {
    /// JSON when the name ends in `.json` (any case) or the text starts with `{` (after spaces and
    /// a byte-order mark); TL otherwise.
    pub fn detect(name: &str, text: &str) -> Format {
        let by_name = Path::new(name).extension().is_some_and(|e| e.eq_ignore_ascii_case("json"));
        if by_name || text.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']).starts_with('{') {
            Format::Json
        } else {
            Format::Tl
        }
    }
}

/// What comes between two files in the parsed text: each file starts in the types section.
const SEPARATOR: &str = "\n---types---\n";

/// Offsets from here up point into the original text of JSON files (their TL form is what is
/// parsed, below): errors in the JSON itself, such as invalid UTF-8 or bad syntax.
const RAW: u32 = 1 << 31;

/// The UTF-8 byte-order mark.
const BOM: &str = "\u{feff}";

/// One file.
#[derive(Debug)]
struct File {
    /// The name diagnostics show.
    name: String,
    /// The file's text; each byte of invalid UTF-8 is replaced by `?`.
    text: String,
    format: Format,
    /// Where its TL text is in [`Sources::text`].
    tl: Range<u32>,
    /// Bytes at the start of `text` not given to the parser (a byte-order mark).
    skip: u32,
    /// For JSON: where offsets into `text` start (at or above [`RAW`]).
    raw: u32,
    /// For JSON: how the TL text maps back to `text`.
    converted: Option<crate::json::Converted>,
    /// Errors found while reading it (invalid UTF-8, JSON syntax, unterminated comment).
    diagnostics: Vec<Diagnostic>,
    /// Where its lines start, found on first use.
    starts: OnceLock<Vec<u32>>,
}

impl File {
    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| diagnostic::line_starts(&self.text))
    }

    /// Byte offset in `text` of offset `at` of the TL region (`at - tl.start`).
    fn local(&self, at: u32) -> usize {
        if let Some(c) = &self.converted {
            return c.map_offset(at as usize) + self.skip as usize;
        }
        (at + self.skip) as usize
    }
}

/// Schema files read as one schema: add them in order, then [`Sources::load`].
#[derive(Debug, Default)]
pub struct Sources {
    files: Vec<File>,
    /// The TL text of every file, separated by [`SEPARATOR`]: what is parsed.
    text: String,
    /// How much of the space from [`RAW`] up JSON files take.
    raw_len: u32,
}

impl Sources {
    /// No files yet.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reads the file at `path` (named as given) and adds it; see [`Sources::add`].
    pub fn read(&mut self, path: impl AsRef<Path>) -> io::Result<usize> {
        let path = path.as_ref();
        let bytes = std::fs::read(path)?;
        Ok(self.add(path.display().to_string(), &bytes))
    }

    /// Adds a file named `name` holding `bytes`, in the format [`Format::detect`] finds, and
    /// returns its index.
    pub fn add(&mut self, name: impl Into<String>, bytes: &[u8]) -> usize {
        let name = name.into();
        let (text, errors) = crate::decode_utf8(bytes);
        let format = Format::detect(&name, &text);
        self.add_decoded(name, text.into_owned(), errors, format)
    }

    /// Adds a file in the given format (see [`Sources::add`]).
    pub fn add_as(&mut self, name: impl Into<String>, bytes: &[u8], format: Format) -> usize {
        let (text, errors) = crate::decode_utf8(bytes);
        self.add_decoded(name.into(), text.into_owned(), errors, format)
    }

    fn add_decoded(&mut self, name: String, text: String, errors: Vec<Diagnostic>, format: Format) -> usize {
        if !self.files.is_empty() {
            self.text.push_str(SEPARATOR);
        }
        let skip = if text.starts_with(BOM) { BOM.len() as u32 } else { 0 };
        let start = self.text.len() as u32;
        let mut file = File {
            name,
            text,
            format,
            tl: start..start,
            skip,
            raw: 0,
            converted: None,
            diagnostics: Vec::new(),
            starts: OnceLock::new(),
        };
        let body = &file.text[skip as usize..];
        if format == Format::Json {
            file.raw = RAW.saturating_add(self.raw_len);
            self.raw_len = self.raw_len.saturating_add(file.text.len() as u32 + 1);
        }
        let too_large = (start as usize).saturating_add(body.len()).saturating_add(SEPARATOR.len()) >= RAW as usize
            || (format == Format::Json && (self.raw_len as usize) + file.text.len() >= RAW as usize);
        let raw = file.raw;
        let local = |span: Span| match format {
            Format::Tl => Span { start: start + span.start - skip, end: start + span.end - skip },
            Format::Json => Span { start: raw + span.start, end: raw + span.end },
        };
        if too_large {
            let message = "the schema is too large: its files are read up to 2 GiB in all";
            file.diagnostics.push(Diagnostic::error(local(Span::new(skip as usize, skip as usize)), message));
        } else {
            file.diagnostics.extend(errors.iter().map(|d| Diagnostic { span: local(d.span), ..d.clone() }));
            match format {
                Format::Tl => {
                    self.text.push_str(body);
                    file.tl.end = self.text.len() as u32;
                    if let Some(open) = unterminated_comment(body) {
                        // Close it here, so that the next file is read as its own.
                        self.text.push_str("*/");
                        let span = Span::new(start as usize + open, file.tl.end as usize);
                        file.diagnostics.push(Diagnostic::error(span, "unterminated block comment"));
                    }
                }
                Format::Json => self.add_json(&mut file),
            }
        }
        self.files.push(file);
        self.files.len() - 1
    }

    fn add_json(&mut self, file: &mut File) {
        match crate::json::convert(&file.text[file.skip as usize..]) {
            Ok(converted) => {
                self.text.push_str(&converted.text);
                file.tl.end = self.text.len() as u32;
                file.converted = Some(converted);
            }
            Err(e) => {
                let at = file.raw + file.skip;
                let span = Span { start: at + e.span.start, end: at + e.span.end };
                file.diagnostics.push(Diagnostic::error(span, e.message));
            }
        }
    }

    /// The TL text that is parsed: every file's, in order.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// How many files there are.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file was added.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }

    /// The name of file number `file`.
    pub fn name(&self, file: usize) -> &str {
        &self.files[file].name
    }

    /// The format of file number `file`.
    pub fn format(&self, file: usize) -> Format {
        self.files[file].format
    }

    /// The text of file number `file` as read (invalid UTF-8 replaced by `?`).
    pub fn file_text(&self, file: usize) -> &str {
        &self.files[file].text
    }

    /// The file that holds `offset` (of a span of the loaded schema or of its diagnostics), and
    /// the byte offset in that file's text. An offset between two files is the end of the first.
    pub fn local(&self, offset: u32) -> (usize, usize) {
        if self.files.is_empty() {
            return (0, 0);
        }
        if offset >= RAW {
            let i = self.files.iter().rposition(|f| f.format == Format::Json && f.raw <= offset).unwrap_or(0);
            let f = &self.files[i];
            return (i, (offset.saturating_sub(f.raw) as usize).min(f.text.len()));
        }
        let i = self.files.partition_point(|f| f.tl.start <= offset).saturating_sub(1);
        let f = &self.files[i];
        if offset >= f.tl.end {
            return (i, f.text.len());
        }
        (i, f.local(offset - f.tl.start).min(f.text.len()))
    }

    /// Whether only spaces are left of a file from `offset` of [`Sources::text`] on, with another
    /// file after it: what the parser finds next is the separator, the end of the file.
    fn before_separator(&self, offset: u32) -> bool {
        let i = self.files.partition_point(|f| f.tl.start <= offset);
        i > 0 && i < self.files.len() && {
            let end = (self.files[i - 1].tl.end as usize).min(self.text.len());
            self.text.get(offset as usize..end).is_some_and(|rest| rest.trim().is_empty())
        }
    }

    /// The file, line and column of `offset` (see [`Sources::local`]).
    pub fn locate(&self, offset: u32) -> (usize, Position) {
        let (i, at) = self.local(offset);
        let Some(f) = self.files.get(i) else { return (0, Position { line: 1, col: 1 }) };
        let (line, col) = diagnostic::line_col_in(&f.text, f.starts(), at as u32);
        (i, Position { line, col })
    }

    /// The file and 1-based line of `offset` (see [`Sources::local`]), without counting columns.
    pub fn line_of(&self, offset: u32) -> (usize, usize) {
        let (i, at) = self.local(offset);
        match self.files.get(i) {
            Some(f) => (i, f.starts().partition_point(|&s| s as usize <= at)),
            None => (0, 1),
        }
    }

    /// Renders `d` as `FILE:LINE:COL: severity: message`, the line (or a window of it) and a caret.
    pub fn render(&self, d: &Diagnostic) -> String {
        let (file, at) = self.local(d.span.start);
        let Some(f) = self.files.get(file) else {
            return format!("{}: {}\n", d.severity, diagnostic::escape(&d.message));
        };
        let (line, col) = diagnostic::line_col_in(&f.text, f.starts(), at as u32);
        let line_start = f.starts()[line - 1] as usize;
        let text = diagnostic::line_text_in(&f.text, f.starts(), line);
        let end = if d.span.end > d.span.start {
            match self.local(d.span.end) {
                (end_file, end) if end_file == file && end >= line_start && end - line_start <= text.len() => {
                    Some(end - line_start)
                }
                _ => None,
            }
        } else {
            Some(at - line_start)
        };
        diagnostic::render_at(&f.name, (line, col), text, at - line_start, end, d)
    }

    /// Parses every file as one schema (with `options.dialect`, or the detected one), computes
    /// and checks ids, and validates: the diagnostics are those of reading and parsing, ordered
    /// by file and position.
    pub fn load(&self, options: &Options) -> Loaded<'_> {
        let lines = LineIndex::of_sources(self);
        let (Parsed { schema, mut diagnostics }, detection) = crate::parse_in(&self.text, options, &lines);
        for d in &mut diagnostics {
            if self.before_separator(d.span.start) {
                // The parser met the separator; the reader sees the end of the file.
                d.message = d.message.replace(&format!("`{}`", SEPARATOR.trim()), "end of file");
            }
        }
        diagnostics.extend(self.files.iter().flat_map(|f| f.diagnostics.iter().cloned()));
        diagnostics.sort_by_cached_key(|d| (self.local(d.span.start), std::cmp::Reverse(d.severity)));
        Loaded { schema, diagnostics, detection, sources: self }
    }
}

/// Where `text` opens a block comment that it never closes, as the lexer reads comments: `//`
/// runs to the end of the line, `/*` to the next `*/`.
fn unterminated_comment(text: &str) -> Option<usize> {
    let b = text.as_bytes();
    let mut i = 0;
    while let Some(slash) = b[i..].iter().position(|&c| c == b'/') {
        let at = i + slash;
        match b.get(at + 1) {
            Some(b'/') => match b[at..].iter().position(|&c| c == b'\n') {
                Some(n) => i = at + n,
                None => return None,
            },
            Some(b'*') => match b[at + 2..].windows(2).position(|w| w == b"*/") {
                Some(n) => i = at + 2 + n + 2,
                None => return Some(at),
            },
            _ => i = at + 1,
        }
    }
    None
}

/// A schema parsed from [`Sources`], and everything found wrong with it.
#[derive(Debug)]
pub struct Loaded<'s> {
    /// The definitions that parsed, of every file.
    pub schema: Schema<'s>,
    /// Errors, warnings and notes, by file and position.
    pub diagnostics: Vec<Diagnostic>,
    /// The dialect and why it was chosen.
    pub detection: Detection,
    /// The files, for positions.
    pub sources: &'s Sources,
}

impl Loaded<'_> {
    /// How many diagnostics have `severity`.
    pub fn count(&self, severity: Severity) -> usize {
        self.diagnostics.iter().filter(|d| d.severity == severity).count()
    }

    /// True when there is no error (warnings and notes allowed).
    pub fn is_ok(&self) -> bool {
        self.count(Severity::Error) == 0
    }

    /// Renders one diagnostic (see [`Sources::render`]).
    pub fn render(&self, d: &Diagnostic) -> String {
        self.sources.render(d)
    }

    /// Writes each diagnostic at least as severe as `min`, rendered, at most [`MAX_PER_FILE`] per
    /// file; the rest of a file are counted in one line `FILE: N more ... not shown`.
    pub fn report(&self, out: &mut dyn Write, min: Severity) -> io::Result<()> {
        let mut shown = vec![0usize; self.sources.len()];
        let mut hidden = vec![0usize; self.sources.len()];
        let mut last: Option<usize> = None;
        let finish = |out: &mut dyn Write, file: usize, hidden: &[usize]| -> io::Result<()> {
            match hidden.get(file) {
                Some(&n) if n > 0 => {
                    let name = diagnostic::escape(self.sources.name(file));
                    writeln!(out, "{name}: {n} more diagnostics not shown (the first {MAX_PER_FILE} are)")
                }
                _ => Ok(()),
            }
        };
        for d in self.diagnostics.iter().filter(|d| d.severity >= min) {
            let (file, _) = self.sources.local(d.span.start);
            if last.is_some_and(|l| l != file) {
                finish(out, last.unwrap_or_default(), &hidden)?;
            }
            last = Some(file);
            if let (Some(s), Some(h)) = (shown.get_mut(file), hidden.get_mut(file)) {
                if *s >= MAX_PER_FILE {
                    *h += 1;
                    continue;
                }
                *s += 1;
            }
            out.write_all(self.render(d).as_bytes())?;
        }
        if let Some(l) = last {
            finish(out, l, &hidden)?;
        }
        Ok(())
    }

    /// The errors, rendered as [`Loaded::report`] writes them.
    pub fn errors(&self) -> String {
        let mut out = Vec::new();
        let _ = self.report(&mut out, Severity::Error);
        String::from_utf8_lossy(&out).into_owned()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unterminated_comments_are_found_as_the_lexer_reads_them() {
        assert_eq!(unterminated_comment("a /* b */ c"), None);
        assert_eq!(unterminated_comment("a // /* b\nc"), None);
        assert_eq!(unterminated_comment("a /* b"), Some(2));
        assert_eq!(unterminated_comment("a /* b */ /*/ c"), Some(10));
        assert_eq!(unterminated_comment("x / y // z"), None);
    }
}
