//! Errors, warnings and notes with positions, and their `FILE:LINE:COL: error: message` rendering.

use crate::ast::Span;
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

/// Maps byte offsets of one text to 1-based lines and columns.
#[derive(Clone, Debug)]
pub struct LineIndex<'a> {
    src: &'a str,
    /// Where each line starts, found on first use: most parses never need a line number.
    starts: OnceLock<Vec<u32>>,
}

impl<'a> LineIndex<'a> {
    /// Indexes the line starts of `src` (when first asked for a position).
    pub fn new(src: &'a str) -> Self {
        LineIndex { src, starts: OnceLock::new() }
    }

    fn starts(&self) -> &[u32] {
        self.starts.get_or_init(|| {
            let mut starts = vec![0];
            starts.extend(self.src.bytes().enumerate().filter(|&(_, c)| c == b'\n').map(|(i, _)| i as u32 + 1));
            starts
        })
    }

    /// 1-based line and column (in characters) of byte `offset`.
    pub fn line_col(&self, offset: u32) -> (usize, usize) {
        let offset = offset.min(self.src.len() as u32);
        let starts = self.starts();
        let line = starts.partition_point(|&s| s <= offset) - 1;
        let start = starts[line] as usize;
        let col = self.src.get(start..offset as usize).map_or(offset as usize - start, |s| s.chars().count());
        let col = col - usize::from(start == 0 && offset >= 3 && self.src.starts_with('\u{feff}')); // BOM: no column
        (line + 1, col + 1)
    }

    /// The text of 1-based line `line`, without its line ending.
    pub fn line_text(&self, line: usize) -> &'a str {
        let starts = self.starts();
        let start = starts[line - 1] as usize;
        let end = starts.get(line).map_or(self.src.len(), |&e| e as usize - 1);
        self.src[start..end].trim_end_matches('\r')
    }

    /// Renders `d` as `FILE:LINE:COL: severity: message`, then the source line and a caret.
    pub fn render(&self, file: &str, d: &Diagnostic) -> String {
        let (line, col) = self.line_col(d.span.start);
        let text = self.line_text(line);
        let mut out = format!("{file}:{line}:{col}: {}: {}\n", d.severity, d.message);
        let width = if d.span.end > d.span.start {
            let (end_line, end_col) = self.line_col(d.span.end);
            if end_line == line { (end_col - col).max(1) } else { text.chars().count().saturating_sub(col - 1).max(1) }
        } else {
            1
        };
        let gutter = line.to_string().len();
        let _ = writeln!(out, "{:gutter$} |", "");
        let _ = writeln!(out, "{line} | {}", text.replace('\t', " "));
        let _ = writeln!(out, "{:gutter$} | {}{}", "", " ".repeat(col - 1), "^".repeat(width));
        out
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
