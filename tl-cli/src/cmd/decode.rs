//! `tlayer decode` and `tlayer encode`: bytes to JSON and back, driven by a schema at run time.

use super::{Fatal, Outcome, Result, stdout};
use crate::dynamic::{Codec, unhex};
use crate::load::Input;
use std::io::{Read, Write};
use std::path::PathBuf;
use tlayer_parser::Dialect;

/// Arguments of `decode`.
#[derive(Debug, clap::Args)]
pub struct DecodeArgs {
    /// The schema the bytes follow.
    #[arg(long, value_name = "FILE.tl")]
    pub schema: PathBuf,
    /// The TL type of the value (`messages.Messages`, `Vector<User>`, a bare constructor name);
    /// without it, any boxed constructor or function, by its id.
    #[arg(long = "type", value_name = "TYPE")]
    pub ty: Option<String>,
    /// The bytes in hex, or `-` to read hex from standard input.
    #[arg(value_name = "HEX")]
    pub hex: String,
}

/// Arguments of `encode`.
#[derive(Debug, clap::Args)]
pub struct EncodeArgs {
    /// The schema to encode with.
    #[arg(long, value_name = "FILE.tl")]
    pub schema: PathBuf,
    /// The TL type of the value; without it, the value's `_` names a boxed constructor or function.
    #[arg(long = "type", value_name = "TYPE")]
    pub ty: Option<String>,
    /// The value as JSON (what `decode` prints), or `-` to read it from standard input.
    #[arg(value_name = "JSON")]
    pub json: String,
}

fn argument_or_stdin(arg: &str) -> std::result::Result<String, Fatal> {
    if arg != "-" {
        return Ok(arg.to_string());
    }
    let mut text = String::new();
    std::io::stdin()
        .read_to_string(&mut text)
        .map_err(|e| Fatal::Message(format!("cannot read standard input: {e}")))?;
    Ok(text)
}

/// Prints the value the bytes hold as JSON; exit 1 when they do not decode.
pub fn decode(args: &DecodeArgs, dialect: Option<Dialect>) -> Result {
    let input = Input::read(&args.schema)?;
    let loaded = input.load(dialect);
    if loaded.refuse_if_errors("nothing decoded")? {
        return Ok(Outcome::Errors);
    }
    let codec = Codec::new(&loaded.schema);
    let text = argument_or_stdin(&args.hex)?;
    let bytes = unhex(text.trim()).map_err(|e| Fatal::Message(format!("bad hex: {e}")))?;
    match codec.decode(&bytes, args.ty.as_deref()) {
        Ok(value) => {
            let mut out = stdout();
            writeln!(out, "{}", serde_json::to_string_pretty(&value).expect("a JSON value serializes"))?;
            out.flush()?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            eprintln!("tlayer: cannot decode: {e}");
            Ok(Outcome::Errors)
        }
    }
}

/// Prints the hex bytes of a JSON value; exit 1 when it does not fit the schema.
pub fn encode(args: &EncodeArgs, dialect: Option<Dialect>) -> Result {
    let input = Input::read(&args.schema)?;
    let loaded = input.load(dialect);
    if loaded.refuse_if_errors("nothing encoded")? {
        return Ok(Outcome::Errors);
    }
    let codec = Codec::new(&loaded.schema);
    let text = argument_or_stdin(&args.json)?;
    let value: serde_json::Value = serde_json::from_str(&text).map_err(|e| Fatal::Message(format!("bad JSON: {e}")))?;
    match codec.encode(&value, args.ty.as_deref()) {
        Ok(bytes) => {
            let mut out = stdout();
            writeln!(out, "{}", crate::dynamic::hex(&bytes))?;
            out.flush()?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            eprintln!("tlayer: cannot encode: {e}");
            Ok(Outcome::Errors)
        }
    }
}
