//! The input the grammar's nom parsers read: the tokens of one definition (and of what follows it
//! up to the next `;`), with the text they come from.

use crate::ast::Span;
use crate::lexer::{Kind, Token};
use nom::Needed;

/// The end of the input, returned when a parser looks past the last token.
const END: Token = Token { kind: Kind::Eof, span: Span { start: u32::MAX, end: u32::MAX } };

/// Tokens and the text they come from.
#[derive(Debug)]
pub(crate) struct Source<'t, 'a> {
    toks: &'t [Token],
    src: &'a str,
}

impl<'t, 'a> Source<'t, 'a> {
    /// `toks`, taken from `src`.
    pub(crate) fn new(toks: &'t [Token], src: &'a str) -> Self {
        Source { toks, src }
    }
}

/// Tokens `at..end` of a [`Source`], as nom input. The tokens before `at` stay visible, so that a
/// parser knows where the previous token ended and whether the current one starts a line. The
/// current token and the end of the previous one are kept at hand: parsers look at them far more
/// often than they move on.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tokens<'t, 'a> {
    source: &'t Source<'t, 'a>,
    at: u32,
    /// Below the source's length only after nom's `take`.
    end: u32,
    /// Where token `at - 1` ends (0 at the start).
    prev_end: u32,
    /// Token `at` (`END` at the end).
    cur: Token,
}

impl<'t, 'a> Tokens<'t, 'a> {
    /// All of `source`'s tokens.
    pub(crate) fn new(source: &'t Source<'t, 'a>) -> Self {
        Tokens::starting(source, 0, source.toks.len() as u32)
    }

    fn starting(source: &'t Source<'t, 'a>, at: u32, end: u32) -> Self {
        let get = |n: u32| if n < end { source.toks[n as usize] } else { END };
        let prev_end = if at == 0 { 0 } else { get(at - 1).span.end };
        Tokens { source, at, end, prev_end, cur: get(at) }
    }

    /// How many tokens were consumed since [`Tokens::new`].
    #[inline]
    pub(crate) fn at(&self) -> usize {
        self.at as usize
    }

    /// The `n`th token from [`Tokens::new`] (the end past the last one).
    #[inline]
    fn get(&self, n: u32) -> Token {
        if n < self.end { self.source.toks[n as usize] } else { END }
    }

    /// The current token.
    #[inline]
    pub(crate) fn peek(&self) -> Token {
        self.cur
    }

    /// The token after the current one.
    #[inline]
    pub(crate) fn peek2(&self) -> Token {
        self.get(self.at + 1)
    }

    /// The input after the current token.
    #[inline]
    pub(crate) fn next(self) -> Self {
        let at = self.at + 1;
        Tokens { at, prev_end: self.cur.span.end, cur: self.get(at), ..self }
    }

    /// The same tokens from position `at` on.
    pub(crate) fn from(self, at: usize) -> Self {
        Tokens::starting(self.source, at as u32, self.end)
    }

    /// The text of `span`.
    #[inline]
    pub(crate) fn slice(&self, span: Span) -> &'a str {
        &self.source.src[span.start as usize..span.end as usize]
    }

    /// The text of token `t`.
    #[inline]
    pub(crate) fn text(&self, t: Token) -> &'a str {
        self.slice(t.span)
    }

    /// Where the token before the current one ends (0 before the first).
    #[inline]
    pub(crate) fn prev_end(&self) -> u32 {
        self.prev_end
    }

    /// Whether the current token is the first on its line (true for the first token).
    pub(crate) fn starts_line(&self) -> bool {
        if self.at == 0 {
            return true;
        }
        let src = self.source.src.as_bytes();
        let end = (self.peek().span.start as usize).min(src.len());
        let gap = &src[self.prev_end() as usize..end];
        match gap {
            // Usually one space or none: spare a search.
            [] => false,
            [c] => *c == b'\n',
            _ => gap.contains(&b'\n'),
        }
    }

    /// Whether the current token starts a line with a name that is not a field (`x:T` continues a
    /// definition over several lines, as TON writes them): the start of the next definition.
    pub(crate) fn starts_definition(&self) -> bool {
        self.peek().kind == Kind::Ident && self.peek2().kind != Kind::Colon && self.starts_line()
    }

    fn rest(&self) -> &'t [Token] {
        &self.source.toks[self.at as usize..self.end as usize]
    }
}

impl<'t> nom::Input for Tokens<'t, '_> {
    type Item = Token;
    type Iter = std::iter::Copied<std::slice::Iter<'t, Token>>;
    type IterIndices = std::iter::Enumerate<Self::Iter>;

    fn input_len(&self) -> usize {
        (self.end - self.at) as usize
    }

    fn take(&self, index: usize) -> Self {
        Tokens::starting(self.source, self.at, self.at + index as u32)
    }

    fn take_from(&self, index: usize) -> Self {
        Tokens::starting(self.source, self.at + index as u32, self.end)
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P: Fn(Token) -> bool>(&self, predicate: P) -> Option<usize> {
        self.rest().iter().position(|t| predicate(*t))
    }

    fn iter_elements(&self) -> Self::Iter {
        self.rest().iter().copied()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        let len = self.input_len();
        if count <= len { Ok(count) } else { Err(Needed::new(count - len)) }
    }
}
