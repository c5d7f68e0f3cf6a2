//! The audit report people read: `report.html`, an index of the whole run, and one page per month
//! under `report/` with each statement's files, findings and a side-by-side view of its aligned
//! paragraphs.
//!
//! # Layout, and why
//! One page for everything grew with the corpus (11.8 MB for 1,776 held-out pages, about 700 MB
//! for a 100,000-page archive, which no browser opens). So:
//!
//! | file | holds | bounded by |
//! | --- | --- | --- |
//! | `report.html` | summary counts, legend, the surest findings (filterable by kind and language), coverage per month, the month pages with their per-kind counts, the worst statements | [`Options::index_findings`] findings (2,000), [`Options::index_groups`] statements (1,000), one row per month |
//! | `report/YYYY-MM.html` | the month's statements by date: coverage matrix, worst-first table, and per statement its versions, findings and the side-by-side view | [`Options::page_budget`] (4 MB): a bigger month continues in `YYYY-MM-2.html`, `YYYY-MM-3.html`, … |
//! | `report/undated.html` | the same for undated statements, and findings about groups not in the run | the same |
//!
//! A statement group belongs to the month of its date (its coverage row's, else its versions'
//! earliest); an ungrouped statement to the month of its own date. Findings are numbered per
//! month in page order (`#f-12` on the month's pages). The index lists the findings not shown
//! in full through their month (a per-kind count links to the month's first page with a finding
//! of that kind, opened with only that kind shown); `gaps.csv` has all of them.
//!
//! # Streaming
//! A month's pages are rendered from that month's groups, units and findings alone ([`Month`],
//! [`render_month`]), and the index from small per-month summaries ([`Index`]): each summary
//! keeps at most as many findings and statements as the index shows. A caller that has the audit
//! window by window can write each month as it completes and hold one month at a time; [`months`]
//! splits a whole run's output and [`for_each_page`] runs the loop.
//!
//! # Pages
//! Every page is self-contained (inline CSS, a few lines of optional inline JS for filtering),
//! fully readable without JS, and deterministic: the same input gives the same bytes (no
//! timestamps, no hash-map iteration order). Every piece of corpus text goes through
//! [`escape`]. Links are relative (`report/2021-03.html#g-…`, `../report.html`), so the folder
//! works from `file://` and after being copied or mailed as a whole. A URL ending in
//! `#only=omission,addition` opens a page with only those kinds shown (needs JS).
//!
//! # Machine-checkable hooks
//! Used by `tests/report_html.rs`, `tests/report_browser.rs` and any later checks:
//! - `html[data-page="index"]`, or `html[data-page="month"][data-month="2021-03"][data-part]`;
//!   `html[data-js="on"]` once the inline script has run;
//! - month pages: `section.group[data-group]` per group, `id` = its anchor;
//!   `tr[data-finding-kind][data-group][data-severity][data-confidence][data-langs]` on every
//!   finding row (each finding once, in its group's section or in `#other-findings`);
//!   `.stmt-title[data-statement-id][data-lang]` on every statement title (copies and ungrouped
//!   statements included); `tr[data-unit][data-group]` per aligned unit, with `data-findings`
//!   listing the kinds flagged; `td[data-coverage][data-lang]` in the coverage matrix;
//! - the index: the same finding-row attributes on `#findings` rows (the surest ones);
//!   `#coverage tr[data-month]` with `td[data-lang][data-present][data-teaser-only][data-missing]`;
//!   `#months tr[data-month]` linking every page of the month (`a[data-bytes]`);
//!   `#worst tr[data-group]` linking the group's section.

mod index;
mod month;
mod page;
mod text;

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

pub use index::{Index, MonthSummary, PageInfo};
pub use month::{render_month, Month};
pub use text::escape;

use crate::audit::AuditReport;
use crate::model::{CoverageRow, Date, Group, Level, Statement, Unit};

/// The index's file name, in the output folder.
pub const INDEX_FILE: &str = "report.html";

/// The folder of the month pages, in the output folder.
pub const PAGES_DIR: &str = "report";

/// Size limits of the pages.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// A month page is split when it would be bigger than this many bytes (unless one statement
    /// alone is bigger).
    pub page_budget: usize,
    /// The index lists at most this many findings (the surest).
    pub index_findings: usize,
    /// The index lists at most this many statement groups (the worst).
    pub index_groups: usize,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            page_budget: 4_000_000,
            index_findings: 2_000,
            index_groups: 1_000,
        }
    }
}

/// One page: its path relative to the output folder (`/`-separated) and its text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedPage {
    /// `report.html` or `report/2021-03.html`.
    pub path: String,
    /// The whole HTML document.
    pub html: String,
}

/// The month a statement belongs to; undated statements sort last.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MonthKey {
    /// A calendar month.
    Month {
        /// The year.
        year: i32,
        /// 1 to 12.
        month: u8,
    },
    /// No date.
    Undated,
}

impl MonthKey {
    /// The month of `date`.
    pub fn of(date: Option<Date>) -> MonthKey {
        date.map_or(MonthKey::Undated, |d| MonthKey::Month {
            year: d.year,
            month: d.month,
        })
    }

    /// `2021-03` or `undated`.
    pub fn name(self) -> String {
        match self {
            MonthKey::Month { year, month } => format!("{year:04}-{month:02}"),
            MonthKey::Undated => "undated".to_string(),
        }
    }

    /// The file name of the month's `part`-th page (1-based): `2021-03.html`, `2021-03-2.html`.
    pub fn file_name(self, part: usize) -> String {
        if part <= 1 {
            format!("{}.html", self.name())
        } else {
            format!("{}-{part}.html", self.name())
        }
    }
}

