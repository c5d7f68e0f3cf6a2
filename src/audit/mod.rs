//! Gap audit: what each language version of a statement is missing, adds, or left
//! untranslated. Produces the coverage matrix (group × language) and findings with their
//! evidence; [`html`] renders them as the report pages (an index and one page per month).
//!
//! Findings are meant to be precise: each rule fires only on strong evidence (a paragraph
//! with no counterpart, a confident language-ID disagreement, a length ratio many standard
//! deviations from the language pair's learned ratio), because a false alarm costs an
//! analyst's time.

pub mod html;

use crate::text::{is_letter, is_letter_or_digit};
use std::collections::{BTreeMap, BTreeSet, HashMap};

use rayon::prelude::*;
use serde::Serialize;

use crate::align::LengthStats;
use crate::model::{
    Coverage, CoverageRow, Finding, FindingKind, FindingSeverity, Group, GroupCandidate, Lang,
    Level, Statement, StatementKind, Unit,
};

/// Everything the audit found.
#[derive(Clone, Debug, Default, Serialize)]
pub struct AuditReport {
    pub coverage: Vec<CoverageRow>,
    pub findings: Vec<Finding>,
    /// What the audit's sentence alignment learned (or was given), per language pair.
    #[serde(skip)]
    pub learned: crate::align::LevelStats,
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
    /// An untranslated or copied paragraph must hold at least this many prose words
    /// (lower-case words of three letters or more, outside links, tags and addresses): names,
    /// addresses, link lists and title-case headings are the same in every language and are
    /// not translation gaps.
    pub min_prose_words: usize,
    /// An omission or addition next to a 1-1 unit is reported only when the length evidence
    /// for it (log-likelihood ratio of "missing" against "merged into that neighbour") is at
    /// least this; otherwise it is reported as low-confidence.
    pub gap_evidence: f64,
    /// A candidate of another language free to join the group and at least this probable, or
    /// preferring the group ([`crate::model::GroupCandidate::mutual`]), is named as
    /// `unmatched` (and keeps its language from being reported missing).
    pub plausible: f64,
    /// A statement with a candidate at least this probable is not `single-version`.
    pub counterpart: f64,
    /// A switcher pattern seen for at least this many promises …
    pub promise_support: usize,
    /// … is trusted only when at least this share of its promises were kept.
    pub promise_fulfilment: f64,
}

impl Default for AuditConfig {
    fn default() -> Self {
        AuditConfig {
            ratio_z: 6.0,
            ratio_factor: 2.0,
            low_confidence: 0.05,
            truncated_coverage: 0.6,
            untranslated_confidence: 0.5,
            min_prose_words: 3,
            gap_evidence: 2.0,
            plausible: 0.05,
            counterpart: 0.5,
            promise_support: 30,
            promise_fulfilment: 0.6,
        }
    }
}

fn excerpt(s: &str) -> String {
    s.to_string()
}

pub use crate::text::readable;

/// Lower-case words of three letters or more in the readable text: what running prose has and
/// names, addresses, link lists and title-case headings lack.
fn prose_words(readable: &str) -> usize {
    readable
        .split(|c: char| !is_letter(c))
        .filter(|w| w.chars().count() >= 3 && w.chars().next().is_some_and(|c| c.is_lowercase()))
        .count()
}

/// Comparison key of a text: its letters and digits, lower-cased.
fn norm_key(s: &str) -> String {
    s.chars()
        .filter(|&c| is_letter_or_digit(c))
        .flat_map(|c| c.to_lowercase())
        .collect()
}

/// Dice coefficient of the character bigrams of two comparison keys (1: same text).
fn dice(a: &str, b: &str) -> f64 {
    let bigrams = |s: &str| -> BTreeMap<(char, char), usize> {
        let cs: Vec<char> = s.chars().collect();
        let mut m = BTreeMap::new();
        for w in cs.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    };
    let (x, y) = (bigrams(a), bigrams(b));
    let (nx, ny): (usize, usize) = (x.values().sum(), y.values().sum());
    if nx + ny == 0 {
        return 0.0;
    }
    let common: usize = x
        .iter()
        .map(|(k, &v)| v.min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * common as f64 / (nx + ny) as f64
}

/// Share of the letters of `readable` written in the script of `l` (Cyrillic or Latin).
fn script_share(readable: &str, l: Lang) -> f64 {
    let (mut cyr, mut all) = (0usize, 0usize);
    for c in readable.chars().filter(|&c| is_letter(c)) {
        all += 1;
        if ('\u{400}'..='\u{52f}').contains(&c) {
            cyr += 1;
        }
    }
    if all == 0 {
        return 0.0;
    }
    let own = if l.is_cyrillic() { cyr } else { all - cyr };
    own as f64 / all as f64
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
        None,
    )
}

/// How far the switchers of the corpus can be trusted: per set of promised languages (a
/// switcher pattern), how many of the languages it promised were found in the statement's
/// group. A site whose switcher lists every language of the site on every page promises
/// versions that were never published; its pattern is fulfilled far less often than a
/// switcher that lists the versions that exist, and its promises are not taken as promises.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Promises {
    /// Pattern (bit mask of languages) → (languages promised, languages found).
    pub patterns: BTreeMap<u8, (usize, usize)>,
}

impl Promises {
    /// Counts the promises of every version and copy of every group.
    pub fn learn(statements: &[Statement], groups: &[Group]) -> Promises {
        let mut p = Promises::default();
        for g in groups {
            let members = g
                .versions
                .values()
                .copied()
                .chain(g.duplicates.iter().map(|d| d.copy));
            for k in members {
                let st = &statements[k];
                let Some(own) = st.lang else { continue };
                let mask = mask_of(st.promised().into_iter());
                for l in st.promised() {
                    if l == own {
                        continue;
                    }
                    let e = p.patterns.entry(mask).or_insert((0, 0));
                    e.0 += 1;
                    e.1 += usize::from(g.versions.contains_key(&l));
                }
            }
        }
        p
    }

    /// Share of the promises of a pattern that were kept (1 when it was never seen).
    pub fn fulfilment(&self, mask: u8) -> f64 {
        match self.patterns.get(&mask) {
            Some(&(n, found)) if n > 0 => found as f64 / n as f64,
            _ => 1.0,
        }
    }

    /// True when a pattern's promises are worth reporting: seen rarely, or kept at least
    /// `min_fulfilment` of the time.
    pub fn reliable(&self, mask: u8, min_support: usize, min_fulfilment: f64) -> bool {
        match self.patterns.get(&mask) {
            Some(&(n, _)) if n >= min_support => self.fulfilment(mask) >= min_fulfilment,
            _ => true,
        }
    }
}

