//! `membrane-token`: mint, encode, verify and inspect Membrane tokens from the shell.
//!
//! Exit codes (a stable contract): 0 success; 1 token invalid or key refused; 2 usage
//! or input error, including any internal error (a panic is caught and reported).
//! `verify` exits 0 only for a verified token: its `--help` exits 2 (see `usage`).
#![forbid(unsafe_code)]
// Input paths must not panic (a panic would still exit 2, but is a bug): as in the
// library, CI's `-D warnings` turns these into errors.
#![warn(clippy::unwrap_used, clippy::expect_used, clippy::indexing_slicing)]

mod cli;
mod commands;
mod input;
mod keygen;
mod keys;
mod usage;

use std::io::Write;
use std::process::ExitCode;

use clap::Parser;

/// Why a command failed, with the exit code it maps to. Messages never hold the secret.
#[derive(Debug)]
pub struct Failure {
    code: u8,
    message: String,
}

impl Failure {
    /// Exit 1: the token is invalid, or the key was refused.
    pub fn rejected(message: String) -> Failure {
        Failure { code: 1, message }
    }

    /// Exit 2: bad usage or unreadable/invalid input.
    pub fn usage(message: String) -> Failure {
        Failure { code: 2, message }
    }
}

fn main() -> ExitCode {
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `try_parse_from`, not `parse`: clap's own error output quotes what was typed,
    // and its help exits 0 even under `verify`; `usage` renders both our way.
    let cli = match cli::Cli::try_parse_from(&args) {
        Ok(cli) => cli,
        Err(error) => return usage::report(&error, &args),
    };
    // Silence the default panic report (it could quote data); report our own line.
    std::panic::set_hook(Box::new(|_| {}));
    let outcome = std::panic::catch_unwind(|| commands::run(cli.command))
        .unwrap_or_else(|_| Err(Failure::usage("internal error (this is a bug)".into())));
    match outcome {
        Ok(output) => match std::io::stdout().lock().write_all(output.as_bytes()) {
            Ok(()) => ExitCode::SUCCESS,
            // A closed pipe (`| head`) is the reader's choice, not an error.
            Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("membrane-token: cannot write output: {e}");
                ExitCode::from(2)
            }
        },
        Err(failure) => {
            eprintln!("membrane-token: {}", failure.message);
            ExitCode::from(failure.code)
        }
    }
}
