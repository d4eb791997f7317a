//! Which key a command signs or verifies with, and how a refused key is reported.
//!
//! HS256/384/512 use the workspace secret (environment or `--secret-file`); RS*, PS*,
//! ES* and EdDSA use a key file (`--private-key-file` to sign, `--public-key-file` to
//! verify). The algorithm decides, and a flag of the other family is refused by name
//! rather than ignored: a script that passes both has a mistake worth hearing about.
//! The ambient `MEMBRANE_WORKSPACE_SECRET` is simply not read for an asymmetric
//! algorithm, since it may be set for other commands.

use std::path::Path;

use membrane_token::{
    Algorithm, Error, KeyPolicy, PrivateKey, PublicKey, Secret, Verifier, Workspace,
};

use zeroize::Zeroizing;

use crate::cli::SecretArgs;
use crate::input::{self, KeyFile, PRIVATE_KEY_FILE, PUBLIC_KEY_FILE};
use crate::Failure;

/// What a workspace signs with. Built once per run and moved into the workspace, so
/// the size difference between the variants costs nothing worth a box.
#[allow(clippy::large_enum_variant)]
pub enum SigningKey {
    Secret(Secret),
    Private(PrivateKey),
}

impl SigningKey {
    /// The key id `--kid KID` or `--kid-thumbprint` asks for, if any.
    pub fn key_id(&self, kid: Option<&str>, thumbprint: bool) -> Result<Option<String>, Failure> {
        match (self, kid, thumbprint) {
            (_, Some(kid), _) => Ok(Some(kid.to_owned())),
            (SigningKey::Private(key), None, true) => Ok(Some(key.public_key().thumbprint())),
            (SigningKey::Secret(_), None, true) => Err(Failure::usage(
                "--kid-thumbprint names a public key: it needs --private-key-file (for a \
                 secret, choose a name with --kid)"
                    .into(),
            )),
            (_, None, false) => Ok(None),
        }
    }
}

/// Applies the key id, if any, to `ws`.
pub fn with_key_id(ws: Workspace, kid: Option<String>) -> Result<Workspace, Failure> {
    match kid {
        None => Ok(ws),
        Some(kid) => ws
            .with_key_id(&kid)
            .map_err(|e| Failure::usage(format!("--kid: {e}"))),
    }
}

/// What a verifier checks with.
pub enum VerifyingKey {
    Secret(Secret),
    Public(PublicKey),
}

/// Whether stdin is already taken by another input (a payload or a token).
#[derive(Clone, Copy, PartialEq, Eq)]
pub struct StdinTaken(pub bool);

pub fn policy(args: &SecretArgs) -> KeyPolicy {
    if args.allow_weak_key {
        KeyPolicy::AllowWeak
    } else {
        KeyPolicy::Rfc7518
    }
}

/// The signing key `alg` needs: the secret for HS*, else the `--private-key-file`.
pub fn signing_key(
    alg: Algorithm,
    key_file: Option<&Path>,
    secret: &SecretArgs,
    stdin: StdinTaken,
) -> Result<SigningKey, Failure> {
    match family_file(alg, key_file, secret, &PRIVATE_KEY_FILE, "signs")? {
        None => secret_for(secret, stdin).map(SigningKey::Secret),
        Some(source) => {
            let from = source.describe(&PRIVATE_KEY_FILE);
            let text = key_source_text(source, &PRIVATE_KEY_FILE, stdin)?;
            parse_private(&text, &from).map(SigningKey::Private)
        }
    }
}

/// The verifying key `alg` needs: the secret for HS*, else the `--public-key-file`.
pub fn verifying_key(
    alg: Algorithm,
    key_file: Option<&Path>,
    secret: &SecretArgs,
    stdin: StdinTaken,
) -> Result<VerifyingKey, Failure> {
    match family_file(alg, key_file, secret, &PUBLIC_KEY_FILE, "verifies")? {
        None => secret_for(secret, stdin).map(VerifyingKey::Secret),
        Some(source) => {
            let from = source.describe(&PUBLIC_KEY_FILE);
            let text = key_source_text(source, &PUBLIC_KEY_FILE, stdin)?;
            parse_public(&text, &from).map(VerifyingKey::Public)
        }
    }
}

/// Where an asymmetric key's text comes from.
enum KeySource<'a> {
    File(&'a Path),
    /// The text itself, from the key's environment variable.
    Env(Zeroizing<String>),
}

impl KeySource<'_> {
    /// How messages name the source: "the private key file (--private-key-file)" or
    /// "the private key in MEMBRANE_PRIVATE_KEY".
    fn describe(&self, file: &KeyFile) -> String {
        match self {
            KeySource::File(_) => format!("the {} ({})", file.what, file.flag),
            KeySource::Env(_) => {
                let key = file.what.trim_end_matches(" file");
                format!("the {key} in {}", file.env)
            }
        }
    }
}

/// `None` when `alg` is an HMAC algorithm (and no key file was given); for an
/// asymmetric one (and no secret file), the key file, or else the key's environment
/// variable; a usage error otherwise.
fn family_file<'a>(
    alg: Algorithm,
    key_file: Option<&'a Path>,
    secret: &SecretArgs,
    file: &KeyFile,
    verb: &str,
) -> Result<Option<KeySource<'a>>, Failure> {
    let flag = file.flag;
    match (alg.is_hmac(), key_file) {
        (true, None) => Ok(None),
        (true, Some(_)) => Err(Failure::usage(format!(
            "{alg} {verb} with the workspace secret, not a key file: drop {flag}, or pass \
             the key's --alg (RS*, PS*, ES* or EdDSA; the default --alg is HS512)"
        ))),
        (false, _) if secret.secret_file.is_some() => Err(Failure::usage(format!(
            "{alg} {verb} with a key file, not the workspace secret: drop --secret-file \
             and pass {flag} PATH"
        ))),
        (false, Some(path)) => Ok(Some(KeySource::File(path))),
        (false, None) => match input::key_env(file)? {
            Some(text) => Ok(Some(KeySource::Env(text))),
            None => Err(Failure::usage(format!(
                "{alg} {verb} with a key: pass {flag} PATH (PEM or JWK, - for stdin) or set {}",
                file.env
            ))),
        },
    }
}

