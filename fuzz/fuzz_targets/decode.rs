//! Invariant: `decode_unverified` never panics, and what it returns agrees with an
//! independent reading: the token has three segments, header and payload decode with
//! base64ct's strict decoder, are JSON objects to serde_json equal to the returned maps,
//! and nest at most 32 deep (the documented limit).
#![no_main]

use libfuzzer_sys::fuzz_target;
use membrane_token::{decode_unverified, Value};
use membrane_token_fuzz::{segments, text_depth, unb64, MAX_DEPTH, MAX_TOKEN_LEN};

fuzz_target!(|data: &[u8]| {
    let token = String::from_utf8_lossy(data);
    let Ok(decoded) = decode_unverified(&token) else {
        return;
    };
    assert!(token.len() <= MAX_TOKEN_LEN);
    let parts = segments(&token);
    assert_eq!(parts.len(), 3, "decoded a token without exactly 3 segments");
    for (segment, map) in [(parts[0], decoded.header), (parts[1], decoded.payload)] {
        let bytes = unb64(segment).expect("decoded a segment base64ct refuses");
        let text = std::str::from_utf8(&bytes).expect("decoded a segment that is not UTF-8");
        assert!(
            text_depth(text) <= MAX_DEPTH,
            "decoded JSON nested deeper than 32"
        );
        let theirs: serde_json::Value = serde_json::from_str(text).expect("serde_json refuses");
        let ours = serde_json::to_value(Value::Object(map)).expect("to serde_json");
        assert_eq!(ours, theirs, "decode_unverified disagrees with serde_json");
    }
});
