//! Evidence that survives translation, shared by every stage that compares texts across
//! languages (grouping, alignment, audit): transliteration of Cyrillic, accent and spelling
//! folding, cognate and name keys, and numbers written with any separator convention.
//!
//! One implementation on purpose: grouping and alignment must agree that `Москва` and `Moscow`,
//! `Вашингтон` and `Washington`, `1’000` and `1 000` are the same evidence.

use crate::text::is_letter_or_digit;
use unicode_normalization::UnicodeNormalization;

/// FNV-1a over a tag byte and a string: stable, fast, good enough for ≤ millions of keys.
pub fn hash_key(tag: u8, s: &str) -> u64 {
    let mut h = Fnv::new(tag);
    h.bytes(s.as_bytes());
    h.0
}

/// [`hash_key`] fed piece by piece, so that a key can be hashed while it is built.
pub(crate) struct Fnv(pub(crate) u64);

impl Fnv {
    pub(crate) fn new(tag: u8) -> Fnv {
        let mut h = Fnv(0xcbf2_9ce4_8422_2325);
        h.bytes(&[tag]);
        h
    }

    #[inline]
    pub(crate) fn bytes(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0100_0000_01b3);
        }
    }

    #[inline]
    pub(crate) fn char(&mut self, c: char) {
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
            .filter(|&c| is_letter_or_digit(c))
            .take(4)
            .collect()
    })
}

/// Buffers reused from word to word by [`extract`].
#[derive(Default)]
pub(crate) struct Scratch {
    pub(crate) translit: String,
    pub(crate) fold: String,
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
        .filter(|&c| is_letter_or_digit(c))
        .nth(3)
        .is_some()
}

/// The cognate key hash of a word (as `hash_key(b'C', cognate_prefix(word))`), or `None`.
/// Transliterations that come out ASCII (nearly all words of the five languages) are folded
/// byte by byte on the stack; others take [`cognate_into`].
pub(crate) fn cognate_key(word: &str, buf: &mut Scratch) -> Option<u64> {
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
    for c in buf.fold.chars().filter(|&c| is_letter_or_digit(c)).take(4) {
        h.char(c);
    }
    h.0
}

