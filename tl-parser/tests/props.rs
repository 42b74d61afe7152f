//! Property tests: whatever the input (random bytes, soups of TL tokens, real corpus lines with
//! random edits), `decode_utf8` + `parse` + `print` never panic, every diagnostic span lies in the
//! text on char boundaries, and text that parses without errors prints to text that parses to the
//! same definitions and prints the same again. Generated valid definitions parse without errors.

use proptest::prelude::*;
use std::sync::OnceLock;
use tlayer_parser::{Definition, Diagnostic, LineIndex, Options, Severity, decode_utf8, parse, print};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

fn check_spans(text: &str, diags: &[Diagnostic]) -> Result<(), TestCaseError> {
    for d in diags {
        let (s, e) = (d.span.start as usize, d.span.end as usize);
        prop_assert!(s <= e && e <= text.len(), "span {}..{} outside the text ({}): {:?}", s, e, text.len(), d);
        prop_assert!(text.is_char_boundary(s) && text.is_char_boundary(e), "span not on char boundaries: {:?}", d);
    }
    Ok(())
}

/// One definition as text, spans left out (the printer's own line, plus what it does not show).
fn shape(d: &Definition<'_>) -> String {
    let mut line = String::new();
    print::print_definition(&mut line, d);
    let docs: Vec<String> = d
        .docs
        .description
        .iter()
        .map(|t| ("description", t))
        .chain(d.docs.params.iter().map(|(n, t)| (*n, t)))
        .map(|(n, t)| format!("{n}={}", t.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    format!("{line} {:?} id={:#x} builtin={} layer={:?} docs={docs:?}", d.section, d.id, d.builtin, d.layer)
}

/// Everything that must hold for any input.
fn check_bytes(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (text, decode_errors) = decode_utf8(bytes);
    prop_assert_eq!(text.len(), bytes.len());
    check_spans(&text, &decode_errors)?;
    prop_assert_eq!(decode_errors.is_empty(), std::str::from_utf8(bytes).is_ok());
    check_text(&text)
}

fn check_text(text: &str) -> Result<(), TestCaseError> {
    let parsed = parse(text, &Options::default());
    check_spans(text, &parsed.diagnostics)?;
    let lines = LineIndex::new(text);
    for d in &parsed.diagnostics {
        let rendered = lines.render("t.tl", d);
        prop_assert!(rendered.contains(&*tlayer_parser::diagnostic::escape(&d.message)));
    }
    let printed = print::print(&parsed.schema);
    let reparsed = parse(&printed, &Options::default());
    check_spans(&printed, &reparsed.diagnostics)?;
    if parsed.is_ok() {
        let errors: Vec<&Diagnostic> = reparsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "printed text has errors {:?}\n{}", errors, printed);
        let a: Vec<String> = parsed.schema.definitions.iter().map(shape).collect();
        let b: Vec<String> = reparsed.schema.definitions.iter().map(shape).collect();
        prop_assert_eq!(a, b, "printed:\n{}", printed);
        prop_assert_eq!(parsed.schema.dialect, reparsed.schema.dialect);
        prop_assert_eq!(print::print(&reparsed.schema), printed);
    }
    Ok(())
}

/// Pieces of TL, valid and not.
const TOKENS: &[&str] = &[
    "boolTrue",
    "Bool",
    "foo",
    "Foo",
    "x",
    "flags",
    "flags2",
    "flags.0",
    "flags.31",
    "flags.32",
    "flags2.3",
    "contacts.link",
    "contacts.Link",
    "1bar",
    "a.1b",
    "#",
    "#1cb5c415",
    "#997275b5",
    "#123456789",
    "#xyz",
    ":",
    "?",
    "%",
    "!",
    "<",
    ">",
    ",",
    "{",
    "}",
    "[",
    "]",
    "(",
    ")",
    "=",
    ";",
    "*",
    "4",
    "4*",
    "int",
    "long",
    "string",
    "bytes",
    "true",
    "Vector",
    "vector",
    "Type",
    "X",
    "t",
    "Object",
    "---types---",
    "---functions---",
    "---foo---",
    "---",
    "//@description doc @x y\n",
    "//@class Foo @description d\n",
    "//-more\n",
    "// LAYER 7\n",
    "// layer\n",
    "// comment\n",
    "/*",
    "*/",
    "/* block */",
    "é",
    "€",
    "\t",
    "\r\n",
    "\n",
    "\r",
    "\u{0}",
    "$",
];

fn token_soup() -> impl Strategy<Value = String> {
    let token = prop::sample::select(TOKENS);
    let sep = prop::sample::select(&[" ", " ", " ", "", "\n"][..]);
    prop::collection::vec((token, sep), 0..60).prop_map(|parts| {
        let mut s = String::new();
        for (t, sep) in parts {
            s.push_str(t);
            s.push_str(sep);
        }
        s
    })
}

/// Every non-empty line of the corpus.
fn corpus_lines() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let mut lines = Vec::new();
        let mut files: Vec<_> = std::fs::read_dir(CORPUS).unwrap().map(|e| e.unwrap().path()).collect();
        files.sort();
        for path in files.iter().filter(|p| p.extension().is_some_and(|e| e == "tl")) {
            let text = std::fs::read_to_string(path).unwrap();
            lines.extend(text.lines().filter(|l| !l.trim().is_empty()).map(str::to_string));
        }
        assert!(lines.len() > 20_000);
        lines
    })
}

