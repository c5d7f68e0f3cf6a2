//! Grouping, audit and exports under archive conditions (`examples/common/archive.rs`), on the
//! generator's own five-language templates (condolences, greetings, talks, briefings), so the
//! tests run without `../shared`: every statement first in Russian, part translated 0–3 days
//! later at another time, templates that differ only in names and numbers, recurring headings,
//! switchers missing on a fifth of the pages, content ids on some HTML pages.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use polyalign::langid::Lingua;
use polyalign::model::{FindingKind, Lang, StatementKind};
use polyalign::pipeline::{self, Config, RunOutput};

use crate::common::archive::{self, Spec, Truth};

fn render(spec: &Spec, dir: &Path) -> Truth {
    archive::render(&[], spec, 11, dir, true)
}

fn spec(days: usize) -> Spec {
    Spec {
        min_days: days,
        ..Spec::archive()
    }
}

fn run(dir: &Path) -> RunOutput {
    let cfg = Config {
        inputs: vec![dir.to_path_buf()],
        sentences: false,
        ..Default::default()
    };
    pipeline::run(&cfg, &Lingua)
}

/// (true pairs found, false pairs, true pairs missed) over pairs of statements in different
/// languages (versions, copies and teasers).
fn translation_pairs(res: &RunOutput, truth: &Truth) -> (usize, usize, usize) {
    let mut pred: BTreeMap<usize, usize> = BTreeMap::new();
    for (gi, g) in res.groups.iter().enumerate() {
        for &k in g.versions.values() {
            pred.insert(k, gi);
        }
        for d in &g.duplicates {
            pred.insert(d.copy, gi);
        }
    }
    let mut items: Vec<(usize, usize, Lang, usize)> = Vec::new();
    for (k, s) in res.statements.iter().enumerate() {
        let name = s.file.rsplit('/').next().unwrap().to_string();
        let key = match s.kind {
            StatementKind::Teaser => (name, Some(polyalign::text::normalize_line(&s.title))),
            _ => (name, None),
        };
        if let (Some(&t), Some(&p), Some(l)) = (truth.statements.get(&key), pred.get(&k), s.lang) {
            items.push((t, p, l, k));
        }
    }
    let (mut tp, mut fp, mut fneg) = (0, 0, 0);
    for i in 0..items.len() {
        for j in i + 1..items.len() {
            if items[i].2 == items[j].2 {
                continue;
            }
            match (items[i].0 == items[j].0, items[i].1 == items[j].1) {
                (true, true) => tp += 1,
                (false, true) => {
                    fp += 1;
                    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
                        eprintln!(
                            "false pair: {} {}",
                            res.statements[items[i].3].id, res.statements[items[j].3].id
                        );
                    }
                }
                (true, false) => fneg += 1,
                _ => {}
            }
        }
    }
    (tp, fp, fneg)
}

#[test]
fn templates_in_an_imbalanced_archive_are_grouped() {
    let dir = tempfile::tempdir().unwrap();
    let truth = render(&spec(12), dir.path());
    let res = run(dir.path());
    let (tp, fp, fneg) = translation_pairs(&res, &truth);
    let p = tp as f64 / (tp + fp).max(1) as f64;
    let r = tp as f64 / (tp + fneg).max(1) as f64;
    eprintln!("template archive: {tp} pairs found, {fp} false, {fneg} missed (P {p:.3}, R {r:.3})");
    assert!(tp > 50, "too few pairs to judge: {tp}");
    assert!(p >= 0.98, "precision {p:.3}");
    assert!(r >= 0.95, "recall {r:.3}");
}

#[test]
fn a_sitewide_switcher_promises_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let _ = render(
        &Spec {
            min_days: 12,
            ..Spec::sitewide()
        },
        dir.path(),
    );
    let res = run(dir.path());
    let missing = res
        .audit
        .findings
        .iter()
        .filter(|f| f.kind == FindingKind::MissingLanguage)
        .count();
    let groups = res.groups.len();
    // Every page lists all five languages; most statements have two or three: a switcher kept
    // so rarely is not a promise.
    assert!(
        missing * 20 < groups,
        "{missing} missing-language findings for {groups} groups"
    );
}

