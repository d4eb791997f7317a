//! Verifying tokens: strict structure, signature first, then the claims.
//!
//! Order of work, cheapest and least trusting first: length limit, three segments,
//! strict canonical base64url decoding of every segment, the signature with the pinned
//! algorithm (a MAC, constant time, against every configured secret; or a public-key
//! signature against every configured public key), and only then UTF-8 and JSON
//! parsing of header and payload, the header's `alg`, and the time and issuer claims.
//! Which check runs is the verifier's own, fixed by the key it was built with
//! ([`Keys`]): the token's header never chooses it.
//!
//! Two shortcuts keep verifying close to the cost of its HMAC, each exactly
//! equivalent to the long way: a header that is byte for byte one of the three the
//! libraries write for the pinned algorithm is recognised without decoding or
//! parsing it, and the payload is validated by [`scan`] into an index of its
//! top-level members rather than parsed into owned values.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

use serde::de::DeserializeOwned;
use subtle::{Choice, ConstantTimeEq};

use crate::b64;
use crate::json::profile::HeaderStyle;
use crate::json::scan::{self, Member, ScanError, Unescaped};
use crate::json::value::{Map, Value};
use crate::sig::hmac::MacState;
use crate::sig::policy::KeyPolicy;
use crate::sig::signer::{Keys, VerifyKeys};
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
use crate::PublicKey;
use crate::{Algorithm, Error, ForeignAlgorithm, Part, Workspace};

/// Default maximum token length: room for an 8 KiB payload with header and MAC.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Error, Tenant, Workspace, DEFAULT_MAX_TOKEN_LEN};
///
/// assert_eq!(DEFAULT_MAX_TOKEN_LEN, 16 * 1024);
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let tenant = Tenant::new("tenant-001").field("notes", "n".repeat(8 * 1024));
/// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
/// assert!(ws.verify(&token, 1_799_992_900).is_ok());
/// let huge = "a".repeat(DEFAULT_MAX_TOKEN_LEN + 1); // refused before anything else is read
/// let err = ws.verify(&huge, 1_799_992_900).unwrap_err();
/// assert_eq!(err, Error::TooLarge { len: 16_385, max: 16_384 });
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub const DEFAULT_MAX_TOKEN_LEN: usize = 16 * 1024;

/// Default maximum nesting of arrays and objects in header and payload.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Error, Part, Workspace, DEFAULT_MAX_DEPTH};
///
/// assert_eq!(DEFAULT_MAX_DEPTH, 32);
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let header = br#"{"alg":"HS512","typ":"JWT"}"#;
/// // Claims nested `depth` levels deep: the claims object, then arrays in `x`.
/// let nested = |depth: usize| {
///     let (open, close) = ("[".repeat(depth - 1), "]".repeat(depth - 1));
///     let payload = format!(r#"{{"iss":"ws_7f3c2a9e","exp":1800000000,"x":{open}{close}}}"#);
///     ws.sign_raw(header, payload.as_bytes())
/// };
/// assert!(ws.verify(&nested(32), 1_799_992_800).is_ok());
/// let err = ws.verify(&nested(33), 1_799_992_800).unwrap_err();
/// assert_eq!(err, Error::TooDeep { part: Part::Payload, max: 32 });
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub const DEFAULT_MAX_DEPTH: usize = 32;

/// The largest accepted time claim: 9999-12-31T23:59:59Z.
const MAX_TIME: u64 = 253_402_300_799;

/// Which claim must carry the workspace key.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Error, IssuerCheck, Tenant, Verifier, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// // A tenant token carries `workspaceKey` and no `iss`.
/// let token = ws.tenant_token_at(&Tenant::new("tenant-001"), 1_799_992_800, 7200)?;
/// assert!(ws.verify(&token, 1_799_992_900).is_ok()); // IssuerCheck::IssOrWorkspaceKey
/// let iss_only = Verifier::new(&ws).issuer_check(IssuerCheck::Iss);
/// let err = iss_only.verify(&token, 1_799_992_900).unwrap_err();
/// assert_eq!(err, Error::MissingClaim { claim: "iss".into() });
/// // Another workspace that (wrongly) shares the secret does not accept it.
/// let other = Workspace::new("ws_0b5d1e44", secret, Algorithm::Hs512)?;
/// assert_eq!(other.verify(&token, 1_799_992_900).unwrap_err(), Error::WrongIssuer);
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum IssuerCheck {
    /// `iss` (quick-start tokens) or, when `iss` is absent, `workspaceKey` (current
    /// tokens); whichever is present must equal the key.
    #[default]
    IssOrWorkspaceKey,
    /// `iss` must be present and equal the key.
    Iss,
    /// `workspaceKey` must be present and equal the key.
    WorkspaceKey,
    /// No issuer check.
    Skip,
}

/// The checks a verifier makes besides the MAC. `Default` is the strict setting.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Policy {
    pub(crate) leeway: u64,
    pub(crate) require_exp: bool,
    pub(crate) issuer: IssuerCheck,
    pub(crate) required: Vec<String>,
    pub(crate) max_len: usize,
    pub(crate) max_depth: usize,
}

impl Default for Policy {
    fn default() -> Policy {
        STRICT.clone()
    }
}

/// A configurable verifier for one workspace: the algorithm is pinned, and it may hold
/// previous secrets (or public keys) during a rotation.
///
/// Built from a secret ([`Verifier::new`] of an HMAC workspace) it checks HMACs and
/// never accepts a public-key token; built from a public key
/// ([`Verifier::with_public_key`], or [`Verifier::new`] of a private-key workspace) it
/// checks that key's signatures and never accepts an HMAC token, whatever the bytes.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Customer, Verifier, Workspace};
///
/// # let old_secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let new_secret = b"9a4e6b2c8d1f7a3e5b9c2d4f6a8e1b3c9a4e6b2c8d1f7a3e5b9c2d4f6a8e1b3c";
/// let old = Workspace::new("ws_7f3c2a9e", old_secret, Algorithm::Hs512)?;
/// let customer = Customer::new("customer-42", "Acme Inc.");
/// let token = old.customer_token_at(&customer, 1_799_992_800, 7200)?;
/// // The secret was rotated; tokens minted before still verify until they expire.
/// let ws = Workspace::new("ws_7f3c2a9e", new_secret, Algorithm::Hs512)?;
/// let verifier = Verifier::new(&ws).previous_secret(old_secret)?.leeway(30);
/// assert_eq!(verifier.verify(&token, 1_799_992_900)?.id(), Some("customer-42"));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    key: String,
    alg: Algorithm,
    keys: Keys,
    policy: Policy,
}

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let keys = match self.keys {
            Keys::Macs(_) => "secrets",
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Keys::Public(_) => "public_keys",
        };
        f.debug_struct("Verifier")
            .field("key", &self.key)
            .field("alg", &self.alg)
            .field(keys, &self.keys.len())
            .field("policy", &self.policy)
            .finish()
    }
}

