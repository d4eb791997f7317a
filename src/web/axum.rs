//! [`MembraneRequest`] as an axum extractor (feature `axum`).
//!
//! The extractor does not verify anything: [`MembraneLayer`](crate::MembraneLayer)
//! did, before the handler ran, and left the verified request in the extensions. So a
//! handler that takes a `MembraneRequest` can only run for a verified request, and the
//! token is checked once however many extractors read it.
//!
//! When the extension is absent the layer is not installed on that route, which is a
//! bug in the server, not in the request: the extractor answers `500` (with a JSON body
//! naming the missing layer) rather than `401`, so the mistake shows up in the first
//! test instead of looking like a client error.
//!
//! There is deliberately no `OptionalFromRequestParts` impl (axum 0.8's `Option<T>`
//! extractor): under the layer the request is always there, so `None` could only mean
//! "layer missing", and an `Option` would turn that server bug into a silent "not
//! signed" path. Without the impl, `Option<MembraneRequest>` does not compile as an
//! extractor.

use core::future::{ready, Future};

use ::http::request::Parts;
use ::http::StatusCode;
use axum_core::extract::FromRequestParts;
use axum_core::response::Response;

use super::response::json_error;
use crate::MembraneRequest;

/// Takes the [`MembraneRequest`] that [`MembraneLayer`](crate::MembraneLayer) verified
/// and stored in the request's extensions.
///
/// Rejection: `500` with `{"error":"server_error","message":"MembraneLayer is not
/// installed on this route"}` when the layer did not run for this route. (Unverified
/// requests never get this far: the layer answers `401` itself.)
///
/// # Examples
///
/// ```
/// use std::convert::Infallible;
///
/// use axum::body::Body;
/// use axum::http::{Request, StatusCode};
/// use axum::response::Response;
/// use axum::routing::get;
/// use axum::{Json, Router};
/// use membrane_token::{unix_now, Algorithm, MembraneLayer, MembraneRequest};
/// use membrane_token::{RequestVerifier, Workspace};
/// use tower_service::Service;
///
/// async fn whoami(request: MembraneRequest) -> Json<serde_json::Value> {
///     Json(serde_json::json!({ "user_id": request.user_id }))
/// }
///
/// // What a server does with each request: wait until the app is ready, then call it.
/// async fn send(app: &mut Router, req: Request<Body>) -> Result<Response, Infallible> {
///     let mut service = app.as_service::<Body>();
///     std::future::poll_fn(|cx| service.poll_ready(cx)).await?;
///     service.call(req).await
/// }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
/// let mut app = Router::new()
///     .route("/", get(whoami))
///     .layer(MembraneLayer::new(verifier));
/// // The same handler on a router without the layer: the extractor answers 500.
/// let mut forgot = Router::new().route("/", get(whoami));
///
/// let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
/// let exp = unix_now()? + 300;
/// let token = membrane.sign_json(&format!(
///     r#"{{"iss":"ws_7f3c2a9e","sub":"user-7","exp":{exp}}}"#
/// ))?;
/// let request = || Request::get("/").header("x-membrane-token", &token).body(Body::empty());
///
/// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
/// runtime.block_on(async {
///     assert_eq!(send(&mut app, request()?).await?.status(), StatusCode::OK);
///
///     let response = send(&mut forgot, request()?).await?;
///     assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
///     assert_eq!(response.headers()["content-type"], "application/json");
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// ```
impl<S: Send + Sync> FromRequestParts<S> for MembraneRequest {
    type Rejection = Response;

    fn from_request_parts(
        parts: &mut Parts,
        _state: &S,
    ) -> impl Future<Output = Result<MembraneRequest, Response>> + Send {
        // Cloned, not removed, so several extractors (or a later middleware) can read it.
        let verified = parts.extensions.get::<MembraneRequest>().cloned();
        ready(verified.ok_or_else(|| {
            json_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                "MembraneLayer is not installed on this route",
            )
        }))
    }
}
