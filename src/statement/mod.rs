//! Statement extraction: reads a page as zones (header, body, teaser list, footer), labels every
//! block with a role ([`roles`]), then assembles the main statement and every teaser from the
//! labels. Every block that is not part of a statement is either metadata (date line, switcher,
//! title) or removed chrome, and every removed block is recorded with its file, line, zone and
//! reason ([`RemovedBlock`]), so nothing leaves the page silently.
//!
//! Chrome is recognised by the block's own form (a header of clock and phone lines, an
//! upper-case section label, a share-button row, a short link ending the page) and, in the
//! header, teaser and footer zones only, by repetition across the corpus ([`Boilerplate`]): a
//! phrase that recurs with only its numbers changed is a counter banner, a short line that
//! recurs at page ends is a footer. Inside the body nothing is removed because other pages have
//! it too: republished statements, quoted documents and recurring headings are text. No sentence
//! of any particular site is hard-coded.

mod corpus;
pub mod form;
pub mod roles;

use rayon::prelude::*;
use serde::Serialize;

pub use corpus::Boilerplate;
pub use form::teaser_head;
pub use roles::{label_blocks, Labelled, Reason, Role, Zone};

use crate::diag::{Diagnostics, Severity};
use crate::model::{Block, Date, Page, PageFormat, Paragraph, Statement, StatementKind, Time};

/// A block of a page that is in no statement because it was taken for page chrome.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct RemovedBlock {
    /// The page (display path).
    pub file: String,
    /// 1-based line of the block's first line.
    pub line: usize,
    pub zone: Zone,
    pub reason: Reason,
    /// The block's text, shortened to [`EXCERPT_CHARS`] characters, lines joined by ` / `.
    pub excerpt: String,
}

/// Length of [`RemovedBlock::excerpt`].
pub const EXCERPT_CHARS: usize = 80;

impl std::fmt::Display for RemovedBlock {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}:{}: {} [{}] {:?}",
            self.file,
            self.line,
            self.reason.name(),
            self.zone.name(),
            self.excerpt
        )
    }
}

/// What extraction made of one page.
#[derive(Debug, Default)]
pub struct PageExtraction {
    pub statements: Vec<Statement>,
    /// Chrome blocks, in page order.
    pub removed: Vec<RemovedBlock>,
}

/// What extraction made of a corpus.
#[derive(Debug, Default)]
pub struct Extraction {
    /// Statements in page order.
    pub statements: Vec<Statement>,
    /// Chrome blocks in page order, then block order.
    pub removed: Vec<RemovedBlock>,
}

fn paragraph(b: &Block) -> Paragraph {
    Paragraph {
        text: b.text.clone(),
        line: b.line,
        lang: None,
        lang_confidence: 0.0,
    }
}

/// The fields every kind of statement fills the same way.
fn statement(page: &Page, id: String, kind: StatementKind, title: &Block) -> Statement {
    Statement {
        id,
        file: page.path.clone(),
        kind,
        date: None,
        time: None,
        date_raw: None,
        title: title.text.replace('\n', " "),
        title_line: title.line,
        markers: Vec::new(),
        paragraphs: Vec::new(),
        lang: None,
        lang_confidence: 0.0,
        declared_lang: page.meta.declared_lang.as_ref().and_then(|t| t.lang),
        lang_tag: None,
        group_key: None,
    }
}

/// Extracts the statements of a page. `bp` holds corpus-wide block statistics.
pub fn extract_page(page: &Page, bp: &Boilerplate, diags: &mut Diagnostics) -> PageExtraction {
    if page.format == PageFormat::Document {
        return PageExtraction {
            statements: extract_document(page, diags),
            removed: Vec::new(),
        };
    }
    let labels = label_blocks(page, bp);
    let removed = removed_blocks(page, &labels);
    let mut statements = Vec::new();
    if let Some(main) = main_statement(page, &labels, &removed, diags) {
        statements.push(main);
    }
    statements.extend(teasers(page, &labels, diags));
    if statements.is_empty() {
        diags.push(
            Severity::Error,
            &page.path,
            None,
            "no-statement",
            format!(
                "skipped: no statement found (only page chrome: {})",
                reason_counts(&removed)
            ),
        );
    }
    PageExtraction {
        statements,
        removed,
    }
}

