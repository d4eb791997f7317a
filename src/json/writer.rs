//! A small JSON writer that reproduces a runtime's serializer byte for byte.
//!
//! It writes into a [`Sink`] (on the signing path, the streaming base64url encoder), so
//! no intermediate JSON string is built. What differs between runtimes (escaping, member
//! order, number spelling) comes from the profile's [`Rules`].

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt::Write;

use crate::json::float::{self, StackText};
use crate::json::profile::{Escaping, KeyOrder, Profile, Rules};
use crate::json::value::{Map, Number, Value};
use crate::{Error, Part};

/// Nesting deeper than this is refused when writing, so that a value built in code can
/// never exhaust the stack; parsed values are bounded earlier by the parsers.
pub(crate) const MAX_WRITE_DEPTH: usize = 128;

/// Where JSON bytes go.
pub(crate) trait Sink {
    fn push(&mut self, bytes: &[u8]);
    #[inline]
    fn push_byte(&mut self, b: u8) {
        self.push(core::slice::from_ref(&b));
    }
}

impl<S: Sink + ?Sized> Sink for &mut S {
    fn push(&mut self, bytes: &[u8]) {
        (**self).push(bytes);
    }
    #[inline]
    fn push_byte(&mut self, b: u8) {
        (**self).push_byte(b);
    }
}

impl Sink for Vec<u8> {
    fn push(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Writes `value` as JSON text the way `profile`'s library would, appending to `out`.
///
/// This is the serializer of the signing path, exposed for tests, fuzzing and tools.
///
/// # Examples
///
/// The same value as Node's `JSON.stringify`, Python's `json.dumps` (PyJWT's compact
/// separators) and Go's `json.Marshal` of a `map[string]interface{}` write it:
///
/// ```
/// use membrane_token::{write_json, Part, Profile, Value};
///
/// let value = Value::parse(r#"{"b":2.0,"a":"é<"}"#, Part::Input)?;
/// let written = |profile| {
///     let mut out = String::new();
///     write_json(&value, profile, &mut out).map(|()| out)
/// };
/// assert_eq!(written(Profile::Node)?, r#"{"b":2,"a":"é<"}"#);
/// assert_eq!(written(Profile::Python)?, r#"{"b":2.0,"a":"\u00e9<"}"#);
/// assert_eq!(written(Profile::Go)?, r#"{"a":"é\u003c","b":2}"#);
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub fn write_json(value: &Value, profile: Profile, out: &mut String) -> Result<(), Error> {
    let mut bytes = Vec::new();
    let mut writer = JsonWriter::new(&mut bytes, profile.rules());
    match value {
        // The whole value is a payload here, as `JWT::encode` sees its argument.
        Value::Object(map) => writer.payload_object(map, 0)?,
        other => writer.value(other, 0)?,
    }
    // The writer emits only UTF-8: copied runs of a `str` and ASCII escapes.
    out.push_str(&String::from_utf8_lossy(&bytes));
    Ok(())
}

pub(crate) struct JsonWriter<'r, S> {
    sink: S,
    rules: &'r Rules,
}

impl<'r, S: Sink> JsonWriter<'r, S> {
    pub(crate) fn new(sink: S, rules: &'r Rules) -> Self {
        JsonWriter { sink, rules }
    }

    pub(crate) fn into_sink(self) -> S {
        self.sink
    }

    pub(crate) fn sink_mut(&mut self) -> &mut S {
        &mut self.sink
    }

    /// Writes a whole claims object as the profile's library does at the top level.
    pub(crate) fn top_level(&mut self, claims: &Map) -> Result<(), Error> {
        if !self.rules.java_claims {
            return self.payload_object(claims, 1);
        }
        // jjwt puts each claim into its own map in order: names are trimmed, a name
        // seen again replaces the value in place, `null` (and an empty `aud`) removes
        // the claim; times become whole seconds; no claims at all write no JSON.
        let mut kept: Vec<(&str, &Value)> = Vec::with_capacity(claims.len());
        for (name, value) in claims.entries() {
            let name = name.trim_matches(java_is_whitespace);
            let removes = match value {
                Value::Null => true,
                Value::Array(items) => items.is_empty() && name == "aud",
                _ => false,
            };
            match kept.iter().position(|(n, _)| *n == name) {
                Some(i) if removes => {
                    kept.remove(i);
                }
                Some(i) => {
                    if let Some(slot) = kept.get_mut(i) {
                        slot.1 = value;
                    }
                }
                None if !removes => kept.push((name, value)),
                None => {}
            }
        }
        if kept.is_empty() {
            return Ok(());
        }
        self.sink.push_byte(b'{');
        for (i, (name, value)) in kept.into_iter().enumerate() {
            if i > 0 {
                self.sink.push_byte(b',');
            }
            self.string(name);
            self.sink.push_byte(b':');
            match jjwt_seconds(name, value) {
                Some(secs) => self.number(secs)?,
                None => self.value(value, 2)?,
            }
        }
        self.sink.push_byte(b'}');
        Ok(())
    }

