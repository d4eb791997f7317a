//! Typed claims through serde: `Workspace::sign_serialize` reproduces the real
//! libraries' tokens from a `#[derive(Serialize)]` struct under every profile, and
//! `Claims::deserialize` / `verify_as` read verified claims into the caller's type only
//! after every check has passed.

mod common;
use common::*;
use membrane_token::{Algorithm, Customer, Error, Part, Verifier, Workspace};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const T0: u64 = 1_799_992_800;

/// The quick start's claims as a service would declare them, covering the shapes of
/// the reference cases: renamed fields, optional members skipped, a nested struct
/// whose `None` is written as `null`, arrays, numbers and booleans.
#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct QuickStart {
    id: String,
    name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    fields: Option<Fields>,
    iss: String,
    exp: u64,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Fields {
    #[serde(rename = "userField", default, skip_serializing_if = "Option::is_none")]
    user_field: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    plan: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    seats: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    tags: Option<Vec<String>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    meta: Option<Meta>,
}

#[derive(Serialize, Deserialize, Debug, PartialEq)]
struct Meta {
    region: Option<String>,
}

const STRUCT_CASES: [&str; 7] = [
    "quickstart-hs512",
    "quickstart-hs256",
    "quickstart-hs384",
    "no-fields",
    "unicode-name",
    "nested-fields",
    "long-secret-hs256",
];

#[test]
fn a_struct_signs_to_each_librarys_bytes() {
    let mut checked = Vec::new();
    let jjwt = load("java-jjwt.json");
    let java = array(&jjwt, "vectors")
        .iter()
        .map(|v| ("java".to_owned(), v.clone()));
    for (lib, v) in library_vectors().into_iter().chain(java) {
        let name = str_of(&v, "name");
        let Some(token) = opt_str(&v, "token") else {
            continue;
        };
        if !STRUCT_CASES.contains(&name) {
            continue;
        }
        // The struct is filled from the case's claims (written by the test harness in
        // insertion order), then declared order decides the bytes.
        let claims = pairs(obj(&case(name).expect("case")).get("claims").unwrap());
        let text = serde_json::to_string(&claims).unwrap();
        let typed: QuickStart = serde_json::from_str(&text).unwrap();
        let ws = workspace(str_of(&v, "secret"), alg(&v), lib.parse().unwrap());
        assert_eq!(ws.sign_serialize(&typed).unwrap(), token, "{lib}/{name}");
        // And the library's token reads back into the same struct.
        let verifier = Verifier::new(&ws).require_exp(true);
        let back: QuickStart = verifier.verify_as(token, NOW).unwrap();
        assert_eq!(back, typed, "{lib}/{name}");
        checked.push(format!("{lib}/{name}"));
    }
    // Every library's reference file holds these seven cases.
    assert_eq!(checked.len(), 42, "{checked:?}");
    for lib in ["node", "python", "go", "ruby", "php", "java"] {
        let n = checked
            .iter()
            .filter(|c| c.starts_with(&format!("{lib}/")))
            .count();
        assert_eq!(n, STRUCT_CASES.len(), "{lib}: {checked:?}");
    }
}

