//! Language-identification accuracy and speed, measured on third-party data in `../shared/data`:
//! lingua's own test sentences (de/en/es/fr/ru) and the paragraphs of the Mozilla legal documents
//! and NTREX news documents. Compares polyalign's policy (script and stop-word checks, lingua
//! only where in doubt) with running lingua on every item.
//!
//! Run: `cargo run --release --example langid_eval [SHARED_DIR]`

use std::path::{Path, PathBuf};
use std::time::Instant;

use polyalign::langid::{self, Identifier, Lingua};
use polyalign::model::{Lang, Statement, StatementKind};

fn eval(name: &str, items: &[(Lang, String)]) {
    let bytes: usize = items.iter().map(|i| i.1.len()).sum();
    let t = Instant::now();
    let lingua: Vec<Option<Lang>> = items
        .iter()
        .map(|(_, s)| Lingua.identify(s).map(|x| x.0))
        .collect();
    let tl = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let ours: Vec<Option<Lang>> = items
        .iter()
        .map(|(_, s)| langid::identify_text(s, &Lingua).map(|x| x.0))
        .collect();
    let to = t.elapsed().as_secs_f64();
    let acc = |v: &[Option<Lang>]| {
        v.iter()
            .zip(items)
            .filter(|(p, (l, _))| **p == Some(*l))
            .count() as f64
            / items.len() as f64
    };
    let agree =
        lingua.iter().zip(&ours).filter(|(a, b)| a == b).count() as f64 / items.len() as f64;
    println!(
        "| {name} | {} | {:.2}% | {:.2}% | {:.2}% | {:.2} MB/s | {:.2} MB/s |",
        items.len(),
        100.0 * acc(&lingua),
        100.0 * acc(&ours),
        100.0 * agree,
        bytes as f64 / 1e6 / tl,
        bytes as f64 / 1e6 / to
    );
}

/// Paragraph-level policy inside statements (what the pipeline does): statement language first,
/// paragraphs inherit unless their own evidence disagrees.
fn eval_statements(name: &str, docs: &[(Lang, Vec<String>)]) {
    let items: Vec<(Lang, String)> = docs
        .iter()
        .flat_map(|(l, ps)| ps.iter().map(move |p| (*l, p.clone())))
        .collect();
    let bytes: usize = items.iter().map(|i| i.1.len()).sum();
    let t = Instant::now();
    let lingua: Vec<Option<Lang>> = items
        .iter()
        .map(|(_, s)| {
            if s.chars().filter(|c| c.is_alphabetic()).count() < langid::MIN_LETTERS {
                None
            } else {
                Lingua.identify(s).map(|x| x.0)
            }
        })
        .collect();
    let tl = t.elapsed().as_secs_f64();
    let t = Instant::now();
    let mut ours = Vec::new();
    let mut stats = langid::LangIdStats::default();
    for (_, ps) in docs {
        let texts: Vec<&str> = ps.iter().map(String::as_str).collect();
        let mut st = Statement {
            kind: StatementKind::Document,
            ..Statement::plain("", "", &texts)
        };
        stats.add(&langid::identify_statement(&mut st, &Lingua));
        ours.extend(st.paragraphs.iter().map(|p| p.lang));
    }
    let to = t.elapsed().as_secs_f64();
    // Short paragraphs: lingua's guess is not meaningful; compare where lingua answered.
    let judged: Vec<usize> = (0..items.len()).filter(|&i| lingua[i].is_some()).collect();
    let acc_l = judged
        .iter()
        .filter(|&&i| lingua[i] == Some(items[i].0))
        .count() as f64
        / judged.len() as f64;
    let acc_o = (0..items.len())
        .filter(|&i| ours[i] == Some(items[i].0))
        .count() as f64
        / items.len() as f64;
    let agree =
        judged.iter().filter(|&&i| lingua[i] == ours[i]).count() as f64 / judged.len() as f64;
    println!(
        "| {name} (in statements) | {} | {:.2}% | {:.2}% | {:.2}% | {:.2} MB/s | {:.2} MB/s |",
        items.len(),
        100.0 * acc_l,
        100.0 * acc_o,
        100.0 * agree,
        bytes as f64 / 1e6 / tl,
        bytes as f64 / 1e6 / to
    );
    eprintln!(
        "  {name}: lingua ran on {} of {} paragraphs ({} of {} bytes)",
        stats.lingua, stats.paragraphs, stats.lingua_bytes, bytes
    );
}

fn read_lines(p: &Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .map(|s| {
            s.lines()
                .map(|l| l.trim_end_matches('\r').to_string())
                .filter(|l| !l.trim().is_empty())
                .collect()
        })
        .unwrap_or_default()
}

fn main() {
    let shared = std::env::args()
        .nth(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    if !shared.is_dir() {
        eprintln!(
            "no data at {}: pass the path of shared/data",
            shared.display()
        );
        std::process::exit(2);
    }
    println!("| data | items | lingua on every item | polyalign | agreement | lingua speed | polyalign speed |");
    println!("|---|---|---|---|---|---|---|");
    let mut sentences = Vec::new();
    for l in Lang::ALL {
        for s in read_lines(&shared.join(format!("lingua-testdata/sentences/{}.txt", l.code()))) {
            sentences.push((l, s));
        }
    }
    eval("lingua test sentences", &sentences);
    // Mozilla: paragraphs (blank-line blocks) of every document.
    let mut moz_docs = Vec::new();
    if let Ok(rd) = std::fs::read_dir(shared.join("mozilla-legal-5lang/docs")) {
        let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for d in dirs {
            for l in Lang::ALL {
                let text =
                    std::fs::read_to_string(d.join(format!("{}.md", l.code()))).unwrap_or_default();
                let paras: Vec<String> = text
                    .split("\n\n")
                    .map(|p| p.trim().to_string())
                    .filter(|p| !p.is_empty())
                    .collect();
                moz_docs.push((l, paras));
            }
        }
    }
    let moz: Vec<(Lang, String)> = moz_docs
        .iter()
        .flat_map(|(l, ps)| ps.iter().map(move |p| (*l, p.clone())))
        .filter(|(_, p)| p.chars().filter(|c| c.is_alphabetic()).count() >= langid::MIN_LETTERS)
        .collect();
    eval("Mozilla paragraphs", &moz);
    eval_statements("Mozilla paragraphs", &moz_docs);
    // NTREX: documents by DOCUMENT_IDS.tsv, one sentence per line.
    let ids = read_lines(&shared.join("ntrex128/DOCUMENT_IDS.tsv"));
    let files = [
        (Lang::De, "newstest2019-ref.deu.txt"),
        (Lang::En, "newstest2019-src.eng.txt"),
        (Lang::Es, "newstest2019-ref.spa.txt"),
        (Lang::Fr, "newstest2019-ref.fra.txt"),
        (Lang::Ru, "newstest2019-ref.rus.txt"),
    ];
    let mut nt_docs = Vec::new();
    for (l, f) in files {
        let lines = read_lines(&shared.join("ntrex128").join(f));
        let mut cur: Vec<String> = Vec::new();
        for (i, line) in lines.iter().enumerate() {
            if i > 0 && ids.get(i) != ids.get(i - 1) {
                nt_docs.push((l, std::mem::take(&mut cur)));
            }
            cur.push(line.clone());
        }
        nt_docs.push((l, cur));
    }
    let nt: Vec<(Lang, String)> = nt_docs
        .iter()
        .flat_map(|(l, ps)| ps.iter().map(move |p| (*l, p.clone())))
        .collect();
    eval("NTREX sentences", &nt);
    eval_statements("NTREX sentences", &nt_docs);
}
