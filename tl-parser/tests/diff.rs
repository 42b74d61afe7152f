//! Schema diffs: the layer 1 -> 2 -> 3 steps that the mission documents, the int -> long id
//! retypes of layers 105 -> 133, two MTProto files that differ only in ways the ids ignore, and
//! small inline schemas for renames, removals and the edge cases.

use tlayer_parser::diff::{Change, Diff, Entry, Field, Rename, Retype, diff};
use tlayer_parser::{Definition, Dialect, Options, Parsed, Section, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

fn read(name: &str) -> String {
    let path = format!("{CORPUS}{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn parse_ok(src: &str) -> Parsed<'_> {
    let parsed = parse(src, &Options::default());
    assert!(parsed.is_ok(), "{:#?}", parsed.diagnostics);
    parsed
}

/// The diff of two corpus files.
fn diff_files(old: &str, new: &str) -> Diff {
    let (old, new) = (read(old), read(new));
    diff(&parse_ok(&old).schema, &parse_ok(&new).schema)
}

/// The diff of two inline schemas.
fn diff_text(old: &str, new: &str) -> Diff {
    diff(&parse_ok(old).schema, &parse_ok(new).schema)
}

/// The diff of two inline schemas that have errors (shared ids), which `diff` takes as they are.
fn diff_with_errors(old: &str, new: &str) -> Diff {
    let (old, new) = (parse(old, &Options::default()), parse(new, &Options::default()));
    assert!(!old.is_ok() || !new.is_ok());
    diff(&old.schema, &new.schema)
}

fn names(entries: &[Entry]) -> Vec<(&str, Section)> {
    entries.iter().map(|e| (e.name.as_str(), e.section)).collect()
}

fn changed<'d>(d: &'d Diff, name: &str) -> &'d Change {
    d.changed.iter().find(|c| c.name == name).unwrap_or_else(|| panic!("`{name}` not changed:\n{d}"))
}

fn field(name: &str, ty: &str) -> Field {
    Field { name: name.into(), ty: ty.into() }
}

fn retype(name: &str, old: &str, new: &str) -> Retype {
    Retype { name: name.into(), old: old.into(), new: new.into() }
}

fn find<'p, 'a>(parsed: &'p Parsed<'a>, name: &str) -> &'p Definition<'a> {
    parsed.schema.definitions.iter().find(|d| d.name.text == name).unwrap_or_else(|| panic!("no `{name}`"))
}

// --- The corpus ---------------------------------------------------------------------------------

/// requests-layer3.md: "Layer 2 -> 3 adds exactly these three constructors plus
/// `messages.forwardMessage`, `messages.sendBroadcast` and `invokeWithLayer3`".
#[test]
fn layer_2_to_3_adds_exactly_the_six_of_the_requests_page() {
    let d = diff_files("telegram_api_layer002_stek29.tl", "telegram_api_layer003_stek29.tl");
    assert_eq!(
        names(&d.added),
        [
            ("messages.sentMessageLink", Section::Types),
            ("messages.statedMessageLink", Section::Types),
            ("messages.statedMessagesLinks", Section::Types),
            ("invokeWithLayer3", Section::Functions),
            ("messages.forwardMessage", Section::Functions),
            ("messages.sendBroadcast", Section::Functions),
        ]
    );
    assert!(d.removed.is_empty() && d.changed.is_empty() && d.renamed.is_empty(), "{d}");
    assert_eq!(d.summary(), "6 added, 0 removed, 0 changed, 0 renamed");
    // The ids that docs/layers.md and docs/ids.md state.
    let id = |name: &str| d.added.iter().find(|e| e.name == name).unwrap().id;
    assert_eq!(id("messages.sentMessageLink"), 0xe9db4a3f);
    assert_eq!(id("invokeWithLayer3"), 0xb7475268);
    let text = d.to_string();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 7, "{text}");
    assert_eq!(lines[0], "added    messages.sentMessageLink#e9db4a3f");
    assert_eq!(lines[3], "added    invokeWithLayer3#b7475268 (function)");
    assert_eq!(lines[6], "6 added, 0 removed, 0 changed, 0 renamed");
    assert!(lines[..6].iter().all(|l| l.starts_with("added    ")), "{text}");
}

