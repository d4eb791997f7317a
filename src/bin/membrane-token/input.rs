//! Reading the secret, tokens and payloads from the environment, files and stdin.
//!
//! Every read is bounded: a file or stdin may be endless (`/dev/zero`, a pipe), so each
//! source is read through `Read::take` and refused once more than its limit arrives;
//! memory stays proportional to the limit, never to the input.

use std::io::Read;
use std::path::Path;

use membrane_token::{Secret, DEFAULT_MAX_TOKEN_LEN};
use zeroize::Zeroizing;

use crate::Failure;

/// The environment variable the secret is read from.
pub const SECRET_ENV: &str = "MEMBRANE_WORKSPACE_SECRET";

/// The longest token read from stdin: the verifier's own limit.
pub const TOKEN_LIMIT: usize = DEFAULT_MAX_TOKEN_LEN;
/// The longest payload file.
pub const PAYLOAD_LIMIT: usize = 1 << 20;
/// The longest secret file (Membrane's secrets are 64 bytes; this is generous).
pub const SECRET_LIMIT: usize = 64 << 10;
/// The longest key file: an RSA 4096 private key is about 3.3 KB as PEM and as JWK.
pub const KEY_LIMIT: usize = 64 << 10;

/// A bounded source: what it is called in messages, its flag, and its limit.
struct Source {
    what: &'static str,
    flag: &'static str,
    limit: usize,
    limit_text: &'static str,
}

const SECRET_FILE: Source = Source {
    what: "secret file",
    flag: "--secret-file",
    limit: SECRET_LIMIT,
    limit_text: "65536 bytes (64 KiB)",
};

const PAYLOAD_FILE: Source = Source {
    what: "payload file",
    flag: "--payload-file",
    limit: PAYLOAD_LIMIT,
    limit_text: "1048576 bytes (1 MiB)",
};

/// Where a key comes from: its flag, what the file holds, and the environment variable
/// that may hold the key's text instead.
pub struct KeyFile {
    pub flag: &'static str,
    pub what: &'static str,
    pub env: &'static str,
}

/// `--private-key-file` or `MEMBRANE_PRIVATE_KEY`.
pub const PRIVATE_KEY_FILE: KeyFile = KeyFile {
    flag: "--private-key-file",
    what: "private key file",
    env: "MEMBRANE_PRIVATE_KEY",
};

/// `--public-key-file` or `MEMBRANE_PUBLIC_KEY`.
pub const PUBLIC_KEY_FILE: KeyFile = KeyFile {
    flag: "--public-key-file",
    what: "public key file",
    env: "MEMBRANE_PUBLIC_KEY",
};

/// Why a bounded read failed.
enum ReadError {
    /// More than the limit arrived (after the one line ending allowed).
    TooLong,
    /// The OS refused; holds the message to show (never the path).
    Io(String),
}

/// Reads the secret from `--secret-file` or else the environment. The bytes only ever
/// live in zeroizing buffers here (the environment's own copy is the OS's).
pub fn secret(file: Option<&Path>) -> Result<Secret, Failure> {
    let mut bytes = match file {
        Some(path) => {
            read_line_source(path, &SECRET_FILE).map_err(|e| file_failure(e, &SECRET_FILE))?
        }
        None => secret_from_env()?,
    };
    if bytes.is_empty() {
        return Err(Failure::usage("the secret is empty".into()));
    }
    Ok(Secret::new(std::mem::take(&mut *bytes)))
}

fn secret_from_env() -> Result<Zeroizing<Vec<u8>>, Failure> {
    let Some(value) = std::env::var_os(SECRET_ENV) else {
        return Err(Failure::usage(format!(
            "no secret: set {SECRET_ENV} or pass --secret-file PATH (- for stdin)"
        )));
    };
    let mut bytes = Zeroizing::new(
        value
            .into_string()
            .map_err(|_| Failure::usage(format!("{SECRET_ENV} is not valid UTF-8")))?
            .into_bytes(),
    );
    strip_one_line_ending(&mut bytes);
    Ok(bytes)
}

/// The message for a failed file read. It names the flag, never the path: a path typed
/// in the wrong place may be the secret itself.
fn file_failure(error: ReadError, source: &Source) -> Failure {
    Failure::usage(match error {
        ReadError::TooLong => format!(
            "the {} ({}) is longer than {}",
            source.what, source.flag, source.limit_text
        ),
        ReadError::Io(reason) => {
            format!("cannot read {} ({}): {reason}", source.what, source.flag)
        }
    })
}

/// Reads a file, or stdin for `-`, as one line: at most `source.limit` bytes after one
/// trailing `\n` or `\r\n` is removed (nothing else is).
fn read_line_source(path: &Path, source: &Source) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    if path == Path::new("-") {
        read_line(std::io::stdin().lock(), source.limit)
    } else {
        let file = std::fs::File::open(path).map_err(io_reason)?;
        read_line(file, source.limit)
    }
}

