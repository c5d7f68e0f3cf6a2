//! Grouping: finds the language versions of one statement (a variant group) and removes copies
//! of one statement in one language (scraped from two sites, or a teaser of a full text).
//!
//! The stage is a chain of small steps, each in its own module:
//!
//! 1. [`dedup`] merges copies within a language;
//! 2. [`profile`] reads what survives translation from every statement once;
//! 3. [`candidates`] pairs versions of different languages inside a date window (±3 days by
//!    default: translations appear days after the original), linear in the number of days;
//! 4. [`features`] scores each candidate on content (idf-weighted anchors and, from the second
//!    round on, a translation lexicon bootstrapped from the corpus), numbers, titles, length,
//!    paragraph count, lag, time, switchers and the margin over competitors;
//! 5. [`scoring`] turns the features into a probability with a logistic model fitted on the
//!    corpus itself: confident pairs against the hard negatives of their date window;
//! 6. [`assign`] links pairs by competitive linking with one version per language and N-way
//!    consistency.
//!
//! Bootstrapping (Moore 2002; Fung & Cheung's find-one-get-more): round 0 scores candidates
//! with anchors and hand-set weights and keeps the mutual best, very probable pairs as seeds;
//! each further round trains an IBM Model 1 lexicon per language pair on the paragraphs of the
//! confident pairs (content words only: function words would fill the training cap),
//! recomputes the features, refits the model, and assigns again. An explicit key decides on
//! its own: the same document folder or URL content id links versions; another
//! folder keeps them apart; another URL id says nothing (language sites number pages
//! independently). Every decision keeps its evidence and its runners-up.

pub mod assign;
pub mod candidates;
pub mod dedup;
pub mod features;
pub mod ids;
pub mod profile;
pub mod scoring;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;

use crate::align::features::SegFeatures;
use crate::align::lexicon::train_model1;
use crate::anchors::MixMap;
use crate::model::{Alternative, Duplicate, Evidence, Group, GroupCandidate, Lang, Statement};
use candidates::Pair;
use features::{Lexicons, Vector};
use profile::{GroupKey, Profile};
use scoring::Model;

pub use ids::slug;

/// Settings of the grouping stage.
#[derive(Clone, Debug)]
pub struct GroupConfig {
    /// Versions more than this many days apart are never compared (unless an explicit key
    /// joins them).
    pub lag_days: i64,
    /// A link needs at least this probability (and a version joining a group this average
    /// probability with the group's members).
    pub min_probability: f64,
    /// Every scored pair across two joining groups must reach this probability.
    pub min_cross: f64,
    /// Bootstrapping rounds after the seed round.
    pub rounds: usize,
    /// Pairs at least this probable train the next round's lexicon and model.
    pub confident: f64,
    /// Precision of the prior on the model's weights.
    pub prior_strength: f64,
    /// Undated versions are compared with the `max_undated` versions sharing most rare anchors
    /// (anchors in at most `rare_df` statements).
    pub max_undated: usize,
    pub rare_df: usize,
    /// Word-pair cells of Model 1 training per language pair (a deterministic cap on cost).
    pub max_train_cells: usize,
    /// Candidates kept per version and other language after the anchor round.
    pub keep: usize,
    /// Stems in more than this share of a language's statements are not lexicon training data.
    pub max_stem_share: f64,
    /// Return the corpus statistics the run learned ([`Grouping::stats`]).
    pub keep_stats: bool,
}

impl Default for GroupConfig {
    fn default() -> Self {
        GroupConfig {
            lag_days: 3,
            min_probability: 0.5,
            min_cross: 0.1,
            rounds: 2,
            confident: 0.9,
            prior_strength: 1.0,
            max_undated: 30,
            rare_df: 50,
            max_train_cells: 500_000,
            keep: 12,
            max_stem_share: 0.5,
            keep_stats: false,
        }
    }
}

/// Result of grouping.
#[derive(Clone, Debug, Default)]
pub struct Grouping {
    pub groups: Vec<Group>,
    /// Evidence of the best pairs considered but not joined (for `scan --explain`).
    pub rejected: Vec<Evidence>,
    /// The model of the last round (weights, and how many pairs it was fitted on).
    pub model: Model,
    /// Word pairs of the bootstrapped lexicon per language pair.
    pub lexicon_pairs: BTreeMap<(Lang, Lang), usize>,
    /// The corpus statistics the probabilities came from (with [`GroupConfig::keep_stats`]).
    pub stats: Option<GroupStats>,
}

/// What grouping learns from a whole corpus, and all that a candidate's probability depends on
/// besides the two versions and their competitors within the lag window: the document
/// frequencies behind the idf weights, the bootstrapped lexicons, the length models and the
/// fitted model. Given to [`group_given`], they replace the learning, so that a part of the
/// corpus (a date window with its margins) gets the probabilities the whole run gives its
/// pairs: the statistics shared by the windows of a sharded run.
#[derive(Clone, Debug)]
pub struct GroupStats {
    pub doc_freq: features::DocFreq,
    pub lexicons: Lexicons,
    /// Every ordered pair of the corpus's languages (learned, or the ratio of the totals).
    pub lengths: BTreeMap<(Lang, Lang), features::LengthModel>,
    pub model: Model,
    /// Every statement the run found to be a copy of another: (copy id, kept id), sorted.
    /// An undated copy (an embassy's republication) is found whatever its original's date,
    /// and an undated original takes copies of any date, so a window may hold a copy without
    /// its original; under given statistics such a copy stands alone instead of competing,
    /// and a sharded run leaves it to the window that holds its original (as the whole run's
    /// groups have it).
    pub copies: Vec<(String, String)>,
}

/// [`GroupStats`] as written to a file: sorted lists, so equal statistics give equal bytes.
#[derive(serde::Serialize, serde::Deserialize)]
struct StatsFile {
    statements: f64,
    anchors: features::SortedCounts,
    stems: features::SortedStems,
    lexicons: Vec<(Lang, Lang, crate::align::Lexicon)>,
    lengths: Vec<(Lang, Lang, f64, f64)>,
    weights: Vec<f64>,
    positives: usize,
    negatives: usize,
    /// Written as `undated_copies` before copies with dates were listed too.
    #[serde(alias = "undated_copies")]
    copies: Vec<(String, String)>,
}

