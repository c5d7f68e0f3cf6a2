//! Alignment of two language versions (paragraphs or sentences) by dynamic programming, and the
//! N-way merge of pairwise alignments around a pivot ([`nway`]).
//!
//! The pairwise aligner scores a bead (a source span against a target span) by
//!
//! * a Gale & Church length model: δ = (l₂ − c·l₁) / √(s²·l̄), cost −ln P(|Δ| ≥ |δ|), with the
//!   ratio c and variance s² estimated per language pair from the data being aligned;
//! * bead-shape priors, re-estimated per language pair from the first pass;
//! * shared anchors ([`features`]): numbers, cognates and names compared after transliteration,
//!   acronyms, URLs, punctuation and list markers, each weighted by how rare it is in the
//!   document (ln(1 + N/df)), minus the weight expected by chance for spans of that many keys
//!   (estimated on off-diagonal segment pairs), so that merging segments gains nothing by itself;
//! * from the second pass on, a lexicon learned by IBM Model 1 on the confident 1-1 beads of
//!   the first pass over all jobs of the language pair ([`lexicon`]), plus an optional user
//!   dictionary.
//!
//! The search ([`dp`]) is exact on small inputs and banded around a coarse path (recursive
//! halving) on long ones, so time and memory are linear in the document length. Every bead's
//! score is its posterior probability (forward–backward over the same lattice).

pub mod dp;
pub mod features;
pub mod level;
pub mod lexicon;
pub mod nway;
pub mod score;

use std::collections::{BTreeMap, HashMap};
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;

use crate::anchors::IdMap;

use crate::model::{Bead, Lang};
use features::{SegFeatures, NUM_KINDS};
pub use lexicon::Lexicon;

/// A user dictionary for one language pair (hunalign `.dic`: `target @ source` per line).
#[derive(Clone, Debug)]
pub struct Dictionary {
    /// (source, target) languages the entries are written for; jobs of the reverse direction
    /// use the entries reversed. `None`: applies to every job.
    pub langs: Option<(Lang, Lang)>,
    pub lexicon: Lexicon,
}

impl Dictionary {
    /// Loads a hunalign `.dic` file for the given (source, target) languages.
    pub fn load(path: &std::path::Path, langs: Option<(Lang, Lang)>) -> anyhow::Result<Self> {
        Ok(Dictionary {
            langs,
            lexicon: lexicon::load_hunalign_dic(path)?,
        })
    }

    fn for_job(&self, src: Lang, tgt: Lang) -> Option<Lexicon> {
        match self.langs {
            None => Some(self.lexicon.clone()),
            Some((s, t)) if s == src && t == tgt => Some(self.lexicon.clone()),
            Some((s, t)) if s == tgt && t == src => Some(Lexicon {
                src: self.lexicon.tgt.clone(),
                tgt: self.lexicon.src.clone(),
                pairs: self.lexicon.pairs,
            }),
            _ => None,
        }
    }
}

/// Aligner settings.
#[derive(Clone, Debug)]
pub struct AlignConfig {
    /// Allowed bead shapes (source count, target count). Default: 0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
    /// 1-3, 3-1. When 0-1 or 1-0 is missing it is still used, at a prohibitive cost, so that
    /// every alignment stays complete.
    pub beads: Vec<(usize, usize)>,
    /// Optional user dictionary.
    pub dictionary: Option<Arc<Dictionary>>,
    /// Learn a lexicon from a first pass and realign (Moore 2002). Default true.
    pub learn_lexicon: bool,
    /// Number of alignment passes: the first uses length and anchors only, each further one
    /// re-estimates parameters and the lexicon from the previous one. Default 2.
    pub passes: usize,
    /// Half-width of the search band around the projected coarse path (segments). Default 6.
    pub band: usize,
    /// Inputs with at most this many lattice cells are aligned exactly (no band).
    pub exact_cells: usize,
    /// Temperature of the posterior used for bead scores (1 = costs read as nats).
    pub temperature: f64,
    /// Weight of anchor/lexicon evidence against the length model. Default 1.
    pub evidence_weight: f64,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            beads: vec![
                (0, 1),
                (1, 0),
                (1, 1),
                (1, 2),
                (2, 1),
                (2, 2),
                (1, 3),
                (3, 1),
            ],
            dictionary: None,
            learn_lexicon: true,
            passes: 2,
            band: 6,
            exact_cells: 400_000,
            temperature: 1.0,
            evidence_weight: 1.0,
        }
    }
}

/// One document pair to align: the segments of each side, as texts ([`PairJob`]) or as
/// features ([`FeatureJob`]).
#[derive(Clone, Debug)]
pub struct Job<'a, T: ?Sized> {
    pub src_lang: Lang,
    pub tgt_lang: Lang,
    pub src: Vec<&'a T>,
    pub tgt: Vec<&'a T>,
}

/// One document pair to align, given by its texts.
pub type PairJob<'a> = Job<'a, str>;

/// One document pair given by the features of its segments ([`features::extract`]), so that a
/// segment shared by several jobs (a pivot paragraph aligned to four languages) is featurised
/// once.
pub type FeatureJob<'a> = Job<'a, SegFeatures>;

/// Length statistics of a language pair learned from the data: target chars ≈ ratio × source
/// chars, with variance `var` per source char (Gale & Church's c and s²).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LengthStats {
    pub ratio: f64,
    pub var: f64,
    /// Number of confident 1-1 beads the estimate rests on (0: defaults).
    pub support: usize,
}

/// Result of aligning a whole corpus of document pairs.
#[derive(Clone, Debug, Default)]
pub struct CorpusAlignment {
    /// Beads per job, in job order; monotone and complete.
    pub beads: Vec<Vec<Bead>>,
    /// Length statistics learned per (source, target) language pair.
    pub stats: BTreeMap<(Lang, Lang), LengthStats>,
    /// Size of the lexicon learned per language pair (word pairs).
    pub lexicon_pairs: BTreeMap<(Lang, Lang), usize>,
    /// What was learned per language pair (or given): [`LevelStats`].
    pub learned: LevelStats,
}

/// What the aligner learns from the jobs of one language pair, and all a job's beads depend on
/// besides its own segments: which jobs form the learning sample, and the model (and lexicon)
/// of every pass. Given back ([`align_features_given`]), a part of the corpus is aligned as the
/// whole corpus aligns it: the statistics shared by the windows of a sharded run.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct PairStats {
    /// The learning sample: the jobs whose [`sample_key`] is a multiple of this (1: every job;
    /// 0: no sample, a single pass).
    pub stride: usize,
    /// Each pass's model, in order, with its lexicon (the first pass uses the user dictionary
    /// only: an empty one).
    pub passes: Vec<(Model, Lexicon)>,
    pub stats: LengthStats,
    pub lexicon_pairs: usize,
}

/// [`PairStats`] of every language pair of one level (source, target, statistics).
pub type LevelStats = Vec<(Lang, Lang, PairStats)>;

/// What the aligner learned from a corpus: per level, per language pair ([`PairStats`]).
/// `sentence` is empty when the run aligned paragraphs only.
#[derive(Clone, Debug, Default, serde::Serialize, serde::Deserialize)]
pub struct AlignStats {
    /// The pivot of the run (given, or the language present in most groups).
    pub pivot: Option<Lang>,
    /// Languages in the order a group's own pivot is chosen when it lacks the run's (pivot
    /// first, then by the number of groups with the language).
    pub order: Vec<Lang>,
    pub paragraph: LevelStats,
    pub sentence: LevelStats,
    /// The audit's sentence alignment inside paragraph units (its evidence for hidden
    /// omissions), learned over every unit of a language pair.
    pub audit: LevelStats,
}

/// Gale & Church's prior probability of a bead shape (extended to 1-3/3-1 and beyond).
fn default_prior(a: usize, b: usize) -> f64 {
    match (a, b) {
        (1, 1) => 0.89,
        (1, 0) | (0, 1) => 0.01,
        (2, 1) | (1, 2) => 0.03,
        (2, 2) => 0.011,
        (3, 1) | (1, 3) => 0.003,
        _ => 0.0005,
    }
}

