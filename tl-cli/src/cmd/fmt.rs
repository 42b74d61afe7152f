//! `tlayer fmt FILE [--check]`: the canonical text of a schema, comments kept in place (see
//! `tlayer_parser::print::format`). A byte order mark at the start of the file is kept.

use super::{Fatal, Outcome, Result, stdout};
use crate::load::Input;
use std::io::Write;
use std::path::PathBuf;
use tlayer_parser::lexer::BOM;
use tlayer_parser::{Dialect, print};

/// Arguments of `fmt`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema file: TL, or Telegram's JSON form (printed as TL).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
    /// Print nothing; exit 1 with a message when FILE is not in canonical form.
    #[arg(long)]
    pub check: bool,
}

/// Prints the canonical text to standard output, or with `--check` compares it with the file. A
/// file with errors is not formatted: its errors go to standard error and the exit code is 1.
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let input = Input::read(&args.file)?;
    if args.check && input.is_json() {
        return Err(Fatal::Message(format!("{}: --check compares TL text; this file is JSON", input.name)));
    }
    let loaded = input.load(dialect);
    if loaded.refuse_if_errors("not formatted")? {
        return Ok(Outcome::Errors);
    }
    let mut canonical = print::format(&loaded.schema);
    if !input.is_json() && input.text.starts_with(BOM) {
        canonical.insert_str(0, BOM);
    }
    if !args.check {
        let mut out = stdout();
        out.write_all(canonical.as_bytes())?;
        out.flush()?;
        return Ok(Outcome::Clean);
    }
    if canonical == input.text {
        return Ok(Outcome::Clean);
    }
    let line = first_difference(&canonical, &input.text);
    eprintln!("{}: not in canonical form (first difference on line {line}); `tlayer fmt` prints it", input.name);
    Ok(Outcome::Errors)
}

/// The 1-based number of the first line where `a` and `b` differ.
fn first_difference(a: &str, b: &str) -> usize {
    let mut lines = a.split('\n').zip(b.split('\n'));
    lines.position(|(x, y)| x != y).unwrap_or_else(|| a.split('\n').count().min(b.split('\n').count())) + 1
}

#[cfg(test)]
mod tests {
    use super::first_difference;

    #[test]
    fn first_difference_counts_lines() {
        assert_eq!(first_difference("a\nb\nc\n", "a\nx\nc\n"), 2);
        assert_eq!(first_difference("a\n", "a\nb\n"), 2);
        assert_eq!(first_difference("a", "b"), 1);
    }
}
