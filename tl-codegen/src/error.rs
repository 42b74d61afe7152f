//! Why generation failed.

use crate::model;
use std::fmt;
use std::path::PathBuf;

/// Why generation failed. `Debug` prints the same text as `Display`, so that `.unwrap()` in a
/// build script shows the schema's errors as `FILE:LINE:COL: error: ...` lines.
pub enum Error {
    /// The schema has errors; each is rendered `FILE:LINE:COL: error: ...` with its source line.
    Schema(String),
    /// A type could not be mapped to Rust.
    Resolve(model::ResolveError),
    /// Reading or writing a file failed.
    Io(PathBuf, std::io::Error),
    /// `Config` given both `schema` and `layer` files.
    Mixed,
    /// `Config::compile` without a schema.
    NoSchema,
    /// `Config::compile` outside a build script and without `out_dir`.
    NoOutDir,
    /// A layer schema gave no layer and has no `// LAYER N` marker.
    NoLayer(String),
    /// Two layer schemas have the same layer number.
    DuplicateLayer {
        /// The layer.
        layer: u32,
        /// The file given first for it.
        first: String,
        /// The file given again for it.
        second: String,
    },
    /// The generated tokens did not parse as Rust (a bug in tlayer).
    Syntax(String),
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Schema(errors) => write!(f, "schema errors:\n{}", errors.trim_end()),
            Error::Resolve(e) => write!(f, "{e}"),
            Error::Io(path, e) => write!(f, "{}: {e}", path.display()),
            Error::Mixed => f.write_str("give either schema files or layer files, not both"),
            Error::NoSchema => f.write_str("no schema given"),
            Error::NoOutDir => f.write_str("OUT_DIR is not set: call Config::out_dir or run from build.rs"),
            Error::NoLayer(file) => write!(f, "{file}: no layer given and no `// LAYER N` marker in the file"),
            Error::DuplicateLayer { layer, first, second } => {
                write!(f, "layer {layer} is given twice: {first} and {second}")
            }
            Error::Syntax(e) => write!(f, "generated code does not parse: {e}"),
        }
    }
}

impl fmt::Debug for Error {
    /// The same text as `Display`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(self, f)
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            Error::Resolve(e) => Some(e),
            Error::Io(_, e) => Some(e),
            _ => None,
        }
    }
}

impl From<model::ResolveError> for Error {
    fn from(e: model::ResolveError) -> Self {
        Error::Resolve(e)
    }
}

impl fmt::Display for model::ResolveError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: cannot resolve type `{}`", self.def, self.ty)
    }
}

impl std::error::Error for model::ResolveError {}
