//! Malformed schemas: each error at its exact `LINE:COL` with its exact message, every error of a
//! file in one pass, and the definitions around a bad one still parsed.

use tlayer_parser::{LineIndex, Options, Severity, decode_utf8, parse};

/// Decodes and parses `src`; checks the full list of errors (`"LINE:COL: message"`, in source
/// order) and how many definitions were kept. Returns the kept definitions' names.
#[track_caller]
fn check(src: impl AsRef<[u8]>, errors: &[&str], definitions: usize) -> Vec<String> {
    let (text, mut diags) = decode_utf8(src.as_ref());
    let parsed = parse(&text, &Options::default());
    diags.extend(parsed.diagnostics.iter().cloned());
    diags.sort_by_key(|d| d.span.start); // stable: decoding errors first at a place
    let lines = LineIndex::new(&text);
    let got: Vec<String> = diags
        .iter()
        .filter(|d| d.severity == Severity::Error)
        .map(|d| {
            assert!(d.span.end as usize <= text.len() && d.span.start <= d.span.end, "{d:?}");
            let (line, col) = lines.line_col(d.span.start);
            format!("{line}:{col}: {}", d.message)
        })
        .collect();
    assert_eq!(got, errors, "errors of {text:?}");
    let names: Vec<String> = parsed.schema.definitions.iter().map(|d| d.name.text.to_string()).collect();
    assert_eq!(names.len(), definitions, "definitions kept from {text:?}: {names:?}");
    names
}

#[test]
fn missing_semicolon_is_reported_where_it_is_missing() {
    // After `Bool`, not at the next line's name; the next definition is still parsed.
    let kept = check("boolFalse = Bool\nboolTrue = Bool;\n", &["1:17: expected `;`, found `boolTrue`"], 1);
    assert_eq!(kept, ["boolTrue"]);
}

#[test]
fn missing_semicolon_at_the_end_of_the_file() {
    check("boolTrue = Bool;\nboolFalse = Bool", &["2:17: expected `;`, found end of file"], 1);
}

#[test]
fn missing_equals_on_one_line() {
    check(
        "boolFalse = Bool;\nfoo x:int Foo;\nboolTrue = Bool;\n",
        &["2:14: expected a parameter or `=`, found `;`"],
        2,
    );
}

#[test]
fn missing_equals_and_result() {
    let kept = check(
        "boolFalse = Bool;\nfoo x:int\nboolTrue = Bool;\n",
        &["2:10: expected a parameter or `=`, found `boolTrue`"],
        2,
    );
    assert_eq!(kept, ["boolFalse", "boolTrue"]);
}

#[test]
fn hex_id_with_nine_digits() {
    check(
        "boolFalse#123456789 = Bool;\nboolTrue = Bool;\n",
        &["1:10: invalid constructor id `#123456789`: expected 1 to 8 hex digits"],
        1,
    );
}

#[test]
fn hex_id_with_a_non_hex_digit() {
    check(
        "boolFalse#bc79973g = Bool;\nboolTrue = Bool;\n",
        &["1:10: invalid constructor id `#bc79973g`: expected 1 to 8 hex digits"],
        1,
    );
}

#[test]
fn unknown_type() {
    check("foo x:Bar = Foo;\nboolTrue = Bool;\n", &["1:7: unknown type `Bar`"], 2);
}

#[test]
fn unknown_type_inside_a_vector() {
    check("foo x:Vector<Bar> = Foo;\n", &["1:14: unknown type `Bar`"], 1);
}

#[test]
fn duplicate_name() {
    check("foo = Foo;\nfoo = Foo;\nboolTrue = Bool;\n", &["2:1: `foo` is already defined on line 1"], 3);
}

#[test]
fn same_name_as_constructor_and_function_is_allowed() {
    check("foo = Foo;\n---functions---\nfoo = Foo;\n", &[], 2);
}

#[test]
fn duplicate_id() {
    check(
        "foo#12345678 = Foo;\nbar#12345678 = Bar;\n",
        &["2:1: id #12345678 of `bar` is already used by `foo` on line 1"],
        2,
    );
}

