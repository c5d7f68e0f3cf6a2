//! Features of a candidate pair, all of them evidence that survives translation:
//!
//! - **content**: cosine of the two bodies as bags of anchors (numbers, names and cognates
//!   through transliteration, acronyms) and, once a lexicon has been bootstrapped, of word
//!   pairs from it (Bitextor's DIC idea: a translated bag of words without MT), weighted by
//!   inverse document frequency so that boilerplate and function words count little;
//! - **title**: the same for the titles (titles are translated freely: weaker);
//! - **numbers**: idf-weighted Jaccard of the numbers: templates that differ only in their
//!   numbers and names fall apart here;
//! - **length**: Gale & Church-style z-score of the body length ratio against the language
//!   pair's learned ratio, and the difference in paragraph count;
//! - **lag**: days between the versions (translations appear 0–3 days later), an equal time;
//! - **markers**: whether the switchers agree, and whether they list the very same languages
//!   (the versions of one statement link each other; a hint, never a veto);
//! - **margin**: how much better this pair's content score is than the best competitor of
//!   either side (competition, not an absolute threshold, decides).

use std::borrow::Cow;
use std::collections::BTreeMap;

use rayon::prelude::*;

use super::candidates::Pair;
use super::profile::{lang_mask, Bag, Profile};
use crate::align::{LexIndex, Lexicon};
use crate::anchors::{IdMap, MixMap};
use crate::model::Lang;

/// Learned lexicons per language pair (source = the earlier language in output order).
pub type Lexicons = BTreeMap<(Lang, Lang), Lexicon>;

/// Length model of a language pair: ln(chars_b / chars_a) ~ N(mu, sigma²).
#[derive(Clone, Copy, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct LengthModel {
    pub mu: f64,
    pub sigma: f64,
}

/// Names of the features, in vector order (the last is the intercept).
pub const NAMES: [&str; NUM] = [
    "content",
    "title",
    "numbers",
    "numbers-both",
    "numbers-missed",
    "numbers-missed×content",
    "names-missed",
    "names-missed×content",
    "length-z",
    "paragraphs",
    "lag-1",
    "lag-2",
    "lag-3+",
    "same-time",
    "markers-agree",
    "markers-exclude",
    "markers-same",
    "margin",
    "undated",
    "bias",
];

/// Number of features (with the intercept).
pub const NUM: usize = 20;

/// A candidate pair's features as a vector (see [`NAMES`]).
pub type Vector = [f64; NUM];

/// Document frequencies: of anchors over all statements, of stems per language. What the idf
/// weights are computed from, and the part of grouping's corpus statistics ([`super::GroupStats`])
/// that counts statements.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocFreq {
    n: f64,
    anchors: IdMap<u32>,
    stems: BTreeMap<Lang, (f64, IdMap<u32>)>,
}

impl DocFreq {
    /// Counts every eligible statement of `profiles` among `kept`.
    pub fn count(profiles: &[Profile], kept: &[usize]) -> DocFreq {
        let mut df = DocFreq::default();
        for &i in kept {
            let p = &profiles[i];
            let Some(l) = p.lang else { continue };
            df.n += 1.0;
            for &k in p.anchors.keys() {
                *df.anchors.entry(k).or_insert(0) += 1;
            }
            let e = df.stems.entry(l).or_default();
            e.0 += 1.0;
            for &s in p.body_stems.keys() {
                *e.1.entry(s).or_insert(0) += 1;
            }
        }
        df
    }

    /// The counts as sorted lists (a form that does not depend on hash order): statements,
    /// (anchor, frequency), and per language (statements, (stem, frequency)).
    pub fn to_sorted(&self) -> (f64, SortedCounts, SortedStems) {
        let sorted = |m: &IdMap<u32>| {
            let mut v: Vec<(u64, u32)> = m.iter().map(|(&k, &c)| (k, c)).collect();
            v.sort_unstable();
            v
        };
        (
            self.n,
            sorted(&self.anchors),
            self.stems
                .iter()
                .map(|(&l, (n, m))| (l, *n, sorted(m)))
                .collect(),
        )
    }

