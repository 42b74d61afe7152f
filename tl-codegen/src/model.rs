//! The resolved schema: what each TL definition becomes in Rust, before any code is emitted.
//!
//! Types are resolved to Rust types, flag fields are grouped (fields that share one flag bit
//! become one unit), and recursion and size decide which enum variants are boxed.

use crate::ident::{self, Names};
use std::collections::HashMap;
use tlayer_parser::{Definition, ParamKind, Schema, Section, Type};

/// An enum variant whose struct is estimated above this many bytes is boxed, so enums stay small.
pub const BOX_THRESHOLD: usize = 64;

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
    /// Namespace modules (escaped), outermost first.
    pub modules: Vec<String>,
    /// The item's name.
    pub name: String,
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
    Generic(String),
}

/// A constructor or function.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    /// The definition it comes from.
    pub def: &'a Definition<'a>,
    /// Where the struct is.
    pub path: Path,
    /// The variant name in its enum (constructors) or in the function enum.
    pub variant: String,
    /// Fields in wire order.
    pub fields: Vec<Field>,
    /// Type parameters (`X` of `!X`), Rust names ([`ident::generic`]).
    pub generics: Vec<String>,
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
    /// Rust name (escaped).
    pub name: String,
    /// TL name.
    pub tl_name: String,
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
        /// The group struct (in the same module as the owner).
        name: String,
        /// Members in wire order: (Rust name, TL name, type).
        members: Vec<(String, String, Ty)>,
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
}

/// A type the generator cannot map (`Display`: `DEF: cannot resolve type `TY``, in `lib.rs`).
#[derive(Debug)]
pub struct ResolveError {
    /// The definition.
    pub def: String,
    /// The type.
    pub ty: String,
}

/// TL names mapped to Rust primitives (the table of [`tlayer_parser::builtins`]); their
/// constructors are not generated.
fn primitive(name: &str) -> Option<TyKind> {
    use tlayer_parser::builtins::Builtin;
    Some(match tlayer_parser::builtins::lookup(name)? {
        Builtin::Int => TyKind::I32,
        Builtin::Long => TyKind::I64,
        Builtin::Double => TyKind::F64,
        Builtin::String => TyKind::String,
        Builtin::Bytes => TyKind::Bytes,
        Builtin::Raw(n) => TyKind::Array(n),
        Builtin::Bool => TyKind::Bool,
        Builtin::Object => TyKind::Raw,
        Builtin::True | Builtin::Vector | Builtin::Type => return None,
    })
}

/// Definitions the runtime covers: builtins and the constructors of `Bool` (Rust `bool`).
/// Constructors of `Object` (MTProto's `gzip_packed`) are generated: fields of type `Object`
/// stay raw, but the constructor's own struct is how such a value is built and read.
fn skipped(def: &Definition<'_>) -> bool {
    def.builtin || primitive(def.result.name).is_some_and(|k| k != TyKind::Raw)
}

fn module_path(namespace: Option<&str>) -> Vec<String> {
    namespace.map_or_else(Vec::new, |ns| ns.split('.').map(ident::module).collect())
}

impl<'a> Model<'a> {
    /// Resolves a parsed (error-free) schema.
    pub fn new(schema: &'a Schema<'a>) -> Result<Self, ResolveError> {
        let versions = schema.definitions.iter().map(|def| Version { def, range: None, older: false }).collect();
        Self::build(schema, versions, None)
    }

