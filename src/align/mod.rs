//! Alignment of two language versions (paragraphs or sentences) by dynamic programming, and the
//! N-way merge of pairwise alignments around a pivot ([`nway`]).
//! (Skeleton: the pairwise aligner is to be replaced by the real one.)

pub mod nway;

use std::collections::BTreeMap;

use crate::model::{Bead, Lang};

/// Aligner settings.
#[derive(Clone, Debug)]
pub struct AlignConfig {
    /// Allowed bead shapes (source count, target count). Default: 0-1, 1-0, 1-1, 1-2, 2-1, 2-2,
    /// 1-3, 3-1.
    pub beads: Vec<(usize, usize)>,
}

impl Default for AlignConfig {
    fn default() -> Self {
        AlignConfig {
            beads: vec![(0, 1), (1, 0), (1, 1), (1, 2), (2, 1), (2, 2), (1, 3), (3, 1)],
        }
    }
}

/// One document pair to align.
#[derive(Clone, Debug)]
pub struct PairJob<'a> {
    pub src_lang: Lang,
    pub tgt_lang: Lang,
    pub src: Vec<&'a str>,
    pub tgt: Vec<&'a str>,
}

/// Length statistics of a language pair learned from the data: target chars ≈ ratio × source
/// chars, with variance `var` per source char (Gale & Church's c and s²).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct LengthStats {
    pub ratio: f64,
    pub var: f64,
}

/// Result of aligning a whole corpus of document pairs.
#[derive(Clone, Debug, Default)]
pub struct CorpusAlignment {
    /// Beads per job, in job order; monotone and complete.
    pub beads: Vec<Vec<Bead>>,
    /// Length statistics learned per (source, target) language pair.
    pub stats: BTreeMap<(Lang, Lang), LengthStats>,
}

/// Aligns every job. Parameters and lexicons are learned per language pair over all jobs of
/// that pair. Deterministic whatever the thread count.
pub fn align_corpus(jobs: &[PairJob<'_>], _cfg: &AlignConfig) -> CorpusAlignment {
    let beads = jobs
        .iter()
        .map(|j| {
            let n = j.src.len().max(j.tgt.len());
            (0..n)
                .map(|i| Bead {
                    src: if i < j.src.len() { vec![i] } else { vec![] },
                    tgt: if i < j.tgt.len() { vec![i] } else { vec![] },
                    score: 0.5,
                })
                .collect()
        })
        .collect();
    CorpusAlignment {
        beads,
        stats: BTreeMap::new(),
    }
}
