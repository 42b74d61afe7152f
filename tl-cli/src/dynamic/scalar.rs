//! The JSON forms of TL scalars that JSON has no exact type for (docs/json-form.md):
//! doubles that are not finite, strings that are not UTF-8, and byte strings as hex.

use serde_json::Value;
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
        Value::String(s) => match s.as_str() {
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

/// The key of a string that is not valid UTF-8: `{"bytes_hex": "..."}`.
pub const BYTES_HEX: &str = "bytes_hex";

/// The bytes of a TL `string` given as JSON: a JSON string (its UTF-8) or `{"bytes_hex": ...}`.
pub fn parse_string(v: &Value) -> Result<std::borrow::Cow<'_, [u8]>, String> {
    match v {
        Value::String(s) => Ok(s.as_bytes().into()),
        Value::Object(map) => match (map.len(), map.get(BYTES_HEX)) {
            (1, Some(Value::String(h))) => unhex(h).map(Into::into),
            _ => Err(format!("expected a string or {{\"{BYTES_HEX}\": \"<hex>\"}}, found {}", describe(v))),
        },
        _ => Err(format!("expected a string, found {}", describe(v))),
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