    /// Resolves several layers' schemas (each error-free) into one model in which every version
    /// (name, id) of every definition exists, with its layer range.
    pub fn layered(inputs: &[(u32, &'a Schema<'a>)]) -> Result<Self, ResolveError> {
        let mut inputs = inputs.to_vec();
        inputs.sort_by_key(|(layer, _)| *layer);
        let Some(&(_, newest)) = inputs.last() else {
            return Err(ResolveError { def: "(no schema)".into(), ty: String::new() });
        };
        // (section, name, id) -> (definition from the newest layer having it, since, until)
        let mut seen: HashMap<(Section, &str, u32), (usize, u32, u32)> = HashMap::new();
        let mut order: Vec<(&'a Definition<'a>, u32, u32)> = Vec::new();
        for &(layer, schema) in &inputs {
            for def in &schema.definitions {
                let key = (def.section, def.name.text, def.wire_id());
                match seen.get(&key) {
                    Some(&(i, since, _)) => {
                        order[i] = (def, since, layer);
                        seen.insert(key, (i, since, layer));
                    }
                    None => {
                        seen.insert(key, (order.len(), layer, layer));
                        order.push((def, layer, layer));
                    }
                }
            }
        }
        // The newest version of a name keeps the plain name.
        let mut newest_until: HashMap<(Section, &str), u32> = HashMap::new();
        for (def, _, until) in &order {
            let e = newest_until.entry((def.section, def.name.text)).or_insert(0);
            *e = (*e).max(*until);
        }
        // The newest schema's order first, then versions it no longer has, oldest first.
        let rank = |d: &Definition<'_>| {
            newest
                .definitions
                .iter()
                .position(|n| n.section == d.section && n.name.text == d.name.text && n.wire_id() == d.wire_id())
        };
        let mut indexed: Vec<(usize, (&'a Definition<'a>, u32, u32))> = order.into_iter().enumerate().collect();
        indexed.sort_by_key(|(i, (d, _, _))| rank(d).map_or((1, *i), |r| (0, r)));
        let versions = indexed
            .into_iter()
            .map(|(_, (def, since, until))| Version {
                def,
                range: Some((since, until)),
                older: newest_until[&(def.section, def.name.text)] != until,
            })
            .collect();
        let layers = inputs.iter().map(|(l, _)| *l).collect();
        Self::build(newest, versions, Some(layers))
    }

    fn build(
        schema: &'a Schema<'a>,
        versions: Vec<Version<'a>>,
        layers: Option<Vec<u32>>,
    ) -> Result<Self, ResolveError> {
        let mut names: HashMap<(Kind, Vec<String>), Names> = HashMap::new();
        let mut name_in = |kind: Kind, modules: &Vec<String>, wanted: String| {
            names.entry((kind, modules.clone())).or_default().unique(wanted)
        };

        // Boxed types first, so constructors can point at them.
        let mut enums: Vec<Enum<'a>> = Vec::new();
        let mut enum_index: HashMap<&str, usize> = HashMap::new();
        let mut ctor_index: HashMap<&str, usize> = HashMap::new();
        let mut types: Vec<Item<'a>> = Vec::new();
        for v in versions.iter().filter(|v| v.def.section == Section::Types && !skipped(v.def)) {
            let def = v.def;
            let e = *enum_index.entry(def.result.name).or_insert_with(|| {
                let ty = ident_of(def.result.name);
                let modules = module_path(ty.0);
                let name = name_in(Kind::Enums, &modules, ident::camel(ty.1));
                let doc =
                    schema.class_docs.iter().find(|c| c.name == def.result.name).map(|c| c.description.to_string());
                let path = Path { kind: Kind::Enums, modules, name };
                enums.push(Enum { tl_name: def.result.name, path, variants: vec![], doc });
                enums.len() - 1
            });
            let (ns, short) = ident_of(def.name.text);
            let modules = module_path(ns);
            let name = name_in(Kind::Types, &modules, v.rust_name(short));
            enums[e].variants.push(types.len());
            if !v.older {
                ctor_index.insert(def.name.text, types.len());
            }
            types.push(Item {
                def,
                path: Path { kind: Kind::Types, modules, name },
                variant: String::new(),
                fields: Vec::new(),
                generics: Vec::new(),
                tl_generics: Vec::new(),
                enum_index: Some(e),
                returns: None,
                boxed: false,
                range: v.range,
                older: v.older,
                downgrades: Vec::new(),
            });
        }
        for e in &enums {
            let mut used = Names::default();
            let ty_short = ident_of(e.tl_name).1;
            for &v in &e.variants {
                let short = ident_of(types[v].def.name.text).1;
                let suffix = match (types[v].older, types[v].range) {
                    (true, Some((_, until))) => format!("Layer{until}"),
                    _ => String::new(),
                };
                // An escaped name (`Ok_`) needs no `_` once it has a suffix, as for the struct.
                let named = |base: String| {
                    if suffix.is_empty() { base } else { format!("{}{suffix}", base.trim_end_matches('_')) }
                };
                let wanted = named(ident::variant(short, ty_short));
                let wanted = if used.contains(&wanted) { named(ident::camel(short)) } else { wanted };
                types[v].variant = used.unique(wanted);
            }
        }

        let mut widths = HashMap::new();
        for def in &schema.definitions {
            if let Some(n) = tlayer_parser::builtins::declared_width(def) {
                widths.insert(def.name.text, n);
                widths.insert(def.result.name, n);
            }
        }
        let resolver = Resolver { schema, widths, enum_index: &enum_index, ctor_index: &ctor_index };
        for item in &mut types {
            resolver.fill(item, &mut name_in)?;
        }
        let mut functions = Vec::new();
        let mut fn_variants = Names::default();
        for v in versions.iter().filter(|v| v.def.section == Section::Functions && !v.def.builtin) {
            let def = v.def;
            let (ns, short) = ident_of(def.name.text);
            let modules = module_path(ns);
            let name = name_in(Kind::Functions, &modules, v.rust_name(short));
            let variant = fn_variants.unique(v.rust_name(&def.name.text.replace('.', "_")));
            let mut item = Item {
                def,
                path: Path { kind: Kind::Functions, modules, name },
                variant,
                fields: Vec::new(),
                generics: Vec::new(),
                tl_generics: Vec::new(),
                enum_index: None,
                returns: None,
                boxed: false,
                range: v.range,
                older: v.older,
                downgrades: Vec::new(),
            };
            resolver.fill(&mut item, &mut name_in)?;
            let generics: Vec<(String, String)> =
                item.tl_generics.iter().cloned().zip(item.generics.iter().cloned()).collect();
            item.returns = Some(resolver.ty(def, &def.result, &generics)?);
            functions.push(item);
        }
        let layer = layers.as_ref().and_then(|l| l.last().copied()).or(schema.layer());
        let mut model = Model { layer, layers, types, functions, enums };
        Boxing::run(&mut model);
        if model.layers.is_some() {
            model.find_downgrades();
        }
        Ok(model)
    }

    /// For each version, the older versions of its type whose fields it has too (same Rust name
    /// and shape), newest first: what it can be written as for a layer that lacks it. "Older"
    /// means introduced in an earlier layer; a candidate is an older version of the same name, or
    /// a constructor whose name this one extends (`messages.sentMessage` for
    /// `messages.sentMessageLink`) and which has fields.
    fn find_downgrades(&mut self) {
        for e in 0..self.enums.len() {
            let variants = self.enums[e].variants.clone();
            for &v in &variants {
                let Some((since, _)) = self.types[v].range else { continue };
                let mut candidates: Vec<usize> = variants
                    .iter()
                    .copied()
                    .filter(|&w| w != v)
                    .filter(|&w| self.types[w].range.is_some_and(|(s, _)| s < since))
                    // Same fields are not enough: `updateUserPhoto` has those of `updateUserTyping`
                    // and means something else. Only an older version of the same name, or a
                    // constructor this one extends by name (`sentMessage` of `sentMessageLink`),
                    // and never one without fields (writing `...Empty` would drop the value).
                    .filter(|&w| {
                        let (old, new) = (self.types[w].def.name.text, self.types[v].def.name.text);
                        old == new
                            || (new.starts_with(old)
                                && self.types[w].fields.iter().any(|f| field_signature(f).is_some()))
                    })
                    .filter(|&w| {
                        let own: Vec<String> = self.types[v].fields.iter().filter_map(field_signature).collect();
                        self.types[w].fields.iter().filter_map(field_signature).all(|f| own.contains(&f))
                    })
                    .collect();
                candidates.sort_by_key(|&w| std::cmp::Reverse(self.types[w].range.map(|(_, u)| u)));
                self.types[v].downgrades = candidates;
            }
        }
    }
}