impl serde::Serialize for GroupStats {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        let (statements, anchors, stems) = self.doc_freq.to_sorted();
        StatsFile {
            statements,
            anchors,
            stems,
            lexicons: self
                .lexicons
                .iter()
                .map(|(&(a, b), l)| (a, b, l.clone()))
                .collect(),
            lengths: self
                .lengths
                .iter()
                .map(|(&(a, b), m)| (a, b, m.mu, m.sigma))
                .collect(),
            weights: self.model.weights.to_vec(),
            positives: self.model.positives,
            negatives: self.model.negatives,
            copies: self.copies.clone(),
        }
        .serialize(ser)
    }
}

impl<'de> serde::Deserialize<'de> for GroupStats {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<GroupStats, D::Error> {
        let f = StatsFile::deserialize(de)?;
        let weights: Vector = f.weights.as_slice().try_into().map_err(|_| {
            serde::de::Error::custom(format!(
                "{} model weights, expected {}",
                f.weights.len(),
                features::NUM
            ))
        })?;
        Ok(GroupStats {
            doc_freq: features::DocFreq::from_sorted(f.statements, f.anchors, f.stems),
            lexicons: f
                .lexicons
                .into_iter()
                .map(|(a, b, l)| ((a, b), l))
                .collect(),
            lengths: f
                .lengths
                .into_iter()
                .map(|(a, b, mu, sigma)| ((a, b), features::LengthModel { mu, sigma }))
                .collect(),
            model: Model {
                weights,
                positives: f.positives,
                negatives: f.negatives,
            },
            copies: f.copies,
        })
    }
}

/// Groups statements (whose language has been identified) into variant groups.
pub fn group(statements: &[Statement]) -> Grouping {
    group_with(statements, &GroupConfig::default())
}

/// [`group`] with explicit settings.
pub fn group_with(statements: &[Statement], cfg: &GroupConfig) -> Grouping {
    group_features(statements, None, cfg)
}

/// [`group_with`] under statistics learned before ([`GroupStats`], from a run over the whole
/// corpus): no learning, the given document frequencies, lexicons, length models and model.
pub fn group_given(statements: &[Statement], cfg: &GroupConfig, stats: &GroupStats) -> Grouping {
    group_features_given(statements, None, cfg, Some(stats))
}

/// [`group_with`] on the aligner's features of every statement's paragraphs, when the caller
/// has them (the pipeline computes them once, for grouping and alignment alike); `None`
/// computes them here.
pub fn group_features(
    statements: &[Statement],
    para_features: Option<&[Vec<SegFeatures>]>,
    cfg: &GroupConfig,
) -> Grouping {
    group_features_given(statements, para_features, cfg, None)
}

