//! Which key a PKCS#8 or SPKI `AlgorithmIdentifier` names.
//!
//! PKCS#8 and SPKI carry every key type under one PEM label, so the object identifier
//! decides which family reads the key. The answer is a [`KeyKind`] or an error that
//! names what the key is when this crate does not implement it.

use spki::{AlgorithmIdentifierRef, ObjectIdentifier};

use crate::{Error, KeyKind};

/// rsaEncryption (RFC 8017 appendix A.1).
pub(crate) const RSA_ENCRYPTION: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.1");
/// id-RSASSA-PSS (RFC 4055 §3.1): an RSA key restricted to PSS signatures.
pub(crate) const RSASSA_PSS: ObjectIdentifier =
    ObjectIdentifier::new_unwrap("1.2.840.113549.1.1.10");
/// id-ecPublicKey (RFC 5480 §2.1.1); the curve is in the parameters.
const EC_PUBLIC_KEY: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.2.1");
/// secp256r1, secp384r1, secp521r1 (RFC 5480 §2.1.1.1).
const P256: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10045.3.1.7");
const P384: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.34");
const P521: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.35");
const SECP256K1: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.132.0.10");
/// id-Ed25519, id-Ed448, id-X25519, id-X448 (RFC 8410 §3).
const ED25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.112");
const ED448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.113");
const X25519: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.110");
const X448: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.3.101.111");
/// id-dsa (RFC 3279 §2.3.2).
const DSA: ObjectIdentifier = ObjectIdentifier::new_unwrap("1.2.840.10040.4.1");

/// The kind of key `algorithm` names; the family crate then checks the rest.
pub(crate) fn key_kind(algorithm: &AlgorithmIdentifierRef<'_>) -> Result<KeyKind, Error> {
    let unsupported = |what| Err(Error::UnsupportedKey { what });
    match algorithm.oid {
        RSA_ENCRYPTION => Ok(KeyKind::Rsa),
        // The `rsa` crate reads only unrestricted PSS keys; parameters would pin a hash
        // and salt length this crate would have to enforce, so they are refused.
        RSASSA_PSS if algorithm.parameters.is_some() => unsupported(
            "an RSASSA-PSS key with parameters (a hash and salt restriction); \
             only RSASSA-PSS keys without parameters are read",
        ),
        RSASSA_PSS => Ok(KeyKind::RsaPss),
        EC_PUBLIC_KEY => match algorithm.parameters_oid() {
            Ok(P256) => Ok(KeyKind::P256),
            Ok(P384) => Ok(KeyKind::P384),
            Ok(P521) => Ok(KeyKind::P521),
            Ok(SECP256K1) => unsupported("an EC key on secp256k1 (ES256K is not implemented)"),
            Ok(_) => unsupported("an EC key on a curve other than P-256, P-384 and P-521"),
            Err(_) => unsupported("an EC key without a named curve"),
        },
        ED25519 => Ok(KeyKind::Ed25519),
        ED448 => unsupported("an Ed448 key (only Ed25519 is implemented)"),
        X25519 | X448 => unsupported("an X25519 or X448 key, which agrees keys and cannot sign"),
        DSA => unsupported("a DSA key"),
        _ => unsupported("a key type other than RSA, EC (P-256/384/521) and Ed25519"),
    }
}

#[cfg(feature = "ecdsa")]
/// The kind of key a SEC1 `EC PRIVATE KEY` is on, from its `parameters` (RFC 5915 §3),
/// which OpenSSL always writes; without them the curve would have to be guessed.
pub(crate) fn sec1_curve(curve: Option<ObjectIdentifier>) -> Result<KeyKind, Error> {
    match curve {
        Some(P256) => Ok(KeyKind::P256),
        Some(P384) => Ok(KeyKind::P384),
        Some(P521) => Ok(KeyKind::P521),
        Some(SECP256K1) => Err(Error::UnsupportedKey {
            what: "an EC key on secp256k1 (ES256K is not implemented)",
        }),
        Some(_) => Err(Error::UnsupportedKey {
            what: "an EC key on a curve other than P-256, P-384 and P-521",
        }),
        None => Err(Error::UnsupportedKey {
            what: "an EC PRIVATE KEY without its curve (namedCurve parameters)",
        }),
    }
}
