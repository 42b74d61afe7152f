//! Replays Telegram's published sample exchange ("Creating an Authorization Key",
//! core.telegram.org/mtproto/samples-auth_key; archived copy in `data/samples-auth_key.txt`)
//! with its random values fixed, checking every message byte for byte in both directions, and
//! decodes every sample message through the generated types, checking the page's field values.
//!
//! What cannot be replayed: the RSA step pads with random bytes the page does not print, and
//! only Telegram has the private key to recover them. There the test checks that the data the
//! client encrypts is the page's (its SHA-1, which the page prints) and takes the page's
//! ciphertext as the encryptor's output. The random paddings of the two AES-IGE payloads are
//! recovered by decrypting the page's ciphertexts with the temporary key, which the page gives.
//! The server's DH secret `a` is not printed either: the server's answers are built from the
//! page's `g_a` and the client's key.

use std::collections::HashMap;
use tlayer::{TlRead, TlWrite};
use tlayer_example_mtproto_handshake::client::{Client, Flavor, KeyEncryptor};
use tlayer_example_mtproto_handshake::crypto::{self, AuthKey};
use tlayer_example_mtproto_handshake::entropy::{Entropy, Script};
use tlayer_example_mtproto_handshake::mtproto::{enums, functions, types};
use tlayer_example_mtproto_handshake::{envelope, ige, server};

/// The page's values: byte strings by name, and the `[fields]` table.
struct Page {
    bytes: HashMap<String, Vec<u8>>,
    fields: HashMap<String, String>,
}

fn hex(s: &str) -> Vec<u8> {
    assert!(s.len() % 2 == 0, "odd hex: {s}");
    (0..s.len()).step_by(2).map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap()).collect()
}

impl Page {
    fn load() -> Page {
        let text =
            std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/data/samples-auth_key.txt")).unwrap();
        let (mut bytes, mut fields) = (HashMap::new(), HashMap::new());
        let mut section = String::new();
        for line in text.lines() {
            let line = line.trim();
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
                section = name.to_string();
                continue;
            }
            if section == "fields" {
                let (k, v) = line.split_once(' ').unwrap();
                fields.insert(k.to_string(), v.trim().to_string());
                continue;
            }
            let data = line.split_once('|').map_or(line, |(_, d)| d);
            let digits: String = data.chars().filter(|c| !c.is_whitespace()).collect();
            bytes.entry(section.clone()).or_insert_with(Vec::new).extend(hex(&digits));
        }
        Page { bytes, fields }
    }

    fn get(&self, name: &str) -> &[u8] {
        self.bytes.get(name).unwrap_or_else(|| panic!("no [{name}] on the page"))
    }

    fn field(&self, name: &str) -> Vec<u8> {
        hex(&self.fields[name])
    }

    fn long(&self, name: &str) -> i64 {
        u64::from_str_radix(&self.fields[name], 16).unwrap() as i64
    }

    fn int(&self, name: &str) -> i32 {
        self.fields[name].parse().unwrap()
    }

    fn n16(&self, name: &str) -> [u8; 16] {
        self.field(name).try_into().unwrap()
    }

    fn new_nonce(&self) -> [u8; 32] {
        self.get("new_nonce").try_into().unwrap()
    }

    /// The body of a sample packet, after checking its envelope (`auth_key_id` 0, the page's
    /// message id, the exact length).
    fn body(&self, packet: &str, msg_id: &str) -> Vec<u8> {
        let plain = envelope::read(self.get(packet)).unwrap();
        assert_eq!(plain.msg_id, self.long(msg_id), "{packet}: message_id");
        plain.body.to_vec()
    }

    /// The random padding inside an AES-IGE payload of the page: what follows `SHA1 + data`.
    fn padding(&self, encrypted: &[u8], data_len: usize) -> Vec<u8> {
        let (key, iv) = crypto::tmp_aes(&self.new_nonce(), &self.n16("server_nonce"));
        let plain = ige::decrypt(encrypted, &key, &iv).unwrap();
        plain[20 + data_len..].to_vec()
    }
}

/// The page's RSA step: checks the data to encrypt (by the SHA-1 the page prints) and returns
/// the page's ciphertext.
struct Recorded {
    fingerprint: i64,
    sha1: Vec<u8>,
    output: Vec<u8>,
}

impl KeyEncryptor for Recorded {
    fn fingerprint(&self) -> i64 {
        self.fingerprint
    }

    fn encrypt(&self, data: &[u8], _entropy: &mut dyn Entropy) -> Vec<u8> {
        assert_eq!(crypto::sha1(&[data]).to_vec(), self.sha1, "p_q_inner_data is not the page's");
        self.output.clone()
    }
}

#[test]
fn temporary_key_is_the_pages() {
    let page = Page::load();
    let (key, iv) = crypto::tmp_aes(&page.new_nonce(), &page.n16("server_nonce"));
    assert_eq!(key.to_vec(), page.get("tmp_aes_key"));
    assert_eq!(iv.to_vec(), page.get("tmp_aes_iv"));
}