fn mask_of(langs: impl Iterator<Item = Lang>) -> u8 {
    langs.fold(0, |m, l| m | 1 << (l as u8))
}

/// What every rule of one group reads.
struct GroupCtx<'a> {
    g: &'a Group,
    statements: &'a [Statement],
    /// The group's paragraph units, in order.
    units: Vec<&'a Unit>,
    /// Languages the switchers of the group's versions reliably promise.
    promised: BTreeSet<Lang>,
    /// The languages of the group each version belongs to (a statement index → languages).
    langs_of: &'a HashMap<usize, BTreeSet<Lang>>,
    cfg: &'a AuditConfig,
}

impl GroupCtx<'_> {
    /// A finding of this group with the fields every rule fills.
    #[allow(clippy::too_many_arguments)]
    fn finding(
        &self,
        kind: FindingKind,
        severity: FindingSeverity,
        langs: Vec<Lang>,
        statement: Option<usize>,
        files: Vec<String>,
        paragraphs: Vec<usize>,
        excerpt: String,
        evidence: BTreeMap<String, f64>,
        confidence: f64,
        message: String,
    ) -> Finding {
        Finding {
            kind,
            severity,
            group: self.g.id.clone(),
            langs,
            statement: statement.map(|k| self.statements[k].id.clone()),
            files,
            paragraphs,
            excerpt,
            evidence,
            confidence: (confidence.clamp(0.0, 1.0) * 1e4).round() / 1e4,
            message,
        }
    }

    fn body(&self, k: usize) -> String {
        self.statements[k]
            .paragraphs
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join("\n")
    }
}

/// Runs the audit. Only paragraph units are read: the findings do not depend on the level the
/// run exports (the sentence evidence for hidden omissions is computed here, the same way
/// whatever the level). `given`: the sentence alignment's statistics learned before (a whole
/// corpus's, for a window of it: [`AuditReport::learned`]); `None` learns them.
pub fn audit_with(
    statements: &[Statement],
    groups: &[Group],
    units: &[Unit],
    pivot: Option<Lang>,
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
    given: Option<&crate::align::LevelStats>,
) -> AuditReport {
    let promises = Promises::learn(statements, groups);
    let mut units_of: BTreeMap<&str, Vec<&Unit>> = BTreeMap::new();
    for u in units.iter().filter(|u| u.level == Level::Paragraph) {
        units_of.entry(u.group.as_str()).or_default().push(u);
    }
    let (lone, learned) = lone_sentences(statements, groups, &units_of, pivot, stats, cfg, given);
    let mut langs_of: HashMap<usize, BTreeSet<Lang>> = HashMap::new();
    for g in groups {
        let langs: BTreeSet<Lang> = g.versions.keys().copied().collect();
        for &k in g.versions.values() {
            langs_of.insert(k, langs.clone());
        }
    }
    // Groups are audited independently, side by side; results are collected in group order.
    let per_group: Vec<(CoverageRow, Vec<Finding>)> = groups
        .par_iter()
        .map(|g| {
            let mut findings = Vec::new();
            let promised: BTreeSet<Lang> = g
                .versions
                .values()
                .copied()
                .chain(g.duplicates.iter().map(|d| d.copy))
                .filter(|&k| {
                    let mask = mask_of(statements[k].promised().into_iter());
                    promises.reliable(mask, cfg.promise_support, cfg.promise_fulfilment)
                })
                .flat_map(|k| statements[k].promised())
                .collect();
            let ctx = GroupCtx {
                g,
                statements,
                units: units_of.get(g.id.as_str()).cloned().unwrap_or_default(),
                promised,
                langs_of: &langs_of,
                cfg,
            };
            let row = coverage_row(&ctx);
            findings.extend(unmatched(&ctx));
            // A plausible candidate's group may hold other languages this group lacks: they
            // are not missing either (they would join with it).
            let unmatched_langs: BTreeSet<Lang> = plausible(&ctx)
                .flat_map(|c| {
                    let mut ls = ctx.langs_of.get(&c.statement).cloned().unwrap_or_default();
                    ls.insert(c.lang);
                    ls
                })
                .collect();
            findings.extend(missing_language(&ctx, &unmatched_langs));
            findings.extend(teaser_only(&ctx));
            findings.extend(single_version(&ctx));
            findings.extend(duplicates(&ctx));
            let untranslated_at = findings.len();
            findings.extend(untranslated(&ctx));
            let untranslated: BTreeSet<(Lang, usize)> = findings[untranslated_at..]
                .iter()
                .flat_map(|f| f.paragraphs.iter().map(move |&p| (f.langs[0], p)))
                .collect();
            let present: BTreeSet<Lang> = ctx
                .units
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
                    &ctx.units,
                    gp,
                    &present,
                    &untranslated,
                    statements,
                    stats,
                    cfg,
                    &mut findings,
                );
                hidden_omissions(
                    g,
                    &ctx.units,
                    &lone,
                    gp,
                    statements,
                    stats,
                    cfg,
                    &mut findings,
                );
            }
            (row, findings)
        })
        .collect();
    let mut coverage = Vec::with_capacity(per_group.len());
    let mut findings = Vec::new();
    for (row, f) in per_group {
        coverage.push(row);
        findings.extend(f);
    }
    sort_findings(&mut findings);
    AuditReport {
        coverage,
        findings,
        learned,
    }
}

/// Most certain first; ties in a fixed order (group, kind, languages, paragraphs).
pub fn sort_findings(findings: &mut [Finding]) {
    findings.sort_by(|a, b| {
        b.confidence.total_cmp(&a.confidence).then_with(|| {
            (&a.group, a.kind, &a.langs, &a.paragraphs).cmp(&(
                &b.group,
                b.kind,
                &b.langs,
                &b.paragraphs,
            ))
        })
    });
}

