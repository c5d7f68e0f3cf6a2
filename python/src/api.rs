//! The one module that calls the polyalign library. Everything else in this crate sees only the
//! plain types defined here (strings, numbers, byte buffers, [`Error`]), so a change of the
//! library's API is adapted in this file alone. No PyO3 here either: this module is plain Rust.
//!
//! Each function mirrors a CLI subcommand's semantics exactly (same validation, same selection,
//! same bytes), because the Python tests compare the two byte for byte.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use polyalign::align::{self, AlignConfig, Dictionary};
use polyalign::cli::pair::{align_documents, Level as PairLevel};
use polyalign::export::convert::{units_from_tmx, Converted};
use polyalign::export::jsonl::groups_jsonl;
use polyalign::export::select_units;
use polyalign::export::{self, tmx_read, ExportInput, Format, Withheld};
use polyalign::langid::{identify_text, Lingua};
use polyalign::model::{Bead, Lang, Level, Unit, UnitSegment};
use polyalign::pipeline::{self, Config, Progress, RunOutput};

/// What went wrong, in the terms the Python exceptions use.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// A bad argument value (level, format, score range …).
    Usage(String),
    /// A language code polyalign does not handle.
    UnknownLanguage(String),
    /// An input file that cannot be used: its path, a short kind (`not-found`, `binary`,
    /// `invalid-utf8`, `not-tmx` …) and the reason.
    Input {
        path: String,
        kind: String,
        reason: String,
    },
    /// An output that cannot be written.
    Output { path: String, reason: String },
}

type Result<T> = std::result::Result<T, Error>;

fn usage(msg: impl Into<String>) -> Error {
    Error::Usage(msg.into())
}

/// A language code (`de`, `deu`, `German` …) as the CLI reads it.
fn lang(code: &str) -> Result<Lang> {
    code.parse::<Lang>().map_err(Error::UnknownLanguage)
}

fn display(p: &Path) -> String {
    polyalign::ingest::display_path(p)
}

fn output_error(p: &Path, e: impl std::fmt::Display) -> Error {
    Error::Output {
        path: display(p),
        reason: e.to_string(),
    }
}

// ---------------------------------------------------------------------------------------------
// pair

/// One side of a pair: the text of a document (as `polyalign pair` reads a file) or its lines.
pub enum Doc {
    Text(String),
    Lines(Vec<String>),
}

/// A bead with the texts of its segments (joined by a space when it holds several).
#[derive(Debug, Clone, PartialEq)]
pub struct PairBead {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    pub score: f64,
    pub src_text: String,
    pub tgt_text: String,
}

/// Settings of [`align_pair`], unvalidated.
pub struct PairOptions<'a> {
    pub langs: (&'a str, &'a str),
    /// `paragraph` or `sentence` (ignored when presegmented).
    pub level: &'a str,
    pub presegmented: bool,
    /// hunalign dictionary (`target @ source` per line).
    pub dictionary: Option<&'a Path>,
}

/// `polyalign pair`: aligns two documents; the beads are those the CLI prints.
///
/// Lines given as a list are the lines of the file: presegmented, each is a segment as given;
/// otherwise they are joined with `\n` into the document text.
pub fn align_pair(src: Doc, tgt: Doc, opts: &PairOptions<'_>) -> Result<Vec<PairBead>> {
    let langs = (lang(opts.langs.0)?, lang(opts.langs.1)?);
    let level = match opts.level {
        "sentence" => PairLevel::Sentence,
        "paragraph" => PairLevel::Paragraph,
        other => {
            return Err(usage(format!(
                "level must be \"paragraph\" or \"sentence\", got {other:?}"
            )))
        }
    };
    let mut cfg = AlignConfig::default();
    if let Some(p) = opts.dictionary {
        let d = Dictionary::load(p, Some(langs)).map_err(|e| Error::Input {
            path: display(p),
            kind: "dictionary".into(),
            reason: format!("{e:#}"),
        })?;
        cfg.dictionary = Some(Arc::new(d));
    }
    if opts.presegmented {
        // What `align_documents` does with the file's lines, on the segments as given (a
        // segment holding a line break stays one segment).
        let s = doc_segments(&src);
        let t = doc_segments(&tgt);
        let sv: Vec<&str> = s.iter().map(String::as_str).collect();
        let tv: Vec<&str> = t.iter().map(String::as_str).collect();
        let beads = align::align_pair(&sv, &tv, langs.0, langs.1, &cfg);
        return Ok(with_texts(beads, &s, &t));
    }
    let (st, tt) = (doc_text(src), doc_text(tgt));
    let beads = align_documents(&st, &tt, langs, false, level, &cfg);
    let s = units_of(&st, langs.0, level);
    let t = units_of(&tt, langs.1, level);
    Ok(with_texts(beads, &s, &t))
}

