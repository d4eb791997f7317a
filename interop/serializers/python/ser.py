"""Serializer driver: PyJWT 2.15.1's payload serialization.

PyJWT's PyJWT.encode (api_jwt.py) checks that the payload is a dict, then calls
PyJWT._encode_payload, which is
    json.dumps(payload, separators=(",", ":"), cls=json_encoder).encode("utf-8")
with json_encoder=None by default: ensure_ascii stays True, sort_keys False.
This driver calls that very method (for bare scalars too, which encode() itself would
refuse with TypeError), and checks it against the same json.dumps call written out.

    python ser.py inputs.json > python.tsv
"""
import json
import sys

import jwt
from jwt.api_jwt import PyJWT


def hx(s):
    return s.encode("utf-8").hex() if isinstance(s, str) else s.hex()


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        doc = json.load(f)
    lines = [f"#version\tPyJWT {jwt.__version__} (CPython {sys.version.split()[0]}, json {json.__version__})"]
    enc = PyJWT()
    for c in doc["cases"]:
        try:
            value = json.loads(c["text"])  # int for integer literals, float otherwise; dict keeps order
            out = enc._encode_payload(value)  # bytes, exactly what PyJWT signs
            mine = json.dumps(value, separators=(",", ":"), cls=None).encode("utf-8")
            if out != mine:
                raise AssertionError(f"_encode_payload {out!r} != json.dumps {mine!r}")
            lines.append(f"{c['name']}\tok\t{out.hex()}")
        except Exception as e:  # noqa: BLE001 - recorded per case
            lines.append(f"{c['name']}\terr\t{hx(type(e).__name__ + ': ' + str(e))}")
    sys.stdout.write("\n".join(lines) + "\n")


if __name__ == "__main__":
    main()
