//! AES-256 in IGE mode (Infinite Garble Extension), as MTProto uses it.
//!
//! For blocks `p_i` and key `k`, with the 32-byte IV split into `c_0` (first half) and `p_0`
//! (second half): `c_i = E_k(p_i ^ c_{i-1}) ^ p_{i-1}`; decryption is
//! `p_i = D_k(c_i ^ p_{i-1}) ^ c_{i-1}`. Only the block cipher comes from the `aes` crate.

use aes::Aes256;
use aes::cipher::{BlockDecrypt, BlockEncrypt, KeyInit, generic_array::GenericArray};

/// Why IGE refused its input.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotBlocks(pub usize);

impl std::fmt::Display for NotBlocks {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "AES-IGE input of {} bytes is not a whole number of 16-byte blocks", self.0)
    }
}

impl std::error::Error for NotBlocks {}

/// The IV's two halves: the "previous ciphertext" and "previous plaintext" of block 0.
fn halves(iv: &[u8; 32]) -> ([u8; 16], [u8; 16]) {
    let mut c = [0; 16];
    let mut p = [0; 16];
    c.copy_from_slice(&iv[..16]);
    p.copy_from_slice(&iv[16..]);
    (c, p)
}

fn xor16(a: &[u8], b: &[u8]) -> [u8; 16] {
    std::array::from_fn(|i| a[i] ^ b[i])
}

/// Encrypts `data` (a multiple of 16 bytes) with AES-256-IGE.
pub fn encrypt(data: &[u8], key: &[u8; 32], iv: &[u8; 32]) -> Result<Vec<u8>, NotBlocks> {
    if data.len() % 16 != 0 {
        return Err(NotBlocks(data.len()));
    }
    let cipher = Aes256::new(GenericArray::from_slice(key));
    let (mut prev_c, mut prev_p) = halves(iv);
    let mut out = Vec::with_capacity(data.len());
    for p in data.chunks_exact(16) {
        let mut block = GenericArray::from(xor16(p, &prev_c));
        cipher.encrypt_block(&mut block);
        let c = xor16(&block, &prev_p);
        out.extend_from_slice(&c);
        prev_c = c;
        prev_p.copy_from_slice(p);
    }
    Ok(out)
}

/// Decrypts `data` (a multiple of 16 bytes) with AES-256-IGE.
pub fn decrypt(data: &[u8], key: &[u8; 32], iv: &[u8; 32]) -> Result<Vec<u8>, NotBlocks> {
    if data.len() % 16 != 0 {
        return Err(NotBlocks(data.len()));
    }
    let cipher = Aes256::new(GenericArray::from_slice(key));
    let (mut prev_c, mut prev_p) = halves(iv);
    let mut out = Vec::with_capacity(data.len());
    for c in data.chunks_exact(16) {
        let mut block = GenericArray::from(xor16(c, &prev_p));
        cipher.decrypt_block(&mut block);
        let p = xor16(&block, &prev_c);
        out.extend_from_slice(&p);
        prev_p = p;
        prev_c.copy_from_slice(c);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_chaining() {
        let key = [7u8; 32];
        let iv: [u8; 32] = std::array::from_fn(|i| i as u8);
        let data: Vec<u8> = (0..64u8).collect();
        let c = encrypt(&data, &key, &iv).unwrap();
        assert_eq!(decrypt(&c, &key, &iv).unwrap(), data);
        // Changing the first plaintext block changes every later ciphertext block.
        let mut other = data.clone();
        other[0] ^= 1;
        let c2 = encrypt(&other, &key, &iv).unwrap();
        for block in 0..4 {
            assert_ne!(c[block * 16..block * 16 + 16], c2[block * 16..block * 16 + 16], "block {block}");
        }
        assert_eq!(encrypt(&data[..15], &key, &iv), Err(NotBlocks(15)));
        assert_eq!(decrypt(&data[..17], &key, &iv), Err(NotBlocks(17)));
    }
}
