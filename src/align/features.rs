//! Per-segment evidence for the aligner: character length and the "anchor keys" that survive
//! translation (numbers, cognates and names compared after transliteration, acronyms, URLs,
//! punctuation and list markers), plus word stems for lexicon training.
//!
//! A key is a 64-bit hash of a typed string, so two segments in different languages share a key
//! exactly when they share that piece of evidence; counting shared keys is a sorted-list merge.
//! Hashes are FNV-1a, which is stable across runs and platforms, so ids never depend on
//! iteration order or thread count.

/// What kind of evidence a key carries; the aligner weights kinds differently.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum KeyKind {
    /// A number of two or more digits (years, resolution numbers, amounts).
    Number = 0,
    /// A one-digit number (list items, small counts: frequent, weaker).
    SmallNumber = 1,
    /// The first four letters of a word of four or more letters, after transliteration and a
    /// light spelling fold (Simard et al.'s cognates; also names across scripts).
    Cognate = 2,
    /// An all-capitals token (acronym), transliterated.
    Acronym = 3,
    /// A URL or e-mail address.
    Url = 4,
    /// Punctuation that translators keep: `?`, `!`, quotes, parentheses, colon, list markers.
    Punct = 5,
    /// A word pair from the learned or user lexicon.
    Lexicon = 6,
}

/// Number of key kinds (size of per-kind weight tables).
pub const NUM_KINDS: usize = 7;

/// One key occurrence in a segment: its id is the hash of the evidence with the kind in its
/// three low bits (8 bytes a key instead of 16: the keys of every paragraph of a corpus are
/// held through grouping and alignment).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub id: u64,
}

impl Key {
    /// The key of `kind` for the evidence hashed as `hash`.
    pub fn new(hash: u64, kind: KeyKind) -> Key {
        Key {
            id: (hash & !7) | kind as u64,
        }
    }

    /// The kind of evidence the key carries.
    pub fn kind(self) -> KeyKind {
        match self.id & 7 {
            0 => KeyKind::Number,
            1 => KeyKind::SmallNumber,
            2 => KeyKind::Cognate,
            3 => KeyKind::Acronym,
            4 => KeyKind::Url,
            5 => KeyKind::Punct,
            _ => KeyKind::Lexicon,
        }
    }
}

/// Features of one segment.
#[derive(Clone, Debug, Default)]
pub struct SegFeatures {
    /// Length in characters (whitespace runs count as one).
    pub chars: u32,
    /// Anchor keys, sorted by id, duplicates kept (multiset).
    pub keys: Vec<Key>,
    /// Hashed word stems (lower-cased first six letters), in text order, for the lexicon.
    pub stems: Vec<u64>,
    /// Number of heading lines (Markdown `#`): translations keep headings, so a bead whose
    /// sides hold different numbers of headings is suspect.
    pub headings: u32,
}

use crate::anchors::{cognate_key, lower, Fnv, Scratch};
pub use crate::anchors::{cognate_prefix, hash_key, normalize_number, spelling_fold, translit};
use crate::text::{is_letter, is_letter_or_digit};

/// Hash of a word's stem, its first six lower-case letters: as `hash_key(b'S', stem)` of
/// `word.to_lowercase()` cut to six characters, without building either string.
fn stem_hash(word: &str, has_sigma: bool) -> u64 {
    // `str::to_lowercase` maps every character on its own except the Greek capital sigma,
    // whose lower case depends on its neighbours.
    if has_sigma {
        let lower = word.to_lowercase();
        let stem: String = lower.chars().take(6).collect();
        return hash_key(b'S', &stem);
    }
    let mut h = Fnv::new(b'S');
    if word.is_ascii() {
        for b in word.bytes().take(6) {
            h.bytes(&[b.to_ascii_lowercase()]);
        }
        return h.0;
    }
    for c in word.chars().flat_map(lower).take(6) {
        h.char(c);
    }
    h.0
}

/// The length of a segment as the features count it ([`SegFeatures::chars`]): characters of
/// the trimmed text, each run of whitespace counted as one.
pub fn char_count(text: &str) -> u32 {
    let mut chars = 0u32;
    let mut prev_ws = true;
    let mut count = |ws: bool| {
        if !ws || !prev_ws {
            chars += 1;
        }
        prev_ws = ws;
    };
    let trimmed = text.trim();
    if trimmed.is_ascii() {
        // `char::is_whitespace` on ASCII: space and U+0009..=U+000D.
        for b in trimmed.bytes() {
            count(matches!(b, b' ' | b'\t'..=b'\r'));
        }
    } else {
        for c in trimmed.chars() {
            count(c.is_whitespace());
        }
    }
    chars
}

