//! The encoder: JSON (as `decode` prints it) to bytes, refusing whatever it could not write
//! faithfully, with the path of the field at fault.

use super::gzip;
use super::index::{ANY_FILE, Codec, Entry, Role};
use super::scalar::{OBJECT_HEX, TlBytes, describe, parse_double, parse_tl_bytes, unhex};
use super::tree::{Map, Value};
use super::{
    Failure, MAX_DEPTH, MAX_FRAMES, MAX_TL_BYTES, Request, Result, Seg, at_path, byte_width, is_builtin, wire_name,
    with_type,
};
use tlayer_parser::{Section, Type};

/// Encodes `value` as `request` says.
pub(super) fn encode(codec: &Codec<'_>, value: &Value, request: &Request) -> Result<Vec<u8>> {
    let mut enc = Enc { codec, out: Vec::new(), depth: 0, frames: 0, path: Vec::new() };
    if request.envelope {
        enc.envelope(value, request)?;
    } else {
        enc.top(value, request)?;
    }
    Ok(enc.out)
}

#[derive(Clone, Copy)]
struct Scope<'a, 's> {
    generics: &'a [&'s str],
    file: usize,
}

const TOP: Scope<'static, 'static> = Scope { generics: &[], file: ANY_FILE };

struct Enc<'c, 's> {
    codec: &'c Codec<'s>,
    out: Vec<u8>,
    depth: u32,
    frames: u32,
    path: Vec<Seg<'s>>,
}

/// Writes a TL `string`/`bytes` payload with its length prefix and padding (zeros unless given).
fn put_tl_bytes(out: &mut Vec<u8>, b: &TlBytes) {
    let header = if b.data.len() < 254 && !b.long_length {
        out.push(b.data.len() as u8);
        1
    } else {
        out.push(0xfe);
        out.extend_from_slice(&(b.data.len() as u32).to_le_bytes()[..3]);
        4
    };
    out.extend_from_slice(&b.data);
    match &b.padding {
        Some(p) => out.extend_from_slice(p),
        None => out.resize(out.len() + (4 - (header + b.data.len()) % 4) % 4, 0),
    }
}

