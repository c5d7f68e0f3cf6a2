//! The whole pipeline, stage by stage: ingest → statements → language identification →
//! grouping → N-way alignment (paragraphs, then sentences) → audit. Exporting is left to the
//! caller (see [`crate::export`]), so library users can stop at any stage.

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

use rayon::prelude::*;

use crate::align::features::{self, SegFeatures};
use crate::align::level::{self, Children, LevelUnit, Side};
use crate::align::{nway, AlignConfig, LengthStats};
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
    /// Corpus statistics learned before (a whole corpus's, for a window of it): grouping and
    /// alignment apply them instead of learning their own.
    pub stats: Option<std::sync::Arc<CorpusStats>>,
    /// Keep the statistics the run learned in [`RunOutput::corpus_stats`].
    pub keep_stats: bool,
    /// Learn the statistics only ([`learn_stats`]): the sentence level aligns its learning
    /// sample and makes no units.
    pub learn_only: bool,
}

/// Everything a run learns from its corpus and a part of the corpus cannot learn alone:
/// grouping's statistics ([`crate::group::GroupStats`]) and the aligner's per level and language
/// pair ([`crate::align::AlignStats`]). Given to a run over a date window of the corpus (with
/// its margins), the window's groups, units and findings are the whole run's, scores included.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct CorpusStats {
    format: String,
    pub group: crate::group::GroupStats,
    pub align: crate::align::AlignStats,
}

/// The `format` of a statistics file.
const STATS_FORMAT: &str = "polyalign-stats-1";

impl CorpusStats {
    pub fn new(group: crate::group::GroupStats, align: crate::align::AlignStats) -> CorpusStats {
        CorpusStats {
            format: STATS_FORMAT.into(),
            group,
            align,
        }
    }

    /// The statistics as JSON (deterministic: sorted lists, exact floats).
    pub fn to_json(&self) -> String {
        serde_json::to_string(self).expect("statistics serialise")
    }