    /// The counts from [`DocFreq::to_sorted`]'s lists.
    pub fn from_sorted(n: f64, anchors: SortedCounts, stems: SortedStems) -> DocFreq {
        DocFreq {
            n,
            anchors: anchors.into_iter().collect(),
            stems: stems
                .into_iter()
                .map(|(l, n, v)| (l, (n, v.into_iter().collect())))
                .collect(),
        }
    }
}

/// (key, frequency) pairs sorted by key.
pub type SortedCounts = Vec<(u64, u32)>;

/// Per language: its statements and its stems' [`SortedCounts`].
pub type SortedStems = Vec<(Lang, f64, SortedCounts)>;

/// Idf weights from document frequencies ([`DocFreq`]) and, computed once from them, every
/// statement's idf-weighted anchor bags: the part of a candidate's content and title bags that
/// does not depend on the language pair or the lexicon.
#[derive(Debug, Default)]
pub struct Idf {
    df: DocFreq,
    /// Body and title anchor bags by statement index (`None` outside `kept`).
    bags: Vec<Option<(Weighted, Weighted)>>,
}

impl Idf {
    /// Counts every eligible statement of `profiles` among `kept`.
    pub fn new(profiles: &[Profile], kept: &[usize]) -> Idf {
        Idf::with(DocFreq::count(profiles, kept), profiles, kept)
    }

    /// The weights of given document frequencies (a whole corpus's, for a part of it), with
    /// the bags of the statements `kept`.
    pub fn with(df: DocFreq, profiles: &[Profile], kept: &[usize]) -> Idf {
        let mut idf = Idf {
            df,
            bags: Vec::new(),
        };
        let mut bags: Vec<Option<(Weighted, Weighted)>> = vec![None; profiles.len()];
        let computed: Vec<(usize, (Weighted, Weighted))> = kept
            .par_iter()
            .filter(|&&i| profiles[i].lang.is_some())
            .map(|&i| {
                let p = &profiles[i];
                (
                    i,
                    (idf.anchor_bag(&p.anchors), idf.anchor_bag(&p.title_anchors)),
                )
            })
            .collect();
        for (i, b) in computed {
            bags[i] = Some(b);
        }
        idf.bags = bags;
        idf
    }

    /// The document frequencies, the bags dropped.
    pub fn into_doc_freq(self) -> DocFreq {
        self.df
    }

    fn anchor(&self, k: u64) -> f64 {
        let df = self.df.anchors.get(&k).copied().unwrap_or(1).max(1) as f64;
        (1.0 + self.df.n / df).ln()
    }

    fn stem(&self, l: Lang, s: u64) -> f64 {
        match self.df.stems.get(&l) {
            Some((n, m)) => (1.0 + n / m.get(&s).copied().unwrap_or(1).max(1) as f64).ln(),
            None => 1.0,
        }
    }

    /// The share of `l`'s statements that have stem `s` (0 in a language of fewer than
    /// [`MIN_SHARE_STATEMENTS`] statements, where a share says little).
    pub fn stem_share(&self, l: Lang, s: u64) -> f64 {
        match self.df.stems.get(&l) {
            Some((n, m)) if *n >= MIN_SHARE_STATEMENTS => {
                m.get(&s).copied().unwrap_or(0) as f64 / n
            }
            _ => 0.0,
        }
    }

    /// The idf-weighted bag of a statement's anchors (counts capped at 8).
    fn anchor_bag(&self, anchors: &Bag) -> Weighted {
        let mut v: Vec<(u64, f64)> = Vec::with_capacity(anchors.len());
        for (k, n) in anchors.iter() {
            let w = self.anchor(k);
            for _ in 0..n.min(8) {
                v.push((k, w));
            }
        }
        weigh(v).heaviest(FULL_BAG)
    }

