//! Splits schema text into tokens, and collects the comments that carry meaning
//! (`//@` docs, `//-` continuations, `// LAYER N` markers) on the side.

use crate::ast::{Section, Span};

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
}

/// A token and where it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token {
    /// What it is.
    pub kind: Kind,
    /// Where it is.
    pub span: Span,
}

/// A comment that means something.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Comment {
    /// `//@...`: the span covers the text after `//`.
    Doc(Span),
    /// `//-...`: continues the previous doc line; the span covers the text after `//-`.
    DocContinued(Span),
    /// `// LAYER N` (any case).
    Layer(u32, Span),
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
    /// Docs and layer markers met so far, in source order.
    pub comments: Vec<Comment>,
}

impl<'a> Lexer<'a> {
    /// A lexer at the start of `src`.
    pub fn new(src: &'a str) -> Self {
        Lexer { src, at: 0, comments: Vec::new() }
    }

    /// The next token; `Kind::Eof` at the end, and again on every later call. Comments passed on
    /// the way are added to [`Lexer::comments`].
    pub fn next_token(&mut self) -> Token {
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
                b'/' if b.get(i + 1) == Some(&b'/') => {
                    let end = memchr_newline(b, i);
                    line_comment(src, i, end, &mut self.comments);
                    i = end;
                    continue;
                }
                b'/' if b.get(i + 1) == Some(&b'*') => match find(b, i + 2, b"*/") {
                    Some(end) => {
                        i = end + 2;
                        continue;
                    }
                    None => {
                        i = b.len();
                        Kind::Error(LexError::UnterminatedComment)
                    }
                },
                b'-' if b[i..].starts_with(b"---") => {
                    let (kind, end) = section(src, i);
                    i = end;
                    kind
                }
                b'0'..=b'9' => {
                    while i < b.len() && b[i].is_ascii_digit() {
                        i += 1;
                    }
                    Kind::Number
                }
                b'#' if b.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) => {
                    i = name_chars_end(b, i + 1);
                    let digits = &b[start + 1..i];
                    if digits.len() <= 8 && digits.iter().all(u8::is_ascii_hexdigit) {
                        Kind::HexId
                    } else {
                        Kind::Error(LexError::BadHexId)
                    }
                }
                b'#' | b':' | b'?' | b'%' | b'!' | b'<' | b'>' | b',' | b'{' | b'}' | b'[' | b']' | b'(' | b')'
                | b'=' | b';' | b'*' => {
                    i += 1;
                    punctuation(c)
                }
                _ => {
                    // Take the whole UTF-8 character so the error shows it.
                    i += 1;
                    while i < b.len() && (b[i] & 0xC0) == 0x80 {
                        i += 1;
                    }
                    Kind::Error(LexError::UnexpectedChar)
                }
            };
            self.at = i;
            return Token { kind, span: Span::new(start, i) };
        }
    }
}

/// The section marker `---name---` at `start`, and where it ends.
fn section(src: &str, start: usize) -> (Kind, usize) {
    let b = src.as_bytes();
    let line_end = memchr_newline(b, start);
    match find(&b[..line_end], start + 3, b"---") {
        Some(close) => {
            let kind = match src[start + 3..close].trim() {
                "types" => Kind::Section(Section::Types),
                "functions" => Kind::Section(Section::Functions),
                _ => Kind::Error(LexError::UnknownSection),
            };
            (kind, close + 3)
        }
        None => (Kind::Error(LexError::UnterminatedSection), line_end),
    }
}

/// The token of a one-byte punctuation character (`c` is one).
#[inline]
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
#[inline]
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

fn memchr_newline(b: &[u8], from: usize) -> usize {
    b[from..].iter().position(|&c| c == b'\n').map_or(b.len(), |p| from + p)
}

fn find(b: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    if from > b.len() {
        return None;
    }
    b[from..].windows(needle.len()).position(|w| w == needle).map(|p| from + p)
}

/// Classifies the `//` comment at `start..end` and records it when it means something.
fn line_comment(src: &str, start: usize, end: usize, comments: &mut Vec<Comment>) {
    let body = &src[start + 2..end];
    if body.starts_with('@') {
        comments.push(Comment::Doc(Span::new(start + 2, trim_end(src, start + 2, end))));
    } else if body.starts_with('-') {
        comments.push(Comment::DocContinued(Span::new(start + 3, trim_end(src, start + 3, end))));
    } else if let Some(layer) = layer_marker(body) {
        comments.push(Comment::Layer(layer, Span::new(start, trim_end(src, start, end))));
    }
}

fn trim_end(src: &str, start: usize, end: usize) -> usize {
    start + src[start..end].trim_end().len()
}

/// `LAYER 53`, `layer 23`: the word `layer` (any case) and a number, nothing else.
fn layer_marker(body: &str) -> Option<u32> {
    let body = body.trim();
    let word = body.get(..5)?;
    if !word.eq_ignore_ascii_case("layer") {
        return None;
    }
    let number = body[5..].trim();
    if number.is_empty() || !number.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    number.parse().ok()
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
        assert_eq!(l.comments.len(), 3);
    }

    #[test]
    fn bad_hex_and_chars() {
        assert_eq!(kinds("a#123456789")[1], Kind::Error(LexError::BadHexId));
        assert_eq!(kinds("a#12g4")[1], Kind::Error(LexError::BadHexId));
        let l = lex("é");
        assert_eq!(l.tokens[0].span, Span::new(0, 2));
    }
}
