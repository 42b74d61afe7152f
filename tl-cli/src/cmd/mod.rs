//! The subcommands, one module each, and what they end with.

pub mod check;
pub mod decode;
pub mod diff;
pub mod fmt;
pub mod generate;
pub mod ids;
pub mod json;
pub mod site;

use std::fmt as stdfmt;
use std::io;
use std::process::ExitCode;

/// How a command that ran to its end went.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Nothing wrong: exit 0.
    Clean,
    /// The schema has errors, or is not what `--check` wants: exit 1.
    Errors,
    /// A usage or I/O error was already reported: exit 2.
    Failed,
}

impl Outcome {
    /// The process exit code.
    pub fn exit_code(self) -> ExitCode {
        ExitCode::from(match self {
            Outcome::Clean => 0,
            Outcome::Errors => 1,
            Outcome::Failed => 2,
        })
    }
}

/// An error that stops a command: reported as `tlayer: MESSAGE`, exit 2.
#[derive(Debug)]
pub enum Fatal {
    /// A usage or I/O error.
    Message(String),
    /// Standard output was closed by its reader.
    BrokenPipe,
}

impl stdfmt::Display for Fatal {
    fn fmt(&self, f: &mut stdfmt::Formatter<'_>) -> stdfmt::Result {
        match self {
            Fatal::Message(m) => write!(f, "tlayer: {m}"),
            Fatal::BrokenPipe => f.write_str("tlayer: broken pipe"),
        }
    }
}

impl From<io::Error> for Fatal {
    /// An error writing the output.
    fn from(e: io::Error) -> Self {
        if e.kind() == io::ErrorKind::BrokenPipe {
            Fatal::BrokenPipe
        } else {
            Fatal::Message(format!("cannot write output: {e}"))
        }
    }
}

/// What a command returns.
pub type Result = std::result::Result<Outcome, Fatal>;

/// Buffered standard output that, once its reader has gone (`tlayer check bad.tl | head -1`),
/// drops the rest of the output: the command still runs to its end and exits with its own status
/// (1 when the schema has errors), not with success.
pub struct Stdout {
    inner: io::BufWriter<io::StdoutLock<'static>>,
    /// The reader went away.
    closed: bool,
}

impl Stdout {
    /// Turns a broken pipe into "written": the output is not wanted any more.
    fn absorb<T>(&mut self, result: io::Result<T>, done: T) -> io::Result<T> {
        match result {
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
                self.closed = true;
                Ok(done)
            }
            other => other,
        }
    }
}

impl io::Write for Stdout {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        if self.closed {
            return Ok(buf.len());
        }
        let result = self.inner.write(buf);
        self.absorb(result, buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.closed {
            return Ok(());
        }
        let result = self.inner.flush();
        self.absorb(result, ())
    }
}

/// Buffered standard output (see [`Stdout`]).
pub fn stdout() -> Stdout {
    Stdout { inner: io::BufWriter::new(io::stdout().lock()), closed: false }
}
