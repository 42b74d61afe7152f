//! Hand-computed byte vectors.
//!
//! Every expected byte string below is written out from the TL rules in the comments next to
//! it (ids from the schema files, little-endian integers, length prefixes and padding counted by
//! hand); none is produced by the code under test. Each case checks both directions: encoding
//! the value gives the bytes, and decoding the bytes gives the value.

use std::fmt::Debug;
use tlayer::{RemoteCall, TlRead, TlWrite};
use tlayer_schema::{layer3 as l3, layer230 as l230, mtproto as mt};

/// `value` encodes (boxed) to exactly `bytes`, and `bytes` decode to `value`.
#[track_caller]
fn both_ways<T: TlRead + TlWrite + PartialEq + Debug>(value: &T, bytes: &[u8]) {
    assert_eq!(value.to_bytes(), bytes, "encoding {value:?}");
    assert_eq!(&T::from_bytes(bytes).unwrap(), value, "decoding");
}

/// Compiles only when `F::Return` is `R`.
fn returns<F: RemoteCall<Return = R>, R>(_: &F) {}

/// A layer 230 `user` with nothing set but what a test sets.
fn bare_user(id: i64) -> l230::types::User {
    l230::types::User {
        self_: false,
        contact: false,
        mutual_contact: false,
        deleted: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: false,
        min: false,
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: false,
        fake: false,
        bot_attach_menu: false,
        premium: false,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: false,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id,
        access_hash: None,
        first_name: None,
        last_name: None,
        username: None,
        phone: None,
        photo: None,
        status: None,
        bot_info_version: None,
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: None,
        emoji_status: None,
        usernames: None,
        stories_max_id: None,
        color: None,
        profile_color: None,
        bot_active_users: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    }
}

// ---------------------------------------------------------------------------------------------
// (a) flags and flags2
// ---------------------------------------------------------------------------------------------

#[test]
fn layer230_user_with_flags_and_flags2() {
    // user#b1b8cc83 flags:# self:flags.10?true ... flags2:# bot_can_edit:flags2.1?true
    // close_friend:flags2.2?true ... id:long access_hash:flags.0?long first_name:flags.1?string
    // ... bot_info_version:flags.14?int ... bot_active_users:flags2.12?int ...
    let user = l230::types::User {
        self_: true,
        bot_can_edit: true,
        close_friend: true,
        access_hash: Some(-2),
        first_name: Some("Ann".into()),
        bot_info_version: Some(7),
        bot_active_users: Some(1000),
        ..bare_user(0x0102_0304_0506_0708)
    };
    #[rustfmt::skip]
    let bytes = [
        0x83, 0xcc, 0xb8, 0xb1, // user#b1b8cc83
        // flags = bit 0 (access_hash) | bit 1 (first_name) | bit 10 (self)
        //       | bit 14 (bot_info_version, and `bot`, which shares the bit) = 0x4403
        0x03, 0x44, 0x00, 0x00,
        // flags2 = bit 1 (bot_can_edit) | bit 2 (close_friend) | bit 12 (bot_active_users) = 0x1006
        0x06, 0x10, 0x00, 0x00,
        0x08, 0x07, 0x06, 0x05, 0x04, 0x03, 0x02, 0x01, // id = 0x0102030405060708
        0xfe, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // access_hash = -2
        0x03, b'A', b'n', b'n', // first_name: length 3, "Ann", 1 + 3 = 4: no padding
        0x07, 0x00, 0x00, 0x00, // bot_info_version = 7
        0xe8, 0x03, 0x00, 0x00, // bot_active_users = 1000 (flags2 fields come after flags ones)
    ];
    both_ways(&l230::enums::User::from(user), &bytes);

    // With no flags2 field set, the flags2 word is still written, as 0.
    let plain = l230::types::User { access_hash: Some(1), ..bare_user(9) };
    #[rustfmt::skip]
    let bytes = [
        0x83, 0xcc, 0xb8, 0xb1,
        0x01, 0x00, 0x00, 0x00, // flags = bit 0
        0x00, 0x00, 0x00, 0x00, // flags2 = 0
        0x09, 0, 0, 0, 0, 0, 0, 0, // id = 9
        0x01, 0, 0, 0, 0, 0, 0, 0, // access_hash = 1
    ];
    both_ways(&l230::enums::User::from(plain), &bytes);
}

// ---------------------------------------------------------------------------------------------
// (b) bytes: padding and the 0xfe form
// ---------------------------------------------------------------------------------------------

