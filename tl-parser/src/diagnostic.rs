//! Errors, warnings and notes with positions, and their `FILE:LINE:COL: error: message` rendering.

use crate::ast::Span;
use std::borrow::Cow;
use std::fmt::{self, Write as _};
use std::sync::OnceLock;

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Information, such as a written id explained by a known exception.
    Note,
    /// Suspicious but accepted, such as an unexplained id mismatch.
    Warning,
    /// The schema is wrong.
    Error,
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Severity::Note => "note",
            Severity::Warning => "warning",
            Severity::Error => "error",
        })
    }
}

/// A message about a place in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// Error, warning or note.
    pub severity: Severity,
    /// Where.
    pub span: Span,
    /// What, in one line.
    pub message: String,
}

impl Diagnostic {
    /// An error at `span`.
    pub fn error(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Error, span, message: message.into() }
    }

    /// A warning at `span`.
    pub fn warning(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Warning, span, message: message.into() }
    }

    /// A note at `span`.
    pub fn note(span: Span, message: impl Into<String>) -> Self {
        Diagnostic { severity: Severity::Note, span, message: message.into() }
    }
}

/// How many characters of a source line a rendered diagnostic shows at most: longer lines are cut
/// to a window around the column (a one-line file of 50 MB must not be printed whole).
pub const SNIPPET_WIDTH: usize = 100;

/// How many diagnostics of one file a report shows; the rest are counted in one closing line.
pub const MAX_PER_FILE: usize = 100;

/// Whether `c` is shown escaped: control characters (NUL, escape sequences, C1) and the bidirectional
/// overrides that can make a line read differently from how it parses.
fn needs_escape(c: char) -> bool {
    c.is_control() || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{feff}')
}

/// Appends `c` as a reader should see it: `\0`, `\u{1b}`, ... for characters [`needs_escape`]
/// gives; returns how many columns it took.
fn push_shown(out: &mut String, c: char) -> usize {
    if !needs_escape(c) {
        out.push(c);
        return 1;
    }
    let before = out.len();
    match c {
        '\0' => out.push_str("\\0"),
        '\t' => out.push_str("\\t"),
        '\r' => out.push_str("\\r"),
        '\n' => out.push_str("\\n"),
        _ => {
            let _ = write!(out, "\\u{{{:x}}}", c as u32);
        }
    }
    out.len() - before
}

/// `text` with control characters and bidirectional overrides escaped (`\0`, `\u{1b}`): what a
/// diagnostic's message and snippet show, so that a NUL or an escape sequence in a schema never
/// reaches the terminal raw.
pub fn escape(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        push_shown(&mut out, c);
    }
    Cow::Owned(out)
}

/// Where a diagnostic is, as a reader counts: 1-based line, and 1-based column in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Position {
    /// 1-based line.
    pub line: usize,
    /// 1-based column, in characters.
    pub col: usize,
}

/// Where each line of `src` starts.
pub(crate) fn line_starts(src: &str) -> Vec<u32> {
    let mut starts = vec![0];
    starts.extend(src.bytes().enumerate().filter(|&(_, c)| c == b'\n').map(|(i, _)| i as u32 + 1));
    starts
}

/// 1-based line and column (in characters) of byte `offset` of `src`, whose line starts are `starts`.
pub(crate) fn line_col_in(src: &str, starts: &[u32], offset: u32) -> (usize, usize) {
    let offset = offset.min(src.len() as u32);
    let line = starts.partition_point(|&s| s <= offset) - 1;
    let start = starts[line] as usize;
    let col = match src.get(start..offset as usize) {
        Some(s) => s.chars().count(),
        // Inside a character: count up to its start.
        None => src.as_bytes()[start..offset as usize].iter().filter(|&&b| (b as i8) >= -0x40).count(),
    };
    let col = col - usize::from(start == 0 && offset >= 3 && src.starts_with('\u{feff}')); // BOM: no column
    (line + 1, col + 1)
}

/// The text of 1-based line `line` of `src`, without its line ending.
pub(crate) fn line_text_in<'s>(src: &'s str, starts: &[u32], line: usize) -> &'s str {
    let start = starts[line - 1] as usize;
    let end = starts.get(line).map_or(src.len(), |&e| e as usize - 1);
    src[start..end].trim_end_matches('\r')
}