    /// Body and title anchor bags of statement `i` (computed now if `i` was not counted).
    fn anchor_bags(&self, profiles: &[Profile], i: usize) -> Cow<'_, (Weighted, Weighted)> {
        match self.bags.get(i).and_then(Option::as_ref) {
            Some(b) => Cow::Borrowed(b),
            None => {
                let p = &profiles[i];
                Cow::Owned((
                    self.anchor_bag(&p.anchors),
                    self.anchor_bag(&p.title_anchors),
                ))
            }
        }
    }
}

/// Statements of a language below which [`Idf::stem_share`] does not judge.
const MIN_SHARE_STATEMENTS: f64 = 20.0;

/// A weighted bag of keys, sorted by id, with its Euclidean norm. Keys and weights are kept in
/// separate arrays: the cosine's merge reads the keys only, until they meet.
#[derive(Clone, Debug, Default)]
pub struct Weighted {
    keys: Vec<u64>,
    weights: Vec<f32>,
    norm: f64,
}

impl Weighted {
    fn from_sorted(keys: Vec<u64>, weights: Vec<f32>) -> Weighted {
        let norm = weights
            .iter()
            .map(|&w| w as f64 * w as f64)
            .sum::<f64>()
            .sqrt();
        Weighted {
            keys,
            weights,
            norm,
        }
    }

    /// The `k` keys of the most weight (ties: the smaller key), still sorted by key.
    fn heaviest(&self, k: usize) -> Weighted {
        if self.keys.len() <= k {
            return self.clone();
        }
        let mut order: Vec<usize> = (0..self.keys.len()).collect();
        order.sort_unstable_by(|&x, &y| {
            self.weights[y]
                .total_cmp(&self.weights[x])
                .then(self.keys[x].cmp(&self.keys[y]))
        });
        order.truncate(k);
        order.sort_unstable();
        Weighted::from_sorted(
            order.iter().map(|&x| self.keys[x]).collect(),
            order.iter().map(|&x| self.weights[x]).collect(),
        )
    }
}

fn weigh(mut keys: Vec<(u64, f64)>) -> Weighted {
    keys.sort_unstable_by_key(|k| k.0);
    let mut out: Vec<(u64, f64)> = Vec::with_capacity(keys.len());
    for (k, w) in keys {
        match out.last_mut() {
            // Repeated keys: sublinear term frequency (1 + ln tf) times the idf.
            Some((last, acc)) if *last == k => *acc += w * 0.5,
            _ => out.push((k, w)),
        }
    }
    Weighted::from_sorted(
        out.iter().map(|k| k.0).collect(),
        out.iter().map(|k| k.1 as f32).collect(),
    )
}

fn cosine(a: &Weighted, b: &Weighted) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    (dot(a, b) / (a.norm * b.norm)).clamp(0.0, 1.0)
}

/// The dot product of two bags (a merge of their sorted keys).
fn dot(a: &Weighted, b: &Weighted) -> f64 {
    let (ka, kb) = (&a.keys[..], &b.keys[..]);
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < ka.len() && j < kb.len() {
        let (x, y) = (ka[i], kb[j]);
        if x == y {
            dot += a.weights[i] as f64 * b.weights[j] as f64;
        }
        i += (x <= y) as usize;
        j += (y <= x) as usize;
    }
    dot
}

/// What one statement brings to its candidates of one language pair besides its anchor bags
/// (whose dot products [`FixedFeatures`] holds): the lexicon keys of its stems, when the pair has
/// a lexicon, and the squared norms of the whole bags (anchors and lexicon keys).
struct Side {
    lex_body: Option<Weighted>,
    lex_title: Option<Weighted>,
    body_norm2: f64,
    title_norm2: f64,
}

