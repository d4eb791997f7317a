//! The HMAC key: the workspace secret and the keyed HMAC state (the key-length policy
//! that admits a secret is `policy.rs`).
//!
//! The raw secret lives only in [`Secret`] (zeroized on drop) and, transiently, in the
//! caller's own slice. A [`Workspace`](crate::Workspace) keeps no copy of it: it keeps
//! the HMAC state after absorbing `key ^ ipad` and `key ^ opad`, computed once, which
//! `sha2`'s `zeroize` feature wipes when it is dropped.

use alloc::vec::Vec;
use core::fmt;

use hmac::{Hmac, KeyInit, Mac};
use sha2::{Sha256, Sha384, Sha512};
use zeroize::Zeroizing;

use crate::{Algorithm, Error, KeyKind};

/// A workspace secret, wiped from memory when dropped. `Debug` prints `Secret(..)`.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Secret, Workspace};
///
/// # let from_env = String::from(
/// #     "3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c");
/// // `from_env`: say, the value of MEMBRANE_WORKSPACE_SECRET.
/// let secret = Secret::new(from_env.into_bytes());
/// assert_eq!(format!("{secret:?}"), "Secret(..)");
/// let ws = Workspace::new("ws_7f3c2a9e", secret.expose_bytes(), Algorithm::Hs512)?;
/// assert!(!format!("{ws:?}").contains("3d1f9c7b"));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone)]
pub struct Secret(Zeroizing<Vec<u8>>);

impl Secret {
    /// Takes ownership of the bytes (they are wiped when the `Secret` is dropped).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Secret;
    /// # let bytes = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let bytes: Vec<u8> = bytes.to_vec();
    /// let secret = Secret::new(bytes); // moved, not copied
    /// assert_eq!(secret.len(), 64);
    /// ```
    pub fn new(bytes: Vec<u8>) -> Secret {
        Secret(Zeroizing::new(bytes))
    }

    /// Copies the bytes into zeroizing memory.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::Secret;
    /// # let bytes = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let secret = Secret::from_slice(bytes);
    /// assert_eq!(secret.expose_bytes(), bytes);
    /// ```
    pub fn from_slice(bytes: &[u8]) -> Secret {
        Secret::new(bytes.to_vec())
    }

    /// The raw bytes, to hand to [`Workspace::new`](crate::Workspace::new). The name is
    /// long on purpose: every call site is one a reviewer should see.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Secret, Workspace};
    /// # let bytes = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let secret = Secret::from_slice(bytes);
    /// assert_eq!(secret.expose_bytes(), bytes);
    /// let ws = Workspace::new("ws_7f3c2a9e", secret.expose_bytes(), Algorithm::Hs512)?;
    /// drop(secret); // wiped; the workspace keeps only the HMAC key schedule
    /// let token = ws.workspace_token_at(1_799_992_800, 60)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_800)?.workspace_key(), Some("ws_7f3c2a9e"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn expose_bytes(&self) -> &[u8] {
        &self.0
    }

    /// The length in bytes (not secret: the key policy reports it).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Secret, Workspace};
    ///
    /// let legacy = Secret::from_slice(b"legacy-secret");
    /// assert_eq!(legacy.len(), 13);
    /// let err = Workspace::new("ws_7f3c2a9e", legacy.expose_bytes(), Algorithm::Hs256);
    /// assert_eq!(err.unwrap_err().to_string(), concat!(
    ///     "secret is 13 bytes but HS256 needs at least 32 (RFC 7518 section 3.2); ",
    ///     "use a longer secret or opt in to weak keys explicitly"));
    /// ```
    pub fn len(&self) -> usize {
        self.0.len()
    }

    /// Whether the secret is empty.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, KeyPolicy, Secret, Workspace};
    ///
    /// let unset = Secret::new(Vec::new()); // say, an empty environment variable
    /// assert!(unset.is_empty());
    /// let err = Workspace::with_key_policy("ws_7f3c2a9e", unset.expose_bytes(), Algorithm::Hs256,
    ///     KeyPolicy::AllowWeak).unwrap_err();
    /// assert_eq!(err, Error::EmptySecret); // no policy accepts it
    /// ```
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("Secret(..)")
    }
}

/// The longest MAC, in bytes: the size of every stack buffer that holds one.
pub(crate) const MAX_TAG_LEN: usize = 64;

/// A MAC computed over a signing input; `len` bytes of `bytes` are meaningful.
pub(crate) struct Tag {
    bytes: [u8; MAX_TAG_LEN],
    len: usize,
}

impl Tag {
    pub(crate) fn as_slice(&self) -> &[u8] {
        self.bytes.get(..self.len).unwrap_or(&[])
    }
}

