//! The schemas indexed for decoding and encoding: each definition with its fields' roles
//! (flags words, conditional fields, MTProto's `bytes:int` length), whether it counts as a
//! nesting level, and the name it is shown by.

use super::{Failure, Request, Result};
use std::collections::{HashMap, HashSet};
use tlayer_parser::{Definition, ParamKind, Schema, Section, Type};

/// No file is preferred when resolving a name.
pub(crate) const ANY_FILE: usize = usize::MAX;

/// Schemas (one or more files read together) indexed for decoding and encoding.
pub struct Codec<'s> {
    /// Every definition of every file, in order.
    pub(crate) entries: Vec<Entry<'s>>,
    /// Definitions by wire id.
    by_id: HashMap<u32, Vec<usize>>,
    /// Definitions by TL name.
    by_name: HashMap<&'s str, Vec<usize>>,
    /// Constructors of each type, per file.
    pub(crate) by_type: HashMap<(usize, &'s str), Vec<usize>>,
    /// Constructors of each type, all files together.
    by_type_any: HashMap<&'s str, Vec<usize>>,
}

/// One definition, ready to walk.
pub(crate) struct Entry<'s> {
    /// The definition as parsed.
    pub def: &'s Definition<'s>,
    /// Which of the files it comes from.
    pub file: usize,
    /// Counts one nesting level when read (generated code holds it in a `Box`).
    pub boxed: bool,
    /// Its name in JSON: the TL name, with `#id` when several definitions share the name.
    pub display: String,
    /// Its type parameters (`X` of `{X:Type}`).
    pub generics: Vec<&'s str>,
    /// Its fields in order, each with its role.
    pub fields: Vec<Field<'s>>,
    /// MTProto's `gzip_packed`: one byte-string field holding a gzipped boxed value.
    pub gzip: bool,
    /// Why it cannot be decoded or encoded (a builtin), if it cannot.
    pub unusable: Option<String>,
}

/// A field and its role.
pub(crate) struct Field<'s> {
    /// The field's name (the JSON key).
    pub name: &'s str,
    /// Its TL type.
    pub ty: &'s Type<'s>,
    /// What it is for.
    pub role: Role,
}

/// What a field is for.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Role {
    /// A value.
    Plain,
    /// A `#` word that conditional fields refer to; `mask` has the bits some field uses.
    Flags { mask: u32 },
    /// Present when bit `bit` of the flags word at field index `word` is set.
    Cond { word: usize, bit: u32 },
    /// `bytes:int` right before `body:Object` (MTProto's `message`): the body's length.
    Length,
}

impl<'s> Codec<'s> {
    /// Indexes the non-builtin definitions of `schemas` (files read together; a name used in
    /// one file resolves first to that file's definitions).
    pub fn new(schemas: &[&'s Schema<'s>]) -> Self {
        let mut codec = Codec {
            entries: Vec::new(),
            by_id: HashMap::new(),
            by_name: HashMap::new(),
            by_type: HashMap::new(),
            by_type_any: HashMap::new(),
        };
        for (file, schema) in schemas.iter().enumerate() {
            let boxed = boxed_definitions(schema);
            for def in schema.items() {
                let i = codec.entries.len();
                let counted = match &boxed {
                    Some(set) => def.section == Section::Functions || set.contains(&(def as *const _ as usize)),
                    None => true,
                };
                codec.entries.push(entry(def, file, counted));
                codec.by_id.entry(def.wire_id()).or_default().push(i);
                codec.by_name.entry(def.name.text).or_default().push(i);
                if def.section == Section::Types {
                    codec.by_type.entry((file, def.result.name)).or_default().push(i);
                    codec.by_type_any.entry(def.result.name).or_default().push(i);
                }
            }
        }
        for list in codec.by_name.values() {
            if list.len() > 1 {
                for &i in list {
                    let e = &mut codec.entries[i];
                    e.display = format!("{}#{:08x}", e.def.name.text, e.def.wire_id());
                }
            }
        }
        codec
    }

    /// Decodes `bytes` as `request` says and writes the JSON to `out`: first a silent pass
    /// that checks everything, so nothing is written for input that does not decode.
    pub fn decode_to<W: std::io::Write>(&self, bytes: &[u8], request: &Request, out: W) -> Result<W> {
        super::read::decode(self, bytes, request, out)
    }

    /// Encodes the JSON `text` as `request` says; the bytes are checked to decode again.
    pub fn encode(&self, text: &str, request: &Request) -> Result<Vec<u8>> {
        let value = super::strict::parse(text).map_err(|e| Failure::Bad(format!("bad JSON: {e}")))?;
        let bytes = super::write::encode(self, &value, request)?;
        super::read::decode(self, &bytes, request, std::io::sink())
            .map_err(|e| Failure::Bad(format!("the value encodes to bytes that do not decode: {e}")))?;
        Ok(bytes)
    }