impl Verifier {
    /// A verifier with the workspace's key, algorithm and secret (or, for a
    /// private-key workspace, its public key) and the strict defaults: `exp` required,
    /// no leeway, issuer checked, 16 KiB and depth 32 limits.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::Error;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let verifier = Verifier::new(&ws);
    /// let no_exp = ws.sign_json(r#"{"iss":"ws_7f3c2a9e","sub":"user-1"}"#)?;
    /// let err = verifier.verify(&no_exp, 1_799_992_800).unwrap_err();
    /// assert_eq!(err, Error::MissingClaim { claim: "exp".into() });
    /// // RFC 7519 §4.1.4: the current time must be before `exp`; at `exp` it has expired.
    /// let token = ws.workspace_token_at(1_799_992_800, 7200)?;
    /// let err = verifier.verify(&token, 1_800_000_000).unwrap_err();
    /// assert_eq!(err, Error::Expired { exp: 1_800_000_000, now: 1_800_000_000 });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn new(workspace: &Workspace) -> Verifier {
        Verifier {
            key: workspace.key().into(),
            alg: workspace.algorithm(),
            keys: Keys::from(workspace.verify_keys()),
            policy: Policy::default(),
        }
    }

    /// A verifier for workspace `workspace_key` that checks `alg` signatures with
    /// `public_key`, with the strict defaults of [`Verifier::new`] and every one of its
    /// settings.
    ///
    /// The key's type must allow `alg` ([`Error::KeyMismatch`] otherwise) and an RSA
    /// key must pass the default [`KeyPolicy`] (2048 bits, FIPS 186-5 exponent), on
    /// verifying as on signing. The verifier accepts only `alg` signatures by this key:
    /// an HMAC token is refused whatever its MAC (no RS256/HS256 confusion), ES*
    /// signatures must be the raw 64/96/132-byte `r || s`, EdDSA is checked with
    /// `verify_strict`, and an RSA signature must be as long as the modulus.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, PrivateKey, Verifier, Workspace};
    ///
    /// let private_key = PrivateKey::generate(Algorithm::EdDsa)?;
    /// let public_key = private_key.public_key();
    /// let ws = Workspace::with_private_key("ws_7f3c2a9e", private_key, Algorithm::EdDsa)?;
    /// let token = ws.workspace_token_at(1_799_992_800, 7200)?;
    ///
    /// let verifier = Verifier::with_public_key("ws_7f3c2a9e", public_key, Algorithm::EdDsa)?;
    /// assert_eq!(verifier.verify(&token, 1_799_993_000)?.workspace_key(), Some("ws_7f3c2a9e"));
    ///
    /// // An HS256 token never passes, whatever secret made it.
    /// let hs = Workspace::new("ws_7f3c2a9e", &[7; 32], Algorithm::Hs256)?.workspace_token_at(1_799_992_800, 7200)?;
    /// assert_eq!(
    ///     verifier.verify(&hs, 1_799_993_000).err(),
    ///     Some(Error::SignatureAlgorithmMismatch { expected: Algorithm::EdDsa, found: Algorithm::Hs256 })
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn with_public_key(
        workspace_key: &str,
        public_key: PublicKey,
        alg: Algorithm,
    ) -> Result<Verifier, Error> {
        Verifier::with_public_key_policy(workspace_key, public_key, alg, KeyPolicy::Rfc7518)
    }

    /// Like [`Verifier::with_public_key`] with an explicit key policy
    /// ([`KeyPolicy::AllowWeak`] accepts RSA keys from 1024 bits and exponents from 3).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, KeyKind, KeyPolicy, PrivateKey, Verifier};
    ///
    /// let public_key = PrivateKey::generate(Algorithm::Es384)?.public_key();
    /// let refused = Verifier::with_public_key_policy("ws_1", public_key, Algorithm::Es256, KeyPolicy::AllowWeak);
    /// assert_eq!(refused.err(), Some(Error::KeyMismatch { alg: Algorithm::Es256, key: KeyKind::P384 }));
    /// # Ok::<(), Error>(())
    /// ```
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn with_public_key_policy(
        workspace_key: &str,
        public_key: PublicKey,
        alg: Algorithm,
        policy: KeyPolicy,
    ) -> Result<Verifier, Error> {
        crate::sign::check_workspace_key(workspace_key)?;
        public_key.check_use(alg, policy)?;
        Ok(Verifier {
            key: workspace_key.into(),
            alg,
            keys: Keys::Public(alloc::vec![public_key]),
            policy: Policy::default(),
        })
    }

    /// Also accepts tokens signed by `public_key` (a previous key pair during a
    /// rotation), which must allow the verifier's algorithm under the default
    /// [`KeyPolicy`]. A verifier built from a secret takes no public key
    /// ([`Error::KeyMismatch`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey, Verifier, Workspace};
    ///
    /// let old = PrivateKey::generate(Algorithm::Es256)?;
    /// let new = PrivateKey::generate(Algorithm::Es256)?;
    /// let verifier = Verifier::with_public_key("ws_1", new.public_key(), Algorithm::Es256)?
    ///     .previous_public_key(old.public_key())?;
    /// let old_ws = Workspace::with_private_key("ws_1", old, Algorithm::Es256)?;
    /// let token = old_ws.admin_token_at(1_799_992_800, 300)?;
    /// assert!(verifier.verify(&token, 1_799_992_900)?.is_admin());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn previous_public_key(self, public_key: PublicKey) -> Result<Verifier, Error> {
        self.previous_public_key_with_policy(public_key, KeyPolicy::Rfc7518)
    }

    /// Like [`Verifier::previous_public_key`] with an explicit key policy.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, KeyKind, KeyPolicy, PrivateKey, Verifier, Workspace};
    ///
    /// let ws = Workspace::new("ws_1", &[7; 64], Algorithm::Hs512)?;
    /// let public_key = PrivateKey::generate(Algorithm::EdDsa)?.public_key();
    /// let refused = Verifier::new(&ws).previous_public_key_with_policy(public_key, KeyPolicy::AllowWeak);
    /// assert_eq!(refused.err(), Some(Error::KeyMismatch { alg: Algorithm::Hs512, key: KeyKind::Ed25519 }));
    /// # Ok::<(), Error>(())
    /// ```
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn previous_public_key_with_policy(
        mut self,
        public_key: PublicKey,
        policy: KeyPolicy,
    ) -> Result<Verifier, Error> {
        public_key.check_use(self.alg, policy)?;
        match &mut self.keys {
            Keys::Public(keys) => keys.push(public_key),
            Keys::Macs(_) => {
                return Err(Error::KeyMismatch {
                    alg: self.alg,
                    key: public_key.kind(),
                })
            }
        }
        Ok(self)
    }

    /// Also accepts tokens signed with `secret` (a previous workspace secret during a
    /// rotation), under the RFC 7518 length policy. A public-key verifier takes no
    /// secret ([`Error::KeyMismatch`]).
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, Tenant, Verifier, Workspace};
    ///
    /// # let old_secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let new_secret = b"9a4e6b2c8d1f7a3e5b9c2d4f6a8e1b3c9a4e6b2c8d1f7a3e5b9c2d4f6a8e1b3c";
    /// let old = Workspace::new("ws_7f3c2a9e", old_secret, Algorithm::Hs512)?;
    /// let token = old.tenant_token_at(&Tenant::new("tenant-001"), 1_799_992_800, 7200)?;
    /// let ws = Workspace::new("ws_7f3c2a9e", new_secret, Algorithm::Hs512)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_900).unwrap_err(), Error::InvalidSignature);
    /// let verifier = Verifier::new(&ws).previous_secret(old_secret)?;
    /// assert_eq!(verifier.verify(&token, 1_799_992_900)?.tenant_key(), Some("tenant-001"));
    /// let short = Verifier::new(&ws).previous_secret(b"legacy-secret").unwrap_err();
    /// assert_eq!(short, Error::WeakKey { alg: Algorithm::Hs512, len: 13, min: 64 });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn previous_secret(self, secret: &[u8]) -> Result<Verifier, Error> {
        self.previous_secret_with_policy(secret, KeyPolicy::Rfc7518)
    }

    /// Like [`Verifier::previous_secret`] with an explicit key policy.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::KeyPolicy;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// // Moving off a legacy 13-byte secret.
    /// let legacy = b"legacy-secret";
    /// let policy = KeyPolicy::AllowWeak;
    /// let old = Workspace::with_key_policy("ws_7f3c2a9e", legacy, Algorithm::Hs512, policy)?;
    /// let token = old.admin_token_at(1_799_992_800, 300)?;
    /// let verifier = Verifier::new(&ws).previous_secret_with_policy(legacy, policy)?;
    /// assert!(verifier.verify(&token, 1_799_992_900)?.is_admin());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn previous_secret_with_policy(
        mut self,
        secret: &[u8],
        policy: KeyPolicy,
    ) -> Result<Verifier, Error> {
        policy.check(self.alg, secret.len())?;
        let mac = MacState::new(self.alg, secret)?;
        match &mut self.keys {
            Keys::Macs(macs) => macs.push(mac),
            #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
            Keys::Public(_) => {
                return Err(Error::KeyMismatch {
                    alg: self.alg,
                    key: crate::KeyKind::Secret,
                })
            }
        }
        Ok(self)
    }

    /// Seconds of clock skew tolerated for `exp`, `nbf` and `iat` (default 0).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::Error;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.workspace_token_at(1_799_992_800, 7200)?; // exp 1_800_000_000
    /// let late = 1_800_000_010; // a clock 10 s ahead of the issuer's
    /// let err = Verifier::new(&ws).verify(&token, late).unwrap_err();
    /// assert!(matches!(err, Error::Expired { exp: 1_800_000_000, .. }));
    /// assert!(Verifier::new(&ws).leeway(30).verify(&token, late).is_ok());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn leeway(mut self, secs: u64) -> Verifier {
        self.policy.leeway = secs;
        self
    }

    /// Whether `exp` must be present (default `true`).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let no_exp = ws.sign_json(r#"{"iss":"ws_7f3c2a9e","sub":"user-1"}"#)?;
    /// assert!(Verifier::new(&ws).verify(&no_exp, 1_799_992_800).is_err());
    /// let lenient = Verifier::new(&ws).require_exp(false);
    /// assert_eq!(lenient.verify(&no_exp, 1_799_992_800)?.sub(), Some("user-1"));
    /// // An `exp` that is present is still checked.
    /// let expired = ws.workspace_token_at(1_700_000_000, 60)?;
    /// assert!(lenient.verify(&expired, 1_799_992_800).is_err());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn require_exp(mut self, required: bool) -> Verifier {
        self.policy.require_exp = required;
        self
    }

    /// Which claim carries the workspace key (default [`IssuerCheck::IssOrWorkspaceKey`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::{Customer, Error, IssuerCheck, Tenant};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let verifier = Verifier::new(&ws).issuer_check(IssuerCheck::WorkspaceKey);
    /// let tenant = ws.tenant_token_at(&Tenant::new("tenant-001"), 1_799_992_800, 7200)?;
    /// assert!(verifier.verify(&tenant, 1_799_992_900).is_ok());
    /// // A quick-start token names the workspace in `iss`, not `workspaceKey`.
    /// let customer = Customer::new("customer-42", "Acme Inc.");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let err = verifier.verify(&token, 1_799_992_900).unwrap_err();
    /// assert_eq!(err, Error::MissingClaim { claim: "workspaceKey".into() });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn issuer_check(mut self, check: IssuerCheck) -> Verifier {
        self.policy.issuer = check;
        self
    }

    /// Requires a claim to be present (any value).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::{Error, Tenant};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let verifier = Verifier::new(&ws).require_claim("tenantKey");
    /// let tenant = ws.tenant_token_at(&Tenant::new("tenant-001"), 1_799_992_800, 7200)?;
    /// assert!(verifier.verify(&tenant, 1_799_992_900).is_ok());
    /// let workspace = ws.workspace_token_at(1_799_992_800, 7200)?;
    /// let err = verifier.verify(&workspace, 1_799_992_900).unwrap_err();
    /// assert_eq!(err, Error::MissingClaim { claim: "tenantKey".into() });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn require_claim(mut self, name: impl Into<String>) -> Verifier {
        self.policy.required.push(name.into());
        self
    }

    /// The longest token accepted, in bytes (default [`DEFAULT_MAX_TOKEN_LEN`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::{Error, Tenant};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let verifier = Verifier::new(&ws).max_token_len(512);
    /// let tenant = Tenant::new("tenant-001").field("notes", "n".repeat(600));
    /// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
    /// let err = verifier.verify(&token, 1_799_992_900).unwrap_err();
    /// assert_eq!(err, Error::TooLarge { len: token.len(), max: 512 });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn max_token_len(mut self, len: usize) -> Verifier {
        self.policy.max_len = len;
        self
    }

    /// The deepest nesting accepted (default [`DEFAULT_MAX_DEPTH`]). Nesting deeper than
    /// 128 is refused whatever the setting.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::{Error, Map, Part, Tenant};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// // Depth 2: the claims object and objects or arrays directly in it, such as `fields`.
    /// let verifier = Verifier::new(&ws).max_depth(2);
    /// let flat = Tenant::new("tenant-001").field("plan", "pro");
    /// let token = ws.tenant_token_at(&flat, 1_799_992_800, 60)?;
    /// assert!(verifier.verify(&token, 1_799_992_800).is_ok());
    /// let limits: Map = [("seats", 10)].into_iter().collect();
    /// let deep = Tenant::new("tenant-001").field("limits", limits);
    /// let token = ws.tenant_token_at(&deep, 1_799_992_800, 60)?;
    /// let err = verifier.verify(&token, 1_799_992_800).unwrap_err();
    /// assert_eq!(err, Error::TooDeep { part: Part::Payload, max: 2 });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn max_depth(mut self, depth: usize) -> Verifier {
        self.policy.max_depth = depth;
        self
    }

    /// Verifies `token` at Unix time `now`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::{Customer, Error};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let verifier = Verifier::new(&ws);
    /// let mint = |id| ws.customer_token_at(&Customer::new(id, "Acme Inc."), 1_799_992_800, 60);
    /// let token = mint("customer-42")?;
    /// assert_eq!(verifier.verify(&token, 1_799_992_800)?.id(), Some("customer-42"));
    /// // Another customer's claims under this token's MAC: refused.
    /// let other = mint("customer-43")?;
    /// let (claims, _) = other.rsplit_once('.').unwrap();
    /// let (_, mac) = token.rsplit_once('.').unwrap();
    /// let forged = format!("{claims}.{mac}");
    /// assert_eq!(verifier.verify(&forged, 1_799_992_800).unwrap_err(), Error::InvalidSignature);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify(&self, token: &str, now: u64) -> Result<Claims, Error> {
        verify(
            token,
            now,
            &self.key,
            self.alg,
            self.keys.as_ref(),
            &self.policy,
        )
    }

    /// Verifies `token` at `now`, then reads its claims into your type (see
    /// [`Claims::deserialize`]): every check runs before `T` sees anything.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::Tenant;
    /// use serde::Deserialize;
    ///
    /// #[derive(Debug, PartialEq, Deserialize)]
    /// #[serde(rename_all = "camelCase")]
    /// struct TenantClaims {
    ///     workspace_key: String,
    ///     tenant_key: String,
    ///     exp: u64,
    /// }
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.tenant_token_at(&Tenant::new("tenant-001"), 1_799_992_800, 7200)?;
    /// let claims: TenantClaims = Verifier::new(&ws).leeway(30).verify_as(&token, 1_799_992_900)?;
    /// assert_eq!(claims.tenant_key, "tenant-001");
    /// assert_eq!(claims.exp, 1_800_000_000);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_as<T: DeserializeOwned>(&self, token: &str, now: u64) -> Result<T, Error> {
        self.verify(token, now)?.deserialize()
    }
}

