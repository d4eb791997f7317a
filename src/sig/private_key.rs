//! [`PrivateKey`]: a signing key of any family, read from PEM or JWK or generated.
//!
//! The type of the key, read from its encoding, fixes the algorithms it signs:
//! [`KeyKind::algorithms`]. Nothing about the key is taken from a token.

use alloc::string::String;
use core::fmt;

use der::Decode;
use zeroize::Zeroizing;

use super::jwk::Jwk;
use super::pem::{self, Block};
use super::public_key::{self, PublicKey};
use super::{der_error, oid};
use crate::{Algorithm, Error, KeyKind};

#[cfg(feature = "ecdsa")]
use super::ecdsa;
#[cfg(feature = "eddsa")]
use super::eddsa;
#[cfg(feature = "rsa")]
use super::rsa;

/// A private key for RS*/PS* (RSA), ES256/384/512 (P-256/384/521) or EdDSA (Ed25519).
///
/// Read one with [`PrivateKey::from_pem`] or [`PrivateKey::from_jwk`], or make one
/// with [`PrivateKey::generate`]; give it to
/// [`Workspace::with_private_key`](crate::Workspace::with_private_key) to sign, and its
/// [`public_key`](PrivateKey::public_key) to Membrane.
///
/// The key material stays in the RustCrypto key types, which wipe it on drop
/// (`ZeroizeOnDrop`); `Debug` shows only the key's kind. It is not `Clone`: a
/// workspace shares its key between its copies rather than copying it.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, KeyKind, PrivateKey};
///
/// // A published TEST key (../shared/vectors/asym-keys.json), never for real use.
/// let pem = "-----BEGIN PRIVATE KEY-----
/// MC4CAQAwBQYDK2VwBCIEIIPk5jiBG4HA/KAclJHPEvLzFJyG/2ShZWe/WWn6d/Iq
/// -----END PRIVATE KEY-----";
/// let key = PrivateKey::from_pem(pem)?;
/// assert_eq!(key.kind(), KeyKind::Ed25519);
/// assert_eq!(format!("{key:?}"), "PrivateKey { kind: Ed25519, .. }");
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub struct PrivateKey {
    inner: Inner,
    /// The one algorithm the key's JWK `alg` names, if it names one.
    only: Option<Algorithm>,
}

enum Inner {
    #[cfg(feature = "rsa")]
    Rsa(rsa::Private),
    #[cfg(feature = "ecdsa")]
    Ec(ecdsa::Private),
    #[cfg(feature = "eddsa")]
    Ed25519(eddsa::Private),
}

