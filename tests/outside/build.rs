//! Generates layer 230 and MTProto from the files tlayer-schema ships, and a small schema of
//! this crate's own whose written id is wrong (its warning must reach cargo).

fn main() {
    let schemas = [
        (tlayer_schema::files::LAYER230, "layer230.rs"),
        (tlayer_schema::files::MTPROTO, "mtproto.rs"),
        ("tl/wrong-id.tl", "wrong_id.rs"),
    ];
    for (path, out) in schemas {
        if let Err(e) = tlayer_codegen::Config::new().schema(path).out_file(out).compile() {
            panic!("{e}");
        }
    }
}
