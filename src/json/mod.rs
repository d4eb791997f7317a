//! The JSON layer: claims as an ordered value, written the way each JWT library's
//! runtime writes them, and read back strictly.
//!
//! - [`value`]: the ordered [`Value`](value::Value) and its parser (member order kept,
//!   duplicate names refused).
//! - [`profile`]: each library's rules (escaping, member order, number spelling, its
//!   JOSE header bytes) as data.
//! - [`float`]: doubles as each runtime prints them.
//! - [`writer`]: the signing path's serializer, which applies a profile's rules while
//!   writing into a [`Sink`](writer::Sink) (the streaming base64url encoder).
//! - [`scan`]: the verifying path's one-pass validating scanner of a payload.
//! - [`value_serializer`]: serde values into the ordered [`Value`](value::Value).
//!
//! This layer knows nothing of keys, signatures or token formats: it imports only the
//! crate's shared leaves (`error.rs`, and `algorithm.rs` for the header tables).

pub(crate) mod float;
pub(crate) mod profile;
pub(crate) mod scan;
pub(crate) mod value;
pub(crate) mod value_serializer;
pub(crate) mod writer;
