//! The three-layer fixture (`tests/fixtures_layers/`): golden output, then the generated code's
//! behaviour: every version decodes, values are written for a peer's layer or downgraded, and the
//! typed error when no older form exists. Refresh the golden file with `TLAYER_BLESS=1`.

use std::path::Path;

fn dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures_layers")
}

#[test]
fn golden() {
    let sources: Vec<_> = [1, 2, 3]
        .iter()
        .map(|l| tlayer_codegen::LayerSource {
            layer: Some(*l),
            name: format!("layer{l}.tl"),
            bytes: std::fs::read(dir().join(format!("layer{l}.tl"))).unwrap(),
        })
        .collect();
    let generated = tlayer_codegen::generate_layers(&sources, &Default::default()).unwrap();
    let path = dir().join("expected.rs");
    if std::env::var_os("TLAYER_BLESS").is_some() {
        std::fs::write(&path, &generated).unwrap();
    }
    let expected = std::fs::read_to_string(&path).unwrap();
    assert!(generated == expected, "layers: generated code differs from expected.rs (TLAYER_BLESS=1 to refresh)");
}

#[test]
fn a_layer_is_required() {
    let src = tlayer_codegen::LayerSource { layer: None, name: "x.tl".into(), bytes: b"a = A;".to_vec() };
    let err = tlayer_codegen::generate_layers(&[src], &Default::default()).unwrap_err();
    assert_eq!(err.to_string(), "x.tl: no layer given and no `// LAYER N` marker in the file");
}

#[allow(dead_code)]
mod three {
    include!("fixtures_layers/expected.rs");
}

use three::{enums, functions, types};
use tlayer::{Identifiable, LayerError, TlRead, TlWrite, WriteForLayer};

fn location(n: i64) -> enums::FileLocation {
    types::FileLocation { dc_id: 1, volume_id: n, local_id: 2, secret: 3 }.into()
}

fn photo_v2() -> types::UserProfilePhoto {
    types::UserProfilePhoto { photo_id: 9, photo_small: location(1), photo_big: location(2) }
}

#[test]
fn versions_know_their_layers() {
    assert_eq!((types::UserProfilePhotoLayer1::SINCE, types::UserProfilePhotoLayer1::UNTIL), (1, 1));
    assert_eq!((types::UserProfilePhoto::SINCE, types::UserProfilePhoto::UNTIL), (2, 3));
    assert_eq!((types::messages::SentMessageLink::SINCE, types::messages::SentMessageLink::UNTIL), (3, 3));
    assert_eq!((types::GeoChat::SINCE, types::GeoChat::UNTIL), (1, 1));
    assert_eq!(types::UserProfilePhotoLayer1::CONSTRUCTOR_ID, 0x990d1493);
    assert_eq!(types::UserProfilePhoto::CONSTRUCTOR_ID, 0xd559d8c8);
    assert_eq!(three::LAYERS, [1, 2, 3]);
}

#[test]
fn every_version_decodes() {
    let old = types::UserProfilePhotoLayer1 { photo_small: location(1), photo_big: location(2) };
    let decoded = enums::UserProfilePhoto::from_bytes(&old.to_bytes()).unwrap();
    assert_eq!(decoded, enums::UserProfilePhoto::UserProfilePhotoLayer1(old));
    let new = enums::UserProfilePhoto::from(photo_v2());
    assert_eq!(enums::UserProfilePhoto::from_bytes(&new.to_bytes()).unwrap(), new);
}

#[test]
fn sent_message_link_downgrades_to_sent_message() {
    let link = types::messages::SentMessageLink {
        id: 1,
        date: 2,
        pts: 3,
        seq: 4,
        links: vec![types::contacts::Link { my_link: 5, foreign_link: 6 }.into()],
    };
    let value = enums::messages::SentMessage::from(link.clone());
    // Layer 3 gets the value as it is.
    assert_eq!(value.to_bytes_for_layer(3).unwrap(), value.to_bytes());
    // Layers 1 and 2 get messages.sentMessage#d1f4d35c with the four shared fields.
    let mut expected = 0xd1f4d35cu32.to_le_bytes().to_vec();
    for v in [1i32, 2, 3, 4] {
        expected.extend(v.to_le_bytes());
    }
    for layer in [1, 2] {
        assert_eq!(value.to_bytes_for_layer(layer).unwrap(), expected, "layer {layer}");
    }
    let back = enums::messages::SentMessage::from_bytes(&expected).unwrap();
    assert_eq!(back, types::messages::SentMessage { id: 1, date: 2, pts: 3, seq: 4 }.into());
}

