//! Minting tokens: the [`Workspace`] and its three token formats.
//!
//! A token is `prefix || base64url(payload) || "." || base64url(signature)`, where the
//! prefix (`base64url(header) "."`), the HMAC state that has absorbed it, and each
//! format's [`Template`] (its constant JSON, already encoded) are computed once per
//! workspace. Per token the work is: write the caller's values into the streaming
//! base64url encoder between the template's constants, then for HMAC hash the encoded
//! payload from a clone of the prefixed state and append the encoded MAC; for a
//! private key ([`Signer`]), sign the finished `header.payload` and append the
//! encoded signature.

pub(crate) mod claims;
pub(crate) mod template;

use alloc::string::String;
use core::fmt;

use crate::b64::{self, Encoder};
use crate::json::value::{Map, Value};
use crate::json::writer::JsonWriter;
use crate::sig::hmac::MacState;
use crate::sig::policy::KeyPolicy;
use crate::sig::signer::{Signer, VerifyKeys};
use crate::sign::claims::{Customer, Tenant};
use crate::sign::template::{Claim, Template};
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
use crate::PrivateKey;
use crate::{Algorithm, Error, Part, Profile};

/// Membrane's documented token lifetime, in seconds.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Customer, Workspace, DEFAULT_TTL_SECS};
///
/// assert_eq!(DEFAULT_TTL_SECS, 2 * 60 * 60); // two hours
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let customer = Customer::new("customer-42", "Acme Inc.");
/// let token = ws.customer_token_at(&customer, 1_799_992_800, DEFAULT_TTL_SECS)?;
/// assert_eq!(ws.verify(&token, 1_799_992_800)?.exp(), Some(1_800_000_000));
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub const DEFAULT_TTL_SECS: u64 = 7200;

/// The longest accepted workspace key, in bytes.
const MAX_WORKSPACE_KEY_LEN: usize = 1024;

/// A workspace's key and signing key (the keyed HMAC state of its secret, or a private
/// key): everything needed to mint (and verify) its tokens. Build it once and share it
/// (`Send + Sync`, signs through `&self`).
///
/// # Examples
///
/// ```
/// use std::sync::Arc;
/// use membrane_token::{Algorithm, Customer, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Arc::new(Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?); // once
/// let worker = Arc::clone(&ws);
/// let token = std::thread::spawn(move || {
///     let customer = Customer::new("customer-42", "Acme Inc.");
///     worker.customer_token_at(&customer, 1_799_992_800, 7200)
/// });
/// let token = token.join().unwrap()?;
/// assert_eq!(ws.verify(&token, 1_799_992_900)?.id(), Some("customer-42"));
/// assert!(!format!("{ws:?}").contains("3d1f9c7b")); // `Debug` shows no key material
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone)]
pub struct Workspace {
    key: String,
    alg: Algorithm,
    profile: Profile,
    /// `base64url(header) "."` for this profile and algorithm.
    prefix: String,
    /// HMAC keyed with the secret, or the private key; nothing absorbed yet (raw
    /// signing, verifying).
    signer: Signer,
    /// For HMAC, the keyed state after absorbing `prefix`: the starting point of every
    /// minted token. `None` for a private key, which signs each whole token.
    prefixed: Option<MacState>,
    /// The four token formats compiled for this key and profile.
    formats: Formats,
    /// The header's `kid`, when the caller asked for one.
    kid: Option<String>,
}

#[derive(Clone)]
struct Formats {
    customer: Template,
    tenant: Template,
    workspace: Template,
    admin: Template,
}

impl Formats {
    fn compile(key: &str, profile: Profile, prefix: &str, keyed: Option<&MacState>) -> Formats {
        let rules = profile.rules();
        let compile =
            |spec: &[template::ClaimSpec]| Template::compile(spec, key, rules, prefix, keyed);
        Formats {
            customer: compile(&template::CUSTOMER),
            tenant: compile(&template::TENANT),
            workspace: compile(&template::WORKSPACE),
            admin: compile(&template::ADMIN),
        }
    }
}

impl fmt::Debug for Workspace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workspace")
            .field("key", &self.key)
            .field("alg", &self.alg)
            .field("profile", &self.profile)
            .field("kid", &self.kid)
            .field(
                self.signer.mac().map_or("private_key", |_| "secret"),
                &format_args!(".."),
            )
            .finish()
    }
}

