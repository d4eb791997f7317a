//! Paired samples: a contender's time next to the floor's, sampled moments apart.
//!
//! This machine's 2 cores are shared, and its speed drifts by tens of percent between
//! one benchmark and the next, so a ratio of two medians measured a minute apart says
//! little. [`bench_paired`] therefore follows every sample of a contender at once with
//! a sample of the floor (same input, same iteration count); [`write_paired`] writes,
//! per benchmark, the median of those per-sample ratios and the ratio of the two
//! fastest per-iteration times (the samples least disturbed by the neighbours) to
//! `target/criterion/<file>`, which the report scripts print beside the plain medians.
//!
//! Shared by the `sign` and `asym` benches (a folder, so cargo does not take it for a
//! bench of its own).

use std::cell::RefCell;
use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use criterion::BenchmarkId;

pub type Group<'a> = criterion::BenchmarkGroup<'a, criterion::measurement::WallTime>;

/// Runs the floor `iters` times for one input and returns how long it took.
pub type FloorTimer = Box<dyn FnMut(u64) -> Duration>;

thread_local! {
    /// Per benchmark id (`group/contender/param`): (contender, floor) time per
    /// iteration, one entry per sample.
    static PAIRED: RefCell<BTreeMap<String, Vec<(f64, f64)>>> = const { RefCell::new(BTreeMap::new()) };
}

/// Benchmarks `batch` (which runs a contender `iters` times and returns the time that
/// counts) and pairs every sample with a floor sample of as many iterations.
pub fn bench_paired(
    group: &mut Group<'_>,
    (group_name, contender, param): (&str, &str, &str),
    floor: &mut FloorTimer,
    mut batch: impl FnMut(u64) -> Duration,
) {
    let key = format!("{group_name}/{contender}/{param}");
    group.bench_function(BenchmarkId::new(contender, param), |b| {
        b.iter_custom(|iters| {
            let took = batch(iters);
            let floor_took = floor(iters);
            let per_iter = |d: Duration| d.as_secs_f64() / iters.max(1) as f64;
            PAIRED.with(|p| {
                p.borrow_mut()
                    .entry(key.clone())
                    .or_default()
                    .push((per_iter(took), per_iter(floor_took).max(1e-15)))
            });
            took
        })
    });
}

/// `iters` runs of `routine`, timed.
pub fn timed(iters: u64, mut routine: impl FnMut()) -> Duration {
    let start = Instant::now();
    for _ in 0..iters {
        routine();
    }
    start.elapsed()
}

/// Writes to `target/criterion/<file_name>`, for every benchmark run, the median of
/// its paired ratios, the ratio of the fastest contender and floor times per
/// iteration, and the sample count.
pub fn write_paired(file_name: &str) {
    let entries: Vec<String> = PAIRED.with(|p| {
        p.borrow()
            .iter()
            .map(|(id, pairs)| {
                let mut ratios: Vec<f64> = pairs.iter().map(|(c, f)| c / f).collect();
                ratios.sort_by(f64::total_cmp);
                let median = ratios[ratios.len() / 2];
                let fastest = |pick: fn(&(f64, f64)) -> f64| {
                    pairs.iter().map(pick).fold(f64::INFINITY, f64::min)
                };
                let (ours, floor) = (fastest(|p| p.0), fastest(|p| p.1));
                format!(
                    "  \"{id}\": {{\"median_ratio\": {median:.4}, \"fastest_ratio\": {:.4}, \
                     \"fastest_ns\": {:.1}, \"fastest_floor_ns\": {:.1}, \"samples\": {}}}",
                    ours / floor,
                    ours * 1e9,
                    floor * 1e9,
                    ratios.len()
                )
            })
            .collect()
    });
    let dir = std::env::var("CARGO_TARGET_DIR").unwrap_or_else(|_| "target".into());
    let path = std::path::Path::new(&dir).join("criterion").join(file_name);
    let text = format!("{{\n{}\n}}\n", entries.join(",\n"));
    if let Err(e) = std::fs::create_dir_all(path.parent().expect("has a parent"))
        .and_then(|()| std::fs::write(&path, text))
    {
        eprintln!("cannot write {}: {e}", path.display());
    }
}
