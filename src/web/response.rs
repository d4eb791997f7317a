//! The JSON error answers the layer and the extractor send.
//!
//! One place builds them so every refusal has the same shape,
//! `{"error":"<code>","message":"<text>"}` with `content-type: application/json`, and
//! so it is easy to see what goes into one: a fixed code and an [`Error`](crate::Error)'s
//! `Display` text (which never holds the token, the secret or a header value), never
//! anything copied from the request.

use alloc::string::String;

use ::http::header::{HeaderValue, CONTENT_TYPE};
use ::http::{Response, StatusCode};

use crate::{Map, Profile, Value};

/// `status` with the JSON body `{"error": code, "message": message}`.
pub(crate) fn json_error<B: From<String>>(
    status: StatusCode,
    code: &'static str,
    message: &str,
) -> Response<B> {
    let mut response = Response::new(B::from(error_body(code, message)));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("application/json"));
    response
}

/// The body text, written by the crate's own JSON writer (which escapes every string).
fn error_body(code: &'static str, message: &str) -> String {
    let map: Map = [("error", code), ("message", message)]
        .into_iter()
        .collect();
    let mut out = String::new();
    match crate::write_json(&Value::from(map), Profile::Node, &mut out) {
        Ok(()) => out,
        // Unreachable (the writer fails only on non-finite numbers); still valid JSON.
        Err(_) => alloc::format!(r#"{{"error":"{code}"}}"#),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn body_is_escaped_json_in_order() {
        assert_eq!(
            error_body("invalid_token", r#"a "quoted" \ text"#),
            r#"{"error":"invalid_token","message":"a \"quoted\" \\ text"}"#
        );
    }

    #[test]
    fn response_has_status_and_content_type() {
        let response: Response<String> = json_error(StatusCode::UNAUTHORIZED, "x", "y");
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
        assert_eq!(response.headers()[CONTENT_TYPE], "application/json");
        assert_eq!(response.body(), r#"{"error":"x","message":"y"}"#);
    }
}
