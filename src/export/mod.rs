//! Exports: TMX 1.4, CSV, TSV/Moses and JSONL, one file per format behind the [`Exporter`]
//! trait, plus the atomic file writer every output goes through, and a TMX reader
//! ([`tmx_read`]) so `polyalign convert` can re-export memories made elsewhere.
//!
//! Only this module writes output. Every exporter writes its files through a [`Sink`]: [`export`]
//! streams them to disk, each into a temporary file renamed into place when complete
//! ([`DirSink`], the same atomic write as [`write_atomic`]), so memory does not grow with the
//! output; [`Exporter::render`] collects them in memory (tests, snapshots, library users).
//!
//! # Layout
//! [`export`] writes into the output folder `DIR` (`alignments/` by default):
//!
//! | format | files |
//! | --- | --- |
//! | TMX | `corpus.tmx` (every language of a unit), `tmx/<a>-<b>.tmx` per language pair |
//! | CSV | `units.csv` |
//! | TSV | `tsv/<a>-<b>.tsv`, `moses/corpus.<a>-<b>.<a>` and `moses/corpus.<a>-<b>.<b>` |
//! | JSONL | `units.jsonl` |
//!
//! # Which units are written
//! Every format is "one record per aligned unit": a unit is exported when at least two of
//! [`ExportInput::langs`] are present in it. Units with a single language are gaps (an
//! omission or an addition); the audit reports them, the corpora leave them out. Segments of
//! languages not in `langs` are dropped. Pairwise files (`tmx/<a>-<b>.tmx`, TSV, Moses) hold
//! only the units that have both `a` and `b`, and a pair file is written only when at least one
//! unit has both.
//!
//! # What the audit withholds
//! A segment the audit found `untranslated` (text in another language than its version) or
//! `copied` (identical to another version) is not a translation: unless
//! [`ExportInput::withheld`] is `None` (`--keep-untranslated`), segment pairs holding one are
//! left out of the pairwise files (`tmx/<a>-<b>.tmx`, TSV, Moses) and the segment is left out
//! of `corpus.tmx`, so a CAT tool never offers English as the French translation. `units.jsonl`
//! and `units.csv` keep every segment and name the findings (`audit`).
//!
//! # Pair names
//! A pair involving the pivot puts the pivot first (`en-de` when the pivot is English); other
//! pairs follow the output order of [`Lang`] (`de-fr`).

pub mod convert;
pub mod csv;
pub mod gaps;
pub mod jsonl;
pub mod tmx;
pub mod tmx_read;
pub mod tsv;

use std::collections::{BTreeMap, HashMap};
use std::io::Write;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::model::{
    Date, Finding, FindingKind, Group, Lang, Level, Statement, Time, Unit, UnitSegment,
};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Tmx,
    Csv,
    Tsv,
    Jsonl,
}

impl Format {
    /// Every format, in the order `export` writes them.
    pub const ALL: [Format; 4] = [Format::Tmx, Format::Csv, Format::Tsv, Format::Jsonl];

    /// The exporter for this format.
    pub fn exporter(self) -> &'static dyn Exporter {
        match self {
            Format::Tmx => &tmx::TmxExporter,
            Format::Csv => &csv::CsvExporter,
            Format::Tsv => &tsv::TsvExporter,
            Format::Jsonl => &jsonl::JsonlExporter,
        }
    }
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tmx" => Ok(Format::Tmx),
            "csv" => Ok(Format::Csv),
            "tsv" | "moses" => Ok(Format::Tsv),
            "jsonl" | "json" => Ok(Format::Jsonl),
            other => Err(format!(
                "unknown format {other:?} (expected tmx, csv, tsv or jsonl)"
            )),
        }
    }
}

