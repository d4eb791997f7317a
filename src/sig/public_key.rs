//! [`PublicKey`]: a verifying key of any family, read from PEM or JWK, written as SPKI
//! PEM and as the RFC 7638 JWK with its thumbprint.

use alloc::string::String;
use core::fmt;

use der::Decode;

use super::jwk::{self, Jwk};
use super::pem::{self, Block};
use super::{der_error, oid};
use crate::{Algorithm, Error, KeyKind, KeyPolicy};

#[cfg(feature = "ecdsa")]
use super::ecdsa;
#[cfg(feature = "eddsa")]
use super::eddsa;
#[cfg(feature = "rsa")]
use super::rsa;

/// A public key for RS*/PS* (RSA), ES256/384/512 (P-256/384/521) or EdDSA (Ed25519):
/// what Membrane's workspace settings hold, and what
/// [`Verifier::with_public_key`](crate::Verifier::with_public_key) checks tokens with.
///
/// # Examples
///
/// ```
/// use membrane_token::{KeyKind, PublicKey};
///
/// // The public half of a published TEST key (../shared/vectors/asym-keys.json).
/// let pem = "-----BEGIN PUBLIC KEY-----
/// MCowBQYDK2VwAyEAwZ4RXAueKN4ID8xkeErv1TjkjxvQhbXnqO5DVVIhcTk=
/// -----END PUBLIC KEY-----";
/// let key = PublicKey::from_pem(pem)?;
/// assert_eq!(key.kind(), KeyKind::Ed25519);
/// assert_eq!(
///     key.to_jwk(),
///     r#"{"crv":"Ed25519","kty":"OKP","x":"wZ4RXAueKN4ID8xkeErv1TjkjxvQhbXnqO5DVVIhcTk"}"#
/// );
/// assert_eq!(key.thumbprint(), "Dn7Frt0OXUkvAC0x3BTVDln0Srcot0KgLrxr_9eNdl4");
/// # Ok::<(), membrane_token::Error>(())
/// ```
///
/// Two `PublicKey`s are equal when they hold the same key with the same restrictions
/// (an RSASSA-PSS marking, a JWK's `alg`).
#[derive(Clone, PartialEq, Eq)]
pub struct PublicKey {
    inner: Inner,
    /// The one algorithm the key's JWK `alg` names, if it names one.
    only: Option<Algorithm>,
}

#[derive(Clone, PartialEq, Eq)]
pub(crate) enum Inner {
    #[cfg(feature = "rsa")]
    Rsa(rsa::Public),
    #[cfg(feature = "ecdsa")]
    Ec(ecdsa::Public),
    #[cfg(feature = "eddsa")]
    Ed25519(eddsa::Public),
}

impl PublicKey {
    pub(crate) fn new(inner: Inner, only: Option<Algorithm>) -> PublicKey {
        PublicKey { inner, only }
    }

