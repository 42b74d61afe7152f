//! Decoding and encoding TL bytes with no generated code: the schema, read at run time, drives
//! the walk. Values are JSON: a constructor is an object whose `_` key names it, fields follow in
//! schema order (`flags` words are left out: they follow from which fields are present);
//! `long` is a number, `bytes`, `int128` and `int256` are hex strings, `Bool` is `true`/`false`.

use serde_json::{Map, Value};
use std::collections::HashMap;
use std::fmt::Write as _;
use tlayer::Reader;
use tlayer_parser::{Definition, ParamKind, Schema, Section, Type};

/// Deepest nesting decoded, as in generated code.
const MAX_DEPTH: u32 = 64;

/// A schema indexed for decoding and encoding.
pub struct Codec<'s> {
    by_id: HashMap<u32, &'s Definition<'s>>,
    by_name: HashMap<&'s str, &'s Definition<'s>>,
    by_type: HashMap<&'s str, Vec<&'s Definition<'s>>>,
}

/// What went wrong, with the byte offset for decoding.
#[derive(Debug)]
pub struct CodecError(pub String);

impl std::fmt::Display for CodecError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Result<T> = std::result::Result<T, CodecError>;

fn err<T>(message: impl Into<String>) -> Result<T> {
    Err(CodecError(message.into()))
}

impl From<tlayer::Error> for CodecError {
    fn from(e: tlayer::Error) -> Self {
        CodecError(e.to_string())
    }
}

impl<'s> Codec<'s> {
    /// Indexes the non-builtin definitions of `schema`.
    pub fn new(schema: &'s Schema<'s>) -> Self {
        let mut codec = Codec { by_id: HashMap::new(), by_name: HashMap::new(), by_type: HashMap::new() };
        for def in schema.items() {
            codec.by_id.insert(def.wire_id(), def);
            codec.by_name.insert(def.name.text, def);
            if def.section == Section::Types {
                codec.by_type.entry(def.result.name).or_default().push(def);
            }
        }
        codec
    }

    /// Decodes one value from `bytes`: of `ty` (a TL type such as `messages.Messages`,
    /// `Vector<User>` or a bare constructor name) or, without one, any boxed constructor or
    /// function by its id. Trailing bytes are an error.
    pub fn decode(&self, bytes: &[u8], ty: Option<&str>) -> Result<Value> {
        let mut r = Reader::new(bytes).with_max_depth(MAX_DEPTH);
        let value = match ty {
            Some(text) => with_type(text, |ty| self.read_type(&mut r, ty, &Generics::default()))?,
            None => self.read_boxed_any(&mut r, None)?,
        };
        r.finish()?;
        Ok(value)
    }

    /// Encodes a JSON value (as [`Codec::decode`] gives) back to bytes.
    pub fn encode(&self, value: &Value, ty: Option<&str>) -> Result<Vec<u8>> {
        let mut out = Vec::new();
        match ty {
            Some(text) => with_type(text, |ty| self.write_type(&mut out, value, ty, &Generics::default(), 0))?,
            None => self.write_boxed_any(&mut out, value, 0)?,
        }
        Ok(out)
    }

    fn read_boxed_any(&self, r: &mut Reader<'_>, of_type: Option<&str>) -> Result<Value> {
        let at = r.position();
        let id = r.read_id()?;
        let Some(def) = self.by_id.get(&id) else {
            let expected = of_type.map_or("any constructor or function".to_string(), |t| format!("a `{t}`"));
            return err(format!("unknown constructor id 0x{id:08x} at byte {at}, expected {expected}"));
        };
        if let Some(t) = of_type
            && def.result.name != t
            && def.section == Section::Types
        {
            return err(format!("constructor `{}` at byte {at} is not a `{t}`", def.name.text));
        }
        self.read_fields(r, def)
    }

    fn read_fields(&self, r: &mut Reader<'_>, def: &Definition<'_>) -> Result<Value> {
        r.enter()?;
        let mut obj = Map::new();
        obj.insert("_".into(), Value::String(def.name.text.into()));
        let mut flags: HashMap<&str, u32> = HashMap::new();
        let mut generics = Generics::default();
        for p in &def.params {
            match &p.kind {
                ParamKind::Generic { name, .. } => generics.names.push(name.text.to_string()),
                ParamKind::Field { name, cond, ty } => {
                    if let Some(f) = cond {
                        let word = flags.get(f.field.text).copied().unwrap_or(0);
                        let set = f.bit < 32 && word & (1 << f.bit) != 0;
                        if ty.name == "true" {
                            obj.insert(name.text.into(), Value::Bool(set));
                            continue;
                        }
                        if !set {
                            continue;
                        }
                    } else if ty.name == "#" && self.is_flags_word(def, name.text) {
                        flags.insert(name.text, r.read_u32()?);
                        continue;
                    }
                    let value = self.read_type(r, ty, &generics)?;
                    obj.insert(name.text.into(), value);
                }
                _ => return err(format!("`{}` is a builtin and has no fields to decode", def.name.text)),
            }
        }
        r.leave();
        Ok(Value::Object(obj))
    }

