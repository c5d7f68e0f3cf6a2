//! Dates and times in de/en/es/fr/ru as written on statement pages.
//!
//! Pages carry their date as a line of its own (`16 October 201912:11`, `30.09.2019`,
//! `Mittwoch, 16. Oktober 2019`), as a teaser prefix (`14.07.2020 - Title`) and inside titles
//! (`Sochi, October 16, 2019`). Grouping language versions relies on these dates, so the parser
//! is strict about validity (31.02.2020 is rejected, and [`looks_like_date`] lets callers report
//! it) and lenient about spelling: month names in all five languages, all Russian cases, with or
//! without accents, abbreviated with or without a dot, case-insensitively.
//!
//! One hand-written scanner serves all three entry points: [`scan_at`] reads one date shape at a
//! position and returns the raw numbers without checking them, so the same code decides "this
//! is a date" ([`parse_date_line`], [`find_dates`]) and "this is a date attempt"
//! ([`looks_like_date`]).

use crate::text::{is_letter, is_letter_or_digit};
use std::ops::Range;

use crate::model::{Date, Lang, Time};

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    pub date: Date,
    pub time: Option<Time>,
    /// Byte range of the whole match (date and glued time) in the searched text.
    pub span: Range<usize>,
}

/// Parses a line that is exactly a date, optionally followed by a time (possibly glued to the
/// year, `16 October 201912:11`). Returns `None` when the line is not (only) a date.
pub fn parse_date_line(line: &str) -> Option<(Date, Option<Time>)> {
    let (raw, time, end) = scan_line(line)?;
    if end != line.trim_end().len() {
        return None;
    }
    let date = Date::new(raw.year, raw.month, raw.day)?;
    Some((date, time))
}

/// True when the line looks like a date line (a day, a month word or number, a year) even if it
/// cannot be parsed to a valid date; used to report unparseable dates instead of guessing.
pub fn looks_like_date(line: &str) -> bool {
    match scan_line(line) {
        Some((_, _, end)) => end == line.trim_end().len(),
        None => looks_like_misspelt(line),
    }
}

/// Finds every date written inside running text (`Sochi, October 16, 2019`, `le 16 octobre 2019`).
pub fn find_dates(text: &str) -> Vec<DateMatch> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut prev: Option<char> = None;
    while i < bytes.len() {
        let c = char_at(text, i);
        let word_start = is_letter_or_digit(c) && !prev.is_some_and(is_letter_or_digit);
        if word_start {
            if let Some((raw, end)) = scan_at(text, i) {
                if let Some(date) = Date::new(raw.year, raw.month, raw.day) {
                    let (time, end) = scan_time_after(text, end, raw.glued_time);
                    let end = time.map_or(end, |(_, e)| e);
                    let boundary_ok = !text[end..].starts_with(|d: char| is_letter_or_digit(d));
                    if boundary_ok {
                        out.push(DateMatch {
                            date,
                            time: time.map(|(t, _)| t),
                            span: i..end,
                        });
                        prev = text[..end].chars().next_back();
                        i = end;
                        continue;
                    }
                }
            }
        }
        prev = Some(c);
        i += c.len_utf8();
    }
    out
}

/// The full month name (1–12) as written in running text: Russian in the genitive
/// (`октября`), the others in the nominative (`Oktober`, `octubre`).
pub fn month_name(lang: Lang, month: u8) -> &'static str {
    let m = usize::from(month - 1);
    match lang {
        Lang::En => EN_MONTHS[m],
        Lang::De => DE_MONTHS[m],
        Lang::Es => ES_MONTHS[m],
        Lang::Fr => FR_MONTHS[m],
        Lang::Ru => RU_MONTHS_GEN[m],
    }
}

/// Writes `date` the way a page in `lang` writes it (`16. Oktober 2019`, `16 de octubre de
/// 2019`, `1er octobre 2019`, `16 октября 2019 г.`). [`parse_date_line`] reads it back.
pub fn format_date(date: Date, lang: Lang) -> String {
    let m = usize::from(date.month - 1);
    let (d, y) = (date.day, date.year);
    match lang {
        Lang::En => format!("{d} {} {y}", EN_MONTHS[m]),
        Lang::De => format!("{d}. {} {y}", DE_MONTHS[m]),
        Lang::Es => format!("{d} de {} de {y}", ES_MONTHS[m]),
        Lang::Fr if d == 1 => format!("1er {} {y}", FR_MONTHS[m]),
        Lang::Fr => format!("{d} {} {y}", FR_MONTHS[m]),
        Lang::Ru => format!("{d} {} {y} г.", RU_MONTHS_GEN[m]),
    }
}