/// The JSON form of layer 3 is the same schema as its TL form: no difference either way, and the
/// same diff from layer 2.
#[test]
fn layer_3_json_and_tl_do_not_differ() {
    let tl = read("telegram_api_layer003_stek29.tl");
    let from_json = tlayer_parser::json::to_tl(&read("telegram_api_layer003_stek29.json")).expect("converts");
    let (tl, from_json) = (parse_ok(&tl), parse_ok(&from_json));
    let d = diff(&tl.schema, &from_json.schema);
    assert!(d.is_empty(), "{d}");
    assert_eq!(d.to_string(), "0 added, 0 removed, 0 changed, 0 renamed");
    let layer2 = read("telegram_api_layer002_stek29.tl");
    let layer2 = parse_ok(&layer2);
    assert_eq!(diff(&layer2.schema, &from_json.schema), diff(&layer2.schema, &tl.schema));
}

/// Layer 1 -> 2 changes the ids of `userProfilePhoto`, `inputPeerNotifySettings`,
/// `peerNotifySettings` and `updateUserPhoto` (docs/layers.md gives the fields of the first).
#[test]
fn layer_1_to_2_changes_the_four_and_adds_the_photo_api() {
    let d = diff_files("telegram_api_layer001_stek29.tl", "telegram_api_layer002_stek29.tl");
    let changed_names: Vec<&str> = d.changed.iter().map(|c| c.name.as_str()).collect();
    assert_eq!(changed_names, ["inputPeerNotifySettings", "peerNotifySettings", "updateUserPhoto", "userProfilePhoto"]);

    let photo = changed(&d, "userProfilePhoto");
    assert_eq!((photo.old_id, photo.new_id), (0x990d1493, 0xd559d8c8));
    assert_eq!(photo.fields_added, [field("photo_id", "long")]);
    assert!(photo.fields_removed.is_empty() && photo.fields_retyped.is_empty() && photo.result.is_none());
    assert!(!photo.reordered);
    assert_eq!(photo.to_string(), "userProfilePhoto#990d1493 -> #d559d8c8: +photo_id:long");

    for name in ["inputPeerNotifySettings", "peerNotifySettings"] {
        assert_eq!(changed(&d, name).details(), ["+events_mask:int"], "{name}");
    }
    assert_eq!(changed(&d, "updateUserPhoto").details(), ["+date:int", "+previous:Bool"]);

    // The additions, as the files show them: the photo list types and methods, the notify event
    // types and the layer-2 wrapper.
    assert_eq!(
        names(&d.added),
        [
            ("inputPeerNotifyEventsAll", Section::Types),
            ("inputPeerNotifyEventsEmpty", Section::Types),
            ("photos.photos", Section::Types),
            ("photos.photosSlice", Section::Types),
            ("invokeWithLayer2", Section::Functions),
            ("photos.deletePhotos", Section::Functions),
            ("photos.getUserPhotos", Section::Functions),
        ]
    );
    assert!(d.removed.is_empty() && d.renamed.is_empty(), "{d}");
    assert_eq!(d.summary(), "7 added, 0 removed, 4 changed, 0 renamed");
    assert!(
        d.to_string().lines().any(|l| l == "changed  userProfilePhoto#990d1493 -> #d559d8c8: +photo_id:long"),
        "{d}"
    );
}

