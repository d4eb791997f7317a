//! The four subcommands. Each returns the text for stdout, or a [`Failure`].

use membrane_token::{
    decode_unverified, unix_now, Algorithm, Customer, Error, IssuerCheck, Map, Part,
    RequestVerifier, Secret, Tenant, Value,
};

use crate::cli::{Command, DecodeArgs, EncodeArgs, SignArgs, VerifyArgs};
use crate::keys::{self, StdinTaken, VerifyingKey};
use crate::{input, keygen, Failure};

pub fn run(command: Command) -> Result<String, Failure> {
    match command {
        Command::Sign(args) => sign(args),
        Command::Encode(args) => encode(args),
        Command::Verify(args) => verify(args),
        Command::Decode(args) => decode(args),
        Command::Keygen(args) => keygen::keygen(args),
        Command::Pubkey(args) => keygen::pubkey(args),
    }
}

fn now_or_clock(now: Option<u64>) -> Result<u64, Failure> {
    now.map_or_else(|| unix_now().map_err(|e| Failure::usage(e.to_string())), Ok)
}

fn sign(args: SignArgs) -> Result<String, Failure> {
    let fields = parse_fields(&args.fields)?;
    if args.id.is_some() && args.name.is_none() {
        return Err(Failure::usage(
            "--id needs --name (the customer's display name)".into(),
        ));
    }
    if (args.workspace_level || args.admin) && (args.name.is_some() || fields.is_some()) {
        return Err(Failure::usage(
            "--name and --field go with --id or --tenant, not --workspace-level or --admin".into(),
        ));
    }
    let signing = keys::signing_key(
        args.alg,
        args.private_key_file.as_deref(),
        &args.secret,
        StdinTaken(false),
    )?;
    let kid = signing.key_id(args.kid.as_deref(), args.kid_thumbprint)?;
    let ws =
        keys::workspace(&args.key, signing, args.alg, &args.secret)?.with_profile(args.profile);
    let ws = keys::with_key_id(ws, kid)?;
    let now = now_or_clock(args.now)?;
    let token = if let Some(id) = &args.id {
        let mut customer = Customer::new(id.as_str(), args.name.as_deref().unwrap_or_default());
        if let Some(fields) = fields {
            customer = customer.fields(fields);
        }
        ws.customer_token_at(&customer, now, args.ttl)
    } else if let Some(tenant_key) = &args.tenant {
        let mut tenant = Tenant::new(tenant_key.as_str());
        if let Some(name) = &args.name {
            tenant = tenant.name(name.as_str());
        }
        if let Some(fields) = fields {
            tenant = tenant.fields(fields);
        }
        ws.tenant_token_at(&tenant, now, args.ttl)
    } else if args.workspace_level {
        ws.workspace_token_at(now, args.ttl)
    } else if args.admin {
        ws.admin_token_at(now, args.ttl)
    } else {
        return Err(Failure::usage(
            "say which token: --id ID --name NAME, --tenant KEY, --workspace-level or --admin"
                .into(),
        ));
    };
    token
        .map(|t| t + "\n")
        .map_err(|e| Failure::usage(e.to_string()))
}

/// `NAME=JSON` pairs into an ordered map (`None` when there are none).
///
/// Errors name the flag by its ordinal ("the 2nd --field"), never its text: a value
/// typed in the wrong place may be a secret.
fn parse_fields(specs: &[String]) -> Result<Option<Map>, Failure> {
    if specs.is_empty() {
        return Ok(None);
    }
    let mut fields = Map::new();
    for (index, spec) in specs.iter().enumerate() {
        let which = ordinal(index + 1);
        let Some((name, json)) = spec.split_once('=') else {
            return Err(Failure::usage(format!(
                "the {which} --field is not NAME=JSON, e.g. plan='\"pro\"' or seats=25"
            )));
        };
        let value = Value::parse(json, Part::Input).map_err(|e| {
            Failure::usage(format!(
                "the {which} --field: the value after '=' is not JSON ({e}); \
                 quote strings, e.g. NAME='\"text\"'"
            ))
        })?;
        fields.insert(name, value);
    }
    Ok(Some(fields))
}

/// "1st", "2nd", "3rd", "4th", ..., "11th", "12th", "13th", "21st", ...
fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

