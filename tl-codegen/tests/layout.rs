//! Code generated for every schema of the corpus: valid Rust, and the fast layout
//! (`Options::format == false`, `Config`'s default) the same Rust as prettyplease's output, in
//! lines short enough to read.

use std::path::Path;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};

// The same listing the unit tests use.
#[path = "../src/test_corpus.rs"]
mod test_corpus;

/// Lines over 400 bytes, except doc comments and lines that are long only for a string literal.
fn long_lines(code: &str) -> Vec<(usize, usize)> {
    code.lines()
        .enumerate()
        .filter(|(_, line)| {
            let t = line.trim_start();
            let outside_strings = match (line.find('"'), line.rfind('"')) {
                (Some(a), Some(b)) => line.len() - (b - a),
                _ => line.len(),
            };
            line.len() > 400 && !t.starts_with("///") && !t.starts_with("#[doc") && outside_strings > 400
        })
        .map(|(i, line)| (i + 1, line.len()))
        .collect()
}

/// Runs `check` on every corpus schema, on all cores (the formatted runs are slow).
fn each_schema(check: impl Fn(&str, &str) + Sync) {
    let files = test_corpus::corpus_files();
    assert_eq!(files.len(), 25, "the corpus has 25 .tl files");
    let next = AtomicUsize::new(0);
    let failures = Mutex::new(Vec::new());
    let threads = std::thread::available_parallelism().map_or(2, |n| n.get()).min(8);
    std::thread::scope(|s| {
        for _ in 0..threads {
            s.spawn(|| {
                while let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) {
                    let name = path.file_name().unwrap().to_string_lossy().into_owned();
                    let src = std::fs::read_to_string(path).unwrap();
                    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| check(&name, &src)));
                    if let Err(e) = result {
                        let msg = e
                            .downcast_ref::<String>()
                            .cloned()
                            .or_else(|| e.downcast_ref::<&str>().map(|s| s.to_string()))
                            .unwrap_or_default();
                        failures.lock().unwrap().push(format!("{name}: {msg}"));
                    }
                }
            });
        }
    });
    let failures = failures.into_inner().unwrap();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// For every schema of the corpus, one generation each way:
/// - the layout is valid Rust with the `types`, `enums` and `functions` modules;
/// - layout changes only whitespace: its output read by syn and printed by prettyplease is
///   exactly the formatted output (the same syntax tree; the unit test
///   `layout::tests::corpus_reads_as_the_same_tokens` compares the tokens themselves);
/// - its lines stay readable: none over 400 bytes except a doc comment (a schema line can be
///   long) or a line long for a string literal, and the code is broken into lines at all.
#[test]
fn corpus_layout_is_valid_readable_and_reformats_to_prettyplease() {
    each_schema(|name, src| {
        let layout = tlayer_codegen::Options { format: false, ..Default::default() };
        let pretty = tlayer_codegen::Options { format: true, ..Default::default() };
        let a = tlayer_codegen::generate(name, src, &layout).unwrap_or_else(|e| panic!("{name}: {e}"));
        let b = tlayer_codegen::generate(name, src, &pretty).unwrap_or_else(|e| panic!("{name}: {e}"));
        let (header_a, body_a) = a.split_once('\n').unwrap();
        let (header_b, body_b) = b.split_once('\n').unwrap();
        assert_eq!(header_a, header_b);
        let file = syn::parse_file(body_a).unwrap_or_else(|e| panic!("{name}: the layout does not parse: {e}"));
        assert!(file.items.len() >= 3, "{name}: expected the types, enums and functions modules");
        let reformatted = prettyplease::unparse(&file);
        if reformatted != body_b {
            let line = reformatted.lines().zip(body_b.lines()).position(|(x, y)| x != y).unwrap_or(0);
            panic!(
                "{name}: layout reformatted differs from prettyplease at line {}:\n  {:?}\n  {:?}",
                line + 1,
                reformatted.lines().nth(line),
                body_b.lines().nth(line)
            );
        }
        let long = long_lines(&a);
        assert!(long.is_empty(), "{name}: lines (number, length) over 400 bytes: {long:?}");
        let lines = a.lines().count();
        assert!(a.len() / lines < 80, "{name}: {} bytes in only {lines} lines", a.len());
    });
}

/// `Config` (build scripts) lays out without prettyplease by default; `Options` (the CLI and
/// `generate`) formats with prettyplease by default.
#[test]
fn config_defaults_to_layout_and_options_to_prettyplease() {
    assert!(tlayer_codegen::Options::default().format);
    let schema = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/docs/schema.tl");
    let src = std::fs::read_to_string(&schema).unwrap();
    let dir = std::env::temp_dir().join(format!("tlayer-layout-test-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let written = tlayer_codegen::Config::new().schema(&schema).out_dir(&dir).out_file("docs.rs").compile().unwrap();
    let code = std::fs::read_to_string(&written).unwrap();
    let formatted = tlayer_codegen::Config::new()
        .schema(&schema)
        .out_dir(&dir)
        .out_file("docs-formatted.rs")
        .format(true)
        .compile()
        .unwrap();
    let formatted = std::fs::read_to_string(formatted).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    let options = tlayer_codegen::Options { format: false, ..Default::default() };
    assert_eq!(code, tlayer_codegen::generate("schema.tl", &src, &options).unwrap());
    assert_eq!(formatted, tlayer_codegen::generate("schema.tl", &src, &Default::default()).unwrap());
    assert_ne!(code, formatted);
}
