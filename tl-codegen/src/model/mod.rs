//! The resolved schema: what each TL definition becomes in Rust, before any code is emitted.
//!
//! This module holds the data types; each step that fills them has its own module:
//!
//! - `resolve`: definitions to items, TL types to Rust types (names come from [`crate::ident`]);
//! - `groups`: fields that share one flag bit become one unit;
//! - `boxing`: recursion and size decide which enum variants are boxed;
//! - `layers`: several layers' schemas merge into one model of every version;
//! - `wrappers`: which functions wrap a request and announce a layer.

use crate::ident::Name;
use tlayer_parser::Definition;

mod boxing;
mod groups;
mod layers;
mod resolve;
mod wrappers;

pub use boxing::BOX_THRESHOLD;

/// Where an item lives: `types`, `enums` or `functions`, then the namespace modules.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Constructor structs.
    Types,
    /// Boxed-type enums.
    Enums,
    /// Function structs.
    Functions,
}

/// A path to a generated item.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Path {
    /// Top module.
    pub kind: Kind,
    /// Namespace modules, outermost first.
    pub modules: Vec<Name>,
    /// The item's name.
    pub name: Name,
}

/// A resolved field type and how it goes on the wire at this position.
#[derive(Clone, Debug, PartialEq)]
pub struct Ty {
    /// The Rust type.
    pub kind: TyKind,
    /// Written bare (no constructor id) at this position.
    pub bare: bool,
}

/// The Rust shape of a TL type.
#[derive(Clone, Debug, PartialEq)]
pub enum TyKind {
    /// `int`
    I32,
    /// `long`
    I64,
    /// `double`
    F64,
    /// A `#` that is not a flags field.
    U32,
    /// `Bool`
    Bool,
    /// `string`
    String,
    /// `bytes`
    Bytes,
    /// A fixed-width integer of this many bytes, kept raw: `int128` (16), `int256` (32), or
    /// one the schema declares (`int512 16*[ int ] = Int512;`: 64).
    Array(u32),
    /// `Object`: a value of any type, kept as raw bytes.
    Raw,
    /// `Vector<T>` / `vector<T>`.
    Vec(Box<Ty>),
    /// A boxed type.
    Enum(usize),
    /// A constructor used as a bare type (`%T`, `adnl.addressList`).
    Struct(usize),
    /// A type parameter (`!X`).
    Generic(Name),
}

/// A constructor or function.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    /// The definition it comes from (for passes over the model and for tools; the emit stage
    /// reads only the fields below).
    pub def: &'a Definition<'a>,
    /// The TL name (`messages.sentMessageLink`).
    pub tl_name: &'a str,
    /// The constructor id on the wire.
    pub id: u32,
    /// The definition as one TL line, as the schema's printer writes it.
    pub tl_line: String,
    /// The description from the schema's comments, if any.
    pub doc: Option<String>,
    /// A function the id rules list as a known exception: tdlib's pseudo-functions, which share
    /// the id of a real wrapper (see `tlayer_parser::ids::known_exception`).
    pub id_exception: bool,
    /// Functions: what the request says about the layer when it wraps another request.
    pub layer_wrapper: Option<LayerWrapper>,
    /// Where the struct is.
    pub path: Path,
    /// The variant name in its enum (constructors) or in the function enum.
    pub variant: Name,
    /// Fields in wire order.
    pub fields: Vec<Field>,
    /// Type parameters (`X` of `!X`), Rust names ([`ident::generic`]).
    pub generics: Vec<Name>,
    /// The same type parameters, TL names.
    pub tl_generics: Vec<String>,
    /// Constructors: the enum of its boxed type. Functions: none.
    pub enum_index: Option<usize>,
    /// Functions: the type `RemoteCall::Return` names.
    pub returns: Option<Ty>,
    /// Stored in its enum behind a `Box`.
    pub boxed: bool,
    /// Multi-layer output: the layers `since..=until` this version exists in.
    pub range: Option<(u32, u32)>,
    /// Multi-layer output: not the newest version of its name, so named with `LayerN` (N: `until`).
    pub older: bool,
    /// Multi-layer output: older versions of the same type this one can be written as, newest first.
    pub downgrades: Vec<usize>,
}

