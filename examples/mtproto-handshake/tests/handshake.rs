//! The in-memory client and server create a key together; broken, truncated, padded or forged
//! messages at each step are clear errors, never panics.

use std::sync::OnceLock;
use tlayer::TlWrite;
use tlayer_example_mtproto_handshake::client::{Client, Flavor, KeyEncryptor};
use tlayer_example_mtproto_handshake::crypto::RsaPrivateKey;
use tlayer_example_mtproto_handshake::entropy::{Entropy, OsEntropy};
use tlayer_example_mtproto_handshake::envelope::{self, EnvelopeError};
use tlayer_example_mtproto_handshake::server::Server;
use tlayer_example_mtproto_handshake::{HandshakeError, mtproto};

/// One RSA key for every test (generating one takes a moment).
fn key() -> &'static RsaPrivateKey {
    static KEY: OnceLock<RsaPrivateKey> = OnceLock::new();
    KEY.get_or_init(|| RsaPrivateKey::generate(&mut OsEntropy))
}

/// The packets of one exchange, in order: the client's three and the server's three.
struct Run {
    to_server: Vec<Vec<u8>>,
    to_client: Vec<Vec<u8>>,
}

fn exchange()
-> (Run, tlayer_example_mtproto_handshake::client::Created, tlayer_example_mtproto_handshake::crypto::AuthKey) {
    let e = &mut OsEntropy;
    let public = key().public.clone();
    let keys: [&dyn KeyEncryptor; 1] = [&public];
    let mut server = Server::new(key().clone());
    let mut run = Run { to_server: vec![], to_client: vec![] };
    let (mut client, body) = Client::start(Flavor::Current { dc: 2 }, e);
    run.to_server.push(envelope::write(4 << 32, &body));
    let answer = server.on_req_pq(envelope::read(&run.to_server[0]).unwrap().body, e).unwrap();
    run.to_client.push(envelope::write(4 << 32 | 1, &answer));
    let body = client.on_res_pq(envelope::read(&run.to_client[0]).unwrap().body, &keys, e).unwrap();
    run.to_server.push(envelope::write(5 << 32, &body));
    let answer = server.on_req_dh_params(envelope::read(&run.to_server[1]).unwrap().body, 1_700_000_000, e).unwrap();
    run.to_client.push(envelope::write(5 << 32 | 1, &answer));
    let body = client.on_server_dh_params(envelope::read(&run.to_client[1]).unwrap().body, e).unwrap();
    run.to_server.push(envelope::write(6 << 32, &body));
    let (answer, server_key) = server.on_set_client_dh_params(envelope::read(&run.to_server[2]).unwrap().body).unwrap();
    run.to_client.push(envelope::write(6 << 32 | 1, &answer));
    let created = client.on_dh_gen(envelope::read(&run.to_client[2]).unwrap().body).unwrap();
    (run, created, server_key)
}

#[test]
fn client_and_server_agree_on_a_key() {
    let (run, created, server_key) = exchange();
    assert_eq!(created.auth_key, server_key);
    assert_eq!(created.server_time, 1_700_000_000);
    // The messages are the ones of the official schema, in order.
    let names: Vec<&str> = run
        .to_server
        .iter()
        .chain(&run.to_client)
        .map(|p| {
            let body = envelope::read(p).unwrap().body;
            mtproto::name_for_id(u32::from_le_bytes(body[..4].try_into().unwrap())).unwrap()
        })
        .collect();
    assert_eq!(
        names,
        ["req_pq_multi", "req_DH_params", "set_client_DH_params", "resPQ", "server_DH_params_ok", "dh_gen_ok"]
    );
    // Two runs make two different keys.
    let (_, again, _) = exchange();
    assert_ne!(again.auth_key, created.auth_key);
}

#[test]
fn the_key_fingerprint_is_the_one_res_pq_lists() {
    let public = &key().public;
    let mut server = Server::new(key().clone());
    let (_, body) = Client::start(Flavor::Current { dc: 1 }, &mut OsEntropy);
    let res = server.on_req_pq(&body, &mut OsEntropy).unwrap();
    let res: mtproto::types::ResPq =
        <mtproto::enums::ResPq as tlayer::TlRead>::from_bytes(&res).unwrap().try_into().unwrap();
    assert_eq!(res.server_public_key_fingerprints, [public.fingerprint()]);
    assert_eq!(res.pq.len(), 8);
}

#[test]
fn truncated_or_padded_packets_are_envelope_errors() {
    let (run, _, _) = exchange();
    for packet in run.to_server.iter().chain(&run.to_client) {
        for cut in [0, 19, 20, packet.len() - 4, packet.len() - 1] {
            let e = envelope::read(&packet[..cut]).unwrap_err();
            assert!(matches!(e, EnvelopeError::TooShort { .. } | EnvelopeError::Length { .. }), "{e}");
        }
        let mut padded = packet.clone();
        padded.extend_from_slice(&[0; 4]);
        assert_eq!(
            envelope::read(&padded).unwrap_err(),
            EnvelopeError::Length { declared: (packet.len() - 20) as i32, actual: packet.len() - 16 }
        );
    }
}

