//! The syntax tree of a TL schema. Every node keeps the byte span it was parsed from.

use std::borrow::Cow;
use std::sync::Arc;

/// A byte range `start..end` in the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// First byte.
    pub start: u32,
    /// One past the last byte.
    pub end: u32,
}

impl Span {
    /// A span from byte offsets.
    pub fn new(start: usize, end: usize) -> Self {
        Span { start: start as u32, end: end as u32 }
    }

    /// The smallest span covering both.
    pub fn to(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }
}

/// Which part of the schema a definition is in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Section {
    /// Under `---types---` (or before any marker): a constructor.
    Types,
    /// Under `---functions---`: a function (RPC method).
    Functions,
}

/// The rules a schema's constructor ids follow (see `ids`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Dialect {
    /// Telegram API, MTProto and secret chats: `?true` fields dropped, `bytes` hashed as `string`.
    Telegram,
    /// tdlib's `td_api.tl`: nothing dropped, `bytes` kept.
    TdApi,
    /// TON (`ton_api`, `lite_api`, `tonlib_api`): nothing dropped, `bytes` kept.
    Ton,
}

impl Dialect {
    /// The dialect's name as the CLI spells it.
    pub fn name(self) -> &'static str {
        match self {
            Dialect::Telegram => "telegram",
            Dialect::TdApi => "tdapi",
            Dialect::Ton => "ton",
        }
    }

    /// Parses a name given by [`Dialect::name`].
    pub fn from_name(name: &str) -> Option<Dialect> {
        match name {
            "telegram" => Some(Dialect::Telegram),
            "tdapi" | "td" => Some(Dialect::TdApi),
            "ton" => Some(Dialect::Ton),
            _ => None,
        }
    }
}

/// A parsed schema file.
#[derive(Clone, Debug, PartialEq)]
pub struct Schema<'a> {
    /// Every definition, in source order, builtins included.
    pub definitions: Vec<Definition<'a>>,
    /// `// LAYER N` and `// layer N` markers, in source order.
    pub layer_markers: Vec<LayerMarker>,
    /// `//@class Name @description ...` docs.
    pub class_docs: Vec<ClassDoc<'a>>,
    /// The dialect the ids were computed with.
    pub dialect: Dialect,
    /// Plain `//` and `/* */` comments, in source order (docs and layer markers are above).
    pub comments: Vec<PlainComment<'a>>,
}

impl Schema<'_> {
    /// The layer the file declares: its last `// LAYER N` marker.
    pub fn layer(&self) -> Option<u32> {
        self.layer_markers.last().map(|m| m.layer)
    }

    /// The definitions that are not builtin declarations.
    pub fn items(&self) -> impl Iterator<Item = &Definition<'_>> {
        self.definitions.iter().filter(|d| !d.builtin)
    }
}

/// A `// LAYER N` comment.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LayerMarker {
    /// The layer number.
    pub layer: u32,
    /// Where the comment is.
    pub span: Span,
}

/// A comment that is neither documentation nor a layer marker: `// text` or `/* text */`. The
/// printer puts it back where it was (see `print`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PlainComment<'a> {
    /// The whole comment, `//` or `/* */` included, trailing spaces left out.
    pub text: &'a str,
    /// Where it is.
    pub span: Span,
    /// Nothing but spaces before it on its line; otherwise it trails what is before it.
    pub own_line: bool,
    /// The section it is in.
    pub section: Section,
}

/// Documentation of a boxed type: `//@class Name @description ...`.
#[derive(Clone, Debug, PartialEq)]
pub struct ClassDoc<'a> {
    /// The type's name.
    pub name: &'a str,
    /// Its description.
    pub description: Cow<'a, str>,
    /// Where the comment is.
    pub span: Span,
}

/// `//@name text` documentation attached to a definition.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Docs<'a> {
    /// The `@description` text.
    pub description: Option<Cow<'a, str>>,
    /// The other tags in order: (`param_name`, text).
    pub params: Vec<(&'a str, Cow<'a, str>)>,
}

