//! The whole pipeline, stage by stage: ingest → statements → language identification →
//! grouping → N-way alignment (paragraphs, then sentences) → audit. Exporting is left to the
//! caller (see [`crate::export`]), so library users can stop at any stage.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::align::{self, nway, AlignConfig, LengthStats, PairJob};
use crate::audit::{self, AuditReport};
use crate::diag::{Diagnostics, Severity};
use crate::ingest;
use crate::langid::{self, Identifier, LangIdStats};
use crate::model::{Bead, Group, Lang, Level, Statement, StatementKind, Unit, UnitSegment};
use crate::segment;
use crate::statement;

/// Validated settings of a run.
#[derive(Clone, Debug)]
pub struct Config {
    pub inputs: Vec<PathBuf>,
    /// Align sentences inside paragraph units too.
    pub sentences: bool,
    /// Pivot language; `None`: the language present in most groups.
    pub pivot: Option<Lang>,
    pub align: AlignConfig,
    /// Check N-way merges against direct alignments of non-pivot pairs.
    pub check_conflicts: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            sentences: true,
            pivot: None,
            align: AlignConfig::default(),
            check_conflicts: true,
        }
    }
}

/// Everything a run produced.
#[derive(Debug, Default)]
pub struct RunOutput {
    pub files_seen: usize,
    pub pages: usize,
    pub bytes: u64,
    pub statements: Vec<Statement>,
    pub groups: Vec<Group>,
    /// Evidence of pairs considered and rejected (for `scan --explain`).
    pub rejected: Vec<crate::model::Evidence>,
    /// Paragraph units then sentence units, each in group order.
    pub units: Vec<Unit>,
    pub pivot: Option<Lang>,
    /// Pairwise paragraph alignments behind the N-way units (pivot → each language, and the
    /// direct pairs used for the consistency check).
    pub pairwise: Vec<PairAlignment>,
    /// The pairwise alignments as two-language paragraph units (for pairwise exports).
    pub pair_units: Vec<Unit>,
    pub stats: BTreeMap<(Lang, Lang), LengthStats>,
    pub audit: AuditReport,
    pub langid: LangIdStats,
    pub diagnostics: Diagnostics,
    /// Encodings seen → number of files.
    pub encodings: BTreeMap<String, usize>,
    /// Blocks taken for page chrome, with file, line and reason (`scan --removed`).
    pub removed: Vec<statement::RemovedBlock>,
}

/// The paragraph alignment of two language versions of one group.
#[derive(Clone, Debug)]
pub struct PairAlignment {
    pub group: String,
    pub src: Lang,
    pub tgt: Lang,
    pub beads: Vec<Bead>,
}

/// What [`align_groups`] produces.
#[derive(Clone, Debug, Default)]
pub struct Aligned {
    /// Paragraph units then sentence units, each in group order.
    pub units: Vec<Unit>,
    pub pivot: Option<Lang>,
    pub pairwise: Vec<PairAlignment>,
    pub stats: BTreeMap<(Lang, Lang), LengthStats>,
}

/// Progress of a long run: the CLI shows it (indicatif, on stderr), library users may ignore it.
/// Calls come from several threads.
pub trait Progress: Sync {
    /// A new stage begins; `total` items when known.
    fn stage(&self, _name: &str, _total: Option<u64>) {}
    /// `n` more items of the current stage are done.
    fn inc(&self, _n: u64) {}
}

/// Shows nothing.
#[derive(Clone, Copy, Debug, Default)]
pub struct NoProgress;

impl Progress for NoProgress {}

/// Ingests, extracts statements, identifies languages and groups them (the `scan` stages).
pub fn scan(cfg: &Config, id: &dyn Identifier) -> RunOutput {
    scan_with(cfg, id, &NoProgress)
}

