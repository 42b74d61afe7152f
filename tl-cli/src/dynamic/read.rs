//! The decoder: bytes in, JSON out as it goes (nothing is built in memory), with the checks
//! that keep it bounded (a vector's count against the bytes left, a cap on zero-byte
//! elements, the nesting limit) and lossless (canonical lengths, zero padding).

use super::gzip;
use super::index::{ANY_FILE, Codec, Entry, Role};
use super::json_out::JsonOut;
use super::scalar::{BYTES_HEX, LONG_LENGTH, OBJECT_HEX, PADDING_HEX, hex, special_double};
use super::{
    Failure, MAX_DEPTH, MAX_FRAMES, Request, Result, Seg, at_path, byte_width, is_builtin, wire_name, with_type,
};
use std::io::Write;
use tlayer_parser::{Section, Type};

/// Decodes `bytes` into JSON on `out`: a silent checking pass, then the written one.
pub(super) fn decode<W: Write>(codec: &Codec<'_>, bytes: &[u8], request: &Request, out: W) -> Result<W> {
    let mut dec = Dec::new(codec, JsonOut::new(out), bytes.len());
    dec.out.muted = true;
    dec.run(bytes, request)?;
    dec = Dec::new(codec, dec.out, bytes.len());
    dec.out.muted = false;
    dec.run(bytes, request)?;
    dec.out.finish()?;
    Ok(dec.out.into_inner())
}

/// A position in the input (or in unpacked `gzip_packed` data).
struct Cur<'b> {
    buf: &'b [u8],
    pos: usize,
    /// Offset of `buf[0]` in what error messages count from.
    base: usize,
}

impl<'b> Cur<'b> {
    fn at(&self) -> usize {
        self.base + self.pos
    }

    fn remaining(&self) -> usize {
        self.buf.len() - self.pos
    }

    fn take(&mut self, n: usize, what: &str) -> std::result::Result<&'b [u8], String> {
        match self.buf.get(self.pos..self.pos + n) {
            Some(s) if self.pos + n <= self.buf.len() => {
                self.pos += n;
                Ok(s)
            }
            _ => Err(format!(
                "unexpected end of input at byte {}: {what} needs {n} bytes, {} left",
                self.at(),
                self.remaining()
            )),
        }
    }

    fn array<const N: usize>(&mut self, what: &str) -> std::result::Result<[u8; N], String> {
        let s = self.take(N, what)?;
        let mut a = [0; N];
        a.copy_from_slice(s);
        Ok(a)
    }

    fn u32(&mut self, what: &str) -> std::result::Result<u32, String> {
        self.array::<4>(what).map(u32::from_le_bytes)
    }

    /// A TL `string`/`bytes` payload and how it was written (non-canonical forms are kept,
    /// so that they encode back the same); the reserved 0xff prefix is an error.
    fn tl_bytes(&mut self, what: &str) -> std::result::Result<(&'b [u8], Irregular<'b>), String> {
        let start = self.at();
        let first = self.array::<1>(what)?[0];
        let (len, header) = match first {
            0xff => return Err(format!("reserved length prefix 0xff for {what} at byte {start}")),
            0xfe => {
                let [a, b, c] = self.array::<3>(what)?;
                (u32::from_le_bytes([a, b, c, 0]) as usize, 4)
            }
            n => (usize::from(n), 1),
        };
        if len > self.remaining() {
            return Err(format!(
                "{what} of {len} bytes at byte {start} is longer than the {} bytes left",
                self.remaining()
            ));
        }
        let data = self.take(len, what)?;
        let padding = self.take((4 - (header + len) % 4) % 4, what)?;
        let irregular = Irregular {
            long_length: header == 4 && len < 254,
            padding: padding.iter().any(|&b| b != 0).then_some(padding),
        };
        Ok((data, irregular))
    }

    fn finish(&self) -> std::result::Result<(), String> {
        match self.remaining() {
            0 => Ok(()),
            n => Err(format!("{n} trailing bytes at byte {} after the value", self.at())),
        }
    }
}

/// How a TL byte string was written when not the canonical way.
struct Irregular<'b> {
    /// A length below 254 written with the 4-byte prefix.
    long_length: bool,
    /// Padding that is not all zero.
    padding: Option<&'b [u8]>,
}