    /// Statistics from [`CorpusStats::to_json`]'s text.
    pub fn from_json(text: &str) -> anyhow::Result<CorpusStats> {
        #[derive(serde::Deserialize)]
        struct Format {
            format: String,
        }
        let format = serde_json::from_str::<Format>(text)?.format;
        anyhow::ensure!(
            format == STATS_FORMAT,
            "format {format:?}, expected {STATS_FORMAT:?}"
        );
        Ok(serde_json::from_str(text)?)
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            inputs: Vec::new(),
            sentences: true,
            pivot: None,
            align: AlignConfig::default(),
            check_conflicts: true,
            stats: None,
            keep_stats: false,
            learn_only: false,
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
    pub stats: BTreeMap<(Lang, Lang), LengthStats>,
    pub audit: AuditReport,
    pub langid: LangIdStats,
    pub diagnostics: Diagnostics,
    /// Encodings seen → number of files.
    pub encodings: BTreeMap<String, usize>,
    /// Blocks taken for page chrome, with file, line and reason (`scan --removed`).
    pub removed: Vec<statement::RemovedBlock>,
    /// The aligner's features of every statement's paragraphs (`[k]` for statement `k`):
    /// computed once by [`scan`], used by grouping and by paragraph alignment, then dropped.
    pub para_features: Vec<Vec<SegFeatures>>,
    /// The statistics the run learned ([`Config::keep_stats`]; `None` when they were given).
    /// After [`scan`], the aligner's part is empty.
    pub corpus_stats: Option<CorpusStats>,
}

impl RunOutput {
    /// The pairwise alignments as two-language paragraph units, built when asked for (they copy
    /// the text of every aligned pair: the CLI's exporters build them one language pair at a
    /// time instead, see [`crate::export::PairUnits`]).
    pub fn pair_units(&self) -> Vec<Unit> {
        pair_units(&self.statements, &self.groups, &self.pairwise, None)
    }
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
    /// What the aligner learned (or was given), per level.
    pub learned: crate::align::AlignStats,
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
    let timer = StageTimer::start();
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
    timer.lap("ingest");
    progress.stage("extracting statements", Some(ing.pages.len() as u64));
    let extraction = statement::extract_all(&ing.pages, &mut diags);
    // The statements own their text now: the pages are not kept through the later stages.
    let (files_seen, pages, bytes) = (ing.files_seen, ing.pages.len(), ing.bytes);
    drop(ing.pages);
    timer.lap("statements");
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
    timer.lap("langid");
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
    let para_features: Vec<Vec<SegFeatures>> =
        statements.par_iter().map(features::paragraphs).collect();
    timer.lap("features");
    let grouping = crate::group::group_features_given(
        &statements,
        Some(&para_features),
        &crate::group::GroupConfig {
            keep_stats: cfg.keep_stats && cfg.stats.is_none(),
            ..Default::default()
        },
        cfg.stats.as_deref().map(|s| &s.group),
    );
    timer.lap("group");
    diags.sort();
    RunOutput {
        files_seen,
        pages,
        bytes,
        statements,
        groups: grouping.groups,
        rejected: grouping.rejected,
        langid: lstats,
        diagnostics: diags,
        encodings,
        removed: extraction.removed,
        para_features,
        corpus_stats: grouping
            .stats
            .map(|g| CorpusStats::new(g, crate::align::AlignStats::default())),
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
    let timer = StageTimer::start();
    let features = std::mem::take(&mut out.para_features);
    let a = align_groups_features(&out.statements, &out.groups, Some(features), cfg, progress);
    timer.lap("align");
    out.units = a.units;
    out.pivot = a.pivot;
    out.pairwise = a.pairwise;
    out.stats = a.stats;
    progress.stage("auditing", Some(out.groups.len() as u64));
    out.audit = audit::audit_with(
        &out.statements,
        &out.groups,
        &out.units,
        out.pivot,
        &out.stats,
        &audit::AuditConfig::default(),
        cfg.stats.as_deref().map(|s| &s.align.audit),
    );
    timer.lap("audit");
    if let Some(c) = &mut out.corpus_stats {
        c.align = a.learned;
        c.align.audit = std::mem::take(&mut out.audit.learned);
    }
    out
}

/// Learns a corpus's statistics ([`CorpusStats`]): a run without its sentence units (the
/// sentence level, when `cfg.sentences`, aligns its learning sample only). Grouping, the
/// paragraph level and the audit run whole: the audit's sentence alignment learns from every
/// paragraph unit.
pub fn learn_stats(cfg: &Config, id: &dyn Identifier, progress: &dyn Progress) -> RunOutput {
    let cfg = Config {
        keep_stats: true,
        learn_only: true,
        stats: None,
        ..cfg.clone()
    };
    run_with(&cfg, id, progress)
}

/// Resident and peak resident memory of this process in MB (Linux: `/proc/self/status`).
pub(crate) fn memory_mb() -> Option<(f64, f64)> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let field = |name: &str| -> Option<f64> {
        let line = status.lines().find(|l| l.starts_with(name))?;
        let kb: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
        Some(kb / 1024.0)
    };
    Some((field("VmRSS:")?, field("VmHWM:")?))
}

/// CPU seconds (user + system) the process has used so far, from `/proc/self/stat`.
pub(crate) fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces, inside parentheses): utime and
    // stime are the 12th and 13th, in clock ticks (100 per second on Linux).
    let rest = &stat[stat.rfind(')')? + 2..];
    let mut f = rest.split_whitespace().skip(11);
    let (u, s): (f64, f64) = (f.next()?.parse().ok()?, f.next()?.parse().ok()?);
    Some((u + s) / 100.0)
}

/// Wall time per stage, printed to stderr as `polyalign: stage NAME S rss R MB, peak P MB, cpu
/// C s` when `POLYALIGN_DEBUG` is set (what `scripts/bench.sh` reads for the stages' shares and
/// how busy the cores were).
pub struct StageTimer {
    last: std::cell::Cell<std::time::Instant>,
    last_cpu: std::cell::Cell<f64>,
    on: bool,
}

