//! What a key may be used for, and what each kind of verifier refuses, with the exact
//! error: the RSA size and exponent policy on signing and verifying, key types paired
//! with the wrong algorithm, HMAC and public-key tokens crossing to the other kind of
//! verifier (RS256/HS256 confusion included), signature lengths, rotation, and that
//! `Debug` and errors never show key material.
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

mod asym_common;
mod common;

use asym_common::*;
use common::{b64url, b64url_decode, signed, str_of, KEY, NOW};
use membrane_token::{
    Algorithm, Error, ForeignAlgorithm, KeyKind, KeyPolicy, PublicKey, Verifier, Workspace,
};

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const CLAIMS: &str = r#"{"workspaceKey":"ws_7f3c2a9e","iat":1799992800,"exp":1800000000}"#;

fn ws(key: &str, alg: Algorithm) -> Workspace {
    Workspace::with_private_key(KEY, private_key(key), alg).unwrap()
}

fn verifier(key: &str, alg: Algorithm) -> Verifier {
    Verifier::with_public_key(KEY, public_key(key), alg).unwrap()
}

/// A library's token from the shared vectors.
fn library_token(lib: &str, alg: Algorithm, key: &str) -> String {
    library_vectors()
        .into_iter()
        .find(|v| v.lib == lib && v.alg == alg && v.key == key && v.token.is_some())
        .and_then(|v| v.token)
        .unwrap()
}

#[test]
fn rsa_1024_is_refused_for_signing_and_verifying_unless_weak_keys_are_allowed() {
    let weak = Error::WeakRsaKey {
        alg: Algorithm::Rs256,
        bits: 1024,
        min: 2048,
    };
    let signing = Workspace::with_private_key(KEY, private_key("rsa1024"), Algorithm::Rs256);
    assert_eq!(signing.err(), Some(weak.clone()));
    let verifying = Verifier::with_public_key(KEY, public_key("rsa1024"), Algorithm::Rs256);
    assert_eq!(verifying.err(), Some(weak.clone()));
    assert_eq!(
        weak.to_string(),
        "RSA key is 1024 bits; RS256 needs at least 2048 (NIST SP 800-131A); \
         use a larger key or opt in to weak keys explicitly"
    );
    assert_eq!(
        Verifier::with_public_key(KEY, public_key("rsa1024"), Algorithm::Ps256).err(),
        Some(Error::WeakRsaKey {
            alg: Algorithm::Ps256,
            bits: 1024,
            min: 2048
        })
    );
    // The one opt-out, on both sides; PyJWT's 1024-bit token then verifies.
    let allow = KeyPolicy::AllowWeak;
    let ws =
        Workspace::with_private_key_policy(KEY, private_key("rsa1024"), Algorithm::Rs256, allow)
            .unwrap();
    let v = Verifier::with_public_key_policy(KEY, public_key("rsa1024"), Algorithm::Rs256, allow)
        .unwrap();
    assert!(v
        .verify(&library_token("python", Algorithm::Rs256, "rsa1024"), NOW)
        .is_ok());
    assert!(v.verify(&ws.sign_json(CLAIMS).unwrap(), NOW).is_ok());
    // A previous key during a rotation meets the same policy.
    assert_eq!(
        verifier("rsa2048", Algorithm::Rs256)
            .previous_public_key(public_key("rsa1024"))
            .err(),
        Some(weak)
    );
}

/// `rsa2048`'s modulus, as big-endian bytes.
fn rsa2048_n() -> Vec<u8> {
    let jwk = member(&key("rsa2048"), "public_jwk").clone();
    b64url_decode(str_of(&jwk, "n"))
}

