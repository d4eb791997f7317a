//! A connector API in axum that accepts only requests Membrane signed.
//!
//! ```sh
//! MEMBRANE_WORKSPACE_KEY=ws_7f3c2a9e MEMBRANE_WORKSPACE_SECRET=... PORT=8080 \
//!     cargo run --example axum_connector --features axum
//! ```
//!
//! Listens on `127.0.0.1:$PORT` (default 8080; `PORT=0` picks a free port) and prints
//! `listening on 127.0.0.1:NNNN` with the port it bound. `GET /` answers `200` with
//! `{"user_id": <sub>, "workspace_key": <iss>, "fields": {...}}` when the request carries
//! a valid `X-Membrane-Token` (or legacy `X-Integration-App-Token`) and `401` with a
//! JSON error otherwise. `tests/http_connector.rs` runs [`app`] over a real socket.

use std::io::Write;
use std::process::ExitCode;

use axum::routing::get;
use axum::{Json, Router};
use membrane_token::{MembraneLayer, MembraneRequest, RequestVerifier};
use serde_json::{json, Value};

/// The connector: every route sits behind [`MembraneLayer`], so a handler runs only for
/// a verified request and reads it as an extractor.
pub fn app(verifier: RequestVerifier) -> Router {
    Router::new()
        .route("/", get(whoami))
        .layer(MembraneLayer::new(verifier))
}

/// Who Membrane says is calling.
async fn whoami(request: MembraneRequest) -> Json<Value> {
    Json(json!({
        "user_id": request.user_id,
        "workspace_key": request.workspace_key,
        "fields": request.fields,
    }))
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
fn config() -> Result<(RequestVerifier, u16), String> {
    let key = required_env("MEMBRANE_WORKSPACE_KEY")?;
    let secret = required_env("MEMBRANE_WORKSPACE_SECRET")?;
    // The error names lengths only, never the secret.
    let verifier = RequestVerifier::new(&key, secret.as_bytes())
        .map_err(|err| format!("MEMBRANE_WORKSPACE_SECRET / MEMBRANE_WORKSPACE_KEY: {err}"))?;
    let port = match std::env::var("PORT") {
        Err(std::env::VarError::NotPresent) => 8080,
        Ok(text) => text
            .parse()
            .map_err(|_| "PORT must be a number from 0 to 65535".to_string())?,
        Err(std::env::VarError::NotUnicode(_)) => return Err("PORT is not UTF-8".into()),
    };
    Ok((verifier, port))
}

#[tokio::main]
async fn main() -> ExitCode {
    let (verifier, port) = match config() {
        Ok(config) => config,
        Err(message) => {
            eprintln!("axum_connector: {message}");
            return ExitCode::from(2);
        }
    };
    let listener = match tokio::net::TcpListener::bind(("127.0.0.1", port)).await {
        Ok(listener) => listener,
        Err(err) => {
            eprintln!("axum_connector: cannot listen on 127.0.0.1:{port}: {err}");
            return ExitCode::FAILURE;
        }
    };
    let bound = listener.local_addr().map_or(port, |addr| addr.port());
    println!("listening on 127.0.0.1:{bound}");
    // Whoever started us reads this line to learn the port; don't leave it buffered.
    let _ = std::io::stdout().flush();
    if let Err(err) = axum::serve(listener, app(verifier)).await {
        eprintln!("axum_connector: server error: {err}");
        return ExitCode::FAILURE;
    }
    ExitCode::SUCCESS
}