/// [`scan`], reporting progress.
pub fn scan_with(cfg: &Config, id: &dyn Identifier, progress: &dyn Progress) -> RunOutput {
    progress.stage("listing files", None);
    let ing = ingest::ingest_with(
        &cfg.inputs,
        &|n| progress.stage("reading files", Some(n)),
        &|| progress.inc(1),
    );
    let mut diags = ing.diagnostics;
    let mut encodings = BTreeMap::new();
    for p in &ing.pages {
        *encodings.entry(p.encoding.clone()).or_insert(0) += 1;
    }
    progress.stage("extracting statements", Some(ing.pages.len() as u64));
    let extraction = statement::extract_all(&ing.pages, &mut diags);
    let mut statements = extraction.statements;
    progress.stage("identifying languages", Some(statements.len() as u64));
    let stats: Vec<LangIdStats> = statements
        .par_iter_mut()
        .map(|s| {
            let r = langid::identify_statement(s, id);
            progress.inc(1);
            r
        })
        .collect();
    let mut lstats = LangIdStats::default();
    for s in &stats {
        lstats.add(s);
    }
    for s in statements.iter_mut() {
        s.lang_tag = s.lang.map(|l| {
            s.markers
                .iter()
                .find(|m| m.lang == Some(l) && m.tag.is_some())
                .and_then(|m| m.tag.clone())
                .or_else(|| s.lang_tag.clone().filter(|t| t.starts_with(l.code())))
                .unwrap_or_else(|| l.default_tag().to_string())
        });
        if let (Some(d), Some(l)) = (s.declared_lang, s.lang) {
            if d != l {
                diags.push(
                    Severity::Warning,
                    &s.file,
                    None,
                    "lang-mismatch",
                    format!(
                        "declared language {d} but the text is {l} (confidence {:.2})",
                        s.lang_confidence
                    ),
                );
            }
        }
        if s.lang.is_none() {
            diags.push(
                Severity::Warning,
                &s.file,
                Some(s.title_line),
                "no-lang",
                "language of the statement could not be identified; left ungrouped",
            );
        }
        for m in &s.markers {
            if m.lang.is_none() {
                diags.push(
                    Severity::Note,
                    &s.file,
                    Some(s.title_line),
                    "unknown-marker",
                    format!(
                        "marker {:?} names a language polyalign does not handle; kept",
                        m.raw
                    ),
                );
            }
        }
    }
    progress.stage("grouping language versions", Some(statements.len() as u64));
    let t0 = std::time::Instant::now();
    let grouping = crate::group::group(&statements);
    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
        eprintln!(
            "polyalign: grouped {} statements in {:.2?}",
            statements.len(),
            t0.elapsed()
        );
    }
    diags.sort();
    RunOutput {
        files_seen: ing.files_seen,
        pages: ing.pages.len(),
        bytes: ing.bytes,
        statements,
        groups: grouping.groups,
        rejected: grouping.rejected,
        langid: lstats,
        diagnostics: diags,
        encodings,
        removed: extraction.removed,
        ..Default::default()
    }
}

/// Runs every stage.
pub fn run(cfg: &Config, id: &dyn Identifier) -> RunOutput {
    run_with(cfg, id, &NoProgress)
}

/// [`run`], reporting progress.
pub fn run_with(cfg: &Config, id: &dyn Identifier, progress: &dyn Progress) -> RunOutput {
    let mut out = scan_with(cfg, id, progress);
    let a = align_groups_with(&out.statements, &out.groups, cfg, progress);
    out.units = a.units;
    out.pivot = a.pivot;
    out.pair_units = pair_units(&out.statements, &out.groups, &a.pairwise);
    out.pairwise = a.pairwise;
    out.stats = a.stats;
    progress.stage("auditing", Some(out.groups.len() as u64));
    out.audit = audit::audit(
        &out.statements,
        &out.groups,
        &out.units,
        out.pivot,
        &out.stats,
    );
    out
}

/// The versions of a group that take part in alignment (full texts, not teasers).
pub fn aligned_versions(g: &Group, statements: &[Statement]) -> BTreeMap<Lang, usize> {
    g.versions
        .iter()
        .filter(|(_, &k)| {
            statements[k].kind != StatementKind::Teaser && !statements[k].paragraphs.is_empty()
        })
        .map(|(&l, &k)| (l, k))
        .collect()
}

/// Default pivot: the language present (as a full text) in most groups; ties go to English
/// (the usual source language of the official texts polyalign is made for), then to the first
/// in output order.
pub fn default_pivot(groups: &[Group], statements: &[Statement]) -> Option<Lang> {
    let mut count: BTreeMap<Lang, usize> = BTreeMap::new();
    for g in groups {
        for l in aligned_versions(g, statements).keys() {
            *count.entry(*l).or_insert(0) += 1;
        }
    }
    let max = count.values().copied().max()?;
    std::iter::once(Lang::En)
        .chain(Lang::ALL)
        .find(|l| count.get(l) == Some(&max))
}

/// The pivot used inside one group: the run's pivot when the group has it, else the group's
/// language that is present in most groups.
fn group_pivot(versions: &BTreeMap<Lang, usize>, order: &[Lang]) -> Option<Lang> {
    order.iter().copied().find(|l| versions.contains_key(l))
}

