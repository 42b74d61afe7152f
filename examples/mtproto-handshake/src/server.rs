//! The server side of the auth-key exchange, and the builders of its three answers.

use crate::HandshakeError;
use crate::crypto::{self, AuthKey, RsaPrivateKey};
use crate::entropy::Entropy;
use crate::mtproto::{enums, functions, types};
use num_bigint::BigUint;
use tlayer::{TlRead, TlWrite};

/// `resPQ` for `nonce`.
pub fn res_pq(nonce: [u8; 16], server_nonce: [u8; 16], pq: u64, fingerprints: Vec<i64>) -> Vec<u8> {
    enums::ResPq::from(types::ResPq {
        nonce,
        server_nonce,
        pq: pq.to_be_bytes().to_vec(),
        server_public_key_fingerprints: fingerprints,
    })
    .to_bytes()
}

/// `server_DH_params_ok` carrying `inner`, encrypted with the key both nonces give.
pub fn server_dh_params_ok(
    inner: &types::ServerDhInnerData,
    new_nonce: &[u8; 32],
    entropy: &mut dyn Entropy,
) -> Vec<u8> {
    let (key, iv) = crypto::tmp_aes(new_nonce, &inner.server_nonce);
    let data = enums::ServerDhInnerData::from(inner.clone()).to_bytes();
    let encrypted_answer = crypto::encrypt_inner(&data, &key, &iv, entropy);
    enums::ServerDhParams::from(types::ServerDhParamsOk {
        nonce: inner.nonce,
        server_nonce: inner.server_nonce,
        encrypted_answer,
    })
    .to_bytes()
}

/// `dh_gen_ok` confirming `auth_key`.
pub fn dh_gen_ok(nonce: [u8; 16], server_nonce: [u8; 16], new_nonce: &[u8; 32], auth_key: &AuthKey) -> Vec<u8> {
    enums::SetClientDhParamsAnswer::from(types::DhGenOk {
        nonce,
        server_nonce,
        new_nonce_hash1: auth_key.new_nonce_hash(new_nonce, 1),
    })
    .to_bytes()
}

#[derive(Debug, Clone)]
enum State {
    AwaitReqPq,
    AwaitDhParams { nonce: [u8; 16], server_nonce: [u8; 16], p: u64, q: u64 },
    AwaitClientDh { nonce: [u8; 16], server_nonce: [u8; 16], new_nonce: [u8; 32], a: BigUint },
    Done,
}

/// The server's state machine for one exchange.
#[derive(Debug, Clone)]
pub struct Server {
    key: RsaPrivateKey,
    g: u32,
    state: State,
}

impl Server {
    /// A server holding `key`, sending `g = 3` and Telegram's safe prime.
    pub fn new(key: RsaPrivateKey) -> Self {
        Server { key, g: 3, state: State::AwaitReqPq }
    }

    /// Takes `req_pq_multi` (or the older `req_pq`) and returns `resPQ` with a new `pq`.
    pub fn on_req_pq(&mut self, body: &[u8], entropy: &mut dyn Entropy) -> Result<Vec<u8>, HandshakeError> {
        let State::AwaitReqPq = self.state else { return Err(HandshakeError::Protocol("req_pq out of turn")) };
        let nonce = match functions::Function::from_bytes(body)? {
            functions::Function::ReqPqMulti(f) => f.nonce,
            functions::Function::ReqPq(f) => f.nonce,
            _ => return Err(HandshakeError::Protocol("expected req_pq_multi")),
        };
        let mut server_nonce = [0; 16];
        entropy.fill("server_nonce", &mut server_nonce);
        let (p, q) = loop {
            let (p, q) = (crypto::random_pq_prime(entropy), crypto::random_pq_prime(entropy));
            if p != q {
                break (p.min(q), p.max(q));
            }
        };
        self.state = State::AwaitDhParams { nonce, server_nonce, p, q };
        Ok(res_pq(nonce, server_nonce, p * q, vec![self.key.public.fingerprint()]))
    }

