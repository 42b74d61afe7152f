//! The TL grammar, written with nom's combinators over the lexer's tokens:
//!
//! ```text
//! schema     = (section | definition)*
//! definition = name [hex_id] param* "=" result ";"
//! param      = "{" name ":" type "}"                       generic
//!            | name ":" [name "." N "?"] type              field, maybe behind a flag bit
//!            | "?"                                         opaque builtin layout
//!            | [N "*"] "[" param* "]"                      repetition
//!            | type                                        anonymous (builtins)
//! type       = ["!"] ["%"] (name ["<" type ("," type)* ">"] | "#" | "(" name type* ")")
//! result     = type type*                                  `Vector t` as well as `Vector<t>`
//! ```
//!
//! Each production is one function below. The lexer fills a reused buffer with 512 tokens or so
//! (up to a `;`), and each definition is parsed from it; the input (`Tokens`) carries its current
//! token, as the parser looks at it far more often than it moves on. Choices are made on the first
//! token or two, as in the hand parser this replaced: a branch that does not apply backtracks
//! (`nom::Err::Error`), and once a branch has seen its first tokens every later error is final
//! (`nom::Err::Failure`). A final error becomes one diagnostic, and the parser skips to the next
//! `;` (or a line that starts another definition) and goes on, so one pass reports every error of
//! a file, with the messages and positions of the hand parser.
//!
//! Speed (BENCHMARKS.md, "Parser: nom", callgrind on layer 230): this grammar runs no more
//! instructions than the hand-written one did (64 M against about 68 M for 11 parses), but handing
//! tokens through the buffer costs more than handing them one by one, and a whole parse runs 17.91 M
//! instructions against 17.60 M (about 5% more CPU time). It runs over tokens, not characters: a
//! lexer written with nom_locate spans runs 5.4 times the instructions of the hand lexer, more than
//! a whole parse, because each step of a span counts the newlines it passes.

mod docs;
mod recovery;
mod tokens;

use crate::ast::*;
use crate::diagnostic::Diagnostic;
use crate::lexer::{Comment, Kind, LexError, Lexed, Lexer, Token};
use docs::Comments;
use nom::branch::alt;
use nom::combinator::{cut, map, opt};
use nom::multi::{many_till, many0, separated_list1};
use nom::sequence::{delimited, preceded, terminated};
use nom::{IResult, Parser};
use recovery::{Error, recover, report};
use std::sync::Arc;
use tokens::{Source, Tokens};

/// How deeply types (`A<B<C>>`, `(a (b c))`) and repetitions (`[ [ t ] ]`) may nest. Real schemas
/// nest 3 levels; the limit keeps hostile input from overflowing the stack.
pub const MAX_NESTING: u32 = 64;

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
    /// Appends tokens to `buf` until it holds at least `min` and ends with a `;` or a section
    /// marker, or up to `Eof` (included). Returns whether a `%` was among them.
    fn fill(&mut self, buf: &mut Vec<Token>, min: usize) -> bool;
    /// The comments met so far.
    fn comments(&self) -> &[Comment];
}

impl TokenSource for Lexer<'_> {
    #[inline]
    fn fill(&mut self, buf: &mut Vec<Token>, min: usize) -> bool {
        Lexer::fill(self, buf, min)
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
    fn fill(&mut self, buf: &mut Vec<Token>, min: usize) -> bool {
        let mut percent = false;
        loop {
            let toks = &self.lexed.tokens;
            let t = toks.get(self.next).or(toks.last()).copied();
            self.next += 1;
            let t = t.unwrap_or(Token { kind: Kind::Eof, span: Span::default() });
            buf.push(t);
            match t.kind {
                Kind::Eof => return percent,
                Kind::Semi | Kind::Section(_) if buf.len() >= min => return percent,
                Kind::Percent => percent = true,
                _ => {}
            }
        }
    }

    fn comments(&self) -> &[Comment] {
        &self.lexed.comments
    }
}

