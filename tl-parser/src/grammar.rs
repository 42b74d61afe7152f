//! Recursive descent over the tokens: definitions, parameters, types; docs attached.
//!
//! A syntax error is reported at the offending token, the parser skips to the next `;` and goes on,
//! so one pass reports every error of a file.

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::lexer::{Comment, Kind, LexError, Lexed, Lexer, Token};
use std::borrow::Cow;
use std::sync::Arc;

/// Result types that builtin declarations (`int ? = Int;`, `bytes = Bytes;`) declare.
pub const BUILTIN_TYPES: &[&str] = &[
    "Int",
    "Long",
    "Double",
    "String",
    "Bytes",
    "Int32",
    "Int53",
    "Int64",
    "Int128",
    "Int256",
    "Object",
    "Function",
    "Vector",
    "SecureString",
    "SecureBytes",
];

/// Parses tokens into definitions. `dialect` is only stored; ids are filled in later.
pub fn parse<'a>(src: &'a str, lexed: &Lexed, diags: &mut Vec<Diagnostic>) -> Schema<'a> {
    parse_from(src, Replay { lexed, next: 0 }, diags, |_, _, _, _| {})
}

/// Lexes and parses `src` in one pass, the tokens streamed from the lexer to the parser.
pub fn parse_text<'a>(src: &'a str, diags: &mut Vec<Diagnostic>) -> Schema<'a> {
    parse_from(src, Lexer::new(src), diags, |_, _, _, _| {})
}

/// [`parse_text`], calling `each(index, definition, params, uses_percent)` on every definition kept,
/// right after it is parsed, before it is added to the schema: `params` are its parameters (its
/// `params` field is not usable before the end), `uses_percent` tells that it writes a `%T` type.
pub(crate) fn parse_text_with<'a>(
    src: &'a str,
    diags: &mut Vec<Diagnostic>,
    each: impl FnMut(usize, &mut Definition<'a>, &[Param<'a>], bool),
) -> Schema<'a> {
    parse_from(src, Lexer::new(src), diags, each)
}

/// Where the parser takes its tokens from: the lexer itself, or tokens lexed before.
trait TokenSource {
    /// The next token; `Eof` at the end and after it.
    fn next_token(&mut self) -> Token;
    /// The meaningful comments met so far.
    fn comments(&self) -> &[Comment];
}

impl TokenSource for Lexer<'_> {
    #[inline]
    fn next_token(&mut self) -> Token {
        Lexer::next_token(self)
    }

    fn comments(&self) -> &[Comment] {
        &self.comments
    }
}

/// Tokens lexed before, replayed.
struct Replay<'l> {
    lexed: &'l Lexed,
    next: usize,
}

impl TokenSource for Replay<'_> {
    fn next_token(&mut self) -> Token {
        let toks = &self.lexed.tokens;
        let t = toks.get(self.next).or(toks.last()).copied();
        self.next += 1;
        t.unwrap_or(Token { kind: Kind::Eof, span: Span::default() })
    }

    fn comments(&self) -> &[Comment] {
        &self.lexed.comments
    }
}

fn parse_from<'a, S: TokenSource>(
    src: &'a str,
    source: S,
    diags: &mut Vec<Diagnostic>,
    mut each: impl FnMut(usize, &mut Definition<'a>, &[Param<'a>], bool),
) -> Schema<'a> {
    let mut p = Parser::new(src, source, diags);
    let mut schema = Schema {
        // One definition per `;` (a `;` in a comment only reserves a little more).
        definitions: Vec::with_capacity(count_byte(src.as_bytes(), b';')),
        layer_markers: Vec::new(),
        class_docs: Vec::new(),
        dialect: Dialect::Telegram,
    };
    let mut comments = Comments { next: 0 };
    let mut section = Section::Types;
    loop {
        let tok = p.peek();
        match tok.kind {
            Kind::Eof => break,
            Kind::Section(s) => {
                section = s;
                p.advance();
            }
            _ => {
                let docs = comments.take_before(src, p.source.comments(), tok.span.start, &mut schema);
                let percents = p.percents;
                if let Some(mut def) = p.definition(section) {
                    def.docs = docs;
                    def.layer = schema.layer_markers.last().map(|m| m.layer);
                    let params = &p.all_params[def.params.range()];
                    each(schema.definitions.len(), &mut def, params, p.percents != percents);
                    schema.definitions.push(def);
                }
            }
        }
    }
    comments.take_before(src, p.source.comments(), u32::MAX, &mut schema);
    let mut all = std::mem::take(&mut p.all_params);
    all.shrink_to_fit();
    let all = Arc::new(all);
    for def in &mut schema.definitions {
        def.params.attach(&all);
    }
    schema
}

