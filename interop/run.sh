#!/usr/bin/env bash
# Live interop run: the real JWT libraries against membrane-token's CLI.
#
#   interop/run.sh [--seed N] [--count C] [--asym-count N] [--cli PATH] [--libs node,python,...] [--no-cli]
#
# Libraries: node python ruby php go go-legacy java (all by default). Which
# driver runs each and which CLI profile must match it is one table,
# LIBRARIES in compare.py, printed at the start of the checks.
#
# Installs what each library needs (idempotent: a second run only checks),
# builds the CLI unless --cli is given, generates seeded cases (HMAC: C of them;
# public-key algs: the first N (default 40) cases' claims with each of the ten
# algs, --asym-count 0 skips them), and hands over to compare.py, which prints
# one line per library (and per library and public-key alg) and "N passed, N failed".
# --no-cli runs only the library-side checks (reference vectors, self-verify).
# Runs as root in CI on a fresh clone, with no stdin.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/.." && pwd)"
SEED="${INTEROP_SEED:-20261124}"
COUNT=200
ASYM_COUNT=40
CLI=""
NO_CLI=0
LIBS="$(python3 "$HERE/compare.py" --list)"  # every row of compare.py's table

usage() { sed -n '4,17p' "$0" | sed 's/^# \{0,1\}//'; exit 2; }
while [ $# -gt 0 ]; do
  case "$1" in
    --seed) SEED="$2"; shift 2 ;;
    --count) COUNT="$2"; shift 2 ;;
    --asym-count) ASYM_COUNT="$2"; shift 2 ;;
    --cli) CLI="$2"; shift 2 ;;
    --libs) LIBS="$2"; shift 2 ;;
    --no-cli) NO_CLI=1; shift ;;
    -h|--help) usage ;;
    *) echo "run.sh: unknown argument: $1" >&2; usage ;;
  esac
done
wants() { [[ ",$LIBS," == *",$1,"* ]]; }

echo "interop seed: $SEED (reproduce with --seed $SEED), count: $COUNT, asym count: $ASYM_COUNT per alg"
START=$(date +%s)

# --- Debian packages: installed only when missing; the package index is
# refreshed once, and only if something has to be installed.
APT_UPDATED=0
apt_need() {
  local missing=()
  for pkg in "$@"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q "install ok installed" || missing+=("$pkg")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  if [ "$APT_UPDATED" -eq 0 ]; then apt-get update -qq; APT_UPDATED=1; fi
  echo "installing: ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

READY=()

if wants node; then
  command -v npm >/dev/null || apt_need nodejs npm
  # npm ci only when the pinned jsonwebtoken is not already in place.
  if ! (cd "$HERE/node" && node -e 'process.exit(require("jsonwebtoken/package.json").version === "9.0.3" ? 0 : 1)' 2>/dev/null); then
    (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error)
  fi
  READY+=(node)
fi

if wants python; then
  VENV="$HERE/python/.venv"
  if [ ! -x "$VENV/bin/python" ]; then
    # Debian's python3 needs python3-venv for ensurepip; other pythons have it.
    python3 -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; apt_need python3-venv; python3 -m venv "$VENV"; }
  fi
  # pip only when an installed version differs from a pin in requirements.txt
  # (PyJWT, and cryptography for the public-key algs).
  if ! "$VENV/bin/python" - "$HERE/python/requirements.txt" <<'PY' 2>/dev/null; then
import sys
from importlib.metadata import version
pins = [l.split("#")[0].strip() for l in open(sys.argv[1])]
sys.exit(any(version(n) != v for n, v in (p.split("==") for p in pins if p)))
PY
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/python/requirements.txt"
  fi
  READY+=(python)
fi

