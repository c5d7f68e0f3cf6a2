//! Audit outputs: `gaps.csv` (one row per finding), `gaps.json` (coverage matrix and findings),
//! `coverage.csv` (group × language), and the report: `report.html` (the index) with its month
//! pages under `report/` (see [`crate::audit::html`]).

use std::collections::HashSet;
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
    files.extend(write_report(
        dir,
        report,
        groups,
        statements,
        units,
        &html::Options::default(),
    )?);
    Ok(files)
}

/// Writes the report pages as they are rendered (month pages first, the index last), then
/// removes month pages a previous run left that this run did not write, so that `report/` holds
/// exactly the pages the index links to. Returns the paths written.
pub fn write_report(
    dir: &Path,
    report: &AuditReport,
    groups: &[Group],
    statements: &[Statement],
    units: &[Unit],
    opts: &html::Options,
) -> std::io::Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    html::for_each_page(report, groups, statements, units, opts, |page| {
        let p = page
            .path
            .split('/')
            .fold(dir.to_path_buf(), |p, c| p.join(c));
        write_atomic(&p, page.html.as_bytes())?;
        files.push(p);
        Ok::<(), std::io::Error>(())
    })?;
    let written: HashSet<&Path> = files.iter().map(PathBuf::as_path).collect();
    let pages = dir.join(html::PAGES_DIR);
    if let Ok(entries) = std::fs::read_dir(&pages) {
        for e in entries.flatten() {
            let p = e.path();
            let ours = p
                .file_name()
                .and_then(|n| n.to_str())
                .is_some_and(is_month_page_name);
            if ours && !written.contains(p.as_path()) {
                std::fs::remove_file(&p)?;
            }
        }
    }
    Ok(files)
}

/// `2021-03.html`, `2021-03-2.html`, `undated.html`, `undated-2.html`: the names
/// [`html::MonthKey::file_name`] gives, and the only files [`write_report`] removes.
fn is_month_page_name(name: &str) -> bool {
    let Some(stem) = name.strip_suffix(".html") else {
        return false;
    };
    let (base, part) = match stem.rsplit_once('-') {
        Some((b, n))
            if !n.is_empty()
                && n.bytes().all(|c| c.is_ascii_digit())
                && (b == "undated" || b.len() == 7) =>
        {
            (b, Some(n))
        }
        _ => (stem, None),
    };
    let part_ok = part.is_none_or(|n| !n.starts_with('0'));
    let month_ok = base == "undated"
        || (base.len() == 7
            && base.as_bytes()[4] == b'-'
            && base[..4].bytes().all(|c| c.is_ascii_digit())
            && base[5..].bytes().all(|c| c.is_ascii_digit()));
    part_ok && month_ok
}

fn fmt_num(v: f64) -> String {
    if v.fract() == 0.0 && v.abs() < 1e15 {
        format!("{}", v as i64)
    } else {
        format!("{v:.3}")
    }
}

#[cfg(test)]
mod tests {
    use super::is_month_page_name;

    #[test]
    fn only_month_page_names_are_ours() {
        for ok in [
            "2021-03.html",
            "2021-03-2.html",
            "undated.html",
            "undated-12.html",
        ] {
            assert!(is_month_page_name(ok), "{ok}");
        }
        for not in [
            "notes.html",
            "2021-03.htm",
            "2021-3.html",
            "2021-03-02.html.bak",
            "2021-03-.html",
            "2021-03-02x.html",
            "undated-0.html",
            "index.html",
        ] {
            assert!(!is_month_page_name(not), "{not}");
        }
    }
}
