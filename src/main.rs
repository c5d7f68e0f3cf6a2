use clap::Parser;

fn main() {
    let cli = polyalign::cli::Cli::parse();
    std::process::exit(polyalign::cli::run(cli));
}