#[cfg(feature = "std")]
impl Verifier {
    /// [`Verifier::verify`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use membrane_token::{Customer, Error};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let verifier = Verifier::new(&ws).leeway(30);
    /// let token = ws.customer_token(&Customer::new("customer-42", "Acme Inc."))?; // now + 2 h
    /// assert_eq!(verifier.verify_now(&token)?.id(), Some("customer-42"));
    /// let old = ws.workspace_token_at(1_300_000_000, 7200)?; // expired in 2011
    /// let err = verifier.verify_now(&old).unwrap_err();
    /// assert!(matches!(err, Error::Expired { exp: 1_300_007_200, .. }));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_now(&self, token: &str) -> Result<Claims, Error> {
        self.verify(token, crate::unix_now()?)
    }

    /// [`Verifier::verify_as`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Verifier, Workspace};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Admin {
    ///     #[serde(rename = "isAdmin")]
    ///     is_admin: bool,
    /// }
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.admin_token()?;
    /// let admin: Admin = Verifier::new(&ws).leeway(30).verify_now_as(&token)?;
    /// assert!(admin.is_admin);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_now_as<T: DeserializeOwned>(&self, token: &str) -> Result<T, Error> {
        self.verify_as(token, crate::unix_now()?)
    }
}

impl Workspace {
    /// Verifies `token` at Unix time `now` with the strict defaults of
    /// [`Verifier::new`]: this workspace's algorithm and secret (or private key's public
    /// half) only, `exp` required, no leeway, `iss` (or `workspaceKey`) equal to this
    /// workspace's key.
    ///
    /// The token is passed alone: nothing is trimmed, and what is often pasted with it is
    /// refused by name.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Customer, Error};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_900)?.id(), Some("customer-42"));
    /// let err = |text: &str| ws.verify(text, 1_799_992_900).unwrap_err();
    /// assert_eq!(err(&format!("Bearer {token}")), Error::BearerPrefix);
    /// assert_eq!(err(&format!("{token}\n")), Error::SurroundingWhitespace);
    /// assert_eq!(err(&format!(" {token}")), Error::SurroundingWhitespace);
    /// assert_eq!(err(""), Error::EmptyToken);
    /// let expired = ws.verify(&token, 1_800_000_000).unwrap_err();
    /// assert_eq!(expired, Error::Expired { exp: 1_800_000_000, now: 1_800_000_000 });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify(&self, token: &str, now: u64) -> Result<Claims, Error> {
        verify(
            token,
            now,
            self.key(),
            self.algorithm(),
            self.verify_keys(),
            &STRICT,
        )
    }

    /// [`Workspace::verify`], then the claims read into your type (see
    /// [`Claims::deserialize`]).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Error;
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Session {
    ///     sub: String,
    ///     plan: String,
    /// }
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let json = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","plan":"pro","exp":1800000000}"#;
    /// let token = ws.sign_json(json)?;
    /// let session: Session = ws.verify_as(&token, 1_799_992_800)?;
    /// assert_eq!((session.sub.as_str(), session.plan.as_str()), ("user-1", "pro"));
    /// // Checks first: an expired token never reaches `Session`.
    /// let late = ws.verify_as::<Session>(&token, 1_800_000_000);
    /// assert!(matches!(late, Err(Error::Expired { .. })));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_as<T: DeserializeOwned>(&self, token: &str, now: u64) -> Result<T, Error> {
        self.verify(token, now)?.deserialize()
    }
}

