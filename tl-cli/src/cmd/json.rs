//! `tlayer json FILE`: the schema in Telegram's JSON form (see `tlayer_parser::json::to_json`).

use super::{Outcome, Result, stdout};
use crate::load::Input;
use std::io::Write;
use std::path::PathBuf;
use tlayer_parser::{Dialect, json};

/// Arguments of `json`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema file: TL, or Telegram's JSON form; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Prints the JSON form to standard output. A file with errors is not converted: its errors go
/// to standard error and the exit code is 1.
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let input = Input::read(&args.file)?;
    let loaded = input.load(dialect);
    if loaded.refuse_if_errors("not converted")? {
        return Ok(Outcome::Errors);
    }
    let mut out = stdout();
    out.write_all(json::to_json(&loaded.schema).as_bytes())?;
    out.flush()?;
    Ok(Outcome::Clean)
}
