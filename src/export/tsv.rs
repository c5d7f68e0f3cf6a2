//! TSV and Moses writers, per language pair `<a>-<b>` (see [`super::pairs`] for the naming):
//! `alignments/tsv/<a>-<b>.tsv` (two columns, `a` text TAB `b` text, no header) and
//! `alignments/moses/corpus.<a>-<b>.<a>` / `.<b>` (one segment per line, line `n` of one file
//! is the translation of line `n` of the other). Every line ends with `\n`; one unit per line,
//! only units that have both languages.
//!
//! # Replacement rule
//! These formats cannot quote, so every character that a line-oriented tool may treat as a
//! field or line break is replaced by one space (U+0020) each: TAB, LF, VT, FF, CR (U+0009,
//! U+000A–U+000D), U+001C–U+001E (Python's `splitlines` breaks there), NEL (U+0085), LINE
//! SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029). Nothing is backslash-escaped; every
//! other character, controls included, is written as is.

use super::{pairs, views, ExportInput, Exporter, OutFile, Rendered};

/// Writes the TSV and Moses files.
pub struct TsvExporter;

/// Applies the replacement rule of this module to one segment.
pub fn flatten(text: &str) -> String {
    text.chars()
        .map(|c| if is_break(c) { ' ' } else { c })
        .collect()
}

/// Characters replaced by a space in TSV and Moses output.
pub fn is_break(c: char) -> bool {
    matches!(
        c,
        '\t' | '\n' | '\u{B}' | '\u{C}' | '\r' | '\u{1C}'
            ..='\u{1E}' | '\u{85}' | '\u{2028}' | '\u{2029}'
    )
}

impl Exporter for TsvExporter {
    fn render(&self, input: &ExportInput<'_>) -> Rendered {
        let views = views(input);
        let mut out = Rendered::default();
        for (a, b) in pairs(input, &views) {
            let (mut tsv, mut ma, mut mb) = (String::new(), String::new(), String::new());
            for v in &super::pair_views(input, &views, a, b) {
                let (Some(sa), Some(sb)) = (v.get(a), v.get(b)) else {
                    continue;
                };
                let (ta, tb) = (flatten(&sa.text), flatten(&sb.text));
                tsv.push_str(&ta);
                tsv.push('\t');
                tsv.push_str(&tb);
                tsv.push('\n');
                ma.push_str(&ta);
                ma.push('\n');
                mb.push_str(&tb);
                mb.push('\n');
            }
            let pair = format!("{}-{}", a.code(), b.code());
            out.files.push(OutFile {
                path: format!("tsv/{pair}.tsv"),
                bytes: tsv.into_bytes(),
            });
            out.files.push(OutFile {
                path: format!("moses/corpus.{pair}.{}", a.code()),
                bytes: ma.into_bytes(),
            });
            out.files.push(OutFile {
                path: format!("moses/corpus.{pair}.{}", b.code()),
                bytes: mb.into_bytes(),
            });
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_replaces_breaks_one_for_one() {
        assert_eq!(flatten("a\tb\r\nc\u{2028}d\u{1}e\\n"), "a b  c d\u{1}e\\n");
    }
}
