//! Invariant: `Workspace::verify` (strict) and a lenient rotating `Verifier` never panic
//! on any token, and whatever they accept is a genuine token of the fixed secret(s):
//! three segments, a signature that base64ct decodes strictly and that equals
//! HMAC(secret, header "." payload) computed with the `hmac` crate, a header whose `alg`
//! is the pinned algorithm, and `decode_unverified` returning the same header and claims.
//! The strict verifier additionally only accepts `exp > now` and issuer == workspace key.
#![no_main]

use libfuzzer_sys::fuzz_target;
use membrane_token::Algorithm;
use membrane_token_fuzz::{
    assert_accepted, relaxed_verifier, workspace, KEY, NOW, OLD_SECRET, SECRET,
};

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    for alg in Algorithm::HMAC {
        if let Ok(claims) = workspace(alg).verify(&token, NOW) {
            assert_accepted(&token, alg, &[SECRET], &claims);
            assert!(claims.exp().is_some_and(|exp| exp > NOW), "strict: exp");
            assert_eq!(
                claims.iss().or(claims.workspace_key()),
                Some(KEY),
                "strict: issuer"
            );
        }
        if let Ok(claims) = relaxed_verifier(alg).verify(&token, NOW) {
            assert_accepted(&token, alg, &[SECRET, OLD_SECRET], &claims);
        }
    }
});
