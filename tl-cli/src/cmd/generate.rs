//! `tlayer generate FILE... -o OUT.rs`: Rust code for committing, the same as `build.rs` makes.

use super::{Fatal, Outcome, Result};
use crate::load::Input;
use std::path::PathBuf;
use tlayer_codegen::{Options, Side};
use tlayer_parser::Dialect;

/// Arguments of `generate`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema files (TL or Telegram's JSON form; `-` reads standard input), read as one schema in
    /// order: a later file may use the types of an earlier one.
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
    /// Generate only what these functions, types or constructors reach (TL names; repeat the
    /// flag or separate with commas). Unknown names are an error.
    #[arg(long, value_name = "NAME", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Like `--only`, with the names read from FILE (separated by whitespace or commas; `//`
    /// starts a comment).
    #[arg(long, value_name = "FILE")]
    pub only_file: Vec<PathBuf>,
    /// `X::new(required)` and flag-field setters on structs with flag fields (they cost about
    /// 13% more `cargo check` time on layer 230).
    #[arg(long)]
    pub builders: bool,
    /// `Eq` and `Hash` on every type that can derive them, not only on `Copy` types (ids, peers;
    /// everywhere costs about 12% more `cargo check` time on layer 230).
    #[arg(long)]
    pub hash_all: bool,
    /// Link every item's docs to its page under BASE (`BASE/constructor/NAME`, `/method/NAME`,
    /// `/type/NAME`); `telegram` is https://core.telegram.org.
    #[arg(long, value_name = "BASE")]
    pub doc_links: Option<String>,
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
        dialect,
        only: only_names(args)?,
        builders: args.builders,
        hash_all: args.hash_all,
        doc_links: args
            .doc_links
            .as_ref()
            .map(|b| if b == "telegram" { tlayer_codegen::TELEGRAM_DOCS.to_string() } else { b.clone() }),
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

/// The names of `--only` and of each `--only-file`.
fn only_names(args: &Args) -> std::result::Result<Vec<String>, Fatal> {
    let mut names: Vec<String> = args.only.iter().map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect();
    for path in &args.only_file {
        let text = std::fs::read_to_string(path)
            .map_err(|e| Fatal::Message(format!("cannot read {}: {e}", path.display())))?;
        for line in text.lines() {
            let line = line.split_once("//").map_or(line, |(code, _)| code);
            names.extend(
                line.split(|c: char| c.is_whitespace() || c == ',').filter(|n| !n.is_empty()).map(String::from),
            );
        }
    }
    Ok(names)
}

fn layered(args: &Args, dialect: Option<Dialect>, options: &Options) -> std::result::Result<Option<String>, Fatal> {
    let mut inputs = Vec::new();
    for spec in &args.layers {
        let (layer, path) = match spec.split_once('=') {
            Some((n, path)) => {
                let n = n
                    .trim()
                    .parse::<u32>()
                    .ok()
                    .filter(|&n| n <= tlayer_parser::MAX_LAYER)
                    .ok_or_else(|| Fatal::Message(format!("--layer {spec}: `{n}` is not a layer number")))?;
                (Some(n), PathBuf::from(path))
            }
            None => (None, PathBuf::from(spec)),
        };
        inputs.push((layer, Input::read(&path)?));
    }
    // Every layer is parsed once; the errors of all of them are reported before stopping.
    let loaded: Vec<_> = inputs.iter().map(|(_, input)| input.load(dialect)).collect();
    let mut refused = false;
    for l in &loaded {
        refused |= l.refuse_if_errors("nothing generated")?;
    }
    if refused {
        return Ok(None);
    }
    let layers: Vec<_> = inputs.iter().map(|(layer, _)| *layer).zip(loaded.iter().map(|l| l.inner())).collect();
    tlayer_codegen::generate_layered(&layers, options).map(Some).map_err(|e| Fatal::Message(e.to_string()))
}

fn single(args: &Args, dialect: Option<Dialect>, options: &Options) -> std::result::Result<Option<String>, Fatal> {
    // Parsed once, as one schema; codegen takes the result.
    let input = Input::read_all(&args.files)?;
    let loaded = input.load(dialect);
    if loaded.refuse_if_errors("nothing generated")? {
        return Ok(None);
    }
    tlayer_codegen::generate_loaded(loaded.inner(), options).map(Some).map_err(|e| Fatal::Message(e.to_string()))
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
