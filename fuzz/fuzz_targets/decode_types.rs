//! Decodes arbitrary bytes as a boxed type (generated enum) of layer 230.
//!
//! The input is raw TL: its first 4 bytes are a constructor id, and the input is decoded as the
//! enum that owns that id (an unknown id: as one enum picked by it, which must reject it). Since
//! constructor ids are unique, this is what decoding as every enum in turn would do, at the cost
//! of one decode instead of ~1,000; and seeds are plain valid encodings, with no selector bytes
//! for the fuzzer to keep in sync. See `fuzz/replay/src/lib.rs` for the table.
//!
//! What must hold for any input:
//! - nothing panics, overflows the stack or loops;
//! - no single allocation made while decoding exceeds `allocation_bound(input.len())`
//!   (`ceil(len * E / 4) + K`, from the runtime's resource rules);
//! - when the input decodes to `x`: `encode(x)` is no longer than the input, decodes to a value
//!   equal to `x` (unless `x` holds a NaN), and re-encodes to itself. Byte equality with the
//!   input is not required: padding bytes and the `0xfe` form of short strings are accepted on
//!   read and written canonically (flag bits no field uses are refused).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlayer_fuzz_replay::{CountingAlloc, assert_allocation_bound, check_type};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fuzz_target!(|data: &[u8]| {
    let report = check_type(data);
    assert_allocation_bound(data, &report);
});
