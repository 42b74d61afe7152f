//! Runtime for Rust code generated from TL schemas by tlayer.
//!
//! Generated code depends only on this crate. It provides the TL (Type
//! Language, as used by MTProto) wire primitives, the [`Reader`] cursor, the
//! [`Error`] type and the traits that generated types implement:
//! [`TlWrite`], [`TlRead`] (owned decoding), [`TlReadRef`] (decoding that
//! borrows strings and bytes from the input), [`Identifiable`] and
//! [`RemoteCall`].
//!
//! # Boxed and bare
//!
//! A *boxed* value starts with the 4-byte little-endian constructor id of
//! its constructor, so a reader can tell which constructor of a type
//! follows. A *bare* value is the fields alone: the type (and so the single
//! constructor) is known from context. Primitives have no constructor id,
//! so for them boxed and bare are the same bytes, except:
//!
//! * `Vec<T>` (TL `Vector t`): boxed is [`VECTOR_ID`] then the bare form;
//! * `bool` (TL `Bool`): has no fields, so both forms are its constructor id.
//!
//! [`TlRead::from_bytes`] and [`TlWrite::to_bytes`] use the boxed form.
//!
//! # Wire rules
//!
//! All integers are little-endian, and every value is a multiple of 4 bytes.
//!
//! | Rust | TL | bytes |
//! |---|---|---|
//! | `i32` | `int` | 4 |
//! | `i64` | `long` | 8 |
//! | `f64` | `double` | 8: the IEEE-754 bits as a `long` |
//! | `[u8; 16]` | `int128` | 16, raw |
//! | `[u8; 32]` | `int256` | 32, raw |
//! | `bool` | `Bool` | 4: [`BOOL_TRUE_ID`] or [`BOOL_FALSE_ID`]; any other id is an error |
//! | `String`, `&str` | `string` | see below; must be UTF-8 |
//! | `Vec<u8>`, `&[u8]` | `bytes` | see below |
//! | `Vec<T>` | `Vector t` | `int` count then each element boxed; boxed form prefixed by [`VECTOR_ID`] |
//! | `Box<T>` | `T` | same as `T` |
//!
//! `bytes` and `string`: a payload of fewer than 254 bytes is written as one
//! length byte, the payload, and zero padding so that `1 + len + pad` is a
//! multiple of 4. A longer payload is written as `0xfe`, the length as 3
//! little-endian bytes, the payload, and zero padding so that `4 + len +
//! pad` is a multiple of 4; the maximum is [`MAX_BYTES_LEN`] (`2^24 - 1`)
//! bytes. Writing a longer payload panics (TL cannot represent it; it is a
//! bug in the caller, never caused by decoded input). On read, a first byte
//! of `0xff` is an error, padding bytes are skipped without being checked,
//! and a `0xfe` prefix with a length below 254 is accepted.
//!
//! Vectors whose elements are written bare (TL `vector<%T>`, or a vector of
//! a bare type) use [`write_vec_bare_elems`] and [`read_vec_bare_elems`]; vectors of such
//! vectors (`vector<vector<%T>>`) give each level its own writer with [`write_vec_with`] and
//! [`read_vec_with`].
//!
//! # Untrusted input
//!
//! Decoding never panics, never allocates more than a small multiple of the
//! input size, and never recurses without bound; malformed input gives an
//! [`Error`] that says where (`offset`) and what was expected.
//!
//! * **Lengths** of strings and bytes are checked against the remaining
//!   input before anything is allocated or copied.
//! * **Vector counts** must not exceed the number of bytes left after the
//!   count (every element of a real TL vector takes at least one byte, and
//!   boxed elements at least four); a larger or negative count is
//!   [`Error::InvalidLength`]. The initial capacity is at most `remaining /
//!   4` elements and at most [`MAX_PREALLOC_BYTES`] bytes of them (so vectors
//!   nested 64 deep reserve at most 256 KiB before anything decodes), and
//!   grows only as elements are actually decoded.
//! * **Depth**: each `Box<T>` and each vector read enters one nesting level,
//!   as does every [`Reader::nested`] / [`Reader::enter`] call made by
//!   generated code. Going past [`Reader::DEFAULT_MAX_DEPTH`] (64) levels is
//!   [`Error::TooDeep`]; change the limit with [`Reader::with_max_depth`].
//!   Every recursive Rust type contains a `Box` or a `Vec`, so hostile
//!   nesting cannot overflow the stack.
//! * **Strings** must be valid UTF-8 ([`Error::InvalidUtf8`] gives the offset
//!   of the first bad byte) unless the reader was built with
//!   [`Reader::lossy_strings`]`(true)`, which replaces bad sequences with
//!   U+FFFD in owned strings.
//! * **Trailing bytes** after a complete value are rejected by
//!   [`TlRead::from_bytes`] ([`Error::TrailingBytes`]).
//! * **Unknown constructor ids** are reported with the id (as `0x%08x`) and
//!   the offset where the id starts ([`Reader::unknown_id`]).
//!
//! # `Object`, MTProto messages and answers
//!
//! A field of TL type `Object` is a [`RawObject`], the value's boxed bytes, decoded with the
//! type the context tells ([`RawObject::decode`], [`RawObject::decode_either`]); the answer to
//! a call is decoded with [`RawObject::answer`], which takes off `gzip_packed` (feature `gzip`,
//! inflating to at most [`DEFAULT_MAX_INFLATED`] bytes) and returns `rpc_error` as a typed error.
//! MTProto's `bytes:int body:Object` is read and written with [`read_sized`] and
//! [`write_sized`]. See `docs/mtproto.md`.
//!
//! # Serving
//!
//! Server-side generated code has a `service` module: `peel` takes the request wrappers off,
//! a `Service` trait has a method per function returning `Result<Return, RpcError>`, and
//! `serve` answers request bytes with the bytes [`answer_bytes`] or [`answer_with`] make: the
//! result, or MTProto's `rpc_error` ([`RpcError`]).
//!
//! # Example
//!
//! ```
//! use tlayer::{TlRead, TlWrite};
//!
//! let bytes = vec![1i32, 2].to_bytes();
//! assert_eq!(bytes, [0x15, 0xc4, 0xb5, 0x1c, 2, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0]);
//! assert_eq!(Vec::<i32>::from_bytes(&bytes).unwrap(), [1, 2]);
//! ```
#![no_std]
#![deny(missing_docs)]
#![forbid(unsafe_code)]

extern crate alloc;
#[cfg(feature = "gzip")]
extern crate std;

mod error;
#[cfg(feature = "gzip")]
pub mod gzip;
mod impls;
mod layer;
mod object;
mod reader;
mod service;
mod traits;

pub use error::{Error, Result};
pub use impls::{
    BOOL_FALSE_ID, BOOL_TRUE_ID, MAX_BYTES_LEN, MAX_PREALLOC_BYTES, RawObject, VECTOR_ID, read_vec_bare_elems,
    read_vec_bare_elems_ref, read_vec_with, write_vec_bare_elems, write_vec_with,
};
pub use layer::{LayerError, WriteForLayer, write_vec_for_layer};
pub use object::{DEFAULT_MAX_INFLATED, Either, GZIP_PACKED_ID, read_sized, write_sized};
pub use reader::Reader;
pub use service::{RpcError, answer_bytes, answer_with};
pub use traits::{Identifiable, RemoteCall, TlRead, TlReadRef, TlWrite};
