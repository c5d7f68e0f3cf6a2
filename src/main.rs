use clap::Parser;

#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // An interrupted run (Ctrl-C, SIGTERM) must not leave temporary output files behind.
    if let Err(e) = polyalign::export::install_signal_cleanup() {
        eprintln!("polyalign: warning: cannot install signal handlers: {e}");
    }
    let cli = polyalign::cli::Cli::parse();
    std::process::exit(polyalign::cli::run(cli));
}