/// The removed blocks of a labelled page.
fn removed_blocks(page: &Page, labels: &[Labelled]) -> Vec<RemovedBlock> {
    let mut out: Vec<RemovedBlock> = page
        .blocks
        .iter()
        .zip(labels)
        .filter_map(|(b, l)| {
            l.role.removed().map(|reason| RemovedBlock {
                file: page.path.clone(),
                line: b.line,
                zone: l.zone,
                reason,
                excerpt: shorten(&b.text.replace('\n', " / "), EXCERPT_CHARS),
            })
        })
        .collect();
    if page.meta.dropped.is_empty() {
        return out;
    }
    // What an HTML page's structure left out, in page order with the rest.
    out.extend(page.meta.dropped.iter().map(|d| RemovedBlock {
        file: page.path.clone(),
        line: d.line,
        zone: match (d.inside, d.before) {
            (true, _) => Zone::Body,
            (false, true) => Zone::Header,
            (false, false) => Zone::Footer,
        },
        reason: if d.inside {
            Reason::ChromeElement
        } else {
            Reason::OutsideContent
        },
        excerpt: shorten(&format!("<{}> {}", d.element, d.text), EXCERPT_CHARS),
    }));
    out.sort_by_key(|r| r.line);
    out
}

/// `3 chrome-lines, 1 counter-banner` (or `no blocks`).
fn reason_counts(removed: &[RemovedBlock]) -> String {
    let mut counts: std::collections::BTreeMap<Reason, usize> = Default::default();
    for r in removed {
        *counts.entry(r.reason).or_insert(0) += 1;
    }
    if counts.is_empty() {
        return "no blocks".into();
    }
    counts
        .iter()
        .map(|(r, n)| format!("{n} {}", r.name()))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Characters above which a block with nothing after it is a body, not a title (statement
/// titles run to about 250 characters).
const LONGEST_TITLE: usize = 400;

/// Characters of a body's opening kept as the title of a statement without a title line.
const TITLE_FROM_BODY: usize = 120;

/// The main statement from the title, body, date-line and switcher blocks.
fn main_statement(
    page: &Page,
    labels: &[Labelled],
    removed: &[RemovedBlock],
    diags: &mut Diagnostics,
) -> Option<Statement> {
    let blocks = &page.blocks;
    let ti = labels.iter().position(|l| l.role == Role::Title)?;
    let title = &blocks[ti];
    let mut st = statement(
        page,
        format!("{}#main", page.path),
        StatementKind::Main,
        title,
    );
    st.group_key = page.meta.group_key.clone();
    let mut date_line: Option<&Block> = None;
    for (b, l) in blocks.iter().zip(labels) {
        match (l.role, l.zone) {
            (Role::Switcher, Zone::Header | Zone::Body) => {
                st.markers
                    .extend(crate::markers::parse_switcher(&b.text).unwrap_or_default());
            }
            (Role::DateLine, _) => {
                if form::stated_date(&b.text).is_none() {
                    diags.push(
                        Severity::Warning,
                        &page.path,
                        Some(b.line),
                        "bad-date",
                        format!(
                            "date line {:?} could not be parsed; statement left undated",
                            b.text
                        ),
                    );
                }
                // The last date line before the title is the statement's (the page's own date
                // sits in the header block above it).
                date_line = Some(b);
            }
            (Role::Body, _) => st.paragraphs.push(paragraph(b)),
            _ => {}
        }
    }
    let (date, time, date_raw) = statement_date(date_line, &st.paragraphs, &title.text);
    (st.date, st.time, st.date_raw) = (date, time, date_raw);
    if page.format == PageFormat::Html {
        // HTML alternates and the page's language are markers too.
        for t in page
            .meta
            .alternates
            .iter()
            .chain(page.meta.declared_lang.iter())
        {
            if !st
                .markers
                .iter()
                .any(|m| m.lang.is_some() && m.lang == t.lang)
            {
                st.markers.push(t.clone());
            }
        }
    }
    if st.paragraphs.is_empty() && title.text.chars().count() > LONGEST_TITLE {
        // One long block and nothing after it is a text without a title line, not a title
        // without a text: the block is the body, and its opening words name it.
        st.paragraphs.push(paragraph(title));
        st.title = shorten(&st.title, TITLE_FROM_BODY);
        diags.push(
            Severity::Warning,
            &page.path,
            Some(title.line),
            "no-title",
            format!(
                "no title line: the page's one block ({} characters) is taken as the body, \
                 titled by its opening words",
                title.text.chars().count()
            ),
        );
    } else if st.paragraphs.is_empty() {
        diags.push(
            Severity::Error,
            &page.path,
            Some(title.line),
            "no-body",
            format!(
                "statement {:?} has a title but no body paragraphs ({})",
                shorten(&st.title, 60),
                no_body_reason(labels, ti, removed, title.line)
            ),
        );
    }
    Some(st)
}

/// Why nothing follows a title: what the blocks after it were taken for.
fn no_body_reason(
    labels: &[Labelled],
    ti: usize,
    removed: &[RemovedBlock],
    title_line: usize,
) -> String {
    let after: Vec<&RemovedBlock> = removed.iter().filter(|r| r.line > title_line).collect();
    match labels
        .get(ti + 1..)
        .and_then(|rest| rest.iter().find(|l| l.role != Role::Switcher))
    {
        None => "the page ends after the title".into(),
        Some(l) if l.role == Role::TeaserHead || l.zone == Zone::Teasers => {
            "a teaser list follows the title".into()
        }
        Some(_) => format!(
            "the blocks after it were taken for page chrome: {}",
            reason_counts(&after.into_iter().cloned().collect::<Vec<_>>())
        ),
    }
}

/// Date, time and the date as written: from the date line, else from a first paragraph that is
/// a date, else from the title (`…, Sochi, October 16, 2019`).
fn statement_date(
    date_line: Option<&Block>,
    paragraphs: &[Paragraph],
    title: &str,
) -> (Option<Date>, Option<Time>, Option<String>) {
    if let Some(b) = date_line {
        let parsed = form::stated_date(&b.text);
        return (
            parsed.map(|p| p.0),
            parsed.and_then(|p| p.1),
            Some(b.text.clone()),
        );
    }
    // A date right under the title dates the statement and stays a paragraph: the title is
    // metadata, the text is body.
    if let Some((d, t)) = paragraphs.first().and_then(|p| form::date_line(&p.text)) {
        return (Some(d), t, Some(paragraphs[0].text.clone()));
    }
    // So does a dateline (`Berlin, 12. März 2024`) there; one that closes the statement dates
    // it when the title does not.
    if let Some((d, t)) = paragraphs.first().and_then(|p| form::dateline(&p.text)) {
        return (Some(d), t, Some(paragraphs[0].text.clone()));
    }
    if let Some((d, t)) = form::date_in_text(title) {
        return (Some(d), t, None);
    }
    match paragraphs.last().and_then(|p| form::dateline(&p.text)) {
        Some((d, t)) => (Some(d), t, paragraphs.last().map(|p| p.text.clone())),
        None => (None, None, None),
    }
}

/// Every teaser: a head and the lead blocks after it.
fn teasers(page: &Page, labels: &[Labelled], diags: &mut Diagnostics) -> Vec<Statement> {
    let blocks = &page.blocks;
    let mut out: Vec<Statement> = Vec::new();
    for (b, l) in blocks.iter().zip(labels) {
        match l.role {
            Role::TeaserHead => {
                let Some((dtext, title)) = form::loose_teaser_head(&b.text) else {
                    continue;
                };
                let parsed = form::date_line(dtext);
                if parsed.is_none() {
                    diags.push(
                        Severity::Warning,
                        &page.path,
                        Some(b.line),
                        "bad-date",
                        format!("teaser date {dtext:?} is not a valid date"),
                    );
                }
                let head = Block {
                    text: title.to_string(),
                    line: b.line,
                };
                let mut st = statement(
                    page,
                    format!("{}#teaser-{}", page.path, out.len()),
                    StatementKind::Teaser,
                    &head,
                );
                st.date = parsed.map(|p| p.0);
                st.time = parsed.and_then(|p| p.1);
                st.date_raw = Some(dtext.to_string());
                out.push(st);
            }
            Role::TeaserLead => {
                if let Some(st) = out.last_mut() {
                    st.paragraphs.push(paragraph(b));
                }
            }
            _ => {}
        }
    }
    out
}

/// A plain per-language document: the first block is the title when it is short, the rest are
/// paragraphs. Nothing is dropped.
fn extract_document(page: &Page, diags: &mut Diagnostics) -> Vec<Statement> {
    // YAML front matter is the document's metadata: its title and date, not text.
    let (skip, fields) = front_matter(&page.blocks).unwrap_or_default();
    let field = |k: &str| {
        fields
            .iter()
            .find(|(key, v)| key == k && !v.is_empty())
            .map(|(_, v)| v.as_str())
    };
    let mut blocks = page.blocks[skip..].iter();
    let Some(first) = blocks.next() else {
        diags.error(&page.path, "no-statement", "skipped: empty document");
        return Vec::new();
    };
    let mut paragraphs: Vec<Paragraph> = Vec::new();
    let (title, title_line) = match field("title") {
        Some(t) => (t.to_string(), page.blocks[0].line),
        None => (first.text.replace('\n', " "), first.line),
    };
    for b in std::iter::once(first).chain(blocks) {
        paragraphs.push(Paragraph {
            text: b.text.clone(),
            line: b.line,
            lang: None,
            lang_confidence: 0.0,
        });
    }
    let front_date = field("date").and_then(|d| {
        // `2021-03-15`, `2021-03-15T10:00:00+03:00`, `15 March 2021`.
        let day = d
            .get(..10)
            .filter(|_| d.len() > 10 && d.as_bytes()[10] == b'T');
        crate::date::parse_date_line(day.unwrap_or(d))
            .map(|(date, time)| (date, time, d.to_string()))
    });
    let date = front_date.or_else(|| {
        paragraphs.iter().take(3).find_map(|p| {
            crate::date::find_dates(&p.text)
                .first()
                .map(|m| (m.date, m.time, String::new()))
        })
    });
    vec![Statement {
        id: format!("{}#doc", page.path),
        file: page.path.clone(),
        kind: StatementKind::Document,
        date: date.as_ref().map(|d| d.0),
        time: date.as_ref().and_then(|d| d.1),
        date_raw: date.map(|d| d.2).filter(|r| !r.is_empty()),
        title,
        title_line,
        markers: page.meta.declared_lang.iter().cloned().collect(),
        paragraphs,
        lang: None,
        lang_confidence: 0.0,
        declared_lang: page.meta.declared_lang.as_ref().and_then(|t| t.lang),
        lang_tag: page.meta.declared_lang.as_ref().and_then(|t| t.tag.clone()),
        group_key: page.meta.group_key.clone(),
    }]
}

/// YAML front matter at the start of a document (`---`, `key: value` lines, `---` or `...`):
/// how many blocks it takes and its fields (keys lower-cased, values unquoted). `None` when the
/// document does not open with `---` or the closing line is not found within 20 blocks.
fn front_matter(blocks: &[Block]) -> Option<(usize, Vec<(String, String)>)> {
    let first = blocks.first()?;
    if first.text.lines().next()?.trim() != "---" {
        return None;
    }
    let mut fields = Vec::new();
    for (k, b) in blocks.iter().enumerate().take(20) {
        let lines: Vec<&str> = b.text.lines().collect();
        for (j, l) in lines.iter().enumerate().skip(usize::from(k == 0)) {
            let t = l.trim();
            if t == "---" || t == "..." {
                // The closing line ends its block, or this is not front matter.
                return (j + 1 == lines.len()).then_some((k + 1, fields));
            }
            // Every line is a field, a list item, an indented continuation or a comment: a
            // document that opens with a rule and text has no front matter.
            let yaml = t.contains(':') || t.starts_with(['-', '#']) || l.starts_with([' ', '\t']);
            if !yaml {
                return None;
            }
            if let Some((key, v)) = t.split_once(':').filter(|_| !l.starts_with([' ', '\t'])) {
                let v = v.trim();
                let v = v
                    .strip_prefix('"')
                    .and_then(|x| x.strip_suffix('"'))
                    .or_else(|| v.strip_prefix('\'').and_then(|x| x.strip_suffix('\'')))
                    .unwrap_or(v);
                fields.push((key.trim().to_lowercase(), v.to_string()));
            }
        }
    }
    None
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

/// Extracts statements from all pages (in page order), with the chrome blocks removed.
pub fn extract_all(pages: &[Page], diags: &mut Diagnostics) -> Extraction {
    let bp = Boilerplate::learn(pages);
    // Pages are independent once the corpus statistics are known: extract them in parallel,
    // then concatenate in page order (same output as a sequential run).
    let per_page: Vec<(PageExtraction, Diagnostics)> = pages
        .par_iter()
        .map(|p| {
            let mut d = Diagnostics::default();
            let x = extract_page(p, &bp, &mut d);
            (x, d)
        })
        .collect();
    let mut out = Extraction {
        statements: Vec::with_capacity(per_page.iter().map(|x| x.0.statements.len()).sum()),
        removed: Vec::new(),
    };
    for (x, d) in per_page {
        out.statements.extend(x.statements);
        out.removed.extend(x.removed);
        diags.extend(d);
    }
    out
}

/// Extracts statements from all pages (in page order).
pub fn extract(pages: &[Page], diags: &mut Diagnostics) -> Vec<Statement> {
    extract_all(pages, diags).statements
}

/// Pages made of blocks, for the unit tests of the extraction modules.
#[cfg(test)]
pub(crate) mod test_pages {
    use crate::model::{Block, Page, PageFormat};

    /// A page named `name` whose blocks are `blocks` (block i on line 1 + 2i).
    pub fn page(name: &str, format: PageFormat, blocks: &[&str]) -> Page {
        Page {
            path: name.into(),
            format,
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

    /// `n` distinct titles without digits (digits are masked).
    pub fn titles(n: usize) -> Vec<String> {
        (0..n)
            .map(|i| {
                let a = (b'a' + (i / 26) as u8) as char;
                let b = (b'a' + (i % 26) as u8) as char;
                format!("Statement {a}{b}")
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(blocks: &[&str]) -> Page {
        test_pages::page("p.txt", PageFormat::Text, blocks)
    }

    /// The statements of a text page of `blocks`, and the diagnostics.
    fn statements_of(blocks: &[&str]) -> (Vec<Statement>, Diagnostics) {
        let mut d = Diagnostics::default();
        let st = extract_page(&page(blocks), &Boilerplate::default(), &mut d).statements;
        (st, d)
    }

    #[test]
    fn title_repeated_as_first_paragraph_stays_a_paragraph() {
        let p = page(&[
            "16 October 201912:11",
            "Agenda item 131",
            "Agenda item 131",
            "The Committee considered the item.",
            "Advanced settings",
        ]);
        let mut d = Diagnostics::default();
        let x = extract_page(&p, &Boilerplate::default(), &mut d);
        let main = &x.statements[0];
        assert_eq!(main.title, "Agenda item 131");
        let paras: Vec<&str> = main.paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            paras,
            ["Agenda item 131", "The Committee considered the item."]
        );
        assert_eq!(x.removed.len(), 1);
        assert_eq!(x.removed[0].reason, Reason::LinkFooter);
        assert_eq!(x.removed[0].line, 9);
        assert!(d.items.is_empty());
    }

    #[test]
    fn date_under_the_title_dates_the_statement_and_stays() {
        let p = page(&["Statement title", "28 October 2014", "Body text of it."]);
        let mut d = Diagnostics::default();
        let st = extract_page(&p, &Boilerplate::default(), &mut d).statements;
        assert_eq!(st[0].date.unwrap().to_string(), "2014-10-28");
        assert_eq!(st[0].paragraphs.len(), 2);
    }

    #[test]
    fn a_dateline_under_the_title_or_closing_the_statement_dates_it() {
        let main_of = |blocks: &[&str]| {
            let st = statements_of(blocks).0;
            (st[0].date.map(|x| x.to_string()), st[0].paragraphs.len())
        };
        let berlin = [
            "Gespräche in Berlin",
            "Berlin, 12. März 2024",
            "Die Minister erörterten die Beziehungen.",
        ];
        assert_eq!(main_of(&berlin), (Some("2024-03-12".into()), 2));
        let moscow = [
            "Talks in Moscow",
            "The ministers discussed relations.",
            "Moscow, 30 September 2019",
        ];
        assert_eq!(main_of(&moscow), (Some("2019-09-30".into()), 2));
        // A date in the title comes before a closing dateline.
        let both = [
            "Remarks, Sochi, October 16, 2019",
            "The minister spoke.",
            "Moscow, 30 September 2019",
        ];
        assert_eq!(main_of(&both).0.as_deref(), Some("2019-10-16"));
    }

    #[test]
    fn an_upper_case_title_after_the_date_line_is_the_title() {
        let (st, _) = statements_of(&[
            "15 March 2021",
            "STATEMENT BY THE FOREIGN MINISTRY ON COUNTRY X",
            "The Ministry is concerned about the escalation.",
        ]);
        assert_eq!(
            st[0].title,
            "STATEMENT BY THE FOREIGN MINISTRY ON COUNTRY X"
        );
        assert_eq!(st[0].paragraphs.len(), 1);
        // A section label followed by the statement's date line stays a label.
        let (st, _) = statements_of(&[
            "18 October 2019",
            "SPEECHES, INTERVIEWS, ARTICLES",
            "30.09.2019",
            "Remarks at the Security Council",
            "Mr Secretary General,",
        ]);
        assert_eq!(st[0].title, "Remarks at the Security Council");
        assert_eq!(st[0].date.unwrap().to_string(), "2019-09-30");
    }

    #[test]
    fn a_dateline_opening_the_page_is_its_date_line() {
        let (st, d) = statements_of(&[
            "Moscow, 15 March 2021",
            "Statement by the Foreign Ministry on Country X",
            "The Ministry is concerned about the escalation.",
        ]);
        assert_eq!(st[0].date.unwrap().to_string(), "2021-03-15");
        assert_eq!(
            st[0].title,
            "Statement by the Foreign Ministry on Country X"
        );
        assert_eq!(st[0].paragraphs.len(), 1);
        assert!(d.items.is_empty(), "{:?}", d.items);
    }

    #[test]
    fn a_teaser_list_heading_opens_heads_of_any_date_form() {
        let (st, _) = statements_of(&[
            "15 March 2021",
            "Statement on talks",
            "10 March 2021 – the ministers met in Moscow and discussed relations at length.",
            "The talks went on.",
            "LATEST EVENTS",
            "14 March 2021 | Comment on the situation",
            "The Ministry is concerned about the escalation.",
            "2021-03-13 – Condolences over the earthquake",
            "The Ministry expresses its deep condolences.",
        ]);
        // The body keeps its paragraph that opens with a date and a dash (no list is open).
        assert_eq!(st[0].paragraphs.len(), 2);
        let teasers: Vec<(String, &str)> = st[1..]
            .iter()
            .map(|t| (t.date.unwrap().to_string(), t.title.as_str()))
            .collect();
        assert_eq!(
            teasers,
            [
                ("2021-03-14".to_string(), "Comment on the situation"),
                ("2021-03-13".to_string(), "Condolences over the earthquake")
            ]
        );
    }

    #[test]
    fn front_matter_is_the_documents_metadata() {
        let mut d = Diagnostics::default();
        let mut doc = |blocks: &[&str]| {
            let mut p = page(blocks);
            p.format = PageFormat::Document;
            extract_page(&p, &Boilerplate::default(), &mut d).statements
        };
        let st = doc(&[
            "---\ntitle: \"Terms of Use\"\ndate: 2021-03-15T10:00:00+03:00\ntags:\n  - legal\n---",
            "# Terms of Use",
            "These terms govern your use of the service.",
        ]);
        assert_eq!(st[0].title, "Terms of Use");
        assert_eq!(st[0].date.unwrap().to_string(), "2021-03-15");
        let texts: Vec<&str> = st[0].paragraphs.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "# Terms of Use",
                "These terms govern your use of the service."
            ]
        );
        // A rule and text are not front matter: nothing is taken out.
        let st = doc(&["---\nA first line of text.\n---", "More text."]);
        assert_eq!(st[0].paragraphs.len(), 2);
    }

    #[test]
    fn no_body_is_an_error_with_its_reason() {
        let p = page(&["Moscow: 21:06", "Statement of 5 May 2020", "all messages"]);
        let mut d = Diagnostics::default();
        let x = extract_page(&p, &Boilerplate::default(), &mut d);
        assert_eq!(x.statements.len(), 1);
        let e = &d.items[0];
        assert_eq!((e.severity, e.kind.as_str()), (Severity::Error, "no-body"));
        assert!(e.message.contains("link-footer"), "{}", e.message);
    }

    #[test]
    fn one_long_block_is_a_body_without_a_title() {
        let text = "The Ministry notes the talks. ".repeat(20);
        let p = page(&[text.trim()]);
        let mut d = Diagnostics::default();
        let x = extract_page(&p, &Boilerplate::default(), &mut d);
        assert_eq!(x.statements.len(), 1);
        let st = &x.statements[0];
        assert_eq!(st.paragraphs.len(), 1);
        assert_eq!(st.paragraphs[0].text, text.trim());
        assert!(st.title.starts_with("The Ministry notes the talks."));
        assert!(st.title.chars().count() <= TITLE_FROM_BODY + 1);
        assert_eq!(d.items.len(), 1);
        assert_eq!(
            (d.items[0].severity, d.items[0].kind.as_str()),
            (Severity::Warning, "no-title")
        );
    }

    #[test]
    fn only_chrome_is_no_statement_with_counts() {
        let p = page(&["Moscow: 21:06\nLondon: 19:06", "LATEST EVENTS"]);
        let mut d = Diagnostics::default();
        let x = extract_page(&p, &Boilerplate::default(), &mut d);
        assert!(x.statements.is_empty());
        assert_eq!(x.removed.len(), 2);
        let e = &d.items[0];
        assert_eq!(e.kind, "no-statement");
        assert!(
            e.message.contains("1 chrome-lines, 1 section-label"),
            "{}",
            e.message
        );
    }

    #[test]
    fn teasers_take_their_leads() {
        let p = page(&[
            "Title",
            "Body text.",
            "LATEST EVENTS",
            "14.07.2020 - First",
            "Lead one.",
            "Lead one, continued.",
            "13.07.2020 - Second",
            "all messages",
        ]);
        let mut d = Diagnostics::default();
        let st = extract_page(&p, &Boilerplate::default(), &mut d).statements;
        assert_eq!(st.len(), 3);
        assert_eq!(st[1].title, "First");
        assert_eq!(st[1].paragraphs.len(), 2);
        assert_eq!(st[2].paragraphs.len(), 0);
        assert_eq!(st[2].date.unwrap().to_string(), "2020-07-13");
    }
}
