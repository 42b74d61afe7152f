//! The cryptography of the auth-key exchange (core.telegram.org/mtproto/auth_key): SHA-1 and
//! SHA-256 helpers, the temporary AES key, RSA with `RSA_PAD`, `pq` factorization, the DH
//! checks, and the auth key's id and hashes.

use crate::entropy::Entropy;
use crate::ige;
use num_bigint::BigUint;
use sha1::Sha1;
use sha2::{Digest, Sha256};

/// SHA-1 of the concatenation of `parts`.
pub fn sha1(parts: &[&[u8]]) -> [u8; 20] {
    let mut h = Sha1::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// SHA-256 of the concatenation of `parts`.
pub fn sha256(parts: &[&[u8]]) -> [u8; 32] {
    let mut h = Sha256::new();
    for p in parts {
        h.update(p);
    }
    h.finalize().into()
}

/// The temporary AES key and IV that encrypt `server_DH_inner_data` and `client_DH_inner_data`:
/// `key = SHA1(new_nonce + server_nonce) + SHA1(server_nonce + new_nonce)[0..12]`,
/// `iv = SHA1(server_nonce + new_nonce)[12..20] + SHA1(new_nonce + new_nonce) + new_nonce[0..4]`.
pub fn tmp_aes(new_nonce: &[u8; 32], server_nonce: &[u8; 16]) -> ([u8; 32], [u8; 32]) {
    let a = sha1(&[new_nonce, server_nonce]);
    let b = sha1(&[server_nonce, new_nonce]);
    let c = sha1(&[new_nonce, new_nonce]);
    let mut key = [0; 32];
    key[..20].copy_from_slice(&a);
    key[20..].copy_from_slice(&b[..12]);
    let mut iv = [0; 32];
    iv[..8].copy_from_slice(&b[12..]);
    iv[8..28].copy_from_slice(&c);
    iv[28..].copy_from_slice(&new_nonce[..4]);
    (key, iv)
}

/// `SHA1(data) + data + padding` to a multiple of 16 bytes, AES-IGE encrypted with the
/// temporary key: how both sides send their DH inner data.
pub fn encrypt_inner(data: &[u8], key: &[u8; 32], iv: &[u8; 32], entropy: &mut dyn Entropy) -> Vec<u8> {
    let mut plain = sha1(&[data]).to_vec();
    plain.extend_from_slice(data);
    let mut pad = vec![0; (16 - plain.len() % 16) % 16];
    entropy.fill("inner data padding", &mut pad);
    plain.extend_from_slice(&pad);
    ige::encrypt(&plain, key, iv).expect("padded to whole blocks")
}

/// Decrypts [`encrypt_inner`]'s output and returns `data + padding` after checking that it
/// starts with the SHA-1 of a value `read` finds at its start (`read` returns how many bytes
/// that value takes).
pub fn decrypt_inner(
    encrypted: &[u8],
    key: &[u8; 32],
    iv: &[u8; 32],
    read: impl FnOnce(&[u8]) -> Option<usize>,
) -> Result<Vec<u8>, &'static str> {
    let plain = ige::decrypt(encrypted, key, iv).map_err(|_| "encrypted inner data is not whole AES blocks")?;
    if plain.len() < 20 {
        return Err("encrypted inner data is shorter than its SHA-1");
    }
    let (hash, rest) = plain.split_at(20);
    let used = read(rest).ok_or("encrypted inner data does not decode")?;
    if rest.len() - used > 15 {
        return Err("encrypted inner data has more than 15 bytes of padding");
    }
    if sha1(&[&rest[..used]]) != hash {
        return Err("encrypted inner data fails its SHA-1 check");
    }
    Ok(rest.to_vec())
}

/// A 2048-bit Diffie-Hellman auth key.
#[derive(Clone, PartialEq, Eq)]
pub struct AuthKey(pub [u8; 256]);

impl std::fmt::Debug for AuthKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AuthKey(id {:016x})", self.id())
    }
}

impl AuthKey {
    /// The 64 lower-order bits of SHA1(auth_key), as MTProto writes them (little-endian).
    pub fn id(&self) -> u64 {
        let h = sha1(&[&self.0]);
        u64::from_le_bytes(h[12..20].try_into().expect("8 bytes"))
    }

    /// The 64 higher-order bits of SHA1(auth_key).
    pub fn aux_hash(&self) -> [u8; 8] {
        sha1(&[&self.0])[..8].try_into().expect("8 bytes")
    }

