//! Every real library's token verifies; every tampered variant is refused with the
//! variant the verifier's order of checks implies.

mod common;
use common::*;
use membrane_token::{Algorithm, Error, ForeignAlgorithm, Part, Profile};

fn flip_char(c: u8) -> u8 {
    if c == b'A' {
        b'B'
    } else {
        b'A'
    }
}

#[test]
fn every_library_token_verifies() {
    let mut count = 0;
    for (lib, v) in library_vectors() {
        let Some(token) = opt_str(&v, "token") else {
            continue;
        };
        let ws = workspace(str_of(&v, "secret"), alg(&v), Profile::Node);
        let claims = ws
            .verify(token, NOW)
            .unwrap_or_else(|e| panic!("{lib}/{}: {e}", str_of(&v, "name")));
        assert_eq!(claims.iss(), Some(KEY));
        assert_eq!(claims.algorithm(), alg(&v));
        count += 1;
    }
    assert!(count >= 40, "{count}");
}

#[test]
fn every_tampered_variant_is_refused_precisely() {
    for (lib, v) in library_vectors() {
        let Some(token) = opt_str(&v, "token") else {
            continue;
        };
        let name = format!("{lib}/{}", str_of(&v, "name"));
        let secret = str_of(&v, "secret");
        let alg = alg(&v);
        let ws = workspace(secret, alg, Profile::Node);
        let [h, p, s]: [&str; 3] = token.split('.').collect::<Vec<_>>().try_into().unwrap();
        let check = |bad: &str, want: Error, what: &str| {
            assert_eq!(ws.verify(bad, NOW).err(), Some(want), "{name}: {what}");
        };

        let sig = b64url_decode(s);
        for i in 0..sig.len() {
            let mut flipped = sig.clone();
            flipped[i] ^= 0x01;
            check(
                &format!("{h}.{p}.{}", b64url(&flipped)),
                Error::InvalidSignature,
                "sig byte",
            );
        }
        let payload = String::from_utf8(b64url_decode(p)).unwrap();
        let forged = payload
            .replacen("\"name\"", "\"nam\\u0065\"", 1)
            .replacen(":1800", ":1900", 1);
        assert_ne!(forged, payload, "{name}");
        check(
            &format!("{h}.{}.{s}", b64url(forged.as_bytes())),
            Error::InvalidSignature,
            "payload",
        );
        let header = String::from_utf8(b64url_decode(h)).unwrap();
        for other in ["HS256", "HS384", "HS512", "none"]
            .iter()
            .filter(|a| **a != alg.name())
        {
            let swapped = header.replace(alg.name(), other);
            // Refused because the MAC fails; the error then names what the header says.
            let want = match Algorithm::from_name(other) {
                Some(found) => Error::SignatureAlgorithmMismatch {
                    expected: alg,
                    found,
                },
                None => Error::UnsupportedAlgorithm(ForeignAlgorithm::None),
            };
            check(
                &format!("{}.{p}.{s}", b64url(swapped.as_bytes())),
                want,
                other,
            );
        }
        check(
            &format!("{h}.{p}."),
            Error::EmptySegment(Part::Signature),
            "signature dropped",
        );
        check(
            &format!("{token}.AAAA"),
            Error::SegmentCount { found: 4 },
            "fourth segment",
        );
        check(
            &format!("{token}="),
            Error::InvalidBase64(Part::Signature),
            "padding",
        );
        // The standard alphabet's `+` and `/` in place of `-` and `_`.
        if let Some(i) = s.find(['-', '_']) {
            let std_char = if &s[i..=i] == "-" { "+" } else { "/" };
            let bad = format!("{h}.{p}.{}{std_char}{}", &s[..i], &s[i + 1..]);
            check(
                &bad,
                Error::InvalidBase64(Part::Signature),
                "standard alphabet",
            );
        }
        // The last character of a 32- or 64-byte MAC has unused low bits; setting one
        // keeps the bytes but breaks canonical form. (A 48-byte MAC has none.)
        if alg != Algorithm::Hs384 {
            let last = s.as_bytes()[s.len() - 1];
            let alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
            let idx = alphabet.iter().position(|c| *c == last).unwrap();
            let noncanonical = alphabet[idx | 1] as char;
            let bad = format!("{h}.{p}.{}{noncanonical}", &s[..s.len() - 1]);
            check(
                &bad,
                Error::NonCanonicalBase64(Part::Signature),
                "non-canonical",
            );
        }
        let wrong = workspace(&format!("{secret}!"), alg, Profile::Node);
        assert_eq!(
            wrong.verify(token, NOW).err(),
            Some(Error::InvalidSignature),
            "{name}"
        );
        for pinned in Algorithm::HMAC.into_iter().filter(|a| *a != alg) {
            let other = workspace(secret, pinned, Profile::Node);
            // A verifier pinned to another algorithm: refused, and the error names both.
            assert_eq!(
                other.verify(token, NOW).err(),
                Some(Error::SignatureAlgorithmMismatch {
                    expected: pinned,
                    found: alg
                }),
                "{name}"
            );
        }
        let mut also_flipped = token.as_bytes().to_vec();
        let last = also_flipped.len() - 1;
        also_flipped[last] = flip_char(also_flipped[last]);
        assert!(ws
            .verify(std::str::from_utf8(&also_flipped).unwrap(), NOW)
            .is_err());
    }
}

#[test]
fn tokens_expire_at_exp_exactly() {
    let (lib, v) = library_vectors()
        .into_iter()
        .find(|(l, _)| l == "node")
        .unwrap();
    let ws = workspace(str_of(&v, "secret"), alg(&v), Profile::Node);
    let token = str_of(&v, "token");
    assert!(ws.verify(token, 1_799_999_999).is_ok(), "{lib}");
    assert_eq!(
        ws.verify(token, 1_800_000_000).err(),
        Some(Error::Expired {
            exp: 1_800_000_000,
            now: 1_800_000_000
        })
    );
}
