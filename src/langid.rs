//! Language identification of statements and paragraphs.
//!
//! lingua (high-accuracy mode, only de/en/es/fr/ru compiled in) is the reference, behind the
//! [`Identifier`] trait so tests can use a deterministic stand-in. Running lingua on every
//! paragraph costs about 1.4 MB/s per core, so the pipeline runs it on far fewer bytes:
//! the script decides Cyrillic (only Russian is in play), a stop-word vote decides clear Latin
//! cases, and lingua is asked only when the vote is weak or disagrees with the statement. Short
//! or language-neutral paragraphs (dates, numbers, names) inherit the statement's language.

use crate::text::is_letter;
use std::sync::OnceLock;

use lingua::{Language, LanguageDetector, LanguageDetectorBuilder};

use crate::model::{Lang, Statement};

/// Something that identifies the language of a text among our five.
pub trait Identifier: Sync {
    /// The most likely language and its confidence in [0, 1]; `None` when undecidable.
    fn identify(&self, text: &str) -> Option<(Lang, f64)>;
}

fn to_lingua(l: Lang) -> Language {
    match l {
        Lang::De => Language::German,
        Lang::En => Language::English,
        Lang::Es => Language::Spanish,
        Lang::Fr => Language::French,
        Lang::Ru => Language::Russian,
    }
}

fn from_lingua(l: Language) -> Option<Lang> {
    match l {
        Language::German => Some(Lang::De),
        Language::English => Some(Lang::En),
        Language::Spanish => Some(Lang::Es),
        Language::French => Some(Lang::Fr),
        Language::Russian => Some(Lang::Ru),
        #[allow(unreachable_patterns)]
        _ => None,
    }
}

/// The shared lingua detector (built once; models load lazily on first use).
pub fn lingua_detector() -> &'static LanguageDetector {
    static DETECTOR: OnceLock<LanguageDetector> = OnceLock::new();
    DETECTOR
        .get_or_init(|| LanguageDetectorBuilder::from_languages(&Lang::ALL.map(to_lingua)).build())
}

/// lingua, high-accuracy mode.
#[derive(Clone, Copy, Debug, Default)]
pub struct Lingua;

/// The longest run of letters lingua is given as one word. lingua slices every n-gram of a word
/// by counting characters from the word's start, which is quadratic in the word's length: a
/// scraped blob of 3 million letters without a space kept a run busy for minutes. No word of
/// the five languages comes near this length; longer runs are cut into pieces this long.
pub const MAX_LINGUA_WORD: usize = 100;

