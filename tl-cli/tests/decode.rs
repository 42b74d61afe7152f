//! `tlayer decode` / `tlayer encode`: schema-driven bytes <-> JSON, through the command line.
//! The properties (random values, doubles, strings, memory) are unit tests in
//! `src/dynamic/tests.rs`; here: the commands, their exact messages, and real MTProto messages.

use std::io::Write;
use std::process::{Command, Stdio};

fn tlayer(args: &[&str]) -> (i32, String, String) {
    tlayer_in(args, "")
}

fn tlayer_in(args: &[&str], stdin: &str) -> (i32, String, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_tlayer"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin.as_bytes()).unwrap();
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), String::from_utf8(out.stdout).unwrap(), String::from_utf8(out.stderr).unwrap())
}

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

const LAYER3: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/tl/layer003.tl");
const LAYER230: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/tl/layer230.tl");
const MTPROTO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/mtproto_official_danog.tl");

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
    let value = json(&out);
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
    let (code, out, _) = tlayer_in(&["encode", "--schema", LAYER3, "-"], &json);
    assert_eq!((code, out.trim()), (0, REQUEST));
}

#[test]
fn decodes_with_a_given_type() {
    // Vector<int> [1, 2]: vector id, count, items.
    let (code, out, _) =
        tlayer(&["decode", "--schema", LAYER3, "--type", "Vector<int>", "15c4b51c020000000100000002000000"]);
    assert_eq!(code, 0);
    assert_eq!(json(&out), serde_json::json!([1, 2]));
}

