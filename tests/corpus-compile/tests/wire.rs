//! Bytes of the secret-chat and TON code, checked against ids computed by hand (TON clients send
//! `liteServer.query` as `df068c79` and `liteServer.getMasterchainInfo` as `2ee6b589`).

use tlayer::{TlRead, TlWrite};
use tlayer_corpus_compile::{secret, ton, ton_lite};

#[test]
fn ton_lite_queries_have_their_wire_ids() {
    let info = ton_lite::functions::lite_server::GetMasterchainInfo {};
    assert_eq!(info.to_bytes(), [0x2e, 0xe6, 0xb5, 0x89]);
    let query = ton_lite::functions::lite_server::Query { data: info.to_bytes() };
    // liteServer.query#798c06df data:bytes: id, then 4 bytes as TL bytes (length 4, 3 padding).
    assert_eq!(query.to_bytes(), [0xdf, 0x06, 0x8c, 0x79, 4, 0x2e, 0xe6, 0xb5, 0x89, 0, 0, 0]);
    let any = ton_lite::functions::Function::from_bytes(&query.to_bytes()).unwrap();
    assert_eq!(any.constructor_id(), 0x798c06df);
}

#[test]
fn ton_values_round_trip() {
    let ping = ton::functions::tcp::Ping { random_id: 42 };
    let bytes = ping.to_bytes();
    assert_eq!(&bytes[4..], 42i64.to_le_bytes());
    assert_eq!(
        ton::functions::Function::from_bytes(&bytes).unwrap().constructor_id(),
        u32::from_le_bytes(bytes[..4].try_into().unwrap())
    );
}

#[test]
fn secret_chat_layer_suffixed_constructors_keep_their_written_ids() {
    let msg = secret::types::DecryptedMessageActionSetMessageTtl { ttl_seconds: 10 };
    let bytes = msg.to_bytes();
    assert_eq!(secret::enums::DecryptedMessageAction::from_bytes(&bytes).unwrap(), msg.into());
    // decryptedMessage8 is written with the id the file gives it (0x1f814f1f), not a computed one.
    assert_eq!(<secret::types::DecryptedMessage8 as tlayer::Identifiable>::CONSTRUCTOR_ID, 0x1f814f1f);
}
