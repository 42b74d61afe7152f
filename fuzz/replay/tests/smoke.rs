//! Fuzz smoke test for CI: 100,000 deterministic inputs (mutated valid encodings, valid ids with
//! random fields, plain random bytes) decoded with the generated layer 230 code, in a debug build.
//!
//! Each input is decoded as the enum that owns its leading constructor id, as
//! `functions::Function`, and as other enums: the first 1,000 inputs as every enum of layer 230,
//! the others as 8 enums chosen in rotation (so every enum also decodes about 1,200 inputs that
//! are not its own). For every decode:
//!
//! * nothing panics (decoding runs on a thread with the default 2 MiB stack);
//! * whatever decodes passes the round trip of `tlayer_fuzz_replay::check`;
//! * the largest single allocation made while decoding is at most
//!   `tlayer_fuzz_replay::allocation_bound(len) = ceil(len * E / 4) + K`, with `E` the largest
//!   `size_of` of an element type of a generated `Vec` and `K` the largest `size_of` of a
//!   generated struct or enum (see `allocation_bound` for why); this binary counts allocations
//!   with `tlayer_fuzz_replay::CountingAlloc`.
//!
//! The run prints a summary (inputs, decodes, outcomes, the worst allocation ratios and time).

use std::collections::BTreeMap;
use std::time::Instant;
use tlayer_fuzz_replay::{
    self as harness, CountingAlloc, ENUMS, MAX_ITEM_SIZE, MAX_VEC_ELEMENT_SIZE, Outcome, Report, allocation_bound,
};
use tlayer_parser::Section;
use tlayer_wire_tests::{Config, Encoder, Rng, load_schema};

#[global_allocator]
static ALLOC: CountingAlloc = CountingAlloc;

/// Fixed seed: every run decodes the same inputs.
const SEED: u64 = 0x0230_f022_5eed_0001;
/// Inputs in the main run (`TLAYER_SMOKE_INPUTS` overrides it, for longer local runs).
const INPUTS: usize = 100_000;

fn inputs() -> usize {
    std::env::var("TLAYER_SMOKE_INPUTS").ok().and_then(|n| n.parse().ok()).unwrap_or(INPUTS)
}
/// Enums other than the owner that decode each input.
const OTHER_ENUMS: usize = 8;
/// The first this many inputs are decoded as every enum.
const EVERY_ENUM_INPUTS: usize = 1_000;
/// Inputs are cut to this length, to keep the debug-build run short.
const MAX_INPUT: usize = 4096;

const VECTOR_ID: u32 = 0x1cb5_c415;
const BOOL_TRUE_ID: u32 = 0x9972_75b5;
const BOOL_FALSE_ID: u32 = 0xbc79_9737;

/// Valid encodings to mutate and the ids to draw from.
struct Seeds {
    constructors: Vec<Vec<u8>>,
    functions: Vec<Vec<u8>>,
    constructor_ids: Vec<u32>,
    function_ids: Vec<u32>,
}

/// One encoding of every constructor and function of layer 230, from the random encoder with
/// small values (so that mutating and decoding them is quick in a debug build).
fn seeds() -> Seeds {
    let schema = load_schema("layer230.tl");
    let config = Config { shallow_depth: 3, budget: 768, max_vector: 3, long_strings: true };
    let enc = Encoder::with_config(&schema, config);
    let mut rng = Rng::new(SEED);
    let mut seeds = Seeds { constructors: vec![], functions: vec![], constructor_ids: vec![], function_ids: vec![] };
    for (i, def) in schema.definitions.iter().enumerate() {
        if def.builtin {
            continue;
        }
        let bytes = enc.encode(i, &mut rng);
        match def.section {
            Section::Types => {
                seeds.constructor_ids.push(def.wire_id());
                seeds.constructors.push(bytes);
            }
            Section::Functions => {
                seeds.function_ids.push(def.wire_id());
                seeds.functions.push(bytes);
            }
        }
    }
    seeds
}

