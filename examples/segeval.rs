//! Sentence-boundary precision/recall of `polyalign::segment` on real third-party data.
//!
//! ```text
//! cargo run --release --example segeval [DATA_DIR]   # default DATA_DIR: ../shared/data
//! ```
//!
//! * `un-v1-dev`: consecutive lines of the same document and the same paragraph number (per
//!   language, from the `.ids` file) are joined with a space into a paragraph; en/es/fr/ru.
//! * `ntrex128`: all lines of one document (`DOCUMENT_IDS.tsv`) are joined; de/en/es/fr/ru.
//!
//! Gold boundaries are the joins between lines; a predicted boundary is the end of every
//! sentence but the last of a paragraph. The last column is the recall over gold boundaries
//! whose left line ends in `.`, `!`, `?` or `…` (news headlines without punctuation excluded). Prints one table row per corpus and language, and with
//! `-v` the first errors of each kind.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use polyalign::model::Lang;
use polyalign::segment::split_sentences;

#[derive(Default)]
struct Score {
    tp: usize,
    fp: usize,
    fn_: usize,
    /// Gold boundaries whose left line ends in sentence punctuation, and how many were found.
    punct_gold: usize,
    punct_found: usize,
    paragraphs: usize,
    fp_examples: Vec<String>,
    fn_examples: Vec<String>,
}

impl Score {
    fn add(&mut self, lines: &[&str], lang: Lang, verbose: bool) {
        let mut text = String::new();
        let mut gold = BTreeSet::new();
        let mut punct = BTreeSet::new();
        for (k, l) in lines.iter().enumerate() {
            if k > 0 {
                gold.insert(text.len());
                let ends = text.trim_end_matches(|c: char| "\"'’”»)]“".contains(c));
                if ends.ends_with(['.', '!', '?', '…']) {
                    punct.insert(text.len());
                }
                text.push(' ');
            }
            text.push_str(l.trim());
        }
        self.paragraphs += 1;
        let ranges = split_sentences(&text, lang);
        let pred: BTreeSet<usize> = ranges
            .iter()
            .take(ranges.len().saturating_sub(1))
            .map(|r| r.end)
            .collect();
        let ctx = |p: usize| {
            let a = text.floor_char_boundary_compat(p.saturating_sub(40));
            let b = text.floor_char_boundary_compat((p + 40).min(text.len()));
            format!("{}|{}", &text[a..p], &text[p..b])
        };
        for p in &pred {
            if gold.contains(p) {
                self.tp += 1;
            } else {
                self.fp += 1;
                if verbose && self.fp_examples.len() < 15 {
                    self.fp_examples.push(ctx(*p));
                }
            }
        }
        self.punct_gold += punct.len();
        self.punct_found += punct.iter().filter(|p| pred.contains(p)).count();
        for g in &gold {
            if !pred.contains(g) {
                self.fn_ += 1;
                if verbose && self.fn_examples.len() < 15 {
                    self.fn_examples.push(ctx(*g));
                }
            }
        }
    }

    fn row(&self, corpus: &str, lang: Lang) {
        let p = self.tp as f64 / (self.tp + self.fp).max(1) as f64;
        let r = self.tp as f64 / (self.tp + self.fn_).max(1) as f64;
        let f = if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        };
        println!(
            "| {corpus} | {lang} | {} | {} | {:.4} | {:.4} | {:.4} | {:.4} |",
            self.paragraphs,
            self.tp + self.fn_,
            p,
            r,
            f,
            self.punct_found as f64 / self.punct_gold.max(1) as f64
        );
        for e in &self.fp_examples {
            println!("    FP: {e}");
        }
        for e in &self.fn_examples {
            println!("    FN: {e}");
        }
    }
}

trait FloorCompat {
    fn floor_char_boundary_compat(&self, i: usize) -> usize;
}

impl FloorCompat for String {
    fn floor_char_boundary_compat(&self, mut i: usize) -> usize {
        while !self.is_char_boundary(i) {
            i -= 1;
        }
        i
    }
}

fn read_lines(path: &Path) -> Option<Vec<String>> {
    let s = std::fs::read_to_string(path).ok()?;
    Some(
        s.lines()
            .map(|l| l.trim_end_matches('\r').to_string())
            .collect(),
    )
}

fn eval_un(dir: &Path, verbose: bool) {
    let Some(ids) = read_lines(&dir.join("UNv1.0.devset.ids")) else {
        println!("(skipped un-v1-dev: not found in {})", dir.display());
        return;
    };
    for lang in [Lang::En, Lang::Es, Lang::Fr, Lang::Ru] {
        let Some(lines) = read_lines(&dir.join(format!("UNv1.0.devset.{}", lang.code()))) else {
            continue;
        };
        let prefix = format!("{}:", lang.code());
        // Key: document symbol + this language's paragraph number.
        let key = |i: usize| -> (String, String) {
            let mut parts = ids[i].split_whitespace();
            let doc = parts.next().unwrap_or("").to_string();
            let para = parts
                .find_map(|p| p.strip_prefix(&prefix))
                .and_then(|p| p.split(':').next())
                .unwrap_or("")
                .to_string();
            (doc, para)
        };
        let mut score = Score::default();
        let mut i = 0;
        while i < lines.len().min(ids.len()) {
            let k = key(i);
            let mut j = i + 1;
            while j < lines.len().min(ids.len()) && key(j) == k {
                j += 1;
            }
            let group: Vec<&str> = lines[i..j].iter().map(String::as_str).collect();
            score.add(&group, lang, verbose);
            i = j;
        }
        score.row("un-v1-dev", lang);
    }
}

fn eval_ntrex(dir: &Path, verbose: bool) {
    let Some(docs) = read_lines(&dir.join("DOCUMENT_IDS.tsv")) else {
        println!("(skipped ntrex128: not found in {})", dir.display());
        return;
    };
    let files = [
        (Lang::De, "newstest2019-ref.deu.txt"),
        (Lang::En, "newstest2019-src.eng.txt"),
        (Lang::Es, "newstest2019-ref.spa.txt"),
        (Lang::Fr, "newstest2019-ref.fra.txt"),
        (Lang::Ru, "newstest2019-ref.rus.txt"),
    ];
    for (lang, file) in files {
        let Some(lines) = read_lines(&dir.join(file)) else {
            continue;
        };
        let mut score = Score::default();
        let n = lines.len().min(docs.len());
        let mut i = 0;
        while i < n {
            let mut j = i + 1;
            while j < n && docs[j] == docs[i] {
                j += 1;
            }
            let group: Vec<&str> = lines[i..j].iter().map(String::as_str).collect();
            score.add(&group, lang, verbose);
            i = j;
        }
        score.row("ntrex128", lang);
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let verbose = args.iter().any(|a| a == "-v");
    let data = args
        .iter()
        .find(|a| !a.starts_with('-'))
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("../shared/data"));
    println!(
        "| corpus | lang | paragraphs | gold boundaries | precision | recall | F1 | recall after .!?… |"
    );
    println!("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |");
    eval_un(&data.join("un-v1-dev"), verbose);
    eval_ntrex(&data.join("ntrex128"), verbose);
}
