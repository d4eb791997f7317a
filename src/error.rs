//! The crate's one error type.
//!
//! Every variant names what went wrong precisely enough to act on, and none carries the
//! secret or unbounded attacker-controlled text: a rejected token is described by
//! positions, lengths, numbers and fixed names only.

use alloc::string::String;
use core::fmt;

use crate::Algorithm;

/// A part of a token (or of caller input) that an error refers to.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Error, Part, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let token = ws.workspace_token_at(1_799_992_800, 7200)?;
/// // `=` padding is not base64url as JWS uses it (RFC 7515 §2).
/// let err = ws.verify(&format!("{token}="), 1_799_992_800).unwrap_err();
/// assert_eq!(err, Error::InvalidBase64(Part::Signature));
/// assert!(err.to_string().starts_with("token signature segment is not unpadded base64url"));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Part {
    /// The first segment, the JOSE header.
    Header,
    /// The second segment, the claims.
    Payload,
    /// The third segment, the MAC.
    Signature,
    /// JSON handed to the signer by the caller (for example `encode --payload`).
    Input,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::Input => "input",
        })
    }
}

/// An `alg` header value that is not one of the three HMAC algorithms.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Error, ForeignAlgorithm, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let claims = br#"{"iss":"ws_7f3c2a9e","exp":1800000000}"#;
/// for (alg, kind) in [
///     ("none", ForeignAlgorithm::None),
///     ("NONE", ForeignAlgorithm::None),
///     ("RS256", ForeignAlgorithm::Asymmetric),
///     ("hs512", ForeignAlgorithm::Unknown), // names are case-sensitive
/// ] {
///     // Correctly MACed with the workspace secret, yet refused for its header.
///     let token = ws.sign_raw(format!(r#"{{"alg":"{alg}"}}"#).as_bytes(), claims);
///     assert_eq!(ws.verify(&token, 1_799_992_800), Err(Error::UnsupportedAlgorithm(kind)));
/// }
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum ForeignAlgorithm {
    /// `none` in any letter case: an unsecured JWS.
    None,
    /// An asymmetric JWS algorithm (`RS*`, `PS*`, `ES*`, `EdDSA`).
    Asymmetric,
    /// Anything else, including a case variant of an HMAC name such as `hs256`.
    Unknown,
}

