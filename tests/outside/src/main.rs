//! Uses the generated code as the README shows; prints `outside: ok` when every check holds.

use outside::layer230::{enums, functions, name_for_id, types};
use tlayer::{TlRead, TlWrite};

fn main() {
    let request = functions::messages::SendMessage {
        no_webpage: false,
        silent: false,
        background: false,
        clear_draft: false,
        noforwards: false,
        update_stickersets_order: false,
        invert_media: false,
        allow_paid_floodskip: false,
        peer: types::InputPeerUser { user_id: 42, access_hash: 7 }.into(),
        reply_to: Some(
            types::InputReplyToMessage {
                reply_to_msg_id: 10,
                top_msg_id: None,
                reply_to_peer_id: None,
                quote_text: None,
                quote_entities: None,
                quote_offset: None,
                monoforum_peer_id: None,
                todo_item_id: None,
                poll_option: None,
            }
            .into(),
        ),
        message: "hi".into(),
        random_id: 1,
        reply_markup: None,
        entities: None,
        schedule_date: None,
        schedule_repeat_period: None,
        send_as: None,
        quick_reply_shortcut: None,
        effect: None,
        allow_paid_stars: None,
        suggested_post: None,
        rich_message: None,
    };
    let bytes = request.to_bytes();
    assert_eq!(bytes[..4], 0xfef48f62_u32.to_le_bytes());
    // flags: only bit 0 (reply_to) is set.
    assert_eq!(bytes[4..8], 1_u32.to_le_bytes());
    assert_eq!(functions::messages::SendMessage::from_bytes(&bytes).unwrap(), request);
    assert_eq!(name_for_id(0xfef48f62), Some("messages.sendMessage"));
    // Boxed types without a `double` inside are Eq + Hash: peers key sets and maps.
    let peers: std::collections::HashSet<enums::Peer> =
        [types::PeerUser { user_id: 42 }.into(), types::PeerChat { chat_id: 42 }.into(), types::PeerUser { user_id: 42 }.into()]
            .into();
    assert_eq!(peers.len(), 2);
    // A field every constructor of a type has is a method of its enum.
    let empty: enums::Message = types::MessageEmpty { id: 11, peer_id: None }.into();
    assert_eq!(empty.id(), 11);
    // The runtime's own constructors, as the runtime writes them.
    let id = |bytes: Vec<u8>| u32::from_le_bytes(bytes[..4].try_into().unwrap());
    assert_eq!(name_for_id(0x997275b5), Some("boolTrue"));
    assert_eq!(name_for_id(id(true.to_bytes())), Some("boolTrue"));
    assert_eq!(name_for_id(id(false.to_bytes())), Some("boolFalse"));
    assert_eq!(name_for_id(id(Vec::<i64>::new().to_bytes())), Some("vector"));
    assert_eq!(outside::mtproto::name_for_id(0x05162463), Some("resPQ"));
    println!("outside: ok");
}
