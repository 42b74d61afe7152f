//! A client sends three requests as bytes; the server answers each through the service trait.

use tlayer::{RawObject, RpcError, TlWrite};
use tlayer_example_typed_server::Server;
use tlayer_example_typed_server::api::{LAYER, enums, functions, service};

fn main() {
    let mut server = Server { this_dc: 2, ..Server::default() };

    // The first request of a connection: the layer, the connection's parameters, the call.
    let first = functions::InvokeWithLayer {
        layer: LAYER,
        query: functions::InitConnection::new(
            4,
            "example",
            "linux",
            "1.0",
            "en",
            "",
            "nl",
            functions::help::GetNearestDc {},
        ),
    };
    let answer = round_trip(&mut server, "invokeWithLayer > initConnection > help.getNearestDc", &first.to_bytes());
    match RawObject(answer).answer::<functions::help::GetNearestDc, RpcError>().expect("an answer") {
        Ok(enums::NearestDc::NearestDc(dc)) => {
            println!("   nearest dc: country {}, this dc {}, nearest {}", dc.country, dc.this_dc, dc.nearest_dc)
        }
        Err(e) => println!("   {e}"),
    }

    let second = functions::InvokeWithoutUpdates { query: functions::account::UpdateStatus { offline: false } };
    let answer = round_trip(&mut server, "invokeWithoutUpdates > account.updateStatus", &second.to_bytes());
    let answer = RawObject(answer).answer::<functions::account::UpdateStatus, RpcError>().expect("an answer");
    println!("   answer: {answer:?}; the server sees the client online: {}", server.online);

    let third = functions::help::GetSupportName {};
    let answer = round_trip(&mut server, "help.getSupportName", &third.to_bytes());
    if let Err(e) = RawObject(answer).answer::<functions::help::GetSupportName, RpcError>().expect("an answer") {
        println!("   {e} (the trait's default: the server does not implement it)");
    }
    println!("calls by layer: {:?}", server.calls_by_layer);
}

/// Hands the request bytes to the server and returns the answer bytes, printing both sizes and
/// what the wrappers said.
fn round_trip(server: &mut Server, what: &str, request: &[u8]) -> Vec<u8> {
    println!("> {what} ({} bytes)", request.len());
    let function = <functions::Function as tlayer::TlRead>::from_bytes(request).expect("a request");
    let (cx, _) = service::peel(function);
    println!("   layer {:?}, {} wrapper(s)", cx.layer, cx.wrappers.len());
    let answer = service::serve(server, request).expect("the request decodes");
    println!("< {} bytes", answer.len());
    answer
}
