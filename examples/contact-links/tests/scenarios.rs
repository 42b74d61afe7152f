//! The scenarios of the Requests page, each in both directions and with the sender on layer 3
//! and on layer 2: the constructor ids each client received (the first four bytes of its reply),
//! the decoded contents, and what each user sees of the other afterwards.

use tlayer::{Identifiable, TlRead, TlWrite, WriteForLayer};
use tlayer_example_contact_links::links::{show_foreign_link, show_my_link, user_phone};
use tlayer_example_contact_links::{Announce, Client, ClientError, DEFAULT_LAYER, Knowledge, Server};
use tlayer_schema::layers::{enums, functions, name_for_id, types};

const SENT_MESSAGE: u32 = 0xd1f4d35c;
const SENT_MESSAGE_LINK: u32 = 0xe9db4a3f;
const STATED_MESSAGE: u32 = 0xd07ae726;
const STATED_MESSAGE_LINK: u32 = types::messages::StatedMessageLink::CONSTRUCTOR_ID;
const IMPORTED_CONTACTS: u32 = 0xd1cd0a4c;
const USER_CONTACT: u32 = 0xf2fb8319;
const USER_REQUEST: u32 = 0x22e8ceb0;
const USER_FOREIGN: u32 = 0x5214c89d;
const INVOKE_WITH_LAYER3: u32 = 0xb7475268;
const SEND_MESSAGE: u32 = 0x4cde0aab;
const SEND_MEDIA: u32 = 0xa3c85d76;
const VECTOR: u32 = 0x1cb5c415;
const CONTACTS_LINK: u32 = 0xeccea3f5;
const ERROR: u32 = 0xc4b9f9bb;

const A: i32 = 1;
const B: i32 = 2;
const PHONES: [&str; 2] = ["+15550001", "+15550002"];
const NAMES: [&str; 2] = ["Alice", "Bob"];

/// The constructor id at `at` in `bytes`: `u32::from_le_bytes` of four bytes.
fn id_at(bytes: &[u8], at: usize) -> u32 {
    u32::from_le_bytes(bytes[at..at + 4].try_into().unwrap())
}

fn other(user: i32) -> i32 {
    if user == A { B } else { A }
}

fn phone(user: i32) -> &'static str {
    PHONES[if user == A { 0 } else { 1 }]
}

/// Alice (A) and Bob (B), each with a client; they found each other with `contacts.search`, so
/// each has the other as `userForeign`. A layer-3 client wraps every request in
/// `invokeWithLayer3`; a layer-2 client sends them unwrapped (the server's default layer).
struct World {
    server: Server,
    clients: [Client; 2],
}

impl World {
    fn new(a_layer: u32, b_layer: u32) -> Self {
        let mut server = Server::new();
        assert_eq!(server.register(NAMES[0], "Adams", PHONES[0]), A);
        assert_eq!(server.register(NAMES[1], "Brown", PHONES[1]), B);
        let announce = |layer| if layer == 3 { Announce::EveryRequest } else { Announce::Never };
        let a = Client::connect(&mut server, A, a_layer, announce(a_layer));
        let b = Client::connect(&mut server, B, b_layer, announce(b_layer));
        let mut world = Self { server, clients: [a, b] };
        for user in [A, B] {
            let (server, client) = world.client(user);
            let found = client.search(server, NAMES[if user == A { 1 } else { 0 }]).unwrap();
            assert_eq!(found.len(), 1);
            assert_eq!(found[0].constructor_id(), USER_FOREIGN);
        }
        world
    }

    /// The sender on `sender_layer`, the other user on the other layer (2 or 3).
    fn with_sender_layer(sender: i32, sender_layer: u32) -> Self {
        let other_layer = 5 - sender_layer;
        if sender == A { Self::new(sender_layer, other_layer) } else { Self::new(other_layer, sender_layer) }
    }

    fn client(&mut self, user: i32) -> (&mut Server, &mut Client) {
        (&mut self.server, &mut self.clients[if user == A { 0 } else { 1 }])
    }

    fn layer(&mut self, user: i32) -> u32 {
        self.client(user).1.layer()
    }

    fn last_reply(&mut self, user: i32) -> Vec<u8> {
        self.client(user).1.last().unwrap().reply.clone()
    }

