//! `tlayer generate`'s code options give what the library's `Options` give: `--hash-all`
//! (`Eq` and `Hash` beyond `Copy` items) and `--builders`.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const SCHEMA: &str = "\
int ? = Int;
long ? = Long;
string ? = String;
point x:int y:int = Point;
user flags:# id:long name:string bot:flags.0?true = User;
---functions---
getUser id:long = User;
";

fn tlayer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().expect("run tlayer")
}

/// The schema in a file of the test's own (tests run in parallel; a shared file would be
/// truncated under another test's reader).
fn schema(test: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-cli-generate-options").join(test);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("options.tl");
    std::fs::write(&path, SCHEMA).unwrap();
    path
}

fn cli(test: &str, flags: &[&str]) -> String {
    let schema = schema(test);
    let mut args = vec!["generate", "--no-format"];
    args.extend_from_slice(flags);
    args.extend([schema.to_str().unwrap(), "-o", "-"]);
    let out = tlayer(&args);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn library(options: tlayer_codegen::Options) -> String {
    let options = tlayer_codegen::Options { format: false, ..options };
    tlayer_codegen::generate_files(&[("options.tl".to_string(), SCHEMA.as_bytes().to_vec())], &options).unwrap()
}

/// The derive line just above `pub struct NAME`.
fn derive_of(code: &str, name: &str) -> String {
    let at = code.find(&format!("pub struct {name} ")).unwrap_or_else(|| panic!("struct {name}"));
    let line = code[..at].lines().rev().find(|l| l.contains("#[derive(")).expect("a derive line");
    line.trim().to_string()
}

#[test]
fn hash_all_derives_eq_and_hash_beyond_copy_items() {
    let default = cli("hash_all", &[]);
    assert_eq!(default, library(Default::default()));
    assert_eq!(derive_of(&default, "Point"), "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]");
    assert_eq!(derive_of(&default, "User"), "#[derive(Debug, Clone, PartialEq)]");

    let all = cli("hash_all", &["--hash-all"]);
    assert_eq!(all, library(tlayer_codegen::Options { hash_all: true, ..Default::default() }));
    assert_eq!(derive_of(&all, "Point"), "#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]");
    assert_eq!(derive_of(&all, "User"), "#[derive(Debug, Clone, PartialEq, Eq, Hash)]");
    // Nothing else moves: the same lines, apart from the derives that gained `Eq, Hash`.
    let changed: Vec<(&str, &str)> = default.lines().zip(all.lines()).filter(|(a, b)| a != b).collect();
    assert_eq!(default.lines().count(), all.lines().count());
    assert!(!changed.is_empty());
    for (a, b) in changed {
        assert_eq!(b.replace(", Eq, Hash)]", ")]"), a, "only derive lines differ");
    }
}

#[test]
fn builders_flag_matches_the_library() {
    let code = cli("builders", &["--builders"]);
    assert_eq!(code, library(tlayer_codegen::Options { builders: true, ..Default::default() }));
    assert!(code.contains("pub fn new("), "{code}");
}
