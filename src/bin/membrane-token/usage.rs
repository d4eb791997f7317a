//! Command-line errors, rendered by us instead of clap.
//!
//! clap's own messages quote what was typed: the unknown option, the rejected value.
//! What was typed may be a secret pasted in the wrong place, or 100 KB of attacker
//! text, so a message here names only things this program defines (its flag and
//! subcommand names, the values they accept) and positions ("argument 3"). Text from
//! clap's error context is used only after it is matched against our own definitions,
//! and then our definition's copy is printed, never the context's.
//!
//! Help and version go to stdout with exit 0, except under `verify`: there exit 0 must
//! mean a verified token, and `membrane-token verify "$TOKEN"` with `TOKEN=--help`
//! must not pass a script's `if`.

use std::ffi::OsString;
use std::io::Write;
use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};
use clap::{CommandFactory, Parser};

use crate::cli::Cli;

/// No usage message is longer than this (bytes), whatever was typed.
pub const MAX_MESSAGE_LEN: usize = 300;

/// The one subcommand whose help must not exit 0.
const VERIFY: &str = "verify";

/// Reports a failed parse and returns the exit code: help and version to stdout (exit
/// 0, or 2 under `verify`), anything else one bounded line on stderr (exit 2).
pub fn report(error: &clap::Error, args: &[OsString]) -> ExitCode {
    match error.kind() {
        ErrorKind::DisplayHelp | ErrorKind::DisplayVersion => show_help(error, args),
        _ => {
            let message = bounded(message(error, args));
            eprintln!("membrane-token: {message}");
            ExitCode::from(2)
        }
    }
}

/// Prints clap's help or version text (made from our definitions only) to stdout.
fn show_help(error: &clap::Error, args: &[OsString]) -> ExitCode {
    let text = error.render().to_string();
    // A closed pipe (`| head`) is the reader's choice; the exit code stays the contract.
    let _ = std::io::stdout().lock().write_all(text.as_bytes());
    if subcommand_of(args) == Some(VERIFY) {
        eprintln!("membrane-token: help shown; verify exits 0 only for a verified token");
        return ExitCode::from(2);
    }
    ExitCode::SUCCESS
}

/// Our name of the subcommand being run. The top level has no option that takes a
/// value (only `--help` and `--version`), so clap reads the first argument as the
/// subcommand, and only an exact match counts (no aliases, no inferred prefixes).
/// `help verify` is the `help` subcommand: it shows verify's help with exit 0, but is
/// never reachable by a token placed after `verify`.
fn subcommand_of(args: &[OsString]) -> Option<&'static str> {
    let first = args.get(1)?;
    SUBCOMMANDS.into_iter().find(|name| first == name)
}

/// Every subcommand, as typed.
const SUBCOMMANDS: [&str; 6] = ["sign", "encode", "verify", "decode", "keygen", "pubkey"];

/// The message for each kind of error, from our definitions and positions only.
fn message(error: &clap::Error, args: &[OsString]) -> String {
    let ours = Definitions::new();
    let flag = context_strings(error, ContextKind::InvalidArg)
        .first()
        .and_then(|text| ours.name_of(text));
    let culprit = position(error.kind(), args);
    let at = culprit.map_or_else(String::new, |n| format!(" (argument {n})"));
    let hint = hint(args);
    match error.kind() {
        ErrorKind::UnknownArgument => {
            let option = culprit
                .and_then(|n| args.get(n))
                .is_none_or(|arg| arg.as_encoded_bytes().starts_with(b"-"));
            unknown_argument(error, args, &ours, option, &at, &hint)
        }
        ErrorKind::InvalidSubcommand => {
            format!("unrecognized subcommand{at}; expected sign, encode, verify, decode, keygen or pubkey{hint}")
        }
        ErrorKind::InvalidValue | ErrorKind::ValueValidation => {
            invalid_value(error, flag.as_deref(), &at, &hint)
        }
        ErrorKind::ArgumentConflict => conflict(error, &ours, flag.as_deref(), &hint),
        ErrorKind::MissingRequiredArgument => missing(error, &ours, &hint),
        ErrorKind::MissingSubcommand | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand => {
            "missing subcommand: sign, encode, verify, decode, keygen or pubkey \
             (see membrane-token --help)"
                .to_owned()
        }
        ErrorKind::InvalidUtf8 => format!("an argument is not valid UTF-8{at}{hint}"),
        ErrorKind::TooManyValues
        | ErrorKind::TooFewValues
        | ErrorKind::WrongNumberOfValues
        | ErrorKind::NoEquals => match flag {
            Some(flag) => format!("wrong number of values for {flag}{at}{hint}"),
            None => format!("wrong number of values{at}{hint}"),
        },
        _ => format!("invalid command line{at}{hint}"),
    }
}