    /// `new_nonce_hash1/2/3`: the 128 lower-order bits of SHA1(new_nonce + n + aux_hash).
    pub fn new_nonce_hash(&self, new_nonce: &[u8; 32], n: u8) -> [u8; 16] {
        sha1(&[new_nonce, &[n], &self.aux_hash()])[4..].try_into().expect("16 bytes")
    }
}

/// `x` as a big-endian unsigned number of exactly `len` bytes (left-padded with zeros).
pub fn to_be_fixed(x: &BigUint, len: usize) -> Vec<u8> {
    let bytes = x.to_bytes_be();
    let mut out = vec![0; len.saturating_sub(bytes.len())];
    out.extend_from_slice(&bytes);
    out
}

/// An RSA public key.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RsaPublicKey {
    /// Modulus.
    pub n: BigUint,
    /// Public exponent.
    pub e: BigUint,
}

impl RsaPublicKey {
    /// The key's fingerprint: the 64 lower-order bits of the SHA-1 of
    /// `rsa_public_key n:string e:string` (bare, numbers big-endian), read little-endian.
    pub fn fingerprint(&self) -> i64 {
        use tlayer::TlWrite;
        let key = crate::mtproto::types::RsaPublicKey { n: self.n.to_bytes_be(), e: self.e.to_bytes_be() };
        let mut bytes = Vec::new();
        key.write_bare(&mut bytes);
        let h = sha1(&[&bytes]);
        i64::from_le_bytes(h[12..20].try_into().expect("8 bytes"))
    }

    /// `RSA_PAD(data)`: `data` (at most 144 bytes) padded to 192 with random bytes, reversed,
    /// followed by SHA256(temp_key + padded data), AES-IGE encrypted under a random temp_key
    /// (IV zero), prefixed by temp_key XOR SHA256(ciphertext), then raw RSA. Returns 256 bytes.
    ///
    /// # Panics
    /// If `data` is longer than 144 bytes.
    pub fn encrypt_rsa_pad(&self, data: &[u8], entropy: &mut dyn Entropy) -> Vec<u8> {
        assert!(data.len() <= 144, "RSA_PAD takes at most 144 bytes of data, got {}", data.len());
        let mut padded = data.to_vec();
        let mut pad = vec![0; 192 - data.len()];
        entropy.fill("RSA_PAD padding", &mut pad);
        padded.extend_from_slice(&pad);
        loop {
            let mut temp_key = [0u8; 32];
            entropy.fill("RSA_PAD temp_key", &mut temp_key);
            let mut with_hash: Vec<u8> = padded.iter().rev().copied().collect();
            with_hash.extend_from_slice(&sha256(&[&temp_key, &padded]));
            let aes = ige::encrypt(&with_hash, &temp_key, &[0; 32]).expect("224 bytes are whole blocks");
            let h = sha256(&[&aes]);
            let mut block: Vec<u8> = temp_key.iter().zip(h).map(|(k, h)| k ^ h).collect();
            block.extend_from_slice(&aes);
            let m = BigUint::from_bytes_be(&block);
            if m < self.n {
                return to_be_fixed(&m.modpow(&self.e, &self.n), 256);
            }
        }
    }
}

/// An RSA private key (with its public half).
#[derive(Clone)]
pub struct RsaPrivateKey {
    /// The public key.
    pub public: RsaPublicKey,
    d: BigUint,
}

impl std::fmt::Debug for RsaPrivateKey {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "RsaPrivateKey(fingerprint {:016x})", self.public.fingerprint())
    }
}

impl RsaPrivateKey {
    /// A new 2048-bit key with `e = 65537` (two 1024-bit primes found by Miller-Rabin).
    pub fn generate(entropy: &mut dyn Entropy) -> Self {
        let e = BigUint::from(65537u32);
        loop {
            let p = random_prime(1024, entropy);
            let q = random_prime(1024, entropy);
            if p == q {
                continue;
            }
            let one = BigUint::from(1u32);
            let phi = (&p - &one) * (&q - &one);
            let Some(d) = e.modinv(&phi) else { continue };
            let n = p * q;
            if n.bits() == 2048 {
                return RsaPrivateKey { public: RsaPublicKey { n, e }, d };
            }
        }
    }

