//! Properties over arbitrary claims: the writer's JSON means what the claims mean for
//! every profile, tokens carry the exact bytes, sign/verify round-trips, and any
//! single-byte change to a token is refused.

mod common;
use common::*;
use membrane_token::{write_json, Algorithm, Customer, Map, Number, Part, Profile, Value};
use proptest::prelude::*;

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const T0: u64 = 1_799_992_800;

fn any_string() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[\\x00-\\x1f\"\\\\/<>&\u{7f}\u{80}\u{2028}\u{2029}\u{feff}a-z]{0,12}",
        "[\u{1F600}-\u{1F64F}\u{4e00}-\u{4e10}é]{0,6}",
    ]
}

fn any_number() -> impl Strategy<Value = Number> {
    prop_oneof![
        any::<u64>().prop_map(Number::U64),
        (i64::MIN..0).prop_map(Number::I64),
        any::<f64>()
            .prop_filter("finite", |f| f.is_finite())
            .prop_map(Number::F64),
        (-1e6f64..1e6).prop_map(Number::F64),
    ]
}

fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any_number().prop_map(Value::Number),
        any_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((any_string(), inner), 0..6)
                .prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

fn any_map() -> impl Strategy<Value = Map> {
    prop::collection::vec((any_string(), any_value()), 0..6).prop_map(|m| m.into_iter().collect())
}

/// What a JSON reader sees: serde_json's value, with every number as an f64 when the
/// profile's runtime has only doubles (JavaScript) or when either side is a float,
/// and PHP's list-shaped objects as arrays.
/// What `write_json` writes `v` as, read back. Under PHP only the outermost object,
/// the payload `JWT::encode` takes as a PHP array, becomes a list when keyed "0".."n-1".
fn meaning(v: &Value, profile: Profile) -> serde_json::Value {
    meaning_at(v, profile, true)
}

fn meaning_at(v: &Value, profile: Profile, top: bool) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        Value::Null => J::Null,
        Value::Bool(b) => J::Bool(*b),
        Value::Number(n) => number_meaning(*n, profile),
        Value::String(s) => J::String(s.clone()),
        Value::Array(items) => J::Array(
            items
                .iter()
                .map(|i| meaning_at(i, profile, false))
                .collect(),
        ),
        Value::Object(m) => {
            let is_list = m.iter().enumerate().all(|(i, (k, _))| k == i.to_string());
            if profile == Profile::Php && is_list && top {
                J::Array(
                    m.iter()
                        .map(|(_, v)| meaning_at(v, profile, false))
                        .collect(),
                )
            } else {
                J::Object(
                    m.iter()
                        .map(|(k, v)| (k.to_owned(), meaning_at(v, profile, false)))
                        .collect(),
                )
            }
        }
    }
}

fn number_meaning(n: Number, profile: Profile) -> serde_json::Value {
    match n {
        Number::F64(f) => serde_json::json!(f),
        Number::U64(u) if profile == Profile::Node && u > (1 << 53) => serde_json::json!(u),
        Number::U64(u) => serde_json::json!(u),
        Number::I64(i) => serde_json::json!(i),
    }
}

