//! The generated codecs and `tlayer decode`/`encode` (the schema-driven codec of
//! `tl-cli/src/dynamic.rs`) agree byte for byte on vectors of vectors of bare and boxed elements
//! (`schemas/vectors.tl`): random values written by the generated code decode through the CLI's
//! codec to JSON that encodes back to the same bytes, and decode back through the generated code
//! to the same value.

#[allow(dead_code)]
#[path = "../../../tl-cli/src/dynamic/mod.rs"]
mod codec;

use tlayer::{TlRead, TlWrite};
use tlayer_corpus_compile::vectors_both::{enums, types};

const SCHEMA: &str = include_str!("../schemas/vectors.tl");

/// xorshift64*: deterministic, no dependency.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> usize {
        (self.next() % n) as usize
    }
    fn vec<T>(&mut self, mut item: impl FnMut(&mut Self) -> T) -> Vec<T> {
        let n = self.below(4);
        (0..n).map(|_| item(self)).collect()
    }
}

fn cell(rng: &mut Rng) -> types::Cell {
    types::Cell { v: rng.next() as i32 }
}

fn peer(rng: &mut Rng) -> enums::Peer {
    if rng.below(2) == 0 {
        types::Peer { id: rng.next() as i64 }.into()
    } else {
        types::PeerChat { id: rng.next() as i32 }.into()
    }
}

fn grid(rng: &mut Rng) -> types::Grid {
    types::Grid {
        a: rng.vec(|r| r.vec(cell)),
        b: rng.vec(|r| r.vec(cell)),
        c: rng.vec(|r| r.vec(cell)),
        d: rng.vec(|r| r.vec(cell)),
        e: rng.vec(|r| r.vec(|r| r.vec(cell))),
        f: rng.vec(|r| r.vec(|r| r.vec(|r| r.next() as i32))),
        g: rng.vec(|r| r.vec(peer)),
        h: rng.vec(|r| r.vec(peer)),
    }
}

#[test]
fn generated_and_cli_codecs_agree_on_nested_vectors() {
    let grid_type = codec::Request { ty: Some("Grid".into()), ..codec::Request::default() };
    let parsed = tlayer_parser::parse(SCHEMA, &tlayer_parser::Options::default());
    assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);
    let cli = codec::Codec::new(&[&parsed.schema]);
    let mut rng = Rng(0x7275_7468);
    let mut nonempty = 0;
    for _ in 0..300 {
        let value = grid(&mut rng);
        let bytes = value.to_bytes();
        let json = decode(&cli, &bytes, &grid_type).unwrap_or_else(|e| panic!("CLI cannot read {value:?}: {e}"));
        let again = cli.encode(&json, &grid_type).unwrap_or_else(|e| panic!("CLI cannot write {json}: {e}"));
        assert_eq!(again, bytes, "CLI re-encoding of {json}");
        assert_eq!(types::Grid::from_bytes(&bytes).unwrap(), value);
        nonempty += usize::from(value.e.iter().flatten().any(|v| !v.is_empty()));
    }
    assert!(nonempty > 20, "the samples reach the third level ({nonempty})");
}

#[test]
fn cli_json_of_bare_cells_has_no_constructor_ids() {
    let grid_type = codec::Request { ty: Some("Grid".into()), ..codec::Request::default() };
    let parsed = tlayer_parser::parse(SCHEMA, &tlayer_parser::Options::default());
    let cli = codec::Codec::new(&[&parsed.schema]);
    let value = types::Grid {
        a: vec![vec![types::Cell { v: 7 }]],
        b: vec![],
        c: vec![],
        d: vec![],
        e: vec![],
        f: vec![],
        g: vec![],
        h: vec![],
    };
    let bytes = value.to_bytes();
    // id, a: count 1, count 1, 7 (no cell id), then b..h: `Vector` id + 0 or a bare 0.
    let grid_id = <types::Grid as tlayer::Identifiable>::CONSTRUCTOR_ID;
    let v = 0x1cb5c415u32;
    let words = [grid_id, 1, 1, 7, v, 0, 0, v, 0, v, 0, 0, v, 0, 0];
    let expected: Vec<u8> = words.iter().flat_map(|w| w.to_le_bytes()).collect();
    assert_eq!(bytes, expected);
    assert_eq!(cli.encode(&decode(&cli, &bytes, &grid_type).unwrap(), &grid_type).unwrap(), expected);
}

/// The CLI codec's JSON text of `bytes`.
fn decode(cli: &codec::Codec<'_>, bytes: &[u8], request: &codec::Request) -> Result<String, String> {
    let json = cli.decode_to(bytes, request, Vec::new()).map_err(|e| e.to_string())?;
    Ok(String::from_utf8(json).expect("JSON is UTF-8"))
}