#[cfg(feature = "std")]
impl Workspace {
    /// [`Workspace::verify`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Error, Tenant};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.tenant_token(&Tenant::new("tenant-001"))?; // now + 2 h
    /// assert_eq!(ws.verify_now(&token)?.tenant_key(), Some("tenant-001"));
    /// let old = ws.tenant_token_at(&Tenant::new("tenant-001"), 1_300_000_000, 7200)?;
    /// assert!(matches!(ws.verify_now(&old), Err(Error::Expired { exp: 1_300_007_200, .. })));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_now(&self, token: &str) -> Result<Claims, Error> {
        self.verify(token, crate::unix_now()?)
    }

    /// [`Workspace::verify_as`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Customer;
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct CustomerClaims {
    ///     id: String,
    ///     name: String,
    /// }
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.customer_token(&Customer::new("customer-42", "Acme Inc."))?;
    /// let customer: CustomerClaims = ws.verify_now_as(&token)?;
    /// assert_eq!((customer.id.as_str(), customer.name.as_str()), ("customer-42", "Acme Inc."));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_now_as<T: DeserializeOwned>(&self, token: &str) -> Result<T, Error> {
        self.verify_as(token, crate::unix_now()?)
    }
}

/// [`Policy::default`] as a static, so `Workspace::verify` builds nothing per call.
static STRICT: Policy = Policy {
    leeway: 0,
    require_exp: true,
    issuer: IssuerCheck::IssOrWorkspaceKey,
    required: Vec::new(),
    max_len: DEFAULT_MAX_TOKEN_LEN,
    max_depth: DEFAULT_MAX_DEPTH,
};

/// A verified token's header and claims.
///
/// The payload is kept as the token's own JSON text with an index of its top-level
/// members, so verifying allocates twice whatever the claims; values are read from
/// the text when asked. Strings come back borrowed, objects and other values as new
/// [`Value`]s.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Tenant, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let tenant = Tenant::new("tenant-001").name("Tenant One").field("tier", "gold");
/// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
/// let claims = ws.verify(&token, 1_799_992_900)?;
/// assert_eq!(claims.tenant_key(), Some("tenant-001")); // borrowed from the token's text
/// assert_eq!(claims.exp(), Some(1_800_000_000));
/// assert_eq!(claims.raw("fields"), Some(r#"{"tier":"gold"}"#));
/// let names: Vec<&str> = claims.names().collect();
/// assert_eq!(names, ["workspaceKey", "tenantKey", "name", "fields", "iat", "exp"]);
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, PartialEq)]
pub struct Claims {
    alg: Algorithm,
    header: Header,
    /// The payload JSON as in the token, then the unescaped text of any top-level
    /// names and string values that hold escapes.
    text: String,
    payload_len: usize,
    members: Vec<Member>,
}

#[derive(Clone, Debug, PartialEq)]
enum Header {
    /// One of the three headers the libraries write, recognised by its bytes.
    Standard(HeaderStyle),
    Parsed(Map),
}

impl fmt::Debug for Claims {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Claims")
            .field("alg", &self.alg)
            .field("header", &self.header)
            .field("payload", &self.payload_json())
            .finish()
    }
}

impl Claims {
    /// Takes the scanned payload and makes every top-level name and string value
    /// readable as a plain `&str`, unescaping the (rare) ones with escapes.
    fn new(alg: Algorithm, header: Header, mut text: String, mut members: Vec<Member>) -> Claims {
        let payload_len = text.len();
        for member in &mut members {
            if member.name_escaped {
                member.name = unescape_onto(&mut text, member.name.clone());
                member.name_escaped = false;
            }
            if let Some((range, true)) = member.string.clone() {
                member.string = Some((unescape_onto(&mut text, range), false));
            }
        }
        Claims {
            alg,
            header,
            text,
            payload_len,
            members,
        }
    }

