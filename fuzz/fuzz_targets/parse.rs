//! Feeds arbitrary bytes through the whole parser: `decode_utf8`, `parse` (lexer, grammar, ids,
//! validation), diagnostics rendering, `print`, and a parse of the printed text.
//!
//! What must hold for any input:
//! - nothing panics, overflows the stack or loops;
//! - decoding keeps byte offsets, and every diagnostic span lies inside the text on char boundaries;
//! - when the input parses without errors, its printed form parses without errors to the same
//!   definitions (names, sections, ids, parameters, result, docs, layers), and printing that again
//!   gives the same text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use tlayer_parser::{Definition, Diagnostic, LineIndex, Options, decode_utf8, parse, print};

fuzz_target!(|data: &[u8]| {
    let (text, decode_errors) = decode_utf8(data);
    assert_eq!(text.len(), data.len(), "decoding must keep byte offsets");
    check_spans(&text, &decode_errors);

    let parsed = parse(&text, &Options::default());
    check_spans(&text, &parsed.diagnostics);
    let lines = LineIndex::new(&text);
    for d in decode_errors.iter().chain(&parsed.diagnostics) {
        let _ = lines.render("fuzz.tl", d);
    }

    let printed = print::print(&parsed.schema);
    let reparsed = parse(&printed, &Options::default());
    check_spans(&printed, &reparsed.diagnostics);
    if !parsed.is_ok() {
        return;
    }
    if let Some(e) = reparsed.diagnostics.iter().find(|d| d.severity == tlayer_parser::Severity::Error) {
        panic!("printed text has an error: {}\n--- printed ---\n{printed}", LineIndex::new(&printed).render("p", e));
    }
    assert_eq!(parsed.schema.dialect, reparsed.schema.dialect);
    assert_eq!(parsed.schema.definitions.len(), reparsed.schema.definitions.len(), "{printed}");
    for (a, b) in parsed.schema.definitions.iter().zip(&reparsed.schema.definitions) {
        assert_same(a, b, &printed);
    }
    let printed_again = print::print(&reparsed.schema);
    assert_eq!(printed, printed_again, "printing is not idempotent");
});

fn check_spans(text: &str, diags: &[Diagnostic]) {
    for d in diags {
        let (start, end) = (d.span.start as usize, d.span.end as usize);
        assert!(start <= end && end <= text.len(), "span {start}..{end} outside 0..{}: {d:?}", text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end), "span not on char boundaries: {d:?}");
    }
}

fn assert_same(a: &Definition<'_>, b: &Definition<'_>, printed: &str) {
    let line = |d: &Definition<'_>| {
        let mut s = String::new();
        print::print_definition(&mut s, d);
        s
    };
    assert_eq!(line(a), line(b), "{printed}");
    assert_eq!(a.name.text, b.name.text);
    assert_eq!(a.section, b.section);
    assert_eq!(a.written_id, b.written_id);
    assert_eq!(a.id, b.id, "{}", line(a));
    assert_eq!(a.builtin, b.builtin);
    assert_eq!(a.layer, b.layer, "{printed}");
    // Docs survive up to whitespace: a `//-` continuation is joined with one space.
    assert_eq!(docs(a), docs(b), "{printed}");
    assert_eq!(a.params.len(), b.params.len());
    assert!(a.result.same(&b.result), "{}", line(a));
}

/// The docs of `d` with each run of whitespace made one space.
fn docs(d: &Definition<'_>) -> Vec<(String, String)> {
    let squeeze = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let description = d.docs.description.as_deref().map(|t| ("@description".to_string(), squeeze(t)));
    description.into_iter().chain(d.docs.params.iter().map(|(n, t)| (n.to_string(), squeeze(t)))).collect()
}
