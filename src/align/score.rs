//! Reading, writing and scoring bead files in vecalign's format (`[0]:[0, 1]`, `[]` for an
//! empty side), with strict and lax precision/recall as in Sennrich & Volk (2011) and vecalign's
//! `score.py`: precision over all predicted beads (1-0 and 0-1 included), recall over gold
//! beads with both sides non-empty; a lax hit shares a source sentence with a reference bead and
//! also one of that bead's target sentences.

use std::collections::{BTreeMap, BTreeSet};

use anyhow::{bail, Context};

use crate::model::Bead;

/// A bead as two index lists.
pub type SimpleBead = (Vec<usize>, Vec<usize>);

/// Formats a bead as vecalign does: `[0]:[0, 1]`.
pub fn format_bead(src: &[usize], tgt: &[usize]) -> String {
    let f = |v: &[usize]| {
        let inner: Vec<String> = v.iter().map(|x| x.to_string()).collect();
        format!("[{}]", inner.join(", "))
    };
    format!("{}:{}", f(src), f(tgt))
}

/// Formats model beads, one per line, with an optional tab-separated score.
pub fn format_beads(beads: &[Bead], with_scores: bool) -> String {
    let mut out = String::new();
    for b in beads {
        out.push_str(&format_bead(&b.src, &b.tgt));
        if with_scores {
            out.push_str(&format!("\t{:.4}", b.score));
        }
        out.push('\n');
    }
    out
}

fn parse_list(s: &str) -> anyhow::Result<Vec<usize>> {
    let s = s.trim();
    let inner = s
        .strip_prefix('[')
        .and_then(|x| x.strip_suffix(']'))
        .with_context(|| format!("expected [..], got {s:?}"))?;
    inner
        .split(',')
        .map(str::trim)
        .filter(|x| !x.is_empty())
        .map(|x| {
            x.parse::<usize>()
                .with_context(|| format!("bad index {x:?}"))
        })
        .collect()
}

/// Parses a bead file: one `[..]:[..]` per line; anything after a tab (a score) is ignored;
/// blank lines are skipped.
pub fn parse_beads(text: &str) -> anyhow::Result<Vec<SimpleBead>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.split('\t').next().unwrap_or("").trim();
        if line.is_empty() {
            continue;
        }
        let Some((a, b)) = line
            .split_once("]:[")
            .map(|(a, b)| (format!("{a}]"), format!("[{b}")))
        else {
            bail!("line {}: expected [i]:[j], got {line:?}", n + 1);
        };
        out.push((
            parse_list(&a).with_context(|| format!("line {}", n + 1))?,
            parse_list(&b).with_context(|| format!("line {}", n + 1))?,
        ));
    }
    Ok(out)
}

/// Strict and lax precision, recall and F1.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Scores {
    pub precision_strict: f64,
    pub recall_strict: f64,
    pub f1_strict: f64,
    pub precision_lax: f64,
    pub recall_lax: f64,
    pub f1_lax: f64,
}

/// (strict hits, strict misses, lax hits, lax misses) of `test` against `gold`.
fn counts(gold: &[SimpleBead], test: &[SimpleBead]) -> [usize; 4] {
    let gold: BTreeSet<&SimpleBead> = gold
        .iter()
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .collect();
    let test: BTreeSet<&SimpleBead> = test
        .iter()
        .filter(|(s, t)| !s.is_empty() || !t.is_empty())
        .collect();
    let mut src_to_tgt: BTreeMap<usize, BTreeSet<usize>> = BTreeMap::new();
    for (s, t) in &gold {
        for &a in s {
            src_to_tgt.entry(a).or_default().extend(t.iter().copied());
        }
    }
    let mut c = [0usize; 4];
    for b in test {
        if gold.contains(b) {
            c[0] += 1;
            c[2] += 1;
        } else {
            c[1] += 1;
            let lax = b.0.iter().any(|a| {
                src_to_tgt
                    .get(a)
                    .is_some_and(|ts| b.1.iter().any(|t| ts.contains(t)))
            });
            if lax {
                c[2] += 1;
            } else {
                c[3] += 1;
            }
        }
    }
    c
}

