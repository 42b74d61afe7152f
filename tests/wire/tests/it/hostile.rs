//! Hostile input on the generated decoders: absurd lengths, deep nesting, truncation,
//! trailing bytes and unknown ids. Every case must give an `Error`, never a panic, an
//! allocation out of proportion to the input, or a stack overflow.

use crate::on_small_stack;
use tlayer::{Error, Reader, TlRead, TlWrite};
use tlayer_schema::{layer3 as l3, layer230 as l230, mtproto as mt};
use tlayer_wire_tests::{Config, Encoder, Rng, load_schema};

const VECTOR: [u8; 4] = [0x15, 0xc4, 0xb5, 0x1c];

fn le(id: u32) -> [u8; 4] {
    id.to_le_bytes()
}

// ---------------------------------------------------------------------------------------------
// Lengths
// ---------------------------------------------------------------------------------------------

#[test]
fn vector_count_larger_than_the_input() {
    // messages.messages#1d73e7ea messages:Vector<Message> ...: a count of 0x7fffffff with 4
    // bytes left.
    let mut bytes = le(0x1d73_e7ea).to_vec();
    bytes.extend_from_slice(&VECTOR);
    bytes.extend_from_slice(&le(0x7fff_ffff));
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    let err = l230::enums::messages::Messages::from_bytes(&bytes).unwrap_err();
    assert_eq!(err, Error::InvalidLength { offset: 8, len: 0x7fff_ffff, remaining: 4, what: "vector" });

    // A negative count reads as a huge one.
    bytes[8..12].copy_from_slice(&le(0xffff_ffff));
    let err = l230::enums::messages::Messages::from_bytes(&bytes).unwrap_err();
    assert_eq!(err, Error::InvalidLength { offset: 8, len: 0xffff_ffff, remaining: 4, what: "vector" });

    // The same as a function's answer, `Vector<User>`.
    let mut answer = VECTOR.to_vec();
    answer.extend_from_slice(&le(0x7fff_ffff));
    answer.extend_from_slice(&le(0xd3bc_4b7a)); // userEmpty, and nothing after it
    let err = Vec::<l230::enums::User>::from_bytes(&answer).unwrap_err();
    assert_eq!(err, Error::InvalidLength { offset: 4, len: 0x7fff_ffff, remaining: 4, what: "vector" });

    // A bare vector: future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt>.
    let mut salts = le(0xae50_0895).to_vec();
    salts.extend_from_slice(&[0; 12]);
    salts.extend_from_slice(&le(0x7fff_ffff));
    salts.extend_from_slice(&[0; 4]);
    let err = mt::enums::FutureSalts::from_bytes(&salts).unwrap_err();
    assert_eq!(err, Error::InvalidLength { offset: 16, len: 0x7fff_ffff, remaining: 4, what: "vector" });
}

#[test]
fn string_lengths_and_utf8() {
    // textPlain#744694e0 text:string = RichText;
    let plain = le(0x7446_94e0);
    // 0xfe form claiming 0xffffff bytes, 4 present.
    let mut bytes = plain.to_vec();
    bytes.extend_from_slice(&[0xfe, 0xff, 0xff, 0xff, b'a', b'b', b'c', b'd']);
    let err = l230::enums::RichText::from_bytes(&bytes).unwrap_err();
    assert_eq!(err, Error::InvalidLength { offset: 4, len: 0xff_ffff, remaining: 4, what: "string" });
    // The reserved 0xff prefix.
    let mut bytes = plain.to_vec();
    bytes.extend_from_slice(&[0xff, 0, 0, 0]);
    assert!(matches!(l230::enums::RichText::from_bytes(&bytes), Err(Error::InvalidLength { offset: 4, .. })));
    // Invalid UTF-8: "a", then 0xff, which never occurs in UTF-8.
    let mut bytes = plain.to_vec();
    bytes.extend_from_slice(&[0x02, b'a', 0xff, 0x00]);
    assert_eq!(l230::enums::RichText::from_bytes(&bytes).unwrap_err(), Error::InvalidUtf8 { offset: 6 });
    // The lossy reader replaces it instead.
    let mut r = Reader::new(&bytes).lossy_strings(true);
    let text = l230::enums::RichText::read_boxed(&mut r).unwrap();
    assert_eq!(text, l230::types::TextPlain { text: "a\u{fffd}".into() }.into());
}

// ---------------------------------------------------------------------------------------------
// Depth
// ---------------------------------------------------------------------------------------------

/// `prefix` repeated `n` times, then `tail`.
fn nest(prefix: &[u8], n: usize, tail: &[u8]) -> Vec<u8> {
    let mut bytes = Vec::with_capacity(prefix.len() * n + tail.len());
    for _ in 0..n {
        bytes.extend_from_slice(prefix);
    }
    bytes.extend_from_slice(tail);
    bytes
}

