//! Shared fixtures, input generators and independent checks for the fuzz targets.
//!
//! Everything here is written against the public API of `membrane_token` and checks it
//! with other code: `hmac`/`sha2` for MACs, the RustCrypto signature crates for
//! public-key signatures ([`asym`]), `base64ct` for base64url, `serde_json` (and Rust's
//! correctly rounded `str::parse::<f64>`) for JSON.

use std::sync::OnceLock;

use arbitrary::{Result, Unstructured};
use base64ct::{Base64UrlUnpadded, Encoding};
use hmac::{Hmac, KeyInit, Mac};
use membrane_token::{
    decode_unverified, Algorithm, Claims, IssuerCheck, Map, Number, Profile, Value, Verifier,
    Workspace,
};
use sha2::{Sha256, Sha384, Sha512};

pub mod asym;

// --- fixtures ---------------------------------------------------------------------------

/// The workspace key of the reference vectors.
pub const KEY: &str = "ws_7f3c2a9e";
/// The fixed 64-byte secret (the vectors' HS384 secret; long enough for every algorithm).
pub const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// A second, "previous" secret (the vectors' 65-byte HS512 secret) for the rotating
/// verifier, so the HS512 reference tokens verify too.
pub const OLD_SECRET: &[u8; 65] =
    b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4cx";
/// The verification time: before the vectors' `exp` (1800000000), after their `iat`.
pub const NOW: u64 = 1_799_993_000;
/// The strict verifier's limits (the crate's documented defaults).
pub const MAX_TOKEN_LEN: usize = 16 * 1024;
pub const MAX_DEPTH: usize = 32;

fn index(alg: Algorithm) -> usize {
    match alg {
        Algorithm::Hs256 => 0,
        Algorithm::Hs384 => 1,
        Algorithm::Hs512 => 2,
        other => unreachable!("{other} is not an HMAC algorithm"),
    }
}

/// The fixed workspace for `alg` (Node profile, [`SECRET`]).
pub fn workspace(alg: Algorithm) -> &'static Workspace {
    static WS: OnceLock<[Workspace; 3]> = OnceLock::new();
    let all = WS.get_or_init(|| {
        Algorithm::HMAC.map(|alg| Workspace::new(KEY, SECRET, alg).expect("fixed workspace"))
    });
    &all[index(alg)]
}

/// A lenient verifier for `alg`: [`SECRET`] or [`OLD_SECRET`], no issuer check, `exp`
/// optional (still checked when present). Reaches the accepting path more often.
pub fn relaxed_verifier(alg: Algorithm) -> &'static Verifier {
    static V: OnceLock<[Verifier; 3]> = OnceLock::new();
    let all = V.get_or_init(|| {
        Algorithm::HMAC.map(|alg| {
            Verifier::new(workspace(alg))
                .previous_secret(OLD_SECRET)
                .expect("65-byte secret")
                .require_exp(false)
                .issuer_check(IssuerCheck::Skip)
        })
    });
    &all[index(alg)]
}

// --- independent primitives ----------------------------------------------------------

