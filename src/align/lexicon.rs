//! Translation lexicons for the aligner: one learned from the data by IBM Model 1 on the
//! confident 1-1 beads of a first pass (Moore 2002; hunalign's realign), and an optional user
//! dictionary in hunalign's `.dic` format. Both become [`KeyKind::Lexicon`] keys: a word pair
//! (s, t) gets one key id that is added to every source segment containing s and every target
//! segment containing t, so the aligner counts lexicon matches like any other shared anchor.
//!
//! Determinism: vocabularies are interned in the order the training data is given, counts are
//! accumulated in that order, and the extracted pairs are sorted; no hash-map iteration order
//! reaches the result.

use crate::text::is_letter_or_digit;
use std::collections::HashMap;
use std::path::Path;

use anyhow::Context;

use super::features::{hash_key, Key, KeyKind};

/// A bilingual word-pair table over hashed stems (see [`super::features::SegFeatures::stems`]).
#[derive(Clone, Debug, Default)]
pub struct Lexicon {
    /// Source stem → lexicon key ids.
    pub src: HashMap<u64, Vec<u64>>,
    /// Target stem → lexicon key ids.
    pub tgt: HashMap<u64, Vec<u64>>,
    /// Number of word pairs.
    pub pairs: usize,
}

impl Lexicon {
    /// Adds the pair (source stem, target stem).
    pub fn add(&mut self, s: u64, t: u64) {
        let id = hash_key(b'X', &format!("{s:x}-{t:x}"));
        let v = self.src.entry(s).or_default();
        if v.contains(&id) {
            return;
        }
        v.push(id);
        self.tgt.entry(t).or_default().push(id);
        self.pairs += 1;
    }

    /// Merges another lexicon into this one.
    pub fn extend(&mut self, other: &Lexicon) {
        // Sorted so that the resulting key lists do not depend on hash-map order.
        let mut ids: Vec<(u64, u64)> = Vec::new();
        for (s, v) in &other.src {
            for &id in v {
                ids.push((*s, id));
            }
        }
        ids.sort_unstable();
        let mut tgt_of: HashMap<u64, u64> = HashMap::new();
        for (t, v) in &other.tgt {
            for &id in v {
                tgt_of.insert(id, *t);
            }
        }
        for (s, id) in ids {
            if let Some(&t) = tgt_of.get(&id) {
                let v = self.src.entry(s).or_default();
                if !v.contains(&id) {
                    v.push(id);
                    self.tgt.entry(t).or_default().push(id);
                    self.pairs += 1;
                }
            }
        }
    }

    /// The word pairs (source stem, target stem), sorted: the lexicon in a form that does not
    /// depend on hash order ([`Lexicon::from_pairs`] builds it again).
    pub fn word_pairs(&self) -> Vec<(u64, u64)> {
        let mut tgt_of: HashMap<u64, u64> = HashMap::new();
        for (t, v) in &self.tgt {
            for &id in v {
                tgt_of.insert(id, *t);
            }
        }
        let mut out: Vec<(u64, u64)> = self
            .src
            .iter()
            .flat_map(|(s, v)| v.iter().filter_map(|id| tgt_of.get(id).map(|&t| (*s, t))))
            .collect();
        out.sort_unstable();
        out
    }

    /// The lexicon of these word pairs.
    pub fn from_pairs(pairs: &[(u64, u64)]) -> Lexicon {
        let mut lex = Lexicon::default();
        for &(s, t) in pairs {
            lex.add(s, t);
        }
        lex
    }

    /// Lexicon keys of a segment given its stems (source side when `src`).
    pub fn keys(&self, stems: &[u64], src: bool) -> Vec<Key> {
        let map = if src { &self.src } else { &self.tgt };
        let mut out = Vec::new();
        if map.is_empty() {
            return out;
        }
        for s in stems {
            if let Some(ids) = map.get(s) {
                out.extend(ids.iter().map(|&id| Key::new(id, KeyKind::Lexicon)));
            }
        }
        out
    }
}

/// A lexicon is written as its sorted word pairs ([`Lexicon::word_pairs`]).
impl serde::Serialize for Lexicon {
    fn serialize<S: serde::Serializer>(&self, ser: S) -> Result<S::Ok, S::Error> {
        serde::Serialize::serialize(&self.word_pairs(), ser)
    }
}

impl<'de> serde::Deserialize<'de> for Lexicon {
    fn deserialize<D: serde::Deserializer<'de>>(de: D) -> Result<Lexicon, D::Error> {
        let pairs: Vec<(u64, u64)> = serde::Deserialize::deserialize(de)?;
        Ok(Lexicon::from_pairs(&pairs))
    }
}

/// Stem hash of a dictionary word (must match [`super::features`]'s stemming).
pub fn stem_of(word: &str) -> u64 {
    let lower = word.to_lowercase();
    let stem: String = lower.chars().take(6).collect();
    hash_key(b'S', &stem)
}

