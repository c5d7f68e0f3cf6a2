//! Block roles: every block of a page is labelled first (chrome, label, date line, switcher,
//! title, body, teaser head, teaser lead, footer), then [`super::assemble`] builds statements
//! from the labels. The page is read as zones, top to bottom:
//!
//! ```text
//! header    page date, clocks, contacts, banner, section label, date line, switcher
//! title     the first block after the header
//! body      everything up to the teaser list or the footer
//! teasers   `DD.MM.YYYY - Title` heads with their leads, section labels between them
//! footer    trailing chrome: `all messages`, `Advanced settings`, contact blocks
//! ```
//!
//! Chrome is recognised by its own form everywhere (a block of clock and phone lines, a row of
//! share buttons). Repetition across the corpus ([`Boilerplate`]) is consulted only in the
//! header, teaser and footer zones: inside the body a block is never removed because other pages
//! have it too.

use serde::Serialize;

use super::corpus::Boilerplate;
use super::form;
use crate::markers;
use crate::model::{Block, Page, PageFormat};

/// Where on the page a block stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Zone {
    /// Before the main statement's title.
    Header,
    /// The main statement: its title and body.
    Body,
    /// The teaser list after the body.
    Teasers,
    /// Trailing chrome after the body or the teasers.
    Footer,
}

impl Zone {
    /// Lower-case name (`header`, `body`, `teasers`, `footer`).
    pub fn name(self) -> &'static str {
        match self {
            Zone::Header => "header",
            Zone::Body => "body",
            Zone::Teasers => "teasers",
            Zone::Footer => "footer",
        }
    }
}

/// Why a block was taken for page chrome.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Reason {
    /// Made only of date, clock, phone, e-mail and `Label:` lines (a page header).
    ChromeLines,
    /// Recurs on other pages with only its numbers changed, never in a statement.
    CounterBanner,
    /// Recurs on other pages in the same zone, never in a statement.
    Recurring,
    /// An upper-case section label.
    SectionLabel,
    /// A row of share buttons.
    ShareRow,
    /// A short link-like block ending the page.
    LinkFooter,
    /// In an HTML page's main content before its `<h1>` title (breadcrumbs, kickers).
    BeforeTitle,
    /// Outside an HTML page's main content (site header, menus, sidebars, footer).
    OutsideContent,
    /// A navigation, header, footer, aside, form, hidden or chrome-classed element inside an
    /// HTML page's main content.
    ChromeElement,
}

impl Reason {
    /// Stable machine-readable name.
    pub fn name(self) -> &'static str {
        match self {
            Reason::ChromeLines => "chrome-lines",
            Reason::CounterBanner => "counter-banner",
            Reason::Recurring => "recurring",
            Reason::SectionLabel => "section-label",
            Reason::ShareRow => "share-row",
            Reason::LinkFooter => "link-footer",
            Reason::BeforeTitle => "before-title",
            Reason::OutsideContent => "outside-content",
            Reason::ChromeElement => "chrome-element",
        }
    }

    /// One-line explanation for listings.
    pub fn describe(self) -> &'static str {
        match self {
            Reason::ChromeLines => "only date, clock, phone, e-mail or `Label:` lines",
            Reason::CounterBanner => "recurs on other pages with only its numbers changed",
            Reason::Recurring => "recurs on other pages in the same zone, never in a statement",
            Reason::SectionLabel => "upper-case section label",
            Reason::ShareRow => "row of share buttons",
            Reason::LinkFooter => "short link-like block ending the page",
            Reason::BeforeTitle => "before the page's <h1> title",
            Reason::OutsideContent => "outside the page's main content (site header, menus, sidebars, footer)",
            Reason::ChromeElement => {
                "a navigation, header, footer, aside, form, hidden or chrome-classed element in the main content"
            }
        }
    }
}

