//! Properties of the run-time codec: random values of random constructors of real schemas
//! (layer 230, td_api) go through encode → decode → encode unchanged; bytes near valid ones
//! either fail to decode or come back exactly; every double and every string keeps its bytes;
//! decoding allocates nothing in proportion to its output; nesting is counted like generated code.
//!
//! Why one file of this size: the codec's properties share one generator of random values per
//! schema and its helpers.

use crate::dynamic::index::{Codec, Entry, Role};
use crate::dynamic::scalar::{BYTES_HEX, hex, special_double};
use crate::dynamic::{Failure, MAX_DEPTH, Request};
use proptest::prelude::*;
use serde_json::{Map, Value};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::sync::OnceLock;
use tlayer_parser::{Section, Type};

/// Parses `text` (leaked: the codec lives for the whole test run).
fn leak_codec(texts: &[&str]) -> Codec<'static> {
    let schemas: Vec<&'static tlayer_parser::Schema<'static>> = texts
        .iter()
        .map(|t| {
            let text: &'static str = Box::leak(t.to_string().into_boxed_str());
            let parsed = tlayer_parser::parse(text, &tlayer_parser::Options::default());
            assert_eq!(parsed.count(tlayer_parser::Severity::Error), 0, "{:?}", parsed.diagnostics.first());
            &*Box::leak(Box::new(parsed.schema))
        })
        .collect();
    Codec::new(&schemas)
}

fn read(rel: &str) -> String {
    std::fs::read_to_string(format!("{}/../{rel}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

fn layer230() -> &'static Codec<'static> {
    static C: OnceLock<Codec<'static>> = OnceLock::new();
    C.get_or_init(|| leak_codec(&[&read("schema/tl/layer230.tl")]))
}

/// The schemas the round-trip properties run on: layer 230, td_api, TON's three, secret chats,
/// and the official MTProto schema read together with layer 230.
fn schemas() -> &'static [Codec<'static>] {
    static C: OnceLock<Vec<Codec<'static>>> = OnceLock::new();
    C.get_or_init(|| {
        let one = |f: &str| leak_codec(&[&read(f)]);
        vec![
            one("schema/tl/layer230.tl"),
            one("corpus/tdlib_td_api.tl"),
            one("corpus/ton_api.tl"),
            one("corpus/ton_lite_api.tl"),
            one("corpus/ton_tonlib_api.tl"),
            one("corpus/tdlib_secret_api.tl"),
            leak_codec(&[&read("corpus/mtproto_official_danog.tl"), &read("schema/tl/layer230.tl")]),
        ]
    })
}

fn small(text: &str) -> Codec<'static> {
    leak_codec(&[text])
}

fn decode(c: &Codec<'_>, bytes: &[u8], request: &Request) -> Result<String, String> {
    match c.decode_to(bytes, request, Vec::new()) {
        Ok(out) => Ok(String::from_utf8(out).unwrap()),
        Err(Failure::Bad(e)) => Err(e),
        Err(Failure::Io(e)) => panic!("{e}"),
    }
}

fn encode(c: &Codec<'_>, json: &str, request: &Request) -> Result<Vec<u8>, String> {
    c.encode(json, request).map_err(|e| e.to_string())
}

/// splitmix64: the random choices of one generated value, from a proptest seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn bytes(&mut self) -> Vec<u8> {
        // Mostly short, sometimes past 253 (the 4-byte length prefix).
        let len = if self.below(8) == 0 { 250 + self.below(20) } else { self.below(12) };
        (0..len).map(|_| self.next() as u8).collect()
    }
}

/// A random value of TL type `ty` in the JSON form, or `None` when the walk went too deep.
struct Gen<'c> {
    c: &'c Codec<'static>,
    rng: Rng,
}

