//! TMX reader (any version 1.1–1.4): header attributes and props, and every `<tu>` with its
//! attributes, props and variants. Used by `polyalign convert` and by the tests that reread
//! what the writer produced.
//!
//! # Segment text
//! The text of `<seg>` is kept exactly: no trimming, Text, CDATA and entity references
//! concatenated in document order (quick-xml hands `&amp;` as a separate event), the five
//! predefined entities and numeric character references (`&#233;`, `&#xE9;`) resolved, raw
//! line ends normalised as XML 1.0 requires (CRLF and CR become LF; `&#13;` stays a CR).
//! Inline markup: the text inside `<hi>` and `<sub>` (when not inside a code) is kept, the
//! native codes `<ph>`, `<bpt>`, `<ept>`, `<it>`, `<ut>` are dropped with their content,
//! since they carry formatting codes, not text.
//!
//! The input may be UTF-8 (with or without BOM) or UTF-16 with a BOM.

use std::collections::BTreeMap;

use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use quick_xml::XmlVersion;

/// A parsed TMX document.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TmxDoc {
    /// `<tmx version>`.
    pub version: String,
    pub header: TmxHeader,
    pub units: Vec<TmxUnit>,
}

/// The `<header>` element.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TmxHeader {
    /// Every attribute (`srclang`, `segtype`, `creationtool` …).
    pub attrs: BTreeMap<String, String>,
    /// `<prop type>` values in document order.
    pub props: Vec<(String, String)>,
}

/// One `<tu>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TmxUnit {
    pub tuid: Option<String>,
    /// Every attribute of the `<tu>`, `tuid` included.
    pub attrs: BTreeMap<String, String>,
    pub props: Vec<(String, String)>,
    pub notes: Vec<String>,
    pub variants: Vec<TmxVariant>,
}

impl TmxUnit {
    /// The first prop of type `ty`.
    pub fn prop(&self, ty: &str) -> Option<&str> {
        find_prop(&self.props, ty)
    }
}

/// One `<tuv>`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TmxVariant {
    /// `xml:lang` (or TMX 1.1 `lang`) as written.
    pub lang: String,
    pub text: String,
    pub props: Vec<(String, String)>,
}

impl TmxVariant {
    /// The first prop of type `ty`.
    pub fn prop(&self, ty: &str) -> Option<&str> {
        find_prop(&self.props, ty)
    }
}

fn find_prop<'a>(props: &'a [(String, String)], ty: &str) -> Option<&'a str> {
    props.iter().find(|(t, _)| t == ty).map(|(_, v)| v.as_str())
}

/// A TMX file that could not be read.
#[derive(Debug, thiserror::Error)]
pub enum TmxReadError {
    #[error("XML error at byte {pos}: {message}")]
    Xml { pos: u64, message: String },
    #[error("not a TMX document: {0}")]
    NotTmx(String),
    #[error("undeclared entity &{0};")]
    Entity(String),
}

/// Reads a TMX file.
pub fn read_file(path: &std::path::Path) -> anyhow::Result<TmxDoc> {
    use anyhow::Context;
    let bytes = std::fs::read(path).with_context(|| format!("reading {}", path.display()))?;
    parse_bytes(&bytes).with_context(|| format!("parsing {}", path.display()))
}

/// Parses TMX bytes (UTF-8, or UTF-8/UTF-16 with a BOM).
pub fn parse_bytes(bytes: &[u8]) -> Result<TmxDoc, TmxReadError> {
    let (text, _, _) = match encoding_rs::Encoding::for_bom(bytes) {
        Some((enc, _)) => enc.decode(bytes),
        None => encoding_rs::UTF_8.decode(bytes),
    };
    // A UTF-16 document still declares encoding="UTF-16"; quick-xml reads the decoded &str.
    parse_str(&text)
}

#[derive(Clone, Copy, PartialEq)]
enum Ctx {
    Header,
    Tu,
    Tuv,
}

