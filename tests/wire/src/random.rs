//! A schema-driven random encoder: valid TL bytes for any definition of a parsed schema.
//!
//! The bytes are produced from the TL definitions alone, by rules written here, so that they
//! can check the generated decoders and encoders independently:
//!
//! * `int`, `long`, `double` (finite only: NaN is not equal to itself), `int128`, `int256`:
//!   random little-endian values, often edge values (`0`, `-1`, `MIN`, `MAX`);
//! * `string` (random valid UTF-8) and `bytes`: a length byte or `0xfe` and a 3-byte length,
//!   the payload, zero padding to a multiple of 4; lengths around 253/254 and longer ones are
//!   drawn often so that both forms appear;
//! * `Bool`: the id of `boolTrue` or `boolFalse` (from the schema when it has them);
//! * `Vector<T>`: the vector id, a count of 0..=3 (fewer when deep), the elements; `vector<T>`
//!   the same without the id; elements are boxed unless `T` is a bare type;
//! * flags (`#` fields that conditions refer to): each flag bit is drawn once, all the fields
//!   on that bit are written together, and the `#` field holds exactly the bits drawn; other `#`
//!   fields are random;
//! * a boxed type: a random constructor of it (its id, then its fields); deeper than
//!   [`Config::shallow_depth`] levels, or once [`Config::budget`] bytes are written, the
//!   cheapest constructor, no optional field and empty vectors, so the value always ends;
//! * a bare type (`%T`, or a constructor name such as `future_salt`): the constructor's fields
//!   without id;
//! * `!X`: a random function of the schema, boxed.
//!
//! The generator is deterministic: the same [`Rng`] seed gives the same bytes.
//!
//! Why one file of this size: one encoder, a rule per TL shape, written independently of the
//! generator on purpose; about 60 lines are its tests.

use std::cell::Cell;
use std::collections::{HashMap, HashSet, VecDeque};
use tlayer_parser::{Definition, Schema, Section, Type};

/// Constructor id of `Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// Constructor id of `boolTrue`, used when a schema does not declare it.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Constructor id of `boolFalse`, used when a schema does not declare it.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;

/// A small deterministic random number generator (xorshift64*), seeded through splitmix64.
#[derive(Clone, Debug)]
pub struct Rng {
    state: u64,
}

impl Rng {
    /// A generator for `seed`; nearby seeds give unrelated streams.
    pub fn new(seed: u64) -> Rng {
        let mut z = seed.wrapping_add(0x9e37_79b9_7f4a_7c15);
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^= z >> 31;
        // xorshift must never be in state 0.
        Rng { state: if z == 0 { 0x2545_f491_4f6c_dd1d } else { z } }
    }

    /// The next 64 random bits.
    pub fn next_u64(&mut self) -> u64 {
        let mut x = self.state;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.state = x;
        x.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// The next 32 random bits.
    pub fn next_u32(&mut self) -> u32 {
        (self.next_u64() >> 32) as u32
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: u64) -> u64 {
        assert!(n > 0, "Rng::below(0)");
        // The bias of the modulo is below 2^-40 for the small `n` used here.
        self.next_u64() % n
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        assert!(lo <= hi, "Rng::range({lo}, {hi})");
        lo + self.below((hi - lo) as u64 + 1) as usize
    }

    /// True with probability `num / den`.
    pub fn chance(&mut self, num: u64, den: u64) -> bool {
        self.below(den) < num
    }

    /// One element of a non-empty slice.
    pub fn pick<'x, T>(&mut self, items: &'x [T]) -> &'x T {
        &items[self.below(items.len() as u64) as usize]
    }

    /// `n` random bytes.
    pub fn bytes(&mut self, n: usize) -> Vec<u8> {
        (0..n).map(|_| (self.next_u64() >> 56) as u8).collect()
    }
}

/// How big the generated values get.
#[derive(Clone, Copy, Debug)]
pub struct Config {
    /// Nesting levels below the top value at which values are still drawn freely; deeper ones
    /// are minimal (cheapest constructor, no optional field, empty vectors).
    pub shallow_depth: u32,
    /// Once the output is this long, every further value is minimal.
    pub budget: usize,
    /// Largest vector count drawn at the two outermost levels (deeper: at most 1).
    pub max_vector: usize,
    /// Whether long (`0xfe` form) strings and bytes are drawn.
    pub long_strings: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config { shallow_depth: 4, budget: 16 * 1024, max_vector: 3, long_strings: true }
    }
}

