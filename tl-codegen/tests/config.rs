//! `Config`, as a build script uses it: JSON schemas, several files as one schema with their own
//! positions, the dialect setting, warnings handed back, layer numbers, and errors whose `Debug`
//! (what `.unwrap()` prints) is the readable `FILE:LINE:COL: error: ...` text.

use std::path::{Path, PathBuf};
use tlayer_codegen::{Config, Error};
use tlayer_parser::Dialect;

/// A scratch folder for one test, holding `files`.
fn folder(test: &str, files: &[(&str, &str)]) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join("config-tests").join(test);
    std::fs::create_dir_all(&dir).unwrap();
    for (name, text) in files {
        std::fs::write(dir.join(name), text).unwrap();
    }
    dir
}

const BOOL: &str = "boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n";

/// CRC-32 (IEEE), written out so that the test does not use the code it checks.
fn crc32(text: &str) -> u32 {
    let mut crc = !0u32;
    for &b in text.as_bytes() {
        crc ^= b as u32;
        for _ in 0..8 {
            crc = if crc & 1 == 1 { (crc >> 1) ^ 0xedb8_8320 } else { crc >> 1 };
        }
    }
    !crc
}

#[test]
fn a_json_schema_is_read_as_json() {
    let json = "{\"constructors\": [\n  {\"id\": \"-1132882121\", \"predicate\": \"boolFalse\", \"params\": [], \"type\": \"Bool\"},\n  {\"id\": \"1\", \"predicate\": \"point\", \"params\": [{\"name\": \"x\", \"type\": \"int\"}], \"type\": \"Point\"}\n], \"methods\": []}\n";
    let dir = folder("json", &[("api.json", json), ("api.txt", json)]);
    for name in ["api.json", "api.txt"] {
        let out = Config::new().schema(dir.join(name)).out_dir(&dir).out_file("api.rs").compile_report().unwrap();
        let code = std::fs::read_to_string(&out.path).unwrap();
        assert!(code.contains("pub struct Point"), "{name}");
        assert!(code.contains("CONSTRUCTOR_ID: u32 = 0x00000001;"), "{name}: the written id is kept");
        // The written id `1` is not the computed one: a warning, pointing into the JSON.
        assert_eq!(out.warnings.len(), 1, "{name}: {:?}", out.warnings);
        let col = "  {\"id\": \"1\", \"predicate\": \"".len() + 1;
        let at = format!("{}:3:{col}: warning: written id #00000001 of `point` differs", dir.join(name).display());
        assert!(out.warnings[0].starts_with(&at), "{}", out.warnings[0]);
    }
}

#[test]
fn several_files_are_one_schema_with_their_own_positions() {
    let dir = folder(
        "several",
        &[
            ("a.tl", BOOL),
            ("b.tl", "pair a:Bool b:Bool = Pair;\n"),
            ("c.tl", "wrap x:Pair = Wrap;\nbad x:Nope = Bad;\n"),
        ],
    );
    let out = Config::new().schema(dir.join("a.tl")).schema(dir.join("b.tl")).out_dir(&dir).compile().unwrap();
    assert!(std::fs::read_to_string(out).unwrap().contains("pub struct Pair"));
    let err = Config::new().schema(dir.join("b.tl")).schema(dir.join("c.tl")).out_dir(&dir).compile().unwrap_err();
    let c = dir.join("c.tl").display().to_string();
    let expected =
        format!("schema errors:\n{c}:2:7: error: unknown type `Nope`\n  |\n2 | bad x:Nope = Bad;\n  |       ^^^^");
    assert_eq!(err.to_string(), expected);
    // What `.unwrap()` prints in a build script: the same text, not an escaped string.
    assert_eq!(format!("{err:?}"), expected);
    assert!(matches!(err, Error::Schema(_)));
}

#[test]
fn the_dialect_setting_is_honoured() {
    let dir = folder("dialect", &[("d.tl", "a flags:# x:flags.0?true = A;\n")]);
    let id = |dialect: Option<Dialect>| {
        let mut config = Config::new();
        config.schema(dir.join("d.tl")).out_dir(&dir);
        if let Some(d) = dialect {
            config.dialect(d);
        }
        std::fs::read_to_string(config.compile().unwrap()).unwrap()
    };
    let telegram = format!("CONSTRUCTOR_ID: u32 = 0x{:08x};", crc32("a flags:# = A"));
    let ton = format!("CONSTRUCTOR_ID: u32 = 0x{:08x};", crc32("a flags:# x:flags.0?true = A"));
    assert!(id(None).contains(&telegram));
    assert!(id(Some(Dialect::Telegram)).contains(&telegram));
    assert!(id(Some(Dialect::Ton)).contains(&ton));
}

