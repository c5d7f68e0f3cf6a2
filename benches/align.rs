//! Criterion benchmarks of the pairwise aligner on synthetic documents of growing size
//! (exact DP for the small ones, banded coarse-to-fine search for the larger ones).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion};
use polyalign::align::{align_pair, AlignConfig};
use polyalign::model::Lang;

/// Deterministic pseudo-text: sentences of 5–30 words with occasional numbers and names.
fn doc(n: usize, seed: u64, upper: bool) -> Vec<String> {
    let words = [
        "minister", "council", "treaty", "meeting", "region", "report", "support", "security",
        "Lavrov", "Berlin", "the", "of", "and", "on", "in", "with",
    ];
    let mut x = seed;
    let mut next = || {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        x
    };
    (0..n)
        .map(|k| {
            let len = 5 + (next() % 26) as usize;
            let mut s: Vec<String> = (0..len)
                .map(|_| words[(next() % words.len() as u64) as usize].to_string())
                .collect();
            if k % 3 == 0 {
                s.push(format!("{}", 1900 + k % 120));
            }
            let s = s.join(" ") + ".";
            if upper {
                s.to_uppercase()
            } else {
                s
            }
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("align_pair");
    g.sample_size(10);
    for &n in &[100usize, 500, 2000] {
        let src = doc(n, 1, false);
        let tgt = doc(n, 1, true);
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| align_pair(&s, &t, Lang::En, Lang::De, &AlignConfig::default()))
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
