//! Public-key minting and verifying cost (RS*, PS*, ES*, EdDSA) against the floor (the
//! RustCrypto primitive alone, called as this crate calls it) and two peer JWT crates,
//! on the quick-start customer claims.
//!
//! Groups (criterion ids, read by `benches/report_asym.sh`), `Throughput::Elements(1)`:
//! - `asym_sign/<contender>/<ALG>`: one token per iteration. `floor` signs our token's
//!   finished `header.payload` text with the primitive, the key and the randomness
//!   src/sig/ uses: RSA `pkcs1v15_sign_with_rng` / `pss_sign_with_rng` blinded (and, for
//!   PSS, salted) from the OS RNG `SysRng`, ECDSA `Signer::try_sign` (RFC 6979),
//!   Ed25519 `SigningKey::sign`. `ours_into` is `customer_token_into` into a reused
//!   `String`, `ours_string` is `customer_token_at`, and the peers `jsonwebtoken` 12
//!   (`rust_crypto`) and `jwt-simple` 0.15 (`pure-rust`) sign the same claims with the
//!   same key.
//! - `asym_verify/<contender>/<ALG>`: `floor` checks our token's signature (already
//!   base64-decoded) over its signing input with the primitive src/sig/ calls
//!   (`pkcs1v15_verify`, `pss_verify`, `VerifyingKey::verify`, `verify_strict`);
//!   `ours` is `Verifier::verify` of the whole token (header, signature, claims, `exp`
//!   and `iss`); the peers decode and validate the same token, `exp` and `iss` included.
//!
//! Keys: the published TEST keys of tests/vectors/asym-keys.json. All six RSA
//! algorithms use the same `rsa2048` key, so that their ratios compare (only hash and
//! padding differ); ES256, ES384 and ES512 use `p256`, `p384` and `p521`, EdDSA
//! `ed25519`.
//!
//! Every output is checked once before timing: the floor's signature verifies under the
//! public key and, for the deterministic RS*, ES* and EdDSA, equals our token's
//! signature bytes; our tokens pass our verifier (and, but for PS*'s random salt, equal
//! the token minted first); each peer's token passes our verifier, and each peer
//! accepts our token with the expected claims.
//!
//! The peers are measured as they are used, with what they do per call: jsonwebtoken
//! builds a signer or verifier per call, so it decodes the key on every token (the
//! private key's DER; the RSA public key's DER, the curve point of the others);
//! jwt-simple's RSA goes through `superboring` (on `rsa` 0.9) and clones the key per
//! signature, and its ES256, ES384 and EdDSA signatures are hedged (fresh randomness
//! mixed into the nonce) where ours follow RFC 6979 and RFC 8032. Neither peer has
//! ES512 (no P-521), so that algorithm has the floor and ours only.
//!
//! Paired ratios as in benches/sign.rs (benches/paired/): every contender sample is
//! followed at once by a floor sample of the same iteration count, and the median of
//! those ratios, with the ratio of the fastest samples, goes to
//! `target/criterion/paired-asym.json`. The floor samples are time criterion does not
//! see, so a run takes about twice the time it announces; RSA signing (a private-key
//! exponentiation per token) is the slowest, where criterion may also stretch its
//! measurement time to collect its samples.

mod paired;
mod quick_start;

use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use crypto_common::getrandom::SysRng;
use membrane_token::{Algorithm, PrivateKey, PublicKey, Verifier, Workspace};
use pkcs8::DecodePrivateKey;
use serde::Deserialize;
use sha2::digest::FixedOutputReset;
use sha2::{Digest, Sha256, Sha384, Sha512};

use paired::{bench_paired, timed, write_paired, FloorTimer, Group};
use quick_start::*;

const SIGN: &str = "asym_sign";
const VERIFY: &str = "asym_verify";

