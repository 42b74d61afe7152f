//! TL `Object`: a value of any boxed type, kept as its bytes ([`RawObject`]) until the reader
//! says which schema's type it is; length-prefixed bodies (MTProto's `bytes:int body:Object`);
//! and the answers of remote calls (`rpc_result`, `rpc_error`, `gzip_packed`).
//!
//! A generated field of TL type `Object` is a [`RawObject`]: the boxed bytes (constructor id
//! first) exactly as they came, so decoding then re-encoding it gives the same bytes whatever
//! the value is. Reading one takes every byte left in the reader, which is why MTProto bounds it:
//! `message msg_id:long seqno:int bytes:int body:Object` is generated with [`read_sized`] and
//! [`write_sized`], so the body is exactly `bytes` bytes, written from the body's length and
//! checked on read.
//!
//! Decode the bytes with the type the context tells: [`RawObject::decode`] for any [`TlRead`]
//! type (a boxed-type enum, or a schema's `functions::Function` to dispatch over every request),
//! [`RawObject::decode_either`] when the value may come from either of two schemas (MTProto's
//! service messages or an API layer), and [`RawObject::answer`] for the result of a call.

use alloc::borrow::Cow;
use alloc::vec::Vec;

use crate::error::{Error, Result};
use crate::impls::RawObject;
use crate::reader::Reader;
use crate::traits::{Identifiable, RemoteCall, TlRead, TlWrite};

/// Constructor id of MTProto's `gzip_packed#3072cfa1 packed_data:bytes = Object`.
pub const GZIP_PACKED_ID: u32 = 0x3072_cfa1;

/// How many bytes an answer may inflate to when it comes `gzip_packed` and no other limit is
/// given: 16 MiB, more than any one MTProto message carries (a TL `bytes` holds at most
/// `2^24 - 1` bytes, and Telegram's servers cut messages far below that).
pub const DEFAULT_MAX_INFLATED: usize = 16 << 20;

/// A decoded value of one of two types: what [`RawObject::decode_either`] returns.
#[derive(Clone, Debug, PartialEq)]
pub enum Either<A, B> {
    /// A value of the first type.
    Left(A),
    /// A value of the second type.
    Right(B),
}

impl RawObject {
    /// The boxed bytes of `value` (its constructor id first, when it has one).
    pub fn from_value<T: TlWrite + ?Sized>(value: &T) -> Self {
        let mut out = Vec::new();
        value.write_boxed(&mut out);
        RawObject(out)
    }

    /// The constructor id the bytes start with, or `None` if there are fewer than 4 bytes.
    pub fn id(&self) -> Option<u32> {
        self.0.first_chunk::<4>().map(|b| u32::from_le_bytes(*b))
    }

    /// Decodes the bytes as one boxed `T`, with nothing left over. Offsets in errors count from
    /// the start of the object. An id `T` does not know is [`Error::UnknownConstructor`] at
    /// offset 0. The bytes are taken as they are: see [`RawObject::unpacked`] for `gzip_packed`.
    pub fn decode<T: TlRead>(&self) -> Result<T> {
        T::from_bytes(&self.0)
    }

    /// Decodes the bytes as an `A` or, when `A` does not know the constructor id, as a `B`: for
    /// a message body that may hold a value of either of two schemas (MTProto's service types
    /// and an API layer's). An id neither knows is `B`'s [`Error::UnknownConstructor`].
    pub fn decode_either<A: TlRead, B: TlRead>(&self) -> Result<Either<A, B>> {
        match self.decode::<A>() {
            Err(Error::UnknownConstructor { offset: 0, .. }) => self.decode::<B>().map(Either::Right),
            other => other.map(Either::Left),
        }
    }

