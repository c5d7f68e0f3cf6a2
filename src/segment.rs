//! Sentence segmentation for de/en/es/fr/ru official prose.
//!
//! Sentence alignment needs sentences, and the statements we align are long official paragraphs
//! full of abbreviations (`Mr.`, `z. B.`, `т. е.`), initials (`S. V. Lavrov`, `В. В. Путин`),
//! German ordinals (`am 3. Oktober`), resolution numbers (`No. 2254`) and decimals. The segmenter
//! is rule based, deterministic and linear: one forward pass over the text; at each candidate
//! terminator it looks back at most at the two preceding tokens and forward at the next word.
//!
//! # Rules
//! A boundary is placed after a run of terminators (`.` `!` `?` `…`, `...`) and any closing
//! quotes/brackets (`» “ ” " ’ ' ) ]`) when the run is followed by whitespace and then by an
//! upper-case letter, a digit, an opening quote/bracket (`« „ “ " ‘ ( [ ¿ ¡`) or a dialogue dash
//! (`—`, `–`, `- `). A blank line (two line breaks) always ends a sentence. A lower-case next word
//! never starts a sentence (ellipsis or quoted full stop inside a sentence, `etc. and`).
//!
//! For a single `.` the token before it is classified ([`AbbrevClass`]):
//! * **Title** (`Mr.`, `Dr.`, `Nr.`, `No.`, `art.`, `M.`, `ул.`, single-letter initials in any
//!   script, dotted forms `U.S.`, `z.B.`, `J.-P.`): never a boundary.
//! * **Final** (`etc.`, `usw.`, `т. д.`, `т. п.`, `и др.`, `v. Chr.`, `2019 г.`, `p.m.`): these
//!   usually end a phrase; a boundary before an upper-case word or opening quote, not before a
//!   digit.
//! * **Noun** (`U.S.`, `U.K.`, `U.N.`, `EE. UU.`, `Inc.`, `Ltd.`, `Co.`, `Jr.`): the known hard
//!   case — the abbreviation may end the sentence (`in the U.S. The`) or not (`U.S. President`).
//!   We split only when the next word is a closed-class sentence opener of the language (`The`,
//!   `This`, `It`, `Der`, `Il`, `Это` …; see `starters`), which is rarely the word an abbreviated
//!   noun modifies.
//! * German `1`–`3` digit numbers are ordinals (`am 3. Oktober`, `der 2. Weltkrieg`), not
//!   sentence ends, unless the next word is a sentence opener (`Punkt 5. Die …`).
//!
//! Decimals, section numbers, URLs and e-mails need no rule: their inner dots are not followed by
//! whitespace.

use crate::text::is_letter;
use std::ops::Range;

use crate::model::Lang;

/// Splits `text` into sentences. Returns byte ranges into `text`, in order, non-overlapping,
/// each trimmed of surrounding whitespace and non-empty; together they cover every
/// non-whitespace character of `text`.
pub fn split_sentences(text: &str, lang: Lang) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    // Start of the current sentence (first non-whitespace byte), if one has begun.
    let mut start: Option<usize> = None;
    // End (exclusive) of the last non-whitespace char seen.
    let mut last_end = 0usize;
    let mut newlines = 0u32;
    let mut i = 0usize;
    while i < bytes.len() {
        let c = char_at(text, i);
        let clen = c.len_utf8();
        if c.is_whitespace() {
            if c == '\n' {
                newlines += 1;
            }
            i += clen;
            continue;
        }
        if newlines >= 2 {
            if let Some(s) = start.take() {
                out.push(s..last_end);
            }
        }
        newlines = 0;
        if start.is_none() {
            start = Some(i);
        }
        if is_terminator(c) {
            // Extend over the whole run of terminators and closing punctuation.
            let run_start = i;
            let mut j = i;
            let mut dots = 0usize;
            let mut other_term = false;
            let mut ellipsis = false;
            while j < bytes.len() {
                let d = char_at(text, j);
                if d == '.' {
                    dots += 1;
                } else if d == '…' {
                    ellipsis = true;
                } else if d == '!' || d == '?' {
                    other_term = true;
                } else if d == ' ' || d == '\u{a0}' || d == '\u{202f}' {
                    // French spacing: `« Assez. »` — absorb the space before a closing guillemet.
                    let after = j + d.len_utf8();
                    if after < bytes.len() && matches!(char_at(text, after), '»' | '›') {
                        j = after;
                        continue;
                    }
                    break;
                } else if !is_closing(d) {
                    break;
                }
                j += d.len_utf8();
            }
            last_end = j;
            if j < bytes.len() && !char_at(text, j).is_whitespace() {
                // `4.45`, `www.un.org`, `J.-P.`: not followed by whitespace, no boundary.
                i = j;
                continue;
            }
            let (next_pos, nls) = skip_ws(text, j);
            if next_pos >= bytes.len() {
                i = j;
                continue;
            }
            if nls >= 2 {
                // The blank-line rule above ends the sentence.
                i = j;
                continue;
            }
            let starts = next_starts_sentence(text, next_pos);
            let mut is_break = if !starts {
                false
            } else if dots == 1 && !ellipsis && !other_term {
                let class = classify(text, run_start, lang);
                decide(class, text, next_pos, lang)
            } else {
                true
            };
            if is_break && start.is_some_and(|s| is_list_label(&text[s..run_start])) {
                // `51. The Committee …`, `III. Conclusion`: a paragraph number, not a sentence.
                is_break = false;
            }
            if is_break {
                if let Some(s) = start.take() {
                    out.push(s..j);
                }
            }
            i = j;
            continue;
        }
        i += clen;
        last_end = i;
    }
    if let Some(s) = start {
        out.push(s..last_end);
    }
    out
}

