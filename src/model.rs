//! The data model shared by every pipeline stage: languages, pages, statements, groups, beads
//! and aligned units. Stages take and return these types; nothing here does I/O.

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};

/// One of the five languages polyalign works with. The order (alphabetical by ISO 639-1 code)
/// is the column order of every output.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    De,
    En,
    Es,
    Fr,
    Ru,
}

impl Lang {
    /// All languages in output order.
    pub const ALL: [Lang; 5] = [Lang::De, Lang::En, Lang::Es, Lang::Fr, Lang::Ru];

    /// ISO 639-1 code (`de`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::De => "de",
            Lang::En => "en",
            Lang::Es => "es",
            Lang::Fr => "fr",
            Lang::Ru => "ru",
        }
    }

    /// Region used in outputs when the input names none (`de-DE`, `en-GB`, …).
    pub fn default_tag(self) -> &'static str {
        match self {
            Lang::De => "de-DE",
            Lang::En => "en-GB",
            Lang::Es => "es-ES",
            Lang::Fr => "fr-FR",
            Lang::Ru => "ru-RU",
        }
    }

    /// Parses an ISO 639-1 or 639-2/3 code or an English language name, case-insensitively.
    pub fn from_code(code: &str) -> Option<Lang> {
        match code.trim().to_ascii_lowercase().as_str() {
            "de" | "deu" | "ger" | "german" => Some(Lang::De),
            "en" | "eng" | "english" => Some(Lang::En),
            "es" | "spa" | "spanish" => Some(Lang::Es),
            "fr" | "fra" | "fre" | "french" => Some(Lang::Fr),
            "ru" | "rus" | "russian" => Some(Lang::Ru),
            _ => None,
        }
    }

    /// True for languages written in Cyrillic.
    pub fn is_cyrillic(self) -> bool {
        self == Lang::Ru
    }
}

impl fmt::Display for Lang {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

impl std::str::FromStr for Lang {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Lang::from_code(s)
            .ok_or_else(|| format!("unknown language {s:?} (expected de, en, es, fr or ru)"))
    }
}

/// A language tag as written in the input (switcher marker, `lang` attribute, file name).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct LangTag {
    /// The tag exactly as found (`de-DE1`, `RU`, `pt-BR`).
    pub raw: String,
    /// The language, when it is one of ours.
    pub lang: Option<Lang>,
    /// Normalised BCP 47 tag for output (`de-DE`), when the language is known.
    pub tag: Option<String>,
}

/// A calendar date (proleptic Gregorian).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    pub year: i32,
    pub month: u8,
    pub day: u8,
}

impl Date {
    /// Builds a date, checking month and day ranges.
    pub fn new(year: i32, month: u8, day: u8) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = if y >= 0 { y } else { y - 399 } / 400;
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        let mut it = s.splitn(3, '-');
        let mut parse = || -> Option<Date> {
            let y = it.next()?.parse().ok()?;
            let m = it.next()?.parse().ok()?;
            let dd = it.next()?.parse().ok()?;
            Date::new(y, m, dd)
        };
        parse().ok_or_else(|| serde::de::Error::custom(format!("bad date {s:?}")))
    }
}

/// A time of day (hours, minutes).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Time {
    pub hour: u8,
    pub minute: u8,
}

impl fmt::Display for Time {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.hour, self.minute)
    }
}

impl Serialize for Time {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

/// How a page came in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PageFormat {
    /// A text dump of a web page, blocks separated by blank lines (the seed format).
    Text,
    /// An HTML page.
    Html,
    /// A plain per-language document (`de.txt`, `report.fr.md`): the whole file is one statement.
    Document,
}

/// One block of a page: a run of non-blank lines, normalised.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Block {
    /// Normalised text; lines inside the block joined by `\n`.
    pub text: String,
    /// 1-based line number of the block's first line in the decoded input.
    pub line: usize,
}

/// A decoded, normalised input page, split into blocks, before statement extraction.
#[derive(Clone, Debug, Serialize)]
pub struct Page {
    /// Path as given on the command line joined with the walked path (display form, `/` separators).
    pub path: String,
    pub format: PageFormat,
    /// Encoding detected or declared (`UTF-8`, `windows-1251`, …).
    pub encoding: String,
    /// Invalid byte sequences replaced by U+FFFD while decoding.
    pub replaced: usize,
    pub blocks: Vec<Block>,
    /// Page-level metadata (HTML `lang`, `hreflang`, canonical URL, language from the file name).
    pub meta: PageMeta,
}

