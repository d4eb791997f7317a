#!/usr/bin/env bash
# Runs the `asym` criterion bench (RS*, PS*, ES*, EdDSA; see benches/asym.rs) and prints
# one markdown table: per algorithm and operation (sign into a reused String, sign to
# a new String, verify), the floor's and our median µs per token, ours / floor as a
# ratio of medians, as the median of paired samples and as the ratio of the fastest
# samples (see benches/paired/), and each peer's median µs with its ratio to ours.
# A peer's ratio to ours is taken from the paired samples (peer / floor over ours /
# floor, both paired with the same floor), so the machine's drift between the two
# benchmarks cancels; "–" where a peer lacks the algorithm (neither has ES512).
#
# Usage: benches/report_asym.sh [CRITERION_FILTER]
#   e.g. benches/report_asym.sh           # everything: 86 benchmarks, most of them
#                                         # paired (twice the time), well over 10 minutes
#        benches/report_asym.sh ES256     # a focused rerun (only what matches is shown)
# Environment: WARMUP (s, default 1), MEASURE (s, default 3), NRESAMPLES (default
# 20000), SKIP_RUN=1 to only re-read the last results (then every result is shown).
set -euo pipefail

cd "$(dirname "$0")/.."

# shellcheck source=benches/run_criterion.sh
source benches/run_criterion.sh
run_criterion "--all-features --bench asym" "$@"

python3 - "$target_dir/criterion" "$since" <<'PY'
import json
import os
import sys

root, since = sys.argv[1], float(sys.argv[2])
ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512",
        "ES256", "ES384", "ES512", "EdDSA"]
# (operation shown, criterion group, our contender)
OPERATIONS = [("sign", "asym_sign", "ours_into"),
              ("sign (String)", "asym_sign", "ours_string"),
              ("verify", "asym_verify", "ours")]
PEERS = ["jsonwebtoken", "jwt-simple"]

medians = {}  # (group, contender, alg) -> median ns
for group in ("asym_sign", "asym_verify"):
    for dirpath, _dirs, files in os.walk(os.path.join(root, group)):
        if not dirpath.endswith(os.sep + "new") or "estimates.json" not in files:
            continue
        est_path = os.path.join(dirpath, "estimates.json")
        if os.path.getmtime(est_path) < since:
            continue
        with open(os.path.join(dirpath, "benchmark.json")) as f:
            meta = json.load(f)
        with open(est_path) as f:
            median = json.load(f)["median"]["point_estimate"]
        medians[(group, meta["function_id"], meta["value_str"])] = median

# Paired ratios (contender / floor per sample, the median over a benchmark's samples)
# and fastest-sample ratios; only a file written by this run counts.
paired, fastest = {}, {}
paired_path = os.path.join(root, "paired-asym.json")
if os.path.exists(paired_path) and os.path.getmtime(paired_path) >= since:
    with open(paired_path) as f:
        for k, v in json.load(f).items():
            paired[k] = v["median_ratio"]
            fastest[k] = v["fastest_ratio"]

if not medians:
    sys.exit("no asym criterion results from this run under " + root)

def us(ns):
    return "–" if ns is None else (f"{ns / 1000:,.0f}" if ns >= 100_000 else f"{ns / 1000:.2f}")

def times(x):
    return "–" if x is None else f"{x:.2f}×"

def quotient(num, den):
    return num / den if num is not None and den else None

print("| alg | operation | floor µs | ours µs | ours / floor (medians) "
      "| ours / floor (paired) | ours / floor (fastest) "
      "| jsonwebtoken µs | jsonwebtoken / ours (paired) "
      "| jwt-simple µs | jwt-simple / ours (paired) |")
print("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
for alg in ALGS:
    for operation, group, ours in OPERATIONS:
        floor = medians.get((group, "floor", alg))
        mine = medians.get((group, ours, alg))
        if floor is None and mine is None:
            continue
        ours_key = f"{group}/{ours}/{alg}"
        cells = [us(floor), us(mine), times(quotient(mine, floor)),
                 times(paired.get(ours_key)), times(fastest.get(ours_key))]
        for peer in PEERS:
            peer_paired = paired.get(f"{group}/{peer}/{alg}")
            cells += [us(medians.get((group, peer, alg))),
                      times(quotient(peer_paired, paired.get(ours_key)))]
        print(f"| {alg} | {operation} | " + " | ".join(cells) + " |")
PY

if [[ -n "$share" ]]; then
    echo
    echo "Bench process CPU time / wall time: $share (1.00 = a core to itself);" \
        "load average before: $load_before, after: $load_after; $(nproc) cores."
fi
