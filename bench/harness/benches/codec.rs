//! Encode and decode throughput, tlayer vs grammers-tl-types 0.11.0, on four realistic values
//! built once (see `tlayer_bench::Values`); plus allocations per decode, counted by a global
//! allocator wrapper.
//!
//! Each value exists for both libraries with byte-identical encodings (checked before timing).
//! Encoding writes into one reused, cleared buffer (both libraries' fastest API); decoding
//! builds an owned value from the bytes (`TlRead::from_bytes` / `Deserializable::from_bytes`).
//!
//! `BENCH_ORDER=theirs-first` runs grammers before tlayer in every group (the script alternates
//! it between runs so that neither side always goes first on a noisy machine).
//! Run: `cargo bench -p tlayer-bench --bench codec` (from bench/); results: BENCHMARKS.md.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicU64, Ordering::Relaxed};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use grammers_tl_types as gt;
use grammers_tl_types::{Deserializable, Serializable};
use tlayer::{TlRead, TlWrite};
use tlayer_bench::{Values, theirs};
use tlayer_schema::layer230 as ours;

/// Counts allocation calls (alloc, alloc_zeroed, realloc) and bytes requested.
struct Counting;

static ALLOCS: AtomicU64 = AtomicU64::new(0);
static BYTES: AtomicU64 = AtomicU64::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc(layout) }
    }
    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(layout.size() as u64, Relaxed);
        unsafe { System.alloc_zeroed(layout) }
    }
    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCS.fetch_add(1, Relaxed);
        BYTES.fetch_add(new_size.saturating_sub(layout.size()) as u64, Relaxed);
        unsafe { System.realloc(ptr, layout, new_size) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// (allocation calls, bytes) made by `f`.
fn count_allocs<T>(f: impl FnOnce() -> T) -> (u64, u64) {
    let (a, b) = (ALLOCS.load(Relaxed), BYTES.load(Relaxed));
    let value = f();
    let counts = (ALLOCS.load(Relaxed) - a, BYTES.load(Relaxed) - b);
    drop(black_box(value));
    counts
}

fn theirs_first() -> bool {
    std::env::var("BENCH_ORDER").is_ok_and(|v| v == "theirs-first")
}

/// One value: checks, counts allocations, then benchmarks encode and decode for both sides.
fn bench_value<O, T>(c: &mut Criterion, name: &str, ours_value: &O)
where
    O: TlWrite + TlRead + PartialEq + std::fmt::Debug,
    T: Deserializable + Serializable,
{
    let (theirs_value, bytes): (T, Vec<u8>) = theirs(ours_value);
    assert_eq!(&O::from_bytes(&bytes).expect("tlayer decodes its own bytes"), ours_value);

    let (ours_allocs, ours_bytes) = count_allocs(|| O::from_bytes(black_box(&bytes)).unwrap());
    let (theirs_allocs, theirs_bytes) = count_allocs(|| T::from_bytes(black_box(&bytes)).unwrap());
    // Read by the script (scripts/bench-vs-grammers.sh).
    println!(
        "ALLOC {name} wire_bytes={} tlayer={ours_allocs} tlayer_bytes={ours_bytes} grammers={theirs_allocs} grammers_bytes={theirs_bytes}",
        bytes.len()
    );

    let order: [&str; 2] = if theirs_first() { ["grammers", "tlayer"] } else { ["tlayer", "grammers"] };

    let mut group = c.benchmark_group(format!("encode_{name}"));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    let mut buf = Vec::with_capacity(bytes.len() * 2);
    for side in order {
        if side == "tlayer" {
            group.bench_function("tlayer", |b| {
                b.iter(|| {
                    buf.clear();
                    black_box(ours_value).write_boxed(&mut buf);
                    black_box(buf.len())
                })
            });
        } else {
            group.bench_function("grammers", |b| {
                b.iter(|| {
                    buf.clear();
                    black_box(&theirs_value).serialize(&mut buf);
                    black_box(buf.len())
                })
            });
        }
    }
    group.finish();

    let mut group = c.benchmark_group(format!("decode_{name}"));
    group.throughput(Throughput::Bytes(bytes.len() as u64));
    for side in order {
        if side == "tlayer" {
            group.bench_function("tlayer", |b| b.iter(|| O::from_bytes(black_box(&bytes)).unwrap()));
        } else {
            group.bench_function("grammers", |b| b.iter(|| T::from_bytes(black_box(&bytes)).unwrap()));
        }
    }
    group.finish();
}

fn codec(c: &mut Criterion) {
    let v = Values::build();
    bench_value::<ours::enums::messages::Messages, gt::enums::messages::Messages>(c, "messages", &v.messages);
    bench_value::<ours::enums::updates::Difference, gt::enums::updates::Difference>(c, "difference", &v.difference);
    bench_value::<ours::enums::Config, gt::enums::Config>(c, "config", &v.config);
    bench_value::<Vec<ours::enums::User>, Vec<gt::enums::User>>(c, "users", &v.users);
}

criterion_group!(benches, codec);
criterion_main!(benches);
