//! A corpus of hostile inputs for public-key verification (RS*, PS*, ES*, EdDSA), each
//! with the exact error the crate must give (`assert_eq!(.., Err(Error::..))`, every
//! field included). It covers:
//!
//! 1. RS/HS key confusion: HS256 tokens whose MAC key is the public key's text (SPKI
//!    PEM as printed, with a trailing newline, with leading whitespace, PKCS#1 PEM,
//!    DER, `to_jwk()`, the vectors' JWK) to RS256, ES256 and EdDSA verifiers, and
//!    valid public-key tokens to HS256/HS512 verifiers. The HMACs are computed here
//!    with the `hmac`, `sha2` and `base64` crates, not by the crate under test.
//! 2. `alg: none` (`none`, `NONE`, `None`), with an empty and a non-empty signature.
//! 3. "Psychic" ECDSA signatures (CVE-2022-21449 shapes): r or s zero, equal to n or
//!    above it, all 0xFF, and P-521 halves above 521 bits; high-S (accepted, as
//!    documented).
//! 4. DER-encoded ECDSA signatures where JOSE's raw `r || s` is required, including a
//!    valid DER signature that is exactly 64 bytes long.
//! 5. Signatures one byte short, one byte long and empty, for all ten algorithms.
//! 6. Curve/algorithm mismatches: a P-384 key for ES256, a P-384 signature under an
//!    ES256 header, an ES384 token to an ES256 verifier.
//! 7. RS256 and PS256 tokens crossing to the other RSA verifier.
//! 8. PSS with other salt lengths (0, 20, 64; signed by the `rsa` crate) and with
//!    MGF1-SHA-512 under PS256 (encoded by hand here).
//! 9. Weak RSA keys (1024 and 2047 bits, e = 3) on verifying and signing, under the
//!    default policy and `KeyPolicy::AllowWeak`, and Bleichenbacher's 2006 e = 3
//!    forgery (a cube root with garbage after the hash) against the e = 3 key.
//! 10. Ed25519 small-order and non-canonical public keys (JWK and SPKI), signatures
//!     with a non-canonical S (S + L) or a small-order R.
//! 11. Headers that carry or point to a key (`jwk`, `jku`, `x5u`, `x5c`, `kid`), on
//!     tokens signed by an attacker's key and on tokens signed by the real key.
//! 12. `alg` spelled in another case or with whitespace, `crit`/`b64` (RFC 7797), and
//!     the structural part of the HMAC corpus (`tests/hostile.rs`) replayed on
//!     validly signed RS256, ES256 and EdDSA tokens.
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

mod asym_common;
mod common;

use asym_common::weak_rsa::{RSA2047_PKCS8_PEM, RSA_E3_PKCS8_PEM};
use asym_common::{compact, der_of, key, member, pem, private_key, public_key};
use base64::Engine;
use common::{str_of, KEY, NOW};
use membrane_token::{
    Algorithm, Error, ForeignAlgorithm, KeyKind, KeyPolicy, Part, PrivateKey, PublicKey, Verifier,
    Workspace,
};
use sha2::Digest;

const CLAIMS: &str = r#"{"workspaceKey":"ws_7f3c2a9e","iat":1799992800,"exp":1800000000}"#;

/// Every public-key algorithm, with the TEST key of `asym-keys.json` that signs it.
const FAMILIES: [(Algorithm, &str); 10] = [
    (Algorithm::Rs256, "rsa2048"),
    (Algorithm::Rs384, "rsa2048"),
    (Algorithm::Rs512, "rsa2048"),
    (Algorithm::Ps256, "rsa2048"),
    (Algorithm::Ps384, "rsa2048"),
    (Algorithm::Ps512, "rsa2048"),
    (Algorithm::Es256, "p256"),
    (Algorithm::Es384, "p384"),
    (Algorithm::Es512, "p521"),
    (Algorithm::EdDsa, "ed25519"),
];

// --- helpers -------------------------------------------------------------------------

fn b64(bytes: &[u8]) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

fn unb64(text: &str) -> Vec<u8> {
    base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(text)
        .expect("base64url")
}

fn hex(text: &str) -> Vec<u8> {
    (0..text.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&text[i..i + 2], 16).expect("hex"))
        .collect()
}

/// An HMAC token computed here, independently of the crate: `hmac` + `sha2` + `base64`.
fn hmac_token(alg: Algorithm, secret: &[u8], header: &str, payload: &str) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    fn tag<M: Mac + KeyInit>(secret: &[u8], input: &str) -> Vec<u8> {
        let mut mac = <M as KeyInit>::new_from_slice(secret).expect("any key length");
        mac.update(input.as_bytes());
        mac.finalize().into_bytes().to_vec()
    }
    let input = format!("{}.{}", b64(header.as_bytes()), b64(payload.as_bytes()));
    let tag = match alg {
        Algorithm::Hs256 => tag::<Hmac<sha2::Sha256>>(secret, &input),
        Algorithm::Hs512 => tag::<Hmac<sha2::Sha512>>(secret, &input),
        other => panic!("{other} is not used here"),
    };
    format!("{input}.{}", b64(&tag))
}

/// A signing workspace on the TEST key `name`.
fn ws(name: &str, alg: Algorithm) -> Workspace {
    Workspace::with_private_key(KEY, private_key(name), alg).expect("signing workspace")
}

/// A verifier on the TEST key `name`.
fn verifier(name: &str, alg: Algorithm) -> Verifier {
    Verifier::with_public_key(KEY, public_key(name), alg).expect("verifier")
}

/// The verdict alone (claims are not compared).
fn check(verifier: &Verifier, token: &str) -> Result<(), Error> {
    verifier.verify(token, NOW).map(drop)
}

/// `header.payload`.
fn input_of(token: &str) -> &str {
    token.rsplit_once('.').expect("three segments").0
}

/// The decoded signature.
fn signature_of(token: &str) -> Vec<u8> {
    unb64(token.rsplit_once('.').expect("three segments").1)
}

/// `token` with its signature replaced by `signature`.
fn with_signature(token: &str, signature: &[u8]) -> String {
    format!("{}.{}", input_of(token), b64(signature))
}

/// `header.payload.signature` from parts.
fn assemble(header: &str, payload: &str, signature: &[u8]) -> String {
    format!(
        "{}.{}.{}",
        b64(header.as_bytes()),
        b64(payload.as_bytes()),
        b64(signature)
    )
}

/// The header every library writes for `alg`.
fn header(alg: Algorithm) -> String {
    format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#)
}

/// Big-endian `a + b` (same length; the carry out is dropped).
fn add_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut carry = 0u16;
    for i in (0..a.len()).rev() {
        let sum = u16::from(a[i]) + u16::from(b[i]) + carry;
        out[i] = sum as u8;
        carry = sum >> 8;
    }
    out
}

/// Big-endian `a - b` for `a >= b` (same length).
fn sub_be(a: &[u8], b: &[u8]) -> Vec<u8> {
    let mut out = vec![0u8; a.len()];
    let mut borrow = 0i16;
    for i in (0..a.len()).rev() {
        let mut diff = i16::from(a[i]) - i16::from(b[i]) - borrow;
        borrow = i16::from(diff < 0);
        if diff < 0 {
            diff += 256;
        }
        out[i] = diff as u8;
    }
    assert_eq!(borrow, 0, "a < b");
    out
}

/// The signature length of `alg` under its key of [`FAMILIES`].
fn signature_len(alg: Algorithm) -> usize {
    match alg {
        Algorithm::Es384 => 96,
        Algorithm::Es512 => 132,
        Algorithm::Es256 | Algorithm::EdDsa => 64,
        _ => 256, // rsa2048
    }
}

/// `bytes` left-padded with zeros to `len`.
fn left_pad(bytes: &[u8], len: usize) -> Vec<u8> {
    let start = bytes.iter().position(|&b| b != 0).unwrap_or(bytes.len());
    let bytes = &bytes[start..];
    assert!(bytes.len() <= len);
    [vec![0; len - bytes.len()], bytes.to_vec()].concat()
}

// --- 1. RS/HS key confusion ----------------------------------------------------------