#[test]
fn untranslated_segments_stay_out_of_pairwise_files() {
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("pages");
    let out = dir.path().join("out");
    let _ = render(
        &Spec {
            min_days: 6,
            p_untranslated: 0.15,
            ..Spec::archive()
        },
        &pages,
    );
    for level in ["paragraph", "sentence"] {
        let st = std::process::Command::new(env!("CARGO_BIN_EXE_polyalign"))
            .args([
                "align",
                "--quiet",
                "--format",
                "tmx,tsv,jsonl",
                "--level",
                level,
            ])
            .arg(&pages)
            .arg("-o")
            .arg(&out)
            .status()
            .unwrap();
        assert!(st.code() == Some(0) || st.code() == Some(1), "{st:?}");
        let gaps: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(out.join("gaps.json")).unwrap()).unwrap();
        // (language of the version, text) of every paragraph found untranslated or copied.
        let flagged: BTreeSet<(String, String)> = gaps["findings"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|f| f["kind"] == "untranslated" || f["kind"] == "copied")
            .map(|f| {
                (
                    f["langs"][0].as_str().unwrap().to_string(),
                    f["excerpt"].as_str().unwrap().trim().to_string(),
                )
            })
            .collect();
        assert!(
            !flagged.is_empty(),
            "the audit found no untranslated paragraph"
        );
        // Every TSV segment pair: neither side inside a flagged paragraph, and never the same
        // text on both sides.
        let mut pairs = 0;
        for e in std::fs::read_dir(out.join("tsv")).unwrap() {
            let path = e.unwrap().path();
            let name = path.file_stem().unwrap().to_str().unwrap().to_string();
            let (la, lb) = name.split_once('-').unwrap();
            let text = std::fs::read_to_string(&path).unwrap();
            for line in text.lines() {
                let (a, b) = line.split_once('\t').unwrap();
                pairs += 1;
                assert_ne!(a, b, "{level}: the same text on both sides");
                for (l, f) in &flagged {
                    assert!(
                        !(l == la && f.contains(a) || l == lb && f.contains(b)),
                        "{level}: a withheld {l} segment in {name}: {a:?} / {b:?}"
                    );
                }
            }
        }
        assert!(pairs > 20, "{level}: {pairs} pairs");
        // The pairwise memories hold none either; units.jsonl keeps them and names the finding.
        for e in std::fs::read_dir(out.join("tmx")).unwrap() {
            let tmx = std::fs::read_to_string(e.unwrap().path()).unwrap();
            for (l, f) in &flagged {
                // A withheld paragraph never appears as a whole segment of its language.
                let seg = format!("<seg>{}</seg>", polyalign::audit::html::escape(f));
                let tuv = tmx
                    .find(&seg)
                    .map(|at| &tmx[..at])
                    .and_then(|t| t.rfind("xml:lang=\""));
                let lang_of = tuv.map(|at| &tmx[at + 10..at + 12]);
                assert_ne!(
                    lang_of,
                    Some(l.as_str()),
                    "{level}: withheld {l} text in a memory"
                );
            }
        }
        let jsonl = std::fs::read_to_string(out.join("units.jsonl")).unwrap();
        assert!(jsonl.contains("\"audit\":[\"untranslated:"), "{level}");
        let _ = std::fs::remove_dir_all(&out);
    }
}

#[test]
fn findings_do_not_depend_on_the_export_level() {
    let dir = tempfile::tempdir().unwrap();
    let _ = render(
        &Spec {
            min_days: 5,
            p_untranslated: 0.05,
            ..Spec::archive()
        },
        dir.path(),
    );
    let sample = crate::util::root().join("corpora/sample");
    for input in [dir.path(), sample.as_path()] {
        let run = |sentences: bool| {
            let cfg = Config {
                inputs: vec![input.to_path_buf()],
                sentences,
                ..Default::default()
            };
            pipeline::run(&cfg, &Lingua).audit.findings
        };
        let (para, sent) = (run(false), run(true));
        assert!(!para.is_empty());
        assert_eq!(para, sent, "{}", input.display());
    }
}

/// The page sets leave out a document most of whose paragraphs an earlier one has (the
/// Mozilla notices share whole sections): one text is one statement, whatever the truth says.
#[test]
fn a_document_repeating_an_earlier_one_is_left_out() {
    let doc = |title: &str, paras: &[&str]| archive::Doc {
        source: "test",
        texts: [(
            Lang::En,
            (
                title.to_string(),
                paras.iter().map(|p| p.to_string()).collect::<Vec<_>>(),
            ),
        )]
        .into_iter()
        .collect(),
    };
    let docs = vec![
        doc("A", &["One.", "Two.", "Three.", "Four."]),
        // Three of four paragraphs seen (one with other spacing): left out.
        doc("B", &["Two.", "  Three. ", "Four.", "Five."]),
        // Two of four: kept, and its new paragraphs count from now on.
        doc("C", &["One.", "Two.", "Six.", "Seven."]),
        doc("D", &["Six.", "Seven.", "Eight."]),
        doc("E", &["Nine."]),
    ];
    let kept: Vec<String> = archive::drop_repeats(docs)
        .iter()
        .map(|d| d.texts[&Lang::En].0.clone())
        .collect();
    assert_eq!(kept, ["A", "C", "E"]);
}

