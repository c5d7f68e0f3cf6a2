//! De-duplication: copies of one statement in one language (scraped from two sites, or a
//! teaser of a full text) are merged into the best copy before language versions are matched.
//! A copy has the same language, a date within a day, the same (or a prefix of the) title and
//! the same body words, or the start of them for a teaser, and no number its original lacks.

use std::collections::{BTreeMap, BTreeSet};

use super::profile::Profile;
use rayon::prelude::*;

use crate::model::{Duplicate, Lang, Statement, StatementKind};

/// What de-duplication leaves.
#[derive(Clone, Debug, Default)]
pub struct Deduped {
    /// Statements kept (sorted indices).
    pub kept: Vec<usize>,
    /// Copies merged into a kept statement.
    pub duplicates: Vec<Duplicate>,
}

fn day(st: &Statement) -> Option<i64> {
    st.date.map(|d| d.days_since_epoch())
}

/// Lower-case letters and digits only, words separated by one space.
fn norm_words(s: &str) -> Vec<String> {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// The words of a statement's body (as [`norm_words`] cuts them, not yet lower-cased).
fn body_words(st: &Statement) -> impl Iterator<Item = &str> {
    st.paragraphs.iter().flat_map(|p| {
        p.text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
    })
}

fn lower(w: &str) -> impl Iterator<Item = char> + '_ {
    w.chars().flat_map(char::to_lowercase)
}

/// True when the first `n` lower-cased body words of `a` and `b` are equal (both have them).
fn same_words(a: &Statement, b: &Statement, n: usize) -> bool {
    body_words(a)
        .zip(body_words(b))
        .take(n)
        .filter(|(x, y)| lower(x).eq(lower(y)))
        .count()
        == n
}

/// What de-duplication compares, computed once per statement instead of once per comparison:
/// the normalised title words, and the number and a hash of the normalised body words (equal
/// bodies have equal hashes; equal hashes are confirmed word by word).
struct Norm {
    title: Vec<String>,
    body_len: usize,
    body_hash: u64,
    /// Number keys of title and body (sorted, distinct).
    numbers: Vec<u64>,
}

