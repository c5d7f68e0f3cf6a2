//! Structure tests of the report pages (`report.html` and `report/<month>.html`) on the
//! hand-built fixture and on the sample corpus (no browser needed).

mod report_fixture;

use std::collections::{BTreeMap, HashSet};

use polyalign::audit::html::{self, Index, Options};
use polyalign::audit::AuditReport;
use report_fixture::site::{check_links, parse_all, read_dir, sel};
use report_fixture::{crowded, fixture, sample_audit, G1, G2, G3};
use scraper::Html;

const M1: &str = "report/2019-10.html";
const M2: &str = "report/2020-03.html";
const M3: &str = "report/2021-06.html";
const UNDATED: &str = "report/undated.html";

fn text(e: scraper::ElementRef) -> String {
    e.text().collect::<String>()
}

fn doc(html: &str) -> Html {
    Html::parse_document(html)
}

#[test]
fn layout_is_an_index_and_one_page_per_month() {
    let site = fixture().render();
    // Month pages first (in month order), the index last: it is written once they exist.
    assert_eq!(site.paths(), [M1, M2, M3, UNDATED, "report.html"]);
    let index = doc(site.index());
    assert_eq!(
        index.root_element().value().attr("data-page"),
        Some("index")
    );
    for (path, month) in [
        (M1, "2019-10"),
        (M2, "2020-03"),
        (M3, "2021-06"),
        (UNDATED, "undated"),
    ] {
        let d = doc(site.page(path));
        let root = d.root_element();
        assert_eq!(root.value().attr("data-page"), Some("month"));
        assert_eq!(root.value().attr("data-month"), Some(month));
        assert_eq!(root.value().attr("data-part"), Some("1"));
        // The index links every month page.
        let href = path.to_string();
        assert!(
            index
                .select(&sel(&format!(
                    "#months tr[data-month=\"{month}\"] a[href=\"{href}\"]"
                )))
                .next()
                .is_some(),
            "index does not link {path}"
        );
    }
}

#[test]
fn every_page_parses_cleanly_and_is_self_contained() {
    for page in fixture().render().pages {
        let html = &page.html;
        assert!(html.starts_with("<!DOCTYPE html>\n<html lang=\"en\""));
        assert!(html.contains("<meta charset=\"utf-8\">"));
        assert!(html.ends_with("</html>\n"));
        let d = doc(html);
        assert!(d.errors.is_empty(), "{}: {:?}", page.path, d.errors);
        assert!(text(d.select(&sel("title")).next().unwrap()).starts_with("polyalign audit"));
        assert!(text(d.select(&sel("h1")).next().unwrap()).starts_with("polyalign audit"));
        // Self-contained: nothing is loaded from elsewhere.
        for bad in ["<link", "src=", "http://", "https://", "@import", "url("] {
            assert!(
                !html.contains(bad),
                "{}: external reference {bad:?}",
                page.path
            );
        }
        // Exactly our one inline script.
        assert_eq!(d.select(&sel("script")).count(), 1, "{}", page.path);
    }
}

#[test]
fn corpus_text_is_escaped() {
    let site = fixture().render();
    for page in &site.pages {
        assert!(!page.html.contains("<script>alert"), "{}", page.path);
        assert!(!page.html.contains("<b>bold</b>"), "{}", page.path);
    }
    let html = site.page(M1);
    assert!(html.contains(
        "&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt; &amp; &lt;b&gt;bold&lt;/b&gt;"
    ));
    assert!(site
        .page(UNDATED)
        .contains("Cookie settings &amp; privacy &lt;notice&gt;"));
    let d = doc(html);
    assert_eq!(d.select(&sel("b")).count(), 0);
    let cell = d
        .select(&sel("tr[data-unit=\"2\"] td[data-lang=\"en\"]"))
        .find(|c| text(*c).contains("pwned"))
        .expect("en cell of unit 2");
    assert!(text(cell).contains("<script>alert(\"pwned\")</script> & <b>bold</b>"));
}