/// The language a date line is written in, when its month name tells: `19 February 2010` is
/// English, `6 января 2021 г.` Russian, `4 de enero de 2021` Spanish; `None` when no full month
/// name belongs to one language only (`April` and `November` are English and German alike;
/// `12.03.2021` has no name).
pub fn date_language(line: &str) -> Option<Lang> {
    let tables: [(Lang, &[&str; 12]); 4] = [
        (Lang::En, &EN_MONTHS),
        (Lang::De, &DE_MONTHS),
        (Lang::Es, &ES_MONTHS),
        (Lang::Fr, &FR_MONTHS),
    ];
    for w in line
        .split(|c: char| !is_letter(c))
        .filter(|w| w.chars().count() >= 3)
    {
        let f = fold(w);
        if month_ru(&f).is_some() {
            return Some(Lang::Ru);
        }
        let mut langs = tables
            .iter()
            .filter(|(_, names)| names.iter().any(|n| fold(n) == f))
            .map(|(l, _)| *l);
        if let (Some(l), None) = (langs.next(), langs.next()) {
            return Some(l);
        }
    }
    None
}

const EN_MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DE_MONTHS: [&str; 12] = [
    "Januar",
    "Februar",
    "März",
    "April",
    "Mai",
    "Juni",
    "Juli",
    "August",
    "September",
    "Oktober",
    "November",
    "Dezember",
];
const ES_MONTHS: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];
const FR_MONTHS: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const RU_MONTHS_GEN: [&str; 12] = [
    "января",
    "февраля",
    "марта",
    "апреля",
    "мая",
    "июня",
    "июля",
    "августа",
    "сентября",
    "октября",
    "ноября",
    "декабря",
];

/// A date shape as written, before validity checks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct RawDate {
    year: i32,
    month: u8,
    day: u8,
    /// A time glued to the year (`201912:11`) was read.
    glued_time: Option<Time>,
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or('\0')
}

/// Lower-cases and folds accents so `Février`, `fevrier`, `MÄRZ`, `Août` and `ёлка` compare equal
/// to their plain forms.
fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => 'a',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'í' | 'î' | 'ï' | 'ì' => 'i',
            'ó' | 'ô' | 'ö' | 'ò' | 'õ' => 'o',
            'ú' | 'û' | 'ü' | 'ù' => 'u',
            'ç' => 'c',
            'ñ' => 'n',
            'ё' => 'е',
            c => c,
        })
        .collect()
}

/// Month number of a (folded) month word in any of the five languages, full or abbreviated.
fn month_of(w: &str) -> Option<u8> {
    let m = match w {
        "january" | "jan" | "januar" | "janner" | "enero" | "ene" | "janvier" | "janv" => 1,
        "february" | "feb" | "febr" | "februar" | "febrero" | "fevrier" | "fevr" | "fev" => 2,
        "march" | "mar" | "marz" | "maerz" | "mrz" | "marzo" | "mars" => 3,
        "april" | "apr" | "abril" | "abr" | "avril" | "avr" => 4,
        "may" | "mai" | "mayo" => 5,
        "june" | "jun" | "juni" | "junio" | "juin" => 6,
        "july" | "jul" | "juli" | "julio" | "juillet" | "juil" => 7,
        "august" | "aug" | "agosto" | "ago" | "aout" => 8,
        "september" | "sep" | "sept" | "septiembre" | "setiembre" | "set" | "septembre" => 9,
        "october" | "oct" | "oktober" | "okt" | "octubre" | "octobre" => 10,
        "november" | "nov" | "noviembre" | "novembre" => 11,
        "december" | "dec" | "dezember" | "dez" | "diciembre" | "dic" | "decembre" => 12,
        _ => return month_ru(w),
    };
    Some(m)
}

