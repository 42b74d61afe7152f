//! The in-memory server: accounts, phone books, the numbers it revealed, messages, and one
//! request handler that talks bytes.
//!
//! # Layers
//!
//! [`Server::handle`] takes the bytes of one request on a connection and returns the bytes of the
//! answer. It decodes any request with `functions::Function::from_bytes`, strips the
//! `invokeWithLayerN` wrappers with `unwrap_layer()`, and answers in the peer's layer:
//!
//! - a wrapped request announces its layer; the connection remembers it, so later unwrapped
//!   requests on the same connection are answered in that layer too (the latest announcement
//!   wins);
//! - a connection that never announced a layer is answered in [`DEFAULT_LAYER`] (2): the server's
//!   base layer, the one clients spoke before contact links existed. A layer-1 client must say so
//!   with `invokeWithLayer1`.
//!
//! The handlers never look at the layer. Each builds the newest form of its result (layer 3:
//! `messages.sentMessageLink`, `messages.statedMessageLink` with the changed `contacts.link`
//! values) and [`Server::handle`] encodes it with `WriteForLayer::to_bytes_for_layer(peer_layer)`,
//! which downgrades it for an older peer (`messages.sentMessage`, `messages.statedMessage`).
//!
//! Errors are answered with the API's own `error#c4b9f9bb code:int text:string` (the MTProto
//! `rpc_error` envelope is not modelled: a reply is just the result's bytes).

use std::collections::{BTreeMap, BTreeSet};

use tlayer::{Identifiable, RemoteCall, TlRead, TlWrite, WriteForLayer};
use tlayer_schema::layers::{enums, functions, types};

use crate::links::{Knowledge, Reveal, rule_1};

/// The layer a connection is answered in until it announces one with `invokeWithLayerN`.
pub const DEFAULT_LAYER: u32 = 2;

/// `error#c4b9f9bb`: the constructor of an error answer.
pub const ERROR_ID: u32 = types::Error::CONSTRUCTOR_ID;

/// The date of the first message (2014-03-01, around the time layer 3 was current); each message
/// is one minute later than the one before.
pub const FIRST_DATE: i32 = 1_393_632_000;

/// A registered user.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Account {
    /// User id.
    pub id: i32,
    /// First name.
    pub first_name: String,
    /// Last name.
    pub last_name: String,
    /// Phone number, compared as an exact string with phone-book entries.
    pub phone: String,
    /// The access hash others need (with `inputPeerForeign` / `inputUserForeign`) to address
    /// this user without having it in their contacts. One per user, the same for every viewer.
    pub access_hash: i64,
}

/// An open connection, bound to the user that signed in on it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct ConnectionId(usize);

#[derive(Clone, Debug)]
struct Connection {
    user: i32,
    layer: Option<u32>,
}

/// One message as the server stores it (one copy, shared by sender and receiver).
#[derive(Clone, Debug, PartialEq)]
struct Stored {
    id: i32,
    from: i32,
    to: i32,
    date: i32,
    text: String,
    media: enums::MessageMedia,
}

/// What the server did with one request (its journal, for transcripts and tests).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Served {
    /// The user the connection belongs to.
    pub user: i32,
    /// The layer the request's wrapper announced, if it had one.
    pub announced: Option<u32>,
    /// The layer the answer was encoded for.
    pub layer: u32,
    /// The constructor id of the request after unwrapping (the first 4 bytes if it did not
    /// decode).
    pub function: u32,
    /// The constructor id of the answer as the server built it (its newest form).
    pub built: u32,
    /// The constructor id of the answer that went on the wire for `layer`.
    pub sent: u32,
    /// `(viewer, subject)` when rule 1 made the subject's number available to the viewer.
    pub revealed: Option<(i32, i32)>,
    /// How many `contacts.link` values the answer carried as built (the links a message
    /// changed; an older layer's answer drops them).
    pub links: usize,
}

/// An error answered to a request.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RpcError {
    /// Error code (400: bad request, 500: internal).
    pub code: i32,
    /// Error text, e.g. `PEER_ID_INVALID`.
    pub text: &'static str,
}

impl RpcError {
    fn new(code: i32, text: &'static str) -> Self {
        Self { code, text }
    }

    fn to_tl(&self) -> enums::Error {
        types::Error { code: self.code, text: self.text.to_owned() }.into()
    }
}

/// A result the server can send: written for the peer's layer, and (for the journal) in full.
trait Answer: WriteForLayer {
    fn newest_bytes(&self) -> Vec<u8>;
}

