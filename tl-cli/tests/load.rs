//! Reading schemas in the CLI: several files as one schema with their own positions, standard
//! input for `-`, the dialect (detected and printed, or given and honoured), bounded and escaped
//! diagnostics, layer numbers, and the exit status when the reader of the output goes away.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn tlayer(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().expect("run tlayer")
}

/// Runs tlayer with `input` on standard input.
fn tlayer_with_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlayer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run tlayer");
    child.stdin.take().unwrap().write_all(input).unwrap();
    child.wait_with_output().unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8(bytes.to_vec()).expect("UTF-8 output")
}

/// A file in this test's scratch folder holding `contents`.
fn scratch(name: &str, contents: impl AsRef<[u8]>) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-load-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

const A: &str = "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n";

#[test]
fn a_later_file_uses_the_types_of_an_earlier_one() {
    let a = scratch("one_a.tl", format!("{A}pair a:Bool b:Bool = Pair;\n"));
    let b = scratch("one_b.tl", "wrap x:Pair = Wrap;\n");
    let out = tlayer(&["generate", s(&a), s(&b), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let code = text(&out.stdout);
    assert!(code.contains("pub struct Wrap"), "{code}");
    assert!(code.lines().next().unwrap().ends_with("from one_a.tl, one_b.tl. Do not edit."), "{code}");
    // `check --together` agrees; b.tl alone does not know `Pair`.
    let out = tlayer(&["check", "--together", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    assert!(text(&out.stdout).ends_with("checked 2 files: 4 definitions, 0 errors, 0 warnings\n"));
    let out = tlayer(&["check", s(&b)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!("{}:1:8: error: unknown type `Pair`\n", s(&b))));
}

#[test]
fn errors_in_the_second_file_point_into_it() {
    let a = scratch("pos_a.tl", A);
    let b = scratch("pos_b.tl", "// second\npair a:Bool b:Bool = Pair;\n  bad x:Nope = Bad;\n");
    let out = tlayer(&["generate", s(&a), s(&b), "-o", "-"]);
    assert_eq!(out.status.code(), Some(1));
    let err = text(&out.stderr);
    assert!(err.starts_with(&format!("{}:3:9: error: unknown type `Nope`\n", s(&b))), "{err}");
    assert!(err.contains("3 |   bad x:Nope = Bad;\n  |         ^^^^\n"), "{err}");
    assert!(!err.contains('+'), "no made-up file name: {err}");
    assert!(err.ends_with(&format!("tlayer: {}, {} has errors; nothing generated\n", s(&a), s(&b))), "{err}");
    let out = tlayer(&["check", "--together", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!("{}:3:9: error: unknown type `Nope`\n", s(&b))));
}

#[test]
fn a_duplicate_across_files_names_the_other_file() {
    let a = scratch("dup_a.tl", A);
    let b = scratch("dup_b.tl", "\nboolTrue#997275b5 = Bool;\n");
    let out = tlayer(&["check", "--together", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(1));
    let first = text(&out.stdout).lines().next().unwrap().to_string();
    assert_eq!(first, format!("{}:2:1: error: `boolTrue` is already defined on line 2 of {}", s(&b), s(&a)));
}

#[test]
fn a_missing_semicolon_at_the_end_of_a_file_is_there() {
    let a = scratch("semi_a.tl", "boolFalse#bc799737 = Bool");
    let b = scratch("semi_b.tl", "boolTrue#997275b5 = Bool;\n");
    let out = tlayer(&["check", "--together", s(&a), s(&b)]);
    assert_eq!(out.status.code(), Some(1));
    let first = text(&out.stdout).lines().next().unwrap().to_string();
    assert_eq!(first, format!("{}:1:26: error: expected `;`, found end of file", s(&a)));
    // An unterminated comment stays in its file: the next file is still read.
    let c = scratch("semi_c.tl", "boolFalse#bc799737 = Bool;\n/* open\n");
    let out = tlayer(&["check", "--together", s(&c), s(&b)]);
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(&format!("{}:2:1: error: unterminated block comment\n", s(&c))), "{stdout}");
    assert!(stdout.ends_with("checked 2 files: 2 definitions, 1 errors, 0 warnings\n"), "{stdout}");
}

#[test]
fn json_and_tl_files_together() {
    let json = scratch(
        "mix.json",
        "{\"constructors\": [\n  {\"id\": \"-1132882121\", \"predicate\": \"boolFalse\", \"params\": [], \"type\": \"Bool\"}\n], \"methods\": []}\n",
    );
    let tl = scratch("mix.tl", "wrap x:Bool = Wrap;\nbad x:Nope = Bad;\n");
    let out = tlayer(&["check", "--together", s(&json), s(&tl)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!("{}:2:7: error: unknown type `Nope`\n", s(&tl))));
    let bad_json = scratch(
        "mix_bad.json",
        "{\"constructors\": [\n  {\"id\": \"1\", \"predicate\": \"a\", \"params\": [{\"name\": \"x\", \"type\": \"Nope\"}], \"type\": \"A\"}\n], \"methods\": []}\n",
    );
    let out = tlayer(&["check", "--together", s(&tl), s(&bad_json)]);
    let stdout = text(&out.stdout);
    let col = "  {\"id\": \"1\", \"predicate\": \"a\", \"params\": [{\"name\": \"x\", \"type\": \"".len() + 1;
    assert!(stdout.contains(&format!("{}:2:{col}: error: unknown type `Nope`\n", s(&bad_json))), "{stdout}");
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let file = scratch("bom.tl", format!("\u{feff}{A}x y:Nope = X;\n"));
    let out = tlayer(&["check", s(&file)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!("{}:3:5: error: unknown type `Nope`\n", s(&file))));
}

#[test]
fn dash_reads_standard_input_in_every_command() {
    let bad = b"boolTrue#997275b5 = Bool;\nx y:Nope = X;\n";
    let out = tlayer_with_stdin(&["check", "-"], bad);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with("<stdin>:2:5: error: unknown type `Nope`\n"), "{}", text(&out.stdout));
    let good = A.as_bytes();
    for args in [&["check", "-"][..], &["ids", "-"], &["json", "-"], &["fmt", "-"], &["generate", "-", "-o", "-"]] {
        let out = tlayer_with_stdin(args, good);
        assert_eq!(out.status.code(), Some(0), "{args:?}: {}", text(&out.stderr));
        assert!(!out.stdout.is_empty(), "{args:?}");
    }
    let out = tlayer_with_stdin(&["ids", "-"], good);
    assert_eq!(text(&out.stdout), "boolFalse #bc799737 #bc799737 ok\nboolTrue  #997275b5 #997275b5 ok\n");
    let new = scratch("diff_new.tl", A);
    let out = tlayer_with_stdin(&["diff", "-", s(&new)], good);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
}

#[test]
fn check_prints_the_dialect_and_why() {
    let cases = [
        ("d_tg.tl", "a x:int = A;\n", "telegram (no sign of another dialect)"),
        ("d_ton.tl", "object ? = Object;\na x:int = A;\n", "ton (declares the builtin `object` as TON's schemas do)"),
        (
            "d_td.tl",
            "int53 = Int53;\n//@description A @x X\na x:int53 = A;\n",
            "tdapi (`//@` docs, the type `int53` and no written ids, as in tdlib's td_api)",
        ),
    ];
    for (name, src, line) in cases {
        let file = scratch(name, src);
        let out = tlayer(&["check", s(&file)]);
        assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
        assert!(text(&out.stdout).contains(&format!("dialect of {}: {line}\n", s(&file))), "{}", text(&out.stdout));
    }
    let file = scratch("d_given.tl", "a x:int = A;\n");
    let out = tlayer(&["check", "--dialect", "ton", s(&file)]);
    assert!(text(&out.stdout).contains(&format!("dialect of {}: ton (given with --dialect)\n", s(&file))));
}

#[test]
fn a_wrong_written_id_is_a_warning_whatever_the_share_of_written_ids() {
    let file = scratch("few_ids.tl", "a#12345678 x:int = A;\nb y:int = B;\nc z:int = C;\n");
    let out = tlayer(&["check", s(&file)]);
    let stdout = text(&out.stdout);
    assert!(stdout.starts_with(&format!("{}:1:1: warning: written id #12345678 of `a` differs", s(&file))), "{stdout}");
    assert!(stdout.ends_with("checked 1 files: 3 definitions, 0 errors, 1 warnings\n"), "{stdout}");
}

#[test]
fn generate_honours_the_dialect() {
    // `?true` fields: dropped from the hash by Telegram's rules, kept by TON's.
    let file = scratch("dialect.tl", "a flags:# x:flags.0?true = A;\n");
    let telegram = crc32fast_hash("a flags:# = A");
    let ton = crc32fast_hash("a flags:# x:flags.0?true = A");
    let out = tlayer(&["generate", s(&file), "-o", "-"]);
    assert!(text(&out.stdout).contains(&format!("CONSTRUCTOR_ID: u32 = 0x{telegram:08x};")));
    let out = tlayer(&["generate", "--dialect", "ton", s(&file), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let code = text(&out.stdout);
    assert!(code.contains(&format!("CONSTRUCTOR_ID: u32 = 0x{ton:08x};")), "{code}");
    assert!(!code.contains(&format!("0x{telegram:08x}")));
}

/// CRC-32 (IEEE), as TL ids are computed: written out here so that the test does not use the
/// code it checks.
fn crc32fast_hash(text: &str) -> u32 {
    let mut crc = !0u32;
    for &b in text.as_bytes() {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn diagnostics_are_capped_per_file_and_cut_to_a_window() {
    let line = "a x:Nope = A;".repeat(20_000);
    let file = scratch("long_line.tl", &line);
    let out = tlayer(&["check", s(&file)]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let headers = stdout.lines().filter(|l| l.starts_with(&format!("{}:1:", s(&file)))).count();
    assert_eq!(headers, 100);
    // 20,000 unknown types and 19,999 duplicates.
    assert!(
        stdout.contains(&format!("{}: 39899 more diagnostics not shown (the first 100 are)\n", s(&file))),
        "{}",
        &stdout[stdout.len() - 300..]
    );
    assert!(stdout.ends_with("checked 1 files: 20000 definitions, 39999 errors, 0 warnings\n"));
    assert!(stdout.lines().all(|l| l.chars().count() < 200), "every line is short");
    // The window follows the column: the 100th diagnostic, far along the line, still has its caret
    // under `Nope` or the name.
    let snippets: Vec<&str> = stdout.lines().filter(|l| l.starts_with("1 | ")).collect();
    let carets: Vec<&str> = stdout.lines().filter(|l| l.trim_start().starts_with("| ") && l.contains('^')).collect();
    let (last, caret) = (snippets.last().unwrap(), carets.last().unwrap());
    let at = caret.find('^').unwrap();
    assert!(last.starts_with("1 | ..."), "{last}");
    assert_eq!(&last[at..at + 1], "a", "{last}\n{caret}");
}

#[test]
fn control_characters_are_escaped() {
    let file = scratch("ctl.tl", b"a x:N\x00pe\x1b[31m = A;\n");
    let out = tlayer(&["check", s(&file)]);
    let stdout = text(&out.stdout);
    assert!(!stdout.contains('\0') && !stdout.contains('\x1b'), "{stdout:?}");
    assert!(stdout.starts_with(&format!("{}:1:6: error: unexpected character `\\0`\n", s(&file))), "{stdout}");
    assert!(stdout.contains("1 | a x:N\\0pe\\u{1b}[31m = A;\n  |      ^^\n"), "{stdout}");
}

#[test]
fn a_closed_output_keeps_the_exit_status() {
    let bad = scratch("pipe.tl", "a x:Nope = A;\n".repeat(500));
    let good = scratch("pipe_good.tl", A);
    for (file, status) in [(&bad, 1), (&good, 0)] {
        let mut child = Command::new(env!("CARGO_BIN_EXE_tlayer"))
            .args(["check", s(file)])
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        drop(child.stdout.take()); // the reader goes away before anything is written
        assert_eq!(child.wait().unwrap().code(), Some(status), "{}", s(file));
    }
}

#[test]
fn layer_numbers() {
    let a = scratch("layer_a.tl", format!("{A}// LAYER 1\n"));
    let b = scratch("layer_b.tl", format!("{A}// LAYER 2\n"));
    let out = tlayer(&["generate", "--layer", &format!("1={}", s(&a)), "--layer", &format!("1={}", s(&b)), "-o", "-"]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(text(&out.stderr), format!("tlayer: layer 1 is given twice: {} and {}\n", s(&a), s(&b)));
    // From the markers too.
    let out = tlayer(&["generate", "--layer", s(&a), "--layer", &format!("1={}", s(&b)), "-o", "-"]);
    assert_eq!(text(&out.stderr), format!("tlayer: layer 1 is given twice: {} and {}\n", s(&a), s(&b)));
    let out = tlayer(&["generate", "--layer", s(&a), "--layer", s(&b), "-o", "-"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    // A marker that does not fit an `int` is an error at its place.
    let big = scratch("layer_big.tl", format!("{A}// LAYER 4294967295\n"));
    let out = tlayer(&["check", s(&big)]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stdout).starts_with(&format!(
        "{}:3:1: error: layer 4294967295 is out of range: a layer is an `int`, at most 2147483647\n",
        s(&big)
    )));
    let out = tlayer(&["generate", "--layer", &format!("4294967295={}", s(&a)), "-o", "-"]);
    assert_eq!(out.status.code(), Some(2));
}
