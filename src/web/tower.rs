//! A tower middleware that lets through only requests Membrane signed (feature `tower`).
//!
//! A connector's routes are all called by Membrane, so the check belongs in front of
//! them rather than in each handler, where one forgotten call would open a route. The
//! layer verifies `X-Membrane-Token` (falling back to the legacy
//! `X-Integration-App-Token`) with [`RequestVerifier::verify_headers`], stores the
//! verified [`MembraneRequest`] in the request's extensions for the handler (axum
//! handlers take it as an extractor), and otherwise answers `401` itself with a small
//! JSON body; the inner service never sees an unverified request.
//!
//! Verification is CPU work of a few microseconds with no I/O, so it runs inside
//! [`Service::call`] before the inner service is called, not in the returned future.

use alloc::boxed::Box;
use alloc::string::{String, ToString};
use alloc::sync::Arc;
use core::fmt;
use core::future::Future;
use core::pin::Pin;
use core::task::{Context, Poll};

use ::http::{Request, Response, StatusCode};
use tower_layer::Layer;
use tower_service::Service;

use super::response::json_error;
use crate::{Error, MembraneRequest, RequestVerifier};

/// Where the layer reads the time from.
#[derive(Clone, Copy)]
enum Clock {
    /// [`crate::unix_now`].
    System,
    /// A caller's function (tests, simulations).
    Custom(fn() -> u64),
}

impl Clock {
    fn now(self) -> Result<u64, Error> {
        match self {
            Clock::System => crate::unix_now(),
            Clock::Custom(now) => Ok(now()),
        }
    }
}

impl fmt::Debug for Clock {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Clock::System => "System",
            Clock::Custom(_) => "Custom",
        })
    }
}

/// A [`Layer`] that guards a service with a [`RequestVerifier`]: requests without a
/// valid Membrane request token get `401` and never reach the service.
///
/// Wraps services into [`MembraneService`]. The verifier is shared through an [`Arc`],
/// so cloning the layer or the services it makes is cheap and the key schedule is
/// computed once.
///
/// What the wrapped service answers:
///
/// | request | answer |
/// |---|---|
/// | valid `X-Membrane-Token`, or no such header and a valid `X-Integration-App-Token` | the inner service's, with the [`MembraneRequest`] in the request's extensions |
/// | neither header | `401`, `{"error":"missing_token","message":…}` |
/// | anything else (bad signature, expired, other workspace, the header twice, …) | `401`, `{"error":"invalid_token","message":…}` |
/// | the clock cannot be read | `500`, `{"error":"server_error","message":…}` |
///
/// Every refusal has `content-type: application/json`; its `message` is the
/// [`Error`]'s `Display` text, which never contains the token or any header value.
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
/// use axum::{Extension, Router};
/// use membrane_token::{unix_now, Algorithm, MembraneLayer, MembraneRequest};
/// use membrane_token::{RequestVerifier, Workspace};
/// use tower_service::Service;
///
/// // With feature `axum`, the handler can take `request: MembraneRequest` directly.
/// async fn whoami(Extension(request): Extension<MembraneRequest>) -> String {
///     request.user_id
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
///
/// // Stand-in for Membrane: a request token for user-7.
/// let membrane = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs256)?;
/// let exp = unix_now()? + 300;
/// let token = membrane.sign_json(&format!(
///     r#"{{"iss":"ws_7f3c2a9e","sub":"user-7","exp":{exp}}}"#
/// ))?;
///
/// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
/// runtime.block_on(async {
///     let signed = Request::get("/").header("x-membrane-token", &token).body(Body::empty())?;
///     assert_eq!(send(&mut app, signed).await?.status(), StatusCode::OK);
///
///     let unsigned = Request::get("/").body(Body::empty())?;
///     assert_eq!(send(&mut app, unsigned).await?.status(), StatusCode::UNAUTHORIZED);
///     Ok::<(), Box<dyn std::error::Error>>(())
/// })
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct MembraneLayer {
    verifier: Arc<RequestVerifier>,
    clock: Clock,
}

impl MembraneLayer {
    /// A layer that checks requests with `verifier` at the system clock's time.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{Algorithm, MembraneLayer, RequestVerifier};
    ///
    /// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// // Configure the verifier first: here only HS256, and `exp` required.
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?
    ///     .algorithms(&[Algorithm::Hs256])
    ///     .require_exp(true);
    /// let layer = MembraneLayer::new(verifier);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn new(verifier: RequestVerifier) -> MembraneLayer {
        MembraneLayer {
            verifier: Arc::new(verifier),
            clock: Clock::System,
        }
    }

    /// Reads the time (Unix seconds) from `now` instead of the system clock: for tests
    /// that replay recorded tokens, or simulations.
    ///
    /// # Examples
    ///
    /// ```
    /// use membrane_token::{MembraneLayer, RequestVerifier};
    ///
    /// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
    /// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
    /// let layer = MembraneLayer::new(verifier).with_clock(|| 1_799_990_000);
    /// # Ok::<(), membrane_token::Error>(())
    /// ```
    pub fn with_clock(mut self, now: fn() -> u64) -> MembraneLayer {
        self.clock = Clock::Custom(now);
        self
    }
}

