//! Corpus-wide statistics of blocks: which texts recur on several pages, with or without their
//! numbers changed, and whether a text was ever seen where statements live.
//!
//! Repetition is evidence of chrome only where chrome lives: a counter banner recurs in page
//! headers with its numbers changed, `all messages` recurs at page ends. Body text recurs too (a
//! statement republished on two sites, a document quoted on another page, a heading such as
//! `Other matters` or `Agenda item 131` used by many documents), so a text that was seen *in a
//! statement position* on any page — inside the stretch of running text of a page body, as the
//! title right after a page's date line, as a teaser's title or lead — is never chrome by
//! repetition, anywhere. And chrome recurs on pages about different things: a text counts as
//! recurring only when the pages holding it have at least two different titles, so the short
//! lines of a statement republished on several pages (same title) are not chrome either.

use std::collections::HashMap;

use rayon::prelude::*;

use super::form;
use crate::markers;
use crate::model::{Block, Page, PageFormat};

/// Blocks longer than this are never counted: they are text even when copied.
const MAX_COUNTED_CHARS: usize = 400;

/// A counter banner is a phrase (`864 days have passed since …`); shorter texts with a number
/// (`Agenda item 131`, `5 February`, `Item 6`) are headings and dates.
const BANNER_MIN_WORDS: usize = 5;

/// Corpus-wide statistics of blocks, used to recognise boilerplate that repeats across pages.
///
/// Blocks are keyed by a 128-bit hash of their digit-masked text rather than the text itself:
/// nearly every short paragraph of the corpus is counted, and keeping a masked copy of each
/// cost about as much memory as the corpus.
#[derive(Debug, Default)]
pub struct Boilerplate {
    seen: HashMap<u128, KeyStats>,
}

/// What is known about one digit-masked text.
#[derive(Clone, Copy, Debug, Default)]
struct KeyStats {
    /// Pages it occurs on.
    pages: usize,
    /// Digit strings seen with it.
    digits: DigitStrings,
    /// Titles (digit-masked) of the pages it occurs on.
    contexts: DigitStrings,
    /// Seen in a statement position on some page (see the module documentation).
    in_statement: bool,
}

