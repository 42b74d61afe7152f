//! What a user can set: the `Config` builder for `build.rs`, and the options of one generation.

use crate::Error;
use std::path::{Path, PathBuf};

/// Which directions of function code to generate.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Side {
    /// Functions encode (with `RemoteCall`) and decode, plus the server's function enum.
    #[default]
    Both,
    /// Functions only encode: no function decoding, no function enum. Types do both.
    Client,
    /// Functions only decode, plus the function enum; no `RemoteCall`. Types do both.
    Server,
}

/// Options of one generation.
#[derive(Clone, Debug)]
pub struct Options {
    /// Directions of function code.
    pub side: Side,
    /// Derive serde's traits behind `#[cfg_attr(feature = "NAME", ...)]`.
    pub serde_feature: Option<String>,
    /// Format with prettyplease, rustfmt-like (the default); else a fast one-pass layout that
    /// reads as the same tokens: one statement or item per line, indented blocks, `///` docs
    /// (several times faster; what [`Config`], for build scripts, does by default).
    pub format: bool,
    /// Which TL `string` fields are bytes (`Vec<u8>`): MTProto's binary fields by default.
    pub binary_strings: crate::binary::BinaryStrings,
}

impl Default for Options {
    fn default() -> Self {
        Options { side: Side::Both, serde_feature: None, format: true, binary_strings: Default::default() }
    }
}

/// Generation from `build.rs`, in the style of `prost-build`:
///
/// ```no_run
/// // build.rs
/// tlayer_codegen::Config::new()
///     .schema("schema/api.tl")
///     .out_file("api.rs")
///     .compile()
///     .unwrap();
/// ```
/// and in the crate: `include!(concat!(env!("OUT_DIR"), "/api.rs"));`
#[derive(Clone, Debug)]
pub struct Config {
    schemas: Vec<PathBuf>,
    layers: Vec<(Option<u32>, PathBuf)>,
    out_file: Option<String>,
    out_dir: Option<PathBuf>,
    options: Options,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            schemas: Vec::new(),
            layers: Vec::new(),
            out_file: None,
            out_dir: None,
            options: Options { format: false, ..Options::default() },
        }
    }
}

impl Config {
    /// A configuration with defaults: both sides, no serde, and the fast layout rather than
    /// prettyplease (see [`Config::format`]).
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds a schema file (`.tl`, or Telegram's `.json` form).
    pub fn schema(&mut self, path: impl AsRef<Path>) -> &mut Self {
        self.schemas.push(path.as_ref().to_path_buf());
        self
    }

    /// Adds one layer's schema: with several, one set of types covers every layer, and
    /// `tlayer::WriteForLayer` encodes for a peer's layer (see [`crate::generate_layers`]).
    /// `layer: None` reads it from the file's `// LAYER N` marker. Not combined with `schema`.
    pub fn layer(&mut self, layer: Option<u32>, path: impl AsRef<Path>) -> &mut Self {
        self.layers.push((layer, path.as_ref().to_path_buf()));
        self
    }

    /// The output file name inside the output directory; default: the first schema's stem + `.rs`.
    pub fn out_file(&mut self, name: impl Into<String>) -> &mut Self {
        self.out_file = Some(name.into());
        self
    }

    /// The output directory; default: `$OUT_DIR`.
    pub fn out_dir(&mut self, dir: impl AsRef<Path>) -> &mut Self {
        self.out_dir = Some(dir.as_ref().to_path_buf());
        self
    }

    /// Format the output with prettyplease (default `false`). A build script's output is read
    /// by rustc and by go-to-definition, so by default it gets the fast one-pass layout, which
    /// reads as the same tokens with one statement or item per line and indented blocks (see
    /// [`Options::format`]); prettyplease's rustfmt-like text takes several times as long,
    /// mostly in parsing the tokens into a syntax tree (in an unoptimized build script, seconds
    /// for a large layer).
    pub fn format(&mut self, yes: bool) -> &mut Self {
        self.options.format = yes;
        self
    }

    /// Generate only what a client (or a server) needs, to cut compile time.
    pub fn side(&mut self, side: Side) -> &mut Self {
        self.options.side = side;
        self
    }

    /// Makes TL `string` field `field` bytes (`Vec<u8>`): `name.field` with TL names
    /// (`resPQ.pq`), or `*.field` for that field of every definition. MTProto's binary fields
    /// are bytes already (see [`crate::binary`]).
    pub fn binary_string(&mut self, field: impl Into<String>) -> &mut Self {
        self.options.binary_strings.fields.push(field.into());
        self
    }

    /// Makes every TL `string` of the schema bytes (`yes`), for schemas whose strings are binary.
    pub fn all_strings_binary(&mut self, yes: bool) -> &mut Self {
        self.options.binary_strings.all = yes;
        self
    }

    /// Whether MTProto's binary `string` fields are bytes (default `true`); `false` generates
    /// the schema as written.
    pub fn mtproto_binary_strings(&mut self, yes: bool) -> &mut Self {
        self.options.binary_strings.mtproto = yes;
        self
    }

    /// Derive `serde::Serialize`/`Deserialize` when the crate's feature `feature` is on.
    pub fn serde_feature(&mut self, feature: impl Into<String>) -> &mut Self {
        self.options.serde_feature = Some(feature.into());
        self
    }

    /// Generates the code, writes it (only when it changed) and prints `cargo:rerun-if-changed`
    /// for each schema. Returns the path written.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let first = self.schemas.first().or(self.layers.last().map(|(_, p)| p)).ok_or(Error::NoSchema)?;
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?),
        };
        let file_name = match &self.out_file {
            Some(f) => f.clone(),
            None => format!("{}.rs", first.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default()),
        };
        let read = |path: &PathBuf| {
            println!("cargo:rerun-if-changed={}", path.display());
            std::fs::read(path).map_err(|e| Error::Io(path.clone(), e))
        };
        let code = if self.layers.is_empty() {
            let mut sources = Vec::new();
            for path in &self.schemas {
                sources.push((path.display().to_string(), read(path)?));
            }
            crate::generate_files(&sources, &self.options)?
        } else {
            if !self.schemas.is_empty() {
                return Err(Error::Mixed);
            }
            let mut sources = Vec::new();
            for (layer, path) in &self.layers {
                sources.push(crate::LayerSource {
                    layer: *layer,
                    name: path.display().to_string(),
                    bytes: read(path)?,
                });
            }
            crate::generate_layers(&sources, &self.options)?
        };
        let out = out_dir.join(file_name);
        if std::fs::read(&out).ok().as_deref() != Some(code.as_bytes()) {
            std::fs::write(&out, code).map_err(|e| Error::Io(out.clone(), e))?;
        }
        Ok(out)
    }
}

/// Generates `schema` (a `.tl` file) into `$OUT_DIR/<stem>.rs` with [`Config`]'s defaults.
pub fn compile(schema: impl AsRef<Path>) -> Result<PathBuf, Error> {
    Config::new().schema(schema).compile()
}
