//! Golden files: each fixture's `schema.tl` must generate exactly its `expected.rs`.
//! Refresh them with `TLAYER_BLESS=1 cargo test -p tlayer-codegen --test golden`.
//! `golden_compile.rs` compiles every `expected.rs`.

use std::path::Path;

fn check(name: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let schema = std::fs::read_to_string(dir.join("schema.tl")).unwrap();
    let generated = tlayer_codegen::generate("schema.tl", &schema, &Default::default()).unwrap();
    let expected_path = dir.join("expected.rs");
    if std::env::var_os("TLAYER_BLESS").is_some() {
        std::fs::write(&expected_path, &generated).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if generated != expected {
        let line = generated.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
        panic!(
            "{name}: generated code differs from expected.rs at line {line}:\n  got:      {:?}\n  expected: {:?}\n\
             (refresh with TLAYER_BLESS=1 if the change is intended)",
            generated.lines().nth(line - 1),
            expected.lines().nth(line - 1)
        );
    }
}

macro_rules! golden {
    ($($name:ident),* $(,)?) => {
        $(#[test] fn $name() { check(stringify!($name)); })*
    };
}

golden!(flags, flags2, shared_bits, generics, bare_types, vector_of_vectors, recursion, keywords, docs, builtins);

#[test]
fn every_fixture_is_listed() {
    let listed = [
        "flags",
        "flags2",
        "shared_bits",
        "generics",
        "bare_types",
        "vector_of_vectors",
        "recursion",
        "keywords",
        "docs",
        "builtins",
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut found: Vec<String> =
        std::fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    found.sort();
    let mut listed = listed.map(String::from).to_vec();
    listed.sort();
    assert_eq!(found, listed);
}

#[test]
fn output_is_deterministic() {
    let src =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flags/schema.tl")).unwrap();
    let a = tlayer_codegen::generate("a.tl", &src, &Default::default()).unwrap();
    let b = tlayer_codegen::generate("a.tl", &src, &Default::default()).unwrap();
    assert_eq!(a, b);
}