    /// Reads a public key from one PEM block: SPKI `PUBLIC KEY` (RSA, RSASSA-PSS, EC
    /// or Ed25519) or PKCS#1 `RSA PUBLIC KEY`.
    ///
    /// A private key is [`Error::ExpectedPublicKey`] (take
    /// [`PrivateKey::public_key`](crate::PrivateKey::public_key) instead), a
    /// certificate [`Error::CertificateNotKey`]; other labels, text around the block
    /// and unsupported key types are refused by name. Ed25519 keys that are
    /// small-order points or not canonically encoded are refused.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Error, KeyKind, PublicKey};
    ///
    /// let pem = "-----BEGIN PUBLIC KEY-----
    /// MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEPfkjb9pOK3tFvo2cwFWDcQqdMLme
    /// xVyKsmtX1IaYnwGzqzlCI1yXYD7DuOkpCwYyfkbx5Pe1IILBXFMo+QVaJg==
    /// -----END PUBLIC KEY-----";
    /// assert_eq!(PublicKey::from_pem(pem)?.kind(), KeyKind::P256);
    /// let private = "-----BEGIN PRIVATE KEY-----
    /// MC4CAQAwBQYDK2VwBCIEIIPk5jiBG4HA/KAclJHPEvLzFJyG/2ShZWe/WWn6d/Iq
    /// -----END PRIVATE KEY-----";
    /// assert_eq!(PublicKey::from_pem(private).err(), Some(Error::ExpectedPublicKey));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<PublicKey, Error> {
        let (block, der) = pem::decode(pem)?;
        let inner = match block {
            block if block.is_private() => return Err(Error::ExpectedPublicKey),
            Block::Spki => Inner::from_spki(&der)?,
            #[cfg(feature = "rsa")]
            Block::Pkcs1Public => Inner::Rsa(rsa::Public::from_pkcs1(&der, "PKCS#1", false)?),
            _ => return Err(not_enabled(KeyKind::Rsa)),
        };
        Ok(PublicKey { inner, only: None })
    }

    /// Reads a public JWK: `kty` RSA with `n` and `e`, `kty` EC with `crv`
    /// P-256/P-384/P-521, `x` and `y` (full length), or `kty` OKP with `crv` Ed25519
    /// and `x`.
    ///
    /// A JWK with a private member (`d`, `p`, ...) is refused
    /// ([`Error::JwkPrivateMember`]) rather than silently stripped: a private key in a
    /// place meant for a public one is a leak to report. `use` (if present) must be
    /// `"sig"`, `key_ops` must include `"verify"`, and `alg` pins the key to that
    /// algorithm; other members are ignored.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Error, PublicKey};
    ///
    /// let jwk = r#"{"kty":"EC","crv":"P-256",
    ///   "x":"Pfkjb9pOK3tFvo2cwFWDcQqdMLmexVyKsmtX1IaYnwE",
    ///   "y":"s6s5QiNcl2A-w7jpKQsGMn5G8eT3tSCCwVxTKPkFWiY"}"#;
    /// let key = PublicKey::from_jwk(jwk)?;
    /// assert_eq!(key.thumbprint(), "6DMIwXd3c6U73UlyECSATUJ_fBuT4dCk9y97URSwEe8");
    /// let with_d = jwk.replace("\"kty\"", "\"d\":\"qlsoVas1jfPx7d-QKtyhq5rXkH65gMnHr_c1CA_4EB8\",\"kty\"");
    /// assert_eq!(PublicKey::from_jwk(&with_d).err(), Some(Error::JwkPrivateMember { member: "d" }));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<PublicKey, Error> {
        let jwk = Jwk::parse(jwk)?;
        let kind = jwk.kind()?;
        enabled(kind)?;
        if let Some(member) = jwk.private_member() {
            return Err(Error::JwkPrivateMember { member });
        }
        let only = jwk.usage(kind, false)?;
        let inner = match kind {
            #[cfg(feature = "rsa")]
            KeyKind::Rsa => Inner::Rsa(rsa::Public::from_jwk(&jwk)?),
            #[cfg(feature = "ecdsa")]
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => {
                Inner::Ec(ecdsa::Public::from_jwk(&jwk, kind)?)
            }
            #[cfg(feature = "eddsa")]
            KeyKind::Ed25519 => Inner::Ed25519(eddsa::Public::from_jwk(&jwk)?),
            _ => return Err(not_enabled(kind)),
        };
        Ok(PublicKey { inner, only })
    }

    /// The key as an SPKI `PUBLIC KEY` PEM block, the form Membrane's workspace
    /// settings take (an RSASSA-PSS key keeps its `id-RSASSA-PSS` identifier).
    ///
    /// # Panics
    ///
    /// Never for a key this crate built: encoding a valid key cannot fail.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey, PublicKey};
    ///
    /// let public = PrivateKey::generate(Algorithm::Es256)?.public_key();
    /// let pem = public.to_pem();
    /// assert!(pem.starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// assert_eq!(PublicKey::from_pem(&pem)?, public);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn to_pem(&self) -> String {
        let der = match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.to_spki_der(),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.to_spki_der(),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(key) => key.to_spki_der(),
        };
        let pem = der.and_then(|der| pem::encode("PUBLIC KEY", der.as_bytes()));
        pem.expect("a valid key encodes as SPKI")
    }

    /// The key as a JWK holding exactly the members RFC 7638 §3.2 requires, in its
    /// lexicographic order and without whitespace: `{"e","kty","n"}` for RSA,
    /// `{"crv","kty","x","y"}` for EC (coordinates at the curve's full length),
    /// `{"crv","kty","x"}` for Ed25519. It is the input of [`PublicKey::thumbprint`].
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey, PublicKey};
    ///
    /// let public = PrivateKey::generate(Algorithm::Es256)?.public_key();
    /// let jwk = public.to_jwk();
    /// assert!(jwk.starts_with(r#"{"crv":"P-256","kty":"EC","x":""#));
    /// assert_eq!(PublicKey::from_jwk(&jwk)?, public);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn to_jwk(&self) -> String {
        match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.jwk_members(),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.jwk_members(),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(key) => key.jwk_members(),
        }
    }

    /// The key's RFC 7638 JWK thumbprint: base64url of the SHA-256 of
    /// [`PublicKey::to_jwk`]. A stable name for the key, fit for a token's `kid`.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey};
    ///
    /// let public = PrivateKey::generate(Algorithm::EdDsa)?.public_key();
    /// assert_eq!(public.thumbprint().len(), 43); // 32 bytes, base64url
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn thumbprint(&self) -> String {
        jwk::thumbprint(&self.to_jwk())
    }

    /// Checks one JWS signature: whether `signature` (the decoded bytes of a token's
    /// third segment) is a valid `alg` signature of `signing_input` under this key.
    ///
    /// This is the step [`Verifier`](crate::Verifier) runs for each of its public keys
    /// once the token's structure is checked; it is public for callers that hold a
    /// detached signature, and so that known-answer suites exercise the exact code
    /// tokens go through. The pairing of key and algorithm is checked first, under
    /// the default [`KeyPolicy`] (an RSA key below 2048 bits is refused here).
    ///
    /// # Errors
    ///
    /// [`Error::KeyMismatch`], [`Error::KeyRestricted`], [`Error::WeakRsaKey`] and the
    /// other refusals of a key/algorithm pair; [`Error::SignatureLength`] for a
    /// signature of the wrong size (a DER-encoded ECDSA signature, say);
    /// [`Error::InvalidSignature`] for one that does not verify.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, PrivateKey};
    ///
    /// let key = PrivateKey::generate(Algorithm::Es256)?;
    /// let public = key.public_key();
    /// let workspace = membrane_token::Workspace::with_private_key("ws", key, Algorithm::Es256)?;
    /// let token = workspace.sign_raw(br#"{"alg":"ES256"}"#, b"{}");
    /// let (input, signature) = token.rsplit_once('.').unwrap_or_default();
    /// let signature = base64_decode(signature);
    /// assert_eq!(signature.len(), 64); // JOSE r || s, never DER
    /// assert_eq!(public.verify_signature(Algorithm::Es256, input.as_bytes(), &signature), Ok(()));
    /// assert_eq!(
    ///     public.verify_signature(Algorithm::Es256, b"other input", &signature),
    ///     Err(Error::InvalidSignature)
    /// );
    /// # fn base64_decode(text: &str) -> Vec<u8> {
    /// #     use base64::Engine;
    /// #     base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(text).unwrap_or_default()
    /// # }
    /// # Ok::<(), Error>(())
    /// ```
    pub fn verify_signature(
        &self,
        alg: Algorithm,
        signing_input: &[u8],
        signature: &[u8],
    ) -> Result<(), Error> {
        self.check_use(alg, KeyPolicy::Rfc7518)?;
        let expected = self.signature_len();
        if signature.len() != expected {
            return Err(Error::SignatureLength {
                alg,
                len: signature.len(),
                expected,
            });
        }
        if self.verify(alg, signing_input, signature) {
            Ok(())
        } else {
            Err(Error::InvalidSignature)
        }
    }

    /// The kind of key: which algorithms it verifies ([`KeyKind::algorithms`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, KeyKind, PrivateKey};
    ///
    /// let public = PrivateKey::generate(Algorithm::Es384)?.public_key();
    /// assert_eq!(public.kind(), KeyKind::P384);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn kind(&self) -> KeyKind {
        match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.kind(),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.kind(),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(_) => KeyKind::Ed25519,
        }
    }

    /// Whether this key may be used with `alg` in this build under `policy`: the
    /// algorithm's feature, the key's kind, its JWK `alg`, and for RSA the size and
    /// exponent rules. Checked whenever a key is paired with an algorithm, for signing
    /// and verifying alike.
    pub(crate) fn check_use(&self, alg: Algorithm, policy: KeyPolicy) -> Result<(), Error> {
        if let (false, Some(feature)) = (alg.is_enabled(), alg.feature()) {
            return Err(Error::AlgorithmNotEnabled { alg, feature });
        }
        let kind = self.kind();
        if !kind.allows(alg) {
            return Err(Error::KeyMismatch { alg, key: kind });
        }
        if let Some(only) = self.only.filter(|only| *only != alg) {
            return Err(Error::KeyRestricted { alg, only });
        }
        match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.check_policy(alg, policy),
            #[allow(unreachable_patterns)]
            _ => {
                let _ = policy;
                Ok(())
            }
        }
    }

    /// The length of every signature this key verifies.
    pub(crate) fn signature_len(&self) -> usize {
        match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.signature_len(),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.signature_len(),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(_) => 64,
        }
    }

    /// Whether `sig` is a valid `alg` signature of `msg` under this key. An algorithm
    /// the key does not allow is `false` here too, whatever the signature.
    pub(crate) fn verify(&self, alg: Algorithm, msg: &[u8], sig: &[u8]) -> bool {
        if self.only.is_some_and(|only| only != alg) || !self.kind().allows(alg) {
            return false;
        }
        match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.verify(alg, msg, sig),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.verify(alg, msg, sig),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(key) => key.verify(alg, msg, sig),
        }
    }
}

