//! `tlayer site SCHEMA... -o DIR` and `tlayer site --layer N=FILE... -o DIR`: a static schema
//! browser (see [`crate::site`]). Several SCHEMA files are read as one schema, as `generate`
//! reads them; several layers give every definition its history.

use super::{Fatal, Outcome, Result};
use crate::load::{Input, Loaded};
use crate::site::Site;
use crate::site::catalog;
use std::path::PathBuf;
use tlayer_parser::Dialect;

/// Arguments of `site`.
#[derive(Debug, clap::Args)]
pub struct Args {
    /// Schema files (TL or Telegram's JSON form), read as one schema in order.
    #[arg(value_name = "SCHEMA", required_unless_present = "layers", conflicts_with = "layers")]
    pub files: Vec<PathBuf>,
    /// One layer's schema, as `N=FILE` or `FILE` (layer from its `// LAYER N` marker); repeat for
    /// each layer: every page then shows its definition's history over them.
    #[arg(long = "layer", value_name = "N=FILE")]
    pub layers: Vec<String>,
    /// The folder to write the site into (created if missing).
    #[arg(short, long, value_name = "DIR")]
    pub output: PathBuf,
    /// The site's title (default: from the files and layers).
    #[arg(long)]
    pub title: Option<String>,
}

/// Writes the site; a schema with errors writes nothing (its errors go to stderr, exit 1).
pub fn run(args: &Args, dialect: Option<Dialect>) -> Result {
    let specs: Vec<(Option<u32>, PathBuf)> = if args.layers.is_empty() {
        args.files.iter().map(|p| (None, p.clone())).collect()
    } else {
        args.layers.iter().map(|s| layer_spec(s)).collect::<std::result::Result<_, _>>()?
    };
    let inputs = specs.iter().map(|(_, path)| Input::read(path)).collect::<std::result::Result<Vec<_>, _>>()?;
    let loaded: Vec<Loaded<'_>> = inputs.iter().map(|i| i.load(dialect)).collect();
    let mut refused = false;
    for l in &loaded {
        refused |= l.refuse_if_errors("no site written")?;
    }
    if refused {
        return Ok(Outcome::Errors);
    }

    // Several plain files: one schema, loaded once as `generate` loads them. Each file was
    // checked above; what only the whole can have (a name defined in two files) is shown as
    // `tlayer diff` treats it, the first definition counting.
    let joined_input;
    let joined;
    let mut schemas: Vec<(Option<u32>, &tlayer_parser::Schema<'_>)> = Vec::new();
    if args.layers.is_empty() && inputs.len() > 1 {
        joined_input = Input::read_all(&args.files)?;
        joined = joined_input.load(dialect);
        schemas.push((joined.schema.layer(), &joined.schema));
    } else {
        for ((layer, _), l) in specs.iter().zip(&loaded) {
            schemas.push((layer.or(l.schema.layer()), &l.schema));
        }
    }
    if !args.layers.is_empty() {
        check_layers(&specs, &schemas)?;
    }

    let site_inputs: Vec<catalog::Input<'_>> =
        schemas.iter().map(|(layer, schema)| catalog::Input { layer: *layer, schema }).collect();
    let sources: Vec<(String, Option<u32>)> = if args.layers.is_empty() {
        inputs.iter().map(|i| (i.name.clone(), None)).collect()
    } else {
        inputs.iter().zip(&schemas).map(|(i, (layer, _))| (i.name.clone(), *layer)).collect()
    };
    let title = args.title.clone().unwrap_or_else(|| default_title(&sources, args.layers.is_empty()));
    let site = Site::new(&site_inputs, title, sources);
    let written = site
        .write(&args.output)
        .map_err(|e| Fatal::Message(format!("cannot write the site to {}: {e}", args.output.display())))?;
    eprintln!(
        "tlayer: wrote {} ({} files, {} KiB)",
        args.output.display(),
        written.files,
        written.bytes.div_ceil(1024)
    );
    Ok(Outcome::Clean)
}

/// `N=FILE` or `FILE`.
fn layer_spec(spec: &str) -> std::result::Result<(Option<u32>, PathBuf), Fatal> {
    match spec.split_once('=') {
        Some((n, path)) => {
            let n = n
                .trim()
                .parse::<u32>()
                .map_err(|_| Fatal::Message(format!("--layer {spec}: `{n}` is not a layer number")))?;
            Ok((Some(n), PathBuf::from(path)))
        }
        None => Ok((None, PathBuf::from(spec))),
    }
}

/// Every layer known (given or marked in the file) and given once.
fn check_layers(
    specs: &[(Option<u32>, PathBuf)],
    schemas: &[(Option<u32>, &tlayer_parser::Schema<'_>)],
) -> std::result::Result<(), Fatal> {
    let mut seen = std::collections::HashMap::new();
    for ((_, path), (layer, _)) in specs.iter().zip(schemas) {
        let Some(layer) = layer else {
            return Err(Fatal::Message(format!(
                "{}: no layer given and no `// LAYER N` marker in the file; write --layer N={}",
                path.display(),
                path.display()
            )));
        };
        if let Some(other) = seen.insert(*layer, path) {
            return Err(Fatal::Message(format!(
                "layer {layer} given twice: {} and {}",
                other.display(),
                path.display()
            )));
        }
    }
    Ok(())
}

/// `layer230.tl` for one file, `a.tl + b.tl` for several, `Layers 1 to 3` for layers.
fn default_title(sources: &[(String, Option<u32>)], plain: bool) -> String {
    let file = |name: &str| name.rsplit(['/', '\\']).next().unwrap_or(name).to_string();
    if plain {
        return sources.iter().map(|(n, _)| file(n)).collect::<Vec<_>>().join(" + ");
    }
    let mut layers: Vec<u32> = sources.iter().filter_map(|(_, l)| *l).collect();
    layers.sort_unstable();
    match (layers.first(), layers.last()) {
        (Some(first), Some(last)) if first != last => format!("Layers {first} to {last}"),
        (Some(only), _) => format!("Layer {only}"),
        _ => "Schema".to_string(),
    }
}