#[test]
fn flag_field_that_is_not_a_hash() {
    check(
        "foo flags:int x:flags.0?int = Foo;\nboolTrue = Bool;\n",
        &["1:17: flag field `flags` is not an earlier `#` parameter"],
        2,
    );
}

#[test]
fn flag_field_declared_later() {
    check("foo x:flags.0?int flags:# = Foo;\n", &["1:7: flag field `flags` is not an earlier `#` parameter"], 1);
}

#[test]
fn flag_bit_32() {
    check("foo flags:# x:flags.32?int = Foo;\nboolTrue = Bool;\n", &["1:15: flag bit 32 is out of range 0..=31"], 2);
}

#[test]
fn flag_bit_too_large_for_a_number() {
    check("foo flags:# x:flags.99999999999?int = Foo;\n", &["1:15: flag bit is out of range 0..=31"], 1);
}

#[test]
fn flag_condition_without_a_bit() {
    check(
        "foo flags:# x:fl?int = Foo;\nboolTrue = Bool;\n",
        &["1:15: expected a flag condition `field.N?`, found `fl?`"],
        1,
    );
}

#[test]
fn true_outside_a_flag() {
    check(
        "foo x:true = Foo;\nboolTrue = Bool;\n",
        &["1:7: `true` is only allowed behind a flag: write `x:flags.N?true`"],
        2,
    );
}

#[test]
fn undeclared_generic_when_another_is_declared() {
    check(
        "boolTrue = Bool;\n---functions---\ninvokeWithLayer {X:Type} layer:int query:!Y = X;\n",
        &[
            "3:42: undeclared generic `Y`: declare it with `{Y:Type}`",
            "3:47: the result names type parameter `X`, but no field carries `!X`",
        ],
        2,
    );
}

#[test]
fn undeclared_generic_alone_is_layer_3_style() {
    // `invokeWithLayer3#b7475268 query:!X = X;` declares nothing, and is accepted.
    check("---functions---\ninvokeWithLayer3#b7475268 query:!X = X;\n", &[], 1);
}

#[test]
fn hash_as_a_result() {
    check("foo = #;\nboolTrue = Bool;\n", &["1:7: `#` cannot be a result type"], 1);
}

#[test]
fn bang_as_a_result() {
    check("foo x:int = !Foo;\nboolTrue = Bool;\n", &["1:13: `!Foo` cannot be a result type"], 1);
}

#[test]
fn hash_inside_a_type() {
    check("foo x:# = Foo;\nbar y:Vector<#> = Bar;\n", &["2:14: `#` can only be the type of a whole parameter"], 2);
}

#[test]
fn unterminated_block_comment() {
    check("boolTrue = Bool;\n/* open\nboolFalse = Bool;\n", &["2:1: unterminated block comment"], 1);
}

#[test]
fn unknown_section() {
    let kept = check(
        "---foo---\nboolTrue = Bool;\n",
        &["1:1: unknown section marker `---foo---`: expected `---types---` or `---functions---`"],
        1,
    );
    assert_eq!(kept, ["boolTrue"]);
}

#[test]
fn unterminated_section() {
    check("---types\nboolTrue = Bool;\n", &["1:1: unterminated section marker: expected `---` on the same line"], 1);
}

#[test]
fn unexpected_ascii_character() {
    check("boolTrue = Bool;\nfoo x:int $ = Foo;\nboolFalse = Bool;\n", &["2:11: unexpected character `$`"], 2);
}

#[test]
fn unexpected_non_ascii_character_counts_columns_in_characters() {
    check("boolTrue = Bool;\nfoé x:int = Foo;\nboolFalse = Bool;\n", &["2:3: unexpected character `é`"], 2);
    // The second `é` starts at byte 2 of the line and at character 2.
    check("éé foo = Foo;\nboolTrue = Bool;\n", &["1:1: unexpected character `é`", "1:2: unexpected character `é`"], 1);
    check("boolTrue = Bool; // é in a comment is fine\nfoo x:Bar = é;\n", &["2:13: unexpected character `é`"], 1);
    check("// ééé\n  foo x:Bar = Foo;\n", &["2:9: unknown type `Bar`"], 1);
    // Column 17, byte 20.
    check("foo /* ééé */ x:Bar = Foo;\n", &["1:17: unknown type `Bar`"], 1);
}

