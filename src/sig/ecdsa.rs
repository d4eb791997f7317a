//! ECDSA: ES256 on P-256, ES384 on P-384 and ES512 on P-521, each with its curve's
//! SHA-2 (RFC 7518 §3.4), through the `p256`, `p384` and `p521` crates 0.14.
//!
//! Signing is deterministic (RFC 6979 §3.2: the nonce is derived from the key and the
//! message hash), so the same key and input always give the same token; the six
//! libraries sign with random nonces, and both kinds verify alike. A JOSE signature is
//! the raw `r || s`, each the curve's size (32, 48 or 66 bytes): exactly 64, 96 or 132
//! bytes, never DER; `r` and `s` must be in `[1, n - 1]`. A high `s` is accepted, as
//! every library does (their signatures are not normalized to low-S; the curves'
//! `NORMALIZE_S` is `false`).
//!
//! A key belongs to one curve and so to one algorithm: the curve is read from the
//! key's encoding and never from a token.

use alloc::string::String;
use alloc::vec::Vec;

use der::{Decode, Document, SecretDocument};
use pkcs8::{EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

use super::der_error;
use super::jwk::{self, Jwk};
use super::oid;
use crate::{Algorithm, Error, KeyKind};

/// An ECDSA private key on one of the three curves.
pub(crate) enum Private {
    P256(p256::ecdsa::SigningKey),
    P384(p384::ecdsa::SigningKey),
    P521(p521::ecdsa::SigningKey),
}

/// An ECDSA public key on one of the three curves.
#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Public {
    P256(p256::ecdsa::VerifyingKey),
    P384(p384::ecdsa::VerifyingKey),
    P521(p521::ecdsa::VerifyingKey),
}

/// Runs `$body` with `$key` bound to the curve's key: the three key types differ, the
/// code does not.
macro_rules! each_curve {
    ($kind:ident, $value:expr, $key:ident => $body:expr) => {
        match $value {
            $kind::P256($key) => $body,
            $kind::P384($key) => $body,
            $kind::P521($key) => $body,
        }
    };
}

/// The field size in bytes: the length of a coordinate, of `d`, of `r` and of `s`.
fn field_len(kind: KeyKind) -> usize {
    match kind {
        KeyKind::P384 => 48,
        KeyKind::P521 => 66,
        _ => 32,
    }
}

const COORDINATE: &str =
    "the curve's field size in bytes (32 for P-256, 48 for P-384, 66 for P-521)";

impl Private {
    /// A PKCS#8 `PrivateKeyInfo` whose algorithm is `id-ecPublicKey` on `kind`'s curve.
    pub(crate) fn from_pkcs8(
        info: pkcs8::PrivateKeyInfoRef<'_>,
        kind: KeyKind,
    ) -> Result<Private, Error> {
        let invalid = |_| Error::InvalidKey {
            format: "PKCS#8",
            reason: "not a valid EC private key on its curve",
        };
        match kind {
            KeyKind::P256 => p256::ecdsa::SigningKey::try_from(info)
                .map(Private::P256)
                .map_err(invalid),
            KeyKind::P384 => p384::ecdsa::SigningKey::try_from(info)
                .map(Private::P384)
                .map_err(invalid),
            _ => p521::ecdsa::SigningKey::try_from(info)
                .map(Private::P521)
                .map_err(invalid),
        }
    }

    /// A SEC1 `ECPrivateKey` (RFC 5915, the body of `EC PRIVATE KEY`). Its embedded
    /// public key, when present, must be the private key's.
    pub(crate) fn from_sec1(der: &[u8]) -> Result<Private, Error> {
        let parsed = sec1::EcPrivateKey::from_der(der).map_err(der_error("SEC1"))?;
        let kind = oid::sec1_curve(parsed.parameters.and_then(|p| p.named_curve()))?;
        let invalid = |_| Error::InvalidKey {
            format: "SEC1",
            reason: "not a valid EC private key on its curve, or its public key differs",
        };
        Ok(match kind {
            KeyKind::P256 => {
                Private::P256(p256::SecretKey::from_sec1_der(der).map_err(invalid)?.into())
            }
            KeyKind::P384 => {
                Private::P384(p384::SecretKey::from_sec1_der(der).map_err(invalid)?.into())
            }
            _ => Private::P521(p521::SecretKey::from_sec1_der(der).map_err(invalid)?.into()),
        })
    }