/// The truth knows a teaser by its page and title, so an embassy page never lists two teasers
/// with one title (a statement drawn twice, or a template's two statements with one title),
/// and every teaser it lists is in the truth: the evaluation never labels a teaser with another
/// statement's number.
#[test]
fn teaser_titles_on_a_page_are_distinct_and_known() {
    let dir = tempfile::tempdir().unwrap();
    // Dense templates: the same template and country recur within days, so same titles meet.
    let truth = render(
        &Spec {
            templates_per_day: (30, 30),
            p_embassy: 0.5,
            ..spec(12)
        },
        dir.path(),
    );
    let (mut pages, mut teasers) = (0, 0);
    for entry in std::fs::read_dir(dir.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if !name.starts_with('e') {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let Some((_, list)) = text.split_once("LATEST EVENTS") else {
            continue;
        };
        pages += 1;
        let mut seen = BTreeSet::new();
        for line in list.lines() {
            // `dd.mm.yyyy - Title`
            let Some((date, title)) = line.split_once(" - ") else {
                continue;
            };
            if date.len() != 10 || !date.chars().all(|c| c.is_ascii_digit() || c == '.') {
                continue;
            }
            let title = polyalign::text::normalize_line(title);
            assert!(
                seen.insert(title.clone()),
                "{name}: two teasers titled {title:?}"
            );
            assert!(
                truth
                    .statements
                    .contains_key(&(name.clone(), Some(title.clone()))),
                "{name}: teaser {title:?} not in the truth"
            );
            teasers += 1;
        }
    }
    assert!(
        pages > 10 && teasers > 2 * pages,
        "{pages} pages, {teasers} teasers"
    );
}

/// Grouping's corpus statistics, learned by a run over the whole corpus, make a date window's
/// grouping give its pairs the whole run's probabilities: the statistics a sharded run shares.
/// A window that learns its own gives other probabilities, so the test can tell.
#[test]
fn shared_statistics_give_a_window_the_whole_runs_probabilities() {
    use polyalign::group::{self, GroupConfig, GroupStats};
    let dir = tempfile::tempdir().unwrap();
    let _ = render(&spec(40), dir.path());
    let cfg = Config {
        inputs: vec![dir.path().to_path_buf()],
        sentences: false,
        ..Default::default()
    };
    let scanned = pipeline::scan(&cfg, &Lingua);
    let statements = &scanned.statements;
    let learn = GroupConfig {
        keep_stats: true,
        ..Default::default()
    };
    let whole = group::group_with(statements, &learn);
    let stats = whole.stats.clone().expect("statistics kept");
    // Written and read back, the statistics are the same, byte for byte.
    let json = serde_json::to_string(&stats).unwrap();
    let stats: GroupStats = serde_json::from_str(&json).unwrap();
    let back = serde_json::to_string(&stats).unwrap();
    let at = back
        .bytes()
        .zip(json.bytes())
        .take_while(|(a, b)| a == b)
        .count();
    assert!(
        back == json,
        "read back differs at byte {at}: {:?} against {:?}",
        &back[at.saturating_sub(200)..(at + 100).min(back.len())],
        &json[at.saturating_sub(200)..(at + 100).min(json.len())]
    );
    // The whole corpus under its own statistics: the same groups and probabilities.
    let again = group::group_given(statements, &GroupConfig::default(), &stats);
    let probs = |g: &group::Grouping| -> BTreeMap<(String, String), f64> {
        g.groups
            .iter()
            .flat_map(|g| &g.evidence)
            .chain(&g.rejected)
            .map(|e| ((e.a.clone(), e.b.clone()), e.score))
            .collect()
    };
    let members = |g: &group::Grouping, sts: &[polyalign::model::Statement]| {
        g.groups
            .iter()
            .map(|g| {
                g.versions
                    .values()
                    .map(|&k| sts[k].id.clone())
                    .collect::<BTreeSet<String>>()
            })
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(probs(&again), probs(&whole));
    assert_eq!(members(&again, statements), members(&whole, statements));
    // A window of eight days with seven days on either side (twice the lag and one: the
    // competitors of a core version's candidates are all inside).
    let day = |k: usize| statements[k].date.map(|d| d.days_since_epoch());
    let first = (0..statements.len()).filter_map(day).min().unwrap();
    let core = first + 14..first + 22;
    let window: Vec<usize> = (0..statements.len())
        .filter(|&k| day(k).is_some_and(|d| d >= core.start - 7 && d < core.end + 7))
        .collect();
    assert!(
        window.len() < statements.len() * 3 / 4,
        "a part of the corpus"
    );
    let part: Vec<polyalign::model::Statement> =
        window.iter().map(|&k| statements[k].clone()).collect();
    let in_core: BTreeSet<String> = window
        .iter()
        .filter(|&&k| day(k).is_some_and(|d| core.contains(&d)))
        .map(|&k| statements[k].id.clone())
        .collect();
    let core_only = |p: BTreeMap<(String, String), f64>| -> BTreeMap<(String, String), f64> {
        p.into_iter()
            .filter(|((a, b), _)| in_core.contains(a) && in_core.contains(b))
            .collect()
    };
    let shared = group::group_given(&part, &GroupConfig::default(), &stats);
    let own = group::group_with(&part, &GroupConfig::default());
    let expected = core_only(probs(&whole));
    assert!(expected.len() > 25, "{} pairs in the core", expected.len());
    assert_eq!(core_only(probs(&shared)), expected);
    assert_ne!(core_only(probs(&own)), expected, "own statistics differ");
    // The groups wholly inside the core are the whole run's.
    let inside = |m: BTreeSet<BTreeSet<String>>| -> BTreeSet<BTreeSet<String>> {
        m.into_iter()
            .filter(|g| g.iter().all(|id| in_core.contains(id)))
            .collect()
    };
    let groups = inside(members(&whole, statements));
    assert!(groups.len() > 25, "{} groups in the core", groups.len());
    assert_eq!(inside(members(&shared, &part)), groups);
}

/// The corpus statistics of a whole run (`--save-stats`) give the pages of a date window, with
/// seven days on either side, the whole run's groups, units (beads, texts and scores) and
/// findings for the groups inside the window; a run of the same pages that learns its own
/// statistics scores its units otherwise, so the test can tell.
#[test]
fn corpus_statistics_give_a_windows_pages_the_whole_runs_units() {
    let dir = tempfile::tempdir().unwrap();
    let _ = render(&spec(40), dir.path());
    let config = |inputs: Vec<std::path::PathBuf>| Config {
        inputs,
        sentences: true,
        ..Default::default()
    };
    let whole = pipeline::run(
        &Config {
            keep_stats: true,
            ..config(vec![dir.path().to_path_buf()])
        },
        &Lingua,
    );
    let json = whole.corpus_stats.as_ref().expect("kept").to_json();
    let stats = std::sync::Arc::new(pipeline::CorpusStats::from_json(&json).unwrap());
    assert_eq!(stats.to_json(), json, "read back the same");
    let day = |st: &polyalign::model::Statement| st.date.map(|d| d.days_since_epoch());
    let first = whole.statements.iter().filter_map(day).min().unwrap();
    let core = first + 14..first + 22;
    let files: BTreeSet<String> = whole
        .statements
        .iter()
        .filter(|st| day(st).is_some_and(|d| d >= core.start - 7 && d < core.end + 7))
        .map(|st| st.file.clone())
        .collect();
    let files: Vec<std::path::PathBuf> = files.into_iter().map(Into::into).collect();
    let shared = pipeline::run(
        &Config {
            stats: Some(stats),
            ..config(files.clone())
        },
        &Lingua,
    );
    let own = pipeline::run(&config(files), &Lingua);
    // Groups whose every version is dated inside the window.
    let inside = |out: &RunOutput| -> BTreeSet<String> {
        out.groups
            .iter()
            .filter(|g| {
                g.versions
                    .values()
                    .all(|&k| day(&out.statements[k]).is_some_and(|d| core.contains(&d)))
            })
            .map(|g| g.id.clone())
            .collect()
    };
    let ids = inside(&whole);
    assert!(ids.len() > 20, "{} groups inside", ids.len());
    assert_eq!(inside(&shared), ids);
    let units = |out: &RunOutput| -> Vec<String> {
        out.units
            .iter()
            .filter(|u| ids.contains(&u.group))
            .map(|u| serde_json::to_string(u).unwrap())
            .collect()
    };
    let findings = |out: &RunOutput| -> Vec<String> {
        let mut v: Vec<String> = out
            .audit
            .findings
            .iter()
            .filter(|f| ids.contains(&f.group))
            .map(|f| serde_json::to_string(f).unwrap())
            .collect();
        v.sort();
        v
    };
    let expected = units(&whole);
    assert!(expected.len() > 100, "{} units inside", expected.len());
    assert_eq!(units(&shared), expected);
    assert_eq!(findings(&shared), findings(&whole));
    assert_ne!(units(&own), expected, "own statistics score otherwise");
}
