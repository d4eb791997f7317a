//! Keys generated from the OS RNG: of the type and size each algorithm needs, distinct,
//! exportable, and signing tokens that verify with their public half.
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa", feature = "std"))]

mod common;

use common::b64url_decode;
use membrane_token::{Algorithm, Error, KeyKind, PrivateKey, PublicKey, Verifier, Workspace};

fn modulus_bits(public: &PublicKey) -> usize {
    let jwk = public.to_jwk();
    let n = jwk
        .split("\"n\":\"")
        .nth(1)
        .unwrap()
        .trim_end_matches("\"}");
    let n = b64url_decode(n);
    n.len() * 8 - n[0].leading_zeros() as usize
}

fn round_trip(alg: Algorithm, key: PrivateKey) {
    let public = key.public_key();
    assert_eq!(
        PrivateKey::from_pem(&key.to_pem()).unwrap().public_key(),
        public,
        "{alg}"
    );
    let ws = Workspace::with_private_key("ws_1", key, alg).unwrap();
    let token = ws.admin_token_at(1_799_992_800, 300).unwrap();
    let verifier = Verifier::with_public_key("ws_1", public, alg).unwrap();
    assert!(
        verifier.verify(&token, 1_799_992_900).unwrap().is_admin(),
        "{alg}"
    );
}

#[test]
fn ec_and_ed25519_keys_are_generated_for_their_algorithm() {
    for (alg, kind) in [
        (Algorithm::Es256, KeyKind::P256),
        (Algorithm::Es384, KeyKind::P384),
        (Algorithm::Es512, KeyKind::P521),
        (Algorithm::EdDsa, KeyKind::Ed25519),
    ] {
        let key = PrivateKey::generate(alg).unwrap();
        assert_eq!(key.kind(), kind);
        let other = PrivateKey::generate(alg).unwrap();
        assert_ne!(key.public_key(), other.public_key(), "{alg}");
        round_trip(alg, key);
    }
}

#[test]
fn rsa_keys_are_generated_at_2048_bits_for_rs256_and_ps256() {
    let key = PrivateKey::generate(Algorithm::Ps256).unwrap();
    assert_eq!(key.kind(), KeyKind::Rsa);
    assert_eq!(modulus_bits(&key.public_key()), 2048);
    assert!(key.public_key().to_jwk().starts_with(r#"{"e":"AQAB","#));
    round_trip(Algorithm::Rs256, key);
}

#[test]
fn only_supported_sizes_and_asymmetric_algorithms_are_generated() {
    for bits in [0, 1024, 2047, 2049, 8192] {
        assert_eq!(
            PrivateKey::generate_rsa(bits).err(),
            Some(Error::UnsupportedRsaSize { bits })
        );
    }
    for alg in Algorithm::HMAC {
        assert!(matches!(
            PrivateKey::generate(alg).err(),
            Some(Error::UnsupportedKey { .. })
        ));
    }
}

#[test]
fn rsa_keys_are_generated_at_3072_and_4096_bits() {
    for (alg, bits) in [(Algorithm::Rs384, 3072), (Algorithm::Ps512, 4096)] {
        let key = PrivateKey::generate(alg).unwrap();
        assert_eq!(modulus_bits(&key.public_key()), bits);
        round_trip(alg, key);
    }
}
