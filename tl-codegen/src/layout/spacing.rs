//! Spacing between tokens: what a word means for the next token, and where a space is needed
//! (never gluing two tokens that would lex differently) or wanted (as rustfmt writes).

use crate::tokens::Delim;

/// What an identifier means for spacing.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Word {
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
    pub(super) fn of(s: &str, prev: Prev) -> Word {
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

    pub(super) fn is_keyword(self) -> bool {
        matches!(self, Word::Item | Word::Impl | Word::Keyword)
    }
}

/// What a punctuation character does, as far as spacing after it is concerned.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum Role {
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
pub(super) enum Prev {
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
    pub(super) fn ends_expr(self) -> bool {
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
pub(super) enum Next {
    Word,
    Punct { ch: char, joint: bool, role: Role },
    Open(Delim),
    Close(Delim),
}

/// Whether `a` directly followed by `b` could lex as one token (`&&`, `::`, `..`, `//`, ...).
pub(super) fn glues(a: char, b: char) -> bool {
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
pub(super) fn space(prev: Prev, next: Next) -> bool {
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

pub(super) fn space_wanted(prev: Prev, next: Next) -> bool {
    match prev {
        Prev::Start => return false,
        _ if matches!(next, Next::Close(Delim::Brace)) => return true,
        Prev::Punct { joint: true, .. } => return false,
        Prev::Punct {
            role: Role::Prefix | Role::Path | Role::GenericOpen | Role::Macro | Role::ClosureOpen, ..
        } => {
            return false;
        }
        _ => {}
    }
    match next {
        Next::Close(Delim::Brace) => true,
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
        Next::Open(Delim::Paren | Delim::Bracket) => match prev {
            Prev::Word(w) => w == Word::Keyword || w == Word::Impl,
            Prev::Close | Prev::Punct { role: Role::GenericClose, .. } => false,
            _ => true,
        },
        Next::Open(_) | Next::Word => true,
    }
}
