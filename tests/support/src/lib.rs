//! What tlayer's tests and harnesses share (internal, not published): the fuzz replay harness
//! (`fuzz/replay`), the interop peers (`interop/echo`, `interop/grammers`, separate workspaces
//! that use this crate by path) and their build scripts.
//!
//! - [`hex`], [`hex_cut`], [`unhex`]: bytes as lowercase hex and back;
//! - [`round_trip`]: decode with generated code (no trailing bytes) and encode again;
//! - [`leading_id`], [`panic_message`];
//! - with feature `build`, [`tables`]: a schema (layer 230 or any) parsed and modelled once, and
//!   the pieces of the id → type tables the build scripts write.

use tlayer::{TlRead, TlWrite};

#[cfg(feature = "build")]
pub mod tables;

/// Lowercase hex of `bytes`.
pub fn hex(bytes: &[u8]) -> String {
    const DIGITS: &[u8; 16] = b"0123456789abcdef";
    let mut s = String::with_capacity(bytes.len() * 2);
    for &b in bytes {
        s.push(char::from(DIGITS[usize::from(b >> 4)]));
        s.push(char::from(DIGITS[usize::from(b & 15)]));
    }
    s
}

/// [`hex`] of at most the first `max` bytes, then `... (N bytes)`: for failure messages.
pub fn hex_cut(bytes: &[u8], max: usize) -> String {
    if bytes.len() > max { format!("{}... ({} bytes)", hex(&bytes[..max]), bytes.len()) } else { hex(bytes) }
}

/// Bytes of hex text (either case, no separators).
pub fn unhex(text: &str) -> Result<Vec<u8>, String> {
    let text = text.as_bytes();
    if text.len() % 2 != 0 {
        return Err(format!("odd number of hex digits ({})", text.len()));
    }
    let digit = |c: u8| -> Result<u8, String> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err(format!("not a hex digit: {:?}", char::from(c))),
        }
    };
    text.chunks(2).map(|pair| Ok((digit(pair[0])? << 4) | digit(pair[1])?)).collect()
}

/// Decodes `bytes` as `T` (trailing bytes are an error) and encodes the value again.
pub fn round_trip<T: TlRead + TlWrite>(bytes: &[u8]) -> Result<Vec<u8>, tlayer::Error> {
    T::from_bytes(bytes).map(|v| v.to_bytes())
}

/// The constructor id the bytes start with, if there are four.
pub fn leading_id(bytes: &[u8]) -> Option<u32> {
    bytes.get(..4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]))
}

/// The message of a caught panic.
pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(s) = payload.downcast_ref::<&str>() {
        (*s).to_string()
    } else if let Some(s) = payload.downcast_ref::<String>() {
        s.clone()
    } else {
        "panic".to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hex_goes_both_ways() {
        let bytes: Vec<u8> = (0..=255).collect();
        assert_eq!(unhex(&hex(&bytes)).unwrap(), bytes);
        assert_eq!(hex(&[0x0f, 0xa0]), "0fa0");
        assert_eq!(unhex("0FA0").unwrap(), [0x0f, 0xa0]);
        assert_eq!(unhex("abc").unwrap_err(), "odd number of hex digits (3)");
        assert_eq!(unhex("zz").unwrap_err(), "not a hex digit: 'z'");
        assert_eq!(hex_cut(&[1, 2, 3], 2), "0102... (3 bytes)");
        assert_eq!(hex_cut(&[1, 2], 2), "0102");
    }

    #[test]
    fn round_trip_refuses_trailing_bytes() {
        assert_eq!(round_trip::<i32>(&[1, 0, 0, 0]).unwrap(), [1, 0, 0, 0]);
        assert!(matches!(round_trip::<i32>(&[1, 0, 0, 0, 9]), Err(tlayer::Error::TrailingBytes { .. })));
        assert_eq!(leading_id(&[0x15, 0xc4, 0xb5, 0x1c, 0]), Some(0x1cb5_c415));
        assert_eq!(leading_id(&[1, 2, 3]), None);
    }
}
