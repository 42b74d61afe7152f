//! The official MTProto schema through the generated code: containers, `message`'s computed
//! length, `rpc_result` answers (typed, through `gzip_packed`, `rpc_error` as a typed error), and
//! bad input (truncated or padded messages, wrong lengths, gzip bombs, unknown ids in `Object`).
#![cfg(feature = "mtproto")]

use proptest::prelude::*;
use tlayer::{Error, RawObject, TlRead, TlWrite};
use tlayer_schema::mtproto::{enums, functions, types};

fn message(msg_id: i64, seqno: i32, body: &impl TlWrite) -> types::Message {
    types::Message { msg_id, seqno, body: RawObject::from_value(body) }
}

fn ping(id: i64) -> functions::Ping {
    functions::Ping { ping_id: id }
}

/// `msg_container#73f1f8dc messages:vector<%Message>`: the count, then each message bare, its
/// `bytes:int` the exact length of its body.
#[test]
fn container_bytes_are_exact() {
    let container =
        types::MsgContainer { messages: vec![message(0x0102_0304_0506_0708, 3, &ping(9)), message(-1, 0, &true)] };
    let bytes = container.to_bytes();
    let mut want = Vec::new();
    want.extend_from_slice(&0x73f1_f8dc_u32.to_le_bytes());
    want.extend_from_slice(&2i32.to_le_bytes());
    want.extend_from_slice(&0x0102_0304_0506_0708_i64.to_le_bytes());
    want.extend_from_slice(&3i32.to_le_bytes());
    want.extend_from_slice(&12i32.to_le_bytes()); // ping#7abe77ec ping_id:long = 4 + 8 bytes
    want.extend_from_slice(&0x7abe_77ec_u32.to_le_bytes());
    want.extend_from_slice(&9i64.to_le_bytes());
    want.extend_from_slice(&(-1i64).to_le_bytes());
    want.extend_from_slice(&0i32.to_le_bytes());
    want.extend_from_slice(&4i32.to_le_bytes());
    want.extend_from_slice(&tlayer::BOOL_TRUE_ID.to_le_bytes());
    assert_eq!(bytes, want);
    let back = enums::MessageContainer::from_bytes(&bytes).unwrap();
    assert_eq!(back, container.clone().into());
    let types::MsgContainer { messages } = back.try_into().unwrap();
    assert_eq!(messages[0].body.decode::<functions::Ping>(), Ok(ping(9)));
    assert_eq!(messages[1].body.decode::<bool>(), Ok(true));
}

#[test]
fn wrong_message_lengths_are_errors_at_the_length() {
    let bytes = types::MsgContainer { messages: vec![message(1, 1, &ping(2))] }.to_bytes();
    // bytes:int of the only message sits at 4 (id) + 4 (count) + 8 (msg_id) + 4 (seqno) = 20.
    let with_len = |len: i32| {
        let mut b = bytes.clone();
        b[20..24].copy_from_slice(&len.to_le_bytes());
        b
    };
    let decode = |b: &[u8]| types::MsgContainer::from_bytes(b).unwrap_err();
    // Longer than what is left.
    assert_eq!(
        decode(&with_len(16)),
        Error::InvalidLength { offset: 20, len: 16, remaining: 12, what: "message body (bytes:int)" }
    );
    // Negative.
    assert_eq!(
        decode(&with_len(-4)),
        Error::InvalidLength { offset: 20, len: 0xffff_fffc, remaining: 12, what: "message body (bytes:int)" }
    );
    // Not a multiple of 4.
    assert_eq!(
        decode(&with_len(10)),
        Error::InvalidLength {
            offset: 20,
            len: 10,
            remaining: 12,
            what: "message body (bytes:int is not a multiple of 4)"
        }
    );
    // Shorter than the body: the body ends early... but `Object` is raw, so the message keeps
    // 8 bytes and the 4 left over are trailing bytes of the container.
    assert_eq!(decode(&with_len(8)), Error::TrailingBytes { offset: 32, remaining: 4 });
    // Truncated anywhere: an error, never a panic.
    for cut in 0..bytes.len() {
        assert!(types::MsgContainer::from_bytes(&bytes[..cut]).is_err(), "cut at {cut}");
    }
    // Padded: trailing bytes after the container.
    let mut padded = bytes.clone();
    padded.extend_from_slice(&[0; 4]);
    assert_eq!(decode(&padded), Error::TrailingBytes { offset: bytes.len(), remaining: 4 });
}