    pub(crate) fn value(&mut self, value: &Value, depth: usize) -> Result<(), Error> {
        if depth > MAX_WRITE_DEPTH {
            return Err(Error::TooDeep {
                part: Part::Input,
                max: MAX_WRITE_DEPTH,
            });
        }
        match value {
            Value::Null => self.sink.push(b"null"),
            Value::Bool(true) => self.sink.push(b"true"),
            Value::Bool(false) => self.sink.push(b"false"),
            Value::Number(n) => self.number(*n)?,
            Value::String(s) => self.string(s),
            Value::Array(items) => {
                self.sink.push_byte(b'[');
                for (i, item) in items.iter().enumerate() {
                    if i > 0 {
                        self.sink.push_byte(b',');
                    }
                    self.value(item, depth + 1)?;
                }
                self.sink.push_byte(b']');
            }
            Value::Object(map) => self.object(map, depth)?,
        }
        Ok(())
    }

    /// The payload's own object. firebase/php-jwt encodes the PHP array its caller
    /// passes (`JWT::encode(array $payload)`): claims named `"0"`..`"n-1"` (and no
    /// claims at all) make a PHP list there, which `json_encode` writes as `[...]`.
    /// Nested objects stay objects, as the real library's tokens show
    /// (`asym-php-public.json`, case `numbers-keys-empties`: `"emptyObject":{}`).
    pub(crate) fn payload_object(&mut self, map: &Map, depth: usize) -> Result<(), Error> {
        if !(self.rules.php_lists && is_php_list(map)) {
            return self.object(map, depth);
        }
        self.sink.push_byte(b'[');
        for (i, (_, item)) in map.entries().iter().enumerate() {
            if i > 0 {
                self.sink.push_byte(b',');
            }
            self.value(item, depth + 1)?;
        }
        self.sink.push_byte(b']');
        Ok(())
    }

    pub(crate) fn object(&mut self, map: &Map, depth: usize) -> Result<(), Error> {
        if depth > MAX_WRITE_DEPTH {
            return Err(Error::TooDeep {
                part: Part::Input,
                max: MAX_WRITE_DEPTH,
            });
        }
        let entries = map.entries();
        let reorder = match self.rules.order {
            KeyOrder::Insertion => false,
            KeyOrder::Sorted => true,
            KeyOrder::IndexKeysFirst => entries.iter().any(|(k, _)| array_index(k).is_some()),
        };
        self.sink.push_byte(b'{');
        if reorder {
            // Only here does writing allocate: Go's sorted maps and JavaScript objects
            // with integer-like keys.
            let mut order: Vec<&(alloc::string::String, Value)> = entries.iter().collect();
            match self.rules.order {
                KeyOrder::Sorted => order.sort_unstable_by(|a, b| a.0.cmp(&b.0)),
                _ => order.sort_by_key(|(k, _)| array_index(k).unwrap_or(u64::MAX)),
            }
            self.members(order.into_iter(), depth)?;
        } else {
            self.members(entries.iter(), depth)?;
        }
        self.sink.push_byte(b'}');
        Ok(())
    }

    fn members<'v>(
        &mut self,
        members: impl Iterator<Item = &'v (alloc::string::String, Value)>,
        depth: usize,
    ) -> Result<(), Error> {
        for (i, (name, value)) in members.enumerate() {
            if i > 0 {
                self.sink.push_byte(b',');
            }
            self.string(name);
            self.sink.push_byte(b':');
            self.value(value, depth + 1)?;
        }
        Ok(())
    }