#[test]
fn bad_bytes_are_an_error_with_the_offset_and_nothing_on_stdout() {
    let (code, out, err) = tlayer(&["decode", "--schema", LAYER3, "685247b7ffffffff"]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err.trim(),
        "tlayer: cannot decode: `query`: unknown constructor id 0xffffffff at byte 4, expected any constructor or function"
    );
    let (code, out, err) = tlayer(&["decode", "--schema", LAYER3, &REQUEST[..REQUEST.len() - 4]]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(
        err.trim(),
        "tlayer: cannot decode: `query.random_id`: unexpected end of input at byte 20: a `long` needs 8 bytes, 6 left"
    );
    let (code, out, err) = tlayer(&["decode", "--schema", LAYER3, &format!("{REQUEST}00000000")]);
    assert_eq!((code, out.as_str()), (1, ""));
    assert_eq!(err.trim(), "tlayer: cannot decode: 4 trailing bytes at byte 28 after the value");
}

/// Bytes written another way than TL's canonical one (generated code accepts them) are kept.
#[test]
fn irregular_strings_come_back() {
    // "hi" with a padding byte of 0xff; then "hi" with its length in the 4-byte form.
    for (written, form) in [
        ("026869ff", serde_json::json!({"bytes_hex": "6869", "padding_hex": "ff"})),
        ("fe02000068690000", serde_json::json!({"bytes_hex": "6869", "long_length": true, "padding_hex": null})),
    ] {
        let input = REQUEST.replace("02686900", written);
        let (code, out, err) = tlayer(&["decode", "--schema", LAYER3, &input]);
        assert_eq!(code, 0, "{err}");
        let mut want = form.clone();
        want.as_object_mut().unwrap().retain(|_, v| !v.is_null());
        assert_eq!(json(&out)["query"]["message"], want);
        let (_, back, _) = tlayer_in(&["encode", "--schema", LAYER3, "-"], &out);
        assert_eq!(back.trim(), input);
    }
    // Padding of the wrong length is refused.
    let (_, out, _) = tlayer(&["decode", "--schema", LAYER3, &REQUEST.replace("02686900", "026869ff")]);
    let (code, _, err) = tlayer(&["encode", "--schema", LAYER3, &out.replace("\"ff\"", "\"ff00\"")]);
    assert_eq!(
        (code, err.trim()),
        (1, "tlayer: cannot encode: `query.message`: `padding_hex` has 2 bytes; this length needs 1")
    );
}

/// Each refusal names the field; exit 1, nothing on stdout.
#[test]
fn encode_refuses_what_it_cannot_write_faithfully() {
    let (_, good, _) = tlayer(&["decode", "--schema", LAYER3, REQUEST]);
    let cases = [
        (
            good.replace("\"random_id\": 7", "\"random_idd\": 7"),
            "`query`: unknown key `random_idd` for `messages.sendMessage` (its fields: peer, message, random_id)",
        ),
        (
            good.replace("\"user_id\": 42", "\"user_id\": 42, \"user_id\": 43"),
            "bad JSON: `query.peer.user_id`: duplicate key `user_id` at line 7 column 30",
        ),
        (
            good.replace("\"user_id\": 42", "\"user_id\": \"42\""),
            "`query.peer.user_id`: expected an `int`, found a string \"42\"",
        ),
        (
            good.replace("\"user_id\": 42", "\"user_id\": 2147483648"),
            "`query.peer.user_id`: 2147483648 is out of range for an `int`",
        ),
        (good.replace("\"message\": \"hi\",", ""), "`query.message`: missing; `messages.sendMessage` needs it"),
    ];
    for (input, message) in cases {
        let (code, out, err) = tlayer(&["encode", "--schema", LAYER3, &input]);
        assert_eq!((code, out.as_str(), err.trim()), (1, "", format!("tlayer: cannot encode: {message}").as_str()));
    }
}

/// Telegram's "Creating an Authorization Key" samples (core.telegram.org/mtproto/samples-auth_key,
/// sections 1 and 2), as archived in lessneek/SharpMTProto's `TestData.cs` (ReqPQBytes,
/// ResPQBytes): whole unencrypted messages.
const SAMPLE_REQ_PQ: &str = "00000000000000004A967027C47AE55114000000789746603E0549828CCA27E966B301A48FECE2FC";
const SAMPLE_RES_PQ: &str = "000000000000000001C8831EC97AE55140000000632416053E0549828CCA27E966B301A48FECE2FCA5CF4D33F4A11EA877BA4AA5739073300817ED48941A08F98100000015C4B51C01000000216BE86C022BB4C3";

/// Section 3 of the same page (req_DH_params, 320 bytes of body), as quoted in public test
/// suites (a Scala `ServerSpec` "close client connection after req_DH_params"; an Elixir
/// `MTProto.AuthTest` has the body).
const SAMPLE_REQ_DH_PARAMS: &str = concat!(
    "0000000000000000277A7117C97AE55140010000BEE412D73E0549828CCA27E966B301A48FECE2FCA5CF4D33F4A11EA877BA4AA5",
    "7390733004494C553B0000000453911073000000216BE86C022BB4C3FE0001007BB0100A523161904D9C69FA04BC60DECFC5DD",
    "74B99995C768EB60D8716E2109BAF2D4601DAB6B09610DC11067BB89021E09471FCFA52DBD0F23204AD8CA8B012BF40A112F44",
    "695AB6C266955386114EF5211E6372227ADBD34995D3E0E5FF02EC63A43F9926878962F7C570E6A6E78BF8366AF917A5272675",
    "C46064BE62E3E202EFA8B1ADFB1C32A898C2987BE27B5F31D57C9BB963ABCB734B16F652CEDB4293CBB7C878A3A3FFAC9DBEA9",
    "DF7C67BC9E9508E111C78FC46E057F5C65ADE381D91FEE430A6B576A99BDF8551FDB1BE2B57069B1A45730618F27427E8A0472",
    "0B4971EF4A9215983D68F2830C3EAA6E40385562F970D38A05C9F1246DC33438E6",
);

#[test]
fn telegrams_req_dh_params_sample_keeps_its_binary_strings() {
    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--envelope", SAMPLE_REQ_DH_PARAMS]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["message_id"], 0x51E5_7AC9_1771_7A27_i64);
    let body = &v["body"];
    assert_eq!(body["_"], "req_DH_params");
    // p = 494C553B happens to be ASCII ("ILU;"): a JSON string; q = 53911073 is not UTF-8.
    assert_eq!(body["p"], "ILU;");
    assert_eq!(body["q"], serde_json::json!({"bytes_hex": "53911073"}));
    assert_eq!(body["public_key_fingerprint"], 0xc3b4_2b02_6ce8_6b21_u64 as i64);
    let encrypted = body["encrypted_data"]["bytes_hex"].as_str().unwrap();
    assert_eq!(encrypted.len(), 2 * 256);
    assert!(SAMPLE_REQ_DH_PARAMS.to_lowercase().ends_with(encrypted));
    let (code, back, _) = tlayer_in(&["encode", "--schema", MTPROTO, "--envelope", "-"], &out);
    assert_eq!((code, back.trim()), (0, SAMPLE_REQ_DH_PARAMS.to_lowercase().as_str()));
}

#[test]
fn telegrams_sample_messages_decode_with_the_official_schema_and_come_back() {
    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--envelope", SAMPLE_RES_PQ]);
    assert_eq!(code, 0, "{err}");
    // The page's values: message_id 0x51E57AC91E83C801, nonce, server_nonce, pq = 17ED48941A08F981
    // (a `string` in the official schema, not UTF-8), fingerprint 0xc3b42b026ce86b21.
    assert_eq!(
        json(&out),
        serde_json::json!({
            "auth_key_id": 0,
            "message_id": 0x51E5_7AC9_1E83_C801_i64,
            "message_length": 64,
            "body": {
                "_": "resPQ",
                "nonce": "3e0549828cca27e966b301a48fece2fc",
                "server_nonce": "a5cf4d33f4a11ea877ba4aa573907330",
                "pq": {"bytes_hex": "17ed48941a08f981"},
                "server_public_key_fingerprints": [0xc3b4_2b02_6ce8_6b21_u64 as i64]
            }
        })
    );
    let (code, back, _) = tlayer_in(&["encode", "--schema", MTPROTO, "--envelope", "-"], &out);
    assert_eq!((code, back.trim()), (0, SAMPLE_RES_PQ.to_lowercase().as_str()));

    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--envelope", SAMPLE_REQ_PQ]);
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    assert_eq!(v["message_id"], 0x51E5_7AC4_2770_964A_i64);
    assert_eq!(v["body"], serde_json::json!({"_": "req_pq", "nonce": "3e0549828cca27e966b301a48fece2fc"}));
    let (_, back, _) = tlayer_in(&["encode", "--schema", MTPROTO, "--envelope", "-"], &out);
    assert_eq!(back.trim(), SAMPLE_REQ_PQ.to_lowercase());
}

#[test]
fn bare_types_decode_by_percent_or_flag() {
    let body = &SAMPLE_RES_PQ[40..]; // after auth_key_id, message_id, message_length
    let (code, by_id, _) = tlayer(&["decode", "--schema", MTPROTO, body]);
    assert_eq!(code, 0);
    let mut want = json(&by_id);
    let bare = &body[8..];
    for args in [&["--type", "%resPQ"][..], &["--type", "resPQ"], &["--type", "ResPQ", "--bare"], &["--type", "%ResPQ"]]
    {
        let (code, out, err) = tlayer(&[&["decode", "--schema", MTPROTO][..], args, &[bare]].concat());
        assert_eq!(code, 0, "{args:?}: {err}");
        assert_eq!(json(&out), want, "{args:?}");
        let (_, back, _) = tlayer_in(&[&["encode", "--schema", MTPROTO][..], args, &["-"]].concat(), &out);
        assert_eq!(back.trim(), bare.to_lowercase(), "{args:?}");
    }
    // Without `_` a bare value still encodes.
    want.as_object_mut().unwrap().remove("_");
    let (_, back, _) = tlayer(&["encode", "--schema", MTPROTO, "--type", "%resPQ", &want.to_string()]);
    assert_eq!(back.trim(), bare.to_lowercase());
}

/// MTProto and layer 230 read together: a container holding an `rpc_result` whose result is
/// `gzip_packed` (an API value inside) and a `pong`; MTProto's id-less `message` is shown with
/// its id, since the API has a `message` too.
#[test]
fn containers_and_gzip_show_as_structure_and_come_back() {
    let input = r#"{"_":"msg_container","messages":[
        {"_":"message","msg_id":1,"seqno":2,"body":{"_":"rpc_result","req_msg_id":5,
            "result":{"_":"gzip_packed","unpacked":{"_":"inputPeerUser","user_id":42,"access_hash":7}}}},
        {"_":"message","msg_id":3,"seqno":4,"body":{"_":"pong","msg_id":7,"ping_id":9}}]}"#;
    let schemas = ["--schema", MTPROTO, "--schema", LAYER230];
    let (code, hex, err) = tlayer(&[&["encode"][..], &schemas, &[input]].concat());
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = tlayer(&[&["decode"][..], &schemas, &[hex.trim()]].concat());
    assert_eq!(code, 0, "{err}");
    let v = json(&out);
    let first = &v["messages"][0];
    assert!(first["_"].as_str().unwrap().starts_with("message#"), "{first}");
    assert_eq!(
        first["body"]["result"]["unpacked"],
        serde_json::json!({"_":"inputPeerUser","user_id":42,"access_hash":7})
    );
    // `bytes` is the body's length: rpc_result id, req_msg_id, then packed_data.
    let packed = first["body"]["result"]["packed_data"].as_str().unwrap().len() / 2;
    assert_eq!(first["bytes"], 4 + 8 + 4 + (1 + packed).div_ceil(4) * 4);
    assert_eq!(v["messages"][1]["body"], serde_json::json!({"_":"pong","msg_id":7,"ping_id":9}));
    let (code, back, _) = tlayer_in(&[&["encode"][..], &schemas, &["-"]].concat(), &out);
    assert_eq!((code, back.trim()), (0, hex.trim()));

    // With MTProto alone the packed value is unknown: kept as bytes, with the reason.
    let (code, out, _) = tlayer(&["decode", "--schema", MTPROTO, hex.trim()]);
    assert_eq!(code, 0);
    let result = &json(&out)["messages"][0]["body"]["result"];
    assert_eq!(
        result["unpacked_error"],
        "`messages[0].body.result.unpacked`: unknown constructor id 0xdde8a54c at byte 0, expected any constructor or \
         function"
    );
    let (_, back, _) = tlayer_in(&["encode", "--schema", MTPROTO, "-"], &out);
    assert_eq!(back.trim(), hex.trim());
}

