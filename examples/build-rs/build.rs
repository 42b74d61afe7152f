//! The whole integration: one call generates `$OUT_DIR/layer3.rs` from the shipped schema.

fn main() {
    if let Err(e) =
        tlayer_codegen::Config::new().schema(repo_root().join("schema/tl/layer003.tl")).out_file("layer3.rs").compile()
    {
        panic!("{e}");
    }
}

/// The repository's root: the ancestor of this crate's folder that holds `corpus/`, so that the
/// build also works from the copy `cargo package` verifies under `target/package/`.
fn repo_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.ancestors().find(|a| a.join("corpus/SHA256SUMS").is_file());
    root.expect("the tlayer repository around this crate").to_path_buf()
}