/// A function that wraps a request and announces the layer of the connection
/// (`invokeWithLayer`): see `wrappers.rs` for how one is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LayerWrapper {
    /// `invokeWithLayer layer:int query:!X`: the layer is the `layer` field.
    Field,
    /// `invokeWithLayerN query:!X` (old layers): the layer is N.
    Fixed(u32),
}

impl std::fmt::Display for Path {
    /// `types::messages::SentMessageLink`: the path from the generated file's root.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(match self.kind {
            Kind::Types => "types",
            Kind::Enums => "enums",
            Kind::Functions => "functions",
        })?;
        for m in &self.modules {
            write!(f, "::{m}")?;
        }
        write!(f, "::{}", self.name)
    }
}

/// A boxed type.
#[derive(Clone, Debug)]
pub struct Enum<'a> {
    /// The TL name (`messages.SentMessage`).
    pub tl_name: &'a str,
    /// Where the enum is.
    pub path: Path,
    /// Indices of its constructors in `Model::types`.
    pub variants: Vec<usize>,
    /// The `//@class` description, if any.
    pub doc: Option<String>,
}

/// One field of a struct.
#[derive(Clone, Debug)]
pub struct Field {
    /// Rust name.
    pub name: Name,
    /// TL name.
    pub tl_name: String,
    /// The parameter as TL writes it (`flags.1?Vector<MessageEntity>`), for docs.
    pub tl_text: String,
    /// Documentation from the schema.
    pub doc: Option<String>,
    /// What it holds.
    pub kind: FieldKind,
}

/// How a field is stored and written.
#[derive(Clone, Debug)]
pub enum FieldKind {
    /// Always present.
    Value(Ty),
    /// A `#` field read by flag conditions: not stored, computed on write.
    Flags,
    /// `flags.N?T`: `Option<T>`.
    Optional {
        /// Index of the `Flags` field.
        flags: usize,
        /// The bit.
        bit: u32,
        /// The value's type.
        ty: Ty,
    },
    /// `flags.N?true`: `bool`, nothing on the wire but the bit.
    Bit {
        /// Index of the `Flags` field.
        flags: usize,
        /// The bit.
        bit: u32,
    },
    /// Several non-`true` fields on one bit: `Option<Group>`, all or none.
    Group {
        /// Index of the `Flags` field.
        flags: usize,
        /// The bit.
        bit: u32,
        /// The group struct: in the `groups` module beside its owner
        /// ([`crate::ident::flag_group_module`]).
        path: Path,
        /// Members in wire order: (Rust name, TL name, type).
        members: Vec<(Name, String, Ty)>,
    },
    /// A field that shares a bit with a group or an optional: written by that owner, not stored.
    Shared {
        /// Index of the field that owns the bit.
        owner: usize,
    },
    /// An `int` holding the byte length of field `of` (MTProto's `bytes:int body:Object`): not
    /// stored, written from that field's length and checked on read (see `crate::sized`).
    Length {
        /// Index of the measured field.
        of: usize,
    },
}

/// Everything code generation needs.
#[derive(Clone, Debug)]
pub struct Model<'a> {
    /// `// LAYER N` of the schema (the newest layer, for multi-layer output).
    pub layer: Option<u32>,
    /// Multi-layer output: every layer given, ascending.
    pub layers: Option<Vec<u32>>,
    /// Constructors, in schema order.
    pub types: Vec<Item<'a>>,
    /// Functions, in schema order.
    pub functions: Vec<Item<'a>>,
    /// Boxed types, in order of first constructor.
    pub enums: Vec<Enum<'a>>,
    /// The name of the enum of every function in `functions` ([`crate::ident::function_enum`]).
    pub function_enum: Name,
}

/// A type the generator cannot map (`Display`: `DEF: cannot resolve type `TY``, in `lib.rs`).
#[derive(Debug)]
pub struct ResolveError {
    /// The definition.
    pub def: String,
    /// The type.
    pub ty: String,
}
