//! The input the grammar's nom parsers read: the tokens of one definition (and of what follows it
//! up to the next `;`), with the text they come from.

use crate::ast::Span;
use crate::lexer::{Kind, Token};
use nom::Needed;

/// The end of the input, returned when a parser looks past the last token.
const END: Token = Token { kind: Kind::Eof, span: Span { start: u32::MAX, end: u32::MAX } };

/// Tokens `toks[at..]`, as nom input. The tokens before `at` stay visible, so that a parser knows
/// where the previous token ended and whether the current one starts a line.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Tokens<'t, 'a> {
    toks: &'t [Token],
    at: usize,
    src: &'a str,
}

impl<'t, 'a> Tokens<'t, 'a> {
    /// All of `toks`, taken from `src`.
    pub(crate) fn new(toks: &'t [Token], src: &'a str) -> Self {
        Tokens { toks, at: 0, src }
    }

    /// How many tokens were consumed since [`Tokens::new`].
    #[inline]
    pub(crate) fn at(&self) -> usize {
        self.at
    }

    /// The `n`th token from [`Tokens::new`] (the end past the last one).
    #[inline]
    pub(crate) fn get(&self, n: usize) -> Token {
        self.toks.get(n).copied().unwrap_or(END)
    }

    /// The current token.
    #[inline]
    pub(crate) fn peek(&self) -> Token {
        self.get(self.at)
    }

    /// The token after the current one.
    #[inline]
    pub(crate) fn peek2(&self) -> Token {
        self.get(self.at + 1)
    }

    /// The input after the current token.
    #[inline]
    pub(crate) fn next(self) -> Self {
        Tokens { at: self.at + 1, ..self }
    }

    /// The same tokens from position `at` on.
    #[inline]
    pub(crate) fn from(self, at: usize) -> Self {
        Tokens { at, ..self }
    }

    /// The text of `span`.
    #[inline]
    pub(crate) fn slice(&self, span: Span) -> &'a str {
        &self.src[span.start as usize..span.end as usize]
    }

    /// The text of token `t`.
    #[inline]
    pub(crate) fn text(&self, t: Token) -> &'a str {
        self.slice(t.span)
    }

    /// Where the token before the current one ends (0 before the first).
    #[inline]
    pub(crate) fn prev_end(&self) -> u32 {
        self.at.checked_sub(1).map_or(0, |p| self.toks[p].span.end)
    }

    /// Whether the current token is the first on its line (true for the first token).
    pub(crate) fn starts_line(&self) -> bool {
        if self.at == 0 {
            return true;
        }
        let end = self.peek().span.start.min(self.src.len() as u32);
        let gap = &self.src.as_bytes()[self.prev_end() as usize..end as usize];
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
}

impl<'t> nom::Input for Tokens<'t, '_> {
    type Item = Token;
    type Iter = std::iter::Copied<std::slice::Iter<'t, Token>>;
    type IterIndices = std::iter::Enumerate<Self::Iter>;

    fn input_len(&self) -> usize {
        self.toks.len() - self.at
    }

    fn take(&self, index: usize) -> Self {
        Tokens { toks: &self.toks[..self.at + index], ..*self }
    }

    fn take_from(&self, index: usize) -> Self {
        Tokens { at: self.at + index, ..*self }
    }

    fn take_split(&self, index: usize) -> (Self, Self) {
        (self.take_from(index), self.take(index))
    }

    fn position<P: Fn(Token) -> bool>(&self, predicate: P) -> Option<usize> {
        self.toks[self.at..].iter().position(|t| predicate(*t))
    }

    fn iter_elements(&self) -> Self::Iter {
        self.toks[self.at..].iter().copied()
    }

    fn iter_indices(&self) -> Self::IterIndices {
        self.iter_elements().enumerate()
    }

    fn slice_index(&self, count: usize) -> Result<usize, Needed> {
        let len = self.input_len();
        if count <= len { Ok(count) } else { Err(Needed::new(count - len)) }
    }
}
