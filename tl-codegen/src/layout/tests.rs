//! Layout tests: the text reads back as the same tokens, and the rules show in examples.

use super::layout;
use crate::tokens::{Literal, Tokens, quote};
use proc_macro2::{TokenStream, TokenTree};
use quote::ToTokens;
use std::str::FromStr;

/// The trees of `tokens` without spacing: identifiers, literals, punctuation, delimiters.
fn flat(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => {
                out.push(format!("{:?}(", g.delimiter()));
                flat(g.stream(), out);
                out.push(")".into());
            }
            tt => out.push(tt.to_string()),
        }
    }
}

/// `tokens` read by proc-macro2's lexer from their plain spelling (a space between any two).
fn lexed(tokens: &Tokens) -> TokenStream {
    TokenStream::from_str(&tokens.plain_text()).unwrap()
}

/// Lays out `tokens`, checks the text reads back as the same tokens, and returns it.
fn lay(tokens: Tokens) -> String {
    let mut text = String::new();
    layout(&tokens, &mut text);
    let reread = TokenStream::from_str(&text).unwrap_or_else(|e| panic!("does not lex: {e}\n{text}"));
    let (mut want, mut got) = (Vec::new(), Vec::new());
    flat(lexed(&tokens), &mut want);
    flat(reread, &mut got);
    assert_eq!(got, want, "layout changed the tokens:\n{text}");
    text
}

