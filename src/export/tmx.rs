//! TMX 1.4 writer: the multilingual `alignments/corpus.tmx` and one pairwise memory per language
//! pair, `alignments/tmx/<a>-<b>.tmx`.
//!
//! Pairwise files are what translators should load: OmegaT falls back to any other variant of a
//! `<tu>` when the target language is missing, so a multilingual memory with gaps can insert the
//! wrong language (see the README's TMX section).
//!
//! The output validates against the TMX 1.4 DTD (`version="1.4"`, required header attributes,
//! `<prop>` before `<tuv>`/`<seg>`). Text is escaped (`& < > " '`; CR, and tab/newline in
//! attributes, as character references so XML line-end and attribute normalisation cannot
//! change them) and characters illegal in XML 1.0 (U+0000–U+0008, U+000B, U+000C,
//! U+000E–U+001F, U+FFFE, U+FFFF) are removed and counted.
//!
//! # Attributes and props
//! - header: `creationtool="polyalign"`, `creationtoolversion` (crate version),
//!   `segtype` (`paragraph`/`sentence`), `o-tmf="polyalign"`, `adminlang="en"`, `srclang` (the
//!   pivot's tag, `*all*` without a pivot; the first language's tag in a pairwise file),
//!   `datatype="plaintext"`, `creationdate` (from `SOURCE_DATE_EPOCH`, else the latest statement
//!   date; omitted when neither is known — never the wall clock).
//! - `<tu tuid="<group>:<level>:<unit>" creationdate=…>`: the date (and time, when known) of
//!   the group's main statement at UTC, else `SOURCE_DATE_EPOCH`, else no attribute. Props:
//!   `x-group`, `x-unit`, `x-level`, `x-bead`, `x-score` (4 decimals), then when known `x-date`
//!   (`YYYY-MM-DD`), `x-title` (main statement's title), and `x-conflict` = `true` for conflicts.
//! - `<tuv xml:lang=tag>`: props `x-file`, `x-indices` (`0,1`), `x-statement` when known.

use std::io::Write;

use rayon::prelude::*;

use super::{
    fmt_indices, fmt_score, pairs, tag_for, tmx_date, tmx_epoch, views, ExportInput, Exporter,
    Meta, Sink, View,
};
use crate::model::Lang;

/// Writes TMX 1.4.
pub struct TmxExporter;

impl Exporter for TmxExporter {
    fn write(&self, input: &ExportInput<'_>, sink: &dyn Sink) -> std::io::Result<usize> {
        let views = views(input);
        let meta = Meta::new(input);
        let header_date = header_date(input, &meta, &views);

        let all: Vec<Lang> = super::ordered_langs(&input.langs);
        let srclang = match input.pivot.filter(|p| all.contains(p)) {
            Some(p) => tag_for(&views, p),
            None => "*all*".to_string(),
        };
        // corpus.tmx: withheld segments out, units left with one language out.
        let corpus: Vec<View<'_>> = match input.withheld {
            None => views.clone(),
            Some(wh) => views
                .iter()
                .filter_map(|v| {
                    let mut v = v.clone();
                    v.segments.retain(|(l, s)| !wh.covers(v.unit, *l, s));
                    (v.segments.len() >= 2).then_some(v)
                })
                .collect(),
        };
        let mut out = sink.create("corpus.tmx")?;
        let mut w = TmxWriter::default();
        w.document(
            &mut out,
            input,
            &meta,
            &corpus,
            &all,
            &srclang,
            header_date.as_deref(),
        )?;
        out.finish()?;
        let removed = w.removed;
        drop(corpus);

        // The pairwise memories are independent: written side by side.
        let pairs: Vec<(Lang, Lang)> = pairs(input, &views);
        pairs.par_iter().try_for_each(|&(a, b)| {
            let direct = input.pair_units.of(a, b);
            let pair_views: Vec<View<'_>> = super::pair_views(input, &views, &direct, a, b);
            let mut out = sink.create(&format!("tmx/{}-{}.tmx", a.code(), b.code()))?;
            let mut w = TmxWriter::default();
            let src = tag_for(&pair_views, a);
            w.document(
                &mut out,
                input,
                &meta,
                &pair_views,
                &[a, b],
                &src,
                header_date.as_deref(),
            )?;
            out.finish()
        })?;
        Ok(removed)
    }
}