impl PrivateKey {
    /// Reads a private key from one PEM block: PKCS#8 `PRIVATE KEY` (RSA, RSASSA-PSS,
    /// EC or Ed25519), PKCS#1 `RSA PRIVATE KEY` or SEC1 `EC PRIVATE KEY` (with its
    /// curve).
    ///
    /// Refused, each with its own error: an encrypted key ([`Error::EncryptedKey`]), a
    /// certificate ([`Error::CertificateNotKey`]), a public key
    /// ([`Error::ExpectedPrivateKey`]), any other label, text around the block, and a
    /// key of a type this crate does not implement ([`Error::UnsupportedKey`]) or whose
    /// feature is off ([`Error::KeyTypeNotEnabled`]). The decoded DER is wiped after
    /// parsing; `pem` itself is the caller's to wipe.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Error, KeyKind, PrivateKey};
    ///
    /// let sec1 = "-----BEGIN EC PRIVATE KEY-----
    /// MHcCAQEEIKpbKFWrNY3z8e3fkCrcoaua15B+uYDJx6/3NQgP+BAfoAoGCCqGSM49
    /// AwEHoUQDQgAEPfkjb9pOK3tFvo2cwFWDcQqdMLmexVyKsmtX1IaYnwGzqzlCI1yX
    /// YD7DuOkpCwYyfkbx5Pe1IILBXFMo+QVaJg==
    /// -----END EC PRIVATE KEY-----";
    /// assert_eq!(PrivateKey::from_pem(sec1)?.kind(), KeyKind::P256);
    ///
    /// let public = "-----BEGIN PUBLIC KEY-----
    /// MCowBQYDK2VwAyEAwZ4RXAueKN4ID8xkeErv1TjkjxvQhbXnqO5DVVIhcTk=
    /// -----END PUBLIC KEY-----";
    /// assert_eq!(PrivateKey::from_pem(public).err(), Some(Error::ExpectedPrivateKey));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_pem(pem: &str) -> Result<PrivateKey, Error> {
        let (block, der) = pem::decode(pem)?;
        let inner = match block {
            Block::Spki | Block::Pkcs1Public => return Err(Error::ExpectedPrivateKey),
            Block::Pkcs8 => Inner::from_pkcs8(&der)?,
            #[cfg(feature = "rsa")]
            Block::Pkcs1Private => Inner::Rsa(rsa::Private::from_pkcs1(&der, "PKCS#1", false)?),
            #[cfg(feature = "ecdsa")]
            Block::Sec1 => Inner::Ec(ecdsa::Private::from_sec1(&der)?),
            #[allow(unreachable_patterns)]
            block => return Err(block_not_enabled(block)),
        };
        Ok(PrivateKey { inner, only: None })
    }

    /// Reads a private JWK (RFC 7517/7518/8037): `kty` RSA with `n`, `e`, `d`, `p`,
    /// `q`, `dp`, `dq`, `qi`; `kty` EC with `crv` P-256/P-384/P-521, `x`, `y`, `d`;
    /// or `kty` OKP with `crv` Ed25519, `x`, `d`.
    ///
    /// Every binary member must be canonical unpadded base64url of its exact size, the
    /// public members must be those of `d`, RSA's CRT members must agree with its
    /// primes, and duplicate members are refused. `use` (if present) must be `"sig"`,
    /// `key_ops` must include `"sign"`, and `alg` pins the key to that one algorithm.
    /// Members this crate does not use (`kid`, ...) are ignored. The parsed JSON is
    /// wiped after use.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Error, KeyKind, PrivateKey};
    ///
    /// let jwk = r#"{"crv":"Ed25519","kty":"OKP",
    ///   "x":"wZ4RXAueKN4ID8xkeErv1TjkjxvQhbXnqO5DVVIhcTk",
    ///   "d":"g-TmOIEbgcD8oByUkc8S8vMUnIb_ZKFlZ79Zafp38io"}"#;
    /// assert_eq!(PrivateKey::from_jwk(jwk)?.kind(), KeyKind::Ed25519);
    /// let public_only = r#"{"crv":"Ed25519","kty":"OKP",
    ///   "x":"wZ4RXAueKN4ID8xkeErv1TjkjxvQhbXnqO5DVVIhcTk"}"#;
    /// assert_eq!(PrivateKey::from_jwk(public_only).err(), Some(Error::ExpectedPrivateKey));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn from_jwk(jwk: &str) -> Result<PrivateKey, Error> {
        let jwk = Jwk::parse(jwk)?;
        let kind = jwk.kind()?;
        public_key::enabled(kind)?;
        if !jwk.has("d") {
            return Err(Error::ExpectedPrivateKey);
        }
        let only = jwk.usage(kind, true)?;
        let inner = match kind {
            #[cfg(feature = "rsa")]
            KeyKind::Rsa => Inner::Rsa(rsa::Private::from_jwk(&jwk)?),
            #[cfg(feature = "ecdsa")]
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => {
                Inner::Ec(ecdsa::Private::from_jwk(&jwk, kind)?)
            }
            #[cfg(feature = "eddsa")]
            KeyKind::Ed25519 => Inner::Ed25519(eddsa::Private::from_jwk(&jwk)?),
            _ => return Err(public_key::not_enabled(kind)),
        };
        Ok(PrivateKey { inner, only })
    }

    /// A new key for `alg` from the operating system's random number generator: RSA
    /// of 2048 bits for RS256/PS256, 3072 for RS384/PS384 and 4096 for RS512/PS512
    /// (e = 65537), the curve's key for ES*, an Ed25519 key for EdDSA.
    ///
    /// HMAC algorithms sign with a shared secret, not a private key
    /// ([`Error::UnsupportedKey`]). RSA generation takes seconds for 4096 bits.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, KeyKind, PrivateKey};
    ///
    /// let key = PrivateKey::generate(Algorithm::Es256)?;
    /// assert_eq!(key.kind(), KeyKind::P256);
    /// assert_ne!(key.public_key(), PrivateKey::generate(Algorithm::Es256)?.public_key());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    #[cfg(feature = "std")]
    pub fn generate(alg: Algorithm) -> Result<PrivateKey, Error> {
        let kind = alg.key_kind();
        if kind == KeyKind::Secret {
            return Err(Error::UnsupportedKey {
                what: "a private key for HS256/384/512, which sign with a shared secret \
                       (random bytes for Workspace::new)",
            });
        }
        if let (false, Some(feature)) = (alg.is_enabled(), alg.feature()) {
            return Err(Error::AlgorithmNotEnabled { alg, feature });
        }
        let inner = match alg {
            #[cfg(feature = "rsa")]
            Algorithm::Rs256 | Algorithm::Ps256 => Inner::Rsa(rsa::Private::generate(2048)?),
            #[cfg(feature = "rsa")]
            Algorithm::Rs384 | Algorithm::Ps384 => Inner::Rsa(rsa::Private::generate(3072)?),
            #[cfg(feature = "rsa")]
            Algorithm::Rs512 | Algorithm::Ps512 => Inner::Rsa(rsa::Private::generate(4096)?),
            #[cfg(feature = "ecdsa")]
            Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512 => {
                Inner::Ec(ecdsa::Private::generate(kind)?)
            }
            #[cfg(feature = "eddsa")]
            Algorithm::EdDsa => Inner::Ed25519(eddsa::Private::generate()?),
            _ => return Err(public_key::not_enabled(kind)),
        };
        Ok(PrivateKey { inner, only: None })
    }

    /// A new RSA key of `bits` (2048, 3072 or 4096; anything else is
    /// [`Error::UnsupportedRsaSize`]) with e = 65537, from the operating system's
    /// random number generator. It signs RS* and PS* alike.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Error, PrivateKey};
    ///
    /// assert_eq!(
    ///     PrivateKey::generate_rsa(1024).err(),
    ///     Some(Error::UnsupportedRsaSize { bits: 1024 })
    /// );
    /// ```
    #[cfg(feature = "std")]
    pub fn generate_rsa(bits: usize) -> Result<PrivateKey, Error> {
        #[cfg(feature = "rsa")]
        {
            let inner = Inner::Rsa(rsa::Private::generate(bits)?);
            Ok(PrivateKey { inner, only: None })
        }
        #[cfg(not(feature = "rsa"))]
        {
            let _ = bits;
            Err(public_key::not_enabled(KeyKind::Rsa))
        }
    }

    /// The key's public half, to verify its tokens and to register with Membrane.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey};
    ///
    /// let key = PrivateKey::generate(Algorithm::EdDsa)?;
    /// assert!(key.public_key().to_pem().starts_with("-----BEGIN PUBLIC KEY-----\n"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn public_key(&self) -> PublicKey {
        let inner = match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => public_key::Inner::Rsa(key.public()),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => public_key::Inner::Ec(key.public()),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(key) => public_key::Inner::Ed25519(key.public()),
        };
        PublicKey::new(inner, self.only)
    }

    /// The key as a PKCS#8 `PRIVATE KEY` PEM block (an RSASSA-PSS key keeps its
    /// `id-RSASSA-PSS` identifier; a JWK's `alg` is not kept), in zeroizing memory.
    ///
    /// # Panics
    ///
    /// Never for a key this crate built: encoding a valid key cannot fail.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey};
    ///
    /// let key = PrivateKey::generate(Algorithm::Es384)?;
    /// let pem = key.to_pem();
    /// assert!(pem.starts_with("-----BEGIN PRIVATE KEY-----\n"));
    /// assert_eq!(PrivateKey::from_pem(&pem)?.public_key(), key.public_key());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn to_pem(&self) -> Zeroizing<String> {
        let der = match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.to_pkcs8_der(),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.to_pkcs8_der(),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(key) => key.to_pkcs8_der(),
        };
        let pem = der.and_then(|der| pem::encode("PRIVATE KEY", der.as_bytes()));
        Zeroizing::new(pem.expect("a valid key encodes as PKCS#8"))
    }

    /// The kind of key: which algorithms it signs ([`KeyKind::algorithms`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, KeyKind, PrivateKey};
    ///
    /// let key = PrivateKey::generate(Algorithm::Es512)?;
    /// assert_eq!(key.kind(), KeyKind::P521);
    /// assert_eq!(key.kind().algorithms(), &[Algorithm::Es512]);
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

    /// Refuses what this key cannot sign in this build: RSA without the OS RNG.
    pub(crate) fn check_signing(&self, alg: Algorithm) -> Result<(), Error> {
        if alg.is_rsa() && !super::rng::AVAILABLE {
            return Err(Error::RngRequired { alg });
        }
        Ok(())
    }

    /// The signature of `msg` under `alg`, which the caller has checked this key allows.
    pub(crate) fn sign(&self, alg: Algorithm, msg: &[u8]) -> Result<alloc::vec::Vec<u8>, Error> {
        match &self.inner {
            #[cfg(feature = "rsa")]
            Inner::Rsa(key) => key.sign(alg, msg),
            #[cfg(feature = "ecdsa")]
            Inner::Ec(key) => key.sign(alg, msg),
            #[cfg(feature = "eddsa")]
            Inner::Ed25519(key) => key.sign(alg, msg),
        }
    }
}