/// What an [`Encoder`] has written so far, to show that the random values cover the wire forms.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Stats {
    /// Constructors and functions written, boxed or bare.
    pub values: u64,
    /// Values written bare (`%T` or a constructor name as a type).
    pub bare_values: u64,
    /// Functions written for a `!X` parameter.
    pub embedded_functions: u64,
    /// Flag bits drawn set.
    pub flag_bits_set: u64,
    /// Flag bits drawn clear.
    pub flag_bits_clear: u64,
    /// Set flag bits that carry two or more fields.
    pub shared_bits_set: u64,
    /// `string`/`bytes` values in the 1-byte length form.
    pub short_strings: u64,
    /// `string`/`bytes` values in the `0xfe` form (254 bytes or more).
    pub long_strings: u64,
    /// Vectors with at least one element.
    pub nonempty_vectors: u64,
    /// Vectors with no element.
    pub empty_vectors: u64,
    /// Deepest nesting level reached (the top value's fields are level 0).
    pub max_depth: u32,
}

/// A cost no finite value reaches: the definition has no finite value (or it is unknown yet).
const INFINITE: u32 = u32::MAX;

/// Random valid bytes for the definitions of one schema.
#[derive(Debug)]
pub struct Encoder<'s, 'a> {
    schema: &'s Schema<'a>,
    /// Constructors (types section, not builtin) by name: indices into `schema.definitions`.
    by_name: HashMap<&'a str, usize>,
    /// Constructors by the boxed type they build.
    by_type: HashMap<&'a str, Vec<usize>>,
    /// Functions (not builtin).
    functions: Vec<usize>,
    /// The number of constructors a smallest value of each definition contains, by index;
    /// [`INFINITE`] for builtins.
    cost: Vec<u32>,
    bool_true: u32,
    bool_false: u32,
    config: Config,
    stats: Cell<Stats>,
}

/// Names that stand for a primitive on the wire.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Prim {
    Int,
    Long,
    Double,
    String,
    Bytes,
    Int128,
    Int256,
    /// Any other `intN n*[ int ]` builtin (tdlib's `int512`): this many bytes.
    Wide(usize),
    Bool,
    Nat,
    Raw,
}

fn primitive(name: &str) -> Option<Prim> {
    use tlayer_parser::builtins::{Builtin, lookup};
    if name == "#" {
        return Some(Prim::Nat);
    }
    // A declared `intN n*[ int ]` wider than the table's (tdlib's `int512`).
    if let Some(n) = wide_width(name) {
        return Some(Prim::Wide(n));
    }
    Some(match lookup(name)? {
        Builtin::Int => Prim::Int,
        Builtin::Long => Prim::Long,
        Builtin::Double => Prim::Double,
        Builtin::String => Prim::String,
        Builtin::Bytes => Prim::Bytes,
        Builtin::Raw(16) => Prim::Int128,
        Builtin::Raw(32) => Prim::Int256,
        Builtin::Bool => Prim::Bool,
        Builtin::Object => Prim::Raw,
        Builtin::Raw(_) | Builtin::True | Builtin::Vector | Builtin::Type => return None,
    })
}

/// Bytes of an `intN` builtin wider than `int256` (`int512`: 64), N a multiple of 32.
fn wide_width(name: &str) -> Option<usize> {
    tlayer_parser::builtins::int_name_width(name).filter(|&w| w > 32).map(|w| w as usize)
}

/// A lowercase short name: a constructor used as a (bare) type.
fn is_bare_name(name: &str) -> bool {
    let short = name.rfind('.').map_or(name, |i| &name[i + 1..]);
    short.starts_with(|c: char| c.is_ascii_lowercase())
}

/// Equal but for ASCII case and underscores (`futureSalt` names `future_salt`).
fn same_loosely(a: &str, b: &str) -> bool {
    let fold = |s: &str| s.bytes().filter(|&c| c != b'_').map(|c| c.to_ascii_lowercase()).collect::<Vec<u8>>();
    fold(a) == fold(b)
}