#[test]
fn a_gzip_bomb_is_a_message_not_an_allocation() {
    // 64 MiB of zeros gzipped (about 64 KB): more than the cap.
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    let zeros = vec![0u8; 1 << 20];
    for _ in 0..64 {
        enc.write_all(&zeros).unwrap();
    }
    let packed = enc.finish().unwrap();
    let value = serde_json::json!({"_": "gzip_packed", "packed_data": packed.iter().map(|b| format!("{b:02x}")).collect::<String>()});
    let (code, hex, err) = tlayer(&["encode", "--schema", MTPROTO, &value.to_string()]);
    assert_eq!(code, 0, "{err}");
    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, hex.trim()]);
    assert_eq!(code, 0, "{err}");
    // The cap: 32 times the input, at least 1 MiB, at most 16 MiB.
    let cap = (hex.trim().len() / 2 * 32).clamp(1 << 20, 16 << 20);
    assert_eq!(json(&out)["unpacked_error"], format!("unpacks to more than {cap} bytes, the most unpacked here"));
}

#[test]
fn a_message_body_must_fill_its_length() {
    // message msg_id:1 seqno:0 bytes:12 body:pong (20 bytes): the length is wrong. The body is
    // the 12 bytes the length gives (not one value: kept as `object_hex`, as generated code's
    // `RawObject` keeps them), and 8 bytes are left over.
    let pong = "c5737734".to_string() + "0700000000000000" + "0900000000000000";
    let msg = format!("0100000000000000000000000c000000{pong}");
    let (code, _, err) = tlayer(&["decode", "--schema", MTPROTO, "--type", "%Message", &msg]);
    assert_eq!(code, 1);
    assert_eq!(err.trim(), "tlayer: cannot decode: 8 trailing bytes at byte 28 after the value");
    let msg = format!("01000000000000000000000014000000{pong}");
    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--type", "%Message", &msg]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out)["bytes"], 20);
}