/// Statement `i`'s [`Side`] for one language pair.
fn side(profiles: &[Profile], i: usize, lex: Option<&LexIndex>, is_src: bool, idf: &Idf) -> Side {
    let p = &profiles[i];
    let l = p.lang.expect("eligible");
    let anchors = idf.anchor_bags(profiles, i);
    // Stems with their counts: a stem's lexicon keys are its own (a key is one word pair), so
    // a stem seen n times weighs as `weigh` counts n occurrences, 1 + (n - 1) / 2 times.
    let lexical = |stems: &mut dyn Iterator<Item = (u64, u32)>| -> Option<Weighted> {
        let map = lex.map(|lex| if is_src { &lex.src } else { &lex.tgt })?;
        if map.is_empty() {
            return None;
        }
        let mut v: Vec<(u64, f64)> = Vec::new();
        for (s, n) in stems {
            if let Some(ids) = map.get(&s) {
                let w = idf.stem(l, s) * (1.0 + 0.5 * (n - 1) as f64);
                v.extend(ids.iter().map(|&id| (id, w)));
            }
        }
        (!v.is_empty()).then(|| weigh(v))
    };
    let lex_body = lexical(&mut p.body_stems.iter());
    let lex_title = lexical(&mut p.title_stems.iter().map(|&s| (s, 1)));
    let norm2 = |base: &Weighted, lex: &Option<Weighted>| {
        base.norm * base.norm + lex.as_ref().map_or(0.0, |l| l.norm * l.norm)
    };
    Side {
        body_norm2: norm2(&anchors.0, &lex_body),
        title_norm2: norm2(&anchors.1, &lex_title),
        lex_body,
        lex_title,
    }
}

/// What no round changes about a candidate, computed once for all rounds: the dot products of
/// its anchor bags (body, title; the lexicon bags are added per round) and every feature but the
/// content and title cosines and the length z (whose model is re-fitted per round).
#[derive(Clone, Debug, Default)]
pub struct FixedFeatures {
    /// Dot products of the anchor bags, body and title.
    body: Vec<f64>,
    title: Vec<f64>,
    pairs: Vec<Fixed>,
}

/// The features of a candidate that do not depend on the round, in 48 bytes (a corpus has
/// about a hundred candidates per statement): absent values are NaN or [`NO_LAG`], not
/// `Option`s, which took 88.
#[derive(Clone, Copy, Debug)]
struct Fixed {
    /// Idf-weighted Jaccard of the numbers; NaN when neither side has any.
    numbers: f64,
    /// Share of numbers unmatched on both sides (see [`missed`]): templates that differ only in
    /// their figures have them; translations have a few (page references, spelled-out numbers).
    numbers_missed: f64,
    /// The same for names: templates addressed to another country or person.
    names_missed: f64,
    /// ln(chars b / chars a); NaN when a side has no text.
    log_ratio: f64,
    para_diff: f64,
    /// Days apart, 3 for three or more (the features only tell 1, 2 and 3+ apart);
    /// [`NO_LAG`] when a side is undated.
    lag: u8,
    same_time: bool,
    /// +1 the switchers agree, −1 one excludes the other's language, 0 no information.
    markers: i8,
    /// Both switchers list the same languages.
    same_markers: bool,
}

/// [`Fixed::lag`] of a pair with an undated side.
const NO_LAG: u8 = u8::MAX;

impl Fixed {
    fn numbers(&self) -> Option<f64> {
        (!self.numbers.is_nan()).then_some(self.numbers)
    }

    fn log_ratio(&self) -> Option<f64> {
        (!self.log_ratio.is_nan()).then_some(self.log_ratio)
    }
}

/// [`FixedFeatures`] of the candidates `cands`.
pub fn fixed_features(profiles: &[Profile], cands: &[Pair], idf: &Idf) -> FixedFeatures {
    let all: Vec<(f64, f64, Fixed)> = cands
        .par_iter()
        .map(|&(a, b)| {
            let (ba, bb) = (idf.anchor_bags(profiles, a), idf.anchor_bags(profiles, b));
            (
                dot(&ba.0, &bb.0),
                dot(&ba.1, &bb.1),
                fixed_of(&profiles[a], &profiles[b], idf),
            )
        })
        .collect();
    let mut out = FixedFeatures {
        body: Vec::with_capacity(all.len()),
        title: Vec::with_capacity(all.len()),
        pairs: Vec::with_capacity(all.len()),
    };
    for (b, t, f) in all {
        out.body.push(b);
        out.title.push(t);
        out.pairs.push(f);
    }
    out
}

