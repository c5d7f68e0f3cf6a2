//! Per-segment evidence for the aligner: character length and the "anchor keys" that survive
//! translation (numbers, cognates and names compared after transliteration, acronyms, URLs,
//! punctuation and list markers), plus word stems for lexicon training.
//!
//! A key is a 64-bit hash of a typed string, so two segments in different languages share a key
//! exactly when they share that piece of evidence; counting shared keys is a sorted-list merge.
//! Hashes are FNV-1a, which is stable across runs and platforms, so ids never depend on
//! iteration order or thread count.

use unicode_normalization::UnicodeNormalization;

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

/// One key occurrence in a segment.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Key {
    pub id: u64,
    pub kind: KeyKind,
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

/// FNV-1a over a tag byte and a string: stable, fast, good enough for ≤ millions of keys.
pub fn hash_key(tag: u8, s: &str) -> u64 {
    let mut h = Fnv::new(tag);
    h.bytes(s.as_bytes());
    h.0
}

/// [`hash_key`] fed piece by piece, so that a key can be hashed while it is built.
struct Fnv(u64);

impl Fnv {
    fn new(tag: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.bytes(&[tag]);
        h
    }

    #[inline]
    fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    #[inline]
    fn char(&mut self, c: char) {
        self.bytes(c.encode_utf8(&mut [0; 4]).as_bytes());
    }
}

/// Transliterates Cyrillic to Latin (a simplified ISO 9 / GOST table) and folds Latin letters
/// to lower-case ASCII without diacritics (`ß` → `ss`, `æ` → `ae`). Other characters are kept
/// lower-cased. `Лавров` → `lavrov`, `Müller` → `muller`.
pub fn translit(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    translit_into(word, &mut out);
    out
}

/// [`translit`] appending to `out` (no allocation once `out` has grown).
fn translit_into(word: &str, out: &mut String) {
    if word.is_ascii() {
        out.extend(word.bytes().map(|b| b.to_ascii_lowercase() as char));
        return;
    }
    for ch in word.chars().flat_map(lower) {
        let rep: &str = match ch {
            'а' => "a",
            'б' => "b",
            'в' => "v",
            'г' => "g",
            'д' => "d",
            'е' | 'ё' | 'э' => "e",
            'ж' => "zh",
            'з' => "z",
            'и' | 'й' => "i",
            'к' => "k",
            'л' => "l",
            'м' => "m",
            'н' => "n",
            'о' => "o",
            'п' => "p",
            'р' => "r",
            'с' => "s",
            'т' => "t",
            'у' => "u",
            'ф' => "f",
            'х' => "kh",
            'ц' => "ts",
            'ч' => "ch",
            'ш' => "sh",
            'щ' => "shch",
            'ъ' | 'ь' => "",
            'ы' => "y",
            'ю' => "yu",
            'я' => "ya",
            'ß' => "ss",
            'æ' => "ae",
            'œ' => "oe",
            'ø' => "o",
            'ł' => "l",
            _ => {
                if ch.is_ascii() {
                    out.push(ch);
                } else {
                    // Strip diacritics: decompose and keep the base letters.
                    let mut any = false;
                    for d in std::iter::once(ch).nfd() {
                        if d.is_ascii() {
                            out.push(d);
                            any = true;
                        }
                    }
                    if !any {
                        out.push(ch);
                    }
                }
                continue;
            }
        };
        out.push_str(rep);
    }
}

/// Spelling fold applied after transliteration so that the same name spelled by different
/// orthographies meets: `y`→`i`, `c`/`q`→`k`, `w`→`v`, `ph`→`f`, `h` after a consonant dropped,
/// doubled letters collapsed. `Syria`/`Сирия` → `siria`/`siriia`→`siria`;
/// `Moscow`/`Москва` → `moskov`/`moskva`.
pub fn spelling_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    spelling_fold_into(s, &mut out);
    out
}

/// [`spelling_fold`] appending to `out`, which must be empty.
fn spelling_fold_into(s: &str, out: &mut String) {
    let mut chars = s.chars().peekable();
    let mut last: Option<char> = None;
    while let Some(c) = chars.next() {
        let mapped = match c {
            'y' => 'i',
            'c' | 'q' => 'k',
            'w' => 'v',
            'p' if chars.peek() == Some(&'h') => {
                chars.next();
                'f'
            }
            'h' => {
                if last.is_some_and(|p: char| p.is_ascii_alphabetic() && !"aeiou".contains(p)) {
                    continue;
                }
                'h'
            }
            _ => c,
        };
        if last != Some(mapped) {
            out.push(mapped);
            last = Some(mapped);
        }
    }
}