/// `text` as lingua is given it: unchanged unless a run of letters is longer than
/// [`MAX_LINGUA_WORD`], which is then cut by spaces into pieces of that length.
pub fn lingua_text(text: &str) -> std::borrow::Cow<'_, str> {
    let mut run = 0;
    let too_long = text.chars().any(|c| {
        run = if is_letter(c) { run + 1 } else { 0 };
        run > MAX_LINGUA_WORD
    });
    if !too_long {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + text.len() / MAX_LINGUA_WORD);
    run = 0;
    for c in text.chars() {
        if is_letter(c) {
            if run == MAX_LINGUA_WORD {
                out.push(' ');
                run = 0;
            }
            run += 1;
        } else {
            run = 0;
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

impl Identifier for Lingua {
    fn identify(&self, text: &str) -> Option<(Lang, f64)> {
        let values = lingua_detector().compute_language_confidence_values(&*lingua_text(text));
        let (lang, conf) = values.first()?;
        if *conf <= 0.0 {
            return None;
        }
        // lingua sums its probabilities in hash-map order, so the last bits of a confidence
        // change from run to run; rounding keeps outputs (gaps.json) byte-identical.
        let conf = (conf * 1e6).round() / 1e6;
        Some((from_lingua(*lang)?, conf))
    }
}

/// Letters by script.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ScriptCounts {
    pub latin: usize,
    pub cyrillic: usize,
    pub other: usize,
}

/// Counts letters by script.
///
/// Letters that carry no language are left out: inside HTML tags (`<a href=…>`) and in web or
/// e-mail addresses, which are Latin whatever the language around them (a Russian paragraph full
/// of links must still count as Cyrillic).
pub fn script_counts(text: &str) -> ScriptCounts {
    let mut c = ScriptCounts::default();
    for word in text.split_whitespace() {
        if word.contains("://")
            || word.starts_with("www.")
            || word.contains('@')
            || word.starts_with("href=")
        {
            continue;
        }
        count_letters(word, &mut c);
    }
    c
}

fn count_letters(word: &str, c: &mut ScriptCounts) {
    let mut in_tag = false;
    for ch in word.chars() {
        match ch {
            '<' => in_tag = true,
            '>' => in_tag = false,
            _ => {}
        }
        if in_tag || !is_letter(ch) {
            continue;
        }
        match ch {
            'a'..='z' | 'A'..='Z' | '\u{00C0}'..='\u{024F}' | '\u{1E00}'..='\u{1EFF}' => {
                c.latin += 1
            }
            '\u{0400}'..='\u{04FF}' | '\u{0500}'..='\u{052F}' => c.cyrillic += 1,
            _ => c.other += 1,
        }
    }
}

const STOP_DE: &[&str] = &[
    "der", "die", "das", "und", "ist", "nicht", "mit", "den", "dem", "des", "ein", "eine", "einer",
    "eines", "auf", "für", "sich", "auch", "von", "zu", "wir", "werden", "wird", "sind", "im",
    "bei", "nach", "aus", "oder", "dass", "wie", "über", "hat", "haben", "zur", "zum", "unsere",
    "diese", "dieser", "sie", "es", "um", "noch", "nur", "kann", "alle", "vor",
];
const STOP_EN: &[&str] = &[
    "the", "and", "of", "to", "is", "in", "that", "for", "with", "on", "are", "was", "this", "be",
    "by", "we", "as", "it", "have", "has", "not", "from", "which", "our", "their", "will", "at",
    "an", "they", "been", "were", "would", "these", "or", "all", "its", "also", "who", "between",
    "should", "must", "there",
];
const STOP_ES: &[&str] = &[
    "el", "la", "los", "las", "de", "del", "que", "y", "en", "por", "con", "para", "una", "un",
    "es", "se", "no", "al", "lo", "como", "su", "sus", "más", "pero", "este", "esta", "han", "ha",
    "sobre", "entre", "también", "nuestro", "nuestra", "fue", "son", "está", "todos", "cuando",
    "sin", "ya",
];
const STOP_FR: &[&str] = &[
    "le", "la", "les", "de", "des", "du", "et", "est", "que", "qui", "dans", "pour", "une", "un",
    "en", "sur", "pas", "par", "au", "aux", "avec", "ce", "cette", "nous", "sont", "ont", "il",
    "elle", "ne", "se", "son", "sa", "ses", "leur", "leurs", "été", "comme", "mais", "plus",
    "tous", "entre", "aussi",
];

fn stop_lists() -> [(Lang, &'static [&'static str]); 4] {
    [
        (Lang::De, STOP_DE),
        (Lang::En, STOP_EN),
        (Lang::Es, STOP_ES),
        (Lang::Fr, STOP_FR),
    ]
}

/// Longest stop word, in characters: a longer word cannot match (lower-casing never shortens a
/// word in characters), so it is counted without being lower-cased.
const MAX_STOP_CHARS: usize = 7;