/// [`group_features`], under given statistics when `given` is `Some` ([`group_given`]).
pub fn group_features_given(
    statements: &[Statement],
    para_features: Option<&[Vec<SegFeatures>]>,
    cfg: &GroupConfig,
    given: Option<&GroupStats>,
) -> Grouping {
    let t0 = std::time::Instant::now();
    // The aligner's paragraph features: anchors and lengths for the profiles, word stems for
    // the bootstrapped lexicon.
    let owned: Vec<Vec<SegFeatures>>;
    let para: &[Vec<SegFeatures>] = match para_features {
        Some(f) => f,
        None => {
            owned = statements
                .par_iter()
                .map(crate::align::features::paragraphs)
                .collect();
            &owned
        }
    };
    let profiles = profile::profiles(statements, Some(para));
    debug(|| format!("profiles {:.2?}", t0.elapsed()));
    let mut deduped = dedup::dedup(statements, &profiles);
    debug(|| format!("dedup {:.2?}", t0.elapsed()));
    // Under given statistics, a copy whose original is not among these statements stands
    // alone (not a copy of another statement with the same text, nor a candidate of anything):
    // the whole run merged it into its original's group, which another window owns.
    let orphans: BTreeSet<usize> = match given {
        Some(g) if !g.copies.is_empty() => {
            let ids: BTreeSet<&str> = statements.iter().map(|s| s.id.as_str()).collect();
            let orphan: BTreeSet<&str> = g
                .copies
                .iter()
                .filter(|(_, kept)| !ids.contains(kept.as_str()))
                .map(|(copy, _)| copy.as_str())
                .collect();
            (0..statements.len())
                .filter(|&k| orphan.contains(statements[k].id.as_str()))
                .collect()
        }
        _ => BTreeSet::new(),
    };
    if !orphans.is_empty() {
        deduped.duplicates.retain(|d| !orphans.contains(&d.copy));
        deduped.kept.extend(orphans.iter().copied());
        deduped.kept.sort_unstable();
        deduped.kept.dedup();
    }
    let competing: Vec<usize> = deduped
        .kept
        .iter()
        .copied()
        .filter(|k| !orphans.contains(k))
        .collect();
    let pool = candidates::Pool::new(&profiles, &competing, cfg);
    let idf = match given {
        Some(g) => features::Idf::with(g.doc_freq.clone(), &profiles, &deduped.kept),
        None => features::Idf::new(&profiles, &deduped.kept),
    };
    let short = features::short_bags(&profiles, pool.members(), &idf);
    // Every candidate is ranked on its anchors alone; only the best few of each version per
    // language go on (the lexicon rounds re-rank, they do not rescue a pair ranked far down).
    // Pruning keeps a version's best per other language, so each pair of languages is
    // generated, ranked and pruned on its own: the corpus's candidates are never all held.
    // Language pairs side by side (each one's steps are parallel too), collected in pair order.
    let per_pair: Vec<(usize, Vec<Pair>, Vec<Pair>)> = pool
        .language_pairs()
        .par_iter()
        .map(|&(la, lb)| {
            let (pairs, f) = explicit_keys(&profiles, pool.pairs(&profiles, la, lb));
            let n = pairs.len();
            let content = features::content_scores(&short, &pairs);
            (n, prune(&profiles, pairs, &content, &f, cfg.keep), f)
        })
        .collect();
    let mut cands: Vec<Pair> = Vec::new();
    let mut forced: Vec<Pair> = Vec::new();
    let mut total = 0;
    for (n, c, f) in per_pair {
        total += n;
        cands.extend(c);
        forced.extend(f);
    }
    drop(short);
    cands.sort_unstable();
    forced.sort_unstable();
    debug(|| {
        format!(
            "{total} candidates pruned to {} (keep {}) {:.2?}",
            cands.len(),
            cfg.keep,
            t0.elapsed()
        )
    });
    let mut fixed = features::fixed_features(&profiles, &cands, &idf);
    debug(|| format!("fixed features {:.2?}", t0.elapsed()));
    let scored = match given {
        // Learned before: one round under the given statistics.
        Some(g) => {
            let rounds = round_scores(&profiles, &cands, &fixed, &g.lexicons, &g.lengths, &idf);
            let probs = probabilities(&g.model, &fixed, &rounds);
            Scored {
                rounds,
                fixed: &fixed,
                probs,
                model: g.model.clone(),
                lexicons: g.lexicons.clone(),
                lengths: g.lengths.clone(),
            }
        }
        None => {
            let anchors_only = round_scores(
                &profiles,
                &cands,
                &fixed,
                &Lexicons::new(),
                &features::length_models(&profiles, &[]),
                &idf,
            );
            debug(|| format!("round 0 {:.2?}", t0.elapsed()));
            bootstrap(
                &profiles,
                para,
                &cands,
                &fixed,
                anchors_only,
                &forced,
                &idf,
                cfg,
            )
        }
    };
    debug(|| format!("rounds {:.2?}", t0.elapsed()));
    let assignment = assign::assign(
        &profiles,
        &cands,
        &scored.probs,
        &forced,
        cfg.min_probability,
        cfg.min_cross,
    );
    debug(|| format!("assignment {:.2?}", t0.elapsed()));
    let extra = residual(&profiles, &pool, &cands, &assignment);
    debug(|| {
        format!(
            "second chance for {} pruned pairs {:.2?}",
            extra.len(),
            t0.elapsed()
        )
    });
    // With pairs to reconsider, they are scored under the last round's lexicons, length models
    // and model, appended to the candidates (every competitor's margin is set again over the
    // union), and the union is assigned again.
    let (cands, scored, assignment) = if extra.is_empty() {
        (cands, scored, assignment)
    } else {
        let Scored {
            mut rounds,
            model,
            lexicons,
            lengths,
            ..
        } = scored;
        let more = features::fixed_features(&profiles, &extra, &idf);
        rounds.extend(features::round_values(
            &profiles, &extra, &more, &lexicons, &lengths, &idf,
        ));
        fixed.append(more);
        let mut union = cands;
        union.extend(extra);
        features::set_margins(&profiles, &union, &mut rounds);
        let probs = probabilities(&model, &fixed, &rounds);
        debug(|| format!("second chance scored {:.2?}", t0.elapsed()));
        let assignment = assign::assign(
            &profiles,
            &union,
            &probs,
            &forced,
            cfg.min_probability,
            cfg.min_cross,
        );
        let scored = Scored {
            rounds,
            fixed: &fixed,
            probs,
            model,
            lexicons,
            lengths,
        };
        (union, scored, assignment)
    };
    debug(|| format!("second chance {:.2?}", t0.elapsed()));
    let mut groups = build_groups(
        statements,
        &profiles,
        &deduped,
        &cands,
        &scored,
        &assignment,
    );
    debug(|| format!("groups {:.2?}", t0.elapsed()));
    ids::assign_ids(&mut groups, statements);
    groups.sort_by(|a, b| a.id.cmp(&b.id));
    if let Some(path) = std::env::var_os("POLYALIGN_GROUP_DUMP") {
        dump(&path, statements, &cands, &scored);
    }
    let rejected = rejected(statements, &cands, &scored, &assignment);
    let lexicon_pairs = scored.lexicons.iter().map(|(k, l)| (*k, l.pairs)).collect();
    let stats = cfg.keep_stats.then(|| {
        let mut copies: Vec<(String, String)> = deduped
            .duplicates
            .iter()
            .map(|d| (statements[d.copy].id.clone(), statements[d.kept].id.clone()))
            .collect();
        copies.sort();
        GroupStats {
            lengths: features::complete_lengths(&profiles, &scored.lengths),
            doc_freq: idf.into_doc_freq(),
            lexicons: scored.lexicons,
            model: scored.model.clone(),
            copies,
        }
    });
    Grouping {
        groups,
        rejected,
        model: scored.model,
        lexicon_pairs,
        stats,
    }
}

/// Splits off the pairs an explicit key decides: the same key links them; different folder
/// keys keep them apart (removed from the candidates).
fn explicit_keys(profiles: &[Profile], cands: Vec<Pair>) -> (Vec<Pair>, Vec<Pair>) {
    let mut forced = Vec::new();
    let mut kept = Vec::with_capacity(cands.len());
    for (a, b) in cands {
        if split_by_folder(profiles, a, b) {
            continue;
        }
        if matches!((&profiles[a].group_key, &profiles[b].group_key), (Some(x), Some(y)) if x == y)
        {
            forced.push((a, b));
        }
        kept.push((a, b));
    }
    (kept, forced)
}

/// True when two versions come from different document folders: an explicit key keeps them
/// apart.
fn split_by_folder(profiles: &[Profile], a: usize, b: usize) -> bool {
    matches!(
        (&profiles[a].group_key, &profiles[b].group_key),
        (Some(GroupKey::Folder(x)), Some(GroupKey::Folder(y))) if x != y
    )
}

