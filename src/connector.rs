//! Checking the tokens Membrane sends to connectors.
//!
//! When Membrane calls a connector's API it adds a JWT signed with the workspace secret
//! in `X-Membrane-Token` (connectors still on the legacy auth type get
//! `X-Integration-App-Token`), with claims `iss` (the workspace key), `sub` (the id of
//! the user the integration belongs to) and `fields`. Membrane's docs do not say which
//! HMAC algorithm it uses, nor whether `exp` is present, so the defaults are: any of
//! HS256/384/512 (chosen by the MAC's length, never by the header, and then required to
//! match the header), `exp` checked when present, `sub` and `iss` required.

use alloc::string::String;
use alloc::vec::Vec;

use crate::b64;
use crate::json::value::Map;
use crate::sig::hmac::MacState;
use crate::sig::policy::KeyPolicy;
use crate::sig::signer::VerifyKeys;
use crate::verify::{verify, IssuerCheck, Policy};
use crate::{Algorithm, Error, Part};

/// The header Membrane puts its request token in.
///
/// # Examples
///
/// ```
/// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
/// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
/// use membrane_token::REQUEST_HEADER;
///
/// # let token = membrane.sign_json(claims)?;
/// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
/// // `token`: a request token from Membrane for user "user-1", without `exp`.
/// assert_eq!(REQUEST_HEADER, "X-Membrane-Token");
/// // Header names are case-insensitive (RFC 9110 §5.1); HTTP/2 sends them in lower case.
/// let headers = [("content-type", "application/json"), ("x-membrane-token", token.as_str())];
/// assert_eq!(verifier.verify_headers(headers, 1_799_992_800)?.user_id, "user-1");
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub const REQUEST_HEADER: &str = "X-Membrane-Token";

/// The header used by connectors on the legacy `integration-app-token` auth type.
///
/// # Examples
///
/// ```
/// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
/// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
/// use membrane_token::{LEGACY_REQUEST_HEADER, REQUEST_HEADER};
///
/// # let token = membrane.sign_json(claims)?;
/// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
/// // `token`: a request token from Membrane for user "user-1", without `exp`.
/// let legacy = [(LEGACY_REQUEST_HEADER, token.as_str())];
/// assert_eq!(verifier.verify_headers(legacy, 1_799_992_800)?.user_id, "user-1");
/// // With both present, only X-Membrane-Token is read.
/// let both = [(LEGACY_REQUEST_HEADER, "stale"), (REQUEST_HEADER, token.as_str())];
/// assert_eq!(verifier.verify_headers(both, 1_799_992_800)?.user_id, "user-1");
/// # Ok::<(), membrane_token::Error>(())
/// ```
pub const LEGACY_REQUEST_HEADER: &str = "X-Integration-App-Token";

/// What a verified Membrane request token says.
///
/// # Examples
///
/// ```
/// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
/// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
/// use membrane_token::MembraneRequest;
///
/// # let token = membrane.sign_json(claims)?;
/// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
/// // `token`: a request token from Membrane for user "user-1", without `exp`.
/// let request = verifier.verify(&token, 1_799_992_800)?;
/// assert_eq!(request, MembraneRequest {
///     workspace_key: "ws_7f3c2a9e".into(),
///     user_id: "user-1".into(),
///     fields: [("apiKey", "k-123")].into_iter().collect(),
///     exp: None, // Membrane's request tokens need not expire
///     alg: Algorithm::Hs256,
/// });
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct MembraneRequest {
    /// `iss`: the workspace key (already checked against yours).
    pub workspace_key: String,
    /// `sub`: the id of the user (tenant) the request is made for.
    pub user_id: String,
    /// `fields`: the connection's fields (empty when absent).
    pub fields: Map,
    /// `exp`, when the token has one.
    pub exp: Option<u64>,
    /// The algorithm it was signed with.
    pub alg: Algorithm,
}