impl StageTimer {
    /// Starts timing the next stage.
    pub fn start() -> StageTimer {
        let on = std::env::var_os("POLYALIGN_DEBUG").is_some();
        StageTimer {
            last: std::cell::Cell::new(std::time::Instant::now()),
            last_cpu: std::cell::Cell::new(if on {
                cpu_seconds().unwrap_or(0.0)
            } else {
                0.0
            }),
            on,
        }
    }

    /// Ends the stage `name` (printing its time) and starts the next.
    pub fn lap(&self, name: &str) {
        let now = std::time::Instant::now();
        if self.on {
            let secs = now.duration_since(self.last.get()).as_secs_f64();
            let mem = memory_mb().map_or(String::new(), |(rss, peak)| {
                format!(" rss {rss:.0} MB, peak {peak:.0} MB")
            });
            let cpu = cpu_seconds().map_or(String::new(), |c| {
                let used = c - self.last_cpu.replace(c);
                format!(", cpu {used:.2} s")
            });
            eprintln!("polyalign: stage {name} {secs:.3}{mem}{cpu}");
        }
        self.last.set(now);
    }
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

/// A group taking part in alignment: its full-text versions and the pivot used inside it.
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

/// The sides of a level unit: the pivot first, then the other languages in output order, each
/// with the segments `segments(lang, statement)` returns.
fn level_unit<'a>(
    pivot: Lang,
    langs: impl Iterator<Item = (Lang, usize)>,
    mut segments: impl FnMut(Lang, usize) -> Vec<&'a SegFeatures>,
) -> LevelUnit<'a> {
    let mut sides = Vec::new();
    let mut others = Vec::new();
    for (l, k) in langs {
        let side = Side {
            lang: l,
            segments: segments(l, k),
        };
        if l == pivot {
            sides.push(side);
        } else {
            others.push(side);
        }
    }
    sides.extend(others);
    LevelUnit { sides }
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
    align_groups_features(statements, groups, None, cfg, progress)
}

