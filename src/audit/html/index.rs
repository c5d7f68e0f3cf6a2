//! The index, `report.html`: summary counts, the legend, the surest findings (filterable), the
//! coverage per month, the month pages and the worst statements.
//!
//! It is built from one [`MonthSummary`] per month, never from the run's groups or units, and
//! every list on it is bounded: at most [`Options::index_findings`] findings and
//! [`Options::index_groups`] statements (each month's summary keeps no more than that, and
//! [`Index::add`] merges them), one row per month elsewhere. So the index of a 100,000-page
//! archive stays a page of a few MB at most while every finding remains one click away on its
//! month's page (and all of them in `gaps.csv`).

use std::cmp::{Ordering, Reverse};
use std::collections::BTreeSet;
use std::fmt::Write as _;

use super::month::{lang_codes, write_langs, write_severities};
use super::page::{write_filters, write_foot, write_head, write_legend};
use super::text::{
    date_text, escape, fmt_bytes, plural, severity_name, shorten, KINDS, SEVERITIES,
};
use super::{MonthKey, Options, RenderedPage, INDEX_FILE};
use crate::model::{Date, FindingKind, FindingSeverity, Lang};

/// Columns of the per-kind counts: one per language, then "no language".
const LANG_COLS: usize = Lang::ALL.len() + 1;

/// Statement titles longer than this are cut in the index's tables.
const TITLE_CHARS: usize = 90;

/// One page written for a month.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PageInfo {
    /// Path relative to the output folder (`report/2021-03-2.html`).
    pub path: String,
    /// Size in bytes.
    pub bytes: usize,
    /// Statement groups on the page.
    pub statements: usize,
    /// Earliest and latest date of its statements.
    pub first: Option<Date>,
    /// See `first`.
    pub last: Option<Date>,
    /// Findings on the page per kind, by position in the legend's kind order.
    pub kinds: [usize; KINDS.len()],
}

impl PageInfo {
    /// The first of `pages` that shows a finding of kind number `kind` (see
    /// [`PageInfo::kinds`]), else the first page: where a per-kind count of the month links.
    pub(super) fn first_with(pages: &[PageInfo], kind: usize) -> &PageInfo {
        pages
            .iter()
            .find(|p| p.kinds[kind] > 0)
            .unwrap_or(&pages[0])
    }
}

/// What the index knows about one month: counts, pages, and the month's surest findings and
/// worst statements (only as many as the index can show).
#[derive(Clone, Debug)]
pub struct MonthSummary {
    pub(super) key: MonthKey,
    pub(super) pages: Vec<PageInfo>,
    pub(super) groups: usize,
    pub(super) statements: usize,
    pub(super) units: usize,
    pub(super) langs: BTreeSet<Lang>,
    pub(super) findings: usize,
    /// Findings per kind (position in `KINDS`) and language of the version concerned.
    pub(super) kind_lang: [[usize; LANG_COLS]; KINDS.len()],
    /// Findings per severity, most severe first.
    pub(super) severity: [usize; 4],
    /// Groups per language: present, teaser only, missing.
    pub(super) coverage: [[usize; 3]; Lang::ALL.len()],
    pub(super) ungrouped: usize,
    pub(super) ungrouped_href: Option<String>,
    pub(super) other_findings: usize,
    pub(super) other_findings_href: Option<String>,
    pub(super) top_findings: Vec<FindingRow>,
    pub(super) worst: Vec<GroupRow>,
}

impl MonthSummary {
    pub(super) fn new(key: MonthKey) -> MonthSummary {
        MonthSummary {
            key,
            pages: Vec::new(),
            groups: 0,
            statements: 0,
            units: 0,
            langs: BTreeSet::new(),
            findings: 0,
            kind_lang: [[0; LANG_COLS]; KINDS.len()],
            severity: [0; 4],
            coverage: [[0; 3]; Lang::ALL.len()],
            ungrouped: 0,
            ungrouped_href: None,
            other_findings: 0,
            other_findings_href: None,
            top_findings: Vec::new(),
            worst: Vec::new(),
        }
    }

    /// The month.
    pub fn key(&self) -> MonthKey {
        self.key
    }

    /// The month's pages, in order.
    pub fn pages(&self) -> &[PageInfo] {
        &self.pages
    }

    /// Number of findings of the month.
    pub fn findings(&self) -> usize {
        self.findings
    }
}