/// The group's row of the coverage matrix: present (with copies), teaser only, missing (a
/// reliable switcher promised it), absent.
fn coverage_row(ctx: &GroupCtx<'_>) -> CoverageRow {
    let (g, statements) = (ctx.g, ctx.statements);
    let rep = g
        .versions
        .get(&Lang::En)
        .or_else(|| g.versions.values().next())
        .map(|&k| &statements[k]);
    let copies = |k: usize| -> Vec<String> {
        g.duplicates
            .iter()
            .filter(|d| d.kept == k)
            .map(|d| statements[d.copy].file.clone())
            .collect()
    };
    let cells = Lang::ALL
        .into_iter()
        .map(|l| {
            let cell = match g.versions.get(&l) {
                Some(&k) if statements[k].kind == StatementKind::Teaser => Coverage::TeaserOnly {
                    file: statements[k].file.clone(),
                    copies: copies(k),
                },
                Some(&k) => Coverage::Present {
                    file: statements[k].file.clone(),
                    copies: copies(k),
                },
                None if ctx.promised.contains(&l) => Coverage::Missing,
                None => Coverage::Absent,
            };
            (l, cell)
        })
        .collect();
    CoverageRow {
        group: g.id.clone(),
        title: rep.map(|s| s.title.clone()).unwrap_or_default(),
        date: g
            .versions
            .values()
            .filter_map(|&k| statements[k].date)
            .min(),
        cells,
    }
}

/// `unmatched`: a version of another language, free to join this group (its own group has
/// none of this group's languages), that grouping found plausible for it (at least
/// [`AuditConfig::plausible`] probable, or preferring this group to every other version free
/// to join it) but did not join.
fn unmatched(ctx: &GroupCtx<'_>) -> Vec<Finding> {
    let statements = ctx.statements;
    plausible(ctx)
        .map(|c| {
            let st = &statements[c.statement];
            let mut files: Vec<String> = vec![st.file.clone()];
            files.extend(ctx.g.versions.values().map(|&k| statements[k].file.clone()));
            let also: Vec<String> = ctx
                .langs_of
                .get(&c.statement)
                .into_iter()
                .flatten()
                .filter(|&&l| l != c.lang)
                .map(|l| l.to_string())
                .collect();
            let also = if also.is_empty() {
                String::new()
            } else {
                format!(" (its group also holds {})", also.join(", "))
            };
            ctx.finding(
                FindingKind::Unmatched,
                FindingSeverity::Medium,
                vec![c.lang],
                Some(c.statement),
                files,
                vec![],
                st.title.clone(),
                ev(&[("probability", c.probability)]),
                c.probability,
                format!(
                    "{} ({}) may be the {} version of this statement (probability {:.2}) but was not joined to it{also}",
                    st.id, st.title, c.lang, c.probability
                ),
            )
        })
        .collect()
}

/// The group's candidates free to join it and plausible ([`unmatched`]).
fn plausible<'a>(ctx: &'a GroupCtx<'_>) -> impl Iterator<Item = &'a GroupCandidate> + 'a {
    let nonempty = !ctx.g.versions.is_empty();
    ctx.g.candidates.iter().filter(move |c| {
        nonempty && c.unassigned && (c.probability >= ctx.cfg.plausible || c.mutual)
    })
}

/// `missing-language`: promised by a reliable switcher, absent from the group, and no
/// plausible unassigned candidate in that language, nor in the group of one (those are
/// `unmatched` instead).
fn missing_language(ctx: &GroupCtx<'_>, unmatched: &BTreeSet<Lang>) -> Vec<Finding> {
    let (g, statements) = (ctx.g, ctx.statements);
    ctx.promised
        .iter()
        .filter(|l| !g.versions.contains_key(l) && !unmatched.contains(l))
        .map(|&l| {
            let promisers: Vec<String> = g
                .versions
                .values()
                .chain(g.duplicates.iter().map(|d| &d.copy))
                .filter(|&&k| statements[k].promised().contains(&l))
                .map(|&k| statements[k].file.clone())
                .collect();
            // The less likely any candidate in that language, the surer the gap.
            let best = g
                .candidates
                .iter()
                .filter(|c| c.lang == l)
                .map(|c| c.probability)
                .fold(0.0, f64::max);
            ctx.finding(
                FindingKind::MissingLanguage,
                FindingSeverity::High,
                vec![l],
                None,
                promisers.clone(),
                vec![],
                String::new(),
                ev(&[
                    ("promised_by_files", promisers.len() as f64),
                    ("best_candidate_probability", best),
                ]),
                1.0 - best,
                format!("{l} version promised by the language switcher but not in the corpus"),
            )
        })
        .collect()
}

/// `teaser-only`: a language version present only as a teaser (title and lead).
fn teaser_only(ctx: &GroupCtx<'_>) -> Vec<Finding> {
    let (g, statements) = (ctx.g, ctx.statements);
    g.versions
        .iter()
        .filter(|(_, &k)| statements[k].kind == StatementKind::Teaser)
        .map(|(&l, &k)| {
            let mut files = vec![statements[k].file.clone()];
            files.extend(
                g.duplicates
                    .iter()
                    .filter(|d| d.kept == k)
                    .map(|d| statements[d.copy].file.clone()),
            );
            ctx.finding(
                FindingKind::TeaserOnly,
                FindingSeverity::Medium,
                vec![l],
                Some(k),
                files,
                (0..statements[k].paragraphs.len()).collect(),
                ctx.body(k),
                ev(&[("paragraphs", statements[k].paragraphs.len() as f64)]),
                1.0,
                format!("{l} version present only as a teaser (title and lead), its full text is not in the corpus"),
            )
        })
        .collect()
}

/// `single-version`: a full text in one language only, and no candidate of another language
/// probable enough to be its counterpart (at least [`AuditConfig::counterpart`]; those are
/// `unmatched`).
fn single_version(ctx: &GroupCtx<'_>) -> Vec<Finding> {
    let (g, statements) = (ctx.g, ctx.statements);
    let full: Vec<(Lang, usize)> = g
        .versions
        .iter()
        .filter(|(_, &k)| statements[k].kind != StatementKind::Teaser)
        .map(|(&l, &k)| (l, k))
        .collect();
    let best = g
        .candidates
        .iter()
        .map(|c| c.probability)
        .fold(0.0, f64::max);
    if full.len() != 1 || best >= ctx.cfg.counterpart {
        return Vec::new();
    }
    let (l, k) = full[0];
    let st = &statements[k];
    vec![ctx.finding(
        FindingKind::SingleVersion,
        FindingSeverity::Info,
        vec![l],
        Some(k),
        vec![st.file.clone()],
        (0..st.paragraphs.len()).collect(),
        ctx.body(k),
        ev(&[
            ("paragraphs", st.paragraphs.len() as f64),
            ("versions", g.versions.len() as f64),
            ("best_candidate_probability", best),
        ]),
        1.0 - best,
        format!("only the {l} text of this statement is in the corpus"),
    )]
}