impl FixedFeatures {
    /// Appends the features of more candidates (computed by [`fixed_features`] on them).
    pub fn append(&mut self, more: FixedFeatures) {
        self.body.extend(more.body);
        self.title.extend(more.title);
        self.pairs.extend(more.pairs);
    }
}

fn fixed_of(pa: &Profile, pb: &Profile, idf: &Idf) -> Fixed {
    let (la, lb) = (pa.lang.expect("eligible"), pb.lang.expect("eligible"));
    let (na, nb) = (pa.para_chars.len(), pb.para_chars.len());
    let para_diff = if na.max(nb) == 0 {
        1.0
    } else {
        na.abs_diff(nb) as f64 / na.max(nb) as f64
    };
    let excl = |p: &Profile, other: Lang| p.promised != 0 && p.promised & lang_mask([other]) == 0;
    let markers = if excl(pa, lb) || excl(pb, la) {
        -1
    } else if pa.promised != 0 && pb.promised != 0 {
        1
    } else {
        0
    };
    Fixed {
        numbers: numbers(&pa.numbers, &pb.numbers, idf).unwrap_or(f64::NAN),
        numbers_missed: missed(&pa.numbers, &pb.numbers),
        names_missed: missed(&pa.names, &pb.names),
        log_ratio: if pa.chars > 0 && pb.chars > 0 {
            (pb.chars as f64 / pa.chars as f64).ln()
        } else {
            f64::NAN
        },
        para_diff,
        lag: match (pa.day, pb.day) {
            (Some(x), Some(y)) => (x - y).abs().min(3) as u8,
            _ => NO_LAG,
        },
        same_time: pa.time.is_some() && pa.time == pb.time,
        markers,
        same_markers: pa.promised != 0 && pa.promised == pb.promised,
    }
}

/// The cosine of two whole bags (anchors and lexicon keys, which never share a key) from the
/// anchors' dot product, the lexicon bags and the squared norms.
fn joined_cosine(
    anchor_dot: f64,
    la: &Option<Weighted>,
    lb: &Option<Weighted>,
    norm2_a: f64,
    norm2_b: f64,
) -> f64 {
    if norm2_a == 0.0 || norm2_b == 0.0 {
        return 0.0;
    }
    let lex = match (la, lb) {
        (Some(x), Some(y)) => dot(x, y),
        _ => 0.0,
    };
    ((anchor_dot + lex) / (norm2_a * norm2_b).sqrt()).clamp(0.0, 1.0)
}

/// Idf-weighted Jaccard of two sorted number sets (None when neither has a number).
fn numbers(a: &[u64], b: &[u64], idf: &Idf) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut union) = (0.0, 0.0);
    while i < a.len() || j < b.len() {
        let (k, both) = match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) if x == y => {
                i += 1;
                j += 1;
                (*x, true)
            }
            (Some(x), Some(y)) if x < y => {
                i += 1;
                (*x, false)
            }
            (Some(x), None) => {
                i += 1;
                (*x, false)
            }
            (_, Some(y)) => {
                j += 1;
                (*y, false)
            }
            (None, None) => unreachable!(),
        };
        let w = idf.anchor(k);
        union += w;
        if both {
            shared += w;
        }
    }
    Some(if union > 0.0 { shared / union } else { 0.0 })
}

/// min(|a ∖ b|, |b ∖ a|) / (max(|a|, |b|) + 1) of two sorted sets: the share of numbers that
/// one side changed into others (0 when a side has none). The `+ 1` is a prior of one shared
/// item: one number against another is weak evidence (a translation spells out `twenty`, a
/// title keeps its paragraph number), four of five changed is a template's.
fn missed(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let only_a = a.iter().filter(|x| b.binary_search(x).is_err()).count();
    let only_b = b.iter().filter(|x| a.binary_search(x).is_err()).count();
    only_a.min(only_b) as f64 / (a.len().max(b.len()) + 1) as f64
}

