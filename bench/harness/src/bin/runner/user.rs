//! The crates a user writes, built the way a user builds them (`runner user`).
//!
//! Three Cargo workspaces of their own under `--dir`, each with its own `target/` and cargo's
//! default profiles (so build scripts run unoptimized):
//!
//! - `tlayer/`: `api`, a library whose `build.rs` follows the README recipe for layer 230
//!   (`Config::new().schema(..).out_file(..).compile()`), and `app`, a binary that decodes and
//!   re-encodes five big types (`Updates`, `messages.Messages`, `User`, `Chat`, `Config`);
//! - `tlayer-subset/`: the same, with `.only(..)` naming the 20 functions of a small client
//!   ([`CLIENT`]) and the five types;
//! - `tlayer-committed/`: the same subset generated once, client side only, with
//!   `tlayer_codegen::generate` (what `tlayer generate --side client --only ...` writes) and kept
//!   as a source file of `api`: no build script, so no generator to compile;
//! - `grammers/`: the same `app` on `grammers-tl-types = "=0.11.0"` (default features).
//!
//! `api` is built without incremental compilation (`[profile.dev.package.api] incremental =
//! false`), as the README advises for a crate of generated code; grammers-tl-types, a registry
//! dependency, is never built incrementally.
//!
//! Each run, for each workspace in alternating order: a cold `cargo build` (`first-build`; the
//! build script's run in it is `generate-build-script`), an edit of `app/src/main.rs` and an
//! incremental rebuild (`app-rebuild`), then with `CARGO_INCREMENTAL=0` a warm-up build and,
//! after another edit, the measured rebuild (`app-rebuild-ci`). The build script's binary is
//! also run alone three times (best CPU time: `generate-build-script cpu`).
//!
//! The ratios use CPU time (user + system of cargo and everything it runs): with `-j 1` it is
//! what the wall time would be on an idle machine, and on this shared one it moves far less
//! than the wall time does.

use super::{Results, order, run};
use std::path::{Path, PathBuf};
use std::process::Command;

/// Arguments of `runner user`.
pub struct User {
    pub runs: usize,
    pub root: PathBuf,
    pub dir: PathBuf,
    pub jobs: String,
    pub results: PathBuf,
}

/// The 20 functions of the small client (issue 10, item 4).
pub const CLIENT: [&str; 20] = [
    "messages.sendMessage",
    "messages.getHistory",
    "updates.getDifference",
    "updates.getState",
    "users.getFullUser",
    "users.getUsers",
    "contacts.resolveUsername",
    "upload.getFile",
    "help.getConfig",
    "auth.sendCode",
    "auth.signIn",
    "messages.getDialogs",
    "messages.readHistory",
    "messages.editMessage",
    "messages.deleteMessages",
    "messages.sendMedia",
    "messages.getMessages",
    "channels.getMessages",
    "photos.getUserPhotos",
    "account.updateStatus",
];

/// The five types the app decodes and re-encodes.
const APP_TYPES: [&str; 5] = ["Updates", "messages.Messages", "User", "Chat", "Config"];

