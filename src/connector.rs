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
use crate::key::{KeyPolicy, MacState};
use crate::value::Map;
use crate::verify::{verify, IssuerCheck, Policy};
use crate::{Algorithm, Error, Part};

/// The header Membrane puts its request token in.
pub const REQUEST_HEADER: &str = "X-Membrane-Token";

/// The header used by connectors on the legacy `integration-app-token` auth type.
pub const LEGACY_REQUEST_HEADER: &str = "X-Integration-App-Token";

/// What a verified Membrane request token says.
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
    pub fn new(key: &str, secret: &[u8]) -> Result<RequestVerifier, Error> {
        RequestVerifier::with_key_policy(key, secret, KeyPolicy::Rfc7518)
    }

    /// Like [`RequestVerifier::new`] with an explicit key policy.
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
            macs: Algorithm::ALL
                .iter()
                .map(|&alg| (alg, MacState::new(alg, secret)))
                .collect(),
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
    pub fn algorithms(mut self, algs: &[Algorithm]) -> RequestVerifier {
        self.macs.retain(|(alg, _)| algs.contains(alg));
        self
    }

    /// Requires `exp` (default: checked when present, not required).
    pub fn require_exp(mut self, required: bool) -> RequestVerifier {
        self.policy.require_exp = required;
        self
    }

    /// Seconds of clock skew tolerated for `exp`, `nbf` and `iat` (default 0).
    pub fn leeway(mut self, secs: u64) -> RequestVerifier {
        self.policy.leeway = secs;
        self
    }

    /// Verifies a header value (surrounding whitespace ignored) at Unix time `now`.
    pub fn verify(&self, header_value: &str, now: u64) -> Result<MembraneRequest, Error> {
        let token = header_value.trim_matches(|c| c == ' ' || c == '\t');
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
        let claims = verify(token, now, &self.key, alg, macs, &self.policy)?;
        Ok(MembraneRequest {
            workspace_key: claims.iss().unwrap_or_default().into(),
            user_id: claims.sub().unwrap_or_default().into(),
            fields: claims.fields().unwrap_or_default(),
            exp: claims.exp(),
            alg,
        })
    }

    /// Finds [`REQUEST_HEADER`] (or else [`LEGACY_REQUEST_HEADER`]) among `headers`,
    /// by case-insensitive name, and verifies it.
    pub fn verify_headers<'h, I>(&self, headers: I, now: u64) -> Result<MembraneRequest, Error>
    where
        I: IntoIterator<Item = (&'h str, &'h str)>,
    {
        let mut current = None;
        let mut legacy = None;
        for (name, value) in headers {
            if name.eq_ignore_ascii_case(REQUEST_HEADER) {
                current.get_or_insert(value);
            } else if name.eq_ignore_ascii_case(LEGACY_REQUEST_HEADER) {
                legacy.get_or_insert(value);
            }
        }
        let value = current.or(legacy).ok_or(Error::MissingRequestHeader)?;
        self.verify(value, now)
    }
}