/// What a round computes for a candidate (the rest of its features is in [`FixedFeatures`]):
/// 32 bytes instead of a whole [`Vector`] per candidate.
#[derive(Clone, Copy, Debug, Default)]
pub struct Round {
    pub content: f64,
    pub title: f64,
    pub len_z: f64,
    pub margin: f64,
}

/// The feature vector of candidate `x` from its round values and its fixed features.
pub fn vector_at(fixed: &FixedFeatures, x: usize, r: &Round) -> Vector {
    let f = &fixed.pairs[x];
    let lag = if f.lag == NO_LAG { 0 } else { f.lag };
    [
        r.content,
        r.title,
        f.numbers().unwrap_or(0.0),
        f64::from(u8::from(f.numbers().is_some())),
        f.numbers_missed,
        f.numbers_missed * r.content,
        f.names_missed,
        f.names_missed * r.content,
        r.len_z,
        f.para_diff,
        f64::from(u8::from(lag == 1)),
        f64::from(u8::from(lag == 2)),
        f64::from(u8::from(lag >= 3)),
        f64::from(u8::from(f.same_time)),
        f64::from(u8::from(f.markers > 0)),
        f64::from(u8::from(f.markers < 0)),
        f64::from(u8::from(f.same_markers)),
        r.margin,
        f64::from(u8::from(f.lag == NO_LAG)),
        1.0,
    ]
}

/// Length models per language pair from the given pairs (or from the corpus totals when a pair
/// has fewer than ten of them).
pub fn length_models(profiles: &[Profile], pairs: &[Pair]) -> BTreeMap<(Lang, Lang), LengthModel> {
    let mut logs: BTreeMap<(Lang, Lang), Vec<f64>> = BTreeMap::new();
    for &(a, b) in pairs {
        let (pa, pb) = (&profiles[a], &profiles[b]);
        if pa.chars < 20 || pb.chars < 20 {
            continue;
        }
        if let (Some(la), Some(lb)) = (pa.lang, pb.lang) {
            logs.entry((la, lb))
                .or_default()
                .push((pb.chars as f64 / pa.chars as f64).ln());
        }
    }
    let mut out = BTreeMap::new();
    for (k, mut v) in logs {
        if v.len() < 10 {
            continue;
        }
        v.sort_by(|x, y| x.total_cmp(y));
        let mu = v[v.len() / 2];
        let mut dev: Vec<f64> = v.iter().map(|x| (x - mu).abs()).collect();
        dev.sort_by(|x, y| x.total_cmp(y));
        // MAD → sigma, kept within sensible bounds for short texts and paraphrase.
        let sigma = (1.4826 * dev[dev.len() / 2]).clamp(0.08, 0.6);
        out.insert(k, LengthModel { mu, sigma });
    }
    out
}

/// The default length model of a language pair: the ratio of the corpus totals.
pub fn default_length(profiles: &[Profile], la: Lang, lb: Lang) -> LengthModel {
    let total = |l: Lang| -> (f64, f64) {
        profiles
            .iter()
            .filter(|p| p.lang == Some(l) && p.chars > 0)
            .fold((0.0, 0.0), |acc, p| (acc.0 + p.chars as f64, acc.1 + 1.0))
    };
    let (ca, na) = total(la);
    let (cb, nb) = total(lb);
    let mu = if na > 0.0 && nb > 0.0 && ca > 0.0 && cb > 0.0 {
        ((cb / nb) / (ca / na)).ln().clamp(-1.0, 1.0)
    } else {
        0.0
    };
    LengthModel { mu, sigma: 0.35 }
}