#[test]
fn a_padded_body_is_an_error_when_decoded() {
    let mut body = RawObject::from_value(&ping(5));
    body.0.extend_from_slice(&[0; 4]);
    let msg = types::Message { msg_id: 1, seqno: 1, body };
    // The message itself is well formed (its length covers the padding) ...
    let bytes = msg.to_bytes();
    let back = types::Message::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    // ... but its body is not one `ping`.
    assert_eq!(back.body.decode::<functions::Ping>(), Err(Error::TrailingBytes { offset: 12, remaining: 4 }));
}

#[test]
fn unknown_id_inside_object_is_a_clear_error() {
    let msg = types::Message { msg_id: 1, seqno: 2, body: RawObject(vec![0xef, 0xbe, 0xad, 0xde, 1, 2, 3, 4]) };
    let bytes = msg.to_bytes();
    // Kept raw: it decodes and re-encodes as it came.
    let back = types::Message::from_bytes(&bytes).unwrap();
    assert_eq!(back.to_bytes(), bytes);
    assert_eq!(back.body.id(), Some(0xdead_beef));
    // Decoded with a type, the unknown id is named.
    let e = back.body.decode::<functions::Function>().unwrap_err();
    assert_eq!(e, Error::UnknownConstructor { offset: 0, id: 0xdead_beef, expected: "a function" });
    assert_eq!(e.to_string(), "unknown constructor id 0xdeadbeef at byte 0, expected a function");
    let e = back.body.answer::<functions::Ping, types::RpcError>().unwrap_err();
    assert_eq!(e, Error::UnknownConstructor { offset: 0, id: 0xdead_beef, expected: "Pong" });
}

#[test]
fn rpc_result_gives_the_typed_answer_or_the_typed_error() {
    let pong: enums::Pong = types::Pong { msg_id: 10, ping_id: 9 }.into();
    let ok = types::RpcResult { req_msg_id: 10, result: RawObject::from_answer::<functions::Ping>(&pong) };
    let ok = types::RpcResult::from_bytes(&ok.to_bytes()).unwrap();
    assert_eq!(ok.result.answer::<functions::Ping, types::RpcError>(), Ok(Ok(pong)));

    let error = types::RpcError { error_code: 420, error_message: "FLOOD_WAIT_3".into() };
    let failed = types::RpcResult { req_msg_id: 10, result: RawObject::from_value(&error) };
    let failed = types::RpcResult::from_bytes(&failed.to_bytes()).unwrap();
    assert_eq!(failed.result.answer::<functions::Ping, types::RpcError>(), Ok(Err(error)));
}

/// `gzip_packed` (the runtime's `gzip` feature, on for these tests).
mod gzip {
    use super::*;

    #[test]
    fn packed_answers_are_transparent() {
        let pong: enums::Pong = types::Pong { msg_id: 10, ping_id: 9 }.into();
        let packed = RawObject::packed(&pong, 0);
        // A pong is too small to shrink: it stays plain.
        assert_eq!(packed, RawObject::from_value(&pong));
        // A packed value written by hand, through the generated `gzip_packed`.
        let gz = types::GzipPacked { packed_data: tlayer::gzip::deflate(&RawObject::from_value(&pong).0) };
        let obj = RawObject::from_value(&gz);
        assert_eq!(obj.id(), Some(tlayer::GZIP_PACKED_ID));
        assert_eq!(obj.answer::<functions::Ping, types::RpcError>(), Ok(Ok(pong)));
        // So is a packed error.
        let error = types::RpcError { error_code: 500, error_message: "INTERNAL".into() };
        let gz = types::GzipPacked { packed_data: tlayer::gzip::deflate(&RawObject::from_value(&error).0) };
        assert_eq!(RawObject::from_value(&gz).answer::<functions::Ping, types::RpcError>(), Ok(Err(error)));
    }

    #[test]
    fn large_answers_pack_and_unpack() {
        let salts: enums::FutureSalts = types::FutureSalts {
            req_msg_id: 1,
            now: 2,
            salts: (0..500).map(|i| types::FutureSalt { valid_since: i, valid_until: i + 1, salt: 7 }).collect(),
        }
        .into();
        let packed = RawObject::packed(&salts, 1024);
        assert_eq!(packed.id(), Some(tlayer::GZIP_PACKED_ID));
        assert!(packed.0.len() < RawObject::from_value(&salts).0.len() / 4);
        assert_eq!(packed.answer::<functions::GetFutureSalts, types::RpcError>(), Ok(Ok(salts)));
    }

