//! A connector checking the `X-Membrane-Token` header of a request Membrane sent it.
//!
//! `MEMBRANE_WORKSPACE_SECRET=... cargo run --example connector -- ws_7f3c2a9e`
//! mints a request token the way Membrane would and checks it as a connector does.

use membrane_token::{unix_now, Algorithm, RequestVerifier, Workspace, REQUEST_HEADER};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let key = std::env::args().nth(1).unwrap_or_else(|| "ws_demo".into());
    let secret = std::env::var("MEMBRANE_WORKSPACE_SECRET")
        .map_err(|_| "set MEMBRANE_WORKSPACE_SECRET to the workspace secret")?;

    // Stand-in for Membrane: a request token with iss, sub and fields.
    let membrane = Workspace::new(&key, secret.as_bytes(), Algorithm::Hs256)?;
    let claims = format!(r#"{{"iss":"{key}","sub":"user-7","fields":{{"apiKey":"k-1"}}}}"#);
    let header_value = membrane.sign_json(&claims)?;
    let headers = [
        ("content-type", "application/json"),
        (REQUEST_HEADER, header_value.as_str()),
    ];

    // The connector: one verifier per workspace, built at start-up.
    let verifier = RequestVerifier::new(&key, secret.as_bytes())?;
    let request = verifier.verify_headers(headers, unix_now()?)?;
    println!(
        "request from workspace {} for user {} with fields {:?}",
        request.workspace_key, request.user_id, request.fields
    );
    Ok(())
}
