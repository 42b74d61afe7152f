//! What happens when a definition does not parse: the error becomes one diagnostic, at the place
//! and with the words of the hand parser this grammar replaced, and the rest of the definition is
//! skipped so that the next one is parsed.

use super::tokens::Tokens;
use crate::ast::Span;
use crate::diagnostic::Diagnostic;
use crate::lexer::{Kind, LexError};

/// Why a definition did not parse.
#[derive(Debug)]
pub(super) enum Error {
    /// "expected WHAT, found TOKEN" at token `at` (or the lexer's own message when that token is a
    /// lexer error).
    Expected { at: usize, what: &'static str },
    /// Any other error; the parser stopped at token `at`. (Boxed: results stay small.)
    Other { at: usize, diagnostic: Box<Diagnostic> },
}

impl<'t, 'a: 't> nom::error::ParseError<Tokens<'t, 'a>> for Error {
    fn from_error_kind(input: Tokens<'t, 'a>, _: nom::error::ErrorKind) -> Self {
        Error::Expected { at: input.at(), what: "a definition" }
    }

    fn append(_: Tokens<'t, 'a>, _: nom::error::ErrorKind, other: Self) -> Self {
        other
    }
}

/// Reports `error` of the definition parsed from `input`. Returns the token where the parser
/// stopped, and that token when its lexer error is the one reported.
pub(super) fn report(
    input: Tokens<'_, '_>,
    error: nom::Err<Error>,
    diags: &mut Vec<Diagnostic>,
) -> (usize, Option<usize>) {
    let error = match error {
        nom::Err::Error(e) | nom::Err::Failure(e) => e,
        // Complete parsers only.
        nom::Err::Incomplete(_) => Error::Expected { at: input.at(), what: "a definition" },
    };
    match error {
        Error::Other { at, diagnostic } => {
            diags.push(*diagnostic);
            (at, None)
        }
        Error::Expected { at, what } => {
            let here = input.from(at);
            let t = here.peek();
            let message = match t.kind {
                Kind::Error(e) => {
                    diags.push(Diagnostic::error(t.span, lex_error_message(e, here.text(t))));
                    return (at, Some(at));
                }
                Kind::Eof => format!("expected {what}, found end of file"),
                _ => format!("expected {what}, found `{}`", here.text(t)),
            };
            // Inside a definition, a token on a later line (after a missing `;` or `=`) is reported
            // right after the previous token, where the text is missing.
            let span = if at > 0 && here.starts_line() {
                let end = here.prev_end();
                Span { start: end, end }
            } else {
                t.span
            };
            diags.push(Diagnostic::error(span, message));
            (at, None)
        }
    }
}

/// Skips the rest of a bad definition from where the parser stopped: past the next `;`, or up to a
/// section marker, the end, or a line that starts another definition (so a missing `;` costs one
/// definition, not two). Lexer errors skipped on the way are reported too, except the one already
/// reported. Returns how many tokens of the definition's buffer are used up.
pub(super) fn recover(mut i: Tokens<'_, '_>, reported: Option<usize>, diags: &mut Vec<Diagnostic>) -> usize {
    loop {
        let t = i.peek();
        match t.kind {
            Kind::Eof | Kind::Section(_) => return i.at(),
            Kind::Semi => return i.at() + 1,
            _ if i.at() > 0 && i.starts_definition() => return i.at(),
            Kind::Error(e) if reported != Some(i.at()) => {
                diags.push(Diagnostic::error(t.span, lex_error_message(e, i.text(t))));
            }
            _ => {}
        }
        i = i.next();
    }
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
        LexError::UnexpectedRun => {
            // The run can be megabytes: the message shows its start.
            let shown: String = text.chars().take(8).collect();
            let more = if shown.len() < text.len() { "…" } else { "" };
            format!("{} more unexpected characters in a row (`{shown}{more}`)", text.chars().count())
        }
    }
}