impl Gen<'_> {
    fn value(&mut self, ty: &Type<'_>, generics: &[&str], file: usize, depth: u32) -> Option<Value> {
        if depth > 14 {
            return None;
        }
        let r = &mut self.rng;
        if ty.bang || ty.name == "Object" || generics.contains(&ty.name) {
            let types: Vec<&Entry<'_>> =
                self.c.entries.iter().filter(|e| e.def.section == Section::Types && e.generics.is_empty()).collect();
            let e = types[r.below(types.len())];
            return self.object(e, depth + 1);
        }
        Some(match ty.name {
            "int" | "int32" => Value::from(r.next() as i32),
            "long" | "int53" | "int64" => Value::from(r.next() as i64),
            "#" => Value::from(r.next() as u32),
            "double" => {
                let x = f64::from_bits(match r.below(4) {
                    0 => [0x7ff8_0000_0000_0000, 0x7ff0_0000_0000_0000, 0x8000_0000_0000_0000, 0xfff0_0000_0000_0001]
                        [r.below(4)],
                    _ => r.next(),
                });
                match special_double(x) {
                    Some(s) => Value::String(s),
                    None => serde_json::Number::from_f64(x).map(Value::Number)?,
                }
            }
            "string" => {
                let b = if r.below(2) == 0 {
                    "héllo \"wörld\"\n\u{1}".as_bytes()[..r.below(18)].to_vec()
                } else {
                    r.bytes()
                };
                match String::from_utf8(b) {
                    Ok(s) => Value::String(s),
                    Err(e) => {
                        Value::Object(Map::from_iter([(BYTES_HEX.to_string(), Value::String(hex(e.as_bytes())))]))
                    }
                }
            }
            "bytes" => Value::String(hex(&r.bytes())),
            "int128" => Value::String(hex(&r.next().to_le_bytes().repeat(2))),
            "int256" => Value::String(hex(&r.next().to_le_bytes().repeat(4))),
            "Bool" => Value::Bool(r.below(2) == 0),
            "true" => Value::Bool(true),
            "Vector" | "vector" => {
                let n = if depth > 4 { 0 } else { r.below(3) };
                let mut items = Vec::new();
                for _ in 0..n {
                    items.push(self.value(&ty.args[0], generics, file, depth + 1)?);
                }
                Value::Array(items)
            }
            name => {
                if ty.percent || ty.is_bare() {
                    let e = self.c.bare(ty, file).ok()?;
                    return self.object(e, depth + 1);
                }
                let list = self.c.by_type.get(&(file, name))?;
                let pick = if depth > 5 {
                    *list.iter().min_by_key(|&&i| self.c.entries[i].fields.len())?
                } else {
                    list[r.below(list.len())]
                };
                return self.object(&self.c.entries[pick], depth + 1);
            }
        })
    }

    fn object(&mut self, e: &Entry<'_>, depth: u32) -> Option<Value> {
        let mut obj = Map::new();
        obj.insert("_".into(), Value::String(e.display.clone()));
        let mut bits: Vec<((usize, u32), bool)> = Vec::new();
        for f in &e.fields {
            match f.role {
                Role::Flags { .. } | Role::Length => {}
                Role::Cond { word, bit } => {
                    let present = match bits.iter().find(|(k, _)| *k == (word, bit)) {
                        Some((_, p)) => *p,
                        None => {
                            let p = depth < 6 && self.rng.below(2) == 0;
                            bits.push(((word, bit), p));
                            p
                        }
                    };
                    if f.ty.name == "true" {
                        obj.insert(f.name.into(), Value::Bool(present));
                    } else if present {
                        obj.insert(f.name.into(), self.value(f.ty, &e.generics, e.file, depth)?);
                    }
                }
                Role::Plain => {
                    obj.insert(f.name.into(), self.value(f.ty, &e.generics, e.file, depth)?);
                }
            }
        }
        Some(Value::Object(obj))
    }
}

/// A random value of a random constructor or function of `c` (by seed), if one was made.
fn random_value(c: &'static Codec<'static>, seed: u64) -> Option<Value> {
    let mut g = Gen { c, rng: Rng(seed) };
    let usable: Vec<&Entry<'_>> = c.entries.iter().filter(|e| e.unusable.is_none()).collect();
    let e = usable[g.rng.below(usable.len())];
    g.object(e, 0)
}

