//! A validating scanner for the JSON of a verified token's payload.
//!
//! Verifying must not build a tree of owned values: the dozen allocations a typical
//! payload needs cost more than its HMAC (`benches/sign.rs`, `verify`). The scanner
//! checks the whole text in one pass, without recursion, with the acceptance of
//! [`Value::parse`](crate::Value::parse) (RFC 8259 JSON; strings without lone
//! surrogates; finite numbers) plus the verifier's own rules (no member name twice in
//! any object, bounded depth), and returns where the top-level members are;
//! [`Claims`](crate::Claims) reads the values from there when asked.
//! The fuzz target `verify` checks that it agrees with `Value::parse`.

use alloc::vec::Vec;
use core::cmp::Ordering;
use core::ops::Range;

/// The deepest nesting the scanner follows (`Value::parse` stops at 128 too).
pub(crate) const MAX_DEPTH: usize = 128;

/// Objects with more members than this are checked for duplicate names by sorting
/// when they close, not by comparing each new name with all before it, so that a
/// large object costs `n log n` comparisons rather than `n²`.
const LINEAR_MAX: usize = 32;

/// Why a text was refused. Positions are byte offsets into the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum ScanError {
    Syntax(usize),
    Duplicate,
    TooDeep,
    NotAnObject,
}

/// A top-level member: where its name and value are.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Member {
    /// The name's contents between its quotes.
    pub(crate) name: Range<usize>,
    /// Whether `name` holds escapes (then it is not the name's text itself).
    pub(crate) name_escaped: bool,
    /// The value's JSON text.
    pub(crate) value: Range<usize>,
    /// For a string value, its contents between the quotes, and whether they hold
    /// escapes.
    pub(crate) string: Option<(Range<usize>, bool)>,
}

impl Member {
    fn named(name: Range<usize>, name_escaped: bool) -> Member {
        Member {
            name,
            name_escaped,
            value: 0..0,
            string: None,
        }
    }
}

/// Scans `text`, which must be one JSON object nested at most `max_depth` deep, and
/// returns its members in order.
pub(crate) fn scan_object(text: &str, max_depth: usize) -> Result<Vec<Member>, ScanError> {
    Scanner {
        text,
        bytes: text.as_bytes(),
        pos: 0,
    }
    .run(max_depth.min(MAX_DEPTH))
}

enum Expect {
    Value,
    /// A member name (after `{` or a `,` in an object).
    Name,
    /// A `,` or the end of the current container (or of the text).
    After,
}

struct Scanner<'t> {
    text: &'t str,
    bytes: &'t [u8],
    pos: usize,
}

