//! Generation as each library's build script does it, timed inside the process.
//!
//! `gen MODE SCHEMA OUT_DIR`, MODE one of:
//! * `tlayer`: `tlayer_codegen::Config` exactly as `schema/build.rs` calls it (its defaults, so
//!   the one-pass layout; serde feature) into `OUT_DIR/layer230.rs`;
//! * `tlayer-pretty`: the same with `.format(true)` (prettyplease);
//! * `grammers`: what grammers-tl-types 0.11.0's build.rs does with its default features
//!   (`tl-api`, `impl-debug`, `impl-from-enum`, `impl-from-type`): find the layer, parse with
//!   grammers-tl-parser, `generate_rust_code` into four buffered files.
//!
//! The output files are removed first, so every run writes. Prints `GEN MODE SECONDS`. Built in
//! the dev profile this is the build-script case (everything at opt-level 0, as cargo builds a
//! build script's dependencies by default); built with `--release`, the optimized library case.

use std::fs::File;
use std::io::{BufRead, BufReader, BufWriter, Read};
use std::path::Path;
use std::time::Instant;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let [_, mode, schema, out_dir] = &args[..] else {
        eprintln!("usage: gen tlayer|tlayer-pretty|grammers SCHEMA OUT_DIR");
        std::process::exit(2);
    };
    let out_dir = Path::new(out_dir);
    std::fs::create_dir_all(out_dir).unwrap();
    for f in
        ["layer230.rs", "generated_common.rs", "generated_types.rs", "generated_functions.rs", "generated_enums.rs"]
    {
        let _ = std::fs::remove_file(out_dir.join(f));
    }
    let start = Instant::now();
    match mode.as_str() {
        "tlayer" | "tlayer-pretty" => {
            let mut config = tlayer_codegen::Config::new();
            config.schema(schema).out_dir(out_dir).out_file("layer230.rs").serde_feature("serde");
            if mode == "tlayer-pretty" {
                config.format(true);
            }
            config.compile().expect("tlayer-codegen");
        }
        "grammers" => grammers(schema, out_dir).expect("grammers-tl-gen"),
        _ => panic!("unknown mode {mode}"),
    }
    let secs = start.elapsed().as_secs_f64();
    println!("GEN {mode} {secs:.6}");
}

/// grammers-tl-types 0.11.0's build.rs, for `tl/api.tl` only (its default features).
fn grammers(schema: &str, out_dir: &Path) -> std::io::Result<()> {
    let layer = BufReader::new(File::open(schema)?)
        .lines()
        .find_map(|line| {
            let line = line.unwrap();
            line.trim().strip_prefix("//").and_then(|s| s.split_once("LAYER")).and_then(|(_, s)| s.trim().parse().ok())
        })
        .expect("no layer information found in api.tl");
    let mut contents = String::new();
    File::open(schema)?.read_to_string(&mut contents)?;
    let definitions: Vec<_> = grammers_tl_parser::parse_tl_file(&contents)
        .filter_map(|d| match d {
            Ok(d) => Some(d),
            Err(e) => {
                eprintln!("TL: parse error: {e:?}");
                None
            }
        })
        .collect();
    let mut outputs = grammers_tl_gen::Outputs {
        common: BufWriter::new(File::create(out_dir.join("generated_common.rs"))?),
        types: BufWriter::new(File::create(out_dir.join("generated_types.rs"))?),
        functions: BufWriter::new(File::create(out_dir.join("generated_functions.rs"))?),
        enums: BufWriter::new(File::create(out_dir.join("generated_enums.rs"))?),
    };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: false,
        impl_debug: true,
        impl_from_enum: true,
        impl_from_type: true,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut outputs, &definitions, layer, &config)?;
    outputs.flush()
}