#[test]
fn every_statement_title_appears_once_on_the_month_pages() {
    let fx = fixture();
    let site = fx.render();
    let docs: Vec<Html> = site.months().map(|p| doc(&p.html)).collect();
    for s in &fx.statements {
        let id_sel = sel(&format!(".stmt-title[data-statement-id=\"{}\"]", s.id));
        let hits: Vec<String> = docs
            .iter()
            .flat_map(|d| d.select(&id_sel).map(text).collect::<Vec<_>>())
            .collect();
        assert_eq!(hits, std::slice::from_ref(&s.title), "statement {}", s.id);
    }
    // The ungrouped statement (no date) is on the undated page.
    assert!(doc(site.page(UNDATED))
        .select(&sel("#ungrouped .stmt-title"))
        .next()
        .is_some());
}

#[test]
fn every_finding_appears_once_on_its_month_page_and_in_the_index() {
    let fx = fixture();
    let site = fx.render();
    let mut rows: Vec<(String, String, String)> = Vec::new();
    for page in site.months() {
        let d = doc(&page.html);
        for r in d.select(&sel("tr[data-finding-kind]")) {
            let a = r.value();
            rows.push((
                a.attr("data-finding-kind").unwrap().to_string(),
                a.attr("data-group").unwrap().to_string(),
                text(r),
            ));
        }
    }
    assert_eq!(rows.len(), fx.report.findings.len());
    for f in &fx.report.findings {
        assert!(
            rows.iter()
                .any(|(k, g, t)| k == f.kind.name() && *g == f.group && t.contains(&f.message)),
            "finding {} in {} missing",
            f.kind.name(),
            f.group
        );
    }
    // Each group's findings sit inside that group's section, on its month's page.
    for (g, page) in [(G1, M1), (G2, M2), (G3, M3)] {
        let d = doc(site.page(page));
        let sec = d
            .select(&sel(&format!("section.group[data-group=\"{g}\"]")))
            .next()
            .unwrap();
        let n = fx.report.findings.iter().filter(|f| f.group == g).count();
        assert_eq!(sec.select(&sel("tr[data-finding-kind]")).count(), n, "{g}");
    }
    // The index lists all of them here (fewer than its limit), surest first, each linking to
    // its row on the month page.
    let index = doc(site.index());
    let conf: Vec<f64> = index
        .select(&sel("#findings tr[data-finding-kind]"))
        .map(|r| r.value().attr("data-confidence").unwrap().parse().unwrap())
        .collect();
    assert_eq!(conf.len(), fx.report.findings.len());
    assert!(conf.windows(2).all(|w| w[0] >= w[1]), "{conf:?}");
    for r in index.select(&sel("#findings tr[data-finding-kind]")) {
        let href = r
            .select(&sel("a[href]"))
            .next()
            .unwrap()
            .value()
            .attr("href")
            .unwrap();
        assert!(
            href.starts_with("report/") && href.contains("#f-"),
            "{href}"
        );
    }
    assert!(index.select(&sel("#findings .bound")).next().is_none());
}

#[test]
fn every_link_resolves_across_pages() {
    let site = fixture().render();
    let docs = parse_all(&site.map());
    let links = check_links(&docs);
    assert!(links > 60, "{links}");
    // The worst-first list of the index links every group's section.
    let index = &docs["report.html"];
    let linked: HashSet<&str> = index
        .select(&sel("#worst a[href]"))
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    for (path, d) in &docs {
        for sec in d.select(&sel("section.group")) {
            let href = format!("{path}#{}", sec.value().attr("id").unwrap());
            assert!(linked.contains(href.as_str()), "{href} not in the index");
        }
    }
}

#[test]
fn side_by_side_marks_gaps_and_findings() {
    let site = fixture().render();
    let d1 = doc(site.page(M1));
    let g1 = d1
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
    assert!(d1.select(&sel("tr[data-unit=\"99\"]")).next().is_none());

    let d2 = doc(site.page(M2));
    let g2 = d2
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

    let d3 = doc(site.page(M3));
    let g3 = d3
        .select(&sel(&format!("table.sbs[data-group=\"{G3}\"]")))
        .next()
        .unwrap();
    let c = g3.select(&sel("tr[data-unit=\"0\"]")).next().unwrap();
    assert_eq!(c.value().attr("data-findings"), Some("conflict"));
}

