//! N-way alignment of a group's language versions: every version is aligned to the pivot, the
//! pairwise beads are merged into N-way units (connected components over segments), and direct
//! alignments of non-pivot pairs are checked against the merge; disagreements are marked as
//! conflicts instead of being hidden. The same merge serves paragraphs and sentences.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Bead, Lang};

/// A segment of one language version: (language, 0-based index).
pub type Node = (Lang, usize);

/// An N-way unit before texts are attached: the segment indices of each language, and the
/// minimum score of the beads that formed it.
#[derive(Clone, Debug, PartialEq)]
pub struct MergedUnit {
    pub segments: BTreeMap<Lang, Vec<usize>>,
    pub score: f64,
    pub conflict: bool,
}

/// Merges pairwise beads `pivot → lang` into N-way units, in reading order.
///
/// `counts` gives the number of segments of every language (pivot included). Every segment of
/// every language ends up in exactly one unit.
pub fn merge(
    pivot: Lang,
    counts: &BTreeMap<Lang, usize>,
    beads: &BTreeMap<Lang, Vec<Bead>>,
) -> Vec<MergedUnit> {
    // Union-find over nodes.
    let mut ids: BTreeMap<Node, usize> = BTreeMap::new();
    let mut nodes: Vec<Node> = Vec::new();
    for (&l, &n) in counts {
        for i in 0..n {
            ids.insert((l, i), nodes.len());
            nodes.push((l, i));
        }
    }
    let mut parent: Vec<usize> = (0..nodes.len()).collect();
    fn find(p: &mut [usize], mut x: usize) -> usize {
        while p[x] != x {
            p[x] = p[p[x]];
            x = p[x];
        }
        x
    }
    let mut score: Vec<f64> = vec![1.0; nodes.len()];
    // Position key of every node, in pivot coordinates: pivot segments at 2i, segments without a
    // pivot counterpart between their neighbours.
    let mut pos: Vec<(f64, usize, usize)> = vec![(f64::MAX, 0, 0); nodes.len()];
    for i in 0..counts.get(&pivot).copied().unwrap_or(0) {
        pos[ids[&(pivot, i)]] = (i as f64, 0, i);
    }
    for (&l, bs) in beads {
        let mut last_pivot = -0.5f64;
        for (k, b) in bs.iter().enumerate() {
            let members: Vec<usize> = b
                .src
                .iter()
                .map(|&i| ids[&(pivot, i)])
                .chain(b.tgt.iter().map(|&j| ids[&(l, j)]))
                .collect();
            if let Some(&m) = b.src.iter().max() {
                last_pivot = m as f64;
            }
            for &m in &members {
                score[m] = score[m].min(b.score);
            }
            if b.src.is_empty() {
                for &j in &b.tgt {
                    // After the last pivot segment seen, ordered by bead position.
                    pos[ids[&(l, j)]] = (last_pivot + 0.5, k, j);
                }
            } else {
                for &j in &b.tgt {
                    let p = b.src[0] as f64;
                    pos[ids[&(l, j)]] = (p, 0, j);
                }
            }
            for w in members.windows(2) {
                let (a, c) = (find(&mut parent, w[0]), find(&mut parent, w[1]));
                if a != c {
                    parent[a.max(c)] = a.min(c);
                }
            }
        }
    }
    // Languages with no beads at all (not aligned): their segments are singletons positioned at
    // the end, in order.
    for (&l, &n) in counts {
        if l != pivot && !beads.contains_key(&l) {
            for j in 0..n {
                pos[ids[&(l, j)]] = (f64::MAX / 2.0, 0, j);
            }
        }
    }
    let mut comps: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for x in 0..nodes.len() {
        let r = find(&mut parent, x);
        comps.entry(r).or_default().push(x);
    }
    let mut units: Vec<((f64, usize, usize, Lang), MergedUnit)> = comps
        .into_values()
        .map(|mem| {
            let mut segs: BTreeMap<Lang, Vec<usize>> = BTreeMap::new();
            let mut s = 1.0f64;
            let mut key = (f64::MAX, usize::MAX, usize::MAX, Lang::Ru);
            for &m in &mem {
                let (l, i) = nodes[m];
                segs.entry(l).or_default().push(i);
                s = s.min(score[m]);
                let p = pos[m];
                let k = (p.0, p.1, p.2, l);
                if k.0 < key.0 || (k.0 == key.0 && (k.1, k.2, k.3) < (key.1, key.2, key.3)) {
                    key = k;
                }
            }
            for v in segs.values_mut() {
                v.sort();
            }
            (
                key,
                MergedUnit {
                    segments: segs,
                    score: s,
                    conflict: false,
                },
            )
        })
        .collect();
    units.sort_by(|a, b| {
        a.0 .0
            .total_cmp(&b.0 .0)
            .then((a.0 .1, a.0 .2, a.0 .3).cmp(&(b.0 .1, b.0 .2, b.0 .3)))
    });
    units.into_iter().map(|u| u.1).collect()
}

