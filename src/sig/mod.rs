//! Public-key signatures: the keys, their encodings, and one file per family.
//!
//! The HMAC path (`key.rs`) needs nothing of this: the folder exists only with one of
//! the features `rsa`, `ecdsa`, `eddsa`, so the default build keeps its 20 crates.
//! Each family file wraps exactly one RustCrypto crate and is the only place that
//! names it; everything above them (this folder's [`PrivateKey`] and [`PublicKey`],
//! the signer and the verifier) sees only this crate's types and errors.
//!
//! - [`pem`]: one PEM block in, its kind and DER out (in zeroizing memory); refuses
//!   encrypted keys, certificates and anything else by name.
//! - [`oid`]: which key a PKCS#8 or SPKI algorithm identifier names.
//! - [`jwk`]: JWK members in (RFC 7517/7518/8037), the RFC 7638 members and thumbprint
//!   out.
//! - [`rsa`], [`ecdsa`], [`eddsa`]: loading, policy, signing and verifying for each
//!   family.
//! - [`private_key`], [`public_key`]: the two public types, which dispatch to a family.
//! - [`rng`]: the operating system's random number generator (`std` only).
//!
//! Secret key material lives in the family crates' key types, which wipe it when
//! dropped (`rsa::PrivateKey`, `ecdsa::SigningKey` and `ed25519_dalek::SigningKey` all
//! implement `ZeroizeOnDrop`), and in transit only in `Zeroizing` buffers.

pub(crate) mod jwk;
pub(crate) mod oid;
pub(crate) mod pem;
pub(crate) mod private_key;
pub(crate) mod public_key;
pub(crate) mod rng;

#[cfg(feature = "ecdsa")]
pub(crate) mod ecdsa;
#[cfg(feature = "eddsa")]
pub(crate) mod eddsa;
#[cfg(feature = "rsa")]
pub(crate) mod rsa;

pub use private_key::PrivateKey;
pub use public_key::PublicKey;

/// Maps a DER decoding error of a key in `format` (nothing of the input is kept).
pub(crate) fn der_error(format: &'static str) -> impl Fn(der::Error) -> crate::Error {
    move |error| crate::Error::InvalidKey {
        format,
        reason: match error.kind() {
            der::ErrorKind::TrailingData { .. } => "bytes after the key's DER structure",
            _ => "not valid DER for this key type",
        },
    }
}
