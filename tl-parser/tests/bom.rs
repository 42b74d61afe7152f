//! A UTF-8 byte order mark at the start of a file is skipped: the schema parses as it does without
//! it, and every position (line and column, as an editor shows them) is the same. Anywhere else it
//! is an unexpected character.

use tlayer_parser::{LineIndex, Options, Severity, parse, print};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");
const BOM: &str = "\u{feff}";

/// Every diagnostic as `LINE:COL: severity: message`.
fn positioned(text: &str) -> Vec<String> {
    let parsed = parse(text, &Options::default());
    let lines = LineIndex::new(text);
    parsed
        .diagnostics
        .iter()
        .map(|d| {
            let (line, col) = lines.line_col(d.span.start);
            format!("{line}:{col}: {}: {}", d.severity, d.message)
        })
        .collect()
}

#[test]
fn every_corpus_file_parses_the_same_with_a_bom() {
    let mut files = 0;
    for entry in std::fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let with_bom = format!("{BOM}{text}");
        let (plain, marked) = (parse(&text, &Options::default()), parse(&with_bom, &Options::default()));
        assert!(marked.is_ok(), "{}", path.display());
        assert_eq!(plain.schema.definitions.len(), marked.schema.definitions.len());
        for (a, b) in plain.schema.definitions.iter().zip(&marked.schema.definitions) {
            assert_eq!((a.name.text, a.id, a.wire_id()), (b.name.text, b.id, b.wire_id()));
            assert_eq!(a.span.start + BOM.len() as u32, b.span.start);
        }
        assert_eq!(print::format(&plain.schema), print::format(&marked.schema), "{}", path.display());
        assert_eq!(positioned(&text), positioned(&with_bom), "{}", path.display());
        files += 1;
    }
    assert!(files >= 20);
}

#[test]
fn errors_after_a_bom_are_at_the_columns_an_editor_shows() {
    let errors = |text: &str| -> Vec<String> {
        positioned(text).into_iter().filter(|d| d.contains(&Severity::Error.to_string())).collect()
    };
    assert_eq!(errors("\u{feff}foo x:Bar = Foo;\n"), ["1:7: error: unknown type `Bar`"]);
    assert_eq!(errors("\u{feff}$ = Foo;\nboolTrue = Bool;\n"), ["1:1: error: unexpected character `$`"]);
    assert_eq!(errors("\u{feff}boolTrue = Bool\nx = X;"), ["1:16: error: expected `;`, found `x`"]);
    // Only at the start of the text: elsewhere it is a character like any other.
    assert_eq!(errors("boolTrue = Bool;\n\u{feff}x = X;\n"), ["2:1: error: unexpected character `\u{feff}`"]);
    assert_eq!(errors("\u{feff}\u{feff}x = X;\n"), ["1:1: error: unexpected character `\u{feff}`"]);
}

#[test]
fn a_comment_right_after_the_bom_starts_its_line() {
    let src = "\u{feff}// top\nboolTrue = Bool; // trailing\n";
    let parsed = parse(src, &Options::default());
    assert!(parsed.is_ok());
    let comments: Vec<(&str, bool)> = parsed.schema.comments.iter().map(|c| (c.text, c.own_line)).collect();
    assert_eq!(comments, [("// top", true), ("// trailing", false)]);
    assert_eq!(print::format(&parsed.schema), "// top\nboolTrue = Bool; // trailing\n");
}
