//! Invariant: for any claims (nested arrays/objects, any Unicode, integers, finite
//! floats), any workspace key (1..=1024 bytes), any algorithm (one input byte picks
//! it, see `algorithm`: HS256/384/512 with any non-empty secret, weak keys allowed;
//! RS256, PS256, ES256, ES384, ES512, EdDSA with their TEST private keys,
//! `src/asym.rs`) and any profile, with `iss` = the key and a future `exp` added:
//! - `sign_claims` succeeds; the token is base64url(profile.header_json(alg)) "."
//!   base64url(write_json of the claims as the library keeps them) "." base64url of the
//!   signature: for HMAC the MAC recomputed with the `hmac` crate; for a public-key
//!   algorithm a signature of the algorithm's exact length that the RustCrypto crate,
//!   called directly with the TEST public key, verifies (and for ES* and EdDSA, which
//!   are deterministic, signing again gives the same token). "As the library keeps
//!   them" is the claims themselves, except for Java (jjwt's claim map): names trimmed
//!   of Java whitespace, a name seen again replaces the value in place, `null` (and an
//!   empty `aud`) removes the claim;
//! - verifying (`Workspace::verify` for HMAC; `Verifier::with_public_key` with the TEST
//!   public key read from its SPKI PEM otherwise) then refuses the token only for the
//!   documented limits (TooLarge over 16 KiB, TooDeep over 32 levels), and otherwise
//!   returns exactly those claims as the profile writes them (see `expected`): same
//!   member order (Go sorted, Node index keys first, PHP "0".."n-1"-keyed objects as
//!   arrays, others as inserted), same strings, same integers, floats equal as f64.
//!
//! One algorithm per input, not all of them, and the public-key ones for 1 input in 8:
//! RSA signing takes milliseconds (tens under AddressSanitizer). The public-key
//! workspaces for the fixed key `KEY` are built once; another workspace key reads the
//! private key again (a `PrivateKey` is not `Clone`).
//!
//! Claims the strict verifier type-checks are kept only with a type it accepts (`sub`,
//! `tenantKey` strings, `isAdmin` booleans, `fields` objects); `exp`, `nbf`, `iat`,
//! `iss`, `workspaceKey` from the input are dropped (by their name as the library keeps
//! it). Under PHP, a non-empty `fields` object keyed "0".."n-1" is written as a list,
//! which the verifier refuses (`InvalidClaim { claim: "fields" }`): asserted as such.
#![no_main]

use arbitrary::{Arbitrary, Unstructured};
use libfuzzer_sys::fuzz_target;
use membrane_token::{
    write_json, Algorithm, Claims, Error, KeyPolicy, Map, Part, Profile, Value, Verifier, Workspace,
};
use membrane_token_fuzz as f;

const EXP: u64 = 4_000_000_000;

#[derive(Debug)]
struct Input {
    key: String,
    secret: Vec<u8>,
    alg: Algorithm,
    profile: Profile,
    claims: Map,
}

impl<'a> Arbitrary<'a> for Input {
    fn arbitrary(u: &mut Unstructured<'a>) -> arbitrary::Result<Self> {
        let g = f::Gen {
            max_depth: 34,
            non_finite: false,
            reserved_names: true,
        };
        let key = if u.ratio(3, 4)? {
            f::KEY.to_owned()
        } else {
            f::string(u)?
        };
        let secret = if u.ratio(3, 4)? {
            f::SECRET.to_vec()
        } else {
            u.arbitrary()?
        };
        let (alg, profile) = (f::algorithm(u)?, f::profile(u)?);
        Ok(Input {
            key,
            secret,
            alg,
            profile,
            claims: f::map(u, &g, 0)?,
        })
    }
}

fn keep(name: &str, v: &Value) -> bool {
    match name {
        "exp" | "nbf" | "iat" | "iss" | "workspaceKey" => false,
        "sub" | "tenantKey" => matches!(v, Value::String(_)),
        "isAdmin" => matches!(v, Value::Bool(_)),
        "fields" => matches!(v, Value::Object(_)),
        _ => true,
    }
}

/// jjwt's claim map: trimmed names, replacement in place, `null` and an empty `aud`
/// removing the claim (the crate's Java profile, `src/json/writer.rs` `top_level`).
fn jjwt_map(claims: &Map) -> Map {
    let mut kept: Vec<(String, Value)> = Vec::new();
    for (name, value) in claims.iter() {
        let name = f::java_name(name);
        let removes = *value == Value::Null || (name == "aud" && *value == Value::Array(vec![]));
        match kept.iter().position(|(n, _)| n == name) {
            Some(i) if removes => {
                kept.remove(i);
            }
            Some(i) => kept[i].1 = value.clone(),
            None if !removes => kept.push((name.to_owned(), value.clone())),
            None => {}
        }
    }
    kept.into_iter().collect()
}

