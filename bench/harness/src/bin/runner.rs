//! The measuring and reporting half of `scripts/bench-vs-grammers.sh`.
//!
//! Every measurement is appended to a results file as one line
//! `M RUN STAGE SIDE METRIC VALUE` (SIDE is `tlayer`, `grammers` or a variant such as
//! `tlayer-noformat`); the codec bench's `ALLOC` lines and the `sizes` binary's `SIZE` /
//! `largest-enum-bytes` lines go into the same file. `report` turns the file into the tables of
//! BENCHMARKS.md and the final `ratio STAGE X.XX` lines.
//!
//! Subcommands (all take `--results FILE`):
//! * `generate --runs N --schema S --out DIR --gen-debug BIN --gen-release BIN --cli BIN`
//! * `compile --runs N` (run in bench/, with CARGO_TARGET_DIR set to a target dir of its own)
//! * `user --runs N --root REPO --dir DIR --jobs J`: the crates a user writes (see `user.rs`)
//! * `criterion --dir TARGET/criterion --run I`
//! * `report`
//!
//! Why one file of this size: the measuring and reporting half of one script, around one
//! results file whose line format both halves share.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::Instant;

#[path = "runner/user.rs"]
mod user;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(cmd) = args.first() else { usage() };
    let opt =
        |name: &str| -> Option<String> { args.iter().position(|a| a == name).and_then(|i| args.get(i + 1)).cloned() };
    let req = |name: &str| opt(name).unwrap_or_else(|| usage());
    let results = PathBuf::from(req("--results"));
    match cmd.as_str() {
        "generate" => generate(&Generate {
            runs: req("--runs").parse().expect("--runs"),
            schema: req("--schema"),
            out: PathBuf::from(req("--out")),
            gen_debug: req("--gen-debug"),
            gen_release: req("--gen-release"),
            cli: req("--cli"),
            results,
        }),
        "compile" => compile(req("--runs").parse().expect("--runs"), &results),
        "user" => user::run_all(&user::User {
            runs: req("--runs").parse().expect("--runs"),
            root: PathBuf::from(req("--root")),
            dir: PathBuf::from(req("--dir")),
            jobs: req("--jobs"),
            results,
        }),
        "criterion" => criterion(Path::new(&req("--dir")), &req("--run"), &results),
        "report" => report(&results),
        _ => usage(),
    }
}

fn usage() -> ! {
    eprintln!("usage: runner generate|compile|criterion|report --results FILE [...] (see the source)");
    std::process::exit(2);
}

// ---------------------------------------------------------------------------------------------
// Measuring processes
// ---------------------------------------------------------------------------------------------

/// CPU seconds (user + system) of this process's waited-for children, from /proc/self/stat.
fn children_cpu() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let fields: Vec<&str> = after.split_whitespace().collect();
    // After the command name: state is field 3, cutime 16, cstime 17 (man 5 proc).
    let tick = |i: usize| fields.get(i - 3).and_then(|f| f.parse::<f64>().ok()).unwrap_or(0.0);
    (tick(16) + tick(17)) / 100.0
}

struct Ran {
    wall: f64,
    cpu: f64,
    stdout: String,
}

/// Runs `cmd` to completion; panics (with its stderr) if it fails.
fn run(cmd: &mut Command) -> Ran {
    let cpu0 = children_cpu();
    let start = Instant::now();
    let out = cmd.output().unwrap_or_else(|e| panic!("{cmd:?}: {e}"));
    let wall = start.elapsed().as_secs_f64();
    let cpu = children_cpu() - cpu0;
    if !out.status.success() {
        panic!("{cmd:?} failed ({}):\n{}", out.status, String::from_utf8_lossy(&out.stderr));
    }
    Ran { wall, cpu, stdout: String::from_utf8_lossy(&out.stdout).into_owned() }
}

struct Results(std::fs::File);

impl Results {
    fn open(path: &Path) -> Self {
        Results(std::fs::OpenOptions::new().create(true).append(true).open(path).expect("results file"))
    }
    fn put(&mut self, run: &str, stage: &str, side: &str, metric: &str, value: f64) {
        writeln!(self.0, "M {run} {stage} {side} {metric} {value}").expect("write results");
    }
}

/// `[a, b]` on even runs, `[b, a]` on odd ones: neither side always goes first.
fn order<'s>(run: usize, a: &'s str, b: &'s str) -> [&'s str; 2] {
    if run.is_multiple_of(2) { [a, b] } else { [b, a] }
}

