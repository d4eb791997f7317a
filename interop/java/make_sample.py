#!/usr/bin/env python3
"""Writes interop/java/java-sample.json: the shared cases signed by the real jjwt.

Same shape as shared/vectors/<library>-public.json, so the lead can treat jjwt
like the other libraries. Run interop/java/setup.sh first.

    python3 interop/java/make_sample.py [path/to/cases-public.json]
"""
import base64
import datetime
import json
import pathlib
import re
import subprocess
import sys

HERE = pathlib.Path(__file__).resolve().parent
# CI and developers have shared/ beside the repository's work tree.
DEFAULT_CASES = HERE.parent.parent.parent / "shared" / "vectors" / "cases-public.json"
JAR = HERE / "target" / "jjwt-driver.jar"

# The docs snippet's inputs, the values the other libraries' docs-snippet vectors use.
SNIPPET_KEY, SNIPPET_TENANT, SNIPPET_NAME = "ws_7f3c2a9e", "customer-42", "Acme Inc."
SNIPPET_SECRET = "3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4cx"
SNIPPET_NOW = 1799992800


def segment(token, i):
    s = token.split(".")[i]
    return base64.urlsafe_b64decode(s + "=" * (-len(s) % 4)).decode("utf-8")


def vector(name, alg, secret, result, note=None):
    v = {"name": name, "alg": alg, "secret": secret, "token": None,
         "header_json": None, "payload_json": None, "refused": None, "warning": None}
    if result.get("token"):
        t = result["token"]
        v.update(token=t, header_json=segment(t, 0), payload_json=segment(t, 1))
    else:
        v["refused"] = result.get("refused")
    v["warning"] = result.get("warning")
    if note:
        v["note"] = note
    return v


def main():
    cases = json.loads(pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else DEFAULT_CASES).read_text("utf-8"))["cases"]
    # Claims arrive as ordered pairs; the driver takes the JSON text of an object
    # in that order, as a user calling claim(k, v) in that order would build it.
    lines = [json.dumps({"name": c["name"], "alg": c["alg"], "secret": c["secret"],
                         "claims": json.dumps(dict(c["claims"]), ensure_ascii=False)}, ensure_ascii=False)
             for c in cases]
    out = subprocess.run([str(HERE / "driver"), "sign"], input="\n".join(lines) + "\n",
                         capture_output=True, text=True, encoding="utf-8", check=True).stdout
    results = {r["name"]: r for r in map(json.loads, out.splitlines())}
    vectors = [vector(c["name"], c["alg"], c["secret"], results[c["name"]]) for c in cases]

    token = subprocess.run(["java", "-cp", str(JAR), "membrane.interop.DocsSnippet", SNIPPET_KEY,
                            SNIPPET_TENANT, SNIPPET_NAME, SNIPPET_SECRET, str(SNIPPET_NOW)],
                           capture_output=True, text=True, check=True).stdout.strip()
    vectors.append(vector(
        "docs-snippet-java", "HS256", SNIPPET_SECRET, {"token": token},
        'Jwts.builder().claim("workspaceKey", KEY).claim("tenantKey", TENANT).claim("name", NAME)'
        '.setExpiration(Date.from(Instant.now().plusSeconds(7200)))'
        '.signWith(new SecretKeySpec(SECRET.getBytes(), "HmacSHA256"), SignatureAlgorithm.HS256).compact()'
        f" with Instant.now() frozen at {SNIPPET_NOW}"))

    pom = (HERE / "pom.xml").read_text("utf-8")
    jjwt = re.search(r"<jjwt.version>(.*?)</jjwt.version>", pom).group(1)
    jackson = re.search(r"<jackson.version>(.*?)</jackson.version>", pom).group(1)
    java = subprocess.run(["java", "-version"], capture_output=True, text=True).stderr.splitlines()[0]
    doc = {
        "library": "jjwt (io.jsonwebtoken)",
        "library_version": jjwt,
        "runtime": f"{java} (jackson-databind {jackson})",
        "generated_on": datetime.date.today().isoformat(),
        "source": f"Maven Central io.jsonwebtoken:jjwt-api, jjwt-impl, jjwt-jackson {jjwt}; "
                  "signed by interop/java/driver (Keys.hmacShaKeyFor(secret bytes), signWith(key, Jwts.SIG.HSxxx))",
        "vectors": vectors,
    }
    (HERE / "java-sample.json").write_text(json.dumps(doc, indent=1, ensure_ascii=False) + "\n", "utf-8")


if __name__ == "__main__":
    main()