if wants ruby; then
  # Debian's ruby-jwt does not pull in ruby itself. ruby-rbnacl (with libsodium23)
  # is what ruby-jwt 2.5.0 signs EdDSA with; ruby-jwt loads it when present.
  apt_need ruby ruby-jwt ruby-rbnacl
  ruby -e 'require "jwt"; exit(JWT::VERSION::STRING == "2.5.0")' \
    || { echo "ruby-jwt is not 2.5.0: $(ruby -e 'require "jwt"; print JWT::VERSION::STRING')" >&2; exit 1; }
  ruby -e 'require "rbnacl"; RbNaCl::Signatures::Ed25519::SigningKey.new("\0" * 32)' \
    || { echo "ruby: rbnacl cannot sign Ed25519 (libsodium missing?)" >&2; exit 1; }
  READY+=(ruby)
fi

if wants php; then
  apt_need php-cli
  # The stand-in signs RS*/ES* with ext/openssl and EdDSA with ext/sodium, both
  # built into Debian's php-cli.
  php -r 'exit(function_exists("openssl_sign") && function_exists("sodium_crypto_sign_detached") ? 0 : 1);' \
    || { echo "php: ext/openssl or ext/sodium missing" >&2; exit 1; }
  READY+=(php)
fi

# Go and Java drivers live in their own folders, with their own setup scripts:
# go = golang-jwt v5 with the machine's Go; go-legacy = golang-jwt v4.4.3 with
# Debian's go1.19 (installed by its setup.sh); java = jjwt, built with Maven.
for lib in go go-legacy java; do
  if wants "$lib" && [ -f "$HERE/$lib/setup.sh" ]; then
    bash "$HERE/$lib/setup.sh"
    if [ -x "$HERE/$lib/driver" ]; then READY+=("$lib"); else echo "$lib: setup ran but $HERE/$lib/driver is missing" >&2; exit 1; fi
  elif wants "$lib"; then
    echo "$lib: no $lib/setup.sh yet, skipped"
  fi
done

if [ "$NO_CLI" -eq 0 ] && [ -z "$CLI" ]; then
  (cd "$ROOT" && cargo build --release --features cli --quiet)
  CLI="$ROOT/target/release/membrane-token"
fi
if [ -n "$CLI" ]; then
  [ -x "$CLI" ] || { echo "run.sh: CLI not found or not executable: $CLI" >&2; exit 1; }
  CLI="$(cd "$(dirname "$CLI")" && pwd)/$(basename "$CLI")"  # compare.py may run elsewhere
fi

WORK="$HERE/work"
mkdir -p "$WORK"
python3 "$HERE/gen_cases.py" --seed "$SEED" --count "$COUNT" > "$WORK/cases.jsonl"

# The reference vectors the real libraries made, as copied into the project's tests
# (INTEROP_VECTORS=../shared/vectors checks against the shared originals instead).
VECTORS="${INTEROP_VECTORS:-$ROOT/tests/vectors}"
ARGS=(--cases "$WORK/cases.jsonl" --work "$WORK" --libs "$(IFS=,; echo "${READY[*]}")")
[ -d "$VECTORS" ] && ARGS+=(--vectors "$VECTORS")

# Public-key algs: the fixed test keys and the libraries' asym vectors, from ONE
# folder: INTEROP_VECTORS when set, else the project's copies in tests/vectors/
# when they are there, else the shared originals next to the project.
ASYM_VECTORS="${INTEROP_VECTORS:-$ROOT/tests/vectors}"
[ -n "${INTEROP_VECTORS:-}" ] || [ -f "$ASYM_VECTORS/asym-keys.json" ] || ASYM_VECTORS="$ROOT/../shared/vectors"
if [ "$ASYM_COUNT" -gt 0 ]; then
  python3 "$HERE/gen_cases.py" --seed "$SEED" --count "$COUNT" --asym "$ASYM_COUNT" > "$WORK/asym-cases.jsonl"
  ARGS+=(--asym-cases "$WORK/asym-cases.jsonl" --asym-vectors "$(cd "$ASYM_VECTORS" 2>/dev/null && pwd || echo "$ASYM_VECTORS")")
fi
[ -n "$CLI" ] && ARGS+=(--cli "$CLI")

echo "setup took $(( $(date +%s) - START ))s"
# compare.py prints the closing "N passed, N failed" line and sets the exit code.
exec python3 "$HERE/compare.py" "${ARGS[@]}"