const TEXT_BOLD: u32 = 0x6724_abc4; // textBold#6724abc4 text:RichText = RichText;
const TEXT_EMPTY: u32 = 0xdc3d_824f; // textEmpty#dc3d824f = RichText;

#[test]
fn rich_text_nested_100000_deep() {
    let bytes = nest(&le(TEXT_BOLD), 100_000, &le(TEXT_EMPTY));
    let err = on_small_stack(move || l230::enums::RichText::from_bytes(&bytes).unwrap_err());
    let Error::TooDeep { offset, limit } = err else { panic!("expected TooDeep, got {err:?}") };
    assert_eq!(limit, Reader::DEFAULT_MAX_DEPTH);
    // Found within the first levels, long before the end of the 400 kB input.
    assert!(offset <= 4 * (limit as usize + 2), "TooDeep found late, at byte {offset}");
}

#[test]
fn rich_text_depth_limit_boundary() {
    // Each textBold holds its RichText behind a Box: one level each. Exactly 64 (the default
    // limit) nested textBold decode; a level more fails.
    let decodes = |n: usize| l230::enums::RichText::from_bytes(&nest(&le(TEXT_BOLD), n, &le(TEXT_EMPTY))).is_ok();
    let deepest = (0..200).take_while(|&n| decodes(n)).last().expect("textEmpty alone decodes");
    assert_eq!(deepest, Reader::DEFAULT_MAX_DEPTH as usize, "deepest textBold nesting that decodes");
    assert!(!decodes(deepest + 1));
    // A value that decodes re-encodes to the same bytes.
    let ok = nest(&le(TEXT_BOLD), deepest, &le(TEXT_EMPTY));
    assert_eq!(l230::enums::RichText::from_bytes(&ok).unwrap().to_bytes(), ok);
    // A lower limit set on the reader is obeyed.
    let ten = nest(&le(TEXT_BOLD), 10, &le(TEXT_EMPTY));
    let mut r = Reader::new(&ten).with_max_depth(5);
    assert!(matches!(l230::enums::RichText::read_boxed(&mut r), Err(Error::TooDeep { limit: 5, .. })));
    let mut r = Reader::new(&ten).with_max_depth(20);
    assert!(l230::enums::RichText::read_boxed(&mut r).is_ok());
}

#[test]
fn json_arrays_nested_100000_deep() {
    // jsonArray#f7444763 value:Vector<JSONValue> = JSONValue; each level a vector of one.
    let mut level = le(0xf744_4763).to_vec();
    level.extend_from_slice(&VECTOR);
    level.extend_from_slice(&le(1));
    let bytes = nest(&level, 100_000, &le(0x3f6d_7b68)); // jsonNull#3f6d7b68
    let err = on_small_stack(move || l230::enums::JsonValue::from_bytes(&bytes).unwrap_err());
    assert!(matches!(err, Error::TooDeep { limit: 64, .. }), "{err:?}");
}

#[test]
fn layer3_wrapped_functions_nested_100000_deep() {
    // invokeWithLayer3#b7475268 query:!X = X, 100000 times, around help.getConfig#c4f9186b.
    let bytes = nest(&le(0xb747_5268), 100_000, &le(0xc4f9_186b));
    let err = on_small_stack(move || l3::functions::Function::from_bytes(&bytes).unwrap_err());
    assert!(matches!(err, Error::TooDeep { limit: 64, .. }), "{err:?}");
}

// The same through layer 230's `invokeWithLayer` overflows a 2 MiB stack in debug builds (a
// generator bug): see `deep::layer230_functions_nested_deep`, which runs it in a child process.

// ---------------------------------------------------------------------------------------------
// A real message: truncation, trailing bytes, unknown ids
// ---------------------------------------------------------------------------------------------

/// Decodes random bytes of constructor `name` (layer 230) as `T`, trying seeds until `accept`.
fn random_value<T: TlRead>(enc: &Encoder<'_, '_>, name: &str, seed: &mut u64, accept: impl Fn(&T) -> bool) -> T {
    let index = enc.index_of(name).unwrap_or_else(|| panic!("no {name}"));
    for _ in 0..1000 {
        *seed += 1;
        let bytes = enc.encode(index, &mut Rng::new(*seed));
        let value = T::from_bytes(&bytes).unwrap_or_else(|e| panic!("{name} (seed {seed}): {e}"));
        if accept(&value) {
            return value;
        }
    }
    panic!("no acceptable {name} in 1000 seeds")
}

