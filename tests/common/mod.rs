//! Shared helpers for the integration tests: loading the vector files (keeping member
//! order, which `serde_json::Value` would not) and building workspaces.
#![allow(dead_code)]

use membrane_token::{Algorithm, KeyPolicy, Map, Part, Profile, Value, Workspace};

/// The workspace key every reference vector uses.
pub const KEY: &str = "ws_7f3c2a9e";
/// A time at which every reference vector is valid (from `../shared/tools/conformance`).
pub const NOW: u64 = 1_799_993_000;

pub fn load(name: &str) -> Value {
    let path = format!("{}/tests/vectors/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    Value::parse(&text, Part::Input).unwrap_or_else(|e| panic!("{path}: {e}"))
}

pub fn obj(v: &Value) -> &Map {
    v.as_object().expect("object")
}

pub fn str_of<'v>(v: &'v Value, name: &str) -> &'v str {
    obj(v)
        .get(name)
        .and_then(Value::as_str)
        .unwrap_or_else(|| panic!("no string {name}"))
}

pub fn opt_str<'v>(v: &'v Value, name: &str) -> Option<&'v str> {
    obj(v).get(name).and_then(Value::as_str)
}

pub fn array<'v>(v: &'v Value, name: &str) -> &'v [Value] {
    match obj(v).get(name) {
        Some(Value::Array(items)) => items,
        _ => panic!("no array {name}"),
    }
}

pub fn alg(v: &Value) -> Algorithm {
    Algorithm::from_name(str_of(v, "alg")).expect("alg")
}

/// `[[k, v], ...]` into an ordered map.
pub fn pairs(v: &Value) -> Map {
    match v {
        Value::Array(items) => items
            .iter()
            .map(|pair| match pair {
                Value::Array(kv) => (kv[0].as_str().expect("key").to_owned(), kv[1].clone()),
                _ => panic!("pair"),
            })
            .collect(),
        _ => panic!("pairs"),
    }
}

pub fn workspace(secret: &str, alg: Algorithm, profile: Profile) -> Workspace {
    Workspace::with_key_policy(KEY, secret.as_bytes(), alg, KeyPolicy::AllowWeak)
        .expect("workspace")
        .with_profile(profile)
}

/// Every `(library file stem, vector)` of the reference files the project copied.
pub fn library_vectors() -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for lib in ["node", "python", "go", "ruby", "php", "java"] {
        let path = format!(
            "{}/tests/vectors/{lib}-public.json",
            env!("CARGO_MANIFEST_DIR")
        );
        if !std::path::Path::new(&path).exists() {
            continue;
        }
        let file = load(&format!("{lib}-public.json"));
        for v in array(&file, "vectors") {
            out.push((lib.to_owned(), v.clone()));
        }
    }
    out
}

/// The case of a vector, by name, from `cases-public.json`.
pub fn case(name: &str) -> Option<Value> {
    let cases = load("cases-public.json");
    array(&cases, "cases")
        .iter()
        .find(|c| str_of(c, "name") == name)
        .cloned()
}

pub fn b64url_decode(s: &str) -> Vec<u8> {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::decode_vec(s).expect("base64url")
}

pub fn b64url(bytes: &[u8]) -> String {
    use base64ct::{Base64UrlUnpadded, Encoding};
    Base64UrlUnpadded::encode_string(bytes)
}

/// `base64url(header).base64url(payload)` plus an HMAC computed independently of the
/// crate (straight from the `hmac` crate), so hostile tokens carry valid signatures.
pub fn signed_text(secret: &[u8], alg: Algorithm, signing_input: &str) -> String {
    use hmac::{Hmac, KeyInit, Mac};
    fn mac<M: Mac + KeyInit>(secret: &[u8], input: &str) -> Vec<u8> {
        let mut m = <M as KeyInit>::new_from_slice(secret).unwrap();
        m.update(input.as_bytes());
        m.finalize().into_bytes().to_vec()
    }
    let tag = match alg {
        Algorithm::Hs256 => mac::<Hmac<sha2::Sha256>>(secret, signing_input),
        Algorithm::Hs384 => mac::<Hmac<sha2::Sha384>>(secret, signing_input),
        Algorithm::Hs512 => mac::<Hmac<sha2::Sha512>>(secret, signing_input),
        other => panic!("{other} is not an HMAC algorithm"),
    };
    format!("{signing_input}.{}", b64url(&tag))
}

/// A token over the given header and payload bytes, signed independently.
pub fn signed(secret: &[u8], alg: Algorithm, header: &[u8], payload: &[u8]) -> String {
    signed_text(
        secret,
        alg,
        &format!("{}.{}", b64url(header), b64url(payload)),
    )
}
