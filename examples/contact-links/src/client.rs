//! A client on one layer: it encodes requests for its layer (wrapping them in
//! `invokeWithLayerN` as its [`Announce`] policy says), hands the bytes to the server, and
//! decodes the reply with the request's `RemoteCall::Return` type.
//!
//! It keeps the users it has received (its "peer cache") to address them: `inputPeerContact`
//! for a `userContact`, `inputPeerForeign` with the access hash otherwise. A layer-3 client also
//! refreshes that cache from the `links` of its own sent messages; a layer-2 client gets no links
//! and only learns of a change when it asks again (`users.getUsers`, `contacts.getContacts`).

use std::collections::BTreeMap;
use std::fmt;

use tlayer::{LayerError, RemoteCall, TlRead, WriteForLayer};
use tlayer_schema::layers::{enums, functions, types};

use crate::links::{name, user_id};
use crate::server::{ConnectionId, ERROR_ID, Server, constructor_id};

/// When a client wraps its requests in `invokeWithLayerN`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Announce {
    /// Every request is wrapped.
    EveryRequest,
    /// Only the first request is wrapped; the server remembers the layer for the connection.
    FirstRequest,
    /// No request is wrapped: the server answers in its default layer.
    Never,
}

/// The three `invokeWithLayerN` wrappers: `invokeWithLayer1`, `invokeWithLayer2`, `invokeWithLayer3`.
pub const LAYER_WRAPPERS: [u32; 3] = [0x53835315, 0x289dd1f6, 0xb7475268];

/// One request and its reply, as bytes.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Exchange {
    /// The bytes sent.
    pub request: Vec<u8>,
    /// The bytes received.
    pub reply: Vec<u8>,
}

impl Exchange {
    /// The constructor ids at the head of the request: the wrappers, then the function.
    pub fn request_chain(&self) -> Vec<u32> {
        let mut chain = Vec::new();
        let mut at = 0;
        while let Some(id) = self.request.get(at..).and_then(constructor_id) {
            chain.push(id);
            if !LAYER_WRAPPERS.contains(&id) {
                break;
            }
            at += 4;
        }
        chain
    }

    /// The request's constructor names, outermost first: `invokeWithLayer3 > messages.sendMessage`.
    pub fn request_names(&self) -> String {
        self.request_chain().into_iter().map(name).collect::<Vec<_>>().join(" > ")
    }

    /// The constructor id of the reply: its first four bytes, little-endian.
    pub fn reply_id(&self) -> u32 {
        constructor_id(&self.reply).unwrap_or(0)
    }
}

/// What can go wrong with a call.
#[derive(Clone, Debug, PartialEq)]
pub enum ClientError {
    /// The request does not exist in the client's layer.
    Layer(LayerError),
    /// The server answered `error`.
    Rpc {
        /// Error code.
        code: i32,
        /// Error text.
        text: String,
    },
    /// The reply did not decode as the request's return type.
    Decode(tlayer::Error),
    /// The client has never received this user, so it cannot address it.
    UnknownPeer(i32),
}

impl fmt::Display for ClientError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Layer(e) => write!(f, "cannot encode the request: {e}"),
            Self::Rpc { code, text } => write!(f, "server error {code}: {text}"),
            Self::Decode(e) => write!(f, "cannot decode the reply: {e}"),
            Self::UnknownPeer(id) => write!(f, "user {id} was never received by this client"),
        }
    }
}

impl std::error::Error for ClientError {}

impl From<LayerError> for ClientError {
    fn from(e: LayerError) -> Self {
        Self::Layer(e)
    }
}

impl From<tlayer::Error> for ClientError {
    fn from(e: tlayer::Error) -> Self {
        Self::Decode(e)
    }
}

/// A signed-in user's client, speaking one layer over its own connection.
#[derive(Clone, Debug)]
pub struct Client {
    user_id: i32,
    layer: u32,
    announce: Announce,
    connection: ConnectionId,
    sent: u32,
    peers: BTreeMap<i32, enums::User>,
    log: Vec<Exchange>,
}

