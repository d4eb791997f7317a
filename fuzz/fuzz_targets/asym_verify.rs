//! Invariant: any bytes (UTF-8, lossily) as a token to a public-key verifier for each
//! TEST key and algorithm (RSA 2048 with RS256, rotating to an RSA 3072 previous key,
//! and with PS256; P-256 ES256, P-384 ES384, P-521 ES512, Ed25519 EdDSA), every
//! token tried against every verifier: never panics, and whatever is accepted passes
//! the checks of `assert_accepted_with`: exactly 3 segments, a signature segment that
//! base64ct decodes strictly, a header whose `alg` is the pinned algorithm,
//! `decode_unverified` agreeing, and above all a signature that the RustCrypto crate,
//! called directly with a key it loaded itself (see `src/asym.rs`), verifies over the
//! same `header "." payload` bytes with (one of) the same key(s).
//!
//! Why: the library's own tests prove that good tokens verify; this proves that nothing
//! else does: no confusion of algorithm, key, signing input or signature bytes between
//! the token's text and the crate doing the mathematics.
//!
//! The verifiers are lenient about claims (`exp` optional, no issuer check), so that
//! the seeds, the reference vectors of six libraries (`fuzz/corpus/asym_verify/`),
//! reach the accepting path; the claim checks are the HMAC verifier's, which the
//! `verify` target drives.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use membrane_token::{Algorithm, IssuerCheck, PublicKey, Verifier};
use membrane_token_fuzz::asym::{self, PREVIOUS_RS256_KEY};
use membrane_token_fuzz::{assert_accepted_with, KEY, NOW};

/// One verifier: its algorithm, the TEST keys it holds, and the verifier itself.
struct Case {
    alg: Algorithm,
    keys: Vec<&'static str>,
    verifier: Verifier,
}

fn cases() -> &'static [Case] {
    static CASES: OnceLock<Vec<Case>> = OnceLock::new();
    CASES.get_or_init(|| {
        asym::ALGORITHMS
            .iter()
            .map(|&(alg, name)| {
                let mut keys = vec![name];
                let mut verifier =
                    Verifier::with_public_key(KEY, asym::public_key(alg).clone(), alg)
                        .expect("TEST key pairs with its algorithm")
                        .require_exp(false)
                        .issuer_check(IssuerCheck::Skip);
                if alg == Algorithm::Rs256 {
                    let pem = asym::key_form(PREVIOUS_RS256_KEY, "public_spki_pem");
                    let previous = pem.and_then(|pem| PublicKey::from_pem(&pem).ok());
                    verifier = verifier
                        .previous_public_key(previous.expect("the RSA 3072 TEST key"))
                        .expect("RSA 3072 verifies RS256");
                    keys.push(PREVIOUS_RS256_KEY);
                }
                Case {
                    alg,
                    keys,
                    verifier,
                }
            })
            .collect()
    })
}

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    for case in cases() {
        if let Ok(claims) = case.verifier.verify(&token, NOW) {
            assert_accepted_with(&token, case.alg, &claims, |input, signature| {
                let verifies = |key: &&str| asym::direct_verify(case.alg, key, input, signature);
                case.keys.iter().any(verifies)
            });
        }
    }
});