/// Extracts the features of one segment.
pub fn extract(text: &str) -> SegFeatures {
    let mut keys = Vec::new();
    let mut stems = Vec::new();
    let chars = char_count(text);
    let mut headings = 0u32;

    // List markers and headings at the start of the segment or of a line (Markdown bullets,
    // numbered items): translators keep document structure.
    let mut marker = |line: &str| {
        let l = line.trim_start();
        let marker = if l.starts_with('#') {
            let n = l.chars().take_while(|&c| c == '#').count();
            headings += 1;
            Some(format!("h{n}"))
        } else if l.starts_with("* ") || l.starts_with("- ") || l.starts_with("• ") {
            Some("bullet".to_string())
        } else {
            None
        };
        if let Some(m) = marker {
            keys.push(Key::new(hash_key(b'L', &m), KeyKind::Punct));
        }
    };
    // Most segments are one line: without a newline or a byte 0xE2 (U+2028 is E2 80 A8) there
    // is nothing to split.
    if text.bytes().any(|b| b == b'\n' || b == 0xE2) {
        text.split(['\n', '\u{2028}']).for_each(&mut marker);
    } else {
        marker(text);
    }

    let mut buf = Scratch::default();
    let mut word = String::new();
    for chunk in text.split_whitespace() {
        // URLs and e-mail addresses, possibly inside Markdown link syntax (the byte checks
        // only spare the substring searches).
        let bytes = chunk.as_bytes();
        let url_like = bytes.iter().any(|&b| b == b':' || b == b'w');
        if let Some(pos) = url_like
            .then(|| chunk.find("://"))
            .flatten()
            .map(|p| {
                chunk[..p]
                    .rfind(|c: char| !c.is_ascii_alphabetic())
                    .map_or(0, |q| q + 1)
            })
            .or_else(|| url_like.then(|| chunk.find("www.")).flatten())
        {
            let rest = &chunk[pos..];
            let end = rest
                .find([')', ']', '>', '"', '\'', '<', ','])
                .unwrap_or(rest.len());
            let url = rest[..end].trim_end_matches(['.', ';', ':']);
            let url = url.split_once("://").map_or(url, |(_, r)| r);
            let url = url.trim_start_matches("www.").to_ascii_lowercase();
            keys.push(Key::new(hash_key(b'U', &url), KeyKind::Url));
            scan_words(&chunk[..pos], &mut keys, &mut stems, &mut word, &mut buf);
            continue;
        }
        if let Some(at) = bytes.iter().position(|&b| b == b'@') {
            if at > 0 && chunk[at..].contains('.') {
                let e = chunk
                    .trim_matches(|c: char| !is_letter_or_digit(c))
                    .to_lowercase();
                keys.push(Key::new(hash_key(b'U', &e), KeyKind::Url));
                continue;
            }
        }
        scan_words(chunk, &mut keys, &mut stems, &mut word, &mut buf);
    }
    if text.bytes().any(|b| b.is_ascii_digit()) {
        numbers(text, &mut keys);
    }
    keys.sort_unstable();
    SegFeatures {
        chars,
        keys,
        stems,
        headings,
    }
}

/// Features of every segment, extracted in parallel (in order).
pub fn extract_all(segments: &[&str]) -> Vec<SegFeatures> {
    use rayon::prelude::*;
    segments.par_iter().map(|s| extract(s)).collect()
}

/// Features of a statement's paragraphs, in order: what grouping profiles and paragraph
/// alignment compare.
pub fn paragraphs(st: &crate::model::Statement) -> Vec<SegFeatures> {
    let texts: Vec<&str> = st.paragraphs.iter().map(|p| p.text.as_str()).collect();
    extract_all(&texts)
}

/// Number keys; numbers are scanned over the whole text because thousands separators may be
/// spaces ([`crate::anchors::scan_numbers`]).
fn numbers(text: &str, keys: &mut Vec<Key>) {
    crate::anchors::scan_numbers(text, |norm, digits| {
        // Digits glued to letters ("A320", "G7") are kept as numbers too: still evidence.
        let kind = if digits >= 2 {
            KeyKind::Number
        } else {
            KeyKind::SmallNumber
        };
        keys.push(Key::new(hash_key(b'N', norm), kind));
    });
}

