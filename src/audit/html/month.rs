//! A month's pages, `report/<YYYY-MM>.html`: the month's statements in date order, each with its
//! files, findings and a side-by-side view of its aligned paragraphs.
//!
//! A page is rendered from one [`Month`] alone (its groups, units and findings), never from the
//! whole run, so a caller can render months as they become available. Statements are packed in
//! date order into parts of at most [`Options::page_budget`] bytes (`2021-03.html`,
//! `2021-03-2.html`, …); each part lists its own statements in its coverage matrix and
//! worst-first table, and links to the month's other parts. Only a single statement bigger than
//! the budget makes a part bigger than the budget: a statement is never cut.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use super::index::{
    write_group_cells, FindingRow, GroupRow, MonthSummary, PageInfo, GROUP_TABLE_HEAD,
};
use super::page::{write_filters, write_foot, write_head, write_legend};
use super::text::{
    coverage_state, date_text, escape, fmt_num, is_row_kind, kind_index, para_label, plural,
    severity_index, severity_name, shorten, Anchors, KINDS, LOW_SCORE, MID_SCORE,
};
use super::{MonthKey, Options, RenderedPage, INDEX_FILE, PAGES_DIR};
use crate::model::{
    Coverage, CoverageRow, Date, Finding, FindingKind, Group, Lang, Level, Statement,
    StatementKind, Unit, UnitSegment,
};

/// Excerpts longer than this are cut in the findings tables (the full text is in the
/// side-by-side view).
const EXCERPT_CHARS: usize = 280;

/// The head of a month page's coverage matrix.
const COVERAGE_TABLE_HEAD: &str = "<div class=\"scroll\"><table class=\"cov matrix\">\n<thead><tr><th scope=\"col\" class=\"date\">date</th><th scope=\"col\">statement</th><th scope=\"col\" class=\"lc\">de</th><th scope=\"col\" class=\"lc\">en</th><th scope=\"col\" class=\"lc\">es</th><th scope=\"col\" class=\"lc\">fr</th><th scope=\"col\" class=\"lc\">ru</th></tr></thead>\n<tbody>\n";

/// Ids used by the page itself; group and unit anchors are made around them.
const FIXED_IDS: [&str; 10] = [
    "top",
    "summary",
    "legend",
    "filters",
    "shown",
    "coverage",
    "index",
    "groups",
    "other-findings",
    "ungrouped",
];

/// Everything one month's pages are rendered from.
///
/// `statements` is whatever the groups' version and duplicate indices point into (the whole
/// run's statements, or a window's); only the statements of `groups` and `ungrouped` are read.
pub struct Month<'a> {
    /// The month (or [`MonthKey::Undated`]).
    pub key: MonthKey,
    /// The months before and after, for the page's navigation links (`None`: no link).
    pub prev: Option<MonthKey>,
    /// See `prev`.
    pub next: Option<MonthKey>,
    /// What the groups' statement indices point into.
    pub statements: &'a [Statement],
    /// The month's groups, any order (pages list them by date, then id).
    pub groups: Vec<&'a Group>,
    /// The audit's coverage rows of those groups; a group without one gets a row derived from
    /// its versions.
    pub coverage: Vec<&'a CoverageRow>,
    /// Findings about those groups.
    pub findings: Vec<&'a Finding>,
    /// Aligned units of those groups (only paragraph units are shown).
    pub units: Vec<&'a Unit>,
    /// Statements of this month that are in no group.
    pub ungrouped: Vec<&'a Statement>,
    /// Findings about groups that are not in the run, listed in a section of their own.
    pub other_findings: Vec<&'a Finding>,
}

impl<'a> Month<'a> {
    /// An empty month whose groups' statement indices point into `statements`.
    pub fn new(key: MonthKey, statements: &'a [Statement]) -> Month<'a> {
        Month {
            key,
            prev: None,
            next: None,
            statements,
            groups: Vec::new(),
            coverage: Vec::new(),
            findings: Vec::new(),
            units: Vec::new(),
            ungrouped: Vec::new(),
            other_findings: Vec::new(),
        }
    }
}

/// A group's date: its coverage row's, else its versions' earliest.
pub(super) fn group_date(
    group: &Group,
    row: Option<&CoverageRow>,
    statements: &[Statement],
) -> Option<Date> {
    row.and_then(|r| r.date).or_else(|| {
        group
            .versions
            .values()
            .filter_map(|&s| statements.get(s).and_then(|s| s.date))
            .min()
    })
}

/// Renders a month's pages and the summary the index needs.
pub fn render_month(month: &Month, opts: &Options) -> (Vec<RenderedPage>, MonthSummary) {
    let mr = MonthRender::new(month);
    mr.render(opts)
}

/// Everything known about one group, precomputed once.
struct GroupView<'a> {
    group: &'a Group,
    anchor: String,
    title: String,
    date: Option<Date>,
    /// The coverage row: the audit's, or one derived from the group when the audit has none.
    coverage: CoverageRow,
    /// Indices into [`MonthRender::all`], surest first.
    findings: Vec<usize>,
    /// Paragraph units, by unit number.
    units: Vec<&'a Unit>,
    /// Anchor of each unit row, parallel to `units`.
    unit_anchors: Vec<String>,
    /// Columns of the side-by-side view: languages with a version or a segment.
    langs: Vec<Lang>,
    /// Finding indices flagging each unit row, parallel to `units`.
    row_findings: Vec<Vec<usize>>,
    /// Finding indices flagging individual cells: (unit position, language).
    cell_findings: BTreeMap<(usize, Lang), Vec<usize>>,
    /// Unit positions each finding points at, by finding index.
    finding_rows: BTreeMap<usize, Vec<usize>>,
    /// Findings per severity, most severe first.
    sev: [usize; 4],
}

/// What an [`Item`] holds.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
enum ItemKind {
    /// A group: its view.
    Group(usize),
    OtherFindings,
    Ungrouped,
}

/// A piece of a page that is packed into a part whole.
struct Item {
    kind: ItemKind,
    /// The `<section>` (group, other findings or ungrouped statements).
    section: String,
    /// Its coverage-matrix and worst-first rows (empty for the other sections); the rank cell
    /// goes between `index_row_open` and `index_row` once the part is known.
    coverage_row: String,
    index_row_open: String,
    index_row: String,
}

/// Room for a worst-first row's rank cell (`<td class="n">17</td>`).
const RANK_CELL_BYTES: usize = 40;

