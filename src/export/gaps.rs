//! Audit outputs: `gaps.csv` (one row per finding), `gaps.json` (coverage matrix and findings),
//! `coverage.csv` (group × language) and `report.html`.

use std::path::{Path, PathBuf};

use crate::audit::{html, AuditReport};
use crate::export::write_atomic;
use crate::model::{Coverage, Group, Lang, Statement, Unit};

/// Writes the audit files into `dir`; returns the paths written.
pub fn write_audit(
    dir: &Path,
    report: &AuditReport,
    groups: &[Group],
    statements: &[Statement],
    units: &[Unit],
) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    // gaps.csv
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record([
        "group",
        "kind",
        "severity",
        "confidence",
        "langs",
        "statement",
        "files",
        "paragraphs",
        "message",
        "evidence",
        "excerpt",
    ])?;
    for f in &report.findings {
        let langs = f
            .langs
            .iter()
            .map(|l| l.code())
            .collect::<Vec<_>>()
            .join(" ");
        let paras = f
            .paragraphs
            .iter()
            .map(|p| p.to_string())
            .collect::<Vec<_>>()
            .join(" ");
        let evidence = f
            .evidence
            .iter()
            .map(|(k, v)| format!("{k}={}", fmt_num(*v)))
            .collect::<Vec<_>>()
            .join(" ");
        w.write_record([
            f.group.as_str(),
            f.kind.name(),
            &format!("{:?}", f.severity).to_lowercase(),
            &format!("{:.4}", f.confidence),
            &langs,
            f.statement.as_deref().unwrap_or(""),
            &f.files.join(" "),
            &paras,
            &f.message,
            &evidence,
            &f.excerpt,
        ])?;
    }
    let p = dir.join("gaps.csv");
    write_atomic(&p, &w.into_inner().map_err(|e| e.into_error())?)?;
    files.push(p);
    // gaps.json
    let p = dir.join("gaps.json");
    let mut buf = serde_json::to_vec_pretty(report)?;
    buf.push(b'\n');
    write_atomic(&p, &buf)?;
    files.push(p);
    // coverage.csv
    let mut w = csv::Writer::from_writer(Vec::new());
    let mut head = vec!["group".to_string(), "date".into(), "title".into()];
    head.extend(Lang::ALL.iter().map(|l| l.code().to_string()));
    w.write_record(&head)?;
    for row in &report.coverage {
        let mut rec = vec![
            row.group.clone(),
            row.date.map(|d| d.to_string()).unwrap_or_default(),
            row.title.clone(),
        ];
        for l in Lang::ALL {
            rec.push(match row.cells.get(&l) {
                Some(Coverage::Present { copies, .. }) if copies.is_empty() => "present".into(),
                Some(Coverage::Present { copies, .. }) => format!("present+{}", copies.len()),
                Some(Coverage::TeaserOnly { .. }) => "teaser-only".into(),
                Some(Coverage::Missing) => "missing".into(),
                Some(Coverage::Absent) | None => String::new(),
            });
        }
        w.write_record(&rec)?;
    }
    let p = dir.join("coverage.csv");
    write_atomic(&p, &w.into_inner().map_err(|e| e.into_error())?)?;
    files.push(p);
    // report.html
    let p = dir.join("report.html");
    write_atomic(
        &p,
        html::render(report, groups, statements, units).as_bytes(),
    )?;
    files.push(p);
    Ok(files)
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.3}")
    }
}
