//! The published TEST keys and an independent check of public-key signatures.
//!
//! The keys come from `tests/vectors/asym-keys.json` (embedded at build time; TEST keys
//! only, published on purpose). The check calls the RustCrypto crates the library wraps
//! directly, with verifying keys those crates load themselves from the same SPKI PEM
//! (its base64 decoded here with `base64ct`, not by the library's PEM reader): RSASSA-
//! PKCS1-v1_5 and RSASSA-PSS (salt = hash length, RFC 7518 §3.5) with `rsa`, ECDSA over
//! the raw `r || s` with `p256`/`p384`/`p521`, Ed25519 with `ed25519-dalek`'s
//! `verify_strict` (the library's documented semantics, `src/sig/eddsa.rs`).

use std::sync::OnceLock;

use base64ct::{Base64, Encoding};
use membrane_token::{Algorithm, PrivateKey, PublicKey, Workspace};
use rsa::pkcs8::DecodePublicKey;
use rsa::signature::Verifier as _;
use sha2::Sha256;

use crate::KEY;

const KEYS_JSON: &str = include_str!("../../tests/vectors/asym-keys.json");

/// The public-key algorithms the targets sign and verify, each with its TEST key.
pub const ALGORITHMS: [(Algorithm, &str); 6] = [
    (Algorithm::Rs256, "rsa2048"),
    (Algorithm::Ps256, "rsa2048"),
    (Algorithm::Es256, "p256"),
    (Algorithm::Es384, "p384"),
    (Algorithm::Es512, "p521"),
    (Algorithm::EdDsa, "ed25519"),
];

/// Another RS256 key: the "previous" key of `asym_verify`'s rotating RS256 verifier
/// (some reference tokens are RS256 under it).
pub const PREVIOUS_RS256_KEY: &str = "rsa3072";

fn index(alg: Algorithm) -> usize {
    ALGORITHMS
        .iter()
        .position(|(a, _)| *a == alg)
        .unwrap_or_else(|| unreachable!("{alg} has no TEST key here"))
}

/// The name of `alg`'s TEST key in `asym-keys.json`.
pub fn key_name(alg: Algorithm) -> &'static str {
    ALGORITHMS[index(alg)].1
}

/// One form of a TEST key as text: `public_spki_pem`, `private_pkcs8_pem`,
/// `private_traditional_pem`, `public_pkcs1_pem`, or `public_jwk`/`private_jwk` (as
/// compact JSON). `None` where the file has none (no PKCS#1 form of an EC key, ...).
pub fn key_form(name: &str, form: &str) -> Option<String> {
    static KEYS: OnceLock<serde_json::Value> = OnceLock::new();
    let keys = KEYS.get_or_init(|| serde_json::from_str(KEYS_JSON).expect("asym-keys.json"));
    match &keys["keys"][name][form] {
        serde_json::Value::Null => None,
        serde_json::Value::String(text) => Some(text.clone()),
        jwk => Some(jwk.to_string()),
    }
}

fn spki_pem(name: &str) -> String {
    key_form(name, "public_spki_pem").expect("every TEST key has an SPKI PEM")
}

/// `alg`'s TEST public key, read by the library from its SPKI PEM (once).
pub fn public_key(alg: Algorithm) -> &'static PublicKey {
    static KEYS: OnceLock<Vec<PublicKey>> = OnceLock::new();
    &KEYS.get_or_init(|| {
        ALGORITHMS
            .iter()
            .map(|(_, name)| PublicKey::from_pem(&spki_pem(name)).expect("TEST public key"))
            .collect()
    })[index(alg)]
}

/// `alg`'s TEST private key, read by the library from its PKCS#8 PEM (a new one each
/// call: a `PrivateKey` is not `Clone`, and a workspace takes it by value).
pub fn private_key(alg: Algorithm) -> PrivateKey {
    let pem = key_form(key_name(alg), "private_pkcs8_pem").expect("TEST private key");
    PrivateKey::from_pem(&pem).expect("TEST private key")
}

/// The workspace [`KEY`] signing `alg` with its TEST private key (built once).
pub fn workspace(alg: Algorithm) -> &'static Workspace {
    static WS: OnceLock<Vec<Workspace>> = OnceLock::new();
    &WS.get_or_init(|| {
        ALGORITHMS
            .iter()
            .map(|(alg, _)| Workspace::with_private_key(KEY, private_key(*alg), *alg))
            .collect::<Result<_, _>>()
            .expect("TEST keys pair with their algorithms")
    })[index(alg)]
}