/// Beads of one group: pivot → language, and direct pairs of non-pivot languages.
type GroupBeads = (BTreeMap<Lang, Vec<Bead>>, BTreeMap<(Lang, Lang), Vec<Bead>>);

/// A unit of one group before sentence alignment: merged paragraph indices.
struct Pending<'a> {
    group: &'a Group,
    pivot: Lang,
    versions: BTreeMap<Lang, usize>,
}

fn lang_order(groups: &[Group], statements: &[Statement], pivot: Option<Lang>) -> Vec<Lang> {
    let mut count: BTreeMap<Lang, usize> = BTreeMap::new();
    for g in groups {
        for l in aligned_versions(g, statements).keys() {
            *count.entry(*l).or_insert(0) += 1;
        }
    }
    let mut order: Vec<Lang> = Lang::ALL.to_vec();
    order.sort_by(|a, b| {
        count
            .get(b)
            .unwrap_or(&0)
            .cmp(count.get(a).unwrap_or(&0))
            .then(a.cmp(b))
    });
    if let Some(p) = pivot {
        order.retain(|l| *l != p);
        order.insert(0, p);
    }
    order
}

fn seg_text(st: &Statement, idx: &[usize]) -> String {
    idx.iter()
        .map(|&i| st.paragraphs[i].text.as_str())
        .collect::<Vec<_>>()
        .join(" ")
}

/// Aligns every group: pairwise to the pivot, merged N-way, checked, then sentences.
pub fn align_groups(statements: &[Statement], groups: &[Group], cfg: &Config) -> Aligned {
    align_groups_with(statements, groups, cfg, &NoProgress)
}