/// Every text of the public key `name` that a confused verifier might use as an HMAC
/// secret: the SPKI PEM as `to_pem()` prints it, with a trailing newline added or with
/// leading whitespace, the PKCS#1 PEM (RSA only), the DER bytes, `to_jwk()`, and the
/// vectors file's own PEM and JWK.
fn public_key_texts(name: &str) -> Vec<(&'static str, Vec<u8>)> {
    let public = public_key(name);
    let printed = public.to_pem();
    let vectors = key(name);
    let mut texts = vec![
        ("to_pem()", printed.clone().into_bytes()),
        ("to_pem() + \\n", format!("{printed}\n").into_bytes()),
        ("to_pem() trimmed", printed.trim_end().as_bytes().to_vec()),
        ("\\n + to_pem()", format!("\n{printed}").into_bytes()),
        ("spaces + to_pem()", format!("  {printed}").into_bytes()),
        ("SPKI DER", der_of(&printed)),
        ("to_jwk()", public.to_jwk().into_bytes()),
        (
            "vectors PEM",
            str_of(&vectors, "public_spki_pem").as_bytes().to_vec(),
        ),
        (
            "vectors JWK",
            compact(member(&vectors, "public_jwk")).into_bytes(),
        ),
    ];
    if let Some(pkcs1) = common::opt_str(&vectors, "public_pkcs1_pem") {
        texts.push(("PKCS#1 PEM", pkcs1.as_bytes().to_vec()));
        texts.push(("PKCS#1 DER", der_of(pkcs1)));
    }
    texts
}

/// HS256 tokens MACed with each text of the key, to a verifier of that key: the
/// signature does not verify, and the header names HS256, so the error says so.
fn assert_hs256_with_key_text_is_refused(name: &str, alg: Algorithm) {
    let v = verifier(name, alg);
    // A shared-secret token to a public-key verifier is named as such (the MAC is not
    // a signature of this key, and the header says why).
    let want = Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac));
    let texts = public_key_texts(name);
    assert!(texts.len() >= 9, "{name}: {}", texts.len());
    for (what, secret) in &texts {
        for hs_header in [r#"{"alg":"HS256","typ":"JWT"}"#, r#"{"alg":"HS256"}"#] {
            let token = hmac_token(Algorithm::Hs256, secret, hs_header, CLAIMS);
            assert_eq!(check(&v, &token), want, "{name} {what} {hs_header}");
        }
    }
}

#[test]
fn hs256_keyed_with_the_rsa_public_key_text_is_refused_by_an_rs256_verifier() {
    let texts = public_key_texts("rsa2048");
    assert!(texts.iter().any(|(what, _)| *what == "PKCS#1 PEM"));
    assert_hs256_with_key_text_is_refused("rsa2048", Algorithm::Rs256);
}

#[test]
fn hs256_keyed_with_ec_and_ed25519_public_key_texts_is_refused() {
    assert_hs256_with_key_text_is_refused("p256", Algorithm::Es256);
    assert_hs256_with_key_text_is_refused("ed25519", Algorithm::EdDsa);
    // HS512's 64-byte tag has exactly the length of an ES256 and an EdDSA signature:
    // refused all the same (the signature is checked as the verifier's algorithm).
    for (name, alg) in [("p256", Algorithm::Es256), ("ed25519", Algorithm::EdDsa)] {
        let secret = public_key(name).to_pem();
        let token = hmac_token(
            Algorithm::Hs512,
            secret.as_bytes(),
            &header(Algorithm::Hs512),
            CLAIMS,
        );
        assert_eq!(signature_of(&token).len(), 64);
        assert_eq!(
            check(&verifier(name, alg), &token),
            Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac))
        );
    }
}

#[test]
fn public_key_tokens_are_refused_by_secret_verifiers() {
    let secret = public_key("rsa2048").to_pem();
    for (alg, name) in [
        (Algorithm::Rs256, "rsa2048"),
        (Algorithm::Es256, "p256"),
        (Algorithm::EdDsa, "ed25519"),
    ] {
        let token = ws(name, alg).sign_json(CLAIMS).unwrap();
        assert_eq!(check(&verifier(name, alg), &token), Ok(()), "{alg} control");
        for hs in [Algorithm::Hs256, Algorithm::Hs512] {
            // Even a verifier whose secret is the public key's PEM (the confused setup).
            // Named as a token for the other key family, as in HS256 to a public key.
            let secret_verifier = Verifier::new(
                &Workspace::new(KEY, secret.as_bytes(), hs).expect("a 450-byte secret"),
            );
            assert_eq!(
                check(&secret_verifier, &token),
                Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric)),
                "{alg} to {hs}"
            );
        }
    }
}

// --- 2. alg none ---------------------------------------------------------------------

#[test]
fn alg_none_in_any_case_is_refused_by_public_key_verifiers() {
    for (alg, name) in [
        (Algorithm::Rs256, "rsa2048"),
        (Algorithm::Es256, "p256"),
        (Algorithm::EdDsa, "ed25519"),
    ] {
        let v = verifier(name, alg);
        let real = ws(name, alg);
        for none in ["none", "NONE", "None"] {
            let unsecured = format!(r#"{{"alg":"{none}","typ":"JWT"}}"#);
            // The unsecured JWS as RFC 7519 §6.1 writes it: an empty signature, named
            // by its header rather than as a missing segment.
            let empty = format!("{}.{}.", b64(unsecured.as_bytes()), b64(CLAIMS.as_bytes()));
            assert_eq!(
                check(&v, &empty),
                Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::None)),
                "{alg} {none}"
            );
            let foreign = Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::None));
            // Some bytes as the signature: it does not verify, and the header explains.
            let junk = assemble(&unsecured, CLAIMS, b"none");
            assert_eq!(check(&v, &junk), foreign, "{alg} {none} junk");
            // A signature of the right length that does not verify.
            let sized = assemble(&unsecured, CLAIMS, &vec![0; signature_len(alg)]);
            assert_eq!(check(&v, &sized), foreign, "{alg} {none} sized");
            // Validly signed by the real key under a `none` header: the header check.
            let signed = real.sign_raw(unsecured.as_bytes(), CLAIMS.as_bytes());
            assert_eq!(check(&v, &signed), foreign, "{alg} {none} signed");
        }
    }
}

// --- 3. psychic ECDSA signatures ------------------------------------------------------

/// The group orders n (SEC 2 / FIPS 186-5), big-endian at the curve's field size.
const P256_N: &str = "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551";
const P384_N: &str = "ffffffffffffffffffffffffffffffffffffffffffffffff\
                      c7634d81f4372ddf581a0db248b0a77aecec196accc52973";
const P521_N: &str = "01ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff\
                      fa51868783bf2f966b7fcc0148f709a5d03bb5c9b8899c47aebb6fb71e91386409";

fn order(alg: Algorithm) -> Vec<u8> {
    let n = hex(match alg {
        Algorithm::Es256 => P256_N,
        Algorithm::Es384 => P384_N,
        _ => P521_N,
    });
    assert_eq!(n.len() * 2, signature_len(alg));
    n
}

/// `(name, r, s)` of every degenerate pair built from a valid `(r, s)` and n.
fn psychic_pairs(r: &[u8], s: &[u8], n: &[u8]) -> Vec<(String, Vec<u8>, Vec<u8>)> {
    let len = n.len();
    let (zero, ff) = (vec![0u8; len], vec![0xffu8; len]);
    let mut one = vec![0u8; len];
    one[len - 1] = 1;
    let n_plus_1 = add_be(n, &one);
    let r_plus_n = add_be(r, n);
    let mut pairs = vec![
        ("r = s = 0".to_owned(), zero.clone(), zero.clone()),
        ("r = 0, s valid".into(), zero.clone(), s.to_vec()),
        ("r valid, s = 0".into(), r.to_vec(), zero.clone()),
        ("r = n, s valid".into(), n.to_vec(), s.to_vec()),
        ("r valid, s = n".into(), r.to_vec(), n.to_vec()),
        ("r = s = n".into(), n.to_vec(), n.to_vec()),
        ("r = n + 1, s = n".into(), n_plus_1.clone(), n.to_vec()),
        ("r = n + 1, s valid".into(), n_plus_1, s.to_vec()),
        ("r || s all 0xFF".into(), ff.clone(), ff),
        ("r = 1, s = 1".into(), one.clone(), one),
    ];
    // r + n, when it still fits (the carry is lost otherwise): x(R) mod n = r, so a
    // verifier that reduced r would accept it.
    if r_plus_n.as_slice() > r {
        pairs.push(("r + n, s valid".into(), r_plus_n, s.to_vec()));
    }
    if len == 66 {
        // P-521: 66-byte halves hold 528 bits; values above 2^521 - 1 are no scalars.
        let mut r_high = r.to_vec();
        r_high[0] |= 0xfe;
        let mut s_high = s.to_vec();
        s_high[0] |= 0x02;
        pairs.push(("r above 521 bits".into(), r_high.clone(), s.to_vec()));
        pairs.push(("s above 521 bits".into(), r.to_vec(), s_high.clone()));
        pairs.push(("r, s above 521 bits".into(), r_high, s_high));
    }
    pairs
}

