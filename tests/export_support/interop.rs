//! Checks of exported TMX against real third-party clients: xmllint with the TMX 1.4 DTD,
//! translate-toolkit's `tmxfile`, and OmegaT's headless console-translate. Each check takes an
//! output directory written by `polyalign::export::export` plus the [`ExportInput`] it was made
//! from, so the same checks run on the test fixture and on a real corpus.
//!
//! Tools are installed by `scripts/setup-interop.sh`. A missing tool fails the test when
//! `CI=true` and skips it (with a note on stderr) otherwise: see [`Tools::require`].

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

use polyalign::export::tmx::is_xml10_illegal;
use polyalign::export::ExportInput;
use polyalign::model::{Lang, Unit};

use super::{files_under, repo_root};

/// Where the interop tools are.
#[derive(Clone, Debug, Default)]
pub struct Tools {
    pub xmllint: Option<PathBuf>,
    pub dtd: Option<PathBuf>,
    pub java: Option<PathBuf>,
    pub omegat_jar: Option<PathBuf>,
    /// A Python that can `import translate`.
    pub python: Option<String>,
}

fn interop_dir() -> PathBuf {
    std::env::var_os("POLYALIGN_INTEROP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo_root().join("target/interop"))
}

fn which(name: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(name))
        .find(|p| p.is_file())
}

impl Tools {
    pub fn find() -> Tools {
        let dir = interop_dir();
        let dtd = std::env::var_os("POLYALIGN_TMX_DTD")
            .map(PathBuf::from)
            .or_else(|| Some(dir.join("tmx14.dtd")))
            .filter(|p| p.is_file());
        let omegat_jar = std::env::var_os("POLYALIGN_OMEGAT_JAR")
            .map(PathBuf::from)
            .or_else(|| {
                std::fs::read_to_string(dir.join("omegat-jar.txt"))
                    .ok()
                    .map(|s| PathBuf::from(s.trim()))
            })
            .or_else(|| Some(PathBuf::from("/usr/share/omegat/OmegaT.jar")))
            .filter(|p| p.is_file());
        let python = std::env::var("PYTHON")
            .ok()
            .or_else(|| Some("python3".to_string()))
            .filter(|py| {
                Command::new(py)
                    .args(["-c", "import translate.storage.tmx"])
                    .output()
                    .is_ok_and(|o| o.status.success())
            });
        Tools {
            xmllint: which("xmllint"),
            dtd,
            java: which("java"),
            omegat_jar,
            python,
        }
    }

    /// The tool, or `None` after printing a skip note; panics under CI (`CI=true`), where a
    /// missing tool means the setup step is broken.
    pub fn require<T: Clone>(what: &str, tool: &Option<T>) -> Option<T> {
        if tool.is_none() {
            let msg = format!(
                "interop: {what} not found; run `sudo scripts/setup-interop.sh` to install it"
            );
            if std::env::var("CI").is_ok_and(|v| v == "true") {
                panic!("{msg} (CI=true: interop checks are mandatory)");
            }
            eprintln!("SKIPPED: {msg}");
        }
        tool.clone()
    }
}

/// Every TMX file under `out/` (`corpus.tmx` and `tmx/*.tmx`).
pub fn tmx_files(out: &Path) -> Vec<PathBuf> {
    let base = out.to_path_buf();
    files_under(&base)
        .into_iter()
        .filter(|f| f.ends_with(".tmx"))
        .map(|f| base.join(f))
        .collect()
}

/// xmllint `--noout --dtdvalid` on every file; returns each file's errors.
pub fn check_xmllint(xmllint: &Path, dtd: &Path, files: &[PathBuf]) -> Result<(), String> {
    let mut errors = Vec::new();
    for f in files {
        let o = Command::new(xmllint)
            .arg("--noout")
            .arg("--dtdvalid")
            .arg(dtd)
            .arg(f)
            .output()
            .map_err(|e| e.to_string())?;
        if !o.status.success() {
            errors.push(format!(
                "{}: {}",
                f.display(),
                String::from_utf8_lossy(&o.stderr)
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors.join("\n"))
    }
}

/// The units the exporter writes (≥ 2 of `langs`), as in `polyalign::export`.
pub fn exported_units<'a>(input: &ExportInput<'a>) -> Vec<&'a Unit> {
    input
        .units
        .iter()
        .filter(|u| {
            input
                .langs
                .iter()
                .filter(|l| u.segments.contains_key(l))
                .count()
                >= 2
        })
        .collect()
}

/// The most frequent tag of `lang` among `units` (what the TMX header says).
fn tag_of(units: &[&Unit], lang: Lang) -> String {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for u in units {
        if let Some(s) = u.segments.get(&lang) {
            *counts.entry(s.tag.as_str()).or_default() += 1;
        }
    }
    let mut best: Option<(&str, usize)> = None;
    for (t, c) in counts {
        if best.is_none_or(|(_, bc)| c > bc) {
            best = Some((t, c));
        }
    }
    best.map_or(lang.default_tag().to_string(), |(t, _)| t.to_string())
}

