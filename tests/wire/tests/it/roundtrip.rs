//! Every constructor and function of layer 3, MTProto and layer 230: random valid bytes from
//! the schema-driven encoder are decoded with the generated types, re-encoded, and must come
//! back byte for byte (see `crate::check`).
//!
//! Constructors are decoded as the generated enum of their boxed type (a `Bool` constructor as
//! Rust `bool`), functions as `functions::Function`, which decodes any request by its id. No
//! definition may be left out: the number checked must equal the number of non-builtin
//! definitions, and those are pinned per schema so a parser change that drops some shows too.

use crate::{CheckConstructor, CheckFunction, dispatch};
use tlayer_parser::Section;
use tlayer_wire_tests::random::Stats;
use tlayer_wire_tests::{Encoder, Rng, hex, load_schema};

/// Random samples per definition.
const SAMPLES: u64 = 16;

#[derive(Debug, Default, PartialEq, Eq)]
struct Counts {
    constructors: usize,
    functions: usize,
    builtins: usize,
}

/// A per-file salt so that the schemas do not share seeds (FNV-1a of the name).
fn salt(file: &str) -> u64 {
    file.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3))
}

fn run(file: &str, check_constructor: CheckConstructor, check_function: CheckFunction) -> (Counts, Stats) {
    let schema = load_schema(file);
    let enc = Encoder::new(&schema);
    let mut counts = Counts::default();
    let mut failures = Vec::new();
    let mut unmapped = Vec::new();
    let mut total_bytes = 0usize;
    for (i, def) in schema.definitions.iter().enumerate() {
        if def.builtin {
            counts.builtins += 1;
            continue;
        }
        assert!(enc.min_cost(i).is_some(), "{file}: {} has no finite value", def.name.text);
        let mut all_ok = true;
        for sample in 0..SAMPLES {
            let seed = salt(file) ^ ((i as u64) << 8 | sample);
            let bytes = enc.encode(i, &mut Rng::new(seed));
            total_bytes += bytes.len();
            let result = match def.section {
                Section::Types => match check_constructor(def.result.name, &bytes) {
                    Some(result) => result,
                    None => {
                        unmapped.push(format!("{} = {}", def.name.text, def.result.name));
                        all_ok = false;
                        break;
                    }
                },
                Section::Functions => check_function(&bytes),
            };
            if let Err(e) = result {
                let shown = &bytes[..bytes.len().min(96)];
                failures.push(format!(
                    "{} (seed {seed:#x}, {} bytes, starting {}): {e}",
                    def.name.text,
                    bytes.len(),
                    hex(shown)
                ));
                all_ok = false;
                break;
            }
        }
        if all_ok {
            match def.section {
                Section::Types => counts.constructors += 1,
                Section::Functions => counts.functions += 1,
            }
        }
    }
    println!(
        "{file}: {} constructors and {} functions round-tripped ({SAMPLES} samples each, {total_bytes} bytes); \
         {} builtin declarations skipped",
        counts.constructors, counts.functions, counts.builtins
    );
    let stats = enc.stats();
    println!("{file}: encoder stats: {stats:?}");
    // The random values must exercise the wire forms, or the round trip proves little.
    assert!(stats.short_strings > 0 && stats.long_strings > 0, "{file}: strings of one length form only");
    assert!(stats.nonempty_vectors > 0 && stats.empty_vectors > 0, "{file}: vectors of one kind only");
    assert!(
        unmapped.is_empty(),
        "{file}: constructors with no generated type to decode them:\n{}",
        unmapped.join("\n")
    );
    assert!(failures.is_empty(), "{file}: {} definitions failed:\n{}", failures.len(), failures.join("\n"));
    // Nothing skipped silently: every definition that is not a builtin declaration was checked.
    assert_eq!(counts.constructors + counts.functions, schema.items().count(), "{file}: definitions not checked");
    (counts, stats)
}

#[test]
fn layer3_every_definition_round_trips() {
    let (counts, stats) =
        run(dispatch::layer3::FILE, dispatch::layer3::check_constructor, dispatch::layer3::check_function);
    // 189 constructors (boolFalse and boolTrue included, checked as Rust `bool`) and 70
    // functions in `schema/tl/layer003.tl`, which has no builtin declarations.
    assert_eq!(counts, Counts { constructors: 189, functions: 70, builtins: 0 });
    assert!(stats.embedded_functions > 0, "invokeWithLayer3 and friends got no inner function");
    assert!(stats.max_depth > 4, "values never nest deeper than {}", stats.max_depth);
}

#[test]
fn mtproto_every_definition_round_trips() {
    let (counts, stats) =
        run(dispatch::mtproto::FILE, dispatch::mtproto::check_constructor, dispatch::mtproto::check_function);
    // Telegram's published schema: `vector {t:Type} # [ t ] = Vector t` is its one builtin
    // declaration. The definitions without a written id (`message`, `rsa_public_key`, `req_pq`)
    // use their computed id; `message`'s `bytes:int` is its body's length; `Object` fields
    // (`rpc_result.result`, `message.body`) hold a random boxed value.
    assert_eq!(counts, Counts { constructors: 38, functions: 9, builtins: 1 });
    // `salts:vector<future_salt>` and `messages:vector<%Message>` are bare.
    assert!(stats.bare_values > 0, "no bare value written");
}

#[test]
fn layer230_every_definition_round_trips() {
    let (counts, stats) =
        run(dispatch::layer230::FILE, dispatch::layer230::check_constructor, dispatch::layer230::check_function);
    // `vector#1cb5c415 {t:Type} # [ t ] = Vector t;` is the only builtin declaration.
    assert_eq!(counts, Counts { constructors: 1703, functions: 850, builtins: 1 });
    assert!(stats.embedded_functions > 0, "invokeWithLayer and friends got no inner function");
    assert!(stats.flag_bits_set > 0 && stats.flag_bits_clear > 0, "flag bits drawn one way only");
    assert!(stats.shared_bits_set > 0, "no flag bit shared by several fields was set");
    assert!(stats.max_depth > 4, "values never nest deeper than {}", stats.max_depth);
}