/// Cognate key string of a word: first four letters of the folded transliteration, or `None`
/// when the word is shorter than four letters (too many accidental matches).
pub fn cognate_prefix(word: &str) -> Option<String> {
    let mut buf = Scratch::default();
    cognate_into(word, &mut buf).then(|| {
        buf.fold
            .chars()
            .filter(|c| c.is_alphanumeric())
            .take(4)
            .collect()
    })
}

/// Buffers reused from word to word by [`extract`].
#[derive(Default)]
struct Scratch {
    translit: String,
    fold: String,
}

/// Computes the folded transliteration of the start of `word` into `buf.fold` and tells
/// whether it has the four alphanumeric characters of a cognate key ([`cognate_prefix`]).
fn cognate_into(word: &str, buf: &mut Scratch) -> bool {
    buf.fold.clear();
    if word.chars().nth(3).is_none() {
        return false;
    }
    // Only the start of the word matters; transliterate a few letters more than needed.
    let head = word.char_indices().nth(8).map_or(word, |(i, _)| &word[..i]);
    buf.translit.clear();
    translit_into(head, &mut buf.translit);
    spelling_fold_into(&buf.translit, &mut buf.fold);
    buf.fold
        .chars()
        .filter(|c| c.is_alphanumeric())
        .nth(3)
        .is_some()
}

/// The cognate key hash of a word (as `hash_key(b'C', cognate_prefix(word))`), or `None`.
/// Transliterations that come out ASCII (nearly all words of the five languages) are folded
/// byte by byte on the stack; others take [`cognate_into`].
fn cognate_key(word: &str, buf: &mut Scratch) -> Option<u64> {
    // Words shorter than four letters have no cognate key.
    word.chars().nth(3)?;
    // Only the start of the word matters; transliterate a few letters more than needed.
    let head = word.char_indices().nth(8).map_or(word, |(i, _)| &word[..i]);
    buf.translit.clear();
    translit_into(head, &mut buf.translit);
    if !buf.translit.is_ascii() {
        return cognate_into(word, buf).then(|| cognate_hash(buf));
    }
    // `spelling_fold_into` on ASCII, keeping only the first four alphanumeric characters.
    let s = buf.translit.as_bytes();
    let mut key = [0u8; 4];
    let (mut n, mut i) = (0, 0);
    let mut last: Option<u8> = None;
    while i < s.len() && n < 4 {
        let c = s[i];
        let mapped = match c {
            b'y' => b'i',
            b'c' | b'q' => b'k',
            b'w' => b'v',
            b'p' if s.get(i + 1) == Some(&b'h') => {
                i += 1;
                b'f'
            }
            b'h' if last.is_some_and(|p| p.is_ascii_alphabetic() && !b"aeiou".contains(&p)) => {
                i += 1;
                continue;
            }
            _ => c,
        };
        if last != Some(mapped) {
            if mapped.is_ascii_alphanumeric() {
                key[n] = mapped;
                n += 1;
            }
            last = Some(mapped);
        }
        i += 1;
    }
    (n == 4).then(|| {
        let mut h = Fnv::new(b'C');
        h.bytes(&key);
        h.0
    })
}

/// Hash of the cognate key in `buf.fold` (see [`cognate_into`]): as `hash_key(b'C', prefix)`.
fn cognate_hash(buf: &Scratch) -> u64 {
    let mut h = Fnv::new(b'C');
    for c in buf.fold.chars().filter(|c| c.is_alphanumeric()).take(4) {
        h.char(c);
    }
    h.0
}

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

/// `c.to_lowercase()`, answered without the Unicode tables for ASCII, Latin-1 and the basic
/// Cyrillic alphabet.
#[inline]
fn lower(c: char) -> Lower {
    let simple = match c {
        'A'..='Z' | '\u{c0}'..='\u{d6}' | '\u{d8}'..='\u{de}' | '\u{410}'..='\u{42f}' => {
            char::from_u32(c as u32 + 0x20)
        }
        '\u{400}'..='\u{40f}' => char::from_u32(c as u32 + 0x50),
        '\0'..='\u{bf}' | '\u{df}'..='\u{ff}' | '\u{430}'..='\u{45f}' => Some(c),
        _ => None,
    };
    match simple {
        Some(l) => Lower::One(Some(l)),
        None => Lower::Table(c.to_lowercase()),
    }
}

/// The characters [`lower`] maps a character to.
enum Lower {
    One(Option<char>),
    Table(std::char::ToLowercase),
}

impl Iterator for Lower {
    type Item = char;

    #[inline]
    fn next(&mut self) -> Option<char> {
        match self {
            Lower::One(c) => c.take(),
            Lower::Table(t) => t.next(),
        }
    }
}