    #[test]
    fn a_gzip_bomb_is_refused_with_bounded_memory() {
        // 64 MiB of zeros behind a `gzip_packed` of about 64 KiB.
        let gz = types::GzipPacked { packed_data: tlayer::gzip::deflate(&vec![0u8; 64 << 20]) };
        let obj = RawObject::from_value(&gz);
        assert!(obj.0.len() < 128 << 10);
        let e = obj.answer_with_limit::<functions::Ping, types::RpcError>(1 << 20).unwrap_err();
        assert_eq!(e, Error::Custom { offset: 4, message: "gzip_packed inflates to more than the limit" });
        // Not gzip at all.
        let junk = RawObject::from_value(&types::GzipPacked { packed_data: vec![1, 2, 3] });
        let e = junk.answer::<functions::Ping, types::RpcError>().unwrap_err();
        assert_eq!(e, Error::Custom { offset: 4, message: "gzip_packed holds invalid gzip data" });
    }
}

#[test]
fn binary_fields_keep_every_byte() {
    // pq is 8 bytes that are not UTF-8.
    let res: enums::ResPq = types::ResPq {
        nonce: [1; 16],
        server_nonce: [2; 16],
        pq: vec![0x17, 0xed, 0x48, 0x94, 0x1a, 0x08, 0xf9, 0x81],
        server_public_key_fingerprints: vec![-4344800451088585951],
    }
    .into();
    let bytes = res.to_bytes();
    assert_eq!(enums::ResPq::from_bytes(&bytes), Ok(res));
    // Text stays text.
    let e = types::RpcError { error_code: 1, error_message: String::new() };
    let _: &String = &e.error_message;
}

/// The exact bytes of `schema/tl/mtproto.tl`: Telegram's published schema, unedited.
#[test]
fn the_shipped_schema_is_the_official_one() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let shipped = std::fs::read(dir.join("tl/mtproto.tl")).unwrap();
    let corpus = std::fs::read(dir.join("../corpus/mtproto_official_danog.tl")).unwrap();
    assert_eq!(shipped, corpus);
}

/// A random container: (msg_id, seqno, body of 4-byte words) per message.
fn container() -> impl Strategy<Value = types::MsgContainer> {
    prop::collection::vec((any::<i64>(), any::<i32>(), prop::collection::vec(any::<u32>(), 0..12)), 0..6).prop_map(
        |messages| types::MsgContainer {
            messages: messages
                .into_iter()
                .map(|(msg_id, seqno, words)| types::Message {
                    msg_id,
                    seqno,
                    body: RawObject(words.iter().flat_map(|w| w.to_le_bytes()).collect()),
                })
                .collect(),
        },
    )
}

proptest! {
    /// Containers round-trip, each message's `bytes:int` is its body's length, and any cut or
    /// extra byte is an error.
    #[test]
    fn containers_round_trip_and_reject_cuts(c in container(), cut in any::<prop::sample::Index>()) {
        let bytes = c.to_bytes();
        prop_assert_eq!(types::MsgContainer::from_bytes(&bytes), Ok(c.clone()));
        let mut at = 8;
        for m in &c.messages {
            let len = i32::from_le_bytes(bytes[at + 12..at + 16].try_into().unwrap());
            prop_assert_eq!(len as usize, m.body.0.len());
            at += 16 + m.body.0.len();
        }
        prop_assert_eq!(at, bytes.len());
        let cut = cut.index(bytes.len());
        prop_assert!(types::MsgContainer::from_bytes(&bytes[..cut]).is_err());
        let mut longer = bytes.clone();
        longer.push(0);
        prop_assert!(types::MsgContainer::from_bytes(&longer).is_err());
    }

    /// Arbitrary bytes after the container id: an error or a container that re-encodes to them.
    #[test]
    fn arbitrary_containers_never_panic(tail in prop::collection::vec(any::<u8>(), 0..200)) {
        let mut bytes = 0x73f1_f8dc_u32.to_le_bytes().to_vec();
        bytes.extend_from_slice(&tail);
        if let Ok(c) = types::MsgContainer::from_bytes(&bytes) {
            prop_assert_eq!(c.to_bytes(), bytes);
        }
    }
}