/// Layer 133 made user, chat and channel ids 64-bit: the constructors carrying them changed.
#[test]
fn layer_105_to_133_retypes_ids_to_long() {
    let d = diff_files("tdesktop_api_layer105.tl", "tdesktop_api_layer133.tl");
    let user = changed(&d, "user");
    assert_eq!((user.old_id, user.new_id), (0x938458c1, 0x3ff6ecb0));
    assert_eq!(user.fields_retyped, [retype("id", "int", "long")]);
    assert_eq!(user.fields_added, [field("apply_min_photo", "flags.25?true"), field("fake", "flags.26?true")]);
    assert!(user.to_string().starts_with("user#938458c1 -> #3ff6ecb0: id: int -> long, +apply_min_photo"), "{user}");

    for name in ["peerUser", "inputPeerUser"] {
        assert_eq!(changed(&d, name).fields_retyped, [retype("user_id", "int", "long")], "{name}");
    }
    assert_eq!(changed(&d, "updateUserTyping").fields_retyped, [retype("user_id", "int", "long")]);
    assert_eq!(changed(&d, "chat").fields_retyped, [retype("id", "int", "long")]);
    let channel = changed(&d, "channel");
    assert_eq!(channel.fields_retyped, [retype("id", "int", "long")]);
    assert_eq!(channel.fields_removed, [field("version", "int")]);

    // Flag conditions are part of the type; `to_id` became `peer_id`, which is not a rename of a
    // field (fields are matched by name).
    let message = changed(&d, "message");
    assert_eq!(
        message.fields_retyped,
        [retype("from_id", "flags.8?int", "flags.8?Peer"), retype("via_bot_id", "flags.11?int", "flags.11?long")]
    );
    assert!(message.fields_added.contains(&field("peer_id", "Peer")), "{message}");
    assert!(message.fields_removed.contains(&field("to_id", "Peer")), "{message}");

    // Functions are marked.
    let upload = changed(&d, "photos.uploadProfilePhoto");
    assert_eq!(upload.section, Section::Functions);
    assert!(upload.to_string().contains(" (function): file: InputFile -> flags.0?InputFile"), "{upload}");

    // Every changed entry really changed id and is in both files; the lists are sorted.
    for c in &d.changed {
        assert_ne!(c.old_id, c.new_id, "{c}");
    }
    let keys: Vec<_> = d.changed.iter().map(|c| (c.section == Section::Functions, c.name.clone())).collect();
    let mut sorted = keys.clone();
    sorted.sort();
    assert_eq!(keys, sorted);
    let last = d.to_string().lines().last().unwrap().to_string();
    assert_eq!(last, d.summary());
    assert_eq!(
        last,
        format!("{} added, {} removed, {} changed, 0 renamed", d.added.len(), d.removed.len(), d.changed.len())
    );
}

/// grammers writes `bytes` where tdesktop writes `string`: both hash as `string`, so those
/// constructors keep their ids and are not reported. Only the real differences are.
#[test]
fn mtproto_bytes_versus_string_is_not_a_change() {
    let (grammers, tdesktop) = (read("grammers_mtproto.tl"), read("tdesktop_mtproto.tl"));
    let (grammers, tdesktop) = (parse_ok(&grammers), parse_ok(&tdesktop));
    // The texts do differ in field types, with the same ids.
    for name in ["resPQ", "p_q_inner_data", "server_DH_params_ok", "tlsBlockString"] {
        let (g, t) = (find(&grammers, name), find(&tdesktop, name));
        assert_eq!(g.wire_id(), t.wire_id(), "{name}");
        let types = |d: &Definition<'_>| d.fields().map(|(_, _, ty)| ty.name.to_string()).collect::<Vec<_>>();
        assert_ne!(types(g), types(t), "{name}");
    }
    let d = diff(&grammers.schema, &tdesktop.schema);
    assert!(d.changed.is_empty(), "{d}");
    assert_eq!(names(&d.added), [("tlsBlockPermutation", Section::Types)]);
    assert_eq!(names(&d.removed), [("msg_resend_ans_req", Section::Types)]);
    assert_eq!(d.to_string().lines().nth(1), Some("removed  msg_resend_ans_req#8610baeb"));
    assert_eq!(d.summary(), "1 added, 1 removed, 0 changed, 0 renamed");
}

#[test]
fn a_schema_against_itself_is_empty() {
    let src = read("tdesktop_api_layer133.tl");
    let parsed = parse_ok(&src);
    let d = diff(&parsed.schema, &parsed.schema);
    assert_eq!(d, Diff::default());
    assert_eq!(d.to_string(), "0 added, 0 removed, 0 changed, 0 renamed");
}

/// Swapping the files swaps added and removed and the direction of every change.
#[test]
fn swapping_the_files_reverses_the_diff() {
    let forward = diff_files("tdesktop_api_layer105.tl", "tdesktop_api_layer133.tl");
    let back = diff_files("tdesktop_api_layer133.tl", "tdesktop_api_layer105.tl");
    assert_eq!(forward.added, back.removed);
    assert_eq!(forward.removed, back.added);
    assert_eq!(forward.changed.len(), back.changed.len());
    for (f, b) in forward.changed.iter().zip(&back.changed) {
        assert_eq!((&f.name, f.old_id, f.new_id), (&b.name, b.new_id, b.old_id));
        assert_eq!(f.fields_added, b.fields_removed);
        assert_eq!(f.fields_removed, b.fields_added);
    }
}

// --- Inline schemas -----------------------------------------------------------------------------