/// Per-kind weight of a shared key (multiplies its rarity weight).
const KIND_WEIGHT: [f64; NUM_KINDS] = [
    1.0, // Number
    0.5, // SmallNumber
    0.6, // Cognate
    1.0, // Acronym
    1.0, // Url
    0.4, // Punct
    0.7, // Lexicon
];

/// Everything the cost of a bead depends on, for one language pair and pass.
#[derive(Clone, Debug, serde::Serialize, serde::Deserialize)]
pub struct Model {
    beads: Vec<(usize, usize)>,
    prior_cost: Vec<f64>,
    ratio: f64,
    var: f64,
    beta: f64,
    /// Chance evidence ρ·(na·nb)^γ (see [`chance`]).
    rho: f64,
    gamma: f64,
    band: usize,
    exact_cells: usize,
    temperature: f64,
}

/// A document pair's level-0 evidence for one pass.
struct Prepared {
    /// Prefix sums of lengths.
    ls: Vec<f64>,
    lt: Vec<f64>,
    /// Weighted keys (id, weight) sorted by id; only keys present on both sides.
    ks: Vec<Vec<(u32, f32)>>,
    kt: Vec<Vec<(u32, f32)>>,
    /// Prefix sums of heading counts.
    hs: Vec<f64>,
    ht: Vec<f64>,
}

fn prefix(v: impl Iterator<Item = f64>) -> Vec<f64> {
    let mut out = vec![0.0];
    let mut acc = 0.0;
    for x in v {
        acc += x;
        out.push(acc);
    }
    out
}

/// A lexicon's stem → key-id tables with [`crate::anchors::IdHasher`], built once per pass: every stem of every
/// segment is looked up.
pub(crate) struct LexIndex {
    pub(crate) src: IdMap<Vec<u64>>,
    pub(crate) tgt: IdMap<Vec<u64>>,
}

impl LexIndex {
    pub(crate) fn new(lex: &Lexicon) -> LexIndex {
        let copy = |m: &HashMap<u64, Vec<u64>>| m.iter().map(|(k, v)| (*k, v.clone())).collect();
        LexIndex {
            src: copy(&lex.src),
            tgt: copy(&lex.tgt),
        }
    }

    /// Lexicon keys of a segment, as [`Lexicon::keys`].
    fn extend_keys(&self, stems: &[u64], src: bool, out: &mut Vec<features::Key>) {
        let map = if src { &self.src } else { &self.tgt };
        for s in stems {
            if let Some(ids) = map.get(s) {
                out.extend(
                    ids.iter()
                        .map(|&id| features::Key::new(id, features::KeyKind::Lexicon)),
                );
            }
        }
    }
}

fn prepare(src: &[&SegFeatures], tgt: &[&SegFeatures], lex: Option<&LexIndex>) -> Prepared {
    let with_lex = |f: &SegFeatures, is_src: bool| -> Vec<features::Key> {
        let mut k = f.keys.clone();
        if let Some(l) = lex {
            l.extend_keys(&f.stems, is_src, &mut k);
            k.sort_unstable();
        }
        k
    };
    let ks: Vec<Vec<features::Key>> = src.iter().map(|f| with_lex(f, true)).collect();
    let kt: Vec<Vec<features::Key>> = tgt.iter().map(|f| with_lex(f, false)).collect();
    // Document frequency of every key on each side, then the rarity weight of each key
    // present on both, computed once per key.
    let mut df: IdMap<(u32, u32)> = IdMap::default();
    for (side, is_src) in [(&ks, true), (&kt, false)] {
        for seg in side {
            let mut last = None;
            for k in seg {
                if last != Some(k.id) {
                    let e = df.entry(k.id).or_insert((0, 0));
                    if is_src {
                        e.0 += 1;
                    } else {
                        e.1 += 1;
                    }
                    last = Some(k.id);
                }
            }
        }
    }
    let n = (src.len() + tgt.len()) as f64 / 2.0;
    let rarity: IdMap<f64> = df
        .into_iter()
        .filter(|(_, (s, t))| *s > 0 && *t > 0)
        .map(|(id, (s, t))| (id, (1.0 + n / s.max(t) as f64).ln()))
        .collect();
    let weigh = |side: &[Vec<features::Key>]| -> Vec<Vec<(u32, f32)>> {
        side.iter()
            .map(|seg| {
                seg.iter()
                    .filter_map(|k| {
                        let w = KIND_WEIGHT[k.kind() as usize] * rarity.get(&k.id)?;
                        // 32-bit ids halve memory; a rare collision only adds one spurious match.
                        Some((fold_id(k.id), w as f32))
                    })
                    .collect::<Vec<(u32, f32)>>()
                    .tap_sort()
            })
            .collect()
    };
    Prepared {
        ls: prefix(src.iter().map(|f| f.chars as f64)),
        lt: prefix(tgt.iter().map(|f| f.chars as f64)),
        ks: weigh(&ks),
        kt: weigh(&kt),
        hs: prefix(src.iter().map(|f| f.headings as f64)),
        ht: prefix(tgt.iter().map(|f| f.headings as f64)),
    }
}

/// Folds a 64-bit key hash to 32 bits.
#[inline]
fn fold_id(id: u64) -> u32 {
    (id ^ (id >> 32)) as u32
}

trait TapSort {
    fn tap_sort(self) -> Self;
}

impl TapSort for Vec<(u32, f32)> {
    fn tap_sort(mut self) -> Self {
        self.sort_unstable_by_key(|k| k.0);
        self
    }
}

/// −ln erfc(x) for x ≥ 0 (Numerical Recipes' erfcc, relative error < 1.2e-7), computed in log
/// space so the tail never underflows.
fn neg_ln_erfc(x: f64) -> f64 {
    let z = x.abs();
    let t = 1.0 / (1.0 + 0.5 * z);
    let poly = -z * z - 1.265_512_23
        + t * (1.000_023_68
            + t * (0.374_091_96
                + t * (0.096_784_18
                    + t * (-0.186_288_06
                        + t * (0.278_868_07
                            + t * (-1.135_203_98
                                + t * (1.488_515_87 + t * (-0.822_152_23 + t * 0.170_872_77))))))));
    -(t.ln() + poly)
}

impl Model {
    /// Gale & Church length cost of aligning l1 source chars with l2 target chars:
    /// −ln P(|Δ| ≥ |δ|) under a scale mixture of normals, (1−ε)·N(0,1) + ε·N(0,k²). The broad
    /// component keeps the cost of rare but real length outliers (tables, paraphrases,
    /// untranslated passages) bounded, so anchors can still pull them together.
    #[inline]
    fn length_cost(&self, l1: f64, l2: f64) -> f64 {
        const EPS: f64 = 0.05;
        const K: f64 = 5.0;
        const STEP: f64 = 0.01;
        const MAX: f64 = 60.0;
        static TABLE: std::sync::OnceLock<Vec<f64>> = std::sync::OnceLock::new();
        let exact = |delta: f64| {
            let narrow = (-neg_ln_erfc(delta / std::f64::consts::SQRT_2)).exp();
            let broad = (-neg_ln_erfc(delta / (K * std::f64::consts::SQRT_2))).exp();
            let p = (1.0 - EPS) * narrow + EPS * broad;
            -p.max(1e-300).ln()
        };
        // Tabulated: the cost is evaluated for every cell and bead shape.
        let table = TABLE.get_or_init(|| {
            (0..=(MAX / STEP) as usize + 1)
                .map(|k| exact(k as f64 * STEP))
                .collect()
        });
        let mean = ((l1 + l2 / self.ratio) / 2.0).max(1.0);
        let delta = ((l2 - self.ratio * l1) / (self.var * mean).sqrt()).abs();
        if delta >= MAX {
            return exact(delta);
        }
        let x = delta / STEP;
        let k = x as usize;
        let f = x - k as f64;
        table[k] * (1.0 - f) + table[k + 1] * f
    }
}

