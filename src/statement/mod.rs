//! Statement extraction: reads a page's blocks top to bottom, drops page chrome (headers, clock
//! and phone lines, counter banners, section labels, footers) and returns the main statement and
//! every teaser as statements of their own.
//!
//! Chrome is recognised by structure (a block made only of date, clock, phone, e-mail and
//! `Label:` lines; an upper-case label; a short trailing link-like block) and by repetition across
//! the corpus: a block that recurs on several pages with only its numbers changed is a counter
//! banner, and a short block that recurs on several pages before the title or after the body is a
//! label or footer. No sentence of any particular site is hard-coded.

use std::collections::{HashMap, HashSet};

use rayon::prelude::*;

use crate::date;
use crate::diag::Diagnostics;
use crate::markers;
use crate::model::{
    Block, Date, LangTag, Page, PageFormat, Paragraph, Statement, StatementKind, Time,
};

/// Corpus-wide statistics of blocks, used to recognise boilerplate that repeats across pages.
///
/// Blocks are keyed by a 128-bit hash of their digit-masked text rather than the text itself:
/// nearly every short paragraph of the corpus is counted, and keeping a masked copy of each
/// cost about as much memory as the corpus.
#[derive(Debug, Default)]
pub struct Boilerplate {
    /// Hash of the digit-masked block text → (pages it occurs on, digit strings seen).
    seen: HashMap<u128, (usize, DigitStrings)>,
}

/// Whether one or several distinct digit strings were seen (only "two or more" matters).
#[derive(Clone, Copy, Debug, Default)]
struct DigitStrings {
    first: Option<u64>,
    several: bool,
}

impl DigitStrings {
    fn add(&mut self, h: u64) {
        match self.first {
            None => self.first = Some(h),
            Some(f) if f != h => self.several = true,
            Some(_) => {}
        }
    }
}

/// Replaces every run of digits by `#` and lower-cases, so counters compare equal.
fn mask_digits(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_digits = false;
    for c in s.chars() {
        if c.is_ascii_digit() {
            if !in_digits {
                out.push('#');
            }
            in_digits = true;
        } else {
            in_digits = false;
            out.extend(c.to_lowercase());
        }
    }
    out
}

fn digits_of(s: &str) -> String {
    s.chars().filter(|c| c.is_ascii_digit()).collect()
}

/// Two independent 64-bit hashes (fixed keys: deterministic across runs).
fn hash128(s: &str) -> u128 {
    use std::hash::{Hash, Hasher};
    let mut a = std::hash::DefaultHasher::new();
    s.hash(&mut a);
    let mut b = std::hash::DefaultHasher::new();
    0x9E37_79B9_7F4A_7C15u64.hash(&mut b);
    s.hash(&mut b);
    (a.finish() as u128) << 64 | b.finish() as u128
}

fn hash64(s: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut a = std::hash::DefaultHasher::new();
    s.hash(&mut a);
    a.finish()
}

impl Boilerplate {
    /// Counts the blocks of every text or HTML page.
    pub fn learn(pages: &[Page]) -> Boilerplate {
        // Hash in parallel (the costly part), count in page order.
        let per_page: Vec<Vec<(u128, u64)>> = pages
            .par_iter()
            .map(|p| {
                if p.format == PageFormat::Document {
                    return Vec::new();
                }
                let mut on_page = HashSet::new();
                let mut v = Vec::new();
                for blk in &p.blocks {
                    // Only short-ish blocks can be chrome; long ones are text even when copied.
                    if blk.text.chars().count() > 400 {
                        continue;
                    }
                    let m = hash128(&mask_digits(&blk.text));
                    if on_page.insert(m) {
                        v.push((m, hash64(&digits_of(&blk.text))));
                    }
                }
                v
            })
            .collect();
        let mut b = Boilerplate::default();
        for (m, d) in per_page.into_iter().flatten() {
            let e = b.seen.entry(m).or_default();
            e.0 += 1;
            e.1.add(d);
        }
        b
    }

    /// A block that recurs on several pages with different numbers: a counter banner.
    fn is_banner(&self, text: &str) -> bool {
        if !text.chars().any(|c| c.is_ascii_digit()) {
            return false;
        }
        match self.seen.get(&hash128(&mask_digits(text))) {
            Some((pages, digits)) => *pages >= 2 && digits.several,
            None => false,
        }
    }

    /// Number of pages a block occurs on (digit-masked).
    fn pages_with(&self, text: &str) -> usize {
        self.seen
            .get(&hash128(&mask_digits(text)))
            .map(|e| e.0)
            .unwrap_or(0)
    }
}