    fn last_request(&mut self, user: i32) -> Vec<u8> {
        self.client(user).1.last().unwrap().request.clone()
    }

    /// `user` imports the other's number; the reply is `contacts.importedContacts` in any layer.
    fn import(&mut self, user: i32, number: &str) -> types::contacts::ImportedContacts {
        let (server, client) = self.client(user);
        let enums::contacts::ImportedContacts::ImportedContacts(imported) =
            client.import_contacts(server, &[(number, "Someone", "")]).unwrap();
        assert_eq!(id_at(&self.last_reply(user), 0), IMPORTED_CONTACTS);
        imported
    }

    /// The `User` constructor `viewer` receives for the other user (`users.getUsers`, read from
    /// the reply's bytes: `Vector`, count, then the user), and the phone it carries.
    fn sees(&mut self, viewer: i32) -> (u32, Option<String>) {
        let (server, client) = self.client(viewer);
        let users = client.get_users(server, &[other(viewer)]).unwrap();
        let reply = self.last_reply(viewer);
        assert_eq!((id_at(&reply, 0), id_at(&reply, 4)), (VECTOR, 1));
        assert_eq!(id_at(&reply, 8), users[0].constructor_id());
        (id_at(&reply, 8), user_phone(&users[0]).map(str::to_owned))
    }

    /// Checks the `User` constructor A receives for B and B for A, through both clients and the
    /// server's model.
    fn assert_views(&mut self, a_sees_b: u32, b_sees_a: u32) {
        assert_eq!(self.sees(A).0, a_sees_b, "what A sees of B");
        assert_eq!(self.sees(B).0, b_sees_a, "what B sees of A");
        assert_eq!(self.server.user_as_seen_by(A, B).constructor_id(), a_sees_b);
        assert_eq!(self.server.user_as_seen_by(B, A).constructor_id(), b_sees_a);
    }

    /// `sender` messages the other user. Checks the request's and the reply's constructor ids
    /// for the sender's layer; returns the links of a layer-3 reply (none for layer 2).
    fn send(&mut self, sender: i32, text: &str) -> Vec<enums::contacts::Link> {
        let layer = self.layer(sender);
        let (server, client) = self.client(sender);
        let sent = client.send_message(server, other(sender), text).unwrap();
        let (request, reply) = (self.last_request(sender), self.last_reply(sender));
        if layer == 3 {
            assert_eq!((id_at(&request, 0), id_at(&request, 4)), (INVOKE_WITH_LAYER3, SEND_MESSAGE));
            assert_eq!(id_at(&reply, 0), SENT_MESSAGE_LINK);
            let enums::messages::SentMessage::Link(link) = sent else {
                panic!("layer 3 gets sentMessageLink: {sent:?}")
            };
            assert_eq!(reply.len(), 4 + 16 + 8 + link.links.iter().map(|l| l.to_bytes().len()).sum::<usize>());
            link.links
        } else {
            assert_eq!(id_at(&request, 0), SEND_MESSAGE);
            assert_eq!(id_at(&reply, 0), SENT_MESSAGE);
            assert_eq!(reply.len(), 4 + 16, "id, date, pts, seq and nothing else");
            assert!(matches!(sent, enums::messages::SentMessage::SentMessage(_)), "{sent:?}");
            Vec::new()
        }
    }
}

/// Checks a `contacts.link` a layer-3 sender received about `subject`.
fn assert_link(link: &enums::contacts::Link, my: &str, foreign: &str, user: u32, subject: i32) {
    let enums::contacts::Link::Link(link) = link;
    assert_eq!(show_my_link(&link.my_link), my);
    assert_eq!(show_foreign_link(&link.foreign_link), foreign);
    assert_eq!(link.user.constructor_id(), user);
    assert_eq!(tlayer_example_contact_links::links::user_id(&link.user), subject);
    assert_eq!(user_phone(&link.user), Some(phone(subject)), "userContact and userRequest carry the phone");
}

