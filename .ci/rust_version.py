#!/usr/bin/env python3
"""Checks that Cargo.toml's `rust-version` is at least every dependency's.

The library's normal dependencies, with every feature on (what `cargo build
--all-features` compiles, dev-dependencies and build tools of the tests excluded),
are read from `cargo metadata`; the highest `rust-version` any of them declares is
the least this crate can honestly state. Exit 1, naming the crates, when the
manifest states less.

    python3 .ci/rust_version.py
"""

import json
import subprocess
import sys


def version_tuple(text):
    return tuple(int(part) for part in text.split("."))


def main():
    metadata = json.loads(
        subprocess.run(
            ["cargo", "metadata", "--format-version", "1", "--all-features", "--locked"],
            check=True,
            capture_output=True,
            text=True,
        ).stdout
    )
    packages = {p["id"]: p for p in metadata["packages"]}
    root = metadata["resolve"]["root"]
    nodes = {n["id"]: n for n in metadata["resolve"]["nodes"]}

    # Walk normal (and build) edges only: what building the library pulls in.
    seen, stack = set(), [root]
    while stack:
        node = nodes[stack.pop()]
        for dep in node["deps"]:
            kinds = {k["kind"] for k in dep["dep_kinds"]}
            if kinds & {None, "build"} and dep["pkg"] not in seen:
                seen.add(dep["pkg"])
                stack.append(dep["pkg"])

    declared = packages[root].get("rust_version")
    if not declared:
        print("Cargo.toml states no rust-version", file=sys.stderr)
        return 1
    needs = sorted(
        (version_tuple(packages[p]["rust_version"]), packages[p]["name"], packages[p]["version"])
        for p in seen
        if packages[p].get("rust_version")
    )
    highest = needs[-1][0] if needs else (0,)
    top = [f"{name} {ver}" for v, name, ver in needs if v == highest]
    print(f"rust-version: Cargo.toml {declared}; highest of {len(seen)} dependencies "
          f"{'.'.join(map(str, highest))} ({', '.join(top)})")
    if version_tuple(declared) < highest:
        print(f"Cargo.toml's rust-version {declared} is lower than {top} declare", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