impl Docs<'_> {
    /// True when there is no documentation.
    pub fn is_empty(&self) -> bool {
        self.description.is_none() && self.params.is_empty()
    }

    /// The text documenting parameter `name`.
    pub fn param(&self, name: &str) -> Option<&str> {
        self.params.iter().find(|(n, _)| *n == name).map(|(_, t)| t.as_ref())
    }
}

/// A name, possibly with a namespace (`contacts.link`), and where it was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ident<'a> {
    /// The full text, namespace included.
    pub text: &'a str,
    /// Where it is.
    pub span: Span,
}

impl<'a> Ident<'a> {
    /// The namespace part (`contacts` of `contacts.link`), if any.
    pub fn namespace(&self) -> Option<&'a str> {
        self.text.rfind('.').map(|i| &self.text[..i])
    }

    /// The part after the last dot.
    pub fn short(&self) -> &'a str {
        self.text.rfind('.').map_or(self.text, |i| &self.text[i + 1..])
    }
}

/// One `;`-terminated declaration: a constructor, a function or a builtin.
#[derive(Clone, Debug, PartialEq)]
pub struct Definition<'a> {
    /// From the name to the `;`.
    pub span: Span,
    /// Types or functions section.
    pub section: Section,
    /// The combinator's name.
    pub name: Ident<'a>,
    /// The id written after `#`, if any.
    pub written_id: Option<u32>,
    /// The id computed from the canonical form (see `ids`).
    pub id: u32,
    /// Parameters in order, generics included.
    pub params: Params<'a>,
    /// The result type after `=`.
    pub result: Type<'a>,
    /// `//@` documentation.
    pub docs: Docs<'a>,
    /// A builtin declaration (`int ? = Int;`, `vector {t:Type} # [ t ] = Vector t;`): declares a
    /// type, generates no constructor.
    pub builtin: bool,
    /// The layer of the nearest `// LAYER N` marker above it.
    pub layer: Option<u32>,
}

impl<'a> Definition<'a> {
    /// The id on the wire: the written one when present, else the computed one.
    pub fn wire_id(&self) -> u32 {
        self.written_id.unwrap_or(self.id)
    }

    /// The generic parameters `{X:Type}`.
    pub fn generics(&self) -> impl Iterator<Item = &Param<'a>> {
        self.params.iter().filter(|p| matches!(p.kind, ParamKind::Generic { .. }))
    }

    /// The fields: parameters that are not generics.
    pub fn fields(&self) -> impl Iterator<Item = (&Ident<'a>, Option<&Flag<'a>>, &Type<'a>)> {
        self.params.iter().filter_map(|p| match &p.kind {
            ParamKind::Field { name, cond, ty } => Some((name, cond.as_ref(), ty)),
            _ => None,
        })
    }
}

/// The parameters of a definition, used as a slice (`&def.params[..]`, `def.params.iter()`,
/// `for p in &def.params`). A parsed schema keeps the parameters of all its definitions in one
/// shared vector, each definition a range of it: one allocation instead of one per definition.
#[derive(Clone)]
pub struct Params<'a> {
    /// The vector holding them; `None` while the parser is still filling it.
    all: Option<Arc<Vec<Param<'a>>>>,
    start: u32,
    end: u32,
}

impl<'a> Params<'a> {
    /// Parameters `start..end` of a vector that [`Params::attach`] gives later.
    pub(crate) fn pending(start: usize, end: usize) -> Self {
        Params { all: None, start: start as u32, end: end as u32 }
    }

    /// Gives pending parameters their vector.
    pub(crate) fn attach(&mut self, all: &Arc<Vec<Param<'a>>>) {
        self.all = Some(Arc::clone(all));
    }

