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

use proc_macro2::{Delimiter, Group, Spacing, TokenStream, TokenTree};
use std::fmt::Write;

/// Appends `tokens` laid out as Rust source text to `out` (which the caller pre-sizes).
pub(crate) fn layout(tokens: TokenStream, out: &mut String) {
    let line_begin = out.len();
    let mut p = Printer {
        out: std::mem::take(out),
        depth: 0,
        line_start: true,
        line_begin,
        prev: Prev::Start,
        after_block: false,
        word: String::with_capacity(64),
        literal_at: 0,
    };
    p.stream(&mut tokens.into_iter(), Mode::Block);
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

/// What an identifier means for spacing.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Word {
    /// A name or value that ends an expression (`x`, `self`, `true`), lowercase.
    Plain,
    /// Like `Plain`, but capitalized: `<` after it opens generics (`Vec<u8>`).
    Type,
    /// The name after `fn`/`struct`/`enum`/`trait`/`type`/`union`: `<` after it opens generics.
    ItemName,
    /// `fn`, `struct`, `enum`, `trait`, `type`, `union`, `pub`: no space before `(`.
    Item,
    /// `impl`, `for`: `<` right after opens generics with no space (`impl<T>`).
    Impl,
    /// Any other keyword (`as`, `if`, `match`, `mut`, `where`, ...): space before `(`, `[`, `::`.
    Keyword,
}

impl Word {
    fn of(s: &str, prev: Prev) -> Word {
        let first = s.as_bytes()[0];
        if first.is_ascii_uppercase() {
            return Word::Type;
        }
        // By length first: a build script runs this unoptimized, where each string comparison
        // of a `match` is a call.
        let keyword = first.is_ascii_lowercase()
            && match s.len() {
                2 => matches!(s, "fn" | "as" | "if" | "in"),
                3 => matches!(s, "pub" | "for" | "box" | "dyn" | "let" | "mod" | "mut" | "ref" | "use"),
                4 => matches!(s, "enum" | "type" | "impl" | "else" | "loop" | "move"),
                5 => {
                    matches!(s, "trait" | "union" | "async" | "break" | "const" | "match" | "where" | "while" | "yield")
                }
                6 => matches!(s, "struct" | "extern" | "return" | "static" | "unsafe"),
                8 => s == "continue",
                _ => false,
            };
        if !keyword {
            return if prev == Prev::Word(Word::Item) { Word::ItemName } else { Word::Plain };
        }
        match s {
            "fn" | "struct" | "enum" | "trait" | "type" | "union" | "pub" => Word::Item,
            "impl" | "for" => Word::Impl,
            _ => Word::Keyword,
        }
    }

    fn is_keyword(self) -> bool {
        matches!(self, Word::Item | Word::Impl | Word::Keyword)
    }
}

/// What a punctuation character does, as far as spacing after it is concerned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Role {
    /// A binary operator or separator: space after.
    Binary,
    /// A prefix operator (`&x`, `*x`, `-1`, `!x`), `.`, `#`, `..`: no space after.
    Prefix,
    /// `::`: no space after.
    Path,
    /// `<` opening generics: no space after.
    GenericOpen,
    /// `>` closing generics.
    GenericClose,
    /// `>` closing the generics of `impl<...>` or `for<...>`: space after.
    ImplClose,
    /// The `!` of a macro call: no space before or after.
    Macro,
    /// The `|` opening closure parameters: no space after.
    ClosureOpen,
    /// The `|` (or `||`) closing closure parameters: space after.
    ClosureClose,
    /// `?`: ends an expression.
    Question,
}

/// The previous token, as far as spacing is concerned.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prev {
    /// Line start, or right after `(` / `[`: no space.
    Start,
    /// Right after the `{` of an inline block: a space.
    OpenBrace,
    Word(Word),
    /// A literal; `int` for an unsuffixed decimal integer (`1 .max(2)` needs the space), set only
    /// before a `.`.
    Literal {
        int: bool,
    },
    Punct {
        ch: char,
        joint: bool,
        role: Role,
    },
    /// A closing delimiter.
    Close,
}

