//! Fuzz harness for the decoders of layer 230 (`tlayer_schema::layer230`), shared by the
//! cargo-fuzz targets `decode_types` and `decode_functions` (`fuzz/`) and by this crate's replay
//! test (`tests/smoke.rs`: mutated valid inputs, and a saved corpus with `TLAYER_FUZZ_CORPUS`),
//! which runs in `cargo test --workspace`.
//!
//! # What is checked
//!
//! [`check`] decodes the input with `TlRead::from_bytes`. An error is a fine answer. When the
//! input decodes to a value `x`:
//!
//! 1. re-encoding gives bytes `c = encode(x)` that are no longer than the input;
//! 2. `c` decodes, to a value equal to `x` (skipped when `x != x`, that is when `x` holds a
//!    NaN `double`), and re-encoding that value gives `c` again.
//!
//! Byte equality of `c` and the input is *not* required: TL decoding accepts some inputs that
//! are not the canonical encoding of what they decode to, and re-encoding writes the canonical
//! form. The runtime documents two such cases:
//!
//! * padding bytes after a `string`/`bytes` payload are skipped without being checked, and are
//!   written as zeros;
//! * a `0xfe` long-form length prefix is accepted for a payload shorter than 254 bytes, which is
//!   written with the 1-byte short form (3 bytes shorter);
//!
//! (Flag bits that no field of the constructor uses are refused: `Reader::read_flags`.)
//!
//! Neither makes `c` longer than the input, hence check 1. Check 2 is the round trip that
//! must hold for every value: decode(encode(x)) == x and the canonical form is a fixed point.
//!
//! # Dispatch
//!
//! Constructor ids are unique across the schema, so at most one boxed type can decode a given
//! input past its first 4 bytes. [`check_type`] therefore decodes the input as the enum that owns
//! the constructor id in the first 4 bytes (found in [`CONSTRUCTOR_IDS`]); an input starting with
//! an unknown id is decoded as one enum picked by that id, which must reject it. This is what
//! decoding the input "as every enum in turn" would do, without the cost of ~1,000 decodes that
//! stop at the id.

// Only `alloc_count` (a `GlobalAlloc` wrapper) needs `unsafe`; it allows it for itself.
#![deny(unsafe_code)]

pub mod alloc_count;

pub use alloc_count::{AllocStats, CountingAlloc};

use tlayer::{TlRead, TlWrite};
use tlayer_schema::layer230::functions;

mod generated {
    #![allow(clippy::all)]
    use crate::EnumInfo;
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

pub use generated::{CONSTRUCTOR_IDS, ENUMS, FUNCTION_IDS, ITEM_SIZES, VEC_ELEMENTS};

/// A generated enum of layer 230 (a TL boxed type).
#[derive(Clone, Copy, Debug)]
pub struct EnumInfo {
    /// The TL name (`messages.Messages`).
    pub tl_name: &'static str,
    /// The Rust path under `tlayer_schema::layer230` (`enums::messages::Messages`).
    pub rust_path: &'static str,
    /// `size_of` of the enum.
    pub size: usize,
    /// [`check`] for this enum.
    pub check: fn(&[u8]) -> Report,
}

/// What [`check`] found (it panics when an invariant fails).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// The input was rejected with this error.
    Rejected(tlayer::Error),
    /// The input decoded, and the round trip holds.
    Decoded {
        /// Length of the re-encoded (canonical) bytes.
        canonical_len: usize,
        /// Whether the re-encoded bytes are the input itself.
        same_bytes: bool,
    },
}

impl Outcome {
    /// Whether the input decoded.
    pub fn is_decoded(&self) -> bool {
        matches!(self, Outcome::Decoded { .. })
    }
}

/// The outcome of [`check`] and what decoding the input allocated (only the first decode, not
/// the re-encoding and the second decode; zeros unless [`CountingAlloc`] is installed).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Report {
    /// Rejected, or decoded with a good round trip.
    pub outcome: Outcome,
    /// Allocations of `from_bytes(input)`.
    pub allocs: AllocStats,
}

/// Lower-case hex of at most the first 256 bytes of `bytes`, for failure messages.
pub fn hex(bytes: &[u8]) -> String {
    tlayer_test_support::hex_cut(bytes, 256)
}

