//! The JSON form: layer 3 as TL and as JSON agree, every corpus schema survives TL -> JSON -> TL
//! with its ids, and bad JSON is reported with a position.

use tlayer_parser::json::{convert, listed, to_json, to_tl};
use tlayer_parser::print::print_type;
use tlayer_parser::{Definition, Options, Section, Severity, parse};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

fn read(name: &str) -> String {
    let path = format!("{CORPUS}{name}");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

fn corpus_tl_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .expect("corpus folder")
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tl"))
        .collect();
    names.sort();
    assert!(names.len() >= 24, "corpus has {} .tl files", names.len());
    names
}

/// A definition as the JSON form sees it: name, wire id, fields rendered TL-style, result.
fn summary(def: &Definition<'_>) -> (String, u32, Vec<String>, String) {
    let params = def
        .fields()
        .map(|(name, cond, ty)| {
            let mut s = format!("{}:", name.text);
            if let Some(f) = cond {
                s += &format!("{}.{}?", f.field.text, f.bit);
            }
            print_type(&mut s, ty);
            s
        })
        .collect();
    let mut result = String::new();
    print_type(&mut result, &def.result);
    (def.name.text.to_string(), def.wire_id(), params, result)
}

fn summaries(src: &str, section: Section) -> Vec<(String, u32, Vec<String>, String)> {
    let parsed = parse(src, &Options::default());
    parsed.schema.definitions.iter().filter(|d| d.section == section && listed(d)).map(summary).collect()
}

#[test]
fn layer3_tl_and_json_agree() {
    let tl = read("telegram_api_layer003_stek29.tl");
    let from_json = to_tl(&read("telegram_api_layer003_stek29.json")).expect("corpus JSON converts");
    let parsed = parse(&from_json, &Options::default());
    let problems: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity != Severity::Note).collect();
    assert!(problems.is_empty(), "{problems:?}");
    for section in [Section::Types, Section::Functions] {
        let (a, b) = (summaries(&tl, section), summaries(&from_json, section));
        assert_eq!(a.len(), b.len(), "{section:?}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y);
        }
    }
    assert_eq!(summaries(&tl, Section::Types).len(), 189);
    assert_eq!(summaries(&tl, Section::Functions).len(), 70);
    // `invokeWithLayer3 query:!X = X` has no `{X:Type}` in either form and keeps its id.
    let invoke = parsed.schema.definitions.iter().find(|d| d.name.text == "invokeWithLayer3").unwrap();
    assert_eq!((invoke.written_id, invoke.id), (Some(0xb7475268), 0xb7475268));
}

#[test]
fn layer3_json_is_written_like_telegram_writes_it() {
    let tl = read("telegram_api_layer003_stek29.tl");
    let json = to_json(&parse(&tl, &Options::default()).schema);
    assert_eq!(json.trim_end(), read("telegram_api_layer003_stek29.json").trim_end());
}

#[test]
fn every_corpus_schema_keeps_its_ids_through_json() {
    for name in corpus_tl_files() {
        let src = read(&name);
        let parsed = parse(&src, &Options::default());
        let json = to_json(&parsed.schema);
        serde_json::from_str::<serde_json::Value>(&json).unwrap_or_else(|e| panic!("{name}: invalid JSON: {e}"));
        let back = to_tl(&json).unwrap_or_else(|e| panic!("{name}: {e}"));
        let reparsed = parse(&back, &Options::default());
        for section in [Section::Types, Section::Functions] {
            let ids = |p: &tlayer_parser::Parsed<'_>| -> Vec<(String, u32)> {
                p.schema
                    .definitions
                    .iter()
                    .filter(|d| d.section == section && listed(d))
                    .map(|d| (d.name.text.to_string(), d.wire_id()))
                    .collect()
            };
            assert_eq!(ids(&parsed), ids(&reparsed), "{name} {section:?}");
        }
        // Written JSON converts to the same JSON again.
        assert_eq!(to_json(&reparsed.schema), json, "{name}");
    }
}