impl Irregular<'_> {
    fn any(&self) -> bool {
        self.long_length || self.padding.is_some()
    }
}

/// Type parameters in scope and the file names resolve in first.
#[derive(Clone, Copy)]
struct Scope<'a, 's> {
    generics: &'a [&'s str],
    file: usize,
}

const TOP: Scope<'static, 'static> = Scope { generics: &[], file: ANY_FILE };

struct Dec<'c, 's, W: Write> {
    codec: &'c Codec<'s>,
    out: JsonOut<W>,
    depth: u32,
    frames: u32,
    /// How many more vector elements may take zero bytes.
    zero_budget: usize,
    /// How many more bytes `gzip_packed` values may unpack to.
    inflate_budget: usize,
    path: Vec<Seg<'s>>,
}

impl<'c, 's, W: Write> Dec<'c, 's, W> {
    fn new(codec: &'c Codec<'s>, out: JsonOut<W>, input_len: usize) -> Self {
        Dec {
            codec,
            out,
            depth: 0,
            frames: 0,
            zero_budget: input_len,
            inflate_budget: gzip::unpack_budget(input_len),
            path: Vec::new(),
        }
    }

    fn fail(&self, message: impl std::fmt::Display) -> Failure {
        at_path(&self.path, message)
    }

    fn ok<T>(&self, x: std::result::Result<T, String>) -> Result<T> {
        x.map_err(|e| self.fail(e))
    }

    fn run(&mut self, bytes: &[u8], request: &Request) -> Result<()> {
        let mut cur = Cur { buf: bytes, pos: 0, base: 0 };
        if request.envelope {
            self.envelope(&mut cur, request)?;
        } else {
            self.top(&mut cur, request)?;
        }
        cur.finish().map_err(|e| self.fail(e))
    }

    fn top(&mut self, cur: &mut Cur<'_>, request: &Request) -> Result<()> {
        match &request.ty {
            None => self.boxed_any(cur, None, ANY_FILE),
            Some(text) => with_type(text, request.bare, |ty| {
                if let Some(f) = self.codec.function(ty.name).filter(|_| !ty.percent) {
                    // A function named as the type: boxed, its id checked.
                    let at = cur.at();
                    let id = cur.u32("a constructor id").map_err(|e| self.fail(e))?;
                    if id != f.def.wire_id() {
                        return Err(self.fail(format!(
                            "constructor id 0x{id:08x} at byte {at} is not `{}` (0x{:08x})",
                            f.display,
                            f.def.wire_id()
                        )));
                    }
                    return self.object(cur, f, f.boxed);
                }
                if ty.percent || (ty.is_bare() && !is_builtin(ty.name)) {
                    // A bare value at the top is read as the struct itself: no `Box`, no level.
                    let entry = self.codec.bare(ty, ANY_FILE)?;
                    self.object(cur, entry, false)
                } else {
                    self.codec.check_type(ty)?;
                    self.value(cur, ty, TOP)
                }
            }),
        }
    }

    /// The unencrypted MTProto envelope: `auth_key_id` (0), `message_id`, `message_length`,
    /// then the body.
    fn envelope(&mut self, cur: &mut Cur<'_>, request: &Request) -> Result<()> {
        self.out.begin_object()?;
        self.out.key("auth_key_id")?;
        let key = i64::from_le_bytes(cur.array::<8>("`auth_key_id` (a long)").map_err(|e| self.fail(e))?);
        if key != 0 {
            return Err(self.fail(format!(
                "`auth_key_id` is {key:#x}, not 0: an encrypted message, which cannot be decoded without its key"
            )));
        }
        self.out.raw("0")?;
        self.out.key("message_id")?;
        let id = i64::from_le_bytes(cur.array::<8>("`message_id` (a long)").map_err(|e| self.fail(e))?);
        self.out.raw(&id.to_string())?;
        self.out.key("message_length")?;
        let at = cur.at();
        let len = i32::from_le_bytes(cur.array::<4>("`message_length` (an int)").map_err(|e| self.fail(e))?);
        self.out.raw(&len.to_string())?;
        if len < 0 || len as usize != cur.remaining() {
            return Err(
                self.fail(format!("`message_length` at byte {at} is {len}, but {} bytes follow it", cur.remaining()))
            );
        }
        self.out.key("body")?;
        self.path.push(Seg::Label("body"));
        self.top(cur, request)?;
        self.path.pop();
        self.out.end_object()?;
        Ok(())
    }

