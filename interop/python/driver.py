"""Interop driver for the real PyJWT (see interop/README.md for the protocol).

HMAC lines carry `secret`; public-key lines (RS*, PS*, ES*, EdDSA) carry
`private_key` (PKCS#8 PEM) to sign and `public_key` (SPKI PEM) to verify. PyJWT
takes the PEM text or the key object it makes of it; loading an RSA private key
(cryptography checks it) takes ~0.3 s for 4096 bits, so the driver loads each key
once with PyJWT's own loader (`get_algorithm_by_name(alg).prepare_key(pem)`, what
jwt.encode does with a PEM string) and passes that object, as a program would.

    .venv/bin/python driver.py sign   < cases.jsonl  > tokens.jsonl
    .venv/bin/python driver.py verify < tokens.jsonl > results.jsonl
    .venv/bin/python driver.py version
"""

import json
import os
import platform
import sys
import warnings
from datetime import datetime, timezone

import jwt
import jwt.api_jwt

# Verification runs at a fixed time (the crate's CLI gets the same --now). PyJWT
# has no clock parameter and rejects an `iat` later than "now", so freeze the
# clock it reads: it calls datetime.now() through its api_jwt module.
NOW = int(os.environ.get("INTEROP_NOW", "1799993000"))


class _FrozenDatetime(datetime):
    @classmethod
    def now(cls, tz=None):
        return datetime.fromtimestamp(NOW, tz or timezone.utc)


jwt.api_jwt.datetime = _FrozenDatetime


_keys = {}


def prepared(alg, pem):
    """PyJWT's key object for a PEM, loaded once per PEM (RS* and PS* load an
    RSA PEM into the same RSAPrivateKey/RSAPublicKey)."""
    if pem not in _keys:
        _keys[pem] = jwt.get_algorithm_by_name(alg).prepare_key(pem)
    return _keys[pem]


def sign(case):
    # json.loads gives what a Python caller has: dict in insertion order, int for
    # integer literals, float for literals with '.', 'e' or 'E'.
    payload = json.loads(case["claims"])
    result = {}
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        # The key-length warning (InsecureKeyLengthWarning) is raised by encode
        # itself on the prepared key, so it is caught here either way.
        key = prepared(case["alg"], case["private_key"]) if "private_key" in case else case["secret"]
        result["token"] = jwt.encode(payload, key, algorithm=case["alg"])
    if caught:
        result["warning"] = "; ".join(f"{w.category.__name__}: {w.message}" for w in caught)
    return result


def verify(case):
    key = prepared(case["alg"], case["public_key"]) if "public_key" in case else case["secret"]
    jwt.decode(case["token"], key, algorithms=[case["alg"]])
    return {"ok": True}


def main():
    mode = sys.argv[1] if len(sys.argv) > 1 else ""
    if mode == "version":
        try:
            import cryptography
            crypto = f", cryptography {cryptography.__version__}"
        except ImportError:
            crypto = ", no cryptography: HMAC only"
        print(f"PyJWT {jwt.__version__} (python {platform.python_version()}{crypto})")
        return
    if mode not in ("sign", "verify"):
        sys.exit("usage: driver.py sign|verify|version")
    out = []
    # Lines are ASCII-only JSON (gen_cases.py escapes everything), so reading
    # bytes and splitting on b"\n" cannot break a case apart.
    for raw in sys.stdin.buffer.read().split(b"\n"):
        if not raw.strip():
            continue
        case = {}
        try:
            case = json.loads(raw)
            result = sign(case) if mode == "sign" else verify(case)
        except Exception as e:  # one bad case must not stop the batch
            msg = f"{type(e).__name__}: {e}"
            result = {"refused": msg} if mode == "sign" else {"ok": False, "error": msg}
        out.append(json.dumps({"name": case.get("name"), **result}))
    sys.stdout.write("".join(line + "\n" for line in out))


if __name__ == "__main__":
    main()
