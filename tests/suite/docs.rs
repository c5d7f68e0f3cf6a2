//! Plain per-language documents: the language from the file name, checked against language
//! identification; the folder or name stem is the group.

use std::collections::BTreeSet;

use polyalign::model::{Lang, StatementKind};

use crate::util;

#[test]
fn documents_group_by_name_and_mismatches_are_reported() {
    let out = util::run(&[&util::root().join("tests/data/docs")]);
    let docs: Vec<_> = out
        .statements
        .iter()
        .filter(|s| s.kind == StatementKind::Document)
        .collect();
    assert_eq!(
        docs.len(),
        5,
        "{:?}",
        out.statements.iter().map(|s| &s.id).collect::<Vec<_>>()
    );
    let groups: Vec<BTreeSet<Lang>> = out
        .groups
        .iter()
        .filter(|g| g.versions.len() > 1)
        .map(|g| g.versions.keys().copied().collect())
        .collect();
    assert!(
        groups.contains(&[Lang::En, Lang::Ru].into_iter().collect()),
        "{groups:?}"
    );
    assert!(
        groups.contains(&[Lang::De, Lang::En, Lang::Es].into_iter().collect()),
        "{groups:?}"
    );
    let mismatch: Vec<_> = out
        .diagnostics
        .items
        .iter()
        .filter(|d| d.kind == "lang-mismatch")
        .collect();
    assert_eq!(mismatch.len(), 1, "{mismatch:?}");
    assert!(
        mismatch[0].file.ends_with("treaty-review/fr.txt")
            && mismatch[0]
                .message
                .contains("declared language fr but the text is es"),
        "{mismatch:?}"
    );
    // The documents are aligned paragraph by paragraph, the title first.
    let g = out
        .groups
        .iter()
        .find(|g| g.versions.contains_key(&Lang::De))
        .unwrap();
    let units: Vec<_> = out
        .units
        .iter()
        .filter(|u| u.group == g.id && u.level == polyalign::model::Level::Paragraph)
        .collect();
    assert_eq!(units.len(), 4);
    assert!(units
        .iter()
        .all(|u| u.segments.len() == 3 && u.bead == "1-1-1"));
}

#[test]
fn mozilla_documents_when_present() {
    let Some(shared) = util::shared() else {
        eprintln!("note: ../shared/data absent, Mozilla document test skipped");
        return;
    };
    let dir = shared.join("data/mozilla-legal-5lang/docs");
    let cfg = polyalign::pipeline::Config {
        inputs: vec![dir],
        ..Default::default()
    };
    let out = polyalign::pipeline::scan(&cfg, &polyalign::langid::Lingua);
    assert_eq!(out.groups.len(), 21);
    for g in &out.groups {
        assert_eq!(g.versions.len(), 5, "{}", g.id);
        for (l, &k) in &g.versions {
            let s = &out.statements[k];
            assert_eq!(
                s.declared_lang,
                Some(*l),
                "{}: declared {:?}, identified {l}",
                s.file,
                s.declared_lang
            );
        }
    }
    assert!(
        out.diagnostics
            .items
            .iter()
            .all(|d| d.kind != "lang-mismatch"),
        "{:?}",
        out.diagnostics.items
    );
}

/// Every paragraph of the real Mozilla documents ends up in an aligned unit or a finding.
#[test]
fn nothing_lost_on_mozilla_when_present() {
    let Some(shared) = util::shared() else {
        eprintln!("note: ../shared/data absent, skipped");
        return;
    };
    let cfg = polyalign::pipeline::Config {
        inputs: vec![shared.join("data/mozilla-legal-5lang/docs")],
        sentences: false,
        ..Default::default()
    };
    let out = polyalign::pipeline::run(&cfg, &polyalign::langid::Lingua);
    let n = util::assert_nothing_lost(&out);
    assert!(n > 4000, "{n} paragraphs checked");
}