/// encode → decode → encode gives the same bytes and the same JSON; bytes near those either
/// fail to decode or encode back exactly.
fn round_trip(c: &'static Codec<'static>, seed: u64, flips: &[(usize, u8)]) {
    let Some(value) = random_value(c, seed) else { return };
    let any = Request::default();
    let bytes = encode(c, &value.to_string(), &any).unwrap_or_else(|e| panic!("{e}\n{value}"));
    let json = decode(c, &bytes, &any).unwrap_or_else(|e| panic!("{e}\n{value}"));
    let mut back: Value = serde_json::from_str(&json).unwrap();
    // Random `gzip_packed` bytes are no gzip: decode says why next to them.
    strip_unpacked_errors(&mut back);
    // `decode` also shows a computed length (`bytes:int` before an `Object`), which the random
    // value leaves out: compare both without such entries (the bytes are compared exactly below).
    let mut expected = value.clone();
    strip_lengths(&mut back);
    strip_lengths(&mut expected);
    assert_eq!(back, expected);
    assert_eq!(encode(c, &json, &any).unwrap(), bytes, "{json}");
    let mut mutated = bytes.clone();
    for &(at, x) in flips {
        if !mutated.is_empty() {
            let i = at % mutated.len();
            mutated[i] ^= x;
        }
    }
    if let Ok(json) = decode(c, &mutated, &any) {
        assert_eq!(encode(c, &json, &any).unwrap(), mutated, "{json}");
    }
}

/// Drops each `bytes` number that is followed by an object, as a length field before its `Object`.
fn strip_lengths(v: &mut Value) {
    match v {
        Value::Object(map) => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let is_length = keys.iter().position(|k| k == "bytes").is_some_and(|i| {
                map["bytes"].is_number() && keys.get(i + 1).is_some_and(|next| map[next.as_str()].is_object())
            });
            if is_length {
                map.shift_remove("bytes");
            }
            map.values_mut().for_each(strip_lengths);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_lengths),
        _ => {}
    }
}