#[test]
fn several_schema_files_may_use_each_others_types() {
    let dir = std::env::temp_dir().join(format!("tlayer-decode-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let a = dir.join("a.tl");
    let b = dir.join("b.tl");
    std::fs::write(&a, "point x:int y:int = Point;\n").unwrap();
    std::fs::write(&b, "shape p:Point q:Missing = Shape;\n").unwrap();
    let (a, b) = (a.to_str().unwrap(), b.to_str().unwrap());
    // `Missing` is nowhere: the error points into b.tl.
    let (code, _, err) = tlayer(&["decode", "--schema", a, "--schema", b, "00000000"]);
    assert_eq!(code, 1);
    assert!(err.starts_with(&format!("{b}:1:17: error: unknown type `Missing`")), "{err}");
    std::fs::write(b, "shape p:Point = Shape;\n").unwrap();
    let input = r#"{"_":"shape","p":{"_":"point","x":1,"y":2}}"#;
    let (code, hex, err) = tlayer(&["encode", "--schema", a, "--schema", b, input]);
    assert_eq!(code, 0, "{err}");
    let (_, out, _) = tlayer(&["decode", "--schema", a, "--schema", b, hex.trim()]);
    assert_eq!(json(&out), json(input));
    std::fs::remove_dir_all(&dir).unwrap();
}

/// Truncated, padded and encrypted envelopes are errors naming what is wrong; nothing printed.
#[test]
fn bad_envelopes_are_clear_errors() {
    let cases = [
        (
            SAMPLE_REQ_PQ[..SAMPLE_REQ_PQ.len() - 8].to_string(),
            "`message_length` at byte 16 is 20, but 16 bytes follow it",
        ),
        (format!("{SAMPLE_REQ_PQ}00000000"), "`message_length` at byte 16 is 20, but 24 bytes follow it"),
        (
            format!("01{}", &SAMPLE_REQ_PQ[2..]),
            "`auth_key_id` is 0x1, not 0: an encrypted message, which cannot be decoded without its key",
        ),
        (
            SAMPLE_REQ_PQ.replace("78974660", "78974661"),
            "`body`: unknown constructor id 0x61469778 at byte 20, expected any constructor or function",
        ),
        (
            SAMPLE_REQ_PQ[..30].to_string(),
            "unexpected end of input at byte 8: `message_id` (a long) needs 8 bytes, 7 left",
        ),
    ];
    for (input, message) in cases {
        let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--envelope", &input]);
        assert_eq!((code, out.as_str(), err.trim()), (1, "", format!("tlayer: cannot decode: {message}").as_str()));
    }
    // encode checks a given message_length.
    let (_, json, _) = tlayer(&["decode", "--schema", MTPROTO, "--envelope", SAMPLE_REQ_PQ]);
    let (code, _, err) = tlayer(&["encode", "--schema", MTPROTO, "--envelope", &json.replace(": 20,", ": 24,")]);
    assert_eq!((code, err.trim()), (1, "tlayer: cannot encode: `message_length` is 24, but the body takes 20 bytes"));
}

#[test]
fn an_unknown_type_is_named() {
    for ty in ["Usr", "Vector<Usr>"] {
        let (code, _, err) = tlayer(&["decode", "--schema", LAYER3, "--type", ty, "15c4b51c00000000"]);
        assert_eq!((code, err.trim()), (1, "tlayer: cannot decode: unknown type `Usr`"));
        let (code, _, err) = tlayer(&["encode", "--schema", LAYER3, "--type", ty, "[]"]);
        assert_eq!((code, err.trim()), (1, "tlayer: cannot encode: unknown type `Usr`"));
    }
}

/// An `Object` whose id no given schema knows is kept whole (as generated code keeps it):
/// `rpc_result` of an API answer read with MTProto alone.
#[test]
fn an_object_of_another_schema_is_kept_as_bytes() {
    let answer = "4ca5e8dd2a000000000000000700000000000000"; // inputPeerUser user_id:42 access_hash:7
    let hex = format!("016d5cf30500000000000000{answer}"); // rpc_result req_msg_id:5
    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, &hex]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out), serde_json::json!({"_": "rpc_result", "req_msg_id": 5, "result": {"object_hex": answer}}));
    let (_, back, _) = tlayer_in(&["encode", "--schema", MTPROTO, "-"], &out);
    assert_eq!(back.trim(), hex);
    let (_, out, _) = tlayer(&["decode", "--schema", MTPROTO, "--schema", LAYER230, &hex]);
    assert_eq!(json(&out)["result"], serde_json::json!({"_": "inputPeerUser", "user_id": 42, "access_hash": 7}));
}

