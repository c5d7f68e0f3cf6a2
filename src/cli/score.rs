//! `polyalign score`: strict and lax precision, recall and F1 of a bead file against gold.

use std::path::PathBuf;

use anyhow::Context;

use crate::align::score;

/// Arguments of `polyalign score`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Gold beads (`[i]:[j, k]` per line).
    pub gold: PathBuf,
    /// Predicted beads, same format (a tab and a score after a bead are ignored).
    pub test: PathBuf,
}

/// Runs the subcommand; returns the process exit code.
pub fn run(args: &Args) -> anyhow::Result<i32> {
    let read = |p: &PathBuf| -> anyhow::Result<Vec<score::SimpleBead>> {
        let t = std::fs::read_to_string(p).with_context(|| format!("reading {}", p.display()))?;
        score::parse_beads(&t).with_context(|| format!("parsing {}", p.display()))
    };
    let s = score::score(&read(&args.gold)?, &read(&args.test)?);
    print!("{}", score::format_table(&s));
    Ok(0)
}