#[test]
fn psychic_ecdsa_signatures_are_refused() {
    for (alg, name) in [
        (Algorithm::Es256, "p256"),
        (Algorithm::Es384, "p384"),
        (Algorithm::Es512, "p521"),
    ] {
        let v = verifier(name, alg);
        let token = ws(name, alg).sign_json(CLAIMS).unwrap();
        assert_eq!(check(&v, &token), Ok(()), "{alg} control");
        let signature = signature_of(&token);
        let (r, s) = signature.split_at(signature.len() / 2);
        let n = order(alg);
        let pairs = psychic_pairs(r, s, &n);
        assert!(pairs.len() >= 10, "{alg}");
        for (what, r, s) in pairs {
            let forged = with_signature(&token, &[r, s].concat());
            assert_eq!(
                check(&v, &forged),
                Err(Error::InvalidSignature),
                "{alg} {what}"
            );
        }
        // The same through `PublicKey::verify_signature`, with an r = s = 0 signature.
        assert_eq!(
            public_key(name).verify_signature(
                alg,
                input_of(&token).as_bytes(),
                &vec![0; signature_len(alg)]
            ),
            Err(Error::InvalidSignature),
            "{alg}"
        );
    }
}

#[test]
fn high_s_ecdsa_signatures_are_accepted_as_documented() {
    // README: "high-S signatures (about half of every library's) are accepted". The
    // twin (r, n - s) of a valid signature verifies: ECDSA signatures are malleable,
    // and JOSE does not require low-S. (This also checks the orders above.)
    for (alg, name) in [
        (Algorithm::Es256, "p256"),
        (Algorithm::Es384, "p384"),
        (Algorithm::Es512, "p521"),
    ] {
        let token = ws(name, alg).sign_json(CLAIMS).unwrap();
        let signature = signature_of(&token);
        let (r, s) = signature.split_at(signature.len() / 2);
        let twin = [r.to_vec(), sub_be(&order(alg), s)].concat();
        assert_ne!(twin, signature);
        assert_eq!(
            check(&verifier(name, alg), &with_signature(&token, &twin)),
            Ok(()),
            "{alg}"
        );
    }
}

// --- 4. DER where raw r || s is required ----------------------------------------------

/// DER `SEQUENCE { INTEGER r, INTEGER s }` of a raw `r || s` (short lengths only).
fn der_signature(raw: &[u8]) -> Vec<u8> {
    let int = |b: &[u8]| {
        let b = &b[b.iter().position(|&x| x != 0).unwrap_or(b.len() - 1)..];
        let pad = b[0] & 0x80 != 0;
        let mut out = vec![0x02, (b.len() + usize::from(pad)) as u8];
        if pad {
            out.push(0);
        }
        out.extend_from_slice(b);
        out
    };
    let (r, s) = raw.split_at(raw.len() / 2);
    let body = [int(r), int(s)].concat();
    assert!(body.len() < 128, "long-form lengths are not needed here");
    [vec![0x30, body.len() as u8], body].concat()
}

#[test]
fn der_ecdsa_signatures_are_refused_by_their_length() {
    for (alg, name) in [(Algorithm::Es256, "p256"), (Algorithm::Es384, "p384")] {
        let v = verifier(name, alg);
        let token = ws(name, alg).sign_json(CLAIMS).unwrap();
        let der = der_signature(&signature_of(&token));
        // A real signature of the same input, only in the encoding X.509 uses.
        assert!((70..=72).contains(&der.len()) || (102..=104).contains(&der.len()));
        let err = check(&v, &with_signature(&token, &der));
        assert_eq!(
            err,
            Err(Error::SignatureLength {
                alg,
                len: der.len(),
                expected: signature_len(alg)
            }),
            "{alg}"
        );
        assert!(err
            .unwrap_err()
            .to_string()
            .ends_with("(JOSE's raw r || s, never DER)"));
    }
}

/// A P-256 key pair and a valid signature of `input` whose DER encoding is exactly 64
/// bytes, the length of a raw ES256 signature.
///
/// A DER signature is `30 L 02 Lr r 02 Ls s`, 6 + Lr + Ls bytes; 64 needs Lr + Ls =
/// 58, where a random signature has Lr and Ls of 32 or 33 (8 bytes short of the
/// usual 64 to 66 needs r and s with 8 leading zero bytes between them: about 2^-64 of
/// all signatures, never found by signing). So the signature is made to measure: with a fixed nonce k, r = x(kG) is fixed;
/// choose a small s (25 or 26 bytes, so that Lr + Ls = 58) and solve the signing
/// equation s = k^-1 (z + r d) for the private key: d = (s k - z) / r.
fn der_sized_like_raw(input: &[u8]) -> (PublicKey, Vec<u8>) {
    use p256::elliptic_curve::ff::PrimeField;
    use p256::elliptic_curve::ops::Reduce;
    use p256::elliptic_curve::point::AffineCoordinates;
    use p256::{FieldBytes, ProjectivePoint, Scalar};

    let hash: [u8; 32] = sha2::Sha256::digest(input).into();
    let z = <Scalar as Reduce<FieldBytes>>::reduce(&FieldBytes::from(hash));
    let k = Scalar::from_repr(FieldBytes::from([0x5a; 32])).unwrap();
    let x = (ProjectivePoint::GENERATOR * k).to_affine().x();
    let r = <Scalar as Reduce<FieldBytes>>::reduce(&x);
    let r_bytes: [u8; 32] = r.to_repr().into();
    assert_ne!(r_bytes[0], 0, "pick another nonce");
    let r_len = if r_bytes[0] & 0x80 != 0 { 33 } else { 32 };
    let mut s_bytes = [0u8; 32];
    s_bytes[32 - (58 - r_len)..].fill(0x42);
    let s = Scalar::from_repr(FieldBytes::from(s_bytes)).unwrap();
    let d = (s * k - z) * r.invert().unwrap();
    let q = (ProjectivePoint::GENERATOR * d).to_affine();
    let jwk = format!(
        r#"{{"kty":"EC","crv":"P-256","x":"{}","y":"{}"}}"#,
        b64(&q.x()),
        b64(&q.y())
    );
    let raw = [r_bytes, s_bytes].concat();
    (PublicKey::from_jwk(&jwk).unwrap(), raw)
}

#[test]
fn a_64_byte_der_signature_passes_the_length_check_and_fails_as_raw() {
    let input = format!(
        "{}.{}",
        b64(header(Algorithm::Es256).as_bytes()),
        b64(CLAIMS.as_bytes())
    );
    let (public, raw) = der_sized_like_raw(input.as_bytes());
    // The signature is real: as raw r || s it verifies, through the verifier too.
    assert_eq!(
        public.verify_signature(Algorithm::Es256, input.as_bytes(), &raw),
        Ok(())
    );
    let v = Verifier::with_public_key(KEY, public.clone(), Algorithm::Es256).unwrap();
    assert_eq!(check(&v, &format!("{input}.{}", b64(&raw))), Ok(()));
    // Its DER encoding is 64 bytes, so the length check cannot tell it from a raw
    // signature; read as r || s it is a different pair, and does not verify.
    let der = der_signature(&raw);
    assert_eq!(der.len(), 64);
    assert_eq!(&der[..2], &[0x30, 62]);
    assert_eq!(
        check(&v, &format!("{input}.{}", b64(&der))),
        Err(Error::InvalidSignature)
    );
    assert_eq!(
        public.verify_signature(Algorithm::Es256, input.as_bytes(), &der),
        Err(Error::InvalidSignature)
    );
}

// --- 5. signature lengths -------------------------------------------------------------

