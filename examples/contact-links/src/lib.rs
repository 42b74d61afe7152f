//! The contact-link rules of Telegram's layer 3 ("Requests" page), served for real by an
//! in-memory server to clients speaking layer 2 and layer 3, which exchange nothing but bytes
//! encoded and decoded by the code `tlayer` generates from layers 1, 2 and 3
//! (`tlayer_schema::layers`). The same server code answers both: it builds the layer-3 result
//! and the generated `WriteForLayer` downgrades it for a layer-2 peer.
//!
//! - [`links`]: what one user knows of another's number, and how it maps to `contacts.myLink*`,
//!   `contacts.foreignLink*` and `userContact` / `userRequest` / `userForeign` (the table is
//!   there), plus rule 1;
//! - [`server`]: accounts, phone books, revealed numbers, messages, and the one handler that
//!   decodes any request, learns the peer's layer and answers for it;
//! - [`client`]: a client on one layer, with its own connection;
//! - [`session`]: the scripted session the binary prints ([`session::transcript`]).

#![warn(missing_docs)]

pub mod client;
pub mod links;
pub mod server;
pub mod session;

pub use client::{Announce, Client, ClientError, Exchange};
pub use links::Knowledge;
pub use server::{DEFAULT_LAYER, Server};
