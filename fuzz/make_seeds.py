#!/usr/bin/env python3
"""Writes the committed seed corpora fuzz/corpus/<target>/seed-* (deterministic).

Sources: tokens from tests/vectors/*-public.json and node-formats.json, tokens minted
here with the fuzz targets' fixed secret (so the accepting paths are reachable), and
hostile tokens, most of them with a correct HS256 MAC under that secret so that they get
past the MAC check to the header and claim checks. Python's stdlib only.

The public-key targets: `asym_verify` gets the tokens of tests/vectors/asym-*-public.json
signed with its TEST keys (tests/vectors/asym-keys.json) and hostile variations of them
(algorithm and key confusion, DER and high-S ECDSA, non-canonical Ed25519 S, base64 and
length changes); `keys` gets every PEM and JWK form of the TEST keys and broken ones.

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
    """The HMAC reference vectors (the public-key ones are asym_vectors')."""
    out = {}
    paths = [p for p in sorted(VECTORS.glob("*-public.json")) if not p.name.startswith("asym-")]
    for path in paths + [VECTORS / "node-formats.json"]:
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

    write("asym_verify", asym_verify_seeds())
    write("keys", keys_seeds())


# --- public-key targets --------------------------------------------------------------

ASYM_LIBS = ["node", "python", "ruby", "php", "go", "java"]
# The verifiers of fuzz_targets/asym_verify.rs (src/asym.rs ALGORITHMS).
ASYM_PAIRS = [("RS256", "rsa2048"), ("PS256", "rsa2048"), ("ES256", "p256"),
              ("ES384", "p384"), ("ES512", "p521"), ("EdDSA", "ed25519")]
# Group orders: P-256 and P-521 (FIPS 186-5 / SEC 2), Ed25519's L (RFC 8032).
P256_N = int("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16)
P521_N = int("01" + "FF" * 32 + "FA51868783BF2F966B7FCC0148F709A5D03BB5C9B8899C47AEBB6FB71E91386409", 16)
ED25519_L = 2**252 + 27742317777372353535851937790883648493


def unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def asym_keys():
    return json.loads((VECTORS / "asym-keys.json").read_text())["keys"]


def asym_vectors():
    """(lib, name, alg, key) -> token, for every public-key reference token."""
    out = {}
    for lib in ASYM_LIBS:
        for v in json.loads((VECTORS / f"asym-{lib}-public.json").read_text())["vectors"]:
            if v.get("token"):
                out[(lib, v["name"], v["alg"], v["key"])] = v["token"]
    return out


def der_int(value: bytes) -> bytes:
    value = value.lstrip(b"\0") or b"\0"
    if value[0] & 0x80:
        value = b"\0" + value
    return b"\x02" + der_len(len(value)) + value


def der_len(n: int) -> bytes:
    return bytes([n]) if n < 0x80 else bytes([0x81, n]) if n < 0x100 else bytes([0x82, n >> 8, n & 0xFF])


def der(tag: int, body: bytes) -> bytes:
    return bytes([tag]) + der_len(len(body)) + body


def pem_der(pem: str) -> bytes:
    return base64.b64decode("".join(l for l in pem.splitlines() if not l.startswith("-----")))


def pem(label: str, data: bytes) -> str:
    body = base64.b64encode(data).decode()
    lines = [body[i:i + 64] for i in range(0, len(body), 64)]
    return f"-----BEGIN {label}-----\n" + "\n".join(lines) + f"\n-----END {label}-----\n"


def ed25519_non_canonical() -> bytes:
    """y + p for the smallest y > 1 on the curve: a point of large order (the small-order
    points have y = 0, 1, -1 or y far from 0) encoded non-canonically (RFC 8032 §5.1.3)."""
    p = 2**255 - 19
    d = -121665 * pow(121666, -1, p) % p
    for y in range(2, 19):
        if pow((y * y - 1) * pow(d * y * y + 1, -1, p) % p, (p - 1) // 2, p) == 1:
            return (y + p).to_bytes(32, "little")
    raise AssertionError("no y below 19 on the curve")


def asym_verify_seeds():
    vec = asym_vectors()
    keys = asym_keys()
    seeds = {}
    # Accepted: one token per library and verifier (the first of its file), and RS256
    # under the rotating verifier's previous key.
    for lib in ASYM_LIBS:
        for alg, key in ASYM_PAIRS + [("RS256", "rsa3072")]:
            found = [(n, t) for (l, n, a, k), t in vec.items() if (l, a, k) == (lib, alg, key)]
            if found and (key != "rsa3072" or lib in ("node", "go")):
                name, token = found[0]
                seeds[f"{lib}-{alg.lower()}-{key}-{name}"] = token

    def token(alg, key, lib="go", name="admin-token"):
        return vec[(lib, name, alg, key)]

    def split(t):
        h, p, s = t.split(".")
        return h, p, unb64(s)

    def with_header(header: dict, t):
        _, p, sig = split(t)
        return f"{b64(json.dumps(header, separators=(',', ':')).encode())}.{p}.{b64(sig)}"

    rs = token("RS256", "rsa2048")
    ps = token("PS256", "rsa2048")
    es256 = token("ES256", "p256")
    es512 = token("ES512", "p521")
    ed = token("EdDSA", "ed25519")
    h, p, sig = split(es256)
    r, s_ = int.from_bytes(sig[:32], "big"), int.from_bytes(sig[32:], "big")
    t = {}
    # Algorithm and key confusion.
    spki = keys["rsa2048"]["public_spki_pem"].encode()
    payload = unb64(split(rs)[1])
    t["hs256-keyed-with-rsa-spki-pem"] = mint(b'{"alg":"HS256","typ":"JWT"}', payload, "HS256", spki)
    t["hs256-keyed-with-ed25519-spki-pem"] = mint(
        b'{"alg":"HS256","typ":"JWT"}', payload, "HS256", keys["ed25519"]["public_spki_pem"].encode())
    none = b64(b'{"alg":"none","typ":"JWT"}')
    t["alg-none"] = f"{none}.{split(rs)[1]}."
    t["rs256-signature-as-ps256"] = with_header({"alg": "PS256", "typ": "JWT"}, rs)
    t["ps256-signature-as-rs256"] = with_header({"alg": "RS256", "typ": "JWT"}, ps)
    t["es256-signature-as-es384"] = with_header({"alg": "ES384", "typ": "JWT"}, es256)
    t["eddsa-signature-as-es256"] = with_header({"alg": "ES256", "typ": "JWT"}, ed)
    t["rs256-rsa4096-unknown-key"] = token("RS256", "rsa4096", name="workspace-token")
    t["rs256-rsa1024-weak-key"] = token("RS256", "rsa1024", name="weak-rsa1024")
    # ECDSA encodings: DER (what OpenSSL emits, not JOSE), high S (valid, accepted by
    # every library), r = 0, r || s of another curve's length.
    t["es256-der-signature"] = f"{h}.{p}.{b64(der(0x30, der_int(sig[:32]) + der_int(sig[32:])))}"
    t["es256-high-s"] = f"{h}.{p}.{b64(sig[:32] + (P256_N - s_).to_bytes(32, 'big'))}"
    t["es256-r-zero"] = f"{h}.{p}.{b64(bytes(32) + sig[32:])}"
    t["es256-r-is-n"] = f"{h}.{p}.{b64(P256_N.to_bytes(32, 'big') + sig[32:])}"
    t["es256-r-plus-n"] = f"{h}.{p}.{b64((r + P256_N).to_bytes(33, 'big')[1:] + sig[32:])}"
    h5, p5, sig5 = split(es512)
    s5 = int.from_bytes(sig5[66:], "big")
    t["es512-high-s"] = f"{h5}.{p5}.{b64(sig5[:66] + (P521_N - s5).to_bytes(66, 'big'))}"
    # Ed25519: S + L (the same S modulo L; verify_strict must refuse it), another
    # message's signature.
    he, pe, sige = split(ed)
    big_s = int.from_bytes(sige[32:], "little") + ED25519_L
    t["eddsa-s-plus-l"] = f"{he}.{pe}.{b64(sige[:32] + big_s.to_bytes(32, 'little'))}"
    other = token("EdDSA", "ed25519", name="workspace-token")
    t["eddsa-signature-of-another-payload"] = f"{he}.{pe}.{other.split('.')[2]}"
    # base64 and length of the signature segment.
    hr, pr, sigr = rs.split(".")
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_"
    t["rs256-noncanonical-last-char"] = f"{hr}.{pr}.{sigr[:-1]}{alphabet[alphabet.index(sigr[-1]) + 1]}"
    t["rs256-padded"] = rs + "=="
    t["rs256-std-alphabet"] = f"{hr}.{pr}.{sigr.replace('-', '+').replace('_', '/')}"
    t["rs256-signature-short"] = f"{hr}.{pr}.{b64(unb64(sigr)[1:])}"
    zero_prefixed = b64(bytes(1) + unb64(sigr))
    t["rs256-signature-zero-prefixed"] = f"{hr}.{pr}.{zero_prefixed}"
    t["es256-trailing-bits"] = f"{h}.{p}.{b64(sig)[:-1]}{alphabet[alphabet.index(b64(sig)[-1]) + 1]}"
    t["four-segments"] = ed + "." + ed.split(".")[2]
    seeds.update(t)
    return {k: v.encode() if isinstance(v, str) else v for k, v in seeds.items()}


def keys_seeds():
    keys = asym_keys()
    forms = ["private_pkcs8_pem", "private_traditional_pem", "public_spki_pem",
             "public_pkcs1_pem", "public_jwk", "private_jwk"]
    seeds = {}
    for name, key in keys.items():
        for form in forms:
            value = key.get(form)
            if value is None:
                continue
            if isinstance(value, dict):
                value = json.dumps(value, separators=(",", ":"))
            seeds[f"{name}-{form}"] = value
    rsa, p256, ed = keys["rsa2048"], keys["p256"], keys["ed25519"]
    jwk = lambda members, **extra: json.dumps({**members, **extra}, separators=(",", ":"))
    t = {}
    # PEM refusals.
    spki = p256["public_spki_pem"]
    t["pem-truncated"] = spki[: len(spki) // 2]
    t["pem-no-end-line"] = spki.rsplit("-----END", 1)[0]
    t["pem-wrong-label"] = spki.replace("PUBLIC KEY", "DSA PUBLIC KEY")
    t["pem-end-label-differs"] = spki.replace("END PUBLIC KEY", "END PRIVATE KEY")
    t["pem-certificate-label"] = spki.replace("PUBLIC KEY", "CERTIFICATE")
    t["pem-encrypted-pkcs8-label"] = p256["private_pkcs8_pem"].replace("PRIVATE KEY", "ENCRYPTED PRIVATE KEY")
    trad = rsa["private_traditional_pem"].split("\n", 1)
    t["pem-encrypted-rfc1421-header"] = (
        trad[0] + "\nProc-Type: 4,ENCRYPTED\nDEK-Info: AES-128-CBC,000102030405060708090A0B0C0D0E0F\n\n" + trad[1])
    t["pem-two-blocks"] = spki + ed["public_spki_pem"]
    t["pem-text-before"] = "Bag Attributes\n" + spki
    t["pem-crlf"] = spki.replace("\n", "\r\n")
    t["pem-label-swapped-sec1-as-pkcs8"] = p256["private_traditional_pem"].replace("EC PRIVATE KEY", "PRIVATE KEY")
    # RSASSA-PSS keys (id-RSASSA-PSS, absent parameters: RFC 4055 §3.1), built from the
    # PKCS#1 forms of the 2048-bit key.
    pss_oid = der(0x30, der(0x06, bytes.fromhex("2a864886f70d01010a")))
    pkcs1_public = pem_der(rsa["public_pkcs1_pem"])
    pkcs1_private = pem_der(rsa["private_traditional_pem"])
    t["rsa2048-pss-spki-pem"] = pem("PUBLIC KEY", der(0x30, pss_oid + der(0x03, b"\0" + pkcs1_public)))
    t["rsa2048-pss-pkcs8-pem"] = pem(
        "PRIVATE KEY", der(0x30, der_int(b"\0") + pss_oid + der(0x04, pkcs1_private)))
    # JWK members: pinned by alg, use/key_ops, refusals.
    t["jwk-p256-public-pinned"] = jwk(p256["public_jwk"], alg="ES256", use="sig", kid="k1")
    t["jwk-rsa2048-private-pinned-ps256"] = jwk(rsa["private_jwk"], alg="PS256", key_ops=["sign"])
    t["jwk-rsa2048-public-pinned-rs256"] = jwk(rsa["public_jwk"], alg="RS256", key_ops=["verify"])
    t["jwk-ed25519-private-pinned"] = jwk(ed["private_jwk"], alg="EdDSA")
    t["jwk-p256-alg-of-other-kind"] = jwk(p256["public_jwk"], alg="RS256")
    t["jwk-use-enc"] = jwk(p256["public_jwk"], use="enc")
    t["jwk-x-padded"] = jwk(p256["public_jwk"], x=p256["public_jwk"]["x"] + "=")
    t["jwk-x-short"] = jwk(p256["public_jwk"], x=p256["public_jwk"]["x"][:-2])
    t["jwk-rsa-n-leading-zero"] = jwk(rsa["public_jwk"], n=b64(b"\0" + unb64(rsa["public_jwk"]["n"])))
    t["jwk-rsa-oth"] = jwk(rsa["private_jwk"], oth=[])
    t["jwk-ed25519-small-order"] = jwk(ed["public_jwk"], x=b64(b"\x01" + bytes(31)))
    t["jwk-ed25519-non-canonical"] = jwk(ed["public_jwk"], x=b64(ed25519_non_canonical()))
    t["jwk-ed25519-d-of-another-key"] = jwk(ed["private_jwk"], d=b64(bytes(range(32))))
    t["jwk-oct"] = '{"kty":"oct","k":"c2VjcmV0"}'
    t["jwk-duplicate-x"] = jwk(p256["public_jwk"])[:-1] + ',"x":"AAAA"}'
    t["jwk-secp256k1"] = jwk(p256["public_jwk"], crv="secp256k1")
    seeds.update(t)
    return {k: v.encode() for k, v in seeds.items()}


if __name__ == "__main__":
    main()
