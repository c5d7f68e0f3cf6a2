//! Aligner integration tests: invariants (property tests), a committed quality floor on the
//! bundled fixture, determinism across thread counts, and Text+Berg when the shared data exists.

use std::path::{Path, PathBuf};

use polyalign::align::score::{parse_beads, score, SimpleBead};
use polyalign::align::{align_corpus, align_pair, AlignConfig, PairJob};
use polyalign::cli::pair::{align_documents, Level};
use polyalign::model::{Bead, Lang};
use proptest::prelude::*;

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn simple(beads: &[Bead]) -> Vec<SimpleBead> {
    beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

/// Every segment in exactly one bead, in order, and only allowed shapes.
fn check_monotone_complete(beads: &[Bead], n: usize, m: usize, shapes: &[(usize, usize)]) {
    let (mut i, mut j) = (0, 0);
    for b in beads {
        assert!(!(b.src.is_empty() && b.tgt.is_empty()));
        assert_eq!(b.src, (i..i + b.src.len()).collect::<Vec<_>>());
        assert_eq!(b.tgt, (j..j + b.tgt.len()).collect::<Vec<_>>());
        let shape = (b.src.len(), b.tgt.len());
        assert!(
            shapes.contains(&shape) || shape == (1, 0) || shape == (0, 1),
            "shape {shape:?}"
        );
        assert!((0.0..=1.0).contains(&b.score));
        i += b.src.len();
        j += b.tgt.len();
    }
    assert_eq!((i, j), (n, m));
}

const WORDS: &[&str] = &[
    "Minister",
    "Lawrow",
    "2015",
    "Berlin",
    "und",
    "die",
    "Resolution",
    "der",
    "Syrien",
    "Frage",
    "?",
    "Moskau",
    "Euro",
    "12",
    "Gespräch",
    "la",
    "situation",
    "OSZE",
    "Vereinbarung",
    "1.000",
];

fn sentence() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(WORDS), 0..12).prop_map(|w| w.join(" "))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn monotone_and_complete(
        src in prop::collection::vec(sentence(), 0..25),
        tgt in prop::collection::vec(sentence(), 0..25),
        shapes in prop::sample::subsequence(
            vec![(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1), (2, 3)], 1..9),
        exact in any::<bool>(),
    ) {
        let cfg = AlignConfig {
            beads: shapes.clone(),
            // Force the banded coarse-to-fine search on some cases.
            exact_cells: if exact { 1_000_000 } else { 16 },
            band: 2,
            ..AlignConfig::default()
        };
        let s: Vec<&str> = src.iter().map(String::as_str).collect();
        let t: Vec<&str> = tgt.iter().map(String::as_str).collect();
        let beads = align_pair(&s, &t, Lang::De, Lang::Fr, &cfg);
        check_monotone_complete(&beads, s.len(), t.len(), &shapes);
    }

    #[test]
    fn identical_input_aligns_one_to_one(src in prop::collection::vec(sentence(), 1..30)) {
        // Distinct non-empty lines: identical copies then have one obvious alignment.
        let lines: Vec<String> = src
            .iter()
            .enumerate()
            .map(|(k, s)| format!("Absatz {k} Abschnitt {} {s}", k * 7 + 100))
            .collect();
        let s: Vec<&str> = lines.iter().map(String::as_str).collect();
        let beads = align_pair(&s, &s, Lang::De, Lang::Fr, &AlignConfig::default());
        prop_assert_eq!(beads.len(), s.len());
        for (k, b) in beads.iter().enumerate() {
            prop_assert_eq!(&b.src, &vec![k]);
            prop_assert_eq!(&b.tgt, &vec![k]);
        }
    }
}

fn fixture(name: &str) -> String {
    std::fs::read_to_string(repo().join("tests/data/align").join(name)).unwrap()
}