/// One version (name, id) of a definition, and the layers it lives in.
struct Version<'a> {
    def: &'a Definition<'a>,
    range: Option<(u32, u32)>,
    /// Not the newest version of its name: named with a `LayerN` suffix (N = its last layer).
    older: bool,
}

impl Version<'_> {
    fn rust_name(&self, short: &str) -> String {
        match (self.older, self.range) {
            (true, Some((_, until))) => format!("{}Layer{until}", ident::camel(short).trim_end_matches('_')),
            _ => ident::camel(short),
        }
    }
}

/// What a stored field is, for comparing versions: Rust name, shape and TL type.
fn field_signature(f: &Field) -> Option<String> {
    let kind = match &f.kind {
        FieldKind::Flags | FieldKind::Shared { .. } | FieldKind::Length { .. } => return None,
        FieldKind::Value(t) => format!("value {t:?}"),
        FieldKind::Optional { ty, .. } => format!("optional {ty:?}"),
        FieldKind::Bit { .. } => "bit".to_string(),
        FieldKind::Group { members, .. } => format!("group {members:?}"),
    };
    Some(format!("{} {kind}", f.name))
}

/// (namespace, short name) of a dotted TL name.
fn ident_of(name: &str) -> (Option<&str>, &str) {
    match name.rfind('.') {
        Some(i) => (Some(&name[..i]), &name[i + 1..]),
        None => (None, name),
    }
}

