#!/usr/bin/env python3
"""Writes interop/serializers/inputs.json: the named inputs every serializer driver reads.

Each input is JSON *text* (a string), so that number spelling and member order are
exactly what the drivers parse: integer literals (no '.', 'e', 'E') become integers,
the others doubles; objects keep document order where the language's map does.

Every scalar appears twice: bare ("str/...", "num/..."), and as the value of a
one-member object ("obj/str/...", "obj/num/..."), since JWT libraries only serialize
objects as payloads. Deterministic: the same script always writes the same file.

    python3 gen_inputs.py [OUT]      # default: inputs.json beside this script
"""
import json
import os
import sys


def jstr(s):
    """JSON text of the string s: control characters, '"' and '\\' escaped, the rest raw UTF-8."""
    return json.dumps(s, ensure_ascii=False)


def strings():
    out = []
    names = ["NUL", "SOH", "STX", "ETX", "EOT", "ENQ", "ACK", "BEL", "BS", "HT", "LF", "VT",
             "FF", "CR", "SO", "SI", "DLE", "DC1", "DC2", "DC3", "DC4", "NAK", "SYN", "ETB",
             "CAN", "EM", "SUB", "ESC", "FS", "GS", "RS", "US"]
    for cp in range(0x20):
        out.append((f"ctrl-{cp:02X}-{names[cp]}", jstr(chr(cp))))
    out.append(("ctrl-all", jstr("".join(chr(cp) for cp in range(0x20)))))
    out += [
        ("quote", jstr('"')),
        ("backslash", jstr("\\")),
        ("slash", jstr("/")),
        ("slash-escaped-in-input", '"\\/"'),  # the input spells it \/; the value is "/"
        ("del-007F", jstr("\u007f")),
        ("c1-0080", jstr("\u0080")),
        ("c1-009F", jstr("\u009f")),
        ("latin-00E9", jstr("\u00e9")),
        ("ls-2028", jstr("\u2028")),
        ("ps-2029", jstr("\u2029")),
        ("bom-FEFF", jstr("\ufeff")),
        ("nonchar-FFFF", jstr("\uffff")),
        ("cjk", jstr("\u65e5\u672c\u8a9e\u6f22\u5b57")),  # 日本語漢字
        ("astral-1F600", jstr("\U0001F600")),
        ("zwj-family", jstr("\U0001F468\u200d\U0001F469\u200d\U0001F467")),
        ("html-lt-gt-amp-apos", jstr("<>&'")),
        ("combining", jstr("e\u0301 a\u0308\u0323 n\u0303")),
        ("empty", jstr("")),
        ("ascii-plain", jstr("hello world")),
        ("mixed-all",
         jstr("a\u0000\u0008\t\n\u000b\u000c\r\u001f\"\\/\u007f\u0080\u009f\u00e9\u2028\u2029"
              "\ufeff\uffff\u65e5\U0001F600<>&'e\u0301")),
    ]
    return [("str/" + n, t) for n, t in out]


def numbers():
    ints = [("int-0", "0"), ("int-neg1", "-1"), ("int-2p53m1", "9007199254740991"),
            ("int-neg-2p53m1", "-9007199254740991"), ("int-negzero", "-0")]
    floats = ["1.0", "2.0", "-0.0", "0.1", "1.5", "-2.25", "0.001", "0.0001", "0.00001",
              "1e-6", "1e-7", "1.5e-7", "123456.789", "1e7", "1e15", "1e16", "1e17", "1e20",
              "1e21", "1e22", "2e23", "5e-324", "1.7976931348623157e308",
              "0.30000000000000004", "100.0", "1234567.0"]
    out = list(ints)
    for lit in floats:
        out.append(("float-" + lit, lit))
    return [("num/" + n, t) for n, t in out]


def objects():
    return [
        ("obj/key-order", '{"b":1,"a":2,"1":3,"10":4,"2":5,"007":6,"-1":7}'),
        ("obj/nested-unsorted",
         '{"z":{"y":1,"x":{"w":2,"b":3,"a":4},"10":5,"9":6},"m":[{"d":1,"c":2},{"2":0,"1":0}],"a":0}'),
        ("obj/index-keys-0-1", '{"0":"x","1":"y"}'),
        ("obj/index-keys-1-2", '{"1":"x","2":"y"}'),
        ("obj/empty", "{}"),
        ("arr/empty", "[]"),
        ("obj/a-empty-obj", '{"a":{}}'),
        ("obj/a-empty-arr", '{"a":[]}'),
        ("arr/mixed", '[1,1.0,"x",null,true,false,{},[],{"b":1,"a":2}]'),
        ("obj/null-bool", '{"n":null,"t":true,"f":false}'),
        ("lit/null", "null"),
        ("lit/true", "true"),
        ("lit/false", "false"),
    ]


def wrap(cases):
    return [("obj/" + n, '{"v":' + t + "}") for n, t in cases]


def mixed(strs, nums):
    parts = []
    for n, t in strs + nums:
        parts.append(jstr(n) + ":" + t)
    parts += ['"b":1', '"a":2', '"1":3', '"10":4', '"2":5', '"007":6', '"-1":7',
              '"nested":{"z":{"y":1,"x":2},"a":[{"d":1,"c":2},{}],"e":{},"l":[]}',
              '"idx":{"0":"x","1":"y"}', '"empty_obj":{}', '"empty_arr":[]',
              '"\u00e9\u2028<>&/\\"\\\\key":"k"', '"n":null,"t":true,"f":false']
    return [("mixed/all", "{" + ",".join(parts) + "}")]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(here, "inputs.json")
    strs, nums = strings(), numbers()
    cases = strs + nums + wrap(strs) + wrap(nums) + objects() + mixed(strs, nums)
    names = [n for n, _ in cases]
    assert len(names) == len(set(names)), "duplicate case names"
    for n, t in cases:
        json.loads(t)  # every input is valid JSON
        assert "\t" not in n and "\n" not in n
    doc = {
        "generated_by": "interop/serializers/gen_inputs.py",
        "note": "Each 'text' is the JSON text a driver parses; integer literals become "
                "integers, literals with '.', 'e' or 'E' become doubles.",
        "cases": [{"name": n, "text": t} for n, t in cases],
    }
    with open(out, "w", encoding="ascii", newline="\n") as f:
        json.dump(doc, f, ensure_ascii=True, indent=1)
        f.write("\n")
    print(f"{out}: {len(cases)} inputs")


if __name__ == "__main__":
    main()
