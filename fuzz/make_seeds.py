#!/usr/bin/env python3
"""Writes the committed seed corpora fuzz/corpus/<target>/seed-* (deterministic).

Sources: tokens from tests/vectors/*-public.json and node-formats.json, tokens minted
here with the fuzz targets' fixed secret (so the accepting paths are reachable), and
hostile tokens, most of them with a correct HS256 MAC under that secret so that they get
past the MAC check to the header and claim checks. Python's stdlib only.

Usage: python3 fuzz/make_seeds.py   (from anywhere; rewrites only seed-* files)
"""
import base64
import hashlib
import hmac
import json
import pathlib

FUZZ = pathlib.Path(__file__).resolve().parent
VECTORS = FUZZ.parent / "tests" / "vectors"
CORPUS = FUZZ / "corpus"

KEY = "ws_7f3c2a9e"
SECRET = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c"
EXP = 1800000000
HASHES = {"HS256": hashlib.sha256, "HS384": hashlib.sha384, "HS512": hashlib.sha512}


def b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def mint(header: bytes, payload: bytes, alg: str = "HS256", secret: bytes = SECRET) -> str:
    signing_input = f"{b64(header)}.{b64(payload)}"
    mac = hmac.new(secret, signing_input.encode(), HASHES[alg]).digest()
    return f"{signing_input}.{b64(mac)}"


def vectors():
    out = {}
    for path in sorted(VECTORS.glob("*-public.json")) + [VECTORS / "node-formats.json"]:
        lib = path.name.split("-")[0] if path.name != "node-formats.json" else "formats"
        for v in json.loads(path.read_text()).get("vectors", []):
            if v.get("token"):
                out[f"{lib}-{v['name']}"] = v
    return out


def hostile():
    """name -> token bytes."""
    h256 = b'{"alg":"HS256","typ":"JWT"}'
    good = f'{{"iss":"{KEY}","exp":{EXP}}}'.encode()
    valid = mint(h256, good)
    h, p, s = valid.split(".")
    t = {}
    # Unsecured and foreign algorithms.
    none = b64(b'{"alg":"none","typ":"JWT"}')
    t["alg-none-unsigned"] = f"{none}.{p}."
    t["alg-none-maced"] = mint(b'{"alg":"none"}', good)
    t["alg-lowercase"] = mint(b'{"alg":"hs256"}', good)
    t["alg-rs256"] = mint(b'{"alg":"RS256","typ":"JWT"}', good)
    t["alg-mismatch-hs512"] = mint(b'{"alg":"HS512","typ":"JWT"}', good)
    t["alg-missing"] = mint(b'{"typ":"JWT"}', good)
    # Refused and odd header members.
    t["crit"] = mint(b'{"alg":"HS256","crit":["exp"],"exp":1}', good)
    t["b64-false"] = mint(b'{"alg":"HS256","b64":false}', good)
    t["typ-jws"] = mint(b'{"alg":"HS256","typ":"JWS"}', good)
    t["kid-number"] = mint(b'{"alg":"HS256","kid":5}', good)
    t["header-array"] = mint(b'["HS256"]', good)
    # Duplicate members: two parsers could read them differently.
    t["dup-header-alg"] = mint(b'{"alg":"HS256","alg":"none"}', good)
    t["dup-payload-iss"] = mint(h256, b'{"iss":"ws_7f3c2a9e","iss":"evil","exp":1800000000}')
    # Claims of the wrong type or range.
    t["exp-float"] = mint(h256, b'{"iss":"ws_7f3c2a9e","exp":1800000000.0}')
    t["exp-too-big"] = mint(h256, b'{"iss":"ws_7f3c2a9e","exp":253402300800}')
    t["iss-mismatch-wk"] = mint(h256, b'{"iss":"ws_7f3c2a9e","workspaceKey":"x","exp":1800000000}')
    t["fields-array-admin-str"] = mint(
        h256, b'{"workspaceKey":"ws_7f3c2a9e","fields":[],"isAdmin":"true","exp":1800000000}'
    )
    t["nbf-iat-future"] = mint(
        h256, b'{"iss":"ws_7f3c2a9e","exp":1800000000,"nbf":1799999999,"iat":1799999999}'
    )
    t["numbers-edge"] = mint(
        h256,
        b'{"iss":"ws_7f3c2a9e","exp":1800000000,"a":-0,"b":1.7976931348623157e308,'
        b'"c":5e-324,"d":18446744073709551616,"e":-9223372036854775809}',
    )
    t["lone-surrogate"] = mint(h256, b'{"iss":"ws_7f3c2a9e","exp":1800000000,"\\ud800":"\\udfff"}')
    t["payload-not-utf8"] = mint(h256, b'{"iss":"\xff\xfe","exp":1800000000}')
    # Nesting: just past the verifier's limit of 32, and far past serde_json's 128.
    t["nest-33"] = mint(
        h256, b'{"iss":"ws_7f3c2a9e","exp":1800000000,"n":' + b"[" * 32 + b"]" * 32 + b"}"
    )
    t["nest-3000"] = mint(h256, b"[" * 3000 + b"]" * 3000)
    # base64url variations on a valid token.
    t["pad-signature"] = valid + "="
    t["pad-payload"] = f"{h}.{p}==.{s}"
    t["std-alphabet"] = valid.replace("-", "+").replace("_", "/") + "+/"
    last = s[-1]
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    t["noncanonical-signature"] = f"{h}.{p}.{s[:-1]}{alphabet[alphabet.index(last) + 1]}"
    t["four-segments"] = valid + "." + s
    t["jwe-five"] = f"{h}..{p}.{s}.{s}"
    t["whitespace"] = f" {h}.\n{p}.{s} "
    t["bom"] = "\ufeff" + valid
    out = {k: v.encode() for k, v in t.items()}
    out["raw-invalid-utf8"] = valid.encode()[:20] + b"\xc3\x28\xff" + valid.encode()[20:]
    return out, valid


