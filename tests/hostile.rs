//! A corpus of structurally hostile tokens, most of them correctly signed, each with the
//! exact error the verifier must give. Signatures are computed with the `hmac` crate
//! directly, not through the crate under test.

mod common;
use common::*;
use membrane_token::{Algorithm, Error, ForeignAlgorithm, Part, Profile, Workspace};

const SECRET: &[u8] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const HEADER: &str = r#"{"alg":"HS256","typ":"JWT"}"#;
const GOOD: &str = r#"{"id":"u-1","iss":"ws_7f3c2a9e","exp":1800000000}"#;

fn ws() -> Workspace {
    workspace(
        std::str::from_utf8(SECRET).unwrap(),
        Algorithm::Hs256,
        Profile::Node,
    )
}

fn hs(header: &str, payload: &str) -> String {
    signed(
        SECRET,
        Algorithm::Hs256,
        header.as_bytes(),
        payload.as_bytes(),
    )
}

fn hs_bytes(header: &[u8], payload: &[u8]) -> String {
    signed(SECRET, Algorithm::Hs256, header, payload)
}

/// A payload with `claim` set to the raw JSON `value` (added after the good claims).
fn with(claim_json: &str) -> String {
    hs(
        HEADER,
        &format!(r#"{{"id":"u-1","iss":"ws_7f3c2a9e","exp":1800000000,{claim_json}}}"#),
    )
}

/// A correctly signed token whose segment `which` (0 header, 1 payload) is replaced by
/// `text` before signing.
fn raw_segment(which: usize, text: &str) -> String {
    let mut segs = [b64url(HEADER.as_bytes()), b64url(GOOD.as_bytes())];
    segs[which] = text.to_owned();
    signed_text(
        SECRET,
        Algorithm::Hs256,
        &format!("{}.{}", segs[0], segs[1]),
    )
}

fn nested(depth: usize) -> String {
    format!(
        r#"{{"iss":"ws_7f3c2a9e","exp":1800000000,"x":{}1{}}}"#,
        "[".repeat(depth),
        "]".repeat(depth)
    )
}

/// Any JSON syntax error in `part`: the position is the parser's business.
fn json_error(part: Part) -> Error {
    Error::InvalidJson {
        part,
        line: 0,
        column: 0,
    }
}

/// Equality that ignores where in the JSON a syntax error was found.
fn same(got: &Error, want: &Error) -> bool {
    match (got, want) {
        (Error::InvalidJson { part: a, .. }, Error::InvalidJson { part: b, .. }) => a == b,
        _ => got == want,
    }
}

fn claim_err(claim: &'static str, expected: &'static str) -> Error {
    Error::InvalidClaim { claim, expected }
}

const TIME: &str = "an integer from 0 to 253402300799";

fn corpus() -> Vec<(&'static str, String, Error)> {
    use Error::*;
    let unsupported = |member| UnsupportedHeader { member };
    let huge_header = hs(
        &format!(r#"{{"alg":"HS256","x":"{}"}}"#, "a".repeat(20_000)),
        GOOD,
    );
    vec![
        ("empty", String::new(), EmptyToken),
        ("one dot", ".".into(), SegmentCount { found: 2 }),
        ("only dots", "..".into(), EmptySegment(Part::Header)),
        ("three dots", "...".into(), SegmentCount { found: 4 }),
        (
            "two segments",
            "eyJhbGciOiJIUzI1NiJ9.e30".into(),
            SegmentCount { found: 2 },
        ),
        (
            "3 MB token",
            format!("{}.{}.AAAA", "A".repeat(3 << 20), "A"),
            TooLarge {
                len: (3 << 20) + 7,
                max: 16384,
            },
        ),
        (
            "huge header",
            huge_header.clone(),
            TooLarge {
                len: huge_header.len(),
                max: 16384,
            },
        ),
        (
            "deep payload",
            hs(HEADER, &nested(100)),
            TooDeep {
                part: Part::Payload,
                max: 32,
            },
        ),
        (
            "deep header",
            hs(
                &format!(
                    r#"{{"alg":"HS256","x":{}0{}}}"#,
                    "{\"a\":".repeat(40),
                    "}".repeat(40)
                ),
                GOOD,
            ),
            TooDeep {
                part: Part::Header,
                max: 32,
            },
        ),
        (
            "invalid UTF-8 payload",
            hs_bytes(HEADER.as_bytes(), b"{\"iss\":\"\xff\xfe\"}"),
            InvalidUtf8(Part::Payload),
        ),
        (
            "invalid UTF-8 header",
            hs_bytes(b"{\"alg\":\"HS256\xc0\"}", GOOD.as_bytes()),
            InvalidUtf8(Part::Header),
        ),
        (
            "NUL after payload",
            hs_bytes(HEADER.as_bytes(), b"{\"exp\":1800000000}\0"),
            json_error(Part::Payload),
        ),
        (
            "NUL inside string",
            hs_bytes(HEADER.as_bytes(), b"{\"id\":\"a\0b\",\"exp\":1800000000}"),
            json_error(Part::Payload),
        ),
        (
            "payload array",
            hs(HEADER, "[1,2]"),
            NotAnObject(Part::Payload),
        ),
        (
            "payload string",
            hs(HEADER, "\"ws_7f3c2a9e\""),
            NotAnObject(Part::Payload),
        ),
        (
            "payload null",
            hs(HEADER, "null"),
            NotAnObject(Part::Payload),
        ),
        (
            "header array",
            hs(r#"["HS256"]"#, GOOD),
            NotAnObject(Part::Header),
        ),
        (
            "BOM before payload",
            hs(HEADER, &format!("\u{feff}{GOOD}")),
            json_error(Part::Payload),
        ),
        (
            "trailing data",
            hs(HEADER, &format!("{GOOD} {{}}")),
            json_error(Part::Payload),
        ),
        (
            "alg missing",
            hs(r#"{"typ":"JWT"}"#, GOOD),
            MissingAlgorithm,
        ),
        ("alg number", hs(r#"{"alg":256}"#, GOOD), MissingAlgorithm),
        ("alg null", hs(r#"{"alg":null}"#, GOOD), MissingAlgorithm),
        (
            "alg none",
            hs(r#"{"alg":"none"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::None),
        ),
        (
            "alg None",
            hs(r#"{"alg":"None"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::None),
        ),
        (
            "alg NONE",
            hs(r#"{"alg":"NONE"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::None),
        ),
        (
            "alg lower-case hs256",
            hs(r#"{"alg":"hs256"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::Unknown),
        ),
        (
            "alg RS256",
            hs(r#"{"alg":"RS256"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric),
        ),
        (
            "alg ES256",
            hs(r#"{"alg":"ES256"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric),
        ),
        (
            "alg EdDSA",
            hs(r#"{"alg":"EdDSA"}"#, GOOD),
            UnsupportedAlgorithm(ForeignAlgorithm::Asymmetric),
        ),
        (
            "alg HS512 under HS256 MAC",
            hs(r#"{"alg":"HS512"}"#, GOOD),
            AlgorithmMismatch {
                expected: Algorithm::Hs256,
                found: Algorithm::Hs512,
            },
        ),
        (
            "crit",
            hs(r#"{"alg":"HS256","crit":["exp"],"exp":1}"#, GOOD),
            unsupported("crit"),
        ),
        (
            "b64 false",
            hs(r#"{"alg":"HS256","b64":false,"crit":["b64"]}"#, GOOD),
            unsupported("b64"),
        ),
        (
            "jku",
            hs(
                r#"{"alg":"HS256","jku":"https://attacker.example/jwks"}"#,
                GOOD,
            ),
            unsupported("jku"),
        ),
        (
            "jwk",
            hs(r#"{"alg":"HS256","jwk":{"kty":"oct","k":"AA"}}"#, GOOD),
            unsupported("jwk"),
        ),
        (
            "x5u",
            hs(
                r#"{"alg":"HS256","x5u":"https://attacker.example/c"}"#,
                GOOD,
            ),
            unsupported("x5u"),
        ),
        (
            "x5c",
            hs(r#"{"alg":"HS256","x5c":["MIIB"]}"#, GOOD),
            unsupported("x5c"),
        ),
        (
            "cty JWT (nested)",
            hs(r#"{"alg":"HS256","cty":"JWT"}"#, GOOD),
            unsupported("cty"),
        ),
        (
            "typ not JWT",
            hs(r#"{"alg":"HS256","typ":"at+jwt"}"#, GOOD),
            unsupported("typ"),
        ),
        (
            "kid number",
            hs(r#"{"alg":"HS256","kid":7}"#, GOOD),
            unsupported("kid"),
        ),
        (
            "duplicate alg",
            hs(r#"{"alg":"HS256","alg":"none"}"#, GOOD),
            DuplicateMember(Part::Header),
        ),
        (
            "duplicate exp",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":1800000000,"exp":1}"#),
            DuplicateMember(Part::Payload),
        ),
        (
            "duplicate via escape",
            hs(
                HEADER,
                r#"{"iss":"ws_7f3c2a9e","exp":1800000000,"\u0065xp":1}"#,
            ),
            DuplicateMember(Part::Payload),
        ),
        (
            "duplicate nested",
            hs(
                HEADER,
                r#"{"iss":"ws_7f3c2a9e","exp":1800000000,"fields":{"a":1,"a":2}}"#,
            ),
            DuplicateMember(Part::Payload),
        ),
        (
            "exp string",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":"1800000000"}"#),
            claim_err("exp", TIME),
        ),
        (
            "exp float",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":1800000000.5}"#),
            claim_err("exp", TIME),
        ),
        (
            "exp whole float",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":1.8e9}"#),
            claim_err("exp", TIME),
        ),
        (
            "exp negative",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":-1}"#),
            claim_err("exp", TIME),
        ),
        (
            "exp past year 9999",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":253402300800}"#),
            claim_err("exp", TIME),
        ),
        (
            "exp beyond u64",
            hs(
                HEADER,
                r#"{"iss":"ws_7f3c2a9e","exp":18446744073709551616}"#,
            ),
            claim_err("exp", TIME),
        ),
        (
            "exp true",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":true}"#),
            claim_err("exp", TIME),
        ),
        (
            "exp missing",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e"}"#),
            MissingClaim {
                claim: "exp".into(),
            },
        ),
        (
            "expired",
            hs(HEADER, r#"{"iss":"ws_7f3c2a9e","exp":1799992999}"#),
            Expired {
                exp: 1_799_992_999,
                now: NOW,
            },
        ),
        (
            "nbf in the future",
            with(r#""nbf":1799993001"#),
            NotYetValid {
                nbf: 1_799_993_001,
                now: NOW,
            },
        ),
        ("nbf float", with(r#""nbf":1.5"#), claim_err("nbf", TIME)),
        (
            "iat in the future",
            with(r#""iat":1799999999"#),
            IssuedInFuture {
                iat: 1_799_999_999,
                now: NOW,
            },
        ),
        ("iat string", with(r#""iat":"now""#), claim_err("iat", TIME)),
        (
            "wrong iss",
            hs(HEADER, r#"{"iss":"ws_other","exp":1800000000}"#),
            WrongIssuer,
        ),
        (
            "iss number",
            hs(HEADER, r#"{"iss":7,"exp":1800000000}"#),
            claim_err("iss", "a string"),
        ),
        (
            "no issuer at all",
            hs(HEADER, r#"{"id":"u-1","exp":1800000000}"#),
            MissingClaim {
                claim: "iss".into(),
            },
        ),
        (
            "wrong workspaceKey",
            hs(HEADER, r#"{"workspaceKey":"ws_other","exp":1800000000}"#),
            WrongIssuer,
        ),
        (
            "iss right, workspaceKey wrong",
            with(r#""workspaceKey":"ws_other""#),
            WrongIssuer,
        ),
        (
            "isAdmin as string",
            with(r#""isAdmin":"true""#),
            claim_err("isAdmin", "a boolean"),
        ),
        (
            "fields array",
            with(r#""fields":[1]"#),
            claim_err("fields", "an object"),
        ),
        (
            "sub number",
            with(r#""sub":1"#),
            claim_err("sub", "a string"),
        ),
        (
            "padded header",
            raw_segment(0, &format!("{}==", b64url(br#"{"alg":"HS256"}"#))),
            InvalidBase64(Part::Header),
        ),
        (
            "standard alphabet in payload",
            raw_segment(1, "eyJ+/30"),
            InvalidBase64(Part::Payload),
        ),
        (
            "space in payload",
            raw_segment(1, "eyJ pc3MiOiJ3c183ZjNjMmE5ZSJ9"),
            InvalidBase64(Part::Payload),
        ),
        (
            "newline in header",
            raw_segment(0, "eyJhbGciOiJIUzI1NiJ9\n"),
            InvalidBase64(Part::Header),
        ),
        (
            "length 1 mod 4",
            raw_segment(1, "eyJhb"),
            InvalidBase64(Part::Payload),
        ),
        (
            "non-canonical header",
            raw_segment(0, &non_canonical(r#"{"alg":"HS256" }"#)),
            NonCanonicalBase64(Part::Header),
        ),
        (
            "non-canonical payload",
            raw_segment(1, &non_canonical(GOOD)),
            NonCanonicalBase64(Part::Payload),
        ),
        (
            "signature too long",
            format!(
                "{}.{}",
                b64url(HEADER.as_bytes()) + "." + &b64url(GOOD.as_bytes()),
                b64url(&[7u8; 128])
            ),
            InvalidSignature,
        ),
        (
            "signature of wrong key",
            signed(
                b"another secret of thirty-two bytes!",
                Algorithm::Hs256,
                HEADER.as_bytes(),
                GOOD.as_bytes(),
            ),
            InvalidSignature,
        ),
    ]
}

/// The base64url of `text` with its final character's unused low bits set.
fn non_canonical(text: &str) -> String {
    let enc = b64url(text.as_bytes());
    assert_ne!(enc.len() % 4, 0, "needs a partial final group");
    let alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let last = enc.chars().last().unwrap();
    let idx = alphabet.find(last).unwrap();
    format!("{}{}", &enc[..enc.len() - 1], &alphabet[idx | 1..=idx | 1])
}

#[test]
fn hostile_corpus_is_refused_with_the_exact_error() {
    let ws = ws();
    let corpus = corpus();
    assert!(corpus.len() >= 40, "{}", corpus.len());
    eprintln!("hostile corpus: {} tokens", corpus.len());
    let mut wrong = Vec::new();
    for (name, token, want) in &corpus {
        let got = ws.verify(token, NOW);
        if !got.as_ref().is_err_and(|e| same(e, want)) {
            wrong.push(format!("{name}: got {got:?}, want {want:?}"));
        }
    }
    assert!(wrong.is_empty(), "{}", wrong.join("\n"));
}

#[test]
fn the_good_token_of_the_corpus_is_accepted() {
    // Guards the corpus: its tokens fail for the named reason, not for a broken helper.
    assert!(ws().verify(&hs(HEADER, GOOD), NOW).is_ok());
    assert!(ws()
        .verify(&with(r#""nbf":1799993000,"iat":1799993000"#), NOW)
        .is_ok());
}

#[test]
fn errors_never_echo_token_text() {
    for (name, token, _) in corpus() {
        if let Err(e) = ws().verify(&token, NOW) {
            let text = e.to_string();
            assert!(text.len() < 120, "{name}: {text}");
            assert!(
                !text.contains("attacker") && !text.contains("ws_other"),
                "{name}: {text}"
            );
        }
    }
}