/// The role of one block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case", tag = "role", content = "reason")]
pub enum Role {
    /// Page chrome in the header, body or teaser zone.
    Chrome(Reason),
    /// An upper-case section label (`SPEECHES, INTERVIEWS, ARTICLES`).
    Label,
    /// The statement's date line (or an unparseable attempt at one).
    DateLine,
    /// A language switcher line.
    Switcher,
    /// The main statement's title.
    Title,
    /// A body paragraph of the main statement.
    Body,
    /// A teaser head `DD.MM.YYYY - Title`.
    TeaserHead,
    /// A paragraph of the teaser above it.
    TeaserLead,
    /// Trailing chrome after the body or the teasers.
    Footer(Reason),
}

impl Role {
    /// The reason when the block is removed as chrome (chrome, label or footer).
    pub fn removed(self) -> Option<Reason> {
        match self {
            Role::Chrome(r) | Role::Footer(r) => Some(r),
            Role::Label => Some(Reason::SectionLabel),
            _ => None,
        }
    }
}

/// A block's role and zone.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub struct Labelled {
    pub role: Role,
    pub zone: Zone,
}

/// Labels every block of a text or HTML page.
pub fn label_blocks(page: &Page, bp: &Boilerplate) -> Vec<Labelled> {
    let labels = label_with(page, bp, true);
    // Repetition is weaker evidence than a title: when the footer it found would leave the title
    // without a single paragraph (a statement made of short recurring lines, republished), the
    // footer is what its form says, and the rest is body.
    let titled = labels.iter().any(|l| l.role == Role::Title);
    let has_body = labels.iter().any(|l| l.role == Role::Body);
    let by_repetition = labels
        .iter()
        .any(|l| l.role == Role::Footer(Reason::Recurring));
    if titled && !has_body && by_repetition {
        return label_with(page, bp, false);
    }
    labels
}

/// [`label_blocks`], with or without the repetition rules of the footer zone.
fn label_with(page: &Page, bp: &Boilerplate, repetition_footer: bool) -> Vec<Labelled> {
    let blocks = &page.blocks;
    let n = blocks.len();
    let mut out = vec![
        Labelled {
            role: Role::Body,
            zone: Zone::Body,
        };
        n
    ];
    let h = header(page, bp, &mut out);
    let mut has_title = h < n && form::teaser_head(&blocks[h].text).is_none();
    let floor = if has_title { h + 1 } else { h };
    let mut f = footer(page, floor, repetition_footer.then_some(bp), &mut out);
    // A link-like "title" with only footer after it (`all messages`, `Advanced settings` on a
    // page of chrome) is the first footer link, not a statement.
    if has_title
        && f == floor
        && page.format == PageFormat::Text
        && f < n
        && form::is_footer_like(&blocks[h].text)
    {
        out[h] = Labelled {
            role: Role::Footer(Reason::LinkFooter),
            zone: Zone::Footer,
        };
        has_title = false;
        f = h;
    }
    // A list opens at a `DD.MM.YYYY -` head, or at a head of another date form right under a
    // list heading (`LATEST EVENTS`, then `14 March 2021 | Title`).
    // The list starts at its heading when one precedes the first head.
    let teasers_at = (floor..f)
        .find_map(|i| {
            let heading = || i > floor && is_teaser_list_heading(&blocks[i - 1].text, bp);
            if form::teaser_head(&blocks[i].text).is_some() {
                Some(if heading() { i - 1 } else { i })
            } else if heading() && form::loose_teaser_head(&blocks[i].text).is_some() {
                Some(i - 1)
            } else {
                None
            }
        })
        .unwrap_or(f);
    if has_title {
        out[h].role = Role::Title;
        for i in h + 1..teasers_at {
            out[i].role = body_role(&blocks[i].text);
        }
    }
    for i in teasers_at..f {
        out[i] = Labelled {
            role: teaser_zone_role(&blocks[i].text, bp),
            zone: Zone::Teasers,
        };
    }
    out
}

/// The heading of a teaser list, right above its first teaser: an upper-case label (`LATEST
/// EVENTS`), or a short line that recurs above teaser lists of other pages and never in a
/// statement (`Latest news`).
fn is_teaser_list_heading(t: &str, bp: &Boilerplate) -> bool {
    form::is_label(t)
        || (form::is_footer_like(t) && bp.is_recurring_chrome(t) && bp.follows_varied_blocks(t))
}