/// Renders a diagnostic at column `col` of line `line` of `file`, whose text is `text`: the
/// diagnostic starts at byte `at` of the line and underlines up to byte `end` (`None`: to the end
/// of the line). Gives `FILE:LINE:COL: severity: message`, then the line (cut to a window of
/// [`SNIPPET_WIDTH`] characters around the column, control characters escaped) and a caret.
/// Only the window is read, however long the line.
pub(crate) fn render_at(
    file: &str,
    (line, col): (usize, usize),
    text: &str,
    at: usize,
    end: Option<usize>,
    d: &Diagnostic,
) -> String {
    let mut out = format!("{}:{line}:{col}: {}: {}\n", escape(file), d.severity, escape(&d.message));
    let mut at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    // The window: some context before the column, then the rest of SNIPPET_WIDTH characters.
    let from = text[..at].char_indices().rev().take(SNIPPET_WIDTH / 3).last().map_or(at, |(i, _)| i);
    let before = text[from..at].chars().count();
    let to = text[at..].char_indices().nth(SNIPPET_WIDTH - before).map_or(text.len(), |(i, _)| at + i);
    let end = end.unwrap_or(text.len()).clamp(at, to);
    let mut shown = String::new();
    if from > 0 {
        shown.push_str("...");
    }
    let mut push = |piece: &str| {
        let mut width = 0;
        for c in piece.chars() {
            width += if c == '\t' {
                shown.push(' ');
                1
            } else {
                push_shown(&mut shown, c)
            };
        }
        width
    };
    let caret_at = if from > 0 { 3 } else { 0 } + push(&text[from..at]);
    let caret_width = push(&text[at..end]);
    push(&text[end..to]);
    if to < text.len() {
        shown.push_str("...");
    }
    let gutter = line.to_string().len();
    let _ = writeln!(out, "{:gutter$} |", "");
    let _ = writeln!(out, "{line} | {shown}");
    let _ = writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(caret_at), "^".repeat(caret_width.max(1)));
    out
}

/// Maps byte offsets of one text to 1-based lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    src: &'a str,
    /// Where each line starts, found on first use: most parses never need a line number.
    starts: OnceLock<Vec<u32>>,
    /// When `src` is made of several files: the files, which give the positions instead.
    files: Option<&'a crate::load::Sources>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `src` (when first asked for a position).
    pub fn new(src: &'a str) -> Self {
        LineIndex { src, starts: OnceLock::new(), files: None }
    }

    /// Positions in the text that `files` parse, each in its own file.
    pub(crate) fn of_sources(files: &'a crate::load::Sources) -> Self {
        LineIndex { src: files.text(), starts: OnceLock::new(), files: Some(files) }
    }

    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| line_starts(self.src))
    }

    /// 1-based line and column (in characters) of byte `offset` (for several files: in the file
    /// that holds it).
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        if let Some(files) = self.files {
            let (_, at) = files.locate(offset);
            return (at.line, at.col);
        }
        line_col_in(self.src, self.starts(), offset)
    }

    /// `line N` for the line of `offset`, as a message written at `from` names it: with the
    /// file's name (`line N of a.tl`) when the two are in different files. Only lines are
    /// counted (no columns), so this is fast on a long line.
    pub fn line_ref(&self, offset: u32, from: u32) -> String {
        match self.files {
            Some(files) => {
                let (file, line) = files.line_of(offset);
                if files.line_of(from).0 == file {
                    format!("line {line}")
                } else {
                    format!("line {line} of {}", escape(files.name(file)))
                }
            }
            None => format!("line {}", self.starts().partition_point(|&s| s <= offset)),
        }
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        line_text_in(self.src, self.starts(), line)
    }

    /// Renders `d` as `FILE:LINE:COL: severity: message`, then the source line (a window of it
    /// when it is long) and a caret.
    pub fn render(&self, file: &str, d: &Diagnostic) -> String {
        if let Some(files) = self.files {
            return files.render(d);
        }
        let (line, col) = line_col_in(self.src, self.starts(), d.span.start);
        let line_start = self.starts()[line - 1] as usize;
        let text = self.line_text(line);
        let at = (d.span.start as usize).saturating_sub(line_start);
        let end = (d.span.end as usize).saturating_sub(line_start);
        let end = (d.span.end > d.span.start && end <= text.len())
            .then_some(end)
            .or((d.span.end <= d.span.start).then_some(at));
        render_at(file, (line, col), text, at, end, d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let idx = LineIndex::new("ab\n// é x\r\nlast");
        assert_eq!(idx.line_col(0), (1, 1));
        assert_eq!(idx.line_col(3), (2, 1));
        assert_eq!(idx.line_col(9), (2, 6)); // after "// é " (é is 2 bytes)
        assert_eq!(idx.line_text(2), "// é x");
        assert_eq!(idx.line_col(12), (3, 1));
        assert_eq!(idx.line_col(99), (3, 5));
    }

    #[test]
    fn render_has_caret() {
        let src = "foo x:Bar = Baz;\n";
        let d = Diagnostic::error(Span::new(6, 9), "unknown type `Bar`");
        assert_eq!(
            LineIndex::new(src).render("a.tl", &d),
            "a.tl:1:7: error: unknown type `Bar`\n  |\n1 | foo x:Bar = Baz;\n  |       ^^^\n"
        );
    }
}