/// A finding as the index lists it, pointing at its row on a month page.
#[derive(Clone, Debug)]
pub(super) struct FindingRow {
    pub(super) kind: FindingKind,
    pub(super) severity: FindingSeverity,
    pub(super) confidence: f64,
    pub(super) group: String,
    pub(super) title: String,
    pub(super) date: Option<Date>,
    pub(super) langs: Vec<Lang>,
    pub(super) paragraphs: String,
    pub(super) message: String,
    pub(super) href: String,
    /// Month and number on the month's pages: the tie-break that makes the order total.
    pub(super) pos: (MonthKey, usize),
}

impl FindingRow {
    /// Surest first, then most severe, then in page order.
    pub(super) fn order(a: &FindingRow, b: &FindingRow) -> Ordering {
        b.confidence
            .total_cmp(&a.confidence)
            .then(b.severity.cmp(&a.severity))
            .then(a.pos.cmp(&b.pos))
    }
}

/// A statement group as the index lists it, pointing at its section on a month page.
#[derive(Clone, Debug)]
pub(super) struct GroupRow {
    pub(super) id: String,
    pub(super) title: String,
    pub(super) date: Option<Date>,
    pub(super) href: String,
    /// Languages, each with whether its version is only a teaser.
    pub(super) langs: Vec<(Lang, bool)>,
    pub(super) units: usize,
    pub(super) findings: usize,
    pub(super) sev: [usize; 4],
    pub(super) kinds: Vec<(FindingKind, usize)>,
    /// Month and position in the month's date order.
    pub(super) pos: (MonthKey, usize),
}

impl GroupRow {
    /// Worst first: most high-severity findings, then medium, …, then most findings, then date.
    pub(super) fn order(a: &GroupRow, b: &GroupRow) -> Ordering {
        (Reverse(a.sev), Reverse(a.findings), a.pos).cmp(&(
            Reverse(b.sev),
            Reverse(b.findings),
            b.pos,
        ))
    }
}

/// The head of a worst-first table of statements (the index's and each month page's).
pub(super) const GROUP_TABLE_HEAD: &str = "<table class=\"index\">\n<thead><tr><th scope=\"col\" class=\"n\">#</th><th scope=\"col\" class=\"date\">date</th><th scope=\"col\">statement</th><th scope=\"col\">languages</th><th scope=\"col\" class=\"n\">units</th><th scope=\"col\" class=\"n\">findings</th><th scope=\"col\">by severity</th><th scope=\"col\">kinds</th></tr></thead>\n<tbody>\n";

/// A worst-first row after its rank cell: date, `title` linked to `href`, languages (teasers
/// marked), units, findings, severities and kinds; closes the row.
pub(super) fn write_group_cells(out: &mut String, g: &GroupRow, href: &str, title: &str) {
    let _ = write!(
        out,
        "<td class=\"date\">{d}</td><td><a href=\"{href}\">{t}</a></td><td>",
        d = date_text(g.date),
        t = escape(title)
    );
    for (l, teaser) in &g.langs {
        let _ = write!(
            out,
            "<span class=\"lang{}\">{l}</span> ",
            if *teaser { " teaser" } else { "" }
        );
    }
    let _ = write!(
        out,
        "</td><td class=\"n\">{}</td><td class=\"n total\">{}</td><td>",
        g.units, g.findings
    );
    write_severities(out, &g.sev);
    out.push_str("</td><td>");
    for (k, n) in &g.kinds {
        let _ = write!(
            out,
            "<span class=\"badge k-{k}\">{k} {n}</span> ",
            k = k.name()
        );
    }
    out.push_str("</td></tr>\n");
}

/// Collects month summaries (in any order) and renders `report.html`.
pub struct Index {
    opts: Options,
    months: Vec<MonthSummary>,
    top: Vec<FindingRow>,
    worst: Vec<GroupRow>,
}

impl Index {
    /// An index with no months yet.
    pub fn new(opts: &Options) -> Index {
        Index {
            opts: opts.clone(),
            months: Vec::new(),
            top: Vec::new(),
            worst: Vec::new(),
        }
    }

    /// Adds a month; keeps only the surest findings and worst statements over all months so far.
    pub fn add(&mut self, mut month: MonthSummary) {
        self.top.append(&mut month.top_findings);
        self.top.sort_by(FindingRow::order);
        self.top.truncate(self.opts.index_findings);
        self.worst.append(&mut month.worst);
        self.worst.sort_by(GroupRow::order);
        self.worst.truncate(self.opts.index_groups);
        self.months.push(month);
        self.months.sort_by_key(|m| m.key);
    }