    fn enter(&mut self, at: usize) -> Result<()> {
        if self.depth >= MAX_DEPTH {
            return Err(self.fail(format!("value nested deeper than the limit of {MAX_DEPTH} levels at byte {at}")));
        }
        self.depth += 1;
        Ok(())
    }

    fn value(&mut self, cur: &mut Cur<'_>, ty: &Type<'_>, scope: Scope<'_, 's>) -> Result<()> {
        if ty.name == "Object" && !ty.bang {
            let id = cur.buf.get(cur.pos..cur.pos + 4).map(|b| u32::from_le_bytes([b[0], b[1], b[2], b[3]]));
            if let Some(id) = id
                && self.codec.by_id(id, None, scope.file).is_none()
            {
                // A value of a schema not given: kept whole, as generated code keeps it.
                let rest = cur.take(cur.remaining(), "an `Object`").map_err(|e| self.fail(e))?;
                self.out.begin_object()?;
                self.out.key(OBJECT_HEX)?;
                self.out.string(&hex(rest))?;
                return Ok(self.out.end_object()?);
            }
        }
        if ty.bang || ty.name == "Object" || scope.generics.contains(&ty.name) {
            return self.boxed_any(cur, None, scope.file);
        }
        if let Some(width) = byte_width(ty.name) {
            let v = self.ok(cur.take(width, &format!("an `{}`", ty.name)))?;
            return Ok(self.out.string(&hex(v))?);
        }
        match wire_name(ty.name) {
            "int" => {
                let v = self.ok(cur.array::<4>("an `int`"))?;
                self.out.raw(&i32::from_le_bytes(v).to_string())?;
            }
            "long" => {
                let v = self.ok(cur.array::<8>("a `long`"))?;
                self.out.raw(&i64::from_le_bytes(v).to_string())?;
            }
            "#" => {
                let v = self.ok(cur.u32("a `#`"))?;
                self.out.raw(&v.to_string())?;
            }
            "double" => {
                let x = f64::from_bits(u64::from_le_bytes(self.ok(cur.array::<8>("a `double`"))?));
                match special_double(x) {
                    None => self.out.finite_f64(x)?,
                    Some(text) => self.out.string(&text)?,
                }
            }
            "string" => {
                let (data, irregular) = self.ok(cur.tl_bytes("a `string`"))?;
                self.tl_text(data, &irregular, true)?;
            }
            "bytes" => {
                let (data, irregular) = self.ok(cur.tl_bytes("`bytes`"))?;
                self.tl_text(data, &irregular, false)?;
            }
            "Bool" => {
                let at = cur.at();
                match self.ok(cur.u32("a `Bool`"))? {
                    tlayer::BOOL_TRUE_ID => self.out.raw("true")?,
                    tlayer::BOOL_FALSE_ID => self.out.raw("false")?,
                    id => {
                        return Err(
                            self.fail(format!("unknown constructor id 0x{id:08x} at byte {at}, expected a `Bool`"))
                        );
                    }
                }
            }
            "true" => self.out.raw("true")?,
            "vector" => self.vector(cur, ty, scope)?,
            name => {
                if ty.percent || ty.is_bare() {
                    let entry = self.codec.bare(ty, scope.file).map_err(|e| self.fail(e))?;
                    self.object(cur, entry, entry.boxed)?;
                } else {
                    self.boxed_any(cur, Some(name), scope.file)?;
                }
            }
        }
        Ok(())
    }

    /// A TL `string` (`text`) or `bytes`: a JSON string (UTF-8 text, or hex for `bytes`) when
    /// that says everything; else `{"bytes_hex": ...}` with `long_length`/`padding_hex` as needed.
    fn tl_text(&mut self, data: &[u8], irregular: &Irregular<'_>, text: bool) -> Result<()> {
        let utf8 = if text { std::str::from_utf8(data).ok() } else { None };
        match utf8 {
            Some(s) if !irregular.any() => self.out.string(s)?,
            None if !text && !irregular.any() => self.out.string(&hex(data))?,
            _ => {
                self.out.begin_object()?;
                self.out.key(BYTES_HEX)?;
                self.out.string(&hex(data))?;
                if irregular.long_length {
                    self.out.key(LONG_LENGTH)?;
                    self.out.raw("true")?;
                }
                if let Some(p) = irregular.padding {
                    self.out.key(PADDING_HEX)?;
                    self.out.string(&hex(p))?;
                }
                self.out.end_object()?;
            }
        }
        Ok(())
    }