fn doc(text: &str) -> Tokens {
    let lit = Literal::string(text);
    quote! { #[doc = #lit] struct A; }
}

#[test]
fn doc_attributes_become_line_comments() {
    assert_eq!(lay(doc(" Plain text.")), "/// Plain text.\nstruct A;\n");
    assert_eq!(lay(doc(r#" Say "hi" to C:\dir\ and 'x'."#)), "/// Say \"hi\" to C:\\dir\\ and 'x'.\nstruct A;\n");
    // Combining marks and format characters are `\u{..}` in the literal, plain in the comment.
    assert_eq!(lay(doc(" e\u{301} \u{200b}é 😀 \t tab")), "/// e\u{301} \u{200b}é 😀 \t tab\nstruct A;\n");
    assert_eq!(lay(doc("")), "///\nstruct A;\n");
    // Escapes written by hand, and raw strings.
    // (These read back as other spellings of the same string: no `lay`.)
    let mut text = String::new();
    let lit = Literal::new("\" caf\\u{e9} \\u{1F600} \\x41\\\"\\\\\\\n    x\"".to_string());
    layout(&quote! { #[doc = #lit] struct A; }, &mut text);
    assert_eq!(text, "/// café 😀 A\"\\x\nstruct A;\n");
    text.clear();
    let raw = Literal::new(r##"r#" raw "quoted" \n"#"##.to_string());
    layout(&quote! { #[doc = #raw] struct A; }, &mut text);
    assert_eq!(text, "/// raw \"quoted\" \\n\nstruct A;\n");
}

#[test]
fn doc_attributes_that_cannot_be_line_comments_stay() {
    assert_eq!(lay(doc("two\nlines")), "#[doc = \"two\\nlines\"]\nstruct A;\n");
    assert_eq!(lay(doc("cr\r")), "#[doc = \"cr\\r\"]\nstruct A;\n");
    // `////` would be a plain comment.
    assert_eq!(lay(doc("/ slash")), "#[doc = \"/ slash\"]\nstruct A;\n");
    // Text-direction overrides are denied in comments.
    assert_eq!(lay(doc("a\u{202e}b")), "#[doc = \"a\\u{202e}b\"]\nstruct A;\n");
    // Not a plain string.
    assert_eq!(lay(quote! { #[doc = b"x"] struct A; }), "#[doc = b\"x\"]\nstruct A;\n");
    assert_eq!(lay(quote! { #[doc(hidden)] struct A; }), "#[doc(hidden)]\nstruct A;\n");
    // Inside parentheses a line comment would swallow the rest of the line.
    assert_eq!(lay(quote! { struct A(#[doc = " x"] u8); }), "struct A(#[doc = \" x\"] u8);\n");
}

#[test]
fn attributes_go_on_their_own_line() {
    let tokens = quote! {
        #[derive(Debug, Clone)]
        #[cfg_attr(feature = "serde", serde(rename = "x"))]
        pub struct A { #[inline] pub b: u8, }
    };
    let want = "#[derive(Debug, Clone)]\n#[cfg_attr(feature = \"serde\", serde(rename = \"x\"))]\npub struct A {\n    \
                    #[inline]\n    pub b: u8,\n}\n";
    assert_eq!(lay(tokens), want);
}

#[test]
fn lifetimes_paths_and_generics() {
    let tokens = quote! {
        fn f<'a, T: ::tlayer::TlRead + 'a>(r: &'a mut ::tlayer::Reader<'_>) -> Vec<Vec<u8>> { g::<T>(r) }
    };
    let want = "fn f<'a, T: ::tlayer::TlRead + 'a>(r: &'a mut ::tlayer::Reader<'_>) -> Vec<Vec<u8>> { g::<T>(r) }\n";
    assert_eq!(lay(tokens), want);
    let tokens = quote! {
        impl<T> ::tlayer::TlWrite for Option<Box<Vec<T>>> where T: Clone {
            const X: &'static str = "x";
            fn f(&self) -> u32 { <Self as ::tlayer::Identifiable>::CONSTRUCTOR_ID }
        }
    };
    let want = "impl<T> ::tlayer::TlWrite for Option<Box<Vec<T>>> where T: Clone {\n    \
                    const X: &'static str = \"x\";\n    \
                    fn f(&self) -> u32 {\n        <Self as ::tlayer::Identifiable>::CONSTRUCTOR_ID\n    }\n}\n";
    assert_eq!(lay(tokens), want);
    // (Braces: rustfmt would drop the empty `<>` from `quote!(...)`.)
    assert_eq!(lay(quote! { impl<> ::x::Y for Z<> {} }), "impl<> ::x::Y for Z<> {}\n");
}

#[test]
fn nested_blocks_are_indented() {
    let tokens = quote! {
        pub mod a {
            use super::{b, c};
            pub fn f(x: u32) -> u32 {
                if x > 1 { let y = x - 1; return g(y); } else if !x.is_power_of_two() { h(); }
                x
            }
        }
        pub mod d {}
    };
    let want = "\
pub mod a {
    use super::{b, c};
    pub fn f(x: u32) -> u32 {
        if x > 1 {
            let y = x - 1;
            return g(y);
        } else if !x.is_power_of_two() { h(); }
        x
    }
}
pub mod d {}
";
    // `{ h(); }` has a `;`: broken over lines.
    assert_eq!(lay(tokens), want.replace("{ h(); }", "{\n            h();\n        }"));
}

#[test]
fn match_arms_and_closures() {
    let tokens = quote! {
        let read: fn(&mut R) -> Result<Self> = match id {
            0x1 | 0x2 => |r| Ok(Self::A(r.read()?)),
            0x3 => { let v = vec![1, 2]; return Err(v.len()); }
            Self::B { .. } => || 1,
            _ => unreachable!(),
        };
    };
    let want = "\
let read: fn(&mut R) -> Result<Self> = match id {
    0x1 | 0x2 => |r| Ok(Self::A(r.read()?)),
    0x3 => {
        let v = vec![1, 2];
        return Err(v.len());
    }
    Self::B { .. } => || 1,
    _ => unreachable!(),
};
";
    assert_eq!(lay(tokens), want);
}

#[test]
fn operators_keep_their_tokens() {
    // Each pair of puncts that could glue into another token keeps a space.
    let tokens = quote! { let a = b & &c; let d = e - -1; let f = g / *h; let i = j < -k; let l = m >> 2; };
    assert_eq!(lay(tokens), "let a = b & &c;\nlet d = e - -1;\nlet f = g / *h;\nlet i = j < -k;\nlet l = m >> 2;\n");
    let tokens = quote! { x.0 .1; 1 .max(2); for i in 0..=n { v[..i].len(); } if a <= b && c != d || !e {} };
    let text = lay(tokens);
    assert_eq!(text, "x.0 .1;\n1 .max(2);\nfor i in 0..=n {\n    v[..i].len();\n}\nif a <= b && c != d || !e {}\n");
}

#[test]
fn long_lines_continue() {
    let fields: Vec<_> = (0..60u32).map(|i| crate::ident::fixed(&format!("field_{i}"))).collect();
    let text = lay(quote! { fn f() -> Self { Ok(Self { #(#fields),* }) } });
    assert!(text.lines().all(|l| l.len() <= 120), "{text}");
    assert!(text.lines().count() > 5, "{text}");
}

/// `tokens` with raw strings (`r" x"`, as `quote!` writes `/// x`) spelled as plain ones.
fn unraw(tokens: TokenStream) -> TokenStream {
    use proc_macro2::Literal;
    tokens
        .into_iter()
        .map(|tt| match tt {
            TokenTree::Group(g) => TokenTree::Group(proc_macro2::Group::new(g.delimiter(), unraw(g.stream()))),
            TokenTree::Literal(lit) => {
                let repr = lit.to_string();
                match repr.strip_prefix('r').map(|r| r.trim_matches('#')) {
                    Some(r) if r.len() >= 2 && r.starts_with('"') => {
                        TokenTree::Literal(Literal::string(&r[1..r.len() - 1]))
                    }
                    _ => TokenTree::Literal(lit),
                }
            }
            tt => tt,
        })
        .collect()
}

/// The corpus' generated tokens and their layout read as the same tokens (syn's parse of each,
/// printed back; raw strings as plain ones), for every schema.
#[test]
fn corpus_reads_as_the_same_tokens() {
    let files = crate::corpus_files();
    let options = &crate::Options { format: false, ..Default::default() };
    std::thread::scope(|s| {
        let handles: Vec<_> = files
            .chunks(files.len().div_ceil(4))
            .map(|chunk| {
                s.spawn(move || {
                    for path in chunk {
                        let src = std::fs::read_to_string(path).unwrap();
                        let parsed = tlayer_parser::parse(&src, &tlayer_parser::Options::default());
                        let model = crate::model::Model::new(&parsed.schema).unwrap();
                        let tokens = crate::emit::file(&model, options);
                        let want: syn::File = syn::parse2(unraw(lexed(&tokens))).unwrap();
                        let mut text = String::new();
                        layout(&tokens, &mut text);
                        let got = syn::parse_file(&text)
                            .unwrap_or_else(|e| panic!("{}: layout does not parse: {e}", path.display()));
                        let (want, got) =
                            (want.to_token_stream().to_string(), unraw(got.to_token_stream()).to_string());
                        if want != got {
                            let at = want.bytes().zip(got.bytes()).position(|(a, b)| a != b).unwrap_or(0);
                            let (from, to) = (at.saturating_sub(100), at + 100);
                            panic!(
                                "{}: tokens differ at {at}:\n  {}\n  {}",
                                path.display(),
                                &want[from..to.min(want.len())],
                                &got[from..to.min(got.len())]
                            );
                        }
                    }
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap();
        }
    });
}