#[test]
fn fixture_quality_floor() {
    let (de, fr) = (fixture("statement.de"), fixture("statement.fr"));
    let gold = parse_beads(&fixture("statement.defr")).unwrap();
    let beads = align_documents(
        &de,
        &fr,
        (Lang::De, Lang::Fr),
        true,
        Level::Sentence,
        &AlignConfig::default(),
    );
    check_monotone_complete(&beads, 12, 13, &AlignConfig::default().beads);
    let s = score(&gold, &simple(&beads));
    eprintln!("fixture: {s:?}");
    // Committed floor (measured 2026-11: see README in tests/data/align).
    assert!(
        s.f1_strict >= FIXTURE_FLOOR,
        "strict F1 {} < {FIXTURE_FLOOR}",
        s.f1_strict
    );
}

const FIXTURE_FLOOR: f64 = 0.79;

#[test]
fn deterministic_across_thread_counts() {
    let (de, fr) = (fixture("statement.de"), fixture("statement.fr"));
    let s: Vec<&str> = de.lines().collect();
    let t: Vec<&str> = fr.lines().collect();
    let jobs: Vec<PairJob> = (0..6)
        .map(|k| PairJob {
            src_lang: Lang::De,
            tgt_lang: Lang::Fr,
            src: s[k..].to_vec(),
            tgt: t[k..].to_vec(),
        })
        .collect();
    let run = |threads: usize| {
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .build()
            .unwrap();
        pool.install(|| align_corpus(&jobs, &AlignConfig::default()))
    };
    let (a, b) = (run(1), run(2));
    assert_eq!(a.beads, b.beads);
    assert_eq!(a.stats, b.stats);
}

fn shared(rel: &str) -> Option<PathBuf> {
    let p = repo().join("..").join("shared").join("data").join(rel);
    if p.exists() {
        Some(p)
    } else {
        eprintln!("note: {} absent, test skipped", p.display());
        None
    }
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn textberg_dev_target() {
    let Some(dir) = shared("textberg-dev") else {
        return;
    };
    let de = read(&dir.join("dev.de"));
    let fr = read(&dir.join("dev.fr"));
    let gold = parse_beads(&read(&dir.join("dev.defr"))).unwrap();
    let beads = align_documents(
        &de,
        &fr,
        (Lang::De, Lang::Fr),
        true,
        Level::Sentence,
        &AlignConfig::default(),
    );
    check_monotone_complete(&beads, 468, 554, &AlignConfig::default().beads);
    let s = score(&gold, &simple(&beads));
    eprintln!("Text+Berg dev: {s:?}");
    assert!(s.f1_strict >= TEXTBERG_FLOOR, "strict F1 {}", s.f1_strict);
}

const TEXTBERG_FLOOR: f64 = 0.85;

#[test]
fn wanted_jobs_get_the_beads_of_the_whole_run() {
    // 160 jobs of a dozen sentences: the first pass stops after its first round (every 4th
    // job, enough length samples without a lexicon to learn), so the last pass of
    // `align_corpus_wanted` runs on that sample and the wanted jobs only.
    let (de, fr) = (fixture("statement.de"), fixture("statement.fr"));
    let s: Vec<&str> = de.lines().collect();
    let t: Vec<&str> = fr.lines().collect();
    let jobs: Vec<PairJob> = (0..160)
        .map(|k| PairJob {
            src_lang: Lang::De,
            tgt_lang: Lang::Fr,
            src: s[k % 4..].to_vec(),
            tgt: t[k % 4..].to_vec(),
        })
        .collect();
    let wanted: Vec<bool> = (0..jobs.len()).map(|k| k % 7 == 3).collect();
    for learn_lexicon in [false, true] {
        let cfg = AlignConfig {
            learn_lexicon,
            ..AlignConfig::default()
        };
        let all = align_corpus(&jobs, &cfg);
        let some = polyalign::align::align_corpus_wanted(&jobs, &wanted, &cfg);
        for (k, w) in wanted.iter().enumerate() {
            if *w {
                assert!(!all.beads[k].is_empty());
                assert_eq!(all.beads[k], some.beads[k], "job {k}");
            } else {
                assert!(some.beads[k].is_empty(), "job {k} not wanted");
            }
        }
        assert_eq!(all.stats, some.stats);
    }
}
