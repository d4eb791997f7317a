//! An ordered JSON value: objects keep their members in insertion (or document) order.
//!
//! `serde_json::Value` sorts object members unless its `preserve_order` feature is on,
//! and a library that switched that feature on would change every user's build. Claims
//! therefore travel as this small type instead, which converts from `serde_json::Value`
//! and from plain Rust values, and parses JSON text keeping member order (and refusing
//! duplicate member names).

use alloc::borrow::ToOwned;
use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;

use serde::de::{self, Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::ser::{Serialize, SerializeMap, SerializeSeq, Serializer};

use crate::{Error, Part};

/// A JSON number as the claims hold it: an exact integer or a binary64 float.
///
/// # Examples
///
/// ```
/// use membrane_token::{Number, Part, Value};
///
/// // Integers are exact over the whole u64 and i64 ranges; non-negative ones are `U64`.
/// let max = Value::parse("18446744073709551615", Part::Input)?;
/// assert_eq!(max, Value::Number(Number::U64(u64::MAX)));
/// let min = Value::parse("-9223372036854775808", Part::Input)?;
/// assert_eq!(min.as_number(), Some(Number::I64(i64::MIN)));
/// assert_eq!(Value::from(5i64).as_number(), Some(Number::U64(5)));
/// assert_eq!(Value::parse("1.5", Part::Input)?.as_number(), Some(Number::F64(1.5)));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Number {
    /// A non-negative integer.
    U64(u64),
    /// A negative integer.
    I64(i64),
    /// A float; signing refuses NaN and the infinities with [`Error::NonFiniteNumber`].
    F64(f64),
}

impl Number {
    /// The value as a `u64`, if it is a non-negative integer.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Number;
    /// assert_eq!(Number::U64(1_800_000_000).as_u64(), Some(1_800_000_000));
    /// assert_eq!(Number::I64(-1).as_u64(), None);
    /// assert_eq!(Number::F64(1.0).as_u64(), None); // a float, even if integral
    /// ```
    pub fn as_u64(&self) -> Option<u64> {
        match *self {
            Number::U64(n) => Some(n),
            _ => None,
        }
    }

    /// The value as an `i64`, if it is an integer in range.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Number;
    /// assert_eq!(Number::I64(-3).as_i64(), Some(-3));
    /// assert_eq!(Number::U64(3).as_i64(), Some(3));
    /// assert_eq!(Number::U64(u64::MAX).as_i64(), None); // above i64::MAX
    /// assert_eq!(Number::F64(3.0).as_i64(), None);
    /// ```
    pub fn as_i64(&self) -> Option<i64> {
        match *self {
            Number::U64(n) => i64::try_from(n).ok(),
            Number::I64(n) => Some(n),
            Number::F64(_) => None,
        }
    }

    /// The value as an `f64` (integers beyond 2^53 are rounded).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Number;
    /// assert_eq!(Number::I64(-2).as_f64(), -2.0);
    /// // 2^53 + 1 has no binary64 form; it rounds (to even) to 2^53.
    /// assert_eq!(Number::U64((1 << 53) + 1).as_f64(), 9_007_199_254_740_992.0);
    /// ```
    pub fn as_f64(&self) -> f64 {
        match *self {
            Number::U64(n) => n as f64,
            Number::I64(n) => n as f64,
            Number::F64(f) => f,
        }
    }
}

/// An ordered JSON value.
///
/// # Examples
///
/// ```
/// use membrane_token::{Number, Value};
///
/// assert_eq!(Value::from("pro"), Value::String("pro".into()));
/// assert_eq!(Value::from(10), Value::Number(Number::U64(10)));
/// assert_eq!(Value::from(-1), Value::Number(Number::I64(-1)));
/// assert_eq!(Value::from(None::<&str>), Value::Null);
/// assert_eq!(Value::from(vec![1, 2]), Value::Array(vec![Value::from(1), Value::from(2)]));
/// // f32 is widened exactly: 0.1f32 is 0.100000001490116119384765625.
/// assert_eq!(Value::from(0.1f32), Value::from(0.100000001490116119384765625f64));
/// let tier = Value::from(serde_json::json!({"tier": "gold"}));
/// assert_eq!(tier.as_object().and_then(|m| m.get("tier")), Some(&Value::from("gold")));
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub enum Value {
    /// `null`.
    #[default]
    Null,
    /// `true` or `false`.
    Bool(bool),
    /// A number.
    Number(Number),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Value>),
    /// An object, members in order.
    Object(Map),
}