/// Expected chance evidence of a bead whose sides hold `na` and `nb` keys: ρ·(na·nb)^γ. For
/// short spans of rare keys chance matches grow with the product of the sizes (γ = 1); long
/// spans saturate (a repeated key matches at most as often as it occurs on the other side), so
/// γ is fitted on the data, per language pair and pass (see [`fit_chance`]).
#[inline]
fn chance(model: &Model, na: f64, nb: f64) -> f64 {
    let x = na * nb;
    if x <= 0.0 {
        0.0
    } else {
        model.rho * x.powf(model.gamma)
    }
}

/// [`chance`] for integer key counts, remembered: `powf` is the dearest part of a bead's cost
/// and the products na·nb repeat across the cells of a document.
struct ChanceMemo(Vec<f64>);

impl ChanceMemo {
    const SIZE: usize = 1 << 14;

    fn new() -> ChanceMemo {
        ChanceMemo(Vec::new())
    }

    #[inline]
    fn get(&mut self, model: &Model, na: usize, nb: usize) -> f64 {
        let x = na * nb;
        if x >= Self::SIZE {
            return chance(model, na as f64, nb as f64);
        }
        if x >= self.0.len() {
            // Grown on demand: most documents are short, and their products small.
            self.0.resize((x + 1).next_power_of_two(), f64::NAN);
        }
        let v = &mut self.0[x];
        if v.is_nan() {
            *v = chance(model, na as f64, nb as f64);
        }
        *v
    }
}

/// Fits ρ and γ of [`chance`] to (na·nb, shared weight) samples by least squares on log-binned
/// means (bins of doubling size; weighted by sample count).
fn fit_chance(samples: &[(f64, f64)]) -> (f64, f64) {
    let mut bins: BTreeMap<i32, (f64, f64, f64)> = BTreeMap::new();
    for &(x, w) in samples {
        if x >= 1.0 {
            let e = bins
                .entry(x.log2().floor() as i32)
                .or_insert((0.0, 0.0, 0.0));
            e.0 += x.ln();
            e.1 += w;
            e.2 += 1.0;
        }
    }
    let pts: Vec<(f64, f64, f64)> = bins
        .values()
        .filter(|b| b.1 > 0.0 && b.2 >= 3.0)
        .map(|b| (b.0 / b.2, (b.1 / b.2).ln(), b.2))
        .collect();
    let total: f64 = samples.iter().map(|s| s.0).sum();
    let shared: f64 = samples.iter().map(|s| s.1).sum();
    let linear = if total > 0.0 { shared / total } else { 0.0 };
    if pts.len() < 2 {
        return (linear, 1.0);
    }
    let sw: f64 = pts.iter().map(|p| p.2).sum();
    let mx = pts.iter().map(|p| p.0 * p.2).sum::<f64>() / sw;
    let my = pts.iter().map(|p| p.1 * p.2).sum::<f64>() / sw;
    let sxx: f64 = pts.iter().map(|p| p.2 * (p.0 - mx).powi(2)).sum();
    let sxy: f64 = pts.iter().map(|p| p.2 * (p.0 - mx) * (p.1 - my)).sum();
    if sxx <= 1e-9 {
        return (linear, 1.0);
    }
    let gamma = (sxy / sxx).clamp(0.3, 1.0);
    let rho = (my - gamma * mx).exp();
    (rho, gamma)
}

/// Cost per heading that one side of a bead has and the other lacks.
const HEADING_MISMATCH: f64 = 3.0;