#[test]
fn changed_constructor_downgrades_to_its_older_version() {
    let v2 = enums::UserProfilePhoto::from(photo_v2());
    let v1 = enums::UserProfilePhoto::from(types::UserProfilePhotoLayer1 {
        photo_small: location(1),
        photo_big: location(2),
    });
    assert_eq!(v2.to_bytes_for_layer(1).unwrap(), v1.to_bytes());
    assert_eq!(v2.to_bytes_for_layer(2).unwrap(), v2.to_bytes());
    // The old version does not exist in layer 2 and has no older form there.
    assert_eq!(
        v1.to_bytes_for_layer(2).unwrap_err(),
        LayerError { constructor: "userProfilePhoto", since: 1, until: 1, layer: 2 }
    );
}

#[test]
fn nested_values_downgrade_element_by_element() {
    let users: Vec<enums::User> =
        (0..3).map(|i| types::User { id: i, first_name: format!("u{i}"), photo: photo_v2().into() }.into()).collect();
    let for_layer1 = users.to_bytes_for_layer(1).unwrap();
    let expected: Vec<enums::User> = (0..3)
        .map(|i| {
            let old = types::UserProfilePhotoLayer1 { photo_small: location(1), photo_big: location(2) };
            types::User { id: i, first_name: format!("u{i}"), photo: old.into() }.into()
        })
        .collect();
    assert_eq!(for_layer1, expected.to_bytes());
    assert_eq!(users.to_bytes_for_layer(3).unwrap(), users.to_bytes());
}

#[test]
fn no_older_form_is_a_typed_error() {
    let video = enums::UserProfilePhoto::from(types::UserProfilePhotoVideo { video_id: 1 });
    // The empty photo has no fields, so it is no downgrade target: the value would be lost.
    assert_eq!(
        video.to_bytes_for_layer(2).unwrap_err(),
        LayerError { constructor: "userProfilePhotoVideo", since: 3, until: 3, layer: 2 }
    );
    let user = enums::User::from(types::User { id: 1, first_name: "a".into(), photo: video });
    let err = user.to_bytes_for_layer(1).unwrap_err();
    assert_eq!(err.constructor, "userProfilePhotoVideo");
    assert_eq!(err.to_string(), "`userProfilePhotoVideo` exists in layers 3..=3 and has no older form for layer 1");
    // A removed constructor cannot be written for newer layers.
    let chat = types::GeoChat { id: 1, title: "t".into() };
    assert_eq!(chat.to_bytes_for_layer(3).unwrap_err().until, 1);
}

#[test]
fn layer_wrappers_are_typed_and_unwrap_on_the_server() {
    fn returns<Q: tlayer::RemoteCall<Return = enums::messages::SentMessage>>(_: &Q) {}
    let send = functions::messages::SendMessage { user_id: 5, message: "hi".into(), random_id: 7 };
    let wrapped = functions::InvokeWithLayer3 { query: send.clone() };
    returns(&wrapped);
    let request = functions::Function::from_bytes(&wrapped.to_bytes()).unwrap();
    let (layer, inner) = request.unwrap_layer();
    assert_eq!(layer, Some(3));
    assert_eq!(inner, functions::Function::MessagesSendMessage(Box::new(send.clone())));
    // No wrapper: no layer.
    let (layer, _) = functions::Function::from_bytes(&send.to_bytes()).unwrap().unwrap_layer();
    assert_eq!(layer, None);
    // invokeWithLayer3 does not exist in layer 2.
    assert_eq!(wrapped.to_bytes_for_layer(2).unwrap_err().constructor, "invokeWithLayer3");
}

#[test]
fn decoded_values_tell_their_layers_for_strict_checks() {
    let link = enums::messages::SentMessage::from(types::messages::SentMessageLink {
        id: 1,
        date: 2,
        pts: 3,
        seq: 4,
        links: vec![],
    });
    assert_eq!(link.layers(), (3, 3));
    let old = enums::UserProfilePhoto::from_bytes(
        &types::UserProfilePhotoLayer1 { photo_small: location(1), photo_big: location(2) }.to_bytes(),
    )
    .unwrap();
    assert_eq!(old.layers(), (1, 1));
    let wrapped = functions::InvokeWithLayer3 { query: functions::users::GetUsers { id: vec![1] } };
    let request = functions::Function::from_bytes(&wrapped.to_bytes()).unwrap();
    assert_eq!(request.layers(), (3, 3));
    let (_, inner) = request.unwrap_layer();
    assert_eq!(inner.layers(), (1, 3));
}
