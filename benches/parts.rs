//! The two non-HMAC parts of minting, measured alone, each next to an alternative, to
//! size the optimisations that `sign` and callgrind point at:
//!
//! - `b64/<impl>/<bytes>`: base64url (no padding) of a token's payload JSON:
//!   `base64ct` (what the crate uses; constant-time), the `base64` crate, and a plain
//!   lookup-table encoder written here.
//! - `scan/<impl>/<bytes>`: finding the bytes a JSON string must escape under the Node
//!   profile, over plain ASCII text: a `match` on the byte with the rules read at run
//!   time (the shape of `json::Escaping::is_special`), a 256-entry table, and an
//!   8-bytes-at-a-time (SWAR) test.
//!
//! Payload sizes match the `payload` group of `sign`: the quick-start payload (122 B),
//! 1 KiB and 8 KiB.

use std::hint::black_box;

use base64::Engine as _;
use base64ct::{Base64UrlUnpadded, Encoding};
use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use membrane_token::{Algorithm, Customer, Workspace};

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";

/// The payload JSON of quick-start tokens whose `userField` makes it `target` bytes
/// (the first is the quick-start payload itself).
fn payloads() -> Vec<Vec<u8>> {
    let ws = Workspace::new("ws_7f3c2a9e", SECRET, Algorithm::Hs256).expect("workspace");
    let json = |value: String| {
        let token = ws
            .customer_token_at(
                &Customer::new("customer-42", "Acme Inc.").field("userField", value),
                1_799_992_800,
                7200,
            )
            .expect("mints");
        let payload = token.split('.').nth(1).expect("payload");
        Base64UrlUnpadded::decode_vec(payload).expect("base64url")
    };
    let base = json(String::new()).len();
    vec![
        json("pro".into()),
        json("x".repeat(1024 - base)),
        json("x".repeat(8192 - base)),
    ]
}

// --- base64url alternatives ---

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// A plain table encoder: 3 bytes -> 4 characters, then the 1- or 2-byte tail.
fn table_encode(src: &[u8], dst: &mut [u8]) -> usize {
    let mut o = 0;
    let mut chunks = src.chunks_exact(3);
    for c in &mut chunks {
        let n = (u32::from(c[0]) << 16) | (u32::from(c[1]) << 8) | u32::from(c[2]);
        dst[o] = ALPHABET[(n >> 18) as usize & 63];
        dst[o + 1] = ALPHABET[(n >> 12) as usize & 63];
        dst[o + 2] = ALPHABET[(n >> 6) as usize & 63];
        dst[o + 3] = ALPHABET[n as usize & 63];
        o += 4;
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let b1 = rest.get(1).copied().unwrap_or(0);
        let n = (u32::from(rest[0]) << 16) | (u32::from(b1) << 8);
        dst[o] = ALPHABET[(n >> 18) as usize & 63];
        dst[o + 1] = ALPHABET[(n >> 12) as usize & 63];
        o += 2;
        if rest.len() == 2 {
            dst[o] = ALPHABET[(n >> 6) as usize & 63];
            o += 1;
        }
    }
    o
}

fn base64_benches(c: &mut Criterion, payloads: &[Vec<u8>]) {
    let mut group = c.benchmark_group("b64");
    for payload in payloads {
        let n = payload.len();
        let mut dst = vec![0u8; n.div_ceil(3) * 4];
        // All three produce the same text.
        let expected = Base64UrlUnpadded::encode_string(payload);
        let len = table_encode(payload, &mut dst);
        assert_eq!(&dst[..len], expected.as_bytes());
        let len = base64::engine::general_purpose::URL_SAFE_NO_PAD
            .encode_slice(payload, &mut dst)
            .expect("fits");
        assert_eq!(&dst[..len], expected.as_bytes());

        group.throughput(Throughput::Bytes(n as u64));
        group.bench_with_input(BenchmarkId::new("base64ct", n), payload, |b, p| {
            b.iter(|| {
                Base64UrlUnpadded::encode(black_box(p), &mut dst)
                    .expect("fits")
                    .len()
            })
        });
        group.bench_with_input(BenchmarkId::new("base64", n), payload, |b, p| {
            b.iter(|| {
                base64::engine::general_purpose::URL_SAFE_NO_PAD
                    .encode_slice(black_box(p), &mut dst)
                    .expect("fits")
            })
        });
        group.bench_with_input(BenchmarkId::new("table", n), payload, |b, p| {
            b.iter(|| table_encode(black_box(p), &mut dst))
        });
    }
    group.finish();
}

