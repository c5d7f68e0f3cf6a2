//! Exports: TMX 1.4, CSV, TSV/Moses and JSONL, each in its own file behind [`Exporter`]-style
//! functions, plus the atomic file writer every output goes through.
//! (Skeleton: to be replaced by the real exporters.)

use std::io::Write;
use std::path::{Path, PathBuf};

use crate::model::{Group, Lang, Level, Statement, Unit};

/// An output format.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Format {
    Tmx,
    Csv,
    Tsv,
    Jsonl,
}

impl std::str::FromStr for Format {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "tmx" => Ok(Format::Tmx),
            "csv" => Ok(Format::Csv),
            "tsv" | "moses" => Ok(Format::Tsv),
            "jsonl" | "json" => Ok(Format::Jsonl),
            other => Err(format!("unknown format {other:?} (expected tmx, csv, tsv or jsonl)")),
        }
    }
}

/// Everything an exporter needs.
#[derive(Clone, Debug)]
pub struct ExportInput<'a> {
    pub units: &'a [Unit],
    pub groups: &'a [Group],
    pub statements: &'a [Statement],
    pub level: Level,
    /// Pivot language (TMX `srclang`); `None` means `*all*`.
    pub pivot: Option<Lang>,
    /// Languages to export, in output order.
    pub langs: Vec<Lang>,
    /// Seconds since the epoch for `creationdate` when the statement has no date
    /// (`SOURCE_DATE_EPOCH`).
    pub source_date_epoch: Option<i64>,
    /// Write a UTF-8 BOM at the start of CSV files (for Excel).
    pub excel: bool,
}

/// What the exporters wrote.
#[derive(Clone, Debug, Default)]
pub struct ExportSummary {
    pub files: Vec<PathBuf>,
    /// Characters illegal in XML 1.0 removed from TMX output.
    pub illegal_chars_removed: usize,
}

/// Writes every requested format into `dir` (created if missing).
pub fn export(dir: &Path, formats: &[Format], input: &ExportInput<'_>) -> std::io::Result<ExportSummary> {
    std::fs::create_dir_all(dir)?;
    let mut summary = ExportSummary::default();
    for f in formats {
        if *f == Format::Jsonl {
            let mut buf = Vec::new();
            for u in input.units {
                serde_json::to_writer(&mut buf, u)?;
                buf.push(b'\n');
            }
            let p = dir.join("units.jsonl");
            write_atomic(&p, &buf)?;
            summary.files.push(p);
        }
    }
    Ok(summary)
}

/// Writes `bytes` to `path` atomically: a temporary file in the same folder, then a rename.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    let tmp = dir.join(format!(".{name}.tmp{}", std::process::id()));
    {
        let mut f = std::fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all().ok();
    }
    std::fs::rename(&tmp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&tmp);
    })
}
