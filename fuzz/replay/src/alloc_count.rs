//! A counting global allocator: what one closure allocates on the current thread.
//!
//! A binary opts in with
//!
//! ```ignore
//! #[global_allocator]
//! static ALLOC: tlayer_fuzz_replay::CountingAlloc = tlayer_fuzz_replay::CountingAlloc;
//! ```
//!
//! after which [`measure`] reports the allocations its closure made on the calling thread (other
//! threads, such as the other tests of a test binary, are not counted). Without the allocator
//! installed, [`measure`] reports zeros.
//!
//! The counters are `const`-initialised thread-locals of `Cell<usize>` (no destructor), so
//! reading them from inside the allocator never allocates and never fails.
#![allow(unsafe_code)]

use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

/// Allocations made during one [`measure`] call.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct AllocStats {
    /// Number of allocations (a `realloc` counts as one).
    pub count: usize,
    /// The largest single request in bytes (for a `realloc`, the new size).
    pub largest: usize,
    /// Bytes requested in total (for a `realloc`, the growth only).
    pub total: usize,
    /// The most bytes allocated during the call and not yet freed at one time.
    pub peak_live: usize,
}

thread_local! {
    static ACTIVE: Cell<bool> = const { Cell::new(false) };
    static COUNT: Cell<usize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
    static TOTAL: Cell<usize> = const { Cell::new(0) };
    /// Bytes allocated minus bytes freed since `measure` started; may go below zero when memory
    /// allocated before is freed, so it is kept as a wrapping offset from `BASE`.
    static LIVE: Cell<usize> = const { Cell::new(0) };
    static PEAK: Cell<usize> = const { Cell::new(0) };
}

/// Wraps [`System`] and counts, on the current thread, while [`measure`] runs.
#[derive(Clone, Copy, Debug, Default)]
pub struct CountingAlloc;

const BASE: usize = usize::MAX / 2;

fn active() -> bool {
    ACTIVE.try_with(Cell::get).unwrap_or(false)
}

/// Records a request of `size` bytes that makes the live total grow by `growth` bytes.
fn on_alloc(size: usize, growth: usize) {
    if !active() {
        return;
    }
    let _ = COUNT.try_with(|c| c.set(c.get() + 1));
    let _ = LARGEST.try_with(|c| c.set(c.get().max(size)));
    let _ = TOTAL.try_with(|c| c.set(c.get().saturating_add(growth)));
    let _ = LIVE.try_with(|live| {
        let now = live.get().wrapping_add(growth);
        live.set(now);
        let _ = PEAK.try_with(|p| p.set(p.get().max(now)));
    });
}

fn on_free(size: usize) {
    if active() {
        let _ = LIVE.try_with(|live| live.set(live.get().wrapping_sub(size)));
    }
}

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the counting
// only touches thread-locals that need no allocation.
unsafe impl GlobalAlloc for CountingAlloc {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size(), layout.size());
        // SAFETY: forwarded as is; the caller upholds `GlobalAlloc::alloc`'s contract.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        on_alloc(layout.size(), layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        on_free(layout.size());
        // SAFETY: as for `alloc`.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        if new_size >= layout.size() {
            on_alloc(new_size, new_size - layout.size());
        } else {
            on_free(layout.size() - new_size);
        }
        // SAFETY: as for `alloc`.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

/// Runs `f` and returns what it allocated on this thread (zeros unless [`CountingAlloc`] is
/// the global allocator). Calls do not nest: an inner call resets the counters.
pub fn measure<R>(f: impl FnOnce() -> R) -> (R, AllocStats) {
    COUNT.set(0);
    LARGEST.set(0);
    TOTAL.set(0);
    LIVE.set(BASE);
    PEAK.set(BASE);
    ACTIVE.set(true);
    let out = f();
    ACTIVE.set(false);
    let stats =
        AllocStats { count: COUNT.get(), largest: LARGEST.get(), total: TOTAL.get(), peak_live: PEAK.get() - BASE };
    (out, stats)
}
