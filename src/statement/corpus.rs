//! Corpus-wide statistics of blocks: which texts recur on several pages, with or without their
//! numbers changed, and whether a text was ever seen where statements live.
//!
//! Repetition is evidence of chrome only where chrome lives: a counter banner recurs in page
//! headers with its numbers changed, `all messages` recurs at page ends. Body text recurs too (a
//! statement republished on two sites, a document quoted on another page, a heading such as
//! `Other matters` or `Agenda item 131` used by many documents), so a text that was seen *in a
//! statement position* on any page — inside the stretch of running text of a page body, as the
//! title right after a page's date line, as a teaser's title or lead — is never chrome by
//! repetition, anywhere. And chrome recurs on pages about different things: a line counts as
//! recurring chrome only on pages with at least [`MIN_TITLES`] different titles, more than the
//! language versions of one statement have, so a line a statement keeps untranslated in every
//! language (a name, a link, `I. Introduction`) or republishes (same title) is not chrome.

use std::collections::HashMap;

use rayon::prelude::*;

use super::form;
use crate::markers;
use crate::model::{Block, Page, PageFormat};

/// Different page titles a recurring line needs to be chrome: more than the five language
/// versions of two documents that share a passage give.
pub const MIN_TITLES: usize = 12;

/// Share of the corpus's pages a recurring line needs to be chrome: site chrome is on a good
/// part of a site's pages, a block of links that several documents share is not.
pub const MIN_PAGE_SHARE: f64 = 0.01;

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
    /// Text and HTML pages counted.
    pages: usize,
}

/// What is known about one digit-masked text.
#[derive(Clone, Copy, Debug, Default)]
struct KeyStats {
    /// Pages it occurs on.
    pages: usize,
    /// Digit strings seen with it.
    digits: DigitStrings,
    /// Titles (digit-masked) of the pages it occurs on.
    titles: Distinct,
    /// The blocks right before it (digit-masked).
    preceded: Distinct,
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

/// One occurrence of a text on a page.
struct Occurrence {
    key: u128,
    /// Hash of its digits.
    digits: u64,
    /// In a statement position.
    inside: bool,
    /// Hash of the block before it.
    before: u64,
}

/// Hash of a block as the predecessor of the next one (its digit-masked start is enough).
fn predecessor_hash(text: &str) -> u64 {
    let start: String = text.chars().take(100).collect();
    hash64(&mask_digits(&start))
}

/// A lower bound of the number of distinct hashes added: one bit of 128 per hash (16 bytes per
/// key, whatever the corpus size; collisions only make it count fewer).
#[derive(Clone, Copy, Debug, Default)]
struct Distinct(u128);

impl Distinct {
    fn add(&mut self, h: u64) {
        self.0 |= 1u128 << (h % 128);
    }