/// How many times `byte` occurs in `b` (written so that it compiles to vector instructions).
fn count_byte(b: &[u8], byte: u8) -> usize {
    let mut n = 0;
    for chunk in b.chunks(255) {
        // At most 255 matches per chunk: a `u8` sum cannot overflow.
        n += chunk.iter().fold(0u8, |acc, &c| acc + u8::from(c == byte)) as usize;
    }
    n
}

/// How deeply types (`A<B<C>>`, `(a (b c))`) and repetitions (`[ [ t ] ]`) may nest. Real schemas
/// nest 3 levels; the limit keeps hostile input from overflowing the stack.
pub const MAX_NESTING: u32 = 64;

struct Parser<'a, 'd, S> {
    src: &'a str,
    source: S,
    /// The current token (`Eof` at the end).
    cur: Token,
    /// The token after it.
    next: Token,
    /// The index of `cur` among the tokens.
    pos: usize,
    /// Where the token before `cur` ends.
    prev_end: u32,
    /// Current nesting of types and repetitions.
    depth: u32,
    /// The lexer error token last reported, so that recovery does not report it again.
    lex_error_reported: Option<usize>,
    /// The first token of the definition being parsed.
    def_start: usize,
    /// How many `%T` types were parsed.
    percents: u32,
    /// The parameters of every definition so far, in order, then those of the repetition being
    /// parsed, if any (moved out, into a vector of their own, when it is complete).
    all_params: Vec<Param<'a>>,
    diags: &'d mut Vec<Diagnostic>,
}

type Parsed<T> = Result<T, ()>;

impl<'a, 'd, S: TokenSource> Parser<'a, 'd, S> {
    fn new(src: &'a str, mut source: S, diags: &'d mut Vec<Diagnostic>) -> Self {
        let cur = source.next_token();
        let next = source.next_token();
        Parser {
            src,
            source,
            cur,
            next,
            pos: 0,
            prev_end: 0,
            depth: 0,
            lex_error_reported: None,
            def_start: 0,
            percents: 0,
            // Each field and generic has one `:` (a `:` in a comment only reserves a little more).
            all_params: Vec::with_capacity(count_byte(src.as_bytes(), b':') + 8),
            diags,
        }
    }

    #[inline]
    fn peek(&self) -> Token {
        self.cur
    }

    /// The token after the current one.
    #[inline]
    fn peek2(&self) -> Token {
        self.next
    }

    /// Moves to the next token (never called at `Eof`).
    #[inline]
    fn advance(&mut self) {
        self.prev_end = self.cur.span.end;
        self.cur = self.next;
        self.next = self.source.next_token();
        self.pos += 1;
    }

    fn bump(&mut self) -> Token {
        let t = self.cur;
        if t.kind != Kind::Eof {
            self.advance();
        }
        t
    }

