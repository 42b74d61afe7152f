//! Generates the MTProto types: Telegram's official schema as tlayer-schema ships it, plus the
//! one constructor of the 2013 sample exchange that the current schema dropped.

fn main() {
    let result = tlayer_codegen::Config::new()
        .schema(tlayer_schema::files::MTPROTO)
        .schema("tl/sample2013.tl")
        .out_file("mtproto.rs")
        .compile();
    if let Err(e) = result {
        panic!("{e}");
    }
}
