# Sourced by benches/report.sh and benches/report_asym.sh: builds one criterion bench,
# runs it (unless SKIP_RUN=1) and leaves for the report:
#   target_dir   cargo's target directory
#   since        Unix time the run started (0 with SKIP_RUN=1): older results are ignored,
#                so ratios never mix runs
#   share        CPU time / wall time of the run ("" when not run)
#   load_before, load_after   /proc/loadavg around the run
# Usage: run_criterion "CARGO BENCH ARGS" [CRITERION_FILTER...]
# Environment: WARMUP (s, default 1), MEASURE (s, default 3), NRESAMPLES (default 20000).

WARMUP="${WARMUP:-1}"
MEASURE="${MEASURE:-3}"
NRESAMPLES="${NRESAMPLES:-20000}"

run_criterion() {
    local -a cargo_args
    read -r -a cargo_args <<<"$1"
    shift
    target_dir="$(cargo metadata --format-version 1 --no-deps |
        python3 -c 'import json,sys; print(json.load(sys.stdin)["target_directory"])')"
    # Build first, so that the timed run below is the benchmark alone.
    cargo bench "${cargo_args[@]}" --no-run >&2
    since=0
    share=""
    load_before=""
    load_after=""
    if [[ "${SKIP_RUN:-0}" == 1 ]]; then
        return
    fi
    since="$(date +%s)"
    load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
    local timing
    timing="$(mktemp)"
    exec 3>&2
    TIMEFORMAT='%R %U %S'
    { time cargo bench "${cargo_args[@]}" -- --noplot \
        --warm-up-time "$WARMUP" --measurement-time "$MEASURE" \
        --nresamples "$NRESAMPLES" "$@" >&3 2>&3; } 2>"$timing"
    exec 3>&-
    load_after="$(cut -d' ' -f1-3 /proc/loadavg)"
    # The benches are single-threaded: CPU time / wall time near 1.00 means the run had
    # a core to itself; well below 1.00 means other work on this machine took its core.
    share="$(awk '{ printf "%.2f", ($2 + $3) / $1 }' "$timing")"
    rm -f "$timing"
}