fn key_source_text(
    source: KeySource<'_>,
    file: &KeyFile,
    stdin: StdinTaken,
) -> Result<Zeroizing<String>, Failure> {
    match source {
        KeySource::Env(text) => Ok(text),
        KeySource::File(path) => {
            if stdin.0 && path == Path::new("-") {
                return Err(Failure::usage(format!(
                    "{} - and another input on stdin cannot both read stdin",
                    file.flag
                )));
            }
            input::key_text(path, file)
        }
    }
}

/// The secret from `--secret-file` or the environment.
pub fn secret_for(args: &SecretArgs, stdin: StdinTaken) -> Result<Secret, Failure> {
    let file = args.secret_file.as_deref();
    if stdin.0 && file == Some(Path::new("-")) {
        return Err(Failure::usage(
            "--secret-file - and another input on stdin cannot both read stdin".into(),
        ));
    }
    input::secret(file)
}

/// Reads and parses a private key file; its text is wiped when this returns.
pub fn private_key(path: &Path) -> Result<PrivateKey, Failure> {
    let text = input::key_text(path, &PRIVATE_KEY_FILE)?;
    parse_private(&text, &KeySource::File(path).describe(&PRIVATE_KEY_FILE))
}

fn parse_private(text: &str, from: &str) -> Result<PrivateKey, Failure> {
    let parsed = if looks_like_jwk(text) {
        PrivateKey::from_jwk(text)
    } else {
        PrivateKey::from_pem(text)
    };
    parsed.map_err(|e| load_failure(e, from))
}

fn parse_public(text: &str, from: &str) -> Result<PublicKey, Failure> {
    let parsed = if looks_like_jwk(text) {
        PublicKey::from_jwk(text)
    } else {
        PublicKey::from_pem(text)
    };
    parsed.map_err(|e| load_failure(e, from))
}

/// A JWK is a JSON object; everything else is read as PEM (whose parser names what it
/// found instead of a `-----BEGIN` line).
fn looks_like_jwk(text: &str) -> bool {
    text.trim_start().starts_with('{')
}

/// A key file that does not parse: exit 2, with the library's reason and, where the
/// wrong kind of key was given, the command that makes the right one.
fn load_failure(error: Error, from: &str) -> Failure {
    // The library's texts for these two name its API; the CLI names its commands.
    let reason = match error {
        Error::ExpectedPublicKey => "this is a private key, where the public key is expected \
            (`membrane-token pubkey --private-key-file PATH` prints it)"
            .to_owned(),
        Error::ExpectedPrivateKey => "this is a public key, where the private key is needed \
            (a public key verifies: `membrane-token verify --public-key-file PATH`)"
            .to_owned(),
        other => other.to_string(),
    };
    Failure::usage(format!("cannot use {from}: {reason}"))
}

/// Builds the workspace; a key the policy refuses is exit 1, as the contract says.
pub fn workspace(
    key: &str,
    signing: SigningKey,
    alg: Algorithm,
    args: &SecretArgs,
) -> Result<Workspace, Failure> {
    match signing {
        SigningKey::Secret(secret) => secret_workspace(key, &secret, alg, args),
        SigningKey::Private(private) => {
            Workspace::with_private_key_policy(key, private, alg, policy(args)).map_err(key_failure)
        }
    }
}

/// A workspace signing `alg` with `secret`: also how a secret is measured against
/// `alg`'s minimum length.
pub fn secret_workspace(
    key: &str,
    secret: &Secret,
    alg: Algorithm,
    args: &SecretArgs,
) -> Result<Workspace, Failure> {
    Workspace::with_key_policy(key, secret.expose_bytes(), alg, policy(args)).map_err(key_failure)
}

/// Builds a verifier for `workspace_key` (which must be valid; "unchecked" stands in
/// when the issuer is not checked).
pub fn verifier(
    workspace_key: &str,
    verifying: &VerifyingKey,
    alg: Algorithm,
    args: &SecretArgs,
) -> Result<Verifier, Failure> {
    match verifying {
        VerifyingKey::Secret(secret) => {
            secret_workspace(workspace_key, secret, alg, args).map(|ws| Verifier::new(&ws))
        }
        VerifyingKey::Public(public) => {
            Verifier::with_public_key_policy(workspace_key, public.clone(), alg, policy(args))
                .map_err(key_failure)
        }
    }
}

/// A key refused for `alg`: exit 1 when the policy refuses it (too short, too small an
/// exponent), exit 2 when it cannot be used with the algorithm at all.
pub fn key_failure(error: Error) -> Failure {
    let hint = match error {
        Error::WeakKey { .. } => " (--allow-weak-key accepts it)",
        Error::WeakRsaKey { bits, .. } if bits >= 1024 => {
            " (--allow-weak-key accepts RSA keys from 1024 bits)"
        }
        Error::WeakRsaExponent { .. } => " (--allow-weak-key accepts odd exponents from 3)",
        Error::WeakRsaKey { .. } => "",
        other => return Failure::usage(other.to_string()),
    };
    Failure::rejected(format!("key refused: {error}{hint}"))
}