/// What the run saw.
#[derive(Default)]
struct Tally {
    inputs: usize,
    input_bytes: usize,
    decodes: usize,
    decoded: usize,
    decoded_other_bytes: usize,
    errors: BTreeMap<&'static str, usize>,
    /// Largest `largest / len`: (ratio, len, largest, what).
    worst_ratio: (f64, usize, usize, String),
    /// Largest `largest / len` among inputs of 256 bytes or more.
    worst_ratio_long: (f64, usize, usize, String),
    /// Largest `largest / allocation_bound(len)`.
    worst_of_bound: f64,
    /// Largest `total / len` and `peak_live / len`.
    worst_total_ratio: f64,
    worst_peak_ratio: f64,
    largest_allocation: usize,
}

fn error_kind(e: &tlayer::Error) -> &'static str {
    match e {
        tlayer::Error::UnexpectedEof { .. } => "UnexpectedEof",
        tlayer::Error::UnknownConstructor { .. } => "UnknownConstructor",
        tlayer::Error::InvalidLength { .. } => "InvalidLength",
        tlayer::Error::TrailingBytes { .. } => "TrailingBytes",
        tlayer::Error::TooDeep { .. } => "TooDeep",
        tlayer::Error::InvalidUtf8 { .. } => "InvalidUtf8",
        tlayer::Error::Custom { .. } => "Custom",
        _ => "other",
    }
}

impl Tally {
    fn record(&mut self, input: &[u8], what: &str, report: &Report) {
        harness::assert_allocation_bound(input, report);
        self.decodes += 1;
        match &report.outcome {
            Outcome::Rejected(e) => *self.errors.entry(error_kind(e)).or_default() += 1,
            Outcome::Decoded { same_bytes, .. } => {
                self.decoded += 1;
                if !same_bytes {
                    self.decoded_other_bytes += 1;
                }
            }
        }
        let a = report.allocs;
        self.largest_allocation = self.largest_allocation.max(a.largest);
        let len = input.len().max(1) as f64;
        let ratio = a.largest as f64 / len;
        if ratio > self.worst_ratio.0 {
            self.worst_ratio = (ratio, input.len(), a.largest, what.to_string());
        }
        if input.len() >= 256 && ratio > self.worst_ratio_long.0 {
            self.worst_ratio_long = (ratio, input.len(), a.largest, what.to_string());
        }
        self.worst_of_bound = self.worst_of_bound.max(a.largest as f64 / allocation_bound(input.len()) as f64);
        self.worst_total_ratio = self.worst_total_ratio.max(a.total as f64 / len);
        self.worst_peak_ratio = self.worst_peak_ratio.max(a.peak_live as f64 / len);
    }
}

/// A 4-byte value that decoders treat specially at `at` in `bytes`: counts and lengths around
/// what remains, extremes, and ids.
fn interesting_word(rng: &mut Rng, seeds: &Seeds, bytes: &[u8], at: usize) -> u32 {
    let remaining = bytes.len().saturating_sub(at + 4) as u32;
    match rng.below(14) {
        0 => 0,
        1 => 1,
        2 => rng.below(8) as u32,
        3 => u32::MAX,
        4 => i32::MAX as u32,
        5 => i32::MIN as u32,
        6 => remaining,
        7 => remaining / 4,
        8 => remaining.wrapping_add(1),
        9 => VECTOR_ID,
        10 => *rng.pick(&[BOOL_TRUE_ID, BOOL_FALSE_ID]),
        11 => *rng.pick(&seeds.constructor_ids),
        12 => *rng.pick(&seeds.function_ids),
        // A long-form string header: 0xfe and a 3-byte length near what remains.
        _ => 0xfe | (remaining.saturating_sub(rng.below(8) as u32) & 0xff_ffff) << 8,
    }
}