#[test]
fn malformed_json_has_line_and_column() {
    let err = to_tl("{\n  \"constructors\": [\n    {\"id\": \"1\",]\n}").unwrap_err();
    assert_eq!((err.line, err.column), (3, 16));
    assert!(err.to_string().starts_with("3:16: "), "{err}");
    assert!(!err.message.contains("at line"), "{err}");

    let err = to_tl("").unwrap_err();
    assert_eq!(err.line, 1);
    assert!(err.to_string().starts_with("1:1: "), "{err}");
}

#[test]
fn missing_keys_and_wrong_kinds_are_located() {
    let err = to_tl(r#"{"constructors": []}"#).unwrap_err();
    assert_eq!(err.to_string(), "1:1: missing key `methods` in the schema");

    let err = to_tl("[]").unwrap_err();
    assert_eq!(err.to_string(), "1:1: expected the schema to be an object, found an array");

    let src = "{\"constructors\": [\n  {\"id\": \"1\", \"predicate\": \"a\", \"params\": []}\n], \"methods\": []}";
    let err = to_tl(src).unwrap_err();
    assert_eq!(err.to_string(), "2:3: missing key `type` in constructor `a`");

    let src =
        "{\"constructors\": [], \"methods\": [\n  {\"id\": 5, \"method\": \"m\", \"params\": {}, \"type\": \"X\"}]}";
    let err = to_tl(src).unwrap_err();
    assert_eq!(err.to_string(), "2:38: expected the params of method `m` to be an array, found an object");

    let src = r#"{"constructors": [{"id": "4294967296", "predicate": "a", "params": [], "type": "A"}], "methods": []}"#;
    let err = to_tl(src).unwrap_err();
    assert!(err.to_string().starts_with("1:26: invalid id `4294967296` of constructor `a`"), "{err}");

    let src = r#"{"constructors": [{"id": "1", "predicate": "a", "params": [{"name": "x", "type": "int;b"}], "type": "A"}], "methods": []}"#;
    let err = to_tl(src).unwrap_err();
    assert_eq!(&src[err.span.start as usize..err.span.end as usize], ";");
    assert_eq!(err.column, err.span.start as usize + 1);
}

#[test]
fn ids_may_be_numbers_and_unsigned() {
    let src = r#"{"constructors": [{"id": -1720552011, "predicate": "boolTrue", "params": [], "type": "Bool"},
        {"id": "3162085175", "predicate": "boolFalse", "params": [], "type": "Bool"}], "methods": []}"#;
    assert_eq!(
        to_tl(src).unwrap(),
        "---types---\nboolTrue#997275b5 = Bool;\nboolFalse#bc799737 = Bool;\n---functions---\n"
    );
}

#[test]
fn telegram_vector_entry_becomes_the_builtin() {
    let src = r#"{"constructors": [{"id": "481674261", "predicate": "vector", "params": [], "type": "Vector t"}], "methods": []}"#;
    let tl = to_tl(src).unwrap();
    assert_eq!(tl, "---types---\nvector#1cb5c415 {t:Type} # [ t ] = Vector t;\n---functions---\n");
    let parsed = parse(&tl, &Options::default());
    assert!(parsed.diagnostics.is_empty(), "{:?}", parsed.diagnostics);
    assert!(parsed.schema.definitions[0].builtin);
    assert_eq!(parsed.schema.definitions[0].id, 0x1cb5c415);
}

#[test]
fn diagnostics_map_back_into_the_json() {
    let src = "{\n  \"constructors\": [\n    {\"id\": \"1\", \"predicate\": \"a\", \"params\": [{\"name\": \"x\", \"type\": \"Vector<Nope>\"}], \"type\": \"A\"}\n  ],\n  \"methods\": []\n}";
    let converted = convert(src).unwrap();
    let parsed = parse(&converted.text, &Options::default());
    let errors: Vec<_> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert_eq!(errors[0].message, "unknown type `Nope`");
    let span = converted.map_span(errors[0].span);
    assert_eq!(&src[span.start as usize..span.end as usize], "Nope");
}