/// Everything an exporter needs.
#[derive(Clone, Debug)]
pub struct ExportInput<'a> {
    /// The aligned units; those [`ExportInput::filter`] leaves out are not written.
    pub units: &'a [Unit],
    pub groups: &'a [Group],
    pub statements: &'a [Statement],
    pub level: Level,
    /// Which units are written (the default: every one).
    pub filter: UnitFilter,
    /// Pivot language (TMX `srclang`); `None` means `*all*`.
    pub pivot: Option<Lang>,
    /// Languages to export, in output order.
    pub langs: Vec<Lang>,
    /// Seconds since the epoch for `creationdate` when the statement has no date
    /// (`SOURCE_DATE_EPOCH`).
    pub source_date_epoch: Option<i64>,
    /// Write a UTF-8 BOM at the start of CSV files (for Excel).
    pub excel: bool,
    /// Two-language units straight from pairwise alignments (pivot → language, and direct
    /// pairs of other languages). When a pair has such units at the exported level, the
    /// pairwise files (`tmx/<a>-<b>.tmx`, TSV, Moses) use them: they are finer than the N-way
    /// units projected onto the pair, which another language's merge may have coarsened.
    pub pair_units: PairUnits<'a>,
    /// Segments the audit found untranslated or copied (see the module documentation);
    /// `None` keeps them everywhere.
    pub withheld: Option<&'a Withheld>,
}

/// Where the exporters find the pairwise units ([`ExportInput::pair_units`]).
#[derive(Clone, Copy, Debug)]
pub enum PairUnits<'a> {
    /// Built already (every pair's, in alignment order).
    Built(&'a [Unit]),
    /// Built from the pairwise alignments one language pair at a time, as that pair's files are
    /// written: the units copy the text of every aligned pair, so only the pairs being written
    /// are held at once. Each exporter of pairwise files builds a pair's units for itself (TMX
    /// and TSV: twice), trading that time (a few tenths of a second at 100 MB) for memory.
    Aligned {
        statements: &'a [Statement],
        groups: &'a [Group],
        pairwise: &'a [crate::pipeline::PairAlignment],
    },
}

impl Default for PairUnits<'_> {
    fn default() -> Self {
        PairUnits::Built(&[])
    }
}

impl<'a> PairUnits<'a> {
    /// The units that may hold languages `a` and `b` (built ones are all returned; the
    /// caller keeps those of the pair), in alignment order.
    pub fn of(&self, a: Lang, b: Lang) -> std::borrow::Cow<'a, [Unit]> {
        match *self {
            PairUnits::Built(units) => std::borrow::Cow::Borrowed(units),
            PairUnits::Aligned {
                statements,
                groups,
                pairwise,
            } => std::borrow::Cow::Owned(crate::pipeline::pair_units(
                statements,
                groups,
                pairwise,
                Some((a, b)),
            )),
        }
    }
}

/// Which units the exporters write: the CLI's `--level` and `--min-score`, applied as the units
/// are written (no copy of the units). The default writes every unit.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct UnitFilter {
    /// Only units of this level.
    pub level: Option<Level>,
    /// Only units scoring at least this.
    pub min_score: Option<f64>,
}

impl UnitFilter {
    /// True when `u` is written.
    pub fn keeps(&self, u: &Unit) -> bool {
        self.level.is_none_or(|l| u.level == l) && self.min_score.is_none_or(|m| u.score >= m)
    }
}

/// The texts the audit found untranslated or copied, per group and language.
#[derive(Clone, Debug, Default)]
pub struct Withheld {
    texts: HashMap<(String, Lang), Vec<(FindingKind, String)>>,
}

impl Withheld {
    /// The `untranslated` and `copied` findings of an audit.
    pub fn from_findings(findings: &[Finding]) -> Withheld {
        let mut w = Withheld::default();
        for f in findings {
            if !matches!(f.kind, FindingKind::Untranslated | FindingKind::Copied) {
                continue;
            }
            let (Some(&l), text) = (f.langs.first(), f.excerpt.trim()) else {
                continue;
            };
            if !text.is_empty() {
                w.texts
                    .entry((f.group.clone(), l))
                    .or_default()
                    .push((f.kind, text.to_string()));
            }
        }
        w
    }