pub fn run_all(u: &User) {
    let mut res = Results::open(&u.results);
    let lock = u.root.join("bench/Cargo.lock");
    for side in ["tlayer", "tlayer-subset", "tlayer-committed", "grammers"] {
        let ws = u.dir.join(side);
        write_workspace(&ws, side, &u.root);
        // The same dependency versions as the harness; then download outside the timings.
        let _ = std::fs::copy(&lock, ws.join("Cargo.lock"));
        run(Command::new(cargo()).arg("fetch").current_dir(&ws));
    }
    let mut edit = 0;
    for run_i in 0..u.runs {
        let r = run_i.to_string();
        let [a, b] = order(run_i, "tlayer", "grammers");
        for side in [a, "tlayer-subset", "tlayer-committed", b] {
            let ws = u.dir.join(side);
            let target = ws.join("target");
            let _ = std::fs::remove_dir_all(&target);
            let types = if side == "grammers" { "grammers-tl-types" } else { "api" };

            let ran = run(build(&ws, &u.jobs, None).arg("--timings"));
            let first = units(&target);
            let unit = |pkg: &str, mode: &str| -> f64 {
                first.iter().filter(|x| x.0 == pkg && x.1 == mode).map(|x| x.2).sum()
            };
            let (bs_compile, bs_run) = (unit(types, "build-script"), unit(types, "run-custom-build"));
            eprintln!(
                "user: run {} {side}: first build wall {:.1} s, cpu {:.1} s; {types}: build script compile {:.2} s, \
                 run {:.2} s, library {:.1} s; app {:.1} s",
                run_i + 1,
                ran.wall,
                ran.cpu,
                bs_compile,
                bs_run,
                unit(types, "lib"),
                unit("app", "bin"),
            );
            res.put(&r, "first-build", side, "wall", ran.wall);
            res.put(&r, "first-build", side, "cpu", ran.cpu);
            res.put(&r, "first-build", side, "types-lib", unit(types, "lib"));
            res.put(&r, "first-build", side, "app", unit("app", "bin"));
            // The committed subset has no build script: nothing to record or run again.
            if side != "tlayer-committed" {
                res.put(&r, "generate-build-script", side, "run", bs_run);
                res.put(&r, "generate-build-script", side, "compile", bs_compile);
                // The same build script binary again, alone: its CPU time does not depend on the load.
                let cpu: Vec<f64> = (0..3).filter_map(|_| rerun_build_script(&ws, &target, types)).collect();
                if let Some(best) = cpu.iter().copied().reduce(f64::min) {
                    eprintln!(
                        "user: run {} {side}: build script alone, cpu {best:.2} s (best of {})",
                        run_i + 1,
                        cpu.len()
                    );
                    res.put(&r, "generate-build-script", side, "cpu", best);
                }
            }

            for (stage, incremental) in [("app-rebuild", None), ("app-rebuild-ci", Some("0"))] {
                if incremental.is_some() {
                    // Switching incremental off may rebuild the local crates once: not measured.
                    run(&mut build(&ws, &u.jobs, incremental));
                }
                edit += 1;
                write_main(&ws, side, edit);
                let ran = run(build(&ws, &u.jobs, incremental).arg("--timings"));
                // Units cargo found fresh are listed too, with no duration.
                let rebuilt = units(&target).iter().filter(|x| x.0 != "app" && x.2 > 0.0).count();
                eprintln!(
                    "user: run {} {side}: {stage} wall {:.2} s, cpu {:.2} s{}",
                    run_i + 1,
                    ran.wall,
                    ran.cpu,
                    if rebuilt > 0 { format!(" ({rebuilt} other units rebuilt)") } else { String::new() }
                );
                res.put(&r, stage, side, "wall", ran.wall);
                res.put(&r, stage, side, "cpu", ran.cpu);
                res.put(&r, stage, side, "deps-rebuilt", rebuilt as f64);
            }
        }
    }
}

/// Runs the compiled build script of package `pkg` once more, as cargo runs it (its package
/// directory as working directory, a fresh `OUT_DIR`), and returns its CPU seconds.
fn rerun_build_script(ws: &Path, target: &Path, pkg: &str) -> Option<f64> {
    let prefix = format!("{pkg}-");
    let script = std::fs::read_dir(target.join("debug/build"))
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().starts_with(&prefix))
        .map(|e| e.path().join("build-script-build"))
        .find(|p| p.is_file())?;
    let dir = if pkg == "api" {
        ws.join("api")
    } else {
        let home = std::env::var("CARGO_HOME")
            .map(PathBuf::from)
            .unwrap_or_else(|_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"));
        std::fs::read_dir(home.join("registry/src"))
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path().join("grammers-tl-types-0.11.0"))
            .find(|p| p.is_dir())?
    };
    let out = target.join("rerun-out");
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).ok()?;
    let ran = run(Command::new(&script).current_dir(dir).env("OUT_DIR", &out).stdout(std::process::Stdio::null()));
    Some(ran.cpu)
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

