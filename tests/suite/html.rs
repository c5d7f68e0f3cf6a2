//! HTML pages through the whole pipeline: a ministry statement in five languages, grouped by the
//! content id of its canonical URL, with the markers from `hreflang` and the switcher.

use std::collections::BTreeSet;

use polyalign::model::{Lang, Level, StatementKind};

use crate::util;

#[test]
fn five_language_html_statement_is_grouped_and_aligned() {
    let dir = util::root().join("tests/data/html");
    let files: Vec<std::path::PathBuf> = Lang::ALL
        .iter()
        .map(|l| dir.join(format!("mfa-1234-{}.html", l.code())))
        .collect();
    let paths: Vec<&std::path::Path> = files.iter().map(|p| p.as_path()).collect();
    let out = util::run(&paths);
    assert!(!out.diagnostics.has_errors(), "{:?}", out.diagnostics.items);
    let mains: Vec<_> = out
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Main)
        .collect();
    assert_eq!(mains.len(), 5);
    for s in &mains {
        assert_eq!(s.group_key.as_deref(), Some("url:1234"), "{}", s.file);
        assert_eq!(s.lang, s.declared_lang, "{}", s.file);
        let promised: BTreeSet<Lang> = s.promised();
        assert_eq!(promised, Lang::ALL.into_iter().collect(), "{}", s.file);
        assert!(s.date.is_some(), "{}", s.file);
    }
    let g = out
        .groups
        .iter()
        .find(|g| g.versions.len() == 5)
        .expect("a five-language group");
    assert!(g
        .versions
        .values()
        .all(|&k| out.statements[k].kind == StatementKind::Main));
    let units: Vec<_> = out
        .units
        .iter()
        .filter(|u| u.group == g.id && u.level == Level::Paragraph)
        .collect();
    assert!(
        !units.is_empty() && units.iter().all(|u| u.segments.len() == 5),
        "{units:#?}"
    );
    // Region tags come from the markers.
    assert!(units[0]
        .segments
        .values()
        .all(|s| s.tag.len() == 5 && s.tag.contains('-')));
}

/// Data and code files beside the pages (`expected.json`, `make_fixtures.py`) are not pages:
/// skipped with a note naming them, not read as statements, not counted as failures.
#[test]
fn non_page_files_are_noted_and_skipped() {
    let out = util::run(&[&util::root().join("tests/data/html")]);
    let notes: Vec<&str> = out
        .diagnostics
        .items
        .iter()
        .filter(|d| d.kind == "not-a-page")
        .map(|d| d.file.as_str())
        .collect();
    assert!(
        notes.iter().any(|f| f.ends_with("expected.json"))
            && notes.iter().any(|f| f.ends_with("make_fixtures.py")),
        "{notes:?}"
    );
    assert!(out
        .statements
        .iter()
        .all(|s| !s.file.ends_with(".json") && !s.file.ends_with(".py")));
    assert!(!out.diagnostics.has_errors(), "{:?}", out.diagnostics.items);
}
