//! Small text helpers every report page shares: escaping, number and paragraph labels, finding
//! kind names and descriptions, and unique anchors.

use std::collections::HashSet;

use crate::model::{Coverage, Date, FindingKind, FindingSeverity};

/// Every finding kind, in legend order (coverage problems first, then alignment gaps, then
/// content and quality problems). Per-kind counts are arrays indexed by position in this list.
pub(super) const KINDS: [FindingKind; 13] = [
    FindingKind::MissingLanguage,
    FindingKind::Unmatched,
    FindingKind::SingleVersion,
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
];

/// Severities, most severe first (the order of every severity column).
pub(super) const SEVERITIES: [FindingSeverity; 4] = [
    FindingSeverity::High,
    FindingSeverity::Medium,
    FindingSeverity::Low,
    FindingSeverity::Info,
];

/// Units scoring below this are shown in a muted colour: the aligner was unsure.
pub(super) const LOW_SCORE: f64 = 0.5;

/// Units scoring below this (and at least [`LOW_SCORE`]) are shown in amber.
pub(super) const MID_SCORE: f64 = 0.75;

/// Position of `kind` in [`KINDS`].
pub(super) fn kind_index(kind: FindingKind) -> usize {
    KINDS.iter().position(|&k| k == kind).unwrap_or(0)
}

/// Position of `s` in [`SEVERITIES`] (0 = high).
pub(super) fn severity_index(s: FindingSeverity) -> usize {
    3 - s as usize
}

/// Escapes text for HTML element content and double- or single-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            // Control characters other than tab/newline are invalid in HTML text.
            c if c.is_control() && c != '\n' && c != '\t' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// One-line description of a finding kind for the legend.
pub(super) fn kind_description(kind: FindingKind) -> &'static str {
    match kind {
        FindingKind::MissingLanguage => {
            "a language promised by the language switcher is not in the corpus"
        }
        FindingKind::TeaserOnly => "a language version is present only as a teaser",
        FindingKind::SingleVersion => "the statement was found in one language only",
        FindingKind::Unmatched => {
            "a version in another language could belong here but was not joined (probability given)"
        }
        FindingKind::Duplicate => {
            "the same statement in the same language was found more than once"
        }
        FindingKind::Omission => "a pivot paragraph has no counterpart in this language",
        FindingKind::Addition => "a paragraph of this language has no counterpart in the pivot",
        FindingKind::Untranslated => {
            "a paragraph is written in another language than its statement"
        }
        FindingKind::Copied => "a paragraph is copied unchanged from another language version",
        FindingKind::Truncated => {
            "the version covers much less of the pivot's text than the others"
        }
        FindingKind::LengthRatio => {
            "a unit's length ratio is far from the language pair's usual ratio"
        }
        FindingKind::LowConfidence => "the aligner is not confident about this unit",
        FindingKind::Conflict => {
            "direct alignment of two non-pivot languages disagrees with the pivot merge"
        }
    }
}

/// Finding kinds that concern individual aligned units (highlighted in the side-by-side view);
/// the others concern a whole language version.
pub(super) fn is_row_kind(kind: FindingKind) -> bool {
    matches!(
        kind,
        FindingKind::Omission
            | FindingKind::Addition
            | FindingKind::Untranslated
            | FindingKind::Copied
            | FindingKind::LengthRatio
            | FindingKind::LowConfidence
            | FindingKind::Conflict
    )
}

pub(super) fn severity_name(s: FindingSeverity) -> &'static str {
    match s {
        FindingSeverity::Info => "info",
        FindingSeverity::Low => "low",
        FindingSeverity::Medium => "medium",
        FindingSeverity::High => "high",
    }
}

pub(super) fn coverage_state(c: &Coverage) -> &'static str {
    match c {
        Coverage::Present { .. } => "present",
        Coverage::TeaserOnly { .. } => "teaser-only",
        Coverage::Missing => "missing",
        Coverage::Absent => "absent",
    }
}

/// Formats an evidence number compactly: integers without decimals, others with up to three.
pub(super) fn fmt_num(x: f64) -> String {
    if !x.is_finite() {
        return format!("{x}");
    }
    if x.fract() == 0.0 && x.abs() < 1e12 {
        return format!("{x:.0}");
    }
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s == "-0" {
        "0".to_string()
    } else {
        s.to_string()
    }
}