#[test]
fn warnings_are_handed_back() {
    let dir = folder("warnings", &[("w.tl", "boolFalse#bc799737 = Bool;\n\nboolTrue#997275b4 = Bool;\n")]);
    let out = Config::new().schema(dir.join("w.tl")).out_dir(&dir).compile_report().unwrap();
    let w = dir.join("w.tl").display().to_string();
    assert_eq!(
        out.warnings,
        [
            format!(
                "{w}:3:1: warning: written id #997275b4 of `boolTrue` differs from computed #997275b5 (canonical form: `boolTrue = Bool`)"
            ),
            format!(
                "{w}:3:1: warning: `boolTrue#997275b4` is a constructor of `Bool`, which keeps its builtin meaning (`boolTrue#997275b5` or `boolFalse#bc799737`): nothing is generated for it"
            ),
        ]
    );
}

#[test]
fn a_layer_given_twice_names_both_files() {
    let dir =
        folder("layers", &[("one.tl", &format!("{BOOL}// LAYER 1\n")), ("two.tl", &format!("{BOOL}// LAYER 2\n"))]);
    let (one, two) = (dir.join("one.tl"), dir.join("two.tl"));
    let err = Config::new().layer(Some(1), &one).layer(Some(1), &two).out_dir(&dir).compile().unwrap_err();
    assert_eq!(err.to_string(), format!("layer 1 is given twice: {} and {}", one.display(), two.display()));
    // The second one's layer from its marker.
    let err = Config::new().layer(Some(2), &one).layer(None, &two).out_dir(&dir).compile().unwrap_err();
    assert_eq!(err.to_string(), format!("layer 2 is given twice: {} and {}", one.display(), two.display()));
    assert!(Config::new().layer(None, &one).layer(None, &two).out_dir(&dir).compile().is_ok());
}

#[test]
fn generate_files_reads_json_and_reports_real_files() {
    let files = vec![("a.tl".to_string(), BOOL.as_bytes().to_vec()), ("b.tl".to_string(), b"x y:Nope = X;\n".to_vec())];
    let err = tlayer_codegen::generate_files(&files, &Default::default()).unwrap_err();
    assert!(err.to_string().starts_with("schema errors:\nb.tl:1:5: error: unknown type `Nope`\n"), "{err}");
}

/// Run as a child by [`a_build_script_gets_cargo_warnings`]: compiles the schema it is given.
#[test]
fn build_script_child() {
    if let Some(schema) = std::env::var_os("TLAYER_TEST_SCHEMA") {
        Config::new().schema(schema).compile().unwrap();
    }
}

#[test]
fn a_build_script_gets_cargo_warnings() {
    let dir = folder("cargo_warnings", &[("w.tl", "boolFalse#bc799737 = Bool;\nboolTrue#997275b4 = Bool;\n")]);
    let schema = dir.join("w.tl");
    let run = |target: Option<&str>| {
        let mut child = std::process::Command::new(std::env::current_exe().unwrap());
        child.args(["build_script_child", "--exact", "--nocapture", "--test-threads=1"]);
        child.env("TLAYER_TEST_SCHEMA", &schema).env("OUT_DIR", &dir).env_remove("TARGET");
        if let Some(t) = target {
            child.env("TARGET", t);
        }
        let out = child.output().unwrap();
        assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
        String::from_utf8(out.stdout).unwrap()
    };
    let line = format!(
        "cargo:warning={}:2:1: warning: written id #997275b4 of `boolTrue` differs from computed #997275b5 \
         (canonical form: `boolTrue = Bool`)\n",
        schema.display()
    );
    // Cargo gives a build script OUT_DIR and TARGET.
    let stdout = run(Some("x86_64-unknown-linux-gnu"));
    assert!(stdout.contains(&line), "{stdout}");
    assert!(stdout.contains(&format!("cargo:rerun-if-changed={}\n", schema.display())));
    // Anything else (a test, a program) gets no `cargo:warning` lines.
    assert!(!run(None).contains("cargo:warning="));
}