/// A JSON object's members in order. Inserting an existing name replaces its value in
/// place (as assigning to a JavaScript object property does), so a map never holds a
/// name twice.
///
/// # Examples
///
/// ```
/// use membrane_token::{Map, Value};
///
/// let mut fields = Map::new();
/// fields.insert("tier", "silver");
/// fields.insert("seats", 10);
/// fields.insert("tier", "gold"); // replaces "silver" in place
/// let members: Vec<(&str, &Value)> = fields.iter().collect();
/// assert_eq!(members, [("tier", &Value::from("gold")), ("seats", &Value::from(10))]);
/// ```
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Map {
    members: Vec<(String, Value)>,
}

impl Map {
    /// An empty map.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Map;
    /// static NO_FIELDS: Map = Map::new(); // `const fn`
    /// assert!(NO_FIELDS.is_empty());
    /// assert_eq!(Map::new(), Map::default());
    /// ```
    pub const fn new() -> Map {
        Map {
            members: Vec::new(),
        }
    }

    /// Sets `name` to `value`: replaced in place if present, appended otherwise.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Map, Value};
    /// let mut claims = Map::new();
    /// claims.insert("sub", "user-1");
    /// claims.insert("exp", 1_800_000_000u64);
    /// claims.insert("sub", "user-2");
    /// assert_eq!(claims.len(), 2);
    /// assert_eq!(claims.iter().next(), Some(("sub", &Value::from("user-2"))));
    /// ```
    pub fn insert(&mut self, name: impl Into<String>, value: impl Into<Value>) {
        let name = name.into();
        let value = value.into();
        match self.members.iter_mut().find(|(n, _)| *n == name) {
            Some((_, slot)) => *slot = value,
            None => self.members.push((name, value)),
        }
    }

    /// The value of `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Map, Value};
    /// let fields: Map = [("tier", "gold")].into_iter().collect();
    /// assert_eq!(fields.get("tier").and_then(Value::as_str), Some("gold"));
    /// assert_eq!(fields.get("Tier"), None); // names are case-sensitive
    /// ```
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.members.iter().find(|(n, _)| n == name).map(|(_, v)| v)
    }

    /// The members in order.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Part, Value};
    /// let text = r#"{"workspaceKey":"ws_7f3c2a9e","tenantKey":"tenant-001","iat":1799992800}"#;
    /// let claims = Value::parse(text, Part::Payload)?;
    /// let names: Vec<&str> = claims.as_object().unwrap().iter().map(|(name, _)| name).collect();
    /// assert_eq!(names, ["workspaceKey", "tenantKey", "iat"]); // as in the text, not sorted
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn iter(&self) -> impl ExactSizeIterator<Item = (&str, &Value)> + '_ {
        self.members.iter().map(|(n, v)| (n.as_str(), v))
    }

    /// How many members.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Map;
    /// let fields: Map = [("tier", "gold"), ("region", "eu"), ("tier", "silver")]
    ///     .into_iter()
    ///     .collect();
    /// assert_eq!(fields.len(), 2); // "tier" once
    /// ```
    pub fn len(&self) -> usize {
        self.members.len()
    }

    /// Whether there are none.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Part, Value};
    /// let empty = Value::parse("{}", Part::Input)?;
    /// assert!(empty.as_object().is_some_and(|m| m.is_empty()));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn is_empty(&self) -> bool {
        self.members.is_empty()
    }

    pub(crate) fn entries(&self) -> &[(String, Value)] {
        &self.members
    }

    /// Overwrites every name and string, at every depth, with zeros (a JWK's private
    /// members are parsed into a map before they are decoded).
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub(crate) fn wipe(&mut self) {
        use zeroize::Zeroize;
        for (name, value) in &mut self.members {
            name.zeroize();
            value.wipe();
        }
    }
}

