//! An interrupted `polyalign align` leaves no temporary files and no half-written outputs
//! (issue 8.4): on SIGTERM/SIGINT the binary removes its `.NAME.tmpPID` files and exits with
//! 128 + the signal number; outputs already renamed into place are complete, the others keep
//! their previous version.
#![cfg(unix)]

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Copies of corpora/sample with a per-copy variation (so no copy is a duplicate), enough for
/// a debug build to be busy for a while.
fn generate_input(dir: &Path, copies: usize) {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpora/sample");
    let mut sources: Vec<PathBuf> = Vec::new();
    for sub in std::fs::read_dir(&root).unwrap() {
        let sub = sub.unwrap().path();
        for f in std::fs::read_dir(&sub).unwrap() {
            sources.push(f.unwrap().path());
        }
    }
    sources.sort();
    assert!(!sources.is_empty(), "corpora/sample is empty");
    for k in 0..copies {
        let d = dir.join(format!("v{k:03}"));
        std::fs::create_dir_all(&d).unwrap();
        for src in &sources {
            let text = std::fs::read_to_string(src).unwrap();
            let varied: Vec<String> = text
                .split('\n')
                .map(|l| {
                    if l.chars().count() > 80 {
                        format!("{l} Variant {k}.")
                    } else {
                        l.to_string()
                    }
                })
                .collect();
            let parent = src.parent().unwrap().file_name().unwrap().to_string_lossy();
            let name = src.file_name().unwrap().to_string_lossy();
            std::fs::write(d.join(format!("{parent}-{name}")), varied.join("\n")).unwrap();
        }
    }
}

fn files_under(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in rd.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

fn is_temp(p: &Path) -> bool {
    p.file_name()
        .is_some_and(|n| n.to_string_lossy().contains(".tmp"))
}

/// A finished output file, judged by its format's closing bytes.
fn is_complete(p: &Path, bytes: &[u8]) -> bool {
    let text = String::from_utf8_lossy(bytes);
    match p.extension().and_then(|e| e.to_str()).unwrap_or("") {
        "tmx" => text.trim_end().ends_with("</tmx>"),
        "html" => text.trim_end().ends_with("</html>"),
        "json" => serde_json::from_str::<serde_json::Value>(&text).is_ok(),
        "jsonl" => {
            text.ends_with('\n')
                && text
                    .lines()
                    .all(|l| serde_json::from_str::<serde_json::Value>(l).is_ok())
        }
        _ => text.is_empty() || text.ends_with('\n'),
    }
}

const PREVIOUS: &[(&str, &str)] = &[
    ("corpus.tmx", "previous corpus.tmx\n"),
    ("gaps.csv", "previous gaps.csv\n"),
    ("report.html", "previous report.html\n"),
];

/// Runs `align` on `input`, sends `signal` once the run has started writing (a temporary or a
/// new file shows up in the output folder) or after `deadline`, and checks the output folder.
fn interrupt(signal: &str, expected_code: i32, input: &Path, out: &Path, deadline: Duration) {
    for (name, text) in PREVIOUS {
        std::fs::create_dir_all(out).unwrap();
        std::fs::write(out.join(name), text).unwrap();
    }
    let before = files_under(out);
    let mut child = Command::new(env!("CARGO_BIN_EXE_polyalign"))
        .arg("align")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let start = Instant::now();
    // Give the binary time to install its handlers before anything else.
    std::thread::sleep(Duration::from_millis(150));
    while start.elapsed() < deadline && files_under(out) == before {
        if child.try_wait().unwrap().is_some() {
            break;
        }
        std::thread::sleep(Duration::from_millis(2));
    }
    let finished_early = child.try_wait().unwrap();
    assert!(
        finished_early.is_none(),
        "the run ended before the signal ({finished_early:?}); the input is too small"
    );
    let sent = Command::new("kill")
        .arg(format!("-{signal}"))
        .arg(child.id().to_string())
        .status()
        .unwrap();
    assert!(sent.success(), "kill -{signal} failed");
    let at_signal = files_under(out);
    // The process must exit promptly.
    let t = Instant::now();
    let status = loop {
        if let Some(s) = child.try_wait().unwrap() {
            break s;
        }
        if t.elapsed() > Duration::from_secs(30) {
            let _ = child.kill();
            panic!("polyalign did not exit within 30 s of SIG{signal}");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    assert_eq!(status.code(), Some(expected_code), "exit status {status:?}");

    let after = files_under(out);
    eprintln!(
        "SIG{signal} after {:?}: {} file(s) at the signal ({} temporary), {} after exit",
        start.elapsed(),
        at_signal.len(),
        at_signal.iter().filter(|p| is_temp(p)).count(),
        after.len()
    );
    let temps: Vec<_> = after.iter().filter(|p| is_temp(p)).collect();
    assert!(temps.is_empty(), "temporary files left: {temps:?}");
    for p in &after {
        let bytes = std::fs::read(p).unwrap();
        let rel = p.strip_prefix(out).unwrap().to_string_lossy().into_owned();
        let previous = PREVIOUS.iter().find(|(n, _)| *n == rel).map(|(_, t)| *t);
        if previous.is_some_and(|t| t.as_bytes() == bytes) {
            continue; // the previous state, untouched
        }
        assert!(is_complete(p, &bytes), "{rel} is half-written");
    }
    for (name, _) in PREVIOUS {
        assert!(out.join(name).exists(), "{name} vanished");
    }
}

#[test]
fn interrupted_align_leaves_no_temporary_or_partial_files() {
    let dir = tempfile::tempdir().unwrap();
    let input = dir.path().join("in");
    generate_input(&input, 12);
    // SIGTERM as soon as the first output appears: the run is in its writing phase.
    interrupt(
        "TERM",
        143,
        &input,
        &dir.path().join("out-term"),
        Duration::from_secs(8),
    );
    // SIGINT early, while the pages are still being read and aligned.
    interrupt(
        "INT",
        130,
        &input,
        &dir.path().join("out-int"),
        Duration::from_millis(300),
    );
}