/// Sum of the weights of keys shared (as multisets) by two sorted lists.
#[inline]
fn shared_weight(a: &[(u32, f32)], b: &[(u32, f32)]) -> f64 {
    // Branch-free merge: which list advances is data, not control flow (the comparisons are
    // unpredictable). Adding 0.0 for a mismatch leaves the sum bit for bit as it was.
    let (mut i, mut j) = (0, 0);
    let mut s = 0.0f64;
    while i < a.len() && j < b.len() {
        let (x, y) = (a[i].0, b[j].0);
        s += if x == y { a[i].1 as f64 } else { 0.0 };
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    s
}

/// A small direct-mapped cache of merged key lists of spans of `a` consecutive segments,
/// keyed by the span's end. The DP visits cells row by row inside a narrow band, so the spans
/// it needs are few and reused across neighbouring cells; merging on a miss is a linear
/// two-way merge. Memory stays constant instead of storing every window.
struct SpanCache {
    ends: Vec<usize>,
    lists: Vec<Vec<(u32, f32)>>,
    /// Merge scratch, kept so that misses do not allocate.
    tmp: Vec<(u32, f32)>,
}

impl SpanCache {
    /// A cache with room for `span` consecutive ends (the widest band row, for target spans).
    fn new(span: usize) -> SpanCache {
        let slots = (span + 8).next_power_of_two();
        SpanCache {
            ends: vec![usize::MAX; slots],
            lists: vec![Vec::new(); slots],
            tmp: Vec::new(),
        }
    }

    /// Merged keys of `side[end - a..end]` (a ≥ 2).
    fn get(&mut self, side: &[Vec<(u32, f32)>], end: usize) -> &[(u32, f32)] {
        let slot = end & (self.ends.len() - 1);
        if self.ends[slot] != end {
            let out = &mut self.lists[slot];
            let tmp = &mut self.tmp;
            out.clear();
            for seg in side {
                std::mem::swap(out, tmp);
                out.clear();
                let (mut x, mut y) = (0, 0);
                while x < tmp.len() && y < seg.len() {
                    if tmp[x].0 <= seg[y].0 {
                        out.push(tmp[x]);
                        x += 1;
                    } else {
                        out.push(seg[y]);
                        y += 1;
                    }
                }
                out.extend_from_slice(&tmp[x..]);
                out.extend_from_slice(&seg[y..]);
            }
            self.ends[slot] = end;
        }
        &self.lists[slot]
    }
}

/// Dimension of the signed-hash vectors used at coarse resolutions.
const DIM: usize = 64;

/// One coarse resolution of a document pair: lengths, key counts and signed-hash key vectors
/// (feature hashing: the dot product of two vectors estimates the shared key weight without
/// bias, at a cost independent of how many segments were merged).
struct Coarse {
    n: usize,
    m: usize,
    ls: Vec<f64>,
    lt: Vec<f64>,
    cs: Vec<f64>,
    ct: Vec<f64>,
    vs: Vec<f32>,
    vt: Vec<f32>,
}

fn hashed_vectors(side: &[Vec<(u32, f32)>]) -> Vec<f32> {
    let mut v = vec![0.0f32; side.len() * DIM];
    for (x, seg) in side.iter().enumerate() {
        for &(id, w) in seg {
            let h = (id as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let slot = (h >> 58) as usize;
            let sign = if (h >> 57) & 1 == 1 { 1.0 } else { -1.0 };
            v[x * DIM + slot] += sign * w.sqrt();
        }
    }
    v
}

/// Dot product of two hashed vectors, in eight interleaved partial sums (a fixed order, so
/// the value does not depend on the machine; a single running sum would serialise 64
/// dependent additions).
#[inline]
fn dot(a: &[f32], b: &[f32]) -> f32 {
    let mut acc = [0.0f32; 8];
    for (ca, cb) in a.chunks_exact(8).zip(b.chunks_exact(8)) {
        for k in 0..8 {
            acc[k] += ca[k] * cb[k];
        }
    }
    acc.iter().sum()
}

/// Halves a resolution: segment pairs (2k, 2k+1) are merged.
fn halve(prefix_vals: &[f64]) -> Vec<f64> {
    let n = prefix_vals.len() - 1;
    let h = n.div_ceil(2);
    (0..=h).map(|k| prefix_vals[(2 * k).min(n)]).collect()
}

fn halve_vec(v: &[f32], n: usize) -> Vec<f32> {
    let h = n.div_ceil(2);
    let mut out = vec![0.0f32; h * DIM];
    for x in 0..n {
        let o = (x / 2) * DIM;
        for d in 0..DIM {
            out[o + d] += v[x * DIM + d];
        }
    }
    out
}

impl Coarse {
    fn from_prepared(p: &Prepared) -> Coarse {
        let n = p.ks.len();
        let m = p.kt.len();
        Coarse {
            n,
            m,
            ls: p.ls.clone(),
            lt: p.lt.clone(),
            cs: prefix(p.ks.iter().map(|s| s.len() as f64)),
            ct: prefix(p.kt.iter().map(|s| s.len() as f64)),
            vs: hashed_vectors(&p.ks),
            vt: hashed_vectors(&p.kt),
        }
    }

    fn halve(&self) -> Coarse {
        Coarse {
            n: self.n.div_ceil(2),
            m: self.m.div_ceil(2),
            ls: halve(&self.ls),
            lt: halve(&self.lt),
            cs: halve(&self.cs),
            ct: halve(&self.ct),
            vs: halve_vec(&self.vs, self.n),
            vt: halve_vec(&self.vt, self.m),
        }
    }

    fn cost(&self, model: &Model, i: usize, j: usize, b: usize) -> f64 {
        let (a, bb) = model.beads[b];
        if a == 0 || bb == 0 {
            return model.prior_cost[b];
        }
        let l1 = self.ls[i] - self.ls[i - a];
        let l2 = self.lt[j] - self.lt[j - bb];
        let span = |v: &[f32], from: usize, to: usize| {
            let mut out = [0.0f32; DIM];
            for x in from..to {
                for (o, y) in out.iter_mut().zip(&v[x * DIM..(x + 1) * DIM]) {
                    *o += y;
                }
            }
            out
        };
        let sv = span(&self.vs, i - a, i);
        let dot = if bb == 1 {
            dot(&sv, &self.vt[(j - 1) * DIM..j * DIM])
        } else {
            dot(&sv, &span(&self.vt, j - bb, j))
        };
        let na = self.cs[i] - self.cs[i - a];
        let nb = self.ct[j] - self.ct[j - bb];
        model.prior_cost[b] + model.length_cost(l1, l2)
            - model.beta * (dot as f64 - chance(model, na, nb))
    }
}

/// Finds a path at a coarse resolution, recursively coarsening further while too large.
fn coarse_path(c: &Coarse, model: &Model) -> Vec<(usize, usize)> {
    let cells = (c.n + 1) * (c.m + 1);
    let band = if cells <= 20_000 || c.n <= 2 || c.m <= 2 {
        dp::Band::full(c.n, c.m)
    } else {
        let up = c.halve();
        let p = coarse_path(&up, model);
        dp::Band::project(&p, c.n, c.m, model.band.div_ceil(2))
    };
    let path = dp::viterbi(&band, &model.beads, |i, j, b| c.cost(model, i, j, b));
    dp::path_points(&path)
}

/// Aligns one prepared document pair; returns beads with posterior scores.
/// Half-width of the band around a previous pass's bead (segments): narrow where that bead
/// was sure, as wide as the coarse-to-fine band elsewhere.
fn prev_band_width(b: &Bead, model: &Model) -> usize {
    if b.score >= SURE_BEAD {
        SURE_BAND.min(model.band)
    } else {
        model.band
    }
}

/// A previous pass's bead at least this probable only needs a narrow band ([`SURE_BAND`]).
const SURE_BEAD: f64 = 0.9;

/// Half-width of the band around a sure bead of the previous pass.
const SURE_BAND: usize = 2;

/// Lattices of at most this many cells are searched whole even when a previous pass is known.
const PREV_BAND_CELLS: usize = 2_500;

/// Aligns one prepared document pair; returns beads with posterior scores. With the
/// alignment of a previous pass (`prev`), a long pair is searched in a band around it instead
/// of the whole lattice or a band from coarser resolutions: the new model moves few beads,
/// and only by a few segments, where the previous one was sure.
fn align_prepared(p: &Prepared, model: &Model, prev: Option<&[Bead]>) -> Vec<Bead> {
    let n = p.ks.len();
    let m = p.kt.len();
    if n == 0 || m == 0 {
        return (0..n)
            .map(|i| Bead {
                src: vec![i],
                tgt: vec![],
                score: 1.0,
            })
            .chain((0..m).map(|j| Bead {
                src: vec![],
                tgt: vec![j],
                score: 1.0,
            }))
            .collect();
    }
    let t0 = std::time::Instant::now();
    let big = n * m > 1_000_000;
    let cells = (n + 1) * (m + 1);
    let band = if let Some(prev) = prev.filter(|_| cells > PREV_BAND_CELLS) {
        let mut rects = Vec::with_capacity(prev.len());
        let (mut i, mut j) = (0, 0);
        for b in prev {
            let (i1, j1) = (i + b.src.len(), j + b.tgt.len());
            rects.push(((i, j), (i1, j1), prev_band_width(b, model)));
            (i, j) = (i1, j1);
        }
        dp::Band::around(&rects, n, m)
    } else if cells <= model.exact_cells {
        dp::Band::full(n, m)
    } else {
        let c = Coarse::from_prepared(p).halve();
        // At coarse resolutions only simple shapes are searched: the path only needs to be
        // close enough for the band, and this keeps the coarse levels cheap.
        let mut cm = model.clone();
        let keep: Vec<usize> = (0..model.beads.len())
            .filter(|&b| model.beads[b].0 + model.beads[b].1 <= 3)
            .collect();
        cm.beads = keep.iter().map(|&b| model.beads[b]).collect();
        cm.prior_cost = keep.iter().map(|&b| model.prior_cost[b]).collect();
        let path = coarse_path(&c, &cm);
        dp::Band::project(&path, n, m, model.band)
    };
    if big {
        debug(|| format!("  band {} cells in {:.2?}", band.cells(), t0.elapsed()));
    }
    let max_a = model.beads.iter().map(|b| b.0).max().unwrap_or(1);
    let max_b = model.beads.iter().map(|b| b.1).max().unwrap_or(1);
    let width = (0..=n)
        .map(|i| band.hi[i] - band.lo[i] + 1)
        .max()
        .unwrap_or(1);
    let table = dp::CostTable::build_par(&band, &model.beads, || {
        let mut cs: Vec<SpanCache> = (0..=max_a).map(|_| SpanCache::new(1)).collect();
        let mut ct: Vec<SpanCache> = (0..=max_b).map(|_| SpanCache::new(width)).collect();
        let mut memo = ChanceMemo::new();
        move |i: usize, j: usize, b: usize| {
            let (a, bb) = model.beads[b];
            if a == 0 || bb == 0 {
                return model.prior_cost[b];
            }
            let l1 = p.ls[i] - p.ls[i - a];
            let l2 = p.lt[j] - p.lt[j - bb];
            let la: &[(u32, f32)] = if a == 1 {
                &p.ks[i - 1]
            } else {
                cs[a].get(&p.ks[i - a..i], i)
            };
            let lb: &[(u32, f32)] = if bb == 1 {
                &p.kt[j - 1]
            } else {
                ct[bb].get(&p.kt[j - bb..j], j)
            };
            let w = shared_weight(la, lb);
            let (na, nb) = (la.len(), lb.len());
            let heads = ((p.hs[i] - p.hs[i - a]) - (p.ht[j] - p.ht[j - bb])).abs();
            model.prior_cost[b] + model.length_cost(l1, l2) + HEADING_MISMATCH * heads
                - model.beta * (w - memo.get(model, na, nb))
        }
    });
    if big {
        debug(|| format!("  costs in {:.2?}", t0.elapsed()));
    }
    let path = dp::viterbi(&band, &model.beads, |i, j, b| {
        table.get(band.idx(i, j).unwrap(), b)
    });
    let post = dp::posteriors(&band, &model.beads, &table, &path, model.temperature);
    if big {
        debug(|| format!("  viterbi+posteriors in {:.2?}", t0.elapsed()));
    }
    path.iter()
        .zip(post)
        .map(|(&(i, j, b), score)| {
            let (a, bb) = model.beads[b];
            Bead {
                src: (i - a..i).collect(),
                tgt: (j - bb..j).collect(),
                score,
            }
        })
        .collect()
}

/// Chance rate of shared key weight per (source key × target key): (Σ shared weight,
/// Σ |A|·|B|) over pairs of segments that are near each other but do not correspond. Near,
/// because neighbouring sentences share topic words and names; a merge of two segments
/// collects exactly such neighbour matches, so this is the rate it must beat. With a previous
/// alignment the pairs are sources of 1-1 beads against targets of 1-1 beads two and three
/// beads away; without one, pairs four and seven positions off the scaled diagonal.
fn chance_sample(p: &Prepared, prev: Option<&[Bead]>) -> Vec<(f64, f64)> {
    let n = p.ks.len();
    let m = p.kt.len();
    let mut out = Vec::new();
    let mut add = |i: usize, j: usize| {
        out.push((
            p.ks[i].len() as f64 * p.kt[j].len() as f64,
            shared_weight(&p.ks[i], &p.kt[j]),
        ));
    };
    match prev {
        Some(beads) => {
            let ones: Vec<(usize, usize)> = beads
                .iter()
                .filter(|b| b.src.len() == 1 && b.tgt.len() == 1)
                .map(|b| (b.src[0], b.tgt[0]))
                .collect();
            for k in 0..ones.len() {
                for d in [2usize, 3] {
                    if k + d < ones.len() {
                        add(ones[k].0, ones[k + d].1);
                        add(ones[k + d].0, ones[k].1);
                    }
                }
            }
        }
        None => {
            if n < 4 || m < 4 {
                return out;
            }
            for i in 0..n {
                let c = i * m / n;
                for off in [4usize, 7] {
                    if c + off < m {
                        add(i, c + off);
                    }
                    if c >= off {
                        add(i, c - off);
                    }
                }
            }
        }
    }
    out
}

fn make_model(
    cfg: &AlignConfig,
    priors: &BTreeMap<(usize, usize), f64>,
    stats: LengthStats,
) -> Model {
    let mut beads = cfg.beads.clone();
    beads.sort_unstable();
    beads.dedup();
    beads.retain(|&(a, b)| a + b > 0);
    let mut prior_cost: Vec<f64> = beads
        .iter()
        .map(|s| {
            -priors
                .get(s)
                .copied()
                .unwrap_or_else(|| default_prior(s.0, s.1))
                .ln()
        })
        .collect();
    for forced in [(0, 1), (1, 0)] {
        if !beads.contains(&forced) {
            beads.push(forced);
            prior_cost.push(1e4);
        }
    }
    Model {
        beads,
        prior_cost,
        ratio: stats.ratio,
        var: stats.var,
        beta: cfg.evidence_weight,
        rho: 0.0,
        gamma: 1.0,
        band: cfg.band.max(1),
        exact_cells: cfg.exact_cells,
        temperature: cfg.temperature,
    }
}

/// Robust length statistics from confident 1-1 beads: c = trimmed ratio of sums, s² from the
/// median squared residual (median of χ²₁ is 0.4549), shrunk towards the prior estimate when
/// support is thin.
fn estimate_stats(samples: &[(f64, f64)], prior: LengthStats) -> LengthStats {
    let mut r: Vec<(f64, f64, f64)> = samples
        .iter()
        .filter(|(a, b)| *a >= 5.0 && *b >= 5.0)
        .map(|&(a, b)| (b / a, a, b))
        .collect();
    if r.len() < 3 {
        return prior;
    }
    r.sort_by(|x, y| x.0.total_cmp(&y.0));
    let k = r.len() / 10;
    let kept = &r[k..r.len() - k];
    let (sa, sb) = kept
        .iter()
        .fold((0.0, 0.0), |acc, x| (acc.0 + x.1, acc.1 + x.2));
    let c = (sb / sa).clamp(0.2, 5.0);
    let mut res: Vec<f64> = r
        .iter()
        .map(|&(_, a, b)| {
            let mean = (a + b / c) / 2.0;
            (b - c * a).powi(2) / mean
        })
        .collect();
    res.sort_by(|x, y| x.total_cmp(y));
    let var = (res[res.len() / 2] / 0.4549).clamp(0.5, 60.0);
    let n = r.len() as f64;
    let w = n / (n + 20.0);
    LengthStats {
        ratio: w * c + (1.0 - w) * prior.ratio,
        var: w * var + (1.0 - w) * prior.var,
        support: r.len(),
    }
}

/// Aligns every job. Parameters and lexicons are learned per language pair over all jobs of
/// that pair. Deterministic whatever the thread count.
///
/// `Bead.score` is the bead's posterior probability under the aligner's model — the total
/// probability of all complete alignments (inside the search band) that contain this exact
/// bead, with P(alignment) ∝ exp(−cost / temperature). It lies in [0, 1]; it is close to 1 when
/// no competing segmentation of the neighbourhood is nearly as cheap and falls towards 0 when
/// alternatives (a different merge, a shift, an omission) are about as likely. For 1-0 and 0-1
/// beads it is the probability that the segment really has no counterpart. Filtering with a
/// minimum score therefore trades recall for precision monotonically.
pub fn align_corpus(jobs: &[PairJob<'_>], cfg: &AlignConfig) -> CorpusAlignment {
    with_features(jobs, |fjobs| align_features(fjobs, cfg))
}

/// Extracts the features of every job's segments (in parallel) and hands the feature jobs to
/// `f`.
fn with_features<R>(jobs: &[PairJob<'_>], f: impl FnOnce(&[FeatureJob<'_>]) -> R) -> R {
    let t0 = std::time::Instant::now();
    let feats: Vec<(Vec<SegFeatures>, Vec<SegFeatures>)> = jobs
        .par_iter()
        .map(|j| (features::extract_all(&j.src), features::extract_all(&j.tgt)))
        .collect();
    debug(|| format!("features: {:.2?}", t0.elapsed()));
    let fjobs: Vec<FeatureJob<'_>> = jobs
        .iter()
        .zip(&feats)
        .map(|(j, (s, t))| FeatureJob {
            src_lang: j.src_lang,
            tgt_lang: j.tgt_lang,
            src: s.iter().collect(),
            tgt: t.iter().collect(),
        })
        .collect();
    f(&fjobs)
}

/// [`align_corpus`] when only the jobs marked in `wanted` are needed: the model (length
/// statistics, bead priors, lexicon) is learned from all the jobs exactly as [`align_corpus`]
/// learns it, so every wanted job gets the beads [`align_corpus`] would give it; the others are
/// left empty, and the last pass skips them. The audit uses it for the few units it checks.
pub fn align_corpus_wanted(
    jobs: &[PairJob<'_>],
    wanted: &[bool],
    cfg: &AlignConfig,
) -> CorpusAlignment {
    align_corpus_wanted_given(jobs, wanted, cfg, None)
}

/// [`align_corpus_wanted`] under statistics learned before ([`CorpusAlignment::learned`]).
pub fn align_corpus_wanted_given(
    jobs: &[PairJob<'_>],
    wanted: &[bool],
    cfg: &AlignConfig,
    given: Option<&LevelStats>,
) -> CorpusAlignment {
    assert_eq!(jobs.len(), wanted.len(), "one flag per job");
    // Only the wanted jobs and the learning sample are ever featurised.
    let store: Vec<OnceLock<(Vec<SegFeatures>, Vec<SegFeatures>)>> =
        (0..jobs.len()).map(|_| OnceLock::new()).collect();
    let lazy = Lazy {
        jobs,
        store: &store,
        refs: (0..jobs.len()).map(|_| OnceLock::new()).collect(),
    };
    let t0 = std::time::Instant::now();
    let out = align_features_with(&lazy, Some(wanted), cfg, given);
    debug(|| {
        let made = store.iter().filter(|f| f.get().is_some()).count();
        format!(
            "featurised {made} of {} jobs, aligned in {:.2?}",
            jobs.len(),
            t0.elapsed()
        )
    });
    out
}

/// The jobs of a corpus alignment, by index: featurised up front ([`Ready`]) or on first use
/// ([`Lazy`]).
trait JobSet: Sync {
    fn count(&self) -> usize;
    fn langs(&self, k: usize) -> (Lang, Lang);
    /// Segments on each side.
    fn lens(&self, k: usize) -> (usize, usize);
    /// Characters on each side, as [`features::char_count`] counts them.
    fn chars(&self, k: usize) -> (f64, f64);
    /// The features of each side's segments.
    fn sides(&self, k: usize) -> (&[&SegFeatures], &[&SegFeatures]);
}

/// Jobs whose features were extracted beforehand.
struct Ready<'x, 'a>(&'x [FeatureJob<'a>]);

impl JobSet for Ready<'_, '_> {
    fn count(&self) -> usize {
        self.0.len()
    }
    fn langs(&self, k: usize) -> (Lang, Lang) {
        (self.0[k].src_lang, self.0[k].tgt_lang)
    }
    fn lens(&self, k: usize) -> (usize, usize) {
        (self.0[k].src.len(), self.0[k].tgt.len())
    }
    fn chars(&self, k: usize) -> (f64, f64) {
        let sum = |v: &[&SegFeatures]| v.iter().map(|f| f.chars as f64).sum::<f64>();
        (sum(&self.0[k].src), sum(&self.0[k].tgt))
    }
    fn sides(&self, k: usize) -> (&[&SegFeatures], &[&SegFeatures]) {
        (&self.0[k].src, &self.0[k].tgt)
    }
}

/// Jobs given by their texts, featurised the first time an alignment pass needs them (each
/// job by one thread: no nested parallelism inside the lock).
struct Lazy<'s, 'x, 'a> {
    jobs: &'x [PairJob<'a>],
    store: &'s [OnceLock<(Vec<SegFeatures>, Vec<SegFeatures>)>],
    refs: Vec<OnceLock<SidesOf<'s>>>,
}

/// References to a job's features, per side.
type SidesOf<'s> = (Vec<&'s SegFeatures>, Vec<&'s SegFeatures>);

impl JobSet for Lazy<'_, '_, '_> {
    fn count(&self) -> usize {
        self.jobs.len()
    }
    fn langs(&self, k: usize) -> (Lang, Lang) {
        (self.jobs[k].src_lang, self.jobs[k].tgt_lang)
    }
    fn lens(&self, k: usize) -> (usize, usize) {
        (self.jobs[k].src.len(), self.jobs[k].tgt.len())
    }
    fn chars(&self, k: usize) -> (f64, f64) {
        let sum = |v: &[&str]| {
            v.iter()
                .map(|t| features::char_count(t) as f64)
                .sum::<f64>()
        };
        (sum(&self.jobs[k].src), sum(&self.jobs[k].tgt))
    }
    fn sides(&self, k: usize) -> (&[&SegFeatures], &[&SegFeatures]) {
        let r = self.refs[k].get_or_init(|| {
            let (s, t) = self.store[k].get_or_init(|| {
                let j = &self.jobs[k];
                (
                    j.src.iter().map(|t| features::extract(t)).collect(),
                    j.tgt.iter().map(|t| features::extract(t)).collect(),
                )
            });
            (s.iter().collect(), t.iter().collect())
        });
        (&r.0, &r.1)
    }
}

