//! Invariant: any bytes (UTF-8, lossily) given to `PrivateKey::from_pem`,
//! `PrivateKey::from_jwk`, `PublicKey::from_pem` and `PublicKey::from_jwk`: never
//! panics, and for every key that parses:
//! - its public key's `thumbprint()` is 43 characters, base64url(SHA-256(`to_jwk()`))
//!   recomputed with `sha2`/`base64ct`, and `to_jwk()` is RFC 7638's canonical form
//!   (serde_json writes it back byte for byte: sorted members, no whitespace);
//! - `to_pem()` parses back (as the same kind of key) to the same key, and writes the
//!   same PEM again; `to_jwk()` parses back to the same key (an RSASSA-PSS key comes
//!   back as a plain RSA key: a JWK has no way to say PSS);
//! - a private key's `public_key()` passes all of the above, and its `to_pem()` parses
//!   back to a private key of the same kind with the same public key and PEM;
//! - the parser of the other kind refuses the text by name: a private PEM is
//!   `ExpectedPublicKey` to `PublicKey::from_pem`, a public one `ExpectedPrivateKey` to
//!   `PrivateKey::from_pem`; a private JWK is `JwkPrivateMember` to
//!   `PublicKey::from_jwk`, a public one `ExpectedPrivateKey` to `PrivateKey::from_jwk`.
//!
//! "The same key" is `PublicKey`'s `==` (key and restrictions), except that a JWK's
//! `alg` (which pins the key to one algorithm) is kept by neither `to_pem` nor `to_jwk`:
//! for a JWK with an `alg` member the round trips must give the same key material
//! (`to_jwk`, `kind`) without the restriction.
//!
//! Why: keys come from files and settings pasted by people; parsing them must never
//! crash, and writing a key out (for Membrane's settings, for a `kid`) must never give
//! a different key, or a second encoding of the same one.
#![no_main]

use libfuzzer_sys::fuzz_target;
use membrane_token::{Error, KeyKind, PrivateKey, PublicKey};
use membrane_token_fuzz::b64;
use sha2::{Digest, Sha256};

/// Whether a JWK that parsed has an `alg` member (serde_json reads what the library's
/// parser accepted: the same JSON, without duplicates).
fn jwk_names_alg(text: &str) -> bool {
    serde_json::from_str::<serde_json::Value>(text)
        .expect("a JWK the library read is JSON to serde_json")
        .get("alg")
        .is_some()
}

/// The checks of a public key; `pinned`: it came from a JWK with an `alg` member.
fn check_public(key: &PublicKey, pinned: bool) {
    let jwk = key.to_jwk();
    let thumbprint = key.thumbprint();
    assert_eq!(thumbprint.len(), 43, "thumbprint length");
    assert_eq!(
        thumbprint,
        b64(&Sha256::digest(jwk.as_bytes())),
        "thumbprint"
    );
    let reparsed: serde_json::Value = serde_json::from_str(&jwk).expect("to_jwk is JSON");
    assert_eq!(
        reparsed.to_string(),
        jwk,
        "to_jwk is not RFC 7638's canonical form"
    );

    let pem = key.to_pem();
    let from_pem = PublicKey::from_pem(&pem).expect("to_pem parses back");
    assert_eq!(from_pem.to_pem(), pem, "to_pem of the parsed PEM differs");
    assert_eq!(
        (from_pem.kind(), from_pem.to_jwk()),
        (key.kind(), jwk.clone())
    );
    if !pinned {
        assert!(from_pem == *key, "to_pem parses back to another key");
    }

    let from_jwk = PublicKey::from_jwk(&jwk).expect("to_jwk parses back");
    assert_eq!(from_jwk.to_jwk(), jwk, "to_jwk of the parsed JWK differs");
    let plain = match key.kind() {
        KeyKind::RsaPss => KeyKind::Rsa,
        kind => kind,
    };
    assert_eq!(from_jwk.kind(), plain, "to_jwk parses back as another kind");
    if !pinned && key.kind() != KeyKind::RsaPss {
        assert!(from_jwk == *key, "to_jwk parses back to another key");
    }
}

/// The checks of a private key; `pinned` as for [`check_public`].
fn check_private(key: &PrivateKey, pinned: bool) {
    let public = key.public_key();
    assert_eq!(public.kind(), key.kind(), "public_key() of another kind");
    check_public(&public, pinned);
    let pem = key.to_pem();
    let back = PrivateKey::from_pem(&pem).expect("to_pem parses back");
    assert_eq!(
        back.kind(),
        key.kind(),
        "to_pem parses back as another kind"
    );
    assert_eq!(*back.to_pem(), *pem, "to_pem of the parsed PEM differs");
    if pinned {
        assert_eq!(back.public_key().to_jwk(), public.to_jwk());
    } else {
        assert!(
            back.public_key() == public,
            "to_pem parses back to another key"
        );
    }
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);

    let private_pem = PrivateKey::from_pem(&text);
    let public_pem = PublicKey::from_pem(&text);
    if let Ok(key) = &private_pem {
        check_private(key, false);
        assert_eq!(public_pem.as_ref().err(), Some(&Error::ExpectedPublicKey));
    }
    if let Ok(key) = &public_pem {
        check_public(key, false);
        assert_eq!(private_pem.as_ref().err(), Some(&Error::ExpectedPrivateKey));
    }

    let private_jwk = PrivateKey::from_jwk(&text);
    let public_jwk = PublicKey::from_jwk(&text);
    if let Ok(key) = &private_jwk {
        check_private(key, jwk_names_alg(&text));
        assert!(
            matches!(public_jwk, Err(Error::JwkPrivateMember { .. })),
            "a private JWK to PublicKey::from_jwk: {public_jwk:?}"
        );
    }
    if let Ok(key) = &public_jwk {
        check_public(key, jwk_names_alg(&text));
        assert_eq!(private_jwk.as_ref().err(), Some(&Error::ExpectedPrivateKey));
    }
});
