//! De-duplication: copies of one statement in one language (scraped from two sites, or a
//! teaser of a full text) are merged into the best copy before language versions are matched.
//! A copy has the same language, a date within a day, the same (or a prefix of the) title and
//! the same body words, or the start of them for a teaser, and no number its original lacks.

use crate::text::is_letter_or_digit;
use std::collections::{BTreeSet, HashMap};

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
    s.split(|c: char| !is_letter_or_digit(c))
        .filter(|w| !w.is_empty())
        .map(|w| w.chars().flat_map(char::to_lowercase).collect())
        .collect()
}

/// The words of a statement's body (as [`norm_words`] cuts them, not yet lower-cased).
fn body_words(st: &Statement) -> impl Iterator<Item = &str> {
    st.paragraphs.iter().flat_map(|p| {
        p.text
            .split(|c: char| !is_letter_or_digit(c))
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

/// True when `short` (normalised title words, at least five) is the start of `long`, cut after
/// its last word or inside it: that word starts `long`'s word in its place. A template's title
/// that ends in another name (`… fire in Pakistan` against `… fire in Iran`) is not a cut one.
fn cut_title_of(short: &[String], long: &[String]) -> bool {
    let n = short.len();
    n >= 5
        && n <= long.len()
        && short[..n - 1] == long[..n - 1]
        && long[n - 1].starts_with(short[n - 1].as_str())
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
    let titles_match = !ta.is_empty() && (ta == tb || cut_title_of(tb, ta) || cut_title_of(ta, tb));
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

/// The kept statements as de-duplication looks them up: a copy shares its language and either
/// the start of its title (titles that match, as [`copy_reason`] matches them, have the same
/// first four words, or are equal) or the hash of its body words; no other statement can be
/// its original. Keyed lists keep the order in which statements were kept, so a look-up finds
/// the same original as comparing with every kept statement of the language and days in turn,
/// but without comparing a dated statement with every undated one (or an undated one with the
/// whole language): the work stays linear in the number of statements.
#[derive(Default)]
struct KeptIndex {
    /// (language, title key or body hash, day) → (place in the order kept, statement) of the
    /// kept statements.
    by_day: HashMap<DayKey, Vec<(usize, usize)>>,
    /// (language, key) → the days it has statements on (looked up for undated statements).
    days: HashMap<(Option<Lang>, u64), BTreeSet<Option<i64>>>,
    /// Statements kept so far.
    kept: usize,
}

/// (language, title key or body hash, day).
type DayKey = (Option<Lang>, u64, Option<i64>);

/// The index keys of a statement: its title's first four words (the whole title when shorter)
/// and its body hash, told apart by a tag.
fn index_keys(n: &Norm) -> [Option<u64>; 2] {
    let title = (!n.title.is_empty()).then(|| {
        let mut h = crate::anchors::Fnv::new(b'T');
        for w in n.title.iter().take(4) {
            h.bytes(w.as_bytes());
            h.bytes(b" ");
        }
        h.0
    });
    let body = (n.body_len > 0).then(|| n.body_hash.rotate_left(1) ^ 0x5bd1_e995);
    [title, body]
}

impl KeptIndex {
    fn add(&mut self, k: usize, lang: Option<Lang>, day: Option<i64>, n: &Norm) {
        let place = self.kept;
        self.kept += 1;
        for key in index_keys(n).into_iter().flatten() {
            self.by_day
                .entry((lang, key, day))
                .or_default()
                .push((place, k));
            self.days.entry((lang, key)).or_default().insert(day);
        }
    }

    /// The kept statements that may be originals of a statement of `lang` and `day`, in the
    /// order they are compared: a dated statement looks at its own day, the day before, the
    /// day after and then the undated ones (a weekly template republished a day apart has the
    /// same title and lead, and its teaser belongs to the one of its own date); an undated one
    /// at every day, undated first, then in date order. Inside a day, in the order kept.
    fn candidates(&self, lang: Option<Lang>, day: Option<i64>, n: &Norm) -> Vec<usize> {
        // (rank of the day, place kept, statement)
        let mut out: Vec<(i64, usize, usize)> = Vec::new();
        for key in index_keys(n).into_iter().flatten() {
            let days: Vec<(i64, Option<i64>)> = match day {
                Some(d) => vec![(0, Some(d)), (1, Some(d - 1)), (2, Some(d + 1)), (3, None)],
                None => self.days.get(&(lang, key)).map_or_else(Vec::new, |s| {
                    s.iter().map(|&d| (d.unwrap_or(i64::MIN), d)).collect()
                }),
            };
            for (r, d) in days {
                if let Some(list) = self.by_day.get(&(lang, key, d)) {
                    out.extend(list.iter().map(|&(place, k)| (r, place, k)));
                }
            }
        }
        // A statement found under both keys appears twice, side by side once sorted.
        out.sort_unstable();
        out.dedup();
        out.into_iter().map(|(_, _, k)| k).collect()
    }
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
    let norms: Vec<Norm> = statements
        .par_iter()
        .zip(profiles)
        .map(|(s, p)| Norm::new(s, &p.numbers))
        .collect();
    let mut index = KeptIndex::default();
    for &i in &order {
        let s = &statements[i];
        let found = index
            .candidates(s.lang, day(s), &norms[i])
            .into_iter()
            .find_map(|k| copy_reason(&statements[k], &norms[k], s, &norms[i]).map(|r| (k, r)));
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
                index.add(i, s.lang, day(s), &norms[i]);
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
    fn a_teaser_title_cut_inside_its_last_word_is_a_copy_one_ending_in_another_name_is_not() {
        // Two condolence templates of one day: the teaser of the Pakistan one has a cut title
        // and the generic heading as its lead. It is not the Iran one's teaser (the title
        // without its last word matched both), and a title cut inside "Пакистане" is.
        let iran = "Соболезнования в связи с гибелью людей в результате пожара в Иране";
        let pakistan = "Соболезнования в связи с гибелью людей в результате пожара в Пакистане";
        let cut = "Соболезнования в связи с гибелью людей в результате пожара в Ира";
        let lead = "Заявление МИД России";
        let (main, teaser) = (StatementKind::Main, StatementKind::Teaser);
        let statements = vec![
            st("a#main", main, 3, iran, &[lead, "Погибли люди."]),
            st("e#teaser-0", teaser, 3, pakistan, &[lead]),
            st("e#teaser-1", teaser, 3, cut, &[lead]),
        ];
        let profiles = crate::group::profile::profiles(&statements, None);
        let d = dedup(&statements, &profiles);
        assert_eq!(d.kept, vec![0, 1]);
        let kept_of = |copy: usize| d.duplicates.iter().find(|x| x.copy == copy).map(|x| x.kept);
        assert_eq!(kept_of(2), Some(0));
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

    /// De-duplication as it was before the index: every later statement compared with every
    /// kept statement of its language on its own day, the day before, the day after and
    /// undated (or, undated, with every day), in the order kept.
    fn exhaustive(statements: &[Statement], profiles: &[Profile]) -> Vec<(usize, usize)> {
        let mut order: Vec<usize> = (0..statements.len()).collect();
        order.sort_by(|&a, &b| {
            rank(&statements[a])
                .cmp(&rank(&statements[b]))
                .then(statements[a].id.cmp(&statements[b].id))
        });
        let norms: Vec<Norm> = statements
            .iter()
            .zip(profiles)
            .map(|(s, p)| Norm::new(s, &p.numbers))
            .collect();
        let mut kept: Vec<usize> = Vec::new();
        let mut out = Vec::new();
        for &i in &order {
            let s = &statements[i];
            let mut seen: Vec<usize> = kept
                .iter()
                .copied()
                .filter(|&k| statements[k].lang == s.lang)
                .filter(|&k| match (day(s), day(&statements[k])) {
                    (Some(a), Some(b)) => (a - b).abs() <= 1,
                    _ => true,
                })
                .collect();
            // Own day, the day before, the day after, undated; undated: undated, then by day.
            let rank_of = |k: usize| match (day(s), day(&statements[k])) {
                (Some(a), Some(b)) if a == b => 0,
                (Some(a), Some(b)) if b == a - 1 => 1,
                (Some(_), Some(_)) => 2,
                (Some(_), None) => 3,
                (None, None) => i64::MIN,
                (None, Some(b)) => b,
            };
            let pos = |k: usize| kept.iter().position(|&x| x == k);
            seen.sort_by_key(|&k| (rank_of(k), pos(k)));
            match seen
                .into_iter()
                .find(|&k| copy_reason(&statements[k], &norms[k], s, &norms[i]).is_some())
            {
                Some(k) => out.push((i, k)),
                None => kept.push(i),
            }
        }
        out.sort_unstable();
        out
    }

    #[test]
    fn the_index_finds_the_originals_that_comparing_with_every_statement_finds() {
        // Dated and undated statements, copies and teasers, templates that differ in numbers,
        // titles that are prefixes of others and titles shorter than four words.
        let titles = [
            "Заявление МИД России о ситуации в Сирии",
            "Заявление МИД России о ситуации в Сирии и Ливане",
            "Брифинг",
            "Брифинг официального представителя МИД России",
            "О телефонном разговоре Министра",
        ];
        let bodies = [
            "Министр провел переговоры в Москве 12 марта.",
            "Министр провел переговоры в Москве 14 марта.",
            "Стороны обсудили двусторонние отношения.",
            "Стороны обсудили двусторонние отношения. Продолжение следует.",
        ];
        let mut statements = Vec::new();
        let mut x = 7u32;
        for n in 0..300 {
            x = x.wrapping_mul(1_103_515_245).wrapping_add(12_345);
            let r = (x >> 8) as usize;
            let kind = match r % 5 {
                0 => StatementKind::Teaser,
                1 => StatementKind::Document,
                _ => StatementKind::Main,
            };
            let title = titles[(r / 5) % titles.len()];
            let body = bodies[(r / 25) % bodies.len()];
            let mut s = st(
                &format!("s{n:03}#main"),
                kind,
                1 + (r / 100 % 12) as u8,
                title,
                &[body],
            );
            if r % 7 == 0 {
                s.date = None;
            }
            if r % 11 == 0 {
                s.lang = Some(Lang::En);
            }
            statements.push(s);
        }
        // An undated original of a dated teaser (no dated original within a day of it).
        let mut undated = st(
            "u#main",
            StatementKind::Main,
            1,
            "Совместное заявление",
            &["Стороны обсудили двусторонние отношения. Встреча прошла в дружеской атмосфере."],
        );
        undated.date = None;
        statements.push(undated);
        statements.push(st(
            "u#teaser-0",
            StatementKind::Teaser,
            28,
            "Совместное заявление",
            &[bodies[2]],
        ));
        let profiles = crate::group::profile::profiles(&statements, None);
        let d = dedup(&statements, &profiles);
        let mut found: Vec<(usize, usize)> =
            d.duplicates.iter().map(|x| (x.copy, x.kept)).collect();
        found.sort_unstable();
        let want = exhaustive(&statements, &profiles);
        assert!(want.len() > 40, "copies to find: {}", want.len());
        assert!(want.iter().any(|&(i, _)| statements[i].date.is_none()));
        assert!(want
            .iter()
            .any(|&(i, k)| statements[i].date.is_some() && statements[k].date.is_none()));
        assert_eq!(found, want);
    }
}