/// What the last bootstrapping round produced.
struct Scored<'d> {
    /// Each candidate's round values; with `fixed` they give its feature vector.
    rounds: Vec<features::Round>,
    fixed: &'d features::FixedFeatures,
    probs: Vec<f64>,
    model: Model,
    lexicons: Lexicons,
    /// The length models the round values were computed with.
    lengths: BTreeMap<(Lang, Lang), features::LengthModel>,
}

impl Scored<'_> {
    /// The feature vector of candidate `x`.
    fn vector(&self, x: usize) -> Vector {
        features::vector_at(self.fixed, x, &self.rounds[x])
    }
}

/// A version's candidates per other language: (statement, language) → candidate indices.
type Comps = MixMap<(usize, Lang), Vec<usize>>;

/// Candidate indices per (statement, other language): a statement's competitors.
fn competitors(profiles: &[Profile], cands: &[Pair]) -> Comps {
    let mut m = Comps::default();
    for (x, &(a, b)) in cands.iter().enumerate() {
        m.entry((a, profiles[b].lang.expect("eligible")))
            .or_default()
            .push(x);
        m.entry((b, profiles[a].lang.expect("eligible")))
            .or_default()
            .push(x);
    }
    m
}

/// A round's values of every candidate (content and title cosines with this round's lexicons,
/// length z under `lengths`, margins).
fn round_scores(
    profiles: &[Profile],
    cands: &[Pair],
    fixed: &features::FixedFeatures,
    lexicons: &Lexicons,
    lengths: &BTreeMap<(Lang, Lang), features::LengthModel>,
    idf: &features::Idf,
) -> Vec<features::Round> {
    let mut rounds = features::round_values(profiles, cands, fixed, lexicons, lengths, idf);
    features::set_margins(profiles, cands, &mut rounds);
    rounds
}

/// Every candidate's probability under `model`.
fn probabilities(
    model: &Model,
    fixed: &features::FixedFeatures,
    rounds: &[features::Round],
) -> Vec<f64> {
    rounds
        .par_iter()
        .enumerate()
        .map(|(x, r)| model.prob(&features::vector_at(fixed, x, r)))
        .collect()
}

/// Writes every candidate with its features and probability as TSV (a development aid, only
/// when `POLYALIGN_GROUP_DUMP` names a file).
fn dump(path: &std::ffi::OsStr, statements: &[Statement], cands: &[Pair], scored: &Scored) {
    let mut out = String::from("a\tb");
    for n in features::NAMES {
        out.push('\t');
        out.push_str(n);
    }
    out.push_str("\tprob\n");
    for (x, &(a, b)) in cands.iter().enumerate() {
        out.push_str(&format!("{}\t{}", statements[a].id, statements[b].id));
        for v in scored.vector(x) {
            out.push_str(&format!("\t{v:.4}"));
        }
        out.push_str(&format!("\t{:.4}\n", scored.probs[x]));
    }
    let _ = std::fs::write(path, out);
}

/// Prints a diagnostic line to stderr when `POLYALIGN_DEBUG` is set.
fn debug(msg: impl FnOnce() -> String) {
    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
        let rss = crate::pipeline::memory_mb()
            .map_or(String::new(), |(rss, _)| format!(" [rss {rss:.0} MB]"));
        let cpu =
            crate::pipeline::cpu_seconds().map_or(String::new(), |c| format!(" [cpu {c:.2} s]"));
        eprintln!("polyalign group: {}{rss}{cpu}", msg());
    }
}

/// Seeds and rounds: see the module documentation.
#[allow(clippy::too_many_arguments)]
fn bootstrap<'d>(
    profiles: &[Profile],
    para: &[Vec<SegFeatures>],
    cands: &[Pair],
    fixed: &'d features::FixedFeatures,
    anchors_only: Vec<features::Round>,
    forced: &[Pair],
    idf: &features::Idf,
    cfg: &GroupConfig,
) -> Scored<'d> {
    let comps = competitors(profiles, cands);
    // Round 0: anchors only, hand-set weights; seeds are mutual best and very probable.
    let mut lexicons = Lexicons::new();
    let mut model = Model::default();
    let mut rounds = anchors_only;
    let mut lengths = BTreeMap::new();
    let mut probs: Vec<f64> = probabilities(&model, fixed, &rounds);
    let mut positives = mutual_best(profiles, cands, &probs, &comps, cfg.confident);
    positives.extend(forced.iter().copied());
    positives.sort_unstable();
    positives.dedup();
    debug(|| format!("{} candidates, {} seeds", cands.len(), positives.len()));
    for round in 0..cfg.rounds {
        let t0 = std::time::Instant::now();
        lexicons = train_lexicons(profiles, para, &positives, idf, cfg);
        debug(|| format!("round {round}: lexicon {:.2?}", t0.elapsed()));
        // The last round's values are not needed for this round's: freed first, so that the
        // two never take memory at once.
        drop(std::mem::take(&mut rounds));
        lengths = features::length_models(profiles, &positives);
        rounds = round_scores(profiles, cands, fixed, &lexicons, &lengths, idf);
        debug(|| format!("round {round}: scores {:.2?}", t0.elapsed()));
        let samples = samples(profiles, cands, fixed, &rounds, &positives, &comps);
        model = Model::fit_from(&samples, cfg.prior_strength, model.weights);
        debug(|| {
            format!(
                "round {round}: fit on {} {:.2?}",
                samples.len(),
                t0.elapsed()
            )
        });
        probs = probabilities(&model, fixed, &rounds);
        let a = assign::link(
            profiles,
            cands,
            &probs,
            forced,
            cfg.min_probability,
            cfg.min_cross,
        );
        positives = a
            .links
            .iter()
            .filter(|l| l.prob >= cfg.confident)
            .map(|l| l.pair)
            .collect();
        positives.sort_unstable();
        debug(|| {
            format!(
                "round {round}: lexicon {:?}, model {:?} on {}+/{}-, {} links, {} confident",
                lexicons
                    .iter()
                    .map(|(k, l)| (k.0.code(), k.1.code(), l.pairs))
                    .collect::<Vec<_>>(),
                model
                    .weights
                    .iter()
                    .map(|w| (w * 100.0).round() / 100.0)
                    .collect::<Vec<_>>(),
                model.positives,
                model.negatives,
                a.links.len(),
                positives.len()
            )
        });
    }
    Scored {
        rounds,
        fixed,
        probs,
        model,
        lexicons,
        lengths,
    }
}

