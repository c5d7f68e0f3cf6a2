//! `polyalign convert`: reads a TMX memory (ours or another tool's) and re-exports it through
//! the same exporters as the pipeline, so a memory can become CSV, TSV/Moses, JSONL or a
//! cleaned, pairwise TMX set. How a `<tu>` becomes a unit: [`crate::export::convert`].

use std::path::PathBuf;

use anyhow::Context;

use crate::export::convert::units_from_tmx;
use crate::export::tmx_read;
use crate::export::{self, ExportInput, Format};
use crate::model::Lang;

/// Arguments of `polyalign convert`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// TMX file to read (UTF-8, or UTF-16 with a BOM).
    pub input: PathBuf,
    /// Output directory; files go to DIR/alignments/.
    #[arg(short, long, default_value = ".")]
    pub output: PathBuf,
    /// Formats to write, comma-separated: tmx, csv, tsv (TSV + Moses), jsonl.
    #[arg(long, value_delimiter = ',', default_value = "csv,tsv,jsonl,tmx")]
    pub format: Vec<Format>,
    /// Languages to export (default: every language found), comma-separated ISO 639-1 codes.
    #[arg(long, value_delimiter = ',')]
    pub langs: Vec<Lang>,
    /// Pivot language for TMX `srclang` and pair names (default: the header's `srclang`).
    #[arg(long)]
    pub pivot: Option<Lang>,
    /// Start CSV files with a UTF-8 BOM so Excel reads them as UTF-8.
    #[arg(long)]
    pub excel: bool,
}

/// Runs the subcommand; returns the process exit code.
pub fn run(args: &Args) -> anyhow::Result<i32> {
    let doc = tmx_read::read_file(&args.input)?;
    let fallback_group = args
        .input
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tmx".into());
    let file = args.input.display().to_string();
    let conv = units_from_tmx(&doc, &fallback_group, &file);
    if conv.skipped_variants > 0 {
        eprintln!(
            "polyalign convert: skipped {} variant(s) in unsupported languages or repeated languages",
            conv.skipped_variants
        );
    }
    let langs = if args.langs.is_empty() {
        conv.langs.iter().copied().collect()
    } else {
        args.langs.clone()
    };
    let pivot = args.pivot.or(conv.pivot);
    let source_date_epoch = std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.trim().parse().ok());
    let input = ExportInput {
        units: &conv.units,
        groups: &conv.groups,
        statements: &conv.statements,
        level: conv.level,
        filter: export::UnitFilter::default(),
        pivot,
        langs,
        source_date_epoch,
        excel: args.excel,
        pair_units: Default::default(),
        withheld: None,
    };
    let summary = export::export(&args.output, &args.format, &input)
        .with_context(|| format!("writing to {}", args.output.display()))?;
    eprintln!(
        "polyalign convert: {} unit(s) read, {} file(s) written under {}",
        conv.units.len(),
        summary.files.len(),
        args.output.display()
    );
    if summary.illegal_chars_removed > 0 {
        eprintln!(
            "polyalign convert: removed {} character(s) illegal in XML 1.0",
            summary.illegal_chars_removed
        );
    }
    Ok(0)
}
