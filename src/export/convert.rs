//! TMX to units: a translation memory (ours or another tool's) read back as [`Unit`]s, with
//! their groups and statements, so that `polyalign convert` and the Python package re-export it
//! through the same exporters as the pipeline.
//!
//! How a `<tu>` becomes a [`Unit`]: languages from `xml:lang` (primary subtag; variants in other
//! languages are skipped and counted; a second variant of the same language is skipped and
//! counted); group from the `x-group` prop, else the `tuid` up to its first `:`, else the input
//! file's stem; unit number from `x-unit`, else the count of earlier units of the group; level
//! from `x-level`, else the header's `segtype`; score from `x-score`, else 1 (a memory entry
//! is a confirmed translation); the tag as written with `_` turned into `-`;
//! `x-file`/`x-indices` per variant (else the input path and no
//! indices); bead from `x-bead` when its arity matches, else from the indices (1 each when
//! absent). `x-date`/`x-title` become the group's statement
//! metadata (time of day from `creationdate`), so our own TMX survives a round trip byte for
//! byte; in another tool's TMX without `x-date`, the `<tu>` `creationdate` gives the date.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::export::tmx_read::TmxDoc;
use crate::model::{Date, Group, Lang, Level, Statement, StatementKind, Time, Unit, UnitSegment};

/// Units and their metadata rebuilt from a TMX document.
#[derive(Clone, Debug, Default)]
pub struct Converted {
    pub units: Vec<Unit>,
    pub groups: Vec<Group>,
    pub statements: Vec<Statement>,
    pub level: Level,
    /// Language of the header's `srclang` (`None` for `*all*` or an unsupported language).
    pub pivot: Option<Lang>,
    /// Languages present.
    pub langs: BTreeSet<Lang>,
    /// Variants skipped (unsupported or repeated language).
    pub skipped_variants: usize,
}

/// Rebuilds units from a TMX document (rules in the module doc).
pub fn units_from_tmx(doc: &TmxDoc, fallback_group: &str, file: &str) -> Converted {
    let header_level = match doc.header.attrs.get("segtype").map(String::as_str) {
        Some("sentence") | Some("phrase") => Level::Sentence,
        _ => Level::Paragraph,
    };
    let mut out = Converted {
        level: header_level,
        pivot: doc.header.attrs.get("srclang").and_then(|s| lang_of(s)),
        ..Default::default()
    };
    let ours = doc
        .header
        .attrs
        .get("creationtool")
        .is_some_and(|t| t == "polyalign");
    let mut next_unit: HashMap<String, usize> = HashMap::new();
    // group id → (date, time, title, statement id per language)
    let mut meta: BTreeMap<String, GroupMeta> = BTreeMap::new();

    for tu in &doc.units {
        let group = tu
            .prop("x-group")
            .map(str::to_string)
            .or_else(|| {
                tu.tuid
                    .as_deref()
                    .and_then(|t| t.split_once(':'))
                    .map(|(g, _)| g.to_string())
            })
            .or_else(|| tu.tuid.clone())
            .unwrap_or_else(|| fallback_group.to_string());
        let counter = next_unit.entry(group.clone()).or_default();
        let unit_no = tu
            .prop("x-unit")
            .and_then(|s| s.trim().parse().ok())
            .unwrap_or(*counter);
        *counter = (*counter).max(unit_no + 1);
        let level = match tu.prop("x-level") {
            Some("sentence") => Level::Sentence,
            Some("paragraph") => Level::Paragraph,
            _ => header_level,
        };
        let score = tu
            .prop("x-score")
            .and_then(|s| s.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite())
            .unwrap_or(1.0);

        let gm = meta.entry(group.clone()).or_default();
        if gm.date.is_none() {
            let created = tu.attrs.get("creationdate").and_then(|s| parse_tmx_date(s));
            gm.date = match tu.prop("x-date").and_then(parse_iso_date) {
                // Our own TMX: the time of day is only in `creationdate`.
                Some(d) => Some((d, created.filter(|(cd, _)| *cd == d).and_then(|(_, t)| t))),
                // Our own TMX without x-date: `creationdate` is SOURCE_DATE_EPOCH, not a date
                // of the statement.
                None if ours => None,
                None => created,
            };
        }
        if gm.title.is_none() {
            gm.title = tu.prop("x-title").map(str::to_string);
        }

        let mut segments = BTreeMap::new();
        for v in &tu.variants {
            let Some(lang) = lang_of(&v.lang) else {
                out.skipped_variants += 1;
                continue;
            };
            if segments.contains_key(&lang) {
                out.skipped_variants += 1;
                continue;
            }
            let indices = v
                .prop("x-indices")
                .map(|s| s.split(',').filter_map(|i| i.trim().parse().ok()).collect())
                .unwrap_or_default();
            if let Some(id) = v.prop("x-statement") {
                gm.statements.entry(lang).or_insert_with(|| id.to_string());
            }
            let seg_file = v
                .prop("x-file")
                .map(str::to_string)
                .unwrap_or_else(|| file.to_string());
            gm.files.entry(lang).or_insert_with(|| seg_file.clone());
            segments.insert(
                lang,
                UnitSegment {
                    text: v.text.clone(),
                    indices,
                    file: seg_file,
                    tag: v.lang.replace('_', "-"),
                },
            );
            out.langs.insert(lang);
        }
        let shape: Vec<String> = segments
            .values()
            .map(|s: &UnitSegment| s.indices.len().max(1).to_string())
            .collect();
        let bead = match tu.prop("x-bead") {
            Some(b) if b.split('-').count() == segments.len() => b.to_string(),
            _ => shape.join("-"),
        };
        out.units.push(Unit {
            group,
            unit: unit_no,
            level,
            score,
            bead,
            parent: None,
            conflict: tu.prop("x-conflict") == Some("true"),
            segments,
        });
    }

    for (id, gm) in meta {
        let mut versions = BTreeMap::new();
        for (lang, f) in &gm.files {
            versions.insert(*lang, out.statements.len());
            out.statements.push(Statement {
                id: gm.statements.get(lang).cloned().unwrap_or_default(),
                file: f.clone(),
                kind: StatementKind::Main,
                date: gm.date.map(|(d, _)| d),
                time: gm.date.and_then(|(_, t)| t),
                date_raw: None,
                title: gm.title.clone().unwrap_or_default(),
                title_line: 0,
                markers: Vec::new(),
                paragraphs: Vec::new(),
                lang: Some(*lang),
                lang_confidence: 1.0,
                declared_lang: None,
                lang_tag: None,
                group_key: Some(id.clone()),
            });
        }
        out.groups.push(Group {
            id,
            versions,
            duplicates: Vec::new(),
            promised: BTreeSet::new(),
            evidence: Vec::new(),
            candidates: Vec::new(),
        });
    }
    out
}

