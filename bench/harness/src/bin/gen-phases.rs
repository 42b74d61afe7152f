//! Where tlayer's generation time goes, for layer 230: each step of `tlayer_codegen::generate`
//! timed on its own through public APIs (median of RUNS, default 5).
//!
//! `gen-phases [RUNS]`. Steps: parse + validate (`tlayer_parser::parse`), model
//! (`model::Model::new`), `generate` unformatted (parse + model + emit tokens + the one-pass
//! layout), then the formatting that `format: true` adds: `syn::parse_file` of that text and
//! `prettyplease::unparse`, and dropping the syntax tree; grammers-tl-gen for scale.

use std::time::Instant;

fn time<T>(f: impl FnOnce() -> T) -> (f64, T) {
    let s = Instant::now();
    let v = f();
    (s.elapsed().as_secs_f64(), v)
}

fn median(mut v: Vec<f64>) -> f64 {
    v.sort_by(f64::total_cmp);
    v[v.len() / 2]
}

fn main() {
    let runs: usize = std::env::args().nth(1).and_then(|s| s.parse().ok()).unwrap_or(5);
    let text = std::fs::read_to_string(tlayer_bench::SCHEMA_PATH).unwrap();
    let mut t: [Vec<f64>; 7] = Default::default();
    let mut sizes = (0, 0, 0);
    for _ in 0..runs {
        let (a, parsed) = time(|| tlayer_parser::parse(&text, &tlayer_parser::Options::default()));
        let (b, model) = time(|| tlayer_codegen::model::Model::new(&parsed.schema).unwrap());
        drop(model);
        let opts = tlayer_codegen::Options { format: false, ..Default::default() };
        let (c, raw) = time(|| tlayer_codegen::generate("layer230.tl", &text, &opts).unwrap());
        let (d, file) = time(|| syn::parse_file(&raw).unwrap());
        let (e, pretty) = time(|| prettyplease::unparse(&file));
        let (f, ()) = time(|| drop(file));
        let (g, out) = time(|| {
            let defs: Vec<_> = grammers_tl_parser::parse_tl_file(&text).filter_map(Result::ok).collect();
            let mut o = grammers_tl_gen::Outputs {
                common: Vec::new(),
                types: Vec::new(),
                functions: Vec::new(),
                enums: Vec::new(),
            };
            let config = grammers_tl_gen::Config { gen_name_for_id: true, ..Default::default() };
            grammers_tl_gen::generate_rust_code(&mut o, &defs, 230, &config).unwrap();
            o
        });
        sizes = (raw.len(), pretty.len(), out.common.len() + out.types.len() + out.functions.len() + out.enums.len());
        for (v, x) in t.iter_mut().zip([a, b, c, d, e, f, g]) {
            v.push(x);
        }
    }
    let names = [
        "tlayer parse + validate",
        "tlayer model",
        "tlayer generate, unformatted (parse + model + emit + layout)",
        "  + syn::parse_file of the unformatted text",
        "  + prettyplease::unparse",
        "  + dropping the syntax tree",
        "grammers parse + generate (in memory)",
    ];
    for (n, v) in names.iter().zip(t) {
        println!("{:>9.1} ms  {n}", median(v) * 1e3);
    }
    println!("sizes: unformatted {} B, formatted {} B, grammers {} B", sizes.0, sizes.1, sizes.2);
}
