//! `parse` computes ids and validates each definition as it is parsed, with the dialect guessed from
//! the first definitions; the public steps (`lexer::lex`, `grammar::parse`, `ids::assign`,
//! `validate::validate`) do it one whole pass after the other. Both must give the same schema and
//! the same diagnostics in the same order, whatever the guess and wherever `%T` needs the whole
//! schema; and on every file of the real corpus.

use tlayer_parser::{Diagnostic, Dialect, LineIndex, Options, Parsed, grammar, ids, lexer, parse, validate};

const CORPUS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/");

/// The schema and diagnostics of `src` by the public steps, one pass each.
fn by_steps(src: &str, dialect: Option<Dialect>) -> Parsed<'_> {
    let mut diagnostics: Vec<Diagnostic> = Vec::new();
    let lexed = lexer::lex(src);
    let mut schema = grammar::parse(src, &lexed, &mut diagnostics);
    schema.dialect = dialect.unwrap_or_else(|| ids::detect_dialect(&schema));
    ids::assign(&mut schema, &mut diagnostics);
    validate::validate(&schema, &LineIndex::new(src), &mut diagnostics);
    diagnostics.sort_by_key(|d| (d.span.start, std::cmp::Reverse(d.severity)));
    Parsed { schema, diagnostics }
}

#[track_caller]
fn same(src: &str) {
    for dialect in [None, Some(Dialect::Telegram), Some(Dialect::TdApi), Some(Dialect::Ton)] {
        let at_once = parse(src, &Options { dialect });
        let steps = by_steps(src, dialect);
        assert_eq!(at_once.schema, steps.schema, "schema of {src:?} ({dialect:?})");
        assert_eq!(at_once.diagnostics, steps.diagnostics, "diagnostics of {src:?} ({dialect:?})");
    }
}

#[test]
fn guessed_dialect_right_or_wrong() {
    // Telegram, guessed from the first definition.
    same(
        "int ? = Int;\nboolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\nx flags:# a:flags.0?true b:bytes = X;\n",
    );
    // Telegram (most ids written), but the first definition has none: guessed wrong, redone.
    same("x flags:# a:flags.0?true b:bytes = X;\nboolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\n");
    // TON (few ids written), but the first definition has one: guessed wrong, redone.
    same("x#12345678 flags:# a:flags.0?true b:bytes = X;\ny = Y;\nz = Z;\nw a:bytes = W;\n");
    // Only builtins: nothing to guess from.
    same("int ? = Int;\nlong ? = Long;\n");
    same("");
}

#[test]
fn bare_types_and_forward_references() {
    // `%T` needs every constructor of `T`, some declared later.
    same("a x:%B y:Vector<%B> = A;\nb = B;\nc x:%D = C;\nd1 = D;\nd2 = D;\n---functions---\nf x:%B = A;\n");
    // Types used before they are declared, unknown types, loose constructor names, generics.
    same("a x:B y:Vector<C> z:Q = A;\nb = B;\nc = C;\nfuture_salt = FutureSalt;\nv x:vector<futureSalt> = V;\n");
    same("{X:Type} w q:!X = X;\ng {t:Type} x:t<int> y:# z:Vector<#> = G;\nh x:!Y = H;\n");
}

#[test]
fn duplicates_errors_and_notes_in_order() {
    same("a#1 = A;\na#1 = A;\nb#1 = B;\na#2 x:int x:long = A;\n---functions---\na#1 = A;\n");
    same("x#deadbeef flags:# a:flags.40?int b:fl.1?int c:true = X;\ny#deadbeef = Y;\n");
    same("invokeWithReCaptchaPrefix#adbb0f94 = X;\ninvokeWithReCaptcha#adbb0f94 = X;\n");
    same("boolFalse = Bool\nboolTrue#997275b5 = Bool;\n1x = Y;\nx.1y = Y;\nz#123456789 = Z;\n@ = Q;\n");
}

#[test]
fn corpus() {
    let mut files = 0;
    for entry in std::fs::read_dir(CORPUS).expect("the corpus folder") {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "tl") {
            let text = std::fs::read_to_string(&path).unwrap();
            same(&text);
            files += 1;
        }
    }
    assert!(files >= 20, "{files} corpus files");
}
