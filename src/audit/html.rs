//! The self-contained `report.html` that auditors read: summary counts, a legend, the coverage
//! matrix, a worst-first index, and per group its files, findings and a side-by-side view of the
//! aligned paragraphs.
//!
//! The page has no external assets (inline CSS, a few lines of optional inline JS for filtering)
//! so it can be mailed around and opened from `file://`; it is fully readable without JS. Every
//! piece of corpus text goes through [`escape`]. Output is deterministic: the same input gives the
//! same bytes (no timestamps, no hash-map iteration order).
//!
//! Machine-checkable hooks (used by `tests/report_browser.rs` and any later checks):
//! - `section.group[data-group]` per group, `id` = its anchor;
//! - `[data-finding-kind][data-group][data-severity][data-langs]` on every finding row;
//! - `.stmt-title[data-statement-id][data-lang]` on every statement title (copies included);
//! - `tr[data-unit][data-group]` per aligned unit, with `data-findings` listing the kinds flagged;
//! - `td[data-coverage][data-lang]` in the coverage matrix;
//! - `html[data-js="on"]` once the inline script has run.

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;

use crate::audit::AuditReport;
use crate::model::{
    Coverage, CoverageRow, Date, Finding, FindingKind, FindingSeverity, Group, Lang, Level,
    Statement, StatementKind, Unit,
};

/// Every finding kind, in legend order (coverage problems first, then alignment gaps, then
/// content and quality problems).
const KINDS: [FindingKind; 13] = [
    FindingKind::MissingLanguage,
    FindingKind::Unmatched,
    FindingKind::SingleVersion,
    FindingKind::TeaserOnly,
    FindingKind::Duplicate,
    FindingKind::Omission,
    FindingKind::Addition,
    FindingKind::Untranslated,
    FindingKind::Copied,
    FindingKind::Truncated,
    FindingKind::LengthRatio,
    FindingKind::LowConfidence,
    FindingKind::Conflict,
];

/// Units scoring below this are shown in a muted colour: the aligner was unsure.
const LOW_SCORE: f64 = 0.5;

/// Units scoring below this (and at least [`LOW_SCORE`]) are shown in amber.
const MID_SCORE: f64 = 0.75;

/// Excerpts longer than this are cut in the findings list (the full text is in the side-by-side
/// view).
const EXCERPT_CHARS: usize = 280;

/// Renders the report page.
pub fn render(
    report: &AuditReport,
    groups: &[Group],
    statements: &[Statement],
    units: &[Unit],
) -> String {
    let page = Page::new(report, groups, statements, units);
    let mut out = String::with_capacity(64 * 1024 + units.len() * 1024);
    page.write(&mut out);
    out
}

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab/newline are invalid in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One-line description of a finding kind for the legend.
fn kind_description(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::MissingLanguage => {
            "a language promised by the language switcher is not in the corpus"
        }
        FindingKind::TeaserOnly => "a language version is present only as a teaser",
        FindingKind::SingleVersion => "the statement was found in one language only",
        FindingKind::Unmatched => {
            "a version in another language could belong here but was not joined (probability given)"
        }
        FindingKind::Duplicate => {
            "the same statement in the same language was found more than once"
        }
        FindingKind::Omission => "a pivot paragraph has no counterpart in this language",
        FindingKind::Addition => "a paragraph of this language has no counterpart in the pivot",
        FindingKind::Untranslated => {
            "a paragraph is written in another language than its statement"
        }
        FindingKind::Copied => "a paragraph is copied unchanged from another language version",
        FindingKind::Truncated => {
            "the version covers much less of the pivot's text than the others"
        }
        FindingKind::LengthRatio => {
            "a unit's length ratio is far from the language pair's usual ratio"
        }
        FindingKind::LowConfidence => "the aligner is not confident about this unit",
        FindingKind::Conflict => {
            "direct alignment of two non-pivot languages disagrees with the pivot merge"
        }
    }
}

/// Finding kinds that concern individual aligned units (highlighted in the side-by-side view);
/// the others concern a whole language version.
fn is_row_kind(kind: FindingKind) -> bool {
    matches!(
        kind,
        FindingKind::Omission
            | FindingKind::Addition
            | FindingKind::Untranslated
            | FindingKind::Copied
            | FindingKind::LengthRatio
            | FindingKind::LowConfidence
            | FindingKind::Conflict
    )
}

fn severity_name(s: FindingSeverity) -> &'static str {
    match s {
        FindingSeverity::Info => "info",
        FindingSeverity::Low => "low",
        FindingSeverity::Medium => "medium",
        FindingSeverity::High => "high",
    }
}

fn coverage_state(c: &Coverage) -> &'static str {
    match c {
        Coverage::Present { .. } => "present",
        Coverage::TeaserOnly { .. } => "teaser-only",
        Coverage::Missing => "missing",
        Coverage::Absent => "absent",
    }
}

/// Formats an evidence number compactly: integers without decimals, others with up to three.
fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x.fract() == 0.0 && x.abs() < 1e12 {
        return format!("{x:.0}");
    }
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Paragraph labels as shown to people: 1-based, runs collapsed (`¶3–5, ¶8`).
fn para_label(indices: &[usize]) -> String {
    let mut sorted: Vec<usize> = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        if end == start {
            parts.push(format!("¶{}", start + 1));
        } else {
            parts.push(format!("¶{}–{}", start + 1, end + 1));
        }
        i += 1;
    }
    parts.join(", ")
}