/// `c.to_lowercase()`, answered without the Unicode tables for ASCII, Latin-1 and the basic
/// Cyrillic alphabet.
#[inline]
pub(crate) fn lower(c: char) -> Lower {
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
pub(crate) enum Lower {
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

/// Calls `found(normalised, digit count)` for every number in `text`, in text order. Numbers
/// are scanned over the whole text (not word by word) because thousands separators may be
/// spaces: `1 000` is one number, `1956 3` two.
pub fn scan_numbers(text: &str, mut found: impl FnMut(&str, usize)) {
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
        found(&norm, digits);
        i = j;
    }
}

/// Hasher for keys that are already hashes (FNV-1a ids): one multiplication instead of SipHash.
/// Only used for look-ups, never for iteration order, so results do not depend on it.
#[derive(Default)]
pub struct IdHasher(u64);

impl std::hash::Hasher for IdHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ b as u64).wrapping_mul(0x0100_0000_01b3);
        }
    }

    fn write_u64(&mut self, x: u64) {
        self.0 = (x ^ (x >> 29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
}

/// A hash map keyed by key or stem ids.
pub type IdMap<V> = std::collections::HashMap<u64, V, std::hash::BuildHasherDefault<IdHasher>>;

/// Hasher for small integer keys and tuples of them (statement indices, candidate pairs):
/// each word is mixed in with a rotate, xor and multiply (as rustc's FxHasher). Only used for
/// look-ups, never for iteration order that reaches an output.
#[derive(Default)]
pub struct MixHasher(u64);

impl MixHasher {
    #[inline]
    fn mix(&mut self, x: u64) {
        self.0 = (self.0.rotate_left(5) ^ x).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
}

impl std::hash::Hasher for MixHasher {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.mix(b as u64);
        }
    }

    fn write_u8(&mut self, x: u8) {
        self.mix(x as u64);
    }

    fn write_u64(&mut self, x: u64) {
        self.mix(x);
    }

    fn write_usize(&mut self, x: usize) {
        self.mix(x as u64);
    }

    fn write_isize(&mut self, x: isize) {
        self.mix(x as u64);
    }
}

/// The consonant skeleton of a name (lower-case ASCII letters, one per sound class), for the
/// name keys of [`name_key`]: the folded transliteration with vowels (and `y`) dropped, digraphs
/// read as one sound (`dzh`/`zh`/`j` → `j`; `kh` → `h`; `shch`/`sch`/`sh`/`ch` → `x`;
/// `ts`/`tz`/`z` → `z`; `ph` → `f`; `th` → `t`; `gh` → `g`; `ck`/`c`/`q` → `k`; `w` → `v`;
/// `x` → `ks`) and a doubled consonant read once. Names are spelled by ear across scripts, so
/// their vowels drift (`Lakers`/`Лейкерс`, `Trudell`/`Трюделл`) while their consonants stay:
/// both give `lkrs` and `trdl`, where their cognate prefixes (`lake`/`leik`) never meet.
/// `None` for words that do not transliterate to ASCII letters.
pub fn name_skeleton(word: &str) -> Option<String> {
    let mut buf = Scratch::default();
    let mut out = String::new();
    skeleton_into(word, &mut buf, &mut out).then_some(out)
}

/// [`name_skeleton`] into `out` (cleared first); false when the word is not made of letters
/// that transliterate to ASCII.
fn skeleton_into(word: &str, buf: &mut Scratch, out: &mut String) -> bool {
    out.clear();
    buf.translit.clear();
    translit_into(word, &mut buf.translit);
    let s = buf.translit.as_bytes();
    if !s.iter().all(u8::is_ascii_alphabetic) {
        return false;
    }
    let starts = |i: usize, p: &[u8]| s[i..].starts_with(p);
    // The last unit pushed, and whether a vowel came after it (a consonant repeated across a
    // vowel is a new sound: `Lavrov`).
    let mut last: Option<u8> = None;
    let mut i = 0;
    while i < s.len() {
        let (unit, len): (&[u8], usize) = match s[i] {
            b'a' | b'e' | b'i' | b'o' | b'u' | b'y' => {
                last = None;
                i += 1;
                continue;
            }
            b'd' if starts(i, b"dzh") => (b"j", 3),
            b'z' if starts(i, b"zh") => (b"j", 2),
            b'k' if starts(i, b"kh") => (b"h", 2),
            b's' if starts(i, b"shch") => (b"x", 4),
            b's' if starts(i, b"sch") => (b"x", 3),
            b's' | b'c' if s.get(i + 1) == Some(&b'h') => (b"x", 2),
            b't' if starts(i, b"ts") || starts(i, b"tz") => (b"z", 2),
            b'p' if starts(i, b"ph") => (b"f", 2),
            b't' if starts(i, b"th") => (b"t", 2),
            b'g' if starts(i, b"gh") => (b"g", 2),
            b'c' if starts(i, b"ck") => (b"k", 2),
            b'c' | b'q' => (b"k", 1),
            b'w' => (b"v", 1),
            b'x' => (b"ks", 1),
            _ => (std::slice::from_ref(&s[i]), 1),
        };
        for &u in unit {
            if last != Some(u) {
                out.push(u as char);
            }
            last = Some(u);
        }
        i += len;
    }
    true
}

/// The name key of a capitalised word: the hash of the first four units of its
/// [`name_skeleton`] (Russian case endings add a unit at most after them: `Лавровым`), or
/// `None` when the skeleton has fewer than three units (`Mike`/`Майк`: too many accidental
/// matches).
pub(crate) fn name_key(word: &str, buf: &mut Scratch, skeleton: &mut String) -> Option<u64> {
    if !skeleton_into(word, buf, skeleton) || skeleton.len() < 3 {
        return None;
    }
    Some(hash_key(b'S', &skeleton[..skeleton.len().min(4)]))
}

/// A hash map keyed by small integers or tuples of them, with [`MixHasher`].
pub type MixMap<K, V> = std::collections::HashMap<K, V, std::hash::BuildHasherDefault<MixHasher>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn name_skeletons_meet_across_scripts() {
        let same = [
            ("Lakers", "Лейкерс"),
            ("Lakers", "Лейкерсом"),
            ("Trudell", "Трюделл"),
            ("James", "Джеймс"),
            ("Nuggets", "Наггетс"),
            ("Hezbollah", "Хезболлах"),
            ("Lavrov", "Лавровым"),
            ("Moscow", "Москва"),
            ("Washington", "Вашингтоне"),
            ("Netanyahu", "Нетаньяху"),
            ("Chirac", "Ширак"),
            ("Schröder", "Шрёдер"),
            ("Zakharova", "Захаровой"),
        ];
        let key = |w: &str| name_key(w, &mut Scratch::default(), &mut String::new());
        for (a, b) in same {
            assert!(key(a).is_some(), "{a}: {:?}", name_skeleton(a));
            assert_eq!(
                key(a),
                key(b),
                "{a} {:?} / {b} {:?}",
                name_skeleton(a),
                name_skeleton(b)
            );
        }
        assert_eq!(name_skeleton("Lavrov").as_deref(), Some("lvrv"));
        assert_eq!(name_skeleton("Mexico").as_deref(), Some("mksk"));
        // Different names stay apart; short skeletons give no key.
        assert_ne!(key("Lavrov"), key("Lapid"));
        assert_ne!(key("Uruguay"), key("Paraguay"));
        assert_eq!(key("Mike"), None);
        assert_eq!(key("Iran"), None);
        assert_eq!(key("東京"), None);
        assert_eq!(name_skeleton("A320"), None);
    }

    #[test]
    fn cognate_key_is_the_hash_of_the_cognate_prefix() {
        let mut buf = Scratch::default();
        for w in [
            "Moscow",
            "Москва",
            "Washington",
            "Вашингтон",
            "Müller",
            "Straße",
            "Phnom",
            "Lawrow",
            "Лавров",
            "Ёлка",
            "año",
            "Œuvre",
            "ΣΟΦΙΑ",
            "東京都庁",
            "A320",
            "abc",
            "Syria",
            "Сирия",
        ] {
            let expected = cognate_prefix(w).map(|p| hash_key(b'C', &p));
            assert_eq!(cognate_key(w, &mut buf), expected, "{w}");
        }
        assert_eq!(cognate_prefix("Москва"), cognate_prefix("Moskva"));
    }
}
