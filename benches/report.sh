#!/usr/bin/env bash
# Runs the `sign` criterion bench and prints its results as markdown tables:
#   1. per token: contender, alg, median ns/token, ratio to the floor (same alg, same
#      run) as a ratio of medians and as the median of paired samples (see
#      benches/sign.rs), and the paired ratio to this crate's `ours_into`;
#   2. payload-size scaling: alg, payload bytes, floor ns, ours ns, ratio, ns per byte;
#   3. the tenant token: floor, ours_into and their ratio per alg.
# The public-key algorithms have their own bench and report: benches/report_asym.sh.
#
# Usage: benches/report.sh [CRITERION_FILTER]
#   e.g. benches/report.sh            # everything, about 5 minutes on 2 cores
#        benches/report.sh HS256      # a focused rerun (only what matches is shown)
# Environment: WARMUP (s, default 1), MEASURE (s, default 3), NRESAMPLES (default
# 20000), SKIP_RUN=1 to only re-read the last results (then every result is shown).
set -euo pipefail

cd "$(dirname "$0")/.."

# shellcheck source=benches/run_criterion.sh
source benches/run_criterion.sh
run_criterion "--bench sign" "$@"

python3 - "$target_dir/criterion" "$since" <<'PY'
import json
import os
import sys

root, since = sys.argv[1], float(sys.argv[2])
ORDER = ["floor", "floor_rekey", "ours_into", "ours_string", "verify",
         "jsonwebtoken", "jwt-compact", "jwt-simple"]
ALGS = ["HS256", "HS384", "HS512"]

token = {}    # (contender, alg) -> median ns
tenant = {}   # (contender, alg) -> median ns
payload = {}  # (contender, alg, bytes) -> median ns
for group in ("token", "payload", "tenant"):
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
        name, value = meta["function_id"], meta["value_str"]
        if group == "token":
            token[(name, value)] = median
        elif group == "tenant":
            tenant[(name, value)] = median
        else:
            alg, size = value.split("-")
            payload[(name, alg, int(size.rstrip("B")))] = median

# Paired ratios (see benches/sign.rs): contender / floor per sample, sampled moments
# apart; the median over a benchmark's samples. Only a file written by this run counts.
paired, fastest = {}, {}
paired_path = os.path.join(root, "paired.json")
if os.path.exists(paired_path) and os.path.getmtime(paired_path) >= since:
    with open(paired_path) as f:
        for k, v in json.load(f).items():
            paired[k] = v["median_ratio"]
            fastest[k] = v["fastest_ratio"]

def ratio(num, den):
    return f"{num / den:.2f}×" if num is not None and den else "–"

def pr(key, table=None):
    table = paired if table is None else table
    return f"{table[key]:.2f}×" if key in table else "–"

def ns(x):
    return f"{x:,.0f}" if x >= 100 else f"{x:.1f}"

if not token and not payload and not tenant:
    sys.exit("no criterion results from this run under " + root)

if token:
    print("| contender | alg | ns/token (median) | × floor (medians) | × floor (paired) "
          "| × floor (fastest) | × ours_into (paired) |")
    print("|---|---|---:|---:|---:|---:|---:|")
    extra = sorted({c for c, _ in token} - set(ORDER))
    for alg in ALGS:
        floor = token.get(("floor", alg))
        ours = paired.get(f"token/ours_into/{alg}")
        for contender in ORDER + extra:
            t = token.get((contender, alg))
            if t is None:
                continue
            key = f"token/{contender}/{alg}"
            mine = 1.0 if contender == "floor" else paired.get(key)
            vs_ours = ratio(mine, ours) if mine is not None else "–"
            own = "1.00×" if contender == "floor" else pr(key)
            best = "1.00×" if contender == "floor" else pr(key, fastest)
            print(f"| {contender} | {alg} | {ns(t)} | {ratio(t, floor)} | {own} | {best} | {vs_ours} |")
    print()

if payload:
    print("| alg | payload bytes | floor ns | ours ns | ours / floor (medians) "
          "| ours / floor (paired) | ours / floor (fastest) | floor ns/B | ours ns/B |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    keys = sorted({(a, s) for _, a, s in payload})
    for alg, size in keys:
        f = payload.get(("floor", alg, size))
        o = payload.get(("ours_into", alg, size))
        cells = [ns(f) if f else "–", ns(o) if o else "–", ratio(o, f),
                 pr(f"payload/ours_into/{alg}-{size}B"),
                 pr(f"payload/ours_into/{alg}-{size}B", fastest),
                 f"{f / size:.3f}" if f else "–", f"{o / size:.3f}" if o else "–"]
        print(f"| {alg} | {size} | " + " | ".join(cells) + " |")

if tenant:
    print()
    print("| tenant token | floor ns | ours_into ns | ours / floor (medians) "
          "| ours / floor (paired) | ours / floor (fastest) |")
    print("|---|---:|---:|---:|---:|---:|")
    for alg in ALGS:
        f, o = tenant.get(("floor", alg)), tenant.get(("ours_into", alg))
        if f or o:
            print(f"| {alg} | {ns(f) if f else '–'} | {ns(o) if o else '–'} | {ratio(o, f)} "
                  f"| {pr(f'tenant/ours_into/{alg}')} | {pr(f'tenant/ours_into/{alg}', fastest)} |")
PY

if [[ -n "$share" ]]; then
    echo
    echo "Bench process CPU time / wall time: $share (1.00 = a core to itself);" \
        "load average before: $load_before, after: $load_after; $(nproc) cores."
fi
