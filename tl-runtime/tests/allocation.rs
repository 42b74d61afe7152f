//! Hostile lengths and counts must not cause large allocations.
//!
//! A counting global allocator records the largest single request. This file
//! holds one test so no other test allocates concurrently.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use tlayer::{Reader, TlRead, VECTOR_ID, read_vec_bare_elems};

struct Counting;

static LARGEST: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call is forwarded unchanged to the system allocator; the
// wrapper only records the requested size.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LARGEST.fetch_max(layout.size(), Ordering::Relaxed);
        // SAFETY: same layout contract as our caller's.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: `ptr` came from `System.alloc` with this layout.
        unsafe { System.dealloc(ptr, layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        LARGEST.fetch_max(new_size, Ordering::Relaxed);
        // SAFETY: forwarded from our caller, who upholds the contract.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Largest single allocation made while running `f`.
fn largest_alloc(f: impl FnOnce()) -> usize {
    LARGEST.store(0, Ordering::Relaxed);
    f();
    LARGEST.load(Ordering::Relaxed)
}

#[test]
fn hostile_lengths_do_not_allocate_much() {
    // String claiming 2^24 - 1 bytes, 8 bytes present.
    let s = [0xfe, 0xff, 0xff, 0xff, 1, 2, 3, 4, 5, 6, 7, 8];
    let big = largest_alloc(|| {
        assert!(String::from_bytes(&s).is_err());
        assert!(Vec::<u8>::from_bytes(&s).is_err());
    });
    assert!(big < 1024, "largest allocation {big}");

    // Vector claiming 0x7fffffff strings, with 4 bytes present.
    let mut v = VECTOR_ID.to_le_bytes().to_vec();
    v.extend_from_slice(&[0xff, 0xff, 0xff, 0x7f, 0, 0, 0, 0]);
    let big = largest_alloc(|| {
        assert!(Vec::<String>::from_bytes(&v).is_err());
        assert!(Vec::<Vec<i64>>::from_bytes(&v).is_err());
        assert!(read_vec_bare_elems::<[u8; 32]>(&mut Reader::new(&v[4..]), false).is_err());
    });
    assert!(big < 1024, "largest allocation {big}");

    // Count equal to the remaining bytes (passes the count rule) but the data
    // is only zeros.
    let n = 4096usize;
    let mut v = (n as i32).to_le_bytes().to_vec();
    v.resize(4 + n, 0);
    let big = largest_alloc(|| {
        // Each element reads as an empty string (00 00 00 00): n/4 of them fit,
        // then the input ends.
        assert!(read_vec_bare_elems::<String>(&mut Reader::new(&v), false).is_err());
    });
    // The vector starts at MAX_PREALLOC_BYTES and doubles as strings decode: its
    // largest buffer holds the n / 4 decoded Strings, and at most twice that.
    let decoded = n / 4 * std::mem::size_of::<String>();
    assert!(big >= decoded, "largest allocation {big}");
    assert!(big <= 2 * decoded, "largest allocation {big}");
    // Nothing decodes: only the capped reservation is made, whatever the count says.
    let mut v = (n as i32).to_le_bytes().to_vec();
    v.resize(4 + n, 0xff);
    let big = largest_alloc(|| {
        assert!(read_vec_bare_elems::<String>(&mut Reader::new(&v), false).is_err());
    });
    assert!(big <= tlayer::MAX_PREALLOC_BYTES, "largest allocation {big}");
}
