//! `polyalign convert` (skeleton).

/// Arguments of `polyalign convert`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {}

/// Runs the subcommand; returns the process exit code.
pub fn run(_args: &Args) -> anyhow::Result<i32> {
    Ok(0)
}
