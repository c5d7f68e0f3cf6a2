//! Language-switcher markers (`• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1`) and language tags.
//!
//! The switcher line on a statement page names every language version that exists, so it is the
//! cheapest evidence for grouping and gap audits. Tags are normalised to BCP 47 for output
//! (`EN_us` → `en-US`, bare `en` → `en-GB`), and tags for languages we do not align (`pt-BR`,
//! `zh-Hans`) are kept with `lang: None` so the audit can still count them. To keep ordinary
//! short lines (`Mr`, `In 2019`, `EU UN`) from being taken for switchers, two-letter words must be
//! real ISO 639-1 codes ([`ISO_639_1`]) and a line without one of our five languages needs more
//! than one tag and some tag-like evidence (a region, a digit suffix or lower-case codes).

use crate::model::{Lang, LangTag};

/// Parses one language tag (`de-DE1`, `ru`, `EN_gb`, `pt-BR`).
pub fn parse_tag(raw: &str) -> LangTag {
    let unknown = || LangTag {
        raw: raw.to_string(),
        lang: None,
        tag: None,
    };
    let Some(parts) = split_tag(raw) else {
        return unknown();
    };
    let Some(lang) = Lang::from_code(&parts.language) else {
        return unknown();
    };
    let tag = match &parts.region {
        Some(r) => format!("{}-{r}", lang.code()),
        None => lang.default_tag().to_string(),
    };
    LangTag {
        raw: raw.to_string(),
        lang: Some(lang),
        tag: Some(tag),
    }
}

/// Parses an HTML `hreflang` value; like [`parse_tag`], and `x-default` is kept as unknown.
pub fn parse_hreflang(value: &str) -> LangTag {
    let v = value.trim();
    if v.eq_ignore_ascii_case("x-default") {
        return LangTag {
            raw: v.to_string(),
            lang: None,
            tag: None,
        };
    }
    parse_tag(v)
}

/// If `line` is a language-switcher line, returns its tags in order (unknown tags kept with
/// `lang: None`). Returns `None` when the line is not a switcher.
pub fn parse_switcher(line: &str) -> Option<Vec<LangTag>> {
    let body = line.trim().trim_start_matches(is_bullet).trim();
    if body.is_empty() {
        return None;
    }
    if let Some(tags) = name_switcher(body) {
        return Some(tags);
    }
    let mut tags = Vec::new();
    let mut tag_like = false; // some tag has a region or digit suffix
    let mut all_lower = true;
    for tok in body.split(|c: char| c.is_whitespace() || is_separator(c)) {
        if tok.is_empty() {
            continue;
        }
        if tok.len() <= 2 && tok.bytes().all(|b| b.is_ascii_digit()) {
            continue; // a counter detached from its tag (`de 1 en 2`)
        }
        let parts = split_tag(tok)?;
        if !is_language_subtag(&parts.language) {
            return None;
        }
        tag_like |= parts.region.is_some() || parts.script || parts.digits;
        all_lower &= !tok.chars().any(char::is_uppercase);
        tags.push(parse_tag(tok));
    }
    let ours = tags.iter().any(|t| t.lang.is_some());
    let accepted = ours || (tags.len() >= 2 && (tag_like || all_lower));
    accepted.then_some(tags)
}

/// Language names a switcher may show instead of codes (lower-case), with the tag they stand
/// for: our five languages in their own name and in English (and German for English), and the
/// other languages ministry sites most often offer.
const NAMES: &[(&str, &str)] = &[
    ("deutsch", "de-DE"),
    ("german", "de-DE"),
    ("english", "en-GB"),
    ("englisch", "en-GB"),
    ("español", "es-ES"),
    ("espanol", "es-ES"),
    ("spanish", "es-ES"),
    ("français", "fr-FR"),
    ("francais", "fr-FR"),
    ("french", "fr-FR"),
    ("русский", "ru-RU"),
    ("russian", "ru-RU"),
    ("português", "pt-PT"),
    ("portuguese", "pt-PT"),
    ("italiano", "it-IT"),
    ("中文", "zh-CN"),
    ("chinese", "zh-CN"),
    ("العربية", "ar"),
    ("arabic", "ar"),
    ("日本語", "ja-JP"),
    ("polski", "pl-PL"),
    ("українська", "uk-UA"),
];

/// The tag a (lower-case) language name stands for in a switcher.
pub fn name_tag(lower: &str) -> Option<&'static str> {
    NAMES.iter().find(|(n, _)| *n == lower).map(|(_, t)| *t)
}

/// A switcher line of language names (`Deutsch | English | Español | Русский`): two or more
/// names, one of them ours, nothing else but separators.
fn name_switcher(body: &str) -> Option<Vec<LangTag>> {
    let mut tags = Vec::new();
    for tok in body.split(|c: char| c.is_whitespace() || is_separator(c)) {
        if tok.is_empty() {
            continue;
        }
        tags.push(parse_tag(name_tag(&tok.to_lowercase())?));
    }
    (tags.len() >= 2 && tags.iter().any(|t| t.lang.is_some())).then_some(tags)
}