/// The length model of every ordered pair of the languages of `profiles`: the learned one
/// where there is one, else [`default_length`].
pub fn complete_lengths(
    profiles: &[Profile],
    learned: &BTreeMap<(Lang, Lang), LengthModel>,
) -> BTreeMap<(Lang, Lang), LengthModel> {
    let langs: std::collections::BTreeSet<Lang> = profiles.iter().filter_map(|p| p.lang).collect();
    let mut out = BTreeMap::new();
    for &la in &langs {
        for &lb in &langs {
            if la != lb {
                let m = learned
                    .get(&(la, lb))
                    .copied()
                    .unwrap_or_else(|| default_length(profiles, la, lb));
                out.insert((la, lb), m);
            }
        }
    }
    out
}

/// The round values of every candidate, in candidate order, margins not yet set. Bags are
/// built per language pair, for the statements that have candidates of that pair only.
pub fn round_values(
    profiles: &[Profile],
    cands: &[Pair],
    fixed: &FixedFeatures,
    lexicons: &Lexicons,
    lengths: &BTreeMap<(Lang, Lang), LengthModel>,
    idf: &Idf,
) -> Vec<Round> {
    features_of(profiles, cands, fixed, lexicons, lengths, idf)
}

/// The short anchor bags of the statements `used` (sorted, distinct) that pruning compares:
/// `[i]` for statement `i`, `None` for the others.
pub fn short_bags(profiles: &[Profile], used: &[usize], idf: &Idf) -> Vec<Option<Weighted>> {
    let mut out = vec![None; profiles.len()];
    let made: Vec<(usize, Weighted)> = used
        .par_iter()
        .map(|&i| (i, idf.anchor_bags(profiles, i).0.heaviest(SHORT_BAG)))
        .collect();
    for (i, w) in made {
        out[i] = Some(w);
    }
    out
}

/// The content score alone (cosine of the short anchor bags, [`short_bags`]) of every
/// candidate: what pruning ranks candidates by, at a fraction of the cost of all features.
pub fn content_scores(short: &[Option<Weighted>], cands: &[Pair]) -> Vec<f64> {
    let bag = |i: usize| {
        short[i]
            .as_ref()
            .expect("a short bag of every candidate's statements")
    };
    cands
        .par_iter()
        .map(|&(a, b)| cosine(bag(a), bag(b)))
        .collect()
}

/// Keys of a body bag that pruning compares: the heaviest (rarest) ones carry the content;
/// the many frequent ones add cost, and noise to the rank. Over `archive_eval` seeds 1-4 and 7,
/// 64 keys kept more true pairs than 128 (recall +0.0053 summed over 15 sets, precision
/// +0.0006), 32 kept more still but also more false ones (precision -0.0101).
const SHORT_BAG: usize = 64;

/// Anchor keys of a bag that the features compare (the heaviest: see [`SHORT_BAG`]).
const FULL_BAG: usize = 256;