    /// Renders the index page.
    pub fn render(&self) -> RenderedPage {
        let mut out = String::with_capacity(
            64 * 1024 + self.top.len() * 700 + self.worst.len() * 600 + self.months.len() * 2000,
        );
        let mut nav = String::from(
            "<a href=\"#summary\">Summary</a> <a href=\"#legend\">Legend</a> <a href=\"#findings\">Findings</a> \
             <a href=\"#coverage\">Coverage</a> <a href=\"#months\">Months</a> <a href=\"#worst\">Statements</a>",
        );
        if let Some(first) = self.months.first() {
            let _ = write!(
                nav,
                " <a href=\"{}\">First month →</a>",
                first.pages[0].path
            );
        }
        write_head(
            &mut out,
            "polyalign audit",
            " data-page=\"index\"",
            "polyalign audit",
            &nav,
        );
        self.write_summary(&mut out);
        write_legend(&mut out, true);
        write_filters(&mut out, false);
        self.write_findings(&mut out);
        self.write_coverage(&mut out);
        self.write_months(&mut out);
        self.write_worst(&mut out);
        write_foot(&mut out);
        RenderedPage {
            path: INDEX_FILE.to_string(),
            html: out,
        }
    }

    fn total<F: Fn(&MonthSummary) -> usize>(&self, f: F) -> usize {
        self.months.iter().map(f).sum()
    }

    fn write_summary(&self, out: &mut String) {
        let langs: BTreeSet<Lang> = self
            .months
            .iter()
            .flat_map(|m| m.langs.iter().copied())
            .collect();
        let findings = self.total(|m| m.findings);
        let pages: Vec<&PageInfo> = self.months.iter().flat_map(|m| &m.pages).collect();
        out.push_str(
            "<section id=\"summary\" class=\"card\">\n<h2>Summary</h2>\n<ul class=\"stats\">\n",
        );
        for (n, one, label) in [
            (self.total(|m| m.groups), "group", "groups"),
            (self.total(|m| m.statements), "statement", "statements"),
            (langs.len(), "language", "languages"),
            (self.total(|m| m.units), "aligned unit", "aligned units"),
            (findings, "finding", "findings"),
            (pages.len(), "month page", "month pages"),
        ] {
            let label = plural(n, one, label);
            let _ = writeln!(out, "<li><span class=\"num\">{n}</span> {label}</li>");
        }
        out.push_str("</ul>\n");
        if !langs.is_empty() {
            out.push_str("<p class=\"muted\">Languages: ");
            let codes: Vec<String> = langs
                .iter()
                .map(|l| format!("<span class=\"lang\">{l}</span>"))
                .collect();
            out.push_str(&codes.join(" "));
            out.push_str("</p>\n");
        }

        // Findings per kind (rows) and per language of the version concerned (columns).
        out.push_str("<h3>Findings per kind and language</h3>\n");
        out.push_str("<table class=\"counts\">\n<thead><tr><th scope=\"col\">kind</th>");
        for l in Lang::ALL {
            let _ = write!(out, "<th scope=\"col\" class=\"n\">{l}</th>");
        }
        out.push_str("<th scope=\"col\" class=\"n\">no language</th><th scope=\"col\" class=\"n\">total</th></tr></thead>\n<tbody>\n");
        let mut col_totals = [0usize; LANG_COLS];
        for (ki, kind) in KINDS.iter().enumerate() {
            let mut counts = [0usize; LANG_COLS];
            for m in &self.months {
                for (c, n) in counts.iter_mut().zip(m.kind_lang[ki]) {
                    *c += n;
                }
            }
            let total: usize = counts.iter().sum();
            let _ = write!(
                out,
                "<tr data-kind=\"{k}\"{cls}><th scope=\"row\"><span class=\"badge k-{k}\">{k}</span></th>",
                k = kind.name(),
                cls = if total == 0 { " class=\"zero\"" } else { "" }
            );
            for (i, c) in counts.iter().enumerate() {
                col_totals[i] += c;
                if *c == 0 {
                    out.push_str("<td class=\"n\">·</td>");
                } else {
                    let _ = write!(out, "<td class=\"n\">{c}</td>");
                }
            }
            let _ = writeln!(out, "<td class=\"n total\">{total}</td></tr>");
        }
        out.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">total</th>");
        for c in col_totals {
            let _ = write!(out, "<td class=\"n\">{c}</td>");
        }
        let _ = writeln!(
            out,
            "<td class=\"n total\">{findings}</td></tr></tfoot>\n</table>"
        );

        let mut sev = [0usize; 4];
        for m in &self.months {
            for (s, n) in sev.iter_mut().zip(m.severity) {
                *s += n;
            }
        }
        out.push_str("<p>By severity: ");
        let parts: Vec<String> = SEVERITIES
            .iter()
            .zip(sev)
            .map(|(&s, n)| {
                format!(
                    "<span class=\"sev sev-{k}\">{k}</span> {n}",
                    k = severity_name(s)
                )
            })
            .collect();
        out.push_str(&parts.join(" · "));
        out.push_str("</p>\n");