impl<T: WriteForLayer + TlWrite> Answer for T {
    fn newest_bytes(&self) -> Vec<u8> {
        self.to_bytes()
    }
}

/// The first four bytes of a TL value: its constructor id (or `Vector`'s).
pub fn constructor_id(bytes: &[u8]) -> Option<u32> {
    let head: [u8; 4] = bytes.get(..4)?.try_into().ok()?;
    Some(u32::from_le_bytes(head))
}

/// Outcome of delivering one message.
struct Delivery {
    stored: Stored,
    pts: i32,
    seq: i32,
    links: Vec<enums::contacts::Link>,
}

/// The server: every piece of state lives here, clients only hold a [`ConnectionId`].
#[derive(Clone, Debug, Default)]
pub struct Server {
    accounts: BTreeMap<i32, Account>,
    phone_books: BTreeMap<i32, BTreeSet<String>>,
    revealed: BTreeSet<(i32, i32)>,
    messages: Vec<Stored>,
    pts: BTreeMap<i32, i32>,
    seq: BTreeMap<i32, i32>,
    connections: Vec<Connection>,
    journal: Vec<Served>,
    last_reveal: Option<(i32, i32)>,
    last_links: usize,
}

impl Server {
    /// An empty server.
    pub fn new() -> Self {
        Self::default()
    }

    /// Registers a user (sign-up is not part of this example) and returns its id (1, 2, ...).
    pub fn register(&mut self, first_name: &str, last_name: &str, phone: &str) -> i32 {
        let id = i32::try_from(self.accounts.len() + 1).expect("fewer than 2^31 users");
        let access_hash = i64::from(id).wrapping_mul(0x5851_f42d_4c95_7f2d) ^ 0x1405_7b7e_f767_814f;
        let account = Account {
            id,
            first_name: first_name.to_owned(),
            last_name: last_name.to_owned(),
            phone: phone.to_owned(),
            access_hash,
        };
        self.accounts.insert(id, account);
        id
    }

    /// The account of a user, if registered.
    pub fn account(&self, id: i32) -> Option<&Account> {
        self.accounts.get(&id)
    }

    /// Opens a connection for a signed-in user. It has no layer until a request announces one.
    pub fn connect(&mut self, user: i32) -> ConnectionId {
        self.connections.push(Connection { user, layer: None });
        ConnectionId(self.connections.len() - 1)
    }

    /// The layer the connection announced last, if any.
    pub fn connection_layer(&self, connection: ConnectionId) -> Option<u32> {
        self.connections[connection.0].layer
    }

    /// Every request served so far, in order.
    pub fn journal(&self) -> &[Served] {
        &self.journal
    }

    /// What `viewer` knows of `subject`'s phone number.
    pub fn knowledge(&self, viewer: i32, subject: i32) -> Knowledge {
        let Some(account) = self.accounts.get(&subject) else {
            return Knowledge::Unknown;
        };
        if self.phone_books.get(&viewer).is_some_and(|book| book.contains(&account.phone)) {
            Knowledge::Contact
        } else if self.revealed.contains(&(viewer, subject)) {
            Knowledge::Revealed
        } else {
            Knowledge::Unknown
        }
    }

    /// The `User` constructor `viewer` receives for `subject`: `userSelf` for itself, otherwise
    /// `userContact` / `userRequest` / `userForeign` by [`Server::knowledge`].
    pub fn user_as_seen_by(&self, viewer: i32, subject: i32) -> enums::User {
        let Some(a) = self.accounts.get(&subject) else {
            return types::UserEmpty { id: subject }.into();
        };
        let photo: enums::UserProfilePhoto = types::UserProfilePhotoEmpty {}.into();
        let status: enums::UserStatus = types::UserStatusEmpty {}.into();
        let (id, first_name, last_name) = (a.id, a.first_name.clone(), a.last_name.clone());
        if viewer == subject {
            let phone = a.phone.clone();
            return types::UserSelf { id, first_name, last_name, phone, photo, status, inactive: false }.into();
        }
        let (access_hash, phone) = (a.access_hash, a.phone.clone());
        match self.knowledge(viewer, subject) {
            Knowledge::Contact => {
                types::UserContact { id, first_name, last_name, access_hash, phone, photo, status }.into()
            }
            Knowledge::Revealed => {
                types::UserRequest { id, first_name, last_name, access_hash, phone, photo, status }.into()
            }
            Knowledge::Unknown => types::UserForeign { id, first_name, last_name, access_hash, photo, status }.into(),
        }
    }

