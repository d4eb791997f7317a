//! The `membrane-token` binary, run for real: every subcommand, every exit code, the
//! three ways to pass the secret, and the secret never in any output.
#![cfg(feature = "cli")]

mod common;
use common::*;

use assert_cmd::Command;
use membrane_token::{Algorithm, Customer, Profile, Workspace};

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
            "HS256",
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
    for sub in ["sign", "encode", "verify", "decode"] {
        let r = run(&[sub, "--help"], None, "");
        assert_eq!(r.code, 0);
        assert!(r.stdout.contains("Example"), "{sub}");
    }
    let r = run(&["--help"], None, "");
    assert!(r.stdout.contains("MEMBRANE_WORKSPACE_SECRET") && r.stdout.contains("Exit codes"));
    let r = run(&["--version"], None, "");
    assert_eq!(
        r.stdout.trim(),
        format!("membrane-token {}", env!("CARGO_PKG_VERSION"))
    );
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