/// Whether one or several distinct values (digit strings, titles) were seen, as hashes (only
/// "two or more" matters).
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
pub(crate) fn mask_digits(s: &str) -> String {
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

fn key(text: &str) -> u128 {
    hash128(&mask_digits(text))
}

/// The indices of a page's blocks that are in a statement position (see the module docs).
pub(crate) fn statement_positions(blocks: &[Block]) -> Vec<bool> {
    let n = blocks.len();
    let mut pos = vec![false; n];
    let first_teaser = blocks
        .iter()
        .position(|b| form::teaser_head(&b.text).is_some())
        .unwrap_or(n);
    let rt: Vec<usize> = (0..first_teaser)
        .filter(|&i| form::is_running_text(&blocks[i].text))
        .collect();
    if let (Some(&a), Some(&b)) = (rt.first(), rt.last()) {
        pos[a..=b].iter_mut().for_each(|p| *p = true);
    }
    if let Some(t) = anchored_title(blocks) {
        pos[t] = true;
    }
    for i in first_teaser..n {
        if form::teaser_head(&blocks[i].text).is_none() && form::is_running_text(&blocks[i].text) {
            pos[i] = true;
        }
    }
    pos
}

/// The block most likely to be a page's title, before any corpus statistics: the title after a
/// date line, else the first block after the leading form chrome that is not shaped like a
/// counter banner (a phrase with a number and no sentence end).
pub(crate) fn title_candidate(blocks: &[Block]) -> Option<usize> {
    if let Some(t) = anchored_title(blocks) {
        return Some(t);
    }
    blocks.iter().position(|b| {
        let t = b.text.as_str();
        let form_chrome = markers::parse_switcher(t).is_some()
            || form::date_line(t).is_some()
            || form::is_chrome_lines(t)
            || form::is_label(t);
        let banner_shaped = t.chars().any(|c| c.is_ascii_digit())
            && t.split_whitespace().count() >= BANNER_MIN_WORDS
            && !form::ends_like_sentence(t);
        !form_chrome && !banner_shaped
    })
}

/// The title of a page with a date line in its header (`16 October 201912:11`, or a section
/// label and `30.09.2019`): the first block after the first date line (standing before any
/// running text or teaser) that is not a switcher, another date line or form chrome.
pub(crate) fn anchored_title(blocks: &[Block]) -> Option<usize> {
    let is_date = |t: &str| form::date_line(t).is_some() || form::bad_date_line(t);
    let d = blocks
        .iter()
        .take_while(|b| !form::is_running_text(&b.text) && form::teaser_head(&b.text).is_none())
        .position(|b| is_date(&b.text))?;
    let j = d
        + 1
        + blocks[d + 1..].iter().position(|b| {
            let t = b.text.as_str();
            !(markers::parse_switcher(t).is_some()
                || is_date(t)
                || form::is_chrome_lines(t)
                || form::is_label(t))
        })?;
    form::teaser_head(&blocks[j].text).is_none().then_some(j)
}

impl Boilerplate {
    /// Counts the blocks of every text or HTML page.
    pub fn learn(pages: &[Page]) -> Boilerplate {
        // Hash in parallel (the costly part), count in page order.
        let per_page: Vec<(u64, Vec<(u128, u64, bool)>)> = pages
            .par_iter()
            .enumerate()
            .map(|(pi, p)| {
                if p.format == PageFormat::Document {
                    return (0, Vec::new());
                }
                let context = match title_candidate(&p.blocks) {
                    Some(t) => hash64(&mask_digits(&p.blocks[t].text)),
                    None => hash64(&format!("\0page {pi}")),
                };
                let in_statement = statement_positions(&p.blocks);
                let mut on_page: HashMap<u128, usize> = HashMap::new();
                let mut v: Vec<(u128, u64, bool)> = Vec::new();
                let mut note = |text: &str, inside: bool| {
                    if text.chars().count() > MAX_COUNTED_CHARS {
                        return;
                    }
                    let k = key(text);
                    match on_page.get(&k) {
                        Some(&j) => v[j].2 |= inside,
                        None => {
                            on_page.insert(k, v.len());
                            v.push((k, hash64(&digits_of(text)), inside));
                        }
                    }
                };
                for (blk, &inside) in p.blocks.iter().zip(&in_statement) {
                    note(&blk.text, inside);
                    // A teaser names a statement: its title is statement text wherever it
                    // stands.
                    if let Some((_, title)) = form::teaser_head(&blk.text) {
                        note(title, true);
                    }
                }
                (context, v)
            })
            .collect();
        let mut b = Boilerplate::default();
        for (context, keys) in per_page {
            for (k, d, inside) in keys {
                let e = b.seen.entry(k).or_default();
                e.pages += 1;
                e.digits.add(d);
                e.contexts.add(context);
                e.in_statement |= inside;
            }
        }
        b
    }

    fn stats(&self, text: &str) -> Option<&KeyStats> {
        self.seen.get(&key(text))
    }

    /// A counter banner: a phrase with a number that recurs on other pages with different
    /// numbers and was never seen in a statement position.
    pub fn is_banner(&self, text: &str) -> bool {
        if !text.chars().any(|c| c.is_ascii_digit())
            || text.split_whitespace().count() < BANNER_MIN_WORDS
        {
            return false;
        }
        self.stats(text).is_some_and(|s| {
            s.pages >= 2 && s.digits.several && s.contexts.several && !s.in_statement
        })
    }

    /// A text that recurs on at least `min_pages` pages with different titles and was never
    /// seen in a statement position.
    pub fn is_recurring_chrome(&self, text: &str, min_pages: usize) -> bool {
        self.stats(text)
            .is_some_and(|s| s.pages >= min_pages && s.contexts.several && !s.in_statement)
    }

    /// Number of pages a block occurs on (digit-masked).
    pub fn pages_with(&self, text: &str) -> usize {
        self.stats(text).map_or(0, |s| s.pages)
    }
}

/// The distinct digit-masked keys of some texts.
#[cfg(test)]
fn distinct(texts: &[&str]) -> usize {
    texts
        .iter()
        .map(|t| key(t))
        .collect::<std::collections::HashSet<_>>()
        .len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(name: &str, blocks: &[&str]) -> Page {
        Page {
            path: name.into(),
            format: PageFormat::Text,
            encoding: "UTF-8".into(),
            replaced: 0,
            blocks: blocks
                .iter()
                .enumerate()
                .map(|(i, t)| Block {
                    text: (*t).into(),
                    line: 1 + 2 * i,
                })
                .collect(),
            meta: Default::default(),
        }
    }

    #[test]
    fn masking() {
        assert_eq!(mask_digits("864 days, 12 hours"), "# days, # hours");
        assert_eq!(distinct(&["864 days", "593 days", "Days"]), 2);
    }

    #[test]
    fn banner_by_repetition() {
        let pages = vec![
            page("a", &["864 days have passed since the incident", "Title"]),
            page(
                "b",
                &["593 days have passed since the incident", "Title 2019"],
            ),
        ];
        let bp = Boilerplate::learn(&pages);
        assert!(bp.is_banner("900 days have passed since the incident"));
        assert!(!bp.is_banner("Title 2019"));
    }

    #[test]
    fn short_numbered_headings_are_not_banners() {
        let pages = vec![
            page("a", &["T", "Agenda item 131", "x"]),
            page("b", &["U", "Agenda item 44", "y"]),
        ];
        let bp = Boilerplate::learn(&pages);
        assert!(!bp.is_banner("Agenda item 131"));
    }

    #[test]
    fn text_seen_in_a_body_is_never_chrome() {
        let body = "The Council adopted the resolution without a vote.";
        let pages = vec![
            page(
                "a",
                &["Title A", body, "Other matters", body, "all messages"],
            ),
            page("b", &["Title B", "Other matters", "all messages"]),
            page("c", &["Title C", "all messages"]),
        ];
        let bp = Boilerplate::learn(&pages);
        // Inside the running text of page a: body text everywhere.
        assert!(!bp.is_recurring_chrome("Other matters", 2));
        // Only ever after the last running text: footer.
        assert!(bp.is_recurring_chrome("all messages", 2));
        assert_eq!(bp.pages_with("all messages"), 3);
    }

    #[test]
    fn titles_after_a_date_line_and_teaser_titles_are_statement_text() {
        let blocks: Vec<Block> = ["16 October 201912:11", "Title", "• de-DE1 en-GB1", "Body."]
            .iter()
            .map(|t| Block {
                text: (*t).into(),
                line: 1,
            })
            .collect();
        assert_eq!(anchored_title(&blocks), Some(1));
        let pages = vec![
            page(
                "a",
                &[
                    "12 January 2020",
                    "Death toll rises to 832",
                    "Body text here.",
                ],
            ),
            page(
                "b",
                &[
                    "Header: 12:00",
                    "Death toll rises to 943",
                    "Body text here.",
                ],
            ),
            page("c", &["x", "Body text here.", "01.01.2020 - Short title"]),
            page("d", &["Short title", "Body text there."]),
        ];
        let bp = Boilerplate::learn(&pages);
        assert!(!bp.is_banner("Death toll rises to 832"));
        assert!(!bp.is_recurring_chrome("Short title", 2));
    }

    #[test]
    fn lines_of_a_republished_statement_are_not_chrome() {
        let mk = |site: &str| {
            page(
                site,
                &[
                    "12 January 2020",
                    "Privacy links",
                    "[Google](x)",
                    "[Wikipedia](y)",
                    "Advanced settings",
                ],
            )
        };
        let mut pages = vec![mk("a"), mk("b"), mk("c")];
        pages.push(page(
            "d",
            &[
                "3 March 2020",
                "Another title",
                "Text.",
                "Advanced settings",
            ],
        ));
        let bp = Boilerplate::learn(&pages);
        assert!(!bp.is_recurring_chrome("[Wikipedia](y)", 2));
        assert!(bp.is_recurring_chrome("Advanced settings", 2));
        assert_eq!(title_candidate(&pages[0].blocks), Some(1));
    }
}
