//! Verifying tokens: strict structure, MAC first, then the claims.
//!
//! Order of work, cheapest and least trusting first: length limit, three segments,
//! strict canonical base64url decoding of every segment, the MAC (constant time, with
//! the pinned algorithm, against every configured secret), and only then UTF-8 and
//! JSON parsing of header and payload, the header's `alg`, and the time and issuer
//! claims.

use alloc::string::String;
use alloc::vec::Vec;

use subtle::Choice;

use crate::b64;
use crate::key::{KeyPolicy, MacState, MAX_TAG_LEN};
use crate::value::{Map, Value};
use crate::{Algorithm, Error, ForeignAlgorithm, Part, Workspace};

/// Default maximum token length: room for an 8 KiB payload with header and MAC.
pub const DEFAULT_MAX_TOKEN_LEN: usize = 16 * 1024;

/// Default maximum nesting of arrays and objects in header and payload.
pub const DEFAULT_MAX_DEPTH: usize = 32;

/// The largest accepted time claim: 9999-12-31T23:59:59Z.
const MAX_TIME: u64 = 253_402_300_799;

/// Which claim must carry the workspace key.
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
/// previous secrets during a rotation.
///
/// ```
/// use membrane_token::{Algorithm, Customer, Verifier, Workspace};
/// let secret = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
/// let ws = Workspace::new("ws_demo", secret, Algorithm::Hs512)?;
/// let token = ws.customer_token_at(&Customer::new("c-1", "Ada"), 1_800_000_000, 7200)?;
/// let verifier = Verifier::new(&ws).leeway(30);
/// let claims = verifier.verify(&token, 1_800_000_100)?;
/// assert_eq!(claims.id(), Some("c-1"));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone)]
pub struct Verifier {
    key: String,
    alg: Algorithm,
    macs: Vec<MacState>,
    policy: Policy,
}

impl core::fmt::Debug for Verifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        f.debug_struct("Verifier")
            .field("key", &self.key)
            .field("alg", &self.alg)
            .field("secrets", &self.macs.len())
            .field("policy", &self.policy)
            .finish()
    }
}

impl Verifier {
    /// A verifier with the workspace's key, secret and algorithm and the strict
    /// defaults: `exp` required, no leeway, issuer checked, 16 KiB and depth 32 limits.
    pub fn new(workspace: &Workspace) -> Verifier {
        Verifier {
            key: workspace.key().into(),
            alg: workspace.algorithm(),
            macs: alloc::vec![workspace.keyed_state().clone()],
            policy: Policy::default(),
        }
    }

    /// Also accepts tokens signed with `secret` (a previous workspace secret during a
    /// rotation), under the RFC 7518 length policy.
    pub fn previous_secret(self, secret: &[u8]) -> Result<Verifier, Error> {
        self.previous_secret_with_policy(secret, KeyPolicy::Rfc7518)
    }

    /// Like [`Verifier::previous_secret`] with an explicit key policy.
    pub fn previous_secret_with_policy(
        mut self,
        secret: &[u8],
        policy: KeyPolicy,
    ) -> Result<Verifier, Error> {
        policy.check(self.alg, secret.len())?;
        self.macs.push(MacState::new(self.alg, secret));
        Ok(self)
    }

    /// Seconds of clock skew tolerated for `exp`, `nbf` and `iat` (default 0).
    pub fn leeway(mut self, secs: u64) -> Verifier {
        self.policy.leeway = secs;
        self
    }

    /// Whether `exp` must be present (default `true`).
    pub fn require_exp(mut self, required: bool) -> Verifier {
        self.policy.require_exp = required;
        self
    }

    /// Which claim carries the workspace key (default [`IssuerCheck::IssOrWorkspaceKey`]).
    pub fn issuer_check(mut self, check: IssuerCheck) -> Verifier {
        self.policy.issuer = check;
        self
    }

    /// Requires a claim to be present (any value).
    pub fn require_claim(mut self, name: impl Into<String>) -> Verifier {
        self.policy.required.push(name.into());
        self
    }

    /// The longest token accepted, in bytes (default [`DEFAULT_MAX_TOKEN_LEN`]).
    pub fn max_token_len(mut self, len: usize) -> Verifier {
        self.policy.max_len = len;
        self
    }

