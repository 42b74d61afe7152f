//! The client side of the auth-key exchange.

use crate::HandshakeError;
use crate::crypto::{self, AuthKey, RsaPublicKey};
use crate::entropy::Entropy;
use crate::mtproto::{enums, functions, types};
use num_bigint::BigUint;
use tlayer::{TlRead, TlWrite};

/// Which messages the client sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Flavor {
    /// Today's exchange: `req_pq_multi` and `p_q_inner_data_dc` for data center `dc`.
    Current {
        /// The data center's number.
        dc: i32,
    },
    /// The exchange of Telegram's 2013 sample page: `req_pq` and `p_q_inner_data#83c95aec`.
    Sample2013,
}

/// Encrypts `p_q_inner_data` for a server key.
pub trait KeyEncryptor {
    /// The key's fingerprint, as `resPQ` lists it.
    fn fingerprint(&self) -> i64;
    /// The `encrypted_data` of `req_DH_params` for the serialized inner data `data`.
    fn encrypt(&self, data: &[u8], entropy: &mut dyn Entropy) -> Vec<u8>;
}

/// `RSA_PAD` with an RSA public key.
impl KeyEncryptor for RsaPublicKey {
    fn fingerprint(&self) -> i64 {
        RsaPublicKey::fingerprint(self)
    }

    fn encrypt(&self, data: &[u8], entropy: &mut dyn Entropy) -> Vec<u8> {
        self.encrypt_rsa_pad(data, entropy)
    }
}

/// What the client has learned so far.
#[derive(Debug, Clone)]
enum State {
    AwaitResPq,
    AwaitDhParams { server_nonce: [u8; 16], new_nonce: [u8; 32] },
    AwaitDhGen { server_nonce: [u8; 16], new_nonce: [u8; 32], auth_key: Box<AuthKey> },
    Done,
}

/// The result of a completed exchange.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Created {
    /// The new auth key.
    pub auth_key: AuthKey,
    /// The server's clock (`server_time` of `server_DH_inner_data`).
    pub server_time: i32,
    /// The first server salt: `new_nonce[0..8] XOR server_nonce[0..8]`, as a `long`.
    pub server_salt: i64,
}

/// The client's state machine: each `on_*` takes the server's answer (a boxed body) and returns
/// the next request's body.
#[derive(Debug, Clone)]
pub struct Client {
    flavor: Flavor,
    nonce: [u8; 16],
    state: State,
    server_time: i32,
}

impl Client {
    /// Starts an exchange: a random `nonce` and the first request (`req_pq_multi`, or `req_pq`
    /// for [`Flavor::Sample2013`]).
    pub fn start(flavor: Flavor, entropy: &mut dyn Entropy) -> (Self, Vec<u8>) {
        let mut nonce = [0; 16];
        entropy.fill("nonce", &mut nonce);
        let body = match flavor {
            Flavor::Current { .. } => functions::ReqPqMulti { nonce }.to_bytes(),
            Flavor::Sample2013 => functions::ReqPq { nonce }.to_bytes(),
        };
        (Client { flavor, nonce, state: State::AwaitResPq, server_time: 0 }, body)
    }

    /// Takes `resPQ`: checks the nonce, factors `pq`, picks the first listed key it has, and
    /// returns `req_DH_params`.
    pub fn on_res_pq(
        &mut self,
        body: &[u8],
        keys: &[&dyn KeyEncryptor],
        entropy: &mut dyn Entropy,
    ) -> Result<Vec<u8>, HandshakeError> {
        let State::AwaitResPq = self.state else { return Err(HandshakeError::Protocol("resPQ out of turn")) };
        let res = types::ResPq::try_from(enums::ResPq::from_bytes(body)?)
            .map_err(|_| HandshakeError::Protocol("not resPQ"))?;
        if res.nonce != self.nonce {
            return Err(HandshakeError::Protocol("resPQ nonce differs from ours"));
        }
        let key = res
            .server_public_key_fingerprints
            .iter()
            .find_map(|fp| keys.iter().find(|k| k.fingerprint() == *fp))
            .ok_or(HandshakeError::Protocol("resPQ lists no key we have"))?;
        let pq_bytes: [u8; 8] =
            res.pq.as_slice().try_into().map_err(|_| HandshakeError::Protocol("pq is not 8 bytes"))?;
        let (p, q) = crypto::factorize(u64::from_be_bytes(pq_bytes))
            .ok_or(HandshakeError::Protocol("pq is not a product of two primes"))?;
        let (p, q) = (minimal_be(p), minimal_be(q));
        let mut new_nonce = [0; 32];
        entropy.fill("new_nonce", &mut new_nonce);
        let inner = match self.flavor {
            Flavor::Current { dc } => enums::PQInnerData::from(types::PQInnerDataDc {
                pq: res.pq.clone(),
                p: p.clone(),
                q: q.clone(),
                nonce: self.nonce,
                server_nonce: res.server_nonce,
                new_nonce,
                dc,
            }),
            Flavor::Sample2013 => enums::PQInnerData::from(types::PQInnerData {
                pq: res.pq.clone(),
                p: p.clone(),
                q: q.clone(),
                nonce: self.nonce,
                server_nonce: res.server_nonce,
                new_nonce,
            }),
        };
        let encrypted_data = key.encrypt(&inner.to_bytes(), entropy);
        self.state = State::AwaitDhParams { server_nonce: res.server_nonce, new_nonce };
        Ok(functions::ReqDhParams {
            nonce: self.nonce,
            server_nonce: res.server_nonce,
            p,
            q,
            public_key_fingerprint: key.fingerprint(),
            encrypted_data,
        }
        .to_bytes())
    }