fn ratio(a: usize, b: usize) -> f64 {
    if a + b == 0 {
        0.0
    } else {
        a as f64 / (a + b) as f64
    }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

/// Scores several documents together (counts are pooled, as vecalign's `score_multiple`).
pub fn score_multiple(docs: &[(Vec<SimpleBead>, Vec<SimpleBead>)]) -> Scores {
    let mut pc = [0usize; 4];
    let mut rc = [0usize; 4];
    for (gold, test) in docs {
        let p = counts(gold, test);
        let both = |v: &[SimpleBead]| -> Vec<SimpleBead> {
            v.iter()
                .filter(|(s, t)| !s.is_empty() && !t.is_empty())
                .cloned()
                .collect()
        };
        let r = counts(&both(test), &both(gold));
        for k in 0..4 {
            pc[k] += p[k];
            rc[k] += r[k];
        }
    }
    let ps = ratio(pc[0], pc[1]);
    let pl = ratio(pc[2], pc[3]);
    let rs = ratio(rc[0], rc[1]);
    let rl = ratio(rc[2], rc[3]);
    Scores {
        precision_strict: ps,
        recall_strict: rs,
        f1_strict: f1(ps, rs),
        precision_lax: pl,
        recall_lax: rl,
        f1_lax: f1(pl, rl),
    }
}

/// Scores one document.
pub fn score(gold: &[SimpleBead], test: &[SimpleBead]) -> Scores {
    score_multiple(&[(gold.to_vec(), test.to_vec())])
}

/// A small table like vecalign's.
pub fn format_table(s: &Scores) -> String {
    format!(
        " ---------------------------------\n\
         |             |  Strict |    Lax  |\n\
         | Precision   |   {:.3} |   {:.3} |\n\
         | Recall      |   {:.3} |   {:.3} |\n\
         | F1          |   {:.3} |   {:.3} |\n \
         ---------------------------------\n",
        s.precision_strict, s.precision_lax, s.recall_strict, s.recall_lax, s.f1_strict, s.f1_lax
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn roundtrip() {
        let text = "[0]:[0, 1]\n[1]:[2]\n[]:[3]\n[2,3]:[]\t0.5\n";
        let b = parse_beads(text).unwrap();
        assert_eq!(b[0], (vec![0], vec![0, 1]));
        assert_eq!(b[2], (vec![], vec![3]));
        assert_eq!(b[3], (vec![2, 3], vec![]));
        assert_eq!(format_bead(&b[0].0, &b[0].1), "[0]:[0, 1]");
        assert_eq!(format_bead(&[], &[3]), "[]:[3]");
        assert!(parse_beads("[0]-[1]").is_err());
    }

    #[test]
    fn perfect_and_partial() {
        let gold = parse_beads("[0]:[0, 1]\n[1]:[2]\n[]:[3]\n[2]:[4]").unwrap();
        let s = score(&gold, &gold);
        assert_eq!(s.f1_strict, 1.0);
        assert_eq!(s.f1_lax, 1.0);
        // Split the 1-2 bead: one strict miss becomes two lax hits.
        let test = parse_beads("[0]:[0]\n[]:[1]\n[1]:[2]\n[]:[3]\n[2]:[4]").unwrap();
        let s = score(&gold, &test);
        // Precision: 5 predicted, strict hits [1]:[2], []:[3], [2]:[4] = 3; lax adds [0]:[0].
        assert!((s.precision_strict - 3.0 / 5.0).abs() < 1e-12);
        assert!((s.precision_lax - 4.0 / 5.0).abs() < 1e-12);
        // Recall over 3 gold beads with both sides: strict 2, lax 3.
        assert!((s.recall_strict - 2.0 / 3.0).abs() < 1e-12);
        assert!((s.recall_lax - 1.0).abs() < 1e-12);
    }
}