/// [`align_corpus`] on precomputed features: the same alignment, bead for bead.
pub fn align_features(jobs: &[FeatureJob<'_>], cfg: &AlignConfig) -> CorpusAlignment {
    align_features_with(&Ready(jobs), None, cfg, None)
}

/// [`align_features`] under statistics learned before ([`CorpusAlignment::learned`] of a run
/// over a whole corpus, for a part of it): language pairs the statistics hold learn nothing,
/// the others learn as [`align_features`] does. With `wanted`, only the jobs marked (and the
/// learning sample) are aligned, as in [`align_corpus_wanted`].
pub fn align_features_given(
    jobs: &[FeatureJob<'_>],
    cfg: &AlignConfig,
    given: Option<&LevelStats>,
    wanted: Option<&[bool]>,
) -> CorpusAlignment {
    align_features_with(&Ready(jobs), wanted, cfg, given)
}

fn align_features_with<J: JobSet>(
    jobs: &J,
    wanted: Option<&[bool]>,
    cfg: &AlignConfig,
    given: Option<&LevelStats>,
) -> CorpusAlignment {
    let t0 = std::time::Instant::now();
    debug(|| {
        let lens = (0..jobs.count()).map(|k| jobs.lens(k));
        let segs: usize = lens.clone().map(|(s, t)| s + t).sum();
        let cells: usize = lens.map(|(s, t)| (s + 1) * (t + 1)).sum();
        format!(
            "{} jobs, {segs} segments, {cells} lattice cells",
            jobs.count()
        )
    });
    let mut groups: BTreeMap<(Lang, Lang), Vec<usize>> = BTreeMap::new();
    for k in 0..jobs.count() {
        groups.entry(jobs.langs(k)).or_default().push(k);
    }
    let mut out = CorpusAlignment {
        beads: vec![Vec::new(); jobs.count()],
        ..Default::default()
    };
    // Language pairs are independent (each learns its own model and lexicon, whose training is
    // serial), so they run side by side; results are placed by job index, so the output does
    // not depend on the thread count.
    let groups: Vec<((Lang, Lang), Vec<usize>)> = groups.into_iter().collect();
    let given_of = |langs: (Lang, Lang)| {
        given.and_then(|g| {
            g.iter()
                .find(|(a, b, _)| (*a, *b) == langs)
                .map(|(_, _, s)| s)
        })
    };
    let results: Vec<_> = groups
        .par_iter()
        .map(|(langs, idxs)| align_group(jobs, idxs, wanted, *langs, cfg, given_of(*langs)))
        .collect();
    for ((langs, idxs), (res, learned)) in groups.into_iter().zip(results) {
        for (k, beads) in idxs.iter().zip(res) {
            out.beads[*k] = beads;
        }
        out.stats.insert(langs, learned.stats);
        out.lexicon_pairs.insert(langs, learned.lexicon_pairs);
        out.learned.push((langs.0, langs.1, learned));
    }
    debug(|| format!("aligned in {:.2?}", t0.elapsed()));
    out
}

/// Cap on the Model 1 training data of a language pair (source × target stems of the
/// training beads): enough for the frequent words that make lexicon evidence, and a fixed
/// cost whatever the corpus size.
const TRAIN_CELLS: usize = 1_000_000;

/// Confident 1-1 beads the learning passes need for the length statistics.
const STATS_BEADS: usize = 500;

/// Strides of the learning rounds: the first round takes every 16th job of the language pair,
/// each further one the jobs halfway between, until the sample is large enough.
const LEARN_STRIDES: [usize; 5] = [16, 8, 4, 2, 1];

/// Jobs the first learning round needs at least (its chance-evidence fit serves every round);
/// language pairs with fewer than twice as many run their first pass on every job at once.
const FIRST_ROUND_JOBS: usize = 32;

/// Runs one alignment pass over the jobs `idxs` of a language pair. `prev[k]` is the previous
/// alignment of `idxs[k]`, when there is one: the chance evidence is fitted on the jobs that
/// have one (pairs of 1-1 beads two and three apart), or on all of them when none has
/// (`fit: false` keeps the model's fitted values instead).
fn run_pass<J: JobSet>(
    jobs: &J,
    idxs: &[usize],
    lex: Option<&LexIndex>,
    model: &mut Model,
    prev: &[Option<&[Bead]>],
    fit: bool,
) -> Vec<Vec<Bead>> {
    let t0 = std::time::Instant::now();
    let prepared: Vec<Prepared> = idxs
        .par_iter()
        .map(|&k| {
            let (src, tgt) = jobs.sides(k);
            prepare(src, tgt, lex)
        })
        .collect();
    if fit {
        let any_prev = prev.iter().any(Option::is_some);
        let samples: Vec<Vec<(f64, f64)>> = prepared
            .par_iter()
            .zip(prev)
            .map(|(p, pv)| match pv {
                Some(b) => chance_sample(p, Some(b)),
                None if !any_prev => chance_sample(p, None),
                None => Vec::new(),
            })
            .collect();
        let samples: Vec<(f64, f64)> = samples.into_iter().flatten().collect();
        (model.rho, model.gamma) = fit_chance(&samples);
    }
    debug(|| {
        format!(
            "{} jobs prepared in {:.2?}; model {model:?}",
            idxs.len(),
            t0.elapsed()
        )
    });
    let model = &*model;
    let out = prepared
        .par_iter()
        .zip(prev)
        .map(|(p, pv)| align_prepared(p, model, *pv))
        .collect();
    debug(|| format!("pass done in {:.2?}", t0.elapsed()));
    out
}

/// Prints a diagnostic line to stderr when `POLYALIGN_DEBUG` is set (timings, fitted model).
fn debug(msg: impl FnOnce() -> String) {
    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
        eprintln!("polyalign align: {}", msg());
    }
}

/// What the learning passes take from an alignment: confident 1-1 beads as length samples and
/// Model 1 training pairs (in job order, up to [`TRAIN_CELLS`]), and confidence-weighted counts
/// of the bead shapes.
struct Evidence<'a> {
    samples: Vec<(f64, f64)>,
    shape_counts: BTreeMap<(usize, usize), f64>,
    total: f64,
    train: Vec<(&'a [u64], &'a [u64])>,
    train_cells: usize,
}