#[test]
fn name_part_starting_with_a_digit() {
    check("foo.1bar = Foo;\nboolTrue = Bool;\n", &["1:1: a name part cannot start with a digit: `1bar`"], 1);
}

#[test]
fn name_starting_with_a_digit() {
    check("1foo = Foo;\nboolTrue = Bool;\n", &["1:1: a name cannot start with a digit: `1foo`"], 1);
}

#[test]
fn percent_on_a_type_with_two_constructors() {
    check(
        "a = T;\nb = T;\nc x:%T = C;\nboolTrue = Bool;\n",
        &["3:5: `%T` needs a type with exactly one constructor"],
        4,
    );
}

#[test]
fn invalid_utf8_is_reported_at_the_byte_and_parsing_goes_on() {
    // Each bad byte becomes `?`, which no type starts with.
    let kept = check(
        b"boolTrue = Bool;\nfoo x:\xff\xfeint = Foo;\nboolFalse = Bool;\n",
        &["2:7: invalid UTF-8", "2:7: expected a type, found `?`", "2:8: invalid UTF-8"],
        2,
    );
    assert_eq!(kept, ["boolTrue", "boolFalse"]);
    // In a comment it costs nothing but the error.
    check(b"// caf\xe9\nboolTrue = Bool;\n", &["1:7: invalid UTF-8"], 1);
    // A truncated sequence at the end of the file.
    check(b"boolTrue = Bool;\n\xc3", &["2:1: invalid UTF-8", "2:1: expected a definition name, found `?`"], 1);
}

#[test]
fn crlf_line_endings_keep_positions() {
    check("boolTrue = Bool;\r\nfoo x:Bar = Foo;\r\nboolFalse = Bool;\r\n", &["2:7: unknown type `Bar`"], 3);
    // A missing `;` is reported before the `\r`.
    check("boolFalse = Bool\r\nboolTrue = Bool;\r\n", &["1:17: expected `;`, found `boolTrue`"], 1);
    check("a = A;\r\n\r\n  b x:Y = B;\r\n", &["3:7: unknown type `Y`"], 2);
}

#[test]
fn missing_final_newline_is_fine() {
    check("boolFalse = Bool;\nboolTrue = Bool;", &[], 2);
    check("boolTrue = Bool; // no newline", &[], 1);
}

#[test]
fn several_errors_in_one_pass() {
    let src = "\
foo x:Bar = Foo;
bar y:int z = Bar;
baz#1 = Baz;
baz#2 = Baz;
qux x:Vector<int = Qux;
ok1 = Ok;
---functions---
f = #;
g {X:Type} q:!Y = X;
ok2 = Ok;
";
    let kept = check(
        src,
        &[
            "1:7: unknown type `Bar`",
            "2:11: expected a parameter `name:type`, found `z`",
            "4:1: `baz` is already defined on line 3",
            "5:18: expected `>` or `,`, found `=`",
            "8:5: `#` cannot be a result type",
            "9:14: undeclared generic `Y`: declare it with `{Y:Type}`",
            "9:19: the result names type parameter `X`, but no field carries `!X`",
        ],
        6,
    );
    assert_eq!(kept, ["foo", "baz", "baz", "ok1", "g", "ok2"]);
}

#[test]
fn a_definition_after_an_error_is_kept() {
    let kept = check(
        "boolFalse#bc799737 = Bool;\nbad x:int = $;\nboolTrue#997275b5 = Bool;\n",
        &["2:13: unexpected character `$`"],
        2,
    );
    assert_eq!(kept, ["boolFalse", "boolTrue"]);
}

