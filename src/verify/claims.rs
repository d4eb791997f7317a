//! The verified [`Claims`]: the payload's own JSON text with an index of its top-level
//! members, read when asked.

use alloc::string::String;
use alloc::vec::Vec;
use core::fmt;
use core::ops::Range;

use serde::de::DeserializeOwned;

use crate::json::profile::HeaderStyle;
use crate::json::scan::{Member, Unescaped};
use crate::json::value::{Map, Value};
use crate::{Algorithm, Error, Part};

/// The largest accepted time claim: 9999-12-31T23:59:59Z.
pub(super) const MAX_TIME: u64 = 253_402_300_799;

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
    pub(super) members: Vec<Member>,
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Header {
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
    pub(super) fn new(
        alg: Algorithm,
        header: Header,
        mut text: String,
        mut members: Vec<Member>,
    ) -> Claims {
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

    pub(super) fn slice(&self, range: &Range<usize>) -> &str {
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

    pub(super) fn time_of(&self, member: &Member) -> Option<u64> {
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

    pub(super) fn string_of(&self, member: &Member) -> Option<&str> {
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