    /// An EC private JWK (RFC 7518 §6.2.2): `crv`, `x`, `y` and `d`, each at the
    /// curve's full length; `x` and `y` must be `d`'s public key.
    pub(crate) fn from_jwk(jwk: &Jwk, kind: KeyKind) -> Result<Private, Error> {
        let d = jwk.secret("d", Some(field_len(kind)), COORDINATE)?;
        let public = Public::from_jwk(jwk, kind)?;
        let invalid = |_| Error::InvalidJwkMember {
            member: "d",
            expected: "a scalar in [1, n - 1] of the curve",
        };
        let private = match kind {
            KeyKind::P256 => p256::ecdsa::SigningKey::from_slice(&d)
                .map(Private::P256)
                .map_err(invalid)?,
            KeyKind::P384 => p384::ecdsa::SigningKey::from_slice(&d)
                .map(Private::P384)
                .map_err(invalid)?,
            _ => p521::ecdsa::SigningKey::from_slice(&d)
                .map(Private::P521)
                .map_err(invalid)?,
        };
        if private.public() != public {
            return Err(Error::InvalidKey {
                format: "JWK",
                reason: "`x` and `y` are not the public key of `d`",
            });
        }
        Ok(private)
    }

    /// A new key on `kind`'s curve from the OS RNG.
    #[cfg(feature = "std")]
    pub(crate) fn generate(kind: KeyKind) -> Result<Private, Error> {
        use crypto_common::Generate;
        let rng = &mut super::rng::OsRng;
        let rng_error = |_| Error::Rng;
        Ok(match kind {
            KeyKind::P256 => {
                Private::P256(Generate::try_generate_from_rng(rng).map_err(rng_error)?)
            }
            KeyKind::P384 => {
                Private::P384(Generate::try_generate_from_rng(rng).map_err(rng_error)?)
            }
            _ => Private::P521(Generate::try_generate_from_rng(rng).map_err(rng_error)?),
        })
    }

    pub(crate) fn kind(&self) -> KeyKind {
        match self {
            Private::P256(_) => KeyKind::P256,
            Private::P384(_) => KeyKind::P384,
            Private::P521(_) => KeyKind::P521,
        }
    }

    pub(crate) fn public(&self) -> Public {
        match self {
            Private::P256(key) => Public::P256(*key.verifying_key()),
            Private::P384(key) => Public::P384(*key.verifying_key()),
            Private::P521(key) => Public::P521(*key.verifying_key()),
        }
    }

    /// The raw `r || s` signature of `msg` with the curve's hash, RFC 6979
    /// deterministic; `alg` must be the curve's algorithm.
    pub(crate) fn sign(&self, alg: Algorithm, msg: &[u8]) -> Result<Vec<u8>, Error> {
        use p256::ecdsa::signature::Signer;
        if !self.kind().allows(alg) {
            return Err(Error::SigningFailed { alg });
        }
        let failed = |_| Error::SigningFailed { alg };
        Ok(match self {
            Private::P256(key) => Signer::<p256::ecdsa::Signature>::try_sign(key, msg)
                .map_err(failed)?
                .to_bytes()
                .to_vec(),
            Private::P384(key) => Signer::<p384::ecdsa::Signature>::try_sign(key, msg)
                .map_err(failed)?
                .to_bytes()
                .to_vec(),
            Private::P521(key) => Signer::<p521::ecdsa::Signature>::try_sign(key, msg)
                .map_err(failed)?
                .to_bytes()
                .to_vec(),
        })
    }

    /// PKCS#8 (`id-ecPublicKey` with the named curve; RFC 5915's body with the public
    /// key).
    pub(crate) fn to_pkcs8_der(&self) -> Result<SecretDocument, Error> {
        each_curve!(Private, self, key => key.to_pkcs8_der()).map_err(|_| Error::InvalidKey {
            format: "PKCS#8",
            reason: "cannot encode this EC key",
        })
    }
}

