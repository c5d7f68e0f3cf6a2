//! Throughput of the scan stages on a generated mini-corpus: ingest, statement extraction,
//! language identification and grouping, each measured on its own.
//!
//! The corpus is `bench-data/1mb` when present (`cargo run --release --example gen_corpus --
//! --mb 1 --out bench-data/1mb`, or `scripts/bench.sh` makes it), else `corpora/sample`.
//!
//! `cargo bench --bench pipeline`
//!
//! Before the criterion runs, one timed pass of every stage (including alignment and audit) is
//! printed. `POLYALIGN_BENCH_CORPUS=DIR` picks another corpus; `POLYALIGN_STAGES_ONLY=1` stops
//! after that pass (for large corpora).

use std::hint::black_box;
use std::path::{Path, PathBuf};
use std::time::Instant;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::diag::Diagnostics;
use polyalign::langid::{self, Lingua};
use polyalign::pipeline::{self, Config};
use polyalign::{audit, group, ingest, statement};
use rayon::prelude::*;

fn corpus() -> PathBuf {
    if let Some(d) = std::env::var_os("POLYALIGN_BENCH_CORPUS") {
        return PathBuf::from(d);
    }
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let gen = root.join("bench-data/1mb");
    if gen.is_dir() {
        gen
    } else {
        eprintln!("note: bench-data/1mb missing, using corpora/sample");
        root.join("corpora/sample")
    }
}

/// (current, peak) resident set size in MB, from /proc (0 where unavailable).
fn memory_mb() -> (u64, u64) {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|v| v.parse::<u64>().ok())
            .unwrap_or(0)
            / 1024
    };
    (field("VmRSS:"), field("VmHWM:"))
}

/// One timed pass of every stage, printed as a markdown table.
fn stage_times(dir: &Path) {
    let t = Instant::now();
    let lap = || t.elapsed().as_secs_f64();
    let mut rows: Vec<(&str, f64, (u64, u64))> = Vec::new();
    let mut last = 0.0;
    let mut mark = |name: &'static str, rows: &mut Vec<(&str, f64, (u64, u64))>| {
        let now = lap();
        rows.push((name, now - last, memory_mb()));
        last = now;
    };
    let ing = ingest::ingest(&[dir.to_path_buf()]);
    mark("ingest (read, decode, normalise, blocks)", &mut rows);
    let mut d = Diagnostics::default();
    let mut st = statement::extract(&ing.pages, &mut d);
    mark("statements", &mut rows);
    let mut ls = langid::LangIdStats::default();
    let stats: Vec<langid::LangIdStats> = st
        .par_iter_mut()
        .map(|s| langid::identify_statement(s, &Lingua))
        .collect();
    for s in &stats {
        ls.add(s);
    }
    mark("language identification", &mut rows);
    let g = group::group(&st);
    mark("grouping", &mut rows);
    // As in `pipeline::scan`, the pages live until grouping is done.
    let (in_bytes, n_pages) = (ing.bytes, ing.pages.len());
    drop(ing);
    mark("(pages dropped)", &mut rows);
    let cfg = Config::default();
    let a = pipeline::align_groups(&st, &g.groups, &cfg);
    mark("alignment (paragraphs, sentences, N-way)", &mut rows);
    let _audit = audit::audit(&st, &g.groups, &a.units, a.pivot, &a.stats);
    mark("audit", &mut rows);
    let total: f64 = rows.iter().map(|r| r.1).sum();
    let mb = in_bytes as f64 / 1e6;
    eprintln!(
        "{}: {:.1} MB, {} pages, {} statements, {} groups, {} units; lingua on {} of {} paragraphs, {} bytes",
        dir.display(),
        mb,
        n_pages,
        st.len(),
        g.groups.len(),
        a.units.len(),
        ls.lingua,
        ls.paragraphs,
        ls.lingua_bytes
    );
    eprintln!("| stage | seconds | share | RSS after (MB) | peak RSS so far (MB) |");
    eprintln!("|---|---|---|---|---|");
    for (n, s, (rss, hwm)) in &rows {
        eprintln!(
            "| {n} | {s:.2} | {:.0}% | {rss} | {hwm} |",
            100.0 * s / total
        );
    }
    eprintln!(
        "| total (without export) | {total:.2} | {:.2} MB/s |",
        mb / total
    );
}

fn bench(c: &mut Criterion) {
    let dir = corpus();
    stage_times(&dir);
    if std::env::var_os("POLYALIGN_STAGES_ONLY").is_some() {
        return;
    }
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
