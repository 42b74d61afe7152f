//! `tlayer ids FILE`: one line per definition, `NAME WRITTEN COMPUTED STATUS`, names padded so
//! the columns line up:
//!
//! ```text
//! boolFalse         -         #bc799737 computed
//! true              #3fedd339 #3fedd339 ok
//! decryptedMessage8 #1f814f1f #247cd08c explained (layer suffix added by tdlib: hashed as `decryptedMessage`)
//! ```
//!
//! WRITTEN is the id after `#` (or `-`), COMPUTED the CRC32 of the canonical form, STATUS one of
//! `ok`, `mismatch`, `explained (REASON)` and `computed` (no written id).

use super::{Outcome, Result, stdout};
use crate::load::Input;
use std::io::Write;
use std::path::PathBuf;
use tlayer_parser::Dialect;
use tlayer_parser::ids::{self, BareNames, IdStatus};
use tlayer_parser::json::listed;

/// Arguments of `ids`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema file: TL, or Telegram's JSON form; `-` reads standard input.
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

/// Prints the errors of the file to standard error, then the table to standard output. Builtin
/// declarations (`int ? = Int;`) have no line. Exit 1 when the file has errors.
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let input = Input::read(&args.file)?;
    let loaded = input.load(dialect);
    loaded.report_errors()?;
    let schema = &loaded.schema;
    let bare = BareNames::new(&schema.definitions);
    let defs: Vec<_> = schema.definitions.iter().filter(|d| listed(d)).collect();
    let width = defs.iter().map(|d| d.name.text.chars().count()).max().unwrap_or(0);
    let mut out = stdout();
    for def in defs {
        let written = def.written_id.map_or_else(|| "-".to_string(), |id| format!("#{id:08x}"));
        let status = match ids::status(def, schema.dialect, &bare) {
            IdStatus::Computed => "computed".to_string(),
            IdStatus::Ok => "ok".to_string(),
            IdStatus::Explained(why) => format!("explained ({why})"),
            IdStatus::Mismatch => "mismatch".to_string(),
        };
        writeln!(out, "{:<width$} {written:<9} #{:08x} {status}", def.name.text, def.id)?;
    }
    out.flush()?;
    Ok(if loaded.has_errors() { Outcome::Errors } else { Outcome::Clean })
}
