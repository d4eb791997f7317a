//! The three Membrane token formats equal, byte for byte, what the docs' Node snippets
//! make with real `jsonwebtoken` 9.0.3 and a frozen clock
//! (`tests/vectors/node-formats.json`, made by `interop/node/make_format_vectors.js`).

mod common;
use common::*;
use membrane_token::{Customer, Map, Profile, Tenant, Value, Workspace};

fn number(v: &Value, name: &str) -> u64 {
    obj(v)
        .get(name)
        .and_then(Value::as_number)
        .and_then(|n| n.as_u64())
        .expect(name)
}

fn fields(v: &Value) -> Option<Map> {
    match obj(v).get("fields") {
        Some(Value::Null) | None => None,
        Some(f) => Some(pairs(f)),
    }
}

fn mint(ws: &Workspace, v: &Value) -> String {
    let (iat, ttl) = (number(v, "issued_at"), number(v, "ttl"));
    match str_of(v, "format") {
        "customer" => {
            let mut c = Customer::new(str_of(v, "id"), str_of(v, "display_name"));
            if let Some(f) = fields(v) {
                c = c.fields(f);
            }
            ws.customer_token_at(&c, iat, ttl).unwrap()
        }
        "tenant" => {
            let mut t = Tenant::new(str_of(v, "tenant_key"));
            if let Some(name) = opt_str(v, "display_name") {
                t = t.name(name);
            }
            if let Some(f) = fields(v) {
                t = t.fields(f);
            }
            ws.tenant_token_at(&t, iat, ttl).unwrap()
        }
        "workspace" => ws.workspace_token_at(iat, ttl).unwrap(),
        "admin" => ws.admin_token_at(iat, ttl).unwrap(),
        other => panic!("unknown format {other}"),
    }
}

#[test]
fn every_format_matches_node_jsonwebtoken() {
    let file = load("node-formats.json");
    let vectors = array(&file, "vectors");
    assert!(vectors.len() >= 20);
    let mut formats = std::collections::BTreeSet::new();
    for v in vectors {
        let name = str_of(v, "name");
        assert_eq!(str_of(v, "key"), KEY, "{name}");
        let ws = workspace(str_of(v, "secret"), alg(v), Profile::Node);
        let token = mint(&ws, v);
        assert_eq!(token, str_of(v, "token"), "{name}");
        // The middle segment is exactly the payload bytes Node wrote.
        let payload = token.split('.').nth(1).unwrap();
        assert_eq!(
            b64url_decode(payload),
            str_of(v, "payload_json").as_bytes(),
            "{name}"
        );
        formats.insert(str_of(v, "format").to_owned());
    }
    assert_eq!(formats.len(), 4, "{formats:?}");
}

#[test]
fn into_variants_append_the_same_token() {
    let file = load("node-formats.json");
    let v = &array(&file, "vectors")[0];
    let ws = workspace(str_of(v, "secret"), alg(v), Profile::Node);
    let c = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    let mut out = String::from("Bearer ");
    ws.customer_token_into(&c, 1_799_992_800, 7200, &mut out)
        .unwrap();
    assert_eq!(out, format!("Bearer {}", str_of(v, "token")));
}

#[test]
fn docs_snippet_vector_is_the_customer_format() {
    // node-public.json's docs-snippet-node: jwt.sign({id, name, fields}, SECRET,
    // {issuer: KEY, expiresIn: 7200, algorithm: "HS512"}) at 1799992800.
    let file = load("node-public.json");
    let v = array(&file, "vectors")
        .iter()
        .find(|v| str_of(v, "name") == "docs-snippet-node")
        .unwrap();
    let ws = workspace(str_of(v, "secret"), alg(v), Profile::Node);
    let c = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    assert_eq!(
        ws.customer_token_at(&c, 1_799_992_800, 7200).unwrap(),
        str_of(v, "token")
    );
}
