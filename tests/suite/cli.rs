//! The binary end to end: exit codes, outputs, determinism (thread count, file order), atomic
//! writes, and the "nothing lost" invariant over the files written.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::util;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_polyalign"))
}

fn tmpdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

fn read_tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
            } else {
                out.insert(
                    p.strip_prefix(dir).unwrap().to_string_lossy().into_owned(),
                    std::fs::read(&p).unwrap(),
                );
            }
        }
    }
    out
}

fn align(args: &[&str], out: &Path, threads: &str) -> std::process::Output {
    bin()
        .arg("align")
        .args(args)
        .arg("-o")
        .arg(out)
        .arg("--format")
        .arg("tmx,csv,tsv,jsonl")
        .env("RAYON_NUM_THREADS", threads)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap()
}

#[test]
fn align_sample_writes_every_output_and_exits_0() {
    let out = tmpdir();
    let o = align(
        &[util::root().join("corpora/sample").to_str().unwrap()],
        out.path(),
        "2",
    );
    assert_eq!(
        o.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
    let files = read_tree(out.path());
    for f in [
        "corpus.tmx",
        "units.csv",
        "units.jsonl",
        "gaps.csv",
        "gaps.json",
        "coverage.csv",
        "report.html",
        "groups.jsonl",
        "tmx/en-de.tmx",
        "tsv/en-de.tsv",
        "moses/corpus.en-de.en",
        "moses/corpus.en-de.de",
    ] {
        assert!(files.contains_key(f), "{f} missing: {:?}", files.keys());
    }
    // Pairwise memories come from the pairwise alignments: the French merge of two English
    // paragraphs (S3) must not coarsen the English-Russian memory, which is 1-1 throughout.
    let en_ru = String::from_utf8(files["tmx/en-ru.tmx"].clone()).unwrap();
    let beads: Vec<&str> = en_ru
        .split("<prop type=\"x-bead\">")
        .skip(1)
        .map(|s| &s[..s.find('<').unwrap()])
        .collect();
    assert!(
        !beads.is_empty() && beads.iter().all(|b| *b == "1-1"),
        "{beads:?}"
    );
    assert!(
        files.keys().all(|k| !k.contains(".tmp")),
        "temporary files left: {:?}",
        files.keys()
    );
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert!(
        stderr.contains("groups") && stderr.contains("MB/s"),
        "summary line missing: {stderr}"
    );
}

#[test]
fn output_is_identical_across_thread_counts_and_file_order() {
    let sample = util::root().join("corpora/sample");
    let (a, b, c) = (tmpdir(), tmpdir(), tmpdir());
    assert!(align(&[sample.to_str().unwrap()], a.path(), "1")
        .status
        .success());
    assert!(align(&[sample.to_str().unwrap()], b.path(), "2")
        .status
        .success());
    // The same files listed one by one, in reverse order.
    let mut files: Vec<PathBuf> = Vec::new();
    for sub in ["ministry", "embassy"] {
        for e in std::fs::read_dir(sample.join(sub)).unwrap() {
            files.push(e.unwrap().path());
        }
    }
    files.sort();
    files.reverse();
    let args: Vec<&str> = files.iter().map(|p| p.to_str().unwrap()).collect();
    assert!(align(&args, c.path(), "2").status.success());
    let (ta, tb, tc) = (
        read_tree(a.path()),
        read_tree(b.path()),
        read_tree(c.path()),
    );
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (k, v) in &ta {
        assert!(v == &tb[k], "{k} differs between 1 and 2 threads");
        assert!(
            v == &tc[k],
            "{k} differs when the files are listed in another order"
        );
    }
}

#[test]
fn bad_inputs_are_named_and_the_run_goes_on_with_exit_1() {
    let out = tmpdir();
    let bad = util::root().join("tests/data/bad");
    let good = util::root().join("tests/data/pages/ministry-en.txt");
    let o = align(
        &[bad.to_str().unwrap(), good.to_str().unwrap()],
        out.path(),
        "2",
    );
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    for (file, kind) in [
        ("empty.txt", "[empty]"),
        ("binary.html", "[binary]"),
        ("nul-bytes.txt", "[control-chars]"),
        ("no-signature.bin", "[binary]"),
        ("truncated-utf8.txt", "[invalid-bytes]"),
        ("no-statement.txt", "[no-statement]"),
        ("cp1251-page.txt", "[encoding]"),
        ("unknown-markers.txt", "[unknown-marker]"),
    ] {
        let line = stderr
            .lines()
            .find(|l| l.contains(file))
            .unwrap_or_else(|| panic!("no message for {file}: {stderr}"));
        assert!(line.contains(kind), "{file}: {line}");
    }
    // The good inputs still made it into the outputs.
    let groups = std::fs::read_to_string(out.path().join("groups.jsonl")).unwrap();
    assert!(
        groups.contains("ministry-en.txt") && groups.contains("cp1251-page.txt"),
        "{groups}"
    );
}

#[test]
fn a_paragraph_of_one_endless_word_is_kept() {
    // 300,000 letters without a space (a scraped data blob) stay a paragraph of the statement.
    // Language identification is given the run in pieces (`langid::lingua_text`, unit-tested
    // there): lingua's n-gram slicing is quadratic in a word's length, and a page like this one
    // with 3 million letters kept a run busy for minutes.
    let dir = tmpdir();
    let page = std::fs::read_to_string(util::root().join("tests/data/pages/ministry-en.txt"))
        .unwrap()
        .replacen(
            "Mr Chairman,",
            &format!("Mr Chairman,\n\n{}", "x".repeat(300_000)),
            1,
        );
    let file = dir.path().join("blob.txt");
    std::fs::write(&file, page).unwrap();
    let out = tmpdir();
    let o = align(&[file.to_str().unwrap()], out.path(), "2");
    assert!(o.status.code().is_some(), "{o:?}");
    let groups = std::fs::read_to_string(out.path().join("groups.jsonl")).unwrap();
    assert!(groups.contains("\"paragraphs\":7"), "{groups}");
    // A page of a title and such a line only: the line is the statement's body, not a footer
    // link (a link label is at most four words of a hundred characters).
    let bare = dir.path().join("bare.txt");
    std::fs::write(&bare, format!("Title\n\n{}\n", "x".repeat(300_000))).unwrap();
    let out = tmpdir();
    let o = align(&[bare.to_str().unwrap()], out.path(), "2");
    assert!(o.status.code().is_some(), "{o:?}");
    let groups = std::fs::read_to_string(out.path().join("groups.jsonl")).unwrap();
    assert!(groups.contains("\"paragraphs\":1"), "{groups}");
}

#[test]
fn usage_errors_exit_2() {
    let o = bin()
        .args(["align", "corpora/sample", "--format", "docx"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin().args(["align"]).output().unwrap();
    assert_eq!(o.status.code(), Some(2));
    let o = bin()
        .args(["align", "corpora/sample", "--pivot", "xx"])
        .current_dir(util::root())
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn unwritable_output_exits_2() {
    let dir = tmpdir();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"x").unwrap();
    let o = align(
        &[util::root()
            .join("tests/data/pages/ministry-en.txt")
            .to_str()
            .unwrap()],
        &blocker.join("out"),
        "1",
    );
    assert_eq!(
        o.status.code(),
        Some(2),
        "{}",
        String::from_utf8_lossy(&o.stderr)
    );
}

#[test]
fn help_on_every_subcommand() {
    for sub in ["scan", "align", "audit", "pair", "score", "convert"] {
        let o = bin().args([sub, "--help"]).output().unwrap();
        assert!(o.status.success(), "{sub} --help");
        assert!(
            String::from_utf8_lossy(&o.stdout).contains("Usage"),
            "{sub}"
        );
    }
}

/// Every paragraph of every statement that takes part in alignment appears exactly once in the
/// paragraph-level outputs: in an aligned unit (units.jsonl) or in a gap finding (gaps.json);
/// teaser-only and duplicate statements appear in their findings.
#[test]
fn nothing_lost_on_the_sample() {
    let sample = util::root().join("corpora/sample");
    let out = tmpdir();
    assert!(align(&[sample.to_str().unwrap()], out.path(), "2")
        .status
        .success());
    let run = util::sample();
    let units: Vec<Value> = std::fs::read_to_string(out.path().join("units.jsonl"))
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let gaps: Value =
        serde_json::from_str(&std::fs::read_to_string(out.path().join("gaps.json")).unwrap())
            .unwrap();
    // (file, paragraph index) → times seen.
    let mut seen: BTreeMap<(String, usize), usize> = BTreeMap::new();
    for u in &units {
        for seg in u["segments"].as_object().unwrap().values() {
            for i in seg["indices"].as_array().unwrap() {
                *seen
                    .entry((
                        seg["file"].as_str().unwrap().to_string(),
                        i.as_u64().unwrap() as usize,
                    ))
                    .or_insert(0) += 1;
            }
        }
    }
    let mut in_findings: BTreeSet<(String, usize)> = BTreeSet::new();
    let mut copies: BTreeSet<String> = BTreeSet::new();
    for f in gaps["findings"].as_array().unwrap() {
        let kind = f["kind"].as_str().unwrap();
        let file = f["files"][0].as_str().unwrap_or("").to_string();
        for i in f["paragraphs"].as_array().unwrap() {
            in_findings.insert((file.clone(), i.as_u64().unwrap() as usize));
        }
        if kind == "duplicate" {
            copies.insert(f["statement"].as_str().unwrap().to_string());
        }
    }
    let mut missing = Vec::new();
    for g in &run.groups {
        for &k in g.versions.values() {
            let s = &run.statements[k];
            for (i, p) in s.paragraphs.iter().enumerate() {
                let n = seen.get(&(s.file.clone(), i)).copied().unwrap_or(0);
                assert!(n <= 1, "{} ¶{i} in {n} units", s.id);
                if n == 0 && !in_findings.contains(&(s.file.clone(), i)) {
                    // An omission finding names the pivot's paragraphs, so the omitted paragraph
                    // of the pivot is what must be there.
                    missing.push(format!("{} ¶{i}: {}", s.id, p.text));
                }
            }
        }
        for d in &g.duplicates {
            let c = &run.statements[d.copy];
            if d.reason != "teaser-of" {
                assert!(copies.contains(&c.id), "copy {} not reported", c.id);
            }
        }
    }
    assert!(missing.is_empty(), "paragraphs in no output: {missing:#?}");
    // Text is byte-identical after normalisation: each unit's text is its paragraphs joined.
    for u in &units {
        for (l, seg) in u["segments"].as_object().unwrap() {
            let file = seg["file"].as_str().unwrap();
            let st = run
                .statements
                .iter()
                .find(|s| s.file == file && s.lang.map(|x| x.code()) == Some(l.as_str()))
                .unwrap();
            let want: Vec<&str> = seg["indices"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| st.paragraphs[i.as_u64().unwrap() as usize].text.as_str())
                .collect();
            assert_eq!(seg["text"].as_str().unwrap(), want.join(" "));
        }
    }
}

/// `--save-stats` writes what the run learned from its corpus; `--stats` groups and aligns
/// under it instead of learning: on the same pages, every output is the same, byte for byte. A
/// file that is not such statistics is a usage error naming it.
#[test]
fn saved_statistics_give_the_same_outputs() {
    let sample = util::root().join("corpora/sample");
    for level in ["paragraph", "sentence"] {
        let (a, b, dir) = (tmpdir(), tmpdir(), tmpdir());
        let stats = dir.path().join("stats.json");
        let s = stats.to_str().unwrap();
        let o = align(
            &[
                sample.to_str().unwrap(),
                "--level",
                level,
                "--save-stats",
                s,
            ],
            a.path(),
            "2",
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let text = std::fs::read_to_string(&stats).unwrap();
        assert!(text.starts_with(r#"{"format":"polyalign-stats-1""#));
        let o = align(
            &[sample.to_str().unwrap(), "--level", level, "--stats", s],
            b.path(),
            "1",
        );
        assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
        let (ta, tb) = (read_tree(a.path()), read_tree(b.path()));
        assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
        for (k, v) in &ta {
            assert!(
                v == &tb[k],
                "{level}: {k} differs under the saved statistics"
            );
        }
    }
    // Not statistics: exit 2, the file named.
    let dir = tmpdir();
    let bad = dir.path().join("not-stats.json");
    std::fs::write(&bad, r#"{"format":"something-else"}"#).unwrap();
    let o = align(
        &[sample.to_str().unwrap(), "--stats", bad.to_str().unwrap()],
        tmpdir().path(),
        "2",
    );
    assert_eq!(o.status.code(), Some(2));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("not-stats.json"), "{err}");
}

#[test]
fn a_cached_rerun_is_skipped_when_nothing_changed_and_tells_what_did() {
    let work = tmpdir();
    let corpus = work.path().join("corpus");
    copy_tree(&util::root().join("corpora/sample"), &corpus);
    let (out, cache) = (work.path().join("out"), work.path().join("cache"));
    let c = corpus.to_str().unwrap();
    let cache_arg = cache.to_str().unwrap();
    let first = align(&[c, "--cache", cache_arg], &out, "2");
    assert_eq!(first.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&first.stderr).contains("first run cached"));
    let written = read_tree(&out);
    // Nothing changed: skipped, the outputs untouched.
    let again = align(&[c, "--cache", cache_arg], &out, "2");
    let err = String::from_utf8_lossy(&again.stderr);
    assert_eq!(again.status.code(), Some(0));
    assert!(
        err.contains("nothing changed since the cached run"),
        "{err}"
    );
    assert!(!err.contains("units written"), "{err}");
    assert_eq!(read_tree(&out), written);
    // An output removed: the run is made again, and its outputs are the same.
    std::fs::remove_file(out.join("units.csv")).unwrap();
    let remade = align(&[c, "--cache", cache_arg], &out, "2");
    assert!(String::from_utf8_lossy(&remade.stderr).contains("units written"));
    assert_eq!(read_tree(&out), written);
    // A week's scrape: a page edited, an embassy page taken down, a new file that is no page.
    let page = corpus.join("ministry/p0034.txt");
    let text = std::fs::read_to_string(&page).unwrap();
    std::fs::write(
        &page,
        format!("{}\n\nEsta declaración fue actualizada.\n", text.trim_end()),
    )
    .unwrap();
    std::fs::remove_file(corpus.join("embassy/e002.txt")).unwrap();
    std::fs::write(corpus.join("broken.txt"), [0xffu8, 0xfe, 0x00, 0x00, 0x01]).unwrap();
    let third = align(&[c, "--cache", cache_arg], &out, "2");
    let err = String::from_utf8_lossy(&third.stderr).to_string();
    assert_ne!(third.status.code(), Some(0), "{err}");
    assert!(
        err.contains("changes since the cached run: files +1 ~1 -1"),
        "{err}"
    );
    let changes: Value =
        serde_json::from_str(&std::fs::read_to_string(cache.join("changes.json")).unwrap())
            .unwrap();
    let names = |k: &str| -> Vec<String> {
        changes[k]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(names("files_changed"), [format!("{c}/ministry/p0034.txt")]);
    assert_eq!(names("files_removed"), [format!("{c}/embassy/e002.txt")]);
    assert_eq!(
        names("statements_edited"),
        [format!("{c}/ministry/p0034.txt#main")]
    );
    assert!(names("statements_removed").contains(&format!("{c}/embassy/e002.txt#main")));
    // The same outputs as a run without the cache.
    let plain = work.path().join("plain");
    let o = align(&[c], &plain, "2");
    assert_eq!(o.status.code(), third.status.code());
    assert_eq!(read_tree(&out), read_tree(&plain));
    // Skipped again: the bad file is named again and the exit code kept.
    let fourth = align(&[c, "--cache", cache_arg], &out, "2");
    let err = String::from_utf8_lossy(&fourth.stderr);
    assert_eq!(fourth.status.code(), third.status.code());
    assert!(
        err.contains("nothing changed") && err.contains("broken.txt"),
        "{err}"
    );
    // Other settings: not skipped.
    let level = align(&[c, "--cache", cache_arg, "--level", "sentence"], &out, "2");
    assert!(!String::from_utf8_lossy(&level.stderr).contains("nothing changed"));
}

fn copy_tree(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for e in std::fs::read_dir(from).unwrap() {
        let e = e.unwrap();
        let p = e.path();
        if p.is_dir() {
            copy_tree(&p, &to.join(e.file_name()));
        } else {
            std::fs::copy(&p, to.join(e.file_name())).unwrap();
        }
    }
}
