//! Signature algorithms and keys: the HMAC key and the public/private key pairs, the
//! key-length policy, and the signer that dispatches between them.
//!
//! Always compiled, the HMAC path:
//!
//! - [`hmac`]: the workspace [`Secret`](hmac::Secret) and the keyed HMAC state.
//! - [`policy`]: the [`KeyPolicy`](policy::KeyPolicy) (secret lengths, RSA sizes).
//! - [`signer`]: how a workspace signs and a verifier checks, by the key it was built
//!   with (a keyed HMAC state, or a key pair).
//!
//! Public-key signatures exist only with one of the features `rsa`, `ecdsa`, `eddsa`,
//! so the default build keeps its 20 crates. Each family file wraps exactly one
//! RustCrypto crate and is the only place that names it; everything above them (this
//! folder's [`PrivateKey`] and [`PublicKey`], the signer and the verifier) sees only this
//! crate's types and errors.
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

pub(crate) mod hmac;
pub(crate) mod policy;
pub(crate) mod signer;

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) mod jwk;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) mod oid;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) mod pem;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) mod private_key;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) mod public_key;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) mod rng;

#[cfg(feature = "ecdsa")]
pub(crate) mod ecdsa;
#[cfg(feature = "eddsa")]
pub(crate) mod eddsa;
#[cfg(feature = "rsa")]
pub(crate) mod rsa;

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub use private_key::PrivateKey;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub use public_key::PublicKey;

/// Maps a DER decoding error of a key in `format` (nothing of the input is kept).
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub(crate) fn der_error(format: &'static str) -> impl Fn(der::Error) -> crate::Error {
    move |error| crate::Error::InvalidKey {
        format,
        reason: match error.kind() {
            der::ErrorKind::TrailingData { .. } => "bytes after the key's DER structure",
            _ => "not valid DER for this key type",
        },
    }
}
