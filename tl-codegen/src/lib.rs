//! Generates Rust types with TL serializers from TL schemas.
//!
//! A schema goes in; out comes one Rust file with a struct per constructor (`types`), an enum
//! per boxed type (`enums`), a struct per function implementing `tlayer::RemoteCall`
//! (`functions`), and a `functions::Function` enum that decodes any request (for servers).
//! The generated code depends only on the `tlayer` runtime crate.
//!
//! Use [`Config`] from `build.rs`, or [`generate`] directly. Data flows one way: parsed schema
//! -> [`model::Model`] (names, resolved types, flag groups, boxing) -> `emit` (tokens) -> text.

#![deny(missing_docs)]

pub mod binary;
mod config;
mod emit;
pub mod ident;
mod layout;
pub mod model;
mod sized;

pub use config::{Config, Options, Side, compile};

use std::path::PathBuf;

/// Why generation failed.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The schema has errors; each line is rendered `FILE:LINE:COL: error: ...`.
    #[error("schema errors:\n{0}")]
    Schema(String),
    /// A type could not be mapped to Rust.
    #[error(transparent)]
    Resolve(#[from] model::ResolveError),
    /// Reading or writing a file failed.
    #[error("{0}: {1}")]
    Io(PathBuf, std::io::Error),
    /// `Config` given both `schema` and `layer` files.
    #[error("give either schema files or layer files, not both")]
    Mixed,
    /// `Config::compile` without a schema.
    #[error("no schema given")]
    NoSchema,
    /// `Config::compile` outside a build script and without `out_dir`.
    #[error("OUT_DIR is not set: call Config::out_dir or run from build.rs")]
    NoOutDir,
    /// A layer schema gave no layer and has no `// LAYER N` marker.
    #[error("{0}: no layer given and no `// LAYER N` marker in the file")]
    NoLayer(String),
    /// The generated tokens did not parse as Rust (a bug in tlayer).
    #[error("generated code does not parse: {0}")]
    Syntax(String),
}

/// Generates Rust source from one schema's text. `file` names it in errors.
pub fn generate(file: &str, src: &str, options: &Options) -> Result<String, Error> {
    generate_files(&[(file.to_string(), src.as_bytes().to_vec())], options)
}

/// Generates Rust source from schema files given as (name, bytes). Several files are read as
/// one schema, in order (for example MTProto and the API).
pub fn generate_files(files: &[(String, Vec<u8>)], options: &Options) -> Result<String, Error> {
    let mut text = String::new();
    for (name, bytes) in files {
        let (decoded, diags) = tlayer_parser::decode_utf8(bytes);
        if let Some(d) = diags.first() {
            return Err(Error::Schema(tlayer_parser::LineIndex::new(&decoded).render(name, d)));
        }
        if !text.is_empty() {
            text.push_str("\n---types---\n");
        }
        text.push_str(&decoded);
    }
    let name = files.iter().map(|(n, _)| n.as_str()).collect::<Vec<_>>().join("+");
    let parsed = tlayer_parser::parse(&text, &tlayer_parser::Options::default());
    if !parsed.is_ok() {
        return Err(schema_errors(&name, &text, &parsed));
    }
    let mut model = model::Model::new(&parsed.schema)?;
    mtproto_passes(&mut model, options);
    let from = files.iter().map(|(n, _)| file_name(n)).collect::<Vec<_>>().join(", ");
    render(&model, &from, options)
}

/// One layer's schema for [`generate_layers`].
#[derive(Clone, Debug)]
pub struct LayerSource {
    /// The layer; `None` reads it from the file's `// LAYER N` marker.
    pub layer: Option<u32>,
    /// The name errors show.
    pub name: String,
    /// The file's bytes (TL).
    pub bytes: Vec<u8>,
}

/// Generates one set of Rust types covering several layers: every version (name, id) of every
/// definition exists, with `SINCE`/`UNTIL` constants and `tlayer::WriteForLayer`, which writes a
/// value for a peer's layer or downgrades it to an older version of its type.
pub fn generate_layers(sources: &[LayerSource], options: &Options) -> Result<String, Error> {
    let mut texts = Vec::with_capacity(sources.len());
    for s in sources {
        let (decoded, diags) = tlayer_parser::decode_utf8(&s.bytes);
        if let Some(d) = diags.first() {
            return Err(Error::Schema(tlayer_parser::LineIndex::new(&decoded).render(&s.name, d)));
        }
        texts.push(decoded.into_owned());
    }
    let mut parsed = Vec::with_capacity(sources.len());
    for (s, text) in sources.iter().zip(&texts) {
        let p = tlayer_parser::parse(text, &tlayer_parser::Options::default());
        if !p.is_ok() {
            return Err(schema_errors(&s.name, text, &p));
        }
        let layer = s.layer.or(p.schema.layer()).ok_or_else(|| Error::NoLayer(s.name.clone()))?;
        parsed.push((layer, p.schema));
    }
    let refs: Vec<(u32, &tlayer_parser::Schema<'_>)> = parsed.iter().map(|(l, s)| (*l, s)).collect();
    let mut model = model::Model::layered(&refs)?;
    mtproto_passes(&mut model, options);
    let names: Vec<String> =
        sources.iter().zip(&parsed).map(|(s, (l, _))| format!("{} (layer {l})", file_name(&s.name))).collect();
    render(&model, &names.join(", "), options)
}

/// The model passes for MTProto: binary `string` fields become bytes, `bytes:int` before an
/// `Object` becomes its computed length.
fn mtproto_passes(model: &mut model::Model<'_>, options: &Options) {
    binary::apply(model, &options.binary_strings);
    sized::apply(model);
}

fn schema_errors(name: &str, text: &str, parsed: &tlayer_parser::Parsed<'_>) -> Error {
    let index = tlayer_parser::LineIndex::new(text);
    Error::Schema(
        parsed
            .diagnostics
            .iter()
            .filter(|d| d.severity == tlayer_parser::Severity::Error)
            .map(|d| index.render(name, d))
            .collect(),
    )
}

/// Emits and lays out a model; `from` names the inputs in the header. `options.format` picks
/// prettyplease (a syntax tree, rustfmt-like) over [`layout::layout`] (one pass over the tokens).
fn render(model: &model::Model<'_>, from: &str, options: &Options) -> Result<String, Error> {
    let tokens = emit::file(model, options);
    let header = format!("// @generated by tlayer-codegen {} from {from}. Do not edit.\n", env!("CARGO_PKG_VERSION"));
    if options.format {
        let file: syn::File = syn::parse2(tokens).map_err(|e| Error::Syntax(e.to_string()))?;
        return Ok(header + &prettyplease::unparse(&file));
    }
    // 2-3 KiB of text per definition (layer 230: 7.1 MiB for 3,274), so `text` rarely grows.
    let items = model.types.len() + model.functions.len() + model.enums.len();
    let mut text = String::with_capacity(header.len() + (items + 8) * 3072);
    text.push_str(&header);
    layout::layout(tokens, &mut text);
    Ok(text)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}

/// The 24 `.tl` files of the corpus (`corpus/`), sorted (for unit tests).
#[cfg(test)]
pub(crate) fn corpus_files() -> Vec<PathBuf> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../corpus");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tl"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 24, "the corpus has 24 .tl files");
    files
}