/// msgs_state_info#04deb57d req_msg_id:long info:bytes = MsgsStateInfo;
fn msgs_state_info(info: Vec<u8>) -> mt::enums::MsgsStateInfo {
    mt::types::MsgsStateInfo { req_msg_id: 0x1122_3344_5566_7788, info }.into()
}

const MSGS_STATE_INFO_HEAD: [u8; 12] = [
    0x7d, 0xb5, 0xde, 0x04, // msgs_state_info#04deb57d
    0x88, 0x77, 0x66, 0x55, 0x44, 0x33, 0x22, 0x11, // req_msg_id = 0x1122334455667788
];

#[test]
fn bytes_padding_short_form() {
    // 5 bytes: 1 length byte + 5 = 6, padded with 2 zero bytes to 8.
    let mut bytes = MSGS_STATE_INFO_HEAD.to_vec();
    bytes.extend_from_slice(&[0x05, 0xaa, 0xbb, 0xcc, 0xdd, 0xee, 0x00, 0x00]);
    both_ways(&msgs_state_info(vec![0xaa, 0xbb, 0xcc, 0xdd, 0xee]), &bytes);

    // Empty: the length byte and 3 bytes of padding.
    let mut bytes = MSGS_STATE_INFO_HEAD.to_vec();
    bytes.extend_from_slice(&[0x00, 0x00, 0x00, 0x00]);
    both_ways(&msgs_state_info(vec![]), &bytes);

    // 3 bytes: 1 + 3 = 4, no padding.
    let mut bytes = MSGS_STATE_INFO_HEAD.to_vec();
    bytes.extend_from_slice(&[0x03, 0x01, 0x02, 0x03]);
    both_ways(&msgs_state_info(vec![1, 2, 3]), &bytes);

    // 253 bytes, the longest short form: 0xfd, 253 bytes, 1 + 253 = 254, 2 bytes of padding.
    let mut bytes = MSGS_STATE_INFO_HEAD.to_vec();
    bytes.push(0xfd);
    bytes.extend(std::iter::repeat_n(0x5a, 253));
    bytes.extend_from_slice(&[0x00, 0x00]);
    both_ways(&msgs_state_info(vec![0x5a; 253]), &bytes);
}

#[test]
fn bytes_long_form() {
    // 254 bytes, the shortest 0xfe form: 0xfe, length 254 = 0x0000fe in 3 little-endian bytes,
    // 254 bytes, then 4 + 254 = 258, 2 bytes of padding.
    let payload: Vec<u8> = (0..254u16).map(|i| i as u8).collect();
    let mut bytes = MSGS_STATE_INFO_HEAD.to_vec();
    bytes.extend_from_slice(&[0xfe, 0xfe, 0x00, 0x00]);
    bytes.extend_from_slice(&payload);
    bytes.extend_from_slice(&[0x00, 0x00]);
    assert_eq!(bytes.len(), 12 + 260);
    both_ways(&msgs_state_info(payload), &bytes);

    // 70000 = 0x011170 bytes: 0xfe 0x70 0x11 0x01, no padding (70000 is a multiple of 4).
    let mut bytes = MSGS_STATE_INFO_HEAD.to_vec();
    bytes.extend_from_slice(&[0xfe, 0x70, 0x11, 0x01]);
    bytes.extend(std::iter::repeat_n(0xa5, 70000));
    both_ways(&msgs_state_info(vec![0xa5; 70000]), &bytes);

    // A 255-byte string: layer 230 `textPlain#744694e0 text:string = RichText;`.
    let text = "é".repeat(127) + "!"; // 127 * 2 + 1 = 255 bytes
    let mut bytes = vec![0xe0, 0x94, 0x46, 0x74, 0xfe, 0xff, 0x00, 0x00];
    bytes.extend_from_slice(text.as_bytes());
    bytes.push(0x00); // 4 + 255 = 259: one byte of padding
    both_ways(&l230::enums::RichText::from(l230::types::TextPlain { text }), &bytes);
}

// ---------------------------------------------------------------------------------------------
// (c) vectors
// ---------------------------------------------------------------------------------------------