/// Decodes `input` as `T` and checks the round trip of whatever decodes (see the crate docs).
///
/// # Panics
/// When an invariant fails: that is a bug in the generated code or the runtime.
pub fn check<T: TlRead + TlWrite + PartialEq>(input: &[u8]) -> Report {
    let (decoded, allocs) = alloc_count::measure(|| T::from_bytes(input));
    let value = match decoded {
        Ok(value) => value,
        Err(e) => return Report { outcome: Outcome::Rejected(e), allocs },
    };
    let canonical = value.to_bytes();
    assert!(
        canonical.len() <= input.len(),
        "{}: re-encoding gave {} bytes, more than the {} of the input {}",
        core::any::type_name::<T>(),
        canonical.len(),
        input.len(),
        hex(input)
    );
    let again = T::from_bytes(&canonical).unwrap_or_else(|e| {
        panic!(
            "{}: the re-encoded bytes do not decode: {e}\ninput:      {}\nre-encoded: {}",
            core::any::type_name::<T>(),
            hex(input),
            hex(&canonical)
        )
    });
    // `value != value` only when a NaN double is inside; the bytes are still compared below.
    #[allow(clippy::eq_op)]
    let comparable = value == value;
    if comparable {
        assert!(
            again == value,
            "{}: decoding the re-encoded bytes gave another value\ninput:      {}\nre-encoded: {}",
            core::any::type_name::<T>(),
            hex(input),
            hex(&canonical)
        );
    }
    let twice = again.to_bytes();
    assert!(
        twice == canonical,
        "{}: re-encoding is not stable\ninput:      {}\nre-encoded: {}\nagain:      {}",
        core::any::type_name::<T>(),
        hex(input),
        hex(&canonical),
        hex(&twice)
    );
    Report { outcome: Outcome::Decoded { canonical_len: canonical.len(), same_bytes: canonical == input }, allocs }
}

/// The little-endian `u32` at the start of `input`, if it has 4 bytes.
pub use tlayer_test_support::leading_id;

/// The enums that have a constructor with id `id` (normally one; none for an unknown id).
pub fn enums_for_id(id: u32) -> impl Iterator<Item = &'static EnumInfo> {
    let start = CONSTRUCTOR_IDS.partition_point(|&(i, _)| i < id);
    CONSTRUCTOR_IDS[start..].iter().take_while(move |&&(i, _)| i == id).map(|&(_, e)| &ENUMS[usize::from(e)])
}

/// The enum [`check_type`] decodes `input` as: the owner of its leading constructor id, or for
/// an unknown id (or fewer than 4 bytes) one enum picked by the id (or the length).
pub fn enum_for_input(input: &[u8]) -> &'static EnumInfo {
    match leading_id(input) {
        Some(id) => enums_for_id(id).next().unwrap_or(&ENUMS[id as usize % ENUMS.len()]),
        None => &ENUMS[input.len()],
    }
}

/// Decodes `input` as the enum that owns its leading constructor id (every such enum, should
/// several share the id), or as [`enum_for_input`] when none does; returns the last outcome.
///
/// # Panics
/// When an invariant of [`check`] fails.
pub fn check_type(input: &[u8]) -> Report {
    let mut last = None;
    if let Some(id) = leading_id(input) {
        for e in enums_for_id(id) {
            last = Some((e.check)(input));
        }
    }
    last.unwrap_or_else(|| (enum_for_input(input).check)(input))
}

/// Decodes `input` as `functions::Function` (any request of layer 230) and checks the round trip.
///
/// # Panics
/// When an invariant of [`check`] fails.
pub fn check_function(input: &[u8]) -> Report {
    check::<functions::Function>(input)
}

/// The largest `size_of` of an element type of any generated `Vec` (`E`).
pub const MAX_VEC_ELEMENT_SIZE: usize = max_size(&VEC_ELEMENTS);

/// The largest `size_of` of any generated struct or enum: the most a single `Box` holds (`K`).
pub const MAX_ITEM_SIZE: usize = max_size(&ITEM_SIZES);

const fn max_size(items: &[(&str, usize)]) -> usize {
    let mut max = 0;
    let mut i = 0;
    while i < items.len() {
        if items[i].1 > max {
            max = items[i].1;
        }
        i += 1;
    }
    max
}

/// The most one allocation made while decoding `input_len` bytes may request, by the runtime's
/// resource rules (`tl-runtime/src/lib.rs`, "Untrusted input"):
///
/// * a vector of `n` elements reserves at most `remaining / 4 <= input_len / 4` elements up
///   front, and since every element it can actually decode takes at least 4 bytes (a boxed
///   element its constructor id, a bare one its first `int`), it never grows past that: at
///   most `input_len / 4 * E` bytes, `E` = [`MAX_VEC_ELEMENT_SIZE`];
/// * a `string`/`bytes` (and `Object`'s raw bytes) is at most `input_len` bytes (`E >= 24 >= 4`);
/// * a `Box` holds one generated struct or enum: at most `K` = [`MAX_ITEM_SIZE`] bytes.
///
/// So the bound is `ceil(input_len * E / 4) + K`.
pub fn allocation_bound(input_len: usize) -> usize {
    input_len.saturating_mul(MAX_VEC_ELEMENT_SIZE).div_ceil(4).saturating_add(MAX_ITEM_SIZE)
}

/// Panics unless what decoding `input` allocated is within [`allocation_bound`].
pub fn assert_allocation_bound(input: &[u8], report: &Report) {
    let bound = allocation_bound(input.len());
    assert!(
        report.allocs.largest <= bound,
        "decoding {} bytes allocated {} bytes at once, more than the bound of {bound} ({:?}); input {}",
        input.len(),
        report.allocs.largest,
        report.outcome,
        hex(input)
    );
}
