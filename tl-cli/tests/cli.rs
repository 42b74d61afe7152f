//! Runs the built `tlayer` binary on the corpus and on small files written for the test, and
//! compares what it prints with what the library computes.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tlayer_parser::json::{listed, to_tl};
use tlayer_parser::{Options, Severity, decode_utf8, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

fn corpus(name: &str) -> String {
    format!("{CORPUS}{name}")
}

/// Every schema of the corpus, `.tl` and `.json`, sorted.
fn corpus_files() -> Vec<String> {
    let mut files: Vec<String> = std::fs::read_dir(CORPUS)
        .expect("corpus folder")
        .map(|e| e.unwrap().path().to_string_lossy().into_owned())
        .filter(|p| p.ends_with(".tl") || p.ends_with(".json"))
        .collect();
    files.sort();
    assert!(files.len() >= 25, "corpus has {} schema files", files.len());
    files
}

fn tlayer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().expect("run tlayer")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("UTF-8 stdout")
}

fn stderr(o: &Output) -> String {
    String::from_utf8(o.stderr.clone()).expect("UTF-8 stderr")
}

/// A file in this test's scratch folder holding `contents`.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-cli-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// `(definitions, errors, warnings)` of a file as the library sees it.
fn library_counts(path: &str) -> (usize, usize, usize) {
    let bytes = std::fs::read(path).unwrap();
    let (text, decode_errors) = decode_utf8(&bytes);
    let tl = if path.ends_with(".json") { to_tl(&text).expect("corpus JSON converts") } else { text.into_owned() };
    let parsed = parse(&tl, &Options::default());
    (
        parsed.schema.definitions.len(),
        decode_errors.len() + parsed.count(Severity::Error),
        parsed.count(Severity::Warning),
    )
}

#[test]
fn check_passes_every_corpus_file_with_the_library_counts() {
    for file in corpus_files() {
        let out = tlayer(&["check", &file]);
        let text = stdout(&out);
        assert_eq!(out.status.code(), Some(0), "{file}:\n{text}{}", stderr(&out));
        let (defs, errors, warnings) = library_counts(&file);
        assert_eq!(errors, 0, "{file}");
        let last = text.lines().last().unwrap_or_default();
        assert_eq!(last, format!("checked 1 files: {defs} definitions, {errors} errors, {warnings} warnings"));
        let headers = text.lines().filter(|l| l.starts_with(&format!("{file}:"))).count();
        assert_eq!(headers, errors + warnings, "{file}:\n{text}");
    }
}

#[test]
fn check_sums_over_files_and_prints_notes_on_request() {
    let a = corpus("tdlib_secret_api.tl");
    let b = corpus("telegram_api_layer003_stek29.json");
    let out = tlayer(&["check", &a, &b]);
    let (da, _, wa) = library_counts(&a);
    let (db, _, wb) = library_counts(&b);
    let text = stdout(&out);
    assert_eq!(
        text.lines().last().unwrap(),
        format!("checked 2 files: {} definitions, 0 errors, {} warnings", da + db, wa + wb)
    );
    assert!(!text.contains(": note: "));

    let out = tlayer(&["check", "--notes", &a]);
    let text = stdout(&out);
    let notes = parse(&std::fs::read_to_string(&a).unwrap(), &Options::default()).count(Severity::Note);
    assert!(notes > 0);
    assert_eq!(text.lines().filter(|l| l.starts_with(&format!("{a}:")) && l.contains(": note: ")).count(), notes);
    assert_eq!(out.status.code(), Some(0));
}

