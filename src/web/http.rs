//! [`RequestVerifier`] for an `http::Request` (feature `http`).
//!
//! The `http` crate's request type is what hyper, axum, tower, reqwest and most of the
//! Rust web stack share, so one method here serves all of them. It only hands the
//! request's [`HeaderMap`](::http::HeaderMap) to
//! [`RequestVerifier::verify_headers`]; the header rules (current name first, legacy
//! name as fallback, a duplicate refused, non-UTF-8 refused) live there, once.

use ::http::Request;

use crate::{Error, MembraneRequest, RequestVerifier};

impl RequestVerifier {
    /// Verifies the [`REQUEST_HEADER`](crate::REQUEST_HEADER) of `req` (or, when it is
    /// absent, [`LEGACY_REQUEST_HEADER`](crate::LEGACY_REQUEST_HEADER)) at Unix time
    /// `now`. The body is not read.
    ///
    /// Errors as [`RequestVerifier::verify_headers`]: [`Error::MissingRequestHeader`]
    /// without either header, [`Error::DuplicateRequestHeader`] when the header that
    /// counts appears twice, [`Error::InvalidRequestHeader`] when its value is not
    /// UTF-8, and otherwise whatever [`RequestVerifier::verify`] says of the token.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, Error, RequestVerifier, Workspace};
    ///
    /// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// // Stand-in for Membrane, which signs the request token with the workspace secret.
    /// let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
    /// let token = membrane.sign_json(
    ///     r#"{"iss":"ws_7f3c2a9e","sub":"user-7","exp":1800000000}"#,
    /// )?;
    ///
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// let req = http::Request::get("/records")
    ///     .header("x-membrane-token", &token)
    ///     .body(())
    ///     .unwrap();
    /// let request = verifier.verify_request(&req, 1_799_990_000)?;
    /// assert_eq!(request.user_id, "user-7");
    ///
    /// let unsigned = http::Request::get("/records").body(()).unwrap();
    /// assert_eq!(
    ///     verifier.verify_request(&unsigned, 1_799_990_000),
    ///     Err(Error::MissingRequestHeader)
    /// );
    /// # Ok::<(), Error>(())
    /// ```
    pub fn verify_request<B>(&self, req: &Request<B>, now: u64) -> Result<MembraneRequest, Error> {
        self.verify_headers(req.headers(), now)
    }

    /// [`RequestVerifier::verify_request`] at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{unix_now, Algorithm, RequestVerifier, Workspace};
    ///
    /// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
    /// let exp = unix_now()? + 300;
    /// let token = membrane.sign_json(&format!(
    ///     r#"{{"iss":"ws_7f3c2a9e","sub":"user-7","exp":{exp}}}"#
    /// ))?;
    ///
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// // The legacy header is read when X-Membrane-Token is absent.
    /// let req = http::Request::post("/sync")
    ///     .header("x-integration-app-token", &token)
    ///     .body("payload")
    ///     .unwrap();
    /// assert_eq!(verifier.verify_request_now(&req)?.user_id, "user-7");
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn verify_request_now<B>(&self, req: &Request<B>) -> Result<MembraneRequest, Error> {
        self.verify_headers_now(req.headers())
    }
}
