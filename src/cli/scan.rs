//! `polyalign scan`: the inventory of what the inputs hold.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;

use crate::langid::Lingua;
use crate::model::{Lang, StatementKind};
use crate::pipeline::{self, Config};
use crate::statement::RemovedBlock;

/// Arguments of `polyalign scan`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Files or folders to read (recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Show the evidence behind every grouping decision.
    #[arg(long)]
    pub explain: bool,
    /// List every block removed as page chrome, with its file, line, zone and reason.
    #[arg(long)]
    pub removed: bool,
    /// Print the inventory as JSON instead of a table.
    #[arg(long)]
    pub json: bool,
}

/// Runs `scan`.
pub fn run(args: &Args) -> anyhow::Result<i32> {
    let cfg = Config {
        inputs: args.paths.clone(),
        ..Default::default()
    };
    let out = pipeline::scan(&cfg, &Lingua);
    for d in &out.diagnostics.items {
        eprintln!("polyalign: {d}");
    }
    let stdout = std::io::stdout();
    let mut w = stdout.lock();
    if args.json {
        let v = serde_json::json!({
            "files": out.files_seen,
            "pages": out.pages,
            "bytes": out.bytes,
            "encodings": out.encodings,
            "statements": out.statements,
            "groups": out.groups,
            "rejected": if args.explain { serde_json::to_value(&out.rejected)? } else { serde_json::Value::Null },
            "removed_chrome": out.removed.len(),
            "removed": if args.removed { serde_json::to_value(&out.removed)? } else { serde_json::Value::Null },
            "diagnostics": out.diagnostics.items,
        });
        serde_json::to_writer_pretty(&mut w, &v)?;
        writeln!(w)?;
    } else {
        write_table(&mut w, &out, args.explain)?;
        if args.removed {
            write_removed(&mut w, &out.removed)?;
        }
    }
    Ok(if out.diagnostics.has_errors() {
        super::EXIT_SKIPPED
    } else {
        super::EXIT_OK
    })
}

fn write_table(
    w: &mut impl Write,
    out: &pipeline::RunOutput,
    explain: bool,
) -> std::io::Result<()> {
    let enc = out
        .encodings
        .iter()
        .map(|(e, n)| format!("{e} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(
        w,
        "files: {} read, {} pages ({} bytes; {})",
        out.files_seen, out.pages, out.bytes, enc
    )?;
    let mut main: BTreeMap<Option<Lang>, usize> = BTreeMap::new();
    let mut teasers: BTreeMap<Option<Lang>, usize> = BTreeMap::new();
    for s in &out.statements {
        let m = if s.kind == StatementKind::Teaser {
            &mut teasers
        } else {
            &mut main
        };
        *m.entry(s.lang).or_insert(0) += 1;
    }
    writeln!(
        w,
        "statements: {} ({} full texts, {} teasers)",
        out.statements.len(),
        main.values().sum::<usize>(),
        teasers.values().sum::<usize>()
    )?;
    writeln!(w, "  {:<6} {:>6} {:>8}", "lang", "full", "teasers")?;
    for l in Lang::ALL.iter().map(|l| Some(*l)).chain([None]) {
        let (a, b) = (
            main.get(&l).copied().unwrap_or(0),
            teasers.get(&l).copied().unwrap_or(0),
        );
        if a + b > 0 {
            writeln!(
                w,
                "  {:<6} {:>6} {:>8}",
                l.map(|l| l.code()).unwrap_or("?"),
                a,
                b
            )?;
        }
    }
    writeln!(w, "groups: {}", out.groups.len())?;
    writeln!(
        w,
        "  {:<58} {:<5} {:<14} {:<14} missing",
        "group", "size", "found", "promised"
    )?;
    for g in &out.groups {
        let found: Vec<&str> = g.versions.keys().map(|l| l.code()).collect();
        let promised: Vec<&str> = g.promised.iter().map(|l| l.code()).collect();
        let missing: Vec<&str> = g
            .promised
            .iter()
            .filter(|l| !g.versions.contains_key(l))
            .map(|l| l.code())
            .collect();
        let id: String = g.id.chars().take(58).collect();
        writeln!(
            w,
            "  {:<58} {:<5} {:<14} {:<14} {}",
            id,
            g.versions.len(),
            found.join(","),
            promised.join(","),
            missing.join(",")
        )?;
        if explain {
            for (l, &k) in &g.versions {
                let s = &out.statements[k];
                writeln!(
                    w,
                    "      {l} {} [{}] {}",
                    s.id,
                    s.date
                        .map(|d| d.to_string())
                        .unwrap_or_else(|| "undated".into()),
                    s.title
                )?;
            }
            for d in &g.duplicates {
                writeln!(
                    w,
                    "      copy ({}) {} = {}",
                    d.reason, out.statements[d.copy].id, out.statements[d.kept].id
                )?;
            }
            for e in &g.evidence {
                writeln!(w, "      joined {}", explain_evidence(e))?;
            }
            for c in &g.candidates {
                writeln!(
                    w,
                    "      candidate {} {} probability {:.2}{}",
                    c.lang,
                    out.statements[c.statement].id,
                    c.probability,
                    match (c.unassigned, c.mutual) {
                        (true, true) => " (unassigned, prefers this group)",
                        (true, false) => " (unassigned)",
                        _ => "",
                    }
                )?;
            }
        }
    }
    if explain && !out.rejected.is_empty() {
        writeln!(
            w,
            "pairs considered and kept apart (each version's best candidate):"
        )?;
        for e in &out.rejected {
            writeln!(w, "  {}", explain_evidence(e))?;
        }
    }
    writeln!(
        w,
        "chrome removed: {} blocks{} (list them with --removed)",
        out.removed.len(),
        reason_summary(&out.removed)
    )?;
    let errors = out
        .diagnostics
        .items
        .iter()
        .filter(|d| d.severity == crate::diag::Severity::Error)
        .count();
    writeln!(
        w,
        "problems: {} inputs skipped, {} messages (see stderr)",
        errors,
        out.diagnostics.items.len()
    )?;
    Ok(())
}

/// One line of evidence: the pair, its probability, the decision, each feature's share of the
/// log-odds, and the runners-up.
fn explain_evidence(e: &crate::model::Evidence) -> String {
    let parts = e
        .parts
        .iter()
        .map(|(k, v)| format!("{k} {v:+.2}"))
        .collect::<Vec<_>>()
        .join(", ");
    let mut line = format!("{} + {} probability {:.4}", e.a, e.b, e.score);
    if let Some(d) = &e.decision {
        line.push_str(&format!(" [{d}]"));
    }
    line.push_str(&format!(": {parts}"));
    for r in &e.runners_up {
        line.push_str(&format!(
            "; runner-up of {}: {} {} {:.4}",
            r.of, r.lang, r.statement, r.probability
        ));
    }
    line
}

/// ` (12 chrome-lines, 3 counter-banner)`, or nothing when no block was removed.
fn reason_summary(removed: &[RemovedBlock]) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for r in removed {
        *counts.entry(r.reason.name()).or_insert(0) += 1;
    }
    if counts.is_empty() {
        return String::new();
    }
    let parts: Vec<String> = counts.iter().map(|(k, n)| format!("{n} {k}")).collect();
    format!(" ({})", parts.join(", "))
}

/// One line per removed block: `file:line: reason [zone] "excerpt"`.
fn write_removed(w: &mut impl Write, removed: &[RemovedBlock]) -> std::io::Result<()> {
    writeln!(w, "removed as page chrome:")?;
    for r in removed {
        writeln!(w, "  {r}")?;
    }
    Ok(())
}
