//! Joint decisions: which candidate pairs become links, so that every group holds at most one
//! version per language and every member fits the others.
//!
//! Competitive linking (Melamed; Buck & Koehn's greedy 1-1 assignment): pairs are taken in
//! decreasing probability; a pair joins two groups only when it is probable enough, the groups
//! share no language (so each language pair gets a one-to-one assignment), and the members of
//! the two groups agree with each other (every cross pair that was scored is at least
//! `min_cross` probable, and on average at least `min_probability`): a version joins a group
//! because it fits the group, not just one member. Ties break on statement indices.

use std::collections::{BTreeMap, HashMap};

use super::candidates::Pair;
use super::profile::Profile;
use crate::model::Lang;

/// A decided link between two statements.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Link {
    pub pair: Pair,
    /// Candidate index (into the candidate list), `None` for a forced link.
    pub cand: Option<usize>,
    pub prob: f64,
}

/// Why a probable pair was not linked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Blocked {
    /// Both groups already hold a version in a common language.
    Language(Lang),
    /// A member of one group does not fit a member of the other.
    Inconsistent,
}

/// The outcome of the assignment.
#[derive(Clone, Debug, Default)]
pub struct Assignment {
    /// Component (root statement index) of every statement.
    pub comp: Vec<usize>,
    pub links: Vec<Link>,
    /// Probable pairs left apart, with the reason.
    pub blocked: Vec<(usize, Blocked)>,
}

/// Assigns links. `forced` pairs (same explicit id) are linked first whatever their score;
/// `probs[x]` is the probability of candidate `cands[x]`.
pub fn assign(
    profiles: &[Profile],
    cands: &[Pair],
    probs: &[f64],
    forced: &[Pair],
    min_probability: f64,
    min_cross: f64,
) -> Assignment {
    let n = profiles.len();
    let mut comp: Vec<usize> = (0..n).collect();
    let mut members: HashMap<usize, Vec<usize>> = HashMap::new();
    let lookup: HashMap<Pair, usize> = cands.iter().enumerate().map(|(x, &p)| (p, x)).collect();
    let prob_of = |i: usize, j: usize| -> Option<f64> {
        let key = if (profiles[i].lang, i) <= (profiles[j].lang, j) {
            (i, j)
        } else {
            (j, i)
        };
        lookup.get(&key).map(|&x| probs[x])
    };
    let mut out = Assignment::default();
    let mut order: Vec<(f64, Option<usize>, Pair)> =
        forced.iter().map(|&p| (2.0, None, p)).collect();
    order.extend(
        cands
            .iter()
            .enumerate()
            .filter(|(x, _)| probs[*x] >= min_probability)
            .map(|(x, &p)| (probs[x], Some(x), p)),
    );
    order.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.2.cmp(&b.2)));
    for (p, cand, (i, j)) in order {
        let (ci, cj) = (comp[i], comp[j]);
        if ci == cj {
            continue;
        }
        let mi = members.get(&ci).cloned().unwrap_or_else(|| vec![ci]);
        let mj = members.get(&cj).cloned().unwrap_or_else(|| vec![cj]);
        let langs_i: BTreeMap<Lang, usize> = mi
            .iter()
            .filter_map(|&k| profiles[k].lang.map(|l| (l, k)))
            .collect();
        if let Some(l) = mj
            .iter()
            .filter_map(|&k| profiles[k].lang)
            .find(|l| langs_i.contains_key(l))
        {
            if let Some(x) = cand {
                out.blocked.push((x, Blocked::Language(l)));
            }
            continue;
        }
        if let Some(x) = cand {
            let mut known = 0usize;
            let mut sum = 0.0;
            let mut fits = true;
            for &m in &mi {
                for &n in &mj {
                    if let Some(q) = prob_of(m, n) {
                        known += 1;
                        sum += q;
                        fits &= q >= min_cross;
                    }
                }
            }
            if !fits || (known > 0 && sum / (known as f64) < min_probability) {
                out.blocked.push((x, Blocked::Inconsistent));
                continue;
            }
        }
        let (keep, gone) = if ci < cj { (ci, cj) } else { (cj, ci) };
        let mut moved = members.remove(&gone).unwrap_or_else(|| vec![gone]);
        for &k in &moved {
            comp[k] = keep;
        }
        let e = members.entry(keep).or_insert_with(|| vec![keep]);
        e.append(&mut moved);
        out.links.push(Link {
            pair: (i, j),
            cand,
            prob: p.min(1.0),
        });
    }
    out.comp = comp;
    out
}