    /// The finding kinds that cover a segment: the flagged text contains it (a sentence of an
    /// untranslated paragraph) or it contains the flagged text (a merge holding one).
    pub fn kinds(&self, group: &str, lang: Lang, text: &str) -> Vec<FindingKind> {
        let Some(v) = self.texts.get(&(group.to_string(), lang)) else {
            return Vec::new();
        };
        let t = text.trim();
        let mut out: Vec<FindingKind> = v
            .iter()
            .filter(|(_, f)| !t.is_empty() && (f.contains(t) || t.contains(f.as_str())))
            .map(|(k, _)| *k)
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// True when a segment of `unit` in `lang` is withheld.
    pub fn covers(&self, unit: &Unit, lang: Lang, seg: &UnitSegment) -> bool {
        !self.kinds(&unit.group, lang, &seg.text).is_empty()
    }

    /// `kind:lang` labels of a unit's withheld segments, for `units.csv` and `units.jsonl`.
    pub fn labels(&self, unit: &Unit) -> Vec<String> {
        let mut out = Vec::new();
        for (&l, s) in &unit.segments {
            for k in self.kinds(&unit.group, l, &s.text) {
                out.push(format!("{}:{l}", k.name()));
            }
        }
        out
    }
}

/// What the exporters wrote.
#[derive(Clone, Debug, Default)]
pub struct ExportSummary {
    pub files: Vec<PathBuf>,
    /// Characters illegal in XML 1.0 removed from TMX output (counted once, in `corpus.tmx`;
    /// the pairwise files repeat the same text).
    pub illegal_chars_removed: usize,
}

/// One rendered output file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutFile {
    /// Path relative to the output directory, `/`-separated (`units.csv`).
    pub path: String,
    pub bytes: Vec<u8>,
}

/// What an exporter rendered.
#[derive(Clone, Debug, Default)]
pub struct Rendered {
    /// The files, sorted by path.
    pub files: Vec<OutFile>,
    /// Characters removed because the format cannot carry them (TMX: illegal in XML 1.0).
    pub illegal_chars_removed: usize,
}

/// Where an exporter's files go. Files may be created from several threads at once; each is
/// complete only once [`OutWrite::finish`] returned (a file dropped unfinished is discarded).
pub trait Sink: Sync {
    /// Opens the file `path` (relative to the output, `/`-separated) for writing.
    fn create(&self, path: &str) -> std::io::Result<Box<dyn OutWrite + '_>>;
}

/// One file being written into a [`Sink`].
pub trait OutWrite: Write {
    /// Completes the file (on disk: flushed, synced and renamed into place).
    fn finish(self: Box<Self>) -> std::io::Result<()>;
}

/// One output format: writes every file of the format, deterministically, into a sink.
pub trait Exporter: Sync {
    /// Writes the format's files; returns how many characters were removed because the format
    /// cannot carry them (TMX: illegal in XML 1.0).
    fn write(&self, input: &ExportInput<'_>, sink: &dyn Sink) -> std::io::Result<usize>;

    /// The format's files in memory, sorted by path.
    fn render(&self, input: &ExportInput<'_>) -> Rendered {
        let sink = MemorySink::default();
        let removed = self
            .write(input, &sink)
            .expect("writing to memory cannot fail");
        Rendered {
            files: sink.into_files(),
            illegal_chars_removed: removed,
        }
    }
}

/// A [`Sink`] that keeps the files in memory.
#[derive(Default)]
pub struct MemorySink {
    files: std::sync::Mutex<Vec<OutFile>>,
}

impl MemorySink {
    /// The finished files, sorted by path.
    pub fn into_files(self) -> Vec<OutFile> {
        let mut f = self.files.into_inner().unwrap_or_else(|e| e.into_inner());
        f.sort_by(|a, b| a.path.cmp(&b.path));
        f
    }
}

struct MemoryFile<'a> {
    sink: &'a MemorySink,
    file: OutFile,
}

impl Write for MemoryFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.bytes.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Appends to a list shared by threads (a panic elsewhere leaves the list itself intact).
fn push_locked<T>(list: &std::sync::Mutex<Vec<T>>, item: T) {
    list.lock().unwrap_or_else(|e| e.into_inner()).push(item);
}

impl OutWrite for MemoryFile<'_> {
    fn finish(self: Box<Self>) -> std::io::Result<()> {
        let MemoryFile { sink, file } = *self;
        push_locked(&sink.files, file);
        Ok(())
    }
}

impl Sink for MemorySink {
    fn create(&self, path: &str) -> std::io::Result<Box<dyn OutWrite + '_>> {
        Ok(Box::new(MemoryFile {
            sink: self,
            file: OutFile {
                path: path.to_string(),
                bytes: Vec::new(),
            },
        }))
    }
}

/// A [`Sink`] that writes the files under a folder, each atomically ([`AtomicFile`]), and
/// lists the paths it completed.
pub struct DirSink {
    dir: PathBuf,
    written: std::sync::Mutex<Vec<PathBuf>>,
}