// ---------------------------------------------------------------------------------------------
// Stage 2: generation
// ---------------------------------------------------------------------------------------------

struct Generate {
    runs: usize,
    schema: String,
    out: PathBuf,
    gen_debug: String,
    gen_release: String,
    cli: String,
    results: PathBuf,
}

/// The `GEN MODE SECONDS` line of the `gen` binary.
fn gen_seconds(stdout: &str) -> f64 {
    stdout
        .lines()
        .find_map(|l| l.strip_prefix("GEN ").and_then(|r| r.split_whitespace().nth(1)).and_then(|s| s.parse().ok()))
        .expect("gen printed its time")
}

fn generate(g: &Generate) {
    let mut res = Results::open(&g.results);
    let out = g.out.to_str().expect("UTF-8 path");
    let out_file = g.out.join("layer230.rs");
    std::fs::create_dir_all(&g.out).unwrap();
    for run_i in 0..g.runs {
        let r = run_i.to_string();
        eprintln!("generate: run {} of {}", run_i + 1, g.runs);
        // The build-script case: the `gen` binary built in the dev profile.
        for side in order(run_i, "tlayer", "grammers") {
            let ran = run(Command::new(&g.gen_debug).args([side, &g.schema, out]));
            res.put(&r, "generate-debug", side, "wall", ran.wall);
            res.put(&r, "generate-debug", side, "inproc", gen_seconds(&ran.stdout));
        }
        let ran = run(Command::new(&g.gen_debug).args(["tlayer-pretty", &g.schema, out]));
        res.put(&r, "generate-debug", "tlayer-pretty", "wall", ran.wall);
        res.put(&r, "generate-debug", "tlayer-pretty", "inproc", gen_seconds(&ran.stdout));
        // The release case: tlayer's CLI; grammers-tl-gen (a library) through the `gen` binary.
        for side in order(run_i, "tlayer", "grammers") {
            if side == "tlayer" {
                let ran = run(Command::new(&g.cli).args(["generate", &g.schema, "-o"]).arg(&out_file));
                res.put(&r, "generate", "tlayer", "wall", ran.wall);
            } else {
                let ran = run(Command::new(&g.gen_release).args(["grammers", &g.schema, out]));
                res.put(&r, "generate", "grammers", "wall", ran.wall);
                res.put(&r, "generate", "grammers", "inproc", gen_seconds(&ran.stdout));
            }
        }
        let ran = run(Command::new(&g.cli).args(["generate", "--no-format", &g.schema, "-o"]).arg(&out_file));
        res.put(&r, "generate", "tlayer-noformat", "wall", ran.wall);
        let ran = run(Command::new(&g.gen_release).args(["tlayer", &g.schema, out]));
        res.put(&r, "generate", "tlayer-lib", "inproc", gen_seconds(&ran.stdout));
    }
    // Output sizes, from the last run.
    let ours = std::fs::metadata(&out_file).map(|m| m.len()).unwrap_or(0);
    let _ = run(Command::new(&g.gen_release).args(["grammers", &g.schema, out]));
    let theirs: u64 = ["generated_common.rs", "generated_types.rs", "generated_functions.rs", "generated_enums.rs"]
        .iter()
        .map(|f| std::fs::metadata(g.out.join(f)).map(|m| m.len()).unwrap_or(0))
        .sum();
    res.put("0", "generated-size", "tlayer", "bytes", ours as f64);
    res.put("0", "generated-size", "grammers", "bytes", theirs as f64);
}

// ---------------------------------------------------------------------------------------------
// Stage 3: compiling the generated crate
// ---------------------------------------------------------------------------------------------

/// (package cleaned and measured, wrapper crate built, rlib file stem)
fn compiled(side: &str) -> (&'static str, &'static str, &'static str) {
    if side == "tlayer" {
        ("tlayer-schema", "ours-types", "libtlayer_schema-")
    } else {
        ("grammers-tl-types", "theirs-types", "libgrammers_tl_types-")
    }
}

fn target_dir() -> PathBuf {
    PathBuf::from(std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into()))
}

fn cargo(args: &[&str]) -> Command {
    let mut c = Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()));
    c.args(args).env("CARGO_INCREMENTAL", "0");
    c
}

/// One unit of cargo's `--timings` report: (target, mode, duration, front-end seconds).
type Unit = (String, String, f64, Option<f64>);

