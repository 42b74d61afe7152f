//! `tlayer decode` and `tlayer encode`: bytes to JSON and back, driven by one or more schemas
//! at run time (docs/json-form.md).

use super::{Fatal, Outcome, Result, stdout};
use crate::dynamic::scalar::{hex, unhex};
use crate::dynamic::{Codec, Failure, Request};
use crate::load::{Input, Loaded};
use std::collections::HashSet;
use std::io::{Read, Write};
use std::path::PathBuf;
use tlayer_parser::Dialect;

#[cfg(test)]
mod tests;

/// What `decode` and `encode` share: the schemas and what the value is.
#[derive(Debug, clap::Args)]
pub struct Common {
    /// A schema file; repeat it to read several as one (MTProto and an API layer: a name
    /// resolves first in its own file).
    #[arg(long, value_name = "FILE.tl", required = true)]
    pub schema: Vec<PathBuf>,
    /// The TL type of the value (`messages.Messages`, `Vector<User>`, `%resPQ`, a bare
    /// constructor name); without it, any boxed constructor or function, by its id.
    #[arg(long = "type", value_name = "TYPE")]
    pub ty: Option<String>,
    /// The value is bare: no constructor id (as if `--type` were written with `%`).
    #[arg(long, requires = "ty")]
    pub bare: bool,
    /// The bytes are an unencrypted MTProto message: `auth_key_id` (0, 8 bytes), `message_id`
    /// (long), `message_length` (int), then the body.
    #[arg(long)]
    pub envelope: bool,
}

/// Arguments of `decode`.
#[derive(Debug, clap::Args)]
pub struct DecodeArgs {
    /// Schemas, type and framing.
    #[command(flatten)]
    pub common: Common,
    /// The bytes in hex, or `-` to read hex from standard input.
    #[arg(value_name = "HEX")]
    pub hex: String,
}

/// Arguments of `encode`.
#[derive(Debug, clap::Args)]
pub struct EncodeArgs {
    /// Schemas, type and framing.
    #[command(flatten)]
    pub common: Common,
    /// The value as JSON (what `decode` prints), or `-` to read it from standard input.
    #[arg(value_name = "JSON")]
    pub json: String,
}

/// Stack for the walk: deep values recurse, and the main thread's stack is small on some
/// platforms. Only the pages touched are used.
const STACK: usize = 256 << 20;

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

impl Common {
    fn request(&self) -> Request {
        Request { ty: self.ty.clone(), bare: self.bare, envelope: self.envelope }
    }
}

/// Reads the schema files and runs `f` with their codec on a thread with a large stack; when a
/// file has errors, reports them (positions in that file) and ends with exit 1. A file may use
/// types another of the files defines.
fn with_codec(
    common: &Common,
    dialect: Option<Dialect>,
    consequence: &str,
    f: impl FnOnce(&Codec<'_>) -> Result + Send,
) -> Result {
    let inputs = common.schema.iter().map(|p| Input::read(p)).collect::<std::result::Result<Vec<_>, _>>()?;
    let mut loaded: Vec<Loaded<'_>> = inputs.iter().map(|i| i.load(dialect)).collect();
    if loaded.len() > 1 {
        let defined: Vec<HashSet<String>> = loaded
            .iter()
            .map(|l| {
                l.schema
                    .items()
                    .flat_map(|d| [d.result.name.to_string(), d.name.text.to_string()])
                    .collect::<HashSet<String>>()
            })
            .collect();
        for (i, l) in loaded.iter_mut().enumerate() {
            l.diagnostics.retain(|d| {
                let unknown = d.message.strip_prefix("unknown type `").and_then(|r| r.strip_suffix('`'));
                !unknown.is_some_and(|name| defined.iter().enumerate().any(|(j, set)| j != i && set.contains(name)))
            });
        }
    }
    let mut refused = false;
    for l in &loaded {
        refused |= l.refuse_if_errors(consequence)?;
    }
    if refused {
        return Ok(Outcome::Errors);
    }
    let schemas: Vec<_> = loaded.iter().map(|l| &l.schema).collect();
    let codec = Codec::new(&schemas);
    std::thread::scope(|s| {
        std::thread::Builder::new()
            .stack_size(STACK)
            .spawn_scoped(s, || f(&codec))
            .map_err(|e| Fatal::Message(format!("cannot start a thread: {e}")))?
            .join()
            .unwrap_or_else(|_| Err(Fatal::Message("internal error: the codec panicked".into())))
    })
}

/// Prints the value the bytes hold as JSON; exit 1 when they do not decode (nothing printed).
pub fn decode(args: &DecodeArgs, dialect: Option<Dialect>) -> Result {
    let text = argument_or_stdin(&args.hex)?;
    let bytes = unhex(text.trim()).map_err(|e| Fatal::Message(format!("bad hex: {e}")))?;
    drop(text);
    let request = args.common.request();
    with_codec(&args.common, dialect, "nothing decoded", |codec| match codec.decode_to(&bytes, &request, stdout()) {
        Ok(_) => Ok(Outcome::Clean),
        Err(Failure::Io(e)) => Err(Fatal::from(e)),
        Err(Failure::Bad(e)) => {
            eprintln!("tlayer: cannot decode: {e}");
            Ok(Outcome::Errors)
        }
    })
}

/// Prints the hex bytes of a JSON value; exit 1 when it does not fit the schema.
pub fn encode(args: &EncodeArgs, dialect: Option<Dialect>) -> Result {
    let text = argument_or_stdin(&args.json)?;
    let request = args.common.request();
    with_codec(&args.common, dialect, "nothing encoded", |codec| match codec.encode(&text, &request) {
        Ok(bytes) => {
            let mut out = stdout();
            writeln!(out, "{}", hex(&bytes))?;
            out.flush()?;
            Ok(Outcome::Clean)
        }
        Err(e) => {
            eprintln!("tlayer: cannot encode: {e}");
            Ok(Outcome::Errors)
        }
    })
}
