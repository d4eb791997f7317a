#!/usr/bin/env python3
"""Merges the drivers' outputs into tests/vectors/serializers.json.

    python3 combine.py INPUTS WORKDIR OUT        # writes OUT, prints a short report
    python3 combine.py --table OUT               # prints a difference table of OUT

Each driver wrote WORKDIR/<runtime>.tsv: "#version\\t<text>", then per case
"<name>\\tok\\t<hex of UTF-8 output>" or "<name>\\terr\\t<hex of message>"; node and
java add "<name>\\tcheck\\t<hex>" (the payload segment of a token the real library
signed) or "<name>\\tcheckerr\\t<hex>" for object inputs. Hex keeps every byte intact on
the way here, whatever the runtime's own I/O does.
"""
import json
import sys

RUNTIMES = ["node", "python", "go122", "go119", "ruby", "php", "java"]

DETAIL = {
    "node": "JSON.stringify(JSON.parse(text)): what jsonwebtoken 9.0.3 signs for an object "
            "payload (jws tostring: strings are signed raw, numbers via Number#toString, "
            "the rest via JSON.stringify). check: payload segment of jwt.sign(value, secret, "
            "{noTimestamp: true}) for object inputs",
    "python": "PyJWT._encode_payload(json.loads(text)) = json.dumps(payload, separators=(',', ':'), "
              "cls=None).encode('utf-8') (PyJWT 2.15.1 api_jwt.py; ensure_ascii=True, "
              "sort_keys=False). PyJWT.encode refuses non-dict payloads (TypeError); scalars "
              "here are what that json.dumps call writes",
    "go122": "json.Marshal of values decoded with UseNumber (int64 for integer literals, float64 "
             "otherwise, map[string]any for objects); module go 1.22, built by the machine's Go. "
             "golang-jwt v5.3.1 Token.SigningString calls json.Marshal(t.Claims)",
    "go119": "the same main.go built with Debian's Go 1.19 (GO111MODULE=off), stdlib only",
    "ruby": "JWT::JSON.generate(JSON.parse(text)) = ::JSON.generate(data), no options "
            "(ruby-jwt 2.5.0 lib/jwt/encode.rb, lib/jwt/json.rb), Debian ruby",
    "php": "json_encode((array) json_decode(text), JSON_UNESCAPED_SLASHES) on Debian php-cli "
           "(nested objects stay objects, as in the real library's asym-php-public.json). "
           "Flags as in firebase/php-jwt's JWT::jsonEncode, read in two stored versions of its "
           "src/JWT.php (not a release tag, and the library itself is not installed or run). "
           "JWT::encode takes `array $payload`: bare scalars would be a TypeError there",
    "java": "io.jsonwebtoken.jackson.io.JacksonSerializer (jjwt-jackson 0.13.0, its default "
            "ObjectMapper) on values read as LinkedHashMap/ArrayList/Long/Double/String/Boolean. "
            "check: payload segment of Jwts.builder().claims(map).compact() (jjwt-impl 0.13.0)",
}

CHECK_NAME = {"node": "node_jsonwebtoken", "java": "java_jjwt_builder"}


def read_tsv(path):
    version, rows, checks = None, {}, {}
    with open(path, encoding="ascii") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line:
                continue
            if line.startswith("#version\t"):
                version = line.split("\t", 1)[1]
                continue
            name, kind, data = line.split("\t")
            text = bytes.fromhex(data).decode("utf-8")  # strict: a bad byte fails the run
            if kind in ("ok", "err"):
                rows[name] = (kind, text)
            elif kind in ("check", "checkerr"):
                checks[name] = (kind, text)
            else:
                raise ValueError(f"{path}: unknown row kind {kind!r}")
    return version, rows, checks


def top_kind(text):
    v = json.loads(text)
    return {dict: "object", list: "array", str: "string", bool: "bool",
            type(None): "null"}.get(type(v), "number")