    pub(crate) fn number(&mut self, n: Number) -> Result<(), Error> {
        match n {
            Number::U64(n) => self.u64(n),
            Number::I64(n) => {
                if n < 0 {
                    self.sink.push_byte(b'-');
                }
                self.u64(n.unsigned_abs());
            }
            Number::F64(f) if !f.is_finite() => return Err(Error::NonFiniteNumber),
            Number::F64(f) => {
                let mut text = StackText::<40>::new();
                float::format(f, self.rules.floats, &mut text);
                self.sink.push(text.as_bytes());
            }
        }
        Ok(())
    }

    pub(crate) fn u64(&mut self, n: u64) {
        // Two digits at a time from the right into a stack buffer: no `format!`, no
        // allocation, half the divisions (`iat` and `exp` are ten digits each).
        const PAIRS: &[u8; 200] = b"0001020304050607080910111213141516171819\
            2021222324252627282930313233343536373839\
            4041424344454647484950515253545556575859\
            6061626364656667686970717273747576777879\
            8081828384858687888990919293949596979899";
        let mut digits = [0u8; 20];
        let mut start = digits.len();
        let mut rest = n;
        while rest >= 100 {
            let pair = (rest % 100) as usize * 2;
            rest /= 100;
            start -= 2;
            if let (Some(dst), Some(src)) =
                (digits.get_mut(start..start + 2), PAIRS.get(pair..pair + 2))
            {
                dst.copy_from_slice(src);
            }
        }
        if rest >= 10 {
            let pair = rest as usize * 2;
            start -= 2;
            if let (Some(dst), Some(src)) =
                (digits.get_mut(start..start + 2), PAIRS.get(pair..pair + 2))
            {
                dst.copy_from_slice(src);
            }
        } else {
            start -= 1;
            if let Some(slot) = digits.get_mut(start) {
                *slot = b'0' + rest as u8;
            }
        }
        self.sink.push(digits.get(start..).unwrap_or(&[]));
    }

    /// Writes a JSON string. Runs of bytes the profile leaves alone are copied in one
    /// call; the table lookup per byte is the plain-ASCII fast path.
    pub(crate) fn string(&mut self, s: &str) {
        self.sink.push_byte(b'"');
        self.string_contents(s);
        self.sink.push_byte(b'"');
    }

    /// Writes a JSON string's contents, escaped, without the quotes (a format
    /// template has them in its constants).
    pub(crate) fn string_contents(&mut self, s: &str) {
        let rules = self.rules;
        let bytes = s.as_bytes();
        let mut run_start = 0;
        let mut i = 0;
        while let Some(&b) = bytes.get(i) {
            if let Some(chunk) = bytes.get(i..i + 8) {
                let v = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                if plain8(v, rules.escape.html) {
                    i += 8;
                    continue;
                }
            }
            if !rules.escape.is_special(b) {
                i += 1;
                continue;
            }
            self.sink.push(bytes.get(run_start..i).unwrap_or(&[]));
            // `i` is at an ASCII byte or a UTF-8 lead byte (continuation bytes are never
            // special), so it is a char boundary.
            let c = s
                .get(i..)
                .and_then(|rest| rest.chars().next())
                .unwrap_or('\u{fffd}');
            let mut text = StackText::<12>::new();
            rules.escape.write_char(c, &mut text);
            self.sink.push(text.as_bytes());
            i += c.len_utf8();
            run_start = i;
        }
        self.sink.push(bytes.get(run_start..).unwrap_or(&[]));
    }
}

/// Java's `Character.isWhitespace`, which jjwt's name cleaning trims by: the Unicode
/// space separators except the no-break ones, the line and paragraph separators, and
/// the controls U+0009..U+000D and U+001C..U+001F.
fn java_is_whitespace(c: char) -> bool {
    matches!(c,
        '\u{9}'..='\u{d}' | '\u{1c}'..='\u{20}' | '\u{1680}' | '\u{2000}'..='\u{2006}'
        | '\u{2008}'..='\u{200a}' | '\u{2028}' | '\u{2029}' | '\u{205f}' | '\u{3000}')
}

