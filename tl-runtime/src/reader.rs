//! The bounds-checked cursor that every decoder reads from.

use crate::error::{Error, Result};

/// A cursor over a byte buffer holding TL data.
///
/// Every read is bounds-checked and returns an [`Error`] instead of
/// panicking. The reader also counts nesting depth (see [`Reader::enter`])
/// and knows whether invalid UTF-8 in strings is an error or is replaced
/// (see [`Reader::lossy_strings`]).
#[derive(Debug, Clone)]
pub struct Reader<'a> {
    buf: &'a [u8],
    /// Invariant: `pos <= buf.len()`.
    pos: usize,
    /// Nesting levels entered; the runtime's own decoders restore it by a plain store (see
    /// `impls.rs`) instead of calling [`Reader::leave`].
    pub(crate) depth: u32,
    max_depth: u32,
    lossy: bool,
    /// The last id returned by `read_id` and where it started.
    last_id: u32,
    last_id_pos: usize,
}

/// Builds an [`Error::UnexpectedEof`]; kept out of line so the hot paths stay small.
#[cold]
#[inline(never)]
pub(crate) fn eof(offset: usize, needed: usize, expected: &'static str) -> Error {
    Error::UnexpectedEof { offset, needed, expected }
}

/// Builds an [`Error::InvalidLength`]; kept out of line like [`eof`].
#[cold]
#[inline(never)]
pub(crate) fn invalid_length(offset: usize, len: u64, remaining: usize, what: &'static str) -> Error {
    Error::InvalidLength { offset, len, remaining, what }
}

impl<'a> Reader<'a> {
    /// Default nesting limit.
    ///
    /// The deepest nesting seen in real Telegram schemas is about 10 to 20
    /// levels (an update holding a message holding media holding a web page
    /// holding page blocks); rich text and page blocks can nest further but
    /// real content stays far below 64. Each level costs one stack frame of
    /// the decoder, so 64 keeps stack use small even for large generated
    /// types while leaving ample headroom. Change it with
    /// [`Reader::with_max_depth`].
    pub const DEFAULT_MAX_DEPTH: u32 = 64;

    /// A reader at the start of `buf`, with the default depth limit and strict UTF-8.
    #[inline]
    #[must_use]
    pub fn new(buf: &'a [u8]) -> Self {
        Reader { buf, pos: 0, depth: 0, max_depth: Self::DEFAULT_MAX_DEPTH, lossy: false, last_id: 0, last_id_pos: 0 }
    }

    /// Sets the nesting limit: at most `depth` levels may be entered at once.
    #[inline]
    #[must_use]
    pub fn with_max_depth(mut self, depth: u32) -> Self {
        self.max_depth = depth;
        self
    }

    /// When `yes`, owned strings with invalid UTF-8 are decoded lossily
    /// (invalid sequences become U+FFFD) instead of failing.
    ///
    /// Borrowed strings ([`Reader::read_str_ref`]) are always checked strictly.
    #[inline]
    #[must_use]
    pub fn lossy_strings(mut self, yes: bool) -> Self {
        self.lossy = yes;
        self
    }

    /// Whether owned strings are decoded lossily.
    #[inline]
    pub fn is_lossy(&self) -> bool {
        self.lossy
    }

    /// Current byte position from the start of the buffer.
    #[inline]
    pub fn position(&self) -> usize {
        self.pos
    }

    /// Number of bytes not read yet.
    #[inline]
    pub fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    /// Current nesting depth (levels entered and not left).
    #[inline]
    pub fn depth(&self) -> u32 {
        self.depth
    }

    /// The nesting limit in force.
    #[inline]
    pub fn max_depth(&self) -> u32 {
        self.max_depth
    }

