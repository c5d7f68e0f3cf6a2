//! Structure tests of `report.html` on the hand-built fixture (no browser needed).

mod report_fixture;

use std::collections::HashSet;

use polyalign::audit::{html::render, AuditReport};
use report_fixture::{fixture, G1, G2, G3};
use scraper::{Html, Selector};

fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

#[test]
fn parses_without_html5_errors_and_declares_basics() {
    let html = fixture().render();
    assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\">"));
    assert!(html.contains("<meta charset=\"utf-8\">"));
    let doc = Html::parse_document(&html);
    assert!(
        doc.errors.is_empty(),
        "HTML5 parse errors: {:?}",
        doc.errors
    );
    assert_eq!(
        text(doc.select(&sel("title")).next().unwrap()),
        "polyalign audit"
    );
    assert_eq!(
        text(doc.select(&sel("h1")).next().unwrap()),
        "polyalign audit"
    );
    // Self-contained: nothing is loaded from elsewhere.
    for bad in ["<link", "src=", "http://", "https://", "@import", "url("] {
        assert!(!html.contains(bad), "external reference {bad:?} in report");
    }
}

#[test]
fn corpus_text_is_escaped() {
    let html = fixture().render();
    assert!(
        !html.contains("<script>alert"),
        "corpus <script> leaked unescaped"
    );
    assert!(!html.contains("<b>bold</b>"));
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    ));
    assert!(html.contains("Cookie settings &amp; privacy &lt;notice&gt;"));
    let doc = Html::parse_document(&html);
    // Exactly our one inline script, and the corpus text survives as text.
    assert_eq!(doc.select(&sel("script")).count(), 1);
    assert_eq!(doc.select(&sel("b")).count(), 0);
    let cell = doc
        .select(&sel("tr[data-unit=\"2\"] td[data-lang=\"en\"]"))
        .find(|c| text(*c).contains("pwned"))
        .expect("en cell of unit 2");
    assert!(text(cell).contains("<script>alert(\"pwned\")</script> & <b>bold</b>"));
}

#[test]
fn every_statement_title_appears() {
    let fx = fixture();
    let doc = Html::parse_document(&fx.render());
    let titles: Vec<String> = doc.select(&sel(".stmt-title")).map(text).collect();
    for s in &fx.statements {
        assert!(titles.contains(&s.title), "title {:?} missing", s.title);
        let id_sel = format!(".stmt-title[data-statement-id=\"{}\"]", s.id);
        assert_eq!(
            doc.select(&sel(&id_sel)).count(),
            1,
            "statement {} listed once",
            s.id
        );
    }
}

#[test]
fn every_finding_appears_once_with_its_data() {
    let fx = fixture();
    let doc = Html::parse_document(&fx.render());
    let rows: Vec<_> = doc.select(&sel("tr[data-finding-kind]")).collect();
    assert_eq!(rows.len(), fx.report.findings.len());
    for f in &fx.report.findings {
        let hit = rows.iter().any(|r| {
            let a = r.value();
            a.attr("data-finding-kind") == Some(f.kind.name())
                && a.attr("data-group") == Some(f.group.as_str())
                && text(*r).contains(&f.message)
        });
        assert!(hit, "finding {} in {} missing", f.kind.name(), f.group);
    }
    // Each group's findings sit inside that group's section.
    for g in [G1, G2, G3] {
        let sec = doc
            .select(&sel(&format!("section.group[data-group=\"{g}\"]")))
            .next()
            .unwrap();
        let n = fx.report.findings.iter().filter(|f| f.group == g).count();
        assert_eq!(sec.select(&sel("tr[data-finding-kind]")).count(), n, "{g}");
    }
}