/// HMAC over `input` with the `hmac` crate directly.
pub fn hmac(alg: Algorithm, secret: &[u8], input: &[u8]) -> Vec<u8> {
    match alg {
        Algorithm::Hs256 => {
            let mut m = <Hmac<Sha256> as KeyInit>::new_from_slice(secret).expect("any key");
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        Algorithm::Hs384 => {
            let mut m = <Hmac<Sha384> as KeyInit>::new_from_slice(secret).expect("any key");
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        Algorithm::Hs512 => {
            let mut m = <Hmac<Sha512> as KeyInit>::new_from_slice(secret).expect("any key");
            m.update(input);
            m.finalize().into_bytes().to_vec()
        }
        other => unreachable!("{other} is not an HMAC algorithm"),
    }
}

pub fn b64(bytes: &[u8]) -> String {
    Base64UrlUnpadded::encode_string(bytes)
}

/// base64ct's strict decoder (alphabet, no padding, zero trailing bits).
pub fn unb64(text: &str) -> Option<Vec<u8>> {
    Base64UrlUnpadded::decode_vec(text).ok()
}

/// Splits a token at its dots (any number of segments).
pub fn segments(token: &str) -> Vec<&str> {
    token.split('.').collect()
}

/// The checks every accepted HMAC token must pass, made without the crate: those of
/// [`assert_accepted_with`], the signature being HMAC(secret, header "." payload) for
/// one of `secrets`.
pub fn assert_accepted(token: &str, alg: Algorithm, secrets: &[&[u8]], claims: &Claims) {
    assert_accepted_with(token, alg, claims, |input, signature| {
        secrets.iter().any(|s| hmac(alg, s, input) == signature)
    });
}

/// The checks every accepted token must pass, made without the crate: exactly three
/// segments, a signature segment that decodes strictly and for which `signature_ok`
/// (an independent check, given the signing input `header "." payload` and the decoded
/// signature) holds, a header (decoded strictly, parsed by serde_json) whose `alg`
/// names `alg`, and `decode_unverified` agreeing with the verifier.
pub fn assert_accepted_with(
    token: &str,
    alg: Algorithm,
    claims: &Claims,
    signature_ok: impl Fn(&[u8], &[u8]) -> bool,
) {
    let parts = segments(token);
    assert_eq!(parts.len(), 3, "accepted token without exactly 3 segments");
    let signing_input = &token[..parts[0].len() + 1 + parts[1].len()];
    let signature = unb64(parts[2]).expect("accepted a signature base64ct refuses");
    assert!(
        signature_ok(signing_input.as_bytes(), &signature),
        "accepted a token whose {alg} signature does not verify independently"
    );
    let header_bytes = unb64(parts[0]).expect("accepted a header base64ct refuses");
    let header: serde_json::Value =
        serde_json::from_slice(&header_bytes).expect("accepted a header serde_json refuses");
    assert_eq!(
        header.get("alg").and_then(serde_json::Value::as_str),
        Some(alg.name()),
        "accepted a header whose alg is not the pinned algorithm"
    );
    assert_eq!(claims.algorithm(), alg);
    unb64(parts[1]).expect("accepted a payload base64ct refuses");
    let unverified = decode_unverified(token).expect("verified but decode_unverified fails");
    assert_eq!(unverified.header, claims.header());
    assert_eq!(unverified.payload, claims.payload());
}

// --- structure of values -------------------------------------------------------------

/// The deepest node, the root being at depth 0 (the writer refuses depth > 128).
pub fn node_depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => items.iter().map(|i| 1 + node_depth(i)).max().unwrap_or(0),
        Value::Object(m) => m.iter().map(|(_, i)| 1 + node_depth(i)).max().unwrap_or(0),
        _ => 0,
    }
}

/// How many arrays/objects are nested at the deepest point (`{}` is 1, `1` is 0).
pub fn container_depth(v: &Value) -> usize {
    match v {
        Value::Array(items) => 1 + items.iter().map(container_depth).max().unwrap_or(0),
        Value::Object(m) => 1 + m.iter().map(|(_, i)| container_depth(i)).max().unwrap_or(0),
        _ => 0,
    }
}

/// Every float in `v`, depth first.
pub fn floats(v: &Value, out: &mut Vec<f64>) {
    match v {
        Value::Number(Number::F64(f)) => out.push(*f),
        Value::Array(items) => items.iter().for_each(|i| floats(i, out)),
        Value::Object(m) => m.iter().for_each(|(_, i)| floats(i, out)),
        _ => {}
    }
}

