//! The JWS algorithms (RFC 7518 §3): the three HMACs, and the public-key signatures
//! RSASSA-PKCS1-v1_5, RSASSA-PSS, ECDSA and EdDSA (RFC 8037), and the kinds of key each
//! one needs.
//!
//! The set is closed and every variant exists in every build; an asymmetric algorithm
//! whose family (cargo feature `rsa`, `ecdsa` or `eddsa`) is compiled out is refused
//! with [`Error::AlgorithmNotEnabled`](crate::Error::AlgorithmNotEnabled) when a key is
//! paired with it, never silently.

use core::fmt;
use core::str::FromStr;

/// A JWS algorithm. The set is closed: these thirteen and nothing else.
///
/// # Examples
///
/// ```
/// use membrane_token::Algorithm;
///
/// assert_eq!(Algorithm::default(), Algorithm::Hs512);
/// // Configuration text in any case; token headers are matched exactly (`from_name`).
/// let alg: Algorithm = "hs256".parse().unwrap();
/// assert_eq!(alg, Algorithm::Hs256);
/// assert_eq!(alg.to_string(), "HS256");
/// assert_eq!("eddsa".parse::<Algorithm>(), Ok(Algorithm::EdDsa));
/// assert_eq!(Algorithm::EdDsa.to_string(), "EdDSA");
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Algorithm {
    /// HMAC with SHA-256.
    Hs256,
    /// HMAC with SHA-384.
    Hs384,
    /// HMAC with SHA-512, the one Membrane's docs recommend and so the default.
    #[default]
    Hs512,
    /// RSASSA-PKCS1-v1_5 with SHA-256 (RFC 7518 §3.3).
    Rs256,
    /// RSASSA-PKCS1-v1_5 with SHA-384.
    Rs384,
    /// RSASSA-PKCS1-v1_5 with SHA-512.
    Rs512,
    /// RSASSA-PSS with SHA-256, MGF1 with SHA-256 and a 32-byte salt (RFC 7518 §3.5).
    Ps256,
    /// RSASSA-PSS with SHA-384, MGF1 with SHA-384 and a 48-byte salt.
    Ps384,
    /// RSASSA-PSS with SHA-512, MGF1 with SHA-512 and a 64-byte salt.
    Ps512,
    /// ECDSA on P-256 with SHA-256, signature `r || s` of 64 bytes (RFC 7518 §3.4).
    Es256,
    /// ECDSA on P-384 with SHA-384, signature `r || s` of 96 bytes.
    Es384,
    /// ECDSA on P-521 with SHA-512, signature `r || s` of 132 bytes.
    Es512,
    /// EdDSA with Ed25519 (RFC 8037 §3.1, RFC 8032 §5.1), 64-byte signature.
    EdDsa,
}

impl Algorithm {
    /// All thirteen: the HMACs shortest MAC first, then RS, PS, ES and EdDSA.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert_eq!(Algorithm::ALL.len(), 13);
    /// assert_eq!(Algorithm::ALL.iter().filter(|a| a.is_hmac()).count(), 3);
    /// ```
    pub const ALL: [Algorithm; 13] = [
        Algorithm::Hs256,
        Algorithm::Hs384,
        Algorithm::Hs512,
        Algorithm::Rs256,
        Algorithm::Rs384,
        Algorithm::Rs512,
        Algorithm::Ps256,
        Algorithm::Ps384,
        Algorithm::Ps512,
        Algorithm::Es256,
        Algorithm::Es384,
        Algorithm::Es512,
        Algorithm::EdDsa,
    ];

