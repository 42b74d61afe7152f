//! The check side of the contract (docs/contract.md): what code generation cannot honour is an
//! error at its exact `LINE:COL`, what it silently reinterprets is a warning, and the builtin
//! names a dialect knows are known.

use tlayer_parser::{LineIndex, Options, Severity, parse};

/// Every diagnostic of `severity` in `src`, as `"LINE:COL: message"`, in source order.
fn diags(src: &str, severity: Severity) -> Vec<String> {
    let parsed = parse(src, &Options::default());
    let lines = LineIndex::new(src);
    parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity == severity)
        .map(|d| {
            let (line, col) = lines.line_col(d.span.start);
            format!("{line}:{col}: {}", d.message)
        })
        .collect()
}

#[track_caller]
fn errors(src: &str, expected: &[&str]) {
    assert_eq!(diags(src, Severity::Error), expected, "errors of {src:?}");
}

/// Checks the warnings of `src` other than written ids differing from computed ones.
#[track_caller]
fn warnings(src: &str, expected: &[&str]) {
    assert_eq!(diags(src, Severity::Error), Vec::<String>::new(), "errors of {src:?}");
    let got: Vec<String> =
        diags(src, Severity::Warning).into_iter().filter(|w| !w.contains(": written id #")).collect();
    assert_eq!(got, expected, "warnings of {src:?}");
}

#[test]
fn type_parameters_are_declared_once() {
    errors("---functions---\nf {X:Type} {X:Type} q:!X = X;\n", &["2:13: type parameter `X` is declared twice"]);
}

#[test]
fn constructors_take_no_type_parameters() {
    errors(
        "foo {X:Type} x:!X = Foo;\n",
        &[
            "1:16: constructor `foo` uses type parameter `X`: type parameters are only supported in functions (`query:!X`)",
        ],
    );
    errors(
        "foo {X:Type} q:X = X;\n",
        &[
            "1:16: constructor `foo` uses type parameter `X`: type parameters are only supported in functions (`query:!X`)",
            "1:20: the result of constructor `foo` is type parameter `X`: a constructor's result is the type it builds",
        ],
    );
    errors(
        "foo {X:Type} v:Vector<X> = Foo;\n",
        &[
            "1:23: constructor `foo` uses type parameter `X`: type parameters are only supported in functions (`query:!X`)",
        ],
    );
}

#[test]
fn results_are_boxed_types() {
    errors("---functions---\ngetTrue = true;\n", &["2:11: function `getTrue` returns `true`, which carries no value"]);
    errors(
        "foo x:int = Foo;\n---functions---\nget = %Foo;\n",
        &["3:7: the result of a function must be a boxed type (its answer starts with a constructor id), found `%Foo`"],
    );
    errors(
        "foo x:int = Foo;\n---functions---\nget = foo;\n",
        &["3:7: the result of a function must be a boxed type (its answer starts with a constructor id), found `foo`"],
    );
    errors(
        "foo x:int = bar;\n",
        &["1:13: the result of a constructor must be a boxed type (capitalized), found `bar`"],
    );
    errors(
        "foo x:int = Foo;\n---functions---\nget = Vector<foo>;\n",
        &["3:14: a function's answer is read boxed at every level, but `foo` is bare here: write its boxed type"],
    );
    // Primitives and generic wrappers are fine.
    errors("---functions---\nf = Vector<int>;\ng {X:Type} q:!X = X;\nh {X:Type} q:!X = Vector<X>;\n", &[]);
}

#[test]
fn function_type_parameters_are_carried_by_bang_fields() {
    errors(
        "---functions---\nf {X:Type} q:X = Bool;\n",
        &["2:14: type parameter `X` can only be used as `!X`, the type of a whole field (a function to send)"],
    );
    errors("---functions---\nf {X:Type} q:Vector<!X> = Bool;\n", &["2:21: `!X` can only be the type of a whole field"]);
    errors(
        "---functions---\nf {X:Type} a:int = X;\n",
        &["2:20: the result names type parameter `X`, but no field carries `!X`"],
    );
}

#[test]
fn type_is_a_kind_not_a_type() {
    errors(
        "foo x:Type = Foo;\n",
        &["1:7: `Type` is the kind of a type parameter, not a type: declare `{X:Type}` and use `!X`"],
    );
}

#[test]
fn type_arguments_only_on_vectors() {
    // `Maybe` is declared and not generic.
    errors(
        "maybe x:int = Maybe;\nfoo m:Maybe<int> = Foo;\n",
        &["2:7: type `Maybe` takes no type arguments (only `Vector` does)"],
    );
    // Declared later: checked at the end, same error.
    errors(
        "foo m:Maybe<int> = Foo;\nmaybe x:int = Maybe;\n",
        &["1:7: type `Maybe` takes no type arguments (only `Vector` does)"],
    );
    errors("foo m:int<long> = Foo;\n", &["1:7: type `int` takes no type arguments (only `Vector` does)"]);
    errors("foo m:Vector<int,long> = Foo;\n", &["1:7: `Vector` takes exactly one type argument, found 2"]);
}

#[test]
fn undeclared_true_carries_no_value() {
    errors(
        "foo flags:# x:flags.0?True = Foo;\n",
        &[
            "1:23: `True` has no constructor in this schema, so no value: write `flags.N?true`, or declare `true = True;`",
        ],
    );
    // TON declares it, and its functions return it.
    errors("true = True;\n---functions---\nping = True;\n", &[]);
}

#[test]
fn a_schemas_own_bool_and_builtins_are_warned_about() {
    warnings(
        "boolYes#8d3f9e50 = Bool;\n",
        &[
            "1:1: `boolYes#8d3f9e50` is a constructor of `Bool`, which keeps its builtin meaning (`boolTrue#997275b5` or \
           `boolFalse#bc799737`): nothing is generated for it",
        ],
    );
    warnings("boolTrue#997275b5 = Bool;\nboolFalse#bc799737 = Bool;\n", &[]);
    warnings(
        "myInt x:int = Int;\n",
        &[
            "1:1: `myInt` declares builtin type `Int` under another name: `Int` keeps its builtin meaning and nothing is \
           generated for `myInt`",
        ],
    );
    warnings("int ? = Int;\nbytes data:string = Bytes;\nint128 4*[ int ] = Int128;\n", &[]);
    errors(
        "int128 long long long = Int128;\n",
        &["1:1: builtin `Int128` is 16 bytes wide, but this declaration makes it 24"],
    );
}

#[test]
fn a_constructor_and_a_function_sharing_an_id_is_a_warning() {
    warnings(
        "foo#12345678 = Foo;\n---functions---\nbar#12345678 = Foo;\n",
        &[
            "3:1: id #12345678 of `bar` is also the id of constructor `foo` on line 1: bytes starting with it read as either",
        ],
    );
    // In one section it stays an error.
    errors(
        "foo#12345678 = Foo;\nbar#12345678 = Foo;\n",
        &["2:1: id #12345678 of `bar` is already used by `foo` on line 1"],
    );
}

#[test]
fn ton_knows_its_builtins_undeclared() {
    // No written ids: TON's dialect.
    let src = "test.foo a:int32 b:int53 c:int64 d:secureString e:secureBytes = test.Foo;\n";
    errors(src, &[]);
    // Telegram's (ids written) does not know them.
    errors("foo#12345678 a:int32 = Foo;\n", &["1:16: unknown type `int32`"]);
}
