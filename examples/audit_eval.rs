//! Recall and precision of the gap audit on perturbed real documents.
//!
//! The Mozilla legal documents (`mozilla-legal-5lang` in the shared data folder: 21 documents,
//! the same number of blank-line-separated blocks in all five languages, block i ↔ block i) are
//! rendered as ministry pages in the seed format (date line with the time glued to it, title,
//! language switcher promising all five languages, blocks as paragraphs, footer), one page per
//! language, each document on a date of its own so that grouping is not what is measured here.
//! Then, per document, one or two non-English languages are perturbed at positions at least
//! three blocks apart (English is the pivot, so it stays intact):
//!
//! | perturbation | what is done | expected finding |
//! |---|---|---|
//! | drop | a paragraph is deleted | `omission` in that language, at the English paragraph |
//! | swap | a paragraph is replaced by its English text | `untranslated` in that language, at that paragraph |
//! | merge | two neighbouring paragraphs are joined | none |
//! | split | a paragraph is cut at a sentence boundary | none |
//! | remove | the whole language version is left out | `missing-language` for that language |
//!
//! Some documents are left unperturbed (no finding expected). Drops and swaps are applied only
//! to prose paragraphs: blocks with at least [`MIN_GAP_CHARS`] letters of English that are not
//! Markdown headings (`#`). A dropped heading is, by length, indistinguishable from a heading
//! merged into its neighbour (both happen here: merges take any block), and the audit reports
//! such a case as low-confidence rather than as an omission. Swaps only where the translation
//! differs from the English (character-bigram Dice below 0.5: not an address or a name).
//!
//! Matching (a finding matches at most one truth item and vice versa):
//! * `omission`: same group, `langs[0]` = the perturbed language, and the finding's pivot
//!   paragraph indices contain the English paragraph index of the dropped block.
//! * `untranslated`: same group, `langs[0]` = the perturbed language, and the finding's
//!   paragraph indices contain the index of the swapped paragraph in that language's statement.
//!   A `copied` finding at that very paragraph (identical to the English text, which it is) is
//!   not counted as false, but does not count as recall either.
//! * `missing-language`: same group and language.
//!
//! Everything else the audit reports is a false finding. Precision is reported over all
//! findings and over the gap findings alone (without `low-confidence` and `conflict`, which
//! describe the aligner's doubt, not a claim about the texts).
//!
//! Fixed seed: the same set every run.
//!
//! Run: `cargo run --release --example audit_eval [SHARED_DATA_DIR] [OUT_DIR] [SEED]`

#[path = "common/mod.rs"]
mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use common::Rng;
use polyalign::langid::Lingua;
use polyalign::model::{Finding, FindingKind, Lang};
use polyalign::pipeline::{self, Config};

/// Drops and swaps only touch paragraphs with at least this many letters in English.
const MIN_GAP_CHARS: usize = 30;

struct Doc {
    name: String,
    /// Per language: title and body blocks (block i ↔ block i across languages).
    texts: BTreeMap<Lang, (String, Vec<String>)>,
}

fn date_line(l: Lang, y: i32, m: usize, d: usize, hh: usize, mm: usize) -> String {
    common::ministry_date(l, y, m, d, Some((hh, mm)))
}

