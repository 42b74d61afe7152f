//! `tlayer-echo`: the tlayer side of the differential tests against other TL implementations
//! (see `docs/interop.md`).
//!
//! ```text
//! tlayer-echo                          echo mode (default)
//! tlayer-echo --random SEED COUNT [--ids FILE]
//! ```
//!
//! **Echo mode** reads lines of hex from standard input. Each line is one boxed value of
//! Telegram API layer 230 (`schema/tl/layer230.tl`): a constructor or a function. For each line
//! it prints one line: the hex of the value decoded by the code tlayer generated and encoded
//! again, or `error: MESSAGE`. Output is flushed after every line. Dispatch is on the first four
//! bytes (the id): a function id decodes through `functions::Function`, a constructor id through
//! the enum of the constructor's boxed type (`boolTrue`/`boolFalse` as Rust `bool`). Trailing
//! bytes are an error. Blank lines get `error: empty line`.
//!
//! **Random mode** prints, for every constructor and function of layer 230 in schema order,
//! COUNT lines of hex: random valid boxed values from the schema-driven encoder of the wire tests
//! (`tests/wire/src/random.rs`), deterministic for a SEED. With `--ids FILE` (hex ids, one per
//! line, `#` comments allowed) only the definitions with those ids are printed, and values nested
//! inside them use only those constructors and functions too, so that a peer that knows only
//! those ids can decode every value (the `Bool` constructors are always allowed). A definition
//! for which no value can be drawn within that set is reported on standard error as `skip NAME:
//! REASON` and printed no line.

use std::collections::HashSet;
use std::io::{BufRead, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use tlayer_parser::{Section, Severity};
use tlayer_wire_tests::{Encoder, Rng};

mod dispatch {
    include!(concat!(env!("OUT_DIR"), "/dispatch.rs"));
}

/// The schema the generated code was built from, embedded so the binary runs anywhere.
const SCHEMA: &str = include_str!("../../../schema/tl/layer230.tl");

/// Attempts per sample before a definition is reported as skipped (random mode, with `--ids`).
const ATTEMPTS: u64 = 200;

use tlayer_test_support::{hex, panic_message, round_trip as echo, unhex};

/// One echo-mode line: the output line without its newline.
fn echo_line(line: &str) -> String {
    let line = line.trim();
    if line.is_empty() {
        return "error: empty line".to_string();
    }
    let bytes = match unhex(line) {
        Ok(b) => b,
        Err(e) => return format!("error: {e}"),
    };
    let Some(id) = bytes.get(..4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]])) else {
        return format!("error: {} bytes, shorter than a constructor id", bytes.len());
    };
    let result = catch_unwind(AssertUnwindSafe(|| {
        if dispatch::is_function(id) {
            Some(echo::<tlayer_schema::layer230::functions::Function>(&bytes))
        } else {
            dispatch::echo_constructor(id, &bytes)
        }
    }));
    match result {
        Ok(Some(Ok(out))) => hex(&out),
        Ok(Some(Err(e))) => format!("error: {e}"),
        Ok(None) => format!("error: unknown constructor id 0x{id:08x}"),
        Err(payload) => format!("error: panic: {}", panic_message(&*payload)),
    }
}

fn run_echo() -> std::io::Result<()> {
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    for line in stdin.lock().lines() {
        let line = line?;
        let reply = echo_line(&line);
        out.write_all(reply.as_bytes())?;
        out.write_all(b"\n")?;
        out.flush()?;
    }
    Ok(())
}

/// Reads an `--ids` file: hex ids (with or without `0x`), one per line; `#` starts a comment.
fn read_ids(path: &str) -> Result<HashSet<u32>, String> {
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let mut ids = HashSet::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('#').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let digits = line.strip_prefix("0x").unwrap_or(line);
        let id = u32::from_str_radix(digits, 16).map_err(|e| format!("{path}:{}: {line:?}: {e}", n + 1))?;
        ids.insert(id);
    }
    Ok(ids)
}

/// A sample's seed: the run's seed mixed with the definition, the sample and the attempt.
fn seed_for(seed: u64, def: usize, sample: u64, attempt: u64) -> u64 {
    let mut h = seed ^ 0x6a09_e667_f3bc_c908;
    for v in [def as u64, sample, attempt] {
        h = (h ^ v).wrapping_mul(0x0000_0100_0000_01b3).rotate_left(29);
    }
    h
}

