//! The JSON forms of TL scalars that JSON has no exact type for (docs/json-form.md):
//! doubles that are not finite, strings that are not UTF-8, and byte strings as hex.

use super::tree::Value;
use std::fmt::Write as _;

/// The bits of the NaN Rust and most platforms produce: written `"NaN"`.
const CANONICAL_NAN: u64 = 0x7ff8_0000_0000_0000;

/// The JSON text of a double that is not finite: `"Infinity"`, `"-Infinity"`, `"NaN"`, or
/// `"NaN:0x<16 hex digits>"` for every other NaN bit pattern. `None` for a finite double.
pub fn special_double(x: f64) -> Option<String> {
    if x.is_finite() {
        return None;
    }
    Some(match x.to_bits() {
        b if x.is_nan() && b == CANONICAL_NAN => "NaN".to_string(),
        b if x.is_nan() => format!("NaN:0x{b:016x}"),
        _ if x > 0.0 => "Infinity".to_string(),
        _ => "-Infinity".to_string(),
    })
}

/// Reads a double back: a JSON number (exactly, integers only when a double holds them
/// exactly) or one of [`special_double`]'s strings.
pub fn parse_double(v: &Value) -> Result<f64, String> {
    match v {
        Value::Number(n) => {
            if let Some(x) = n.as_f64().filter(|_| n.is_f64()) {
                return Ok(x);
            }
            let exact = n.as_i64().map(|i| (i as f64, i as f64 as i128 == i128::from(i)));
            let exact = exact.or_else(|| n.as_u64().map(|u| (u as f64, u as f64 as i128 == i128::from(u))));
            match exact {
                Some((x, true)) => Ok(x),
                _ => Err(format!("{n} is not exactly a double; write it with a fraction or exponent")),
            }
        }
        Value::String(s) => match &**s {
            "NaN" => Ok(f64::from_bits(CANONICAL_NAN)),
            "Infinity" => Ok(f64::INFINITY),
            "-Infinity" => Ok(f64::NEG_INFINITY),
            other => {
                let bits = other
                    .strip_prefix("NaN:0x")
                    .filter(|h| h.len() == 16)
                    .and_then(|h| u64::from_str_radix(h, 16).ok())
                    .ok_or_else(|| {
                        format!("expected a number, \"NaN\", \"Infinity\", \"-Infinity\" or \"NaN:0x<16 hex digits>\", found {v}")
                    })?;
                let x = f64::from_bits(bits);
                if x.is_nan() { Ok(x) } else { Err(format!("`{other}` is not a NaN; write the number")) }
            }
        },
        _ => Err(format!("expected a double, found {}", describe(v))),
    }
}

/// The key of the object form of a byte string: `{"bytes_hex": "..."}`.
pub const BYTES_HEX: &str = "bytes_hex";
/// An `Object` whose constructor id no schema given knows: `{"object_hex": "<the rest>"}`.
pub const OBJECT_HEX: &str = "object_hex";
/// In the object form: the length was written with the 4-byte prefix although below 254.
pub const LONG_LENGTH: &str = "long_length";
/// In the object form: padding bytes that are not all zero.
pub const PADDING_HEX: &str = "padding_hex";

/// A TL `string`/`bytes` as JSON gives it: the payload and, for bytes that were not written the
/// canonical way, how they were written.
pub struct TlBytes {
    /// The payload.
    pub data: Vec<u8>,
    /// Length written with the 4-byte prefix (`0xfe`) although below 254.
    pub long_length: bool,
    /// The padding bytes, when given.
    pub padding: Option<Vec<u8>>,
}

/// Reads a TL `string` (`text`: a JSON string is its UTF-8) or `bytes` (a hex string), or the
/// object form `{"bytes_hex": ..., "long_length": true, "padding_hex": ...}` for either.
pub fn parse_tl_bytes(v: &Value, text: bool) -> Result<TlBytes, String> {
    let plain = |data| Ok(TlBytes { data, long_length: false, padding: None });
    match v {
        Value::String(s) if text => plain(s.as_bytes().to_vec()),
        Value::String(h) => plain(unhex(h).map_err(|e| format!("bad hex: {e}"))?),
        Value::Object(map) => {
            if let Some(k) = map.keys().find(|k| ![BYTES_HEX, LONG_LENGTH, PADDING_HEX].contains(k)) {
                return Err(format!("unknown key `{k}` (the keys: {BYTES_HEX}, {LONG_LENGTH}, {PADDING_HEX})"));
            }
            let hex_of = |key: &str| match map.get(key) {
                None => Ok(None),
                Some(Value::String(h)) => unhex(h).map(Some).map_err(|e| format!("`{key}`: bad hex: {e}")),
                Some(other) => Err(format!("`{key}`: expected a hex string, found {}", describe(other))),
            };
            let data = hex_of(BYTES_HEX)?.ok_or_else(|| format!("missing `{BYTES_HEX}`"))?;
            let long_length = match map.get(LONG_LENGTH) {
                None => false,
                Some(Value::Bool(b)) => *b,
                Some(other) => {
                    return Err(format!("`{LONG_LENGTH}`: expected true or false, found {}", describe(other)));
                }
            };
            Ok(TlBytes { data, long_length, padding: hex_of(PADDING_HEX)? })
        }
        _ if text => Err(format!("expected a string or {{\"{BYTES_HEX}\": \"<hex>\"}}, found {}", describe(v))),
        _ => Err(format!("expected a hex string, found {}", describe(v))),
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

/// Bytes of a hex string (ASCII whitespace between digits ignored).
pub fn unhex(text: &str) -> Result<Vec<u8>, String> {
    let mut out = Vec::with_capacity(text.len() / 2);
    let mut high: Option<u8> = None;
    for (i, c) in text.char_indices() {
        if c.is_ascii_whitespace() {
            continue;
        }
        let d = c.to_digit(16).ok_or_else(|| format!("`{c}` at {i} is not a hex digit"))? as u8;
        match high.take() {
            None => high = Some(d),
            Some(h) => out.push(h << 4 | d),
        }
    }
    if high.is_some() {
        return Err("odd number of hex digits".into());
    }
    Ok(out)
}

/// A short description of a JSON value for error messages: its type and, if short, the value.
pub fn describe(v: &Value) -> String {
    let kind = match v {
        Value::Null => return "null".into(),
        Value::Bool(b) => return format!("{b}"),
        Value::Number(n) => return format!("the number {n}"),
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    };
    let text = v.to_string();
    if text.len() <= 40 { format!("{kind} {text}") } else { kind.to_string() }
}