    fn vector(&mut self, cur: &mut Cur<'_>, ty: &Type<'_>, scope: Scope<'_, 's>) -> Result<()> {
        let [elem] = ty.args.as_slice() else { return Err(self.fail("a vector needs one element type")) };
        if ty.name == "Vector" && !ty.percent {
            let at = cur.at();
            let id = cur.u32("a `Vector`").map_err(|e| self.fail(e))?;
            if id != tlayer::VECTOR_ID {
                return Err(self.fail(format!("unknown constructor id 0x{id:08x} at byte {at}, expected a `Vector`")));
            }
        }
        let at = cur.at();
        let count = cur.u32("a vector's count").map_err(|e| self.fail(e))? as usize;
        if count > cur.remaining() {
            return Err(self.fail(format!(
                "vector of {count} elements at byte {at} is longer than the {} bytes left",
                cur.remaining()
            )));
        }
        self.enter(cur.at())?;
        self.out.begin_array()?;
        for i in 0..count {
            self.path.push(Seg::Index(i));
            self.out.element()?;
            let before = cur.at();
            self.value(cur, elem, scope)?;
            if cur.at() == before {
                if self.zero_budget == 0 {
                    return Err(self.fail(format!(
                        "too many elements of zero bytes (at byte {before}): more than the input has bytes"
                    )));
                }
                self.zero_budget -= 1;
            }
            self.path.pop();
        }
        self.out.end_array()?;
        self.depth -= 1;
        Ok(())
    }

    fn boxed_any(&mut self, cur: &mut Cur<'_>, expected: Option<&str>, file: usize) -> Result<()> {
        let at = cur.at();
        let id = cur.u32("a constructor id").map_err(|e| self.fail(e))?;
        let Some(entry) = self.codec.by_id(id, expected, file) else {
            let wanted = expected.map_or("any constructor or function".to_string(), |t| format!("a `{t}`"));
            return Err(self.fail(format!("unknown constructor id 0x{id:08x} at byte {at}, expected {wanted}")));
        };
        if let Some(t) = expected
            && (entry.def.section != Section::Types || entry.def.result.name != t)
        {
            return Err(self.fail(format!("`{}` at byte {at} is not a `{t}`", entry.display)));
        }
        self.object(cur, entry, entry.boxed)
    }

    /// A constructor's or function's fields, as an object; `counted`: one nesting level.
    fn object(&mut self, cur: &mut Cur<'_>, entry: &Entry<'s>, counted: bool) -> Result<()> {
        if let Some(why) = &entry.unusable {
            return Err(self.fail(why));
        }
        if counted {
            self.enter(cur.at())?;
        }
        self.frames += 1;
        if self.frames > MAX_FRAMES {
            return Err(self.fail(format!("more than {MAX_FRAMES} constructors nested at byte {}", cur.at())));
        }
        let scope = Scope { generics: &entry.generics, file: entry.file };
        self.out.begin_object()?;
        self.out.key("_")?;
        self.out.string(&entry.display)?;
        let mut words: Vec<(usize, u32)> = Vec::new();
        let mut length: Option<(usize, i32)> = None;
        for (i, f) in entry.fields.iter().enumerate() {
            self.path.push(Seg::Field(f.name));
            match f.role {
                Role::Flags { mask } => {
                    let v = cur.u32("a flags word").map_err(|e| self.fail(e))?;
                    words.push((i, v));
                    if v & !mask != 0 {
                        // Bits no field uses: kept, so the bytes come back.
                        self.out.key(f.name)?;
                        self.out.raw(&v.to_string())?;
                    }
                }
                Role::Cond { word, bit } => {
                    let w = words.iter().find(|(j, _)| *j == word).map_or(0, |(_, w)| *w);
                    let set = w & (1 << bit) != 0;
                    if f.ty.name == "true" {
                        self.out.key(f.name)?;
                        self.out.raw(if set { "true" } else { "false" })?;
                    } else if set {
                        self.out.key(f.name)?;
                        self.value(cur, f.ty, scope)?;
                    }
                }
                Role::Length => {
                    let at = cur.at();
                    let n = i32::from_le_bytes(cur.array::<4>("an `int`").map_err(|e| self.fail(e))?);
                    self.out.key(f.name)?;
                    self.out.raw(&n.to_string())?;
                    length = Some((at, n));
                }
                Role::Plain if entry.gzip => self.gzip(cur, f.ty, entry.file)?,
                Role::Plain => {
                    self.out.key(f.name)?;
                    match length.take() {
                        Some((at, n)) => self.sized(cur, f.ty, scope, at, n)?,
                        None => self.value(cur, f.ty, scope)?,
                    }
                }
            }
            self.path.pop();
        }
        self.out.end_object()?;
        self.frames -= 1;
        if counted {
            self.depth -= 1;
        }
        Ok(())
    }