/// Labels the header zone and returns the index of the first block after it.
fn header(page: &Page, bp: &Boilerplate, out: &mut [Labelled]) -> usize {
    let blocks = &page.blocks;
    // An HTML page states its title (`<h1>`): what its main content has before it is header.
    if page.format == PageFormat::Html {
        if let Some(t) = html_title_index(page) {
            for (i, b) in blocks[..t].iter().enumerate() {
                out[i] = Labelled {
                    role: html_header_role(&b.text),
                    zone: Zone::Header,
                };
            }
            return t;
        }
    }
    let mut dated = false;
    // Recurring short blocks are header chrome only when more header chrome follows them: the
    // last block before the title is never removed for recurring alone.
    let mut tentative: Option<usize> = None;
    let mut i = 0;
    while i < blocks.len() {
        let t = blocks[i].text.as_str();
        let role = match header_role(t, dated, bp) {
            Some(r) => r,
            None => {
                if !dated && form::is_footer_like(t) && bp.is_recurring_chrome(t) {
                    tentative.get_or_insert(i);
                    out[i] = Labelled {
                        role: Role::Chrome(Reason::Recurring),
                        zone: Zone::Header,
                    };
                    i += 1;
                    continue;
                }
                break;
            }
        };
        // After the statement's date line, a block right before a switcher is the title
        // whatever it looks like (the ministry layout: date, title, switcher), and so is a
        // second date line (`29 January 2015` as a title).
        if dated && role != Role::Switcher {
            let before_switcher = blocks
                .get(i + 1)
                .is_some_and(|b| markers::parse_switcher(&b.text).is_some());
            let second_date = role == Role::DateLine && out[i - 1].role == Role::DateLine;
            // An upper-case title (`STATEMENT BY THE FOREIGN MINISTRY ON …`): a section label
            // after the date line is followed by the statement's own date line.
            let caps_title = role == Role::Label
                && blocks
                    .get(i + 1)
                    .is_none_or(|b| form::stated_date(&b.text).is_none());
            if before_switcher || second_date || caps_title {
                break;
            }
        }
        tentative = None;
        dated |= role == Role::DateLine;
        out[i] = Labelled {
            role,
            zone: Zone::Header,
        };
        i += 1;
    }
    match tentative {
        Some(t) => {
            for l in &mut out[t..i] {
                *l = Labelled {
                    role: Role::Body,
                    zone: Zone::Body,
                };
            }
            t
        }
        None => i,
    }
}

/// The role of a header block recognised by form (or, before the date line, as a counter
/// banner); `None` for the title.
fn header_role(t: &str, dated: bool, bp: &Boilerplate) -> Option<Role> {
    if markers::parse_switcher(t).is_some() {
        return Some(Role::Switcher);
    }
    // A revision date (`Updated 13 March 2024`) is the page's, not the statement's.
    if crate::date::is_revision_line(t) {
        return Some(Role::Chrome(Reason::ChromeLines));
    }
    // A dateline (`Moscow, 15 March 2021`) opening the page is its date line too.
    if form::stated_date(t).is_some() || form::bad_date_line(t) {
        return Some(Role::DateLine);
    }
    if form::is_chrome_lines(t) {
        return Some(Role::Chrome(Reason::ChromeLines));
    }
    if form::is_label(t) {
        return Some(Role::Label);
    }
    if form::is_share_row(t) {
        return Some(Role::Chrome(Reason::ShareRow));
    }
    // After the statement's date line comes its title, whatever other pages hold.
    if !dated && bp.is_banner(t) {
        return Some(Role::Chrome(Reason::CounterBanner));
    }
    None
}

/// The title of an HTML page: the block holding `meta.title` (the `<h1>` or `<title>`), placed
/// by the HTML extractor after the date line.
fn html_title_index(page: &Page) -> Option<usize> {
    let title = page.meta.title.as_deref()?;
    page.blocks.iter().position(|b| b.text == title)
}