impl Client {
    /// Opens a connection on `server` for `user_id` and speaks `layer` on it.
    ///
    /// # Panics
    ///
    /// If `layer` is not one of the merged schema's layers (1, 2, 3).
    pub fn connect(server: &mut Server, user_id: i32, layer: u32, announce: Announce) -> Self {
        assert!(tlayer_schema::layers::LAYERS.contains(&layer), "no layer {layer} in the schema");
        let connection = server.connect(user_id);
        Self { user_id, layer, announce, connection, sent: 0, peers: BTreeMap::new(), log: Vec::new() }
    }

    /// The user this client is signed in as.
    pub fn user_id(&self) -> i32 {
        self.user_id
    }

    /// The layer this client speaks.
    pub fn layer(&self) -> u32 {
        self.layer
    }

    /// The connection this client talks on.
    pub fn connection(&self) -> ConnectionId {
        self.connection
    }

    /// Every exchange so far.
    pub fn log(&self) -> &[Exchange] {
        &self.log
    }

    /// The latest exchange.
    pub fn last(&self) -> Option<&Exchange> {
        self.log.last()
    }

    /// The user as this client last received it.
    pub fn peer(&self, id: i32) -> Option<&enums::User> {
        self.peers.get(&id)
    }

    /// Sends `request` (wrapped or not, per the [`Announce`] policy), encoded for this client's
    /// layer, and decodes the reply as `R::Return`.
    pub fn invoke<R: RemoteCall + WriteForLayer>(
        &mut self,
        server: &mut Server,
        request: R,
    ) -> Result<R::Return, ClientError> {
        let wrap = match self.announce {
            Announce::EveryRequest => true,
            Announce::FirstRequest => self.sent == 0,
            Announce::Never => false,
        };
        match (wrap, self.layer) {
            (true, 1) => self.exchange(server, functions::InvokeWithLayer1 { query: request }),
            (true, 2) => self.exchange(server, functions::InvokeWithLayer2 { query: request }),
            (true, _) => self.exchange(server, functions::InvokeWithLayer3 { query: request }),
            (false, _) => self.exchange(server, request),
        }
    }

    /// One round trip. The reply is decoded with the type the (possibly wrapped) request
    /// returns: `InvokeWithLayerN<R>` returns `R::Return`.
    fn exchange<W: RemoteCall + WriteForLayer>(
        &mut self,
        server: &mut Server,
        request: W,
    ) -> Result<W::Return, ClientError> {
        let bytes = request.to_bytes_for_layer(self.layer)?;
        self.sent += 1;
        let reply = server.handle(self.connection, &bytes);
        self.log.push(Exchange { request: bytes, reply: reply.clone() });
        if constructor_id(&reply) == Some(ERROR_ID) {
            let enums::Error::Error(e) = enums::Error::from_bytes(&reply)?;
            return Err(ClientError::Rpc { code: e.code, text: e.text });
        }
        Ok(W::Return::from_bytes(&reply)?)
    }

    fn remember(&mut self, users: &[enums::User]) {
        for user in users {
            self.peers.insert(user_id(user), user.clone());
        }
    }

    fn remember_links(&mut self, links: &[enums::contacts::Link]) {
        for enums::contacts::Link::Link(link) in links {
            self.remember(std::slice::from_ref(&link.user));
        }
    }

    /// How this client addresses a user it has received: `inputPeerSelf`, `inputPeerContact` for
    /// a `userContact`, `inputPeerForeign` with the access hash for the others.
    pub fn input_peer(&self, id: i32) -> Result<enums::InputPeer, ClientError> {
        Ok(match self.peers.get(&id) {
            _ if id == self.user_id => types::InputPeerSelf {}.into(),
            Some(enums::User::Contact(_)) => types::InputPeerContact { user_id: id }.into(),
            Some(enums::User::Request(u)) => types::InputPeerForeign { user_id: id, access_hash: u.access_hash }.into(),
            Some(enums::User::Foreign(u)) => types::InputPeerForeign { user_id: id, access_hash: u.access_hash }.into(),
            _ => return Err(ClientError::UnknownPeer(id)),
        })
    }

    /// Like [`Client::input_peer`], for `InputUser`.
    pub fn input_user(&self, id: i32) -> Result<enums::InputUser, ClientError> {
        Ok(match self.input_peer(id)? {
            enums::InputPeer::Contact(p) => types::InputUserContact { user_id: p.user_id }.into(),
            enums::InputPeer::Foreign(p) => {
                types::InputUserForeign { user_id: p.user_id, access_hash: p.access_hash }.into()
            }
            _ => types::InputUserSelf {}.into(),
        })
    }

