//! Wire impls of the TL primitives, `Bool`, strings/bytes, vectors and `Box`.

use alloc::borrow::ToOwned;
use alloc::boxed::Box;
use alloc::string::String;
use alloc::vec::Vec;

use crate::error::{Error, Result};
use crate::reader::{Reader, invalid_length};
use crate::traits::{TlRead, TlReadRef, TlWrite};

/// Constructor id of the boxed `Vector t` type.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// Constructor id of `boolTrue = Bool`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse = Bool`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;

/// Largest length a TL `bytes`/`string` can encode (`2^24 - 1`).
pub const MAX_BYTES_LEN: usize = 0x00ff_ffff;

// ---------------------------------------------------------------------------
// Fixed-size primitives
// ---------------------------------------------------------------------------

macro_rules! fixed {
    ($ty:ty, $read:expr, |$v:ident| $bytes:expr) => {
        impl TlWrite for $ty {
            #[inline]
            fn write_bare(&self, out: &mut Vec<u8>) {
                let $v = self;
                out.extend_from_slice(&$bytes);
            }
        }

        impl TlRead for $ty {
            #[inline]
            fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
                $read(r)
            }
        }
    };
}

fixed!(i32, Reader::read_i32, |v| v.to_le_bytes());
fixed!(u32, Reader::read_u32, |v| v.to_le_bytes());
fixed!(i64, Reader::read_i64, |v| v.to_le_bytes());
fixed!(f64, Reader::read_f64, |v| v.to_bits().to_le_bytes());
fixed!([u8; 16], |r: &mut Reader<'_>| r.read_array_for::<16>("int128"), |v| *v);
fixed!([u8; 32], |r: &mut Reader<'_>| r.read_array_for::<32>("int256"), |v| *v);

// ---------------------------------------------------------------------------
// Bool
// ---------------------------------------------------------------------------

impl TlWrite for bool {
    /// Writes `boolTrue`/`boolFalse`: `Bool` has no fields, so bare and boxed
    /// forms are both the constructor id.
    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        let id = if *self { BOOL_TRUE_ID } else { BOOL_FALSE_ID };
        out.extend_from_slice(&id.to_le_bytes());
    }
}

impl TlRead for bool {
    #[inline]
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        match r.read_id()? {
            BOOL_TRUE_ID => Ok(true),
            BOOL_FALSE_ID => Ok(false),
            id => Err(r.unknown_id(id, "Bool")),
        }
    }
}

// ---------------------------------------------------------------------------
// bytes and string
// ---------------------------------------------------------------------------

/// Writes `data` as TL `bytes`: a 1-byte length (< 254) or `0xfe` and a
/// 3-byte little-endian length, the data, then zero padding to a multiple of 4.
///
/// # Panics
/// If `data` is longer than [`MAX_BYTES_LEN`] (`2^24 - 1`) bytes, which TL
/// cannot encode. This is a bug in the caller, never caused by decoded input.
#[inline]
fn write_tl_bytes(data: &[u8], out: &mut Vec<u8>) {
    let len = data.len();
    if len < 254 {
        // Length byte, data, then zeros up to the next multiple of 4: write three zeros and
        // cut back, which is cheaper than slicing a padding of 0 to 3 bytes.
        let total = (len + 4) & !3;
        out.reserve(len + 4);
        let start = out.len();
        out.push(len as u8);
        out.extend_from_slice(data);
        out.extend_from_slice(&[0; 3]);
        out.truncate(start + total);
    } else {
        write_tl_bytes_long(data, out);
    }
}

/// The `0xfe` form of [`write_tl_bytes`], out of line so the short form inlines.
#[cold]
#[inline(never)]
fn write_tl_bytes_long(data: &[u8], out: &mut Vec<u8>) {
    let len = data.len();
    assert!(
        len <= MAX_BYTES_LEN,
        "TL bytes/string of {len} bytes is longer than the maximum of {MAX_BYTES_LEN} (2^24 - 1)"
    );
    let pad = len.wrapping_neg() & 3;
    out.reserve(4 + len + pad);
    let l = (len as u32).to_le_bytes();
    out.extend_from_slice(&[0xfe, l[0], l[1], l[2]]);
    out.extend_from_slice(data);
    out.extend_from_slice(&[0; 3][..pad]);
}