    fn is_flags_word(&self, def: &Definition<'_>, field: &str) -> bool {
        def.fields().any(|(_, c, _)| c.is_some_and(|f| f.field.text == field))
    }

    fn read_type(&self, r: &mut Reader<'_>, ty: &Type<'_>, generics: &Generics) -> Result<Value> {
        if ty.bang || generics.names.iter().any(|g| g == ty.name) {
            return self.read_boxed_any(r, None);
        }
        Ok(match ty.name {
            "int" | "Int" | "int32" => Value::from(r.read_i32()?),
            "long" | "Long" | "int53" | "int64" => Value::from(r.read_i64()?),
            "#" => Value::from(r.read_u32()?),
            "double" | "Double" => serde_json::Number::from_f64(r.read_f64()?).map_or(Value::Null, Value::Number),
            "string" | "String" => Value::String(String::from_utf8_lossy(r.read_bytes_ref()?).into_owned()),
            "bytes" | "Bytes" => Value::String(hex(r.read_bytes_ref()?)),
            "int128" | "Int128" => Value::String(hex(&r.read_array::<16>()?)),
            "int256" | "Int256" => Value::String(hex(&r.read_array::<32>()?)),
            "Bool" => {
                let at = r.position();
                match r.read_id()? {
                    tlayer::BOOL_TRUE_ID => Value::Bool(true),
                    tlayer::BOOL_FALSE_ID => Value::Bool(false),
                    id => return err(format!("unknown constructor id 0x{id:08x} at byte {at}, expected a `Bool`")),
                }
            }
            "Vector" | "vector" => {
                let [elem] = ty.args.as_slice() else { return err("a vector needs one element type") };
                if ty.name == "Vector" {
                    let at = r.position();
                    let id = r.read_id()?;
                    if id != tlayer::VECTOR_ID {
                        return err(format!("unknown constructor id 0x{id:08x} at byte {at}, expected a `Vector`"));
                    }
                }
                let at = r.position();
                let count = r.read_u32()? as usize;
                if count > r.remaining() {
                    return err(format!("vector of {count} elements at byte {at} is longer than the input"));
                }
                r.enter()?;
                let mut items = Vec::with_capacity(count.min(r.remaining() / 4));
                for _ in 0..count {
                    items.push(self.read_type(r, elem, generics)?);
                }
                r.leave();
                Value::Array(items)
            }
            name => {
                if ty.percent || ty.is_bare() {
                    let def = self.bare_constructor(ty)?;
                    self.read_fields(r, def)?
                } else {
                    self.read_boxed_any(r, Some(name))?
                }
            }
        })
    }

    /// The constructor a bare type names: `%T` (T's only constructor) or a lowercase name.
    fn bare_constructor(&self, ty: &Type<'_>) -> Result<&'s Definition<'s>> {
        if ty.percent {
            return match self.by_type.get(ty.name).map(Vec::as_slice) {
                Some([one]) => Ok(one),
                _ => err(format!("`%{}` needs a type with exactly one constructor", ty.name)),
            };
        }
        match self.by_name.get(ty.name) {
            Some(def) => Ok(def),
            None => err(format!("unknown type `{}`", ty.name)),
        }
    }

    fn write_boxed_any(&self, out: &mut Vec<u8>, value: &Value, depth: u32) -> Result<()> {
        let def = self.constructor_of(value)?;
        out.extend_from_slice(&def.wire_id().to_le_bytes());
        self.write_fields(out, value, def, depth)
    }

    fn constructor_of(&self, value: &Value) -> Result<&'s Definition<'s>> {
        let name = value.get("_").and_then(Value::as_str).ok_or_else(|| {
            CodecError(format!("expected an object with a `_` key naming its constructor, found {value}"))
        })?;
        self.by_name.get(name).copied().ok_or_else(|| CodecError(format!("unknown constructor `{name}`")))
    }

    fn write_fields(&self, out: &mut Vec<u8>, value: &Value, def: &Definition<'_>, depth: u32) -> Result<()> {
        if depth > MAX_DEPTH {
            return err("value nested too deeply");
        }
        let obj = value.as_object().ok_or_else(|| CodecError(format!("expected an object for `{}`", def.name.text)))?;
        let mut generics = Generics::default();
        for p in &def.params {
            match &p.kind {
                ParamKind::Generic { name, .. } => generics.names.push(name.text.to_string()),
                ParamKind::Field { name, cond, ty } => {
                    if cond.is_some() {
                        if ty.name != "true"
                            && let Some(v) = obj.get(name.text).filter(|v| !v.is_null())
                        {
                            self.write_type(out, v, ty, &generics, depth + 1)?;
                        }
                        continue;
                    }
                    if ty.name == "#" && self.is_flags_word(def, name.text) {
                        out.extend_from_slice(&self.flags_word(def, name.text, obj).to_le_bytes());
                        continue;
                    }
                    let v = obj
                        .get(name.text)
                        .ok_or_else(|| CodecError(format!("`{}` needs field `{}`", def.name.text, name.text)))?;
                    self.write_type(out, v, ty, &generics, depth + 1)?;
                }
                _ => return err(format!("`{}` is a builtin and cannot be encoded", def.name.text)),
            }
        }
        Ok(())
    }