impl DirSink {
    pub fn new(dir: &Path) -> DirSink {
        DirSink {
            dir: dir.to_path_buf(),
            written: std::sync::Mutex::new(Vec::new()),
        }
    }

    /// The files completed so far, sorted.
    pub fn into_written(self) -> Vec<PathBuf> {
        let mut w = self.written.into_inner().unwrap_or_else(|e| e.into_inner());
        w.sort();
        w
    }
}

struct DirFile<'a> {
    sink: &'a DirSink,
    file: AtomicFile,
}

impl Write for DirFile<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.file.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        // One buffered copy, not `write`'s loop.
        self.file.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.file.flush()
    }
}

impl OutWrite for DirFile<'_> {
    fn finish(self: Box<Self>) -> std::io::Result<()> {
        let DirFile { sink, file } = *self;
        let path = file.path.clone();
        file.finish()?;
        push_locked(&sink.written, path);
        Ok(())
    }
}

impl Sink for DirSink {
    fn create(&self, path: &str) -> std::io::Result<Box<dyn OutWrite + '_>> {
        Ok(Box::new(DirFile {
            sink: self,
            file: AtomicFile::create(&self.dir.join(path))?,
        }))
    }
}

/// Writes every requested format under `dir` (created if missing), streaming each file to
/// disk. The summary lists the files by format, then by path, whatever the threads did.
pub fn export(
    dir: &Path,
    formats: &[Format],
    input: &ExportInput<'_>,
) -> std::io::Result<ExportSummary> {
    std::fs::create_dir_all(dir)?;
    let mut summary = ExportSummary::default();
    let mut done = Vec::new();
    for &f in formats {
        if !done.contains(&f) {
            done.push(f);
        }
    }
    // Formats are written side by side.
    let written: Vec<std::io::Result<(usize, Vec<PathBuf>)>> = done
        .par_iter()
        .map(|f| {
            let sink = DirSink::new(dir);
            let removed = f.exporter().write(input, &sink)?;
            Ok((removed, sink.into_written()))
        })
        .collect();
    for w in written {
        let (removed, files) = w?;
        summary.illegal_chars_removed += removed;
        summary.files.extend(files);
    }
    Ok(summary)
}

/// A file written atomically: into a temporary file `.NAME.tmpPID` in the same folder (through
/// a buffer), then fsynced and renamed over the path by [`AtomicFile::finish`]. Readers see
/// the old file or the new one, never a half-written one. Dropped unfinished, or on any
/// failure, the temporary file is removed; while it exists it is listed in the temp-file
/// registry, so an interrupted run removes it too ([`install_signal_cleanup`]).
pub struct AtomicFile {
    path: PathBuf,
    tmp: PathBuf,
    w: Option<std::io::BufWriter<std::fs::File>>,
}

impl AtomicFile {
    /// Creates the temporary file for `path` (and `path`'s folder when missing).
    pub fn create(path: &Path) -> std::io::Result<AtomicFile> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
        let file = temp_files::create(&tmp)?;
        Ok(AtomicFile {
            path: path.to_path_buf(),
            tmp,
            w: Some(std::io::BufWriter::with_capacity(1 << 16, file)),
        })
    }

    fn writer(&mut self) -> std::io::Result<&mut std::io::BufWriter<std::fs::File>> {
        self.w
            .as_mut()
            .ok_or_else(|| std::io::Error::other("write after finish"))
    }

    /// Flushes, syncs and renames the file into place.
    pub fn finish(mut self) -> std::io::Result<()> {
        let w = self.w.take().expect("finished once");
        let written = w
            .into_inner()
            .map_err(|e| e.into_error())
            .and_then(|f| f.sync_all());
        if let Err(e) = written {
            temp_files::discard(&self.tmp);
            return Err(e);
        }
        temp_files::commit(&self.tmp, &self.path)?;
        // The rename is durable only once the folder itself is synced; not every platform can
        // open a folder for that, and the file is already complete, so this is best effort.
        #[cfg(unix)]
        if let Some(dir) = self.path.parent().filter(|p| !p.as_os_str().is_empty()) {
            if let Ok(d) = std::fs::File::open(dir) {
                let _ = d.sync_all();
            }
        }
        Ok(())
    }
}

