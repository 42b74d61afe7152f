//! The scratch crate: every generated module of a batch in one library (warnings denied), and a
//! binary that pushes the cases' bytes through the generated codecs. One `cargo build` per batch,
//! in a target directory that persists between runs, so rebuilds are incremental.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A generated module and what the runner may do with it.
#[derive(Clone, Debug)]
pub struct Module {
    /// Module name (`s3_bfs`).
    pub name: String,
    /// The generated Rust.
    pub code: String,
    /// (key, Rust type, round trip) for each entry point: `rt` decodes and re-encodes, otherwise
    /// the runner only decodes.
    pub entries: Vec<Entry>,
}

/// One type the runner can decode.
#[derive(Clone, Debug)]
pub struct Entry {
    /// The key cases use.
    pub key: String,
    /// The Rust type, from the runner (`g::s0_bfs::enums::Foo`).
    pub rust: String,
    /// Encode again after decoding (the type implements `TlWrite`).
    pub round_trip: bool,
}

/// What the generated code did with one case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Decoded; the bytes written back (the input itself when only decoding).
    Bytes(Vec<u8>),
    /// Refused the bytes.
    Error(String),
}

/// The scratch crate's directory and target directory.
pub struct Scratch {
    dir: PathBuf,
    target: PathBuf,
    repo: PathBuf,
    jobs: String,
}

/// The result of building a batch.
pub struct Built {
    /// Modules that did not compile, with rustc's messages about them.
    pub failed: BTreeMap<String, String>,
    /// Messages not about any one module (the build failed for another reason).
    pub other: Option<String>,
}

impl Scratch {
    /// A scratch crate under `root` (e.g. `target/random-schema`), using the runtime of `repo`.
    pub fn new(root: &Path, repo: &Path) -> Scratch {
        let jobs = std::env::var("RANDOM_SCHEMA_JOBS").unwrap_or_else(|_| "1".into());
        Scratch { dir: root.join("scratch"), target: root.join("target"), repo: repo.to_path_buf(), jobs }
    }

    fn write_if_changed(path: &Path, text: &str) {
        if std::fs::read_to_string(path).ok().as_deref() != Some(text) {
            std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        }
    }