/// Parses a TMX document from text.
pub fn parse_str(text: &str) -> Result<TmxDoc, TmxReadError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let xml_err = |r: &Reader<&[u8]>, e: quick_xml::Error| TmxReadError::Xml {
        pos: r.buffer_position(),
        message: e.to_string(),
    };

    let mut doc = TmxDoc::default();
    let mut seen_root = false;
    let mut ctx: Vec<Ctx> = Vec::new();
    let mut unit: Option<TmxUnit> = None;
    let mut variant: Option<TmxVariant> = None;
    // Text of the element being collected (`<prop>`, `<note>` or `<seg>`), with the prop type.
    let mut collecting: Option<(&'static str, Option<String>)> = None;
    let mut buf = String::new();
    // Depth inside `<seg>` and, when > 0, depth inside a dropped native code.
    let mut seg_depth = 0usize;
    let mut code_depth = 0usize;

    loop {
        let ev = reader.read_event().map_err(|e| xml_err(&reader, e))?;
        // Text counts inside `<seg>` (outside native codes) and inside `<prop>`/`<note>`.
        let keep_text = (seg_depth > 0 && code_depth == 0) || collecting.is_some();
        match ev {
            Event::Eof => break,
            Event::Start(ref e) | Event::Empty(ref e) => {
                let empty = matches!(ev, Event::Empty(_));
                let name = e.name().as_ref().to_string();
                if seg_depth > 0 {
                    let code = matches!(name.as_str(), "ph" | "bpt" | "ept" | "it" | "ut");
                    if !empty && (code_depth > 0 || code) {
                        code_depth += 1;
                    }
                    if !empty {
                        seg_depth += 1;
                    }
                    continue;
                }
                let attrs = attributes(e).map_err(|m| TmxReadError::Xml {
                    pos: reader.buffer_position(),
                    message: m,
                })?;
                match name.as_str() {
                    "tmx" => {
                        seen_root = true;
                        doc.version = attrs.get("version").cloned().unwrap_or_default();
                    }
                    "header" => {
                        doc.header.attrs = attrs;
                        if !empty {
                            ctx.push(Ctx::Header);
                        }
                    }
                    "tu" => {
                        let u = TmxUnit {
                            tuid: attrs.get("tuid").cloned(),
                            attrs,
                            ..Default::default()
                        };
                        if empty {
                            doc.units.push(u);
                        } else {
                            unit = Some(u);
                            ctx.push(Ctx::Tu);
                        }
                    }
                    "tuv" => {
                        let lang = attrs
                            .get("xml:lang")
                            .or_else(|| attrs.get("lang"))
                            .cloned()
                            .unwrap_or_default();
                        let v = TmxVariant {
                            lang,
                            ..Default::default()
                        };
                        if empty {
                            if let Some(u) = unit.as_mut() {
                                u.variants.push(v);
                            }
                        } else {
                            variant = Some(v);
                            ctx.push(Ctx::Tuv);
                        }
                    }
                    "prop" | "note" => {
                        let kind = if name == "prop" { "prop" } else { "note" };
                        if empty {
                            store(
                                kind,
                                attrs.get("type").cloned(),
                                String::new(),
                                &ctx,
                                &mut doc,
                                &mut unit,
                                &mut variant,
                            );
                        } else {
                            collecting = Some((kind, attrs.get("type").cloned()));
                            buf.clear();
                        }
                    }
                    "seg" => {
                        buf.clear();
                        if empty {
                            if let Some(v) = variant.as_mut() {
                                v.text.clear();
                            }
                        } else {
                            seg_depth = 1;
                            code_depth = 0;
                        }
                    }
                    _ => {}
                }
            }
            Event::End(ref e) => {
                if seg_depth > 0 {
                    seg_depth -= 1;
                    code_depth = code_depth.saturating_sub(1);
                    if seg_depth == 0 {
                        if let Some(v) = variant.as_mut() {
                            v.text = std::mem::take(&mut buf);
                        }
                    }
                    continue;
                }
                match e.name().as_ref() {
                    "header" => {
                        ctx.pop();
                    }
                    "tu" => {
                        ctx.pop();
                        if let Some(u) = unit.take() {
                            doc.units.push(u);
                        }
                    }
                    "tuv" => {
                        ctx.pop();
                        if let (Some(u), Some(v)) = (unit.as_mut(), variant.take()) {
                            u.variants.push(v);
                        }
                    }
                    "prop" | "note" => {
                        if let Some((kind, ty)) = collecting.take() {
                            let text = std::mem::take(&mut buf);
                            store(kind, ty, text, &ctx, &mut doc, &mut unit, &mut variant);
                        }
                    }
                    _ => {}
                }
            }
            Event::Text(t) if keep_text => {
                buf.push_str(&t.xml_content(XmlVersion::Implicit1_0));
            }
            Event::CData(c) if keep_text => {
                let raw = c.into_inner();
                buf.push_str(&raw.replace("\r\n", "\n").replace('\r', "\n"));
            }
            Event::GeneralRef(r) if keep_text => {
                let c = match r.resolve_char_ref().map_err(|e| xml_err(&reader, e))? {
                    Some(c) => c,
                    None => match &*r {
                        "amp" => '&',
                        "lt" => '<',
                        "gt" => '>',
                        "quot" => '"',
                        "apos" => '\'',
                        other => return Err(TmxReadError::Entity(other.to_string())),
                    },
                };
                buf.push(c);
            }
            _ => {}
        }
    }
    if !seen_root {
        return Err(TmxReadError::NotTmx("no <tmx> element".into()));
    }
    Ok(doc)
}