#[test]
fn boxed_vector_of_int() {
    // layer 3: messages.deleteMessages#14f2dd0a id:Vector<int> = Vector<int>;
    let req = l3::functions::messages::DeleteMessages { id: vec![1, -1, 0x0102_0304] };
    returns::<_, Vec<i32>>(&req);
    #[rustfmt::skip]
    let bytes = [
        0x0a, 0xdd, 0xf2, 0x14, // messages.deleteMessages#14f2dd0a
        0x15, 0xc4, 0xb5, 0x1c, // vector#1cb5c415
        0x03, 0x00, 0x00, 0x00, // 3 elements
        0x01, 0x00, 0x00, 0x00, // 1
        0xff, 0xff, 0xff, 0xff, // -1
        0x04, 0x03, 0x02, 0x01, // 0x01020304
    ];
    both_ways(&req, &bytes);
    // The answer, a boxed Vector<int>.
    let answer = [0x15, 0xc4, 0xb5, 0x1c, 0x02, 0, 0, 0, 0x07, 0, 0, 0, 0x08, 0, 0, 0];
    both_ways(&vec![7i32, 8], &answer);
    let decoded = <l3::functions::messages::DeleteMessages as RemoteCall>::Return::from_bytes(&answer).unwrap();
    assert_eq!(decoded, [7, 8]);
}

#[test]
fn boxed_vector_of_user() {
    // layer 230: users.getUsers#0d91a548 id:Vector<InputUser> = Vector<User>;
    let req = l230::functions::users::GetUsers { id: vec![l230::types::InputUserSelf {}.into()] };
    returns::<_, Vec<l230::enums::User>>(&req);
    #[rustfmt::skip]
    let bytes = [
        0x48, 0xa5, 0x91, 0x0d, // users.getUsers#0d91a548
        0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, // vector, 1 element
        0x3f, 0xb1, 0xc1, 0xf7, // inputUserSelf#f7c1b13f
    ];
    both_ways(&req, &bytes);

    // The answer: userEmpty#d3bc4b7a id:long = User; twice. Elements are boxed.
    let users: Vec<l230::enums::User> =
        vec![l230::types::UserEmpty { id: 5 }.into(), l230::types::UserEmpty { id: -1 }.into()];
    #[rustfmt::skip]
    let bytes = [
        0x15, 0xc4, 0xb5, 0x1c, // vector#1cb5c415
        0x02, 0x00, 0x00, 0x00, // 2 elements
        0x7a, 0x4b, 0xbc, 0xd3, 0x05, 0, 0, 0, 0, 0, 0, 0, // userEmpty id = 5
        0x7a, 0x4b, 0xbc, 0xd3, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // userEmpty id = -1
    ];
    both_ways(&users, &bytes);
    assert_eq!(<l230::functions::users::GetUsers as RemoteCall>::Return::from_bytes(&bytes).unwrap(), users);
}

#[test]
fn bare_vector_of_bare_constructor() {
    // MTProto: future_salts#ae500895 req_msg_id:long now:int salts:vector<future_salt>;
    // future_salt#0949d9dc valid_since:int valid_until:int salt:long. `vector<future_salt>` is
    // bare (no vector id) and so are its elements (no future_salt id).
    let value: mt::enums::FutureSalts = mt::types::FutureSalts {
        req_msg_id: 1,
        now: 100,
        salts: vec![
            mt::types::FutureSalt { valid_since: 10, valid_until: 20, salt: 0x0a0b_0c0d_0e0f_1011 },
            mt::types::FutureSalt { valid_since: 1, valid_until: 2, salt: -1 },
        ],
    }
    .into();
    #[rustfmt::skip]
    let bytes = [
        0x95, 0x08, 0x50, 0xae, // future_salts#ae500895
        0x01, 0, 0, 0, 0, 0, 0, 0, // req_msg_id = 1
        0x64, 0x00, 0x00, 0x00, // now = 100
        0x02, 0x00, 0x00, 0x00, // 2 salts, no vector id
        0x0a, 0, 0, 0, 0x14, 0, 0, 0, // valid_since = 10, valid_until = 20
        0x11, 0x10, 0x0f, 0x0e, 0x0d, 0x0c, 0x0b, 0x0a, // salt
        0x01, 0, 0, 0, 0x02, 0, 0, 0, // 1, 2
        0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, // salt = -1
    ];
    both_ways(&value, &bytes);
}

// ---------------------------------------------------------------------------------------------
// (d) generic wrappers
// ---------------------------------------------------------------------------------------------

