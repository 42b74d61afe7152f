//! Generates one module per enabled schema feature into OUT_DIR.

fn main() {
    let schemas = [
        ("layer1", "tl/layer001.tl"),
        ("layer2", "tl/layer002.tl"),
        ("layer3", "tl/layer003.tl"),
        ("layer230", "tl/layer230.tl"),
        ("mtproto", "tl/mtproto.tl"),
    ];
    for (feature, path) in schemas {
        if std::env::var_os(format!("CARGO_FEATURE_{}", feature.to_uppercase())).is_some() {
            let result = tlayer_codegen::Config::new()
                .schema(path)
                .out_file(format!("{feature}.rs"))
                .serde_feature("serde")
                .compile();
            if let Err(e) = result {
                panic!("{path}: {e}");
            }
        }
    }
    if std::env::var_os("CARGO_FEATURE_LAYERS").is_some() {
        let mut sources = Vec::new();
        for (layer, path) in [(1, "tl/layer001.tl"), (2, "tl/layer002.tl"), (3, "tl/layer003.tl")] {
            println!("cargo:rerun-if-changed={path}");
            let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{path}: {e}"));
            sources.push(tlayer_codegen::LayerSource { layer: Some(layer), name: path.to_string(), bytes });
        }
        let options = tlayer_codegen::Options { serde_feature: Some("serde".into()), ..Default::default() };
        let code = tlayer_codegen::generate_layers(&sources, &options).unwrap_or_else(|e| panic!("layers: {e}"));
        let out = std::path::Path::new(&std::env::var("OUT_DIR").expect("OUT_DIR")).join("layers.rs");
        if std::fs::read(&out).ok().as_deref() != Some(code.as_bytes()) {
            std::fs::write(&out, code).expect("write layers.rs");
        }
    }
}
