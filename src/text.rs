//! Text normalisation shared by every input form: Unicode NFC, space variants to a plain space,
//! whitespace runs collapsed inside lines, CRLF/CR to LF, and splitting into blank-line blocks.

use unicode_normalization::UnicodeNormalization;

use crate::model::Block;

/// True for characters treated as a plain space inside a line: every Unicode space separator
/// (NO-BREAK SPACE, EN SPACE, THIN SPACE, NARROW NO-BREAK SPACE, IDEOGRAPHIC SPACE …), tab,
/// and the invisible format characters that scrapes leave between words.
fn is_space_variant(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\u{000B}' | '\u{000C}' | '\u{00A0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}'
    )
}

/// `c.is_alphabetic()`, answered without the Unicode tables for ASCII, Latin-1 and the
/// Cyrillic alphabet (most characters of the five languages): the same answer for every `char`
/// (tested), at a fraction of the cost on Russian, French, German and Spanish text.
#[inline]
pub fn is_letter(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{ff}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{400}'..='\u{45f}' => true,
        _ => c.is_alphabetic(),
    }
}

/// `c.is_alphanumeric()`, with the fast paths of [`is_letter`] (the same answer for every
/// `char`, tested).
#[inline]
pub fn is_letter_or_digit(c: char) -> bool {
    match c {
        'a'..='z' | 'A'..='Z' | '0'..='9' => true,
        '\0'..='\x7f' => false,
        '\u{c0}'..='\u{ff}' => c != '\u{d7}' && c != '\u{f7}',
        '\u{400}'..='\u{45f}' => true,
        _ => c.is_alphanumeric(),
    }
}

/// Characters dropped outright: byte-order marks and zero-width spaces (they carry no text).
fn is_dropped(c: char) -> bool {
    matches!(c, '\u{FEFF}' | '\u{200B}')
}

/// Normalises one whole decoded file: line endings to LF, NFC, space variants to a space,
/// runs of spaces collapsed, leading and trailing spaces of each line removed.
pub fn normalize(input: &str) -> String {
    let mut out = String::with_capacity(input.len());
    let unified = input.replace("\r\n", "\n").replace('\r', "\n");
    for (i, line) in unified.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        normalize_line_into(line, &mut out);
    }
    out
}

/// Normalises a single line (no line breaks expected) into `out`.
pub fn normalize_line_into(line: &str, out: &mut String) {
    let mut pending_space = false;
    let mut wrote = false;
    let ascii_simple = line.is_ascii();
    let mut push = |c: char, out: &mut String| {
        if is_dropped(c) {
            return;
        }
        if is_space_variant(c) {
            pending_space = true;
            return;
        }
        if pending_space && wrote {
            out.push(' ');
        }
        pending_space = false;
        wrote = true;
        out.push(c);
    };
    if ascii_simple {
        for c in line.chars() {
            push(c, out);
        }
    } else {
        for c in line.nfc() {
            push(c, out);
        }
    }
}

/// Normalises a single line and returns it.
pub fn normalize_line(line: &str) -> String {
    let mut s = String::with_capacity(line.len());
    normalize_line_into(line, &mut s);
    s
}

/// Splits normalised text into blocks: runs of non-blank lines separated by blank lines.
pub fn blocks(text: &str) -> Vec<Block> {
    // A block is a contiguous slice of the text (its lines joined by the `\n` between them):
    // copied once, with no spare capacity.
    let mut blocks = Vec::new();
    let mut cur: Option<(usize, usize, usize)> = None; // (start byte, end byte, first line)
    let mut pos = 0;
    for (i, line) in text.split('\n').enumerate() {
        let (start, end) = (pos, pos + line.len());
        pos = end + 1;
        if line.is_empty() {
            if let Some((s, e, l)) = cur.take() {
                blocks.push(Block {
                    text: text[s..e].to_string(),
                    line: l,
                });
            }
            continue;
        }
        match cur.as_mut() {
            Some(c) => c.1 = end,
            None => cur = Some((start, end, i + 1)),
        }
    }
    if let Some((s, e, l)) = cur {
        blocks.push(Block {
            text: text[s..e].to_string(),
            line: l,
        });
    }
    blocks
}

/// What a reader reads of a paragraph: Markdown link targets `](…)`, HTML tags, attribute
/// lists `{: …}` and web addresses removed (they are the same in every language and mislead
/// language identification and copy detection).
pub fn readable(text: &str) -> String {
    let chars: Vec<char> = text.chars().collect();
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        let close = match (c, next) {
            (']', Some('(')) => Some(')'),
            ('<', Some(n)) if n.is_ascii_alphabetic() || n == '/' => Some('>'),
            ('{', Some(':')) => Some('}'),
            _ => None,
        };
        if let Some(close) = close {
            if let Some(j) = chars[i + 1..].iter().position(|&x| x == close) {
                out.push(' ');
                i += j + 2;
                continue;
            }
        }
        out.push(c);
        i += 1;
    }
    out.split_whitespace()
        .filter(|w| {
            let w = w.trim_matches(|c: char| !is_letter_or_digit(c));
            // Web and e-mail addresses, domain names (`mozilla.org`), `name (at) host`.
            let dotted = w
                .char_indices()
                .any(|(i, c)| c == '.' && w[i + 1..].starts_with(|n: char| is_letter_or_digit(n)));
            !(w.contains("://") || w.contains('@') || w.starts_with("www.") || dotted)
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The text language identification reads: [`readable`] when the text holds link targets,
/// tags, attribute lists or web and e-mail addresses (the same in every language, and English
/// words as often as not: `policies.google.com/privacy`), the text itself otherwise.
pub fn language_text(text: &str) -> std::borrow::Cow<'_, str> {
    if ["](", "://", "@", "www.", "<", "{:"]
        .iter()
        .any(|m| text.contains(m))
    {
        std::borrow::Cow::Owned(readable(text))
    } else {
        std::borrow::Cow::Borrowed(text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_fast_paths_agree_with_unicode() {
        for c in (0..=0x10ffff).filter_map(char::from_u32) {
            assert_eq!(is_letter(c), c.is_alphabetic(), "{c:?}");
            assert_eq!(is_letter_or_digit(c), c.is_alphanumeric(), "{c:?}");
        }
    }

    #[test]
    fn spaces_and_line_endings() {
        let s = "a\u{00A0}\u{00A0} b\t c \r\nd\re\u{202F}f  \n";
        assert_eq!(normalize(s), "a b c\nd\ne f\n");
    }

    #[test]
    fn nfc() {
        // e + combining acute -> é
        assert_eq!(normalize("Caf\u{0065}\u{0301}"), "Caf\u{00E9}");
    }

    #[test]
    fn blocks_and_lines() {
        let b = blocks("x\ny\n\n\n z\n");
        assert_eq!(b.len(), 2);
        assert_eq!(b[0].text, "x\ny");
        assert_eq!(b[0].line, 1);
        assert_eq!(b[1].line, 5);
    }
}
