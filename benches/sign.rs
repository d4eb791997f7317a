//! Minting and verifying cost, against the physical floor (HMAC alone) and three peer
//! JWT crates, on the quick-start customer claims; plus payload-size scaling.
//!
//! Groups (criterion ids, read by `benches/report.sh`):
//! - `token/<contender>/<ALG>`: one token per iteration, `Throughput::Elements(1)`.
//!   Contenders: `floor` (HMAC over the finished `header.payload` text from a cloned
//!   keyed state), `floor_rekey` (the same, keying HMAC every time), `ours_string`
//!   (`customer_token_at`), `ours_into` (`customer_token_into` into a reused `String`),
//!   `verify` (`Workspace::verify`), and the peers `jsonwebtoken`, `jwt-compact`,
//!   `jwt-simple` signing the same claims with the same secret and algorithm.
//! - `payload/<contender>/<ALG>-<bytes>B`: `floor` and `ours_into` for payloads of
//!   about 100 B, 1 KiB and 8 KiB, `Throughput::Bytes(payload JSON length)`.
//! - `tenant/<contender>/<ALG>`: `floor` and `ours_into` (`tenant_token_into`) for the
//!   current-format tenant token with the same name and fields, whose constant start
//!   (`{"workspaceKey":"…","tenantKey":"`) fills an HMAC block the workspace hashes once.
//!
//! Every contender's output is checked once before timing: the floor's MAC must equal
//! the token's signature, and each peer's token must pass this crate's verifier.
//!
//! Paired ratios: this machine's 2 cores are shared, and its speed drifts by tens of
//! percent between one benchmark and the next, so a ratio of two medians measured a
//! minute apart says little. Every sample of a contender is therefore followed at once
//! by a sample of the floor (same token, same iteration count), and the median of those
//! per-sample ratios is written to `target/criterion/paired.json`, with the ratio of
//! the two fastest per-iteration times (the samples least disturbed by the neighbours),
//! which `benches/report.sh` prints beside the plain medians. The pairing lives in
//! `benches/paired/`, shared with the `asym` bench.

mod paired;
mod quick_start;

use std::hint::black_box;
use std::time::Instant;

use criterion::{criterion_group, BenchmarkId, Criterion, Throughput};
use hmac::{Hmac, KeyInit, Mac};
use membrane_token::{Algorithm, Customer, Tenant, Workspace};
use sha2::{Sha256, Sha384, Sha512};

use paired::{bench_paired, timed, write_paired, FloorTimer, Group};
use quick_start::*;

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";

/// Payload sizes (JSON bytes) for the scaling groups; the smallest is the quick-start
/// payload itself when the claims alone already exceed it.
const PAYLOAD_TARGETS: [usize; 3] = [100, 1024, 8192];

fn workspace(alg: Algorithm) -> Workspace {
    Workspace::new(KEY, SECRET, alg).expect("valid workspace")
}

/// `header.payload` of a token (everything before the last dot).
fn signing_input(token: &str) -> &str {
    &token[..token.rfind('.').expect("three segments")]
}

fn b64url(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(ABC[(n >> (18 - 6 * i)) as usize & 63] as char);
        }
    }
    out
}

fn b64url_decode(text: &str) -> Vec<u8> {
    let value = |c: u8| -> u32 {
        match c {
            b'A'..=b'Z' => u32::from(c - b'A'),
            b'a'..=b'z' => u32::from(c - b'a') + 26,
            b'0'..=b'9' => u32::from(c - b'0') + 52,
            b'-' => 62,
            b'_' => 63,
            _ => panic!("not base64url"),
        }
    };
    let mut out = Vec::new();
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (i, &c) in chunk.iter().enumerate() {
            n |= value(c) << (18 - 6 * i);
        }
        out.extend_from_slice(&n.to_be_bytes()[1..chunk.len()]);
    }
    out
}

/// The payload JSON of a token, decoded.
fn payload_json(token: &str) -> String {
    let payload = token.split('.').nth(1).expect("payload segment");
    String::from_utf8(b64url_decode(payload)).expect("UTF-8 payload")
}