struct Resolver<'r, 'a> {
    schema: &'a Schema<'a>,
    /// Fixed-width integers the schema declares (`int512 16*[ int ] = Int512;`), by both names.
    widths: HashMap<&'a str, u32>,
    enum_index: &'r HashMap<&'a str, usize>,
    ctor_index: &'r HashMap<&'a str, usize>,
}

impl<'a> Resolver<'_, 'a> {
    fn fill(
        &self,
        item: &mut Item<'a>,
        name_in: &mut impl FnMut(Kind, &Vec<String>, String) -> String,
    ) -> Result<(), ResolveError> {
        let def = item.def;
        let mut generics: Vec<String> = def
            .params
            .iter()
            .filter_map(|p| match &p.kind {
                ParamKind::Generic { name, .. } => Some(name.text.to_string()),
                _ => None,
            })
            .collect();
        for (_, _, ty) in def.fields() {
            if ty.bang && !generics.iter().any(|g| g == ty.name) {
                generics.push(ty.name.to_string());
            }
        }
        // Only generics used as `!X` become Rust type parameters.
        generics.retain(|g| def.fields().any(|(_, _, t)| t.bang && t.name == g));
        // A type parameter never takes its struct's own name (`{Foo:Type}` of `foo`).
        let mut rust_names = Names::default();
        rust_names.unique(item.path.name.clone());
        let generics: Vec<(String, String)> =
            generics.into_iter().map(|g| (rust_names.unique(ident::generic(&g)), g)).map(|(r, g)| (g, r)).collect();

        let params: Vec<_> = def.fields().collect();
        let flag_fields: Vec<&str> = params
            .iter()
            .filter(|(_, c, _)| c.is_some())
            .map(|(_, c, _)| c.map(|f| f.field.text).unwrap_or_default())
            .collect();
        let mut fields: Vec<Field> = Vec::with_capacity(params.len());
        let mut field_names = Names::default();
        for (name, cond, ty) in &params {
            let rust = field_names.unique(ident::snake(name.text));
            let doc = def.docs.param(name.text).map(str::to_string);
            let kind = match cond {
                None if ty.name == "#" && flag_fields.contains(&name.text) => FieldKind::Flags,
                None if ty.name == "#" => FieldKind::Value(Ty { kind: TyKind::U32, bare: true }),
                None => FieldKind::Value(self.ty(def, ty, &generics)?),
                Some(flag) => {
                    let flags =
                        params.iter().position(|(n, c, t)| n.text == flag.field.text && c.is_none() && t.name == "#");
                    let flags =
                        flags.ok_or_else(|| ResolveError { def: def.name.text.into(), ty: flag.field.text.into() })?;
                    if ty.name == "true" {
                        FieldKind::Bit { flags, bit: flag.bit }
                    } else {
                        FieldKind::Optional { flags, bit: flag.bit, ty: self.ty(def, ty, &generics)? }
                    }
                }
            };
            fields.push(Field { name: rust, tl_name: name.text.to_string(), doc, kind });
        }
        group_shared_bits(&mut fields, &item.path, name_in);
        item.fields = fields;
        item.tl_generics = generics.iter().map(|(tl, _)| tl.clone()).collect();
        item.generics = generics.into_iter().map(|(_, rust)| rust).collect();
        Ok(())
    }

    /// Resolves `ty`; `generics`: the definition's type parameters, (TL name, Rust name).
    fn ty(&self, def: &Definition<'_>, ty: &Type<'_>, generics: &[(String, String)]) -> Result<Ty, ResolveError> {
        let err = || ResolveError { def: def.name.text.into(), ty: ty.name.into() };
        if let Some((_, rust)) = generics.iter().find(|(tl, _)| tl == ty.name) {
            return Ok(Ty { kind: TyKind::Generic(rust.clone()), bare: false });
        }
        if ty.bang {
            return Err(err());
        }
        if matches!(ty.name, "Vector" | "vector") {
            let [elem] = ty.args.as_slice() else { return Err(err()) };
            let elem = self.ty(def, elem, generics)?;
            return Ok(Ty { kind: TyKind::Vec(Box::new(elem)), bare: ty.name == "vector" });
        }
        if let Some(kind) = primitive(ty.name) {
            return Ok(Ty { kind, bare: ty.is_bare() });
        }
        if let Some(&n) = self.widths.get(ty.name) {
            return Ok(Ty { kind: TyKind::Array(n), bare: ty.is_bare() });
        }
        if ty.percent {
            let ctor = tlayer_parser::ids::BareNames::new(&self.schema.definitions).get(ty.name).ok_or_else(err)?;
            return Ok(Ty { kind: TyKind::Struct(*self.ctor_index.get(ctor).ok_or_else(err)?), bare: true });
        }
        if let Some(&e) = self.enum_index.get(ty.name) {
            return Ok(Ty { kind: TyKind::Enum(e), bare: false });
        }
        if let Some(&c) = self.ctor_index.get(ty.name) {
            return Ok(Ty { kind: TyKind::Struct(c), bare: true });
        }
        let loose = tlayer_parser::ids::BareNames::new(&self.schema.definitions).loose_constructor(ty.name);
        match loose.and_then(|c| self.ctor_index.get(c)) {
            Some(&c) => Ok(Ty { kind: TyKind::Struct(c), bare: true }),
            None => Err(err()),
        }
    }
}