/// Writes a TL `bytes`/`string` payload: length prefix, data, zero padding.
pub fn put_tl_bytes(out: &mut Vec<u8>, data: &[u8]) {
    let len = data.len();
    assert!(len < 1 << 24, "TL bytes of {len} bytes");
    let header = if len < 254 {
        out.push(len as u8);
        1
    } else {
        out.extend_from_slice(&[0xfe, len as u8, (len >> 8) as u8, (len >> 16) as u8]);
        4
    };
    out.extend_from_slice(data);
    // The whole encoding (header, payload, padding) is a multiple of 4 bytes.
    let pad = (4 - (header + len) % 4) % 4;
    out.extend_from_slice(&[0, 0, 0][..pad]);
}

impl<'s, 'a> Encoder<'s, 'a> {
    /// An encoder for `schema` with the default [`Config`].
    pub fn new(schema: &'s Schema<'a>) -> Self {
        Self::with_config(schema, Config::default())
    }

    /// An encoder for `schema` with `config`.
    pub fn with_config(schema: &'s Schema<'a>, config: Config) -> Self {
        let mut by_name = HashMap::new();
        let mut by_type: HashMap<&'a str, Vec<usize>> = HashMap::new();
        let mut functions = Vec::new();
        let mut bool_true = BOOL_TRUE_ID;
        let mut bool_false = BOOL_FALSE_ID;
        for (i, def) in schema.definitions.iter().enumerate() {
            if def.builtin {
                continue;
            }
            match def.section {
                Section::Types => {
                    by_name.insert(def.name.text, i);
                    by_type.entry(def.result.name).or_default().push(i);
                    match (def.name.text, def.result.name) {
                        ("boolTrue", "Bool") => bool_true = def.wire_id(),
                        ("boolFalse", "Bool") => bool_false = def.wire_id(),
                        _ => {}
                    }
                }
                Section::Functions => functions.push(i),
            }
        }
        let mut enc = Encoder {
            schema,
            by_name,
            by_type,
            functions,
            cost: vec![INFINITE; schema.definitions.len()],
            bool_true,
            bool_false,
            config,
            stats: Cell::new(Stats::default()),
        };
        enc.compute_costs();
        enc
    }

    /// The schema.
    pub fn schema(&self) -> &'s Schema<'a> {
        self.schema
    }

    /// What has been written since the encoder was made.
    pub fn stats(&self) -> Stats {
        self.stats.get()
    }

    fn count(&self, f: impl FnOnce(&mut Stats)) {
        let mut s = self.stats.get();
        f(&mut s);
        self.stats.set(s);
    }

    /// The `boolTrue` and `boolFalse` ids in use.
    pub fn bool_ids(&self) -> (u32, u32) {
        (self.bool_true, self.bool_false)
    }

    /// The number of constructors in a smallest value of definition `index`, or `None` when it
    /// has no finite value (a builtin, or a type only reachable through itself).
    pub fn min_cost(&self, index: usize) -> Option<u32> {
        Some(self.cost[index]).filter(|&c| c != INFINITE)
    }

