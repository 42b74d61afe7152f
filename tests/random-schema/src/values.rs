//! The reference encoder: random valid bytes for a type of a random schema, written from this
//! crate's own syntax tree by the TL rules, independently of the parser, the generator and the
//! CLI. Both codecs must read these bytes and write them back unchanged.
//!
//! - `int`, `long`, `#`, `int128`, `int256`: little-endian, often edge values;
//! - `double`: small integers and halves; any finite bit pattern with
//!   [`Shape::ArbitraryDoubles`]; also NaN with payloads, ±infinity, -0.0 with
//!   [`Shape::SpecialDoubles`];
//! - `string` (UTF-8, or any bytes with [`Shape::NonUtf8Strings`]) and `bytes`: one length byte
//!   or `0xfe` and three, the payload, zero padding to a multiple of four; lengths near 253/254;
//! - `Bool`: the ids of `boolTrue`/`boolFalse`; `Vector<T>`: the vector id, a count, elements;
//!   `vector<T>`: the same without the id; `%T` and `foo`: fields without id;
//! - a flags word holds exactly the bits drawn for its fields (all fields of a bit together);
//!   with [`Shape::UnusedFlagBits`], sometimes also bits no field uses;
//!
//! Some of these bytes are not for every codec to read back (docs/contract.md): flag bits no
//! field uses (both codecs refuse them), a vector count above the bytes left after it, which
//! zero-size elements allow (both refuse it), a non-UTF-8 `string` (generated code refuses it,
//! the CLI keeps it). [`Values::take_problems`] tells where a value has each.
//! - `!X`: a boxed non-generic function. Past [`MAX_DEPTH`] every choice is the one that ends
//!   soonest (the cheapest constructor, empty vectors, no flag set).

use crate::rng::Rng;
use crate::schema::{Builtin, Def, Param, Ret, Schema, Ty};
use crate::shapes::{Enabled, Shape};
use std::collections::HashMap;

/// Id of `vector {t:Type} # [ t ] = Vector t`.
pub const VECTOR_ID: u32 = 0x1cb5_c415;
/// Id of `boolTrue = Bool`.
pub const BOOL_TRUE_ID: u32 = 0x9972_75b5;
/// Id of `boolFalse = Bool`.
pub const BOOL_FALSE_ID: u32 = 0xbc79_9737;
/// Nesting depth after which values take the shortest way out.
pub const MAX_DEPTH: u32 = 4;

/// Draws values of one schema.
pub struct Values<'a> {
    schema: &'a Schema,
    ids: &'a HashMap<String, u32>,
    on: &'a Enabled,
    /// Per type, per constructor: how deep its cheapest value goes.
    cost: Vec<Vec<u32>>,
    /// What the value being drawn has that a codec must refuse, where (see [`Problem`]).
    problems: std::cell::RefCell<Vec<(usize, Problem)>>,
    /// Counts of zero-size elements drawn: (where the count is, the count).
    zero_size: std::cell::RefCell<Vec<(usize, usize)>>,
}

/// Something in drawn bytes that a codec must refuse (docs/contract.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Problem {
    /// A flags word with bits no field uses: both codecs refuse it.
    UnusedFlagBits,
    /// A vector count (of zero-size elements) above the bytes left after it: both refuse it.
    CountOverBytesLeft,
    /// A `string` that is not UTF-8: generated code (a Rust `String`) refuses it.
    NonUtf8String,
}

const INF: u32 = u32::MAX / 2;

