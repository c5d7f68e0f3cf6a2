//! What a single block looks like, judged from its own text only: date lines, clock, phone and
//! e-mail lines, upper-case section labels, share-button rows, short link-like footers, teaser
//! heads, running text. These are the only tests allowed inside a statement's body; the corpus
//! statistics of [`super::corpus`] are consulted in the header, teaser and footer zones only.

use crate::date;
use crate::model::{Date, Time};
use crate::text::is_letter;

/// What one line of a block is, when it is a kind of line that page chrome is made of.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ChromeLine {
    /// Blank (only possible inside a block after normalisation removed everything).
    Empty,
    /// A date, possibly with a time (`15 July 2020`, `16 October 201912:11`).
    Date,
    /// A place and a time: `Moscow: 21:06`.
    Clock,
    /// A short label alone: `Consular queries:`.
    Label,
    /// Mostly digits, at least seven of them: `+44 (0) 203 668 7474`.
    Phone,
    /// An e-mail address or URL on its own, possibly after a short label.
    Contact,
}

/// The kind of chrome line `line` is, if it is one.
pub fn chrome_line(line: &str) -> Option<ChromeLine> {
    let l = line.trim();
    if l.is_empty() {
        return Some(ChromeLine::Empty);
    }
    if date::parse_date_line(l).is_some() {
        return Some(ChromeLine::Date);
    }
    if is_clock_line(l) {
        return Some(ChromeLine::Clock);
    }
    if l.ends_with(':') && l.split_whitespace().count() <= 4 {
        return Some(ChromeLine::Label);
    }
    if is_phone_line(l) {
        return Some(ChromeLine::Phone);
    }
    let last = l.split_whitespace().last().unwrap_or("");
    if (last.contains('@') && last.contains('.')
        || last.starts_with("http://")
        || last.starts_with("https://")
        || last.starts_with("www."))
        && l.split_whitespace().count() <= 3
    {
        return Some(ChromeLine::Contact);
    }
    None
}

/// `Moscow: 21:06`: a short place name, a colon, a time.
fn is_clock_line(l: &str) -> bool {
    let Some((name, rest)) = l.split_once(':') else {
        return false;
    };
    let rest = rest.trim();
    let is_time = rest.len() <= 5
        && rest.contains([':', '.'])
        && rest
            .chars()
            .all(|c| c.is_ascii_digit() || c == ':' || c == '.');
    is_time
        && name.chars().count() <= 30
        && name
            .chars()
            .all(|c| is_letter(c) || c == ' ' || c == '-' || c == '.')
}

/// A phone number, possibly after a short label (`Tel.: +7 495 244 4119`): at least seven
/// digits and nothing but digits, spaces and `+()-./` after the label. Letters among the digits
/// make a date range (`4 - 15 May 2015`) or a code (`2013-041A`), not a phone.
fn is_phone_line(l: &str) -> bool {
    let number = match l.rsplit_once(':') {
        Some((label, n)) if label.chars().count() <= 12 => n,
        _ => l,
    };
    number.chars().filter(|c| c.is_ascii_digit()).count() >= 7
        && number
            .chars()
            .all(|c| c.is_ascii_digit() || " +()-./".contains(c))
}

/// Every line of the block is a chrome line (the page header: page date, clocks, `Consular
/// queries:`, phone, e-mail).
pub fn is_chrome_lines(text: &str) -> bool {
    text.lines().all(|l| chrome_line(l).is_some())
}

/// A contact or clock block: at least two lines, every one a chrome line, and at least one of
/// them a clock, phone or e-mail line. Stricter than [`is_chrome_lines`] because it is also
/// applied inside a body, where a date standing alone (`5 February 2015`), a lone
/// `Recommendations:` or a number shaped like a phone (`2013-041A`) is text.
pub fn is_contact_block(text: &str) -> bool {
    if text.lines().count() < 2 {
        return false;
    }
    let mut strong = false;
    for l in text.lines() {
        match chrome_line(l) {
            None => return false,
            Some(ChromeLine::Clock | ChromeLine::Phone | ChromeLine::Contact) => strong = true,
            Some(_) => {}
        }
    }
    strong
}

