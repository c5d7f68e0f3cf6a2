//! Language identification of paragraphs: polyalign's policy (statement-level decision, script
//! and stop-word checks, lingua only where in doubt) against lingua on every paragraph, on a
//! fixed set: the statements of `bench-data/1mb` when present (see benches/pipeline.rs), else
//! of `corpora/sample`. Prints the agreement and lingua's share of the bytes once.
//!
//! `cargo bench --bench langid`

use std::hint::black_box;
use std::path::PathBuf;

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use polyalign::diag::Diagnostics;
use polyalign::langid::{self, Identifier, Lingua};
use polyalign::model::Statement;
use polyalign::{ingest, statement};

fn statements() -> Vec<Statement> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let mut dir = root.join("bench-data/1mb");
    if !dir.is_dir() {
        eprintln!("note: bench-data/1mb missing, using corpora/sample");
        dir = root.join("corpora/sample");
    }
    let ing = ingest::ingest(&[dir]);
    let mut d = Diagnostics::default();
    statement::extract(&ing.pages, &mut d)
}

fn long_enough(t: &str) -> bool {
    t.chars().filter(|c| c.is_alphabetic()).count() >= langid::MIN_LETTERS
}

fn bench(c: &mut Criterion) {
    let sts = statements();
    let bytes: usize = sts
        .iter()
        .flat_map(|s| s.paragraphs.iter().map(|p| p.text.len()))
        .sum();
    // Agreement with lingua on every (long enough) paragraph, once.
    let mut ours = sts.clone();
    let mut stats = langid::LangIdStats::default();
    for s in ours.iter_mut() {
        stats.add(&langid::identify_statement(s, &Lingua));
    }
    let (mut judged, mut agree) = (0usize, 0usize);
    for s in &ours {
        for p in &s.paragraphs {
            if !long_enough(&p.text) {
                continue;
            }
            if let Some((l, _)) = Lingua.identify(&p.text) {
                judged += 1;
                agree += usize::from(p.lang == Some(l));
            }
        }
    }
    eprintln!(
        "langid: {} paragraphs, {} bytes; lingua ran on {} paragraphs, {} bytes ({:.1}%); agreement with lingua on every paragraph {:.2}% of {}",
        stats.paragraphs,
        bytes,
        stats.lingua,
        stats.lingua_bytes,
        100.0 * stats.lingua_bytes as f64 / bytes.max(1) as f64,
        100.0 * agree as f64 / judged.max(1) as f64,
        judged
    );
    let mut g = c.benchmark_group("langid");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes as u64));
    g.bench_function("policy", |b| {
        b.iter(|| {
            let mut st = sts.clone();
            for s in st.iter_mut() {
                black_box(langid::identify_statement(s, &Lingua));
            }
        })
    });
    g.bench_function("lingua_every_paragraph", |b| {
        b.iter(|| {
            for s in &sts {
                for p in &s.paragraphs {
                    if long_enough(&p.text) {
                        black_box(Lingua.identify(&p.text));
                    }
                }
            }
        })
    });
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