/// Verifies `X-Membrane-Token` header values for one workspace.
///
/// # Examples
///
/// ```
/// use membrane_token::{RequestVerifier, REQUEST_HEADER};
/// # use membrane_token::{Algorithm, Workspace};
///
/// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// // Once, at startup, from the workspace's key and secret.
/// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
/// // What Membrane sends: a JWT with `iss`, `sub` and `fields` (minted here with the secret).
/// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
/// # let token = membrane.sign_json(claims)?;
/// let headers = [(REQUEST_HEADER, token.as_str())];
/// let request = verifier.verify_headers(headers, 1_799_992_800)?;
/// assert_eq!((request.user_id.as_str(), request.alg), ("user-1", Algorithm::Hs512));
/// assert_eq!(request.fields.get("apiKey").and_then(|v| v.as_str()), Some("k-123"));
/// # Ok::<(), membrane_token::Error>(())
/// ```
#[derive(Clone)]
pub struct RequestVerifier {
    /// One keyed state per accepted algorithm.
    macs: Vec<(Algorithm, MacState)>,
    key: String,
    policy: Policy,
}

impl core::fmt::Debug for RequestVerifier {
    fn fmt(&self, f: &mut core::fmt::Formatter<'_>) -> core::fmt::Result {
        let algs: Vec<Algorithm> = self.macs.iter().map(|(alg, _)| *alg).collect();
        f.debug_struct("RequestVerifier")
            .field("key", &self.key)
            .field("algorithms", &algs)
            .field("secret", &format_args!(".."))
            .finish()
    }
}