/// Every stop word with the set of lists (bit i = `stop_lists()[i]`) it belongs to, sorted for
/// binary search: one lookup per word instead of a scan of four lists.
fn stop_table() -> &'static [(&'static str, u8)] {
    static TABLE: OnceLock<Vec<(&'static str, u8)>> = OnceLock::new();
    TABLE.get_or_init(|| {
        let mut m: std::collections::BTreeMap<&'static str, u8> = Default::default();
        for (i, (_, list)) in stop_lists().iter().enumerate() {
            for w in list.iter() {
                debug_assert!(w.chars().count() <= MAX_STOP_CHARS);
                *m.entry(*w).or_insert(0) |= 1 << i;
            }
        }
        m.into_iter().collect()
    })
}

/// Stop-word hits per Latin-script language (de, en, es, fr), and the number of words.
pub fn stopword_votes(text: &str) -> ([usize; 4], usize) {
    let v = stop_votes(text);
    (v.all, v.words)
}

/// Stop-word hits of a text.
#[derive(Clone, Copy, Debug, Default)]
struct Votes {
    /// Hits per list (a word on two lists counts for both).
    all: [usize; 4],
    /// Hits of words that are on one list only (`de`, `la`, `en`, `que` … tell Spanish from
    /// French nothing).
    own: [usize; 4],
    words: usize,
}

fn stop_votes(text: &str) -> Votes {
    let table = stop_table();
    let mut v = Votes::default();
    let mut buf = String::new();
    for w in text.split(|c: char| !is_letter(c)) {
        if w.is_empty() {
            continue;
        }
        v.words += 1;
        if w.len() > MAX_STOP_CHARS
            && (w.len() > 4 * MAX_STOP_CHARS || w.chars().count() > MAX_STOP_CHARS)
        {
            continue;
        }
        let key: &str = if w.bytes().all(|b| b.is_ascii_lowercase()) {
            w
        } else {
            buf.clear();
            buf.extend(w.chars().flat_map(char::to_lowercase));
            &buf
        };
        if let Ok(k) = table.binary_search_by(|(s, _)| (*s).cmp(key)) {
            let mask = table[k].1;
            for i in 0..4 {
                if mask & (1 << i) != 0 {
                    v.all[i] += 1;
                    if mask.count_ones() == 1 {
                        v.own[i] += 1;
                    }
                }
            }
        }
    }
    v
}

/// What the cheap checks know about one text, each part computed at most once.
struct Cheap<'a> {
    text: &'a str,
    sc: ScriptCounts,
    votes: std::cell::OnceCell<Votes>,
}

impl<'a> Cheap<'a> {
    fn new(text: &'a str) -> Self {
        Cheap {
            text,
            sc: script_counts(text),
            votes: std::cell::OnceCell::new(),
        }
    }

    /// Letters (language-bearing characters).
    fn letters(&self) -> usize {
        self.sc.latin + self.sc.cyrillic + self.sc.other
    }

    fn votes(&self) -> ([usize; 4], usize) {
        let v = self.all_votes();
        (v.all, v.words)
    }

    fn all_votes(&self) -> Votes {
        *self.votes.get_or_init(|| stop_votes(self.text))
    }

    /// See [`cheap_guess`].
    fn guess(&self) -> Option<(Lang, f64)> {
        let sc = self.sc;
        let letters = self.letters();
        if letters == 0 {
            return None;
        }
        if sc.cyrillic * 10 >= letters * 9 {
            return Some((Lang::Ru, 1.0));
        }
        if sc.latin * 10 < letters * 9 {
            return None;
        }
        let (votes, words) = self.votes();
        // Winner: most votes, ties to the first list; runner-up: the most votes among the rest.
        let mut best = 0;
        for i in 1..4 {
            if votes[i] > votes[best] {
                best = i;
            }
        }
        let bv = votes[best];
        let sv = (0..4)
            .filter(|&i| i != best)
            .map(|i| votes[i])
            .max()
            .unwrap_or(0);
        // Clear: enough stop words, a share of the text, and a wide margin over the runner-up.
        if bv >= 4 && bv * 100 >= words * 15 && bv >= 3 * sv.max(1) {
            let conf = (bv - sv) as f64 / bv as f64;
            return Some((stop_lists()[best].0, conf));
        }
        None
    }

    /// See [`consistent_with`].
    fn consistent_with(&self, lang: Lang) -> bool {
        let sc = self.sc;
        if sc.cyrillic * 10 > (sc.latin + sc.cyrillic) {
            return false;
        }
        let Some(i) = stop_lists().iter().position(|(l, _)| *l == lang) else {
            return false;
        };
        let (votes, words) = self.votes();
        let mine = votes[i];
        let other = votes
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, v)| *v)
            .max()
            .unwrap_or(0);
        mine >= 2 && mine > other && mine * 100 >= words * 8
    }
}

/// A cheap guess: Cyrillic script → Russian; otherwise the clear stop-word winner.
/// Returns the language and a pseudo-confidence, or `None` when not clear.
pub fn cheap_guess(text: &str) -> Option<(Lang, f64)> {
    Cheap::new(text).guess()
}

/// True when a Latin-script text's stop words favour `lang` more than any other language (and
/// there are some), and the text is essentially Latin-script.
pub fn consistent_with(text: &str, lang: Lang) -> bool {
    Cheap::new(text).consistent_with(lang)
}

