//! How much body text statement extraction keeps and how much chrome it lets in, on pages built
//! from real documents.
//!
//! Statements come from the UN dev set (runs of ten consecutive lines, several documents each,
//! with their short lines: `Other matters`, `Agenda item 2`, `3 December`), NTREX-128 news and
//! the Mozilla legal documents (`../shared/data`). Their bodies are made harder the way real
//! sites make them: UN headings recur in the bodies of a third of the statements (first, middle
//! or last paragraph), dates stand as paragraphs, titles are repeated as first paragraph,
//! paragraphs of other statements are quoted, short last paragraphs (`Thank you.`) end some.
//! Each statement is rendered as text pages in the seed format (a ministry page per language;
//! for a quarter of them an embassy copy with header, banner, section label, teasers and
//! footer: republished) and as HTML pages (cookie banner, site header with menu and language
//! switcher, `<main><article>` or `<main>` or `#content`, share bar, teaser list, asides,
//! footer; a quarter republished in another layout). Fixed seed.
//!
//! For each set: body-paragraph recall (the main statement's paragraphs of every page, as a
//! multiset, found among the paragraphs extracted from that page), chrome leakage (chrome
//! blocks of the page found in any statement of it), titles right, `[no-body]` and
//! `[no-statement]` counts. Misses are listed by what the paragraph was.
//!
//! Run: `cargo run --release --example extract_eval [SHARED_DATA_DIR] [--out DIR]`
//! (`--out` also writes the pages, for `polyalign scan DIR/text --removed`).

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::evalset::{evaluate, html_pages, statements, text_pages};
use common::{docs, Rng};
use polyalign::model::Lang;

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut out: Option<PathBuf> = None;
    let mut i = 1;
    while i < args.len() {
        if args[i] == "--out" {
            out = args.get(i + 1).map(PathBuf::from);
            i += 2;
        } else {
            shared = PathBuf::from(&args[i]);
            i += 1;
        }
    }
    let mut rng = Rng(0x5EED_C0DE_2024_0012);
    let mut base = docs::un_runs(&shared, 10);
    let un = base.len();
    base.extend(docs::ntrex(&shared));
    base.extend(docs::mozilla(&shared));
    let headings_all = docs::un_headings(&shared);
    if base.is_empty() || headings_all.is_empty() {
        eprintln!("no documents under {}", shared.display());
        std::process::exit(2);
    }
    // A pool of twelve headings, so that each recurs on many pages.
    let headings: Vec<_> = (0..12)
        .map(|_| headings_all[rng.below(headings_all.len())].clone())
        .collect();
    let stmts = statements(&base, &headings, &mut rng);
    let sets = [
        ("text", text_pages(&stmts, &mut rng)),
        ("html", html_pages(&stmts, &mut rng)),
    ];
    if let Some(dir) = &out {
        let _ = std::fs::remove_dir_all(dir);
        for (_, set) in &sets {
            for t in set {
                let p = dir.join(&t.name);
                std::fs::create_dir_all(p.parent().expect("a folder")).expect("create folder");
                std::fs::write(&p, &t.r.text).expect("write page");
            }
        }
    }
    println!(
        "{} statements ({} UN runs, {} NTREX/Mozilla documents), headings pool: {}",
        stmts.len(),
        un,
        base.len() - un,
        headings
            .iter()
            .filter_map(|h| h.get(&Lang::En).map(|s| format!("{s:?}")))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "| set | pages | with a recurring heading | body paragraphs | extracted | recall | extra paragraphs | chrome blocks | leaked | titles right | dates right | no-body | no-statement |"
    );
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    let mut details = Vec::new();
    for (name, set) in &sets {
        let f = evaluate(set);
        println!(
            "| {name} | {} | {:.1}% | {} | {} | {:.3}% | {} | {} | {} ({:.2}%) | {:.2}% | {:.2}% of {} | {} | {} |",
            f.pages,
            100.0 * f.pages_with_heading as f64 / f.pages.max(1) as f64,
            f.paragraphs,
            f.found,
            100.0 * f.found as f64 / f.paragraphs.max(1) as f64,
            f.extra,
            f.chrome,
            f.leaked,
            100.0 * f.leaked as f64 / f.chrome.max(1) as f64,
            100.0 * f.titles_right as f64 / f.pages.max(1) as f64,
            100.0 * f.dates_right as f64 / f.dated.max(1) as f64,
            f.dated,
            f.no_body,
            f.no_statement
        );
        details.push((name, f));
    }
    for (name, f) in details {
        if !f.missed.is_empty() {
            println!("\n{name}: missed by kind: {:?}", f.missed);
            for e in &f.examples {
                println!("  {e}");
            }
        }
        if !f.leak_examples.is_empty() {
            println!("{name}: chrome leaked:");
            for e in &f.leak_examples {
                println!("  {e}");
            }
        }
    }
}