fn load(shared: &Path) -> Vec<Doc> {
    let mut docs = Vec::new();
    let Ok(rd) = std::fs::read_dir(shared.join("mozilla-legal-5lang/docs")) else {
        return docs;
    };
    let mut dirs: Vec<PathBuf> = rd.filter_map(|e| e.ok().map(|e| e.path())).collect();
    dirs.sort();
    for d in dirs {
        let mut texts = BTreeMap::new();
        for l in Lang::ALL {
            let t = std::fs::read_to_string(d.join(format!("{}.md", l.code()))).unwrap_or_default();
            let t = t.replace("\r\n", "\n");
            // Blank lines (also lines of spaces) separate blocks; a block becomes one line.
            let mut blocks: Vec<String> = Vec::new();
            let mut cur: Vec<&str> = Vec::new();
            for line in t.lines().chain(std::iter::once("")) {
                if line.trim().is_empty() {
                    if !cur.is_empty() {
                        blocks.push(cur.join(" "));
                        cur.clear();
                    }
                } else {
                    cur.push(line.trim());
                }
            }
            if blocks.len() < 2 {
                continue;
            }
            let title = blocks[0].trim_start_matches('#').trim().to_string();
            texts.insert(l, (title, blocks[1..].to_vec()));
        }
        if texts.len() == 5 {
            docs.push(Doc {
                name: d
                    .file_name()
                    .map(|s| s.to_string_lossy().into_owned())
                    .unwrap_or_default(),
                texts,
            });
        }
    }
    docs
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Op {
    Drop,
    Swap,
    Merge,
    Split,
}

impl Op {
    fn name(self) -> &'static str {
        match self {
            Op::Drop => "drop",
            Op::Swap => "swap",
            Op::Merge => "merge",
            Op::Split => "split",
        }
    }
}

/// One rendered paragraph: its text and the original block(s) it comes from.
#[derive(Clone, Debug)]
struct RPara {
    text: String,
    /// Set for the paragraph that replaced block `b` by its English text.
    swapped: Option<usize>,
}

/// A gap the audit must find.
#[derive(Clone, Debug)]
struct Truth {
    doc: usize,
    lang: Lang,
    kind: FindingKind,
    /// Omission: English body block index; untranslated: rendered paragraph index in `lang`.
    index: Option<usize>,
    /// Text shown for a miss.
    text: String,
}

/// What a truth item expects: group, kind, language, paragraph index in the statement (the
/// English one for an omission).
type Expected = (String, FindingKind, Lang, Option<usize>);

/// Letters in a text (how much there is to align or identify).
fn letters(s: &str) -> usize {
    s.chars().filter(|c| c.is_alphabetic()).count()
}

/// A sentence boundary near the middle of `s`: after `.`, `!`, `?` or `;` + space, followed
/// by an upper-case letter, both halves with at least 25 letters.
fn split_point(s: &str) -> Option<usize> {
    let chars: Vec<(usize, char)> = s.char_indices().collect();
    let mut best: Option<(usize, usize)> = None; // (distance to middle, byte index)
    let mid = s.len() / 2;
    for w in 0..chars.len().saturating_sub(2) {
        let (_, c) = chars[w];
        let (i1, c1) = chars[w + 1];
        let (_, c2) = chars[w + 2];
        if matches!(c, '.' | '!' | '?') && c1 == ' ' && c2.is_uppercase() {
            let (a, b) = (&s[..i1], &s[i1 + 1..]);
            if letters(a) >= 25 && letters(b) >= 25 {
                let dist = i1.abs_diff(mid);
                if best.is_none_or(|(d, _)| dist < d) {
                    best = Some((dist, i1));
                }
            }
        }
    }
    best.map(|(_, i)| i)
}

/// Whether the paragraph of an `untranslated` or `copied` finding already holds English prose
/// in the original translation (Mozilla left a sentence in English there): a sentence of the
/// excerpt with at least 8 words, 5 of them lower-case, that occurs verbatim in the original
/// English document and in the original text of the finding's language. Such a finding is
/// right about the source and is counted apart, not as false.
fn source_untranslated(f: &Finding, docs: &[Doc], doc_of_group: &BTreeMap<String, usize>) -> bool {
    let Some(&d) = doc_of_group.get(&f.group) else {
        return false;
    };
    let Some(&l) = f.langs.first() else {
        return false;
    };
    let norm = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let en = norm(&docs[d].texts[&Lang::En].1.join(" "));
    let own = norm(&docs[d].texts[&l].1.join(" "));
    let ex = norm(&f.excerpt);
    ex.split_inclusive(['.', '!', '?']).any(|sent| {
        let sent = sent.trim();
        let words: Vec<&str> = sent.split_whitespace().collect();
        let lower = words
            .iter()
            .filter(|w| w.chars().next().is_some_and(|c| c.is_lowercase()))
            .count();
        words.len() >= 8 && lower >= 5 && en.contains(sent) && own.contains(sent)
    })
}