impl Write for AtomicFile {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.writer()?.write(buf)
    }
    fn write_all(&mut self, buf: &[u8]) -> std::io::Result<()> {
        self.writer()?.write_all(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.writer()?.flush()
    }
}

impl Drop for AtomicFile {
    fn drop(&mut self) {
        if let Some(w) = self.w.take() {
            // Unfinished: the output keeps its previous version.
            drop(w.into_parts());
            temp_files::discard(&self.tmp);
        }
    }
}

/// Writes `bytes` to `path` atomically (see [`AtomicFile`]).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut f = AtomicFile::create(path)?;
    f.write_all(bytes)?;
    f.finish()
}

/// Installs handlers for SIGINT and SIGTERM that remove every temporary output file that
/// exists at that moment and exit with 128 + the signal number (130, 143), as shells do.
/// Finished outputs are kept (each was renamed into place whole); outputs not yet written keep
/// their previous version. Call once, from the binary; a library user keeps its own handling.
/// A no-op on platforms without Unix signals.
pub fn install_signal_cleanup() -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM])?;
        std::thread::Builder::new()
            .name("signal-cleanup".into())
            .spawn(move || {
                // signal-hook runs this on an ordinary thread (not in the signal handler), so
                // taking the registry lock and touching the file system is safe here.
                if let Some(sig) = signals.forever().next() {
                    temp_files::remove_all_and_exit(128 + sig);
                }
            })?;
    }
    Ok(())
}

/// The registry of temporary files that currently exist. Creating a temp file and renaming
/// it happen while holding the lock, and the signal thread holds the lock from the moment it
/// removes the files until the process exits, so no temporary file can appear or disappear
/// unseen in between: whatever the timing of the signal, none is left behind.
mod temp_files {
    use std::path::{Path, PathBuf};
    use std::sync::{Mutex, MutexGuard};

    static PENDING: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

    fn lock() -> MutexGuard<'static, Vec<PathBuf>> {
        // A panic while holding the lock leaves the list itself intact.
        PENDING.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Creates `tmp` (truncating a stale one) and registers it.
    pub(super) fn create(tmp: &Path) -> std::io::Result<std::fs::File> {
        let mut pending = lock();
        let f = std::fs::File::create(tmp)?;
        pending.push(tmp.to_path_buf());
        Ok(f)
    }

    fn unregister(pending: &mut Vec<PathBuf>, tmp: &Path) {
        if let Some(i) = pending.iter().position(|p| p == tmp) {
            pending.swap_remove(i);
        }
    }

    /// Renames `tmp` over `path`; removes `tmp` when that fails.
    pub(super) fn commit(tmp: &Path, path: &Path) -> std::io::Result<()> {
        let mut pending = lock();
        let r = std::fs::rename(tmp, path);
        if r.is_err() {
            let _ = std::fs::remove_file(tmp);
        }
        unregister(&mut pending, tmp);
        r
    }

    /// Removes `tmp` after a failed write.
    pub(super) fn discard(tmp: &Path) {
        let mut pending = lock();
        let _ = std::fs::remove_file(tmp);
        unregister(&mut pending, tmp);
    }

    /// Removes every registered temporary file and exits, never releasing the lock.
    pub(super) fn remove_all_and_exit(code: i32) -> ! {
        let pending = lock();
        for p in pending.iter() {
            let _ = std::fs::remove_file(p);
        }
        std::process::exit(code)
    }

    #[cfg(test)]
    pub(super) fn pending() -> Vec<PathBuf> {
        lock().clone()
    }
}

#[cfg(test)]
mod write_atomic_tests {
    use super::*;