/// Marks units whose A–B content disagrees with a direct A–B alignment. `direct` maps a pair of
/// non-pivot languages to its beads (A as source). Returns the number of conflicting units.
pub fn mark_conflicts(
    units: &mut [MergedUnit],
    direct: &BTreeMap<(Lang, Lang), Vec<Bead>>,
) -> usize {
    let mut n = 0;
    for (&(a, b), beads) in direct {
        // For each A segment, the set of B segments the direct alignment links it to.
        let mut link: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        let mut linked_b: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
        for bd in beads {
            for &i in &bd.src {
                link.entry(i).or_default().extend(bd.tgt.iter().copied());
            }
            for &j in &bd.tgt {
                linked_b
                    .entry(j)
                    .or_default()
                    .extend(bd.src.iter().copied());
            }
        }
        for u in units.iter_mut() {
            let (Some(sa), Some(sb)) = (u.segments.get(&a), u.segments.get(&b)) else {
                // One side present, the other absent in this unit: conflict if direct alignment
                // links the present segments to something.
                continue;
            };
            let sbset: BTreeSet<usize> = sb.iter().copied().collect();
            let saset: BTreeSet<usize> = sa.iter().copied().collect();
            // Every direct link of an A segment must point inside the unit's B segments (and
            // vice versa); an A segment that the direct alignment leaves unlinked is fine only if
            // it is not linked elsewhere.
            let bad_a = sa.iter().any(|i| {
                link.get(i)
                    .is_some_and(|t| !t.is_empty() && !t.iter().any(|j| sbset.contains(j)))
            });
            let bad_b = sb.iter().any(|j| {
                linked_b
                    .get(j)
                    .is_some_and(|s| !s.is_empty() && !s.iter().any(|i| saset.contains(i)))
            });
            if (bad_a || bad_b) && !u.conflict {
                u.conflict = true;
                n += 1;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    fn b(s: &[usize], t: &[usize]) -> Bead {
        Bead {
            src: s.to_vec(),
            tgt: t.to_vec(),
            score: 0.9,
        }
    }

    #[test]
    fn merge_three_languages() {
        let counts: BTreeMap<Lang, usize> = [(Lang::En, 4), (Lang::De, 3), (Lang::Fr, 5)]
            .into_iter()
            .collect();
        let mut beads = BTreeMap::new();
        // de merges en 1+2; fr splits en 3 and adds a paragraph after en 0.
        beads.insert(
            Lang::De,
            vec![b(&[0], &[0]), b(&[1, 2], &[1]), b(&[3], &[2])],
        );
        beads.insert(
            Lang::Fr,
            vec![
                b(&[0], &[0]),
                b(&[], &[1]),
                b(&[1], &[2]),
                b(&[2], &[3]),
                b(&[3], &[4]),
            ],
        );
        let units = merge(Lang::En, &counts, &beads);
        let shapes: Vec<String> = units
            .iter()
            .map(|u| {
                u.segments
                    .iter()
                    .map(|(l, v)| format!("{l}{v:?}"))
                    .collect::<Vec<_>>()
                    .join(" ")
            })
            .collect();
        assert_eq!(
            shapes,
            vec![
                "de[0] en[0] fr[0]",
                "fr[1]",
                "de[1] en[1, 2] fr[2, 3]",
                "de[2] en[3] fr[4]"
            ]
        );
    }

    #[test]
    fn conflicts_are_marked() {
        let counts: BTreeMap<Lang, usize> = [(Lang::En, 2), (Lang::De, 2), (Lang::Fr, 2)]
            .into_iter()
            .collect();
        let mut beads = BTreeMap::new();
        beads.insert(Lang::De, vec![b(&[0], &[0]), b(&[1], &[1])]);
        beads.insert(Lang::Fr, vec![b(&[0], &[0]), b(&[1], &[1])]);
        let mut units = merge(Lang::En, &counts, &beads);
        let mut direct = BTreeMap::new();
        direct.insert((Lang::De, Lang::Fr), vec![b(&[0], &[1]), b(&[1], &[])]);
        let direct_ok: BTreeMap<(Lang, Lang), Vec<Bead>> =
            [((Lang::De, Lang::Fr), vec![b(&[0], &[0]), b(&[1], &[1])])]
                .into_iter()
                .collect();
        assert_eq!(mark_conflicts(&mut units.clone(), &direct_ok), 0);
        assert!(mark_conflicts(&mut units, &direct) >= 1);
    }
}