/// Applies 1 to 4 random mutations to `bytes`.
fn mutate(rng: &mut Rng, seeds: &Seeds, bytes: &mut Vec<u8>) {
    for _ in 0..rng.range(1, 4) {
        let len = bytes.len();
        match rng.below(10) {
            // Flip a bit.
            0 if len > 0 => {
                let i = rng.below(len as u64) as usize;
                bytes[i] ^= 1 << rng.below(8);
            }
            // Set a byte.
            1 if len > 0 => {
                let i = rng.below(len as u64) as usize;
                let random = rng.next_u32() as u8;
                bytes[i] = *rng.pick(&[0, 1, 0x7f, 0x80, 0xfd, 0xfe, 0xff, random]);
            }
            // Set an aligned word to an interesting value.
            2 | 3 if len >= 4 => {
                let at = rng.below(len as u64 / 4) as usize * 4;
                let word = interesting_word(rng, seeds, bytes, at);
                bytes[at..at + 4].copy_from_slice(&word.to_le_bytes());
            }
            // Make the count after a vector id as large as the rules allow, or larger.
            4 => {
                let vectors: Vec<usize> =
                    (0..len.saturating_sub(7)).filter(|&i| bytes[i..i + 4] == VECTOR_ID.to_le_bytes()).collect();
                if let Some(&at) = vectors.get(rng.below(vectors.len().max(1) as u64) as usize) {
                    let remaining = (len - at - 8) as u32;
                    let count = *rng.pick(&[remaining, remaining / 4, remaining + 1, u32::MAX]);
                    bytes[at + 4..at + 8].copy_from_slice(&count.to_le_bytes());
                }
            }
            // Truncate.
            5 => {
                let keep = rng.range(0, len);
                bytes.truncate(keep);
            }
            // Delete a chunk, usually whole words.
            6 if len > 0 => {
                let at = rng.range(0, len - 1);
                let n = if rng.chance(3, 4) { 4 * rng.range(1, 4) } else { rng.range(1, 3) };
                bytes.drain(at..(at + n).min(len));
            }
            // Insert a piece of a seed (or random bytes) at an aligned position.
            7 | 8 => {
                let piece = if rng.chance(3, 4) {
                    let pool = if rng.chance(3, 4) { &seeds.constructors } else { &seeds.functions };
                    let other = rng.pick(pool);
                    let from = rng.range(0, other.len()) / 4 * 4;
                    let to = rng.range(from, other.len().min(from + 64));
                    other[from..to].to_vec()
                } else {
                    let n = rng.range(1, 12);
                    rng.bytes(n)
                };
                let at = rng.range(0, len) / 4 * 4;
                bytes.splice(at..at, piece);
            }
            // Append random bytes.
            _ => {
                let n = rng.range(1, 8);
                bytes.extend(rng.bytes(n));
            }
        }
    }
    bytes.truncate(MAX_INPUT);
}

/// Random words that decoders like: small numbers, ids, string headers and random bits.
fn random_fields(rng: &mut Rng, seeds: &Seeds, out: &mut Vec<u8>, words: usize) {
    for _ in 0..words {
        let word = match rng.below(8) {
            0 | 1 => rng.below(4) as u32,
            2 => *rng.pick(&seeds.constructor_ids),
            3 => VECTOR_ID,
            4 => *rng.pick(&[BOOL_TRUE_ID, BOOL_FALSE_ID]),
            // A short string of 0..=3 ASCII bytes.
            5 => rng.below(4) as u32 | 0x6161_6100,
            _ => rng.next_u32(),
        };
        out.extend_from_slice(&word.to_le_bytes());
    }
    if rng.chance(1, 4) {
        let n = rng.range(1, 3);
        out.extend(rng.bytes(n));
    }
}

