//! The pipeline for a batch of random schemas: check (parser) → generate (every option set,
//! twice: it must be deterministic) → compile (one scratch crate, warnings denied) → values
//! through the generated codecs and through `tlayer decode`/`encode`, compared with the
//! reference bytes.

use crate::cli::{Cli, CliOutcome};
use crate::generate::Generated;
use crate::options::OptionSet;
use crate::rng::Rng;
use crate::schema::{Ret, Schema};
use crate::scratch::{Entry, Module, Outcome, Scratch, hex};
use crate::shapes::Enabled;
use crate::values::Values;
use std::collections::{BTreeSet, HashMap};
use std::fmt;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use tlayer_codegen::Side;
use tlayer_codegen::model::{Model, Path as RustPath};

/// One schema of a batch.
#[derive(Clone, Debug)]
pub struct Subject {
    /// Short name, unique in the batch (`s3`); also the module and file name.
    pub id: String,
    /// The schema and its shapes.
    pub generated: Generated,
    /// The option sets to generate and compile with.
    pub option_sets: Vec<OptionSet>,
    /// Seed of its values.
    pub value_seed: u64,
}

/// Where a failure happened.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Stage {
    /// The parser reported errors on a valid schema.
    Check,
    /// `generate` failed or panicked on a schema `check` accepts.
    Generate,
    /// The generated code did not compile with warnings denied.
    Compile,
    /// The generated code refused valid bytes or wrote other bytes.
    GeneratedCodec,
    /// `tlayer decode`/`encode` refused valid bytes or wrote other bytes.
    CliCodec,
}

/// One contract violation.
#[derive(Clone, Debug)]
pub struct Failure {
    /// The stage.
    pub stage: Stage,
    /// What went wrong, without names: failures of one class share it (shrinking keeps it).
    pub class: String,
    /// The option set, for generate and compile failures.
    pub options: Option<OptionSet>,
    /// The details: messages, bytes, JSON.
    pub detail: String,
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "[{:?}] {}", self.stage, self.class)?;
        if let Some(o) = self.options {
            write!(f, " (generate {})", o.flags())?;
        }
        write!(f, "\n{}", self.detail)
    }
}

/// Values drawn per type and per function.
const VALUES_PER_TYPE: usize = 3;

/// Runs batches.
pub struct Harness {
    root: PathBuf,
    scratch: Scratch,
    cli: Cli,
    on: Enabled,
}

impl Harness {
    /// A harness writing under `target/random-schema` (or `RANDOM_SCHEMA_DIR`, so that two runs
    /// can go side by side), testing the repository `repo`; `target` is the workspace's target
    /// directory (for the CLI).
    pub fn new(repo: &Path, target: &Path, on: Enabled) -> Harness {
        let root = std::env::var_os("RANDOM_SCHEMA_DIR").map_or_else(|| target.join("random-schema"), PathBuf::from);
        std::fs::create_dir_all(root.join("schemas")).expect("random-schema dir");
        Harness { scratch: Scratch::new(&root, repo), cli: Cli::locate(repo, target), root, on }
    }

    /// The file a subject's schema is written to.
    pub fn schema_file(&self, id: &str) -> PathBuf {
        self.root.join("schemas").join(format!("{id}.tl"))
    }