/// The length of every `alg` signature under its TEST key (RFC 7518 §3.3-3.5, RFC
/// 8037): the RSA modulus, twice the curve's field size, 64 for Ed25519.
pub fn signature_len(alg: Algorithm) -> usize {
    match alg {
        Algorithm::Rs256 | Algorithm::Ps256 => 256,
        Algorithm::Es256 => 64,
        Algorithm::Es384 => 96,
        Algorithm::Es512 => 132,
        Algorithm::EdDsa => 64,
        other => unreachable!("{other} has no TEST key here"),
    }
}

// --- the independent check ------------------------------------------------------------

/// A verifying key of one RustCrypto crate, for one algorithm.
enum Direct {
    Rs256(rsa::pkcs1v15::VerifyingKey<Sha256>),
    Ps256(rsa::pss::VerifyingKey<Sha256>),
    Es256(p256::ecdsa::VerifyingKey),
    Es384(p384::ecdsa::VerifyingKey),
    Es512(p521::ecdsa::VerifyingKey),
    EdDsa(ed25519_dalek::VerifyingKey),
}

/// The DER of a PEM block: the base64 between the BEGIN and END lines.
fn pem_body(pem: &str) -> Vec<u8> {
    let base64: String = pem.lines().filter(|l| !l.starts_with("-----")).collect();
    Base64::decode_vec(&base64).expect("TEST key PEM body")
}

impl Direct {
    fn load(alg: Algorithm, name: &str) -> Direct {
        let der = pem_body(&spki_pem(name));
        let rsa = || rsa::PublicKey::from_public_key_der(&der).expect("RSA SPKI");
        match alg {
            Algorithm::Rs256 => Direct::Rs256(rsa::pkcs1v15::VerifyingKey::new(rsa())),
            Algorithm::Ps256 => Direct::Ps256(rsa::pss::VerifyingKey::new(rsa())),
            Algorithm::Es256 => Direct::Es256(
                p256::ecdsa::VerifyingKey::from_public_key_der(&der).expect("P-256 SPKI"),
            ),
            Algorithm::Es384 => Direct::Es384(
                p384::ecdsa::VerifyingKey::from_public_key_der(&der).expect("P-384 SPKI"),
            ),
            Algorithm::Es512 => Direct::Es512(
                p521::ecdsa::VerifyingKey::from_public_key_der(&der).expect("P-521 SPKI"),
            ),
            Algorithm::EdDsa => Direct::EdDsa(
                ed25519_dalek::VerifyingKey::from_public_key_der(&der).expect("Ed25519 SPKI"),
            ),
            other => unreachable!("{other} has no direct check here"),
        }
    }

    fn verify(&self, msg: &[u8], sig: &[u8]) -> bool {
        match self {
            Direct::Rs256(key) => {
                rsa::pkcs1v15::Signature::try_from(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Direct::Ps256(key) => {
                rsa::pss::Signature::try_from(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Direct::Es256(key) => {
                p256::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Direct::Es384(key) => {
                p384::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Direct::Es512(key) => {
                p521::ecdsa::Signature::from_slice(sig).is_ok_and(|s| key.verify(msg, &s).is_ok())
            }
            Direct::EdDsa(key) => ed25519_dalek::Signature::from_slice(sig)
                .is_ok_and(|s| key.verify_strict(msg, &s).is_ok()),
        }
    }
}

/// Whether `sig` is a valid `alg` signature of `msg` under the TEST key `name`,
/// according to the RustCrypto crate alone. `alg` must be one of [`ALGORITHMS`] and
/// `name` its key or [`PREVIOUS_RS256_KEY`] for RS256.
pub fn direct_verify(alg: Algorithm, name: &str, msg: &[u8], sig: &[u8]) -> bool {
    static DIRECT: OnceLock<Vec<(Algorithm, &str, Direct)>> = OnceLock::new();
    let all = DIRECT.get_or_init(|| {
        let previous = (Algorithm::Rs256, PREVIOUS_RS256_KEY);
        ALGORITHMS
            .into_iter()
            .chain([previous])
            .map(|(alg, name)| (alg, name, Direct::load(alg, name)))
            .collect()
    });
    let (_, _, direct) = all
        .iter()
        .find(|(a, n, _)| *a == alg && *n == name)
        .unwrap_or_else(|| unreachable!("no direct check for {alg} under {name}"));
    direct.verify(msg, sig)
}