/// A keyed HMAC state for the floor, and the check that it reproduces the token's MAC.
trait Floor: Mac + KeyInit + Clone {
    fn keyed() -> Self {
        <Self as KeyInit>::new_from_slice(SECRET).expect("any key length")
    }
    fn check(token: &str) {
        let mut mac = Self::keyed();
        mac.update(signing_input(token).as_bytes());
        let tag = mac.finalize().into_bytes();
        let sig = &token[token.rfind('.').expect("three segments") + 1..];
        assert_eq!(
            b64url(&tag),
            sig,
            "floor MAC differs from the token's signature"
        );
    }
}
impl Floor for Hmac<Sha256> {}
impl Floor for Hmac<Sha384> {}
impl Floor for Hmac<Sha512> {}

/// Registers `floor` and `floor_rekey` for one MAC type over `input`.
fn floor_benches<M: Floor>(
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    param: &str,
    input: &[u8],
    rekey: bool,
) {
    let keyed = M::keyed();
    group.bench_with_input(BenchmarkId::new("floor", param), input, |b, input| {
        b.iter(|| {
            let mut mac = keyed.clone();
            mac.update(black_box(input));
            black_box(mac.finalize().into_bytes())
        })
    });
    if rekey {
        group.bench_with_input(BenchmarkId::new("floor_rekey", param), input, |b, input| {
            b.iter(|| {
                let mut mac = <M as KeyInit>::new_from_slice(black_box(SECRET)).expect("key");
                mac.update(black_box(input));
                black_box(mac.finalize().into_bytes())
            })
        });
    }
}

fn floor_for(
    alg: Algorithm,
    group: &mut criterion::BenchmarkGroup<'_, criterion::measurement::WallTime>,
    param: &str,
    token: &str,
    rekey: bool,
) {
    let input = signing_input(token).as_bytes();
    match alg {
        Algorithm::Hs256 => {
            <Hmac<Sha256>>::check(token);
            floor_benches::<Hmac<Sha256>>(group, param, input, rekey);
        }
        Algorithm::Hs384 => {
            <Hmac<Sha384>>::check(token);
            floor_benches::<Hmac<Sha384>>(group, param, input, rekey);
        }
        Algorithm::Hs512 => {
            <Hmac<Sha512>>::check(token);
            floor_benches::<Hmac<Sha512>>(group, param, input, rekey);
        }
        other => unreachable!("{other} is not an HMAC algorithm"),
    }
}

// --- paired samples ---

fn floor_timer_for<M: Floor + 'static>(input: Vec<u8>) -> FloorTimer {
    let keyed = M::keyed();
    Box::new(move |iters| {
        let start = Instant::now();
        for _ in 0..iters {
            let mut mac = keyed.clone();
            mac.update(black_box(&input));
            black_box(mac.finalize().into_bytes());
        }
        start.elapsed()
    })
}

/// The floor timer for `token` (whose MAC it checks first).
fn floor_timer(alg: Algorithm, token: &str) -> FloorTimer {
    let input = signing_input(token).as_bytes().to_vec();
    match alg {
        Algorithm::Hs256 => {
            <Hmac<Sha256>>::check(token);
            floor_timer_for::<Hmac<Sha256>>(input)
        }
        Algorithm::Hs384 => {
            <Hmac<Sha384>>::check(token);
            floor_timer_for::<Hmac<Sha384>>(input)
        }
        Algorithm::Hs512 => {
            <Hmac<Sha512>>::check(token);
            floor_timer_for::<Hmac<Sha512>>(input)
        }
        other => unreachable!("{other} is not an HMAC algorithm"),
    }
}

/// Benchmarks an `_into` minting call appending to a reused `String` (paired with
/// `floor`), after checking once that it mints `token`.
fn bench_into(
    group: &mut Group<'_>,
    id: (&str, &str, &str),
    floor: &mut FloorTimer,
    token: &str,
    mut mint: impl FnMut(&mut String) -> Result<(), membrane_token::Error>,
) {
    let mut out = String::with_capacity(2 * token.len());
    mint(&mut out).expect("mints");
    assert_eq!(out, token, "{id:?} mints the expected token");
    bench_paired(group, id, floor, |iters| {
        timed(iters, || {
            out.clear();
            mint(&mut out).expect("mints");
            black_box(out.len());
        })
    });
}

