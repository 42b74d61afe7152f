//! A fast, approximate Rust layout for generated tokens: readable text without a syntax tree.
//!
//! [`layout`] walks the token tree once and writes into one `String`: one statement, field,
//! variant or match arm per line, `{ ... }` blocks broken over lines and indented by 4 spaces
//! per level (small ones such as `{ a, b }` stay inline), attributes on their own line and
//! `#[doc = "..."]` as `///` comments. Tokens inside `(...)` and `[...]` stay on one line, but a
//! line longer than [`WIDTH`] continues on the next at a `,` or a binary operator.
//!
//! Spacing follows a few local rules (no space before `,` `;` `.` `?`, none around `::` or inside
//! `<...>` when `<` looks like generics) and never glues two tokens that would lex differently:
//! the text always reads back as the same tokens. It is not rustfmt's output, only close to it;
//! `Options::format` picks prettyplease instead.

mod docs;
mod spacing;

use crate::tokens::{Delim, Tok, Tokens};
use docs::doc_comment;
use spacing::{Next, Prev, Role, Word, space};

/// Appends `tokens` laid out as Rust source text to `out` (which the caller pre-sizes).
pub(crate) fn layout(tokens: &Tokens, out: &mut String) {
    let line_begin = out.len();
    let mut p = Printer {
        out: std::mem::take(out),
        depth: 0,
        line_start: true,
        line_begin,
        prev: Prev::Start,
        after_block: false,
        literal_at: 0,
    };
    p.stream(tokens, 0..tokens.toks().len(), Mode::Block);
    p.newline();
    *out = p.out;
}

/// How a group's contents are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Mode {
    /// Statements, items, fields and arms on lines of their own (top level and `{ ... }`).
    Block,
    /// Everything on the current line (inside `(...)`, `[...]`, attributes, small braces).
    Inline,
}

/// Lines longer than this (bytes) continue on the next line at the next good place (see
/// `Printer::gap`), so that lines stay short enough to read (and for rustc's diagnostics).
const WIDTH: usize = 100;

/// Indentation up to 16 levels, sliced.
const INDENT: &str = "                                                                ";

/// The state of one group while its tokens are written.
struct Level {
    mode: Mode,
    /// Open `<` of generics.
    angle: u32,
    /// The value of `angle` inside `impl<...>` or `for<...>`, else 0.
    impl_angle: u32,
    /// Between the `|`s of closure parameters.
    closure: bool,
    /// After `where` (its commas do not break lines).
    where_clause: bool,
}

impl Level {
    /// The role of a `>` that closes generics.
    fn close_angle(&mut self) -> Role {
        let role = if self.angle == self.impl_angle {
            self.impl_angle = 0;
            Role::ImplClose
        } else {
            Role::GenericClose
        };
        self.angle -= 1;
        role
    }
}

struct Printer {
    out: String,
    /// Block nesting: the indentation, 4 spaces each.
    depth: usize,
    /// Nothing written yet on the current line.
    line_start: bool,
    /// Where the current line starts in `out`.
    line_begin: usize,
    prev: Prev,
    /// A block just closed in block mode: the next token goes on a new line unless it continues
    /// the expression (`,`, `;`, `.`, `else`, ...).
    after_block: bool,
    /// Where the last literal starts in `out`.
    literal_at: usize,
}

impl Printer {
    fn newline(&mut self) {
        if !self.line_start {
            self.out.push('\n');
            self.line_start = true;
            self.line_begin = self.out.len();
        }
    }

