//! Candidate pairs: which language versions could be translations of each other at all.
//!
//! Translations appear within a few days of their original, so dated versions are compared
//! only inside a date window (±`lag_days`); the work is linear in the number of days. Undated
//! versions are compared with the versions that share a rare anchor (a number or a name) with
//! them, and versions with the same explicit key are always candidates. Teasers are not
//! matched across languages (too little text); they reach their group as copies.

use std::collections::{BTreeMap, HashMap};

use super::profile::{GroupKey, Profile};
use super::GroupConfig;
use crate::model::{Lang, StatementKind};

/// A candidate pair of statement indices, the one in the earlier language (output order) first.
pub type Pair = (usize, usize);

/// True for statements that take part in cross-language matching.
pub fn eligible(p: &Profile) -> bool {
    p.lang.is_some() && p.kind != Some(StatementKind::Teaser)
}

/// Orders a pair so that the statement in the earlier language comes first.
pub fn ordered(profiles: &[Profile], i: usize, j: usize) -> Pair {
    if (profiles[i].lang, i) <= (profiles[j].lang, j) {
        (i, j)
    } else {
        (j, i)
    }
}

/// Where candidate pairs come from: the eligible versions by language and day, and the few
/// pairs found otherwise (undated versions, explicit keys). The pairs of one language pair are
/// produced at a time ([`Pool::pairs`]): a caller that ranks and prunes them pair of languages
/// by pair of languages never holds every candidate of the corpus at once.
pub struct Pool {
    by_lang_day: BTreeMap<(Lang, i64), Vec<usize>>,
    /// Pairs of undated versions and pairs with the same explicit key, sorted, distinct.
    extra: Vec<Pair>,
    lag_days: i64,
    langs: Vec<Lang>,
    /// The eligible versions, sorted.
    members: Vec<usize>,
}

impl Pool {
    /// The candidate sources among `kept`.
    pub fn new(profiles: &[Profile], kept: &[usize], cfg: &GroupConfig) -> Pool {
        let mut by_lang_day: BTreeMap<(Lang, i64), Vec<usize>> = BTreeMap::new();
        let mut undated: Vec<usize> = Vec::new();
        let mut by_key: BTreeMap<&GroupKey, Vec<usize>> = BTreeMap::new();
        let mut langs = std::collections::BTreeSet::new();
        let mut members = Vec::new();
        for &i in kept {
            let p = &profiles[i];
            if !eligible(p) {
                continue;
            }
            members.push(i);
            let l = p.lang.expect("eligible");
            langs.insert(l);
            match p.day {
                Some(d) => by_lang_day.entry((l, d)).or_default().push(i),
                None => undated.push(i),
            }
            if let Some(k) = &p.group_key {
                by_key.entry(k).or_default().push(i);
            }
        }
        let mut extra = Vec::new();
        // Undated: against versions sharing a rare number or name.
        if !undated.is_empty() {
            extra.extend(undated_candidates(profiles, kept, &undated, cfg));
        }
        // Same explicit key: always compared.
        for list in by_key.values() {
            for (x, &i) in list.iter().enumerate() {
                for &j in &list[x + 1..] {
                    if profiles[i].lang != profiles[j].lang {
                        extra.push(ordered(profiles, i, j));
                    }
                }
            }
        }
        extra.sort_unstable();
        extra.dedup();
        Pool {
            by_lang_day,
            extra,
            lag_days: cfg.lag_days,
            langs: langs.into_iter().collect(),
            members: {
                members.sort_unstable();
                members
            },
        }
    }

    /// The versions that take part in matching (eligible, kept), sorted.
    pub fn members(&self) -> &[usize] {
        &self.members
    }

    /// The language pairs (earlier language first) that can have candidates.
    pub fn language_pairs(&self) -> Vec<(Lang, Lang)> {
        let mut out = Vec::new();
        for (x, &la) in self.langs.iter().enumerate() {
            for &lb in &self.langs[x + 1..] {
                out.push((la, lb));
            }
        }
        out
    }

    /// Every candidate pair of versions in `la` and `lb` (`la` first, `la < lb`), sorted,
    /// distinct: each dated version against the other language's versions of the date window,
    /// and the pairs of these languages found otherwise.
    pub fn pairs(&self, profiles: &[Profile], la: Lang, lb: Lang) -> Vec<Pair> {
        self.pairs_where(profiles, la, lb, |_, _| true)
    }

    /// [`Pool::pairs`] for which `keep(a, b)` holds (tested as they are generated: a caller
    /// after a few pairs does not sort them all).
    pub fn pairs_where(
        &self,
        profiles: &[Profile],
        la: Lang,
        lb: Lang,
        keep: impl Fn(usize, usize) -> bool,
    ) -> Vec<Pair> {
        let mut out: Vec<Pair> = Vec::new();
        for (&(_, d), list) in self.by_lang_day.range((la, i64::MIN)..=(la, i64::MAX)) {
            for (_, others) in self
                .by_lang_day
                .range((lb, d - self.lag_days)..=(lb, d + self.lag_days))
            {
                for &i in list {
                    out.extend(others.iter().filter(|&&j| keep(i, j)).map(|&j| (i, j)));
                }
            }
        }
        out.extend(self.extra.iter().filter(|&&(a, b)| {
            profiles[a].lang == Some(la) && profiles[b].lang == Some(lb) && keep(a, b)
        }));
        out.sort_unstable();
        out.dedup();
        out
    }
}

/// Candidates of undated versions: the `max_undated` versions of other languages sharing the
/// most idf weight of rare anchors (those in at most `rare_df` statements).
fn undated_candidates(
    profiles: &[Profile],
    kept: &[usize],
    undated: &[usize],
    cfg: &GroupConfig,
) -> Vec<Pair> {
    let mut postings: HashMap<u64, Vec<usize>> = HashMap::new();
    for &i in kept {
        if !eligible(&profiles[i]) {
            continue;
        }
        for &k in profiles[i].anchors.keys() {
            postings.entry(k).or_default().push(i);
        }
    }
    let n = kept.len().max(1) as f64;
    let mut out = Vec::new();
    for &i in undated {
        let mut score: BTreeMap<usize, f64> = BTreeMap::new();
        for &k in profiles[i].anchors.keys() {
            let Some(list) = postings.get(&k) else {
                continue;
            };
            if list.len() > cfg.rare_df {
                continue;
            }
            let w = (n / list.len() as f64).ln();
            for &j in list {
                if profiles[j].lang != profiles[i].lang {
                    *score.entry(j).or_default() += w;
                }
            }
        }
        let mut best: Vec<(f64, usize)> = score.into_iter().map(|(j, s)| (s, j)).collect();
        best.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        for &(_, j) in best.iter().take(cfg.max_undated) {
            out.push(ordered(profiles, i, j));
        }
    }
    out
}
