//! Splits schema text into tokens, and collects comments on the side: those that carry meaning
//! (`//@` docs, `//-` continuations, `// LAYER N` markers) and the plain ones (`// ...`,
//! `/* ... */`), which the printer puts back.
//!
//! Two kinds of code share the work. Names, numbers, `#` ids, punctuation and spaces, nearly every
//! byte of a schema, are scanned by hand with byte tables: this is the hot loop of the whole
//! parser. The rest, comments, section markers and `// LAYER N`, is written as nom parsers over a
//! [`nom_locate`] span ([`Located`]), which reads like the grammar and gives each piece its byte
//! offset. The span is moved forward only when one of those pieces is met, so the newlines
//! nom_locate counts are counted once over the file. Scanning names through nom_locate as well
//! costs more than the whole grammar (see BENCHMARKS.md, "Parser: nom").
//!
//! A UTF-8 byte order mark at the start of the text is skipped.

use crate::ast::{Section, Span};
use nom::branch::alt;
use nom::bytes::complete::{tag, tag_no_case, take_till, take_until, take_while, take_while1};
use nom::combinator::{eof, map};
use nom::sequence::{delimited, preceded};
use nom::{IResult, Parser};
use nom_locate::LocatedSpan;

/// Schema text with its byte offset (and line) attached, as the nom parsers of this module see it.
pub type Located<'a> = LocatedSpan<&'a str>;

/// The UTF-8 byte order mark, skipped at the start of a text.
pub const BOM: &str = "\u{feff}";

/// What a token is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A name, namespaces and `flags.N` included: `[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z0-9_]+)*`.
    Ident,
    /// Decimal digits.
    Number,
    /// `#` directly followed by hex digits: a written constructor id.
    HexId,
    /// `#` alone: the natural-number type.
    Hash,
    /// `:`
    Colon,
    /// `?`
    Question,
    /// `%`
    Percent,
    /// `!`
    Bang,
    /// `<`
    Lt,
    /// `>`
    Gt,
    /// `,`
    Comma,
    /// `{`
    LBrace,
    /// `}`
    RBrace,
    /// `[`
    LBracket,
    /// `]`
    RBracket,
    /// `(`
    LParen,
    /// `)`
    RParen,
    /// `=`
    Eq,
    /// `;`
    Semi,
    /// `*`
    Star,
    /// `---types---` or `---functions---`.
    Section(Section),
    /// Something that is not TL; the lexer's message says what.
    Error(LexError),
    /// End of input.
    Eof,
}

/// Why the lexer rejected some text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LexError {
    /// A character that starts no token.
    UnexpectedChar,
    /// `/*` without `*/`.
    UnterminatedComment,
    /// `---name---` with a name other than `types` or `functions`.
    UnknownSection,
    /// `---` without a closing `---` on the same line.
    UnterminatedSection,
    /// A `#` id with a non-hex digit or more than 8 digits.
    BadHexId,
    /// The rest of a run of unexpected characters with nothing between them, after the first
    /// [`UNEXPECTED_RUN`] (each reported alone): one error, so that a long bad line costs one
    /// token and one diagnostic, not one per character.
    UnexpectedRun,
}

/// How many unexpected characters in a row are reported one by one; the rest of the run is one
/// [`LexError::UnexpectedRun`].
pub const UNEXPECTED_RUN: u32 = 16;

/// A token and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Where it is.
    pub span: Span,
}

/// A comment met by the lexer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comment {
    /// `//@...`: the span covers the text after `//`.
    Doc(Span),
    /// `//-...`: continues the previous doc line; the span covers the text after `//-`.
    DocContinued(Span),
    /// `// LAYER N` (any case).
    Layer(u32, Span),
    /// Any other `//` comment, or a `/* */` block.
    Plain {
        /// The whole comment, `//` or `/*` included, trailing spaces left out.
        span: Span,
        /// Nothing but spaces before it on its line.
        own_line: bool,
        /// The section it is in.
        section: Section,
    },
}