/// Rule 1 from the sender's side: the one link it gets (layer 3) after the unknowing side got
/// the knower's number.
fn assert_rule_1_link(links: &[enums::contacts::Link], sender: i32, sender_is_knower: bool) {
    assert_eq!(links.len(), 1, "{links:?}");
    if sender_is_knower {
        // The receiver now has the sender's number: the foreign side changed.
        assert_link(&links[0], "myLinkContact", "foreignLinkRequested{has_phone:true}", USER_CONTACT, other(sender));
    } else {
        // The sender now has the receiver's number: its own side changed.
        assert_link(&links[0], "myLinkRequested{contact:true}", "foreignLinkMutual", USER_REQUEST, other(sender));
    }
}

/// Rule 1: `knower` has the other's number in its phone book, the other does not have its;
/// `sender` messages the other. Runs with the sender on layer 3, then on layer 2.
fn one_knows(knower: i32, sender: i32) {
    for sender_layer in [3, 2] {
        let mut w = World::with_sender_layer(sender, sender_layer);
        let unknower = other(knower);
        w.import(knower, phone(unknower));
        assert_eq!(w.server.knowledge(knower, unknower), Knowledge::Contact);
        let (knower_view, unknower_view) = (USER_CONTACT, USER_FOREIGN);
        if knower == A {
            w.assert_views(knower_view, unknower_view)
        } else {
            w.assert_views(unknower_view, knower_view)
        }

        let links = w.send(sender, "hello");
        if sender_layer == 3 {
            assert_rule_1_link(&links, sender, sender == knower);
        }
        assert_eq!(w.server.knowledge(unknower, knower), Knowledge::Revealed);
        let (seen, seen_phone) = w.sees(unknower);
        assert_eq!((seen, seen_phone.as_deref()), (USER_REQUEST, Some(phone(knower))), "the knower's number revealed");
        if knower == A {
            w.assert_views(USER_CONTACT, USER_REQUEST)
        } else {
            w.assert_views(USER_REQUEST, USER_CONTACT)
        }

        // Now both know: further messages, either way, change nothing.
        assert!(w.send(sender, "again").is_empty());
        assert!(w.send(other(sender), "reply").is_empty());
        if knower == A {
            w.assert_views(USER_CONTACT, USER_REQUEST)
        } else {
            w.assert_views(USER_REQUEST, USER_CONTACT)
        }
    }
}

#[test]
fn rule_1_a_knows_b_and_messages_b() {
    one_knows(A, A);
}

#[test]
fn rule_1_a_knows_b_and_b_messages_a() {
    one_knows(A, B);
}

#[test]
fn rule_1_b_knows_a_and_messages_a() {
    one_knows(B, B);
}

#[test]
fn rule_1_b_knows_a_and_a_messages_b() {
    one_knows(B, A);
}

/// Rule 2 without a contact: messages between strangers reveal nothing.
fn neither_knows(sender: i32) {
    for sender_layer in [3, 2] {
        let mut w = World::with_sender_layer(sender, sender_layer);
        for _ in 0..2 {
            assert!(w.send(sender, "hi stranger").is_empty());
            assert!(w.send(other(sender), "hi to you").is_empty());
        }
        w.assert_views(USER_FOREIGN, USER_FOREIGN);
        assert_eq!(w.sees(A).1, None, "userForeign carries no phone");
        let enums::contacts::Link::Link(link) = w.server.link(A, B);
        assert_eq!(show_my_link(&link.my_link), "myLinkEmpty");
        assert_eq!(show_foreign_link(&link.foreign_link), "foreignLinkUnknown");
    }
}

#[test]
fn rule_2_neither_knows_a_messages_b() {
    neither_knows(A);
}

#[test]
fn rule_2_neither_knows_b_messages_a() {
    neither_knows(B);
}

/// Rule 3: both have the other's number; messages change nothing.
fn both_know(sender: i32) {
    for sender_layer in [3, 2] {
        let mut w = World::with_sender_layer(sender, sender_layer);
        w.import(A, phone(B));
        w.import(B, phone(A));
        w.assert_views(USER_CONTACT, USER_CONTACT);
        assert!(w.send(sender, "hi friend").is_empty());
        assert!(w.send(other(sender), "hi back").is_empty());
        w.assert_views(USER_CONTACT, USER_CONTACT);
        let enums::contacts::Link::Link(link) = w.server.link(sender, other(sender));
        assert_eq!(show_my_link(&link.my_link), "myLinkContact");
        assert_eq!(show_foreign_link(&link.foreign_link), "foreignLinkMutual");
        // contacts.getContacts agrees: each is the other's mutual contact.
        let (server, client) = w.client(sender);
        let enums::contacts::Contacts::Contacts(contacts) = client.get_contacts(server).unwrap() else { panic!() };
        assert_eq!(contacts.contacts, vec![types::Contact { user_id: other(sender), mutual: true }.into()]);
    }
}

