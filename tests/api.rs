//! The public API's promises: key policy, redaction, errors for bad input, the
//! verifier's options, secret rotation and Membrane's request tokens.

mod common;
use common::*;
use membrane_token::{
    decode_unverified, Algorithm, Customer, Error, IssuerCheck, KeyPolicy, Map, Number, Part,
    Profile, RequestVerifier, Secret, Tenant, Value, Verifier, Workspace,
};

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const OLD_SECRET: &[u8; 64] = b"0000000000000000111111111111111122222222222222223333333333333333";
const T0: u64 = 1_799_992_800;

fn ws(alg: Algorithm) -> Workspace {
    Workspace::new(KEY, SECRET, alg).unwrap()
}

#[test]
fn algorithm_defaults_to_hs512_and_parses_names() {
    assert_eq!(Algorithm::default(), Algorithm::Hs512);
    assert_eq!("hs256".parse::<Algorithm>(), Ok(Algorithm::Hs256));
    assert_eq!("rs256".parse::<Algorithm>(), Ok(Algorithm::Rs256));
    assert!("ES256K".parse::<Algorithm>().is_err());
    assert_eq!(
        Algorithm::from_name("hs256"),
        None,
        "header names are case-sensitive"
    );
}

#[test]
fn workspace_is_send_sync_and_shared_by_reference() {
    fn shared<T: Send + Sync + 'static>() {}
    shared::<Workspace>();
    shared::<Verifier>();
    shared::<RequestVerifier>();
    let ws = std::sync::Arc::new(ws(Algorithm::Hs256));
    let tokens: Vec<String> = (0..4)
        .map(|i| {
            let ws = ws.clone();
            std::thread::spawn(move || {
                ws.customer_token_at(&Customer::new(format!("c-{i}"), "n"), T0, 60)
                    .unwrap()
            })
        })
        .map(|t| t.join().unwrap())
        .collect();
    for (i, token) in tokens.iter().enumerate() {
        assert_eq!(
            ws.verify(token, T0).unwrap().id(),
            Some(format!("c-{i}").as_str())
        );
    }
}

#[test]
fn short_secrets_are_refused_unless_allowed() {
    for alg in Algorithm::HMAC {
        let min = alg.output_len();
        let short = vec![b'k'; min - 1];
        assert_eq!(
            Workspace::new(KEY, &short, alg).err(),
            Some(Error::WeakKey {
                alg,
                len: min - 1,
                min
            })
        );
        assert!(Workspace::with_key_policy(KEY, &short, alg, KeyPolicy::AllowWeak).is_ok());
        assert!(Workspace::new(KEY, &vec![b'k'; min], alg).is_ok());
    }
    let msg = Workspace::new(KEY, b"short", Algorithm::Hs256)
        .unwrap_err()
        .to_string();
    assert!(msg.contains("at least 32"), "{msg}");
    assert_eq!(
        Workspace::with_key_policy(KEY, b"", Algorithm::Hs256, KeyPolicy::AllowWeak).err(),
        Some(Error::EmptySecret)
    );
    assert_eq!(
        Workspace::new("", SECRET, Algorithm::Hs256).err(),
        Some(Error::InvalidWorkspaceKey)
    );
}

#[test]
fn debug_output_never_shows_the_secret() {
    let secret_text = std::str::from_utf8(SECRET).unwrap();
    let ws = ws(Algorithm::Hs512);
    let verifier = Verifier::new(&ws).previous_secret(OLD_SECRET).unwrap();
    let request = RequestVerifier::new(KEY, SECRET).unwrap();
    let secret = Secret::from_slice(SECRET);
    for shown in [
        format!("{ws:?}"),
        format!("{ws:#?}"),
        format!("{verifier:?}"),
        format!("{request:?}"),
        format!("{secret:?}"),
    ] {
        assert!(!shown.contains(secret_text), "{shown}");
        assert!(!shown.contains("3d1f9c7b"), "{shown}");
        assert!(!shown.contains("00000000"), "{shown}");
    }
    assert!(format!("{ws:?}").contains(KEY));
}