/// Russian months in every case (`октябрь`, `октября`, `октябре`, `октябрём`) and abbreviations.
fn month_ru(w: &str) -> Option<u8> {
    const STEMS: [(&str, u8); 12] = [
        ("январ", 1),
        ("феврал", 2),
        ("март", 3),
        ("апрел", 4),
        ("ма", 5),
        ("июн", 6),
        ("июл", 7),
        ("август", 8),
        ("сентябр", 9),
        ("октябр", 10),
        ("ноябр", 11),
        ("декабр", 12),
    ];
    const ABBR: [(&str, u8); 16] = [
        ("янв", 1),
        ("фев", 2),
        ("февр", 2),
        ("мар", 3),
        ("апр", 4),
        ("июн", 6),
        ("июл", 7),
        ("авг", 8),
        ("сен", 9),
        ("сент", 9),
        ("окт", 10),
        ("ноя", 11),
        ("нояб", 11),
        ("дек", 12),
        ("май", 5),
        ("мая", 5),
    ];
    if let Some(&(_, m)) = ABBR.iter().find(|(a, _)| *a == w) {
        return Some(m);
    }
    for (stem, m) in STEMS {
        if let Some(end) = w.strip_prefix(stem) {
            let ok = match m {
                3 | 8 => matches!(end, "" | "а" | "е" | "у" | "ом"),
                5 => matches!(end, "й" | "я" | "е" | "ю" | "ем"),
                _ => matches!(end, "ь" | "я" | "е" | "ю" | "ем"),
            };
            if ok {
                return Some(m);
            }
        }
    }
    None
}

/// The end of a publication label at `i` (with its colon and the spaces after it), if one
/// starts there: `Published`, `Published on`, `Posted on`, `Date:`, `Publié le`,
/// `Veröffentlicht am`, `Datum:`, `Publicado el`, `Fecha:`, `Опубликовано`, `Дата публикации:`.
fn label_end(line: &str, i: usize) -> Option<usize> {
    // (first word, optional second word); folded as `word` folds.
    const LABELS: &[(&str, &[&str])] = &[
        ("published", &["on"]),
        ("posted", &["on"]),
        ("date", &[]),
        ("publie", &["le"]),
        ("veroffentlicht", &["am"]),
        ("datum", &[]),
        ("publicado", &["el"]),
        ("fecha", &[]),
        ("опубликовано", &[]),
        ("дата", &["публикации"]),
    ];
    labelled_end(line, i, LABELS)
}

/// A line that is a revision date (`Updated 13 March 2024`, `Last updated: 13.03.2024`, `Mis
/// à jour le …`, `Aktualisiert am …`, `Actualizado el …`, `Обновлено …`): page metadata, not
/// the statement's date.
pub fn is_revision_line(line: &str) -> bool {
    const LABELS: &[(&str, &[&str])] = &[
        ("updated", &["on"]),
        ("last", &["updated", "modified"]),
        ("modified", &["on"]),
        ("mis", &["a"]),
        ("aktualisiert", &["am"]),
        ("actualizado", &["el"]),
        ("обновлено", &[]),
        ("изменено", &[]),
    ];
    let i = ws(line, 0);
    let Some(mut e) = labelled_end(line, i, LABELS) else {
        return false;
    };
    // `Mis à jour le`, `Last updated on`: the rest of a longer label.
    for rest in ["jour", "le", "on"] {
        if let Some((w, e2)) = word(line, e) {
            if w == rest {
                e = ws(line, e2);
                e = eat(line, e, ":").map_or(e, |x| ws(line, x));
            }
        }
    }
    e < line.len()
        && scan_line(&line[e..]).is_some_and(|(_, _, end)| e + end == line.trim_end().len())
}

/// The end of a label of `labels` at `i` (first word, optional second word), with its colon and
/// the spaces after it, when something follows.
fn labelled_end(line: &str, i: usize, labels: &[(&str, &[&str])]) -> Option<usize> {
    let (w, mut e) = word(line, i)?;
    let (_, second) = labels.iter().find(|(l, _)| *l == w)?;
    let after = ws(line, e);
    if let Some((w2, e2)) = word(line, after) {
        if second.contains(&w2.as_str()) {
            e = e2;
        }
    }
    let e = ws(line, e);
    let e = eat(line, e, ":").map_or(e, |e| ws(line, e));
    // Something must follow (a date, checked by the caller).
    (e > i && e < line.len()).then_some(e)
}

