//! The `membrane-token` binary with public/private keys, run for real: `keygen` and
//! `pubkey`, `sign`/`encode --private-key-file`, `verify --public-key-file`, the
//! refusals when a secret and a key are mixed, and no private key material in any
//! output. (The shared conformance tool runs every library vector through the CLI in
//! CI; here one vector per library and algorithm keeps the test quick.)
#![cfg(feature = "cli")]

mod asym_common;
mod common;

use asym_common::*;
use common::{opt_str, str_of, KEY};

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use membrane_token::{Algorithm, KeyKind, PrivateKey, PublicKey};

const ENV: &str = "MEMBRANE_WORKSPACE_SECRET";
const NOW: &str = "1799993000";

struct Run {
    code: i32,
    stdout: String,
    stderr: String,
}

/// Runs the CLI with `stdin`, with an ambient secret in the environment (which an
/// asymmetric `--alg` must ignore), and checks that no line of any test private key
/// appears in its output.
fn run(args: &[&str], stdin: &str) -> Run {
    run_env(args, stdin, &[])
}

/// [`run`] with more environment variables.
fn run_env(args: &[&str], stdin: &str, env: &[(&str, &str)]) -> Run {
    let out = Command::cargo_bin("membrane-token")
        .unwrap()
        .env(ENV, "ambient-secret-that-must-not-matter-0123456789abcdef")
        .env_remove("MEMBRANE_PRIVATE_KEY")
        .env_remove("MEMBRANE_PUBLIC_KEY")
        .envs(env.iter().copied())
        .args(args)
        .write_stdin(stdin)
        .output()
        .unwrap();
    let run = Run {
        code: out.status.code().expect("exited, not killed by a signal"),
        stdout: String::from_utf8(out.stdout).unwrap(),
        stderr: String::from_utf8(out.stderr).unwrap(),
    };
    for secret_line in private_lines() {
        assert!(
            !run.stdout.contains(&secret_line) && !run.stderr.contains(&secret_line),
            "private key material in the output of {args:?}"
        );
    }
    assert_ne!(run.code, 101, "panicked: {}", run.stderr);
    run
}

fn ok(args: &[&str], stdin: &str) -> String {
    let r = run(args, stdin);
    assert_eq!(r.code, 0, "{args:?}: {}", r.stderr);
    r.stdout
}

/// The stderr of a run that must exit with `code`.
fn fails(code: i32, args: &[&str], stdin: &str) -> String {
    let r = run(args, stdin);
    assert_eq!(r.code, code, "{args:?}: {}", r.stderr);
    assert_eq!(r.stdout, "", "{args:?}");
    r.stderr
}

/// The full base64 body lines of every test private key (PKCS#8 and traditional PEM) and
/// the private members of their JWKs: none may ever be printed.
fn private_lines() -> Vec<String> {
    let mut lines = Vec::new();
    for name in key_names() {
        let key = key(&name);
        for member in ["private_pkcs8_pem", "private_traditional_pem"] {
            // Ed25519 has no traditional form.
            let Some(pem) = opt_str(&key, member) else {
                continue;
            };
            lines.extend(
                // A short last line may occur anywhere by chance (and an EC key's
                // last lines hold the public point): full lines only.
                pem.lines().filter(|l| l.len() == 64).map(str::to_owned),
            );
        }
        let jwk: serde_json::Value = serde_json::from_str(&compact(member(&key, "private_jwk")))
            .expect("the private JWK is JSON");
        lines.extend(["d", "p", "q"].iter().filter_map(|m| {
            jwk.get(m)
                .and_then(serde_json::Value::as_str)
                .map(str::to_owned)
        }));
    }
    lines
}