/// The statement-level stop-word vote: paragraphs too short or too mixed to be clear one by one
/// are pooled (stop words of the whole body, weighted by occurrence), which is decisive for
/// most bodies of short sentences. Requires an essentially one-script body, a large number of
/// stop words, and a wide margin; otherwise `None` (lingua decides on a sample).
fn pooled_guess(paras: &[Cheap<'_>]) -> Option<(Lang, f64)> {
    let mut sc = ScriptCounts::default();
    for c in paras {
        sc.latin += c.sc.latin;
        sc.cyrillic += c.sc.cyrillic;
        sc.other += c.sc.other;
    }
    let letters = sc.latin + sc.cyrillic + sc.other;
    if letters == 0 || sc.latin * 100 < letters * 98 {
        return None;
    }
    let mut own = [0usize; 4];
    let mut hits = 0;
    let mut words = 0;
    for c in paras {
        let v = c.all_votes();
        for (o, x) in own.iter_mut().zip(v.own) {
            *o += x;
        }
        hits += v.all.iter().max().copied().unwrap_or(0);
        words += v.words;
    }
    // Decided on the words that belong to one language only.
    let mut best = 0;
    for i in 1..4 {
        if own[i] > own[best] {
            best = i;
        }
    }
    let bv = own[best];
    let sv = (0..4)
        .filter(|&i| i != best)
        .map(|i| own[i])
        .max()
        .unwrap_or(0);
    if bv >= 10 && hits * 100 >= words * 10 && bv >= 5 * sv.max(1) {
        return Some((stop_lists()[best].0, (bv - sv) as f64 / bv as f64));
    }
    None
}

/// Identifies a standalone text: the cheap guess when it is clear, lingua otherwise.
pub fn identify_text(text: &str, id: &dyn Identifier) -> Option<(Lang, f64)> {
    cheap_guess(text).or_else(|| id.identify(text))
}

/// Below this many letters a paragraph inherits its statement's language.
pub const MIN_LETTERS: usize = 25;

/// How a paragraph's language was decided (for measurements).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LangIdStats {
    pub paragraphs: usize,
    pub inherited: usize,
    pub cheap: usize,
    pub lingua: usize,
    pub lingua_bytes: usize,
}

impl LangIdStats {
    pub fn add(&mut self, o: &LangIdStats) {
        self.paragraphs += o.paragraphs;
        self.inherited += o.inherited;
        self.cheap += o.cheap;
        self.lingua += o.lingua;
        self.lingua_bytes += o.lingua_bytes;
    }
}

