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
//! parsing it, and the payload is validated by [`scan`](crate::json::scan) into an
//! index of its top-level members rather than parsed into owned values.
//!
//! - this file: the [`Verifier`] (pinned algorithm, keys, policy) and
//!   [`Workspace::verify`].
//! - [`pipeline`]: one token through that order of work; [`decode_unverified`].
//! - [`claims`]: the verified [`Claims`], read from the payload's text when asked.
//! - [`checks`]: the [`Policy`], and the header and registered-claim checks it sets.

mod checks;
mod claims;
mod pipeline;

pub(crate) use checks::Policy;
pub use checks::{IssuerCheck, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKEN_LEN};
pub use claims::Claims;
pub(crate) use pipeline::verify;
pub use pipeline::{decode_unverified, Unverified};

use checks::STRICT;

use alloc::string::String;

use serde::de::DeserializeOwned;

use crate::sig::hmac::MacState;
use crate::sig::policy::KeyPolicy;
use crate::sig::signer::Keys;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
use crate::PublicKey;
use crate::{Algorithm, Error, Workspace};

/// A configurable verifier for one workspace: the algorithm is pinned, and it may hold
/// previous secrets (or public keys) during a rotation.
///
/// Built from a secret ([`Verifier::new`] of an HMAC workspace) it checks HMACs and
/// never accepts a public-key token; built from a public key
/// (`Verifier::with_public_key`, with the `rsa`, `ecdsa` or `eddsa` feature, or
/// [`Verifier::new`] of a private-key workspace) it
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
    /// use membrane_token::{Algorithm, Error, ForeignAlgorithm, PrivateKey, Verifier, Workspace};
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
    ///     Some(Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac))
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
