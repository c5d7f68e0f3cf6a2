//! What `polyalign align --cache DIR` remembers of a run: the content hash of every input file,
//! the settings, the build, the output files (size and modification time) and a hash of every
//! statement. A re-run whose inputs, settings and build are the same and whose outputs are
//! still as written skips the work (its diagnostics are shown again and its exit code kept);
//! any other re-run is a whole run, told what changed since the cached one: files and
//! statements added, edited and removed.
//!
//! The manifest is JSON in `DIR/manifest.json`, the last changes in `DIR/changes.json`; both
//! are written atomically. A run does not re-process only what changed yet: the cache saves a
//! re-run that has nothing to do, and says what a weekly scrape brought.

use std::collections::BTreeMap;
use std::hash::Hasher;
use std::io::Read;
use std::path::{Path, PathBuf};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::model::Statement;

/// The manifest's format tag: another tag is read as no manifest.
pub const FORMAT: &str = "polyalign-cache-1";

/// One output file as written: its path under the output folder, size and modification time.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutputFile {
    pub path: String,
    pub len: u64,
    /// Nanoseconds since the epoch (0 when the platform does not say).
    pub modified: i128,
}

/// A cached run.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub format: String,
    /// The program that ran (its path, size and modification time).
    pub build: String,
    /// Everything else an output depends on, as one string (see the CLI).
    pub settings: String,
    /// Input files as the run listed them, with their content hashes.
    pub inputs: BTreeMap<String, String>,
    /// Every file under the output folder after the run.
    pub outputs: Vec<OutputFile>,
    /// Statement id → hash of what the statement holds (kind, date, time, language, title,
    /// paragraphs).
    pub statements: BTreeMap<String, String>,
    /// The run's diagnostics as printed, shown again when a re-run is skipped.
    pub diagnostics: Vec<String>,
    /// The run's exit code.
    pub exit: i32,
}

/// What changed since the cached run.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Changes {
    pub files_added: Vec<String>,
    pub files_changed: Vec<String>,
    pub files_removed: Vec<String>,
    pub statements_added: Vec<String>,
    pub statements_edited: Vec<String>,
    pub statements_removed: Vec<String>,
}

impl Changes {
    /// Between the cached run's inputs and statements and this run's.
    pub fn between(
        old: &Manifest,
        inputs: &BTreeMap<String, String>,
        statements: &BTreeMap<String, String>,
    ) -> Changes {
        let (files_added, files_changed, files_removed) = diff(&old.inputs, inputs);
        let (statements_added, statements_edited, statements_removed) =
            diff(&old.statements, statements);
        Changes {
            files_added,
            files_changed,
            files_removed,
            statements_added,
            statements_edited,
            statements_removed,
        }
    }

    /// One line: `files +a ~c -r, statements +a ~e -r`.
    pub fn summary(&self) -> String {
        format!(
            "files +{} ~{} -{}, statements +{} ~{} -{}",
            self.files_added.len(),
            self.files_changed.len(),
            self.files_removed.len(),
            self.statements_added.len(),
            self.statements_edited.len(),
            self.statements_removed.len()
        )
    }
}

/// Keys added, keys whose value changed, keys removed (each sorted).
fn diff(
    old: &BTreeMap<String, String>,
    new: &BTreeMap<String, String>,
) -> (Vec<String>, Vec<String>, Vec<String>) {
    let added = new
        .keys()
        .filter(|k| !old.contains_key(*k))
        .cloned()
        .collect();
    let changed = new
        .iter()
        .filter(|(k, v)| old.get(*k).is_some_and(|o| o != *v))
        .map(|(k, _)| k.clone())
        .collect();
    let removed = old
        .keys()
        .filter(|k| !new.contains_key(*k))
        .cloned()
        .collect();
    (added, changed, removed)
}

/// A 128-bit hash as hex: two SipHash states (std's, fixed keys) fed the same bytes after
/// different first bytes.
struct Hash128(std::hash::DefaultHasher, std::hash::DefaultHasher);

impl Hash128 {
    fn new() -> Hash128 {
        let (mut a, mut b) = (
            std::hash::DefaultHasher::new(),
            std::hash::DefaultHasher::new(),
        );
        a.write_u8(1);
        b.write_u8(2);
        Hash128(a, b)
    }

    fn write(&mut self, bytes: &[u8]) {
        self.0.write(bytes);
        self.1.write(bytes);
    }

    fn hex(&self) -> String {
        format!("{:016x}{:016x}", self.0.finish(), self.1.finish())
    }
}

/// The content hash of a file, or `unreadable: …` (a file that cannot be read is an input
/// too: once readable, it has changed).
pub fn hash_file(path: &Path) -> String {
    let mut h = Hash128::new();
    let mut buf = vec![0u8; 1 << 16];
    let read = std::fs::File::open(path).and_then(|mut f| loop {
        let n = f.read(&mut buf)?;
        if n == 0 {
            return Ok(());
        }
        h.write(&buf[..n]);
    });
    match read {
        Ok(()) => h.hex(),
        Err(e) => format!("unreadable: {e}"),
    }
}

