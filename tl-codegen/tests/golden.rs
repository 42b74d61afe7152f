//! Golden files: each fixture's `schema.tl` must generate exactly its `expected.rs` (formatted,
//! what the CLI writes) and its `expected_layout.rs` (the one-pass layout that build scripts get by
//! default). Refresh them with `TLAYER_BLESS=1 cargo test -p tlayer-codegen --test golden`.
//! `golden_compile.rs` compiles both files of every fixture.

use std::path::Path;

/// The two output modes and the golden file of each.
const MODES: [(&str, bool); 2] = [("expected.rs", true), ("expected_layout.rs", false)];

fn check(name: &str) {
    for (file, format) in MODES {
        check_mode(name, file, format);
    }
}

fn check_mode(name: &str, file: &str, format: bool) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures").join(name);
    let schema = std::fs::read_to_string(dir.join("schema.tl")).unwrap();
    // Builders and `Eq` + `Hash` everywhere are opt-in: the fixtures of those names ask for them.
    let options = tlayer_codegen::Options {
        format,
        builders: name == "builders",
        hash_all: name == "hash_all",
        ..Default::default()
    };
    let generated = tlayer_codegen::generate("schema.tl", &schema, &options).unwrap();
    let expected_path = dir.join(file);
    if std::env::var_os("TLAYER_BLESS").is_some() {
        std::fs::write(&expected_path, &generated).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if generated != expected {
        let line = generated.lines().zip(expected.lines()).position(|(a, b)| a != b).unwrap_or(0) + 1;
        panic!(
            "{name}: generated code differs from {file} at line {line}:\n  got:      {:?}\n  expected: {:?}\n\
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

golden!(
    flags,
    flags2,
    shared_bits,
    generics,
    bare_types,
    vector_of_vectors,
    recursion,
    keywords,
    docs,
    builtins,
    derives,
    accessors,
    builders,
    hash_all,
    serving
);

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
        "derives",
        "accessors",
        "builders",
        "hash_all",
        "serving",
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

#[test]
fn client_and_server_sides_cut_function_code() {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/generics/schema.tl"))
        .unwrap();
    let generate = |side| {
        let options = tlayer_codegen::Options { side, ..Default::default() };
        tlayer_codegen::generate("g.tl", &src, &options).unwrap()
    };
    let (both, client, server) = (
        generate(tlayer_codegen::Side::Both),
        generate(tlayer_codegen::Side::Client),
        generate(tlayer_codegen::Side::Server),
    );
    let count = |code: &str, what: &str| code.matches(what).count();
    // Functions: invokeWithLayer, invokeWithLayer3, help.getNearestDc; types: nearestDc.
    assert_eq!(count(&both, "::tlayer::RemoteCall for"), 3);
    assert_eq!(count(&client, "::tlayer::RemoteCall for"), 3);
    assert_eq!(count(&server, "::tlayer::RemoteCall for"), 0);
    assert_eq!(count(&both, "impl<X: ::tlayer::TlRead> ::tlayer::TlRead for"), 2);
    assert_eq!(count(&client, "impl<X: ::tlayer::TlRead> ::tlayer::TlRead for"), 0);
    assert_eq!(count(&server, "impl<X: ::tlayer::TlRead> ::tlayer::TlRead for"), 2);
    assert!(both.contains("pub enum Function") && server.contains("pub enum Function"));
    assert!(!client.contains("pub enum Function"));
    // The service module (peel, the Service trait, serve) is server-side code.
    assert!(both.contains("pub mod service") && server.contains("pub mod service"));
    assert!(!client.contains("pub mod service"));
    // Types (the struct and the enum `NearestDc`) keep both directions on every side.
    for code in [&both, &client, &server] {
        assert_eq!(count(code, "impl ::tlayer::TlRead for NearestDc"), 2);
        assert_eq!(count(code, "impl ::tlayer::TlWrite for NearestDc"), 2);
    }
}

#[test]
fn config_writes_only_when_changed_and_says_what_to_watch() {
    let dir = std::env::temp_dir().join(format!("tlayer-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/flags/schema.tl");
    let out = tlayer_codegen::Config::new().schema(&schema).out_dir(&dir).out_file("flags.rs").compile().unwrap();
    assert_eq!(out, dir.join("flags.rs"));
    let first = std::fs::metadata(&out).unwrap().modified().unwrap();
    std::thread::sleep(std::time::Duration::from_millis(20));
    tlayer_codegen::Config::new().schema(&schema).out_dir(&dir).out_file("flags.rs").compile().unwrap();
    assert_eq!(std::fs::metadata(&out).unwrap().modified().unwrap(), first, "unchanged output is not rewritten");
    let err =
        tlayer_codegen::Config::new().schema(&schema).layer(Some(1), &schema).out_dir(&dir).compile().unwrap_err();
    assert_eq!(err.to_string(), "give either schema files or layer files, not both");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn doc_links_point_at_each_items_page() {
    let src = std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/serving/schema.tl"))
        .unwrap();
    let generate = |doc_links: Option<&str>| {
        let options =
            tlayer_codegen::Options { doc_links: doc_links.map(String::from), format: false, ..Default::default() };
        tlayer_codegen::generate("s.tl", &src, &options).unwrap()
    };
    let plain = generate(None);
    assert!(!plain.contains("https://"), "no links by default");
    let linked = generate(Some(tlayer_codegen::TELEGRAM_DOCS));
    for line in [
        "/// <https://core.telegram.org/constructor/user>",
        "/// <https://core.telegram.org/type/User>",
        "/// <https://core.telegram.org/method/getUser>",
        "/// <https://core.telegram.org/method/invokeWithLayer>",
    ] {
        assert_eq!(linked.matches(line).count(), 1, "{line}");
    }
    // One link per constructor (user, true), boxed type (User, True) and function (6); a
    // base's trailing `/` is not doubled.
    assert_eq!(linked.matches("<https://core.telegram.org/").count(), 2 + 2 + 6);
    assert_eq!(generate(Some("https://example.org/docs/")).matches("<https://example.org/docs/method/").count(), 6);
}