    /// The deepest nesting accepted (default [`DEFAULT_MAX_DEPTH`]).
    pub fn max_depth(mut self, depth: usize) -> Verifier {
        self.policy.max_depth = depth;
        self
    }

    /// Verifies `token` at Unix time `now`.
    pub fn verify(&self, token: &str, now: u64) -> Result<Claims, Error> {
        verify(token, now, &self.key, self.alg, &self.macs, &self.policy)
    }
}

impl Workspace {
    /// Verifies `token` at Unix time `now` with the strict defaults of
    /// [`Verifier::new`]: this workspace's algorithm and secret only, `exp` required, no
    /// leeway, `iss` (or `workspaceKey`) equal to this workspace's key.
    pub fn verify(&self, token: &str, now: u64) -> Result<Claims, Error> {
        verify(
            token,
            now,
            self.key(),
            self.algorithm(),
            core::slice::from_ref(self.keyed_state()),
            &STRICT,
        )
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
#[derive(Clone, Debug, PartialEq)]
pub struct Claims {
    alg: Algorithm,
    header: Map,
    payload: Map,
}

impl Claims {
    /// The algorithm the token was signed with.
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The header's members.
    pub fn header(&self) -> &Map {
        &self.header
    }

    /// All claims, in the token's order.
    pub fn payload(&self) -> &Map {
        &self.payload
    }

    /// Any claim by name.
    pub fn get(&self, name: &str) -> Option<&Value> {
        self.payload.get(name)
    }

    fn str_claim(&self, name: &str) -> Option<&str> {
        self.get(name).and_then(Value::as_str)
    }

    fn time_claim(&self, name: &str) -> Option<u64> {
        self.get(name)
            .and_then(Value::as_number)
            .and_then(|n| n.as_u64())
    }

    /// `id`: the customer id of a quick-start token.
    pub fn id(&self) -> Option<&str> {
        self.str_claim("id")
    }

    /// `name`: the customer's or tenant's display name.
    pub fn name(&self) -> Option<&str> {
        self.str_claim("name")
    }

    /// `fields`: the customer's or tenant's fields.
    pub fn fields(&self) -> Option<&Map> {
        self.get("fields").and_then(Value::as_object)
    }

    /// `workspaceKey` (current-format tokens).
    pub fn workspace_key(&self) -> Option<&str> {
        self.str_claim("workspaceKey")
    }

    /// `tenantKey` (current-format tenant tokens).
    pub fn tenant_key(&self) -> Option<&str> {
        self.str_claim("tenantKey")
    }

    /// `isAdmin`: `true` only for workspace management tokens.
    pub fn is_admin(&self) -> bool {
        self.get("isAdmin").and_then(Value::as_bool) == Some(true)
    }

    /// `iat`, seconds since the epoch.
    pub fn iat(&self) -> Option<u64> {
        self.time_claim("iat")
    }

    /// `exp`, seconds since the epoch.
    pub fn exp(&self) -> Option<u64> {
        self.time_claim("exp")
    }

    /// `nbf`, seconds since the epoch.
    pub fn nbf(&self) -> Option<u64> {
        self.time_claim("nbf")
    }

    /// `iss`: the workspace key in quick-start and request tokens.
    pub fn iss(&self) -> Option<&str> {
        self.str_claim("iss")
    }

    /// `sub`: the user id in Membrane's request tokens.
    pub fn sub(&self) -> Option<&str> {
        self.str_claim("sub")
    }
}

/// A token's header and payload, decoded WITHOUT checking its signature or claims.
///
/// For debugging and logging only: nothing in it may be trusted.
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
pub fn decode_unverified(token: &str) -> Result<Unverified, Error> {
    let segments = split(token, DEFAULT_MAX_TOKEN_LEN)?;
    if !segments.signature.is_empty() {
        b64::validate(segments.signature, Part::Signature)?;
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

fn split(token: &str, max_len: usize) -> Result<Segments<'_>, Error> {
    if token.len() > max_len {
        return Err(Error::TooLarge {
            len: token.len(),
            max: max_len,
        });
    }
    let dots = token.bytes().filter(|&b| b == b'.').count();
    if dots != 2 {
        return Err(Error::SegmentCount { found: dots + 1 });
    }
    let mut parts = token.splitn(3, '.');
    let (Some(header), Some(payload), Some(signature)) = (parts.next(), parts.next(), parts.next())
    else {
        return Err(Error::SegmentCount { found: dots + 1 });
    };
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
/// so timing reveals at most how many secrets were tried, not which one matched.
pub(crate) fn mac_matches(macs: &[MacState], signing_input: &[u8], signature: &[u8]) -> bool {
    let mut matched = Choice::from(0);
    for mac in macs {
        matched |= mac.tag(signing_input).ct_eq(signature);
    }
    bool::from(matched)
}

pub(crate) fn verify(
    token: &str,
    now: u64,
    key: &str,
    alg: Algorithm,
    macs: &[MacState],
    policy: &Policy,
) -> Result<Claims, Error> {
    let segments = split(token, policy.max_len)?;
    let header = b64::decode_vec(segments.header, Part::Header)?;
    let payload = b64::decode_vec(segments.payload, Part::Payload)?;
    let mut sig_buf = [0u8; MAX_TAG_LEN + 3];
    let signature = b64::decode_into(segments.signature, Part::Signature, &mut sig_buf)?;
    if !mac_matches(macs, segments.signing_input.as_bytes(), signature) {
        return Err(Error::InvalidSignature);
    }
    let header = parse_json_object(&header, Part::Header, policy.max_depth)?;
    check_header(&header, alg)?;
    let payload = parse_json_object(&payload, Part::Payload, policy.max_depth)?;
    check_claims(&payload, now, key, policy)?;
    Ok(Claims {
        alg,
        header,
        payload,
    })
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
        Some(found) => Err(Error::AlgorithmMismatch {
            expected: pinned,
            found,
        }),
        None => Err(Error::UnsupportedAlgorithm(foreign(name))),
    }
}

fn foreign(name: &str) -> ForeignAlgorithm {
    if name.eq_ignore_ascii_case("none") {
        return ForeignAlgorithm::None;
    }
    let asymmetric = ["RS", "PS", "ES"].iter().any(|p| name.starts_with(p)) || name == "EdDSA";
    if asymmetric {
        ForeignAlgorithm::Asymmetric
    } else {
        ForeignAlgorithm::Unknown
    }
}

/// Reads a time claim: absent, or an integer from 0 to [`MAX_TIME`].
fn time_claim(payload: &Map, claim: &'static str) -> Result<Option<u64>, Error> {
    match payload.get(claim) {
        None => Ok(None),
        Some(value) => value
            .as_number()
            .and_then(|n| n.as_u64())
            .filter(|t| *t <= MAX_TIME)
            .map(Some)
            .ok_or(Error::InvalidClaim {
                claim,
                expected: "an integer from 0 to 253402300799",
            }),
    }
}

/// Checks that `claim`, if present, is a string.
fn string_claim<'p>(payload: &'p Map, claim: &'static str) -> Result<Option<&'p str>, Error> {
    match payload.get(claim) {
        None => Ok(None),
        Some(value) => value.as_str().map(Some).ok_or(Error::InvalidClaim {
            claim,
            expected: "a string",
        }),
    }
}

pub(crate) fn check_claims(
    payload: &Map,
    now: u64,
    key: &str,
    policy: &Policy,
) -> Result<(), Error> {
    let leeway = policy.leeway;
    let exp = time_claim(payload, "exp")?;
    let nbf = time_claim(payload, "nbf")?;
    let iat = time_claim(payload, "iat")?;
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
    let iss = string_claim(payload, "iss")?;
    let workspace_key = string_claim(payload, "workspaceKey")?;
    string_claim(payload, "sub")?;
    string_claim(payload, "tenantKey")?;
    if payload
        .get("isAdmin")
        .is_some_and(|v| v.as_bool().is_none())
    {
        return Err(Error::InvalidClaim {
            claim: "isAdmin",
            expected: "a boolean",
        });
    }
    // PHP writes an empty `fields` array for an empty object (its arrays are both),
    // so `[]` is accepted as "no fields"; anything else must be an object.
    let php_empty = |v: &Value| matches!(v, Value::Array(items) if items.is_empty());
    if payload
        .get("fields")
        .is_some_and(|v| v.as_object().is_none() && !php_empty(v))
    {
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
    if let Some(name) = policy
        .required
        .iter()
        .find(|name| payload.get(name).is_none())
    {
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
