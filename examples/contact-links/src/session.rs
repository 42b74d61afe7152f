//! The scripted session the binary prints: three users, the three rules of the Requests page,
//! one layer-2 client among layer-3 ones. [`transcript`] returns the text; `TRANSCRIPT.md` holds
//! a copy that a test keeps equal to it.

use std::fmt::Write as _;

use tlayer_schema::layers::enums;

use crate::client::{Announce, Client, ClientError};
use crate::links::{name, show_foreign_link, show_link, show_my_link, show_user};
use crate::server::{DEFAULT_LAYER, Server};

/// Alice's phone number.
pub const ALICE_PHONE: &str = "+15550001";
/// Bob's phone number.
pub const BOB_PHONE: &str = "+15550002";
/// Carol's phone number.
pub const CAROL_PHONE: &str = "+15550003";

/// The server, the three clients (Alice on layer 3, Bob on layer 2, Carol on layer 3) and the
/// text written so far.
struct Session {
    server: Server,
    clients: Vec<(String, Client)>,
    out: String,
    step: u32,
}

impl Session {
    fn client(&mut self, who: usize) -> (&mut Server, &mut Client) {
        (&mut self.server, &mut self.clients[who].1)
    }

    fn name_of(&self, id: i32) -> String {
        self.server.account(id).map(|a| a.first_name.clone()).unwrap_or_default()
    }

    fn line(&mut self, text: impl AsRef<str>) {
        self.out.push_str(text.as_ref());
        self.out.push('\n');
    }

    /// Starts a step: who does what, on which layer.
    fn begin(&mut self, who: usize, what: &str) {
        self.step += 1;
        let (name, client) = &self.clients[who];
        let line = format!("{:>2}. {name} (layer {}): {what}", self.step, client.layer());
        self.line(line);
    }

    /// The request's constructors as sent, the reply's as received (with what the server built
    /// when it differs), `detail`, the links a layer-3 reply carried, and what rule 1 revealed.
    fn exchanged(&mut self, who: usize, detail: &str, links: &[enums::contacts::Link]) {
        let client = &self.clients[who].1;
        let exchange = client.last().expect("a request was sent").clone();
        let remembered = self.server.connection_layer(client.connection());
        let served = self.server.journal().last().expect("a request was served").clone();
        let mut request = exchange.request_names();
        if served.announced.is_none() {
            match remembered {
                Some(layer) => write!(request, " (unwrapped: layer {layer}, remembered by the connection)").unwrap(),
                None => write!(request, " (unwrapped: default layer {})", served.layer).unwrap(),
            }
        }
        let mut reply = name(exchange.reply_id());
        reply.push_str(detail);
        if served.built != served.sent {
            let plural = if served.links == 1 { "" } else { "s" };
            write!(reply, " (layer-{} form of {}, {} link{plural})", served.layer, name(served.built), served.links)
                .unwrap();
        }
        self.line(format!("    > {request}"));
        self.line(format!("    < {reply}"));
        for link in links {
            self.line(format!("      {}", show_link(link)));
        }
        if let Some((viewer, subject)) = served.revealed {
            let line =
                format!("    rule 1: {}'s number is now available to {}", self.name_of(subject), self.name_of(viewer));
            self.line(line);
        }
    }

    /// The server's view of both sides of a pair: the `User` and the link each side would get.
    fn state(&mut self, a: i32, b: i32) {
        for (viewer, subject) in [(a, b), (b, a)] {
            let enums::contacts::Link::Link(link) = self.server.link(viewer, subject);
            let line = format!(
                "    state: {} sees {}: {}, {}, {}",
                self.name_of(viewer),
                self.name_of(subject),
                name(link.user.constructor_id()),
                show_my_link(&link.my_link),
                show_foreign_link(&link.foreign_link)
            );
            self.line(line);
        }
    }

    fn send(&mut self, who: usize, to: i32, text: &str) -> Result<(), ClientError> {
        let to_name = self.name_of(to);
        self.begin(who, &format!("messages.sendMessage to {to_name} {text:?}"));
        let (server, client) = self.client(who);
        let sent = client.send_message(server, to, text)?;
        match &sent {
            enums::messages::SentMessage::SentMessage(m) => {
                self.exchanged(who, &format!(" id={} pts={}", m.id, m.pts), &[])
            }
            enums::messages::SentMessage::Link(m) => {
                self.exchanged(who, &format!(" id={} pts={} links: {}", m.id, m.pts, m.links.len()), &m.links);
            }
        }
        Ok(())
    }

    fn users(&mut self, who: usize, users: &[enums::User]) {
        let shown: Vec<String> = users.iter().map(show_user).collect();
        self.exchanged(who, &format!(": [{}]", shown.join(", ")), &[]);
    }
}

