//! JSONL writer: `alignments/units.jsonl`, one JSON object per aligned unit and line, keys in
//! this fixed order:
//!
//! ```text
//! {"group":"…","unit":0,"level":"paragraph","score":0.93,"bead":"1-2-1",
//!  "segments":{"de":{"text":"…","indices":[0],"file":"…","tag":"de-DE"}, …}}
//! ```
//!
//! `score` is the unit's full-precision score; `segments` holds the exported languages present
//! in the unit, keyed by ISO 639-1 code in [`Lang`] order (alphabetical); `indices` are the 0-based paragraph
//! (or sentence) indices in that version. Text is written unchanged (JSON escapes controls).

use std::collections::BTreeMap;

use serde::Serialize;

use std::io::Write;

use super::{views, ExportInput, Exporter, Sink};
use crate::model::{Lang, Level};

/// Writes `units.jsonl`.
pub struct JsonlExporter;

/// One line of `units.jsonl`.
#[derive(Serialize)]
pub struct JsonlUnit<'a> {
    pub group: &'a str,
    pub unit: usize,
    pub level: Level,
    pub score: f64,
    pub bead: &'a str,
    pub segments: BTreeMap<Lang, JsonlSegment<'a>>,
    /// Audit findings covering a segment (`untranslated:fr`, `copied:de`); such segments are
    /// withheld from the pairwise files.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub audit: Vec<String>,
}

/// One language of a [`JsonlUnit`].
#[derive(Serialize)]
pub struct JsonlSegment<'a> {
    pub text: &'a str,
    pub indices: &'a [usize],
    pub file: &'a str,
    pub tag: &'a str,
}

impl Exporter for JsonlExporter {
    fn write(&self, input: &ExportInput<'_>, sink: &dyn Sink) -> std::io::Result<usize> {
        let mut out = sink.create("units.jsonl")?;
        let mut buf = Vec::new();
        for v in views(input) {
            let u = v.unit;
            let line = JsonlUnit {
                group: &u.group,
                unit: u.unit,
                level: u.level,
                score: if u.score.is_finite() { u.score } else { 0.0 },
                bead: &v.bead,
                segments: v
                    .segments
                    .iter()
                    .map(|(l, s)| {
                        let seg = JsonlSegment {
                            text: &s.text,
                            indices: &s.indices,
                            file: &s.file,
                            tag: &s.tag,
                        };
                        (*l, seg)
                    })
                    .collect(),
                audit: input.withheld.map(|w| w.labels(u)).unwrap_or_default(),
            };
            buf.clear();
            serde_json::to_writer(&mut buf, &line).expect("serialising to memory cannot fail");
            buf.push(b'\n');
            out.write_all(&buf)?;
        }
        out.finish()?;
        Ok(0)
    }
}

/// The bytes of `groups.jsonl`: one line per group with its versions, copies, promised
/// languages, evidence and candidates (also the Python package's `groups`).
pub fn groups_jsonl(out: &crate::pipeline::RunOutput) -> serde_json::Result<Vec<u8>> {
    let mut buf = Vec::new();
    for g in &out.groups {
        let versions: serde_json::Map<String, serde_json::Value> = g
            .versions
            .iter()
            .map(|(l, &k)| {
                let s = &out.statements[k];
                (
                    l.code().to_string(),
                    serde_json::json!({"statement": s.id, "file": s.file, "kind": s.kind, "title": s.title, "date": s.date, "time": s.time, "paragraphs": s.paragraphs.len(), "lang_confidence": s.lang_confidence}),
                )
            })
            .collect();
        let dups: Vec<serde_json::Value> = g
            .duplicates
            .iter()
            .map(|d| serde_json::json!({"kept": out.statements[d.kept].id, "copy": out.statements[d.copy].id, "file": out.statements[d.copy].file, "reason": d.reason}))
            .collect();
        let candidates: Vec<serde_json::Value> = g
            .candidates
            .iter()
            .map(|c| serde_json::json!({"lang": c.lang, "statement": out.statements[c.statement].id, "file": out.statements[c.statement].file, "probability": c.probability, "unassigned": c.unassigned, "mutual": c.mutual}))
            .collect();
        let v = serde_json::json!({"group": g.id, "versions": versions, "promised": g.promised, "duplicates": dups, "evidence": g.evidence, "candidates": candidates});
        serde_json::to_writer(&mut buf, &v)?;
        buf.push(b'\n');
    }
    Ok(buf)
}
