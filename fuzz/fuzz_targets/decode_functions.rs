//! Decodes arbitrary bytes as a request of layer 230: `functions::Function::from_bytes`, which
//! picks the function by the id in the first 4 bytes.
//!
//! What must hold for any input: the same as `decode_types` (no panic, no allocation above
//! `allocation_bound(input.len())`, and whatever decodes re-encodes to bytes that are no longer
//! than the input and decode back to an equal value and to the same bytes).
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlayer_fuzz_replay::{CountingAlloc, assert_allocation_bound, check_function};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

fuzz_target!(|data: &[u8]| {
    let report = check_function(data);
    assert_allocation_bound(data, &report);
});