    fn flags_word(&self, def: &Definition<'_>, word: &str, obj: &Map<String, Value>) -> u32 {
        let mut flags = 0u32;
        for (name, cond, ty) in def.fields() {
            let Some(f) = cond.filter(|f| f.field.text == word && f.bit < 32) else { continue };
            let present = match obj.get(name.text) {
                Some(Value::Bool(b)) if ty.name == "true" => *b,
                Some(Value::Null) | None => false,
                Some(_) => true,
            };
            if present {
                flags |= 1 << f.bit;
            }
        }
        flags
    }

    fn write_type(&self, out: &mut Vec<u8>, v: &Value, ty: &Type<'_>, generics: &Generics, depth: u32) -> Result<()> {
        if ty.bang || generics.names.iter().any(|g| g == ty.name) {
            return self.write_boxed_any(out, v, depth);
        }
        let mismatch = || CodecError(format!("expected a `{}`, found {v}", ty.name));
        match ty.name {
            "int" | "Int" | "int32" => {
                let n = v.as_i64().and_then(|n| i32::try_from(n).ok()).ok_or_else(mismatch)?;
                out.extend_from_slice(&n.to_le_bytes());
            }
            "#" => {
                let n = v.as_u64().and_then(|n| u32::try_from(n).ok()).ok_or_else(mismatch)?;
                out.extend_from_slice(&n.to_le_bytes());
            }
            "long" | "Long" | "int53" | "int64" => {
                out.extend_from_slice(&v.as_i64().ok_or_else(mismatch)?.to_le_bytes())
            }
            "double" | "Double" => out.extend_from_slice(&v.as_f64().ok_or_else(mismatch)?.to_bits().to_le_bytes()),
            "string" | "String" => tlayer::TlWrite::write_bare(v.as_str().ok_or_else(mismatch)?, out),
            "bytes" | "Bytes" => tlayer::TlWrite::write_bare(&unhex(v.as_str().ok_or_else(mismatch)?)?[..], out),
            "int128" | "Int128" | "int256" | "Int256" => {
                let raw = unhex(v.as_str().ok_or_else(mismatch)?)?;
                let want = if ty.name.ends_with("128") { 16 } else { 32 };
                if raw.len() != want {
                    return err(format!("`{}` needs {want} bytes, found {}", ty.name, raw.len()));
                }
                out.extend_from_slice(&raw);
            }
            "Bool" => tlayer::TlWrite::write_bare(&v.as_bool().ok_or_else(mismatch)?, out),
            "Vector" | "vector" => {
                let [elem] = ty.args.as_slice() else { return err("a vector needs one element type") };
                let items = v.as_array().ok_or_else(mismatch)?;
                if ty.name == "Vector" {
                    out.extend_from_slice(&tlayer::VECTOR_ID.to_le_bytes());
                }
                out.extend_from_slice(&(items.len() as u32).to_le_bytes());
                for item in items {
                    self.write_type(out, item, elem, generics, depth + 1)?;
                }
            }
            name => {
                if ty.percent || ty.is_bare() {
                    let def = self.bare_constructor(ty)?;
                    self.write_fields(out, v, def, depth)?;
                } else {
                    let def = self.constructor_of(v)?;
                    if def.result.name != name {
                        return err(format!("constructor `{}` is not a `{name}`", def.name.text));
                    }
                    out.extend_from_slice(&def.wire_id().to_le_bytes());
                    self.write_fields(out, v, def, depth)?;
                }
            }
        }
        Ok(())
    }
}

/// Type parameters in scope (`X` of `{X:Type}` / `!X`).
#[derive(Default)]
struct Generics {
    names: Vec<String>,
}

/// Runs `f` on the type `text` (as written in a schema: `Vector<User>`, `messages.Messages`).
fn with_type<R>(text: &str, f: impl FnOnce(&Type<'_>) -> Result<R>) -> Result<R> {
    let src = format!("t x:{text} = T;");
    let parsed = tlayer_parser::parse(&src, &tlayer_parser::Options::default());
    let ty = parsed.schema.definitions.first().and_then(|d| d.fields().next()).map(|(_, _, ty)| ty);
    match ty {
        Some(ty) if ty.span.end as usize == src.len() - " = T;".len() => f(ty),
        _ => err(format!("`{text}` is not a TL type")),
    }
}

/// Lowercase hex.
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Bytes of a hex string (whitespace ignored).
pub fn unhex(text: &str) -> Result<Vec<u8>> {
    let digits: Vec<u8> = text.bytes().filter(|c| !c.is_ascii_whitespace()).collect();
    if digits.len() % 2 != 0 {
        return err("odd number of hex digits");
    }
    digits
        .chunks(2)
        .map(|pair| {
            let s = std::str::from_utf8(pair).unwrap_or("");
            u8::from_str_radix(s, 16).map_err(|_| CodecError(format!("`{s}` is not a hex byte")))
        })
        .collect()
}