/// A function named as the type is read boxed (its id checked); `%name` or `--bare` reads it bare.
#[test]
fn a_function_as_the_type() {
    let body = &SAMPLE_REQ_PQ[40..]; // req_pq#60469778 nonce
    let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--type", "req_pq", body]);
    assert_eq!(code, 0, "{err}");
    assert_eq!(json(&out), serde_json::json!({"_": "req_pq", "nonce": "3e0549828cca27e966b301a48fece2fc"}));
    let (_, back, _) = tlayer(&["encode", "--schema", MTPROTO, "--type", "req_pq", &out]);
    assert_eq!(back.trim(), body.to_lowercase());
    let (_, bare, _) = tlayer(&["decode", "--schema", MTPROTO, "--type", "req_pq", "--bare", &body[8..]]);
    assert_eq!(json(&bare), json(&out));
    let (code, _, err) = tlayer(&["decode", "--schema", MTPROTO, "--type", "req_pq", &SAMPLE_RES_PQ[40..]]);
    assert_eq!(
        (code, err.trim()),
        (1, "tlayer: cannot decode: constructor id 0x05162463 at byte 0 is not `req_pq` (0x60469778)")
    );
}

/// Every message of Telegram's sample exchange ("Creating an Authorization Key",
/// core.telegram.org/mtproto/samples-auth_key, archived as the handshake example's test data)
/// decodes with the official schema and `--envelope`, shows the page's values, and encodes back
/// to the same bytes.
#[test]
fn every_sample_message_of_the_auth_key_page_comes_back() {
    let data = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../examples/mtproto-handshake/tests/data/samples-auth_key.txt"
    ))
    .unwrap();
    let samples = sample_sections(&data);
    let fields: std::collections::HashMap<&str, &str> =
        samples["fields"].lines().filter_map(|l| l.split_once(' ')).collect();
    let value = |name: &str| fields[name].to_lowercase();
    let messages = [
        ("req_pq", "req_pq", "msg_id_req_pq"),
        ("res_pq", "resPQ", "msg_id_res_pq"),
        ("req_dh_params", "req_DH_params", "msg_id_req_dh_params"),
        ("server_dh_params_ok", "server_DH_params_ok", "msg_id_server_dh_params"),
        ("set_client_dh_params", "set_client_DH_params", "msg_id_set_client_dh_params"),
        ("dh_gen_ok", "dh_gen_ok", ""),
    ];
    for (section, constructor, msg_id) in messages {
        let hex: String = samples[section].split_whitespace().collect::<String>().to_lowercase();
        let (code, out, err) = tlayer(&["decode", "--schema", MTPROTO, "--envelope", &hex]);
        assert_eq!(code, 0, "{section}: {err}");
        let v = json(&out);
        assert_eq!(v["auth_key_id"], 0, "{section}");
        assert_eq!(v["message_length"].as_u64().unwrap() as usize, hex.len() / 2 - 20, "{section}");
        assert_eq!(v["body"]["_"], constructor, "{section}");
        assert_eq!(v["body"]["nonce"], value("nonce"), "{section}");
        if section != "req_pq" {
            assert_eq!(v["body"]["server_nonce"], value("server_nonce"), "{section}");
        }
        if !msg_id.is_empty() {
            assert_eq!(format!("{:016x}", v["message_id"].as_i64().unwrap()), value(msg_id), "{section}");
        }
        if section == "dh_gen_ok" {
            assert_eq!(v["body"]["new_nonce_hash1"], value("new_nonce_hash1"));
        }
        let (code, back, err) = tlayer_in(&["encode", "--schema", MTPROTO, "--envelope", "-"], &out);
        assert_eq!((code, back.trim()), (0, hex.as_str()), "{section}: {err}");
    }
}

/// The `[name]` sections of the sample file: hex lines without their `0000 |` offsets, or, for
/// `[fields]`, its lines as they are; `#` lines are comments.
fn sample_sections(data: &str) -> std::collections::HashMap<String, String> {
    let mut sections = std::collections::HashMap::new();
    let mut current: Option<String> = None;
    for line in data.lines() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            current = Some(name.to_string());
            continue;
        }
        let Some(name) = &current else { continue };
        let text = if name == "fields" { line } else { line.split_once(" | ").map_or(line, |(_, hex)| hex) };
        let section: &mut String = sections.entry(name.clone()).or_default();
        section.push_str(text);
        section.push('\n');
    }
    sections
}
