//! One token through the verifier, in the order of work of `verify/mod.rs`: the
//! length limit and the token-alone rule, three segments, strict base64url, the
//! signature, then the header and the payload's scan; and [`decode_unverified`], the
//! same structural checks without any key.

use alloc::string::String;
use alloc::vec::Vec;

use subtle::{Choice, ConstantTimeEq};

use super::checks::{
    check_claims, check_header, foreign, Policy, DEFAULT_MAX_DEPTH, DEFAULT_MAX_TOKEN_LEN,
};
use super::claims::{Claims, Header};
use crate::b64;
use crate::json::profile::HeaderStyle;
use crate::json::scan::{self, ScanError};
use crate::json::value::{Map, Value};
use crate::sig::hmac::MacState;
use crate::sig::signer::VerifyKeys;
use crate::{Algorithm, Error, ForeignAlgorithm, Part};

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

/// The input rule shared by the library, [`Verifier`](super::Verifier), the request
/// verifier and the CLI: a token is passed alone. What else is pasted with it is named,
/// not trimmed.
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
/// verdict: `Ok(())` when a key verifies it, else `Err(Some(EmptySegment))` for an
/// empty signature (an unsecured `"alg":"none"` JWS has one, and the header then
/// explains it better), `Err(Some(SignatureLength))` when the signature has a length
/// no configured public key produces (a DER ECDSA signature, a token for another key
/// size), or `Err(None)`.
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
    if segments.signature.is_empty() {
        return Ok(Err(Some(Error::EmptySegment(Part::Signature))));
    }
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
            // The other key family: a token that wants its signature read with another
            // kind of key than this verifier holds (the key-confusion attack's shape).
            Some(found) if found.is_hmac() != pinned.is_hmac() => {
                Error::UnsupportedAlgorithm(if found.is_hmac() {
                    ForeignAlgorithm::Hmac
                } else {
                    ForeignAlgorithm::Asymmetric
                })
            }
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