/// Metadata read from the page outside its text blocks.
#[derive(Clone, Debug, Default, Serialize)]
pub struct PageMeta {
    /// `<html lang>` or the language named by the file (`name.de.txt`, `de.md`).
    pub declared_lang: Option<LangTag>,
    /// `<link rel="alternate" hreflang>` tags.
    pub alternates: Vec<LangTag>,
    /// Canonical URL, when the page gives one.
    pub canonical_url: Option<String>,
    /// Explicit group key (content id in the URL, manifest entry, document folder name).
    pub group_key: Option<String>,
    /// Title from `<title>`/`<h1>` for HTML pages.
    pub title: Option<String>,
    /// Text an HTML page's structure leaves out: what lies outside its main content, and the
    /// chrome elements inside it (listed as removed chrome, never dropped silently).
    #[serde(skip)]
    pub dropped: Vec<DroppedText>,
}

/// A piece of an HTML page left out by its structure ([`PageMeta::dropped`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DroppedText {
    /// 1-based source line of the element.
    pub line: usize,
    /// Inside the main content (a chrome element there), else outside it.
    pub inside: bool,
    /// Outside the main content and before it in the page (a site header, a menu).
    pub before: bool,
    /// The element, as `nav`, `div.share-bar`, `aside#related`.
    pub element: String,
    /// Its visible text, whitespace collapsed.
    pub text: String,
}

/// Main statement of a page, a teaser from a teaser list, or a whole plain document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StatementKind {
    Main,
    Teaser,
    Document,
}

/// A body paragraph of a statement.
#[derive(Clone, Debug, Serialize)]
pub struct Paragraph {
    pub text: String,
    /// 1-based input line of the paragraph's first line.
    pub line: usize,
    /// Language identified for this paragraph (inherits the statement's when too short or neutral).
    pub lang: Option<Lang>,
    /// Confidence of `lang` in [0, 1].
    pub lang_confidence: f64,
}

/// A statement extracted from a page: one language version of something an official body said.
#[derive(Clone, Debug, Serialize)]
pub struct Statement {
    /// Stable id: `<file path>#main`, `#teaser-<n>` or `#doc`.
    pub id: String,
    pub file: String,
    pub kind: StatementKind,
    pub date: Option<Date>,
    pub time: Option<Time>,
    /// The date text as written, also when it could not be parsed.
    pub date_raw: Option<String>,
    pub title: String,
    /// 1-based input line of the title.
    pub title_line: usize,
    /// Language-switcher tags (plus HTML `hreflang`/`lang` tags).
    pub markers: Vec<LangTag>,
    pub paragraphs: Vec<Paragraph>,
    /// Language identified for the statement as a whole.
    pub lang: Option<Lang>,
    pub lang_confidence: f64,
    /// Language the input claims (file name, `<html lang>`), checked against `lang`.
    pub declared_lang: Option<Lang>,
    /// Region tag for output (`de-DE`), from markers when present.
    pub lang_tag: Option<String>,
    /// Explicit grouping key from the input, when there is one.
    pub group_key: Option<String>,
}

impl Statement {
    /// A main statement of file `id` up to its `#`, with this title and these paragraphs and
    /// nothing else known (no date, language, markers or key): for library users who have
    /// plain texts, and for tests.
    pub fn plain(id: &str, title: &str, paras: &[&str]) -> Statement {
        Statement {
            id: id.into(),
            file: id.split('#').next().unwrap_or(id).into(),
            kind: StatementKind::Main,
            date: None,
            time: None,
            date_raw: None,
            title: title.into(),
            title_line: 1,
            markers: Vec::new(),
            paragraphs: paras
                .iter()
                .map(|t| Paragraph {
                    text: t.to_string(),
                    line: 2,
                    lang: None,
                    lang_confidence: 0.0,
                })
                .collect(),
            lang: None,
            lang_confidence: 0.0,
            declared_lang: None,
            lang_tag: None,
            group_key: None,
        }
    }
}

impl Statement {
    /// Total characters of the body.
    pub fn body_chars(&self) -> usize {
        self.paragraphs.iter().map(|p| p.text.chars().count()).sum()
    }

    /// The set of languages promised by the markers.
    pub fn promised(&self) -> std::collections::BTreeSet<Lang> {
        self.markers.iter().filter_map(|m| m.lang).collect()
    }
}