/// A `messages.messages` with three full `message`s, a channel and two users, built from
/// values of the random encoder, and its bytes.
fn real_messages() -> (l230::enums::messages::Messages, Vec<u8>) {
    let schema = load_schema("layer230.tl");
    let enc =
        Encoder::with_config(&schema, Config { shallow_depth: 3, budget: 1500, max_vector: 2, long_strings: true });
    let mut seed = 0x5eed;
    let messages: Vec<l230::enums::Message> = (0..3)
        .map(|_| random_value(&enc, "message", &mut seed, |m: &l230::enums::Message| m.to_bytes().len() > 200))
        .collect();
    let chats = vec![random_value(&enc, "channel", &mut seed, |_: &l230::enums::Chat| true)];
    let users = (0..2).map(|_| random_value(&enc, "user", &mut seed, |_: &l230::enums::User| true)).collect();
    let value: l230::enums::messages::Messages =
        l230::types::messages::Messages { messages, topics: vec![], chats, users }.into();
    let bytes = value.to_bytes();
    assert_eq!(l230::enums::messages::Messages::from_bytes(&bytes).unwrap(), value);
    (value, bytes)
}

#[test]
fn truncation_at_every_offset() {
    let (_, bytes) = real_messages();
    assert!(bytes.len() > 1000, "message too small to be interesting: {} bytes", bytes.len());
    for end in 0..bytes.len() {
        match l230::enums::messages::Messages::from_bytes(&bytes[..end]) {
            Ok(_) => panic!("decoded {end} of {} bytes", bytes.len()),
            Err(e @ (Error::UnexpectedEof { .. } | Error::InvalidLength { .. })) => {
                assert!(e.offset() <= end, "error past the end of the input at {end}: {e:?}");
            }
            Err(e) => panic!("truncated at {end}: unexpected error {e:?}"),
        }
    }
}

#[test]
fn trailing_bytes() {
    let (value, mut bytes) = real_messages();
    let len = bytes.len();
    bytes.extend_from_slice(&[0, 0, 0, 0]);
    let err = l230::enums::messages::Messages::from_bytes(&bytes).unwrap_err();
    assert_eq!(err, Error::TrailingBytes { offset: len, remaining: 4 });
    bytes.truncate(len + 1);
    let err = l230::enums::messages::Messages::from_bytes(&bytes).unwrap_err();
    assert_eq!(err, Error::TrailingBytes { offset: len, remaining: 1 });
    // Read from a Reader, the value ends where it should and the rest is left.
    let mut r = Reader::new(&bytes);
    assert_eq!(l230::enums::messages::Messages::read_boxed(&mut r).unwrap(), value);
    assert_eq!(r.position(), len);
}

#[test]
fn unknown_constructor_ids() {
    let bad = 0xdead_beef;
    // At the top.
    assert_eq!(
        l230::enums::User::from_bytes(&le(bad)).unwrap_err(),
        Error::UnknownConstructor { offset: 0, id: bad, expected: "User" }
    );
    assert_eq!(
        l230::functions::Function::from_bytes(&le(bad)).unwrap_err(),
        Error::UnknownConstructor { offset: 0, id: bad, expected: "a function" }
    );
    // A constructor's struct read boxed accepts only its own id, and names the constructor.
    let user_empty = [0x7a, 0x4b, 0xbc, 0xd3, 1, 0, 0, 0, 0, 0, 0, 0];
    assert_eq!(
        l230::types::User::from_bytes(&user_empty).unwrap_err(),
        Error::UnknownConstructor { offset: 0, id: 0xd3bc_4b7a, expected: "user" }
    );

    // Inside a real message: the first element of `messages` starts at byte 12 (after the
    // messages.messages id, the vector id and the count).
    let (_, bytes) = real_messages();
    let mut broken = bytes.clone();
    broken[12..16].copy_from_slice(&le(bad));
    assert_eq!(
        l230::enums::messages::Messages::from_bytes(&broken).unwrap_err(),
        Error::UnknownConstructor { offset: 12, id: bad, expected: "Message" }
    );
    // The vector id itself.
    let mut broken = bytes;
    broken[4..8].copy_from_slice(&le(bad));
    assert_eq!(
        l230::enums::messages::Messages::from_bytes(&broken).unwrap_err(),
        Error::UnknownConstructor { offset: 4, id: bad, expected: "Vector" }
    );

    // A Bool that is neither boolTrue nor boolFalse. Layer 3:
    // message#22eb6aba id:int from_id:int to_id:Peer out:Bool unread:Bool date:int
    // message:string media:MessageMedia = Message; with to_id = peerUser#9db1bc6d user_id:int.
    let mut msg = le(0x22eb_6aba).to_vec();
    msg.extend_from_slice(&[1, 0, 0, 0, 2, 0, 0, 0]);
    msg.extend_from_slice(&le(0x9db1_bc6d));
    msg.extend_from_slice(&[3, 0, 0, 0]);
    msg.extend_from_slice(&le(0x1234_5678)); // out, at byte 20
    assert_eq!(
        l3::enums::Message::from_bytes(&msg).unwrap_err(),
        Error::UnknownConstructor { offset: 20, id: 0x1234_5678, expected: "Bool" }
    );
}
