//! Shared helpers for the integration tests.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use polyalign::langid::Lingua;
use polyalign::pipeline::{self, Config, RunOutput};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository, when present (third-party data; never required).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Runs the whole pipeline on some paths.
pub fn run(paths: &[&Path]) -> RunOutput {
    let cfg = Config {
        inputs: paths.iter().map(|p| p.to_path_buf()).collect(),
        ..Default::default()
    };
    pipeline::run(&cfg, &Lingua)
}

/// The pipeline output for corpora/sample, computed once per test binary.
pub fn sample() -> &'static RunOutput {
    static OUT: OnceLock<RunOutput> = OnceLock::new();
    OUT.get_or_init(|| {
        let dir = root().join("corpora/sample");
        let cfg = Config {
            inputs: vec![dir],
            ..Default::default()
        };
        pipeline::run(&cfg, &Lingua)
    })
}

/// Path of a file relative to corpora/sample, as the truth file writes it.
pub fn rel_sample(file: &str) -> String {
    let s = file.replace('\\', "/");
    match s.find("corpora/sample/") {
        Some(i) => s[i + "corpora/sample/".len()..].to_string(),
        None => s,
    }
}
