//! `print::format` (what `tlayer fmt` prints) keeps every comment: plain `//` lines, comments
//! trailing a definition, `/* */` blocks, `//@` docs and layer markers. Text already in that form
//! comes out unchanged (so `fmt --check` accepts it), formatting is idempotent, and the output
//! parses to the same definitions with the same ids, on every corpus file and on schemas with
//! comments put at random places.

use proptest::prelude::*;
use tlayer_parser::{Definition, Options, Parsed, Severity, parse, print};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

/// A definition as its canonical line, its ids, docs and layer.
fn shape(d: &Definition<'_>) -> String {
    let mut line = String::new();
    print::print_definition(&mut line, d);
    format!("{line} {:?} id={:#x} builtin={} layer={:?} docs={:?}", d.section, d.id, d.builtin, d.layer, d.docs)
}

fn shapes(p: &Parsed<'_>) -> Vec<String> {
    let mut out: Vec<String> = p.schema.definitions.iter().map(shape).collect();
    out.extend(p.schema.layer_markers.iter().map(|m| format!("layer {}", m.layer)));
    out.extend(p.schema.class_docs.iter().map(|c| format!("class {} {:?}", c.name, c.description)));
    out
}

/// The texts of the plain comments, sorted.
fn comment_texts(p: &Parsed<'_>) -> Vec<String> {
    let mut texts: Vec<String> = p.schema.comments.iter().map(|c| c.text.to_string()).collect();
    texts.sort();
    texts
}

fn errors(p: &Parsed<'_>) -> Vec<String> {
    p.diagnostics.iter().filter(|d| d.severity == Severity::Error).map(|d| d.message.clone()).collect()
}

/// Formats `src` (which parses without errors) and checks everything the formatter promises;
/// returns the formatted text.
fn check_format(src: &str) -> Result<String, TestCaseError> {
    let parsed = parse(src, &Options::default());
    prop_assert!(parsed.is_ok(), "{:?}", errors(&parsed));
    let formatted = print::format(&parsed.schema);
    let reparsed = parse(&formatted, &Options::default());
    prop_assert!(reparsed.is_ok(), "formatted text has errors {:?}:\n{}", errors(&reparsed), formatted);
    prop_assert_eq!(shapes(&parsed), shapes(&reparsed), "formatted:\n{}", formatted);
    prop_assert_eq!(comment_texts(&parsed), comment_texts(&reparsed), "formatted:\n{}", formatted);
    prop_assert_eq!(parsed.schema.dialect, reparsed.schema.dialect);
    let again = print::format(&reparsed.schema);
    prop_assert_eq!(&again, &formatted, "not idempotent");
    Ok(formatted)
}

#[test]
fn canonical_commented_text_is_left_as_it_is() {
    let src = "\
// LAYER 7
// The booleans.
/* A block
   over two lines. */
//@description The false value
boolFalse#bc799737 = Bool; // trailing
boolTrue#997275b5 = Bool; /* trailing block */ // and a line
// Between definitions.
//@class Shape @description A shape
circle r:double = Shape;
// The last type.
---functions---
// Before the first function.
getShape#12345678 = Shape; // trailing
// At the end.
";
    assert_eq!(check_format(src).unwrap(), src);
}

#[test]
fn comments_move_only_where_a_line_cannot_hold_them() {
    let cases = [
        // Spacing is normalized; a trailing comment stays on its line.
        ("a   =  A ;   // x  \n", "a = A; // x\n"),
        // A comment inside a definition goes after it.
        ("a /* x */ = A;\n", "a = A; /* x */\n"),
        // TON's definitions over several lines: the first `//` comment trails the definition, the
        // others get their own line.
        ("a x:int // first\n  y:int // second\n  = A;\n", "a x:int y:int = A; // first\n// second\n"),
        // Blank lines go; a comment after a `//` comment cannot trail it.
        ("// one\n\n\n// two\na = A;\n", "// one\n// two\na = A;\n"),
        // A comment after a section marker keeps its side of the marker.
        (
            "a = A;\n// types end\n---functions--- // fns\nf = A;\n",
            "a = A;\n// types end\n---functions---\n// fns\nf = A;\n",
        ),
        // A section marker with nothing but comments after it is kept.
        ("a = A;\n---functions---\n// none yet\n", "a = A;\n---functions---\n// none yet\n"),
        // CRLF line endings: the `\r` is no part of the comment.
        ("a = A; // x\r\n// y\r\n", "a = A; // x\n// y\n"),
    ];
    for (src, want) in cases {
        assert_eq!(check_format(src).unwrap(), want, "{src:?}");
    }
}

#[test]
fn print_leaves_comments_out() {
    let parsed = parse("// x\na = A; /* y */\n", &Options::default());
    assert_eq!(print::print(&parsed.schema), "a = A;\n");
    assert_eq!(print::format(&parsed.schema), "// x\na = A; /* y */\n");
}

#[test]
fn every_corpus_file_keeps_its_comments_and_definitions() {
    let mut files = 0;
    let mut comments = 0;
    for entry in std::fs::read_dir(CORPUS).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "tl") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        comments += parse(&text, &Options::default()).schema.comments.len();
        if let Err(e) = check_format(&text) {
            panic!("{}: {e}", path.display());
        }
        files += 1;
    }
    assert!(files >= 20);
    // The corpus has plain comments to keep (tdlib's and TON's schemas).
    assert!(comments > 0);
}

/// A small schema, one token a piece, with the whitespace after each token.
const PIECES: &[(&str, &str)] = &[
    ("int", " "),
    ("?", " "),
    ("=", " "),
    ("Int;", "\n"),
    ("boolFalse#bc799737", " "),
    ("=", " "),
    ("Bool;", "\n"),
    ("user", " "),
    ("flags:#", " "),
    ("name:flags.0?string", " "),
    ("tags:Vector<int>", "\n"),
    ("  id:long", " "),
    ("=", " "),
    ("User;", "\n"),
    ("---functions---", "\n"),
    ("getUser", " "),
    ("id:long", " "),
    ("=", " "),
    ("User;", "\n"),
];

/// The schema with a comment (block or line, by `kinds`) after the pieces `at` says.
fn commented(at: &[bool], kinds: &[bool]) -> String {
    let mut out = String::new();
    for (k, ((piece, space), (&put, &block))) in PIECES.iter().zip(at.iter().zip(kinds)).enumerate() {
        out.push_str(piece);
        if put && block {
            out.push_str(&format!(" /* c{k} */{space}"));
        } else if put {
            // A line comment ends its line; what follows goes on the next.
            out.push_str(&format!(" // c{k}\n"));
            if *space == "\n" {
                continue;
            }
            out.push_str("  ");
        } else {
            out.push_str(space);
        }
    }
    out
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn comments_anywhere_are_kept(at in prop::collection::vec(any::<bool>(), PIECES.len()), kinds in prop::collection::vec(any::<bool>(), PIECES.len())) {
        let src = commented(&at, &kinds);
        let plain = commented(&vec![false; PIECES.len()], &vec![false; PIECES.len()]);
        let parsed = parse(&src, &Options::default());
        // A line comment may end a line where TL needs the line to go on (`Vector<int>` then
        // `id:long` is fine, but not everywhere): only schemas that parse as the plain one count.
        let same = parsed.is_ok()
            && shapes(&parsed) == shapes(&parse(&plain, &Options::default()));
        if same {
            let wanted = at.iter().filter(|&&b| b).count();
            prop_assert_eq!(parsed.schema.comments.len(), wanted);
            check_format(&src)?;
        }
    }
}