#[test]
fn errors_never_contain_the_secret() {
    let ws = ws(Algorithm::Hs256);
    let token = ws.admin_token_at(T0, 60).unwrap();
    let wrong = Workspace::new(KEY, OLD_SECRET, Algorithm::Hs256).unwrap();
    for err in [
        wrong.verify(&token, T0).unwrap_err(),
        ws.verify(&token, T0 + 61).unwrap_err(),
        Workspace::new(KEY, &SECRET[..10], Algorithm::Hs256).unwrap_err(),
    ] {
        let text = format!("{err} {err:?}");
        assert!(
            !text.contains("3d1f9c7b") && !text.contains("0000000000"),
            "{text}"
        );
    }
}

#[test]
fn non_finite_floats_are_refused_and_out_is_untouched() {
    let ws = ws(Algorithm::Hs256);
    for bad in [f64::NAN, f64::INFINITY, f64::NEG_INFINITY] {
        let customer = Customer::new("c", "n").field("x", bad);
        let mut out = String::from("keep");
        assert_eq!(
            ws.customer_token_into(&customer, T0, 60, &mut out),
            Err(Error::NonFiniteNumber)
        );
        assert_eq!(out, "keep");
        let tenant = Tenant::new("t").field("nested", Value::from(vec![Value::from(bad)]));
        assert_eq!(
            ws.tenant_token_at(&tenant, T0, 60),
            Err(Error::NonFiniteNumber)
        );
    }
    assert_eq!(ws.admin_token_at(u64::MAX, 1), Err(Error::TimeOverflow));
}

#[test]
fn integers_are_exact_over_the_whole_range() {
    let ws = ws(Algorithm::Hs256).with_profile(Profile::Python);
    let customer = Customer::new("c", "n")
        .field("umax", u64::MAX)
        .field("imin", i64::MIN)
        .field("imax", i64::MAX)
        .field("zero", 0u8)
        .field("neg", -1i32);
    let token = ws.customer_token_at(&customer, T0, 60).unwrap();
    let payload = String::from_utf8(b64url_decode(token.split('.').nth(1).unwrap())).unwrap();
    assert!(payload.contains(
        r#""fields":{"umax":18446744073709551615,"imin":-9223372036854775808,"imax":9223372036854775807,"zero":0,"neg":-1}"#
    ), "{payload}");
    let claims = ws.verify(&token, T0).unwrap();
    let fields = claims.fields().unwrap();
    assert_eq!(
        fields.get("umax"),
        Some(&Value::Number(Number::U64(u64::MAX)))
    );
    assert_eq!(
        fields.get("imin"),
        Some(&Value::Number(Number::I64(i64::MIN)))
    );
}

#[test]
fn fields_keep_call_order_and_nested_order() {
    let ws = ws(Algorithm::Hs256);
    let nested: Map = [("z", Value::from(1)), ("a", Value::from(2))]
        .into_iter()
        .collect();
    let customer = Customer::new("c", "n")
        .field("zeta", "1")
        .field("alpha", nested)
        .field("json", serde_json::json!({"b": 1, "a": [true, null]}))
        .field("zeta", "replaced in place");
    let token = ws.customer_token_at(&customer, T0, 60).unwrap();
    let payload = String::from_utf8(b64url_decode(token.split('.').nth(1).unwrap())).unwrap();
    assert_eq!(
        payload,
        format!(
            r#"{{"id":"c","name":"n","fields":{{"zeta":"replaced in place","alpha":{{"z":1,"a":2}},"json":{{"a":[true,null],"b":1}}}},"iat":{T0},"exp":{},"iss":"{KEY}"}}"#,
            T0 + 60
        )
    );
}

