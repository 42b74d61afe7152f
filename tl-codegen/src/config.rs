//! The `Config` builder for `build.rs`: files in, one generated file out.

use crate::error::Error;
use crate::generate::{generate_layered, generate_loaded};
use crate::options::{Options, Side, TELEGRAM_DOCS};
use std::path::{Path, PathBuf};
use tlayer_parser::{Dialect, Loaded, Severity, Sources};

/// What [`Config::compile_report`] did.
#[derive(Clone, Debug)]
pub struct Compiled {
    /// The file written.
    pub path: PathBuf,
    /// The schema's warnings (such as a written id that differs from the computed one), one line
    /// each: `FILE:LINE:COL: warning: message`.
    pub warnings: Vec<String>,
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

    /// Adds a schema file: TL, or Telegram's JSON form (a `.json` name, or text starting with
    /// `{`). Several are read as one schema, in order.
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
    /// for a large layer). Exists only with the crate feature `format`, which builds syn and
    /// prettyplease.
    #[cfg(feature = "format")]
    pub fn format(&mut self, yes: bool) -> &mut Self {
        self.options.format = yes;
        self
    }

    /// Generate only what a client (or a server) needs, to cut compile time.
    pub fn side(&mut self, side: Side) -> &mut Self {
        self.options.side = side;
        self
    }

    /// Generate only what `names` reach: these functions (`messages.sendMessage`), boxed types
    /// (`Updates`) and constructors, what their fields name, transitively, and the functions'
    /// result types (see [`crate::subset`]). Adds to the names of earlier calls; none (the
    /// default) generates the whole schema. An unknown name makes [`Config::compile`] fail.
    pub fn only<I: IntoIterator<Item = S>, S: Into<String>>(&mut self, names: I) -> &mut Self {
        self.options.only.extend(names.into_iter().map(Into::into));
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

    /// Whether structs with flag fields get `X::new(required)` and a setter per flag field
    /// (default `false`: they cost about 13% more `cargo check` time on layer 230).
    pub fn builders(&mut self, yes: bool) -> &mut Self {
        self.options.builders = yes;
        self
    }

    /// Whether every item that can derives `Eq` and `Hash` (default `false`: only `Copy` items,
    /// such as ids and peers; everywhere costs about 12% more `cargo check` time on layer 230).
    pub fn hash_all(&mut self, yes: bool) -> &mut Self {
        self.options.hash_all = yes;
        self
    }

    /// Links every item's docs to its page on Telegram's site ([`TELEGRAM_DOCS`]:
    /// `https://core.telegram.org/constructor/NAME`, `/method/NAME`, `/type/NAME`): for
    /// Telegram's own schemas (API layers, MTProto). Off by default.
    pub fn telegram_doc_links(&mut self) -> &mut Self {
        self.doc_links(TELEGRAM_DOCS)
    }

    /// Links every item's docs to `BASE/constructor/NAME`, `BASE/method/NAME` or
    /// `BASE/type/NAME`: a site laid out as Telegram's.
    pub fn doc_links(&mut self, base: impl Into<String>) -> &mut Self {
        self.options.doc_links = Some(base.into());
        self
    }

    /// The id rules of the schemas, instead of detecting them.
    pub fn dialect(&mut self, dialect: Dialect) -> &mut Self {
        self.options.dialect = Some(dialect);
        self
    }

    /// Generates the code, writes it (only when it changed) and prints `cargo:rerun-if-changed`
    /// for each schema; run from a build script, prints each warning of the schema as
    /// `cargo:warning=FILE:LINE:COL: warning: message`. Returns the path written.
    pub fn compile(&self) -> Result<PathBuf, Error> {
        let compiled = self.compile_report()?;
        if in_build_script() {
            for w in &compiled.warnings {
                println!("cargo:warning={w}");
            }
        }
        Ok(compiled.path)
    }

    /// [`Config::compile`], printing no warnings but returning them.
    pub fn compile_report(&self) -> Result<Compiled, Error> {
        let first = self.schemas.first().or(self.layers.last().map(|(_, p)| p)).ok_or(Error::NoSchema)?;
        let out_dir = match &self.out_dir {
            Some(d) => d.clone(),
            None => PathBuf::from(std::env::var_os("OUT_DIR").ok_or(Error::NoOutDir)?),
        };
        let file_name = match &self.out_file {
            Some(f) => f.clone(),
            None => format!("{}.rs", first.file_stem().map(|s| s.to_string_lossy()).unwrap_or_default()),
        };
        let read = |sources: &mut Sources, path: &PathBuf| {
            println!("cargo:rerun-if-changed={}", path.display());
            sources.read(path).map_err(|e| Error::Io(path.clone(), e))
        };
        let parse = self.options.parse_options();
        let mut warnings = Vec::new();
        let code = if self.layers.is_empty() {
            let mut sources = Sources::new();
            for path in &self.schemas {
                read(&mut sources, path)?;
            }
            let loaded = sources.load(&parse);
            warnings.extend(warning_lines(&loaded));
            generate_loaded(&loaded, &self.options)?
        } else {
            if !self.schemas.is_empty() {
                return Err(Error::Mixed);
            }
            let mut files = Vec::new();
            for (_, path) in &self.layers {
                let mut one = Sources::new();
                read(&mut one, path)?;
                files.push(one);
            }
            let loaded: Vec<Loaded<'_>> = files.iter().map(|f| f.load(&parse)).collect();
            warnings.extend(loaded.iter().flat_map(warning_lines));
            let layers: Vec<_> = self.layers.iter().map(|(l, _)| *l).zip(&loaded).collect();
            generate_layered(&layers, &self.options)?
        };
        let out = out_dir.join(file_name);
        if std::fs::read(&out).ok().as_deref() != Some(code.as_bytes()) {
            std::fs::write(&out, code).map_err(|e| Error::Io(out.clone(), e))?;
        }
        Ok(Compiled { path: out, warnings })
    }
}

/// Whether this process is a build script that cargo runs: cargo gives those `OUT_DIR` and
/// `TARGET` (a test or a binary gets neither from cargo at run time).
fn in_build_script() -> bool {
    std::env::var_os("OUT_DIR").is_some() && std::env::var_os("TARGET").is_some()
}

/// The first line (`FILE:LINE:COL: warning: message`) of each warning of `loaded`.
fn warning_lines(loaded: &Loaded<'_>) -> Vec<String> {
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.severity == Severity::Warning)
        .map(|d| loaded.render(d).lines().next().unwrap_or_default().to_string())
        .collect()
}

/// Generates `schema` (a `.tl` file) into `$OUT_DIR/<stem>.rs` with [`Config`]'s defaults.
pub fn compile(schema: impl AsRef<Path>) -> Result<PathBuf, Error> {
    Config::new().schema(schema).compile()
}