def combine(inputs_path, work, out_path):
    with open(inputs_path, encoding="utf-8") as f:
        cases_in = json.load(f)["cases"]
    data = {rt: read_tsv(f"{work}/{rt}.tsv") for rt in RUNTIMES}
    runtimes, cases, problems = {}, [], []
    for rt in RUNTIMES:
        version, rows, checks = data[rt]
        entry = {"version": version, "detail": DETAIL[rt]}
        if rt in CHECK_NAME:
            same = sum(1 for n, (k, t) in checks.items() if k == "check" and rows.get(n, ("", None))[1] == t)
            entry["library_check"] = (f"{same} of {len(checks)} object inputs: library token payload "
                                      f"equals the output; the others are under the case's 'checks'")
        runtimes[rt] = entry
        missing = [c["name"] for c in cases_in if c["name"] not in rows]
        if missing:
            problems.append(f"{rt}: no row for {len(missing)} cases, e.g. {missing[0]}")
    for c in cases_in:
        name = c["name"]
        rec = {"name": name, "input": c["text"], "top": top_kind(c["text"]), "outputs": {}}
        errors, checks = {}, {}
        for rt in RUNTIMES:
            kind, text = data[rt][1].get(name, ("err", "no output from driver"))
            if kind == "ok":
                rec["outputs"][rt] = text
                try:
                    json.loads(text)
                except ValueError as e:
                    problems.append(f"{name}/{rt}: output is not valid JSON: {e}")
            else:
                rec["outputs"][rt] = None
                errors[rt] = text
            if rt in CHECK_NAME and name in data[rt][2]:
                ck, ct = data[rt][2][name]
                if ck == "checkerr":
                    checks[CHECK_NAME[rt]] = None
                    errors[CHECK_NAME[rt]] = ct
                elif ct != text or kind != "ok":
                    checks[CHECK_NAME[rt]] = ct
        if checks:
            rec["checks"] = checks
        if errors:
            rec["errors"] = errors
        cases.append(rec)
    doc = {
        "generated_by": "interop/serializers/run.sh",
        "note": "outputs[rt] is the exact JSON text the runtime's JWT serializer writes for the "
                "value parsed from 'input' (integer literals as integers, literals with '.', 'e' "
                "or 'E' as doubles, objects in document order where the map keeps it); null with "
                "a reason in 'errors' where it failed. 'checks' holds a real library token's "
                "payload where it differs from outputs (or failed).",
        "runtimes": runtimes,
        "cases": cases,
    }
    with open(out_path, "w", encoding="ascii", newline="\n") as f:
        json.dump(doc, f, ensure_ascii=True, indent=1)
        f.write("\n")
    nerr = sum(1 for c in cases if "errors" in c)
    nchk = sum(1 for c in cases if "checks" in c)
    print(f"{out_path}: {len(cases)} cases, {len(RUNTIMES)} runtimes, "
          f"{nerr} cases with errors, {nchk} cases where a library check differs")
    for rt in RUNTIMES:
        print(f"  {rt}: {runtimes[rt]['version']}")
    for p in problems:
        print("PROBLEM:", p)
    return 1 if problems else 0


def show(s):
    """A terminal-safe spelling: non-printable and non-ASCII characters as <U+XXXX>."""
    return "".join(ch if 0x20 <= ord(ch) < 0x7f else f"<U+{ord(ch):04X}>" for ch in s)


def table(path):
    with open(path, encoding="ascii") as f:
        doc = json.load(f)
    print("| case | input | " + " | ".join(RUNTIMES) + " |")
    print("|---|---|" + "---|" * len(RUNTIMES))
    for c in doc["cases"]:
        outs = [c["outputs"][rt] for rt in RUNTIMES]
        if len(set(outs)) == 1 and "checks" not in c:
            continue
        cells = ["ERR" if o is None else "`" + show(o).replace("|", "\\|") + "`" for o in outs]
        extra = "".join(f" [{k}: {'ERR' if v is None else show(v)}]" for k, v in c.get("checks", {}).items())
        print(f"| {c['name']}{extra} | `{show(c['input']).replace('|', chr(92) + '|')}` | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--table":
        table(sys.argv[2])
    elif len(sys.argv) == 4:
        sys.exit(combine(*sys.argv[1:]))
    else:
        sys.exit(__doc__)