/// `SOURCE_DATE_EPOCH`, else the latest date of an exported unit's group.
fn header_date(input: &ExportInput<'_>, meta: &Meta<'_>, views: &[View<'_>]) -> Option<String> {
    if let Some(e) = input.source_date_epoch {
        return Some(tmx_epoch(e));
    }
    views
        .iter()
        .filter_map(|v| meta.date(&v.unit.group))
        .max()
        .map(|(d, t)| tmx_date(d, t))
}

/// The stable `tuid` of a unit: `<group>:<level>:<unit>`.
pub fn tuid(group: &str, level: crate::model::Level, unit: usize) -> String {
    format!("{group}:{level}:{unit}")
}

/// Renders TMX into a buffer that [`TmxWriter::document`] hands to the output a unit at a time.
#[derive(Default)]
struct TmxWriter {
    buf: String,
    removed: usize,
}

/// The buffer goes to the output once it holds this much.
const FLUSH_AT: usize = 1 << 16;

impl TmxWriter {
    #[allow(clippy::too_many_arguments)]
    fn document(
        &mut self,
        out: &mut dyn Write,
        input: &ExportInput<'_>,
        meta: &Meta<'_>,
        views: &[View<'_>],
        langs: &[Lang],
        srclang: &str,
        header_date: Option<&str>,
    ) -> std::io::Result<()> {
        self.buf.push_str(
            "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<tmx version=\"1.4\">\n  <header",
        );
        self.attr("creationtool", "polyalign");
        self.attr("creationtoolversion", env!("CARGO_PKG_VERSION"));
        self.attr("segtype", &input.level.to_string());
        self.attr("o-tmf", "polyalign");
        self.attr("adminlang", "en");
        self.attr("srclang", srclang);
        self.attr("datatype", "plaintext");
        if let Some(d) = header_date {
            self.attr("creationdate", d);
        }
        self.buf.push_str("/>\n  <body>\n");
        for v in views {
            self.unit(input, meta, v, langs);
            if self.buf.len() >= FLUSH_AT {
                out.write_all(self.buf.as_bytes())?;
                self.buf.clear();
            }
        }
        self.buf.push_str("  </body>\n</tmx>\n");
        out.write_all(self.buf.as_bytes())?;
        self.buf.clear();
        Ok(())
    }

    fn unit(&mut self, input: &ExportInput<'_>, meta: &Meta<'_>, v: &View<'_>, langs: &[Lang]) {
        let u = v.unit;
        self.buf.push_str("    <tu");
        self.attr("tuid", &tuid(&u.group, u.level, u.unit));
        let date = meta.date(&u.group);
        if let Some((d, t)) = date {
            self.attr("creationdate", &tmx_date(d, t));
        } else if let Some(e) = input.source_date_epoch {
            self.attr("creationdate", &tmx_epoch(e));
        }
        self.buf.push_str(">\n");
        self.prop(3, "x-group", &u.group);
        self.prop(3, "x-unit", &u.unit.to_string());
        self.prop(3, "x-level", &u.level.to_string());
        self.prop(3, "x-bead", &v.bead);
        self.prop(3, "x-score", &fmt_score(u.score));
        if let Some((d, _)) = date {
            self.prop(3, "x-date", &d.to_string());
        }
        if let Some(s) = meta.main_statement(&u.group) {
            if !s.title.is_empty() {
                self.prop(3, "x-title", &s.title);
            }
        }
        if u.conflict {
            self.prop(3, "x-conflict", "true");
        }
        for lang in langs {
            let Some(seg) = v.get(*lang) else { continue };
            self.buf.push_str("      <tuv");
            let tag = if seg.tag.is_empty() {
                lang.default_tag()
            } else {
                seg.tag.as_str()
            };
            self.attr("xml:lang", tag);
            self.buf.push_str(">\n");
            self.prop(4, "x-file", &seg.file);
            self.prop(4, "x-indices", &fmt_indices(&seg.indices));
            if let Some(s) = meta.statement(&u.group, *lang) {
                self.prop(4, "x-statement", &s.id);
            }
            self.buf.push_str("        <seg>");
            self.text(&seg.text, false);
            self.buf.push_str("</seg>\n      </tuv>\n");
        }
        self.buf.push_str("    </tu>\n");
    }

    fn prop(&mut self, depth: usize, ty: &str, value: &str) {
        for _ in 0..depth {
            self.buf.push_str("  ");
        }
        self.buf.push_str("<prop");
        self.attr("type", ty);
        self.buf.push('>');
        self.text(value, false);
        self.buf.push_str("</prop>\n");
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.buf.push(' ');
        self.buf.push_str(name);
        self.buf.push_str("=\"");
        self.text(value, true);
        self.buf.push('"');
    }

    /// Escapes `s` into the buffer; removes (and counts) characters XML 1.0 cannot carry.
    fn text(&mut self, s: &str, in_attr: bool) {
        // Runs of ordinary characters are copied whole; only the bytes that may need escaping
        // or removal stop the copy (all ASCII, or the first byte of U+FFFE / U+FFFF).
        let bytes = s.as_bytes();
        let (mut run, mut i) = (0, 0);
        while i < bytes.len() {
            let (rep, len): (Option<&str>, usize) = match bytes[i] {
                b'&' => (Some("&amp;"), 1),
                b'<' => (Some("&lt;"), 1),
                b'>' => (Some("&gt;"), 1),
                b'"' => (Some("&quot;"), 1),
                b'\'' => (Some("&apos;"), 1),
                // A raw CR would be folded into a newline by every XML parser.
                b'\r' => (Some("&#13;"), 1),
                // Attribute-value normalisation turns raw tab and newline into spaces.
                b'\t' if in_attr => (Some("&#9;"), 1),
                b'\n' if in_attr => (Some("&#10;"), 1),
                b'\t' | b'\n' => (None, 0),
                // Illegal in XML 1.0 even as references: removed and counted.
                0..=0x1f => (Some(""), 1),
                0xef if bytes.get(i + 1) == Some(&0xbf)
                    && matches!(bytes.get(i + 2), Some(0xbe | 0xbf)) =>
                {
                    (Some(""), 3)
                }
                _ => (None, 0),
            };
            match rep {
                None => i += 1,
                Some(r) => {
                    self.buf.push_str(&s[run..i]);
                    if r.is_empty() {
                        self.removed += 1;
                    }
                    self.buf.push_str(r);
                    i += len;
                    run = i;
                }
            }
        }
        self.buf.push_str(&s[run..]);
    }
}

/// True for characters XML 1.0 does not allow, even as character references.
pub fn is_xml10_illegal(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{8}' | '\u{B}' | '\u{C}' | '\u{E}'..='\u{1F}' | '\u{FFFE}' | '\u{FFFF}')
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Escaping character by character: what `TmxWriter::text` must give.
    fn reference(s: &str, in_attr: bool) -> (String, usize) {
        let (mut out, mut removed) = (String::new(), 0);
        for c in s.chars() {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&apos;"),
                '\r' => out.push_str("&#13;"),
                '\t' if in_attr => out.push_str("&#9;"),
                '\n' if in_attr => out.push_str("&#10;"),
                c if is_xml10_illegal(c) => removed += 1,
                c => out.push(c),
            }
        }
        (out, removed)
    }

    #[test]
    fn text_escapes_as_character_by_character() {
        let samples = [
            "",
            "plain ASCII text",
            "Tom & Jerry <b>\"quoted\"</b> 'single'",
            "line\r\nbreak\ttab\u{0}nul\u{1f}unit\u{b}vt",
            "Москва — «кавычки» & €uro \u{fffe}\u{ffff}\u{fffd}\u{feff}ï",
            "\u{ef}\u{bf}\u{be} as chars, and 日本語 &",
            "&&&<<<>>>",
        ];
        for s in samples {
            for in_attr in [false, true] {
                let mut w = TmxWriter {
                    buf: String::new(),
                    removed: 0,
                };
                w.text(s, in_attr);
                assert_eq!((w.buf, w.removed), reference(s, in_attr), "{s:?} {in_attr}");
            }
        }
    }
}