#[derive(Clone, Debug)]
enum Edit {
    Insert(usize, char),
    Delete(usize),
    Replace(usize, char),
}

fn edit() -> impl Strategy<Value = Edit> {
    let ch = prop_oneof![
        prop::sample::select(
            &[' ', ':', '?', '#', '<', '>', '{', '}', '=', ';', '.', '%', '!', '\n', '/', '@', '-', '[', ']', '(', ')']
                [..]
        ),
        prop::char::range('a', 'z'),
        prop::char::range('0', '9'),
        Just('é'),
        Just('\u{10348}'),
    ];
    prop_oneof![
        (any::<usize>(), ch.clone()).prop_map(|(i, c)| Edit::Insert(i, c)),
        any::<usize>().prop_map(Edit::Delete),
        (any::<usize>(), ch).prop_map(|(i, c)| Edit::Replace(i, c)),
    ]
}

/// Applies `edits` to `line` at char positions (taken modulo the length).
fn apply(line: &str, edits: &[Edit]) -> String {
    let mut chars: Vec<char> = line.chars().collect();
    for e in edits {
        match *e {
            Edit::Insert(i, c) => chars.insert(i % (chars.len() + 1), c),
            Edit::Delete(i) if !chars.is_empty() => {
                let i = i % chars.len();
                chars.remove(i);
            }
            Edit::Replace(i, c) if !chars.is_empty() => {
                let i = i % chars.len();
                chars[i] = c;
            }
            _ => {}
        }
    }
    chars.into_iter().collect()
}

// --- Generated valid definitions ---------------------------------------------------------------

const FIELD_TYPES: &[&str] = &[
    "int",
    "long",
    "double",
    "string",
    "bytes",
    "int128",
    "int256",
    "Bool",
    "Vector<int>",
    "Vector<long>",
    "Vector<bytes>",
    "vector<string>",
    "Vector<Vector<int>>",
    "Thing",
    "ns.Thing",
    "Vector<Thing>",
    "thing",
];

fn ident() -> impl Strategy<Value = String> {
    "[a-z][a-zA-Z0-9_]{0,8}".prop_filter("not a reserved word", |s| !matches!(s.as_str(), "true" | "flags" | "flags2"))
}

