//! `polyalign align` and `polyalign audit`: the whole pipeline, then the outputs.

use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::time::Instant;

use anyhow::Context;

use crate::audit;
use crate::cache;
use crate::export::{self, ExportInput, Format};
use crate::langid::Lingua;
use crate::model::{Lang, Level};
use crate::pipeline::{self, Config, RunOutput};

/// Arguments of `polyalign align`.
#[derive(clap::Args, Debug, Clone)]
pub struct Args {
    /// Files or folders to read (recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "alignments")]
    pub output: PathBuf,
    /// Output formats, comma-separated: tmx, csv, tsv, jsonl.
    #[arg(long, default_value = "tmx,csv", value_delimiter = ',')]
    pub format: Vec<String>,
    /// Granularity of the exported units.
    #[arg(long, default_value = "paragraph", value_parser = ["paragraph", "sentence"])]
    pub level: String,
    /// Languages to export, comma-separated (default: all present).
    #[arg(long)]
    pub langs: Option<String>,
    /// Pivot language every version is aligned to (default: the language present in most groups).
    #[arg(long)]
    pub pivot: Option<String>,
    /// Leave out units whose confidence is below this (0 to 1).
    #[arg(long, default_value_t = 0.0)]
    pub min_score: f64,
    /// Start CSV files with a byte-order mark so that Excel reads them as UTF-8.
    #[arg(long)]
    pub excel: bool,
    /// Do not write the gap audit (gaps.csv, gaps.json, coverage.csv, report.html).
    #[arg(long)]
    pub no_audit: bool,
    /// Keep segments the audit finds untranslated or copied in the pairwise memories, TSV/Moses
    /// and corpus.tmx (by default they are left out there; units.csv/units.jsonl name them).
    #[arg(long)]
    pub keep_untranslated: bool,
    /// Group and align under the corpus statistics in FILE (written by `--save-stats` on a run
    /// over the whole corpus) instead of learning them: a date window of the corpus then gets
    /// the whole run's groups, units and scores.
    #[arg(long, value_name = "FILE", conflicts_with = "save_stats")]
    pub stats: Option<PathBuf>,
    /// Write the corpus statistics the run learned to FILE (JSON: grouping's document
    /// frequencies, lexicons, length models and model; the aligner's sample, models and lexicons
    /// per level and language pair).
    #[arg(long, value_name = "FILE")]
    pub save_stats: Option<PathBuf>,
    /// Remember the run in DIR: a re-run with the same inputs (by content), settings and build,
    /// whose outputs are still as written, is skipped; any other re-run says what changed
    /// since (files and statements added, edited, removed; also in DIR/changes.json).
    #[arg(long, value_name = "DIR")]
    pub cache: Option<PathBuf>,
    /// No progress display and no summary line.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Arguments of `polyalign audit`.
#[derive(clap::Args, Debug, Clone)]
pub struct AuditArgs {
    /// Files or folders to read (recursively).
    #[arg(required = true)]
    pub paths: Vec<PathBuf>,
    /// Output folder.
    #[arg(short, long, default_value = "alignments")]
    pub output: PathBuf,
    /// Pivot language (default: the language present in most groups).
    #[arg(long)]
    pub pivot: Option<String>,
    /// No progress display.
    #[arg(short, long)]
    pub quiet: bool,
}

/// Validated settings of `align`.
struct Settings {
    cfg: Config,
    out: PathBuf,
    formats: Vec<Format>,
    level: Level,
    langs: Option<Vec<Lang>>,
    min_score: f64,
    excel: bool,
    audit: bool,
    keep_untranslated: bool,
    quiet: bool,
    save_stats: Option<PathBuf>,
    cache: Option<PathBuf>,
    /// Everything besides the inputs that the outputs depend on (with `--cache`; else empty).
    fingerprint: String,
}

/// Reads corpus statistics written by `--save-stats`.
fn read_stats(path: &Path) -> anyhow::Result<pipeline::CorpusStats> {
    let text = std::fs::read_to_string(path)
        .with_context(|| format!("cannot read corpus statistics {}", path.display()))?;
    pipeline::CorpusStats::from_json(&text)
        .with_context(|| format!("{}: not polyalign corpus statistics", path.display()))
}

fn parse_pivot(p: &Option<String>) -> anyhow::Result<Option<Lang>> {
    p.as_deref()
        .map(|s| s.parse::<Lang>().map_err(anyhow::Error::msg))
        .transpose()
}

impl Settings {
    fn from_args(a: &Args) -> anyhow::Result<Settings> {
        let mut formats: Vec<Format> = a
            .format
            .iter()
            .map(|f| f.parse::<Format>().map_err(anyhow::Error::msg))
            .collect::<anyhow::Result<_>>()?;
        formats.sort();
        formats.dedup();
        let level = if a.level == "sentence" {
            Level::Sentence
        } else {
            Level::Paragraph
        };
        if !(0.0..=1.0).contains(&a.min_score) {
            anyhow::bail!("--min-score must be between 0 and 1");
        }
        // Only `--cache` compares it (the statistics file is hashed for it).
        let fingerprint = a.cache.as_ref().map_or_else(String::new, |_| {
            format!(
                "{:?}",
                (
                    &formats,
                    &a.level,
                    &a.langs,
                    &a.pivot,
                    a.min_score,
                    a.excel,
                    a.no_audit,
                    a.keep_untranslated,
                    a.stats.as_deref().map(crate::cache::hash_file),
                    &a.save_stats,
                    &a.output,
                    std::env::var("SOURCE_DATE_EPOCH").ok(),
                )
            )
        });
        Ok(Settings {
            cfg: Config {
                inputs: a.paths.clone(),
                sentences: level == Level::Sentence,
                pivot: parse_pivot(&a.pivot)?,
                stats: a
                    .stats
                    .as_deref()
                    .map(read_stats)
                    .transpose()?
                    .map(std::sync::Arc::new),
                keep_stats: a.save_stats.is_some(),
                ..Default::default()
            },
            out: a.output.clone(),
            formats,
            level,
            langs: a
                .langs
                .as_deref()
                .map(super::parse_langs)
                .transpose()
                .map_err(anyhow::Error::msg)?,
            min_score: a.min_score,
            excel: a.excel,
            audit: !a.no_audit,
            keep_untranslated: a.keep_untranslated,
            quiet: a.quiet,
            save_stats: a.save_stats.clone(),
            cache: a.cache.clone(),
            fingerprint,
        })
    }
}

/// Progress on stderr (indicatif): the stage, a bar with rate and ETA when the stage's size is
/// known. Hidden when stderr is not a terminal or with `--quiet`.
pub struct Bar(indicatif::ProgressBar);

impl Bar {
    pub fn new(quiet: bool) -> Bar {
        if quiet || !std::io::stderr().is_terminal() {
            return Bar(indicatif::ProgressBar::hidden());
        }
        let pb = indicatif::ProgressBar::new_spinner();
        pb.enable_steady_tick(std::time::Duration::from_millis(120));
        Bar(pb)
    }