    #[test]
    fn writes_replaces_and_leaves_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/out.txt");
        write_atomic(&p, b"first").unwrap();
        write_atomic(&p, b"second").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"second");
        let names: Vec<_> = std::fs::read_dir(dir.path().join("sub"))
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
        assert!(!temp_files::pending()
            .iter()
            .any(|t| t.starts_with(dir.path())));
    }

    #[test]
    fn unfinished_file_keeps_the_old_version_and_no_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("out.txt");
        write_atomic(&p, b"old").unwrap();
        {
            let mut f = AtomicFile::create(&p).unwrap();
            f.write_all(b"new, but the run stops here").unwrap();
        }
        let sink = DirSink::new(dir.path());
        {
            let mut f = sink.create("other.txt").unwrap();
            f.write_all(b"half").unwrap();
        }
        assert!(sink.into_written().is_empty());
        assert_eq!(std::fs::read(&p).unwrap(), b"old");
        let names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        assert_eq!(names, vec![std::ffi::OsString::from("out.txt")]);
        assert!(!temp_files::pending()
            .iter()
            .any(|t| t.starts_with(dir.path())));
    }

    #[test]
    fn failed_rename_removes_the_temp_file() {
        let dir = tempfile::tempdir().unwrap();
        // A non-empty folder in the way: the temp file is written, the rename fails.
        let p = dir.path().join("taken");
        std::fs::create_dir_all(p.join("inner")).unwrap();
        assert!(write_atomic(&p, b"data").is_err());
        let mut names: Vec<_> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names, vec![std::ffi::OsString::from("taken")]);
        assert!(!temp_files::pending()
            .iter()
            .any(|t| t.starts_with(dir.path())));
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn failed_write_removes_the_temp_file() {
        // /dev/full accepts opens and fails every write with ENOSPC; a symlink named like the
        // temp file makes write_atomic's create open it, so the write itself fails.
        if !Path::new("/dev/full").exists() {
            eprintln!("note: /dev/full absent, skipped");
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let tmp = dir
            .path()
            .join(format!(".out.txt.tmp{}", std::process::id()));
        std::os::unix::fs::symlink("/dev/full", &tmp).unwrap();
        let p = dir.path().join("out.txt");
        let err = write_atomic(&p, b"data").unwrap_err();
        assert_eq!(err.raw_os_error(), Some(28), "{err}"); // ENOSPC
        assert!(!tmp.exists() && std::fs::symlink_metadata(&tmp).is_err());
        assert!(!p.exists());
        assert!(!temp_files::pending()
            .iter()
            .any(|t| t.starts_with(dir.path())));
    }
}

// ---------------------------------------------------------------------------------------------
// Helpers shared by the exporters.

/// A unit as exported: only the segments of the requested languages, in output order.
#[derive(Clone, Debug)]
pub(crate) struct View<'a> {
    pub unit: &'a Unit,
    pub segments: Vec<(Lang, &'a UnitSegment)>,
    /// Bead shape over the exported languages (the unit's own when nothing was dropped).
    pub bead: String,
}

impl View<'_> {
    pub fn get(&self, lang: Lang) -> Option<&UnitSegment> {
        self.segments
            .iter()
            .find(|(l, _)| *l == lang)
            .map(|(_, s)| *s)
    }
}

/// How many units the exporters write (one record each; see "Which units are written").
pub fn exported_units(input: &ExportInput<'_>) -> usize {
    views(input).len()
}

/// The exported units (≥ 2 requested languages present), in input order.
pub(crate) fn views<'a>(input: &ExportInput<'a>) -> Vec<View<'a>> {
    let langs = ordered_langs(&input.langs);
    input
        .units
        .iter()
        .filter(|u| input.filter.keeps(u))
        .filter_map(|u| {
            let segments: Vec<_> = langs
                .iter()
                .filter_map(|l| u.segments.get(l).map(|s| (*l, s)))
                .collect();
            if segments.len() < 2 {
                return None;
            }
            // The bead lists the exported languages' segment counts in language order, as the
            // unit's own bead does.
            let bead = if segments.len() == u.segments.len() {
                u.bead.clone()
            } else {
                u.segments
                    .iter()
                    .filter(|(l, _)| langs.contains(l))
                    .map(|(_, s)| s.indices.len().to_string())
                    .collect::<Vec<_>>()
                    .join("-")
            };
            Some(View {
                unit: u,
                segments,
                bead,
            })
        })
        .collect()
}