    /// The bytes not read yet.
    #[inline]
    fn rest(&self) -> &'a [u8] {
        // Cannot panic: `pos <= buf.len()` always holds.
        &self.buf[self.pos..]
    }

    /// Reads `N` bytes, naming `expected` in the error if they are missing.
    #[inline]
    pub(crate) fn read_array_for<const N: usize>(&mut self, expected: &'static str) -> Result<[u8; N]> {
        match self.rest().first_chunk::<N>() {
            Some(chunk) => {
                self.pos += N;
                Ok(*chunk)
            }
            None => Err(eof(self.pos, N, expected)),
        }
    }

    /// Reads `N` raw bytes.
    #[inline]
    pub fn read_array<const N: usize>(&mut self) -> Result<[u8; N]> {
        self.read_array_for::<N>("raw bytes")
    }

    /// Reads a little-endian `u32`.
    #[inline]
    pub fn read_u32(&mut self) -> Result<u32> {
        self.read_array_for::<4>("int").map(u32::from_le_bytes)
    }

    /// Reads a flags word (`flags:#`) of which only the bits in `known` (those some field is
    /// conditional on) may be set. Any other set bit is an [`Error::Custom`] at the word:
    /// generated code keeps no other bits, so it could not write the value back to the same bytes.
    #[inline]
    pub fn read_flags(&mut self, known: u32) -> Result<u32> {
        let at = self.pos;
        let word = self.read_u32()?;
        if word & !known != 0 {
            return Err(Error::Custom { offset: at, message: "flag bits set that no field of the schema uses" });
        }
        Ok(word)
    }

    /// Reads a TL `int`: a little-endian `i32`.
    #[inline]
    pub fn read_i32(&mut self) -> Result<i32> {
        self.read_array_for::<4>("int").map(i32::from_le_bytes)
    }

    /// Reads a TL `long`: a little-endian `i64`.
    #[inline]
    pub fn read_i64(&mut self) -> Result<i64> {
        self.read_array_for::<8>("long").map(i64::from_le_bytes)
    }

    /// Reads a TL `double`: the little-endian bits of an `f64`.
    #[inline]
    pub fn read_f64(&mut self) -> Result<f64> {
        self.read_array_for::<8>("double").map(|b| f64::from_bits(u64::from_le_bytes(b)))
    }

    /// Reads `n` raw bytes without copying.
    #[inline]
    pub fn read_raw(&mut self, n: usize) -> Result<&'a [u8]> {
        match self.rest().get(..n) {
            Some(s) => {
                self.pos += n;
                Ok(s)
            }
            None => Err(eof(self.pos, n, "raw bytes")),
        }
    }

    /// Reads the prefix and payload of a TL `bytes`/`string` value, skipping
    /// its padding, and returns the payload and the offset where it starts.
    #[inline]
    pub(crate) fn read_tl_bytes(&mut self, what: &'static str) -> Result<(&'a [u8], usize)> {
        let start = self.pos;
        let rest = self.rest();
        let (header, len) = match rest.first() {
            None => return Err(eof(start, 1, what)),
            Some(&0xff) => {
                return Err(invalid_length(
                    start,
                    0xff,
                    rest.len() - 1,
                    if what == "string" {
                        "string (reserved 0xff length prefix)"
                    } else {
                        "bytes (reserved 0xff length prefix)"
                    },
                ));
            }
            Some(&0xfe) => match rest.first_chunk::<4>() {
                Some(&[_, a, b, c]) => (4, u32::from_le_bytes([a, b, c, 0]) as usize),
                None => return Err(eof(start, 4, what)),
            },
            Some(&b) => (1, usize::from(b)),
        };
        let after_header = rest.len() - header;
        if len > after_header {
            return Err(invalid_length(start, len as u64, after_header, what));
        }
        // Whole encoding (header + payload + padding) is a multiple of 4.
        let total = (header + len + 3) & !3;
        if total > rest.len() {
            return Err(eof(start + header + len, total - header - len, what));
        }
        self.pos = start + total;
        Ok((&rest[header..header + len], start + header))
    }

    /// Reads a TL `bytes` value without copying; padding is skipped unchecked.
    #[inline]
    pub fn read_bytes_ref(&mut self) -> Result<&'a [u8]> {
        self.read_tl_bytes("bytes").map(|(data, _)| data)
    }

    /// Reads a TL `string` without copying; it must be valid UTF-8
    /// (lossy mode does not apply to borrowed strings).
    #[inline]
    pub fn read_str_ref(&mut self) -> Result<&'a str> {
        let (data, at) = self.read_tl_bytes("string")?;
        core::str::from_utf8(data).map_err(|e| Error::InvalidUtf8 { offset: at + e.valid_up_to() })
    }

    /// Looks at the next little-endian `u32` (usually a constructor id) without consuming it.
    #[inline]
    pub fn peek_u32(&self) -> Result<u32> {
        match self.rest().first_chunk::<4>() {
            Some(b) => Ok(u32::from_le_bytes(*b)),
            None => Err(eof(self.pos, 4, "constructor id")),
        }
    }

    /// Reads a constructor id and remembers its offset (for [`Reader::unknown_id`]).
    #[inline]
    pub fn read_id(&mut self) -> Result<u32> {
        let at = self.pos;
        let id = u32::from_le_bytes(self.read_array_for::<4>("constructor id")?);
        self.last_id = id;
        self.last_id_pos = at;
        Ok(id)
    }

    /// Enters one nesting level; fails with [`Error::TooDeep`] when that
    /// would exceed the limit. Pair every successful call with [`Reader::leave`].
    #[inline]
    pub fn enter(&mut self) -> Result<()> {
        if self.depth >= self.max_depth {
            return Err(Error::TooDeep { offset: self.pos, limit: self.max_depth });
        }
        self.depth += 1;
        Ok(())
    }

    /// Leaves a level entered with [`Reader::enter`].
    #[inline]
    pub fn leave(&mut self) {
        debug_assert!(self.depth > 0, "Reader::leave without a matching enter");
        self.depth = self.depth.saturating_sub(1);
    }

    /// Runs `f` one level deeper (enter, `f`, leave — leaving even when `f` fails).
    #[inline]
    pub fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Result<T>) -> Result<T> {
        self.enter()?;
        let out = f(self);
        self.leave();
        out
    }

    /// An [`Error::UnknownConstructor`] for `id`, located where that id started.
    ///
    /// If `id` is the one last returned by [`Reader::read_id`], its remembered
    /// offset is used; otherwise the id is assumed to be the 4 bytes just read
    /// (`position() - 4`).
    #[cold]
    pub fn unknown_id(&self, id: u32, expected: &'static str) -> Error {
        let offset = if id == self.last_id && self.last_id_pos + 4 <= self.pos {
            self.last_id_pos
        } else {
            self.pos.saturating_sub(4)
        };
        Error::UnknownConstructor { offset, id, expected }
    }

    /// An [`Error::Custom`] at the current position.
    #[cold]
    pub fn custom_error(&self, message: &'static str) -> Error {
        Error::Custom { offset: self.pos, message }
    }

    /// `Ok` if every byte was read, else [`Error::TrailingBytes`].
    #[inline]
    pub fn finish(self) -> Result<()> {
        match self.remaining() {
            0 => Ok(()),
            remaining => Err(Error::TrailingBytes { offset: self.pos, remaining }),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_ints_and_eof() {
        // 01 00 00 00 | ff ff ff ff | 2 stray bytes
        let mut r = Reader::new(&[1, 0, 0, 0, 0xff, 0xff, 0xff, 0xff, 9, 9]);
        assert_eq!(r.read_i32(), Ok(1));
        assert_eq!(r.peek_u32(), Ok(0xffff_ffff));
        assert_eq!(r.read_i32(), Ok(-1));
        assert_eq!(r.remaining(), 2);
        assert_eq!(r.read_i64(), Err(Error::UnexpectedEof { offset: 8, needed: 8, expected: "long" }));
        // A failed read does not move the cursor.
        assert_eq!(r.position(), 8);
        assert_eq!(r.read_raw(2), Ok(&[9u8, 9][..]));
        assert_eq!(r.read_raw(0), Ok(&[][..]));
        assert!(r.read_raw(1).is_err());
        assert!(r.read_raw(usize::MAX).is_err());
        r.finish().unwrap();
    }

    #[test]
    fn enter_leave_counts() {
        let mut r = Reader::new(&[]).with_max_depth(2);
        r.enter().unwrap();
        r.enter().unwrap();
        assert_eq!(r.depth(), 2);
        assert_eq!(r.enter(), Err(Error::TooDeep { offset: 0, limit: 2 }));
        r.leave();
        r.enter().unwrap();
        r.leave();
        r.leave();
        assert_eq!(r.depth(), 0);
        // nested leaves even on error.
        let e: Result<()> = r.nested(|r| Err(r.custom_error("boom")));
        assert_eq!(e, Err(Error::Custom { offset: 0, message: "boom" }));
        assert_eq!(r.depth(), 0);
    }

    #[test]
    fn unknown_id_uses_remembered_offset() {
        // id 0x11223344 at 0, then an int at 4.
        let mut r = Reader::new(&[0x44, 0x33, 0x22, 0x11, 7, 0, 0, 0]);
        let id = r.read_id().unwrap();
        assert_eq!(id, 0x1122_3344);
        r.read_i32().unwrap();
        let e = r.unknown_id(id, "Thing");
        assert_eq!(e.offset(), 0);
        // An id that was not read by read_id: position - 4.
        assert_eq!(r.unknown_id(7, "Other").offset(), 4);
    }
}