/// Parses a hunalign dictionary: one entry per line, `target phrase @ source phrase`. Entries of
/// one word per side become pairs; in multi-word phrases the longest word of each side stands
/// for the phrase (usually the content word). Blank lines and lines without `@` are ignored.
pub fn parse_hunalign_dic(text: &str) -> Lexicon {
    let mut lex = Lexicon::default();
    for line in text.lines() {
        let Some((t, s)) = line.split_once(" @ ").or_else(|| line.split_once('@')) else {
            continue;
        };
        let pick = |p: &str| -> Option<String> {
            p.split_whitespace()
                .filter(|w| w.chars().any(is_letter_or_digit))
                .max_by_key(|w| w.chars().count())
                .map(|w| w.trim_matches(|c: char| !is_letter_or_digit(c)).to_string())
        };
        if let (Some(s), Some(t)) = (pick(s), pick(t)) {
            lex.add(stem_of(&s), stem_of(&t));
        }
    }
    lex
}

/// Loads a hunalign `.dic` file (see [`parse_hunalign_dic`]).
pub fn load_hunalign_dic(path: &Path) -> anyhow::Result<Lexicon> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("reading dictionary {}", path.display()))?;
    Ok(parse_hunalign_dic(&text))
}

/// Trains IBM Model 1 in both directions on sentence pairs of stems and keeps the pairs that
/// both directions agree on: p(t|s) ≥ `min_p` and p(s|t) ≥ `min_p`, seen together at least twice.
/// Pairs whose stems are identical are skipped (cognate keys already cover them).
pub fn train_model1(pairs: &[(&[u64], &[u64])], iterations: usize, min_p: f64) -> Lexicon {
    let mut lex = Lexicon::default();
    if pairs.is_empty() {
        return lex;
    }
    // Intern in data order: deterministic dense ids.
    let mut sv: HashMap<u64, u32> = HashMap::new();
    let mut tv: HashMap<u64, u32> = HashMap::new();
    let mut s_words: Vec<u64> = Vec::new();
    let mut t_words: Vec<u64> = Vec::new();
    let mut sents: Vec<(Vec<u32>, Vec<u32>)> = Vec::with_capacity(pairs.len());
    for (s, t) in pairs {
        let si = s
            .iter()
            .map(|w| {
                *sv.entry(*w).or_insert_with(|| {
                    s_words.push(*w);
                    (s_words.len() - 1) as u32
                })
            })
            .collect();
        let ti = t
            .iter()
            .map(|w| {
                *tv.entry(*w).or_insert_with(|| {
                    t_words.push(*w);
                    (t_words.len() - 1) as u32
                })
            })
            .collect();
        sents.push((si, ti));
    }
    // Co-occurrence table: the distinct (s, t) pairs, sorted, stored as rows by source word
    // (`row[a]..row[a + 1]` holds the targets of `a`), so that finding a pair's index is a
    // binary search inside one short row.
    let mut keys: Vec<u64> = Vec::with_capacity(sents.iter().map(|(s, t)| s.len() * t.len()).sum());
    for (s, t) in &sents {
        for &a in s {
            keys.extend(t.iter().map(|&b| ((a as u64) << 32) | b as u64));
        }
    }
    keys.sort_unstable();
    keys.dedup();
    let cooc: Vec<(u32, u32)> = keys.iter().map(|&k| ((k >> 32) as u32, k as u32)).collect();
    drop(keys);
    let mut row = vec![0u32; s_words.len() + 1];
    for &(a, _) in &cooc {
        row[a as usize + 1] += 1;
    }
    for a in 0..s_words.len() {
        row[a + 1] += row[a];
    }
    let targets: Vec<u32> = cooc.iter().map(|p| p.1).collect();
    let idx_of = |a: u32, b: u32| -> u32 {
        let (lo, hi) = (row[a as usize] as usize, row[a as usize + 1] as usize);
        lo as u32 + targets[lo..hi].partition_point(|&x| x < b) as u32
    };
    // Per sentence, the pair index of every (target position, source position) cell (rows by
    // target word: the forward direction's order) and the same cells transposed (rows by source
    // word: the backward direction's). Counting the distinct pairs of a sentence for the "seen
    // twice" rule only needs its distinct words.
    let mut seen = vec![0u32; cooc.len()];
    let mut by_t: Vec<Vec<u32>> = Vec::with_capacity(sents.len());
    let mut by_s: Vec<Vec<u32>> = Vec::with_capacity(sents.len());
    for (s, t) in &sents {
        let (ns, nt) = (s.len(), t.len());
        let mut v = Vec::with_capacity(ns * nt);
        for &b in t {
            v.extend(s.iter().map(|&a| idx_of(a, b)));
        }
        let mut w = vec![0u32; ns * nt];
        for bj in 0..nt {
            for ai in 0..ns {
                w[ai * nt + bj] = v[bj * ns + ai];
            }
        }
        let distinct = |x: &[u32]| -> Vec<usize> {
            let mut first: Vec<(u32, usize)> = x.iter().enumerate().map(|(i, &w)| (w, i)).collect();
            first.sort_unstable();
            first.dedup_by_key(|p| p.0);
            first.into_iter().map(|p| p.1).collect()
        };
        let ds = distinct(s);
        for bj in distinct(t) {
            for &ai in &ds {
                seen[v[bj * ns + ai] as usize] += 1;
            }
        }
        by_t.push(v);
        by_s.push(w);
    }
    // The two directions are independent: train them side by side.
    let (fwd, bwd) = rayon::join(
        || {
            em(
                &sents,
                &by_t,
                cooc.len(),
                s_words.len(),
                iterations,
                true,
                &cooc,
            )
        },
        || {
            em(
                &sents,
                &by_s,
                cooc.len(),
                t_words.len(),
                iterations,
                false,
                &cooc,
            )
        },
    );
    for (k, &(a, b)) in cooc.iter().enumerate() {
        if seen[k] >= 2 && fwd[k] >= min_p && bwd[k] >= min_p {
            let (s, t) = (s_words[a as usize], t_words[b as usize]);
            if s != t {
                lex.add(s, t);
            }
        }
    }
    lex
}

