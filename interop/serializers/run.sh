#!/usr/bin/env bash
# Regenerates tests/vectors/serializers.json from the real serializers.
#
#   interop/serializers/run.sh [OUT]     # OUT defaults to tests/vectors/serializers.json
#
# Installs what is missing (first run; later runs only check), as root, without
# asking: Debian's ruby, ruby-jwt, php-cli, golang-1.19-go, JDK 17 and Maven;
# jsonwebtoken via `npm ci`; PyJWT in a venv; jjwt/Jackson via Maven. The machine's
# own Go (>= 1.22) must be on PATH. Idempotent: same inputs, same output file.
set -euo pipefail

HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
OUT="${1:-$ROOT/tests/vectors/serializers.json}"
WORK="$HERE/work"
GO119=/usr/lib/go-1.19/bin/go
START=$(date +%s)

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

# --- toolchains and libraries
command -v python3 >/dev/null || apt_need python3
command -v node >/dev/null && command -v npm >/dev/null || apt_need nodejs npm
apt_need ruby ruby-jwt php-cli golang-1.19-go
command -v mvn >/dev/null && command -v javac >/dev/null || apt_need openjdk-17-jdk-headless maven
command -v go >/dev/null || { echo "run.sh: the machine's go (>= 1.22) is not on PATH" >&2; exit 1; }

ruby -e 'require "jwt"; exit(JWT::VERSION::STRING == "2.5.0")' \
  || { echo "run.sh: ruby-jwt is not 2.5.0" >&2; exit 1; }

if ! (cd "$HERE/node" && node -e 'process.exit(require("jsonwebtoken/package.json").version === "9.0.3" ? 0 : 1)' 2>/dev/null); then
  (cd "$HERE/node" && npm ci --no-audit --no-fund --loglevel=error)
fi

VENV="$HERE/python/.venv"
if [ ! -x "$VENV/bin/python" ]; then
  python3 -m venv "$VENV" 2>/dev/null || { rm -rf "$VENV"; apt_need python3-venv; python3 -m venv "$VENV"; }
fi
if ! "$VENV/bin/python" -c 'import jwt, sys; sys.exit(jwt.__version__ != "2.15.1")' 2>/dev/null; then
  "$VENV/bin/python" -m pip install -q --disable-pip-version-check -r "$HERE/python/requirements.txt"
fi

# Java: rebuild only when pom.xml or the sources changed (content hash, not mtimes).
JAR="$HERE/java/target/jackson-ser.jar"
STAMP="$HERE/java/target/inputs.sha256"
JSUM="$(cd "$HERE/java" && find pom.xml src -type f -print0 | sort -z | xargs -0 sha256sum)"
if [[ ! -f $JAR || ! -f $STAMP || "$(cat "$STAMP")" != "$JSUM" ]]; then
  rm -f "$STAMP"
  # Maven's output is kept out of the way and shown only when the build fails.
  if ! (cd "$HERE/java" && mvn -q -B -Dstyle.color=never clean package) > "$HERE/java/mvn.log" 2>&1; then
    cat "$HERE/java/mvn.log" >&2; rm -f "$JAR"; exit 1
  fi
  printf '%s\n' "$JSUM" > "$STAMP"
fi

# Go: the build cache makes rebuilding unchanged sources cheap. GOTOOLCHAIN=local:
# never switch toolchains. go119 builds main.go alone in GOPATH mode (ignores go.mod).
mkdir -p "$HERE/go/bin"
(cd "$HERE/go" && GOTOOLCHAIN=local GOFLAGS=-mod=readonly go build -buildvcs=false -o bin/go122 .)
(cd "$HERE/go" && GO111MODULE=off GOTOOLCHAIN=local GOFLAGS= "$GO119" build -o bin/go119 main.go)

# --- inputs, drivers, merge
python3 "$HERE/gen_inputs.py" "$HERE/inputs.json"
rm -rf "$WORK"
mkdir -p "$WORK"
IN="$HERE/inputs.json"
node "$HERE/node/ser.js" "$IN" > "$WORK/node.tsv"
"$VENV/bin/python" "$HERE/python/ser.py" "$IN" > "$WORK/python.tsv"
"$HERE/go/bin/go122" "$IN" > "$WORK/go122.tsv"
"$HERE/go/bin/go119" "$IN" > "$WORK/go119.tsv"
ruby "$HERE/ruby/ser.rb" "$IN" > "$WORK/ruby.tsv"
php "$HERE/php/ser.php" "$IN" > "$WORK/php.tsv"
java -jar "$JAR" "$IN" > "$WORK/java.tsv"

mkdir -p "$(dirname "$OUT")"
python3 "$HERE/combine.py" "$IN" "$WORK" "$OUT"
echo "done in $(( $(date +%s) - START )) s"