/// `option`: whether the argument looks like one (starts with '-'), rather than
/// being a value too many.
fn unknown_argument(
    error: &clap::Error,
    args: &[OsString],
    ours: &Definitions,
    option: bool,
    at: &str,
    hint: &str,
) -> String {
    if !option {
        return format!("unexpected argument{at}: a value where none is taken{hint}");
    }
    let typed = context_strings(error, ContextKind::InvalidArg);
    // Compared, never printed: a fixed reply for the option people expect to exist.
    if typed.first().is_some_and(|t| t == "--secret") {
        return format!(
            "unexpected argument{at}: no option takes the secret; set \
             MEMBRANE_WORKSPACE_SECRET or use --secret-file PATH{hint}"
        );
    }
    let suggestion = context_strings(error, ContextKind::SuggestedArg)
        .first()
        .and_then(|text| ours.name_of(text))
        .map_or_else(String::new, |flag| format!(" (did you mean {flag}?)"));
    // Under the subcommands that take a token, an unknown "option" may be a token.
    let dash = match subcommand_of(args) {
        Some("verify" | "decode") => "; a token starting with '-' goes after --",
        _ => "",
    };
    format!("unexpected argument{at}{suggestion}{dash}{hint}")
}

fn invalid_value(error: &clap::Error, flag: Option<&str>, at: &str, hint: &str) -> String {
    let Some(flag) = flag else {
        return format!("invalid value{at}{hint}");
    };
    // Whether the value is empty is all that is read of it.
    let empty = context_strings(error, ContextKind::InvalidValue)
        .first()
        .is_some_and(String::is_empty);
    if empty && error.kind() == ErrorKind::InvalidValue {
        return format!("{flag} needs a value{at}{hint}");
    }
    match expected(flag) {
        Some(expected) => format!("invalid value for {flag}{at}; expected {expected}"),
        None => format!("invalid value for {flag}{at}{hint}"),
    }
}

/// What each value-taking flag accepts, in our words.
fn expected(flag: &str) -> Option<&'static str> {
    Some(match flag {
        "--alg" => {
            "one of HS256, HS384, HS512, RS256, RS384, RS512, PS256, PS384, PS512, ES256, \
             ES384, ES512, EdDSA"
        }
        "--bits" => "2048, 3072 or 4096",
        "--profile" => "one of node, python, go, go1.22, ruby, java, php",
        "--now" => "Unix seconds (a whole number, 0 or more)",
        "--ttl" | "--leeway" => "a whole number of seconds (0 or more)",
        _ => return None,
    })
}

fn conflict(error: &clap::Error, ours: &Definitions, flag: Option<&str>, hint: &str) -> String {
    let prior = context_strings(error, ContextKind::PriorArg)
        .iter()
        .find_map(|text| ours.name_of(text));
    match (flag, prior) {
        (Some(flag), Some(prior)) if flag == prior => format!("{flag} is given more than once"),
        (Some(flag), Some(prior)) => format!("{flag} cannot be used with {prior}{hint}"),
        (Some(flag), None) => format!("{flag} cannot be used with the other arguments{hint}"),
        _ => format!("arguments that cannot be used together{hint}"),
    }
}

fn missing(error: &clap::Error, ours: &Definitions, hint: &str) -> String {
    // clap lists the missing arguments as our own definitions render them; each is
    // mapped back to our name.
    let names: Vec<String> = context_strings(error, ContextKind::InvalidArg)
        .iter()
        .flat_map(|text| ours.names_in(text))
        .collect();
    if names.is_empty() {
        return format!("a required argument is missing{hint}");
    }
    // Members of one required group (`--payload`, `--payload-file`) are alternatives.
    let separator = if ours.one_group(&names) { " or " } else { ", " };
    format!("missing required argument {}{hint}", names.join(separator))
}

/// "; see membrane-token SUB --help" for our subcommand, else the top level's.
fn hint(args: &[OsString]) -> String {
    match subcommand_of(args) {
        Some(sub) => format!("; see membrane-token {sub} --help"),
        None => "; see membrane-token --help".to_owned(),
    }
}

/// The 1-based position (after the program name) of the argument clap stopped at,
/// for the kinds that blame one argument.
///
/// clap reads left to right and stops at the first such error, so a prefix of the
/// arguments fails with the same kind exactly when it includes the culprit: the
/// shortest such prefix ends at it. Binary search keeps this O(n log n) in parses.
fn position(kind: ErrorKind, args: &[OsString]) -> Option<usize> {
    let blames_one = matches!(
        kind,
        ErrorKind::UnknownArgument
            | ErrorKind::InvalidSubcommand
            | ErrorKind::InvalidValue
            | ErrorKind::ValueValidation
            | ErrorKind::InvalidUtf8
    );
    if !blames_one || args.len() < 2 {
        return None;
    }
    let fails_by = |len: usize| {
        args.get(..len)
            .is_some_and(|prefix| Cli::try_parse_from(prefix).is_err_and(|e| e.kind() == kind))
    };
    // Invariant: the prefix of `high` arguments fails this way, that of `low` does not.
    let (mut low, mut high) = (1, args.len());
    if !fails_by(high) {
        return None;
    }
    while high - low > 1 {
        let mid = low + (high - low) / 2;
        if fails_by(mid) {
            high = mid;
        } else {
            low = mid;
        }
    }
    // `high` arguments include the program name, so the culprit is argument high - 1.
    Some(high - 1)
}