#[test]
fn invoke_with_layer3_around_a_layer3_function() {
    // invokeWithLayer3#b7475268 query:!X = X; around help.getConfig#c4f9186b = Config;
    let req = l3::functions::InvokeWithLayer3 { query: l3::functions::help::GetConfig {} };
    returns::<_, l3::enums::Config>(&req);
    let bytes = [0x68, 0x52, 0x47, 0xb7, 0x6b, 0x18, 0xf9, 0xc4];
    both_ways(&req, &bytes);
    // A server decodes the same bytes through the function enum.
    let any = l3::functions::Function::InvokeWithLayer3(Box::new(l3::functions::InvokeWithLayer3 {
        query: l3::functions::Function::HelpGetConfig(Box::new(l3::functions::help::GetConfig {})),
    }));
    both_ways(&any, &bytes);

    // Around messages.deleteMessages id:Vector<int> = Vector<int>; the wrapper returns Vec<i32>.
    let req = l3::functions::InvokeWithLayer3 { query: l3::functions::messages::DeleteMessages { id: vec![42] } };
    returns::<_, Vec<i32>>(&req);
    #[rustfmt::skip]
    let bytes = [
        0x68, 0x52, 0x47, 0xb7, // invokeWithLayer3
        0x0a, 0xdd, 0xf2, 0x14, // messages.deleteMessages
        0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, 0x2a, 0x00, 0x00, 0x00, // [42]
    ];
    both_ways(&req, &bytes);
}

#[test]
fn invoke_with_layer_230() {
    // invokeWithLayer#da9b0d0d {X:Type} layer:int query:!X = X; around help.getConfig.
    let req = l230::functions::InvokeWithLayer { layer: 230, query: l230::functions::help::GetConfig {} };
    returns::<_, l230::enums::Config>(&req);
    let bytes = [0x0d, 0x0d, 0x9b, 0xda, 0xe6, 0x00, 0x00, 0x00, 0x6b, 0x18, 0xf9, 0xc4];
    both_ways(&req, &bytes);
    assert_eq!(l230::LAYER, 230);

    // The usual first request: invokeWithLayer(initConnection(help.getConfig)).
    // initConnection#c1cd5ea9 {X:Type} flags:# api_id:int device_model:string
    // system_version:string app_version:string system_lang_code:string lang_pack:string
    // lang_code:string proxy:flags.0?InputClientProxy params:flags.1?JSONValue query:!X = X;
    let req = l230::functions::InvokeWithLayer {
        layer: 230,
        query: l230::functions::InitConnection {
            api_id: 4,
            device_model: "pc".into(),
            system_version: "1".into(),
            app_version: "2".into(),
            system_lang_code: "en".into(),
            lang_pack: String::new(),
            lang_code: "en".into(),
            proxy: None,
            params: Some(l230::types::JsonNull {}.into()),
            query: l230::functions::help::GetConfig {},
        },
    };
    returns::<_, l230::enums::Config>(&req);
    #[rustfmt::skip]
    let bytes = [
        0x0d, 0x0d, 0x9b, 0xda, // invokeWithLayer#da9b0d0d
        0xe6, 0x00, 0x00, 0x00, // layer = 230
        0xa9, 0x5e, 0xcd, 0xc1, // initConnection#c1cd5ea9
        0x02, 0x00, 0x00, 0x00, // flags = bit 1 (params)
        0x04, 0x00, 0x00, 0x00, // api_id = 4
        0x02, b'p', b'c', 0x00, // device_model
        0x01, b'1', 0x00, 0x00, // system_version
        0x01, b'2', 0x00, 0x00, // app_version
        0x02, b'e', b'n', 0x00, // system_lang_code
        0x00, 0x00, 0x00, 0x00, // lang_pack = ""
        0x02, b'e', b'n', 0x00, // lang_code
        0x68, 0x7b, 0x6d, 0x3f, // params = jsonNull#3f6d7b68
        0x6b, 0x18, 0xf9, 0xc4, // query = help.getConfig#c4f9186b
    ];
    both_ways(&req, &bytes);
    // Decoded as any function, the same bytes come back.
    let any = l230::functions::Function::from_bytes(&bytes).unwrap();
    assert_eq!(any.to_bytes(), bytes);
    let l230::functions::Function::InvokeWithLayer(outer) = any else { panic!("not invokeWithLayer: {any:?}") };
    assert_eq!(outer.layer, 230);
    assert!(matches!(outer.query, l230::functions::Function::InitConnection(_)));
}

// ---------------------------------------------------------------------------------------------
// (e) fields sharing one flag bit
// ---------------------------------------------------------------------------------------------

