//! The command line, as clap sees it. The flag names are a stable contract.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand};
use membrane_token::{Algorithm, Profile};

#[derive(Parser, Debug)]
#[command(
    name = "membrane-token",
    version,
    about = "Mint, encode, verify and inspect Membrane auth tokens (JWTs signed with the \
        workspace secret or a private key).",
    long_about = "Mint, encode, verify and inspect Membrane auth tokens (JWTs signed with \
        the workspace secret or a private key).\n\n\
        HS256/384/512 sign with the workspace secret, read from the \
        MEMBRANE_WORKSPACE_SECRET environment variable or from --secret-file PATH (- for \
        stdin; one trailing newline is stripped). RS*, PS*, ES* and EdDSA sign with a \
        private key read from --private-key-file PATH (PEM or JWK; - for stdin) or the \
        MEMBRANE_PRIVATE_KEY environment variable, and verify with --public-key-file \
        PATH or MEMBRANE_PUBLIC_KEY; `keygen` makes a key pair. No option takes \
        a secret or a key itself, so neither lands in shell history or process \
        listings, and neither is ever printed.\n\n\
        Exit codes: 0 success; 1 token invalid or key refused; 2 usage or input error. \
        `verify --help` exits with 2 too, so exit 0 from verify always means a verified \
        token.",
    after_help = "Example:\n  MEMBRANE_WORKSPACE_SECRET=$(cat secret.txt) membrane-token sign --key ws_7f3c2a9e --id customer-42 --name 'Acme Inc.'"
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Mint a Membrane token (customer, tenant, workspace-level or admin).
    #[command(after_help = "Examples:\n  \
        membrane-token sign --key ws_7f3c2a9e --id customer-42 --name 'Acme Inc.' --field 'userField=\"pro\"'\n  \
        membrane-token sign --key ws_7f3c2a9e --tenant tenant-1 --name 'Tenant One' --alg HS256\n  \
        membrane-token sign --key ws_7f3c2a9e --admin --ttl 300")]
    Sign(SignArgs),
    /// Sign a JSON payload (optionally re-serialized as a given library would).
    #[command(after_help = "Examples:\n  \
        echo '{\"id\":\"u-1\",\"iss\":\"ws_7f3c2a9e\",\"exp\":1800000000}' | membrane-token encode --profile python --payload-file -\n  \
        membrane-token encode --alg HS256 --header '{\"alg\":\"HS256\"}' --payload '{\"sub\":\"x\"}'")]
    Encode(EncodeArgs),
    /// Verify a token strictly and print its payload.
    #[command(
        long_about = "Verify a token strictly and print its payload.\n\n\
            Exit 0 means a token was verified, and nothing else: showing this help exits \
            with 2, so a script that runs `membrane-token verify \"$TOKEN\"` cannot be \
            told `--help` in place of a token. A token that starts with '-' must follow \
            `--` (membrane-token verify --key KEY -- \"$TOKEN\") or come on stdin (-), or \
            it is read as an option.\n\n\
            The token argument is used exactly as given (no trimming); on stdin it is one \
            line: one trailing \\n or \\r\\n is removed, nothing else, and more than \
            16384 bytes is refused.\n\n\
            With --request the token is checked as the X-Membrane-Token Membrane sends to \
            a connector: --key is required and iss must equal it, sub is required, exp \
            is checked when present, and the algorithm is picked by the MAC's length \
            among HS256, HS384 and HS512 (only --alg's, when given).",
        after_help = "Examples:\n  \
            membrane-token verify --key ws_7f3c2a9e \"$TOKEN\"\n  \
            membrane-token verify --key ws_7f3c2a9e -- \"$TOKEN\"\n  \
            echo \"$TOKEN\" | membrane-token verify --alg HS256 --key ws_7f3c2a9e --leeway 30 --json -\n  \
            membrane-token verify --request --key ws_7f3c2a9e \"$X_MEMBRANE_TOKEN\""
    )]
    Verify(VerifyArgs),
    /// Print a token's header and payload WITHOUT verifying it.
    #[command(after_help = "Examples:\n  \
        membrane-token decode \"$TOKEN\"\n  \
        echo \"$TOKEN\" | membrane-token decode --json -")]
    Decode(DecodeArgs),
    /// Generate a private key (PKCS#8 PEM, mode 0600) and print its public key.
    #[command(
        long_about = "Generate a private key for RS*, PS*, ES* or EdDSA from the operating \
            system's random number generator, write it to --out as PKCS#8 PEM with mode \
            0600 (an existing file is never overwritten), and print the public key: SPKI \
            PEM, ready to paste into the workspace settings in Membrane, or a JWK with \
            --jwk.\n\n\
            RSA keys are 2048 bits for RS256/PS256, 3072 for RS384/PS384 and 4096 for \
            RS512/PS512 unless --bits says otherwise (2048, 3072 or 4096).",
        after_help = "Examples:\n  \
            membrane-token keygen --alg ES256 --out membrane-es256.pem\n  \
            membrane-token keygen --alg RS256 --bits 3072 --out membrane-rs256.pem --jwk"
    )]
    Keygen(KeygenArgs),
    /// Print the public key of a private key (SPKI PEM, or JWK with --jwk).
    #[command(after_help = "Examples:\n  \
        membrane-token pubkey --private-key-file membrane-es256.pem\n  \
        membrane-token pubkey --private-key-file membrane-es256.pem --jwk")]
    Pubkey(PubkeyArgs),
}