fn rsa_jwk(n: &[u8], e: &[u8]) -> String {
    format!(r#"{{"kty":"RSA","n":"{}","e":"{}"}}"#, b64url(n), b64url(e))
}

#[test]
fn rsa_exponents_and_sizes_follow_fips_186_5_unless_weak_keys_are_allowed() {
    let n = rsa2048_n();
    let e3 = PublicKey::from_jwk(&rsa_jwk(&n, &[3])).unwrap();
    assert_eq!(
        Verifier::with_public_key(KEY, e3.clone(), Algorithm::Rs256).err(),
        Some(Error::WeakRsaExponent { e: 3 })
    );
    assert!(
        Verifier::with_public_key_policy(KEY, e3, Algorithm::Rs256, KeyPolicy::AllowWeak).is_ok()
    );
    let e65537 = PublicKey::from_jwk(&rsa_jwk(&n, &[1, 0, 1])).unwrap();
    assert!(Verifier::with_public_key(KEY, e65537, Algorithm::Rs256).is_ok());
    // 2^16 + 1 is the smallest exponent FIPS 186-5 allows; 2^16 - 1 is below it.
    let e65535 = PublicKey::from_jwk(&rsa_jwk(&n, &[0xff, 0xff])).unwrap();
    assert_eq!(
        Verifier::with_public_key(KEY, e65535, Algorithm::Rs256).err(),
        Some(Error::WeakRsaExponent { e: 65535 })
    );
    // An even exponent is no RSA key under any policy.
    assert_eq!(
        PublicKey::from_jwk(&rsa_jwk(&n, &[1, 0, 0])).err(),
        Some(Error::InvalidKey {
            format: "JWK",
            reason: "the public exponent is even"
        })
    );
    // A 2047-bit modulus (n >> 1, made odd) is one bit short.
    let mut short = Vec::with_capacity(n.len());
    let mut carry = 0;
    for &b in &n {
        short.push((b >> 1) | (carry << 7));
        carry = b & 1;
    }
    *short.last_mut().unwrap() |= 1;
    let short = PublicKey::from_jwk(&rsa_jwk(&short, &[1, 0, 1])).unwrap();
    assert_eq!(
        Verifier::with_public_key(KEY, short, Algorithm::Rs512).err(),
        Some(Error::WeakRsaKey {
            alg: Algorithm::Rs512,
            bits: 2047,
            min: 2048
        })
    );
    // Below what the rsa crate reads at all: refused on loading.
    assert_eq!(
        PublicKey::from_jwk(&rsa_jwk(&n[..64], &[1, 0, 1])).err(),
        Some(Error::UnsupportedRsaSize { bits: 512 })
    );
}

#[test]
fn a_key_signs_and_verifies_only_its_own_algorithms() {
    let cases = [
        ("rsa2048", Algorithm::Es256, KeyKind::Rsa),
        ("rsa2048", Algorithm::EdDsa, KeyKind::Rsa),
        ("rsa2048", Algorithm::Hs256, KeyKind::Rsa),
        ("p384", Algorithm::Es256, KeyKind::P384),
        ("p256", Algorithm::Es512, KeyKind::P256),
        ("p521", Algorithm::Rs512, KeyKind::P521),
        ("ed25519", Algorithm::Rs256, KeyKind::Ed25519),
        ("ed25519", Algorithm::Hs512, KeyKind::Ed25519),
        ("p256", Algorithm::EdDsa, KeyKind::P256),
    ];
    for (key, alg, kind) in cases {
        let want = Some(Error::KeyMismatch { alg, key: kind });
        assert_eq!(
            Workspace::with_private_key(KEY, private_key(key), alg).err(),
            want,
            "{key} {alg}"
        );
        assert_eq!(
            Verifier::with_public_key(KEY, public_key(key), alg).err(),
            want,
            "{key} {alg}"
        );
    }
    assert_eq!(
        Error::KeyMismatch {
            alg: Algorithm::Es256,
            key: KeyKind::P384
        }
        .to_string(),
        "a P-384 key cannot be used with ES256; ES256 needs a P-256 key"
    );
    // A secret signs HMAC only.
    assert_eq!(
        Workspace::new(KEY, SECRET, Algorithm::Rs256).err(),
        Some(Error::KeyMismatch {
            alg: Algorithm::Rs256,
            key: KeyKind::Secret
        })
    );
    // An RSA key signs both RS* and PS*.
    for alg in KeyKind::Rsa.algorithms() {
        assert!(
            Workspace::with_private_key(KEY, private_key("rsa2048"), *alg).is_ok(),
            "{alg}"
        );
    }
}

#[test]
fn a_jwk_alg_pins_the_key_to_that_algorithm() {
    let jwk = compact(member(&key("rsa2048"), "public_jwk")).replacen('{', r#"{"alg":"RS256","#, 1);
    let pinned = PublicKey::from_jwk(&jwk).unwrap();
    assert!(Verifier::with_public_key(KEY, pinned.clone(), Algorithm::Rs256).is_ok());
    assert_eq!(
        Verifier::with_public_key(KEY, pinned, Algorithm::Ps256).err(),
        Some(Error::KeyRestricted {
            alg: Algorithm::Ps256,
            only: Algorithm::Rs256
        })
    );
}

#[test]
fn a_public_key_verifier_never_accepts_an_hmac_token() {
    let rs = verifier("rsa2048", Algorithm::Rs256);
    let hs_mismatch = Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac));
    let hs = Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap();
    assert_eq!(
        rs.verify(&hs.sign_json(CLAIMS).unwrap(), NOW).err(),
        hs_mismatch
    );
    // RS256/HS256 key confusion: MACed with the public key's own PEM text (as
    // verifiers that take "a key" for either would use it), with and without its
    // trailing newline, and with its JWK text and DER bytes.
    let pem = str_of(&key("rsa2048"), "public_spki_pem").to_owned();
    let der_text: String = pem
        .lines()
        .filter(|l| !l.starts_with("-----"))
        .collect::<String>()
        .replace('+', "-")
        .replace('/', "_");
    let der = b64url_decode(der_text.trim_end_matches('='));
    let jwk = public_key("rsa2048").to_jwk();
    for secret in [
        pem.as_bytes(),
        pem.trim_end().as_bytes(),
        jwk.as_bytes(),
        &der,
    ] {
        for header in [
            &br#"{"alg":"HS256","typ":"JWT"}"#[..],
            br#"{"alg":"HS256"}"#,
        ] {
            let token = signed(secret, Algorithm::Hs256, header, CLAIMS.as_bytes());
            assert_eq!(rs.verify(&token, NOW).err(), hs_mismatch);
        }
    }
    // Whatever the key's bytes, the verifier's own algorithm decides: a valid
    // signature by this key over a header naming HS256 is refused too.
    let es = ws("p256", Algorithm::Es256);
    let es_verifier = verifier("p256", Algorithm::Es256);
    let lying = es.sign_raw(br#"{"alg":"HS256"}"#, CLAIMS.as_bytes());
    assert_eq!(
        es_verifier.verify(&lying, NOW).err(),
        Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac))
    );
    let other_curve = es.sign_raw(br#"{"alg":"ES384"}"#, CLAIMS.as_bytes());
    assert_eq!(
        es_verifier.verify(&other_curve, NOW).err(),
        Some(Error::AlgorithmMismatch {
            expected: Algorithm::Es256,
            found: Algorithm::Es384
        })
    );
    let none = es.sign_raw(br#"{"alg":"none"}"#, CLAIMS.as_bytes());
    assert_eq!(
        es_verifier.verify(&none, NOW).err(),
        Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::None))
    );
}

