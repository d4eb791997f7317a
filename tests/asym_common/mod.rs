//! Helpers for the public-key tests: the shared TEST keys (`asym-keys.json`), the
//! inputs (`asym-cases-public.json`) and the tokens the six libraries made
//! (`asym-<library>-public.json`), all copied unchanged from `../shared/vectors/`; and
//! in [`weak_rsa`], two more RSA TEST keys outside the default policy (2047 bits, e = 3).
#![allow(dead_code)]

pub mod weak_rsa;

use crate::common::{array, load, obj, opt_str, pairs, str_of};
use membrane_token::{
    write_json, Algorithm, KeyPolicy, Map, PrivateKey, Profile, PublicKey, Value,
};

/// The libraries and the profile that reproduces each (the Go vectors were made with
/// Go 1.26: `go1.22`).
pub const LIBRARIES: [(&str, Profile); 6] = [
    ("node", Profile::Node),
    ("python", Profile::Python),
    ("go", Profile::Go122),
    ("ruby", Profile::Ruby),
    ("java", Profile::Java),
    ("php", Profile::Php),
];

/// One key of `asym-keys.json`.
pub fn key(name: &str) -> Value {
    let keys = load("asym-keys.json");
    obj(&keys)
        .get("keys")
        .and_then(|k| k.as_object())
        .and_then(|k| k.get(name))
        .cloned()
        .unwrap_or_else(|| panic!("no key {name}"))
}

/// Every key name of `asym-keys.json`, in file order.
pub fn key_names() -> Vec<String> {
    let keys = load("asym-keys.json");
    let keys = obj(&keys).get("keys").and_then(|k| k.as_object()).unwrap();
    keys.iter().map(|(name, _)| name.to_owned()).collect()
}

/// A JSON value as compact text in its own member order.
pub fn compact(value: &Value) -> String {
    let mut out = String::new();
    write_json(value, Profile::Ruby, &mut out).unwrap();
    out
}

pub fn member<'v>(v: &'v Value, name: &str) -> &'v Value {
    obj(v)
        .get(name)
        .unwrap_or_else(|| panic!("no member {name}"))
}

pub fn private_key(name: &str) -> PrivateKey {
    PrivateKey::from_pem(str_of(&key(name), "private_pkcs8_pem"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

pub fn public_key(name: &str) -> PublicKey {
    PublicKey::from_pem(str_of(&key(name), "public_spki_pem"))
        .unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// The policy a key needs: the deliberately short `rsa1024` only with `AllowWeak`.
pub fn policy(key: &str) -> KeyPolicy {
    if key == "rsa1024" {
        KeyPolicy::AllowWeak
    } else {
        KeyPolicy::Rfc7518
    }
}

/// A token a library made (or refused to make).
pub struct LibraryVector {
    pub lib: &'static str,
    pub profile: Profile,
    pub name: String,
    pub alg: Algorithm,
    pub key: String,
    pub token: Option<String>,
    pub header_json: Option<String>,
    pub payload_json: Option<String>,
    pub deterministic: bool,
    pub note: Option<String>,
}

impl LibraryVector {
    pub fn id(&self) -> String {
        format!("{}/{}/{}/{}", self.lib, self.name, self.alg, self.key)
    }

    /// The claims as the caller inserted them: the case's ordered pairs, plus the
    /// `iat` that jsonwebtoken appends to claims without one (its vectors say so).
    pub fn claims(&self) -> Map {
        let mut claims = case_claims(&self.name);
        let added_iat = self
            .note
            .as_deref()
            .is_some_and(|n| n.contains("jsonwebtoken added iat=1799992800"));
        if added_iat {
            assert!(claims.get("iat").is_none(), "{}", self.id());
            claims.insert("iat", 1_799_992_800u64);
        }
        claims
    }
}

/// Every vector of the six library files, in file order.
pub fn library_vectors() -> Vec<LibraryVector> {
    let mut out = Vec::new();
    for (lib, profile) in LIBRARIES {
        let file = load(&format!("asym-{lib}-public.json"));
        for v in array(&file, "vectors") {
            out.push(LibraryVector {
                lib,
                profile,
                name: str_of(v, "name").to_owned(),
                alg: Algorithm::from_name(str_of(v, "alg")).expect("alg"),
                key: str_of(v, "key").to_owned(),
                token: opt_str(v, "token").map(str::to_owned),
                header_json: opt_str(v, "header_json").map(str::to_owned),
                payload_json: opt_str(v, "payload_json").map(str::to_owned),
                deterministic: member(v, "deterministic").as_bool() == Some(true),
                note: opt_str(v, "note").map(str::to_owned),
            });
        }
    }
    out
}

/// A case's claims from `asym-cases-public.json`, as ordered pairs.
pub fn case_claims(name: &str) -> Map {
    let cases = load("asym-cases-public.json");
    let case = array(&cases, "cases")
        .iter()
        .find(|c| str_of(c, "name") == name)
        .unwrap_or_else(|| panic!("no case {name}"));
    pairs(member(case, "claims"))
}

/// `header.payload` of a token.
pub fn signing_input(token: &str) -> &str {
    token.rsplit_once('.').expect("three segments").0
}

/// A PEM block of `der` under `label`, 64-character lines, as OpenSSL writes it.
pub fn pem(label: &str, der: &[u8]) -> String {
    use base64::Engine;
    let text = base64::engine::general_purpose::STANDARD.encode(der);
    let lines: Vec<&str> = text
        .as_bytes()
        .chunks(64)
        .map(|c| std::str::from_utf8(c).unwrap())
        .collect();
    format!(
        "-----BEGIN {label}-----\n{}\n-----END {label}-----\n",
        lines.join("\n")
    )
}

/// The DER inside a PEM block.
pub fn der_of(pem: &str) -> Vec<u8> {
    use base64::Engine;
    let body: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    base64::engine::general_purpose::STANDARD
        .decode(body)
        .expect("PEM body")
}
