//! The corpus of real schemas, for unit tests.

use std::path::PathBuf;

/// The 24 `.tl` files of the corpus (`corpus/`), sorted (for unit tests).
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
