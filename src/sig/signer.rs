//! How a workspace signs and a verifier checks: HMAC keyed states, or a key pair.
//!
//! The HMAC path is what it always was: a keyed state cloned per token, no allocation.
//! The public-key path signs the finished `header.payload` bytes. Which one runs is
//! fixed when the workspace or verifier is built, by the key it was given, and never
//! read from a token: a verifier built from a public key has no MAC to compute, and
//! one built from a secret has no public key to verify with, whatever the token's
//! header says and whatever bytes the keys have.

use alloc::string::String;
use alloc::vec::Vec;

use crate::sig::hmac::MacState;
use crate::{b64, Algorithm, Error};

#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
use crate::sig::{PrivateKey, PublicKey};
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
use alloc::sync::Arc;

/// A workspace's signing key.
// The HMAC state stays inline rather than boxed: it is the hot path's, read per token.
#[allow(clippy::large_enum_variant)]
#[derive(Clone)]
pub(crate) enum Signer {
    /// HMAC keyed with the secret, nothing absorbed yet.
    Hmac(MacState),
    /// A private key (shared by the workspace's copies, not copied) and its public
    /// half, computed once for [`Workspace::verify`](crate::Workspace::verify).
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    Private {
        key: Arc<PrivateKey>,
        public: PublicKey,
    },
}

impl Signer {
    /// The keyed HMAC state, for the HMAC fast path that hashes a token's constant
    /// prefix once per workspace.
    pub(crate) fn mac(&self) -> Option<&MacState> {
        match self {
            Signer::Hmac(keyed) => Some(keyed),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Signer::Private { .. } => None,
        }
    }

    /// The length of a signature in bytes (for sizing a token's string).
    pub(crate) fn signature_len(&self, alg: Algorithm) -> usize {
        match self {
            Signer::Hmac(_) => alg.output_len(),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Signer::Private { public, .. } => public.signature_len(),
        }
    }

    /// Signs `out[start..]` (a whole `header.payload`) and appends `"."` and the
    /// base64url signature.
    #[cfg_attr(
        not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")),
        allow(unused_variables)
    )]
    pub(crate) fn append_signature(
        &self,
        alg: Algorithm,
        out: &mut String,
        start: usize,
    ) -> Result<(), Error> {
        let input = out.get(start..).unwrap_or_default().as_bytes();
        match self {
            Signer::Hmac(keyed) => {
                let tag = keyed.tag(input);
                out.push('.');
                b64::encode_small(tag.as_slice(), out);
            }
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Signer::Private { key, .. } => {
                let signature = key.sign(alg, input)?;
                out.push('.');
                b64::encode_to(&signature, out);
            }
        }
        Ok(())
    }

    /// The keys that verify this signer's tokens.
    pub(crate) fn keys(&self) -> VerifyKeys<'_> {
        match self {
            Signer::Hmac(keyed) => VerifyKeys::Macs(core::slice::from_ref(keyed)),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Signer::Private { public, .. } => VerifyKeys::Public(core::slice::from_ref(public)),
        }
    }
}

/// The keys a verification runs with, borrowed: every secret's keyed state, or every
/// public key (the current one and any previous ones during a rotation).
#[derive(Clone, Copy)]
pub(crate) enum VerifyKeys<'k> {
    Macs(&'k [MacState]),
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    Public(&'k [PublicKey]),
}

/// A verifier's keys, owned.
#[derive(Clone)]
pub(crate) enum Keys {
    Macs(Vec<MacState>),
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    Public(Vec<PublicKey>),
}

impl Keys {
    pub(crate) fn as_ref(&self) -> VerifyKeys<'_> {
        match self {
            Keys::Macs(macs) => VerifyKeys::Macs(macs),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Keys::Public(keys) => VerifyKeys::Public(keys),
        }
    }

    /// How many keys (for `Debug`; the count is not secret).
    pub(crate) fn len(&self) -> usize {
        match self {
            Keys::Macs(macs) => macs.len(),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Keys::Public(keys) => keys.len(),
        }
    }
}

impl From<VerifyKeys<'_>> for Keys {
    fn from(keys: VerifyKeys<'_>) -> Keys {
        match keys {
            VerifyKeys::Macs(macs) => Keys::Macs(macs.to_vec()),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            VerifyKeys::Public(keys) => Keys::Public(keys.to_vec()),
        }
    }
}
