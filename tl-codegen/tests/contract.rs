//! The generation side of the contract (docs/contract.md): what `check` rejects, `generate`
//! rejects too, with the same `FILE:LINE:COL`; what it accepts generates (never a panic), with
//! one arm per id in `functions::Function` and every builtin width mapped. That the output
//! compiles, for every option, is `tests/corpus-compile`'s job.

use tlayer_codegen::{Error, Options, generate};

/// `generate` refuses `src`, naming the first error at `at` (`LINE:COL`) with `message`.
#[track_caller]
fn refused(src: &str, at: &str, message: &str) {
    match generate("s.tl", src, &Options::default()) {
        Err(Error::Schema(text)) => {
            let want = format!("s.tl:{at}: error: {message}");
            assert!(text.contains(&want), "expected {want:?} in:\n{text}");
        }
        Err(e) => panic!("{src:?}: not a schema error: {e}"),
        Ok(_) => panic!("{src:?} generated code"),
    }
}

fn generated(src: &str) -> String {
    generate("s.tl", src, &Options { format: false, ..Options::default() })
        .unwrap_or_else(|e| panic!("{src:?}: {e}"))
        .split_whitespace()
        .collect()
}

#[test]
fn what_check_rejects_generate_rejects_at_the_same_place() {
    refused("foo# = Foo;\nbar x:foo = Bar;\n", "2:7", "type `foo` is declared by builtin `foo` on line 1");
    refused("---functions---\nf {X:Type} {X:Type} q:!X = X;\n", "2:13", "type parameter `X` is declared twice");
    refused("---functions---\ngetTrue = true;\n", "2:11", "function `getTrue` returns `true`");
    refused("foo {X:Type} q:X = X;\n", "1:16", "constructor `foo` uses type parameter `X`");
    refused("foo x:Type = Foo;\n", "1:7", "`Type` is the kind of a type parameter");
    refused("foo {X:Type} x:!X = Foo;\n", "1:16", "constructor `foo` uses type parameter `X`");
    refused("maybe x:int = Maybe;\nfoo m:Maybe<int> = Foo;\n", "2:7", "type `Maybe` takes no type arguments");
    refused(
        "foo x:int = Foo;\n---functions---\nget = Vector<%Foo>;\n",
        "3:14",
        "a function's answer is read boxed at every level, but `%Foo` is bare here",
    );
    refused(
        "---functions---\nget = Vector<vector<int>>;\n",
        "2:14",
        "a function's answer is read boxed at every level, but `vector` is bare here",
    );
}

#[test]
fn names_that_are_not_rust_identifiers_generate() {
    // `_2` once panicked (`Ident cannot be a number`).
    let code =
        generated("foo _2:int = Foo;\n_2.bar x:int = _2.Bar;\n---functions---\nf {type:Type} query:!type = type;\n");
    assert!(code.contains("pub_2:i32"), "field `_2`");
    assert!(code.contains("pubmod_2{"), "namespace `_2`");
    assert!(code.contains("pubstructF<Type>"), "type parameter `type`");
    let serde = generate(
        "s.tl",
        "serde.foo x:int = serde.Foo;\nu32.bar x:int = u32.Bar;\n",
        &Options { serde_feature: Some("serde".into()), format: false, ..Options::default() },
    )
    .unwrap();
    assert!(serde.contains("pub mod serde_") && serde.contains("pub mod u32_"), "{serde}");
    assert!(serde.contains("::serde::Serialize"));
}

#[test]
fn prefix_pseudo_functions_do_not_shadow_the_wrappers() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../corpus/tdlib_telegram_api_layer228.tl");
    let src = std::fs::read_to_string(path).unwrap();
    let code = generated(&src);
    let function = &code[code.find("pubenumFunction{").expect("the Function enum")..];
    for (id, wrapper) in [
        ("0xdd289f8e", "InvokeWithBusinessConnection"),
        ("0x1df92984", "InvokeWithGooglePlayIntegrity"),
        ("0x0dae54f8", "InvokeWithApnsSecret"),
        ("0xadbb0f94", "InvokeWithReCaptcha"),
    ] {
        let arm = format!("{id}=>{{#[inline]fnread(");
        assert_eq!(function.matches(&arm).count(), 1, "{id} is read by one arm");
        let body = &function[function.find(&arm).unwrap()..];
        let body = &body[..body.find("read}").expect("the arm's function")];
        assert!(body.contains(&format!("Ok(Function::{wrapper}(Box::new(x)))")), "{id} reads as {wrapper}: {body}");
    }
}

#[test]
fn fixed_width_builtins_of_any_width_are_byte_arrays() {
    let code = generated("int ? = Int;\nint512 16*[ int ] = Int512;\nkey k:int512 ks:Vector<int512> = Key;\n");
    assert!(code.contains("pubk:[u8;64]"), "{code}");
    assert!(code.contains("pubks:Vec<[u8;64]>"));
    assert!(code.contains("r.read_array::<64>()"));
}

#[test]
fn ton_builtins_need_no_declaration() {
    let code = generated("test.foo a:int32 b:int53 c:int64 d:secureString e:secureBytes = test.Foo;\n");
    assert!(code.contains("puba:i32,") && code.contains("pubb:i64,") && code.contains("pubc:i64,"));
    assert!(code.contains("pubd:String,") && code.contains("pube:Vec<u8>,"));
}
