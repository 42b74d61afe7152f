//! Printing every corpus file and parsing the result gives the same schema, and printing is
//! idempotent: `print(parse(print(x))) == print(x)`.

use std::fmt::Write as _;
use tlayer_parser::{Definition, Options, Param, ParamKind, Parsed, Schema, Severity, Type, decode_utf8, parse, print};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

/// A type as text, without spans: `!%name<a,b>`.
fn ty(t: &Type<'_>) -> String {
    let mut s = String::new();
    if t.bang {
        s.push('!');
    }
    if t.percent {
        s.push('%');
    }
    s.push_str(t.name);
    if !t.args.is_empty() {
        let args: Vec<String> = t.args.iter().map(ty).collect();
        let _ = write!(s, "<{}>", args.join(","));
    }
    s
}

/// A parameter as text, without spans, naming its kind.
fn param(p: &Param<'_>) -> String {
    match &p.kind {
        ParamKind::Generic { name, ty: t } => format!("generic {}:{}", name.text, ty(t)),
        ParamKind::Field { name, cond, ty: t } => {
            let cond = cond.map_or(String::new(), |f| format!("{}.{}?", f.field.text, f.bit));
            format!("field {}:{cond}{}", name.text, ty(t))
        }
        ParamKind::Anonymous(t) => format!("anonymous {}", ty(t)),
        ParamKind::Repeat { count, items } => {
            let items: Vec<String> = items.iter().map(param).collect();
            format!("repeat {count:?} [{}]", items.join(" "))
        }
        ParamKind::Opaque => "?".to_string(),
    }
}

/// Everything that defines a definition, spans left out.
fn shape(d: &Definition<'_>) -> String {
    let params: Vec<String> = d.params.iter().map(param).collect();
    format!(
        "{} {:?} written={:?} id={:#010x} builtin={} layer={:?} docs={:?} params=[{}] result={}",
        d.name.text,
        d.section,
        d.written_id,
        d.id,
        d.builtin,
        d.layer,
        d.docs,
        params.join(", "),
        ty(&d.result)
    )
}

fn schema_shape(s: &Schema<'_>) -> Vec<String> {
    let mut out: Vec<String> = s.definitions.iter().map(shape).collect();
    out.extend(s.layer_markers.iter().map(|m| format!("layer marker {}", m.layer)));
    out.extend(s.class_docs.iter().map(|c| format!("class {} {:?}", c.name, c.description)));
    out.push(format!("dialect {:?}", s.dialect));
    out
}

fn errors(parsed: &Parsed<'_>) -> Vec<String> {
    parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| format!("{d:?}")).collect()
}

/// `... on line 12 ...` -> `... on line N ...`.
fn without_line_numbers(message: &str) -> String {
    let mut out = String::new();
    let mut rest = message;
    while let Some(i) = rest.find("on line ") {
        out.push_str(&rest[..i + 8]);
        out.push('N');
        rest = rest[i + 8..].trim_start_matches(|c: char| c.is_ascii_digit());
    }
    out.push_str(rest);
    out
}

fn tl_files() -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(CORPUS)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".tl"))
        .collect();
    names.sort();
    names
}

#[test]
fn every_corpus_file_survives_print_and_parse() {
    let files = tl_files();
    assert_eq!(files.len(), 25);
    for name in files {
        let bytes = std::fs::read(format!("{CORPUS}{name}")).unwrap();
        let (text, _) = decode_utf8(&bytes);
        let original = parse(&text, &Options::default());
        assert!(errors(&original).is_empty(), "{name}: {:?}", errors(&original));

        let printed = print::print(&original.schema);
        let reparsed = parse(&printed, &Options::default());
        assert!(errors(&reparsed).is_empty(), "{name}: printed text has errors: {:?}", errors(&reparsed));
        // Warnings and notes too: the same ids are checked the same way (lines differ).
        let messages = |p: &Parsed<'_>| -> Vec<(Severity, String)> {
            p.diagnostics.iter().map(|d| (d.severity, without_line_numbers(&d.message))).collect()
        };
        assert_eq!(messages(&original), messages(&reparsed), "{name}: diagnostics");

        let (a, b) = (schema_shape(&original.schema), schema_shape(&reparsed.schema));
        assert_eq!(a.len(), b.len(), "{name}");
        for (x, y) in a.iter().zip(&b) {
            assert_eq!(x, y, "{name}");
        }

        let printed_again = print::print(&reparsed.schema);
        assert!(printed == printed_again, "{name}: print is not idempotent");
    }
}

#[test]
fn printed_form_is_canonical() {
    // Spacing, `<>` and `(vector t)` forms, short ids and comments are normalized.
    let src = "// LAYER 5\nfoo#1   x:(vector  int)  y:Vector<  long > = Foo ; // trailing\n/* c */ bar = Vector t;\n";
    let parsed = parse(src, &Options { dialect: Some(tlayer_parser::Dialect::Telegram) });
    let printed = print::print(&parsed.schema);
    assert_eq!(printed, "// LAYER 5\nfoo#00000001 x:vector<int> y:Vector<long> = Foo;\nbar = Vector t;\n");
}

#[test]
fn printed_docs_parse_back_the_same() {
    let src = "\
//@class Shape @description A shape
//@description A circle @radius The radius,
//-in metres @color Not a tag: it came from a continuation line
circle radius:double color:int = Shape;
---functions---
//@description Needs @class as a parameter doc @class The class
getShape class:int = Shape;
";
    let parsed = parse(src, &Options::default());
    assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);
    let circle = &parsed.schema.definitions[0];
    assert_eq!(
        circle.docs.param("radius"),
        Some("The radius, in metres @color Not a tag: it came from a continuation line")
    );
    let printed = print::print(&parsed.schema);
    let reparsed = parse(&printed, &Options::default());
    assert_eq!(schema_shape(&parsed.schema), schema_shape(&reparsed.schema), "{printed}");
    assert_eq!(print::print(&reparsed.schema), printed);
}