/// poll#966e2dbf id:long flags:# closed:flags.0?true ... question:TextWithEntities
/// answers:Vector<PollAnswer> close_period:flags.4?int close_date:flags.5?int
/// countries_iso2:flags.12?Vector<string> hash:long = Poll;
fn small_poll() -> (l230::enums::Poll, Vec<u8>) {
    let poll = l230::types::Poll {
        id: 1,
        closed: false,
        public_voters: false,
        multiple_choice: false,
        quiz: false,
        open_answers: false,
        revoting_disabled: false,
        shuffle_answers: false,
        hide_results_until_close: false,
        creator: false,
        subscribers_only: false,
        question: l230::types::TextWithEntities { text: "Q?".into(), entities: vec![] }.into(),
        answers: vec![],
        close_period: None,
        close_date: None,
        countries_iso2: None,
        hash: 0,
    };
    #[rustfmt::skip]
    let bytes = vec![
        0xbf, 0x2d, 0x6e, 0x96, // poll#966e2dbf
        0x01, 0, 0, 0, 0, 0, 0, 0, // id = 1 (before the flags word)
        0x00, 0x00, 0x00, 0x00, // flags = 0
        0x46, 0x31, 0x1f, 0x75, // question: textWithEntities#751f3146
        0x02, b'Q', b'?', 0x00, //   text = "Q?"
        0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x00, //   entities = []
        0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x00, // answers = []
        0x00, 0, 0, 0, 0, 0, 0, 0, // hash = 0
    ];
    (poll.into(), bytes)
}

#[test]
fn input_media_poll_shared_flag_bit() {
    // inputMediaPoll#883a4108 flags:# poll:Poll correct_answers:flags.0?Vector<int>
    // attached_media:flags.3?InputMedia solution:flags.1?string
    // solution_entities:flags.1?Vector<MessageEntity> solution_media:flags.2?InputMedia
    let (poll, poll_bytes) = small_poll();
    let unset = l230::types::InputMediaPoll {
        poll: poll.clone(),
        correct_answers: None,
        attached_media: None,
        solution: None,
        solution_media: None,
    };
    let mut bytes = vec![0x08, 0x41, 0x3a, 0x88, 0x00, 0x00, 0x00, 0x00]; // id, flags = 0
    bytes.extend_from_slice(&poll_bytes);
    both_ways(&l230::enums::InputMedia::from(unset), &bytes);

    // solution and solution_entities share bit 1: both are written, one bit set.
    let set = l230::types::InputMediaPoll {
        poll: poll.clone(),
        correct_answers: None,
        attached_media: None,
        solution: Some(l230::types::groups::InputMediaPollSolution {
            solution: "ok".into(),
            solution_entities: vec![l230::types::MessageEntityBold { offset: 0, length: 2 }.into()],
        }),
        solution_media: None,
    };
    let mut bytes = vec![0x08, 0x41, 0x3a, 0x88, 0x02, 0x00, 0x00, 0x00]; // id, flags = bit 1
    bytes.extend_from_slice(&poll_bytes);
    #[rustfmt::skip]
    bytes.extend_from_slice(&[
        0x02, b'o', b'k', 0x00, // solution = "ok"
        0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, // solution_entities: 1 element
        0xc9, 0x0b, 0x61, 0xbd, // messageEntityBold#bd610bc9
        0x00, 0x00, 0x00, 0x00, 0x02, 0x00, 0x00, 0x00, // offset = 0, length = 2
    ]);
    both_ways(&l230::enums::InputMedia::from(set), &bytes);

    // Bits 0 and 1 together: wire order follows the schema, not the bit numbers.
    let both = l230::types::InputMediaPoll {
        poll,
        correct_answers: Some(vec![0]),
        attached_media: None,
        solution: Some(l230::types::groups::InputMediaPollSolution {
            solution: String::new(),
            solution_entities: vec![],
        }),
        solution_media: None,
    };
    let mut bytes = vec![0x08, 0x41, 0x3a, 0x88, 0x03, 0x00, 0x00, 0x00]; // flags = bits 0, 1
    bytes.extend_from_slice(&poll_bytes);
    #[rustfmt::skip]
    bytes.extend_from_slice(&[
        0x15, 0xc4, 0xb5, 0x1c, 0x01, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, // correct_answers = [0]
        0x00, 0x00, 0x00, 0x00, // solution = ""
        0x15, 0xc4, 0xb5, 0x1c, 0x00, 0x00, 0x00, 0x00, // solution_entities = []
    ]);
    both_ways(&l230::enums::InputMedia::from(both), &bytes);
}