/// Kind of a line inside a header block.
fn is_chrome_line(line: &str) -> bool {
    let l = line.trim();
    if l.is_empty() {
        return true;
    }
    if date::parse_date_line(l).is_some() {
        return true;
    }
    // Clock line: `Moscow: 21:06`.
    if let Some((name, rest)) = l.split_once(':') {
        let rest = rest.trim();
        let is_time = rest.len() <= 5
            && rest.contains([':', '.'])
            && rest
                .chars()
                .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
        if is_time
            && name.chars().count() <= 30
            && name
                .chars()
                .all(|c| c.is_alphabetic() || c == ' ' || c == '-' || c == '.')
        {
            return true;
        }
    }
    // `Label:` alone.
    if l.ends_with(':') && l.split_whitespace().count() <= 4 {
        return true;
    }
    // Phone: mostly digits, at least 7 of them.
    let digits = l.chars().filter(|c| c.is_ascii_digit()).count();
    let letters = l.chars().filter(|c| c.is_alphabetic()).count();
    if digits >= 7
        && letters <= 6
        && l.chars()
            .all(|c| c.is_ascii_digit() || " +()-./".contains(c) || c.is_alphabetic() || c == ':')
    {
        return true;
    }
    // E-mail or URL on its own (possibly after a short label).
    let last = l.split_whitespace().last().unwrap_or("");
    if (last.contains('@') && last.contains('.')
        || last.starts_with("http://")
        || last.starts_with("https://")
        || last.starts_with("www."))
        && l.split_whitespace().count() <= 3
    {
        return true;
    }
    false
}

/// An upper-case section label (`SPEECHES, INTERVIEWS, ARTICLES`, `LATEST EVENTS`).
fn is_label(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|c| c.is_alphabetic()).collect();
    letters.len() >= 3
        && !text.contains('\n')
        && text.chars().count() <= 80
        && letters.iter().all(|c| !c.is_lowercase())
}

/// True when a text ends like a sentence.
fn ends_like_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '»', '”', '“', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…', ':', ';', ','])
}