    fn count(&self) -> usize {
        self.0.count_ones() as usize
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
    // As the header reads it: right after the date line, a block followed by a switcher, or a
    // second date line, is the title whatever it looks like.
    if let Some(b) = blocks.get(d + 1) {
        let next_switcher = blocks
            .get(d + 2)
            .is_some_and(|n| markers::parse_switcher(&n.text).is_some());
        if markers::parse_switcher(&b.text).is_none() && (next_switcher || is_date(&b.text)) {
            return form::teaser_head(&b.text).is_none().then_some(d + 1);
        }
    }
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
        let per_page: Vec<(u64, Vec<Occurrence>)> = pages
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
                let mut v: Vec<Occurrence> = Vec::new();
                let mut note = |text: &str, inside: bool, before: u64| {
                    if text.chars().count() > MAX_COUNTED_CHARS {
                        return;
                    }
                    let k = key(text);
                    match on_page.get(&k) {
                        Some(&j) => v[j].inside |= inside,
                        None => {
                            on_page.insert(k, v.len());
                            v.push(Occurrence {
                                key: k,
                                digits: hash64(&digits_of(text)),
                                inside,
                                before,
                            });
                        }
                    }
                };
                let mut before = hash64("\0start of page");
                for (blk, &inside) in p.blocks.iter().zip(&in_statement) {
                    note(&blk.text, inside, before);
                    // A teaser names a statement: its title is statement text wherever it
                    // stands.
                    if let Some((_, title)) = form::teaser_head(&blk.text) {
                        note(title, true, before);
                    }
                    before = predecessor_hash(&blk.text);
                }
                (context, v)
            })
            .collect();
        let mut b = Boilerplate {
            pages: pages
                .iter()
                .filter(|p| p.format != PageFormat::Document)
                .count(),
            ..Default::default()
        };
        for (context, occurrences) in per_page {
            for o in occurrences {
                let e = b.seen.entry(o.key).or_default();
                e.pages += 1;
                e.digits.add(o.digits);
                e.titles.add(context);
                e.preceded.add(o.before);
                e.in_statement |= o.inside;
            }
        }
        b
    }

    fn stats(&self, text: &str) -> Option<&KeyStats> {
        self.seen.get(&key(text))
    }

    /// A counter banner: a phrase with a number that recurs on pages with other titles with
    /// different numbers, and was never seen in a statement position.
    pub fn is_banner(&self, text: &str) -> bool {
        if !text.chars().any(|c| c.is_ascii_digit())
            || text.split_whitespace().count() < BANNER_MIN_WORDS
        {
            return false;
        }
        self.stats(text).is_some_and(|s| {
            s.pages >= 2 && s.digits.several && s.titles.count() >= 2 && !s.in_statement
        })
    }

    /// A text that recurs on pages with at least [`MIN_TITLES`] different titles, on at least
    /// [`MIN_PAGE_SHARE`] of the pages, and was never seen in a statement position.
    pub fn is_recurring_chrome(&self, text: &str) -> bool {
        self.stats(text).is_some_and(|s| {
            s.titles.count() >= MIN_TITLES
                && s.pages as f64 >= MIN_PAGE_SHARE * self.pages as f64
                && !s.in_statement
        })
    }

    /// The first line of a recurring run of chrome follows whatever the pages end with: many
    /// different blocks stand right before it (at least [`MIN_TITLES`]). The lines of a list a
    /// few documents share follow each other.
    pub fn follows_varied_blocks(&self, text: &str) -> bool {
        self.stats(text)
            .is_some_and(|s| s.preceded.count() >= MIN_TITLES)
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

    use crate::statement::test_pages::titles;

    fn page(name: &str, blocks: &[&str]) -> Page {
        crate::statement::test_pages::page(name, PageFormat::Text, blocks)
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
        let mut pages = vec![page(
            "a",
            &["Title A", body, "Other matters", body, "all messages"],
        )];
        for t in titles(19) {
            pages.push(page(&t, &[&t, "Other matters", "all messages"]));
        }
        let bp = Boilerplate::learn(&pages);
        // Inside the running text of page a: body text everywhere.
        assert!(!bp.is_recurring_chrome("Other matters"));
        // Only ever after the last running text, under six titles: footer.
        assert!(bp.is_recurring_chrome("all messages"));
        assert_eq!(bp.pages_with("all messages"), 20);
        // Ten titles are not enough (five language versions of two documents).
        let bp = Boilerplate::learn(&pages[..10]);
        assert!(!bp.is_recurring_chrome("all messages"));
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
        assert!(!bp.is_recurring_chrome("Short title"));
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
        for t in titles(20) {
            pages.push(page(
                &t,
                &["3 March 2020", &t, "Text.", "Advanced settings"],
            ));
        }
        let bp = Boilerplate::learn(&pages);
        assert!(!bp.is_recurring_chrome("[Wikipedia](y)"));
        assert!(bp.is_recurring_chrome("Advanced settings"));
        // Lines on too small a share of the corpus are not site chrome.
        let mut many = pages.clone();
        for i in 0..2500 {
            let t = format!("Title {i}");
            many.push(page(
                "z",
                &["3 March 2020", &t, "Text.", "Advanced settings"],
            ));
        }
        many.extend(
            titles(20)
                .iter()
                .map(|t| page(t, &[t, "Text.", "Print this page"])),
        );
        let bp = Boilerplate::learn(&many);
        assert!(!bp.is_recurring_chrome("Print this page"));
        assert!(bp.is_recurring_chrome("Advanced settings"));
        assert_eq!(title_candidate(&pages[0].blocks), Some(1));
    }
}
