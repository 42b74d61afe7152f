//! The example server through bytes only: requests built by the generated client encoders are
//! checked against bytes written out by hand from layer 230's ids, answered by
//! `service::serve`, and the answers compared byte for byte and decoded.

use tlayer::{RawObject, RpcError, TlRead, TlWrite};
use tlayer_example_typed_server::Server;
use tlayer_example_typed_server::api::{enums, functions, service, types};

/// A TL string of fewer than 254 bytes: length byte, text, zero padding to 4.
fn tl_string(s: &str) -> Vec<u8> {
    let mut b = vec![s.len() as u8];
    b.extend(s.as_bytes());
    b.resize(b.len().next_multiple_of(4), 0);
    b
}

fn first_request() -> functions::InvokeWithLayer<functions::InitConnection<functions::help::GetNearestDc>> {
    functions::InvokeWithLayer {
        layer: 230,
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
    }
}

#[test]
fn nearest_dc_through_invoke_with_layer_and_init_connection() {
    let bytes = first_request().to_bytes();
    let mut want = Vec::new();
    want.extend(0xda9b0d0d_u32.to_le_bytes()); // invokeWithLayer
    want.extend(230_i32.to_le_bytes());
    want.extend(0xc1cd5ea9_u32.to_le_bytes()); // initConnection
    want.extend(0_u32.to_le_bytes()); // flags: no proxy, no params
    want.extend(4_i32.to_le_bytes());
    for s in ["example", "linux", "1.0", "en", "", "nl"] {
        want.extend(tl_string(s));
    }
    want.extend(0x1fb33026_u32.to_le_bytes()); // help.getNearestDc
    assert_eq!(bytes, want);

    // What the wrappers said: the layer, and initConnection's fields without its request.
    let (cx, inner) = service::peel(functions::Function::from_bytes(&bytes).unwrap());
    assert_eq!(cx.layer, Some(230));
    assert_eq!(cx.wrappers.len(), 2);
    let connection = cx.connection().expect("initConnection");
    assert_eq!(
        *connection,
        functions::InitConnection {
            api_id: 4,
            device_model: "example".into(),
            system_version: "linux".into(),
            app_version: "1.0".into(),
            system_lang_code: "en".into(),
            lang_pack: String::new(),
            lang_code: "nl".into(),
            proxy: None,
            params: None,
            query: (),
        }
    );
    assert_eq!(inner, functions::Function::HelpGetNearestDc(Box::new(functions::help::GetNearestDc {})));

    let mut server = Server { this_dc: 2, ..Server::default() };
    let answer = service::serve(&mut server, &bytes).unwrap();
    let mut want = 0x8e1a1775_u32.to_le_bytes().to_vec(); // nearestDc
    want.extend(tl_string("NL"));
    want.extend(2_i32.to_le_bytes());
    want.extend(2_i32.to_le_bytes());
    assert_eq!(answer, want);
    let decoded = RawObject(answer).answer::<functions::help::GetNearestDc, RpcError>().unwrap();
    assert_eq!(
        decoded,
        Ok(enums::NearestDc::from(types::NearestDc { country: "NL".into(), this_dc: 2, nearest_dc: 2 }))
    );
    assert_eq!(server.calls_by_layer.get(&230), Some(&1));
}

#[test]
fn update_status_and_the_default_answer() {
    let mut server = Server::default();
    let request = functions::InvokeWithoutUpdates { query: functions::account::UpdateStatus { offline: false } };
    let bytes = request.to_bytes();
    let mut want = 0xbf9459b7_u32.to_le_bytes().to_vec(); // invokeWithoutUpdates
    want.extend(0x6628562c_u32.to_le_bytes()); // account.updateStatus
    want.extend(0xbc799737_u32.to_le_bytes()); // boolFalse
    assert_eq!(bytes, want);
    let answer = service::serve(&mut server, &bytes).unwrap();
    assert_eq!(answer, 0x997275b5_u32.to_le_bytes()); // boolTrue
    assert!(server.online);
    assert_eq!(RawObject(answer).answer::<functions::account::UpdateStatus, RpcError>(), Ok(Ok(true)));

    // help.getSupportName is not implemented: rpc_error 404 METHOD_NOT_IMPLEMENTED.
    let answer = service::serve(&mut server, &functions::help::GetSupportName {}.to_bytes()).unwrap();
    let mut want = 0x2144ca19_u32.to_le_bytes().to_vec();
    want.extend(404_i32.to_le_bytes());
    want.extend(tl_string("METHOD_NOT_IMPLEMENTED"));
    assert_eq!(answer, want);
    assert_eq!(
        RawObject(answer).answer::<functions::help::GetSupportName, RpcError>(),
        Ok(Err(RpcError::new(404, "METHOD_NOT_IMPLEMENTED")))
    );

    // The first call of a connection without initConnection: the server's own error.
    let answer = service::serve(&mut server, &functions::help::GetNearestDc {}.to_bytes()).unwrap();
    assert_eq!(RpcError::from_bytes(&answer), Ok(RpcError::new(400, "CONNECTION_NOT_INITED")));
}

#[test]
fn broken_requests_are_errors_with_offsets() {
    let bytes = first_request().to_bytes();
    for end in 0..bytes.len() {
        assert!(service::serve(&mut Server::default(), &bytes[..end]).is_err(), "{end} of {} bytes", bytes.len());
    }
    // An id no function of the schema has, at the start: an unknown constructor at offset 0.
    let err = service::serve(&mut Server::default(), &[1, 2, 3, 4]).unwrap_err();
    assert_eq!(err, tlayer::Error::UnknownConstructor { offset: 0, id: 0x04030201, expected: "a function" });
    // A trailing byte after a whole request.
    let mut long = bytes.clone();
    long.extend([0, 0, 0, 0]);
    assert_eq!(
        service::serve(&mut Server::default(), &long).unwrap_err(),
        tlayer::Error::TrailingBytes { offset: bytes.len(), remaining: 4 }
    );
}