#[test]
fn a_secret_verifier_never_accepts_a_public_key_token() {
    let token = library_token("node", Algorithm::Rs256, "rsa2048");
    let hs = Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap();
    assert_eq!(
        hs.verify(&token, NOW).err(),
        Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric))
    );
    // A valid MAC over a header naming RS256: refused by the header check.
    let lying = hs.sign_raw(br#"{"alg":"RS256"}"#, CLAIMS.as_bytes());
    assert_eq!(
        hs.verify(&lying, NOW).err(),
        Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric))
    );
    // A secret verifier takes no public key, a public-key verifier no secret.
    assert_eq!(
        Verifier::new(&hs)
            .previous_public_key(public_key("rsa2048"))
            .err(),
        Some(Error::KeyMismatch {
            alg: Algorithm::Hs256,
            key: KeyKind::Rsa
        })
    );
    assert_eq!(
        verifier("rsa2048", Algorithm::Rs256)
            .previous_secret(SECRET)
            .err(),
        Some(Error::KeyMismatch {
            alg: Algorithm::Rs256,
            key: KeyKind::Secret
        })
    );
}

/// DER: `SEQUENCE { INTEGER r, INTEGER s }` of a raw `r || s`.
fn der_signature(raw: &[u8]) -> Vec<u8> {
    let int = |b: &[u8]| {
        let b = &b[b.iter().position(|&x| x != 0).unwrap_or(b.len() - 1)..];
        let mut out = vec![0x02];
        let pad = b[0] & 0x80 != 0;
        out.push((b.len() + usize::from(pad)) as u8);
        if pad {
            out.push(0);
        }
        out.extend_from_slice(b);
        out
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [int(r), int(s)].concat();
    [vec![0x30, body.len() as u8], body].concat()
}

#[test]
fn signatures_must_have_the_algorithms_length() {
    let es = ws("p256", Algorithm::Es256);
    let token = es.sign_json(CLAIMS).unwrap();
    let v = verifier("p256", Algorithm::Es256);
    assert!(v.verify(&token, NOW).is_ok());
    let (input, sig) = token.rsplit_once('.').unwrap();
    let der = der_signature(&b64url_decode(sig));
    let err = v.verify(&format!("{input}.{}", b64url(&der)), NOW).err();
    assert_eq!(
        err,
        Some(Error::SignatureLength {
            alg: Algorithm::Es256,
            len: der.len(),
            expected: 64
        })
    );
    assert!(err
        .unwrap()
        .to_string()
        .ends_with("(JOSE's raw r || s, never DER)"));
    // r = s = 0 ("psychic signature") has the right length and is simply invalid.
    let zeros = format!("{input}.{}", b64url(&[0; 64]));
    assert_eq!(v.verify(&zeros, NOW).err(), Some(Error::InvalidSignature));
    // RSA: the modulus length exactly.
    let rs = ws("rsa3072", Algorithm::Rs256).sign_json(CLAIMS).unwrap();
    let (input, sig) = rs.rsplit_once('.').unwrap();
    let short = &b64url_decode(sig)[1..];
    assert_eq!(
        verifier("rsa3072", Algorithm::Rs256)
            .verify(&format!("{input}.{}", b64url(short)), NOW)
            .err(),
        Some(Error::SignatureLength {
            alg: Algorithm::Rs256,
            len: 383,
            expected: 384
        })
    );
}

#[test]
fn previous_public_keys_verify_during_a_rotation() {
    let old = ws("rsa3072", Algorithm::Ps256).sign_json(CLAIMS).unwrap();
    let new = ws("rsa2048", Algorithm::Ps256).sign_json(CLAIMS).unwrap();
    let current = verifier("rsa2048", Algorithm::Ps256);
    assert_eq!(
        current.verify(&old, NOW).err(),
        Some(Error::SignatureLength {
            alg: Algorithm::Ps256,
            len: 384,
            expected: 256
        })
    );
    let rotating = current.previous_public_key(public_key("rsa3072")).unwrap();
    assert!(rotating.verify(&old, NOW).is_ok());
    assert!(rotating.verify(&new, NOW).is_ok());
    assert_eq!(
        verifier("rsa2048", Algorithm::Ps256)
            .previous_public_key(public_key("p256"))
            .err(),
        Some(Error::KeyMismatch {
            alg: Algorithm::Ps256,
            key: KeyKind::P256
        })
    );
    // The workspace verifies its own tokens with its public half.
    assert!(ws("rsa2048", Algorithm::Ps256).verify(&new, NOW).is_ok());
    assert!(Verifier::new(&ws("rsa2048", Algorithm::Ps256))
        .verify(&new, NOW)
        .is_ok());
}

#[test]
fn debug_and_errors_never_show_key_material() {
    for name in key_names() {
        let k = key(&name);
        let private_jwk = member(&k, "private_jwk");
        let secrets: Vec<String> = ["d", "p", "q", "dp", "dq", "qi"]
            .iter()
            .filter_map(|m| private_jwk.as_object().unwrap().get(m))
            .map(|v| v.as_str().unwrap()[..12].to_owned())
            .chain(
                str_of(&k, "private_pkcs8_pem")
                    .lines()
                    .filter(|l| !l.starts_with("-----"))
                    .map(|l| l[l.len().saturating_sub(16)..].to_owned()),
            )
            .collect();
        let private = private_key(&name);
        let kind = private.kind();
        let shown = [
            format!("{private:?}"),
            format!("{:?}", private.public_key()),
        ];
        assert_eq!(shown[0], format!("PrivateKey {{ kind: {kind:?}, .. }}"));
        let alg = kind.algorithms()[0];
        let policy = policy(&name);
        let ws = Workspace::with_private_key_policy(KEY, private, alg, policy).unwrap();
        let v = Verifier::new(&ws);
        let shown = [
            shown[0].clone(),
            shown[1].clone(),
            format!("{ws:?}"),
            format!("{v:?}"),
        ];
        assert!(shown[2].contains("private_key: .."), "{}", shown[2]);
        assert!(shown[3].contains("public_keys: 1"), "{}", shown[3]);
        for text in &shown {
            for secret in &secrets {
                assert!(!text.contains(secret.as_str()), "{name}: {text}");
            }
        }
        // A private JWK whose public members do not match: the error names the
        // problem, not the values.
        let mut bad = compact(private_jwk);
        let x_or_n = if name.starts_with("rsa") { "n" } else { "x" };
        let value = str_of(private_jwk, x_or_n);
        let flipped = format!(
            "{}{}",
            if value.starts_with('A') { "B" } else { "A" },
            &value[1..]
        );
        bad = bad.replace(value, &flipped);
        let err = membrane_token::PrivateKey::from_jwk(&bad)
            .unwrap_err()
            .to_string();
        for secret in &secrets {
            assert!(!err.contains(secret.as_str()), "{name}: {err}");
        }
        assert!(!err.contains(&flipped[..12]), "{name}: {err}");
    }
}