impl Norm {
    fn new(st: &Statement, numbers: &[u64]) -> Norm {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut n = 0;
        for w in body_words(st) {
            n += 1;
            if w.is_ascii() {
                // The same hash as the general path below, without the Unicode tables.
                for b in w.bytes().map(|b| b.to_ascii_lowercase()).chain([b' ']) {
                    h = (h ^ b as u64).wrapping_mul(0x0100_0000_01b3);
                }
                continue;
            }
            for c in lower(w).chain(std::iter::once(' ')) {
                h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
        Norm {
            title: norm_words(&st.title),
            body_len: n,
            body_hash: h,
            numbers: numbers.to_vec(),
        }
    }
}

/// Which copy of a statement is kept: main statements with markers, other main statements,
/// documents, teasers; dated before undated (an embassy's undated republication must not hide
/// the ministry's dated original); longer first.
fn rank(st: &Statement) -> (u8, bool, std::cmp::Reverse<usize>) {
    let k = match st.kind {
        StatementKind::Main if !st.markers.is_empty() => 0,
        StatementKind::Main => 1,
        StatementKind::Document => 2,
        StatementKind::Teaser => 3,
    };
    (k, st.date.is_none(), std::cmp::Reverse(st.paragraphs.len()))
}

/// Why `copy` is a copy of `kept` (same language), if it is.
fn copy_reason(kept: &Statement, nk: &Norm, copy: &Statement, nc: &Norm) -> Option<&'static str> {
    if kept.lang != copy.lang {
        return None;
    }
    // Templates (condolences, greetings, briefings) share most of their words and differ in
    // their numbers: a copy has no number its original lacks (a teaser's are a subset).
    if !nc
        .numbers
        .iter()
        .all(|n| nk.numbers.binary_search(n).is_ok())
        || (copy.kind != StatementKind::Teaser && nk.numbers != nc.numbers)
    {
        return None;
    }
    if let (Some(a), Some(b)) = (&kept.group_key, &copy.group_key) {
        if a != b {
            return None;
        }
    }
    if let (Some(a), Some(b)) = (kept.date, copy.date) {
        if (a.days_since_epoch() - b.days_since_epoch()).abs() > 1 {
            return None;
        }
    }
    let ta = &nk.title;
    let tb = &nc.title;
    let titles_match = !ta.is_empty()
        && (ta == tb
            || (tb.len() >= 5 && ta.starts_with(&tb[..tb.len() - 1]))
            || (ta.len() >= 5 && tb.starts_with(&ta[..ta.len() - 1])));
    let (na, nb) = (nk.body_len, nc.body_len);
    if copy.kind == StatementKind::Teaser && kept.kind != StatementKind::Teaser {
        // The lead is the start of the body, possibly cut (last word may be truncated).
        if !titles_match {
            return None;
        }
        let lead = nb.saturating_sub(1);
        let lead_ok = lead == 0 || (lead <= na && same_words(kept, copy, lead));
        return lead_ok.then_some("teaser-of");
    }
    if na == nb && na > 0 && nk.body_hash == nc.body_hash && same_words(kept, copy, na) {
        return Some("same-text");
    }
    if titles_match && na > 0 {
        let pa: BTreeSet<&str> = kept.paragraphs.iter().map(|p| p.text.as_str()).collect();
        let same = copy
            .paragraphs
            .iter()
            .filter(|p| pa.contains(p.text.as_str()))
            .count();
        let m = kept.paragraphs.len().max(copy.paragraphs.len());
        if m > 0 && same * 10 >= m * 8 {
            return Some("same-text");
        }
    }
    if titles_match && na == 0 && nb == 0 {
        return Some("same-text");
    }
    None
}

/// Finds the copies among `statements`: best copies first (main statements with markers, then
/// other main statements, documents, teasers; longer first), each later one compared with the
/// kept statements of its language within a day of its date.
pub fn dedup(statements: &[Statement], profiles: &[Profile]) -> Deduped {
    let n = statements.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        rank(&statements[a])
            .cmp(&rank(&statements[b]))
            .then(statements[a].id.cmp(&statements[b].id))
    });
    let mut dups: Vec<Duplicate> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    // Bucket kept statements by language to keep this near-linear.
    let mut by_lang_day: BTreeMap<(Option<Lang>, Option<i64>), Vec<usize>> = BTreeMap::new();
    let norms: Vec<Norm> = statements
        .par_iter()
        .zip(profiles)
        .map(|(s, p)| Norm::new(s, &p.numbers))
        .collect();
    for &i in &order {
        let s = &statements[i];
        let mut found = None;
        let days: Vec<Option<i64>> = match day(s) {
            // The same day first: a weekly template republished a day apart has the same
            // title and lead, and its teaser belongs to the one of its own date.
            Some(d) => vec![Some(d), Some(d - 1), Some(d + 1), None],
            // Keys are ordered by language first: the range is every day of this language.
            None => by_lang_day
                .range((s.lang, None)..=(s.lang, Some(i64::MAX)))
                .map(|(k, _)| k.1)
                .collect(),
        };
        'outer: for d in days {
            if let Some(cands) = by_lang_day.get(&(s.lang, d)) {
                for &k in cands {
                    if let Some(r) = copy_reason(&statements[k], &norms[k], s, &norms[i]) {
                        found = Some((k, r));
                        break 'outer;
                    }
                }
            }
        }
        match found {
            Some((k, r)) => {
                dups.push(Duplicate {
                    kept: k,
                    copy: i,
                    reason: r.to_string(),
                });
            }
            None => {
                kept.push(i);
                by_lang_day.entry((s.lang, day(s))).or_default().push(i);
            }
        }
    }
    kept.sort();

    Deduped {
        kept,
        duplicates: dups,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Date, Lang};

    fn st(id: &str, kind: StatementKind, day: u8, title: &str, paras: &[&str]) -> Statement {
        Statement {
            kind,
            date: Date::new(2021, 1, day),
            lang: Some(Lang::Ru),
            lang_confidence: 1.0,
            ..Statement::plain(id, title, paras)
        }
    }

    #[test]
    fn a_teaser_belongs_to_the_statement_of_its_own_date_first() {
        // A weekly template published on the 27th and again on the 28th: same title, same
        // lead. Each teaser goes to the statement of its own date, not to the first one within
        // a day of it.
        let title = "О переговорах С.В.Лаврова с Министром иностранных дел Непала";
        let lead = "Министр иностранных дел России проведет переговоры в Москве.";
        let statements = vec![
            st(
                "a#main",
                StatementKind::Main,
                27,
                title,
                &[lead, "Первая неделя."],
            ),
            st(
                "b#main",
                StatementKind::Main,
                28,
                title,
                &[lead, "Вторая неделя."],
            ),
            st("e#teaser-0", StatementKind::Teaser, 28, title, &[lead]),
            st("e#teaser-1", StatementKind::Teaser, 27, title, &[lead]),
        ];
        let profiles = crate::group::profile::profiles(&statements, None);
        let d = dedup(&statements, &profiles);
        assert_eq!(d.kept, vec![0, 1]);
        let kept_of = |copy: usize| d.duplicates.iter().find(|x| x.copy == copy).map(|x| x.kept);
        assert_eq!(kept_of(2), Some(1));
        assert_eq!(kept_of(3), Some(0));
    }
}
