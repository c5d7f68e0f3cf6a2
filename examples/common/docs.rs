//! Base documents for the generated page sets: per language a title and paragraphs, from the
//! real data in `../shared/data` (NTREX-128, Mozilla legal documents, the UN dev set), from the
//! statements of `corpora/sample`, or from a seeded text generator (for tests that must run
//! without `../shared`).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use super::{read_lines, Rng};
use polyalign::model::Lang;

/// A base document: per language, title and paragraphs.
pub struct Doc {
    pub texts: BTreeMap<Lang, (String, Vec<String>)>,
}

/// NTREX-128: one document per run of equal ids; title = first sentence; paragraphs of two
/// sentences.
pub fn ntrex(shared: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    let ids = read_lines(&shared.join("ntrex128/DOCUMENT_IDS.tsv"));
    let files = super::NTREX_FILES;
    let lines: Vec<(Lang, Vec<String>)> = files
        .iter()
        .map(|(l, f)| (*l, read_lines(&shared.join("ntrex128").join(f))))
        .filter(|(_, v)| v.len() >= ids.len() && !v.is_empty())
        .collect();
    if lines.len() != files.len() {
        return docs;
    }
    let mut start = 0;
    for i in 1..=ids.len() {
        if i == ids.len() || ids[i] != ids[start] {
            let mut texts = BTreeMap::new();
            for (l, ls) in &lines {
                let title = ls[start].clone();
                let body: Vec<String> = ls[start + 1..i].chunks(2).map(|c| c.join(" ")).collect();
                texts.insert(*l, (title, body));
            }
            docs.push(Doc { texts });
            start = i;
        }
    }
    docs
}

/// Mozilla legal documents: title = first block, paragraphs = the other blocks; long documents
/// are cut into statements of at most 20 paragraphs (block i is the same block in every
/// language).
pub fn mozilla(shared: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    let Ok(rd) = std::fs::read_dir(shared.join("mozilla-legal-5lang/docs")) else {
        return docs;
    };
    let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for d in dirs {
        let mut per_lang: BTreeMap<Lang, Vec<String>> = BTreeMap::new();
        for l in Lang::ALL {
            let t = std::fs::read_to_string(d.join(format!("{}.md", l.code()))).unwrap_or_default();
            let blocks: Vec<String> = t
                .split("\n\n")
                .map(|b| b.trim().trim_start_matches('#').trim().replace('\n', " "))
                .filter(|b| !b.is_empty())
                .collect();
            if blocks.len() >= 3 {
                per_lang.insert(l, blocks);
            }
        }
        // Only blocks present in every language line up; cut to the shortest.
        let Some(n) = per_lang.values().map(Vec::len).min() else {
            continue;
        };
        let mut start = 1;
        while start + 2 < n {
            let end = (start + 20).min(n);
            let mut texts = BTreeMap::new();
            for (l, b) in &per_lang {
                texts.insert(*l, (b[start - 1].clone(), b[start..end].to_vec()));
            }
            docs.push(Doc { texts });
            start = end + 1;
        }
    }
    docs
}

/// The UN dev set's four languages.
const UN_LANGS: [Lang; 4] = [Lang::En, Lang::Es, Lang::Fr, Lang::Ru];

/// The UN dev set (en, es, fr, ru): its lines and, per line, the document symbol and the
/// paragraph number in each language. Empty when absent.
fn un_lines(shared: &Path) -> (Vec<String>, Vec<(Lang, Vec<String>)>) {
    let un = shared.join("un-v1-dev");
    let ids = read_lines(&un.join("UNv1.0.devset.ids"));
    let lines: Vec<(Lang, Vec<String>)> = UN_LANGS
        .into_iter()
        .map(|l| {
            (
                l,
                read_lines(&un.join(format!("UNv1.0.devset.{}", l.code()))),
            )
        })
        .filter(|(_, v)| v.len() >= ids.len() && !v.is_empty())
        .collect();
    if lines.len() != UN_LANGS.len() {
        return (Vec::new(), Vec::new());
    }
    (ids, lines)
}

/// UN dev set documents grouped by their id (runs of at least four lines, cut at 25): title =
/// first sentence, paragraphs of two sentences (the benchmark corpus).
pub fn un_by_document(shared: &Path) -> Vec<Doc> {
    let (ids, lines) = un_lines(shared);
    let uids: Vec<&str> = ids
        .iter()
        .map(|l| l.split_whitespace().next().unwrap_or(""))
        .collect();
    let mut docs = Vec::new();
    let mut start = 0;
    for i in 1..=uids.len() {
        if i == uids.len() || uids[i] != uids[start] || i - start >= 25 {
            if i - start >= 4 {
                let mut texts = BTreeMap::new();
                for (l, ls) in &lines {
                    let body: Vec<String> =
                        ls[start + 1..i].chunks(2).map(|c| c.join(" ")).collect();
                    texts.insert(*l, (ls[start].clone(), body));
                }
                docs.push(Doc { texts });
            }
            start = i;
        }
    }
    docs
}

