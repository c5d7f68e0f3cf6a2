//! Evidence that survives translation, shared by every stage that compares texts across
//! languages (grouping, alignment, audit): transliteration of Cyrillic, accent and spelling
//! folding, cognate and name keys, and numbers written with any separator convention.
//!
//! One implementation on purpose: grouping and alignment must agree that `Москва` and `Moscow`,
//! `Вашингтон` and `Washington`, `1’000` and `1 000` are the same evidence.

use unicode_normalization::UnicodeNormalization;

/// FNV-1a over a tag byte and a string: stable, fast, good enough for ≤ millions of keys.
pub fn hash_key(tag: u8, s: &str) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in std::iter::once(tag).chain(s.bytes()) {
        h ^= b as u64;
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// Transliterates Cyrillic to Latin (a simplified ISO 9 / GOST table) and folds Latin letters
/// to lower-case ASCII without diacritics (`ß` → `ss`, `æ` → `ae`). Other characters are kept
/// lower-cased. `Лавров` → `lavrov`, `Müller` → `muller`.
pub fn translit(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for ch in word.chars().flat_map(char::to_lowercase) {
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
    out
}

/// Spelling fold applied after transliteration so that the same name spelled by different
/// orthographies meets: `y`→`i`, `c`/`q`→`k`, `w`→`v`, `ph`→`f`, `h` after a consonant dropped,
/// doubled letters collapsed. `Syria`/`Сирия` → `siria`/`siriia`→`siria`;
/// `Moscow`/`Москва` → `moskov`/`moskva`.
pub fn spelling_fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let b: Vec<char> = s.chars().collect();
    let mut i = 0;
    while i < b.len() {
        let c = b[i];
        let mapped = match c {
            'y' => 'i',
            'c' | 'q' => 'k',
            'w' => 'v',
            'p' if b.get(i + 1) == Some(&'h') => {
                i += 1;
                'f'
            }
            'h' => {
                let prev = out.chars().last();
                if prev.is_some_and(|p: char| p.is_ascii_alphabetic() && !"aeiou".contains(p)) {
                    i += 1;
                    continue;
                }
                'h'
            }
            _ => c,
        };
        if !out.ends_with(mapped) {
            out.push(mapped);
        }
        i += 1;
    }
    out
}

/// Cognate key string of a word: first four letters of the folded transliteration, or `None`
/// when the word is shorter than four letters (too many accidental matches).
pub fn cognate_prefix(word: &str) -> Option<String> {
    if word.chars().count() < 4 {
        return None;
    }
    // Only the start of the word matters; transliterate a few letters more than needed.
    let head: String = word.chars().take(8).collect();
    let f = spelling_fold(&translit(&head));
    let p: String = f.chars().filter(|c| c.is_alphanumeric()).take(4).collect();
    (p.chars().count() == 4).then_some(p)
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