impl<S> Layer<S> for MembraneLayer {
    type Service = MembraneService<S>;

    fn layer(&self, inner: S) -> MembraneService<S> {
        MembraneService {
            inner,
            verifier: Arc::clone(&self.verifier),
            clock: self.clock,
        }
    }
}

/// The service [`MembraneLayer`] wraps around `S`: verifies the request token, then
/// calls `S` with the [`MembraneRequest`] in the request's extensions, or answers the
/// refusal itself (see [`MembraneLayer`] for the answers).
///
/// # Examples
///
/// ```
/// use std::convert::Infallible;
/// use std::future::{ready, Ready};
/// use std::task::{Context, Poll};
///
/// use http::{Request, Response, StatusCode};
/// use membrane_token::{MembraneLayer, MembraneRequest, RequestVerifier};
/// use tower_layer::Layer;
/// use tower_service::Service;
///
/// /// A hand-written inner service: answers with the verified user's id.
/// struct WhoAmI;
///
/// impl Service<Request<()>> for WhoAmI {
///     type Response = Response<String>;
///     type Error = Infallible;
///     type Future = Ready<Result<Response<String>, Infallible>>;
///
///     fn poll_ready(&mut self, _: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
///         Poll::Ready(Ok(()))
///     }
///
///     fn call(&mut self, req: Request<()>) -> Self::Future {
///         let user = req.extensions().get::<MembraneRequest>().map(|r| r.user_id.clone());
///         ready(Ok(Response::new(user.unwrap_or_default())))
///     }
/// }
///
/// # fn main() -> Result<(), Box<dyn std::error::Error>> {
/// let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
/// let verifier = RequestVerifier::new("ws_7f3c2a9e", secret)?;
/// let mut service = MembraneLayer::new(verifier).layer(WhoAmI);
///
/// let runtime = tokio::runtime::Builder::new_current_thread().build()?;
/// let response = runtime.block_on(async {
///     std::future::poll_fn(|cx| service.poll_ready(cx)).await?;
///     service.call(Request::new(())).await
/// })?;
/// assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
/// assert_eq!(response.headers()["content-type"], "application/json");
/// assert!(response.body().starts_with(r#"{"error":"missing_token","message":"#));
/// # Ok(())
/// # }
/// ```
#[derive(Clone, Debug)]
pub struct MembraneService<S> {
    inner: S,
    verifier: Arc<RequestVerifier>,
    clock: Clock,
}

impl<S> MembraneService<S> {
    /// The verified request, or the refusal to send instead.
    fn check<B, ResBody: From<String>>(
        &self,
        req: &Request<B>,
    ) -> Result<MembraneRequest, Response<ResBody>> {
        let now = self.clock.now().map_err(|err| {
            json_error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "server_error",
                &err.to_string(),
            )
        })?;
        self.verifier
            .verify_headers(req.headers(), now)
            .map_err(|err| {
                let code = match err {
                    Error::MissingRequestHeader => "missing_token",
                    _ => "invalid_token",
                };
                json_error(StatusCode::UNAUTHORIZED, code, &err.to_string())
            })
    }
}

impl<S, B, ResBody> Service<Request<B>> for MembraneService<S>
where
    S: Service<Request<B>, Response = Response<ResBody>>,
    S::Error: Send + 'static,
    S::Future: Send + 'static,
    ResBody: From<String> + Send + 'static,
{
    type Response = Response<ResBody>;
    type Error = S::Error;
    // Boxed because it is one of two futures (the inner service's, or a ready refusal):
    // an enum of the two would have to pin-project into the inner future, which takes
    // `unsafe` or `pin-project`; this crate forbids the one and does not depend on the
    // other. The cost is one allocation per request.
    type Future = Pin<Box<dyn Future<Output = Result<Response<ResBody>, S::Error>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, mut req: Request<B>) -> Self::Future {
        match self.check(&req) {
            Ok(verified) => {
                req.extensions_mut().insert(verified);
                // Called here, on the very service `poll_ready` was asked of, so its
                // readiness is used as tower requires; the usual clone-and-swap is only
                // needed when the inner call happens later, inside an `async` block.
                Box::pin(self.inner.call(req))
            }
            // The inner service was polled ready but is not called: tower allows that
            // (a ready service may be dropped or kept for the next call).
            Err(refusal) => Box::pin(core::future::ready(Ok(refusal))),
        }
    }
}

#[cfg(test)]
mod tests {
    use alloc::format;
    use alloc::vec::Vec;
    use core::convert::Infallible;
    use core::future::{poll_fn, ready, Ready};
    use std::sync::Mutex;

    use super::*;
    use crate::{Algorithm, Workspace};

    const KEY: &str = "ws_test";
    const SECRET: &[u8] = b"0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef";
    const NOW: u64 = 1_800_000_000;

    /// Records what reached it; ready only on every other poll, to show that the layer
    /// passes the inner service's readiness through.
    #[derive(Clone, Default)]
    struct Recorder {
        seen: Arc<Mutex<Vec<Option<MembraneRequest>>>>,
        polls: usize,
    }