/// UN dev set lines as statements of `len` consecutive lines (several documents each, as a
/// press digest would quote them): title = the first line, paragraphs = the other lines, lines
/// of the same document paragraph (in that language) joined. The short lines of the set
/// (`Other matters`, `Agenda item 131`, `3 December`) stay paragraphs of their own.
pub fn un_runs(shared: &Path, len: usize) -> Vec<Doc> {
    let (ids, lines) = un_lines(shared);
    let mut docs = Vec::new();
    let mut start = 0;
    while start + 3 <= ids.len() {
        let end = (start + len).min(ids.len());
        let mut texts = BTreeMap::new();
        for (l, ls) in &lines {
            let mut body: Vec<String> = Vec::new();
            let mut prev: Option<(String, String)> = None;
            for i in start + 1..end {
                let key = un_paragraph(&ids[i], *l);
                if prev.is_some() && prev == key {
                    let last = body.last_mut().expect("a paragraph");
                    last.push(' ');
                    last.push_str(&ls[i]);
                } else {
                    body.push(ls[i].clone());
                }
                prev = key;
            }
            texts.insert(*l, (ls[start].clone(), body));
        }
        docs.push(Doc { texts });
        start = end;
    }
    docs
}

/// (document, paragraph number in `l`) of a UN id line `2015/a/69/767 ar:3:1 en:2:1 …`.
fn un_paragraph(ids: &str, l: Lang) -> Option<(String, String)> {
    let mut parts = ids.split_whitespace();
    let doc = parts.next()?.to_string();
    let prefix = format!("{}:", l.code());
    let p = parts.find_map(|p| p.strip_prefix(prefix.as_str()))?;
    Some((doc, p.split(':').next()?.to_string()))
}

/// Short lines of the UN dev set (at most five words, no final period) in its four languages:
/// the headings, item numbers and dates documents share (`Other matters`, `Agenda item 131`,
/// `3 December`).
pub fn un_headings(shared: &Path) -> Vec<BTreeMap<Lang, String>> {
    let (ids, lines) = un_lines(shared);
    let Some((_, en)) = lines.iter().find(|(l, _)| *l == Lang::En) else {
        return Vec::new();
    };
    (0..ids.len())
        .filter(|&i| {
            let t = en[i].trim();
            t.split_whitespace().count() <= 5 && !t.ends_with(['.', ';', ',']) && t.len() >= 4
        })
        .map(|i| lines.iter().map(|(l, ls)| (*l, ls[i].clone())).collect())
        .collect()
}

/// Documents from the statements of `corpora/sample`, grouped by polyalign itself.
pub fn sample(dir: &Path) -> Vec<Doc> {
    use polyalign::langid::Lingua;
    use polyalign::pipeline::{self, Config};
    let cfg = Config {
        inputs: vec![dir.to_path_buf()],
        ..Default::default()
    };
    let res = pipeline::scan(&cfg, &Lingua);
    let mut docs = Vec::new();
    for g in &res.groups {
        let full: BTreeMap<Lang, usize> = pipeline::aligned_versions(g, &res.statements);
        if full.len() < 2 {
            continue;
        }
        let n = full
            .values()
            .map(|&k| res.statements[k].paragraphs.len())
            .min()
            .unwrap_or(0);
        if n == 0 {
            continue;
        }
        let texts = full
            .iter()
            .map(|(&l, &k)| {
                let s = &res.statements[k];
                (
                    l,
                    (
                        s.title.clone(),
                        s.paragraphs.iter().map(|p| p.text.clone()).collect(),
                    ),
                )
            })
            .collect();
        docs.push(Doc { texts });
    }
    docs
}

/// Words of the seeded text generator.
const WORDS: &[&str] = &[
    "council",
    "delegation",
    "agreement",
    "ministry",
    "cooperation",
    "security",
    "region",
    "treaty",
    "session",
    "committee",
    "report",
    "resolution",
    "dialogue",
    "partners",
    "states",
    "conference",
    "measures",
    "support",
    "development",
    "negotiations",
    "framework",
    "members",
    "initiative",
    "principles",
    "sovereignty",
    "consultations",
    "economic",
    "humanitarian",
];

/// `n` documents of seeded text (one language, English-like): titles of 5-9 words, 3-8
/// paragraphs of 1-3 sentences, some with numbers. For tests that must run without
/// `../shared`: extraction does not read the language.
pub fn synthetic(n: usize, rng: &mut Rng) -> Vec<Doc> {
    let sentence = |rng: &mut Rng| {
        let len = 6 + rng.below(12);
        let mut s = String::new();
        for i in 0..len {
            let w = WORDS[rng.below(WORDS.len())];
            if i == 0 {
                let mut c = w.chars();
                let first = c.next().expect("a letter").to_uppercase();
                s.extend(first);
                s.push_str(c.as_str());
            } else {
                s.push(' ');
                if rng.chance(0.08) {
                    s.push_str(&format!("{} ", 2 + rng.below(990)));
                }
                s.push_str(w);
            }
        }
        s.push('.');
        s
    };
    (0..n)
        .map(|_| {
            let title = sentence(rng).trim_end_matches('.').to_string();
            let body: Vec<String> = (0..3 + rng.below(6))
                .map(|_| {
                    (0..1 + rng.below(3))
                        .map(|_| sentence(rng))
                        .collect::<Vec<_>>()
                        .join(" ")
                })
                .collect();
            Doc {
                texts: [(Lang::En, (title, body))].into_iter().collect(),
            }
        })
        .collect()
}
