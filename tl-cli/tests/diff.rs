//! Runs `tlayer diff` on the corpus and on small files written for the test.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use tlayer_parser::{Options, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

fn corpus(name: &str) -> String {
    format!("{CORPUS}{name}")
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
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("tlayer-diff-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name);
    std::fs::write(&path, contents).unwrap();
    path
}

fn path_str(p: &Path) -> &str {
    p.to_str().expect("UTF-8 path")
}

/// requests-layer3.md: layer 2 -> 3 adds three constructors and three functions, nothing else.
const LAYER_2_TO_3: &str = "\
added    messages.sentMessageLink#e9db4a3f
added    messages.statedMessageLink#a9af2881
added    messages.statedMessagesLinks#3e74f5c6
added    invokeWithLayer3#b7475268 (function)
added    messages.forwardMessage#03f3f4f2 (function)
added    messages.sendBroadcast#41bb0972 (function)
6 added, 0 removed, 0 changed, 0 renamed
";

#[test]
fn layer_2_to_3_prints_the_six_additions_then_the_summary() {
    let out = tlayer(&["diff", &corpus("telegram_api_layer002_stek29.tl"), &corpus("telegram_api_layer003_stek29.tl")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    assert_eq!(text, LAYER_2_TO_3);
    assert_eq!(text.lines().last(), Some("6 added, 0 removed, 0 changed, 0 renamed"));
    assert_eq!(stderr(&out), "");
}

#[test]
fn json_input_gives_the_same_diff() {
    let out =
        tlayer(&["diff", &corpus("telegram_api_layer002_stek29.tl"), &corpus("telegram_api_layer003_stek29.json")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), LAYER_2_TO_3);
    let out =
        tlayer(&["diff", &corpus("telegram_api_layer003_stek29.json"), &corpus("telegram_api_layer003_stek29.tl")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stdout(&out), "0 added, 0 removed, 0 changed, 0 renamed\n");
}

#[test]
fn json_output_parses_and_its_summary_matches() {
    let out = tlayer(&[
        "diff",
        &corpus("telegram_api_layer002_stek29.tl"),
        &corpus("telegram_api_layer003_stek29.tl"),
        "--json",
    ]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("valid JSON");
    assert_eq!(v["summary"], serde_json::json!({"added": 6, "removed": 0, "changed": 0, "renamed": 0}));
    let added: Vec<(&str, &str, &str)> = v["added"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["name"].as_str().unwrap(), e["id"].as_str().unwrap(), e["section"].as_str().unwrap()))
        .collect();
    assert_eq!(
        added,
        [
            ("messages.sentMessageLink", "0xe9db4a3f", "types"),
            ("messages.statedMessageLink", "0xa9af2881", "types"),
            ("messages.statedMessagesLinks", "0x3e74f5c6", "types"),
            ("invokeWithLayer3", "0xb7475268", "functions"),
            ("messages.forwardMessage", "0x03f3f4f2", "functions"),
            ("messages.sendBroadcast", "0x41bb0972", "functions"),
        ]
    );
    for key in ["removed", "changed", "renamed"] {
        assert_eq!(v[key], serde_json::json!([]), "{key}");
    }
}

#[test]
fn layer_1_to_2_shows_the_changed_fields() {
    let out = tlayer(&["diff", &corpus("telegram_api_layer001_stek29.tl"), &corpus("telegram_api_layer002_stek29.tl")]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let changed: Vec<&str> = text.lines().filter(|l| l.starts_with("changed  ")).collect();
    assert_eq!(
        changed,
        [
            "changed  inputPeerNotifySettings#19bd4ed1 -> #46a2ce98: +events_mask:int",
            "changed  peerNotifySettings#dfc6621b -> #8d5e11ee: +events_mask:int",
            "changed  updateUserPhoto#bb8ba607 -> #95313b0c: +date:int, +previous:Bool",
            "changed  userProfilePhoto#990d1493 -> #d559d8c8: +photo_id:long",
        ]
    );
    assert_eq!(text.lines().last(), Some("7 added, 0 removed, 4 changed, 0 renamed"));
}

/// The command prints what the library computes, and the JSON agrees with the text.
#[test]
fn layer_105_to_133_matches_the_library() {
    let (old, new) = (corpus("tdesktop_api_layer105.tl"), corpus("tdesktop_api_layer133.tl"));
    let out = tlayer(&["diff", &old, &new]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let text = stdout(&out);
    let (old_src, new_src) = (std::fs::read_to_string(&old).unwrap(), std::fs::read_to_string(&new).unwrap());
    let d = tlayer_parser::diff::diff(
        &parse(&old_src, &Options::default()).schema,
        &parse(&new_src, &Options::default()).schema,
    );
    assert_eq!(text, format!("{d}\n"));
    assert!(text.lines().any(|l| l.starts_with("changed  user#938458c1 -> #3ff6ecb0: id: int -> long")), "{text}");
    assert!(text.lines().any(|l| l == "changed  peerUser#9db1bc6d -> #59511722: user_id: int -> long"), "{text}");

    let json = tlayer(&["diff", "--json", &old, &new]);
    assert_eq!(json.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_str(&stdout(&json)).expect("valid JSON");
    let summary = &v["summary"];
    let line = format!(
        "{} added, {} removed, {} changed, {} renamed",
        summary["added"], summary["removed"], summary["changed"], summary["renamed"]
    );
    assert_eq!(text.lines().last(), Some(line.as_str()));
    for key in ["added", "removed", "changed", "renamed"] {
        assert_eq!(v[key].as_array().unwrap().len() as u64, summary[key].as_u64().unwrap(), "{key}");
    }
}

#[test]
fn renames_and_removals_of_small_files() {
    let old = scratch("old.tl", "oldName#0a0b0c0d x:int = T;\noldThing#12345678 = T;\nkept#01020304 = T;\n");
    let new = scratch("new.tl", "newName#0a0b0c0d x:int = T;\nkept#01020304 = T;\n");
    let out = tlayer(&["diff", path_str(&old), path_str(&new)]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "removed  oldThing#12345678\nrenamed  oldName -> newName#0a0b0c0d\n0 added, 1 removed, 0 changed, 1 renamed\n"
    );
}

#[test]
fn a_file_with_errors_is_reported_and_not_compared() {
    let bad = scratch("bad.tl", "good#01020304 = T;\nbroken#zz = ;\n");
    let good = corpus("telegram_api_layer003_stek29.tl");
    for args in [["diff", path_str(&bad), &good], ["diff", &good, path_str(&bad)]] {
        let out = tlayer(&args);
        assert_eq!(out.status.code(), Some(1), "{}", stderr(&out));
        assert_eq!(stdout(&out), "");
        let err = stderr(&out);
        assert!(err.contains(&format!("{}:2:", path_str(&bad))), "{err}");
        assert!(err.contains("has errors; not compared"), "{err}");
    }
}

#[test]
fn a_missing_file_is_a_usage_error() {
    let out = tlayer(&["diff", "/nonexistent/old.tl", &corpus("telegram_api_layer003_stek29.tl")]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr(&out).contains("cannot read /nonexistent/old.tl"), "{}", stderr(&out));
    let out = tlayer(&["diff", &corpus("telegram_api_layer003_stek29.tl")]);
    assert_eq!(out.status.code(), Some(2), "one file only");
}