    /// Runs the whole pipeline; the failures of each subject, in order. `only`: run just what
    /// that stage needs (for shrinking); `None`: everything.
    pub fn run_batch(&self, subjects: &[Subject], only: Option<Stage>) -> Vec<Vec<Failure>> {
        let wants = |stage: Stage| only.is_none_or(|o| o == stage);
        let compile = wants(Stage::Compile) || wants(Stage::GeneratedCodec);
        let mut failures: Vec<Vec<Failure>> = vec![Vec::new(); subjects.len()];
        let mut modules: Vec<(usize, OptionSet, Module)> = Vec::new();
        let mut ids: Vec<Option<HashMap<String, u32>>> = vec![None; subjects.len()];
        for (i, s) in subjects.iter().enumerate() {
            let text = s.generated.schema.text();
            std::fs::write(self.schema_file(&s.id), &text).expect("schema file");
            match parse_ids(&s.id, &text) {
                Ok(map) => ids[i] = Some(map),
                Err(f) => {
                    failures[i].push(f);
                    continue;
                }
            }
            if only.is_some_and(|o| o == Stage::Check || o == Stage::CliCodec) {
                continue;
            }
            for &o in &s.option_sets {
                match generate(s, o, &text) {
                    Ok(m) => modules.push((i, o, m)),
                    Err(f) => failures[i].push(f),
                }
            }
        }
        // Build; drop the modules that fail and build the rest again.
        let mut built_ok = false;
        if !compile {
            modules.clear();
        }
        for _attempt in 0..4 {
            if modules.is_empty() {
                break;
            }
            let list: Vec<Module> = modules.iter().map(|(_, _, m)| m.clone()).collect();
            let built = self.scratch.build(&list);
            if let Some(other) = built.other {
                for (i, _, _) in &modules {
                    failures[*i].push(Failure {
                        stage: Stage::Compile,
                        class: "compile: the scratch crate fails outside the generated modules".into(),
                        options: None,
                        detail: other.clone(),
                    });
                }
                modules.clear();
                break;
            }
            if built.failed.is_empty() {
                built_ok = true;
                break;
            }
            modules.retain(|(i, o, m)| match built.failed.get(&m.name) {
                Some(messages) => {
                    failures[*i].push(Failure {
                        stage: Stage::Compile,
                        class: compile_class(messages),
                        options: Some(*o),
                        detail: {
                            let head = messages.lines().take(12).collect::<Vec<_>>().join("\n");
                            if o.layers {
                                let older = crate::shrink::older_layer(&subjects[*i].generated.schema).text();
                                format!("{head}\n--- the older layer (OLD.tl):\n{older}")
                            } else {
                                head
                            }
                        },
                    });
                    false
                }
                None => true,
            });
        }
        if !built_ok {
            modules.clear();
        }
        // Values.
        let mut gen_cases: Vec<(String, String, Vec<u8>)> = Vec::new();
        let mut gen_owner: Vec<(usize, String)> = Vec::new();
        for (i, s) in subjects.iter().enumerate() {
            let Some(id_map) = &ids[i] else { continue };
            let schema = &s.generated.schema;
            let values = Values::new(schema, id_map, &self.on);
            assert!(values.all_finite(), "generator bug: a type has no finite value:\n{}", schema.text());
            let mut rng = Rng::new(s.value_seed);
            let file = self.schema_file(&s.id);
            let mut cli_failed: BTreeSet<String> = BTreeSet::new();
            for (key, ty, bytes) in draw_cases(schema, &values, &mut rng) {
                for (_, _, m) in modules.iter().filter(|(owner, _, _)| *owner == i) {
                    if m.entries.iter().any(|e| e.key == key) {
                        gen_cases.push((m.name.clone(), key.clone(), bytes.clone()));
                        gen_owner.push((i, ty.clone().unwrap_or_else(|| "a function".into())));
                    }
                }
                if !wants(Stage::CliCodec) {
                    continue;
                }
                if let Some(f) = self.cli_check(&file, ty.as_deref(), &bytes)
                    && cli_failed.insert(f.class.clone())
                {
                    failures[i].push(f);
                }
            }
        }
        if !gen_cases.is_empty() && wants(Stage::GeneratedCodec) {
            let outcomes = self.scratch.run(&gen_cases);
            let mut seen: BTreeSet<(usize, String)> = BTreeSet::new();
            for (((module, _, bytes), (i, ty)), outcome) in gen_cases.iter().zip(&gen_owner).zip(outcomes) {
                let f = match outcome {
                    Outcome::Bytes(b) if b == *bytes => continue,
                    Outcome::Bytes(b) => Failure {
                        stage: Stage::GeneratedCodec,
                        class: "generated code: decode then encode gives other bytes".into(),
                        options: None,
                        detail: format!("module {module}, type {ty}\n{}", diff(bytes, &b)),
                    },
                    Outcome::Error(e) => Failure {
                        stage: Stage::GeneratedCodec,
                        class: "generated code: refuses valid bytes".into(),
                        options: None,
                        detail: format!("module {module}, type {ty}\n  in:  {}\n  error: {e}", hex(bytes)),
                    },
                };
                if seen.insert((*i, f.class.clone())) {
                    failures[*i].push(f);
                }
            }
        }
        failures
    }

