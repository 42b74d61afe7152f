//! CRC-32 (IEEE 802.3, reflected polynomial `0xEDB88320`, initial value and final xor `!0`), the
//! checksum whose value on a definition's canonical line is its TL constructor id.
//!
//! Computed here, sixteen bytes per step with tables built at compile time (slicing-by-N, the
//! method Kounavis and Berry described in 2005, with N = 16), rather than taken from a crate: the inputs are
//! short lines (a few kilobytes per schema in all), and a dependency with a build script costs
//! every user's first build more than this file does.

/// The tables: `TABLES[0]` is the classic byte table; `TABLES[k][b]` is the CRC of byte `b`
/// followed by `k` zero bytes, so sixteen bytes fold into the state with sixteen lookups.
const TABLES: [[u32; 256]; 16] = tables();

const fn tables() -> [[u32; 256]; 16] {
    let mut t = [[0u32; 256]; 16];
    let mut b = 0;
    while b < 256 {
        let mut crc = b as u32;
        let mut bit = 0;
        while bit < 8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
            bit += 1;
        }
        t[0][b] = crc;
        b += 1;
    }
    let mut k = 1;
    while k < 16 {
        let mut b = 0;
        while b < 256 {
            let prev = t[k - 1][b];
            t[k][b] = (prev >> 8) ^ t[0][(prev & 0xff) as usize];
            b += 1;
        }
        k += 1;
    }
    t
}

/// The CRC-32 of `bytes`: `crc32(b"123456789") == 0xCBF43926`.
pub(crate) fn crc32(bytes: &[u8]) -> u32 {
    let t = &TABLES;
    let mut crc = !0u32;
    let mut rest = bytes;
    while let Some((c, tail)) = rest.split_first_chunk::<16>() {
        let w = crc ^ u32::from_le_bytes([c[0], c[1], c[2], c[3]]);
        crc = t[15][(w & 0xff) as usize]
            ^ t[14][((w >> 8) & 0xff) as usize]
            ^ t[13][((w >> 16) & 0xff) as usize]
            ^ t[12][(w >> 24) as usize]
            ^ t[11][c[4] as usize]
            ^ t[10][c[5] as usize]
            ^ t[9][c[6] as usize]
            ^ t[8][c[7] as usize]
            ^ t[7][c[8] as usize]
            ^ t[6][c[9] as usize]
            ^ t[5][c[10] as usize]
            ^ t[4][c[11] as usize]
            ^ t[3][c[12] as usize]
            ^ t[2][c[13] as usize]
            ^ t[1][c[14] as usize]
            ^ t[0][c[15] as usize];
        rest = tail;
    }
    // Lines are short, so the tail is a large part of the work: four bytes at a time, then one.
    while let Some((c, tail)) = rest.split_first_chunk::<4>() {
        let w = crc ^ u32::from_le_bytes(*c);
        crc = t[3][(w & 0xff) as usize]
            ^ t[2][((w >> 8) & 0xff) as usize]
            ^ t[1][((w >> 16) & 0xff) as usize]
            ^ t[0][(w >> 24) as usize];
        rest = tail;
    }
    for &b in rest {
        crc = (crc >> 8) ^ t[0][((crc ^ b as u32) & 0xff) as usize];
    }
    !crc
}

#[cfg(test)]
mod tests {
    use super::crc32;
    use proptest::prelude::*;

    #[test]
    fn check_value() {
        // The standard check value of CRC-32/ISO-HDLC, and the empty input.
        assert_eq!(crc32(b"123456789"), 0xcbf4_3926);
        assert_eq!(crc32(b""), 0);
    }

    proptest! {
        #[test]
        fn agrees_with_crc32fast(bytes in prop::collection::vec(any::<u8>(), 0..300)) {
            prop_assert_eq!(crc32(&bytes), crc32fast::hash(&bytes));
        }
    }
}