/// How many tokens the parser asks the lexer for at a time (at least; then up to a `;`): a buffer
/// that stays in the L1 cache, reused, instead of one vector for all the tokens of a file.
const CHUNK: usize = 512;

/// The driver: fills the token buffer a chunk at a time, runs [`definition`] on it for each
/// definition, and turns an error into a diagnostic before skipping the rest of the definition.
/// A chunk ends with a `;` (or a section marker, or the end), so every definition that starts in
/// it ends in it.
fn parse_from<'a, S: TokenSource>(
    src: &'a str,
    mut source: S,
    diags: &mut Vec<Diagnostic>,
    mut each: impl FnMut(usize, &mut Definition<'a>, &[Param<'a>], bool),
) -> Schema<'a> {
    let mut schema = Schema {
        // One definition per `;` (a `;` in a comment only reserves a little more).
        definitions: Vec::with_capacity(count_byte(src.as_bytes(), b';')),
        layer_markers: Vec::new(),
        class_docs: Vec::new(),
        dialect: Dialect::Telegram,
        comments: Vec::new(),
    };
    // Each field and generic has one `:` (a `:` in a comment only reserves a little more).
    let mut all_params = Vec::with_capacity(count_byte(src.as_bytes(), b':') + 8);
    let mut comments = Comments { next: 0 };
    let mut section = Section::Types;
    // The tokens of the definitions being parsed, up to and with a `;`, section marker or end.
    let mut buf: Vec<Token> = Vec::with_capacity(CHUNK + 64);
    let mut head = 0;
    let mut buf_has_percent = false;
    loop {
        if head == buf.len() {
            buf.clear();
            head = 0;
            buf_has_percent = source.fill(&mut buf, CHUNK);
        }
        let tok = buf[head];
        match tok.kind {
            Kind::Eof => break,
            Kind::Section(s) => {
                section = s;
                head += 1;
            }
            _ => {
                let docs = comments.take_before(src, source.comments(), tok.span.start, &mut schema);
                let source = Source::new(&buf[head..], src);
                let input = Tokens::new(&source);
                let first_param = all_params.len();
                match definition(input, section, &mut all_params) {
                    Ok((rest, mut def)) => {
                        let used = &buf[head..head + rest.at()];
                        head += rest.at();
                        def.docs = docs;
                        def.layer = schema.layer_markers.last().map(|m| m.layer);
                        let percent = buf_has_percent && used.iter().any(|t| t.kind == Kind::Percent);
                        let params = def.params.range();
                        each(schema.definitions.len(), &mut def, &all_params[params], percent);
                        schema.definitions.push(def);
                    }
                    Err(e) => {
                        all_params.truncate(first_param);
                        let (stopped, lex_error_reported) = report(input, e, diags);
                        head += recover(input.from(stopped), lex_error_reported, diags);
                    }
                }
            }
        }
    }
    comments.take_before(src, source.comments(), u32::MAX, &mut schema);
    all_params.shrink_to_fit();
    let all = Arc::new(all_params);
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

type PResult<'t, 'a, O> = IResult<Tokens<'t, 'a>, O, Error>;

/// A final error "expected WHAT" at the current token.
fn fail<'t, 'a: 't, O>(i: Tokens<'t, 'a>, what: &'static str) -> PResult<'t, 'a, O> {
    Err(nom::Err::Failure(Error::Expected { at: i.at(), what }))
}

/// A final error with its own message, at `span`; the parser stopped at the current token.
fn fail_with<'t, 'a: 't, O>(i: Tokens<'t, 'a>, span: Span, message: String) -> PResult<'t, 'a, O> {
    Err(nom::Err::Failure(Error::Other { at: i.at(), diagnostic: Box::new(Diagnostic::error(span, message)) }))
}

/// Turns "none of the branches applies" into the final error "expected WHAT" at `i`.
fn or_expected<'t, 'a: 't>(i: Tokens<'t, 'a>, what: &'static str) -> impl Fn(nom::Err<Error>) -> nom::Err<Error> {
    move |e| match e {
        nom::Err::Error(_) => nom::Err::Failure(Error::Expected { at: i.at(), what }),
        e => e,
    }
}

