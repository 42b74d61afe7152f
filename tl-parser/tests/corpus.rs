//! The real-schema corpus (`corpus/`): every `.tl` file parses without errors, with the
//! definition counts that the corpus README gives, every written id explained, the right layers, and
//! td_api's docs attached where they belong.
//!
//! The expected numbers are read from the corpus README when the test runs, never copied here.

use std::collections::BTreeMap;
use std::sync::OnceLock;
use tlayer_parser::{Dialect, LineIndex, Options, Parsed, Section, Severity, decode_utf8, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

/// Every `.tl` file of the corpus, parsed once: (file name, text, result).
fn corpus() -> &'static [(String, &'static str, Parsed<'static>)] {
    static FILES: OnceLock<Vec<(String, &'static str, Parsed<'static>)>> = OnceLock::new();
    FILES.get_or_init(|| {
        tl_files()
            .into_iter()
            .map(|name| {
                let bytes = std::fs::read(format!("{CORPUS}{name}")).unwrap();
                let (text, decode_errors) = decode_utf8(&bytes);
                assert!(decode_errors.is_empty(), "{name} is not UTF-8");
                let text: &'static str = Box::leak(text.into_owned().into_boxed_str());
                let parsed = parse(text, &Options::default());
                (name, text, parsed)
            })
            .collect()
    })
}

fn tl_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap_or_else(|e| panic!("corpus folder {CORPUS}: {e}"))
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tl"))
        .collect();
    names.sort();
    names
}

fn file(name: &str) -> &'static Parsed<'static> {
    &corpus().iter().find(|(n, _, _)| n == name).unwrap_or_else(|| panic!("no {name} in the corpus")).2
}

fn sources() -> String {
    std::fs::read_to_string(format!("{CORPUS}README.md")).unwrap()
}

/// The rows of the corpus README's table "Counts the tests check": file name, definition count
/// cell (`246 (182 + 64)`), layer-line cell (`` `// LAYER 53` ``, `none` or `-`).
fn count_rows(sources: &str) -> Vec<[String; 3]> {
    let section = sources.split("## Counts the tests check").nth(1).expect("README has the counts table");
    section
        .lines()
        .filter(|l| l.starts_with("| `"))
        .map(|l| {
            let cells: Vec<&str> = l.split('|').map(str::trim).collect();
            [cells[1].trim_matches('`').to_string(), cells[2].to_string(), cells[3].to_string()]
        })
        .collect()
}

/// `(types, functions)` per `.tl` file, from the README's counts table.
fn expected_counts(sources: &str) -> BTreeMap<String, (usize, usize)> {
    let mut counts = BTreeMap::new();
    for [name, cell, _] in count_rows(sources) {
        // `246 (182 + 64)`
        let total: usize = cell.split_whitespace().next().unwrap().parse().unwrap();
        let inner = cell.split_once('(').and_then(|(_, r)| r.split_once(')')).unwrap().0;
        let (t, f) = inner.split_once('+').unwrap_or_else(|| panic!("no `A + B` in {cell:?}"));
        let (t, f): (usize, usize) = (t.trim().parse().unwrap(), f.trim().parse().unwrap());
        assert_eq!(t + f, total, "README row of {name} does not add up");
        counts.insert(name, (t, f));
    }
    counts
}

/// The `// LAYER N` line each file carries (`Some(N)`), or `None`, from the README's counts table.
fn expected_layer_markers(sources: &str) -> BTreeMap<String, Option<u32>> {
    let mut layers = BTreeMap::new();
    for [name, _, cell] in count_rows(sources) {
        // The last `// LAYER N` (or `// layer N`) the cell quotes: the highest layer in the file.
        let layer = cell.rsplit("// ").next().filter(|_| cell.starts_with("`//")).map(|tail| {
            let n = tail.trim_start_matches(|c: char| c.is_ascii_alphabetic() || c == ' ');
            n.trim_end_matches('`').parse().unwrap()
        });
        assert!(layer.is_some() || cell == "none" || cell == "-", "{name}: layer cell {cell:?}");
        layers.insert(name, layer);
    }
    layers
}

