//! The unencrypted message that carries the auth-key exchange: `auth_key_id:long` (0),
//! `message_id:long`, `message_data_length:int`, then the body (a boxed TL value).

use std::fmt;

/// An unencrypted message as read from a packet.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Plain<'a> {
    /// `message_id`.
    pub msg_id: i64,
    /// `message_data`: the boxed TL value.
    pub body: &'a [u8],
}

/// Why a packet is not an unencrypted message.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EnvelopeError {
    /// Fewer than the 20 bytes of the header.
    TooShort {
        /// The packet's length.
        len: usize,
    },
    /// `auth_key_id` is not 0: an encrypted message.
    Encrypted {
        /// The key id found.
        auth_key_id: u64,
    },
    /// `message_data_length` does not match the bytes after the header (truncated or padded).
    Length {
        /// The length the header declares.
        declared: i32,
        /// The bytes after the header.
        actual: usize,
    },
}

impl fmt::Display for EnvelopeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            EnvelopeError::TooShort { len } => {
                write!(f, "packet of {len} bytes is shorter than the 20-byte unencrypted header")
            }
            EnvelopeError::Encrypted { auth_key_id } => {
                write!(f, "auth_key_id is {auth_key_id:#018x}, not 0: not an unencrypted message")
            }
            EnvelopeError::Length { declared, actual } => write!(
                f,
                "message_data_length says {declared} bytes but {actual} follow the header (truncated or padded packet)"
            ),
        }
    }
}

impl std::error::Error for EnvelopeError {}

/// The packet for `body` sent as message `msg_id`.
pub fn write(msg_id: i64, body: &[u8]) -> Vec<u8> {
    let len = i32::try_from(body.len()).expect("an unencrypted message body is far below 2 GiB");
    let mut out = Vec::with_capacity(20 + body.len());
    out.extend_from_slice(&0u64.to_le_bytes());
    out.extend_from_slice(&msg_id.to_le_bytes());
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(body);
    out
}

/// Reads a packet: the header must be complete, `auth_key_id` 0 and the length exact.
pub fn read(packet: &[u8]) -> Result<Plain<'_>, EnvelopeError> {
    let Some((header, body)) = packet.split_first_chunk::<20>() else {
        return Err(EnvelopeError::TooShort { len: packet.len() });
    };
    let auth_key_id = u64::from_le_bytes(header[..8].try_into().expect("8 bytes"));
    if auth_key_id != 0 {
        return Err(EnvelopeError::Encrypted { auth_key_id });
    }
    let msg_id = i64::from_le_bytes(header[8..16].try_into().expect("8 bytes"));
    let declared = i32::from_le_bytes(header[16..].try_into().expect("4 bytes"));
    if usize::try_from(declared).ok() != Some(body.len()) {
        return Err(EnvelopeError::Length { declared, actual: body.len() });
    }
    Ok(Plain { msg_id, body })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trip_and_bad_packets() {
        let packet = write(0x51e5_7ac4_2770_964a, &[1, 2, 3, 4]);
        assert_eq!(packet.len(), 24);
        assert_eq!(read(&packet), Ok(Plain { msg_id: 0x51e5_7ac4_2770_964a, body: &[1, 2, 3, 4] }));
        assert_eq!(read(&packet[..19]), Err(EnvelopeError::TooShort { len: 19 }));
        assert_eq!(read(&packet[..23]), Err(EnvelopeError::Length { declared: 4, actual: 3 }));
        let mut padded = packet.clone();
        padded.push(0);
        assert_eq!(read(&padded), Err(EnvelopeError::Length { declared: 4, actual: 5 }));
        let mut keyed = packet;
        keyed[0] = 1;
        assert_eq!(read(&keyed), Err(EnvelopeError::Encrypted { auth_key_id: 1 }));
        assert_eq!(
            EnvelopeError::Length { declared: 4, actual: 5 }.to_string(),
            "message_data_length says 4 bytes but 5 follow the header (truncated or padded packet)"
        );
    }
}
