//! Deep nesting through every recursive type of every schema.
//!
//! The encoder finds, for each boxed type that can contain itself (and for functions that
//! contain functions, `!X`), a shortest cycle back to it, and writes a value that goes round it
//! many times. Decoding must stop with `Error::TooDeep` on a thread with a 2 MiB stack. A stack
//! overflow aborts the whole process, so each deep decode runs in a child process (this test
//! binary again, running `deep::child`), and the parent reports the types whose child died.

use crate::{CheckConstructor, CheckFunction, DecodeConstructor, DecodeFunction, dispatch};
use std::process::Command;
use tlayer::Error;
use tlayer_wire_tests::random::{Cycle, FUNCTION_NODE};
use tlayer_wire_tests::{Encoder, load_schema};

/// Tells the child test which schema and type to nest (`FILE:TYPE`).
const CHILD_ENV: &str = "TLAYER_WIRE_DEEP_CHILD";

/// Levels of nesting: far past any depth limit, capped so that the input stays below 8 MB.
const LEVELS: usize = 100_000;
const MAX_INPUT: usize = 8 << 20;

/// Schemas and the dispatch functions of their generated code.
struct Generated {
    file: &'static str,
    check_constructor: CheckConstructor,
    check_function: CheckFunction,
    decode_constructor: DecodeConstructor,
    decode_function: DecodeFunction,
}

static SCHEMAS: [Generated; 3] = [
    Generated {
        file: dispatch::layer3::FILE,
        check_constructor: dispatch::layer3::check_constructor,
        check_function: dispatch::layer3::check_function,
        decode_constructor: dispatch::layer3::decode_constructor,
        decode_function: dispatch::layer3::decode_function,
    },
    Generated {
        file: dispatch::mtproto::FILE,
        check_constructor: dispatch::mtproto::check_constructor,
        check_function: dispatch::mtproto::check_function,
        decode_constructor: dispatch::mtproto::decode_constructor,
        decode_function: dispatch::mtproto::decode_function,
    },
    Generated {
        file: dispatch::layer230::FILE,
        check_constructor: dispatch::layer230::check_constructor,
        check_function: dispatch::layer230::check_function,
        decode_constructor: dispatch::layer230::decode_constructor,
        decode_function: dispatch::layer230::decode_function,
    },
];

impl Generated {
    fn check(&self, ty: &str, bytes: &[u8]) -> Result<(), String> {
        if ty == FUNCTION_NODE {
            (self.check_function)(bytes)
        } else {
            (self.check_constructor)(ty, bytes).unwrap_or_else(|| Err(format!("no generated enum for {ty}")))
        }
    }

    fn decode(&self, ty: &str, bytes: &[u8]) -> Result<(), Error> {
        if ty == FUNCTION_NODE {
            (self.decode_function)(bytes)
        } else {
            (self.decode_constructor)(ty, bytes).unwrap_or_else(|| panic!("no generated enum for {ty}"))
        }
    }
}

fn levels_for(enc: &Encoder<'_, '_>, cycle: &Cycle) -> usize {
    let one = enc.nested(cycle, 1).len() - enc.nested(cycle, 0).len();
    LEVELS.min(MAX_INPUT / one.max(1))
}

fn describe(enc: &Encoder<'_, '_>, cycle: &Cycle) -> String {
    let defs = &enc.schema().definitions;
    let path: Vec<String> = cycle
        .steps
        .iter()
        .map(|s| {
            let def = &defs[s.def];
            let field = def.fields().nth(s.field).map_or("?", |(name, _, _)| name.text);
            format!("{}.{field}", def.name.text)
        })
        .collect();
    format!("{} via {}", cycle.ty, path.join(" -> "))
}

