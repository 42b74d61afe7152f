//! What a server's generated `service` module answers with: [`RpcError`], MTProto's
//! `rpc_error`, and the bytes of an answer ([`answer_bytes`], [`answer_with`]).
//!
//! A server generated with `Side::Server` or `Side::Both` gets a `service` module: `peel` takes
//! every request wrapper (`invokeWithLayer`, `initConnection`, `invokeAfterMsg`, ...) off a
//! request, a `Service` trait has a method per function returning `Result<Return, RpcError>`
//! (by default [`RpcError::not_implemented`]), and `serve` goes from request bytes to answer
//! bytes with these helpers.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use crate::error::Result;
use crate::reader::Reader;
use crate::traits::{Identifiable, TlRead, TlWrite};

/// MTProto's `rpc_error#2144ca19 error_code:int error_message:string = RpcError`: the answer
/// to a call that failed. Its bytes are those of the MTProto schema's generated `RpcError`, so
/// a client decodes it with either (see `RawObject::answer`).
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct RpcError {
    /// Like an HTTP status: 400 bad request, 401 unauthorized, 404 not found, 420 flood, ...
    pub error_code: i32,
    /// The error's type, `/[A-Z_0-9]+/` by Telegram's convention (`PEER_ID_INVALID`).
    pub error_message: String,
}

impl RpcError {
    /// The error code of [`RpcError::not_implemented`]: Telegram's errors page
    /// (core.telegram.org/api/errors) gives 404 NOT_FOUND to "an attempt to invoke a
    /// non-existent object, such as a method".
    pub const NOT_IMPLEMENTED_CODE: i32 = 404;
    /// The error message of [`RpcError::not_implemented`] (tlayer's, in Telegram's form).
    pub const NOT_IMPLEMENTED_MESSAGE: &'static str = "METHOD_NOT_IMPLEMENTED";

    /// An error with this code and message.
    pub fn new(error_code: i32, error_message: impl Into<String>) -> Self {
        RpcError { error_code, error_message: error_message.into() }
    }

    /// What a generated `Service` answers for a function its implementation does not serve:
    /// `404 METHOD_NOT_IMPLEMENTED`.
    pub fn not_implemented() -> Self {
        RpcError::new(Self::NOT_IMPLEMENTED_CODE, Self::NOT_IMPLEMENTED_MESSAGE)
    }
}

impl fmt::Display for RpcError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rpc error {}: {}", self.error_code, self.error_message)
    }
}

impl core::error::Error for RpcError {}

impl Identifiable for RpcError {
    const CONSTRUCTOR_ID: u32 = 0x2144_ca19;
}

impl TlWrite for RpcError {
    const BOXED_ID: Option<u32> = Some(Self::CONSTRUCTOR_ID);
    fn write_bare(&self, out: &mut Vec<u8>) {
        self.error_code.write_bare(out);
        self.error_message.write_bare(out);
    }
}

impl TlRead for RpcError {
    const EXPECTED_ID: Option<(u32, &'static str)> = Some((Self::CONSTRUCTOR_ID, "rpc_error"));
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        Ok(RpcError { error_code: i32::read_bare(r)?, error_message: String::read_bare(r)? })
    }
}

/// The bytes answering a call: the result boxed, or the `rpc_error`.
pub fn answer_bytes<T: TlWrite>(result: core::result::Result<T, RpcError>) -> Vec<u8> {
    answer_with(result, |value, out| value.write_boxed(out))
}

/// The bytes answering a call whose result `write` writes (a bare result), or the `rpc_error`.
pub fn answer_with<T>(result: core::result::Result<T, RpcError>, write: impl FnOnce(&T, &mut Vec<u8>)) -> Vec<u8> {
    let mut out = Vec::new();
    match result {
        Ok(value) => write(&value, &mut out),
        Err(e) => e.write_boxed(&mut out),
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rpc_error_bytes() {
        let e = RpcError::new(400, "PEER_ID_INVALID");
        let bytes = e.to_bytes();
        // id, 400, then the 15-byte string: a length byte, the text, no padding (16 bytes).
        let mut want = alloc::vec![0x19, 0xca, 0x44, 0x21, 0x90, 0x01, 0, 0, 15];
        want.extend_from_slice(b"PEER_ID_INVALID");
        assert_eq!(bytes, want);
        assert_eq!(RpcError::from_bytes(&bytes), Ok(e.clone()));
        assert_eq!(answer_bytes::<i32>(Err(e)), bytes);
        assert_eq!(answer_bytes::<i32>(Ok(7)), [7, 0, 0, 0]);
        assert_eq!(answer_bytes(Ok(true)), crate::BOOL_TRUE_ID.to_le_bytes());
        assert_eq!(
            answer_with(Ok(alloc::vec![1i64]), |v, out| crate::write_vec_bare_elems(v, false, out)),
            [1, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0]
        );
    }
}
