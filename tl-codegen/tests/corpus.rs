//! Code generated for every schema of the corpus parses as Rust.

use std::path::Path;

fn corpus() -> Vec<std::path::PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/schemas");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "tl"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_corpus_schema_generates_valid_rust() {
    let files = corpus();
    assert_eq!(files.len(), 24, "the corpus has 24 .tl files");
    let options = tlayer_codegen::Options { format: false, ..Default::default() };
    for path in files {
        let src = std::fs::read_to_string(&path).unwrap();
        let name = path.file_name().unwrap().to_string_lossy();
        let code = tlayer_codegen::generate(&name, &src, &options).unwrap_or_else(|e| panic!("{name}: {e}"));
        let file = syn::parse_file(&code).unwrap_or_else(|e| panic!("{name}: generated code does not parse: {e}"));
        assert!(file.items.len() >= 3, "{name}: expected the types, enums and functions modules");
    }
}
