//! The link model: what one user knows of another's phone number, and how that becomes the
//! layer-3 values `contacts.MyLink`, `contacts.ForeignLink` and the `User` constructor.
//!
//! # Knowing a number
//!
//! For an ordered pair (viewer V, subject S) the server keeps one fact, [`Knowledge`]:
//!
//! - [`Knowledge::Contact`]: S's phone number is in V's phone book (V imported it with
//!   `contacts.importContacts`);
//! - [`Knowledge::Revealed`]: S's number is not in V's phone book, but the server made it
//!   available to V by rule 1 (below);
//! - [`Knowledge::Unknown`]: V does not have S's number.
//!
//! V *knows* S's number when the knowledge is `Contact` or `Revealed`. Everything V sees about S
//! is derived from the two facts (V about S, S about V); nothing else is stored.
//!
//! # From knowledge to TL values
//!
//! | V's knowledge of S | `User` V receives for S | `my_link` in V's link about S | `foreign_link` in S's link about V |
//! |--------------------|-------------------------|-------------------------------|------------------------------------|
//! | `Contact`  | `userContact#f2fb8319` (with phone) | `contacts.myLinkContact` | `contacts.foreignLinkMutual` |
//! | `Revealed` | `userRequest#22e8ceb0` (with phone) | `contacts.myLinkRequested contact:true` | `contacts.foreignLinkRequested has_phone:true` |
//! | `Unknown`  | `userForeign#5214c89d` (no phone)   | `contacts.myLinkEmpty` | `contacts.foreignLinkUnknown` |
//!
//! So the `contacts.link` V receives about S is `my_link` from V's knowledge of S and
//! `foreign_link` from S's knowledge of V (the same column read from the other side), plus the
//! `User` V sees. The two `Requested` constructors carry a flag; here it says "the number is
//! available" (`contact`: V could add S to its contacts now; `has_phone`: S has V's number). The
//! rules of the Requests page never create a request without a number, so this server never
//! sends `false` in them.
//!
//! # The rules of the Requests page
//!
//! Checked by the server just before it delivers any message (`messages.sendMessage`,
//! `messages.sendMedia`) from A to B:
//!
//! 1. exactly one side knows the other's number: the side that does not know it gets the number
//!    of the side that does (its knowledge becomes `Revealed`), whichever of the two sent the
//!    message — see [`rule_1`];
//! 2. neither knows: nothing changes. A gives B its number with `inputMediaContact`; once B
//!    imports it, B knows A's number and the next message either way is rule 1 again;
//! 3. both know: nothing changes.

use tlayer_schema::layers::{enums, types};

/// What a viewer knows of a subject's phone number (see the module docs for the table).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Knowledge {
    /// The viewer does not have the subject's number.
    Unknown,
    /// The server made the subject's number available to the viewer (rule 1).
    Revealed,
    /// The subject's number is in the viewer's phone book.
    Contact,
}

impl Knowledge {
    /// Whether the viewer has the subject's number (`Revealed` or `Contact`).
    pub fn knows_number(self) -> bool {
        self != Self::Unknown
    }

    /// The viewer's `contacts.MyLink` for the subject.
    pub fn my_link(self) -> enums::contacts::MyLink {
        match self {
            Self::Unknown => types::contacts::MyLinkEmpty {}.into(),
            Self::Revealed => types::contacts::MyLinkRequested { contact: true }.into(),
            Self::Contact => types::contacts::MyLinkContact {}.into(),
        }
    }

    /// The `contacts.ForeignLink` the *subject* receives when this is the viewer's knowledge of
    /// the subject: the foreign side of a link is the other user's knowledge of me.
    pub fn foreign_link(self) -> enums::contacts::ForeignLink {
        match self {
            Self::Unknown => types::contacts::ForeignLinkUnknown {}.into(),
            Self::Revealed => types::contacts::ForeignLinkRequested { has_phone: true }.into(),
            Self::Contact => types::contacts::ForeignLinkMutual {}.into(),
        }
    }

    /// The constructor id of the `User` the viewer receives for the subject.
    pub fn user_constructor_id(self) -> u32 {
        match self {
            Self::Unknown => USER_FOREIGN,
            Self::Revealed => USER_REQUEST,
            Self::Contact => USER_CONTACT,
        }
    }
}

/// `userContact#f2fb8319`: the subject is in the viewer's contacts.
pub const USER_CONTACT: u32 = 0xf2fb8319;
/// `userRequest#22e8ceb0`: the viewer has the subject's number, the subject is not a contact.
pub const USER_REQUEST: u32 = 0x22e8ceb0;
/// `userForeign#5214c89d`: the viewer does not have the subject's number.
pub const USER_FOREIGN: u32 = 0x5214c89d;
/// `userSelf#720535ec`: the viewer itself.
pub const USER_SELF: u32 = 0x720535ec;

/// Who learns whose number when a message passes between two users.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reveal {
    /// Rule 2 (neither knows) or rule 3 (both know): nothing changes.
    Nothing,
    /// Rule 1, the sender knew the receiver's number: the receiver gets the sender's.
    SenderToReceiver,
    /// Rule 1, the receiver knew the sender's number: the sender gets the receiver's.
    ReceiverToSender,
}

