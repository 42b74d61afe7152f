//! The whole integration: one call generates `$OUT_DIR/layer3.rs` from the schema file that
//! `tlayer-schema` ships (a build-dependency without features: it only gives the path).

fn main() {
    if let Err(e) = tlayer_codegen::Config::new().schema(tlayer_schema::files::LAYER3).out_file("layer3.rs").compile() {
        // Display prints each schema error as `FILE:LINE:COL: error: ...`.
        panic!("{e}");
    }
}
