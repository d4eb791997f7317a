//! The three JWS HMAC algorithms (RFC 7518 §3.2).

use core::fmt;
use core::str::FromStr;

/// An HMAC JWS algorithm. The set is closed: Membrane signs with these three only.
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
    pub const ALL: [Algorithm; 3] = [Algorithm::Hs256, Algorithm::Hs384, Algorithm::Hs512];

    /// The `alg` header value: `"HS256"`, `"HS384"` or `"HS512"`.
    pub const fn name(self) -> &'static str {
        match self {
            Algorithm::Hs256 => "HS256",
            Algorithm::Hs384 => "HS384",
            Algorithm::Hs512 => "HS512",
        }
    }

    /// The MAC length in bytes, which RFC 7518 §3.2 also makes the minimum key length.
    pub const fn output_len(self) -> usize {
        match self {
            Algorithm::Hs256 => 32,
            Algorithm::Hs384 => 48,
            Algorithm::Hs512 => 64,
        }
    }

    /// Parses an `alg` header value exactly (JWS algorithm names are case-sensitive).
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