#[test]
fn rule_3_both_know_a_messages_b() {
    both_know(A);
}

#[test]
fn rule_3_both_know_b_messages_a() {
    both_know(B);
}

/// Rule 2 with a contact: A sends its own number with `messages.sendMedia` +
/// `inputMediaContact`, B finds it in the history and imports it, then the next message
/// (from `then_from`) reveals B's number to A by rule 1.
fn contact_sharing(then_from: i32) {
    for (a_layer, b_layer) in [(3, 2), (2, 3)] {
        let mut w = World::new(a_layer, b_layer);
        let (server, client) = w.client(A);
        let stated = client.send_contact(server, B, phone(A), "Alice", "Adams").unwrap();
        let (request, reply) = (w.last_request(A), w.last_reply(A));
        let message = if a_layer == 3 {
            assert_eq!((id_at(&request, 0), id_at(&request, 4)), (INVOKE_WITH_LAYER3, SEND_MEDIA));
            assert_eq!(id_at(&reply, 0), STATED_MESSAGE_LINK);
            let enums::messages::StatedMessage::Link(stated) = stated else { panic!("{stated:?}") };
            assert!(stated.links.is_empty(), "strangers: the contact message itself reveals nothing");
            stated.message
        } else {
            assert_eq!(id_at(&request, 0), SEND_MEDIA);
            assert_eq!(id_at(&reply, 0), STATED_MESSAGE);
            let enums::messages::StatedMessage::StatedMessage(stated) = stated else { panic!("{stated:?}") };
            stated.message
        };
        let enums::Message::Message(message) = message else { panic!("{message:?}") };
        assert!(message.out);
        let contact = types::MessageMediaContact {
            phone_number: phone(A).to_owned(),
            first_name: "Alice".to_owned(),
            last_name: "Adams".to_owned(),
            user_id: A,
        };
        assert_eq!(message.media, contact.clone().into());
        w.assert_views(USER_FOREIGN, USER_FOREIGN);

        // B reads it from its history and imports the number.
        let (server, client) = w.client(B);
        let history = client.get_history(server, A).unwrap();
        let Some(enums::Message::Message(received)) = history.first() else { panic!("{history:?}") };
        assert!(!received.out);
        let enums::MessageMedia::Contact(shared) = &received.media else { panic!("{received:?}") };
        assert_eq!(**shared, contact);
        let imported = w.import(B, &shared.phone_number);
        assert_eq!(imported.imported, vec![types::ImportedContact { user_id: A, client_id: 0 }.into()]);
        assert_eq!(imported.users.iter().map(|u| u.constructor_id()).collect::<Vec<_>>(), [USER_CONTACT]);
        assert_eq!(w.server.knowledge(B, A), Knowledge::Contact);
        w.assert_views(USER_FOREIGN, USER_CONTACT);

        // The next message, whoever sends it, makes B's number available to A.
        let sender_layer = w.layer(then_from);
        let links = w.send(then_from, "next message");
        if sender_layer == 3 {
            assert_rule_1_link(&links, then_from, then_from == B);
        }
        assert_eq!(w.server.knowledge(A, B), Knowledge::Revealed);
        assert_eq!(w.sees(A), (USER_REQUEST, Some(phone(B).to_owned())));
        w.assert_views(USER_REQUEST, USER_CONTACT);
    }
}

#[test]
fn contact_sharing_then_a_messages_b() {
    contact_sharing(A);
}

#[test]
fn contact_sharing_then_b_messages_a() {
    contact_sharing(B);
}