/// The client, driven by the page's random values, sends the page's three requests byte for
/// byte and derives the page's key.
#[test]
fn client_sends_the_pages_bytes() {
    let page = Page::load();
    let client_inner_len = 4 + 16 + 16 + 8 + 260; // client_DH_inner_data with a 256-byte g_b
    let mut entropy = Script::new()
        .then("nonce", page.field("nonce"))
        .then("new_nonce", page.get("new_nonce"))
        .then("b", page.get("b"))
        .then("inner data padding", page.padding(page.get("client_encrypted_data"), client_inner_len));
    let rsa = Recorded {
        fingerprint: page.long("fingerprint"),
        sha1: page.get("p_q_inner_data_sha1").to_vec(),
        output: page.get("rsa_encrypted_data").to_vec(),
    };

    let (mut client, req_pq) = Client::start(Flavor::Sample2013, &mut entropy);
    assert_eq!(envelope::write(page.long("msg_id_req_pq"), &req_pq), page.get("req_pq"));

    let keys: [&dyn KeyEncryptor; 1] = [&rsa];
    let req_dh = client.on_res_pq(&page.body("res_pq", "msg_id_res_pq"), &keys, &mut entropy).unwrap();
    assert_eq!(envelope::write(page.long("msg_id_req_dh_params"), &req_dh), page.get("req_dh_params"));

    let set_client =
        client.on_server_dh_params(&page.body("server_dh_params_ok", "msg_id_server_dh_params"), &mut entropy).unwrap();
    assert_eq!(
        envelope::write(page.long("msg_id_set_client_dh_params"), &set_client),
        page.get("set_client_dh_params")
    );

    let created = client.on_dh_gen(envelope::read(page.get("dh_gen_ok")).unwrap().body).unwrap();
    assert_eq!(created.auth_key.0.to_vec(), page.get("auth_key"));
    assert_eq!(created.server_time, page.int("server_time"));
    assert_eq!(entropy.remaining(), 0);
}

/// The server's three answers, built from the page's values, are the page's bytes.
#[test]
fn server_sends_the_pages_bytes() {
    let page = Page::load();
    let (nonce, server_nonce, new_nonce) = (page.n16("nonce"), page.n16("server_nonce"), page.new_nonce());

    let pq = u64::from_be_bytes(page.field("pq").try_into().unwrap());
    let res_pq = server::res_pq(nonce, server_nonce, pq, vec![page.long("fingerprint")]);
    assert_eq!(envelope::write(page.long("msg_id_res_pq"), &res_pq), page.get("res_pq"));

    let inner = types::ServerDhInnerData {
        nonce,
        server_nonce,
        g: page.int("g"),
        dh_prime: page.get("dh_prime").to_vec(),
        g_a: page.get("g_a").to_vec(),
        server_time: page.int("server_time"),
    };
    let mut entropy =
        Script::new().then("inner data padding", page.padding(page.get("encrypted_answer"), page.get("answer").len()));
    let ok = server::server_dh_params_ok(&inner, &new_nonce, &mut entropy);
    assert_eq!(envelope::write(page.long("msg_id_server_dh_params"), &ok), page.get("server_dh_params_ok"));

    // The server reads the client's g_b out of set_client_DH_params.
    let set_client = page.body("set_client_dh_params", "msg_id_set_client_dh_params");
    let req = functions::SetClientDhParams::from_bytes(&set_client).unwrap();
    let client_inner = server::decrypt_client_inner(&req.encrypted_data, &new_nonce, &server_nonce).unwrap();
    assert_eq!(client_inner.g_b, page.get("g_b"));
    assert_eq!(client_inner.retry_id, 0);

    let auth_key = AuthKey(page.get("auth_key").try_into().unwrap());
    let gen_ok = server::dh_gen_ok(nonce, server_nonce, &new_nonce, &auth_key);
    let dh_gen_ok = page.get("dh_gen_ok");
    // The page prints the last message's id only in its dump: the bytes at 8..16.
    let msg_id = i64::from_le_bytes(dh_gen_ok[8..16].try_into().unwrap());
    assert_eq!(envelope::write(msg_id, &gen_ok), dh_gen_ok);
}

/// Decodes `bytes` as `T`, checks it re-encodes to the same bytes, and returns it.
fn round_trip<T: TlRead + TlWrite + std::fmt::Debug>(bytes: &[u8]) -> T {
    let value = T::from_bytes(bytes).unwrap_or_else(|e| panic!("{}: {e}", std::any::type_name::<T>()));
    assert_eq!(value.to_bytes(), bytes, "{value:?} re-encodes differently");
    value
}