#[test]
fn same_id_under_a_new_name_is_a_rename() {
    let d = diff_text(
        "oldName#0a0b0c0d x:int = T;\nkept#11111111 = T;\n---functions---\nold.call#22222222 = T;",
        "newName#0a0b0c0d x:int = T;\nkept#11111111 = T;\n---functions---\nnew.call#22222222 = T;",
    );
    assert_eq!(
        d.renamed,
        [
            Rename { old_name: "oldName".into(), new_name: "newName".into(), id: 0x0a0b0c0d, section: Section::Types },
            Rename {
                old_name: "old.call".into(),
                new_name: "new.call".into(),
                id: 0x22222222,
                section: Section::Functions
            },
        ]
    );
    assert!(d.added.is_empty() && d.removed.is_empty() && d.changed.is_empty());
    assert_eq!(
        d.to_string(),
        "renamed  oldName -> newName#0a0b0c0d\nrenamed  old.call -> new.call#22222222 (function)\n\
         0 added, 0 removed, 0 changed, 2 renamed"
    );
}

#[test]
fn a_rename_needs_both_names_missing_on_the_other_side() {
    // `b` exists in both: `b` taking the id of `a`, which is gone, is a change of `b` and a
    // removal of `a`, not a rename of `a` into `b`.
    let d = diff_text("a#0a0b0c0d = T;\nb#01020304 = T;", "b#0a0b0c0d = T;");
    assert!(d.renamed.is_empty(), "{d}");
    assert_eq!(d.removed, [Entry { name: "a".into(), id: 0x0a0b0c0d, section: Section::Types }]);
    assert_eq!(d.summary(), "0 added, 1 removed, 1 changed, 0 renamed");
    // The same the other way: `a` is in both, so `b` with its old id is an addition.
    let d = diff_text("a#0a0b0c0d = T;", "a#01020304 = T;\nb#0a0b0c0d = T;");
    assert!(d.renamed.is_empty(), "{d}");
    assert_eq!(d.summary(), "1 added, 0 removed, 1 changed, 0 renamed");
}

#[test]
fn a_shared_id_is_not_paired() {
    // Two old names and two new ones share an id: which became which is unknown.
    let d = diff_with_errors("a#01010101 = T;\nb#01010101 = T;", "c#01010101 = T;\nd#01010101 = T;");
    assert!(d.renamed.is_empty(), "{d}");
    assert_eq!(d.summary(), "2 added, 2 removed, 0 changed, 0 renamed");
}

#[test]
fn a_rename_stays_in_its_section() {
    let d = diff_text("t#02020202 = T;\na#01010101 = T;", "t#02020202 = T;\n---functions---\nb#01010101 = T;");
    assert!(d.renamed.is_empty(), "{d}");
    assert_eq!(
        d.to_string(),
        "added    b#01010101 (function)\nremoved  a#01010101\n1 added, 1 removed, 0 changed, 0 renamed"
    );
}

#[test]
fn a_name_only_in_old_is_removed() {
    let d = diff_text("oldThing#12345678 x:int = T;\nstays#01020304 = T;", "stays#01020304 = T;");
    assert_eq!(d.removed, [Entry { name: "oldThing".into(), id: 0x12345678, section: Section::Types }]);
    assert_eq!(d.to_string(), "removed  oldThing#12345678\n0 added, 1 removed, 0 changed, 0 renamed");
}

#[test]
fn changes_list_retypes_then_additions_then_removals() {
    let d = diff_text(
        "user#00000001 id:int flags:# name:string old:flags.0?int = User;",
        "user#00000002 flags:# id:long name:string flags2:# list:flags.0?Vector<int> = User;",
    );
    let user = changed(&d, "user");
    assert_eq!(user.fields_retyped, [retype("id", "int", "long")]);
    assert_eq!(user.fields_added, [field("flags2", "#"), field("list", "flags.0?Vector<int>")]);
    assert_eq!(user.fields_removed, [field("old", "flags.0?int")]);
    assert!(user.reordered, "flags moved before id");
    assert_eq!(
        d.to_string(),
        "changed  user#00000001 -> #00000002: id: int -> long, +flags2:#, +list:flags.0?Vector<int>, \
         -old:flags.0?int, fields reordered\n0 added, 0 removed, 1 changed, 0 renamed"
    );
}

#[test]
fn a_changed_result_type_is_noted() {
    let d = diff_text(
        "---functions---\nget#00000001 id:int = Vector<int>;",
        "---functions---\nget#00000002 id:int = Vector<long>;",
    );
    let get = changed(&d, "get");
    assert_eq!(get.result, Some(("Vector<int>".to_string(), "Vector<long>".to_string())));
    assert_eq!(get.to_string(), "get#00000001 -> #00000002 (function): = Vector<int> -> Vector<long>");
}