fn doc_text(d: Doc) -> String {
    match d {
        Doc::Text(t) => t,
        Doc::Lines(l) => l.join("\n"),
    }
}

fn doc_segments(d: &Doc) -> Vec<String> {
    match d {
        Doc::Text(t) => t.lines().map(str::to_string).collect(),
        Doc::Lines(l) => l.clone(),
    }
}

/// The units `align_documents` numbers: paragraphs (blank-line blocks of the normalised text),
/// or their sentences numbered through the document.
fn units_of(text: &str, lang: Lang, level: PairLevel) -> Vec<String> {
    let paras = polyalign::text::blocks(&polyalign::text::normalize(text));
    match level {
        PairLevel::Paragraph => paras.into_iter().map(|b| b.text).collect(),
        PairLevel::Sentence => paras
            .iter()
            .flat_map(|b| polyalign::segment::sentences(&b.text, lang))
            .map(str::to_string)
            .collect(),
    }
}

fn with_texts(beads: Vec<Bead>, s: &[String], t: &[String]) -> Vec<PairBead> {
    let join = |segs: &[String], idx: &[usize]| {
        idx.iter()
            .filter_map(|&i| segs.get(i).map(String::as_str))
            .collect::<Vec<_>>()
            .join(" ")
    };
    beads
        .into_iter()
        .map(|b| PairBead {
            src_text: join(s, &b.src),
            tgt_text: join(t, &b.tgt),
            src: b.src,
            tgt: b.tgt,
            score: b.score,
        })
        .collect()
}

/// One bead as `polyalign pair` prints it: `[0]:[0, 1]`.
pub fn format_bead(src: &[usize], tgt: &[usize]) -> String {
    align::score::format_bead(src, tgt)
}

/// Beads as `polyalign pair` prints them (`[i]:[j,k]`, with `\t` and the score when asked).
pub fn format_beads(beads: &[(Vec<usize>, Vec<usize>, f64)], scores: bool) -> String {
    let beads: Vec<Bead> = beads
        .iter()
        .map(|(s, t, p)| Bead {
            src: s.clone(),
            tgt: t.clone(),
            score: *p,
        })
        .collect();
    align::score::format_beads(&beads, scores)
}

/// Reads a document as `polyalign pair` does (UTF-8 text); a file the CLI refuses is an
/// [`Error::Input`] saying why (missing, a folder, binary, not UTF-8).
pub fn read_document(path: &Path) -> Result<String> {
    let err = |kind: &str, reason: String| Error::Input {
        path: display(path),
        kind: kind.into(),
        reason,
    };
    let bytes = std::fs::read(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => err("not-found", "no such file".into()),
        std::io::ErrorKind::IsADirectory => err("not-a-file", "a folder, not a file".into()),
        _ => err("unreadable", format!("cannot read: {e}")),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let at = e.utf8_error().valid_up_to();
        match polyalign::ingest::decode::decode(e.as_bytes()) {
            Err(polyalign::ingest::decode::DecodeError::Binary(why)) => {
                err("binary", format!("binary file ({why})"))
            }
            _ => err(
                "invalid-utf8",
                format!("not valid UTF-8 (invalid byte at offset {at})"),
            ),
        }
    })
}

// ---------------------------------------------------------------------------------------------
// language identification and segmentation

/// The language of a text and its confidence, as the pipeline identifies a standalone text;
/// `None` when undecidable.
pub fn detect_language(text: &str) -> Option<(&'static str, f64)> {
    identify_text(text, &Lingua).map(|(l, c)| (l.code(), c))
}

/// Sentences of `text` as byte ranges (the pipeline's segmenter).
pub fn segment(text: &str, lang_code: &str) -> Result<Vec<std::ops::Range<usize>>> {
    Ok(polyalign::segment::split_sentences(text, lang(lang_code)?))
}

/// The languages polyalign handles, in output order.
pub fn languages() -> Vec<&'static str> {
    Lang::ALL.iter().map(|l| l.code()).collect()
}