#[test]
fn sign_json_keeps_document_order_and_refuses_bad_input() {
    let ws = ws(Algorithm::Hs256);
    let token = ws.sign_json(r#"{"b":{"y":1,"x":2},"a":1}"#).unwrap();
    let payload = b64url_decode(token.split('.').nth(1).unwrap());
    assert_eq!(payload, br#"{"b":{"y":1,"x":2},"a":1}"#);
    assert_eq!(
        ws.sign_json("[1]").err(),
        Some(Error::NotAnObject(Part::Input))
    );
    assert_eq!(
        ws.sign_json(r#"{"a":1,"a":2}"#).err(),
        Some(Error::DuplicateMember(Part::Input))
    );
    assert!(matches!(
        ws.sign_json("{"),
        Err(Error::InvalidInputJson { line: 1, .. })
    ));
}

#[test]
fn rotation_accepts_previous_secrets_only_when_configured() {
    let new = ws(Algorithm::Hs512);
    let old = Workspace::new(KEY, OLD_SECRET, Algorithm::Hs512).unwrap();
    let old_token = old.admin_token_at(T0, 600).unwrap();
    let new_token = new.admin_token_at(T0, 600).unwrap();
    let strict = Verifier::new(&new);
    assert_eq!(
        strict.verify(&old_token, T0).err(),
        Some(Error::InvalidSignature)
    );
    let rotating = Verifier::new(&new).previous_secret(OLD_SECRET).unwrap();
    assert!(rotating.verify(&old_token, T0).unwrap().is_admin());
    assert!(rotating.verify(&new_token, T0).unwrap().is_admin());
    let third = Workspace::new(KEY, &[b'z'; 64], Algorithm::Hs512).unwrap();
    let third_token = third.admin_token_at(T0, 600).unwrap();
    assert_eq!(
        rotating.verify(&third_token, T0).err(),
        Some(Error::InvalidSignature)
    );
    assert!(Verifier::new(&new).previous_secret(b"short").is_err());
}

#[test]
fn verifier_options() {
    let ws = ws(Algorithm::Hs256);
    let token = ws
        .tenant_token_at(&Tenant::new("t-1").name("T"), T0, 60)
        .unwrap();
    let v = Verifier::new(&ws);
    assert_eq!(
        v.verify(&token, T0 + 60).err(),
        Some(Error::Expired {
            exp: T0 + 60,
            now: T0 + 60
        })
    );
    assert!(v.clone().leeway(5).verify(&token, T0 + 64).is_ok());
    assert!(v.clone().leeway(5).verify(&token, T0 + 65).is_err());
    assert_eq!(
        v.verify(&token, T0 - 1).err(),
        Some(Error::IssuedInFuture {
            iat: T0,
            now: T0 - 1
        })
    );
    assert!(v.clone().leeway(1).verify(&token, T0 - 1).is_ok());
    assert_eq!(
        v.clone().require_claim("sub").verify(&token, T0).err(),
        Some(Error::MissingClaim {
            claim: "sub".into()
        })
    );
    assert!(v
        .clone()
        .require_claim("tenantKey")
        .verify(&token, T0)
        .is_ok());
    assert_eq!(
        v.clone()
            .issuer_check(IssuerCheck::Iss)
            .verify(&token, T0)
            .err(),
        Some(Error::MissingClaim {
            claim: "iss".into()
        })
    );
    assert!(v
        .clone()
        .issuer_check(IssuerCheck::WorkspaceKey)
        .verify(&token, T0)
        .is_ok());
    assert_eq!(
        v.clone().max_token_len(100).verify(&token, T0).err(),
        Some(Error::TooLarge {
            len: token.len(),
            max: 100
        })
    );
    let no_exp = ws.sign_json(&format!(r#"{{"iss":"{KEY}"}}"#)).unwrap();
    assert_eq!(
        v.verify(&no_exp, T0).err(),
        Some(Error::MissingClaim {
            claim: "exp".into()
        })
    );
    assert!(v.clone().require_exp(false).verify(&no_exp, T0).is_ok());
    let deep = ws
        .sign_json(&format!(
            r#"{{"iss":"{KEY}","exp":{},"x":[[[[1]]]]}}"#,
            T0 + 9
        ))
        .unwrap();
    assert!(v.verify(&deep, T0).is_ok());
    assert_eq!(
        v.clone().max_depth(3).verify(&deep, T0).err(),
        Some(Error::TooDeep {
            part: Part::Payload,
            max: 3
        })
    );
}

#[test]
fn typed_claims() {
    let ws = ws(Algorithm::Hs384);
    let t = ws
        .tenant_token_at(
            &Tenant::new("t-9").name("Nine").field("plan", "pro"),
            T0,
            60,
        )
        .unwrap();
    let c = ws.verify(&t, T0).unwrap();
    assert_eq!(c.workspace_key(), Some(KEY));
    assert_eq!(c.tenant_key(), Some("t-9"));
    assert_eq!(c.name(), Some("Nine"));
    assert_eq!(
        c.fields()
            .and_then(|f| f.get("plan").cloned())
            .and_then(|v| v.as_str().map(str::to_owned)),
        Some("pro".to_owned())
    );
    assert_eq!((c.iat(), c.exp(), c.nbf()), (Some(T0), Some(T0 + 60), None));
    assert!(!c.is_admin());
    assert_eq!(c.iss(), None);
    assert_eq!(c.header().get("typ").and_then(Value::as_str), Some("JWT"));
    let a = ws.verify(&ws.admin_token_at(T0, 60).unwrap(), T0).unwrap();
    assert!(a.is_admin());
    assert_eq!(a.tenant_key(), None);
    let w = ws
        .verify(&ws.workspace_token_at(T0, 60).unwrap(), T0)
        .unwrap();
    assert_eq!(w.payload().len(), 3);
}

/// Claims are read from the token's own JSON text: raw values exactly as written,
/// escaped names and strings unescaped, the order of the token kept.
#[test]
fn claims_read_the_token_text() {
    let ws = ws(Algorithm::Hs256);
    let payload = r#"{"n\u0061me":"A\u00e9 \"q\"\ud83d\ude00","iss":"ws_7f3c2a9e","exp" : 1800000000,"fields":{"b":[1,2.5],"a":null},"x":-0.0}"#;
    let token = signed(
        SECRET,
        Algorithm::Hs256,
        br#"{"alg":"HS256"}"#,
        payload.as_bytes(),
    );
    let claims = ws.verify(&token, T0).unwrap();
    assert_eq!(claims.payload_json(), payload);
    assert_eq!(
        claims.names().collect::<Vec<_>>(),
        ["name", "iss", "exp", "fields", "x"]
    );
    assert_eq!(claims.name(), Some("Aé \"q\"😀"));
    assert_eq!(claims.raw("exp"), Some("1800000000"));
    assert_eq!(claims.raw("fields"), Some(r#"{"b":[1,2.5],"a":null}"#));
    assert_eq!(claims.raw("x"), Some("-0.0"));
    assert_eq!(claims.get("x"), Some(Value::from(-0.0)));
    assert_eq!(claims.str_claim("exp"), None, "not a string");
    assert!(claims.contains("fields") && !claims.contains("fields.b"));
    let fields = claims.fields().unwrap();
    assert_eq!(
        fields.iter().map(|(k, _)| k).collect::<Vec<_>>(),
        ["b", "a"]
    );
    assert_eq!(claims.payload().len(), 5);
    assert_eq!(
        claims.header().get("alg").and_then(Value::as_str),
        Some("HS256")
    );
    assert_eq!(claims.header().len(), 1);
}

#[test]
fn php_profile_empty_fields_round_trip() {
    // php-jwt keeps a nested empty object an object (asym-php-public.json,
    // numbers-keys-empties: "emptyObject":{}), so the php profile writes `{}`.
    let ws = ws(Algorithm::Hs256).with_profile(Profile::Php);
    let token = ws
        .customer_token_at(&Customer::new("c", "n").fields(Map::new()), T0, 60)
        .unwrap();
    let payload = String::from_utf8(b64url_decode(token.split('.').nth(1).unwrap())).unwrap();
    assert!(payload.contains(r#""fields":{}"#), "{payload}");
    // A PHP app that builds its claims from PHP arrays writes an empty `fields` as
    // `[]`; the verifier reads that as no fields rather than refusing the token.
    let from_arrays = ws
        .sign_json(&format!(
            r#"{{"iss":"{KEY}","exp":{},"fields":[]}}"#,
            T0 + 9
        ))
        .unwrap();
    assert_eq!(ws.verify(&from_arrays, T0).unwrap().fields(), None);
    // The payload itself is the PHP array JWT::encode takes: keyed "0".."n-1" it is a
    // list, which no verifier accepts as claims.
    let listy_payload = ws.sign_json(r#"{"0":"a","1":"b"}"#).unwrap();
    let payload = String::from_utf8(b64url_decode(listy_payload.split('.').nth(1).unwrap()));
    assert_eq!(payload.unwrap(), r#"["a","b"]"#);
    let listy = ws
        .sign_json(&format!(
            r#"{{"iss":"{KEY}","exp":{},"fields":[1]}}"#,
            T0 + 9
        ))
        .unwrap();
    assert!(matches!(
        ws.verify(&listy, T0),
        Err(Error::InvalidClaim {
            claim: "fields",
            ..
        })
    ));
}

#[test]
fn decode_unverified_reads_without_checking() {
    let ws = ws(Algorithm::Hs256);
    let token = ws.admin_token_at(T0, 60).unwrap();
    let expired_and_forged = format!("{}X", &token[..token.len() - 1]);
    let parts = decode_unverified(&expired_and_forged).unwrap();
    assert_eq!(parts.payload.get("isAdmin"), Some(&Value::Bool(true)));
    assert_eq!(
        parts.header.get("alg").and_then(Value::as_str),
        Some("HS256")
    );
    assert_eq!(
        decode_unverified("a.b").err(),
        Some(Error::SegmentCount { found: 2 })
    );
    assert_eq!(
        decode_unverified("e30.W10.").err(),
        Some(Error::NotAnObject(Part::Payload))
    );
}

fn request_token(alg: Algorithm, claims: &str) -> String {
    Workspace::new(KEY, SECRET, alg)
        .unwrap()
        .with_profile(Profile::Node)
        .sign_json(claims)
        .unwrap()
}

#[test]
fn membrane_request_tokens() {
    let rv = RequestVerifier::new(KEY, SECRET).unwrap();
    for alg in Algorithm::HMAC {
        let token = request_token(
            alg,
            &format!(r#"{{"iss":"{KEY}","sub":"user-7","fields":{{"a":1}}}}"#),
        );
        let req = rv.verify(&token, T0).unwrap();
        assert_eq!(
            (req.workspace_key.as_str(), req.user_id.as_str(), req.alg),
            (KEY, "user-7", alg)
        );
        assert_eq!(req.fields.get("a"), Some(&Value::from(1)));
        assert_eq!(req.exp, None);
        let headers = [
            ("content-type", "x"),
            ("x-integration-app-token", token.as_str()),
        ];
        assert_eq!(rv.verify_headers(headers, T0).unwrap().user_id, "user-7");
        assert!(rv.clone().require_exp(true).verify(&token, T0).is_err());
        let only_256 = rv.clone().algorithms(&[Algorithm::Hs256]);
        assert_eq!(only_256.verify(&token, T0).is_ok(), alg == Algorithm::Hs256);
    }
    let expired = request_token(
        Algorithm::Hs256,
        &format!(r#"{{"iss":"{KEY}","sub":"u","exp":{T0}}}"#),
    );
    assert_eq!(
        rv.verify(&expired, T0).err(),
        Some(Error::Expired { exp: T0, now: T0 })
    );
    let no_sub = request_token(Algorithm::Hs256, &format!(r#"{{"iss":"{KEY}"}}"#));
    assert_eq!(
        rv.verify(&no_sub, T0).err(),
        Some(Error::MissingClaim {
            claim: "sub".into()
        })
    );
    let other_ws = request_token(Algorithm::Hs256, r#"{"iss":"ws_other","sub":"u"}"#);
    assert_eq!(rv.verify(&other_ws, T0).err(), Some(Error::WrongIssuer));
    // The MAC length picks HS384; a header claiming HS256 over it is an alg mismatch.
    let lying = signed(
        SECRET,
        Algorithm::Hs384,
        br#"{"alg":"HS256"}"#,
        format!(r#"{{"iss":"{KEY}","sub":"u"}}"#).as_bytes(),
    );
    assert_eq!(
        rv.verify(&lying, T0).err(),
        Some(Error::AlgorithmMismatch {
            expected: Algorithm::Hs384,
            found: Algorithm::Hs256
        })
    );
    assert_eq!(
        rv.verify("not a token", T0).err(),
        Some(Error::SegmentCount { found: 1 })
    );
    assert_eq!(
        rv.verify_headers([("a", "b")], T0).err(),
        Some(Error::MissingRequestHeader)
    );
}