fn encode(args: EncodeArgs) -> Result<String, Failure> {
    let payload = match (&args.payload, &args.payload_file) {
        (Some(text), _) => text.clone(),
        (None, Some(path)) => input::payload(path)?,
        (None, None) => return Err(Failure::usage("give --payload or --payload-file".into())),
    };
    let claims = match Value::parse(&payload, Part::Input) {
        Ok(Value::Object(map)) => map,
        Ok(_) => return Err(Failure::usage("the payload must be a JSON object".into())),
        Err(e) => return Err(Failure::usage(format!("payload: {e}"))),
    };
    if let Some(header) = &args.header {
        check_header_input(header, args.alg)?;
    }
    let stdin = StdinTaken(args.payload_file.as_deref() == Some(std::path::Path::new("-")));
    let signing = keys::signing_key(
        args.alg,
        args.private_key_file.as_deref(),
        &args.secret,
        stdin,
    )?;
    let kid = signing.key_id(args.kid.as_deref(), args.kid_thumbprint)?;
    if kid.is_some() && args.header.is_some() {
        return Err(Failure::usage(
            "--kid and --kid-thumbprint go with the profile's header; with --header, put \
             \"kid\" in it"
                .into(),
        ));
    }
    // The key is not part of the token here; the workspace only needs a name.
    let ws = keys::workspace("encode", signing, args.alg, &args.secret)?;
    let ws = keys::with_key_id(ws, kid)?;
    let token = match (args.profile, &args.header) {
        (Some(profile), None) => ws.with_profile(profile).sign_claims(&claims),
        (Some(profile), Some(header)) => {
            let mut payload = String::new();
            membrane_token::write_json(&Value::Object(claims), profile, &mut payload)
                .and_then(|()| ws.try_sign_raw(header.as_bytes(), payload.as_bytes()))
        }
        (None, Some(header)) => ws.try_sign_raw(header.as_bytes(), payload.as_bytes()),
        // The payload bytes as given, under the workspace's own (Node) header.
        (None, None) => ws.try_sign_raw(ws.header_json().as_bytes(), payload.as_bytes()),
    };
    token
        .map(|t| t + "\n")
        .map_err(|e| Failure::usage(e.to_string()))
}

/// A `--header` must be a JSON object naming the `--alg`, or the token could never
/// verify.
fn check_header_input(header: &str, alg: Algorithm) -> Result<(), Failure> {
    let named = match Value::parse(header, Part::Input) {
        Ok(Value::Object(map)) => map.get("alg").and_then(Value::as_str).map(str::to_owned),
        Ok(_) => return Err(Failure::usage("--header must be a JSON object".into())),
        Err(e) => return Err(Failure::usage(format!("--header: {e}"))),
    };
    match named {
        Some(name) if name == alg.name() => Ok(()),
        _ => Err(Failure::usage(format!(
            "--header must contain \"alg\":\"{}\" (the --alg)",
            alg.name()
        ))),
    }
}

/// The start of every exit-1 message of `verify`.
const REJECTED: &str = "token rejected";

fn rejected(error: Error) -> Failure {
    Failure::rejected(format!("{REJECTED}: {error}"))
}

fn verify(args: VerifyArgs) -> Result<String, Failure> {
    if args.request {
        return verify_request(&args);
    }
    let alg = args.alg.unwrap_or(Algorithm::Hs512);
    let token = input::token(&args.token, REJECTED)?;
    let verifying = keys::verifying_key(
        alg,
        args.public_key_file.as_deref(),
        &args.secret,
        StdinTaken(args.token == "-"),
    )?;
    let verifier = keys::verifier(
        args.key.as_deref().unwrap_or("unchecked"),
        &verifying,
        alg,
        &args.secret,
    )?;
    let now = now_or_clock(args.now)?;
    let issuer = if args.key.is_some() {
        IssuerCheck::IssOrWorkspaceKey
    } else {
        IssuerCheck::Skip
    };
    let verifier = verifier.leeway(args.leeway).issuer_check(issuer);
    let claims = verifier.verify(&token, now).map_err(rejected)?;
    if !args.json {
        return Ok(payload_line(claims.payload()));
    }
    let with = match &verifying {
        VerifyingKey::Secret(_) => "the given secret".to_owned(),
        VerifyingKey::Public(public) => format!(
            "the given public key (RFC 7638 thumbprint {})",
            public.thumbprint()
        ),
    };
    let mut checks = vec![
        format!("signature: {alg} with {with}"),
        format!("header alg is {alg}"),
        STRUCTURE_CHECK.to_owned(),
        format!("exp present and after {now} (leeway {}s)", args.leeway),
        TIMES_CHECK.to_owned(),
    ];
    checks.push(match &args.key {
        Some(key) => format!("issuer (iss or workspaceKey) is {key}"),
        None => "issuer not checked (no --key)".to_owned(),
    });
    Ok(report(None, claims.header(), claims.payload(), checks))
}

const STRUCTURE_CHECK: &str = "structure: 3 segments, canonical base64url, no duplicate members";
const TIMES_CHECK: &str = "nbf and iat, if present, not after now";