    /// The `contacts.link` `viewer` receives about `subject`: its own knowledge as `my_link`,
    /// the subject's knowledge of it as `foreign_link`, and the `User` it sees.
    pub fn link(&self, viewer: i32, subject: i32) -> enums::contacts::Link {
        types::contacts::Link {
            my_link: self.knowledge(viewer, subject).my_link(),
            foreign_link: self.knowledge(subject, viewer).foreign_link(),
            user: self.user_as_seen_by(viewer, subject),
        }
        .into()
    }

    /// Serves one request: `request` is the bytes a client sent on `connection`, the result is
    /// the bytes of the answer, encoded for the connection's layer (see the module docs).
    ///
    /// # Panics
    ///
    /// If `connection` was not returned by [`Server::connect`] on this server.
    pub fn handle(&mut self, connection: ConnectionId, request: &[u8]) -> Vec<u8> {
        let Connection { user, layer: remembered } = self.connections[connection.0].clone();
        self.last_reveal = None;
        self.last_links = 0;
        let (announced, function, answer) = match functions::Function::from_bytes(request) {
            Ok(decoded) => {
                let (announced, inner) = decoded.unwrap_layer();
                let function = inner.constructor_id();
                (announced, function, self.dispatch(user, inner))
            }
            Err(_) => {
                let function = constructor_id(request).unwrap_or(0);
                (None, function, Err(RpcError::new(400, "INPUT_CONSTRUCTOR_INVALID")))
            }
        };
        if announced.is_some() {
            self.connections[connection.0].layer = announced;
        }
        let layer = announced.or(remembered).unwrap_or(DEFAULT_LAYER);
        let answer: Box<dyn Answer> = match answer {
            Ok(answer) => answer,
            Err(error) => Box::new(error.to_tl()),
        };
        let built = constructor_id(&answer.newest_bytes()).unwrap_or(0);
        let bytes = match answer.to_bytes_for_layer(layer) {
            Ok(bytes) => bytes,
            Err(_) => RpcError::new(500, "LAYER_DOWNGRADE_FAILED").to_tl().to_bytes(),
        };
        let sent = constructor_id(&bytes).unwrap_or(0);
        let (revealed, links) = (self.last_reveal.take(), self.last_links);
        self.journal.push(Served { user, announced, layer, function, built, sent, revealed, links });
        bytes
    }

    /// Runs one unwrapped request for `me`. No layer here: every handler builds its newest form.
    fn dispatch(&mut self, me: i32, request: functions::Function) -> Result<Box<dyn Answer>, RpcError> {
        use functions::Function as F;
        Ok(match request {
            F::MessagesSendMessage(r) => Box::new(self.send_message(me, &r)?),
            F::MessagesSendMedia(r) => Box::new(self.send_media(me, &r)?),
            F::MessagesGetHistory(r) => Box::new(self.get_history(me, &r)?),
            F::ContactsImportContacts(r) => Box::new(self.import_contacts(me, &r)),
            F::ContactsGetContacts(r) => Box::new(self.get_contacts(me, &r)),
            F::ContactsSearch(r) => Box::new(self.search(me, &r)),
            F::UsersGetUsers(r) => Box::new(self.get_users(me, &r)?),
            _ => return Err(RpcError::new(400, "METHOD_INVALID")),
        })
    }

    /// `messages.sendMessage`: delivers (rule 1 first) and answers `messages.sentMessageLink`.
    fn send_message(
        &mut self,
        me: i32,
        request: &functions::messages::SendMessage,
    ) -> Result<<functions::messages::SendMessage as RemoteCall>::Return, RpcError> {
        let to = self.resolve_peer(me, &request.peer)?;
        let media = types::MessageMediaEmpty {}.into();
        let Delivery { stored, pts, seq, links } = self.deliver(me, to, request.message.clone(), media);
        Ok(types::messages::SentMessageLink { id: stored.id, date: stored.date, pts, seq, links }.into())
    }