    /// The algorithm the token was signed with.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs384)?;
    /// let token = ws.workspace_token_at(1_799_992_800, 7200)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_900)?.algorithm(), Algorithm::Hs384);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The header's members.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Profile, Value};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let node = ws.verify(&ws.workspace_token_at(1_799_992_800, 60)?, 1_799_992_800)?.header();
    /// assert_eq!(node.get("alg"), Some(&Value::from("HS512")));
    /// assert_eq!(node.get("typ"), Some(&Value::from("JWT")));
    /// let ruby = ws.with_profile(Profile::Ruby).workspace_token_at(1_799_992_800, 60)?;
    /// let header = ws.verify(&ruby, 1_799_992_800)?.header();
    /// assert_eq!(header.iter().map(|(name, _)| name).collect::<Vec<_>>(), ["alg"]);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn header(&self) -> Map {
        match &self.header {
            Header::Standard(style) => match Value::parse(style.json(self.alg), Part::Header) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            },
            Header::Parsed(map) => map.clone(),
        }
    }

    /// Reads the verified claims into your own `#[derive(Deserialize)]` type.
    ///
    /// The token has passed every check by the time a `Claims` exists (MAC, header,
    /// duplicate members, the types of the registered claims, `exp`, issuer), so `T`
    /// only ever sees verified JSON. Unknown claims are ignored unless `T` says
    /// `#[serde(deny_unknown_fields)]`. A mismatch is [`Error::ClaimsType`] with serde's
    /// reason (bounded in length).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Error, Tenant};
    /// use serde::Deserialize;
    ///
    /// #[derive(Deserialize)]
    /// struct Fields {
    ///     tier: String,
    ///     seats: u32,
    /// }
    /// #[derive(Deserialize)]
    /// struct TenantToken {
    ///     #[serde(rename = "tenantKey")]
    ///     tenant_key: String,
    ///     fields: Fields,
    /// }
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let tenant = Tenant::new("tenant-001").field("tier", "gold").field("seats", 10);
    /// let claims = ws.verify(&ws.tenant_token_at(&tenant, 1_799_992_800, 60)?, 1_799_992_800)?;
    /// let typed: TenantToken = claims.deserialize()?;
    /// assert_eq!((typed.tenant_key.as_str(), typed.fields.tier.as_str()), ("tenant-001", "gold"));
    /// assert_eq!(typed.fields.seats, 10);
    /// // Claims that do not fit the type: `ClaimsType`, with serde's reason.
    /// #[derive(Debug, Deserialize)]
    /// struct Wrong {
    ///     fields: Vec<String>,
    /// }
    /// let err = claims.deserialize::<Wrong>().unwrap_err();
    /// assert!(matches!(err, Error::ClaimsType { .. }));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn deserialize<T: DeserializeOwned>(&self) -> Result<T, Error> {
        serde_json::from_str(self.payload_json()).map_err(|e| Error::ClaimsType {
            reason: crate::error::bounded_reason(&e),
        })
    }

    /// The payload's JSON text, exactly as the token carries it.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// // Spaces after `:` and `,`, as Python's `json.dumps` writes by default.
    /// let payload = r#"{"iss": "ws_7f3c2a9e", "sub": "user-1", "exp": 1800000000}"#;
    /// let token = ws.sign_raw(br#"{"alg":"HS512","typ":"JWT"}"#, payload.as_bytes());
    /// assert_eq!(ws.verify(&token, 1_799_992_800)?.payload_json(), payload);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn payload_json(&self) -> &str {
        self.text.get(..self.payload_len).unwrap_or_default()
    }

    /// All claims, in the token's order, as values.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// use membrane_token::Value;
    ///
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// let payload = claims.payload();
    /// assert_eq!(payload.len(), 6);
    /// assert_eq!(payload.get("exp"), Some(&Value::from(1_800_000_000u64)));
    /// assert_eq!(payload.iter().next(), Some(("id", &Value::from("customer-42"))));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn payload(&self) -> Map {
        match Value::parse(self.payload_json(), Part::Payload) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }

    /// The claims' names, in the token's order.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// let names: Vec<&str> = claims.names().collect();
    /// // The order Node's `jwt.sign({id, name, fields}, secret, {issuer, expiresIn})` writes.
    /// assert_eq!(names, ["id", "name", "fields", "iat", "exp", "iss"]);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.members.iter().map(|m| self.slice(&m.name))
    }

    /// Whether the token has a claim `name`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert!(claims.contains("fields"));
    /// assert!(!claims.contains("nbf"));
    /// assert!(!claims.contains("Fields")); // names are case-sensitive
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn contains(&self, name: &str) -> bool {
        self.member(name).is_some()
    }

    /// A claim's JSON text, exactly as the token carries it.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Value;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let payload = br#"{"iss":"ws_7f3c2a9e","score":1.50,"exp":1800000000}"#;
    /// let token = ws.sign_raw(br#"{"alg":"HS512","typ":"JWT"}"#, payload);
    /// let claims = ws.verify(&token, 1_799_992_800)?;
    /// assert_eq!(claims.raw("score"), Some("1.50")); // as signed
    /// assert_eq!(claims.get("score"), Some(Value::from(1.5))); // as a value
    /// assert_eq!(claims.raw("sub"), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.member(name).map(|m| self.slice(&m.value))
    }

    /// Any claim by name, as a value.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// use membrane_token::{Map, Value};
    ///
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// let fields: Map = [("userField", "pro")].into_iter().collect();
    /// assert_eq!(claims.get("fields"), Some(Value::Object(fields)));
    /// assert_eq!(claims.get("iat"), Some(Value::from(1_799_992_800u64)));
    /// assert_eq!(claims.get("sub"), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn get(&self, name: &str) -> Option<Value> {
        self.raw(name)
            .and_then(|raw| Value::parse(raw, Part::Payload).ok())
    }

    fn slice(&self, range: &Range<usize>) -> &str {
        self.text.get(range.clone()).unwrap_or_default()
    }

    fn member(&self, name: &str) -> Option<&Member> {
        let text = self.text.as_bytes();
        self.members
            .iter()
            .find(|m| text.get(m.name.clone()) == Some(name.as_bytes()))
    }

    /// A claim that is a string.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let json = r#"{"iss":"ws_7f3c2a9e","plan":"pro","seats":10,"exp":1800000000}"#;
    /// let token = ws.sign_json(json)?;
    /// let claims = ws.verify(&token, 1_799_992_800)?;
    /// assert_eq!(claims.str_claim("plan"), Some("pro"));
    /// assert_eq!(claims.str_claim("seats"), None); // a number, not a string
    /// assert_eq!(claims.str_claim("region"), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn str_claim(&self, name: &str) -> Option<&str> {
        self.member(name).and_then(|m| self.string_of(m))
    }

    /// A claim that is an integer from 0 to 253402300799 (a time).
    fn time(&self, name: &str) -> Option<u64> {
        self.member(name).and_then(|m| self.time_of(m))
    }

    fn time_of(&self, member: &Member) -> Option<u64> {
        let digits = self.text.as_bytes().get(member.value.clone())?;
        if digits.is_empty() || digits.len() > 12 {
            return None;
        }
        digits
            .iter()
            .try_fold(0u64, |n, &d| {
                d.is_ascii_digit().then(|| n * 10 + u64::from(d - b'0'))
            })
            .filter(|t| *t <= MAX_TIME)
    }

    fn string_of(&self, member: &Member) -> Option<&str> {
        member.string.as_ref().map(|(range, _)| self.slice(range))
    }

    /// `id`: the customer id of a quick-start token.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.id(), Some("customer-42"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn id(&self) -> Option<&str> {
        self.str_claim("id")
    }

    /// `name`: the customer's or tenant's display name.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.name(), Some("Acme Inc."));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn name(&self) -> Option<&str> {
        self.str_claim("name")
    }

    /// `fields`: the customer's or tenant's fields (an object).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// use membrane_token::Value;
    ///
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// let fields = claims.fields().unwrap();
    /// assert_eq!(fields.get("userField"), Some(&Value::from("pro")));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn fields(&self) -> Option<Map> {
        match self.get("fields")? {
            Value::Object(map) => Some(map),
            _ => None,
        }
    }

    /// `workspaceKey` (current-format tokens).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let tenant = Tenant::new("tenant-001").name("Tenant One").field("tier", "gold");
    /// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.workspace_key(), Some("ws_7f3c2a9e"));
    /// assert_eq!(claims.iss(), None); // current-format tokens have no `iss`
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn workspace_key(&self) -> Option<&str> {
        self.str_claim("workspaceKey")
    }

    /// `tenantKey` (current-format tenant tokens).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let tenant = Tenant::new("tenant-001").name("Tenant One").field("tier", "gold");
    /// let token = ws.tenant_token_at(&tenant, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.tenant_key(), Some("tenant-001"));
    /// let workspace = ws.verify(&ws.workspace_token_at(1_799_992_800, 60)?, 1_799_992_800)?;
    /// assert_eq!(workspace.tenant_key(), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn tenant_key(&self) -> Option<&str> {
        self.str_claim("tenantKey")
    }

    /// `isAdmin`: `true` only for workspace management tokens.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Error;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let admin = ws.verify(&ws.admin_token_at(1_799_992_800, 300)?, 1_799_992_800)?;
    /// assert!(admin.is_admin());
    /// let workspace = ws.verify(&ws.workspace_token_at(1_799_992_800, 300)?, 1_799_992_800)?;
    /// assert!(!workspace.is_admin());
    /// // A string "true" is not a boolean: such a token is refused, not read as an admin.
    /// let json = r#"{"workspaceKey":"ws_7f3c2a9e","isAdmin":"true","exp":1800000000}"#;
    /// let err = ws.verify(&ws.sign_json(json)?, 1_799_992_800).unwrap_err();
    /// assert_eq!(err, Error::InvalidClaim { claim: "isAdmin", expected: "a boolean" });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn is_admin(&self) -> bool {
        self.raw("isAdmin") == Some("true")
    }

    /// `iat`, seconds since the epoch.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.iat(), Some(1_799_992_800));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn iat(&self) -> Option<u64> {
        self.time("iat")
    }

    /// `exp`, seconds since the epoch.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.exp(), Some(1_799_992_800 + 7200));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn exp(&self) -> Option<u64> {
        self.time("exp")
    }

    /// `nbf`, seconds since the epoch.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Error;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let json = r#"{"iss":"ws_7f3c2a9e","nbf":1799996400,"exp":1800000000}"#;
    /// let token = ws.sign_json(json)?;
    /// assert_eq!(ws.verify(&token, 1_799_996_400)?.nbf(), Some(1_799_996_400));
    /// let early = ws.verify(&token, 1_799_992_800).unwrap_err();
    /// assert_eq!(early, Error::NotYetValid { nbf: 1_799_996_400, now: 1_799_992_800 });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn nbf(&self) -> Option<u64> {
        self.time("nbf")
    }

    /// `iss`: the workspace key in quick-start and request tokens.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// let claims = ws.verify(&token, 1_799_992_900)?;
    /// assert_eq!(claims.iss(), Some("ws_7f3c2a9e"));
    /// assert_eq!(claims.workspace_key(), None); // quick-start tokens have no `workspaceKey`
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn iss(&self) -> Option<&str> {
        self.str_claim("iss")
    }

    /// `sub`: the user id in Membrane's request tokens.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let token = ws.sign_json(r#"{"iss":"ws_7f3c2a9e","sub":"user-1","exp":1800000000}"#)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_800)?.sub(), Some("user-1"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn sub(&self) -> Option<&str> {
        self.str_claim("sub")
    }
}