#[test]
fn coverage_is_per_statement_on_month_pages_and_per_month_on_the_index() {
    let site = fixture().render();
    let state = |page: &str, group: &str, lang: &str| {
        let d = doc(site.page(page));
        let c = d
            .select(&sel(&format!(
                "#coverage tr[data-group=\"{group}\"] td[data-lang=\"{lang}\"]"
            )))
            .next()
            .unwrap();
        (
            c.value().attr("data-coverage").unwrap().to_string(),
            text(c),
        )
    };
    let (s, t) = state(M1, G1, "es");
    assert_eq!(s, "missing");
    assert!(t.contains("missing"), "state is written, not only coloured");
    let (s, t) = state(M1, G1, "de");
    assert_eq!(s, "present");
    assert!(t.contains("aa/copy/2019-10-16.de.txt"), "{t}");
    assert_eq!(state(M2, G2, "fr").0, "absent");
    assert_eq!(state(M3, G3, "de").0, "teaser-only");

    let index = doc(site.index());
    let months: Vec<_> = index
        .select(&sel("#coverage tr[data-month]"))
        .map(|r| r.value().attr("data-month").unwrap().to_string())
        .collect();
    assert_eq!(months, ["2019-10", "2020-03", "2021-06", "undated"]);
    let cell = |month: &str, lang: &str| {
        let c = index
            .select(&sel(&format!(
                "#coverage tr[data-month=\"{month}\"] td[data-lang=\"{lang}\"]"
            )))
            .next()
            .unwrap();
        let v = c.value();
        (
            [
                v.attr("data-present").unwrap().parse::<usize>().unwrap(),
                v.attr("data-teaser-only").unwrap().parse().unwrap(),
                v.attr("data-missing").unwrap().parse().unwrap(),
            ],
            text(c),
        )
    };
    assert_eq!(cell("2019-10", "es"), ([0, 0, 1], "✗ 1".to_string()));
    assert_eq!(cell("2019-10", "de").0, [1, 0, 0]);
    assert_eq!(cell("2021-06", "de").0, [0, 1, 0]);
    assert_eq!(cell("2020-03", "fr"), ([0, 0, 0], "–".to_string()));
}