fn scan_words(
    chunk: &str,
    keys: &mut Vec<Key>,
    stems: &mut Vec<u64>,
    word: &mut String,
    buf: &mut Scratch,
) {
    let mut flush = |word: &mut String, keys: &mut Vec<Key>, stems: &mut Vec<u64>| {
        if word.is_empty() {
            return;
        }
        let (mut n, mut upper, mut sigma) = (0, 0, false);
        if word.is_ascii() {
            n = word.len();
            upper = word.bytes().filter(u8::is_ascii_uppercase).count();
        } else {
            for c in word.chars() {
                n += 1;
                upper += c.is_uppercase() as usize;
                sigma |= c == 'Σ';
            }
        }
        if n >= 2 && upper == n {
            keys.push(Key::new(
                hash_key(b'A', &spelling_fold(&translit(word))),
                KeyKind::Acronym,
            ));
        }
        if let Some(id) = cognate_key(word, buf) {
            keys.push(Key::new(id, KeyKind::Cognate));
        }
        stems.push(stem_hash(word, sigma));
        word.clear();
    };
    word.clear();
    for c in chunk.chars() {
        if is_letter(c) {
            word.push(c);
            continue;
        }
        flush(word, keys, stems);
        let p = match c {
            '?' | '¿' => Some("?"),
            '!' | '¡' => Some("!"),
            '"' | '«' | '»' | '“' | '”' | '„' | '‹' | '›' => Some("\""),
            '(' | ')' => Some("("),
            ':' => Some(":"),
            ';' => Some(";"),
            '%' => Some("%"),
            '§' => Some("§"),
            '€' | '$' | '£' => Some("cur"),
            _ => None,
        };
        if let Some(p) = p {
            keys.push(Key::new(hash_key(b'P', p), KeyKind::Punct));
        }
    }
    flush(word, keys, stems);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// True when `f` has a key of the evidence `tag`, `s` (of any kind).
    fn has(f: &SegFeatures, tag: u8, s: &str) -> bool {
        let id = hash_key(tag, s);
        f.keys.iter().any(|k| k.id >> 3 == id >> 3)
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert!(lower(c).eq(c.to_lowercase()), "{c:?}");
        }
        for w in ["ΣΟΦΙΑΣ", "Straße", "ÉLYSÉE", "Лавров", "x"] {
            let stem: String = w.to_lowercase().chars().take(6).collect();
            assert_eq!(stem_hash(w, w.contains('Σ')), hash_key(b'S', &stem), "{w}");
        }
    }

    #[test]
    fn transliteration() {
        assert_eq!(translit("Лавров"), "lavrov");
        assert_eq!(translit("Müller"), "muller");
        assert_eq!(translit("Straße"), "strasse");
        assert_eq!(translit("Щука"), "shchuka");
        assert_eq!(translit("Élysée"), "elysee");
    }

    #[test]
    fn cognates_across_scripts() {
        assert_eq!(cognate_prefix("Лавров"), cognate_prefix("Lavrov"));
        assert_eq!(cognate_prefix("Сирия"), cognate_prefix("Syria"));
        assert_eq!(cognate_prefix("Сирии"), cognate_prefix("Syrie"));
        assert_eq!(cognate_prefix("Москва"), cognate_prefix("Moscow"));
        assert_eq!(cognate_prefix("Moskau"), cognate_prefix("Moscou"));
        assert_eq!(cognate_prefix("Gletscher"), cognate_prefix("Gletschern"));
        assert_eq!(cognate_prefix("der"), None);
        assert_ne!(cognate_prefix("Himalaya"), cognate_prefix("Montagne"));
    }

    #[test]
    fn numbers_normalised() {
        for s in ["1,000 Euro", "1.000 euros", "1 000 евро", "1000"] {
            let f = extract(s);
            assert!(has(&f, b'N', "1000"), "{s}");
        }
        let f = extract("4,45 %");
        assert!(has(&f, b'N', "4.45"));
        let f = extract("im Jahr 1956 3 Bilder");
        assert!(has(&f, b'N', "1956"));
        assert!(has(&f, b'N', "3"));
        let f = extract("resolution 2254 (2015)");
        assert!(has(&f, b'N', "2254") && has(&f, b'N', "2015"));
        assert!(has(&f, b'P', "("));
    }

    #[test]
    fn acronyms_urls_punct() {
        let a = extract("Die NATO und die OSZE? Siehe https://www.mozilla.org/about/.");
        let b = extract("НАТО и ОБСЕ? См. [сайт](https://mozilla.org/about/)");
        assert!(has(&a, b'A', "nato") && has(&b, b'A', "nato"));
        assert!(has(&a, b'U', "mozilla.org/about/") && has(&b, b'U', "mozilla.org/about/"));
        assert!(has(&a, b'P', "?") && has(&b, b'P', "?"));
        let m = extract("write to legal@mozilla.com");
        assert!(has(&m, b'U', "legal@mozilla.com"));
    }

    #[test]
    fn lengths_and_markers() {
        let f = extract("  ab   cd ");
        assert_eq!(f.chars, 5);
        let f = extract("* one\n* two");
        assert_eq!(
            f.keys
                .iter()
                .filter(|&&k| k == Key::new(hash_key(b'L', "bullet"), KeyKind::Punct))
                .count(),
            2
        );
        assert_eq!(f.stems.len(), 2);
    }

    #[test]
    fn a_key_keeps_its_kind_in_eight_bytes() {
        assert_eq!(std::mem::size_of::<Key>(), 8);
        for kind in [
            KeyKind::Number,
            KeyKind::SmallNumber,
            KeyKind::Cognate,
            KeyKind::Acronym,
            KeyKind::Url,
            KeyKind::Punct,
            KeyKind::Lexicon,
        ] {
            let k = Key::new(hash_key(b'N', "2015"), kind);
            assert_eq!(k.kind(), kind);
            assert_eq!(k.id >> 3, hash_key(b'N', "2015") >> 3);
        }
        let f = extract("resolution 2254 (2015), 3 items");
        let kinds: Vec<KeyKind> = f.keys.iter().map(|k| k.kind()).collect();
        assert!(kinds.contains(&KeyKind::Number) && kinds.contains(&KeyKind::SmallNumber));
        assert!(kinds.contains(&KeyKind::Punct) && kinds.contains(&KeyKind::Cognate));
    }
}