/// Appends the unescaped form of the string contents at `range` to `text` and
/// returns where it went.
fn unescape_onto(text: &mut String, range: Range<usize>) -> Range<usize> {
    let unescaped: String = Unescaped::new(text.get(range).unwrap_or_default()).collect();
    let start = text.len();
    text.push_str(&unescaped);
    start..text.len()
}

/// A token's header and payload, decoded WITHOUT checking its signature or claims.
///
/// For debugging and logging only: nothing in it may be trusted.
///
/// # Examples
///
/// ```
/// use membrane_token::{decode_unverified, Unverified, Value};
///
/// # let token = concat!(
/// # "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
/// # "eyJ3b3Jrc3BhY2VLZXkiOiJ3c183ZjNjMmE5ZSIsImlhdCI6MTc5OTk5MjgwMCwiZXhwIjoxODAwMDAw",
/// # "MDAwfQ.",
/// # "m6NJPlYtp1-eJKYp7uJsSxpPIRoLfrPVSd1g35gAqTE",
/// # );
/// let Unverified { header, payload } = decode_unverified(token)?;
/// assert_eq!(header.get("alg"), Some(&Value::from("HS256")));
/// assert_eq!(payload.get("workspaceKey"), Some(&Value::from("ws_7f3c2a9e")));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Unverified {
    /// The header's members, as the token has them.
    pub header: Map,
    /// The claims, as the token has them.
    pub payload: Map,
}

/// Decodes a token's header and payload WITHOUT verifying anything but its structure
/// (size, segments, canonical base64url, JSON objects without duplicate members).
/// Never use the result to authorize anything.
///
/// # Examples
///
/// ```
/// use membrane_token::{decode_unverified, Error, Value};
///
/// // A token whose secret we do not have (made by Node jsonwebtoken).
/// let token = concat!(
///     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
///     "eyJ3b3Jrc3BhY2VLZXkiOiJ3c183ZjNjMmE5ZSIsImlhdCI6MTc5OTk5MjgwMCwiZXhwIjoxODAwMDAw",
///     "MDAwfQ.",
///     "m6NJPlYtp1-eJKYp7uJsSxpPIRoLfrPVSd1g35gAqTE",
/// );
/// let decoded = decode_unverified(token)?;
/// assert_eq!(decoded.payload.get("exp"), Some(&Value::from(1_800_000_000u64)));
/// // The structure is still checked, and the token must be passed alone.
/// assert_eq!(decode_unverified("a.b.c.d"), Err(Error::SegmentCount { found: 4 }));
/// assert_eq!(decode_unverified(&format!("Bearer {token}")), Err(Error::BearerPrefix));
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub fn decode_unverified(token: &str) -> Result<Unverified, Error> {
    let segments = split(token, DEFAULT_MAX_TOKEN_LEN)?;
    if !segments.signature.is_empty() {
        b64::validate_alphabet(segments.signature, Part::Signature)?;
    }
    let header = parse_object(segments.header, Part::Header, DEFAULT_MAX_DEPTH)?;
    let payload = parse_object(segments.payload, Part::Payload, DEFAULT_MAX_DEPTH)?;
    Ok(Unverified { header, payload })
}

struct Segments<'t> {
    header: &'t str,
    payload: &'t str,
    signature: &'t str,
    /// `header "." payload`: the MAC's input.
    signing_input: &'t str,
}

/// Splits a token into its segments after the checks every entry point shares: the
/// length limit, then the one input rule (the token alone: empty, `Bearer `-prefixed
/// and whitespace-wrapped tokens are refused by name, nothing is trimmed), then
/// exactly three segments.
fn split(token: &str, max_len: usize) -> Result<Segments<'_>, Error> {
    if token.len() > max_len {
        return Err(Error::TooLarge {
            len: token.len(),
            max: max_len,
        });
    }
    check_token_alone(token)?;
    let segment_count = || Error::SegmentCount {
        found: token.bytes().filter(|&b| b == b'.').count() + 1,
    };
    let (header, rest) = token.split_once('.').ok_or_else(segment_count)?;
    let (payload, signature) = rest.split_once('.').ok_or_else(segment_count)?;
    if signature.contains('.') {
        return Err(segment_count());
    }
    let signing_input = token
        .get(..header.len() + 1 + payload.len())
        .unwrap_or_default();
    Ok(Segments {
        header,
        payload,
        signature,
        signing_input,
    })
}

