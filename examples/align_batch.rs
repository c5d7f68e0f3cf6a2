//! Aligns many presegmented document pairs as one corpus (parameters and lexicon learned per
//! language pair over all of them, as the pipeline does) and scores them against gold.
//!
//! `cargo run --release --example align_batch -- MANIFEST`
//! MANIFEST: TSV lines `src  tgt  src_lang  tgt_lang  gold  out` (see scripts/perturb_mozilla.py).
//! Prints strict/lax P/R/F1 per ordered language pair (counts pooled over documents) and writes
//! each document's beads to `out`.

use std::collections::BTreeMap;

use polyalign::align::score::{format_beads, parse_beads, score_multiple, SimpleBead};
use polyalign::align::{align_corpus, AlignConfig, PairJob};
use polyalign::model::Lang;

/// One document's gold and predicted beads.
type GoldAndTest = (Vec<SimpleBead>, Vec<SimpleBead>);

fn main() -> anyhow::Result<()> {
    let manifest = std::env::args()
        .nth(1)
        .expect("usage: align_batch MANIFEST");
    let rows: Vec<Vec<String>> = std::fs::read_to_string(&manifest)?
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split('\t').map(str::to_string).collect())
        .collect();
    let texts: Vec<(String, String)> = rows
        .iter()
        .map(|r| {
            Ok((
                std::fs::read_to_string(&r[0])?,
                std::fs::read_to_string(&r[1])?,
            ))
        })
        .collect::<anyhow::Result<_>>()?;
    let jobs: Vec<PairJob> = rows
        .iter()
        .zip(&texts)
        .map(|(r, (s, t))| PairJob {
            src_lang: Lang::from_code(&r[2]).unwrap(),
            tgt_lang: Lang::from_code(&r[3]).unwrap(),
            src: s.lines().collect(),
            tgt: t.lines().collect(),
        })
        .collect();
    let t0 = std::time::Instant::now();
    let res = align_corpus(&jobs, &AlignConfig::default());
    eprintln!("aligned {} jobs in {:.2?}", jobs.len(), t0.elapsed());
    let mut per_pair: BTreeMap<(String, String), Vec<GoldAndTest>> = BTreeMap::new();
    for (r, beads) in rows.iter().zip(&res.beads) {
        std::fs::write(&r[5], format_beads(beads, true))?;
        let gold = parse_beads(&std::fs::read_to_string(&r[4])?)?;
        let test = beads
            .iter()
            .map(|b| (b.src.clone(), b.tgt.clone()))
            .collect();
        per_pair
            .entry((r[2].clone(), r[3].clone()))
            .or_default()
            .push((gold, test));
    }
    println!("pair   P_strict R_strict F1_strict  F1_lax  ratio  var  lexicon");
    let mut all = Vec::new();
    for ((s, t), docs) in &per_pair {
        let sc = score_multiple(docs);
        let key = (Lang::from_code(s).unwrap(), Lang::from_code(t).unwrap());
        let st = res.stats[&key];
        println!(
            "{s}-{t}  {:.4}   {:.4}   {:.4}     {:.4}  {:.3}  {:.1}  {}",
            sc.precision_strict,
            sc.recall_strict,
            sc.f1_strict,
            sc.f1_lax,
            st.ratio,
            st.var,
            res.lexicon_pairs[&key]
        );
        all.extend(docs.iter().cloned());
    }
    let sc = score_multiple(&all);
    println!(
        "all    {:.4}   {:.4}   {:.4}     {:.4}",
        sc.precision_strict, sc.recall_strict, sc.f1_strict, sc.f1_lax
    );
    Ok(())
}
