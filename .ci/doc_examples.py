#!/usr/bin/env python3
"""Counts the public API items whose rustdoc carries a Rust example (a doctest).

Reads the rustdoc JSON of the library (built with all features):

    RUSTC_BOOTSTRAP=1 cargo rustdoc --all-features --lib -- -Z unstable-options --output-format json
    python3 .ci/doc_examples.py [--min PERCENT] [--list]

An item is what a user calls or names: a type, trait, free function, constant or
static reachable from the crate root, and every method and associated constant of
the inherent impls of those types. Enum variants and struct fields are not counted
(their docs live in the enum's or struct's example). `rustdoc --show-coverage`
counts examples only for a few item kinds, so this script is the project's measure.

Exit status 1 when fewer than --min percent of the items have an example.
"""

import argparse
import json
import pathlib
import re
import sys

DOC_JSON = pathlib.Path(__file__).resolve().parent.parent / "target/doc/membrane_token.json"
# Code fences rustdoc does not compile are not examples.
NOT_RUST = {"text", "sh", "console", "json", "toml", "ignore", "bash", "plain"}
ITEM_KINDS = {"struct", "enum", "trait", "function", "constant", "static", "type_alias"}


def has_example(docs):
    for match in re.finditer(r"^\s*```([^\n]*)$", docs or "", re.M):
        tags = {t.strip() for t in match.group(1).split(",") if t.strip()}
        if not tags & NOT_RUST:
            return True
    return False


def kind_of(item):
    return next(iter(item["inner"]))


def public_items(doc):
    index = doc["index"]
    seen = set()
    items = []

    def add(item_id, path):
        item_id = str(item_id)
        if item_id in seen or item_id not in index:
            return
        seen.add(item_id)
        item = index[item_id]
        kind = kind_of(item)
        if kind == "module":
            for child in item["inner"]["module"]["items"]:
                add(child, path)
            return
        if kind == "use":
            target = item["inner"]["use"].get("id")
            if target is not None:
                add(target, path)
            return
        if kind not in ITEM_KINDS:
            return
        name = f"{path}{item['name']}"
        items.append((name, item))
        if kind in ("struct", "enum"):
            for impl_id in item["inner"][kind].get("impls", []):
                impl = index.get(str(impl_id))
                if not impl or impl["inner"]["impl"].get("trait") is not None:
                    continue
                for member_id in impl["inner"]["impl"]["items"]:
                    member = index.get(str(member_id))
                    if member and member["visibility"] == "public":
                        if kind_of(member) in ("function", "assoc_const"):
                            items.append((f"{name}::{member['name']}", member))

    add(doc["root"], "")
    return items


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--min", type=float, default=0.0)
    parser.add_argument("--list", action="store_true", help="list items without an example")
    args = parser.parse_args()
    doc = json.loads(DOC_JSON.read_text())
    items = public_items(doc)
    missing = sorted(name for name, item in items if not has_example(item.get("docs")))
    total = len(items)
    with_example = total - len(missing)
    percent = 100.0 * with_example / total if total else 0.0
    print(f"doc examples: {with_example} of {total} public items ({percent:.1f} %)")
    if args.list or percent < args.min:
        for name in missing:
            print(f"  no example: {name}")
    if percent < args.min:
        print(f"below the required {args.min:.0f} %", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
