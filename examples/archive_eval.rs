//! Grouping and audit under real archive conditions (see `examples/common/archive.rs`): two
//! page sets built from real documents in `../shared/data` plus our own five-language
//! templates, with the truth known by construction, and polyalign's figures on them.
//!
//! - `archive`: every statement in Russian, English for about half, the other languages far
//!   less, 20–40 statements a day, translations 0–3 days late, switchers that list the
//!   published languages, every language, or nothing; templates that differ only in names and
//!   numbers; recurring headings; content ids on one site's HTML pages.
//! - `multi`: statements in three to five languages, about eleven a day, English first.
//!
//! Figures: pairwise precision and recall over statements (every version and copy), the same
//! over translation pairs only, and the audit's precision (and recall where the truth is
//! knowable) for `missing-language`, `single-version` and `unmatched`.
//!
//! - `sitewide`: the archive of a site whose switcher lists every language on every page.
//!
//! Run: `cargo run --release --example archive_eval -- [--set archive|multi|sitewide|all]
//!       [--source all|ntrex|mozilla|un|template] [--seed N] [--days N (template-only sets)]
//!       [--templates N (template statements a day)] [--shared DIR] [--out DIR]`
//!
//! `--source template --days 200 --templates 40` builds a large set (thousands of statements,
//! hundreds of thousands of candidates): what grouping's sampled learning is checked on.

#[path = "common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use common::archive::{self, Spec, Truth};
use common::Rng;
use polyalign::langid::Lingua;
use polyalign::model::{FindingKind, Lang};
use polyalign::pipeline::{self, Config, RunOutput};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut set = "both".to_string();
    let mut source = "all".to_string();
    let mut seed = 7u64;
    let mut days = 20usize;
    let mut templates: Option<usize> = None;
    let mut shared = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data");
    let mut out = std::env::temp_dir().join("polyalign-archive-eval");
    let mut i = 1;
    while i < args.len() {
        let v = args.get(i + 1).cloned().unwrap_or_default();
        match args[i].as_str() {
            "--set" => set = v,
            "--source" => source = v,
            "--seed" => seed = v.parse().expect("--seed takes an integer"),
            "--days" => days = v.parse().expect("--days takes an integer"),
            "--templates" => templates = Some(v.parse().expect("--templates takes an integer")),
            "--shared" => shared = PathBuf::from(v),
            "--out" => out = PathBuf::from(v),
            other => {
                eprintln!("unknown argument {other}");
                std::process::exit(2);
            }
        }
        i += 2;
    }
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    let mut docs = archive::load_real(&shared, &mut rng);
    let with_templates = source == "all" || source == "template";
    if source != "all" {
        docs.retain(|d| d.source == source);
    }
    if docs.is_empty() && !with_templates {
        eprintln!("no documents of source {source} under {}", shared.display());
        std::process::exit(2);
    }
    let sets: Vec<Spec> = match set.as_str() {
        "archive" => vec![Spec::archive()],
        "multi" => vec![Spec::multi()],
        "sitewide" => vec![Spec::sitewide()],
        _ => vec![Spec::archive(), Spec::multi(), Spec::sitewide()],
    };
    println!("| set | source | pages | statements | days | pairwise P | pairwise R | translation-pair P | translation-pair R | groups (truth) | missing-language P / R (n) | single-version false | unmatched P (n) | seconds |");
    println!("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
    for mut spec in sets {
        if docs.is_empty() {
            spec.min_days = days;
        }
        if let Some(n) = templates {
            spec.templates_per_day = (n, n);
        }
        let dir = out.join(spec.name);
        let _ = std::fs::remove_dir_all(&dir);
        let truth = archive::render(&docs, &spec, seed, &dir, with_templates);
        let mut tsv = String::new();
        for ((file, teaser), t) in &truth.statements {
            if teaser.is_none() {
                tsv.push_str(&format!("{file}\t{t}\n"));
            }
        }
        std::fs::write(out.join(format!("{}.truth.tsv", spec.name)), tsv).expect("write truth");
        let cfg = Config {
            inputs: vec![dir.clone()],
            sentences: false,
            ..Default::default()
        };
        let t0 = std::time::Instant::now();
        let res = pipeline::run(&cfg, &Lingua);
        let secs = t0.elapsed().as_secs_f64();
        let m = evaluate(&res, &truth);
        println!(
            "| {} | {} | {} | {} | {} | {:.4} | {:.4} | {:.4} | {:.4} | {} ({}) | {} | {} | {} | {:.1} |",
            spec.name,
            source,
            truth.files,
            truth.published.len(),
            truth.days,
            m.pair.0,
            m.pair.1,
            m.trans.0,
            m.trans.1,
            res.groups.len(),
            m.truth_groups,
            m.missing,
            m.single_false,
            m.unmatched,
            secs
        );
        if std::env::var_os("POLYALIGN_DEBUG").is_some() {
            for line in &m.notes {
                eprintln!("{line}");
            }
        }
    }
}