    /// Index in `schema.definitions` of the constructor or function named `name`.
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.schema.definitions.iter().position(|d| !d.builtin && d.name.text == name)
    }

    /// Random boxed bytes of definition `index` (a constructor or a function): its id, then
    /// its fields.
    pub fn encode(&self, index: usize, rng: &mut Rng) -> Vec<u8> {
        let def = &self.schema.definitions[index];
        assert!(!def.builtin, "{} is a builtin", def.name.text);
        let mut out = Vec::new();
        self.put_u32(&mut out, def.wire_id());
        self.write_fields(def, rng, &mut out, 0);
        out
    }

    /// Random boxed bytes of a value of boxed type `ty` (for example `messages.Messages`).
    pub fn encode_type(&self, ty: &str, rng: &mut Rng) -> Vec<u8> {
        let mut out = Vec::new();
        let ctor = self.choose(self.by_type.get(ty).unwrap_or_else(|| panic!("no constructor of {ty}")), rng, false);
        let def = &self.schema.definitions[ctor];
        self.put_u32(&mut out, def.wire_id());
        self.write_fields(def, rng, &mut out, 0);
        out
    }

    // -----------------------------------------------------------------------------------------
    // Minimal values
    // -----------------------------------------------------------------------------------------

    /// Fixpoint: cost(definition) = 1 + the costs of its unconditional fields, where a vector,
    /// a primitive and a flags field cost 0, a bare type the cost of its constructor, a boxed
    /// type that of its cheapest constructor and `!X` that of the cheapest function.
    fn compute_costs(&mut self) {
        loop {
            let mut changed = false;
            for (i, def) in self.schema.definitions.iter().enumerate() {
                if def.builtin {
                    continue;
                }
                let mut c: u32 = 1;
                for (_, cond, ty) in def.fields() {
                    if cond.is_none() {
                        c = c.saturating_add(self.type_cost(ty));
                    }
                }
                if c < self.cost[i] {
                    self.cost[i] = c;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
    }

    fn type_cost(&self, ty: &Type<'_>) -> u32 {
        if ty.bang {
            return self.functions.iter().map(|&f| self.cost[f]).min().unwrap_or(INFINITE);
        }
        match ty.name {
            "Vector" | "vector" => 0,
            "true" => 0,
            name if primitive(name).is_some() => 0,
            _ => match self.bare_constructor(ty) {
                Some(c) => self.cost[c],
                None => {
                    self.by_type.get(ty.name).and_then(|cs| cs.iter().map(|&c| self.cost[c]).min()).unwrap_or(INFINITE)
                }
            },
        }
    }

    // -----------------------------------------------------------------------------------------
    // Writing
    // -----------------------------------------------------------------------------------------

    fn put_u32(&self, out: &mut Vec<u8>, v: u32) {
        out.extend_from_slice(&v.to_le_bytes());
    }

    /// True when values at `depth` must be minimal.
    fn deep(&self, depth: u32, out: &[u8]) -> bool {
        depth > self.config.shallow_depth || out.len() > self.config.budget
    }

    /// The constructor a bare type stands for: `%T` (the only constructor of `T`) or a
    /// constructor name (`future_salt`, or one that differs only in case and `_`).
    fn bare_constructor(&self, ty: &Type<'_>) -> Option<usize> {
        if ty.percent {
            return match self.by_type.get(ty.name).map(Vec::as_slice) {
                Some(&[only]) => Some(only),
                _ => None,
            };
        }
        if !is_bare_name(ty.name) {
            return None;
        }
        if let Some(&c) = self.by_name.get(ty.name) {
            return Some(c);
        }
        self.by_name.iter().filter(|(name, _)| same_loosely(name, ty.name)).map(|(_, &c)| c).min()
    }

    /// A constructor or function among `candidates`: any with a finite value, or when `minimal`
    /// one of the cheapest.
    fn choose(&self, candidates: &[usize], rng: &mut Rng, minimal: bool) -> usize {
        let finite: Vec<usize> = candidates.iter().copied().filter(|&c| self.cost[c] != INFINITE).collect();
        assert!(!finite.is_empty(), "no finite value among {candidates:?}");
        if minimal {
            let least = finite.iter().map(|&c| self.cost[c]).min().unwrap_or(INFINITE);
            let cheapest: Vec<usize> = finite.into_iter().filter(|&c| self.cost[c] == least).collect();
            *rng.pick(&cheapest)
        } else {
            *rng.pick(&finite)
        }
    }

    /// The fields of `def` (no id).
    fn write_fields(&self, def: &Definition<'a>, rng: &mut Rng, out: &mut Vec<u8>, depth: u32) {
        // Minimal values always end (each cheapest constructor costs less than its parent), so this
        // only trips on a bug here.
        assert!(depth < 2000, "runaway nesting in {}", def.name.text);
        self.count(|s| {
            s.values += 1;
            if depth < MINIMAL {
                s.max_depth = s.max_depth.max(depth);
            }
        });
        let deep = self.deep(depth, out);
        // Draw each flag bit once: (flags field, bit, set).
        let mut bits: Vec<(&str, u32, bool)> = Vec::new();
        for (_, cond, _) in def.fields() {
            if let Some(flag) = cond
                && !bits.iter().any(|&(f, b, _)| f == flag.field.text && b == flag.bit)
            {
                let set = !deep && rng.chance(1, if depth == 0 { 2 } else { 3 });
                let on_bit = def
                    .fields()
                    .filter(|(_, c, _)| c.is_some_and(|c| c.field.text == flag.field.text && c.bit == flag.bit))
                    .count();
                self.count(|s| match (set, on_bit > 1) {
                    (true, true) => {
                        s.flag_bits_set += 1;
                        s.shared_bits_set += 1;
                    }
                    (true, false) => s.flag_bits_set += 1,
                    (false, _) => s.flag_bits_clear += 1,
                });
                bits.push((flag.field.text, flag.bit, set));
            }
        }
        let is_set = |field: &str, bit: u32| bits.iter().any(|&(f, b, s)| s && f == field && b == bit);
        // MTProto's `bytes:int body:Object`: the int is the body's length, patched in after it.
        let fields: Vec<_> = def.fields().collect();
        let measures = |i: usize| {
            let (name, cond, ty) = &fields[i];
            name.text == "bytes"
                && cond.is_none()
                && ty.name == "int"
                && fields.get(i + 1).is_some_and(|(_, c, t)| c.is_none() && primitive(t.name) == Some(Prim::Raw))
        };
        let mut length_at = None;
        for (i, &(name, cond, ty)) in fields.iter().enumerate() {
            if measures(i) {
                length_at = Some(out.len());
                self.put_u32(out, 0);
                continue;
            }
            if let Some(at) = length_at.take() {
                let start = out.len();
                self.write_type(ty, rng, out, depth);
                let len = (out.len() - start) as u32;
                out[at..at + 4].copy_from_slice(&len.to_le_bytes());
                continue;
            }
            match cond {
                Some(flag) => {
                    if is_set(flag.field.text, flag.bit) && ty.name != "true" {
                        self.write_type(ty, rng, out, depth);
                    }
                }
                None if ty.name == "#" && bits.iter().any(|&(f, _, _)| f == name.text) => {
                    let word =
                        bits.iter().filter(|&&(f, _, s)| s && f == name.text).fold(0u32, |w, &(_, b, _)| w | 1 << b);
                    self.put_u32(out, word);
                }
                None => self.write_type(ty, rng, out, depth),
            }
        }
    }

    /// A value of type `ty`, appearing in a definition at `depth`.
    fn write_type(&self, ty: &Type<'a>, rng: &mut Rng, out: &mut Vec<u8>, depth: u32) {
        let deep = self.deep(depth + 1, out);
        if ty.bang {
            self.count(|s| s.embedded_functions += 1);
            let f = self.choose(&self.functions, rng, deep);
            let def = &self.schema.definitions[f];
            self.put_u32(out, def.wire_id());
            self.write_fields(def, rng, out, depth + 1);
            return;
        }
        if matches!(ty.name, "Vector" | "vector") {
            let [elem] = ty.args.as_slice() else { panic!("vector without one argument: {ty:?}") };
            if ty.name == "Vector" {
                self.put_u32(out, VECTOR_ID);
            }
            let n = if deep {
                0
            } else if depth < 2 {
                rng.range(0, self.config.max_vector)
            } else {
                rng.range(0, 1)
            };
            self.put_u32(out, n as u32);
            self.count(|s| if n == 0 { s.empty_vectors += 1 } else { s.nonempty_vectors += 1 });
            for _ in 0..n {
                self.write_type(elem, rng, out, depth + 1);
            }
            return;
        }
        if primitive(ty.name) == Some(Prim::Raw) {
            self.write_object(rng, out, depth);
            return;
        }
        if let Some(prim) = primitive(ty.name) {
            self.write_primitive(prim, rng, out, deep);
            return;
        }
        if let Some(ctor) = self.bare_constructor(ty) {
            self.count(|s| s.bare_values += 1);
            self.write_fields(&self.schema.definitions[ctor], rng, out, depth + 1);
            return;
        }
        let Some(ctors) = self.by_type.get(ty.name) else { panic!("unknown type {} in the schema", ty.name) };
        let ctor = self.choose(ctors, rng, deep);
        let def = &self.schema.definitions[ctor];
        self.put_u32(out, def.wire_id());
        self.write_fields(def, rng, out, depth + 1);
    }

    /// An `Object` (MTProto's `rpc_result.result`, `message.body`): a boxed value of any
    /// constructor of the schema; when deep, one without `Object` fields, so nesting ends. The
    /// generated code keeps it as raw bytes; the dynamic codec decodes it by its id.
    fn write_object(&self, rng: &mut Rng, out: &mut Vec<u8>, depth: u32) {
        let deep = self.deep(depth + 1, out);
        let candidates: Vec<usize> = self
            .schema
            .definitions
            .iter()
            .enumerate()
            .filter(|&(i, d)| d.section == Section::Types && !d.builtin && self.cost[i] != INFINITE)
            .filter(|&(_, d)| !deep || d.fields().all(|(_, _, t)| primitive(t.name) != Some(Prim::Raw)))
            .map(|(i, _)| i)
            .collect();
        let def = &self.schema.definitions[*rng.pick(&candidates)];
        self.put_u32(out, def.wire_id());
        self.write_fields(def, rng, out, depth + 1);
    }

    fn write_primitive(&self, prim: Prim, rng: &mut Rng, out: &mut Vec<u8>, deep: bool) {
        match prim {
            Prim::Int => {
                let v = match rng.below(8) {
                    0 => *rng.pick(&[0, 1, -1, i32::MIN, i32::MAX]),
                    1 => rng.range(0, 1000) as i32,
                    _ => rng.next_u32() as i32,
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Prim::Nat => self.put_u32(out, rng.next_u32()),
            Prim::Long => {
                let v = match rng.below(8) {
                    0 => *rng.pick(&[0, 1, -1, i64::MIN, i64::MAX]),
                    1 => rng.range(0, 1 << 20) as i64,
                    _ => rng.next_u64() as i64,
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Prim::Double => {
                let v = match rng.below(6) {
                    0 => *rng.pick(&[0.0, -0.0, 1.5, -2.25, f64::MIN_POSITIVE, f64::MAX, f64::MIN, 5e-324]),
                    _ => loop {
                        let v = f64::from_bits(rng.next_u64());
                        if v.is_finite() {
                            break v;
                        }
                    },
                };
                out.extend_from_slice(&v.to_bits().to_le_bytes());
            }
            Prim::Int128 => out.extend_from_slice(&rng.bytes(16)),
            Prim::Int256 => out.extend_from_slice(&rng.bytes(32)),
            Prim::Wide(n) => out.extend_from_slice(&rng.bytes(n)),
            Prim::Bool => {
                let id = if rng.chance(1, 2) { self.bool_true } else { self.bool_false };
                self.put_u32(out, id);
            }
            Prim::String => {
                let len = self.payload_len(rng, deep);
                let text = random_utf8(rng, len);
                self.count_string(text.len());
                put_tl_bytes(out, text.as_bytes());
            }
            Prim::Bytes => {
                let len = self.payload_len(rng, deep);
                self.count_string(len);
                put_tl_bytes(out, &rng.bytes(len));
            }
            Prim::Raw => unreachable!("`Object` values are written by write_object"),
        }
    }

    fn count_string(&self, len: usize) {
        self.count(|s| if len >= 254 { s.long_strings += 1 } else { s.short_strings += 1 });
    }

    /// A payload length for `string`/`bytes`: usually short, often around the 253/254
    /// boundary of the two length forms, sometimes long.
    fn payload_len(&self, rng: &mut Rng, deep: bool) -> usize {
        if deep || !self.config.long_strings {
            return rng.range(0, 9);
        }
        match rng.below(20) {
            0..=10 => rng.range(0, 12),
            11..=14 => rng.range(12, 100),
            15..=17 => rng.range(250, 258),
            _ => rng.range(258, 700),
        }
    }
}

/// The node that stands for "any function" in [`Cycle`]s: what a `!X` field holds.
pub const FUNCTION_NODE: &str = "!X";

/// One step of a recursive path: field number `field` (counting fields, not generics) of
/// definition `def` (an index into `schema.definitions`) holds the next value.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Step {
    /// The constructor or function.
    pub def: usize,
    /// The field that leads on.
    pub field: usize,
}

/// A shortest way from a boxed type (or [`FUNCTION_NODE`]) back to itself through fields.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Cycle {
    /// The type the cycle starts and ends at.
    pub ty: String,
    /// The constructors (or functions) on the way, one per type passed.
    pub steps: Vec<Step>,
}

/// Levels deep enough that every value is minimal.
const MINIMAL: u32 = 1000;

impl<'a> Encoder<'_, 'a> {
    /// The type a value of `ty` leads into: its boxed type (through any vectors), or
    /// [`FUNCTION_NODE`] for `!X`. Primitives and bare types lead nowhere.
    fn leads_to(&self, ty: &Type<'a>) -> Option<&'a str> {
        if ty.bang {
            return Some(FUNCTION_NODE);
        }
        if matches!(ty.name, "Vector" | "vector") {
            return ty.args.first().and_then(|elem| self.leads_to(elem));
        }
        if primitive(ty.name).is_some() || ty.name == "true" || self.bare_constructor(ty).is_some() {
            return None;
        }
        self.by_type.get_key_value(ty.name).map(|(&name, _)| name)
    }

    /// The constructors of a boxed type, or every function for [`FUNCTION_NODE`].
    fn members(&self, node: &str) -> &[usize] {
        if node == FUNCTION_NODE { &self.functions } else { self.by_type.get(node).map_or(&[], Vec::as_slice) }
    }

    /// For every boxed type that can contain itself (and for functions, when a function can
    /// contain a function), a shortest cycle back to it; sorted by type name.
    pub fn cycles(&self) -> Vec<Cycle> {
        let mut nodes: Vec<&'a str> = self.by_type.keys().copied().collect();
        nodes.push(FUNCTION_NODE);
        nodes.sort_unstable();
        nodes.into_iter().filter_map(|node| self.shortest_cycle(node)).collect()
    }

    /// Breadth-first search from `start` for a field that leads back to it.
    fn shortest_cycle(&self, start: &'a str) -> Option<Cycle> {
        let mut came_from: HashMap<&'a str, (&'a str, Step)> = HashMap::new();
        let mut seen: HashSet<&'a str> = HashSet::from([start]);
        let mut queue = VecDeque::from([start]);
        while let Some(node) = queue.pop_front() {
            for &def in self.members(node) {
                for (field, (_, _, ty)) in self.schema.definitions[def].fields().enumerate() {
                    let Some(next) = self.leads_to(ty) else { continue };
                    let step = Step { def, field };
                    if next == start {
                        let mut steps = vec![step];
                        let mut at = node;
                        while at != start {
                            let (before, step) = came_from[at].clone();
                            steps.push(step);
                            at = before;
                        }
                        steps.reverse();
                        return Some(Cycle { ty: start.to_string(), steps });
                    }
                    if seen.insert(next) {
                        came_from.insert(next, (node, step));
                        queue.push_back(next);
                    }
                }
            }
        }
        None
    }

    /// A value of `cycle.ty` that goes round `cycle` `levels` times, then ends in a minimal
    /// value. Every other field is minimal; the flag bit of each field on the path is set.
    pub fn nested(&self, cycle: &Cycle, levels: usize) -> Vec<u8> {
        let mut rng = Rng::new(0);
        let mut prefix = Vec::new();
        let mut suffixes = Vec::new();
        for step in &cycle.steps {
            self.write_step(step, true, &mut rng, &mut prefix);
            let mut suffix = Vec::new();
            self.write_step(step, false, &mut rng, &mut suffix);
            suffixes.push(suffix);
        }
        let suffix: Vec<u8> = suffixes.into_iter().rev().flatten().collect();
        let mut base = Vec::new();
        let end = self.choose(self.members(&cycle.ty), &mut rng, true);
        let def = &self.schema.definitions[end];
        self.put_u32(&mut base, def.wire_id());
        self.write_fields(def, &mut rng, &mut base, MINIMAL);
        let mut out = Vec::with_capacity((prefix.len() + suffix.len()) * levels + base.len());
        for _ in 0..levels {
            out.extend_from_slice(&prefix);
        }
        out.extend_from_slice(&base);
        for _ in 0..levels {
            out.extend_from_slice(&suffix);
        }
        out
    }

    /// The bytes of one step before the next value (`before`: the id, the fields before the
    /// path's field, and its vector headers with a count of 1), or after it (the other fields).
    fn write_step(&self, step: &Step, before: bool, rng: &mut Rng, out: &mut Vec<u8>) {
        let def = &self.schema.definitions[step.def];
        let fields: Vec<_> = def.fields().collect();
        let (_, path_cond, path_ty) = fields[step.field];
        let path_bit = path_cond.map(|f| (f.field.text, f.bit));
        if before {
            self.put_u32(out, def.wire_id());
        }
        for (k, &(name, cond, ty)) in fields.iter().enumerate() {
            if k == step.field {
                if before {
                    self.write_vector_headers(path_ty, out);
                }
                continue;
            }
            if (k < step.field) != before {
                continue;
            }
            match cond {
                Some(flag) => {
                    // Fields sharing the path field's bit are present too.
                    if path_bit == Some((flag.field.text, flag.bit)) && ty.name != "true" {
                        self.write_type(ty, rng, out, MINIMAL);
                    }
                }
                None if ty.name == "#"
                    && fields.iter().any(|(_, c, _)| c.is_some_and(|c| c.field.text == name.text)) =>
                {
                    let word = match path_bit {
                        Some((field, bit)) if field == name.text => 1u32 << bit,
                        _ => 0,
                    };
                    self.put_u32(out, word);
                }
                None => self.write_type(ty, rng, out, MINIMAL),
            }
        }
    }

    /// The vector id (boxed vectors) and a count of 1 for each vector around the path's value.
    fn write_vector_headers(&self, ty: &Type<'a>, out: &mut Vec<u8>) {
        if !ty.bang && matches!(ty.name, "Vector" | "vector") {
            if ty.name == "Vector" {
                self.put_u32(out, VECTOR_ID);
            }
            self.put_u32(out, 1);
            if let Some(elem) = ty.args.first() {
                self.write_vector_headers(elem, out);
            }
        }
    }
}

/// Random valid UTF-8 of about `len` bytes (up to 3 more, to finish the last character): a mix of
/// ASCII (controls and NUL included) and 2-, 3- and 4-byte characters.
pub fn random_utf8(rng: &mut Rng, len: usize) -> String {
    let mut s = String::with_capacity(len + 3);
    while s.len() < len {
        let (lo, hi) = match rng.below(10) {
            0..=4 => (0x00, 0x7f),
            5 | 6 => (0x80, 0x7ff),
            7 => (0x800, 0xd7ff),
            8 => (0xe000, 0xffff),
            _ => (0x1_0000, 0x10_ffff),
        };
        let c = char::from_u32(rng.range(lo, hi) as u32).expect("ranges exclude surrogates");
        s.push(c);
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tl_bytes_forms() {
        let mut out = Vec::new();
        put_tl_bytes(&mut out, b"");
        assert_eq!(out, [0, 0, 0, 0]);
        out.clear();
        put_tl_bytes(&mut out, b"abc");
        assert_eq!(out, [3, b'a', b'b', b'c']);
        out.clear();
        put_tl_bytes(&mut out, b"abcd");
        assert_eq!(out, [4, b'a', b'b', b'c', b'd', 0, 0, 0]);
        out.clear();
        put_tl_bytes(&mut out, &[7; 254]);
        assert_eq!(out.len(), 4 + 254 + 2);
        assert_eq!(out[..4], [0xfe, 254, 0, 0]);
        assert_eq!(out[258..], [0, 0]);
        out.clear();
        put_tl_bytes(&mut out, &[7; 256]);
        assert_eq!(out.len(), 4 + 256);
        assert_eq!(out[..4], [0xfe, 0, 1, 0]);
    }

    #[test]
    fn rng_is_deterministic_and_spread() {
        let a: Vec<u64> = (0..8)
            .map({
                let mut r = Rng::new(1);
                move |_| r.next_u64()
            })
            .collect();
        let b: Vec<u64> = (0..8)
            .map({
                let mut r = Rng::new(1);
                move |_| r.next_u64()
            })
            .collect();
        assert_eq!(a, b);
        let mut r = Rng::new(0);
        let mut seen = [false; 10];
        for _ in 0..1000 {
            seen[r.range(0, 9)] = true;
        }
        assert!(seen.iter().all(|&s| s));
    }

    #[test]
    fn utf8_lengths() {
        let mut r = Rng::new(5);
        for len in [0, 1, 5, 253, 254, 600] {
            let s = random_utf8(&mut r, len);
            assert!(s.len() >= len && s.len() <= len + 3);
        }
    }
}