/// Everything that can go wrong when building a workspace, signing or verifying.
///
/// Match on the variant to decide what to do; show the `Display` text to whoever has
/// to fix the problem.
///
/// # Examples
///
/// ```
/// use membrane_token::{Algorithm, Error, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let ws = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let token = ws.workspace_token_at(1_799_992_800, 7200)?; // exp 1_800_000_000
/// match ws.verify(&token, 1_800_000_600) {
///     Err(err @ Error::Expired { .. }) => {
///         assert_eq!(err, Error::Expired { exp: 1_800_000_000, now: 1_800_000_600 });
///         assert_eq!(err.to_string(), "token expired at 1800000000 (now 1800000600)");
///     }
///     other => panic!("expected Error::Expired, got {other:?}"),
/// }
/// let pasted = ws.verify(&format!("Bearer {token}"), 1_799_992_800).unwrap_err();
/// assert_eq!(pasted.to_string(), "token starts with \"Bearer \"; pass the token alone");
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum Error {
    // --- keys and configuration ---
    /// The secret is shorter than RFC 7518 §3.2 asks for this algorithm.
    WeakKey {
        /// The algorithm the key was meant for.
        alg: Algorithm,
        /// The secret's length in bytes.
        len: usize,
        /// The minimum length in bytes (the hash output size).
        min: usize,
    },
    /// The secret is empty; no policy allows that.
    EmptySecret,
    /// The workspace key is empty or longer than 1024 bytes.
    InvalidWorkspaceKey,

    // --- signing ---
    /// A claim value is a NaN or an infinity, which JSON cannot represent.
    NonFiniteNumber,
    /// `issued_at + ttl` does not fit in a `u64`.
    TimeOverflow,
    /// The system clock reads before 1970.
    ClockBeforeEpoch,
    /// A value given to [`Workspace::sign_serialize`](crate::Workspace::sign_serialize)
    /// cannot be written as JSON claims (its `Serialize` impl failed, or a map key is
    /// not a string, a number, a `char` or a `bool`).
    Serialize {
        /// What went wrong, in serde's or the crate's words (at most 200 bytes).
        reason: String,
    },
    /// Caller-supplied JSON (header or claims to sign) is not valid JSON.
    InvalidInputJson {
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
    },

    // --- token structure ---
    /// The token is the empty string.
    EmptyToken,
    /// The token starts with `Bearer ` (an `Authorization` header value was passed
    /// whole); pass only what follows it.
    BearerPrefix,
    /// The token has whitespace before or after it (a newline from `echo`, a space
    /// from copying); nothing is trimmed silently, so pass the token alone.
    SurroundingWhitespace,
    /// The token is longer than the verifier's limit.
    TooLarge {
        /// The token's length in bytes.
        len: usize,
        /// The configured limit.
        max: usize,
    },
    /// The token does not have exactly three dot-separated segments.
    SegmentCount {
        /// How many segments it has.
        found: usize,
    },
    /// A segment is empty.
    EmptySegment(Part),
    /// A segment holds a character outside the base64url alphabet (this includes `=`
    /// padding, `+`, `/` and whitespace), or has an impossible length.
    InvalidBase64(Part),
    /// A segment is valid base64url but not the canonical encoding of its bytes (the
    /// unused low bits of its last character are not zero).
    NonCanonicalBase64(Part),
    /// The MAC does not match (wrong secret, or the token was altered).
    InvalidSignature,
    /// The MAC does not match and the header names another algorithm than the one
    /// pinned: most likely the verifier is configured with the wrong algorithm. (The
    /// MAC is checked first; the header is read only to explain the failure.)
    SignatureAlgorithmMismatch {
        /// The pinned algorithm.
        expected: Algorithm,
        /// The algorithm the token's header names.
        found: Algorithm,
    },
    /// A decoded header or payload is not UTF-8.
    InvalidUtf8(Part),
    /// A decoded header or payload (or input) is not valid JSON.
    InvalidJson {
        /// Which part.
        part: Part,
        /// 1-based line of the first error.
        line: usize,
        /// 1-based column of the first error.
        column: usize,
    },
    /// The JSON is valid but not an object.
    NotAnObject(Part),
    /// An object holds the same member name twice (two parsers could read it differently).
    DuplicateMember(Part),
    /// Arrays and objects are nested deeper than allowed.
    TooDeep {
        /// Which part.
        part: Part,
        /// The limit.
        max: usize,
    },

    // --- header ---
    /// The header has no `alg`, or its `alg` is not a string.
    MissingAlgorithm,
    /// The header names a different HMAC algorithm than the one pinned.
    AlgorithmMismatch {
        /// The pinned algorithm.
        expected: Algorithm,
        /// The algorithm the header names.
        found: Algorithm,
    },
    /// The header names `none` or a non-HMAC algorithm.
    UnsupportedAlgorithm(ForeignAlgorithm),
    /// The header carries a member this crate refuses (`crit`, `jku`, `jwk`, `x5u`, ...),
    /// or `typ`/`cty`/`kid` with a value it refuses.
    UnsupportedHeader {
        /// The member's name.
        member: &'static str,
    },

    // --- claims ---
    /// A claim that must be present is missing.
    MissingClaim {
        /// The claim's name.
        claim: String,
    },
    /// A claim has the wrong JSON type or an out-of-range value (for time claims: not an
    /// integer between 0 and 253402300799, the end of year 9999).
    InvalidClaim {
        /// The claim's name.
        claim: &'static str,
        /// What was expected.
        expected: &'static str,
    },
    /// `exp` is at or before `now` (minus leeway).
    Expired {
        /// The token's `exp`.
        exp: u64,
        /// The time it was checked at.
        now: u64,
    },
    /// `nbf` is after `now` (plus leeway).
    NotYetValid {
        /// The token's `nbf`.
        nbf: u64,
        /// The time it was checked at.
        now: u64,
    },
    /// `iat` is after `now` (plus leeway).
    IssuedInFuture {
        /// The token's `iat`.
        iat: u64,
        /// The time it was checked at.
        now: u64,
    },
    /// The issuer (`iss`, or `workspaceKey` as configured) is not this workspace's key.
    WrongIssuer,
    /// Neither `X-Membrane-Token` nor `X-Integration-App-Token` is among the headers.
    MissingRequestHeader,
    /// `X-Membrane-Token` (or, without it, `X-Integration-App-Token`) appears more than
    /// once.
    DuplicateRequestHeader,
    /// The request-token header's value is not text (a JWT is ASCII).
    InvalidRequestHeader,
    /// Verified claims do not fit the type asked of
    /// [`Claims::deserialize`](crate::Claims::deserialize).
    ClaimsType {
        /// serde's explanation (at most 200 bytes; it may quote a verified claim).
        reason: String,
    },
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::WeakKey { alg, len, min } => write!(
                f,
                "secret is {len} bytes but {} needs at least {min} (RFC 7518 section 3.2); \
                 use a longer secret or opt in to weak keys explicitly",
                alg.name()
            ),
            Error::EmptySecret => f.write_str("secret is empty"),
            Error::InvalidWorkspaceKey => f.write_str("workspace key must be 1 to 1024 bytes long"),
            Error::NonFiniteNumber => {
                f.write_str("claim value is NaN or infinite, which JSON cannot represent")
            }
            Error::TimeOverflow => f.write_str("issued_at + ttl overflows"),
            Error::ClockBeforeEpoch => f.write_str("system clock is before 1970"),
            Error::Serialize { reason } => write!(f, "cannot sign this value: {reason}"),
            Error::InvalidInputJson { line, column } => {
                write!(f, "input is not valid JSON (line {line}, column {column})")
            }
            Error::TooLarge { len, max } => {
                write!(f, "token is {len} bytes, more than the limit of {max}")
            }
            Error::EmptyToken => f.write_str("not a JWT: the token is empty"),
            Error::BearerPrefix => {
                f.write_str("token starts with \"Bearer \"; pass the token alone")
            }
            Error::SurroundingWhitespace => {
                f.write_str("token has whitespace before or after it; pass the token alone")
            }
            Error::SegmentCount { found } => write!(
                f,
                "not a JWT: {found} dot-separated segment{} where a JWT has 3 \
                 (header.payload.signature)",
                if *found == 1 { "" } else { "s" }
            ),
            Error::EmptySegment(part) => write!(f, "token {part} segment is empty"),
            Error::InvalidBase64(part) => write!(
                f,
                "token {part} segment is not unpadded base64url (bad character, padding or length)"
            ),
            Error::NonCanonicalBase64(part) => write!(
                f,
                "token {part} segment is not canonical base64url (non-zero trailing bits)"
            ),
            Error::InvalidSignature => f.write_str("signature does not match"),
            Error::SignatureAlgorithmMismatch { expected, found } => write!(
                f,
                "signature does not match: the token says {}, this verifier expects {}",
                found.name(),
                expected.name()
            ),
            Error::InvalidUtf8(part) => write!(f, "token {part} is not UTF-8"),
            Error::InvalidJson { part, line, column } => {
                write!(f, "{part} is not valid JSON (line {line}, column {column})")
            }
            Error::NotAnObject(part) => write!(f, "{part} is not a JSON object"),
            Error::DuplicateMember(part) => {
                write!(f, "{part} has a duplicate member name")
            }
            Error::TooDeep { part, max } => {
                write!(f, "{part} nests arrays/objects deeper than {max}")
            }
            Error::MissingAlgorithm => f.write_str("header has no string `alg`"),
            Error::AlgorithmMismatch { expected, found } => write!(
                f,
                "header says {} but {} is required",
                found.name(),
                expected.name()
            ),
            Error::UnsupportedAlgorithm(ForeignAlgorithm::None) => {
                f.write_str("header says alg `none`: unsecured tokens are refused")
            }
            Error::UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric) => {
                f.write_str("header names an asymmetric algorithm; only HS256/384/512 are accepted")
            }
            Error::UnsupportedAlgorithm(ForeignAlgorithm::Unknown) => {
                f.write_str("header names an unknown algorithm")
            }
            Error::UnsupportedHeader { member } => {
                write!(f, "header member `{member}` is refused")
            }
            Error::MissingClaim { claim } => write!(f, "claim `{claim}` is missing"),
            Error::InvalidClaim { claim, expected } => {
                write!(f, "claim `{claim}` must be {expected}")
            }
            Error::Expired { exp, now } => write!(f, "token expired at {exp} (now {now})"),
            Error::NotYetValid { nbf, now } => {
                write!(f, "token not valid before {nbf} (now {now})")
            }
            Error::IssuedInFuture { iat, now } => {
                write!(f, "token issued in the future at {iat} (now {now})")
            }
            Error::WrongIssuer => f.write_str("issuer is not this workspace's key"),
            Error::MissingRequestHeader => {
                f.write_str("request has no X-Membrane-Token (or X-Integration-App-Token) header")
            }
            Error::DuplicateRequestHeader => f.write_str(
                "request has more than one X-Membrane-Token (or X-Integration-App-Token) header",
            ),
            Error::InvalidRequestHeader => {
                f.write_str("the request-token header value is not text; a JWT is ASCII")
            }
            Error::ClaimsType { reason } => {
                write!(f, "claims do not fit the requested type: {reason}")
            }
        }
    }
}

#[cfg(feature = "std")]
impl std::error::Error for Error {}

/// The longest explanation kept from serde in [`Error::Serialize`] and
/// [`Error::ClaimsType`]: enough for "missing field `plan` at line 1 column 80", short
/// enough that no error carries an unbounded piece of a token.
const MAX_REASON_LEN: usize = 200;

/// `reason`, cut at a character boundary to at most [`MAX_REASON_LEN`] bytes.
pub(crate) fn bounded_reason(reason: &dyn fmt::Display) -> String {
    let mut text = alloc::format!("{reason}");
    if text.len() > MAX_REASON_LEN {
        let mut end = MAX_REASON_LEN - 3;
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.truncate(end);
        text.push_str("...");
    }
    text
}