fn strip_unpacked_errors(v: &mut Value) {
    match v {
        Value::Object(map) => {
            map.shift_remove("unpacked_error");
            map.values_mut().for_each(strip_unpacked_errors);
        }
        Value::Array(items) => items.iter_mut().for_each(strip_unpacked_errors),
        _ => {}
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn random_values_of_real_schemas_round_trip(
        which in 0..7usize,
        seed in any::<u64>(),
        flips in proptest::collection::vec((any::<usize>(), 1..=255u8), 1..3),
    ) {
        round_trip(&schemas()[which], seed, &flips);
    }

    #[test]
    fn every_double_keeps_its_bits(bits in any::<u64>()) {
        let c = doubles();
        let mut bytes = c.entries[0].def.wire_id().to_le_bytes().to_vec();
        bytes.extend_from_slice(&bits.to_le_bytes());
        let json = decode(c, &bytes, &Request::default()).unwrap();
        prop_assert_eq!(encode(c, &json, &Request::default()).unwrap(), bytes);
    }

    /// Edited JSON either is refused or encodes to bytes that decode and encode back the same
    /// (no panic, nothing written that cannot be read).
    #[test]
    fn edited_json_is_refused_or_faithful(
        which in 0..7usize,
        seed in any::<u64>(),
        edits in proptest::collection::vec((any::<usize>(), 0..12usize), 1..4),
    ) {
        let c = &schemas()[which];
        let Some(value) = random_value(c, seed) else { return Ok(()) };
        let mut text = value.to_string().into_bytes();
        const SNIPPETS: [&str; 12] = ["1", "-", "\"", "{", "}", "[", "]", ",", "null", "true", "1e999", "\"_\":\"x\""];
        for (at, which) in edits {
            let i = at % (text.len() + 1);
            text.splice(i..i, SNIPPETS[which].bytes());
        }
        let text = String::from_utf8_lossy(&text).into_owned();
        if let Ok(bytes) = encode(c, &text, &Request::default()) {
            let json = decode(c, &bytes, &Request::default()).unwrap();
            prop_assert_eq!(encode(c, &json, &Request::default()).unwrap(), bytes);
        }
    }

    /// Irregular forms (generated code reads them): the 4-byte length prefix below 254, any
    /// padding bytes.
    #[test]
    fn every_written_form_of_a_string_comes_back(
        data in proptest::collection::vec(any::<u8>(), 0..300),
        long in any::<bool>(),
        pad_seed in any::<u32>(),
    ) {
        let c = doubles();
        let mut bytes = c.entries[1].def.wire_id().to_le_bytes().to_vec();
        let header = if data.len() < 254 && !long { 1 } else { 4 };
        if header == 1 {
            bytes.push(data.len() as u8);
        } else {
            bytes.extend_from_slice(&[0xfe, data.len() as u8, (data.len() >> 8) as u8, 0]);
        }
        bytes.extend_from_slice(&data);
        let pad = (4 - (header + data.len()) % 4) % 4;
        bytes.extend_from_slice(&pad_seed.to_le_bytes()[..pad]);
        let json = decode(c, &bytes, &Request::default()).unwrap();
        prop_assert_eq!(encode(c, &json, &Request::default()).unwrap(), bytes);
    }

    #[test]
    fn every_string_keeps_its_bytes(data in proptest::collection::vec(any::<u8>(), 0..600)) {
        let c = doubles();
        let mut bytes = c.entries[1].def.wire_id().to_le_bytes().to_vec();
        bytes.extend_from_slice(&write_tl_bytes(&data));
        let json = decode(c, &bytes, &Request::default()).unwrap();
        let value: Value = serde_json::from_str(&json).unwrap();
        prop_assert_eq!(value["x"].is_string(), std::str::from_utf8(&data).is_ok());
        prop_assert_eq!(encode(c, &json, &Request::default()).unwrap(), bytes);
    }
}

/// `d x:double = D;` and `s x:string = S;`.
fn doubles() -> &'static Codec<'static> {
    static C: OnceLock<Codec<'static>> = OnceLock::new();
    C.get_or_init(|| small("d x:double = D;\ns x:string = S;\n"))
}

/// A TL byte string, written out here independently of the codec.
fn write_tl_bytes(data: &[u8]) -> Vec<u8> {
    let mut out = if data.len() < 254 {
        vec![data.len() as u8]
    } else {
        let n = data.len() as u32;
        vec![0xfe, n as u8, (n >> 8) as u8, (n >> 16) as u8]
    };
    out.extend_from_slice(data);
    while out.len() % 4 != 0 {
        out.push(0);
    }
    out
}

#[test]
fn doubles_print_as_documented() {
    let c = doubles();
    let shown = |bits: u64| {
        let mut bytes = c.entries[0].def.wire_id().to_le_bytes().to_vec();
        bytes.extend_from_slice(&bits.to_le_bytes());
        let v: Value = serde_json::from_str(&decode(c, &bytes, &Request::default()).unwrap()).unwrap();
        v["x"].to_string()
    };
    assert_eq!(shown(0x7ff8_0000_0000_0000), r#""NaN""#);
    assert_eq!(shown(0xfff8_0000_0000_0001), r#""NaN:0xfff8000000000001""#);
    assert_eq!(shown(0x7ff0_0000_0000_0000), r#""Infinity""#);
    assert_eq!(shown(0xfff0_0000_0000_0000), r#""-Infinity""#);
    assert_eq!(shown(0x8000_0000_0000_0000), "-0.0");
    // The double of issue 11 that came back one bit off.
    assert_eq!(shown(u64::from_le_bytes([0xa0, 0x35, 0x43, 0x7f, 0x1e, 0x83, 0x5d, 0x40])), "118.04873639644075");
}

#[test]
fn encode_refuses_with_the_field_named() {
    let c = small(
        "f flags:# a:flags.0?int b:flags.0?string c:flags.1?true = F;\n\
         g x:int y:long z:Bool w:double s:string = G;\n\
         h f:G = H;\n",
    );
    let refused = |json: &str| encode(&c, json, &Request::default()).unwrap_err();
    let g = |fields: &str| refused(&format!(r#"{{"_":"h","f":{{"_":"g",{fields}}}}}"#));
    let base = r#""x":1,"y":2,"z":true,"w":1.5,"s":"t""#;
    assert_eq!(g(&format!("{base},\"zz\":1")), "`f`: unknown key `zz` for `g` (its fields: x, y, z, w, s)");
    assert_eq!(g(&base.replace("true", "1")), "`f.z`: expected true or false, found the number 1");
    assert_eq!(g(&base.replace("\"x\":1", "\"x\":4294967296")), "`f.x`: 4294967296 is out of range for an `int`");
    assert_eq!(
        g(&base.replace("\"y\":2", "\"y\":9223372036854775808")),
        "`f.y`: 9223372036854775808 is out of range for a `long`"
    );
    assert_eq!(g(&base.replace("\"x\":1", "\"x\":1.0")), "`f.x`: expected an `int` (an integer), found the number 1.0");
    assert_eq!(
        g(&base.replace("1.5", "9007199254740993")),
        "`f.w`: 9007199254740993 is not exactly a double; write it with a fraction or exponent"
    );
    assert_eq!(g(&base.replace(",\"s\":\"t\"", "")), "`f.s`: missing; `g` needs it");
    assert_eq!(
        refused(&format!(r#"{{"_":"h","f":{{"_":"g",{base},"x":2}}}}"#)),
        "bad JSON: `f.x`: duplicate key `x` at line 1 column 62"
    );
    assert_eq!(refused(r#"{"_":"f","a":1}"#), "`b`: `a` and `b` share bit 0 of `flags`: give both or neither");
    assert_eq!(refused(r#"{"_":"f","b":"x"}"#), "`a`: `b` and `a` share bit 0 of `flags`: give both or neither");
    assert_eq!(refused(r#"{"_":"f","flags":1}"#), "`flags`: bit 0 is set, but `a` (flags bit 0) is absent");
    assert_eq!(refused(r#"{"_":"f","c":"yes"}"#), "`c`: expected true or false, found a string \"yes\"");
    let long = format!(r#"{{"_":"g",{}}}"#, base.replace("\"t\"", &format!("\"{}\"", "a".repeat(1 << 24))));
    assert_eq!(refused(&long), "`s`: 16777216 bytes is longer than a TL `string` can be (16777215 bytes)");
    // One byte less fits.
    let fits = format!(r#"{{"_":"g",{}}}"#, base.replace("\"t\"", &format!("\"{}\"", "a".repeat((1 << 24) - 1))));
    assert_eq!(encode(&c, &fits, &Request::default()).unwrap().len(), 4 + 4 + 8 + 4 + 8 + 4 + (1 << 24) - 1 + 1);
}

#[test]
fn unknown_flag_bits_come_back() {
    let c = small("f flags:# a:flags.0?int c:flags.1?true = F;\n");
    // f#... flags = bit 0 | bit 30, a = 7.
    let id = c.entries[0].def.wire_id();
    let mut bytes = id.to_le_bytes().to_vec();
    bytes.extend_from_slice(&(1u32 | 1 << 30).to_le_bytes());
    bytes.extend_from_slice(&7i32.to_le_bytes());
    let json = decode(&c, &bytes, &Request::default()).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v, serde_json::json!({"_": "f", "flags": 1073741825u32, "a": 7, "c": false}));
    assert_eq!(encode(&c, &json, &Request::default()).unwrap(), bytes);
}

/// Nested vectors of bare elements are bare inside: counts only, no ids (issue 11).
#[test]
fn nested_bare_vectors_have_exact_bytes() {
    let c = small("foo x:int = Foo;\nz a:vector<vector<%Foo>> b:Vector<Vector<foo>> = Z;\n");
    let json = r#"{"_":"z","a":[[{"_":"foo","x":1}],[]],"b":[[{"_":"foo","x":2},{"_":"foo","x":3}]]}"#;
    let bytes = encode(&c, json, &Request::default()).unwrap();
    let z = c.entries[1].def.wire_id().to_le_bytes();
    let want: Vec<u8> = [
        &z[..],
        &[2, 0, 0, 0],             // a: outer count
        &[1, 0, 0, 0, 1, 0, 0, 0], // count 1, foo x = 1 (bare: no id)
        &[0, 0, 0, 0],             // count 0
        &[0x15, 0xc4, 0xb5, 0x1c], // b: Vector id
        &[1, 0, 0, 0],
        &[0x15, 0xc4, 0xb5, 0x1c], // inner Vector id
        &[2, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0],
    ]
    .concat();
    assert_eq!(bytes, want);
    let back: Value = serde_json::from_str(&decode(&c, &bytes, &Request::default()).unwrap()).unwrap();
    assert_eq!(back, serde_json::from_str::<Value>(json).unwrap());
}

#[test]
fn zero_byte_elements_are_capped() {
    let c = small("e = E;\nz v:vector<vector<%E>> = Z;\n");
    let z = c.entries[1].def.wire_id().to_le_bytes();
    // 1000 inner vectors of up to 4000 empty elements each: 4 KB of counts.
    let mut bytes = z.to_vec();
    bytes.extend_from_slice(&1000u32.to_le_bytes());
    for i in 0..1000u32 {
        bytes.extend_from_slice(&(4 * (999 - i)).to_le_bytes());
    }
    let err = decode(&c, &bytes, &Request::default()).unwrap_err();
    // The first inner vector takes 3996 of the budget (the input's 4008 bytes).
    let want = format!("`v[1][{}]`: too many elements of zero bytes (at byte ", bytes.len() - 3996);
    assert!(err.starts_with(&want), "{err}");
    // Fewer than the input has bytes pass: [[e, e, e, e], []].
    let mut ok = z.to_vec();
    ok.extend_from_slice(&[2, 0, 0, 0, 4, 0, 0, 0, 0, 0, 0, 0]);
    let json = decode(&c, &ok, &Request::default()).unwrap();
    assert_eq!(encode(&c, &json, &Request::default()).unwrap(), ok);
}

#[test]
fn a_count_longer_than_the_input_is_refused_before_anything_is_read() {
    let c = layer230();
    let bytes = [0x15, 0xc4, 0xb5, 0x1c, 0xff, 0xff, 0xff, 0x7f];
    let r = Request { ty: Some("Vector<long>".into()), ..Request::default() };
    assert_eq!(
        decode(c, &bytes, &r).unwrap_err(),
        "vector of 2147483647 elements at byte 4 is longer than the 0 bytes left"
    );
}

thread_local! {
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
}

/// Counts the bytes each thread holds, and the most it held.
struct Counting;

fn count(delta: isize) {
    let _ = LIVE.try_with(|live| {
        live.set(live.get() + delta);
        let _ = PEAK.try_with(|peak| peak.set(peak.get().max(live.get())));
    });
}

// SAFETY: forwards to the system allocator; the counting touches only const thread-locals.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        // SAFETY: same layout, as the caller promised.
        unsafe { System.alloc(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        // SAFETY: as the caller promised.
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        // SAFETY: as the caller promised.
        unsafe { System.realloc(ptr, layout, new_size) }
    }
}

#[global_allocator]
static ALLOC: Counting = Counting;

/// Decoding 400 KB of 100 000 empty constructors holds a few KB, not a tree of the output
/// (before streaming: about 140 bytes per element).
#[test]
fn decoding_memory_does_not_grow_with_the_output() {
    let c = layer230();
    let mut bytes = vec![0x15, 0xc4, 0xb5, 0x1c];
    bytes.extend_from_slice(&100_000u32.to_le_bytes());
    for _ in 0..100_000 {
        bytes.extend_from_slice(&0x7f3b_18ea_u32.to_le_bytes()); // inputPeerEmpty
    }
    let r = Request { ty: Some("Vector<InputPeer>".into()), ..Request::default() };
    let before = LIVE.with(Cell::get);
    PEAK.with(|p| p.set(before));
    let written = c.decode_to(&bytes, &r, CountingSink::default()).unwrap().0;
    let peak = PEAK.with(Cell::get) - before;
    assert!(written > 3_000_000, "{written}");
    assert!(peak < 64 * 1024, "decoding held {peak} bytes at once");
}

/// Counts what is written.
#[derive(Default)]
struct CountingSink(usize);

impl std::io::Write for CountingSink {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0 += buf.len();
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Generated code counts a level per vector and per boxed value. `textConcat
/// texts:Vector<RichText>` is not boxed (a `Vec` breaks the cycle), so only its vectors count:
/// 64 nested fit, 65 do not. `node next:Node` is boxed (a cycle without a `Vec`): one level each.
#[test]
fn nesting_is_counted_as_generated_code_counts_it() {
    let c = small("textEmpty = RichText;\ntextConcat texts:Vector<RichText> = RichText;\n");
    let concat = c.entries[1].def.wire_id().to_le_bytes();
    let empty = c.entries[0].def.wire_id().to_le_bytes();
    let nested = |n: usize| {
        let mut b = Vec::new();
        for _ in 0..n {
            b.extend_from_slice(&concat);
            b.extend_from_slice(&[0x15, 0xc4, 0xb5, 0x1c, 1, 0, 0, 0]);
        }
        b.extend_from_slice(&empty);
        b
    };
    let max = MAX_DEPTH as usize;
    let ok = nested(max);
    let json = decode(&c, &ok, &Request::default()).unwrap();
    assert_eq!(encode(&c, &json, &Request::default()).unwrap(), ok);
    let err = decode(&c, &nested(max + 1), &Request::default()).unwrap_err();
    assert!(err.ends_with("value nested deeper than the limit of 64 levels at byte 780"), "{err}");

    let c = small("leaf = Node;\nnode next:Node = Node;\n");
    let node = c.entries[1].def.wire_id().to_le_bytes();
    let leaf = c.entries[0].def.wire_id().to_le_bytes();
    let chain = |n: usize| [node.repeat(n), leaf.to_vec()].concat();
    let json = decode(&c, &chain(max), &Request::default()).unwrap();
    assert_eq!(encode(&c, &json, &Request::default()).unwrap(), chain(max));
    let err = decode(&c, &chain(max + 1), &Request::default()).unwrap_err();
    assert!(err.ends_with("value nested deeper than the limit of 64 levels at byte 260"), "{err}");
    let err =
        encode(&c, &json.replacen("{", "{\"_\": \"node\", \"next\": {", 1).replacen("}", "}}", 1), &Request::default());
    assert!(err.is_err_and(|e| e.ends_with("value nested deeper than the limit of 64 levels")));
}

/// The round-trip properties are only as good as the values they get: most seeds must give one.
#[test]
fn the_generator_gives_values_for_most_seeds() {
    for c in schemas() {
        let made = (0..200u64).filter(|&seed| random_value(c, seed).is_some()).count();
        assert!(made >= 150, "{made} of 200");
    }
}

/// `intN n*[ int ]` builtins of any width (tdlib's e2e_api `int512`) are byte arrays.
#[test]
fn wide_integers_are_hex_of_their_width() {
    let c = small("int512 16*[ int ] = Int512;\nkey k:int512 = Key;\n");
    let id = c.entries.iter().find(|e| e.def.name.text == "key").unwrap().def.wire_id();
    let mut bytes = id.to_le_bytes().to_vec();
    bytes.extend((0..64u8).map(|i| i.wrapping_mul(37)));
    let json = decode(&c, &bytes, &Request::default()).unwrap();
    let v: Value = serde_json::from_str(&json).unwrap();
    assert_eq!(v["k"], hex(&bytes[4..]));
    assert_eq!(encode(&c, &json, &Request::default()).unwrap(), bytes);
    let short = json.replace(&hex(&bytes[4..]), &hex(&bytes[4..67]));
    assert_eq!(encode(&c, &short, &Request::default()).unwrap_err(), "`k`: `int512` needs 64 bytes, found 63");
}

/// JSON deeper than any value `decode` prints is refused before it can exhaust the stack.
#[test]
fn deep_json_is_refused() {
    let c = doubles();
    let deep = "[".repeat(100_000);
    let err = std::thread::Builder::new()
        .stack_size(64 << 20)
        .spawn(move || encode(c, &deep, &Request::default()).unwrap_err())
        .unwrap()
        .join()
        .unwrap();
    assert_eq!(err, "bad JSON: nested deeper than 2184 levels at line 1 column 2185");
}
