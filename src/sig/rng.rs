//! The operating system's random number generator, for RSA blinding, PSS salts and key
//! generation. ECDSA (RFC 6979) and Ed25519 (RFC 8032) sign deterministically and never
//! use it.
//!
//! It is `getrandom` 0.4's `SysRng` (a rand_core 0.10 `TryCryptoRng`), reached through
//! `crypto-common`'s `getrandom` feature: the one the RustCrypto crates of this
//! generation enable themselves, so there is a single RNG crate in the tree. It comes
//! with this crate's `std` feature only; without it RSA signing and key generation
//! report [`Error::RngRequired`](crate::Error::RngRequired) instead of running without
//! randomness.

/// The OS RNG, as a `TryCryptoRng` for the family crates. Every failure it reports
/// becomes [`Error::Rng`](crate::Error::Rng).
#[cfg(all(feature = "std", any(feature = "rsa", feature = "ecdsa")))]
pub(crate) use crypto_common::getrandom::SysRng as OsRng;

/// Fills `dest` from the OS RNG.
#[cfg(all(feature = "std", feature = "eddsa"))]
pub(crate) fn fill(dest: &mut [u8]) -> Result<(), crate::Error> {
    crypto_common::getrandom::fill(dest).map_err(|_| crate::Error::Rng)
}

/// Whether this build has the OS RNG.
pub(crate) const AVAILABLE: bool = cfg!(feature = "std");
