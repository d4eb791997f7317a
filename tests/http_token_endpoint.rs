//! `examples/axum_token_endpoint.rs` over a real socket: the backend route that mints
//! a tenant token for the signed-in user, and refuses everyone else.
//!
//! Run with `-- --nocapture` to see the matrix as a table.
#![cfg(feature = "axum")]

#[path = "../examples/axum_token_endpoint.rs"]
#[allow(dead_code)] // its `main`
mod example;
mod http_common;

use http_common::{agent, send, serve};
use membrane_token::{unix_now, Algorithm, Workspace, DEFAULT_TTL_SECS};

const KEY: &str = "ws_7f3c2a9e";
const SECRET: &[u8] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";

fn workspace() -> Workspace {
    Workspace::new(KEY, SECRET, Algorithm::Hs512).expect("workspace")
}

/// Starts the example endpoint and returns the token route's URL.
fn endpoint() -> String {
    format!(
        "http://{}/api/membrane-token",
        serve(example::app(workspace()))
    )
}

/// The tenant key of the token the endpoint returned, after checking it with the
/// workspace (signature, `exp`, issuer) and checking its shape: HS512, 7200 s.
fn tenant_of(body: &str) -> Result<String, String> {
    let json: serde_json::Value = serde_json::from_str(body).map_err(|e| e.to_string())?;
    let token = json["token"].as_str().ok_or("no string `token`")?;
    let now = unix_now().map_err(|e| e.to_string())?;
    let claims = workspace().verify(token, now).map_err(|e| e.to_string())?;
    if claims.algorithm() != Algorithm::Hs512 {
        return Err(format!("signed with {:?}", claims.algorithm()));
    }
    if claims.workspace_key() != Some(KEY) {
        return Err(format!("workspaceKey {:?}", claims.workspace_key()));
    }
    match (claims.iat(), claims.exp()) {
        (Some(iat), Some(exp)) if exp - iat == DEFAULT_TTL_SECS && iat <= now => {}
        other => return Err(format!("iat/exp {other:?}")),
    }
    claims
        .tenant_key()
        .map(str::to_string)
        .ok_or_else(|| "no tenantKey".into())
}

/// The request's description, its headers, and `Some(tenant)` when it must get a
/// token for that tenant or `None` when it must get 401.
type Case<'a> = (&'a str, Vec<(&'a str, &'a str)>, Option<&'a str>);

#[test]
fn token_endpoint_matrix() {
    let url = endpoint();
    let longest = "u".repeat(128);
    let too_long = "u".repeat(129);
    let bearer_longest = format!("Bearer demo-{longest}");
    let bearer_too_long = format!("Bearer demo-{too_long}");
    let cases: [Case; 13] = [
        (
            "Bearer demo-alice",
            vec![("authorization", "Bearer demo-alice")],
            Some("alice"),
        ),
        (
            "bearer demo-bob (scheme is case-insensitive)",
            vec![("authorization", "bearer demo-bob")],
            Some("bob"),
        ),
        (
            "Bearer demo-a.b_c-9",
            vec![("authorization", "Bearer demo-a.b_c-9")],
            Some("a.b_c-9"),
        ),
        (
            "Bearer demo-<128 bytes>",
            vec![("authorization", &bearer_longest)],
            Some(longest.as_str()),
        ),
        ("no Authorization header", vec![], None),
        (
            "Bearer demo- (empty user)",
            vec![("authorization", "Bearer demo-")],
            None,
        ),
        (
            "Bearer other",
            vec![("authorization", "Bearer other")],
            None,
        ),
        (
            "Basic YWxpY2U6c2VjcmV0",
            vec![("authorization", "Basic YWxpY2U6c2VjcmV0")],
            None,
        ),
        (
            "demo-alice (no scheme)",
            vec![("authorization", "demo-alice")],
            None,
        ),
        (
            "Bearer demo-<129 bytes>",
            vec![("authorization", &bearer_too_long)],
            None,
        ),
        (
            "Bearer demo-al/ice",
            vec![("authorization", "Bearer demo-al/ice")],
            None,
        ),
        (
            "Bearer demo-al ice",
            vec![("authorization", "Bearer demo-al ice")],
            None,
        ),
        (
            "two Authorization headers",
            vec![
                ("authorization", "Bearer demo-alice"),
                ("authorization", "Bearer demo-bob"),
            ],
            None,
        ),
    ];
    println!("| request | expected | got |\n|---|---|---|");
    let mut failed = Vec::new();
    for (request, headers, expect) in &cases {
        let answer = send(&agent(), &url, headers);
        let (got, pass) = match (&answer, expect) {
            (Err(err), _) => (format!("transport error: {err}"), false),
            (Ok((200, content_type, body)), Some(tenant)) => match tenant_of(body) {
                Ok(found) => (
                    format!("200, tenantKey {}", abbreviate(&found)),
                    found == *tenant && content_type == "application/json",
                ),
                Err(err) => (format!("200, bad token: {err}"), false),
            },
            (Ok((status, content_type, body)), _) => {
                let json: Option<serde_json::Value> = serde_json::from_str(body).ok();
                let code = json
                    .as_ref()
                    .and_then(|j| j["error"].as_str())
                    .unwrap_or_default()
                    .to_string();
                let pass = expect.is_none()
                    && *status == 401
                    && content_type == "application/json"
                    && code == "unauthorized"
                    && !body.contains("token\"");
                (format!("{status} {code}"), pass)
            }
        };
        let expected = expect.map_or("401 unauthorized".to_string(), |t| {
            format!("200, tenantKey {}", abbreviate(t))
        });
        let mark = if pass { "" } else { " **FAIL**" };
        println!("| {request} | {expected} | {got}{mark} |");
        if !pass {
            failed.push(*request);
        }
    }
    assert!(failed.is_empty(), "failed rows: {failed:?}");
}

fn abbreviate(text: &str) -> String {
    if text.len() > 12 {
        format!("{}… ({} bytes)", &text[..8], text.len())
    } else {
        text.to_string()
    }
}

/// The rule the endpoint applies to user ids, on its own.
#[test]
fn user_id_rule() {
    for ok in ["a", "alice", "A.b_c-9", &"x".repeat(128)] {
        assert!(example::valid_user(ok), "{ok}");
    }
    for bad in [
        "",
        "a b",
        "a/b",
        "a\u{e9}",
        "a\nb",
        "a\"b",
        "a%2e",
        &"x".repeat(129),
    ] {
        assert!(!example::valid_user(bad), "{bad:?}");
    }
}

/// The demo's session rule on header values ureq will not send: not text, or repeated.
#[test]
fn session_rule() {
    use axum::http::header::AUTHORIZATION;
    use axum::http::{HeaderMap, HeaderValue};

    let with = |values: &[&[u8]]| {
        let mut headers = HeaderMap::new();
        for value in values {
            headers.append(
                AUTHORIZATION,
                HeaderValue::from_bytes(value).expect("value"),
            );
        }
        headers
    };
    assert_eq!(
        example::session_user(&with(&[b"Bearer demo-alice"])),
        Some("alice")
    );
    assert_eq!(
        example::session_user(&with(&[b"Bearer demo-alic\xc3\xa9"])),
        None
    );
    assert_eq!(example::session_user(&with(&[b"Bearer demo-\xff"])), None);
    assert_eq!(
        example::session_user(&with(&[b"Bearer demo-alice", b"Bearer demo-alice"])),
        None
    );
    assert_eq!(example::session_user(&with(&[])), None);
}
