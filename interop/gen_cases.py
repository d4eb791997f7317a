#!/usr/bin/env python3
"""Seeded generator of interop cases (Python 3.11 stdlib only).

    python3 interop/gen_cases.py --seed N --count C > cases.jsonl
    python3 interop/gen_cases.py --seed N --count C --asym 40 > asym-cases.jsonl

One JSON object per line:
    {"name": "c0001", "alg": "HS256", "secret": "...", "claims": "<JSON text>"}
or, with --asym N, the claims of the first N of those cases once per public-key alg:
    {"name": "c0001-RS256", "alg": "RS256", "key": "rsa2048", "claims": "<JSON text>"}
(`key` names a key of asym-keys.json).

`claims` is JSON *text*, not an object, because member order is part of what is
tested: each library parses it into its own ordered map and re-serializes it, and
the crate's profile for that library must reproduce those exact bytes.

The content aims at the places where JSON serializers disagree: escaping of
control characters, <>&, U+2028/9, DEL, C1 controls and non-ASCII; member order
(JS moves integer-like keys first); number formatting (integers vs floats, and
where each runtime switches to exponent notation); empty containers; depth.
The same seed always gives the same bytes.
"""

import argparse
import json
import random
import sys

KEY = "ws_7f3c2a9e"
EXP = 4102444800  # 2100-01-01: far enough that every library's real clock accepts it
IAT = 1799992800
HASH_BYTES = {"HS256": 32, "HS384": 48, "HS512": 64}
# Registered claims that libraries check by type or meaning on sign or verify
# (PyJWT rejects a non-string sub/jti, verifies aud...). Random keys avoid them
# at the top level so failures point at serialization, not claim validation.
RESERVED = {"iss", "exp", "iat", "nbf", "sub", "aud", "jti"}
MAX_DEPTH = 5
MAX_SAFE = 2**53 - 1

# Integer-like keys: JS objects list canonical array indices (0..2^32-2) first in
# ascending order; "007", "-1", "1.5" and "4294967295" are not indices and keep
# insertion order. PHP turns some of these into int keys too.
INTEGER_KEYS = ["0", "1", "2", "3", "10", "42", "007", "01", "-1", "1.5",
                "4294967294", "4294967295", "9007199254740993"]
WORD_KEYS = ["id", "name", "plan", "seats", "region", "tags", "meta", "active",
             "userField", "field1", "a", "b", "z", "A", "_x", "$ref", "camelCase",
             "snake_case", "kebab-key", "with space", "UPPER", "x1", "data",
             "typ", "alg", "kid"]
UNICODE_KEYS = ["名前", "ключ", "clé", "ünïcödé", "😀", "e\u0301", "Ωmega", "東京",
                "🏳️‍🌈", "\U00020000", "ＦＵＬＬ"]
SPECIAL_KEYS = ["<tag>", "a&b", 'quote"d', "back\\slash", "slash/key",
                "line\u2028sep", "nul\u0000key", "del\u007f", "\ufeffbom", "tab\tkey",
                "c1\u0085"]

# Code point ranges for string content, grouped so every group gets drawn.
BMP_RANGES = [(0x00A0, 0x00FF), (0x0100, 0x024F), (0x0370, 0x03FF), (0x0400, 0x04FF),
              (0x0590, 0x05FF), (0x0600, 0x06FF), (0x0900, 0x097F), (0x3040, 0x30FF),
              (0x4E00, 0x9FFF), (0xAC00, 0xD7A3), (0xE000, 0xF8FF), (0xFF01, 0xFF5E),
              (0xFFF0, 0xFFFD)]
EMOJI = ["😀", "🚀", "👍🏽", "👩‍💻", "🇯🇵", "🧪", "❤️", "🫠", "\U0001F9D1\u200D\U0001F91D\u200D\U0001F9D1"]
SPECIAL_CHARS = "<>&'\"\\/"


def rand_plane_char(rng):
    """A code point from a random plane 1..16 (astral: UTF-16 surrogate pair)."""
    plane = rng.randint(1, 16)
    return chr(plane * 0x10000 + rng.randint(0, 0xFFFD))


def rand_bmp_char(rng):
    """Anything in the BMP except surrogates (lone surrogates are not valid text)."""
    while True:
        cp = rng.randint(0x20, 0xFFFD)
        if not 0xD800 <= cp <= 0xDFFF:
            return chr(cp)


