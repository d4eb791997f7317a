#!/usr/bin/env python3
"""Checks that the library's imports run one way: no cycles between its layers or files.

    python3 .ci/module_deps.py [--files]

Reads every `src/**/*.rs` except the CLI (`src/bin/`, which uses only the public API),
finds the paths each file names in code (comments, strings and doc links are skipped):
`use` trees and inline paths starting with `crate::`, `super::`, `self::` or a child
module, resolved through the re-exports of `lib.rs` and of each `mod.rs` (so
`crate::KeyPolicy` counts as `sig::policy`). A re-export that the re-exporting file's
own code does not use is the facade, not a dependency.

The layers, lowest first; a file may import its own layer and the layers below it:

    base    error.rs, algorithm.rs: the shared leaves
    json    json/: value, float, profile, writer, scan, value_serializer
    b64     b64.rs: base64url, streaming into the JSON writer's sink
    sig     sig/: HMAC key, key policy, signer, public/private keys
    token   sign/, verify/, connector.rs: the token formats and the verifier
    web     web/: the Rust web stack around the token layer

`lib.rs` is the facade (documentation and re-exports) and belongs to no layer.

Prints the layer graph (and with --files the file graph). Exit status 1 when a file
imports a layer above its own, or when the files or layers form a cycle.
"""

import argparse
import collections
import pathlib
import re
import sys

SRC = pathlib.Path(__file__).resolve().parent.parent / "src"

LAYERS = ["base", "json", "b64", "sig", "token", "web"]
# First path segment below the crate root -> layer.
LAYER_OF = {
    "error": "base",
    "algorithm": "base",
    "json": "json",
    "b64": "b64",
    "sig": "sig",
    "sign": "token",
    "verify": "token",
    "connector": "token",
    "web": "web",
}

TOKEN = re.compile(
    r"""
      (?P<ws>\s+)
    | (?P<line_comment>//[^\n]*)
    | (?P<block_comment>/\*)
    | (?P<raw_string>(?:\bbr|\br)(?P<hashes>\#*)")
    | (?P<string>(?:\bb)?")
    | (?P<char>(?:\bb)?'(?:[^'\\\n]|\\(?:[^u\n]|u\{[0-9a-fA-F]{1,6}\}|x[0-9a-fA-F]{2}))')
    | (?P<lifetime>'[A-Za-z_][A-Za-z0-9_]*)
    | (?P<ident>[A-Za-z_][A-Za-z0-9_]*)
    | (?P<path_sep>::)
    | (?P<punct>.)
    """,
    re.X | re.S,
)


def tokens(text):
    """The identifiers and punctuation of `text`, without comments, strings or chars."""
    out = []
    pos = 0
    while pos < len(text):
        m = TOKEN.match(text, pos)
        kind = m.lastgroup if m.lastgroup != "hashes" else "raw_string"
        if m.group("raw_string"):
            kind = "raw_string"
        if kind == "block_comment":
            depth, pos = 1, m.end()
            while depth and pos < len(text):
                if text.startswith("/*", pos):
                    depth, pos = depth + 1, pos + 2
                elif text.startswith("*/", pos):
                    depth, pos = depth - 1, pos + 2
                else:
                    pos += 1
            continue
        if kind == "raw_string":
            end = text.find('"' + m.group("hashes"), m.end())
            pos = len(text) if end < 0 else end + 1 + len(m.group("hashes"))
            continue
        if kind == "string":
            pos = m.end()
            while pos < len(text) and text[pos] != '"':
                pos += 2 if text[pos] == "\\" else 1
            pos += 1
            continue
        pos = m.end()
        if kind in ("ws", "line_comment", "char", "lifetime"):
            continue
        out.append(m.group())
    return out


def module_of(path):
    """`src/sig/hmac.rs` -> ("sig", "hmac"); `src/sig/mod.rs` -> ("sig",); lib.rs -> ()."""
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] in ("mod", "lib"):
        parts.pop()
    return tuple(parts)