/// An upper-case section label (`SPEECHES, INTERVIEWS, ARTICLES`, `LATEST EVENTS`).
pub fn is_label(text: &str) -> bool {
    let letters: Vec<char> = text.chars().filter(|&c| is_letter(c)).collect();
    letters.len() >= 3
        && !text.contains('\n')
        && text.chars().count() <= 80
        && letters.iter().all(|c| !c.is_lowercase())
}

/// True when a text ends like a sentence (or a clause: `,` `;` `:` count too).
pub fn ends_like_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['"', '\'', '»', '”', '“', '’', ')', ']'])
        .ends_with(['.', '!', '?', '…', ':', ';', ','])
}

/// A short link-like block (`all messages`, `Advanced settings`): at most four words and
/// [`FOOTER_CHARS`] characters, one line, no sentence punctuation, no digits.
pub fn is_footer_like(text: &str) -> bool {
    text.chars().nth(FOOTER_CHARS).is_none()
        && text.split_whitespace().count() <= 4
        && !text.contains('\n')
        && !ends_like_sentence(text)
        && !text.chars().any(|c| c.is_ascii_digit())
}

/// The longest link label taken for page chrome by its form alone: four words of a link or a
/// menu, not a run of thousands of letters (a text that lost its spaces is text).
const FOOTER_CHARS: usize = 100;

/// Names of share services and share verbs, in the five languages (lower case).
const SHARE_WORDS: &[&str] = &[
    "share",
    "tweet",
    "print",
    "e-mail",
    "email",
    "mail",
    "facebook",
    "twitter",
    "x",
    "vk",
    "vkontakte",
    "telegram",
    "whatsapp",
    "viber",
    "linkedin",
    "odnoklassniki",
    "ok",
    "livejournal",
    "reddit",
    "pinterest",
    "teilen",
    "drucken",
    "partager",
    "imprimer",
    "compartir",
    "imprimir",
    "поделиться",
    "вк",
    "одноклассники",
    "телеграм",
    "печать",
    "версия",
    "для",
    "печати",
];

/// A row of share buttons (`Share: Facebook Twitter VK Telegram`): one line of at most eight
/// words, every word a share service or verb, at least two words. A statement never consists
/// of such a line; a share bar left inside an article does.
pub fn is_share_row(text: &str) -> bool {
    if text.contains('\n') {
        return false;
    }
    let words: Vec<String> = text
        .split(|c: char| c.is_whitespace() || "|•·,/:".contains(c))
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    (2..=8).contains(&words.len()) && words.iter().all(|w| SHARE_WORDS.contains(&w.as_str()))
}

