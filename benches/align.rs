//! Criterion benchmarks of the aligner on synthetic documents: one document pair of growing
//! size (exact DP for the small ones, banded coarse-to-fine search for the larger ones), a
//! corpus of many short pairs (the pipeline's paragraph level: learning on a sample, one pass
//! over all), feature extraction, and Model 1 training.
//!
//! `cargo bench --bench align`. The end-to-end figures are in BENCHMARKS.md
//! (`scripts/bench.sh`, `scripts/longdoc.py`, `examples/align_stage.rs`).

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use polyalign::align::features::{self, SegFeatures};
use polyalign::align::lexicon::train_model1;
use polyalign::align::{align_corpus, align_pair, AlignConfig, PairJob};
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

fn refs(v: &[String]) -> Vec<&str> {
    v.iter().map(String::as_str).collect()
}

fn pair(c: &mut Criterion) {
    let mut g = c.benchmark_group("align_pair");
    g.sample_size(10);
    for &n in &[100usize, 500, 2000] {
        let src = doc(n, 1, false);
        let tgt = doc(n, 1, true);
        let (s, t) = (refs(&src), refs(&tgt));
        g.bench_with_input(BenchmarkId::from_parameter(n), &n, |b, _| {
            b.iter(|| align_pair(&s, &t, Lang::En, Lang::De, &AlignConfig::default()))
        });
    }
    g.finish();
}

/// 600 pairs of 4–14 paragraphs in one language pair: enough jobs for the sampled first pass.
fn corpus(c: &mut Criterion) {
    let docs: Vec<(Vec<String>, Vec<String>)> = (0..600u64)
        .map(|k| {
            let n = 4 + (k % 11) as usize;
            (doc(n, k + 7, false), doc(n, k + 7, true))
        })
        .collect();
    let jobs: Vec<PairJob> = docs
        .iter()
        .map(|(s, t)| PairJob {
            src_lang: Lang::En,
            tgt_lang: Lang::Fr,
            src: refs(s),
            tgt: refs(t),
        })
        .collect();
    let mut g = c.benchmark_group("align_corpus");
    g.sample_size(10);
    g.bench_function("600 jobs", |b| {
        b.iter(|| align_corpus(&jobs, &AlignConfig::default()))
    });
    g.finish();
}

fn extract(c: &mut Criterion) {
    let text = doc(2000, 3, false);
    let bytes: usize = text.iter().map(String::len).sum();
    let mut g = c.benchmark_group("features");
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("extract 2000 sentences", |b| {
        b.iter(|| features::extract_all(&refs(&text)))
    });
    g.finish();
}

fn model1(c: &mut Criterion) {
    let f =
        |v: Vec<String>| -> Vec<SegFeatures> { v.iter().map(|s| features::extract(s)).collect() };
    let (src, tgt) = (f(doc(2000, 5, false)), f(doc(2000, 5, true)));
    let pairs: Vec<(&[u64], &[u64])> = src
        .iter()
        .zip(&tgt)
        .map(|(a, b)| (a.stems.as_slice(), b.stems.as_slice()))
        .collect();
    let mut g = c.benchmark_group("model1");
    g.sample_size(10);
    g.bench_function("2000 sentence pairs, 5 iterations", |b| {
        b.iter(|| train_model1(&pairs, 5, 0.2))
    });
    g.finish();
}

criterion_group!(benches, pair, corpus, extract, model1);
criterion_main!(benches);
