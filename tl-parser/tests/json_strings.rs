//! JSON string literals ([`quote`], [`unquote`]), checked against serde_json as an independent
//! implementation: random strings (any Unicode, control characters, quotes, backslashes, astral
//! characters) survive quote -> unquote, our escapes are what serde_json reads and serde_json's are
//! what we read, any escaping a JSON writer may choose is read back, and every malformed literal is
//! an error at the bytes that cause it, never a panic.

use proptest::prelude::*;
use tlayer_parser::json::{JsonError, quote, unquote};

/// Characters a string may hold, weighted towards the ones escaping must get right.
fn any_char() -> impl Strategy<Value = char> {
    prop_oneof![
        4 => any::<char>(),
        2 => prop::sample::select(vec![
            '"', '\\', '/', '\n', '\r', '\t', '\u{8}', '\u{c}', '\0', '\u{1f}', '\u{7f}', '\u{2028}', '\u{feff}', 'é',
            'u', 'a',
        ]),
        1 => (0u32..0x20).prop_map(|c| char::from_u32(c).unwrap()),
        1 => (0x10000u32..=0x10ffff).prop_map(|c| char::from_u32(c).unwrap()),
    ]
}

fn any_text() -> impl Strategy<Value = String> {
    prop::collection::vec(any_char(), 0..40).prop_map(|cs| cs.into_iter().collect())
}

/// `s` as a literal where each character is written as `how` says (cycled): raw where JSON allows
/// it, its short escape where it has one, `\u` with lower or upper hex digits (a surrogate pair for
/// astral characters).
fn encode(s: &str, how: &[u8]) -> String {
    let mut out = String::from("\"");
    for (i, c) in s.chars().enumerate() {
        let how = how.get(i % how.len().max(1)).copied().unwrap_or(0) % 4;
        let short = match c {
            '"' => Some('"'),
            '\\' => Some('\\'),
            '/' => Some('/'),
            '\u{8}' => Some('b'),
            '\u{c}' => Some('f'),
            '\n' => Some('n'),
            '\r' => Some('r'),
            '\t' => Some('t'),
            _ => None,
        };
        let raw_ok = c != '"' && c != '\\' && c >= ' ';
        match (how, short) {
            (0, _) if raw_ok => out.push(c),
            (1, Some(e)) => {
                out.push('\\');
                out.push(e);
            }
            _ => {
                for unit in c.encode_utf16(&mut [0; 2]) {
                    if how == 3 {
                        out.push_str(&format!("\\u{unit:04X}"));
                    } else {
                        out.push_str(&format!("\\u{unit:04x}"));
                    }
                }
            }
        }
    }
    out.push('"');
    out
}

/// A fault placed inside a literal, and where its error must start and end relative to the fault.
#[derive(Clone, Debug)]
enum Fault {
    /// `\` and a character that starts no escape.
    BadEscape(char),
    /// `\u`, `n` hex digits, then a character that is not one.
    BadHex(usize, char),
    /// `\uDC00`..`\uDFFF` with no high surrogate before it.
    LoneLow(u32),
    /// `\uD800`..`\uDBFF` followed by something other than a low surrogate escape.
    LoneHigh(u32, &'static str),
    /// A raw control character.
    Control(char),
    /// The text ends inside an escape (`\` or `\u` and fewer than four digits).
    CutEscape(usize),
    /// The text ends before the closing quote.
    Unclosed,
}

fn fault() -> impl Strategy<Value = Fault> {
    prop_oneof![
        any_char().prop_filter("no escape", |c| !"\"\\/bfnrtu".contains(*c)).prop_map(Fault::BadEscape),
        (0usize..4, any_char().prop_filter("not hex", |c| !c.is_ascii_hexdigit()))
            .prop_map(|(n, c)| Fault::BadHex(n, c)),
        (0xdc00u32..=0xdfff).prop_map(Fault::LoneLow),
        (
            0xd800u32..=0xdbff,
            prop::sample::select(vec!["", "a", "\\n", "\\u0041", "\\ud800", "\\uE000", "\\\\udc00", "\\x"])
        )
            .prop_map(|(h, next)| Fault::LoneHigh(h, next)),
        (0u32..0x20).prop_map(|c| Fault::Control(char::from_u32(c).unwrap())),
        (0usize..5).prop_map(Fault::CutEscape),
        Just(Fault::Unclosed),
    ]
}

/// The text with `fault` after the literal prefix `prefix` and the expected error span, as byte
/// offsets into the text.
fn with_fault(prefix: &str, fault: &Fault, rest: &str) -> (String, usize, usize) {
    let p = prefix.len();
    let mut text = prefix.to_string();
    let (start, end) = match fault {
        Fault::BadEscape(c) => {
            text.push('\\');
            text.push(*c);
            (p, p + 1 + c.len_utf8())
        }
        Fault::BadHex(n, c) => {
            text.push_str("\\u");
            text.push_str(&"09aF"[..*n]);
            text.push(*c);
            (p, p + 2 + n + c.len_utf8())
        }
        Fault::LoneLow(u) => {
            text.push_str(&format!("\\u{u:04x}"));
            (p, p + 6)
        }
        Fault::LoneHigh(u, next) => {
            text.push_str(&format!("\\u{u:04X}{next}"));
            (p, p + 6)
        }
        Fault::Control(c) => {
            text.push(*c);
            (p, p + 1)
        }
        Fault::CutEscape(n) => {
            text.push('\\');
            if *n == 0 {
                return (text, p, p + 1);
            }
            text.push('u');
            text.push_str(&"1234"[..n - 1]);
            return (text, p, p + 1 + *n);
        }
        Fault::Unclosed => return (text, 0, 1),
    };
    text.push_str(rest);
    text.push('"');
    (text, start, end)
}

fn check_error(text: &str, err: &JsonError, start: usize, end: usize) -> Result<(), TestCaseError> {
    prop_assert_eq!((err.span.start as usize, err.span.end as usize), (start, end), "{:?}: {}", text, err);
    let line_start = text[..start].rfind('\n').map_or(0, |i| i + 1);
    prop_assert_eq!(err.line, 1 + text[..start].matches('\n').count());
    prop_assert_eq!(err.column, start - line_start + 1);
    let head = format!("{}:{}: ", err.line, err.column);
    prop_assert!(err.to_string().starts_with(&head), "{}", err);
    Ok(())
}

/// Pieces that make literals of every kind, valid and not, when strung together.
const PIECES: &[&str] = &[
    "a", "é", "😀", " ", "\"", "\\", "\\\\", "\\\"", "\\n", "\\/", "\\x", "\\u", "\\U", "u", "d83d", "D83D", "de00",
    "DE00", "dc00", "0041", "00", "1", "g", "\n", "\t", "\u{1}", "\u{7f}", "\u{2028}",
];

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn quoted_strings_read_back_here_and_in_serde_json(s in any_text()) {
        let quoted = quote(&s);
        prop_assert!(!quoted.chars().any(|c| c < ' '), "raw control character in {:?}", quoted);
        prop_assert_eq!(unquote(&quoted), Ok(s.clone()));
        prop_assert_eq!(serde_json::from_str::<String>(&quoted).ok(), Some(s.clone()));
        let theirs = serde_json::to_string(&s).unwrap();
        prop_assert_eq!(unquote(&theirs), Ok(s.clone()));
    }