/// Whether a token of kind `a` is of kind `b`, which has no payload (the parsers never ask for a
/// section marker or a lexer error): the variants compared, not the payloads (`==` on `Kind`
/// costs measurably more).
#[inline]
fn is(a: Kind, b: Kind) -> bool {
    std::mem::discriminant(&a) == std::mem::discriminant(&b)
}

/// One token of `kind`; backtracks on any other.
fn token<'t, 'a: 't>(kind: Kind) -> impl Fn(Tokens<'t, 'a>) -> PResult<'t, 'a, Token> + Copy {
    move |i: Tokens<'t, 'a>| {
        let t = i.peek();
        if is(t.kind, kind) {
            Ok((i.next(), t))
        } else {
            Err(nom::Err::Error(Error::Expected { at: i.at(), what: "" }))
        }
    }
}

/// One token of `kind`, or the final error "expected WHAT".
fn expect<'t, 'a: 't>(kind: Kind, what: &'static str) -> impl Fn(Tokens<'t, 'a>) -> PResult<'t, 'a, Token> + Copy {
    move |i: Tokens<'t, 'a>| if is(i.peek().kind, kind) { Ok((i.next(), i.peek())) } else { fail(i, what) }
}

/// Succeeds, consuming nothing, when `test` holds for the input; backtracks otherwise.
fn guard<'t, 'a: 't>(test: impl Fn(&Tokens<'t, 'a>) -> bool) -> impl Fn(Tokens<'t, 'a>) -> PResult<'t, 'a, ()> {
    move |i: Tokens<'t, 'a>| {
        if test(&i) { Ok((i, ())) } else { Err(nom::Err::Error(Error::Expected { at: i.at(), what: "" })) }
    }
}

/// `definition = name [hex_id] param* "=" result ";"`; its parameters are added to `all`.
fn definition<'t, 'a: 't>(
    i: Tokens<'t, 'a>,
    section: Section,
    all: &mut Vec<Param<'a>>,
) -> PResult<'t, 'a, Definition<'a>> {
    let (i, name) = definition_name(i)?;
    let (i, written_id) = written_id(i)?;
    let first_param = all.len();
    let i = params_into(i, Close::Equals, 0, all)?;
    let (i, _) = expect(Kind::Eq, "a parameter or `=`")(i)?;
    let params = Params::pending(first_param, all.len());
    // Builtins write bare types (`int128 long long`), definitions write `name:type`; both in one
    // definition is a field that lost its name or its type (`z` for `z:int`).
    let written = &all[params.range()];
    if written.iter().any(|p| matches!(p.kind, ParamKind::Field { .. }))
        && let Some(p) = written.iter().find(|p| matches!(p.kind, ParamKind::Anonymous(_)))
    {
        return fail_with(i, p.span, format!("expected a parameter `name:type`, found `{}`", i.slice(p.span)));
    }
    let (i, result) = result_type(i)?;
    let (i, semi) = expect(Kind::Semi, "`;`")(i)?;
    let builtin = section == Section::Types && is_builtin(&all[params.range()], &result);
    let definition = Definition {
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
    };
    Ok((i, definition))
}

/// A definition's name: a name whose parts do not start with digits.
fn definition_name<'t, 'a: 't>(i: Tokens<'t, 'a>) -> PResult<'t, 'a, Ident<'a>> {
    let (first, next) = (i.peek(), i.peek2());
    if first.kind == Kind::Number && next.kind == Kind::Ident && next.span.start == first.span.end {
        // `1foo`: the lexer splits it into a number and a name.
        let span = first.span.to(next.span);
        return fail_with(i, span, format!("a name cannot start with a digit: `{}`", i.slice(span)));
    }
    let (i, t) = expect(Kind::Ident, "a definition name")(i)?;
    let name = Ident { text: i.text(t), span: t.span };
    match digit_segment(name.text) {
        Some(seg) => fail_with(i, name.span, format!("a name part cannot start with a digit: `{seg}`")),
        None => Ok((i, name)),
    }
}