/// Finding kinds in the order the CLI sorts findings of equal confidence.
pub fn finding_kinds() -> Vec<&'static str> {
    polyalign::model::FindingKind::ALL
        .iter()
        .map(|k| k.name())
        .collect()
}

// ---------------------------------------------------------------------------------------------
// run

/// Receives the progress of a run (stage changes and items done); called from several threads.
pub trait Observer: Sync {
    fn stage(&self, name: &str, total: Option<u64>);
    fn inc(&self, n: u64);
}

struct Bridge<'a>(&'a dyn Observer);

impl Progress for Bridge<'_> {
    fn stage(&self, name: &str, total: Option<u64>) {
        self.0.stage(name, total);
    }
    fn inc(&self, n: u64) {
        self.0.inc(n);
    }
}

/// Settings of [`run`], unvalidated, as `polyalign align` takes them.
pub struct RunOptions {
    pub paths: Vec<PathBuf>,
    pub level: String,
    pub pivot: Option<String>,
    pub langs: Option<Vec<String>>,
    pub min_score: f64,
    pub keep_untranslated: bool,
    /// Corpus statistics (the JSON of [`learn_stats`]) to group and align under instead of
    /// learning.
    pub stats: Option<String>,
}

/// The corpus statistics of `paths` (grouping, and the aligner's learning sample at `level`),
/// as JSON: what the shards of a sharded run share so that their groups, units and scores are
/// the whole corpus's; and the groups of the corpus (`groups.jsonl`), by which a sharded run
/// dates the statements that have no date of their own.
pub fn learn_stats(
    paths: &[PathBuf],
    level: &str,
    pivot: Option<&str>,
    observer: &dyn Observer,
) -> Result<(String, Vec<u8>)> {
    if paths.is_empty() {
        return Err(usage("no input paths"));
    }
    let level = parse_level(level)?;
    let cfg = Config {
        inputs: paths.to_vec(),
        sentences: level == Level::Sentence,
        pivot: pivot.map(lang).transpose()?,
        ..Default::default()
    };
    let out = pipeline::learn_stats(&cfg, &Lingua, &Bridge(observer));
    let groups = groups_jsonl(&out).expect("serialising to memory cannot fail");
    let stats = out
        .corpus_stats
        .as_ref()
        .expect("statistics kept when learning")
        .to_json();
    Ok((stats, groups))
}

fn parse_level(level: &str) -> Result<Level> {
    match level {
        "paragraph" => Ok(Level::Paragraph),
        "sentence" => Ok(Level::Sentence),
        other => Err(usage(format!(
            "level must be \"paragraph\" or \"sentence\", got {other:?}"
        ))),
    }
}

/// A finished run and the units `polyalign align` would export from it.
pub struct Run {
    out: RunOutput,
    level: Level,
    langs: Vec<Lang>,
    units: Vec<Unit>,
    pair_units: Vec<Unit>,
    withheld: Option<Withheld>,
}

/// Counts of a run, as the CLI's summary line gives them.
#[derive(Debug, Clone, serde::Serialize)]
struct Summary {
    pub files: usize,
    pub pages: usize,
    pub bytes: u64,
    pub statements: usize,
    pub groups: usize,
    pub units: usize,
    pub findings: usize,
    pub chrome_blocks_removed: usize,
    pub pivot: Option<&'static str>,
    pub langs: Vec<&'static str>,
    pub level: &'static str,
    /// True when no input was skipped (`polyalign align` exits 0; else 1).
    pub ok: bool,
}