/// Blocks of an HTML page's main content before its title: switcher and date line (placed there
/// by the extractor) or chrome.
fn html_header_role(t: &str) -> Role {
    if markers::parse_switcher(t).is_some() {
        Role::Switcher
    } else if form::date_line(t).is_some() || form::bad_date_line(t) {
        Role::DateLine
    } else if form::is_label(t) {
        Role::Label
    } else {
        Role::Chrome(Reason::BeforeTitle)
    }
}

/// Labels the footer zone (never below `floor`) and returns its first index. Without corpus
/// statistics only the forms count.
fn footer(page: &Page, floor: usize, bp: Option<&Boilerplate>, out: &mut [Labelled]) -> usize {
    let blocks = &page.blocks;
    let n = blocks.len();
    // An HTML page's footer element is already gone; a short link after its teaser list
    // (`all news`) is still footer, but a short last paragraph of an article is text.
    let after_teasers = blocks[floor.min(n)..]
        .iter()
        .any(|b| form::teaser_head(&b.text).is_some());
    let form_footer_ok = page.format != PageFormat::Html || after_teasers;
    let mut end = n;
    while end > floor {
        let t = blocks[end - 1].text.as_str();
        let Some(reason) = footer_reason(t, end == n && form_footer_ok, bp) else {
            break;
        };
        end -= 1;
        out[end] = Labelled {
            role: Role::Footer(reason),
            zone: Zone::Footer,
        };
    }
    // A run of recurring lines is footer when its first line follows varied blocks (whatever
    // the pages end with), not the next item of a list that a few documents share.
    while end < n
        && out[end].role == Role::Footer(Reason::Recurring)
        && !bp.is_some_and(|bp| bp.follows_varied_blocks(&blocks[end].text))
    {
        out[end] = Labelled {
            role: Role::Body,
            zone: Zone::Body,
        };
        end += 1;
    }
    end
}

/// Why a trailing block is footer chrome, if it is. `last_link_ok`: the block ends the page and
/// may be taken for a link by its form alone. A switcher, a teaser head or a date is never
/// footer: they are metadata or text (dates of one month look alike once digits are masked).
fn footer_reason(t: &str, last_link_ok: bool, bp: Option<&Boilerplate>) -> Option<Reason> {
    if form::loose_teaser_head(t).is_some()
        || markers::parse_switcher(t).is_some()
        || form::date_line(t).is_some()
        || form::bad_date_line(t)
    {
        return None;
    }
    if form::is_contact_block(t) {
        return Some(Reason::ChromeLines);
    }
    if form::is_share_row(t) {
        return Some(Reason::ShareRow);
    }
    if last_link_ok && form::is_footer_like(t) {
        return Some(Reason::LinkFooter);
    }
    // A sentence is statement text however often it recurs (`Thank you.`); footers are links
    // and labels.
    if !form::ends_like_sentence(t) && bp.is_some_and(|bp| bp.is_recurring_chrome(t)) {
        return Some(Reason::Recurring);
    }
    None
}

/// Inside the body only the block's own form counts: a language switcher, a share-button row,
/// a block of clock, phone and e-mail lines. Everything else is a paragraph.
fn body_role(t: &str) -> Role {
    if markers::parse_switcher(t).is_some() {
        Role::Switcher
    } else if form::is_share_row(t) {
        Role::Chrome(Reason::ShareRow)
    } else if form::is_contact_block(t) {
        Role::Chrome(Reason::ChromeLines)
    } else {
        Role::Body
    }
}

/// In the teaser list: heads, leads, section labels, and short lines that recur in teaser lists
/// and footers (`Read more`) but never in a statement.
fn teaser_zone_role(t: &str, bp: &Boilerplate) -> Role {
    if form::loose_teaser_head(t).is_some() {
        Role::TeaserHead
    } else if form::is_label(t) {
        Role::Label
    } else if form::is_share_row(t) {
        Role::Chrome(Reason::ShareRow)
    } else if form::is_contact_block(t) {
        Role::Chrome(Reason::ChromeLines)
    } else if is_teaser_list_heading(t, bp) {
        Role::Chrome(Reason::Recurring)
    } else {
        Role::TeaserLead
    }
}

