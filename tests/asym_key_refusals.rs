//! Every key encoding this crate refuses, with the exact error: encrypted keys,
//! certificates, other PEM labels, text around a block, private keys where public ones
//! go and back, malformed or trailing DER, key types it does not implement, and JWKs
//! with unknown types or curves, missing or non-canonical members, private members in
//! a public key, duplicate members, inconsistent values, and weak Ed25519 points. Also
//! the RSASSA-PSS marking (`id-RSASSA-PSS`): such a key is PS* only.
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

mod asym_common;
mod common;

use asym_common::*;
use common::{b64url, b64url_decode, str_of, KEY, NOW};
use membrane_token::{Algorithm, Error, KeyKind, Part, PrivateKey, PublicKey, Verifier, Workspace};

/// A DER element.
fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let len = content.len();
    let mut out = vec![tag];
    match len {
        0..=127 => out.push(len as u8),
        128..=255 => out.extend_from_slice(&[0x81, len as u8]),
        _ => out.extend_from_slice(&[0x82, (len >> 8) as u8, len as u8]),
    }
    out.extend_from_slice(content);
    out
}

const PSS_OID: [u8; 11] = [
    0x06, 0x09, 0x2a, 0x86, 0x48, 0x86, 0xf7, 0x0d, 0x01, 0x01, 0x0a,
];

fn invalid_pem(reason: &'static str) -> Option<Error> {
    Some(Error::InvalidPem { reason })
}

#[test]
fn pem_blocks_that_are_not_plain_keys_are_refused_by_name() {
    let k = key("p256");
    let pkcs8 = str_of(&k, "private_pkcs8_pem");
    let encrypted =
        "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIBAA==\n-----END ENCRYPTED PRIVATE KEY-----\n";
    assert_eq!(
        PrivateKey::from_pem(encrypted).err(),
        Some(Error::EncryptedKey)
    );
    let traditional = "-----BEGIN RSA PRIVATE KEY-----\nProc-Type: 4,ENCRYPTED\n\
        DEK-Info: AES-128-CBC,5E2C0CD8E1B2F3A4D5C6B7A8F9E0D1C2\n\nMIIBAA==\n-----END RSA PRIVATE KEY-----\n";
    assert_eq!(
        PrivateKey::from_pem(traditional).err(),
        Some(Error::EncryptedKey)
    );
    assert_eq!(
        PublicKey::from_pem(&pem("CERTIFICATE", &der_of(pkcs8))).err(),
        Some(Error::CertificateNotKey)
    );
    assert_eq!(
        PrivateKey::from_pem(&pem("OPENSSH PRIVATE KEY", b"openssh-key-v1")).err(),
        Some(Error::UnsupportedPemLabel {
            label: "OPENSSH PRIVATE KEY".into()
        })
    );
    assert_eq!(
        PrivateKey::from_pem(&format!("{pkcs8}-----BEGIN PRIVATE KEY-----\n")).err(),
        invalid_pem("text after the -----END line")
    );
    assert_eq!(
        PrivateKey::from_pem(&format!("{pkcs8}trailing garbage")).err(),
        invalid_pem("text after the -----END line")
    );
    assert_eq!(
        PrivateKey::from_pem(&format!("{pkcs8}{pkcs8}")).err(),
        invalid_pem("more than one PEM block; give one key")
    );
    assert_eq!(
        PrivateKey::from_pem(&format!("Bag Attributes\n{pkcs8}")).err(),
        invalid_pem("text before the -----BEGIN line")
    );
    assert_eq!(
        PrivateKey::from_pem(&pkcs8.replace("END PRIVATE", "END PUBLIC")).err(),
        invalid_pem("the -----END line does not name the -----BEGIN label")
    );
    assert_eq!(
        PublicKey::from_pem(&compact(member(&k, "public_jwk"))).err(),
        invalid_pem("this is JSON; a JWK goes to from_jwk")
    );
    // Surrounding whitespace is fine.
    assert!(PrivateKey::from_pem(&format!("\n\n{pkcs8}\n\n")).is_ok());
}

