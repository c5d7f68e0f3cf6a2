//! Command-line glue: clap definitions, one file per subcommand. Nothing below this module sees
//! clap types; each subcommand turns its arguments into a validated [`crate::pipeline::Config`].

pub mod align;
pub mod convert;
pub mod pair;
pub mod scan;
pub mod score;

use clap::{Parser, Subcommand};

/// Exit code: everything was read and written.
pub const EXIT_OK: i32 = 0;
/// Exit code: the run finished but some inputs were skipped (see the messages).
pub const EXIT_SKIPPED: i32 = 1;
/// Exit code: usage error, or an output could not be written.
pub const EXIT_ERROR: i32 = 2;

/// polyalign: turn scraped multilingual statement pages into aligned parallel corpora, gap
/// audits and translation memories.
///
/// Exit codes: 0 all inputs used and all outputs written; 1 some inputs were skipped (each one
/// is named on stderr); 2 usage error or an output could not be written.
#[derive(Parser, Debug)]
#[command(name = "polyalign", version, about, long_about)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Command,
}

/// The subcommands.
#[derive(Subcommand, Debug)]
pub enum Command {
    /// Inventory: files, statements per language, teasers, promised vs found languages, groups.
    Scan(scan::Args),
    /// Run the whole pipeline and write corpora, translation memories and the gap audit.
    Align(align::Args),
    /// Run the pipeline and write only the gap audit (gaps.csv, gaps.json, coverage.csv, report.html).
    Audit(align::AuditArgs),
    /// Align two documents and print beads in vecalign's `[i]:[j,k]` format.
    Pair(pair::Args),
    /// Score predicted beads against gold beads (strict and lax precision, recall, F1).
    Score(score::Args),
    /// Read a TMX file and re-export it (CSV, TSV, JSONL, TMX).
    Convert(convert::Args),
}

/// Runs the parsed command line; returns the exit code.
pub fn run(cli: Cli) -> i32 {
    let r = match &cli.command {
        Command::Scan(a) => scan::run(a),
        Command::Align(a) => align::run(a),
        Command::Audit(a) => align::run_audit(a),
        Command::Pair(a) => pair::run(a),
        Command::Score(a) => score::run(a),
        Command::Convert(a) => convert::run(a),
    };
    match r {
        Ok(code) => code,
        Err(e) => {
            if is_broken_pipe(&e) {
                return EXIT_OK;
            }
            eprintln!("polyalign: error: {e:#}");
            EXIT_ERROR
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// Parses a comma-separated language list.
pub fn parse_langs(s: &str) -> Result<Vec<crate::model::Lang>, String> {
    let mut v: Vec<crate::model::Lang> = s
        .split(',')
        .filter(|x| !x.trim().is_empty())
        .map(|x| x.parse())
        .collect::<Result<_, _>>()?;
    v.sort();
    v.dedup();
    Ok(v)
}