#[test]
fn bad_bodies_are_clear_errors() {
    let e = &mut OsEntropy;
    let public = key().public.clone();
    let keys: [&dyn KeyEncryptor; 1] = [&public];

    // A resPQ whose body is cut: a decoding error with its place.
    let mut server = Server::new(key().clone());
    let (mut client, body) = Client::start(Flavor::Current { dc: 2 }, e);
    let res = server.on_req_pq(&body, e).unwrap();
    assert_eq!(
        client.on_res_pq(&res[..res.len() - 4], &keys, e),
        Err(HandshakeError::Decode(tlayer::Error::UnexpectedEof {
            offset: res.len() - 8,
            needed: 8,
            expected: "long"
        }))
    );
    // A resPQ with padding after it.
    let mut padded = res.clone();
    padded.extend_from_slice(&[0; 4]);
    assert_eq!(
        client.on_res_pq(&padded, &keys, e),
        Err(HandshakeError::Decode(tlayer::Error::TrailingBytes { offset: res.len(), remaining: 4 }))
    );
    // A resPQ for someone else's nonce.
    let mut forged = res.clone();
    forged[4] ^= 1;
    assert_eq!(client.on_res_pq(&forged, &keys, e), Err(HandshakeError::Protocol("resPQ nonce differs from ours")));
    // An unknown constructor.
    let mut unknown = res.clone();
    unknown[..4].copy_from_slice(&0xdead_beef_u32.to_le_bytes());
    assert_eq!(
        client.on_res_pq(&unknown, &keys, e),
        Err(HandshakeError::Decode(tlayer::Error::UnknownConstructor {
            offset: 0,
            id: 0xdead_beef,
            expected: "ResPQ"
        }))
    );
    // The real one goes through.
    let req = client.on_res_pq(&res, &keys, e).unwrap();

    // The server refuses a request whose encrypted data was tampered with.
    let mut tampered = req.clone();
    let last = tampered.len() - 1;
    tampered[last] ^= 1;
    let mut other = server.clone();
    let err = other.on_req_dh_params(&tampered, 0, e).unwrap_err();
    assert!(matches!(err, HandshakeError::Protocol(_)), "{err}");
    assert!(err.to_string().starts_with("protocol violation: RSA_PAD"), "{err}");

    // Steps out of turn are refused.
    assert_eq!(server.on_set_client_dh_params(&req), Err(HandshakeError::Protocol("set_client_DH_params out of turn")));
}

/// Random bodies at every step of both sides, each side in the state that expects that step:
/// errors, never panics.
#[test]
fn random_bodies_never_panic() {
    let e = &mut OsEntropy;
    let public = key().public.clone();
    let keys: [&dyn KeyEncryptor; 1] = [&public];
    let fresh_server = Server::new(key().clone());
    let mut server = fresh_server.clone();
    let (mut client, body) = Client::start(Flavor::Current { dc: 2 }, e);
    let res = server.on_req_pq(&body, e).unwrap();
    let (client_at_res, server_at_dh) = (client.clone(), server.clone());
    let req = client.on_res_pq(&res, &keys, e).unwrap();
    let answer = server.on_req_dh_params(&req, 0, e).unwrap();
    let (client_at_dh, server_at_set) = (client.clone(), server.clone());
    client.on_server_dh_params(&answer, e).unwrap();
    let client_at_gen = client.clone();

    let ids = [0x05162463_u32, 0xd0e8075c, 0x3bcbf734, 0xbe7e8ef1, 0xd712e4be, 0xf5045f1f];
    let mut buf = [0u8; 700];
    for round in 0..300 {
        let mut len_bytes = [0u8; 2];
        e.fill("len", &mut len_bytes);
        let len = usize::from(u16::from_le_bytes(len_bytes)) % buf.len();
        e.fill("junk", &mut buf[..len]);
        let junk = &mut buf[..len];
        // A plausible id half of the time, so decoding goes past it.
        if round % 2 == 0 && len >= 4 {
            junk[..4].copy_from_slice(&ids[round / 2 % ids.len()].to_le_bytes());
        }
        assert!(client_at_res.clone().on_res_pq(junk, &keys, e).is_err());
        assert!(client_at_dh.clone().on_server_dh_params(junk, e).is_err());
        assert!(client_at_gen.clone().on_dh_gen(junk).is_err());
        let _ = fresh_server.clone().on_req_pq(junk, e);
        assert!(server_at_dh.clone().on_req_dh_params(junk, 0, e).is_err());
        assert!(server_at_set.clone().on_set_client_dh_params(junk).is_err());
        let _ = envelope::read(junk);
    }
    // A well-formed body in the wrong place is refused by type.
    assert!(matches!(client_at_res.clone().on_res_pq(&body, &keys, e), Err(HandshakeError::Decode(_))));
    let pong = mtproto::enums::Pong::from(mtproto::types::Pong { msg_id: 1, ping_id: 2 }).to_bytes();
    assert!(matches!(client_at_gen.clone().on_dh_gen(&pong), Err(HandshakeError::Decode(_))));
}
