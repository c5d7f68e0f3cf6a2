//! Throughput of the scan stages on a generated mini-corpus: ingest, statement extraction,
//! language identification and grouping, each measured on its own.
//!
//! The corpus is `bench-data/1mb` when present (`cargo run --release --example gen_corpus --
//! --mb 1 --out bench-data/1mb`, or `scripts/bench.sh` makes it), else `corpora/sample`.
//!
//! `cargo bench --bench pipeline`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::diag::Diagnostics;
use polyalign::langid::{self, Lingua};
use polyalign::{group, ingest, statement};
use rayon::prelude::*;

fn corpus() -> PathBuf {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gen = root.join("bench-data/1mb");
    if gen.is_dir() {
        gen
    } else {
        eprintln!("note: bench-data/1mb missing, using corpora/sample");
        root.join("corpora/sample")
    }
}

fn bench(c: &mut Criterion) {
    let dir = corpus();
    let ing = ingest::ingest(std::slice::from_ref(&dir));
    let bytes = ing.bytes;
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes));
    g.bench_function("ingest", |b| {
        b.iter(|| ingest::ingest(black_box(std::slice::from_ref(&dir))))
    });
    g.bench_function("statements", |b| {
        b.iter(|| {
            let mut d = Diagnostics::default();
            statement::extract(black_box(&ing.pages), &mut d)
        })
    });
    let mut d = Diagnostics::default();
    let statements = statement::extract(&ing.pages, &mut d);
    g.bench_function("langid", |b| {
        b.iter(|| {
            let mut st = statements.clone();
            st.par_iter_mut()
                .map(|s| langid::identify_statement(s, &Lingua))
                .count()
        })
    });
    let mut st = statements.clone();
    st.par_iter_mut().for_each(|s| {
        langid::identify_statement(s, &Lingua);
    });
    g.bench_function("group", |b| b.iter(|| group::group(black_box(&st))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