/// Splits a run's audit into months, in month order, with the neighbours filled in.
///
/// A group whose id was seen already is skipped (it would only duplicate anchors). Units and
/// findings follow their group; findings about groups not in `groups` go to the undated month's
/// "other findings"; statements in no group go to the month of their own date.
pub fn months<'a>(
    report: &'a AuditReport,
    groups: &'a [Group],
    statements: &'a [Statement],
    units: &'a [Unit],
) -> Vec<Month<'a>> {
    let coverage: HashMap<&str, &CoverageRow> = report
        .coverage
        .iter()
        .map(|r| (r.group.as_str(), r))
        .collect();
    let dates: Vec<Option<Date>> = groups
        .iter()
        .map(|g| month::group_date(g, coverage.get(g.id.as_str()).copied(), statements))
        .collect();
    let mut order: Vec<usize> = (0..groups.len()).collect();
    order.sort_by(|&a, &b| {
        (dates[a].is_none(), dates[a], &groups[a].id, a).cmp(&(
            dates[b].is_none(),
            dates[b],
            &groups[b].id,
            b,
        ))
    });

    let mut buckets: BTreeMap<MonthKey, Month<'a>> = BTreeMap::new();
    let mut month_of: HashMap<&str, MonthKey> = HashMap::new();
    let mut grouped = vec![false; statements.len()];
    for gi in order {
        let g = &groups[gi];
        for s in g
            .versions
            .values()
            .copied()
            .chain(g.duplicates.iter().flat_map(|d| [d.kept, d.copy]))
        {
            if let Some(slot) = grouped.get_mut(s) {
                *slot = true;
            }
        }
        if month_of.contains_key(g.id.as_str()) {
            continue;
        }
        let key = MonthKey::of(dates[gi]);
        month_of.insert(g.id.as_str(), key);
        let m = buckets
            .entry(key)
            .or_insert_with(|| Month::new(key, statements));
        m.groups.push(g);
        if let Some(row) = coverage.get(g.id.as_str()) {
            m.coverage.push(row);
        }
    }
    for u in units.iter().filter(|u| u.level == Level::Paragraph) {
        if let Some(m) = month_of
            .get(u.group.as_str())
            .and_then(|k| buckets.get_mut(k))
        {
            m.units.push(u);
        }
    }
    for f in &report.findings {
        match month_of.get(f.group.as_str()) {
            Some(k) => buckets.get_mut(k).unwrap().findings.push(f),
            None => buckets
                .entry(MonthKey::Undated)
                .or_insert_with(|| Month::new(MonthKey::Undated, statements))
                .other_findings
                .push(f),
        }
    }
    for (s, _) in statements.iter().zip(&grouped).filter(|(_, &g)| !g) {
        let key = MonthKey::of(s.date);
        buckets
            .entry(key)
            .or_insert_with(|| Month::new(key, statements))
            .ungrouped
            .push(s);
    }

    let keys: Vec<MonthKey> = buckets.keys().copied().collect();
    let mut out: Vec<Month<'a>> = buckets.into_values().collect();
    for (i, m) in out.iter_mut().enumerate() {
        m.prev = i.checked_sub(1).map(|j| keys[j]);
        m.next = keys.get(i + 1).copied();
    }
    out
}

/// Renders every page of the report and hands each to `emit` as soon as it is done: the month
/// pages in month order, then the index (so a reader never finds the index pointing at pages
/// not yet written). At most one month's pages are held at a time.
pub fn for_each_page<E>(
    report: &AuditReport,
    groups: &[Group],
    statements: &[Statement],
    units: &[Unit],
    opts: &Options,
    mut emit: impl FnMut(RenderedPage) -> Result<(), E>,
) -> Result<(), E> {
    let mut index = Index::new(opts);
    // Months are rendered a few at a time side by side (each page is a few MB at most, so
    // memory stays bounded) and emitted in month order.
    let months = months(report, groups, statements, units);
    let batch = 2 * rayon::current_num_threads().max(1);
    for chunk in months.chunks(batch) {
        let rendered: Vec<_> = chunk.par_iter().map(|m| render_month(m, opts)).collect();
        for (pages, summary) in rendered {
            for page in pages {
                emit(page)?;
            }
            index.add(summary);
        }
    }
    emit(index.render())
}

/// Renders every page into memory (month pages in month order, the index last). For tests and
/// small runs; [`for_each_page`] writes as it goes.
pub fn render(
    report: &AuditReport,
    groups: &[Group],
    statements: &[Statement],
    units: &[Unit],
    opts: &Options,
) -> Vec<RenderedPage> {
    let mut pages = Vec::new();
    let _ =
        for_each_page::<std::convert::Infallible>(report, groups, statements, units, opts, |p| {
            pages.push(p);
            Ok(())
        });
    pages
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_keys_name_files_and_sort_undated_last() {
        let m = MonthKey::of(Date::new(2021, 3, 14));
        assert_eq!(m.name(), "2021-03");
        assert_eq!(m.file_name(1), "2021-03.html");
        assert_eq!(m.file_name(2), "2021-03-2.html");
        assert_eq!(MonthKey::Undated.file_name(3), "undated-3.html");
        assert!(m < MonthKey::Undated);
        assert!(MonthKey::of(Date::new(2020, 12, 1)) < m);
    }

    #[test]
    fn empty_input_gives_just_the_index() {
        let pages = render(&AuditReport::default(), &[], &[], &[], &Options::default());
        assert_eq!(pages.len(), 1);
        assert_eq!(pages[0].path, INDEX_FILE);
    }
}
