//! The measurement behind the lexer's design (BENCHMARKS.md, "Parser: nom"): tokenizing a schema
//! with the hand lexer (`hand`) against a tokenizer written entirely as nom parsers over a
//! nom_locate span (`nom`), which recognizes the same tokens of an API schema (names, numbers,
//! punctuation, `#` ids, `//` comments, section markers). Run under
//! `valgrind --tool=callgrind` to count instructions:
//!
//! ```sh
//! cargo build --release -p tlayer-parser --example lex_nom_locate
//! valgrind --tool=callgrind target/release/examples/lex_nom_locate nom FILE 11
//! ```

use nom::branch::alt;
use nom::bytes::complete::{tag, take_till, take_until, take_while, take_while1};
use nom::character::complete::{multispace0, one_of};
use nom::combinator::{map, recognize};
use nom::sequence::{delimited, pair, preceded};
use nom::{IResult, Parser};
use nom_locate::LocatedSpan;

type Located<'a> = LocatedSpan<&'a str>;

/// One token's kind, for counting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Kind {
    Name,
    Number,
    HexId,
    Punct,
    Comment,
    Section,
}

fn name_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_' || c == '.'
}

/// One token after optional spaces, with its byte offset.
fn token(input: Located<'_>) -> IResult<Located<'_>, (Kind, usize)> {
    let (input, _) = multispace0(input)?;
    let at = input.location_offset();
    let name = recognize(pair(take_while1(|c: char| c.is_ascii_alphabetic() || c == '_'), take_while(name_char)));
    let number = take_while1(|c: char| c.is_ascii_digit());
    let hex_id = preceded(tag("#"), take_while1(|c: char| c.is_ascii_alphanumeric()));
    let punct = recognize(one_of("#:?%!<>,{}[]()=;*"));
    let comment = alt((preceded(tag("//"), take_till(|c| c == '\n')), preceded(tag("/*"), take_until("*/"))));
    let section = delimited(tag("---"), take_until("---"), tag("---"));
    alt((
        map(name, |_| Kind::Name),
        map(number, |_| Kind::Number),
        map(hex_id, |_| Kind::HexId),
        map(punct, |_| Kind::Punct),
        map(comment, |_| Kind::Comment),
        map(section, |_| Kind::Section),
    ))
    .map(|k| (k, at))
    .parse(input)
}

/// Tokens of `src` by the nom tokenizer, which must read it all.
fn nom_tokens(src: &str) -> usize {
    let mut input = Located::new(src);
    let mut n = 0;
    while let Ok((rest, token)) = token(input) {
        std::hint::black_box(token);
        n += 1;
        input = rest;
    }
    let left = input.fragment();
    assert!(left.trim().is_empty(), "stopped at {:?}", &left[..left.len().min(20)]);
    n
}

/// Tokens of `src` by the hand lexer.
fn hand_tokens(src: &str) -> usize {
    let mut lexer = tlayer_parser::lexer::Lexer::new(src);
    let mut n = 0;
    while lexer.next_token().kind != tlayer_parser::lexer::Kind::Eof {
        n += 1;
    }
    n
}

fn main() {
    let mut args = std::env::args().skip(1);
    let which = args.next().expect("hand or nom");
    let text = std::fs::read_to_string(args.next().expect("FILE")).unwrap();
    let times: usize = args.next().map_or(1, |n| n.parse().expect("N"));
    let lex = if which == "nom" { nom_tokens } else { hand_tokens };
    let mut total = 0;
    for _ in 0..times {
        total += lex(std::hint::black_box(&text));
    }
    println!("{} tokens per pass", total / times);
}