    /// The bytes with any `gzip_packed` wrappers taken off (inflated to at most `limit` bytes
    /// each; at most 4 wrappers deep), or the bytes themselves when they are not packed.
    ///
    /// Without the runtime's `gzip` feature a packed value is an [`Error::Custom`].
    pub fn unpacked(&self, limit: usize) -> Result<Cow<'_, [u8]>> {
        let mut bytes = Cow::Borrowed(self.0.as_slice());
        for _ in 0..MAX_GZIP_NESTING {
            if bytes.first_chunk::<4>().map(|b| u32::from_le_bytes(*b)) != Some(GZIP_PACKED_ID) {
                return Ok(bytes);
            }
            bytes = Cow::Owned(inflate_packed(&bytes, limit)?);
        }
        Err(Error::Custom { offset: 0, message: "gzip_packed nested more than 4 deep" })
    }

    /// Decodes the bytes as the answer to request `F`: `Ok(Ok(F::Return))` for a result,
    /// `Ok(Err(E))` when the server answered with its error constructor `E` (MTProto's
    /// `rpc_error`), through `gzip_packed` (inflated to at most [`DEFAULT_MAX_INFLATED`] bytes).
    /// `Err` when the bytes are neither: the offset counts from the start of the (inflated)
    /// answer.
    ///
    /// ```ignore
    /// let rpc: mtproto::types::RpcResult = ...;
    /// match rpc.result.answer::<api::functions::help::GetConfig, mtproto::types::RpcError>()? {
    ///     Ok(config) => ...,
    ///     Err(rpc_error) => ...,
    /// }
    /// ```
    pub fn answer<F: RemoteCall + ?Sized, E: TlRead + Identifiable>(
        &self,
    ) -> Result<core::result::Result<F::Return, E>> {
        self.answer_with_limit::<F, E>(DEFAULT_MAX_INFLATED)
    }

    /// [`RawObject::answer`] with the most bytes a `gzip_packed` answer may inflate to.
    pub fn answer_with_limit<F: RemoteCall + ?Sized, E: TlRead + Identifiable>(
        &self,
        limit: usize,
    ) -> Result<core::result::Result<F::Return, E>> {
        let bytes = self.unpacked(limit)?;
        if bytes.first_chunk::<4>().map(|b| u32::from_le_bytes(*b)) == Some(E::CONSTRUCTOR_ID) {
            return E::from_bytes(&bytes).map(Err);
        }
        F::Return::from_bytes(&bytes).map(Ok)
    }

    /// The answer a server sends for request `F`: `value`'s boxed bytes, the type checked
    /// against the request's `RemoteCall::Return`.
    pub fn from_answer<F: RemoteCall + ?Sized>(value: &F::Return) -> Self
    where
        F::Return: TlWrite,
    {
        Self::from_value(value)
    }

    /// `value`'s boxed bytes, as `gzip_packed` when they are at least `min_len` bytes long and
    /// packing makes them shorter (the rule MTProto servers follow for large answers).
    #[cfg(feature = "gzip")]
    pub fn packed<T: TlWrite + ?Sized>(value: &T, min_len: usize) -> Self {
        let plain = Self::from_value(value);
        if plain.0.len() < min_len {
            return plain;
        }
        let mut out = Vec::with_capacity(plain.0.len() / 2 + 16);
        out.extend_from_slice(&GZIP_PACKED_ID.to_le_bytes());
        crate::gzip::deflate(&plain.0).write_bare(&mut out);
        if out.len() < plain.0.len() { RawObject(out) } else { plain }
    }
}

const MAX_GZIP_NESTING: usize = 4;

/// Inflates a boxed `gzip_packed` value (`bytes` starts with its id).
fn inflate_packed(bytes: &[u8], limit: usize) -> Result<Vec<u8>> {
    let mut r = Reader::new(bytes);
    r.read_id()?;
    let at = r.position();
    let packed = r.read_bytes_ref()?;
    r.finish()?;
    #[cfg(feature = "gzip")]
    {
        crate::gzip::inflate(packed, limit).map_err(|message| Error::Custom { offset: at, message })
    }
    #[cfg(not(feature = "gzip"))]
    {
        let _ = (packed, limit);
        Err(Error::Custom { offset: at, message: "gzip_packed needs the `gzip` feature of the tlayer runtime" })
    }
}

/// Reads a length-prefixed value: an `int` byte count, then exactly that many bytes, which `read`
/// must consume completely (MTProto's `bytes:int body:Object`).
///
/// The count must be a non-negative multiple of 4 no larger than what is left
/// ([`Error::InvalidLength`] at the count otherwise); bytes `read` leaves are
/// [`Error::TrailingBytes`]. `read` sees a reader bounded to the body, with what is left of the
/// depth limit and the same string mode; its errors keep offsets counted from the start of the
/// whole input.
pub fn read_sized<'a, T>(r: &mut Reader<'a>, read: impl FnOnce(&mut Reader<'a>) -> Result<T>) -> Result<T> {
    let at = r.position();
    let len = r.read_i32()?;
    let remaining = r.remaining();
    let n = usize::try_from(len).ok().filter(|&n| n <= remaining && n % 4 == 0);
    let Some(n) = n else {
        let what = if len >= 0 && (len as usize) <= remaining {
            "message body (bytes:int is not a multiple of 4)"
        } else {
            "message body (bytes:int)"
        };
        return Err(Error::InvalidLength { offset: at, len: u64::from(len as u32), remaining, what });
    };
    let base = r.position();
    let body = r.read_raw(n)?;
    let mut inner =
        Reader::new(body).with_max_depth(r.max_depth().saturating_sub(r.depth())).lossy_strings(r.is_lossy());
    let value = read(&mut inner).map_err(|e| shift(e, base))?;
    inner.finish().map_err(|e| shift(e, base))?;
    Ok(value)
}

/// Writes a length-prefixed value: an `int` byte count, then what `write` writes (the count is
/// filled in afterwards, so it is always right). The counterpart of [`read_sized`].
///
/// # Panics
/// If `write` writes more than `i32::MAX` bytes.
pub fn write_sized(out: &mut Vec<u8>, write: impl FnOnce(&mut Vec<u8>)) {
    let at = out.len();
    out.extend_from_slice(&[0; 4]);
    write(out);
    let len = i32::try_from(out.len() - at - 4).expect("a length-prefixed TL value is at most i32::MAX bytes");
    out[at..at + 4].copy_from_slice(&len.to_le_bytes());
}