/// Nesting depth of JSON text, counted independently of the crate (brackets outside
/// strings).
pub fn text_depth(text: &str) -> usize {
    let (mut depth, mut max, mut in_str, mut esc) = (0usize, 0usize, false, false);
    for c in text.chars() {
        if in_str {
            match c {
                _ if esc => esc = false,
                '\\' => esc = true,
                '"' => in_str = false,
                _ => {}
            }
        } else {
            match c {
                '"' => in_str = true,
                '[' | '{' => {
                    depth += 1;
                    max = max.max(depth);
                }
                ']' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    max
}

// --- what a profile must write: an independent model ---------------------------------

/// The JSON a profile's library must produce for a value: numbers as exact integers or
/// floats, objects with their members in the order the library writes them.
#[derive(Debug, Clone, PartialEq)]
pub enum Expected {
    Null,
    Bool(bool),
    Int(i128),
    Float(f64),
    Str(String),
    Array(Vec<Expected>),
    Object(Vec<(String, Expected)>),
}

/// An ECMAScript array index: the canonical decimal text of an integer 0..=2^32-2.
pub fn js_array_index(key: &str) -> Option<u32> {
    key.parse::<u32>()
        .ok()
        .filter(|n| *n != u32::MAX && n.to_string() == key)
}

/// Whether PHP makes a list of this object when it is the payload array
/// `JWT::encode` takes: keys exactly "0", "1", ... "n-1" in that order (the empty
/// object included).
pub fn php_list_keys(m: &Map) -> bool {
    m.iter().enumerate().all(|(i, (k, _))| k == i.to_string())
}

/// The model of `v` as `profile` writes it:
/// - Go/Go1.22: members sorted by key bytes, at every level;
/// - Node: array-index keys first in ascending numeric order, then the rest in insertion
///   order (ECMAScript OrdinaryOwnPropertyKeys);
/// - PHP: the outermost object keyed "0".."n-1" (or `{}`) becomes an array (the PHP
///   array `JWT::encode` takes); nested objects stay objects; insertion order;
/// - Python, Ruby, Java: insertion order.
pub fn expected(v: &Value, profile: Profile) -> Expected {
    expected_at(v, profile, true)
}

fn expected_at(v: &Value, profile: Profile, top: bool) -> Expected {
    match v {
        Value::Null => Expected::Null,
        Value::Bool(b) => Expected::Bool(*b),
        Value::Number(Number::U64(n)) => Expected::Int(i128::from(*n)),
        Value::Number(Number::I64(n)) => Expected::Int(i128::from(*n)),
        Value::Number(Number::F64(f)) => Expected::Float(*f),
        Value::String(s) => Expected::Str(s.clone()),
        Value::Array(items) => Expected::Array(
            items
                .iter()
                .map(|i| expected_at(i, profile, false))
                .collect(),
        ),
        Value::Object(m) => {
            let mut members: Vec<(String, Expected)> = m
                .iter()
                .map(|(k, v)| (k.to_owned(), expected_at(v, profile, false)))
                .collect();
            match profile {
                Profile::Php if top && php_list_keys(m) => {
                    return Expected::Array(members.into_iter().map(|(_, e)| e).collect())
                }
                Profile::Go | Profile::Go122 => {
                    members.sort_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()))
                }
                Profile::Node => {
                    let (mut index, rest): (Vec<_>, Vec<_>) = members
                        .into_iter()
                        .partition(|(k, _)| js_array_index(k).is_some());
                    index.sort_by_key(|(k, _)| js_array_index(k));
                    index.extend(rest);
                    members = index;
                }
                _ => {}
            }
            Expected::Object(members)
        }
    }
}

/// How floats are compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Floats {
    /// The value read back must be the same `f64` (`==`, so `-0.0 == 0.0`: JavaScript
    /// prints both as `0`).
    Exact,
    /// Any JSON number (the exact value is checked separately on the number's own text).
    AnyNumber,
}

fn int_of(n: &Number) -> Option<i128> {
    match *n {
        Number::U64(u) => Some(i128::from(u)),
        Number::I64(i) => Some(i128::from(i)),
        Number::F64(_) => None,
    }
}

/// Prefixes a path component to a difference found below it (paths are built only on
/// failure, so comparing allocates nothing).
fn at(step: impl std::fmt::Display, below: Option<String>) -> Option<String> {
    below.map(|d| format!("{step}{d}"))
}

