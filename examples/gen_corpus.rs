//! Generates a page corpus of a requested size for benchmarks, reproducibly (fixed seed).
//!
//! Statements come from real five-language documents in `../shared/data` when it is present
//! (NTREX-128 news documents grouped by `DOCUMENT_IDS.tsv`, Mozilla legal documents, UN dev-set
//! documents grouped by their ids), else from the statements of `corpora/sample`. Each generated
//! statement is a variation of a base document: a window of its paragraphs (a few swapped, the
//! same way in every language), its digits rotated (the same way in every language, so numbers
//! stay evidence for grouping), a date and maybe a time. Pages are rendered in the seed format
//! (see `examples/grouping_eval.rs`): ministry pages per language with the date and time glued,
//! title, language switcher, paragraphs and footer; embassy pages with header, banner, a main
//! statement copied in full, teasers of other statements and footer. About seven statements
//! share each date, and copies of one base document are kept weeks apart, so grouping and
//! alignment do real work and the truth stays unambiguous.
//!
//! Run: `cargo run --release --example gen_corpus -- --mb 100 --out bench-data/100mb [--shared DIR] [--seed N]`

#[path = "common/mod.rs"]
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use common::{read_lines, Rng};
use polyalign::langid::Lingua;
use polyalign::model::Lang;
use polyalign::pipeline::{self, Config};

/// A base document: per language, title and paragraphs (paragraph i is the same in every
/// language).
struct Doc {
    texts: BTreeMap<Lang, (String, Vec<String>)>,
}

