//! The crate's one error type.
//!
//! Every variant names what went wrong precisely enough to act on, and none carries the
//! secret or unbounded attacker-controlled text: a rejected token is described by
//! positions, lengths, numbers and fixed names only.

use alloc::string::String;
use core::fmt;

use crate::{Algorithm, KeyKind};

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
    /// A key given as a JWK (RFC 7517).
    Key,
}

impl fmt::Display for Part {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Part::Header => "header",
            Part::Payload => "payload",
            Part::Signature => "signature",
            Part::Input => "input",
            Part::Key => "key",
        })
    }
}

/// An `alg` header value that this verifier does not use, by why: `none`, an algorithm
/// of the other kind of key than the verifier's, or a name this crate does not know.
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
    /// An asymmetric algorithm (`RS*`, `PS*`, `ES*`, `EdDSA`) sent to a verifier that
    /// checks HMACs with a secret.
    Asymmetric,
    /// An HMAC algorithm (`HS*`) sent to a verifier that holds a public key: it never
    /// accepts a shared-secret token, whatever the key's bytes.
    Hmac,
    /// Anything else, including a case variant of a name such as `hs256` and
    /// algorithms this crate does not implement (`ES256K`, `Ed448`, ...).
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
    /// The key cannot be used with the algorithm: a secret with an asymmetric
    /// algorithm, a public/private key with HMAC, or a key of another type or curve
    /// (each key type fixes its algorithms: [`KeyKind::algorithms`]).
    KeyMismatch {
        /// The algorithm asked for.
        alg: Algorithm,
        /// The kind of key given.
        key: KeyKind,
    },
    /// The key's JWK names one algorithm (`"alg"`, RFC 7517 §4.4) and another was asked
    /// for.
    KeyRestricted {
        /// The algorithm asked for.
        alg: Algorithm,
        /// The only algorithm the key may be used with.
        only: Algorithm,
    },
    /// The algorithm's family is compiled out of this build.
    AlgorithmNotEnabled {
        /// The algorithm asked for.
        alg: Algorithm,
        /// The cargo feature of this crate that adds it.
        feature: &'static str,
    },
    /// The key is of a type whose family is compiled out of this build.
    KeyTypeNotEnabled {
        /// The type of key given: `"an RSA key"`, `"an EC key"` or `"an Ed25519 key"`.
        key: &'static str,
        /// The cargo feature of this crate that adds it.
        feature: &'static str,
    },
    /// The RSA modulus is shorter than the policy allows for this algorithm (2048 bits
    /// by default, on signing and on verifying).
    WeakRsaKey {
        /// The algorithm the key was meant for.
        alg: Algorithm,
        /// The modulus length in bits.
        bits: usize,
        /// The minimum length in bits.
        min: usize,
    },
    /// The RSA public exponent is outside what FIPS 186-5 allows (odd, above 2^16).
    WeakRsaExponent {
        /// The public exponent (not secret).
        e: u64,
    },
    /// The RSA key's size is outside what this crate reads at all (1024 to 8192
    /// bits), or is not a size it generates (2048, 3072, 4096).
    UnsupportedRsaSize {
        /// The modulus length in bits.
        bits: usize,
    },
    /// RSA signing needs a random number generator (blinding; the PSS salt), which this
    /// build does not have: it comes with the `std` feature.
    RngRequired {
        /// The algorithm asked for.
        alg: Algorithm,
    },
    /// The operating system's random number generator failed.
    Rng,
    /// The signature primitive failed for another reason than the random number
    /// generator (not expected with a key this crate accepted).
    SigningFailed {
        /// The algorithm that failed.
        alg: Algorithm,
    },

    // --- key encodings ---
    /// The text is not one PEM block this crate reads: no `-----BEGIN` line, text
    /// around the block, bad base64, or `BEGIN` and `END` labels that differ.
    InvalidPem {
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The PEM block's label is not a key this crate reads (`PRIVATE KEY`,
    /// `RSA PRIVATE KEY`, `EC PRIVATE KEY`, `PUBLIC KEY`, `RSA PUBLIC KEY`).
    UnsupportedPemLabel {
        /// The label (RFC 7468 labels are printable ASCII; at most 40 bytes are kept).
        label: String,
    },
    /// The key is encrypted (`ENCRYPTED PRIVATE KEY`, or a `Proc-Type: 4,ENCRYPTED`
    /// header); decrypt it first.
    EncryptedKey,
    /// The PEM block is a certificate (or a certificate request), not a key.
    CertificateNotKey,
    /// A private key was given where a public key is expected.
    ExpectedPublicKey,
    /// A public key was given where a private key is needed.
    ExpectedPrivateKey,
    /// The key's encoding parses but is not a valid key: malformed DER, bytes after the
    /// structure, a point not on the curve, RSA components that do not agree.
    InvalidKey {
        /// The encoding: `"PKCS#8"`, `"SPKI"`, `"PKCS#1"`, `"SEC1"` or `"JWK"`.
        format: &'static str,
        /// What is wrong with it.
        reason: &'static str,
    },
    /// The key is of a type or with parameters this crate does not implement (DSA,
    /// secp256k1, Ed448, X25519, multi-prime RSA, RSASSA-PSS with parameters, ...).
    UnsupportedKey {
        /// What it is.
        what: &'static str,
    },
    /// A JWK lacks a member its key type requires.
    MissingJwkMember {
        /// The member's name.
        member: &'static str,
    },
    /// A JWK member has the wrong type or value.
    InvalidJwkMember {
        /// The member's name.
        member: &'static str,
        /// What it must be.
        expected: &'static str,
    },
    /// A JWK given as a public key carries a private member (`d`, `p`, ...).
    JwkPrivateMember {
        /// The member's name.
        member: &'static str,
    },

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
    /// The signature does not match and the header names another algorithm of the
    /// same key family as the one pinned (HS384 under HS256, PS256 under RS256): most
    /// likely the verifier is configured with the wrong algorithm. (The signature is
    /// checked first; the header is read only to explain the failure. A header naming
    /// the other family is [`Error::UnsupportedAlgorithm`].)
    SignatureAlgorithmMismatch {
        /// The pinned algorithm.
        expected: Algorithm,
        /// The algorithm the token's header names.
        found: Algorithm,
    },
    /// The signature has the wrong length for the pinned algorithm and key: ES256/384/512
    /// signatures are exactly 64/96/132 bytes (raw `r || s`, never DER), EdDSA 64, RSA
    /// as long as the modulus.
    SignatureLength {
        /// The pinned algorithm.
        alg: Algorithm,
        /// The signature's length in bytes.
        len: usize,
        /// The length the algorithm and key need.
        expected: usize,
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
    /// The header names a different algorithm of the same kind (HMAC, or public key)
    /// than the one pinned.
    AlgorithmMismatch {
        /// The pinned algorithm.
        expected: Algorithm,
        /// The algorithm the header names.
        found: Algorithm,
    },
    /// The header names `none`, an algorithm of the other kind of key than the
    /// verifier's, or an unknown algorithm.
    UnsupportedAlgorithm(ForeignAlgorithm),
    /// A key id given to [`Workspace::with_key_id`](crate::Workspace::with_key_id) is
    /// empty, longer than 256 bytes, or has a character outside `A-Z a-z 0-9 - _ . : ~
    /// + =`.
    InvalidKeyId,
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
            Error::KeyMismatch { alg, key } => {
                write!(
                    f,
                    "{key} cannot be used with {alg}; {alg} needs {}",
                    needs(*alg)
                )?;
                match key {
                    KeyKind::Secret => f.write_str(" (a secret signs HS256, HS384 or HS512)"),
                    _ => Ok(()),
                }
            }
            Error::KeyRestricted { alg, only } => write!(
                f,
                "this key's JWK says \"alg\":\"{only}\", so it cannot be used with {alg}; \
                 use {only}, or a key meant for {alg}"
            ),
            Error::AlgorithmNotEnabled { alg, feature } => write!(
                f,
                "{alg} is not in this build of membrane-token: enable its `{feature}` feature"
            ),
            Error::KeyTypeNotEnabled { key, feature } => write!(
                f,
                "this is {key}, which this build of membrane-token does not read: \
                 enable its `{feature}` feature"
            ),
            Error::WeakRsaKey { alg, bits, min } => write!(
                f,
                "RSA key is {bits} bits; {alg} needs at least {min} (NIST SP 800-131A); \
                 use a larger key or opt in to weak keys explicitly"
            ),
            Error::WeakRsaExponent { e } => write!(
                f,
                "RSA public exponent is {e}; FIPS 186-5 needs an odd exponent above 65536 \
                 (65537 is usual); use another key or opt in to weak keys explicitly"
            ),
            Error::UnsupportedRsaSize { bits } => write!(
                f,
                "RSA key is {bits} bits; keys of 1024 to 8192 bits are read (2048 and more \
                 without opting in to weak keys) and of 2048, 3072 or 4096 bits generated"
            ),
            Error::RngRequired { alg } => write!(
                f,
                "{alg} signing needs the operating system's random number generator \
                 (RSA blinding, PSS salt): build membrane-token with its `std` feature"
            ),
            Error::Rng => f.write_str("the operating system's random number generator failed"),
            Error::SigningFailed { alg } => write!(f, "{alg} signing failed"),
            Error::InvalidPem { reason } => write!(f, "not a PEM key: {reason}"),
            Error::UnsupportedPemLabel { label } => write!(
                f,
                "PEM block \"{label}\" is not a key this crate reads; give a PRIVATE KEY, \
                 RSA PRIVATE KEY or EC PRIVATE KEY (signing), or a PUBLIC KEY or \
                 RSA PUBLIC KEY (verifying)"
            ),
            Error::EncryptedKey => f.write_str(
                "the private key is encrypted; decrypt it first \
                 (for example `openssl pkey -in key.pem -out plain.pem`)",
            ),
            Error::CertificateNotKey => f.write_str(
                "this is a certificate, not a key; give its public key \
                 (for example `openssl x509 -pubkey -noout -in cert.pem`)",
            ),
            Error::ExpectedPublicKey => f.write_str(
                "this is a private key, where a public key is expected; load it with \
                 PrivateKey::from_pem or from_jwk and take its public_key()",
            ),
            Error::ExpectedPrivateKey => f.write_str(
                "this is a public key, where the private key is needed; public keys go to \
                 PublicKey::from_pem or from_jwk",
            ),
            Error::InvalidKey { format, reason } => write!(f, "invalid {format} key: {reason}"),
            Error::UnsupportedKey { what } => write!(f, "unsupported key: {what}"),
            Error::MissingJwkMember { member } => write!(f, "JWK has no `{member}`"),
            Error::InvalidJwkMember { member, expected } => {
                write!(f, "JWK member `{member}` must be {expected}")
            }
            Error::JwkPrivateMember { member } => write!(
                f,
                "JWK has the private member `{member}`, where a public key is expected; \
                 load it with PrivateKey::from_jwk and take its public_key()"
            ),
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
            Error::SignatureLength { alg, len, expected } => write!(
                f,
                "{alg} signature is {len} bytes where this key's are {expected}{}",
                if matches!(alg, Algorithm::Es256 | Algorithm::Es384 | Algorithm::Es512) {
                    " (JOSE's raw r || s, never DER)"
                } else {
                    ""
                }
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
            Error::UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric) => f.write_str(
                "header names an asymmetric algorithm; this verifier checks HMACs with a secret",
            ),
            Error::UnsupportedAlgorithm(ForeignAlgorithm::Hmac) => f.write_str(
                "header names an HMAC algorithm; this verifier holds a public key and refuses it",
            ),
            Error::UnsupportedAlgorithm(ForeignAlgorithm::Unknown) => {
                f.write_str("header names an unknown algorithm")
            }
            Error::InvalidKeyId => f.write_str(
                "key id (kid) must be 1 to 256 characters from A-Z a-z 0-9 - _ . : ~ + = \
                 (an RFC 7638 thumbprint, PublicKey::thumbprint, is one)",
            ),
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

/// What [`Error::KeyMismatch`] says an algorithm needs.
fn needs(alg: Algorithm) -> &'static str {
    match alg.key_kind() {
        KeyKind::Secret => "the workspace secret (Workspace::new)",
        KeyKind::Rsa | KeyKind::RsaPss if alg.is_pss() => {
            "an RSA key (rsaEncryption or RSASSA-PSS)"
        }
        KeyKind::Rsa | KeyKind::RsaPss => "an RSA key (rsaEncryption, not RSASSA-PSS)",
        KeyKind::P256 => "a P-256 key",
        KeyKind::P384 => "a P-384 key",
        KeyKind::P521 => "a P-521 key",
        KeyKind::Ed25519 => "an Ed25519 key",
    }
}

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
