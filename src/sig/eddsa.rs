//! EdDSA with Ed25519 (RFC 8037, RFC 8032 §5.1), through `ed25519-dalek` 3.
//!
//! Chosen over `ed25519-compact` for being of the RustCrypto generation the rest of the
//! crate uses (`signature` 3, `pkcs8` 0.11, `sha2` 0.11: no second copy of any of
//! them), for `ZeroizeOnDrop` signing keys, and for `verify_strict`, which refuses
//! small-order public keys and `R` values and non-canonical `S` (RFC 8032 §5.1.7's
//! checks plus the malleability ones). Public keys are also refused on loading when
//! they are small-order points or not the canonical encoding of their point.
//! Signing is deterministic by construction: the same key and input give the same
//! token as every other RFC 8032 implementation.

use alloc::string::String;
use alloc::vec::Vec;

use der::{Document, SecretDocument};
use ed25519_dalek::pkcs8::KeypairBytes;
use ed25519_dalek::{Signature, Signer, SigningKey, VerifyingKey};
use pkcs8::{EncodePrivateKey, EncodePublicKey};
use zeroize::Zeroizing;

use super::jwk::{self, Jwk};
use crate::{Algorithm, Error};

/// An Ed25519 private key (the 32-byte seed and its expanded form, wiped on drop).
pub(crate) struct Private(SigningKey);

/// An Ed25519 public key, a canonical point of large order.
#[derive(Clone, PartialEq, Eq)]
pub(crate) struct Public(VerifyingKey);

const KEY_LEN: &str = "32 bytes";

impl Private {
    /// A PKCS#8 (RFC 8410) `PrivateKeyInfo` for id-Ed25519; a v2 key's public key must
    /// be the seed's.
    pub(crate) fn from_pkcs8(info: pkcs8::PrivateKeyInfoRef<'_>) -> Result<Private, Error> {
        SigningKey::try_from(info)
            .map(Private)
            .map_err(|_| Error::InvalidKey {
                format: "PKCS#8",
                reason: "not a valid Ed25519 private key (or its public key differs)",
            })
    }

    /// An OKP private JWK (RFC 8037 §2): `crv` Ed25519, `x` and the seed `d`; `x` must
    /// be `d`'s public key.
    pub(crate) fn from_jwk(jwk: &Jwk) -> Result<Private, Error> {
        let d = jwk.secret("d", Some(32), KEY_LEN)?;
        let public = Public::from_jwk(jwk)?;
        let mut seed = Zeroizing::new([0u8; 32]);
        seed.iter_mut().zip(d.iter()).for_each(|(s, b)| *s = *b);
        let private = Private(SigningKey::from_bytes(&seed));
        if private.public() != public {
            return Err(Error::InvalidKey {
                format: "JWK",
                reason: "`x` is not the public key of `d`",
            });
        }
        Ok(private)
    }

    /// A new key from 32 bytes of the OS RNG.
    #[cfg(feature = "std")]
    pub(crate) fn generate() -> Result<Private, Error> {
        let mut seed = Zeroizing::new([0u8; 32]);
        super::rng::fill(seed.as_mut_slice())?;
        Ok(Private(SigningKey::from_bytes(&seed)))
    }

    pub(crate) fn public(&self) -> Public {
        Public(self.0.verifying_key())
    }

    /// The RFC 8032 signature of `msg`.
    pub(crate) fn sign(&self, alg: Algorithm, msg: &[u8]) -> Result<Vec<u8>, Error> {
        if alg != Algorithm::EdDsa {
            return Err(Error::SigningFailed { alg });
        }
        Ok(self.0.sign(msg).to_bytes().to_vec())
    }

    /// PKCS#8 v1 (RFC 8410 §7): the seed only, byte for byte what OpenSSL writes
    /// (ed25519-dalek's own encoder writes v2, with the public key, which some readers
    /// refuse).
    pub(crate) fn to_pkcs8_der(&self) -> Result<SecretDocument, Error> {
        let seed_only = KeypairBytes {
            secret_key: self.0.to_bytes(),
            public_key: None,
        };
        seed_only.to_pkcs8_der().map_err(|_| Error::InvalidKey {
            format: "PKCS#8",
            reason: "cannot encode this Ed25519 key",
        })
    }
}

impl Public {
    /// An SPKI for id-Ed25519.
    pub(crate) fn from_spki(spki: spki::SubjectPublicKeyInfoRef<'_>) -> Result<Public, Error> {
        let key = VerifyingKey::try_from(spki).map_err(|_| Error::InvalidKey {
            format: "SPKI",
            reason: "not an Ed25519 public key",
        })?;
        Public::checked(key, "SPKI")
    }

    /// An OKP public JWK: `crv` Ed25519 and the 32-byte `x`.
    pub(crate) fn from_jwk(jwk: &Jwk) -> Result<Public, Error> {
        let x = jwk.bytes("x", Some(32), KEY_LEN)?;
        let mut bytes = [0u8; 32];
        bytes.iter_mut().zip(&x).for_each(|(b, x)| *b = *x);
        let key = VerifyingKey::from_bytes(&bytes).map_err(|_| Error::InvalidKey {
            format: "JWK",
            reason: "`x` is not an Ed25519 point",
        })?;
        Public::checked(key, "JWK")
    }

    /// Refuses small-order points (a signature under one verifies for many messages)
    /// and non-canonical encodings (two encodings of one key would have two
    /// thumbprints).
    fn checked(key: VerifyingKey, format: &'static str) -> Result<Public, Error> {
        if key.is_weak() {
            return Err(Error::InvalidKey {
                format,
                reason: "the Ed25519 public key is a small-order point",
            });
        }
        if key.to_edwards().compress().to_bytes() != key.to_bytes() {
            return Err(Error::InvalidKey {
                format,
                reason: "the Ed25519 public key is not canonically encoded",
            });
        }
        Ok(Public(key))
    }

    /// Whether `sig` is a valid EdDSA signature of `msg`, by `verify_strict`.
    pub(crate) fn verify(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> bool {
        let Ok(bytes) = <&[u8; 64]>::try_from(sig) else {
            return false;
        };
        alg == Algorithm::EdDsa
            && self
                .0
                .verify_strict(msg, &Signature::from_bytes(bytes))
                .is_ok()
    }

    /// SPKI (RFC 8410 §4).
    pub(crate) fn to_spki_der(&self) -> Result<Document, Error> {
        self.0.to_public_key_der().map_err(|_| Error::InvalidKey {
            format: "SPKI",
            reason: "cannot encode this Ed25519 key",
        })
    }

    /// RFC 7638's members (RFC 8037 §2): `{"crv":"Ed25519","kty":"OKP","x":..}`.
    pub(crate) fn jwk_members(&self) -> String {
        jwk::okp_members("Ed25519", self.0.as_bytes())
    }
}
