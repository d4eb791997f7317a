//! The one input rule (a token is passed alone: nothing is trimmed, what is pasted with
//! it is named), the same in `Workspace::verify`, `Verifier`, `decode_unverified` and
//! `RequestVerifier` (the CLI's side is in tests/cli.rs); the error that tells a
//! misconfigured algorithm from a forged token; and the system-clock variants.

mod common;
use common::*;
use membrane_token::{
    decode_unverified, unix_now, Algorithm, Customer, Error, ForeignAlgorithm, RequestVerifier,
    Verifier, Workspace,
};

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const T0: u64 = 1_799_992_800;

fn ws(alg: Algorithm) -> Workspace {
    Workspace::new(KEY, SECRET, alg).unwrap()
}

fn customer_token(alg: Algorithm) -> String {
    ws(alg)
        .customer_token_at(&Customer::new("c-1", "Ada"), T0, 7200)
        .unwrap()
}

fn request_token(alg: Algorithm) -> String {
    ws(alg)
        .sign_json(&format!(r#"{{"iss":"{KEY}","sub":"user-7"}}"#))
        .unwrap()
}

/// Each malformed way of passing `token`, with the error every entry point must give.
fn wrapped(token: &str) -> Vec<(String, Error)> {
    vec![
        (String::new(), Error::EmptyToken),
        ("hello".into(), Error::SegmentCount { found: 1 }),
        (format!("Bearer {token}"), Error::BearerPrefix),
        (format!("bearer {token}"), Error::BearerPrefix),
        (format!("BEARER\t{token}"), Error::BearerPrefix),
        (format!("{token}\n"), Error::SurroundingWhitespace),
        (format!("{token}\r\n"), Error::SurroundingWhitespace),
        (format!(" {token}"), Error::SurroundingWhitespace),
        (format!("\t{token} "), Error::SurroundingWhitespace),
    ]
}

#[test]
fn every_library_entry_point_applies_the_same_rule() {
    let token = customer_token(Algorithm::Hs512);
    let workspace = ws(Algorithm::Hs512);
    let verifier = Verifier::new(&workspace).leeway(5);
    assert!(workspace.verify(&token, T0).is_ok());
    for (input, want) in wrapped(&token) {
        let shown = format!("{input:?}");
        assert_eq!(
            workspace.verify(&input, T0).err(),
            Some(want.clone()),
            "{shown}"
        );
        assert_eq!(
            verifier.verify(&input, T0).err(),
            Some(want.clone()),
            "{shown}"
        );
        assert_eq!(decode_unverified(&input).err(), Some(want), "{shown}");
    }

    let request = request_token(Algorithm::Hs256);
    let rv = RequestVerifier::new(KEY, SECRET).unwrap();
    assert!(rv.verify(&request, T0).is_ok());
    for (input, want) in wrapped(&request) {
        let shown = format!("{input:?}");
        assert_eq!(rv.verify(&input, T0).err(), Some(want.clone()), "{shown}");
        let headers = [("X-Membrane-Token", input.as_str())];
        assert_eq!(rv.verify_headers(headers, T0).err(), Some(want), "{shown}");
    }
}

#[test]
fn not_a_jwt_messages_say_so() {
    let workspace = ws(Algorithm::Hs512);
    for input in ["", "hello", "a.b", "a.b.c.d"] {
        let text = workspace.verify(input, T0).unwrap_err().to_string();
        assert!(text.starts_with("not a JWT: "), "{input:?}: {text}");
    }
    assert_eq!(
        Error::SegmentCount { found: 1 }.to_string(),
        "not a JWT: 1 dot-separated segment where a JWT has 3 (header.payload.signature)"
    );
    assert_eq!(
        Error::BearerPrefix.to_string(),
        "token starts with \"Bearer \"; pass the token alone"
    );
    // A word that merely starts like the prefix is an ordinary malformed token.
    assert_eq!(
        workspace.verify("Bearer", T0).err(),
        Some(Error::SegmentCount { found: 1 })
    );
}

#[test]
fn a_token_for_another_hmac_algorithm_is_named_after_the_mac_fails() {
    for signed_with in Algorithm::HMAC {
        let token = customer_token(signed_with);
        for pinned in Algorithm::HMAC {
            let got = ws(pinned).verify(&token, T0);
            if pinned == signed_with {
                assert!(got.is_ok());
                continue;
            }
            let err = got.unwrap_err();
            assert_eq!(
                err,
                Error::SignatureAlgorithmMismatch {
                    expected: pinned,
                    found: signed_with
                }
            );
            assert_eq!(
                err.to_string(),
                format!(
                    "signature does not match: the token says {signed_with}, this verifier expects {pinned}"
                )
            );
        }
    }
}

#[test]
fn the_mac_is_still_checked_first() {
    let token = customer_token(Algorithm::Hs512);
    // Same algorithm, other secret: a plain mismatch, nothing more to say.
    let other = Workspace::new(KEY, &[b'x'; 64], Algorithm::Hs512).unwrap();
    assert_eq!(
        other.verify(&token, T0).err(),
        Some(Error::InvalidSignature)
    );
    // A forged header naming HS256 over an HS512 verifier's secret: the explanation
    // names the header's claim, and the token is refused either way.
    let forged = signed(
        b"not-the-secret-at-all-0123456789",
        Algorithm::Hs256,
        br#"{"alg":"HS256"}"#,
        b"{}",
    );
    assert_eq!(
        ws(Algorithm::Hs512).verify(&forged, T0).err(),
        Some(Error::SignatureAlgorithmMismatch {
            expected: Algorithm::Hs512,
            found: Algorithm::Hs256
        })
    );
    // A header that names no known algorithm, under a wrong MAC, says what it is.
    let none = format!("{}.{}.AAAA", b64url(br#"{"alg":"none"}"#), b64url(b"{}"));
    assert_eq!(
        ws(Algorithm::Hs512).verify(&none, T0).err(),
        Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::None))
    );
    // A correctly MACed token whose header names another HMAC algorithm keeps the
    // error it always had: the MAC matched, the header lied.
    let lying = signed(SECRET, Algorithm::Hs512, br#"{"alg":"HS256"}"#, b"{}");
    assert_eq!(
        ws(Algorithm::Hs512).verify(&lying, T0).err(),
        Some(Error::AlgorithmMismatch {
            expected: Algorithm::Hs512,
            found: Algorithm::Hs256
        })
    );
}

#[test]
fn system_clock_variants_check_times_like_the_explicit_ones() {
    let workspace = ws(Algorithm::Hs256);
    let now = unix_now().unwrap();
    let fresh = workspace
        .customer_token_at(&Customer::new("c-1", "Ada"), now, 600)
        .unwrap();
    let stale = workspace
        .customer_token_at(&Customer::new("c-1", "Ada"), now - 7200, 600)
        .unwrap();
    assert_eq!(workspace.verify_now(&fresh).unwrap().id(), Some("c-1"));
    let verifier = Verifier::new(&workspace);
    assert_eq!(verifier.verify_now(&fresh).unwrap().id(), Some("c-1"));
    for err in [
        workspace.verify_now(&stale).unwrap_err(),
        verifier.verify_now(&stale).unwrap_err(),
    ] {
        assert!(
            matches!(err, Error::Expired { exp, .. } if exp == now - 6600),
            "{err:?}"
        );
    }
    // The real clock, not a fixed time: a 2020 token is expired, one issued in 2040
    // is from the future.
    let ada = Customer::new("c-1", "Ada");
    let old = workspace
        .customer_token_at(&ada, 1_600_000_000, 60)
        .unwrap();
    assert!(matches!(
        workspace.verify_now(&old),
        Err(Error::Expired {
            exp: 1_600_000_060,
            ..
        })
    ));
    let future = workspace
        .customer_token_at(&ada, 2_200_000_000, 60)
        .unwrap();
    assert!(matches!(
        verifier.verify_now(&future),
        Err(Error::IssuedInFuture {
            iat: 2_200_000_000,
            ..
        })
    ));

    let rv = RequestVerifier::new(KEY, SECRET).unwrap();
    let exp_soon = workspace
        .sign_json(&format!(
            r#"{{"iss":"{KEY}","sub":"u","exp":{}}}"#,
            now + 600
        ))
        .unwrap();
    let exp_past = workspace
        .sign_json(&format!(r#"{{"iss":"{KEY}","sub":"u","exp":{}}}"#, now - 1))
        .unwrap();
    assert_eq!(rv.verify_now(&exp_soon).unwrap().user_id, "u");
    assert!(matches!(
        rv.verify_now(&exp_past),
        Err(Error::Expired { .. })
    ));
    let headers = [("x-membrane-token", exp_soon.as_str())];
    assert_eq!(rv.verify_headers_now(headers).unwrap().user_id, "u");
}

#[test]
fn request_headers_are_found_once_and_must_be_text() {
    let rv = RequestVerifier::new(KEY, SECRET).unwrap();
    let current = request_token(Algorithm::Hs256);
    let forged = format!("{}x", &current[..current.len() - 1]);
    // The current header wins over the legacy one, whatever their order.
    let both = [
        ("X-Integration-App-Token", forged.as_str()),
        ("X-Membrane-Token", current.as_str()),
    ];
    assert_eq!(rv.verify_headers(both, T0).unwrap().user_id, "user-7");
    let twice = [
        ("x-membrane-token", current.as_str()),
        ("X-MEMBRANE-TOKEN", current.as_str()),
    ];
    assert_eq!(
        rv.verify_headers(twice, T0).err(),
        Some(Error::DuplicateRequestHeader)
    );
    let legacy_twice = [
        ("x-integration-app-token", current.as_str()),
        ("x-integration-app-token", current.as_str()),
    ];
    assert_eq!(
        rv.verify_headers(legacy_twice, T0).err(),
        Some(Error::DuplicateRequestHeader)
    );
    let binary: [(&str, &[u8]); 1] = [("x-membrane-token", b"\xff\xfe.a.b")];
    assert_eq!(
        rv.verify_headers(binary, T0).err(),
        Some(Error::InvalidRequestHeader)
    );
    // Owned pairs work too (an iterator of (String, Vec<u8>)).
    let owned = vec![("X-Membrane-Token".to_string(), current.clone().into_bytes())];
    assert_eq!(rv.verify_headers(owned, T0).unwrap().alg, Algorithm::Hs256);
}

#[test]
fn a_request_token_no_accepted_algorithm_fits_is_a_plain_mismatch() {
    // HS512's MAC length matches none of the accepted algorithms: no verifier-side
    // algorithm was chosen, so none is named.
    let rv = RequestVerifier::new(KEY, SECRET)
        .unwrap()
        .algorithms(&[Algorithm::Hs384]);
    assert_eq!(
        rv.verify(&request_token(Algorithm::Hs512), T0).err(),
        Some(Error::InvalidSignature)
    );
    assert_eq!(
        rv.verify(&request_token(Algorithm::Hs384), T0).unwrap().alg,
        Algorithm::Hs384
    );
}
