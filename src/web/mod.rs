//! The Rust web stack: `http`, `tower` and `axum` glue around [`RequestVerifier`].
//!
//! Kept apart from the core so the default build stays `no_std` with its short
//! dependency list: each file here is behind the feature that brings in its crate, and
//! each only adapts types; every decision about a token is made by
//! [`RequestVerifier::verify_headers`], so the web path and the plain path cannot
//! disagree.
//!
//! - `http` (feature `http`): [`RequestVerifier::verify_request`] for an
//!   `http::Request`.
//! - `tower` (feature `tower`): [`MembraneLayer`](crate::MembraneLayer), a middleware
//!   that answers 401 unless the request carries a valid token.
//! - `axum` (feature `axum`): [`MembraneRequest`](crate::MembraneRequest) as an axum
//!   extractor, reading what the layer verified.
//!
//! [`RequestVerifier`]: crate::RequestVerifier
//! [`RequestVerifier::verify_headers`]: crate::RequestVerifier::verify_headers
//! [`RequestVerifier::verify_request`]: crate::RequestVerifier::verify_request

#[cfg(feature = "axum")]
mod axum;
mod http;
#[cfg(feature = "tower")]
mod response;
#[cfg(feature = "tower")]
mod tower;

#[cfg(feature = "tower")]
pub use self::tower::{MembraneLayer, MembraneService};
