//! Every golden `expected.rs` and `expected_layout.rs` compiles, and behaves: a few exact-bytes
//! checks per feature (on the formatted output; the layout output is the same tokens).

#![deny(warnings)]

macro_rules! fixtures {
    ($($name:ident),* $(,)?) => {
        $(#[allow(dead_code)] mod $name { include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", stringify!($name), "/expected.rs")); })*
    };
}

fixtures!(
    flags,
    flags2,
    shared_bits,
    generics,
    bare_types,
    vector_of_vectors,
    recursion,
    keywords,
    docs,
    builtins,
    derives,
    accessors,
    builders,
    hash_all,
    serving
);

/// The same fixtures in the one-pass layout that build scripts get by default.
mod layout {
    macro_rules! layout_fixtures {
        ($($name:ident),* $(,)?) => {
            $(#[allow(dead_code)] mod $name { include!(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/", stringify!($name), "/expected_layout.rs")); })*
        };
    }
    layout_fixtures!(
        flags,
        flags2,
        shared_bits,
        generics,
        bare_types,
        vector_of_vectors,
        recursion,
        keywords,
        docs,
        builtins,
        derives,
        accessors,
        builders,
        hash_all,
        serving
    );
}

use tlayer::{RemoteCall, TlRead, TlWrite};

#[test]
fn flags_are_computed_from_options_and_bools() {
    use flags::{enums, types};
    let m = types::Message {
        out: true,
        mentioned: false,
        id: 7,
        from_id: Some(enums::Peer::Peer(types::Peer { id: 1 })),
        message: "hi".into(),
        views: None,
    };
    let bytes = m.to_bytes();
    let id = <types::Message as tlayer::Identifiable>::CONSTRUCTOR_ID;
    let mut expected = id.to_le_bytes().to_vec();
    expected.extend((1u32 << 1 | 1 << 8).to_le_bytes()); // out (bit 1) and from_id (bit 8)
    expected.extend(7i32.to_le_bytes());
    expected.extend(<types::Peer as tlayer::Identifiable>::CONSTRUCTOR_ID.to_le_bytes());
    expected.extend(1i64.to_le_bytes());
    expected.extend([2, b'h', b'i', 0]);
    assert_eq!(bytes, expected);
    assert_eq!(types::Message::from_bytes(&bytes).unwrap(), m);
}

#[test]
fn shared_bit_group_is_all_or_nothing() {
    use shared_bits::types;
    let poll = types::InputMediaPoll {
        poll: types::InputPoll { question: "q".into() }.into(),
        correct_answers: None,
        solution: Some(types::groups::InputMediaPollSolution { solution: "s".into(), solution_entities: vec![] }),
    };
    let bytes = poll.to_bytes();
    // id, flags = bit 1 only, poll (boxed), solution "s", empty boxed vector.
    assert_eq!(u32::from_le_bytes(bytes[4..8].try_into().unwrap()), 1 << 1);
    assert_eq!(&bytes[bytes.len() - 12..], [1, b's', 0, 0, 0x15, 0xc4, 0xb5, 0x1c, 0, 0, 0, 0]);
    assert_eq!(types::InputMediaPoll::from_bytes(&bytes).unwrap(), poll);
    // `bot` and `bot_info_version` share bit 14: the value's presence is the bit.
    let user = types::User { id: 5, bot_info_version: Some(3) };
    assert!(user.bot());
    assert_eq!(u32::from_le_bytes(user.to_bytes()[4..8].try_into().unwrap()), 1 << 14);
}

#[test]
fn generic_wrappers_return_the_inner_result() {
    use generics::{enums, functions};
    fn returns<Q: RemoteCall<Return = enums::NearestDc>>(_: &Q) {}
    let q = functions::InvokeWithLayer3 { query: functions::help::GetNearestDc {} };
    returns(&q);
    returns(&functions::InvokeWithLayer { layer: 3, query: q });
    assert_eq!(q.to_bytes(), [0x68, 0x52, 0x47, 0xb7, 0x26, 0x30, 0xb3, 0x1f]);
    let any = functions::Function::from_bytes(&q.to_bytes()).unwrap();
    assert_eq!(any.constructor_id(), 0xb7475268);
}

#[test]
fn bare_types_have_no_id() {
    use bare_types::types;
    let c =
        types::MsgContainer { messages: vec![types::Message { msg_id: 1, seqno: 2, bytes: 3, body: String::new() }] };
    let bytes = c.to_bytes();
    // id, count (bare vector: no 0x1cb5c415), then the message without its id.
    assert_eq!(bytes.len(), 4 + 4 + 8 + 4 + 4 + 4);
    assert_eq!(&bytes[4..8], 1u32.to_le_bytes());
    assert_eq!(types::MsgContainer::from_bytes(&bytes).unwrap(), c);
}

#[test]
fn vectors_nest() {
    use vector_of_vectors::types;
    let m = types::Matrix { rows: vec![vec![1, 2], vec![]], names: vec!["a".into()] };
    assert_eq!(types::Matrix::from_bytes(&m.to_bytes()).unwrap(), m);
}

#[test]
fn bare_elements_stay_bare_at_every_depth() {
    use vector_of_vectors::types::{Cell, Grid};
    let c = |v| Cell { v };
    let g = Grid {
        a: vec![vec![c(1)]],
        b: vec![vec![c(2)], vec![]],
        c: vec![vec![c(3)]],
        d: vec![vec![c(4)]],
        e: vec![vec![vec![c(5)]]],
        f: vec![vec![vec![6]]],
    };
    const V: u32 = 0x1cb5c415; // `Vector`; the bare `vector` has no id.
    let words: [u32; 25] = [
        <Grid as tlayer::Identifiable>::CONSTRUCTOR_ID,
        1,
        1,
        1, // a: vector<vector<%Cell>>: two counts, the cell's int
        V,
        2,
        1,
        2,
        0, // b: Vector<vector<%Cell>>: id, 2 rows, [cell 2], []
        1,
        V,
        1,
        3, // c: vector<Vector<%Cell>>
        V,
        1,
        V,
        1,
        4, // d: Vector<Vector<cell>>
        V,
        1,
        1,
        V,
        1,
        5, // e: Vector<vector<Vector<cell>>>
        1, // f: vector<Vector<vector<int>>> (continued below)
    ];
    let mut expected: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    expected.extend([V, 1, 1, 6].iter().flat_map(|w| w.to_le_bytes()));
    assert_eq!(g.to_bytes(), expected);
    assert_eq!(Grid::from_bytes(&expected).unwrap(), g);
    // A cell written boxed (its id before the int) is not what the schema says: rejected.
    let cell_id = <Cell as tlayer::Identifiable>::CONSTRUCTOR_ID;
    let boxed_cell: Vec<u8> = [<Grid as tlayer::Identifiable>::CONSTRUCTOR_ID, 1, 1, cell_id, 1]
        .iter()
        .flat_map(|w| w.to_le_bytes())
        .collect();
    assert!(Grid::from_bytes(&boxed_cell).is_err());
}

#[test]
fn recursion_is_boxed_and_bounded() {
    use recursion::{enums, types};
    let mut t = enums::RichText::from(types::TextPlain { text: "x".into() });
    for _ in 0..10 {
        t = types::TextBold { text: t }.into();
    }
    assert_eq!(enums::RichText::from_bytes(&t.to_bytes()).unwrap(), t);
    assert!(std::mem::size_of::<enums::RichText>() <= 32);
    let deep: Vec<u8> = std::iter::repeat_n(0x6724abc4u32.to_le_bytes(), 100_000).flatten().collect();
    assert!(matches!(enums::RichText::from_bytes(&deep), Err(tlayer::Error::TooDeep { .. })));
}

#[test]
fn keywords_and_collisions_have_rust_names() {
    use keywords::{enums, functions, types};
    let k = types::InputKeyword { r#type: 1, self_: 2, r#final: "f".into(), r#gen: 3, r: 4 };
    assert_eq!(types::InputKeyword::from_bytes(&k.to_bytes()).unwrap(), k);
    let _ = (types::FutureSalt { valid_since: 1, salt: 2 }, types::FutureSalt2 { salt: 3 });
    let _: enums::Ok_ = types::Ok_ {}.into();
    let _ = functions::Match { r#where: 1 };
}

#[test]
fn builtins_map_to_rust_primitives() {
    use builtins::types;
    let k = types::Keys { nonce: [1; 16], server_nonce: [2; 32], ok: true, ids: vec![9] };
    let bytes = k.to_bytes();
    assert_eq!(bytes.len(), 4 + 16 + 32 + 4 + 4 + 4 + 8);
    assert_eq!(&bytes[52..56], 0x997275b5u32.to_le_bytes());
    assert_eq!(types::Keys::from_bytes(&bytes).unwrap(), k);
}

/// Whether a type implements a trait, decided where the type is known: the inherent method
/// (bounded) wins over the trait's fallback when the bound holds.
struct Probe<T>(std::marker::PhantomData<T>);
trait Fallback {
    fn eq_hash(&self) -> bool {
        false
    }
    fn copy(&self) -> bool {
        false
    }
}
impl<T> Fallback for Probe<T> {}
impl<T: Eq + std::hash::Hash> Probe<T> {
    fn eq_hash(&self) -> bool {
        true
    }
}
impl<T: Copy> Probe<T> {
    fn copy(&self) -> bool {
        true
    }
}
/// `(eq_hash, copy)` of a type.
macro_rules! caps {
    ($t:ty) => {
        (Probe::<$t>(std::marker::PhantomData).eq_hash(), Probe::<$t>(std::marker::PhantomData).copy())
    };
}

#[test]
fn eq_hash_on_copy_items_unless_a_double_is_reachable() {
    use derives::{enums, functions, types};
    // (Eq + Hash, Copy), as the fields of each item in the fixture's schema allow: by default
    // `Eq` and `Hash` only where `Copy` is (the usual map keys).
    assert_eq!(caps!(types::Point), (true, true), "ints and a Bool");
    assert_eq!(caps!(enums::Point), (true, true));
    assert_eq!(caps!(types::Geo), (false, true), "doubles");
    assert_eq!(caps!(enums::Geo), (false, true));
    assert_eq!(caps!(types::Place), (false, true), "a double through enum Geo");
    assert_eq!(caps!(types::Named), (false, false), "a string: not Copy");
    assert_eq!(caps!(types::Tree), (false, false), "recursion through a vector");
    assert_eq!(caps!(types::Chain), (false, false), "recursion through a boxed variant");
    assert_eq!(caps!(enums::Chain), (false, false));
    assert_eq!(caps!(types::ChainEnd), (true, true), "no fields");
    assert_eq!(caps!(types::Item), (false, true), "a flag group holding a double");
    assert_eq!(caps!(types::groups::ItemA), (false, true));
    assert_eq!(caps!(types::groups::ItemC), (true, true), "the other group: int and long");
    assert_eq!(caps!(types::MaybeGeo), (false, true), "an optional double");
    assert_eq!(caps!(functions::GetPlace), (true, true));
    assert_eq!(caps!(functions::Function), (false, false), "boxed variants");
    // The ones from other fixtures that hold Vec, String and generics.
    assert_eq!(caps!(flags::types::Message), (false, false));
    assert_eq!(caps!(generics::functions::InvokeWithLayer<generics::functions::help::GetNearestDc>), (true, true));

    // What it is for: values as set members and map keys.
    let triples: Vec<(i32, i32, bool)> = (0..100).map(|i| (i % 7, i / 7 % 3, i % 4 == 0)).collect();
    let points: std::collections::HashSet<enums::Point> =
        triples.iter().map(|&(x, y, ok)| types::Point { x, y, ok }.into()).collect();
    let distinct: std::collections::HashSet<(i32, i32, bool)> = triples.iter().copied().collect();
    assert_eq!(points.len(), distinct.len());
    assert!(points.contains(&types::Point { x: 1, y: 0, ok: false }.into()));
    let p = types::Point { x: 1, y: 2, ok: true };
    let copy = p;
    assert_eq!(p, copy);
}

#[test]
fn hash_all_derives_eq_hash_on_every_item_without_a_double() {
    use hash_all::{enums, functions, types};
    assert_eq!(caps!(types::User), (true, false), "a string");
    assert_eq!(caps!(enums::User), (true, false));
    assert_eq!(caps!(types::Group), (true, false), "a vector and an optional item");
    assert_eq!(caps!(types::Reply), (true, false), "recursion through a boxed variant");
    assert_eq!(caps!(enums::Reply), (true, false));
    assert_eq!(caps!(types::Rating), (false, false), "a double");
    assert_eq!(caps!(types::PeerId), (true, true));
    assert_eq!(caps!(functions::GetUsers), (true, false));
    assert_eq!(caps!(functions::Function), (true, false));

    // Values with strings as set members.
    let names = ["a", "b", "a", "c", "b"];
    let users: std::collections::HashSet<enums::User> =
        names.iter().map(|n| types::User { id: 7, name: n.to_string() }.into()).collect();
    assert_eq!(users.len(), 3);
    assert!(users.contains(&types::User { id: 7, name: "c".into() }.into()));
}

#[test]
fn name_for_id_knows_the_runtime_constructors_the_schema_reads() {
    let id = |bytes: Vec<u8>| u32::from_le_bytes(bytes[..4].try_into().unwrap());
    for lookup in [derives::name_for_id, builtins::name_for_id] {
        assert_eq!(lookup(id(true.to_bytes())), Some("boolTrue"));
        assert_eq!(lookup(id(false.to_bytes())), Some("boolFalse"));
        assert_eq!(lookup(id(Vec::<i32>::new().to_bytes())), Some("vector"));
    }
    // A schema that reads neither `Bool` nor a boxed vector does not list them.
    assert_eq!(bare_types::name_for_id(id(true.to_bytes())), None);
}

#[test]
fn enums_read_the_fields_every_constructor_has() {
    use accessors::{enums, types};
    let peer: enums::Peer = types::PeerChat { chat_id: 5 }.into();
    let plain = types::Message { out: true, id: 7, text: "hi".into(), reply: Some(3), peer, views: Some(vec![1, 2]) };
    let service = types::MessageService {
        out: false,
        id: 8,
        text: "joined".into(),
        reply: None,
        peer: types::PeerUser { user_id: 9 }.into(),
        views: None,
        action: 4,
    };
    for (m, s) in [
        (plain.clone(), enums::Message::from(plain.clone())),
        (
            types::Message {
                out: service.out,
                id: service.id,
                text: service.text.clone(),
                reply: service.reply,
                peer: service.peer,
                views: service.views.clone(),
            },
            enums::Message::from(service.clone()),
        ),
    ] {
        assert_eq!(s.out(), m.out);
        assert_eq!(s.id(), m.id);
        assert_eq!(s.text(), &m.text);
        assert_eq!(s.reply(), m.reply);
        assert_eq!(s.peer(), &m.peer);
        assert_eq!(s.views(), m.views.as_ref());
    }
    // `id` is `long` in one constructor of Photo and `int` in the other: no accessor (the
    // golden file shows none); Single has one constructor, whose struct is the accessor.
    let golden = include_str!("fixtures/accessors/expected.rs");
    assert_eq!(golden.matches("pub fn id(&self)").count(), 1, "Message's only");
    assert!(!golden.contains("pub fn value(&self)"));
    assert!(!golden.contains("pub fn action(&self)"), "only messageService has `action`");
}

#[test]
fn builders_name_only_what_is_set() {
    use builders::{functions, types};
    let built = functions::SendMessage::new(types::PeerUser { user_id: 5 }, "hi", 9)
        .reply_to(types::ReplyTo::new(3).top_msg_id(1))
        .silent(true);
    let literal = functions::SendMessage {
        silent: true,
        peer: types::PeerUser { user_id: 5 }.into(),
        reply_to: Some(types::ReplyTo { msg_id: 3, top_msg_id: Some(1), quote: None }.into()),
        message: "hi".into(),
        random_id: 9,
        entities: None,
    };
    assert_eq!(built, literal);
    // Unset flag fields stay unset: only bits 0 (reply_to) and 5 (silent) are written.
    assert_eq!(built.to_bytes()[4..8], (1u32 | 1 << 5).to_le_bytes());
    let unset = functions::SendMessage::new(types::PeerUser { user_id: 5 }, "hi", 9);
    assert_eq!(unset.to_bytes()[4..8], 0u32.to_le_bytes());
    // Setters take what converts into the field: a Vec from an array.
    assert_eq!(unset.clone().entities([1, 2]).entities, Some(vec![1, 2]));
    // Generic structs get them too; structs without flag fields (peerUser) do not.
    let wrapped = functions::InitConnection::new(4, functions::SendMessage::new(types::PeerUser { user_id: 5 }, "", 1));
    assert_eq!(wrapped.clone().proxy("p").proxy, Some("p".to_string()));
    assert_eq!(wrapped.api_id, 4);
    let golden = include_str!("fixtures/builders/expected.rs");
    assert_eq!(golden.matches("pub fn new(").count(), 4, "filter, replyTo, sendMessage, initConnection");
    // Every field of `filter` is a flag field: `Default` is all unset, flags 0.
    assert_eq!(types::Filter::default(), types::Filter::new());
    assert_eq!(types::Filter::default().to_bytes()[4..], 0u32.to_le_bytes());
    assert_eq!(types::Filter::new().pinned(true).limit(5).to_bytes()[4..], [3, 0, 0, 0, 5, 0, 0, 0]);
    assert_eq!(golden.matches("impl Default for").count(), 1);
}

mod served {
    use super::serving::{enums, functions, service, types};
    use tlayer::{RawObject, RpcError, TlWrite};

    /// Serves `getUser` only; its answer names the layer the request announced.
    pub struct Users;

    impl service::Service for Users {
        fn get_user(&mut self, cx: &service::Context, request: functions::GetUser) -> Result<enums::User, RpcError> {
            if request.id == 0 {
                return Err(RpcError::new(400, "USER_ID_INVALID"));
            }
            Ok(types::User { id: request.id, name: format!("{:?}", cx.layer) }.into())
        }
    }

    fn rpc_error_bytes(code: i32, message: &str) -> Vec<u8> {
        let mut b = 0x2144ca19u32.to_le_bytes().to_vec();
        b.extend(code.to_le_bytes());
        b.push(message.len() as u8);
        b.extend(message.as_bytes());
        b.resize(b.len().next_multiple_of(4), 0);
        b
    }

    #[test]
    fn wrappers_peel_by_shape_and_answers_are_exact() {
        let request = functions::WithTag {
            tag: "t".into(),
            query: functions::InvokeWithLayer {
                layer: 7,
                query: functions::InitConnection {
                    api_id: 1,
                    proxy: Some("p".into()),
                    query: functions::GetUser { id: 5 },
                },
            },
        };
        let bytes = request.to_bytes();
        let function = <functions::Function as tlayer::TlRead>::from_bytes(&bytes).unwrap();
        let (cx, inner) = service::peel(function);
        assert_eq!(cx.layer, Some(7));
        assert_eq!(
            cx.wrappers,
            [
                service::Wrapper::WithTag(Box::new(functions::WithTag { tag: "t".into(), query: () })),
                service::Wrapper::InvokeWithLayer(Box::new(functions::InvokeWithLayer { layer: 7, query: () })),
                service::Wrapper::InitConnection(Box::new(functions::InitConnection {
                    api_id: 1,
                    proxy: Some("p".into()),
                    query: ()
                })),
            ]
        );
        assert_eq!(cx.connection().map(|c| c.api_id), Some(1));
        assert_eq!(inner, functions::Function::GetUser(Box::new(functions::GetUser { id: 5 })));

        // The answer: user#id, 5, "Some(7)" (1 + 7 bytes, no padding).
        let answer = service::serve(&mut Users, &bytes).unwrap();
        let mut want = <types::User as tlayer::Identifiable>::CONSTRUCTOR_ID.to_le_bytes().to_vec();
        want.extend(5i32.to_le_bytes());
        want.push(7);
        want.extend(b"Some(7)");
        assert_eq!(answer, want);
        assert_eq!(
            RawObject(answer).answer::<functions::GetUser, RpcError>(),
            Ok(Ok(types::User { id: 5, name: "Some(7)".into() }.into()))
        );

        // An error the method returns, unwrapped request: no layer.
        let answer = service::serve(&mut Users, &functions::GetUser { id: 0 }.to_bytes()).unwrap();
        assert_eq!(answer, rpc_error_bytes(400, "USER_ID_INVALID"));
        assert_eq!(
            RawObject(answer).answer::<functions::GetUser, RpcError>(),
            Ok(Err(RpcError::new(400, "USER_ID_INVALID")))
        );
    }

    #[test]
    fn unserved_functions_answer_not_implemented() {
        let not_implemented = rpc_error_bytes(404, "METHOD_NOT_IMPLEMENTED");
        let get_users = functions::GetUsers { ids: vec![1] };
        assert_eq!(service::serve(&mut Users, &get_users.to_bytes()).unwrap(), not_implemented);
        // `wrapMany` returns `Vector<X>`, not `X`: not a wrapper, so not peeled, and it has no
        // method (its result depends on the request inside).
        let many = functions::WrapMany { query: functions::GetUser { id: 5 } };
        let function = <functions::Function as tlayer::TlRead>::from_bytes(&many.to_bytes()).unwrap();
        assert!(service::peel(function).0.wrappers.is_empty());
        assert_eq!(service::serve(&mut Users, &many.to_bytes()).unwrap(), not_implemented);
        let golden = include_str!("fixtures/serving/expected.rs");
        assert!(!golden.contains("WrapMany(Box<functions::WrapMany<()>>)"));
        assert!(!golden.contains("fn wrap_many("));
    }

    #[test]
    fn every_truncated_request_is_an_error() {
        let request = functions::WithTag {
            tag: "tag".into(),
            query: functions::InitConnection {
                api_id: 1,
                proxy: None,
                query: functions::GetUsers { ids: vec![1, 2, 3] },
            },
        };
        let bytes = request.to_bytes();
        for end in 0..bytes.len() {
            assert!(service::serve(&mut Users, &bytes[..end]).is_err(), "{end} bytes");
        }
        assert!(service::serve(&mut Users, &bytes).is_ok());
    }
}
