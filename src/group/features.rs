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
//! - **markers**: whether the switchers agree (a hint, never a veto);
//! - **margin**: how much better this pair's content score is than the best competitor of
//!   either side (competition, not an absolute threshold, decides).

use std::collections::{BTreeMap, HashMap};

use rayon::prelude::*;

use super::candidates::Pair;
use super::profile::{lang_mask, Bag, Profile};
use crate::align::Lexicon;
use crate::model::Lang;

/// Learned lexicons per language pair (source = the earlier language in output order).
pub type Lexicons = BTreeMap<(Lang, Lang), Lexicon>;

/// Length model of a language pair: ln(chars_b / chars_a) ~ N(mu, sigma²).
#[derive(Clone, Copy, Debug, PartialEq)]
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
    "margin",
    "undated",
    "bias",
];

/// Number of features (with the intercept).
pub const NUM: usize = 19;

/// A candidate pair's features as a vector (see [`NAMES`]).
pub type Vector = [f64; NUM];

/// Document frequencies: anchors over all statements, stems per language.
#[derive(Debug, Default)]
pub struct Idf {
    n: f64,
    anchors: HashMap<u64, u32>,
    stems: BTreeMap<Lang, (f64, HashMap<u64, u32>)>,
}

impl Idf {
    /// Counts every eligible statement of `profiles` among `kept`.
    pub fn new(profiles: &[Profile], kept: &[usize]) -> Idf {
        let mut idf = Idf::default();
        for &i in kept {
            let p = &profiles[i];
            let Some(l) = p.lang else { continue };
            idf.n += 1.0;
            for &(k, _) in &p.anchors {
                *idf.anchors.entry(k).or_insert(0) += 1;
            }
            let e = idf.stems.entry(l).or_default();
            e.0 += 1.0;
            let mut stems: Vec<u64> = p.para_stems.iter().flatten().copied().collect();
            stems.sort_unstable();
            stems.dedup();
            for s in stems {
                *e.1.entry(s).or_insert(0) += 1;
            }
        }
        idf
    }

    fn anchor(&self, k: u64) -> f64 {
        let df = self.anchors.get(&k).copied().unwrap_or(1).max(1) as f64;
        (1.0 + self.n / df).ln()
    }

    fn stem(&self, l: Lang, s: u64) -> f64 {
        match self.stems.get(&l) {
            Some((n, m)) => (1.0 + n / m.get(&s).copied().unwrap_or(1).max(1) as f64).ln(),
            None => 1.0,
        }
    }
}

/// A weighted bag of keys, sorted by id, with its Euclidean norm.
#[derive(Clone, Debug, Default)]
pub struct Weighted {
    keys: Vec<(u64, f32)>,
    norm: f64,
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
    let norm = out.iter().map(|k| k.1 * k.1).sum::<f64>().sqrt();
    Weighted {
        keys: out.into_iter().map(|(k, w)| (k, w as f32)).collect(),
        norm,
    }
}

fn cosine(a: &Weighted, b: &Weighted) -> f64 {
    if a.norm == 0.0 || b.norm == 0.0 {
        return 0.0;
    }
    let (mut i, mut j, mut dot) = (0, 0, 0.0f64);
    while i < a.keys.len() && j < b.keys.len() {
        match a.keys[i].0.cmp(&b.keys[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a.keys[i].1 as f64 * b.keys[j].1 as f64;
                i += 1;
                j += 1;
            }
        }
    }
    (dot / (a.norm * b.norm)).clamp(0.0, 1.0)
}

/// The body and title bags of one statement for one language pair.
struct Bags {
    body: Weighted,
    title: Weighted,
}