/// Fields that share one flag bit become one unit (see [`FieldKind::Group`]).
///
/// - `true` fields on a bit that also carries values are implied by the value's presence: they
///   become `Shared` (not stored).
/// - One value field left: it stays `Optional`; several: they become one `Group`.
/// - Only `true` fields: the first stays a `Bit`, the others are `Shared`.
fn group_shared_bits(
    fields: &mut [Field],
    owner: &Path,
    name_in: &mut impl FnMut(Kind, &Vec<String>, String) -> String,
) {
    let mut seen: Vec<(usize, u32)> = Vec::new();
    for i in 0..fields.len() {
        let Some(key) = flag_key(&fields[i].kind) else { continue };
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let on_bit: Vec<usize> = (i..fields.len()).filter(|&j| flag_key(&fields[j].kind) == Some(key)).collect();
        if on_bit.len() < 2 {
            continue;
        }
        let values: Vec<usize> =
            on_bit.iter().copied().filter(|&j| matches!(fields[j].kind, FieldKind::Optional { .. })).collect();
        let owner_index = match values.as_slice() {
            [] => on_bit[0],
            [one] => *one,
            [first, ..] => {
                let members = values
                    .iter()
                    .map(|&j| match &fields[j].kind {
                        FieldKind::Optional { ty, .. } => {
                            (fields[j].name.clone(), fields[j].tl_name.clone(), ty.clone())
                        }
                        _ => unreachable!("filtered to optionals"),
                    })
                    .collect();
                // Both parts without their escapes (`Option_`, `Box_`, `r#Self`): the joined
                // name is a new word, and escaping it again would leave a `_` inside it.
                let unescaped = |s: &str| s.trim_start_matches("r#").trim_end_matches('_').to_string();
                let field = unescaped(&ident::camel(&fields[*first].tl_name));
                let wanted = format!("{}{field}", unescaped(&owner.name));
                let name = name_in(owner.kind, &owner.modules, wanted);
                fields[*first].kind = FieldKind::Group { flags: key.0, bit: key.1, name, members };
                *first
            }
        };
        for &j in &on_bit {
            if j != owner_index {
                fields[j].kind = FieldKind::Shared { owner: owner_index };
            }
        }
    }
}