impl Scanner<'_> {
    fn peek(&self) -> Option<u8> {
        self.bytes.get(self.pos).copied()
    }

    fn error<T>(&self) -> Result<T, ScanError> {
        Err(ScanError::Syntax(self.pos))
    }

    fn skip_whitespace(&mut self) {
        while matches!(self.peek(), Some(b' ' | b'\t' | b'\n' | b'\r')) {
            self.pos += 1;
        }
    }

    fn expect(&mut self, byte: u8) -> Result<(), ScanError> {
        if self.peek() != Some(byte) {
            return self.error();
        }
        self.pos += 1;
        Ok(())
    }

    fn run(mut self, max_depth: usize) -> Result<Vec<Member>, ScanError> {
        // `members` holds the names of every open object, outermost first; when a
        // nested object closes its names are dropped, so at the end only the
        // top-level members are left. `frames[d]` is where depth `d`'s names start.
        let mut members: Vec<Member> = Vec::with_capacity(8);
        let mut frames = [0usize; MAX_DEPTH + 1];
        // Bit `d - 1` is set when the container at depth `d` is an object.
        let mut objects: u128 = 0;
        let mut depth = 0usize;
        let mut top_is_object = false;
        let mut state = Expect::Value;
        self.skip_whitespace();
        loop {
            match state {
                Expect::Value => {
                    self.skip_whitespace();
                    let start = self.pos;
                    let in_top_object = depth == 1 && top_is_object;
                    match self.peek() {
                        Some(open @ (b'{' | b'[')) => {
                            if depth == max_depth {
                                return Err(ScanError::TooDeep);
                            }
                            depth += 1;
                            self.pos += 1;
                            self.skip_whitespace();
                            if open == b'{' {
                                objects |= 1 << (depth - 1);
                                if let Some(frame) = frames.get_mut(depth) {
                                    *frame = members.len();
                                }
                                top_is_object |= depth == 1;
                                state = match self.peek() {
                                    Some(b'}') => Expect::After,
                                    _ => Expect::Name,
                                };
                            } else {
                                objects &= !(1 << (depth - 1));
                                state = match self.peek() {
                                    Some(b']') => Expect::After,
                                    _ => Expect::Value,
                                };
                            }
                            if matches!(state, Expect::After) {
                                // An empty container: close it here.
                                self.pos += 1;
                                depth -= 1;
                                self.end_of_container(&mut members, depth, top_is_object);
                            }
                            continue;
                        }
                        Some(b'"') => {
                            let escaped = self.string()?;
                            if in_top_object {
                                let contents = start + 1..self.pos - 1;
                                self.end_value(&mut members, start, Some((contents, escaped)));
                            }
                            state = Expect::After;
                            continue;
                        }
                        Some(b't') => self.literal(b"true")?,
                        Some(b'f') => self.literal(b"false")?,
                        Some(b'n') => self.literal(b"null")?,
                        Some(b'-' | b'0'..=b'9') => self.number()?,
                        _ => return self.error(),
                    }
                    if in_top_object {
                        self.end_value(&mut members, start, None);
                    }
                    state = Expect::After;
                }
                Expect::Name => {
                    self.skip_whitespace();
                    if self.peek() != Some(b'"') {
                        return self.error();
                    }
                    let start = self.pos;
                    let escaped = self.string()?;
                    let name = Member::named(start + 1..self.pos - 1, escaped);
                    let frame = frames.get(depth).copied().unwrap_or(0);
                    let siblings = members.get(frame..).unwrap_or_default();
                    if siblings.len() < LINEAR_MAX
                        && siblings.iter().any(|m| self.same_name(m, &name))
                    {
                        return Err(ScanError::Duplicate);
                    }
                    members.push(name);
                    self.skip_whitespace();
                    self.expect(b':')?;
                    state = Expect::Value;
                }
                Expect::After => {
                    self.skip_whitespace();
                    if depth == 0 {
                        if self.pos != self.bytes.len() {
                            return self.error();
                        }
                        return if top_is_object {
                            Ok(members)
                        } else {
                            Err(ScanError::NotAnObject)
                        };
                    }
                    let in_object = objects & (1 << (depth - 1)) != 0;
                    match (self.peek(), in_object) {
                        (Some(b','), true) => {
                            self.pos += 1;
                            state = Expect::Name;
                        }
                        (Some(b','), false) => {
                            self.pos += 1;
                            state = Expect::Value;
                        }
                        (Some(b'}'), true) | (Some(b']'), false) => {
                            self.pos += 1;
                            if in_object {
                                let frame = frames.get(depth).copied().unwrap_or(0);
                                self.check_large_object(members.get(frame..).unwrap_or_default())?;
                                if depth > 1 {
                                    members.truncate(frame);
                                }
                            }
                            depth -= 1;
                            self.end_of_container(&mut members, depth, top_is_object);
                        }
                        _ => return self.error(),
                    }
                }
            }
        }
    }

    /// Records where the value of the last top-level member ends.
    fn end_value(
        &self,
        members: &mut [Member],
        start: usize,
        string: Option<(Range<usize>, bool)>,
    ) {
        if let Some(member) = members.last_mut() {
            member.value = start..self.pos;
            member.string = string;
        }
    }

    /// After a container closed: if it was the value of a top-level member, record
    /// where that value ends (it started just after the member's `:`).
    fn end_of_container(&self, members: &mut [Member], depth: usize, top_is_object: bool) {
        if depth == 1 && top_is_object {
            if let Some(member) = members.last_mut() {
                member.value = self.value_start(member.name.end)..self.pos;
            }
        }
    }

    /// Where a member's value starts: after the name's closing quote, whitespace, the
    /// colon and whitespace again.
    fn value_start(&self, name_end: usize) -> usize {
        let mut pos = name_end + 1;
        while matches!(
            self.bytes.get(pos),
            Some(b' ' | b'\t' | b'\n' | b'\r' | b':')
        ) {
            pos += 1;
        }
        pos
    }

    /// Refuses a duplicate name in an object too large for the linear check.
    fn check_large_object(&self, names: &[Member]) -> Result<(), ScanError> {
        if names.len() < LINEAR_MAX {
            return Ok(());
        }
        let mut sorted: Vec<&Member> = names.iter().collect();
        sorted.sort_unstable_by(|a, b| self.compare_names(a, b));
        if sorted
            .windows(2)
            .any(|pair| matches!(pair, [a, b] if self.same_name(a, b)))
        {
            return Err(ScanError::Duplicate);
        }
        Ok(())
    }

    fn raw(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or_default()
    }

    #[inline]
    fn same_name(&self, a: &Member, b: &Member) -> bool {
        if !a.name_escaped && !b.name_escaped {
            // Names of different lengths (most pairs) differ without a look.
            return a.name.len() == b.name.len()
                && self.bytes.get(a.name.clone()) == self.bytes.get(b.name.clone());
        }
        self.same_unescaped(a, b)
    }

    #[cold]
    fn same_unescaped(&self, a: &Member, b: &Member) -> bool {
        Unescaped::new(self.raw(&a.name)).eq(Unescaped::new(self.raw(&b.name)))
    }

    fn compare_names(&self, a: &Member, b: &Member) -> Ordering {
        Unescaped::new(self.raw(&a.name)).cmp(Unescaped::new(self.raw(&b.name)))
    }

    fn literal(&mut self, word: &[u8]) -> Result<(), ScanError> {
        match self.bytes.get(self.pos..self.pos + word.len()) {
            Some(found) if found == word => {
                self.pos += word.len();
                Ok(())
            }
            _ => self.error(),
        }
    }

    fn digits(&mut self) -> usize {
        let start = self.pos;
        while matches!(self.peek(), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos - start
    }

    /// `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`, finite as a double.
    fn number(&mut self) -> Result<(), ScanError> {
        let start = self.pos;
        if self.peek() == Some(b'-') {
            self.pos += 1;
        }
        let integer_digits = match self.peek() {
            Some(b'0') => {
                self.pos += 1;
                1
            }
            Some(b'1'..=b'9') => self.digits(),
            _ => return self.error(),
        };
        let mut fraction_or_exponent = false;
        if self.peek() == Some(b'.') {
            self.pos += 1;
            if self.digits() == 0 {
                return self.error();
            }
            fraction_or_exponent = true;
        }
        if matches!(self.peek(), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek(), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            if self.digits() == 0 {
                return self.error();
            }
            fraction_or_exponent = true;
        }
        // Integers of up to 19 digits fit an i64 or u64; anything else is read as a
        // double, which must not overflow to infinity (as `Value::parse` requires).
        if fraction_or_exponent || integer_digits > 19 {
            let finite = self
                .text
                .get(start..self.pos)
                .and_then(|t| t.parse::<f64>().ok())
                .is_some_and(f64::is_finite);
            if !finite {
                return Err(ScanError::Syntax(start));
            }
        }
        Ok(())
    }

    /// Scans a string from its opening quote to just past its closing one; returns
    /// whether it holds escapes.
    #[inline]
    fn string(&mut self) -> Result<bool, ScanError> {
        self.pos += 1;
        let mut escaped = false;
        loop {
            // Eight bytes at a time, jumping straight to the first `"`, `\` or
            // control character among them: most strings have none but the closing
            // quote.
            while let Some(chunk) = self.bytes.get(self.pos..self.pos + 8) {
                let word = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
                match special_bytes(word) {
                    0 => self.pos += 8,
                    mask => {
                        self.pos += (mask.trailing_zeros() / 8) as usize;
                        break;
                    }
                }
            }
            match self.peek() {
                Some(b'"') => {
                    self.pos += 1;
                    return Ok(escaped);
                }
                Some(b'\\') => {
                    self.pos += 1;
                    self.escape()?;
                    escaped = true;
                }
                Some(0x00..=0x1f) | None => return self.error(),
                Some(_) => self.pos += 1,
            }
        }
    }

    /// After a backslash: one of `" \ / b f n r t`, or `u` with four hex digits, a
    /// high surrogate only when a low one follows, and no lone low surrogate.
    fn escape(&mut self) -> Result<(), ScanError> {
        match self.peek() {
            Some(b'"' | b'\\' | b'/' | b'b' | b'f' | b'n' | b'r' | b't') => {
                self.pos += 1;
                Ok(())
            }
            Some(b'u') => {
                self.pos += 1;
                let unit = self.hex4()?;
                match unit {
                    0xd800..=0xdbff => {
                        self.expect(b'\\')?;
                        self.expect(b'u')?;
                        match self.hex4()? {
                            0xdc00..=0xdfff => Ok(()),
                            _ => self.error(),
                        }
                    }
                    0xdc00..=0xdfff => self.error(),
                    _ => Ok(()),
                }
            }
            _ => self.error(),
        }
    }

    fn hex4(&mut self) -> Result<u32, ScanError> {
        let unit = self
            .bytes
            .get(self.pos..self.pos + 4)
            .and_then(|digits| core::str::from_utf8(digits).ok())
            .filter(|digits| digits.bytes().all(|b| b.is_ascii_hexdigit()))
            .and_then(|digits| u32::from_str_radix(digits, 16).ok());
        match unit {
            Some(unit) => {
                self.pos += 4;
                Ok(unit)
            }
            None => self.error(),
        }
    }
}

