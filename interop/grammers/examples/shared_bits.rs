//! Shows what grammers-tl-types 0.11.0 writes for values whose fields sharing one flag bit
//! disagree (one set, the other not), and what tlayer and grammers make of those bytes.
//!
//! `cargo run --example shared_bits` (in `interop/grammers`). Not part of the comparison: random
//! bytes always carry every field of a set bit, and grammers reads them back consistently; only
//! values built in Rust can disagree (tlayer's generated types cannot express them: such fields
//! are one `Option` of a group, or a `bool` derived from the value sharing its bit).

use grammers_tl_types::{Deserializable, Serializable, enums};
use tlayer::TlRead;
use tlayer_schema::layer230::enums as ours;

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn report<G: Deserializable + std::fmt::Debug, T: TlRead + std::fmt::Debug>(what: &str, bytes: &[u8]) {
    println!("{what}\n  grammers writes: {}", hex(bytes));
    match T::from_bytes(bytes) {
        Ok(v) => println!("  tlayer decodes:  Ok({v:?})"),
        Err(e) => println!("  tlayer decodes:  Err({e})"),
    }
    match G::from_bytes(bytes) {
        Ok(v) => println!("  grammers decodes: Ok({v:?})"),
        Err(e) => println!("  grammers decodes: Err({e})"),
    }
}

fn main() {
    // inputMediaPoll#883a4108 flags:# poll:Poll ... solution:flags.1?string
    //   solution_entities:flags.1?Vector<MessageEntity> ...
    // Built from bytes (no flag set), then `solution` set without `solution_entities`.
    let poll: Vec<u8> = [&0x883a_4108_u32.to_le_bytes()[..], &0u32.to_le_bytes(), &minimal_poll()].concat();
    let Ok(enums::InputMedia::Poll(mut media)) = enums::InputMedia::from_bytes(&poll) else {
        panic!("grammers did not decode the minimal inputMediaPoll {}", hex(&poll));
    };
    media.solution = Some("x".into());
    media.solution_entities = None;
    report::<enums::InputMedia, ours::InputMedia>(
        "inputMediaPoll with solution = Some(\"x\"), solution_entities = None (both on flags.1):",
        &enums::InputMedia::Poll(media).to_bytes(),
    );

    // user#b1b8cc83 flags:# ... bot:flags.14?true ... flags2:# ... id:long ... bot_info_version:flags.14?int
    let user: Vec<u8> =
        [&0xb1b8_cc83_u32.to_le_bytes()[..], &0u32.to_le_bytes(), &0u32.to_le_bytes(), &7i64.to_le_bytes()].concat();
    let Ok(enums::User::User(mut u)) = enums::User::from_bytes(&user) else {
        panic!("grammers did not decode the minimal user {}", hex(&user));
    };
    u.bot = true;
    u.bot_info_version = None;
    report::<enums::User, ours::User>(
        "user with bot = true, bot_info_version = None (both on flags.14):",
        &enums::User::User(u).to_bytes(),
    );
}

/// The smallest boxed `poll`: poll#966e2dbf id:long flags:# question:TextWithEntities
/// answers:Vector<PollAnswer> hash:long, with no flag set, an empty question and no answers.
fn minimal_poll() -> Vec<u8> {
    const VECTOR: u32 = 0x1cb5_c415;
    let mut out = Vec::new();
    out.extend_from_slice(&0x966e_2dbf_u32.to_le_bytes());
    out.extend_from_slice(&1i64.to_le_bytes()); // id
    out.extend_from_slice(&0u32.to_le_bytes()); // flags
    out.extend_from_slice(&0x751f_3146_u32.to_le_bytes()); // textWithEntities
    out.extend_from_slice(&[0, 0, 0, 0]); // text: ""
    out.extend_from_slice(&VECTOR.to_le_bytes()); // entities: []
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&VECTOR.to_le_bytes()); // answers: []
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&2i64.to_le_bytes()); // hash
    out
}