/// Days since 2010-01-01 → (year, month, day), on a simple 28-day-month calendar would repeat
/// dates; use the real calendar instead.
fn civil(days: usize) -> (i32, usize, usize) {
    let mut y = 2010;
    let mut d = days;
    loop {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let len = if leap { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let ml = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= ml[m] {
        d -= ml[m];
        m += 1;
    }
    (y, m + 1, d + 1)
}

fn date_line(l: Lang, y: i32, m: usize, d: usize, time: Option<(usize, usize)>) -> String {
    common::ministry_date(l, y, m, d, time)
}

/// Documents from `shared` (NTREX, Mozilla, UN dev set); empty when absent.
fn load_shared(shared: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    // NTREX: one document per run of equal ids; title = first sentence; paragraphs of 2 sentences.
    let ids = read_lines(&shared.join("ntrex128/DOCUMENT_IDS.tsv"));
    let files = common::NTREX_FILES;
    let lines: Vec<(Lang, Vec<String>)> = files
        .iter()
        .map(|(l, f)| (*l, read_lines(&shared.join("ntrex128").join(f))))
        .filter(|(_, v)| v.len() >= ids.len() && !v.is_empty())
        .collect();
    if lines.len() == files.len() {
        let mut start = 0;
        for i in 1..=ids.len() {
            if i == ids.len() || ids[i] != ids[start] {
                let mut texts = BTreeMap::new();
                for (l, ls) in &lines {
                    let title = ls[start].clone();
                    let body: Vec<String> =
                        ls[start + 1..i].chunks(2).map(|c| c.join(" ")).collect();
                    texts.insert(*l, (title, body));
                }
                docs.push(Doc { texts });
                start = i;
            }
        }
    }
    // Mozilla: title = first block, paragraphs = the other blocks; long documents are cut into
    // statements of at most 20 paragraphs (block i is the same block in every language).
    if let Ok(rd) = std::fs::read_dir(shared.join("mozilla-legal-5lang/docs")) {
        let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
        dirs.sort();
        for d in dirs {
            let mut per_lang: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
            for l in Lang::ALL {
                let t =
                    std::fs::read_to_string(d.join(format!("{}.md", l.code()))).unwrap_or_default();
                let blocks: Vec<String> = t
                    .split("\n\n")
                    .map(|b| b.trim().trim_start_matches('#').trim().replace('\n', " "))
                    .filter(|b| !b.is_empty())
                    .collect();
                if blocks.len() >= 3 {
                    per_lang.insert(l, blocks);
                }
            }
            // Only blocks present in every language line up; cut to the shortest.
            let Some(n) = per_lang.values().map(Vec::len).min() else {
                continue;
            };
            let mut start = 1;
            while start + 2 < n {
                let end = (start + 20).min(n);
                let mut texts = BTreeMap::new();
                for (l, b) in &per_lang {
                    texts.insert(*l, (b[start - 1].clone(), b[start..end].to_vec()));
                }
                docs.push(Doc { texts });
                start = end + 1;
            }
        }
    }
    // UN dev set (en, es, fr, ru): lines grouped by document id; title = first sentence,
    // paragraphs of 2 sentences.
    let un = shared.join("un-v1-dev");
    let uids: Vec<String> = read_lines(&un.join("UNv1.0.devset.ids"))
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or("").to_string())
        .collect();
    let ul: Vec<(Lang, Vec<String>)> = [Lang::En, Lang::Es, Lang::Fr, Lang::Ru]
        .into_iter()
        .map(|l| {
            (
                l,
                read_lines(&un.join(format!("UNv1.0.devset.{}", l.code()))),
            )
        })
        .filter(|(_, v)| v.len() >= uids.len() && !v.is_empty())
        .collect();
    if ul.len() == 4 {
        let mut start = 0;
        for i in 1..=uids.len() {
            if i == uids.len() || uids[i] != uids[start] || i - start >= 25 {
                if i - start >= 4 {
                    let mut texts = BTreeMap::new();
                    for (l, ls) in &ul {
                        let body: Vec<String> =
                            ls[start + 1..i].chunks(2).map(|c| c.join(" ")).collect();
                        texts.insert(*l, (ls[start].clone(), body));
                    }
                    docs.push(Doc { texts });
                }
                start = i;
            }
        }
    }
    docs
}

/// Documents from the statements of `corpora/sample`, grouped by polyalign itself.
fn load_sample(dir: &Path) -> Vec<Doc> {
    let cfg = Config {
        inputs: vec![dir.to_path_buf()],
        ..Default::default()
    };
    let res = pipeline::scan(&cfg, &Lingua);
    let mut docs = Vec::new();
    for g in &res.groups {
        let full: BTreeMap<Lang, usize> = pipeline::aligned_versions(g, &res.statements);
        if full.len() < 2 {
            continue;
        }
        let n = full
            .values()
            .map(|&k| res.statements[k].paragraphs.len())
            .min()
            .unwrap_or(0);
        if n == 0 {
            continue;
        }
        let texts = full
            .iter()
            .map(|(&l, &k)| {
                let s = &res.statements[k];
                (
                    l,
                    (
                        s.title.clone(),
                        s.paragraphs.iter().map(|p| p.text.clone()).collect(),
                    ),
                )
            })
            .collect();
        docs.push(Doc { texts });
    }
    docs
}

/// Rotates every digit by `k` (same in every language: numbers stay shared evidence).
fn rotate_digits(s: &str, k: u8) -> String {
    if k == 0 {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '0'..='9' => (b'0' + (c as u8 - b'0' + k) % 10) as char,
            _ => c,
        })
        .collect()
}

