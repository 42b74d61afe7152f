//! `tlayer generate FILE... -o OUT.rs`: Rust code for committing, the same as `build.rs` makes.

use super::{Fatal, Outcome, Result};
use crate::load::Input;
use std::path::PathBuf;
use tlayer_codegen::{Options, Side};
use tlayer_parser::Dialect;

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema files (TL or Telegram's JSON form), read as one schema in order.
    #[arg(value_name = "FILE", required_unless_present = "layers", conflicts_with = "layers")]
    pub files: Vec<PathBuf>,
    /// One layer's schema, as `N=FILE` or `FILE` (layer from its `// LAYER N` marker); repeat
    /// for each layer: one set of types covers them all, with downgrades for older peers.
    #[arg(long = "layer", value_name = "N=FILE")]
    pub layers: Vec<String>,
    /// Where to write the Rust code (`-` for standard output).
    #[arg(short, long, value_name = "OUT.rs")]
    pub output: PathBuf,
    /// Skip formatting with prettyplease: lay the code out in one pass instead (several times
    /// faster; one statement per line and indented blocks, but not rustfmt's style).
    #[arg(long)]
    pub no_format: bool,
    /// Generate only what a client or a server needs.
    #[arg(long, value_enum, default_value = "both")]
    pub side: SideArg,
    /// Derive serde's traits behind `#[cfg_attr(feature = NAME, ...)]`.
    #[arg(long, value_name = "NAME")]
    pub serde_feature: Option<String>,
}

/// `--side` values.
#[derive(Clone, Copy, Debug, clap::ValueEnum)]
pub enum SideArg {
    /// Functions encode and decode.
    Both,
    /// Functions only encode.
    Client,
    /// Functions only decode.
    Server,
}

/// Generates the code; a schema with errors generates nothing (its errors go to stderr, exit 1).
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let options = Options {
        side: match args.side {
            SideArg::Both => Side::Both,
            SideArg::Client => Side::Client,
            SideArg::Server => Side::Server,
        },
        serde_feature: args.serde_feature.clone(),
        format: !args.no_format,
        ..Options::default()
    };
    let code = if args.layers.is_empty() {
        match single(args, dialect, &options)? {
            Some(code) => code,
            None => return Ok(Outcome::Errors),
        }
    } else {
        match layered(args, dialect, &options)? {
            Some(code) => code,
            None => return Ok(Outcome::Errors),
        }
    };
    write(args, &code)
}

fn layered(args: &Args, dialect: Option<Dialect>, options: &Options) -> std::result::Result<Option<String>, Fatal> {
    let mut sources = Vec::new();
    for spec in &args.layers {
        let (layer, path) = match spec.split_once('=') {
            Some((n, path)) => {
                let n = n
                    .trim()
                    .parse::<u32>()
                    .map_err(|_| Fatal::Message(format!("--layer {spec}: `{n}` is not a layer number")))?;
                (Some(n), PathBuf::from(path))
            }
            None => (None, PathBuf::from(spec)),
        };
        let Some(input) = Input::read_clean(&path, dialect, "nothing generated")? else { return Ok(None) };
        sources.push(tlayer_codegen::LayerSource {
            layer,
            name: input.name.clone(),
            bytes: input.tl().as_bytes().to_vec(),
        });
    }
    tlayer_codegen::generate_layers(&sources, options).map(Some).map_err(|e| Fatal::Message(e.to_string()))
}

fn single(args: &Args, dialect: Option<Dialect>, options: &Options) -> std::result::Result<Option<String>, Fatal> {
    let mut sources = Vec::new();
    for path in &args.files {
        let Some(input) = Input::read_clean(path, dialect, "nothing generated")? else { return Ok(None) };
        sources.push((input.name.clone(), input.tl().as_bytes().to_vec()));
    }
    tlayer_codegen::generate_files(&sources, options).map(Some).map_err(|e| Fatal::Message(e.to_string()))
}

fn write(args: &Args, code: &str) -> Result {
    if args.output.as_os_str() == "-" {
        use std::io::Write;
        let mut out = super::stdout();
        out.write_all(code.as_bytes())?;
        out.flush()?;
    } else {
        std::fs::write(&args.output, code)
            .map_err(|e| Fatal::Message(format!("cannot write {}: {e}", args.output.display())))?;
        eprintln!("tlayer: wrote {} ({} lines)", args.output.display(), code.lines().count());
    }
    Ok(Outcome::Clean)
}