    /// The three HMAC algorithms, shortest MAC first: the ones a shared secret signs.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// // SHA-256, SHA-384 and SHA-512 output 32, 48 and 64 bytes (FIPS 180-4).
    /// assert_eq!(Algorithm::HMAC.map(Algorithm::output_len), [32, 48, 64]);
    /// assert_eq!(Algorithm::HMAC.map(Algorithm::name), ["HS256", "HS384", "HS512"]);
    /// ```
    pub const HMAC: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];

    /// The `alg` header value (RFC 7518 §3.1): `"HS256"`, `"RS256"`, `"EdDSA"`, ...
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert_eq!(Algorithm::Hs384.name(), "HS384");
    /// assert_eq!(Algorithm::Ps512.name(), "PS512");
    /// for alg in Algorithm::ALL {
    ///     assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
    /// }
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
            Algorithm::Rs256 => "RS256",
            Algorithm::Rs384 => "RS384",
            Algorithm::Rs512 => "RS512",
            Algorithm::Ps256 => "PS256",
            Algorithm::Ps384 => "PS384",
            Algorithm::Ps512 => "PS512",
            Algorithm::Es256 => "ES256",
            Algorithm::Es384 => "ES384",
            Algorithm::Es512 => "ES512",
            Algorithm::EdDsa => "EdDSA",
        }
    }

    /// The output length in bytes of the algorithm's hash: 32 for SHA-256, 48 for
    /// SHA-384, 64 for SHA-512, and 64 for EdDSA (Ed25519 hashes with SHA-512).
    ///
    /// For HMAC this is also the MAC length and, by RFC 7518 §3.2, the minimum secret
    /// length; for PS* it is the salt length. It is not the signature length of an
    /// asymmetric algorithm (an RSA signature is as long as the modulus).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, KeyKind, Workspace};
    ///
    /// assert_eq!(Algorithm::Hs512.output_len(), 64);
    /// assert_eq!(Algorithm::Es384.output_len(), 48);
    /// // A 32-byte secret is enough for HS256 but not for HS512.
    /// let secret = [7u8; 32];
    /// assert!(Workspace::new("ws_7f3c2a9e", &secret, Algorithm::Hs256).is_ok());
    /// let err = Workspace::new("ws_7f3c2a9e", &secret, Algorithm::Hs512).unwrap_err();
    /// assert_eq!(err, Error::WeakKey { alg: Algorithm::Hs512, len: 32, min: 64 });
    /// ```
    pub const fn output_len(self) -> usize {
        match self {
            Algorithm::Hs256 | Algorithm::Rs256 | Algorithm::Ps256 | Algorithm::Es256 => 32,
            Algorithm::Hs384 | Algorithm::Rs384 | Algorithm::Ps384 | Algorithm::Es384 => 48,
            Algorithm::Hs512
            | Algorithm::Rs512
            | Algorithm::Ps512
            | Algorithm::Es512
            | Algorithm::EdDsa => 64,
        }
    }

    /// Whether this is one of the three HMAC algorithms, signed with a shared secret.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert!(Algorithm::Hs256.is_hmac());
    /// assert!(!Algorithm::Rs256.is_hmac());
    /// ```
    pub const fn is_hmac(self) -> bool {
        matches!(self, Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512)
    }

    /// Whether this is a public-key signature (RS*, PS*, ES*, EdDSA).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert!(Algorithm::EdDsa.is_asymmetric());
    /// assert!(!Algorithm::Hs512.is_asymmetric());
    /// ```
    pub const fn is_asymmetric(self) -> bool {
        !self.is_hmac()
    }

    /// Whether this is an RSA signature, PKCS#1 v1.5 (RS*) or PSS (PS*).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert!(Algorithm::Ps384.is_rsa() && Algorithm::Rs256.is_rsa());
    /// assert!(!Algorithm::Es256.is_rsa());
    /// ```
    pub const fn is_rsa(self) -> bool {
        matches!(
            self,
            Algorithm::Rs256
                | Algorithm::Rs384
                | Algorithm::Rs512
                | Algorithm::Ps256
                | Algorithm::Ps384
                | Algorithm::Ps512
        )
    }

    /// Whether this is RSASSA-PSS (PS*), the only RSA algorithms an RSASSA-PSS key
    /// (`id-RSASSA-PSS` in its PKCS#8 or SPKI) may be used with.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert!(Algorithm::Ps256.is_pss());
    /// assert!(!Algorithm::Rs256.is_pss());
    /// ```
    pub const fn is_pss(self) -> bool {
        matches!(self, Algorithm::Ps256 | Algorithm::Ps384 | Algorithm::Ps512)
    }

    /// The kind of key this algorithm signs with: a shared secret for HS*, an RSA key
    /// for RS* and PS*, the curve's key for ES*, an Ed25519 key for EdDSA.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, KeyKind};
    /// assert_eq!(Algorithm::Hs256.key_kind(), KeyKind::Secret);
    /// assert_eq!(Algorithm::Ps256.key_kind(), KeyKind::Rsa);
    /// assert_eq!(Algorithm::Es512.key_kind(), KeyKind::P521);
    /// ```
    pub const fn key_kind(self) -> KeyKind {
        match self {
            Algorithm::Hs256 | Algorithm::Hs384 | Algorithm::Hs512 => KeyKind::Secret,
            Algorithm::Rs256
            | Algorithm::Rs384
            | Algorithm::Rs512
            | Algorithm::Ps256
            | Algorithm::Ps384
            | Algorithm::Ps512 => KeyKind::Rsa,
            Algorithm::Es256 => KeyKind::P256,
            Algorithm::Es384 => KeyKind::P384,
            Algorithm::Es512 => KeyKind::P521,
            Algorithm::EdDsa => KeyKind::Ed25519,
        }
    }

    /// The cargo feature of this crate that implements the algorithm (`None` for the
    /// HMACs, which are always there).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert_eq!(Algorithm::Hs256.feature(), None);
    /// assert_eq!(Algorithm::Ps256.feature(), Some("rsa"));
    /// assert_eq!(Algorithm::Es384.feature(), Some("ecdsa"));
    /// assert_eq!(Algorithm::EdDsa.feature(), Some("eddsa"));
    /// ```
    pub const fn feature(self) -> Option<&'static str> {
        match self.key_kind() {
            KeyKind::Secret => None,
            kind => kind.feature(),
        }
    }

    /// Whether this build implements the algorithm (its family's feature is on).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert!(Algorithm::Hs512.is_enabled());
    /// assert_eq!(Algorithm::Rs256.is_enabled(), cfg!(feature = "rsa"));
    /// ```
    pub const fn is_enabled(self) -> bool {
        self.key_kind().is_enabled()
    }

    /// Parses an `alg` header value exactly (JWS algorithm names are case-sensitive).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert_eq!(Algorithm::from_name("HS384"), Some(Algorithm::Hs384));
    /// assert_eq!(Algorithm::from_name("RS256"), Some(Algorithm::Rs256));
    /// assert_eq!(Algorithm::from_name("hs384"), None); // RFC 7515 §4.1.1: case-sensitive
    /// assert_eq!(Algorithm::from_name("EDDSA"), None);
    /// assert_eq!(Algorithm::from_name("none"), None);
    /// assert_eq!(Algorithm::from_name("ES256K"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Algorithm> {
        Algorithm::ALL.into_iter().find(|alg| alg.name() == name)
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Returned by [`Algorithm::from_str`] for anything but the thirteen names.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, UnknownAlgorithm};
///
/// let err = "ES256K".parse::<Algorithm>().unwrap_err();
/// assert_eq!(err, UnknownAlgorithm);
/// assert!(err.to_string().starts_with("expected one of HS256, HS384, HS512, RS256"));
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownAlgorithm;

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(
            "expected one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, \
             ES256, ES384, ES512, EdDSA",
        )
    }
}

