//! `tlayer`: checks, formats, lists the ids of, converts and generates Rust from TL schemas.
//!
//! Each subcommand is one module of [`cmd`]; reading a file (TL or Telegram's JSON form) and
//! rendering its diagnostics is shared in [`load`]. Exit codes: 0 when all is well, 1 when the
//! schema has errors (or `fmt --check` finds a difference), 2 for usage and I/O errors.

mod cmd;
mod dynamic;
mod load;
mod site;

use clap::{Parser, Subcommand, ValueEnum};
use std::process::ExitCode;
use tlayer_parser::Dialect;

/// The command line.
#[derive(Debug, Parser)]
#[command(name = "tlayer", version, about = "Check, format, convert and generate Rust from TL (Type Language) schemas")]
struct Cli {
    /// Id rules to use instead of detecting them from the schema.
    #[arg(long, global = true, value_enum, value_name = "DIALECT")]
    dialect: Option<DialectArg>,

    /// What to do.
    #[command(subcommand)]
    command: Command,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
enum Command {
    /// Print every error and warning of each FILE, then a summary line.
    Check(cmd::check::Args),
    /// List each definition's written and computed constructor id and how they compare.
    Ids(cmd::ids::Args),
    /// Print FILE in canonical form (or, with --check, only say whether it is).
    Fmt(cmd::fmt::Args),
    /// Print FILE in Telegram's JSON form.
    Json(cmd::json::Args),
    /// Generate Rust types and serializers from schema files.
    Generate(cmd::generate::Args),
    /// Decode TL bytes (hex) to JSON, driven by a schema at run time.
    Decode(cmd::decode::DecodeArgs),
    /// Encode a JSON value (as `decode` prints it) to TL bytes (hex).
    Encode(cmd::decode::EncodeArgs),
    /// Compare two versions of a schema: added, removed, changed and renamed definitions.
    Diff(cmd::diff::Args),
    /// Write a static schema browser: a page per definition and type, with layer history.
    Site(cmd::site::Args),
}

/// `--dialect` values.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum DialectArg {
    /// Telegram API, MTProto and secret chats.
    Telegram,
    /// tdlib's td_api.tl.
    Tdapi,
    /// TON schemas.
    Ton,
}

impl From<DialectArg> for Dialect {
    fn from(d: DialectArg) -> Self {
        match d {
            DialectArg::Telegram => Dialect::Telegram,
            DialectArg::Tdapi => Dialect::TdApi,
            DialectArg::Ton => Dialect::Ton,
        }
    }
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let dialect = cli.dialect.map(Dialect::from);
    let result = match &cli.command {
        Command::Check(args) => cmd::check::run(args, dialect),
        Command::Ids(args) => cmd::ids::run(args, dialect),
        Command::Fmt(args) => cmd::fmt::run(args, dialect),
        Command::Json(args) => cmd::json::run(args, dialect),
        Command::Generate(args) => cmd::generate::run(args, dialect),
        Command::Decode(args) => cmd::decode::decode(args, dialect),
        Command::Encode(args) => cmd::decode::encode(args, dialect),
        Command::Diff(args) => cmd::diff::run(args, dialect),
        Command::Site(args) => cmd::site::run(args, dialect),
    };
    match result {
        Ok(outcome) => outcome.exit_code(),
        // Standard output absorbs a closed pipe and the command ends with its own status; only a
        // closed standard error gets here, while errors were being reported.
        Err(cmd::Fatal::BrokenPipe) => cmd::Outcome::Errors.exit_code(),
        Err(fatal) => {
            eprintln!("{fatal}");
            cmd::Outcome::Failed.exit_code()
        }
    }
}