    #[test]
    fn every_way_of_escaping_reads_back(s in any_text(), how in prop::collection::vec(any::<u8>(), 1..8)) {
        let literal = encode(&s, &how);
        prop_assert_eq!(serde_json::from_str::<String>(&literal).ok(), Some(s.clone()), "{}", literal);
        prop_assert_eq!(unquote(&literal), Ok(s.clone()), "{}", literal);
    }

    #[test]
    fn malformed_literals_are_errors_at_the_fault(s in any_text(), fault in fault(), rest in any_text()) {
        let quoted = quote(&s);
        let prefix = &quoted[..quoted.len() - 1];
        let rest = quote(&rest);
        let (text, start, end) = with_fault(prefix, &fault, &rest[1..rest.len() - 1]);
        prop_assert!(serde_json::from_str::<String>(&text).is_err(), "serde_json accepts {:?}", text);
        let err = unquote(&text).expect_err(&text);
        check_error(&text, &err, start, end)?;
    }

    #[test]
    fn any_literal_is_accepted_exactly_when_serde_json_accepts_it(
        pieces in prop::collection::vec(prop::sample::select(PIECES), 0..12),
    ) {
        let text = format!("\"{}\"", pieces.concat());
        let ours = unquote(&text);
        let theirs = serde_json::from_str::<String>(&text);
        prop_assert_eq!(ours.as_ref().ok(), theirs.as_ref().ok(), "{:?}: {:?} / {:?}", text, ours, theirs);
        if let Err(e) = ours {
            let (s, t) = (e.span.start as usize, e.span.end as usize);
            prop_assert!(s <= t && t <= text.len() && text.is_char_boundary(s) && text.is_char_boundary(t), "{:?}", e);
        }
    }
}

#[test]
fn errors_say_what_is_wrong() {
    let cases = [
        (r#""a\qb""#, "2..4 invalid escape `\\q`"),
        (r#""\ud83d""#, "1..7 lone surrogate `\\uD83D`: a high surrogate must be followed by a low one"),
        (r#""\ude00\ud83d""#, "1..7 lone surrogate `\\uDE00`: a low surrogate must follow a high one"),
        (r#""\u12x4""#, "1..6 `\\u` must be followed by four hex digits"),
        ("\"a\tb\"", "2..3 control character U+0009 in a string"),
        ("\"abc", "0..1 this string is never closed"),
        (r#""a" "#, "3..4 expected the end of the string, found ' '"),
        ("abc", "0..1 expected `\"`, found `a`"),
    ];
    for (text, want) in cases {
        let err = unquote(text).unwrap_err();
        let got = format!("{}..{} {}", err.span.start, err.span.end, err.message);
        assert!(got.starts_with(want), "{text:?}: {got}");
    }
}