fn flag_key(kind: &FieldKind) -> Option<(usize, u32)> {
    match *kind {
        FieldKind::Optional { flags, bit, .. } | FieldKind::Bit { flags, bit } => Some((flags, bit)),
        _ => None,
    }
}

/// Decides which enum variants are boxed: those on a recursion cycle and those larger than
/// [`BOX_THRESHOLD`]; and estimates sizes.
struct Boxing<'m, 'a> {
    model: &'m Model<'a>,
    state: Vec<State>,
    stack: Vec<usize>,
    boxed: Vec<bool>,
}

#[derive(Clone, Copy, PartialEq)]
enum State {
    New,
    Visiting,
    Done(usize),
}

impl Boxing<'_, '_> {
    fn run(model: &mut Model<'_>) {
        let n = model.types.len();
        let mut b = Boxing { model, state: vec![State::New; n], stack: Vec::new(), boxed: vec![false; n] };
        for i in 0..n {
            b.struct_size(i);
        }
        let boxed = b.boxed;
        for (item, boxed) in model.types.iter_mut().zip(boxed) {
            item.boxed = boxed;
        }
    }

    /// Estimated size of struct `i`; marks the variants that close a cycle.
    fn struct_size(&mut self, i: usize) -> usize {
        match self.state[i] {
            State::Done(s) => return s,
            State::Visiting => {
                // A cycle: box the variant edge that leads into the cycle from the stack.
                let from = self.stack.iter().rposition(|&s| s == i).unwrap_or(0);
                let on_cycle: Vec<usize> = self.stack[from..].to_vec();
                for s in on_cycle {
                    self.boxed[s] = true;
                }
                return 8;
            }
            State::New => {}
        }
        self.state[i] = State::Visiting;
        self.stack.push(i);
        let model = self.model;
        let mut size = 0;
        for f in &model.types[i].fields {
            size += match &f.kind {
                FieldKind::Value(t) => self.ty_size(t),
                FieldKind::Optional { ty, .. } => 8 + self.ty_size(ty),
                FieldKind::Group { members, .. } => 8 + members.iter().map(|(_, _, t)| self.ty_size(t)).sum::<usize>(),
                FieldKind::Bit { .. } => 1,
                FieldKind::Flags | FieldKind::Shared { .. } | FieldKind::Length { .. } => 0,
            };
        }
        self.stack.pop();
        if size > BOX_THRESHOLD {
            self.boxed[i] = true;
        }
        self.state[i] = State::Done(size);
        size
    }

    fn ty_size(&mut self, t: &Ty) -> usize {
        match &t.kind {
            TyKind::I32 | TyKind::U32 => 4,
            TyKind::I64 | TyKind::F64 => 8,
            TyKind::Bool => 1,
            TyKind::Array(n) => *n as usize,
            TyKind::String | TyKind::Bytes | TyKind::Raw | TyKind::Vec(_) => 24,
            TyKind::Generic(_) => 8,
            TyKind::Struct(s) => self.struct_size(*s),
            TyKind::Enum(e) => {
                let model = self.model;
                let mut max = 0;
                for &v in &model.enums[*e].variants {
                    let s = self.struct_size(v);
                    max = max.max(if self.boxed[v] { 8 } else { s });
                }
                max + 8
            }
        }
    }
}