impl Comment {
    /// Where it is.
    pub fn span(&self) -> Span {
        match *self {
            Comment::Doc(s) | Comment::DocContinued(s) | Comment::Layer(_, s) | Comment::Plain { span: s, .. } => s,
        }
    }
}

/// The tokens of a text and its meaningful comments.
#[derive(Debug, Default)]
pub struct Lexed {
    /// Tokens, ending with one `Eof`.
    pub tokens: Vec<Token>,
    /// Docs and layer markers, in source order.
    pub comments: Vec<Comment>,
}

/// Tokenizes `src`. Never fails: bad text becomes `Kind::Error` tokens.
pub fn lex(src: &str) -> Lexed {
    // About one token per 6 bytes in API schemas (far fewer in td_api, which is mostly comments).
    let mut tokens = Vec::with_capacity(src.len() / 5);
    let mut lexer = Lexer::new(src);
    loop {
        let t = lexer.next_token();
        tokens.push(t);
        if t.kind == Kind::Eof {
            break;
        }
    }
    Lexed { tokens, comments: lexer.comments }
}

/// Tokenizes a text one token at a time, so that a parser needs no vector of all its tokens.
#[derive(Debug)]
pub struct Lexer<'a> {
    src: &'a str,
    /// Where the next token is looked for.
    at: usize,
    /// The text from some point at or before `at`, for the nom parsers (see [`Lexer::located`]).
    located: Located<'a>,
    /// The section of the last section marker.
    section: Section,
    /// How many `%` tokens were met.
    percents: u32,
    /// Unexpected characters in a row so far, and where the last one ends.
    bad_run: (u32, usize),
    /// Comments met so far, in source order.
    pub comments: Vec<Comment>,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src` (after its byte order mark, if any).
    pub fn new(src: &'a str) -> Self {
        let at = if src.starts_with(BOM) { BOM.len() } else { 0 };
        Lexer {
            src,
            at,
            located: Located::new(src),
            section: Section::Types,
            percents: 0,
            bad_run: (0, 0),
            comments: Vec::new(),
        }
    }

    /// The text from byte `at` on, as a located span.
    fn located(&mut self, at: usize) -> Located<'a> {
        // Moved forward only: newlines are counted once over the whole text.
        let skip = at - self.located.location_offset();
        self.located = nom::Input::take_from(&self.located, skip);
        self.located
    }

    /// The next token; `Kind::Eof` at the end, and again on every later call. Comments passed on
    /// the way are added to [`Lexer::comments`].
    pub fn next_token(&mut self) -> Token {
        self.scan()
    }

    /// Appends tokens to `buf` until it holds at least `min` and ends with a `;` or a section
    /// marker, or up to the end (`Eof` included). Returns whether a `%` was among them. This is the
    /// lexer's hot loop: the parser takes its tokens in such chunks.
    pub fn fill(&mut self, buf: &mut Vec<Token>, min: usize) -> bool {
        let percents = self.percents;
        loop {
            let t = self.scan();
            buf.push(t);
            if t.kind == Kind::Eof || (buf.len() >= min && matches!(t.kind, Kind::Semi | Kind::Section(_))) {
                return self.percents != percents;
            }
        }
    }

    /// The next token (see [`Lexer::next_token`]), inlined into the loops that call it.
    #[inline(always)]
    fn scan(&mut self) -> Token {
        let src = self.src;
        let b = src.as_bytes();
        let mut i = self.at;
        loop {
            // Usually one space between tokens.
            while i < b.len() && is_space(b[i]) {
                i += 1;
            }
            let Some(&c) = b.get(i) else {
                self.at = b.len();
                return Token { kind: Kind::Eof, span: Span::new(b.len(), b.len()) };
            };
            let start = i;
            // Names first: most tokens are names.
            if NAME_CHAR[c as usize] && !c.is_ascii_digit() {
                i = ident_end(b, i);
                self.at = i;
                return Token { kind: Kind::Ident, span: Span::new(start, i) };
            }
            let kind = match c {
                b'/' if matches!(b.get(i + 1), Some(b'/' | b'*')) => {
                    let (end, error) = self.comment_at(i);
                    i = end;
                    match error {
                        None => continue,
                        Some(e) => Kind::Error(e),
                    }
                }
                b'-' if b[i..].starts_with(b"---") => {
                    let (end, kind) = self.section_at(i);
                    i = end;
                    kind
                }
                b'0'..=b'9' => {
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    Kind::Number
                }
                // `#` and 1 to 8 hex digits; one per definition, so scanned by hand.
                b'#' if b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                    i = name_chars_end(b, i + 1);
                    let digits = &b[start + 1..i];
                    if digits.len() <= 8 && digits.iter().all(u8::is_ascii_hexdigit) {
                        Kind::HexId
                    } else {
                        Kind::Error(LexError::BadHexId)
                    }
                }
                b'%' => {
                    i += 1;
                    self.percents += 1;
                    Kind::Percent
                }
                b'#' | b':' | b'?' | b'!' | b'<' | b'>' | b',' | b'{' | b'}' | b'[' | b']' | b'(' | b')' | b'='
                | b';' | b'*' => {
                    i += 1;
                    punctuation(c)
                }
                _ => {
                    let run = if self.bad_run.1 == start { self.bad_run.0 + 1 } else { 1 };
                    if run > UNEXPECTED_RUN {
                        // The rest of the run: every character no token starts with.
                        while i < b.len() && starts_no_token(b[i]) {
                            i += 1;
                        }
                        self.bad_run = (0, 0);
                        self.at = i;
                        return Token { kind: Kind::Error(LexError::UnexpectedRun), span: Span::new(start, i) };
                    }
                    // Take the whole UTF-8 character so the error shows it.
                    i += 1;
                    while i < b.len() && (b[i] & 0xC0) == 0x80 {
                        i += 1;
                    }
                    self.bad_run = (run, i);
                    Kind::Error(LexError::UnexpectedChar)
                }
            };
            self.at = i;
            return Token { kind, span: Span::new(start, i) };
        }
    }
}