def rand_piece(rng):
    kind = rng.randrange(14)
    if kind <= 3:  # plain ASCII most of the time, so strings still look like data
        return "".join(rng.choice("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 -_.:")
                       for _ in range(rng.randint(1, 8)))
    if kind == 4:
        return rng.choice(SPECIAL_CHARS)
    if kind == 5:
        return chr(rng.randint(0x00, 0x1F))  # C0 controls: \b \f \n \r \t and \u00XX
    if kind == 6:
        return rng.choice(["\u007f", chr(rng.randint(0x80, 0x9F))])  # DEL, C1 controls
    if kind == 7:
        return rng.choice(["\u2028", "\u2029", "\ufeff"])
    if kind == 8:
        lo, hi = rng.choice(BMP_RANGES)
        return "".join(chr(rng.randint(lo, hi)) for _ in range(rng.randint(1, 4)))
    if kind == 9:
        return rng.choice(EMOJI)
    if kind == 10:  # a base letter plus 1-3 combining marks
        return rng.choice("aeiouAEIOU") + "".join(chr(rng.randint(0x0300, 0x036F)) for _ in range(rng.randint(1, 3)))
    if kind == 11:
        return rand_plane_char(rng)
    if kind == 12:
        return rand_bmp_char(rng)
    return "".join(chr(rng.randint(0x4E00, 0x9FFF)) for _ in range(rng.randint(1, 5)))  # CJK run


def rand_string(rng, max_pieces=8):
    if rng.random() < 0.08:
        return ""
    return "".join(rand_piece(rng) for _ in range(rng.randint(1, max_pieces)))


INT_EDGES = [0, -1, 1, 2, 9, 10, 255, 256, 65535, 2**31 - 1, -(2**31), 2**31, 2**32,
             10**15, 10**16, 1800000000, MAX_SAFE, -MAX_SAFE, MAX_SAFE - 1]


def rand_int(rng):
    if rng.random() < 0.4:
        return rng.choice(INT_EDGES)
    n = rng.randint(0, min(MAX_SAFE, 10 ** rng.randint(1, 16)))
    return -n if rng.random() < 0.3 else n


# Floats sit around each runtime's switch to exponent form, used at or above the
# first number and below the second (as observed with each library's serializer):
# JS 1e21 / 1e-6, Go 1e21 / 1e-6, Python 1e16 / 1e-4, Ruby 1e15 / 1e-4,
# PHP 1e17 / 1e-4, Java 1e7 / 1e-3. Whole floats and -0.0 differ too (JS "2",
# PHP "2" and "-0", Python/Ruby "2.0" and "-0.0").
FLOAT_EDGES = [0.0, 0.1, 0.2, 0.5, 1.5, -2.25, 3.14159, 1e-5, 1e-4, 0.001, 1e-6, 1e-7,
               1e6, 1e7, 12345678.9, 1e15, 1e16, 1.5e16, 1e17, 9007199254740992.0,
               123456789012345.6, 1e20, 1e21, 1e22, 2.0, 100.0, -7.0, -0.0,
               # exact ties between two shortest forms: runtimes pick the even digit
               8.0000152587890625, 2152000000000000.25, -2200000000000000.25]


def rand_float(rng):
    kind = rng.randrange(7)
    if kind == 0:
        return rng.choice(FLOAT_EDGES)
    if kind == 1:  # short decimals: 0.1, 1.5, -2.25 ...
        return round(rng.uniform(-1000, 1000), rng.randint(1, 4))
    if kind == 2:  # whole floats, written as "2.0"
        return float(rng.randint(-1000, 1000))
    if kind == 3:  # 1e-8 .. 1e-4
        return round(rng.uniform(1, 10), rng.randint(0, 3)) * 10.0 ** -rng.randint(5, 8)
    if kind == 4:  # ordinary magnitudes up to 1e6
        return rng.uniform(-1e6, 1e6)
    if kind == 5:  # 1e15 .. 1e17
        return round(rng.uniform(1, 10), rng.randint(0, 3)) * 10.0 ** rng.randint(15, 17)
    return rng.uniform(0, 1)


def rand_key(rng, used, top_level):
    while True:
        r = rng.random()
        if r < 0.002:  # rare: jjwt refuses a whole payload with an empty member name
            k = ""
        elif r < 0.18:
            k = rng.choice(INTEGER_KEYS)
        elif r < 0.55:
            k = rng.choice(WORD_KEYS)
        elif r < 0.70:
            k = rng.choice(UNICODE_KEYS)
        elif r < 0.80:
            k = rng.choice(SPECIAL_KEYS)
        else:
            k = "".join(rand_piece(rng) for _ in range(rng.randint(1, 3)))
        # php-jwt decodes payloads to PHP objects, where a property name cannot
        # start with U+0000: it rejects such tokens, so no key starts with it.
        if k in used or (top_level and k in RESERVED) or k.startswith("\u0000"):
            continue
        return k


def rand_object(rng, depth, size=None):
    obj = {}
    for _ in range(rng.randint(0, 6) if size is None else size):
        obj[rand_key(rng, obj, False)] = rand_value(rng, depth + 1)
    return obj