/// The blocks of a page with their labels (for listings and tests).
pub fn labelled<'a>(page: &'a Page, bp: &Boilerplate) -> Vec<(&'a Block, Labelled)> {
    page.blocks.iter().zip(label_blocks(page, bp)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    use crate::statement::test_pages::titles;

    fn page(format: PageFormat, blocks: &[&str]) -> Page {
        crate::statement::test_pages::page("p.txt", format, blocks)
    }

    fn roles(p: &Page, bp: &Boilerplate) -> Vec<Role> {
        label_blocks(p, bp).into_iter().map(|l| l.role).collect()
    }

    #[test]
    fn embassy_page_zones() {
        let p = page(
            PageFormat::Text,
            &[
                "15 July 2020\nMoscow: 21:06\nLondon: 19:06",
                "Consular queries:\n+44 (0) 203 668 7474",
                "SPEECHES, INTERVIEWS, ARTICLES",
                "30.09.2019",
                "Title of the statement",
                "Mr Secretary General,",
                "Body text of the statement goes here.",
                "LATEST EVENTS",
                "14.07.2020 - Teaser title",
                "Teaser lead text goes here.",
                "all messages",
            ],
        );
        use Role::*;
        assert_eq!(
            roles(&p, &Boilerplate::default()),
            [
                Chrome(Reason::ChromeLines),
                Chrome(Reason::ChromeLines),
                Label,
                DateLine,
                Title,
                Body,
                Body,
                Label,
                TeaserHead,
                TeaserLead,
                Footer(Reason::LinkFooter)
            ]
        );
    }

    #[test]
    fn ministry_page_zones() {
        let p = page(
            PageFormat::Text,
            &[
                "16 October 201912:11",
                "Title",
                "• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1",
                "Title",
                "Other matters",
                "5 February",
                "Thank you.",
                "Other matters",
                "Advanced settings",
            ],
        );
        use Role::*;
        assert_eq!(
            roles(&p, &Boilerplate::default()),
            [
                DateLine,
                Title,
                Switcher,
                Body,
                Body,
                Body,
                Body,
                Body,
                Footer(Reason::LinkFooter)
            ]
        );
    }

    #[test]
    fn after_the_date_line_the_title_may_look_like_anything() {
        use Role::*;
        let bp = Boilerplate::default();
        let switcher = "• en-GB1 fr-FR1";
        for title in [
            "29 January 2015",
            "4 - 15 May 2015",
            "LATEST NEWS",
            "Recommendations:",
        ] {
            let p = page(
                PageFormat::Text,
                &["10 October 201218:57", title, switcher, "Body text here."],
            );
            assert_eq!(roles(&p, &bp), [DateLine, Title, Switcher, Body], "{title}");
        }
        // Without a switcher, a second date line is the title.
        let p = page(
            PageFormat::Text,
            &["30.09.2019", "28 October 2014", "Body."],
        );
        assert_eq!(roles(&p, &bp), [DateLine, Title, Body]);
    }

    #[test]
    fn body_keeps_recurring_text_and_drops_only_forms() {
        let body = |t: &str| body_role(t);
        assert_eq!(body("Agenda item 131"), Role::Body);
        assert_eq!(body("Recommendations:"), Role::Body);
        assert_eq!(body("28 October 2014"), Role::Body);
        assert_eq!(
            body("Share: Facebook Twitter"),
            Role::Chrome(Reason::ShareRow)
        );
        assert_eq!(
            body("Press office:\n+7 499 244 4119\npress@example.org"),
            Role::Chrome(Reason::ChromeLines)
        );
        assert_eq!(body("• en-GB ru-RU"), Role::Switcher);
    }

    #[test]
    fn counter_banner_only_before_the_date_line() {
        let mk = |banner: &str, title: &str| {
            page(
                PageFormat::Text,
                &[
                    "Moscow: 21:06",
                    banner,
                    title,
                    "Some body text follows here.",
                ],
            )
        };
        let pages = [
            mk("864 days have passed since the incident", "First title"),
            mk("593 days have passed since the incident", "Second title"),
        ];
        let bp = Boilerplate::learn(&pages);
        assert_eq!(
            roles(&pages[0], &bp)[..3],
            [
                Role::Chrome(Reason::ChromeLines),
                Role::Chrome(Reason::CounterBanner),
                Role::Title
            ]
        );
        // The same block after a date line is the title.
        assert_eq!(
            header_role("864 days have passed since the incident", true, &bp),
            None
        );
    }

    #[test]
    fn recurring_short_header_block_needs_more_header_after_it() {
        let mk = |title: &str| {
            page(
                PageFormat::Text,
                &[
                    "Embassy news",
                    "12.03.2021",
                    title,
                    "Body text of the page.",
                ],
            )
        };
        let pages: Vec<Page> = titles(20).iter().map(|t| mk(t)).collect();
        let bp = Boilerplate::learn(&pages);
        assert_eq!(
            roles(&pages[0], &bp)[..3],
            [Role::Chrome(Reason::Recurring), Role::DateLine, Role::Title]
        );
        let alone = page(
            PageFormat::Text,
            &["Embassy news", "Body text of the page."],
        );
        assert_eq!(roles(&alone, &bp)[..2], [Role::Title, Role::Body]);
    }

    #[test]
    fn footer_needs_the_last_place_or_recurrence() {
        let bp = Boilerplate::default();
        assert_eq!(
            footer_reason("Advanced settings", true, Some(&bp)),
            Some(Reason::LinkFooter)
        );
        assert_eq!(footer_reason("Other matters", false, Some(&bp)), None);
        assert_eq!(footer_reason("Thank you.", true, Some(&bp)), None);
        assert_eq!(
            footer_reason("Moscow: 21:06\n+7 495 000 00 00", false, Some(&bp)),
            Some(Reason::ChromeLines)
        );
        let pages: Vec<Page> = titles(20)
            .iter()
            .map(|t| {
                page(
                    PageFormat::Text,
                    &[
                        t,
                        "Body text of a page.",
                        "© Ministry, all rights reserved",
                        "x",
                    ],
                )
            })
            .collect();
        let bp = Boilerplate::learn(&pages);
        assert_eq!(
            footer_reason("© Ministry, all rights reserved", false, Some(&bp)),
            Some(Reason::Recurring)
        );
        // A sentence is text however often it ends a page.
        let pages: Vec<Page> = titles(20)
            .iter()
            .map(|t| {
                page(
                    PageFormat::Text,
                    &[t, "Body text of a page.", "Thank you.", "x"],
                )
            })
            .collect();
        let bp = Boilerplate::learn(&pages);
        assert_eq!(footer_reason("Thank you.", false, Some(&bp)), None);
    }

    #[test]
    fn html_short_last_paragraph_is_text() {
        let mut p = page(
            PageFormat::Html,
            &[
                "PRESS RELEASES",
                "2019-10-16",
                "Title",
                "Body text.",
                "Other matters",
            ],
        );
        p.meta.title = Some("Title".into());
        use Role::*;
        assert_eq!(
            roles(&p, &Boilerplate::default()),
            [Label, DateLine, Title, Body, Body]
        );
        p.blocks[0].text = "Home › Press".into();
        assert_eq!(
            roles(&p, &Boilerplate::default())[0],
            Chrome(Reason::BeforeTitle)
        );
    }

    #[test]
    fn teaser_zone_roles() {
        let bp = Boilerplate::default();
        assert_eq!(teaser_zone_role("01.02.2020 - T", &bp), Role::TeaserHead);
        assert_eq!(teaser_zone_role("LATEST EVENTS", &bp), Role::Label);
        assert_eq!(teaser_zone_role("Lead text.", &bp), Role::TeaserLead);
    }
}