    /// Starts a token: the indentation at a line start, else a space if `next` wants one. A line
    /// longer than [`WIDTH`] continues on the next (one level deeper) after a `,` or before a
    /// `=>` or a binary `|`, `&&`, `||` or `+`; one longer than twice that also after an inline
    /// `{` or before an inline `}`.
    fn gap(&mut self, next: Next) {
        let mut indent = self.depth;
        let len = self.out.len() - self.line_begin;
        if !self.line_start && len > WIDTH {
            let breaks = matches!(self.prev, Prev::Punct { ch: ',', .. })
                || (matches!(
                    next,
                    Next::Punct { ch: '|' | '&' | '+', role: Role::Binary, .. }
                        | Next::Punct { ch: '=', joint: true, .. }
                ) && !matches!(self.prev, Prev::Punct { joint: true, .. }))
                || (len > 2 * WIDTH && (self.prev == Prev::OpenBrace || matches!(next, Next::Close(Delim::Brace))));
            if breaks {
                self.newline();
                indent += 1;
            }
        }
        if self.line_start {
            // One append for the usual depths: a build script runs this unoptimized, where each
            // `push_str` is a chain of calls.
            if indent <= INDENT.len() / 4 {
                self.out.push_str(&INDENT[..4 * indent]);
            } else {
                for _ in 0..indent {
                    self.out.push_str("    ");
                }
            }
            self.line_start = false;
        } else if space(self.prev, next) {
            self.out.push(' ');
        }
    }

    /// After a block closed: a new line unless `next` continues the expression. (Callers test
    /// `after_block` first: this runs for every token, unoptimized in a build script.)
    fn settle_block(&mut self, next: Next, word: &str) {
        if !self.after_block {
            return;
        }
        self.after_block = false;
        let continues = match next {
            Next::Word => word == "else" || word == "as",
            Next::Punct { ch, joint, .. } => !(matches!(ch, '#' | '\'' | '<') || (ch == ':' && joint)),
            Next::Open(_) | Next::Close(_) => false,
        };
        if !continues {
            self.newline();
            self.prev = Prev::Start;
        }
    }

    /// Writes the trees of `range` of `t` (a group's, or the file's); `mode` is the group's.
    fn stream(&mut self, t: &Tokens, range: std::ops::Range<usize>, mode: Mode) {
        let mut level = Level { mode, angle: 0, impl_angle: 0, closure: false, where_clause: false };
        // A `#` not written yet: with a `[...]` after it, an attribute.
        let mut hash = false;
        self.walk(t, range, &mut level, &mut hash);
        if hash {
            self.punct('#', false, &mut level);
        }
    }

    /// [`Printer::stream`]'s loop over `range` of `t`; a [`Tok::Sub`] is walked in place, with
    /// the same state.
    fn walk(&mut self, t: &Tokens, range: std::ops::Range<usize>, level: &mut Level, hash: &mut bool) {
        let toks = t.toks();
        let mut i = range.start;
        while i < range.end {
            let tok = toks[i];
            i += 1;
            if let Tok::Sub(s) = tok {
                let sub = t.sub(s);
                self.walk(sub, 0..sub.toks().len(), level, hash);
                continue;
            }
            if *hash {
                *hash = false;
                if let Tok::Open { delim: Delim::Bracket, len } = tok {
                    let inner = i..i + len as usize;
                    i = inner.end + 1;
                    self.attribute(t, inner, level);
                    continue;
                }
                self.punct('#', false, level);
            }
            match tok {
                Tok::Word(word) => self.word(word, level),
                Tok::OwnedWord { at, len } => self.word(t.text(at, len), level),
                Tok::Lit(lit) => self.literal(lit),
                Tok::OwnedLit { at, len } => self.literal(t.text(at, len)),
                Tok::Punct(p) => {
                    // Joint characters but the last, as one operator (`::`, `=>`).
                    // (Indexing, not an iterator: a build script runs this unoptimized.)
                    let bytes = p.as_bytes();
                    let last = bytes.len() - 1;
                    let mut j = 0;
                    while j < last {
                        self.punct(char::from(bytes[j]), true, level);
                        j += 1;
                    }
                    if bytes[last] == b'#' {
                        *hash = true;
                    } else {
                        self.punct(char::from(bytes[last]), false, level);
                    }
                }
                Tok::Lifetime(l) => {
                    self.punct('\'', true, level);
                    self.word(&l[1..], level);
                }
                Tok::Open { delim, len } => {
                    if delim == Delim::Brace {
                        level.angle = 0;
                        level.impl_angle = 0;
                        level.closure = false;
                        level.where_clause = false;
                    }
                    let inner = i..i + len as usize;
                    i = inner.end + 1;
                    self.group(t, delim, inner, level.mode);
                }
                Tok::Close | Tok::Sub(_) => unreachable!("a group's tokens end before its Close"),
            }
        }
    }