/// One generated statement: the versions (title, paragraphs) and its date.
struct Gen {
    texts: BTreeMap<Lang, (String, Vec<String>)>,
    date: (i32, usize, usize),
    time: Option<(usize, usize)>,
}

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
    let mut docs = load_shared(&shared);
    let source = if docs.is_empty() {
        docs = load_sample(&PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpora/sample"));
        "corpora/sample"
    } else {
        "shared data"
    };
    if docs.is_empty() {
        eprintln!("no base documents found");
        std::process::exit(2);
    }
    let target = (mb * 1e6) as usize;
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).expect("create output folder");
    let mut rng = Rng(seed);
    // Each round uses every base document once, spread over a window of days so that about 7
    // statements share a date; rounds do not overlap (copies of a document stay weeks apart).
    let window = (docs.len() / 7).max(3);
    let mut written = 0usize;
    let mut files = 0usize;
    let mut statements = 0usize;
    let mut recent: Vec<usize> = Vec::new(); // generated statements for teasers
    let mut gens: Vec<Gen> = Vec::new();
    let mut round = 0usize;
    let write = |name: &str, page: &str, files: &mut usize, written: &mut usize| {
        // 1000 files per folder.
        let sub = out.join(format!("{:04}", *files / 1000));
        if *files % 1000 == 0 {
            std::fs::create_dir_all(&sub).expect("create folder");
        }
        std::fs::write(sub.join(name), page).expect("write page");
        *files += 1;
        *written += page.len();
    };
    'outer: loop {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        for &di in &order {
            if written >= target {
                break 'outer;
            }
            let doc = &docs[di];
            let day = round * (window + 2) + rng.below(window);
            let date = civil(day);
            let time = rng.chance(0.6).then(|| (8 + rng.below(11), rng.below(60)));
            let n = doc.texts.values().map(|t| t.1.len()).min().unwrap_or(0);
            // A window of paragraphs (whole document in the first round).
            let (s, e) = if round == 0 || n <= 3 {
                (0, n)
            } else {
                let len = 3 + rng.below(n - 2);
                let s = rng.below(n - len + 1);
                (s, s + len)
            };
            let mut idx: Vec<usize> = (s..e).collect();
            if idx.len() >= 4 && rng.chance(0.5) {
                let a = 1 + rng.below(idx.len() - 1);
                idx.swap(a - 1, a);
            }
            let k = (round % 10) as u8;
            let mut texts = BTreeMap::new();
            for (l, (t, ps)) in &doc.texts {
                let body: Vec<String> = idx.iter().map(|&i| rotate_digits(&ps[i], k)).collect();
                texts.insert(*l, (rotate_digits(t, k), body));
            }
            // Languages present: English (or the first) always; each other dropped at 15%.
            let first = if texts.contains_key(&Lang::En) {
                Lang::En
            } else {
                *texts.keys().next().expect("a language")
            };
            let present: Vec<Lang> = texts
                .keys()
                .copied()
                .filter(|&l| l == first || !rng.chance(0.15))
                .collect();
            let switcher = format!(
                "  • {}",
                texts
                    .keys()
                    .map(|l| format!("{}1", l.default_tag()))
                    .collect::<Vec<_>>()
                    .join(" ")
            );
            let (y, m, d) = date;
            for l in present {
                let (title, body) = &texts[&l];
                let dl = date_line(l, y, m, d, time);
                let mut page = format!("{dl}\n\n{title}\n\n{switcher}\n\n");
                for p in body {
                    page.push_str(p);
                    page.push_str("\n\n");
                }
                page.push_str("Advanced settings\n");
                write(&format!("m{files:06}.txt"), &page, &mut files, &mut written);
            }
            statements += 1;
            let gi = gens.len();
            gens.push(Gen { texts, date, time });
            recent.push(gi);
            // Embassy page: one statement in ten copied in full (English or its first
            // language), with teasers of five recent statements.
            if rng.chance(0.1) {
                let g = &gens[gi];
                let (l, (title, body)) = g
                    .texts
                    .get_key_value(&Lang::En)
                    .or_else(|| g.texts.iter().next())
                    .expect("a language");
                let (hh, mm) = g.time.unwrap_or((12, 0));
                let mut page = format!(
                    "{d} {} {y}\nMoscow: {:02}:{mm:02}\nLondon: {hh:02}:{mm:02}\n\nConsular queries:\n+44 (0) 20 7946 0321\n\n{} days have passed since the incident\u{a0}\u{a0}\u{a0}\n\n\n{title}\n\n",
                    polyalign::date::month_name(Lang::En, g.date.1 as u8),
                    (hh + 3) % 24,
                    100 + rng.below(900)
                );
                for p in body {
                    page.push_str(p);
                    page.push_str("\n\n");
                }
                page.push_str("LATEST EVENTS\n\n");
                for _ in 0..5 {
                    let o = recent[recent.len() - 1 - rng.below(recent.len().min(40))];
                    let Some((t, b)) = gens[o].texts.get(l) else {
                        continue;
                    };
                    let Some(lead) = b.first() else { continue };
                    let (y, m, d) = gens[o].date;
                    page.push_str(&format!("{d:02}.{m:02}.{y} - {t}\n\n{lead}\n\n"));
                }
                page.push_str("all messages\n");
                write(&format!("e{files:06}.txt"), &page, &mut files, &mut written);
            }
            // Keep memory bounded: only recent statements are teased.
            if gens.len() > 200 {
                gens.drain(..100);
                recent.retain(|&r| r >= 100);
                for r in recent.iter_mut() {
                    *r -= 100;
                }
            }
        }
        round += 1;
    }
    eprintln!(
        "{} bytes, {} files, {} statements ({} base documents from {}) into {}",
        written,
        files,
        statements,
        docs.len(),
        source,
        out.display()
    );
}
