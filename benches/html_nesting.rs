//! HTML extraction time against nesting depth: a page of N nested `<div>`s (N = 100,000 is
//! 1.1 MB) around a title and two paragraphs. Linear parsing means the time per MB stays flat
//! as N doubles; before the depth filter (`src/ingest/html/depth.rs`) 100,000 levels took 31 s
//! and 200,000 took 133 s.
//!
//! `cargo bench --bench html_nesting`

use std::hint::black_box;
use std::time::Duration;

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};

/// `<div>` × n, a statement, `</div>` × n.
fn nested_page(n: usize) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>Deep page</title></head><body>{}<h1>Deeply nested statement</h1><p>First paragraph of the deep text.</p><p>Second paragraph of the deep text.</p>{}</body></html>",
        "<div>".repeat(n),
        "</div>".repeat(n)
    )
}

fn bench(c: &mut Criterion) {
    let mut g = c.benchmark_group("html_nesting");
    g.sample_size(10)
        .warm_up_time(Duration::from_millis(500))
        .measurement_time(Duration::from_secs(3));
    for n in [100_000, 200_000, 400_000] {
        let page = nested_page(n);
        g.throughput(Throughput::Bytes(page.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &page, |b, page| {
            b.iter(|| {
                let (blocks, _) = polyalign::ingest::html::extract(black_box(page));
                assert!(blocks
                    .iter()
                    .any(|b| b.text == "Second paragraph of the deep text."));
                blocks
            })
        });
    }
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