/// [`align_groups_with`] on the features of every statement's paragraphs, when the caller has
/// them ([`RunOutput::para_features`]; dropped once the paragraph level is done); `None`
/// computes those of the aligned versions here.
pub fn align_groups_features(
    statements: &[Statement],
    groups: &[Group],
    para_features: Option<Vec<Vec<SegFeatures>>>,
    cfg: &Config,
    progress: &dyn Progress,
) -> Aligned {
    // The pivot and the language order are the corpus's: given with its statistics.
    let given = cfg.stats.as_deref().map(|s| &s.align);
    let pivot = cfg
        .pivot
        .or_else(|| given.and_then(|g| g.pivot))
        .or_else(|| default_pivot(groups, statements));
    let order = match given {
        Some(g) if !g.order.is_empty() => {
            let mut o = g.order.clone();
            if let Some(p) = pivot {
                o.retain(|l| *l != p);
                o.insert(0, p);
            }
            o
        }
        _ => lang_order(groups, statements, pivot),
    };
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
    // Paragraph level: each aligned version's paragraphs are featurised once.
    let aligned: Vec<usize> = pend
        .iter()
        .flat_map(|p| p.versions.values().copied())
        .collect::<BTreeSet<usize>>()
        .into_iter()
        .collect();
    let para_feats: Vec<Vec<SegFeatures>> = match para_features {
        Some(f) => {
            assert_eq!(f.len(), statements.len(), "features of every statement");
            f
        }
        None => {
            let mut own = vec![Vec::new(); statements.len()];
            let computed: Vec<(usize, Vec<SegFeatures>)> = aligned
                .par_iter()
                .map(|&k| (k, features::paragraphs(&statements[k])))
                .collect();
            for (k, f) in computed {
                own[k] = f;
            }
            own
        }
    };
    let para_units: Vec<LevelUnit<'_>> = pend
        .iter()
        .map(|p| {
            level_unit(p.pivot, p.versions.iter().map(|(&l, &k)| (l, k)), |_, k| {
                para_feats[k].iter().collect()
            })
        })
        .collect();
    let njobs = level::job_count(&para_units, cfg.check_conflicts) as u64;
    progress.stage("aligning paragraphs", Some(njobs));
    // Every paragraph unit is aligned even when only learning: the audit's sentence alignment
    // learns from all of them.
    let mut la = level::align_level_given(
        &para_units,
        cfg.check_conflicts,
        &cfg.align,
        given.map(|g| &g.paragraph),
        false,
    );
    progress.inc(njobs);
    let mut learned = crate::align::AlignStats {
        pivot,
        order: order.clone(),
        paragraph: std::mem::take(&mut la.learned),
        sentence: Vec::new(),
        audit: Vec::new(),
    };
    let mut pairwise = Vec::new();
    for (gi, (p, u)) in pend.iter().zip(&para_units).enumerate() {
        let pair = |a: usize, b: usize, beads: &[Bead]| PairAlignment {
            group: p.group.id.clone(),
            src: u.sides[a].lang,
            tgt: u.sides[b].lang,
            beads: beads.to_vec(),
        };
        for (k, beads) in la.to_pivot[gi].iter().enumerate() {
            pairwise.push(pair(0, k + 1, beads));
        }
        for (a, b, beads) in &la.direct[gi] {
            pairwise.push(pair(*a, *b, beads));
        }
    }
    let mut units: Vec<Unit> = Vec::new();
    let mut para_units_of_group: Vec<(usize, usize)> = Vec::new(); // (start, end) in `units`
    for (gi, p) in pend.iter().enumerate() {
        let start = units.len();
        for (ui, m) in la.merged(&para_units, gi).into_iter().enumerate() {
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
    drop(para_units);
    drop(para_feats);
    if !cfg.sentences {
        return Aligned {
            units,
            pivot,
            pairwise,
            stats: la.stats,
            learned,
        };
    }
    // Sentence level inside each paragraph unit with two or more languages. Sentences are
    // numbered per statement version (0-based, in reading order), as the exports promise, and
    // featurised once per version.
    let computed: Vec<(usize, Sentences)> = aligned
        .par_iter()
        .map(|&k| {
            let st = &statements[k];
            let lang = st.lang.expect("aligned statements have a language");
            let mut spans = Vec::new();
            let per: Vec<Vec<&str>> = st
                .paragraphs
                .iter()
                .enumerate()
                .map(|(pi, x)| {
                    segment::split_sentences(&x.text, lang)
                        .into_iter()
                        .map(|r| {
                            let t = &x.text[r.clone()];
                            spans.push((pi, r));
                            t
                        })
                        .collect()
                })
                .collect();
            let children = Children::new(&per);
            (k, Sentences { spans, children })
        })
        .collect();
    let sents: BTreeMap<usize, Sentences> = computed.into_iter().collect();
    let mut sunits: Vec<SentUnit> = Vec::new();
    let mut sinputs: Vec<LevelUnit<'_>> = Vec::new();
    for (gi, p) in pend.iter().enumerate() {
        let (s, e) = para_units_of_group[gi];
        for u in &units[s..e] {
            if u.segments.len() < 2 {
                continue;
            }
            // The unit's pivot: the group's, or its first language when the group's is absent.
            let upivot = if u.segments.contains_key(&p.pivot) {
                p.pivot
            } else {
                *u.segments.keys().next().expect("two languages")
            };
            let input = level_unit(
                upivot,
                u.segments.keys().map(|&l| (l, p.versions[&l])),
                |l, k| {
                    sents[&k]
                        .children
                        .features_of(&sents[&k].children.of(&u.segments[&l].indices))
                },
            );
            let ids = input
                .sides
                .iter()
                .map(|side| {
                    let k = p.versions[&side.lang];
                    (
                        side.lang,
                        sents[&k].children.of(&u.segments[&side.lang].indices),
                    )
                })
                .collect();
            sunits.push(SentUnit {
                gi,
                unit: u.unit,
                score: u.score,
                ids,
            });
            sinputs.push(input);
        }
    }
    let njobs = level::job_count(&sinputs, false) as u64;
    progress.stage("aligning sentences", Some(njobs));
    let mut sa = level::align_level_given(
        &sinputs,
        false,
        &cfg.align,
        given.map(|g| &g.sentence),
        cfg.learn_only,
    );
    progress.inc(njobs);
    learned.sentence = std::mem::take(&mut sa.learned);
    if !cfg.learn_only {
        units.extend(sentence_units(
            &sa, &sinputs, &sunits, &pend, &sents, statements,
        ));
    }
    Aligned {
        units,
        pivot,
        pairwise,
        stats: la.stats,
        learned,
    }
}

/// The sentences of one aligned version.
struct Sentences {
    /// (paragraph index, byte range) of every sentence, in reading order.
    spans: Vec<(usize, std::ops::Range<usize>)>,
    children: Children,
}

/// A paragraph unit to align sentence by sentence: its group and unit number, and per language
/// (the unit's pivot first) the numbers of its sentences in the version.
struct SentUnit {
    gi: usize,
    unit: usize,
    /// The paragraph unit's confidence.
    score: f64,
    ids: Vec<(Lang, Vec<usize>)>,
}

/// The sentence units of a level's alignment (sentence numbers in their versions).
fn sentence_units(
    sa: &level::LevelAlignment,
    sinputs: &[LevelUnit<'_>],
    sunits: &[SentUnit],
    pend: &[Pending<'_>],
    sents: &BTreeMap<usize, Sentences>,
    statements: &[Statement],
) -> Vec<Unit> {
    let mut sentence_units: Vec<Unit> = Vec::new();
    let mut counter: BTreeMap<usize, usize> = BTreeMap::new();
    for (si, su) in sunits.iter().enumerate() {
        let p = &pend[su.gi];
        for mut m in sa.merged(sinputs, si) {
            // Unit-local sentence numbers → numbers in the version.
            for (l, idx) in m.segments.iter_mut() {
                let ids = &su.ids.iter().find(|(x, _)| x == l).expect("side").1;
                for i in idx.iter_mut() {
                    *i = ids[*i];
                }
            }
            let n = counter.entry(su.gi).or_insert(0);
            let ui = *n;
            *n += 1;
            let mut unit = make_unit(
                p.group,
                ui,
                Level::Sentence,
                Some(su.unit),
                &m,
                &p.versions,
                statements,
                |st, idx| {
                    let spans = &sents[&p.versions[&st.lang.expect("aligned")]].spans;
                    idx.iter()
                        .map(|&i| &st.paragraphs[spans[i].0].text[spans[i].1.clone()])
                        .collect::<Vec<_>>()
                        .join(" ")
                },
            );
            unit.score = level::nested_score(unit.score, su.score);
            sentence_units.push(unit);
        }
    }
    sentence_units
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

/// Two-language paragraph units from pairwise alignments, numbered per group and pair: of
/// every alignment, or of those of one language pair (either direction) when `pair` is given,
/// which is what one pairwise file needs, built while it is written.
pub fn pair_units(
    statements: &[Statement],
    groups: &[Group],
    pairwise: &[PairAlignment],
    pair: Option<(Lang, Lang)>,
) -> Vec<Unit> {
    let by_id: BTreeMap<&str, &Group> = groups.iter().map(|g| (g.id.as_str(), g)).collect();
    let wanted = |pa: &&PairAlignment| {
        pair.is_none_or(|(a, b)| (pa.src, pa.tgt) == (a, b) || (pa.src, pa.tgt) == (b, a))
    };
    let pairwise: Vec<&PairAlignment> = pairwise.iter().filter(wanted).collect();
    // Alignments are independent: their units are built side by side, kept in alignment order.
    let parts: Vec<Vec<Unit>> = pairwise
        .par_iter()
        .map(|pa| {
            let mut out = Vec::new();
            let Some(g) = by_id.get(pa.group.as_str()) else {
                return out;
            };
            let (Some(&ka), Some(&kb)) = (g.versions.get(&pa.src), g.versions.get(&pa.tgt)) else {
                return out;
            };
            let versions: BTreeMap<Lang, usize> =
                [(pa.src, ka), (pa.tgt, kb)].into_iter().collect();
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
            out
        })
        .collect();
    let mut out = Vec::with_capacity(parts.iter().map(Vec::len).sum());
    for p in parts {
        out.extend(p);
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