/// Whether byte `c` cannot begin a token nor be part of one (nor of a space or a comment): the
/// bytes an unexpected-character run is made of. Non-ASCII bytes (of non-ASCII characters) are.
fn starts_no_token(c: u8) -> bool {
    !(is_space(c)
        || NAME_CHAR[c as usize]
        || c.is_ascii_digit()
        || matches!(
            c,
            b'/' | b'-'
                | b'#'
                | b'%'
                | b':'
                | b'?'
                | b'!'
                | b'<'
                | b'>'
                | b','
                | b'{'
                | b'}'
                | b'['
                | b']'
                | b'('
                | b')'
                | b'='
                | b';'
                | b'*'
        ))
}

/// The token of a one-byte punctuation character (`c` is one).
#[inline(always)]
fn punctuation(c: u8) -> Kind {
    match c {
        b'#' => Kind::Hash,
        b':' => Kind::Colon,
        b'?' => Kind::Question,
        b'%' => Kind::Percent,
        b'!' => Kind::Bang,
        b'<' => Kind::Lt,
        b'>' => Kind::Gt,
        b',' => Kind::Comma,
        b'{' => Kind::LBrace,
        b'}' => Kind::RBrace,
        b'[' => Kind::LBracket,
        b']' => Kind::RBracket,
        b'(' => Kind::LParen,
        b')' => Kind::RParen,
        b'=' => Kind::Eq,
        b';' => Kind::Semi,
        _ => Kind::Star,
    }
}

/// Whitespace: space, tab, line feed, vertical tab, form feed, carriage return.
#[inline(always)]
fn is_space(c: u8) -> bool {
    SPACE[c as usize]
}

/// `SPACE[c]`: `c` is whitespace (a table: one load instead of two comparisons per byte).
static SPACE: [bool; 256] = {
    let mut t = [false; 256];
    t[b' ' as usize] = true;
    let mut c = b'\t';
    while c <= b'\r' {
        t[c as usize] = true;
        c += 1;
    }
    t
};

