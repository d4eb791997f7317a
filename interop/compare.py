#!/usr/bin/env python3
"""Runs the interop checks for the libraries run.sh prepared (stdlib only).

    python3 interop/compare.py --cases FILE --work DIR --libs node,python,...
                               [--cli PATH] [--vectors DIR]
                               [--asym-cases FILE --asym-vectors DIR]
    python3 interop/compare.py --list      # the known library names

LIBRARIES (below) is the one table of library -> driver -> CLI profile; each run
prints the rows it uses. For each library, with its driver fed all cases in one
process:
  0. reference: the driver reproduces the real library's tokens in the shared
     reference vectors (the row's <lib>-public.json), when that file is there;
  1. the library signs every case (refusals and warnings are recorded);
  2. the crate's CLI encodes each case with the row's profile: the token
     must be identical (cases the library refused are skipped; on a JDK < 19,
     java tokens that differ only in Double.toString digits are counted apart);
  3. the CLI verifies each library token;
  4. the library verifies each CLI token, and its own tokens.
Without --cli only steps 0, 1 and the library's check of its own tokens run.

With --asym-cases (gen_cases.py --asym) the same steps run for the public-key
algs each library supports (its row's `asym`), with the fixed test keys of
asym-keys.json in --asym-vectors: 0. the driver reproduces the library's tokens
in asym-<lib>-public.json (RS*/EdDSA byte for byte; PS*/ES* are randomized: the
same signing input, and the driver verifies the library's token), refusals
included; 1. the library signs each case; 2. `membrane-token encode --alg ALG
--private-key-file KEY --profile P` must give the identical token (RS*, EdDSA)
or the identical signing input (PS*, ES*); 3. `membrane-token verify --alg ALG
--public-key-file PUB --now ...` accepts each library token; 4. the library
verifies each CLI token and its own. Steps 2-4 need a CLI whose `encode --help`
lists --private-key-file; without one they are skipped with a notice.
Prints one summary line per library (and per library and public-key alg) and
ends with "N passed, N failed".
"""

import argparse
import base64
import concurrent.futures
import json
import os
import re
import subprocess
import sys
import time
import unicodedata

HERE = os.path.dirname(os.path.abspath(__file__))
KEY = "ws_7f3c2a9e"
VERIFY_NOW = "1799993000"  # after every case's iat, before its exp
HASH_BYTES = {"HS256": 32, "HS384": 48, "HS512": 64}
MAX_REPORTS = 10  # problem reports printed per library
ASYM_ALGS = ("RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA")
RSA_PKCS1 = ASYM_ALGS[:3]
# RS* (PKCS#1 v1.5) and EdDSA signatures are a function of key and input: the
# token must be byte-identical. PS* (random salt) and ES* (random nonce) are not:
# their signing input (header.payload) must be identical and each side verifies
# the other's token.
DETERMINISTIC = set(RSA_PKCS1) | {"EdDSA"}
SIGNING_CLOCK = 1799992800  # the shared asym vectors' frozen Date.now (jsonwebtoken adds iat)


class Library:
    """One row of LIBRARIES: how to run a library's driver, and which of the
    crate's profiles (`membrane-token encode --profile ...`) must reproduce its
    tokens byte for byte."""

    def __init__(self, driver, profile, vectors, what, asym=ASYM_ALGS, asym_vectors=None):
        self.driver = driver    # command line; words with a "/" are paths under interop/
        self.profile = profile  # the CLI profile name
        self.vectors = vectors  # reference vectors file (tests/vectors/)
        self.what = what        # library and runtime, for the printed table
        self.asym = asym        # public-key algs the library signs and verifies (measured)
        self.asym_vectors = asym_vectors  # its asym reference vectors file

    def command(self):
        return [os.path.join(HERE, c) if "/" in c else c for c in self.driver]