def parse_use_tree(toks, i, prefix, out):
    """Parses one use tree at toks[i]; appends (segments, bound name) to out."""
    segs = list(prefix)
    if toks[i] == "::":  # `use ::extern_crate::...`
        segs.append("::")
        i += 1
    while True:
        tok = toks[i]
        if tok == "{":
            i += 1
            while toks[i] != "}":
                i = parse_use_tree(toks, i, segs, out)
                if toks[i] == ",":
                    i += 1
            return i + 1
        if tok == "*":
            out.append((segs, "*"))
            return i + 1
        segs.append(tok)
        i += 1
        if toks[i] == "::":
            i += 1
            continue
        name = segs[-1] if segs[-1] != "self" else segs[-2]
        if toks[i] == "as":
            name = toks[i + 1]
            i += 2
        out.append((segs, name))
        return i


class Crate:
    def __init__(self):
        self.files = {}  # module path -> file
        self.inline = set()  # inline modules (`mod tests { ... }`), by path
        self.uses = {}  # file module -> [(scope module, segments, name, public)]
        self.paths = {}  # file module -> [(scope module, segments)]
        self.idents = {}  # file module -> Counter of identifiers outside `use` items
        for path in sorted(SRC.rglob("*.rs")):
            if "bin" in path.relative_to(SRC).parts:
                continue
            self.files[module_of(path)] = path
        for module, path in self.files.items():
            self.scan(module, tokens(path.read_text()))

    def scan(self, module, toks):
        uses, paths, idents = [], [], collections.Counter()
        scopes = [(module, -1)]  # (module path, brace depth at which it closes)
        depth = 0
        i = 0
        while i < len(toks):
            tok = toks[i]
            scope = scopes[-1][0]
            if tok == "mod" and i + 2 < len(toks) and toks[i + 2] == "{":
                scopes.append((scope + (toks[i + 1],), depth))
                self.inline.add(scope + (toks[i + 1],))
                depth += 1
                i += 3
                continue
            if tok == "{":
                depth += 1
            elif tok == "}":
                depth -= 1
                if depth == scopes[-1][1]:
                    scopes.pop()
            if tok == "use" and (i == 0 or toks[i - 1] not in ("::", ".")):
                public = i > 0 and (toks[i - 1] == "pub" or toks[i - 1] == ")")
                trees = []
                end = parse_use_tree(toks, i + 1, [], trees)
                for segs, name in trees:
                    uses.append((scope, segs, name, public))
                i = end
                continue
            if tok in ("crate", "super", "self") or (
                i + 1 < len(toks) and toks[i + 1] == "::" and (i == 0 or toks[i - 1] != "::")
            ):
                segs = [tok]
                j = i + 1
                while j + 1 < len(toks) and toks[j] == "::" and re.match(r"\w", toks[j + 1]):
                    segs.append(toks[j + 1])
                    j += 2
                if len(segs) > 1:
                    paths.append((scope, segs))
                    idents.update(segs)
                    i = j
                    continue
            if re.match(r"[A-Za-z_]", tok):
                idents[tok] += 1
            i += 1
        self.uses[module] = uses
        self.paths[module] = paths
        self.idents[module] = idents

    def is_module(self, path):
        return path in self.files or path in self.inline

    def absolute(self, scope, segs):
        """The crate-absolute segments of a path written in `scope`, or None (extern)."""
        head, rest = segs[0], segs[1:]
        if head == "crate":
            return list(rest)
        if head == "super":
            base = list(scope)
            while head == "super":
                base = base[:-1]
                head, rest = (rest[0], rest[1:]) if rest else ("", [])
            return base + ([head] if head else []) + list(rest)
        if head == "self":
            return list(scope) + list(rest)
        if self.is_module(tuple(scope) + (head,)):  # a child module, 2018 paths
            return list(scope) + [head] + list(rest)
        return None  # core, alloc, an extern crate, a local name

    def resolve(self, segs, seen=()):
        """The file module that defines the item at crate-absolute `segs`."""
        k = len(segs)
        while k and not self.is_module(tuple(segs[:k])):
            k -= 1
        module = tuple(segs[:k])
        rest = segs[k:]
        while module not in self.files:  # an inline module lives in its file
            module = module[:-1]
        if rest and (module, rest[0]) not in seen:
            for scope, use_segs, name, public in self.uses.get(module, []):
                if public and name == rest[0] and scope == tuple(segs[:k]):
                    target = self.absolute(scope, use_segs)
                    if target is not None:
                        if target and target[-1] == "self":
                            target = target[:-1]
                        return self.resolve(target + rest[1:], seen + ((module, rest[0]),))
        return module

    def edges(self):
        """(from file module, to file module) -> a sample of the paths behind it."""
        found = collections.defaultdict(list)
        for module in self.files:
            if module == ():  # lib.rs: the facade
                continue
            refs = []
            for scope, segs, name, public in self.uses[module]:
                # A re-export its own file does not use is the facade, not a dependency.
                if public and name != "*" and self.idents[module][name] == 0:
                    continue
                refs.append((scope, segs))
            refs += self.paths[module]
            for scope, segs in refs:
                target = self.absolute(scope, segs)
                if target is None:
                    continue
                if target and target[-1] == "self":
                    target = target[:-1]
                to = self.resolve(target)
                if to != module and to != ():
                    found[(module, to)].append("::".join(segs))
        return found