    pub fn finish(&self) {
        self.0.finish_and_clear();
    }
}

impl pipeline::Progress for Bar {
    fn stage(&self, name: &str, total: Option<u64>) {
        self.0.reset();
        let template = match total {
            Some(_) => "{spinner} {msg:<28} [{bar:30}] {pos}/{len} {per_sec} eta {eta}",
            None => "{spinner} {msg}",
        };
        if let Ok(st) = indicatif::ProgressStyle::with_template(template) {
            self.0.set_style(st.progress_chars("=> "));
        }
        match total {
            Some(n) => self.0.set_length(n),
            None => self.0.unset_length(),
        }
        self.0.set_message(name.to_string());
    }

    fn inc(&self, n: u64) {
        self.0.inc(n);
    }
}

fn report_diagnostics(out: &RunOutput) {
    for d in &out.diagnostics.items {
        eprintln!("polyalign: {d}");
    }
}

/// Runs `align`.
pub fn run(args: &Args) -> anyhow::Result<i32> {
    let s = Settings::from_args(args)?;
    let t0 = Instant::now();
    let cached = match &s.cache {
        Some(dir) => match Cached::check(&s, dir) {
            Ok(code) => return Ok(code),
            Err(c) => Some(c),
        },
        None => None,
    };
    let bar = Bar::new(s.quiet);
    let out = pipeline::run_with(&s.cfg, &Lingua, &bar);
    bar.finish();
    report_diagnostics(&out);
    let langs = s
        .langs
        .clone()
        .unwrap_or_else(|| pipeline::languages_present(&out.groups, &out.statements));
    // The exporters select the units (level, score, languages) as they write: no copy.
    let withheld = export::Withheld::from_findings(&out.audit.findings);
    let input = ExportInput {
        units: &out.units,
        groups: &out.groups,
        statements: &out.statements,
        level: s.level,
        filter: export::UnitFilter {
            level: Some(s.level),
            min_score: Some(s.min_score),
        },
        pivot: out.pivot,
        langs: langs.clone(),
        source_date_epoch: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|v| v.parse().ok()),
        excel: s.excel,
        pair_units: export::PairUnits::Aligned {
            statements: &out.statements,
            groups: &out.groups,
            pairwise: &out.pairwise,
        },
        withheld: (!s.keep_untranslated).then_some(&withheld),
    };
    let timer = pipeline::StageTimer::start();
    std::fs::create_dir_all(&s.out)
        .with_context(|| format!("cannot create {}", s.out.display()))?;
    // The memories and corpora, groups.jsonl, and the audit's files are independent: written
    // side by side (each file atomically, so the order in which they land does not matter).
    let (summary, (common, audit)) = rayon::join(
        || export::export(&s.out, &s.formats, &input),
        || {
            rayon::join(
                || write_common(&s.out, &out),
                || {
                    s.audit.then(|| {
                        export::gaps::write_audit(
                            &s.out,
                            &out.audit,
                            &out.groups,
                            &out.statements,
                            &out.units,
                        )
                    })
                },
            )
        },
    );
    let summary = summary.with_context(|| format!("cannot write into {}", s.out.display()))?;
    common?;
    if let (Some(path), Some(stats)) = (&s.save_stats, &out.corpus_stats) {
        export::write_atomic(path, stats.to_json().as_bytes())
            .with_context(|| format!("cannot write corpus statistics {}", path.display()))?;
    }
    let mut gaps = 0;
    if let Some(r) = audit {
        r.with_context(|| format!("cannot write the audit into {}", s.out.display()))?;
        gaps = out.audit.findings.len();
    }
    timer.lap("export");
    if !s.quiet {
        let secs = t0.elapsed().as_secs_f64();
        eprintln!(
            "polyalign: {} files, {} statements, {} groups, {} units written ({} level), {} findings, {} chrome blocks removed, {} illegal XML characters removed, {:.2} s, {:.1} MB/s → {}",
            out.files_seen,
            out.statements.len(),
            out.groups.len(),
            export::exported_units(&input),
            s.level,
            gaps,
            out.removed.len(),
            summary.illegal_chars_removed,
            secs,
            out.bytes as f64 / 1e6 / secs.max(1e-9),
            s.out.display()
        );
    }
    let code = if out.diagnostics.has_errors() {
        super::EXIT_SKIPPED
    } else {
        super::EXIT_OK
    };
    if let Some(c) = cached {
        c.record(&s, &out, code)?;
    }
    Ok(code)
}