/// Running text: at least four words ending like a sentence, not made of chrome lines. The
/// stretch of a page from its first to its last running-text block (before any teaser list) is
/// where statement text lives; the corpus statistics use it to tell body text from chrome.
pub fn is_running_text(text: &str) -> bool {
    text.split_whitespace().count() >= 4
        && ends_like_sentence(text)
        && !is_chrome_lines(text)
        && teaser_head(text).is_none()
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

/// A teaser head in any date form with a separator (`14 March 2021 | Title`, `2021-03-11 –
/// Title`, `14.03.2021 - Title`): (date text, title). A teaser list uses it once an upper-case
/// label or a recurring list heading has opened the list; a body paragraph may open the same
/// way (`10 March 2024 – Today the ministers …`), so outside a list only [`teaser_head`]'s
/// `DD.MM.YYYY -` form starts one.
pub fn loose_teaser_head(text: &str) -> Option<(&str, &str)> {
    if let Some(h) = teaser_head(text) {
        return Some(h);
    }
    if text.contains('\n') {
        return None;
    }
    // The date opens the line: only its first characters are searched.
    let head = text
        .char_indices()
        .nth(48)
        .map_or(text, |(i, _)| &text[..i]);
    let m = date::find_dates(head).into_iter().next()?;
    if m.span.start != 0 {
        return None;
    }
    let rest = text[m.span.end..].trim_start();
    let title = rest.strip_prefix(['-', '–', '—', '|'])?.trim_start();
    (!title.is_empty()).then(|| (&text[..m.span.end], title))
}

/// Date and time of a one-line block that is exactly a date.
pub fn date_line(text: &str) -> Option<(Date, Option<Time>)> {
    if text.contains('\n') {
        return None;
    }
    date::parse_date_line(text.trim())
}

/// A dateline: a place and a date (`Berlin, 12. März 2024`, `Moscow, 30 September 2019`), a
/// line of at most 60 characters whose part before the first comma is one to three words, the
/// first capitalised, without digits.
pub fn dateline(text: &str) -> Option<(Date, Option<Time>)> {
    if text.contains('\n') || text.chars().count() > 60 {
        return None;
    }
    let (place, rest) = text.split_once(',')?;
    let place = place.trim();
    let words = place.split_whitespace().count();
    if !(1..=3).contains(&words)
        || !place.chars().next().is_some_and(char::is_uppercase)
        || place.chars().any(|c| c.is_ascii_digit())
        || crate::date::is_weekday_word(place)
    {
        return None;
    }
    date_line(rest.trim())
}

/// The date of a block that states one on its own: a date line or a dateline.
pub fn stated_date(text: &str) -> Option<(Date, Option<Time>)> {
    date_line(text).or_else(|| dateline(text))
}

/// A one-line block that tries to be a date but does not parse (`31.02.2020`, `16 Octobr
/// 2019`): reported, never guessed.
pub fn bad_date_line(text: &str) -> bool {
    !text.contains('\n')
        && text.chars().count() <= 40
        && date_line(text).is_none()
        && date::looks_like_date(text)
}

/// The last date written inside a title (`…, Sochi, October 16, 2019`).
pub fn date_in_text(text: &str) -> Option<(Date, Option<Time>)> {
    date::find_dates(text).last().map(|m| (m.date, m.time))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn datelines() {
        let d = |t: &str| dateline(t).map(|x| x.0.to_string());
        assert_eq!(d("Berlin, 12. März 2024").as_deref(), Some("2024-03-12"));
        assert_eq!(
            d("Moscow, 30 September 2019").as_deref(),
            Some("2019-09-30")
        );
        assert_eq!(
            d("Nueva York, 5 de marzo de 2015").as_deref(),
            Some("2015-03-05")
        );
        assert_eq!(
            d("Москва, 12 марта 2024 года").as_deref(),
            Some("2024-03-12")
        );
        // Not a place: a sentence, a number, a lower-case start.
        assert_eq!(d("We met on Monday, 12 March 2024"), None);
        assert_eq!(d("Item 5, 12 March 2024"), None);
        assert_eq!(d("in Berlin, 12 March 2024"), None);
        assert_eq!(d("Tuesday, 13 September 2016"), None);
        assert_eq!(d("Вторник, 13 сентября 2016"), None);
    }

    #[test]
    fn chrome_lines() {
        assert_eq!(chrome_line("Moscow: 21:06"), Some(ChromeLine::Clock));
        assert_eq!(chrome_line("Consular queries:"), Some(ChromeLine::Label));
        assert_eq!(chrome_line("+44 (0) 203 668 7474"), Some(ChromeLine::Phone));
        assert_eq!(chrome_line("info@example.org"), Some(ChromeLine::Contact));
        assert_eq!(chrome_line("15 July 2020"), Some(ChromeLine::Date));
        assert_eq!(chrome_line("Mr Bortnikov,"), None);
        assert_eq!(
            chrome_line("The theme this year is counterterrorism."),
            None
        );
        assert_eq!(chrome_line("Distr.: General"), None);
        assert_eq!(
            chrome_line("Tel.: +7 495 244 4119"),
            Some(ChromeLine::Phone)
        );
        assert_eq!(chrome_line("4 - 15 May 2015"), None);
        assert_eq!(chrome_line("2013-041A"), None);
    }

    #[test]
    fn contact_blocks_need_a_clock_phone_or_address() {
        assert!(is_contact_block(
            "15 July 2020\nMoscow: 21:06\nLondon: 19:06"
        ));
        assert!(is_contact_block("Consular queries:\n+44 (0) 203 668 7474"));
        // A date or a label alone is text inside a body.
        assert!(!is_contact_block("5 February 2015"));
        assert!(!is_contact_block("Recommendations:"));
        assert!(!is_contact_block("2013-041A"));
        assert!(!is_contact_block("+44 (0) 203 668 7474"));
        assert!(is_chrome_lines("Recommendations:"));
    }

    #[test]
    fn labels() {
        assert!(is_label("SPEECHES, INTERVIEWS, ARTICLES"));
        assert!(is_label("LATEST EVENTS"));
        assert!(!is_label("UN"));
        assert!(!is_label("Other matters"));
    }

    #[test]
    fn footer_like() {
        assert!(is_footer_like("all messages"));
        assert!(is_footer_like("Advanced settings"));
        assert!(!is_footer_like("Thank you."));
        assert!(!is_footer_like("Agenda item 131"));
        assert!(!is_footer_like("I wish all of you every success."));
        // A text that lost its spaces is text, not a link label.
        assert!(!is_footer_like(&"x".repeat(5_000)));
    }

    #[test]
    fn share_rows() {
        assert!(is_share_row("Share: Facebook Twitter VK Telegram"));
        assert!(is_share_row("Facebook | Twitter | Print"));
        assert!(is_share_row("Поделиться: ВК Telegram"));
        assert!(is_share_row("Версия для печати | Telegram"));
        assert!(!is_share_row("Share"));
        assert!(!is_share_row("Share this with your friends on Facebook."));
    }

    #[test]
    fn running_text() {
        assert!(is_running_text(
            "The theme this year is essential for preserving peace."
        ));
        assert!(is_running_text("The Economic and Social Council,"));
        assert!(!is_running_text("Other matters"));
        assert!(!is_running_text("Thank you."));
        assert!(!is_running_text(
            "864 days have passed since the Salisbury incident - no credible information"
        ));
        assert!(!is_running_text(
            "14.07.2020 - Statement on the events of today."
        ));
    }

    #[test]
    fn teaser_heads() {
        assert_eq!(
            teaser_head("14.07.2020 - Foreign Ministry statement"),
            Some(("14.07.2020", "Foreign Ministry statement"))
        );
        assert_eq!(teaser_head("14.07.2020"), None);
        assert_eq!(teaser_head("In 2020 - x"), None);
        assert_eq!(
            loose_teaser_head("14 March 2021 | Comment on the situation"),
            Some(("14 March 2021", "Comment on the situation"))
        );
        assert_eq!(
            loose_teaser_head("2021-03-11 – Statement"),
            Some(("2021-03-11", "Statement"))
        );
        assert_eq!(loose_teaser_head("In 2020 - x"), None);
        assert_eq!(loose_teaser_head("14 March 2021 was a turning point"), None);
    }

    #[test]
    fn dates() {
        assert!(date_line("16 October 201912:11").is_some());
        assert!(date_line("30.09.2019").is_some());
        assert!(date_line("5 February").is_none());
        assert!(bad_date_line("31.02.2020"));
        assert!(!bad_date_line("Other matters"));
        assert_eq!(
            date_in_text("Remarks, Sochi, October 16, 2019").map(|d| d.0.to_string()),
            Some("2019-10-16".to_string())
        );
    }
}