/// TL `bytes`. Panics above [`MAX_BYTES_LEN`] bytes (TL cannot encode more).
impl TlWrite for [u8] {
    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        write_tl_bytes(self, out);
    }
}

/// TL `string`. Panics above [`MAX_BYTES_LEN`] bytes, like `[u8]`.
impl TlWrite for str {
    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        write_tl_bytes(self.as_bytes(), out);
    }
}

/// TL `bytes`. Panics above [`MAX_BYTES_LEN`] bytes.
impl TlWrite for Vec<u8> {
    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        write_tl_bytes(self, out);
    }
}

/// TL `string`. Panics above [`MAX_BYTES_LEN`] bytes.
impl TlWrite for String {
    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        write_tl_bytes(self.as_bytes(), out);
    }
}

impl TlRead for Vec<u8> {
    #[inline]
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        r.read_bytes_ref().map(<[u8]>::to_vec)
    }
}

impl TlRead for String {
    #[inline]
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        let (data, at) = r.read_tl_bytes("string")?;
        match core::str::from_utf8(data) {
            Ok(s) => Ok(s.to_owned()),
            Err(_) if r.is_lossy() => Ok(String::from_utf8_lossy(data).into_owned()),
            Err(e) => Err(Error::InvalidUtf8 { offset: at + e.valid_up_to() }),
        }
    }
}

impl<'a> TlReadRef<'a> for &'a [u8] {
    #[inline]
    fn read_bare_ref(r: &mut Reader<'a>) -> Result<Self> {
        r.read_bytes_ref()
    }
}

impl<'a> TlReadRef<'a> for &'a str {
    #[inline]
    fn read_bare_ref(r: &mut Reader<'a>) -> Result<Self> {
        r.read_str_ref()
    }
}

// Owned values decode the same way in borrowed mode.
macro_rules! read_ref_via_owned {
    ($($ty:ty),* $(,)?) => {$(
        impl<'a> TlReadRef<'a> for $ty {
            #[inline]
            fn read_bare_ref(r: &mut Reader<'a>) -> Result<Self> {
                <$ty as TlRead>::read_bare(r)
            }

            #[inline]
            fn read_boxed_ref(r: &mut Reader<'a>) -> Result<Self> {
                <$ty as TlRead>::read_boxed(r)
            }
        }
    )*};
}

read_ref_via_owned!(i32, i64, f64, bool, [u8; 16], [u8; 32], String, Vec<u8>);

// ---------------------------------------------------------------------------
// Vectors
// ---------------------------------------------------------------------------

/// The one writing loop for every vector form. The header is written by a function of its
/// own, so each element type instantiates only the loop.
#[inline]
fn write_seq<T>(items: &[T], boxed_vector: bool, out: &mut Vec<u8>, mut write_elem: impl FnMut(&T, &mut Vec<u8>)) {
    write_seq_header(items.len(), boxed_vector, out);
    for item in items {
        write_elem(item, out);
    }
}

/// A vector's id (when `boxed_vector`) and count, reserving room for `len` small elements.
#[inline]
fn write_seq_header(len: usize, boxed_vector: bool, out: &mut Vec<u8>) {
    let count = i32::try_from(len).unwrap_or_else(|_| panic!("TL vector of {len} elements is too long"));
    // Every real TL element takes at least 4 bytes; this is only a hint,
    // capped so that huge vectors of empty elements cannot overflow it.
    out.reserve(8 + 4 * len.min(1 << 20));
    if boxed_vector {
        out.extend_from_slice(&VECTOR_ID.to_le_bytes());
    }
    out.extend_from_slice(&count.to_le_bytes());
}

/// The one reading loop for every vector form.
///
/// Resource rule: the count must not exceed the bytes left after it (so the
/// loop runs at most once per input byte), and the initial capacity is at
/// most `remaining / 4` elements and at most [`MAX_PREALLOC_BYTES`] of them, so
/// memory stays proportional to the input even when vectors nest (each level
/// reserves before its first element decodes). The vector counts as one nesting
/// level.
/// The most a vector reserves before its elements decode; beyond it, it grows as they do.
pub const MAX_PREALLOC_BYTES: usize = 4096;

