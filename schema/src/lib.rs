//! Telegram's TL schemas as Rust types, generated at build time by `tlayer-codegen`.
//!
//! One module per schema, each behind a feature of the same name: [`layer3`] and [`mtproto`]
//! (Telegram's official MTProto schema) by default, `layer1`, `layer2`, `layer230` and `layers` (layers 1 to 3 merged) on request. Each module has `types` (a struct
//! per constructor), `enums` (an enum per boxed type), `functions` (a struct per function and
//! the `Function` enum a server decodes requests with), `name_for_id`, and `LAYER` when the
//! schema declares one.
//!
//! ```
//! # #[cfg(feature = "layer3")] {
//! use tlayer::{TlRead, TlWrite};
//! use tlayer_schema::layer3::{enums, types};
//!
//! let sent = types::messages::SentMessageLink { id: 1, date: 2, pts: 3, seq: 4, links: vec![] };
//! let bytes = enums::messages::SentMessage::from(sent.clone()).to_bytes();
//! assert_eq!(bytes[..4], 0xe9db4a3f_u32.to_le_bytes());
//! assert_eq!(enums::messages::SentMessage::from_bytes(&bytes).unwrap(), sent.into());
//! # }
//! ```
//!
//! [`files`] gives the paths (and texts) of the shipped `.tl` files, for a build script that
//! generates its own code; with `default-features = false` this crate generates nothing.

pub mod files;

/// Telegram API layer 1.
#[cfg(feature = "layer1")]
pub mod layer1 {
    include!(concat!(env!("OUT_DIR"), "/layer1.rs"));
}

/// Telegram API layer 2.
#[cfg(feature = "layer2")]
pub mod layer2 {
    include!(concat!(env!("OUT_DIR"), "/layer2.rs"));
}

/// Telegram API layer 3: adds the contact-link results (`messages.sentMessageLink`, ...).
#[cfg(feature = "layer3")]
pub mod layer3 {
    include!(concat!(env!("OUT_DIR"), "/layer3.rs"));
}

/// Telegram API layer 230 (the schema grammers-tl-types 0.11.0 is built from).
#[cfg(feature = "layer230")]
pub mod layer230 {
    include!(concat!(env!("OUT_DIR"), "/layer230.rs"));
}

/// Layers 1, 2 and 3 in one set of types: every version of every constructor (older versions
/// carry a `LayerN` suffix), `SINCE`/`UNTIL` on each, and `tlayer::WriteForLayer` to encode for
/// the layer a peer speaks.
#[cfg(feature = "layers")]
pub mod layers {
    include!(concat!(env!("OUT_DIR"), "/layers.rs"));
}

/// MTProto, from Telegram's published schema (core.telegram.org/schema/mtproto) as written:
/// the auth-key exchange (`req_pq_multi`, `resPQ`, `req_DH_params`, ...), `message` (id-less,
/// used bare in `msg_container`; its `bytes:int` is computed on write and checked on read, so
/// the struct has no `bytes` field), `msg_container`, `msg_copy`, `rpc_result` (its `result` is
/// a [`tlayer::RawObject`]: decode it with `RawObject::answer` and the request type),
/// `rpc_error`, `gzip_packed` and the service messages.
///
/// The binary `string` fields of the schema (`pq`, `p`, `q`, `encrypted_data`,
/// `encrypted_answer`, `dh_prime`, `g_a`, `g_b`, RSA `n` and `e`, `info`) are `Vec<u8>`; text
/// (`rpc_error.error_message`) stays `String`. See `docs/mtproto.md`.
///
/// With an API layer (feature `layer230`) the two live side by side, and an `Object` carries
/// a value of either:
///
/// ```
/// # #[cfg(all(feature = "mtproto", feature = "layer230"))] {
/// use tlayer::{RawObject, TlRead, TlWrite};
/// use tlayer_schema::{layer230 as api, mtproto};
///
/// // The server answers `help.getNearestDc` ...
/// let answer = api::types::NearestDc { country: "NL".into(), this_dc: 2, nearest_dc: 4 };
/// let reply = mtproto::types::RpcResult {
///     req_msg_id: 7,
///     result: RawObject::from_answer::<api::functions::help::GetNearestDc>(&answer.clone().into()),
/// };
/// let bytes = reply.to_bytes();
/// // ... and the client gets the typed answer back, or the server's `rpc_error`.
/// let reply = mtproto::types::RpcResult::from_bytes(&bytes).unwrap();
/// let got = reply.result.answer::<api::functions::help::GetNearestDc, mtproto::types::RpcError>().unwrap();
/// assert_eq!(got, Ok(answer.into()));
/// # }
/// ```
#[cfg(feature = "mtproto")]
pub mod mtproto {
    include!(concat!(env!("OUT_DIR"), "/mtproto.rs"));
}