/// Compares a value read back by the crate with the model, member order included.
/// Returns the path and a description of the first difference.
pub fn diff_ordered(e: &Expected, a: &Value, floats: Floats) -> Option<String> {
    match (e, a) {
        (Expected::Null, Value::Null) => None,
        (Expected::Bool(x), Value::Bool(y)) if x == y => None,
        (Expected::Int(x), Value::Number(n)) if int_of(n) == Some(*x) => None,
        (Expected::Float(_), Value::Number(_)) if floats == Floats::AnyNumber => None,
        (Expected::Float(x), Value::Number(n)) if n.as_f64() == *x => None,
        (Expected::Str(x), Value::String(y)) if x == y => None,
        (Expected::Array(xs), Value::Array(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .enumerate()
            .find_map(|(i, (x, y))| at(format_args!("[{i}]"), diff_ordered(x, y, floats))),
        (Expected::Object(xs), Value::Object(ys)) if xs.len() == ys.len() => {
            xs.iter().zip(ys.iter()).find_map(|((kx, x), (ky, y))| {
                if kx != ky {
                    Some(format!(": expected key {kx:?}, got {ky:?} (member order)"))
                } else {
                    at(format_args!(".{kx:?}"), diff_ordered(x, y, floats))
                }
            })
        }
        _ => Some(format!(": expected {e:?}, got {a:?}")),
    }
}

/// Compares serde_json's reading of the output with the model (member order ignored:
/// serde_json's map is sorted).
pub fn diff_serde(e: &Expected, a: &serde_json::Value, floats: Floats) -> Option<String> {
    use serde_json::Value as J;
    let int = |n: &serde_json::Number| {
        n.as_u64()
            .map(i128::from)
            .or_else(|| n.as_i64().map(i128::from))
    };
    match (e, a) {
        (Expected::Null, J::Null) => None,
        (Expected::Bool(x), J::Bool(y)) if x == y => None,
        (Expected::Int(x), J::Number(n)) if int(n) == Some(*x) => None,
        (Expected::Float(_), J::Number(_)) if floats == Floats::AnyNumber => None,
        (Expected::Float(x), J::Number(n)) if n.as_f64() == Some(*x) => None,
        (Expected::Str(x), J::String(y)) if x == y => None,
        (Expected::Array(xs), J::Array(ys)) if xs.len() == ys.len() => xs
            .iter()
            .zip(ys)
            .enumerate()
            .find_map(|(i, (x, y))| at(format_args!("[{i}]"), diff_serde(x, y, floats))),
        (Expected::Object(xs), J::Object(ys)) if xs.len() == ys.len() => {
            xs.iter().find_map(|(k, x)| match ys.get(k) {
                Some(y) => at(format_args!(".{k:?}"), diff_serde(x, y, floats)),
                None => Some(format!(": missing key {k:?}")),
            })
        }
        _ => Some(format!(": expected {e:?}, got {a:?}")),
    }
}

/// Parses JSON text with serde_json without its recursion limit.
pub fn serde_parse_deep(text: &str) -> serde_json::Result<serde_json::Value> {
    use serde::Deserialize;
    let mut de = serde_json::Deserializer::from_str(text);
    de.disable_recursion_limit();
    let v = serde_json::Value::deserialize(&mut de)?;
    de.end()?;
    Ok(v)
}

// --- generators ----------------------------------------------------------------------

/// Shapes of generated values.
#[derive(Clone, Copy, Debug)]
pub struct Gen {
    /// Containers nest at most this deep below the starting depth.
    pub max_depth: usize,
    /// Whether NaN and the infinities may appear.
    pub non_finite: bool,
    /// Whether object names may be the claims the verifier checks (`exp`, `iss`, ...).
    pub reserved_names: bool,
}

/// Floats near the edges of every profile's notation switch, and other classics.
#[rustfmt::skip]
#[allow(clippy::excessive_precision)]
const FLOATS: &[f64] = &[
    0.0, -0.0, 0.1, 0.5, 1.0, -1.0, 1.5, 2.5e-7, 1e-7, 1e-6, 9.999999999999999e-7, 1e-5,
    1e-4, 1e-3, 0.30000000000000004, 123456.789, 1e7, 9999999.999999998, 1e15, 1e16, 1e17,
    1e20, 1e21, 1e22, 123456789012345680000.0, 9007199254740993.0, 9007199254740992.0,
    4294967295.0, 1.7976931348623157e308, -1.7976931348623157e308, 2.2250738585072014e-308,
    2.225073858507201e-308, 5e-324, 1e-323, 1e308, 1e-300, 0.1e-320, 6.02214076e23,
    std::f64::consts::PI, std::f64::consts::E, 1.0000000000000002, 0.9999999999999999,
    8.41e21, 5e-7, 123e-20, 1.2345678901234567e-5,
];

#[rustfmt::skip]
const NAMES: &[&str] = &[
    "", "0", "1", "2", "10", "01", "-1", "1.0", "+1", " 1", "4294967294", "4294967295",
    "4294967296", "9007199254740993", "a", "id", "name", "__proto__", "constructor", "toString",
    "\u{0}", "\"", "\\", "<>&", "\u{2028}", "\u{7f}", "é", "\u{1f600}", " a", "a\u{2028}",
];

#[rustfmt::skip]
const RESERVED: &[&str] = &[
    "exp", "nbf", "iat", "iss", "sub", "workspaceKey", "tenantKey", "isAdmin", "fields", "aud",
];

#[rustfmt::skip]
const CHARS: &[char] = &[
    '\u{0}', '\u{1}', '\u{8}', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1f}', ' ', '"', '\\',
    '/', '<', '>', '&', '\'', '\u{7f}', '\u{80}', '\u{9f}', '\u{a0}', 'é', '\u{2028}',
    '\u{2029}', '\u{fffd}', '\u{feff}', '\u{ffff}', '\u{10000}', '\u{1f600}', '\u{10ffff}', 'a',
    'Z', '0', '\u{1680}', '\u{2007}', '\u{3000}',
];

pub fn float(u: &mut Unstructured, g: &Gen) -> Result<f64> {
    let f = match u.int_in_range(0..=3)? {
        0 => FLOATS[u.choose_index(FLOATS.len())?],
        1 => {
            // A short decimal mantissa and exponent, as people write numbers.
            let m: i32 = u.int_in_range(-99_999..=99_999)?;
            let e: i32 = u.int_in_range(-30..=30)?;
            format!("{m}e{e}").parse().expect("valid float text")
        }
        2 => {
            // Neighbours of an interesting float.
            let base = FLOATS[u.choose_index(FLOATS.len())?];
            let step: i8 = u.arbitrary()?;
            f64::from_bits(base.to_bits().wrapping_add(step as i64 as u64))
        }
        _ => f64::from_bits(u.arbitrary()?),
    };
    if f.is_finite() || g.non_finite {
        Ok(f)
    } else {
        // Clear the top exponent bit: a finite float with the same sign and mantissa.
        Ok(f64::from_bits(f.to_bits() & !(1 << 62)))
    }
}

pub fn number(u: &mut Unstructured, g: &Gen) -> Result<Number> {
    Ok(match u.int_in_range(0..=4)? {
        0 => Number::U64(u.int_in_range(0..=20)?),
        1 => Number::U64(u.arbitrary()?),
        2 => Number::I64(u.arbitrary()?),
        _ => Number::F64(float(u, g)?),
    })
}

pub fn string(u: &mut Unstructured) -> Result<String> {
    Ok(match u.int_in_range(0..=2)? {
        0 => u.arbitrary()?,
        1 => {
            let n = u.int_in_range(0..=12)?;
            let mut s = String::new();
            for _ in 0..n {
                s.push(CHARS[u.choose_index(CHARS.len())?]);
            }
            s
        }
        _ => {
            let n = u.int_in_range(0..=8)?;
            let mut s = String::new();
            for _ in 0..n {
                s.push(u.arbitrary::<char>()?);
            }
            s
        }
    })
}

pub fn name(u: &mut Unstructured, g: &Gen) -> Result<String> {
    Ok(match u.int_in_range(0..=4)? {
        0 => string(u)?,
        1 => u.int_in_range(0u32..=12)?.to_string(),
        2 => u.arbitrary::<u32>()?.to_string(),
        3 if g.reserved_names => RESERVED[u.choose_index(RESERVED.len())?].to_owned(),
        _ => NAMES[u.choose_index(NAMES.len())?].to_owned(),
    })
}

/// An object: sometimes keyed "0".."n-1" in order (a PHP list), sometimes with names from
/// the tables above, sometimes with any names.
pub fn map(u: &mut Unstructured, g: &Gen, depth: usize) -> Result<Map> {
    let n = u.int_in_range(0..=6)?;
    let list = u.ratio(1, 5)?;
    let mut m = Map::new();
    for i in 0..n {
        let k = if list { i.to_string() } else { name(u, g)? };
        m.insert(k, value(u, g, depth + 1)?);
    }
    Ok(m)
}

/// A value whose node depth (from `depth`) stays within `g.max_depth`.
pub fn value(u: &mut Unstructured, g: &Gen, depth: usize) -> Result<Value> {
    let kinds = if depth >= g.max_depth { 3 } else { 6 };
    Ok(match u.int_in_range(0..=kinds)? {
        0 => Value::Null,
        1 => Value::Bool(u.arbitrary()?),
        2 => Value::Number(number(u, g)?),
        3 => Value::String(string(u)?),
        4 => {
            let n = u.int_in_range(0..=5)?;
            let mut items = Vec::with_capacity(n);
            for _ in 0..n {
                items.push(value(u, g, depth + 1)?);
            }
            Value::Array(items)
        }
        _ => Value::Object(map(u, g, depth)?),
    })
}

/// The algorithm the `roundtrip` target signs with, from one input byte: one of the
/// three HMACs for 7 inputs in 8 (what most inputs are for is the JSON the profiles
/// write, the same under every algorithm), each public-key algorithm of
/// [`asym::ALGORITHMS`] for 1 in 48: under AddressSanitizer an RSA signature costs
/// about 25 ms and an ES512 signature and its two verifications 15 ms, against under
/// 1 ms for a whole HMAC input. (libFuzzer keeps and mutates the inputs that reach new
/// code, the public-key paths among them, so more than 1 in 8 of the inputs it runs
/// are public-key ones; see fuzz/README.md for the rates.)
pub fn algorithm(u: &mut Unstructured) -> Result<Algorithm> {
    let i = u.choose_index(48)?;
    Ok(if i < 42 {
        Algorithm::HMAC[i % 3]
    } else {
        asym::ALGORITHMS[i - 42].0
    })
}

pub fn profile(u: &mut Unstructured) -> Result<Profile> {
    Ok(Profile::ALL[u.choose_index(Profile::ALL.len())?])
}

// --- library-specific rules, written from the libraries' documentation ----------------

/// Java's `Character.isWhitespace`: SPACE_SEPARATOR, LINE_SEPARATOR or
/// PARAGRAPH_SEPARATOR except the non-breaking spaces U+00A0, U+2007, U+202F, plus
/// U+0009..U+000D and U+001C..U+001F.
pub fn java_is_whitespace(c: char) -> bool {
    let space_separator = matches!(
        c,
        ' ' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200a}' | '\u{202f}' | '\u{205f}' | '\u{3000}'
    );
    let non_breaking = matches!(c, '\u{a0}' | '\u{2007}' | '\u{202f}');
    (space_separator && !non_breaking)
        || matches!(c, '\u{2028}' | '\u{2029}' | '\u{9}'..='\u{d}' | '\u{1c}'..='\u{1f}')
}