impl RequestVerifier {
    /// A verifier for workspace `key` and its `secret` (at least 32 bytes, RFC 7518's
    /// minimum for HS256), accepting HS256, HS384 and HS512.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, RequestVerifier};
    ///
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// assert!(RequestVerifier::new("ws_7f3c2a9e", secret).is_ok());
    /// let err = RequestVerifier::new("ws_7f3c2a9e", b"legacy-secret").unwrap_err();
    /// assert_eq!(err, Error::WeakKey { alg: Algorithm::Hs256, len: 13, min: 32 });
    /// let err = RequestVerifier::new("", secret).unwrap_err();
    /// assert_eq!(err, Error::InvalidWorkspaceKey);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn new(key: &str, secret: &[u8]) -> Result<RequestVerifier, Error> {
        RequestVerifier::with_key_policy(key, secret, KeyPolicy::Rfc7518)
    }

    /// Like [`RequestVerifier::new`] with an explicit key policy.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, KeyPolicy, RequestVerifier, Workspace};
    ///
    /// let legacy = b"legacy-secret"; // shorter than RFC 7518's 32 bytes
    /// let policy = KeyPolicy::AllowWeak;
    /// let verifier = RequestVerifier::with_key_policy("ws_7f3c2a9e", legacy, policy)?;
    /// # let alg = Algorithm::Hs256;
    /// # let membrane = Workspace::with_key_policy("ws_7f3c2a9e", legacy, alg, policy)?;
    /// # let token = membrane.sign_json(r#"{"iss":"ws_7f3c2a9e","sub":"user-1"}"#)?;
    /// assert_eq!(verifier.verify(&token, 1_799_992_800)?.user_id, "user-1");
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn with_key_policy(
        key: &str,
        secret: &[u8],
        policy: KeyPolicy,
    ) -> Result<RequestVerifier, Error> {
        if key.is_empty() {
            return Err(Error::InvalidWorkspaceKey);
        }
        policy.check(Algorithm::Hs256, secret.len())?;
        Ok(RequestVerifier {
            macs: Algorithm::HMAC
                .iter()
                .map(|&alg| MacState::new(alg, secret).map(|mac| (alg, mac)))
                .collect::<Result<_, _>>()?,
            key: key.into(),
            policy: Policy {
                require_exp: false,
                issuer: IssuerCheck::Iss,
                required: alloc::vec!["sub".into()],
                ..Policy::default()
            },
        })
    }

    /// Accepts only these algorithms (for example just `[Algorithm::Hs256]`).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1"}"#;
    /// use membrane_token::Error;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?.algorithms(&[Algorithm::Hs256]);
    /// let hs512 = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?.sign_json(claims)?;
    /// let err = verifier.verify(&hs512, 1_799_992_800).unwrap_err();
    /// assert_eq!(err, Error::InvalidSignature); // no accepted algorithm has its MAC length
    /// let hs256 = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?.sign_json(claims)?;
    /// assert!(verifier.verify(&hs256, 1_799_992_800).is_ok());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn algorithms(mut self, algs: &[Algorithm]) -> RequestVerifier {
        self.macs.retain(|(alg, _)| algs.contains(alg));
        self
    }

    /// Requires `exp` (default: checked when present, not required).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
    /// use membrane_token::Error;
    ///
    /// # let token = membrane.sign_json(claims)?;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// // `token`: a request token from Membrane for user "user-1", without `exp`.
    /// assert!(verifier.verify(&token, 1_799_992_800).is_ok()); // `token` has no `exp`
    /// let strict = verifier.clone().require_exp(true);
    /// let err = strict.verify(&token, 1_799_992_800).unwrap_err();
    /// assert_eq!(err, Error::MissingClaim { claim: "exp".into() });
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn require_exp(mut self, required: bool) -> RequestVerifier {
        self.policy.require_exp = required;
        self
    }

    /// Seconds of clock skew tolerated for `exp`, `nbf` and `iat` (default 0).
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// use membrane_token::Error;
    /// let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","exp":1800000000}"#;
    /// let token = membrane.sign_json(claims)?;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// let late = 1_800_000_005; // this server's clock is 5 s ahead
    /// assert!(matches!(verifier.verify(&token, late), Err(Error::Expired { .. })));
    /// assert!(verifier.leeway(10).verify(&token, late).is_ok());
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn leeway(mut self, secs: u64) -> RequestVerifier {
        self.policy.leeway = secs;
        self
    }

    /// Verifies a header value at Unix time `now`.
    ///
    /// The value must be the token alone, as Membrane sends it: surrounding whitespace
    /// is [`Error::SurroundingWhitespace`] and a `Bearer ` prefix is
    /// [`Error::BearerPrefix`], the same rule as [`Workspace::verify`](crate::Workspace::verify)
    /// and the CLI. (HTTP servers already strip the optional whitespace around a field
    /// value, RFC 9110 section 5.5, so a real request never trips the first.)
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
    /// use membrane_token::Error;
    ///
    /// # let token = membrane.sign_json(claims)?;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// // `token`: a request token from Membrane for user "user-1", without `exp`.
    /// let request = verifier.verify(&token, 1_799_992_800)?;
    /// assert_eq!(request.workspace_key, "ws_7f3c2a9e");
    /// assert_eq!(request.user_id, "user-1");
    /// let bearer = verifier.verify(&format!("Bearer {token}"), 1_799_992_800);
    /// assert_eq!(bearer, Err(Error::BearerPrefix));
    /// let padded = verifier.verify(&format!("{token} "), 1_799_992_800);
    /// assert_eq!(padded, Err(Error::SurroundingWhitespace));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify(&self, header_value: &str, now: u64) -> Result<MembraneRequest, Error> {
        let token = header_value;
        // The MAC's length picks the algorithm, so nothing the header says is read
        // before the MAC is checked; `verify` then requires the header to agree.
        let signature = token.rsplit_once('.').map_or("", |(_, sig)| sig);
        let sig_len = match b64::validate(signature, Part::Signature) {
            Ok(()) => b64::decoded_len(signature.len()),
            Err(_) => 0,
        };
        let (alg, macs) = match self
            .macs
            .iter()
            .find(|(alg, _)| alg.output_len() == sig_len)
        {
            Some((alg, mac)) => (*alg, core::slice::from_ref(mac)),
            // No candidate: run the same checks with no key, so a structural problem is
            // reported precisely and anything else ends as `InvalidSignature`.
            None => (Algorithm::Hs256, &[][..]),
        };
        let claims = verify(
            token,
            now,
            &self.key,
            alg,
            VerifyKeys::Macs(macs),
            &self.policy,
        )
        .map_err(|e| match e {
            // With no candidate the pinned HS256 above is a placeholder, so an
            // explanation naming it would point at an algorithm nobody chose.
            Error::SignatureAlgorithmMismatch { .. } if macs.is_empty() => Error::InvalidSignature,
            other => other,
        })?;
        Ok(MembraneRequest {
            workspace_key: claims.iss().unwrap_or_default().into(),
            user_id: claims.sub().unwrap_or_default().into(),
            fields: claims.fields().unwrap_or_default(),
            exp: claims.exp(),
            alg,
        })
    }

    /// Finds [`REQUEST_HEADER`] (or, when it is absent, [`LEGACY_REQUEST_HEADER`])
    /// among `headers`, by case-insensitive name, and verifies it.
    ///
    /// Takes any list of name/value pairs: `(&str, &str)` pairs, or an
    /// [`http::HeaderMap`](https://docs.rs/http/latest/http/header/struct.HeaderMap.html)
    /// by reference (feature `http`). The same header twice is refused
    /// ([`Error::DuplicateRequestHeader`]): two proxies could each read a different one.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
    /// use membrane_token::Error;
    ///
    /// # let token = membrane.sign_json(claims)?;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// // `token`: a request token from Membrane for user "user-1", without `exp`.
    /// let headers = [("Accept", "application/json"), ("X-Membrane-Token", token.as_str())];
    /// assert_eq!(verifier.verify_headers(headers, 1_799_992_800)?.user_id, "user-1");
    /// let twice = [("X-Membrane-Token", token.as_str()), ("x-membrane-token", "forged")];
    /// let err = verifier.verify_headers(twice, 1_799_992_800).unwrap_err();
    /// assert_eq!(err, Error::DuplicateRequestHeader);
    /// let none = [("Accept", "application/json")];
    /// assert_eq!(verifier.verify_headers(none, 1_799_992_800), Err(Error::MissingRequestHeader));
    /// // Values may be bytes, as HTTP carries them; a JWT is ASCII.
    /// let bytes: [(&str, &[u8]); 1] = [("X-Membrane-Token", b"\xff\xfe")];
    /// assert_eq!(verifier.verify_headers(bytes, 1_799_992_800), Err(Error::InvalidRequestHeader));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_headers<I, K, V>(&self, headers: I, now: u64) -> Result<MembraneRequest, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        let value = find_request_header(headers)?;
        let text = core::str::from_utf8(value.as_ref()).map_err(|_| Error::InvalidRequestHeader)?;
        self.verify(text, now)
    }
}