/// Units of one package in cargo's `--timings` report, and the other packages rebuilt.
fn timing_units(package: &str) -> (Vec<Unit>, Vec<String>) {
    let dir = target_dir().join("cargo-timings");
    let html = std::fs::read_to_string(dir.join("cargo-timing.html")).unwrap_or_default();
    let _ = std::fs::remove_dir_all(&dir);
    let Some(start) = html.find("const UNIT_DATA = ") else { return (vec![], vec![]) };
    let rest = &html[start + "const UNIT_DATA = ".len()..];
    let end = rest.find("\n];").map_or(rest.len(), |e| e + 2);
    let units: Vec<serde_json::Value> = serde_json::from_str(&rest[..end]).unwrap_or_default();
    let mut mine = Vec::new();
    let mut others = Vec::new();
    for u in &units {
        let name = u["name"].as_str().unwrap_or("");
        let duration = u["duration"].as_f64().unwrap_or(0.0);
        if name == package {
            let frontend = u["sections"]
                .as_array()
                .and_then(|s| s.iter().find(|x| x[0] == "frontend").and_then(|x| x[1]["end"].as_f64()));
            mine.push((
                u["target"].as_str().unwrap_or("").trim().to_string(),
                u["mode"].as_str().unwrap_or("").to_string(),
                duration,
                frontend,
            ));
        } else if duration > 0.0 && !name.ends_with("-types") {
            others.push(name.to_string());
        }
    }
    (mine, others)
}

fn rlib_size(profile: &str, stem: &str) -> Option<u64> {
    let deps = target_dir().join(profile).join("deps");
    std::fs::read_dir(deps)
        .ok()?
        .filter_map(Result::ok)
        .filter(|e| {
            let n = e.file_name();
            let n = n.to_string_lossy();
            n.starts_with(stem) && n.ends_with(".rlib")
        })
        .filter_map(|e| e.metadata().ok().map(|m| (m.modified().ok(), m.len())))
        .max_by_key(|(t, _)| *t)
        .map(|(_, len)| len)
}