impl Prev {
    /// Whether a `&`, `*`, `-`, `|` after this is a binary operator (else a prefix).
    fn ends_expr(self) -> bool {
        match self {
            Prev::Word(w) => !w.is_keyword(),
            Prev::Literal { .. } | Prev::Close => true,
            Prev::Punct { role, .. } => role == Role::Question,
            Prev::Start | Prev::OpenBrace => false,
        }
    }
}

/// The next token, as far as spacing is concerned.
#[derive(Clone, Copy)]
enum Next {
    Word,
    Punct { ch: char, joint: bool, role: Role },
    Open(Delimiter),
    Close(Delimiter),
}

/// Whether `a` directly followed by `b` could lex as one token (`&&`, `::`, `..`, `//`, ...).
fn glues(a: char, b: char) -> bool {
    matches!(
        (a, b),
        (':', ':')
            | ('-', '>' | '=')
            | ('=', '>' | '=')
            | ('!', '=')
            | ('<', '=' | '<' | '-')
            | ('>', '=' | '>')
            | ('&', '&' | '=')
            | ('|', '|' | '=')
            | ('+' | '*' | '%' | '^', '=')
            | ('/', '=' | '/' | '*')
            | ('*', '/')
            | ('.', '.')
    )
}

/// Whether a space goes between `prev` and `next` on one line.
fn space(prev: Prev, next: Next) -> bool {
    let wanted = space_wanted(prev, next);
    match (prev, next) {
        // Never glue into a different token, whatever the rules above want.
        (Prev::Punct { ch: a, joint, role }, Next::Punct { ch: b, role: next_role, .. }) if !wanted => {
            if joint {
                a == '/' && (b == '/' || b == '*')
            } else {
                glues(a, b) && !(role == Role::GenericClose && next_role == Role::GenericClose)
            }
        }
        _ => wanted,
    }
}

fn space_wanted(prev: Prev, next: Next) -> bool {
    match prev {
        Prev::Start => return false,
        _ if matches!(next, Next::Close(Delimiter::Brace)) => return true,
        Prev::Punct { joint: true, .. } => return false,
        Prev::Punct {
            role: Role::Prefix | Role::Path | Role::GenericOpen | Role::Macro | Role::ClosureOpen, ..
        } => {
            return false;
        }
        _ => {}
    }
    match next {
        Next::Close(Delimiter::Brace) => true,
        Next::Close(_) => false,
        _ if prev == Prev::OpenBrace => true,
        Next::Punct { ch: ',' | ';' | '?', .. } => false,
        Next::Punct { ch: '.', joint, .. } => matches!(prev, Prev::Literal { int: true }) && !joint,
        Next::Punct { ch: ':', joint: false, .. } => false,
        Next::Punct { ch: ':', joint: true, .. } => match prev {
            Prev::Word(w) => w.is_keyword(),
            Prev::Punct { role, .. } => role != Role::GenericClose,
            _ => matches!(prev, Prev::Literal { .. }),
        },
        Next::Punct { role: Role::GenericClose | Role::ImplClose | Role::Macro, .. } => false,
        Next::Punct { role: Role::ClosureClose, joint: false, .. } => false,
        Next::Punct { role: Role::GenericOpen, .. } => match prev {
            Prev::Word(w) => w == Word::Keyword,
            Prev::Close => false,
            _ => true,
        },
        Next::Punct { .. } => true,
        Next::Open(Delimiter::Parenthesis | Delimiter::Bracket) => match prev {
            Prev::Word(w) => w == Word::Keyword || w == Word::Impl,
            Prev::Close | Prev::Punct { role: Role::GenericClose, .. } => false,
            _ => true,
        },
        Next::Open(_) | Next::Word => true,
    }
}