/// Convenience: the sentences as string slices.
pub fn sentences(text: &str, lang: Lang) -> Vec<&str> {
    split_sentences(text, lang)
        .into_iter()
        .map(|r| &text[r])
        .collect()
}

/// How the token before a full stop affects a sentence boundary; see the module docs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AbbrevClass {
    /// An ordinary word or number: the full stop ends the sentence before an upper-case word.
    None,
    /// Never ends a sentence (`Mr.`, initials).
    Title,
    /// Often ends a phrase (`etc.`): boundary before an upper-case word, not before a digit.
    Final,
    /// May end a sentence (`U.S.`): boundary only before a sentence-opening function word.
    Noun,
    /// German ordinal number (`3.`): boundary only before a sentence-opening function word.
    Ordinal,
}

fn char_at(text: &str, i: usize) -> char {
    text[i..].chars().next().unwrap_or(' ')
}

fn char_before(text: &str, i: usize) -> Option<char> {
    text[..i].chars().next_back()
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closing(c: char) -> bool {
    matches!(
        c,
        '»' | '“' | '”' | '"' | '’' | '\'' | ')' | ']' | '›' | '」'
    )
}

fn is_opening(c: char) -> bool {
    matches!(
        c,
        '«' | '„' | '“' | '"' | '‘' | '\'' | '(' | '[' | '‹' | '¿' | '¡' | '‚' | '「'
    )
}

/// Skips whitespace from `i`; returns the next position and the number of line feeds skipped.
fn skip_ws(text: &str, mut i: usize) -> (usize, u32) {
    let mut nls = 0;
    while i < text.len() {
        let c = char_at(text, i);
        if !c.is_whitespace() {
            break;
        }
        if c == '\n' {
            nls += 1;
        }
        i += c.len_utf8();
    }
    (i, nls)
}

fn next_starts_sentence(text: &str, i: usize) -> bool {
    let c = char_at(text, i);
    if c.is_uppercase() || c.is_numeric() {
        return true;
    }
    if is_opening(c) {
        // `. (See annex.)` starts a sentence; `. (art. 5-1 du Code …)` is a trailing citation.
        let after = text[i + c.len_utf8()..].chars().find(|d| !is_opening(*d));
        return !after.is_some_and(char::is_lowercase);
    }
    match c {
        '—' | '–' | '•' => true,
        '-' => text[i + 1..]
            .chars()
            .next()
            .is_some_and(|d| d.is_whitespace()),
        _ => false,
    }
}

/// The token ending right before byte `end` (exclusive): back to the previous whitespace, with
/// leading opening punctuation removed. Bounded look-back keeps the pass linear.
fn token_before(text: &str, end: usize) -> (usize, &str) {
    let mut s = end;
    let limit = end.saturating_sub(64);
    while s > limit {
        match char_before(text, s) {
            Some(c) if !c.is_whitespace() => s -= c.len_utf8(),
            _ => break,
        }
    }
    let mut tok = &text[s..end];
    while let Some(c) = tok.chars().next() {
        if is_opening(c) || c == '—' || c == '–' {
            tok = &tok[c.len_utf8()..];
        } else {
            break;
        }
    }
    (s, tok)
}

/// Token before the token starting at `start`, i.e. two tokens back (`т` in `т. д.`).
fn prev_token(text: &str, start: usize) -> &str {
    let mut e = start;
    while let Some(c) = char_before(text, e) {
        if c.is_whitespace() && start - e < 16 {
            e -= c.len_utf8();
        } else {
            break;
        }
    }
    if e == start {
        return "";
    }
    token_before(text, e).1
}

fn classify(text: &str, dot: usize, lang: Lang) -> AbbrevClass {
    let (tstart, tok) = token_before(text, dot);
    if tok.is_empty() {
        return AbbrevClass::None;
    }
    let tok = strip_elision(tok);
    let lower = tok.to_lowercase();
    let prev = prev_token(text, tstart).to_lowercase();
    // Two-token abbreviations whose second part ends a phrase.
    let pair_final = match lang {
        Lang::Ru => prev == "т." && matches!(lower.as_str(), "д" | "п"),
        Lang::De => prev == "v." && lower == "chr",
        Lang::Fr => matches!(prev.as_str(), "av." | "apr.") && lower == "j.-c",
        Lang::Es => prev == "ee." && lower == "uu",
        Lang::En => false,
    };
    if pair_final {
        return if lang == Lang::Es {
            AbbrevClass::Noun
        } else {
            AbbrevClass::Final
        };
    }
    if lang == Lang::Ru && matches!(lower.as_str(), "г" | "гг") {
        // `2019 г.` (year) may end a sentence; `г. Москва` (city) never does.
        let after_number = prev.chars().next().is_some_and(|c| c.is_ascii_digit());
        return if after_number {
            AbbrevClass::Final
        } else {
            AbbrevClass::Title
        };
    }
    if let Some(c) = lookup(&lower, lang) {
        return c;
    }
    let mut chars = tok.chars();
    let first = chars.next().unwrap_or(' ');
    if is_letter(first) && chars.next().is_none() {
        return AbbrevClass::Title; // initial or one-letter abbreviation
    }
    if is_dotted(tok) {
        return AbbrevClass::Title;
    }
    if lang == Lang::De && tok.len() <= 3 && tok.bytes().all(|b| b.is_ascii_digit()) {
        return AbbrevClass::Ordinal;
    }
    AbbrevClass::None
}

/// A list or paragraph label standing alone before its full stop: `51`, `3.2`, `III`, `(a)`, `B`.
fn is_list_label(tok: &str) -> bool {
    if tok.is_empty() || tok.len() > 12 || tok.contains(char::is_whitespace) {
        return false;
    }
    let inner = tok.trim_start_matches('(').trim_end_matches(')');
    let numeric = inner.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        && inner.bytes().any(|b| b.is_ascii_digit());
    let roman = inner
        .chars()
        .all(|c| matches!(c, 'I' | 'V' | 'X' | 'L' | 'C'))
        || inner.chars().all(|c| matches!(c, 'i' | 'v' | 'x'));
    let letter = inner.chars().count() == 1 && inner.chars().all(is_letter);
    numeric || roman || letter
}

/// French elision (`l'art`, `d’autres`): the abbreviation is the part after the apostrophe.
fn strip_elision(tok: &str) -> &str {
    if let Some(k) = tok.rfind(['\'', '’']) {
        let prefix = tok[..k].to_lowercase();
        let rest = &tok[k..];
        let rest = &rest[rest.chars().next().map_or(0, char::len_utf8)..];
        let elided = matches!(
            prefix.as_str(),
            "l" | "d" | "j" | "m" | "n" | "s" | "t" | "c" | "qu" | "jusqu" | "lorsqu" | "puisqu"
        );
        if elided && !rest.is_empty() {
            return rest;
        }
    }
    tok
}

/// `U.S`, `z.B`, `J.-P`, `e.g`: letter groups of at most two letters joined by `.` or `.-`.
fn is_dotted(tok: &str) -> bool {
    if !tok.contains('.') {
        return false;
    }
    tok.split('.').all(|piece| {
        let p = piece.strip_prefix('-').unwrap_or(piece);
        let n = p.chars().count();
        (1..=2).contains(&n) && p.chars().all(is_letter)
    })
}

fn decide(class: AbbrevClass, text: &str, next: usize, lang: Lang) -> bool {
    match class {
        AbbrevClass::None => true,
        AbbrevClass::Title => false,
        AbbrevClass::Final => !char_at(text, next).is_numeric(),
        AbbrevClass::Noun | AbbrevClass::Ordinal => is_starter(next_word(text, next), lang),
    }
}

fn next_word(text: &str, i: usize) -> &str {
    let rest = &text[i..];
    let end = rest
        .char_indices()
        .find(|&(_, c)| !is_letter(c))
        .map_or(rest.len(), |(k, _)| k);
    &rest[..end]
}

fn lookup(lower: &str, lang: Lang) -> Option<AbbrevClass> {
    use AbbrevClass::{Final, Noun, Title};
    // Shared by all languages: titles and references that appear in every language's prose.
    match lower {
        "dr" | "prof" | "st" | "vs" | "cf" | "e.g" | "i.e" | "nr" | "no" | "n°" | "№" => {
            return Some(Title)
        }
        "etc" => return Some(Final),
        "u.s" | "u.k" | "u.n" | "u.s.a" | "u.n.o" => return Some(Noun),
        _ => {}
    }
    let class = match lang {
        Lang::En => match lower {
            "mr" | "mrs" | "ms" | "messrs" | "nos" | "jan" | "feb" | "mar" | "apr" | "jun"
            | "jul" | "aug" | "sep" | "sept" | "oct" | "nov" | "dec" | "gen" | "col" | "lt"
            | "capt" | "rev" | "art" | "arts" | "sec" | "sen" | "rep" | "gov" | "hon" | "amb"
            | "fig" | "para" | "paras" | "pp" | "op" | "approx" | "mt" | "ft" | "sgt" | "maj"
            | "adm" | "supt" | "dept" | "det" | "sens" | "reps" | "vol" | "ch" | "chap" | "ed"
            | "eds" | "est" | "ref" => Title,
            "jr" | "a.m" | "p.m" | "sr" | "inc" | "ltd" | "co" | "corp" | "plc" | "bros" => Noun,
            _ => return None,
        },
        Lang::De => match lower {
            "bzw" | "ca" | "vgl" | "abs" | "art" | "jh" | "hrsg" | "ggf" | "evtl" | "inkl"
            | "mio" | "mrd" | "bspw" | "ggü" | "gem" | "lt" | "sog" | "str" | "tel" | "zt"
            | "z.b" | "d.h" | "u.a" | "z.t" | "o.ä" | "u.ä" | "dt" | "frz" | "engl" | "hl"
            | "jan" | "feb" | "febr" | "aug" | "sept" | "okt" | "nov" | "dez" | "bd" | "kap"
            | "zit" | "abb" | "anm" | "allg" | "betr" | "bzgl" | "ehem" | "einschl" | "exkl"
            | "insb" | "max" | "min" | "mind" | "nachf" | "sen" | "jun" | "stv" | "verh"
            | "vorm" | "zzgl" | "ziff" | "lit" | "spp" | "tsd" => Title,
            "usw" | "u.ä.m" | "ff" | "chr" => Final,
            "gmbh" | "ag" => Noun,
            _ => return None,
        },
        Lang::Es => match lower {
            "sr" | "sra" | "srta" | "sres" | "sras" | "dra" | "pág" | "págs" | "núm" | "art"
            | "arts" | "ud" | "uds" | "vd" | "vds" | "ee" | "av" | "avda" | "lic" | "ing"
            | "arq" | "dña" | "dª" | "excmo" | "excma" | "ilmo" | "ilma" | "gral" | "cap"
            | "ej" | "aprox" | "párr" | "párrs" | "fig" | "ibid" | "vol" | "pp" | "ene" | "abr"
            | "ago" | "sept" | "oct" | "dic" | "nº" | "núms" | "cía" | "fdo" => Title,
            "uu" | "s.a" | "cía." => Noun,
            _ => return None,
        },
        Lang::Fr => match lower {
            "mm" | "mme" | "mmes" | "mlle" | "mlles" | "mgr" | "me" | "ste" | "art" | "av"
            | "apr" | "ex" | "vol" | "chap" | "éd" | "coll" | "env" | "réf" | "janv" | "févr"
            | "fév" | "avr" | "juil" | "sept" | "oct" | "nov" | "déc" | "dép" | "boul" | "bd"
            | "par" | "al" | "pp" | "no" | "nos" | "nº" | "gén" | "col" | "cdt" | "lt" | "capt"
            | "pr" | "fig" | "paragr" | "al." => Title,
            "j.-c" => Final,
            "cie" | "sa" | "s.a" => Noun,
            _ => return None,
        },
        Lang::Ru => match lower {
            "им" | "ул" | "стр" | "см" | "пр" | "акад" | "проф" | "св" | "ст" | "тов" | "г-н"
            | "г-жа" | "гос" | "обл" | "пос" | "просп" | "пл" | "наб" | "пер" | "рис" | "табл"
            | "гл" | "разд" | "прим" | "ред" | "изд" | "канд" | "зам" | "нач" | "долл" | "час"
            | "мин" | "сек" | "англ" | "нем" | "франц" | "лат" | "исп" | "ген" | "полк"
            | "лейт" | "кап" | "янв" | "февр" | "авг" | "сент" | "окт" | "нояб" | "дек" | "т.е"
            | "т.к" | "т.н" | "напр" | "коп" => Title,
            "др" | "млн" | "млрд" | "тыс" | "руб" | "т.д" | "т.п" | "гг" => {
                Final
            }
            _ => return None,
        },
    };
    Some(class)
}

/// Closed-class words that typically open a sentence; used to split after a Noun abbreviation
/// or a German ordinal. Case-sensitive: a sentence opener is capitalised.
fn is_starter(word: &str, lang: Lang) -> bool {
    let list: &[&str] = match lang {
        Lang::En => &[
            "The",
            "This",
            "That",
            "These",
            "Those",
            "It",
            "Its",
            "He",
            "She",
            "They",
            "We",
            "I",
            "You",
            "There",
            "Here",
            "In",
            "On",
            "At",
            "By",
            "For",
            "From",
            "With",
            "As",
            "But",
            "And",
            "Or",
            "So",
            "Yet",
            "However",
            "Moreover",
            "Also",
            "Then",
            "Thus",
            "Therefore",
            "After",
            "Before",
            "When",
            "While",
            "If",
            "Although",
            "Since",
            "A",
            "An",
            "His",
            "Her",
            "Their",
            "Our",
            "My",
            "Your",
            "Such",
            "Some",
            "Many",
            "Most",
            "All",
            "Both",
            "Each",
            "What",
            "Which",
            "Who",
            "Why",
            "How",
            "Where",
            "Today",
            "Now",
            "According",
            "Meanwhile",
            "Nevertheless",
            "Furthermore",
            "Indeed",
            "Last",
            "Earlier",
            "Later",
        ],
        Lang::De => &[
            "Der",
            "Die",
            "Das",
            "Dies",
            "Diese",
            "Dieser",
            "Dieses",
            "Er",
            "Sie",
            "Es",
            "Wir",
            "Ich",
            "Ihr",
            "Man",
            "Ein",
            "Eine",
            "Einen",
            "Im",
            "In",
            "Am",
            "An",
            "Auf",
            "Aus",
            "Bei",
            "Mit",
            "Nach",
            "Seit",
            "Von",
            "Vor",
            "Zu",
            "Zum",
            "Zur",
            "Und",
            "Aber",
            "Doch",
            "Denn",
            "Auch",
            "So",
            "Dann",
            "Damit",
            "Dabei",
            "Daher",
            "Deshalb",
            "Jedoch",
            "Allerdings",
            "Außerdem",
            "Zudem",
            "Wenn",
            "Als",
            "Da",
            "Dort",
            "Hier",
            "Heute",
            "Nun",
            "Wie",
            "Was",
            "Wer",
            "Welche",
            "Laut",
            "Dem",
            "Den",
            "Des",
        ],
        Lang::Es => &[
            "El", "La", "Los", "Las", "Lo", "Un", "Una", "Unos", "Unas", "Este", "Esta", "Estos",
            "Estas", "Eso", "Esto", "Ese", "Esa", "Él", "Ella", "Ellos", "Nosotros", "En", "Por",
            "Para", "Con", "De", "Del", "Desde", "Sin", "Sobre", "Y", "Pero", "Además", "Asimismo",
            "También", "Así", "Cuando", "Si", "Aunque", "Como", "No", "Hoy", "Según", "Se", "Su",
            "Sus", "Al", "A", "Tras", "Ante",
        ],
        Lang::Fr => &[
            "Le",
            "La",
            "Les",
            "L",
            "Un",
            "Une",
            "Des",
            "Ce",
            "Cet",
            "Cette",
            "Ces",
            "Il",
            "Elle",
            "Ils",
            "Elles",
            "Nous",
            "Je",
            "On",
            "En",
            "Dans",
            "Par",
            "Pour",
            "Avec",
            "De",
            "Du",
            "Sur",
            "Sans",
            "Et",
            "Mais",
            "Ou",
            "Donc",
            "Ainsi",
            "Cependant",
            "Toutefois",
            "Puis",
            "Alors",
            "Quand",
            "Si",
            "Lorsque",
            "Comme",
            "Selon",
            "Aujourd",
            "Son",
            "Sa",
            "Ses",
            "Leur",
            "Leurs",
            "Au",
            "Aux",
            "À",
            "Après",
            "Avant",
        ],
        Lang::Ru => &[
            "В",
            "Во",
            "На",
            "По",
            "С",
            "Со",
            "К",
            "О",
            "Об",
            "От",
            "До",
            "Для",
            "Из",
            "За",
            "При",
            "Это",
            "Этот",
            "Эта",
            "Эти",
            "Он",
            "Она",
            "Они",
            "Оно",
            "Мы",
            "Я",
            "Вы",
            "Но",
            "И",
            "А",
            "Однако",
            "Также",
            "Поэтому",
            "Кроме",
            "Как",
            "Когда",
            "Если",
            "Хотя",
            "Так",
            "Тогда",
            "Сегодня",
            "Все",
            "Его",
            "Ее",
            "Её",
            "Их",
            "Наш",
            "Не",
            "После",
            "Перед",
        ],
    };
    list.contains(&word)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn seg(text: &str, lang: Lang) -> Vec<&str> {
        sentences(text, lang)
    }

    /// Each case: text, language, expected sentences.
    fn check(cases: &[(&str, &[&str])], lang: Lang) {
        for (text, want) in cases {
            let got = seg(text, lang);
            assert_eq!(&got, want, "{lang}: {text:?}");
        }
    }

    #[test]
    fn english_hard_cases() {
        check(
            &[
                (
                    "Mr. Lavrov arrived. He spoke.",
                    &["Mr. Lavrov arrived.", "He spoke."],
                ),
                (
                    "Dr. Smith and Prof. Jones met.",
                    &["Dr. Smith and Prof. Jones met."],
                ),
                (
                    "S. V. Lavrov met J.-P. Sartre.",
                    &["S. V. Lavrov met J.-P. Sartre."],
                ),
                (
                    "See resolution No. 2254 now.",
                    &["See resolution No. 2254 now."],
                ),
                (
                    "It rose 4.45 per cent. Then it fell.",
                    &["It rose 4.45 per cent.", "Then it fell."],
                ),
                (
                    "Under Art. 5.1 of it, 1.5 million fled.",
                    &["Under Art. 5.1 of it, 1.5 million fled."],
                ),
                ("Wait... then go.", &["Wait... then go."]),
                ("Wait... Then go.", &["Wait...", "Then go."]),
                ("Why? Because. Yes!", &["Why?", "Because.", "Yes!"]),
                (
                    "He said \"Stop.\" Then left.",
                    &["He said \"Stop.\"", "Then left."],
                ),
                ("\"We agree.\" said he.", &["\"We agree.\" said he."]),
                (
                    "Write to info@un.org or www.un.org. Thanks.",
                    &["Write to info@un.org or www.un.org.", "Thanks."],
                ),
                (
                    "Apples, pears, etc. are fruit.",
                    &["Apples, pears, etc. are fruit."],
                ),
                (
                    "Apples, pears, etc. Others too.",
                    &["Apples, pears, etc.", "Others too."],
                ),
                ("The U.S. President spoke.", &["The U.S. President spoke."]),
                (
                    "He went to the U.S. The trip was long.",
                    &["He went to the U.S.", "The trip was long."],
                ),
                (
                    "Adopted in Oct. 2019 (see e.g. annex).",
                    &["Adopted in Oct. 2019 (see e.g. annex)."],
                ),
                (
                    "It ended. (See annex.) Next.",
                    &["It ended.", "(See annex.)", "Next."],
                ),
                (
                    "It ended. (art. 5 of it) Next.",
                    &["It ended. (art. 5 of it) Next."],
                ),
                (
                    "Set for 7 p.m. ET tonight.",
                    &["Set for 7 p.m. ET tonight."],
                ),
                (
                    "It ended in 2019. 2020 was worse.",
                    &["It ended in 2019.", "2020 was worse."],
                ),
                ("First para\n\nSecond para", &["First para", "Second para"]),
                (
                    "51. The Committee met. It agreed.",
                    &["51. The Committee met.", "It agreed."],
                ),
                (
                    "III. Conclusion and recommendation",
                    &["III. Conclusion and recommendation"],
                ),
            ],
            Lang::En,
        );
    }

    #[test]
    fn german_hard_cases() {
        check(
            &[
                ("Am 3. Oktober feiern wir.", &["Am 3. Oktober feiern wir."]),
                (
                    "Er kam am 12. März an. Sie blieb.",
                    &["Er kam am 12. März an.", "Sie blieb."],
                ),
                (
                    "Der 2. Weltkrieg endete 1945. Danach kam Frieden.",
                    &["Der 2. Weltkrieg endete 1945.", "Danach kam Frieden."],
                ),
                (
                    "Das gilt z. B. für Nr. 5 bzw. Nr. 6.",
                    &["Das gilt z. B. für Nr. 5 bzw. Nr. 6."],
                ),
                (
                    "Das heißt d. h. nichts. Wir gehen.",
                    &["Das heißt d. h. nichts.", "Wir gehen."],
                ),
                (
                    "Siehe S. 12 und vgl. Abs. 3.",
                    &["Siehe S. 12 und vgl. Abs. 3."],
                ),
                (
                    "Es kostet ca. 5 Mio. Euro. Das ist viel.",
                    &["Es kostet ca. 5 Mio. Euro.", "Das ist viel."],
                ),
                (
                    "Im Jahr 50 v. Chr. Rom war groß.",
                    &["Im Jahr 50 v. Chr.", "Rom war groß."],
                ),
                (
                    "Äpfel, Birnen usw. Alles frisch.",
                    &["Äpfel, Birnen usw.", "Alles frisch."],
                ),
                (
                    "Prof. Dr. Müller sprach. Er war klar.",
                    &["Prof. Dr. Müller sprach.", "Er war klar."],
                ),
                (
                    "Siehe Punkt 5. Die Lage ist ernst.",
                    &["Siehe Punkt 5.", "Die Lage ist ernst."],
                ),
                (
                    "Er sagte: „Wir kommen.“ Dann ging er.",
                    &["Er sagte: „Wir kommen.“", "Dann ging er."],
                ),
                (
                    "Im 21. Jahrhundert gilt das.",
                    &["Im 21. Jahrhundert gilt das."],
                ),
                (
                    "Resolution 2254. Sie gilt.",
                    &["Resolution 2254.", "Sie gilt."],
                ),
            ],
            Lang::De,
        );
    }

    #[test]
    fn spanish_hard_cases() {
        check(
            &[
                (
                    "El Sr. Lavrov llegó. Habló.",
                    &["El Sr. Lavrov llegó.", "Habló."],
                ),
                (
                    "La Dra. Pérez y la Sra. Ruiz.",
                    &["La Dra. Pérez y la Sra. Ruiz."],
                ),
                ("Viajó a EE. UU. en mayo.", &["Viajó a EE. UU. en mayo."]),
                (
                    "Viajó a EE. UU. El viaje fue largo.",
                    &["Viajó a EE. UU.", "El viaje fue largo."],
                ),
                (
                    "Véase la pág. 5 y el art. 3.",
                    &["Véase la pág. 5 y el art. 3."],
                ),
                (
                    "Es la resolución núm. 2254. Se aprobó.",
                    &["Es la resolución núm. 2254.", "Se aprobó."],
                ),
                ("¿Vienes? ¡Claro!", &["¿Vienes?", "¡Claro!"]),
                (
                    "Dijo: «Basta.» Luego se fue.",
                    &["Dijo: «Basta.»", "Luego se fue."],
                ),
                (
                    "Frutas, verduras, etc. Todo fresco.",
                    &["Frutas, verduras, etc.", "Todo fresco."],
                ),
                ("Ud. sabe. Uds. también.", &["Ud. sabe.", "Uds. también."]),
                (
                    "Subió un 4.5 por ciento. Luego bajó.",
                    &["Subió un 4.5 por ciento.", "Luego bajó."],
                ),
                ("Esperó... y luego habló.", &["Esperó... y luego habló."]),
                (
                    "Habló S. V. Lavrov. —Gracias —dijo.",
                    &["Habló S. V. Lavrov.", "—Gracias —dijo."],
                ),
            ],
            Lang::Es,
        );
    }

    #[test]
    fn french_hard_cases() {
        check(
            &[
                (
                    "M. Lavrov est arrivé. Il a parlé.",
                    &["M. Lavrov est arrivé.", "Il a parlé."],
                ),
                (
                    "Mme Dupont et MM. Martin sont là.",
                    &["Mme Dupont et MM. Martin sont là."],
                ),
                (
                    "Voir l'art. 5, cf. annexe.",
                    &["Voir l'art. 5, cf. annexe."],
                ),
                (
                    "Des fruits, p. ex. des pommes.",
                    &["Des fruits, p. ex. des pommes."],
                ),
                (
                    "En 50 av. J.-C. Rome dominait.",
                    &["En 50 av. J.-C.", "Rome dominait."],
                ),
                (
                    "J.-P. Sartre écrivait. Il lisait.",
                    &["J.-P. Sartre écrivait.", "Il lisait."],
                ),
                (
                    "Le n° 5 et le no. 6 sont là.",
                    &["Le n° 5 et le no. 6 sont là."],
                ),
                (
                    "Il a dit : « Assez. » Puis il est parti.",
                    &["Il a dit : « Assez. »", "Puis il est parti."],
                ),
                (
                    "Pommes, poires, etc. Tout est frais.",
                    &["Pommes, poires, etc.", "Tout est frais."],
                ),
                ("Vraiment ? Oui !", &["Vraiment ?", "Oui !"]),
                (
                    "Il attendait… puis il parla.",
                    &["Il attendait… puis il parla."],
                ),
                (
                    "Il attendait… Puis il parla.",
                    &["Il attendait…", "Puis il parla."],
                ),
                (
                    "La hausse est de 4,5 %. Elle continue.",
                    &["La hausse est de 4,5 %.", "Elle continue."],
                ),
            ],
            Lang::Fr,
        );
    }

    #[test]
    fn russian_hard_cases() {
        check(
            &[
                (
                    "В. В. Путин прибыл. Он выступил.",
                    &["В. В. Путин прибыл.", "Он выступил."],
                ),
                ("Это т. е. главное. Да.", &["Это т. е. главное.", "Да."]),
                (
                    "Яблоки, груши и т. д. Всё свежее.",
                    &["Яблоки, груши и т. д.", "Всё свежее."],
                ),
                ("Яблоки и т. п. продаются.", &["Яблоки и т. п. продаются."]),
                (
                    "Он живёт в г. Москве. Она тоже.",
                    &["Он живёт в г. Москве.", "Она тоже."],
                ),
                (
                    "Это было в 2019 г. В Москве.",
                    &["Это было в 2019 г.", "В Москве."],
                ),
                ("См. стр. 5 и ст. 3.", &["См. стр. 5 и ст. 3."]),
                (
                    "Улица им. Пушкина, ул. Тверская, д. 5.",
                    &["Улица им. Пушкина, ул. Тверская, д. 5."],
                ),
                (
                    "Выделено 5 млн. рублей. Это много.",
                    &["Выделено 5 млн. рублей.", "Это много."],
                ),
                (
                    "Сумма в 4000 долл. США. Эта сумма.",
                    &["Сумма в 4000 долл. США.", "Эта сумма."],
                ),
                (
                    "Он сказал: «Хватит». Потом ушёл.",
                    &["Он сказал: «Хватит».", "Потом ушёл."],
                ),
                ("Правда? Да!", &["Правда?", "Да!"]),
                (
                    "Проф. Иванов и акад. Петров. Они пришли.",
                    &["Проф. Иванов и акад. Петров.", "Они пришли."],
                ),
                (
                    "Рост составил 4.45 процента. Затем спад.",
                    &["Рост составил 4.45 процента.", "Затем спад."],
                ),
                ("Он ждал... и потом ушёл.", &["Он ждал... и потом ушёл."]),
                ("Документ № 2254. Принят.", &["Документ № 2254.", "Принят."]),
            ],
            Lang::Ru,
        );
    }

    #[test]
    fn empty_and_whitespace() {
        assert!(split_sentences("", Lang::En).is_empty());
        assert!(split_sentences(" \n\t ", Lang::En).is_empty());
        assert_eq!(seg("  One.  ", Lang::En), ["One."]);
    }

    #[test]
    fn large_input() {
        // Speed is measured by `cargo bench --bench segment`, not here.
        let text = "Mr. Lavrov said it. The U.S. agreed. ".repeat(100_000);
        let n = split_sentences(&text, Lang::En).len();
        assert_eq!(n, 200_000);
        let dots = ".".repeat(1_000_000);
        assert_eq!(split_sentences(&dots, Lang::En).len(), 1);
    }

    fn check_invariants(text: &str, lang: Lang) -> Result<(), TestCaseError> {
        let ranges = split_sentences(text, lang);
        let mut covered = vec![false; text.len()];
        let mut prev_end = 0;
        for r in &ranges {
            prop_assert!(r.start < r.end);
            prop_assert!(r.start >= prev_end);
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s.trim(), s);
            covered[r.clone()].iter_mut().for_each(|c| *c = true);
            prev_end = r.end;
        }
        for (i, c) in text.char_indices() {
            if !c.is_whitespace() {
                prop_assert!(covered[i], "uncovered {:?} at {}", c, i);
            }
        }
        Ok(())
    }

    proptest! {
        #[test]
        fn invariants_arbitrary_unicode(text in "\\PC{0,200}", li in 0usize..5) {
            check_invariants(&text, Lang::ALL[li])?;
        }

        #[test]
        fn invariants_sentence_like(
            text in "([A-ZА-Яa-zа-я]{1,6}|[.!?…»«\"“”„()]|[0-9]{1,4}| |\n|т\\. д\\.|etc\\.){0,60}",
            li in 0usize..5,
        ) {
            check_invariants(&text, Lang::ALL[li])?;
        }
    }
}
