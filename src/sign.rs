//! Minting tokens: the [`Workspace`] and its three token formats.
//!
//! A token is `prefix || base64url(payload) || "." || base64url(mac)`, where the prefix
//! (`base64url(header) "."`) and the HMAC state that has absorbed it are computed once
//! per workspace. Per token the work is: write the claims' JSON into the streaming
//! base64url encoder, hash the encoded payload from a clone of the prefixed state, and
//! append the encoded MAC.

use alloc::string::String;
use core::fmt;

use crate::b64::{self, Base64Sink};
use crate::claims::{Customer, Tenant};
use crate::json::{Claim, JsonWriter};
use crate::key::{KeyPolicy, MacState};
use crate::value::{Map, Value};
use crate::{Algorithm, Error, Part, Profile};

/// Membrane's documented token lifetime, in seconds.
pub const DEFAULT_TTL_SECS: u64 = 7200;

/// The longest accepted workspace key, in bytes.
const MAX_WORKSPACE_KEY_LEN: usize = 1024;

/// A workspace's key and keyed HMAC state: everything needed to mint (and verify) its
/// tokens. Build it once and share it (`Send + Sync`, signs through `&self`).
#[derive(Clone)]
pub struct Workspace {
    key: String,
    alg: Algorithm,
    profile: Profile,
    /// `base64url(header) "."` for this profile and algorithm.
    prefix: String,
    /// HMAC keyed with the secret; nothing absorbed yet (raw signing, verifying).
    keyed: MacState,
    /// `keyed` after absorbing `prefix`: the starting point of every minted token.
    prefixed: MacState,
}

impl fmt::Debug for Workspace {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Workspace")
            .field("key", &self.key)
            .field("alg", &self.alg)
            .field("profile", &self.profile)
            .field("secret", &format_args!(".."))
            .finish()
    }
}

impl Workspace {
    /// A workspace with `key` (its public workspace key) and `secret` (the UTF-8 bytes
    /// of its workspace secret), signing with `alg` and the Node profile. The secret
    /// must be as long as RFC 7518 asks; see [`Workspace::with_key_policy`].
    pub fn new(key: &str, secret: &[u8], alg: Algorithm) -> Result<Workspace, Error> {
        Workspace::with_key_policy(key, secret, alg, KeyPolicy::Rfc7518)
    }

    /// Like [`Workspace::new`] with an explicit key-length policy.
    pub fn with_key_policy(
        key: &str,
        secret: &[u8],
        alg: Algorithm,
        policy: KeyPolicy,
    ) -> Result<Workspace, Error> {
        if key.is_empty() || key.len() > MAX_WORKSPACE_KEY_LEN {
            return Err(Error::InvalidWorkspaceKey);
        }
        policy.check(alg, secret.len())?;
        let keyed = MacState::new(alg, secret);
        let mut workspace = Workspace {
            key: key.into(),
            alg,
            profile: Profile::Node,
            prefix: String::new(),
            prefixed: keyed.clone(),
            keyed,
        };
        workspace.set_profile(Profile::Node);
        Ok(workspace)
    }

    /// The same workspace minting the bytes of another library.
    pub fn with_profile(mut self, profile: Profile) -> Workspace {
        self.set_profile(profile);
        self
    }

    fn set_profile(&mut self, profile: Profile) {
        self.profile = profile;
        self.prefix.clear();
        b64::encode_to(profile.header_json(self.alg).as_bytes(), &mut self.prefix);
        self.prefix.push('.');
        self.prefixed = self.keyed.clone();
        self.prefixed.update(self.prefix.as_bytes());
    }

    /// The workspace key.
    pub fn key(&self) -> &str {
        &self.key
    }

    /// The algorithm it signs with.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The library profile it mints for.
    pub fn profile(&self) -> Profile {
        self.profile
    }

    pub(crate) fn keyed_state(&self) -> &MacState {
        &self.keyed
    }

    // --- format 1: quick-start customer token ---

