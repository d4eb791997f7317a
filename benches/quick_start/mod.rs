//! The quick-start customer token every bench signs: its values, and the same claims
//! as the serde types the peer crates sign (same members, same values, our order).
// Each bench uses its own subset.
#![allow(dead_code)]

use membrane_token::Customer;
use serde::Serialize;

pub const KEY: &str = "ws_7f3c2a9e";
pub const ISSUED_AT: u64 = 1_799_992_800;
pub const TTL: u64 = 7200;
pub const NOW: u64 = 1_799_993_000;
pub const ID: &str = "customer-42";
pub const NAME: &str = "Acme Inc.";
pub const FIELD: &str = "userField";
pub const FIELD_VALUE: &str = "pro";

pub fn quick_start() -> Customer {
    Customer::new(ID, NAME).field(FIELD, FIELD_VALUE)
}

#[derive(Serialize, Clone)]
pub struct PeerFields<'a> {
    #[serde(rename = "userField")]
    pub user_field: &'a str,
}

/// For jsonwebtoken, which serializes the claims type as given: our member order.
#[derive(Serialize, Clone)]
pub struct FullClaims<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub fields: PeerFields<'a>,
    pub iat: u64,
    pub exp: u64,
    pub iss: &'a str,
}

/// For jwt-compact and jwt-simple, whose claims types hold the registered claims
/// (`iat`, `exp`, and for jwt-simple `iss`) themselves and flatten the custom ones.
#[derive(Serialize, Clone)]
pub struct CustomClaims<'a> {
    pub id: &'a str,
    pub name: &'a str,
    pub fields: PeerFields<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub iss: Option<&'a str>,
}

pub fn full_claims() -> FullClaims<'static> {
    FullClaims {
        id: ID,
        name: NAME,
        fields: PeerFields {
            user_field: FIELD_VALUE,
        },
        iat: ISSUED_AT,
        exp: ISSUED_AT + TTL,
        iss: KEY,
    }
}

/// The custom claims, with `iss` among them for a peer that does not hold it itself.
pub fn custom_claims(with_iss: bool) -> CustomClaims<'static> {
    CustomClaims {
        id: ID,
        name: NAME,
        fields: PeerFields {
            user_field: FIELD_VALUE,
        },
        iss: with_iss.then_some(KEY),
    }
}