impl<'s> Enc<'_, 's> {
    fn fail(&self, message: impl std::fmt::Display) -> Failure {
        at_path(&self.path, message)
    }

    fn top(&mut self, value: &Value, request: &Request) -> Result<()> {
        match &request.ty {
            None => self.boxed_any(value, None, ANY_FILE),
            Some(text) => with_type(text, request.bare, |ty| {
                if let Some(f) = self.codec.function(ty.name).filter(|_| !ty.percent) {
                    self.out.extend_from_slice(&f.def.wire_id().to_le_bytes());
                    return self.object(value, f, f.boxed);
                }
                if ty.percent || (ty.is_bare() && !is_builtin(ty.name)) {
                    let entry = self.codec.bare(ty, ANY_FILE)?;
                    self.object(value, entry, false)
                } else {
                    self.codec.check_type(ty)?;
                    self.value(value, ty, TOP)
                }
            }),
        }
    }

    fn envelope(&mut self, value: &Value, request: &Request) -> Result<()> {
        let obj =
            value.as_object().ok_or_else(|| self.fail(format!("expected an object, found {}", describe(value))))?;
        const KEYS: [&str; 4] = ["auth_key_id", "message_id", "message_length", "body"];
        if let Some(k) = obj.keys().find(|k| !KEYS.contains(k)) {
            return Err(self.fail(format!("unknown key `{k}` in the envelope (its keys: {})", KEYS.join(", "))));
        }
        if let Some(k) = obj.get("auth_key_id")
            && k.as_i64() != Some(0)
        {
            return Err(self.fail(format!("`auth_key_id` must be 0 in an unencrypted message, found {}", describe(k))));
        }
        self.path.push(Seg::Label("message_id"));
        let id = obj.get("message_id").ok_or_else(|| self.fail("missing"))?;
        let id = id
            .as_i64()
            .filter(|_| !id.is_f64())
            .ok_or_else(|| self.fail(format!("expected a `long`, found {}", describe(id))))?;
        self.path.pop();
        let body = obj.get("body").ok_or_else(|| self.fail("missing field `body`"))?;
        self.out.extend_from_slice(&0i64.to_le_bytes());
        self.out.extend_from_slice(&id.to_le_bytes());
        let len_at = self.out.len();
        self.out.extend_from_slice(&[0; 4]);
        self.path.push(Seg::Label("body"));
        self.top(body, request)?;
        self.path.pop();
        let len = self.out.len() - len_at - 4;
        let len = i32::try_from(len).map_err(|_| self.fail("the body is longer than an `int` can say"))?;
        if let Some(given) = obj.get("message_length")
            && given.as_i64() != Some(i64::from(len))
        {
            return Err(self.fail(format!("`message_length` is {given}, but the body takes {len} bytes")));
        }
        self.out[len_at..len_at + 4].copy_from_slice(&len.to_le_bytes());
        Ok(())
    }

    fn enter(&mut self) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail(format!("value nested deeper than the limit of {MAX_DEPTH} levels")));
        }
        self.depth += 1;
        Ok(())
    }

    fn int<T: TryFrom<i64> + TryFrom<u64>>(&self, v: &Value, tl: &str) -> Result<T> {
        let Value::Number(n) = v else {
            return Err(self.fail(format!("expected {tl}, found {}", describe(v))));
        };
        if n.is_f64() {
            return Err(self.fail(format!("expected {tl} (an integer), found {}", describe(v))));
        }
        let fits = match (n.as_i64(), n.as_u64()) {
            (Some(i), _) => T::try_from(i).ok(),
            (_, Some(u)) => T::try_from(u).ok(),
            _ => None,
        };
        fits.ok_or_else(|| self.fail(format!("{n} is out of range for {tl}")))
    }

    /// A TL `string` (`text`) or `bytes` from its JSON form, length and padding checked.
    fn tl_bytes(&mut self, v: &Value, text: bool) -> Result<()> {
        let b = parse_tl_bytes(v, text).map_err(|e| self.fail(e))?;
        self.put_checked(&b, if text { "string" } else { "bytes" })
    }

    /// Writes `b`, refusing an over-long payload or padding of the wrong length.
    fn put_checked(&mut self, b: &TlBytes, tl: &str) -> Result<()> {
        if b.data.len() > MAX_TL_BYTES {
            return Err(
                self.fail(format!("{} bytes is longer than a TL `{tl}` can be ({MAX_TL_BYTES} bytes)", b.data.len()))
            );
        }
        let header = if b.data.len() < 254 && !b.long_length { 1 } else { 4 };
        let pad = (4 - (header + b.data.len()) % 4) % 4;
        if let Some(p) = &b.padding
            && p.len() != pad
        {
            return Err(self.fail(format!("`padding_hex` has {} bytes; this length needs {pad}", p.len())));
        }
        put_tl_bytes(&mut self.out, b);
        Ok(())
    }

    fn hex_field(&self, v: &Value, tl: &str) -> Result<Vec<u8>> {
        let text =
            v.as_str().ok_or_else(|| self.fail(format!("expected `{tl}` as a hex string, found {}", describe(v))))?;
        unhex(text).map_err(|e| self.fail(format!("bad hex for `{tl}`: {e}")))
    }

    fn value(&mut self, v: &Value, ty: &Type<'_>, scope: Scope<'_, 's>) -> Result<()> {
        if ty.name == "Object"
            && !ty.bang
            && let Some(raw) = v.as_object().filter(|m| m.len() == 1).and_then(|m| m.get(OBJECT_HEX))
        {
            let data = self.hex_field(raw, OBJECT_HEX)?;
            self.out.extend_from_slice(&data);
            return Ok(());
        }
        if ty.bang || ty.name == "Object" || scope.generics.contains(&ty.name) {
            return self.boxed_any(v, None, scope.file);
        }
        if let Some(width) = byte_width(ty.name) {
            let data = self.hex_field(v, ty.name)?;
            if data.len() != width {
                return Err(self.fail(format!("`{}` needs {width} bytes, found {}", ty.name, data.len())));
            }
            self.out.extend_from_slice(&data);
            return Ok(());
        }
        match wire_name(ty.name) {
            "int" => {
                let n: i32 = self.int(v, "an `int`")?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            "long" => {
                let n: i64 = self.int(v, "a `long`")?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            "#" => {
                let n: u32 = self.int(v, "a `#`")?;
                self.out.extend_from_slice(&n.to_le_bytes());
            }
            "double" => {
                let x = parse_double(v).map_err(|e| self.fail(e))?;
                self.out.extend_from_slice(&x.to_bits().to_le_bytes());
            }
            "string" => self.tl_bytes(v, true)?,
            "bytes" => self.tl_bytes(v, false)?,
            "Bool" => {
                let b =
                    v.as_bool().ok_or_else(|| self.fail(format!("expected true or false, found {}", describe(v))))?;
                let id = if b { tlayer::BOOL_TRUE_ID } else { tlayer::BOOL_FALSE_ID };
                self.out.extend_from_slice(&id.to_le_bytes());
            }
            "true" => {
                if v != &Value::Bool(true) {
                    return Err(self.fail(format!("expected true, found {}", describe(v))));
                }
            }
            "vector" => self.vector(v, ty, scope)?,
            name => {
                if ty.percent || ty.is_bare() {
                    let entry = self.codec.bare(ty, scope.file).map_err(|e| self.fail(e))?;
                    self.object(v, entry, entry.boxed)?;
                } else {
                    self.boxed_any(v, Some(name), scope.file)?;
                }
            }
        }
        Ok(())
    }

    fn vector(&mut self, v: &Value, ty: &Type<'_>, scope: Scope<'_, 's>) -> Result<()> {
        let [elem] = ty.args.as_slice() else { return Err(self.fail("a vector needs one element type")) };
        let items = v.as_array().ok_or_else(|| self.fail(format!("expected an array, found {}", describe(v))))?;
        let count = i32::try_from(items.len()).map_err(|_| self.fail("more elements than a TL vector can hold"))?;
        if ty.name == "Vector" && !ty.percent {
            self.out.extend_from_slice(&tlayer::VECTOR_ID.to_le_bytes());
        }
        self.out.extend_from_slice(&count.to_le_bytes());
        self.enter()?;
        for (i, item) in items.iter().enumerate() {
            self.path.push(Seg::Index(i));
            self.value(item, elem, scope)?;
            self.path.pop();
        }
        self.depth -= 1;
        Ok(())
    }

    fn boxed_any(&mut self, v: &Value, expected: Option<&str>, file: usize) -> Result<()> {
        let name = v.get("_").and_then(Value::as_str).ok_or_else(|| {
            self.fail(format!("expected an object with a `_` key naming its constructor, found {}", describe(v)))
        })?;
        let entry = self
            .codec
            .by_json_name(name, expected, file)
            .ok_or_else(|| self.fail(format!("unknown constructor `{name}`")))?;
        if let Some(t) = expected
            && (entry.def.section != Section::Types || entry.def.result.name != t)
        {
            return Err(self.fail(format!("`{name}` is not a `{t}`")));
        }
        self.out.extend_from_slice(&entry.def.wire_id().to_le_bytes());
        self.object(v, entry, entry.boxed)
    }

    /// Which fields sharing a flag bit are present; refuses a bit given only partly and a
    /// flags word that contradicts its fields. Returns each flags word's value by field index.
    fn flags(&self, obj: &Map, entry: &Entry<'s>) -> Result<Vec<(usize, u32)>> {
        let mut words = Vec::new();
        for (w, word) in entry.fields.iter().enumerate() {
            let Role::Flags { mask } = word.role else { continue };
            let mut computed = 0u32;
            // For each bit: a field that is present and one that is absent, if any.
            let mut seen: Vec<(u32, Option<&str>, Option<&str>)> = Vec::new();
            for f in &entry.fields {
                let Role::Cond { word: fw, bit } = f.role else { continue };
                if fw != w {
                    continue;
                }
                let present = match (f.ty.name, obj.get(f.name)) {
                    (_, None) | (_, Some(Value::Null)) => false,
                    ("true", Some(Value::Bool(b))) => *b,
                    ("true", Some(other)) => {
                        return Err(at_path(
                            &[&self.path[..], &[Seg::Field(f.name)]].concat(),
                            format!("expected true or false, found {}", describe(other)),
                        ));
                    }
                    (_, Some(_)) => true,
                };
                let slot = match seen.iter_mut().find(|(b, ..)| *b == bit) {
                    Some(slot) => slot,
                    None => {
                        seen.push((bit, None, None));
                        seen.last_mut().expect("just pushed")
                    }
                };
                if present {
                    computed |= 1 << bit;
                    slot.1.get_or_insert(f.name);
                } else {
                    slot.2.get_or_insert(f.name);
                }
                if let (Some(given), Some(missing)) = (slot.1, slot.2) {
                    return Err(at_path(
                        &[&self.path[..], &[Seg::Field(missing)]].concat(),
                        format!("`{given}` and `{missing}` share bit {bit} of `{}`: give both or neither", word.name),
                    ));
                }
            }
            let value = match obj.get(word.name) {
                None => computed,
                Some(given) => {
                    let path = [&self.path[..], &[Seg::Field(word.name)]].concat();
                    let given: u32 = match given.as_u64().filter(|_| !given.is_f64()).map(u32::try_from) {
                        Some(Ok(n)) => n,
                        _ => {
                            return Err(at_path(
                                &path,
                                format!("expected a `#` (0 to 4294967295), found {}", describe(given)),
                            ));
                        }
                    };
                    if given & mask != computed {
                        let bit = (given & mask ^ computed).trailing_zeros();
                        let field =
                            entry.fields.iter().find(|f| f.role == Role::Cond { word: w, bit }).map_or("", |f| f.name);
                        let (state, field_state) =
                            if given & (1 << bit) != 0 { ("set", "absent") } else { ("clear", "given") };
                        return Err(at_path(
                            &path,
                            format!("bit {bit} is {state}, but `{field}` (flags bit {bit}) is {field_state}"),
                        ));
                    }
                    given
                }
            };
            words.push((w, value));
        }
        Ok(words)
    }

    /// A constructor's or function's fields from a JSON object; `counted`: one nesting level.
    fn object(&mut self, v: &Value, entry: &Entry<'s>, counted: bool) -> Result<()> {
        if let Some(why) = &entry.unusable {
            return Err(self.fail(why));
        }
        let obj = v
            .as_object()
            .ok_or_else(|| self.fail(format!("expected an object for `{}`, found {}", entry.display, describe(v))))?;
        if let Some(name) = obj.get("_") {
            let fits = name.as_str().is_some_and(|n| n == entry.display || n == entry.def.name.text);
            if !fits {
                return Err(self.fail(format!("`_` is {name}, but this place holds a bare `{}`", entry.display)));
            }
        }
        let extra: &[&str] = if entry.gzip { &["unpacked", "unpacked_error"] } else { &[] };
        if let Some(k) =
            obj.keys().find(|k| *k != "_" && !extra.contains(k) && !entry.fields.iter().any(|f| f.name == *k))
        {
            let names: Vec<&str> = entry.fields.iter().map(|f| f.name).collect();
            let fields = if names.is_empty() { "none".to_string() } else { names.join(", ") };
            return Err(self.fail(format!("unknown key `{k}` for `{}` (its fields: {fields})", entry.display)));
        }
        if counted {
            self.enter()?;
        }
        self.frames += 1;
        if self.frames > MAX_FRAMES {
            return Err(self.fail(format!("more than {MAX_FRAMES} constructors nested")));
        }
        let words = self.flags(obj, entry)?;
        let scope = Scope { generics: &entry.generics, file: entry.file };
        let mut length_at: Option<(usize, Option<&Value>)> = None;
        for (i, f) in entry.fields.iter().enumerate() {
            self.path.push(Seg::Field(f.name));
            match f.role {
                Role::Flags { .. } => {
                    let w = words.iter().find(|(j, _)| *j == i).map_or(0, |(_, w)| *w);
                    self.out.extend_from_slice(&w.to_le_bytes());
                }
                Role::Cond { .. } => {
                    if f.ty.name != "true"
                        && let Some(x) = obj.get(f.name).filter(|x| !x.is_null())
                    {
                        self.value(x, f.ty, scope)?;
                    }
                }
                Role::Length => {
                    length_at = Some((self.out.len(), obj.get(f.name)));
                    self.out.extend_from_slice(&[0; 4]);
                }
                Role::Plain if entry.gzip => self.gzip(obj, f.name, f.ty, entry.file)?,
                Role::Plain => {
                    let x =
                        obj.get(f.name).ok_or_else(|| self.fail(format!("missing; `{}` needs it", entry.display)))?;
                    self.value(x, f.ty, scope)?;
                    if let Some((at, given)) = length_at.take() {
                        self.patch_length(at, given)?;
                    }
                }
            }
            self.path.pop();
        }
        self.frames -= 1;
        if counted {
            self.depth -= 1;
        }
        Ok(())
    }

    /// Fills in MTProto's `bytes:int` with the length of the body just written; a given
    /// `bytes` must agree.
    fn patch_length(&mut self, at: usize, given: Option<&Value>) -> Result<()> {
        let len = self.out.len() - at - 4;
        let len = i32::try_from(len).map_err(|_| self.fail("the body is longer than an `int` can say"))?;
        if let Some(g) = given
            && g.as_i64() != Some(i64::from(len))
        {
            return Err(self.fail(format!("`bytes` is {g}, but the body takes {len} bytes")));
        }
        self.out[at..at + 4].copy_from_slice(&len.to_le_bytes());
        Ok(())
    }

    /// `gzip_packed`: the packed bytes as given; or, given only `unpacked`, that value gzipped.
    /// Both given: they must agree.
    fn gzip(&mut self, obj: &Map, field: &str, ty: &Type<'_>, file: usize) -> Result<()> {
        let text = ty.name != "bytes";
        let packed = match obj.get(field) {
            Some(v) => Some(parse_tl_bytes(v, text).map_err(|e| self.fail(e))?),
            None => None,
        };
        let unpacked = match obj.get("unpacked") {
            Some(u) => {
                // `unpacked` is a sibling of the packed field.
                let seg = self.path.pop();
                let saved = std::mem::take(&mut self.out);
                self.path.push(Seg::Label("unpacked"));
                self.enter()?;
                let inner = self.boxed_any(u, None, file);
                self.depth -= 1;
                self.path.pop();
                self.path.extend(seg);
                let inner_bytes = std::mem::replace(&mut self.out, saved);
                inner?;
                Some(inner_bytes)
            }
            None => None,
        };
        let b = match (packed, unpacked) {
            (Some(p), Some(u)) => {
                let inflated = gzip::inflate(&p.data, gzip::MAX_UNPACKED).map_err(|e| self.fail(e))?;
                if inflated != u {
                    return Err(self.fail(format!(
                        "`{field}` unpacks to other bytes than `unpacked` encodes to: give only one of them"
                    )));
                }
                p
            }
            (Some(p), None) => p,
            (None, Some(u)) => TlBytes { data: gzip::deflate(&u), long_length: false, padding: None },
            (None, None) => return Err(self.fail(format!("missing; give `{field}` or `unpacked`"))),
        };
        self.put_checked(&b, if text { "string" } else { "bytes" })
    }
}