    fn text(&self, t: Token) -> &'a str {
        &self.src[t.span.start as usize..t.span.end as usize]
    }

    #[inline]
    fn eat(&mut self, kind: Kind) -> bool {
        if self.cur.kind == kind {
            self.advance();
            true
        } else {
            false
        }
    }

    /// Reports "expected WHAT, found TOKEN" at the current token, or, when that token is on a later
    /// line (a missing `;` or `=`), right after the previous token, where the text is missing.
    fn expected<T>(&mut self, what: &str) -> Parsed<T> {
        let t = self.peek();
        let message = match t.kind {
            Kind::Error(e) => {
                self.lex_error_reported = Some(self.pos);
                self.diags.push(Diagnostic::error(t.span, lex_error_message(e, self.text(t))));
                return Err(());
            }
            Kind::Eof => format!("expected {what}, found end of file"),
            _ => format!("expected {what}, found `{}`", self.text(t)),
        };
        // Only inside a definition: a bad first token is reported where it is.
        let span = if self.pos > self.def_start && self.starts_line() {
            let end = self.prev_end;
            Span { start: end, end }
        } else {
            t.span
        };
        self.diags.push(Diagnostic::error(span, message));
        Err(())
    }

    fn expect(&mut self, kind: Kind, what: &str) -> Parsed<Token> {
        if self.peek().kind == kind { Ok(self.bump()) } else { self.expected(what) }
    }

    /// Whether the current token is the first on its line.
    fn starts_line(&self) -> bool {
        if self.pos == 0 {
            return true;
        }
        let gap = &self.src.as_bytes()[self.prev_end as usize..self.cur.span.start as usize];
        match gap {
            // Usually one space or none: spare a call to `memchr`.
            [] => false,
            [c] => *c == b'\n',
            _ => gap.contains(&b'\n'),
        }
    }

    /// Whether the current token starts a line with a name that is not a field (`x:T` continues a
    /// definition over several lines, as TON writes them): the start of the next definition.
    fn starts_definition(&self) -> bool {
        self.cur.kind == Kind::Ident && self.next.kind != Kind::Colon && self.starts_line()
    }

    /// Skips the rest of a bad definition that started at token `start`: past the next `;`, or up to
    /// a section marker, the end, or a line that starts another definition (so a missing `;` costs
    /// one definition, not two). Lexer errors skipped on the way are reported too.
    fn recover(&mut self, start: usize) {
        loop {
            let t = self.peek();
            match t.kind {
                Kind::Eof | Kind::Section(_) => return,
                Kind::Semi => {
                    self.advance();
                    return;
                }
                _ if self.pos > start && self.starts_definition() => return,
                Kind::Error(e) => {
                    if self.lex_error_reported != Some(self.pos) {
                        self.diags.push(Diagnostic::error(t.span, lex_error_message(e, self.text(t))));
                    }
                    self.advance();
                }
                _ => self.advance(),
            }
        }
    }

    fn definition(&mut self, section: Section) -> Option<Definition<'a>> {
        let start = self.pos;
        self.def_start = start;
        let params_before = self.all_params.len();
        match self.try_definition(section) {
            Ok(d) => Some(d),
            Err(()) => {
                self.all_params.truncate(params_before);
                self.recover(start);
                None
            }
        }
    }

    fn try_definition(&mut self, section: Section) -> Parsed<Definition<'a>> {
        let first = self.peek();
        let next = self.peek2();
        if first.kind == Kind::Number && next.kind == Kind::Ident && next.span.start == first.span.end {
            // `1foo`: the lexer splits it into a number and a name.
            let span = first.span.to(next.span);
            let message = format!("a name cannot start with a digit: `{}`", self.slice(span));
            self.diags.push(Diagnostic::error(span, message));
            return Err(());
        }
        let name_tok = self.expect(Kind::Ident, "a definition name")?;
        let name = Ident { text: self.text(name_tok), span: name_tok.span };
        if let Some(seg) = digit_segment(name.text) {
            self.diags.push(Diagnostic::error(name.span, format!("a name part cannot start with a digit: `{seg}`")));
            return Err(());
        }
        let mut written_id = None;
        if self.peek().kind == Kind::HexId {
            let t = self.bump();
            // The lexer guarantees 1..=8 hex digits.
            written_id = u32::from_str_radix(&self.text(t)[1..], 16).ok();
        } else if let Kind::Error(LexError::BadHexId) = self.peek().kind {
            return self.expected("");
        }
        let first_param = self.all_params.len();
        self.params_into(None)?;
        let params = Params::pending(first_param, self.all_params.len());
        self.expect(Kind::Eq, "a parameter or `=`")?;
        // Builtins write bare types (`int128 long long`), definitions write `name:type`; both in
        // one definition is a field that lost its name or its type (`z` for `z:int`).
        let written = &self.all_params[params.range()];
        if written.iter().any(|p| matches!(p.kind, ParamKind::Field { .. }))
            && let Some(p) = written.iter().find(|p| matches!(p.kind, ParamKind::Anonymous(_)))
        {
            let message = format!("expected a parameter `name:type`, found `{}`", self.slice(p.span));
            self.diags.push(Diagnostic::error(p.span, message));
            return Err(());
        }
        let result = self.result_type()?;
        let semi = self.expect(Kind::Semi, "`;`")?;
        let builtin = section == Section::Types && is_builtin(&self.all_params[params.range()], &result);
        Ok(Definition {
            span: name.span.to(semi.span),
            section,
            name,
            written_id,
            id: 0,
            params,
            result,
            docs: Docs::default(),
            builtin,
            layer: None,
        })
    }

    /// The parameters of a repetition, up to `]`, in a vector of their own.
    fn repeated_params(&mut self) -> Parsed<Vec<Param<'a>>> {
        let base = self.all_params.len();
        match self.params_into(Some(Kind::RBracket)) {
            Ok(()) => Ok(self.all_params.split_off(base)),
            Err(()) => {
                self.all_params.truncate(base);
                Err(())
            }
        }
    }

    /// Parameters up to `=` (or up to `]` inside a repetition), added to `all_params`.
    fn params_into(&mut self, close: Option<Kind>) -> Parsed<()> {
        loop {
            let t = self.peek();
            let kind = match t.kind {
                Kind::Eq if close.is_none() => return Ok(()),
                k if Some(k) == close => return Ok(()),
                Kind::LBrace => {
                    self.advance();
                    let name = self.expect(Kind::Ident, "a type parameter name")?;
                    self.expect(Kind::Colon, "`:`")?;
                    let ty = self.ty()?;
                    self.expect(Kind::RBrace, "`}`")?;
                    ParamKind::Generic { name: Ident { text: self.text(name), span: name.span }, ty }
                }
                Kind::Ident if self.peek2().kind == Kind::Colon => {
                    self.advance();
                    self.advance();
                    let name = Ident { text: self.text(t), span: t.span };
                    let cond = self.flag_condition()?;
                    let ty = self.ty()?;
                    ParamKind::Field { name, cond, ty }
                }
                Kind::Question => {
                    self.advance();
                    ParamKind::Opaque
                }
                Kind::Number if self.peek2().kind == Kind::Star => {
                    let count = self.text(t).parse().ok();
                    self.advance();
                    self.advance();
                    self.repeat(count)?
                }
                Kind::LBracket => self.repeat(None)?,
                // A name starting a line is the next definition: this one lacks its `=`.
                Kind::Ident if self.starts_definition() => {
                    return self.expected(if close.is_some() { "a parameter or `]`" } else { "a parameter or `=`" });
                }
                Kind::Ident | Kind::Hash | Kind::Percent | Kind::Bang | Kind::LParen => {
                    ParamKind::Anonymous(self.ty()?)
                }
                _ => {
                    let what = if close.is_some() { "a parameter or `]`" } else { "a parameter or `=`" };
                    return self.expected(what);
                }
            };
            let span = Span { start: t.span.start, end: self.prev_end };
            self.all_params.push(Param { span, kind });
        }
    }

    fn repeat(&mut self, count: Option<u32>) -> Parsed<ParamKind<'a>> {
        self.nested(|p| {
            p.expect(Kind::LBracket, "`[`")?;
            let items = p.repeated_params()?;
            p.expect(Kind::RBracket, "`]`")?;
            Ok(ParamKind::Repeat { count, items })
        })
    }

    /// Runs `f` one nesting level deeper, or reports that the input nests too deeply.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> Parsed<T>) -> Parsed<T> {
        if self.depth >= MAX_NESTING {
            let t = self.peek();
            self.diags.push(Diagnostic::error(t.span, format!("nested more than {MAX_NESTING} levels deep")));
            return Err(());
        }
        self.depth += 1;
        let result = f(self);
        self.depth -= 1;
        result
    }

    /// `flags.N?` before a field's type, if present.
    fn flag_condition(&mut self) -> Parsed<Option<Flag<'a>>> {
        let t = self.peek();
        let q = self.peek2();
        // `flags.0?` is one unit: in `x:(T) ?` the `?` is a parameter of its own.
        if t.kind != Kind::Ident || q.kind != Kind::Question || q.span.start != t.span.end {
            return Ok(None);
        }
        let text = self.text(t);
        let Some((field, bit)) = text.rsplit_once('.').filter(|(_, b)| b.bytes().all(|c| c.is_ascii_digit())) else {
            self.diags
                .push(Diagnostic::error(t.span, format!("expected a flag condition `field.N?`, found `{text}?`")));
            return Err(());
        };
        self.advance();
        self.advance();
        let bit = bit.parse::<u64>().map_or(u32::MAX, |b| b.min(u32::MAX as u64) as u32);
        let field_span = Span::new(t.span.start as usize, t.span.start as usize + field.len());
        Ok(Some(Flag { field: Ident { text: field, span: field_span }, bit, span: t.span }))
    }

    /// A type: `int`, `%T`, `!X`, `#`, `Vector<T>`, `A<B,C>`, `(vector T)`.
    fn ty(&mut self) -> Parsed<Type<'a>> {
        self.nested(Self::ty_inner)
    }

    fn ty_inner(&mut self) -> Parsed<Type<'a>> {
        let start = self.peek().span;
        let bang = self.eat(Kind::Bang);
        let percent = self.eat(Kind::Percent);
        self.percents += u32::from(percent);
        let t = self.peek();
        let mut ty = match t.kind {
            Kind::Hash => {
                self.advance();
                Type { span: t.span, name: "#", percent, bang, args: Vec::new() }
            }
            Kind::Ident => {
                self.advance();
                let mut args = Vec::new();
                if self.eat(Kind::Lt) {
                    // Nearly always one argument (`Vector<T>`): no room for four.
                    args.reserve_exact(1);
                    loop {
                        args.push(self.ty()?);
                        if !self.eat(Kind::Comma) {
                            break;
                        }
                    }
                    self.expect(Kind::Gt, "`>` or `,`")?;
                }
                Type { span: t.span, name: self.text(t), percent, bang, args }
            }
            Kind::LParen => {
                self.advance();
                let head = self.expect(Kind::Ident, "a type name")?;
                let mut args = Vec::new();
                while self.peek().kind != Kind::RParen {
                    args.push(self.ty()?);
                }
                self.advance();
                Type { span: head.span, name: self.text(head), percent, bang, args }
            }
            _ => return self.expected("a type"),
        };
        ty.span = Span { start: start.start, end: self.prev_end };
        Ok(ty)
    }

    /// The result after `=`: `Type`, `Vector t`, `Vector<t>`.
    fn result_type(&mut self) -> Parsed<Type<'a>> {
        let mut ty = self.ty()?;
        if ty.bang || ty.name == "#" {
            self.diags.push(Diagnostic::error(ty.span, format!("`{}` cannot be a result type", self.slice(ty.span))));
            return Err(());
        }
        // `Vector t`: arguments follow on the same line (a name starting a line is the next
        // definition, after a missing `;`).
        let is_arg = |p: &Self| {
            matches!(p.peek().kind, Kind::Ident | Kind::LParen | Kind::Percent | Kind::Hash) && !p.starts_definition()
        };
        if ty.args.is_empty() && is_arg(self) {
            let mut args = Vec::with_capacity(1);
            while is_arg(self) {
                args.push(self.ty()?);
            }
            ty.span = Span { start: ty.span.start, end: self.prev_end };
            ty.args = args;
        }
        Ok(ty)
    }

    fn slice(&self, span: Span) -> &'a str {
        &self.src[span.start as usize..span.end as usize]
    }
}

