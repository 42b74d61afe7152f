//! Decoding and encoding TL bytes with no generated code: the schemas, read at run time, drive
//! the walk. The JSON form is written down in docs/json-form.md; in short, a constructor is an
//! object whose `_` key names it, fields follow in schema order, and every byte decoded comes
//! back when the JSON is encoded (`decode` refuses what it could not give back).
//!
//! [`index`] holds the schemas indexed for both directions, [`read`] the decoder (streaming its
//! JSON through [`json_out`]), [`write`] the encoder (reading JSON through [`strict`]),
//! [`scalar`] the JSON forms of doubles, strings and bytes, [`gzip`] MTProto's `gzip_packed`.
//! Its tests are in `cmd/decode/tests.rs` (this folder is also compiled into tests/wire, which
//! checks it against the generated code).

mod gzip;
pub(crate) mod index;
mod json_out;
mod read;
pub(crate) mod scalar;
mod strict;
mod tree;
mod write;

pub use index::Codec;

use std::fmt::Write as _;

/// Deepest nesting accepted, counted as generated code counts it (tl-runtime's
/// `Reader::DEFAULT_MAX_DEPTH`): a level per vector and per boxed (`Box`ed) value.
pub const MAX_DEPTH: u32 = tlayer::Reader::DEFAULT_MAX_DEPTH;

/// Most constructors open at once, boxed or not: keeps the decoder's own stack bounded for
/// schemas whose unboxed chains generated code walks without counting.
pub(crate) const MAX_FRAMES: u32 = 1024;

/// TL's longest `string`/`bytes`: the length prefix has 24 bits.
pub const MAX_TL_BYTES: usize = 0xff_ffff;

/// What to decode or encode.
#[derive(Clone, Debug, Default)]
pub struct Request {
    /// The TL type (`messages.Messages`, `Vector<User>`, `%resPQ`, a bare constructor name);
    /// `None`: any boxed constructor or function, by its id.
    pub ty: Option<String>,
    /// Read or write `ty` bare (without its constructor id), as if written `%ty`.
    pub bare: bool,
    /// The value is the body of an unencrypted MTProto message: `auth_key_id` (0),
    /// `message_id`, `message_length`, then the body.
    pub envelope: bool,
}

/// Why decoding or encoding stopped.
#[derive(Debug)]
pub enum Failure {
    /// The input does not fit the schema (or the JSON form); the message names where.
    Bad(String),
    /// Writing the output failed.
    Io(std::io::Error),
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Bad(m) => f.write_str(m),
            Failure::Io(e) => write!(f, "cannot write output: {e}"),
        }
    }
}

impl From<std::io::Error> for Failure {
    fn from(e: std::io::Error) -> Self {
        Failure::Io(e)
    }
}

type Result<T> = std::result::Result<T, Failure>;

/// One step of the path to a value, for error messages (`query.peer`, `chats[2].title`).
#[derive(Clone, Copy, Debug)]
enum Seg<'s> {
    Field(&'s str),
    Index(usize),
    Label(&'static str),
}

/// `query.chats[2].title`; empty at the top.
fn render_path(path: &[Seg<'_>]) -> String {
    let mut s = String::new();
    for seg in path {
        match seg {
            Seg::Field(name) | Seg::Label(name) => {
                if !s.is_empty() {
                    s.push('.');
                }
                s.push_str(name);
            }
            Seg::Index(i) => {
                let _ = write!(s, "[{i}]");
            }
        }
    }
    s
}

/// `message`, prefixed with `` `path`: `` when there is a path.
fn at_path(path: &[Seg<'_>], message: impl std::fmt::Display) -> Failure {
    let p = render_path(path);
    Failure::Bad(if p.is_empty() { message.to_string() } else { format!("`{p}`: {message}") })
}

/// Bytes of a fixed-width integer written as a byte array (hex in JSON): `int128`, `int256` and
/// any `intN n*[ int ]` builtin such as tdlib's `int512` (N a multiple of 32 above 64).
pub(crate) fn byte_width(name: &str) -> Option<usize> {
    tlayer_parser::builtins::int_name_width(name).map(|w| w as usize)
}

/// Lowercase type names the codec reads and writes itself (not constructors).
fn is_builtin(name: &str) -> bool {
    use tlayer_parser::builtins::{Builtin, Known, entry};
    let read_here = |e: &tlayer_parser::builtins::Entry| {
        e.known != Known::Declared && !matches!(e.builtin, Builtin::Type | Builtin::Object)
    };
    byte_width(name).is_some()
        || name == "#"
        || (name.starts_with(char::is_lowercase) && entry(name).is_some_and(read_here))
}

/// The one name the codec matches for each builtin of the parser's table that it reads and
/// writes itself (`Int`, `int32` -> `int`; `secureString` -> `string`; `Vector` -> `vector`);
/// any other name as it is. Names a schema must declare (`object`, `Function`) stay as they are.
fn wire_name(name: &str) -> &str {
    use tlayer_parser::builtins::{Builtin, Known, entry};
    let Some(e) = entry(name).filter(|e| e.known != Known::Declared) else { return name };
    match e.builtin {
        Builtin::Int => "int",
        Builtin::Long => "long",
        Builtin::Double => "double",
        Builtin::String => "string",
        Builtin::Bytes => "bytes",
        Builtin::Bool => "Bool",
        Builtin::True => "true",
        Builtin::Vector => "vector",
        Builtin::Raw(_) | Builtin::Type | Builtin::Object => name,
    }
}

/// Runs `f` on the type `text` (as written in a schema: `Vector<User>`, `%resPQ`), made bare
/// when `bare`.
fn with_type<R>(text: &str, bare: bool, f: impl FnOnce(&tlayer_parser::Type<'_>) -> Result<R>) -> Result<R> {
    let src = format!("t x:{text} = T;");
    let parsed = tlayer_parser::parse(&src, &tlayer_parser::Options::default());
    let ty = parsed.schema.definitions.first().and_then(|d| d.fields().next()).map(|(_, _, ty)| ty);
    match ty {
        Some(ty) if ty.span.end as usize == src.len() - " = T;".len() && !text.trim().is_empty() => {
            if bare && !ty.percent {
                let mut bare_ty = ty.clone();
                bare_ty.percent = true;
                f(&bare_ty)
            } else {
                f(ty)
            }
        }
        _ => Err(Failure::Bad(format!("`{text}` is not a TL type"))),
    }
}