/// The second chance: candidates pruned on their anchors alone (a short statement whose
/// evidence is words a lexicon translates, not numbers or names) whose two versions both ended
/// without a version in the other's language. Few, once the assignment has grouped what it
/// could; scored with the last round's lexicons and model, they find the counterparts that
/// the anchors ranked too far down, and the audit sees them as candidates before it calls a
/// language missing.
fn residual(
    profiles: &[Profile],
    pool: &candidates::Pool,
    pruned: &[Pair],
    a: &assign::Assignment,
) -> Vec<Pair> {
    let langs = a.group_langs(profiles);
    let lacks = |s: usize, other: usize| -> bool {
        let l = profile::lang_mask([profiles[other].lang.expect("eligible")]);
        langs.get(&a.comp[s]).copied().unwrap_or(0) & l == 0
    };
    // The candidates of each pair of languages are generated again, only those whose two
    // versions lack each other's language, less the ones kept by pruning (a sorted list).
    let reconsider = |x: usize, y: usize| {
        a.comp[x] != a.comp[y]
            && lacks(x, y)
            && lacks(y, x)
            && pruned.binary_search(&(x, y)).is_err()
            && !split_by_folder(profiles, x, y)
    };
    let mut out: Vec<Pair> = pool
        .language_pairs()
        .par_iter()
        .flat_map_iter(|&(la, lb)| pool.pairs_where(profiles, la, lb, reconsider))
        .collect();
    out.sort_unstable();
    out
}

/// Keeps, of every version, its `keep` candidates with the most content in common per other
/// language (and every pair an explicit key links).
fn prune(
    profiles: &[Profile],
    cands: Vec<Pair>,
    content: &[f64],
    forced: &[Pair],
    keep: usize,
) -> Vec<Pair> {
    // Every candidate twice, under each side's (statement, other language), sorted by that key
    // and then by content (best first, ties by candidate order): each key's first `keep` stay.
    let lang = |s: usize| profiles[s].lang.expect("eligible") as u64;
    let mut entries: Vec<(u64, usize)> = cands
        .par_iter()
        .enumerate()
        .flat_map_iter(|(x, &(a, b))| {
            [
                (((a as u64) << 3) | lang(b), x),
                (((b as u64) << 3) | lang(a), x),
            ]
        })
        .collect();
    entries.par_sort_unstable_by(|p, q| {
        p.0.cmp(&q.0)
            .then(content[q.1].total_cmp(&content[p.1]))
            .then(p.1.cmp(&q.1))
    });
    let mut kept = vec![false; cands.len()];
    let mut run = (u64::MAX, 0);
    for &(key, x) in &entries {
        if key != run.0 {
            run = (key, 0);
        }
        if run.1 < keep {
            kept[x] = true;
        }
        run.1 += 1;
    }
    let forced: BTreeSet<Pair> = forced.iter().copied().collect();
    cands
        .into_iter()
        .zip(kept)
        .filter(|(p, k)| *k || forced.contains(p))
        .map(|(p, _)| p)
        .collect()
}

/// Pairs that are each other's most probable candidate in the other's language, with at least
/// `min` probability.
fn mutual_best(
    profiles: &[Profile],
    cands: &[Pair],
    probs: &[f64],
    comps: &Comps,
    min: f64,
) -> Vec<Pair> {
    let best = |s: usize, l: Lang| -> Option<usize> {
        comps
            .get(&(s, l))?
            .iter()
            .copied()
            .max_by(|&x, &y| probs[x].total_cmp(&probs[y]).then(cands[y].cmp(&cands[x])))
    };
    cands
        .iter()
        .enumerate()
        .filter(|&(x, &(a, b))| {
            probs[x] >= min
                && best(a, profiles[b].lang.expect("eligible")) == Some(x)
                && best(b, profiles[a].lang.expect("eligible")) == Some(x)
        })
        .map(|(_, &p)| p)
        .collect()
}

/// Competitors of each side of a positive kept as negatives.
const MAX_NEGATIVES: usize = 12;

/// Training samples: every positive, and every competitor of either side of a positive as a
/// negative (one version per language: the positive excludes them).
fn samples(
    profiles: &[Profile],
    cands: &[Pair],
    fixed: &features::FixedFeatures,
    rounds: &[features::Round],
    positives: &[Pair],
    comps: &Comps,
) -> Vec<(Vector, bool)> {
    // Candidates are sorted: a positive's index is found by binary search.
    let pos: BTreeSet<usize> = positives
        .iter()
        .filter_map(|p| cands.binary_search(p).ok())
        .collect();
    let mut neg: BTreeSet<usize> = BTreeSet::new();
    for &x in &pos {
        let (a, b) = cands[x];
        for key in [
            (a, profiles[b].lang.expect("eligible")),
            (b, profiles[a].lang.expect("eligible")),
        ] {
            // The hardest competitors (most content in common) teach the most; the rest of a
            // busy window adds cost, not information.
            let mut comp: Vec<usize> = comps
                .get(&key)
                .map(Vec::as_slice)
                .unwrap_or(&[])
                .iter()
                .copied()
                .filter(|y| !pos.contains(y))
                .collect();
            comp.sort_by(|&p, &q| {
                rounds[q]
                    .content
                    .total_cmp(&rounds[p].content)
                    .then(p.cmp(&q))
            });
            neg.extend(comp.into_iter().take(MAX_NEGATIVES));
        }
    }
    // A model of a few weights needs no more than a couple of hundred thousand samples: larger
    // corpora take every n-th positive and negative (in candidate order, so deterministically).
    let stride = (pos.len() + neg.len()).div_ceil(MAX_FIT_SAMPLES).max(1);
    pos.iter()
        .step_by(stride)
        .map(|&x| (features::vector_at(fixed, x, &rounds[x]), true))
        .chain(
            neg.iter()
                .step_by(stride)
                .map(|&x| (features::vector_at(fixed, x, &rounds[x]), false)),
        )
        .collect()
}