    /// Writes an identifier.
    fn word(&mut self, word: &str, level: &mut Level) {
        if self.after_block {
            self.settle_block(Next::Word, word);
        }
        self.gap(Next::Word);
        self.out.push_str(word);
        // After `'` it is a lifetime (`'static` is no keyword).
        let lifetime = matches!(self.prev, Prev::Punct { ch: '\'', .. });
        let kind = if lifetime { Word::Plain } else { Word::of(word, self.prev) };
        if kind == Word::Keyword && word == "where" {
            level.where_clause = true;
        }
        self.prev = Prev::Word(kind);
    }

    /// Writes a literal.
    fn literal(&mut self, lit: &str) {
        if self.after_block {
            self.settle_block(Next::Word, "");
        }
        self.gap(Next::Word);
        self.literal_at = self.out.len();
        self.out.push_str(lit);
        // Whether it is a decimal integer matters only before a `.` (see `punct`).
        self.prev = Prev::Literal { int: false };
    }

    /// Writes one punctuation character; in block mode, a `;` or `,` ends the line.
    fn punct(&mut self, ch: char, joint: bool, level: &mut Level) {
        if ch == '.' && !joint && matches!(self.prev, Prev::Literal { .. }) {
            let int = self.out[self.literal_at..].bytes().all(|b| b.is_ascii_digit() || b == b'_');
            self.prev = Prev::Literal { int };
        }
        if self.after_block {
            self.settle_block(Next::Punct { ch, joint, role: Role::Binary }, "");
        }
        let role = self.role(ch, joint, level);
        let next = Next::Punct { ch, joint, role };
        self.gap(next);
        self.out.push(ch);
        self.prev = Prev::Punct { ch, joint, role };
        if level.mode == Mode::Block && !joint {
            match ch {
                ';' => {
                    *level = Level { mode: Mode::Block, angle: 0, impl_angle: 0, closure: false, where_clause: false };
                    self.newline();
                    self.prev = Prev::Start;
                }
                ',' if level.angle == 0 && !level.closure && !level.where_clause => {
                    self.newline();
                    self.prev = Prev::Start;
                }
                _ => {}
            }
        }
    }

    /// The role of a punctuation character, from the previous token; updates `level`.
    fn role(&self, ch: char, joint: bool, level: &mut Level) -> Role {
        // The second character of a multi-character operator keeps the first one's role.
        if let Prev::Punct { ch: prev_ch, joint: true, role } = self.prev {
            return match (prev_ch, ch) {
                (':', ':') => Role::Path,
                ('<', '<') if role == Role::GenericOpen => {
                    level.angle += 1;
                    Role::GenericOpen
                }
                ('>', '>') if role == Role::GenericClose && level.angle > 0 => level.close_angle(),
                ('&', '&') if role == Role::Prefix => Role::Prefix,
                ('|', '|') if role == Role::ClosureClose => Role::ClosureClose,
                ('.', '.' | '=') => Role::Prefix,
                _ => Role::Binary,
            };
        }
        let ends = self.prev.ends_expr();
        match ch {
            ':' if joint => Role::Path,
            '.' | '#' | '\'' => Role::Prefix,
            '?' => Role::Question,
            '<' => {
                let generic = match self.prev {
                    Prev::Word(w) => w != Word::Plain,
                    Prev::Literal { .. } | Prev::Close => false,
                    Prev::Punct { role, .. } => role != Role::GenericClose,
                    Prev::Start | Prev::OpenBrace => true,
                };
                if generic {
                    level.angle += 1;
                    if self.prev == Prev::Word(Word::Impl) {
                        level.impl_angle = level.angle;
                    }
                    Role::GenericOpen
                } else {
                    Role::Binary
                }
            }
            '>' if level.angle > 0 => level.close_angle(),
            '!' if !joint && matches!(self.prev, Prev::Word(Word::Plain | Word::Type | Word::ItemName)) => Role::Macro,
            '!' if !joint => Role::Prefix,
            '&' | '*' | '-' if !ends => Role::Prefix,
            '|' if level.closure => {
                level.closure = false;
                Role::ClosureClose
            }
            '|' if !ends => {
                if joint {
                    Role::ClosureClose
                } else {
                    level.closure = true;
                    Role::ClosureOpen
                }
            }
            _ => Role::Binary,
        }
    }