/// The strings clap put under `kind` in the error's context.
fn context_strings(error: &clap::Error, kind: ContextKind) -> Vec<String> {
    match error.get(kind) {
        Some(ContextValue::String(text)) => vec![text.clone()],
        Some(ContextValue::Strings(texts)) => texts.clone(),
        _ => Vec::new(),
    }
}

/// The names this program defines: every `--long` and `-s` flag and every positional
/// value name, collected from the clap definitions so they cannot drift.
struct Definitions {
    flags: Vec<String>,
    positionals: Vec<String>,
    /// The `--long` names of each argument group's members.
    groups: Vec<Vec<String>>,
}

impl Definitions {
    fn new() -> Definitions {
        let mut ours = Definitions {
            flags: Vec::new(),
            positionals: Vec::new(),
            groups: Vec::new(),
        };
        let mut top = Cli::command();
        // Built, so the implicit groups of the derive (`group = "..."`) and the help and
        // version flags exist.
        top.build();
        ours.add(&top);
        for sub in top.get_subcommands() {
            ours.add(sub);
        }
        ours
    }

    fn add(&mut self, command: &clap::Command) {
        for arg in command.get_arguments() {
            if let Some(long) = arg.get_long() {
                self.flags.push(format!("--{long}"));
            }
            if let Some(short) = arg.get_short() {
                self.flags.push(format!("-{short}"));
            }
            if arg.is_positional() {
                for name in arg.get_value_names().unwrap_or_default() {
                    self.positionals.push(name.to_string());
                }
            }
        }
        for group in command.get_groups() {
            let members = group
                .get_args()
                .filter_map(|id| command.get_arguments().find(|arg| arg.get_id() == id))
                .filter_map(|arg| arg.get_long().map(|long| format!("--{long}")))
                .collect();
            self.groups.push(members);
        }
    }

    /// Whether all of `names` (two or more) belong to one argument group.
    fn one_group(&self, names: &[String]) -> bool {
        names.len() > 1
            && self
                .groups
                .iter()
                .any(|members| names.iter().all(|name| members.contains(name)))
    }

    /// Our name for the argument clap rendered as `text` ("--alg <HS256|...>" is
    /// `--alg`, "<TOKEN|->" is itself), if it is one of ours.
    fn name_of(&self, text: &str) -> Option<String> {
        let word = text.split(' ').next().unwrap_or_default();
        let word = word.split('=').next().unwrap_or_default();
        if let Some(flag) = self.flags.iter().find(|flag| flag.as_str() == word) {
            return Some(flag.clone());
        }
        self.positionals
            .iter()
            .find(|name| text == format!("<{name}>"))
            .map(|name| format!("<{name}>"))
    }

    /// Our names of every argument mentioned in `text`, a rendering such as
    /// "<--payload <JSON>|--payload-file <PATH|->>", in the order they appear.
    fn names_in(&self, text: &str) -> Vec<String> {
        let mut found: Vec<(usize, String)> = Vec::new();
        for flag in &self.flags {
            let mut rest = 0;
            while let Some(at) = text.get(rest..).and_then(|t| t.find(flag.as_str())) {
                let start = rest + at;
                let end = start + flag.len();
                // A whole word: `--payload` must not match inside `--payload-file`.
                let next = text.get(end..).and_then(|t| t.chars().next());
                if !next.is_some_and(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_') {
                    found.push((start, flag.clone()));
                }
                rest = end;
            }
        }
        for name in &self.positionals {
            if let Some(at) = text.find(&format!("<{name}>")) {
                found.push((at, format!("<{name}>")));
            }
        }
        found.sort();
        found.dedup_by(|a, b| a.1 == b.1);
        found.into_iter().map(|(_, name)| name).collect()
    }
}

/// Cuts a message to [`MAX_MESSAGE_LEN`] bytes at a character boundary. Our messages
/// are shorter by construction; this makes the bound hold whatever changes later.
fn bounded(mut message: String) -> String {
    if message.len() > MAX_MESSAGE_LEN {
        let mut cut = MAX_MESSAGE_LEN - 3;
        while !message.is_char_boundary(cut) {
            cut -= 1;
        }
        message.truncate(cut);
        message.push_str("...");
    }
    message
}