// --- escape-scan alternatives (Node rules: control characters, '"' and '\\') ---

/// Rules as read at run time, like `json::Escaping`'s flags.
#[derive(Clone, Copy)]
struct Rules {
    html: bool,
    del: bool,
    non_ascii: bool,
    line_separators: bool,
}

#[inline]
fn special_match(rules: &Rules, b: u8) -> bool {
    match b {
        0x00..=0x1f | b'"' | b'\\' => true,
        b'<' | b'>' | b'&' => rules.html,
        0x7f => rules.del,
        0x80..=0xff => rules.non_ascii || (rules.line_separators && b == 0xe2),
        _ => false,
    }
}

fn scan_match(rules: &Rules, bytes: &[u8]) -> usize {
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if special_match(rules, b) {
            return i;
        }
        i += 1;
    }
    i
}

const fn node_table() -> [bool; 256] {
    let mut t = [false; 256];
    let mut i = 0;
    while i < 0x20 {
        t[i] = true;
        i += 1;
    }
    t[b'"' as usize] = true;
    t[b'\\' as usize] = true;
    t
}
static NODE_TABLE: [bool; 256] = node_table();

fn scan_table(table: &[bool; 256], bytes: &[u8]) -> usize {
    bytes
        .iter()
        .position(|&b| table[b as usize])
        .unwrap_or(bytes.len())
}

/// 8 bytes at a time: any byte < 0x20, == '"' or == '\\' (the Node set).
fn scan_swar(bytes: &[u8]) -> usize {
    const LO: u64 = 0x0101_0101_0101_0101;
    const HI: u64 = 0x8080_8080_8080_8080;
    let has_zero = |v: u64| v.wrapping_sub(LO) & !v & HI;
    let mut i = 0;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let v = u64::from_le_bytes(chunk.try_into().expect("8 bytes"));
        // Bytes < 0x20 (ASCII only: high-bit bytes are not special for Node).
        let control = v.wrapping_sub(LO * 0x20) & !v & HI;
        let hit =
            control | has_zero(v ^ (LO * u64::from(b'"'))) | has_zero(v ^ (LO * u64::from(b'\\')));
        if hit != 0 {
            break;
        }
        i += 8;
    }
    i + scan_table(&NODE_TABLE, &bytes[i..])
}

fn scan_benches(c: &mut Criterion, sizes: &[usize]) {
    let mut group = c.benchmark_group("scan");
    let rules = Rules {
        html: false,
        del: false,
        non_ascii: false,
        line_separators: false,
    };
    let text = "Acme Inc. customer-42 userField pro ws_7f3c2a9e ";
    for &n in sizes {
        let s: Vec<u8> = text.bytes().cycle().take(n).collect();
        assert_eq!(scan_match(&rules, &s), n);
        assert_eq!(scan_table(&NODE_TABLE, &s), n);
        assert_eq!(scan_swar(&s), n);
        let mut probe = s.clone();
        for at in [0, n / 2, n - 1] {
            for special in [b'"', b'\\', 0x01, 0x1f] {
                probe[at] = special;
                assert_eq!(scan_swar(&probe), at);
                assert_eq!(scan_table(&NODE_TABLE, &probe), at);
                probe[at] = s[at];
            }
        }
        group.throughput(Throughput::Bytes(n as u64));
        group.bench_with_input(BenchmarkId::new("match", n), &s, |b, s| {
            b.iter(|| scan_match(black_box(&rules), black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("table", n), &s, |b, s| {
            b.iter(|| scan_table(black_box(&NODE_TABLE), black_box(s)))
        });
        group.bench_with_input(BenchmarkId::new("swar", n), &s, |b, s| {
            b.iter(|| scan_swar(black_box(s)))
        });
    }
    group.finish();
}

fn parts(c: &mut Criterion) {
    let payloads = payloads();
    base64_benches(c, &payloads);
    let sizes: Vec<usize> = payloads.iter().map(Vec::len).collect();
    scan_benches(c, &sizes);
}

criterion_group!(benches, parts);
criterion_main!(benches);