/// Runs the session and returns its transcript (what `cargo run -p tlayer-example-contact-links`
/// prints).
///
/// # Panics
///
/// If a step fails: the script only does what the rules allow.
pub fn transcript() -> String {
    run().expect("the scripted session succeeds")
}

fn run() -> Result<String, ClientError> {
    let mut server = Server::new();
    let alice = server.register("Alice", "Adams", ALICE_PHONE);
    let bob = server.register("Bob", "Brown", BOB_PHONE);
    let carol = server.register("Carol", "Clark", CAROL_PHONE);
    let clients = vec![
        ("Alice".to_owned(), Client::connect(&mut server, alice, 3, Announce::EveryRequest)),
        ("Bob".to_owned(), Client::connect(&mut server, bob, 2, Announce::FirstRequest)),
        ("Carol".to_owned(), Client::connect(&mut server, carol, 3, Announce::FirstRequest)),
    ];
    let mut s = Session { server, clients, out: String::new(), step: 0 };
    let (a, b, c) = (0, 1, 2);

    s.line("Contact links of Telegram layer 3 (\"Requests\" page): an in-memory server, three clients, bytes only.");
    s.line(format!("  Alice #{alice} {ALICE_PHONE}: layer 3, wraps every request in invokeWithLayer3"));
    s.line(format!("  Bob   #{bob} {BOB_PHONE}: layer 2, wraps his first request in invokeWithLayer2"));
    s.line(format!("  Carol #{carol} {CAROL_PHONE}: layer 3, wraps her first request only"));
    s.line(format!("  A connection is answered in the layer it announced last, else layer {DEFAULT_LAYER}."));
    s.line("");
    s.line("Rule 2: Alice and Bob find each other; neither knows the other's number.");
    s.begin(a, "contacts.search \"Bob\"");
    let (server, client) = s.client(a);
    let found = client.search(server, "Bob")?;
    s.users(a, &found);
    s.begin(b, "contacts.search \"Alice\"");
    let (server, client) = s.client(b);
    let found = client.search(server, "Alice")?;
    s.users(b, &found);
    s.send(a, bob, "hi Bob")?;
    s.send(b, alice, "hi Alice")?;
    s.begin(a, "messages.sendMedia to Bob: inputMediaContact of her own number");
    let (server, client) = s.client(a);
    match client.send_contact(server, bob, ALICE_PHONE, "Alice", "Adams")? {
        enums::messages::StatedMessage::StatedMessage(m) => s.exchanged(a, &format!(" pts={}", m.pts), &[]),
        enums::messages::StatedMessage::Link(m) => {
            s.exchanged(a, &format!(" pts={} links: {}", m.pts, m.links.len()), &m.links);
        }
    }
    s.begin(b, "messages.getHistory with Alice");
    let (server, client) = s.client(b);
    let history = client.get_history(server, alice)?;
    let newest = match history.first() {
        Some(enums::Message::Message(m)) => match &m.media {
            enums::MessageMedia::Contact(c) => format!("messageMediaContact {} {}", c.first_name, c.phone_number),
            other => name(other.constructor_id()),
        },
        _ => "nothing".to_owned(),
    };
    s.exchanged(b, &format!(": {} messages, newest: {newest}", history.len()), &[]);
    s.begin(b, "contacts.importContacts Alice's number");
    let (server, client) = s.client(b);
    let enums::contacts::ImportedContacts::ImportedContacts(imported) =
        client.import_contacts(server, &[(ALICE_PHONE, "Alice", "Adams")])?;
    s.users(b, &imported.users);
    s.state(alice, bob);
    s.line("Rule 1: Bob has Alice's number, Alice lacks Bob's; the next message either way reveals Bob's.");
    s.send(a, bob, "did you save my number?")?;
    s.state(alice, bob);
    s.line("Rule 3: both know; messages change nothing.");
    s.send(b, alice, "yes")?;
    s.line("Rule 1 again: Bob has Carol's number, Carol lacks Bob's; Bob (layer 2) writes first.");
    s.begin(b, "contacts.importContacts Carol's number");
    let (server, client) = s.client(b);
    let enums::contacts::ImportedContacts::ImportedContacts(imported) =
        client.import_contacts(server, &[(CAROL_PHONE, "Carol", "Clark")])?;
    s.users(b, &imported.users);
    s.send(b, carol, "hello Carol")?;
    s.line("    Bob's client got no links: it cannot tell that Carol now has his number.");
    s.begin(c, "contacts.search \"Bob\"");
    let (server, client) = s.client(c);
    let found = client.search(server, "Bob")?;
    s.users(c, &found);
    s.send(c, bob, "hi Bob, it's Carol")?;
    s.state(bob, carol);
    Ok(s.out)
}