    fn random_id(&self) -> i64 {
        (i64::from(self.user_id) << 32) | i64::from(self.sent)
    }

    /// `contacts.search`: the users found, as this client now sees them.
    pub fn search(&mut self, server: &mut Server, q: &str) -> Result<Vec<enums::User>, ClientError> {
        let enums::contacts::Found::Found(found) =
            self.invoke(server, functions::contacts::Search { q: q.to_owned(), limit: 10 })?;
        self.remember(&found.users);
        Ok(found.users)
    }

    /// `messages.sendMessage` to a user this client has received.
    pub fn send_message(
        &mut self,
        server: &mut Server,
        to: i32,
        text: &str,
    ) -> Result<enums::messages::SentMessage, ClientError> {
        let request = functions::messages::SendMessage {
            peer: self.input_peer(to)?,
            message: text.to_owned(),
            random_id: self.random_id(),
        };
        let sent = self.invoke(server, request)?;
        if let enums::messages::SentMessage::Link(link) = &sent {
            self.remember_links(&link.links);
        }
        Ok(sent)
    }

    /// `messages.sendMedia` with `inputMediaContact`: shares a phone number (often one's own).
    pub fn send_contact(
        &mut self,
        server: &mut Server,
        to: i32,
        phone: &str,
        first_name: &str,
        last_name: &str,
    ) -> Result<enums::messages::StatedMessage, ClientError> {
        let media = types::InputMediaContact {
            phone_number: phone.to_owned(),
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
        };
        let request = functions::messages::SendMedia {
            peer: self.input_peer(to)?,
            media: media.into(),
            random_id: self.random_id(),
        };
        let stated = self.invoke(server, request)?;
        match &stated {
            enums::messages::StatedMessage::StatedMessage(s) => self.remember(&s.users),
            enums::messages::StatedMessage::Link(s) => {
                self.remember(&s.users);
                self.remember_links(&s.links);
            }
        }
        Ok(stated)
    }

    /// `contacts.importContacts` of `(phone, first_name, last_name)` entries, added to the phone
    /// book (`replace: false`).
    pub fn import_contacts(
        &mut self,
        server: &mut Server,
        contacts: &[(&str, &str, &str)],
    ) -> Result<enums::contacts::ImportedContacts, ClientError> {
        let contacts = contacts
            .iter()
            .zip(0..)
            .map(|(&(phone, first_name, last_name), client_id)| {
                types::InputPhoneContact {
                    client_id,
                    phone: phone.to_owned(),
                    first_name: first_name.to_owned(),
                    last_name: last_name.to_owned(),
                }
                .into()
            })
            .collect();
        let imported = self.invoke(server, functions::contacts::ImportContacts { contacts, replace: false })?;
        let enums::contacts::ImportedContacts::ImportedContacts(i) = &imported;
        self.remember(&i.users);
        Ok(imported)
    }

    /// `users.getUsers` for users this client has received.
    pub fn get_users(&mut self, server: &mut Server, ids: &[i32]) -> Result<Vec<enums::User>, ClientError> {
        let id = ids.iter().map(|&id| self.input_user(id)).collect::<Result<Vec<_>, _>>()?;
        let users = self.invoke(server, functions::users::GetUsers { id })?;
        self.remember(&users);
        Ok(users)
    }

    /// `contacts.getContacts`.
    pub fn get_contacts(&mut self, server: &mut Server) -> Result<enums::contacts::Contacts, ClientError> {
        let contacts = self.invoke(server, functions::contacts::GetContacts { hash: String::new() })?;
        if let enums::contacts::Contacts::Contacts(c) = &contacts {
            self.remember(&c.users);
        }
        Ok(contacts)
    }

    /// `messages.getHistory` with a user: the latest messages, newest first.
    pub fn get_history(&mut self, server: &mut Server, with: i32) -> Result<Vec<enums::Message>, ClientError> {
        let request = functions::messages::GetHistory { peer: self.input_peer(with)?, offset: 0, max_id: 0, limit: 20 };
        let (messages, users) = match self.invoke(server, request)? {
            enums::messages::Messages::Messages(m) => (m.messages, m.users),
            enums::messages::Messages::Slice(m) => (m.messages, m.users),
        };
        self.remember(&users);
        Ok(messages)
    }
}
