//! Generates the part of layer 230 the example serves: two functions, one it leaves to the
//! service trait's default, and the request wrappers a real client sends around them.

fn main() {
    let generated = tlayer_codegen::Config::new()
        .schema(tlayer_schema::files::LAYER230)
        .only([
            "help.getNearestDc",
            "account.updateStatus",
            "help.getSupportName",
            "invokeWithLayer",
            "initConnection",
            "invokeWithoutUpdates",
            "invokeAfterMsg",
        ])
        .builders(true)
        .out_file("api.rs")
        .compile();
    if let Err(e) = generated {
        panic!("{e}");
    }
}