/// Rule 1 of the Requests page, from what each side knows before the message is delivered:
/// when exactly one side knows the other's number, the other side gets the knower's number.
pub fn rule_1(sender_knows_receiver: bool, receiver_knows_sender: bool) -> Reveal {
    match (sender_knows_receiver, receiver_knows_sender) {
        (true, false) => Reveal::SenderToReceiver,
        (false, true) => Reveal::ReceiverToSender,
        _ => Reveal::Nothing,
    }
}

/// The TL name of a constructor id (`name_for_id` of the merged schema), or its hex form.
pub fn name(id: u32) -> String {
    match tlayer_schema::layers::name_for_id(id) {
        Some(name) => name.to_owned(),
        None => format!("#{id:08x}"),
    }
}

/// A short readable form of a `contacts.MyLink`, e.g. `myLinkRequested{contact:true}`.
pub fn show_my_link(link: &enums::contacts::MyLink) -> String {
    match link {
        enums::contacts::MyLink::Empty(_) => "myLinkEmpty".to_owned(),
        enums::contacts::MyLink::Requested(r) => format!("myLinkRequested{{contact:{}}}", r.contact),
        enums::contacts::MyLink::Contact(_) => "myLinkContact".to_owned(),
    }
}

/// A short readable form of a `contacts.ForeignLink`, e.g. `foreignLinkRequested{has_phone:true}`.
pub fn show_foreign_link(link: &enums::contacts::ForeignLink) -> String {
    match link {
        enums::contacts::ForeignLink::Unknown(_) => "foreignLinkUnknown".to_owned(),
        enums::contacts::ForeignLink::Requested(r) => format!("foreignLinkRequested{{has_phone:{}}}", r.has_phone),
        enums::contacts::ForeignLink::Mutual(_) => "foreignLinkMutual".to_owned(),
    }
}

/// The user's id, whatever its constructor.
pub fn user_id(user: &enums::User) -> i32 {
    match user {
        enums::User::Empty(u) => u.id,
        enums::User::UserSelf(u) => u.id,
        enums::User::Contact(u) => u.id,
        enums::User::Request(u) => u.id,
        enums::User::Foreign(u) => u.id,
        enums::User::Deleted(u) => u.id,
    }
}

/// The phone number a `User` carries, if its constructor has one.
pub fn user_phone(user: &enums::User) -> Option<&str> {
    match user {
        enums::User::UserSelf(u) => Some(&u.phone),
        enums::User::Contact(u) => Some(&u.phone),
        enums::User::Request(u) => Some(&u.phone),
        _ => None,
    }
}

/// A short readable form of a `User`: constructor name, first name and phone if it has one.
pub fn show_user(user: &enums::User) -> String {
    let first = match user {
        enums::User::Empty(_) => "",
        enums::User::UserSelf(u) => &u.first_name,
        enums::User::Contact(u) => &u.first_name,
        enums::User::Request(u) => &u.first_name,
        enums::User::Foreign(u) => &u.first_name,
        enums::User::Deleted(u) => &u.first_name,
    };
    match user_phone(user) {
        Some(phone) => format!("{} {first} {phone}", name(user.constructor_id())),
        None => format!("{} {first}", name(user.constructor_id())),
    }
}

/// A short readable form of a `contacts.link`: `my_link / foreign_link / user`.
pub fn show_link(link: &enums::contacts::Link) -> String {
    let enums::contacts::Link::Link(link) = link;
    format!("{} / {} / {}", show_my_link(&link.my_link), show_foreign_link(&link.foreign_link), show_user(&link.user))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table() {
        let rows = [
            (Knowledge::Contact, USER_CONTACT, "myLinkContact", "foreignLinkMutual"),
            (
                Knowledge::Revealed,
                USER_REQUEST,
                "myLinkRequested{contact:true}",
                "foreignLinkRequested{has_phone:true}",
            ),
            (Knowledge::Unknown, USER_FOREIGN, "myLinkEmpty", "foreignLinkUnknown"),
        ];
        for (knowledge, user, my, foreign) in rows {
            assert_eq!(knowledge.user_constructor_id(), user);
            assert_eq!(show_my_link(&knowledge.my_link()), my);
            assert_eq!(show_foreign_link(&knowledge.foreign_link()), foreign);
            assert_eq!(knowledge.knows_number(), knowledge != Knowledge::Unknown);
        }
        assert_eq!(name(USER_SELF), "userSelf");
        assert_eq!(name(USER_REQUEST), "userRequest");
    }

    #[test]
    fn rule_1_truth_table() {
        assert_eq!(rule_1(true, false), Reveal::SenderToReceiver);
        assert_eq!(rule_1(false, true), Reveal::ReceiverToSender);
        assert_eq!(rule_1(false, false), Reveal::Nothing, "rule 2");
        assert_eq!(rule_1(true, true), Reveal::Nothing, "rule 3");
    }
}