#[test]
fn private_and_public_keys_go_to_their_own_reader() {
    for name in ["rsa2048", "p384", "ed25519"] {
        let k = key(name);
        for form in ["private_pkcs8_pem", "private_traditional_pem"] {
            if let Some(text) = common::opt_str(&k, form) {
                assert_eq!(
                    PublicKey::from_pem(text).err(),
                    Some(Error::ExpectedPublicKey),
                    "{name} {form}"
                );
            }
        }
        for form in ["public_spki_pem", "public_pkcs1_pem"] {
            if let Some(text) = common::opt_str(&k, form) {
                assert_eq!(
                    PrivateKey::from_pem(text).err(),
                    Some(Error::ExpectedPrivateKey),
                    "{name} {form}"
                );
            }
        }
        assert_eq!(
            PrivateKey::from_jwk(&compact(member(&k, "public_jwk"))).err(),
            Some(Error::ExpectedPrivateKey)
        );
        assert_eq!(
            PublicKey::from_jwk(&compact(member(&k, "private_jwk"))).err(),
            Some(Error::JwkPrivateMember { member: "d" })
        );
    }
}

#[test]
fn malformed_der_and_other_key_types_are_refused() {
    let pkcs8 = der_of(str_of(&key("rsa2048"), "private_pkcs8_pem"));
    let mut trailing = pkcs8.clone();
    trailing.push(0);
    assert_eq!(
        PrivateKey::from_pem(&pem("PRIVATE KEY", &trailing)).err(),
        Some(Error::InvalidKey {
            format: "PKCS#8",
            reason: "bytes after the key's DER structure"
        })
    );
    // A PKCS#1 key under the SEC1 label is read as SEC1 and fails as SEC1.
    let pkcs1 = der_of(str_of(&key("rsa2048"), "private_traditional_pem"));
    assert_eq!(
        PrivateKey::from_pem(&pem("EC PRIVATE KEY", &pkcs1)).err(),
        Some(Error::InvalidKey {
            format: "SEC1",
            reason: "not valid DER for this key type"
        })
    );
    let unsupported = |what| Some(Error::UnsupportedKey { what });
    // PKCS#8 X25519 and Ed448 (RFC 8410 §7), SPKI secp256k1 (RFC 5480).
    let x25519 = [
        &[
            0x30, 0x2e, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x6e, 0x04, 0x22,
            0x04, 0x20,
        ][..],
        &[7; 32],
    ]
    .concat();
    assert_eq!(
        PrivateKey::from_pem(&pem("PRIVATE KEY", &x25519)).err(),
        unsupported("an X25519 or X448 key, which agrees keys and cannot sign")
    );
    let ed448 = [
        &[
            0x30, 0x47, 0x02, 0x01, 0x00, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x71, 0x04, 0x3b,
            0x04, 0x39,
        ][..],
        &[7; 57],
    ]
    .concat();
    assert_eq!(
        PrivateKey::from_pem(&pem("PRIVATE KEY", &ed448)).err(),
        unsupported("an Ed448 key (only Ed25519 is implemented)")
    );
    let k1_algorithm = tlv(
        0x30,
        &[
            &[0x06, 0x07, 0x2a, 0x86, 0x48, 0xce, 0x3d, 0x02, 0x01][..],
            &[0x06, 0x05, 0x2b, 0x81, 0x04, 0x00, 0x0a],
        ]
        .concat(),
    );
    let k1 = tlv(
        0x30,
        &[k1_algorithm, tlv(0x03, &[&[0, 4][..], &[9; 64]].concat())].concat(),
    );
    assert_eq!(
        PublicKey::from_pem(&pem("PUBLIC KEY", &k1)).err(),
        unsupported("an EC key on secp256k1 (ES256K is not implemented)")
    );
}

