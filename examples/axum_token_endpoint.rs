//! The backend route that hands your front end a Membrane token, in axum.
//!
//! Membrane's quick start says: always generate the token on your backend (the
//! workspace secret must never reach a browser), and have the front end fetch it from
//! a route of yours, which knows the signed-in user. This is that route.
//!
//! ```sh
//! MEMBRANE_WORKSPACE_KEY=ws_7f3c2a9e MEMBRANE_WORKSPACE_SECRET=... PORT=8080 \
//!     cargo run --example axum_token_endpoint --features axum
//! curl -H 'Authorization: Bearer demo-alice' http://127.0.0.1:8080/api/membrane-token
//! ```
//!
//! `GET /api/membrane-token` answers `200` with `{"token": "..."}`, a current-format
//! tenant token (HS512, valid 7200 s) whose `tenantKey` is the signed-in user, and
//! `401` with a JSON error when nobody is signed in. Here "signed in" is the demo's
//! stand-in for your own session check: `Authorization: Bearer demo-<user>`. Replace
//! [`session_user`] with your real one. `tests/http_token_endpoint.rs` runs [`app`]
//! over a real socket.

use std::io::Write;
use std::process::ExitCode;
use std::sync::Arc;

use axum::extract::State;
use axum::http::header::AUTHORIZATION;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use membrane_token::{Algorithm, Tenant, Workspace};
use serde_json::json;

/// The token route; `workspace` is built once at start-up (it keeps the keyed HMAC
/// state, not the secret) and shared by every request.
pub fn app(workspace: Workspace) -> Router {
    Router::new()
        .route("/api/membrane-token", get(membrane_token))
        .with_state(Arc::new(workspace))
}

async fn membrane_token(State(workspace): State<Arc<Workspace>>, headers: HeaderMap) -> Response {
    let Some(user) = session_user(&headers) else {
        return error(
            StatusCode::UNAUTHORIZED,
            "unauthorized",
            "sign in first: send Authorization: Bearer demo-<user>",
        );
    };
    match workspace.tenant_token(&Tenant::new(user)) {
        Ok(token) => Json(json!({ "token": token })).into_response(),
        // Only a clock before 1970 can fail here; the text names no secret.
        Err(err) => error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "server_error",
            &err.to_string(),
        ),
    }
}

/// The signed-in user, by the demo's rule: exactly one `Authorization` header whose
/// value is `Bearer demo-<user>`. A real app asks its own session store instead.
pub fn session_user(headers: &HeaderMap) -> Option<&str> {
    let mut values = headers.get_all(AUTHORIZATION).iter();
    let value = values.next()?;
    if values.next().is_some() {
        return None; // two Authorization headers: ambiguous, refuse
    }
    let (scheme, credentials) = value.to_str().ok()?.split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("bearer") {
        return None;
    }
    let user = credentials.strip_prefix("demo-")?;
    valid_user(user).then_some(user)
}

/// 1 to 128 bytes of `[A-Za-z0-9._-]`. The user id becomes the token's `tenantKey`,
/// which Membrane stores and shows as the tenant's identifier, and which ends up in
/// URLs and logs: a short plain-ASCII set keeps out control characters, look-alike
/// Unicode, path and quoting characters, and unbounded sizes. Your real ids (database
/// keys, UUIDs) fit in it.
pub fn valid_user(user: &str) -> bool {
    (1..=128).contains(&user.len())
        && user
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'))
}

fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(json!({ "error": code, "message": message }))).into_response()
}

/// The value of `name`, or a message saying it is needed (never the value itself).
fn required_env(name: &str) -> Result<String, String> {
    match std::env::var(name) {
        Ok(value) if !value.is_empty() => Ok(value),
        Ok(_) => Err(format!("{name} is empty")),
        Err(std::env::VarError::NotPresent) => Err(format!("set {name}")),
        Err(std::env::VarError::NotUnicode(_)) => Err(format!("{name} is not UTF-8")),
    }
}

/// Reads the configuration; every failure is a message for stderr and exit status 2.
fn config() -> Result<(Workspace, u16), String> {
    let key = required_env("MEMBRANE_WORKSPACE_KEY")?;
    let secret = required_env("MEMBRANE_WORKSPACE_SECRET")?;
    // The error names lengths only, never the secret.
    let workspace = Workspace::new(&key, secret.as_bytes(), Algorithm::Hs512)
        .map_err(|err| format!("MEMBRANE_WORKSPACE_SECRET / MEMBRANE_WORKSPACE_KEY: {err}"))?;
    let port = match std::env::var("PORT") {
        Err(std::env::VarError::NotPresent) => 8080,
        Ok(text) => text
            .parse()
            .map_err(|_| "PORT must be a number from 0 to 65535".to_string())?,
        Err(std::env::VarError::NotUnicode(_)) => return Err("PORT is not UTF-8".into()),
    };
    Ok((workspace, port))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (workspace, port) = match config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("axum_token_endpoint: {message}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("axum_token_endpoint: cannot listen on 127.0.0.1:{port}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().map_or(port, |addr| addr.port());
    println!("listening on 127.0.0.1:{bound}");
    // Whoever started us reads this line to learn the port; don't leave it buffered.
    let _ = std::io::stdout().flush();
    if let Err(err) = axum::serve(listener, app(workspace)).await {
        eprintln!("axum_token_endpoint: server error: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