/// True when `text` is one word naming a day of the week, in any of the five languages.
pub(crate) fn is_weekday_word(text: &str) -> bool {
    let t = text.trim();
    word(t, 0).is_some_and(|(w, e)| e == t.len() && is_weekday(&w))
}

fn is_weekday(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "montag"
            | "dienstag"
            | "mittwoch"
            | "donnerstag"
            | "freitag"
            | "samstag"
            | "sonnabend"
            | "sonntag"
            | "lunes"
            | "martes"
            | "miercoles"
            | "jueves"
            | "viernes"
            | "sabado"
            | "domingo"
            | "lundi"
            | "mardi"
            | "mercredi"
            | "jeudi"
            | "vendredi"
            | "samedi"
            | "dimanche"
            | "понедельник"
            | "вторник"
            | "среда"
            | "среду"
            | "четверг"
            | "пятница"
            | "пятницу"
            | "суббота"
            | "субботу"
            | "воскресенье"
    )
}

/// Reads ASCII digits at `i`: (value, digit count, end).
fn digits(text: &str, i: usize) -> Option<(u32, usize, usize)> {
    let b = text.as_bytes();
    let mut j = i;
    let mut v: u32 = 0;
    while j < b.len() && b[j].is_ascii_digit() && j - i < 9 {
        v = v * 10 + u32::from(b[j] - b'0');
        j += 1;
    }
    (j > i).then_some((v, j - i, j))
}

/// Reads an alphabetic word at `i`: (folded word, end).
fn word(text: &str, i: usize) -> Option<(String, usize)> {
    let rest = &text[i..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| !is_letter(c))
        .map_or(rest.len(), |(k, _)| k);
    (end > 0).then(|| (fold(&rest[..end]), i + end))
}

/// Skips spaces (including NO-BREAK SPACE) at `i`.
fn ws(text: &str, mut i: usize) -> usize {
    while i < text.len() {
        let c = char_at(text, i);
        if c == ' ' || c == '\t' || c == '\u{a0}' || c == '\u{202f}' {
            i += c.len_utf8();
        } else {
            break;
        }
    }
    i
}

fn eat(text: &str, i: usize, s: &str) -> Option<usize> {
    text[i..].starts_with(s).then_some(i + s.len())
}

/// A month word at `i` (optionally followed by a dot): (month, end).
fn month_word(text: &str, i: usize) -> Option<(u8, usize)> {
    let (w, end) = word(text, i)?;
    let m = month_of(&w)?;
    Some((m, eat(text, end, ".").unwrap_or(end)))
}

/// A four-digit year at `i`, possibly with a time glued to it (`201912:11`).
fn year(text: &str, i: usize) -> Option<(i32, Option<Time>, usize)> {
    let (_, n, end) = digits(text, i)?;
    if n == 4 {
        let (y, _, _) = digits(&text[..i + 4], i)?;
        return Some((y as i32, None, end));
    }
    if (5..=6).contains(&n) {
        // `201912:11` / `20199:05`: the digits after the year are the hour of a glued time.
        let (y, _, _) = digits(&text[..i + 4], i)?;
        let (t, tend) = time_at(text, i + 4)?;
        return Some((y as i32, Some(t), tend));
    }
    None
}

/// Day number with optional ordinal suffix (`1er`, `16th`, `3-го`): (day, end).
fn day(text: &str, i: usize) -> Option<(u8, usize)> {
    let (d, n, mut end) = digits(text, i)?;
    if n > 2 {
        return None;
    }
    for suf in [
        "er", "re", "st", "nd", "rd", "th", "-го", "-е", "º", "°", "o",
    ] {
        if let Some(e) = eat(text, end, suf) {
            if !is_letter_or_digit(char_at(text, e)) {
                end = e;
                break;
            }
        }
    }
    Some((d as u8, end))
}