    /// `messages.sendMedia` with `inputMediaContact`: delivers a `messageMediaContact` (rule 1
    /// first, like any message) and answers `messages.statedMessageLink`.
    fn send_media(
        &mut self,
        me: i32,
        request: &functions::messages::SendMedia,
    ) -> Result<<functions::messages::SendMedia as RemoteCall>::Return, RpcError> {
        let to = self.resolve_peer(me, &request.peer)?;
        let enums::InputMedia::Contact(contact) = &request.media else {
            return Err(RpcError::new(400, "MEDIA_INVALID"));
        };
        let media = types::MessageMediaContact {
            phone_number: contact.phone_number.clone(),
            first_name: contact.first_name.clone(),
            last_name: contact.last_name.clone(),
            user_id: self.user_by_phone(&contact.phone_number).unwrap_or(0),
        }
        .into();
        let Delivery { stored, pts, seq, links } = self.deliver(me, to, String::new(), media);
        Ok(types::messages::StatedMessageLink {
            message: self.message_as_seen_by(me, &stored),
            chats: Vec::new(),
            users: self.users_as_seen_by(me, &[me, to]),
            links,
            pts,
            seq,
        }
        .into())
    }

    /// `messages.getHistory`: the messages between `me` and the peer, newest first.
    fn get_history(
        &self,
        me: i32,
        request: &functions::messages::GetHistory,
    ) -> Result<<functions::messages::GetHistory as RemoteCall>::Return, RpcError> {
        let peer = self.resolve_peer(me, &request.peer)?;
        let limit = usize::try_from(request.limit).unwrap_or(0);
        let offset = usize::try_from(request.offset).unwrap_or(0);
        let messages = self
            .messages
            .iter()
            .rev()
            .filter(|m| (m.from == me && m.to == peer) || (m.from == peer && m.to == me))
            .filter(|m| request.max_id <= 0 || m.id < request.max_id)
            .skip(offset)
            .take(limit)
            .map(|m| self.message_as_seen_by(me, m))
            .collect();
        let users = self.users_as_seen_by(me, &[me, peer]);
        Ok(types::messages::Messages { messages, chats: Vec::new(), users }.into())
    }

    /// `contacts.importContacts`: adds the numbers to `me`'s phone book (after clearing it when
    /// `replace`); answers the registered ones, now `userContact`. Messages are what trigger
    /// rule 1, so importing changes no one else's view.
    fn import_contacts(
        &mut self,
        me: i32,
        request: &functions::contacts::ImportContacts,
    ) -> <functions::contacts::ImportContacts as RemoteCall>::Return {
        let book = self.phone_books.entry(me).or_default();
        if request.replace {
            book.clear();
        }
        for enums::InputContact::InputPhoneContact(contact) in &request.contacts {
            book.insert(contact.phone.clone());
        }
        let mut imported = Vec::new();
        let mut users = Vec::new();
        for enums::InputContact::InputPhoneContact(contact) in &request.contacts {
            let Some(id) = self.user_by_phone(&contact.phone).filter(|id| *id != me) else {
                continue;
            };
            imported.push(types::ImportedContact { user_id: id, client_id: contact.client_id }.into());
            users.push(self.user_as_seen_by(me, id));
        }
        types::contacts::ImportedContacts { imported, users }.into()
    }

    /// `contacts.getContacts`: the registered users in `me`'s phone book (the hash is ignored:
    /// the full list every time); `mutual` when `me` is in theirs.
    fn get_contacts(
        &self,
        me: i32,
        _request: &functions::contacts::GetContacts,
    ) -> <functions::contacts::GetContacts as RemoteCall>::Return {
        let book = self.phone_books.get(&me).cloned().unwrap_or_default();
        let ids: Vec<i32> = book.iter().filter_map(|phone| self.user_by_phone(phone)).filter(|id| *id != me).collect();
        let contacts = ids
            .iter()
            .map(|&id| types::Contact { user_id: id, mutual: self.knowledge(id, me) == Knowledge::Contact }.into())
            .collect();
        types::contacts::Contacts { contacts, users: self.users_as_seen_by(me, &ids) }.into()
    }

    /// `contacts.search`: other users whose name contains `q` (case-insensitive), as `me` sees
    /// them. This is how two strangers "find each other in a chat" here.
    fn search(
        &self,
        me: i32,
        request: &functions::contacts::Search,
    ) -> <functions::contacts::Search as RemoteCall>::Return {
        let q = request.q.to_lowercase();
        let limit = usize::try_from(request.limit).unwrap_or(0);
        let ids: Vec<i32> = self
            .accounts
            .values()
            .filter(|a| a.id != me && format!("{} {}", a.first_name, a.last_name).to_lowercase().contains(&q))
            .map(|a| a.id)
            .take(limit)
            .collect();
        let results = ids.iter().map(|&id| types::ContactFound { user_id: id }.into()).collect();
        types::contacts::Found { results, users: self.users_as_seen_by(me, &ids) }.into()
    }