/// Lines longer than this (bytes) continue on the next line at the next good place (see
/// `Printer::gap`), so that lines stay short enough to read (and for rustc's diagnostics).
const WIDTH: usize = 100;

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
    /// Scratch for one identifier (or a doc string).
    word: String,
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
                || (len > 2 * WIDTH && (self.prev == Prev::OpenBrace || matches!(next, Next::Close(Delimiter::Brace))));
            if breaks {
                self.newline();
                indent += 1;
            }
        }
        if self.line_start {
            for _ in 0..indent {
                self.out.push_str("    ");
            }
            self.line_start = false;
        } else if space(self.prev, next) {
            self.out.push(' ');
        }
    }

    /// After a block closed: a new line unless `next` continues the expression.
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

    /// Writes a group's trees (or the file's); `mode` is the group's.
    fn stream(&mut self, tokens: &mut dyn Iterator<Item = TokenTree>, mode: Mode) {
        let mut level = Level { mode, angle: 0, impl_angle: 0, closure: false, where_clause: false };
        // A `#` not written yet: with a `[...]` after it, an attribute.
        let mut hash = false;
        for tt in tokens {
            if hash {
                hash = false;
                match tt {
                    TokenTree::Group(g) if g.delimiter() == Delimiter::Bracket => {
                        self.attribute(g, &level);
                        continue;
                    }
                    _ => self.punct('#', false, &mut level),
                }
            }
            match tt {
                TokenTree::Ident(ident) => {
                    self.word.clear();
                    let _ = write!(self.word, "{ident}");
                    let word = std::mem::take(&mut self.word);
                    self.settle_block(Next::Word, &word);
                    self.gap(Next::Word);
                    self.out.push_str(&word);
                    // After `'` it is a lifetime (`'static` is no keyword).
                    let lifetime = matches!(self.prev, Prev::Punct { ch: '\'', .. });
                    let kind = if lifetime { Word::Plain } else { Word::of(&word, self.prev) };
                    if kind == Word::Keyword && word == "where" {
                        level.where_clause = true;
                    }
                    self.word = word;
                    self.prev = Prev::Word(kind);
                }
                TokenTree::Literal(lit) => {
                    self.settle_block(Next::Word, "");
                    self.gap(Next::Word);
                    self.literal_at = self.out.len();
                    let _ = write!(self.out, "{lit}");
                    // Whether it is a decimal integer matters only before a `.` (see `punct`).
                    self.prev = Prev::Literal { int: false };
                }
                TokenTree::Punct(p) => {
                    let (ch, joint) = (p.as_char(), p.spacing() == Spacing::Joint);
                    if ch == '#' && !joint {
                        hash = true;
                    } else {
                        self.punct(ch, joint, &mut level);
                    }
                }
                TokenTree::Group(g) => {
                    if g.delimiter() == Delimiter::Brace {
                        level.angle = 0;
                        level.impl_angle = 0;
                        level.closure = false;
                        level.where_clause = false;
                    }
                    self.group(g, level.mode);
                }
            }
        }
        if hash {
            self.punct('#', false, &mut level);
        }
    }

    /// Writes one punctuation character; in block mode, a `;` or `,` ends the line.
    fn punct(&mut self, ch: char, joint: bool, level: &mut Level) {
        if ch == '.' && !joint && matches!(self.prev, Prev::Literal { .. }) {
            let int = self.out[self.literal_at..].bytes().all(|b| b.is_ascii_digit() || b == b'_');
            self.prev = Prev::Literal { int };
        }
        self.settle_block(Next::Punct { ch, joint, role: Role::Binary }, "");
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

    /// Writes a delimited group; `mode` is the enclosing one.
    fn group(&mut self, g: Group, mode: Mode) {
        let delimiter = g.delimiter();
        let tokens = g.stream();
        // Dropping the group leaves `tokens` the only owner of its trees: iterating it then moves
        // them out instead of cloning them.
        drop(g);
        let mut tokens = tokens.into_iter();
        let next = Next::Open(delimiter);
        self.settle_block(next, "");
        match delimiter {
            Delimiter::Parenthesis | Delimiter::Bracket => {
                let (open, close) = if delimiter == Delimiter::Parenthesis { ('(', ')') } else { ('[', ']') };
                self.gap(next);
                self.out.push(open);
                self.prev = Prev::Start;
                self.stream(&mut tokens, Mode::Inline);
                self.out.push(close);
                self.prev = Prev::Close;
            }
            Delimiter::None => self.stream(&mut tokens, mode),
            Delimiter::Brace => {
                self.gap(next);
                let head: Vec<TokenTree> = tokens.by_ref().take(9).collect();
                if head.is_empty() {
                    self.out.push_str("{}");
                } else if mode == Mode::Inline || is_small(&head) {
                    // `use a::{b, c}` has no spaces inside the braces.
                    let tight = matches!(self.prev, Prev::Punct { role: Role::Path, .. });
                    self.out.push('{');
                    self.prev = if tight { Prev::Start } else { Prev::OpenBrace };
                    self.stream(&mut head.into_iter().chain(tokens), Mode::Inline);
                    if !tight || self.line_start {
                        self.gap(Next::Close(Delimiter::Brace));
                    }
                    self.out.push('}');
                } else {
                    self.out.push('{');
                    self.depth += 1;
                    self.newline();
                    self.prev = Prev::Start;
                    self.stream(&mut head.into_iter().chain(tokens), Mode::Block);
                    self.after_block = false;
                    self.depth -= 1;
                    self.newline();
                    self.gap(Next::Close(Delimiter::Brace));
                    self.out.push('}');
                }
                self.prev = Prev::Close;
                self.after_block = mode == Mode::Block;
            }
        }
    }

    /// Writes `#[...]` (the `#` already consumed): `///` for a doc string that fits on a line,
    /// on a line of its own in block mode.
    fn attribute(&mut self, g: Group, level: &Level) {
        let tokens = g.stream();
        drop(g);
        let next = Next::Punct { ch: '#', joint: false, role: Role::Prefix };
        self.settle_block(next, "");
        if level.mode == Mode::Inline {
            self.gap(next);
            self.out.push_str("#[");
            self.prev = Prev::Start;
            self.stream(&mut tokens.into_iter(), Mode::Inline);
            self.out.push(']');
            self.prev = Prev::Close;
            return;
        }
        self.newline();
        self.gap(next);
        let tokens: Vec<TokenTree> = tokens.into_iter().collect();
        if !doc_comment(&tokens, &mut self.out, &mut self.word) {
            self.out.push_str("#[");
            self.prev = Prev::Start;
            self.stream(&mut tokens.into_iter(), Mode::Inline);
            self.out.push(']');
        }
        self.newline();
        self.prev = Prev::Start;
    }
}

