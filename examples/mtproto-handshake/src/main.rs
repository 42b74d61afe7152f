//! Runs the auth-key exchange between an in-memory client and server and prints each message.

use std::time::{SystemTime, UNIX_EPOCH};
use tlayer_example_mtproto_handshake::client::{Client, Flavor, KeyEncryptor};
use tlayer_example_mtproto_handshake::crypto::RsaPrivateKey;
use tlayer_example_mtproto_handshake::entropy::OsEntropy;
use tlayer_example_mtproto_handshake::server::Server;
use tlayer_example_mtproto_handshake::{HandshakeError, MsgIds, envelope, mtproto};

/// Prints a packet: direction, message id, length and the constructor of its body.
fn show(arrow: &str, packet: &[u8]) -> Result<(), HandshakeError> {
    let plain = envelope::read(packet)?;
    let id = u32::from_le_bytes(plain.body[..4].try_into().map_err(|_| HandshakeError::Protocol("empty body"))?);
    let name = mtproto::name_for_id(id).unwrap_or("?");
    println!("{arrow} msg_id {:016x}  {:>4} bytes  {name}#{id:08x}", plain.msg_id, plain.body.len());
    Ok(())
}

fn main() -> Result<(), HandshakeError> {
    let mut entropy = OsEntropy;
    let now = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs() as u32);
    let (mut client_ids, mut server_ids) = (MsgIds::new(false), MsgIds::new(true));

    let key = RsaPrivateKey::generate(&mut entropy);
    println!("server RSA key: 2048 bits, fingerprint {:016x}", key.public.fingerprint() as u64);
    let public = key.public.clone();
    let mut server = Server::new(key);

    let (mut client, body) = Client::start(Flavor::Current { dc: 2 }, &mut entropy);
    let packet = envelope::write(client_ids.next(now), &body);
    show("client ->", &packet)?;
    let answer = envelope::write(server_ids.next(now), &server.on_req_pq(envelope::read(&packet)?.body, &mut entropy)?);
    show("<- server", &answer)?;

    let keys: [&dyn KeyEncryptor; 1] = [&public];
    let body = client.on_res_pq(envelope::read(&answer)?.body, &keys, &mut entropy)?;
    let packet = envelope::write(client_ids.next(now), &body);
    show("client ->", &packet)?;
    let body = server.on_req_dh_params(envelope::read(&packet)?.body, now as i32, &mut entropy)?;
    let answer = envelope::write(server_ids.next(now), &body);
    show("<- server", &answer)?;

    let body = client.on_server_dh_params(envelope::read(&answer)?.body, &mut entropy)?;
    let packet = envelope::write(client_ids.next(now), &body);
    show("client ->", &packet)?;
    let (body, server_key) = server.on_set_client_dh_params(envelope::read(&packet)?.body)?;
    let answer = envelope::write(server_ids.next(now), &body);
    show("<- server", &answer)?;

    let created = client.on_dh_gen(envelope::read(&answer)?.body)?;
    assert_eq!(created.auth_key, server_key, "both sides derive the same key");
    println!(
        "auth key created: id {:016x}, server time {}, first salt {:016x}",
        created.auth_key.id(),
        created.server_time,
        created.server_salt as u64
    );
    Ok(())
}