/// A claim name as jjwt stores it (trimmed of Java whitespace).
pub fn java_name(name: &str) -> &str {
    name.trim_matches(java_is_whitespace)
}

/// Whether an input that triggers the known finding `id` should be skipped rather than
/// asserted on: `MEMBRANE_FUZZ_SKIP` is a comma-separated list of finding ids (README).
pub fn skip(id: &str) -> bool {
    static SKIP: OnceLock<Vec<String>> = OnceLock::new();
    SKIP.get_or_init(|| {
        std::env::var("MEMBRANE_FUZZ_SKIP")
            .unwrap_or_default()
            .split(',')
            .map(|s| s.trim().to_owned())
            .filter(|s| !s.is_empty())
            .collect()
    })
    .iter()
    .any(|s| s == id || s == "all")
}

/// One escape sequence in JSON text: a short one (`\n`, ...) or a `\uXXXX` code unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Escape {
    Short(char),
    /// The code unit and whether its hex digits were upper-case (None: no letters).
    Unit(u16, Option<bool>),
}

/// The escape sequences of JSON text, in order (outside strings JSON has none).
pub fn escapes(json: &str) -> Vec<Escape> {
    let mut out = Vec::new();
    let mut chars = json.chars();
    while let Some(c) = chars.next() {
        if c != '\\' {
            continue;
        }
        match chars.next() {
            Some('u') => {
                let hex: String = chars.by_ref().take(4).collect();
                let unit = u16::from_str_radix(&hex, 16).expect("4 hex digits after \\u");
                let upper = if hex.chars().any(|h| h.is_ascii_uppercase()) {
                    Some(true)
                } else if hex.chars().any(|h| h.is_ascii_lowercase()) {
                    Some(false)
                } else {
                    None
                };
                out.push(Escape::Unit(unit, upper));
            }
            Some(other) => out.push(Escape::Short(other)),
            None => panic!("JSON ends in a backslash"),
        }
    }
    out
}

/// Whether `profile`'s serializer writes code unit `unit` as `\uXXXX` (units that have a
/// short escape never are, except `\b`/`\f` for Go before 1.22):
/// - every profile: U+0000..U+001F;
/// - Python (`ensure_ascii`): also DEL and everything from U+0080 (surrogate pairs);
/// - PHP (`json_encode`): everything from U+0080;
/// - Go: `<`, `>`, `&`, U+2028, U+2029;
/// - Java (Jackson): characters above U+FFFF, as surrogate pairs.
pub fn escapes_unit(profile: Profile, unit: u16) -> bool {
    let short = matches!(unit, 0x08 | 0x09 | 0x0a | 0x0c | 0x0d | 0x22 | 0x5c);
    let surrogate = (0xd800..=0xdfff).contains(&unit);
    match profile {
        Profile::Go if matches!(unit, 0x08 | 0x0c) => true,
        _ if short => false,
        _ if unit < 0x20 => true,
        Profile::Python => unit == 0x7f || unit >= 0x80,
        Profile::Php => unit >= 0x80,
        Profile::Go | Profile::Go122 => matches!(unit, 0x3c | 0x3e | 0x26 | 0x2028 | 0x2029),
        Profile::Java => surrogate,
        _ => false,
    }
}