/// The `i`-th input of the run.
fn input(rng: &mut Rng, seeds: &Seeds) -> Vec<u8> {
    match rng.below(10) {
        // Mutated valid encodings.
        0..=5 => {
            let pool = if rng.chance(2, 3) { &seeds.constructors } else { &seeds.functions };
            let mut bytes = rng.pick(pool).clone();
            mutate(rng, seeds, &mut bytes);
            bytes
        }
        // A valid id and random fields.
        6..=8 => {
            let id = if rng.chance(2, 3) { *rng.pick(&seeds.constructor_ids) } else { *rng.pick(&seeds.function_ids) };
            let mut bytes = id.to_le_bytes().to_vec();
            let words = rng.range(0, 24);
            random_fields(rng, seeds, &mut bytes, words);
            bytes
        }
        // Random bytes.
        _ => {
            let n = rng.range(0, 40);
            rng.bytes(n)
        }
    }
}

/// Runs `f` on a thread with the default 2 MiB stack of spawned threads, stated explicitly.
fn on_small_stack<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    std::thread::Builder::new().stack_size(2 << 20).spawn(f).expect("spawn").join().expect("decoder thread panicked")
}

#[test]
fn valid_encodings_round_trip_byte_for_byte() {
    // The harness itself: every seed decodes, as the owner of its id or as a function, and
    // re-encodes to the same bytes; the allocation bound holds for them too.
    let seeds = seeds();
    assert_eq!(seeds.constructors.len(), 1703);
    assert_eq!(seeds.functions.len(), 850);
    let mut tally = Tally::default();
    for bytes in &seeds.constructors {
        let report = harness::check_type(bytes);
        assert!(
            report.outcome == Outcome::Decoded { canonical_len: bytes.len(), same_bytes: true }
                // The two constructors of `Bool` decode as Rust `bool`, not as an enum.
                || [BOOL_TRUE_ID, BOOL_FALSE_ID].contains(&harness::leading_id(bytes).unwrap()),
            "{}: {:?}",
            harness::hex(bytes),
            report.outcome
        );
        tally.record(bytes, "seed", &report);
    }
    for bytes in &seeds.functions {
        let report = harness::check_function(bytes);
        assert_eq!(report.outcome, Outcome::Decoded { canonical_len: bytes.len(), same_bytes: true });
        tally.record(bytes, "seed function", &report);
    }
    println!(
        "{} seeds decoded; worst largest/len {:.2} ({} bytes from {}), worst total/len {:.2}",
        tally.decoded, tally.worst_ratio.0, tally.worst_ratio.2, tally.worst_ratio.1, tally.worst_total_ratio
    );
}

#[test]
fn enum_tables_are_complete() {
    assert!(ENUMS.len() > 500, "only {} enums", ENUMS.len());
    assert_eq!(harness::CONSTRUCTOR_IDS.len(), 1701, "every constructor but boolTrue and boolFalse");
    assert_eq!(harness::FUNCTION_IDS.len(), 850);
    let unique: std::collections::BTreeSet<u32> = harness::CONSTRUCTOR_IDS.iter().map(|&(id, _)| id).collect();
    assert_eq!(unique.len(), harness::CONSTRUCTOR_IDS.len(), "constructor ids are not unique");
    let (big_elem, e) = harness::VEC_ELEMENTS.iter().max_by_key(|&&(_, size)| size).unwrap();
    let (big_item, k) = harness::ITEM_SIZES.iter().max_by_key(|&&(_, size)| size).unwrap();
    println!(
        "{} enums; E = {e} ({big_elem}, of {} vector element types); K = {k} ({big_item}, of {} items)",
        ENUMS.len(),
        harness::VEC_ELEMENTS.len(),
        harness::ITEM_SIZES.len()
    );
    assert_eq!((*e, *k), (MAX_VEC_ELEMENT_SIZE, MAX_ITEM_SIZE));
}