fn run_random(seed: u64, count: u64, ids: Option<HashSet<u32>>) -> Result<(), String> {
    let parsed = tlayer_parser::parse(SCHEMA, &tlayer_parser::Options::default());
    if let Some(d) = parsed.diagnostics.iter().find(|d| d.severity == Severity::Error) {
        return Err(format!("layer230.tl: schema error: {d:?}"));
    }
    let mut schema = parsed.schema;
    if let Some(ids) = &ids {
        schema.definitions.retain(|d| {
            d.builtin || (d.section == Section::Types && d.result.name == "Bool") || ids.contains(&d.wire_id())
        });
    }
    let enc = Encoder::new(&schema);
    let stdout = std::io::stdout();
    let mut out = stdout.lock();
    let mut skipped = 0usize;
    for (i, def) in schema.definitions.iter().enumerate() {
        if def.builtin || ids.as_ref().is_some_and(|ids| !ids.contains(&def.wire_id())) {
            continue;
        }
        if enc.min_cost(i).is_none() {
            eprintln!("skip {}: no value of it uses only the given ids", def.name.text);
            skipped += 1;
            continue;
        }
        let mut lines = Vec::new();
        'samples: for sample in 0..count {
            // Within a restricted set, a drawn optional field or vector element can need a type
            // none of whose constructors is allowed: the encoder panics, and another draw is made.
            for attempt in 0..ATTEMPTS {
                let mut rng = Rng::new(seed_for(seed, i, sample, attempt));
                if let Ok(bytes) = catch_unwind(AssertUnwindSafe(|| enc.encode(i, &mut rng))) {
                    lines.push(hex(&bytes));
                    continue 'samples;
                }
            }
            eprintln!("skip {}: no value drawn within the given ids in {ATTEMPTS} attempts", def.name.text);
            skipped += 1;
            lines.clear();
            break;
        }
        for line in lines {
            writeln!(out, "{line}").map_err(|e| e.to_string())?;
        }
    }
    out.flush().map_err(|e| e.to_string())?;
    if skipped > 0 {
        eprintln!("{skipped} definitions skipped");
    }
    Ok(())
}

const USAGE: &str = "usage: tlayer-echo                                (hex lines on stdin -> re-encoded hex)\n       \
                     tlayer-echo --random SEED COUNT [--ids FILE]   (random valid values, hex lines)";

fn main() {
    // Panics are caught and reported on the output line (echo mode) or retried (random mode).
    std::panic::set_hook(Box::new(|_| {}));
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.iter().map(String::as_str).collect::<Vec<_>>().as_slice() {
        [] => run_echo().map_err(|e| e.to_string()),
        ["--random", seed, count, rest @ ..] => {
            let parse = |s: &str| s.parse::<u64>().map_err(|e| format!("{s:?}: {e}\n{USAGE}"));
            let ids = match rest {
                [] => Ok(None),
                ["--ids", file] => read_ids(file).map(Some),
                _ => Err(USAGE.to_string()),
            };
            (|| run_random(parse(seed)?, parse(count)?, ids?))()
        }
        ["--help" | "-h"] => {
            println!("{USAGE}");
            Ok(())
        }
        _ => Err(USAGE.to_string()),
    };
    if let Err(e) = result {
        eprintln!("tlayer-echo: {e}");
        std::process::exit(2);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn echoes_constructors_functions_and_bools() {
        // boolTrue, boolFalse
        assert_eq!(echo_line("b5757299"), "b5757299");
        assert_eq!(echo_line("379779BC\n"), "379779bc");
        // inputPeerUser#dde8a54c user_id:long access_hash:long
        let peer = "4ca5e8dd0100000000000000ffffffffffffffff";
        assert_eq!(echo_line(peer), peer);
        // help.getConfig#c4f9186b (a function without fields)
        assert_eq!(echo_line("6b18f9c4"), "6b18f9c4");
    }

    #[test]
    fn reports_errors_on_one_line() {
        assert_eq!(echo_line(""), "error: empty line");
        assert_eq!(echo_line("abc"), "error: odd number of hex digits (3)");
        assert_eq!(echo_line("zz"), "error: not a hex digit: 'z'");
        assert_eq!(echo_line("b57572"), "error: 3 bytes, shorter than a constructor id");
        assert_eq!(echo_line("00000000"), "error: unknown constructor id 0x00000000");
        for bad in ["b575729900", "4ca5e8dd01000000"] {
            let reply = echo_line(bad);
            assert!(reply.starts_with("error: ") && !reply.contains('\n'), "{bad}: {reply}");
        }
    }

    #[test]
    fn ids_file_accepts_comments_and_prefixes() {
        let path = std::env::temp_dir().join(format!("tlayer-echo-ids-{}", std::process::id()));
        std::fs::write(&path, "# shared ids\n0x997275b5\n dde8a54c # inputPeerUser\n\n").unwrap();
        let ids = read_ids(path.to_str().unwrap()).unwrap();
        std::fs::remove_file(&path).unwrap();
        assert_eq!(ids, HashSet::from([0x9972_75b5, 0xdde8_a54c]));
    }
}