#[derive(Args, Debug)]
pub struct SecretArgs {
    /// Read the secret from this file (- for stdin) instead of MEMBRANE_WORKSPACE_SECRET.
    #[arg(long, value_name = "PATH")]
    pub secret_file: Option<PathBuf>,
    /// Accept a secret shorter than RFC 7518 asks (32/48/64 bytes for HS256/384/512), or
    /// an RSA key below 2048 bits (from 1024) or with a small exponent (from 3).
    #[arg(long)]
    pub allow_weak_key: bool,
}

/// The `--alg` values, for help texts.
pub const ALGS: &str =
    "HS256|HS384|HS512|RS256|RS384|RS512|PS256|PS384|PS512|ES256|ES384|ES512|EdDSA";

#[derive(Args, Debug)]
pub struct SignArgs {
    /// The workspace key.
    #[arg(long, value_name = "KEY")]
    pub key: String,
    /// Quick-start customer token for this customer id (needs --name).
    #[arg(long, value_name = "ID", group = "kind")]
    pub id: Option<String>,
    /// Current-format tenant token for this tenant key.
    #[arg(long, value_name = "TENANT", group = "kind")]
    pub tenant: Option<String>,
    /// Workspace-level token (no tenant).
    #[arg(long, group = "kind")]
    pub workspace_level: bool,
    /// Workspace management (admin) token.
    #[arg(long, group = "kind")]
    pub admin: bool,
    /// Display name of the customer (required with --id) or tenant.
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,
    /// A field, as NAME=JSON (repeatable; order kept), e.g. plan='"pro"' or seats=25.
    #[arg(long = "field", value_name = "NAME=JSON")]
    pub fields: Vec<String>,
    /// Signing algorithm: HS* sign with the workspace secret, RS*/PS*/ES*/EdDSA with
    /// --private-key-file.
    #[arg(long, value_name = ALGS, default_value_t = Algorithm::Hs512)]
    pub alg: Algorithm,
    /// Lifetime in seconds.
    #[arg(long, value_name = "SECS", default_value_t = membrane_token::DEFAULT_TTL_SECS)]
    pub ttl: u64,
    /// Issue time as Unix seconds (default: now).
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,
    /// Whose bytes to produce.
    #[arg(long, value_name = "node|python|go|go1.22|ruby|java|php", default_value_t = Profile::Node)]
    pub profile: Profile,
    /// The private key for RS*/PS*/ES*/EdDSA: a PEM file (PKCS#8, PKCS#1 or SEC1) or a
    /// JWK (- for stdin); without it, MEMBRANE_PRIVATE_KEY holds the key's text. Read
    /// into memory that is wiped after use; never printed.
    #[arg(long, value_name = "PATH|-")]
    pub private_key_file: Option<PathBuf>,
    /// Name the key in the header's kid (1 to 256 of A-Z a-z 0-9 - _ . : ~ + =).
    #[arg(long, value_name = "KID", conflicts_with = "kid_thumbprint")]
    pub kid: Option<String>,
    /// Name the key in the header's kid by its RFC 7638 thumbprint (key pairs only).
    #[arg(long)]
    pub kid_thumbprint: bool,
    #[command(flatten)]
    pub secret: SecretArgs,
}