#[test]
fn check_prints_each_error_with_its_position() {
    let file =
        scratch("two_errors.tl", "boolTrue = Bool;\nuser id:int name:Strin = User;\nchat x:flags.0?int = Chat;\n");
    let name = path_str(&file);
    let out = tlayer(&["check", name]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let headers: Vec<&str> = text.lines().filter(|l| l.starts_with(name)).collect();
    assert_eq!(
        headers,
        [
            format!("{name}:2:18: error: unknown type `Strin`"),
            format!("{name}:3:8: error: flag field `flags` is not an earlier `#` parameter"),
        ]
    );
    assert!(text.contains("2 | user id:int name:Strin = User;\n  |                  ^^^^^\n"), "{text}");
    assert_eq!(text.lines().last().unwrap(), "checked 1 files: 3 definitions, 2 errors, 0 warnings");
}

#[test]
fn json_errors_point_into_the_json_file() {
    let file = scratch("broken.json", "{\"constructors\": [,\n");
    let name = path_str(&file);
    let out = tlayer(&["check", name]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stdout(&out).starts_with(&format!("{name}:1:19: error: expected a value, found `,`\n")),
        "{}",
        stdout(&out)
    );

    let src = "{\"constructors\": [\n  {\"id\": \"335049609\", \"predicate\": \"a\", \"params\": [{\"name\": \"x\", \"type\": \"Nope\"}], \"type\": \"A\"}\n], \"methods\": []}\n";
    let file = scratch("unknown_type.json", src);
    let name = path_str(&file);
    let out = tlayer(&["check", name]);
    assert_eq!(out.status.code(), Some(1));
    let col = src.lines().nth(1).unwrap().find("Nope").unwrap() + 1;
    assert!(stdout(&out).starts_with(&format!("{name}:2:{col}: error: unknown type `Nope`\n")), "{}", stdout(&out));
}

#[test]
fn unreadable_files_exit_2() {
    let missing = format!("{CORPUS}no_such_file.tl");
    for args in [vec!["check", &missing], vec!["ids", &missing], vec!["fmt", &missing], vec!["json", &missing]] {
        let out = tlayer(&args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert!(stderr(&out).starts_with(&format!("tlayer: cannot read {missing}: ")), "{}", stderr(&out));
    }
    let out = tlayer(&["check", "--dialect", "klingon", &missing]);
    assert_eq!(out.status.code(), Some(2));
}

/// The lines of `tlayer ids FILE`, checked for alignment.
fn ids_lines(file: &str) -> Vec<String> {
    let out = tlayer(&["ids", file]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<String> = stdout(&out).lines().map(String::from).collect();
    // NAME padded to the longest name, WRITTEN (`#xxxxxxxx` or `-` padded to 9), `#COMPUTED`.
    let width = lines.iter().map(|l| l.split(' ').next().unwrap().len()).max().unwrap();
    for l in &lines {
        let b = l.as_bytes();
        assert!(b[width] == b' ' && matches!(b[width + 1], b'#' | b'-'), "written column: {l}");
        assert!(b[width + 10] == b' ' && b[width + 11] == b'#' && b[width + 20] == b' ', "computed column: {l}");
    }
    let src = std::fs::read_to_string(file).unwrap();
    let tl = if file.ends_with(".json") { to_tl(&src).unwrap() } else { src };
    let parsed = parse(&tl, &Options::default());
    assert_eq!(lines.len(), parsed.schema.definitions.iter().filter(|d| listed(d)).count());
    lines
}

#[test]
fn ids_of_layer3() {
    for file in [corpus("telegram_api_layer003_stek29.tl"), corpus("telegram_api_layer003_stek29.json")] {
        let lines = ids_lines(&file);
        let words = |l: &String| l.split_whitespace().map(String::from).collect::<Vec<_>>();
        assert!(lines.iter().any(|l| words(l) == ["invokeWithLayer3", "#b7475268", "#b7475268", "ok"]), "{file}");
        assert!(lines.iter().any(|l| words(l) == ["users.getUsers", "#0d91a548", "#0d91a548", "ok"]), "{file}");
        assert!(lines.iter().all(|l| l.ends_with(" ok")), "{file}");
    }
}

#[test]
fn ids_explains_tdlib_layer_suffixes() {
    let lines = ids_lines(&corpus("tdlib_secret_api.tl"));
    let line = lines.iter().find(|l| l.starts_with("decryptedMessage8 ")).expect("decryptedMessage8");
    assert!(line.contains(" #1f814f1f "), "{line}");
    assert!(line.contains(" explained ("), "{line}");
    assert!(line.ends_with(')'), "{line}");
    assert!(lines.iter().any(|l| l.split_whitespace().nth(1) == Some("-") && l.ends_with(" computed")));
}

#[test]
fn ids_follow_the_dialect_option() {
    let file = scratch("cdn.tl", "upload.cdnFile bytes:bytes = upload.CdnFile;\n");
    let name = path_str(&file);
    let computed = |args: &[&str]| stdout(&tlayer(args)).split_whitespace().nth(2).map(String::from);
    assert_eq!(computed(&["ids", "--dialect", "telegram", name]).as_deref(), Some("#a99fca4f"));
    assert_eq!(computed(&["--dialect", "tdapi", "ids", name]).as_deref(), Some("#8307eba6"));
}

#[test]
fn fmt_output_is_clean_and_stable() {
    for file in corpus_files() {
        let out = tlayer(&["fmt", &file]);
        assert_eq!(out.status.code(), Some(0), "{file}: {}", stderr(&out));
        let base = Path::new(&file).file_name().unwrap().to_string_lossy().into_owned();
        let formatted = scratch(&format!("{base}.fmt.tl"), &stdout(&out));
        let formatted = path_str(&formatted);

        let check = tlayer(&["check", formatted]);
        assert_eq!(check.status.code(), Some(0), "{file}: {}", stdout(&check));
        let (defs, _, warnings) = library_counts(&file);
        assert_eq!(
            stdout(&check).lines().last().unwrap(),
            format!("checked 1 files: {defs} definitions, 0 errors, {warnings} warnings"),
            "{file}"
        );

        let again = tlayer(&["fmt", formatted]);
        assert_eq!(again.stdout, out.stdout, "{file}: fmt is not idempotent");
        let verdict = tlayer(&["fmt", "--check", formatted]);
        assert_eq!(verdict.status.code(), Some(0), "{file}: {}", stderr(&verdict));
    }
}

#[test]
fn fmt_check_and_refusal() {
    let file = scratch("messy.tl", "boolTrue   =Bool;\n\nboolFalse = Bool ;\n");
    let out = tlayer(&["fmt", "--check", path_str(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).contains("not in canonical form (first difference on line 1)"), "{}", stderr(&out));
    assert_eq!(stdout(&tlayer(&["fmt", path_str(&file)])), "boolTrue = Bool;\nboolFalse = Bool;\n");

    let file = scratch("broken.tl", "boolTrue = Bool;\nuser name:Strin = User;\n");
    let name = path_str(&file);
    let out = tlayer(&["fmt", name]);
    assert_eq!(out.status.code(), Some(1));
    assert!(out.stdout.is_empty());
    assert!(stderr(&out).starts_with(&format!("{name}:2:11: error: unknown type `Strin`\n")), "{}", stderr(&out));
}

/// `(name, id)` of every entry of a JSON schema.
fn json_pairs(json: &str) -> BTreeSet<(String, String, String)> {
    let v: serde_json::Value = serde_json::from_str(json).expect("valid JSON");
    let mut pairs = BTreeSet::new();
    for (section, key) in [("constructors", "predicate"), ("methods", "method")] {
        for entry in v[section].as_array().expect(section) {
            let name = entry[key].as_str().expect(key).to_string();
            let id = entry["id"].as_str().expect("id").to_string();
            pairs.insert((section.to_string(), name, id));
        }
    }
    pairs
}

#[test]
fn json_of_layer3_matches_telegram_json() {
    let out = tlayer(&["json", &corpus("telegram_api_layer003_stek29.tl")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let ours = json_pairs(&stdout(&out));
    let theirs = json_pairs(&std::fs::read_to_string(corpus("telegram_api_layer003_stek29.json")).unwrap());
    assert_eq!(ours.len(), 259);
    assert_eq!(ours, theirs);

    let back = tlayer(&["json", &corpus("telegram_api_layer003_stek29.json")]);
    assert_eq!(back.stdout, out.stdout, "JSON -> JSON keeps the schema");
}

#[test]
fn invalid_utf8_is_an_error_at_its_place() {
    let file = scratch("latin1.tl", "");
    std::fs::write(&file, b"boolTrue = Bool;\n// caf\xe9\nboolFalse = Bool;\n").unwrap();
    let name = path_str(&file);
    let out = tlayer(&["check", name]);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with(&format!("{name}:2:7: error: invalid UTF-8\n")), "{text}");
    assert_eq!(text.lines().last().unwrap(), "checked 1 files: 2 definitions, 1 errors, 0 warnings");
}

#[test]
fn check_goes_on_after_an_unreadable_file() {
    let missing = format!("{CORPUS}no_such_file.tl");
    let good = corpus("ton_lite_api.tl");
    let out = tlayer(&["check", &missing, &good]);
    assert_eq!(out.status.code(), Some(2));
    let (defs, _, warnings) = library_counts(&good);
    assert_eq!(
        stdout(&out).lines().last().unwrap(),
        format!("checked 1 files: {defs} definitions, 0 errors, {warnings} warnings")
    );
}
