//! The token engine of emission: a flat list of tokens, the [`quote!`] macro that builds one,
//! and the interpolation traits.
//!
//! Emission used `proc_macro2` and `quote` until issue 10: in a build script (compiled
//! unoptimized) their reference-counted token trees, identifier validation and allocations took
//! most of the generation time, and the three crates were a part of every user's first build.
//! This engine holds what the layout needs and nothing more:
//!
//! - a [`Tokens`] is one `Vec` of small `Copy` tokens plus one `String` holding the text of the
//!   tokens made at run time (identifiers from [`crate::ident::Name`], already valid there, and
//!   literals), so copying one list into another (`#x`) is two copies, with no allocation per
//!   token; a list moved in ([`Tokens::extend`], [`Tokens::brace`]) is kept whole, as a
//!   [`Tok::Sub`], so that a body is not copied again at every level it is wrapped in;
//! - a token from the macro is its `&'static str` text (`stringify!` of one token tree: `::`,
//!   `=>`, `'a`, `"x"`), classified at compile time ([`Tok::of`] in a `const` block);
//! - a delimited group is an [`Tok::Open`] that knows how many tokens it holds, then its tokens,
//!   then a [`Tok::Close`]: the layout walks it without building a tree.
//!
//! The tokens mean what `proc_macro2`'s did for the layout (a multi-character operator is its
//! characters, joint but the last; a lifetime is `'` joint with its name), so the text is
//! byte-for-byte what it was.

mod interp;
mod literal;
mod macros;

pub(crate) use interp::{ToTokens, by as interp_by, rep};
pub(crate) use literal::Literal;
pub(crate) use macros::{__quote_rep, __quote_tok, __quote_window, quote, quote_into};

/// A group's delimiter.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Delim {
    /// `( ... )`
    Paren,
    /// `[ ... ]`
    Bracket,
    /// `{ ... }`
    Brace,
}