#[test]
fn wrong_signature_lengths_give_the_exact_length_error() {
    for (alg, name) in FAMILIES {
        let v = verifier(name, alg);
        let token = ws(name, alg).sign_json(CLAIMS).unwrap();
        assert_eq!(check(&v, &token), Ok(()), "{alg} control");
        let signature = signature_of(&token);
        let expected = signature_len(alg);
        assert_eq!(signature.len(), expected, "{alg}");
        let short = &signature[..expected - 1];
        let long = [&signature[..], &[0]].concat();
        let single = &signature[..1];
        for (what, bad) in [("short", short), ("long", &long[..]), ("one byte", single)] {
            assert_eq!(
                check(&v, &with_signature(&token, bad)),
                Err(Error::SignatureLength {
                    alg,
                    len: bad.len(),
                    expected
                }),
                "{alg} {what}"
            );
        }
        // An empty signature segment is refused as a segment, before any signature
        // check; `verify_signature` reports the length.
        assert_eq!(
            check(&v, &format!("{}.", input_of(&token))),
            Err(Error::EmptySegment(Part::Signature)),
            "{alg} empty"
        );
        assert_eq!(
            public_key(name).verify_signature(alg, input_of(&token).as_bytes(), &[]),
            Err(Error::SignatureLength {
                alg,
                len: 0,
                expected
            }),
            "{alg} empty"
        );
    }
}

// --- 6. curve / algorithm mismatch ----------------------------------------------------

#[test]
fn curve_and_algorithm_mismatches_are_refused() {
    // A P-384 key for ES256: refused when the verifier is built.
    assert_eq!(
        Verifier::with_public_key(KEY, public_key("p384"), Algorithm::Es256).map(drop),
        Err(Error::KeyMismatch {
            alg: Algorithm::Es256,
            key: KeyKind::P384
        })
    );
    assert_eq!(
        Workspace::with_private_key(KEY, private_key("p384"), Algorithm::Es256).map(drop),
        Err(Error::KeyMismatch {
            alg: Algorithm::Es256,
            key: KeyKind::P384
        })
    );
    let es256 = verifier("p256", Algorithm::Es256);
    // An ES256 header over a P-384 signature (96 bytes) to a P-256 verifier: the
    // header is the pinned algorithm's, so the length is what is wrong.
    let p384 = ws("p384", Algorithm::Es384);
    let lying = p384.sign_raw(header(Algorithm::Es256).as_bytes(), CLAIMS.as_bytes());
    assert_eq!(
        check(&es256, &lying),
        Err(Error::SignatureLength {
            alg: Algorithm::Es256,
            len: 96,
            expected: 64
        })
    );
    // A real ES384 token to the ES256 verifier: the header explains the failure,
    // ahead of the length.
    let es384 = p384.sign_json(CLAIMS).unwrap();
    assert_eq!(
        check(&es256, &es384),
        Err(Error::SignatureAlgorithmMismatch {
            expected: Algorithm::Es256,
            found: Algorithm::Es384
        })
    );
    // A P-256 signature under an ES384 header: the signature verifies, the header
    // check then names the other ES algorithm.
    let relabelled = ws("p256", Algorithm::Es256)
        .sign_raw(header(Algorithm::Es384).as_bytes(), CLAIMS.as_bytes());
    assert_eq!(
        check(&es256, &relabelled),
        Err(Error::AlgorithmMismatch {
            expected: Algorithm::Es256,
            found: Algorithm::Es384
        })
    );
    // A P-256 key for ES512: refused at build time too.
    assert_eq!(
        Verifier::with_public_key(KEY, public_key("p256"), Algorithm::Es512).map(drop),
        Err(Error::KeyMismatch {
            alg: Algorithm::Es512,
            key: KeyKind::P256
        })
    );
}

// --- 7. RS256 and PS256 ---------------------------------------------------------------

#[test]
fn rs256_and_ps256_tokens_do_not_cross_between_verifiers() {
    let rs = ws("rsa2048", Algorithm::Rs256).sign_json(CLAIMS).unwrap();
    let ps = ws("rsa2048", Algorithm::Ps256).sign_json(CLAIMS).unwrap();
    let rs_verifier = verifier("rsa2048", Algorithm::Rs256);
    let ps_verifier = verifier("rsa2048", Algorithm::Ps256);
    assert_eq!(check(&rs_verifier, &rs), Ok(()));
    assert_eq!(check(&ps_verifier, &ps), Ok(()));
    // Same key, same length: the signature does not verify under the other padding,
    // and `explain_mismatch` names the header's algorithm.
    assert_eq!(
        check(&ps_verifier, &rs),
        Err(Error::SignatureAlgorithmMismatch {
            expected: Algorithm::Ps256,
            found: Algorithm::Rs256
        })
    );
    assert_eq!(
        check(&rs_verifier, &ps),
        Err(Error::SignatureAlgorithmMismatch {
            expected: Algorithm::Rs256,
            found: Algorithm::Ps256
        })
    );
    // Relabelled: a PKCS#1 v1.5 signature under a PS256 header (and the reverse) is
    // checked as the verifier's own algorithm, so it fails as a plain bad signature.
    let rs_as_ps = with_signature(
        &assemble(&header(Algorithm::Ps256), CLAIMS, &[]),
        &signature_of(&rs),
    );
    assert_eq!(check(&ps_verifier, &rs_as_ps), Err(Error::InvalidSignature));
    let ps_as_rs = with_signature(
        &assemble(&header(Algorithm::Rs256), CLAIMS, &[]),
        &signature_of(&ps),
    );
    assert_eq!(check(&rs_verifier, &ps_as_rs), Err(Error::InvalidSignature));
    // RS384 under RS256: a valid RS256 signature whose header says RS384.
    let relabelled = ws("rsa2048", Algorithm::Rs256)
        .sign_raw(header(Algorithm::Rs384).as_bytes(), CLAIMS.as_bytes());
    assert_eq!(
        check(&rs_verifier, &relabelled),
        Err(Error::AlgorithmMismatch {
            expected: Algorithm::Rs256,
            found: Algorithm::Rs384
        })
    );
}

// --- 8. PSS parameters ----------------------------------------------------------------

/// A deterministic stand-in for an RNG (SHA-256 of a counter): the PSS salts of this
/// file are then reproducible. Not random, and only for making test signatures.
struct TestRng(u64);

impl rsa::rand_core::TryRng for TestRng {
    type Error = core::convert::Infallible;
    fn try_next_u32(&mut self) -> Result<u32, Self::Error> {
        Ok(self.try_next_u64()? as u32)
    }
    fn try_next_u64(&mut self) -> Result<u64, Self::Error> {
        let mut bytes = [0u8; 8];
        self.try_fill_bytes(&mut bytes)?;
        Ok(u64::from_le_bytes(bytes))
    }
    fn try_fill_bytes(&mut self, dst: &mut [u8]) -> Result<(), Self::Error> {
        for chunk in dst.chunks_mut(32) {
            self.0 += 1;
            let block = sha2::Sha256::digest(self.0.to_le_bytes());
            chunk.copy_from_slice(&block[..chunk.len()]);
        }
        Ok(())
    }
}

impl rsa::rand_core::TryCryptoRng for TestRng {}

/// The TEST key `name` as the `rsa` crate's own key type.
fn rsa_private(name: &str) -> rsa::PrivateKey {
    use rsa::pkcs8::DecodePrivateKey;
    rsa::PrivateKey::from_pkcs8_pem(str_of(&key(name), "private_pkcs8_pem")).unwrap()
}

/// A PS256 signature of `input` by the `rsa` crate with a salt of `salt_len` bytes.
fn pss_sign_with_salt(key: &rsa::PrivateKey, input: &[u8], salt_len: usize) -> Vec<u8> {
    use rsa::signature::{RandomizedSigner, SignatureEncoding};
    let signer = rsa::pss::SigningKey::<sha2::Sha256>::new_with_salt_len(key.clone(), salt_len);
    signer
        .sign_with_rng(&mut TestRng(salt_len as u64), input)
        .to_vec()
}

/// MGF1 (RFC 8017 B.2.1) with the hash `D`.
fn mgf1<D: Digest>(seed: &[u8], len: usize) -> Vec<u8> {
    let mut out = Vec::with_capacity(len);
    for counter in 0u32.. {
        if out.len() >= len {
            break;
        }
        out.extend_from_slice(
            &D::new()
                .chain_update(seed)
                .chain_update(counter.to_be_bytes())
                .finalize(),
        );
    }
    out.truncate(len);
    out
}