/// A mask with the high bit set in the lowest byte of `word` (little-endian) that is
/// `"`, `\\` or a control character; bits above that byte may be set spuriously (a
/// borrow), bits below it never are, so `trailing_zeros` finds it exactly.
#[inline]
fn special_bytes(word: u64) -> u64 {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let zero_bytes = |x: u64| x.wrapping_sub(LO) & !x & HI;
    let below_space = word.wrapping_sub(LO * 0x20) & !word & HI;
    below_space
        | zero_bytes(word ^ (LO * u64::from(b'"')))
        | zero_bytes(word ^ (LO * u64::from(b'\\')))
}

/// The characters of a scanned string's contents, escapes decoded.
pub(crate) struct Unescaped<'s> {
    rest: &'s str,
}

impl<'s> Unescaped<'s> {
    /// `raw` must be contents the scanner accepted.
    pub(crate) fn new(raw: &'s str) -> Unescaped<'s> {
        Unescaped { rest: raw }
    }

    fn hex4(&mut self) -> u32 {
        let unit = self
            .rest
            .get(..4)
            .and_then(|d| u32::from_str_radix(d, 16).ok())
            .unwrap_or(0xfffd);
        self.rest = self.rest.get(4..).unwrap_or_default();
        unit
    }
}

impl Iterator for Unescaped<'_> {
    type Item = char;