/// An HMAC state for one of the three HMAC algorithms; either freshly keyed or with
/// some of the signing input absorbed. Cloning it is how each token starts without
/// re-keying.
#[derive(Clone)]
pub(crate) enum MacState {
    Hs256(Hmac<Sha256>),
    Hs384(Hmac<Sha384>),
    Hs512(Hmac<Sha512>),
}

impl MacState {
    /// Keys a state; this is the only place a secret is read. A secret keys only the
    /// HMAC algorithms: any other is [`Error::KeyMismatch`].
    pub(crate) fn new(alg: Algorithm, secret: &[u8]) -> Result<MacState, Error> {
        fn keyed<M: KeyInit>(secret: &[u8]) -> M {
            // HMAC pads or hashes keys of every length (RFC 2104 §2), so this never fails.
            M::new_from_slice(secret).expect("HMAC accepts keys of any length")
        }
        match alg {
            Algorithm::Hs256 => Ok(MacState::Hs256(keyed(secret))),
            Algorithm::Hs384 => Ok(MacState::Hs384(keyed(secret))),
            Algorithm::Hs512 => Ok(MacState::Hs512(keyed(secret))),
            _ => Err(Error::KeyMismatch {
                alg,
                key: KeyKind::Secret,
            }),
        }
    }

    pub(crate) fn update(&mut self, bytes: &[u8]) {
        match self {
            MacState::Hs256(m) => m.update(bytes),
            MacState::Hs384(m) => m.update(bytes),
            MacState::Hs512(m) => m.update(bytes),
        }
    }

    /// Finishes a state fed in pieces (the known-answer test feeds data in two).
    #[cfg(test)]
    pub(crate) fn finalize(self) -> Tag {
        match self {
            MacState::Hs256(m) => Tag::copy(&m.finalize().into_bytes()),
            MacState::Hs384(m) => Tag::copy(&m.finalize().into_bytes()),
            MacState::Hs512(m) => Tag::copy(&m.finalize().into_bytes()),
        }
    }

    /// The MAC of `input` from a clone of this state. The clone is of the concrete
    /// `Hmac` in each arm, not of the enum: for HS256 that copies a third of the bytes
    /// (`memmove` was 18% of a token in `perf` before; see `benches/sign.rs`).
    pub(crate) fn tag(&self, input: &[u8]) -> Tag {
        fn run<M: Mac + Clone>(m: &M, input: &[u8]) -> Tag {
            let mut m = m.clone();
            m.update(input);
            Tag::copy(&m.finalize().into_bytes())
        }
        match self {
            MacState::Hs256(m) => run(m, input),
            MacState::Hs384(m) => run(m, input),
            MacState::Hs512(m) => run(m, input),
        }
    }
}

impl Tag {
    fn copy(out: &[u8]) -> Tag {
        let mut tag = Tag {
            bytes: [0; MAX_TAG_LEN],
            len: out.len(),
        };
        tag.bytes
            .iter_mut()
            .zip(out)
            .for_each(|(dst, src)| *dst = *src);
        tag
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use alloc::string::String;
    use alloc::vec::Vec;

    fn hex(s: &str) -> Vec<u8> {
        (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect()
    }

    /// RFC 4231 §4, all seven cases for SHA-256/384/512, through the keyed state the
    /// signer and verifier use (keying, cloning, absorbing in two pieces, finalizing).
    #[test]
    fn rfc4231_known_answers() {
        let file: serde_json::Value =
            serde_json::from_str(include_str!("../../tests/vectors/rfc4231.json")).unwrap();
        let cases = file["cases"].as_array().unwrap();
        assert_eq!(cases.len(), 7);
        for case in cases {
            let key = hex(case["key_hex"].as_str().unwrap());
            let data = hex(case["data_hex"].as_str().unwrap());
            let truncate = case["truncate_bytes"].as_u64().map(|n| n as usize);
            for (alg, field) in [
                (Algorithm::Hs256, "hmac_sha256"),
                (Algorithm::Hs384, "hmac_sha384"),
                (Algorithm::Hs512, "hmac_sha512"),
            ] {
                let keyed = MacState::new(alg, &key).unwrap();
                let (first, second) = data.split_at(data.len() / 2);
                let mut mac = keyed.clone();
                mac.update(first);
                mac.update(second);
                let tag = mac.finalize();
                let got = &tag.as_slice()[..truncate.unwrap_or(alg.output_len())];
                let want = hex(case[field].as_str().unwrap());
                assert_eq!(got, &want[..], "case {} {field}", case["case"]);
                // The shared keyed state is untouched by the clone's use.
                assert_eq!(keyed.tag(&data).as_slice(), tag.as_slice());
            }
        }
    }

    #[test]
    fn secret_debug_is_redacted() {
        let secret = Secret::from_slice(b"super-secret-value");
        let shown = alloc::format!("{secret:?}");
        assert_eq!(shown, "Secret(..)");
        assert_eq!(secret.expose_bytes(), b"super-secret-value");
        let _: String = shown;
    }
}
