//! Minting tokens: the [`Workspace`] and its three token formats.
//!
//! A token is `prefix || base64url(payload) || "." || base64url(mac)`, where the prefix
//! (`base64url(header) "."`), the HMAC state that has absorbed it, and each format's
//! [`Template`] (its constant JSON, already encoded) are computed once per workspace.
//! Per token the work is: write the caller's values into the streaming base64url
//! encoder between the template's constants, hash the encoded payload from a clone of
//! the prefixed state, and append the encoded MAC.

use alloc::string::String;
use core::fmt;

use crate::b64::{self, Encoder};
use crate::claims::{Customer, Tenant};
use crate::json::JsonWriter;
use crate::key::{KeyPolicy, MacState};
use crate::template::{self, Claim, Template};
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
    /// The four token formats compiled for this key and profile.
    formats: Formats,
}

#[derive(Clone)]
struct Formats {
    customer: Template,
    tenant: Template,
    workspace: Template,
    admin: Template,
}

impl Formats {
    fn compile(key: &str, profile: Profile, prefix: &str, keyed: &MacState) -> Formats {
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
        let (prefix, prefixed) = prefixed(&keyed, Profile::Node, alg);
        Ok(Workspace {
            key: key.into(),
            alg,
            profile: Profile::Node,
            formats: Formats::compile(key, Profile::Node, &prefix, &keyed),
            prefix,
            prefixed,
            keyed,
        })
    }

    /// The same workspace minting the bytes of another library.
    pub fn with_profile(self, profile: Profile) -> Workspace {
        let (prefix, prefixed) = prefixed(&self.keyed, profile, self.alg);
        Workspace {
            profile,
            formats: Formats::compile(&self.key, profile, &prefix, &self.keyed),
            prefix,
            prefixed,
            ..self
        }
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
        let values = [Claim::Absent, Claim::U64(issued_at), Claim::U64(exp)];
        self.mint_format(out, &self.formats.workspace, &values)
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
        F: FnOnce(&mut JsonWriter<'_, Encoder<'_>>) -> Result<(), Error>,
    {
        self.mint_from((&self.prefix, &self.prefixed, &[]), out, write_payload)
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

    /// Appends `prefix` (already absorbed by the HMAC state `prefixed`), then the
    /// payload starting with the unencoded bytes `carry`, then the MAC.
    fn mint_from<F>(
        &self,
        (prefix, prefixed, carry): (&str, &MacState, &[u8]),
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
        if let Err(e) = written {
            out.truncate(start);
            return Err(e);
        }
        let tag = prefixed.tag(out.get(rest_start..).unwrap_or_default().as_bytes());
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

/// `base64url(header) "."` for `profile` and `alg`, and `keyed` after absorbing it.
fn prefixed(keyed: &MacState, profile: Profile, alg: Algorithm) -> (String, MacState) {
    let mut prefix = String::new();
    b64::encode_to(profile.header_json(alg).as_bytes(), &mut prefix);
    prefix.push('.');
    let mut state = keyed.clone();
    state.update(prefix.as_bytes());
    (prefix, state)
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