/// Everything except tdlib's td_api, TON's schemas and tdlib's e2e_api (which declares TON's
/// `secureBytes`, so it is read in TON's dialect) follows Telegram's id rules.
fn telegram_family(name: &str) -> bool {
    !ton_dialect(name) && name != "tdlib_td_api.tl"
}

/// The files read in TON's dialect.
fn ton_dialect(name: &str) -> bool {
    name.starts_with("ton_") || name == "tdlib_e2e_api.tl"
}

#[test]
fn the_corpus_has_25_tl_files_all_listed_in_sources() {
    let files = tl_files();
    assert_eq!(files.len(), 25, "{files:?}");
    let expected = expected_counts(&sources());
    assert_eq!(files, expected.keys().cloned().collect::<Vec<_>>(), "the corpus README and the folder disagree");
}

#[test]
fn every_file_parses_without_errors() {
    let mut failures = Vec::new();
    for (name, text, parsed) in corpus() {
        let lines = LineIndex::new(text);
        for d in parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error) {
            failures.push(lines.render(name, d));
        }
    }
    assert!(failures.is_empty(), "{}", failures.concat());
}

#[test]
fn definition_counts_match_sources() {
    let expected = expected_counts(&sources());
    let mut wrong = Vec::new();
    for (name, _, parsed) in corpus() {
        let defs = &parsed.schema.definitions;
        let types = defs.iter().filter(|d| d.section == Section::Types).count();
        let got = (types, defs.len() - types);
        if Some(&got) != expected.get(name) {
            wrong.push(format!("{name}: parsed {got:?}, the corpus README says {:?}", expected.get(name)));
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn no_unexplained_id_mismatch_in_telegram_files() {
    let mut unexplained = Vec::new();
    for (name, text, parsed) in corpus().iter().filter(|(n, _, _)| telegram_family(n)) {
        assert_eq!(parsed.schema.dialect, Dialect::Telegram, "{name}");
        let lines = LineIndex::new(text);
        for d in &parsed.diagnostics {
            if d.severity == Severity::Warning && (d.message.contains("id #") || d.message.contains(" ids ")) {
                unexplained.push(lines.render(name, d));
            }
        }
    }
    assert!(unexplained.is_empty(), "{}", unexplained.concat());
}

#[test]
fn dialects_are_detected() {
    for (name, _, parsed) in corpus() {
        let expected = if telegram_family(name) {
            Dialect::Telegram
        } else if ton_dialect(name) {
            Dialect::Ton
        } else {
            Dialect::TdApi
        };
        assert_eq!(parsed.schema.dialect, expected, "{name}");
    }
}

#[test]
fn layer_markers_match_sources() {
    let expected = expected_layer_markers(&sources());
    let with_marker: Vec<u32> = expected.values().flatten().copied().collect();
    assert_eq!(with_marker.len(), 8, "the corpus README should name 8 files with a `// LAYER` marker: {expected:?}");
    for (name, layer) in &expected {
        let schema = &file(name).schema;
        assert_eq!(schema.layer(), *layer, "{name}");
        if let Some(n) = layer.filter(|_| name.contains("_layer")) {
            assert!(name.contains(&format!("layer{n:03}")), "{name} has marker {n}");
        }
    }
    // A marker on the first line gives every definition its layer.
    let schema = &file("grammers_tl_types_0.11.0_api_layer230.tl").schema;
    assert!(schema.definitions.iter().all(|d| d.layer == Some(230)));
    assert_eq!(schema.layer_markers.len(), 1);
    // On the last line (tdesktop 214) it comes after every definition.
    let schema = &file("tdesktop_api_layer214.tl").schema;
    assert!(schema.definitions.iter().all(|d| d.layer.is_none()));
}

#[test]
fn secret_chat_layer_sections_are_recorded() {
    let schema = &file("tdlib_secret_api.tl").schema;
    let layers: Vec<u32> = schema.layer_markers.iter().map(|m| m.layer).collect();
    assert_eq!(layers, [23, 45, 46, 66, 73, 101, 143, 144]);
    let d = schema.definitions.iter().find(|d| d.name.text == "decryptedMessageMediaDocument").unwrap();
    assert_eq!(d.layer, Some(143));
}

#[test]
fn td_api_docs_are_attached() {
    let schema = &file("tdlib_td_api.tl").schema;
    let def = |name: &str| schema.definitions.iter().find(|d| d.name.text == name).unwrap();

    let sms = def("authenticationCodeTypeSms");
    let description = sms.docs.description.as_deref().unwrap();
    assert!(
        description.starts_with("A digit-only authentication code is delivered via an SMS message"),
        "{description}"
    );
    assert_eq!(sms.docs.param("length"), Some("Length of the code"));
    assert_eq!(sms.docs.params.len(), 1);

    let class = schema.class_docs.iter().find(|c| c.name == "AuthenticationCodeType").unwrap();
    assert!(class.description.starts_with("Provides information about the method by which an authentication code"));

    // `//@description ... @text The text @entities Entities ... each other.` then
    // `//-Pre, Code, ...`: the continuation joins the last tag, after one space.
    let text = def("formattedText");
    assert_eq!(text.docs.description.as_deref(), Some("A text with some entities"));
    assert_eq!(text.docs.param("text"), Some("The text"));
    let entities = text.docs.param("entities").unwrap();
    assert!(entities.contains("must not mutually intersect with each other. Pre, Code, PreCode"), "{entities}");
    assert!(entities.ends_with("All other entities can't contain each other"), "{entities}");

    // Every definition of td_api is documented, but the two `Bool` constructors at the top.
    let undocumented: Vec<&str> =
        schema.items().filter(|d| d.docs.description.is_none()).map(|d| d.name.text).collect();
    assert_eq!(undocumented, ["boolFalse", "boolTrue"]);
}

#[test]
fn tonlib_docs_are_attached() {
    let schema = &file("ton_tonlib_api.tl").schema;
    assert!(schema.definitions.iter().any(|d| !d.docs.is_empty()));
}

#[test]
fn written_ids_are_kept_and_computed_ones_filled_in() {
    for (name, _, parsed) in corpus() {
        for d in parsed.schema.items() {
            assert_ne!(d.id, 0, "{name}: {} has no computed id", d.name.text);
            if let Some(w) = d.written_id {
                assert_eq!(d.wire_id(), w);
            }
        }
    }
    let td = file("tdlib_td_api.tl");
    assert!(td.schema.definitions.iter().all(|d| d.written_id.is_none()));
}

#[test]
fn builtins_are_only_type_declarations() {
    for (name, _, parsed) in corpus() {
        for d in parsed.schema.definitions.iter().filter(|d| d.builtin) {
            assert_eq!(d.section, Section::Types, "{name}: function `{}` taken as a builtin", d.name.text);
        }
    }
    // Functions returning `Vector t` or `Object` are ordinary definitions.
    let api = &file("grammers_tl_types_0.11.0_api_layer230.tl").schema;
    let builtins: Vec<&str> = api.definitions.iter().filter(|d| d.builtin).map(|d| d.name.text).collect();
    assert_eq!(builtins, ["vector"]);
    assert!(api.items().any(|d| d.name.text == "users.getUsers"));
    let lite = &file("ton_lite_api.tl").schema;
    assert!(lite.items().any(|d| d.name.text == "liteServer.query"));
    let mtproto = &file("mtproto_official_danog.tl").schema;
    assert!(mtproto.items().any(|d| d.name.text == "gzip_packed" && d.written_id == Some(d.id)));
}
