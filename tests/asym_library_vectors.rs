//! The tokens six JWT libraries made with the shared TEST keys
//! (`asym-<library>-public.json`, made by the real libraries; see its README):
//!
//! - RS* and EdDSA are deterministic, so our token for the same key, claims and
//!   profile must equal the library's byte for byte.
//! - PS* and ES* are randomized in the libraries (and ES* deterministic, RFC 6979, in
//!   ours), so the signing input `header.payload` must be byte-identical, our verifier
//!   must accept the library's token, and the token we make must verify too.
//! - Every library token verifies with `Verifier::with_public_key` at the frozen clock,
//!   including the ECDSA tokens with a high `s` (about half of them).
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

mod asym_common;
mod common;

use asym_common::*;
use common::{b64url_decode, KEY, NOW};
use membrane_token::{Algorithm, Verifier, Workspace};

/// What happened to one library's vectors.
#[derive(Debug, Default, PartialEq, Eq)]
struct Tally {
    tokens: usize,
    refused: usize,
    /// Deterministic vectors whose token we reproduce byte for byte.
    reproduced: usize,
    /// Randomized vectors whose signing input we reproduce byte for byte.
    same_signing_input: usize,
    /// Library tokens our verifier accepts.
    verified: usize,
    /// Our tokens (in the library's bytes) our verifier accepts.
    ours_verified: usize,
    /// ECDSA library tokens with s > n/2 among those verified.
    high_s: usize,
}

/// The upper half of each curve's order n (big-endian): s above it is "high".
fn half_order(alg: Algorithm) -> Vec<u8> {
    let n = match alg {
        Algorithm::Es256 => "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551",
        Algorithm::Es384 => concat!(
            "ffffffffffffffffffffffffffffffffffffffffffffffffc7634d81f4372ddf",
            "581a0db248b0a77aecec196accc52973"
        ),
        _ => concat!(
            "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
            "fffa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409"
        ),
    };
    let n: Vec<u8> = (0..n.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&n[i..i + 2], 16).unwrap())
        .collect();
    // n >> 1, big-endian.
    let mut carry = 0u8;
    n.iter()
        .map(|&b| {
            let out = (b >> 1) | (carry << 7);
            carry = b & 1;
            out
        })
        .collect()
}

fn is_high_s(alg: Algorithm, token: &str) -> bool {
    let sig = b64url_decode(token.rsplit_once('.').unwrap().1);
    let s = &sig[sig.len() / 2..];
    s > half_order(alg).as_slice()
}