/// `duplicate`: the same text in one language found twice (teasers of a full text are not
/// duplicates: that is what teasers are).
fn duplicates(ctx: &GroupCtx<'_>) -> Vec<Finding> {
    let (g, statements) = (ctx.g, ctx.statements);
    g.duplicates
        .iter()
        .filter(|d| d.reason != "teaser-of")
        .filter_map(|d| {
            let kept = &statements[d.kept];
            let copy = &statements[d.copy];
            let l = kept.lang?;
            Some(ctx.finding(
                FindingKind::Duplicate,
                FindingSeverity::Info,
                vec![l],
                Some(d.copy),
                vec![kept.file.clone(), copy.file.clone()],
                (0..copy.paragraphs.len()).collect(),
                copy.title.clone(),
                ev(&[
                    ("paragraphs_kept", kept.paragraphs.len() as f64),
                    ("paragraphs_copy", copy.paragraphs.len() as f64),
                ]),
                1.0,
                format!(
                    "{l} text found twice ({}): {} kept, {} recorded as a copy",
                    d.reason, kept.file, copy.file
                ),
            ))
        })
        .collect()
}

/// `untranslated`: a paragraph written in another language than its version. Running prose
/// confidently in another language is reported as it is. A short text or one without prose (a
/// heading, a name, an address) only when it is the detected language's own text and the
/// third languages (neither the version's nor the detected one) translate it: kept the same
/// there too, it is language-neutral.
fn untranslated(ctx: &GroupCtx<'_>) -> Vec<Finding> {
    let (g, statements, cfg) = (ctx.g, ctx.statements, ctx.cfg);
    // Paragraph → its unit, to compare a paragraph with its counterparts.
    let mut unit_of: BTreeMap<(Lang, usize), &Unit> = BTreeMap::new();
    for u in &ctx.units {
        for (&l, s) in &u.segments {
            for &i in &s.indices {
                unit_of.insert((l, i), u);
            }
        }
    }
    let mut out = Vec::new();
    for &k in g.versions.values() {
        let st = &statements[k];
        let Some(sl) = st.lang else { continue };
        for (pi, p) in st.paragraphs.iter().enumerate() {
            let Some(pl) = p.lang else { continue };
            if pl == sl || p.lang_confidence < cfg.untranslated_confidence {
                continue;
            }
            // Language ID reads the whole paragraph, links and addresses included: the claim
            // is checked on the readable prose (enough words, in pl's script).
            let r = readable(&p.text);
            let key = norm_key(&r);
            let sim_to = |pred: &dyn Fn(Lang) -> bool| -> f64 {
                unit_of
                    .get(&(sl, pi))
                    .map(|u| {
                        u.segments
                            .iter()
                            .filter(|(l, _)| pred(**l))
                            .map(|(_, s)| dice(&key, &norm_key(&readable(&s.text))))
                            .fold(0.0, f64::max)
                    })
                    .unwrap_or(0.0)
            };
            // The same text in the detected language's version: a copy of it.
            let copy_of_detected = sim_to(&|l| l == pl) >= 0.7;
            let neutral = sim_to(&|l| l != sl && l != pl) >= 0.7;
            // Language ID of a short text or of names is not trusted on its own.
            let reliable =
                r.split_whitespace().count() >= 8 && prose_words(&r) >= cfg.min_prose_words;
            if r.chars().filter(|&c| is_letter(c)).count() >= 20
                && script_share(&r, pl) >= 0.5
                && (reliable || copy_of_detected && !neutral)
            {
                out.push(ctx.finding(
                    FindingKind::Untranslated,
                    FindingSeverity::High,
                    vec![sl, pl],
                    Some(k),
                    vec![st.file.clone()],
                    vec![pi],
                    excerpt(&p.text),
                    ev(&[("confidence", p.lang_confidence)]),
                    p.lang_confidence,
                    format!("paragraph {pi} of the {sl} version is written in {pl}"),
                ));
            }
        }
    }
    out
}

#[allow(clippy::too_many_arguments)]
fn unit_findings(
    g: &Group,
    gunits: &[&Unit],
    pivot: Lang,
    present: &BTreeSet<Lang>,
    untranslated: &BTreeSet<(Lang, usize)>,
    statements: &[Statement],
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
    findings: &mut Vec<Finding>,
) {
    let mut covered: BTreeMap<Lang, usize> = BTreeMap::new();
    let mut pivot_total = 0usize;
    // Omissions and additions wait until every unit is seen: the aligner's 1-0 and 0-1 beads
    // are checked against their neighbours before they are reported (see `resolve_gaps`).
    let mut gaps: Vec<PendingGap> = Vec::new();
    for (ui, u) in gunits.iter().enumerate() {
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
                gaps.push(PendingGap {
                    unit: ui,
                    lang: l,
                    other: cmp_lang,
                    chars: seg.text.chars().count(),
                    finding: Finding {
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
                        confidence: u.score,
                        message: format!(
                            "{cmp_lang} paragraph(s) {:?} have no counterpart in the {l} version",
                            seg.indices
                        ),
                    },
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
                gaps.push(PendingGap {
                    unit: ui,
                    lang: l,
                    other: pivot,
                    chars: seg.text.chars().count(),
                    finding: Finding {
                        kind: FindingKind::Addition,
                        severity: FindingSeverity::Medium,
                        group: g.id.clone(),
                        langs: vec![l, pivot],
                        statement: Some(statements[k].id.clone()),
                        files: vec![seg.file.clone()],
                        paragraphs: seg.indices.clone(),
                        excerpt: excerpt(&seg.text),
                        evidence: ev(&[("unit", u.unit as f64)]),
                        confidence: u.score,
                        message: format!(
                            "{l} paragraph(s) {:?} have no counterpart in the {pivot} version",
                            seg.indices
                        ),
                    },
                });
            }
            continue;
        }
        // Copied unchanged from another version (and not already reported as untranslated).
        let mut texts: BTreeMap<&str, Lang> = BTreeMap::new();
        // The pivot first: of two identical texts, the non-pivot one is the copy.
        let ordered = u
            .segments
            .get_key_value(&pivot)
            .into_iter()
            .chain(u.segments.iter().filter(|(l, _)| **l != pivot));
        for (&l, s) in ordered {
            let norm = s.text.trim();
            let r = readable(norm);
            if r.chars().filter(|&c| is_letter(c)).count() < 20
                || prose_words(&r) < cfg.min_prose_words
            {
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
                        confidence: 1.0,
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
                        confidence: (z.abs() / (2.0 * cfg.ratio_z)).min(1.0),
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
                confidence: 1.0 - u.score,
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
                confidence: 0.5,
                message: format!("unit {}: direct alignment of two non-pivot versions disagrees with the merge through {pivot}", u.unit),
            });
        }
    }
    for (l, chars) in resolve_gaps(g, gunits, gaps, stats, cfg, findings) {
        *covered.entry(l).or_insert(0) += chars;
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
                    confidence: (1.0 - c / cfg.truncated_coverage).mul_add(0.5, 0.5),
                    message: format!(
                        "the {l} version covers only {:.0}% of the {pivot} text",
                        c * 100.0
                    ),
                });
            }
        }
    }
}