impl Public {
    /// An SPKI whose algorithm is `id-ecPublicKey` on `kind`'s curve.
    pub(crate) fn from_spki(
        spki: spki::SubjectPublicKeyInfoRef<'_>,
        kind: KeyKind,
    ) -> Result<Public, Error> {
        let invalid = |_| Error::InvalidKey {
            format: "SPKI",
            reason: "not a point on the key's curve",
        };
        match kind {
            KeyKind::P256 => p256::ecdsa::VerifyingKey::try_from(spki)
                .map(Public::P256)
                .map_err(invalid),
            KeyKind::P384 => p384::ecdsa::VerifyingKey::try_from(spki)
                .map(Public::P384)
                .map_err(invalid),
            _ => p521::ecdsa::VerifyingKey::try_from(spki)
                .map(Public::P521)
                .map_err(invalid),
        }
    }

    /// An EC public JWK: `crv`, `x` and `y` at the curve's full length, a point on it.
    pub(crate) fn from_jwk(jwk: &Jwk, kind: KeyKind) -> Result<Public, Error> {
        let len = field_len(kind);
        let mut point = Zeroizing::new(Vec::with_capacity(1 + 2 * len));
        point.push(0x04); // SEC1 §2.3.3: uncompressed, x then y
        point.extend_from_slice(&jwk.bytes("x", Some(len), COORDINATE)?);
        point.extend_from_slice(&jwk.bytes("y", Some(len), COORDINATE)?);
        let invalid = |_| Error::InvalidKey {
            format: "JWK",
            reason: "`x` and `y` are not a point on the curve",
        };
        match kind {
            KeyKind::P256 => p256::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .map(Public::P256)
                .map_err(invalid),
            KeyKind::P384 => p384::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .map(Public::P384)
                .map_err(invalid),
            _ => p521::ecdsa::VerifyingKey::from_sec1_bytes(&point)
                .map(Public::P521)
                .map_err(invalid),
        }
    }

    pub(crate) fn kind(&self) -> KeyKind {
        match self {
            Public::P256(_) => KeyKind::P256,
            Public::P384(_) => KeyKind::P384,
            Public::P521(_) => KeyKind::P521,
        }
    }

    /// The signature length: `r || s`, twice the field size.
    pub(crate) fn signature_len(&self) -> usize {
        2 * field_len(self.kind())
    }

    /// Whether `sig` (raw `r || s`, `r` and `s` in `[1, n - 1]`) is a valid signature of
    /// `msg` under the curve's algorithm `alg`.
    pub(crate) fn verify(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> bool {
        use p256::ecdsa::signature::Verifier;
        if !self.kind().allows(alg) || sig.len() != self.signature_len() {
            return false;
        }
        match self {
            Public::P256(key) => {
                p256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Public::P384(key) => {
                p384::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Public::P521(key) => {
                p521::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
        }
    }

    /// SPKI (`id-ecPublicKey`, the named curve, the uncompressed point).
    pub(crate) fn to_spki_der(&self) -> Result<Document, Error> {
        each_curve!(Public, self, key => key.to_public_key_der()).map_err(|_| Error::InvalidKey {
            format: "SPKI",
            reason: "cannot encode this EC key",
        })
    }

    /// RFC 7638's members: `{"crv":..,"kty":"EC","x":..,"y":..}`, coordinates at full
    /// length.
    pub(crate) fn jwk_members(&self) -> String {
        let point = each_curve!(Public, self, key => key.to_sec1_point(false).as_bytes().to_vec());
        let len = field_len(self.kind());
        let x = point.get(1..=len).unwrap_or_default();
        let y = point.get(1 + len..).unwrap_or_default();
        let crv = match self {
            Public::P256(_) => "P-256",
            Public::P384(_) => "P-384",
            Public::P521(_) => "P-521",
        };
        jwk::ec_members(crv, x, y)
    }
}