/// Identifies the language of a statement and of each of its paragraphs, in place.
///
/// The statement's language is the length-weighted vote of its paragraphs' cheap guesses (lingua
/// on a sample when the vote is unclear). Each paragraph then keeps the statement's language
/// unless its own evidence says otherwise: a script change, or a clear stop-word vote for another
/// language confirmed by lingua.
pub fn identify_statement(st: &mut Statement, id: &dyn Identifier) -> LangIdStats {
    let mut stats = LangIdStats::default();
    // Statement language.
    let mut weight = [0f64; 5];
    let mut total = 0f64;
    // Link targets, tags and addresses are the same in every language: the readable text is
    // what is identified (kept only for the paragraphs that have any).
    let readable: Vec<Option<String>> = st
        .paragraphs
        .iter()
        .map(|p| match crate::text::language_text(&p.text) {
            std::borrow::Cow::Owned(t) => Some(t),
            std::borrow::Cow::Borrowed(_) => None,
        })
        .collect();
    let cheap: Vec<Cheap<'_>> = st
        .paragraphs
        .iter()
        .zip(&readable)
        .map(|(p, r)| Cheap::new(r.as_deref().unwrap_or(&p.text)))
        .collect();
    let guesses: Vec<Option<(Lang, f64)>> = cheap.iter().map(Cheap::guess).collect();
    let letters: Vec<usize> = cheap.iter().map(Cheap::letters).collect();
    for (&n, g) in letters.iter().zip(&guesses) {
        let n = n as f64;
        total += n;
        if let Some((l, _)) = g {
            weight[*l as usize] += n;
        }
    }
    let title_guess = cheap_guess(&st.title);
    let best = (0..5)
        .max_by(|&a, &b| weight[a].total_cmp(&weight[b]).then(b.cmp(&a)))
        .unwrap_or(0);
    let pooled = if total > 0.0 && weight[best] >= 0.6 * total {
        None
    } else {
        pooled_guess(&cheap)
    };
    let (lang, conf) = if total > 0.0 && weight[best] >= 0.6 * total {
        (Some(Lang::ALL[best]), weight[best] / total)
    } else if let Some((l, c)) = pooled {
        (Some(l), c)
    } else if let Some(d) = st
        .declared_lang
        .or_else(|| st.date_raw.as_deref().and_then(crate::date::date_language))
        .filter(|_| guesses.iter().all(Option::is_none) && title_guess.is_none())
    {
        // Not one stop word or letter of a decisive script in the text (names, links, figures):
        // lingua would guess from names; the page's own declaration, or the language of its
        // date line, is better evidence.
        (Some(d), 0.0)
    } else {
        let mut sample = crate::text::language_text(&st.title).into_owned();
        for (p, r) in st.paragraphs.iter().zip(&readable) {
            if sample.len() > 1500 {
                break;
            }
            sample.push('\n');
            sample.push_str(r.as_deref().unwrap_or(&p.text));
        }
        stats.lingua_bytes += sample.len();
        match id.identify(&sample) {
            Some((l, c)) => (Some(l), c),
            None => match title_guess {
                Some((l, c)) => (Some(l), c),
                None => (st.declared_lang, 0.0),
            },
        }
    };
    let Some(slang) = lang else {
        st.lang = lang;
        st.lang_confidence = conf;
        return stats;
    };
    // Per paragraph: (letters, Cyrillic letters, weak but consistent stop-word evidence for
    // the statement's language), computed while the texts are borrowed.
    let facts: Vec<(usize, usize, bool)> = cheap
        .iter()
        .zip(&guesses)
        .map(|(c, g)| {
            let n = c.letters();
            let consistent =
                n >= MIN_LETTERS && g.is_none() && slang != Lang::Ru && c.consistent_with(slang);
            (n, c.sc.cyrillic, consistent)
        })
        .collect();
    drop(cheap);
    st.lang = lang;
    st.lang_confidence = conf;
    for (((p, g), (n, cyrillic, consistent)), r) in st
        .paragraphs
        .iter_mut()
        .zip(guesses)
        .zip(facts)
        .zip(&readable)
    {
        stats.paragraphs += 1;
        if n < MIN_LETTERS {
            stats.inherited += 1;
            p.lang = Some(slang);
            p.lang_confidence = 0.0;
            continue;
        }
        if consistent {
            // Weak but consistent evidence: the statement's own stop words lead.
            stats.cheap += 1;
            p.lang = Some(slang);
            p.lang_confidence = 0.5;
            continue;
        }
        match g {
            Some((l, c)) if l == slang => {
                stats.cheap += 1;
                p.lang = Some(l);
                p.lang_confidence = c;
            }
            Some((Lang::Ru, c)) => {
                // Script evidence is decisive: only Russian is Cyrillic here.
                stats.cheap += 1;
                p.lang = Some(Lang::Ru);
                p.lang_confidence = c;
            }
            _ if slang == Lang::Ru && cyrillic * 2 < n => {
                // A Latin-script paragraph in a Russian statement: which Latin language?
                stats.lingua += 1;
                let text = r.as_deref().unwrap_or(&p.text);
                stats.lingua_bytes += text.len();
                match id.identify(text) {
                    Some((l, c)) => {
                        p.lang = Some(l);
                        p.lang_confidence = c;
                    }
                    None => {
                        p.lang = Some(slang);
                        p.lang_confidence = 0.0;
                    }
                }
            }
            other => {
                // Unclear, or a clear vote for another Latin language: ask lingua, and require
                // it to be confident before calling the paragraph foreign.
                stats.lingua += 1;
                let text = r.as_deref().unwrap_or(&p.text);
                stats.lingua_bytes += text.len();
                match id.identify(text) {
                    Some((l, c))
                        if l != slang
                            && (c >= 0.75 || other.is_some_and(|(g, _)| g == l) && c >= 0.5) =>
                    {
                        p.lang = Some(l);
                        p.lang_confidence = c;
                    }
                    Some((l, c)) if l == slang => {
                        p.lang = Some(l);
                        p.lang_confidence = c;
                    }
                    _ => {
                        p.lang = Some(slang);
                        p.lang_confidence = 0.0;
                    }
                }
            }
        }
    }
    stats
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_tags_carry_no_script() {
        let t = "Подробнее см. <a href=\"https://support.example.org/kb/privacy-settings\">настройки приватности</a> и www.example.org/help или info@example.org";
        let c = script_counts(t);
        assert!(c.cyrillic > 5 * c.latin, "{c:?}");
        assert_eq!(cheap_guess(t).map(|g| g.0), Some(Lang::Ru));
    }

    #[test]
    fn cheap_guesses() {
        assert_eq!(
            cheap_guess("Россия и Франция подписали соглашение.").map(|g| g.0),
            Some(Lang::Ru)
        );
        assert_eq!(
            cheap_guess("Die Bundesregierung hat sich für eine Verlängerung des Abkommens mit den Partnern ausgesprochen und wird das auch weiter tun.").map(|g| g.0),
            Some(Lang::De)
        );
        assert_eq!(
            cheap_guess("The ministers of the two countries have agreed that the talks will continue in the spring and that they are open to all.").map(|g| g.0),
            Some(Lang::En)
        );
        assert_eq!(cheap_guess("2019 – 2020"), None);
    }

    #[test]
    fn lingua_is_given_no_word_longer_than_the_cap() {
        let text = "Слово и ещё одно слово.";
        assert!(matches!(lingua_text(text), std::borrow::Cow::Borrowed(_)));
        let blob = format!("Hello {} world", "x".repeat(2 * MAX_LINGUA_WORD + 5));
        let cut = lingua_text(&blob);
        let longest = cut
            .split(|c: char| !is_letter(c))
            .map(|w| w.chars().count())
            .max();
        assert_eq!(longest, Some(MAX_LINGUA_WORD));
        // Nothing but the inserted spaces changes.
        assert_eq!(cut.replace(' ', ""), blob.replace(' ', ""));
        assert_eq!(cut.matches(' ').count(), blob.matches(' ').count() + 2);
    }

    #[test]
    fn lingua_identifies() {
        let l = Lingua;
        assert_eq!(
            l.identify("Le ministre a rappelé que la France reste attachée au dialogue.")
                .map(|x| x.0),
            Some(Lang::Fr)
        );
        assert_eq!(
            l.identify("El ministro recordó que España sigue comprometida con el diálogo.")
                .map(|x| x.0),
            Some(Lang::Es)
        );
    }

    #[test]
    fn a_page_of_links_takes_the_language_its_page_declares_or_dates_in() {
        let links = [
            "[Google](https://policies.google.com/privacy)",
            "[Microsoft (Bing)](https://www.microsoft.com/privacy/privacystatement#mainsearchaimodule)",
            "[DuckDuckGo](https://duckduckgo.com/privacy)",
            "[eBay.com](https://www.ebay.com/help/policies/member-behaviour-policies/user-privacy-notice-privacy-policy?id=4260)",
        ];
        let page = |declared: Option<Lang>, date: Option<&str>| {
            let mut st = Statement {
                declared_lang: declared,
                date_raw: date.map(str::to_string),
                ..Statement::plain("p#main", links[0], &links[1..])
            };
            identify_statement(&mut st, &Lingua);
            st.lang
        };
        // The link targets are English words; the page is not English.
        assert_eq!(page(Some(Lang::Ru), None), Some(Lang::Ru));
        assert_eq!(page(None, Some("6 января 2021 г.")), Some(Lang::Ru));
        assert_eq!(page(None, Some("4 de enero de 2021")), Some(Lang::Es));
        assert_eq!(page(None, Some("19 February 2010")), Some(Lang::En));
    }

    #[test]
    fn a_paragraph_is_identified_by_its_prose_not_its_link_targets() {
        let mut st = Statement::plain(
            "p#main",
            "Datenschutz",
            &[
                "Wir haben unsere Hinweise zum Datenschutz überarbeitet, damit sie leichter zu lesen sind.",
                "Die Änderungen gelten ab dem ersten Tag des nächsten Monats für alle Nutzer.",
                "Mehr dazu unter [Datenschutzhinweis](https://www.mozilla.org/en-US/privacy/what-we-do-with-the-data-you-give-us-and-how-you-can-change-it/).",
            ],
        );
        identify_statement(&mut st, &Lingua);
        assert_eq!(st.lang, Some(Lang::De));
        assert_eq!(st.paragraphs[2].lang, Some(Lang::De));
    }
}