impl<'a> Evidence<'a> {
    fn collect<J: JobSet>(jobs: &'a J, idxs: &[usize], beads: &[(usize, Vec<Bead>)]) -> Self {
        let mut e = Evidence {
            samples: Vec::new(),
            shape_counts: BTreeMap::new(),
            total: 0.0,
            train: Vec::new(),
            train_cells: 0,
        };
        for (pos, beads) in beads {
            let (src, tgt) = jobs.sides(idxs[*pos]);
            for b in beads {
                // Weighted by confidence: an uncertain merge says little about how common
                // merges are.
                *e.shape_counts
                    .entry((b.src.len(), b.tgt.len()))
                    .or_insert(0.0) += b.score;
                e.total += b.score;
                if b.src.len() == 1 && b.tgt.len() == 1 && b.score >= 0.5 {
                    let (s, t): (&'a SegFeatures, &'a SegFeatures) = (src[b.src[0]], tgt[b.tgt[0]]);
                    e.samples.push((s.chars as f64, t.chars as f64));
                    let cells = s.stems.len() * t.stems.len();
                    if b.score >= 0.8 && cells > 0 && cells <= 10_000 && e.train_cells < TRAIN_CELLS
                    {
                        e.train.push((&s.stems, &t.stems));
                        e.train_cells += cells;
                    }
                }
            }
        }
        e
    }

