//! Generates the corpus schemas that `tlayer-schema` does not ship: secret chats and TON.

fn main() {
    let corpus = concat!(env!("CARGO_MANIFEST_DIR"), "/../../corpus/");
    for (file, out) in
        [("tdlib_secret_api.tl", "secret.rs"), ("ton_api.tl", "ton.rs"), ("ton_lite_api.tl", "ton_lite.rs")]
    {
        let path = format!("{corpus}{file}");
        if let Err(e) = tlayer_codegen::Config::new().schema(&path).out_file(out).compile() {
            panic!("{path}: {e}");
        }
    }
}