/// The workspace signing `alg` for workspace key `key`: the HMAC one with `secret`, or
/// one with `alg`'s TEST private key.
fn workspace(key: &str, secret: &[u8], alg: Algorithm) -> Result<Workspace, Error> {
    if alg.is_hmac() {
        Workspace::with_key_policy(key, secret, alg, KeyPolicy::AllowWeak)
    } else if key == f::KEY {
        Ok(f::asym::workspace(alg).clone())
    } else {
        Workspace::with_private_key(key, f::asym::private_key(alg), alg)
    }
}

/// Verifies `token` as the workspace's own (HMAC) or with the TEST public key.
fn verify(ws: &Workspace, token: &str) -> Result<Claims, Error> {
    let alg = ws.algorithm();
    if alg.is_hmac() {
        return ws.verify(token, f::NOW);
    }
    let public = f::asym::public_key(alg).clone();
    Verifier::with_public_key(ws.key(), public, alg)
        .expect("the TEST public key pairs with its algorithm")
        .verify(token, f::NOW)
}

fuzz_target!(|input: Input| {
    let Input {
        key,
        secret,
        alg,
        profile,
        claims,
    } = input;
    let ws = match workspace(&key, &secret, alg) {
        Ok(ws) => ws.with_profile(profile),
        Err(Error::InvalidWorkspaceKey) => return assert!(key.is_empty() || key.len() > 1024),
        Err(Error::EmptySecret) => return assert!(alg.is_hmac() && secret.is_empty()),
        Err(e) => panic!("unexpected workspace error {e:?}"),
    };
    let java = profile == Profile::Java;
    let kept_name = |k: &str| {
        if java {
            f::java_name(k).to_owned()
        } else {
            k.to_owned()
        }
    };
    let mut claims: Map = claims
        .iter()
        .filter(|(k, v)| keep(&kept_name(k), v))
        .map(|(k, v)| (k, v.clone()))
        .collect();
    claims.insert("iss", key.as_str());
    claims.insert("exp", EXP);
    // The claims as the library keeps them (jjwt's map for Java).
    let kept = if java {
        jjwt_map(&claims)
    } else {
        claims.clone()
    };
    let value = Value::Object(kept);

    let token = ws
        .sign_claims(&claims)
        .expect("sign_claims of finite, shallow claims");
    let parts = f::segments(&token);
    assert_eq!(parts.len(), 3);
    assert_eq!(
        parts[0],
        f::b64(profile.header_json(alg).as_bytes()),
        "header segment"
    );
    let mut json = String::new();
    write_json(&value, profile, &mut json).expect("write_json");
    assert_eq!(
        parts[1],
        f::b64(json.as_bytes()),
        "payload segment != write_json bytes"
    );
    let signing_input = &token.as_bytes()[..parts[0].len() + 1 + parts[1].len()];
    if alg.is_hmac() {
        let mac = f::hmac(alg, &secret, signing_input);
        assert_eq!(parts[2], f::b64(&mac), "MAC segment");
    } else {
        let signature = f::unb64(parts[2]).expect("signature segment base64ct refuses");
        assert_eq!(
            signature.len(),
            f::asym::signature_len(alg),
            "{alg} signature length"
        );
        assert!(
            f::asym::direct_verify(alg, f::asym::key_name(alg), signing_input, &signature),
            "{alg} signature segment that the RustCrypto crate does not verify"
        );
        if !alg.is_rsa() {
            let again = ws.sign_claims(&claims).expect("sign_claims again");
            assert_eq!(again, token, "{alg} signing is not deterministic");
        }
    }

    let depth = f::text_depth(&json);
    match verify(&ws, &token) {
        Err(Error::TooLarge { len, max: 16384 }) => assert!(len == token.len() && len > 16384),
        Err(Error::TooDeep {
            part: Part::Payload,
            max: 32,
        }) => {
            assert!(token.len() <= 16384 && depth > 32)
        }
        Err(e) => panic!("own token refused: {e:?} ({profile:?}, {alg:?})\npayload {json}"),
        Ok(verified) => {
            assert!(token.len() <= 16384 && depth <= 32);
            assert_eq!(verified.algorithm(), alg);
            let expected = f::expected(&value, profile);
            let got = Value::Object(verified.payload());
            if let Some(d) = f::diff_ordered(&expected, &got, f::Floats::Exact) {
                panic!("claims changed in the round trip ({profile:?}): ${d}\npayload {json}");
            }
        }
    }
});