    /// Enough for the estimates: the training cap is reached (or no lexicon is learned) and
    /// the length statistics rest on enough beads.
    fn enough(&self, cfg: &AlignConfig) -> bool {
        (!cfg.learn_lexicon || self.train_cells >= TRAIN_CELLS)
            && self
                .samples
                .iter()
                .filter(|(a, b)| *a >= 5.0 && *b >= 5.0)
                .count()
                >= STATS_BEADS
    }
}

/// Which sixteenth of the jobs a job falls in, from its sizes alone (segments and characters
/// per side): the learning sample is the jobs whose key is a multiple of a stride, the same for
/// a job whatever other jobs the corpus holds, so a part of the corpus finds its sample jobs
/// without the rest.
fn sample_key<J: JobSet>(jobs: &J, k: usize) -> usize {
    let (ls, lt) = jobs.lens(k);
    let (cs, ct) = jobs.chars(k);
    let mut h: u64 = 0x9E37_79B9_7F4A_7C15;
    for x in [ls as u64, lt as u64, cs.to_bits(), ct.to_bits()] {
        // splitmix64 steps.
        h = (h ^ x).wrapping_add(0x9E37_79B9_7F4A_7C15);
        h = (h ^ (h >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        h = (h ^ (h >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        h ^= h >> 31;
    }
    (h % 16) as usize
}

/// Aligns the jobs `idxs` of one language pair. The first pass (length and anchors) runs on a
/// sample of the jobs ([`sample_key`]), in rounds of doubling size ([`LEARN_STRIDES`]) until it
/// yields enough evidence; every further pass re-estimates the length statistics, bead priors
/// and lexicon from the previous one, and the last aligns every job with that model. Only the
/// learned model passes from the sample to the other jobs, so a large corpus costs one pass
/// plus a bounded sample. With `given` statistics, nothing is learned: the sample's passes and
/// the last one run under the given models.
fn align_group<J: JobSet>(
    jobs: &J,
    idxs: &[usize],
    wanted: Option<&[bool]>,
    langs: (Lang, Lang),
    cfg: &AlignConfig,
    given: Option<&PairStats>,
) -> (Vec<Vec<Bead>>, PairStats) {
    let user = cfg
        .dictionary
        .as_ref()
        .and_then(|d| d.for_job(langs.0, langs.1));
    let user_index = user.as_ref().map(LexIndex::new);
    if let Some(g) = given {
        return (
            align_given(jobs, idxs, wanted, user_index.as_ref(), g),
            g.clone(),
        );
    }
    let (sum_s, sum_t) = idxs.iter().fold((0.0, 0.0), |acc, &k| {
        let (s, t) = jobs.chars(k);
        (acc.0 + s, acc.1 + t)
    });
    let ratio0 = if sum_s > 0.0 && sum_t > 0.0 {
        (sum_t / sum_s).clamp(0.2, 5.0)
    } else {
        1.0
    };
    let stats0 = LengthStats {
        ratio: ratio0,
        var: 6.8,
        support: 0,
    };
    let user_pairs = user.as_ref().map_or(0, |l| l.pairs);
    let mut model1 = make_model(cfg, &BTreeMap::new(), stats0);
    let passes = cfg.passes.max(1);
    if passes == 1 {
        let none = vec![None; idxs.len()];
        let beads = run_pass(jobs, idxs, user_index.as_ref(), &mut model1, &none, true);
        let learned = PairStats {
            stride: 0,
            passes: vec![(model1, Lexicon::default())],
            stats: stats0,
            lexicon_pairs: user_pairs,
        };
        return (beads, learned);
    }
    // First pass, in rounds over a growing sample: (position in `idxs`, beads), by position.
    let keys: Vec<usize> = idxs.iter().map(|&k| sample_key(jobs, k)).collect();
    let mut learned: Vec<(usize, Vec<Bead>)> = Vec::new();
    let first = LEARN_STRIDES
        .iter()
        .position(|&s| idxs.len() / s >= FIRST_ROUND_JOBS)
        .unwrap_or(LEARN_STRIDES.len() - 1);
    let mut stride = LEARN_STRIDES[first];
    for (round, &st) in LEARN_STRIDES[first..].iter().enumerate() {
        stride = st;
        let new: Vec<usize> = (0..idxs.len())
            .filter(|&p| keys[p] % st == 0 && (round == 0 || keys[p] % (2 * st) != 0))
            .collect();
        if new.is_empty() {
            continue;
        }
        let ks: Vec<usize> = new.iter().map(|&p| idxs[p]).collect();
        let none = vec![None; ks.len()];
        // The chance evidence of the first pass is fitted on the first round only, so every
        // round aligns with the same model.
        let beads = run_pass(
            jobs,
            &ks,
            user_index.as_ref(),
            &mut model1,
            &none,
            round == 0,
        );
        learned.extend(new.into_iter().zip(beads));
        learned.sort_by_key(|x| x.0);
        if Evidence::collect(jobs, idxs, &learned).enough(cfg) {
            break;
        }
    }
    debug(|| {
        format!(
            "{langs:?}: first pass on {} of {} jobs",
            learned.len(),
            idxs.len()
        )
    });
    let mut models = vec![(model1, Lexicon::default())];
    // Passes between the first and the last (only with `passes` > 2) realign the sample.
    for _ in 2..passes {
        let (mut model, lex, _) = relearn(jobs, idxs, cfg, stats0, user.as_ref(), &learned);
        let lex_index = (lex.pairs > 0).then(|| LexIndex::new(&lex));
        let ks: Vec<usize> = learned.iter().map(|x| idxs[x.0]).collect();
        let prev: Vec<Option<&[Bead]>> = learned.iter().map(|x| Some(x.1.as_slice())).collect();
        let beads = run_pass(jobs, &ks, lex_index.as_ref(), &mut model, &prev, true);
        for (x, b) in learned.iter_mut().zip(beads) {
            x.1 = b;
        }
        models.push((model, lex));
    }
    let (mut model, lex, stats) = relearn(jobs, idxs, cfg, stats0, user.as_ref(), &learned);
    let lex_index = (lex.pairs > 0).then(|| LexIndex::new(&lex));
    let mut prev: Vec<Option<&[Bead]>> = vec![None; idxs.len()];
    for (p, b) in &learned {
        prev[*p] = Some(b);
    }
    let beads = last_pass(
        jobs,
        idxs,
        wanted,
        lex_index.as_ref(),
        &mut model,
        &prev,
        true,
    );
    let lexicon_pairs = lex.pairs;
    models.push((model, lex));
    let learned = PairStats {
        stride,
        passes: models,
        stats,
        lexicon_pairs,
    };
    (beads, learned)
}

/// The last pass over the jobs `idxs` (only the `wanted` ones, and the sample, which the chance
/// evidence is fitted on: the model is the same either way); the others are left empty.
fn last_pass<J: JobSet>(
    jobs: &J,
    idxs: &[usize],
    wanted: Option<&[bool]>,
    lex: Option<&LexIndex>,
    model: &mut Model,
    prev: &[Option<&[Bead]>],
    fit: bool,
) -> Vec<Vec<Bead>> {
    let Some(wanted) = wanted else {
        return run_pass(jobs, idxs, lex, model, prev, fit);
    };
    let run: Vec<usize> = (0..idxs.len())
        .filter(|&p| wanted[idxs[p]] || (fit && prev[p].is_some()))
        .collect();
    let ks: Vec<usize> = run.iter().map(|&p| idxs[p]).collect();
    let run_prev: Vec<Option<&[Bead]>> = run.iter().map(|&p| prev[p]).collect();
    let done = run_pass(jobs, &ks, lex, model, &run_prev, fit);
    let mut beads = vec![Vec::new(); idxs.len()];
    for (p, b) in run.into_iter().zip(done) {
        if wanted[idxs[p]] {
            beads[p] = b;
        }
    }
    beads
}

/// [`align_group`] under given statistics: the sample's jobs (those wanted) go through every
/// pass but the last under the given models, each pass's beads bounding the next; then every
/// wanted job gets the last pass.
fn align_given<J: JobSet>(
    jobs: &J,
    idxs: &[usize],
    wanted: Option<&[bool]>,
    user_index: Option<&LexIndex>,
    g: &PairStats,
) -> Vec<Vec<Bead>> {
    // The first pass aligns with the user dictionary, every later one with its own lexicon.
    let own = |lex: &Lexicon| (lex.pairs > 0).then(|| LexIndex::new(lex));
    let Some(((last, last_lex), before)) = g.passes.split_last() else {
        return vec![Vec::new(); idxs.len()];
    };
    let is_wanted = |p: usize| wanted.is_none_or(|w| w[idxs[p]]);
    // The sample's earlier passes.
    let sample: Vec<usize> = if g.stride == 0 || before.is_empty() {
        Vec::new()
    } else {
        (0..idxs.len())
            .filter(|&p| is_wanted(p) && sample_key(jobs, idxs[p]) % g.stride == 0)
            .collect()
    };
    let ks: Vec<usize> = sample.iter().map(|&p| idxs[p]).collect();
    let mut sample_beads: Vec<Vec<Bead>> = Vec::new();
    for (i, (m, lex)) in before.iter().enumerate() {
        let lex = own(lex);
        let lex = if i == 0 { user_index } else { lex.as_ref() };
        let prev: Vec<Option<&[Bead]>> = if i == 0 {
            vec![None; ks.len()]
        } else {
            sample_beads.iter().map(|b| Some(b.as_slice())).collect()
        };
        sample_beads = run_pass(jobs, &ks, lex, &mut m.clone(), &prev, false);
    }
    let mut prev: Vec<Option<&[Bead]>> = vec![None; idxs.len()];
    for (p, b) in sample.iter().zip(&sample_beads) {
        prev[*p] = Some(b);
    }
    let lex = own(last_lex);
    let lex = if before.is_empty() {
        user_index
    } else {
        lex.as_ref()
    };
    last_pass(jobs, idxs, wanted, lex, &mut last.clone(), &prev, false)
}

/// Re-estimates length statistics and bead priors from an alignment of (a sample of) the
/// jobs, and trains the lexicon on its confident 1-1 beads: the model of the next pass.
fn relearn<J: JobSet>(
    jobs: &J,
    idxs: &[usize],
    cfg: &AlignConfig,
    stats0: LengthStats,
    user: Option<&Lexicon>,
    learned: &[(usize, Vec<Bead>)],
) -> (Model, Lexicon, LengthStats) {
    let ev = Evidence::collect(jobs, idxs, learned);
    let stats = estimate_stats(&ev.samples, stats0);
    let mut priors = BTreeMap::new();
    let model_beads = make_model(cfg, &BTreeMap::new(), stats).beads;
    let pseudo = 200.0;
    let mut norm = 0.0;
    for &(a, b) in &model_beads {
        let p = (ev.shape_counts.get(&(a, b)).copied().unwrap_or(0.0)
            + pseudo * default_prior(a, b))
            / (ev.total + pseudo);
        // Shapes that merge on both sides or three segments are rare and their counts feed on
        // themselves (hard EM favours what it already chose): they may fall, never rise.
        let p = if a + b > 3 {
            p.min(default_prior(a, b))
        } else {
            p
        };
        priors.insert((a, b), p);
        norm += p;
    }
    for p in priors.values_mut() {
        *p /= norm;
    }
    let mut lex = user.cloned().unwrap_or_default();
    if cfg.learn_lexicon {
        let t0 = std::time::Instant::now();
        let learned = lexicon::train_model1(&ev.train, 5, 0.2);
        lex.extend(&learned);
        debug(|| {
            format!(
                "lexicon: {} pairs from {} beads in {:.2?}",
                learned.pairs,
                ev.train.len(),
                t0.elapsed()
            )
        });
    }
    (make_model(cfg, &priors, stats), lex, stats)
}

/// Convenience: aligns a single document pair (with lexicon learning on that pair alone).
pub fn align_pair(
    src: &[&str],
    tgt: &[&str],
    src_lang: Lang,
    tgt_lang: Lang,
    cfg: &AlignConfig,
) -> Vec<Bead> {
    let job = PairJob {
        src_lang,
        tgt_lang,
        src: src.to_vec(),
        tgt: tgt.to_vec(),
    };
    align_corpus(&[job], cfg).beads.pop().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn erfc_tail() {
        // erfc(0) = 1, erfc(1) ≈ 0.1573, erfc(5) ≈ 1.5375e-12
        assert!(neg_ln_erfc(0.0).abs() < 1e-6);
        assert!((neg_ln_erfc(1.0) - (-(0.157_299_2f64).ln())).abs() < 1e-5);
        assert!((neg_ln_erfc(5.0) - (-(1.537_46e-12f64).ln())).abs() < 1e-3);
    }

    #[test]
    fn simple_merge_and_drop() {
        let src = [
            "Der Minister traf am 12. März 2024 in Moskau ein.",
            "Er sprach mit Sergej Lawrow über die Resolution 2254.",
            "Das Treffen dauerte zwei Stunden.",
            "Weitere Gespräche sind für 2025 geplant.",
        ];
        let tgt = [
            "Le ministre est arrivé à Moscou le 12 mars 2024.",
            "Il s'est entretenu avec Sergueï Lavrov",
            "de la résolution 2254.",
            "La rencontre a duré deux heures.",
            "D'autres entretiens sont prévus pour 2025.",
        ];
        let beads = align_pair(&src, &tgt, Lang::De, Lang::Fr, &AlignConfig::default());
        let shapes: Vec<(Vec<usize>, Vec<usize>)> = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        assert_eq!(shapes[0], (vec![0], vec![0]));
        assert_eq!(shapes[1], (vec![1], vec![1, 2]));
        assert_eq!(shapes.last().unwrap(), &(vec![3], vec![4]));
        assert!(beads.iter().all(|b| (0.0..=1.0).contains(&b.score)));
    }
}
