#!/usr/bin/env bash
# Builds and runs every fuzz target (or those named) for SECONDS each, one at a time,
# over a scratch copy of its committed seed corpus, and prints libFuzzer's final stats.
#
#   fuzz/run.sh [SECONDS] [TARGET...]      (from the repo root or from fuzz/)
#
# Environment: FUZZ_SANITIZER (cargo fuzz -s: address (default), none, ...), FUZZ_ARGS
# (extra libFuzzer flags), MEMBRANE_FUZZ_SKIP (known findings to skip, see README.md).
# Exits non-zero if any target crashed; the reproducer stays in fuzz/artifacts/<target>/
# and the log in fuzz/artifacts/<target>/last-crash.log.
set -euo pipefail

FUZZ_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(dirname "$FUZZ_DIR")"
SECONDS_EACH="${1:-60}"
shift || true
case "$SECONDS_EACH" in
  ''|*[!0-9]*) echo "usage: fuzz/run.sh [SECONDS] [TARGET...]" >&2; exit 2 ;;
esac

# cargo-fuzz passes nightly-only flags (-Zsanitizer, -Cpasses=sancov...); this lets the
# stable toolchain accept them.
export RUSTC_BOOTSTRAP=1

if ! command -v cargo-fuzz >/dev/null 2>&1; then
  echo "== installing cargo-fuzz"
  cargo install cargo-fuzz --locked
fi

cd "$ROOT"
build_flags=(--fuzz-dir "$FUZZ_DIR" -s "${FUZZ_SANITIZER:-address}")

if [ "$#" -gt 0 ]; then
  targets=("$@")
else
  mapfile -t targets < <(cargo fuzz list --fuzz-dir "$FUZZ_DIR")
fi

echo "== building ${targets[*]}"
cargo fuzz build "${build_flags[@]}"

scratch="$(mktemp -d "${TMPDIR:-/tmp}/membrane-fuzz.XXXXXX")"
trap 'rm -rf "$scratch"' EXIT
logs="$FUZZ_DIR/target/logs"
mkdir -p "$logs"

failed=()
summary=()
for target in "${targets[@]}"; do
  corpus="$scratch/$target"
  mkdir -p "$corpus" "$FUZZ_DIR/artifacts/$target"
  if compgen -G "$FUZZ_DIR/corpus/$target/seed-*" >/dev/null; then
    cp "$FUZZ_DIR/corpus/$target"/seed-* "$corpus/"
  fi
  log="$logs/$target.log"
  echo "== $target: ${SECONDS_EACH}s, $(ls "$corpus" | wc -l) seeds, log $log"
  status=0
  # shellcheck disable=SC2086 # FUZZ_ARGS is a list of flags
  cargo fuzz run "${build_flags[@]}" "$target" "$corpus" -- \
    -max_total_time="$SECONDS_EACH" -dict="$FUZZ_DIR/jwt.dict" -print_final_stats=1 \
    ${FUZZ_ARGS:-} >"$log" 2>&1 || status=$?
  execs="$(grep -o 'stat::number_of_executed_units: [0-9]*' "$log" | grep -o '[0-9]*$' | tail -1 || true)"
  final="$(grep -E '^#[0-9]+' "$log" | grep 'cov:' | tail -1 || true)"
  cov="$(sed -n 's/.*cov: \([0-9]*\).*/\1/p' <<<"$final")"
  ft="$(sed -n 's/.* ft: \([0-9]*\).*/\1/p' <<<"$final")"
  corp="$(sed -n 's/.* corp: \([0-9]*\/[0-9a-zA-Z]*\).*/\1/p' <<<"$final")"
  line="$target: execs=${execs:-?} cov=${cov:-?} ft=${ft:-?} corp=${corp:-?} exit=$status"
  echo "   $line"
  summary+=("$line")
  if [ "$status" -ne 0 ]; then
    failed+=("$target")
    cp "$log" "$FUZZ_DIR/artifacts/$target/last-crash.log"
    grep -E 'panicked at|assertion|ERROR: libFuzzer|Test unit written|SUMMARY' "$log" | head -20 | sed 's/^/   | /' || true
    grep -A3 'panicked at' "$log" | head -12 | sed 's/^/   | /' || true
  fi
done

echo "== summary"
printf '   %s\n' "${summary[@]}"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "== CRASHED: ${failed[*]} (reproducers in fuzz/artifacts/<target>/)" >&2
  exit 1
fi
echo "== no crashes"
