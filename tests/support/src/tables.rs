//! The build-script side (feature `build`): a schema (layer 230, or any) read, checked and
//! modelled by the generator, so that tables written from it name the Rust paths the generated
//! code has (a wrong path does not compile), and the small pieces those tables are made of.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use tlayer_codegen::model::{Model, Path as RustPath};
use tlayer_parser::{Schema, Section, Severity};

/// A schema as the parser and the generator see it.
pub struct Tables {
    /// The parsed schema (leaked: a build script runs once).
    pub schema: &'static Schema<'static>,
    /// The generator's model of it.
    pub model: Model<'static>,
}

/// The repository around `manifest_dir`: the first ancestor holding `corpus/SHA256SUMS` (also
/// from the copy `cargo package` verifies under `target/package/`).
pub fn repo_root(manifest_dir: &Path) -> PathBuf {
    let root = manifest_dir.ancestors().find(|a| a.join("corpus/SHA256SUMS").is_file());
    root.expect("the tlayer repository around this crate").to_path_buf()
}

/// Reads `schema/tl/layer230.tl` of the repository around `manifest_dir`.
pub fn layer230(manifest_dir: &Path) -> Tables {
    load(&repo_root(manifest_dir).join("schema/tl/layer230.tl"))
}

/// Reads the schema at `path` (and tells cargo to rerun when it changes); panics on a schema
/// error, which the build should show.
pub fn load(path: &Path) -> Tables {
    println!("cargo:rerun-if-changed={}", path.display());
    let name = path.display();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{name}: {e}"));
    let text: &'static str = Box::leak(text.into_boxed_str());
    let parsed = tlayer_parser::parse(text, &tlayer_parser::Options::default());
    if let Some(d) = parsed.diagnostics.iter().find(|d| d.severity == Severity::Error) {
        panic!("{name}: schema error: {d:?}");
    }
    let schema: &'static Schema<'static> = Box::leak(Box::new(parsed.schema));
    let model = Model::new(schema).unwrap_or_else(|e| panic!("{name}: {e}"));
    Tables { schema, model }
}

impl Tables {
    /// The constructor ids of each generated enum (by index into `model.enums`), in model order.
    pub fn constructor_ids_by_enum(&self) -> BTreeMap<usize, Vec<u32>> {
        let mut by_enum: BTreeMap<usize, Vec<u32>> = BTreeMap::new();
        for item in &self.model.types {
            if let Some(e) = item.enum_index {
                by_enum.entry(e).or_default().push(item.def.wire_id());
            }
        }
        by_enum
    }

    /// The ids of the schema's `Bool` constructors (generated code reads them as Rust `bool`).
    pub fn bool_ids(&self) -> Vec<u32> {
        self.schema
            .items()
            .filter(|d| d.section == Section::Types && d.result.name == "Bool")
            .map(|d| d.wire_id())
            .collect()
    }

    /// The id of every generated function, in model order.
    pub fn function_ids(&self) -> Vec<u32> {
        self.model.functions.iter().map(|f| f.def.wire_id()).collect()
    }
}

/// The path of a generated item under the schema's module: `enums::messages::Messages`.
pub fn rust_path(path: &RustPath) -> String {
    path.to_string()
}

/// A `match` pattern of ids: `0x1cb5c415 | 0x997275b5`.
pub fn id_pattern(ids: &[u32]) -> String {
    ids.iter().map(|id| format!("0x{id:08x}")).collect::<Vec<_>>().join(" | ")
}

/// Writes `text` to `OUT_DIR/name` unless it already holds it (so that nothing rebuilds).
pub fn write_out(name: &str, text: &str) {
    let dest = PathBuf::from(std::env::var_os("OUT_DIR").expect("OUT_DIR")).join(name);
    if std::fs::read_to_string(&dest).ok().as_deref() != Some(text) {
        std::fs::write(&dest, text).unwrap_or_else(|e| panic!("{}: {e}", dest.display()));
    }
}