/// `c.is_alphabetic()`, answered without the Unicode tables for ASCII, Latin-1 and the basic
/// Cyrillic alphabet (most characters of the five languages).
#[inline]
fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{ff}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{410}'..='\u{44f}' | '\u{401}' | '\u{451}' => true,
        _ => c.is_alphabetic(),
    }
}

/// Normalises the digits-and-separators run of a number: thousands separators (`,` `.` space,
/// narrow spaces, apostrophe) are removed when every group after the first has exactly three
/// digits (`1,000` = `1.000` = `1 000` = `1000`); a single other separator is a decimal mark
/// (`4.45` = `4,45` → `4.45`); anything else (dates `12.03.2020`) keeps groups joined by `.`.
pub fn normalize_number(groups: &[&str]) -> String {
    if groups.len() > 1 && groups[0].len() <= 3 && groups[1..].iter().all(|g| g.len() == 3) {
        return groups.concat();
    }
    groups.join(".")
}

fn is_num_sep(c: char) -> bool {
    matches!(
        c,
        ',' | '.' | ' ' | '\u{a0}' | '\u{202f}' | '\u{2009}' | '\'' | '’'
    )
}

/// Extracts the features of one segment.
pub fn extract(text: &str) -> SegFeatures {
    let mut keys = Vec::new();
    let mut stems = Vec::new();
    let mut chars = 0u32;
    let mut headings = 0u32;
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
            keys.push(Key {
                id: hash_key(b'L', &m),
                kind: KeyKind::Punct,
            });
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
            keys.push(Key {
                id: hash_key(b'U', &url),
                kind: KeyKind::Url,
            });
            scan_words(&chunk[..pos], &mut keys, &mut stems, &mut word, &mut buf);
            continue;
        }
        if let Some(at) = bytes.iter().position(|&b| b == b'@') {
            if at > 0 && chunk[at..].contains('.') {
                let e = chunk
                    .trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase();
                keys.push(Key {
                    id: hash_key(b'U', &e),
                    kind: KeyKind::Url,
                });
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

/// Numbers are scanned over the whole text because thousands separators may be spaces.
fn numbers(text: &str, keys: &mut Vec<Key>) {
    let cs: Vec<(usize, char)> = text.char_indices().collect();
    let mut i = 0;
    while i < cs.len() {
        let (_, c) = cs[i];
        if !c.is_ascii_digit() || (i > 0 && cs[i - 1].1.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut groups: Vec<&str> = Vec::new();
        let mut start = cs[i].0;
        let mut j = i;
        loop {
            while j < cs.len() && cs[j].1.is_ascii_digit() {
                j += 1;
            }
            let end = if j < cs.len() { cs[j].0 } else { text.len() };
            groups.push(&text[start..end]);
            // A separator followed by a digit continues the number.
            if j + 1 < cs.len() && is_num_sep(cs[j].1) && cs[j + 1].1.is_ascii_digit() {
                // A space only joins thousands groups ("1 000"), never "1956 3".
                let sp = cs[j].1.is_whitespace() || cs[j].1 == '\'' || cs[j].1 == '’';
                let mut k = j + 1;
                while k < cs.len() && cs[k].1.is_ascii_digit() {
                    k += 1;
                }
                let glen = k - (j + 1);
                if sp && (glen != 3 || groups[0].len() > 3) {
                    break;
                }
                start = cs[j + 1].0;
                j += 1;
                continue;
            }
            break;
        }
        let norm = normalize_number(&groups);
        let digits = norm.chars().filter(|c| c.is_ascii_digit()).count();
        // Digits glued to letters ("A320", "G7") are kept as numbers too: still evidence.
        keys.push(Key {
            id: hash_key(b'N', &norm),
            kind: if digits >= 2 {
                KeyKind::Number
            } else {
                KeyKind::SmallNumber
            },
        });
        i = j;
    }
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
            keys.push(Key {
                id: hash_key(b'A', &spelling_fold(&translit(word))),
                kind: KeyKind::Acronym,
            });
        }
        if let Some(id) = cognate_key(word, buf) {
            keys.push(Key {
                id,
                kind: KeyKind::Cognate,
            });
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
            keys.push(Key {
                id: hash_key(b'P', p),
                kind: KeyKind::Punct,
            });
        }
    }
    flush(word, keys, stems);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(f: &SegFeatures, tag: u8, s: &str) -> bool {
        let id = hash_key(tag, s);
        f.keys.iter().any(|k| k.id == id)
    }

    #[test]
    fn fast_paths_agree_with_unicode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
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
                .filter(|k| k.id == hash_key(b'L', "bullet"))
                .count(),
            2
        );
        assert_eq!(f.stems.len(), 2);
    }
}