    /// Where they are in their vector.
    pub(crate) fn range(&self) -> std::ops::Range<usize> {
        self.start as usize..self.end as usize
    }
}

impl<'a> From<Vec<Param<'a>>> for Params<'a> {
    fn from(params: Vec<Param<'a>>) -> Self {
        let end = params.len();
        Params { all: Some(Arc::new(params)), start: 0, end: end as u32 }
    }
}

impl<'a> std::ops::Deref for Params<'a> {
    type Target = [Param<'a>];

    fn deref(&self) -> &[Param<'a>] {
        self.all.as_deref().map_or(&[], |all| &all[self.range()])
    }
}

impl<'p, 'a> IntoIterator for &'p Params<'a> {
    type Item = &'p Param<'a>;
    type IntoIter = std::slice::Iter<'p, Param<'a>>;

    fn into_iter(self) -> Self::IntoIter {
        self.iter()
    }
}

impl PartialEq for Params<'_> {
    fn eq(&self, other: &Self) -> bool {
        self[..] == other[..]
    }
}

impl std::fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

/// A parameter of a definition.
#[derive(Clone, Debug, PartialEq)]
pub struct Param<'a> {
    /// Where it is.
    pub span: Span,
    /// What it is.
    pub kind: ParamKind<'a>,
}

/// The forms a parameter takes.
#[derive(Clone, Debug, PartialEq)]
pub enum ParamKind<'a> {
    /// `{X:Type}`: a type parameter.
    Generic {
        /// Its name.
        name: Ident<'a>,
        /// Its kind (`Type` or `#`).
        ty: Type<'a>,
    },
    /// `name:Type`, `name:#` or `name:flags.N?Type`.
    Field {
        /// The field's name.
        name: Ident<'a>,
        /// The flag condition, if any.
        cond: Option<Flag<'a>>,
        /// The field's type (`#` for a flags field).
        ty: Type<'a>,
    },
    /// A type without a name, as builtins write it: `long long`, `#`.
    Anonymous(Type<'a>),
    /// A repetition: `4*[ int ]`, or `[ t ]` after a `#`.
    Repeat {
        /// The written multiplier, if any.
        count: Option<u32>,
        /// What is repeated.
        items: Vec<Param<'a>>,
    },
    /// `?`: a builtin whose layout the language does not describe.
    Opaque,
}

/// `flags.N?`: a field present when bit `N` of an earlier `#` field is set.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Flag<'a> {
    /// The `#` field holding the bit.
    pub field: Ident<'a>,
    /// The bit number.
    pub bit: u32,
    /// Where `flags.N` is.
    pub span: Span,
}

/// A type expression: `int`, `Vector<User>`, `%Message`, `!X`, `(vector T)`, `#`.
#[derive(Clone, Debug, PartialEq)]
pub struct Type<'a> {
    /// Where it is.
    pub span: Span,
    /// The type's name with namespace, or `#` for the natural-number type.
    pub name: &'a str,
    /// Written with `%`: the bare form of a boxed type.
    pub percent: bool,
    /// Written with `!`: the serialized value of a generic function type.
    pub bang: bool,
    /// Generic arguments.
    pub args: Vec<Type<'a>>,
}

impl Type<'_> {
    /// The part of the name after the last dot.
    pub fn short(&self) -> &str {
        self.name.rfind('.').map_or(self.name, |i| &self.name[i + 1..])
    }

    /// Bare types: `%T`, `#`, or a lowercase name (a constructor used as a type).
    pub fn is_bare(&self) -> bool {
        self.percent || self.name == "#" || self.short().starts_with(|c: char| c.is_ascii_lowercase())
    }

    /// Structural equality, ignoring spans.
    pub fn same(&self, other: &Type<'_>) -> bool {
        self.name == other.name
            && self.percent == other.percent
            && self.bang == other.bang
            && self.args.len() == other.args.len()
            && self.args.iter().zip(&other.args).all(|(a, b)| a.same(b))
    }
}