fn store(
    kind: &str,
    ty: Option<String>,
    text: String,
    ctx: &[Ctx],
    doc: &mut TmxDoc,
    unit: &mut Option<TmxUnit>,
    variant: &mut Option<TmxVariant>,
) {
    let ty = ty.unwrap_or_default();
    match (ctx.last(), kind) {
        (Some(Ctx::Header), "prop") => doc.header.props.push((ty, text)),
        (Some(Ctx::Tu), "prop") => {
            if let Some(u) = unit.as_mut() {
                u.props.push((ty, text));
            }
        }
        (Some(Ctx::Tu), "note") => {
            if let Some(u) = unit.as_mut() {
                u.notes.push(text);
            }
        }
        (Some(Ctx::Tuv), "prop") => {
            if let Some(v) = variant.as_mut() {
                v.props.push((ty, text));
            }
        }
        _ => {}
    }
}

fn attributes(e: &BytesStart<'_>) -> Result<BTreeMap<String, String>, String> {
    let mut out = BTreeMap::new();
    for a in e.attributes() {
        let a = a.map_err(|e| e.to_string())?;
        let key = a.key.as_ref().to_string();
        let value = a
            .normalized_value(XmlVersion::Implicit1_0)
            .map_err(|e| e.to_string())?;
        out.insert(key, value.into_owned());
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_and_spaces_survive() {
        let doc = parse_str(
            "<?xml version=\"1.0\"?><tmx version=\"1.4\"><header srclang=\"en\"/><body>\
             <tu tuid=\"g:1\"><prop type=\"x-a\">a &amp; b</prop><tuv xml:lang=\"en\"><seg> A &amp; B &lt;c&gt; &#233;&#xE9;\r\n&#13;x </seg></tuv>\
             <tuv lang=\"de\"><seg>x<bpt i=\"1\">&lt;b&gt;</bpt>fett<ept i=\"1\">&lt;/b&gt;</ept> <hi>y</hi><ph/>z<![CDATA[<&>]]></seg></tuv></tu>\
             </body></tmx>",
        )
        .unwrap();
        assert_eq!(doc.version, "1.4");
        assert_eq!(doc.header.attrs["srclang"], "en");
        let u = &doc.units[0];
        assert_eq!(u.tuid.as_deref(), Some("g:1"));
        assert_eq!(u.prop("x-a"), Some("a & b"));
        assert_eq!(u.variants[0].text, " A & B <c> éé\n\rx ");
        assert_eq!(u.variants[1].lang, "de");
        assert_eq!(u.variants[1].text, "xfett yz<&>");
    }

    #[test]
    fn rejects_non_tmx_and_bad_entities() {
        assert!(parse_str("<html/>").is_err());
        assert!(parse_str(
            "<tmx><body><tu><tuv xml:lang=\"en\"><seg>&nbsp;</seg></tuv></tu></body></tmx>"
        )
        .is_err());
    }

    #[test]
    fn utf16_with_bom() {
        let s = "<tmx version=\"1.4\"><header/><body><tu><tuv xml:lang=\"ru\"><seg>Привет</seg></tuv></tu></body></tmx>";
        let mut bytes = vec![0xFF, 0xFE];
        for u in s.encode_utf16() {
            bytes.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            parse_bytes(&bytes).unwrap().units[0].variants[0].text,
            "Привет"
        );
    }
}
