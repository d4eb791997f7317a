//! Verifying tokens: strict structure, MAC first, then the claims.
//!
//! Order of work, cheapest and least trusting first: length limit, three segments,
//! strict canonical base64url decoding of every segment, the MAC (constant time, with
//! the pinned algorithm, against every configured secret), and only then UTF-8 and
//! JSON parsing of header and payload, the header's `alg`, and the time and issuer
//! claims.
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

use subtle::{Choice, ConstantTimeEq};

use crate::b64;
use crate::key::{KeyPolicy, MacState};
use crate::profile::HeaderStyle;
use crate::scan::{self, Member, ScanError, Unescaped};
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
///
/// The payload is kept as the token's own JSON text with an index of its top-level
/// members, so verifying allocates twice whatever the claims; values are read from
/// the text when asked. Strings come back borrowed, objects and other values as new
/// [`Value`]s.
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
    pub fn algorithm(&self) -> Algorithm {
        self.alg
    }

    /// The header's members.
    pub fn header(&self) -> Map {
        match &self.header {
            Header::Standard(style) => match Value::parse(style.json(self.alg), Part::Header) {
                Ok(Value::Object(map)) => map,
                _ => Map::new(),
            },
            Header::Parsed(map) => map.clone(),
        }
    }

    /// The payload's JSON text, exactly as the token carries it.
    pub fn payload_json(&self) -> &str {
        self.text.get(..self.payload_len).unwrap_or_default()
    }

    /// All claims, in the token's order, as values.
    pub fn payload(&self) -> Map {
        match Value::parse(self.payload_json(), Part::Payload) {
            Ok(Value::Object(map)) => map,
            _ => Map::new(),
        }
    }

    /// The claims' names, in the token's order.
    pub fn names(&self) -> impl Iterator<Item = &str> + '_ {
        self.members.iter().map(|m| self.slice(&m.name))
    }

    /// Whether the token has a claim `name`.
    pub fn contains(&self, name: &str) -> bool {
        self.member(name).is_some()
    }

    /// A claim's JSON text, exactly as the token carries it.
    pub fn raw(&self, name: &str) -> Option<&str> {
        self.member(name).map(|m| self.slice(&m.value))
    }

    /// Any claim by name, as a value.
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
    pub fn id(&self) -> Option<&str> {
        self.str_claim("id")
    }

    /// `name`: the customer's or tenant's display name.
    pub fn name(&self) -> Option<&str> {
        self.str_claim("name")
    }

    /// `fields`: the customer's or tenant's fields (an object).
    pub fn fields(&self) -> Option<Map> {
        match self.get("fields")? {
            Value::Object(map) => Some(map),
            _ => None,
        }
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
        self.raw("isAdmin") == Some("true")
    }

    /// `iat`, seconds since the epoch.
    pub fn iat(&self) -> Option<u64> {
        self.time("iat")
    }

    /// `exp`, seconds since the epoch.
    pub fn exp(&self) -> Option<u64> {
        self.time("exp")
    }

    /// `nbf`, seconds since the epoch.
    pub fn nbf(&self) -> Option<u64> {
        self.time("nbf")
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

fn split(token: &str, max_len: usize) -> Result<Segments<'_>, Error> {
    if token.len() > max_len {
        return Err(Error::TooLarge {
            len: token.len(),
            max: max_len,
        });
    }
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
    macs: &[MacState],
    policy: &Policy,
) -> Result<Claims, Error> {
    let segments = split(token, policy.max_len)?;
    let header = match HeaderStyle::recognise(segments.header, alg) {
        Some(style) => Ok(style),
        None => Err(b64::decode_vec(segments.header, Part::Header)?),
    };
    let payload = b64::decode_vec(segments.payload, Part::Payload)?;
    b64::validate(segments.signature, Part::Signature)?;
    if !mac_matches(macs, segments.signing_input.as_bytes(), segments.signature) {
        return Err(Error::InvalidSignature);
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