fn features_of(
    profiles: &[Profile],
    cands: &[Pair],
    fixed: &FixedFeatures,
    lexicons: &Lexicons,
    lengths: &BTreeMap<(Lang, Lang), LengthModel>,
    idf: &Idf,
) -> Vec<Round> {
    // Candidates by language pair, keeping their positions.
    let mut by_pair: BTreeMap<(Lang, Lang), Vec<usize>> = BTreeMap::new();
    for (x, &(a, b)) in cands.iter().enumerate() {
        let key = (
            profiles[a].lang.expect("eligible"),
            profiles[b].lang.expect("eligible"),
        );
        by_pair.entry(key).or_default().push(x);
    }
    let mut out = vec![Round::default(); cands.len()];
    for ((la, lb), idx) in by_pair {
        let lex = lexicons
            .get(&(la, lb))
            .filter(|l| l.pairs > 0)
            .map(LexIndex::new);
        let lex = lex.as_ref();
        let mut src: Vec<usize> = idx.iter().map(|&x| cands[x].0).collect();
        let mut tgt: Vec<usize> = idx.iter().map(|&x| cands[x].1).collect();
        src.sort_unstable();
        src.dedup();
        tgt.sort_unstable();
        tgt.dedup();
        let sb: MixMap<usize, Side> = src
            .par_iter()
            .map(|&i| (i, side(profiles, i, lex, true, idf)))
            .collect();
        let tb: MixMap<usize, Side> = tgt
            .par_iter()
            .map(|&i| (i, side(profiles, i, lex, false, idf)))
            .collect();
        let lm = lengths
            .get(&(la, lb))
            .copied()
            .unwrap_or_else(|| default_length(profiles, la, lb));
        let vals: Vec<(usize, Round)> = idx
            .par_iter()
            .map(|&x| {
                let (a, b) = cands[x];
                let (ba, bb) = (&sb[&a], &tb[&b]);
                let f = &fixed.pairs[x];
                let len_z = f
                    .log_ratio()
                    .map_or(5.0, |r| ((r - lm.mu) / lm.sigma).abs());
                let round = Round {
                    content: joined_cosine(
                        fixed.body[x],
                        &ba.lex_body,
                        &bb.lex_body,
                        ba.body_norm2,
                        bb.body_norm2,
                    ),
                    title: joined_cosine(
                        fixed.title[x],
                        &ba.lex_title,
                        &bb.lex_title,
                        ba.title_norm2,
                        bb.title_norm2,
                    ),
                    len_z: len_z.min(6.0),
                    margin: 0.0,
                };
                (x, round)
            })
            .collect();
        for (x, r) in vals {
            out[x] = r;
        }
    }
    out
}

/// Sets every candidate's margin: its content score minus the best content score of a
/// competitor (another candidate of either side in the same other language).
pub fn set_margins(profiles: &[Profile], cands: &[Pair], rounds: &mut [Round]) {
    // Best and second best per (statement, other language).
    let mut best: MixMap<(usize, Lang), (f64, f64)> = MixMap::default();
    let mut add = |s: usize, l: Lang, v: f64| {
        let e = best.entry((s, l)).or_insert((0.0, 0.0));
        if v > e.0 {
            e.1 = e.0;
            e.0 = v;
        } else if v > e.1 {
            e.1 = v;
        }
    };
    for (&(a, b), r) in cands.iter().zip(rounds.iter()) {
        add(a, profiles[b].lang.expect("eligible"), r.content);
        add(b, profiles[a].lang.expect("eligible"), r.content);
    }
    for (&(a, b), r) in cands.iter().zip(rounds.iter_mut()) {
        let other = |s: usize, l: Lang| {
            let (b1, b2) = best[&(s, l)];
            // The best competitor is the best score unless that is this pair.
            if r.content >= b1 {
                b2
            } else {
                b1
            }
        };
        let comp = other(a, profiles[b].lang.expect("eligible"))
            .max(other(b, profiles[a].lang.expect("eligible")));
        r.margin = r.content - comp;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cosine_of_weighted_bags() {
        let a = weigh(vec![(1, 1.0), (2, 1.0), (2, 1.0)]);
        let b = weigh(vec![(2, 1.0), (3, 1.0)]);
        let c = cosine(&a, &b);
        assert!(c > 0.4 && c < 0.9, "{c}");
        assert_eq!(cosine(&a, &Weighted::default()), 0.0);
        assert!((cosine(&a, &a) - 1.0).abs() < 1e-9);
    }

    #[test]
    fn fixed_features_take_48_bytes_a_candidate() {
        assert_eq!(std::mem::size_of::<Fixed>(), 48);
    }

    #[test]
    fn numbers_weighted_jaccard() {
        let idf = Idf {
            df: DocFreq {
                n: 10.0,
                ..Default::default()
            },
            ..Default::default()
        };
        assert_eq!(numbers(&[], &[], &idf), None);
        assert_eq!(numbers(&[1, 2], &[1, 2], &idf), Some(1.0));
        let half = numbers(&[1, 2], &[1, 3], &idf).unwrap();
        assert!((half - 1.0 / 3.0).abs() < 1e-9);
    }
}
