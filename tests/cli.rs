//! The `membrane-token` binary, run for real: every subcommand, every exit code, the
//! three ways to pass the secret, and the secret never in any output.
#![cfg(feature = "cli")]

mod common;
use common::*;

use std::io::Write;
use std::process::Stdio;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use membrane_token::{Algorithm, Customer, KeyPolicy, Profile, Workspace, DEFAULT_MAX_TOKEN_LEN};

const SECRET: &str = "3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const ENV: &str = "MEMBRANE_WORKSPACE_SECRET";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

fn run(args: &[&str], secret: Option<&str>, stdin: &str) -> Run {
    let mut cmd = Command::cargo_bin("membrane-token").unwrap();
    cmd.env_remove(ENV).args(args).write_stdin(stdin);
    if let Some(secret) = secret {
        cmd.env(ENV, secret);
    }
    let out = cmd.output().unwrap();
    let run = Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    for text in [&run.stdout, &run.stderr] {
        assert!(
            !text.contains(SECRET) && !text.contains("3d1f9c7b2e8a"),
            "secret leaked: {text}"
        );
    }
    assert_ne!(run.code, 101, "panicked: {}", run.stderr);
    run
}

fn ok(args: &[&str]) -> String {
    let r = run(args, Some(SECRET), "");
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

fn ws(alg: Algorithm) -> Workspace {
    Workspace::new(KEY, SECRET.as_bytes(), alg).unwrap()
}

#[test]
fn sign_mints_each_format_and_prints_only_the_token() {
    let out = ok(&[
        "sign",
        "--key",
        KEY,
        "--id",
        "customer-42",
        "--name",
        "Acme Inc.",
        "--field",
        "userField=\"pro\"",
        "--now",
        "1799992800",
    ]);
    let expected = ws(Algorithm::Hs512)
        .customer_token_at(
            &Customer::new("customer-42", "Acme Inc.").field("userField", "pro"),
            1_799_992_800,
            7200,
        )
        .unwrap();
    assert_eq!(out, format!("{expected}\n"));

    let tenant = ok(&[
        "sign",
        "--key",
        KEY,
        "--tenant",
        "t-1",
        "--name",
        "T",
        "--alg",
        "HS256",
        "--ttl",
        "60",
        "--now",
        "1799992800",
    ]);
    let c = ws(Algorithm::Hs256)
        .verify(tenant.trim(), 1_799_992_800)
        .unwrap();
    assert_eq!(
        (c.tenant_key(), c.exp()),
        (Some("t-1"), Some(1_799_992_860))
    );

    let admin = ok(&[
        "sign",
        "--key",
        KEY,
        "--admin",
        "--alg",
        "hs384",
        "--now",
        "1799992800",
    ]);
    assert!(ws(Algorithm::Hs384)
        .verify(admin.trim(), 1_799_992_800)
        .unwrap()
        .is_admin());

    let level = ok(&[
        "sign",
        "--key",
        KEY,
        "--workspace-level",
        "--now",
        "1799992800",
    ]);
    let c = ws(Algorithm::Hs512)
        .verify(level.trim(), 1_799_992_800)
        .unwrap();
    assert_eq!((c.workspace_key(), c.tenant_key()), (Some(KEY), None));

    let python = ok(&[
        "sign",
        "--key",
        KEY,
        "--id",
        "u",
        "--name",
        "Zoë",
        "--profile",
        "python",
        "--now",
        "1799992800",
    ]);
    let payload = b64url_decode(python.trim().split('.').nth(1).unwrap());
    assert!(String::from_utf8(payload)
        .unwrap()
        .contains(r#""Zo\u00eb""#));

    // Without --now the system clock is used: the token verifies now.
    let now_token = ok(&["sign", "--key", KEY, "--admin"]);
    assert!(ws(Algorithm::Hs512)
        .verify(now_token.trim(), membrane_token::unix_now().unwrap())
        .is_ok());
}

#[test]
fn secret_from_env_file_and_stdin_give_the_same_token() {
    let args = ["sign", "--key", KEY, "--admin", "--now", "1799992800"];
    let from_env = ok(&args);
    let dir = std::env::temp_dir().join(format!("mt-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("secret");
    std::fs::write(&file, format!("{SECRET}\n")).unwrap();
    let path = file.to_str().unwrap();
    let from_file = run(&[&args[..], &["--secret-file", path]].concat(), None, "");
    assert_eq!((from_file.code, &from_file.stdout), (0, &from_env));
    let from_stdin = run(
        &[&args[..], &["--secret-file", "-"]].concat(),
        None,
        &format!("{SECRET}\r\n"),
    );
    assert_eq!((from_stdin.code, &from_stdin.stdout), (0, &from_env));
    // The file wins over the environment.
    let both = run(
        &[&args[..], &["--secret-file", path]].concat(),
        Some("another-secret-of-sixty-four-bytes-another-secret-of-sixty-four-b"),
        "",
    );
    assert_eq!(both.stdout, from_env);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn usage_and_input_errors_exit_2() {
    let cases: &[(&[&str], Option<&str>, &str)] = &[
        (&["sign", "--key", KEY, "--admin"], None, "no secret"),
        (
            &["sign", "--key", KEY, "--id", "x"],
            Some(SECRET),
            "--id needs --name",
        ),
        (
            &[
                "sign", "--key", KEY, "--id", "x", "--name", "n", "--field", "plan=pro",
            ],
            Some(SECRET),
            "not JSON",
        ),
        (
            &[
                "sign", "--key", KEY, "--id", "x", "--name", "n", "--field", "novalue",
            ],
            Some(SECRET),
            "NAME=JSON",
        ),
        (&["sign", "--key", KEY], Some(SECRET), "say which token"),
        (
            &["sign", "--key", KEY, "--admin", "--tenant", "t"],
            Some(SECRET),
            "cannot be used with",
        ),
        (
            &["sign", "--key", KEY, "--admin", "--alg", "RS256"],
            Some(SECRET),
            "RS256 signs with a key: pass --private-key-file PATH",
        ),
        (
            &["sign", "--key", KEY, "--admin", "--secret", "x"],
            Some(SECRET),
            "unexpected argument",
        ),
        (
            &[
                "sign",
                "--key",
                KEY,
                "--admin",
                "--secret-file",
                "/nonexistent/x",
            ],
            None,
            "cannot read secret file",
        ),
        (
            &["encode", "--payload", "{bad"],
            Some(SECRET),
            "not valid JSON",
        ),
        (&["encode", "--payload", "[1]"], Some(SECRET), "JSON object"),
        (
            &["encode", "--payload-file", "/nonexistent/p.json"],
            Some(SECRET),
            "cannot read payload file",
        ),
        (
            &[
                "encode",
                "--payload",
                "{}",
                "--header",
                "{\"alg\":\"HS256\"}",
            ],
            Some(SECRET),
            "\"alg\":\"HS512\"",
        ),
        (
            &["encode", "--payload", "{}", "--profile", "cobol"],
            Some(SECRET),
            "expected one of",
        ),
        (&["encode"], Some(SECRET), "required"),
        (
            &["verify", "-", "--secret-file", "-"],
            None,
            "cannot both read stdin",
        ),
        (&["frobnicate"], Some(SECRET), "unrecognized subcommand"),
    ];
    for (args, secret, needle) in cases {
        let r = run(args, *secret, "");
        assert_eq!(r.code, 2, "{args:?}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{args:?}: {}", r.stderr);
        assert!(r.stdout.is_empty(), "{args:?}");
    }
}

#[test]
fn short_keys_are_refused_with_exit_1_unless_allowed() {
    let short = "0123456789abcdef0123456789abcdef"; // 32 bytes: enough for HS256 only
    let r = run(&["sign", "--key", KEY, "--admin"], Some(short), "");
    assert_eq!(r.code, 1);
    assert!(
        r.stderr.contains("at least 64") && r.stderr.contains("--allow-weak-key"),
        "{}",
        r.stderr
    );
    assert!(!r.stderr.contains(short));
    let r = run(
        &["sign", "--key", KEY, "--admin", "--allow-weak-key"],
        Some(short),
        "",
    );
    assert_eq!(r.code, 0);
    let token = r.stdout.trim().to_owned();
    assert_eq!(
        run(&["verify", "--key", KEY, &token], Some(short), "").code,
        1
    );
    assert_eq!(
        run(
            &["verify", "--key", KEY, "--allow-weak-key", &token],
            Some(short),
            ""
        )
        .code,
        0
    );
    assert_eq!(run(&["encode", "--payload", "{}"], Some(short), "").code, 1);
    assert_eq!(
        run(
            &["sign", "--key", KEY, "--admin", "--alg", "HS256"],
            Some(short),
            ""
        )
        .code,
        0
    );
}

#[test]
fn verify_prints_the_payload_or_one_reason() {
    let token = ws(Algorithm::Hs512)
        .customer_token_at(
            &Customer::new("c-1", "N").field("b", 1).field("a", 2),
            1_799_992_800,
            7200,
        )
        .unwrap();
    let out = ok(&["verify", "--key", KEY, "--now", "1799993000", &token]);
    assert_eq!(out, r#"{"id":"c-1","name":"N","fields":{"b":1,"a":2},"iat":1799992800,"exp":1800000000,"iss":"ws_7f3c2a9e"}"#.to_owned() + "\n");

    let r = run(
        &["verify", "--key", KEY, "--now", "1799993000", "--json", "-"],
        Some(SECRET),
        &format!("{token}\n"),
    );
    assert_eq!(r.code, 0, "{}", r.stderr);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["valid"], true);
    assert_eq!(report["header"]["alg"], "HS512");
    assert_eq!(report["payload"]["id"], "c-1");
    assert!(report["checks"].as_array().unwrap().len() >= 5);

    let cases: &[(&[&str], &str)] = &[
        (&["--now", "1800000000"], "expired"),
        (&["--now", "1799990000"], "issued in the future"),
        (
            &["--now", "1799993000", "--alg", "HS256"],
            "signature does not match",
        ),
    ];
    for (extra, needle) in cases {
        let args = [&["verify", "--key", KEY][..], extra, &[token.as_str()]].concat();
        let r = run(&args, Some(SECRET), "");
        assert_eq!(r.code, 1, "{extra:?}");
        assert_eq!(r.stderr.lines().count(), 1, "{}", r.stderr);
        assert!(r.stderr.contains(needle), "{}", r.stderr);
        assert!(r.stdout.is_empty());
    }
    let wrong_key = run(
        &["verify", "--key", "ws_other", "--now", "1799993000", &token],
        Some(SECRET),
        "",
    );
    assert_eq!(wrong_key.code, 1);
    assert!(wrong_key.stderr.contains("issuer"));
    let no_key = run(
        &["verify", "--now", "1799993000", "--json", &token],
        Some(SECRET),
        "",
    );
    assert_eq!(no_key.code, 0);
    assert!(no_key.stdout.contains("issuer not checked"));
    let leeway = run(
        &[
            "verify",
            "--key",
            KEY,
            "--now",
            "1800000005",
            "--leeway",
            "10",
            &token,
        ],
        Some(SECRET),
        "",
    );
    assert_eq!(leeway.code, 0);
    let garbage = run(&["verify", "--key", KEY, "not-a-token"], Some(SECRET), "");
    assert_eq!(garbage.code, 1);
}

#[test]
fn decode_shows_unverified_contents() {
    let token = ws(Algorithm::Hs256)
        .admin_token_at(1_799_992_800, 60)
        .unwrap();
    let r = run(&["decode", &token], None, "");
    assert_eq!(r.code, 0);
    assert_eq!(r.stdout, "{\"alg\":\"HS256\",\"typ\":\"JWT\"}\n{\"workspaceKey\":\"ws_7f3c2a9e\",\"isAdmin\":true,\"iat\":1799992800,\"exp\":1799992860}\n");
    assert!(r.stderr.contains("NOT verified"));
    let r = run(&["decode", "--json", "-"], None, &token);
    let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
    assert_eq!(report["verified"], false);
    assert_eq!(report["payload"]["isAdmin"], true);
    assert_eq!(run(&["decode", "a.b"], None, "").code, 1);
}

#[test]
fn encode_raw_and_per_profile() {
    // Raw: the given bytes exactly (RFC 7515 A.1's CRLFs included).
    let a1 = load("rfc7515-a1.json");
    let hex = |s: &str| -> String {
        let bytes: Vec<u8> = (0..s.len())
            .step_by(2)
            .map(|i| u8::from_str_radix(&s[i..i + 2], 16).unwrap())
            .collect();
        String::from_utf8(bytes).unwrap()
    };
    let key = b64url_decode(str_of(&a1, "jwk_k"));
    // The A.1 key is binary: pass it through a file.
    let dir = std::env::temp_dir().join(format!("mt-cli-a1-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let key_file = dir.join("k");
    std::fs::write(&key_file, &key).unwrap();
    let r = run(
        &[
            "encode",
            "--alg",
            "HS256",
            "--header",
            &hex(str_of(&a1, "header_bytes_hex")),
            "--payload",
            &hex(str_of(&a1, "payload_bytes_hex")),
            "--secret-file",
            key_file.to_str().unwrap(),
        ],
        None,
        "",
    );
    std::fs::remove_dir_all(&dir).unwrap();
    assert_eq!(r.code, 0, "{}", r.stderr);
    assert_eq!(r.stdout, format!("{}\n", str_of(&a1, "jws_compact")));

    // Per profile: the payload re-serialized as the library would.
    let payload = r#"{"b":"<é>","a":[1.0,{"z":1,"y":2}],"iss":"ws_7f3c2a9e"}"#;
    let expectations = [
        (
            "node",
            r#"{"b":"<é>","a":[1,{"z":1,"y":2}],"iss":"ws_7f3c2a9e"}"#,
        ),
        (
            "python",
            r#"{"b":"<\u00e9>","a":[1.0,{"z":1,"y":2}],"iss":"ws_7f3c2a9e"}"#,
        ),
        (
            "go",
            r#"{"a":[1,{"y":2,"z":1}],"b":"\u003cé\u003e","iss":"ws_7f3c2a9e"}"#,
        ),
        (
            "php",
            r#"{"b":"<\u00e9>","a":[1,{"z":1,"y":2}],"iss":"ws_7f3c2a9e"}"#,
        ),
    ];
    for (profile, want) in expectations {
        let r = run(
            &[
                "encode",
                "--alg",
                "HS256",
                "--profile",
                profile,
                "--payload",
                payload,
            ],
            Some(SECRET),
            "",
        );
        assert_eq!(r.code, 0, "{profile}: {}", r.stderr);
        let got = b64url_decode(r.stdout.trim().split('.').nth(1).unwrap());
        assert_eq!(String::from_utf8(got).unwrap(), want, "{profile}");
    }
    // Without --profile the payload bytes are signed exactly as given.
    let spaced = "{ \"a\" : 1 }";
    let r = run(
        &["encode", "--alg", "HS256", "--payload", spaced],
        Some(SECRET),
        "",
    );
    assert_eq!(
        b64url_decode(r.stdout.trim().split('.').nth(1).unwrap()),
        spaced.as_bytes()
    );
}

#[test]
fn every_reference_vector_verifies_and_re_encodes_through_the_cli() {
    let mut count = 0;
    for (lib, v) in library_vectors() {
        let Some(token) = opt_str(&v, "token") else {
            continue;
        };
        let alg = str_of(&v, "alg");
        let secret = str_of(&v, "secret");
        let weak = if secret.len() < alg_min(alg) {
            vec!["--allow-weak-key"]
        } else {
            vec![]
        };
        let verify = [
            &["verify", "--alg", alg, "--key", KEY, "--now", "1799993000"][..],
            &weak,
            &[token],
        ]
        .concat();
        let r = run(&verify, Some(secret), "");
        assert_eq!(r.code, 0, "{lib}/{}: {}", str_of(&v, "name"), r.stderr);
        let payload = str_of(&v, "payload_json");
        let encode = [
            &[
                "encode",
                "--alg",
                alg,
                "--profile",
                &lib,
                "--payload-file",
                "-",
            ][..],
            &weak,
        ]
        .concat();
        let r = run(&encode, Some(secret), payload);
        assert_eq!(
            r.stdout,
            format!("{token}\n"),
            "{lib}/{}: {}",
            str_of(&v, "name"),
            r.stderr
        );
        count += 1;
    }
    assert!(count >= 40);
    let _ = Profile::Node;
}

fn alg_min(alg: &str) -> usize {
    Algorithm::from_name(alg).unwrap().output_len()
}

#[test]
fn help_and_version() {
    // `verify --help` shows the help but exits 2: exit 0 from verify means a verified
    // token, and `verify "$TOKEN"` with TOKEN=--help must not pass a script's check.
    for sub in ["sign", "encode", "verify", "decode"] {
        let r = run(&[sub, "--help"], None, "");
        let want = if sub == "verify" { 2 } else { 0 };
        assert_eq!(r.code, want, "{sub}");
        assert!(r.stdout.contains("Example"), "{sub}");
    }
    let r = run(&["--help"], None, "");
    assert_eq!(r.code, 0);
    assert!(r.stdout.contains("MEMBRANE_WORKSPACE_SECRET") && r.stdout.contains("Exit codes"));
    let r = run(&["--version"], None, "");
    assert_eq!(r.code, 0);
    assert_eq!(
        r.stdout.trim(),
        format!("membrane-token {}", env!("CARGO_PKG_VERSION"))
    );
    // The `help` subcommand is not `verify`: nothing placed after `verify` reaches it.
    assert_eq!(run(&["help", "verify"], None, "").code, 0);
}

#[test]
fn hostile_inputs_never_crash_the_process() {
    let huge = "A".repeat(3 << 20);
    let inputs = [
        "",
        ".",
        "..",
        "...",
        "\u{1}",
        "é.é.é",
        "eyJ.eyJ.eyJ",
        "a.b.c.d.e.f",
    ];
    for input in inputs {
        for sub in [&["verify", "--key", KEY][..], &["decode"][..]] {
            let r = run(&[sub, &[input]].concat(), Some(SECRET), "");
            assert!(
                r.code == 1 || r.code == 2,
                "{sub:?} {:?}: {}",
                input.get(..20),
                r.code
            );
        }
        let r = run(&["encode", "--payload", input], Some(SECRET), "");
        assert_eq!(r.code, 2);
    }
    for stdin in ["\u{0}", "eyJ\u{0}.e30.AA", "\u{feff}", huge.as_str()] {
        let r = run(&["verify", "--key", KEY, "-"], Some(SECRET), stdin);
        assert_eq!(r.code, 1, "{stdin:?}");
    }
    let deep = format!("{{\"a\":{}{}}}", "[".repeat(100_000), "]".repeat(100_000));
    let r = run(
        &["encode", "--payload-file", "-", "--profile", "go"],
        Some(SECRET),
        &deep,
    );
    assert_eq!(r.code, 2, "{}", r.stderr);
}

// --- hardening: nothing in the token's place exits 0 without a verification ---

/// Strings a caller might find in `$TOKEN`, each of which clap could read as something
/// other than a token, with the exit code each gives with the secret set and without.
const HOSTILE_TOKENS: &[(&str, i32, i32)] = &[
    ("-h", 2, 2),
    ("--help", 2, 2),
    ("-hx", 2, 2),
    ("-heyJhbGciOiJIUzI1NiJ9.e30.x", 2, 2),
    ("--version", 2, 2),
    ("-V", 2, 2),
    ("--", 2, 2),
    // A token read from the (empty) stdin: refused by the library, or no secret.
    ("-", 1, 2),
    ("", 1, 2),
];

#[test]
fn no_string_in_the_token_place_exits_0() {
    for &(hostile, with_secret, without_secret) in HOSTILE_TOKENS {
        for (secret, want) in [(Some(SECRET), with_secret), (None, without_secret)] {
            for prefix in [&["verify"][..], &["verify", "--key", KEY, "--json"][..]] {
                let args = [prefix, &[hostile]].concat();
                let r = run(&args, secret, "");
                assert_eq!(
                    r.code,
                    want,
                    "{args:?} secret={}: {}",
                    secret.is_some(),
                    r.stderr
                );
                assert_eq!(r.stderr.lines().count(), 1, "{args:?}: {}", r.stderr);
                if hostile.starts_with("-h") || hostile == "--help" {
                    assert!(r.stdout.contains("Usage"), "{args:?}");
                    assert!(r.stderr.contains("help shown"), "{args:?}: {}", r.stderr);
                } else {
                    assert!(r.stdout.is_empty(), "{args:?}");
                }
            }
        }
    }
    // After `--` each of them is a token, and is refused as one.
    for &(hostile, _, _) in HOSTILE_TOKENS {
        let r = run(&["verify", "--key", KEY, "--", hostile], Some(SECRET), "");
        assert_eq!(r.code, 1, "-- {hostile:?}: {}", r.stderr);
        assert!(r.stderr.contains("token rejected"), "{}", r.stderr);
    }
}

#[test]
fn verify_help_prints_help_and_exits_2() {
    for args in [
        &["verify", "--help"][..],
        &["verify", "-h"],
        &["verify", "--key", KEY, "--help"],
        &["verify", "--request", "--json", "-h"],
    ] {
        let r = run(args, None, "");
        assert_eq!(r.code, 2, "{args:?}");
        assert!(r.stdout.contains("Usage"), "{args:?}: {}", r.stdout);
        assert_eq!(
            r.stderr,
            "membrane-token: help shown; verify exits 0 only for a verified token\n"
        );
    }
    let long = run(&["verify", "--help"], None, "");
    assert!(
        long.stdout.contains("must follow `--`") && long.stdout.contains("--request"),
        "{}",
        long.stdout
    );
}

/// Asserts a usage error: exit 2, one short line on stderr, nothing on stdout, and
/// none of `typed` in the output.
fn assert_quiet_usage_error(args: &[&str], secret: Option<&str>, typed: &str) -> String {
    let r = run(args, secret, "");
    let shown: Vec<&str> = args.iter().map(|a| a.get(..30).unwrap_or(a)).collect();
    assert_eq!(r.code, 2, "{shown:?}: {}", r.stderr);
    assert!(r.stdout.is_empty(), "{shown:?}");
    assert_eq!(r.stderr.lines().count(), 1, "{shown:?}: {}", r.stderr);
    assert!(r.stderr.len() < 400, "{shown:?}: {} bytes", r.stderr.len());
    assert!(!r.stderr.contains(typed), "{shown:?} echoed: {}", r.stderr);
    r.stderr
}

#[test]
fn usage_errors_are_short_and_never_echo_what_was_typed() {
    let huge = "x".repeat(120 * 1024);
    let option = format!("--{huge}");
    let with_value = format!("--{huge}=value");
    let short_cluster = format!("-{huge}");
    for args in [
        vec!["verify", option.as_str()],
        vec!["verify", "--key", KEY, "tok", option.as_str()],
        vec!["sign", "--key", KEY, "--admin", with_value.as_str()],
        vec![option.as_str()],
        vec!["decode", short_cluster.as_str()],
        vec!["verify", "tok", huge.as_str()],
        vec![huge.as_str()],
        vec!["sign", "--key", KEY, "--alg", huge.as_str()],
    ] {
        let stderr = assert_quiet_usage_error(&args, Some(SECRET), "xxxxxxxxxx");
        assert!(stderr.contains("argument"), "{stderr}");
    }
    // The position is named instead.
    let stderr = assert_quiet_usage_error(&["verify", "tok", "zzqq"], Some(SECRET), "zzqq");
    assert!(stderr.contains("argument 3"), "{stderr}");
    let stderr = assert_quiet_usage_error(
        &["sign", "--key", KEY, "--alg", "zzqq"],
        Some(SECRET),
        "zzqq",
    );
    assert!(
        stderr.contains("invalid value for --alg (argument 5); expected one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, ES384, ES512, EdDSA"),
        "{stderr}"
    );
}

#[test]
fn a_secret_typed_in_the_wrong_place_is_never_printed() {
    // `run` fails the test if SECRET appears in stdout or stderr.
    let token = ws(Algorithm::Hs512)
        .admin_token_at(1_799_992_800, 60)
        .unwrap();
    let cases: &[&[&str]] = &[
        &["verify", &token, SECRET],
        &["verify", "--key", KEY, SECRET, &token],
        &["verify", "--secret-file", SECRET, &token],
        &["sign", "--key", KEY, "--admin", "--secret-file", SECRET],
        &["encode", "--payload", "{}", "--secret-file", SECRET],
        &["sign", "--key", KEY, "--admin", SECRET],
        &["sign", "--key", KEY, "--admin", "--secret", SECRET],
        &[
            "sign",
            "--key",
            KEY,
            "--admin",
            &format!("--secret={SECRET}"),
        ],
        &["sign", "--key", KEY, "--admin", "--alg", SECRET],
        &["sign", "--key", KEY, "--admin", "--now", SECRET],
        &["sign", "--key", KEY, "--admin", "--profile", SECRET],
        &["encode", "--payload", "{}", "--payload-file", SECRET],
        &["encode", "--payload-file", SECRET],
        &[SECRET],
        &[
            "sign", "--key", KEY, "--id", "i", "--name", "n", "--field", SECRET,
        ],
    ];
    for args in cases {
        let r = run(args, None, "");
        assert_eq!(r.code, 2, "{}", r.stderr);
        assert!(r.stderr.len() < 400);
    }
    let r = run(&["verify", "--secret-file", SECRET, &token], None, "");
    assert_eq!(
        r.stderr,
        "membrane-token: cannot read secret file (--secret-file): No such file or directory (os error 2)\n"
    );
}

#[test]
fn field_errors_name_the_flag_by_ordinal() {
    let base = [
        "sign", "--key", KEY, "--id", "i", "--name", "n", "--field", "a=1",
    ];
    let stderr = assert_quiet_usage_error(
        &[&base[..], &["--field", "zzqqNoEquals"]].concat(),
        Some(SECRET),
        "zzqq",
    );
    assert!(
        stderr.contains("the 2nd --field is not NAME=JSON"),
        "{stderr}"
    );
    let stderr = assert_quiet_usage_error(
        &[
            &base[..],
            &["--field", "b=2", "--field", "zzqqName=zzqqValue"],
        ]
        .concat(),
        Some(SECRET),
        "zzqq",
    );
    assert!(stderr.contains("the 3rd --field: the value"), "{stderr}");
}

/// Runs the binary with `total` bytes of `A` generated lazily on stdin, so a 100 MB
/// input costs no memory here; returns the run, the time taken and the bytes written.
fn run_streaming(args: &[&str], total: usize) -> (Run, Duration, usize) {
    let start = Instant::now();
    let mut child = std::process::Command::new(assert_cmd::cargo::cargo_bin("membrane-token"))
        .args(args)
        .env(ENV, SECRET)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let writer = std::thread::spawn(move || {
        let chunk = [b'A'; 64 * 1024];
        let mut written = 0;
        while written < total {
            // The binary stops reading at its limit and exits; the broken pipe that
            // follows ends the stream.
            if stdin.write_all(&chunk).is_err() {
                break;
            }
            written += chunk.len();
        }
        written
    });
    let out = child.wait_with_output().unwrap();
    let written = writer.join().unwrap();
    let run = Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    (run, start.elapsed(), written)
}

#[test]
fn stdin_is_read_only_up_to_its_limit() {
    const HUNDRED_MB: usize = 100 << 20;
    let cases: &[(&[&str], i32, &str)] = &[
        (
            &["verify", "--key", KEY, "-"],
            1,
            "membrane-token: token rejected: token is longer than 16384 bytes\n",
        ),
        (
            &["decode", "-"],
            1,
            "membrane-token: cannot decode token: token is longer than 16384 bytes\n",
        ),
        (
            &["sign", "--key", KEY, "--admin", "--secret-file", "-"],
            2,
            "membrane-token: the secret file (--secret-file) is longer than 65536 bytes (64 KiB)\n",
        ),
        (
            &["encode", "--payload-file", "-"],
            2,
            "membrane-token: the payload file (--payload-file) is longer than 1048576 bytes (1 MiB)\n",
        ),
    ];
    for (args, code, stderr) in cases {
        let (r, took, written) = run_streaming(args, HUNDRED_MB);
        assert_eq!((r.code, r.stderr.as_str()), (*code, *stderr), "{args:?}");
        assert!(r.stdout.is_empty());
        assert!(written < HUNDRED_MB, "{args:?}: the whole input was read");
        assert!(took < Duration::from_secs(20), "{args:?}: took {took:?}");
    }
}

#[test]
fn limits_hold_exactly_and_allow_one_line_ending() {
    let max = DEFAULT_MAX_TOKEN_LEN;
    let at_limit = "A".repeat(max);
    for (stdin, over) in [
        (format!("{at_limit}\n"), false),
        (format!("{at_limit}\r\n"), false),
        (format!("{at_limit}A"), true),
        (format!("{at_limit}\n\n"), true),
    ] {
        let r = run(&["verify", "--key", KEY, "-"], Some(SECRET), &stdin);
        assert_eq!(r.code, 1);
        assert_eq!(
            r.stderr.contains("longer than 16384 bytes"),
            over,
            "{}",
            r.stderr
        );
    }
    let dir = std::env::temp_dir().join(format!("mt-cli-limits-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let secret_file = dir.join("secret");
    let args = |path: &std::path::Path| {
        let path = path.to_str().unwrap().to_owned();
        run(
            &["sign", "--key", KEY, "--admin", "--secret-file", &path],
            None,
            "",
        )
    };
    std::fs::write(&secret_file, format!("{}\n", "s".repeat(64 << 10))).unwrap();
    assert_eq!(args(&secret_file).code, 0);
    std::fs::write(&secret_file, "s".repeat((64 << 10) + 1)).unwrap();
    let r = args(&secret_file);
    assert_eq!(r.code, 2);
    assert!(r.stderr.contains("longer than 65536 bytes"), "{}", r.stderr);
    let payload_file = dir.join("payload");
    let big = format!("{{\"a\":\"{}\"}}", "p".repeat(1 << 20));
    std::fs::write(&payload_file, big).unwrap();
    let r = run(
        &["encode", "--payload-file", payload_file.to_str().unwrap()],
        Some(SECRET),
        "",
    );
    assert_eq!(r.code, 2);
    assert!(
        r.stderr.contains("longer than 1048576 bytes"),
        "{}",
        r.stderr
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

// --- one input rule for the whole crate: the token alone, nothing trimmed ---

#[test]
fn the_token_argument_is_used_exactly_as_given() {
    let token = ws(Algorithm::Hs512)
        .admin_token_at(1_799_992_800, 60)
        .unwrap();
    let verify = |arg: &str, stdin: &str| {
        run(
            &["verify", "--key", KEY, "--now", "1799992800", arg],
            Some(SECRET),
            stdin,
        )
    };
    const WHITESPACE: &str = "token has whitespace before or after it; pass the token alone";
    const BEARER: &str = "token starts with \"Bearer \"; pass the token alone";
    for (arg, needle) in [
        (format!("{token}\n"), WHITESPACE),
        (format!("{token}\r\n"), WHITESPACE),
        (format!(" {token}"), WHITESPACE),
        (format!("{token} "), WHITESPACE),
        (format!("Bearer {token}"), BEARER),
        (String::new(), "not a JWT:"),
        ("hello".to_owned(), "not a JWT:"),
    ] {
        let r = verify(&arg, "");
        assert_eq!(r.code, 1, "{arg:?}");
        assert!(r.stderr.contains(needle), "{arg:?}: {}", r.stderr);
        let r = run(&["decode", &arg], None, "");
        assert_eq!(r.code, 1, "decode {arg:?}");
        assert!(r.stderr.contains(needle), "decode {arg:?}: {}", r.stderr);
    }
    // On stdin the token is a line: exactly one "\n" or "\r\n" is removed.
    for stdin in [format!("{token}\n"), format!("{token}\r\n"), token.clone()] {
        assert_eq!(verify("-", &stdin).code, 0, "{stdin:?}");
    }
    for (stdin, needle) in [
        (format!("{token}\n\n"), WHITESPACE),
        (format!("{token}\n\r\n"), WHITESPACE),
        (format!(" {token}\n"), WHITESPACE),
        (format!("{token} \n"), WHITESPACE),
        (format!("Bearer {token}\n"), BEARER),
        ("\n".to_owned(), "not a JWT:"),
    ] {
        let r = verify("-", &stdin);
        assert_eq!(r.code, 1, "{stdin:?}");
        assert!(r.stderr.contains(needle), "{stdin:?}: {}", r.stderr);
    }
}

// --- verify --request: the token Membrane sends to a connector ---

fn request_token(alg: Algorithm, json: &str) -> String {
    ws(alg).sign_json(json).unwrap()
}

const REQUEST: &str = r#"{"iss":"ws_7f3c2a9e","sub":"user-1","fields":{"a":1}}"#;

#[test]
fn verify_request_accepts_any_hs_algorithm_by_mac_length() {
    for alg in Algorithm::HMAC {
        let token = request_token(alg, REQUEST);
        let out = ok(&["verify", "--request", "--key", KEY, &token]);
        assert_eq!(out, format!("{REQUEST}\n"), "{alg:?}");
        let pinned = ok(&[
            "verify",
            "--request",
            "--key",
            KEY,
            "--alg",
            alg.name(),
            &token,
        ]);
        assert_eq!(pinned, out);
        let r = run(
            &["verify", "--request", "--key", KEY, "--json", "-"],
            Some(SECRET),
            &format!("{token}\n"),
        );
        assert_eq!(r.code, 0, "{}", r.stderr);
        let report: serde_json::Value = serde_json::from_str(&r.stdout).unwrap();
        assert_eq!(report["valid"], true);
        assert_eq!(report["mode"], "request");
        assert_eq!(report["header"]["alg"], alg.name());
        assert_eq!(report["payload"]["sub"], "user-1");
        let checks = report["checks"].to_string();
        assert!(
            checks.contains("sub present") && checks.contains("iss is ws_7f3c2a9e"),
            "{checks}"
        );
    }
    // Without --request the same token is refused: a plain verify requires exp.
    let token = request_token(Algorithm::Hs512, REQUEST);
    assert_eq!(
        run(&["verify", "--key", KEY, &token], Some(SECRET), "").code,
        1
    );
}

#[test]
fn verify_request_refuses_what_the_request_verifier_refuses() {
    let hs512 = request_token(Algorithm::Hs512, REQUEST);
    let cases: &[(String, &[&str], &str)] = &[
        (
            request_token(Algorithm::Hs256, r#"{"iss":"ws_other","sub":"user-1"}"#),
            &[],
            "issuer",
        ),
        (
            request_token(Algorithm::Hs256, r#"{"sub":"user-1"}"#),
            &[],
            "iss",
        ),
        (
            request_token(Algorithm::Hs256, r#"{"iss":"ws_7f3c2a9e","fields":{}}"#),
            &[],
            "`sub` is missing",
        ),
        (
            request_token(
                Algorithm::Hs384,
                r#"{"iss":"ws_7f3c2a9e","sub":"user-1","exp":1799990000}"#,
            ),
            &["--now", "1800000000"],
            "expired",
        ),
        (
            hs512.clone(),
            &["--alg", "HS256"],
            "signature does not match",
        ),
        (
            hs512.clone(),
            &["--alg", "HS384"],
            "signature does not match",
        ),
        (format!("{hs512}\n"), &[], "whitespace"),
    ];
    for (token, extra, needle) in cases {
        let args = [&["verify", "--request", "--key", KEY][..], extra, &[token]].concat();
        let r = run(&args, Some(SECRET), "");
        assert_eq!(r.code, 1, "{extra:?} {needle}: {}", r.stderr);
        assert!(r.stderr.contains(needle), "{needle}: {}", r.stderr);
        assert!(r.stderr.starts_with("membrane-token: token rejected: "));
        assert!(r.stdout.is_empty());
    }
    // Leeway and --now apply as in a plain verify.
    let expired = request_token(
        Algorithm::Hs256,
        r#"{"iss":"ws_7f3c2a9e","sub":"u","exp":1799990000}"#,
    );
    ok(&[
        "verify",
        "--request",
        "--key",
        KEY,
        "--now",
        "1799989999",
        &expired,
    ]);
    ok(&[
        "verify",
        "--request",
        "--key",
        KEY,
        "--now",
        "1799990005",
        "--leeway",
        "10",
        &expired,
    ]);
}

#[test]
fn verify_request_needs_key_and_applies_the_key_policy() {
    let token = request_token(Algorithm::Hs256, REQUEST);
    for stdin in ["", &token] {
        let r = run(&["verify", "--request", "-"], Some(SECRET), stdin);
        assert_eq!(r.code, 2);
        assert!(r.stderr.contains("--request needs --key"), "{}", r.stderr);
    }
    let r = run(&["verify", "--request", &token], Some(SECRET), "");
    assert_eq!(r.code, 2);
    // 32 bytes: enough for HS256, the minimum any request token needs, but not for a
    // pinned HS512.
    let short = "0123456789abcdef0123456789abcdef";
    let weak = Workspace::with_key_policy(
        KEY,
        short.as_bytes(),
        Algorithm::Hs512,
        KeyPolicy::AllowWeak,
    )
    .unwrap()
    .sign_json(REQUEST)
    .unwrap();
    let base = ["verify", "--request", "--key", KEY];
    assert_eq!(
        run(&[&base[..], &[&weak]].concat(), Some(short), "").code,
        0
    );
    let pinned = run(
        &[&base[..], &["--alg", "HS512", &weak]].concat(),
        Some(short),
        "",
    );
    assert_eq!(pinned.code, 1);
    assert!(pinned.stderr.contains("key refused"), "{}", pinned.stderr);
    let allowed = [&base[..], &["--alg", "HS512", "--allow-weak-key", &weak]].concat();
    assert_eq!(run(&allowed, Some(short), "").code, 0);
    let tiny = "0123456789abcdef";
    let r = run(&[&base[..], &[&token]].concat(), Some(tiny), "");
    assert_eq!(r.code, 1);
    assert!(r.stderr.contains("--allow-weak-key"), "{}", r.stderr);
}