/// `--cache`: the inputs hashed before the run, and the cached run's manifest.
struct Cached {
    dir: PathBuf,
    inputs: std::collections::BTreeMap<String, String>,
    old: Option<cache::Manifest>,
}

impl Cached {
    /// `Ok(exit code)` when the cached run stands (its diagnostics shown again), else what
    /// the run needs to record itself afterwards.
    fn check(s: &Settings, dir: &Path) -> Result<i32, Box<Cached>> {
        let files = crate::ingest::walk(&s.cfg.inputs, &mut crate::diag::Diagnostics::default());
        let c = Cached {
            dir: dir.to_path_buf(),
            inputs: cache::hash_inputs(&files),
            old: cache::Manifest::read(dir),
        };
        match &c.old {
            Some(m)
                if m.build == cache::build_id()
                    && m.settings == s.fingerprint
                    && m.inputs == c.inputs
                    && m.outputs == outputs(s, dir) =>
            {
                for d in &m.diagnostics {
                    eprintln!("polyalign: {d}");
                }
                if !s.quiet {
                    eprintln!(
                        "polyalign: nothing changed since the cached run ({} files; {}): the outputs in {} are up to date",
                        c.inputs.len(),
                        dir.display(),
                        s.out.display()
                    );
                }
                Ok(m.exit)
            }
            _ => Err(Box::new(c)),
        }
    }