/// The child: nests one type and decodes it on a 2 MiB stack. Run by the parent test.
#[test]
#[ignore = "run in a child process by every_recursive_type_nested_deep"]
fn child() {
    let Ok(spec) = std::env::var(CHILD_ENV) else {
        println!("nothing to do: only every_recursive_type_nested_deep runs this, with {CHILD_ENV} set");
        return;
    };
    let (file, ty) = spec.split_once(':').expect("FILE:TYPE");
    let generated = SCHEMAS.iter().find(|g| g.file == file).expect("known schema");
    let schema = load_schema(file);
    let enc = Encoder::new(&schema);
    let cycle = enc.cycles().into_iter().find(|c| c.ty == ty).expect("a recursive type");
    let bytes = enc.nested(&cycle, levels_for(&enc, &cycle));
    let ty = ty.to_string();
    let result = crate::on_small_stack(move || generated.decode(&ty, &bytes));
    match result {
        Err(Error::TooDeep { limit: 64, .. }) => println!("CHILD-OK"),
        other => panic!("expected TooDeep, got {other:?}"),
    }
}

fn run_child(file: &str, ty: &str) -> Result<(), String> {
    let exe = std::env::current_exe().map_err(|e| e.to_string())?;
    let output = Command::new(exe)
        .args(["--ignored", "--exact", "deep::child", "--nocapture", "--test-threads=1"])
        .env(CHILD_ENV, format!("{file}:{ty}"))
        .output()
        .map_err(|e| e.to_string())?;
    let stdout = String::from_utf8_lossy(&output.stdout);
    if output.status.success() && stdout.contains("CHILD-OK") {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let last: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).rev().take(3).collect();
    Err(format!("{} ({})", output.status, last.into_iter().rev().collect::<Vec<_>>().join(" | ")))
}

#[test]
fn every_recursive_type_nested_deep() {
    let mut failures = Vec::new();
    for generated in &SCHEMAS {
        let schema = load_schema(generated.file);
        let enc = Encoder::new(&schema);
        let cycles = enc.cycles();
        let mut checked = 0;
        for cycle in &cycles {
            let what = describe(&enc, cycle);
            // The nesting is valid TL: two rounds decode and re-encode to the same bytes.
            let small = enc.nested(cycle, 2);
            if let Err(e) = generated.check(&cycle.ty, &small) {
                failures.push(format!("{}: {what}: 2 levels do not round-trip: {e}", generated.file));
                continue;
            }
            match run_child(generated.file, &cycle.ty) {
                Ok(()) => {
                    println!("{}: {what}: TooDeep", generated.file);
                    checked += 1;
                }
                Err(e) => failures.push(format!("{}: {what}: {e}", generated.file)),
            }
        }
        println!(
            "{}: {} recursive types, {checked} nested {LEVELS} deep (or 8 MB) without overflow",
            generated.file,
            cycles.len()
        );
    }
    assert!(failures.is_empty(), "deep nesting failed:\n{}", failures.join("\n"));
}

/// Regression: layer 230's `functions::Function::read_boxed` was one `match` of 850 arms whose
/// debug stack frame was about 170 KB, so 100,000 nested `invokeAfterMsg` overflowed a 2 MiB
/// thread after about 12 levels. The match now only picks a reader function.
#[test]
fn layer230_functions_nested_deep() {
    run_child(dispatch::layer230::FILE, FUNCTION_NODE).unwrap();
}

#[test]
fn the_expected_types_are_recursive() {
    let schema = load_schema(dispatch::layer230::FILE);
    let enc = Encoder::new(&schema);
    let recursive: Vec<String> = enc.cycles().into_iter().map(|c| c.ty).collect();
    for ty in ["RichText", "PageBlock", "JSONValue", FUNCTION_NODE] {
        assert!(recursive.iter().any(|r| r == ty), "{ty} not found recursive among {recursive:?}");
    }
    // Telegram's MTProto schema has no recursive type: `msg_copy` holds a `Message`, whose body
    // is an `Object` (raw bytes to the generated code).
    let schema = load_schema(dispatch::mtproto::FILE);
    let recursive: Vec<String> = Encoder::new(&schema).cycles().into_iter().map(|c| c.ty).collect();
    assert_eq!(recursive, Vec::<String>::new());
}
