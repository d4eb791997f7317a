//! `examples/axum_connector.rs` over a real socket: what the connector answers for
//! well-formed, legacy, forged, stale, misdirected and malformed Membrane requests.
//!
//! Run with `-- --nocapture` to see the matrix as a table.
#![cfg(feature = "axum")]

#[path = "../examples/axum_connector.rs"]
#[allow(dead_code)] // its `main`
mod example;
mod http_common;

use http_common::{agent, agent_for_huge_headers, send, serve};
use membrane_token::{
    unix_now, Algorithm, RequestVerifier, Workspace, LEGACY_REQUEST_HEADER, REQUEST_HEADER,
};

const KEY: &str = "ws_7f3c2a9e";
const SECRET: &[u8] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const OTHER_SECRET: &[u8] = b"ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff";

/// Starts the example connector for workspace [`KEY`] and returns its URL.
fn connector() -> String {
    let verifier = RequestVerifier::new(KEY, SECRET).expect("verifier");
    format!("http://{}/", serve(example::app(verifier)))
}

/// A request token as Membrane would send it: `iss`, `sub` (when given), `fields`,
/// `iat` now and `exp` `ttl` seconds from now (negative: in the past).
fn token(alg: Algorithm, secret: &[u8], iss: &str, sub: Option<&str>, ttl: i64) -> String {
    let now = unix_now().expect("clock");
    let exp = now.checked_add_signed(ttl).expect("exp");
    let sub = sub.map_or(String::new(), |s| format!(r#""sub":"{s}","#));
    let claims =
        format!(r#"{{"iss":"{iss}",{sub}"fields":{{"apiKey":"k-1"}},"iat":{now},"exp":{exp}}}"#);
    Workspace::new(iss, secret, alg)
        .expect("workspace")
        .sign_json(&claims)
        .expect("sign")
}

fn good(alg: Algorithm, sub: &str) -> String {
    token(alg, SECRET, KEY, Some(sub), 300)
}

/// `token` with the first character of its signature changed (still canonical).
fn tampered(token: &str) -> String {
    let (signing_input, signature) = token.rsplit_once('.').expect("three segments");
    let replacement = if signature.starts_with('A') { "B" } else { "A" };
    format!("{signing_input}.{replacement}{}", &signature[1..])
}

enum Expect {
    /// 200 with this `user_id`.
    User(&'static str),
    /// 401 with this error code.
    Refused(&'static str),
}

struct Row {
    request: &'static str,
    expected: String,
    got: String,
    pass: bool,
}

/// Sends one request and checks the answer; every refusal must be JSON with an
/// `error` code and a `message`, and must not echo any header value (or any long
/// piece of one, such as a token segment).
fn check(url: &str, request: &'static str, headers: &[(&str, &str)], expect: Expect) -> Row {
    let expected = match expect {
        Expect::User(user) => format!("200, user_id {user}"),
        Expect::Refused(code) => format!("401 {code}"),
    };
    let (status, content_type, body) = match send(&agent(), url, headers) {
        Ok(answer) => answer,
        Err(err) => {
            return Row {
                request,
                expected,
                got: format!("transport error: {err}"),
                pass: false,
            }
        }
    };
    let json: Option<serde_json::Value> = serde_json::from_str(&body).ok();
    let field = |name: &str| {
        json.as_ref()
            .and_then(|j| j.get(name))
            .and_then(|v| v.as_str())
            .map(str::to_string)
    };
    let echoes = headers.iter().any(|(_, value)| {
        body.contains(value)
            || value
                .split('.')
                .any(|piece| piece.len() >= 16 && body.contains(piece))
    });
    let (got, pass) = match expect {
        Expect::User(user) => {
            let got_user = field("user_id");
            let pass = status == 200
                && content_type == "application/json"
                && got_user.as_deref() == Some(user)
                && field("workspace_key").as_deref() == Some(KEY)
                && json.as_ref().map(|j| j["fields"]["apiKey"] == "k-1") == Some(true);
            (
                format!("{status}, user_id {}", got_user.unwrap_or_default()),
                pass,
            )
        }
        Expect::Refused(code) => {
            let got_code = field("error").unwrap_or_default();
            let message = field("message");
            let pass = status == 401
                && content_type == "application/json"
                && got_code == code
                && message.is_some()
                && !echoes;
            (
                format!("{status} {got_code}: {}", message.unwrap_or_default()),
                pass,
            )
        }
    };
    Row {
        request,
        expected,
        got: if echoes {
            format!("{got} (ECHOES A HEADER VALUE)")
        } else {
            got
        },
        pass,
    }
}

fn print_and_assert(rows: &[Row]) {
    println!("| request | expected | got |\n|---|---|---|");
    for row in rows {
        let mark = if row.pass { "" } else { " **FAIL**" };
        println!("| {} | {} | {}{mark} |", row.request, row.expected, row.got);
    }
    let failed: Vec<&str> = rows.iter().filter(|r| !r.pass).map(|r| r.request).collect();
    assert!(failed.is_empty(), "failed rows: {failed:?}");
}

#[test]
fn request_matrix() {
    let url = connector();
    let hs256 = good(Algorithm::Hs256, "user-256");
    let hs384 = good(Algorithm::Hs384, "user-384");
    let hs512 = good(Algorithm::Hs512, "user-512");
    let legacy = good(Algorithm::Hs256, "user-legacy");
    let forged = tampered(&hs256);
    let other_secret = token(Algorithm::Hs256, OTHER_SECRET, KEY, Some("user-1"), 300);
    let expired = token(Algorithm::Hs256, SECRET, KEY, Some("user-1"), -10);
    let other_workspace = token(Algorithm::Hs256, SECRET, "ws_other", Some("user-1"), 300);
    let no_sub = token(Algorithm::Hs256, SECRET, KEY, None, 300);
    let bearer = format!("Bearer {hs256}");
    let unsigned = format!(
        "eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.{}.",
        hs256.split('.').nth(1).expect("payload")
    );
    let oversized = "a".repeat(20 * 1024);

    let rows = [
        check(
            &url,
            "HS256 token in X-Membrane-Token",
            &[(REQUEST_HEADER, &hs256)],
            Expect::User("user-256"),
        ),
        check(
            &url,
            "HS384 token in X-Membrane-Token",
            &[(REQUEST_HEADER, &hs384)],
            Expect::User("user-384"),
        ),
        check(
            &url,
            "HS512 token in X-Membrane-Token",
            &[(REQUEST_HEADER, &hs512)],
            Expect::User("user-512"),
        ),
        check(
            &url,
            "header name in lower case",
            &[("x-membrane-token", &hs256)],
            Expect::User("user-256"),
        ),
        check(
            &url,
            "legacy X-Integration-App-Token only",
            &[(LEGACY_REQUEST_HEADER, &legacy)],
            Expect::User("user-legacy"),
        ),
        check(
            &url,
            "both headers, both valid: current wins",
            &[(LEGACY_REQUEST_HEADER, &legacy), (REQUEST_HEADER, &hs256)],
            Expect::User("user-256"),
        ),
        check(
            &url,
            "both headers, legacy forged: current wins",
            &[(REQUEST_HEADER, &hs256), (LEGACY_REQUEST_HEADER, &forged)],
            Expect::User("user-256"),
        ),
        check(
            &url,
            "both headers, current forged: no fallback to legacy",
            &[(REQUEST_HEADER, &forged), (LEGACY_REQUEST_HEADER, &legacy)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "no token header",
            &[("authorization", "Bearer x")],
            Expect::Refused("missing_token"),
        ),
        check(
            &url,
            "signature changed",
            &[(REQUEST_HEADER, &forged)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "signed with another secret",
            &[(REQUEST_HEADER, &other_secret)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "exp 10 s in the past",
            &[(REQUEST_HEADER, &expired)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "iss is another workspace",
            &[(REQUEST_HEADER, &other_workspace)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "no sub claim",
            &[(REQUEST_HEADER, &no_sub)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "value is `Bearer <token>`",
            &[(REQUEST_HEADER, &bearer)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "X-Membrane-Token twice (same valid token)",
            &[(REQUEST_HEADER, &hs256), (REQUEST_HEADER, &hs256)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "legacy header twice",
            &[
                (LEGACY_REQUEST_HEADER, &legacy),
                (LEGACY_REQUEST_HEADER, &legacy),
            ],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "alg none, no signature",
            &[(REQUEST_HEADER, &unsigned)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "20 KiB value (over the 16 KiB token limit)",
            &[(REQUEST_HEADER, &oversized)],
            Expect::Refused("invalid_token"),
        ),
        check(
            &url,
            "not a JWT",
            &[(REQUEST_HEADER, "hello")],
            Expect::Refused("invalid_token"),
        ),
    ];
    print_and_assert(&rows);
}

/// A 1 MB header is refused by hyper before the layer sees it (431, or the connection
/// is closed while the client is still writing), and the server keeps serving.
#[test]
fn one_megabyte_header_is_refused_and_server_survives() {
    let url = connector();
    let huge = "a".repeat(1 << 20);
    let answer = send(&agent_for_huge_headers(), &url, &[(REQUEST_HEADER, &huge)]);
    println!(
        "| 1 MB X-Membrane-Token | not 200 (431 or connection closed) | {} |",
        match &answer {
            Ok((status, _, _)) => format!("{status}"),
            Err(err) => format!("transport error: {err}"),
        }
    );
    if let Ok((status, _, body)) = &answer {
        assert_ne!(*status, 200);
        assert!(!body.contains("aaaaaaaaaaaaaaaa"), "echoes the header");
    }
    let next = send(
        &agent(),
        &url,
        &[(REQUEST_HEADER, &good(Algorithm::Hs256, "after"))],
    );
    println!(
        "| next request, valid token | 200 | {} |",
        next.as_ref()
            .map_or_else(|e| e.clone(), |(s, _, _)| s.to_string())
    );
    assert_eq!(next.map(|(status, _, _)| status), Ok(200));
}

/// A path with no route: never 200, with or without a token.
#[test]
fn unknown_path_is_not_served() {
    let url = format!("{}nope", connector());
    let token = good(Algorithm::Hs256, "user-1");
    for headers in [&[][..], &[(REQUEST_HEADER, token.as_str())][..]] {
        let (status, _, _) = send(&agent(), &url, headers).expect("answer");
        println!(
            "| GET /nope, {} header(s) | not 200 | {status} |",
            headers.len()
        );
        assert_ne!(status, 200);
    }
}