/// Formats a byte count for people: `812 kB`, `3.4 MB` (decimal units, as file managers show).
pub(super) fn fmt_bytes(n: usize) -> String {
    if n < 1_000_000 {
        format!("{} kB", n.div_ceil(1000))
    } else {
        format!("{:.1} MB", n as f64 / 1e6)
    }
}

/// The label for `n` things: `one` when `n` is 1, else `many`.
pub(super) fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 {
        one
    } else {
        many
    }
}

/// Paragraph labels as shown to people: 1-based, runs collapsed (`¶3–5, ¶8`).
pub(super) fn para_label(indices: &[usize]) -> String {
    let mut sorted: Vec<usize> = indices.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    let mut parts = Vec::new();
    let mut i = 0;
    while i < sorted.len() {
        let start = sorted[i];
        let mut end = start;
        while i + 1 < sorted.len() && sorted[i + 1] == end + 1 {
            i += 1;
            end = sorted[i];
        }
        if end == start {
            parts.push(format!("¶{}", start + 1));
        } else {
            parts.push(format!("¶{}–{}", start + 1, end + 1));
        }
        i += 1;
    }
    parts.join(", ")
}

pub(super) fn date_text(date: Option<Date>) -> String {
    date.map_or_else(|| "undated".to_string(), |d| d.to_string())
}

/// Cuts `text` to at most `max` characters at a word boundary, adding an ellipsis.
pub(super) fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let cut: String = text.chars().take(max).collect();
    let cut = match cut.rfind(char::is_whitespace) {
        Some(pos) if pos > max / 2 => &cut[..pos],
        _ => cut.as_str(),
    };
    format!("{}…", cut.trim_end())
}

/// Hands out unique, valid `id` values derived from arbitrary strings.
#[derive(Default)]
pub(super) struct Anchors {
    used: HashSet<String>,
}

impl Anchors {
    pub(super) fn reserve(&mut self, id: &str) {
        self.used.insert(id.to_string());
    }

    pub(super) fn make(&mut self, prefix: &str, raw: &str) -> String {
        let mut slug = String::new();
        for c in raw.chars().flat_map(char::to_lowercase) {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.ends_with('-') {
                slug.push('-');
            }
        }
        let slug = slug.trim_matches('-');
        let base = if slug.is_empty() {
            prefix.to_string()
        } else {
            format!("{prefix}-{slug}")
        };
        let mut candidate = base.clone();
        let mut n = 2;
        while self.used.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.used.insert(candidate.clone());
        candidate
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_quotes() {
        assert_eq!(
            escape("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(escape("a\u{0}b"), "a\u{FFFD}b");
    }

    #[test]
    fn para_labels_are_one_based_runs() {
        assert_eq!(para_label(&[0]), "¶1");
        assert_eq!(para_label(&[3, 2, 4, 7]), "¶3–5, ¶8");
        assert_eq!(para_label(&[]), "");
    }

    #[test]
    fn numbers_are_compact() {
        assert_eq!(fmt_num(3.0), "3");
        assert_eq!(fmt_num(0.12345), "0.123");
        assert_eq!(fmt_num(1.5), "1.5");
        assert_eq!(fmt_num(-0.0001), "0");
        assert_eq!(fmt_bytes(1), "1 kB");
        assert_eq!(fmt_bytes(812_400), "813 kB");
        assert_eq!(fmt_bytes(3_449_000), "3.4 MB");
        assert_eq!(plural(1, "group", "groups"), "group");
        assert_eq!(plural(0, "group", "groups"), "groups");
    }

    #[test]
    fn anchors_are_unique_and_safe() {
        let mut a = Anchors::default();
        a.reserve("top");
        assert_eq!(
            a.make("g", "2019-10-16 Minister: «Rede»"),
            "g-2019-10-16-minister-rede"
        );
        assert_eq!(
            a.make("g", "2019-10-16 minister rede"),
            "g-2019-10-16-minister-rede-2"
        );
        assert_eq!(a.make("top", ""), "top-2");
        assert_eq!(a.make("g", "Заявление"), "g");
    }

    #[test]
    fn shorten_cuts_at_words() {
        assert_eq!(shorten("short", 10), "short");
        assert_eq!(shorten("one two three four", 10), "one two…");
    }

    #[test]
    fn kind_and_severity_positions() {
        for (i, k) in KINDS.iter().enumerate() {
            assert_eq!(kind_index(*k), i);
        }
        for (i, s) in SEVERITIES.iter().enumerate() {
            assert_eq!(severity_index(*s), i);
        }
    }
}