def name(module):
    return "::".join(module) or "crate"


def layer(module):
    return LAYER_OF.get(module[0]) if module else None


def cycles(nodes, succ):
    """Strongly connected components with more than one node (Tarjan)."""
    index, low, stack, on, out = {}, {}, [], set(), []

    def visit(v):
        index[v] = low[v] = len(index)
        stack.append(v)
        on.add(v)
        for w in succ.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            comp = []
            while True:
                w = stack.pop()
                on.discard(w)
                comp.append(w)
                if w == v:
                    break
            if len(comp) > 1:
                out.append(sorted(comp))

    for v in nodes:
        if v not in index:
            visit(v)
    return out


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--files", action="store_true", help="print the file graph too")
    args = parser.parse_args()
    crate = Crate()
    edges = crate.edges()
    problems = []

    unknown = sorted({name(m) for m in crate.files if m and layer(m) is None})
    for module in unknown:
        problems.append(f"{module}: in no layer (add it to LAYER_OF in .ci/module_deps.py)")

    members = collections.defaultdict(list)
    for module in crate.files:
        if module:
            members[layer(module)].append(name(module))
    layer_edges = collections.defaultdict(list)
    for (a, b), via in sorted(edges.items()):
        la, lb = layer(a), layer(b)
        if la and lb and la != lb:
            layer_edges[(la, lb)].append((a, b, via))
            if LAYERS.index(lb) > LAYERS.index(la):
                problems.append(
                    f"{name(a)} ({la}) imports {name(b)} ({lb}), a layer above: {via[0]}"
                )

    print("layers (lowest first) and what each imports:")
    for lay in LAYERS:
        deps = sorted({lb for (la, lb) in layer_edges if la == lay}, key=LAYERS.index)
        files = ", ".join(sorted(members.get(lay, [])))
        print(f"  {lay:<6} -> {', '.join(deps) if deps else '(nothing)'}")
        print(f"  {'':<6}    files: {files}")
    print("layer edges (file -> file it uses):")
    for (la, lb), items in sorted(
        layer_edges.items(), key=lambda e: (LAYERS.index(e[0][0]), LAYERS.index(e[0][1]))
    ):
        pairs = ", ".join(f"{name(a)} -> {name(b)}" for a, b, _ in items)
        print(f"  {la} -> {lb}: {pairs}")

    succ = collections.defaultdict(set)
    for a, b in edges:
        succ[a].add(b)
    for comp in cycles(sorted(crate.files), succ):
        problems.append("file cycle: " + " <-> ".join(name(m) for m in comp))
    layer_succ = collections.defaultdict(set)
    for la, lb in layer_edges:
        layer_succ[la].add(lb)
    for comp in cycles(LAYERS, layer_succ):
        problems.append("layer cycle: " + " <-> ".join(comp))

    if args.files:
        print("file graph:")
        for module in sorted(crate.files):
            deps = sorted(name(b) for (a, b) in edges if a == module)
            print(f"  {name(module)} -> {', '.join(deps) if deps else '(nothing)'}")

    if problems:
        for problem in problems:
            print(f"FAIL: {problem}", file=sys.stderr)
        return 1
    print(f"ok: {len(crate.files)} files, {len(edges)} file edges, no cycles, imports one way")
    return 0


if __name__ == "__main__":
    sys.exit(main())