/// `e` with its offset moved by `base` (an error of a reader over a slice starting at `base`).
fn shift(e: Error, base: usize) -> Error {
    match e {
        Error::UnexpectedEof { offset, needed, expected } => {
            Error::UnexpectedEof { offset: offset + base, needed, expected }
        }
        Error::UnknownConstructor { offset, id, expected } => {
            Error::UnknownConstructor { offset: offset + base, id, expected }
        }
        Error::InvalidLength { offset, len, remaining, what } => {
            Error::InvalidLength { offset: offset + base, len, remaining, what }
        }
        Error::TrailingBytes { offset, remaining } => Error::TrailingBytes { offset: offset + base, remaining },
        Error::TooDeep { offset, limit } => Error::TooDeep { offset: offset + base, limit },
        Error::InvalidUtf8 { offset } => Error::InvalidUtf8 { offset: offset + base },
        Error::Custom { offset, message } => Error::Custom { offset: offset + base, message },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::vec;

    fn sized_i32s(r: &mut Reader<'_>) -> Result<Vec<i32>> {
        let mut v = Vec::new();
        while r.remaining() > 0 {
            v.push(r.read_i32()?);
        }
        Ok(v)
    }

    #[test]
    fn sized_round_trip_and_length_written() {
        let mut out = vec![9u8; 4];
        write_sized(&mut out, |out| {
            1i32.write_bare(out);
            2i32.write_bare(out);
        });
        assert_eq!(out, [9, 9, 9, 9, 8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
        let mut r = Reader::new(&out);
        r.read_raw(4).unwrap();
        assert_eq!(read_sized(&mut r, sized_i32s), Ok(vec![1, 2]));
        assert_eq!(r.remaining(), 0);
    }

    #[test]
    fn sized_rejects_bad_counts_at_the_count() {
        let cases: [(&[u8], Error); 3] = [
            (
                &[12, 0, 0, 0, 1, 0, 0, 0],
                Error::InvalidLength { offset: 0, len: 12, remaining: 4, what: "message body (bytes:int)" },
            ),
            (
                &[0xff, 0xff, 0xff, 0xff],
                Error::InvalidLength { offset: 0, len: 0xffff_ffff, remaining: 0, what: "message body (bytes:int)" },
            ),
            (
                &[2, 0, 0, 0, 1, 0, 0, 0],
                Error::InvalidLength {
                    offset: 0,
                    len: 2,
                    remaining: 4,
                    what: "message body (bytes:int is not a multiple of 4)",
                },
            ),
        ];
        for (input, want) in cases {
            assert_eq!(read_sized(&mut Reader::new(input), sized_i32s), Err(want));
        }
    }

    #[test]
    fn sized_errors_count_from_the_whole_input() {
        // A body of 8 bytes whose reader reads one long, then wants another: EOF at 12.
        let input = [0u8, 0, 0, 0, 8, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 7, 7, 7, 7];
        let mut r = Reader::new(&input);
        r.read_raw(4).unwrap();
        let e = read_sized(&mut r, |r| {
            r.read_i64()?;
            r.read_i64()
        });
        assert_eq!(e, Err(Error::UnexpectedEof { offset: 16, needed: 8, expected: "long" }));
        // A reader that leaves bytes of the body: trailing bytes at their place in the input.
        let mut r = Reader::new(&input);
        r.read_raw(4).unwrap();
        assert_eq!(read_sized(&mut r, |r| r.read_i32()), Err(Error::TrailingBytes { offset: 12, remaining: 4 }));
    }

    #[test]
    fn sized_keeps_the_depth_budget() {
        let input = [4u8, 0, 0, 0, 1, 0, 0, 0];
        let mut r = Reader::new(&input).with_max_depth(2);
        r.enter().unwrap();
        r.enter().unwrap();
        let e = read_sized(&mut r, |r| r.nested(|r| r.read_i32()));
        assert_eq!(e, Err(Error::TooDeep { offset: 4, limit: 0 }));
    }

    #[test]
    fn objects_decode_by_the_type_asked_for() {
        let obj = RawObject::from_value(&vec![1i32, 2]);
        assert_eq!(obj.id(), Some(crate::VECTOR_ID));
        assert_eq!(obj.decode::<Vec<i32>>(), Ok(vec![1, 2]));
        assert_eq!(
            obj.decode::<bool>(),
            Err(Error::UnknownConstructor { offset: 0, id: crate::VECTOR_ID, expected: "Bool" })
        );
        assert_eq!(obj.decode_either::<bool, Vec<i32>>(), Ok(Either::Right(vec![1, 2])));
        assert_eq!(RawObject::from_value(&true).decode_either::<bool, Vec<i32>>(), Ok(Either::Left(true)));
        assert_eq!(RawObject(vec![1, 2]).id(), None);
    }
}