/// `rsa2048` marked `id-RSASSA-PSS` (RFC 4055), as `openssl genpkey -algorithm
/// RSA-PSS` writes it: PKCS#8 and SPKI around the same PKCS#1 key.
fn pss_pems(parameters: Option<&[u8]>) -> (String, String) {
    let k = key("rsa2048");
    let algorithm = tlv(
        0x30,
        &[&PSS_OID[..], parameters.unwrap_or_default()].concat(),
    );
    let pkcs1 = der_of(str_of(&k, "private_traditional_pem"));
    let private = tlv(
        0x30,
        &[vec![0x02, 0x01, 0x00], algorithm.clone(), tlv(0x04, &pkcs1)].concat(),
    );
    let pkcs1_public = der_of(str_of(&k, "public_pkcs1_pem"));
    let public = tlv(
        0x30,
        &[algorithm, tlv(0x03, &[&[0][..], &pkcs1_public].concat())].concat(),
    );
    (pem("PRIVATE KEY", &private), pem("PUBLIC KEY", &public))
}

#[test]
fn an_rsassa_pss_key_signs_and_verifies_ps_only_and_keeps_its_marking() {
    let (private_pem, public_pem) = pss_pems(None);
    let private = PrivateKey::from_pem(&private_pem).unwrap();
    assert_eq!(private.kind(), KeyKind::RsaPss);
    assert_eq!(*private.to_pem(), private_pem);
    let public = PublicKey::from_pem(&public_pem).unwrap();
    assert_eq!(public.kind(), KeyKind::RsaPss);
    assert_eq!(private.public_key(), public);
    assert_eq!(public.to_pem(), public_pem);
    // The same key material as rsa2048: the same RFC 7638 JWK (which has no marking).
    assert_eq!(public.to_jwk(), public_key("rsa2048").to_jwk());
    assert_eq!(
        Workspace::with_private_key(
            KEY,
            PrivateKey::from_pem(&private_pem).unwrap(),
            Algorithm::Rs256
        )
        .err(),
        Some(Error::KeyMismatch {
            alg: Algorithm::Rs256,
            key: KeyKind::RsaPss
        })
    );
    assert_eq!(
        Verifier::with_public_key(KEY, public.clone(), Algorithm::Rs384).err(),
        Some(Error::KeyMismatch {
            alg: Algorithm::Rs384,
            key: KeyKind::RsaPss
        })
    );
    let ws = Workspace::with_private_key(KEY, private, Algorithm::Ps384).unwrap();
    let token = ws.workspace_token_at(1_799_992_800, 7200).unwrap();
    let v = Verifier::with_public_key(KEY, public, Algorithm::Ps384).unwrap();
    assert!(v.verify(&token, NOW).is_ok());
    // Python's PS384 token by the same key verifies too.
    let python = library_vectors()
        .into_iter()
        .find(|x| x.lib == "python" && x.alg == Algorithm::Ps384 && x.key == "rsa2048")
        .and_then(|x| x.token)
        .unwrap();
    assert!(v.verify(&python, NOW).is_ok());
    // With parameters (a hash and salt restriction): refused rather than half-read.
    let (restricted, _) = pss_pems(Some(&[0x30, 0x00]));
    assert_eq!(
        PrivateKey::from_pem(&restricted).err(),
        Some(Error::UnsupportedKey {
            what: "an RSASSA-PSS key with parameters (a hash and salt restriction); \
                   only RSASSA-PSS keys without parameters are read"
        })
    );
}

fn ec_jwk(x: &str, y: &str) -> String {
    format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}"#)
}