#[inline]
#[allow(clippy::question_mark)] // `?` would instantiate `from_residual` per element type
fn read_seq<'a, T>(
    r: &mut Reader<'a>,
    boxed_vector: bool,
    mut read_elem: impl FnMut(&mut Reader<'a>) -> Result<T>,
) -> Result<Vec<T>> {
    // `match`, not `?`: no `from_residual` instance per element type.
    let (n, remaining) = match read_seq_header(r, boxed_vector) {
        Ok(header) => header,
        Err(e) => return Err(e),
    };
    // The elements are one nesting level (what `Reader::nested` does, without a closure per
    // element type).
    let depth = r.depth;
    if let Err(e) = r.enter() {
        return Err(e);
    }
    let cap = n.min(remaining / 4).min((MAX_PREALLOC_BYTES / core::mem::size_of::<T>().max(1)).max(1));
    let mut v = Vec::with_capacity(cap);
    for _ in 0..n {
        match read_elem(r) {
            Ok(x) => v.push(x),
            Err(e) => {
                r.depth = depth;
                return Err(e);
            }
        }
    }
    r.depth = depth;
    Ok(v)
}

/// A vector's id (when `boxed_vector`) and count: the count, checked against the bytes left,
/// and the bytes left after it. Not generic, so compiled once.
#[inline]
fn read_seq_header(r: &mut Reader<'_>, boxed_vector: bool) -> Result<(usize, usize)> {
    if boxed_vector {
        let id = r.read_id()?;
        if id != VECTOR_ID {
            return Err(r.unknown_id(id, "Vector"));
        }
    }
    let at = r.position();
    let count = r.read_u32()?;
    let remaining = r.remaining();
    // A negative i32 count is >= 2^31 as u32 and so also fails here.
    let n = usize::try_from(count).unwrap_or(usize::MAX);
    if n > remaining {
        return Err(invalid_length(at, u64::from(count), remaining, "vector"));
    }
    Ok((n, remaining))
}

/// Writes a vector whose elements are bare (TL `vector<%T>`, or `Vector<t>`
/// of a bare type): the count, then each element's bare form, preceded by
/// [`VECTOR_ID`] when `boxed_vector`.
///
/// # Panics
/// If `v` has more than `i32::MAX` elements.
#[inline]
pub fn write_vec_bare_elems<T: TlWrite>(v: &[T], boxed_vector: bool, out: &mut Vec<u8>) {
    write_seq(v, boxed_vector, out, T::write_bare);
}

/// Reads a vector whose elements are bare; checks [`VECTOR_ID`] first when
/// `boxed_vector`. Same resource rules as `Vec<T>`.
#[inline]
pub fn read_vec_bare_elems<T: TlRead>(r: &mut Reader<'_>, boxed_vector: bool) -> Result<Vec<T>> {
    read_seq(r, boxed_vector, T::read_bare)
}

/// Borrowed-mode [`read_vec_bare_elems`].
#[inline]
pub fn read_vec_bare_elems_ref<'a, T: TlReadRef<'a>>(r: &mut Reader<'a>, boxed_vector: bool) -> Result<Vec<T>> {
    read_seq(r, boxed_vector, T::read_bare_ref)
}

/// Writes a vector whose elements each need their own writer (a vector of vectors of bare
/// elements, `vector<vector<%T>>`, where neither [`TlWrite`] form of the inner `Vec` is right):
/// [`VECTOR_ID`] when `boxed_vector`, the count, then `write_elem` for each element.
///
/// # Panics
/// If `items` has more than `i32::MAX` elements.
#[inline]
pub fn write_vec_with<T>(items: &[T], boxed_vector: bool, out: &mut Vec<u8>, write_elem: impl FnMut(&T, &mut Vec<u8>)) {
    write_seq(items, boxed_vector, out, write_elem);
}

/// Reads a vector whose elements each need their own reader (see [`write_vec_with`]); checks
/// [`VECTOR_ID`] first when `boxed_vector`. Same resource rules as `Vec<T>`.
#[inline]
pub fn read_vec_with<'a, T>(
    r: &mut Reader<'a>,
    boxed_vector: bool,
    read_elem: impl FnMut(&mut Reader<'a>) -> Result<T>,
) -> Result<Vec<T>> {
    read_seq(r, boxed_vector, read_elem)
}

/// TL vector of boxed elements. Panics above `i32::MAX` elements.
impl<T: TlWrite> TlWrite for [T] {
    const BOXED_ID: Option<u32> = Some(VECTOR_ID);

    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        write_seq(self, false, out, T::write_boxed);
    }
}