/// The same action on two servers, the sender on layer 3 on one and on layer 2 on the other:
/// one server-side value, two encodings. The layer-2 bytes are the layer-3 bytes without the
/// links and with `messages.sentMessage`'s id.
#[test]
fn one_answer_two_forms() {
    let mut replies = Vec::new();
    for layer in [3, 2] {
        let mut w = World::with_sender_layer(A, layer);
        w.import(A, phone(B));
        w.send(A, "hello");
        replies.push(w.last_reply(A));
    }
    let (three, two) = (&replies[0], &replies[1]);
    assert_eq!(id_at(three, 0), SENT_MESSAGE_LINK);
    assert_eq!(id_at(two, 0), SENT_MESSAGE);
    assert_eq!(two[4..], three[4..20], "id, date, pts, seq: the same message");
    assert_eq!((id_at(three, 20), id_at(three, 24), id_at(three, 28)), (VECTOR, 1, CONTACTS_LINK));

    let enums::messages::SentMessage::Link(link) = enums::messages::SentMessage::from_bytes(three).unwrap() else {
        panic!()
    };
    let plain = types::messages::SentMessage { id: link.id, date: link.date, pts: link.pts, seq: link.seq };
    assert_eq!(enums::messages::SentMessage::from_bytes(two).unwrap(), plain.into());
    // The downgrade is the generated code's: the layer-3 value written for layer 2.
    assert_eq!(enums::messages::SentMessage::from(link).to_bytes_for_layer(2).unwrap(), *two);
}

#[test]
fn ids_read_from_the_schema() {
    assert_eq!(name_for_id(STATED_MESSAGE_LINK), Some("messages.statedMessageLink"));
    assert_eq!(STATED_MESSAGE_LINK, 0xa9af2881);
    assert_eq!(types::messages::StatedMessage::CONSTRUCTOR_ID, STATED_MESSAGE);
    assert_eq!(types::messages::SentMessage::CONSTRUCTOR_ID, SENT_MESSAGE);
    assert_eq!(types::messages::SentMessageLink::CONSTRUCTOR_ID, SENT_MESSAGE_LINK);
    for (id, name) in [(USER_CONTACT, "userContact"), (USER_REQUEST, "userRequest"), (USER_FOREIGN, "userForeign")] {
        assert_eq!(name_for_id(id), Some(name));
    }
    assert_eq!((types::messages::StatedMessageLink::SINCE, types::messages::StatedMessageLink::UNTIL), (3, 3));
}

/// The layer is per connection: announced by a wrapper and remembered, or the default.
#[test]
fn connection_layer() {
    let mut server = Server::new();
    let (a, b) = (server.register("Alice", "", PHONES[0]), server.register("Bob", "", PHONES[1]));
    // Announces layer 3 once, then sends unwrapped: still answered in layer 3.
    let mut alice = Client::connect(&mut server, a, 3, Announce::FirstRequest);
    alice.import_contacts(&mut server, &[(PHONES[1], "Bob", "")]).unwrap();
    assert_eq!(id_at(&alice.last().unwrap().request, 0), INVOKE_WITH_LAYER3);
    assert_eq!(server.connection_layer(alice.connection()), Some(3));
    alice.send_message(&mut server, b, "hi").unwrap();
    let last = alice.last().unwrap();
    assert_eq!((id_at(&last.request, 0), id_at(&last.reply, 0)), (SEND_MESSAGE, SENT_MESSAGE_LINK));
    assert_eq!(server.journal().last().unwrap().announced, None);
    assert_eq!(server.journal().last().unwrap().layer, 3);

    // A layer-3 client that never announces is answered in the default layer, 2; its types
    // still decode the older constructor.
    let mut bob = Client::connect(&mut server, b, 3, Announce::Never);
    bob.search(&mut server, "Alice").unwrap();
    assert_eq!(DEFAULT_LAYER, 2);
    assert_eq!(server.connection_layer(bob.connection()), None);
    bob.send_message(&mut server, a, "hi").unwrap();
    assert_eq!(id_at(&bob.last().unwrap().reply, 0), SENT_MESSAGE);

    // A layer-2 client that wraps every request in invokeWithLayer2.
    let mut bob2 = Client::connect(&mut server, b, 2, Announce::EveryRequest);
    bob2.search(&mut server, "Alice").unwrap();
    bob2.send_message(&mut server, a, "hi").unwrap();
    let last = bob2.last().unwrap();
    assert_eq!(last.request_names(), "invokeWithLayer2 > messages.sendMessage");
    assert_eq!(id_at(&last.reply, 0), SENT_MESSAGE);
    assert_eq!(server.connection_layer(bob2.connection()), Some(2));
}