/// Pivot sentences without a counterpart in a language, per (group, paragraph unit, language).
type LoneSentences = BTreeMap<(String, usize, Lang), Vec<String>>;

/// The pivot of a group's units: the run's pivot when the group has it, else its first
/// language.
fn units_pivot(gunits: &[&Unit], pivot: Option<Lang>) -> Option<Lang> {
    let present: BTreeSet<Lang> = gunits
        .iter()
        .flat_map(|u| u.segments.keys().copied())
        .collect();
    if present.len() < 2 {
        return None;
    }
    pivot
        .filter(|p| present.contains(p))
        .or_else(|| present.iter().next().copied())
}

/// The sentence evidence [`hidden_omissions`] needs, computed by the audit itself (so that the
/// findings do not depend on the level the run exports): the pivot's and each other
/// language's sentences are aligned inside every paragraph unit, all units of a language pair
/// together (the sentence lexicon learns from all of them), and for the n-1 units where leaving
/// one pivot paragraph out would make the lengths fit (the first test of `hidden_omissions`)
/// the pivot sentences left alone are kept.
fn lone_sentences<'a>(
    statements: &'a [Statement],
    groups: &[Group],
    units_of: &BTreeMap<&str, Vec<&Unit>>,
    pivot: Option<Lang>,
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
    given: Option<&crate::align::LevelStats>,
) -> (LoneSentences, crate::align::LevelStats) {
    // Sentences as slices of the statements' paragraphs: every unit of every language pair is
    // aligned, so copies of the text would add up to several times the corpus.
    let split = |text: &'a str, l: Lang| -> Vec<&'a str> {
        crate::segment::split_sentences(text, l)
            .into_iter()
            .map(|r| &text[r])
            .collect()
    };
    // Groups are independent: their jobs are built side by side and kept in group order.
    type Built<'a> = (crate::align::PairJob<'a>, (String, usize, Lang), bool);
    let built: Vec<Vec<Built<'a>>> = groups
        .par_iter()
        .map(|g| {
            let mut out: Vec<Built<'a>> = Vec::new();
            let Some(gunits) = units_of.get(g.id.as_str()) else {
                return out;
            };
            let Some(gp) = units_pivot(gunits, pivot) else {
                return out;
            };
            let Some(&pk) = g.versions.get(&gp) else {
                return out;
            };
            let pst = &statements[pk];
            for u in gunits {
                let Some(ps) = u.segments.get(&gp) else {
                    continue;
                };
                let lens: Vec<f64> = ps
                    .indices
                    .iter()
                    .map(|&i| pst.paragraphs[i].text.chars().count() as f64)
                    .collect();
                let total: f64 = lens.iter().sum();
                // The pivot side's sentences, split once for every language.
                let mut src: Option<Vec<&'a str>> = None;
                for (&l, s) in &u.segments {
                    if l == gp {
                        continue;
                    }
                    let Some(st) = stats.get(&(gp, l)) else {
                        continue;
                    };
                    let (r, var) = (st.ratio, st.var.max(0.5));
                    let ll = s.text.chars().count() as f64;
                    let sd2 = var * total;
                    let d_all = ll - r * total;
                    let fits = s.indices.len() < ps.indices.len()
                        && lens.iter().any(|lp| {
                            let d = ll - r * (total - lp);
                            (d_all * d_all - d * d) / (2.0 * sd2) >= cfg.gap_evidence
                                && d.abs() <= 2.0 * sd2.sqrt()
                        });
                    let lst = &statements[g.versions[&l]];
                    // Every unit of the pair is aligned (the sentence lexicon learns from all
                    // of them, as the sentence level of the run does); only the n-1 units that
                    // fit the length test are kept.
                    let src = src
                        .get_or_insert_with(|| {
                            ps.indices
                                .iter()
                                .flat_map(|&i| split(&pst.paragraphs[i].text, gp))
                                .collect()
                        })
                        .clone();
                    let job = crate::align::PairJob {
                        src_lang: gp,
                        tgt_lang: l,
                        src,
                        tgt: s
                            .indices
                            .iter()
                            .flat_map(|&i| split(&lst.paragraphs[i].text, l))
                            .collect(),
                    };
                    out.push((job, (g.id.clone(), u.unit, l), fits));
                }
            }
            out
        })
        .collect();
    let n: usize = built.iter().map(Vec::len).sum();
    let mut jobs: Vec<crate::align::PairJob<'a>> = Vec::with_capacity(n);
    let mut keys: Vec<(String, usize, Lang)> = Vec::with_capacity(n);
    let mut wanted: Vec<bool> = Vec::with_capacity(n);
    for (job, key, fits) in built.into_iter().flatten() {
        jobs.push(job);
        keys.push(key);
        wanted.push(fits);
    }
    if !wanted.contains(&true) {
        return (LoneSentences::new(), Vec::new());
    }
    let aligned = crate::align::align_corpus_wanted_given(
        &jobs,
        &wanted,
        &crate::align::AlignConfig::default(),
        given,
    );
    let learned = aligned.learned;
    let lone = jobs
        .iter()
        .zip(keys)
        .zip(&wanted)
        .zip(aligned.beads)
        .filter(|(((_, _), &keep), _)| keep)
        .map(|(((j, key), _), beads)| {
            let lone = beads
                .iter()
                .filter(|b| b.tgt.is_empty())
                .flat_map(|b| b.src.iter().map(|&i| j.src[i].to_string()))
                .collect();
            (key, lone)
        })
        .collect();
    (lone, learned)
}