/// The input rule shared by the library, [`Verifier`], the request verifier and the
/// CLI: a token is passed alone. What else is pasted with it is named, not trimmed.
fn check_token_alone(token: &str) -> Result<(), Error> {
    let bytes = token.as_bytes();
    let (Some(first), Some(last)) = (bytes.first(), bytes.last()) else {
        return Err(Error::EmptyToken);
    };
    let bearer = match bytes.get(..7) {
        Some([word @ .., separator]) => {
            word.eq_ignore_ascii_case(b"bearer") && matches!(separator, b' ' | b'\t')
        }
        _ => false,
    };
    if bearer {
        return Err(Error::BearerPrefix);
    }
    if first.is_ascii_whitespace() || last.is_ascii_whitespace() {
        return Err(Error::SurroundingWhitespace);
    }
    Ok(())
}

/// Decodes, checks and parses a header or payload segment into an object.
fn parse_object(segment: &str, part: Part, max_depth: usize) -> Result<Map, Error> {
    parse_json_object(&b64::decode_vec(segment, part)?, part, max_depth)
}

/// Checks and parses decoded header or payload bytes into an object.
fn parse_json_object(bytes: &[u8], part: Part, max_depth: usize) -> Result<Map, Error> {
    let text = core::str::from_utf8(bytes).map_err(|_| Error::InvalidUtf8(part))?;
    check_depth(text, part, max_depth)?;
    match Value::parse(text, part)? {
        Value::Object(map) => Ok(map),
        _ => Err(Error::NotAnObject(part)),
    }
}

/// Refuses nesting deeper than `max` before the parser sees the text, in one pass that
/// skips over strings (so brackets inside strings do not count).
fn check_depth(text: &str, part: Part, max: usize) -> Result<(), Error> {
    let mut depth = 0usize;
    let mut in_string = false;
    let mut escaped = false;
    for b in text.bytes() {
        if in_string {
            match (escaped, b) {
                (true, _) => escaped = false,
                (false, b'\\') => escaped = true,
                (false, b'"') => in_string = false,
                _ => {}
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > max {
                    return Err(Error::TooDeep { part, max });
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

/// Checks the MAC against every candidate state without stopping at the first match,
/// so timing reveals at most how many secrets were tried, not which one matched. The
/// computed MAC is encoded (in constant time) and compared with the signature as
/// sent, which `b64::validate` has already checked to be canonical: equal texts mean
/// equal MACs, and nothing of the received text needs decoding.
pub(crate) fn mac_matches(macs: &[MacState], signing_input: &[u8], signature: &str) -> bool {
    let mut matched = Choice::from(0);
    for mac in macs {
        let mut text = [0u8; 88];
        matched |= b64::encode_tag(mac.tag(signing_input).as_slice(), &mut text)
            .ct_eq(signature.as_bytes());
    }
    bool::from(matched)
}

pub(crate) fn verify(
    token: &str,
    now: u64,
    key: &str,
    alg: Algorithm,
    keys: VerifyKeys<'_>,
    policy: &Policy,
) -> Result<Claims, Error> {
    let segments = split(token, policy.max_len)?;
    let header = match HeaderStyle::recognise(segments.header, alg) {
        Some(style) => Ok(style),
        None => Err(b64::decode_vec(segments.header, Part::Header)?),
    };
    let payload = b64::decode_vec(segments.payload, Part::Payload)?;
    if let Err(wrong_length) = check_signature(keys, alg, &segments)? {
        return Err(match explain_mismatch(header.as_ref().err(), alg) {
            Error::InvalidSignature => wrong_length.unwrap_or(Error::InvalidSignature),
            explained => explained,
        });
    }
    let header = match header {
        Ok(style) => Header::Standard(style),
        Err(bytes) => {
            let map = parse_json_object(&bytes, Part::Header, policy.max_depth)?;
            check_header(&map, alg)?;
            Header::Parsed(map)
        }
    };
    let text = String::from_utf8(payload).map_err(|_| Error::InvalidUtf8(Part::Payload))?;
    let members = scan::scan_object(&text, policy.max_depth)
        .map_err(|e| scan_error(e, &text, policy.max_depth))?;
    let claims = Claims::new(alg, header, text, members);
    check_claims(&claims, now, key, policy)?;
    Ok(claims)
}

/// Checks the signature segment with the verifier's own keys and pinned algorithm.
///
/// `Err(..)` of the outer result is a malformed segment. The inner result is the
/// verdict: `Ok(())` when a key verifies it, else `Err(Some(SignatureLength))` when the
/// signature has a length no configured public key produces (a DER ECDSA signature,
/// a token for another key size), or `Err(None)`.
#[cfg_attr(
    not(any(feature = "rsa", feature = "ecdsa", feature = "eddsa")),
    allow(unused_variables)
)]
fn check_signature(
    keys: VerifyKeys<'_>,
    alg: Algorithm,
    segments: &Segments<'_>,
) -> Result<Result<(), Option<Error>>, Error> {
    let input = segments.signing_input.as_bytes();
    match keys {
        VerifyKeys::Macs(macs) => {
            b64::validate(segments.signature, Part::Signature)?;
            Ok(if mac_matches(macs, input, segments.signature) {
                Ok(())
            } else {
                Err(None)
            })
        }
        #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
        VerifyKeys::Public(public_keys) => {
            // A public-key signature is public: the plain table decoder is enough.
            let signature = b64::decode_vec(segments.signature, Part::Signature)?;
            if public_keys.iter().any(|k| k.verify(alg, input, &signature)) {
                return Ok(Ok(()));
            }
            let len = signature.len();
            let wrong_length = match public_keys.first() {
                Some(first) if public_keys.iter().all(|k| k.signature_len() != len) => {
                    Some(Error::SignatureLength {
                        alg,
                        len,
                        expected: first.signature_len(),
                    })
                }
                _ => None,
            };
            Ok(Err(wrong_length))
        }
    }
}

/// The error for a signature that does not verify. The token is already refused; its header
/// (public, and decoded only when it was not one of the pinned algorithm's standard
/// headers) is read just to tell a misconfigured algorithm or an unsupported `alg`
/// from a wrong secret or an altered token.
fn explain_mismatch(header: Option<&Vec<u8>>, pinned: Algorithm) -> Error {
    let named = header
        .and_then(|bytes| core::str::from_utf8(bytes).ok())
        .and_then(|text| match Value::parse(text, Part::Header) {
            Ok(Value::Object(map)) => map.get("alg").and_then(Value::as_str).map(String::from),
            _ => None,
        });
    match named {
        Some(name) => match Algorithm::from_name(&name) {
            Some(found) if found != pinned => Error::SignatureAlgorithmMismatch {
                expected: pinned,
                found,
            },
            Some(_) => Error::InvalidSignature,
            None => Error::UnsupportedAlgorithm(foreign(&name)),
        },
        None => Error::InvalidSignature,
    }
}

fn scan_error(error: ScanError, text: &str, max_depth: usize) -> Error {
    let part = Part::Payload;
    match error {
        ScanError::Syntax(offset) => {
            let (line, column) = scan::line_column(text, offset);
            Error::InvalidJson { part, line, column }
        }
        ScanError::Duplicate => Error::DuplicateMember(part),
        ScanError::TooDeep => Error::TooDeep {
            part,
            max: max_depth.min(scan::MAX_DEPTH),
        },
        ScanError::NotAnObject => Error::NotAnObject(part),
    }
}

/// Header members that change how a token must be processed or where its key comes
/// from; none has a place in a Membrane token, so their presence is refused.
const REFUSED_HEADER_MEMBERS: [&str; 12] = [
    "crit", "b64", "jku", "jwk", "x5u", "x5c", "x5t", "x5t#S256", "cty", "zip", "enc", "epk",
];

pub(crate) fn check_header(header: &Map, pinned: Algorithm) -> Result<(), Error> {
    for (name, value) in header.iter() {
        if let Some(member) = REFUSED_HEADER_MEMBERS.iter().find(|m| **m == name) {
            return Err(Error::UnsupportedHeader { member });
        }
        let acceptable = match name {
            "typ" => value
                .as_str()
                .is_some_and(|t| t.eq_ignore_ascii_case("JWT")),
            "kid" => value.as_str().is_some(),
            _ => true,
        };
        if !acceptable {
            let member = if name == "typ" { "typ" } else { "kid" };
            return Err(Error::UnsupportedHeader { member });
        }
    }
    let name = header
        .get("alg")
        .and_then(Value::as_str)
        .ok_or(Error::MissingAlgorithm)?;
    match Algorithm::from_name(name) {
        Some(found) if found == pinned => Ok(()),
        // Another algorithm of the verifier's own kind (HS512 under HS256, ES256 under
        // RS256): most likely a misconfigured `alg`.
        Some(found) if found.is_hmac() == pinned.is_hmac() => Err(Error::AlgorithmMismatch {
            expected: pinned,
            found,
        }),
        // The other kind: a token that wants its signature read with another kind of key
        // than this verifier holds, the key-confusion attack's shape.
        Some(found) if found.is_hmac() => Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac)),
        Some(_) => Err(Error::UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric)),
        None => Err(Error::UnsupportedAlgorithm(foreign(name))),
    }
}