/// Samples the model is fitted on at most (see [`samples`]).
const MAX_FIT_SAMPLES: usize = 200_000;

/// A training pair of Model 1: the source and target stems that are not function words.
type TrainPair = (Vec<u64>, Vec<u64>);

/// Trains an IBM Model 1 lexicon per language pair on the paragraphs of confident pairs whose
/// versions have as many paragraphs (paragraph i against paragraph i, where the lengths agree)
/// and on their titles. Capped per pair, in a fixed order. Stems in more than
/// `cfg.max_stem_share` of a language's statements (function words: `the`, `de`, `и`) are left
/// out: they take most of a paragraph pair's cells (the product of its lengths) and the
/// content's cosine weighs them near zero, so the cap covers more paragraphs of content words.
fn train_lexicons(
    profiles: &[Profile],
    para: &[Vec<SegFeatures>],
    positives: &[Pair],
    idf: &features::Idf,
    cfg: &GroupConfig,
) -> Lexicons {
    let keep = |l: Lang, stems: &[u64]| -> Vec<u64> {
        stems
            .iter()
            .copied()
            .filter(|&s| idf.stem_share(l, s) <= cfg.max_stem_share)
            .collect()
    };
    let mut data: BTreeMap<(Lang, Lang), Vec<TrainPair>> = BTreeMap::new();
    let mut cells: BTreeMap<(Lang, Lang), usize> = BTreeMap::new();
    for &(a, b) in positives {
        let (pa, pb) = (&profiles[a], &profiles[b]);
        let (Some(la), Some(lb)) = (pa.lang, pb.lang) else {
            continue;
        };
        let key = (la, lb);
        let c = cells.entry(key).or_insert(0);
        if *c >= cfg.max_train_cells {
            continue;
        }
        let d = data.entry(key).or_default();
        let (s, t) = (keep(la, &pa.title_stems), keep(lb, &pb.title_stems));
        if !s.is_empty() && !t.is_empty() {
            *c += s.len() * t.len();
            d.push((s, t));
        }
        if para[a].len() == para[b].len() {
            for (i, (fs, ft)) in para[a].iter().zip(&para[b]).enumerate() {
                let (ca, cb) = (
                    pa.para_chars[i].max(1) as f64,
                    pb.para_chars[i].max(1) as f64,
                );
                if (cb / ca).ln().abs() > 0.7 {
                    continue;
                }
                let (s, t) = (keep(la, &fs.stems), keep(lb, &ft.stems));
                if s.is_empty() || t.is_empty() || s.len() * t.len() > 10_000 {
                    continue;
                }
                *c += s.len() * t.len();
                d.push((s, t));
            }
        }
    }
    // Language pairs are independent: trained side by side, collected in pair order.
    let data: Vec<((Lang, Lang), Vec<TrainPair>)> = data.into_iter().collect();
    data.par_iter()
        .map(|(k, pairs)| {
            let pairs: Vec<(&[u64], &[u64])> = pairs
                .iter()
                .map(|(s, t)| (s.as_slice(), t.as_slice()))
                .collect();
            (*k, train_model1(&pairs, 5, 0.2))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect()
}

/// Builds the groups: components of the links, copies attached to their kept statement, the
/// evidence of every link and the best outside candidates.
fn build_groups(
    statements: &[Statement],
    profiles: &[Profile],
    deduped: &dedup::Deduped,
    cands: &[Pair],
    scored: &Scored,
    a: &assign::Assignment,
) -> Vec<Group> {
    let mut members: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for &k in &deduped.kept {
        members.entry(a.comp[k]).or_default().push(k);
    }
    let mut links_of: BTreeMap<usize, Vec<&assign::Link>> = BTreeMap::new();
    for l in &a.links {
        links_of.entry(a.comp[l.pair.0]).or_default().push(l);
    }
    let mut dups_of: BTreeMap<usize, Vec<Duplicate>> = BTreeMap::new();
    for d in &deduped.duplicates {
        dups_of.entry(a.comp[d.kept]).or_default().push(d.clone());
    }
    let comps = competitors(profiles, cands);
    // Languages of every group, to tell whether a candidate's group could join another.
    let langs_of = a.group_langs(profiles);
    let mut groups = Vec::with_capacity(members.len());
    for (root, mut mem) in members {
        mem.sort_unstable();
        let mut versions = BTreeMap::new();
        let mut promised = BTreeSet::new();
        for &k in &mem {
            if let Some(l) = statements[k].lang {
                versions.insert(l, k);
            }
            promised.extend(statements[k].promised());
        }
        let mut duplicates = dups_of.remove(&root).unwrap_or_default();
        duplicates.sort_by_key(|d| (d.kept, d.copy));
        for d in &duplicates {
            promised.extend(statements[d.copy].promised());
        }
        let mut evidence: Vec<Evidence> = links_of
            .get(&root)
            .map(Vec::as_slice)
            .unwrap_or(&[])
            .iter()
            .map(|l| link_evidence(statements, profiles, cands, scored, &comps, l))
            .collect();
        evidence.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        let candidates = outside_candidates(profiles, cands, scored, &comps, &mem, a, &langs_of);
        groups.push(Group {
            id: String::new(),
            versions,
            duplicates,
            promised,
            evidence,
            candidates,
        });
    }
    groups
}

/// The best competitor of `s` in language `l` other than candidate `except`.
fn runner_up(
    statements: &[Statement],
    cands: &[Pair],
    probs: &[f64],
    comps: &Comps,
    s: usize,
    l: Lang,
    except: Option<usize>,
) -> Option<Alternative> {
    let x = comps
        .get(&(s, l))?
        .iter()
        .copied()
        .filter(|&x| Some(x) != except)
        .max_by(|&x, &y| probs[x].total_cmp(&probs[y]).then(cands[y].cmp(&cands[x])))?;
    let (a, b) = cands[x];
    let other = if a == s { b } else { a };
    Some(Alternative {
        of: statements[s].id.clone(),
        statement: statements[other].id.clone(),
        lang: l,
        probability: round4(probs[x]),
    })
}

fn round4(x: f64) -> f64 {
    (x * 1e4).round() / 1e4
}

fn link_evidence(
    statements: &[Statement],
    profiles: &[Profile],
    cands: &[Pair],
    scored: &Scored,
    comps: &Comps,
    l: &assign::Link,
) -> Evidence {
    let (i, j) = l.pair;
    let (li, lj) = (
        profiles[i].lang.expect("eligible"),
        profiles[j].lang.expect("eligible"),
    );
    let parts = match l.cand {
        Some(x) => scored
            .model
            .contributions(&scored.vector(x))
            .into_iter()
            .map(|(n, v)| (n, round4(v)))
            .collect(),
        None => vec![("explicit-id".to_string(), 1.0)],
    };
    let runners_up = [
        runner_up(statements, cands, &scored.probs, comps, i, lj, l.cand),
        runner_up(statements, cands, &scored.probs, comps, j, li, l.cand),
    ]
    .into_iter()
    .flatten()
    .collect();
    Evidence {
        a: statements[i].id.clone(),
        b: statements[j].id.clone(),
        score: round4(l.prob),
        parts,
        runners_up,
        decision: None,
    }
}

/// A candidate is listed for a group when at least this probable …
const LISTED: f64 = 0.05;
/// … or, free to join the group and preferring it ([`GroupCandidate::mutual`]), at least this.
const LISTED_MUTUAL: f64 = 0.005;

/// Per language absent from a group: its most probable candidate among the members'
/// candidates (at least [`LISTED`] probable, or [`LISTED_MUTUAL`] when mutual), and the most
/// probable of those free to join when that is another.
fn outside_candidates(
    profiles: &[Profile],
    cands: &[Pair],
    scored: &Scored,
    comps: &Comps,
    mem: &[usize],
    a: &assign::Assignment,
    langs_of: &MixMap<usize, u8>,
) -> Vec<GroupCandidate> {
    let langs: BTreeSet<Lang> = mem.iter().filter_map(|&k| profiles[k].lang).collect();
    let own = profile::lang_mask(langs.iter().copied());
    // The languages of the group a statement is in.
    let group_mask = |s: usize| langs_of.get(&a.comp[s]).copied().unwrap_or(0);
    let unassigned = |s: usize| group_mask(s) & own == 0;
    // `other` prefers `k` to every candidate in k's language that is free to join it (in a
    // group without other's language).
    let prefers = |other: usize, k: usize| -> bool {
        let lo = profile::lang_mask([profiles[other].lang.expect("eligible")]);
        let lk = profiles[k].lang.expect("eligible");
        let mut best: Option<(f64, usize)> = None;
        for &y in comps.get(&(other, lk)).map(Vec::as_slice).unwrap_or(&[]) {
            let (u, v) = cands[y];
            let t = if u == other { v } else { u };
            if group_mask(t) & lo != 0 {
                continue;
            }
            let p = scored.probs[y];
            if best.is_none_or(|(bp, bt)| p > bp || (p == bp && t < bt)) {
                best = Some((p, t));
            }
        }
        best.is_some_and(|(_, t)| t == k)
    };
    // Per language: the most probable candidate, and the most probable of those free to join
    // (the audit asks whether one of these is plausible; the most probable may be taken).
    type Best = BTreeMap<Lang, (f64, usize, bool)>;
    let (mut best, mut best_free): (Best, Best) = (BTreeMap::new(), BTreeMap::new());
    let better =
        |e: &(f64, usize, bool), p: f64, other: usize| p > e.0 || (p == e.0 && other < e.1);
    for &k in mem {
        for l in Lang::ALL {
            if langs.contains(&l) {
                continue;
            }
            for &x in comps.get(&(k, l)).map(Vec::as_slice).unwrap_or(&[]) {
                let p = scored.probs[x];
                if p < LISTED_MUTUAL {
                    continue;
                }
                let (u, v) = cands[x];
                let other = if u == k { v } else { u };
                let free = unassigned(other);
                let mutual = free && prefers(other, k);
                if p < LISTED && !mutual {
                    continue;
                }
                for (map, on) in [(&mut best, true), (&mut best_free, free)] {
                    if !on {
                        continue;
                    }
                    let e = map.entry(l).or_insert((p, other, mutual));
                    if better(e, p, other) {
                        *e = (p, other, mutual);
                    }
                }
            }
        }
    }
    let mut out = Vec::new();
    for (l, (p, s, mutual)) in best {
        let mut push = |p: f64, s: usize, mutual: bool| {
            out.push(GroupCandidate {
                statement: s,
                lang: l,
                probability: round4(p),
                unassigned: unassigned(s),
                mutual,
            })
        };
        push(p, s, mutual);
        if let Some(&(pf, sf, mf)) = best_free.get(&l).filter(|f| f.1 != s) {
            push(pf, sf, mf);
        }
    }
    out
}

/// For every eligible statement left without a partner: its best candidate and why it was not
/// linked.
fn rejected(
    statements: &[Statement],
    cands: &[Pair],
    scored: &Scored,
    a: &assign::Assignment,
) -> Vec<Evidence> {
    let mut size: MixMap<usize, usize> = MixMap::default();
    for &c in &a.comp {
        *size.entry(c).or_default() += 1;
    }
    let blocked: MixMap<usize, assign::Blocked> = a.blocked.iter().copied().collect();
    let mut best: BTreeMap<usize, usize> = BTreeMap::new();
    for (x, &(i, j)) in cands.iter().enumerate() {
        for s in [i, j] {
            if size.get(&a.comp[s]).copied().unwrap_or(1) > 1 {
                continue;
            }
            let e = best.entry(s).or_insert(x);
            if scored.probs[x] > scored.probs[*e] {
                *e = x;
            }
        }
    }
    let mut out: Vec<Evidence> = best
        .into_values()
        .collect::<BTreeSet<usize>>()
        .into_iter()
        .filter(|&x| scored.probs[x] >= 0.05)
        .map(|x| {
            let (i, j) = cands[x];
            let decision = match blocked.get(&x) {
                Some(assign::Blocked::Language(l)) => format!("language-taken ({l})"),
                Some(assign::Blocked::Inconsistent) => "inconsistent".to_string(),
                None => "below-threshold".to_string(),
            };
            Evidence {
                a: statements[i].id.clone(),
                b: statements[j].id.clone(),
                score: round4(scored.probs[x]),
                parts: scored
                    .model
                    .contributions(&scored.vector(x))
                    .into_iter()
                    .map(|(n, v)| (n, round4(v)))
                    .collect(),
                runners_up: Vec::new(),
                decision: Some(decision),
            }
        })
        .collect();
    out.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::anchors::translit;

    #[test]
    fn function_words_do_not_use_up_the_lexicon_training_cap() {
        // 40 English/French pairs of one paragraph: five function words in every statement, one
        // word of its own, and `treaty`/`traité` in the last ten. With the function words, the
        // cap (600 cells, 36 a pair) ends after 17 pairs; without them, every pair is trained
        // and the content word pair is learnt. The function words are never in the lexicon.
        let word = |i: usize| {
            format!(
                "kx{}{}",
                (b'a' + (i / 26) as u8) as char,
                (b'a' + (i % 26) as u8) as char
            )
        };
        let mut statements = Vec::new();
        for (lang, fw, tr) in [
            (Lang::En, "the of and to in", "treaty"),
            (Lang::Fr, "le de et à dans", "traité"),
        ] {
            for i in 0..40 {
                let mut text = format!("{fw} {}wordsx", word(i));
                if i >= 30 {
                    text = format!("{text} {tr}");
                }
                statements.push(Statement {
                    lang: Some(lang),
                    ..Statement::plain(&format!("{lang:?}{i}"), "", &[&text])
                });
            }
        }
        let para: Vec<Vec<SegFeatures>> = statements
            .iter()
            .map(crate::align::features::paragraphs)
            .collect();
        let profiles = profile::profiles(&statements, Some(&para));
        let kept: Vec<usize> = (0..statements.len()).collect();
        let idf = features::Idf::new(&profiles, &kept);
        let positives: Vec<Pair> = (0..40).map(|i| (i, 40 + i)).collect();
        let stem = |w: &str| crate::align::features::extract(w).stems[0];
        let learnt = |share: f64, s: &str, t: &str| {
            let cfg = GroupConfig {
                max_train_cells: 600,
                max_stem_share: share,
                ..GroupConfig::default()
            };
            let lexicons = train_lexicons(&profiles, &para, &positives, &idf, &cfg);
            let lex = &lexicons[&(Lang::En, Lang::Fr)];
            let (src, tgt) = (lex.src.get(&stem(s)), lex.tgt.get(&stem(t)));
            matches!((src, tgt), (Some(a), Some(b)) if a.iter().any(|id| b.contains(id)))
        };
        assert!(learnt(0.5, "treaty", "traité"));
        assert!(!learnt(1.0, "treaty", "traité"));
        assert!(!learnt(0.5, "the", "le"));
    }

    #[test]
    fn an_undated_copy_without_its_original_stands_alone_under_given_statistics() {
        // A dated English statement, its French version a day later, and an undated English
        // copy of the English one (an embassy's republication).
        let en_text = "The Foreign Ministers of Ruritania and Freedonia signed 14 agreements in \
                       Strelsau on 12 May 2020, worth 380 million euros, and agreed to meet \
                       again in Fenwick in 2021.";
        let fr_text = "Les ministres des Affaires étrangères de Ruritanie et de Freedonie ont \
                       signé 14 accords à Strelsau le 12 mai 2020, d'une valeur de 380 millions \
                       d'euros, et sont convenus de se revoir à Fenwick en 2021.";
        let date = |d| crate::model::Date::new(2020, 5, d);
        let st = |id: &str, lang, day: Option<u8>, title: &str, text: &str| Statement {
            lang: Some(lang),
            date: day.and_then(date),
            ..Statement::plain(id, title, &[text])
        };
        let en = st(
            "m1.txt#main",
            Lang::En,
            Some(12),
            "Agreements signed",
            en_text,
        );
        let fr = st("m2.txt#main", Lang::Fr, Some(13), "Accords signés", fr_text);
        let copy = st("e1.txt#main", Lang::En, None, "Agreements signed", en_text);
        let whole = group_with(
            &[en, fr.clone(), copy.clone()],
            &GroupConfig {
                keep_stats: true,
                ..GroupConfig::default()
            },
        );
        let stats = whole.stats.expect("kept");
        assert_eq!(
            stats.copies,
            [("e1.txt#main".to_string(), "m1.txt#main".to_string())]
        );
        // A file written before dated copies were listed names the field `undated_copies`.
        let json = serde_json::to_string(&stats).expect("serialises");
        let old: GroupStats =
            serde_json::from_str(&json.replace("\"copies\"", "\"undated_copies\""))
                .expect("reads the older name");
        assert_eq!(old.copies, stats.copies);
        // A window without the original: under the statistics the copy stands alone; learning
        // alone, the window links it with the French version.
        let window = [fr, copy];
        let copy_group_size = |g: &Grouping| {
            g.groups
                .iter()
                .find(|g| g.versions.values().any(|&k| window[k].id == "e1.txt#main"))
                .map(|g| g.versions.len())
        };
        let given = group_given(&window, &GroupConfig::default(), &stats);
        assert_eq!(copy_group_size(&given), Some(1));
        let own = group_with(&window, &GroupConfig::default());
        assert_eq!(copy_group_size(&own), Some(2));
    }

    #[test]
    fn transliteration() {
        assert_eq!(translit("Лавров"), "lavrov");
        assert_eq!(translit("Pejčinović Burić"), "pejcinovic buric");
        assert_eq!(
            slug("Foreign Minister’s remarks, Sochi", 20),
            "foreign-minister-s-r"
        );
    }
}