/// Omissions hidden in an n-1 unit: the aligner joined a pivot paragraph that has no
/// counterpart to a neighbour that has one (n pivot paragraphs against fewer in `l`). Reported
/// when both the length model and the sentence alignment say so: leaving one pivot paragraph
/// out makes the unit's lengths fit far better (log-likelihood ratio at least
/// [`AuditConfig::gap_evidence`], and the rest within two standard deviations), and at least
/// 80% of that paragraph's text lies in pivot sentences the sentence aligner left without a
/// counterpart in `l`.
#[allow(clippy::too_many_arguments)]
fn hidden_omissions(
    g: &Group,
    gunits: &[&Unit],
    lone: &LoneSentences,
    pivot: Lang,
    statements: &[Statement],
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
    findings: &mut Vec<Finding>,
) {
    let Some(&pk) = g.versions.get(&pivot) else {
        return;
    };
    let pst = &statements[pk];
    for u in gunits {
        let Some(ps) = u.segments.get(&pivot) else {
            continue;
        };
        if ps.indices.len() < 2 {
            continue;
        }
        let total: usize = ps
            .indices
            .iter()
            .map(|&i| pst.paragraphs[i].text.chars().count())
            .sum();
        for (&l, s) in &u.segments {
            if l == pivot || s.indices.len() >= ps.indices.len() {
                continue;
            }
            let Some(st) = stats.get(&(pivot, l)) else {
                continue;
            };
            let (r, var) = (st.ratio, st.var.max(0.5));
            let ll = s.text.chars().count() as f64;
            let sd2 = var * total as f64;
            let d_all = ll - r * total as f64;
            // Pivot sentences with no counterpart in l.
            let lone: &[String] = lone
                .get(&(g.id.clone(), u.unit, l))
                .map(Vec::as_slice)
                .unwrap_or(&[]);
            // Candidates: pivot paragraphs whose leaving out fits the lengths; of those, the
            // one whose sentences are unmatched (length alone cannot tell two similar
            // paragraphs apart).
            let best = ps
                .indices
                .iter()
                .filter_map(|&p| {
                    let text = &pst.paragraphs[p].text;
                    let lp = text.chars().count() as f64;
                    let d = ll - r * (total as f64 - lp);
                    let llr = (d_all * d_all - d * d) / (2.0 * sd2);
                    if llr < cfg.gap_evidence || d.abs() > 2.0 * sd2.sqrt() {
                        return None;
                    }
                    let lone_chars: usize = lone
                        .iter()
                        .filter(|x| text.contains(x.as_str()))
                        .map(|x| x.chars().count())
                        .sum();
                    let share = lone_chars as f64 / lp.max(1.0);
                    (share >= 0.8).then_some((p, llr, share))
                })
                .max_by(|a, b| a.2.total_cmp(&b.2));
            let Some((p, llr, share)) = best else {
                continue;
            };
            let text = &pst.paragraphs[p].text;
            let k = g.versions[&l];
            findings.push(Finding {
                kind: FindingKind::Omission,
                severity: FindingSeverity::High,
                group: g.id.clone(),
                langs: vec![l, pivot],
                statement: Some(statements[k].id.clone()),
                files: vec![statements[k].file.clone(), ps.file.clone()],
                paragraphs: vec![p],
                excerpt: excerpt(text),
                evidence: ev(&[
                    ("unit", u.unit as f64),
                    ("length_llr", llr),
                    ("unmatched_sentence_share", share),
                ]),
                confidence: share * (llr / (2.0 * cfg.gap_evidence)).min(1.0),
                message: format!(
                    "{pivot} paragraph {p} has no counterpart in the {l} version (aligned together with its neighbour, but its sentences are unmatched and the lengths fit without it)"
                ),
            });
        }
    }
}

/// An omission (a 1-0 bead: text of `other` with no counterpart in `lang`) or an addition (a
/// 0-1 bead: text of `lang` alone) before it is checked against its neighbours.
struct PendingGap {
    /// Index of the unit in the group's paragraph units.
    unit: usize,
    lang: Lang,
    other: Lang,
    /// Characters of the unmatched text (in `other` for an omission, in `lang` for an addition).
    chars: usize,
    finding: Finding,
}

/// Characters of `l` in unit `u` (0 when absent).
fn seg_chars(u: &Unit, l: Lang) -> usize {
    u.segments
        .get(&l)
        .map(|s| s.text.chars().count())
        .unwrap_or(0)
}

/// The nearest units before and after `at` that hold both `a` and `b`, when nothing holding
/// either of them stands in between (units of third languages only may).
fn neighbours(gunits: &[&Unit], at: usize, a: Lang, b: Lang) -> Vec<usize> {
    let both =
        |i: usize| gunits[i].segments.contains_key(&a) && gunits[i].segments.contains_key(&b);
    let either =
        |i: usize| gunits[i].segments.contains_key(&a) || gunits[i].segments.contains_key(&b);
    let mut out = Vec::new();
    if let Some(i) = (0..at).rev().find(|&i| either(i)) {
        if both(i) {
            out.push(i);
        }
    }
    if let Some(i) = (at + 1..gunits.len()).find(|&i| either(i)) {
        if both(i) {
            out.push(i);
        }
    }
    out
}

