//! Invariant: for any `Value` and any profile, `write_json`
//! - fails only with `TooDeep` (exactly when some node is more than 128 levels below the
//!   root) or `NonFiniteNumber` (exactly when a NaN/infinity is present);
//! - otherwise writes JSON that serde_json parses to the value (numbers as JSON numbers:
//!   integers exact; member order ignored), and that the crate's ordered parser reads back
//!   with members in the profile's order (Go sorted by bytes, Node array-index keys
//!   first, others as inserted; PHP writes objects keyed "0".."n-1" and {} as arrays);
//! - writes every float so that it is a JSON number and Rust's correctly rounded parser
//!   reads back the same f64 (checked on the number's own text, independently of
//!   serde_json's float parsing);
//! - escapes exactly as the profile's serializer does (`escapes_unit`): short escapes
//!   for `"` `\` `\n` `\r` `\t` (and `\b` `\f` except Go before 1.22), never `\/`,
//!   `\uXXXX` for precisely the code units the profile escapes (controls everywhere;
//!   DEL and non-ASCII for Python; non-ASCII for PHP; `<>&` U+2028/9 for Go; astral
//!   characters for Java), upper-case hex for Java and lower-case for the rest.
//!
//! Each input names its profile (its first byte) rather than running all seven: an
//! input costs a seventh as much, so libFuzzer tries seven times as many values, and
//! every profile still gets every shape of value over the campaign.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use membrane_token::{write_json, Error, Number, Part, Profile, Value};
use membrane_token_fuzz as f;

#[derive(Debug)]
struct Input(Profile, Value);

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let g = f::Gen {
            max_depth: 132,
            non_finite: u.ratio(1, 8)?,
            reserved_names: false,
        };
        let profile = *u.choose(&Profile::ALL)?;
        Ok(Input(profile, f::value(u, &g, 0)?))
    }
}

fn check(value: &Value, profile: Profile) {
    let mut out = String::from("prefix");
    let result = write_json(value, profile, &mut out);
    let too_deep = f::node_depth(value) > 128;
    let mut floats = Vec::new();
    f::floats(value, &mut floats);
    let non_finite = floats.iter().any(|x| !x.is_finite());
    match result {
        Err(Error::TooDeep {
            part: Part::Input,
            max: 128,
        }) => return assert!(too_deep),
        Err(Error::NonFiniteNumber) => return assert!(non_finite),
        Err(e) => panic!("unexpected error {e:?}"),
        Ok(()) => assert!(
            !too_deep && !non_finite,
            "accepted a deep or non-finite value"
        ),
    }
    let json = out.strip_prefix("prefix").expect("write_json appends");
    // No raw character the profile escapes, and only the escapes it writes.
    for c in json.chars() {
        let mut units = [0u16; 2];
        let escaped = c
            .encode_utf16(&mut units)
            .iter()
            .any(|u| f::escapes_unit(profile, *u));
        assert!(
            !escaped || c == '\\',
            "{profile:?} left {c:?} raw in {json:?}"
        );
    }
    for e in f::escapes(json) {
        let ok = match e {
            f::Escape::Short(c) => match c {
                '"' | '\\' | 'n' | 'r' | 't' => true,
                'b' | 'f' => profile != Profile::Go,
                _ => false,
            },
            f::Escape::Unit(unit, upper) => {
                f::escapes_unit(profile, unit)
                    && upper.is_none_or(|u| u == (profile == Profile::Java))
            }
        };
        assert!(ok, "{profile:?} wrote escape {e:?} in {json:?}");
    }
    let expected = f::expected(value, profile);
    let parsed = f::serde_parse_deep(json).unwrap_or_else(|e| panic!("{e}: {json}"));
    if let Some(d) = f::diff_serde(&expected, &parsed, f::Floats::AnyNumber) {
        panic!("{profile:?} wrote {json}\n${d}");
    }
    if f::container_depth(value) <= 100 {
        let ordered = Value::parse(json, Part::Input).unwrap_or_else(|e| panic!("{e}: {json}"));
        if let Some(d) = f::diff_ordered(&expected, &ordered, f::Floats::AnyNumber) {
            panic!("{profile:?} wrote {json}\n${d}");
        }
    }
    for x in floats {
        let mut text = String::new();
        write_json(&Value::Number(Number::F64(x)), profile, &mut text).expect("finite");
        assert!(
            serde_json::from_str::<serde_json::Value>(&text).is_ok_and(|v| v.is_number()),
            "{profile:?} wrote {x:e} as {text:?}, not a JSON number"
        );
        assert_eq!(
            text.parse::<f64>().ok(),
            Some(x),
            "{profile:?} wrote {x:e} as {text:?}"
        );
    }
}

fuzz_target!(|input: Input| {
    check(&input.1, input.0);
});