fn bags(p: &Profile, lex: Option<&Lexicon>, is_src: bool, idf: &Idf) -> Bags {
    let l = p.lang.expect("eligible");
    let side = |anchors: &Bag, stems: &mut dyn Iterator<Item = &u64>| {
        let mut v: Vec<(u64, f64)> = Vec::new();
        for &(k, n) in anchors {
            let w = idf.anchor(k);
            for _ in 0..n.min(8) {
                v.push((k, w));
            }
        }
        if let Some(lex) = lex {
            let map = if is_src { &lex.src } else { &lex.tgt };
            if !map.is_empty() {
                for s in stems {
                    if let Some(ids) = map.get(s) {
                        let w = idf.stem(l, *s);
                        v.extend(ids.iter().map(|&id| (id, w)));
                    }
                }
            }
        }
        weigh(v)
    };
    Bags {
        body: side(&p.anchors, &mut p.para_stems.iter().flatten()),
        title: side(&p.title_anchors, &mut p.title_stems.iter()),
    }
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

/// min(|a ∖ b|, |b ∖ a|) / max(|a|, |b|) of two sorted sets: the share of numbers that one
/// side changed into others (0 when a side has none).
fn missed(a: &[u64], b: &[u64]) -> f64 {
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let only_a = a.iter().filter(|x| b.binary_search(x).is_err()).count();
    let only_b = b.iter().filter(|x| a.binary_search(x).is_err()).count();
    only_a.min(only_b) as f64 / a.len().max(b.len()) as f64
}

/// Raw features of a pair before the margin is known.
#[derive(Clone, Copy, Debug, Default)]
pub struct Raw {
    pub content: f64,
    pub title: f64,
    pub numbers: Option<f64>,
    /// Share of numbers unmatched on both sides (see [`missed`]): templates that differ only in
    /// their figures have them; translations have a few (page references, spelled-out numbers).
    pub numbers_missed: f64,
    /// The same for names: templates addressed to another country or person.
    pub names_missed: f64,
    pub len_z: f64,
    pub para_diff: f64,
    pub lag: Option<i64>,
    pub same_time: bool,
    /// +1 the switchers agree, −1 one excludes the other's language, 0 no information.
    pub markers: i8,
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

/// Raw features of every candidate, in candidate order. Bags are built per language pair, for
/// the statements that have candidates of that pair only.
pub fn raw_features(
    profiles: &[Profile],
    cands: &[Pair],
    lexicons: &Lexicons,
    lengths: &BTreeMap<(Lang, Lang), LengthModel>,
    idf: &Idf,
) -> Vec<Raw> {
    features_of(profiles, cands, lexicons, lengths, idf, false)
}

/// The content score alone (cosine of the anchor bags) of every candidate: what pruning ranks
/// candidates by, at a fraction of the cost of all features.
pub fn content_scores(profiles: &[Profile], cands: &[Pair], idf: &Idf) -> Vec<f64> {
    features_of(
        profiles,
        cands,
        &Lexicons::new(),
        &BTreeMap::new(),
        idf,
        true,
    )
    .into_iter()
    .map(|r| r.content)
    .collect()
}

fn features_of(
    profiles: &[Profile],
    cands: &[Pair],
    lexicons: &Lexicons,
    lengths: &BTreeMap<(Lang, Lang), LengthModel>,
    idf: &Idf,
    content_only: bool,
) -> Vec<Raw> {
    // Candidates by language pair, keeping their positions.
    let mut by_pair: BTreeMap<(Lang, Lang), Vec<usize>> = BTreeMap::new();
    for (x, &(a, b)) in cands.iter().enumerate() {
        let key = (
            profiles[a].lang.expect("eligible"),
            profiles[b].lang.expect("eligible"),
        );
        by_pair.entry(key).or_default().push(x);
    }
    let mut out = vec![Raw::default(); cands.len()];
    for ((la, lb), idx) in by_pair {
        let lex = lexicons.get(&(la, lb));
        let mut src: Vec<usize> = idx.iter().map(|&x| cands[x].0).collect();
        let mut tgt: Vec<usize> = idx.iter().map(|&x| cands[x].1).collect();
        src.sort_unstable();
        src.dedup();
        tgt.sort_unstable();
        tgt.dedup();
        let sb: HashMap<usize, Bags> = src
            .par_iter()
            .map(|&i| (i, bags(&profiles[i], lex, true, idf)))
            .collect();
        let tb: HashMap<usize, Bags> = tgt
            .par_iter()
            .map(|&i| (i, bags(&profiles[i], lex, false, idf)))
            .collect();
        let lm = lengths
            .get(&(la, lb))
            .copied()
            .unwrap_or_else(|| default_length(profiles, la, lb));
        let vals: Vec<(usize, Raw)> = idx
            .par_iter()
            .map(|&x| {
                let (a, b) = cands[x];
                let (pa, pb) = (&profiles[a], &profiles[b]);
                let (ba, bb) = (&sb[&a], &tb[&b]);
                if content_only {
                    let raw = Raw {
                        content: cosine(&ba.body, &bb.body),
                        ..Raw::default()
                    };
                    return (x, raw);
                }
                let len_z = if pa.chars > 0 && pb.chars > 0 {
                    (((pb.chars as f64 / pa.chars as f64).ln() - lm.mu) / lm.sigma).abs()
                } else {
                    5.0
                };
                let (na, nb) = (pa.para_chars.len(), pb.para_chars.len());
                let para_diff = if na.max(nb) == 0 {
                    1.0
                } else {
                    na.abs_diff(nb) as f64 / na.max(nb) as f64
                };
                let excl = |p: &Profile, other: Lang| {
                    p.promised != 0 && p.promised & lang_mask([other]) == 0
                };
                let markers = if excl(pa, lb) || excl(pb, la) {
                    -1
                } else if pa.promised != 0 && pb.promised != 0 {
                    1
                } else {
                    0
                };
                let raw = Raw {
                    content: cosine(&ba.body, &bb.body),
                    title: cosine(&ba.title, &bb.title),
                    numbers: numbers(&pa.numbers, &pb.numbers, idf),
                    numbers_missed: missed(&pa.numbers, &pb.numbers),
                    names_missed: missed(&pa.names, &pb.names),
                    len_z: len_z.min(6.0),
                    para_diff,
                    lag: match (pa.day, pb.day) {
                        (Some(x), Some(y)) => Some((x - y).abs()),
                        _ => None,
                    },
                    same_time: pa.time.is_some() && pa.time == pb.time,
                    markers,
                };
                (x, raw)
            })
            .collect();
        for (x, r) in vals {
            out[x] = r;
        }
    }
    out
}

/// For every candidate, its content score minus the best content score of a competitor: another
/// candidate of either side in the same other language.
pub fn margins(profiles: &[Profile], cands: &[Pair], raw: &[Raw]) -> Vec<f64> {
    // Best and second best per (statement, other language).
    let mut best: HashMap<(usize, Lang), (f64, f64)> = HashMap::new();
    let mut add = |s: usize, l: Lang, v: f64| {
        let e = best.entry((s, l)).or_insert((0.0, 0.0));
        if v > e.0 {
            e.1 = e.0;
            e.0 = v;
        } else if v > e.1 {
            e.1 = v;
        }
    };
    for (&(a, b), r) in cands.iter().zip(raw) {
        add(a, profiles[b].lang.expect("eligible"), r.content);
        add(b, profiles[a].lang.expect("eligible"), r.content);
    }
    cands
        .iter()
        .zip(raw)
        .map(|(&(a, b), r)| {
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
            r.content - comp
        })
        .collect()
}

/// The feature vector of a pair.
pub fn vector(r: &Raw, margin: f64) -> Vector {
    let lag = r.lag.unwrap_or(0);
    [
        r.content,
        r.title,
        r.numbers.unwrap_or(0.0),
        f64::from(u8::from(r.numbers.is_some())),
        r.numbers_missed,
        r.numbers_missed * r.content,
        r.names_missed,
        r.names_missed * r.content,
        r.len_z,
        r.para_diff,
        f64::from(u8::from(lag == 1)),
        f64::from(u8::from(lag == 2)),
        f64::from(u8::from(lag >= 3)),
        f64::from(u8::from(r.same_time)),
        f64::from(u8::from(r.markers > 0)),
        f64::from(u8::from(r.markers < 0)),
        margin,
        f64::from(u8::from(r.lag.is_none())),
        1.0,
    ]
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
    fn numbers_weighted_jaccard() {
        let idf = Idf {
            n: 10.0,
            ..Default::default()
        };
        assert_eq!(numbers(&[], &[], &idf), None);
        assert_eq!(numbers(&[1, 2], &[1, 2], &idf), Some(1.0));
        let half = numbers(&[1, 2], &[1, 3], &idf).unwrap();
        assert!((half - 1.0 / 3.0).abs() < 1e-9);
    }
}