fn date_text(date: Option<Date>) -> String {
    date.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

/// Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis.
fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(pos) if pos > max / 2 => &cut[..pos],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Hands out unique, valid `id` values derived from arbitrary strings.
#[derive(Default)]
struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    fn make(&mut self, prefix: &str, raw: &str) -> String {
        let mut slug = String::new();
        for c in raw.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_matches('-');
        let base = if slug.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}-{slug}")
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

/// Everything known about one group, precomputed once.
struct GroupView<'a> {
    group: &'a Group,
    anchor: String,
    title: String,
    date: Option<Date>,
    /// The coverage row: the audit's, or one derived from the group when the audit has none.
    coverage: CoverageRow,
    /// Indices into `report.findings`, most severe first.
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
}

impl GroupView<'_> {
    fn severity_counts(&self, findings: &[Finding]) -> [usize; 4] {
        let mut c = [0; 4];
        for &i in &self.findings {
            c[3 - findings[i].severity as usize] += 1;
        }
        c
    }
}

struct Page<'a> {
    report: &'a AuditReport,
    statements: &'a [Statement],
    views: Vec<GroupView<'a>>,
    /// Findings whose group is not among `groups`, listed in a section of their own.
    orphan_findings: Vec<usize>,
    /// Statements in no group (neither a version nor a duplicate copy).
    ungrouped: Vec<usize>,
    unit_count: usize,
}

impl<'a> Page<'a> {
    fn new(
        report: &'a AuditReport,
        groups: &'a [Group],
        statements: &'a [Statement],
        units: &'a [Unit],
    ) -> Page<'a> {
        let mut anchors = Anchors::default();
        for fixed in [
            "top",
            "summary",
            "legend",
            "filters",
            "coverage",
            "index",
            "groups",
            "other-findings",
            "ungrouped",
        ] {
            anchors.reserve(fixed);
        }
        for i in 0..report.findings.len() {
            anchors.reserve(&format!("f-{}", i + 1));
        }

        let coverage_by_group: HashMap<&str, &CoverageRow> = report
            .coverage
            .iter()
            .map(|r| (r.group.as_str(), r))
            .collect();
        let mut units_by_group: HashMap<&str, Vec<&Unit>> = HashMap::new();
        for u in units.iter().filter(|u| u.level == Level::Paragraph) {
            units_by_group.entry(u.group.as_str()).or_default().push(u);
        }
        let mut findings_by_group: HashMap<&str, Vec<usize>> = HashMap::new();
        for (i, f) in report.findings.iter().enumerate() {
            findings_by_group
                .entry(f.group.as_str())
                .or_default()
                .push(i);
        }

        // Coverage-matrix order: by date, undated last, then id.
        let mut order: Vec<usize> = (0..groups.len()).collect();
        let dates: Vec<Option<Date>> = groups
            .iter()
            .map(|g| {
                coverage_by_group
                    .get(g.id.as_str())
                    .and_then(|r| r.date)
                    .or_else(|| {
                        g.versions
                            .values()
                            .filter_map(|&s| statements.get(s).and_then(|s| s.date))
                            .min()
                    })
            })
            .collect();
        order.sort_by(|&a, &b| {
            (dates[a].is_none(), dates[a], &groups[a].id).cmp(&(
                dates[b].is_none(),
                dates[b],
                &groups[b].id,
            ))
        });