#[test]
fn every_library_vector_is_reproduced_or_matched_and_verifies() {
    let mut failures = Vec::new();
    let mut tallies: Vec<(&str, Tally)> = LIBRARIES
        .iter()
        .map(|(l, _)| (*l, Tally::default()))
        .collect();
    for v in library_vectors() {
        let tally = &mut tallies.iter_mut().find(|(l, _)| *l == v.lib).unwrap().1;
        let Some(token) = v.token.as_deref() else {
            tally.refused += 1;
            continue;
        };
        tally.tokens += 1;
        let id = v.id();
        let policy = policy(&v.key);
        let ws = Workspace::with_private_key_policy(KEY, private_key(&v.key), v.alg, policy)
            .unwrap_or_else(|e| panic!("{id}: {e}"))
            .with_profile(v.profile);
        let ours = ws
            .sign_claims(&v.claims())
            .unwrap_or_else(|e| panic!("{id}: {e}"));
        if signing_input(&ours) != signing_input(token) {
            failures.push(format!(
                "{id}: signing input\n  ours   {}\n  theirs {}",
                signing_input(&ours),
                signing_input(token)
            ));
        } else if v.deterministic {
            if ours == token {
                tally.reproduced += 1;
            } else {
                failures.push(format!("{id}: deterministic token differs"));
            }
        } else {
            tally.same_signing_input += 1;
        }
        let verifier =
            Verifier::with_public_key_policy(KEY, public_key(&v.key), v.alg, policy).unwrap();
        match verifier.verify(token, NOW) {
            Ok(claims) => {
                assert_eq!(claims.algorithm(), v.alg, "{id}");
                tally.verified += 1;
                if matches!(
                    v.alg,
                    Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512
                ) && is_high_s(v.alg, token)
                {
                    tally.high_s += 1;
                }
            }
            Err(e) => failures.push(format!("{id}: library token refused: {e}")),
        }
        match verifier.verify(&ours, NOW) {
            Ok(_) => tally.ours_verified += 1,
            Err(e) => failures.push(format!("{id}: our token refused: {e}")),
        }
        // The private-key workspace verifies with its own public half, too.
        assert!(ws.verify(token, NOW).is_ok(), "{id}");
    }
    for (lib, tally) in &tallies {
        eprintln!("{lib:7} {tally:?}");
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
    for (lib, tally) in &tallies {
        assert!(tally.tokens >= 36, "{lib}: {tally:?}");
        assert_eq!(tally.verified, tally.tokens, "{lib}");
        assert_eq!(tally.ours_verified, tally.tokens, "{lib}");
        assert_eq!(
            tally.reproduced + tally.same_signing_input,
            tally.tokens,
            "{lib}"
        );
    }
    // What the libraries sign (the README's table): every count is exact.
    let expect = |lib: &str, tokens, refused, reproduced| {
        let t = &tallies.iter().find(|(l, _)| *l == lib).unwrap().1;
        assert_eq!(
            (t.tokens, t.refused, t.reproduced),
            (tokens, refused, reproduced),
            "{lib}"
        );
    };
    // node: no EdDSA, no 1024-bit RSA; 6 cases x RS256/384/512 deterministic.
    expect("node", 54, 8, 18);
    // python, go and ruby: all ten algorithms and the 1024-bit RS256/PS256.
    expect("python", 62, 0, 6 * 4 + 1);
    expect("go", 62, 0, 6 * 4 + 1);
    expect("ruby", 62, 0, 6 * 4 + 1);
    // java: all ten, refuses 1024-bit RSA.
    expect("java", 60, 2, 6 * 4);
    // php: RS*, ES256, ES384, EdDSA; refuses 1024-bit RSA (and nested `{}` stays an
    // object, numbers-keys-empties).
    expect("php", 36, 26, 6 * 4);
    // The libraries do not normalize ECDSA signatures to low S; we accept them.
    let high_s: usize = tallies.iter().map(|(_, t)| t.high_s).sum();
    assert!(high_s > 10, "{high_s}");
}

#[test]
fn library_headers_are_the_profiles_headers() {
    for v in library_vectors() {
        let Some(header) = v.header_json.as_deref() else {
            continue;
        };
        assert_eq!(v.profile.header_json(v.alg), header, "{}", v.id());
    }
}

/// ES* in this crate is RFC 6979 deterministic: the same key and claims give the same
/// token, unlike the libraries' randomized signatures.
#[test]
fn our_ecdsa_tokens_are_deterministic_and_our_pss_tokens_are_not() {
    let claims = case_claims("admin-token");
    for (alg, key) in [
        (Algorithm::Es256, "p256"),
        (Algorithm::Es384, "p384"),
        (Algorithm::Es512, "p521"),
        (Algorithm::EdDsa, "ed25519"),
    ] {
        let ws = Workspace::with_private_key(KEY, private_key(key), alg).unwrap();
        assert_eq!(
            ws.sign_claims(&claims).unwrap(),
            ws.sign_claims(&claims).unwrap(),
            "{alg}"
        );
    }
    let ws = Workspace::with_private_key(KEY, private_key("rsa2048"), Algorithm::Ps256).unwrap();
    assert_ne!(
        ws.sign_claims(&claims).unwrap(),
        ws.sign_claims(&claims).unwrap()
    );
}
