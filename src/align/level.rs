//! One alignment level, the step shared by the pipeline (a group's versions paragraph by
//! paragraph, then sentence by sentence inside each paragraph unit) and by `polyalign pair`
//! (two documents, then the sentences inside each paragraph bead).
//!
//! A level is a list of [`LevelUnit`]s, each holding the segments of several language versions
//! (pivot first). Every version is aligned to its unit's pivot — and, when asked, directly to
//! the other versions, for the conflict check — and all units of the level are aligned as one
//! corpus, so that length parameters and the lexicon are learned per language pair over all of
//! them ([`super::align_features`]). [`Children`] gathers the segments of the next level (the
//! sentences of a paragraph unit), and [`align_documents`] is the whole of `pair`.
//!
//! Segments are given by their features, computed once per segment by the caller: a pivot
//! paragraph aligned to four languages and checked against three direct pairs is featurised
//! once, not seven times.

use std::collections::BTreeMap;

use super::features::{self, SegFeatures};
use super::nway::{self, MergedUnit};
use super::{align_features_given, AlignConfig, FeatureJob, LengthStats, LevelStats};
use crate::model::{Bead, Lang};

/// One language version inside a unit: its language and the features of its segments.
#[derive(Clone, Debug)]
pub struct Side<'a> {
    pub lang: Lang,
    pub segments: Vec<&'a SegFeatures>,
}

/// Versions to align with each other; `sides[0]` is the pivot.
#[derive(Clone, Debug, Default)]
pub struct LevelUnit<'a> {
    pub sides: Vec<Side<'a>>,
}

/// The beads of one level.
#[derive(Clone, Debug, Default)]
pub struct LevelAlignment {
    /// Per unit, the beads pivot → `sides[k]` at index `k - 1`.
    pub to_pivot: Vec<Vec<Vec<Bead>>>,
    /// Per unit, when direct pairs were asked for: `(a, b, beads)` for `sides[a]` → `sides[b]`,
    /// 1 ≤ a < b, in that order.
    pub direct: Vec<Vec<(usize, usize, Vec<Bead>)>>,
    /// Length statistics learned per (source, target) language pair.
    pub stats: BTreeMap<(Lang, Lang), LengthStats>,
    /// Everything learned per language pair (or given): what [`align_level_given`] takes.
    pub learned: LevelStats,
}