fn bench_jsonwebtoken(
    group: &mut Group<'_>,
    alg: Algorithm,
    ws: &Workspace,
    floor: &mut FloorTimer,
) {
    use jsonwebtoken::{encode, Algorithm as A, EncodingKey, Header};
    let header = Header::new(match alg {
        Algorithm::Hs256 => A::HS256,
        Algorithm::Hs384 => A::HS384,
        Algorithm::Hs512 => A::HS512,
        other => unreachable!("{other} is not an HMAC algorithm"),
    });
    // jsonwebtoken 12 refuses an empty HMAC key, so this constructor returns a Result.
    let key = EncodingKey::from_secret(SECRET).expect("a non-empty secret");
    let claims = full_claims();
    let token = encode(&header, &claims, &key).expect("jsonwebtoken signs");
    ws.verify(&token, NOW)
        .expect("jsonwebtoken's token verifies");
    bench_paired(
        group,
        ("token", "jsonwebtoken", alg.name()),
        floor,
        |iters| {
            timed(iters, || {
                black_box(encode(black_box(&header), black_box(&claims), &key).expect("signs"));
            })
        },
    );
}

fn bench_jwt_compact(
    group: &mut Group<'_>,
    alg: Algorithm,
    ws: &Workspace,
    floor: &mut FloorTimer,
) {
    use chrono::DateTime;
    use jwt_compact::alg::{Hs256, Hs256Key, Hs384, Hs384Key, Hs512, Hs512Key};
    use jwt_compact::{AlgorithmExt, Claims, Header};
    let header = Header::empty().with_token_type("JWT");
    let mut claims = Claims::new(custom_claims(true));
    claims.issued_at = DateTime::from_timestamp(ISSUED_AT as i64, 0);
    claims.expiration = DateTime::from_timestamp((ISSUED_AT + TTL) as i64, 0);
    macro_rules! run {
        ($alg:expr, $key:expr) => {{
            let key = $key;
            let token = $alg
                .token(&header, &claims, &key)
                .expect("jwt-compact signs");
            ws.verify(&token, NOW)
                .expect("jwt-compact's token verifies");
            bench_paired(
                group,
                ("token", "jwt-compact", alg.name()),
                floor,
                |iters| {
                    timed(iters, || {
                        black_box(
                            $alg.token(black_box(&header), black_box(&claims), &key)
                                .expect("signs"),
                        );
                    })
                },
            );
        }};
    }
    match alg {
        Algorithm::Hs256 => run!(Hs256, Hs256Key::new(SECRET)),
        Algorithm::Hs384 => run!(Hs384, Hs384Key::new(SECRET)),
        Algorithm::Hs512 => run!(Hs512, Hs512Key::new(SECRET)),
        other => unreachable!("{other} is not an HMAC algorithm"),
    }
}

fn bench_jwt_simple(group: &mut Group<'_>, alg: Algorithm, ws: &Workspace, floor: &mut FloorTimer) {
    use jwt_simple::prelude::{Duration, HS256Key, HS384Key, HS512Key, JWTClaims, MACLike};
    let claims = JWTClaims {
        issued_at: Some(Duration::from_secs(ISSUED_AT)),
        expires_at: Some(Duration::from_secs(ISSUED_AT + TTL)),
        invalid_before: None,
        issuer: Some(KEY.to_string()),
        subject: None,
        audiences: None,
        jwt_id: None,
        nonce: None,
        custom: custom_claims(false),
    };
    macro_rules! run {
        ($key:expr) => {{
            let key = $key;
            let token = key.authenticate(claims.clone()).expect("jwt-simple signs");
            ws.verify(&token, NOW).expect("jwt-simple's token verifies");
            // `authenticate` takes the claims by value: the clones are made before the
            // timed loop.
            bench_paired(group, ("token", "jwt-simple", alg.name()), floor, |iters| {
                let batch: Vec<_> = (0..iters).map(|_| claims.clone()).collect();
                let start = Instant::now();
                for claims in batch {
                    black_box(key.authenticate(claims).expect("signs"));
                }
                start.elapsed()
            });
        }};
    }
    match alg {
        Algorithm::Hs256 => run!(HS256Key::from_bytes(SECRET)),
        Algorithm::Hs384 => run!(HS384Key::from_bytes(SECRET)),
        Algorithm::Hs512 => run!(HS512Key::from_bytes(SECRET)),
        other => unreachable!("{other} is not an HMAC algorithm"),
    }
}

