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
        let result = tlayer_codegen::Config::new()
            .layer(Some(1), "tl/layer001.tl")
            .layer(Some(2), "tl/layer002.tl")
            .layer(Some(3), "tl/layer003.tl")
            .out_file("layers.rs")
            .serde_feature("serde")
            .compile();
        if let Err(e) = result {
            panic!("layers: {e}");
        }
    }
}
