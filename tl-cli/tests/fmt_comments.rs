//! `tlayer fmt` keeps comments and a byte order mark: `fmt --check` accepts a commented schema
//! that is already canonical, `fmt` puts a messy one into that form, and formatting its output
//! changes nothing.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn tlayer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().expect("run tlayer")
}

/// A file in this test's scratch folder holding `contents`.
fn scratch(name: &str, contents: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-fmt-comments");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn run(args: &[&str], file: &Path) -> (Option<i32>, String, String) {
    let mut all = args.to_vec();
    all.push(file.to_str().unwrap());
    let out = tlayer(&all);
    (out.status.code(), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const CANONICAL: &str = "\
// LAYER 3
// The booleans.
/* Two lines
   of block comment. */
//@description The false value
boolFalse#bc799737 = Bool; // trailing
boolTrue#997275b5 = Bool; /* block */ // and a line
---functions---
// A function.
ping#7abe77ec ping_id:long = Bool; // trailing
";

#[test]
fn check_accepts_a_canonical_commented_schema() {
    for (name, text) in [("canonical.tl", CANONICAL.to_string()), ("bom.tl", format!("\u{feff}{CANONICAL}"))] {
        let file = scratch(name, &text);
        let (code, out, err) = run(&["fmt", "--check"], &file);
        assert_eq!(code, Some(0), "{name}: {err}");
        assert!(out.is_empty() && err.is_empty(), "{name}: {out}{err}");
        let (code, out, _) = run(&["fmt"], &file);
        assert_eq!((code, out), (Some(0), text), "{name}");
    }
}

#[test]
fn fmt_moves_comments_only_as_far_as_it_must_and_is_idempotent() {
    let messy = "\
// LAYER 3
// The booleans.

/* Two lines
   of block comment. */
//@description The false value
boolFalse#bc799737   =  Bool ;   // trailing
boolTrue#997275b5 = Bool; /* block */ // and a line
---functions---
// A function.
ping#7abe77ec /* inside */ ping_id:long
  = Bool; // trailing
";
    let file = scratch("messy.tl", messy);
    let (code, _, err) = run(&["fmt", "--check"], &file);
    assert_eq!(code, Some(1));
    assert!(err.contains("not in canonical form (first difference on line 3)"), "{err}");
    let (code, formatted, err) = run(&["fmt"], &file);
    assert_eq!(code, Some(0), "{err}");
    let want = CANONICAL.replace(
        "ping#7abe77ec ping_id:long = Bool; // trailing\n",
        "ping#7abe77ec ping_id:long = Bool; /* inside */ // trailing\n",
    );
    assert_eq!(formatted, want);
    let again = scratch("messy.fmt.tl", &formatted);
    let (code, out, _) = run(&["fmt"], &again);
    assert_eq!((code, out), (Some(0), formatted.clone()));
    assert_eq!(run(&["fmt", "--check"], &again).0, Some(0));
}
