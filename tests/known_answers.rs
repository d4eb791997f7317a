//! Standard test data through the public API: RFC 7515 appendix A.1 (the HS256 JWS
//! example) reproduced exactly by the raw signing path and accepted by the verifier.
//! (RFC 4231's HMAC vectors run against the keyed state in `src/sig/hmac.rs`.)

mod common;
use common::*;
use membrane_token::{Algorithm, Error, IssuerCheck, Verifier, Workspace};

fn hex(s: &str) -> Vec<u8> {
    (0..s.len())
        .step_by(2)
        .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
        .collect()
}

#[test]
fn rfc7515_a1_reproduced_by_the_raw_path() {
    let a1 = load("rfc7515-a1.json");
    let key = b64url_decode(str_of(&a1, "jwk_k"));
    assert_eq!(key, hex(str_of(&a1, "key_hex")));
    let header = hex(str_of(&a1, "header_bytes_hex"));
    let payload = hex(str_of(&a1, "payload_bytes_hex"));
    assert!(
        header.windows(2).any(|w| w == b"\r\n"),
        "the RFC's CRLFs are kept"
    );
    let ws = Workspace::new("joe", &key, Algorithm::Hs256).unwrap();
    let token = ws.sign_raw(&header, &payload);
    assert_eq!(token, str_of(&a1, "jws_compact"));
    assert!(token.starts_with(str_of(&a1, "signing_input")));

    // The example's exp (1300819380) is in 2011; its iss is "joe".
    let claims = ws.verify(&token, 1_300_819_379).unwrap();
    assert_eq!(claims.iss(), Some("joe"));
    assert_eq!(
        claims
            .get("http://example.com/is_root")
            .and_then(|v| v.as_bool()),
        Some(true)
    );
    assert_eq!(
        ws.verify(&token, 1_300_819_380),
        Err(Error::Expired {
            exp: 1_300_819_380,
            now: 1_300_819_380
        })
    );
    let other = Workspace::new("not-joe", &key, Algorithm::Hs256).unwrap();
    assert_eq!(other.verify(&token, 1_300_000_000), Err(Error::WrongIssuer));
    let lenient = Verifier::new(&other).issuer_check(IssuerCheck::Skip);
    assert!(lenient.verify(&token, 1_300_000_000).is_ok());
}
