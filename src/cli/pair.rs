//! `polyalign pair`: aligns two documents and prints vecalign-style beads, one per line.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};

use crate::align::{self, AlignConfig, Dictionary, PairJob};
use crate::model::{Bead, Lang};

/// Arguments of `polyalign pair`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Source document (UTF-8 text).
    pub src: PathBuf,
    /// Target document (UTF-8 text).
    pub tgt: PathBuf,
    /// Languages of the two documents, `SRC,TGT` (e.g. `de,fr`).
    #[arg(long, value_name = "SRC,TGT")]
    pub langs: String,
    /// Each line of each file is one segment (line n is segment n, blank lines included).
    #[arg(long)]
    pub presegmented: bool,
    /// Unit to align when not presegmented: paragraphs (blank-line blocks) or sentences
    /// (paragraphs are aligned first, then sentences inside each paragraph bead).
    #[arg(long, value_enum, default_value = "sentence")]
    pub level: Level,
    /// hunalign dictionary (`target @ source` per line).
    #[arg(long, value_name = "FILE")]
    pub dict: Option<PathBuf>,
    /// Append a tab and the bead's confidence (posterior probability) to each line.
    #[arg(long)]
    pub scores: bool,
    /// Print only beads with at least this confidence.
    #[arg(long, value_name = "P", default_value_t = 0.0)]
    pub min_score: f64,
}

/// Alignment unit.
#[derive(clap::ValueEnum, Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Paragraph,
    Sentence,
}

/// Parses `de,fr`.
pub fn parse_langs(s: &str) -> anyhow::Result<(Lang, Lang)> {
    let (a, b) = s
        .split_once(',')
        .with_context(|| format!("--langs expects SRC,TGT, got {s:?}"))?;
    let l = |x: &str| Lang::from_code(x).with_context(|| format!("unknown language {x:?}"));
    Ok((l(a)?, l(b)?))
}

/// Segments of a document: lines (presegmented), paragraphs, or sentences with the paragraph
/// each belongs to.
fn paragraphs(text: &str) -> Vec<String> {
    crate::text::blocks(&crate::text::normalize(text))
        .into_iter()
        .map(|b| b.text)
        .collect()
}

/// Aligns two documents at the requested level; the library entry point behind `pair`.
pub fn align_documents(
    src: &str,
    tgt: &str,
    langs: (Lang, Lang),
    presegmented: bool,
    level: Level,
    cfg: &AlignConfig,
) -> Vec<Bead> {
    if presegmented {
        let s: Vec<&str> = src.lines().collect();
        let t: Vec<&str> = tgt.lines().collect();
        return align::align_pair(&s, &t, langs.0, langs.1, cfg);
    }
    let ps = paragraphs(src);
    let pt = paragraphs(tgt);
    let sp: Vec<&str> = ps.iter().map(String::as_str).collect();
    let tp: Vec<&str> = pt.iter().map(String::as_str).collect();
    let pbeads = align::align_pair(&sp, &tp, langs.0, langs.1, cfg);
    if level == Level::Paragraph {
        return pbeads;
    }
    // Sentences of every paragraph, numbered globally.
    let split = |paras: &[&str], lang: Lang| -> (Vec<Vec<usize>>, Vec<String>) {
        let mut ids = Vec::new();
        let mut all = Vec::new();
        for p in paras {
            let mut v = Vec::new();
            for s in crate::segment::sentences(p, lang) {
                v.push(all.len());
                all.push(s.to_string());
            }
            ids.push(v);
        }
        (ids, all)
    };
    let (sid, sall) = split(&sp, langs.0);
    let (tid, tall) = split(&tp, langs.1);
    let span = |ids: &[Vec<usize>], ps: &[usize]| -> Vec<usize> {
        ps.iter().flat_map(|&p| ids[p].iter().copied()).collect()
    };
    let mut jobs = Vec::new();
    let mut spans = Vec::new();
    for b in &pbeads {
        let s = span(&sid, &b.src);
        let t = span(&tid, &b.tgt);
        if !s.is_empty() && !t.is_empty() {
            jobs.push(PairJob {
                src_lang: langs.0,
                tgt_lang: langs.1,
                src: s.iter().map(|&k| sall[k].as_str()).collect(),
                tgt: t.iter().map(|&k| tall[k].as_str()).collect(),
            });
        }
        spans.push((s, t, b.score));
    }
    let res = align::align_corpus(&jobs, cfg);
    let mut out = Vec::new();
    let mut next = 0;
    for (s, t, pscore) in spans {
        if s.is_empty() || t.is_empty() {
            out.extend(s.iter().map(|&k| Bead {
                src: vec![k],
                tgt: vec![],
                score: pscore,
            }));
            out.extend(t.iter().map(|&k| Bead {
                src: vec![],
                tgt: vec![k],
                score: pscore,
            }));
            continue;
        }
        for b in &res.beads[next] {
            out.push(Bead {
                src: b.src.iter().map(|&k| s[k]).collect(),
                tgt: b.tgt.iter().map(|&k| t[k]).collect(),
                // A sentence bead is right only if its paragraph bead is.
                score: b.score * pscore,
            });
        }
        next += 1;
    }
    out
}

/// Runs the subcommand; returns the process exit code.
pub fn run(args: &Args) -> anyhow::Result<i32> {
    let langs = parse_langs(&args.langs)?;
    let read = |p: &PathBuf| {
        std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))
    };
    let (src, tgt) = (read(&args.src)?, read(&args.tgt)?);
    let mut cfg = AlignConfig::default();
    if let Some(d) = &args.dict {
        cfg.dictionary = Some(Arc::new(Dictionary::load(d, Some(langs))?));
    }
    if !(0.0..=1.0).contains(&args.min_score) {
        bail!("--min-score must be in [0, 1]");
    }
    let beads = align_documents(&src, &tgt, langs, args.presegmented, args.level, &cfg);
    let kept: Vec<Bead> = beads
        .into_iter()
        .filter(|b| b.score >= args.min_score)
        .collect();
    let text = align::score::format_beads(&kept, args.scores);
    let mut out = std::io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|_| out.flush()) {
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(0),
        r => r.map(|_| 0).context("writing beads"),
    }
}
