//! Invariant: the verifier's payload scanner accepts exactly what an independent reading
//! accepts, and `Claims` returns what that reading finds.
//!
//! Any bytes become the payload of a correctly signed HS256 token (the MAC is no obstacle
//! here, unlike in `verify`), checked by the lenient verifier. The reference: the bytes
//! are UTF-8, nest at most 32 deep (`text_depth`) and `Value::parse` (serde_json with a
//! duplicate-name check) reads them as an object. When the verifier accepts, the
//! reference must too, and the claims must agree with it member by member: names in
//! order, every raw value reading as the same value, strings and `payload()` equal. When
//! it refuses for the payload's JSON (empty, UTF-8, syntax, duplicate, depth, not an object),
//! the reference must refuse; any other refusal (a claim of the wrong type, an expired
//! `exp`) means the JSON was accepted, so the reference must accept.
#![no_main]

use libfuzzer_sys::fuzz_target;
use membrane_token::{Algorithm, Error, Map, Part, Profile, Value};
use membrane_token_fuzz as f;

fn reference(bytes: &[u8]) -> Option<Map> {
    let text = std::str::from_utf8(bytes).ok()?;
    if f::text_depth(text) > f::MAX_DEPTH {
        return None;
    }
    match Value::parse(text, Part::Payload).ok()? {
        Value::Object(map) => Some(map),
        _ => None,
    }
}

fn refuses_the_json(e: &Error) -> bool {
    matches!(
        e,
        // An empty payload is an empty segment.
        Error::EmptySegment(Part::Payload)
            | Error::InvalidUtf8(Part::Payload)
            | Error::InvalidJson {
                part: Part::Payload,
                ..
            }
            | Error::DuplicateMember(Part::Payload)
            | Error::TooDeep {
                part: Part::Payload,
                ..
            }
            | Error::NotAnObject(Part::Payload)
    )
}

fuzz_target!(|data: &[u8]| {
    let alg = Algorithm::Hs256;
    let header = Profile::Node.header_json(alg).as_bytes();
    let token = f::workspace(alg).sign_raw(header, data);
    let expected = reference(data);
    match f::relaxed_verifier(alg).verify(&token, f::NOW) {
        Ok(claims) => {
            let map = expected.expect("the scanner accepted a payload the reference refuses");
            assert_eq!(claims.payload_json().as_bytes(), data);
            let names: Vec<&str> = claims.names().collect();
            let want: Vec<&str> = map.iter().map(|(k, _)| k).collect();
            assert_eq!(names, want, "member names or order differ");
            for (name, value) in map.iter() {
                assert_eq!(claims.get(name).as_ref(), Some(value), "value of {name:?}");
                assert_eq!(claims.str_claim(name), value.as_str(), "string {name:?}");
            }
            assert_eq!(claims.payload(), map);
        }
        Err(e) if refuses_the_json(&e) => assert!(
            expected.is_none(),
            "the scanner refused ({e:?}) a payload the reference accepts"
        ),
        Err(e) => assert!(
            expected.is_some(),
            "refused for its claims ({e:?}) a payload whose JSON the reference refuses"
        ),
    }
});