    /// Writes the crate for `modules` and builds it; modules that fail are reported, not fatal.
    pub fn build(&self, modules: &[Module]) -> Built {
        let src = self.dir.join("src");
        let gen_dir = src.join("gen");
        std::fs::create_dir_all(&gen_dir).expect("scratch dir");
        let runtime = self.repo.join("tl-runtime");
        let manifest = format!(
            "[package]\nname = \"random-schema-scratch\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [workspace]\n\n[dependencies]\ntlayer = {{ path = {runtime:?} }}\n\
             serde = {{ version = \"1\", features = [\"derive\"], optional = true }}\n\n\
             [features]\ndefault = [\"serde\"]\nserde = [\"dep:serde\", \"tlayer/serde\"]\n\n\
             [profile.dev]\ndebug = 0\nopt-level = 0\n",
            runtime = runtime.display().to_string()
        );
        Self::write_if_changed(&self.dir.join("Cargo.toml"), &manifest);
        // The repository's lock file, every time: the same dependency versions as the workspace
        // (cargo prunes the copy to what the scratch crate uses), and no network needed.
        if let Ok(lock) = std::fs::read_to_string(self.repo.join("Cargo.lock")) {
            Self::write_if_changed(&self.dir.join("Cargo.lock"), &lock);
        }
        let mut lib = String::from("//! Generated modules of one random-schema batch.\n#![deny(warnings)]\n");
        let mut keep = Vec::new();
        for m in modules {
            Self::write_if_changed(&gen_dir.join(format!("{}.rs", m.name)), &m.code);
            keep.push(format!("{}.rs", m.name));
            let _ = writeln!(lib, "/// Generated.\npub mod {} {{\n    include!(\"gen/{}.rs\");\n}}", m.name, m.name);
        }
        // Old modules would only slow `include!`-free builds down; remove them.
        if let Ok(dir) = std::fs::read_dir(&gen_dir) {
            for e in dir.flatten() {
                if !keep.iter().any(|k| *k == e.file_name().to_string_lossy()) {
                    let _ = std::fs::remove_file(e.path());
                }
            }
        }
        Self::write_if_changed(&src.join("lib.rs"), &lib);
        Self::write_if_changed(&src.join("main.rs"), &runner(modules));
        let out = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--quiet", "--message-format=short", "-j", &self.jobs, "--manifest-path"])
            .arg(self.dir.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(&self.target)
            .env_remove("RUSTFLAGS")
            .env("CARGO_TERM_COLOR", "never")
            .output()
            .expect("cargo runs");
        let mut failed: BTreeMap<String, String> = BTreeMap::new();
        let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
        if out.status.success() {
            return Built { failed, other: None };
        }
        for line in stderr.lines() {
            match line.split_once("src/gen/").and_then(|(_, rest)| rest.split_once(".rs:")) {
                Some((module, _)) if line.contains("error") || line.contains("warning") => {
                    let text = failed.entry(module.to_string()).or_default();
                    text.push_str(line);
                    text.push('\n');
                }
                _ => {}
            }
        }
        let other = failed.is_empty().then_some(stderr);
        Built { failed, other }
    }

    /// Runs the built binary on `cases` (module, key, bytes).
    pub fn run(&self, cases: &[(String, String, Vec<u8>)]) -> Vec<Outcome> {
        let mut input = String::new();
        for (module, key, bytes) in cases {
            let _ = writeln!(input, "{module}\t{key}\t{}", hex(bytes));
        }
        let path = self.dir.join("cases.txt");
        std::fs::write(&path, input).expect("cases file");
        let exe = self.target.join("debug").join(format!("random-schema-scratch{}", std::env::consts::EXE_SUFFIX));
        let out = Command::new(&exe).arg(&path).output().unwrap_or_else(|e| panic!("{}: {e}", exe.display()));
        assert!(out.status.success(), "scratch runner failed: {}", String::from_utf8_lossy(&out.stderr));
        let text = String::from_utf8(out.stdout).expect("runner prints UTF-8");
        let outcomes: Vec<Outcome> = text
            .lines()
            .map(|l| match l.split_once('\t') {
                Some(("ok", h)) => Outcome::Bytes(unhex(h)),
                Some((_, msg)) => Outcome::Error(msg.to_string()),
                None => Outcome::Error(l.to_string()),
            })
            .collect();
        assert_eq!(outcomes.len(), cases.len(), "one outcome per case");
        outcomes
    }
}

/// The runner's source: reads `module\tkey\thex` lines, prints `ok\thex` or `err\tmessage`.
fn runner(modules: &[Module]) -> String {
    let mut s = String::from(
        "//! Pushes bytes through the generated codecs.\n#![allow(dead_code, unused_imports)]\n\
         use random_schema_scratch as g;\nuse tlayer::{TlRead, TlWrite};\n\n\
         fn rt<T: TlRead + TlWrite>(b: &[u8]) -> Result<Vec<u8>, String> {\n    \
         T::from_bytes(b).map(|v| v.to_bytes()).map_err(|e| e.to_string())\n}\n\n\
         fn rd<T: TlRead>(b: &[u8]) -> Result<Vec<u8>, String> {\n    \
         T::from_bytes(b).map(|_| b.to_vec()).map_err(|e| e.to_string())\n}\n\n\
         fn dispatch(module: &str, key: &str, b: &[u8]) -> Result<Vec<u8>, String> {\n    match (module, key) {\n",
    );
    for m in modules {
        for e in &m.entries {
            let f = if e.round_trip { "rt" } else { "rd" };
            let _ = writeln!(s, "        ({:?}, {:?}) => {f}::<{}>(b),", m.name, e.key, e.rust);
        }
    }
    s.push_str(
        "        _ => Err(format!(\"no entry {module} {key}\")),\n    }\n}\n\n\
         fn unhex(h: &str) -> Vec<u8> {\n    (0..h.len()).step_by(2).map(|i| u8::from_str_radix(&h[i..i + 2], 16).unwrap()).collect()\n}\n\n\
         fn main() {\n    let path = std::env::args().nth(1).expect(\"cases file\");\n    \
         let text = std::fs::read_to_string(path).expect(\"cases\");\n    for line in text.lines() {\n        \
         let mut parts = line.split('\\t');\n        \
         let (m, k, h) = (parts.next().unwrap(), parts.next().unwrap(), parts.next().unwrap_or(\"\"));\n        \
         match dispatch(m, k, &unhex(h)) {\n            \
         Ok(out) => println!(\"ok\\t{}\", out.iter().map(|b| format!(\"{b:02x}\")).collect::<String>()),\n            \
         Err(e) => println!(\"err\\t{}\", e.replace(['\\n', '\\t'], \" \")),\n        }\n    }\n}\n",
    );
    s
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Bytes of lowercase hex (as this crate and `tlayer encode` print it).
pub fn unhex(h: &str) -> Vec<u8> {
    let h = h.trim();
    (0..h.len() / 2).map(|i| u8::from_str_radix(&h[2 * i..2 * i + 2], 16).unwrap_or(0)).collect()
}
