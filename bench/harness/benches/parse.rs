//! Parsing layer 230 (`schema/tl/layer230.tl`, grammers-tl-types 0.11.0's `tl/api.tl`):
//! `tlayer_parser::parse` (lexing, parsing, docs, every id computed and checked against the
//! written one, validation) against `grammers_tl_parser::parse_tl_file` collected, on the same
//! text. The same measurement as `tl-parser/benches/parse.rs`, repeated here so that every
//! stage of scripts/bench-vs-grammers.sh comes from one harness and one run.
//!
//! `BENCH_ORDER=theirs-first` runs grammers first. Run: `cargo bench -p tlayer-bench --bench parse`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

fn parse_layer_230(c: &mut Criterion) {
    let text = std::fs::read_to_string(tlayer_bench::SCHEMA_PATH).expect("schema/tl/layer230.tl");

    let ours = tlayer_parser::parse(&text, &tlayer_parser::Options::default());
    assert!(ours.is_ok(), "tlayer-parser reports errors on layer 230");
    let theirs: Vec<_> = grammers_tl_parser::parse_tl_file(&text).collect();
    let parsed = theirs.iter().filter(|r| r.is_ok()).count();
    assert!(parsed >= 2500, "grammers-tl-parser parsed only {parsed} definitions");
    println!("DEFS tlayer={} grammers={parsed}", ours.schema.definitions.len());

    let theirs_first = std::env::var("BENCH_ORDER").is_ok_and(|v| v == "theirs-first");
    let order = if theirs_first { ["grammers", "tlayer"] } else { ["tlayer", "grammers"] };
    let mut group = c.benchmark_group("parse_layer230");
    group.throughput(Throughput::Bytes(text.len() as u64));
    for side in order {
        if side == "tlayer" {
            group.bench_function("tlayer", |b| {
                b.iter(|| tlayer_parser::parse(black_box(&text), &tlayer_parser::Options::default()))
            });
        } else {
            group.bench_function("grammers", |b| {
                b.iter(|| grammers_tl_parser::parse_tl_file(black_box(&text)).collect::<Vec<_>>())
            });
        }
    }
    group.finish();
}

criterion_group!(benches, parse_layer_230);
criterion_main!(benches);
