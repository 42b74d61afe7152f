//! Reading JSON for `encode` strictly: a duplicate key is an error (serde_json would keep the
//! last one silently), naming where it is.

use super::tree::{Map, Value};
use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use std::collections::HashSet;
use std::fmt;

/// Deepest JSON nesting read: deeper than any value `decode` prints (two JSON levels per
/// counted level or open constructor), shallow enough for the stack.
const MAX_JSON_DEPTH: u32 = 2 * (super::MAX_DEPTH + super::MAX_FRAMES) + 8;

/// Parses `text` as one JSON value; duplicate keys, trailing text, nesting deeper than
/// [`MAX_JSON_DEPTH`] and malformed JSON are errors with line and column.
pub fn parse(text: &str) -> Result<Value, String> {
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let value = Strict { path: String::new(), depth: 0 }.deserialize(&mut de).map_err(|e| e.to_string())?;
    de.end().map_err(|e| e.to_string())?;
    Ok(value)
}

/// A value at `path` (`query.peer`, `chats[2]`; empty at the top).
struct Strict {
    path: String,
    depth: u32,
}

impl<'de> DeserializeSeed<'de> for Strict {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        if self.depth > MAX_JSON_DEPTH {
            return Err(de::Error::custom(format!("nested deeper than {MAX_JSON_DEPTH} levels")));
        }
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        serde_json::Number::from_f64(v).map(Value::Number).ok_or_else(|| E::custom("a number that is not finite"))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.into()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v.into_boxed_str()))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) =
            seq.next_element_seed(Strict { path: format!("{}[{}]", self.path, items.len()), depth: self.depth + 1 })?
        {
            items.push(item);
        }
        Ok(Value::Array(items.into_boxed_slice()))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out: Vec<(Box<str>, Value)> = Vec::new();
        let mut seen: HashSet<Box<str>> = HashSet::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = if self.path.is_empty() { key.clone() } else { format!("{}.{key}", self.path) };
            let key = key.into_boxed_str();
            if !seen.insert(key.clone()) {
                return Err(de::Error::custom(format!("`{path}`: duplicate key `{key}`")));
            }
            let value = map.next_value_seed(Strict { path, depth: self.depth + 1 })?;
            out.push((key, value));
        }
        Ok(Value::Object(Map::new(out)))
    }
}
