//! The JSON `encode` reads, held compactly: a value is 24 bytes and an object a boxed slice of
//! (key, value) pairs, a few times smaller than `serde_json::Value` with its ordered maps (a
//! vector of a million empty constructors took 556 MB that way). Same names as serde_json's.

use serde::ser::{SerializeMap, SerializeSeq};
use serde_json::Number;
use std::fmt;

/// A JSON value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as serde_json reads it (integers exactly, doubles correctly rounded).
    Number(Number),
    /// A string.
    String(Box<str>),
    /// An array.
    Array(Box<[Value]>),
    /// An object.
    Object(Map),
}

/// A JSON object: its members in the order written (keys are unique: the parser checks).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Map(Box<[(Box<str>, Value)]>);

impl Map {
    /// Members in order.
    pub fn new(members: Vec<(Box<str>, Value)>) -> Self {
        Map(members.into_boxed_slice())
    }

    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| &**k == key).map(|(_, v)| v)
    }

    /// The keys, in order.
    pub fn keys(&self) -> impl Iterator<Item = &str> {
        self.0.iter().map(|(k, _)| &**k)
    }

    /// How many members.
    pub fn len(&self) -> usize {
        self.0.len()
    }
}

impl Value {
    /// The object, if this is one.
    pub fn as_object(&self) -> Option<&Map> {
        if let Value::Object(m) = self { Some(m) } else { None }
    }

    /// The array, if this is one.
    pub fn as_array(&self) -> Option<&[Value]> {
        if let Value::Array(a) = self { Some(a) } else { None }
    }

    /// The string, if this is one.
    pub fn as_str(&self) -> Option<&str> {
        if let Value::String(s) = self { Some(s) } else { None }
    }

    /// The boolean, if this is one.
    pub fn as_bool(&self) -> Option<bool> {
        if let Value::Bool(b) = self { Some(*b) } else { None }
    }

    /// An integer that fits an i64 (not a number written with a fraction or exponent).
    pub fn as_i64(&self) -> Option<i64> {
        if let Value::Number(n) = self { n.as_i64() } else { None }
    }

    /// An integer that fits a u64 (not a number written with a fraction or exponent).
    pub fn as_u64(&self) -> Option<u64> {
        if let Value::Number(n) = self { n.as_u64() } else { None }
    }

    /// True for a number written with a fraction or exponent.
    pub fn is_f64(&self) -> bool {
        matches!(self, Value::Number(n) if n.is_f64())
    }

    /// True for `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Value::Null)
    }

    /// Member `key` of an object.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.as_object()?.get(key)
    }
}

impl serde::Serialize for Value {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => s.serialize_unit(),
            Value::Bool(b) => s.serialize_bool(*b),
            Value::Number(n) => n.serialize(s),
            Value::String(t) => s.serialize_str(t),
            Value::Array(items) => {
                let mut seq = s.serialize_seq(Some(items.len()))?;
                for item in items.iter() {
                    seq.serialize_element(item)?;
                }
                seq.end()
            }
            Value::Object(m) => {
                let mut map = s.serialize_map(Some(m.len()))?;
                for (k, v) in m.0.iter() {
                    map.serialize_entry(&**k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Compact JSON.
impl fmt::Display for Value {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&serde_json::to_string(self).map_err(|_| fmt::Error)?)
    }
}