#[derive(Args, Debug)]
pub struct EncodeArgs {
    /// Signing algorithm: HS* sign with the workspace secret, RS*/PS*/ES*/EdDSA with
    /// --private-key-file.
    #[arg(long, value_name = ALGS, default_value_t = Algorithm::Hs512)]
    pub alg: Algorithm,
    /// Re-serialize the payload as this library would (member order kept, except where
    /// the library sorts). Without it the payload bytes are signed as given.
    #[arg(long, value_name = "node|python|go|go1.22|ruby|java|php")]
    pub profile: Option<Profile>,
    /// Header JSON, signed byte for byte as given (default: the profile's header).
    #[arg(long, value_name = "JSON")]
    pub header: Option<String>,
    /// Payload JSON.
    #[arg(long, value_name = "JSON", group = "payload_source", required = true)]
    pub payload: Option<String>,
    /// Read the payload JSON from a file (- for stdin; one trailing newline stripped).
    #[arg(long, value_name = "PATH|-", group = "payload_source", required = true)]
    pub payload_file: Option<PathBuf>,
    /// The private key for RS*/PS*/ES*/EdDSA: a PEM file (PKCS#8, PKCS#1 or SEC1) or a
    /// JWK (- for stdin); without it, MEMBRANE_PRIVATE_KEY holds the key's text. Read
    /// into memory that is wiped after use; never printed.
    #[arg(long, value_name = "PATH|-")]
    pub private_key_file: Option<PathBuf>,
    /// Name the key in the header's kid (1 to 256 of A-Z a-z 0-9 - _ . : ~ + =).
    #[arg(long, value_name = "KID", conflicts_with = "kid_thumbprint")]
    pub kid: Option<String>,
    /// Name the key in the header's kid by its RFC 7638 thumbprint (key pairs only).
    #[arg(long)]
    pub kid_thumbprint: bool,
    #[command(flatten)]
    pub secret: SecretArgs,
}

#[derive(Args, Debug)]
pub struct VerifyArgs {
    /// The algorithm the token must use (pinned; the header cannot change it). Default
    /// HS512; with --request, default any of HS256/384/512, picked by the MAC's length.
    /// RS*/PS*/ES*/EdDSA need --public-key-file.
    #[arg(long, value_name = ALGS)]
    pub alg: Option<Algorithm>,
    /// Check a connector request token (X-Membrane-Token): needs --key, requires sub,
    /// exp optional.
    #[arg(long)]
    pub request: bool,
    /// The workspace key that `iss` (or `workspaceKey`) must equal; without it the
    /// issuer is not checked. Required with --request (there `iss` must equal it).
    #[arg(long, value_name = "KEY")]
    pub key: Option<String>,
    /// Check times as of this Unix time (default: now).
    #[arg(long, value_name = "UNIX")]
    pub now: Option<u64>,
    /// Seconds of clock skew tolerated for exp, nbf and iat.
    #[arg(long, value_name = "SECS", default_value_t = 0)]
    pub leeway: u64,
    /// Print an object with header, payload and the checks made.
    #[arg(long)]
    pub json: bool,
    /// The token, or - to read it from stdin (a token starting with '-' goes after --).
    #[arg(value_name = "TOKEN|-")]
    pub token: String,
    /// The public key for RS*/PS*/ES*/EdDSA: a PEM file (SPKI or PKCS#1) or a JWK (- for
    /// stdin), as registered in the workspace settings; without it, MEMBRANE_PUBLIC_KEY
    /// holds the key's text.
    #[arg(long, value_name = "PATH|-")]
    pub public_key_file: Option<PathBuf>,
    #[command(flatten)]
    pub secret: SecretArgs,
}

#[derive(Args, Debug)]
pub struct DecodeArgs {
    /// Print one JSON object with header and payload.
    #[arg(long)]
    pub json: bool,
    /// The token, or - to read it from stdin (a token starting with '-' goes after --).
    #[arg(value_name = "TOKEN|-")]
    pub token: String,
}

#[derive(Args, Debug)]
pub struct KeygenArgs {
    /// The algorithm the key is for: RS*, PS*, ES* or EdDSA.
    #[arg(long, value_name = "RS256|...|ES256|ES384|ES512|EdDSA")]
    pub alg: Algorithm,
    /// Where to write the private key (PKCS#8 PEM, mode 0600; must not exist yet).
    #[arg(long, value_name = "PATH")]
    pub out: PathBuf,
    /// RSA modulus size: 2048, 3072 or 4096 (default by --alg: 2048, 3072, 4096 for
    /// the 256, 384 and 512 variants).
    #[arg(long, value_name = "2048|3072|4096")]
    pub bits: Option<usize>,
    /// Print the public key as a JWK (RFC 7638 members) instead of PEM.
    #[arg(long)]
    pub jwk: bool,
}

#[derive(Args, Debug)]
pub struct PubkeyArgs {
    /// The private key: a PEM file (PKCS#8, PKCS#1 or SEC1) or a JWK (- for stdin).
    #[arg(long, value_name = "PATH|-")]
    pub private_key_file: PathBuf,
    /// Print a JWK (RFC 7638 members) instead of SPKI PEM.
    #[arg(long)]
    pub jwk: bool,
}