fn per_token(c: &mut Criterion) {
    let mut group = c.benchmark_group("token");
    group.throughput(Throughput::Elements(1));
    let customer = quick_start();
    for alg in Algorithm::HMAC {
        let ws = workspace(alg);
        let token = ws
            .customer_token_at(&customer, ISSUED_AT, TTL)
            .expect("mints");
        let param = alg.name();

        floor_for(alg, &mut group, param, &token, true);

        let mut floor = floor_timer(alg, &token);

        bench_paired(
            &mut group,
            ("token", "ours_string", param),
            &mut floor,
            |iters| {
                timed(iters, || {
                    black_box(
                        ws.customer_token_at(black_box(&customer), black_box(ISSUED_AT), TTL)
                            .expect("mints"),
                    );
                })
            },
        );

        bench_into(
            &mut group,
            ("token", "ours_into", param),
            &mut floor,
            &token,
            |out| ws.customer_token_into(black_box(&customer), black_box(ISSUED_AT), TTL, out),
        );

        ws.verify(&token, NOW).expect("verifies");
        bench_paired(
            &mut group,
            ("token", "verify", param),
            &mut floor,
            |iters| {
                timed(iters, || {
                    black_box(
                        ws.verify(black_box(&token), black_box(NOW))
                            .expect("verifies"),
                    );
                })
            },
        );

        bench_jsonwebtoken(&mut group, alg, &ws, &mut floor);
        bench_jwt_compact(&mut group, alg, &ws, &mut floor);
        bench_jwt_simple(&mut group, alg, &ws, &mut floor);
    }
    group.finish();
}

/// A customer whose `userField` is padded so the payload JSON is `target` bytes (or the
/// smallest it can be, if the other claims already take more).
fn sized_customer(ws: &Workspace, target: usize) -> (Customer, String) {
    let base = ws
        .customer_token_at(&Customer::new(ID, NAME).field(FIELD, ""), ISSUED_AT, TTL)
        .expect("mints");
    let base_len = payload_json(&base).len();
    let customer = if target <= base_len + FIELD_VALUE.len() {
        quick_start()
    } else {
        Customer::new(ID, NAME).field(FIELD, "x".repeat(target - base_len))
    };
    let token = ws
        .customer_token_at(&customer, ISSUED_AT, TTL)
        .expect("mints");
    (customer, token)
}

fn payload_size(c: &mut Criterion) {
    let mut group = c.benchmark_group("payload");
    for alg in Algorithm::HMAC {
        let ws = workspace(alg);
        for target in PAYLOAD_TARGETS {
            let (customer, token) = sized_customer(&ws, target);
            let payload_len = payload_json(&token).len();
            let param = format!("{}-{}B", alg.name(), payload_len);
            group.throughput(Throughput::Bytes(payload_len as u64));

            floor_for(alg, &mut group, &param, &token, false);

            let mut floor = floor_timer(alg, &token);
            let id = ("payload", "ours_into", param.as_str());
            bench_into(&mut group, id, &mut floor, &token, |out| {
                ws.customer_token_into(black_box(&customer), black_box(ISSUED_AT), TTL, out)
            });
        }
    }
    group.finish();
}

fn tenant(c: &mut Criterion) {
    let mut group = c.benchmark_group("tenant");
    group.throughput(Throughput::Elements(1));
    let tenant = Tenant::new("tenant-42")
        .name(NAME)
        .field(FIELD, FIELD_VALUE);
    for alg in Algorithm::HMAC {
        let ws = workspace(alg);
        let token = ws.tenant_token_at(&tenant, ISSUED_AT, TTL).expect("mints");
        floor_for(alg, &mut group, alg.name(), &token, false);
        let mut floor = floor_timer(alg, &token);
        let id = ("tenant", "ours_into", alg.name());
        bench_into(&mut group, id, &mut floor, &token, |out| {
            ws.tenant_token_into(black_box(&tenant), black_box(ISSUED_AT), TTL, out)
        });
    }
    group.finish();
}

criterion_group!(benches, per_token, payload_size, tenant);

fn main() {
    benches();
    Criterion::default().configure_from_args().final_summary();
    write_paired("paired.json");
}