/// Decides which 1-0 and 0-1 beads are reported as omissions and additions. Two patterns are
/// alignment doubt rather than missing text, and become a low-confidence finding instead:
///
/// * an omission and an addition of the same language standing in the same place (nothing of
///   either language between them) with compatible lengths: the aligner left a 1-1 pair
///   unpaired (a paragraph it could not match lexically, a table, a list);
/// * unmatched text that may as well sit inside a neighbouring 1-1 unit (a merged or split
///   paragraph): the length model of the pair does not favour "missing" over "merged into the
///   neighbour" by at least [`AuditConfig::gap_evidence`] (log-likelihood ratio). A short
///   heading next to a long paragraph is below the length noise and stays undecided; a long
///   paragraph whose neighbours have their expected lengths is reported.
///
/// Returns, per language, the characters of the other language's text accounted for (for the
/// truncation rule).
fn resolve_gaps(
    g: &Group,
    gunits: &[&Unit],
    mut gaps: Vec<PendingGap>,
    stats: &BTreeMap<(Lang, Lang), LengthStats>,
    cfg: &AuditConfig,
    findings: &mut Vec<Finding>,
) -> Vec<(Lang, usize)> {
    // Length model of the pair: chars of `b` ≈ ratio × chars of `a`, variance var per char.
    let model = |a: Lang, b: Lang| -> (f64, f64) {
        if let Some(s) = stats.get(&(a, b)) {
            (s.ratio, s.var.max(0.5))
        } else if let Some(s) = stats.get(&(b, a)) {
            (1.0 / s.ratio.max(0.01), s.var.max(0.5))
        } else {
            (1.0, 6.8)
        }
    };
    let mut doubt: Vec<(usize, Vec<usize>, &'static str)> = Vec::new(); // (gap, partners, why)
    let mut paired: BTreeSet<usize> = BTreeSet::new();
    // Unpaired n-1: an omission in l next to an addition in l, possibly with further omissions
    // in l between them (a merged paragraph the aligner left unpaired with all its parts).
    for i in 0..gaps.len() {
        let o = &gaps[i];
        if o.finding.kind != FindingKind::Omission || paired.contains(&i) {
            continue;
        }
        let (a, l) = (o.other, o.lang);
        let omission_at = |k: usize| {
            gaps.iter().position(|y| {
                y.unit == k
                    && y.lang == l
                    && y.other == a
                    && y.finding.kind == FindingKind::Omission
            })
        };
        let partner = gaps.iter().enumerate().find_map(|(j, x)| {
            if x.finding.kind != FindingKind::Addition || x.lang != l || paired.contains(&j) {
                return None;
            }
            let (lo, hi) = (o.unit.min(x.unit), o.unit.max(x.unit));
            // Between them: units of third languages only, or further omissions in l.
            let mut run = vec![i];
            for (k, u) in gunits.iter().enumerate().take(hi).skip(lo + 1) {
                let seg = &u.segments;
                if !seg.contains_key(&a) && !seg.contains_key(&l) {
                    continue;
                }
                match omission_at(k) {
                    Some(m) if !paired.contains(&m) => run.push(m),
                    _ => return None,
                }
            }
            let (ratio, _) = model(a, l);
            let total: usize = run.iter().map(|&m| gaps[m].chars).sum();
            let expected = (ratio * total as f64).max(1.0);
            let got = (x.chars as f64).max(1.0);
            ((got / expected).max(expected / got) < cfg.ratio_factor).then_some((j, run))
        });
        if let Some((j, run)) = partner {
            paired.extend(run.iter().copied());
            paired.insert(j);
            let mut partners: Vec<usize> = run[1..].to_vec();
            partners.push(j);
            doubt.push((i, partners, "unpaired"));
        }
    }
    // Unmatched text that fits into a neighbour.
    #[allow(clippy::needless_range_loop)] // gaps[i] is written to inside the loop
    for i in 0..gaps.len() {
        if paired.contains(&i) {
            continue;
        }
        let x = &gaps[i];
        // a: the language the text is matched against, b: the language of the version concerned.
        let (a, b) = (x.other, x.lang);
        let (ratio, var) = model(a, b);
        // Log-likelihood ratio, per neighbour, of "the text is missing" against "the text is
        // inside this neighbour", under the pair's Gale & Church length model: the neighbour's
        // length difference g is N(0, sd²) if the text is missing and N(m, sd²) if merged into
        // it (m: the expected length of the unmatched text), so log LR = m (m/2 − g) / sd².
        // The gap is reported when even the likeliest neighbour leaves strong evidence for it.
        let missing = if x.finding.kind == FindingKind::Omission {
            ratio * x.chars as f64
        } else {
            x.chars as f64
        };
        let best = neighbours(gunits, x.unit, a, b)
            .into_iter()
            .map(|n| {
                let la = seg_chars(gunits[n], a) as f64;
                let lb = seg_chars(gunits[n], b) as f64;
                let sd2 = var * la.max(1.0);
                // Surplus of b in the neighbour over what a predicts; for an addition the
                // neighbour would be short of it instead.
                let surplus = lb - ratio * la;
                let g = if x.finding.kind == FindingKind::Omission {
                    surplus
                } else {
                    -surplus
                };
                (missing * (missing / 2.0 - g) / sd2, g, sd2.sqrt())
            })
            .min_by(|p, q| p.0.total_cmp(&q.0));
        if let Some((llr, g, sd)) = best {
            let e = &mut gaps[i].finding.evidence;
            e.insert("length_llr".into(), llr);
            e.insert("expected_chars".into(), missing);
            e.insert("neighbour_surplus".into(), g);
            e.insert("neighbour_sd".into(), sd);
            // The bead's posterior, scaled down while the length evidence is weak.
            let f = &mut gaps[i].finding;
            f.confidence *= (llr / (2.0 * cfg.gap_evidence)).clamp(0.0, 1.0);
            if llr < cfg.gap_evidence {
                doubt.push((i, vec![], "fits-neighbour"));
            }
        }
    }
    let mut accounted = Vec::new();
    let doubted: BTreeSet<usize> = doubt
        .iter()
        .flat_map(|(i, p, _)| std::iter::once(*i).chain(p.iter().copied()))
        .collect();
    for (i, p, why) in &doubt {
        let x = &gaps[*i];
        let all: Vec<&PendingGap> = std::iter::once(x)
            .chain(p.iter().map(|&j| &gaps[j]))
            .collect();
        let mut langs = vec![x.lang, x.other];
        langs.dedup();
        let units: Vec<usize> = all.iter().map(|y| gunits[y.unit].unit).collect();
        // Paragraphs (of the other language) of the omissions involved.
        let mut paragraphs: Vec<usize> = all
            .iter()
            .filter(|y| y.finding.kind == FindingKind::Omission)
            .flat_map(|y| y.finding.paragraphs.iter().copied())
            .collect();
        paragraphs.sort_unstable();
        let what = match (*why, x.finding.kind) {
            ("unpaired", _) => format!(
                "{} paragraph(s) {:?} and {} paragraph(s) {:?} stand in the same place but were not aligned; probably translations of each other",
                x.other,
                paragraphs,
                x.lang,
                all.last().map(|y| y.finding.paragraphs.clone()).unwrap_or_default()
            ),
            (_, FindingKind::Omission) => format!(
                "{} paragraph(s) {:?} have no unit of their own in the {} version, but their length fits into a neighbouring {} paragraph (merged?)",
                x.other, x.finding.paragraphs, x.lang, x.lang
            ),
            _ => format!(
                "{} paragraph(s) {:?} have no unit of their own, but their length fits into a neighbouring unit (split?)",
                x.lang, x.finding.paragraphs
            ),
        };
        for y in &all {
            if y.finding.kind == FindingKind::Omission {
                accounted.push((y.lang, y.chars));
            }
        }
        let mut evidence = x.finding.evidence.clone();
        evidence.insert("score".into(), 0.0);
        findings.push(Finding {
            kind: FindingKind::LowConfidence,
            severity: FindingSeverity::Low,
            group: g.id.clone(),
            langs,
            statement: x.finding.statement.clone(),
            files: x.finding.files.clone(),
            paragraphs: if x.finding.kind == FindingKind::Omission {
                paragraphs
            } else {
                x.finding.paragraphs.clone()
            },
            excerpt: x.finding.excerpt.clone(),
            evidence,
            confidence: 0.3,
            message: format!("unit(s) {units:?}: {what}"),
        });
    }
    for (i, x) in gaps.into_iter().enumerate() {
        if !doubted.contains(&i) {
            findings.push(x.finding);
        }
    }
    accounted
}

/// Counts findings per kind.
pub fn counts_by_kind(findings: &[Finding]) -> BTreeMap<FindingKind, usize> {
    let mut m = BTreeMap::new();
    for f in findings {
        *m.entry(f.kind).or_insert(0) += 1;
    }
    m
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{GroupCandidate, LangTag};

    /// A statement in `lang` whose switcher lists `promised`.
    fn st(id: &str, lang: Lang, promised: &[Lang]) -> Statement {
        Statement {
            lang: Some(lang),
            lang_confidence: 1.0,
            markers: promised
                .iter()
                .map(|l| LangTag {
                    raw: l.default_tag().to_string(),
                    lang: Some(*l),
                    tag: Some(l.default_tag().to_string()),
                })
                .collect(),
            ..Statement::plain(id, "A title", &["The text of the statement."])
        }
    }

    fn group(id: &str, versions: &[(Lang, usize)], candidates: Vec<GroupCandidate>) -> Group {
        Group {
            id: id.into(),
            versions: versions.iter().copied().collect(),
            duplicates: Vec::new(),
            promised: BTreeSet::new(),
            evidence: Vec::new(),
            candidates,
        }
    }

    fn candidate(
        statement: usize,
        lang: Lang,
        p: f64,
        unassigned: bool,
        mutual: bool,
    ) -> GroupCandidate {
        GroupCandidate {
            statement,
            lang,
            probability: p,
            unassigned,
            mutual,
        }
    }

    /// The audit's findings of group `g0` (no units: the rules on groups and candidates only).
    fn findings_of_g0(statements: &[Statement], groups: &[Group]) -> Vec<Finding> {
        let report = audit_with(
            statements,
            groups,
            &[],
            None,
            &BTreeMap::new(),
            &AuditConfig::default(),
            None,
        );
        report
            .findings
            .into_iter()
            .filter(|f| f.group == "g0")
            .collect()
    }

    /// The findings of group `g0` (statement 0, English, promising English and French) when
    /// grouping listed `c` as its French candidate (statement 1, in a group of its own).
    fn kinds_with(c: Option<GroupCandidate>) -> Vec<(FindingKind, Vec<Lang>)> {
        let statements = vec![
            st("en#main", Lang::En, &[Lang::En, Lang::Fr]),
            st("fr#main", Lang::Fr, &[]),
        ];
        let groups = vec![
            group("g0", &[(Lang::En, 0)], c.into_iter().collect()),
            group("g1", &[(Lang::Fr, 1)], Vec::new()),
        ];
        let mut out: Vec<(FindingKind, Vec<Lang>)> = findings_of_g0(&statements, &groups)
            .into_iter()
            .map(|f| (f.kind, f.langs))
            .collect();
        out.sort();
        out
    }

    #[test]
    fn a_promised_language_without_any_candidate_is_missing() {
        assert_eq!(
            kinds_with(None),
            vec![
                (FindingKind::MissingLanguage, vec![Lang::Fr]),
                (FindingKind::SingleVersion, vec![Lang::En]),
            ]
        );
    }

    #[test]
    fn a_french_candidate_makes_french_unmatched_or_leaves_it_missing() {
        use FindingKind::{MissingLanguage as Missing, Unmatched};
        // (probability, free to join, prefers the group, French reported as, not as, why)
        let cases = [
            (
                0.2,
                true,
                false,
                Unmatched,
                Missing,
                "plausible and free to join",
            ),
            (
                0.02,
                true,
                true,
                Unmatched,
                Missing,
                "improbable, but prefers the group",
            ),
            (
                0.02,
                true,
                false,
                Missing,
                Unmatched,
                "improbable, and prefers another",
            ),
            (
                0.3,
                false,
                false,
                Missing,
                Unmatched,
                "taken by another group",
            ),
        ];
        for (p, free, mutual, kind, not, why) in cases {
            let kinds = kinds_with(Some(candidate(1, Lang::Fr, p, free, mutual)));
            assert!(kinds.contains(&(kind, vec![Lang::Fr])), "{why}: {kinds:?}");
            assert!(!kinds.iter().any(|k| k.0 == not), "{why}: {kinds:?}");
        }
    }

    #[test]
    fn a_probable_counterpart_is_no_single_version() {
        let kinds = kinds_with(Some(candidate(1, Lang::Fr, 0.6, true, true)));
        assert!(!kinds.iter().any(|k| k.0 == FindingKind::SingleVersion));
        let kinds = kinds_with(Some(candidate(1, Lang::Fr, 0.4, true, true)));
        assert!(kinds.contains(&(FindingKind::SingleVersion, vec![Lang::En])));
    }

    #[test]
    fn a_language_in_the_group_of_a_plausible_candidate_is_not_missing() {
        // The Russian original promises English and French; the English and French versions
        // are a group of their own, the English one a probable candidate.
        let statements = vec![
            st("ru#main", Lang::Ru, &[Lang::En, Lang::Fr, Lang::Ru]),
            st("en#main", Lang::En, &[]),
            st("fr#main", Lang::Fr, &[]),
        ];
        let groups = vec![
            group(
                "g0",
                &[(Lang::Ru, 0)],
                vec![candidate(1, Lang::En, 0.9, true, true)],
            ),
            group("g1", &[(Lang::En, 1), (Lang::Fr, 2)], Vec::new()),
        ];
        let of_g0 = findings_of_g0(&statements, &groups);
        assert!(!of_g0.iter().any(|f| f.kind == FindingKind::MissingLanguage));
        let u = of_g0
            .iter()
            .find(|f| f.kind == FindingKind::Unmatched)
            .expect("the English candidate is named");
        assert_eq!(u.langs, vec![Lang::En]);
        assert!(u.message.contains("also holds fr"), "{}", u.message);
    }
}