    fn cli_check(&self, file: &Path, ty: Option<&str>, bytes: &[u8]) -> Option<Failure> {
        let what = ty.unwrap_or("a function");
        let (class, detail) = match self.cli.round_trip(file, ty, bytes) {
            CliOutcome::Bytes(_, out) if out == bytes => return None,
            CliOutcome::Bytes(json, out) => (
                "tlayer decode then encode gives other bytes",
                format!("type {what}\n{}\n  json: {}", diff(bytes, &out), one_line(&json)),
            ),
            CliOutcome::DecodeError(e) => {
                ("tlayer decode refuses valid bytes", format!("type {what}\n  in: {}\n  error: {e}", hex(bytes)))
            }
            CliOutcome::EncodeError(json, e) => (
                "tlayer encode refuses what decode printed",
                format!("type {what}\n  in: {}\n  json: {}\n  error: {e}", hex(bytes), one_line(&json)),
            ),
        };
        Some(Failure { stage: Stage::CliCodec, class: format!("cli: {class}"), options: None, detail })
    }
}

/// Both byte strings in hex, and where they first differ.
fn diff(want: &[u8], got: &[u8]) -> String {
    let at = want.iter().zip(got).position(|(a, b)| a != b).unwrap_or(want.len().min(got.len()));
    format!(
        "  in:  {}\n  out: {}\n  first difference at byte {at} (in: {} bytes, out: {} bytes)",
        hex(want),
        hex(got),
        want.len(),
        got.len()
    )
}

fn one_line(json: &str) -> String {
    let s: String = json.split_whitespace().collect::<Vec<_>>().join(" ");
    if s.chars().count() > 600 { format!("{}…", s.chars().take(600).collect::<String>()) } else { s }
}

/// (entry key, TL type for `tlayer decode --type`, bytes) for every value drawn.
fn draw_cases(schema: &Schema, values: &Values<'_>, rng: &mut Rng) -> Vec<(String, Option<String>, Vec<u8>)> {
    let mut cases = Vec::new();
    for (t, decl) in schema.types.iter().enumerate() {
        for _ in 0..VALUES_PER_TYPE {
            let mut out = Vec::new();
            values.boxed_type(rng, t, &mut out);
            cases.push((format!("e{t}"), Some(decl.name.clone()), out));
        }
    }
    for (f, func) in schema.functions.iter().enumerate() {
        for _ in 0..VALUES_PER_TYPE {
            let mut out = Vec::new();
            values.function(rng, f, &mut out);
            cases.push(("f".to_string(), None, out));
            let mut out = Vec::new();
            if values.result(rng, f, &mut out).is_some() {
                cases.push((format!("r{f}"), Some(schema.ret_text(&func.ret)), out));
            }
        }
    }
    cases
}