    /// The definition with wire id `id`, preferring one of type `expected`, then one of `file`.
    pub(crate) fn by_id(&self, id: u32, expected: Option<&str>, file: usize) -> Option<&Entry<'s>> {
        let list = self.by_id.get(&id)?;
        self.pick(list, expected, file)
    }

    fn pick(&self, list: &[usize], expected: Option<&str>, file: usize) -> Option<&Entry<'s>> {
        let fits = |e: &&Entry<'s>| expected.is_none_or(|t| e.def.section == Section::Types && e.def.result.name == t);
        let entries = || list.iter().map(|&i| &self.entries[i]);
        entries()
            .filter(fits)
            .find(|e| e.file == file)
            .or_else(|| entries().find(fits))
            .or_else(|| entries().find(|e| e.file == file))
            .or_else(|| entries().next())
    }

    /// The definition a JSON `_` names (`name` or `name#id`), preferring one of type
    /// `expected`, then one of `file`.
    pub(crate) fn by_json_name(&self, name: &str, expected: Option<&str>, file: usize) -> Option<&Entry<'s>> {
        let (plain, id) = match name.split_once('#') {
            Some((plain, id)) => (plain, Some(u32::from_str_radix(id, 16).ok()?)),
            None => (name, None),
        };
        let list = self.by_name.get(plain)?;
        match id {
            None => self.pick(list, expected, file),
            Some(id) => {
                let list: Vec<usize> = list.iter().copied().filter(|&i| self.entries[i].def.wire_id() == id).collect();
                self.pick(&list, expected, file)
            }
        }
    }

    /// The function `name` names, if it names one (`--type req_pq_multi`: the function, boxed).
    pub(crate) fn function(&self, name: &str) -> Option<&Entry<'s>> {
        let list = self.by_name.get(name)?;
        list.iter().map(|&i| &self.entries[i]).find(|e| e.def.section == Section::Functions)
    }

    /// Fails for a `--type` that names no type of the schemas (nor a builtin one).
    pub(crate) fn check_type(&self, ty: &Type<'_>) -> Result<()> {
        // The parser's builtins every schema knows, but `Type` (a kind, not a type of values).
        let builtin = tlayer_parser::builtins::entry(ty.name).is_some_and(|e| {
            e.known == tlayer_parser::builtins::Known::Always && e.builtin != tlayer_parser::builtins::Builtin::Type
        });
        let known = ty.is_bare()
            || ty.bang
            || builtin
            || super::byte_width(ty.name).is_some()
            || self.by_type_any.contains_key(ty.name);
        if !known {
            return Err(Failure::Bad(format!("unknown type `{}`", ty.name)));
        }
        ty.args.iter().try_for_each(|a| self.check_type(a))
    }

    /// The constructor a bare type names: `%T` (T's only constructor, in `file` if it has one
    /// there), `%name` or a lowercase `name` (that constructor).
    pub(crate) fn bare(&self, ty: &Type<'_>, file: usize) -> Result<&Entry<'s>> {
        if ty.percent {
            let here = self.by_type.get(&(file, ty.name)).map(Vec::as_slice).unwrap_or_default();
            let all = self.by_type_any.get(ty.name).map(Vec::as_slice).unwrap_or_default();
            match (here, all) {
                ([one], _) | ([], [one]) => return Ok(&self.entries[*one]),
                ([], []) => {}
                _ => return Err(Failure::Bad(format!("`%{}` needs a type with exactly one constructor", ty.name))),
            }
        }
        self.by_json_name(ty.name, None, file)
            .filter(|e| e.def.section == Section::Types || ty.percent)
            .ok_or_else(|| Failure::Bad(format!("unknown type `{}`", ty.name)))
    }
}

/// The definitions generated code holds in a `Box` (so reading them counts a nesting level):
/// `None` when the schema cannot be modelled, and then every constructor counts.
fn boxed_definitions(schema: &Schema<'_>) -> Option<HashSet<usize>> {
    // The generator's model is built for schemas it can generate; for any other (or should it
    // panic) every constructor counts, quietly.
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(|_| {}));
    let model = std::panic::catch_unwind(|| tlayer_codegen::model::Model::new(schema));
    std::panic::set_hook(hook);
    let model = model.ok()?.ok()?;
    Some(model.types.iter().filter(|item| item.boxed).map(|item| item.def as *const _ as usize).collect())
}

fn entry<'s>(def: &'s Definition<'s>, file: usize, boxed: bool) -> Entry<'s> {
    let mut e = Entry {
        def,
        file,
        boxed,
        display: def.name.text.to_string(),
        generics: Vec::new(),
        fields: Vec::new(),
        gzip: false,
        unusable: None,
    };
    for p in &def.params {
        match &p.kind {
            ParamKind::Generic { name, .. } => e.generics.push(name.text),
            ParamKind::Field { name, cond, ty } => {
                let role = match cond {
                    None => Role::Plain,
                    Some(flag) => {
                        let word = e.fields.iter().position(|f| f.name == flag.field.text && f.ty.name == "#");
                        match word {
                            Some(word) if flag.bit < 32 => {
                                if let Role::Plain = e.fields[word].role {
                                    e.fields[word].role = Role::Flags { mask: 0 };
                                }
                                if let Role::Flags { mask } = &mut e.fields[word].role {
                                    *mask |= 1 << flag.bit;
                                }
                                Role::Cond { word, bit: flag.bit }
                            }
                            _ => {
                                e.unusable = Some(format!(
                                    "`{}`: `{}` does not name an earlier `#` field with a bit below 32",
                                    def.name.text, flag.field.text
                                ));
                                Role::Plain
                            }
                        }
                    }
                };
                e.fields.push(Field { name: name.text, ty, role });
            }
            ParamKind::Repeat { .. } => {
                e.unusable =
                    Some(format!("`{}` has a repetition (`n*[ ... ]`), which is not supported", def.name.text));
            }
            _ => e.unusable = Some(format!("`{}` is a builtin and has no fields to decode", def.name.text)),
        }
    }
    for i in 1..e.fields.len() {
        let (len, body) = (&e.fields[i - 1], &e.fields[i]);
        if len.name == "bytes" && len.ty.name == "int" && len.role == Role::Plain && body.ty.name == "Object" {
            e.fields[i - 1].role = Role::Length;
        }
    }
    e.gzip = def.name.text == "gzip_packed"
        && matches!(e.fields.as_slice(), [f] if f.role == Role::Plain && matches!(f.ty.name, "bytes" | "string"));
    e
}
