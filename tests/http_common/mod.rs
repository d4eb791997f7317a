//! Shared by the HTTP tests: serve an axum app on a real socket (127.0.0.1, a free
//! port) in a background thread, and a ureq agent that reaches it and nothing else.
#![allow(dead_code)]

use std::net::SocketAddr;
use std::time::Duration;

/// Every request gives up after this long, so a hung server fails the test instead of
/// hanging it.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Serves `app` on `127.0.0.1:0` from a tokio runtime in its own thread (which lives
/// until the test process ends) and returns the address it bound.
pub fn serve(app: axum::Router) -> SocketAddr {
    let (bound, address) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("tokio runtime");
        runtime.block_on(async move {
            let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                .await
                .expect("bind 127.0.0.1:0");
            bound
                .send(listener.local_addr().expect("local address"))
                .expect("send address");
            axum::serve(listener, app).await.expect("serve");
        });
    });
    address.recv_timeout(TIMEOUT).expect("server did not start")
}

/// An HTTP client for the test server: 4xx and 5xx are responses, not errors; no proxy
/// (not even one from the environment), so requests go straight to 127.0.0.1; every
/// request bounded by [`TIMEOUT`].
pub fn agent() -> ureq::Agent {
    build_agent(128 * 1024) // ureq's default
}

/// [`agent`] with room for a request head of up to 2 MiB (ureq's own buffer is
/// 128 KiB and it refuses to send more), to test what the server does with one.
pub fn agent_for_huge_headers() -> ureq::Agent {
    build_agent(2 << 20)
}

fn build_agent(output_buffer_size: usize) -> ureq::Agent {
    ureq::Agent::config_builder()
        .http_status_as_error(false)
        .proxy(None)
        .timeout_global(Some(TIMEOUT))
        .output_buffer_size(output_buffer_size)
        .build()
        .into()
}

/// Status, `content-type` and body of one request, or the transport error's text
/// (the connection was closed or reset).
pub fn send(
    agent: &ureq::Agent,
    url: &str,
    headers: &[(&str, &str)],
) -> Result<(u16, String, String), String> {
    assert!(
        url.starts_with("http://127.0.0.1:"),
        "test requests stay local"
    );
    let mut request = agent.get(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let mut response = request.call().map_err(|err| err.to_string())?;
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_string();
    let body = response
        .body_mut()
        .read_to_string()
        .map_err(|err| err.to_string())?;
    Ok((response.status().as_u16(), content_type, body))
}
