//! The pipeline, end to end: loaded schemas -> [`crate::model::Model`] (with the MTProto passes)
//! -> `emit` (tokens) -> text (prettyplease or the one-pass layout).

use crate::error::Error;
use crate::options::Options;
use crate::{binary, emit, layout, model, pretty, sized, subset};
use tlayer_parser::{Loaded, Sources};

/// Generates Rust source from one schema's text (TL, or Telegram's JSON form). `file` names it in
/// errors.
pub fn generate(file: &str, src: &str, options: &Options) -> Result<String, Error> {
    let mut sources = Sources::new();
    sources.add(file, src.as_bytes());
    generate_loaded(&sources.load(&options.parse_options()), options)
}

/// Generates Rust source from schema files given as (name, bytes), TL or JSON. Several files are
/// read as one schema, in order (for example MTProto and the API): a later file may use the
/// types of an earlier one, and errors point into the file they are in.
pub fn generate_files(files: &[(String, Vec<u8>)], options: &Options) -> Result<String, Error> {
    let mut sources = Sources::new();
    for (name, bytes) in files {
        sources.add(name.as_str(), bytes);
    }
    generate_loaded(&sources.load(&options.parse_options()), options)
}

/// Generates Rust source from a schema loaded (parsed, checked, its dialect chosen) once, by the
/// caller: the CLI and [`Config`] load with [`Sources`] and hand the result here. A schema with
/// errors generates nothing: [`Error::Schema`] holds them rendered.
pub fn generate_loaded(loaded: &Loaded<'_>, options: &Options) -> Result<String, Error> {
    if !loaded.is_ok() {
        return Err(Error::Schema(loaded.errors()));
    }
    let sources = loaded.sources;
    let from = (0..sources.len()).map(|i| file_name(sources.name(i))).collect::<Vec<_>>().join(", ");
    let only = subset::apply(&loaded.schema, &from, &options.only)?;
    let mut model = model::Model::new(only.as_ref().unwrap_or(&loaded.schema))?;
    mtproto_passes(&mut model, options);
    render(&model, &from, options)
}

/// One layer's schema for [`generate_layers`].
#[derive(Clone, Debug)]
pub struct LayerSource {
    /// The layer; `None` reads it from the file's `// LAYER N` marker.
    pub layer: Option<u32>,
    /// The name errors show.
    pub name: String,
    /// The file's bytes (TL, or Telegram's JSON form).
    pub bytes: Vec<u8>,
}

/// Generates one set of Rust types covering several layers: every version (name, id) of every
/// definition exists, with `SINCE`/`UNTIL` constants and `tlayer::WriteForLayer`, which writes a
/// value for a peer's layer or downgrades it to an older version of its type.
pub fn generate_layers(sources: &[LayerSource], options: &Options) -> Result<String, Error> {
    let files: Vec<Sources> = sources
        .iter()
        .map(|s| {
            let mut one = Sources::new();
            one.add(s.name.as_str(), &s.bytes);
            one
        })
        .collect();
    let loaded: Vec<Loaded<'_>> = files.iter().map(|f| f.load(&options.parse_options())).collect();
    let layers: Vec<(Option<u32>, &Loaded<'_>)> = sources.iter().map(|s| s.layer).zip(&loaded).collect();
    generate_layered(&layers, options)
}

/// [`generate_layers`] for schemas loaded by the caller, each with its layer (`None`: from its
/// `// LAYER N` marker). Errors of every layer are reported together; two schemas of the same
/// layer are an error naming both.
pub fn generate_layered(layers: &[(Option<u32>, &Loaded<'_>)], options: &Options) -> Result<String, Error> {
    let errors: String = layers.iter().filter(|(_, l)| !l.is_ok()).map(|(_, l)| l.errors()).collect();
    if !errors.is_empty() {
        return Err(Error::Schema(errors));
    }
    let name = |l: &Loaded<'_>| (0..l.sources.len()).map(|i| l.sources.name(i)).collect::<Vec<_>>().join("+");
    let mut numbered: Vec<(u32, &Loaded<'_>)> = Vec::with_capacity(layers.len());
    for &(layer, loaded) in layers {
        let layer = layer.or(loaded.schema.layer()).ok_or_else(|| Error::NoLayer(name(loaded)))?;
        if let Some((_, first)) = numbered.iter().find(|(l, _)| *l == layer) {
            return Err(Error::DuplicateLayer { layer, first: name(first), second: name(loaded) });
        }
        numbered.push((layer, loaded));
    }
    let names: Vec<String> = numbered.iter().map(|(l, s)| format!("{} (layer {l})", file_name(&name(s)))).collect();
    let mut schemas: Vec<(u32, tlayer_parser::Schema<'_>)> = Vec::new();
    if !options.only.is_empty() {
        schemas = numbered.iter().map(|(l, s)| (*l, s.schema.clone())).collect();
        subset::apply_layers(&mut schemas, &names.join(", "), &options.only)?;
    }
    let refs: Vec<(u32, &tlayer_parser::Schema<'_>)> = if options.only.is_empty() {
        numbered.iter().map(|(l, s)| (*l, &s.schema)).collect()
    } else {
        schemas.iter().map(|(l, s)| (*l, s)).collect()
    };
    let mut model = model::Model::layered(&refs)?;
    mtproto_passes(&mut model, options);
    render(&model, &names.join(", "), options)
}

/// The model passes for MTProto: binary `string` fields become bytes, `bytes:int` before an
/// `Object` becomes its computed length.
fn mtproto_passes(model: &mut model::Model<'_>, options: &Options) {
    binary::apply(model, &options.binary_strings);
    sized::apply(model);
}

/// Emits and lays out a model; `from` names the inputs in the header. `options.format` then
/// reformats the layout with prettyplease (a syntax tree, rustfmt-like).
fn render(model: &model::Model<'_>, from: &str, options: &Options) -> Result<String, Error> {
    let tokens = emit::file(model, options);
    let header = format!("// @generated by tlayer-codegen {} from {from}. Do not edit.\n", env!("CARGO_PKG_VERSION"));
    // 2-3 KiB of text per definition (layer 230: 9.5 MiB for 3,274), so `text` rarely grows.
    let items = model.types.len() + model.functions.len() + model.enums.len();
    let mut text = String::with_capacity(header.len() + (items + 8) * 3072);
    text.push_str(&header);
    layout::layout(&tokens, &mut text);
    drop(tokens);
    if options.format {
        return pretty::unparse(&text[header.len()..], header);
    }
    Ok(text)
}

fn file_name(path: &str) -> &str {
    path.rsplit(['/', '\\']).next().unwrap_or(path)
}