    /// A value that must take exactly `n` bytes (MTProto's `message` body).
    fn sized(&mut self, cur: &mut Cur<'_>, ty: &Type<'_>, scope: Scope<'_, 's>, at: usize, n: i32) -> Result<()> {
        let n = usize::try_from(n).ok().filter(|&n| n <= cur.remaining()).ok_or_else(|| {
            self.fail(format!("the length {n} at byte {at} does not fit the {} bytes left", cur.remaining()))
        })?;
        let mut sub = Cur { buf: &cur.buf[cur.pos..cur.pos + n], pos: 0, base: cur.at() };
        self.value(&mut sub, ty, scope)?;
        if sub.remaining() != 0 {
            return Err(
                self.fail(format!("the value takes {} of the {n} bytes the length at byte {at} gives it", sub.pos))
            );
        }
        cur.pos += n;
        Ok(())
    }

    /// `gzip_packed`: the packed bytes as they are, then `unpacked` (the value they hold) or
    /// `unpacked_error` (why they do not unpack to a value of this schema).
    fn gzip(&mut self, cur: &mut Cur<'_>, ty: &Type<'_>, file: usize) -> Result<()> {
        let field = self.path.last().copied();
        let (data, irregular) = cur.tl_bytes("`packed_data`").map_err(|e| self.fail(e))?;
        if let Some(Seg::Field(name)) = field {
            self.out.key(name)?;
        }
        self.tl_text(data, &irregular, ty.name != "bytes")?;
        // `unpacked` is a sibling of the packed field, not inside it.
        let seg = self.path.pop();
        let result = self.unpack(data, file);
        self.path.extend(seg);
        result
    }

    /// `unpacked` (the value `data` unpacks to) or `unpacked_error` (why there is none).
    fn unpack(&mut self, data: &[u8], file: usize) -> Result<()> {
        let inflated = match gzip::inflate(data, self.inflate_budget) {
            Ok(v) => v,
            Err(e) => {
                self.out.key("unpacked_error")?;
                return Ok(self.out.string(&e)?);
            }
        };
        // Each unpacking costs at least 64 bytes of the budget: nesting cannot multiply work.
        self.inflate_budget = self.inflate_budget.saturating_sub(inflated.len().max(64));
        self.zero_budget = self.zero_budget.saturating_add(inflated.len());
        let saved = (self.out.muted, self.out.open(), self.depth, self.frames, self.path.len());
        self.out.muted = true;
        let trial = self.unpacked(&inflated, file);
        self.out.muted = saved.0;
        self.out.truncate(saved.1);
        (self.depth, self.frames) = (saved.2, saved.3);
        self.path.truncate(saved.4);
        match trial {
            Err(Failure::Bad(e)) => {
                self.out.key("unpacked_error")?;
                self.out.string(&e)?;
            }
            Err(io) => return Err(io),
            Ok(()) => {
                self.out.key("unpacked")?;
                self.unpacked(&inflated, file)?;
            }
        }
        Ok(())
    }

    fn unpacked(&mut self, data: &[u8], file: usize) -> Result<()> {
        self.path.push(Seg::Label("unpacked"));
        self.enter(0)?;
        let mut sub = Cur { buf: data, pos: 0, base: 0 };
        self.boxed_any(&mut sub, None, file)?;
        sub.finish().map_err(|e| self.fail(e))?;
        self.depth -= 1;
        self.path.pop();
        Ok(())
    }
}