#[test]
fn struct_order_is_kept_and_go_sorts() {
    #[derive(Serialize)]
    struct Ordered {
        zeta: u8,
        alpha: u8,
        #[serde(rename = "Mid")]
        mid: u8,
    }
    let value = Ordered {
        zeta: 1,
        alpha: 2,
        mid: 3,
    };
    let payload = |profile: &str| {
        let ws = Workspace::new(KEY, SECRET, Algorithm::Hs256)
            .unwrap()
            .with_profile(profile.parse().unwrap());
        let token = ws.sign_serialize(&value).unwrap();
        String::from_utf8(b64url_decode(token.split('.').nth(1).unwrap())).unwrap()
    };
    assert_eq!(payload("node"), r#"{"zeta":1,"alpha":2,"Mid":3}"#);
    assert_eq!(payload("python"), r#"{"zeta":1,"alpha":2,"Mid":3}"#);
    assert_eq!(payload("go"), r#"{"Mid":3,"alpha":2,"zeta":1}"#);
}

#[test]
fn serde_data_model_maps_like_serde_json() {
    #[derive(Serialize)]
    enum Plan {
        Free,
        Seats(u32),
        Custom { seats: u32 },
        Pair(u8, u8),
    }
    #[derive(Serialize)]
    struct All {
        unit: Plan,
        newtype: Plan,
        strukt: Plan,
        tuple: Plan,
        keys: BTreeMap<u16, bool>,
        bytes: serde_bytes_like::Bytes,
        ch: char,
        none: Option<u8>,
        neg: i64,
        big: u128,
        small: f32,
    }
    mod serde_bytes_like {
        pub struct Bytes(pub Vec<u8>);
        impl serde::Serialize for Bytes {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_bytes(&self.0)
            }
        }
    }
    let ws = Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap();
    let token = ws
        .sign_serialize(&All {
            unit: Plan::Free,
            newtype: Plan::Seats(5),
            strukt: Plan::Custom { seats: 7 },
            tuple: Plan::Pair(1, 2),
            keys: BTreeMap::from([(10, true), (2, false)]),
            bytes: serde_bytes_like::Bytes(vec![0, 255]),
            ch: 'é',
            none: None,
            neg: -3,
            big: u128::from(u64::MAX),
            small: 0.5,
        })
        .unwrap();
    let payload = String::from_utf8(b64url_decode(token.split('.').nth(1).unwrap())).unwrap();
    assert_eq!(
        payload,
        concat!(
            r#"{"unit":"Free","newtype":{"Seats":5},"strukt":{"Custom":{"seats":7}},"#,
            r#""tuple":{"Pair":[1,2]},"keys":{"2":false,"10":true},"bytes":[0,255],"#,
            r#""ch":"é","none":null,"neg":-3,"big":18446744073709551615,"small":0.5}"#
        )
    );
}

#[test]
fn values_json_cannot_carry_are_refused_precisely() {
    let ws = Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap();
    #[derive(Serialize)]
    struct Float {
        f: f64,
    }
    for f in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        assert_eq!(
            ws.sign_serialize(&Float { f }).err(),
            Some(Error::NonFiniteNumber)
        );
    }
    #[derive(Serialize)]
    struct Inner {
        sub: &'static str,
    }
    #[derive(Serialize)]
    struct Flattened {
        sub: &'static str,
        #[serde(flatten)]
        inner: Inner,
    }
    assert_eq!(
        ws.sign_serialize(&Flattened {
            sub: "a",
            inner: Inner { sub: "b" }
        })
        .err(),
        Some(Error::DuplicateMember(Part::Input))
    );
    assert_eq!(
        ws.sign_serialize(&[1, 2]).err(),
        Some(Error::NotAnObject(Part::Input))
    );
    assert_eq!(
        ws.sign_serialize("text").err(),
        Some(Error::NotAnObject(Part::Input))
    );
    let tuple_keys = BTreeMap::from([((1u8, 2u8), 1)]);
    assert_eq!(
        ws.sign_serialize(&tuple_keys).err(),
        Some(Error::Serialize {
            reason: "map keys must be strings, integers, chars or bools".into()
        })
    );
    #[derive(Serialize)]
    struct Huge {
        n: u128,
    }
    assert!(matches!(
        ws.sign_serialize(&Huge { n: u128::MAX }),
        Err(Error::Serialize { .. })
    ));
    struct Failing;
    impl Serialize for Failing {
        fn serialize<S: serde::Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("x".repeat(5000)))
        }
    }
    let Err(Error::Serialize { reason }) = ws.sign_serialize(&Failing) else {
        panic!("a failing Serialize impl is Error::Serialize");
    };
    assert!(
        reason.len() <= 200 && reason.ends_with("..."),
        "{}",
        reason.len()
    );
}