/// Every public-key algorithm with the test key it uses: one RSA key for all six.
const CASES: [(Algorithm, &str); 10] = [
    (Algorithm::Rs256, "rsa2048"),
    (Algorithm::Rs384, "rsa2048"),
    (Algorithm::Rs512, "rsa2048"),
    (Algorithm::Ps256, "rsa2048"),
    (Algorithm::Ps384, "rsa2048"),
    (Algorithm::Ps512, "rsa2048"),
    (Algorithm::Es256, "p256"),
    (Algorithm::Es384, "p384"),
    (Algorithm::Es512, "p521"),
    (Algorithm::EdDsa, "ed25519"),
];

// --- the test keys ---

/// The members of a key in tests/vectors/asym-keys.json that the bench reads.
#[derive(Deserialize)]
struct TestKey {
    private_pkcs8_pem: String,
    /// PKCS#1 `RSA PRIVATE KEY` for RSA (jsonwebtoken's and the floor's form).
    private_traditional_pem: Option<String>,
    public_spki_pem: String,
    /// PKCS#1 `RSA PUBLIC KEY` for RSA (jsonwebtoken's DER form).
    public_pkcs1_pem: Option<String>,
    public_jwk: BTreeMap<String, String>,
}

#[derive(Deserialize)]
struct KeyFile {
    keys: BTreeMap<String, TestKey>,
}

fn test_keys() -> BTreeMap<String, TestKey> {
    let text = include_str!("../tests/vectors/asym-keys.json");
    let file: KeyFile = serde_json::from_str(text).expect("tests/vectors/asym-keys.json");
    file.keys
}

/// The DER body of a PEM block.
fn der(pem: &str) -> Vec<u8> {
    pem_rfc7468::decode_vec(pem.as_bytes())
        .expect("a PEM block")
        .1
}

fn pkcs1_private_pem(key: &TestKey) -> &str {
    key.private_traditional_pem
        .as_deref()
        .expect("an RSA key has a PKCS#1 private PEM")
}

// --- one algorithm's setup ---

/// Our workspace and verifier for one algorithm, and the token they mint and accept.
struct Case<'k> {
    alg: Algorithm,
    key: &'k TestKey,
    ws: Workspace,
    verifier: Verifier,
    token: String,
}