#[test]
fn anchors_are_unique_and_every_link_resolves() {
    let doc = Html::parse_document(&fixture().render());
    let mut ids = HashSet::new();
    for e in doc.select(&sel("[id]")) {
        let id = e.value().attr("id").unwrap();
        assert!(
            !id.is_empty() && !id.contains(char::is_whitespace),
            "bad id {id:?}"
        );
        assert!(ids.insert(id.to_string()), "duplicate id {id}");
    }
    let mut links = 0;
    for a in doc.select(&sel("a[href]")) {
        let href = a.value().attr("href").unwrap();
        let target = href
            .strip_prefix('#')
            .unwrap_or_else(|| panic!("non-local link {href}"));
        assert!(ids.contains(target), "link to missing #{target}");
        links += 1;
    }
    assert!(links > 30);
    // The index links to every group section.
    let index_links: HashSet<_> = doc
        .select(&sel("#index a[href]"))
        .map(|a| a.value().attr("href").unwrap()[1..].to_string())
        .collect();
    for sec in doc.select(&sel("section.group")) {
        assert!(index_links.contains(sec.value().attr("id").unwrap()));
    }
}

#[test]
fn side_by_side_marks_gaps_and_findings() {
    let doc = Html::parse_document(&fixture().render());
    let g1 = doc
        .select(&sel(&format!("table.sbs[data-group=\"{G1}\"]")))
        .next()
        .unwrap();
    let heads: Vec<_> = g1
        .select(&sel("thead th[data-lang]"))
        .map(|h| h.value().attr("data-lang").unwrap())
        .collect();
    assert_eq!(heads, ["de", "en", "fr", "ru"]);
    // Omission: unit 3 has no Russian text; the row and the empty cell are flagged.
    let row = g1.select(&sel("tr[data-unit=\"3\"]")).next().unwrap();
    assert_eq!(row.value().attr("data-findings"), Some("omission"));
    let ru = row.select(&sel("td[data-lang=\"ru\"]")).next().unwrap();
    assert!(ru
        .value()
        .has_class("empty", scraper::CaseSensitivity::CaseSensitive));
    assert_eq!(ru.value().attr("data-hit"), Some("omission"));
    assert_eq!(text(ru), "— no counterpart —");
    // Untranslated: the French cell of unit 2 reads as English and says so.
    let row = g1.select(&sel("tr[data-unit=\"2\"]")).next().unwrap();
    let fr = row.select(&sel("td[data-lang=\"fr\"]")).next().unwrap();
    assert_eq!(fr.value().attr("data-hit"), Some("untranslated"));
    assert_eq!(fr.value().attr("lang"), Some("fr-FR"));
    assert!(fr.select(&sel("p[lang=\"en\"]")).next().is_some());
    assert!(text(fr).contains("reads as en"));
    // Russian cells carry lang and dir.
    let ru = row.select(&sel("td[data-lang=\"ru\"]")).next().unwrap();
    assert_eq!(ru.value().attr("lang"), Some("ru-RU"));
    assert_eq!(ru.value().attr("dir"), Some("auto"));
    // Unflagged rows carry no findings; the sentence unit (99) is not shown.
    let row0 = g1.select(&sel("tr[data-unit=\"0\"]")).next().unwrap();
    assert_eq!(row0.value().attr("data-findings"), Some(""));
    assert!(doc.select(&sel("tr[data-unit=\"99\"]")).next().is_none());

    let g2 = doc
        .select(&sel(&format!("table.sbs[data-group=\"{G2}\"]")))
        .next()
        .unwrap();
    let add = g2.select(&sel("tr[data-unit=\"2\"]")).next().unwrap();
    assert!(add
        .value()
        .has_class("unmatched", scraper::CaseSensitivity::CaseSensitive));
    assert_eq!(add.value().attr("data-findings"), Some("addition"));
    assert_eq!(add.select(&sel("td.empty")).count(), 2);
    let low = g2.select(&sel("tr[data-unit=\"1\"]")).next().unwrap();
    assert_eq!(
        low.value().attr("data-findings"),
        Some("length-ratio low-confidence")
    );
    assert!(low.select(&sel(".score.low")).next().is_some());

    let g3 = doc
        .select(&sel(&format!("table.sbs[data-group=\"{G3}\"]")))
        .next()
        .unwrap();
    let c = g3.select(&sel("tr[data-unit=\"0\"]")).next().unwrap();
    assert_eq!(c.value().attr("data-findings"), Some("conflict"));
}

