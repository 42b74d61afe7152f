//! `tlayer diff OLD NEW [--json]`: what changed between two versions of a schema (see
//! `tlayer_parser::diff`), one line per added, removed, changed or renamed definition, then a
//! summary line:
//!
//! ```text
//! added    messages.sentMessageLink#e9db4a3f
//! changed  userProfilePhoto#990d1493 -> #d559d8c8: +photo_id:long
//! added    invokeWithLayer3#b7475268 (function)
//! 2 added, 0 removed, 1 changed, 0 renamed
//! ```

use super::{Outcome, Result, stdout};
use crate::load::Input;
use std::io::Write;
use std::path::PathBuf;
use tlayer_parser::Dialect;
use tlayer_parser::diff::diff;

/// Arguments of `diff`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// The older schema file: TL, or Telegram's JSON form; `-` reads standard input.
    #[arg(value_name = "OLD")]
    pub old: PathBuf,
    /// The newer schema file: TL, or Telegram's JSON form; `-` reads standard input.
    #[arg(value_name = "NEW")]
    pub new: PathBuf,
    /// Print the differences as JSON.
    #[arg(long)]
    pub json: bool,
}

/// Prints the differences to standard output (exit 0, whether or not there are any). When either
/// file has errors, its errors go to standard error, nothing is compared and the exit code is 1.
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let (old_input, new_input) = (Input::read(&args.old)?, Input::read(&args.new)?);
    let (old, new) = (old_input.load(dialect), new_input.load(dialect));
    // Both files' errors are reported before stopping.
    let old_refused = old.refuse_if_errors("not compared")?;
    let new_refused = new.refuse_if_errors("not compared")?;
    if old_refused || new_refused {
        return Ok(Outcome::Errors);
    }
    let d = diff(&old.schema, &new.schema);
    let mut out = stdout();
    if args.json {
        out.write_all(d.to_json().as_bytes())?;
    } else {
        writeln!(out, "{d}")?;
    }
    out.flush()?;
    Ok(Outcome::Clean)
}