def write(target: str, seeds: dict):
    d = CORPUS / target
    d.mkdir(parents=True, exist_ok=True)
    for old in d.glob("seed-*"):
        old.unlink()
    for name, data in seeds.items():
        (d / f"seed-{name}").write_bytes(data)


def main():
    vec = vectors()
    bad, valid = hostile()

    # Tokens the fixed workspaces accept: the Node quick-start shape for each algorithm.
    minted = {}
    for alg in HASHES:
        payload = json.dumps(
            {"id": "customer-42", "name": "Acme Inc.", "fields": {"userField": "pro"},
             "iat": 1799992800, "exp": EXP, "iss": KEY},
            separators=(",", ":"),
        ).encode()
        minted[f"minted-{alg.lower()}"] = mint(
            f'{{"alg":"{alg}","typ":"JWT"}}'.encode(), payload, alg
        ).encode()

    # HS384 vectors use SECRET, HS512 ones OLD_SECRET: both reach the accepting path.
    verify_vectors = [
        "node-quickstart-hs384", "ruby-quickstart-hs384", "php-quickstart-hs384",
        "go-quickstart-hs512", "python-unicode-name", "formats-tenant-escapes-hs512",
    ]
    write("verify", {**{n: vec[n]["token"].encode() for n in verify_vectors}, **minted, **bad})

    decode_vectors = [
        "node-docs-snippet-node", "go-docs-snippet-go", "php-docs-snippet-php",
        "formats-customer-numbers-hs384",
    ]
    structural = [
        "alg-none-unsigned", "crit", "dup-header-alg", "dup-payload-iss", "header-array",
        "numbers-edge", "lone-surrogate", "payload-not-utf8", "nest-33", "nest-3000",
        "pad-signature", "pad-payload", "std-alphabet", "noncanonical-signature",
        "four-segments", "jwe-five", "whitespace", "bom", "raw-invalid-utf8", "exp-float",
    ]
    decode = {n: vec[n]["token"].encode() for n in decode_vectors}
    decode.update({n: bad[n] for n in structural})
    decode["unsigned-empty-signature"] = valid.rsplit(".", 1)[0].encode() + b"."
    write("decode", decode)

    # base64: slot byte, segment text, newline, payload bytes (see fuzz_targets/base64.rs).
    h, p, s = valid.split(".")
    claims = f'{{"iss":"{KEY}","exp":{EXP}}}'.encode()
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    write("base64", {
        "header-original": b"\x00" + h.encode() + b"\n" + claims,
        "payload-original": b"\x01" + p.encode() + b"\n" + vec["node-unicode-name"]["payload_json"].encode(),
        "signature-original": b"\x02" + s.encode() + b"\n",
        "header-padded": b"\x00" + h.encode() + b"=\n" + b"\x00\xff" * 100,
        "payload-std-alphabet": b"\x01" + p.replace("_", "/").encode() + b"+\n" + bytes(range(256)),
        "signature-noncanonical": b"\x02" + (s[:-1] + alphabet[alphabet.index(s[-1]) + 1]).encode() + b"\n",
        "signature-long": b"\x02" + (s * 3).encode() + b"\n",
        "len-mod4-1": b"\x01" + p[:-2].encode() + b"\n{}",
        "empty-segment": b"\x00\n" + b'{"a":[1,2,{"b":null}]}',
        "whitespace": b"\x01" + p[:8].encode() + b" \t\r" + p[8:].encode() + b"\n",
    })

    # payload: raw payload JSON (the target signs it): the libraries' payloads and JSON
    # edge cases for the scanner.
    payloads = {f"vector-{n}": v["payload_json"].encode() for n, v in vec.items() if v.get("payload_json")}
    payloads.update({
        "escapes": '{"a\\u0062":"\\ud83d\\ude00\\n\\"","ab":1}'.encode(),
        "dup-escaped": b'{"fields":{"x":1,"\\u0078":2}}',
        "numbers": b'{"a":[-0,0.5e-3,1E+2,-12345678901234567890123,1e308,9007199254740993]}',
        "big-number": b'{"a":1e400}',
        "lone-surrogate": b'{"a":"\\ud800"}',
        "nested": b'{"a":{"b":[{"c":{}},[],[[1]]],"d":{"e":null}}, "f" : true ,"g":false}',
        "many-members": ("{" + ",".join(f'"k{i}":{i}' for i in range(40)) + ',"k7":0}').encode(),
        "control-char": b'{"a":"\x01"}',
        "not-object": b'[1,{"a":2}]',
        "trailing": b'{"a":1} x',
        "whitespace": b' \t\n\r{ "exp" : 1800000000 , "iss" : "ws_7f3c2a9e" } \n',
    })
    write("payload", payloads)

    # Structured targets read these bytes through `arbitrary`: any bytes are valid input.
    structured = {
        "zeros": bytes(64),
        "ones": b"\xff" * 64,
        "ramp": bytes(range(256)),
        "numbers-json": vec["formats-customer-numbers-hs384"]["payload_json"].encode(),
        "unicode-json": vec["python-unicode-name"]["payload_json"].encode(),
        "nested-json": vec["go-nested-fields"]["payload_json"].encode(),
        "integer-keys-json": vec["formats-customer-integer-keys-hs256"]["payload_json"].encode(),
        "control-json": vec["formats-customer-control-chars-hs512"]["payload_json"].encode(),
    }
    write("roundtrip", structured)
    write("json_writer", structured)


if __name__ == "__main__":
    main()