/// Parses `text`; the id of every definition by name, or the check failure.
fn parse_ids(file: &str, text: &str) -> Result<HashMap<String, u32>, Failure> {
    let parsed = tlayer_parser::parse(text, &tlayer_parser::Options::default());
    if !parsed.is_ok() {
        let index = tlayer_parser::LineIndex::new(text);
        let errors: Vec<_> =
            parsed.diagnostics.iter().filter(|d| d.severity == tlayer_parser::Severity::Error).collect();
        return Err(Failure {
            stage: Stage::Check,
            class: format!("check: {}", without_names(&errors[0].message)),
            options: None,
            detail: errors.iter().map(|d| index.render(&format!("{file}.tl"), d)).collect::<Vec<_>>().join(""),
        });
    }
    Ok(parsed.schema.items().map(|d| (d.name.text.to_string(), d.wire_id())).collect())
}

/// Generates the module of `s` for `o` (twice, to check determinism) with its entry points.
fn generate(s: &Subject, o: OptionSet, text: &str) -> Result<Module, Failure> {
    let file = format!("{}.tl", s.id);
    let older = crate::shrink::older_layer(&s.generated.schema).text();
    let run = || {
        catch_unwind(AssertUnwindSafe(|| {
            if o.layers {
                let sources = [
                    tlayer_codegen::LayerSource {
                        layer: Some(1),
                        name: format!("{}-old.tl", s.id),
                        bytes: older.clone().into_bytes(),
                    },
                    tlayer_codegen::LayerSource { layer: Some(2), name: file.clone(), bytes: text.as_bytes().to_vec() },
                ];
                tlayer_codegen::generate_layers(&sources, &o.options())
            } else {
                tlayer_codegen::generate(&file, text, &o.options())
            }
        }))
    };
    let fail = |class: String, detail: String| {
        let detail = if o.layers { format!("{detail}\n--- the older layer (OLD.tl):\n{older}") } else { detail };
        Failure { stage: Stage::Generate, class, options: Some(o), detail }
    };
    let code = match run() {
        Ok(Ok(code)) => code,
        Ok(Err(e)) => {
            return Err(fail(format!("generate: {}", without_names(&first_line(&e.to_string()))), e.to_string()));
        }
        Err(panic) => {
            let msg = panic_message(&panic);
            return Err(fail(format!("generate panics: {}", without_names(&msg)), msg));
        }
    };
    if !matches!(run(), Ok(Ok(ref again)) if *again == code) {
        return Err(fail("generate: output differs between two runs".into(), String::new()));
    }
    let name = format!("{}_{}", s.id, o.tag());
    if o.layers {
        // Compiled only: the codecs are exercised through the single-layer sets.
        return Ok(Module { name, code, entries: Vec::new() });
    }
    let parsed = tlayer_parser::parse(text, &tlayer_parser::Options::default());
    let model = Model::new(&parsed.schema)
        .map_err(|e| fail(format!("model: {}", without_names(&e.to_string())), e.to_string()))?;
    let schema = &s.generated.schema;
    let mut entries = Vec::new();
    let prefix = format!("g::{name}");
    for (t, decl) in schema.types.iter().enumerate() {
        if let Some(e) = model.enums.iter().find(|e| e.tl_name == decl.name) {
            entries.push(Entry { key: format!("e{t}"), rust: rust_path(&prefix, &e.path), round_trip: true });
        }
    }
    match o.side {
        Side::Both => {
            entries.push(Entry { key: "f".into(), rust: format!("{prefix}::functions::Function"), round_trip: true })
        }
        Side::Server => {
            entries.push(Entry { key: "f".into(), rust: format!("{prefix}::functions::Function"), round_trip: false })
        }
        Side::Client => {}
    }
    if o.side != Side::Server {
        for (f, func) in schema.functions.iter().enumerate() {
            if !matches!(func.ret, Ret::Ty(_)) {
                continue;
            }
            if let Some(item) = model.functions.iter().find(|i| i.def.name.text == func.def.name) {
                let path = rust_path(&prefix, &item.path);
                entries.push(Entry {
                    key: format!("r{f}"),
                    rust: format!("<{path} as ::tlayer::RemoteCall>::Return"),
                    round_trip: true,
                });
            }
        }
    }
    Ok(Module { name, code, entries })
}

