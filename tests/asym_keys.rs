//! Every TEST key of `asym-keys.json` (made by OpenSSL, other forms by Python
//! `cryptography`) loads from each of its PEM forms and from both JWKs to the same key,
//! and exports exactly the file's SPKI PEM, RFC 7638 JWK and thumbprint.
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

mod asym_common;
mod common;

use asym_common::*;
use common::{opt_str, str_of};
use membrane_token::{KeyKind, PrivateKey, PublicKey};

fn kind_of(name: &str) -> KeyKind {
    match name {
        n if n.starts_with("rsa") => KeyKind::Rsa,
        "p256" => KeyKind::P256,
        "p384" => KeyKind::P384,
        "p521" => KeyKind::P521,
        "ed25519" => KeyKind::Ed25519,
        other => panic!("unexpected key {other}"),
    }
}

#[test]
fn every_key_loads_from_every_form_to_the_same_key() {
    let names = key_names();
    assert_eq!(names.len(), 8, "{names:?}");
    let mut forms = 0;
    for name in &names {
        let k = key(name);
        let kind = kind_of(name);
        let reference = PublicKey::from_pem(str_of(&k, "public_spki_pem")).unwrap();
        assert_eq!(reference.kind(), kind, "{name}");
        let mut privates = vec![(
            "PKCS#8",
            PrivateKey::from_pem(str_of(&k, "private_pkcs8_pem")),
        )];
        if let Some(pem) = opt_str(&k, "private_traditional_pem") {
            privates.push(("PKCS#1/SEC1", PrivateKey::from_pem(pem)));
        }
        privates.push((
            "private JWK",
            PrivateKey::from_jwk(&compact(member(&k, "private_jwk"))),
        ));
        for (form, private) in privates {
            let private = private.unwrap_or_else(|e| panic!("{name} {form}: {e}"));
            assert_eq!(private.kind(), kind, "{name} {form}");
            assert_eq!(private.public_key(), reference, "{name} {form}");
            forms += 1;
        }
        let mut publics = vec![(
            "public JWK",
            PublicKey::from_jwk(&compact(member(&k, "public_jwk"))),
        )];
        if let Some(pem) = opt_str(&k, "public_pkcs1_pem") {
            publics.push(("PKCS#1 public", PublicKey::from_pem(pem)));
        }
        for (form, public) in publics {
            let public = public.unwrap_or_else(|e| panic!("{name} {form}: {e}"));
            assert_eq!(public, reference, "{name} {form}");
            forms += 1;
        }
    }
    // 8 keys: PKCS#8, SPKI, both JWKs each; PKCS#1/SEC1 private for 7; PKCS#1 public for 4.
    assert_eq!(forms + names.len(), 8 * 4 + 7 + 4);
}

#[test]
fn every_key_exports_the_reference_spki_jwk_and_thumbprint_exactly() {
    for name in key_names() {
        let k = key(&name);
        let public = private_key(&name).public_key();
        assert_eq!(public.to_pem(), str_of(&k, "public_spki_pem"), "{name}");
        assert_eq!(public.to_jwk(), compact(member(&k, "public_jwk")), "{name}");
        assert_eq!(
            public.thumbprint(),
            str_of(&k, "jwk_thumbprint_sha256"),
            "{name}"
        );
        // A public key read from its JWK exports the same.
        let from_jwk = PublicKey::from_jwk(&public.to_jwk()).unwrap();
        assert_eq!(from_jwk.to_pem(), str_of(&k, "public_spki_pem"), "{name}");
    }
}

#[test]
fn private_keys_round_trip_through_pkcs8_pem() {
    for name in key_names() {
        let k = key(&name);
        let private = private_key(&name);
        let pem = private.to_pem();
        assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"), "{name}");
        assert!(pem.ends_with("-----END PRIVATE KEY-----\n"), "{name}");
        let again = PrivateKey::from_pem(&pem).unwrap();
        assert_eq!(again.public_key(), private.public_key(), "{name}");
        assert_eq!(*again.to_pem(), *pem, "{name}");
        // OpenSSL's PKCS#8 and ours are the same DER for every key type.
        assert_eq!(*pem, str_of(&k, "private_pkcs8_pem"), "{name}");
    }
}
