//! The single error type of decoding.

use core::fmt;

/// Result of a decoding operation.
pub type Result<T> = core::result::Result<T, Error>;

/// Why a TL value could not be decoded.
///
/// Every variant carries `offset`: the byte position in the input (counted
/// from the start of the buffer given to [`Reader::new`](crate::Reader::new))
/// where the problem was found. Constructor ids are always shown as
/// `0x%08x` in messages.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Error {
    /// The input ended in the middle of a value.
    UnexpectedEof {
        /// Where the read that failed began.
        offset: usize,
        /// How many bytes that read needed, counted from `offset`.
        needed: usize,
        /// What was being read (for example `"int"` or `"string"`).
        expected: &'static str,
    },
    /// A constructor id that is not valid at this place.
    UnknownConstructor {
        /// Where the id starts.
        offset: usize,
        /// The id that was read.
        id: u32,
        /// The type that was expected (for example `"Bool"`).
        expected: &'static str,
    },
    /// A length or count prefix that cannot be right: larger than the bytes
    /// that remain, or a reserved value (a string whose first byte is `0xff`).
    InvalidLength {
        /// Where the length prefix starts.
        offset: usize,
        /// The length as read. A vector count is shown as an unsigned 32-bit
        /// number, so a negative count appears as a value `>= 2^31`.
        len: u64,
        /// Bytes left after the length prefix.
        remaining: usize,
        /// What the length belongs to (for example `"vector"`).
        what: &'static str,
    },
    /// A complete value was decoded but bytes remain after it.
    TrailingBytes {
        /// Where the first unread byte is.
        offset: usize,
        /// How many bytes were left unread.
        remaining: usize,
    },
    /// The value nests deeper than the reader's limit
    /// (see [`Reader::with_max_depth`](crate::Reader::with_max_depth)).
    TooDeep {
        /// Where the level that went over the limit begins.
        offset: usize,
        /// The limit in force.
        limit: u32,
    },
    /// A TL string is not valid UTF-8.
    InvalidUtf8 {
        /// Position of the first byte that is not valid UTF-8.
        offset: usize,
    },
    /// A rule particular to one type was broken (used by generated code).
    Custom {
        /// Where the problem was found.
        offset: usize,
        /// A fixed description of the problem.
        message: &'static str,
    },
}

impl Error {
    /// Byte position in the input where the error was found.
    #[inline]
    pub fn offset(&self) -> usize {
        match *self {
            Error::UnexpectedEof { offset, .. }
            | Error::UnknownConstructor { offset, .. }
            | Error::InvalidLength { offset, .. }
            | Error::TrailingBytes { offset, .. }
            | Error::TooDeep { offset, .. }
            | Error::InvalidUtf8 { offset }
            | Error::Custom { offset, .. } => offset,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match *self {
            Error::UnexpectedEof { offset, needed, expected } => {
                write!(f, "unexpected end of input at byte {offset}: needed {needed} more bytes for {expected}")
            }
            Error::UnknownConstructor { offset, id, expected } => {
                write!(f, "unknown constructor id 0x{id:08x} at byte {offset}, expected {expected}")
            }
            Error::InvalidLength { offset, len, remaining, what } => {
                write!(f, "invalid length {len} for {what} at byte {offset} ({remaining} bytes remain)")
            }
            Error::TrailingBytes { offset, remaining } => {
                write!(f, "{remaining} trailing bytes at byte {offset} after the end of the value")
            }
            Error::TooDeep { offset, limit } => {
                write!(f, "value nested deeper than the limit of {limit} levels at byte {offset}")
            }
            Error::InvalidUtf8 { offset } => {
                write!(f, "invalid UTF-8 in string at byte {offset}")
            }
            Error::Custom { offset, message } => write!(f, "{message} at byte {offset}"),
        }
    }
}

impl core::error::Error for Error {}