/// `verify --request`: the token Membrane sends to a connector, checked by the
/// library's `RequestVerifier` (MAC length picks the algorithm, `sub` required, `exp`
/// optional, `iss` equal to the key).
fn verify_request(args: &VerifyArgs) -> Result<String, Failure> {
    let Some(key) = args.key.as_deref() else {
        return Err(Failure::usage(
            "--request needs --key (the workspace key the token's iss must equal)".into(),
        ));
    };
    if args.public_key_file.is_some() || args.alg.is_some_and(|alg| !alg.is_hmac()) {
        return Err(Failure::usage(
            "--request checks the token Membrane signs with the workspace secret \
             (HS256, HS384 or HS512): no --public-key-file, no asymmetric --alg"
                .into(),
        ));
    }
    let token = input::token(&args.token, REJECTED)?;
    let secret = keys::secret_for(&args.secret, StdinTaken(args.token == "-"))?;
    let verifier = request_verifier(key, &secret, args)?;
    let now = now_or_clock(args.now)?;
    let request = verifier.verify(&token, now).map_err(rejected)?;
    // The request verifier returns the claims it checked, not the whole payload. The
    // same string was just verified, so decoding it shows exactly what was verified.
    let parts = decode_unverified(&token).map_err(rejected)?;
    if !args.json {
        return Ok(payload_line(parts.payload));
    }
    let alg = request.alg;
    let picked = match args.alg {
        Some(_) => format!("only {alg} accepted (--alg)"),
        None => "algorithm picked by the MAC's length among HS256, HS384, HS512".to_owned(),
    };
    let exp = match request.exp {
        Some(_) => format!("exp after {now} (leeway {}s)", args.leeway),
        None => "exp absent (optional for request tokens)".to_owned(),
    };
    let checks = vec![
        format!("signature: {alg} with the given secret ({picked})"),
        format!("header alg is {alg}"),
        STRUCTURE_CHECK.to_owned(),
        exp,
        TIMES_CHECK.to_owned(),
        "sub present (the user id)".to_owned(),
        format!("issuer: iss is {key}"),
    ];
    Ok(report(Some("request"), parts.header, parts.payload, checks))
}

fn request_verifier(
    key: &str,
    secret: &Secret,
    args: &VerifyArgs,
) -> Result<RequestVerifier, Failure> {
    let verifier =
        RequestVerifier::with_key_policy(key, secret.expose_bytes(), keys::policy(&args.secret))
            .map_err(keys::key_failure)?;
    let Some(alg) = args.alg else {
        return Ok(verifier.leeway(args.leeway));
    };
    // The request verifier measures the secret against HS256's minimum, since it may
    // accept any of the three; a pinned algorithm gets its own minimum, as in plain
    // `verify --alg`. Building a workspace is how that policy is applied.
    keys::secret_workspace(key, secret, alg, &args.secret)?;
    Ok(verifier.algorithms(&[alg]).leeway(args.leeway))
}

/// The payload as one line of JSON, member order kept.
fn payload_line(payload: Map) -> String {
    to_json(&Value::Object(payload), false) + "\n"
}

/// `verify --json`'s report: what was verified and which checks it passed.
fn report(mode: Option<&str>, header: Map, payload: Map, checks: Vec<String>) -> String {
    let mut report = Map::new();
    report.insert("valid", Value::Bool(true));
    if let Some(mode) = mode {
        report.insert("mode", Value::from(mode));
    }
    report.insert("header", Value::Object(header));
    report.insert("payload", Value::Object(payload));
    report.insert("checks", Value::from(checks));
    to_json(&Value::Object(report), true) + "\n"
}

fn decode(args: DecodeArgs) -> Result<String, Failure> {
    let token = input::token(&args.token, "cannot decode token")?;
    let parts = decode_unverified(&token)
        .map_err(|e| Failure::rejected(format!("cannot decode token: {e}")))?;
    eprintln!("membrane-token: NOT verified: signature and claims were not checked");
    let header = Value::Object(parts.header);
    let payload = Value::Object(parts.payload);
    if args.json {
        let report: Map = [
            ("verified", Value::Bool(false)),
            ("header", header),
            ("payload", payload),
        ]
        .into_iter()
        .collect();
        return Ok(to_json(&Value::Object(report), true) + "\n");
    }
    Ok(format!(
        "{}\n{}\n",
        to_json(&header, false),
        to_json(&payload, false)
    ))
}

/// Serializes for display, keeping member order; serde_json cannot fail on our values
/// (finite numbers, string keys), and a failure would show as an empty object.
fn to_json(value: &Value, pretty: bool) -> String {
    let text = if pretty {
        serde_json::to_string_pretty(value)
    } else {
        serde_json::to_string(value)
    };
    text.unwrap_or_else(|_| "{}".into())
}