/// The value of the request-token header: the current name first, the legacy name
/// only when the current one is absent; either one twice is an error.
fn find_request_header<I, K, V>(headers: I) -> Result<V, Error>
where
    I: IntoIterator<Item = (K, V)>,
    K: AsRef<str>,
{
    let mut current = None;
    let mut legacy = None;
    for (name, value) in headers {
        let name = name.as_ref();
        let slot = if name.eq_ignore_ascii_case(REQUEST_HEADER) {
            &mut current
        } else if name.eq_ignore_ascii_case(LEGACY_REQUEST_HEADER) {
            &mut legacy
        } else {
            continue;
        };
        if slot.replace(value).is_some() {
            return Err(Error::DuplicateRequestHeader);
        }
    }
    current.or(legacy).ok_or(Error::MissingRequestHeader)
}

#[cfg(feature = "std")]
impl RequestVerifier {
    /// [`RequestVerifier::verify`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
    /// use membrane_token::Error;
    ///
    /// # let token = membrane.sign_json(claims)?;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// // `token`: a request token from Membrane for user "user-1", without `exp`.
    /// assert_eq!(verifier.verify_now(&token)?.user_id, "user-1");
    /// let expired = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","exp":1300000000}"#;
    /// let err = verifier.verify_now(&membrane.sign_json(expired)?).unwrap_err();
    /// assert!(matches!(err, Error::Expired { exp: 1_300_000_000, .. }));
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_now(&self, header_value: &str) -> Result<MembraneRequest, Error> {
        self.verify(header_value, crate::unix_now()?)
    }

    /// [`RequestVerifier::verify_headers`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// # use membrane_token::{Algorithm, RequestVerifier, Workspace};
    /// # let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// # let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// # let claims = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"apiKey":"k-123"}}"#;
    /// use membrane_token::REQUEST_HEADER;
    ///
    /// # let token = membrane.sign_json(claims)?;
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// // `token`: a request token from Membrane for user "user-1", without `exp`.
    /// let headers = vec![(REQUEST_HEADER.to_string(), token.clone().into_bytes())];
    /// let request = verifier.verify_headers_now(headers)?;
    /// assert_eq!(request.user_id, "user-1");
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_headers_now<I, K, V>(&self, headers: I) -> Result<MembraneRequest, Error>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: AsRef<[u8]>,
    {
        self.verify_headers(headers, crate::unix_now()?)
    }
}