impl<'a> Values<'a> {
    /// `ids`: the id of every constructor and function by full name (from the parser: which id
    /// a definition has is the id rules' business, tested elsewhere).
    pub fn new(schema: &'a Schema, ids: &'a HashMap<String, u32>, on: &'a Enabled) -> Values<'a> {
        let mut cost: Vec<Vec<u32>> = schema.types.iter().map(|t| vec![INF; t.ctors.len()]).collect();
        loop {
            let mut changed = false;
            for t in 0..schema.types.len() {
                for c in 0..schema.types[t].ctors.len() {
                    let v = def_cost(&schema.types[t].ctors[c], &cost);
                    if v < cost[t][c] {
                        cost[t][c] = v;
                        changed = true;
                    }
                }
            }
            if !changed {
                break;
            }
        }
        Values {
            schema,
            ids,
            on,
            cost,
            problems: std::cell::RefCell::new(Vec::new()),
            zero_size: std::cell::RefCell::new(Vec::new()),
        }
    }

    /// Whether every type has a value (the generator guarantees it).
    pub fn all_finite(&self) -> bool {
        self.cost.iter().all(|c| c.iter().any(|&v| v < INF))
    }

    fn id(&self, name: &str) -> u32 {
        *self.ids.get(name).unwrap_or_else(|| panic!("no id for `{name}`"))
    }

    /// What the value drawn since the last call (into a fresh buffer, now `len` bytes long)
    /// has that a codec must refuse, by byte position; resets.
    pub fn take_problems(&self, len: usize) -> Vec<(usize, Problem)> {
        let mut problems = self.problems.take();
        for (at, n) in self.zero_size.take() {
            if n > len - (at + 4) {
                problems.push((at, Problem::CountOverBytesLeft));
            }
        }
        problems.sort_by_key(|&(at, _)| at);
        problems
    }

    /// A boxed value of type `t`.
    pub fn boxed_type(&self, rng: &mut Rng, t: usize, out: &mut Vec<u8>) {
        self.boxed(rng, t, 0, out);
    }

    /// A request: a boxed call of function `f`.
    pub fn function(&self, rng: &mut Rng, f: usize, out: &mut Vec<u8>) {
        let def = &self.schema.functions[f].def;
        out.extend_from_slice(&self.id(&def.name).to_le_bytes());
        self.fields(rng, def, 1, out);
    }

    /// A value of what function `f` returns; `None` for a generic result.
    pub fn result(&self, rng: &mut Rng, f: usize, out: &mut Vec<u8>) -> Option<()> {
        match &self.schema.functions[f].ret {
            Ret::Ty(ty) => {
                self.ty(rng, ty, 0, out);
                Some(())
            }
            Ret::Generic(_) => None,
        }
    }

    fn boxed(&self, rng: &mut Rng, t: usize, depth: u32, out: &mut Vec<u8>) {
        let c = self.pick_ctor(rng, t, depth);
        let def = &self.schema.types[t].ctors[c];
        out.extend_from_slice(&self.id(&def.name).to_le_bytes());
        self.fields(rng, def, depth + 1, out);
    }

    fn pick_ctor(&self, rng: &mut Rng, t: usize, depth: u32) -> usize {
        let costs = &self.cost[t];
        if depth >= MAX_DEPTH {
            let best = *costs.iter().min().expect("a type has constructors");
            return costs.iter().position(|&c| c == best).expect("the minimum is there");
        }
        let finite: Vec<usize> = (0..costs.len()).filter(|&c| costs[c] < INF).collect();
        *rng.pick(&finite)
    }

    fn fields(&self, rng: &mut Rng, def: &Def, depth: u32, out: &mut Vec<u8>) {
        let deep = depth >= MAX_DEPTH;
        // Which bits of each flags word are set, drawn before the word is written.
        let mut bits: HashMap<&str, u32> = HashMap::new();
        for p in &def.params {
            if let Param::Field { cond: Some((word, bit)), .. } = p {
                let e = bits.entry(word.as_str()).or_insert(0);
                if !deep && rng.chance(50) {
                    *e |= 1 << bit;
                }
            }
        }
        for p in &def.params {
            match p {
                Param::Flags(word) => {
                    let mut w = bits.get(word.as_str()).copied().unwrap_or(0);
                    if self.on.on(Shape::UnusedFlagBits) && rng.chance(20) {
                        let used: u32 = def
                            .params
                            .iter()
                            .filter_map(|p| match p {
                                Param::Field { cond: Some((f, b)), .. } if f == word => Some(1u32 << b),
                                _ => None,
                            })
                            .fold(0, |a, b| a | b);
                        let unused = (rng.next_u64() as u32) & !used;
                        // A `#` no field refers to is a plain number: any value is fine.
                        if unused != 0 && used != 0 {
                            self.problems.borrow_mut().push((out.len(), Problem::UnusedFlagBits));
                        }
                        w |= unused;
                    }
                    out.extend_from_slice(&w.to_le_bytes());
                }
                Param::Field { cond, ty, .. } => {
                    if let Some((word, bit)) = cond {
                        let set = bits.get(word.as_str()).is_some_and(|w| w & (1 << bit) != 0);
                        if !set || *ty == Ty::True {
                            continue;
                        }
                    }
                    self.ty(rng, ty, depth, out);
                }
            }
        }
    }

    fn ty(&self, rng: &mut Rng, ty: &Ty, depth: u32, out: &mut Vec<u8>) {
        match ty {
            Ty::Builtin(b) => self.builtin(rng, *b, out),
            Ty::True => {}
            Ty::Boxed(t) => self.boxed(rng, *t, depth, out),
            Ty::Percent(t) => {
                let def = &self.schema.types[*t].ctors[0];
                self.fields(rng, def, depth + 1, out);
            }
            Ty::BareCtor(t, c) => {
                let def = &self.schema.types[*t].ctors[*c];
                self.fields(rng, def, depth + 1, out);
            }
            Ty::Vector { boxed, elem } => {
                if *boxed {
                    out.extend_from_slice(&VECTOR_ID.to_le_bytes());
                }
                let n = if depth >= MAX_DEPTH { 0 } else { rng.below(4) };
                let at = out.len();
                out.extend_from_slice(&(n as u32).to_le_bytes());
                let start = out.len();
                for _ in 0..n {
                    self.ty(rng, elem, depth + 1, out);
                }
                if n > 0 && out.len() == start {
                    // Zero-size elements: whether the bytes after the count are fewer than it
                    // is known when the whole value is drawn.
                    self.zero_size.borrow_mut().push((at, n));
                }
            }
            Ty::Bang(_) => {
                // The first function takes builtins only: the way out past MAX_DEPTH.
                let plain: Vec<usize> = (0..self.schema.functions.len())
                    .filter(|&f| self.schema.functions[f].def.generics.is_empty())
                    .collect();
                let f = if depth >= MAX_DEPTH { 0 } else { *rng.pick(&plain) };
                let def = &self.schema.functions[f].def;
                out.extend_from_slice(&self.id(&def.name).to_le_bytes());
                self.fields(rng, def, depth + 1, out);
            }
        }
    }

    fn builtin(&self, rng: &mut Rng, b: Builtin, out: &mut Vec<u8>) {
        match b {
            Builtin::Int => {
                let v = {
                    let r = rng.next_u64() as i32;
                    *rng.pick(&[0, -1, 1, i32::MIN, i32::MAX, r])
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::Nat => {
                let v = {
                    let r = rng.next_u64() as u32;
                    *rng.pick(&[0, 1, u32::MAX, r])
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::Long => {
                let v = {
                    let r = rng.next_u64() as i64;
                    *rng.pick(&[0, -1, i64::MIN, i64::MAX, 1 << 53, r])
                };
                out.extend_from_slice(&v.to_le_bytes());
            }
            Builtin::Double => out.extend_from_slice(&self.double(rng).to_le_bytes()),
            Builtin::Str => {
                let len = length(rng);
                let payload = if self.on.on(Shape::NonUtf8Strings) && rng.chance(25) {
                    self.problems.borrow_mut().push((out.len(), Problem::NonUtf8String));
                    let mut v = rng.bytes(len.max(1));
                    v[0] = 0xff; // never valid UTF-8
                    v
                } else {
                    utf8(rng, len)
                };
                tl_bytes(&payload, out);
            }
            Builtin::Bytes => {
                let len = length(rng);
                tl_bytes(&rng.bytes(len), out);
            }
            Builtin::Int128 => out.extend_from_slice(&rng.bytes(16)),
            Builtin::Int256 => out.extend_from_slice(&rng.bytes(32)),
            Builtin::Bool => {
                let id = if rng.chance(50) { BOOL_TRUE_ID } else { BOOL_FALSE_ID };
                out.extend_from_slice(&id.to_le_bytes());
            }
        }
    }

    /// The bits of a random `double`.
    fn double(&self, rng: &mut Rng) -> u64 {
        if self.on.on(Shape::SpecialDoubles) && rng.chance(30) {
            let nan_payload = 0x7ff0_0000_0000_0000 | (rng.next_u64() & 0x000f_ffff_ffff_ffff).max(1);
            return *rng.pick(&[
                f64::NAN.to_bits(),
                nan_payload,
                nan_payload | 1 << 63,
                f64::INFINITY.to_bits(),
                f64::NEG_INFINITY.to_bits(),
                (-0.0f64).to_bits(),
            ]);
        }
        if !self.on.on(Shape::ArbitraryDoubles) {
            return (rng.below(4001) as f64 / 2.0 - 1000.0).to_bits();
        }
        loop {
            let bits = match rng.below(4) {
                0 => (rng.below(2000) as f64 - 1000.0).to_bits(),
                1 => (rng.next_u64() as f64 / 7.0).to_bits(),
                2 => rng.next_u64() & 0x800f_ffff_ffff_ffff, // subnormal or zero
                _ => rng.next_u64(),
            };
            if f64::from_bits(bits).is_finite() {
                return bits;
            }
        }
    }
}

/// How deep the cheapest value of `def` goes, given the costs of the constructors so far.
fn def_cost(def: &Def, cost: &[Vec<u32>]) -> u32 {
    let mut worst = 0;
    for p in &def.params {
        if let Param::Field { cond: None, ty, .. } = p {
            worst = worst.max(ty_cost(ty, cost));
        }
    }
    worst.saturating_add(1).min(INF)
}

fn ty_cost(ty: &Ty, cost: &[Vec<u32>]) -> u32 {
    match ty {
        Ty::Builtin(_) | Ty::True | Ty::Vector { .. } | Ty::Bang(_) => 0,
        Ty::Boxed(t) => cost[*t].iter().copied().min().unwrap_or(INF),
        Ty::Percent(t) => cost[*t][0],
        Ty::BareCtor(t, c) => cost[*t][*c],
    }
}

/// A string or bytes length: short, around the one-byte/four-byte boundary, or longer.
fn length(rng: &mut Rng) -> usize {
    match rng.below(10) {
        0 => 253,
        1 => 254,
        2 => 255 + rng.below(300),
        3 => 0,
        _ => rng.below(12),
    }
}

fn utf8(rng: &mut Rng, len: usize) -> Vec<u8> {
    let mut s = String::new();
    while s.len() < len {
        let c = match rng.below(6) {
            0 => 'é',
            1 => '€',
            2 => '😀',
            3 => '"',
            4 => '\\',
            _ => (b'a' + rng.below(26) as u8) as char,
        };
        s.push(c);
    }
    s.into_bytes()
}

/// TL `bytes`/`string` encoding.
pub fn tl_bytes(payload: &[u8], out: &mut Vec<u8>) {
    let start = out.len();
    if payload.len() <= 253 {
        out.push(payload.len() as u8);
    } else {
        out.push(254);
        out.extend_from_slice(&(payload.len() as u32).to_le_bytes()[..3]);
    }
    out.extend_from_slice(payload);
    while (out.len() - start) % 4 != 0 {
        out.push(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tl_bytes_pads_and_switches_to_the_long_form_at_254() {
        let mut out = Vec::new();
        tl_bytes(b"abc", &mut out);
        assert_eq!(out, [3, b'a', b'b', b'c']);
        out.clear();
        tl_bytes(b"abcd", &mut out);
        assert_eq!(out, [4, b'a', b'b', b'c', b'd', 0, 0, 0]);
        out.clear();
        tl_bytes(&[7; 253], &mut out);
        assert_eq!((out.len(), out[0]), (256, 253));
        out.clear();
        tl_bytes(&[7; 254], &mut out);
        assert_eq!((out.len(), &out[..4]), (260, &[254, 254, 0, 0][..]));
    }
}
