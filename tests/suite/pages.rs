//! Statement extraction on the look-alike page fixtures (always) and the real seeds (when
//! `../shared/seeds` is present).

use std::collections::BTreeSet;

use polyalign::diag::Diagnostics;
use polyalign::model::{Lang, Statement, StatementKind};
use polyalign::{ingest, statement};
use serde_json::Value;

use crate::chrome::assert_no_chrome;
use crate::util;

/// Extracts the statements of the page files (`.txt`) in a folder.
fn extract_dir(dir: &std::path::Path) -> (Vec<Statement>, Diagnostics) {
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    let ing = ingest::ingest(&files);
    let mut d = ing.diagnostics;
    let st = statement::extract(&ing.pages, &mut d);
    (st, d)
}

fn file_name(s: &Statement) -> String {
    s.file.rsplit('/').next().unwrap_or(&s.file).to_string()
}

#[test]
fn fixtures_match_expected() {
    let dir = util::root().join("tests/data/pages");
    let expected: Value =
        serde_json::from_str(&std::fs::read_to_string(dir.join("expected.json")).unwrap()).unwrap();
    let (st, _) = extract_dir(&dir);
    for (name, exp) in expected.as_object().unwrap() {
        let main = st
            .iter()
            .find(|s| file_name(s) == *name && s.kind == StatementKind::Main)
            .unwrap_or_else(|| panic!("{name}: no main statement"));
        let em = &exp["main"];
        assert_eq!(main.title, em["title"].as_str().unwrap(), "{name}: title");
        let paras: Vec<&str> = main.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let exp_paras: Vec<&str> = em["paragraphs"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(paras, exp_paras, "{name}: paragraphs");
        let want_date = em["date"]
            .as_str()
            .or(exp["section_date"].as_str())
            .or(em["title_date"].as_str());
        assert_eq!(
            main.date.map(|d| d.to_string()).as_deref(),
            want_date,
            "{name}: date"
        );
        if let Some(t) = em["time"].as_str() {
            assert_eq!(
                main.time.map(|t| t.to_string()).as_deref(),
                Some(t),
                "{name}: time"
            );
        }
        let markers: Vec<&str> = main.markers.iter().map(|m| m.raw.as_str()).collect();
        let exp_markers: Vec<&str> = em["markers"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap())
            .collect();
        assert_eq!(markers, exp_markers, "{name}: markers");
        let teasers: Vec<&Statement> = st
            .iter()
            .filter(|s| file_name(s) == *name && s.kind == StatementKind::Teaser)
            .collect();
        let et = exp["teasers"]
            .as_array()
            .map(|a| a.as_slice())
            .unwrap_or(&[]);
        assert_eq!(teasers.len(), et.len(), "{name}: teaser count");
        for (t, e) in teasers.iter().zip(et) {
            assert_eq!(
                t.title,
                e["title"].as_str().unwrap(),
                "{name}: teaser title"
            );
            assert_eq!(
                t.date.map(|d| d.to_string()).as_deref(),
                e["date"].as_str(),
                "{name}: teaser date"
            );
            assert_eq!(t.paragraphs.len(), 1, "{name}: teaser lead");
            assert_eq!(
                t.paragraphs[0].text,
                e["lead"].as_str().unwrap(),
                "{name}: teaser lead"
            );
        }
    }
}

#[test]
fn fixtures_have_no_chrome() {
    let (st, _) = extract_dir(&util::root().join("tests/data/pages"));
    assert_no_chrome(&st);
}

#[test]
fn seeds_when_present() {
    let Some(shared) = util::shared() else {
        eprintln!("note: ../shared/seeds absent, seed test skipped");
        return;
    };
    let dir = shared.join("seeds");
    let (st, diags) = extract_dir(&dir);
    assert!(!diags.has_errors(), "{:?}", diags.items);
    assert_no_chrome(&st);
    let by_file = |prefix: &str, kind: StatementKind| -> Vec<&Statement> {
        st.iter()
            .filter(|s| file_name(s).starts_with(prefix) && s.kind == kind)
            .collect()
    };
    // Every main statement and teaser is extracted.
    let teaser_counts = [
        ("000", 10),
        ("001", 0),
        ("002", 10),
        ("003", 10),
        ("004", 10),
    ];
    for (f, n) in teaser_counts {
        assert_eq!(
            by_file(f, StatementKind::Main).len(),
            1,
            "{f}: main statement"
        );
        assert_eq!(by_file(f, StatementKind::Teaser).len(), n, "{f}: teasers");
        for t in by_file(f, StatementKind::Teaser) {
            assert!(
                t.date.is_some() && t.paragraphs.len() == 1,
                "{f}: teaser {t:?}"
            );
        }
    }
    // The Sochi statement in 000 and 001, same paragraphs, 16 October 2019.
    let a = by_file("000", StatementKind::Main)[0];
    let b = by_file("001", StatementKind::Main)[0];
    assert_eq!(a.title, b.title);
    assert_eq!(
        a.paragraphs.iter().map(|p| &p.text).collect::<Vec<_>>(),
        b.paragraphs.iter().map(|p| &p.text).collect::<Vec<_>>()
    );
    assert_eq!(a.paragraphs.len(), 22);
    assert_eq!(a.date.unwrap().to_string(), "2019-10-16");
    assert_eq!(b.date.unwrap().to_string(), "2019-10-16");
    assert_eq!(b.time.unwrap().to_string(), "12:11");
    let langs: BTreeSet<Lang> = b.markers.iter().filter_map(|m| m.lang).collect();
    assert_eq!(langs, Lang::ALL.into_iter().collect());
    // 003's main statement is dated by its section date line.
    assert_eq!(
        by_file("003", StatementKind::Main)[0]
            .date
            .unwrap()
            .to_string(),
        "2019-09-30"
    );
}