/// An `alg` this crate does not know: `none` (any case) or anything else.
fn foreign(name: &str) -> ForeignAlgorithm {
    if name.eq_ignore_ascii_case("none") {
        ForeignAlgorithm::None
    } else {
        ForeignAlgorithm::Unknown
    }
}

/// The registered claims the verifier checks, found in one pass over the claims.
#[derive(Default)]
struct Registered<'c> {
    exp: Option<&'c Member>,
    nbf: Option<&'c Member>,
    iat: Option<&'c Member>,
    iss: Option<&'c Member>,
    sub: Option<&'c Member>,
    workspace_key: Option<&'c Member>,
    tenant_key: Option<&'c Member>,
    is_admin: Option<&'c Member>,
    fields: Option<&'c Member>,
}

impl<'c> Registered<'c> {
    fn find(claims: &'c Claims) -> Registered<'c> {
        let mut found = Registered::default();
        for member in &claims.members {
            let slot = match claims.slice(&member.name) {
                "exp" => &mut found.exp,
                "nbf" => &mut found.nbf,
                "iat" => &mut found.iat,
                "iss" => &mut found.iss,
                "sub" => &mut found.sub,
                "workspaceKey" => &mut found.workspace_key,
                "tenantKey" => &mut found.tenant_key,
                "isAdmin" => &mut found.is_admin,
                "fields" => &mut found.fields,
                _ => continue,
            };
            *slot = Some(member);
        }
        found
    }
}

/// Reads a time claim: absent, or an integer from 0 to [`MAX_TIME`].
fn time_claim(
    claims: &Claims,
    member: Option<&Member>,
    claim: &'static str,
) -> Result<Option<u64>, Error> {
    member
        .map(|m| {
            claims.time_of(m).ok_or(Error::InvalidClaim {
                claim,
                expected: "an integer from 0 to 253402300799",
            })
        })
        .transpose()
}

/// Checks that `claim`, if present, is a string.
fn string_claim<'c>(
    claims: &'c Claims,
    member: Option<&Member>,
    claim: &'static str,
) -> Result<Option<&'c str>, Error> {
    member
        .map(|m| {
            claims.string_of(m).ok_or(Error::InvalidClaim {
                claim,
                expected: "a string",
            })
        })
        .transpose()
}

pub(crate) fn check_claims(
    claims: &Claims,
    now: u64,
    key: &str,
    policy: &Policy,
) -> Result<(), Error> {
    let leeway = policy.leeway;
    let found = Registered::find(claims);
    let exp = time_claim(claims, found.exp, "exp")?;
    let nbf = time_claim(claims, found.nbf, "nbf")?;
    let iat = time_claim(claims, found.iat, "iat")?;
    match exp {
        Some(exp) if now >= exp.saturating_add(leeway) => return Err(Error::Expired { exp, now }),
        None if policy.require_exp => {
            return Err(Error::MissingClaim {
                claim: "exp".into(),
            })
        }
        _ => {}
    }
    if let Some(nbf) = nbf.filter(|nbf| *nbf > now.saturating_add(leeway)) {
        return Err(Error::NotYetValid { nbf, now });
    }
    if let Some(iat) = iat.filter(|iat| *iat > now.saturating_add(leeway)) {
        return Err(Error::IssuedInFuture { iat, now });
    }
    let iss = string_claim(claims, found.iss, "iss")?;
    let workspace_key = string_claim(claims, found.workspace_key, "workspaceKey")?;
    string_claim(claims, found.sub, "sub")?;
    string_claim(claims, found.tenant_key, "tenantKey")?;
    let raw = |member: &Member| claims.slice(&member.value);
    if found
        .is_admin
        .is_some_and(|m| raw(m) != "true" && raw(m) != "false")
    {
        return Err(Error::InvalidClaim {
            claim: "isAdmin",
            expected: "a boolean",
        });
    }
    // PHP writes an empty `fields` array for an empty object (its arrays are both),
    // so `[]` is accepted as "no fields"; anything else must be an object.
    let object_or_empty_array = |raw: &str| {
        raw.starts_with('{')
            || raw
                .strip_prefix('[')
                .and_then(|inner| inner.strip_suffix(']'))
                .is_some_and(|inner| inner.trim_matches([' ', '\t', '\n', '\r']).is_empty())
    };
    if found.fields.is_some_and(|m| !object_or_empty_array(raw(m))) {
        return Err(Error::InvalidClaim {
            claim: "fields",
            expected: "an object",
        });
    }
    let issuer = match policy.issuer {
        IssuerCheck::Skip => None,
        IssuerCheck::Iss => Some(iss.ok_or_else(|| missing("iss"))?),
        IssuerCheck::WorkspaceKey => Some(workspace_key.ok_or_else(|| missing("workspaceKey"))?),
        IssuerCheck::IssOrWorkspaceKey => {
            if let (Some(iss), Some(wk)) = (iss, workspace_key) {
                if wk != key {
                    return Err(Error::WrongIssuer);
                }
                Some(iss)
            } else {
                Some(iss.or(workspace_key).ok_or_else(|| missing("iss"))?)
            }
        }
    };
    if issuer.is_some_and(|issuer| issuer != key) {
        return Err(Error::WrongIssuer);
    }
    if let Some(name) = policy.required.iter().find(|name| !claims.contains(name)) {
        return Err(Error::MissingClaim {
            claim: name.clone(),
        });
    }
    Ok(())
}

fn missing(claim: &str) -> Error {
    Error::MissingClaim {
        claim: claim.into(),
    }
}