/// EMSA-PSS-ENCODE (RFC 8017 §9.1.1) of `input` with SHA-256 as the message hash, the
/// given salt and mask generation function, for a modulus of `mod_bits`.
fn emsa_pss_sha256(
    input: &[u8],
    salt: &[u8],
    mgf: fn(&[u8], usize) -> Vec<u8>,
    mod_bits: usize,
) -> Vec<u8> {
    let em_bits = mod_bits - 1;
    let em_len = em_bits.div_ceil(8);
    let m_hash = sha2::Sha256::digest(input);
    let h = sha2::Sha256::new()
        .chain_update([0u8; 8])
        .chain_update(m_hash)
        .chain_update(salt)
        .finalize();
    let db_len = em_len - h.len() - 1;
    let mut db = vec![0u8; db_len - salt.len() - 1];
    db.push(0x01);
    db.extend_from_slice(salt);
    for (byte, mask) in db.iter_mut().zip(mgf(&h, db_len)) {
        *byte ^= mask;
    }
    db[0] &= 0xff >> (8 * em_len - em_bits);
    [db, h.to_vec(), vec![0xbc]].concat()
}

/// The raw RSA private-key operation (RSASP1, RFC 8017 §5.2.1) on an encoded message.
fn rsa_raw_sign(key: &rsa::PrivateKey, em: &[u8]) -> Vec<u8> {
    use rsa::traits::PublicKeyParts;
    let precision = key.n().as_ref().bits_precision();
    let m = rsa::BoxedUint::from_be_slice(em, precision).unwrap();
    let s = rsa::hazmat::rsa_decrypt_and_check(key, None::<&mut TestRng>, &m).unwrap();
    left_pad(&s.to_be_bytes(), key.size())
}

#[test]
fn pss_with_another_salt_length_is_refused() {
    let key = rsa_private("rsa2048");
    let v = verifier("rsa2048", Algorithm::Ps256);
    let unsigned = assemble(&header(Algorithm::Ps256), CLAIMS, &[]);
    let input = input_of(&unsigned);
    // RFC 7518 §3.5: the salt is as long as the hash (32 bytes for PS256).
    let control = pss_sign_with_salt(&key, input.as_bytes(), 32);
    assert_eq!(check(&v, &with_signature(&unsigned, &control)), Ok(()));
    for salt_len in [0, 20, 64] {
        let signature = pss_sign_with_salt(&key, input.as_bytes(), salt_len);
        assert_eq!(signature.len(), 256);
        // A valid RSASSA-PSS signature (a verifier that recovers the salt length
        // accepts it), refused for its salt length.
        let auto =
            rsa::pss::VerifyingKey::<sha2::Sha256>::new_with_auto_salt_len(key.to_public_key());
        let parsed = rsa::pss::Signature::try_from(&signature[..]).unwrap();
        assert!(
            rsa::signature::Verifier::verify(&auto, input.as_bytes(), &parsed).is_ok(),
            "salt {salt_len}"
        );
        assert_eq!(
            check(&v, &with_signature(&unsigned, &signature)),
            Err(Error::InvalidSignature),
            "salt {salt_len}"
        );
    }
}

#[test]
fn pss_with_another_mgf_hash_is_refused() {
    let key = rsa_private("rsa2048");
    let v = verifier("rsa2048", Algorithm::Ps256);
    let unsigned = assemble(&header(Algorithm::Ps256), CLAIMS, &[]);
    let input = input_of(&unsigned).as_bytes();
    let salt = [0x5au8; 32];
    // The encoding made here, with MGF1-SHA-256, is the PS256 one: it verifies.
    let same = emsa_pss_sha256(input, &salt, mgf1::<sha2::Sha256>, 2048);
    assert_eq!(
        check(&v, &with_signature(&unsigned, &rsa_raw_sign(&key, &same))),
        Ok(())
    );
    // SHA-256 for the message, MGF1-SHA-512 for the mask (RFC 4055 allows such
    // parameters; JOSE's PS256 does not).
    let other = emsa_pss_sha256(input, &salt, mgf1::<sha2::Sha512>, 2048);
    assert_ne!(other, same);
    assert_eq!(
        check(&v, &with_signature(&unsigned, &rsa_raw_sign(&key, &other))),
        Err(Error::InvalidSignature)
    );
}

// --- 9. weak RSA keys -----------------------------------------------------------------

/// `PrivateKey` is not `Clone`: each use loads the key again.
type KeyLoader = fn() -> PrivateKey;

fn rsa1024() -> PrivateKey {
    private_key("rsa1024")
}

fn rsa2047() -> PrivateKey {
    PrivateKey::from_pem(RSA2047_PKCS8_PEM).unwrap()
}

fn rsa_e3() -> PrivateKey {
    PrivateKey::from_pem(RSA_E3_PKCS8_PEM).unwrap()
}

#[test]
fn short_rsa_keys_are_refused_unless_weak_keys_are_allowed() {
    let keys: [(&str, KeyLoader, usize); 2] =
        [("rsa1024", rsa1024, 1024), ("rsa2047", rsa2047, 2047)];
    for (what, private, bits) in keys {
        let public = private().public_key();
        for alg in [Algorithm::Rs256, Algorithm::Ps256, Algorithm::Rs512] {
            let weak = Error::WeakRsaKey {
                alg,
                bits,
                min: 2048,
            };
            assert_eq!(
                Verifier::with_public_key(KEY, public.clone(), alg).map(drop),
                Err(weak.clone()),
                "{what} {alg}"
            );
            assert_eq!(
                Workspace::with_private_key(KEY, private(), alg).map(drop),
                Err(weak.clone()),
                "{what} {alg}"
            );
            assert_eq!(
                weak.to_string(),
                format!(
                    "RSA key is {bits} bits; {alg} needs at least 2048 (NIST SP 800-131A); \
                     use a larger key or opt in to weak keys explicitly"
                )
            );
        }
        // `verify_signature` applies the default policy too.
        assert_eq!(
            public.verify_signature(Algorithm::Rs256, b"x", &[0; 128]),
            Err(Error::WeakRsaKey {
                alg: Algorithm::Rs256,
                bits,
                min: 2048
            })
        );
        // The one opt-out, on both sides.
        let allow = KeyPolicy::AllowWeak;
        for alg in [Algorithm::Rs256, Algorithm::Ps256] {
            let signer = Workspace::with_private_key_policy(KEY, private(), alg, allow).unwrap();
            let v = Verifier::with_public_key_policy(KEY, public.clone(), alg, allow).unwrap();
            let token = signer.sign_json(CLAIMS).unwrap();
            assert_eq!(signature_of(&token).len(), bits.div_ceil(8), "{what} {alg}");
            assert_eq!(check(&v, &token), Ok(()), "{what} {alg}");
        }
    }
    // The crate generates only the standard sizes.
    for bits in [1024, 2047] {
        assert_eq!(
            PrivateKey::generate_rsa(bits).map(drop),
            Err(Error::UnsupportedRsaSize { bits })
        );
    }
}

#[test]
fn rsa_exponent_3_is_refused_unless_weak_keys_are_allowed() {
    let public = rsa_e3().public_key();
    let weak = Error::WeakRsaExponent { e: 3 };
    assert_eq!(
        Verifier::with_public_key(KEY, public.clone(), Algorithm::Rs256).map(drop),
        Err(weak.clone())
    );
    assert_eq!(
        Workspace::with_private_key(KEY, rsa_e3(), Algorithm::Rs256).map(drop),
        Err(weak.clone())
    );
    assert_eq!(
        weak.to_string(),
        "RSA public exponent is 3; FIPS 186-5 needs an odd exponent above 65536 \
         (65537 is usual); use another key or opt in to weak keys explicitly"
    );
    // AllowWeak accepts any odd exponent from 3 (src/sig/rsa.rs, `check_policy`).
    let allow = KeyPolicy::AllowWeak;
    let signer =
        Workspace::with_private_key_policy(KEY, rsa_e3(), Algorithm::Rs256, allow).unwrap();
    let v = Verifier::with_public_key_policy(KEY, public, Algorithm::Rs256, allow).unwrap();
    assert_eq!(check(&v, &signer.sign_json(CLAIMS).unwrap()), Ok(()));
}

/// floor(cbrt(n)) by bits, for n below 2^2100.
fn cube_root(n: &rsa::BoxedUint) -> rsa::BoxedUint {
    let precision = n.bits_precision();
    let one = rsa::BoxedUint::one_with_precision(precision);
    let mut root = rsa::BoxedUint::zero_with_precision(precision);
    for bit in (0..700).rev() {
        let candidate = root.bitor(&one.shl(bit));
        let cube = candidate.wrapping_mul(&candidate).wrapping_mul(&candidate);
        if cube <= *n {
            root = candidate;
        }
    }
    root
}