/// The first part of a dotted name that starts with a digit (`1a` of `x.1a`), if any. The lexer
/// starts a name with a letter or `_`, so only parts after a dot are checked.
fn digit_segment(name: &str) -> Option<&str> {
    let b = name.as_bytes();
    let dot = b.windows(2).position(|w| w[0] == b'.' && w[1].is_ascii_digit())?;
    let rest = &name[dot + 1..];
    rest.split('.').next()
}

/// A builtin declaration: a layout the language cannot write (`int ? = Int;`, `int128 4*[ int ] =
/// Int128;`, `vector {t:Type} # [ t ] = Vector t;`, `bytes string = Bytes;`), or a declaration of a
/// primitive type (`bytes = Bytes;`, `bytes data:string = Bytes;`). A constructor of `Object`
/// (`gzip_packed ... = Object;`) or a function returning `Vector t` is an ordinary definition.
fn is_builtin(params: &[Param<'_>], result: &Type<'_>) -> bool {
    params.iter().any(|p| matches!(p.kind, ParamKind::Anonymous(_) | ParamKind::Repeat { .. } | ParamKind::Opaque))
        || (BUILTIN_TYPES.contains(&result.name) && !matches!(result.name, "Object" | "Function" | "Vector"))
}

fn lex_error_message(e: LexError, text: &str) -> String {
    match e {
        LexError::UnexpectedChar => format!("unexpected character `{text}`"),
        LexError::UnterminatedComment => "unterminated block comment".into(),
        LexError::UnknownSection => {
            format!("unknown section marker `{text}`: expected `---types---` or `---functions---`")
        }
        LexError::UnterminatedSection => "unterminated section marker: expected `---` on the same line".into(),
        LexError::BadHexId => format!("invalid constructor id `{text}`: expected 1 to 8 hex digits"),
    }
}

/// Walks the side list of comments, turning docs into `Docs` and layer markers into the schema.
struct Comments {
    /// The first comment not taken yet.
    next: usize,
}

impl Comments {
    /// Consumes comments of `list` before byte `offset`; returns the docs of the last doc block.
    fn take_before<'a>(&mut self, src: &'a str, list: &[Comment], offset: u32, schema: &mut Schema<'a>) -> Docs<'a> {
        let mut docs = Docs::default();
        // The tag that a `//-` line continues: None, the description, or a param index.
        let mut last: Option<Option<usize>> = None;
        while let Some(c) = list.get(self.next) {
            let span = match *c {
                Comment::Doc(s) | Comment::DocContinued(s) => s,
                Comment::Layer(_, s) => s,
            };
            if span.start >= offset {
                break;
            }
            self.next += 1;
            let text = &src[span.start as usize..span.end as usize];
            match *c {
                Comment::Layer(layer, span) => schema.layer_markers.push(LayerMarker { layer, span }),
                Comment::DocContinued(_) => {
                    let slot = match last {
                        Some(None) => docs.description.as_mut(),
                        Some(Some(i)) => docs.params.get_mut(i).map(|(_, t)| t),
                        None => None,
                    };
                    if let Some(t) = slot {
                        let more = text.trim();
                        if !more.is_empty() {
                            let joined = t.to_mut();
                            if !joined.is_empty() {
                                joined.push(' ');
                            }
                            joined.push_str(more);
                        }
                    }
                }
                Comment::Doc(_) => {
                    let mut tags = doc_tags(text);
                    if let Some(("class", name)) = tags.first().map(|(t, v)| (*t, *v)) {
                        let description = tags.iter().find(|(t, _)| *t == "description").map_or("", |(_, v)| v);
                        schema.class_docs.push(ClassDoc { name, description: Cow::Borrowed(description), span });
                        last = None;
                        docs = Docs::default();
                        continue;
                    }
                    for (tag, value) in tags.drain(..) {
                        if tag == "description" {
                            docs.description = Some(Cow::Borrowed(value));
                            last = Some(None);
                        } else {
                            docs.params.push((tag, Cow::Borrowed(value)));
                            last = Some(Some(docs.params.len() - 1));
                        }
                    }
                }
            }
        }
        docs
    }
}

/// Splits `@a text @b more` into tags. A tag is `@` at the start or after a space, then a name.
fn doc_tags(text: &str) -> Vec<(&str, &str)> {
    let b = text.as_bytes();
    let mut starts = Vec::new();
    for i in 0..b.len() {
        let at_tag = b[i] == b'@'
            && (i == 0 || b[i - 1] == b' ' || b[i - 1] == b'\t')
            && b.get(i + 1).is_some_and(|c| c.is_ascii_alphabetic() || *c == b'_');
        if at_tag {
            starts.push(i);
        }
    }
    let mut tags = Vec::with_capacity(starts.len());
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(b.len());
        let body = &text[s + 1..end];
        let name_len = body.bytes().take_while(|c| c.is_ascii_alphanumeric() || *c == b'_').count();
        tags.push((&body[..name_len], body[name_len..].trim()));
    }
    tags
}

#[cfg(test)]
mod tests {
    use super::doc_tags;

    #[test]
    fn tags_split_only_at_word_start() {
        assert_eq!(
            doc_tags("@description Mail a@b.c @x_y 67% done @z"),
            [("description", "Mail a@b.c"), ("x_y", "67% done"), ("z", "")]
        );
    }
}
