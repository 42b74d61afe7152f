//! gzip for MTProto's `gzip_packed` (feature `gzip`, with flate2): [`deflate`], and [`inflate`]
//! with a limit on the inflated size, so a small bomb cannot exhaust memory.

use alloc::vec::Vec;
use std::io::Read;

/// Compresses `data` as one gzip member (what `gzip_packed.packed_data` holds).
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(data.len() / 2 + 32);
    let mut encoder = flate2::read::GzEncoder::new(data, flate2::Compression::default());
    // Reading from a slice through the encoder cannot fail.
    encoder.read_to_end(&mut out).expect("gzip compression of a byte slice cannot fail");
    out
}

/// Inflates one gzip member, refusing to produce more than `limit` bytes.
///
/// Memory stays below about twice `limit` whatever the input (the output buffer grows as data
/// actually inflates, and reading stops one byte past the limit). Errors are fixed messages:
/// the data is not gzip (bad header, corrupt stream, wrong checksum, cut short), or it inflates
/// to more than `limit` bytes.
pub fn inflate(gz: &[u8], limit: usize) -> Result<Vec<u8>, &'static str> {
    let decoder = flate2::read::GzDecoder::new(gz);
    let mut out = Vec::with_capacity(gz.len().saturating_mul(4).min(limit).min(1 << 20));
    let cap = u64::try_from(limit).unwrap_or(u64::MAX).saturating_add(1);
    match decoder.take(cap).read_to_end(&mut out) {
        Ok(_) if out.len() > limit => Err("gzip_packed inflates to more than the limit"),
        Ok(_) => Ok(out),
        Err(_) => Err("gzip_packed holds invalid gzip data"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    #[test]
    fn round_trip() {
        let data: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        let packed = deflate(&data);
        assert!(packed.len() < data.len());
        assert_eq!(packed[..2], [0x1f, 0x8b]);
        assert_eq!(inflate(&packed, data.len()), Ok(data.clone()));
        assert_eq!(inflate(&packed, data.len() - 1), Err("gzip_packed inflates to more than the limit"));
    }

    #[test]
    fn bomb_is_refused_within_the_limit() {
        // 64 MiB of zeros packs into about 64 KiB; a 1 MiB limit stops it early.
        let packed = deflate(&vec![0u8; 64 << 20]);
        assert!(packed.len() < 128 << 10, "{}", packed.len());
        assert_eq!(inflate(&packed, 1 << 20), Err("gzip_packed inflates to more than the limit"));
    }

    #[test]
    fn garbage_and_truncation_are_errors() {
        assert_eq!(inflate(b"not gzip at all", 100), Err("gzip_packed holds invalid gzip data"));
        let packed = deflate(b"hello hello hello");
        assert_eq!(inflate(&packed[..packed.len() - 5], 100), Err("gzip_packed holds invalid gzip data"));
        let mut corrupt = packed.clone();
        let last = corrupt.len() - 8;
        corrupt[last] ^= 1; // the CRC32 of the trailer
        assert_eq!(inflate(&corrupt, 100), Err("gzip_packed holds invalid gzip data"));
    }
}
