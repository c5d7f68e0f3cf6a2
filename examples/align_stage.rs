//! Times the alignment stage alone: scans a corpus once, then runs `pipeline::align_groups`
//! and prints wall and CPU seconds (profiling aid; `POLYALIGN_DEBUG=1` adds the aligner's own
//! timings).
//!
//! `cargo run --release --example align_stage -- DIR [--sentences] [REPEAT]`

use polyalign::langid::Lingua;
use polyalign::pipeline::{self, Config};

/// CPU seconds (user + system) of this process so far, from /proc (0 where unavailable).
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    let after = stat.rsplit_once(')').map_or("", |x| x.1);
    let f: Vec<f64> = after
        .split_whitespace()
        .map(|x| x.parse().unwrap_or(0.0))
        .collect();
    if f.len() < 13 {
        return 0.0;
    }
    (f[11] + f[12]) / 100.0
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = args
        .first()
        .expect("usage: align_stage DIR [--sentences] [REPEAT]");
    let sentences = args.iter().any(|a| a == "--sentences");
    let repeat: usize = args
        .iter()
        .skip(1)
        .find_map(|a| a.parse().ok())
        .unwrap_or(1);
    let cfg = Config {
        inputs: vec![dir.into()],
        sentences,
        ..Config::default()
    };
    let out = pipeline::scan(&cfg, &Lingua);
    let mut units = 0;
    for _ in 0..repeat {
        let (t0, c0) = (std::time::Instant::now(), cpu_seconds());
        let a = pipeline::align_groups(&out.statements, &out.groups, &cfg);
        let (wall, cpu) = (t0.elapsed().as_secs_f64(), cpu_seconds() - c0);
        units = a.units.len();
        println!("align_groups: {wall:.3} s wall, {cpu:.2} s CPU, {units} units");
    }
    let _ = units;
}