/// A generated field: name, flag condition (which flags field, bit), type.
type GenField = (String, Option<(u8, u8)>, &'static str);

#[derive(Clone, Debug)]
struct GenDef {
    name: String,
    id: Option<u32>,
    function: bool,
    flags: u8,
    fields: Vec<GenField>,
    result: &'static str,
    doc: Option<String>,
}

fn gen_def() -> impl Strategy<Value = GenDef> {
    let field = (ident(), prop::option::of((0u8..2, 0u8..32)), prop::sample::select(FIELD_TYPES));
    (
        (prop::option::of("[a-z]{1,5}"), ident()),
        prop::option::of(any::<u32>()),
        any::<bool>(),
        0u8..3,
        prop::collection::vec(field, 0..8),
        prop::sample::select(&["Thing", "ns.Thing", "Bool", "Other", "Vector<Thing>"][..]),
        prop::option::of("[a-zA-Z ,.]{0,30}"),
    )
        .prop_map(|((ns, name), id, function, flags, fields, result, doc)| GenDef {
            name: ns.map_or(name.clone(), |ns| format!("{ns}.{name}")),
            id,
            function,
            flags,
            fields,
            result,
            doc,
        })
}

/// Writes the definitions as a schema, constructors first: a flags field for each flag used,
/// unique field and definition names, every type declared.
fn schema_text(defs: &[GenDef]) -> String {
    let mut types = String::from("thing = Thing;\nns.thing = ns.Thing;\nother = Other;\n");
    let mut functions = String::from("---functions---\n");
    let mut names = std::collections::HashSet::new();
    for (k, d) in defs.iter().enumerate() {
        let out = if d.function { &mut functions } else { &mut types };
        let name = format!("{}{k}", d.name);
        names.insert(name.clone());
        if let Some(doc) = &d.doc {
            out.push_str(&format!("//@description {doc}\n"));
        }
        out.push_str(&name);
        if let Some(id) = d.id {
            out.push_str(&format!("#{id:x}"));
        }
        for f in 0..d.flags {
            out.push_str(if f == 0 { " flags:#" } else { " flags2:#" });
        }
        for (i, (field, cond, ty)) in d.fields.iter().enumerate() {
            out.push_str(&format!(" {field}_{i}:"));
            if let Some((which, bit)) = cond
                && *which < d.flags
            {
                out.push_str(&format!("{}.{bit}?", if *which == 0 { "flags" } else { "flags2" }));
                if bit % 3 == 0 {
                    out.push_str("true");
                    continue;
                }
            }
            out.push_str(ty);
        }
        let result = if d.function { d.result } else { d.result.trim_start_matches("Vector<").trim_end_matches('>') };
        out.push_str(&format!(" = {result};\n"));
    }
    types + &functions
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 1024, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        check_bytes(&bytes)?;
    }

    #[test]
    fn random_ascii_text(text in "[ -~\n\t]{0,300}") {
        check_text(&text)?;
    }

    #[test]
    fn token_soups(text in token_soup()) {
        check_text(&text)?;
    }

    #[test]
    fn mutated_corpus_lines(picks in prop::collection::vec(any::<prop::sample::Index>(), 1..6),
                            edits in prop::collection::vec(edit(), 1..6)) {
        let lines = corpus_lines();
        let text: Vec<String> = picks.iter().map(|i| i.get(lines).clone()).collect();
        let mut text = text.join("\n");
        text = apply(&text, &edits);
        check_text(&text)?;
        check_bytes(text.as_bytes())?;
    }

    #[test]
    fn mutated_corpus_bytes(pick in any::<prop::sample::Index>(), at in any::<usize>(), byte in any::<u8>()) {
        // A single byte overwritten, which may split a UTF-8 sequence.
        let mut bytes = pick.get(corpus_lines()).clone().into_bytes();
        let n = bytes.len();
        bytes[at % n] = byte;
        check_bytes(&bytes)?;
    }

    #[test]
    fn generated_definitions_parse_print_and_parse_back(defs in prop::collection::vec(gen_def(), 1..8)) {
        let text = schema_text(&defs);
        let parsed = parse(&text, &Options::default());
        let errors: Vec<&Diagnostic> = parsed.diagnostics.iter().filter(|d| d.severity == Severity::Error).collect();
        prop_assert!(errors.is_empty(), "{:?}\n{}", errors, text);
        prop_assert_eq!(parsed.schema.definitions.len(), defs.len() + 3);
        check_text(&text)?;
    }
}

// --- Regressions ----------------------------------------------------------------------------

#[test]
fn deep_nesting_does_not_overflow_the_stack() {
    for open in ["Vector<", "(vector ", "[ ", "{X:"] {
        let text = format!("foo x:{}int = Foo;\n", open.repeat(50_000));
        check_text(&text).unwrap();
    }
}

#[test]
fn docs_that_look_like_tags_round_trip() {
    for text in [
        "//@description a\n//-@b c\nfoo = Foo;\n",
        "//@x y\n//-z @class C\nfoo = Foo;\n",
        "//@a@b c\nfoo = Foo;\n",
        "//@description\n//-@x\nfoo = Foo;\n",
        "//@class@x @description@y\nfoo = Foo;\n",
        "//@description a\t\t@b c\nfoo = Foo;\n",
        "//@description a\n//-b  \t @c d\nfoo = Foo;\n",
    ] {
        check_text(text).unwrap();
    }
}

#[test]
fn result_forms_round_trip() {
    for text in [
        "foo = Foo;\n---functions---\nbar = %Foo;\n",
        "foo = Foo;\n---functions---\nbar {X:Type} = Vector<!X>;\n",
        "foo = Foo;\nbar = Vector %Foo;\n",
        "foo = Foo;\nbar = (Vector foo);\n",
    ] {
        check_text(text).unwrap();
    }
}

/// Fuzzing finding 1 (`cargo fuzz run parse`, after 296,885 runs): `x:(T) ?` printed as
/// `x:T ?`, which parsed back as the flag condition `T?`.
#[test]
fn fuzz_parenthesized_type_before_opaque_param() {
    check_text("foo x:(tonNode.shardId) ? = Foo;\n").unwrap();
    check_text("foo x:(flags.0) ? = Foo;\n").unwrap();
    let parsed = parse("foo x:(tonNode.shardId) ? = Foo;\n", &Options::default());
    assert!(parsed.is_ok(), "{:?}", parsed.diagnostics);
    let mut line = String::new();
    print::print_definition(&mut line, &parsed.schema.definitions[0]);
    assert_eq!(line, "foo x:tonNode.shardId ? = Foo;");
}