/// Dice coefficient of the character bigrams of the letters and digits of two texts.
fn dice(a: &str, b: &str) -> f64 {
    let grams = |s: &str| -> BTreeMap<(char, char), usize> {
        let cs: Vec<char> = s
            .chars()
            .filter(|c| c.is_alphanumeric())
            .flat_map(|c| c.to_lowercase())
            .collect();
        let mut m = BTreeMap::new();
        for w in cs.windows(2) {
            *m.entry((w[0], w[1])).or_insert(0) += 1;
        }
        m
    };
    let (x, y) = (grams(a), grams(b));
    let n: usize = x.values().sum::<usize>() + y.values().sum::<usize>();
    let common: usize = x
        .iter()
        .map(|(k, &v)| v.min(y.get(k).copied().unwrap_or(0)))
        .sum();
    2.0 * common as f64 / n.max(1) as f64
}

fn short(s: &str) -> String {
    let t: String = s.chars().take(100).collect();
    if t.len() < s.len() {
        format!("{t}…")
    } else {
        t
    }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let shared = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/data"));
    let out = args
        .get(2)
        .map(PathBuf::from)
        .unwrap_or_else(|| std::env::temp_dir().join("polyalign-audit-eval"));
    let mut docs = load(&shared);
    // A document whose English text is mostly another's (a preview edition of the same notice)
    // is left out: whether the two are one statement or two is the grouping's question, and
    // grouping has its own evaluation.
    let mut keep = vec![true; docs.len()];
    for i in 0..docs.len() {
        for j in 0..i {
            if !keep[j] {
                continue;
            }
            let a: BTreeSet<&String> = docs[i].texts[&Lang::En].1.iter().collect();
            let b: BTreeSet<&String> = docs[j].texts[&Lang::En].1.iter().collect();
            let shared_blocks = a.intersection(&b).count();
            if shared_blocks * 2 >= a.len().min(b.len()) {
                eprintln!(
                    "left out {}: {shared_blocks} of its blocks are also in {}",
                    docs[i].name, docs[j].name
                );
                keep[i] = false;
                break;
            }
        }
    }
    let mut ki = keep.into_iter();
    docs.retain(|_| ki.next().unwrap_or(false));
    if docs.is_empty() {
        eprintln!(
            "no documents under {} (mozilla-legal-5lang); nothing to evaluate",
            shared.display()
        );
        std::process::exit(2);
    }
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    // A third argument draws another set (for a look at the spread); the default is fixed.
    let seed = args
        .get(3)
        .and_then(|s| s.parse::<u64>().ok())
        .map(|s| s.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
        .unwrap_or(0x5DEE_CE66_D1CE_4E5B);
    let mut rng = Rng(seed);
    let others = [Lang::De, Lang::Es, Lang::Fr, Lang::Ru];
    let switcher = format!(
        "  • {}",
        [Lang::De, Lang::En, Lang::Es, Lang::Ru, Lang::Fr]
            .iter()
            .map(|l| format!("{}1", l.default_tag()))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut truth: Vec<Truth> = Vec::new();
    // Rendered paragraphs per (doc, language), and which file holds them.
    let mut rendered: BTreeMap<(usize, Lang), Vec<RPara>> = BTreeMap::new();
    let mut file_of: BTreeMap<String, (usize, Lang)> = BTreeMap::new();
    let mut applied: BTreeMap<(Op, Lang), usize> = BTreeMap::new();
    let mut log: Vec<String> = Vec::new();
    let mut file_no = 0usize;
    for (di, doc) in docs.iter().enumerate() {
        let en = &doc.texts[&Lang::En].1;
        let n = en.len();
        let mut paras: BTreeMap<Lang, Vec<RPara>> = doc
            .texts
            .iter()
            .map(|(&l, (_, b))| {
                (
                    l,
                    b.iter()
                        .map(|t| RPara {
                            text: t.clone(),
                            swapped: None,
                        })
                        .collect(),
                )
            })
            .collect();
        // Every fifth document (drawn) stays as it is.
        let untouched = rng.chance(0.2);
        let mut removed: Option<Lang> = None;
        // Per language: (block, op), applied later from the end so indices stay valid.
        let mut plan: BTreeMap<Lang, Vec<(usize, Op)>> = BTreeMap::new();
        if !untouched {
            let nl = if n >= 20 && rng.chance(0.5) { 2 } else { 1 };
            let mut langs: Vec<Lang> = Vec::new();
            while langs.len() < nl {
                let l = others[rng.below(4)];
                if !langs.contains(&l) {
                    langs.push(l);
                }
            }
            if rng.chance(0.35) {
                let l = others[rng.below(4)];
                if !langs.contains(&l) {
                    removed = Some(l);
                }
            }
            // Blocks used by a perturbation, in any language (kept ≥ 3 apart).
            let mut used: BTreeSet<usize> = BTreeSet::new();
            let per_lang = (n / (6 * nl)).clamp(1, 6);
            for &l in &langs {
                let tr = &doc.texts[&l].1;
                let mut tries = 0;
                let mut done = 0;
                while done < per_lang && tries < 200 {
                    tries += 1;
                    let op = [Op::Drop, Op::Swap, Op::Merge, Op::Split][rng.below(4)];
                    // The last block stays: it would sit next to the footer.
                    if n < 3 {
                        break;
                    }
                    let b = rng.below(n - 1);
                    let span = if op == Op::Merge { b..b + 2 } else { b..b + 1 };
                    if span.end > n - 1
                        || used.iter().any(|&u| u + 3 > span.start && u < span.end + 3)
                    {
                        continue;
                    }
                    // Drops and swaps hit prose paragraphs, not Markdown headings (`#`).
                    let prose = letters(&en[b]) >= MIN_GAP_CHARS && !en[b].starts_with('#');
                    let ok = match op {
                        Op::Drop => prose,
                        // … and only where the translation really differs from the English
                        // (addresses and names are the same in every language).
                        Op::Swap => prose && dice(&tr[b], &en[b]) < 0.5,
                        Op::Merge => true,
                        Op::Split => split_point(&tr[b]).is_some(),
                    };
                    if !ok {
                        continue;
                    }
                    used.extend(span);
                    plan.entry(l).or_default().push((b, op));
                    done += 1;
                }
            }
        }
        for (&l, ops) in &mut plan {
            // From the end, so that the block indices of the later edits stay valid.
            ops.sort_by_key(|&(b, _)| std::cmp::Reverse(b));
            let v = paras.get_mut(&l).unwrap();
            for &(b, op) in ops.iter() {
                *applied.entry((op, l)).or_insert(0) += 1;
                log.push(format!("{} {} {} block {b}", doc.name, l, op.name()));
                match op {
                    Op::Drop => {
                        v.remove(b);
                        truth.push(Truth {
                            doc: di,
                            lang: l,
                            kind: FindingKind::Omission,
                            index: Some(b),
                            text: en[b].clone(),
                        });
                    }
                    Op::Swap => {
                        v[b] = RPara {
                            text: en[b].clone(),
                            swapped: Some(b),
                        };
                    }
                    Op::Merge => {
                        let next = v.remove(b + 1);
                        v[b].text = format!("{} {}", v[b].text, next.text);
                    }
                    Op::Split => {
                        let t = v[b].text.clone();
                        let i = split_point(&t).expect("checked");
                        v[b].text = t[..i].to_string();
                        v.insert(
                            b + 1,
                            RPara {
                                text: t[i + 1..].to_string(),
                                swapped: None,
                            },
                        );
                    }
                }
            }
            // Untranslated truth in the rendered index space (after every edit).
            for (pi, p) in v.iter().enumerate() {
                if p.swapped.is_some() {
                    truth.push(Truth {
                        doc: di,
                        lang: l,
                        kind: FindingKind::Untranslated,
                        index: Some(pi),
                        text: p.text.clone(),
                    });
                }
            }
        }
        if let Some(l) = removed {
            log.push(format!("{} {} removed", doc.name, l));
            truth.push(Truth {
                doc: di,
                lang: l,
                kind: FindingKind::MissingLanguage,
                index: None,
                text: String::new(),
            });
        }
        // One date per document (distinct), time glued to it.
        let (y, m, d) = (2022, 1 + (di / 28) % 12, 1 + di % 28);
        let (hh, mm) = (8 + rng.below(10), rng.below(60));
        for l in Lang::ALL {
            if Some(l) == removed {
                continue;
            }
            let title = &doc.texts[&l].0;
            let mut page = format!(
                "{}\n\n{title}\n\n{switcher}\n\n",
                date_line(l, y, m, d, hh, mm)
            );
            for p in &paras[&l] {
                page.push_str(&p.text);
                page.push_str("\n\n");
            }
            page.push_str("Advanced settings\n");
            let f = format!("p{file_no:04}.txt");
            file_no += 1;
            std::fs::write(out.join(&f), page).unwrap();
            file_of.insert(f, (di, l));
            rendered.insert((di, l), paras[&l].clone());
        }
    }
    eprintln!(
        "{} documents rendered as {} pages into {}; {} gaps injected",
        docs.len(),
        file_no,
        out.display(),
        truth.len()
    );
    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
        for l in &log {
            eprintln!("  {l}");
        }
    }

    // English is the pivot (the original of every document, never perturbed); with no
    // language removed it ties with the others for "present in most groups", so it is named.
    let cfg = Config {
        inputs: vec![out.clone()],
        pivot: Some(Lang::En),
        ..Default::default()
    };
    let t0 = std::time::Instant::now();
    let res = pipeline::run(&cfg, &Lingua);
    let secs = t0.elapsed().as_secs_f64();
    eprintln!("pipeline: {secs:.1} s, pivot {:?}", res.pivot);
    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
        for ((a, b), st) in &res.stats {
            eprintln!(
                "  length model {a}→{b}: ratio {:.3} var {:.2} ({} beads)",
                st.ratio, st.var, st.support
            );
        }
    }

    // Statement of each (doc, lang) and the map rendered paragraph → statement paragraph.
    let mut stmt_of: BTreeMap<(usize, Lang), usize> = BTreeMap::new();
    for (k, s) in res.statements.iter().enumerate() {
        let name = s.file.rsplit('/').next().unwrap_or(&s.file).to_string();
        if let Some(&key) = file_of.get(&name) {
            if s.id.ends_with("#main") {
                stmt_of.insert(key, k);
            }
        }
    }
    // rendered index → statement index (greedy in order, by equal text).
    let mut r2s: BTreeMap<(usize, Lang), BTreeMap<usize, usize>> = BTreeMap::new();
    for (key, ps) in &rendered {
        let mut m = BTreeMap::new();
        if let Some(&k) = stmt_of.get(key) {
            let sp = &res.statements[k].paragraphs;
            let mut j = 0;
            for (ri, p) in ps.iter().enumerate() {
                let want = polyalign::text::normalize_line(&p.text);
                if let Some(off) = sp[j..]
                    .iter()
                    .position(|q| polyalign::text::normalize_line(&q.text) == want)
                {
                    m.insert(ri, j + off);
                    j += off + 1;
                }
            }
        }
        r2s.insert(*key, m);
    }
    // The group of each document: the group of its English statement (else any version).
    let mut group_of: BTreeMap<usize, String> = BTreeMap::new();
    let mut doc_of_group: BTreeMap<String, usize> = BTreeMap::new();
    let mut split_docs = 0;
    for (di, _) in docs.iter().enumerate() {
        let mut gs: BTreeSet<&str> = BTreeSet::new();
        for g in &res.groups {
            for &k in g.versions.values() {
                if stmt_of.iter().any(|(key, &v)| key.0 == di && v == k) {
                    gs.insert(&g.id);
                }
            }
        }
        if gs.len() > 1 {
            split_docs += 1;
        }
        for g in &gs {
            doc_of_group.insert(g.to_string(), di);
        }
        let en = stmt_of.get(&(di, Lang::En)).copied();
        let g = res
            .groups
            .iter()
            .find(|g| en.is_some_and(|k| g.versions.values().any(|&v| v == k)))
            .or_else(|| res.groups.iter().find(|g| gs.contains(g.id.as_str())));
        if let Some(g) = g {
            group_of.insert(di, g.id.clone());
        }
    }
    if split_docs > 0 {
        eprintln!("warning: {split_docs} documents spread over several groups");
    }
    // Expected finding keys.
    let expected: Vec<Option<Expected>> = truth
        .iter()
        .map(|t| {
            let g = group_of.get(&t.doc)?.clone();
            let idx = match t.kind {
                FindingKind::Omission => Some(*r2s.get(&(t.doc, Lang::En))?.get(&t.index?)?),
                FindingKind::Untranslated => Some(*r2s.get(&(t.doc, t.lang))?.get(&t.index?)?),
                _ => None,
            };
            Some((g, t.kind, t.lang, idx))
        })
        .collect();
    let findings = &res.audit.findings;
    let mut matched_truth = vec![false; truth.len()];
    let mut verdict: Vec<&str> = vec!["false"; findings.len()];
    for (fi, f) in findings.iter().enumerate() {
        for (ti, e) in expected.iter().enumerate() {
            let Some((g, kind, l, idx)) = e else { continue };
            if matched_truth[ti] || &f.group != g || f.langs.first() != Some(l) {
                continue;
            }
            let hit = match kind {
                FindingKind::MissingLanguage => f.kind == *kind,
                FindingKind::Omission => {
                    f.kind == *kind
                        && f.langs.get(1) == Some(&Lang::En)
                        && idx.is_some_and(|i| f.paragraphs.contains(&i))
                }
                FindingKind::Untranslated => {
                    f.kind == *kind && idx.is_some_and(|i| f.paragraphs.contains(&i))
                }
                _ => false,
            };
            if hit {
                matched_truth[ti] = true;
                verdict[fi] = "correct";
                break;
            }
        }
        if verdict[fi] == "false"
            && matches!(f.kind, FindingKind::Untranslated | FindingKind::Copied)
            && source_untranslated(f, &docs, &doc_of_group)
        {
            verdict[fi] = "source";
        }
        if verdict[fi] == "false" && f.kind == FindingKind::Copied {
            // A swapped paragraph is also identical to the English text.
            let related = expected.iter().any(|e| {
                matches!(e, Some((g, FindingKind::Untranslated, l, Some(i)))
                    if &f.group == g && f.langs.first() == Some(l) && f.paragraphs.contains(i))
            });
            if related {
                verdict[fi] = "related";
            }
        }
    }

    // Tables.
    let kinds = [
        FindingKind::Omission,
        FindingKind::Untranslated,
        FindingKind::MissingLanguage,
    ];
    println!("## Gap audit on perturbed Mozilla documents\n");
    println!(
        "{} documents ({} pages), pivot {}, pipeline {:.1} s.\n",
        docs.len(),
        file_no,
        res.pivot.map(|l| l.code()).unwrap_or("-"),
        secs
    );
    println!("Perturbations applied (per language: de / es / fr / ru):\n");
    println!("| perturbation | de | es | fr | ru | total | expected finding |");
    println!("|---|---|---|---|---|---|---|");
    for (op, exp) in [
        (Op::Drop, "omission"),
        (Op::Swap, "untranslated"),
        (Op::Merge, "none"),
        (Op::Split, "none"),
    ] {
        let c: Vec<usize> = others
            .iter()
            .map(|l| applied.get(&(op, *l)).copied().unwrap_or(0))
            .collect();
        println!(
            "| {} | {} | {} | {} | {} | {} | {exp} |",
            op.name(),
            c[0],
            c[1],
            c[2],
            c[3],
            c.iter().sum::<usize>()
        );
    }
    let rm: Vec<usize> = others
        .iter()
        .map(|l| {
            truth
                .iter()
                .filter(|t| t.kind == FindingKind::MissingLanguage && t.lang == *l)
                .count()
        })
        .collect();
    println!(
        "| remove language | {} | {} | {} | {} | {} | missing-language |",
        rm[0],
        rm[1],
        rm[2],
        rm[3],
        rm.iter().sum::<usize>()
    );
    let untouched = (0..docs.len())
        .filter(|d| {
            truth.iter().all(|t| t.doc != *d)
                && !log
                    .iter()
                    .any(|x| x.starts_with(&format!("{} ", docs[*d].name)))
        })
        .count();
    println!("\nUnperturbed documents: {untouched}.\n");
    println!("| gap kind | injected | found | recall |");
    println!("|---|---|---|---|");
    for k in kinds {
        let n = truth.iter().filter(|t| t.kind == k).count();
        let f = truth
            .iter()
            .zip(&matched_truth)
            .filter(|(t, m)| t.kind == k && **m)
            .count();
        println!(
            "| {} | {n} | {f} | {:.1}% |",
            k.name(),
            100.0 * f as f64 / n.max(1) as f64
        );
    }
    let found = matched_truth.iter().filter(|m| **m).count();
    println!(
        "| **all** | {} | {found} | **{:.1}%** |\n",
        truth.len(),
        100.0 * found as f64 / truth.len().max(1) as f64
    );
    let is_gap =
        |f: &Finding| !matches!(f.kind, FindingKind::LowConfidence | FindingKind::Conflict);
    let nfalse = verdict.iter().filter(|v| **v == "false").count();
    let gap_total = findings.iter().filter(|f| is_gap(f)).count();
    let gap_false = findings
        .iter()
        .zip(&verdict)
        .filter(|(f, v)| is_gap(f) && **v == "false")
        .count();
    let nsource = verdict.iter().filter(|v| **v == "source").count();
    println!("| findings | reported | correct | related | in the source | false | false share |");
    println!("|---|---|---|---|---|---|---|");
    println!(
        "| gap findings (without low-confidence, conflict) | {gap_total} | {} | {} | {nsource} | {gap_false} | **{:.1}%** |",
        verdict.iter().filter(|v| **v == "correct").count(),
        verdict.iter().filter(|v| **v == "related").count(),
        100.0 * gap_false as f64 / gap_total.max(1) as f64
    );
    println!(
        "| all findings | {} | {} | {} | {nsource} | {nfalse} | {:.1}% |\n",
        findings.len(),
        verdict.iter().filter(|v| **v == "correct").count(),
        verdict.iter().filter(|v| **v == "related").count(),
        100.0 * nfalse as f64 / findings.len().max(1) as f64
    );
    println!("Per language (the language of the version concerned):\n");
    println!("| language | injected | found | recall | findings | false |");
    println!("|---|---|---|---|---|---|");
    for l in others {
        let n = truth.iter().filter(|t| t.lang == l).count();
        let f = truth
            .iter()
            .zip(&matched_truth)
            .filter(|(t, m)| t.lang == l && **m)
            .count();
        let nf = findings
            .iter()
            .filter(|f| f.langs.first() == Some(&l))
            .count();
        let ff = findings
            .iter()
            .zip(&verdict)
            .filter(|(f, v)| f.langs.first() == Some(&l) && **v == "false")
            .count();
        println!(
            "| {} | {n} | {f} | {:.1}% | {nf} | {ff} |",
            l.code(),
            100.0 * f as f64 / n.max(1) as f64
        );
    }
    let nf_en = findings
        .iter()
        .filter(|f| f.langs.first() == Some(&Lang::En))
        .count();
    if nf_en > 0 {
        println!("| en | 0 | 0 | - | {nf_en} | {nf_en} |");
    }
    let mut by_kind: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for (f, v) in findings.iter().zip(&verdict) {
        let e = by_kind.entry(f.kind.name()).or_insert((0, 0));
        e.0 += 1;
        if *v == "false" {
            e.1 += 1;
        }
    }
    println!("\nFindings per kind:\n");
    println!("| kind | reported | false |");
    println!("|---|---|---|");
    for (k, (n, f)) in &by_kind {
        println!("| {k} | {n} | {f} |");
    }

    let confs: Vec<String> = findings
        .iter()
        .zip(&verdict)
        .filter(|(f, v)| f.kind == FindingKind::Untranslated && **v == "correct")
        .map(|(f, _)| {
            format!(
                "{:.2}",
                f.evidence.get("confidence").copied().unwrap_or(0.0)
            )
        })
        .collect();
    println!(
        "\nLanguage-ID confidence of the untranslated paragraphs found: {}",
        confs.join(" ")
    );
    if std::env::var_os("POLYALIGN_DEBUG").is_some() {
        for (f, v) in findings.iter().zip(&verdict) {
            if let Some(llr) = f.evidence.get("length_llr") {
                eprintln!(
                    "  {} {} {:?} {:?} llr {:.2} expected {:.0} surplus {:.0} sd {:.0}: {}",
                    v,
                    f.kind.name(),
                    f.langs,
                    f.paragraphs,
                    llr,
                    f.evidence["expected_chars"],
                    f.evidence["neighbour_surplus"],
                    f.evidence["neighbour_sd"],
                    short(&f.excerpt)
                );
            }
        }
    }
    println!("\n### Misses\n");
    for ((t, m), e) in truth.iter().zip(&matched_truth).zip(&expected) {
        if *m {
            continue;
        }
        let near: Vec<String> = findings
            .iter()
            .filter(|f| {
                e.as_ref().is_some_and(|e| f.group == e.0) && f.langs.first() == Some(&t.lang)
            })
            .map(|f| format!("{}{:?}", f.kind.name(), f.paragraphs))
            .collect();
        if std::env::var_os("POLYALIGN_DEBUG").is_some() && t.kind == FindingKind::Omission {
            if let Some((g, _, _, Some(ei))) = e {
                let gu: Vec<&polyalign::model::Unit> = res
                    .units
                    .iter()
                    .filter(|u| &u.group == g && u.level == polyalign::model::Level::Paragraph)
                    .collect();
                for u in gu.iter().filter(|u| {
                    u.segments
                        .get(&Lang::En)
                        .is_some_and(|s| s.indices.iter().any(|i| i + 2 >= *ei && *i <= ei + 2))
                }) {
                    let segs: Vec<String> = u
                        .segments
                        .iter()
                        .map(|(l, s)| format!("{l}{:?}:{}", s.indices, s.text.chars().count()))
                        .collect();
                    eprintln!(
                        "    unit {} score {:.2}: {}",
                        u.unit,
                        u.score,
                        segs.join(" ")
                    );
                }
            }
        }
        println!(
            "- {} {} {} at {:?} (statement index {:?}): \"{}\"; findings for that version: {}",
            docs[t.doc].name,
            t.lang,
            t.kind.name(),
            t.index,
            e.as_ref().and_then(|e| e.3),
            short(&t.text),
            if near.is_empty() {
                "none".to_string()
            } else {
                near.join(", ")
            }
        );
    }
    println!(
        "\n### False findings (and, marked *source*, findings true of the original translation)\n"
    );
    for (f, v) in findings.iter().zip(&verdict) {
        if *v != "false" && *v != "source" {
            continue;
        }
        let doc = doc_of_group
            .get(&f.group)
            .map(|&d| docs[d].name.as_str())
            .unwrap_or("?");
        let evid: Vec<String> = f
            .evidence
            .iter()
            .map(|(k, v)| format!("{k}={v:.2}"))
            .collect();
        println!(
            "- {}{doc} {} {:?} {:?} [{}]: \"{}\"",
            if *v == "source" { "*source* " } else { "" },
            f.kind.name(),
            f.langs.iter().map(|l| l.code()).collect::<Vec<_>>(),
            f.paragraphs,
            evid.join(" "),
            short(&f.excerpt)
        );
    }
}