/// A scratch directory unique to one test.
fn scratch(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("membrane-cli-keys-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes one member of a test key to a file in `dir`.
fn key_file(dir: &Path, name: &str, member: &str) -> String {
    let path = dir.join(format!("{name}.{member}"));
    let key = key(name);
    let text = match member {
        "public_jwk" | "private_jwk" => compact(asym_common::member(&key, member)),
        _ => str_of(&key, member).to_owned(),
    };
    std::fs::write(&path, text).unwrap();
    path.to_str().unwrap().to_owned()
}

fn path_str(path: &Path) -> &str {
    path.to_str().unwrap()
}

#[test]
fn keygen_writes_a_0600_pkcs8_key_and_prints_its_public_key() {
    let dir = scratch("keygen");
    for (alg, kind) in [
        (Algorithm::Es256, KeyKind::P256),
        (Algorithm::Es384, KeyKind::P384),
        (Algorithm::Es512, KeyKind::P521),
        (Algorithm::EdDsa, KeyKind::Ed25519),
        (Algorithm::Rs256, KeyKind::Rsa),
        (Algorithm::Ps256, KeyKind::Rsa),
    ] {
        let out = dir.join(format!("{alg}.pem"));
        let r = run(
            &["keygen", "--alg", alg.name(), "--out", path_str(&out)],
            "",
        );
        assert_eq!(r.code, 0, "{alg}: {}", r.stderr);
        let private_pem = std::fs::read_to_string(&out).unwrap();
        assert!(
            private_pem.starts_with("-----BEGIN PRIVATE KEY-----\n"),
            "{alg}"
        );
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(&out).unwrap().permissions().mode() & 0o777;
            assert_eq!(mode, 0o600, "{alg}");
        }
        let private = PrivateKey::from_pem(&private_pem).unwrap();
        assert_eq!(private.kind(), kind, "{alg}");
        let printed = PublicKey::from_pem(&r.stdout).unwrap();
        assert_eq!(printed, private.public_key(), "{alg}");
        assert_eq!(
            r.stdout,
            private.public_key().to_pem(),
            "{alg}: only the PEM"
        );
        assert!(
            !r.stdout.contains(private_pem.lines().nth(1).unwrap()),
            "{alg}"
        );
        // The path is never echoed; the EdDSA caveat is given for EdDSA only.
        assert!(!r.stderr.contains(path_str(&out)), "{}", r.stderr);
        assert_eq!(
            r.stderr
                .contains("EdDSA is not supported by Node's jsonwebtoken 9"),
            alg == Algorithm::EdDsa,
            "{alg}: {}",
            r.stderr
        );
        // A second run never replaces the key.
        let stderr = fails(
            2,
            &["keygen", "--alg", alg.name(), "--out", path_str(&out)],
            "",
        );
        assert_eq!(
            stderr,
            "membrane-token: the --out file already exists; keygen never overwrites a key \
             (choose another path, or move the old key away first)\n"
        );
        assert_eq!(std::fs::read_to_string(&out).unwrap(), private_pem, "{alg}");
    }
}

#[test]
fn keygen_sizes_rsa_by_alg_or_bits_and_prints_a_jwk_on_request() {
    let dir = scratch("keygen-rsa");
    // RSA 4096 generation is slow in a debug test build: 3072 via --bits shows --bits.
    let out = dir.join("rs.pem");
    let jwk = ok(
        &[
            "keygen",
            "--alg",
            "RS256",
            "--bits",
            "3072",
            "--out",
            path_str(&out),
            "--jwk",
        ],
        "",
    );
    let private = PrivateKey::from_pem(&std::fs::read_to_string(&out).unwrap()).unwrap();
    assert_eq!(jwk, private.public_key().to_jwk() + "\n");
    let n = serde_json::from_str::<serde_json::Value>(&jwk).unwrap()["n"]
        .as_str()
        .unwrap()
        .len();
    assert_eq!(n, 512, "3072 bits = 384 bytes = 512 base64url characters");

    let refused = dir.join("refused.pem");
    let out_arg = path_str(&refused);
    for (args, message) in [
        (
            vec!["--alg", "RS256", "--bits", "1024"],
            "membrane-token: cannot generate the key: RSA key is 1024 bits; keys of 1024 to \
             8192 bits are read (2048 and more without opting in to weak keys) and of 2048, \
             3072 or 4096 bits generated\n",
        ),
        (
            vec!["--alg", "ES256", "--bits", "2048"],
            "membrane-token: --bits sets an RSA key's size (RS*, PS*); a ES256 key's size is \
             fixed by its curve\n",
        ),
        (
            vec!["--alg", "HS256"],
            "membrane-token: HS256 signs with the workspace secret, which Membrane makes for \
             you (see the workspace settings); keygen makes keys for RS*, PS*, ES* and EdDSA\n",
        ),
    ] {
        let mut all = vec!["keygen"];
        all.extend(args);
        all.extend(["--out", out_arg]);
        let stderr = fails(2, &all, "");
        // The RSA notice comes first for an RSA algorithm.
        assert!(stderr.ends_with(message), "{all:?}: {stderr}");
        assert!(!refused.exists(), "{all:?} left a file behind");
    }
    assert_eq!(
        fails(2, &["keygen", "--alg", "ES256", "--out", "-"], ""),
        "membrane-token: --out needs a file path: keygen never prints a private key\n"
    );
}

#[test]
fn pubkey_prints_the_registered_forms_of_every_test_key() {
    let dir = scratch("pubkey");
    for name in key_names() {
        let key = key(&name);
        for member in [
            "private_pkcs8_pem",
            "private_traditional_pem",
            "private_jwk",
        ] {
            if member == "private_traditional_pem" && opt_str(&key, member).is_none() {
                continue;
            }
            let file = key_file(&dir, &name, member);
            let pem = ok(&["pubkey", "--private-key-file", &file], "");
            assert_eq!(
                pem.trim_end(),
                str_of(&key, "public_spki_pem").trim_end(),
                "{name} {member}"
            );
            let jwk = ok(&["pubkey", "--private-key-file", &file, "--jwk"], "");
            let public = PublicKey::from_jwk(&jwk).unwrap();
            assert_eq!(
                public.thumbprint(),
                str_of(&key, "jwk_thumbprint_sha256"),
                "{name}"
            );
        }
        // From stdin too.
        let pem = ok(
            &["pubkey", "--private-key-file", "-"],
            str_of(&key, "private_pkcs8_pem"),
        );
        assert_eq!(
            pem.trim_end(),
            str_of(&key, "public_spki_pem").trim_end(),
            "{name}"
        );
    }
}

/// One token per library and algorithm: verified by the CLI with the SPKI PEM, the
/// PKCS#1 PEM (RSA) and the JWK, and re-made by `encode --profile`: the same bytes for
/// RS*/EdDSA, the same `header.payload` for the randomized PS*/ES*.
#[test]
fn library_tokens_verify_and_encode_reproduces_them() {
    let dir = scratch("vectors");
    let mut seen = BTreeSet::new();
    let mut checked = 0;
    for v in library_vectors() {
        let Some(token) = v.token.as_deref() else {
            continue;
        };
        if v.key == "rsa1024" || !seen.insert((v.lib, v.alg.name())) {
            continue;
        }
        let mut publics = vec![
            key_file(&dir, &v.key, "public_spki_pem"),
            key_file(&dir, &v.key, "public_jwk"),
        ];
        if v.alg.is_rsa() {
            publics.push(key_file(&dir, &v.key, "public_pkcs1_pem"));
        }
        for public in &publics {
            let payload = ok(
                &[
                    "verify",
                    "--alg",
                    v.alg.name(),
                    "--public-key-file",
                    public,
                    "--key",
                    KEY,
                    "--now",
                    NOW,
                    "--",
                    token,
                ],
                "",
            );
            assert_eq!(
                payload.trim_end(),
                v.payload_json.as_deref().unwrap(),
                "{}",
                v.id()
            );
        }
        let private = key_file(&dir, &v.key, "private_pkcs8_pem");
        let minted = ok(
            &[
                "encode",
                "--alg",
                v.alg.name(),
                "--private-key-file",
                &private,
                "--profile",
                &v.profile.to_string(),
                "--payload-file",
                "-",
            ],
            v.payload_json.as_deref().unwrap(),
        );
        let minted = minted.trim_end();
        if v.deterministic {
            assert_eq!(minted, token, "{}", v.id());
        } else {
            assert_eq!(signing_input(minted), signing_input(token), "{}", v.id());
        }
        checked += 1;
    }
    // 6 libraries: node 9 algorithms, php 6, the other four all 10.
    assert_eq!(checked, 9 + 6 + 4 * 10);
}

#[test]
fn sign_and_verify_round_trip_with_every_key_family() {
    let dir = scratch("round-trip");
    for (alg, name) in [
        (Algorithm::Rs384, "rsa3072"),
        (Algorithm::Ps512, "rsa4096"),
        (Algorithm::Es256, "p256"),
        (Algorithm::Es512, "p521"),
        (Algorithm::EdDsa, "ed25519"),
    ] {
        let private = key_file(&dir, name, "private_jwk");
        let token = ok(
            &[
                "sign",
                "--alg",
                alg.name(),
                "--private-key-file",
                &private,
                "--key",
                KEY,
                "--id",
                "customer-42",
                "--name",
                "Acme",
                "--now",
                "1799992800",
                "--profile",
                "python",
            ],
            "",
        );
        let public = key_file(&dir, name, "public_spki_pem");
        let report = ok(
            &[
                "verify",
                "--alg",
                alg.name(),
                "--public-key-file",
                &public,
                "--key",
                KEY,
                "--now",
                NOW,
                "--json",
                token.trim_end(),
            ],
            "",
        );
        let key = key(name);
        let thumbprint = str_of(&key, "jwk_thumbprint_sha256");
        assert!(
            report.contains(&format!(
                "\"signature: {alg} with the given public key (RFC 7638 thumbprint {thumbprint})\""
            )),
            "{report}"
        );
        // One changed signature character: exit 1, the library's reason.
        let (input, signature) = token.trim_end().rsplit_once('.').unwrap();
        let flipped = if signature.starts_with('A') { 'B' } else { 'A' };
        let tampered = format!("{input}.{flipped}{}", &signature[1..]);
        let stderr = fails(
            1,
            &[
                "verify",
                "--alg",
                alg.name(),
                "--public-key-file",
                &public,
                "--now",
                NOW,
                &tampered,
            ],
            "",
        );
        assert_eq!(
            stderr,
            "membrane-token: token rejected: signature does not match\n"
        );
    }
}

#[test]
fn a_secret_and_a_key_are_never_mixed() {
    let dir = scratch("mixing");
    let private = key_file(&dir, "p256", "private_pkcs8_pem");
    let public = key_file(&dir, "p256", "public_spki_pem");
    let secret_file = dir.join("secret");
    std::fs::write(
        &secret_file,
        "0123456789abcdef0123456789abcdef0123456789abcdef",
    )
    .unwrap();
    let secret_file = path_str(&secret_file);
    let sign = ["sign", "--key", KEY, "--admin"];
    let cases: Vec<(Vec<&str>, &str)> = vec![
        (
            [
                &sign[..],
                &["--alg", "HS256", "--private-key-file", &private],
            ]
            .concat(),
            "HS256 signs with the workspace secret, not a key file: drop --private-key-file, \
             or pass the key's --alg (RS*, PS*, ES* or EdDSA; the default --alg is HS512)",
        ),
        (
            [&sign[..], &["--private-key-file", &private]].concat(),
            "HS512 signs with the workspace secret, not a key file: drop --private-key-file, \
             or pass the key's --alg (RS*, PS*, ES* or EdDSA; the default --alg is HS512)",
        ),
        (
            [
                &sign[..],
                &[
                    "--alg",
                    "ES256",
                    "--private-key-file",
                    &private,
                    "--secret-file",
                    secret_file,
                ],
            ]
            .concat(),
            "ES256 signs with a key file, not the workspace secret: drop --secret-file and \
             pass --private-key-file PATH",
        ),
        (
            [&sign[..], &["--alg", "ES256"]].concat(),
            "ES256 signs with a key: pass --private-key-file PATH (PEM or JWK, - for stdin) \
             or set MEMBRANE_PRIVATE_KEY",
        ),
        (
            vec![
                "verify",
                "--alg",
                "HS256",
                "--public-key-file",
                &public,
                "x.y.z",
            ],
            "HS256 verifies with the workspace secret, not a key file: drop \
             --public-key-file, or pass the key's --alg (RS*, PS*, ES* or EdDSA; the default \
             --alg is HS512)",
        ),
        (
            vec!["verify", "--alg", "EdDSA", "x.y.z"],
            "EdDSA verifies with a key: pass --public-key-file PATH (PEM or JWK, - for \
             stdin) or set MEMBRANE_PUBLIC_KEY",
        ),
        (
            vec![
                "verify",
                "--request",
                "--key",
                KEY,
                "--public-key-file",
                &public,
                "x.y.z",
            ],
            "--request checks the token Membrane signs with the workspace secret (HS256, \
             HS384 or HS512): no --public-key-file, no asymmetric --alg",
        ),
        (
            vec![
                "encode",
                "--alg",
                "ES256",
                "--private-key-file",
                "-",
                "--payload-file",
                "-",
            ],
            "--private-key-file - and another input on stdin cannot both read stdin",
        ),
        (
            vec!["verify", "--alg", "ES256", "--public-key-file", "-", "-"],
            "--public-key-file - and another input on stdin cannot both read stdin",
        ),
        (
            [
                &sign[..],
                &["--alg", "RS256", "--private-key-file", &private],
            ]
            .concat(),
            "a P-256 key cannot be used with RS256; RS256 needs an RSA key (rsaEncryption, \
             not RSASSA-PSS)",
        ),
    ];
    for (args, message) in cases {
        let stderr = fails(2, &args, "{}");
        assert_eq!(stderr, format!("membrane-token: {message}\n"), "{args:?}");
    }
}

#[test]
fn key_files_of_the_wrong_kind_or_shape_are_refused_by_name() {
    let dir = scratch("shapes");
    let private = key_file(&dir, "p256", "private_pkcs8_pem");
    let public = key_file(&dir, "p256", "public_spki_pem");
    let binary = dir.join("binary.der");
    std::fs::write(&binary, [0x30, 0x82, 0xff, 0xfe, 0x00, 0x80]).unwrap();
    let long = dir.join("long.pem");
    std::fs::write(&long, "A".repeat(70_000)).unwrap();
    let missing = dir.join("missing.pem");
    let sign = |file: &str| -> Vec<String> {
        [
            "sign",
            "--key",
            KEY,
            "--admin",
            "--alg",
            "ES256",
            "--private-key-file",
            file,
        ]
        .map(str::to_owned)
        .to_vec()
    };
    for (args, message) in [
        (
            sign(&public),
            "cannot use the private key file (--private-key-file): this is a public key, where \
             the private key is needed (a public key verifies: `membrane-token verify \
             --public-key-file PATH`)",
        ),
        (
            [
                "verify",
                "--alg",
                "ES256",
                "--public-key-file",
                &private,
                "x.y.z",
            ]
            .map(str::to_owned)
            .to_vec(),
            "cannot use the public key file (--public-key-file): this is a private key, where \
             the public key is expected (`membrane-token pubkey --private-key-file PATH` \
             prints it)",
        ),
        (
            sign(path_str(&binary)),
            "the private key file (--private-key-file) is not text: give a PEM block or a JWK \
             (convert a DER file to PEM first)",
        ),
        (
            sign(path_str(&long)),
            "the private key file (--private-key-file) is longer than 65536 bytes (64 KiB)",
        ),
        (
            sign(path_str(&missing)),
            "cannot read private key file (--private-key-file): No such file or directory \
             (os error 2)",
        ),
    ] {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let stderr = fails(2, &args, "");
        assert_eq!(stderr, format!("membrane-token: {message}\n"), "{args:?}");
        assert!(
            !stderr.contains(path_str(&dir)),
            "a path was echoed: {stderr}"
        );
    }
    // Endless input is cut off at the limit, not read to the end.
    let stderr = fails(
        2,
        &sign("/dev/zero")
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        "",
    );
    assert!(stderr.contains("longer than 65536 bytes"), "{stderr}");
}

#[test]
fn a_weak_rsa_key_is_refused_with_exit_1_unless_allowed() {
    let dir = scratch("weak");
    let private = key_file(&dir, "rsa1024", "private_pkcs8_pem");
    let public = key_file(&dir, "rsa1024", "public_spki_pem");
    let sign = [
        "sign",
        "--key",
        KEY,
        "--admin",
        "--alg",
        "RS256",
        "--now",
        "1799992800",
        "--private-key-file",
        &private,
    ];
    assert_eq!(
        fails(1, &sign, ""),
        "membrane-token: key refused: RSA key is 1024 bits; RS256 needs at least 2048 (NIST \
         SP 800-131A); use a larger key or opt in to weak keys explicitly (--allow-weak-key \
         accepts RSA keys from 1024 bits)\n"
    );
    let token = ok(&[&sign[..], &["--allow-weak-key"]].concat(), "");
    let verify = [
        "verify",
        "--alg",
        "RS256",
        "--public-key-file",
        &public,
        "--now",
        NOW,
        token.trim_end(),
    ];
    let stderr = fails(1, &verify, "");
    assert!(
        stderr.starts_with("membrane-token: key refused: RSA key is 1024 bits"),
        "{stderr}"
    );
    ok(&[&verify[..], &["--allow-weak-key"]].concat(), "");
}

#[test]
fn kid_names_the_key_in_the_header() {
    let dir = scratch("kid");
    let private = key_file(&dir, "p256", "private_pkcs8_pem");
    let thumbprint = str_of(&key("p256"), "jwk_thumbprint_sha256").to_owned();
    let header = |token: &str| {
        let segment = token.split('.').next().unwrap();
        String::from_utf8(common::b64url_decode(segment)).unwrap()
    };
    let sign = [
        "sign",
        "--alg",
        "ES256",
        "--private-key-file",
        &private,
        "--key",
        KEY,
        "--admin",
    ];
    let token = ok(
        &[&sign[..], &["--kid-thumbprint", "--profile", "python"]].concat(),
        "",
    );
    assert_eq!(
        header(&token),
        format!(r#"{{"alg":"ES256","kid":"{thumbprint}","typ":"JWT"}}"#)
    );
    let token = ok(
        &[
            "encode",
            "--alg",
            "ES256",
            "--private-key-file",
            &private,
            "--kid",
            "2026-12",
            "--payload",
            r#"{"sub":"x"}"#,
        ],
        "",
    );
    assert_eq!(
        header(&token),
        r#"{"alg":"ES256","typ":"JWT","kid":"2026-12"}"#
    );
    assert_eq!(
        fails(2, &[&sign[..], &["--kid", "a/b"]].concat(), ""),
        "membrane-token: --kid: key id (kid) must be 1 to 256 characters from A-Z a-z 0-9 - \
         _ . : ~ + = (an RFC 7638 thumbprint, PublicKey::thumbprint, is one)\n"
    );
    assert_eq!(
        fails(
            2,
            &["sign", "--key", KEY, "--admin", "--kid-thumbprint"],
            ""
        ),
        "membrane-token: --kid-thumbprint names a public key: it needs --private-key-file \
         (for a secret, choose a name with --kid)\n"
    );
}

#[test]
fn keys_can_come_from_the_environment_and_a_file_wins() {
    let dir = scratch("env");
    let p256 = key("p256");
    let private = opt_str(&p256, "private_pkcs8_pem").unwrap();
    let public_jwk = compact(member(&p256, "public_jwk"));
    let sign = [
        "sign",
        "--alg",
        "ES256",
        "--key",
        KEY,
        "--admin",
        "--now",
        "1799992800",
    ];
    let r = run_env(&sign, "", &[("MEMBRANE_PRIVATE_KEY", private)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    let token = r.stdout.trim_end().to_owned();
    let verify = ["verify", "--alg", "ES256", "--now", NOW, token.as_str()];
    let r = run_env(&verify, "", &[("MEMBRANE_PUBLIC_KEY", &public_jwk)]);
    assert_eq!(r.code, 0, "{}", r.stderr);
    // --public-key-file wins over the environment: another key's file refuses the token.
    let other = key_file(&dir, "p384", "public_spki_pem");
    let with_file = [&verify[..], &["--public-key-file", &other]].concat();
    let r = run_env(&with_file, "", &[("MEMBRANE_PUBLIC_KEY", &public_jwk)]);
    assert_eq!(r.code, 2, "{}", r.stderr);
    assert!(
        r.stderr.contains("a P-384 key cannot be used with ES256"),
        "{}",
        r.stderr
    );
    // A broken key in the environment is named like a broken file.
    let r = run_env(&sign, "", &[("MEMBRANE_PRIVATE_KEY", "not a key")]);
    assert_eq!(r.code, 2);
    assert_eq!(
        r.stderr,
        "membrane-token: cannot use the private key in MEMBRANE_PRIVATE_KEY: not a PEM \
         key: no -----BEGIN line\n"
    );
}