/// Why two statements were put in one group (or why one was kept apart).
#[derive(Clone, Debug, Serialize)]
pub struct Evidence {
    /// Statement ids compared.
    pub a: String,
    pub b: String,
    /// Probability that the two are language versions of one statement (1 for an explicit id).
    pub score: f64,
    /// Each feature's contribution to the log-odds (`content`, `numbers`, `margin`, …), or
    /// `explicit-id`.
    pub parts: Vec<(String, f64)>,
    /// The best competitor of each side (another candidate in the other's language), when any.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub runners_up: Vec<Alternative>,
    /// Why a probable pair was kept apart (`language-taken`, `inconsistent`, `below-threshold`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub decision: Option<String>,
}

/// A statement that could have been the counterpart, with its probability.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Alternative {
    /// The statement the alternative is for.
    pub of: String,
    /// The alternative statement and its language.
    pub statement: String,
    pub lang: Lang,
    pub probability: f64,
}

/// A version of another group (or of none) that could belong to this group: a candidate of one
/// of its members that was not linked.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct GroupCandidate {
    /// Index of the statement in the corpus statement list.
    #[serde(skip)]
    pub statement: usize,
    pub lang: Lang,
    pub probability: f64,
    /// True when the candidate's group shares no language with this group (the two could be
    /// one statement split in two: the candidate is free to join).
    pub unassigned: bool,
    /// True when the candidate is free to join and prefers this group: of the versions in this
    /// group's languages that are free to join the candidate, this group's member is the most
    /// probable. Such a candidate is listed (and keeps its language from being called missing)
    /// even when its probability is low: a partial or loose translation scores low against
    /// every version, and no other version claims it.
    pub mutual: bool,
}

/// A statement copy that was merged into another one of the same language.
#[derive(Clone, Debug, Serialize)]
pub struct Duplicate {
    /// Index of the kept statement in the corpus statement list.
    pub kept: usize,
    /// Index of the dropped copy.
    pub copy: usize,
    /// `same-text`, `teaser-of`, `same-file-content`.
    pub reason: String,
}

/// The language versions of one statement.
#[derive(Clone, Debug, Serialize)]
pub struct Group {
    /// Stable id derived from the date and the pivot version's title (`2019-10-16-foreign-minister-…`).
    pub id: String,
    /// One statement index per language present.
    pub versions: BTreeMap<Lang, usize>,
    /// Copies merged away (same language scraped twice, teaser of a full text).
    pub duplicates: Vec<Duplicate>,
    /// Languages promised by any version's markers.
    pub promised: std::collections::BTreeSet<Lang>,
    /// Pairwise evidence that joined the versions.
    pub evidence: Vec<Evidence>,
    /// The most probable versions outside the group per language, and the most probable of
    /// those free to join when that is another (for the audit: a promised language with a
    /// plausible unassigned candidate is `unmatched`, not missing).
    #[serde(skip)]
    pub candidates: Vec<GroupCandidate>,
}

/// Alignment granularity.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum Level {
    #[default]
    Paragraph,
    Sentence,
}

impl fmt::Display for Level {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Level::Paragraph => "paragraph",
            Level::Sentence => "sentence",
        })
    }
}

/// A bead of a two-language alignment: source and target segment indices (each possibly empty)
/// and a confidence in [0, 1].
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Bead {
    pub src: Vec<usize>,
    pub tgt: Vec<usize>,
    pub score: f64,
}

impl Bead {
    /// Shape like `2-1`.
    pub fn shape(&self) -> String {
        format!("{}-{}", self.src.len(), self.tgt.len())
    }
}

/// One language's side of an aligned unit.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UnitSegment {
    /// The unit's segments of this language, joined with a single space.
    pub text: String,
    /// 0-based paragraph (or sentence) indices of that statement version.
    pub indices: Vec<usize>,
    /// Source file.
    pub file: String,
    /// Output language tag with region (`de-DE`).
    pub tag: String,
}

/// An N-way aligned unit: the same content in every language of a group that has it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Unit {
    pub group: String,
    /// 0-based unit number within the group.
    pub unit: usize,
    pub level: Level,
    /// Confidence in [0, 1]: the minimum over the pairwise beads that make up the unit.
    pub score: f64,
    /// Shape over the languages present, in output order (`1-2-1`).
    pub bead: String,
    /// For sentence units, the paragraph unit they come from.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub parent: Option<usize>,
    /// True when direct alignment of two non-pivot languages disagrees with the pivot merge.
    #[serde(default)]
    pub conflict: bool,
    pub segments: BTreeMap<Lang, UnitSegment>,
}