#[cfg(feature = "std")]
impl std::error::Error for UnknownAlgorithm {}

impl FromStr for Algorithm {
    type Err = UnknownAlgorithm;

    /// Accepts the names in any letter case, for command lines and configuration files;
    /// token headers go through the exact [`Algorithm::from_name`].
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Algorithm::ALL
            .into_iter()
            .find(|alg| alg.name().eq_ignore_ascii_case(s))
            .ok_or(UnknownAlgorithm)
    }
}

/// The kind of a signing key: what an [`Algorithm`] needs, and what a private or public
/// key is. Errors use it to say which key was given and which was needed.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, KeyKind};
///
/// assert_eq!(KeyKind::P256.algorithms(), &[Algorithm::Es256]);
/// assert!(KeyKind::RsaPss.algorithms().iter().all(|a| a.is_pss()));
/// assert_eq!(KeyKind::Ed25519.to_string(), "an Ed25519 key");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum KeyKind {
    /// A shared secret (HMAC).
    Secret,
    /// An RSA key (`rsaEncryption`): RS* and PS*.
    Rsa,
    /// An RSA key marked `id-RSASSA-PSS` (RFC 4055) in its PKCS#8 or SPKI: PS* only.
    RsaPss,
    /// An ECDSA key on P-256 (secp256r1): ES256 only.
    P256,
    /// An ECDSA key on P-384 (secp384r1): ES384 only.
    P384,
    /// An ECDSA key on P-521 (secp521r1): ES512 only.
    P521,
    /// An Ed25519 key (RFC 8410, RFC 8037): EdDSA only.
    Ed25519,
}