# The one table of library -> driver -> profile. run.sh takes its default
# library list from here (compare.py --list), so a new row needs no other edit
# than its setup in run.sh. Two rows for golang-jwt because encoding/json
# changed in Go 1.22 (\b and \f instead of \u0008 and \u000c): the crate's
# `go` profile is the old toolchain, as in shared/vectors/go-public.json, and
# `go1.22` the new one. Both Go drivers are checked against go-public.json,
# which has no \b or \f, so the go1.26 build reproduces it too.
# `asym`: the public-key algs each library signs (measured; see the shared
# vectors' README and interop/README.md): jsonwebtoken 9 has no EdDSA, php-jwt 7
# no PS* and no ES512. The others sign all ten (ruby-jwt's EdDSA needs the rbnacl
# gem, which run.sh installs). go-legacy is checked against the v5/go1.26 asym
# vectors with go1.19's \u0008/\u000c spellings (see asym_expected).
LIBRARIES = {
    "node": Library(["node", "node/driver.js"], "node", "node-public.json",
                    "jsonwebtoken (npm), Node",
                    asym=RSA_PKCS1 + ("PS256", "PS384", "PS512", "ES256", "ES384", "ES512"),
                    asym_vectors="asym-node-public.json"),
    "python": Library(["python/.venv/bin/python", "python/driver.py"], "python", "python-public.json",
                      "PyJWT + cryptography (PyPI), CPython", asym_vectors="asym-python-public.json"),
    "ruby": Library(["ruby", "ruby/driver.rb"], "ruby", "ruby-public.json",
                    "ruby-jwt + rbnacl (Debian ruby-jwt, ruby-rbnacl), Ruby", asym_vectors="asym-ruby-public.json"),
    "php": Library(["php", "php/driver.php"], "php", "php-public.json",
                   "PHP json_encode/openssl/sodium stand-in for firebase/php-jwt",
                   asym=RSA_PKCS1 + ("ES256", "ES384", "EdDSA"), asym_vectors="asym-php-public.json"),
    "go": Library(["go/driver"], "go1.22", "go-public.json",
                  "golang-jwt v5, built with the machine's Go (>= 1.22)", asym_vectors="asym-go-public.json"),
    "go-legacy": Library(["go-legacy/driver"], "go", "go-public.json",
                         "golang-jwt v4.4.3, built with Debian's go1.19", asym_vectors="asym-go-public.json"),
    "java": Library(["java/driver"], "java", "java-jjwt.json",
                    "jjwt + Jackson, on Temurin 25 if installed, else `java` (profile: JDK >= 19)",
                    asym_vectors="asym-java-public.json"),
}

# jjwt writes doubles with Double.toString, which prints the shortest digits that
# round-trip only from JDK 19 on (JDK-4511638); before, e.g. 6.3390000000000008E16
# for 6.339000000000001E16. The `java` profile follows JDK >= 19. On an older JDK
# the run goes on, and a token that differs from ours only in such spellings is
# counted apart (see float_spelling_only) and does not fail the run.
SHORTEST_DOUBLE_JDK = 19


def print_table(names):
    rows = [("library", "driver", "profile", "reference vectors; what")]
    rows += [(n, " ".join("interop/" + c if "/" in c else c for c in LIBRARIES[n].driver), LIBRARIES[n].profile,
              f"{LIBRARIES[n].vectors}, {LIBRARIES[n].asym_vectors}; {LIBRARIES[n].what}") for n in names]
    w = [max(len(r[i]) for r in rows) for i in range(3)]
    for r in rows:
        print(f"{r[0]:<{w[0]}} -> {r[1]:<{w[1]}} -> {r[2]:<{w[2]}}  ({r[3]})")


class Tally:
    def __init__(self):
        self.passed = 0
        self.failed = 0
        self.tolerated = 0  # JDK < 19 Double.toString spellings: neither passed nor failed

    def check(self, ok):
        if ok:
            self.passed += 1
        else:
            self.failed += 1
        return ok


class Reporter:
    """Prints at most MAX_REPORTS problems for one library, counts the rest."""

    def __init__(self, lib):
        self.lib = lib
        self.shown = 0
        self.hidden = 0

    def problem(self, lines):
        if self.shown >= MAX_REPORTS:
            self.hidden += 1
            return
        self.shown += 1
        print(f"  FAIL {self.lib} {lines[0]}")
        for line in lines[1:]:
            print(f"    {line}")

    def close(self):
        if self.hidden:
            print(f"  ... {self.hidden} more {self.lib} failures not shown")