/// Parses our output back, normalising integer-valued floats so `2` and `2.0` agree.
fn normalise(v: serde_json::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        J::Number(n) => match n.as_f64() {
            Some(f) if n.is_f64() || f.fract() == 0.0 => serde_json::json!(f),
            _ => J::Number(n),
        },
        J::Array(items) => J::Array(items.into_iter().map(normalise).collect()),
        J::Object(m) => J::Object(m.into_iter().map(|(k, v)| (k, normalise(v))).collect()),
        other => other,
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn writer_output_parses_to_the_same_value(value in any_value()) {
        for profile in Profile::ALL {
            let mut text = String::new();
            write_json(&value, profile, &mut text).unwrap();
            let parsed: serde_json::Value = serde_json::from_str(&text)
                .map_err(|e| TestCaseError::fail(format!("{profile}: {e}: {text}")))?;
            prop_assert_eq!(normalise(parsed), normalise(meaning(&value, profile)), "{}: {}", profile, text);
        }
    }

    #[test]
    fn insertion_order_profiles_keep_member_order(map in any_map()) {
        for profile in [Profile::Python, Profile::Ruby, Profile::Java] {
            let mut text = String::new();
            write_json(&Value::Object(map.clone()), profile, &mut text).unwrap();
            let back = Value::parse(&text, Part::Input).unwrap();
            let names: Vec<&str> = back.as_object().unwrap().iter().map(|(k, _)| k).collect();
            let want: Vec<&str> = map.iter().map(|(k, _)| k).collect();
            prop_assert_eq!(names, want);
        }
    }

    #[test]
    fn ascii_only_profiles_write_only_ascii(value in any_value()) {
        for profile in [Profile::Python, Profile::Php] {
            let mut text = String::new();
            write_json(&value, profile, &mut text).unwrap();
            prop_assert!(text.is_ascii(), "{}: {}", profile, text);
        }
    }

    #[test]
    fn token_segments_are_the_exact_bytes(header in any::<Vec<u8>>(), payload in any::<Vec<u8>>()) {
        let ws = workspace(std::str::from_utf8(SECRET).unwrap(), Algorithm::Hs256, Profile::Node);
        let token = ws.sign_raw(&header, &payload);
        let segs: Vec<&str> = token.split('.').collect();
        prop_assert_eq!(segs.len(), 3);
        prop_assert_eq!(b64url_decode(segs[0]), header);
        prop_assert_eq!(b64url_decode(segs[1]), payload);
        prop_assert_eq!(b64url_decode(segs[2]).len(), 32);
    }

    #[test]
    fn signed_payload_is_the_writer_output(map in any_map(), profile_index in 0..Profile::ALL.len()) {
        let profile = Profile::ALL[profile_index];
        let ws = workspace(std::str::from_utf8(SECRET).unwrap(), Algorithm::Hs512, profile);
        let token = ws.sign_claims(&map).unwrap();
        let mut text = String::new();
        write_json(&Value::Object(map.clone()), profile, &mut text).unwrap();
        let payload = b64url_decode(token.split('.').nth(1).unwrap());
        if profile == Profile::Java {
            // jjwt drops null claims and trims claim names at the top level, so only
            // maps it leaves alone compare with the plain writer.
            prop_assume!(map.iter().all(|(_, v)| *v != Value::Null));
            prop_assume!(!map.is_empty());
            let untrimmed = |k: &str| k.trim_matches(|c: char| c.is_whitespace() || c <= ' ') == k;
            prop_assume!(map.iter().all(|(k, _)| untrimmed(k)));
        }
        prop_assert_eq!(payload, text.into_bytes());
    }

    #[test]
    fn sign_then_verify_round_trips(
        id in any_string(), name in any_string(), fields in any_map(), alg_index in 0..3usize,
    ) {
        let alg = Algorithm::HMAC[alg_index];
        // Python writes floats as floats (2.0 stays 2.0), so the values come back equal.
        let ws = workspace(std::str::from_utf8(SECRET).unwrap(), alg, Profile::Python);
        let token = ws
            .customer_token_at(&Customer::new(id.clone(), name.clone()).fields(fields.clone()), T0, 60)
            .unwrap();
        let claims = ws.verify(&token, T0).unwrap();
        prop_assert_eq!(claims.id(), Some(id.as_str()));
        prop_assert_eq!(claims.name(), Some(name.as_str()));
        prop_assert_eq!(claims.fields(), Some(fields));
        prop_assert_eq!(claims.exp(), Some(T0 + 60));
    }

    #[test]
    fn any_single_byte_change_is_refused(index in any::<prop::sample::Index>(), byte in 0u8..128) {
        let ws = workspace(std::str::from_utf8(SECRET).unwrap(), Algorithm::Hs256, Profile::Node);
        let token = ws
            .customer_token_at(&Customer::new("customer-42", "Acme Inc.").field("userField", "pro"), T0, 60)
            .unwrap();
        let i = index.index(token.len());
        prop_assume!(token.as_bytes()[i] != byte);
        let mut bytes = token.into_bytes();
        bytes[i] = byte;
        let mutated = String::from_utf8(bytes).unwrap();
        prop_assert!(ws.verify(&mutated, T0).is_err(), "accepted {}", mutated);
    }
}
