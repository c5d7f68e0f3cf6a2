//! Stand-alone driver for the `pair` and `score` subcommands (usable before the main binary
//! wires them up): `cargo run --release --example align_cli -- pair A B --langs de,fr`.

use clap::{Parser, Subcommand};

#[derive(Parser)]
struct Cli {
    #[command(subcommand)]
    cmd: Cmd,
}

#[derive(Subcommand)]
enum Cmd {
    /// Align two documents.
    Pair(polyalign::cli::pair::Args),
    /// Score a bead file against gold.
    Score(polyalign::cli::score::Args),
}

fn main() {
    let cli = Cli::parse();
    let r = match &cli.cmd {
        Cmd::Pair(a) => polyalign::cli::pair::run(a),
        Cmd::Score(a) => polyalign::cli::score::run(a),
    };
    match r {
        Ok(code) => std::process::exit(code),
        Err(e) => {
            eprintln!("polyalign: {e:#}");
            std::process::exit(2);
        }
    }
}