/// `polyalign align` without the writing: validates the options (usage errors), then runs every
/// stage. Per-file problems are diagnostics of the run, not errors.
pub fn run(opts: &RunOptions, observer: &dyn Observer) -> Result<Run> {
    if opts.paths.is_empty() {
        return Err(usage("no input paths"));
    }
    let level = parse_level(&opts.level)?;
    if !(0.0..=1.0).contains(&opts.min_score) {
        return Err(usage("min_score must be between 0 and 1"));
    }
    let pivot = opts.pivot.as_deref().map(lang).transpose()?;
    let langs = match &opts.langs {
        None => None,
        Some(v) => {
            // Each code checked first, so the error names it.
            for c in v.iter().flat_map(|c| c.split(',')) {
                if !c.trim().is_empty() {
                    lang(c)?;
                }
            }
            Some(polyalign::cli::parse_langs(&v.join(",")).map_err(Error::UnknownLanguage)?)
        }
    };
    let stats = match &opts.stats {
        None => None,
        Some(text) => Some(std::sync::Arc::new(
            pipeline::CorpusStats::from_json(text)
                .map_err(|e| usage(format!("stats: not polyalign corpus statistics: {e}")))?,
        )),
    };
    let cfg = Config {
        inputs: opts.paths.clone(),
        sentences: level == Level::Sentence,
        pivot,
        stats,
        ..Default::default()
    };
    let out = pipeline::run_with(&cfg, &Lingua, &Bridge(observer));
    let langs = langs.unwrap_or_else(|| pipeline::languages_present(&out.groups, &out.statements));
    let units = select_units(&out.units, level, Some(&langs), opts.min_score);
    let pair_units = select_units(&out.pair_units(), level, Some(&langs), opts.min_score);
    let withheld = (!opts.keep_untranslated).then(|| Withheld::from_findings(&out.audit.findings));
    Ok(Run {
        out,
        level,
        langs,
        units,
        pair_units,
        withheld,
    })
}

/// `SOURCE_DATE_EPOCH` as the CLI reads it.
fn source_date_epoch() -> Option<i64> {
    std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|v| v.parse().ok())
}

fn parse_formats(formats: &[String]) -> Result<Vec<Format>> {
    let mut v: Vec<Format> = formats
        .iter()
        .map(|f| f.parse::<Format>().map_err(Error::Usage))
        .collect::<Result<_>>()?;
    v.sort();
    v.dedup();
    Ok(v)
}

/// Renders one file of a format in memory.
fn render_file(input: &ExportInput<'_>, format: Format, path: &str) -> Vec<u8> {
    format
        .exporter()
        .render(input)
        .files
        .into_iter()
        .find(|f| f.path == path)
        .map(|f| f.bytes)
        .unwrap_or_default()
}

fn export_into(dir: &Path, formats: &[Format], input: &ExportInput<'_>) -> Result<Vec<PathBuf>> {
    export::export(dir, formats, input)
        .map(|s| s.files)
        .map_err(|e| output_error(dir, format!("cannot write into it: {e}")))
}

impl Run {
    fn input(&self, excel: bool) -> ExportInput<'_> {
        ExportInput {
            units: &self.units,
            groups: &self.out.groups,
            statements: &self.out.statements,
            level: self.level,
            filter: polyalign::export::UnitFilter::default(),
            pivot: self.out.pivot,
            langs: self.langs.clone(),
            source_date_epoch: source_date_epoch(),
            excel,
            pair_units: polyalign::export::PairUnits::Built(&self.pair_units),
            withheld: self.withheld.as_ref(),
        }
    }

    /// The bytes of `units.jsonl`.
    pub fn units_jsonl(&self) -> Vec<u8> {
        render_file(&self.input(false), Format::Jsonl, "units.jsonl")
    }

    /// The bytes of `corpus.tmx` (every exported language in one memory).
    pub fn corpus_tmx(&self) -> Vec<u8> {
        render_file(&self.input(false), Format::Tmx, "corpus.tmx")
    }

    /// The bytes of `groups.jsonl`.
    pub fn groups_jsonl(&self) -> Vec<u8> {
        groups_jsonl(&self.out).expect("serialising to memory cannot fail")
    }

    /// The audit as `gaps.json` holds it (`coverage` and `findings`), compact.
    pub fn audit_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.out.audit).expect("serialising to memory cannot fail")
    }

    /// The diagnostics (severity, file, line, kind, message), as JSON.
    pub fn diagnostics_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.out.diagnostics.items).expect("serialising to memory cannot fail")
    }

    /// [`Run::summary`] as JSON.
    pub fn summary_json(&self) -> Vec<u8> {
        serde_json::to_vec(&self.summary()).expect("serialising to memory cannot fail")
    }

    fn summary(&self) -> Summary {
        Summary {
            files: self.out.files_seen,
            pages: self.out.pages,
            bytes: self.out.bytes,
            statements: self.out.statements.len(),
            groups: self.out.groups.len(),
            units: self.units.len(),
            findings: self.out.audit.findings.len(),
            chrome_blocks_removed: self.out.removed.len(),
            pivot: self.out.pivot.map(Lang::code),
            langs: self.langs.iter().map(|l| l.code()).collect(),
            level: match self.level {
                Level::Paragraph => "paragraph",
                Level::Sentence => "sentence",
            },
            ok: !self.out.diagnostics.has_errors(),
        }
    }

    /// What `polyalign align -o DIR --format …` writes after the run, in the same order:
    /// the formats, `groups.jsonl`, then (unless `audit` is false, `--no-audit`) the audit.
    pub fn write(
        &self,
        dir: &Path,
        formats: &[String],
        excel: bool,
        audit: bool,
    ) -> Result<Vec<PathBuf>> {
        let formats = parse_formats(formats)?;
        let mut files = export_into(dir, &formats, &self.input(excel))?;
        let groups = dir.join("groups.jsonl");
        export::write_atomic(&groups, &self.groups_jsonl())
            .map_err(|e| output_error(&groups, e))?;
        files.push(groups);
        if audit {
            let o = &self.out;
            files.extend(
                export::gaps::write_audit(dir, &o.audit, &o.groups, &o.statements, &o.units)
                    .map_err(|e| output_error(dir, format!("cannot write the audit: {e}")))?,
            );
        }
        Ok(files)
    }
}