/// EM for Model 1. `forward`: p(t|s) (generate target words from source words + NULL), with
/// `cells` holding each sentence's pair indices in rows by target position; otherwise p(s|t),
/// with rows by source position. Returns the probability for every co-occurrence index.
fn em(
    sents: &[(Vec<u32>, Vec<u32>)],
    cells: &[Vec<u32>],
    ncooc: usize,
    ncond: usize,
    iterations: usize,
    forward: bool,
    cooc: &[(u32, u32)],
) -> Vec<f64> {
    let cond_of = |k: usize| {
        if forward {
            cooc[k].0 as usize
        } else {
            cooc[k].1 as usize
        }
    };
    let mut p = vec![1.0f64; ncooc];
    // NULL generation probability per generated word is fixed: keeps function words from
    // being forced onto content words.
    let null_p = 0.05f64;
    let mut counts = vec![0.0f64; ncooc];
    let mut totals = vec![0.0f64; ncond];
    for _ in 0..iterations {
        counts.iter_mut().for_each(|c| *c = 0.0);
        totals.iter_mut().for_each(|c| *c = 0.0);
        for ((s, t), idx) in sents.iter().zip(cells) {
            // Each row: one generated word against every conditioning word of the sentence.
            let len = if forward { s.len() } else { t.len() };
            if len == 0 {
                continue;
            }
            for row in idx.chunks_exact(len) {
                let z: f64 = null_p + row.iter().map(|&k| p[k as usize]).sum::<f64>();
                for &k in row {
                    counts[k as usize] += p[k as usize] / z;
                }
            }
        }
        for (k, &c) in counts.iter().enumerate() {
            totals[cond_of(k)] += c;
        }
        for (k, pk) in p.iter_mut().enumerate() {
            let tot = totals[cond_of(k)];
            *pk = if tot > 0.0 { counts[k] / tot } else { 0.0 };
        }
    }
    p
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(ws: &[&str]) -> Vec<u64> {
        ws.iter().map(|w| stem_of(w)).collect()
    }

    #[test]
    fn model1_learns_pairs() {
        let data = [
            (
                st(&["das", "haus", "ist", "klein"]),
                st(&["la", "maison", "est", "petite"]),
            ),
            (
                st(&["das", "haus", "ist", "gross"]),
                st(&["la", "maison", "est", "grande"]),
            ),
            (
                st(&["der", "berg", "ist", "gross"]),
                st(&["la", "montagne", "est", "grande"]),
            ),
            (
                st(&["der", "berg", "ist", "klein"]),
                st(&["la", "montagne", "est", "petite"]),
            ),
        ];
        let pairs: Vec<(&[u64], &[u64])> = data
            .iter()
            .map(|(a, b)| (a.as_slice(), b.as_slice()))
            .collect();
        let lex = train_model1(&pairs, 8, 0.3);
        let k_haus = lex.keys(&st(&["haus"]), true);
        let k_maison = lex.keys(&st(&["maison"]), false);
        assert!(k_haus.iter().any(|k| k_maison.contains(k)));
        let k_berg = lex.keys(&st(&["berg"]), true);
        assert!(!k_berg.iter().any(|k| k_maison.contains(k)));
    }

    #[test]
    fn dic_format() {
        let lex = parse_hunalign_dic("Haus @ maison\nder Berg @ la montagne\n\nnonsense\n");
        assert_eq!(lex.pairs, 2);
        // Format is `target @ source`.
        let s = lex.keys(&[stem_of("maison")], true);
        let t = lex.keys(&[stem_of("haus")], false);
        assert!(s.iter().any(|k| t.contains(k)));
        let s = lex.keys(&[stem_of("montagne")], true);
        let t = lex.keys(&[stem_of("berg")], false);
        assert!(s.iter().any(|k| t.contains(k)));
    }
}
