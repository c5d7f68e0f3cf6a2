//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use polyalign::langid::Lingua;
use polyalign::pipeline::{self, Config, RunOutput};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when present (third-party data; never required).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Runs the whole pipeline on some paths.
pub fn run(paths: &[&Path]) -> RunOutput {
    let cfg = Config {
        inputs: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..Default::default()
    };
    pipeline::run(&cfg, &Lingua)
}

/// The pipeline output for corpora/sample, computed once per test binary.
pub fn sample() -> &'static RunOutput {
    static OUT: OnceLock<RunOutput> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = root().join("corpora/sample");
        let cfg = Config {
            inputs: vec![dir],
            ..Default::default()
        };
        pipeline::run(&cfg, &Lingua)
    })
}

/// Path of a file relative to corpora/sample, as the truth file writes it.
pub fn rel_sample(file: &str) -> String {
    let s = file.replace('\\', "/");
    match s.find("corpora/sample/") {
        Some(i) => s[i + "corpora/sample/".len()..].to_string(),
        None => s,
    }
}

/// Checks the "nothing lost" invariant on a run: every paragraph of every grouped statement is
/// in exactly one paragraph unit; a unit with a single language (not exported as a translation
/// unit) is covered by a finding that names its file and paragraph; teaser-only versions and
/// copies are covered by their findings. Returns the number of paragraphs checked.
pub fn assert_nothing_lost(out: &RunOutput) -> usize {
    use polyalign::model::Level;
    use std::collections::{BTreeMap, BTreeSet};
    let mut covered: BTreeSet<(String, usize)> = BTreeSet::new();
    for f in &out.audit.findings {
        // Omissions name the paragraphs of the language compared with (the second file).
        let file = if f.kind == polyalign::model::FindingKind::Omission {
            f.files.get(1)
        } else {
            f.files.first()
        };
        if let Some(file) = file {
            for &p in &f.paragraphs {
                covered.insert((file.clone(), p));
            }
        }
    }
    let mut in_units: BTreeMap<(String, usize), (usize, usize)> = BTreeMap::new();
    for u in out.units.iter().filter(|u| u.level == Level::Paragraph) {
        for s in u.segments.values() {
            for &i in &s.indices {
                let e = in_units.entry((s.file.clone(), i)).or_insert((0, 0));
                e.0 += 1;
                e.1 = e.1.max(u.segments.len());
            }
        }
    }
    let mut checked = 0;
    let mut lost = Vec::new();
    for g in &out.groups {
        for &k in g.versions.values() {
            let s = &out.statements[k];
            for i in 0..s.paragraphs.len() {
                checked += 1;
                let key = (s.file.clone(), i);
                let (n, langs) = in_units.get(&key).copied().unwrap_or((0, 0));
                assert!(n <= 1, "{} ¶{i} is in {n} units", s.id);
                let ok = (n == 1 && langs >= 2) || covered.contains(&key);
                if !ok {
                    lost.push(format!(
                        "{} ¶{i} ({} units, {} languages): {}",
                        s.id,
                        n,
                        langs,
                        s.paragraphs[i].text.chars().take(80).collect::<String>()
                    ));
                }
            }
        }
        for d in &g.duplicates {
            if d.reason != "teaser-of" {
                let c = &out.statements[d.copy];
                assert!(
                    out.audit
                        .findings
                        .iter()
                        .any(|f| f.statement.as_deref() == Some(c.id.as_str())),
                    "copy {} not reported",
                    c.id
                );
            }
        }
    }
    assert!(
        lost.is_empty(),
        "{} paragraphs in no output: {lost:#?}",
        lost.len()
    );
    checked
}
