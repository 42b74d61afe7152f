//! The CLI's schema-driven codec, run as users run it: `tlayer decode` then `tlayer encode`.

use crate::scratch::{hex, unhex};
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// What `tlayer decode` + `tlayer encode` did with one value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CliOutcome {
    /// Decoded to this JSON and encoded back to these bytes.
    Bytes(String, Vec<u8>),
    /// `decode` refused the bytes.
    DecodeError(String),
    /// `decode` gave this JSON, which `encode` refused.
    EncodeError(String, String),
}

/// The `tlayer` binary.
pub struct Cli {
    exe: PathBuf,
}

impl Cli {
    /// `TLAYER_BIN` if set; otherwise builds `tlayer` (`cargo build -p tlayer-cli`, a no-op when
    /// it is fresh) into the workspace target directory `target`.
    pub fn locate(repo: &Path, target: &Path) -> Cli {
        if let Some(exe) = std::env::var_os("TLAYER_BIN") {
            return Cli { exe: exe.into() };
        }
        let jobs = std::env::var("RANDOM_SCHEMA_JOBS").unwrap_or_else(|_| "1".into());
        let status = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
            .args(["build", "--quiet", "-j", &jobs, "-p", "tlayer-cli", "--bin", "tlayer", "--manifest-path"])
            .arg(repo.join("Cargo.toml"))
            .arg("--target-dir")
            .arg(target)
            .status()
            .expect("cargo runs");
        assert!(status.success(), "building the tlayer CLI failed");
        Cli { exe: target.join("debug").join(format!("tlayer{}", std::env::consts::EXE_SUFFIX)) }
    }

    fn run(&self, args: &[&str], stdin: &str) -> (bool, String, String) {
        let mut child = Command::new(&self.exe)
            .args(args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| panic!("{}: {e}", self.exe.display()));
        child.stdin.take().expect("stdin").write_all(stdin.as_bytes()).expect("write stdin");
        let out = child.wait_with_output().expect("tlayer runs");
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stdout).into_owned(),
            String::from_utf8_lossy(&out.stderr).trim().to_string(),
        )
    }

    /// `decode` then `encode` of `bytes` as `ty` (a TL type, or any function when `None`).
    pub fn round_trip(&self, schema: &Path, ty: Option<&str>, bytes: &[u8]) -> CliOutcome {
        let schema = schema.to_string_lossy();
        let mut args = vec!["decode", "--schema", &schema];
        if let Some(t) = ty {
            args.extend(["--type", t]);
        }
        args.push("-");
        let (ok, json, err) = self.run(&args, &hex(bytes));
        if !ok {
            return CliOutcome::DecodeError(err);
        }
        args[0] = "encode";
        let (ok, out, err) = self.run(&args, &json);
        if !ok {
            return CliOutcome::EncodeError(json, err);
        }
        CliOutcome::Bytes(json, unhex(&out))
    }
}