/// [`align_groups`], reporting progress.
pub fn align_groups_with(
    statements: &[Statement],
    groups: &[Group],
    cfg: &Config,
    progress: &dyn Progress,
) -> Aligned {
    let pivot = cfg.pivot.or_else(|| default_pivot(groups, statements));
    let order = lang_order(groups, statements, pivot);
    let mut pend: Vec<Pending<'_>> = Vec::new();
    for g in groups {
        let versions = aligned_versions(g, statements);
        if let Some(p) = group_pivot(&versions, &order) {
            pend.push(Pending {
                group: g,
                pivot: p,
                versions,
            });
        }
    }
    // Paragraph jobs: pivot → each other language, and direct pairs among the others.
    let mut jobs: Vec<PairJob<'_>> = Vec::new();
    let mut job_of: Vec<(usize, Lang, Lang)> = Vec::new();
    for (gi, p) in pend.iter().enumerate() {
        let ps = &statements[p.versions[&p.pivot]];
        for (&l, &k) in &p.versions {
            if l == p.pivot {
                continue;
            }
            jobs.push(PairJob {
                src_lang: p.pivot,
                tgt_lang: l,
                src: ps.paragraphs.iter().map(|x| x.text.as_str()).collect(),
                tgt: statements[k]
                    .paragraphs
                    .iter()
                    .map(|x| x.text.as_str())
                    .collect(),
            });
            job_of.push((gi, p.pivot, l));
        }
        if cfg.check_conflicts {
            let others: Vec<(Lang, usize)> = p
                .versions
                .iter()
                .filter(|(l, _)| **l != p.pivot)
                .map(|(l, k)| (*l, *k))
                .collect();
            for (x, &(la, ka)) in others.iter().enumerate() {
                for &(lb, kb) in &others[x + 1..] {
                    jobs.push(PairJob {
                        src_lang: la,
                        tgt_lang: lb,
                        src: statements[ka]
                            .paragraphs
                            .iter()
                            .map(|x| x.text.as_str())
                            .collect(),
                        tgt: statements[kb]
                            .paragraphs
                            .iter()
                            .map(|x| x.text.as_str())
                            .collect(),
                    });
                    job_of.push((gi, la, lb));
                }
            }
        }
    }
    progress.stage("aligning paragraphs", Some(jobs.len() as u64));
    let ca = align::align_corpus(&jobs, &cfg.align);
    progress.inc(jobs.len() as u64);
    let mut per_group: Vec<GroupBeads> = (0..pend.len()).map(|_| Default::default()).collect();
    let mut pairwise = Vec::new();
    for ((gi, a, b), beads) in job_of.into_iter().zip(ca.beads) {
        pairwise.push(PairAlignment {
            group: pend[gi].group.id.clone(),
            src: a,
            tgt: b,
            beads: beads.clone(),
        });
        if a == pend[gi].pivot {
            per_group[gi].0.insert(b, beads);
        } else {
            per_group[gi].1.insert((a, b), beads);
        }
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut para_units_of_group: Vec<(usize, usize)> = Vec::new(); // (start, end) in `units`
    for (gi, p) in pend.iter().enumerate() {
        let counts: BTreeMap<Lang, usize> = p
            .versions
            .iter()
            .map(|(&l, &k)| (l, statements[k].paragraphs.len()))
            .collect();
        let (pair, direct) = &per_group[gi];
        let mut merged = nway::merge(p.pivot, &counts, pair);
        nway::mark_conflicts(&mut merged, direct);
        let start = units.len();
        for (ui, m) in merged.into_iter().enumerate() {
            units.push(make_unit(
                p.group,
                ui,
                Level::Paragraph,
                None,
                &m,
                &p.versions,
                statements,
                seg_text,
            ));
        }
        para_units_of_group.push((start, units.len()));
    }
    if !cfg.sentences {
        return Aligned {
            units,
            pivot,
            pairwise,
            stats: ca.stats,
        };
    }
    // Sentence level inside each paragraph unit with two or more languages. Sentences are
    // numbered per statement version (0-based, in reading order), as the exports promise.
    struct SentUnit {
        gi: usize,
        unit: usize,
        /// The unit's pivot: the group's, or its first language when the group's is absent.
        pivot: Lang,
        // per language: sentences as (paragraph index, byte range, sentence index in the version)
        sents: BTreeMap<Lang, Vec<(usize, std::ops::Range<usize>, usize)>>,
    }
    let mut split: BTreeMap<usize, Vec<Vec<std::ops::Range<usize>>>> = BTreeMap::new();
    for p in &pend {
        for (&l, &k) in &p.versions {
            split.entry(k).or_insert_with(|| {
                statements[k]
                    .paragraphs
                    .iter()
                    .map(|x| segment::split_sentences(&x.text, l))
                    .collect()
            });
        }
    }
    let base: BTreeMap<usize, Vec<usize>> = split
        .iter()
        .map(|(&k, v)| {
            let mut acc = 0;
            (
                k,
                v.iter()
                    .map(|r| {
                        let b = acc;
                        acc += r.len();
                        b
                    })
                    .collect(),
            )
        })
        .collect();
    let mut sunits: Vec<SentUnit> = Vec::new();
    for (gi, p) in pend.iter().enumerate() {
        let (s, e) = para_units_of_group[gi];
        for u in &units[s..e] {
            if u.segments.len() < 2 {
                continue;
            }
            let mut sents = BTreeMap::new();
            for (&l, seg) in &u.segments {
                let k = p.versions[&l];
                let mut v = Vec::new();
                for &pi in &seg.indices {
                    for (j, r) in split[&k][pi].iter().enumerate() {
                        v.push((pi, r.clone(), base[&k][pi] + j));
                    }
                }
                sents.insert(l, v);
            }
            let pivot = if u.segments.contains_key(&p.pivot) {
                p.pivot
            } else {
                *u.segments.keys().next().expect("two languages")
            };
            sunits.push(SentUnit {
                gi,
                unit: u.unit,
                pivot,
                sents,
            });
        }
    }
    let mut sjobs: Vec<PairJob<'_>> = Vec::new();
    let mut sjob_of: Vec<(usize, Lang)> = Vec::new();
    for (si, su) in sunits.iter().enumerate() {
        let p = &pend[su.gi];
        let pv = &su.sents[&su.pivot];
        let pst = &statements[p.versions[&su.pivot]];
        for (&l, v) in &su.sents {
            if l == su.pivot {
                continue;
            }
            let st = &statements[p.versions[&l]];
            sjobs.push(PairJob {
                src_lang: su.pivot,
                tgt_lang: l,
                src: pv
                    .iter()
                    .map(|(pi, r, _)| &pst.paragraphs[*pi].text[r.clone()])
                    .collect(),
                tgt: v
                    .iter()
                    .map(|(pi, r, _)| &st.paragraphs[*pi].text[r.clone()])
                    .collect(),
            });
            sjob_of.push((si, l));
        }
    }
    progress.stage("aligning sentences", Some(sjobs.len() as u64));
    let sa = align::align_corpus(&sjobs, &cfg.align);
    progress.inc(sjobs.len() as u64);
    let mut sbeads: Vec<BTreeMap<Lang, Vec<Bead>>> =
        (0..sunits.len()).map(|_| BTreeMap::new()).collect();
    for ((si, l), b) in sjob_of.into_iter().zip(sa.beads) {
        sbeads[si].insert(l, b);
    }
    let mut sentence_units: Vec<Unit> = Vec::new();
    let mut counter: BTreeMap<usize, usize> = BTreeMap::new();
    for (si, su) in sunits.iter().enumerate() {
        let p = &pend[su.gi];
        let counts: BTreeMap<Lang, usize> = su.sents.iter().map(|(l, v)| (*l, v.len())).collect();
        let merged = nway::merge(su.pivot, &counts, &sbeads[si]);
        for m in merged {
            let n = counter.entry(su.gi).or_insert(0);
            let ui = *n;
            *n += 1;
            let sents = &su.sents;
            let mut unit = make_unit(
                p.group,
                ui,
                Level::Sentence,
                Some(su.unit),
                &m,
                &p.versions,
                statements,
                |st, idx| {
                    let l = st.lang.expect("aligned statements have a language");
                    let v = &sents[&l];
                    idx.iter()
                        .map(|&i| &st.paragraphs[v[i].0].text[v[i].1.clone()])
                        .collect::<Vec<_>>()
                        .join(" ")
                },
            );
            for (l, seg) in unit.segments.iter_mut() {
                let v = &sents[l];
                seg.indices = seg.indices.iter().map(|&i| v[i].2).collect();
            }
            sentence_units.push(unit);
        }
    }
    units.extend(sentence_units);
    Aligned {
        units,
        pivot,
        pairwise,
        stats: ca.stats,
    }
}

#[allow(clippy::too_many_arguments)]
fn make_unit(
    g: &Group,
    ui: usize,
    level: Level,
    parent: Option<usize>,
    m: &nway::MergedUnit,
    versions: &BTreeMap<Lang, usize>,
    statements: &[Statement],
    text: impl Fn(&Statement, &[usize]) -> String,
) -> Unit {
    let mut segments = BTreeMap::new();
    for (&l, idx) in &m.segments {
        let st = &statements[versions[&l]];
        segments.insert(
            l,
            UnitSegment {
                text: text(st, idx),
                indices: idx.clone(),
                file: st.file.clone(),
                tag: st
                    .lang_tag
                    .clone()
                    .unwrap_or_else(|| l.default_tag().to_string()),
            },
        );
    }
    let bead = Lang::ALL
        .iter()
        .filter_map(|l| m.segments.get(l).map(|v| v.len().to_string()))
        .collect::<Vec<_>>()
        .join("-");
    Unit {
        group: g.id.clone(),
        unit: ui,
        level,
        score: if m.segments.len() < 2 { 0.0 } else { m.score },
        bead,
        parent,
        conflict: m.conflict,
        segments,
    }
}

/// Two-language paragraph units from pairwise alignments, numbered per group and pair.
pub fn pair_units(
    statements: &[Statement],
    groups: &[Group],
    pairwise: &[PairAlignment],
) -> Vec<Unit> {
    let by_id: BTreeMap<&str, &Group> = groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let mut out = Vec::new();
    for pa in pairwise {
        let Some(g) = by_id.get(pa.group.as_str()) else {
            continue;
        };
        let (Some(&ka), Some(&kb)) = (g.versions.get(&pa.src), g.versions.get(&pa.tgt)) else {
            continue;
        };
        let versions: BTreeMap<Lang, usize> = [(pa.src, ka), (pa.tgt, kb)].into_iter().collect();
        for (i, b) in pa.beads.iter().enumerate() {
            if b.src.is_empty() || b.tgt.is_empty() {
                continue;
            }
            let m = nway::MergedUnit {
                segments: [(pa.src, b.src.clone()), (pa.tgt, b.tgt.clone())]
                    .into_iter()
                    .collect(),
                score: b.score,
                conflict: false,
            };
            out.push(make_unit(
                g,
                i,
                Level::Paragraph,
                None,
                &m,
                &versions,
                statements,
                seg_text,
            ));
        }
    }
    out
}

/// Languages present in any group (as full texts), in output order.
pub fn languages_present(groups: &[Group], statements: &[Statement]) -> Vec<Lang> {
    let set: BTreeSet<Lang> = groups
        .iter()
        .flat_map(|g| aligned_versions(g, statements).into_keys())
        .collect();
    set.into_iter().collect()
}