/// Whether a brace group, given its first (up to 9) trees, is short enough to stay on one line:
/// at most 8 trees, none of them a `;`, a `#` or a brace group.
fn is_small(head: &[TokenTree]) -> bool {
    head.len() <= 8
        && head.iter().all(|tt| match tt {
            TokenTree::Punct(p) => !matches!(p.as_char(), ';' | '#'),
            TokenTree::Group(g) => g.delimiter() != Delimiter::Brace,
            _ => true,
        })
}

/// Appends `///` and the text of a `doc = "..."` attribute's string if it is one and it can be a
/// line comment: a single line without control characters or text-direction overrides, and not
/// starting with `/` (`////` is no doc comment). Returns whether it did (else `out` is unchanged).
fn doc_comment(tokens: &[TokenTree], out: &mut String, scratch: &mut String) -> bool {
    let [TokenTree::Ident(doc), TokenTree::Punct(eq), TokenTree::Literal(lit)] = tokens else {
        return false;
    };
    if eq.as_char() != '=' || doc != "doc" {
        return false;
    }
    scratch.clear();
    let _ = write!(scratch, "{lit}");
    let start = out.len();
    out.push_str("///");
    if unescape(scratch, out) && !out[start + 3..].starts_with('/') {
        true
    } else {
        out.truncate(start);
        false
    }
}