#[test]
fn jwks_are_read_strictly() {
    let k = key("p256");
    let jwk = member(&k, "public_jwk");
    let (x, y) = (str_of(jwk, "x"), str_of(jwk, "y"));
    assert!(PublicKey::from_jwk(&ec_jwk(x, y)).is_ok());
    let unsupported = |what| Some(Error::UnsupportedKey { what });
    let read = |text: &str| PublicKey::from_jwk(text).err();
    assert_eq!(
        read(r#"{"kty":"oct","k":"AAAA"}"#),
        unsupported("a symmetric (oct) JWK; an HMAC secret goes to Workspace::new")
    );
    assert_eq!(
        read(r#"{"kty":"DSA"}"#),
        unsupported("a JWK whose kty is not RSA, EC or OKP")
    );
    assert_eq!(
        read(r#"{"crv":"P-256"}"#),
        Some(Error::MissingJwkMember { member: "kty" })
    );
    assert_eq!(
        read(r#"{"kty":"EC"}"#),
        Some(Error::MissingJwkMember { member: "crv" })
    );
    assert_eq!(
        read(&ec_jwk(x, y).replace("P-256", "secp256k1")),
        unsupported("an EC key on secp256k1 (ES256K is not implemented)")
    );
    assert_eq!(
        read(&ec_jwk(x, y).replace("P-256", "P-192")),
        unsupported("an EC JWK on a curve other than P-256, P-384 and P-521")
    );
    assert_eq!(
        read(r#"{"kty":"OKP","crv":"X25519","x":"AAAA"}"#),
        unsupported("an X25519 or X448 key, which agrees keys and cannot sign")
    );
    assert_eq!(
        read(&format!(r#"{{"kty":"EC","crv":"P-256","x":"{x}"}}"#)),
        Some(Error::MissingJwkMember { member: "y" })
    );
    let canonical = Some(Error::InvalidJwkMember {
        member: "x",
        expected: "canonical unpadded base64url",
    });
    // 32 bytes are 43 characters whose last carries 2 unused bits.
    let last = x.chars().last().unwrap();
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let noncanonical = alphabet
        .chars()
        .nth(alphabet.find(last).unwrap() | 1)
        .unwrap();
    assert_eq!(
        read(&ec_jwk(&format!("{}{noncanonical}", &x[..42]), y)),
        canonical
    );
    assert_eq!(read(&ec_jwk(&format!("{x}="), y)), canonical);
    // The standard alphabet's `+` for `-`.
    assert_eq!(
        read(&ec_jwk(x, &y.replace('-', "+"))),
        Some(Error::InvalidJwkMember {
            member: "y",
            expected: "canonical unpadded base64url"
        })
    );
    let short = b64url(&b64url_decode(x)[1..]);
    assert_eq!(
        read(&ec_jwk(&short, y)),
        Some(Error::InvalidJwkMember {
            member: "x",
            expected: "the curve's field size in bytes (32 for P-256, 48 for P-384, 66 for P-521)"
        })
    );
    assert_eq!(
        read(&ec_jwk(y, x)),
        Some(Error::InvalidKey {
            format: "JWK",
            reason: "`x` and `y` are not a point on the curve"
        })
    );
    assert_eq!(
        read(&format!(
            r#"{{"kty":"EC","kty":"EC","crv":"P-256","x":"{x}","y":"{y}"}}"#
        )),
        Some(Error::DuplicateMember(Part::Key))
    );
    assert!(matches!(
        read("{\"kty\":"),
        Some(Error::InvalidJson {
            part: Part::Key,
            ..
        })
    ));
    assert_eq!(
        read(&ec_jwk(x, y).replacen('{', r#"{"use":"enc","#, 1)),
        Some(Error::InvalidJwkMember {
            member: "use",
            expected: "\"sig\" (this key signs)"
        })
    );
    assert_eq!(
        read(&ec_jwk(x, y).replacen('{', r#"{"alg":"ES384","#, 1)),
        Some(Error::KeyMismatch {
            alg: Algorithm::Es384,
            key: KeyKind::P256
        })
    );
    // A public RSA JWK with a CRT member but no `d` still carries private material.
    let rsa = compact(member(&key("rsa2048"), "public_jwk"));
    let rsa_key = key("rsa2048");
    let p = str_of(member(&rsa_key, "private_jwk"), "p");
    assert_eq!(
        read(&rsa.replacen('{', &format!(r#"{{"p":"{p}","#), 1)),
        Some(Error::JwkPrivateMember { member: "p" })
    );
    // RSA integers have no leading zero bytes.
    let n = b64url_decode(str_of(member(&key("rsa2048"), "public_jwk"), "n"));
    let padded = b64url(&[&[0][..], &n].concat());
    assert_eq!(
        read(&rsa.replace(&b64url(&n), &padded)),
        Some(Error::InvalidJwkMember {
            member: "n",
            expected: "a big-endian integer without leading zero bytes (RFC 7518 section 2)"
        })
    );
}

#[test]
fn private_jwks_must_be_complete_and_consistent() {
    let k = key("rsa2048");
    let full = compact(member(&k, "private_jwk"));
    assert!(PrivateKey::from_jwk(&full).is_ok());
    let jwk = member(&k, "private_jwk");
    let without_qi = full.replace(&format!(r#","qi":"{}""#, str_of(jwk, "qi")), "");
    assert_eq!(
        PrivateKey::from_jwk(&without_qi).err(),
        Some(Error::MissingJwkMember { member: "qi" })
    );
    // dp and dq swapped: valid integers, wrong CRT values.
    let (dp, dq) = (str_of(jwk, "dp"), str_of(jwk, "dq"));
    let swapped = full.replace(dp, "DP").replace(dq, dp).replace("DP", dq);
    assert_eq!(
        PrivateKey::from_jwk(&swapped).err(),
        Some(Error::InvalidKey {
            format: "JWK",
            reason: "the CRT values (dp, dq, qi) do not agree with the primes"
        })
    );
    assert_eq!(
        PrivateKey::from_jwk(&full.replacen('{', r#"{"oth":[],"#, 1)).err(),
        Some(Error::UnsupportedKey {
            what: "a multi-prime RSA key (more than two primes)"
        })
    );
    // An EC `d` with another key's `x` and `y` (a valid point, RFC 7515 A.3's).
    let p256 = key("p256");
    let d = str_of(member(&p256, "private_jwk"), "d");
    let other = format!(
        r#"{{"kty":"EC","crv":"P-256","x":"f83OJ3D2xF1Bg8vub9tLe1gHMzV76e8Tus9uPHvRVEU","y":"x_FEzRu9m36HLN_tue659LNpXW6pCyStikYjKIWI5a0","d":"{d}"}}"#
    );
    assert_eq!(
        PrivateKey::from_jwk(&other).err(),
        Some(Error::InvalidKey {
            format: "JWK",
            reason: "`x` and `y` are not the public key of `d`"
        })
    );
    let ed_key = key("ed25519");
    let ed = member(&ed_key, "private_jwk");
    let wrong_x = compact(ed).replace(
        str_of(ed, "x"),
        "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo",
    );
    assert_eq!(
        PrivateKey::from_jwk(&wrong_x).err(),
        Some(Error::InvalidKey {
            format: "JWK",
            reason: "`x` is not the public key of `d`"
        })
    );
}

#[test]
fn weak_and_non_canonical_ed25519_keys_are_refused() {
    let okp = |x: &[u8]| format!(r#"{{"kty":"OKP","crv":"Ed25519","x":"{}"}}"#, b64url(x));
    // The identity (y = 1), a point of order 1.
    let mut identity = [0u8; 32];
    identity[0] = 1;
    let small = Some(Error::InvalidKey {
        format: "JWK",
        reason: "the Ed25519 public key is a small-order point",
    });
    assert_eq!(PublicKey::from_jwk(&okp(&identity)).err(), small);
    // y = 0: (sqrt(-1), 0) has order 4.
    assert_eq!(PublicKey::from_jwk(&okp(&[0; 32])).err(), small);
    // y = 3 + p (2^255 - 19): a large-order point, encoded non-canonically.
    let mut noncanonical = [0xffu8; 32];
    noncanonical[0] = 0xf0;
    noncanonical[31] = 0x7f;
    assert_eq!(
        PublicKey::from_jwk(&okp(&noncanonical)).err(),
        Some(Error::InvalidKey {
            format: "JWK",
            reason: "the Ed25519 public key is not canonically encoded"
        })
    );
    // The same small-order key as SPKI (RFC 8410).
    let spki = [
        &[
            0x30, 0x2a, 0x30, 0x05, 0x06, 0x03, 0x2b, 0x65, 0x70, 0x03, 0x21, 0x00,
        ][..],
        &identity,
    ]
    .concat();
    assert_eq!(
        PublicKey::from_pem(&pem("PUBLIC KEY", &spki)).err(),
        Some(Error::InvalidKey {
            format: "SPKI",
            reason: "the Ed25519 public key is a small-order point"
        })
    );
}
