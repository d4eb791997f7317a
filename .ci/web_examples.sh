#!/usr/bin/env bash
# The web examples' stable contract, checked over real sockets with the real binaries
# (`cargo run --example ... --features axum`), as an outside check would: the connector
# answers GET / with 200 and {"user_id": sub} for a token Membrane would send and 401
# otherwise; the token endpoint answers GET /api/membrane-token with a tenant token for
# `Authorization: Bearer demo-<user>` and 401 without it. Tokens are minted and checked
# with the release CLI given as $1. Everything listens on 127.0.0.1 only.
set -euo pipefail
cd "$(dirname "$0")/.."
cli=${1:?usage: .ci/web_examples.sh PATH_TO_CLI}

export MEMBRANE_WORKSPACE_KEY=ws_ci_examples
export MEMBRANE_WORKSPACE_SECRET=ci-examples-secret-0123456789abcdef0123456789abcdef0123456789abcd
cargo build --quiet --features axum --example axum_connector --example axum_token_endpoint

work=$(mktemp -d)
pids=()
cleanup() {
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

# Starts an example with PORT=0 and prints the port it reports having bound.
start() {
  local name=$1
  PORT=0 "target/debug/examples/$name" >"$work/$name.out" 2>"$work/$name.err" &
  pids+=("$!")
  for _ in $(seq 100); do
    if grep -q '^listening on 127.0.0.1:' "$work/$name.out" 2>/dev/null; then
      sed -n 's/^listening on 127.0.0.1:\([0-9]*\)$/\1/p' "$work/$name.out"
      return 0
    fi
    sleep 0.1
  done
  echo "$name did not report a port: $(cat "$work/$name.err")" >&2
  return 1
}

# `expect STATUS DESCRIPTION curl-args...`: one bounded request, its status checked.
expect() {
  local want=$1 what=$2
  shift 2
  local got
  got=$(curl --silent --max-time 10 --output "$work/body" --write-out '%{http_code}' "$@")
  if [[ "$got" != "$want" ]]; then
    echo "FAIL $what: HTTP $got, expected $want: $(head -c 300 "$work/body")" >&2
    return 1
  fi
  echo "ok   $what: HTTP $got"
}

connector=$(start axum_connector)
url="http://127.0.0.1:$connector/"
request=$(printf '{"iss":"%s","sub":"user-42","fields":{"plan":"pro"}}' "$MEMBRANE_WORKSPACE_KEY" |
  "$cli" encode --alg HS256 --payload-file -)
expect 200 "connector, X-Membrane-Token" -H "X-Membrane-Token: $request" "$url"
python3 -c 'import json,sys; assert json.load(open(sys.argv[1]))["user_id"] == "user-42"' "$work/body"
expect 200 "connector, legacy X-Integration-App-Token" -H "X-Integration-App-Token: $request" "$url"
expect 401 "connector, no token" "$url"
# The same token with its last signature character changed.
if [[ "${request: -1}" == A ]]; then forged="${request%?}B"; else forged="${request%?}A"; fi
expect 401 "connector, forged token" -H "X-Membrane-Token: $forged" "$url"
other=$(printf '{"iss":"ws_other","sub":"user-42"}' |
  "$cli" encode --alg HS256 --payload-file -)
expect 401 "connector, other workspace" -H "X-Membrane-Token: $other" "$url"

endpoint=$(start axum_token_endpoint)
url="http://127.0.0.1:$endpoint/api/membrane-token"
expect 200 "token endpoint, Bearer demo-alice" -H "Authorization: Bearer demo-alice" "$url"
token=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["token"])' "$work/body")
"$cli" verify --key "$MEMBRANE_WORKSPACE_KEY" "$token" |
  python3 -c 'import json,sys; assert json.load(sys.stdin)["tenantKey"] == "alice"'
echo "ok   token endpoint's token verifies, tenantKey alice"
expect 401 "token endpoint, no Authorization" "$url"
expect 401 "token endpoint, Bearer without demo-" -H "Authorization: Bearer alice" "$url"
echo "web examples: 9 passed, 0 failed"