    /// Takes `server_DH_params_ok`: decrypts and checks `server_DH_inner_data`, picks `b`, and
    /// returns `set_client_DH_params`.
    pub fn on_server_dh_params(&mut self, body: &[u8], entropy: &mut dyn Entropy) -> Result<Vec<u8>, HandshakeError> {
        let State::AwaitDhParams { server_nonce, new_nonce } = self.state.clone() else {
            return Err(HandshakeError::Protocol("server_DH_params out of turn"));
        };
        let ok = types::ServerDhParamsOk::try_from(enums::ServerDhParams::from_bytes(body)?)
            .map_err(|_| HandshakeError::Protocol("the server refused the DH parameters"))?;
        if ok.nonce != self.nonce || ok.server_nonce != server_nonce {
            return Err(HandshakeError::Protocol("server_DH_params nonces differ from ours"));
        }
        let (key, iv) = crypto::tmp_aes(&new_nonce, &server_nonce);
        let plain = crypto::decrypt_inner(&ok.encrypted_answer, &key, &iv, |data| {
            let mut r = tlayer::Reader::new(data);
            enums::ServerDhInnerData::read_boxed(&mut r).ok().map(|_| r.position())
        })
        .map_err(HandshakeError::Protocol)?;
        let mut r = tlayer::Reader::new(&plain);
        let inner = types::ServerDhInnerData::try_from(enums::ServerDhInnerData::read_boxed(&mut r)?)
            .map_err(|_| HandshakeError::Protocol("not server_DH_inner_data"))?;
        if inner.nonce != self.nonce || inner.server_nonce != server_nonce {
            return Err(HandshakeError::Protocol("server_DH_inner_data nonces differ from ours"));
        }
        let dh_prime = BigUint::from_bytes_be(&inner.dh_prime);
        if dh_prime != crypto::dh_prime() {
            return Err(HandshakeError::Protocol("dh_prime is not Telegram's known safe prime"));
        }
        if !(2..=7).contains(&inner.g) {
            return Err(HandshakeError::Protocol("g is not between 2 and 7"));
        }
        let g_a = BigUint::from_bytes_be(&inner.g_a);
        crypto::check_dh_value(&g_a, &dh_prime).map_err(HandshakeError::Protocol)?;
        let mut b = [0u8; 256];
        entropy.fill("b", &mut b);
        let b = BigUint::from_bytes_be(&b);
        let g_b = BigUint::from(inner.g as u32).modpow(&b, &dh_prime);
        crypto::check_dh_value(&g_b, &dh_prime).map_err(HandshakeError::Protocol)?;
        let auth_key: [u8; 256] = crypto::to_be_fixed(&g_a.modpow(&b, &dh_prime), 256).try_into().expect("256 bytes");
        let client_inner = enums::ClientDhInnerData::from(types::ClientDhInnerData {
            nonce: self.nonce,
            server_nonce,
            retry_id: 0,
            g_b: crypto::to_be_fixed(&g_b, 256),
        });
        let encrypted_data = crypto::encrypt_inner(&client_inner.to_bytes(), &key, &iv, entropy);
        self.server_time = inner.server_time;
        self.state = State::AwaitDhGen { server_nonce, new_nonce, auth_key: Box::new(AuthKey(auth_key)) };
        Ok(functions::SetClientDhParams { nonce: self.nonce, server_nonce, encrypted_data }.to_bytes())
    }

    /// Takes the answer to `set_client_DH_params`: on `dh_gen_ok` with the right
    /// `new_nonce_hash1`, the new key.
    pub fn on_dh_gen(&mut self, body: &[u8]) -> Result<Created, HandshakeError> {
        let State::AwaitDhGen { server_nonce, new_nonce, auth_key } = self.state.clone() else {
            return Err(HandshakeError::Protocol("dh_gen out of turn"));
        };
        let answer = enums::SetClientDhParamsAnswer::from_bytes(body)?;
        let ok = types::DhGenOk::try_from(answer)
            .map_err(|_| HandshakeError::Protocol("the server did not confirm the key"))?;
        if ok.nonce != self.nonce || ok.server_nonce != server_nonce {
            return Err(HandshakeError::Protocol("dh_gen_ok nonces differ from ours"));
        }
        if ok.new_nonce_hash1 != auth_key.new_nonce_hash(&new_nonce, 1) {
            return Err(HandshakeError::Protocol("new_nonce_hash1 does not match the key"));
        }
        self.state = State::Done;
        let salt: [u8; 8] = std::array::from_fn(|i| new_nonce[i] ^ server_nonce[i]);
        Ok(Created { auth_key: *auth_key, server_time: self.server_time, server_salt: i64::from_le_bytes(salt) })
    }
}

/// `n` as big-endian bytes without leading zeros (how MTProto writes `p` and `q`).
fn minimal_be(n: u64) -> Vec<u8> {
    let bytes = n.to_be_bytes();
    let skip = bytes.iter().take_while(|&&b| b == 0).count();
    bytes[skip..].to_vec()
}