/// `hex_id = "#" hex{1,8}`, if written (a `#` id the lexer rejected is an error here).
fn written_id<'t, 'a: 't>(i: Tokens<'t, 'a>) -> PResult<'t, 'a, Option<u32>> {
    let bad = |i: Tokens<'t, 'a>| match i.peek().kind {
        Kind::Error(LexError::BadHexId) => fail(i, ""),
        _ => Err(nom::Err::Error(Error::Expected { at: i.at(), what: "" })),
    };
    // The lexer guarantees 1..=8 hex digits.
    let id = map(token(Kind::HexId), |t| u32::from_str_radix(&i.text(t)[1..], 16).ok());
    opt(alt((id, bad))).map(Option::flatten).parse(i)
}

/// Where a list of parameters ends.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Close {
    /// At the `=` of a definition.
    Equals,
    /// At the `]` of a repetition.
    Bracket,
}

impl Close {
    fn kind(self) -> Kind {
        match self {
            Close::Equals => Kind::Eq,
            Close::Bracket => Kind::RBracket,
        }
    }

    /// What the error says is missing where no parameter starts.
    fn expected(self) -> &'static str {
        match self {
            Close::Equals => "a parameter or `=`",
            Close::Bracket => "a parameter or `]`",
        }
    }
}

/// `param*` up to `close` (not consumed), added to `out`.
fn params_into<'t, 'a: 't>(
    mut i: Tokens<'t, 'a>,
    close: Close,
    depth: u32,
    out: &mut Vec<Param<'a>>,
) -> Result<Tokens<'t, 'a>, nom::Err<Error>> {
    while !is(i.peek().kind, close.kind()) {
        let start = i.peek().span.start;
        let (rest, kind) = param(i, depth).map_err(or_expected(i, close.expected()))?;
        out.push(Param { span: Span { start, end: rest.prev_end() }, kind });
        i = rest;
    }
    Ok(i)
}

/// `param = generic | field | "?" | repetition | type`, chosen by the first tokens; backtracks
/// when no parameter starts here.
fn param<'t, 'a: 't>(i: Tokens<'t, 'a>, depth: u32) -> PResult<'t, 'a, ParamKind<'a>> {
    match (i.peek().kind, i.peek2().kind) {
        (Kind::Ident, Kind::Colon) => field(i, depth),
        (Kind::LBrace, _) => generic(i, depth),
        (Kind::Question, _) => map(token(Kind::Question), |_| ParamKind::Opaque).parse(i),
        (Kind::Number, Kind::Star) | (Kind::LBracket, _) => repetition(i, depth),
        _ => anonymous(i, depth),
    }
}

/// `generic = "{" name ":" type "}"`.
fn generic<'t, 'a: 't>(i: Tokens<'t, 'a>, depth: u32) -> PResult<'t, 'a, ParamKind<'a>> {
    let (i, _) = token(Kind::LBrace)(i)?;
    let (i, name) = expect(Kind::Ident, "a type parameter name")(i)?;
    let (i, _) = expect(Kind::Colon, "`:`")(i)?;
    let (i, ty) = ty(i, depth)?;
    let (i, _) = expect(Kind::RBrace, "`}`")(i)?;
    Ok((i, ParamKind::Generic { name: Ident { text: i.text(name), span: name.span }, ty }))
}

/// `field = name ":" [flag "?"] type`.
fn field<'t, 'a: 't>(i: Tokens<'t, 'a>, depth: u32) -> PResult<'t, 'a, ParamKind<'a>> {
    let (i, name) = terminated(token(Kind::Ident), token(Kind::Colon)).parse(i)?;
    let (i, cond) = flag_condition(i)?;
    let (i, ty) = ty(i, depth)?;
    Ok((i, ParamKind::Field { name: Ident { text: i.text(name), span: name.span }, cond, ty }))
}

