//! The three JWS HMAC algorithms (RFC 7518 §3.2).

use core::fmt;
use core::str::FromStr;

/// An HMAC JWS algorithm. The set is closed: Membrane signs with these three only.
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
}

impl Algorithm {
    /// All three, shortest MAC first.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// // SHA-256, SHA-384 and SHA-512 output 32, 48 and 64 bytes (FIPS 180-4).
    /// assert_eq!(Algorithm::ALL.map(Algorithm::output_len), [32, 48, 64]);
    /// assert_eq!(Algorithm::ALL.map(Algorithm::name), ["HS256", "HS384", "HS512"]);
    /// ```
    pub const ALL: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];

    /// The `alg` header value: `"HS256"`, `"HS384"` or `"HS512"`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert_eq!(Algorithm::Hs384.name(), "HS384");
    /// for alg in Algorithm::ALL {
    ///     assert_eq!(Algorithm::from_name(alg.name()), Some(alg));
    /// }
    /// ```
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
        }
    }

    /// The MAC length in bytes, which RFC 7518 §3.2 also makes the minimum key length.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, Workspace};
    ///
    /// assert_eq!(Algorithm::Hs512.output_len(), 64);
    /// // A 32-byte secret is enough for HS256 but not for HS512.
    /// let secret = [7u8; 32];
    /// assert!(Workspace::new("ws_7f3c2a9e", &secret, Algorithm::Hs256).is_ok());
    /// let err = Workspace::new("ws_7f3c2a9e", &secret, Algorithm::Hs512).unwrap_err();
    /// assert_eq!(err, Error::WeakKey { alg: Algorithm::Hs512, len: 32, min: 64 });
    /// ```
    pub const fn output_len(self) -> usize {
        match self {
            Algorithm::Hs256 => 32,
            Algorithm::Hs384 => 48,
            Algorithm::Hs512 => 64,
        }
    }

    /// Parses an `alg` header value exactly (JWS algorithm names are case-sensitive).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Algorithm;
    /// assert_eq!(Algorithm::from_name("HS384"), Some(Algorithm::Hs384));
    /// assert_eq!(Algorithm::from_name("hs384"), None); // RFC 7515 §4.1.1: case-sensitive
    /// assert_eq!(Algorithm::from_name("none"), None);
    /// assert_eq!(Algorithm::from_name("RS256"), None);
    /// ```
    pub fn from_name(name: &str) -> Option<Algorithm> {
        match name {
            "HS256" => Some(Algorithm::Hs256),
            "HS384" => Some(Algorithm::Hs384),
            "HS512" => Some(Algorithm::Hs512),
            _ => None,
        }
    }
}

impl fmt::Display for Algorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// Returned by [`Algorithm::from_str`] for anything but the three names.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, UnknownAlgorithm};
///
/// let err = "RS256".parse::<Algorithm>().unwrap_err();
/// assert_eq!(err, UnknownAlgorithm);
/// assert_eq!(err.to_string(), "expected HS256, HS384 or HS512");
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct UnknownAlgorithm;

impl fmt::Display for UnknownAlgorithm {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("expected HS256, HS384 or HS512")
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
