//! Lists every enum that each library generates for layer 230 and writes
//! `$OUT_DIR/enum_sizes.rs`: `OURS` and `THEIRS`, each a list of (path, `size_of`), for the
//! `sizes` binary. Ours come from tlayer-codegen's model (plus `functions::Function`);
//! grammers' from scanning the enums file that grammers-tl-gen writes (indentation gives the
//! module nesting).

use std::fmt::Write as _;

fn main() {
    let schema = "../../schema/tl/layer230.tl";
    println!("cargo:rerun-if-changed={schema}");
    let text = std::fs::read_to_string(schema).expect("schema/tl/layer230.tl");

    // Ours.
    let parsed = tlayer_parser::parse(&text, &tlayer_parser::Options::default());
    assert!(parsed.is_ok(), "layer 230 has errors");
    let model = tlayer_codegen::model::Model::new(&parsed.schema).expect("layer 230 resolves");
    let mut ours: Vec<String> = model.enums.iter().map(|e| e.path.to_string()).collect();
    ours.push("functions::Function".into());

    // Theirs: the enums grammers-tl-types' build.rs generates with its default features.
    let defs: Vec<_> = grammers_tl_parser::parse_tl_file(&text).filter_map(Result::ok).collect();
    let mut outputs =
        grammers_tl_gen::Outputs { common: Vec::new(), types: Vec::new(), functions: Vec::new(), enums: Vec::new() };
    let config = grammers_tl_gen::Config {
        gen_name_for_id: true,
        deserializable_functions: false,
        impl_debug: true,
        impl_from_enum: true,
        impl_from_type: true,
        impl_serde: false,
    };
    grammers_tl_gen::generate_rust_code(&mut outputs, &defs, 230, &config).expect("grammers-tl-gen");
    let enums = String::from_utf8(outputs.enums).expect("UTF-8");
    let mut theirs = Vec::new();
    let mut modules: Vec<(usize, String)> = Vec::new();
    for line in enums.lines() {
        let indent = line.len() - line.trim_start().len();
        let t = line.trim_start();
        let item = |kw: &str| t.strip_prefix(kw).and_then(|r| r.split([' ', '<', '{']).next()).map(str::to_string);
        if let Some(name) = item("pub mod ").or_else(|| item("pub enum ")) {
            modules.retain(|(i, _)| *i < indent);
            if t.starts_with("pub mod ") {
                modules.push((indent, name));
            } else if !t.contains('<') {
                let mut p = String::from("enums::");
                for (_, m) in &modules {
                    p.push_str(m);
                    p.push_str("::");
                }
                theirs.push(p + &name);
            }
        }
    }

    let mut out = String::from(
        "/// (path, size_of) of every enum tlayer generates for layer 230.\npub const OURS: &[(&str, usize)] = &[\n",
    );
    for p in &ours {
        writeln!(out, "    (\"{p}\", ::core::mem::size_of::<tlayer_schema::layer230::{p}>()),").unwrap();
    }
    out.push_str("];\n/// (path, size_of) of every enum grammers-tl-types 0.11.0 generates.\npub const THEIRS: &[(&str, usize)] = &[\n");
    for p in &theirs {
        writeln!(out, "    (\"{p}\", ::core::mem::size_of::<grammers_tl_types::{p}>()),").unwrap();
    }
    out.push_str("];\n");
    let dest = std::path::Path::new(&std::env::var("OUT_DIR").unwrap()).join("enum_sizes.rs");
    std::fs::write(dest, out).unwrap();
}