/// `NAME_CHAR[c]`: `c` is `[A-Za-z0-9_]`. A table: name characters are most of a schema's bytes.
static NAME_CHAR: [bool; 256] = {
    let mut t = [false; 256];
    let mut c = 0;
    while c < 256 {
        let b = c as u8;
        t[c] = b.is_ascii_alphanumeric() || b == b'_';
        c += 1;
    }
    t
};

/// The end of the run of name characters from `i`.
#[inline]
fn name_chars_end(b: &[u8], mut i: usize) -> usize {
    while let Some(&c) = b.get(i) {
        if !NAME_CHAR[c as usize] {
            break;
        }
        i += 1;
    }
    i
}

/// The end of the name from `i`.
fn ident_end(b: &[u8], mut i: usize) -> usize {
    loop {
        i = name_chars_end(b, i);
        // A dot continues the name only when a name character follows (`contacts.link`, `flags.0`).
        if b.get(i) == Some(&b'.') && b.get(i + 1).is_some_and(|&c| NAME_CHAR[c as usize]) {
            i += 1;
        } else {
            return i;
        }
    }
}

impl Lexer<'_> {
    /// Reads the comment at byte `start` and records it: where it ends, or the error when it is
    /// not closed. Kept out of the scanning loop, which it would slow down.
    #[cold]
    #[inline(never)]
    fn comment_at(&mut self, start: usize) -> (usize, Option<LexError>) {
        let (end, comment) = comment(self.located(start));
        match comment {
            Ok(kind) => {
                self.record(kind, start, end);
                (end, None)
            }
            Err(e) => (end, Some(e)),
        }
    }

    /// Reads the section marker at byte `start`: where it ends and its token.
    #[cold]
    #[inline(never)]
    fn section_at(&mut self, start: usize) -> (usize, Kind) {
        let (end, kind) = section(self.located(start));
        if let Kind::Section(s) = kind {
            self.section = s;
        }
        (end, kind)
    }

    /// Records the comment `start..end` of `kind`.
    fn record(&mut self, kind: CommentKind, start: usize, end: usize) {
        let src = self.src;
        let trimmed = |from: usize| Span::new(from, from + src[from..end].trim_end().len());
        self.comments.push(match kind {
            CommentKind::Doc => Comment::Doc(trimmed(start + 2)),
            CommentKind::DocContinued => Comment::DocContinued(trimmed(start + 3)),
            CommentKind::Layer(n) => Comment::Layer(n, trimmed(start)),
            CommentKind::Plain => {
                let before = src[..start].trim_end_matches([' ', '\t']);
                let own_line = before.is_empty() || before == BOM || before.ends_with('\n');
                Comment::Plain { span: trimmed(start), own_line, section: self.section }
            }
        });
    }
}

/// What a comment is, as [`comment`] reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CommentKind {
    Doc,
    DocContinued,
    Layer(u32),
    Plain,
}

/// Where a nom parser of this module stopped: the byte offset of what it left.
fn offset(rest: &Located<'_>) -> usize {
    rest.location_offset()
}

type LResult<'a, O> = IResult<Located<'a>, O>;