impl Workspace {
    /// A workspace with `key` (its public workspace key) and `secret` (the UTF-8 bytes
    /// of its workspace secret), signing with `alg` and the Node profile. The secret
    /// must be as long as RFC 7518 asks; see [`Workspace::with_key_policy`].
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, Profile, Workspace};
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// assert_eq!((ws.key(), ws.profile()), ("ws_7f3c2a9e", Profile::Node));
    /// let half = &secret[..32]; // RFC 7518 §3.2: HS512 needs 64 bytes
    /// let err = Workspace::new("ws_7f3c2a9e", half, Algorithm::Hs512).unwrap_err();
    /// assert_eq!(err, Error::WeakKey { alg: Algorithm::Hs512, len: 32, min: 64 });
    /// let err = Workspace::new("", secret, Algorithm::Hs512).unwrap_err();
    /// assert_eq!(err, Error::InvalidWorkspaceKey);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn new(key: &str, secret: &[u8], alg: Algorithm) -> Result<Workspace, Error> {
        Workspace::with_key_policy(key, secret, alg, KeyPolicy::Rfc7518)
    }

    /// Like [`Workspace::new`] with an explicit key-length policy.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, KeyPolicy, Workspace};
    ///
    /// // A legacy workspace whose secret is shorter than HS256's 32 bytes.
    /// let legacy = b"legacy-secret";
    /// let policy = KeyPolicy::AllowWeak;
    /// let ws = Workspace::with_key_policy("ws_7f3c2a9e", legacy, Algorithm::Hs256, policy)?;
    /// let token = ws.admin_token_at(1_799_992_800, 300)?;
    /// assert!(ws.verify(&token, 1_799_992_800)?.is_admin());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn with_key_policy(
        key: &str,
        secret: &[u8],
        alg: Algorithm,
        policy: KeyPolicy,
    ) -> Result<Workspace, Error> {
        check_workspace_key(key)?;
        policy.check(alg, secret.len())?;
        let keyed = MacState::new(alg, secret)?;
        Ok(Workspace::build(
            key,
            alg,
            Profile::Node,
            Signer::Hmac(keyed),
            None,
        ))
    }

    /// A workspace that signs with `private_key` (RS*, PS*, ES* or EdDSA) instead of a
    /// secret: every token method works as with [`Workspace::new`] and writes the same
    /// header and payload bytes, with `alg` in the header and the private key's
    /// signature. Register [`PrivateKey::public_key`] with Membrane.
    ///
    /// The key's type fixes the algorithms it signs: an RSA key RS* and PS* (an
    /// RSASSA-PSS key PS* only), a P-256/P-384/P-521 key ES256/ES384/ES512, an Ed25519
    /// key EdDSA; anything else is [`Error::KeyMismatch`]. An RSA key must have at
    /// least 2048 bits and a FIPS 186-5 exponent ([`Error::WeakRsaKey`],
    /// [`Error::WeakRsaExponent`]; see [`Workspace::with_private_key_policy`]). RS* and
    /// PS* signing needs the `std` feature (the OS random number generator blinds the
    /// RSA operation and draws the PSS salt); ES* (RFC 6979) and EdDSA are
    /// deterministic and need nothing.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Customer, PrivateKey, Verifier, Workspace};
    ///
    /// let private_key = PrivateKey::generate(Algorithm::Es256)?;
    /// let public_key = private_key.public_key(); // what Membrane's settings hold
    /// let ws = Workspace::with_private_key("ws_7f3c2a9e", private_key, Algorithm::Es256)?;
    /// let token = ws.customer_token_at(&Customer::new("customer-42", "Acme Inc."), 1_799_992_800, 7200)?;
    /// assert!(token.starts_with("eyJhbGciOiJFUzI1NiIsInR5cCI6IkpXVCJ9."));
    ///
    /// let verifier = Verifier::with_public_key("ws_7f3c2a9e", public_key, Algorithm::Es256)?;
    /// assert_eq!(verifier.verify(&token, 1_799_993_000)?.id(), Some("customer-42"));
    /// assert_eq!(ws.verify(&token, 1_799_993_000)?.id(), Some("customer-42"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn with_private_key(
        key: &str,
        private_key: PrivateKey,
        alg: Algorithm,
    ) -> Result<Workspace, Error> {
        Workspace::with_private_key_policy(key, private_key, alg, KeyPolicy::Rfc7518)
    }

    /// Like [`Workspace::with_private_key`] with an explicit key policy:
    /// [`KeyPolicy::AllowWeak`] accepts RSA keys from 1024 bits and any odd exponent
    /// from 3, for legacy keys.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, KeyKind, KeyPolicy, PrivateKey, Workspace};
    ///
    /// let key = PrivateKey::generate(Algorithm::EdDsa)?;
    /// // An Ed25519 key signs EdDSA only, whatever the policy.
    /// let err = Workspace::with_private_key_policy("ws_1", key, Algorithm::Es256, KeyPolicy::AllowWeak);
    /// assert_eq!(err.err(), Some(Error::KeyMismatch { alg: Algorithm::Es256, key: KeyKind::Ed25519 }));
    /// # Ok::<(), Error>(())
    /// ```
    #[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
    pub fn with_private_key_policy(
        key: &str,
        private_key: PrivateKey,
        alg: Algorithm,
        policy: KeyPolicy,
    ) -> Result<Workspace, Error> {
        check_workspace_key(key)?;
        let public = private_key.public_key();
        public.check_use(alg, policy)?;
        private_key.check_signing(alg)?;
        let signer = Signer::Private {
            key: alloc::sync::Arc::new(private_key),
            public,
        };
        Ok(Workspace::build(key, alg, Profile::Node, signer, None))
    }

    /// The workspace with its header prefix, prefixed HMAC state and format templates
    /// derived for `profile`.
    fn build(
        key: &str,
        alg: Algorithm,
        profile: Profile,
        signer: Signer,
        kid: Option<String>,
    ) -> Workspace {
        let mut prefix = String::new();
        let header = profile.header_text(alg, kid.as_deref());
        b64::encode_to(header.as_bytes(), &mut prefix);
        prefix.push('.');
        let prefixed = signer.mac().map(|keyed| {
            let mut state = keyed.clone();
            state.update(prefix.as_bytes());
            state
        });
        Workspace {
            key: key.into(),
            alg,
            profile,
            formats: Formats::compile(key, profile, &prefix, signer.mac()),
            prefix,
            prefixed,
            signer,
            kid,
        }
    }

    /// A copy of this workspace minting the bytes of another library; `self` is left
    /// as it was, so `ws.with_profile(p).sign_json(..)` and then `ws` keep working.
    ///
    /// Building the copy re-derives the header prefix and the format templates; keep
    /// the result when minting many tokens under one profile. A private key is shared
    /// by the copies, not copied.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Profile;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let claims = r#"{"iss":"ws_7f3c2a9e","name":"Zoë","exp":1800000000}"#;
    /// let python = ws.with_profile(Profile::Python).sign_json(claims)?;
    /// let node = ws.sign_json(claims)?; // `ws` itself still mints Node's bytes
    /// // PyJWT's `json.dumps` escapes non-ASCII (`ensure_ascii`); Node writes UTF-8.
    /// let escaped = r#"{"iss":"ws_7f3c2a9e","name":"Zo\u00eb","exp":1800000000}"#;
    /// assert_eq!(ws.verify(&python, 1_799_992_800)?.payload_json(), escaped);
    /// assert_eq!(ws.verify(&node, 1_799_992_800)?.payload_json(), claims);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn with_profile(&self, profile: Profile) -> Workspace {
        Workspace::build(
            &self.key,
            self.alg,
            profile,
            self.signer.clone(),
            self.kid.clone(),
        )
    }

    /// A copy of this workspace whose tokens name their key in the header's `kid`,
    /// written where this profile's library puts it (Node after `typ`, PyJWT and Go
    /// sorted, ruby-jwt and jjwt before `alg`, php-jwt after `alg`). For a key pair
    /// the usual key id is the public key's RFC 7638 thumbprint
    /// (`PublicKey::thumbprint`); with a secret, any
    /// name the verifiers agree on. Verifiers accept tokens with a `kid` whatever it
    /// says: it names a key, it never selects one.
    ///
    /// # Errors
    ///
    /// [`Error::InvalidKeyId`] unless `kid` is 1 to 256 characters from `A-Z a-z 0-9 -
    /// _ . : ~ + =`: characters every library writes unescaped, so every profile's
    /// bytes stay exact.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, Profile, Workspace};
    ///
    /// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?.with_key_id("2026-12")?;
    /// assert_eq!(ws.key_id(), Some("2026-12"));
    /// let token = ws.admin_token_at(1_799_992_800, 300)?;
    /// // {"alg":"HS256","typ":"JWT","kid":"2026-12"}, as Node's jsonwebtoken writes it
    /// assert!(token.starts_with("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCIsImtpZCI6IjIwMjYtMTIifQ."));
    /// let python = ws.with_profile(Profile::Python).admin_token_at(1_799_992_800, 300)?;
    /// // {"alg":"HS256","kid":"2026-12","typ":"JWT"}: PyJWT sorts the header
    /// assert!(python.starts_with("eyJhbGciOiJIUzI1NiIsImtpZCI6IjIwMjYtMTIiLCJ0eXAiOiJKV1QifQ."));
    /// let header = ws.verify(&python, 1_799_992_900)?.header();
    /// assert_eq!(header.get("kid").and_then(|v| v.as_str()), Some("2026-12"));
    /// # Ok::<(), Error>(())
    /// ```
    pub fn with_key_id(&self, kid: &str) -> Result<Workspace, Error> {
        crate::json::profile::check_key_id(kid)?;
        Ok(Workspace::build(
            &self.key,
            self.alg,
            self.profile,
            self.signer.clone(),
            Some(kid.into()),
        ))
    }

    /// The header JSON this workspace writes into every token: its profile's header
    /// for its algorithm, with the `kid` if one was set. With
    /// [`Workspace::try_sign_raw`] it signs payload bytes exactly as given under the
    /// workspace's own header.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Profile, Workspace};
    /// let ws = Workspace::new("ws_7f3c2a9e", &[7; 32], Algorithm::Hs256)?;
    /// assert_eq!(ws.header_json(), r#"{"alg":"HS256","typ":"JWT"}"#);
    /// let ruby = ws.with_profile(Profile::Ruby).with_key_id("k1")?;
    /// assert_eq!(ruby.header_json(), r#"{"kid":"k1","alg":"HS256"}"#);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn header_json(&self) -> String {
        self.profile.header_text(self.alg, self.kid.as_deref())
    }

    /// The header's `kid`, if [`Workspace::with_key_id`] set one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// let ws = Workspace::new("ws_7f3c2a9e", &[7; 32], Algorithm::Hs256)?;
    /// assert_eq!(ws.key_id(), None);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn key_id(&self) -> Option<&str> {
        self.kid.as_deref()
    }

    /// The workspace key.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// assert_eq!(ws.key(), "ws_7f3c2a9e");
    /// let customer = Customer::new("customer-42", "Acme Inc.");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 60)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_800)?.iss(), Some(ws.key())); // the issuer
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The algorithm it signs with.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs384)?;
    /// assert_eq!(ws.algorithm(), Algorithm::Hs384);
    /// let token = ws.workspace_token_at(1_799_992_800, 60)?;
    /// // A 48-byte MAC is 64 base64url characters.
    /// assert_eq!(token.rsplit('.').next().map(str::len), Some(64));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The library profile it mints for.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Profile;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// assert_eq!(ws.profile(), Profile::Node);
    /// assert_eq!(ws.with_profile(Profile::Go).profile(), Profile::Go);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn profile(&self) -> Profile {
        self.profile
    }

    /// The keys that verify this workspace's tokens: its secret's keyed state, or its
    /// private key's public half.
    pub(crate) fn verify_keys(&self) -> VerifyKeys<'_> {
        self.signer.keys()
    }

    // --- format 1: quick-start customer token ---

    /// A quick-start customer token: `{id, name, fields?, iat, exp, iss}` in that order,
    /// the order Node's `jwt.sign({id, name, fields}, secret, {issuer, expiresIn})`
    /// writes.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Customer, Workspace};
    ///
    /// // The secret, key and clock of the reference vector "customer-quickstart-hs512".
    /// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4cx";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    /// let token = ws.customer_token_at(&customer, 1_799_992_800, 7200)?;
    /// // What Node jsonwebtoken 9.0.3 made (tests/vectors/node-formats.json):
    /// assert_eq!(token, concat!(
    ///     "eyJhbGciOiJIUzUxMiIsInR5cCI6IkpXVCJ9.",
    ///     "eyJpZCI6ImN1c3RvbWVyLTQyIiwibmFtZSI6IkFjbWUgSW5jLiIsImZpZWxkcyI6eyJ1c2VyRmllbGQi",
    ///     "OiJwcm8ifSwiaWF0IjoxNzk5OTkyODAwLCJleHAiOjE4MDAwMDAwMDAsImlzcyI6IndzXzdmM2MyYTll",
    ///     "In0.",
    ///     "1dtIpbH_wZ6B-ylvMk5CMGc_cOsZZWReQ634Gkaf2BWI73GeJTX91fUp4KG6QNZ8HfX_me8jDFrzCpc6",
    ///     "EGrgkw",
    /// ));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn customer_token_at(
        &self,
        customer: &Customer,
        issued_at: u64,
        ttl_secs: u64,
    ) -> Result<String, Error> {
        let text = customer.id.len() + customer.name.len() + self.key.len();
        self.new_string(text, customer.fields.as_ref(), |out| {
            self.customer_token_into(customer, issued_at, ttl_secs, out)
        })
    }

    /// Appends a customer token to `out`; allocates nothing when `out` has room. On
    /// error `out` is left as it was.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Customer, Workspace};
    /// use membrane_token::Error;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let mut buf = String::with_capacity(1024);
    /// for id in ["customer-41", "customer-42"] {
    ///     buf.clear(); // reuse the allocation
    ///     ws.customer_token_into(&Customer::new(id, "Acme Inc."), 1_799_992_800, 7200, &mut buf)?;
    ///     assert_eq!(ws.verify(&buf, 1_799_992_900)?.id(), Some(id));
    /// }
    /// let bad = Customer::new("customer-43", "Acme Inc.").field("score", f64::NAN);
    /// let err = ws.customer_token_into(&bad, 1_799_992_800, 7200, &mut buf);
    /// assert_eq!(err, Err(Error::NonFiniteNumber));
    /// assert_eq!(ws.verify(&buf, 1_799_992_900)?.id(), Some("customer-42")); // as it was
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn customer_token_into(
        &self,
        customer: &Customer,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let values = [
            Claim::Str(&customer.id),
            Claim::Str(&customer.name),
            customer
                .fields
                .as_ref()
                .map_or(Claim::Absent, Claim::Object),
            Claim::U64(issued_at),
            Claim::U64(exp),
            Claim::Absent,
        ];
        self.mint_format(out, &self.formats.customer, &values)
    }

    // --- format 2: current-format tenant and workspace-level tokens ---

    /// A tenant token: `{workspaceKey, tenantKey, name?, fields?, iat, exp}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Tenant, Workspace};
    ///
    /// let secret = b"8b66cac3981ce74b7e686c25f406dced";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// let token = ws.tenant_token_at(&Tenant::new("tenant-002"), 1_799_992_800, 7200)?;
    /// // What Node jsonwebtoken 9.0.3 made (tests/vectors/node-formats.json):
    /// assert_eq!(token, concat!(
    ///     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
    ///     "eyJ3b3Jrc3BhY2VLZXkiOiJ3c183ZjNjMmE5ZSIsInRlbmFudEtleSI6InRlbmFudC0wMDIiLCJpYXQi",
    ///     "OjE3OTk5OTI4MDAsImV4cCI6MTgwMDAwMDAwMH0.",
    ///     "w5ceAysIlEBktsFyhUEGUMxNO818TllQLoYwMwB1oWQ",
    /// ));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn tenant_token_at(
        &self,
        tenant: &Tenant,
        issued_at: u64,
        ttl_secs: u64,
    ) -> Result<String, Error> {
        let name_len = tenant.name.as_ref().map_or(0, String::len);
        let text = tenant.key.len() + name_len + self.key.len();
        self.new_string(text, tenant.fields.as_ref(), |out| {
            self.tenant_token_into(tenant, issued_at, ttl_secs, out)
        })
    }

    /// Appends a tenant token to `out`; allocates nothing when `out` has room.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Tenant, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let mut line = String::from("MEMBRANE_TOKEN=");
    /// ws.tenant_token_into(&Tenant::new("tenant-001"), 1_799_992_800, 7200, &mut line)?;
    /// let token = line.strip_prefix("MEMBRANE_TOKEN=").unwrap();
    /// assert_eq!(ws.verify(token, 1_799_992_900)?.tenant_key(), Some("tenant-001"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn tenant_token_into(
        &self,
        tenant: &Tenant,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let values = [
            Claim::Absent,
            Claim::Str(&tenant.key),
            tenant.name.as_deref().map_or(Claim::Absent, Claim::Str),
            tenant.fields.as_ref().map_or(Claim::Absent, Claim::Object),
            Claim::U64(issued_at),
            Claim::U64(exp),
        ];
        self.mint_format(out, &self.formats.tenant, &values)
    }

    /// A workspace-level token (no tenant): `{workspaceKey, iat, exp}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Workspace};
    ///
    /// let secret = b"accf05012230aca5d65af25f4fe318ef";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// let token = ws.workspace_token_at(1_799_992_800, 7200)?;
    /// // What Node jsonwebtoken 9.0.3 made (tests/vectors/node-formats.json):
    /// assert_eq!(token, concat!(
    ///     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
    ///     "eyJ3b3Jrc3BhY2VLZXkiOiJ3c183ZjNjMmE5ZSIsImlhdCI6MTc5OTk5MjgwMCwiZXhwIjoxODAwMDAw",
    ///     "MDAwfQ.",
    ///     "m6NJPlYtp1-eJKYp7uJsSxpPIRoLfrPVSd1g35gAqTE",
    /// ));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn workspace_token_at(&self, issued_at: u64, ttl_secs: u64) -> Result<String, Error> {
        self.new_string(self.key.len(), None, |out| {
            self.workspace_token_into(issued_at, ttl_secs, out)
        })
    }

    /// Appends a workspace-level token to `out`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Error;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let mut out = String::with_capacity(256);
    /// ws.workspace_token_into(1_799_992_800, 7200, &mut out)?;
    /// let claims = ws.verify(&out, 1_799_992_900)?;
    /// assert_eq!((claims.workspace_key(), claims.tenant_key()), (Some("ws_7f3c2a9e"), None));
    /// let err = ws.workspace_token_into(u64::MAX, 1, &mut out); // `exp` would not fit
    /// assert_eq!(err, Err(Error::TimeOverflow));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn workspace_token_into(
        &self,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let values = [Claim::Absent, Claim::U64(issued_at), Claim::U64(exp)];
        self.mint_format(out, &self.formats.workspace, &values)
    }

    // --- format 3: workspace management (admin) token ---

    /// An admin token: `{workspaceKey, isAdmin: true, iat, exp}`.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Workspace};
    ///
    /// let secret = b"8ccde19dccbf7a787364c209fee0dec5";
    /// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// let token = ws.admin_token_at(1_799_992_800, 7200)?;
    /// // What Node jsonwebtoken 9.0.3 made (tests/vectors/node-formats.json):
    /// assert_eq!(token, concat!(
    ///     "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.",
    ///     "eyJ3b3Jrc3BhY2VLZXkiOiJ3c183ZjNjMmE5ZSIsImlzQWRtaW4iOnRydWUsImlhdCI6MTc5OTk5Mjgw",
    ///     "MCwiZXhwIjoxODAwMDAwMDAwfQ.",
    ///     "PUeLzopdUzCvhSkJsDdfCYoQaWH3XRD-29z8EJz3ffA",
    /// ));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn admin_token_at(&self, issued_at: u64, ttl_secs: u64) -> Result<String, Error> {
        self.new_string(self.key.len(), None, |out| {
            self.admin_token_into(issued_at, ttl_secs, out)
        })
    }

    /// Appends an admin token to `out`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let mut out = String::new();
    /// ws.admin_token_into(1_799_992_800, 300, &mut out)?;
    /// let claims = ws.verify(&out, 1_799_992_900)?;
    /// assert!(claims.is_admin());
    /// assert_eq!((claims.iat(), claims.exp()), (Some(1_799_992_800), Some(1_799_993_100)));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn admin_token_into(
        &self,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let values = [
            Claim::Absent,
            Claim::Absent,
            Claim::U64(issued_at),
            Claim::U64(exp),
        ];
        self.mint_format(out, &self.formats.admin, &values)
    }

    // --- arbitrary claims ---

    /// Signs `claims` exactly as given (no `iat`/`exp`/`iss` added), serialized as this
    /// workspace's profile would.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::Map;
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let mut claims = Map::new();
    /// claims.insert("iss", "ws_7f3c2a9e");
    /// claims.insert("sub", "user-1");
    /// claims.insert("exp", 1_800_000_000u64);
    /// let token = ws.sign_claims(&claims)?;
    /// let verified = ws.verify(&token, 1_799_992_800)?;
    /// let in_order = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","exp":1800000000}"#;
    /// assert_eq!(verified.payload_json(), in_order);
    /// assert_eq!(verified.iat(), None); // nothing added
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn sign_claims(&self, claims: &Map) -> Result<String, Error> {
        let mut out = String::new();
        self.sign_claims_into(claims, &mut out)?;
        Ok(out)
    }

    /// Appends a token for `claims` to `out`.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Map, Profile, Value};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let claims: Map = [
    ///     ("sub", Value::from("user-1")),
    ///     ("iss", Value::from("ws_7f3c2a9e")),
    ///     ("exp", Value::from(1_800_000_000u64)),
    /// ]
    /// .into_iter()
    /// .collect();
    /// let mut out = String::new();
    /// // golang-jwt's MapClaims go through Go's encoding/json, which sorts map keys.
    /// ws.with_profile(Profile::Go).sign_claims_into(&claims, &mut out)?;
    /// let sorted = r#"{"exp":1800000000,"iss":"ws_7f3c2a9e","sub":"user-1"}"#;
    /// assert_eq!(ws.verify(&out, 1_799_992_800)?.payload_json(), sorted);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn sign_claims_into(&self, claims: &Map, out: &mut String) -> Result<(), Error> {
        self.mint(out, |w| w.top_level(claims))
    }

    /// Signs any `T: Serialize` (typically your own `#[derive(Serialize)]` claims
    /// struct) under this workspace's profile, its fields in declaration order (the
    /// `go` profiles sort them, as golang-jwt does). No `iat`/`exp` is added: put them
    /// in the struct.
    ///
    /// The value must serialize to an object. NaN and infinities are
    /// [`Error::NonFiniteNumber`], a member name twice (say from `#[serde(flatten)]`) is
    /// [`Error::DuplicateMember`], and a failing `Serialize` impl or a map key that is
    /// not a string, integer, `char` or `bool` is [`Error::Serialize`]. `f32` values are
    /// widened exactly to `f64`, as [`Value::from`] does.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Error, Part};
    /// use serde::Serialize;
    ///
    /// #[derive(Serialize)]
    /// struct Session<'a> {
    ///     iss: &'a str,
    ///     sub: &'a str,
    ///     plan: &'a str,
    ///     exp: u64,
    /// }
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let session = Session {
    ///     iss: "ws_7f3c2a9e",
    ///     sub: "user-1",
    ///     plan: "pro",
    ///     exp: 1_800_000_000,
    /// };
    /// let token = ws.sign_serialize(&session)?;
    /// let in_order = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","plan":"pro","exp":1800000000}"#;
    /// assert_eq!(ws.verify(&token, 1_799_992_800)?.payload_json(), in_order);
    /// assert_eq!(ws.sign_serialize(&[1, 2]), Err(Error::NotAnObject(Part::Input)));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn sign_serialize<T: serde::Serialize + ?Sized>(
        &self,
        claims: &T,
    ) -> Result<String, Error> {
        match crate::json::value_serializer::to_value(claims)? {
            Value::Object(claims) => self.sign_claims(&claims),
            _ => Err(Error::NotAnObject(Part::Input)),
        }
    }

    /// Parses `json` (an object; member order kept at every level, duplicate names
    /// refused) and signs it under this workspace's profile.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Error, Part};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let json = r#"{"sub":"user-1","iss":"ws_7f3c2a9e","exp":1800000000}"#;
    /// let token = ws.sign_json(json)?;
    /// assert_eq!(ws.verify(&token, 1_799_992_800)?.payload_json(), json); // order kept
    /// let twice = ws.sign_json(r#"{"sub":"user-1","sub":"admin"}"#);
    /// assert_eq!(twice, Err(Error::DuplicateMember(Part::Input)));
    /// assert_eq!(ws.sign_json("[1]"), Err(Error::NotAnObject(Part::Input)));
    /// let broken = ws.sign_json(r#"{"sub":}"#);
    /// assert!(matches!(broken, Err(Error::InvalidInputJson { line: 1, .. })));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn sign_json(&self, json: &str) -> Result<String, Error> {
        match Value::parse(json, Part::Input)? {
            Value::Object(claims) => self.sign_claims(&claims),
            _ => Err(Error::NotAnObject(Part::Input)),
        }
    }

    /// Signs `header` and `payload` byte for byte as given: no parsing, no checks.
    /// Verifying the result still requires an acceptable header.
    ///
    /// # Examples
    ///
    /// RFC 7515 appendix A.1, whose header and payload hold line breaks no serializer
    /// writes:
    ///
    /// ```
    /// use base64ct::{Base64UrlUnpadded, Encoding};
    /// use membrane_token::{Algorithm, Workspace};
    ///
    /// let jwk_k = concat!(
    ///     "AyM1SysPpbyDfgZld3umj1qzKObwVMkoqQ-EstJQLr_T",
    ///     "-1qS0gZH75aKtMN3Yj0iPS4hcgUuTwjAzZr1Z9CAow",
    /// );
    /// let key = Base64UrlUnpadded::decode_vec(jwk_k).unwrap();
    /// let ws = Workspace::new("joe", &key, Algorithm::Hs256)?;
    /// let header = b"{\"typ\":\"JWT\",\r\n \"alg\":\"HS256\"}";
    /// let payload = b"{\"iss\":\"joe\",\r\n \"exp\":1300819380,\r\n \
    ///     \"http://example.com/is_root\":true}";
    /// let token = ws.sign_raw(header, payload);
    /// assert_eq!(token, concat!(
    ///     "eyJ0eXAiOiJKV1QiLA0KICJhbGciOiJIUzI1NiJ9.",
    ///     "eyJpc3MiOiJqb2UiLA0KICJleHAiOjEzMDA4MTkzODAsDQogImh0dHA6Ly9leGFtcGxl",
    ///     "LmNvbS9pc19yb290Ijp0cnVlfQ.",
    ///     "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk",
    /// ));
    /// assert_eq!(ws.verify(&token, 1_300_819_000)?.iss(), Some("joe"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    ///
    /// # Panics
    ///
    /// Only for an RSA key, and only if the operating system's random number generator
    /// fails (RS* and PS* signing draw on it); [`Workspace::try_sign_raw`] returns that
    /// as [`Error::Rng`] instead. HMAC, ECDSA and EdDSA signing cannot fail.
    pub fn sign_raw(&self, header: &[u8], payload: &[u8]) -> String {
        match self.try_sign_raw(header, payload) {
            Ok(token) => token,
            Err(e) => panic!("signing failed: {e}"),
        }
    }

    /// [`Workspace::sign_raw`], with a signing failure (RSA: the OS random number
    /// generator) returned as an error.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, PrivateKey, Workspace};
    ///
    /// let key = PrivateKey::generate(Algorithm::EdDsa)?;
    /// let ws = Workspace::with_private_key("ws_1", key, Algorithm::EdDsa)?;
    /// let token = ws.try_sign_raw(br#"{"alg":"EdDSA"}"#, br#"{"iss":"ws_1","exp":1800000000}"#)?;
    /// assert_eq!(token, ws.sign_raw(br#"{"alg":"EdDSA"}"#, br#"{"iss":"ws_1","exp":1800000000}"#));
    /// assert_eq!(ws.verify(&token, 1_799_999_999)?.iss(), Some("ws_1"));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn try_sign_raw(&self, header: &[u8], payload: &[u8]) -> Result<String, Error> {
        let mut out = String::with_capacity(
            b64::encoded_len(header.len())
                + b64::encoded_len(payload.len())
                + 2
                + b64::encoded_len(self.signer.signature_len(self.alg)),
        );
        b64::encode_to(header, &mut out);
        out.push('.');
        b64::encode_to(payload, &mut out);
        self.signer.append_signature(self.alg, &mut out, 0)?;
        Ok(out)
    }

    /// The common tail of every minting call: prefix, payload, signature. `out` is
    /// restored if writing the payload or signing fails.
    fn mint<F>(&self, out: &mut String, write_payload: F) -> Result<(), Error>
    where
        F: FnOnce(&mut JsonWriter<'_, Encoder<'_>>) -> Result<(), Error>,
    {
        self.mint_from(
            (&self.prefix, self.prefixed.as_ref(), &[]),
            out,
            write_payload,
        )
    }

    /// [`Workspace::mint`] for a token format, from where its template starts.
    fn mint_format(
        &self,
        out: &mut String,
        format: &Template,
        values: &[Claim<'_>],
    ) -> Result<(), Error> {
        self.mint_from(format.start(), out, |w| format.write(values, w))
    }

    /// Appends `prefix` (already absorbed by the HMAC state `prefixed`, if HMAC),
    /// then the payload starting with the unencoded bytes `carry`, then the MAC, or
    /// the private key's signature of the whole `header.payload`.
    fn mint_from<F>(
        &self,
        (prefix, prefixed, carry): (&str, Option<&MacState>, &[u8]),
        out: &mut String,
        write_payload: F,
    ) -> Result<(), Error>
    where
        F: FnOnce(&mut JsonWriter<'_, Encoder<'_>>) -> Result<(), Error>,
    {
        let start = out.len();
        out.push_str(prefix);
        let rest_start = out.len();
        let mut writer = JsonWriter::new(Encoder::with_pending(out, carry), self.profile.rules());
        let written = write_payload(&mut writer);
        writer.into_sink().finish();
        let signed = written.and_then(|()| match prefixed {
            // HMAC: the state has absorbed the prefix; hash the rest.
            Some(prefixed) => {
                let tag = prefixed.tag(out.get(rest_start..).unwrap_or_default().as_bytes());
                out.push('.');
                b64::encode_small(tag.as_slice(), out);
                Ok(())
            }
            None => self.signer.append_signature(self.alg, out, start),
        });
        if signed.is_err() {
            out.truncate(start);
        }
        signed
    }

    /// Runs an `_into` method on a new string whose capacity holds the whole token for
    /// typical claims, so the `_at` methods allocate once: `text` bytes of strings plus
    /// the JSON around them, and a rough size of `fields`.
    fn new_string(
        &self,
        text: usize,
        fields: Option<&Map>,
        write: impl FnOnce(&mut String) -> Result<(), Error>,
    ) -> Result<String, Error> {
        let json = text + 96 + fields.map_or(0, estimate_map);
        let capacity = self.prefix.len()
            + b64::encoded_len(json)
            + 1
            + b64::encoded_len(self.signer.signature_len(self.alg));
        let mut out = String::with_capacity(capacity);
        write(&mut out)?;
        Ok(out)
    }
}

