//! MTProto's `gzip_packed`: inflating with a cap (a small bomb must not exhaust memory) and
//! deflating a value `encode` is given unpacked.

use std::io::{Read, Write};

/// Most bytes all `gzip_packed` values of one input may unpack to, together.
pub const MAX_UNPACKED: usize = 16 << 20;

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