fn compile(runs: usize, results: &Path) {
    let mut res = Results::open(results);
    eprintln!("compile: warm-up (dependencies; not measured)");
    for args in [
        &["build", "-p", "ours-types", "-p", "theirs-types"][..],
        &["check", "-p", "ours-types", "-p", "theirs-types"],
        &["build", "--release", "-p", "ours-types", "-p", "theirs-types"],
    ] {
        run(&mut cargo(args));
    }
    let kinds =
        [("compile-debug", "build", None), ("check", "check", None), ("compile-release", "build", Some("--release"))];
    for run_i in 0..runs {
        let r = run_i.to_string();
        for (stage, verb, release) in kinds {
            for side in order(run_i, "tlayer", "grammers") {
                let (package, wrapper, stem) = compiled(side);
                let mut clean = vec!["clean", "-p", package];
                let mut build = vec![verb, "-p", wrapper, "--timings"];
                if let Some(flag) = release {
                    clean.push(flag);
                    build.push(flag);
                }
                run(&mut cargo(&clean));
                let ran = run(&mut cargo(&build));
                let (units, others) = timing_units(package);
                let crate_time: f64 = units.iter().map(|u| u.2).sum();
                eprintln!(
                    "{stage}: run {} {side}: wall {:.1} s, cpu {:.1} s, {package} units {:.1} s {:?}{}",
                    run_i + 1,
                    ran.wall,
                    ran.cpu,
                    crate_time,
                    units.iter().map(|u| format!("{} {}: {:.1}", u.0, u.1, u.2)).collect::<Vec<_>>(),
                    if others.is_empty() { String::new() } else { format!(" (also rebuilt: {others:?})") }
                );
                res.put(&r, stage, side, "wall", ran.wall);
                res.put(&r, stage, side, "cpu", ran.cpu);
                res.put(&r, stage, side, "crate", crate_time);
                res.put(&r, stage, side, "deps-rebuilt", others.len() as f64);
                for (target, mode, duration, frontend) in &units {
                    let part = match (target.as_str(), mode.as_str()) {
                        ("build-script", _) => "bs-compile",
                        (_, "run-custom-build") => "bs-run",
                        _ => "lib",
                    };
                    res.put(&r, stage, side, part, *duration);
                    if let (Some(f), "lib") = (frontend, part) {
                        res.put(&r, stage, side, "lib-frontend", *f);
                    }
                }
                if verb == "build" {
                    let profile = if release.is_some() { "release" } else { "debug" };
                    if let Some(size) = rlib_size(profile, stem) {
                        let metric = if release.is_some() { "rlib" } else { "rlib-debug" };
                        res.put(&r, "rlib-size", side, metric, size as f64);
                    }
                }
            }
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Stages 1 and 4: criterion's estimates
// ---------------------------------------------------------------------------------------------

fn criterion(dir: &Path, run: &str, results: &Path) {
    let mut res = Results::open(results);
    let Ok(groups) = std::fs::read_dir(dir) else { panic!("no criterion results in {}", dir.display()) };
    let mut names: Vec<String> =
        groups.filter_map(Result::ok).map(|e| e.file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for group in names {
        for side in ["tlayer", "grammers"] {
            let path = dir.join(&group).join(side).join("new").join("estimates.json");
            let Ok(text) = std::fs::read_to_string(&path) else { continue };
            let v: serde_json::Value = serde_json::from_str(&text).expect("estimates.json");
            let m = &v["median"];
            let ci = &m["confidence_interval"];
            res.put(run, &group, side, "median_ns", m["point_estimate"].as_f64().unwrap_or(f64::NAN));
            res.put(run, &group, side, "ci_lo_ns", ci["lower_bound"].as_f64().unwrap_or(f64::NAN));
            res.put(run, &group, side, "ci_hi_ns", ci["upper_bound"].as_f64().unwrap_or(f64::NAN));
            // Criterion keeps its last run per benchmark: move it aside so a later run that
            // drops a benchmark cannot report a stale one.
            let _ = std::fs::rename(path.parent().unwrap(), path.parent().unwrap().with_file_name(format!("run{run}")));
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Report
// ---------------------------------------------------------------------------------------------

/// stage -> side -> metric -> run -> value
type Table = BTreeMap<String, BTreeMap<String, BTreeMap<String, BTreeMap<String, f64>>>>;

fn median(v: &[f64]) -> f64 {
    let mut v: Vec<f64> = v.iter().copied().filter(|x| x.is_finite()).collect();
    if v.is_empty() {
        return f64::NAN;
    }
    v.sort_by(f64::total_cmp);
    let n = v.len();
    if n % 2 == 1 { v[n / 2] } else { (v[n / 2 - 1] + v[n / 2]) / 2.0 }
}

fn min_max(v: &[f64]) -> (f64, f64) {
    v.iter().fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), &x| (lo.min(x), hi.max(x)))
}

fn geomean(v: &[f64]) -> f64 {
    (v.iter().map(|x| x.ln()).sum::<f64>() / v.len() as f64).exp()
}

struct Report {
    t: Table,
    allocs: Vec<String>,
    sizes: Vec<(String, String, u64)>,
    largest: Option<u64>,
    defs: Option<String>,
}

impl Report {
    fn load(path: &Path) -> Self {
        let text = std::fs::read_to_string(path).expect("results file");
        let mut t = Table::new();
        let mut allocs = Vec::new();
        let mut sizes = Vec::new();
        let mut largest = None;
        let mut defs = None;
        for line in text.lines() {
            let f: Vec<&str> = line.split_whitespace().collect();
            match f.first().copied() {
                Some("M") if f.len() == 6 => {
                    if let Ok(v) = f[5].parse::<f64>() {
                        t.entry(f[2].into())
                            .or_default()
                            .entry(f[3].into())
                            .or_default()
                            .entry(f[4].into())
                            .or_default()
                            .insert(f[1].into(), v);
                    }
                }
                // The same counts come from every run: keep the first line of each value.
                Some("ALLOC") if !allocs.iter().any(|a: &String| a.split_whitespace().nth(1) == f.get(1).copied()) => {
                    allocs.push(line.to_string());
                }
                Some("SIZE") if f.len() == 4 => sizes.push((f[1].into(), f[2].into(), f[3].parse().unwrap_or(0))),
                Some("largest-enum-bytes") => largest = f.get(1).and_then(|s| s.parse().ok()),
                Some("DEFS") => defs = Some(f[1..].join(" ")),
                _ => {}
            }
        }
        Report { t, allocs, sizes, largest, defs }
    }

    /// Values of one figure, by run.
    fn runs(&self, stage: &str, side: &str, metric: &str) -> BTreeMap<String, f64> {
        self.t.get(stage).and_then(|s| s.get(side)).and_then(|s| s.get(metric)).cloned().unwrap_or_default()
    }

    fn values(&self, stage: &str, side: &str, metric: &str) -> Vec<f64> {
        self.runs(stage, side, metric).into_values().collect()
    }

    /// theirs / ours for each run in which both were measured.
    fn run_ratios(&self, stage: &str, metric: &str) -> BTreeMap<String, f64> {
        let ours = self.runs(stage, "tlayer", metric);
        let theirs = self.runs(stage, "grammers", metric);
        ours.iter().filter_map(|(r, o)| theirs.get(r).map(|t| (r.clone(), t / o))).collect()
    }

    /// "median (min–max, n runs)" or, with one criterion run, "median [95% CI lo–hi]".
    fn figure(&self, stage: &str, side: &str, metric: &str, fmt: &dyn Fn(f64) -> String) -> String {
        let v = self.values(stage, side, metric);
        if v.is_empty() {
            return "n/a".into();
        }
        let m = median(&v);
        if v.len() == 1 && metric == "median_ns" {
            let lo = self.values(stage, side, "ci_lo_ns");
            let hi = self.values(stage, side, "ci_hi_ns");
            if let (Some(lo), Some(hi)) = (lo.first(), hi.first()) {
                return format!("{} [CI {}–{}]", fmt(m), fmt(*lo), fmt(*hi));
            }
        }
        if v.len() == 1 {
            return format!("{} (1 run)", fmt(m));
        }
        let (lo, hi) = min_max(&v);
        format!("{} ({}–{}, {} runs)", fmt(m), fmt(lo), fmt(hi), v.len())
    }

    fn ratio_text(&self, ratios: &[f64]) -> String {
        if ratios.is_empty() {
            return "n/a".into();
        }
        let m = median(ratios);
        if ratios.len() == 1 {
            return format!("{m:.2}");
        }
        let (lo, hi) = min_max(ratios);
        format!("{m:.2} ({lo:.2}–{hi:.2})")
    }
}

fn secs(x: f64) -> String {
    if x >= 10.0 {
        format!("{x:.1} s")
    } else if x >= 1.0 {
        format!("{x:.2} s")
    } else {
        format!("{:.0} ms", x * 1e3)
    }
}

fn ns(x: f64) -> String {
    if x >= 1e6 {
        format!("{:.2} ms", x / 1e6)
    } else if x >= 1e3 {
        format!("{:.1} µs", x / 1e3)
    } else {
        format!("{x:.0} ns")
    }
}

fn mib(x: f64) -> String {
    format!("{:.1} MiB", x / 1048576.0)
}

const VALUES: [(&str, &str); 4] = [
    ("messages", "messages.messages, 200 messages"),
    ("difference", "updates.difference, 60 + 120 updates"),
    ("config", "config, 24 DC options"),
    ("users", "Vector<User>, 1,000 users"),
];

fn report(path: &Path) {
    let rep = Report::load(path);
    let mut out = String::new();
    let mut ratios: Vec<(&str, Vec<f64>)> = Vec::new();

    // Parse.
    let _ = writeln!(out, "### Parse + validate + id check, layer 230\n");
    if let Some(d) = &rep.defs {
        let _ = writeln!(out, "Definitions parsed: {d}.\n");
    }
    let _ = writeln!(out, "| | tlayer-parser | grammers-tl-parser 1.2.2 | ratio |\n|---|---|---|---|");
    let r: Vec<f64> = rep.run_ratios("parse_layer230", "median_ns").into_values().collect();
    let _ = writeln!(
        out,
        "| time per parse | {} | {} | {} |\n",
        rep.figure("parse_layer230", "tlayer", "median_ns", &ns),
        rep.figure("parse_layer230", "grammers", "median_ns", &ns),
        rep.ratio_text(&r)
    );
    ratios.push(("parse", r));

    // Generate.
    let _ = writeln!(out, "### Generation, layer 230 to files\n");
    let _ = writeln!(out, "| | tlayer | grammers-tl-gen 0.11.0 | ratio |\n|---|---|---|---|");
    let r: Vec<f64> = rep.run_ratios("generate", "wall").into_values().collect();
    let _ = writeln!(
        out,
        "| release: `tlayer generate` CLI (formatted) vs grammers-tl-gen (process wall) | {} | {} | {} |",
        rep.figure("generate", "tlayer", "wall", &secs),
        rep.figure("generate", "grammers", "wall", &secs),
        rep.ratio_text(&r)
    );
    ratios.push(("generate", r));
    let theirs = rep.runs("generate", "grammers", "wall");
    let nf: Vec<f64> = rep
        .runs("generate", "tlayer-noformat", "wall")
        .iter()
        .filter_map(|(k, o)| theirs.get(k).map(|t| t / o))
        .collect();
    let _ = writeln!(
        out,
        "| release: `tlayer generate --no-format` (one-pass layout) | {} | | {} |",
        rep.figure("generate", "tlayer-noformat", "wall", &secs),
        rep.ratio_text(&nf)
    );
    let _ = writeln!(
        out,
        "| release, in process (`Config` defaults, no process start) | {} | {} | |",
        rep.figure("generate", "tlayer-lib", "inproc", &secs),
        rep.figure("generate", "grammers", "inproc", &secs)
    );
    let r: Vec<f64> = rep.run_ratios("generate-debug", "inproc").into_values().collect();
    let _ = writeln!(
        out,
        "| debug, as `schema/build.rs` runs it (`Config` defaults: one-pass layout), in process | {} | {} | {} |",
        rep.figure("generate-debug", "tlayer", "inproc", &secs),
        rep.figure("generate-debug", "grammers", "inproc", &secs),
        rep.ratio_text(&r)
    );
    let theirs = rep.runs("generate-debug", "grammers", "inproc");
    let nf: Vec<f64> = rep
        .runs("generate-debug", "tlayer-pretty", "inproc")
        .iter()
        .filter_map(|(k, o)| theirs.get(k).map(|t| t / o))
        .collect();
    let _ = writeln!(
        out,
        "| debug, with `.format(true)` (prettyplease) | {} | | {} |",
        rep.figure("generate-debug", "tlayer-pretty", "inproc", &secs),
        rep.ratio_text(&nf)
    );
    let _ = writeln!(
        out,
        "| generated Rust | {} | {} | {} |\n",
        rep.figure("generated-size", "tlayer", "bytes", &mib),
        rep.figure("generated-size", "grammers", "bytes", &mib),
        rep.ratio_text(&rep.run_ratios("generated-size", "bytes").into_values().collect::<Vec<_>>())
    );

    // Compile.
    let _ = writeln!(
        out,
        "### Compiling the generated crate (cold, dependencies already built)\n\n\
         `crate` is the sum of cargo's `--timings` units of the cleaned package: its build script's \
         compilation, its run (generation) and the library; `wall` is the whole `cargo` command \
         (including the 2-line wrapper crate); `cpu` is user+system time of all processes.\n"
    );
    let _ = writeln!(out, "| | tlayer-schema (layer230) | grammers-tl-types 0.11.0 | ratio |\n|---|---|---|---|");
    for (stage, label) in
        [("compile-debug", "debug build"), ("check", "`cargo check`"), ("compile-release", "release build")]
    {
        let r: Vec<f64> = rep.run_ratios(stage, "crate").into_values().collect();
        for (metric, what) in [("crate", "crate"), ("wall", "wall"), ("cpu", "cpu")] {
            let rr: Vec<f64> = rep.run_ratios(stage, metric).into_values().collect();
            let _ = writeln!(
                out,
                "| {label}: {what} | {} | {} | {} |",
                rep.figure(stage, "tlayer", metric, &secs),
                rep.figure(stage, "grammers", metric, &secs),
                rep.ratio_text(&rr)
            );
        }
        for (metric, what) in [
            ("bs-compile", "build script compile"),
            ("bs-run", "build script run"),
            ("lib", "library"),
            ("lib-frontend", "library, front end"),
        ] {
            if rep.values(stage, "tlayer", metric).is_empty() {
                continue;
            }
            let _ = writeln!(
                out,
                "| — {what} | {} | {} | |",
                rep.figure(stage, "tlayer", metric, &secs),
                rep.figure(stage, "grammers", metric, &secs)
            );
        }
        let rebuilt: f64 = ["tlayer", "grammers"].iter().flat_map(|s| rep.values(stage, s, "deps-rebuilt")).sum();
        if rebuilt > 0.0 {
            let _ = writeln!(
                out,
                "| — (runs in which a dependency was also rebuilt: {rebuilt}; `crate` excludes it) | | | |"
            );
        }
        ratios.push((stage, r));
    }
    let r: Vec<f64> = rep.run_ratios("rlib-size", "rlib").into_values().collect();
    let _ = writeln!(
        out,
        "| release rlib | {} | {} | {} |",
        rep.figure("rlib-size", "tlayer", "rlib", &mib),
        rep.figure("rlib-size", "grammers", "rlib", &mib),
        rep.ratio_text(&r)
    );
    let rd: Vec<f64> = rep.run_ratios("rlib-size", "rlib-debug").into_values().collect();
    let _ = writeln!(
        out,
        "| debug rlib | {} | {} | {} |\n",
        rep.figure("rlib-size", "tlayer", "rlib-debug", &mib),
        rep.figure("rlib-size", "grammers", "rlib-debug", &mib),
        rep.ratio_text(&rd)
    );
    ratios.push(("rlib-size", r));

    // What a user builds.
    user_report(&rep, &mut out, &mut ratios);

    // Encode / decode.
    let _ = writeln!(out, "### Encode and decode\n");
    let _ = writeln!(out, "| value | wire bytes | op | tlayer | grammers 0.11.0 | ratio |\n|---|---|---|---|---|---|");
    let mut per_op: BTreeMap<&str, BTreeMap<String, Vec<f64>>> = BTreeMap::new();
    for (name, label) in VALUES {
        let wire = rep
            .allocs
            .iter()
            .find(|a| a.split_whitespace().nth(1) == Some(name))
            .and_then(|a| a.split_whitespace().find_map(|f| f.strip_prefix("wire_bytes=")))
            .unwrap_or("?")
            .to_string();
        for op in ["encode", "decode"] {
            let group = format!("{op}_{name}");
            let rr = rep.run_ratios(&group, "median_ns");
            for (run, x) in &rr {
                per_op.entry(op).or_default().entry(run.clone()).or_default().push(*x);
            }
            let tput = |side: &str| {
                let m = median(&rep.values(&group, side, "median_ns"));
                let b: f64 = wire.parse().unwrap_or(f64::NAN);
                format!("{:.0} MB/s", b / m * 1e3)
            };
            let _ = writeln!(
                out,
                "| {label} | {wire} | {op} | {} ({}) | {} ({}) | {} |",
                rep.figure(&group, "tlayer", "median_ns", &ns),
                tput("tlayer"),
                rep.figure(&group, "grammers", "median_ns", &ns),
                tput("grammers"),
                rep.ratio_text(&rr.into_values().collect::<Vec<_>>())
            );
        }
    }
    let _ = writeln!(out);
    for op in ["encode", "decode"] {
        // Per run: the geometric mean of the four values' ratios.
        let r: Vec<f64> = per_op
            .get(op)
            .map(|m| m.values().filter(|v| v.len() == VALUES.len()).map(|v| geomean(v)).collect())
            .unwrap_or_default();
        let _ = writeln!(out, "{op}, geometric mean of the four ratios: {}  ", rep.ratio_text(&r));
        ratios.push((op, r));
    }
    let _ =
        writeln!(out, "\nAllocations per decode (calls to the allocator, including reallocations; bytes requested):\n");
    let _ = writeln!(out, "| value | tlayer | grammers |\n|---|---|---|");
    for a in &rep.allocs {
        let f: BTreeMap<&str, &str> = a.split_whitespace().skip(2).filter_map(|kv| kv.split_once('=')).collect();
        let name = a.split_whitespace().nth(1).unwrap_or("?");
        let get = |k: &str| f.get(k).copied().unwrap_or("?");
        let _ = writeln!(
            out,
            "| {name} | {} ({} B) | {} ({} B) |",
            get("tlayer"),
            get("tlayer_bytes"),
            get("grammers"),
            get("grammers_bytes")
        );
    }

    // Sizes.
    let _ = writeln!(out, "\n### Largest generated enums (`size_of`, bytes)\n");
    for side in ["tlayer", "grammers"] {
        let list: Vec<String> =
            rep.sizes.iter().filter(|s| s.0 == side).map(|s| format!("`{}` {}", s.1, s.2)).collect();
        let _ = writeln!(out, "- {side}: {}", list.join(", "));
    }
    print!("{out}");

    // The lines the issue asks for, in its order.
    println!();
    for stage in [
        "first-build",
        "app-rebuild-ci",
        "compile-debug",
        "check",
        "rlib-size",
        "subset",
        "subset-committed",
        "generate-build-script",
        "encode",
        "decode",
        "parse",
        "generate",
        "compile-release",
    ] {
        let r = ratios.iter().find(|(s, _)| *s == stage).map(|(_, r)| median(r)).unwrap_or(f64::NAN);
        println!("ratio {stage} {r:.2}");
    }
    match rep.largest {
        Some(n) => println!("largest-enum-bytes {n}"),
        None => println!("largest-enum-bytes n/a"),
    }
}

/// The `runner user` stages: the crates a user writes (see `user.rs`).
fn user_report(rep: &Report, out: &mut String, ratios: &mut Vec<(&str, Vec<f64>)>) {
    if !rep.t.contains_key("first-build") {
        return;
    }
    let _ = writeln!(
        out,
        "### What a user builds (separate crates, cargo's default profiles)\n\n\
         `tlayer`: a library crate whose build.rs generates layer 230 (README recipe) and an app that \
         decodes and re-encodes five types; `tlayer-subset`: the same with `Config::only` naming 20 client \
         functions and the five types; `tlayer-committed`: that subset, client side only, generated once \
         and kept as a source file (no build script); `grammers`: the same app on grammers-tl-types 0.11.0. Each \
         workspace has its own target dir; wall and cpu are the whole `cargo build` (`-j` of the \
         script's JOBS, default 1). The ratios use cpu: with -j 1 it is the idle machine's wall time.\n"
    );
    let _ = writeln!(
        out,
        "| | tlayer | tlayer, 20-function subset | tlayer, subset committed | grammers-tl-types 0.11.0 | ratio | \
         ratio, subset | ratio, committed |"
    );
    let _ = writeln!(out, "|---|---|---|---|---|---|---|---|");
    let side_ratio = |side: &str, stage: &str, metric: &str| -> Vec<f64> {
        let theirs = rep.runs(stage, "grammers", metric);
        rep.runs(stage, side, metric).iter().filter_map(|(k, o)| theirs.get(k).map(|t| t / o)).collect()
    };
    let subset_ratio = |stage: &str, metric: &str| side_ratio("tlayer-subset", stage, metric);
    for (stage, metric, label) in [
        ("first-build", "wall", "first build (cold, debug): wall"),
        ("first-build", "cpu", "first build: cpu"),
        ("first-build", "types-lib", "— the types library (api / grammers-tl-types)"),
        ("first-build", "app", "— the app"),
        ("generate-build-script", "compile", "build script: compile"),
        ("generate-build-script", "run", "build script: run (generation), wall"),
        ("generate-build-script", "cpu", "build script run alone: cpu (best of 3)"),
        ("app-rebuild", "wall", "app rebuild after an edit, incremental: wall"),
        ("app-rebuild", "cpu", "app rebuild after an edit, incremental: cpu"),
        ("app-rebuild-ci", "wall", "app rebuild after an edit, `CARGO_INCREMENTAL=0`: wall"),
        ("app-rebuild-ci", "cpu", "app rebuild, `CARGO_INCREMENTAL=0`: cpu"),
    ] {
        let r: Vec<f64> = rep.run_ratios(stage, metric).into_values().collect();
        let _ = writeln!(
            out,
            "| {label} | {} | {} | {} | {} | {} | {} | {} |",
            rep.figure(stage, "tlayer", metric, &secs),
            rep.figure(stage, "tlayer-subset", metric, &secs),
            rep.figure(stage, "tlayer-committed", metric, &secs),
            rep.figure(stage, "grammers", metric, &secs),
            rep.ratio_text(&r),
            rep.ratio_text(&subset_ratio(stage, metric)),
            rep.ratio_text(&side_ratio("tlayer-committed", stage, metric))
        );
    }
    let _ = writeln!(out);
    // CPU time: with -j 1, what the wall time would be on an idle machine (see user.rs).
    ratios.push(("first-build", rep.run_ratios("first-build", "cpu").into_values().collect()));
    ratios.push(("app-rebuild-ci", rep.run_ratios("app-rebuild-ci", "cpu").into_values().collect()));
    ratios.push(("subset", subset_ratio("first-build", "cpu")));
    ratios.push(("subset-committed", side_ratio("tlayer-committed", "first-build", "cpu")));
    ratios.push(("generate-build-script", rep.run_ratios("generate-build-script", "cpu").into_values().collect()));
}
