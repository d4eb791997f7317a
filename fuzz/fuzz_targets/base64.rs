//! Invariants of the base64url layer, checked against base64ct:
//! - `sign_raw(header, payload)` is exactly base64ct(header) "." base64ct(payload) "."
//!   base64ct(HMAC) (so the crate's streaming encoder matches base64ct for any bytes),
//!   and neither `verify` nor `decode_unverified` refuses that token for its base64 or
//!   its MAC (they may refuse its JSON);
//! - substituting any string for one segment of a valid token: `verify` accepts only the
//!   original segment; every segment base64ct's strict decoder refuses is refused (so no
//!   padding, foreign characters or non-canonical trailing bits get through); for header
//!   and payload, `decode_unverified` reports a base64 error exactly when base64ct
//!   refuses the segment (for the signature, which it does not decode, it may only
//!   report one when base64ct refuses it too), except that a token the substitution
//!   leaves wrapped in whitespace or prefixed with "Bearer " is refused by name first;
//! - base64ct itself is canonical: whatever it decodes re-encodes to the same text.
//!
//! Input layout (easy to seed by hand): one byte choosing the segment (mod 3), then the
//! segment text (UTF-8, lossily) up to the first newline, then the payload bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use membrane_token::{decode_unverified, Algorithm, Error, Map, Part, Profile};
use membrane_token_fuzz as f;

struct Input {
    slot: u8,
    segment: String,
    payload: Vec<u8>,
}

fn input(data: &[u8]) -> Input {
    let (slot, rest) = data.split_first().map_or((0, &[][..]), |(s, r)| (*s, r));
    let (segment, payload) = match rest.iter().position(|&b| b == b'\n') {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    let segment = String::from_utf8_lossy(segment).into_owned();
    Input {
        slot,
        segment,
        payload: payload.to_vec(),
    }
}

fn base64_error(e: &Error) -> Option<Part> {
    match *e {
        Error::EmptySegment(p) | Error::InvalidBase64(p) | Error::NonCanonicalBase64(p) => Some(p),
        _ => None,
    }
}

fuzz_target!(|data: &[u8]| {
    let input = input(data);
    let alg = Algorithm::Hs256;
    let ws = f::workspace(alg);
    let now = f::NOW;

    // 1. Any payload bytes, encoded by the crate and by base64ct.
    let header = Profile::Node.header_json(alg).as_bytes();
    let raw = ws.sign_raw(header, &input.payload);
    let signing_input = format!("{}.{}", f::b64(header), f::b64(&input.payload));
    let mac = f::hmac(alg, f::SECRET, signing_input.as_bytes());
    assert_eq!(
        raw,
        format!("{signing_input}.{}", f::b64(&mac)),
        "sign_raw != base64ct"
    );
    let too_large = raw.len() > f::MAX_TOKEN_LEN;
    for result in [ws.verify(&raw, now).err(), decode_unverified(&raw).err()] {
        match result {
            Some(Error::EmptySegment(Part::Payload)) => assert!(input.payload.is_empty()),
            Some(Error::TooLarge { .. }) => assert!(too_large),
            Some(e @ (Error::InvalidSignature | Error::SegmentCount { .. })) => panic!("{e:?}"),
            Some(e) if base64_error(&e).is_some() => panic!("refused base64ct's encoding: {e:?}"),
            _ => {}
        }
    }

    // 2. One segment of a valid token replaced by any string.
    let mut claims = Map::new();
    claims.insert("iss", f::KEY);
    claims.insert("exp", 1_800_000_000u64);
    let valid = ws.sign_claims(&claims).expect("sign");
    ws.verify(&valid, now).expect("valid token");
    let slot = usize::from(input.slot % 3);
    let mut parts: Vec<String> = f::segments(&valid).into_iter().map(String::from).collect();
    let original = std::mem::replace(&mut parts[slot], input.segment.clone());
    let token = parts.join(".");
    let segment = input.segment.as_str();
    let strict = f::unb64(segment);
    if let Some(bytes) = &strict {
        assert_eq!(
            f::b64(bytes),
            segment,
            "base64ct decoded a non-canonical segment"
        );
    }
    let verified = ws.verify(&token, now);
    if verified.is_ok() {
        assert_eq!(segment, original, "verify accepted a substituted segment");
    }
    if strict.is_none() {
        assert!(
            verified.is_err(),
            "verify accepted a segment base64ct refuses"
        );
    }
    if segment.contains('.') || token.len() > f::MAX_TOKEN_LEN {
        return;
    }
    // The input rule comes before any decoding: a token that starts or ends with
    // whitespace, or starts with "Bearer ", is refused by name, whatever its base64.
    let bytes = token.as_bytes();
    let wrapped = bytes.first().is_some_and(u8::is_ascii_whitespace)
        || bytes.last().is_some_and(u8::is_ascii_whitespace);
    let bearer = bytes.len() >= 7
        && bytes[..6].eq_ignore_ascii_case(b"bearer")
        && matches!(bytes[6], b' ' | b'\t');
    if bearer || wrapped {
        let want = if bearer {
            Error::BearerPrefix
        } else {
            Error::SurroundingWhitespace
        };
        assert_eq!(decode_unverified(&token).err(), Some(want.clone()));
        assert_eq!(verified.err(), Some(want));
        return;
    }
    let part = [Part::Header, Part::Payload, Part::Signature][slot];
    let b64_err = decode_unverified(&token)
        .err()
        .and_then(|e| base64_error(&e));
    match part {
        Part::Signature if segment.is_empty() => assert_eq!(b64_err, None),
        Part::Signature => assert!(b64_err.is_none() || strict.is_none(), "false refusal"),
        _ => assert_eq!(
            b64_err.is_some(),
            strict.is_none() || segment.is_empty(),
            "decode_unverified vs base64ct on {part:?} {segment:?}: {b64_err:?}"
        ),
    }
    if let Some(p) = b64_err {
        assert_eq!(p, part, "base64 error blamed on the wrong segment");
    }
});