        let mut views = Vec::with_capacity(groups.len());
        let mut seen_groups = HashSet::new();
        for gi in order {
            let group = &groups[gi];
            if !seen_groups.insert(group.id.as_str()) {
                continue; // a repeated id would only duplicate anchors and rows
            }
            let coverage = coverage_by_group.get(group.id.as_str()).map_or_else(
                || derive_coverage(group, statements, dates[gi]),
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
                let (fa, fb) = (&report.findings[a], &report.findings[b]);
                fb.confidence
                    .total_cmp(&fa.confidence)
                    .then(fb.severity.cmp(&fa.severity))
                    .then(a.cmp(&b))
            });
            let mut view = GroupView {
                group,
                anchor,
                title,
                date: dates[gi],
                coverage,
                findings,
                units: group_units,
                unit_anchors,
                langs: langs.into_iter().collect(),
                row_findings: Vec::new(),
                cell_findings: BTreeMap::new(),
                finding_rows: BTreeMap::new(),
            };
            locate_findings(&mut view, &report.findings);
            views.push(view);
        }

        let mut orphan_findings: Vec<usize> = findings_by_group.into_values().flatten().collect();
        orphan_findings.sort_unstable();

        let mut grouped = vec![false; statements.len()];
        for g in groups {
            for &s in g.versions.values() {
                if let Some(slot) = grouped.get_mut(s) {
                    *slot = true;
                }
            }
            for d in &g.duplicates {
                for s in [d.kept, d.copy] {
                    if let Some(slot) = grouped.get_mut(s) {
                        *slot = true;
                    }
                }
            }
        }
        let ungrouped = (0..statements.len()).filter(|&i| !grouped[i]).collect();
        let unit_count = views.iter().map(|v| v.units.len()).sum();
        Page {
            report,
            statements,
            views,
            orphan_findings,
            ungrouped,
            unit_count,
        }
    }

    fn write(&self, out: &mut String) {
        out.push_str("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n");
        out.push_str(
            "<meta name=\"generator\" content=\"polyalign\">\n<title>polyalign audit</title>\n",
        );
        out.push_str("<style>\n");
        out.push_str(CSS);
        out.push_str("</style>\n</head>\n<body>\n");
        out.push_str("<header class=\"page\" id=\"top\">\n<h1>polyalign audit</h1>\n");
        out.push_str(
            "<nav class=\"jump\" aria-label=\"Contents\"><a href=\"#summary\">Summary</a> <a href=\"#legend\">Legend</a> \
             <a href=\"#coverage\">Coverage</a> <a href=\"#index\">Index</a> <a href=\"#groups\">Statements</a>",
        );
        if !self.orphan_findings.is_empty() {
            out.push_str(" <a href=\"#other-findings\">Other findings</a>");
        }
        if !self.ungrouped.is_empty() {
            out.push_str(" <a href=\"#ungrouped\">Ungrouped</a>");
        }
        out.push_str("</nav>\n</header>\n<main>\n");
        self.write_summary(out);
        self.write_legend(out);
        self.write_filters(out);
        self.write_coverage(out);
        self.write_index(out);
        out.push_str("<div id=\"groups\">\n");
        for v in &self.views {
            self.write_group(out, v);
        }
        out.push_str("</div>\n");
        self.write_orphans(out);
        self.write_ungrouped(out);
        out.push_str("</main>\n<script>\n");
        out.push_str(JS);
        out.push_str("</script>\n</body>\n</html>\n");
    }

    fn write_summary(&self, out: &mut String) {
        let findings = &self.report.findings;
        let langs: BTreeSet<Lang> = self
            .views
            .iter()
            .flat_map(|v| v.langs.iter().copied())
            .collect();
        let statements: usize = self
            .views
            .iter()
            .map(|v| v.group.versions.len() + v.group.duplicates.len())
            .sum::<usize>()
            + self.ungrouped.len();
        out.push_str(
            "<section id=\"summary\" class=\"card\">\n<h2>Summary</h2>\n<ul class=\"stats\">\n",
        );
        for (n, label) in [
            (self.views.len(), "groups"),
            (statements, "statements"),
            (langs.len(), "languages"),
            (self.unit_count, "aligned units"),
            (findings.len(), "findings"),
        ] {
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
        let mut col_totals = [0usize; 6];
        for kind in KINDS {
            let mut counts = [0usize; 6];
            for f in findings.iter().filter(|f| f.kind == kind) {
                let col = f.langs.first().map_or(5, |l| *l as usize);
                counts[col] += 1;
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
                let _ = write!(
                    out,
                    "<td class=\"n\">{}</td>",
                    if *c == 0 {
                        "·".to_string()
                    } else {
                        c.to_string()
                    }
                );
            }
            let _ = writeln!(out, "<td class=\"n total\">{total}</td></tr>");
        }
        out.push_str("</tbody>\n<tfoot><tr><th scope=\"row\">total</th>");
        for c in col_totals {
            let _ = write!(out, "<td class=\"n\">{c}</td>");
        }
        let _ = writeln!(
            out,
            "<td class=\"n total\">{}</td></tr></tfoot>\n</table>",
            findings.len()
        );

        let mut sev = [0usize; 4];
        for f in findings {
            sev[f.severity as usize] += 1;
        }
        out.push_str("<p>By severity: ");
        let parts: Vec<String> = [
            FindingSeverity::High,
            FindingSeverity::Medium,
            FindingSeverity::Low,
            FindingSeverity::Info,
        ]
        .iter()
        .map(|&s| {
            format!(
                "<span class=\"sev sev-{n}\">{n}</span> {}",
                sev[s as usize],
                n = severity_name(s)
            )
        })
        .collect();
        out.push_str(&parts.join(" · "));
        out.push_str("</p>\n</section>\n");
    }

    fn write_legend(&self, out: &mut String) {
        out.push_str(
            "<section id=\"legend\" class=\"card\">\n<h2>Legend</h2>\n<div class=\"legend\">\n",
        );
        out.push_str("<div>\n<h3>Finding kinds</h3>\n<dl class=\"kinds\">\n");
        for kind in KINDS {
            let _ = writeln!(
                out,
                "<dt><span class=\"badge k-{k}\">{k}</span></dt><dd>{d}</dd>",
                k = kind.name(),
                d = kind_description(kind)
            );
        }
        out.push_str(
            "</dl>\n</div>\n<div>\n<h3>Coverage</h3>\n<table class=\"cov legend-cov\"><tbody>\n",
        );
        out.push_str("<tr><td class=\"c-present\">✓ present</td><td>a full version is in the corpus</td></tr>\n");
        out.push_str("<tr><td class=\"c-teaser-only\">◐ teaser only</td><td>only a teaser (short list entry) was found</td></tr>\n");
        out.push_str("<tr><td class=\"c-missing\">✗ missing</td><td>promised by the language switcher, not in the corpus</td></tr>\n");
        out.push_str(
            "<tr><td class=\"c-absent\">– absent</td><td>neither present nor promised</td></tr>\n",
        );
        out.push_str("</tbody></table>\n<h3>Severity</h3>\n<p>");
        for s in [
            FindingSeverity::High,
            FindingSeverity::Medium,
            FindingSeverity::Low,
            FindingSeverity::Info,
        ] {
            let _ = write!(
                out,
                "<span class=\"sev sev-{n}\">{n}</span> ",
                n = severity_name(s)
            );
        }
        out.push_str("</p>\n<h3>Side-by-side view</h3>\n<ul class=\"plain\">\n");
        out.push_str("<li><span class=\"pi\">¶3</span> paragraph numbers count from 1 (JSON indices + 1); unit numbers are as in the JSON</li>\n");
        out.push_str("<li><span class=\"swatch flagged\"></span> row with a finding; the badge names it and links to it</li>\n");
        out.push_str("<li><span class=\"swatch hit\"></span> cell the finding is about</li>\n");
        out.push_str(
            "<li><span class=\"swatch empty\"></span> — no counterpart — in that language</li>\n",
        );
        let _ = writeln!(
            out,
            "<li><span class=\"score\">0.92</span> <span class=\"score mid\">0.62</span> <span class=\"score low\">0.31</span> alignment score: ≥ {MID_SCORE}, below {MID_SCORE}, below {LOW_SCORE} (muted)</li>"
        );
        out.push_str("<li><span class=\"note\">reads as en</span> paragraph identified as another language</li>\n");
        out.push_str("</ul>\n</div>\n</div>\n</section>\n");
    }

    fn write_filters(&self, out: &mut String) {
        // Hidden until the script runs: without JS there is nothing to filter with.
        out.push_str("<section id=\"filters\" class=\"card\" hidden>\n<h2>Filter</h2>\n<form class=\"filters\">\n");
        out.push_str("<fieldset><legend>Finding kinds</legend>\n");
        for kind in KINDS {
            let _ = writeln!(
                out,
                "<label><input type=\"checkbox\" name=\"kind\" value=\"{k}\" checked> <span class=\"badge k-{k}\">{k}</span></label>",
                k = kind.name()
            );
        }
        out.push_str("</fieldset>\n<fieldset><legend>Side-by-side rows</legend>\n");
        out.push_str(
            "<label><input type=\"checkbox\" name=\"flagged\"> only rows with findings</label>\n",
        );
        out.push_str("<label><input type=\"checkbox\" name=\"clean\"> hide groups without findings</label>\n");
        out.push_str("</fieldset>\n</form>\n</section>\n");
    }

    fn write_coverage(&self, out: &mut String) {
        out.push_str("<section id=\"coverage\" class=\"card\">\n<h2>Coverage matrix</h2>\n");
        out.push_str("<div class=\"scroll\"><table class=\"cov matrix\">\n<thead><tr><th scope=\"col\" class=\"date\">date</th><th scope=\"col\">statement</th>");
        for l in Lang::ALL {
            let _ = write!(out, "<th scope=\"col\" class=\"lc\">{l}</th>");
        }
        out.push_str("</tr></thead>\n<tbody>\n");
        for v in &self.views {
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
        out.push_str("</tbody>\n</table></div>\n</section>\n");
    }

    fn write_index(&self, out: &mut String) {
        let findings = &self.report.findings;
        let mut order: Vec<usize> = (0..self.views.len()).collect();
        // Worst first: most high-severity findings, then medium, …; ties by date order.
        order.sort_by_key(|&i| {
            let v = &self.views[i];
            (
                std::cmp::Reverse(v.severity_counts(findings)),
                std::cmp::Reverse(v.findings.len()),
                i,
            )
        });
        out.push_str("<section id=\"index\" class=\"card\">\n<h2>Index <span class=\"muted small\">worst first</span></h2>\n");
        out.push_str("<table class=\"index\">\n<thead><tr><th scope=\"col\" class=\"n\">#</th><th scope=\"col\" class=\"date\">date</th><th scope=\"col\">statement</th><th scope=\"col\">languages</th><th scope=\"col\" class=\"n\">units</th><th scope=\"col\" class=\"n\">findings</th><th scope=\"col\">by severity</th><th scope=\"col\">kinds</th></tr></thead>\n<tbody>\n");
        for (rank, &i) in order.iter().enumerate() {
            let v = &self.views[i];
            let sev = v.severity_counts(findings);
            let _ = write!(
                out,
                "<tr data-group=\"{g}\"><td class=\"n\">{r}</td><td class=\"date\">{d}</td><td><a href=\"#{a}\">{t}</a></td><td>",
                g = escape(&v.group.id),
                r = rank + 1,
                d = date_text(v.date),
                a = v.anchor,
                t = escape(&v.title)
            );
            for l in &v.langs {
                let teaser = v
                    .group
                    .versions
                    .get(l)
                    .and_then(|&s| self.statements.get(s))
                    .is_some_and(|s| s.kind == StatementKind::Teaser);
                let _ = write!(
                    out,
                    "<span class=\"lang{}\">{l}</span> ",
                    if teaser { " teaser" } else { "" }
                );
            }
            let _ = write!(
                out,
                "</td><td class=\"n\">{}</td><td class=\"n total\">{}</td><td>",
                v.units.len(),
                v.findings.len()
            );
            for (k, n) in ["high", "medium", "low", "info"].iter().zip(sev) {
                if n > 0 {
                    let _ = write!(out, "<span class=\"sev sev-{k}\">{n} {k}</span> ");
                }
            }
            out.push_str("</td><td>");
            let mut kinds: BTreeMap<FindingKind, usize> = BTreeMap::new();
            for &f in &v.findings {
                *kinds.entry(findings[f].kind).or_default() += 1;
            }
            for (k, n) in kinds {
                let _ = write!(
                    out,
                    "<span class=\"badge k-{k}\">{k} {n}</span> ",
                    k = k.name()
                );
            }
            out.push_str("</td></tr>\n");
        }
        out.push_str("</tbody>\n</table>\n</section>\n");
    }

    fn write_group(&self, out: &mut String, v: &GroupView) {
        let findings = &self.report.findings;
        let _ = writeln!(
            out,
            "<section class=\"group card\" id=\"{a}\" data-group=\"{g}\" data-findings=\"{n}\">",
            a = v.anchor,
            g = escape(&v.group.id),
            n = v.findings.len()
        );
        let _ = writeln!(
            out,
            "<h2><span class=\"date\">{d}</span> {t}</h2>\n<p class=\"gid\">group <code>{g}</code> · <a href=\"#index\">↑ index</a> · <a href=\"#top\">↑ back to top</a></p>",
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
                    self.write_statement_row(out, l, s, None);
                }
                for d in v.group.duplicates.iter().filter(|d| d.kept == si) {
                    if let Some(s) = self.statements.get(d.copy) {
                        listed.insert(d.copy);
                        self.write_statement_row(out, l, s, Some(&d.reason));
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
                let l = s.lang.unwrap_or(Lang::En);
                self.write_statement_row(out, l, s, Some(&d.reason));
            }
        }
        out.push_str("</tbody>\n</table>\n");

        // Findings of this group.
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

        // Side-by-side view.
        let _ = writeln!(
            out,
            "<h3>Side by side <span class=\"muted small\">{} paragraph units</span></h3>",
            v.units.len()
        );
        if v.units.is_empty() {
            out.push_str("<p class=\"muted\">No aligned units.</p>\n");
        } else {
            self.write_side_by_side(out, v, findings);
        }
        out.push_str("</section>\n");
    }

    fn write_statement_row(
        &self,
        out: &mut String,
        lang: Lang,
        s: &Statement,
        copy_reason: Option<&str>,
    ) {
        let kind = match s.kind {
            StatementKind::Main => "main",
            StatementKind::Teaser => "teaser",
            StatementKind::Document => "document",
        };
        let tag = s
            .lang_tag
            .clone()
            .unwrap_or_else(|| lang.default_tag().to_string());
        let _ = write!(
            out,
            "<tr data-lang=\"{lang}\"{cls}><td class=\"lc\"><span class=\"lang\">{lang}</span></td><td><code>{file}</code>",
            cls = if copy_reason.is_some() { " class=\"copy\"" } else { "" },
            file = escape(&s.file)
        );
        if let Some(reason) = copy_reason {
            let _ = write!(
                out,
                " <span class=\"badge k-duplicate\">copy: {}</span>",
                escape(reason)
            );
        }
        let _ = writeln!(
            out,
            "</td><td>{kind}</td><td class=\"stmt-title\" data-statement-id=\"{id}\" data-lang=\"{lang}\" lang=\"{tag}\" dir=\"auto\">{title}</td><td class=\"n\">{n}</td></tr>",
            id = escape(&s.id),
            tag = escape(&tag),
            title = escape(&s.title),
            n = s.paragraphs.len()
        );
    }

    fn write_findings_table(&self, out: &mut String, which: &[usize], view: Option<&GroupView>) {
        let findings = &self.report.findings;
        out.push_str("<table class=\"findings\">\n<thead><tr><th scope=\"col\" class=\"fid\">#</th><th scope=\"col\" class=\"kind\">kind</th><th scope=\"col\">severity</th><th scope=\"col\" class=\"n\">confidence</th><th scope=\"col\">languages</th><th scope=\"col\">¶</th><th scope=\"col\">message</th><th scope=\"col\">evidence</th></tr></thead>\n<tbody>\n");
        for &i in which {
            let f = &findings[i];
            let langs: Vec<&str> = f.langs.iter().map(|l| l.code()).collect();
            let _ = write!(
                out,
                "<tr id=\"f-{n}\" class=\"finding sev-row-{s}\" data-finding-kind=\"{k}\" data-group=\"{g}\" data-severity=\"{s}\" data-confidence=\"{c:.2}\" data-langs=\"{ls}\">",
                n = i + 1,
                k = f.kind.name(),
                g = escape(&f.group),
                s = severity_name(f.severity),
                c = f.confidence,
                ls = langs.join(" ")
            );
            let _ = write!(
                out,
                "<td class=\"fid\"><a href=\"#f-{n}\">{n}</a></td><td class=\"kind\"><span class=\"badge k-{k}\">{k}</span></td><td><span class=\"sev sev-{s}\">{s}</span></td><td class=\"n\">{c:.2}</td><td>",
                n = i + 1,
                k = f.kind.name(),
                s = severity_name(f.severity),
                c = f.confidence
            );
            for (j, l) in f.langs.iter().enumerate() {
                let _ = write!(
                    out,
                    "<span class=\"lang{}\">{l}</span> ",
                    if j == 0 { " first" } else { "" }
                );
            }
            let _ = write!(
                out,
                "</td><td class=\"paras\">{}</td><td>",
                para_label(&f.paragraphs)
            );
            let _ = write!(out, "{}", escape(&f.message));
            if let Some(rows) = view.and_then(|v| v.finding_rows.get(&i).map(|r| (v, r))) {
                let (v, rows) = rows;
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

    fn write_side_by_side(&self, out: &mut String, v: &GroupView, findings: &[Finding]) {
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
                let fk = findings[f].kind;
                if seen.insert((fk, f)) {
                    let _ = write!(
                        out,
                        "<a class=\"badge k-{k}\" href=\"#f-{n}\" title=\"{m}\">{k}</a>",
                        k = fk.name(),
                        n = f + 1,
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
                let hits = v.cell_findings.get(&(pos, l));
                let hit_kinds: Vec<&str> = hits
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
                match u.segments.get(&l) {
                    None => {
                        let _ = write!(
                            out,
                            "<td class=\"seg empty{}\" data-lang=\"{l}\"{hit_attr}>— no counterpart —</td>",
                            if hit_kinds.is_empty() { "" } else { " hit" }
                        );
                    }
                    Some(seg) => {
                        let _ = write!(
                            out,
                            "<td class=\"seg{}\" data-lang=\"{l}\" lang=\"{t}\" dir=\"auto\"{hit_attr}>",
                            if hit_kinds.is_empty() { "" } else { " hit" },
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
        out.push_str("</tbody>\n</table></div>\n");
        let _ = writeln!(
            out,
            "<p class=\"back\"><a href=\"#{}\">↑ {}</a> · <a href=\"#top\">↑ back to top</a></p>",
            v.anchor,
            escape(&shorten(&v.title, 60))
        );
    }

    /// Writes one cell's text: paragraph by paragraph from the statement when the indices fit
    /// it (so 2-1 beads show their paragraph boundaries), else the unit's joined text.
    fn write_segment(
        &self,
        out: &mut String,
        v: &GroupView,
        lang: Lang,
        seg: &crate::model::UnitSegment,
    ) {
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
                    let other = p.lang.filter(|&pl| pl != lang);
                    match other {
                        Some(pl) => {
                            let _ = write!(
                                out,
                                "<p lang=\"{pl}\"><span class=\"pi\">¶{}</span><span class=\"note\">reads as {pl}</span> {}</p>",
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

    fn write_orphans(&self, out: &mut String) {
        if self.orphan_findings.is_empty() {
            return;
        }
        out.push_str("<section id=\"other-findings\" class=\"card\">\n<h2>Other findings</h2>\n");
        out.push_str("<p class=\"muted\">Findings about groups that are not in this report.</p>\n");
        self.write_findings_table(out, &self.orphan_findings, None);
        out.push_str("<p class=\"back\"><a href=\"#top\">↑ back to top</a></p>\n</section>\n");
    }

    fn write_ungrouped(&self, out: &mut String) {
        if self.ungrouped.is_empty() {
            return;
        }
        out.push_str("<section id=\"ungrouped\" class=\"card\">\n<h2>Ungrouped statements</h2>\n");
        out.push_str("<p class=\"muted\">Statements that were not put into any group (no language identified, or no other version matched).</p>\n");
        out.push_str("<table class=\"files\">\n<thead><tr><th scope=\"col\" class=\"lc\">lang</th><th scope=\"col\">file</th><th scope=\"col\">kind</th><th scope=\"col\">title</th><th scope=\"col\" class=\"n\">¶</th></tr></thead>\n<tbody>\n");
        for &i in &self.ungrouped {
            let s = &self.statements[i];
            match s.lang {
                Some(l) => self.write_statement_row(out, l, s, None),
                None => {
                    let _ = writeln!(
                        out,
                        "<tr data-lang=\"\"><td class=\"lc\">?</td><td><code>{}</code></td><td>{}</td><td class=\"stmt-title\" data-statement-id=\"{}\" data-lang=\"\" dir=\"auto\">{}</td><td class=\"n\">{}</td></tr>",
                        escape(&s.file),
                        match s.kind {
                            StatementKind::Main => "main",
                            StatementKind::Teaser => "teaser",
                            StatementKind::Document => "document",
                        },
                        escape(&s.id),
                        escape(&s.title),
                        s.paragraphs.len()
                    );
                }
            }
        }
        out.push_str("</tbody>\n</table>\n<p class=\"back\"><a href=\"#top\">↑ back to top</a></p>\n</section>\n");
    }
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
fn locate_findings(view: &mut GroupView, findings: &[Finding]) {
    view.row_findings = vec![Vec::new(); view.units.len()];
    for &fi in &view.findings {
        let f = &findings[fi];
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

const CSS: &str = r#":root{--bg:#f4f5f7;--fg:#1c1e21;--muted:#687080;--line:#dfe2e6;--card:#fff;--accent:#1f5fbf;--head:#1e2a44}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code{font:12.5px/1.3 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;overflow-wrap:anywhere}
header.page{background:var(--head);color:#fff;padding:.9rem 2rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 2rem}
header.page h1{margin:0;font-size:1.5rem;letter-spacing:.01em}
header.page nav a{color:#cfe0ff;margin-right:1rem;font-size:.95rem}
main{max-width:1680px;margin:0 auto;padding:.5rem 1.5rem 4rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:1.1rem 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
h2{font-size:1.25rem;margin:.1rem 0 .6rem}
h3{font-size:1rem;margin:1.1rem 0 .45rem;color:#2b3240}
.muted{color:var(--muted)}.small{font-size:.8rem;font-weight:normal}
table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .55rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:#4a5263;background:#f0f2f5}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.total{font-weight:700}
ul.stats{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:0 0 .5rem}
ul.stats li{background:#f0f4fb;border:1px solid #d8e2f3;border-radius:8px;padding:.4rem .9rem;color:#3a4456}
ul.stats .num{display:block;font-size:1.6rem;font-weight:700;color:var(--head);line-height:1.1}
table.counts{width:auto;min-width:34rem}
table.counts tr.zero{color:#a0a6b0}table.counts tr.zero .badge{opacity:.55}
.lang{display:inline-block;font:600 .75rem/1.5 ui-monospace,"DejaVu Sans Mono",monospace;background:#e8ebf0;color:#2b3240;border-radius:4px;padding:0 .35em;text-transform:uppercase}
.lang.teaser{background:#fff1c7;color:#6b4a00}.lang.first{background:#dbe6fb;color:#173f85}
.badge{display:inline-block;padding:0 .5em;margin:.05em .15em .05em 0;border-radius:999px;font-size:.74rem;font-weight:600;line-height:1.55;white-space:nowrap;border:1px solid rgba(0,0,0,.12)}
a.badge:hover{text-decoration:none;filter:brightness(.95)}
.k-missing-language{background:#fddedc;color:#8c1d18}
.k-teaser-only{background:#ffeec2;color:#6e4b00}
.k-single-version{background:#e3eefc;color:#1c3f73}
.k-duplicate{background:#ece2fb;color:#4d2a8c}
.k-omission{background:#ffe0c7;color:#8a3d00}
.k-addition{background:#d9ecff;color:#0d4a8a}
.k-untranslated{background:#fbd9ef;color:#861b5e}
.k-copied{background:#d7f3ef;color:#0b5c52}
.k-truncated{background:#eadfd5;color:#5e3b1c}
.k-length-ratio{background:#f6f3c4;color:#5d5500}
.k-low-confidence{background:#e6e8eb;color:#3d4450}
.k-conflict{background:#ffd6d6;color:#7c0a0a;border-style:dashed}
.sev{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;border-radius:3px;padding:0 .4em;white-space:nowrap}
.sev-high{background:#b3261e;color:#fff}.sev-medium{background:#e8710a;color:#fff}.sev-low{background:#f2d45c;color:#3b3000}.sev-info{background:#dfe3e8;color:#3d4450}
.legend{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 2.5rem}
dl.kinds{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .8rem;margin:0}
dl.kinds dt{margin:0}dl.kinds dd{margin:0;color:#3a4456}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.2rem 0}
.swatch{display:inline-block;width:1.6em;height:1em;vertical-align:middle;margin-right:.4em;border:1px solid var(--line);border-radius:3px}
.swatch.flagged{background:#fff8ec;border-left:4px solid #e8710a}.swatch.hit{background:#fff0e0;box-shadow:inset 0 0 0 2px #f0a050}
.swatch.empty{background:repeating-linear-gradient(135deg,#f7f7f7 0 5px,#ececec 5px 10px)}
.filters{display:flex;flex-wrap:wrap;gap:1rem}.filters fieldset{border:1px solid var(--line);border-radius:8px}
.filters label{display:inline-block;margin:.1rem .6rem .1rem 0;white-space:nowrap}
.scroll{overflow-x:auto}
table.cov td{white-space:nowrap}
table.matrix th.lc,table.matrix td[data-lang]{text-align:center;width:8.5rem}
table.matrix td.date,td.date{white-space:nowrap;font-variant-numeric:tabular-nums;color:#3a4456}
.c-present{background:#e3f4e8;color:#175c2c;font-weight:600}
.c-teaser-only{background:#fff2cc;color:#6b4a00;font-weight:600}
.c-missing{background:#fcdcda;color:#8c1d18;font-weight:700}
.c-absent{color:#a3a9b3}
table.cov td.c-present,table.cov td.c-teaser-only,table.cov td.c-missing{border:2px solid #fff}
.copies{font-weight:normal;font-size:.75rem;text-align:left;white-space:normal;color:#4d2a8c}
.copies ul{margin:0;padding-left:1rem}
table.legend-cov{width:auto}table.legend-cov td+td{white-space:normal;color:#3a4456}
table.files td.lc{width:3.5rem}
tr.copy{background:#faf7ff}tr.missing td{background:#fdf0ef;color:#8c1d18;font-weight:600}
.gid{margin:-.3rem 0 .4rem;color:var(--muted);font-size:.85rem}
h2 .date{color:var(--muted);font-weight:600;font-variant-numeric:tabular-nums;margin-right:.35rem}
table.findings td{font-size:.9rem}
table.findings th.fid,table.findings td.fid{width:2.5rem}table.findings .kind{width:9rem}
tr.finding.sev-row-high td:first-child{box-shadow:inset 4px 0 #b3261e}
tr.finding.sev-row-medium td:first-child{box-shadow:inset 4px 0 #e8710a}
tr.finding.sev-row-low td:first-child{box-shadow:inset 4px 0 #f2d45c}
tr.finding:target{background:#fffbe0}
td.paras{white-space:nowrap;font-variant-numeric:tabular-nums}
blockquote.excerpt{margin:.3rem 0 0;padding:.2rem .6rem;border-left:3px solid var(--line);color:#4a5263;font-size:.85rem}
.ffiles{margin-top:.2rem;color:var(--muted)}
td.evidence{width:12rem}
td.evidence dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem;margin:0;font-size:.8rem}
td.evidence dt{color:var(--muted)}td.evidence dd{margin:0;font-variant-numeric:tabular-nums}
a.to-row{font-size:.8rem;white-space:nowrap}
table.sbs{table-layout:fixed;border:1px solid var(--line)}
table.sbs col.meta{width:7.2rem}
table.sbs thead th{position:sticky;top:0;z-index:2;background:#e9edf3;text-transform:none;letter-spacing:0;font-size:.85rem;color:#1c1e21;border-bottom:2px solid #c8ced8;box-shadow:0 1px 0 #c8ced8}
table.sbs thead th .tag{color:var(--muted);font-weight:normal;font-size:.8rem}
table.sbs thead th .file{font:normal .72rem/1.3 ui-monospace,"DejaVu Sans Mono",monospace;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
table.sbs td{border-left:1px solid #eceef1}
table.sbs td.seg{overflow-wrap:anywhere;hyphens:auto;font-size:.92rem;line-height:1.5}
table.sbs td.seg p{margin:0 0 .45rem}table.sbs td.seg p:last-child{margin-bottom:0}
table.sbs td.meta{font-size:.8rem;color:#3a4456;background:#fafbfc}
table.sbs td.meta .un{font-weight:700;font-size:.95rem}
.bead{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.score{font-variant-numeric:tabular-nums;color:#175c2c;font-weight:600}.score.mid{color:#9a5b00}.score.low{color:#9aa0a8;font-weight:normal;font-style:italic}
table.sbs tbody tr:nth-child(even) td.seg{background:#fcfcfd}
tr.unit.flagged td{background:#fff9f0!important}
tr.unit.flagged td.meta{box-shadow:inset 4px 0 #e8710a}
td.seg.hit{box-shadow:inset 0 0 0 2px #f0a050;background:#fff0e0!important}
td.seg.empty{background:repeating-linear-gradient(135deg,#f8f8f8 0 6px,#efefef 6px 12px)!important;color:#8a909a;font-style:italic;text-align:center;vertical-align:middle}
td.seg.empty.hit{color:#8a3d00;font-weight:600}
tr.unit:target td{outline:2px solid #1f5fbf}
.pi{display:inline-block;font:600 .68rem/1.4 ui-monospace,"DejaVu Sans Mono",monospace;color:#5a6272;background:#eef0f3;border-radius:3px;padding:0 .3em;margin-right:.4em;vertical-align:.08em}
.note{display:inline-block;font-size:.7rem;color:#861b5e;background:#fbe8f4;border-radius:3px;padding:0 .35em;margin-right:.3em}
p.back{margin:.6rem 0 0;font-size:.85rem}
.hidden-by-filter{display:none!important}
@media (max-width:900px){
main{padding:.25rem .5rem 3rem}.card{padding:.75rem .6rem;border-radius:6px}
header.page{padding:.7rem 1rem}
.legend{grid-template-columns:1fr}
table.sbs col.meta{width:4.6rem}
table.sbs td,table.sbs th{padding:.3rem .35rem}
table.sbs td.seg{font-size:.84rem;hyphens:auto}
td.evidence{width:auto}table.findings .kind{width:auto}
table.findings thead{display:none}
table.findings tr{display:block;border-bottom:1px solid var(--line);padding:.3rem 0}
table.findings td{display:inline-block;border:0;padding:.1rem .3rem}
table.findings td:nth-child(6){display:block}
}
@media (max-width:600px){
.sbs-wrap{overflow-x:auto}
table.sbs.cols-2{min-width:26rem}table.sbs.cols-3{min-width:37rem}table.sbs.cols-4{min-width:48rem}table.sbs.cols-5{min-width:59rem}
}
@media print{header.page nav,#filters{display:none}table.sbs thead th{position:static}.card{box-shadow:none}}
"#;

const JS: &str = r#"(function(){
"use strict";
document.documentElement.setAttribute("data-js","on");
var box=document.getElementById("filters");
if(!box){return;}
box.hidden=false;
var form=box.querySelector("form");
function apply(){
  var on={};
  form.querySelectorAll("input[name=kind]").forEach(function(c){on[c.value]=c.checked;});
  var flaggedOnly=form.querySelector("input[name=flagged]").checked;
  var hideClean=form.querySelector("input[name=clean]").checked;
  document.querySelectorAll("tr[data-finding-kind]").forEach(function(r){
    r.classList.toggle("hidden-by-filter",!on[r.getAttribute("data-finding-kind")]);
  });
  document.querySelectorAll("tr[data-unit]").forEach(function(r){
    var kinds=(r.getAttribute("data-findings")||"").split(" ").filter(Boolean);
    var shown=kinds.some(function(k){return on[k];});
    r.classList.toggle("hidden-by-filter",flaggedOnly&&!shown);
  });
  document.querySelectorAll("section.group").forEach(function(s){
    var any=s.querySelector("tr[data-finding-kind]:not(.hidden-by-filter)");
    s.classList.toggle("hidden-by-filter",hideClean&&!any);
  });
}
form.addEventListener("change",apply);
apply();
})();
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn para_labels_are_one_based_runs() {
        assert_eq!(para_label(&[0]), "¶1");
        assert_eq!(para_label(&[3, 2, 4, 7]), "¶3–5, ¶8");
        assert_eq!(para_label(&[]), "");
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(0.12345), "0.123");
        assert_eq!(fmt_num(1.5), "1.5");
        assert_eq!(fmt_num(-0.0001), "0");
    }

    #[test]
    fn anchors_are_unique_and_safe() {
        let mut a = Anchors::default();
        a.reserve("top");
        assert_eq!(
            a.make("g", "2019-10-16 Minister: «Rede»"),
            "g-2019-10-16-minister-rede"
        );
        assert_eq!(
            a.make("g", "2019-10-16 minister rede"),
            "g-2019-10-16-minister-rede-2"
        );
        assert_eq!(a.make("top", ""), "top-2");
        assert_eq!(a.make("g", "Заявление"), "g");
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }
}
