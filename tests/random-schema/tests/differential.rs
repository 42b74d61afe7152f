//! The random-schema differential test. Environment:
//!
//! - `RANDOM_SCHEMA_CASES` (default 24): how many schemas; `RANDOM_SCHEMA_SEED` (default fixed):
//!   which ones; `RANDOM_SCHEMA_BATCH` (default 40): schemas per scratch-crate build;
//! - `RANDOM_SCHEMA_ALL_SHAPES=1`: also the shapes of `KNOWN_FAILING_SHAPES`; `=2`: also those
//!   of `OUTSIDE_THE_CONTRACT` (`check` refuses them);
//!   `RANDOM_SCHEMA_ONLY=Shape,...`: only those shapes (and plain ones);
//! - `RANDOM_SCHEMA_SHRINK_ROUNDS` (default 25, `0` for none): shrinking of each failure class;
//! - `RANDOM_SCHEMA_JOBS` (default 1): `cargo build -j` of the scratch crate and the CLI;
//!   `TLAYER_BIN`: a `tlayer` binary to use instead of building one;
//! - `RANDOM_SCHEMA_DIR` (default `target/random-schema`): the scratch crate and schema files.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::PathBuf;
use tlayer_codegen::Side;
use tlayer_random_schema::generate::{self, Limits};
use tlayer_random_schema::harness::{Failure, Harness, Subject, shrink};
use tlayer_random_schema::options::OptionSet;
use tlayer_random_schema::rng::Rng;
use tlayer_random_schema::shapes::{Enabled, KNOWN_FAILING_SHAPES, Shape};

fn env_num(name: &str, default: u64) -> u64 {
    std::env::var(name).ok().and_then(|v| v.parse().ok()).unwrap_or(default)
}

/// The workspace's target directory: the test binary is `TARGET/debug/deps/differential-HASH`.
fn target_dir() -> PathBuf {
    if let Some(dir) = std::env::var_os("CARGO_TARGET_DIR") {
        return PathBuf::from(dir);
    }
    let exe = std::env::current_exe().expect("test binary path");
    exe.ancestors().nth(3).expect("target/debug/deps/...").to_path_buf()
}

/// Schema number `i` of the run with `seed`.
fn subject(seed: u64, i: u64, on: &Enabled) -> Subject {
    let mut rng = Rng::new(seed.wrapping_mul(0x1_0000_0001).wrapping_add(i));
    Subject {
        id: format!("s{i}"),
        generated: generate::schema(&mut rng, on, &Limits::default()),
        option_sets: OptionSet::for_schema(i as usize)
            .into_iter()
            .filter(|o| on.on(Shape::LayeredServerSide) || !(o.layers && o.side == Side::Server))
            .collect(),
        value_seed: rng.next_u64(),
    }
}

#[test]
fn random_schemas_check_generate_compile_and_round_trip_in_both_codecs() {
    let cases = env_num("RANDOM_SCHEMA_CASES", 24);
    let seed = env_num("RANDOM_SCHEMA_SEED", 20_261_205);
    let batch = env_num("RANDOM_SCHEMA_BATCH", 40).max(1);
    let rounds = env_num("RANDOM_SCHEMA_SHRINK_ROUNDS", 25) as usize;
    let on = Enabled::from_env();
    let repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
    let h = Harness::new(&repo, &target_dir(), on.clone());

    // class -> (first subject, its failure, the subjects that fail so)
    let mut classes: BTreeMap<String, (Subject, Failure, BTreeSet<String>)> = BTreeMap::new();
    let mut start = 0;
    while start < cases {
        let end = (start + batch).min(cases);
        let subjects: Vec<Subject> = (start..end).map(|i| subject(seed, i, &on)).collect();
        for (s, failures) in subjects.iter().zip(h.run_batch(&subjects, None)) {
            for f in failures {
                classes
                    .entry(f.class.clone())
                    .or_insert_with(|| (s.clone(), f, BTreeSet::new()))
                    .2
                    .insert(s.id.clone());
            }
        }
        start = end;
    }
    eprintln!(
        "random-schema: {cases} schemas (seed {seed}), shapes left out: {:?}; {} failure classes",
        on.off(),
        classes.len()
    );
    if classes.is_empty() {
        return;
    }
    let mut report = String::new();
    for (class, (s, f, failing)) in &classes {
        let (small, small_f) = if rounds > 0 { shrink(&h, s, f, rounds) } else { (s.clone(), f.clone()) };
        let _ = write!(
            report,
            "\n=== {class}\n{} of {cases} schemas; first: {} (seed {seed}); shapes: {:?}\n\
             --- smallest schema found (tlayer check / tlayer generate it):\n{}--- failure:\n{small_f}\n",
            failing.len(),
            s.id,
            small.generated.shapes,
            small.generated.schema.text(),
        );
    }
    eprintln!("{report}");
    panic!(
        "{} classes of failure (above). Shapes left out of this run: {:?}; a shape that fails on \
         today's code goes into KNOWN_FAILING_SHAPES ({} entries) until its fix is merged",
        classes.len(),
        on.off(),
        KNOWN_FAILING_SHAPES.len()
    );
}