/// ISO 639-1 two-letter language codes (the complete list, deprecated `iw`/`in`/`ji` excluded).
pub const ISO_639_1: [&str; 183] = [
    "aa", "ab", "ae", "af", "ak", "am", "an", "ar", "as", "av", "ay", "az", "ba", "be", "bg", "bi",
    "bm", "bn", "bo", "br", "bs", "ca", "ce", "ch", "co", "cr", "cs", "cu", "cv", "cy", "da", "de",
    "dv", "dz", "ee", "el", "en", "eo", "es", "et", "eu", "fa", "ff", "fi", "fj", "fo", "fr", "fy",
    "ga", "gd", "gl", "gn", "gu", "gv", "ha", "he", "hi", "ho", "hr", "ht", "hu", "hy", "hz", "ia",
    "id", "ie", "ig", "ii", "ik", "io", "is", "it", "iu", "ja", "jv", "ka", "kg", "ki", "kj", "kk",
    "kl", "km", "kn", "ko", "kr", "ks", "ku", "kv", "kw", "ky", "la", "lb", "lg", "li", "ln", "lo",
    "lt", "lu", "lv", "mg", "mh", "mi", "mk", "ml", "mn", "mr", "ms", "mt", "my", "na", "nb", "nd",
    "ne", "ng", "nl", "nn", "no", "nr", "nv", "ny", "oc", "oj", "om", "or", "os", "pa", "pi", "pl",
    "ps", "pt", "qu", "rm", "rn", "ro", "ru", "rw", "sa", "sc", "sd", "se", "sg", "si", "sk", "sl",
    "sm", "sn", "so", "sq", "sr", "ss", "st", "su", "sv", "sw", "ta", "te", "tg", "th", "ti", "tk",
    "tl", "tn", "to", "tr", "ts", "tt", "tw", "ty", "ug", "uk", "ur", "uz", "ve", "vi", "vo", "wa",
    "wo", "xh", "yi", "yo", "za", "zh", "zu",
];

/// True for an ISO 639-1 code or a three-letter code of one of our languages (`deu`, `rus`).
fn is_language_subtag(code: &str) -> bool {
    let lower = code.to_ascii_lowercase();
    match lower.len() {
        2 => ISO_639_1.binary_search(&lower.as_str()).is_ok(),
        3 => Lang::from_code(&lower).is_some(),
        _ => false,
    }
}

/// The pieces of a tag such as `sr-Latn-RS2`.
struct TagParts {
    language: String,
    /// Upper-case region (`DE`, `419`).
    region: Option<String>,
    script: bool,
    digits: bool,
}

/// Splits `de-DE1`, `EN_us`, `zh-Hans`, `sr-Latn-RS`; `None` when `raw` is not tag-shaped.
fn split_tag(raw: &str) -> Option<TagParts> {
    let raw = raw.trim();
    // Trailing counter digits (`de-DE1`), unless the last subtag is a numeric region (`es-419`).
    let last = raw.rsplit(['-', '_']).next().unwrap_or(raw);
    let numeric_region =
        last.len() == 3 && last.len() < raw.len() && last.bytes().all(|b| b.is_ascii_digit());
    let body = if numeric_region {
        raw
    } else {
        raw.trim_end_matches(|c: char| c.is_ascii_digit())
    };
    let digits = body.len() < raw.len();
    let mut it = body.split(['-', '_']);
    let language = it.next()?;
    if !(2..=3).contains(&language.len()) || !language.bytes().all(|b| b.is_ascii_alphabetic()) {
        return None;
    }
    let mut region = None;
    let mut script = false;
    for sub in it {
        let alpha = sub.bytes().all(|b| b.is_ascii_alphabetic());
        let numeric = sub.bytes().all(|b| b.is_ascii_digit());
        match sub.len() {
            2 if alpha && region.is_none() => region = Some(sub.to_ascii_uppercase()),
            3 if numeric && region.is_none() => region = Some(sub.to_string()),
            4 if alpha && !script && region.is_none() => script = true,
            5..=8 if sub.bytes().all(|b| b.is_ascii_alphanumeric()) => {} // variant
            _ => return None,
        }
    }
    Some(TagParts {
        language: language.to_ascii_lowercase(),
        region,
        script,
        digits,
    })
}

fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '•' | '·' | '*' | '-' | '|' | '‣' | '▪' | '◦' | '–' | '—' | '>'
    ) || c.is_whitespace()
}