/// `comment = "//" line | "/*" text "*/"`: the end of the comment and what it is, or
/// [`LexError::UnterminatedComment`] (the error runs to the end of the text).
fn comment(input: Located<'_>) -> (usize, Result<CommentKind, LexError>) {
    let block = map(delimited(tag("/*"), take_until("*/"), tag("*/")), |_| CommentKind::Plain);
    let line =
        preceded(tag("//"), take_till(|c| c == '\n')).map(|body: Located<'_>| line_comment_kind(body.fragment()));
    let parsed: LResult<'_, CommentKind> = alt((line, block)).parse(input);
    match parsed {
        Ok((rest, kind)) => (offset(&rest), Ok(kind)),
        Err(_) => (input.location_offset() + input.fragment().len(), Err(LexError::UnterminatedComment)),
    }
}

/// What the text after `//` makes of a line comment.
fn line_comment_kind(body: &str) -> CommentKind {
    match body.as_bytes().first() {
        Some(b'@') => CommentKind::Doc,
        Some(b'-') => CommentKind::DocContinued,
        _ => layer_marker(Located::new(body)).map_or(CommentKind::Plain, |(_, n)| CommentKind::Layer(n)),
    }
}

/// `layer_marker = space* "layer" space* digit+ space* end` (the word in any case): `LAYER 53`,
/// `layer 23`. A number too large for `u32` is `u32::MAX`: still a marker, which the parser then
/// reports as out of range (quoting the digits written), never a plain comment.
fn layer_marker(body: Located<'_>) -> LResult<'_, u32> {
    let spaces = || take_while(char::is_whitespace);
    let digits = take_while1(|c: char| c.is_ascii_digit());
    let (rest, number) = delimited((spaces(), tag_no_case("layer"), spaces()), digits, (spaces(), eof)).parse(body)?;
    // Only digits: the one way to fail is overflow.
    Ok((rest, number.fragment().parse().unwrap_or(u32::MAX)))
}

/// `section = "---" name "---"` on one line, `name` being `types` or `functions` (spaces around
/// it allowed): the end of the marker and its token.
fn section(input: Located<'_>) -> (usize, Kind) {
    let line = take_till::<_, _, nom::error::Error<_>>(|c| c == '\n');
    let marker = (tag("---"), take_until("---"), tag("---"));
    let parsed: LResult<'_, _> = line.and_then(marker).parse(input);
    match parsed {
        Ok((_, (_, name, close))) => {
            let kind = match name.fragment().trim() {
                "types" => Kind::Section(Section::Types),
                "functions" => Kind::Section(Section::Functions),
                _ => Kind::Error(LexError::UnknownSection),
            };
            (offset(&close) + 3, kind)
        }
        Err(_) => {
            let line_end = input.fragment().find('\n').unwrap_or(input.fragment().len());
            (input.location_offset() + line_end, Kind::Error(LexError::UnterminatedSection))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(src: &str) -> Vec<Kind> {
        lex(src).tokens.iter().map(|t| t.kind).collect()
    }

    #[test]
    fn names_ids_and_flags() {
        use Kind::*;
        assert_eq!(
            kinds("contacts.link#3ace484c x:flags.0?true = T;"),
            [Ident, HexId, Ident, Colon, Ident, Question, Ident, Eq, Ident, Semi, Eof]
        );
        assert_eq!(kinds("flags:# "), [Ident, Colon, Hash, Eof]);
        assert_eq!(kinds("4*[ int ]"), [Number, Star, LBracket, Ident, RBracket, Eof]);
    }

    #[test]
    fn sections_with_spaces() {
        assert_eq!(kinds("--- functions ---")[0], Kind::Section(Section::Functions));
        assert_eq!(kinds("---types---")[0], Kind::Section(Section::Types));
        assert_eq!(kinds("---foo---")[0], Kind::Error(LexError::UnknownSection));
    }

    #[test]
    fn comments() {
        let l = lex("// LAYER 53\n//@description Hi @x y\n//-more\n/* a\nb */ x // LAYER 2a\n");
        assert_eq!(l.tokens.len(), 2);
        assert!(matches!(l.comments[0], Comment::Layer(53, _)));
        assert!(matches!(l.comments[1], Comment::Doc(_)));
        assert!(matches!(l.comments[2], Comment::DocContinued(_)));
        // The block comment starts its line; `// LAYER 2a` is no marker and trails `x`.
        assert!(matches!(l.comments[3], Comment::Plain { own_line: true, section: Section::Types, .. }));
        assert_eq!(l.comments[4], Comment::Plain { span: Span::new(55, 66), own_line: false, section: Section::Types });
        assert_eq!(l.comments.len(), 5);
    }

    #[test]
    fn bad_hex_and_chars() {
        assert_eq!(kinds("a#123456789")[1], Kind::Error(LexError::BadHexId));
        assert_eq!(kinds("a#12g4")[1], Kind::Error(LexError::BadHexId));
        let l = lex("é");
        assert_eq!(l.tokens[0].span, Span::new(0, 2));
    }
}