/// Reads one date shape at `i`; no validity checks (month 13 and 31 February pass).
fn scan_at(text: &str, i: usize) -> Option<(RawDate, usize)> {
    let raw = |year, month, day, glued_time| RawDate {
        year,
        month,
        day,
        glued_time,
    };
    let first = char_at(text, i);
    if first.is_ascii_digit() {
        let (v, n, end) = digits(text, i)?;
        // ISO 2019-10-16.
        if n == 4 {
            let e = eat(text, end, "-")?;
            let (m, mn, e) = digits(text, e)?;
            let e2 = eat(text, e, "-")?;
            let (d, dn, e2) = digits(text, e2)?;
            if mn > 2 || dn > 2 {
                return None;
            }
            return Some((raw(v as i32, m as u8, d as u8, None), e2));
        }
        if n > 2 {
            return None;
        }
        // Numeric 16.10.2019, 16/10/2019, 16-10-2019.
        for sep in [".", "/", "-"] {
            if let Some(e) = eat(text, end, sep) {
                if let Some((m, mn, e)) = digits(text, e) {
                    if mn <= 2 {
                        let e = eat(text, e, sep)?;
                        let (y, t, e) = year(text, e)?;
                        return Some((raw(y, m as u8, v as u8, t), e));
                    }
                }
            }
        }
        // Day first: 16 October 2019, 16. Oktober 2019, 16 de octubre de 2019, 1er octobre.
        let (d, mut e) = day(text, i)?;
        e = eat(text, e, ".").unwrap_or(e);
        e = ws(text, e);
        if let Some(x) = eat(text, e, "de ") {
            e = ws(text, x);
        }
        let (m, e) = month_word(text, e)?;
        let mut e = eat(text, e, ",").unwrap_or(e);
        e = ws(text, e);
        if let Some(x) = eat(text, e, "de ").or_else(|| eat(text, e, "del ")) {
            e = ws(text, x);
        }
        let (y, t, e) = year(text, e)?;
        return Some((raw(y, m, d, t), e));
    }
    if is_letter(first) {
        // Month first: October 16, 2019 / Oct. 16 2019.
        let (m, e) = month_word(text, i)?;
        let e = ws(text, e);
        let (d, e) = day(text, e)?;
        let e = eat(text, e, ",").unwrap_or(e);
        let e = ws(text, e);
        let (y, t, e) = year(text, e)?;
        return Some((raw(y, m, d, t), e));
    }
    None
}

/// A time `12:11`, `12.11`, `12h11` at `i`, with an optional `Uhr`/`h`/`ч.` unit: (time, end).
fn time_at(text: &str, i: usize) -> Option<(Time, usize)> {
    let (h, hn, e) = digits(text, i)?;
    if hn > 2 {
        return None;
    }
    let c = char_at(text, e);
    if !matches!(c, ':' | '.' | 'h' | 'H') {
        return None;
    }
    let (m, mn, mut e) = digits(text, e + 1)?;
    if mn != 2 || h > 23 || m > 59 {
        return None;
    }
    let after = ws(text, e);
    for unit in ["Uhr", "uhr", "h", "ч.", "ч", "hrs", "hs"] {
        if let Some(x) = eat(text, after, unit) {
            if !is_letter_or_digit(char_at(text, x)) {
                e = x;
                break;
            }
        }
    }
    Some((
        Time {
            hour: h as u8,
            minute: m as u8,
        },
        e,
    ))
}

/// After a date ending at `end`: a Russian year word (`г.`, `года`) and an optional time after a
/// space, `,`, ` - ` or `в`. Returns the time (with its end) and the end of the date part.
fn scan_time_after(text: &str, end: usize, glued: Option<Time>) -> (Option<(Time, usize)>, usize) {
    if let Some(t) = glued {
        return (Some((t, end)), end);
    }
    let mut date_end = end;
    let e = ws(text, end);
    if let Some((w, we)) = word(text, e) {
        if matches!(w.as_str(), "г" | "года" | "год" | "гг") {
            date_end = eat(text, we, ".").unwrap_or(we);
        }
    }
    let mut e = eat(text, date_end, ",").unwrap_or(date_end);
    e = ws(text, e);
    for sep in ["-", "–", "—", "в", "à", "a las", "um", "at"] {
        if let Some(x) = eat(text, e, sep) {
            if x > e && (sep.len() == 1 || char_at(text, x) == ' ') {
                e = ws(text, x);
                break;
            }
        }
    }
    if e == date_end {
        // A time must be separated from the date (`2019 12:11` or `2019,12:11`).
        return (None, date_end);
    }
    match time_at(text, e) {
        Some((t, te)) if !char_at(text, te).is_ascii_digit() => (Some((t, te)), date_end),
        _ => (None, date_end),
    }
}