// ---------------------------------------------------------------------------------------------
// TMX

/// A TMX memory read as `polyalign convert` reads it.
pub struct Memory {
    conv: Converted,
    pub path: String,
    /// Header attributes (`srclang`, `segtype`, `creationtool` …).
    pub header: Vec<(String, String)>,
}

/// Reads a TMX file (UTF-8, or UTF-16 with a BOM).
pub fn read_tmx(path: &Path) -> Result<Memory> {
    let disp = display(path);
    let bytes = std::fs::read(path).map_err(|e| Error::Input {
        path: disp.clone(),
        kind: if e.kind() == std::io::ErrorKind::NotFound {
            "not-found".into()
        } else {
            "unreadable".into()
        },
        reason: if e.kind() == std::io::ErrorKind::NotFound {
            "no such file".into()
        } else {
            format!("cannot read: {e}")
        },
    })?;
    let doc = tmx_read::parse_bytes(&bytes).map_err(|e| Error::Input {
        path: disp.clone(),
        kind: "not-tmx".into(),
        reason: e.to_string(),
    })?;
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_else(|| "tmx".into());
    let conv = units_from_tmx(&doc, &stem, &path.display().to_string());
    Ok(Memory {
        conv,
        path: disp,
        header: doc.header.attrs.into_iter().collect(),
    })
}

impl Memory {
    fn input(
        &self,
        langs: Option<&[String]>,
        pivot: Option<&str>,
        excel: bool,
    ) -> Result<ExportInput<'_>> {
        let langs = match langs {
            Some(v) if !v.is_empty() => v.iter().map(|c| lang(c)).collect::<Result<_>>()?,
            _ => self.conv.langs.iter().copied().collect(),
        };
        let pivot = match pivot {
            Some(p) => Some(lang(p)?),
            None => self.conv.pivot,
        };
        Ok(ExportInput {
            units: &self.conv.units,
            groups: &self.conv.groups,
            statements: &self.conv.statements,
            level: self.conv.level,
            filter: polyalign::export::UnitFilter::default(),
            pivot,
            langs,
            source_date_epoch: source_date_epoch(),
            excel,
            pair_units: Default::default(),
            withheld: None,
        })
    }

    /// Languages present, pivot (`srclang`), level and skipped variants.
    pub fn langs(&self) -> Vec<&'static str> {
        self.conv.langs.iter().map(|l| l.code()).collect()
    }
    pub fn pivot(&self) -> Option<&'static str> {
        self.conv.pivot.map(Lang::code)
    }
    pub fn level(&self) -> &'static str {
        match self.conv.level {
            Level::Paragraph => "paragraph",
            Level::Sentence => "sentence",
        }
    }
    pub fn skipped_variants(&self) -> usize {
        self.conv.skipped_variants
    }
    pub fn len(&self) -> usize {
        self.conv.units.len()
    }

    /// The units as `polyalign convert --format jsonl` writes them.
    pub fn units_jsonl(&self) -> Vec<u8> {
        let input = self.input(None, None, false).expect("no codes to check");
        render_file(&input, Format::Jsonl, "units.jsonl")
    }

    /// One multilingual TMX of the memory (`corpus.tmx` of `convert`).
    pub fn corpus_tmx(&self, langs: Option<&[String]>, pivot: Option<&str>) -> Result<Vec<u8>> {
        Ok(render_file(
            &self.input(langs, pivot, false)?,
            Format::Tmx,
            "corpus.tmx",
        ))
    }

    /// What `polyalign convert IN -o DIR --format … [--langs] [--pivot] [--excel]` writes.
    pub fn write(
        &self,
        dir: &Path,
        formats: &[String],
        langs: Option<&[String]>,
        pivot: Option<&str>,
        excel: bool,
    ) -> Result<Vec<PathBuf>> {
        let formats = parse_formats(formats)?;
        export_into(dir, &formats, &self.input(langs, pivot, excel)?)
    }
}