impl Inner {
    /// A PKCS#8 `PrivateKeyInfo` of any type, dispatched on its algorithm identifier.
    fn from_pkcs8(der: &[u8]) -> Result<Inner, Error> {
        let info = pkcs8::PrivateKeyInfoRef::from_der(der).map_err(der_error("PKCS#8"))?;
        let kind = oid::key_kind(&info.algorithm)?;
        public_key::enabled(kind)?;
        Ok(match kind {
            #[cfg(feature = "rsa")]
            KeyKind::Rsa | KeyKind::RsaPss => {
                Inner::Rsa(rsa::Private::from_pkcs8(&info, kind == KeyKind::RsaPss)?)
            }
            #[cfg(feature = "ecdsa")]
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => {
                Inner::Ec(ecdsa::Private::from_pkcs8(info, kind)?)
            }
            #[cfg(feature = "eddsa")]
            KeyKind::Ed25519 => Inner::Ed25519(eddsa::Private::from_pkcs8(info)?),
            _ => return Err(public_key::not_enabled(kind)),
        })
    }
}

/// The error for a PEM block whose family is compiled out.
#[allow(dead_code)]
fn block_not_enabled(block: Block) -> Error {
    match block {
        Block::Sec1 => Error::KeyTypeNotEnabled {
            key: "an EC key",
            feature: "ecdsa",
        },
        _ => public_key::not_enabled(KeyKind::Rsa),
    }
}

impl fmt::Debug for PrivateKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PrivateKey")
            .field("kind", &self.kind())
            .finish_non_exhaustive()
    }
}