/// Parses a whole line: optional weekday, date, optional time. Returns the end of what was read.
fn scan_line(line: &str) -> Option<(RawDate, Option<Time>, usize)> {
    let mut i = ws(line, 0);
    while line[i..].starts_with(char::is_whitespace) {
        i += char_at(line, i).len_utf8();
    }
    // A publication label (`Published`, `Publié le`, `Опубликовано:`) before the date.
    if let Some(e) = label_end(line, i) {
        i = e;
    }
    if let Some((w, e)) = word(line, i) {
        if is_weekday(&w) {
            let e = eat(line, e, ".").unwrap_or(e);
            let e = eat(line, e, ",").unwrap_or(e);
            i = ws(line, e);
        }
    }
    let (raw, end) = scan_at(line, i)?;
    let (time, date_end) = scan_time_after(line, end, raw.glued_time);
    let mut stop = time.map_or(date_end, |(_, e)| e);
    // A trailing full stop (`16 October 2019.`) is still a date line.
    stop = eat(line, stop, ".").unwrap_or(stop);
    Some((raw, time.map(|(t, _)| t), stop))
}

/// `16 Octobr 2019`, `32 Oktober 2019`: day, an unknown word, a year — a date attempt.
fn looks_like_misspelt(line: &str) -> bool {
    let parts: Vec<&str> = line.split_whitespace().collect();
    let is_day = |s: &str| {
        let s = s.trim_end_matches(['.', ',']);
        !s.is_empty() && s.len() <= 2 && s.bytes().all(|b| b.is_ascii_digit())
    };
    let is_year = |s: &str| {
        let s = s.trim_end_matches('.');
        s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit())
    };
    let is_word = |s: &str| {
        let s = s.trim_end_matches(['.', ',']);
        s.chars().count() >= 3 && s.chars().all(is_letter)
    };
    match parts.as_slice() {
        [d, m, y] => {
            (is_day(d) && is_word(m) && is_year(y)) || (is_word(d) && is_day(m) && is_year(y))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(y: i32, m: u8, dd: u8) -> Date {
        Date::new(y, m, dd).unwrap()
    }
    fn t(h: u8, m: u8) -> Option<Time> {
        Some(Time { hour: h, minute: m })
    }

    #[test]
    fn date_lines_all_languages() {
        let cases: &[(&str, Date, Option<Time>)] = &[
            ("16 October 2019", d(2019, 10, 16), None),
            ("16 October 201912:11", d(2019, 10, 16), t(12, 11)),
            ("October 16, 2019", d(2019, 10, 16), None),
            ("16 Oct 2019", d(2019, 10, 16), None),
            ("16 Oct. 2019", d(2019, 10, 16), None),
            ("Wednesday, 16 October 2019", d(2019, 10, 16), None),
            ("16 октября 2019", d(2019, 10, 16), None),
            ("16 октября 2019 г.", d(2019, 10, 16), None),
            ("16 октября 2019 года", d(2019, 10, 16), None),
            ("среда, 16 октября 2019", d(2019, 10, 16), None),
            ("1 марта 2020 г., 10:30", d(2020, 3, 1), t(10, 30)),
            ("16 окт. 2019", d(2019, 10, 16), None),
            ("16. Oktober 2019", d(2019, 10, 16), None),
            ("16. Okt. 2019", d(2019, 10, 16), None),
            ("Mittwoch, 16. Oktober 2019", d(2019, 10, 16), None),
            ("3. März 2020", d(2020, 3, 3), None),
            ("3. Marz 2020", d(2020, 3, 3), None),
            ("3. Maerz 2020", d(2020, 3, 3), None),
            ("16. Oktober 2019, 12.11 Uhr", d(2019, 10, 16), t(12, 11)),
            ("16 de octubre de 2019", d(2019, 10, 16), None),
            ("16 oct. 2019", d(2019, 10, 16), None),
            ("miércoles, 16 de octubre de 2019", d(2019, 10, 16), None),
            (
                "miercoles 16 de octubre de 2019 - 12:11",
                d(2019, 10, 16),
                t(12, 11),
            ),
            ("16 octobre 2019", d(2019, 10, 16), None),
            ("1er octobre 2019", d(2019, 10, 1), None),
            ("16 déc. 2019", d(2019, 12, 16), None),
            ("3 fevrier 2020", d(2020, 2, 3), None),
            ("3 février 2020", d(2020, 2, 3), None),
            ("mercredi 16 octobre 2019", d(2019, 10, 16), None),
            ("16 octobre 2019 12h11", d(2019, 10, 16), t(12, 11)),
            ("16.10.2019", d(2019, 10, 16), None),
            ("16/10/2019", d(2019, 10, 16), None),
            ("2019-10-16", d(2019, 10, 16), None),
            ("16.10.2019 12:11", d(2019, 10, 16), t(12, 11)),
            ("  30.09.2019  ", d(2019, 9, 30), None),
            ("29.02.2020", d(2020, 2, 29), None),
            ("OCTOBER 16, 2019", d(2019, 10, 16), None),
            // Publication labels before the date.
            ("Published 16 October 2019", d(2019, 10, 16), None),
            ("Published on October 16, 2019", d(2019, 10, 16), None),
            ("Date: 16.10.2019", d(2019, 10, 16), None),
            ("Publié le 16/10/2019", d(2019, 10, 16), None),
            ("Veröffentlicht am 16.10.2019", d(2019, 10, 16), None),
            ("Datum: 16. Oktober 2019", d(2019, 10, 16), None),
            ("Publicado el 16 de octubre de 2019", d(2019, 10, 16), None),
            ("Fecha: 16 de octubre de 2019", d(2019, 10, 16), None),
            ("Опубликовано: 16 октября 2019", d(2019, 10, 16), None),
            (
                "Дата публикации: 16.10.2019 12:11",
                d(2019, 10, 16),
                t(12, 11),
            ),
        ];
        for (line, date, time) in cases {
            assert_eq!(parse_date_line(line), Some((*date, *time)), "{line:?}");
            assert!(looks_like_date(line), "{line:?}");
        }
    }

    #[test]
    fn revision_dates() {
        for line in [
            "Updated 13 March 2024",
            "Last updated: 13.03.2024",
            "Mis à jour le 13 mars 2024",
            "Aktualisiert am 13.03.2024",
            "Actualizado el 13 de marzo de 2024",
            "Обновлено: 13 марта 2024",
        ] {
            assert!(is_revision_line(line), "{line:?}");
            assert_eq!(parse_date_line(line), None, "{line:?}");
        }
        assert!(!is_revision_line("Updated guidance on travel"));
        assert!(!is_revision_line("13 March 2024"));
        assert!(!is_revision_line("Updated"));
    }

    #[test]
    fn invalid_or_not_only_a_date() {
        for line in [
            "31.02.2020",
            "29.02.2019",
            "32 October 2019",
            "16.13.2019",
            "2019-13-01",
            "16 October 2019 was a Wednesday",
            "Sochi, October 16, 2019",
            "14.07.2020 - Foreign Ministry statement",
            "In 2019",
            "Moscow: 21:06",
            "",
            "16 Octobr 2019",
            "16 October 2019 25:00",
            "Published",
            "Date:",
            "Updated 16 October 2019",
            "Published by the Press Department",
        ] {
            assert_eq!(parse_date_line(line), None, "{line:?}");
        }
    }

    #[test]
    fn looks_like_date_reports_attempts() {
        for line in [
            "31.02.2020",
            "32 October 2019",
            "16.13.2019",
            "16 Octobr 2019",
            "30 февраля 2020",
        ] {
            assert!(looks_like_date(line), "{line:?}");
        }
        for line in [
            "In 2019",
            "Moscow: 21:06",
            "Mr Lavrov said",
            "2254",
            "de-DE1 en-GB1",
        ] {
            assert!(!looks_like_date(line), "{line:?}");
        }
    }

    #[test]
    fn teaser_prefix() {
        let line = "14.07.2020 - Foreign Ministry statement on the fifth anniversary";
        let (prefix, _) = line.split_once(" - ").unwrap();
        assert_eq!(parse_date_line(prefix), Some((d(2020, 7, 14), None)));
    }

    #[test]
    fn dates_in_running_text() {
        let cases: &[(&str, &str, Date)] = &[
            (
                "Remarks, Sochi, October 16, 2019",
                "October 16, 2019",
                d(2019, 10, 16),
            ),
            (
                "Il a dit le 16 octobre 2019 à Sotchi",
                "16 octobre 2019",
                d(2019, 10, 16),
            ),
            (
                "Er sprach am 16. Oktober 2019 in Sotschi.",
                "16. Oktober 2019",
                d(2019, 10, 16),
            ),
            (
                "Выступление 16 октября 2019 года в Сочи",
                "16 октября 2019 года",
                d(2019, 10, 16),
            ),
            (
                "Habló el 16 de octubre de 2019 en Sochi",
                "16 de octubre de 2019",
                d(2019, 10, 16),
            ),
            (
                "dated November 9, 2011. Can you",
                "November 9, 2011",
                d(2011, 11, 9),
            ),
            ("parade, 24 June 2020", "24 June 2020", d(2020, 6, 24)),
            ("(January 23-24, 2017, Kazakhstan)", "", d(2017, 1, 1)),
        ];
        for (text, span, date) in cases {
            let found = find_dates(text);
            if span.is_empty() {
                assert!(found.is_empty(), "{text:?}: {found:?}");
                continue;
            }
            assert_eq!(found.len(), 1, "{text:?}: {found:?}");
            assert_eq!(&text[found[0].span.clone()], *span);
            assert_eq!(found[0].date, *date);
        }
        let many = find_dates("From 14.07.2020 to 2020-07-20 and on 1er août 2020, 10h30.");
        let spans: Vec<_> = many.iter().map(|m| m.date.to_string()).collect();
        assert_eq!(spans, ["2020-07-14", "2020-07-20", "2020-08-01"]);
        assert_eq!(many[2].time, t(10, 30));
        assert!(find_dates("resolution 2254 of 31.02.2020, Art. 5.1").is_empty());
    }

    proptest! {
        #[test]
        fn never_panics(s in "\\PC{0,80}") {
            let _ = parse_date_line(&s);
            let _ = looks_like_date(&s);
            let _ = find_dates(&s);
        }

        #[test]
        fn never_panics_date_like(s in "[0-9 .,:/hг-]{0,12}(октября|Oktober|de|octobre|Oct\\.)?[0-9 .:г]{0,12}") {
            let _ = parse_date_line(&s);
            let _ = find_dates(&s);
        }

        #[test]
        fn format_parse_round_trip(y in 1900i32..2100, m in 1u8..=12, dd in 1u8..=31, li in 0usize..5) {
            if let Some(date) = Date::new(y, m, dd) {
                let s = format_date(date, Lang::ALL[li]);
                prop_assert_eq!(parse_date_line(&s), Some((date, None)), "{}", s);
                let text = format!("Statement of {s}, Moscow");
                let found = find_dates(&text);
                prop_assert_eq!(found.len(), 1);
                prop_assert_eq!(found[0].date, date);
                let numeric = format!("{:02}.{:02}.{}", dd, m, y);
                prop_assert_eq!(parse_date_line(&numeric), Some((date, None)));
            }
        }
    }

    #[test]
    fn a_month_name_tells_the_language_of_a_date_line() {
        assert_eq!(date_language("19 February 2010"), Some(Lang::En));
        assert_eq!(date_language("6 января 2021 г."), Some(Lang::Ru));
        assert_eq!(date_language("4 de enero de 2021"), Some(Lang::Es));
        assert_eq!(date_language("1er février 2021"), Some(Lang::Fr));
        assert_eq!(date_language("3. März 2021"), Some(Lang::De));
        // English and German alike, or no name at all.
        assert_eq!(date_language("19 April 2010"), None);
        assert_eq!(date_language("12.03.2021"), None);
    }
}
