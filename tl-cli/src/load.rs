//! Reading schema files (TL or Telegram's JSON form, `-` for standard input) with the parser's
//! loader, [`tlayer_parser::Sources`]: one or several files parsed once as one schema, whose
//! diagnostics point into the files as written; and rendering them.

use crate::cmd::Fatal;
use std::io::{self, Read, Write};
use std::path::{Path, PathBuf};
use tlayer_parser::ids::Detection;
use tlayer_parser::{Dialect, Options, Severity, Sources};

/// The name standard input gets in diagnostics.
pub const STDIN_NAME: &str = "<stdin>";

/// Schema files as read, to be parsed as one schema.
#[derive(Debug)]
pub struct Input {
    /// The name messages show: the path as given (`<stdin>` for `-`), several joined by `, `.
    pub name: String,
    /// The text of the first file as read; each byte of invalid UTF-8 is replaced by `?`.
    pub text: String,
    sources: Sources,
}

/// Reads `path` into `sources`: a file, or standard input for `-`.
fn add(sources: &mut Sources, path: &Path) -> Result<usize, Fatal> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        io::stdin()
            .lock()
            .read_to_end(&mut bytes)
            .map_err(|e| Fatal::Message(format!("cannot read standard input: {e}")))?;
        return Ok(sources.add(STDIN_NAME, &bytes));
    }
    sources.read(path).map_err(|e| Fatal::Message(format!("cannot read {}: {e}", path.display())))
}

impl Input {
    /// Reads one schema file (`-`: standard input); a JSON file (extension `.json`, or text
    /// starting with `{`) is converted to TL.
    pub fn read(path: &Path) -> Result<Input, Fatal> {
        Input::read_all(std::slice::from_ref(&path.to_path_buf()))
    }

    /// Reads several files, to be parsed as one schema in order.
    pub fn read_all(paths: &[PathBuf]) -> Result<Input, Fatal> {
        let mut sources = Sources::new();
        for path in paths {
            add(&mut sources, path)?;
        }
        let name = (0..sources.len()).map(|i| sources.name(i)).collect::<Vec<_>>().join(", ");
        let text = if sources.is_empty() { String::new() } else { sources.file_text(0).to_string() };
        Ok(Input { name, text, sources })
    }

    /// True when the first file is Telegram's JSON form.
    pub fn is_json(&self) -> bool {
        !self.sources.is_empty() && self.sources.format(0) == tlayer_parser::Format::Json
    }

    /// Parses the files once, as one schema (with `dialect`, or the detected one).
    pub fn load(&self, dialect: Option<Dialect>) -> Loaded<'_> {
        let loaded = self.sources.load(&Options { dialect });
        Loaded { given: dialect.is_some(), name: &self.name, inner: loaded }
    }
}

/// A parsed schema and its diagnostics, positioned in the files as written.
#[derive(Debug)]
pub struct Loaded<'a> {
    given: bool,
    name: &'a str,
    inner: tlayer_parser::Loaded<'a>,
}

impl<'a> std::ops::Deref for Loaded<'a> {
    type Target = tlayer_parser::Loaded<'a>;

    fn deref(&self) -> &Self::Target {
        &self.inner
    }
}

impl std::ops::DerefMut for Loaded<'_> {
    fn deref_mut(&mut self) -> &mut Self::Target {
        &mut self.inner
    }
}

impl<'a> Loaded<'a> {
    /// The loaded schema, as the parser gives it.
    pub fn inner(&self) -> &tlayer_parser::Loaded<'a> {
        &self.inner
    }

    /// When the schema has errors: reports them and `tlayer: FILE has errors; {consequence}` to
    /// standard error, and returns true (the command should stop with exit 1).
    pub fn refuse_if_errors(&self, consequence: &str) -> Result<bool, Fatal> {
        if !self.has_errors() {
            return Ok(false);
        }
        self.report_errors()?;
        eprintln!("tlayer: {} has errors; {consequence}", tlayer_parser::diagnostic::escape(self.name));
        Ok(true)
    }

    /// True when there is at least one error.
    pub fn has_errors(&self) -> bool {
        !self.inner.is_ok()
    }

    /// Writes each diagnostic at least as severe as `min` as `FILE:LINE:COL: severity: message`,
    /// with the source line and a caret; at most 100 per file, the rest counted.
    pub fn report(&self, out: &mut dyn Write, min: Severity) -> io::Result<()> {
        self.inner.report(out, min)
    }

    /// Writes the errors to standard error.
    pub fn report_errors(&self) -> io::Result<()> {
        let mut err = io::stderr().lock();
        self.report(&mut err, Severity::Error)?;
        err.flush()
    }

    /// The dialect, and why: `telegram (no sign of another dialect)`.
    pub fn dialect_line(&self) -> String {
        let Detection { dialect, reason } = &self.inner.detection;
        let reason = if self.given { "given with --dialect" } else { reason };
        format!("{} ({reason})", dialect.name())
    }
}
