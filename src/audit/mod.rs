//! Gap audit: what each language version of a statement is missing, adds, or left
//! untranslated. Produces the coverage matrix (group × language) and findings with their
//! evidence; [`html`] renders them as the side-by-side report page.
//!
//! Findings are meant to be precise: each rule fires only on strong evidence (a paragraph
//! with no counterpart, a confident language-ID disagreement, a length ratio many standard
//! deviations from the language pair's learned ratio), because a false alarm costs an
//! analyst's time.

pub mod html;

use std::collections::{BTreeMap, BTreeSet};

use serde::Serialize;

use crate::align::LengthStats;
use crate::model::{
    Coverage, CoverageRow, Finding, FindingKind, FindingSeverity, Group, Lang, Level, Statement,
    StatementKind, Unit,
};

/// Everything the audit found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AuditReport {
    pub coverage: Vec<CoverageRow>,
    pub findings: Vec<Finding>,
}

/// Thresholds of the audit rules.
#[derive(Clone, Copy, Debug)]
pub struct AuditConfig {
    /// Length-ratio outlier: |z| above this (Gale & Church δ) …
    pub ratio_z: f64,
    /// … and the ratio off the pair's ratio by at least this factor.
    pub ratio_factor: f64,
    /// Units below this confidence are reported as low-confidence.
    pub low_confidence: f64,
    /// A version is truncated when it covers less than this share of the pivot's text.
    pub truncated_coverage: f64,
    /// Minimum language-ID confidence to call a paragraph untranslated.
    pub untranslated_confidence: f64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        AuditConfig {
            ratio_z: 6.0,
            ratio_factor: 2.0,
            low_confidence: 0.05,
            truncated_coverage: 0.6,
            untranslated_confidence: 0.5,
        }
    }
}

fn excerpt(s: &str) -> String {
    s.to_string()
}

fn ev(pairs: &[(&str, f64)]) -> BTreeMap<String, f64> {
    pairs.iter().map(|(k, v)| (k.to_string(), *v)).collect()
}

/// Runs the audit with default thresholds.
pub fn audit(
    statements: &[Statement],
    groups: &[Group],
    units: &[Unit],
    pivot: Option<Lang>,
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
) -> AuditReport {
    audit_with(
        statements,
        groups,
        units,
        pivot,
        stats,
        &AuditConfig::default(),
    )
}