    /// Writes a delimited group (its tokens are `inner` of `t`); `mode` is the enclosing one.
    fn group(&mut self, t: &Tokens, delimiter: Delim, inner: std::ops::Range<usize>, mode: Mode) {
        let next = Next::Open(delimiter);
        if self.after_block {
            self.settle_block(next, "");
        }
        match delimiter {
            Delim::Paren | Delim::Bracket => {
                let (open, close) = if delimiter == Delim::Paren { ('(', ')') } else { ('[', ']') };
                self.gap(next);
                self.out.push(open);
                self.prev = Prev::Start;
                self.stream(t, inner, Mode::Inline);
                self.out.push(close);
                self.prev = Prev::Close;
            }
            Delim::Brace => {
                self.gap(next);
                if inner.is_empty() {
                    self.out.push_str("{}");
                } else if mode == Mode::Inline || small_trees(t, inner.clone(), 0).is_some() {
                    // `use a::{b, c}` has no spaces inside the braces.
                    let tight = matches!(self.prev, Prev::Punct { role: Role::Path, .. });
                    self.out.push('{');
                    self.prev = if tight { Prev::Start } else { Prev::OpenBrace };
                    self.stream(t, inner, Mode::Inline);
                    if !tight || self.line_start {
                        self.gap(Next::Close(Delim::Brace));
                    }
                    self.out.push('}');
                } else {
                    self.out.push('{');
                    self.depth += 1;
                    self.newline();
                    self.prev = Prev::Start;
                    self.stream(t, inner, Mode::Block);
                    self.after_block = false;
                    self.depth -= 1;
                    self.newline();
                    self.gap(Next::Close(Delim::Brace));
                    self.out.push('}');
                }
                self.prev = Prev::Close;
                self.after_block = mode == Mode::Block;
            }
        }
    }

    /// Writes `#[...]` (the `#` already consumed; `inner` of `t` is what the brackets hold):
    /// `///` for a doc string that fits on a line, on a line of its own in block mode.
    fn attribute(&mut self, t: &Tokens, inner: std::ops::Range<usize>, level: &Level) {
        let next = Next::Punct { ch: '#', joint: false, role: Role::Prefix };
        if self.after_block {
            self.settle_block(next, "");
        }
        if level.mode == Mode::Inline {
            self.gap(next);
            self.out.push_str("#[");
            self.prev = Prev::Start;
            self.stream(t, inner, Mode::Inline);
            self.out.push(']');
            self.prev = Prev::Close;
            return;
        }
        self.newline();
        self.gap(next);
        if !doc_comment(t, &t.toks()[inner.clone()], &mut self.out) {
            self.out.push_str("#[");
            self.prev = Prev::Start;
            self.stream(t, inner, Mode::Inline);
            self.out.push(']');
        }
        self.newline();
        self.prev = Prev::Start;
    }
}

/// For a brace group holding `range` of `t`, short enough to stay on one line (at most 8 token
/// trees, none of them a `;`, a `#` or a brace group; an operator counts a tree per character, a
/// lifetime two, a group one): `trees` plus its number of trees; else `None`.
fn small_trees(t: &Tokens, range: std::ops::Range<usize>, mut trees: usize) -> Option<usize> {
    let toks = t.toks();
    let mut i = range.start;
    while i < range.end {
        let tok = toks[i];
        i += 1;
        trees += match tok {
            Tok::Punct(p) => {
                let bytes = p.as_bytes();
                let mut j = 0;
                while j < bytes.len() {
                    if bytes[j] == b';' || bytes[j] == b'#' {
                        return None;
                    }
                    j += 1;
                }
                bytes.len()
            }
            Tok::Lifetime(_) => 2,
            Tok::Open { delim, len } => {
                if delim == Delim::Brace {
                    return None;
                }
                i += len as usize + 1;
                1
            }
            Tok::Sub(s) => {
                let sub = t.sub(s);
                small_trees(sub, 0..sub.toks().len(), trees)? - trees
            }
            _ => 1,
        };
        if trees > 8 {
            return None;
        }
    }
    Some(trees)
}

#[cfg(test)]
mod tests;