struct Metrics {
    pair: (f64, f64),
    trans: (f64, f64),
    truth_groups: usize,
    missing: String,
    single_false: String,
    unmatched: String,
    notes: Vec<String>,
}

fn pr(tp: u64, fp: u64, fneg: u64) -> (f64, f64) {
    (
        tp as f64 / (tp + fp).max(1) as f64,
        tp as f64 / (tp + fneg).max(1) as f64,
    )
}

fn evaluate(res: &RunOutput, truth: &Truth) -> Metrics {
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
    let mut notes = Vec::new();
    // (truth statement, predicted group, language) of every statement found in the truth.
    let mut items: Vec<(usize, usize, Option<Lang>)> = Vec::new();
    let mut ids: Vec<&str> = Vec::new();
    let mut truth_of: BTreeMap<usize, usize> = BTreeMap::new();
    for (k, s) in res.statements.iter().enumerate() {
        let name = s.file.rsplit('/').next().unwrap_or(&s.file).to_string();
        let key = if s.kind == polyalign::model::StatementKind::Teaser {
            (name, Some(polyalign::text::normalize_line(&s.title)))
        } else {
            (name, None)
        };
        match (truth.statements.get(&key), pred.get(&k)) {
            (Some(&t), Some(&p)) => {
                items.push((t, p, s.lang));
                ids.push(&s.id);
                truth_of.insert(k, t);
            }
            (t, p) => notes.push(format!(
                "not evaluated: {} {:?} truth={t:?} group={p:?}",
                s.file, s.title
            )),
        }
    }
    let (mut tp, mut fp, mut fneg) = (0u64, 0u64, 0u64);
    let (mut ttp, mut tfp, mut tfn) = (0u64, 0u64, 0u64);
    // Pairs by truth group and by predicted group (linear, not all pairs).
    let mut by_t: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    let mut by_p: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (x, it) in items.iter().enumerate() {
        by_t.entry(it.0).or_default().push(x);
        by_p.entry(it.1).or_default().push(x);
    }
    let mut seen = BTreeSet::new();
    for v in by_t.values().chain(by_p.values()) {
        for (a, &i) in v.iter().enumerate() {
            for &j in &v[a + 1..] {
                if !seen.insert((i, j)) {
                    continue;
                }
                let same_t = items[i].0 == items[j].0;
                let same_p = items[i].1 == items[j].1;
                let cross = items[i].2 != items[j].2;
                match (same_t, same_p) {
                    (true, true) => tp += 1,
                    (false, true) => fp += 1,
                    (true, false) => fneg += 1,
                    _ => {}
                }
                if cross {
                    match (same_t, same_p) {
                        (true, true) => ttp += 1,
                        (false, true) => {
                            tfp += 1;
                            notes.push(format!(
                                "false join: truth {} vs {} in one group: {} {}",
                                items[i].0, items[j].0, ids[i], ids[j]
                            ));
                        }
                        (true, false) => {
                            tfn += 1;
                            notes.push(format!("missed: {} {}", ids[i], ids[j]));
                        }
                        _ => {}
                    }
                }
            }
        }
    }
    // Group id → truth statement (majority of its versions).
    let mut group_truth: BTreeMap<&str, usize> = BTreeMap::new();
    for g in &res.groups {
        let mut votes: BTreeMap<usize, usize> = BTreeMap::new();
        for k in g.versions.values() {
            if let Some(&t) = truth_of.get(k) {
                *votes.entry(t).or_default() += 1;
            }
        }
        if let Some((&t, _)) = votes
            .iter()
            .max_by_key(|(t, n)| (**n, std::cmp::Reverse(**t)))
        {
            group_truth.insert(g.id.as_str(), t);
        }
    }
    let group_langs: BTreeMap<&str, BTreeSet<Lang>> = res
        .groups
        .iter()
        .map(|g| (g.id.as_str(), g.versions.keys().copied().collect()))
        .collect();
    let (mut ml_tp, mut ml_fp) = (0usize, 0usize);
    let mut ml_found: BTreeSet<(usize, Lang)> = BTreeSet::new();
    let (mut sv_false, mut sv_all, mut sv_strong) = (0usize, 0usize, 0usize);
    let groups_by_id: BTreeMap<&str, &polyalign::model::Group> =
        res.groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let (mut um_tp, mut um_all) = (0usize, 0usize);
    for f in &res.audit.findings {
        let Some(&t) = group_truth.get(f.group.as_str()) else {
            continue;
        };
        let l = f.langs.first().copied();
        match f.kind {
            FindingKind::MissingLanguage => {
                let Some(l) = l else { continue };
                if truth.published[t].contains(&l) && !truth.scraped[t].contains(&l) {
                    ml_tp += 1;
                    ml_found.insert((t, l));
                } else {
                    ml_fp += 1;
                    let others: Vec<&str> = truth_of
                        .iter()
                        .filter(|(_, &tt)| tt == t)
                        .map(|(&k, _)| res.statements[k].id.as_str())
                        .collect();
                    notes.push(format!(
                        "false missing-language {l} in {} (scraped {:?}; truth members {others:?})",
                        f.group, truth.scraped[t]
                    ));
                }
            }
            FindingKind::SingleVersion => {
                sv_all += 1;
                if truth.scraped[t].len() > 1 {
                    sv_false += 1;
                    // The done-when case: a true counterpart listed with probability ≥ 0.5.
                    let strong = groups_by_id.get(f.group.as_str()).is_some_and(|g| {
                        g.candidates
                            .iter()
                            .any(|c| c.probability >= 0.5 && truth_of.get(&c.statement) == Some(&t))
                    });
                    sv_strong += usize::from(strong);
                    notes.push(format!(
                        "false single-version {} (scraped {:?}){}",
                        f.group,
                        truth.scraped[t],
                        if strong {
                            " [counterpart p >= 0.5]"
                        } else {
                            ""
                        }
                    ));
                }
            }
            _ if f.kind.name() == "unmatched" => {
                um_all += 1;
                let Some(l) = l else { continue };
                let has = group_langs.get(f.group.as_str());
                if truth.scraped[t].contains(&l) && !has.is_some_and(|h| h.contains(&l)) {
                    um_tp += 1;
                }
            }
            _ => {}
        }
    }
    // Missing languages the markers name and the tool could find.
    let ml_truth: usize = (0..truth.published.len())
        .filter(|&t| truth.switcher[t] == 0)
        .map(|t| truth.published[t].difference(&truth.scraped[t]).count())
        .sum();
    let ml_hit = ml_found
        .iter()
        .filter(|(t, _)| truth.switcher[*t] == 0)
        .count();
    let ml_p = ml_tp as f64 / (ml_tp + ml_fp).max(1) as f64;
    let ml_r = ml_hit as f64 / ml_truth.max(1) as f64;
    Metrics {
        pair: pr(tp, fp, fneg),
        trans: pr(ttp, tfp, tfn),
        truth_groups: by_t.len(),
        missing: format!("{ml_p:.3} / {ml_r:.3} ({})", ml_tp + ml_fp),
        single_false: format!("{sv_false} of {sv_all} ({sv_strong} at p ≥ 0.5)"),
        unmatched: format!("{:.3} ({um_all})", um_tp as f64 / um_all.max(1) as f64),
        notes,
    }
}