    /// Undoes [`RsaPublicKey::encrypt_rsa_pad`]: the 192 bytes of padded data, or why not.
    pub fn decrypt_rsa_pad(&self, encrypted: &[u8]) -> Result<Vec<u8>, &'static str> {
        if encrypted.len() != 256 {
            return Err("RSA_PAD data is not 256 bytes");
        }
        let c = BigUint::from_bytes_be(encrypted);
        if c >= self.public.n {
            return Err("RSA_PAD data is not below the modulus");
        }
        let block = to_be_fixed(&c.modpow(&self.d, &self.public.n), 256);
        let (temp_key_xor, aes) = block.split_at(32);
        let h = sha256(&[aes]);
        let temp_key: [u8; 32] = std::array::from_fn(|i| temp_key_xor[i] ^ h[i]);
        let with_hash = ige::decrypt(aes, &temp_key, &[0; 32]).map_err(|_| "RSA_PAD block is not whole AES blocks")?;
        let (reversed, hash) = with_hash.split_at(192);
        let padded: Vec<u8> = reversed.iter().rev().copied().collect();
        if sha256(&[&temp_key, &padded]) != hash {
            return Err("RSA_PAD data fails its SHA-256 check");
        }
        Ok(padded)
    }
}

/// A random prime of exactly `bits` bits (top two bits set, so a product of two has `2 * bits`).
fn random_prime(bits: u64, entropy: &mut dyn Entropy) -> BigUint {
    let len = (bits / 8) as usize;
    loop {
        let mut bytes = vec![0u8; len];
        entropy.fill("RSA prime candidate", &mut bytes);
        bytes[0] |= 0xc0;
        bytes[len - 1] |= 1;
        let candidate = BigUint::from_bytes_be(&bytes);
        if is_probable_prime(&candidate, entropy) {
            return candidate;
        }
    }
}

/// Miller-Rabin with 32 random bases, after trial division by small primes.
fn is_probable_prime(n: &BigUint, entropy: &mut dyn Entropy) -> bool {
    const SMALL: [u32; 15] = [3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37, 41, 43, 47, 53];
    if SMALL.iter().any(|&p| (n % p) == BigUint::ZERO) {
        return false;
    }
    let one = BigUint::from(1u32);
    let n1 = n - &one;
    let s = n1.trailing_zeros().unwrap_or(0);
    let d = &n1 >> s;
    let len = n.to_bytes_be().len();
    'bases: for _ in 0..32 {
        let mut bytes = vec![0u8; len];
        entropy.fill("Miller-Rabin base", &mut bytes);
        let a = BigUint::from_bytes_be(&bytes) % (n - 3u32) + 2u32;
        let mut x = a.modpow(&d, n);
        if x == one || x == n1 {
            continue;
        }
        for _ in 1..s {
            x = x.modpow(&BigUint::from(2u32), n);
            if x == n1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

/// `a * b mod m` without overflow.
fn mul_mod(a: u64, b: u64, m: u64) -> u64 {
    (u128::from(a) * u128::from(b) % u128::from(m)) as u64
}

fn pow_mod(mut b: u64, mut e: u64, m: u64) -> u64 {
    let mut r = 1 % m;
    b %= m;
    while e > 0 {
        if e & 1 == 1 {
            r = mul_mod(r, b, m);
        }
        b = mul_mod(b, b, m);
        e >>= 1;
    }
    r
}

/// Whether `n` is prime (Miller-Rabin with the bases that decide every 64-bit number).
pub fn is_prime_u64(n: u64) -> bool {
    if n < 2 {
        return false;
    }
    for p in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        if n % p == 0 {
            return n == p;
        }
    }
    let s = (n - 1).trailing_zeros();
    let d = (n - 1) >> s;
    'bases: for a in [2u64, 3, 5, 7, 11, 13, 17, 19, 23, 29, 31, 37] {
        let mut x = pow_mod(a, d, n);
        if x == 1 || x == n - 1 {
            continue;
        }
        for _ in 1..s {
            x = mul_mod(x, x, n);
            if x == n - 1 {
                continue 'bases;
            }
        }
        return false;
    }
    true
}

/// A random prime in `[2^30, 2^31)`: the server's `p` and `q` (their product fits 63 bits).
pub fn random_pq_prime(entropy: &mut dyn Entropy) -> u64 {
    loop {
        let mut b = [0u8; 4];
        entropy.fill("pq prime candidate", &mut b);
        let n = u64::from(u32::from_le_bytes(b) >> 1 | 1 << 30 | 1);
        if is_prime_u64(n) {
            return n;
        }
    }
}