        // Where the rest is: ungrouped statements and findings about unknown groups live on
        // their month's pages.
        for (id, one, many, count, href) in [
            (
                "ungrouped",
                "ungrouped statement",
                "ungrouped statements",
                self.total(|m| m.ungrouped),
                self.months
                    .iter()
                    .filter_map(|m| m.ungrouped_href.as_ref().map(|h| (m.key, h)))
                    .collect::<Vec<_>>(),
            ),
            (
                "other-findings",
                "finding about a group not in this report",
                "findings about groups not in this report",
                self.total(|m| m.other_findings),
                self.months
                    .iter()
                    .filter_map(|m| m.other_findings_href.as_ref().map(|h| (m.key, h)))
                    .collect(),
            ),
        ] {
            if count == 0 {
                continue;
            }
            let _ = write!(out, "<p id=\"{id}\">{count} {}: ", plural(count, one, many));
            let links: Vec<String> = href
                .iter()
                .map(|(k, h)| format!("<a href=\"{h}\">{}</a>", k.name()))
                .collect();
            out.push_str(&links.join(", "));
            out.push_str("</p>\n");
        }
        if let Some(big) = pages
            .iter()
            .max_by_key(|p| (p.bytes, Reverse(p.path.as_str())))
        {
            let _ = writeln!(
                out,
                "<p class=\"muted\">Month pages are split at {} each; the largest is <a href=\"{}\">{}</a> ({}).</p>",
                fmt_bytes(self.opts.page_budget),
                big.path,
                big.path,
                fmt_bytes(big.bytes)
            );
        }
        out.push_str("</section>\n");
    }

    fn write_findings(&self, out: &mut String) {
        let total = self.total(|m| m.findings);
        out.push_str("<section id=\"findings\" class=\"card\">\n<h2>Findings <span class=\"muted small\">surest first</span></h2>\n");
        if self.top.len() < total {
            let _ = writeln!(
                out,
                "<p class=\"bound\">The {} surest of {total} findings. Every finding is on its month's page (see <a href=\"#months\">Months</a>) and in <code>gaps.csv</code>.</p>",
                self.top.len()
            );
        }
        if self.top.is_empty() {
            out.push_str("<p class=\"muted\">No findings.</p>\n</section>\n");
            return;
        }
        out.push_str("<table class=\"findings\">\n<thead><tr><th scope=\"col\" class=\"fid\">#</th><th scope=\"col\" class=\"kind\">kind</th><th scope=\"col\">severity</th><th scope=\"col\" class=\"n\">confidence</th><th scope=\"col\">languages</th><th scope=\"col\">statement</th><th scope=\"col\">¶</th><th scope=\"col\">message</th></tr></thead>\n<tbody>\n");
        for (rank, f) in self.top.iter().enumerate() {
            let _ = write!(
                out,
                "<tr class=\"finding sev-row-{s}\" data-finding-kind=\"{k}\" data-group=\"{g}\" data-severity=\"{s}\" data-confidence=\"{c:.2}\" data-langs=\"{ls}\">\
                 <td class=\"fid\">{r}</td><td class=\"kind\"><span class=\"badge k-{k}\">{k}</span></td><td><span class=\"sev sev-{s}\">{s}</span></td><td class=\"n\">{c:.2}</td><td>",
                s = severity_name(f.severity),
                k = f.kind.name(),
                g = escape(&f.group),
                c = f.confidence,
                ls = lang_codes(&f.langs),
                r = rank + 1
            );
            write_langs(out, &f.langs);
            let _ = writeln!(
                out,
                "</td><td><span class=\"date\">{d}</span> <a href=\"{h}\">{t}</a></td><td class=\"paras\">{p}</td><td>{m}</td></tr>",
                d = date_text(f.date),
                h = f.href,
                t = escape(&shorten(&f.title, TITLE_CHARS)),
                p = f.paragraphs,
                m = escape(&f.message)
            );
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn write_coverage(&self, out: &mut String) {
        out.push_str("<section id=\"coverage\" class=\"card\">\n<h2>Coverage per month</h2>\n");
        out.push_str("<p class=\"muted\">Statement groups per language: ✓ present, ◐ teaser only, ✗ missing (promised by the switcher). Each month's page has the matrix per statement.</p>\n");
        out.push_str("<div class=\"scroll\"><table class=\"cov matrix\">\n<thead><tr><th scope=\"col\">month</th><th scope=\"col\" class=\"n\">groups</th>");
        for l in Lang::ALL {
            let _ = write!(out, "<th scope=\"col\" class=\"lc\">{l}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for m in &self.months {
            let _ = write!(
                out,
                "<tr data-month=\"{k}\"><th scope=\"row\"><a href=\"{h}#coverage\">{k}</a></th><td class=\"n\">{g}</td>",
                k = m.key.name(),
                h = m.pages[0].path,
                g = m.groups
            );
            for (l, [present, teaser, missing]) in Lang::ALL.iter().zip(m.coverage) {
                let cls = if missing > 0 {
                    " c-missing"
                } else if present > 0 {
                    " c-present"
                } else if teaser > 0 {
                    " c-teaser-only"
                } else {
                    " c-absent"
                };
                let _ = write!(
                    out,
                    "<td class=\"cnt{cls}\" data-lang=\"{l}\" data-present=\"{present}\" data-teaser-only=\"{teaser}\" data-missing=\"{missing}\">"
                );
                let mut any = false;
                for (n, sym, what) in [
                    (present, "✓", "present"),
                    (teaser, "◐", "teaser-only"),
                    (missing, "✗", "missing"),
                ] {
                    if n > 0 {
                        let _ = write!(
                            out,
                            "<span class=\"c c-{what}\" title=\"{what}\">{sym} {n}</span>"
                        );
                        any = true;
                    }
                }
                if !any {
                    out.push('–');
                }
                out.push_str("</td>");
            }
            out.push_str("</tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }

    fn write_months(&self, out: &mut String) {
        out.push_str("<section id=\"months\" class=\"card\">\n<h2>Months</h2>\n");
        out.push_str("<p class=\"muted\">One page per month with every statement, finding and aligned unit; a kind badge opens the month (its first page with that kind) with only that kind shown.</p>\n");
        out.push_str("<div class=\"scroll\"><table class=\"index months\">\n<thead><tr><th scope=\"col\">month</th><th scope=\"col\">pages</th><th scope=\"col\" class=\"n\">groups</th><th scope=\"col\" class=\"n\">statements</th><th scope=\"col\" class=\"n\">units</th><th scope=\"col\" class=\"n\">findings</th><th scope=\"col\">by severity</th><th scope=\"col\">kinds</th></tr></thead>\n<tbody>\n");
        for m in &self.months {
            let _ = write!(
                out,
                "<tr data-month=\"{k}\"><th scope=\"row\"><a href=\"{h}\">{k}</a></th><td>",
                k = m.key.name(),
                h = m.pages[0].path
            );
            let links: Vec<String> = m
                .pages
                .iter()
                .enumerate()
                .map(|(i, p)| {
                    format!(
                        "<a href=\"{}\" data-bytes=\"{}\">{}</a> <span class=\"muted small\">{}</span>",
                        p.path,
                        p.bytes,
                        i + 1,
                        fmt_bytes(p.bytes)
                    )
                })
                .collect();
            out.push_str(&links.join(" · "));
            let _ = write!(
                out,
                "</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n\">{}</td><td class=\"n total\">{}</td><td>",
                m.groups, m.statements, m.units, m.findings
            );
            write_severities(out, &m.severity);
            out.push_str("</td><td>");
            for (ki, kind) in KINDS.iter().enumerate() {
                let n: usize = m.kind_lang[ki].iter().sum();
                if n > 0 {
                    let _ = write!(
                        out,
                        "<a class=\"badge k-{k}\" href=\"{h}#only={k}\">{k} {n}</a> ",
                        k = kind.name(),
                        h = PageInfo::first_with(&m.pages, ki).path
                    );
                }
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }

    fn write_worst(&self, out: &mut String) {
        let total = self.total(|m| m.groups);
        out.push_str("<section id=\"worst\" class=\"card\">\n<h2>Statements <span class=\"muted small\">worst first</span></h2>\n");
        if self.worst.len() < total {
            let _ = writeln!(
                out,
                "<p class=\"bound\">The {} worst of {total} statement groups; every one is on its month's page.</p>",
                self.worst.len()
            );
        }
        out.push_str(GROUP_TABLE_HEAD);
        for (rank, g) in self.worst.iter().enumerate() {
            let _ = write!(
                out,
                "<tr data-group=\"{id}\"><td class=\"n\">{r}</td>",
                id = escape(&g.id),
                r = rank + 1
            );
            write_group_cells(out, g, &g.href, &shorten(&g.title, TITLE_CHARS));
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }
}