/// `flag = name "." N`, directly followed by `?`, before a field's type, if present.
fn flag_condition<'t, 'a: 't>(i: Tokens<'t, 'a>) -> PResult<'t, 'a, Option<Flag<'a>>> {
    let (t, q) = (i.peek(), i.peek2());
    // `flags.0?` is one unit: in `x:(T) ?` the `?` is a parameter of its own.
    if t.kind != Kind::Ident || q.kind != Kind::Question || q.span.start != t.span.end {
        return Ok((i, None));
    }
    let text = i.text(t);
    let Some((field, bit)) = text.rsplit_once('.').filter(|(_, b)| b.bytes().all(|c| c.is_ascii_digit())) else {
        return fail_with(i, t.span, format!("expected a flag condition `field.N?`, found `{text}?`"));
    };
    let bit = bit.parse::<u64>().map_or(u32::MAX, |b| b.min(u32::MAX as u64) as u32);
    let field_span = Span::new(t.span.start as usize, t.span.start as usize + field.len());
    Ok((i.next().next(), Some(Flag { field: Ident { text: field, span: field_span }, bit, span: t.span })))
}

/// `repetition = [N "*"] "[" param* "]"`.
fn repetition<'t, 'a: 't>(i: Tokens<'t, 'a>, depth: u32) -> PResult<'t, 'a, ParamKind<'a>> {
    let counted = map(terminated(token(Kind::Number), token(Kind::Star)), |n| i.text(n).parse().ok());
    let uncounted = map(guard(|i| i.peek().kind == Kind::LBracket), |_| None);
    let (i, count) = alt((counted, uncounted)).parse(i)?;
    nested(i, depth, |i, depth| {
        let (i, _) = expect(Kind::LBracket, "`[`")(i)?;
        let mut items = Vec::new();
        let i = params_into(i, Close::Bracket, depth, &mut items)?;
        let (i, _) = expect(Kind::RBracket, "`]`")(i)?;
        Ok((i, ParamKind::Repeat { count, items }))
    })
}

/// A type without a name, as builtins write them (`long long`). A name starting a line is the
/// next definition (this one lacks its `=`), not a type.
fn anonymous<'t, 'a: 't>(i: Tokens<'t, 'a>, depth: u32) -> PResult<'t, 'a, ParamKind<'a>> {
    let starts_type = |i: &Tokens<'_, '_>| {
        matches!(i.peek().kind, Kind::Hash | Kind::Percent | Kind::Bang | Kind::LParen | Kind::Ident)
    };
    let (i, _) = guard(move |i| starts_type(i) && !i.starts_definition())(i)?;
    map(move |i| ty(i, depth), ParamKind::Anonymous).parse(i)
}

/// Runs `f` one nesting level deeper, or fails: the input nests too deeply.
fn nested<'t, 'a: 't, O>(
    i: Tokens<'t, 'a>,
    depth: u32,
    f: impl FnOnce(Tokens<'t, 'a>, u32) -> PResult<'t, 'a, O>,
) -> PResult<'t, 'a, O> {
    if depth >= MAX_NESTING {
        return fail_with(i, i.peek().span, format!("nested more than {MAX_NESTING} levels deep"));
    }
    f(i, depth + 1)
}

/// `type = ["!"] ["%"] (name ["<" type ("," type)* ">"] | "#" | "(" name type* ")")`, the form
/// chosen by its first token. Every error in a type is final.
fn ty<'t, 'a: 't>(i: Tokens<'t, 'a>, depth: u32) -> PResult<'t, 'a, Type<'a>> {
    nested(i, depth, |i, depth| {
        let start = i.peek().span.start;
        let (i, bang) = marker(i, Kind::Bang);
        let (i, percent) = marker(i, Kind::Percent);
        let t = i.peek();
        let (i, (name, args)) = match t.kind {
            Kind::Ident if i.peek2().kind == Kind::Lt => {
                let (i, args) = type_args(depth).parse(i.next())?;
                (i, (i.text(t), args))
            }
            Kind::Ident => (i.next(), (i.text(t), Vec::new())),
            Kind::Hash => (i.next(), ("#", Vec::new())),
            Kind::LParen => {
                let args = many_till(move |i| ty(i, depth), token(Kind::RParen));
                let (i, (head, (args, _))) =
                    preceded(token(Kind::LParen), cut((expect(Kind::Ident, "a type name"), args))).parse(i)?;
                (i, (i.text(head), args))
            }
            _ => return fail(i, "a type"),
        };
        let span = Span { start, end: i.prev_end() };
        Ok((i, Type { span, name, percent, bang, args }))
    })
}

