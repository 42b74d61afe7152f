//! The secret-chat and TON schemas of the corpus as Rust, compiled with warnings denied.

#![deny(warnings, missing_docs)]

/// tdlib's `secret_api.tl`: end-to-end secret chats, every layer in one file.
pub mod secret {
    include!(concat!(env!("OUT_DIR"), "/secret.rs"));
}

/// TON's `ton_api.tl`.
pub mod ton {
    include!(concat!(env!("OUT_DIR"), "/ton.rs"));
}

/// TON's `lite_api.tl`.
pub mod ton_lite {
    include!(concat!(env!("OUT_DIR"), "/ton_lite.rs"));
}
