//! A harder grouping set built from real five-language documents, and the pairwise grouping
//! precision and recall of polyalign on it.
//!
//! The NTREX-128 news documents and the Mozilla legal documents (in `../shared/data`) are rendered
//! as ministry pages in the seed format (date and time glued, title, switcher, paragraphs,
//! footer), with several statements per date, shuffled file names, some languages removed,
//! embassy pages that copy a statement in full and list teasers of others. The truth is known
//! by construction. Fixed seed: the same set every run.
//!
//! Run: `cargo run --release --example grouping_eval [SHARED_DATA_DIR] [OUT_DIR]`

#[path = "common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::{read_lines, Rng};
use polyalign::langid::Lingua;
use polyalign::model::Lang;
use polyalign::pipeline::{self, Config};

struct Doc {
    /// Per language: title and paragraphs.
    texts: BTreeMap<Lang, (String, Vec<String>)>,
}

fn date_line(l: Lang, y: i32, m: usize, d: usize, hh: usize, mm: usize) -> String {
    common::ministry_date(l, y, m, d, Some((hh, mm)))
}

fn load(shared: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    // NTREX: one document per run of equal ids; title = first sentence; paragraphs of 2 sentences.
    let ids = read_lines(&shared.join("ntrex128/DOCUMENT_IDS.tsv"));
    let files = common::NTREX_FILES;
    let lines: Vec<(Lang, Vec<String>)> = files
        .iter()
        .map(|(l, f)| (*l, read_lines(&shared.join("ntrex128").join(f))))
        .collect();
    let mut start = 0;
    for i in 1..=ids.len() {
        if i == ids.len() || ids[i] != ids[start] {
            let mut texts = BTreeMap::new();
            for (l, ls) in &lines {
                let title = ls[start].clone();
                let body: Vec<String> = ls[start + 1..i].chunks(2).map(|c| c.join(" ")).collect();
                texts.insert(*l, (title, body));
            }
            docs.push(Doc { texts });
            start = i;
        }
    }
    // Mozilla: title = first block without `#`, paragraphs = other blocks.
    if let Ok(rd) = std::fs::read_dir(shared.join("mozilla-legal-5lang/docs")) {
        let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for d in dirs {
            let mut texts = BTreeMap::new();
            for l in Lang::ALL {
                let t =
                    std::fs::read_to_string(d.join(format!("{}.md", l.code()))).unwrap_or_default();
                let blocks: Vec<String> = t
                    .split("\n\n")
                    .map(|b| b.trim().replace('\n', " "))
                    .filter(|b| !b.is_empty())
                    .collect();
                if blocks.is_empty() {
                    continue;
                }
                texts.insert(
                    l,
                    (
                        blocks[0].trim_start_matches('#').trim().to_string(),
                        blocks[1..].to_vec(),
                    ),
                );
            }
            docs.push(Doc { texts });
        }
    }
    docs
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shared = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let out = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("polyalign-grouping-eval"));
    let docs = load(&shared);
    if docs.is_empty() {
        eprintln!("no documents under {}", shared.display());
        std::process::exit(2);
    }
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // truth: (file name, title) → statement id.
    let mut truth: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut files: Vec<(String, String)> = Vec::new();
    let mut name_pool: Vec<usize> = (0..docs.len() * 8).collect();
    for i in (1..name_pool.len()).rev() {
        let j = rng.below(i + 1);
        name_pool.swap(i, j);
    }
    let mut next_name = 0;
    let mut fresh = |prefix: &str| {
        let n = name_pool[next_name];
        next_name += 1;
        format!("{prefix}{n:05}.txt")
    };
    let days = 20; // ~7 statements per date
    let mut dates = Vec::new();
    for (si, doc) in docs.iter().enumerate() {
        let day = rng.below(days);
        let (y, m, d) = (2021, 3 + day / 28, 1 + day % 28);
        let (hh, mm) = (8 + rng.below(10), rng.below(60));
        // Half of the statements carry no time, so the date alone cannot tell them apart.
        let timed = rng.chance(0.5);
        dates.push((y, m, d));
        // Languages present: English always; each other dropped with probability 0.15.
        let mut present: Vec<Lang> = doc
            .texts
            .keys()
            .copied()
            .filter(|&l| l == Lang::En || !rng.chance(0.15))
            .collect();
        if present.len() < 2 {
            present = doc.texts.keys().copied().collect();
        }
        let switcher = format!(
            "  • {}",
            doc.texts
                .keys()
                .map(|l| format!("{}1", l.default_tag()))
                .collect::<Vec<_>>()
                .join(" ")
        );
        for l in present {
            let (title, body) = &doc.texts[&l];
            let mut dl = date_line(l, y, m, d, hh, mm);
            if !timed {
                dl.truncate(dl.len() - 5);
            }
            let mut page = format!("{dl}\n\n{title}\n\n{switcher}\n\n");
            for p in body {
                page.push_str(p);
                page.push_str("\n\n");
            }
            page.push_str("Advanced settings\n");
            let f = fresh("m");
            std::fs::write(out.join(&f), page).unwrap();
            truth.insert((f.clone(), polyalign::text::normalize_line(title)), si);
            files.push((f, title.clone()));
        }
    }
    // Embassy pages: one in ten statements copied in full, with teasers of five others.
    for (si, doc) in docs.iter().enumerate() {
        if !rng.chance(0.1) {
            continue;
        }
        let (title, body) = &doc.texts[&Lang::En];
        let mut page = format!("15 July 2021\nMoscow: 21:06\nLondon: 19:06\n\nConsular queries:\n+44 (0) 20 7946 0321\n\n{} days have passed since the incident\u{a0}\u{a0}\u{a0}\n\n\n{title}\n\n", 100 + rng.below(900));
        for p in body {
            page.push_str(p);
            page.push_str("\n\n");
        }
        let f = fresh("e");
        truth.insert((f.clone(), polyalign::text::normalize_line(title)), si);
        page.push_str("LATEST EVENTS\n\n");
        for _ in 0..5 {
            let o = rng.below(docs.len());
            let (t, b) = &docs[o].texts[&Lang::En];
            let Some(lead) = b.first() else { continue };
            let (y, m, d) = dates[o];
            page.push_str(&format!("{d:02}.{m:02}.{y} - {t}\n\n{lead}\n\n"));
            truth.insert((f.clone(), polyalign::text::normalize_line(t)), o);
        }
        page.push_str("all messages\n");
        std::fs::write(out.join(&f), page).unwrap();
    }
    eprintln!(
        "{} documents rendered as {} files into {}",
        docs.len(),
        next_name,
        out.display()
    );

    let cfg = Config {
        inputs: vec![out.clone()],
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let res = pipeline::scan(&cfg, &Lingua);
    let secs = t0.elapsed().as_secs_f64();
    // Predicted group of every statement (versions and copies).
    let mut pred: BTreeMap<usize, usize> = BTreeMap::new();
    for (gi, g) in res.groups.iter().enumerate() {
        for &k in g.versions.values() {
            pred.insert(k, gi);
        }
        for d in &g.duplicates {
            pred.insert(d.copy, gi);
        }
    }
    let mut items: Vec<(usize, usize)> = Vec::new(); // (truth, predicted)
    let mut unknown = 0;
    for (k, s) in res.statements.iter().enumerate() {
        let name = s.file.rsplit('/').next().unwrap_or(&s.file).to_string();
        match (truth.get(&(name, s.title.clone())), pred.get(&k)) {
            (Some(&t), Some(&p)) => items.push((t, p)),
            _ => {
                unknown += 1;
                if std::env::var_os("POLYALIGN_DEBUG").is_some() {
                    eprintln!("unmatched: {} {:?} {:?}", s.file, s.kind, s.title);
                }
            }
        }
    }
    let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            let same_t = items[i].0 == items[j].0;
            let same_p = items[i].1 == items[j].1;
            match (same_t, same_p) {
                (true, true) => tp += 1,
                (false, true) => fp += 1,
                (true, false) => fneg += 1,
                _ => {}
            }
        }
    }
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    let truth_groups: BTreeSet<usize> = items.iter().map(|x| x.0).collect();
    println!("| statements | truth groups | predicted groups | pairwise precision | pairwise recall | unmatched statements | scan time |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| {} | {} | {} | {:.4} | {:.4} | {} | {:.1} s |",
        items.len(),
        truth_groups.len(),
        res.groups.len(),
        p,
        r,
        unknown,
        secs
    );
}