fn gcd(mut a: u64, mut b: u64) -> u64 {
    while b != 0 {
        (a, b) = (b, a % b);
    }
    a
}

/// Splits `pq` (a product of two primes) into `(p, q)` with `p < q`, by Pollard's rho with
/// Brent's cycle detection; `None` if `pq` is not such a product.
pub fn factorize(pq: u64) -> Option<(u64, u64)> {
    if pq < 4 {
        return None;
    }
    if pq % 2 == 0 {
        return split(pq, 2);
    }
    for c in 1..64u64 {
        let f = |x: u64| (mul_mod(x, x, pq) + c) % pq;
        let (mut x, mut y, mut g) = (2u64, 2u64, 1u64);
        let mut power = 1u64;
        let mut lam = 1u64;
        while g == 1 {
            if power == lam {
                x = y;
                power *= 2;
                lam = 0;
            }
            y = f(y);
            lam += 1;
            g = gcd(x.abs_diff(y), pq);
        }
        if g != pq {
            return split(pq, g);
        }
    }
    None
}

fn split(pq: u64, g: u64) -> Option<(u64, u64)> {
    let (a, b) = (g.min(pq / g), g.max(pq / g));
    (a * b == pq && is_prime_u64(a) && is_prime_u64(b)).then_some((a, b))
}

/// Checks a DH public value against the prime, as the auth-key page asks: `1 < g_x < p - 1`,
/// and both `g_x` and `p - g_x` at least `2^(2048-64)`.
pub fn check_dh_value(g_x: &BigUint, dh_prime: &BigUint) -> Result<(), &'static str> {
    let low = BigUint::from(1u32) << (2048 - 64);
    if g_x <= &BigUint::from(1u32) || g_x >= &(dh_prime - 1u32) {
        return Err("DH value is not between 1 and dh_prime - 1");
    }
    if g_x < &low || dh_prime - g_x < low {
        return Err("DH value is too close to 0 or to dh_prime");
    }
    Ok(())
}

/// Telegram's 2048-bit safe prime (the one its servers send, and the sample exchange's).
pub const DH_PRIME_HEX: &str = "C71CAEB9C6B1C9048E6C522F70F13F73980D40238E3E21C14934D037563D930F48198A0AA7C14058229493D22530F4DBFA336F6E0AC925139543AED44CCE7C3720FD51F69458705AC68CD4FE6B6B13ABDC9746512969328454F18FAF8C595F642477FE96BB2A941D5BCD1D4AC8CC49880708FA9B378E3C4F3A9060BEE67CF9A4A4A695811051907E162753B56B0F6B410DBA74D8A84B2A14B3144E0EF1284754FD17ED950D5965B4B9DD46582DB1178D169C6BC465B0D6FF9CA3928FEF5B9AE4E418FC15E83EBEA0F87FA9FF5EED70050DED2849F47BF959D956850CE929851F0D8115F635B105EE2E4E15D04B2454BF6F4FADF034B10403119CD8E3B92FCC5B";

/// [`DH_PRIME_HEX`] as a number.
pub fn dh_prime() -> BigUint {
    BigUint::parse_bytes(DH_PRIME_HEX.as_bytes(), 16).expect("valid hex")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::entropy::OsEntropy;

    #[test]
    fn factorize_splits_products_of_two_primes() {
        assert_eq!(factorize(0x17ED48941A08F981), Some((0x494C553B, 0x53911073)));
        assert_eq!(factorize(2453830868973477031), Some((1343866633, 1825948207)));
        let mut os = OsEntropy;
        for _ in 0..20 {
            let (p, q) = (random_pq_prime(&mut os), random_pq_prime(&mut os));
            if p != q {
                assert_eq!(factorize(p * q), Some((p.min(q), p.max(q))));
            }
        }
        assert_eq!(factorize(15 * 7), None);
        assert_eq!(factorize(13), None);
    }

    #[test]
    fn primes() {
        assert!(is_prime_u64(0x494C553B) && is_prime_u64(0x53911073));
        assert!(!is_prime_u64(0x17ED48941A08F981));
        assert!(is_prime_u64(18446744073709551557)); // the largest 64-bit prime
        assert!(!is_prime_u64(3215031751)); // a strong pseudoprime to bases 2, 3, 5, 7
    }
}