    /// A quick-start customer token: `{id, name, fields?, iat, exp, iss}` in that order,
    /// the order Node's `jwt.sign({id, name, fields}, secret, {issuer, expiresIn})`
    /// writes.
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
    pub fn customer_token_into(
        &self,
        customer: &Customer,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let empty = Map::new();
        let fields = customer.fields.as_ref();
        let mut claims = [
            ("id", Claim::Str(&customer.id)),
            ("name", Claim::Str(&customer.name)),
            ("fields", Claim::Object(fields.unwrap_or(&empty))),
            ("iat", Claim::U64(issued_at)),
            ("exp", Claim::U64(exp)),
            ("iss", Claim::Str(&self.key)),
        ];
        let claims = without_fields_if_absent(&mut claims, fields.is_some());
        self.mint(out, |w| w.claims(claims))
    }

    // --- format 2: current-format tenant and workspace-level tokens ---

    /// A tenant token: `{workspaceKey, tenantKey, name?, fields?, iat, exp}`.
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
    pub fn tenant_token_into(
        &self,
        tenant: &Tenant,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let empty = Map::new();
        let mut claims = [
            ("workspaceKey", Claim::Str(&self.key)),
            ("tenantKey", Claim::Str(&tenant.key)),
            ("name", Claim::Str(tenant.name.as_deref().unwrap_or(""))),
            (
                "fields",
                Claim::Object(tenant.fields.as_ref().unwrap_or(&empty)),
            ),
            ("iat", Claim::U64(issued_at)),
            ("exp", Claim::U64(exp)),
        ];
        let keep = [
            true,
            true,
            tenant.name.is_some(),
            tenant.fields.is_some(),
            true,
            true,
        ];
        let claims = compact(&mut claims, &keep);
        self.mint(out, |w| w.claims(claims))
    }

    /// A workspace-level token (no tenant): `{workspaceKey, iat, exp}`.
    pub fn workspace_token_at(&self, issued_at: u64, ttl_secs: u64) -> Result<String, Error> {
        self.new_string(self.key.len(), None, |out| {
            self.workspace_token_into(issued_at, ttl_secs, out)
        })
    }

    /// Appends a workspace-level token to `out`.
    pub fn workspace_token_into(
        &self,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let mut claims = [
            ("workspaceKey", Claim::Str(&self.key)),
            ("iat", Claim::U64(issued_at)),
            ("exp", Claim::U64(exp)),
        ];
        self.mint(out, |w| w.claims(&mut claims))
    }

    // --- format 3: workspace management (admin) token ---

    /// An admin token: `{workspaceKey, isAdmin: true, iat, exp}`.
    pub fn admin_token_at(&self, issued_at: u64, ttl_secs: u64) -> Result<String, Error> {
        self.new_string(self.key.len(), None, |out| {
            self.admin_token_into(issued_at, ttl_secs, out)
        })
    }

    /// Appends an admin token to `out`.
    pub fn admin_token_into(
        &self,
        issued_at: u64,
        ttl_secs: u64,
        out: &mut String,
    ) -> Result<(), Error> {
        let exp = expiry(issued_at, ttl_secs)?;
        let mut claims = [
            ("workspaceKey", Claim::Str(&self.key)),
            ("isAdmin", Claim::Bool(true)),
            ("iat", Claim::U64(issued_at)),
            ("exp", Claim::U64(exp)),
        ];
        self.mint(out, |w| w.claims(&mut claims))
    }

    // --- arbitrary claims ---

    /// Signs `claims` exactly as given (no `iat`/`exp`/`iss` added), serialized as this
    /// workspace's profile would.
    pub fn sign_claims(&self, claims: &Map) -> Result<String, Error> {
        let mut out = String::new();
        self.sign_claims_into(claims, &mut out)?;
        Ok(out)
    }

    /// Appends a token for `claims` to `out`.
    pub fn sign_claims_into(&self, claims: &Map, out: &mut String) -> Result<(), Error> {
        self.mint(out, |w| w.top_level(claims))
    }

    /// Parses `json` (an object; member order kept at every level, duplicate names
    /// refused) and signs it under this workspace's profile.
    pub fn sign_json(&self, json: &str) -> Result<String, Error> {
        match Value::parse(json, Part::Input)? {
            Value::Object(claims) => self.sign_claims(&claims),
            _ => Err(Error::NotAnObject(Part::Input)),
        }
    }