#[cfg(feature = "std")]
impl Workspace {
    /// [`Workspace::customer_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Customer, unix_now, DEFAULT_TTL_SECS};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let before = unix_now()?;
    /// let token = ws.customer_token(&Customer::new("customer-42", "Acme Inc."))?;
    /// let claims = ws.verify_now(&token)?;
    /// assert_eq!(claims.id(), Some("customer-42"));
    /// let iat = claims.iat().unwrap();
    /// assert!(before <= iat && iat <= unix_now()?);
    /// assert_eq!(claims.exp(), Some(iat + DEFAULT_TTL_SECS));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn customer_token(&self, customer: &Customer) -> Result<String, Error> {
        self.customer_token_at(customer, unix_now()?, DEFAULT_TTL_SECS)
    }

    /// [`Workspace::tenant_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{Tenant, unix_now, DEFAULT_TTL_SECS};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let before = unix_now()?;
    /// let token = ws.tenant_token(&Tenant::new("tenant-001").name("Tenant One"))?;
    /// let claims = ws.verify_now(&token)?;
    /// assert_eq!(claims.tenant_key(), Some("tenant-001"));
    /// let iat = claims.iat().unwrap();
    /// assert!(before <= iat && iat <= unix_now()?);
    /// assert_eq!(claims.exp(), Some(iat + DEFAULT_TTL_SECS));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn tenant_token(&self, tenant: &Tenant) -> Result<String, Error> {
        self.tenant_token_at(tenant, unix_now()?, DEFAULT_TTL_SECS)
    }

    /// [`Workspace::workspace_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{unix_now, DEFAULT_TTL_SECS};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let before = unix_now()?;
    /// let token = ws.workspace_token()?;
    /// let claims = ws.verify_now(&token)?;
    /// assert_eq!(claims.workspace_key(), Some("ws_7f3c2a9e"));
    /// let iat = claims.iat().unwrap();
    /// assert!(before <= iat && iat <= unix_now()?);
    /// assert_eq!(claims.exp(), Some(iat + DEFAULT_TTL_SECS));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn workspace_token(&self) -> Result<String, Error> {
        self.workspace_token_at(unix_now()?, DEFAULT_TTL_SECS)
    }

    /// [`Workspace::admin_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, Workspace};
    /// use membrane_token::{unix_now, DEFAULT_TTL_SECS};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let before = unix_now()?;
    /// let token = ws.admin_token()?;
    /// let claims = ws.verify_now(&token)?;
    /// assert!(claims.is_admin());
    /// let iat = claims.iat().unwrap();
    /// assert!(before <= iat && iat <= unix_now()?);
    /// assert_eq!(claims.exp(), Some(iat + DEFAULT_TTL_SECS));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn admin_token(&self) -> Result<String, Error> {
        self.admin_token_at(unix_now()?, DEFAULT_TTL_SECS)
    }
}

