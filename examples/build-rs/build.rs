//! The whole integration: one call generates `$OUT_DIR/layer3.rs` from the shipped schema.

fn main() {
    if let Err(e) = tlayer_codegen::Config::new().schema("../../schema/tl/layer003.tl").out_file("layer3.rs").compile()
    {
        panic!("{e}");
    }
}