/// The views of one language pair: the pairwise units of that pair at the exported level when
/// there are any (`direct`: [`PairUnits::of`] the pair), else the N-way views that hold both
/// languages, projected onto the pair.
pub(crate) fn pair_views<'a>(
    input: &ExportInput<'a>,
    views: &[View<'a>],
    direct: &'a [Unit],
    a: Lang,
    b: Lang,
) -> Vec<View<'a>> {
    let kept = |u: &Unit, sa: &UnitSegment, sb: &UnitSegment| {
        input
            .withheld
            .is_none_or(|w| !w.covers(u, a, sa) && !w.covers(u, b, sb))
    };
    let direct: Vec<View<'a>> = direct
        .iter()
        .filter(|u| u.level == input.level && input.filter.keeps(u) && u.segments.len() == 2)
        .filter_map(|u| {
            let (sa, sb) = (u.segments.get(&a)?, u.segments.get(&b)?);
            if !kept(u, sa, sb) {
                return None;
            }
            Some(View {
                unit: u,
                segments: vec![(a, sa), (b, sb)],
                bead: format!("{}-{}", sa.indices.len(), sb.indices.len()),
            })
        })
        .collect();
    if !direct.is_empty() {
        return direct;
    }
    views
        .iter()
        .filter_map(|v| {
            let find = |l: Lang| v.segments.iter().find(|(x, _)| *x == l).map(|(_, s)| *s);
            let (sa, sb) = (find(a)?, find(b)?);
            if !kept(v.unit, sa, sb) {
                return None;
            }
            Some(View {
                unit: v.unit,
                segments: vec![(a, sa), (b, sb)],
                bead: format!("{}-{}", sa.indices.len(), sb.indices.len()),
            })
        })
        .collect()
}

/// The segment pairs a pairwise file of `a` and `b` holds, in file order (see [`pair_views`]).
pub fn pair_segments(input: &ExportInput<'_>, a: Lang, b: Lang) -> Vec<(UnitSegment, UnitSegment)> {
    let all = views(input);
    let direct = input.pair_units.of(a, b);
    pair_views(input, &all, &direct, a, b)
        .into_iter()
        .filter_map(|v| {
            let find = |l: Lang| v.segments.iter().find(|(x, _)| *x == l).map(|(_, s)| *s);
            Some((find(a)?.clone(), find(b)?.clone()))
        })
        .collect()
}

/// `langs` deduplicated, keeping the caller's order.
pub(crate) fn ordered_langs(langs: &[Lang]) -> Vec<Lang> {
    let mut out = Vec::new();
    for l in langs {
        if !out.contains(l) {
            out.push(*l);
        }
    }
    out
}

/// Language pairs that at least one exported unit has, pivot first, then output order.
pub(crate) fn pairs(input: &ExportInput<'_>, views: &[View<'_>]) -> Vec<(Lang, Lang)> {
    let langs = ordered_langs(&input.langs);
    let mut out = Vec::new();
    let mut candidates = Vec::new();
    if let Some(p) = input.pivot.filter(|p| langs.contains(p)) {
        candidates.extend(langs.iter().filter(|l| **l != p).map(|l| (p, *l)));
    }
    for (i, a) in langs.iter().enumerate() {
        for b in &langs[i + 1..] {
            if Some(*a) != input.pivot && Some(*b) != input.pivot {
                candidates.push((*a, *b));
            }
        }
    }
    for (a, b) in candidates {
        if views
            .iter()
            .any(|v| v.get(a).is_some() && v.get(b).is_some())
        {
            out.push((a, b));
        }
    }
    out
}

/// The most frequent output tag of `lang` among the exported units (ties: alphabetical), or the
/// language's default tag.
pub(crate) fn tag_for(views: &[View<'_>], lang: Lang) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for v in views {
        if let Some(s) = v.get(lang) {
            if !s.tag.is_empty() {
                *counts.entry(s.tag.as_str()).or_default() += 1;
            }
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (t, c) in counts {
        if best.is_none_or(|(_, bc)| c > bc) {
            best = Some((t, c));
        }
    }
    best.map(|(t, _)| t.to_string())
        .unwrap_or_else(|| lang.default_tag().to_string())
}

/// Group and statement metadata of the units, looked up once.
pub(crate) struct Meta<'a> {
    groups: HashMap<&'a str, &'a Group>,
    statements: &'a [Statement],
    pivot: Option<Lang>,
}

impl<'a> Meta<'a> {
    pub fn new(input: &ExportInput<'a>) -> Self {
        Meta {
            groups: input.groups.iter().map(|g| (g.id.as_str(), g)).collect(),
            statements: input.statements,
            pivot: input.pivot,
        }
    }

    /// The statement of `lang` in group `group`.
    pub fn statement(&self, group: &str, lang: Lang) -> Option<&'a Statement> {
        let g = self.groups.get(group)?;
        self.statements.get(*g.versions.get(&lang)?)
    }

    /// The statement that speaks for the group: the pivot version, else the first version with
    /// a date, else the first version.
    pub fn main_statement(&self, group: &str) -> Option<&'a Statement> {
        let g = self.groups.get(group)?;
        if let Some(s) = self
            .pivot
            .and_then(|p| g.versions.get(&p))
            .and_then(|i| self.statements.get(*i))
        {
            return Some(s);
        }
        let all: Vec<&Statement> = g
            .versions
            .values()
            .filter_map(|i| self.statements.get(*i))
            .collect();
        all.iter()
            .find(|s| s.date.is_some())
            .or(all.first())
            .copied()
    }

    /// Date and time of the group (the main statement's, else any version's).
    pub fn date(&self, group: &str) -> Option<(Date, Option<Time>)> {
        if let Some(s) = self.main_statement(group) {
            if let Some(d) = s.date {
                return Some((d, s.time));
            }
        }
        let g = self.groups.get(group)?;
        g.versions
            .values()
            .filter_map(|i| self.statements.get(*i))
            .find_map(|s| s.date.map(|d| (d, s.time)))
    }
}

