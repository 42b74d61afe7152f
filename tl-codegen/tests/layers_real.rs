//! The shipped layers 1, 2 and 3 merged: which versions exist, with which layer ranges, and every
//! downgrade path the generator finds (the layered code writes exactly these).

use std::path::Path;
use tlayer_codegen::model::Model;

fn schema(layer: u32) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("../schema/tl/layer{layer:03}.tl"));
    std::fs::read_to_string(path).unwrap()
}

/// (version, its range, what it downgrades to) as `name#id`.
fn downgrade_paths() -> Vec<String> {
    let texts: Vec<String> = (1..=3).map(schema).collect();
    let parsed: Vec<_> = texts.iter().map(|t| tlayer_parser::parse(t, &Default::default())).collect();
    let inputs: Vec<_> = parsed.iter().enumerate().map(|(i, p)| (i as u32 + 1, &p.schema)).collect();
    let model = Model::layered(&inputs).unwrap();
    let name = |i: usize| format!("{}#{:08x}", model.types[i].def.name.text, model.types[i].def.wire_id());
    let mut paths = Vec::new();
    for (i, item) in model.types.iter().enumerate() {
        for &w in &item.downgrades {
            let (s, u) = model.types[w].range.unwrap();
            paths.push(format!("{} -> {} (layers {s}..={u})", name(i), name(w)));
        }
    }
    paths
}

#[test]
fn every_downgrade_path_of_layers_1_to_3() {
    assert_eq!(
        downgrade_paths(),
        [
            // Layer 1 -> 2: same name, new fields, new id.
            "userProfilePhoto#d559d8c8 -> userProfilePhoto#990d1493 (layers 1..=1)",
            "inputPeerNotifySettings#46a2ce98 -> inputPeerNotifySettings#19bd4ed1 (layers 1..=1)",
            "peerNotifySettings#8d5e11ee -> peerNotifySettings#dfc6621b (layers 1..=1)",
            "updateUserPhoto#95313b0c -> updateUserPhoto#bb8ba607 (layers 1..=1)",
            // Layer 2 -> 3: the contact-link results extend the plain ones.
            "messages.statedMessagesLinks#3e74f5c6 -> messages.statedMessages#969478bb (layers 1..=3)",
            "messages.statedMessageLink#a9af2881 -> messages.statedMessage#d07ae726 (layers 1..=3)",
            "messages.sentMessageLink#e9db4a3f -> messages.sentMessage#d1f4d35c (layers 1..=3)",
        ]
    );
}

#[test]
fn versions_and_ranges_of_layers_1_to_3() {
    let texts: Vec<String> = (1..=3).map(schema).collect();
    let parsed: Vec<_> = texts.iter().map(|t| tlayer_parser::parse(t, &Default::default())).collect();
    let inputs: Vec<_> = parsed.iter().enumerate().map(|(i, p)| (i as u32 + 1, &p.schema)).collect();
    let model = Model::layered(&inputs).unwrap();
    let find = |name: &str, id: u32| {
        let item =
            model.types.iter().chain(&model.functions).find(|t| t.def.name.text == name && t.def.wire_id() == id);
        item.map(|t| (t.path.name.to_string(), t.range.unwrap()))
    };
    assert_eq!(find("userProfilePhoto", 0x990d1493), Some(("UserProfilePhotoLayer1".into(), (1, 1))));
    assert_eq!(find("userProfilePhoto", 0xd559d8c8), Some(("UserProfilePhoto".into(), (2, 3))));
    assert_eq!(find("messages.sentMessageLink", 0xe9db4a3f), Some(("SentMessageLink".into(), (3, 3))));
    assert_eq!(find("invokeWithLayer3", 0xb7475268), Some(("InvokeWithLayer3".into(), (3, 3))));
    assert_eq!(find("invokeWithLayer1", 0x53835315), Some(("InvokeWithLayer1".into(), (1, 3))));
    // Every definition of every layer is in the model once per version.
    let versions: std::collections::HashSet<(&str, u32)> =
        parsed.iter().flat_map(|p| p.schema.items().map(|d| (d.name.text, d.wire_id()))).collect();
    let generated = model.types.len() + model.functions.len();
    let bool_ctors = versions.iter().filter(|(n, _)| n.starts_with("bool")).count();
    assert_eq!(generated + bool_ctors, versions.len());
}