fn is_separator(c: char) -> bool {
    matches!(c, '|' | '/' | ',' | '·' | '•' | ';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switchers_of_language_names() {
        let langs = |l: &str| {
            parse_switcher(l).map(|t| {
                t.iter()
                    .map(|x| x.lang.map(|l| l.code()))
                    .collect::<Vec<_>>()
            })
        };
        assert_eq!(
            langs("Deutsch | English | Español | Русский | Français"),
            Some(vec![
                Some("de"),
                Some("en"),
                Some("es"),
                Some("ru"),
                Some("fr")
            ])
        );
        assert_eq!(
            langs("English, Italiano, 中文"),
            Some(vec![Some("en"), None, None])
        );
        // One name, or names among other words, is text.
        assert_eq!(langs("English"), None);
        assert_eq!(langs("English and French"), None);
        assert_eq!(langs("Italiano 中文"), None);
    }

    fn tag(raw: &str) -> (Option<Lang>, Option<String>) {
        let t = parse_tag(raw);
        assert_eq!(t.raw, raw);
        (t.lang, t.tag)
    }

    #[test]
    fn iso_list_is_sorted_for_binary_search() {
        assert!(ISO_639_1.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn tags() {
        let known = [
            ("de-DE1", Lang::De, "de-DE"),
            ("ru-RU1", Lang::Ru, "ru-RU"),
            ("en", Lang::En, "en-GB"),
            ("EN_us", Lang::En, "en-US"),
            ("fr-ca2", Lang::Fr, "fr-CA"),
            ("es-419", Lang::Es, "es-419"),
            ("ES", Lang::Es, "es-ES"),
            ("deu", Lang::De, "de-DE"),
            ("ru-Cyrl-RU", Lang::Ru, "ru-RU"),
            ("fr3", Lang::Fr, "fr-FR"),
        ];
        for (raw, lang, t) in known {
            assert_eq!(tag(raw), (Some(lang), Some(t.to_string())), "{raw}");
        }
        for raw in [
            "pt-BR1",
            "zh-Hans",
            "sr-Latn-RS",
            "x-default",
            "",
            "english-GB",
            "d",
        ] {
            assert_eq!(tag(raw), (None, None), "{raw}");
        }
        assert_eq!(parse_hreflang("x-default").lang, None);
        assert_eq!(parse_hreflang("x-default").raw, "x-default");
        assert_eq!(parse_hreflang(" de-AT ").tag.as_deref(), Some("de-AT"));
    }

    fn codes(line: &str) -> Option<Vec<String>> {
        parse_switcher(line).map(|v| {
            v.into_iter()
                .map(|t| t.tag.unwrap_or_else(|| format!("?{}", t.raw)))
                .collect()
        })
    }

    #[test]
    fn switcher_lines() {
        let five = ["de-DE", "en-GB", "es-ES", "ru-RU", "fr-FR"]
            .map(String::from)
            .to_vec();
        for line in [
            "  • de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1",
            "de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1",
            "• de-DE en-GB es-ES ru-RU fr-FR",
            "DE-de | EN-gb | ES-es | RU-ru | FR-fr",
            "de / en / es / ru / fr",
            "de, en, es, ru, fr",
            "· de · en · es · ru · fr",
            "* DE EN ES RU FR",
            "- de en es ru fr",
            "| de | en | es | ru | fr |",
            "de 1 en 1 es 1 ru 1 fr 1",
        ] {
            assert_eq!(codes(line).as_ref(), Some(&five), "{line:?}");
        }
        assert_eq!(
            codes("en-GB1 pt-BR1 zh-Hans"),
            Some(vec!["en-GB".into(), "?pt-BR1".into(), "?zh-Hans".into()])
        );
        assert_eq!(
            codes("pt zh ar"),
            Some(vec!["?pt".into(), "?zh".into(), "?ar".into()])
        );
        assert_eq!(
            codes("pt-BR1 it-IT1"),
            Some(vec!["?pt-BR1".into(), "?it-IT1".into()])
        );
        assert_eq!(codes("RU"), Some(vec!["ru-RU".into()]));
        assert_eq!(
            codes("sr-Latn-RS de"),
            Some(vec!["?sr-Latn-RS".into(), "de-DE".into()])
        );
    }

    #[test]
    fn not_switcher_lines() {
        for line in [
            "",
            "•",
            "In 2019",
            "Mr",
            "EU UN",
            "EU IT",
            "UN",
            "pt",
            "de-DE1 Foreign Minister",
            "Lavrov said",
            "16 October 2019",
            "Moscow: 21:06",
            "de en ru 2019",
            "all messages",
            "Advanced settings",
            "SPEECHES, INTERVIEWS, ARTICLES",
            "G20 / UN",
            "xx-YY zz-QQ",
            "de-DE-Hans-XX-YY",
            "a b c",
        ] {
            assert_eq!(codes(line), None, "{line:?}");
        }
    }
}