#[derive(Default)]
struct GroupMeta {
    date: Option<(Date, Option<Time>)>,
    title: Option<String>,
    statements: BTreeMap<Lang, String>,
    files: BTreeMap<Lang, String>,
}

/// The language of a tag like `de-DE`, `en_GB`, `RU`.
fn lang_of(tag: &str) -> Option<Lang> {
    let primary = tag.split(['-', '_']).next().unwrap_or("");
    Lang::from_code(primary)
}

fn parse_iso_date(s: &str) -> Option<Date> {
    let mut it = s.trim().splitn(3, '-');
    Date::new(
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
        it.next()?.parse().ok()?,
    )
}

/// `YYYYMMDDThhmmssZ` → date and time of day (minutes precision, as [`Time`] has).
fn parse_tmx_date(s: &str) -> Option<(Date, Option<Time>)> {
    let s = s.trim();
    if s.len() < 8 || !s.is_char_boundary(8) {
        return None;
    }
    let d = Date::new(
        s[0..4].parse().ok()?,
        s[4..6].parse().ok()?,
        s[6..8].parse().ok()?,
    )?;
    let t = s.get(9..13).and_then(|hm| {
        let (h, m): (u8, u8) = (hm[0..2].parse().ok()?, hm[2..4].parse().ok()?);
        (h < 24 && m < 60 && (h, m) != (0, 0)).then_some(Time { hour: h, minute: m })
    });
    Some((d, t))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::export::tmx_read;

    #[test]
    fn foreign_tmx_gets_defaults() {
        let doc = tmx_read::parse_str(
            "<tmx version=\"1.4\"><header srclang=\"en-US\" segtype=\"sentence\"/><body>\
             <tu tuid=\"7\" creationdate=\"20200102T030400Z\"><tuv xml:lang=\"en-US\"><seg>Hi</seg></tuv>\
             <tuv xml:lang=\"pt-BR\"><seg>Oi</seg></tuv><tuv xml:lang=\"fr_FR\"><seg>Salut</seg></tuv></tu>\
             </body></tmx>",
        )
        .unwrap();
        let c = units_from_tmx(&doc, "mem", "mem.tmx");
        assert_eq!(c.pivot, Some(Lang::En));
        assert_eq!(c.skipped_variants, 1);
        let u = &c.units[0];
        assert_eq!(
            (u.group.as_str(), u.unit, u.level, u.bead.as_str()),
            ("7", 0, Level::Sentence, "1-1")
        );
        assert_eq!(u.segments[&Lang::Fr].tag, "fr-FR");
        assert_eq!(c.statements[0].date, Date::new(2020, 1, 2));
        assert_eq!(c.statements[0].time, Some(Time { hour: 3, minute: 4 }));
    }
}
