//! CSV writer: `alignments/units.csv`, one row per aligned unit (RFC 4180: comma-separated,
//! fields quoted when needed, CRLF record ends, UTF-8; with `excel` a UTF-8 BOM first so Excel
//! detects the encoding).
//!
//! Columns: `group`, `unit`, `level`, `score` (4 decimals), `bead`, then `text_<lang>` for each
//! exported language in output order, then `file_<lang>` for each, then `audit`: the audit
//! findings covering a segment (`untranslated:fr copied:de`; see [`super::Withheld`]). A
//! language missing from a unit leaves its two cells empty. Text is written unchanged (quoting carries newlines, tabs
//! and controls).

use std::io::Write;

use super::{fmt_score, ordered_langs, views, ExportInput, Exporter, Sink};

/// Writes `units.csv`.
pub struct CsvExporter;

impl Exporter for CsvExporter {
    fn write(&self, input: &ExportInput<'_>, sink: &dyn Sink) -> std::io::Result<usize> {
        let langs = ordered_langs(&input.langs);
        let mut out = sink.create("units.csv")?;
        if input.excel {
            out.write_all("\u{feff}".as_bytes())?;
        }
        {
            let mut w = ::csv::WriterBuilder::new()
                .terminator(::csv::Terminator::CRLF)
                .from_writer(&mut out);
            let mut header: Vec<String> = ["group", "unit", "level", "score", "bead"]
                .iter()
                .map(|s| s.to_string())
                .collect();
            header.extend(langs.iter().map(|l| format!("text_{l}")));
            header.extend(langs.iter().map(|l| format!("file_{l}")));
            header.push("audit".to_string());
            w.write_record(&header)?;
            for v in views(input) {
                let u = v.unit;
                let mut row: Vec<&str> = Vec::with_capacity(header.len());
                let unit = u.unit.to_string();
                let level = u.level.to_string();
                let score = fmt_score(u.score);
                row.extend([
                    u.group.as_str(),
                    unit.as_str(),
                    level.as_str(),
                    score.as_str(),
                    v.bead.as_str(),
                ]);
                row.extend(
                    langs
                        .iter()
                        .map(|l| v.get(*l).map_or("", |s| s.text.as_str())),
                );
                row.extend(
                    langs
                        .iter()
                        .map(|l| v.get(*l).map_or("", |s| s.file.as_str())),
                );
                let audit = input
                    .withheld
                    .map(|wh| wh.labels(u).join(" "))
                    .unwrap_or_default();
                row.push(audit.as_str());
                w.write_record(&row)?;
            }
            w.flush()?;
        }
        out.finish()?;
        Ok(0)
    }
}