#[test]
fn bleichenbacher_e3_forgery_is_refused_even_with_weak_keys_allowed() {
    // Bleichenbacher (CRYPTO 2006): with e = 3, a verifier that parses
    // `00 01 FF .. 00 DigestInfo hash` and ignores what follows accepts any s whose
    // cube starts with that prefix, and the integer cube root of prefix || garbage is
    // one; no private key is needed. A verifier that compares the whole encoded
    // message (as RFC 8017 §8.2.2 says) refuses it.
    let v = Verifier::with_public_key_policy(
        KEY,
        rsa_e3().public_key(),
        Algorithm::Rs256,
        KeyPolicy::AllowWeak,
    )
    .unwrap();
    let unsigned = assemble(&header(Algorithm::Rs256), CLAIMS, &[]);
    let hash = sha2::Sha256::digest(input_of(&unsigned).as_bytes());
    let digest_info = hex("3031300d060960864801650304020105000420");
    let prefix = [&[0x00, 0x01, 0xff, 0x00][..], &digest_info, &hash].concat();
    let mut target = prefix.clone();
    target.resize(256, 0xff);
    let target = rsa::BoxedUint::from_be_slice(&[vec![0; 256], target].concat(), 4096).unwrap();
    let forged = cube_root(&target);
    let cube = forged.wrapping_mul(&forged).wrapping_mul(&forged);
    // The forgery is real: its cube (below n, so no reduction) starts with the prefix.
    let cube_bytes = left_pad(&cube.to_be_bytes(), 512);
    assert_eq!(&cube_bytes[256..256 + prefix.len()], &prefix[..]);
    let signature = left_pad(&forged.to_be_bytes(), 256);
    assert_eq!(
        check(&v, &with_signature(&unsigned, &signature)),
        Err(Error::InvalidSignature)
    );
}

// --- 10. Ed25519 points and scalars ---------------------------------------------------

/// An OKP JWK of the 32-byte encoding `x`.
fn okp(x: &[u8]) -> String {
    format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64(x))
}

/// An SPKI PEM (RFC 8410) of the 32-byte encoding `x`.
fn ed25519_spki(x: &[u8]) -> String {
    pem(
        "PUBLIC KEY",
        &[&hex("302a300506032b6570032100")[..], x].concat(),
    )
}

