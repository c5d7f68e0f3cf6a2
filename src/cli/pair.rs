//! `polyalign pair`: aligns two documents and prints vecalign-style beads, one per line.

use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;

use anyhow::{bail, Context};

use crate::align::level::{self, Segmentation};
use crate::align::{self, AlignConfig, Dictionary};
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

/// Aligns two documents at the requested level (see [`level::align_documents`]).
pub fn align_documents(
    src: &str,
    tgt: &str,
    langs: (Lang, Lang),
    presegmented: bool,
    level: Level,
    cfg: &AlignConfig,
) -> Vec<Bead> {
    let segmentation = match (presegmented, level) {
        (true, _) => Segmentation::Lines,
        (false, Level::Paragraph) => Segmentation::Paragraphs,
        (false, Level::Sentence) => Segmentation::Sentences,
    };
    level::align_documents(src, tgt, langs, segmentation, cfg)
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
