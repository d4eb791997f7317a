#!/usr/bin/env python3
"""Structurally hostile but correctly signed tokens, through each library's verifier.

Each token is signed here (HS256, Python's hmac) with a 32-byte secret, so a library
that refuses it refuses it for its structure or claims, not for its MAC. Each row's
token goes to every installed driver's `verify` (the call the library's docs show,
with the algorithm pinned to HS256 and the drivers' fixed clock) and to the crate's
CLI (`membrane-token verify --alg HS256 --key ws_7f3c2a9e`). Prints a markdown table:
"accepts" where the verifier returned the claims, "-" where it refused. Informational:
it fails only if the crate's CLI accepts one of them, or a driver is not set up.

usage: interop/hostile_peers.py --cli PATH [--libs node,python,...]
(run interop/run.sh once first: it installs the libraries and builds the drivers)
"""
import argparse
import base64
import hashlib
import hmac
import json
import os
import subprocess
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from compare import LIBRARIES, run_driver  # noqa: E402

SECRET = "3d1f9c7b2e8a4f6051c9d7e3b2a18f4c"
KEY = "ws_7f3c2a9e"
HEADER = '{"alg":"HS256","typ":"JWT"}'
GOOD = '{"id":"u-1","iss":"ws_7f3c2a9e","exp":1800000000}'


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def signed(header: str, payload: str) -> str:
    signing_input = f"{b64(header.encode())}.{b64(payload.encode())}"
    mac = hmac.new(SECRET.encode(), signing_input.encode(), hashlib.sha256).digest()
    return f"{signing_input}.{b64(mac)}"


def last_char_flipped(token: str) -> str:
    """The same MAC bits with non-zero unused bits in the last character."""
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    last = alphabet.index(token[-1])
    return token[:-1] + alphabet[last | 1]  # 43 characters: 2 unused bits


def corpus():
    good = signed(HEADER, GOOD)
    return [
        ("control: the good token", good),
        ("`crit` header", signed('{"alg":"HS256","typ":"JWT","crit":["exp"],"exp":1}', GOOD)),
        ("`jku` header", signed('{"alg":"HS256","jku":"https://attacker.example/keys"}', GOOD)),
        ("duplicate `alg` (`none`, then `HS256`)", signed('{"alg":"none","alg":"HS256"}', GOOD)),
        ("duplicate `exp`", signed(HEADER, '{"id":"u-1","iss":"ws_7f3c2a9e","exp":1,"exp":1800000000}')),
        ("payload `[1]`", signed(HEADER, "[1]")),
        ("payload followed by more JSON", signed(HEADER, GOOD + ' {"exp":1}')),
        ("`exp` as a float", signed(HEADER, '{"id":"u-1","iss":"ws_7f3c2a9e","exp":1800000000.5}')),
        ("`exp` as a string", signed(HEADER, '{"id":"u-1","iss":"ws_7f3c2a9e","exp":"1800000000"}')),
        ("no `exp`", signed(HEADER, '{"id":"u-1","iss":"ws_7f3c2a9e"}')),
        ("`typ` `at+jwt`", signed('{"alg":"HS256","typ":"at+jwt"}', GOOD)),
        ("`=` padding after the signature", good + "="),
        ("non-canonical last signature character", last_char_flipped(good)),
        ("`alg` `hs256`", signed('{"alg":"hs256"}', GOOD)),
        ("3 MB token", signed(HEADER, '{"iss":"ws_7f3c2a9e","exp":1800000000,"x":"' + "a" * (3 << 20) + '"}')),
    ]


def cli_accepts(cli: str, token: str) -> bool:
    env = dict(os.environ, MEMBRANE_WORKSPACE_SECRET=SECRET)
    args = [cli, "verify", "--alg", "HS256", "--key", KEY, "--now", "1799993000", "--allow-weak-key", "-"]
    return subprocess.run(args, input=token.encode(), env=env, capture_output=True).returncode == 0


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cli", required=True)
    ap.add_argument("--libs", default="node,python,ruby,php,go,java")
    args = ap.parse_args()
    libs = [lib for lib in args.libs.split(",") if lib]
    rows = corpus()
    records = [{"name": str(i), "alg": "HS256", "secret": SECRET, "token": token}
               for i, (_, token) in enumerate(rows)]
    results = {lib: run_driver(lib, "verify", records) for lib in libs}
    missing = [lib for lib in libs if len(results[lib]) != len(records)]
    print("| token | " + " | ".join(libs) + " | membrane-token |")
    print("|---|" + "---|" * (len(libs) + 1))
    ours_accepted = []
    for i, (what, token) in enumerate(rows):
        cells = ["accepts" if results[lib].get(str(i), {}).get("ok") else "-" for lib in libs]
        ours = cli_accepts(args.cli, token)
        if ours and i > 0:
            ours_accepted.append(what)
        print(f"| {what} | " + " | ".join(cells) + f" | {'accepts' if ours else '-'} |")
    counts = {lib: sum(1 for i in range(1, len(rows)) if results[lib].get(str(i), {}).get("ok")) for lib in libs}
    print("\naccepted of %d hostile tokens: " % (len(rows) - 1)
          + ", ".join(f"{lib} {n}" for lib, n in counts.items()))
    if missing:
        print("drivers without a result for every token (not set up?): " + ", ".join(missing))
    if ours_accepted:
        print("membrane-token accepted: " + "; ".join(ours_accepted))
    sys.exit(1 if ours_accepted or missing else 0)


if __name__ == "__main__":
    main()
