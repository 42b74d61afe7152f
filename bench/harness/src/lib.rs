//! Realistic layer-230 values for the encode/decode benchmarks, built once with tlayer's types
//! and carried over to grammers' types through the wire (see [`theirs`]), so both libraries
//! work on the same logical value and must produce the same bytes.
//!
//! The four values:
//! * [`messages`]: `messages.messages` with 200 messages (text of varied length and script,
//!   entities, photo and document media, replies, forwards, views, reactions), 4 chats, 40 users;
//! * [`difference`]: `updates.difference` with 60 new messages, 120 other updates of six kinds,
//!   chats, users and the state;
//! * [`config`]: `config` with every optional field set and 24 DC options;
//! * [`users`]: `Vector<User>` of 1,000 users.
//!
//! Why one file of this size: the four realistic values, built field by field, and their
//! carrying over to grammers' types are one job: both sides must hold the same value.

use tlayer::TlWrite;
use tlayer_schema::layer230::{enums, types};

/// The schema both libraries are generated from (byte-identical to grammers-tl-types 0.11.0's
/// `tl/api.tl`).
pub const SCHEMA_PATH: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../schema/tl/layer230.tl");

/// A value of ours for each benchmark, by name.
pub struct Values {
    /// `messages.messages`, 200 messages.
    pub messages: enums::messages::Messages,
    /// `updates.difference`.
    pub difference: enums::updates::Difference,
    /// `config`.
    pub config: enums::Config,
    /// `Vector<User>`, 1,000 users.
    pub users: Vec<enums::User>,
}

impl Values {
    /// Builds all four (deterministic: same seed, same bytes).
    pub fn build() -> Self {
        Values { messages: messages(), difference: difference(), config: config(), users: users(1000) }
    }
}

/// Encodes `ours`, decodes the bytes with grammers, and checks that grammers encodes its value
/// to the very same bytes. Returns grammers' value and the bytes.
pub fn theirs<T>(ours: &impl TlWrite) -> (T, Vec<u8>)
where
    T: grammers_tl_types::Deserializable + grammers_tl_types::Serializable,
{
    let bytes = ours.to_bytes();
    let value = T::from_bytes(&bytes).expect("grammers decodes tlayer's bytes");
    assert!(value.to_bytes() == bytes, "grammers re-encodes to different bytes");
    (value, bytes)
}

/// A small deterministic generator (xorshift64*), so every run builds the same values.
pub struct Rng(u64);

impl Rng {
    /// Seeded generator.
    pub fn new(seed: u64) -> Self {
        Rng(seed.wrapping_mul(0x9e37_79b9_7f4a_7c15) | 1)
    }
    /// Next 64 random bits.
    pub fn bits(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    /// Uniform in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        self.bits() % n
    }
    /// True with probability `percent`%.
    pub fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
    /// An `i32` in `lo..hi`.
    pub fn int(&mut self, lo: i32, hi: i32) -> i32 {
        lo + self.below((hi - lo) as u64) as i32
    }
    /// Random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| self.bits() as u8).collect()
    }
}

const WORDS: &[&str] = &[
    "the",
    "meeting",
    "is",
    "moved",
    "to",
    "tomorrow",
    "at",
    "ten",
    "please",
    "check",
    "the",
    "new",
    "build",
    "release",
    "notes",
    "are",
    "here",
    "thanks",
    "привет",
    "как",
    "дела",
    "сегодня",
    "встреча",
    "😀",
    "👍",
    "🎉",
    "ok",
    "see",
    "you",
    "later",
    "photo",
    "from",
    "the",
    "trip",
    "Zürich",
    "naïve",
    "café",
    "東京",
    "ありがとう",
    "schedule",
    "deploy",
    "ticket",
    "review",
    "merge",
    "lunch",
    "coffee",
    "☕",
    "weekend",
];

/// A sentence of `n` words.
fn text(rng: &mut Rng, n: usize) -> String {
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push(' ');
        }
        s.push_str(WORDS[rng.below(WORDS.len() as u64) as usize]);
    }
    s
}