#[test]
fn recovery_skips_a_multi_line_definition() {
    // TON writes long definitions over several lines; the continuation lines start with `x:T`.
    let kept = check("a.b x:int $\n  y:int\n  z:long = a.B;\nc = C;\n", &["1:11: unexpected character `$`"], 1);
    assert_eq!(kept, ["c"]);
}

#[test]
fn lexer_errors_skipped_during_recovery_are_reported() {
    check(
        "foo x:Vector<int = Foo $;\nboolTrue = Bool;\n",
        &["1:18: expected `>` or `,`, found `=`", "1:24: unexpected character `$`"],
        1,
    );
}

#[test]
fn unclosed_angle_bracket() {
    check("foo x:Vector<int = Foo;\nboolTrue = Bool;\n", &["1:18: expected `>` or `,`, found `=`"], 1);
}

#[test]
fn unclosed_brace() {
    check("foo {X:Type = Foo;\nboolTrue = Bool;\n", &["1:13: expected `}`, found `=`"], 1);
}

#[test]
fn generic_of_a_wrong_kind() {
    check("foo {X:int} = Foo;\n", &["1:8: type parameter `X` must be of kind `Type` or `#`, found `int`"], 1);
}

#[test]
fn parameter_declared_twice() {
    check("foo x:int x:long = Foo;\nboolTrue = Bool;\n", &["1:11: parameter `x` is declared twice"], 2);
}

#[test]
fn empty_result() {
    check("foo = ;\nboolTrue = Bool;\n", &["1:7: expected a type, found `;`"], 1);
}

#[test]
fn missing_name() {
    check("= Foo;\nboolTrue = Bool;\n", &["1:1: expected a definition name, found `=`"], 1);
}

#[test]
fn stray_semicolon() {
    check("foo x:int = Foo;; boolTrue = Bool;\n", &["1:17: expected a definition name, found `;`"], 2);
}

#[test]
fn nesting_too_deep_is_an_error_not_a_stack_overflow() {
    let deep = format!("foo x:{}int{} = Foo;\nboolTrue = Bool;\n", "Vector<".repeat(100), ">".repeat(100));
    check(&deep, &["1:455: nested more than 64 levels deep"], 1);
    let brackets = format!("int {}int{} = Int;\nboolTrue = Bool;\n", "[ ".repeat(100), " ]".repeat(100));
    check(&brackets, &["1:133: nested more than 64 levels deep"], 1);
    let parens = format!("foo x:{}int{} = Foo;\n", "(vector ".repeat(70), ")".repeat(70));
    check(&parens, &["1:519: nested more than 64 levels deep"], 0);
}

/// A long run of unexpected characters (a megabyte of one bad line): the first 16 reported one
/// by one, the rest of the run as one error that shows its start, so a bad line costs a bounded
/// number of tokens and diagnostics. A run broken by a space starts again.
#[test]
fn a_long_run_of_unexpected_characters_is_one_error_after_the_first_16() {
    let n = 1 << 20;
    let src = format!("foo x:int = Foo;\nbar {} = Bar;\n$$ é = Baz;\n", "$".repeat(n));
    let mut errors: Vec<String> = (0..16).map(|i| format!("2:{}: unexpected character `$`", 5 + i)).collect();
    errors.push(format!("2:21: {} more unexpected characters in a row (`$$$$$$$$…`)", n - 16));
    errors.extend(["3:1: unexpected character `$`".to_string(), "3:2: unexpected character `$`".to_string()]);
    errors.push("3:4: unexpected character `é`".to_string());
    let errors: Vec<&str> = errors.iter().map(String::as_str).collect();
    check(src, &errors, 1);
    // 17 in a row, then a name: the 17th alone makes the run.
    let src = format!("x {}y = X;\n", "é".repeat(17));
    let mut errors: Vec<String> = (0..16).map(|i| format!("1:{}: unexpected character `é`", 3 + i)).collect();
    errors.push("1:19: 1 more unexpected characters in a row (`é`)".to_string());
    let errors: Vec<&str> = errors.iter().map(String::as_str).collect();
    check(src, &errors, 0);
}
