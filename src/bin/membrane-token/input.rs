//! Reading the secret, tokens and payloads from the environment, files and stdin.

use std::io::Read;
use std::path::Path;

use membrane_token::Secret;
use zeroize::Zeroizing;

use crate::Failure;

/// The environment variable the secret is read from.
pub const SECRET_ENV: &str = "MEMBRANE_WORKSPACE_SECRET";

/// Reads the secret from `--secret-file` or else the environment. The bytes only ever
/// live in zeroizing buffers here (the environment's own copy is the OS's).
pub fn secret(file: Option<&Path>) -> Result<Secret, Failure> {
    let mut bytes = match file {
        Some(path) => read_source(path, "secret file")?,
        None => match std::env::var_os(SECRET_ENV) {
            Some(value) => Zeroizing::new(
                value
                    .into_string()
                    .map_err(|_| Failure::usage(format!("{SECRET_ENV} is not valid UTF-8")))?
                    .into_bytes(),
            ),
            None => {
                return Err(Failure::usage(format!(
                    "no secret: set {SECRET_ENV} or pass --secret-file PATH (- for stdin)"
                )))
            }
        },
    };
    strip_one_newline(&mut bytes);
    if bytes.is_empty() {
        return Err(Failure::usage("the secret is empty".into()));
    }
    Ok(Secret::new(std::mem::take(&mut *bytes)))
}

/// Reads a whole file, or stdin for `-`, into zeroizing memory.
fn read_source(path: &Path, what: &str) -> Result<Zeroizing<Vec<u8>>, Failure> {
    let mut bytes = Zeroizing::new(Vec::new());
    let result = if path == Path::new("-") {
        std::io::stdin().lock().read_to_end(&mut bytes)
    } else {
        std::fs::File::open(path).and_then(|mut f| f.read_to_end(&mut bytes))
    };
    result.map_err(|e| Failure::usage(format!("cannot read {what} {}: {e}", path.display())))?;
    Ok(bytes)
}

fn strip_one_newline(bytes: &mut Vec<u8>) {
    if bytes.last() == Some(&b'\n') {
        bytes.pop();
        if bytes.last() == Some(&b'\r') {
            bytes.pop();
        }
    }
}

/// Reads UTF-8 text from a file or stdin (`-`), one trailing newline stripped.
pub fn text(path: &Path, what: &str) -> Result<String, Failure> {
    let mut bytes = read_source(path, what)?;
    strip_one_newline(&mut bytes);
    String::from_utf8(std::mem::take(&mut *bytes))
        .map_err(|_| Failure::usage(format!("{what} is not valid UTF-8")))
}

/// The token argument: as given, or read from stdin for `-`; surrounding whitespace
/// (a newline from `echo`) is removed.
pub fn token(arg: &str) -> Result<String, Failure> {
    let text = if arg == "-" {
        text(Path::new("-"), "token")?
    } else {
        arg.to_owned()
    };
    Ok(text.trim().to_owned())
}