    impl Service<Request<()>> for Recorder {
        type Response = Response<String>;
        type Error = Infallible;
        type Future = Ready<Result<Response<String>, Infallible>>;

        fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
            self.polls += 1;
            if self.polls % 2 == 1 {
                cx.waker().wake_by_ref();
                Poll::Pending
            } else {
                Poll::Ready(Ok(()))
            }
        }

        fn call(&mut self, req: Request<()>) -> Self::Future {
            assert_eq!(self.polls % 2, 0, "called without being ready");
            let verified = req.extensions().get::<MembraneRequest>().cloned();
            self.seen.lock().unwrap().push(verified);
            ready(Ok(Response::new("inner".into())))
        }
    }

    type Headers<'a> = &'a [(&'a str, &'a str)];

    fn token(claims: &str) -> String {
        Workspace::new(KEY, SECRET, Algorithm::Hs256)
            .unwrap()
            .sign_json(claims)
            .unwrap()
    }

    fn service(recorder: &Recorder) -> MembraneService<Recorder> {
        let verifier = RequestVerifier::new(KEY, SECRET).unwrap();
        MembraneLayer::new(verifier)
            .with_clock(|| NOW)
            .layer(recorder.clone())
    }

    fn send(service: &mut MembraneService<Recorder>, req: Request<()>) -> Response<String> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        runtime.block_on(async {
            poll_fn(|cx| service.poll_ready(cx)).await.unwrap();
            service.call(req).await.unwrap()
        })
    }

    fn with_headers(headers: &[(&str, &str)]) -> Request<()> {
        let mut builder = Request::get("/");
        for (name, value) in headers {
            builder = builder.header(*name, *value);
        }
        builder.body(()).unwrap()
    }

    #[test]
    fn valid_token_reaches_inner_with_extension() {
        let recorder = Recorder::default();
        let mut svc = service(&recorder);
        let good = token(r#"{"iss":"ws_test","sub":"user-1","fields":{"a":"b"}}"#);
        let response = send(&mut svc, with_headers(&[("X-Membrane-Token", &good)]));
        assert_eq!(response.status(), StatusCode::OK);
        assert_eq!(response.body(), "inner");
        let seen = recorder.seen.lock().unwrap();
        let verified = seen.first().cloned().flatten().unwrap();
        assert_eq!(verified.user_id, "user-1");
        assert_eq!(verified.workspace_key, "ws_test");
        assert_eq!(verified.alg, Algorithm::Hs256);
    }

    #[test]
    fn refusals_are_json_and_never_reach_inner() {
        let recorder = Recorder::default();
        let mut svc = service(&recorder);
        let expired = token(&format!(r#"{{"iss":"ws_test","sub":"u","exp":{NOW}}}"#));
        let other = token(r#"{"iss":"ws_other","sub":"u"}"#);
        // (headers, error code, a piece of the message)
        let cases: [(Headers, &str, &str); 5] = [
            (&[], "missing_token", "request has no X-Membrane-Token"),
            (
                &[("x-membrane-token", &expired)],
                "invalid_token",
                "token expired at",
            ),
            (
                &[("x-membrane-token", &other)],
                "invalid_token",
                "issuer is not",
            ),
            (
                &[("x-membrane-token", &other), ("x-membrane-token", &other)],
                "invalid_token",
                "more than one",
            ),
            (
                &[("x-membrane-token", "Bearer x.y.z")],
                "invalid_token",
                "Bearer",
            ),
        ];
        for (headers, code, message) in cases {
            let response = send(&mut svc, with_headers(headers));
            assert_eq!(
                response.status(),
                StatusCode::UNAUTHORIZED,
                "{code} {message}"
            );
            assert_eq!(response.headers()["content-type"], "application/json");
            let body: serde_json::Value = serde_json::from_str(response.body()).unwrap();
            assert_eq!(body["error"], code);
            let text = body["message"].as_str().unwrap();
            assert!(text.contains(message), "{text}");
            for (_, value) in headers {
                assert!(
                    !response.body().contains(value),
                    "body echoes a header value"
                );
            }
        }
        assert!(recorder.seen.lock().unwrap().is_empty());
    }

    #[test]
    fn clock_is_the_layers() {
        let recorder = Recorder::default();
        let verifier = RequestVerifier::new(KEY, SECRET).unwrap();
        let exp = NOW + 10;
        let valid_then = token(&format!(r#"{{"iss":"ws_test","sub":"u","exp":{exp}}}"#));
        let mut early = MembraneLayer::new(verifier.clone())
            .with_clock(|| NOW)
            .layer(recorder.clone());
        let mut late = MembraneLayer::new(verifier)
            .with_clock(|| NOW + 10)
            .layer(recorder.clone());
        let req = || with_headers(&[("x-membrane-token", &valid_then)]);
        assert_eq!(send(&mut early, req()).status(), StatusCode::OK);
        assert_eq!(send(&mut late, req()).status(), StatusCode::UNAUTHORIZED);
    }
}
