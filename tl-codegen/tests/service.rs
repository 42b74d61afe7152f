//! The server's `service` module on real schemas: the wrappers `peel` takes off are found by
//! their shape (`{X:Type}`, one `query:!X`, result `X`), so every wrapper of Telegram's layer
//! 230 and of tdlib's layer 228 (whose `invokeWith…Prefix` pseudo-functions share the real
//! wrappers' ids) is one, and no other function is; wrappers get no `Service` method.

use tlayer_codegen::{Options, Side, generate};

fn corpus(file: &str) -> String {
    std::fs::read_to_string(format!("{}/../corpus/{file}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

/// The variants of `service::Wrapper` in the generated code, in order.
fn wrappers(code: &str) -> Vec<String> {
    let start = code.find("pub enum Wrapper {").expect("a Wrapper enum");
    let body = &code[start..start + code[start..].find("\n    }").unwrap()];
    body.lines().filter_map(|l| l.trim().split_once("(Box<functions::").map(|(v, _)| v.to_string())).collect()
}

const TELEGRAM_WRAPPERS: [&str; 11] = [
    "InvokeAfterMsg",
    "InvokeAfterMsgs",
    "InitConnection",
    "InvokeWithLayer",
    "InvokeWithoutUpdates",
    "InvokeWithMessagesRange",
    "InvokeWithTakeout",
    "InvokeWithBusinessConnection",
    "InvokeWithGooglePlayIntegrity",
    "InvokeWithApnsSecret",
    "InvokeWithReCaptcha",
];

#[test]
fn every_wrapper_of_layer_230_and_tdlib_228_is_peeled() {
    let options = Options { format: false, ..Options::default() };
    for file in ["grammers_tl_types_0.11.0_api_layer230.tl", "tdlib_telegram_api_layer228.tl"] {
        let src = corpus(file);
        let code = generate(file, &src, &options).unwrap();
        assert_eq!(wrappers(&code), TELEGRAM_WRAPPERS, "{file}");
        for w in TELEGRAM_WRAPPERS {
            // Peeled, never served: no method takes a wrapper.
            assert!(code.contains(&format!("functions::Function::{w}(w) => {{")), "{file}: {w} peeled");
            assert!(!code.contains(&format!("_request: functions::{w}")), "{file}: {w} has no method");
        }
        assert!(code.contains("pub fn connection(&self) -> Option<&functions::InitConnection<()>>"));
    }
}

#[test]
fn the_shipped_layer_230_peels_the_same_wrappers_and_client_output_has_no_service() {
    let src = std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../schema/tl/layer230.tl")).unwrap();
    let server = generate("l.tl", &src, &Options { format: false, side: Side::Server, ..Options::default() }).unwrap();
    assert_eq!(wrappers(&server), TELEGRAM_WRAPPERS);
    // One method per function that is not a wrapper.
    let functions = src.split("---functions---").nth(1).unwrap().lines().filter(|l| l.ends_with(';')).count();
    let methods = server.matches("(&mut self, _cx: &Context, _request: ").count();
    assert_eq!(methods, functions - TELEGRAM_WRAPPERS.len());
    let client = generate("l.tl", &src, &Options { format: false, side: Side::Client, ..Options::default() }).unwrap();
    assert!(!client.contains("pub mod service"));
}