/// Room for the list of a month's parts on each part (about 170 bytes a part).
const PARTS_LIST_BYTES: usize = 8192;

impl Item {
    /// The group's view, for its table rows.
    fn view(&self) -> Option<usize> {
        match self.kind {
            ItemKind::Group(v) => Some(v),
            _ => None,
        }
    }

    fn cost(&self) -> usize {
        let rank = if self.view().is_some() {
            RANK_CELL_BYTES
        } else {
            0
        };
        self.section.len()
            + self.coverage_row.len()
            + self.index_row_open.len()
            + rank
            + self.index_row.len()
    }
}

struct MonthRender<'a> {
    key: MonthKey,
    prev: Option<MonthKey>,
    next: Option<MonthKey>,
    statements: &'a [Statement],
    /// The month's findings: the groups' first, then the others.
    all: Vec<&'a Finding>,
    /// The number each finding is shown with (and its `f-<n>` id), parallel to `all`: in page
    /// order, so a month's findings count up from 1 across its parts.
    numbers: Vec<usize>,
    views: Vec<GroupView<'a>>,
    /// Indices into `all` of findings about groups not on this month's pages.
    others: Vec<usize>,
    ungrouped: Vec<&'a Statement>,
}

impl<'a> MonthRender<'a> {
    fn new(month: &Month<'a>) -> MonthRender<'a> {
        let statements = month.statements;
        let mut all: Vec<&'a Finding> = month.findings.clone();
        all.extend(month.other_findings.iter().copied());

        let mut anchors = Anchors::default();
        for id in FIXED_IDS {
            anchors.reserve(id);
        }
        for n in 1..=all.len() {
            anchors.reserve(&format!("f-{n}"));
        }

        let coverage_by_group: HashMap<&str, &CoverageRow> = month
            .coverage
            .iter()
            .map(|r| (r.group.as_str(), *r))
            .collect();
        let mut units_by_group: HashMap<&str, Vec<&'a Unit>> = HashMap::new();
        for u in month.units.iter().filter(|u| u.level == Level::Paragraph) {
            units_by_group.entry(u.group.as_str()).or_default().push(u);
        }
        let mut findings_by_group: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in month.findings.iter().enumerate() {
            findings_by_group
                .entry(f.group.as_str())
                .or_default()
                .push(i);
        }

        // Date order, undated last, then id.
        let mut groups: Vec<(Option<Date>, &'a Group)> = month
            .groups
            .iter()
            .map(|&g| {
                let row = coverage_by_group.get(g.id.as_str()).copied();
                (group_date(g, row, statements), g)
            })
            .collect();
        groups.sort_by(|a, b| (a.0.is_none(), a.0, &a.1.id).cmp(&(b.0.is_none(), b.0, &b.1.id)));

        let mut views = Vec::with_capacity(groups.len());
        let mut seen = HashSet::new();
        for (date, group) in groups {
            if !seen.insert(group.id.as_str()) {
                continue; // a repeated id would only duplicate anchors and rows
            }
            let coverage = coverage_by_group.get(group.id.as_str()).map_or_else(
                || derive_coverage(group, statements, date),
                |r| (*r).clone(),
            );
            let title = if coverage.title.is_empty() {
                pivot_title(group, statements)
            } else {
                coverage.title.clone()
            };
            let anchor = anchors.make("g", &group.id);
            let mut group_units = units_by_group.remove(group.id.as_str()).unwrap_or_default();
            group_units.sort_by_key(|u| u.unit);
            let unit_anchors = group_units
                .iter()
                .map(|u| anchors.make(&anchor, &format!("u{}", u.unit)))
                .collect();
            let mut langs: BTreeSet<Lang> = group.versions.keys().copied().collect();
            for u in &group_units {
                langs.extend(u.segments.keys().copied());
            }
            let mut findings = findings_by_group
                .remove(group.id.as_str())
                .unwrap_or_default();
            // Surest first, then most severe.
            findings.sort_by(|&a, &b| {
                let (fa, fb) = (all[a], all[b]);
                fb.confidence
                    .total_cmp(&fa.confidence)
                    .then(fb.severity.cmp(&fa.severity))
                    .then(a.cmp(&b))
            });
            let mut sev = [0; 4];
            for &f in &findings {
                sev[severity_index(all[f].severity)] += 1;
            }
            let mut view = GroupView {
                group,
                anchor,
                title,
                date,
                coverage,
                findings,
                units: group_units,
                unit_anchors,
                langs: langs.into_iter().collect(),
                row_findings: Vec::new(),
                cell_findings: BTreeMap::new(),
                finding_rows: BTreeMap::new(),
                sev,
            };
            locate_findings(&mut view, &all);
            views.push(view);
        }

        // Findings about groups this month does not show, then the declared others.
        let mut others: Vec<usize> = findings_by_group.into_values().flatten().collect();
        others.sort_unstable();
        others.extend(month.findings.len()..all.len());

        let mut numbers = vec![0; all.len()];
        let mut n = 0;
        for &f in views.iter().flat_map(|v| v.findings.iter()).chain(&others) {
            n += 1;
            numbers[f] = n;
        }

        MonthRender {
            key: month.key,
            prev: month.prev,
            next: month.next,
            statements,
            all,
            numbers,
            views,
            others,
            ungrouped: month.ungrouped.clone(),
        }
    }

    fn render(&self, opts: &Options) -> (Vec<RenderedPage>, MonthSummary) {
        // Render every piece once, then pack the pieces into parts in date order.
        let mut items: Vec<Item> = Vec::with_capacity(self.views.len() + 2);
        for (i, v) in self.views.iter().enumerate() {
            let mut section = String::with_capacity(4096 + v.units.len() * 1500);
            self.write_group(&mut section, v);
            let mut coverage_row = String::new();
            self.write_coverage_row(&mut coverage_row, v);
            let index_row_open = format!("<tr data-group=\"{}\">", escape(&v.group.id));
            let mut index_row = String::new();
            self.write_index_row(&mut index_row, i);
            items.push(Item {
                kind: ItemKind::Group(i),
                section,
                coverage_row,
                index_row_open,
                index_row,
            });
        }
        for (kind, section) in [
            (ItemKind::OtherFindings, self.other_findings_section()),
            (ItemKind::Ungrouped, self.ungrouped_section()),
        ] {
            if !section.is_empty() {
                items.push(Item {
                    kind,
                    section,
                    coverage_row: String::new(),
                    index_row_open: String::new(),
                    index_row: String::new(),
                });
            }
        }

        let overhead = self.overhead(&items);
        let room = opts.page_budget.saturating_sub(overhead);
        let mut parts: Vec<Vec<usize>> = vec![Vec::new()];
        let mut used = 0;
        for (i, item) in items.iter().enumerate() {
            let cost = item.cost();
            if used > 0 && used + cost > room {
                parts.push(Vec::new());
                used = 0;
            }
            parts.last_mut().unwrap().push(i);
            used += cost;
        }

        let files: Vec<String> = (1..=parts.len()).map(|p| self.key.file_name(p)).collect();
        let mut infos: Vec<PageInfo> = parts
            .iter()
            .zip(&files)
            .map(|(part, file)| {
                let dates: Vec<Option<Date>> = part
                    .iter()
                    .filter_map(|&i| items[i].view().map(|v| self.views[v].date))
                    .collect();
                let mut kinds = [0; KINDS.len()];
                for &i in part {
                    let shown: &[usize] = match items[i].kind {
                        ItemKind::Group(v) => &self.views[v].findings,
                        ItemKind::OtherFindings => &self.others,
                        ItemKind::Ungrouped => &[],
                    };
                    for &f in shown {
                        kinds[kind_index(self.all[f].kind)] += 1;
                    }
                }
                PageInfo {
                    path: format!("{PAGES_DIR}/{file}"),
                    bytes: 0,
                    statements: dates.len(),
                    first: dates.iter().flatten().min().copied(),
                    last: dates.iter().flatten().max().copied(),
                    kinds,
                }
            })
            .collect();

        let mut page_of_view = vec![0; self.views.len()];
        let mut page_of_item: HashMap<ItemKind, usize> = HashMap::new();
        for (p, part) in parts.iter().enumerate() {
            for &i in part {
                page_of_item.insert(items[i].kind, p);
                if let Some(v) = items[i].view() {
                    page_of_view[v] = p;
                }
            }
        }

        let mut pages = Vec::with_capacity(parts.len());
        for (p, part) in parts.iter().enumerate() {
            let html = self.write_part(p, part, &items, &infos);
            infos[p].bytes = html.len();
            pages.push(RenderedPage {
                path: infos[p].path.clone(),
                html,
            });
        }
        let page_of = |kind| page_of_item.get(&kind).copied().unwrap_or(0);
        let summary = self.summary(
            opts,
            &infos,
            &page_of_view,
            page_of(ItemKind::OtherFindings),
            page_of(ItemKind::Ungrouped),
        );
        (pages, summary)
    }

    /// Bytes of a part besides its items' [`Item::cost`]: head, style, legend, filters, the
    /// tables' heads, and room for the list of parts.
    fn overhead(&self, items: &[Item]) -> usize {
        self.write_part(0, &[], items, &[]).len()
            + COVERAGE_TABLE_HEAD.len()
            + GROUP_TABLE_HEAD.len()
            + 64
            + PARTS_LIST_BYTES
    }

    fn write_part(&self, p: usize, part: &[usize], items: &[Item], infos: &[PageInfo]) -> String {
        let cost: usize = part.iter().map(|&i| items[i].cost()).sum();
        let mut out = String::with_capacity(cost + 64 * 1024);
        self.write_part_head(&mut out, p, infos);
        let views: Vec<usize> = part.iter().filter_map(|&i| items[i].view()).collect();

        // Coverage matrix of this part's statements, in date order.
        out.push_str("<section id=\"coverage\" class=\"card\">\n<h2>Coverage matrix</h2>\n");
        if views.is_empty() {
            out.push_str("<p class=\"muted\">No statements on this page.</p>\n");
        } else {
            out.push_str(COVERAGE_TABLE_HEAD);
            for &i in part {
                out.push_str(&items[i].coverage_row);
            }
            out.push_str("</tbody>\n</table></div>\n");
        }
        out.push_str("</section>\n");

        // Worst first: most high-severity findings, then medium, …; ties by date order.
        let mut worst = views.clone();
        worst.sort_by_key(|&v| {
            let view = &self.views[v];
            (
                std::cmp::Reverse(view.sev),
                std::cmp::Reverse(view.findings.len()),
                v,
            )
        });
        out.push_str("<section id=\"index\" class=\"card\">\n<h2>Statements <span class=\"muted small\">worst first</span></h2>\n");
        if !worst.is_empty() {
            out.push_str(GROUP_TABLE_HEAD);
            let item_of: HashMap<usize, &Item> = part
                .iter()
                .filter_map(|&i| items[i].view().map(|v| (v, &items[i])))
                .collect();
            for (rank, v) in worst.iter().enumerate() {
                let item = item_of[v];
                out.push_str(&item.index_row_open);
                let _ = write!(out, "<td class=\"n\">{}</td>", rank + 1);
                out.push_str(&item.index_row);
            }
            out.push_str("</tbody>\n</table>\n");
        }
        out.push_str("</section>\n<div id=\"groups\">\n");
        for &i in part {
            if items[i].view().is_some() {
                out.push_str(&items[i].section);
            }
        }
        out.push_str("</div>\n");
        for &i in part {
            if items[i].view().is_none() {
                out.push_str(&items[i].section);
            }
        }
        write_foot(&mut out);
        out
    }

    /// The head, header, month summary, legend and filters of part `p` (`infos` may be empty
    /// when only measuring).
    fn write_part_head(&self, out: &mut String, p: usize, infos: &[PageInfo]) {
        let name = self.key.name();
        let of_parts = if infos.len() > 1 {
            format!(" · part {} of {}", p + 1, infos.len())
        } else {
            String::new()
        };
        let attrs = format!(
            " data-page=\"month\" data-month=\"{name}\" data-part=\"{}\"",
            p + 1
        );
        let h1 = format!(
            "<a href=\"../{INDEX_FILE}\">polyalign audit</a> <span class=\"where\">· {name}{of_parts}</span>"
        );
        let mut nav = format!("<a href=\"../{INDEX_FILE}\">↑ Index</a> ");
        if let Some(prev) = self.prev {
            let _ = write!(
                nav,
                "<a href=\"{}\">← {}</a> ",
                prev.file_name(1),
                prev.name()
            );
        }
        if let Some(next) = self.next {
            let _ = write!(
                nav,
                "<a href=\"{}\">{} →</a> ",
                next.file_name(1),
                next.name()
            );
        }
        nav.push_str("<a href=\"#summary\">Summary</a> <a href=\"#coverage\">Coverage</a> <a href=\"#index\">Statements</a>");
        write_head(
            out,
            &format!("polyalign audit · {name}{of_parts}"),
            &attrs,
            &h1,
            &nav,
        );

        // Month-wide counts, so each part says what the whole month holds.
        let statements: usize = self
            .views
            .iter()
            .map(|v| v.group.versions.len() + v.group.duplicates.len())
            .sum::<usize>()
            + self.ungrouped.len();
        let units: usize = self.views.iter().map(|v| v.units.len()).sum();
        let langs: BTreeSet<Lang> = self
            .views
            .iter()
            .flat_map(|v| v.langs.iter().copied())
            .collect();
        let _ = writeln!(
            out,
            "<section id=\"summary\" class=\"card\">\n<h2>{name}{of_parts}</h2>\n<ul class=\"stats\">"
        );
        for (n, one, label) in [
            (self.views.len(), "group", "groups"),
            (statements, "statement", "statements"),
            (langs.len(), "language", "languages"),
            (units, "aligned unit", "aligned units"),
            (self.all.len(), "finding", "findings"),
        ] {
            let label = plural(n, one, label);
            let _ = writeln!(out, "<li><span class=\"num\">{n}</span> {label}</li>");
        }
        out.push_str("</ul>\n");
        let mut kinds = [0usize; KINDS.len()];
        for f in &self.all {
            kinds[kind_index(f.kind)] += 1;
        }
        if kinds.iter().any(|&n| n > 0) {
            // Each count opens the month's first page with that kind, filtered to it.
            out.push_str("<p>This month's findings: ");
            for (ki, (k, n)) in KINDS.iter().zip(kinds).enumerate() {
                if n > 0 {
                    let file = if infos.is_empty() {
                        self.key.file_name(1)
                    } else {
                        let first = PageInfo::first_with(infos, ki);
                        first
                            .path
                            .rsplit('/')
                            .next()
                            .unwrap_or_default()
                            .to_string()
                    };
                    let _ = write!(
                        out,
                        "<a class=\"badge k-{k}\" href=\"{file}#only={k}\">{k} {n}</a> ",
                        k = k.name()
                    );
                }
            }
            out.push_str("</p>\n");
        }
        if infos.len() > 1 {
            out.push_str("<p class=\"bound\">This month is split into pages of a few MB; each lists its own statements.</p>\n<ul class=\"parts\">\n");
            for (i, info) in infos.iter().enumerate() {
                let file = self.key.file_name(i + 1);
                let _ = writeln!(
                    out,
                    "<li{cur}><a href=\"{file}\">part {n}</a> <span class=\"muted\">{range} · {s} statements</span></li>",
                    cur = if i == p { " class=\"current\"" } else { "" },
                    n = i + 1,
                    range = date_range(info.first, info.last),
                    s = info.statements
                );
            }
            out.push_str("</ul>\n");
        }
        out.push_str("</section>\n");
        write_legend(out, false);
        write_filters(out, true);
    }

    fn write_coverage_row(&self, out: &mut String, v: &GroupView) {
        let _ = write!(
            out,
            "<tr data-group=\"{g}\"><td class=\"date\">{d}</td><th scope=\"row\"><a href=\"#{a}\">{t}</a></th>",
            g = escape(&v.group.id),
            d = date_text(v.date),
            a = v.anchor,
            t = escape(&v.title)
        );
        for l in Lang::ALL {
            let cell = v
                .coverage
                .cells
                .get(&l)
                .cloned()
                .unwrap_or(Coverage::Absent);
            let state = coverage_state(&cell);
            let _ = write!(
                out,
                "<td class=\"c-{state}\" data-lang=\"{l}\" data-coverage=\"{state}\""
            );
            match &cell {
                Coverage::Present { file, copies } | Coverage::TeaserOnly { file, copies } => {
                    let _ = write!(out, " title=\"{}\">", escape(file));
                    out.push_str(if state == "present" {
                        "✓ present"
                    } else {
                        "◐ teaser only"
                    });
                    if !copies.is_empty() {
                        let _ = write!(
                            out,
                            "<div class=\"copies\">+{} cop{}:<ul>",
                            copies.len(),
                            if copies.len() == 1 { "y" } else { "ies" }
                        );
                        for c in copies {
                            let _ = write!(out, "<li><code>{}</code></li>", escape(c));
                        }
                        out.push_str("</ul></div>");
                    }
                }
                Coverage::Missing => out.push_str(">✗ missing"),
                Coverage::Absent => out.push_str(">– absent"),
            }
            out.push_str("</td>");
        }
        out.push_str("</tr>\n");
    }

    /// A worst-first row without its rank cell (the rank depends on the part).
    fn write_index_row(&self, out: &mut String, vi: usize) {
        let v = &self.views[vi];
        write_group_cells(
            out,
            &self.group_row(vi),
            &format!("#{}", v.anchor),
            &v.title,
        );
    }

    /// What the worst-first tables show of group `vi`; `href` is left empty.
    fn group_row(&self, vi: usize) -> GroupRow {
        let v = &self.views[vi];
        GroupRow {
            id: v.group.id.clone(),
            title: v.title.clone(),
            date: v.date,
            href: String::new(),
            langs: self.lang_list(v),
            units: v.units.len(),
            findings: v.findings.len(),
            sev: v.sev,
            kinds: self.kind_counts(v),
            pos: (self.key, vi),
        }
    }

    /// The group's languages, each with whether its version is only a teaser.
    fn lang_list(&self, v: &GroupView) -> Vec<(Lang, bool)> {
        v.langs
            .iter()
            .map(|l| {
                let teaser = v
                    .group
                    .versions
                    .get(l)
                    .and_then(|&s| self.statements.get(s))
                    .is_some_and(|s| s.kind == StatementKind::Teaser);
                (*l, teaser)
            })
            .collect()
    }

    fn kind_counts(&self, v: &GroupView) -> Vec<(FindingKind, usize)> {
        let mut kinds: BTreeMap<FindingKind, usize> = BTreeMap::new();
        for &f in &v.findings {
            *kinds.entry(self.all[f].kind).or_default() += 1;
        }
        kinds.into_iter().collect()
    }

    fn write_group(&self, out: &mut String, v: &GroupView) {
        let _ = writeln!(
            out,
            "<section class=\"group card\" id=\"{a}\" data-group=\"{g}\" data-findings=\"{n}\">",
            a = v.anchor,
            g = escape(&v.group.id),
            n = v.findings.len()
        );
        let _ = writeln!(
            out,
            "<h2><span class=\"date\">{d}</span> {t}</h2>\n<p class=\"gid\">group <code>{g}</code> · <a href=\"#index\">↑ statements</a> · <a href=\"#top\">↑ back to top</a></p>",
            d = date_text(v.date),
            t = escape(&v.title),
            g = escape(&v.group.id)
        );

        // Files per language, with duplicate copies and promised-but-missing languages.
        out.push_str("<h3>Versions</h3>\n<table class=\"files\">\n<thead><tr><th scope=\"col\" class=\"lc\">lang</th><th scope=\"col\">file</th><th scope=\"col\">kind</th><th scope=\"col\">title</th><th scope=\"col\" class=\"n\">¶</th></tr></thead>\n<tbody>\n");
        let mut listed = HashSet::new();
        for l in Lang::ALL {
            if let Some(&si) = v.group.versions.get(&l) {
                if let Some(s) = self.statements.get(si) {
                    listed.insert(si);
                    write_statement_row(out, Some(l), s, None);
                }
                for d in v.group.duplicates.iter().filter(|d| d.kept == si) {
                    if let Some(s) = self.statements.get(d.copy) {
                        listed.insert(d.copy);
                        write_statement_row(out, Some(l), s, Some(&d.reason));
                    }
                }
            } else if v.group.promised.contains(&l)
                || matches!(v.coverage.cells.get(&l), Some(Coverage::Missing))
            {
                let _ = writeln!(
                    out,
                    "<tr class=\"missing\" data-lang=\"{l}\"><td class=\"lc\"><span class=\"lang\">{l}</span></td><td colspan=\"4\">✗ missing — promised by the language switcher, not in the corpus</td></tr>"
                );
            }
        }
        // Copies of statements that are not a version themselves (kept copy chained, odd input).
        for d in &v.group.duplicates {
            if listed.contains(&d.copy) {
                continue;
            }
            if let Some(s) = self.statements.get(d.copy) {
                listed.insert(d.copy);
                write_statement_row(out, Some(s.lang.unwrap_or(Lang::En)), s, Some(&d.reason));
            }
        }
        out.push_str("</tbody>\n</table>\n");

        let _ = writeln!(
            out,
            "<h3>Findings <span class=\"muted small\">{}</span></h3>",
            v.findings.len()
        );
        if v.findings.is_empty() {
            out.push_str("<p class=\"muted\">No findings.</p>\n");
        } else {
            self.write_findings_table(out, &v.findings, Some(v));
        }

        let _ = writeln!(
            out,
            "<h3>Side by side <span class=\"muted small\">{} paragraph units</span></h3>",
            v.units.len()
        );
        if v.units.is_empty() {
            out.push_str("<p class=\"muted\">No aligned units.</p>\n");
        } else {
            self.write_side_by_side(out, v);
        }
        out.push_str("</section>\n");
    }

    fn write_findings_table(&self, out: &mut String, which: &[usize], view: Option<&GroupView>) {
        out.push_str("<table class=\"findings\">\n<thead><tr><th scope=\"col\" class=\"fid\">#</th><th scope=\"col\" class=\"kind\">kind</th><th scope=\"col\">severity</th><th scope=\"col\" class=\"n\">confidence</th><th scope=\"col\">languages</th><th scope=\"col\">¶</th><th scope=\"col\">message</th><th scope=\"col\">evidence</th></tr></thead>\n<tbody>\n");
        for &i in which {
            let f = self.all[i];
            let n = self.numbers[i];
            let _ = write!(
                out,
                "<tr id=\"f-{n}\" class=\"finding sev-row-{s}\" data-finding-kind=\"{k}\" data-group=\"{g}\" data-severity=\"{s}\" data-confidence=\"{c:.2}\" data-langs=\"{ls}\">",
                k = f.kind.name(),
                g = escape(&f.group),
                s = severity_name(f.severity),
                c = f.confidence,
                ls = lang_codes(&f.langs)
            );
            let _ = write!(
                out,
                "<td class=\"fid\"><a href=\"#f-{n}\">{n}</a></td><td class=\"kind\"><span class=\"badge k-{k}\">{k}</span></td><td><span class=\"sev sev-{s}\">{s}</span></td><td class=\"n\">{c:.2}</td><td>",
                k = f.kind.name(),
                s = severity_name(f.severity),
                c = f.confidence
            );
            write_langs(out, &f.langs);
            let _ = write!(
                out,
                "</td><td class=\"paras\">{}</td><td>{}",
                para_label(&f.paragraphs),
                escape(&f.message)
            );
            if let Some((v, rows)) = view.and_then(|v| v.finding_rows.get(&i).map(|r| (v, r))) {
                for &r in rows {
                    let _ = write!(
                        out,
                        " <a class=\"to-row\" href=\"#{}\">→ unit {}</a>",
                        v.unit_anchors[r], v.units[r].unit
                    );
                }
            }
            if !f.excerpt.is_empty() {
                // Omissions quote the pivot's text; the others the version concerned.
                let lang = if f.kind == FindingKind::Omission {
                    f.langs.get(1)
                } else {
                    f.langs.first()
                };
                let lang_attr = lang.map(|l| format!(" lang=\"{l}\"")).unwrap_or_default();
                let _ = write!(
                    out,
                    "<blockquote class=\"excerpt\"{lang_attr} dir=\"auto\">{}</blockquote>",
                    escape(&shorten(&f.excerpt, EXCERPT_CHARS))
                );
            }
            if !f.files.is_empty() {
                out.push_str("<div class=\"ffiles\">");
                let files: Vec<String> = f
                    .files
                    .iter()
                    .map(|p| format!("<code>{}</code>", escape(p)))
                    .collect();
                out.push_str(&files.join(" "));
                out.push_str("</div>");
            }
            out.push_str("</td><td class=\"evidence\">");
            if !f.evidence.is_empty() {
                out.push_str("<dl>");
                for (k, x) in &f.evidence {
                    let _ = write!(out, "<dt>{}</dt><dd>{}</dd>", escape(k), fmt_num(*x));
                }
                out.push_str("</dl>");
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n");
    }

    fn write_side_by_side(&self, out: &mut String, v: &GroupView) {
        // The wrapper only scrolls sideways on phones (see the CSS); elsewhere it must not be a
        // scroll container, or the sticky header would stick to it instead of the viewport.
        out.push_str("<div class=\"sbs-wrap\">");
        let _ = writeln!(
            out,
            "<table class=\"sbs cols-{}\" data-group=\"{}\">",
            v.langs.len(),
            escape(&v.group.id)
        );
        out.push_str("<colgroup><col class=\"meta\">");
        for _ in &v.langs {
            out.push_str("<col>");
        }
        out.push_str("</colgroup>\n<thead><tr><th scope=\"col\" class=\"meta\">unit</th>");
        for l in &v.langs {
            let stmt = v
                .group
                .versions
                .get(l)
                .and_then(|&s| self.statements.get(s));
            let file = stmt
                .map(|s| s.file.clone())
                .or_else(|| {
                    v.units
                        .iter()
                        .find_map(|u| u.segments.get(l).map(|s| s.file.clone()))
                })
                .unwrap_or_default();
            let tag = stmt
                .and_then(|s| s.lang_tag.clone())
                .or_else(|| {
                    v.units
                        .iter()
                        .find_map(|u| u.segments.get(l).map(|s| s.tag.clone()))
                })
                .unwrap_or_else(|| l.default_tag().to_string());
            let teaser = if stmt.is_some_and(|s| s.kind == StatementKind::Teaser) {
                " <span class=\"badge k-teaser-only\">teaser</span>"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<th scope=\"col\" data-lang=\"{l}\"><span class=\"lang\">{l}</span> <span class=\"tag\">{tag}</span>{teaser}<div class=\"file\" title=\"{f}\">{f}</div></th>",
                tag = escape(&tag),
                f = escape(&file)
            );
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for (pos, u) in v.units.iter().enumerate() {
            self.write_unit_row(out, v, pos, u);
        }
        out.push_str("</tbody>\n</table></div>\n");
        let _ = writeln!(
            out,
            "<p class=\"back\"><a href=\"#{}\">↑ {}</a> · <a href=\"#top\">↑ back to top</a></p>",
            v.anchor,
            escape(&shorten(&v.title, 60))
        );
    }

    fn write_unit_row(&self, out: &mut String, v: &GroupView, pos: usize, u: &Unit) {
        let findings = &self.all;
        let flags = &v.row_findings[pos];
        let mut kinds: Vec<FindingKind> = flags.iter().map(|&f| findings[f].kind).collect();
        if u.conflict && !kinds.contains(&FindingKind::Conflict) {
            kinds.push(FindingKind::Conflict);
        }
        kinds.sort();
        kinds.dedup();
        let unmatched = u.segments.len() == 1 && v.langs.len() > 1;
        let mut classes = vec!["unit"];
        if !kinds.is_empty() {
            classes.push("flagged");
        }
        if unmatched {
            classes.push("unmatched");
        }
        let kind_names: Vec<&str> = kinds.iter().map(|k| k.name()).collect();
        let _ = write!(
            out,
            "<tr id=\"{a}\" class=\"{c}\" data-group=\"{g}\" data-unit=\"{n}\" data-findings=\"{k}\">",
            a = v.unit_anchors[pos],
            c = classes.join(" "),
            g = escape(&v.group.id),
            n = u.unit,
            k = kind_names.join(" ")
        );
        let score_cls = if u.score < LOW_SCORE {
            "score low"
        } else if u.score < MID_SCORE {
            "score mid"
        } else {
            "score"
        };
        let _ = write!(
            out,
            "<td class=\"meta\"><a class=\"un\" href=\"#{a}\">{n}</a><div class=\"bead\" title=\"bead shape over the languages present\">{b}</div><div class=\"{score_cls}\" title=\"alignment confidence\">{s:.2}</div>",
            a = v.unit_anchors[pos],
            n = u.unit,
            b = escape(&u.bead),
            s = u.score
        );
        if unmatched {
            out.push_str("<div class=\"note\">unmatched</div>");
        }
        let mut seen = HashSet::new();
        for &f in flags {
            if seen.insert(f) {
                let _ = write!(
                    out,
                    "<a class=\"badge k-{k}\" href=\"#f-{n}\" title=\"{m}\">{k}</a>",
                    k = findings[f].kind.name(),
                    n = self.numbers[f],
                    m = escape(&findings[f].message)
                );
            }
        }
        if u.conflict
            && !flags
                .iter()
                .any(|&f| findings[f].kind == FindingKind::Conflict)
        {
            out.push_str("<span class=\"badge k-conflict\">conflict</span>");
        }
        out.push_str("</td>");
        for &l in &v.langs {
            let hit_kinds: Vec<&str> = v
                .cell_findings
                .get(&(pos, l))
                .map(|h| {
                    let mut k: Vec<&str> = h.iter().map(|&f| findings[f].kind.name()).collect();
                    k.sort_unstable();
                    k.dedup();
                    k
                })
                .unwrap_or_default();
            let hit_attr = if hit_kinds.is_empty() {
                String::new()
            } else {
                format!(" data-hit=\"{}\"", hit_kinds.join(" "))
            };
            let hit_cls = if hit_kinds.is_empty() { "" } else { " hit" };
            match u.segments.get(&l) {
                None => {
                    let _ = write!(
                        out,
                        "<td class=\"seg empty{hit_cls}\" data-lang=\"{l}\"{hit_attr}>— no counterpart —</td>"
                    );
                }
                Some(seg) => {
                    let _ = write!(
                        out,
                        "<td class=\"seg{hit_cls}\" data-lang=\"{l}\" lang=\"{t}\" dir=\"auto\"{hit_attr}>",
                        t = escape(if seg.tag.is_empty() { l.code() } else { &seg.tag })
                    );
                    for k in &hit_kinds {
                        let _ = write!(out, "<span class=\"badge k-{k}\">{k}</span> ");
                    }
                    self.write_segment(out, v, l, seg);
                    out.push_str("</td>");
                }
            }
        }
        out.push_str("</tr>\n");
    }

    /// Writes one cell's text: paragraph by paragraph from the statement when the indices fit
    /// it (so 2-1 beads show their paragraph boundaries), else the unit's joined text.
    fn write_segment(&self, out: &mut String, v: &GroupView, lang: Lang, seg: &UnitSegment) {
        let stmt = v
            .group
            .versions
            .get(&lang)
            .and_then(|&s| self.statements.get(s))
            .filter(|s| s.file == seg.file && seg.indices.iter().all(|&i| i < s.paragraphs.len()));
        match stmt {
            Some(s) if !seg.indices.is_empty() => {
                for &i in &seg.indices {
                    let p = &s.paragraphs[i];
                    match p.lang.filter(|&pl| pl != lang) {
                        Some(pl) => {
                            let _ = write!(
                                out,
                                "<p lang=\"{pl}\"><span class=\"pi\">¶{}</span><span class=\"note\">reads as {pl}</span>{}</p>",
                                i + 1,
                                escape(&p.text)
                            );
                        }
                        None => {
                            let _ = write!(
                                out,
                                "<p><span class=\"pi\">¶{}</span>{}</p>",
                                i + 1,
                                escape(&p.text)
                            );
                        }
                    }
                }
            }
            _ => {
                let _ = write!(
                    out,
                    "<p><span class=\"pi\">{}</span>{}</p>",
                    para_label(&seg.indices),
                    escape(&seg.text)
                );
            }
        }
    }

    fn other_findings_section(&self) -> String {
        let mut out = String::new();
        if self.others.is_empty() {
            return out;
        }
        out.push_str("<section id=\"other-findings\" class=\"card\">\n<h2>Other findings</h2>\n");
        out.push_str("<p class=\"muted\">Findings about groups that are not in this report.</p>\n");
        self.write_findings_table(&mut out, &self.others, None);
        out.push_str("<p class=\"back\"><a href=\"#top\">↑ back to top</a></p>\n</section>\n");
        out
    }

    fn ungrouped_section(&self) -> String {
        let mut out = String::new();
        if self.ungrouped.is_empty() {
            return out;
        }
        out.push_str("<section id=\"ungrouped\" class=\"card\">\n<h2>Ungrouped statements</h2>\n");
        out.push_str("<p class=\"muted\">Statements that were not put into any group (no language identified, or no other version matched).</p>\n");
        out.push_str("<table class=\"files\">\n<thead><tr><th scope=\"col\" class=\"lc\">lang</th><th scope=\"col\">file</th><th scope=\"col\">kind</th><th scope=\"col\">title</th><th scope=\"col\" class=\"n\">¶</th></tr></thead>\n<tbody>\n");
        for s in &self.ungrouped {
            write_statement_row(&mut out, s.lang, s, None);
        }
        out.push_str("</tbody>\n</table>\n<p class=\"back\"><a href=\"#top\">↑ back to top</a></p>\n</section>\n");
        out
    }

    /// What the index needs from this month: counts, pages, and its surest findings and worst
    /// statements (no more than the index shows, so summaries stay small).
    fn summary(
        &self,
        opts: &Options,
        pages: &[PageInfo],
        page_of_view: &[usize],
        page_of_others: usize,
        page_of_ungrouped: usize,
    ) -> MonthSummary {
        let mut s = MonthSummary::new(self.key);
        s.pages = pages.to_vec();
        s.groups = self.views.len();
        s.statements = self
            .views
            .iter()
            .map(|v| v.group.versions.len() + v.group.duplicates.len())
            .sum::<usize>()
            + self.ungrouped.len();
        s.units = self.views.iter().map(|v| v.units.len()).sum();
        s.langs = self
            .views
            .iter()
            .flat_map(|v| v.langs.iter().copied())
            .collect();
        s.findings = self.all.len();
        for f in &self.all {
            let col = f.langs.first().map_or(Lang::ALL.len(), |l| *l as usize);
            s.kind_lang[kind_index(f.kind)][col] += 1;
            s.severity[severity_index(f.severity)] += 1;
        }
        for v in &self.views {
            for (li, l) in Lang::ALL.iter().enumerate() {
                match v.coverage.cells.get(l) {
                    Some(Coverage::Present { .. }) => s.coverage[li][0] += 1,
                    Some(Coverage::TeaserOnly { .. }) => s.coverage[li][1] += 1,
                    Some(Coverage::Missing) => s.coverage[li][2] += 1,
                    _ => {}
                }
            }
        }
        s.ungrouped = self.ungrouped.len();
        s.other_findings = self.others.len();
        if !self.others.is_empty() {
            s.other_findings_href = Some(format!("{}#other-findings", pages[page_of_others].path));
        }
        if !self.ungrouped.is_empty() {
            s.ungrouped_href = Some(format!("{}#ungrouped", pages[page_of_ungrouped].path));
        }

        let mut findings: Vec<FindingRow> = Vec::with_capacity(self.all.len());
        for (vi, v) in self.views.iter().enumerate() {
            for &f in &v.findings {
                findings.push(self.finding_row(f, Some(v), &pages[page_of_view[vi]].path));
            }
        }
        for &f in &self.others {
            findings.push(self.finding_row(f, None, &pages[page_of_others].path));
        }
        findings.sort_by(FindingRow::order);
        findings.truncate(opts.index_findings);
        s.top_findings = findings;

        let mut groups: Vec<GroupRow> = (0..self.views.len())
            .map(|vi| GroupRow {
                href: format!("{}#{}", pages[page_of_view[vi]].path, self.views[vi].anchor),
                ..self.group_row(vi)
            })
            .collect();
        groups.sort_by(GroupRow::order);
        groups.truncate(opts.index_groups);
        s.worst = groups;
        s
    }

    fn finding_row(&self, f: usize, v: Option<&GroupView>, page: &str) -> FindingRow {
        let finding = self.all[f];
        FindingRow {
            kind: finding.kind,
            severity: finding.severity,
            confidence: finding.confidence,
            group: finding.group.clone(),
            title: v.map_or_else(|| finding.group.clone(), |v| v.title.clone()),
            date: v.and_then(|v| v.date),
            langs: finding.langs.clone(),
            paragraphs: para_label(&finding.paragraphs),
            message: finding.message.clone(),
            href: format!("{page}#f-{}", self.numbers[f]),
            pos: (self.key, self.numbers[f]),
        }
    }
}

/// `2021-03-01 – 2021-03-12`, or one date, or `undated`.
fn date_range(first: Option<Date>, last: Option<Date>) -> String {
    match (first, last) {
        (Some(a), Some(b)) if a != b => format!("{a} – {b}"),
        (Some(a), _) => a.to_string(),
        _ => "undated".to_string(),
    }
}

pub(super) fn lang_codes(langs: &[Lang]) -> String {
    langs.iter().map(|l| l.code()).collect::<Vec<_>>().join(" ")
}

/// Language chips, the version concerned first and highlighted.
pub(super) fn write_langs(out: &mut String, langs: &[Lang]) {
    for (j, l) in langs.iter().enumerate() {
        let _ = write!(
            out,
            "<span class=\"lang{}\">{l}</span> ",
            if j == 0 { " first" } else { "" }
        );
    }
}

/// Severity chips for the non-zero counts (most severe first).
pub(super) fn write_severities(out: &mut String, sev: &[usize; 4]) {
    for (k, n) in ["high", "medium", "low", "info"].iter().zip(sev) {
        if *n > 0 {
            let _ = write!(out, "<span class=\"sev sev-{k}\">{n} {k}</span> ");
        }
    }
}

/// A row of a files table; `lang` is `None` for a statement whose language is unknown.
fn write_statement_row(
    out: &mut String,
    lang: Option<Lang>,
    s: &Statement,
    copy_reason: Option<&str>,
) {
    let kind = match s.kind {
        StatementKind::Main => "main",
        StatementKind::Teaser => "teaser",
        StatementKind::Document => "document",
    };
    let code = lang.map_or("", |l| l.code());
    let chip = lang.map_or_else(
        || "?".to_string(),
        |l| format!("<span class=\"lang\">{l}</span>"),
    );
    let _ = write!(
        out,
        "<tr data-lang=\"{code}\"{cls}><td class=\"lc\">{chip}</td><td><code>{file}</code>",
        cls = if copy_reason.is_some() {
            " class=\"copy\""
        } else {
            ""
        },
        file = escape(&s.file)
    );
    if let Some(reason) = copy_reason {
        let _ = write!(
            out,
            " <span class=\"badge k-duplicate\">copy: {}</span>",
            escape(reason)
        );
    }
    let tag = s
        .lang_tag
        .clone()
        .or_else(|| lang.map(|l| l.default_tag().to_string()));
    let lang_attr = tag
        .map(|t| format!(" lang=\"{}\"", escape(&t)))
        .unwrap_or_default();
    let _ = writeln!(
        out,
        "</td><td>{kind}</td><td class=\"stmt-title\" data-statement-id=\"{id}\" data-lang=\"{code}\"{lang_attr} dir=\"auto\">{title}</td><td class=\"n\">{n}</td></tr>",
        id = escape(&s.id),
        title = escape(&s.title),
        n = s.paragraphs.len()
    );
}

/// The title of the pivot version (English if present, else the first language).
fn pivot_title(group: &Group, statements: &[Statement]) -> String {
    group
        .versions
        .get(&Lang::En)
        .or_else(|| group.versions.values().next())
        .and_then(|&s| statements.get(s))
        .map(|s| s.title.clone())
        .unwrap_or_else(|| group.id.clone())
}

/// A coverage row for a group the audit did not cover (keeps the matrix complete).
fn derive_coverage(group: &Group, statements: &[Statement], date: Option<Date>) -> CoverageRow {
    let mut cells = BTreeMap::new();
    for l in Lang::ALL {
        let cell = match group
            .versions
            .get(&l)
            .and_then(|&s| statements.get(s).map(|st| (s, st)))
        {
            Some((si, st)) => {
                let copies = group
                    .duplicates
                    .iter()
                    .filter(|d| d.kept == si)
                    .filter_map(|d| statements.get(d.copy).map(|c| c.file.clone()))
                    .collect();
                if st.kind == StatementKind::Teaser {
                    Coverage::TeaserOnly {
                        file: st.file.clone(),
                        copies,
                    }
                } else {
                    Coverage::Present {
                        file: st.file.clone(),
                        copies,
                    }
                }
            }
            None if group.promised.contains(&l) => Coverage::Missing,
            None => Coverage::Absent,
        };
        cells.insert(l, cell);
    }
    CoverageRow {
        group: group.id.clone(),
        title: pivot_title(group, statements),
        date,
        cells,
    }
}

/// Works out which unit rows and cells each row-level finding is about.
///
/// Omissions point at pivot paragraphs (`langs[1]`, else any present language) in a unit that
/// lacks `langs[0]`; every other kind points at paragraphs of `langs[0]`.
fn locate_findings(view: &mut GroupView, findings: &[&Finding]) {
    view.row_findings = vec![Vec::new(); view.units.len()];
    for &fi in &view.findings {
        let f = findings[fi];
        if !is_row_kind(f.kind) || f.paragraphs.is_empty() {
            continue;
        }
        let Some(&concerned) = f.langs.first() else {
            continue;
        };
        let mut rows = Vec::new();
        for (pos, u) in view.units.iter().enumerate() {
            let hit = if f.kind == FindingKind::Omission {
                !u.segments.contains_key(&concerned)
                    && u.segments.iter().any(|(l, s)| {
                        f.langs.get(1).is_none_or(|p| p == l)
                            && s.indices.iter().any(|i| f.paragraphs.contains(i))
                    })
            } else {
                u.segments
                    .get(&concerned)
                    .is_some_and(|s| s.indices.iter().any(|i| f.paragraphs.contains(i)))
            };
            if hit {
                rows.push(pos);
            }
        }
        for &pos in &rows {
            view.row_findings[pos].push(fi);
            let cell_langs: Vec<Lang> = match f.kind {
                FindingKind::LengthRatio | FindingKind::LowConfidence | FindingKind::Conflict => {
                    f.langs.clone()
                }
                _ => vec![concerned],
            };
            for l in cell_langs {
                if view.langs.contains(&l) {
                    view.cell_findings.entry((pos, l)).or_default().push(fi);
                }
            }
        }
        if !rows.is_empty() {
            view.finding_rows.insert(fi, rows);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn coverage_head_lists_every_language_in_output_order() {
        let cols: Vec<&str> = COVERAGE_TABLE_HEAD
            .split("class=\"lc\">")
            .skip(1)
            .map(|c| &c[..2])
            .collect();
        let want: Vec<&str> = Lang::ALL.iter().map(|l| l.code()).collect();
        assert_eq!(cols, want);
    }
}