#[test]
fn coverage_matrix_shows_states_and_copies_in_date_order() {
    let doc = Html::parse_document(&fixture().render());
    let rows: Vec<_> = doc.select(&sel("#coverage tbody tr")).collect();
    let order: Vec<_> = rows
        .iter()
        .map(|r| r.value().attr("data-group").unwrap())
        .collect();
    assert_eq!(order, [G1, G2, G3]);
    let state = |row: usize, lang: &str| {
        let c = rows[row]
            .select(&sel(&format!("td[data-lang=\"{lang}\"]")))
            .next()
            .unwrap();
        (
            c.value().attr("data-coverage").unwrap().to_string(),
            text(c),
        )
    };
    assert_eq!(state(0, "es").0, "missing");
    assert!(
        state(0, "es").1.contains("missing"),
        "state is written, not only coloured"
    );
    let (s, t) = state(0, "de");
    assert_eq!(s, "present");
    assert!(t.contains("aa/copy/2019-10-16.de.txt"), "{t}");
    assert_eq!(state(1, "fr").0, "absent");
    assert_eq!(state(2, "de").0, "teaser-only");
}

#[test]
fn index_is_worst_first_and_summary_counts() {
    let fx = fixture();
    let doc = Html::parse_document(&fx.render());
    let order: Vec<_> = doc
        .select(&sel("#index tbody tr"))
        .map(|r| r.value().attr("data-group").unwrap().to_string())
        .collect();
    // G1 has two high findings, G2 none high but medium, G3 one medium.
    assert_eq!(order, [G1, G2, G3]);
    let summary = text(doc.select(&sel("#summary")).next().unwrap());
    assert!(summary.contains("3 groups"), "{summary}");
    assert!(summary.contains("12 statements"), "{summary}");
    assert!(summary.contains("10 aligned units"), "{summary}");
    assert!(summary.contains("9 findings"), "{summary}");
    let es_row = doc
        .select(&sel("#summary tr[data-kind=\"missing-language\"]"))
        .next()
        .unwrap();
    let cells: Vec<_> = es_row.select(&sel("td")).map(text).collect();
    assert_eq!(cells, ["·", "·", "1", "·", "·", "·", "1"]);
    assert!(doc.select(&sel("#ungrouped .stmt-title")).next().is_some());
}

#[test]
fn output_is_deterministic_and_handles_empty_input() {
    assert_eq!(fixture().render(), fixture().render());
    let html = render(&AuditReport::default(), &[], &[], &[]);
    let doc = Html::parse_document(&html);
    assert!(doc.errors.is_empty(), "{:?}", doc.errors);
    assert!(html.contains("0</span> findings"));
}

#[test]
fn findings_for_unknown_groups_are_still_listed() {
    let mut fx = fixture();
    fx.report.findings[0].group = "no-such-group".to_string();
    let doc = Html::parse_document(&fx.render());
    assert!(doc
        .select(&sel("#other-findings tr[data-group=\"no-such-group\"]"))
        .next()
        .is_some());
}

#[test]
fn colliding_group_ids_get_distinct_anchors() {
    // Ids that slug to the same anchor ("…-on-idlib") and one that mimics a unit-row anchor.
    let mut fx = fixture();
    let mut extra = Vec::new();
    for (n, id) in [format!("{G2}!"), format!("{G2}?"), format!("{G1}-u0")]
        .into_iter()
        .enumerate()
    {
        let mut g = fx.groups[n % fx.groups.len()].clone();
        let old = g.id.clone();
        g.id = id.clone();
        for u in fx
            .units
            .iter()
            .filter(|u| u.group == old)
            .cloned()
            .collect::<Vec<_>>()
        {
            let mut u = u;
            u.group = id.clone();
            fx.units.push(u);
        }
        extra.push(g);
    }
    fx.groups.extend(extra);
    let doc = Html::parse_document(&fx.render());
    let mut ids = HashSet::new();
    for e in doc.select(&sel("[id]")) {
        assert!(
            ids.insert(e.value().attr("id").unwrap().to_string()),
            "duplicate id {:?}",
            e.value().attr("id")
        );
    }
    for a in doc.select(&sel("a[href]")) {
        assert!(ids.contains(&a.value().attr("href").unwrap()[1..]));
    }
    assert_eq!(doc.select(&sel("section.group")).count(), 6);
    assert_eq!(doc.select(&sel("#index tbody tr")).count(), 6);
}