    /// `users.getUsers`: each user as `me` sees it; any id `me` may not address is an error.
    fn get_users(
        &self,
        me: i32,
        request: &functions::users::GetUsers,
    ) -> Result<<functions::users::GetUsers as RemoteCall>::Return, RpcError> {
        let ids = request.id.iter().map(|input| self.resolve_user(me, input)).collect::<Result<Vec<_>, _>>()?;
        Ok(self.users_as_seen_by(me, &ids))
    }

    /// Delivers a message: rule 1 is checked and applied first, then the message is stored. The
    /// links that changed are returned as the sender sees them.
    fn deliver(&mut self, from: i32, to: i32, text: String, media: enums::MessageMedia) -> Delivery {
        let reveal = if from == to {
            Reveal::Nothing
        } else {
            rule_1(self.knowledge(from, to).knows_number(), self.knowledge(to, from).knows_number())
        };
        let revealed = match reveal {
            Reveal::Nothing => None,
            Reveal::SenderToReceiver => Some((to, from)),
            Reveal::ReceiverToSender => Some((from, to)),
        };
        let mut links = Vec::new();
        if let Some(pair) = revealed {
            self.revealed.insert(pair);
            self.last_reveal = Some(pair);
            links.push(self.link(from, to));
        }
        self.last_links = links.len();
        let count = i32::try_from(self.messages.len()).expect("fewer than 2^31 messages");
        let stored = Stored { id: count + 1, from, to, date: FIRST_DATE + 60 * count, text, media };
        self.messages.push(stored.clone());
        for user in BTreeSet::from([from, to]) {
            *self.pts.entry(user).or_default() += 1;
        }
        let seq = self.seq.entry(from).or_default();
        *seq += 1;
        Delivery { stored, pts: self.pts[&from], seq: *seq, links }
    }

    /// A stored message as `viewer` receives it (`out` when `viewer` sent it). Read receipts are
    /// not modelled: every message stays `unread`.
    fn message_as_seen_by(&self, viewer: i32, m: &Stored) -> enums::Message {
        types::Message {
            id: m.id,
            from_id: m.from,
            to_id: types::PeerUser { user_id: m.to }.into(),
            out: m.from == viewer,
            unread: true,
            date: m.date,
            message: m.text.clone(),
            media: m.media.clone(),
        }
        .into()
    }

    fn users_as_seen_by(&self, viewer: i32, ids: &[i32]) -> Vec<enums::User> {
        let unique: BTreeSet<i32> = ids.iter().copied().collect();
        unique.into_iter().map(|id| self.user_as_seen_by(viewer, id)).collect()
    }

    fn user_by_phone(&self, phone: &str) -> Option<i32> {
        self.accounts.values().find(|a| a.phone == phone).map(|a| a.id)
    }

    /// Whether `me` may address `id` by `access_hash` (the hash must be the user's).
    fn hash_matches(&self, id: i32, access_hash: i64) -> bool {
        self.accounts.get(&id).is_some_and(|a| a.access_hash == access_hash)
    }

    /// `inputPeerSelf`; `inputPeerContact` only for a user in `me`'s contacts; `inputPeerForeign`
    /// with the user's access hash.
    fn resolve_peer(&self, me: i32, peer: &enums::InputPeer) -> Result<i32, RpcError> {
        match peer {
            enums::InputPeer::InputPeerSelf(_) => Ok(me),
            enums::InputPeer::Contact(p) if self.knowledge(me, p.user_id) == Knowledge::Contact => Ok(p.user_id),
            enums::InputPeer::Foreign(p) if self.hash_matches(p.user_id, p.access_hash) => Ok(p.user_id),
            _ => Err(RpcError::new(400, "PEER_ID_INVALID")),
        }
    }

    /// Like [`Server::resolve_peer`], for `InputUser`.
    fn resolve_user(&self, me: i32, user: &enums::InputUser) -> Result<i32, RpcError> {
        match user {
            enums::InputUser::InputUserSelf(_) => Ok(me),
            enums::InputUser::Contact(u) if self.knowledge(me, u.user_id) == Knowledge::Contact => Ok(u.user_id),
            enums::InputUser::Foreign(u) if self.hash_matches(u.user_id, u.access_hash) => Ok(u.user_id),
            _ => Err(RpcError::new(400, "USER_ID_INVALID")),
        }
    }
}