/// Content hashes of the input files (in parallel), by the path the run names them by.
pub fn hash_inputs(files: &[PathBuf]) -> BTreeMap<String, String> {
    files
        .par_iter()
        .map(|p| (crate::ingest::display_path(p), hash_file(p)))
        .collect()
}

/// A hash of what each statement holds, by id.
pub fn hash_statements(statements: &[Statement]) -> BTreeMap<String, String> {
    statements
        .par_iter()
        .map(|s| {
            let mut h = Hash128::new();
            let head = format!(
                "{:?}\u{0}{:?}\u{0}{:?}\u{0}{:?}\u{0}",
                s.kind, s.date, s.time, s.lang
            );
            h.write(head.as_bytes());
            h.write(s.title.as_bytes());
            for p in &s.paragraphs {
                h.write(b"\x00");
                h.write(p.text.as_bytes());
            }
            (s.id.clone(), h.hex())
        })
        .collect()
}

/// The running program (path, size, modification time): another build gives another string.
pub fn build_id() -> String {
    let exe = std::env::current_exe().ok();
    let meta = exe.as_deref().and_then(|p| std::fs::metadata(p).ok());
    format!(
        "{} {:?} {} {}",
        env!("CARGO_PKG_VERSION"),
        exe,
        meta.as_ref().map_or(0, |m| m.len()),
        meta.and_then(|m| m.modified().ok()).map_or(0, nanos)
    )
}

fn nanos(t: std::time::SystemTime) -> i128 {
    match t.duration_since(std::time::UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(e) => -(e.duration().as_nanos() as i128),
    }
}

/// The output file at `path`, named `name` (size `u64::MAX` when it is missing).
pub fn output_file(path: &Path, name: String) -> OutputFile {
    let m = std::fs::metadata(path).ok();
    OutputFile {
        path: name,
        len: m.as_ref().map_or(u64::MAX, |m| m.len()),
        modified: m.and_then(|m| m.modified().ok()).map_or(0, nanos),
    }
}

/// Every file under `dir` (recursively, sorted), leaving out the folder `skip` (the cache
/// folder, when it is inside).
pub fn list_outputs(dir: &Path, skip: &Path) -> Vec<OutputFile> {
    let skip = std::fs::canonicalize(skip).ok();
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        if skip.is_some() && std::fs::canonicalize(&d).ok() == skip {
            continue;
        }
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let name = p
                    .strip_prefix(dir)
                    .unwrap_or(&p)
                    .to_string_lossy()
                    .into_owned();
                out.push(output_file(&p, name));
            }
        }
    }
    out.sort_by(|a, b| a.path.cmp(&b.path));
    out
}

impl Manifest {
    /// The manifest in `dir`, if there is one this version reads.
    pub fn read(dir: &Path) -> Option<Manifest> {
        let text = std::fs::read_to_string(dir.join("manifest.json")).ok()?;
        let m: Manifest = serde_json::from_str(&text).ok()?;
        (m.format == FORMAT).then_some(m)
    }

    /// Writes the manifest into `dir` (created when missing), atomically.
    pub fn write(&self, dir: &Path) -> std::io::Result<()> {
        std::fs::create_dir_all(dir)?;
        let json = serde_json::to_string(self).map_err(std::io::Error::other)?;
        crate::export::write_atomic(&dir.join("manifest.json"), json.as_bytes())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn map(kv: &[(&str, &str)]) -> BTreeMap<String, String> {
        kv.iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect()
    }

    #[test]
    fn changes_name_what_was_added_edited_and_removed() {
        let old = Manifest {
            inputs: map(&[("a", "1"), ("b", "2")]),
            statements: map(&[("a#main", "x"), ("b#main", "y"), ("b#teaser-0", "z")]),
            ..Default::default()
        };
        let c = Changes::between(
            &old,
            &map(&[("a", "1"), ("b", "3"), ("c", "4")]),
            &map(&[("a#main", "x"), ("b#main", "y2"), ("c#main", "w")]),
        );
        assert_eq!(c.files_added, ["c"]);
        assert_eq!(c.files_changed, ["b"]);
        assert!(c.files_removed.is_empty());
        assert_eq!(c.statements_added, ["c#main"]);
        assert_eq!(c.statements_edited, ["b#main"]);
        assert_eq!(c.statements_removed, ["b#teaser-0"]);
        assert_eq!(c.summary(), "files +1 ~1 -0, statements +1 ~1 -1");
    }

    #[test]
    fn file_hashes_follow_the_content() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a"), dir.path().join("b"));
        std::fs::write(&a, "same").unwrap();
        std::fs::write(&b, "same").unwrap();
        assert_eq!(hash_file(&a), hash_file(&b));
        assert_eq!(hash_file(&a).len(), 32);
        std::fs::write(&b, "other").unwrap();
        assert_ne!(hash_file(&a), hash_file(&b));
        assert!(hash_file(&dir.path().join("missing")).starts_with("unreadable: "));
    }
}