/// Runs the audit.
pub fn audit_with(
    statements: &[Statement],
    groups: &[Group],
    units: &[Unit],
    pivot: Option<Lang>,
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
) -> AuditReport {
    let mut coverage = Vec::new();
    let mut findings = Vec::new();
    let mut units_of: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
    for u in units.iter().filter(|u| u.level == Level::Paragraph) {
        units_of.entry(u.group.as_str()).or_default().push(u);
    }
    for g in groups {
        let rep = g
            .versions
            .get(&Lang::En)
            .or_else(|| g.versions.values().next())
            .map(|&k| &statements[k]);
        let title = rep.map(|s| s.title.clone()).unwrap_or_default();
        let date = g
            .versions
            .values()
            .filter_map(|&k| statements[k].date)
            .min();
        // Coverage.
        let mut cells = BTreeMap::new();
        for l in Lang::ALL {
            let copies = |k: usize| -> Vec<String> {
                g.duplicates
                    .iter()
                    .filter(|d| d.kept == k)
                    .map(|d| statements[d.copy].file.clone())
                    .collect()
            };
            let cell = match g.versions.get(&l) {
                Some(&k) if statements[k].kind == StatementKind::Teaser => Coverage::TeaserOnly {
                    file: statements[k].file.clone(),
                    copies: copies(k),
                },
                Some(&k) => Coverage::Present {
                    file: statements[k].file.clone(),
                    copies: copies(k),
                },
                None if g.promised.contains(&l) => Coverage::Missing,
                None => Coverage::Absent,
            };
            cells.insert(l, cell);
        }
        // Coverage findings.
        for l in Lang::ALL {
            match &cells[&l] {
                Coverage::Missing => {
                    let promisers: Vec<String> = g
                        .versions
                        .values()
                        .chain(g.duplicates.iter().map(|d| &d.copy))
                        .filter(|&&k| statements[k].promised().contains(&l))
                        .map(|&k| statements[k].file.clone())
                        .collect();
                    findings.push(Finding {
                        kind: FindingKind::MissingLanguage,
                        severity: FindingSeverity::High,
                        group: g.id.clone(),
                        langs: vec![l],
                        statement: None,
                        files: promisers.clone(),
                        paragraphs: vec![],
                        excerpt: String::new(),
                        evidence: ev(&[("promised_by_files", promisers.len() as f64)]),
                        message: format!(
                            "{l} version promised by the language switcher but not in the corpus"
                        ),
                    });
                }
                Coverage::TeaserOnly { file, copies } => {
                    let k = g.versions[&l];
                    let mut files = vec![file.clone()];
                    files.extend(copies.iter().cloned());
                    findings.push(Finding {
                        kind: FindingKind::TeaserOnly,
                        severity: FindingSeverity::Medium,
                        group: g.id.clone(),
                        langs: vec![l],
                        statement: Some(statements[k].id.clone()),
                        files,
                        paragraphs: (0..statements[k].paragraphs.len()).collect(),
                        excerpt: statements[k].paragraphs.iter().map(|p| p.text.as_str()).collect::<Vec<_>>().join("\n"),
                        evidence: ev(&[("paragraphs", statements[k].paragraphs.len() as f64)]),
                        message: format!("{l} version present only as a teaser (title and lead), its full text is not in the corpus"),
                    });
                }
                _ => {}
            }
        }
        // A statement with a full text in one language only.
        let full: Vec<(Lang, usize)> = g
            .versions
            .iter()
            .filter(|(_, &k)| statements[k].kind != StatementKind::Teaser)
            .map(|(&l, &k)| (l, k))
            .collect();
        if full.len() == 1 {
            let (l, k) = full[0];
            let st = &statements[k];
            findings.push(Finding {
                kind: FindingKind::SingleVersion,
                severity: FindingSeverity::Info,
                group: g.id.clone(),
                langs: vec![l],
                statement: Some(st.id.clone()),
                files: vec![st.file.clone()],
                paragraphs: (0..st.paragraphs.len()).collect(),
                excerpt: st
                    .paragraphs
                    .iter()
                    .map(|p| p.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n"),
                evidence: ev(&[
                    ("paragraphs", st.paragraphs.len() as f64),
                    ("versions", g.versions.len() as f64),
                ]),
                message: format!("only the {l} text of this statement is in the corpus"),
            });
        }
        for d in &g.duplicates {
            if d.reason == "teaser-of" {
                continue;
            }
            let kept = &statements[d.kept];
            let copy = &statements[d.copy];
            let Some(l) = kept.lang else { continue };
            findings.push(Finding {
                kind: FindingKind::Duplicate,
                severity: FindingSeverity::Info,
                group: g.id.clone(),
                langs: vec![l],
                statement: Some(copy.id.clone()),
                files: vec![kept.file.clone(), copy.file.clone()],
                paragraphs: (0..copy.paragraphs.len()).collect(),
                excerpt: copy.title.clone(),
                evidence: ev(&[
                    ("paragraphs_kept", kept.paragraphs.len() as f64),
                    ("paragraphs_copy", copy.paragraphs.len() as f64),
                ]),
                message: format!(
                    "{l} text found twice ({}): {} kept, {} recorded as a copy",
                    d.reason, kept.file, copy.file
                ),
            });
        }
        // Untranslated paragraphs.
        for &k in g.versions.values() {
            let st = &statements[k];
            let Some(sl) = st.lang else { continue };
            for (pi, p) in st.paragraphs.iter().enumerate() {
                if let Some(pl) = p.lang {
                    if pl != sl && p.lang_confidence >= cfg.untranslated_confidence {
                        findings.push(Finding {
                            kind: FindingKind::Untranslated,
                            severity: FindingSeverity::High,
                            group: g.id.clone(),
                            langs: vec![sl, pl],
                            statement: Some(st.id.clone()),
                            files: vec![st.file.clone()],
                            paragraphs: vec![pi],
                            excerpt: excerpt(&p.text),
                            evidence: ev(&[("confidence", p.lang_confidence)]),
                            message: format!(
                                "paragraph {pi} of the {sl} version is written in {pl}"
                            ),
                        });
                    }
                }
            }
        }
        let gunits = units_of.get(g.id.as_str()).cloned().unwrap_or_default();
        let present: BTreeSet<Lang> = gunits
            .iter()
            .flat_map(|u| u.segments.keys().copied())
            .collect();
        if present.len() >= 2 {
            let gp = pivot
                .filter(|p| present.contains(p))
                .or_else(|| present.iter().next().copied())
                .expect("non-empty");
            unit_findings(
                g,
                &gunits,
                gp,
                &present,
                statements,
                stats,
                cfg,
                &mut findings,
            );
        }
        coverage.push(CoverageRow {
            group: g.id.clone(),
            title,
            date,
            cells,
        });
    }
    findings.sort_by(|a, b| {
        (&a.group, a.kind, &a.langs, &a.paragraphs).cmp(&(
            &b.group,
            b.kind,
            &b.langs,
            &b.paragraphs,
        ))
    });
    AuditReport { coverage, findings }
}

#[allow(clippy::too_many_arguments)]
fn unit_findings(
    g: &Group,
    gunits: &[&Unit],
    pivot: Lang,
    present: &BTreeSet<Lang>,
    statements: &[Statement],
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
    findings: &mut Vec<Finding>,
) {
    // The pivot of the group is the language of its units' alignment; use the first unit that has it.
    let untranslated: BTreeSet<(Lang, usize)> = findings
        .iter()
        .filter(|f| f.group == g.id && f.kind == FindingKind::Untranslated)
        .flat_map(|f| f.paragraphs.iter().map(move |&p| (f.langs[0], p)))
        .collect();
    let mut covered: BTreeMap<Lang, usize> = BTreeMap::new();
    let mut pivot_total = 0usize;
    for u in gunits {
        let langs: BTreeSet<Lang> = u.segments.keys().copied().collect();
        let pchars = u
            .segments
            .get(&pivot)
            .map(|s| s.text.chars().count())
            .unwrap_or(0);
        pivot_total += pchars;
        for &l in &langs {
            *covered.entry(l).or_insert(0) += pchars;
        }
        for &l in present {
            if langs.contains(&l) {
                continue;
            }
            if langs.contains(&pivot) || langs.len() >= 2 {
                // Content present elsewhere, absent here: an omission in `l`.
                let (cmp_lang, seg) = if let Some(s) = u.segments.get(&pivot) {
                    (pivot, s)
                } else {
                    u.segments
                        .iter()
                        .next()
                        .map(|(l, s)| (*l, s))
                        .expect("unit")
                };
                let k = g.versions[&l];
                findings.push(Finding {
                    kind: FindingKind::Omission,
                    severity: FindingSeverity::High,
                    group: g.id.clone(),
                    langs: vec![l, cmp_lang],
                    statement: Some(statements[k].id.clone()),
                    files: vec![statements[k].file.clone(), seg.file.clone()],
                    paragraphs: seg.indices.clone(),
                    excerpt: excerpt(&seg.text),
                    evidence: ev(&[
                        ("unit", u.unit as f64),
                        ("languages_with_text", langs.len() as f64),
                    ]),
                    message: format!(
                        "{cmp_lang} paragraph(s) {:?} have no counterpart in the {l} version",
                        seg.indices
                    ),
                });
            }
        }
        if langs.len() == 1 {
            let l = *langs.iter().next().expect("one");
            if l != pivot {
                let seg = &u.segments[&l];
                if seg.indices.iter().all(|&i| untranslated.contains(&(l, i))) {
                    continue;
                }
                let k = g.versions[&l];
                findings.push(Finding {
                    kind: FindingKind::Addition,
                    severity: FindingSeverity::Medium,
                    group: g.id.clone(),
                    langs: vec![l, pivot],
                    statement: Some(statements[k].id.clone()),
                    files: vec![seg.file.clone()],
                    paragraphs: seg.indices.clone(),
                    excerpt: excerpt(&seg.text),
                    evidence: ev(&[("unit", u.unit as f64)]),
                    message: format!(
                        "{l} paragraph(s) {:?} have no counterpart in the {pivot} version",
                        seg.indices
                    ),
                });
            }
            continue;
        }
        // Copied unchanged from another version (and not already reported as untranslated).
        let mut texts: BTreeMap<&str, Lang> = BTreeMap::new();
        for (&l, s) in &u.segments {
            let norm = s.text.trim();
            if norm.chars().filter(|c| c.is_alphabetic()).count() < 20 {
                continue;
            }
            if let Some(&other) = texts.get(norm) {
                if !s.indices.iter().any(|&i| untranslated.contains(&(l, i)))
                    && !u.segments[&other]
                        .indices
                        .iter()
                        .any(|&i| untranslated.contains(&(other, i)))
                {
                    let k = g.versions[&l];
                    findings.push(Finding {
                        kind: FindingKind::Copied,
                        severity: FindingSeverity::High,
                        group: g.id.clone(),
                        langs: vec![l, other],
                        statement: Some(statements[k].id.clone()),
                        files: vec![s.file.clone(), u.segments[&other].file.clone()],
                        paragraphs: s.indices.clone(),
                        excerpt: excerpt(&s.text),
                        evidence: ev(&[("unit", u.unit as f64)]),
                        message: format!(
                            "{l} paragraph(s) {:?} are identical to the {other} text",
                            s.indices
                        ),
                    });
                }
            } else {
                texts.insert(norm, l);
            }
        }
        // Length-ratio outliers against the pivot.
        if let Some(ps) = u.segments.get(&pivot) {
            let l1 = ps.text.chars().count() as f64;
            for (&l, s) in &u.segments {
                if l == pivot || s.indices.iter().any(|&i| untranslated.contains(&(l, i))) {
                    continue;
                }
                let Some(st) = stats.get(&(pivot, l)) else {
                    continue;
                };
                let l2 = s.text.chars().count() as f64;
                if l1 < 40.0 && l2 < 40.0 {
                    continue;
                }
                let expected = st.ratio * l1;
                let z = (l2 - expected) / (l1.max(1.0) * st.var.max(0.1)).sqrt();
                let factor = (l2.max(1.0) / expected.max(1.0)).max(expected.max(1.0) / l2.max(1.0));
                if z.abs() >= cfg.ratio_z && factor >= cfg.ratio_factor {
                    let k = g.versions[&l];
                    findings.push(Finding {
                        kind: FindingKind::LengthRatio,
                        severity: FindingSeverity::Low,
                        group: g.id.clone(),
                        langs: vec![l, pivot],
                        statement: Some(statements[k].id.clone()),
                        files: vec![s.file.clone()],
                        paragraphs: s.indices.clone(),
                        excerpt: excerpt(&s.text),
                        evidence: ev(&[("chars", l2), ("pivot_chars", l1), ("expected", expected), ("z", z), ("pair_ratio", st.ratio)]),
                        message: format!("{l} text is {:.1}× {} than expected from the {pivot} text (z = {z:.1})", factor, if l2 > expected { "longer" } else { "shorter" }),
                    });
                }
            }
        }
        if u.score < cfg.low_confidence {
            findings.push(Finding {
                kind: FindingKind::LowConfidence,
                severity: FindingSeverity::Low,
                group: g.id.clone(),
                langs: u.segments.keys().copied().collect(),
                statement: None,
                files: u.segments.values().map(|s| s.file.clone()).collect(),
                paragraphs: u
                    .segments
                    .get(&pivot)
                    .map(|s| s.indices.clone())
                    .unwrap_or_default(),
                excerpt: u
                    .segments
                    .get(&pivot)
                    .map(|s| s.text.clone())
                    .unwrap_or_default(),
                evidence: ev(&[("score", u.score), ("unit", u.unit as f64)]),
                message: format!(
                    "unit {} aligned with low confidence ({:.2})",
                    u.unit, u.score
                ),
            });
        }
        if u.conflict {
            findings.push(Finding {
                kind: FindingKind::Conflict,
                severity: FindingSeverity::Medium,
                group: g.id.clone(),
                langs: u.segments.keys().copied().collect(),
                statement: None,
                files: u.segments.values().map(|s| s.file.clone()).collect(),
                paragraphs: u.segments.get(&pivot).map(|s| s.indices.clone()).unwrap_or_default(),
                excerpt: u.segments.get(&pivot).map(|s| s.text.clone()).unwrap_or_default(),
                evidence: ev(&[("unit", u.unit as f64), ("score", u.score)]),
                message: format!("unit {}: direct alignment of two non-pivot versions disagrees with the merge through {pivot}", u.unit),
            });
        }
    }
    // Truncated versions.
    if pivot_total > 0 {
        for &l in present {
            if l == pivot {
                continue;
            }
            let c = covered.get(&l).copied().unwrap_or(0) as f64 / pivot_total as f64;
            if c < cfg.truncated_coverage {
                let k = g.versions[&l];
                findings.push(Finding {
                    kind: FindingKind::Truncated,
                    severity: FindingSeverity::High,
                    group: g.id.clone(),
                    langs: vec![l, pivot],
                    statement: Some(statements[k].id.clone()),
                    files: vec![statements[k].file.clone()],
                    paragraphs: vec![],
                    excerpt: String::new(),
                    evidence: ev(&[("coverage", c)]),
                    message: format!(
                        "the {l} version covers only {:.0}% of the {pivot} text",
                        c * 100.0
                    ),
                });
            }
        }
    }
}

/// Counts findings per kind.
pub fn counts_by_kind(findings: &[Finding]) -> BTreeMap<FindingKind, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.kind).or_insert(0) += 1;
    }
    m
}