/// The server decodes what any client sends: here, bytes written by hand from generated types.
#[test]
fn raw_bytes_in_raw_bytes_out() {
    let mut server = Server::new();
    let (a, b) = (server.register("Alice", "", PHONES[0]), server.register("Bob", "", PHONES[1]));
    let connection = server.connect(a);
    let hash = server.account(b).unwrap().access_hash;
    let send = functions::messages::SendMessage {
        peer: types::InputPeerForeign { user_id: b, access_hash: hash }.into(),
        message: "hi".into(),
        random_id: 7,
    };
    let reply = server.handle(connection, &functions::InvokeWithLayer3 { query: send.clone() }.to_bytes());
    assert_eq!(id_at(&reply, 0), SENT_MESSAGE_LINK);
    let reply = server.handle(connection, &functions::InvokeWithLayer2 { query: send.clone() }.to_bytes());
    assert_eq!(id_at(&reply, 0), SENT_MESSAGE);
    let reply = server.handle(connection, &send.to_bytes());
    assert_eq!(id_at(&reply, 0), SENT_MESSAGE, "the connection remembers layer 2");
}

#[test]
fn errors_are_answered_as_error() {
    let mut server = Server::new();
    let (a, b) = (server.register("Alice", "", PHONES[0]), server.register("Bob", "", PHONES[1]));
    let mut alice = Client::connect(&mut server, a, 3, Announce::EveryRequest);
    // Never received Bob: the client cannot address him.
    assert_eq!(alice.send_message(&mut server, b, "hi").unwrap_err(), ClientError::UnknownPeer(b));
    // inputPeerContact for someone not in the contacts.
    let peer = types::InputPeerContact { user_id: b }.into();
    let err = alice.invoke(&mut server, functions::messages::SendMessage { peer, message: "hi".into(), random_id: 1 });
    assert_eq!(err.unwrap_err(), ClientError::Rpc { code: 400, text: "PEER_ID_INVALID".into() });
    assert_eq!(id_at(&alice.last().unwrap().reply, 0), ERROR);
    // inputPeerForeign with a wrong access hash.
    let peer = types::InputPeerForeign { user_id: b, access_hash: 1 }.into();
    let err = alice.invoke(&mut server, functions::messages::SendMessage { peer, message: "hi".into(), random_id: 2 });
    assert_eq!(err.unwrap_err(), ClientError::Rpc { code: 400, text: "PEER_ID_INVALID".into() });
    // A function this server does not serve.
    let err = alice.invoke(&mut server, functions::help::GetConfig {});
    assert_eq!(err.unwrap_err(), ClientError::Rpc { code: 400, text: "METHOD_INVALID".into() });
    // Bytes that are no request.
    let reply = server.handle(alice.connection(), &[1, 2, 3, 4]);
    let enums::Error::Error(e) = enums::Error::from_bytes(&reply).unwrap();
    assert_eq!((e.code, e.text.as_str()), (400, "INPUT_CONSTRUCTOR_INVALID"));
}

/// A layer-2 client cannot even encode a function layer 2 does not have.
#[test]
fn layer_2_client_cannot_send_a_layer_3_function() {
    let mut server = Server::new();
    let a = server.register("Alice", "", PHONES[0]);
    let mut alice = Client::connect(&mut server, a, 2, Announce::Never);
    let forward = functions::messages::ForwardMessage { peer: types::InputPeerSelf {}.into(), id: 1, random_id: 1 };
    let Err(ClientError::Layer(err)) = alice.invoke(&mut server, forward) else { panic!("encoded for layer 2") };
    assert_eq!((err.constructor, err.since, err.layer), ("messages.forwardMessage", 3, 2));
    assert!(alice.log().is_empty(), "nothing was sent");
}

#[test]
fn get_contacts_reports_mutual() {
    let mut w = World::new(3, 2);
    w.import(A, phone(B));
    let (server, client) = w.client(A);
    let enums::contacts::Contacts::Contacts(contacts) = client.get_contacts(server).unwrap() else { panic!() };
    assert_eq!(contacts.contacts, vec![types::Contact { user_id: B, mutual: false }.into()]);
    assert_eq!(contacts.users.iter().map(|u| u.constructor_id()).collect::<Vec<_>>(), [USER_CONTACT]);
}