impl KeyKind {
    /// The algorithms a key of this kind may be used with.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, KeyKind};
    /// assert_eq!(KeyKind::Secret.algorithms(), &Algorithm::HMAC);
    /// assert_eq!(KeyKind::Rsa.algorithms().len(), 6);
    /// ```
    pub const fn algorithms(self) -> &'static [Algorithm] {
        use Algorithm::*;
        match self {
            KeyKind::Secret => &Algorithm::HMAC,
            KeyKind::Rsa => &[Rs256, Rs384, Rs512, Ps256, Ps384, Ps512],
            KeyKind::RsaPss => &[Ps256, Ps384, Ps512],
            KeyKind::P256 => &[Es256],
            KeyKind::P384 => &[Es384],
            KeyKind::P521 => &[Es512],
            KeyKind::Ed25519 => &[EdDsa],
        }
    }

    /// Whether a key of this kind may be used with `alg`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, KeyKind};
    /// assert!(KeyKind::Rsa.allows(Algorithm::Rs256));
    /// assert!(!KeyKind::RsaPss.allows(Algorithm::Rs256));
    /// assert!(!KeyKind::P384.allows(Algorithm::Es256));
    /// ```
    pub fn allows(self, alg: Algorithm) -> bool {
        self.algorithms().contains(&alg)
    }

    /// The cargo feature of this crate that reads keys of this kind (`None` for a
    /// secret).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::KeyKind;
    /// assert_eq!(KeyKind::RsaPss.feature(), Some("rsa"));
    /// assert_eq!(KeyKind::Secret.feature(), None);
    /// ```
    pub const fn feature(self) -> Option<&'static str> {
        match self {
            KeyKind::Secret => None,
            KeyKind::Rsa | KeyKind::RsaPss => Some("rsa"),
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => Some("ecdsa"),
            KeyKind::Ed25519 => Some("eddsa"),
        }
    }

    /// Whether this build reads keys of this kind.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::KeyKind;
    /// assert!(KeyKind::Secret.is_enabled());
    /// assert_eq!(KeyKind::Ed25519.is_enabled(), cfg!(feature = "eddsa"));
    /// ```
    pub const fn is_enabled(self) -> bool {
        match self {
            KeyKind::Secret => true,
            KeyKind::Rsa | KeyKind::RsaPss => cfg!(feature = "rsa"),
            KeyKind::P256 | KeyKind::P384 | KeyKind::P521 => cfg!(feature = "ecdsa"),
            KeyKind::Ed25519 => cfg!(feature = "eddsa"),
        }
    }
}

impl fmt::Display for KeyKind {
    /// The kind as the errors name it: "an RSA key", "a P-256 key", ...
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            KeyKind::Secret => "a shared secret",
            KeyKind::Rsa => "an RSA key",
            KeyKind::RsaPss => "an RSASSA-PSS key",
            KeyKind::P256 => "a P-256 key",
            KeyKind::P384 => "a P-384 key",
            KeyKind::P521 => "a P-521 key",
            KeyKind::Ed25519 => "an Ed25519 key",
        })
    }
}