/// An optional one-token marker (`!`, `%`): whether it is there, and the input after it.
#[inline]
fn marker<'t, 'a: 't>(i: Tokens<'t, 'a>, kind: Kind) -> (Tokens<'t, 'a>, bool) {
    if is(i.peek().kind, kind) { (i.next(), true) } else { (i, false) }
}

/// `"<" type ("," type)* ">"` after a type's name.
fn type_args<'t, 'a: 't>(depth: u32) -> impl Parser<Tokens<'t, 'a>, Output = Vec<Type<'a>>, Error = Error> {
    delimited(
        token(Kind::Lt),
        separated_list1(token(Kind::Comma), move |i| ty(i, depth)),
        expect(Kind::Gt, "`>` or `,`"),
    )
}

/// `result = type type*`: `Type`, `Vector<t>`, or `Vector t` with its arguments on the same line (a
/// name starting a line is the next definition, after a missing `;`).
fn result_type<'t, 'a: 't>(i: Tokens<'t, 'a>) -> PResult<'t, 'a, Type<'a>> {
    let (i, mut result) = ty(i, 0)?;
    if result.bang || result.name == "#" {
        return fail_with(i, result.span, format!("`{}` cannot be a result type", i.slice(result.span)));
    }
    let is_arg = |i: &Tokens<'_, '_>| {
        matches!(i.peek().kind, Kind::Ident | Kind::LParen | Kind::Percent | Kind::Hash) && !i.starts_definition()
    };
    // Checked first: `many0` allocates before it tries, and nearly every result has no argument.
    if !result.args.is_empty() || !is_arg(&i) {
        return Ok((i, result));
    }
    let (i, args) = many0(preceded(guard(is_arg), |i| ty(i, 0))).parse(i)?;
    result.span.end = i.prev_end();
    result.args = args;
    Ok((i, result))
}

/// The first part of a dotted name that starts with a digit (`1a` of `x.1a`), if any. The lexer
/// starts a name with a letter or `_`, so only parts after a dot are checked.
fn digit_segment(name: &str) -> Option<&str> {
    let b = name.as_bytes();
    // Every definition name is checked: first a test without branches (measured the fastest).
    let pairs = b.iter().zip(b.iter().skip(1));
    if !pairs.fold(false, |any, (&dot, &digit)| any | ((dot == b'.') & digit.is_ascii_digit())) {
        return None;
    }
    let dot = (1..b.len()).find(|&k| b[k].is_ascii_digit() && b[k - 1] == b'.')?;
    name[dot..].split('.').next()
}

/// A builtin declaration: a layout the language cannot write (`int ? = Int;`, `int128 4*[ int ] =
/// Int128;`, `vector {t:Type} # [ t ] = Vector t;`, `bytes string = Bytes;`), or a declaration of a
/// primitive type (`bytes = Bytes;`, `bytes data:string = Bytes;`). A constructor of `Object`
/// (`gzip_packed ... = Object;`) or a function returning `Vector t` is an ordinary definition.
fn is_builtin(params: &[Param<'_>], result: &Type<'_>) -> bool {
    params.iter().any(|p| matches!(p.kind, ParamKind::Anonymous(_) | ParamKind::Repeat { .. } | ParamKind::Opaque))
        || crate::builtins::is_primitive_result(result.name)
}