/// Every message of the page, and the two decrypted inner values, through the generated code.
#[test]
fn every_sample_message_decodes_to_the_pages_fields() {
    let page = Page::load();
    let (nonce, server_nonce) = (page.n16("nonce"), page.n16("server_nonce"));

    let req_pq: functions::ReqPq = round_trip(&page.body("req_pq", "msg_id_req_pq"));
    assert_eq!(req_pq.nonce, nonce);

    let res: enums::ResPq = round_trip(&page.body("res_pq", "msg_id_res_pq"));
    let res = types::ResPq::try_from(res).unwrap();
    assert_eq!((res.nonce, res.server_nonce), (nonce, server_nonce));
    assert_eq!(res.pq, page.field("pq"));
    assert_eq!(res.server_public_key_fingerprints, [page.long("fingerprint")]);

    let req_dh: functions::ReqDhParams = round_trip(&page.body("req_dh_params", "msg_id_req_dh_params"));
    assert_eq!((req_dh.nonce, req_dh.server_nonce), (nonce, server_nonce));
    assert_eq!((req_dh.p, req_dh.q), (page.field("p"), page.field("q")));
    assert_eq!(req_dh.public_key_fingerprint, page.long("fingerprint"));
    assert_eq!(req_dh.encrypted_data, page.get("rsa_encrypted_data"));

    let dh: enums::ServerDhParams = round_trip(&page.body("server_dh_params_ok", "msg_id_server_dh_params"));
    let dh = types::ServerDhParamsOk::try_from(dh).unwrap();
    assert_eq!((dh.nonce, dh.server_nonce), (nonce, server_nonce));
    assert_eq!(dh.encrypted_answer, page.get("encrypted_answer"));

    let answer: enums::ServerDhInnerData = round_trip(page.get("answer"));
    let answer = types::ServerDhInnerData::try_from(answer).unwrap();
    assert_eq!((answer.nonce, answer.server_nonce), (nonce, server_nonce));
    assert_eq!(answer.g, page.int("g"));
    assert_eq!(answer.dh_prime, page.get("dh_prime"));
    assert_eq!(answer.g_a, page.get("g_a"));
    assert_eq!(answer.server_time, page.int("server_time"));

    let set: functions::SetClientDhParams =
        round_trip(&page.body("set_client_dh_params", "msg_id_set_client_dh_params"));
    assert_eq!((set.nonce, set.server_nonce), (nonce, server_nonce));
    assert_eq!(set.encrypted_data, page.get("client_encrypted_data"));
    let (key, iv) = crypto::tmp_aes(&page.new_nonce(), &server_nonce);
    let plain = ige::decrypt(&set.encrypted_data, &key, &iv).unwrap();
    let client_inner: enums::ClientDhInnerData = round_trip(&plain[20..20 + 304]);
    let client_inner = types::ClientDhInnerData::try_from(client_inner).unwrap();
    assert_eq!((client_inner.nonce, client_inner.server_nonce, client_inner.retry_id), (nonce, server_nonce, 0));
    assert_eq!(client_inner.g_b, page.get("g_b"));

    let gen_ok: enums::SetClientDhParamsAnswer = round_trip(envelope::read(page.get("dh_gen_ok")).unwrap().body);
    let gen_ok = types::DhGenOk::try_from(gen_ok).unwrap();
    assert_eq!((gen_ok.nonce, gen_ok.server_nonce), (nonce, server_nonce));
    assert_eq!(gen_ok.new_nonce_hash1.to_vec(), page.field("new_nonce_hash1"));

    // p_q_inner_data#83c95aec: the page prints only its SHA-1.
    let inner = enums::PQInnerData::from(types::PQInnerData {
        pq: page.field("pq"),
        p: page.field("p"),
        q: page.field("q"),
        nonce,
        server_nonce,
        new_nonce: page.new_nonce(),
    });
    assert_eq!(crypto::sha1(&[&inner.to_bytes()]).to_vec(), page.get("p_q_inner_data_sha1"));
}

/// The fingerprint the page lists is that of Telegram's key, computed through the generated
/// `rsa_public_key n:string e:string` (binary strings kept as bytes).
#[test]
fn fingerprint_is_the_pages() {
    use num_bigint::BigUint;
    let page = Page::load();
    let key =
        crypto::RsaPublicKey { n: BigUint::from_bytes_be(page.get("telegram_rsa_n")), e: BigUint::from(65537u32) };
    assert_eq!(key.fingerprint(), page.long("fingerprint"));
    // The page's RSA output is a number below the modulus, as RSA's must be.
    assert!(BigUint::from_bytes_be(page.get("rsa_encrypted_data")) < key.n);
}

/// The DH arithmetic of the page: g_b from b, and the key from g_a and b.
#[test]
fn dh_values_are_the_pages() {
    use num_bigint::BigUint;
    let page = Page::load();
    let p = BigUint::from_bytes_be(page.get("dh_prime"));
    assert_eq!(p, crypto::dh_prime());
    let b = BigUint::from_bytes_be(page.get("b"));
    assert_eq!(BigUint::from(2u32).modpow(&b, &p).to_bytes_be(), page.get("g_b"));
    let key = BigUint::from_bytes_be(page.get("g_a")).modpow(&b, &p);
    assert_eq!(crypto::to_be_fixed(&key, 256), page.get("auth_key"));
}
