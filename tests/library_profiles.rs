//! Every token in the reference vectors (made by the real libraries) is reproduced byte
//! for byte by the matching profile, from the case's claims in insertion order.

mod common;
use common::*;
use membrane_token::{Profile, Value};

#[test]
fn every_library_vector_is_reproduced_by_its_profile() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for (lib, v) in library_vectors() {
        let Some(token) = opt_str(&v, "token") else {
            continue;
        };
        let name = str_of(&v, "name");
        let profile: Profile = lib.parse().expect("profile name");
        // Claims as the caller inserted them: the case's pairs, or for a docs snippet
        // the payload the library wrote (re-serializing it must give the same bytes).
        let claims = match case(name) {
            Some(c) => pairs(obj(&c).get("claims").expect("claims")),
            None => match Value::parse(str_of(&v, "payload_json"), membrane_token::Part::Input) {
                Ok(Value::Object(m)) => m,
                other => panic!("{lib}/{name}: payload_json {other:?}"),
            },
        };
        let ws = workspace(str_of(&v, "secret"), alg(&v), profile);
        let ours = ws.sign_claims(&claims).expect("sign");
        if ours != token {
            failures.push(format!("{lib}/{name}:\n  ours   {ours}\n  theirs {token}"));
        }
        checked += 1;
    }
    assert!(
        failures.is_empty(),
        "{} of {checked} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
    assert!(checked >= 40, "only {checked} vectors found");
}

#[test]
fn header_bytes_match_each_library() {
    for (lib, v) in library_vectors() {
        if opt_str(&v, "token").is_none() {
            continue;
        }
        let profile: Profile = lib.parse().unwrap();
        assert_eq!(
            profile.header_json(alg(&v)),
            str_of(&v, "header_json"),
            "{lib}"
        );
    }
}
