//! A client builds a layer-3 request, a server decodes it; both with the generated types.

use tlayer::{RemoteCall, TlRead, TlWrite};
use tlayer_example_build_rs::layer3::{enums, functions, name_for_id, types};

fn main() {
    // Client: send "hi" to contact 42, announcing layer 3.
    let request = functions::InvokeWithLayer3 {
        query: functions::messages::SendMessage {
            peer: types::InputPeerContact { user_id: 42 }.into(),
            message: "hi".into(),
            random_id: 7,
        },
    };
    let bytes = request.to_bytes();
    println!("request: {}", hex(&bytes));

    // Server: decode whatever function arrived, unwrap the layer, answer.
    let functions::Function::InvokeWithLayer3(wrapped) = functions::Function::from_bytes(&bytes).unwrap() else {
        panic!("expected invokeWithLayer3");
    };
    let inner = &wrapped.query;
    println!("server got {} ({})", name_for_id(inner.constructor_id()).unwrap(), inner.constructor_id());
    let answer: <functions::messages::SendMessage as RemoteCall>::Return =
        types::messages::SentMessageLink { id: 1, date: 1_700_000_000, pts: 2, seq: 3, links: vec![] }.into();
    let reply = answer.to_bytes();
    println!("reply:   {}", hex(&reply));

    // Client: decode the typed answer.
    match enums::messages::SentMessage::from_bytes(&reply).unwrap() {
        enums::messages::SentMessage::Link(sent) => {
            println!("sent message {} with {} link changes", sent.id, sent.links.len())
        }
        other => println!("sent: {other:?}"),
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