impl Inner {
    /// An SPKI of any type, dispatched on its algorithm identifier.
    fn from_spki(der: &[u8]) -> Result<Inner, Error> {
        let spki = spki::SubjectPublicKeyInfoRef::from_der(der).map_err(der_error("SPKI"))?;
        let kind = oid::key_kind(&spki.algorithm)?;
        enabled(kind)?;
        Ok(match kind {
            #[cfg(feature = "rsa")]
            KeyKind::Rsa | KeyKind::RsaPss => {
                Inner::Rsa(rsa::Public::from_spki(&spki, kind == KeyKind::RsaPss)?)
            }
            #[cfg(feature = "ecdsa")]
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => {
                Inner::Ec(ecdsa::Public::from_spki(spki, kind)?)
            }
            #[cfg(feature = "eddsa")]
            KeyKind::Ed25519 => Inner::Ed25519(eddsa::Public::from_spki(spki)?),
            _ => return Err(not_enabled(kind)),
        })
    }
}

/// Refuses a key whose family is compiled out.
pub(crate) fn enabled(kind: KeyKind) -> Result<(), Error> {
    if kind.is_enabled() {
        Ok(())
    } else {
        Err(not_enabled(kind))
    }
}

/// The error for a key of `kind` in a build without its family.
pub(crate) fn not_enabled(kind: KeyKind) -> Error {
    let (key, feature) = match kind {
        KeyKind::Rsa | KeyKind::RsaPss => ("an RSA key", "rsa"),
        KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => ("an EC key", "ecdsa"),
        KeyKind::Ed25519 | KeyKind::Secret => ("an Ed25519 key", "eddsa"),
    };
    Error::KeyTypeNotEnabled { key, feature }
}

impl fmt::Debug for PublicKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut out = f.debug_struct("PublicKey");
        out.field("kind", &self.kind());
        #[cfg(feature = "rsa")]
        #[allow(irrefutable_let_patterns)]
        if let Inner::Rsa(key) = &self.inner {
            out.field("bits", &key.bits());
        }
        out.field("thumbprint", &self.thumbprint()).finish()
    }
}