/// jjwt reads `exp`, `nbf` and `iat` into a `Date` and writes whole seconds back: a
/// fractional number is truncated and a numeric string becomes a number.
fn jjwt_seconds(name: &str, value: &Value) -> Option<Number> {
    if !matches!(name, "exp" | "nbf" | "iat") {
        return None;
    }
    match value {
        Value::Number(Number::F64(f)) if f.is_finite() && *f >= 0.0 && *f < 9.2e15 => {
            Some(Number::U64(*f as u64))
        }
        Value::String(s) => s.parse::<u64>().ok().map(Number::U64),
        _ => None,
    }
}

/// The value of `key` if it is an ECMAScript array index ("0", "1", ... up to
/// 2^32 - 2, no leading zeros): such keys come first, ascending, in a JS object.
fn array_index(key: &str) -> Option<u64> {
    let bytes = key.as_bytes();
    if bytes.is_empty() || bytes.len() > 10 || (bytes.len() > 1 && bytes.first() == Some(&b'0')) {
        return None;
    }
    let mut n: u64 = 0;
    for &b in bytes {
        if !b.is_ascii_digit() {
            return None;
        }
        n = n * 10 + u64::from(b - b'0');
    }
    (n < u64::from(u32::MAX)).then_some(n)
}

/// Whether PHP would see this object as a list: keys exactly "0", "1", ... in order.
fn is_php_list(map: &Map) -> bool {
    map.entries().iter().enumerate().all(|(i, (k, _))| {
        let mut text = StackText::<20>::new();
        let _ = write!(text, "{i}");
        k.as_bytes() == text.as_bytes()
    })
}

// `Escaping` itself is profile data (`profile.rs`); how it is applied is the writer's.
impl Escaping {
    /// Whether byte `b` starts something this runtime may escape.
    #[inline]
    fn is_special(&self, b: u8) -> bool {
        match b {
            0x00..=0x1f | b'"' | b'\\' => true,
            b'<' | b'>' | b'&' => self.html,
            0x7f => self.del,
            0x80..=0xff => {
                self.non_ascii || (self.line_separators && b == 0xe2) || (self.astral && b >= 0xf0)
            }
            _ => false,
        }
    }

    fn write_char(&self, c: char, out: &mut StackText<12>) {
        let short = match c {
            '"' => Some(b'"'),
            '\\' => Some(b'\\'),
            '\n' => Some(b'n'),
            '\r' => Some(b'r'),
            '\t' => Some(b't'),
            '\u{8}' if self.short_bf => Some(b'b'),
            '\u{c}' if self.short_bf => Some(b'f'),
            _ => None,
        };
        if let Some(letter) = short {
            out.push(b'\\');
            out.push(letter);
            return;
        }
        let code = u32::from(c);
        let escape = code < 0x20
            || (self.html && matches!(c, '<' | '>' | '&'))
            || (self.del && code == 0x7f)
            || (self.non_ascii && code >= 0x80)
            || (self.astral && code > 0xffff)
            || (self.line_separators && matches!(c, '\u{2028}' | '\u{2029}'));
        if !escape {
            let mut buf = [0u8; 4];
            out.extend(c.encode_utf8(&mut buf).as_bytes());
        } else if code > 0xffff {
            let v = code - 0x1_0000;
            self.unicode_escape(0xd800 + (v >> 10), out);
            self.unicode_escape(0xdc00 + (v & 0x3ff), out);
        } else {
            self.unicode_escape(code, out);
        }
    }

    fn unicode_escape(&self, unit: u32, out: &mut StackText<12>) {
        let hex: &[u8; 16] = if self.upper_hex {
            b"0123456789ABCDEF"
        } else {
            b"0123456789abcdef"
        };
        out.push(b'\\');
        out.push(b'u');
        for shift in [12, 8, 4, 0] {
            out.push(
                hex.get(((unit >> shift) & 0xf) as usize)
                    .copied()
                    .unwrap_or(b'0'),
            );
        }
    }
}

/// Whether all 8 bytes of `v` are printable ASCII that no profile escapes: 0x20..=0x7e
/// except `"` and `\\` (and `<`, `>`, `&` when `html`).
#[inline]
fn plain8(v: u64, html: bool) -> bool {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let has = |b: u8| has_zero(v ^ (LO * u64::from(b)));
    let mut bad =
        (v.wrapping_sub(LO * 0x20) & !v & HI) | (v & HI) | has(b'"') | has(b'\\') | has(0x7f);
    if html {
        bad |= has(b'<') | has(b'>') | has(b'&');
    }
    bad == 0
}