/// Number of pairwise jobs a level runs (for progress reports).
pub fn job_count(units: &[LevelUnit<'_>], direct: bool) -> usize {
    units
        .iter()
        .map(|u| {
            let others = u.sides.len().saturating_sub(1);
            others
                + if direct {
                    others * others.saturating_sub(1) / 2
                } else {
                    0
                }
        })
        .sum()
}

/// Aligns every unit's versions to its pivot, and to each other when `direct`.
/// Deterministic whatever the thread count; the jobs are ordered unit by unit, pivot pairs
/// first, so the learned parameters do not depend on how the caller stores its units.
pub fn align_level(units: &[LevelUnit<'_>], direct: bool, cfg: &AlignConfig) -> LevelAlignment {
    align_level_given(units, direct, cfg, None, false)
}

/// [`align_level`] under statistics learned before ([`LevelAlignment::learned`] of a whole
/// corpus's run, for a part of it): its units get the whole run's beads. `learn_only`: only
/// the learning sample is aligned (every unit's beads are left empty), for the statistics.
pub fn align_level_given(
    units: &[LevelUnit<'_>],
    direct: bool,
    cfg: &AlignConfig,
    given: Option<&LevelStats>,
    learn_only: bool,
) -> LevelAlignment {
    fn job<'a>(a: &Side<'a>, b: &Side<'a>) -> FeatureJob<'a> {
        FeatureJob {
            src_lang: a.lang,
            tgt_lang: b.lang,
            src: a.segments.clone(),
            tgt: b.segments.clone(),
        }
    }
    let mut jobs = Vec::with_capacity(job_count(units, direct));
    for u in units {
        let Some((pivot, others)) = u.sides.split_first() else {
            continue;
        };
        jobs.extend(others.iter().map(|s| job(pivot, s)));
        if direct {
            for (x, a) in others.iter().enumerate() {
                jobs.extend(others[x + 1..].iter().map(|b| job(a, b)));
            }
        }
    }
    let none = learn_only.then(|| vec![false; jobs.len()]);
    let ca = align_features_given(&jobs, cfg, given, none.as_deref());
    drop(jobs);
    let mut beads = ca.beads.into_iter();
    let mut out = LevelAlignment {
        stats: ca.stats,
        learned: ca.learned,
        ..Default::default()
    };
    for u in units {
        let n = u.sides.len();
        let mut to_pivot = Vec::new();
        let mut pairs = Vec::new();
        if n > 0 {
            to_pivot.extend(beads.by_ref().take(n - 1));
            if direct {
                for a in 1..n {
                    for b in a + 1..n {
                        pairs.push((a, b, beads.next().expect("one result per job")));
                    }
                }
            }
        }
        out.to_pivot.push(to_pivot);
        out.direct.push(pairs);
    }
    out
}

impl LevelAlignment {
    /// The N-way units of `units[u]` (its languages must be distinct), in reading order, with
    /// the direct alignments' disagreements marked as conflicts.
    pub fn merged(&self, units: &[LevelUnit<'_>], u: usize) -> Vec<MergedUnit> {
        let sides = &units[u].sides;
        let counts: BTreeMap<Lang, usize> =
            sides.iter().map(|s| (s.lang, s.segments.len())).collect();
        debug_assert_eq!(
            counts.len(),
            sides.len(),
            "languages of a unit are distinct"
        );
        let pair: BTreeMap<Lang, Vec<Bead>> = sides[1..]
            .iter()
            .zip(&self.to_pivot[u])
            .map(|(s, b)| (s.lang, b.clone()))
            .collect();
        let mut merged = nway::merge(sides[0].lang, &counts, &pair);
        if !self.direct[u].is_empty() {
            let direct: BTreeMap<(Lang, Lang), Vec<Bead>> = self.direct[u]
                .iter()
                .map(|(a, b, beads)| ((sides[*a].lang, sides[*b].lang), beads.clone()))
                .collect();
            nway::mark_conflicts(&mut merged, &direct);
        }
        merged
    }
}

/// The child segments (sentences) of one version, numbered in reading order, with the parent
/// segment (paragraph) each belongs to.
#[derive(Clone, Debug, Default)]
pub struct Children {
    /// Children of parent `p`: `start[p]..start[p + 1]`.
    start: Vec<usize>,
    /// Features of every child, in reading order.
    pub features: Vec<SegFeatures>,
}

impl Children {
    /// Children given as texts per parent; featurised in parallel.
    pub fn new(per_parent: &[Vec<&str>]) -> Children {
        let mut start = Vec::with_capacity(per_parent.len() + 1);
        let mut texts: Vec<&str> = Vec::new();
        for p in per_parent {
            start.push(texts.len());
            texts.extend(p.iter().copied());
        }
        start.push(texts.len());
        Children {
            start,
            features: features::extract_all(&texts),
        }
    }

    /// Numbers of the children of `parents`, in order.
    pub fn of(&self, parents: &[usize]) -> Vec<usize> {
        parents
            .iter()
            .flat_map(|&p| self.start[p]..self.start[p + 1])
            .collect()
    }

    /// Features of the children numbered `ids`.
    pub fn features_of(&self, ids: &[usize]) -> Vec<&SegFeatures> {
        ids.iter().map(|&k| &self.features[k]).collect()
    }
}

/// Confidence of a bead aligned inside a parent unit (a sentence bead inside a paragraph unit):
/// its own posterior, which assumes the parent is right, times the parent's. Used by the
/// pipeline's sentence units and by `pair`.
pub fn nested_score(own: f64, parent: f64) -> f64 {
    own * parent
}

/// How `pair` reads a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segmentation {
    /// One segment per line (blank lines included).
    Lines,
    /// Paragraphs (blank-line blocks).
    Paragraphs,
    /// Paragraphs, then the sentences inside each paragraph bead.
    Sentences,
}

/// Aligns two documents, the library behind `polyalign pair`. At the sentence level a sentence
/// bead's score is its posterior times its paragraph bead's (it is right only if the paragraph
/// bead is), and the sentences of a paragraph bead with one side empty are 1-0 or 0-1 beads with
/// the paragraph bead's score.
pub fn align_documents(
    src: &str,
    tgt: &str,
    langs: (Lang, Lang),
    segmentation: Segmentation,
    cfg: &AlignConfig,
) -> Vec<Bead> {
    fn pair<'a>(
        langs: (Lang, Lang),
        s: Vec<&'a SegFeatures>,
        t: Vec<&'a SegFeatures>,
    ) -> LevelUnit<'a> {
        LevelUnit {
            sides: vec![
                Side {
                    lang: langs.0,
                    segments: s,
                },
                Side {
                    lang: langs.1,
                    segments: t,
                },
            ],
        }
    }
    let one = |s: &[SegFeatures], t: &[SegFeatures]| -> Vec<Bead> {
        let units = [pair(langs, s.iter().collect(), t.iter().collect())];
        let mut la = align_level(&units, false, cfg);
        la.to_pivot
            .pop()
            .and_then(|mut v| v.pop())
            .unwrap_or_default()
    };
    if segmentation == Segmentation::Lines {
        let s: Vec<&str> = src.lines().collect();
        let t: Vec<&str> = tgt.lines().collect();
        return one(&features::extract_all(&s), &features::extract_all(&t));
    }
    let paragraphs = |text: &str| -> Vec<String> {
        crate::text::blocks(&crate::text::normalize(text))
            .into_iter()
            .map(|b| b.text)
            .collect()
    };
    let (ps, pt) = (paragraphs(src), paragraphs(tgt));
    let sp: Vec<&str> = ps.iter().map(String::as_str).collect();
    let tp: Vec<&str> = pt.iter().map(String::as_str).collect();
    let pbeads = one(&features::extract_all(&sp), &features::extract_all(&tp));
    if segmentation == Segmentation::Paragraphs {
        return pbeads;
    }
    let sentences = |paras: &[&str], lang: Lang| -> Children {
        let per: Vec<Vec<&str>> = paras
            .iter()
            .map(|p| crate::segment::sentences(p, lang))
            .collect();
        Children::new(&per)
    };
    let (cs, ct) = (sentences(&sp, langs.0), sentences(&tp, langs.1));
    let spans: Vec<(Vec<usize>, Vec<usize>)> = pbeads
        .iter()
        .map(|b| (cs.of(&b.src), ct.of(&b.tgt)))
        .collect();
    let both = |s: &[usize], t: &[usize]| !s.is_empty() && !t.is_empty();
    let units: Vec<LevelUnit<'_>> = spans
        .iter()
        .filter(|(s, t)| both(s, t))
        .map(|(s, t)| pair(langs, cs.features_of(s), ct.features_of(t)))
        .collect();
    let mut inner = align_level(&units, false, cfg).to_pivot.into_iter();
    let mut out = Vec::new();
    for ((s, t), pb) in spans.iter().zip(&pbeads) {
        if !both(s, t) {
            let lone = |k: usize, src: bool| Bead {
                src: if src { vec![k] } else { vec![] },
                tgt: if src { vec![] } else { vec![k] },
                score: pb.score,
            };
            out.extend(s.iter().map(|&k| lone(k, true)));
            out.extend(t.iter().map(|&k| lone(k, false)));
            continue;
        }
        let beads = inner
            .next()
            .and_then(|mut v| v.pop())
            .expect("one result per unit");
        out.extend(beads.into_iter().map(|b| Bead {
            src: b.src.iter().map(|&k| s[k]).collect(),
            tgt: b.tgt.iter().map(|&k| t[k]).collect(),
            score: nested_score(b.score, pb.score),
        }));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn children_are_numbered_in_reading_order() {
        let c = Children::new(&[vec!["a b.", "c d."], vec![], vec!["e f."]]);
        assert_eq!(c.of(&[0]), vec![0, 1]);
        assert_eq!(c.of(&[1, 2]), vec![2]);
        assert_eq!(c.features_of(&[2])[0].chars, 4);
    }

    #[test]
    fn level_results_follow_unit_and_side_order() {
        let f: Vec<SegFeatures> = ["Eins 2019.", "Zwei 2020.", "Drei 2021."]
            .iter()
            .map(|s| features::extract(s))
            .collect();
        let side = |lang, n: usize| Side {
            lang,
            segments: f[..n].iter().collect(),
        };
        let units = [
            LevelUnit {
                sides: vec![side(Lang::En, 3), side(Lang::De, 3), side(Lang::Fr, 2)],
            },
            LevelUnit {
                sides: vec![side(Lang::En, 1), side(Lang::De, 1)],
            },
        ];
        let la = align_level(&units, true, &AlignConfig::default());
        assert_eq!(la.to_pivot[0].len(), 2);
        assert_eq!(
            la.to_pivot[0][1].iter().map(|b| b.tgt.len()).sum::<usize>(),
            2
        );
        assert_eq!(la.direct[0].len(), 1);
        assert_eq!((la.direct[0][0].0, la.direct[0][0].1), (1, 2));
        assert_eq!(la.to_pivot[1].len(), 1);
        assert!(la.direct[1].is_empty());
        let merged = la.merged(&units, 0);
        let en: usize = merged
            .iter()
            .filter_map(|m| m.segments.get(&Lang::En))
            .map(Vec::len)
            .sum();
        assert_eq!(en, 3);
        assert_eq!(job_count(&units, true), 4);
    }
}