/// A unit as `units.jsonl` writes it; what `file`, `tag` and `indices` a caller leaves out
/// default to empty, the language's default tag and none.
#[derive(serde::Deserialize)]
struct JsonUnit {
    group: String,
    #[serde(default)]
    unit: Option<usize>,
    #[serde(default)]
    level: Level,
    #[serde(default = "one")]
    score: f64,
    #[serde(default)]
    bead: Option<String>,
    segments: std::collections::BTreeMap<Lang, JsonSegment>,
}

#[derive(serde::Deserialize)]
struct JsonSegment {
    text: String,
    #[serde(default)]
    indices: Vec<usize>,
    #[serde(default)]
    file: String,
    #[serde(default)]
    tag: Option<String>,
}

fn one() -> f64 {
    1.0
}

/// A multilingual TMX (`corpus.tmx` layout) of units given as `units.jsonl` objects (a JSON
/// array). `level` names the header's `segtype` (default: the first unit's level).
pub fn units_tmx(
    json: &str,
    langs: Option<&[String]>,
    pivot: Option<&str>,
    level: Option<&str>,
) -> Result<Vec<u8>> {
    let parsed: Vec<JsonUnit> = serde_json::from_str(json)
        .map_err(|e| usage(format!("units must be shaped like units.jsonl lines: {e}")))?;
    let mut counters = std::collections::HashMap::<String, usize>::new();
    let units: Vec<Unit> = parsed
        .into_iter()
        .map(|u| {
            let n = counters.entry(u.group.clone()).or_insert(0);
            let unit = u.unit.unwrap_or(*n);
            *n = (*n).max(unit + 1);
            let bead = u.bead.unwrap_or_else(|| {
                u.segments
                    .values()
                    .map(|s| s.indices.len().max(1).to_string())
                    .collect::<Vec<_>>()
                    .join("-")
            });
            Unit {
                group: u.group,
                unit,
                level: u.level,
                score: u.score,
                bead,
                parent: None,
                conflict: false,
                segments: u
                    .segments
                    .into_iter()
                    .map(|(l, s)| {
                        let seg = UnitSegment {
                            text: s.text,
                            indices: s.indices,
                            file: s.file,
                            tag: s.tag.unwrap_or_else(|| l.default_tag().to_string()),
                        };
                        (l, seg)
                    })
                    .collect(),
            }
        })
        .collect();
    let level = match level {
        None => units.first().map(|u| u.level).unwrap_or_default(),
        Some("paragraph") => Level::Paragraph,
        Some("sentence") => Level::Sentence,
        Some(other) => {
            return Err(usage(format!(
                "level must be \"paragraph\" or \"sentence\", got {other:?}"
            )))
        }
    };
    let langs: Vec<Lang> = match langs {
        Some(v) if !v.is_empty() => v.iter().map(|c| lang(c)).collect::<Result<_>>()?,
        _ => {
            let set: std::collections::BTreeSet<Lang> = units
                .iter()
                .flat_map(|u| u.segments.keys().copied())
                .collect();
            set.into_iter().collect()
        }
    };
    let pivot = pivot.map(lang).transpose()?;
    let input = ExportInput {
        units: &units,
        groups: &[],
        statements: &[],
        level,
        filter: polyalign::export::UnitFilter::default(),
        pivot,
        langs,
        source_date_epoch: source_date_epoch(),
        excel: false,
        pair_units: Default::default(),
        withheld: None,
    };
    Ok(render_file(&input, Format::Tmx, "corpus.tmx"))
}

/// Writes bytes to a file atomically, as every output of polyalign is written.
pub fn write_file(path: &Path, bytes: &[u8]) -> Result<()> {
    export::write_atomic(path, bytes).map_err(|e| output_error(path, e))
}