/// The eight small-order points of edwards25519 in their canonical encodings, and
/// encodings of them that are not canonical (y >= p, or the sign bit set where x = 0),
/// as listed in libsodium's `crypto_sign_ed25519` blocklist and in Chalkias, Garillot
/// and Nikolaenko, "Taming the many EdDSAs" (2020).
const SMALL_ORDER: [(&str, &str); 12] = [
    // Canonical.
    (
        "identity (order 1)",
        "0100000000000000000000000000000000000000000000000000000000000000",
    ),
    (
        "y = -1 (order 2)",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
    (
        "y = 0, x even (order 4)",
        "0000000000000000000000000000000000000000000000000000000000000000",
    ),
    (
        "y = 0, x odd (order 4)",
        "0000000000000000000000000000000000000000000000000000000000000080",
    ),
    (
        "y = y8 (order 8)",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",
    ),
    (
        "y = y8, -x (order 8)",
        "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",
    ),
    (
        "y = -y8 (order 8)",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",
    ),
    (
        "y = -y8, -x (order 8)",
        "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",
    ),
    // Not canonical.
    (
        "identity, sign bit set",
        "0100000000000000000000000000000000000000000000000000000000000080",
    ),
    (
        "y = -1, sign bit set",
        "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff",
    ),
    (
        "y = p (= 0)",
        "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
    (
        "y = p + 1 (= 1)",
        "eeffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",
    ),
];

#[test]
fn small_order_ed25519_public_keys_are_refused() {
    for (what, encoding) in SMALL_ORDER {
        let x = hex(encoding);
        assert_eq!(
            PublicKey::from_jwk(&okp(&x)).map(drop),
            Err(Error::InvalidKey {
                format: "JWK",
                reason: "the Ed25519 public key is a small-order point"
            }),
            "{what}"
        );
        assert_eq!(
            PublicKey::from_pem(&ed25519_spki(&x)).map(drop),
            Err(Error::InvalidKey {
                format: "SPKI",
                reason: "the Ed25519 public key is a small-order point"
            }),
            "{what}"
        );
    }
}

/// The k in [2, 19) for which y = k is the y of a point (x^2 = (k^2 - 1) / (d k^2 + 1)
/// is a square mod p), all of large order; k = 0 and 1 are small-order (above).
const ED25519_Y_ON_CURVE: [u8; 10] = [3, 4, 5, 6, 9, 10, 14, 15, 16, 18];

#[test]
fn non_canonical_ed25519_public_keys_are_refused() {
    // Every 255-bit y from p + 2 to 2^255 - 1 (y = p + k), with either sign bit: the
    // ones that decode (to y = k) are refused as not canonical, so that one key has
    // one encoding (and one thumbprint); the others are no point at all.
    let mut decoded = 0;
    for k in 2u8..19 {
        for sign in [0x7f, 0xff] {
            let mut x = [0xffu8; 32];
            x[0] = 0xed + k;
            x[31] = sign;
            let (jwk, spki) = if ED25519_Y_ON_CURVE.contains(&k) {
                decoded += 1;
                let reason = "the Ed25519 public key is not canonically encoded";
                (
                    Error::InvalidKey {
                        format: "JWK",
                        reason,
                    },
                    Error::InvalidKey {
                        format: "SPKI",
                        reason,
                    },
                )
            } else {
                (
                    Error::InvalidKey {
                        format: "JWK",
                        reason: "`x` is not an Ed25519 point",
                    },
                    Error::InvalidKey {
                        format: "SPKI",
                        reason: "not an Ed25519 public key",
                    },
                )
            };
            assert_eq!(
                PublicKey::from_jwk(&okp(&x)).map(drop),
                Err(jwk),
                "y = p + {k}, {sign:x}"
            );
            assert_eq!(
                PublicKey::from_pem(&ed25519_spki(&x)).map(drop),
                Err(spki),
                "y = p + {k}, {sign:x}"
            );
        }
    }
    assert_eq!(decoded, 20);
    // The canonical encodings of the same points are keys.
    for k in ED25519_Y_ON_CURVE {
        let mut x = [0u8; 32];
        x[0] = k;
        assert_eq!(PublicKey::from_jwk(&okp(&x)).map(drop), Ok(()), "y = {k}");
    }
}

/// The Ed25519 group order L, little-endian (RFC 8032 §5.1).
const ED25519_L: &str = "edd3f55c1a631258d69cf7a2def9de1400000000000000000000000000000010";

#[test]
fn ed25519_signatures_with_non_canonical_s_or_small_order_r_are_refused() {
    let v = verifier("ed25519", Algorithm::EdDsa);
    let token = ws("ed25519", Algorithm::EdDsa).sign_json(CLAIMS).unwrap();
    assert_eq!(check(&v, &token), Ok(()));
    let signature = signature_of(&token);
    let (r, s) = signature.split_at(32);
    // S + L: the same scalar mod L (S < L < 2^253, so no carry out), which RFC 8032
    // §5.1.7 says to refuse: S must be below L.
    let reversed = |bytes: &[u8]| bytes.iter().rev().copied().collect::<Vec<u8>>();
    let s_plus_l = reversed(&add_be(&reversed(s), &reversed(&hex(ED25519_L))));
    assert_ne!(s_plus_l, s);
    let forged = with_signature(&token, &[r, &s_plus_l].concat());
    assert_eq!(check(&v, &forged), Err(Error::InvalidSignature));
    // S = L (the scalar 0, non-canonical) and S = 2^256 - 1.
    for bad_s in [hex(ED25519_L), vec![0xff; 32]] {
        let forged = with_signature(&token, &[r, &bad_s].concat());
        assert_eq!(check(&v, &forged), Err(Error::InvalidSignature));
    }
    // A small-order R with S = 0: the "signature" that verifies for any message under
    // a small-order key (refused on loading, above); under this key it fails the
    // verification equation, and `verify_strict` refuses a small-order R outright.
    for (what, encoding) in SMALL_ORDER {
        let forged = with_signature(&token, &[hex(encoding), vec![0; 32]].concat());
        assert_eq!(check(&v, &forged), Err(Error::InvalidSignature), "R {what}");
    }
}

// --- 11. headers that carry or point to a key -----------------------------------------

/// The headers an attacker uses to bring their own key: embedded (`jwk`, `x5c`), by
/// URL (`jku`, `x5u`) or by name (`kid`).
fn key_headers(alg: Algorithm, attacker: &PublicKey) -> Vec<(&'static str, String)> {
    let spki = base64::engine::general_purpose::STANDARD.encode(der_of(&attacker.to_pem()));
    vec![
        (
            "jwk",
            format!(
                r#"{{"alg":"{alg}","typ":"JWT","jwk":{}}}"#,
                attacker.to_jwk()
            ),
        ),
        (
            "jku",
            format!(r#"{{"alg":"{alg}","jku":"https://attacker.example/jwks.json"}}"#),
        ),
        (
            "x5u",
            format!(r#"{{"alg":"{alg}","x5u":"https://attacker.example/cert.pem"}}"#),
        ),
        // A certificate chain would hold certificates; the key's SPKI is enough to show
        // that the member is never read.
        ("x5c", format!(r#"{{"alg":"{alg}","x5c":["{spki}"]}}"#)),
        (
            "kid",
            format!(r#"{{"alg":"{alg}","kid":"{}"}}"#, attacker.thumbprint()),
        ),
    ]
}

#[test]
fn tokens_signed_with_a_key_named_in_their_header_are_refused() {
    for (alg, name, attacker) in [
        (
            Algorithm::Rs256,
            "rsa2048",
            PrivateKey::generate_rsa(2048).unwrap(),
        ),
        (
            Algorithm::Es256,
            "p256",
            PrivateKey::generate(Algorithm::Es256).unwrap(),
        ),
        (
            Algorithm::EdDsa,
            "ed25519",
            PrivateKey::generate(Algorithm::EdDsa).unwrap(),
        ),
    ] {
        let v = verifier(name, alg);
        let attacker_public = attacker.public_key();
        let attacker_ws = Workspace::with_private_key(KEY, attacker, alg).unwrap();
        let attacker_verifier =
            Verifier::with_public_key(KEY, attacker_public.clone(), alg).unwrap();
        for (member, header) in key_headers(alg, &attacker_public) {
            let token = attacker_ws.sign_raw(header.as_bytes(), CLAIMS.as_bytes());
            // The signature is checked with the verifier's own key, before the header
            // is parsed: the header's key is never looked at, and the refused member is
            // not reached either (an unauthenticated header is only read to explain a
            // mismatch of `alg`).
            assert_eq!(
                check(&v, &token),
                Err(Error::InvalidSignature),
                "{alg} {member}"
            );
            // Under the attacker's key the signature is good, and the header check
            // refuses all but `kid` (a string `kid` is allowed and ignored).
            let want = match member {
                "kid" => Ok(()),
                "jwk" => Err(Error::UnsupportedHeader { member: "jwk" }),
                "jku" => Err(Error::UnsupportedHeader { member: "jku" }),
                "x5u" => Err(Error::UnsupportedHeader { member: "x5u" }),
                _ => Err(Error::UnsupportedHeader { member: "x5c" }),
            };
            assert_eq!(check(&attacker_verifier, &token), want, "{alg} {member}");
        }
    }
}

#[test]
fn tokens_signed_by_the_real_key_with_key_headers_are_refused_by_member() {
    // src/verify.rs, REFUSED_HEADER_MEMBERS: `jwk`, `jku`, `x5u`, `x5c` (and `x5t`,
    // `x5t#S256`, `crit`, ...) are refused whenever they appear, even on a token whose
    // signature by the verifier's key is valid; `kid` must be a string and is otherwise
    // ignored (the verifier's keys are its own, so a `kid` naming another key changes
    // nothing).
    let other = PrivateKey::generate(Algorithm::Es256).unwrap().public_key();
    for (alg, name) in [
        (Algorithm::Rs256, "rsa2048"),
        (Algorithm::Es256, "p256"),
        (Algorithm::EdDsa, "ed25519"),
    ] {
        let v = verifier(name, alg);
        let real = ws(name, alg);
        for (member, header) in key_headers(alg, &other) {
            let token = real.sign_raw(header.as_bytes(), CLAIMS.as_bytes());
            let want = match member {
                "kid" => Ok(()),
                "jwk" => Err(Error::UnsupportedHeader { member: "jwk" }),
                "jku" => Err(Error::UnsupportedHeader { member: "jku" }),
                "x5u" => Err(Error::UnsupportedHeader { member: "x5u" }),
                _ => Err(Error::UnsupportedHeader { member: "x5c" }),
            };
            assert_eq!(check(&v, &token), want, "{alg} {member}");
        }
        // The verifier's own key embedded: refused all the same.
        let own = format!(r#"{{"alg":"{alg}","jwk":{}}}"#, public_key(name).to_jwk());
        let token = real.sign_raw(own.as_bytes(), CLAIMS.as_bytes());
        assert_eq!(
            check(&v, &token),
            Err(Error::UnsupportedHeader { member: "jwk" }),
            "{alg} own jwk"
        );
    }
}

// --- 12. alg spelling, crit, and the HMAC corpus replayed ----------------------------

#[test]
fn alg_spelled_otherwise_is_an_unknown_algorithm() {
    let v = verifier("rsa2048", Algorithm::Rs256);
    let real = ws("rsa2048", Algorithm::Rs256);
    let unknown = Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::Unknown));
    for spelling in [
        "rs256",
        "Rs256",
        "rS256",
        " RS256",
        "RS256 ",
        "RS256\\n",
        "RS 256",
        "RS256\\u0000",
    ] {
        let header = format!(r#"{{"alg":"{spelling}","typ":"JWT"}}"#);
        // Validly signed: the header check refuses the name (names are case-sensitive,
        // RFC 7515 §4.1.1).
        let signed = real.sign_raw(header.as_bytes(), CLAIMS.as_bytes());
        assert_eq!(check(&v, &signed), unknown, "{spelling:?} signed");
        // Not validly signed: the header explains the failure the same way.
        let forged = with_signature(&signed, &[0; 256]);
        assert_eq!(check(&v, &forged), unknown, "{spelling:?} forged");
    }
    // Whitespace between JSON tokens and escapes inside the string change nothing in
    // the JSON value: the same `alg`, accepted.
    for same in [
        r#"{ "alg" : "RS256" , "typ" : "JWT" }"#,
        "{\"alg\":\"RS256\",\n\t\"typ\":\"JWT\"}",
        r#"{"alg":"RS\u0032\u00356","typ":"JWT"}"#,
    ] {
        let signed = real.sign_raw(same.as_bytes(), CLAIMS.as_bytes());
        assert_eq!(check(&v, &signed), Ok(()), "{same}");
    }
}

#[test]
fn crit_and_b64_are_refused() {
    let v = verifier("rsa2048", Algorithm::Rs256);
    let real = ws("rsa2048", Algorithm::Rs256);
    let refused = |header: &str| check(&v, &real.sign_raw(header.as_bytes(), CLAIMS.as_bytes()));
    assert_eq!(
        refused(r#"{"alg":"RS256","crit":["b64"]}"#),
        Err(Error::UnsupportedHeader { member: "crit" })
    );
    assert_eq!(
        refused(r#"{"alg":"RS256","crit":["b64"],"b64":false}"#),
        Err(Error::UnsupportedHeader { member: "crit" })
    );
    // The first refused member in header order is named.
    assert_eq!(
        refused(r#"{"alg":"RS256","b64":false,"crit":["b64"]}"#),
        Err(Error::UnsupportedHeader { member: "b64" })
    );
    assert_eq!(
        refused(r#"{"alg":"RS256","crit":[]}"#),
        Err(Error::UnsupportedHeader { member: "crit" })
    );
    // Signed as RFC 7797 says for b64 = false (over `header.payload-as-is`): the
    // signature over the usual input does not verify, so InvalidSignature.
    let header = r#"{"alg":"RS256","b64":false,"crit":["b64"]}"#;
    let rfc7797_input = format!("{}.{CLAIMS}", b64(header.as_bytes()));
    let token = real.sign_raw(header.as_bytes(), CLAIMS.as_bytes());
    let rsa = rsa_private("rsa2048");
    let signature = rsa
        .sign(
            rsa::Pkcs1v15Sign::new::<sha2::Sha256>(),
            &sha2::Sha256::digest(rfc7797_input.as_bytes()),
        )
        .unwrap();
    assert_eq!(
        check(&v, &with_signature(&token, &signature)),
        Err(Error::InvalidSignature)
    );
}

/// The base64url of `bytes` with its final character's unused low bits set.
fn non_canonical(bytes: &[u8]) -> String {
    let enc = b64(bytes);
    assert_ne!(enc.len() % 4, 0, "needs a partial final group");
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let idx = alphabet.find(enc.chars().last().unwrap()).unwrap();
    format!("{}{}", &enc[..enc.len() - 1], &alphabet[idx | 1..=idx | 1])
}

/// The structural cases of `tests/hostile.rs`, on tokens validly signed by the real
/// key of `alg` (the crate signs them: what is under test is the verifier).
fn corpus(alg: Algorithm, name: &str) -> Vec<(&'static str, String, Error)> {
    use Error::*;
    let real = ws(name, alg);
    let sign = |header: &str, payload: &str| real.sign_raw(header.as_bytes(), payload.as_bytes());
    let std_header = header(alg);
    let good = sign(&std_header, CLAIMS);
    let (input, signature) = good.rsplit_once('.').unwrap();
    let unsupported = |member| UnsupportedHeader { member };
    let with_header = |extra: &str| sign(&format!(r#"{{"alg":"{alg}",{extra}}}"#), CLAIMS);
    let other_same_kind = if alg == Algorithm::Rs256 {
        Algorithm::Ps256
    } else {
        Algorithm::Rs256
    };
    let deep_header = format!(
        r#"{{"alg":"{alg}","x":{}0{}}}"#,
        "{\"a\":".repeat(40),
        "}".repeat(40)
    );
    let big = format!(r#"{{"alg":"{alg}","x":"{}"}}"#, "a".repeat(20_000));
    let big = sign(&big, CLAIMS);
    vec![
        ("Bearer prefix", format!("Bearer {good}"), BearerPrefix),
        (
            "trailing newline",
            format!("{good}\n"),
            SurroundingWhitespace,
        ),
        (
            "four segments",
            format!("{good}.{signature}"),
            SegmentCount { found: 4 },
        ),
        ("two segments", input.to_owned(), SegmentCount { found: 2 }),
        (
            "huge header",
            big.clone(),
            TooLarge {
                len: big.len(),
                max: 16384,
            },
        ),
        (
            "padded signature",
            format!("{good}="),
            InvalidBase64(Part::Signature),
        ),
        (
            "standard alphabet in signature",
            format!("{input}.+{}", &signature[1..]),
            InvalidBase64(Part::Signature),
        ),
        (
            "non-canonical signature",
            format!("{input}.{}", non_canonical(&unb64(signature))),
            NonCanonicalBase64(Part::Signature),
        ),
        (
            "header array",
            sign(&format!(r#"["{alg}"]"#), CLAIMS),
            NotAnObject(Part::Header),
        ),
        (
            "alg missing",
            sign(r#"{"typ":"JWT"}"#, CLAIMS),
            MissingAlgorithm,
        ),
        (
            "alg null",
            sign(r#"{"alg":null}"#, CLAIMS),
            MissingAlgorithm,
        ),
        (
            "alg in an array",
            sign(&format!(r#"{{"alg":["{alg}"]}}"#), CLAIMS),
            MissingAlgorithm,
        ),
        (
            "duplicate alg, none second",
            sign(&format!(r#"{{"alg":"{alg}","alg":"none"}}"#), CLAIMS),
            DuplicateMember(Part::Header),
        ),
        (
            "duplicate alg, none first",
            sign(&format!(r#"{{"alg":"none","alg":"{alg}"}}"#), CLAIMS),
            DuplicateMember(Part::Header),
        ),
        (
            "duplicate alg via escape",
            sign(&format!(r#"{{"alg":"{alg}","\u0061lg":"{alg}"}}"#), CLAIMS),
            DuplicateMember(Part::Header),
        ),
        (
            "alg HS256 over a valid signature",
            sign(r#"{"alg":"HS256","typ":"JWT"}"#, CLAIMS),
            UnsupportedAlgorithm(ForeignAlgorithm::Hmac),
        ),
        (
            "alg of the same kind",
            sign(&header(other_same_kind), CLAIMS),
            AlgorithmMismatch {
                expected: alg,
                found: other_same_kind,
            },
        ),
        (
            "alg ES256K",
            sign(r#"{"alg":"ES256K"}"#, CLAIMS),
            UnsupportedAlgorithm(ForeignAlgorithm::Unknown),
        ),
        (
            "typ at+jwt",
            with_header(r#""typ":"at+jwt""#),
            unsupported("typ"),
        ),
        ("typ number", with_header(r#""typ":1"#), unsupported("typ")),
        ("cty JWT", with_header(r#""cty":"JWT""#), unsupported("cty")),
        ("x5t", with_header(r#""x5t":"AAAA""#), unsupported("x5t")),
        (
            "x5t#S256",
            with_header(r##""x5t#S256":"AAAA""##),
            unsupported("x5t#S256"),
        ),
        ("zip", with_header(r#""zip":"DEF""#), unsupported("zip")),
        ("enc", with_header(r#""enc":"A128GCM""#), unsupported("enc")),
        ("epk", with_header(r#""epk":{}"#), unsupported("epk")),
        ("kid number", with_header(r#""kid":7"#), unsupported("kid")),
        ("kid null", with_header(r#""kid":null"#), unsupported("kid")),
        (
            "deep header",
            sign(&deep_header, CLAIMS),
            TooDeep {
                part: Part::Header,
                max: 32,
            },
        ),
        (
            "invalid UTF-8 header",
            real.sign_raw(
                &[
                    &br#"{"alg":""#[..],
                    alg.name().as_bytes(),
                    b"\",\"x\":\"\xc0\"}",
                ]
                .concat(),
                CLAIMS.as_bytes(),
            ),
            InvalidUtf8(Part::Header),
        ),
        (
            "invalid UTF-8 payload",
            real.sign_raw(
                std_header.as_bytes(),
                b"{\"workspaceKey\":\"ws_7f3c2a9e\",\"exp\":1800000000,\"x\":\"\xff\"}",
            ),
            InvalidUtf8(Part::Payload),
        ),
        (
            "duplicate exp",
            sign(
                &std_header,
                r#"{"workspaceKey":"ws_7f3c2a9e","exp":1800000000,"exp":1}"#,
            ),
            DuplicateMember(Part::Payload),
        ),
        (
            "exp float",
            sign(
                &std_header,
                r#"{"workspaceKey":"ws_7f3c2a9e","exp":1800000000.5}"#,
            ),
            InvalidClaim {
                claim: "exp",
                expected: "an integer from 0 to 253402300799",
            },
        ),
        (
            "no exp",
            sign(&std_header, r#"{"workspaceKey":"ws_7f3c2a9e"}"#),
            MissingClaim {
                claim: "exp".into(),
            },
        ),
        (
            "expired",
            sign(
                &std_header,
                r#"{"workspaceKey":"ws_7f3c2a9e","exp":1799992999}"#,
            ),
            Expired {
                exp: 1_799_992_999,
                now: NOW,
            },
        ),
        (
            "wrong workspaceKey",
            sign(
                &std_header,
                r#"{"workspaceKey":"ws_other","exp":1800000000}"#,
            ),
            WrongIssuer,
        ),
        (
            "payload array",
            sign(&std_header, "[1,2]"),
            NotAnObject(Part::Payload),
        ),
    ]
}

#[test]
fn the_hmac_corpus_structure_cases_are_refused_on_public_key_tokens() {
    for (alg, name) in [
        (Algorithm::Rs256, "rsa2048"),
        (Algorithm::Es256, "p256"),
        (Algorithm::EdDsa, "ed25519"),
    ] {
        let v = verifier(name, alg);
        assert_eq!(
            check(&v, &ws(name, alg).sign_json(CLAIMS).unwrap()),
            Ok(()),
            "{alg}"
        );
        let corpus = corpus(alg, name);
        assert!(corpus.len() >= 30, "{}", corpus.len());
        let mut wrong = Vec::new();
        for (what, token, want) in &corpus {
            let got = check(&v, token);
            if got.as_ref() != Err(want) {
                wrong.push(format!("{alg} {what}: got {got:?}, want {want:?}"));
            }
            // As in the HMAC corpus: errors are short and quote nothing of the token.
            let text = want.to_string();
            assert!(
                text.len() < 120 && !text.contains("ws_other"),
                "{what}: {text}"
            );
        }
        assert!(wrong.is_empty(), "{}", wrong.join("\n"));
    }
}