fn xml_clean(s: &str) -> String {
    s.chars().filter(|c| !is_xml10_illegal(*c)).collect()
}

/// translate-toolkit reads every TMX file: for `tmx/<a>-<b>.tmx` with source `a` and target
/// `b`, for `corpus.tmx` with the pivot (or the first language) against every other language.
/// Checks the unit count and every (source, target) pair against the units (`None` where the
/// unit lacks the language), text exact up to the removal of XML-illegal characters.
/// Returns the number of (file, pair) combinations checked.
pub fn check_translate_toolkit(
    python: &str,
    out: &Path,
    input: &ExportInput<'_>,
) -> Result<usize, String> {
    let units = exported_units(input);
    let script = repo_root().join("scripts/interop/tt_check.py");
    let base = out.to_path_buf();
    let mut jobs: Vec<(PathBuf, Lang, Lang)> = Vec::new();
    for f in files_under(&base.join("tmx")) {
        let (a, b) = f
            .trim_end_matches(".tmx")
            .split_once('-')
            .ok_or(format!("bad pair file name {f}"))?;
        let (a, b) = (
            Lang::from_code(a).ok_or(f.clone())?,
            Lang::from_code(b).ok_or(f.clone())?,
        );
        jobs.push((base.join("tmx").join(&f), a, b));
    }
    let first = input.pivot.unwrap_or(input.langs[0]);
    for l in input.langs.iter().filter(|l| **l != first) {
        jobs.push((base.join("corpus.tmx"), first, *l));
    }
    let mut problems = Vec::new();
    for (file, a, b) in &jobs {
        let (ta, tb) = (tag_of(&units, *a), tag_of(&units, *b));
        let o = Command::new(python)
            .arg(&script)
            .arg(&ta)
            .arg(&tb)
            .arg(file)
            .output()
            .map_err(|e| e.to_string())?;
        if !o.status.success() {
            problems.push(format!(
                "{}: tt_check failed: {}",
                file.display(),
                String::from_utf8_lossy(&o.stderr)
            ));
            continue;
        }
        let v: serde_json::Value = serde_json::from_slice(&o.stdout).map_err(|e| e.to_string())?;
        let got = &v["files"][file.to_string_lossy().as_ref()];
        let pairwise = file.file_name().is_some_and(|n| n != "corpus.tmx");
        let want: Vec<(Option<String>, Option<String>)> = if pairwise {
            // Pairwise files hold the pair's own alignment (see `export::pair_segments`).
            polyalign::export::pair_segments(input, *a, *b)
                .into_iter()
                .map(|(x, y)| (Some(xml_clean(&x.text)), Some(xml_clean(&y.text))))
                .collect()
        } else {
            units
                .iter()
                .map(|u| {
                    (
                        u.segments.get(a).map(|s| xml_clean(&s.text)),
                        u.segments.get(b).map(|s| xml_clean(&s.text)),
                    )
                })
                .collect()
        };
        let got_pairs: Vec<(Option<String>, Option<String>)> = got["pairs"]
            .as_array()
            .map(|ps| {
                ps.iter()
                    .map(|p| {
                        (
                            p[0].as_str().map(str::to_string),
                            p[1].as_str().map(str::to_string),
                        )
                    })
                    .collect()
            })
            .unwrap_or_default();
        if got["units"].as_u64() != Some(want.len() as u64) {
            problems.push(format!(
                "{} ({ta}→{tb}): {} units, expected {}",
                file.display(),
                got["units"],
                want.len()
            ));
        }
        for (i, (g, w)) in got_pairs.iter().zip(&want).enumerate() {
            if g != w {
                problems.push(format!(
                    "{} ({ta}→{tb}) unit {i}: got {g:?}, expected {w:?}",
                    file.display()
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(jobs.len())
    } else {
        Err(problems.join("\n"))
    }
}

/// Result of an OmegaT run.
#[derive(Debug)]
pub struct OmegatRun {
    /// Paragraphs in the source file.
    pub paragraphs: usize,
    /// Paragraphs the memory should translate.
    pub translated: usize,
}

/// Builds an OmegaT project (paragraph segmentation) with `memory` in `tm/auto/` and a plain
/// text source file holding the `src` text of every exported unit that has `src` (one paragraph
/// per unit, blank lines between), runs console-translate and compares `target/` exactly with
/// the expected text: the `tgt` text where the unit has both languages, the source text left
/// as is where it has no `tgt` (so a language fallback — another language inserted — fails).
///
/// Units whose `src` text has line breaks, leading/trailing spaces or XML-illegal characters,
/// or repeats an earlier unit's `src` text, are left out (the text filter or ambiguous matches
/// would make the expectation unclear).
pub fn check_omegat(
    java: &Path,
    jar: &Path,
    memory: &Path,
    input: &ExportInput<'_>,
    src: Lang,
    tgt: Lang,
) -> Result<OmegatRun, String> {
    let units = exported_units(input);
    // (source text, target text if the memory has one). A pairwise memory holds the pair's own
    // alignment (`export::pair_segments`); paragraphs of units without the target language are
    // in the source file too and must stay untranslated.
    let pairwise = memory.file_name().is_some_and(|n| n != "corpus.tmx");
    let entries: Vec<(String, Option<String>)> = if pairwise {
        polyalign::export::pair_segments(input, src, tgt)
            .into_iter()
            .map(|(x, y)| (x.text.clone(), Some(y.text.clone())))
            .chain(
                units
                    .iter()
                    .filter(|u| !u.segments.contains_key(&tgt))
                    .filter_map(|u| u.segments.get(&src).map(|s| (s.text.clone(), None))),
            )
            .collect()
    } else {
        units
            .iter()
            .filter_map(|u| {
                u.segments
                    .get(&src)
                    .map(|s| (s.text.clone(), u.segments.get(&tgt).map(|x| x.text.clone())))
            })
            .collect()
    };
    let mut seen = std::collections::HashSet::new();
    let mut source = Vec::new();
    let mut expected = Vec::new();
    let mut translated = 0;
    for (t, target) in &entries {
        let usable = !t.is_empty()
            && t.trim() == t
            && !t.chars().any(|c| {
                c == '\n' || c == '\r' || c == '\u{2028}' || c == '\u{2029}' || is_xml10_illegal(c)
            })
            && seen.insert(t.clone());
        if !usable {
            continue;
        }
        source.push(t.clone());
        if target.is_some() {
            translated += 1;
        }
        expected.push(target.as_ref().map_or(t.clone(), |x| xml_clean(x)));
    }
    if source.is_empty() {
        return Err("no usable source paragraphs".into());
    }
    let tmp = tempfile::tempdir().map_err(|e| e.to_string())?;
    let proj = tmp.path().join("project");
    for d in [
        "source",
        "target",
        "tm/auto",
        "glossary",
        "dictionary",
        "omegat",
    ] {
        std::fs::create_dir_all(proj.join(d)).map_err(|e| e.to_string())?;
    }
    let (stag, ttag) = (tag_of(&units, src), tag_of(&units, tgt));
    let project = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<omegat>
    <project version="1.0">
        <source_dir>__DEFAULT__</source_dir>
        <source_dir_excludes/>
        <target_dir>__DEFAULT__</target_dir>
        <tm_dir>__DEFAULT__</tm_dir>
        <glossary_dir>__DEFAULT__</glossary_dir>
        <glossary_file>__DEFAULT__</glossary_file>
        <dictionary_dir>__DEFAULT__</dictionary_dir>
        <source_lang>{stag}</source_lang>
        <target_lang>{ttag}</target_lang>
        <sentence_seg>false</sentence_seg>
        <support_default_translations>true</support_default_translations>
        <remove_tags>false</remove_tags>
    </project>
</omegat>
"#
    );
    std::fs::write(proj.join("omegat.project"), project).map_err(|e| e.to_string())?;
    std::fs::copy(
        memory,
        proj.join("tm/auto").join(memory.file_name().unwrap()),
    )
    .map_err(|e| e.to_string())?;
    std::fs::write(
        proj.join("source/statement.txt"),
        source.join("\n\n") + "\n",
    )
    .map_err(|e| e.to_string())?;
    let cfg = tmp.path().join("config");
    std::fs::create_dir_all(&cfg).map_err(|e| e.to_string())?;
    let o = Command::new(java)
        .arg("-Djava.awt.headless=true")
        .arg("-jar")
        .arg(jar)
        .arg(&proj)
        .arg("--mode=console-translate")
        .arg(format!("--config-dir={}", cfg.display()))
        .arg("--no-team")
        .arg("--quiet")
        .output()
        .map_err(|e| e.to_string())?;
    let log = format!(
        "{}{}",
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    // OmegaT exits 0 even when the memory fails to load: the target file decides.
    let got = std::fs::read_to_string(proj.join("target/statement.txt")).map_err(|e| {
        format!(
            "OmegaT wrote no target file ({e}); exit {:?}; log:\n{log}",
            o.status.code()
        )
    })?;
    let want = expected.join("\n\n") + "\n";
    if got != want {
        let diff: Vec<String> = got
            .split("\n\n")
            .zip(want.split("\n\n"))
            .filter(|(g, w)| g != w)
            .map(|(g, w)| format!("  got:      {g:?}\n  expected: {w:?}"))
            .collect();
        return Err(format!(
            "OmegaT target differs from the memory ({src}→{tgt}):\n{}\nlog:\n{log}",
            diff.join("\n")
        ));
    }
    Ok(OmegatRun {
        paragraphs: source.len(),
        translated,
    })
}