/// What an audit finding is about.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FindingKind {
    /// A language promised by the switcher markers is not in the corpus.
    MissingLanguage,
    /// A statement (or one language version) is present only as a teaser.
    TeaserOnly,
    /// The same statement in the same language was found more than once (copies listed).
    Duplicate,
    /// A pivot paragraph has no counterpart in this language (1-0 bead).
    Omission,
    /// A paragraph of this language has no counterpart in the pivot (0-1 bead).
    Addition,
    /// A paragraph is written in another language than its statement.
    Untranslated,
    /// A paragraph is copied unchanged from another language version.
    Copied,
    /// The version covers much less of the pivot's text than the others.
    Truncated,
    /// A bead's length ratio is far from the language pair's ratio.
    LengthRatio,
    /// A bead the aligner is not confident about.
    LowConfidence,
    /// Direct alignment of two non-pivot languages disagrees with the pivot merge.
    Conflict,
    /// The statement exists as a full text in one language only (no other version found).
    SingleVersion,
    /// A version of another language could be this statement's but was not joined to it (its
    /// probability is below the linking threshold, or joining would break a group's
    /// consistency): named with its probability, for a human to decide.
    Unmatched,
}

impl FindingKind {
    /// Every kind, in the order findings of equal confidence are sorted.
    pub const ALL: [FindingKind; 13] = [
        FindingKind::MissingLanguage,
        FindingKind::TeaserOnly,
        FindingKind::Duplicate,
        FindingKind::Omission,
        FindingKind::Addition,
        FindingKind::Untranslated,
        FindingKind::Copied,
        FindingKind::Truncated,
        FindingKind::LengthRatio,
        FindingKind::LowConfidence,
        FindingKind::Conflict,
        FindingKind::SingleVersion,
        FindingKind::Unmatched,
    ];

    /// The kebab-case name used in every output.
    pub fn name(self) -> &'static str {
        match self {
            FindingKind::MissingLanguage => "missing-language",
            FindingKind::TeaserOnly => "teaser-only",
            FindingKind::Duplicate => "duplicate",
            FindingKind::Omission => "omission",
            FindingKind::Addition => "addition",
            FindingKind::Untranslated => "untranslated",
            FindingKind::Copied => "copied",
            FindingKind::Truncated => "truncated",
            FindingKind::LengthRatio => "length-ratio",
            FindingKind::LowConfidence => "low-confidence",
            FindingKind::Conflict => "conflict",
            FindingKind::SingleVersion => "single-version",
            FindingKind::Unmatched => "unmatched",
        }
    }
}

/// How much a finding matters to an analyst.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum FindingSeverity {
    Info,
    Low,
    Medium,
    High,
}

/// One audit finding.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub kind: FindingKind,
    pub severity: FindingSeverity,
    /// Group id.
    pub group: String,
    /// Language(s) concerned: the version with the problem first, then the language compared with.
    pub langs: Vec<Lang>,
    /// Statement id of the version concerned, when there is one.
    pub statement: Option<String>,
    /// Files concerned.
    pub files: Vec<String>,
    /// 0-based paragraph indices in the version concerned (or in the pivot for omissions).
    pub paragraphs: Vec<usize>,
    /// The text concerned (whole paragraph text for omissions, additions, untranslated).
    pub excerpt: String,
    /// Numbers that decided it (`ratio`, `expected`, `z`, `score`, `probability` …).
    pub evidence: BTreeMap<String, f64>,
    /// How sure the audit is that the finding is real, in [0, 1]; reports sort by it.
    #[serde(default)]
    pub confidence: f64,
    /// One-line human explanation.
    pub message: String,
}

/// State of one language in one group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case", tag = "state")]
pub enum Coverage {
    /// A full version is present.
    Present { file: String, copies: Vec<String> },
    /// Only a teaser is present.
    TeaserOnly { file: String, copies: Vec<String> },
    /// Promised by the markers but not in the corpus.
    Missing,
    /// Neither present nor promised.
    Absent,
}

/// One row of the coverage matrix.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct CoverageRow {
    pub group: String,
    pub title: String,
    pub date: Option<Date>,
    pub cells: BTreeMap<Lang, Coverage>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finding_kinds_are_listed_in_their_sort_order() {
        assert!(FindingKind::ALL.windows(2).all(|w| w[0] < w[1]));
        for k in FindingKind::ALL {
            let json = serde_json::to_string(&k).unwrap();
            assert_eq!(json, format!("\"{}\"", k.name()));
        }
    }
}
