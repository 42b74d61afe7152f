//! Wire-level tests of the code `tlayer-codegen` generates for the Telegram schemas.
//!
//! The library part is the schema-driven random encoder ([`random`]): it writes valid TL bytes
//! for any constructor or function of a parsed schema, from the schema text alone, without
//! using the generated code or the runtime. The tests (`tests/it`) decode those bytes with the
//! generated types and check that re-encoding gives the same bytes.

pub mod random;

pub use random::{Config, Encoder, Rng};

use std::path::PathBuf;
use tlayer_parser::{Schema, Severity};

/// Path of a schema file of the `tlayer-schema` crate (`schema/tl/FILE`).
pub fn schema_path(file: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../schema/tl").join(file)
}

/// Reads and parses `schema/tl/FILE`; panics on a read error or a schema error.
///
/// The text is leaked so that the schema can borrow from it for the rest of the test run.
pub fn load_schema(file: &str) -> Schema<'static> {
    let path = schema_path(file);
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let text: &'static str = Box::leak(text.into_boxed_str());
    let parsed = tlayer_parser::parse(text, &tlayer_parser::Options::default());
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert!(errors.is_empty(), "{file}: schema errors: {errors:?}");
    parsed.schema
}

/// Lower-case hex of `bytes`, for failure messages.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