/// TL vector of boxed elements. Panics above `i32::MAX` elements.
impl<T: TlWrite> TlWrite for Vec<T> {
    const BOXED_ID: Option<u32> = Some(VECTOR_ID);

    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        self.as_slice().write_bare(out);
    }
}

impl<T: TlRead> TlRead for Vec<T> {
    const EXPECTED_ID: Option<(u32, &'static str)> = Some((VECTOR_ID, "Vector"));

    #[inline]
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        read_seq(r, false, T::read_boxed)
    }
}

impl<'a, T: TlReadRef<'a>> TlReadRef<'a> for Vec<T> {
    #[inline]
    fn read_bare_ref(r: &mut Reader<'a>) -> Result<Self> {
        read_seq(r, false, T::read_boxed_ref)
    }

    #[inline]
    fn read_boxed_ref(r: &mut Reader<'a>) -> Result<Self> {
        read_seq(r, true, T::read_boxed_ref)
    }
}

// ---------------------------------------------------------------------------
// Indirection
// ---------------------------------------------------------------------------

impl<T: TlWrite + ?Sized> TlWrite for &T {
    const BOXED_ID: Option<u32> = T::BOXED_ID;

    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        (**self).write_bare(out);
    }

    #[inline]
    fn write_boxed(&self, out: &mut Vec<u8>) {
        (**self).write_boxed(out);
    }
}

impl<T: TlWrite + ?Sized> TlWrite for Box<T> {
    const BOXED_ID: Option<u32> = T::BOXED_ID;

    #[inline]
    fn write_bare(&self, out: &mut Vec<u8>) {
        (**self).write_bare(out);
    }

    #[inline]
    fn write_boxed(&self, out: &mut Vec<u8>) {
        (**self).write_boxed(out);
    }
}

/// Reading a `Box` counts as one nesting level: every recursive Rust type
/// goes through a `Box` or a `Vec`, so recursion in decoded data is bounded
/// by [`Reader::with_max_depth`] even if generated code never calls
/// [`Reader::nested`] itself.
impl<T: TlRead> TlRead for Box<T> {
    const EXPECTED_ID: Option<(u32, &'static str)> = T::EXPECTED_ID;

    // Each is one nesting level, as `Reader::nested` counts, written out without `?`, and the
    // depth restored by a store rather than a call to `leave` that the compiler must assume
    // can unwind (with a landing pad dropping the value): a closure and its
    // `nested` per boxed type cost the generated crate more code than these few lines.
    #[inline]
    #[allow(clippy::question_mark)]
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        let depth = r.depth;
        if let Err(e) = r.enter() {
            return Err(e);
        }
        let out = T::read_bare(r);
        r.depth = depth;
        match out {
            Ok(v) => Ok(Box::new(v)),
            Err(e) => Err(e),
        }
    }

    #[inline]
    #[allow(clippy::question_mark)]
    fn read_boxed(r: &mut Reader<'_>) -> Result<Self> {
        let depth = r.depth;
        if let Err(e) = r.enter() {
            return Err(e);
        }
        let out = T::read_boxed(r);
        r.depth = depth;
        match out {
            Ok(v) => Ok(Box::new(v)),
            Err(e) => Err(e),
        }
    }
}

impl<'a, T: TlReadRef<'a>> TlReadRef<'a> for Box<T> {
    #[inline]
    fn read_bare_ref(r: &mut Reader<'a>) -> Result<Self> {
        r.nested(|r| T::read_bare_ref(r)).map(Box::new)
    }

    #[inline]
    fn read_boxed_ref(r: &mut Reader<'a>) -> Result<Self> {
        r.nested(|r| T::read_boxed_ref(r)).map(Box::new)
    }
}

/// A value of TL type `Object` (or `Function`) that the schema cannot describe: its raw bytes.
///
/// Reading takes every remaining byte of the input, so it fits where `Object` is the last thing
/// in a message (a function's result, `rpc_result`'s payload); writing writes the bytes as they are.
#[derive(Clone, Debug, Default, PartialEq, Eq, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RawObject(pub Vec<u8>);

impl TlWrite for RawObject {
    fn write_bare(&self, out: &mut Vec<u8>) {
        out.extend_from_slice(&self.0);
    }
}

impl TlRead for RawObject {
    fn read_bare(r: &mut Reader<'_>) -> Result<Self> {
        let n = r.remaining();
        Ok(RawObject(r.read_raw(n)?.to_vec()))
    }
}
