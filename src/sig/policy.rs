//! The key-length policy: which secrets and RSA keys a workspace or verifier accepts.
//!
//! Shared by the HMAC path (`hmac.rs`) and the RSA family (`rsa.rs`, `public_key.rs`).

use crate::{Algorithm, Error, KeyKind};

/// Which keys a workspace or verifier accepts: secret lengths, and RSA key sizes and
/// exponents (checked when signing and when verifying).
///
/// | | `Rfc7518` (default) | `AllowWeak` |
/// |---|---|---|
/// | HMAC secret | at least the hash output: 32/48/64 bytes for HS256/384/512 | any non-empty secret |
/// | RSA modulus | at least 2048 bits (NIST SP 800-131A) | at least 1024 bits |
/// | RSA public exponent | odd, 2^16 < e < 2^256 (FIPS 186-5) | odd, at least 3 |
///
/// EC and Ed25519 keys have no weak sizes: their curve fixes them. Every RSA key is
/// also bounded by what the `rsa` crate reads: 1024 to 8192 bits, `e` below 2^33.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, KeyPolicy, Workspace};
///
/// assert_eq!(KeyPolicy::default(), KeyPolicy::Rfc7518);
/// // A legacy 13-byte secret needs the explicit opt-in.
/// let legacy = b"legacy-secret";
/// assert!(Workspace::new("ws_7f3c2a9e", legacy, Algorithm::Hs256).is_err());
/// let ws = Workspace::with_key_policy("ws_7f3c2a9e", legacy, Algorithm::Hs256,
///     KeyPolicy::AllowWeak)?;
/// assert_eq!(ws.algorithm(), Algorithm::Hs256);
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum KeyPolicy {
    /// RFC 7518 §3.2: a secret at least as long as the hash output (32/48/64 bytes for
    /// HS256/384/512), as jjwt and firebase/php-jwt enforce; Membrane's 64-character
    /// secrets pass for every algorithm. RSA keys of at least 2048 bits with a FIPS
    /// 186-5 public exponent.
    #[default]
    Rfc7518,
    /// The one explicit opt-out, for legacy keys: any non-empty secret, RSA keys from
    /// 1024 bits and any odd public exponent from 3.
    AllowWeak,
}

impl KeyPolicy {
    /// Checks `len` bytes of secret for `alg`, an HMAC algorithm (a secret with any
    /// other algorithm is [`Error::KeyMismatch`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, KeyKind, KeyPolicy};
    ///
    /// // RFC 7518 §3.2: a key at least as long as the hash output, 48 bytes for HS384.
    /// assert_eq!(KeyPolicy::Rfc7518.check(Algorithm::Hs384, 48), Ok(()));
    /// assert_eq!(
    ///     KeyPolicy::Rfc7518.check(Algorithm::Hs384, 47),
    ///     Err(Error::WeakKey { alg: Algorithm::Hs384, len: 47, min: 48 })
    /// );
    /// assert_eq!(KeyPolicy::AllowWeak.check(Algorithm::Hs512, 8), Ok(()));
    /// assert_eq!(KeyPolicy::AllowWeak.check(Algorithm::Hs512, 0), Err(Error::EmptySecret));
    /// assert_eq!(
    ///     KeyPolicy::Rfc7518.check(Algorithm::Rs256, 64),
    ///     Err(Error::KeyMismatch { alg: Algorithm::Rs256, key: KeyKind::Secret })
    /// );
    /// ```
    pub fn check(self, alg: Algorithm, len: usize) -> Result<(), Error> {
        let min = alg.output_len();
        match self {
            _ if !alg.is_hmac() => Err(Error::KeyMismatch {
                alg,
                key: KeyKind::Secret,
            }),
            _ if len == 0 => Err(Error::EmptySecret),
            KeyPolicy::Rfc7518 if len < min => Err(Error::WeakKey { alg, len, min }),
            _ => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn key_policy_follows_rfc7518() {
        for alg in Algorithm::HMAC {
            let min = alg.output_len();
            assert_eq!(KeyPolicy::Rfc7518.check(alg, min), Ok(()));
            assert_eq!(
                KeyPolicy::Rfc7518.check(alg, min - 1),
                Err(Error::WeakKey {
                    alg,
                    len: min - 1,
                    min
                })
            );
            assert_eq!(KeyPolicy::AllowWeak.check(alg, 1), Ok(()));
            assert_eq!(KeyPolicy::AllowWeak.check(alg, 0), Err(Error::EmptySecret));
        }
    }
}