/// `cargo build -j JOBS` in workspace `ws`, into its own target dir; `incremental` sets
/// `CARGO_INCREMENTAL`, else cargo's default (on for local crates in the dev profile).
fn build(ws: &Path, jobs: &str, incremental: Option<&str>) -> Command {
    let mut c = Command::new(cargo());
    c.args(["build", "-j", jobs]).current_dir(ws).env("CARGO_TARGET_DIR", ws.join("target"));
    match incremental {
        Some(v) => c.env("CARGO_INCREMENTAL", v),
        None => c.env_remove("CARGO_INCREMENTAL"),
    };
    c
}

/// (package, mode, seconds) of each unit in cargo's `--timings` report under `target`.
fn units(target: &Path) -> Vec<(String, String, f64)> {
    let dir = target.join("cargo-timings");
    let html = std::fs::read_to_string(dir.join("cargo-timing.html")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let Some(start) = html.find("const UNIT_DATA = ") else { return vec![] };
    let rest = &html[start + "const UNIT_DATA = ".len()..];
    let end = rest.find("\n];").map_or(rest.len(), |e| e + 2);
    let units: Vec<serde_json::Value> = serde_json::from_str(&rest[..end]).unwrap_or_default();
    units
        .iter()
        .map(|u| {
            let target = u["target"].as_str().unwrap_or("").trim();
            // Targets read `build-script`, `build-script (run)`, `bin "app"` or `app "bin"`
            // (by cargo version), empty for a library.
            let mode = match (target, u["mode"].as_str().unwrap_or("")) {
                (t, m) if m == "run-custom-build" || t.ends_with("(run)") => "run-custom-build",
                ("build-script", _) => "build-script",
                (t, _) if t.contains("bin") => "bin",
                _ => "lib",
            };
            (u["name"].as_str().unwrap_or("").to_string(), mode.to_string(), u["duration"].as_f64().unwrap_or(0.0))
        })
        .collect()
}

fn write(path: &Path, text: &str) {
    std::fs::create_dir_all(path.parent().expect("a file in a directory")).expect("create dir");
    std::fs::write(path, text).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
}

fn write_workspace(ws: &Path, side: &str, root: &Path) {
    let _ = std::fs::remove_dir_all(ws);
    let root = root.display();
    write(
        &ws.join("Cargo.toml"),
        "# A user's workspace (written by `runner user`): cargo's default profiles.\n\
         [workspace]\nresolver = \"3\"\nmembers = [\"app\"]\n",
    );
    if side == "grammers" {
        write(
            &ws.join("app/Cargo.toml"),
            "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
             [dependencies]\ngrammers-tl-types = \"=0.11.0\"\n",
        );
    } else {
        write(
            &ws.join("Cargo.toml"),
            "# A user's workspace (written by `runner user`): cargo's default profiles, and the\n\
             # README's advice for the crate that holds generated code.\n\
             [workspace]\nresolver = \"3\"\nmembers = [\"api\", \"app\"]\n\n\
             [profile.dev.package.api]\nincremental = false\n",
        );
        let committed = side == "tlayer-committed";
        // The committed subset has no build script, so no generator to build.
        let build_deps = if committed {
            String::new()
        } else {
            format!("\n[build-dependencies]\ntlayer-codegen = {{ path = \"{root}/tl-codegen\" }}\n")
        };
        write(
            &ws.join("api/Cargo.toml"),
            &format!(
                "[package]\nname = \"api\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\ntlayer = {{ path = \"{root}/tl-runtime\" }}\n{build_deps}"
            ),
        );
        if committed {
            // Generated here, outside the timings, as a user generates once and commits.
            let schema = std::fs::read_to_string(format!("{root}/schema/tl/layer230.tl")).expect("layer 230");
            let options = tlayer_codegen::Options {
                side: tlayer_codegen::Side::Client,
                only: CLIENT.iter().chain(&APP_TYPES).map(|n| n.to_string()).collect(),
                format: false,
                ..Default::default()
            };
            let code = tlayer_codegen::generate("layer230.tl", &schema, &options).expect("generate the subset");
            write(&ws.join("api/src/layer230.rs"), &code);
            write(
                &ws.join("api/src/lib.rs"),
                "//! Telegram API layer 230: 20 client functions and what they reach, generated once.\n\
                 pub mod layer230 {\n    include!(\"layer230.rs\");\n}\n",
            );
        } else {
            let only = if side == "tlayer-subset" {
                let names: Vec<String> = CLIENT.iter().chain(&APP_TYPES).map(|n| format!("\"{n}\"")).collect();
                format!("\n        .only([{}])", names.join(", "))
            } else {
                String::new()
            };
            write(
                &ws.join("api/build.rs"),
                &format!(
                    "fn main() {{\n    tlayer_codegen::Config::new()\n        .schema(\"{root}/schema/tl/layer230.tl\")\n        \
                     .out_file(\"layer230.rs\"){only}\n        .compile()\n        .unwrap();\n}}\n"
                ),
            );
            write(
                &ws.join("api/src/lib.rs"),
                "//! Telegram API layer 230, generated by build.rs.\n\
                 pub mod layer230 {\n    include!(concat!(env!(\"OUT_DIR\"), \"/layer230.rs\"));\n}\n",
            );
        }
        write(
            &ws.join("app/Cargo.toml"),
            &format!(
                "[package]\nname = \"app\"\nversion = \"0.0.0\"\nedition = \"2024\"\npublish = false\n\n\
                 [dependencies]\napi = {{ path = \"../api\" }}\ntlayer = {{ path = \"{root}/tl-runtime\" }}\n"
            ),
        );
    }
    write_main(ws, side, 0);
}

/// The app: decodes a file as each of the five types and re-encodes what decodes. `edit`
/// changes a constant, as an edit of the app would.
fn write_main(ws: &Path, side: &str, edit: u32) {
    let (uses, bound, decode, encode) = if side == "grammers" {
        (
            "use grammers_tl_types::{Deserializable, Serializable, enums};",
            "Deserializable + Serializable",
            "T::from_bytes(bytes)",
            "value.to_bytes()",
        )
    } else {
        (
            "use api::layer230::enums;\nuse tlayer::{TlRead, TlWrite};",
            "TlRead + TlWrite",
            "T::from_bytes(bytes)",
            "value.to_bytes()",
        )
    };
    let text = format!(
        "//! Decodes the file given as each of five types and re-encodes what decodes.\n\
         {uses}\n\n\
         const EDIT: u32 = {edit};\n\n\
         fn roundtrip<T: {bound}>(name: &str, bytes: &[u8]) -> usize {{\n    \
             match {decode} {{\n        \
                 Ok(value) => {encode}.len(),\n        \
                 Err(e) => {{\n            eprintln!(\"{{name}}: {{e:?}}\");\n            0\n        }}\n    \
             }}\n}}\n\n\
         fn main() {{\n    \
             let input = std::env::args().nth(1).map(|p| std::fs::read(p).expect(\"read\")).unwrap_or_default();\n    \
             let n = roundtrip::<enums::Updates>(\"Updates\", &input)\n        \
                 + roundtrip::<enums::messages::Messages>(\"messages.Messages\", &input)\n        \
                 + roundtrip::<enums::User>(\"User\", &input)\n        \
                 + roundtrip::<enums::Chat>(\"Chat\", &input)\n        \
                 + roundtrip::<enums::Config>(\"Config\", &input);\n    \
             println!(\"{{n}} bytes re-encoded (edit {{EDIT}})\");\n}}\n"
    );
    write(&ws.join("app/src/main.rs"), &text);
}