/// A short link-like block after the body (`all messages`, `Advanced settings`): few words, no
/// sentence punctuation, no digits.
fn is_footer_like(text: &str) -> bool {
    let words = text.split_whitespace().count();
    words <= 4
        && !text.contains('\n')
        && !ends_like_sentence(text)
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// A teaser head `DD.MM.YYYY - Title`: returns (date text, title).
pub fn teaser_head(text: &str) -> Option<(&str, &str)> {
    let b = text.as_bytes();
    if b.len() < 14
        || !b[..10].iter().enumerate().all(|(i, c)| {
            if i == 2 || i == 5 {
                *c == b'.'
            } else {
                c.is_ascii_digit()
            }
        })
    {
        return None;
    }
    let rest = text[10..].trim_start();
    let rest = rest.strip_prefix(['-', '–', '—'])?.trim_start();
    if rest.is_empty() {
        return None;
    }
    Some((&text[..10], rest))
}

/// Date and time from a date line, as found.
fn date_of_line(line: &str) -> Option<(Date, Option<Time>)> {
    date::parse_date_line(line.trim())
}

/// The last date written inside a title (`…, Sochi, October 16, 2019`).
fn date_in_text(text: &str) -> Option<(Date, Option<Time>)> {
    date::find_dates(text).last().map(|m| (m.date, m.time))
}

/// Extracts the statements of every page. `bp` holds corpus-wide block statistics.
pub fn extract_page(page: &Page, bp: &Boilerplate, diags: &mut Diagnostics) -> Vec<Statement> {
    if page.format == PageFormat::Document {
        return extract_document(page, diags);
    }
    let blocks = &page.blocks;
    let n = blocks.len();
    let mut i = 0;
    let mut date_line: Option<&Block> = None;
    let mut markers: Vec<LangTag> = Vec::new();
    let mut unparsed_dates: Vec<&Block> = Vec::new();

    // Header zone: chrome blocks, banners, labels, the statement's date line, a switcher.
    while i < n {
        let b = &blocks[i];
        let t = b.text.as_str();
        if let Some(tags) = markers::parse_switcher(t) {
            markers.extend(tags);
            i += 1;
            continue;
        }
        if !t.contains('\n') && date_of_line(t).is_some() {
            date_line = Some(b);
            i += 1;
            continue;
        }
        if !t.contains('\n') && date::looks_like_date(t) && t.chars().count() <= 40 {
            unparsed_dates.push(b);
            date_line = Some(b);
            i += 1;
            continue;
        }
        if t.lines().all(is_chrome_line)
            || bp.is_banner(t)
            || is_label(t)
            || teaser_head(t).is_none() && bp.pages_with(t) >= 3 && is_footer_like(t)
        {
            // A date inside a header block is the page's own date, not the statement's.
            i += 1;
            continue;
        }
        break;
    }

    // Trailing zone: footers after the last teaser or the body.
    let mut end = n;
    while end > i {
        let t = blocks[end - 1].text.as_str();
        if (is_footer_like(t) && teaser_head(t).is_none())
            || t.lines().all(is_chrome_line)
            || bp.is_banner(t)
        {
            end -= 1;
        } else {
            break;
        }
    }

    let mut out = Vec::new();
    // Main statement: title then body until the first teaser head or label before one.
    if i < end && teaser_head(&blocks[i].text).is_none() {
        let title = &blocks[i];
        i += 1;
        let mut paragraphs = Vec::new();
        while i < end {
            let t = blocks[i].text.as_str();
            if teaser_head(t).is_some() {
                break;
            }
            if is_label(t)
                && blocks
                    .get(i + 1)
                    .is_some_and(|b| teaser_head(&b.text).is_some())
            {
                i += 1;
                break;
            }
            if let Some(tags) = markers::parse_switcher(t) {
                markers.extend(tags);
                i += 1;
                continue;
            }
            if paragraphs.is_empty()
                && date_line.is_none()
                && !t.contains('\n')
                && date_of_line(t).is_some()
            {
                date_line = Some(&blocks[i]);
                i += 1;
                continue;
            }
            paragraphs.push(Paragraph {
                text: t.to_string(),
                line: blocks[i].line,
                lang: None,
                lang_confidence: 0.0,
            });
            i += 1;
        }
        let (date, time, date_raw) = match date_line {
            Some(b) => match date_of_line(&b.text) {
                Some((d, t)) => (Some(d), t, Some(b.text.clone())),
                None => (None, None, Some(b.text.clone())),
            },
            None => match date_in_text(&title.text) {
                Some((d, t)) => (Some(d), t, None),
                None => (None, None, None),
            },
        };
        for b in unparsed_dates {
            diags.push(
                crate::diag::Severity::Warning,
                &page.path,
                Some(b.line),
                "bad-date",
                format!(
                    "date line {:?} could not be parsed; statement left undated",
                    b.text
                ),
            );
        }
        let title_text = title.text.replace('\n', " ");
        if paragraphs.is_empty() {
            diags.push(
                crate::diag::Severity::Warning,
                &page.path,
                Some(title.line),
                "no-body",
                format!(
                    "statement {:?} has a title but no body paragraphs",
                    shorten(&title_text, 60)
                ),
            );
        }
        out.push(Statement {
            id: format!("{}#main", page.path),
            file: page.path.clone(),
            kind: StatementKind::Main,
            date,
            time,
            date_raw,
            title: title_text,
            title_line: title.line,
            markers: markers.clone(),
            paragraphs,
            lang: None,
            lang_confidence: 0.0,
            declared_lang: page.meta.declared_lang.as_ref().and_then(|t| t.lang),
            lang_tag: None,
            group_key: page.meta.group_key.clone(),
        });
    }

    // Teasers.
    let mut k = 0;
    while i < end {
        let t = blocks[i].text.as_str();
        let Some((dtext, title)) = teaser_head(t) else {
            if is_label(t) {
                i += 1;
                continue;
            }
            // Text between the body and the teasers that belongs to neither: keep it visible.
            diags.push(
                crate::diag::Severity::Warning,
                &page.path,
                Some(blocks[i].line),
                "stray-block",
                format!(
                    "block outside any statement kept as a teaser-less fragment: {:?}",
                    shorten(t, 60)
                ),
            );
            i += 1;
            continue;
        };
        let head = &blocks[i];
        i += 1;
        let mut paragraphs = Vec::new();
        while i < end && teaser_head(&blocks[i].text).is_none() && !(is_label(&blocks[i].text)) {
            paragraphs.push(Paragraph {
                text: blocks[i].text.clone(),
                line: blocks[i].line,
                lang: None,
                lang_confidence: 0.0,
            });
            i += 1;
        }
        let parsed = date_of_line(dtext);
        if parsed.is_none() {
            diags.push(
                crate::diag::Severity::Warning,
                &page.path,
                Some(head.line),
                "bad-date",
                format!("teaser date {dtext:?} is not a valid date"),
            );
        }
        out.push(Statement {
            id: format!("{}#teaser-{k}", page.path),
            file: page.path.clone(),
            kind: StatementKind::Teaser,
            date: parsed.map(|p| p.0),
            time: parsed.and_then(|p| p.1),
            date_raw: Some(dtext.to_string()),
            title: title.replace('\n', " "),
            title_line: head.line,
            markers: Vec::new(),
            paragraphs,
            lang: None,
            lang_confidence: 0.0,
            declared_lang: page.meta.declared_lang.as_ref().and_then(|t| t.lang),
            lang_tag: None,
            group_key: None,
        });
        k += 1;
    }
    if out.is_empty() {
        diags.push(
            crate::diag::Severity::Error,
            &page.path,
            None,
            "no-statement",
            "skipped: no statement found (only page chrome)",
        );
    }
    // HTML alternates are markers too.
    if page.format == PageFormat::Html {
        if let Some(main) = out.iter_mut().find(|s| s.kind == StatementKind::Main) {
            for t in page
                .meta
                .alternates
                .iter()
                .chain(page.meta.declared_lang.iter())
            {
                if !main
                    .markers
                    .iter()
                    .any(|m| m.lang.is_some() && m.lang == t.lang)
                {
                    main.markers.push(t.clone());
                }
            }
        }
    }
    out
}

/// A plain per-language document: the first block is the title when it is short, the rest are
/// paragraphs. Nothing is dropped.
fn extract_document(page: &Page, diags: &mut Diagnostics) -> Vec<Statement> {
    let mut blocks = page.blocks.iter();
    let Some(first) = blocks.next() else {
        diags.error(&page.path, "no-statement", "skipped: empty document");
        return Vec::new();
    };
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let title = first.text.replace('\n', " ");
    for b in std::iter::once(first).chain(blocks) {
        paragraphs.push(Paragraph {
            text: b.text.clone(),
            line: b.line,
            lang: None,
            lang_confidence: 0.0,
        });
    }
    let date = paragraphs
        .iter()
        .take(3)
        .find_map(|p| date::find_dates(&p.text).first().map(|m| (m.date, m.time)));
    vec![Statement {
        id: format!("{}#doc", page.path),
        file: page.path.clone(),
        kind: StatementKind::Document,
        date: date.map(|d| d.0),
        time: date.and_then(|d| d.1),
        date_raw: None,
        title,
        title_line: first.line,
        markers: page.meta.declared_lang.iter().cloned().collect(),
        paragraphs,
        lang: None,
        lang_confidence: 0.0,
        declared_lang: page.meta.declared_lang.as_ref().and_then(|t| t.lang),
        lang_tag: page.meta.declared_lang.as_ref().and_then(|t| t.tag.clone()),
        group_key: page.meta.group_key.clone(),
    }]
}

fn shorten(s: &str, n: usize) -> String {
    if s.chars().count() <= n {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(n).collect();
        t.push('…');
        t
    }
}

/// Extracts statements from all pages (in page order).
pub fn extract(pages: &[Page], diags: &mut Diagnostics) -> Vec<Statement> {
    let bp = Boilerplate::learn(pages);
    // Pages are independent once the corpus statistics are known: extract them in parallel,
    // then concatenate in page order (same output as a sequential run).
    let per_page: Vec<(Vec<Statement>, Diagnostics)> = pages
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::default();
            let sts = extract_page(p, &bp, &mut d);
            (sts, d)
        })
        .collect();
    let mut out = Vec::with_capacity(per_page.iter().map(|x| x.0.len()).sum());
    for (sts, d) in per_page {
        out.extend(sts);
        diags.extend(d);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn teaser_heads() {
        assert_eq!(
            teaser_head("14.07.2020 - Foreign Ministry statement"),
            Some(("14.07.2020", "Foreign Ministry statement"))
        );
        assert_eq!(teaser_head("14.07.2020"), None);
        assert_eq!(teaser_head("In 2020 - x"), None);
    }

    #[test]
    fn chrome_lines() {
        assert!(is_chrome_line("Moscow: 21:06"));
        assert!(is_chrome_line("Consular queries:"));
        assert!(is_chrome_line("+44 (0) 203 668 7474"));
        assert!(is_chrome_line("info@example.org"));
        assert!(!is_chrome_line("Mr Bortnikov,"));
        assert!(!is_chrome_line("The theme this year is counterterrorism."));
    }

    #[test]
    fn labels_and_footers() {
        assert!(is_label("SPEECHES, INTERVIEWS, ARTICLES"));
        assert!(is_label("LATEST EVENTS"));
        assert!(!is_label("UN"));
        assert!(is_footer_like("all messages"));
        assert!(!is_footer_like("Thank you."));
    }

    #[test]
    fn banner_by_repetition() {
        let mk = |t: &str| Page {
            path: "x".into(),
            format: PageFormat::Text,
            encoding: "UTF-8".into(),
            replaced: 0,
            blocks: vec![Block {
                text: t.into(),
                line: 1,
            }],
            meta: Default::default(),
        };
        let pages = vec![
            mk("864 days have passed since X"),
            mk("593 days have passed since X"),
            mk("Title 2019"),
        ];
        let bp = Boilerplate::learn(&pages);
        assert!(bp.is_banner("900 days have passed since X"));
        assert!(!bp.is_banner("Title 2019"));
    }
}
