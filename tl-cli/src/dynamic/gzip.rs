//! MTProto's `gzip_packed`: inflating with a cap (a small bomb must not exhaust memory) and
//! deflating a value `encode` is given unpacked.

use std::io::{Read, Write};

/// Most bytes all `gzip_packed` values of one input may unpack to, together, whatever its size.
pub const MAX_UNPACKED: usize = 16 << 20;

/// What all `gzip_packed` values of an input of `input_len` bytes may unpack to: 32 times the
/// input (at least 1 MiB), at most [`MAX_UNPACKED`]; memory stays in proportion to the input.
pub fn unpack_budget(input_len: usize) -> usize {
    input_len.saturating_mul(32).clamp(1 << 20, MAX_UNPACKED)
}

/// The gzip stream `packed` unpacked, if it is valid and unpacks to at most `cap` bytes.
pub fn inflate(packed: &[u8], cap: usize) -> Result<Vec<u8>, String> {
    let mut out = Vec::new();
    let limit = u64::try_from(cap).unwrap_or(u64::MAX).saturating_add(1);
    flate2::read::GzDecoder::new(packed)
        .take(limit)
        .read_to_end(&mut out)
        .map_err(|e| format!("not a gzip stream: {e}"))?;
    if out.len() > cap {
        return Err(format!("unpacks to more than {cap} bytes, the most unpacked here"));
    }
    Ok(out)
}

/// `data` gzipped.
pub fn deflate(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    // Writing into a Vec cannot fail.
    let _ = enc.write_all(data);
    enc.finish().unwrap_or_default()
}