#[test]
fn claims_reach_the_callers_type_only_after_every_check() {
    #[derive(Deserialize, Debug, PartialEq)]
    struct Mine {
        id: String,
        name: String,
        iat: u64,
    }
    let ws = Workspace::new(KEY, SECRET, Algorithm::Hs512).unwrap();
    let token = ws
        .customer_token_at(&Customer::new("c-9", "Bo"), T0, 60)
        .unwrap();
    let mine: Mine = ws.verify(&token, T0).unwrap().deserialize().unwrap();
    assert_eq!(
        mine,
        Mine {
            id: "c-9".into(),
            name: "Bo".into(),
            iat: T0
        }
    );
    assert_eq!(ws.verify_as::<Mine>(&token, T0).unwrap(), mine);
    // Expired, forged and wrong-issuer tokens never reach `Mine`.
    assert_eq!(
        ws.verify_as::<Mine>(&token, T0 + 60).err(),
        Some(Error::Expired {
            exp: T0 + 60,
            now: T0 + 60
        })
    );
    let other_secret = Workspace::new(KEY, &[7; 64], Algorithm::Hs512).unwrap();
    let forged = other_secret
        .customer_token_at(&Customer::new("c-9", "Bo"), T0, 60)
        .unwrap();
    assert_eq!(
        ws.verify_as::<Mine>(&forged, T0).err(),
        Some(Error::InvalidSignature)
    );
    let other = Workspace::new("ws_other", SECRET, Algorithm::Hs512).unwrap();
    assert_eq!(
        other.verify_as::<Mine>(&token, T0).err(),
        Some(Error::WrongIssuer)
    );
    // Duplicate members are refused before serde (which would keep the last) runs.
    let dup = signed(
        SECRET,
        Algorithm::Hs512,
        br#"{"alg":"HS512","typ":"JWT"}"#,
        format!(
            r#"{{"id":"a","id":"b","name":"n","iat":1,"iss":"{KEY}","exp":{}}}"#,
            T0 + 9
        )
        .as_bytes(),
    );
    assert_eq!(
        ws.verify_as::<Mine>(&dup, T0).err(),
        Some(Error::DuplicateMember(Part::Payload))
    );
}

#[test]
fn a_mismatch_with_the_callers_type_is_claims_type_and_bounded() {
    #[derive(Deserialize, Debug)]
    #[allow(dead_code)]
    struct Strict {
        id: u64,
    }
    #[derive(Deserialize, Debug)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Closed {
        id: String,
    }
    let ws = Workspace::new(KEY, SECRET, Algorithm::Hs512).unwrap();
    let long_id = "z".repeat(4000);
    let token = ws
        .customer_token_at(&Customer::new(long_id.as_str(), "Bo"), T0, 60)
        .unwrap();
    let Err(Error::ClaimsType { reason }) = ws.verify_as::<Strict>(&token, T0) else {
        panic!("a string id into u64 is ClaimsType");
    };
    assert!(reason.starts_with("invalid type: string"), "{reason}");
    assert!(reason.len() <= 200, "{}", reason.len());
    let Err(Error::ClaimsType { reason }) = ws.verify_as::<Closed>(&token, T0) else {
        panic!("unknown fields are refused when the type says so");
    };
    assert!(reason.starts_with("unknown field `name`"), "{reason}");
}

#[test]
fn with_profile_leaves_the_workspace_usable() {
    let ws = Workspace::new(KEY, SECRET, Algorithm::Hs256).unwrap();
    let python = ws.with_profile("python".parse().unwrap());
    let a = python.sign_json(r#"{"sub":"é"}"#).unwrap();
    let b = ws.sign_json(r#"{"sub":"é"}"#).unwrap();
    assert_ne!(a, b, "python escapes non-ASCII, node does not");
    assert_eq!(ws.profile(), "node".parse().unwrap());
}