/// Reads at most `limit` bytes of content plus a line ending from `reader`.
fn read_line(reader: impl Read, limit: usize) -> Result<Zeroizing<Vec<u8>>, ReadError> {
    // Room for the content, a `\r\n`, and one byte more: that byte arriving is how an
    // over-long input is told apart from one exactly at the limit.
    let cap = limit.saturating_add(3);
    // Allocated once at full size: `Take` ends the read at `cap`, so the buffer never
    // grows, and a growing buffer would leave copies of secret bytes behind unwiped.
    let mut bytes = Zeroizing::new(Vec::with_capacity(cap));
    reader
        .take(u64::try_from(cap).unwrap_or(u64::MAX))
        .read_to_end(&mut bytes)
        .map_err(io_reason)?;
    strip_one_line_ending(&mut bytes);
    if bytes.len() > limit {
        return Err(ReadError::TooLong);
    }
    Ok(bytes)
}

fn io_reason(error: std::io::Error) -> ReadError {
    ReadError::Io(os_reason(&error))
}

/// The OS's own description of an error (fixed text such as "No such file or
/// directory"), which never contains the path.
pub fn os_reason(error: &std::io::Error) -> String {
    match error.raw_os_error() {
        Some(_) => error.to_string(),
        None => error.kind().to_string(),
    }
}

/// Removes exactly one trailing `\n` or `\r\n`: what `echo` or an editor adds.
fn strip_one_line_ending(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

/// The key's text from its environment variable (`None` when unset), in zeroizing
/// memory (the environment's own copy is the OS's), at most [`KEY_LIMIT`] bytes.
pub fn key_env(file: &KeyFile) -> Result<Option<Zeroizing<String>>, Failure> {
    let Some(value) = std::env::var_os(file.env) else {
        return Ok(None);
    };
    let text = Zeroizing::new(
        value
            .into_string()
            .map_err(|_| Failure::usage(format!("{} is not valid UTF-8", file.env)))?,
    );
    if text.len() > KEY_LIMIT {
        return Err(Failure::usage(format!(
            "{} is longer than 65536 bytes (64 KiB)",
            file.env
        )));
    }
    Ok(Some(text))
}

/// Reads a key file (or stdin for `-`): PEM or JWK text, at most [`KEY_LIMIT`] bytes,
/// into zeroizing memory, so the text of a private key is wiped once it is parsed.
pub fn key_text(path: &Path, file: &KeyFile) -> Result<Zeroizing<String>, Failure> {
    let source = Source {
        what: file.what,
        flag: file.flag,
        limit: KEY_LIMIT,
        limit_text: "65536 bytes (64 KiB)",
    };
    let mut bytes = read_line_source(path, &source).map_err(|e| file_failure(e, &source))?;
    // Moved, not copied: the String takes over the zeroizing buffer's allocation.
    match String::from_utf8(std::mem::take(&mut *bytes)) {
        Ok(text) => Ok(Zeroizing::new(text)),
        Err(not_utf8) => {
            // Wipe the bytes the failed conversion hands back.
            drop(Zeroizing::new(not_utf8.into_bytes()));
            Err(Failure::usage(format!(
                "the {} ({}) is not text: give a PEM block or a JWK \
                 (convert a DER file to PEM first)",
                file.what, file.flag
            )))
        }
    }
}

/// Reads the payload file (or stdin for `-`) as UTF-8 text, one trailing newline
/// stripped, at most [`PAYLOAD_LIMIT`] bytes.
pub fn payload(path: &Path) -> Result<String, Failure> {
    let mut bytes =
        read_line_source(path, &PAYLOAD_FILE).map_err(|e| file_failure(e, &PAYLOAD_FILE))?;
    String::from_utf8(std::mem::take(&mut *bytes))
        .map_err(|_| Failure::usage("the payload file (--payload-file) is not valid UTF-8".into()))
}

/// The token argument exactly as given, or for `-` one line read from stdin (at most
/// [`TOKEN_LIMIT`] bytes after one `\n` or `\r\n` is removed). Nothing is trimmed: the
/// library refuses surrounding whitespace and a `Bearer ` prefix by name, and the CLI
/// follows the same rule. `context` starts the exit-1 message ("token rejected").
pub fn token(arg: &str, context: &str) -> Result<String, Failure> {
    if arg != "-" {
        return Ok(arg.to_owned());
    }
    let mut bytes = read_line(std::io::stdin().lock(), TOKEN_LIMIT).map_err(|e| match e {
        // Too long is a property of the token, so it is a rejection (exit 1), the
        // same as the library's limit on a token given as an argument.
        ReadError::TooLong => Failure::rejected(format!(
            "{context}: token is longer than {TOKEN_LIMIT} bytes"
        )),
        ReadError::Io(reason) => {
            Failure::usage(format!("cannot read the token from stdin: {reason}"))
        }
    })?;
    String::from_utf8(std::mem::take(&mut *bytes))
        .map_err(|_| Failure::usage("the token on stdin is not valid UTF-8".into()))
}