/// A message length in words: mostly short, sometimes long (as in real chats).
fn message_words(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0..=5 => 2 + rng.below(10) as usize,
        6..=8 => 12 + rng.below(40) as usize,
        _ => 60 + rng.below(120) as usize,
    }
}

fn peer_user(user_id: i64) -> enums::Peer {
    enums::Peer::User(types::PeerUser { user_id })
}

fn peer_channel(channel_id: i64) -> enums::Peer {
    enums::Peer::Channel(types::PeerChannel { channel_id })
}

fn entities(rng: &mut Rng, len: usize) -> Vec<enums::MessageEntity> {
    let n = rng.below(6) as usize;
    (0..n)
        .map(|_| {
            let offset = rng.below(len as u64 + 1) as i32;
            let length = 1 + rng.below(12) as i32;
            match rng.below(7) {
                0 => enums::MessageEntity::Bold(types::MessageEntityBold { offset, length }),
                1 => enums::MessageEntity::Italic(types::MessageEntityItalic { offset, length }),
                2 => enums::MessageEntity::Url(types::MessageEntityUrl { offset, length }),
                3 => enums::MessageEntity::Mention(types::MessageEntityMention { offset, length }),
                4 => enums::MessageEntity::TextUrl(types::MessageEntityTextUrl {
                    offset,
                    length,
                    url: format!("https://example.org/articles/{}?ref=chat", rng.below(100_000)),
                }),
                5 => enums::MessageEntity::CustomEmoji(types::MessageEntityCustomEmoji {
                    offset,
                    length,
                    document_id: rng.bits() as i64,
                }),
                _ => enums::MessageEntity::Pre(types::MessageEntityPre { offset, length, language: "rust".into() }),
            }
        })
        .collect()
}