    fn next(&mut self) -> Option<char> {
        let mut chars = self.rest.chars();
        let c = chars.next()?;
        self.rest = chars.as_str();
        if c != '\\' {
            return Some(c);
        }
        let mut chars = self.rest.chars();
        let letter = chars.next()?;
        self.rest = chars.as_str();
        let decoded = match letter {
            'b' => '\u{8}',
            'f' => '\u{c}',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            'u' => {
                let unit = self.hex4();
                let code = if (0xd800..0xdc00).contains(&unit) {
                    // The scanner checked that `\uDC00`-`\uDFFF` follows.
                    self.rest = self.rest.get(2..).unwrap_or_default();
                    let low = self.hex4();
                    0x1_0000 + ((unit - 0xd800) << 10) + (low.wrapping_sub(0xdc00) & 0x3ff)
                } else {
                    unit
                };
                char::from_u32(code).unwrap_or('\u{fffd}')
            }
            other => other,
        };
        Some(decoded)
    }
}

/// The 1-based line and column of byte `offset` in `text`.
pub(crate) fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.as_bytes().get(..offset).unwrap_or(text.as_bytes());
    let line = 1 + before.iter().filter(|&&b| b == b'\n').count();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |i| i + 1);
    (line, offset - line_start + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;

    fn scan(text: &str) -> Result<Vec<Member>, ScanError> {
        scan_object(text, 32)
    }

    fn names(text: &str) -> Vec<String> {
        scan(text)
            .unwrap()
            .iter()
            .map(|m| Unescaped::new(&text[m.name.clone()]).collect())
            .collect()
    }

    #[test]
    fn accepts_json_objects_and_finds_their_members() {
        let text = r#" { "id" : "c-1" , "n":[1,{"a":[]},[]], "o":{"x":{"y":null}},"t":true,"f":false,"z":null, "num":-0.5e+3 } "#;
        let members = scan(text).unwrap();
        let raw: Vec<&str> = members.iter().map(|m| &text[m.value.clone()]).collect();
        assert_eq!(
            raw,
            [
                r#""c-1""#,
                r#"[1,{"a":[]},[]]"#,
                r#"{"x":{"y":null}}"#,
                "true",
                "false",
                "null",
                "-0.5e+3"
            ]
        );
        assert_eq!(names(text), ["id", "n", "o", "t", "f", "z", "num"]);
        let (contents, escaped) = members[0].string.clone().unwrap();
        assert_eq!((&text[contents], escaped), ("c-1", false));
        assert_eq!(members[1].string, None);
        assert_eq!(scan("{}").unwrap(), []);
        assert_eq!(names(r#"{"a\u0062\n":"\ud83d\ude00"}"#), ["ab\n"]);
    }

    #[test]
    fn refuses_what_json_refuses() {
        let syntax = [
            "",
            " ",
            "{",
            "}",
            "{\"a\"}",
            "{\"a\":}",
            "{\"a\":1,}",
            "{,}",
            "{\"a\":1 \"b\":2}",
            "{\"a\":01}",
            "{\"a\":1.}",
            "{\"a\":.5}",
            "{\"a\":+1}",
            "{\"a\":1e}",
            "{\"a\":-}",
            "{\"a\":1e400}",
            "{\"a\":-1e400}",
            "{\"a\":NaN}",
            "{\"a\":tru}",
            "{\"a\":nul}",
            "{\"a\":\"\u{1}\"}",
            "{\"a\":\"\\x\"}",
            "{\"a\":\"\\u12\"}",
            "{\"a\":\"\\ud800\"}",
            "{\"a\":\"\\udc00\"}",
            "{\"a\":\"\\ud800\\u0041\"}",
            "{\"a\":\"unterminated}",
            "{\"a\":1} x",
            "{\"a\":1}}",
            "{'a':1}",
            "{a:1}",
            "\u{feff}{}",
            "{\"a\":[1,]}",
            "{\"a\":[1 2]}",
            "{\"a\":]}",
            "{\"a\":[}",
        ];
        for text in syntax {
            assert!(
                matches!(scan(text), Err(ScanError::Syntax(_))),
                "{text:?}: {:?}",
                scan(text)
            );
        }
        for text in ["[]", "[{\"a\":1}]", "\"x\"", "1", "null"] {
            assert_eq!(scan(text), Err(ScanError::NotAnObject), "{text:?}");
        }
    }

    #[test]
    fn refuses_duplicate_names_at_any_depth_and_spelling() {
        let many: String = (0..40).map(|i| alloc::format!("\"k{i}\":{i},")).collect();
        for text in [
            r#"{"a":1,"a":2}"#.into(),
            r#"{"ab":1,"a\u0062":2}"#.into(),
            r#"{"x":{"b":1,"\u0062":2}}"#.into(),
            r#"{"x":[{"q":1,"q":2}]}"#.into(),
            alloc::format!("{{{many}\"k7\":0}}"),
            alloc::format!("{{\"x\":{{{many}\"k3\\u0039\":0}}}}"),
        ] {
            assert_eq!(scan(&text), Err(ScanError::Duplicate), "{text}");
        }
        // The same name in different objects, and names that only look alike.
        for text in [
            r#"{"a":{"a":{"a":1}},"b":[{"a":1},{"a":2}]}"#.into(),
            r#"{"a":1,"A":2,"a ":3,"\u00e9":4,"e\u0301":5}"#.into(),
            alloc::format!("{{{many}\"k40\":0}}"),
        ] {
            assert!(scan(&text).is_ok(), "{text}");
        }
    }

    #[test]
    fn depth_is_bounded_without_recursion() {
        let nested = |d: usize| alloc::format!("{{\"x\":{}1{}}}", "[".repeat(d), "]".repeat(d));
        assert!(scan_object(&nested(31), 32).is_ok());
        assert_eq!(scan_object(&nested(32), 32), Err(ScanError::TooDeep));
        assert_eq!(scan_object(&nested(5000), 10_000), Err(ScanError::TooDeep));
        assert!(scan_object(&nested(127), 10_000).is_ok());
    }

    #[test]
    fn line_and_column_count_from_one() {
        assert_eq!(line_column("{\n  x", 4), (2, 3));
        assert_eq!(line_column("abc", 0), (1, 1));
    }
}