/// Formats a score with four decimals (stable across platforms, enough for a confidence).
pub(crate) fn fmt_score(score: f64) -> String {
    if score.is_finite() {
        format!("{score:.4}")
    } else {
        "0.0000".to_string()
    }
}

/// Formats indices as `0,1,2`.
pub(crate) fn fmt_indices(indices: &[usize]) -> String {
    indices
        .iter()
        .map(|i| i.to_string())
        .collect::<Vec<_>>()
        .join(",")
}

/// TMX date `YYYYMMDDThhmmssZ` for a date at a time of day (UTC).
pub(crate) fn tmx_date(d: Date, t: Option<Time>) -> String {
    let (h, m) = t.map(|t| (t.hour, t.minute)).unwrap_or((0, 0));
    format!(
        "{:04}{:02}{:02}T{:02}{:02}00Z",
        d.year, d.month, d.day, h, m
    )
}

/// TMX date `YYYYMMDDThhmmssZ` for seconds since the epoch.
pub(crate) fn tmx_epoch(secs: i64) -> String {
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (y, m, d) = civil_from_days(days);
    format!(
        "{:04}{:02}{:02}T{:02}{:02}{:02}Z",
        y,
        m,
        d,
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

/// Howard Hinnant's civil_from_days: days since 1970-01-01 to (year, month, day).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

/// Units to export as owned values (the Python package iterates them): the requested level and
/// minimum score ([`UnitFilter`], the rule the exporters apply as they write), the
/// requested languages, two languages or more.
pub fn select_units(
    units: &[Unit],
    level: Level,
    langs: Option<&[Lang]>,
    min_score: f64,
) -> Vec<Unit> {
    let filter = UnitFilter {
        level: Some(level),
        min_score: Some(min_score),
    };
    units
        .iter()
        .filter(|u| filter.keeps(u))
        .filter_map(|u| {
            let mut u = u.clone();
            if let Some(ls) = langs {
                u.segments.retain(|l, _| ls.contains(l));
                u.bead = Lang::ALL
                    .iter()
                    .filter_map(|l| u.segments.get(l).map(|s| s.indices.len().to_string()))
                    .collect::<Vec<_>>()
                    .join("-");
            }
            (u.segments.len() >= 2).then_some(u)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn epoch_dates() {
        assert_eq!(tmx_epoch(0), "19700101T000000Z");
        assert_eq!(tmx_epoch(1_571_227_200), "20191016T120000Z");
        assert_eq!(tmx_epoch(951_825_599), "20000229T115959Z");
        assert_eq!(tmx_epoch(-1), "19691231T235959Z");
        let d = Date::new(2019, 10, 16).unwrap();
        assert_eq!(tmx_date(d, None), "20191016T000000Z");
        assert_eq!(
            tmx_date(d, Some(Time { hour: 9, minute: 5 })),
            "20191016T090500Z"
        );
        assert_eq!(tmx_epoch(d.days_since_epoch() * 86_400), "20191016T000000Z");
    }

    #[test]
    fn format_names() {
        assert_eq!("Moses".parse::<Format>(), Ok(Format::Tsv));
        assert!("xliff".parse::<Format>().is_err());
    }
}
