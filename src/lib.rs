//! Mint and verify [Membrane](https://getmembrane.com) (formerly Integration.app)
//! authentication tokens: JWTs signed with the workspace secret (HS256/384/512) or,
//! with the features `rsa`, `ecdsa` and `eddsa`, with a private key (RS*, PS*, ES*,
//! EdDSA), written by hand so that the bytes are exactly those a given JWT library
//! would produce, and verified strictly.
//!
//! ```
//! use membrane_token::{Algorithm, Customer, Workspace};
//!
//! let secret = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
//! let workspace = Workspace::new("ws_7f3c2a9e", secret, Algorithm::Hs512)?;
//! let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
//! let token = workspace.customer_token_at(&customer, 1_799_992_800, 7200)?;
//! assert_eq!(workspace.verify(&token, 1_799_993_000)?.id(), Some("customer-42"));
//! # Ok::<(), membrane_token::Error>(())
//! ```
//!
//! - [`Workspace`] holds the workspace key and the keyed HMAC state (computed once; the
//!   secret itself is not kept) or a private key, and mints the three token formats:
//!   quick-start customer tokens, current-format tenant (and workspace-level) tokens,
//!   and admin tokens, plus arbitrary claims and raw header/payload bytes.
//! - `PrivateKey` and `PublicKey` (features `rsa`, `ecdsa`, `eddsa`; `asymmetric` for
//!   all three) read PEM and JWK keys, generate them, and export the public key as PEM,
//!   JWK and RFC 7638 thumbprint.
//! - [`Profile`] selects whose bytes to reproduce: Node `jsonwebtoken` (default), PyJWT,
//!   golang-jwt, ruby-jwt, jjwt or firebase/php-jwt.
//! - [`Workspace::verify`] and [`Verifier`] check tokens strictly; [`RequestVerifier`]
//!   checks the `X-Membrane-Token` header Membrane sends to connectors.
//!   [`Workspace::sign_serialize`] and [`Workspace::verify_as`] mint from and read into
//!   your own serde types.
//! - A token is passed alone and nothing is trimmed: `"Bearer …"` is
//!   [`Error::BearerPrefix`], whitespace around it [`Error::SurroundingWhitespace`], and
//!   `""` [`Error::EmptyToken`].
//! - [`Error`] is the one error type; no variant carries the secret or unbounded token
//!   text.
//!
//! Every public type and function has an example in its docs.
#![no_std]
#![forbid(unsafe_code)]
#![deny(missing_docs)]
#![warn(clippy::unwrap_used, clippy::indexing_slicing)]
#![cfg_attr(test, allow(clippy::unwrap_used, clippy::indexing_slicing))]

extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

// The layers, each importing only those before it (`.ci/module_deps.py` checks):
// error.rs and algorithm.rs, the shared leaves; json/ (values, profiles, writer,
// scanner); b64.rs; sig/ (HMAC key, key policy, signer, key pairs); sign/, verify/
// and connector.rs, the token formats and the verifier; web/ around them.
mod algorithm;
mod b64;
mod connector;
mod error;
mod json;
mod sig;
mod sign;
mod verify;
#[cfg(feature = "http")]
mod web;

pub use algorithm::{Algorithm, KeyKind, UnknownAlgorithm};
pub use connector::{MembraneRequest, RequestVerifier, LEGACY_REQUEST_HEADER, REQUEST_HEADER};
pub use error::{Error, ForeignAlgorithm, Part};
pub use json::profile::{Profile, UnknownProfile};
pub use json::value::{Map, Number, Value};
pub use json::writer::write_json;
pub use sig::hmac::Secret;
pub use sig::policy::KeyPolicy;
#[cfg(any(feature = "rsa", feature = "ecdsa", feature = "eddsa"))]
pub use sig::{PrivateKey, PublicKey};
pub use sign::claims::{Customer, Tenant};
#[cfg(feature = "std")]
pub use sign::unix_now;
pub use sign::{Workspace, DEFAULT_TTL_SECS};
pub use verify::{
    decode_unverified, Claims, IssuerCheck, Unverified, Verifier, DEFAULT_MAX_DEPTH,
    DEFAULT_MAX_TOKEN_LEN,
};
#[cfg(feature = "tower")]
pub use web::{MembraneLayer, MembraneService};

/// Compiles and runs every Rust block of the README as a doctest, so the README's
/// examples cannot drift from the API. Some blocks use the optional integrations, so
/// this runs with them on (`cargo test --all-features`, the README's test command).
#[cfg(all(doctest, feature = "axum"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