def rand_value(rng, depth):
    r = rng.random()
    nested = depth < MAX_DEPTH
    if r < 0.34:
        return rand_string(rng)
    if r < 0.50:
        return rand_int(rng)
    if r < 0.63:
        return rand_float(rng)
    if r < 0.68:
        return rng.random() < 0.5
    if r < 0.72:
        return None
    if r < 0.86 and nested:
        return rand_object(rng, depth)
    if nested:
        return [rand_value(rng, depth + 1) for _ in range(rng.randint(0, 6))]
    return rand_string(rng)


def rand_secret(rng, alg):
    """Printable ASCII. Most are long enough for the alg; some are shorter than the
    hash output (PHP's library refuses, PyJWT warns), some longer than the hash
    block (HMAC hashes them first); a few look like JSON objects (PyJWT refuses
    those as "looks like a JWK")."""
    need = HASH_BYTES[alg]
    r = rng.random()
    if r < 0.55:
        n = rng.randint(need, 128)
    elif r < 0.80:
        n = rng.randint(32, max(32, need - 1))
    elif r < 0.97:
        n = rng.randint(129, 300)
    else:
        body = "".join(rng.choice("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
                       for _ in range(rng.randint(43, 86)))
        return '{"kty":"oct","k":"' + body + '"}'
    return "".join(chr(rng.randint(0x20, 0x7E)) for _ in range(n))


def rand_claims(rng):
    claims = {}
    for _ in range(rng.randint(0, 10)):
        claims[rand_key(rng, claims, True)] = rand_value(rng, 1)
    if rng.random() < 0.06:  # a large payload, 2-8 KB
        target = rng.randint(2000, 8000)
        bulk = claims[rand_key(rng, claims, True)] = []
        while len(json.dumps(claims, ensure_ascii=False).encode()) < target:
            bulk.append(rand_object(rng, 3, size=rng.randint(1, 4)))
    # Put the fixed claims at random positions: order is part of the test.
    items = list(claims.items())
    fixed = [("iss", KEY), ("exp", EXP)] + ([("iat", IAT)] if rng.random() < 0.4 else [])
    for kv in fixed:
        items.insert(rng.randint(0, len(items)), kv)
    return dict(items)


def claims_text(rng, claims):
    # Mostly compact raw UTF-8; sometimes with spaces or \u escapes, since the input
    # text's style must not matter to any library (or to the crate).
    r = rng.random()
    if r < 0.8:
        return json.dumps(claims, ensure_ascii=False, separators=(",", ":"))
    if r < 0.9:
        return json.dumps(claims, ensure_ascii=False)
    return json.dumps(claims, ensure_ascii=True, separators=(",", ":"))


# Asymmetric cases (--asym N): the claims of the first N cases, each signed with
# every JOSE public-key alg. RSA sizes are spread over the cases as in the shared
# asym vectors (case i, j-th alg of RS*/PS*: RSA_KEYS[(i + j) % 3]); rsa1024 never
# (it is a refusal test, checked through the reference vectors only).
ASYM_ALGS = ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512", "EdDSA"]
RSA_KEYS = ["rsa2048", "rsa3072", "rsa4096"]
EC_KEYS = {"ES256": "p256", "ES384": "p384", "ES512": "p521"}


def asym_key(alg, i):
    if alg[:2] in ("RS", "PS"):
        return RSA_KEYS[(i + ["256", "384", "512"].index(alg[2:])) % 3]
    return EC_KEYS.get(alg, "ed25519")


def cases(seed, count):
    rng = random.Random(seed)
    for i in range(1, count + 1):
        alg = rng.choice(sorted(HASH_BYTES))
        secret = rand_secret(rng, alg)
        text = claims_text(rng, rand_claims(rng))
        yield {"name": f"c{i:04d}", "alg": alg, "secret": secret, "claims": text}


def asym_cases(seed, count, per_alg):
    """{"name": "c0001-RS256", "alg", "key": <asym-keys.json name>, "claims"}, the
    claims of the first min(per_alg, count) cases of the same seed, grouped by alg."""
    first = list(cases(seed, min(per_alg, count)))
    for alg in ASYM_ALGS:
        for i, c in enumerate(first):
            yield {"name": f"{c['name']}-{alg}", "alg": alg, "key": asym_key(alg, i), "claims": c["claims"]}


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--seed", type=int, required=True)
    ap.add_argument("--count", type=int, default=200)
    ap.add_argument("--asym", type=int, metavar="N",
                    help="write the asymmetric cases instead: the first N cases' claims with each of "
                         + " ".join(ASYM_ALGS))
    args = ap.parse_args()
    out = sys.stdout
    lines = asym_cases(args.seed, args.count, args.asym) if args.asym is not None else cases(args.seed, args.count)
    for case in lines:
        # ensure_ascii=True for the line itself: no raw U+2028 or CR inside a line,
        # so every reader splits lines the same way.
        out.write(json.dumps(case) + "\n")


if __name__ == "__main__":
    main()