/// Seconds since the Unix epoch by the system clock.
///
/// # Examples
///
/// ```
/// use std::time::{SystemTime, UNIX_EPOCH};
///
/// let now = membrane_token::unix_now()?;
/// assert!(now > 1_700_000_000); // after November 2023
/// assert!(now <= SystemTime::now().duration_since(UNIX_EPOCH).unwrap().as_secs());
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[cfg(feature = "std")]
pub fn unix_now() -> Result<u64, Error> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| Error::ClockBeforeEpoch)
}

/// Refuses an empty workspace key or one over [`MAX_WORKSPACE_KEY_LEN`] bytes.
pub(crate) fn check_workspace_key(key: &str) -> Result<(), Error> {
    if key.is_empty() || key.len() > MAX_WORKSPACE_KEY_LEN {
        return Err(Error::InvalidWorkspaceKey);
    }
    Ok(())
}

fn expiry(issued_at: u64, ttl_secs: u64) -> Result<u64, Error> {
    issued_at.checked_add(ttl_secs).ok_or(Error::TimeOverflow)
}

fn estimate_map(map: &Map) -> usize {
    map.iter()
        .map(|(k, v)| k.len() + 4 + estimate_value(v))
        .sum::<usize>()
        + 2
}

fn estimate_value(value: &Value) -> usize {
    match value {
        Value::String(s) => s.len() + 2,
        Value::Array(items) => items.iter().map(|v| estimate_value(v) + 1).sum::<usize>() + 2,
        Value::Object(map) => estimate_map(map),
        _ => 24,
    }
}
