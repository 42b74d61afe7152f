//! An in-memory MTProto client and server that create an auth key, built on the types tlayer
//! generates from Telegram's official MTProto schema (`schema/tl/mtproto.tl`), with RustCrypto's
//! `sha1`, `sha2` and `aes` (AES-256-IGE written here, in [`ige`]) and `num-bigint` for RSA and
//! Diffie-Hellman.
//!
//! The exchange (core.telegram.org/mtproto/auth_key), each message an unencrypted
//! [`envelope`]:
//!
//! 1. client: `req_pq_multi` (a random `nonce`); server: `resPQ` (`server_nonce`, `pq`, key
//!    fingerprints);
//! 2. client factors `pq` and sends `req_DH_params` with `p_q_inner_data_dc` encrypted by
//!    `RSA_PAD`; server: `server_DH_params_ok`, `server_DH_inner_data` (`g`, `dh_prime`, `g_a`)
//!    encrypted with a key derived from both nonces;
//! 3. client: `set_client_DH_params` with `client_DH_inner_data` (`g_b`); server: `dh_gen_ok`.
//!    Both now hold `auth_key = g^(ab) mod dh_prime`.
//!
//! [`client::Client`] and [`server::Server`] are sans-IO state machines: they take message bodies
//! and an [`entropy::Entropy`] and return bodies. The tests replay Telegram's published sample
//! exchange through them with its random values fixed.

pub mod client;
pub mod crypto;
pub mod entropy;
pub mod envelope;
pub mod ige;
pub mod server;

/// The generated MTProto types (Telegram's official schema, plus the sample exchange's
/// `p_q_inner_data#83c95aec`).
#[allow(missing_docs, clippy::all)]
pub mod mtproto {
    include!(concat!(env!("OUT_DIR"), "/mtproto.rs"));
}

use std::fmt;

/// Why a step of the exchange failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum HandshakeError {
    /// A message did not decode as the type the step expects.
    Decode(tlayer::Error),
    /// A packet is not a well-formed unencrypted message.
    Envelope(envelope::EnvelopeError),
    /// The peer broke a rule of the protocol (a nonce that does not match, a failed check).
    Protocol(&'static str),
}

impl fmt::Display for HandshakeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            HandshakeError::Decode(e) => write!(f, "decoding failed: {e}"),
            HandshakeError::Envelope(e) => write!(f, "bad packet: {e}"),
            HandshakeError::Protocol(what) => write!(f, "protocol violation: {what}"),
        }
    }
}

impl std::error::Error for HandshakeError {}

impl From<tlayer::Error> for HandshakeError {
    fn from(e: tlayer::Error) -> Self {
        HandshakeError::Decode(e)
    }
}

impl From<envelope::EnvelopeError> for HandshakeError {
    fn from(e: envelope::EnvelopeError) -> Self {
        HandshakeError::Envelope(e)
    }
}

/// Message ids for one side: `unixtime * 2^32`, then the next multiple of 4 (client) or the
/// next id `≡ 1 (mod 4)` (server), always increasing.
#[derive(Debug, Clone)]
pub struct MsgIds {
    last: i64,
    server: bool,
}

impl MsgIds {
    /// Ids for the client (`server: false`) or the server side.
    pub fn new(server: bool) -> Self {
        MsgIds { last: 0, server }
    }

    /// The next id at Unix time `now` (seconds).
    pub fn next(&mut self, now: u32) -> i64 {
        let base = (i64::from(now) << 32) | if self.server { 1 } else { 0 };
        self.last = if base > self.last { base } else { self.last + 4 };
        self.last
    }
}