#[test]
fn index_is_worst_first_and_summary_counts() {
    let fx = fixture();
    let site = fx.render();
    let index = doc(site.index());
    let order: Vec<_> = index
        .select(&sel("#worst tbody tr"))
        .map(|r| r.value().attr("data-group").unwrap().to_string())
        .collect();
    // G1 has two high findings, G2 none high but medium, G3 one medium.
    assert_eq!(order, [G1, G2, G3]);
    let summary = text(index.select(&sel("#summary")).next().unwrap());
    assert!(summary.contains("3 groups"), "{summary}");
    assert!(summary.contains("12 statements"), "{summary}");
    assert!(summary.contains("10 aligned units"), "{summary}");
    assert!(summary.contains("9 findings"), "{summary}");
    assert!(summary.contains("4 month pages"), "{summary}");
    assert!(summary.contains("1 ungrouped statement:"), "{summary}");
    let es_row = index
        .select(&sel("#summary tr[data-kind=\"missing-language\"]"))
        .next()
        .unwrap();
    let cells: Vec<_> = es_row.select(&sel("td")).map(text).collect();
    assert_eq!(cells, ["·", "·", "1", "·", "·", "·", "1"]);
    // Per-month kind counts open the month page filtered to that kind.
    let m1 = index
        .select(&sel("#months tr[data-month=\"2019-10\"]"))
        .next()
        .unwrap();
    let hrefs: Vec<_> = m1
        .select(&sel("a.badge"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert!(hrefs.contains(&format!("{M1}#only=omission")), "{hrefs:?}");
    // A month page counts its own statements.
    let month = text(doc(site.page(M1)).select(&sel("#summary")).next().unwrap());
    assert!(month.contains("1 group\n"), "{month}");
    assert!(month.contains("5 statements"), "{month}");
}

#[test]
fn output_is_deterministic_and_handles_empty_input() {
    assert_eq!(fixture().render().pages, fixture().render().pages);
    let pages = html::render(&AuditReport::default(), &[], &[], &[], &Options::default());
    assert_eq!(pages.len(), 1);
    let d = doc(&pages[0].html);
    assert!(d.errors.is_empty(), "{:?}", d.errors);
    assert!(pages[0].html.contains("0</span> findings"));
    assert_eq!(
        check_links(&parse_all(&BTreeMap::from([(
            pages[0].path.clone(),
            pages[0].html.clone()
        )]))),
        6
    );
}

#[test]
fn findings_for_unknown_groups_are_still_listed() {
    let mut fx = fixture();
    fx.report.findings[0].group = "no-such-group".to_string();
    let site = fx.render();
    let undated = doc(site.page(UNDATED));
    assert!(undated
        .select(&sel("#other-findings tr[data-group=\"no-such-group\"]"))
        .next()
        .is_some());
    let index = doc(site.index());
    let note = index
        .select(&sel("#summary #other-findings a"))
        .next()
        .unwrap();
    assert_eq!(
        note.value().attr("href"),
        Some("report/undated.html#other-findings")
    );
    check_links(&parse_all(&site.map()));
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
    let site = fx.render();
    let docs = parse_all(&site.map());
    check_links(&docs);
    let sections: usize = docs
        .values()
        .map(|d| d.select(&sel("section.group")).count())
        .sum();
    assert_eq!(sections, 6);
    assert_eq!(
        docs["report.html"].select(&sel("#worst tbody tr")).count(),
        6
    );
}

#[test]
fn a_crowded_month_is_split_into_parts_within_the_budget() {
    let fx = crowded(11); // twelve copies of group 1 in October 2019
    let one = fx.render();
    let single = one.page(M1).len();
    let opts = Options {
        page_budget: single / 4,
        ..Options::default()
    };
    let site = fx.render_with(&opts);
    let parts: Vec<&str> = site
        .paths()
        .into_iter()
        .filter(|p| p.starts_with("report/2019-10"))
        .collect();
    assert!(parts.len() >= 4, "{parts:?}");
    assert_eq!(parts[0], M1);
    for (i, p) in parts.iter().enumerate().skip(1) {
        assert_eq!(*p, format!("report/2019-10-{}.html", i + 1));
    }
    let docs = parse_all(&site.map());
    check_links(&docs);
    let mut seen = Vec::new();
    for p in &parts {
        let html = site.page(p);
        let d = &docs[*p];
        let groups: Vec<String> = d
            .select(&sel("section.group"))
            .map(|s| s.value().attr("data-group").unwrap().to_string())
            .collect();
        assert!(!groups.is_empty(), "{p} has no statement");
        assert!(
            html.len() <= opts.page_budget || groups.len() == 1,
            "{p}: {} bytes over the budget of {} with {} statements",
            html.len(),
            opts.page_budget,
            groups.len()
        );
        // Each part lists its own statements and links every part of the month.
        assert_eq!(d.select(&sel("#coverage tbody tr")).count(), groups.len());
        assert_eq!(d.select(&sel("ul.parts li")).count(), parts.len());
        seen.extend(groups);
    }
    // Every statement of the month once, in date-then-id order across the parts.
    let mut want: Vec<String> = fx
        .groups
        .iter()
        .filter(|g| g.id.starts_with(G1))
        .map(|g| g.id.clone())
        .collect();
    want.sort();
    assert_eq!(seen, want);
    // Finding numbers run on across the parts: f-1 … f-n, each once.
    let mut numbers: Vec<usize> = parts
        .iter()
        .flat_map(|p| {
            docs[*p]
                .select(&sel("tr[data-finding-kind]"))
                .map(|r| r.value().attr("id").unwrap()[2..].parse().unwrap())
                .collect::<Vec<usize>>()
        })
        .collect();
    let n = numbers.len();
    numbers.sort_unstable();
    assert_eq!(numbers, (1..=n).collect::<Vec<_>>());
    // Deterministic split.
    assert_eq!(site.pages, fx.render_with(&opts).pages);
}

#[test]
fn the_index_is_bounded() {
    let fx = crowded(30);
    let opts = Options {
        index_findings: 5,
        index_groups: 4,
        ..Options::default()
    };
    let site = fx.render_with(&opts);
    let index = doc(site.index());
    let rows: Vec<f64> = index
        .select(&sel("#findings tr[data-finding-kind]"))
        .map(|r| r.value().attr("data-confidence").unwrap().parse().unwrap())
        .collect();
    assert_eq!(rows.len(), 5);
    // The five surest of all findings.
    let mut all: Vec<f64> = fx.report.findings.iter().map(|f| f.confidence).collect();
    all.sort_by(|a, b| b.total_cmp(a));
    let want: Vec<f64> = all[..5]
        .iter()
        .map(|c| format!("{c:.2}").parse().unwrap())
        .collect();
    assert_eq!(rows, want);
    let bound = text(index.select(&sel("#findings .bound")).next().unwrap());
    assert!(
        bound.contains(&format!(
            "The 5 surest of {} findings",
            fx.report.findings.len()
        )),
        "{bound}"
    );
    assert_eq!(index.select(&sel("#worst tbody tr")).count(), 4);
    assert!(index.select(&sel("#worst .bound")).next().is_some());
    // Everything is still on the month pages.
    let on_months: usize = site
        .months()
        .map(|p| doc(&p.html).select(&sel("tr[data-finding-kind]")).count())
        .sum();
    assert_eq!(on_months, fx.report.findings.len());
}

#[test]
fn months_rendered_one_by_one_give_the_same_index_in_any_order() {
    let fx = crowded(3);
    let opts = Options {
        index_findings: 7,
        index_groups: 3,
        ..Options::default()
    };
    let whole = fx.render_with(&opts);
    let months = html::months(&fx.report, &fx.groups, &fx.statements, &fx.units);
    let mut index = Index::new(&opts);
    // As a windowed pipeline would: each month alone, here newest first.
    for m in months.iter().rev() {
        let (pages, summary) = html::render_month(m, &opts);
        for p in &pages {
            assert_eq!(p.html, whole.page(&p.path), "{}", p.path);
        }
        assert_eq!(summary.pages().len(), pages.len());
        index.add(summary);
    }
    assert_eq!(index.render().html, whole.index());
}

#[test]
fn writing_replaces_stale_month_pages_only() {
    let fx = fixture();
    let dir = tempfile::tempdir().unwrap();
    let pages = dir.path().join("report");
    std::fs::create_dir_all(&pages).unwrap();
    std::fs::write(pages.join("1999-01.html"), "stale").unwrap();
    std::fs::write(pages.join("2019-10-7.html"), "stale").unwrap();
    std::fs::write(pages.join("notes.html"), "mine").unwrap();
    let index = fx.write(dir.path());
    assert!(index.is_file());
    let site = read_dir(dir.path());
    let paths: Vec<&str> = site.keys().map(String::as_str).collect();
    assert_eq!(
        paths,
        ["report.html", M1, M2, M3, "report/notes.html", UNDATED]
    );
    assert_eq!(site["report/notes.html"], "mine");
    let mut docs = parse_all(&site);
    docs.remove("report/notes.html");
    check_links(&docs);
}

/// The real pipeline on `corpora/sample`: the pages written by `write_audit` link up, and every
/// finding of the run is on exactly one month page.
#[test]
fn sample_report_pages_link_up() {
    let dir = tempfile::tempdir().unwrap();
    let out = sample_audit(dir.path());
    let site = read_dir(dir.path());
    assert!(site.len() > 3, "{:?}", site.keys());
    let docs = parse_all(&site);
    for (p, d) in &docs {
        assert!(d.errors.is_empty(), "{p}: {:?}", d.errors);
    }
    check_links(&docs);
    let mut have: BTreeMap<(String, String), usize> = BTreeMap::new();
    for (p, d) in &docs {
        if p == "report.html" {
            continue;
        }
        for r in d.select(&sel("tr[data-finding-kind]")) {
            let v = r.value();
            *have
                .entry((
                    v.attr("data-finding-kind").unwrap().to_string(),
                    v.attr("data-group").unwrap().to_string(),
                ))
                .or_default() += 1;
        }
    }
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in &out.audit.findings {
        *want
            .entry((f.kind.name().to_string(), f.group.clone()))
            .or_default() += 1;
    }
    assert_eq!(have, want);
}

/// No text is dropped: `polyalign align` on the sample, then every segment of every unit in
/// its `units.jsonl` is in that unit's row on a month page: the cell's paragraphs joined as the
/// export joins them give the segment's text, and a one-paragraph segment's text is on the page
/// HTML-escaped.
#[test]
fn every_unit_text_is_on_a_month_page() {
    let dir = tempfile::tempdir().unwrap();
    let status = std::process::Command::new(env!("CARGO_BIN_EXE_polyalign"))
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .args([
            "align",
            "corpora/sample",
            "--format",
            "jsonl",
            "--quiet",
            "-o",
        ])
        .arg(dir.path())
        .status()
        .unwrap();
    assert!(status.success(), "{status}");
    let site = read_dir(dir.path());
    let docs = parse_all(&site);
    check_links(&docs);
    let units = std::fs::read_to_string(dir.path().join("units.jsonl")).unwrap();
    let (mut segments, mut one_paragraph) = (0, 0);
    for line in units.lines() {
        let u: serde_json::Value = serde_json::from_str(line).unwrap();
        let group = u["group"].as_str().unwrap();
        let unit = u["unit"].as_u64().unwrap();
        assert_eq!(u["level"], "paragraph");
        let row_sel = sel(&format!(
            "tr[data-group=\"{}\"][data-unit=\"{unit}\"]",
            html::escape(group)
        ));
        let rows: Vec<(&String, scraper::ElementRef)> = docs
            .iter()
            .filter(|(p, _)| p.as_str() != "report.html")
            .flat_map(|(p, d)| d.select(&row_sel).map(move |r| (p, r)))
            .collect();
        assert_eq!(rows.len(), 1, "unit {unit} of {group}: {} rows", rows.len());
        let (page, row) = rows[0];
        for (lang, seg) in u["segments"].as_object().unwrap() {
            let want = seg["text"].as_str().unwrap();
            let cell = row
                .select(&sel(&format!("td[data-lang=\"{lang}\"]")))
                .next()
                .unwrap_or_else(|| panic!("unit {unit} of {group}: no {lang} cell"));
            // Each paragraph's own text: the text nodes of its <p>, without the ¶ label and
            // the language note.
            let paras: Vec<String> = cell
                .select(&sel("p"))
                .map(|p| {
                    p.children()
                        .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                        .collect::<String>()
                })
                .collect();
            assert_eq!(
                paras.join(" "),
                want,
                "unit {unit} of {group}, {lang}, on {page}"
            );
            if seg["indices"].as_array().unwrap().len() == 1 {
                assert!(
                    site[page.as_str()].contains(&html::escape(want)),
                    "unit {unit} of {group}, {lang}: text not on {page} escaped"
                );
                one_paragraph += 1;
            }
            segments += 1;
        }
    }
    assert!(
        segments > 100 && one_paragraph > 100,
        "{segments} {one_paragraph}"
    );
}

/// On a month split into parts, a per-kind count (the index's and the month page's) opens the
/// first part that has a finding of that kind, not always the first part.
#[test]
fn kind_links_open_the_first_part_with_that_kind() {
    let mut fx = crowded(11);
    let last = format!("{G1}-copy-11");
    for f in fx.report.findings.iter_mut().filter(|f| f.group == last) {
        f.kind = polyalign::model::FindingKind::Copied;
    }
    let single = fx.render().page(M1).len();
    let opts = Options {
        page_budget: single / 4,
        ..Options::default()
    };
    let site = fx.render_with(&opts);
    let docs = parse_all(&site.map());
    // check_links also checks that every `#only=` link opens a page with such a finding.
    check_links(&docs);
    let parts: Vec<&str> = site
        .paths()
        .into_iter()
        .filter(|p| p.starts_with("report/2019-10"))
        .collect();
    // The part holding that copy (ids sort `-copy-1`, `-copy-10`, `-copy-11`, `-copy-2`, …).
    let holds = sel(&format!("section.group[data-group=\"{last}\"]"));
    let with_copied = *parts
        .iter()
        .find(|p| docs[**p].select(&holds).next().is_some())
        .unwrap();
    assert_ne!(with_copied, M1);
    let index_href = docs["report.html"]
        .select(&sel("#months tr[data-month=\"2019-10\"] a.k-copied"))
        .next()
        .unwrap()
        .value()
        .attr("href")
        .unwrap()
        .to_string();
    assert_eq!(index_href, format!("{with_copied}#only=copied"));
    let file = with_copied.rsplit('/').next().unwrap();
    for p in &parts {
        let hrefs: Vec<&str> = docs[*p]
            .select(&sel("#summary a.k-copied"))
            .map(|a| a.value().attr("href").unwrap())
            .collect();
        assert_eq!(hrefs, [format!("{file}#only=copied")], "{p}");
    }
}
