//! Exact allocation counts of the minting calls and of `verify`, through a counting
//! global allocator.
//!
//! The counter is process-wide (no thread-locals), so every measurement runs inside the
//! one test function of this binary: libtest's other thread only waits for it, and each
//! count is taken between two reads of the counter around a single call.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicUsize, Ordering};

use membrane_token::{Algorithm, Customer, Tenant, Workspace};

struct Counting;

/// Allocation events: `alloc`, `alloc_zeroed` and `realloc` each count one.
static ALLOCATIONS: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every method forwards to `System` with the caller's arguments unchanged; the
// counter has no effect on the memory handed out.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded as received.
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded as received.
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        ALLOCATIONS.fetch_add(1, Ordering::SeqCst);
        // SAFETY: forwarded as received.
        unsafe { System.realloc(ptr, layout, new_size) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwarded as received.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Runs `f` once and returns how many allocations it made, and its result (dropped by
/// the caller, outside the counted region).
fn count<R>(f: impl FnOnce() -> R) -> (usize, R) {
    let before = ALLOCATIONS.load(Ordering::SeqCst);
    let result = black_box(f());
    let after = ALLOCATIONS.load(Ordering::SeqCst);
    (after - before, result)
}

const SECRET: &[u8; 64] = b"3d1f9c7b2e8a4f6051c9d7e3b2a18f4c3d1f9c7b2e8a4f6051c9d7e3b2a18f4c";
const ISSUED_AT: u64 = 1_799_992_800;
const TTL: u64 = 7200;
const NOW: u64 = 1_799_993_000;
/// Calls per measurement; the total must be exactly `expected * REPEAT`.
const REPEAT: usize = 16;

/// Counts allocations of `REPEAT` calls of `mint` (each after `out.clear()`, `out`
/// pre-sized), returning the per-call counts.
fn count_into(
    out: &mut String,
    mut mint: impl FnMut(&mut String) -> Result<(), membrane_token::Error>,
) -> Vec<usize> {
    // One call outside the counted region: any one-time initialisation (CPU feature
    // detection and the like) is not a per-token cost.
    out.clear();
    mint(out).expect("mints");
    let mut counts = Vec::with_capacity(REPEAT);
    for _ in 0..REPEAT {
        out.clear();
        let (n, result) = count(|| mint(out));
        result.expect("mints");
        counts.push(n);
    }
    counts
}

#[test]
fn minting_allocation_counts() {
    let customer = Customer::new("customer-42", "Acme Inc.").field("userField", "pro");
    let tenant = Tenant::new("tenant-7")
        .name("Acme Inc.")
        .field("userField", "pro");
    let mut failures = Vec::new();
    let mut check = |what: String, counts: &[usize], expected: usize| {
        println!("{what}: {counts:?} (expected {expected} each)");
        if counts.iter().any(|&n| n != expected) {
            failures.push(format!("{what}: measured {counts:?}, expected {expected}"));
        }
    };

    for alg in Algorithm::HMAC {
        let ws = Workspace::new("ws_7f3c2a9e", SECRET, alg).expect("workspace");
        let mut out = String::with_capacity(4096);

        let counts = count_into(&mut out, |out| {
            ws.customer_token_into(&customer, ISSUED_AT, TTL, out)
        });
        check(format!("{alg} customer_token_into"), &counts, 0);
        let reference = out.clone();

        let counts = count_into(&mut out, |out| {
            ws.tenant_token_into(&tenant, ISSUED_AT, TTL, out)
        });
        check(format!("{alg} tenant_token_into"), &counts, 0);

        let counts = count_into(&mut out, |out| ws.admin_token_into(ISSUED_AT, TTL, out));
        check(format!("{alg} admin_token_into"), &counts, 0);

        let counts = count_into(&mut out, |out| ws.workspace_token_into(ISSUED_AT, TTL, out));
        check(format!("{alg} workspace_token_into"), &counts, 0);

        let mut counts = Vec::new();
        for _ in 0..REPEAT {
            let (n, token) = count(|| ws.customer_token_at(&customer, ISSUED_AT, TTL));
            let token = token.expect("mints");
            assert_eq!(token, reference, "customer_token_at and _into agree");
            counts.push(n);
        }
        check(format!("{alg} customer_token_at"), &counts, 1);

        // Verifying keeps the decoded payload text and an index of its six claims.
        let mut counts = Vec::new();
        for _ in 0..REPEAT {
            let (n, claims) = count(|| ws.verify(&reference, NOW));
            assert_eq!(claims.expect("verifies").id(), Some("customer-42"));
            counts.push(n);
        }
        check(format!("{alg} verify"), &counts, 2);
    }

    assert!(
        failures.is_empty(),
        "allocation counts differ:\n{}",
        failures.join("\n")
    );
}
