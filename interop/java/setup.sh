#!/usr/bin/env bash
# Builds interop/java/target/jjwt-driver.jar, the jjwt driver (one shaded jar).
# Uses the machine's JDK 17 and Maven; installs them from Debian's packages when
# missing (CI runs as root on a fresh machine). Maven fetches the pinned jars
# into ~/.m2 on the first run and needs no network afterwards. The jar targets
# Java 17; `driver` runs it on Temurin 25 when installed (see driver, README).
set -euo pipefail
cd "$(dirname "$0")"

jar=target/jjwt-driver.jar
stamp=target/inputs.sha256
# Quick path: nothing to do when the jar was built from exactly these inputs.
# A content hash, not mtimes: git checkouts and copies do not keep mtimes.
inputs="$(find pom.xml src -type f -print0 | sort -z | xargs -0 sha256sum)"
if [[ -f $jar && -f $stamp && "$(cat "$stamp")" == "$inputs" ]]; then
  exit 0
fi

if ! command -v mvn >/dev/null || ! command -v javac >/dev/null; then
  echo "interop/java/setup.sh: installing JDK 17 and Maven from Debian's packages" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq openjdk-17-jdk-headless maven >/dev/null
fi

# -B: batch mode, no prompts or progress (CI has no terminal); -q: errors only.
# Maven prints its (error-only) log on stdout; keep our stdout clean for callers.
# clean: a rebuild never mixes in classes of an earlier build.
# A failed build must not leave a half-made jar that the quick path would trust.
rm -f "$stamp"
if ! mvn -q -B clean package >&2; then
  rm -f "$jar"
  exit 1
fi
printf '%s\n' "$inputs" > "$stamp"
