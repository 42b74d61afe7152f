//! Generates the corpus schemas that `tlayer-schema` does not ship: secret chats and TON.

fn main() {
    let corpus = repo_root().join("corpus");
    for (file, out) in
        [("tdlib_secret_api.tl", "secret.rs"), ("ton_api.tl", "ton.rs"), ("ton_lite_api.tl", "ton_lite.rs")]
    {
        let path = corpus.join(file).display().to_string();
        if let Err(e) = tlayer_codegen::Config::new().schema(&path).out_file(out).compile() {
            panic!("{path}: {e}");
        }
    }
}

/// The repository's root: the ancestor of this crate's folder that holds `corpus/`, so that the
/// build also works from the copy `cargo package` verifies under `target/package/`.
fn repo_root() -> std::path::PathBuf {
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let root = manifest.ancestors().find(|a| a.join("corpus/SHA256SUMS").is_file());
    root.expect("the tlayer repository around this crate").to_path_buf()
}
