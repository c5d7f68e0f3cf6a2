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

use std::io::Write;

use super::{pairs, views, ExportInput, Exporter, Sink};

/// Writes the TSV and Moses files.
pub struct TsvExporter;

/// Applies the replacement rule of this module to one segment.
pub fn flatten(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    flatten_into(text, &mut out);
    out
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
    fn write(&self, input: &ExportInput<'_>, sink: &dyn Sink) -> std::io::Result<usize> {
        let views = views(input);
        for (a, b) in pairs(input, &views) {
            let pair = format!("{}-{}", a.code(), b.code());
            let mut tsv = sink.create(&format!("tsv/{pair}.tsv"))?;
            let mut ma = sink.create(&format!("moses/corpus.{pair}.{}", a.code()))?;
            let mut mb = sink.create(&format!("moses/corpus.{pair}.{}", b.code()))?;
            let (mut ta, mut tb) = (String::new(), String::new());
            let direct = input.pair_units.of(a, b);
            for v in &super::pair_views(input, &views, &direct, a, b) {
                let (Some(sa), Some(sb)) = (v.get(a), v.get(b)) else {
                    continue;
                };
                flatten_into(&sa.text, &mut ta);
                flatten_into(&sb.text, &mut tb);
                ta.push('\n');
                tb.push('\n');
                tsv.write_all(&ta.as_bytes()[..ta.len() - 1])?;
                tsv.write_all(b"\t")?;
                tsv.write_all(tb.as_bytes())?;
                ma.write_all(ta.as_bytes())?;
                mb.write_all(tb.as_bytes())?;
            }
            tsv.finish()?;
            ma.finish()?;
            mb.finish()?;
        }
        Ok(0)
    }
}

/// [`flatten`] into `out` (cleared first).
fn flatten_into(text: &str, out: &mut String) {
    out.clear();
    out.extend(text.chars().map(|c| if is_break(c) { ' ' } else { c }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flatten_replaces_breaks_one_for_one() {
        assert_eq!(flatten("a\tb\r\nc\u{2028}d\u{1}e\\n"), "a b  c d\u{1}e\\n");
    }
}