fn photo(rng: &mut Rng, date: i32) -> enums::Photo {
    enums::Photo::Photo(Box::new(types::Photo {
        has_stickers: false,
        id: rng.bits() as i64,
        access_hash: rng.bits() as i64,
        file_reference: rng.bytes(29),
        date,
        sizes: vec![
            enums::PhotoSize::PhotoStrippedSize(types::PhotoStrippedSize { r#type: "i".into(), bytes: rng.bytes(120) }),
            enums::PhotoSize::PhotoSize(types::PhotoSize { r#type: "m".into(), w: 320, h: 240, size: 15_342 }),
            enums::PhotoSize::PhotoSize(types::PhotoSize { r#type: "x".into(), w: 800, h: 600, size: 61_004 }),
            enums::PhotoSize::Progressive(types::PhotoSizeProgressive {
                r#type: "y".into(),
                w: 1280,
                h: 960,
                sizes: vec![10_342, 35_012, 61_998, 110_432, 141_203],
            }),
        ],
        video_sizes: None,
        dc_id: 2,
    }))
}

fn document(rng: &mut Rng, date: i32) -> enums::Document {
    let video = rng.chance(50);
    let mut attributes = vec![enums::DocumentAttribute::Filename(types::DocumentAttributeFilename {
        file_name: format!(
            "{}_{}.{}",
            text(rng, 2).replace(' ', "_"),
            rng.below(1000),
            if video { "mp4" } else { "pdf" }
        ),
    })];
    if video {
        attributes.insert(
            0,
            enums::DocumentAttribute::Video(Box::new(types::DocumentAttributeVideo {
                round_message: false,
                supports_streaming: true,
                nosound: false,
                duration: 12.5 + rng.below(300) as f64,
                w: 1280,
                h: 720,
                preload_prefix_size: Some(262_144),
                video_start_ts: None,
                video_codec: Some("h264".into()),
            })),
        );
    }
    enums::Document::Document(Box::new(types::Document {
        id: rng.bits() as i64,
        access_hash: rng.bits() as i64,
        file_reference: rng.bytes(29),
        date,
        mime_type: if video { "video/mp4" } else { "application/pdf" }.into(),
        size: 10_000 + rng.below(50_000_000) as i64,
        thumbs: Some(vec![
            enums::PhotoSize::PhotoStrippedSize(types::PhotoStrippedSize { r#type: "i".into(), bytes: rng.bytes(100) }),
            enums::PhotoSize::PhotoSize(types::PhotoSize { r#type: "m".into(), w: 320, h: 180, size: 9_412 }),
        ]),
        video_thumbs: None,
        dc_id: 4,
        attributes,
    }))
}

fn media(rng: &mut Rng, date: i32) -> enums::MessageMedia {
    if rng.chance(60) {
        enums::MessageMedia::Photo(types::MessageMediaPhoto {
            spoiler: false,
            photo: Some(photo(rng, date)),
            ttl_seconds: None,
            video: None,
        })
    } else {
        enums::MessageMedia::Document(Box::new(types::MessageMediaDocument {
            nopremium: false,
            spoiler: false,
            video: false,
            round: false,
            voice: false,
            document: Some(document(rng, date)),
            alt_documents: None,
            video_cover: None,
            video_timestamp: None,
            ttl_seconds: None,
        }))
    }
}

fn reply_header(rng: &mut Rng, id: i32) -> enums::MessageReplyHeader {
    let quote = rng.chance(30);
    enums::MessageReplyHeader::MessageReplyHeader(Box::new(types::MessageReplyHeader {
        reply_to_scheduled: false,
        forum_topic: false,
        quote,
        reply_to_ephemeral: false,
        reply_to_msg_id: Some(id - 1 - rng.below(20) as i32),
        reply_to_peer_id: None,
        reply_from: None,
        reply_media: None,
        reply_to_top_id: None,
        quote_text: if quote { Some(text(rng, 5)) } else { None },
        quote_entities: None,
        quote_offset: if quote { Some(0) } else { None },
        todo_item_id: None,
        poll_option: None,
    }))
}

fn fwd_header(rng: &mut Rng, date: i32) -> enums::MessageFwdHeader {
    enums::MessageFwdHeader::MessageFwdHeader(Box::new(types::MessageFwdHeader {
        imported: false,
        saved_out: false,
        from_id: Some(peer_channel(1_000_000 + rng.below(1000) as i64)),
        from_name: None,
        date: date - 86_400,
        channel_post: Some(rng.int(1, 90_000)),
        post_author: Some("Editorial".into()),
        saved_from_peer: None,
        saved_from_id: None,
        saved_from_name: None,
        saved_date: None,
        psa_type: None,
    }))
}

fn reactions(rng: &mut Rng) -> enums::MessageReactions {
    let n = 1 + rng.below(4) as usize;
    let emoji = ["👍", "❤", "🔥", "😂"];
    enums::MessageReactions::MessageReactions(Box::new(types::MessageReactions {
        min: false,
        can_see_list: true,
        reactions_as_tags: false,
        results: (0..n)
            .map(|i| {
                enums::ReactionCount::ReactionCount(types::ReactionCount {
                    chosen_order: if i == 0 && rng.chance(30) { Some(0) } else { None },
                    reaction: enums::Reaction::Emoji(types::ReactionEmoji { emoticon: emoji[i].into() }),
                    count: rng.int(1, 500),
                })
            })
            .collect(),
        recent_reactions: None,
        top_reactors: None,
    }))
}

/// One `message`: `channel` messages are posts (views, forwards, replies counter, author);
/// others come from users in a group.
fn message(rng: &mut Rng, id: i32, date: i32, channel: bool, users: i64) -> enums::Message {
    let words = message_words(rng);
    let text = text(rng, words);
    let entities = if rng.chance(40) { Some(entities(rng, text.chars().count())) } else { None };
    let media = if rng.chance(30) { Some(media(rng, date)) } else { None };
    let reply_to = if rng.chance(25) { Some(reply_header(rng, id)) } else { None };
    let fwd_from = if rng.chance(10) { Some(fwd_header(rng, date)) } else { None };
    let reactions = if rng.chance(20) { Some(reactions(rng)) } else { None };
    let from = 100_000 + rng.below(users as u64) as i64;
    enums::Message::Message(Box::new(types::Message {
        out: rng.chance(20),
        mentioned: rng.chance(5),
        media_unread: false,
        silent: false,
        post: channel,
        from_scheduled: false,
        legacy: false,
        edit_hide: rng.chance(10),
        pinned: rng.chance(2),
        noforwards: false,
        invert_media: false,
        offline: false,
        video_processing_pending: false,
        paid_suggested_post_stars: false,
        paid_suggested_post_ton: false,
        id,
        from_id: if channel { None } else { Some(peer_user(from)) },
        from_boosts_applied: None,
        from_rank: None,
        peer_id: peer_channel(1_234_567),
        saved_peer_id: None,
        fwd_from,
        via_bot_id: None,
        via_business_bot_id: None,
        guestchat_via_from: None,
        reply_to,
        date,
        message: text,
        media,
        reply_markup: None,
        entities,
        views: if channel {
            Some(types::groups::MessageViews { views: rng.int(100, 90_000), forwards: rng.int(0, 300) })
        } else {
            None
        },
        replies: if channel {
            Some(enums::MessageReplies::MessageReplies(Box::new(types::MessageReplies {
                replies: rng.int(0, 50),
                replies_pts: rng.int(1, 10_000),
                recent_repliers: None,
                channel_id: Some(7_654_321),
                max_id: Some(id + 1000),
                read_max_id: None,
            })))
        } else {
            None
        },
        edit_date: if rng.chance(10) { Some(date + 60) } else { None },
        post_author: if channel { Some("Editorial".into()) } else { None },
        grouped_id: None,
        reactions,
        restriction_reason: None,
        ttl_period: None,
        quick_reply_shortcut_id: None,
        effect: None,
        factcheck: None,
        report_delivery_until_date: None,
        paid_message_stars: None,
        suggested_post: None,
        schedule_repeat_period: None,
        summary_from_language: None,
        rich_message: None,
    }))
}

/// A user as the server sends it in results: names, username, photo, status, often more.
pub fn user(rng: &mut Rng, id: i64) -> enums::User {
    let bot = rng.chance(5);
    let premium = rng.chance(15);
    enums::User::User(Box::new(types::User {
        self_: false,
        contact: rng.chance(20),
        mutual_contact: rng.chance(10),
        deleted: false,
        bot_chat_history: false,
        bot_nochats: false,
        verified: rng.chance(2),
        min: rng.chance(30),
        bot_inline_geo: false,
        support: false,
        scam: false,
        apply_min_photo: true,
        fake: false,
        bot_attach_menu: false,
        premium,
        attach_menu_enabled: false,
        bot_can_edit: false,
        close_friend: false,
        stories_hidden: false,
        stories_unavailable: true,
        contact_require_premium: false,
        bot_business: false,
        bot_has_main_app: false,
        bot_forum_view: false,
        bot_forum_can_manage_topics: false,
        bot_can_manage_bots: false,
        bot_guestchat: false,
        bot_guard: false,
        id,
        access_hash: Some(rng.bits() as i64),
        first_name: Some(text(rng, 1)),
        last_name: if rng.chance(60) { Some(text(rng, 1)) } else { None },
        username: if rng.chance(70) { Some(format!("user_{id}_{}", rng.below(1000))) } else { None },
        phone: if rng.chance(20) { Some(format!("4479{:08}", rng.below(100_000_000))) } else { None },
        photo: if rng.chance(80) {
            Some(enums::UserProfilePhoto::UserProfilePhoto(types::UserProfilePhoto {
                has_video: false,
                personal: false,
                photo_id: rng.bits() as i64,
                stripped_thumb: Some({
                    let n = 80 + rng.below(60) as usize;
                    rng.bytes(n)
                }),
                dc_id: 2,
            }))
        } else {
            None
        },
        status: Some(match rng.below(3) {
            0 => enums::UserStatus::Online(types::UserStatusOnline { expires: 1_750_000_300 }),
            1 => enums::UserStatus::Offline(types::UserStatusOffline { was_online: 1_749_990_000 }),
            _ => enums::UserStatus::Recently(types::UserStatusRecently { by_me: false }),
        }),
        bot_info_version: if bot { Some(rng.int(1, 20)) } else { None },
        restriction_reason: None,
        bot_inline_placeholder: None,
        lang_code: if rng.chance(50) { Some("en".into()) } else { None },
        emoji_status: if premium {
            Some(enums::EmojiStatus::EmojiStatus(types::EmojiStatus { document_id: rng.bits() as i64, until: None }))
        } else {
            None
        },
        usernames: if rng.chance(5) {
            Some(vec![
                enums::Username::Username(types::Username {
                    editable: true,
                    active: true,
                    deletable: false,
                    expired: false,
                    username: format!("main_{id}"),
                }),
                enums::Username::Username(types::Username {
                    editable: false,
                    active: true,
                    deletable: false,
                    expired: false,
                    username: format!("collectible_{id}"),
                }),
            ])
        } else {
            None
        },
        stories_max_id: None,
        color: if rng.chance(40) {
            Some(enums::PeerColor::PeerColor(types::PeerColor {
                color: Some(rng.int(0, 7)),
                background_emoji_id: if premium { Some(rng.bits() as i64) } else { None },
            }))
        } else {
            None
        },
        profile_color: None,
        bot_active_users: if bot { Some(rng.int(10, 100_000)) } else { None },
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_community_id: None,
    }))
}

fn chat_photo(rng: &mut Rng) -> enums::ChatPhoto {
    enums::ChatPhoto::ChatPhoto(types::ChatPhoto {
        has_video: false,
        photo_id: rng.bits() as i64,
        stripped_thumb: Some(rng.bytes(100)),
        dc_id: 2,
    })
}

fn channel(rng: &mut Rng, id: i64, title: &str) -> enums::Chat {
    enums::Chat::Channel(Box::new(types::Channel {
        creator: false,
        left: false,
        broadcast: true,
        verified: false,
        megagroup: false,
        signatures: true,
        min: false,
        scam: false,
        has_link: true,
        has_geo: false,
        slowmode_enabled: false,
        call_active: false,
        call_not_empty: false,
        fake: false,
        gigagroup: false,
        noforwards: false,
        join_to_send: false,
        join_request: false,
        forum: false,
        stories_hidden: false,
        stories_hidden_min: false,
        stories_unavailable: true,
        signature_profiles: false,
        autotranslation: false,
        broadcast_messages_allowed: false,
        monoforum: false,
        forum_tabs: false,
        id,
        access_hash: Some(rng.bits() as i64),
        title: title.into(),
        username: Some(format!("channel{id}")),
        photo: chat_photo(rng),
        date: 1_600_000_000,
        restriction_reason: None,
        admin_rights: None,
        banned_rights: None,
        default_banned_rights: Some(enums::ChatBannedRights::ChatBannedRights(types::ChatBannedRights {
            view_messages: false,
            send_messages: false,
            send_media: false,
            send_stickers: false,
            send_gifs: false,
            send_games: false,
            send_inline: false,
            embed_links: false,
            send_polls: false,
            change_info: true,
            invite_users: false,
            pin_messages: true,
            manage_topics: false,
            send_photos: false,
            send_videos: false,
            send_roundvideos: false,
            send_audios: false,
            send_voices: false,
            send_docs: false,
            send_plain: false,
            edit_rank: false,
            send_reactions: false,
            manage_linked_peers: false,
            until_date: 0,
        })),
        participants_count: Some(rng.int(1000, 2_000_000)),
        usernames: None,
        stories_max_id: None,
        color: Some(enums::PeerColor::PeerColor(types::PeerColor { color: Some(3), background_emoji_id: None })),
        profile_color: None,
        emoji_status: None,
        level: Some(rng.int(1, 30)),
        subscription_until_date: None,
        bot_verification_icon: None,
        send_paid_messages_stars: None,
        linked_monoforum_id: None,
        linked_community_id: None,
    }))
}

fn chat(rng: &mut Rng, id: i64, title: &str) -> enums::Chat {
    enums::Chat::Chat(Box::new(types::Chat {
        creator: false,
        left: false,
        deactivated: false,
        call_active: false,
        call_not_empty: false,
        noforwards: false,
        id,
        title: title.into(),
        photo: chat_photo(rng),
        participants_count: rng.int(3, 200),
        date: 1_650_000_000,
        version: rng.int(1, 50),
        migrated_to: None,
        admin_rights: None,
        default_banned_rights: None,
    }))
}

fn chats(rng: &mut Rng, n: usize) -> Vec<enums::Chat> {
    (0..n)
        .map(|i| {
            let title = text(rng, 3);
            if i % 2 == 0 { channel(rng, 1_234_567 + i as i64, &title) } else { chat(rng, 4_000 + i as i64, &title) }
        })
        .collect()
}

/// `messages.messages`: 200 messages of a busy channel/group, with the chats and users they mention.
pub fn messages() -> enums::messages::Messages {
    let mut rng = Rng::new(1);
    let messages = (0..200)
        .map(|i| {
            let channel = i % 3 == 0;
            message(&mut rng, 50_000 - i, 1_750_000_000 - 37 * i, channel, 40)
        })
        .collect();
    let chats = chats(&mut rng, 4);
    let users = (0..40).map(|i| user(&mut rng, 100_000 + i)).collect();
    enums::messages::Messages::Messages(Box::new(types::messages::Messages { messages, topics: vec![], chats, users }))
}

/// `updates.difference` after some time offline: new messages, 120 other updates, chats, users.
pub fn difference() -> enums::updates::Difference {
    let mut rng = Rng::new(2);
    let new_messages = (0..60).map(|i| message(&mut rng, 80_000 + i, 1_750_000_000 + 11 * i, i % 4 == 0, 30)).collect();
    let other_updates = (0..120)
        .map(|i| match i % 6 {
            0 => enums::Update::NewMessage(types::UpdateNewMessage {
                message: message(&mut rng, 90_000 + i, 1_750_001_000 + i, false, 30),
                pts: 1000 + i,
                pts_count: 1,
            }),
            1 => enums::Update::EditMessage(types::UpdateEditMessage {
                message: message(&mut rng, 70_000 + i, 1_749_990_000 + i, false, 30),
                pts: 1000 + i,
                pts_count: 1,
            }),
            2 => enums::Update::ReadHistoryInbox(types::UpdateReadHistoryInbox {
                folder_id: None,
                peer: peer_user(100_000 + rng.below(30) as i64),
                top_msg_id: None,
                max_id: 90_000 + i,
                still_unread_count: rng.int(0, 10),
                pts: 1000 + i,
                pts_count: 1,
            }),
            3 => enums::Update::UserStatus(types::UpdateUserStatus {
                user_id: 100_000 + rng.below(30) as i64,
                status: enums::UserStatus::Offline(types::UserStatusOffline { was_online: 1_750_000_000 + i }),
            }),
            4 => enums::Update::DeleteMessages(types::UpdateDeleteMessages {
                messages: {
                    let n = 1 + rng.below(8) as i32;
                    (0..n).map(|k| 60_000 + i + k).collect()
                },
                pts: 1000 + i,
                pts_count: 1,
            }),
            _ => enums::Update::MessageId(types::UpdateMessageId { id: 95_000 + i, random_id: rng.bits() as i64 }),
        })
        .collect();
    let chats = chats(&mut rng, 6);
    let users = (0..30).map(|i| user(&mut rng, 100_000 + i)).collect();
    enums::updates::Difference::Difference(Box::new(types::updates::Difference {
        new_messages,
        new_encrypted_messages: vec![],
        other_updates,
        chats,
        users,
        state: enums::updates::State::State(types::updates::State {
            pts: 1200,
            qts: 0,
            date: 1_750_002_000,
            seq: 310,
            unread_count: 17,
        }),
    }))
}

/// `help.getConfig`'s result: every optional field set, 24 DC options (IPv4 and IPv6, media,
/// CDN, some with secrets), as the server sends it.
pub fn config() -> enums::Config {
    let mut rng = Rng::new(3);
    let dc_options = (0..24)
        .map(|i| {
            let ipv6 = i % 2 == 1;
            enums::DcOption::DcOption(Box::new(types::DcOption {
                ipv6,
                media_only: i % 5 == 0,
                tcpo_only: i % 11 == 0,
                cdn: i % 7 == 0,
                r#static: i % 9 == 0,
                this_port_only: false,
                id: 1 + (i % 5),
                ip_address: if ipv6 {
                    format!("2001:0b28:f23d:f00{}:0000:0000:0000:000a", i % 5)
                } else {
                    format!("149.154.{}.{}", 160 + i % 16, 50 + i)
                },
                port: if i % 3 == 0 { 443 } else { 80 },
                secret: if i % 8 == 0 { Some(rng.bytes(16)) } else { None },
            }))
        })
        .collect();
    enums::Config::Config(Box::new(types::Config {
        default_p2p_contacts: true,
        preload_featured_stickers: false,
        revoke_pm_inbox: true,
        blocked_mode: false,
        force_try_ipv6: false,
        date: 1_750_000_000,
        expires: 1_750_003_600,
        test_mode: false,
        this_dc: 2,
        dc_options,
        dc_txt_domain_name: "apv3.stel.com".into(),
        chat_size_max: 200,
        megagroup_size_max: 200_000,
        forwarded_count_max: 100,
        online_update_period_ms: 210_000,
        offline_blur_timeout_ms: 5_000,
        offline_idle_timeout_ms: 30_000,
        online_cloud_timeout_ms: 300_000,
        notify_cloud_delay_ms: 30_000,
        notify_default_delay_ms: 1_500,
        push_chat_period_ms: 60_000,
        push_chat_limit: 2,
        edit_time_limit: 172_800,
        revoke_time_limit: 2_147_483_647,
        revoke_pm_time_limit: 2_147_483_647,
        rating_e_decay: 2_419_200,
        stickers_recent_limit: 200,
        channels_read_media_period: 604_800,
        tmp_sessions: Some(10),
        call_receive_timeout_ms: 20_000,
        call_ring_timeout_ms: 90_000,
        call_connect_timeout_ms: 30_000,
        call_packet_timeout_ms: 10_000,
        me_url_prefix: "https://t.me/".into(),
        autoupdate_url_prefix: Some("https://telegram.org/dl?tme=".into()),
        gif_search_username: Some("gif".into()),
        venue_search_username: Some("foursquare".into()),
        img_search_username: Some("bing".into()),
        static_maps_provider: Some("telegram".into()),
        caption_length_max: 1024,
        message_length_max: 4096,
        webfile_dc_id: 4,
        suggested_lang_code: Some(types::groups::ConfigSuggestedLangCode {
            suggested_lang_code: "en".into(),
            lang_pack_version: 9_876,
            base_lang_pack_version: 9_870,
        }),
        reactions_default: Some(enums::Reaction::Emoji(types::ReactionEmoji { emoticon: "👍".into() })),
        autologin_token: Some("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6".into()),
    }))
}

/// `Vector<User>` of `n` users (what `users.getUsers` or `contacts.getContacts` return).
pub fn users(n: i64) -> Vec<enums::User> {
    let mut rng = Rng::new(4);
    (0..n).map(|i| user(&mut rng, 100_000 + i)).collect()
}
