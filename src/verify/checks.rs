//! What a token must satisfy besides its signature: the verifier's [`Policy`] (size
//! and depth limits, leeway, required claims, issuer check), the header's members and
//! `alg`, and the registered claims' types, times and issuer.

use alloc::string::String;
use alloc::vec::Vec;

use super::claims::Claims;
use crate::json::scan::Member;
use crate::json::value::{Map, Value};
use crate::{Algorithm, Error, ForeignAlgorithm};

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

/// [`Policy::default`] as a static, so `Workspace::verify` builds nothing per call.
pub(super) static STRICT: Policy = Policy {
    leeway: 0,
    require_exp: true,
    issuer: IssuerCheck::IssOrWorkspaceKey,
    required: Vec::new(),
    max_len: DEFAULT_MAX_TOKEN_LEN,
    max_depth: DEFAULT_MAX_DEPTH,
};

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
pub(super) fn foreign(name: &str) -> ForeignAlgorithm {
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

/// Reads a time claim: absent, or an integer from 0 to
/// [`MAX_TIME`](super::claims::MAX_TIME).
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
