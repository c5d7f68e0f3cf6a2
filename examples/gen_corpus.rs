//! Generates a page corpus of a requested size for benchmarks, reproducibly (fixed seed).
//!
//! Statements come from real five-language documents in `../shared/data` when it is present
//! (NTREX-128 news documents grouped by `DOCUMENT_IDS.tsv`, Mozilla legal documents, UN dev-set
//! documents grouped by their ids), else from the statements of `corpora/sample`. The pages and
//! how they vary are described in `examples/common/corpus.rs` (the same code renders them for
//! the "nothing lost" test in `tests/suite/generated.rs`).
//!
//! Run: `cargo run --release --example gen_corpus -- --mb 100 --out bench-data/100mb [--shared DIR] [--seed N]`

#[path = "common/mod.rs"]
mod common;

use std::path::PathBuf;

use common::{corpus, docs};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut mb = 10.0f64;
    let mut out = PathBuf::from("bench-data/10mb");
    let mut shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut seed = 0x9E37_79B9_7F4A_7C15u64;
    let mut i = 1;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--mb" => mb = v.parse().expect("--mb takes a number"),
            "--out" => out = PathBuf::from(v),
            "--shared" => shared = PathBuf::from(v),
            "--seed" => seed = v.parse().expect("--seed takes an integer"),
            other => {
                eprintln!("unknown argument {other}; usage: gen_corpus --mb N --out DIR [--shared DIR] [--seed N]");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let mut base = docs::ntrex(&shared);
    base.extend(docs::mozilla(&shared));
    base.extend(docs::un_by_document(&shared));
    let source = if base.is_empty() {
        base = docs::sample(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpora/sample"));
        "corpora/sample"
    } else {
        "shared data"
    };
    if base.is_empty() {
        eprintln!("no base documents found");
        std::process::exit(2);
    }
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("create output folder");
    let mut files = 0usize;
    let made = corpus::generate(&base, (mb * 1e6) as usize, seed, &mut |kind, page| {
        // 1000 files per folder.
        let sub = out.join(format!("{:04}", files / 1000));
        if files % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create folder");
        }
        std::fs::write(sub.join(format!("{kind}{files:06}.txt")), &page.text).expect("write page");
        files += 1;
    });
    eprintln!(
        "{} bytes, {} files, {} statements ({} base documents from {}) into {}",
        made.bytes,
        made.files,
        made.statements,
        base.len(),
        source,
        out.display()
    );
}