#[test]
fn a_new_id_with_the_same_text_has_no_details() {
    let d = diff_text("thing#00000001 x:int = T;", "thing#00000002 x:int = T;");
    assert_eq!(changed(&d, "thing").details(), Vec::<String>::new());
    assert_eq!(d.to_string(), "changed  thing#00000001 -> #00000002\n0 added, 0 removed, 1 changed, 0 renamed");
}

#[test]
fn same_id_with_other_field_text_is_not_reported() {
    // `bytes` and `string` hash alike in Telegram's rules; a `?true` flag is left out of the id.
    let telegram = Options { dialect: Some(Dialect::Telegram) };
    let old = parse("thing flags:# data:bytes = T;", &telegram);
    let new = parse("thing flags:# data:string quiet:flags.0?true = T;", &telegram);
    assert!(old.is_ok() && new.is_ok());
    let d = diff(&old.schema, &new.schema);
    assert!(d.is_empty(), "{d}");
}

#[test]
fn builtins_are_not_compared() {
    let d = diff_text("int ? = Int;\nlong ? = Long;\nx#00000001 a:int = X;", "x#00000001 a:int = X;");
    assert!(d.is_empty(), "{d}");
}

#[test]
fn order_of_the_files_does_not_matter() {
    let a = diff_text("b#00000002 = T;\na#00000001 = T;", "z#00000009 = T;\nc#00000003 = T;");
    let b = diff_text("a#00000001 = T;\nb#00000002 = T;", "c#00000003 = T;\nz#00000009 = T;");
    assert_eq!(a, b);
    assert_eq!(names(&a.added), [("c", Section::Types), ("z", Section::Types)]);
    assert_eq!(names(&a.removed), [("a", Section::Types), ("b", Section::Types)]);
}

#[test]
fn json_form_parses_and_matches() {
    let d = diff_files("telegram_api_layer001_stek29.tl", "telegram_api_layer002_stek29.tl");
    let json = d.to_json();
    assert!(json.ends_with("}\n"));
    let v: serde_json::Value = serde_json::from_str(&json).expect("valid JSON");
    let keys: Vec<&str> = v.as_object().unwrap().keys().map(String::as_str).collect();
    for key in ["added", "removed", "changed", "renamed", "summary"] {
        assert!(keys.contains(&key), "{key} in {json}");
    }
    assert_eq!(v["summary"], serde_json::json!({"added": 7, "removed": 0, "changed": 4, "renamed": 0}));
    assert_eq!(v["added"].as_array().unwrap().len(), 7);
    assert_eq!(
        v["added"][4],
        serde_json::json!({"name": "invokeWithLayer2", "id": "0x289dd1f6", "section": "functions"})
    );
    let photo = v["changed"].as_array().unwrap().iter().find(|c| c["name"] == "userProfilePhoto").unwrap();
    assert_eq!(photo["old_id"], "0x990d1493");
    assert_eq!(photo["new_id"], "0xd559d8c8");
    assert_eq!(photo["section"], "types");
    assert_eq!(photo["fields_added"], serde_json::json!([{"name": "photo_id", "type": "long"}]));
    assert_eq!(photo["fields_removed"], serde_json::json!([]));
    assert_eq!(photo["fields_retyped"], serde_json::json!([]));
    assert_eq!(photo["result"], serde_json::Value::Null);
    assert_eq!(photo["reordered"], false);
    // The key order is the documented one.
    let at = |k: &str| json.find(&format!("\"{k}\": ")).unwrap();
    assert!(at("added") < at("removed") && at("removed") < at("changed") && at("changed") < at("renamed"));

    let renamed = diff_text("a#01020304 x:int = T;", "b#01020304 x:int = T;").to_json();
    let v: serde_json::Value = serde_json::from_str(&renamed).unwrap();
    assert_eq!(
        v["renamed"],
        serde_json::json!([{"old_name": "a", "new_name": "b", "id": "0x01020304", "section": "types"}])
    );
    let retyped = diff_text("u#00000001 id:int = U;", "u#00000002 id:long = U;").to_json();
    let v: serde_json::Value = serde_json::from_str(&retyped).unwrap();
    assert_eq!(v["changed"][0]["fields_retyped"], serde_json::json!([{"name": "id", "old": "int", "new": "long"}]));
}