/// One token. Text made at run time is a range of the list's [`Tokens::text`].
#[derive(Clone, Copy, Debug)]
pub(crate) enum Tok {
    /// An identifier or keyword from the macro.
    Word(&'static str),
    /// An operator or punctuation from the macro: one to three characters, all but the last
    /// joint to the next (`::`, `=>`, `..=`).
    Punct(&'static str),
    /// A literal from the macro, as written (`"x"`, `0x1f`, `r#"y"#`).
    Lit(&'static str),
    /// A lifetime from the macro, with its `'` (`'a`, `'static`, `'_`).
    Lifetime(&'static str),
    /// An identifier made at run time (`r#` included for a raw one).
    OwnedWord { at: u32, len: u32 },
    /// A literal made at run time.
    OwnedLit { at: u32, len: u32 },
    /// The start of a group of `len` tokens (its [`Tok::Close`] is the token after them).
    Open { delim: Delim, len: u32 },
    /// The end of a group.
    Close,
    /// The tokens of list `subs[i]`, moved in whole (the layout reads them in place).
    Sub(u32),
}

impl Tok {
    /// The token of one token tree's text (`stringify!` of it, never a group).
    pub(crate) const fn of(s: &'static str) -> Tok {
        let b = s.as_bytes();
        match b[0] {
            b'a'..=b'z' | b'A'..=b'Z' | b'_' => {
                // `b"x"`, `c"x"`, `b'x'`, `r"x"`, `r#"x"#`, `br"x"` are literals; `r#type` is not.
                let literal = match (if b.len() > 1 { b[1] } else { 0 }, if b.len() > 2 { b[2] } else { 0 }) {
                    (b'"' | b'\'', _) => true,
                    (b'#', b'"' | b'#') => b[0] == b'r',
                    (b'r', b'"' | b'#') => matches!(b[0], b'b' | b'c'),
                    _ => false,
                };
                if literal { Tok::Lit(s) } else { Tok::Word(s) }
            }
            b'0'..=b'9' | b'"' => Tok::Lit(s),
            b'\'' if b.len() >= 3 && b[b.len() - 1] == b'\'' => Tok::Lit(s),
            b'\'' => Tok::Lifetime(s),
            _ => Tok::Punct(s),
        }
    }
}

/// A list of tokens: what `quote!` returns and emission passes around.
#[derive(Clone, Default, Debug)]
pub(crate) struct Tokens {
    toks: Vec<Tok>,
    /// The text of the `Owned*` tokens.
    text: String,
    /// The lists [`Tok::Sub`] points at.
    subs: Vec<Tokens>,
}

/// A list moved in with at most this many tokens is copied rather than kept as a [`Tok::Sub`].
const COPY_UP_TO: usize = 24;

impl Tokens {
    /// No tokens.
    pub(crate) fn new() -> Tokens {
        Tokens::default()
    }

    /// The tokens, for the layout; `Owned*` text through [`Tokens::text`].
    pub(crate) fn toks(&self) -> &[Tok] {
        &self.toks
    }

    /// The list a [`Tok::Sub`] points at.
    pub(crate) fn sub(&self, i: u32) -> &Tokens {
        &self.subs[i as usize]
    }

    /// The text of an `Owned*` token.
    pub(crate) fn text(&self, at: u32, len: u32) -> &str {
        &self.text[at as usize..(at + len) as usize]
    }

    /// The text of an identifier or literal token (`None` for punctuation, lifetimes and
    /// delimiters).
    pub(crate) fn word_or_lit(&self, tok: Tok) -> Option<&str> {
        match tok {
            Tok::Word(s) | Tok::Lit(s) => Some(s),
            Tok::OwnedWord { at, len } | Tok::OwnedLit { at, len } => Some(self.text(at, len)),
            _ => None,
        }
    }

    /// Appends one token tree written in the macro: `stringify!` of it (never a group).
    pub(crate) fn push_static(&mut self, s: &'static str) {
        self.toks.push(Tok::of(s));
    }

    /// Appends a token made by [`Tok::of`] (the macro does that at compile time).
    pub(crate) fn push(&mut self, tok: Tok) {
        self.toks.push(tok);
    }

    /// Appends an identifier made at run time (valid: [`crate::ident`] made it).
    pub(crate) fn push_word(&mut self, raw: bool, text: &str) {
        let at = self.text.len() as u32;
        if raw {
            self.text.push_str("r#");
        }
        self.text.push_str(text);
        let len = self.text.len() as u32 - at;
        self.toks.push(Tok::OwnedWord { at, len });
    }

    /// Appends a literal made at run time (its Rust spelling).
    pub(crate) fn push_lit(&mut self, text: &str) {
        let at = self.text.len() as u32;
        self.text.push_str(text);
        self.toks.push(Tok::OwnedLit { at, len: text.len() as u32 });
    }

    /// Opens a group; [`Tokens::close`] with the returned mark ends it.
    pub(crate) fn open(&mut self, delim: Delim) -> usize {
        self.toks.push(Tok::Open { delim, len: 0 });
        self.toks.len() - 1
    }

    /// Closes the group [`Tokens::open`] started at `mark`.
    pub(crate) fn close(&mut self, mark: usize) {
        let inside = (self.toks.len() - mark - 1) as u32;
        let Tok::Open { len, .. } = &mut self.toks[mark] else { unreachable!("a mark is an Open") };
        *len = inside;
        self.toks.push(Tok::Close);
    }

    /// Appends `more`, moved: kept whole (a [`Tok::Sub`]) unless it is short.
    pub(crate) fn extend(&mut self, more: Tokens) {
        if self.toks.is_empty() {
            *self = more;
        } else if more.toks.len() <= COPY_UP_TO {
            self.append_parts(&more.toks, &more.text, more.subs);
        } else {
            self.toks.push(Tok::Sub(self.subs.len() as u32));
            self.subs.push(more);
        }
    }

    /// Appends a copy of `more`.
    pub(crate) fn append(&mut self, more: &Tokens) {
        if more.subs.is_empty() {
            self.append_parts(&more.toks, &more.text, Vec::new());
        } else {
            self.append_parts(&more.toks, &more.text, more.subs.clone());
        }
    }

    /// Appends tokens `toks` whose text is `text` and whose [`Tok::Sub`]s point into `subs`,
    /// shifting their positions to this list's.
    fn append_parts(&mut self, toks: &[Tok], text: &str, subs: Vec<Tokens>) {
        let start = self.toks.len();
        self.toks.extend_from_slice(toks);
        let (shift, sub_shift) = (self.text.len() as u32, self.subs.len() as u32);
        if text.is_empty() && subs.is_empty() {
            return;
        }
        self.text.push_str(text);
        if self.subs.is_empty() {
            self.subs = subs;
        } else {
            self.subs.extend(subs);
        }
        if shift == 0 && sub_shift == 0 {
            return;
        }
        for tok in &mut self.toks[start..] {
            match tok {
                Tok::OwnedWord { at, .. } | Tok::OwnedLit { at, .. } => *at += shift,
                Tok::Sub(i) => *i += sub_shift,
                _ => {}
            }
        }
    }

    /// `{ parts }`: the parts moved into one brace group.
    pub(crate) fn brace(parts: impl IntoIterator<Item = Tokens>) -> Tokens {
        let mut out = Tokens::new();
        let mark = out.open(Delim::Brace);
        for part in parts {
            out.extend(part);
        }
        out.close(mark);
        out
    }
}

#[cfg(test)]
impl Tokens {
    /// The tokens as text with a space between any two trees, which reads back (with a lexer such
    /// as `proc_macro2`'s) as exactly these tokens.
    pub(crate) fn plain_text(&self) -> String {
        let mut s = String::new();
        self.plain_into(&mut s);
        s
    }

    fn plain_into(&self, s: &mut String) {
        let mut open = Vec::new();
        for &tok in &self.toks {
            let text = match tok {
                Tok::Word(t) | Tok::Punct(t) | Tok::Lit(t) | Tok::Lifetime(t) => t,
                Tok::OwnedWord { at, len } | Tok::OwnedLit { at, len } => self.text(at, len),
                Tok::Open { delim, .. } => {
                    open.push(delim);
                    ["(", "[", "{"][delim as usize]
                }
                Tok::Close => [")", "]", "}"][open.pop().expect("balanced") as usize],
                Tok::Sub(i) => {
                    self.sub(i).plain_into(s);
                    continue;
                }
            };
            s.push_str(text);
            s.push(' ');
        }
    }
}
