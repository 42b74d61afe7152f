//! Every corpus schema compiled by default (secret chats, e2e, TON's three, four MTProto files):
//! random valid bytes of every constructor and function (the wire tests' schema-driven encoder)
//! go through both codecs, and each gives them back byte for byte: the generated code (decoded
//! by id as its boxed type's enum, or `functions::Function`, then encoded) and the CLI's codec
//! (`tlayer decode`, then `tlayer encode`).

#[allow(dead_code)]
#[path = "../../../tl-cli/src/dynamic/mod.rs"]
mod codec;

mod dispatch {
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

use std::panic::{AssertUnwindSafe, catch_unwind};
use tlayer_test_support::{hex, leading_id};
use tlayer_wire_tests::{Encoder, Rng};

type RoundTrip = fn(u32, &[u8]) -> Option<Result<Vec<u8>, tlayer::Error>>;

const SCHEMAS: &[(&str, RoundTrip)] = &[
    ("tdlib_secret_api.tl", dispatch::secret),
    ("tdlib_e2e_api.tl", dispatch::e2e),
    ("ton_api.tl", dispatch::ton),
    ("ton_lite_api.tl", dispatch::ton_lite),
    ("ton_tonlib_api.tl", dispatch::ton_tonlib),
    ("tdlib_mtproto_api.tl", dispatch::tdlib_mtproto),
    ("mtproto_official_danog.tl", dispatch::mtproto_danog),
    ("grammers_mtproto.tl", dispatch::grammers_mtproto),
    ("tdesktop_mtproto.tl", dispatch::tdesktop_mtproto),
];

/// Values drawn per definition.
const SAMPLES: u64 = 3;

#[test]
fn random_values_of_every_definition_round_trip_in_both_codecs() {
    let mut failures = Vec::new();
    let mut checked = 0;
    for &(file, generated) in SCHEMAS {
        let path = format!("{}/../../corpus/{file}", env!("CARGO_MANIFEST_DIR"));
        let text: &'static str = Box::leak(std::fs::read_to_string(&path).unwrap().into_boxed_str());
        let parsed = tlayer_parser::parse(text, &tlayer_parser::Options::default());
        assert!(parsed.is_ok(), "{file}");
        let schema: &'static tlayer_parser::Schema<'static> = Box::leak(Box::new(parsed.schema));
        let cli = codec::Codec::new(&[schema]);
        let enc = Encoder::new(schema);
        for (i, def) in schema.definitions.iter().enumerate().filter(|(_, d)| !d.builtin) {
            if enc.min_cost(i).is_none() {
                failures.push(format!("{file}: `{}`: the random encoder finds no finite value", def.name.text));
                continue;
            }
            for sample in 0..SAMPLES {
                let mut rng = Rng::new(u64::from(def.wire_id()) << 8 | sample);
                let Ok(bytes) = catch_unwind(AssertUnwindSafe(|| enc.encode(i, &mut rng))) else {
                    failures.push(format!("{file}: `{}`: the random encoder cannot write it", def.name.text));
                    break;
                };
                let id = leading_id(&bytes).unwrap();
                match generated(id, &bytes) {
                    Some(Ok(out)) if out == bytes => {}
                    Some(Ok(out)) => failures.push(format!(
                        "{file}: `{}`: generated code wrote other bytes\n  in:  {}\n  out: {}",
                        def.name.text,
                        hex(&bytes),
                        hex(&out)
                    )),
                    Some(Err(e)) => failures.push(format!(
                        "{file}: `{}`: generated code refused {}: {e}",
                        def.name.text,
                        hex(&bytes)
                    )),
                    None => failures.push(format!("{file}: `{}`: no generated type for its id", def.name.text)),
                }
                let request = codec::Request::default();
                let back =
                    cli.decode_to(&bytes, &request, Vec::new()).map_err(|e| format!("decode: {e}")).and_then(|json| {
                        cli.encode(&String::from_utf8(json).unwrap(), &request).map_err(|e| format!("encode: {e}"))
                    });
                match back {
                    Ok(out) if out == bytes => {}
                    Ok(out) => failures.push(format!(
                        "{file}: `{}`: the CLI wrote other bytes\n  in:  {}\n  out: {}",
                        def.name.text,
                        hex(&bytes),
                        hex(&out)
                    )),
                    Err(e) => failures.push(format!("{file}: `{}`: the CLI {e}\n  in: {}", def.name.text, hex(&bytes))),
                }
                checked += 1;
            }
        }
    }
    assert!(failures.is_empty(), "{} failures:\n{}", failures.len(), failures.join("\n"));
    assert!(checked > 1500, "{checked} values");
}