/// Appends the value of the string literal `repr` (`"..."` or `r#"..."#`) if it can go in a line
/// comment; returns whether it did (`out` may then hold part of it).
fn unescape(repr: &str, out: &mut String) -> bool {
    let comment_safe = |c: char| {
        c == '\t'
            || !(c.is_control()
                || matches!(c, '\u{200e}' | '\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    };
    if let Some(raw) = repr.strip_prefix('r') {
        let hashes = raw.len() - raw.trim_start_matches('#').len();
        let Some(body) = raw[hashes..].strip_prefix('"').and_then(|b| b.strip_suffix(&raw[..hashes])) else {
            return false;
        };
        let Some(body) = body.strip_suffix('"') else {
            return false;
        };
        if !body.chars().all(comment_safe) {
            return false;
        }
        out.push_str(body);
        return true;
    }
    let Some(body) = repr.strip_prefix('"').and_then(|b| b.strip_suffix('"')) else {
        return false;
    };
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        let c = if c != '\\' {
            c
        } else {
            match chars.next() {
                Some('n') => '\n',
                Some('r') => '\r',
                Some('t') => '\t',
                Some('0') => '\0',
                Some(c @ ('\\' | '"' | '\'')) => c,
                Some('x') => {
                    let hex: String = chars.by_ref().take(2).collect();
                    match u8::from_str_radix(&hex, 16) {
                        Ok(b) if hex.len() == 2 && b < 0x80 => char::from(b),
                        _ => return false,
                    }
                }
                Some('u') => {
                    if chars.next() != Some('{') {
                        return false;
                    }
                    let mut value = 0u32;
                    let mut digits = 0;
                    loop {
                        match chars.next() {
                            Some('}') => break,
                            Some('_') => {}
                            Some(d) => match d.to_digit(16) {
                                Some(d) if digits < 6 => {
                                    value = value * 16 + d;
                                    digits += 1;
                                }
                                _ => return false,
                            },
                            None => return false,
                        }
                    }
                    match char::from_u32(value) {
                        Some(c) if digits > 0 => c,
                        _ => return false,
                    }
                }
                Some('\n') => {
                    // A line continuation: the newline and the whitespace after it are skipped.
                    let rest = chars.as_str().trim_start_matches([' ', '\t', '\n', '\r']);
                    chars = rest.chars();
                    continue;
                }
                _ => return false,
            }
        };
        if !comment_safe(c) {
            return false;
        }
        out.push(c);
    }
    true
}

#[cfg(test)]
mod tests {
    use super::layout;
    use proc_macro2::{Literal, TokenStream, TokenTree};
    use quote::{ToTokens, quote};
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

    /// Lays out `tokens`, checks the text reads back as the same tokens, and returns it.
    fn lay(tokens: TokenStream) -> String {
        let mut text = String::new();
        layout(tokens.clone(), &mut text);
        let reread = TokenStream::from_str(&text).unwrap_or_else(|e| panic!("does not lex: {e}\n{text}"));
        let (mut want, mut got) = (Vec::new(), Vec::new());
        flat(tokens, &mut want);
        flat(reread, &mut got);
        assert_eq!(got, want, "layout changed the tokens:\n{text}");
        text
    }

    fn doc(text: &str) -> TokenStream {
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
        let lit = Literal::from_str("\" caf\\u{e9} \\u{1F600} \\x41\\\"\\\\\\\n    x\"").unwrap();
        layout(quote! { #[doc = #lit] struct A; }, &mut text);
        assert_eq!(text, "/// café 😀 A\"\\x\nstruct A;\n");
        text.clear();
        let raw = Literal::from_str(r##"r#" raw "quoted" \n"#"##).unwrap();
        layout(quote! { #[doc = #raw] struct A; }, &mut text);
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
        let want =
            "fn f<'a, T: ::tlayer::TlRead + 'a>(r: &'a mut ::tlayer::Reader<'_>) -> Vec<Vec<u8>> { g::<T>(r) }\n";
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
        assert_eq!(
            lay(tokens),
            "let a = b & &c;\nlet d = e - -1;\nlet f = g / *h;\nlet i = j < -k;\nlet l = m >> 2;\n"
        );
        let tokens = quote! { x.0 .1; 1 .max(2); for i in 0..=n { v[..i].len(); } if a <= b && c != d || !e {} };
        let text = lay(tokens);
        assert_eq!(text, "x.0 .1;\n1 .max(2);\nfor i in 0..=n {\n    v[..i].len();\n}\nif a <= b && c != d || !e {}\n");
    }

    #[test]
    fn long_lines_continue() {
        let fields: Vec<_> = (0..60u32).map(|i| quote::format_ident!("field_{}", i)).collect();
        let text = lay(quote! { fn f() -> Self { Ok(Self { #(#fields),* }) } });
        assert!(text.lines().all(|l| l.len() <= 120), "{text}");
        assert!(text.lines().count() > 5, "{text}");
    }

    /// `tokens` with raw strings (`r" x"`, as `quote!` writes `/// x`) spelled as plain ones.
    fn unraw(tokens: TokenStream) -> TokenStream {
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
                            let want: syn::File = syn::parse2(unraw(tokens.clone())).unwrap();
                            let mut text = String::new();
                            layout(tokens, &mut text);
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
}
