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
    /// The constructor id that starts the boxed form: `Some` for a TL constructor, `None` (the
    /// default) for a value whose boxed form is its bare form. A type of several constructors
    /// (a generated enum) keeps `None` and writes the id of the one it holds in `write_bare`.
    const BOXED_ID: Option<u32> = None;

    /// Bare form: fields only, no constructor id.
    fn write_bare(&self, out: &mut Vec<u8>);

    /// Boxed form: [`TlWrite::BOXED_ID`], if any, then the bare form.
    #[inline]
    fn write_boxed(&self, out: &mut Vec<u8>) {
        if let Some(id) = Self::BOXED_ID {
            out.extend_from_slice(&id.to_le_bytes());
        }
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
    /// The constructor id the boxed form must start with, and the TL name an unknown id is
    /// reported against: `Some` for a TL constructor, `None` (the default) for a value whose
    /// boxed form is its bare form. A type of several constructors (a generated enum) keeps
    /// `None` and dispatches on the id in `read_bare`.
    const EXPECTED_ID: Option<(u32, &'static str)> = None;

    /// Reads the bare form (no constructor id).
    fn read_bare(r: &mut Reader<'_>) -> Result<Self>;

    /// Reads the boxed form: checks [`TlRead::EXPECTED_ID`], if any, then reads the bare form.
    #[inline]
    fn read_boxed(r: &mut Reader<'_>) -> Result<Self> {
        if let Some((expected, name)) = Self::EXPECTED_ID {
            let id = r.read_id()?;
            if id != expected {
                return Err(r.unknown_id(id, name));
            }
        }
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Error;

    /// A constructor as generated code declares one: only the bare codec and the id.
    #[derive(Debug, PartialEq)]
    struct Pair(i32);

    impl TlWrite for Pair {
        const BOXED_ID: Option<u32> = Some(0x0a0b_0c0d);
        fn write_bare(&self, out: &mut Vec<u8>) {
            self.0.write_bare(out);
        }
    }

    impl TlRead for Pair {
        const EXPECTED_ID: Option<(u32, &'static str)> = Some((0x0a0b_0c0d, "pair"));
        fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
            i32::read_bare(r).map(Pair)
        }
    }

    #[test]
    fn boxed_forms_come_from_the_ids() {
        assert_eq!(Pair(7).to_bytes(), [0x0d, 0x0c, 0x0b, 0x0a, 7, 0, 0, 0]);
        assert_eq!(Pair::from_bytes(&[0x0d, 0x0c, 0x0b, 0x0a, 7, 0, 0, 0]), Ok(Pair(7)));
        assert_eq!(
            Pair::from_bytes(&[1, 0, 0, 0, 7, 0, 0, 0]),
            Err(Error::UnknownConstructor { offset: 0, id: 1, expected: "pair" })
        );
        // Without an id the boxed form is the bare form.
        assert_eq!(7i32.to_bytes(), [7, 0, 0, 0]);
        assert_eq!(
            alloc::vec![Pair(1)].to_bytes(),
            [0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0, 0x0d, 0x0c, 0x0b, 0x0a, 1, 0, 0, 0]
        );
    }
}
