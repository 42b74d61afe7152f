//! The loader: files read as one schema, each diagnostic in its own file at its line and column,
//! JSON files mapped back, a byte-order mark skipped, and rendering bounded and escaped.

use tlayer_parser::{Dialect, Format, Options, Severity, Sources};

/// `FILE:LINE:COL: severity: message` of each diagnostic.
fn headers(sources: &Sources) -> Vec<String> {
    let loaded = sources.load(&Options::default());
    loaded.diagnostics.iter().map(|d| loaded.render(d).lines().next().unwrap().to_string()).collect()
}

#[test]
fn positions_are_in_the_file_of_each_diagnostic() {
    let mut s = Sources::new();
    s.add("a.tl", b"boolFalse#bc799737 = Bool;\nboolTrue#997275b5 = Bool;\npair a:Bool b:Bool = Pair;\n");
    s.add("b.tl", b"// b\n\nwrap x:Pair y:Nope = Wrap;\n");
    s.add("c.tl", b"pair a:int = Pair;\n");
    assert_eq!(
        headers(&s),
        ["b.tl:3:15: error: unknown type `Nope`", "c.tl:1:1: error: `pair` is already defined on line 3 of a.tl",]
    );
    let loaded = s.load(&Options::default());
    assert_eq!(loaded.schema.definitions.len(), 5);
    // Every span of the schema locates in its file.
    let wrap = loaded.schema.definitions.iter().find(|d| d.name.text == "wrap").unwrap();
    let (file, at) = s.locate(wrap.name.span.start);
    assert_eq!((s.name(file), at.line, at.col), ("b.tl", 3, 1));
}

#[test]
fn a_file_ending_mid_definition_or_mid_comment_stays_in_its_file() {
    let mut s = Sources::new();
    s.add("a.tl", b"boolFalse#bc799737 = Bool");
    s.add("b.tl", b"/* never closed\n");
    s.add("c.tl", b"boolTrue#997275b5 = Bool;\n");
    assert_eq!(
        headers(&s),
        ["a.tl:1:26: error: expected `;`, found end of file", "b.tl:1:1: error: unterminated block comment"]
    );
    let loaded = s.load(&Options::default());
    assert_eq!(loaded.schema.definitions.iter().map(|d| d.name.text).collect::<Vec<_>>(), ["boolTrue"]);
}

#[test]
fn json_files_map_back_including_bytes_that_are_not_utf8() {
    let json = b"{\"constructors\": [\n  {\"id\": \"-1132882121\", \"predicate\": \"boolFalse\", \"params\": [], \"type\": \"Bool\"}\n], \"methods\": [], \"x\": \"\xff\"}\n";
    let mut s = Sources::new();
    s.add("a.tl", b"x y:Nope = X;\n");
    s.add("api.json", json);
    assert_eq!(s.format(1), Format::Json);
    let col = "], \"methods\": [], \"x\": \"".len() + 1;
    assert_eq!(
        headers(&s),
        ["a.tl:1:5: error: unknown type `Nope`".to_string(), format!("api.json:3:{col}: error: invalid UTF-8")]
    );
    // Content decides too: `{` first.
    let mut s = Sources::new();
    s.add("schema.txt", b"  {\"constructors\": [], \"methods\": []}");
    assert_eq!(s.format(0), Format::Json);
    assert!(s.load(&Options::default()).is_ok());
}

#[test]
fn a_byte_order_mark_is_skipped() {
    let mut s = Sources::new();
    s.add("a.tl", "\u{feff}boolTrue#997275b5 = Bool;\nx y:Nope = X;\n".as_bytes());
    assert_eq!(headers(&s), ["a.tl:2:5: error: unknown type `Nope`"]);
}

#[test]
fn the_dialect_is_of_the_whole_schema() {
    let mut s = Sources::new();
    s.add("builtins.tl", b"object ? = Object;\n");
    s.add("api.tl", b"a flags:# x:flags.0?true = A;\n");
    let loaded = s.load(&Options::default());
    assert_eq!(loaded.schema.dialect, Dialect::Ton);
    assert_eq!(loaded.detection.reason, "declares the builtin `object` as TON's schemas do");
    let given = s.load(&Options { dialect: Some(Dialect::Telegram) });
    assert_eq!(given.schema.dialect, Dialect::Telegram);
}

#[test]
fn a_long_line_shows_a_window_around_the_column() {
    let mut src = "a = A;".repeat(30);
    src.push_str("x y:Nope = X;");
    src.push_str(&"b = B;".repeat(30));
    let mut s = Sources::new();
    s.add("long.tl", src.as_bytes());
    let loaded = s.load(&Options::default());
    let nope = loaded.diagnostics.iter().find(|d| d.message.contains("Nope")).unwrap();
    let rendered = loaded.render(nope);
    let col = 30 * 6 + 5;
    // 33 characters before the column, then the rest of 100.
    let before = &src[col - 1 - 33..col - 1];
    let after = &src[col - 1..col - 1 + 67];
    assert_eq!(
        rendered,
        format!(
            "long.tl:1:{col}: error: unknown type `Nope`\n  |\n1 | ...{before}{after}...\n  | {}^^^^\n",
            " ".repeat(36)
        )
    );
}

#[test]
fn control_characters_are_escaped_where_they_are_shown() {
    let mut s = Sources::new();
    s.add("c\u{1b}.tl", b"a x:Int\x07 = A;\n");
    let loaded = s.load(&Options::default());
    let d = loaded.diagnostics.iter().find(|d| d.severity == Severity::Error).unwrap();
    let rendered = loaded.render(d);
    assert!(!rendered.contains('\u{7}') && !rendered.contains('\u{1b}'), "{rendered:?}");
    assert!(rendered.starts_with("c\\u{1b}.tl:1:8: error: unexpected character `\\u{7}`\n"), "{rendered}");
    assert!(rendered.contains("1 | a x:Int\\u{7} = A;\n  |        ^^^^^\n"), "{rendered}");
}

#[test]
fn reports_are_capped_per_file() {
    let mut s = Sources::new();
    s.add("a.tl", "x y:Nope = X;\n".repeat(150).as_bytes());
    s.add("b.tl", b"z w:Nope = Z;\n");
    let loaded = s.load(&Options::default());
    let mut out = Vec::new();
    loaded.report(&mut out, Severity::Warning).unwrap();
    let out = String::from_utf8(out).unwrap();
    // 150 unknown types and 149 duplicates in a.tl: 100 shown, 199 counted; b.tl's one shown.
    assert_eq!(out.lines().filter(|l| l.starts_with("a.tl:")).count(), 101);
    assert!(
        out.contains(
            "a.tl: 199 more diagnostics not shown (the first 100 are)\nb.tl:1:5: error: unknown type `Nope`\n"
        ),
        "{out}"
    );
}