#[test]
fn random_and_mutated_inputs() {
    let seeds = seeds();
    let started = Instant::now();
    let tally = on_small_stack(move || {
        let mut rng = Rng::new(SEED ^ 1);
        let mut tally = Tally::default();
        let mut rotation = 0usize;
        for _ in 0..inputs() {
            let bytes = input(&mut rng, &seeds);
            tally.inputs += 1;
            tally.input_bytes += bytes.len();
            let owner = harness::enum_for_input(&bytes);
            tally.record(&bytes, owner.tl_name, &harness::check_type(&bytes));
            tally.record(&bytes, "Function", &harness::check_function(&bytes));
            if tally.inputs <= EVERY_ENUM_INPUTS {
                for e in &ENUMS {
                    tally.record(&bytes, e.tl_name, &(e.check)(&bytes));
                }
            } else {
                for _ in 0..OTHER_ENUMS {
                    let e = &ENUMS[rotation % ENUMS.len()];
                    rotation += 1;
                    tally.record(&bytes, e.tl_name, &(e.check)(&bytes));
                }
            }
        }
        tally
    });
    let elapsed = started.elapsed();
    let (ratio, len, largest, what) = &tally.worst_ratio;
    let (ratio_long, len_long, largest_long, what_long) = &tally.worst_ratio_long;
    println!(
        "{} inputs ({} bytes), {} decodes in {elapsed:.2?}: {} decoded ({} to other bytes than the input), \
         errors {:?}\n\
         E = {}, K = {}: largest allocation {} bytes; worst largest/len {ratio:.2} ({largest} bytes decoding \
         {len} bytes as {what}); inputs of 256+ bytes: {ratio_long:.2} ({largest_long} bytes from {len_long} \
         as {what_long}); worst largest/bound {:.3}; worst total/len {:.2}; worst peak live/len {:.2}",
        tally.inputs,
        tally.input_bytes,
        tally.decodes,
        tally.decoded,
        tally.decoded_other_bytes,
        tally.errors,
        MAX_VEC_ELEMENT_SIZE,
        MAX_ITEM_SIZE,
        tally.largest_allocation,
        tally.worst_of_bound,
        tally.worst_total_ratio,
        tally.worst_peak_ratio,
    );
    // The run must reach the decoders' interesting paths, not stop at the first id.
    assert!(tally.decoded > tally.inputs / 100, "only {} of {} inputs decoded", tally.decoded, tally.inputs);
    for kind in ["UnexpectedEof", "UnknownConstructor", "InvalidLength", "TrailingBytes", "InvalidUtf8"] {
        assert!(tally.errors.get(kind).copied().unwrap_or(0) > 0, "no {kind} error seen");
    }
}

/// `levels` nested vectors, each the only field of constructor `id` (`jsonArray`, `textConcat`,
/// ...) and each claiming as many elements as the bytes left after its count (the most the
/// rules allow), then `padding` zero bytes that keep those counts large.
fn nested_vectors(id: u32, levels: usize, padding: usize) -> Vec<u8> {
    let mut bytes = Vec::new();
    for _ in 0..levels {
        bytes.extend_from_slice(&id.to_le_bytes());
        bytes.extend_from_slice(&VECTOR_ID.to_le_bytes());
        bytes.extend_from_slice(&[0; 4]);
    }
    bytes.resize(bytes.len() + padding, 0);
    for level in 0..levels {
        let at = level * 12 + 8;
        let remaining = (bytes.len() - at - 4) as u32;
        bytes[at..at + 4].copy_from_slice(&remaining.to_le_bytes());
    }
    bytes
}

