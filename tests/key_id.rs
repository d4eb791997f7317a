//! The header's `kid` (`Workspace::with_key_id`): written where each library writes it,
//! for both key families, kept by `with_profile`, accepted by the verifiers, and
//! refused when it has a character some library would escape.
//!
//! The expected headers were measured with the real libraries (`jwt.sign(.., {keyid})`
//! in Node jsonwebtoken 9.0.3, `headers={"kid": ..}` in PyJWT 2.15.1, `Header["kid"]`
//! in golang-jwt v5.3.1, header fields in ruby-jwt 2.5.0, `header().keyId(..)` in jjwt
//! 0.13.0) for HS256, RS256 and ES256 alike; php-jwt cannot run here, and its order
//! (`$keyId` appended after `alg`) is read from its source.
#![cfg(feature = "asymmetric")]

mod asym_common;
mod common;

use asym_common::private_key;
use common::{b64url_decode, KEY};
use membrane_token::{Algorithm, Error, Profile, PublicKey, Verifier, Workspace};

const SECRET: &[u8; 32] = b"0123456789abcdef0123456789abcdef";

/// The measured header for `alg` with `"kid":"k1"`, per profile.
fn measured(profile: Profile, alg: Algorithm) -> String {
    let alg = alg.name();
    match profile {
        Profile::Node => format!(r#"{{"alg":"{alg}","typ":"JWT","kid":"k1"}}"#),
        Profile::Python | Profile::Go | Profile::Go122 => {
            format!(r#"{{"alg":"{alg}","kid":"k1","typ":"JWT"}}"#)
        }
        Profile::Ruby | Profile::Java => format!(r#"{{"kid":"k1","alg":"{alg}"}}"#),
        Profile::Php => format!(r#"{{"typ":"JWT","alg":"{alg}","kid":"k1"}}"#),
        other => panic!("no measurement for {other}"),
    }
}

const PROFILES: [Profile; 7] = [
    Profile::Node,
    Profile::Python,
    Profile::Go,
    Profile::Go122,
    Profile::Ruby,
    Profile::Java,
    Profile::Php,
];

fn header_of(token: &str) -> String {
    let header = token.split('.').next().unwrap();
    String::from_utf8(b64url_decode(header)).unwrap()
}

#[test]
fn each_profile_writes_kid_where_its_library_does() {
    let workspaces = [
        (Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap(), None),
        (
            Workspace::with_private_key(KEY, private_key("rsa2048"), Algorithm::Rs256).unwrap(),
            Some(private_key("rsa2048").public_key()),
        ),
        (
            Workspace::with_private_key(KEY, private_key("p256"), Algorithm::Es256).unwrap(),
            Some(private_key("p256").public_key()),
        ),
    ];
    for (ws, public) in &workspaces {
        let alg = ws.algorithm();
        for profile in PROFILES {
            // Either order of with_profile and with_key_id gives the same workspace.
            let first = ws.with_key_id("k1").unwrap().with_profile(profile);
            let second = ws.with_profile(profile).with_key_id("k1").unwrap();
            for ws in [first, second] {
                assert_eq!(ws.header_json(), measured(profile, alg), "{profile} {alg}");
                let token = ws.admin_token_at(1_799_992_800, 300).unwrap();
                assert_eq!(header_of(&token), measured(profile, alg), "{profile} {alg}");
                let claims = match public {
                    None => ws.verify(&token, 1_799_992_900).unwrap(),
                    Some(public) => Verifier::with_public_key(KEY, public.clone(), alg)
                        .unwrap()
                        .verify(&token, 1_799_992_900)
                        .unwrap(),
                };
                assert!(claims.is_admin());
                let header = claims.header();
                assert_eq!(header.get("kid").and_then(|v| v.as_str()), Some("k1"));
            }
        }
        // Without a kid the header is the profile's usual one.
        assert_eq!(ws.key_id(), None);
        assert!(!ws.header_json().contains("kid"));
    }
}

#[test]
fn the_thumbprint_is_a_valid_key_id_for_every_key_type() {
    for (name, alg) in [
        ("rsa2048", Algorithm::Ps256),
        ("p384", Algorithm::Es384),
        ("p521", Algorithm::Es512),
        ("ed25519", Algorithm::EdDsa),
    ] {
        let public: PublicKey = private_key(name).public_key();
        let ws = Workspace::with_private_key(KEY, private_key(name), alg)
            .unwrap()
            .with_key_id(&public.thumbprint())
            .unwrap();
        let token = ws.customer_token_at(
            &membrane_token::Customer::new("customer-42", "Acme Inc."),
            1_799_992_800,
            7200,
        );
        let token = token.unwrap();
        let verifier = Verifier::with_public_key(KEY, public.clone(), alg).unwrap();
        let header = verifier.verify(&token, 1_799_993_000).unwrap().header();
        assert_eq!(
            header.get("kid").and_then(|v| v.as_str()),
            Some(public.thumbprint().as_str()),
            "{name}"
        );
    }
}

#[test]
fn key_ids_some_library_would_escape_are_refused() {
    let ws = Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap();
    let longest = "k".repeat(256);
    assert!(ws.with_key_id(&longest).is_ok());
    for kid in [
        "", "a/b",     // php-jwt writes \/
        "a\"b",    // escaped by all
        "a\\b",    // escaped by all
        "a b",     // allowed by JSON, but not a key name worth the risk
        "k\u{e9}", // non-ASCII: escaped by PyJWT and php-jwt, raw by the others
        "<k>",     // escaped by Go
        "k\n",
    ] {
        assert_eq!(
            ws.with_key_id(kid).err(),
            Some(Error::InvalidKeyId),
            "{kid:?}"
        );
    }
    assert_eq!(
        ws.with_key_id(&"k".repeat(257)).err(),
        Some(Error::InvalidKeyId)
    );
    assert_eq!(
        Error::InvalidKeyId.to_string(),
        "key id (kid) must be 1 to 256 characters from A-Z a-z 0-9 - _ . : ~ + = (an RFC \
         7638 thumbprint, PublicKey::thumbprint, is one)"
    );
}