fn rust_path(prefix: &str, p: &RustPath) -> String {
    format!("{prefix}::{p}")
}

fn first_line(s: &str) -> String {
    s.lines().find(|l| !l.trim().is_empty() && !l.ends_with("schema errors:")).unwrap_or("").to_string()
}

fn panic_message(panic: &Box<dyn std::any::Any + Send>) -> String {
    panic
        .downcast_ref::<String>()
        .cloned()
        .or_else(|| panic.downcast_ref::<&str>().map(|s| s.to_string()))
        .unwrap_or_else(|| "a panic without a message".into())
}

/// The class of a compile failure: its error codes, or the first message without names.
fn compile_class(messages: &str) -> String {
    let mut codes: BTreeSet<String> = BTreeSet::new();
    for line in messages.lines() {
        if let Some(i) = line.find("error[E") {
            codes.insert(line[i + 6..i + 11].to_string());
        } else if let Some(i) = line.find("error: ").or_else(|| line.find("warning: ")) {
            codes.insert(without_names(&line[i..]));
        }
    }
    format!("compile: {}", codes.into_iter().collect::<Vec<_>>().join(", "))
}

/// A message with every `quoted` name and number replaced by `_`, so that one class of failure
/// has one text whatever the schema's names.
pub fn without_names(msg: &str) -> String {
    let mut out = String::new();
    let mut in_quote = false;
    for c in msg.chars() {
        if c == '`' {
            if !in_quote {
                out.push_str("`_`");
            }
            in_quote = !in_quote;
        } else if !in_quote {
            if c.is_ascii_digit() {
                if !out.ends_with('N') {
                    out.push('N');
                }
            } else {
                out.push(c);
            }
        }
    }
    out
}

/// Shrinks `subject`, which fails with `failure`: tries every one-step reduction (one build for
/// all of them), keeps the shortest one that still fails with the same class, for at most
/// `rounds` rounds. Returns the smallest subject found and its failure.
pub fn shrink(h: &Harness, subject: &Subject, failure: &Failure, rounds: usize) -> (Subject, Failure) {
    let mut cur = (subject.clone(), failure.clone());
    let option_sets = failure.options.map_or_else(|| subject.option_sets[..1].to_vec(), |o| vec![o]);
    let only = Some(failure.stage);
    for _ in 0..rounds {
        let empty = HashMap::new();
        let candidates: Vec<Schema> = crate::shrink::reductions(&cur.0.generated.schema)
            .into_iter()
            .filter(|c| Values::new(c, &empty, &h.on).all_finite())
            .filter(|c| crate::classify::shapes(c, &h.on).iter().all(|s| h.on.on(*s)))
            .take(64)
            .collect();
        let subjects: Vec<Subject> = candidates
            .into_iter()
            .enumerate()
            .map(|(j, schema)| Subject {
                id: format!("k{j}"),
                generated: Generated { shapes: crate::classify::shapes(&schema, &h.on), schema },
                option_sets: option_sets.clone(),
                value_seed: cur.0.value_seed,
            })
            .collect();
        let results = h.run_batch(&subjects, only);
        let best = subjects
            .iter()
            .zip(results)
            .filter_map(|(s, fs)| fs.into_iter().find(|f| f.class == failure.class).map(|f| (s, f)))
            .min_by_key(|(s, _)| s.generated.schema.text().len());
        match best {
            Some((s, f)) => cur = (s.clone(), f),
            None => break,
        }
    }
    cur
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn classes_ignore_names_and_numbers() {
        assert_eq!(without_names("foo.tl:1:2: cannot resolve type `int512`"), "foo.tl:N:N: cannot resolve type `_`");
        assert_eq!(
            compile_class("src/gen/s1.rs:3:4: error[E0428]: the name `A1` is defined multiple times\n"),
            "compile: E0428"
        );
    }
}
