//! `tlayer decode` / `tlayer encode`: schema-driven bytes <-> JSON.

use std::process::Command;

fn tlayer(args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_tlayer")).args(args).output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

const LAYER3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/tl/layer003.tl");

// invokeWithLayer3#b7475268 { messages.sendMessage#4cde0aab peer:inputPeerContact#1023dbe8 user_id:42
// message:"hi" random_id:7 }, written out by hand:
const REQUEST: &str = concat!(
    "685247b7",         // invokeWithLayer3
    "ab0ade4c",         // messages.sendMessage
    "e8db2310",         // inputPeerContact
    "2a000000",         // user_id = 42
    "02686900",         // "hi": length 2, 'h', 'i', one byte of padding
    "0700000000000000", // random_id = 7
);

#[test]
fn decodes_a_request_by_its_id() {
    let (code, out, err) = tlayer(&["decode", "--schema", LAYER3, REQUEST]);
    assert_eq!(code, 0, "{err}");
    let value: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert_eq!(value["_"], "invokeWithLayer3");
    assert_eq!(value["query"]["_"], "messages.sendMessage");
    assert_eq!(value["query"]["peer"], serde_json::json!({"_": "inputPeerContact", "user_id": 42}));
    assert_eq!(value["query"]["message"], "hi");
    assert_eq!(value["query"]["random_id"], 7);
}

#[test]
fn encode_gives_the_bytes_back() {
    let (_, json, _) = tlayer(&["decode", "--schema", LAYER3, REQUEST]);
    let (code, out, err) = tlayer(&["encode", "--schema", LAYER3, &json]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(out.trim(), REQUEST);
}

#[test]
fn decodes_with_a_given_type() {
    // Vector<int> [1, 2]: vector id, count, items.
    let (code, out, _) =
        tlayer(&["decode", "--schema", LAYER3, "--type", "Vector<int>", "15c4b51c020000000100000002000000"]);
    assert_eq!(code, 0);
    assert_eq!(serde_json::from_str::<serde_json::Value>(&out).unwrap(), serde_json::json!([1, 2]));
}

#[test]
fn bad_bytes_are_an_error_with_the_offset() {
    let (code, _, err) = tlayer(&["decode", "--schema", LAYER3, "685247b7ffffffff"]);
    assert_eq!(code, 1);
    assert_eq!(
        err.trim(),
        "tlayer: cannot decode: unknown constructor id 0xffffffff at byte 4, expected any constructor or function"
    );
    let (code, _, err) = tlayer(&["decode", "--schema", LAYER3, &REQUEST[..REQUEST.len() - 4]]);
    assert_eq!(code, 1);
    assert!(err.contains("unexpected end of input"), "{err}");
    let (code, _, err) = tlayer(&["decode", "--schema", LAYER3, &format!("{REQUEST}00000000")]);
    assert_eq!(code, 1);
    assert!(err.contains("trailing"), "{err}");
}
