//! Standard test data for the public-key algorithms, through the public API: RFC 7515
//! A.2 (RS256) reproduced byte for byte by `sign_raw`, RFC 7515 A.3 (ES256, randomized
//! in the RFC) verified, RFC 8037 A.4 (Ed25519) reproduced byte for byte, and RFC 8037
//! A.3's thumbprint. The values in `tests/vectors/rfc*.json` were checked against an
//! independent implementation before use (each file's `note`).
#![cfg(all(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]

mod asym_common;
mod common;

use asym_common::{compact, member};
use common::{load, str_of};
use membrane_token::{
    Algorithm, Error, KeyKind, Map, Part, PrivateKey, PublicKey, Value, Verifier, Workspace,
};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

/// The JWK without its private members: the public key RFC 7517 would publish.
fn public_jwk(jwk: &Value) -> String {
    let public: Map = jwk
        .as_object()
        .unwrap()
        .iter()
        .filter(|(name, _)| !["d", "p", "q", "dp", "dq", "qi"].contains(name))
        .map(|(name, value)| (name.to_owned(), value.clone()))
        .collect();
    compact(&Value::Object(public))
}

/// The RFC 7515 examples' `exp` is 1300819380 and their `iss` "joe".
const BEFORE_EXP: u64 = 1_300_819_379;

#[test]
fn rfc7515_a2_rs256_is_reproduced_byte_for_byte() {
    let a2 = load("rfc7515-a2.json");
    let jwk = member(&a2, "jwk");
    let private = PrivateKey::from_jwk(&compact(jwk)).unwrap();
    assert_eq!(private.kind(), KeyKind::Rsa);
    let public = PublicKey::from_jwk(&public_jwk(jwk)).unwrap();
    assert_eq!(private.public_key(), public);
    let ws = Workspace::with_private_key("joe", private, Algorithm::Rs256).unwrap();
    let token = ws.sign_raw(
        &hex(str_of(&a2, "header_bytes_hex")),
        &hex(str_of(&a2, "payload_bytes_hex")),
    );
    assert_eq!(token, str_of(&a2, "jws_compact"));
    assert!(token.starts_with(str_of(&a2, "signing_input")));

    let verifier = Verifier::with_public_key("joe", public.clone(), Algorithm::Rs256).unwrap();
    let claims = verifier.verify(&token, BEFORE_EXP).unwrap();
    assert_eq!(claims.iss(), Some("joe"));
    assert_eq!(
        verifier.verify(&token, BEFORE_EXP + 1).err(),
        Some(Error::Expired {
            exp: 1_300_819_380,
            now: 1_300_819_380
        })
    );
    // The same signature under PS256 (another padding) is refused.
    let pss = Verifier::with_public_key("joe", public, Algorithm::Ps256).unwrap();
    assert_eq!(
        pss.verify(&token, BEFORE_EXP).err(),
        Some(Error::SignatureAlgorithmMismatch {
            expected: Algorithm::Ps256,
            found: Algorithm::Rs256
        })
    );
}

#[test]
fn rfc7515_a3_es256_is_verified_and_ours_verifies_too() {
    let a3 = load("rfc7515-a3.json");
    let jwk = member(&a3, "jwk");
    let private = PrivateKey::from_jwk(&compact(jwk)).unwrap();
    let public = PublicKey::from_jwk(&public_jwk(jwk)).unwrap();
    assert_eq!(private.public_key(), public);
    let verifier = Verifier::with_public_key("joe", public, Algorithm::Es256).unwrap();
    let rfc = str_of(&a3, "jws_compact");
    assert_eq!(verifier.verify(rfc, BEFORE_EXP).unwrap().iss(), Some("joe"));

    // Ours over the same bytes: RFC 6979 deterministic, so not the RFC's (random)
    // signature, but the same signing input, and it verifies.
    let ws = Workspace::with_private_key("joe", private, Algorithm::Es256).unwrap();
    let ours = ws.sign_raw(
        &hex(str_of(&a3, "header_bytes_hex")),
        &hex(str_of(&a3, "payload_bytes_hex")),
    );
    assert!(ours.starts_with(&format!("{}.", str_of(&a3, "signing_input"))));
    assert_ne!(ours, rfc);
    assert_eq!(
        ours,
        ws.sign_raw(
            &hex(str_of(&a3, "header_bytes_hex")),
            &hex(str_of(&a3, "payload_bytes_hex")),
        )
    );
    assert!(verifier.verify(&ours, BEFORE_EXP).is_ok());
}

#[test]
fn rfc8037_a4_ed25519_is_reproduced_byte_for_byte() {
    let a4 = load("rfc8037-a4.json");
    let jwk = member(&a4, "jwk");
    let private = PrivateKey::from_jwk(&compact(jwk)).unwrap();
    let public = PublicKey::from_jwk(&public_jwk(jwk)).unwrap();
    assert_eq!(private.public_key(), public);
    // RFC 8037 A.3: the thumbprint of the required members.
    assert_eq!(public.thumbprint(), str_of(&a4, "jwk_thumbprint_sha256"));
    assert_eq!(
        public.to_jwk(),
        r#"{"crv":"Ed25519","kty":"OKP","x":"11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo"}"#
    );
    let ws = Workspace::with_private_key("joe", private, Algorithm::EdDsa).unwrap();
    let token = ws.sign_raw(
        &hex(str_of(&a4, "header_bytes_hex")),
        &hex(str_of(&a4, "payload_bytes_hex")),
    );
    assert_eq!(token, str_of(&a4, "jws_compact"));

    // The payload is the text "Example of Ed25519 signing", not claims: the verifier
    // checks the signature first and then refuses the payload as JSON, which shows
    // the RFC's signature passed. A flipped signature fails before that.
    let verifier = Verifier::with_public_key("joe", public, Algorithm::EdDsa).unwrap();
    assert_eq!(
        verifier.verify(&token, 0).err(),
        Some(Error::InvalidJson {
            part: Part::Payload,
            line: 1,
            column: 1
        })
    );
    let (input, sig) = token.rsplit_once('.').unwrap();
    let flipped = format!(
        "{input}.{}{}",
        if sig.starts_with('h') { "i" } else { "h" },
        &sig[1..]
    );
    assert_eq!(
        verifier.verify(&flipped, 0).err(),
        Some(Error::InvalidSignature)
    );
}
