//! The traits that generated code implements.

use alloc::vec::Vec;

use crate::error::Result;
use crate::reader::Reader;

/// Constructor id of a TL constructor (CRC32 of its canonical line).
pub trait Identifiable {
    /// The constructor id, written little-endian before the boxed form.
    const CONSTRUCTOR_ID: u32;
}

/// Write a value in TL wire format.
pub trait TlWrite {
    /// Bare form: fields only, no constructor id.
    fn write_bare(&self, out: &mut Vec<u8>);

    /// Boxed form: the constructor id first (for types that have one), then
    /// the bare form. Default: [`TlWrite::write_bare`].
    #[inline]
    fn write_boxed(&self, out: &mut Vec<u8>) {
        self.write_bare(out)
    }

    /// Boxed bytes in a new `Vec`.
    #[inline]
    fn to_bytes(&self) -> Vec<u8> {
        let mut v = Vec::new();
        self.write_boxed(&mut v);
        v
    }
}

/// Read a value in TL wire format into an owned Rust value.
pub trait TlRead: Sized {
    /// Reads the bare form (no constructor id).
    fn read_bare(r: &mut Reader<'_>) -> Result<Self>;

    /// Reads the boxed form. Default: [`TlRead::read_bare`].
    #[inline]
    fn read_boxed(r: &mut Reader<'_>) -> Result<Self> {
        Self::read_bare(r)
    }

    /// Decodes one boxed value from `buf`, rejecting trailing bytes
    /// ([`Error::TrailingBytes`](crate::Error::TrailingBytes)).
    #[inline]
    fn from_bytes(buf: &[u8]) -> Result<Self> {
        let mut r = Reader::new(buf);
        let value = Self::read_boxed(&mut r)?;
        r.finish()?;
        Ok(value)
    }
}

/// Read a value that may borrow from the input buffer (`&'a str`, `&'a [u8]`).
///
/// The borrowed counterpart of [`TlRead`]; implemented for the borrowed
/// types, every primitive, `String`, `Vec<u8>`, `Vec<T>` and `Box<T>`.
pub trait TlReadRef<'a>: Sized {
    /// Reads the bare form (no constructor id).
    fn read_bare_ref(r: &mut Reader<'a>) -> Result<Self>;

    /// Reads the boxed form. Default: [`TlReadRef::read_bare_ref`].
    #[inline]
    fn read_boxed_ref(r: &mut Reader<'a>) -> Result<Self> {
        Self::read_bare_ref(r)
    }

    /// Decodes one boxed value borrowing from `buf`, rejecting trailing bytes.
    #[inline]
    fn from_bytes_ref(buf: &'a [u8]) -> Result<Self> {
        let mut r = Reader::new(buf);
        let value = Self::read_boxed_ref(&mut r)?;
        r.finish()?;
        Ok(value)
    }
}

/// A TL function: the request type knows what it returns.
pub trait RemoteCall: TlWrite {
    /// The type of the result the server sends back.
    type Return: TlRead;
}