def run_driver(lib, mode, records):
    """Feeds all records to one driver process; returns {name: result line}."""
    text = "".join(json.dumps(r) + "\n" for r in records)
    try:
        proc = subprocess.run(LIBRARIES[lib].command() + [mode], input=text.encode(), capture_output=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        print(f"  {lib} driver {mode}: {e}")  # every case of this batch then fails
        return {}
    results = {}
    for line in proc.stdout.decode("utf-8", "replace").split("\n"):
        if line.strip():
            try:
                obj = json.loads(line)
                results[obj.get("name")] = obj
            except ValueError:
                pass
    if proc.returncode != 0 or len(results) != len(records):
        err = proc.stderr.decode("utf-8", "replace").strip()[-2000:]
        print(f"  {lib} driver {mode}: exit {proc.returncode}, {len(results)}/{len(records)} results\n    {err}")
    return results


def driver_version(lib):
    try:
        proc = subprocess.run(LIBRARIES[lib].command() + ["version"], capture_output=True, timeout=120)
        out = proc.stdout.decode("utf-8", "replace").strip()
        return out if proc.returncode == 0 and out else "version unknown"
    except OSError as e:
        return f"version unknown ({e})"


def segments(token):
    """(header text, payload text) decoded from a token, for diffs."""
    parts = (token or "").split(".")
    out = []
    for seg in parts[:2]:
        try:
            out.append(base64.urlsafe_b64decode(seg + "=" * (-len(seg) % 4)).decode("utf-8", "replace"))
        except ValueError as e:
            out.append(f"<undecodable: {e}>")
    return (out + ["", ""])[:2]


def visible(text):
    """Marks characters a terminal would hide or mangle, e.g. ⟨U+2028⟩."""
    return "".join(f"⟨U+{ord(ch):04X}⟩" if unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn")
                   else ch for ch in text)


def window(a, b, width=200):
    """The two texts, cut down to the region around their first difference."""
    if len(a) <= width and len(b) <= width:
        return a, b, ""
    i = next((k for k in range(min(len(a), len(b))) if a[k] != b[k]), min(len(a), len(b)))
    lo = max(0, i - 60)
    cut = lambda s: ("…" if lo else "") + s[lo:lo + width] + ("…" if lo + width < len(s) else "")
    return cut(a), cut(b), f" (first difference at character {i})"


def token_diff(name, lib_token, our_token):
    lh, lp = segments(lib_token)
    oh, op = segments(our_token)
    if (lh, lp) == (oh, op):
        return [f"{name}: same header and payload, different signature (key handling?)"]
    lp_w, op_w, where = window(lp, op)
    return [f"{name}: tokens differ{where}",
            f"library payload: {visible(lp_w)}",
            f"ours    payload: {visible(op_w)}",
            f"library header:  {visible(lh)}",
            f"ours    header:  {visible(oh)}"]


def short(token):
    return token if len(token) <= 160 else token[:160] + f"… ({len(token)} chars; all tokens are in the work folder)"


def weak_flag(case):
    return ["--allow-weak-key"] if len(case["secret"].encode()) < HASH_BYTES[case["alg"]] else []


def cli_encode(cli, profile, case):
    proc = subprocess.run(
        [cli, "encode", "--alg", case["alg"], "--profile", profile, "--payload-file", "-"] + weak_flag(case),
        input=case["claims"].encode("utf-8"), capture_output=True, timeout=60,
        env={**os.environ, "MEMBRANE_WORKSPACE_SECRET": case["secret"]})
    return proc.returncode, proc.stdout.decode("utf-8", "replace").strip(), proc.stderr.decode("utf-8", "replace").strip()


def cli_verify(cli, case, token):
    proc = subprocess.run(
        [cli, "verify", "--alg", case["alg"], "--key", KEY, "--now", VERIFY_NOW] + weak_flag(case) + [token],
        capture_output=True, timeout=60, env={**os.environ, "MEMBRANE_WORKSPACE_SECRET": case["secret"]})
    return proc.returncode, proc.stderr.decode("utf-8", "replace").strip()


def pmap(fn, items):
    with concurrent.futures.ThreadPoolExecutor(max_workers=2 * (os.cpu_count() or 2)) as pool:
        return list(pool.map(fn, items))


def grouped(messages):
    """Counts messages with numbers blanked, so "key is 40 bytes" and "key is 41
    bytes" count as one reason."""
    counts = {}
    for m in messages:
        k = re.sub(r"\d+", "N", m)[:160]
        counts[k] = counts.get(k, 0) + 1
    return sorted(counts.items(), key=lambda kv: -kv[1])


# A JSON string, a JSON number, or any other single character.
JSON_PIECE = re.compile(r'"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|.', re.S)


def float_spelling_only(lib_token, our_token):
    """True when the two tokens' headers are equal and their payloads differ only
    in how some non-integer numbers are spelled, each pair naming the same double
    (e.g. 6.3390000000000008E16 and 6.339000000000001E16)."""
    lh, lp = segments(lib_token)
    oh, op = segments(our_token)
    if lh != oh or lp == op:
        return False
    a, b = JSON_PIECE.findall(lp), JSON_PIECE.findall(op)
    if len(a) != len(b):
        return False
    for x, y in zip(a, b):
        if x == y:
            continue
        numbers = x[-1:].isdigit() and y[-1:].isdigit() and not x.startswith('"') and not y.startswith('"')
        fractional = any(ch in x for ch in ".eE") and any(ch in y for ch in ".eE")
        if not (numbers and fractional and float(x) == float(y)):
            return False
    return True


def jdk_feature(version_line):
    """The JDK feature version (17, 25...) named in the java driver's version line."""
    m = re.search(r"\bJDK (\d+)", version_line)
    return int(m.group(1)) if m else None


def reference_check(lib, vectors_dir, tally, rep):
    """Step 0: the driver reproduces the real library's published tokens."""
    path = os.path.join(vectors_dir or "", LIBRARIES[lib].vectors)
    cases_path = os.path.join(vectors_dir or "", "cases-public.json")
    if not vectors_dir or not os.path.exists(path) or not os.path.exists(cases_path):
        print(f"{lib}: reference vectors not found, reference check skipped")
        return
    with open(path, encoding="utf-8") as f:
        expected = {v["name"]: v for v in json.load(f)["vectors"]}
    with open(cases_path, encoding="utf-8") as f:
        ref_cases = [{"name": c["name"], "alg": c["alg"], "secret": c["secret"],
                      "claims": json.dumps(dict(c["claims"]), ensure_ascii=False, separators=(",", ":"))}
                     for c in json.load(f)["cases"] if c["name"] in expected]
    got = run_driver(lib, "sign", ref_cases)
    same = 0
    for c in ref_cases:
        want, res = expected[c["name"]], got.get(c["name"], {})
        if want.get("refused"):
            ok = "refused" in res
        else:
            ok = res.get("token") == want["token"]
        same += tally.check(ok)
        if not ok:
            rep.problem(token_diff(f"reference {c['name']}", want.get("token"), res.get("token") or res.get("refused")))
    print(f"{lib}: reference vectors {same}/{len(ref_cases)} reproduced ({os.path.basename(path)})")


def check_library(lib, cases, cli, vectors_dir, work, tally, old_jdk=False):
    """old_jdk: the java driver runs on a JDK < 19; tokens that differ from ours
    only in Double.toString spellings are counted apart, not as failures."""
    profile = LIBRARIES[lib].profile
    rep = Reporter(lib)
    t0 = time.monotonic()
    reference_check(lib, vectors_dir, tally, rep)

    # 1. The library signs every case.
    signed = run_driver(lib, "sign", cases)
    t_sign = time.monotonic() - t0
    with open(os.path.join(work, f"{lib}-signed.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(json.dumps(signed.get(c["name"], {"name": c["name"]})) + "\n" for c in cases)
    refused = [c for c in cases if "refused" in signed.get(c["name"], {})]
    missing = [c for c in cases if "token" not in signed.get(c["name"], {}) and c not in refused]
    for c in missing:
        tally.check(False)
        rep.problem([f"{c['name']}: driver gave no result"])
    warned = [signed[c["name"]]["warning"] for c in cases if signed.get(c["name"], {}).get("warning")]
    good = [c for c in cases if "token" in signed.get(c["name"], {})]
    lib_token = {c["name"]: signed[c["name"]]["token"] for c in good}

    identical = verified_by_us = 0
    jdk_spelled = []  # cases that differ only in JDK < 19 Double.toString spellings
    our_token = {}
    if cli:
        # 2. Our CLI, same case, that library's profile: must give the same token.
        for c, (rc, out, err) in zip(good, pmap(lambda c: cli_encode(cli, profile, c), good)):
            if rc == 0:
                our_token[c["name"]] = out
            ok = rc == 0 and out == lib_token[c["name"]]
            if not ok and rc == 0 and old_jdk and float_spelling_only(lib_token[c["name"]], out):
                tally.tolerated += 1
                jdk_spelled.append(c["name"])
                continue
            identical += tally.check(ok)
            if not ok:
                rep.problem([f"{c['name']}: CLI encode exited {rc}: {err}"] if rc else
                            token_diff(c["name"], lib_token[c["name"]], out))
        # 3. Our CLI verifies the library's tokens.
        for c, (rc, err) in zip(good, pmap(lambda c: cli_verify(cli, c, lib_token[c["name"]]), good)):
            verified_by_us += tally.check(rc == 0)
            if rc != 0:
                rep.problem([f"{c['name']}: CLI rejected the library's token (exit {rc}): {err}",
                             f"token: {short(lib_token[c['name']])}"])

    # 4. The library verifies our tokens, and (sanity) its own; one process.
    batch = [{"name": c["name"] + "#own", "alg": c["alg"], "secret": c["secret"], "token": lib_token[c["name"]]}
             for c in good]
    batch += [{"name": c["name"] + "#ours", "alg": c["alg"], "secret": c["secret"], "token": our_token[c["name"]]}
              for c in good if c["name"] in our_token]
    results = run_driver(lib, "verify", batch) if batch else {}
    own_ok = ours_ok = 0
    for item in batch:
        res = results.get(item["name"], {})
        ok = res.get("ok") is True
        tally.check(ok)
        if item["name"].endswith("#own"):
            own_ok += ok
            what = "library rejected its own token"
        else:
            ours_ok += ok
            what = "library rejected our token"
        if not ok:
            rep.problem([f"{item['name']}: {what}: {res.get('error', 'no result')}", f"token: {short(item['token'])}"])

    elapsed = time.monotonic() - t0
    parts = [f"{len(cases)} cases"]
    if cli:
        parts += [f"{identical} identical"]
        if old_jdk:
            parts += [f"{len(jdk_spelled)} JDK < 19 Double.toString"]
        parts += [f"{verified_by_us} verified by us", f"{ours_ok} verified by library"]
    parts += [f"{len(refused)} refused", f"{len(warned)} warned", f"{own_ok} self-verified"]
    print(f"{lib} (profile {profile}): " + ", ".join(parts) + f"  [sign {t_sign:.1f}s, all {elapsed:.1f}s]"
          + ("" if cli else "  (no CLI: steps 2-4 skipped)"))
    if jdk_spelled:
        shown = ", ".join(jdk_spelled[:10]) + (" ..." if len(jdk_spelled) > 10 else "")
        print(f"  JDK < 19 Double.toString: {len(jdk_spelled)} tokens differ from ours only in the digits"
              f" of doubles that name the same value ({shown}); not counted as failures")
        for line in token_diff(jdk_spelled[0], lib_token[jdk_spelled[0]], our_token[jdk_spelled[0]])[1:3]:
            print(f"    e.g. {line}")
    for msg, n in grouped(signed[c["name"]]["refused"] for c in refused):
        print(f"  refused {n}x: {msg}")
    for msg, n in grouped(warned):
        print(f"  warned {n}x: {msg}")
    rep.close()


# --- Public-key algorithms -------------------------------------------------


class Keys:
    """The fixed test keys of asym-keys.json, and their PEM files in the work
    folder (private: PKCS#8, public: SPKI) for the CLI's --private-key-file and
    --public-key-file."""

    def __init__(self, path, work):
        with open(path, encoding="utf-8") as f:
            self.keys = json.load(f)["keys"]
        self.dir = os.path.join(work, "keys")
        os.makedirs(self.dir, exist_ok=True)
        for name, k in self.keys.items():
            for suffix, text, mode in ((".pem", k["private_pkcs8_pem"], 0o600),
                                       (".pub.pem", k["public_spki_pem"], 0o644)):
                path = os.path.join(self.dir, name + suffix)
                with open(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode), "w", encoding="ascii") as f:
                    f.write(text)
                os.chmod(path, mode)

    def private_file(self, name):
        return os.path.join(self.dir, name + ".pem")

    def public_file(self, name):
        return os.path.join(self.dir, name + ".pub.pem")

    def sign_line(self, name, alg, key, claims, clock=None):
        """A driver `sign` line for a public-key alg: the PEM, and the JWK for the
        libraries that take raw Ed25519 bytes (ruby-jwt via RbNaCl, php-jwt)."""
        k = self.keys[key]
        line = {"name": name, "alg": alg, "key": key, "private_key": k["private_pkcs8_pem"],
                "private_jwk": k["private_jwk"], "claims": claims}
        if clock is not None:
            line["clock"] = clock
        return line

    def verify_line(self, name, alg, key, token):
        k = self.keys[key]
        return {"name": name, "alg": alg, "key": key, "public_key": k["public_spki_pem"],
                "public_jwk": k["public_jwk"], "token": token}


def signing_input(token):
    return (token or "").rsplit(".", 1)[0]


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def go119_spelling(json_text):
    """The same JSON as go1.19's encoding/json writes it: \\b and \\f as \\u0008
    and \\u000c (Go 1.22 changed to the short forms). Pairs are consumed left to
    right, so an escaped backslash followed by `b` stays as it is."""
    return re.sub(r"\\(.)", lambda m: {"b": "\\u0008", "f": "\\u000c"}.get(m.group(1), m.group(0)), json_text)


def asym_expected(lib, v):
    """(signing input the driver must produce, whether the whole token must be
    identical) for one vector of the library's asym reference file."""
    payload = v["payload_json"]
    if lib == "go-legacy":  # the asym Go vectors were made with Go 1.26
        payload = go119_spelling(payload)
    expected_input = b64url(v["header_json"].encode()) + "." + b64url(payload.encode())
    exact = v["alg"] in DETERMINISTIC and payload == v["payload_json"]
    return expected_input, exact


def asym_reference_check(lib, vectors_dir, keys, tally, rep):
    """Step 0 for public-key algs: the driver against asym-<lib>-public.json."""
    name = LIBRARIES[lib].asym_vectors
    path = os.path.join(vectors_dir or "", name or "")
    cases_path = os.path.join(vectors_dir or "", "asym-cases-public.json")
    if not (vectors_dir and name and os.path.exists(path) and os.path.exists(cases_path)):
        print(f"{lib}: asym reference vectors not found ({path}), asym reference check skipped")
        return
    with open(path, encoding="utf-8") as f:
        vectors = json.load(f)["vectors"]
    with open(cases_path, encoding="utf-8") as f:
        ref_cases = {c["name"]: c for c in json.load(f)["cases"]}
    lines, wanted = [], {}
    for v in vectors:
        c = ref_cases.get(v["name"])
        if c is None:
            continue
        key = f"ref {v['name']} {v['alg']} {v['key']}"
        claims = json.dumps(dict(c["claims"]), ensure_ascii=False, separators=(",", ":"))
        lines.append(keys.sign_line(key, v["alg"], v["key"], claims, clock=SIGNING_CLOCK))
        wanted[key] = v
    got = run_driver(lib, "sign", lines)
    # The driver verifies every token of the file with the public key, the alg pinned.
    checks = [keys.verify_line(k, v["alg"], v["key"], v["token"]) for k, v in wanted.items() if v.get("token")]
    verified = run_driver(lib, "verify", checks) if checks else {}
    identical = same_input = refused = respelled = ok_verified = 0
    refusals = []
    for key, v in wanted.items():
        res = got.get(key, {})
        if v.get("refused"):
            ok = "refused" in res
            refused += ok
            refusals.append(res.get("refused", ""))
            if not ok:
                rep.problem([f"{key}: the library refused ({v['refused']}), the driver did not"])
        else:
            expected_input, exact = asym_expected(lib, v)
            warned_alike = bool(v.get("warning")) == bool(res.get("warning"))
            if exact:
                ok = res.get("token") == v["token"] and warned_alike
                identical += ok
            else:
                ok = signing_input(res.get("token")) == expected_input and warned_alike
                same_input += ok
                respelled += ok and v["alg"] in DETERMINISTIC
            if not ok:
                rep.problem(token_diff(key, v["token"], res.get("token") or res.get("refused"))
                            + ([] if warned_alike else [f"warning: library {v.get('warning')!r}, driver {res.get('warning')!r}"]))
        tally.check(ok)
    for item in checks:
        ok = verified.get(item["name"], {}).get("ok") is True
        ok_verified += tally.check(ok)
        if not ok:
            rep.problem([f"{item['name']}: the driver rejected the library's token: "
                         f"{verified.get(item['name'], {}).get('error', 'no result')}", f"token: {short(item['token'])}"])
    parts = [f"{identical} identical"]
    parts.append(f"{same_input} same signing input (PS*/ES*"
                 + (f"; {respelled} RS*/EdDSA with go1.19's \\u0008/\\u000c" if respelled else "") + ")")
    parts.append(f"{refused} refused as the library did")
    print(f"{lib}: asym reference vectors {identical + same_input + refused}/{len(wanted)} reproduced ({name}: "
          + ", ".join(parts) + f"); {ok_verified}/{len(checks)} of its tokens verified by the driver")
    for msg, n in grouped(refusals):
        print(f"  reference refused {n}x: {msg}")


def cli_has_asym(cli):
    """True when the CLI's encode and verify take the key-file flags."""
    def lists(cmd, flag):
        try:
            proc = subprocess.run([cli, cmd, "--help"], capture_output=True, timeout=30)
        except OSError:
            return False
        return flag in proc.stdout.decode("utf-8", "replace") + proc.stderr.decode("utf-8", "replace")
    return lists("encode", "--private-key-file") and lists("verify", "--public-key-file")


def asym_env():
    # No secret in the environment: mixing one with a public-key alg is an error.
    return {k: v for k, v in os.environ.items() if k != "MEMBRANE_WORKSPACE_SECRET"}


def cli_encode_asym(cli, profile, case, keys):
    proc = subprocess.run(
        [cli, "encode", "--alg", case["alg"], "--private-key-file", keys.private_file(case["key"]),
         "--profile", profile, "--payload-file", "-"],
        input=case["claims"].encode("utf-8"), capture_output=True, timeout=60, env=asym_env())
    return proc.returncode, proc.stdout.decode("utf-8", "replace").strip(), proc.stderr.decode("utf-8", "replace").strip()


def cli_verify_asym(cli, case, token, keys):
    # No --key: the issuer is not checked (the signature, alg, exp and iat are).
    proc = subprocess.run(
        [cli, "verify", "--alg", case["alg"], "--public-key-file", keys.public_file(case["key"]),
         "--now", VERIFY_NOW, token], capture_output=True, timeout=60, env=asym_env())
    return proc.returncode, proc.stderr.decode("utf-8", "replace").strip()


def check_library_asym(lib, acases, cli, vectors_dir, keys, work, tally, old_jdk=False):
    """Steps 0-4 for the public-key algs the library supports (cli: a CLI with
    the key-file flags, or None)."""
    row = LIBRARIES[lib]
    profile = row.profile
    rep = Reporter(lib)
    t0 = time.monotonic()
    asym_reference_check(lib, vectors_dir, keys, tally, rep)
    mine = [c for c in acases if c["alg"] in row.asym]

    # 1. The library signs every case with each alg it supports.
    signed = run_driver(lib, "sign", [keys.sign_line(c["name"], c["alg"], c["key"], c["claims"]) for c in mine])
    t_sign = time.monotonic() - t0
    with open(os.path.join(work, f"{lib}-asym-signed.jsonl"), "w", encoding="utf-8") as f:
        f.writelines(json.dumps(signed.get(c["name"], {"name": c["name"]})) + "\n" for c in mine)
    stats = {alg: {"cases": 0, "same": 0, "jdk": 0, "us": 0, "lib": 0, "refused": [], "warned": [], "own": 0}
             for alg in row.asym}
    good = []
    for c in mine:
        res, st = signed.get(c["name"], {}), stats[c["alg"]]
        st["cases"] += 1
        if res.get("warning"):
            st["warned"].append(res["warning"])
        if "token" in res:
            good.append(c)
        elif "refused" in res:
            st["refused"].append(res["refused"])
        else:
            tally.check(False)
            rep.problem([f"{c['name']}: driver gave no result"])
    lib_token = {c["name"]: signed[c["name"]]["token"] for c in good}

    our_token = {}
    if cli:
        # 2. Our CLI, same case, same key, the library's profile.
        for c, (rc, out, err) in zip(good, pmap(lambda c: cli_encode_asym(cli, profile, c, keys), good)):
            st = stats[c["alg"]]
            if rc == 0:
                our_token[c["name"]] = out
            theirs = lib_token[c["name"]]
            if c["alg"] in DETERMINISTIC:
                ok = rc == 0 and out == theirs
            else:
                ok = rc == 0 and signing_input(out) == signing_input(theirs)
            if not ok and rc == 0 and old_jdk and float_spelling_only(theirs, out):
                tally.tolerated += 1
                st["jdk"] += 1
                continue
            st["same"] += tally.check(ok)
            if not ok:
                rep.problem([f"{c['name']}: CLI encode exited {rc}: {err}"] if rc else token_diff(c["name"], theirs, out))
        # 3. Our CLI verifies the library's tokens with the public key.
        for c, (rc, err) in zip(good, pmap(lambda c: cli_verify_asym(cli, c, lib_token[c["name"]], keys), good)):
            stats[c["alg"]]["us"] += tally.check(rc == 0)
            if rc != 0:
                rep.problem([f"{c['name']}: CLI rejected the library's token (exit {rc}): {err}",
                             f"token: {short(lib_token[c['name']])}"])

    # 4. The library verifies our tokens, and its own; one process.
    batch = [keys.verify_line(c["name"] + "#own", c["alg"], c["key"], lib_token[c["name"]]) for c in good]
    batch += [keys.verify_line(c["name"] + "#ours", c["alg"], c["key"], our_token[c["name"]])
              for c in good if c["name"] in our_token]
    results = run_driver(lib, "verify", batch) if batch else {}
    for item in batch:
        res = results.get(item["name"], {})
        ok = res.get("ok") is True
        tally.check(ok)
        own = item["name"].endswith("#own")
        stats[item["alg"]]["own" if own else "lib"] += ok
        if not ok:
            what = "library rejected its own token" if own else "library rejected our token"
            rep.problem([f"{item['name']}: {what}: {res.get('error', 'no result')}", f"token: {short(item['token'])}"])

    elapsed = time.monotonic() - t0
    unsupported = [a for a in ASYM_ALGS if a not in row.asym]
    print(f"{lib} asymmetric (profile {profile}): {len(mine)} cases, {len(row.asym)} algs"
          + (f" (not supported: {', '.join(unsupported)}: see the reference refusals)" if unsupported else "")
          + f"  [sign {t_sign:.1f}s, all {elapsed:.1f}s]" + ("" if cli else "  (no CLI: steps 2-4 skipped)"))
    for alg in row.asym:
        st = stats[alg]
        parts = [f"{st['cases']} cases"]
        if cli:
            parts += [f"{st['same']} " + ("identical" if alg in DETERMINISTIC else "same signing input")]
            if old_jdk:
                parts += [f"{st['jdk']} JDK < 19 Double.toString"]
            parts += [f"{st['us']} verified by us", f"{st['lib']} verified by library"]
        parts += [f"{len(st['refused'])} refused", f"{len(st['warned'])} warned", f"{st['own']} self-verified"]
        print(f"  {lib} {alg}: " + ", ".join(parts))
        for msg, n in grouped(st["refused"]):
            print(f"    refused {n}x: {msg}")
        for msg, n in grouped(st["warned"]):
            print(f"    warned {n}x: {msg}")
    rep.close()


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--list", action="store_true", help="print the library names, comma-separated, and stop")
    ap.add_argument("--cases")
    ap.add_argument("--work")
    ap.add_argument("--libs", help="comma-separated, from: " + ",".join(LIBRARIES))
    ap.add_argument("--cli", help="membrane-token binary; without it only library-side checks run")
    ap.add_argument("--vectors", help="folder with the shared reference vectors")
    ap.add_argument("--asym-cases", help="public-key cases (gen_cases.py --asym); without it those checks are skipped")
    ap.add_argument("--asym-vectors", help="folder with asym-keys.json, asym-cases-public.json, asym-<lib>-public.json")
    args = ap.parse_args()
    if args.list:
        print(",".join(LIBRARIES))
        return 0
    if not (args.cases and args.work and args.libs):
        ap.error("--cases, --work and --libs are required")
    libs = [x for x in args.libs.split(",") if x]
    unknown = [x for x in libs if x not in LIBRARIES]
    if unknown:
        ap.error(f"unknown library {', '.join(unknown)}; known: {', '.join(LIBRARIES)}")

    with open(args.cases, encoding="utf-8") as f:
        cases = [json.loads(line) for line in f if line.strip()]
    os.makedirs(args.work, exist_ok=True)
    started = time.monotonic()
    tally = Tally()
    print_table(libs)
    versions = {lib: driver_version(lib) for lib in libs}
    for lib in libs:
        print(f"version {lib}: {versions[lib]}")
    old_jdk = False
    if "java" in libs:
        jdk = jdk_feature(versions["java"])
        print(f"java: JDK used: {jdk if jdk is not None else 'unknown'}"
              + (" (set INTEROP_JAVA to choose another)" if jdk is not None else ""))
        if jdk is not None and jdk < SHORTEST_DOUBLE_JDK:
            old_jdk = True
            print(f"java: NOTE: JDK {jdk} < {SHORTEST_DOUBLE_JDK}: its Double.toString does not always print the"
                  f" shortest digits, which the `java` profile follows (JDK >= {SHORTEST_DOUBLE_JDK}). Tokens that"
                  " differ from ours only in such spellings are counted as \"JDK < 19 Double.toString\" and do"
                  " not fail the run; install a JDK >= 19 (or set INTEROP_JAVA) for the full check.")
    for lib in libs:
        check_library(lib, cases, args.cli, args.vectors, args.work, tally, old_jdk=old_jdk and lib == "java")
    print(f"HMAC checks took {time.monotonic() - started:.1f}s")

    if args.asym_cases:
        asym_started = time.monotonic()
        with open(args.asym_cases, encoding="utf-8") as f:
            acases = [json.loads(line) for line in f if line.strip()]
        keys_path = os.path.join(args.asym_vectors or "", "asym-keys.json")
        if not (args.asym_vectors and os.path.exists(keys_path)):
            # Not a silent skip: without the keys nothing public-key is checked.
            print(f"FAIL asymmetric checks: no test keys at {keys_path}")
            tally.check(False)
        else:
            keys = Keys(keys_path, args.work)
            n_algs = len({c["alg"] for c in acases})
            print(f"asymmetric: {len(acases)} cases (the first {len(acases) // max(n_algs, 1)} cases' claims x "
                  f"{n_algs} algs), test keys and reference vectors from {args.asym_vectors}")
            cli = args.cli
            if cli and not cli_has_asym(cli):
                print(f"asymmetric: NOTE: {cli} encode --help lists no --private-key-file (or verify no"
                      " --public-key-file): CLI steps 2-4 skipped for public-key algs")
                cli = None
            for lib in libs:
                check_library_asym(lib, acases, cli, args.asym_vectors, keys, args.work, tally,
                                   old_jdk=old_jdk and lib == "java")
        print(f"asymmetric checks took {time.monotonic() - asym_started:.1f}s")
    else:
        print("asymmetric: no --asym-cases, public-key checks skipped")
    print(f"checks took {time.monotonic() - started:.1f}s")
    if tally.tolerated:
        print(f"{tally.tolerated} JDK < 19 Double.toString differences (java on an old JDK; not failures)")
    print(f"{tally.passed} passed, {tally.failed} failed")
    return 1 if tally.failed else 0


if __name__ == "__main__":
    sys.exit(main())