    /// Takes `req_DH_params`: checks `p`, `q` and the key, decrypts `p_q_inner_data_dc`, and
    /// returns `server_DH_params_ok` with a new `a`.
    pub fn on_req_dh_params(
        &mut self,
        body: &[u8],
        server_time: i32,
        entropy: &mut dyn Entropy,
    ) -> Result<Vec<u8>, HandshakeError> {
        let State::AwaitDhParams { nonce, server_nonce, p, q } = self.state.clone() else {
            return Err(HandshakeError::Protocol("req_DH_params out of turn"));
        };
        let req = functions::ReqDhParams::from_bytes(body)?;
        if req.nonce != nonce || req.server_nonce != server_nonce {
            return Err(HandshakeError::Protocol("req_DH_params nonces differ"));
        }
        if req.p != p.to_be_bytes()[4..] || req.q != q.to_be_bytes()[4..] {
            return Err(HandshakeError::Protocol("req_DH_params has the wrong factors of pq"));
        }
        if req.public_key_fingerprint != self.key.public.fingerprint() {
            return Err(HandshakeError::Protocol("req_DH_params names a key we do not have"));
        }
        let padded = self.key.decrypt_rsa_pad(&req.encrypted_data).map_err(HandshakeError::Protocol)?;
        let mut r = tlayer::Reader::new(&padded);
        let inner = types::PQInnerDataDc::try_from(enums::PQInnerData::read_boxed(&mut r)?)
            .map_err(|_| HandshakeError::Protocol("encrypted data is not p_q_inner_data_dc"))?;
        if inner.nonce != nonce || inner.server_nonce != server_nonce || inner.pq != (p * q).to_be_bytes() {
            return Err(HandshakeError::Protocol("p_q_inner_data does not match the exchange"));
        }
        let dh_prime = crypto::dh_prime();
        let mut a = [0u8; 256];
        entropy.fill("a", &mut a);
        let a = BigUint::from_bytes_be(&a);
        let g_a = BigUint::from(self.g).modpow(&a, &dh_prime);
        crypto::check_dh_value(&g_a, &dh_prime).map_err(HandshakeError::Protocol)?;
        let answer = types::ServerDhInnerData {
            nonce,
            server_nonce,
            g: self.g as i32,
            dh_prime: crypto::to_be_fixed(&dh_prime, 256),
            g_a: crypto::to_be_fixed(&g_a, 256),
            server_time,
        };
        self.state = State::AwaitClientDh { nonce, server_nonce, new_nonce: inner.new_nonce, a };
        Ok(server_dh_params_ok(&answer, &inner.new_nonce, entropy))
    }

    /// Takes `set_client_DH_params`: decrypts `client_DH_inner_data`, checks `g_b`, and returns
    /// `dh_gen_ok` and the new key.
    pub fn on_set_client_dh_params(&mut self, body: &[u8]) -> Result<(Vec<u8>, AuthKey), HandshakeError> {
        let State::AwaitClientDh { nonce, server_nonce, new_nonce, a } = self.state.clone() else {
            return Err(HandshakeError::Protocol("set_client_DH_params out of turn"));
        };
        let req = functions::SetClientDhParams::from_bytes(body)?;
        if req.nonce != nonce || req.server_nonce != server_nonce {
            return Err(HandshakeError::Protocol("set_client_DH_params nonces differ"));
        }
        let inner = decrypt_client_inner(&req.encrypted_data, &new_nonce, &server_nonce)?;
        if inner.nonce != nonce || inner.server_nonce != server_nonce {
            return Err(HandshakeError::Protocol("client_DH_inner_data nonces differ"));
        }
        let dh_prime = crypto::dh_prime();
        let g_b = BigUint::from_bytes_be(&inner.g_b);
        crypto::check_dh_value(&g_b, &dh_prime).map_err(HandshakeError::Protocol)?;
        let key: [u8; 256] = crypto::to_be_fixed(&g_b.modpow(&a, &dh_prime), 256).try_into().expect("256 bytes");
        let auth_key = AuthKey(key);
        self.state = State::Done;
        Ok((dh_gen_ok(nonce, server_nonce, &new_nonce, &auth_key), auth_key))
    }
}

/// Decrypts and checks the `client_DH_inner_data` of `set_client_DH_params`.
pub fn decrypt_client_inner(
    encrypted: &[u8],
    new_nonce: &[u8; 32],
    server_nonce: &[u8; 16],
) -> Result<types::ClientDhInnerData, HandshakeError> {
    let (key, iv) = crypto::tmp_aes(new_nonce, server_nonce);
    let plain = crypto::decrypt_inner(encrypted, &key, &iv, |data| {
        let mut r = tlayer::Reader::new(data);
        enums::ClientDhInnerData::read_boxed(&mut r).ok().map(|_| r.position())
    })
    .map_err(HandshakeError::Protocol)?;
    let mut r = tlayer::Reader::new(&plain);
    types::ClientDhInnerData::try_from(enums::ClientDhInnerData::read_boxed(&mut r)?)
        .map_err(|_| HandshakeError::Protocol("not client_DH_inner_data"))
}
