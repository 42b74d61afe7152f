//! The generated modules.

/// Telegram API layer 230.
pub mod layer230 {
    include!(concat!(env!("OUT_DIR"), "/layer230.rs"));
}

/// MTProto service types.
pub mod mtproto {
    include!(concat!(env!("OUT_DIR"), "/mtproto.rs"));
}

/// This crate's own schema.
pub mod wrong_id {
    include!(concat!(env!("OUT_DIR"), "/wrong_id.rs"));
}