#[test]
fn nested_vectors_reserve_at_most_one_bound_per_level() {
    // Each vector alone keeps to the rule (at most `remaining / 4` elements reserved), but
    // vectors nested inside the first element of the previous one are all reserved at once:
    // peak live memory is about `levels * remaining / 4 * size_of(element)`. The depth limit
    // (64 levels, one per vector) is what bounds the sum.
    let limit = tlayer::Reader::DEFAULT_MAX_DEPTH as usize;
    for (name, id, tl_name) in [("jsonArray", 0xf744_4763u32, "JSONValue"), ("textConcat", 0x7e62_60d7, "RichText")] {
        let info = ENUMS.iter().find(|e| e.tl_name == tl_name).expect("enum");
        for padding in [1 << 10, 64 << 10] {
            let bytes = nested_vectors(id, limit + 1, padding);
            let report = on_small_stack({
                let bytes = bytes.clone();
                move || harness::check_type(&bytes)
            });
            assert!(matches!(report.outcome, Outcome::Rejected(tlayer::Error::TooDeep { .. })), "{report:?}");
            harness::assert_allocation_bound(&bytes, &report);
            let bound = allocation_bound(bytes.len());
            let peak = report.allocs.peak_live;
            println!(
                "{name} x {} in {} bytes: {} allocations, largest {} (size_of {tl_name} = {}), peak live {peak} \
                 = {:.0} x the input, {:.1} x allocation_bound",
                limit + 1,
                bytes.len(),
                report.allocs.count,
                report.allocs.largest,
                info.size,
                peak as f64 / bytes.len() as f64,
                peak as f64 / bound as f64
            );
            // The sum stays within one bound per level the depth limit allows.
            assert!(peak <= (limit + 1) * bound, "peak live {peak} > {} x {bound}", limit + 1);
        }
    }
}

/// The runtime documents that decoding "never allocates more than a small multiple of the input
/// size", also for the memory reserved at once by nested vectors.
///
/// Regression: before vectors capped their up-front reservation (`tlayer::MAX_PREALLOC_BYTES`),
/// 65 nested `jsonArray` in 66 KB reserved 33.75 MB at once (509x the input).
#[test]
fn nested_vectors_reserve_a_small_multiple_of_the_input() {
    let bytes = nested_vectors(0xf744_4763, tlayer::Reader::DEFAULT_MAX_DEPTH as usize + 1, 64 << 10);
    let len = bytes.len();
    let report = on_small_stack(move || harness::check_type(&bytes));
    let peak = report.allocs.peak_live;
    assert!(peak <= 2 * allocation_bound(len), "{peak} bytes live at once decoding {len} bytes: {report:?}");
}

/// Replays cargo-fuzz corpora through the same checks, in this debug build on a 2 MiB stack:
/// `TLAYER_FUZZ_CORPUS=fuzz/corpus cargo test -p tlayer-fuzz-replay replay -- --nocapture` reads
/// `decode_types/` and `decode_functions/` under that directory. Without the variable the test
/// does nothing.
#[test]
fn replay_fuzz_corpus() {
    let Some(dir) = std::env::var_os("TLAYER_FUZZ_CORPUS") else {
        println!("TLAYER_FUZZ_CORPUS not set: nothing to replay");
        return;
    };
    let dir = std::path::PathBuf::from(dir);
    let tally = on_small_stack(move || {
        let mut tally = Tally::default();
        for (target, is_function) in [("decode_types", false), ("decode_functions", true)] {
            let Ok(entries) = std::fs::read_dir(dir.join(target)) else { continue };
            for entry in entries {
                let bytes = std::fs::read(entry.expect("corpus entry").path()).expect("corpus file");
                tally.inputs += 1;
                tally.input_bytes += bytes.len();
                let report = if is_function { harness::check_function(&bytes) } else { harness::check_type(&bytes) };
                tally.record(&bytes, target, &report);
            }
        }
        tally
    });
    println!(
        "replayed {} inputs ({} bytes): {} decoded ({} to other bytes), errors {:?}; worst largest/len {:.2} \
         ({} bytes decoding {} bytes as {}), worst largest/bound {:.3}, worst peak live/len {:.2}",
        tally.inputs,
        tally.input_bytes,
        tally.decoded,
        tally.decoded_other_bytes,
        tally.errors,
        tally.worst_ratio.0,
        tally.worst_ratio.2,
        tally.worst_ratio.1,
        tally.worst_ratio.3,
        tally.worst_of_bound,
        tally.worst_peak_ratio
    );
}