    /// Signs `header` and `payload` byte for byte as given: no parsing, no checks.
    /// Verifying the result still requires an acceptable header.
    pub fn sign_raw(&self, header: &[u8], payload: &[u8]) -> String {
        let mut out = String::with_capacity(
            b64::encoded_len(header.len()) + b64::encoded_len(payload.len()) + 90,
        );
        b64::encode_to(header, &mut out);
        out.push('.');
        b64::encode_to(payload, &mut out);
        let tag = self.keyed.tag(out.as_bytes());
        out.push('.');
        b64::encode_to(tag.as_slice(), &mut out);
        out
    }

    /// The common tail of every minting call: prefix, payload, MAC. `out` is restored
    /// if writing the payload fails.
    fn mint<F>(&self, out: &mut String, write_payload: F) -> Result<(), Error>
    where
        F: FnOnce(&mut JsonWriter<'_, Base64Sink<'_>>) -> Result<(), Error>,
    {
        let start = out.len();
        out.push_str(&self.prefix);
        let payload_start = out.len();
        let mut writer = JsonWriter::new(Base64Sink::new(out), self.profile.rules());
        let written = write_payload(&mut writer);
        writer.into_sink().finish();
        if let Err(e) = written {
            out.truncate(start);
            return Err(e);
        }
        let tag = self
            .prefixed
            .tag(out.get(payload_start..).unwrap_or_default().as_bytes());
        out.push('.');
        b64::encode_small(tag.as_slice(), out);
        Ok(())
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
            + b64::encoded_len(self.alg.output_len());
        let mut out = String::with_capacity(capacity);
        write(&mut out)?;
        Ok(out)
    }
}

#[cfg(feature = "std")]
impl Workspace {
    /// [`Workspace::customer_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    pub fn customer_token(&self, customer: &Customer) -> Result<String, Error> {
        self.customer_token_at(customer, unix_now()?, DEFAULT_TTL_SECS)
    }

    /// [`Workspace::tenant_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    pub fn tenant_token(&self, tenant: &Tenant) -> Result<String, Error> {
        self.tenant_token_at(tenant, unix_now()?, DEFAULT_TTL_SECS)
    }

    /// [`Workspace::workspace_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    pub fn workspace_token(&self) -> Result<String, Error> {
        self.workspace_token_at(unix_now()?, DEFAULT_TTL_SECS)
    }

    /// [`Workspace::admin_token_at`] at the system clock's time with
    /// [`DEFAULT_TTL_SECS`].
    pub fn admin_token(&self) -> Result<String, Error> {
        self.admin_token_at(unix_now()?, DEFAULT_TTL_SECS)
    }
}

/// Seconds since the Unix epoch by the system clock.
#[cfg(feature = "std")]
pub fn unix_now() -> Result<u64, Error> {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .map_err(|_| Error::ClockBeforeEpoch)
}

fn expiry(issued_at: u64, ttl_secs: u64) -> Result<u64, Error> {
    issued_at.checked_add(ttl_secs).ok_or(Error::TimeOverflow)
}

/// Drops the optional `fields` claim (index 2 of the customer format) in place.
fn without_fields_if_absent<'c, 'a>(
    claims: &'c mut [(&'a str, Claim<'a>); 6],
    has_fields: bool,
) -> &'c mut [(&'a str, Claim<'a>)] {
    let keep = [true, true, has_fields, true, true, true];
    compact(claims, &keep)
}

/// Moves the kept claims to the front, preserving order, and returns them.
fn compact<'c, 'a>(
    claims: &'c mut [(&'a str, Claim<'a>)],
    keep: &[bool],
) -> &'c mut [(&'a str, Claim<'a>)] {
    let mut kept = 0;
    for i in 0..claims.len() {
        if keep.get(i).copied().unwrap_or(false) {
            claims.swap(kept, i);
            kept += 1;
        }
    }
    claims.get_mut(..kept).unwrap_or_default()
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