    /// Writes the manifest of this run and what changed since the cached one.
    fn record(self: Box<Self>, s: &Settings, out: &RunOutput, exit: i32) -> anyhow::Result<()> {
        let Cached { dir, inputs, old } = *self;
        let statements = cache::hash_statements(&out.statements);
        let empty = cache::Manifest::default();
        let changes = cache::Changes::between(old.as_ref().unwrap_or(&empty), &inputs, &statements);
        if !s.quiet {
            match old {
                Some(_) => eprintln!(
                    "polyalign: changes since the cached run: {} ({})",
                    changes.summary(),
                    dir.join("changes.json").display()
                ),
                None => eprintln!(
                    "polyalign: first run cached in {}: {}",
                    dir.display(),
                    changes.summary()
                ),
            }
        }
        let write = || -> std::io::Result<()> {
            std::fs::create_dir_all(&dir)?;
            let json = serde_json::to_string_pretty(&changes).map_err(std::io::Error::other)?;
            export::write_atomic(&dir.join("changes.json"), json.as_bytes())?;
            cache::Manifest {
                format: cache::FORMAT.to_string(),
                build: cache::build_id(),
                settings: s.fingerprint.clone(),
                inputs,
                outputs: outputs(s, &dir),
                statements,
                diagnostics: out
                    .diagnostics
                    .items
                    .iter()
                    .map(|d| d.to_string())
                    .collect(),
                exit,
            }
            .write(&dir)
        };
        write().with_context(|| format!("cannot write the cache {}", dir.display()))
    }
}

/// The run's output files as the cache compares them: every file under the output folder
/// (less the cache folder) and the statistics file of `--save-stats`.
fn outputs(s: &Settings, cache_dir: &Path) -> Vec<cache::OutputFile> {
    let mut v = cache::list_outputs(&s.out, cache_dir);
    if let Some(p) = &s.save_stats {
        v.push(cache::output_file(p, p.display().to_string()));
    }
    v
}

/// Writes `groups.jsonl` (every group with its versions, copies and evidence).
fn write_common(dir: &Path, out: &RunOutput) -> anyhow::Result<()> {
    export::write_atomic(
        &dir.join("groups.jsonl"),
        &export::jsonl::groups_jsonl(out)?,
    )?;
    Ok(())
}

/// Runs `audit`.
pub fn run_audit(args: &AuditArgs) -> anyhow::Result<i32> {
    let cfg = Config {
        inputs: args.paths.clone(),
        sentences: false,
        pivot: parse_pivot(&args.pivot)?,
        ..Default::default()
    };
    let bar = Bar::new(args.quiet);
    let out = pipeline::run_with(&cfg, &Lingua, &bar);
    bar.finish();
    report_diagnostics(&out);
    export::gaps::write_audit(
        &args.output,
        &out.audit,
        &out.groups,
        &out.statements,
        &out.units,
    )
    .with_context(|| format!("cannot write the audit into {}", args.output.display()))?;
    print_summary(&out, &mut std::io::stdout().lock())?;
    Ok(if out.diagnostics.has_errors() {
        super::EXIT_SKIPPED
    } else {
        super::EXIT_OK
    })
}

/// The readable audit summary: counts per kind and per language, worst statements first.
pub fn print_summary(out: &RunOutput, w: &mut impl std::io::Write) -> std::io::Result<()> {
    let f = &out.audit.findings;
    writeln!(
        w,
        "audit: {} groups, {} findings",
        out.groups.len(),
        f.len()
    )?;
    for (k, n) in audit::counts_by_kind(f) {
        writeln!(w, "  {:<18} {n}", k.name())?;
    }
    let mut per_lang: std::collections::BTreeMap<Lang, usize> = Default::default();
    for x in f {
        if let Some(l) = x.langs.first() {
            *per_lang.entry(*l).or_insert(0) += 1;
        }
    }
    let pl = per_lang
        .iter()
        .map(|(l, n)| format!("{l} {n}"))
        .collect::<Vec<_>>()
        .join(", ");
    writeln!(w, "  per language: {pl}")?;
    let mut per_group: std::collections::BTreeMap<&str, (u32, usize)> = Default::default();
    for x in f {
        let e = per_group.entry(x.group.as_str()).or_insert((0, 0));
        e.0 += match x.severity {
            crate::model::FindingSeverity::High => 8,
            crate::model::FindingSeverity::Medium => 4,
            crate::model::FindingSeverity::Low => 2,
            crate::model::FindingSeverity::Info => 1,
        };
        e.1 += 1;
    }
    let mut worst: Vec<(&str, (u32, usize))> = per_group.into_iter().collect();
    worst.sort_by(|a, b| b.1 .0.cmp(&a.1 .0).then(a.0.cmp(b.0)));
    writeln!(w, "worst statements:")?;
    for (g, (_, n)) in worst.iter().take(10) {
        let kinds: Vec<&str> = f
            .iter()
            .filter(|x| x.group == *g)
            .map(|x| x.kind.name())
            .collect();
        writeln!(w, "  {g}: {n} ({})", kinds.join(", "))?;
    }
    Ok(())
}