impl<K: Into<String>, V: Into<Value>> FromIterator<(K, V)> for Map {
    fn from_iter<I: IntoIterator<Item = (K, V)>>(iter: I) -> Map {
        let mut map = Map::new();
        iter.into_iter().for_each(|(k, v)| map.insert(k, v));
        map
    }
}

impl Value {
    /// Overwrites every string in the value with zeros; see [`Map::wipe`].
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub(crate) fn wipe(&mut self) {
        use zeroize::Zeroize;
        match self {
            Value::String(s) => s.zeroize(),
            Value::Array(items) => items.iter_mut().for_each(Value::wipe),
            Value::Object(map) => map.wipe(),
            Value::Null | Value::Bool(_) | Value::Number(_) => {}
        }
    }

    /// Parses JSON text, keeping member order and refusing duplicate member names.
    ///
    /// Errors name `part` and say where the text went wrong, never what it held.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Error, Part, Value};
    ///
    /// let fields = Value::parse(r#"{"tier":"gold","seats":10}"#, Part::Input)?;
    /// assert_eq!(fields.as_object().and_then(|m| m.get("seats")), Some(&Value::from(10)));
    /// // The same name twice, here once spelled with an escape, is refused.
    /// let twice = Value::parse(r#"{"tier":"gold","\u0074ier":"pro"}"#, Part::Payload);
    /// assert_eq!(twice, Err(Error::DuplicateMember(Part::Payload)));
    /// let broken = Value::parse("{\n  \"tier\": }", Part::Input);
    /// assert!(matches!(broken, Err(Error::InvalidInputJson { line: 2, .. })));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn parse(text: &str, part: Part) -> Result<Value, Error> {
        let mut de = serde_json::Deserializer::from_str(text);
        let value = Value::deserialize(&mut de)
            .and_then(|v| de.end().map(|()| v))
            .map_err(|e| json_error(&e, part))?;
        Ok(value)
    }

    /// The string, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Value;
    /// assert_eq!(Value::from("customer-42").as_str(), Some("customer-42"));
    /// assert_eq!(Value::from(42).as_str(), None); // no conversion
    /// ```
    pub fn as_str(&self) -> Option<&str> {
        match self {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// The object, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Part, Value};
    /// let value = Value::parse(r#"{"userField":"pro"}"#, Part::Input)?;
    /// assert_eq!(value.as_object().map(|m| m.len()), Some(1));
    /// assert_eq!(Value::parse("[]", Part::Input)?.as_object(), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn as_object(&self) -> Option<&Map> {
        match self {
            Value::Object(m) => Some(m),
            _ => None,
        }
    }

    /// The boolean, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Part, Value};
    /// assert_eq!(Value::parse("true", Part::Input)?.as_bool(), Some(true));
    /// assert_eq!(Value::from("true").as_bool(), None); // a string is not a boolean
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn as_bool(&self) -> Option<bool> {
        match self {
            Value::Bool(b) => Some(*b),
            _ => None,
        }
    }

    /// The number, if this is one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Number, Value};
    /// let exp = Value::from(1_800_000_000u64);
    /// assert_eq!(exp.as_number().and_then(|n| n.as_u64()), Some(1_800_000_000));
    /// assert_eq!(Value::from("1800000000").as_number(), None);
    /// ```
    pub fn as_number(&self) -> Option<Number> {
        match self {
            Value::Number(n) => Some(*n),
            _ => None,
        }
    }
}

/// Marks the only data error our visitor raises, so it can be told from syntax errors.
const DUPLICATE: &str = "duplicate member name";

fn json_error(e: &serde_json::Error, part: Part) -> Error {
    if e.classify() == serde_json::error::Category::Data {
        return Error::DuplicateMember(part);
    }
    match part {
        Part::Input => Error::InvalidInputJson {
            line: e.line(),
            column: e.column(),
        },
        _ => Error::InvalidJson {
            part,
            line: e.line(),
            column: e.column(),
        },
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a JSON value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Number(Number::U64(n)))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::from(n))
    }

    fn visit_f64<E>(self, f: f64) -> Result<Value, E> {
        Ok(Value::Number(Number::F64(f)))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::String(s.to_owned()))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::String(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Array(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Value, A::Error> {
        let mut map = Map::new();
        while let Some(name) = access.next_key::<String>()? {
            // Linear search: objects in tokens are small and the verifier bounds size.
            if map.get(&name).is_some() {
                return Err(de::Error::custom(DUPLICATE));
            }
            let value = access.next_value()?;
            map.members.push((name, value));
        }
        Ok(Value::Object(map))
    }
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(ValueVisitor)
    }
}

