//! Parsing the layer-230 API schema (`grammers_tl_types_0.11.0_api_layer230.tl`, 2554
//! definitions, 291 KB): `tlayer_parser::parse` (lexing, parsing, docs, every id computed and
//! checked against the written one, validation) side by side with `grammers-tl-parser` 1.2.2 (the
//! parser `grammers-tl-gen` 0.11.0 generates its types with) on the same text.
//!
//! Run: `cargo bench -p tlayer-parser --bench parse`. Results: BENCHMARKS.md.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use std::hint::black_box;

const SCHEMA: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/grammers_tl_types_0.11.0_api_layer230.tl");

fn parse_layer_230(c: &mut Criterion) {
    let text = std::fs::read_to_string(SCHEMA).expect("the layer-230 schema beside the repository");

    // Both parsers see the whole file; check once that they do their job.
    let ours = tlayer_parser::parse(&text, &tlayer_parser::Options::default());
    assert!(ours.is_ok());
    assert_eq!(ours.schema.definitions.len(), 2554);
    let theirs: Vec<_> = grammers_tl_parser::parse_tl_file(&text).collect();
    let parsed = theirs.iter().filter(|r| r.is_ok()).count();
    assert!(parsed >= 2500, "grammers-tl-parser parsed {parsed} definitions");

    let mut group = c.benchmark_group("parse_api_layer230");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("tlayer-parser", |b| {
        b.iter(|| tlayer_parser::parse(black_box(&text), &tlayer_parser::Options::default()))
    });
    group.bench_function("grammers-tl-parser", |b| {
        b.iter(|| grammers_tl_parser::parse_tl_file(black_box(&text)).collect::<Vec<_>>())
    });
    group.finish();
}

criterion_group!(benches, parse_layer_230);
criterion_main!(benches);