impl<'k> Case<'k> {
    fn new(alg: Algorithm, key: &'k TestKey) -> Case<'k> {
        let private = PrivateKey::from_pem(&key.private_pkcs8_pem).expect("a private test key");
        let public = PublicKey::from_pem(&key.public_spki_pem).expect("a public test key");
        let ws = Workspace::with_private_key(KEY, private, alg).expect("a signing workspace");
        let verifier = Verifier::with_public_key(KEY, public, alg).expect("a verifier");
        let token = ws
            .customer_token_at(&quick_start(), ISSUED_AT, TTL)
            .expect("mints");
        let case = Case {
            alg,
            key,
            ws,
            verifier,
            token,
        };
        case.check("ours", &case.token);
        case
    }

    /// `header.payload` of our token (everything before the last dot).
    fn input(&self) -> &[u8] {
        let end = self.token.rfind('.').expect("three segments");
        &self.token.as_bytes()[..end]
    }

    /// Our token's signature, decoded.
    fn signature(&self) -> Vec<u8> {
        let (_, sig) = self.token.rsplit_once('.').expect("three segments");
        URL_SAFE_NO_PAD.decode(sig).expect("base64url signature")
    }

    /// Panics unless our verifier accepts `token` at `NOW`.
    fn check(&self, who: &str, token: &str) {
        if let Err(e) = self.verifier.verify(token, NOW) {
            panic!(
                "{who}'s {} token fails our verifier: {e:?}",
                self.alg.name()
            );
        }
    }

    /// A token we minted again: valid and, but for PSS's random salt, the first one.
    fn check_ours(&self, token: &str) {
        self.check("ours", token);
        if !self.alg.is_pss() {
            assert_eq!(
                token,
                self.token,
                "{} signs deterministically",
                self.alg.name()
            );
        }
    }
}

// --- the floor: the primitive alone ---

/// One operation of the primitive over our token, with its output kept from the
/// optimizer.
type FloorOp = Box<dyn FnMut()>;

/// The signing and the verifying floor of one algorithm.
struct Floors {
    sign: FloorOp,
    verify: FloorOp,
}

/// The ECDSA floors on one curve crate (`p256`, `p384`, `p521`: the same `ecdsa` types
/// on different curves), as src/sig/ecdsa.rs calls them.
macro_rules! ecdsa_floors {
    ($curve:ident, $case:expr) => {{
        use $curve::ecdsa::signature::{Signer as _, Verifier as _};
        use $curve::ecdsa::{Signature, SigningKey};
        let case = $case;
        let private =
            SigningKey::from_pkcs8_der(&der(&case.key.private_pkcs8_pem)).expect("an EC test key");
        let public = *private.verifying_key();
        let (input, sig) = (case.input().to_vec(), case.signature());

        let floor_sig: Signature = private.try_sign(&input).expect("ECDSA signs");
        assert_eq!(
            floor_sig.to_bytes().as_slice(),
            sig.as_slice(),
            "the floor reproduces our RFC 6979 signature"
        );
        let parsed = Signature::from_slice(&sig).expect("r || s");
        assert!(
            public.verify(&input, &parsed).is_ok(),
            "floor verifies ours"
        );

        let sign_input = input.clone();
        Floors {
            sign: Box::new(move || {
                let signed: Signature = private.try_sign(black_box(&sign_input)).expect("signs");
                black_box(signed);
            }),
            // Parsing `r || s` (range checks) is part of what the crate does per token.
            verify: Box::new(move || {
                let ok = Signature::from_slice(black_box(&sig))
                    .is_ok_and(|s| public.verify(black_box(&input), &s).is_ok());
                black_box(ok);
            }),
        }
    }};
}

/// The floors for `case`, each checked once against our token.
fn floors(case: &Case<'_>) -> Floors {
    match case.alg {
        Algorithm::Rs256 | Algorithm::Ps256 => rsa_floors::<Sha256>(case),
        Algorithm::Rs384 | Algorithm::Ps384 => rsa_floors::<Sha384>(case),
        Algorithm::Rs512 | Algorithm::Ps512 => rsa_floors::<Sha512>(case),
        Algorithm::Es256 => ecdsa_floors!(p256, case),
        Algorithm::Es384 => ecdsa_floors!(p384, case),
        Algorithm::Es512 => ecdsa_floors!(p521, case),
        Algorithm::EdDsa => ed25519_floors(case),
        other => unreachable!("{other} is not a public-key algorithm"),
    }
}

/// What src/sig/rsa.rs calls to sign: blinded with the OS RNG, which also draws the
/// PSS salt.
fn rsa_sign<D>(key: &rsa::PrivateKey, pss: bool, input: &[u8]) -> Vec<u8>
where
    D: Digest + pkcs8::AssociatedOid + FixedOutputReset,
{
    let signed = if pss {
        key.pss_sign_with_rng::<D, _>(&mut SysRng, input)
    } else {
        key.pkcs1v15_sign_with_rng::<D, _>(&mut SysRng, input)
    };
    signed.expect("RSA signs")
}

/// What src/sig/rsa.rs calls to verify.
fn rsa_verify<D>(key: &rsa::PublicKey, pss: bool, input: &[u8], sig: &[u8]) -> bool
where
    D: Digest + pkcs8::AssociatedOid + FixedOutputReset,
{
    if pss {
        key.pss_verify::<D>(input, sig).is_ok()
    } else {
        key.pkcs1v15_verify::<D>(input, sig).is_ok()
    }
}

fn rsa_floors<D>(case: &Case<'_>) -> Floors
where
    D: Digest + pkcs8::AssociatedOid + FixedOutputReset + 'static,
{
    use rsa::pkcs1::DecodeRsaPrivateKey;
    let private = rsa::PrivateKey::from_pkcs1_der(&der(pkcs1_private_pem(case.key)))
        .expect("an RSA test key");
    let public = private.to_public_key();
    let pss = case.alg.is_pss();
    let (input, sig) = (case.input().to_vec(), case.signature());

    let floor_sig = rsa_sign::<D>(&private, pss, &input);
    assert!(
        rsa_verify::<D>(&public, pss, &input, &floor_sig),
        "floor signature"
    );
    if !pss {
        assert_eq!(
            floor_sig, sig,
            "the floor reproduces our RSASSA-PKCS1-v1_5 signature"
        );
    }
    assert!(
        rsa_verify::<D>(&public, pss, &input, &sig),
        "floor verifies ours"
    );

    let sign_input = input.clone();
    Floors {
        sign: Box::new(move || {
            black_box(rsa_sign::<D>(&private, pss, black_box(&sign_input)));
        }),
        verify: Box::new(move || {
            black_box(rsa_verify::<D>(
                &public,
                pss,
                black_box(&input),
                black_box(&sig),
            ));
        }),
    }
}

fn ed25519_floors(case: &Case<'_>) -> Floors {
    use ed25519_dalek::{Signature, Signer as _, SigningKey};
    let private =
        SigningKey::from_pkcs8_der(&der(&case.key.private_pkcs8_pem)).expect("an Ed25519 key");
    let public = private.verifying_key();
    let input = case.input().to_vec();
    let sig: [u8; 64] = case.signature().try_into().expect("a 64-byte signature");

    assert_eq!(
        private.sign(&input).to_bytes(),
        sig,
        "the floor reproduces our signature"
    );
    let parsed = Signature::from_bytes(&sig);
    assert!(
        public.verify_strict(&input, &parsed).is_ok(),
        "floor verifies ours"
    );

    let sign_input = input.clone();
    Floors {
        sign: Box::new(move || {
            black_box(private.sign(black_box(&sign_input)));
        }),
        verify: Box::new(move || {
            let sig = Signature::from_bytes(black_box(&sig));
            black_box(public.verify_strict(black_box(&input), &sig).is_ok());
        }),
    }
}

/// Benchmarks `op` alone as the `floor` contender, then makes it the timer that the
/// other contenders' samples are paired with.
fn floor_bench(group: &mut Group<'_>, alg: Algorithm, mut op: FloorOp) -> FloorTimer {
    group.bench_function(BenchmarkId::new("floor", alg.name()), |b| b.iter(&mut op));
    Box::new(move |iters| timed(iters, &mut op))
}

#[derive(Deserialize)]
struct OwnedFields {
    #[serde(rename = "userField")]
    user_field: String,
}

/// What the peers decode our token into (a typed struct, as their users do).
#[derive(Deserialize)]
struct OwnedClaims {
    id: String,
    name: String,
    fields: OwnedFields,
    iat: u64,
    exp: u64,
    iss: String,
}

/// jwt-simple's custom part of our token's claims.
#[derive(Deserialize)]
struct OwnedCustom {
    id: String,
    name: String,
    fields: OwnedFields,
}

impl OwnedCustom {
    fn check(&self, who: &str) {
        assert_eq!(
            (
                self.id.as_str(),
                self.name.as_str(),
                self.fields.user_field.as_str()
            ),
            (ID, NAME, FIELD_VALUE),
            "{who} decodes our claims"
        );
    }
}

// --- jsonwebtoken ---

/// jsonwebtoken's name for `alg`; it has no ES512.
fn jsonwebtoken_alg(alg: Algorithm) -> Option<jsonwebtoken::Algorithm> {
    use jsonwebtoken::Algorithm as A;
    Some(match alg {
        Algorithm::Rs256 => A::RS256,
        Algorithm::Rs384 => A::RS384,
        Algorithm::Rs512 => A::RS512,
        Algorithm::Ps256 => A::PS256,
        Algorithm::Ps384 => A::PS384,
        Algorithm::Ps512 => A::PS512,
        Algorithm::Es256 => A::ES256,
        Algorithm::Es384 => A::ES384,
        Algorithm::EdDsa => A::EdDSA,
        _ => return None,
    })
}

/// jsonwebtoken's keys from DER (no `use_pem` feature): PKCS#1 for RSA, PKCS#8 for the
/// others' private keys; the curves' public keys from their JWK coordinates.
fn jsonwebtoken_keys(case: &Case<'_>) -> (jsonwebtoken::EncodingKey, jsonwebtoken::DecodingKey) {
    use jsonwebtoken::{DecodingKey, EncodingKey};
    let key = case.key;
    let jwk = |member: &str| key.public_jwk[member].as_str();
    if case.alg.is_rsa() {
        let public = key
            .public_pkcs1_pem
            .as_deref()
            .expect("a PKCS#1 public PEM");
        (
            EncodingKey::from_rsa_der(&der(pkcs1_private_pem(key))),
            DecodingKey::from_rsa_der(&der(public)),
        )
    } else if case.alg == Algorithm::EdDsa {
        (
            EncodingKey::from_ed_der(&der(&key.private_pkcs8_pem)),
            DecodingKey::from_ed_components(jwk("x")).expect("an Ed25519 JWK"),
        )
    } else {
        (
            EncodingKey::from_ec_der(&der(&key.private_pkcs8_pem)),
            DecodingKey::from_ec_components(jwk("x"), jwk("y")).expect("an EC JWK"),
        )
    }
}

/// The checks ours makes: the pinned algorithm, `exp` and `iss` required, `iss` the
/// workspace key.
fn jsonwebtoken_validation(alg: jsonwebtoken::Algorithm) -> jsonwebtoken::Validation {
    let mut validation = jsonwebtoken::Validation::new(alg);
    validation.set_issuer(&[KEY]);
    validation.set_required_spec_claims(&["exp", "iss"]);
    // jsonwebtoken checks `exp` against the system clock: a leeway of (clock - NOW)
    // makes that the check ours makes at NOW, on whatever date the bench runs.
    let clock = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .expect("after 1970")
        .as_secs();
    validation.leeway = clock.saturating_sub(NOW);
    validation
}

fn jsonwebtoken_sign(group: &mut Group<'_>, case: &Case<'_>, floor: &mut FloorTimer) {
    let Some(alg) = jsonwebtoken_alg(case.alg) else {
        return;
    };
    let (key, _) = jsonwebtoken_keys(case);
    let header = jsonwebtoken::Header::new(alg);
    let claims = full_claims();
    let token = jsonwebtoken::encode(&header, &claims, &key).expect("jsonwebtoken signs");
    case.check("jsonwebtoken", &token);
    let id = (SIGN, "jsonwebtoken", case.alg.name());
    bench_paired(group, id, floor, |iters| {
        timed(iters, || {
            let token = jsonwebtoken::encode(black_box(&header), black_box(&claims), &key);
            black_box(token.expect("signs"));
        })
    });
}

fn jsonwebtoken_verify(group: &mut Group<'_>, case: &Case<'_>, floor: &mut FloorTimer) {
    let Some(alg) = jsonwebtoken_alg(case.alg) else {
        return;
    };
    let (_, key) = jsonwebtoken_keys(case);
    let validation = jsonwebtoken_validation(alg);
    let decoded = jsonwebtoken::decode::<OwnedClaims>(&case.token, &key, &validation)
        .expect("jsonwebtoken accepts our token")
        .claims;
    let c = &decoded;
    assert_eq!(
        (c.id.as_str(), c.name.as_str(), c.fields.user_field.as_str()),
        (ID, NAME, FIELD_VALUE),
        "jsonwebtoken decodes our claims"
    );
    assert_eq!(
        (c.iat, c.exp, c.iss.as_str()),
        (ISSUED_AT, ISSUED_AT + TTL, KEY)
    );
    let id = (VERIFY, "jsonwebtoken", case.alg.name());
    bench_paired(group, id, floor, |iters| {
        timed(iters, || {
            let decoded = jsonwebtoken::decode::<OwnedClaims>(
                black_box(&case.token),
                &key,
                black_box(&validation),
            );
            black_box(decoded.expect("verifies"));
        })
    });
}

// --- jwt-simple ---

type SimpleClaims = jwt_simple::prelude::JWTClaims<CustomClaims<'static>>;
type SimpleSign = Box<dyn Fn(SimpleClaims) -> String>;
type SimpleVerify = Box<dyn Fn(&str, jwt_simple::prelude::VerificationOptions) -> OwnedCustom>;

/// jwt-simple's signing and verifying calls for `alg` (its key types differ per
/// algorithm, the calls do not), from the PKCS#8 and SPKI PEM; it has no ES512.
fn jwt_simple_keys(case: &Case<'_>) -> Option<(SimpleSign, SimpleVerify)> {
    use jwt_simple::prelude::{
        ECDSAP256KeyPairLike as _, ECDSAP256PublicKeyLike as _, ECDSAP384KeyPairLike as _,
        ECDSAP384PublicKeyLike as _, EdDSAKeyPairLike as _, EdDSAPublicKeyLike as _,
        RSAKeyPairLike as _, RSAPublicKeyLike as _,
    };
    use jwt_simple::prelude::{ES256KeyPair, ES256PublicKey, ES384KeyPair, ES384PublicKey};
    use jwt_simple::prelude::{Ed25519KeyPair, Ed25519PublicKey};
    use jwt_simple::prelude::{PS256KeyPair, PS256PublicKey, PS384KeyPair, PS384PublicKey};
    use jwt_simple::prelude::{PS512KeyPair, PS512PublicKey, RS256KeyPair, RS256PublicKey};
    use jwt_simple::prelude::{RS384KeyPair, RS384PublicKey, RS512KeyPair, RS512PublicKey};
    let (private, public) = (&case.key.private_pkcs8_pem, &case.key.public_spki_pem);
    macro_rules! keys {
        ($pair:ident, $public:ident) => {{
            let pair = $pair::from_pem(private).expect("jwt-simple reads the private key");
            let public = $public::from_pem(public).expect("jwt-simple reads the public key");
            let sign: SimpleSign = Box::new(move |claims| pair.sign(claims).expect("signs"));
            let verify: SimpleVerify = Box::new(move |token, options| {
                let claims = public.verify_token::<OwnedCustom>(token, Some(options));
                claims.expect("jwt-simple verifies").custom
            });
            Some((sign, verify))
        }};
    }
    match case.alg {
        Algorithm::Rs256 => keys!(RS256KeyPair, RS256PublicKey),
        Algorithm::Rs384 => keys!(RS384KeyPair, RS384PublicKey),
        Algorithm::Rs512 => keys!(RS512KeyPair, RS512PublicKey),
        Algorithm::Ps256 => keys!(PS256KeyPair, PS256PublicKey),
        Algorithm::Ps384 => keys!(PS384KeyPair, PS384PublicKey),
        Algorithm::Ps512 => keys!(PS512KeyPair, PS512PublicKey),
        Algorithm::Es256 => keys!(ES256KeyPair, ES256PublicKey),
        Algorithm::Es384 => keys!(ES384KeyPair, ES384PublicKey),
        Algorithm::EdDsa => keys!(Ed25519KeyPair, Ed25519PublicKey),
        _ => None,
    }
}

fn jwt_simple_claims() -> SimpleClaims {
    use jwt_simple::prelude::Duration;
    jwt_simple::prelude::JWTClaims {
        issued_at: Some(Duration::from_secs(ISSUED_AT)),
        expires_at: Some(Duration::from_secs(ISSUED_AT + TTL)),
        invalid_before: None,
        issuer: Some(KEY.to_string()),
        subject: None,
        audiences: None,
        jwt_id: None,
        nonce: None,
        custom: custom_claims(false),
    }
}

/// The checks ours makes, at NOW (jwt-simple takes the time as an option): no
/// tolerance, `iss` the workspace key.
fn jwt_simple_options() -> jwt_simple::prelude::VerificationOptions {
    use jwt_simple::prelude::{Duration, UnixTimeStamp, VerificationOptions};
    VerificationOptions {
        allowed_issuers: Some([KEY.to_string()].into()),
        time_tolerance: Some(Duration::from_secs(0)),
        artificial_time: Some(UnixTimeStamp::from_secs(NOW)),
        ..VerificationOptions::default()
    }
}

fn jwt_simple_sign(group: &mut Group<'_>, case: &Case<'_>, floor: &mut FloorTimer) {
    let Some((sign, _)) = jwt_simple_keys(case) else {
        return;
    };
    let claims = jwt_simple_claims();
    case.check("jwt-simple", &sign(claims.clone()));
    // `sign` takes the claims by value: the clones are made before the timed loop.
    bench_paired(
        group,
        (SIGN, "jwt-simple", case.alg.name()),
        floor,
        |iters| {
            let batch: Vec<_> = (0..iters).map(|_| claims.clone()).collect();
            let start = Instant::now();
            for claims in batch {
                black_box(sign(black_box(claims)));
            }
            start.elapsed()
        },
    );
}

fn jwt_simple_verify(group: &mut Group<'_>, case: &Case<'_>, floor: &mut FloorTimer) {
    let Some((_, verify)) = jwt_simple_keys(case) else {
        return;
    };
    let options = jwt_simple_options();
    verify(&case.token, options.clone()).check("jwt-simple");
    // `verify_token` takes the options by value: cloned before the timed loop.
    bench_paired(
        group,
        (VERIFY, "jwt-simple", case.alg.name()),
        floor,
        |iters| {
            let batch: Vec<_> = (0..iters).map(|_| options.clone()).collect();
            let start = Instant::now();
            for options in batch {
                black_box(verify(black_box(&case.token), options));
            }
            start.elapsed()
        },
    );
}

// --- the groups ---

fn ours_sign(group: &mut Group<'_>, case: &Case<'_>, floor: &mut FloorTimer) {
    let customer = quick_start();
    let param = case.alg.name();

    let mut out = String::with_capacity(2 * case.token.len());
    let mint_into = |out: &mut String| {
        out.clear();
        let ws = &case.ws;
        ws.customer_token_into(black_box(&customer), black_box(ISSUED_AT), TTL, out)
            .expect("mints");
    };
    mint_into(&mut out);
    case.check_ours(&out);
    bench_paired(group, (SIGN, "ours_into", param), floor, |iters| {
        timed(iters, || {
            mint_into(&mut out);
            black_box(out.len());
        })
    });

    let mint = || {
        let ws = &case.ws;
        ws.customer_token_at(black_box(&customer), black_box(ISSUED_AT), TTL)
            .expect("mints")
    };
    case.check_ours(&mint());
    bench_paired(group, (SIGN, "ours_string", param), floor, |iters| {
        timed(iters, || {
            black_box(mint());
        })
    });
}

fn ours_verify(group: &mut Group<'_>, case: &Case<'_>, floor: &mut FloorTimer) {
    // Case::new checked that our verifier accepts the token.
    bench_paired(group, (VERIFY, "ours", case.alg.name()), floor, |iters| {
        timed(iters, || {
            let claims = case.verifier.verify(black_box(&case.token), black_box(NOW));
            black_box(claims.expect("verifies"));
        })
    });
}

fn sign(c: &mut Criterion) {
    let keys = test_keys();
    let mut group = c.benchmark_group(SIGN);
    group.throughput(Throughput::Elements(1));
    for (alg, key) in CASES {
        let case = Case::new(alg, &keys[key]);
        let mut floor = floor_bench(&mut group, alg, floors(&case).sign);
        ours_sign(&mut group, &case, &mut floor);
        jsonwebtoken_sign(&mut group, &case, &mut floor);
        jwt_simple_sign(&mut group, &case, &mut floor);
    }
    group.finish();
}

fn verify(c: &mut Criterion) {
    let keys = test_keys();
    let mut group = c.benchmark_group(VERIFY);
    group.throughput(Throughput::Elements(1));
    for (alg, key) in CASES {
        let case = Case::new(alg, &keys[key]);
        let mut floor = floor_bench(&mut group, alg, floors(&case).verify);
        ours_verify(&mut group, &case, &mut floor);
        jsonwebtoken_verify(&mut group, &case, &mut floor);
        jwt_simple_verify(&mut group, &case, &mut floor);
    }
    group.finish();
}

criterion_group!(benches, sign, verify);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    write_paired("paired-asym.json");
}