impl Serialize for Value {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Value::Null => serializer.serialize_unit(),
            Value::Bool(b) => serializer.serialize_bool(*b),
            Value::Number(Number::U64(n)) => serializer.serialize_u64(*n),
            Value::Number(Number::I64(n)) => serializer.serialize_i64(*n),
            Value::Number(Number::F64(f)) => serializer.serialize_f64(*f),
            Value::String(s) => serializer.serialize_str(s),
            Value::Array(items) => {
                let mut seq = serializer.serialize_seq(Some(items.len()))?;
                items
                    .iter()
                    .try_for_each(|item| seq.serialize_element(item))?;
                seq.end()
            }
            Value::Object(map) => map.serialize(serializer),
        }
    }
}

impl Serialize for Map {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut out = serializer.serialize_map(Some(self.len()))?;
        self.iter()
            .try_for_each(|(k, v)| out.serialize_entry(k, v))?;
        out.end()
    }
}

impl From<serde_json::Value> for Value {
    /// Object members come in the order `serde_json::Map` iterates them: sorted by
    /// name, unless the final build enabled serde_json's `preserve_order`. Build a
    /// [`Map`] (or [`Value::parse`] JSON text) to choose the order yourself.
    fn from(v: serde_json::Value) -> Value {
        match v {
            serde_json::Value::Null => Value::Null,
            serde_json::Value::Bool(b) => Value::Bool(b),
            serde_json::Value::Number(n) => Value::Number(if let Some(u) = n.as_u64() {
                Number::U64(u)
            } else if let Some(i) = n.as_i64() {
                Number::I64(i)
            } else {
                Number::F64(n.as_f64().unwrap_or(f64::NAN))
            }),
            serde_json::Value::String(s) => Value::String(s),
            serde_json::Value::Array(items) => {
                Value::Array(items.into_iter().map(Value::from).collect())
            }
            serde_json::Value::Object(members) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| (k, Value::from(v)))
                    .collect(),
            ),
        }
    }
}

impl From<&str> for Value {
    fn from(s: &str) -> Value {
        Value::String(s.to_owned())
    }
}

impl From<String> for Value {
    fn from(s: String) -> Value {
        Value::String(s)
    }
}

impl From<bool> for Value {
    fn from(b: bool) -> Value {
        Value::Bool(b)
    }
}

impl From<Map> for Value {
    fn from(m: Map) -> Value {
        Value::Object(m)
    }
}

impl<T: Into<Value>> From<Vec<T>> for Value {
    fn from(items: Vec<T>) -> Value {
        Value::Array(items.into_iter().map(Into::into).collect())
    }
}

impl<T: Into<Value>> From<Option<T>> for Value {
    fn from(v: Option<T>) -> Value {
        v.map_or(Value::Null, Into::into)
    }
}

impl From<f64> for Value {
    fn from(f: f64) -> Value {
        Value::Number(Number::F64(f))
    }
}

impl From<f32> for Value {
    /// Widened exactly to `f64`, as JavaScript would see it.
    fn from(f: f32) -> Value {
        Value::Number(Number::F64(f64::from(f)))
    }
}

macro_rules! from_unsigned {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                Value::Number(Number::U64(n as u64))
            }
        }
    )*};
}

macro_rules! from_signed {
    ($($t:ty),*) => {$(
        impl From<$t> for Value {
            fn from(n: $t) -> Value {
                let n = n as i64;
                Value::Number(u64::try_from(n).map_or(Number::I64(n), Number::U64))
            }
        }
    )*};
}

from_unsigned!(u8, u16, u32, u64, usize);
from_signed!(i8, i16, i32, i64, isize);
