//! `tlayer check FILE...`: every error and warning (and with `--notes` every note), the dialect
//! of each schema and why, then `checked N files: D definitions, E errors, W warnings`.

use super::{Outcome, Result, stdout};
use crate::load::Input;
use std::io::Write;
use std::path::PathBuf;
use tlayer_parser::{Dialect, Severity};

/// Arguments of `check`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema files: TL, or Telegram's JSON form; `-` reads standard input.
    #[arg(value_name = "FILE", required = true)]
    pub files: Vec<PathBuf>,
    /// Also print notes, such as written ids that a known rule explains.
    #[arg(long)]
    pub notes: bool,
    /// Read the files as one schema, in order, as `generate` does (a later file may use the types
    /// of an earlier one); without it, each file is checked alone.
    #[arg(long)]
    pub together: bool,
}

/// Prints the diagnostics of each file in source order to standard output (at most 100 per
/// file), a line `dialect of FILE: DIALECT (REASON)` per schema, then the summary. Exit 1 when a
/// file has errors; a file that cannot be read is reported, skipped, and makes the exit code 2.
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let mut out = stdout();
    let min = if args.notes { Severity::Note } else { Severity::Warning };
    let (mut files, mut definitions, mut errors, mut warnings) = (0, 0, 0, 0);
    let mut unreadable = false;
    let groups: Vec<Vec<PathBuf>> =
        if args.together { vec![args.files.clone()] } else { args.files.iter().map(|p| vec![p.clone()]).collect() };
    for paths in &groups {
        let input = match Input::read_all(paths) {
            Ok(input) => input,
            Err(fatal) => {
                out.flush()?;
                eprintln!("{fatal}");
                unreadable = true;
                continue;
            }
        };
        let loaded = input.load(dialect);
        loaded.report(&mut out, min)?;
        let name = tlayer_parser::diagnostic::escape(&input.name);
        writeln!(out, "dialect of {name}: {}", loaded.dialect_line())?;
        files += paths.len();
        definitions += loaded.schema.definitions.len();
        errors += loaded.count(Severity::Error);
        warnings += loaded.count(Severity::Warning);
    }
    writeln!(out, "checked {files} files: {definitions} definitions, {errors} errors, {warnings} warnings")?;
    out.flush()?;
    Ok(if unreadable {
        Outcome::Failed
    } else if errors > 0 {
        Outcome::Errors
    } else {
        Outcome::Clean
    })
}
