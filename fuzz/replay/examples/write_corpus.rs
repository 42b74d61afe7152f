//! Writes seed corpora and a dictionary for the cargo-fuzz targets `decode_types` and
//! `decode_functions` (`fuzz/`):
//!
//! ```text
//! cargo run -p tlayer-fuzz-replay --example write_corpus -- [OUT_DIR [SAMPLES]]
//! ```
//!
//! `OUT_DIR` (default `fuzz/corpus`) gets `decode_types/` (valid encodings of every constructor
//! of layer 230), `decode_functions/` (of every function) and `decode.dict` (every constructor
//! and function id, the vector and Bool ids, and string headers). `SAMPLES` (default 4) values
//! per definition come from the random encoder of `tests/wire`, half of them small and half
//! larger. Every seed is checked to decode and re-encode to itself before it is written.

use std::fmt::Write as _;
use std::path::PathBuf;
use tlayer_fuzz_replay::{Outcome, check_function, check_type};
use tlayer_parser::Section;
use tlayer_wire_tests::{Config, Encoder, Rng, load_schema};

fn main() {
    let mut args = std::env::args().skip(1);
    let out = PathBuf::from(args.next().unwrap_or_else(|| "fuzz/corpus".into()));
    let samples: u64 = args.next().map_or(4, |s| s.parse().expect("SAMPLES: a number"));
    let types_dir = out.join("decode_types");
    let functions_dir = out.join("decode_functions");
    for dir in [&types_dir, &functions_dir] {
        std::fs::create_dir_all(dir).unwrap_or_else(|e| panic!("{}: {e}", dir.display()));
    }

    let schema = load_schema("layer230.tl");
    let small =
        Encoder::with_config(&schema, Config { shallow_depth: 2, budget: 256, max_vector: 2, long_strings: false });
    let large =
        Encoder::with_config(&schema, Config { shallow_depth: 4, budget: 4096, max_vector: 3, long_strings: true });
    let mut dict = String::from("# Ids of layer 230 (little-endian) and TL wire markers, for libFuzzer's -dict.\n");
    for (name, word) in [("vector", 0x1cb5_c415u32), ("boolTrue", 0x9972_75b5), ("boolFalse", 0xbc79_9737)] {
        writeln!(dict, "# {name}\n{}", entry(&word.to_le_bytes())).unwrap();
    }
    for header in [&[0xfe, 0x00, 0x01, 0x00][..], &[0xfe, 0xff, 0xff, 0xff], &[0xfd], &[0xff]] {
        writeln!(dict, "{}", entry(header)).unwrap();
    }
    let (mut types, mut functions) = (0, 0);
    for (i, def) in schema.definitions.iter().enumerate() {
        if def.builtin {
            continue;
        }
        let is_bool = def.result.name == "Bool";
        writeln!(dict, "# {}\n{}", def.name.text, entry(&def.wire_id().to_le_bytes())).unwrap();
        for sample in 0..samples {
            let enc = if sample % 2 == 0 { &small } else { &large };
            let bytes = enc.encode(i, &mut Rng::new((i as u64) << 16 | sample));
            let (dir, report) = match def.section {
                Section::Types => (&types_dir, check_type(&bytes)),
                Section::Functions => (&functions_dir, check_function(&bytes)),
            };
            // `boolTrue`/`boolFalse` decode as Rust `bool`, not as a generated enum.
            let expected = Outcome::Decoded { canonical_len: bytes.len(), same_bytes: true };
            assert!(is_bool || report.outcome == expected, "{}: {:?}", def.name.text, report.outcome);
            let path = dir.join(format!("{}-{sample}", def.name.text.replace('.', "_")));
            std::fs::write(&path, &bytes).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
            match def.section {
                Section::Types => types += 1,
                Section::Functions => functions += 1,
            }
        }
    }
    let dict_path = out.join("decode.dict");
    std::fs::write(&dict_path, dict).unwrap_or_else(|e| panic!("{}: {e}", dict_path.display()));
    println!(
        "wrote {types} seeds to {}, {functions} to {}, and {}",
        types_dir.display(),
        functions_dir.display(),
        dict_path.display()
    );
}

/// A libFuzzer dictionary entry: the bytes as a quoted string with `\xNN` escapes.
fn entry(bytes: &[u8]) -> String {
    let escaped: String = bytes.iter().map(|b| format!("\\x{b:02x}")).collect();
    format!("\"{escaped}\"")
}
