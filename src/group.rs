//! Grouping: finds the language versions of one statement (a variant group) and removes copies
//! of one statement in one language (scraped from two sites, or a teaser of a full text).
//!
//! Versions are matched on evidence that survives translation: an explicit id when the input
//! has one (content id in a URL, document folder), the date (±1 day) and time, numbers and
//! years, acronyms and names (Cyrillic compared through transliteration), paragraph count and
//! length ratio, and the switcher markers. Every decision keeps its evidence.

use std::collections::{BTreeMap, BTreeSet};

use crate::model::{Duplicate, Evidence, Group, Lang, Statement, StatementKind};

/// Minimum score for two versions to be joined.
pub const JOIN_THRESHOLD: f64 = 2.0;

pub use crate::align::features::translit;

/// Language-independent features of a statement.
#[derive(Clone, Debug, Default)]
pub struct Features {
    /// Numbers of two or more digits (separators removed), as a sorted multiset.
    pub numbers: Vec<String>,
    /// Capitalised words and acronyms (not sentence-initial), transliterated, first 5 letters.
    pub names: Vec<String>,
    pub chars: usize,
    pub paragraphs: usize,
    /// Languages promised by the switcher markers ([`Statement::promised`]), bit `Lang as u8`.
    pub promised: u8,
}

fn lang_mask(langs: impl IntoIterator<Item = Lang>) -> u8 {
    langs.into_iter().fold(0, |m, l| m | 1 << (l as u8))
}

/// Extracts features from a statement's title and body.
pub fn features(st: &Statement) -> Features {
    let mut numbers = Vec::new();
    let mut names = Vec::new();
    let texts =
        std::iter::once(st.title.as_str()).chain(st.paragraphs.iter().map(|p| p.text.as_str()));
    for t in texts {
        collect_numbers(t, &mut numbers);
        collect_names(t, &mut names);
    }
    numbers.sort();
    names.sort();
    Features {
        numbers,
        names,
        chars: st.body_chars(),
        paragraphs: st.paragraphs.len(),
        promised: lang_mask(st.promised()),
    }
}

fn collect_numbers(t: &str, out: &mut Vec<String>) {
    let mut cur = String::new();
    let chars: Vec<char> = t.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_ascii_digit() {
            cur.push(c);
        } else if !cur.is_empty()
            && matches!(c, ',' | '.' | ' ' | '\u{a0}')
            && chars.get(i + 1).is_some_and(|d| d.is_ascii_digit())
            && chars.get(i + 3).is_some_and(|d| d.is_ascii_digit())
            && !chars.get(i + 4).is_some_and(|d| d.is_ascii_digit())
            && chars.get(i + 2).is_some_and(|d| d.is_ascii_digit())
        {
            // thousands separator: `1,000`, `1.000`, `1 000`
            continue;
        } else {
            if cur.len() >= 2 {
                out.push(std::mem::take(&mut cur));
            }
            cur.clear();
        }
    }
    if cur.len() >= 2 {
        out.push(cur);
    }
}

fn collect_names(t: &str, out: &mut Vec<String>) {
    let mut sentence_start = true;
    for w in t.split_whitespace() {
        let core: String = w
            .chars()
            .filter(|c| c.is_alphabetic() || *c == '-')
            .collect();
        let first = core.chars().next();
        let is_cap = first.is_some_and(|c| c.is_uppercase());
        let letters = core.chars().filter(|c| c.is_alphabetic()).count();
        if is_cap && letters >= 3 && !sentence_start {
            let tl = translit(&core);
            let key: String = tl.chars().filter(|c| c.is_alphanumeric()).take(5).collect();
            if key.chars().count() >= 3 {
                out.push(key);
            }
        }
        sentence_start =
            w.ends_with(['.', '!', '?', ':', '»', '"']) || w.chars().all(|c| !c.is_alphanumeric());
    }
}

/// Size of the multiset intersection of two sorted vectors.
fn intersection(a: &[String], b: &[String]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Overlap in [0, 1]: Dice for full texts, containment when one side is a teaser.
fn overlap(a: &[String], b: &[String], containment: bool) -> Option<f64> {
    if a.is_empty() && b.is_empty() {
        return None;
    }
    let i = intersection(a, b) as f64;
    if containment {
        let m = a.len().min(b.len());
        if m == 0 {
            return Some(0.0);
        }
        Some(i / m as f64)
    } else {
        Some(2.0 * i / (a.len() + b.len()) as f64)
    }
}

/// Scores the hypothesis "a and b are language versions of one statement".
pub fn pair_evidence(a: &Statement, fa: &Features, b: &Statement, fb: &Features) -> Evidence {
    let mut parts: Vec<(String, f64)> = Vec::new();
    evidence_parts(a, fa, b, fb, |name, v| parts.push((name.to_string(), v)));
    let score = decide(a, b, parts.iter().map(|p| p.1).sum());
    Evidence {
        a: a.id.clone(),
        b: b.id.clone(),
        score,
        parts,
    }
}

/// The score of [`pair_evidence`] (bit for bit: the same parts summed in the same order)
/// without building the evidence: most candidate pairs are dropped on their score alone.
pub fn pair_score(a: &Statement, fa: &Features, b: &Statement, fb: &Features) -> f64 {
    let mut parts = [0f64; 16];
    let mut n = 0;
    evidence_parts(a, fa, b, fb, |_, v| {
        parts[n] = v;
        n += 1;
    });
    decide(a, b, parts[..n].iter().sum())
}

/// An explicit id decides on its own (the other evidence is kept for the record): the same id
/// joins whatever the dates say, different ids never join.
fn decide(a: &Statement, b: &Statement, sum: f64) -> f64 {
    match (&a.group_key, &b.group_key) {
        (Some(ka), Some(kb)) if ka == kb => 100.0,
        (Some(_), Some(_)) => -100.0,
        _ => sum,
    }
}

/// The parts of the evidence for "a and b are language versions of one statement", in order.
fn evidence_parts(
    a: &Statement,
    fa: &Features,
    b: &Statement,
    fb: &Features,
    mut part: impl FnMut(&'static str, f64),
) {
    if let (Some(ka), Some(kb)) = (&a.group_key, &b.group_key) {
        part("explicit-id", if ka == kb { 10.0 } else { -10.0 });
    }
    if let (Some(da), Some(db)) = (a.date, b.date) {
        let d = (da.days_since_epoch() - db.days_since_epoch()).abs();
        part(
            "date",
            match d {
                0 => 1.0,
                1 => 0.4,
                _ => -10.0,
            },
        );
    }
    if let (Some(ta), Some(tb)) = (a.time, b.time) {
        part("time", if ta == tb { 1.0 } else { -1.0 });
    }
    let teaser = a.kind == StatementKind::Teaser || b.kind == StatementKind::Teaser;
    if let Some(o) = overlap(&fa.numbers, &fb.numbers, teaser) {
        let n = fa.numbers.len().min(fb.numbers.len()) as f64;
        // Few numbers say little; scale the weight with how many there are.
        let w = 3.0 * (n / (n + 2.0)).max(0.34);
        part("numbers", w * (o - 0.3));
    }
    if let Some(o) = overlap(&fa.names, &fb.names, teaser) {
        let n = fa.names.len().min(fb.names.len()) as f64;
        let w = 4.0 * (n / (n + 3.0)).max(0.25);
        part("names", w * (o - 0.25));
    }
    if !teaser && fa.paragraphs > 0 && fb.paragraphs > 0 {
        let pr = fa.paragraphs.min(fb.paragraphs) as f64 / fa.paragraphs.max(fb.paragraphs) as f64;
        part("paragraphs", (pr - 0.6) * 1.5);
        let lr = (fa.chars.max(1) as f64 / fb.chars.max(1) as f64).ln().abs();
        part("length", if lr < 0.5 { 0.5 } else { -(lr - 0.5) * 3.0 });
    }
    if let (Some(la), Some(lb)) = (a.lang, b.lang) {
        // Sets of languages as bit masks: equal masks ⇔ equal sets.
        let (ma, mb) = (fa.promised, fb.promised);
        if (ma != 0 && ma & lang_mask([lb]) == 0) || (mb != 0 && mb & lang_mask([la]) == 0) {
            part("markers", -2.0);
        } else if ma != 0 && mb != 0 {
            part("markers", if ma == mb { 0.5 } else { 0.0 });
        }
    }
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
}

impl Norm {
    fn new(st: &Statement) -> Norm {
        let mut h: u64 = 0xcbf2_9ce4_8422_2325;
        let mut n = 0;
        for w in body_words(st) {
            n += 1;
            for c in lower(w).chain(std::iter::once(' ')) {
                h = (h ^ c as u64).wrapping_mul(0x0100_0000_01b3);
            }
        }
        Norm {
            title: norm_words(&st.title),
            body_len: n,
            body_hash: h,
        }
    }
}

fn rank(st: &Statement) -> (u8, std::cmp::Reverse<usize>) {
    let k = match st.kind {
        StatementKind::Main if !st.markers.is_empty() => 0,
        StatementKind::Main => 1,
        StatementKind::Document => 2,
        StatementKind::Teaser => 3,
    };
    (k, std::cmp::Reverse(st.paragraphs.len()))
}

/// Why `copy` is a copy of `kept` (same language), if it is.
fn copy_reason(kept: &Statement, nk: &Norm, copy: &Statement, nc: &Norm) -> Option<&'static str> {
    if kept.lang != copy.lang {
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

/// Result of grouping.
#[derive(Clone, Debug, Default)]
pub struct Grouping {
    pub groups: Vec<Group>,
    /// Evidence of pairs considered but not joined (for `scan --explain`).
    pub rejected: Vec<Evidence>,
}

fn day(st: &Statement) -> Option<i64> {
    st.date.map(|d| d.days_since_epoch())
}

/// Groups statements (whose language has been identified) into variant groups.
pub fn group(statements: &[Statement]) -> Grouping {
    let n = statements.len();
    // 1. De-duplication within a language.
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&a, &b| {
        rank(&statements[a])
            .cmp(&rank(&statements[b]))
            .then(statements[a].id.cmp(&statements[b].id))
    });
    let mut kept_of: Vec<Option<usize>> = vec![None; n];
    let mut dups: Vec<Duplicate> = Vec::new();
    let mut kept: Vec<usize> = Vec::new();
    // Bucket kept statements by language to keep this near-linear.
    let mut by_lang_day: BTreeMap<(Option<Lang>, Option<i64>), Vec<usize>> = BTreeMap::new();
    let norms: Vec<Norm> = statements.iter().map(Norm::new).collect();
    for &i in &order {
        let s = &statements[i];
        let mut found = None;
        let days: Vec<Option<i64>> = match day(s) {
            Some(d) => vec![Some(d - 1), Some(d), Some(d + 1), None],
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
                kept_of[i] = Some(k);
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

    // 2. Candidate pairs across languages, blocked by date (±1 day) or explicit key.
    let feats: Vec<Features> = statements.iter().map(features).collect();
    let mut by_day: BTreeMap<i64, Vec<usize>> = BTreeMap::new();
    let mut undated = Vec::new();
    for &i in &kept {
        match day(&statements[i]) {
            Some(d) => by_day.entry(d).or_default().push(i),
            None => undated.push(i),
        }
    }
    // Candidates as (score, i, j): the evidence itself is built only for the pairs that are
    // decided (joined or rejected), not for every candidate.
    let mut cands: Vec<(f64, usize, usize)> = Vec::new();
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    for (&d, list) in &by_day {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                pairs.push((i, j));
            }
            if let Some(next) = by_day.get(&(d + 1)) {
                for &j in next {
                    pairs.push((i, j));
                }
            }
        }
    }
    for (x, &i) in undated.iter().enumerate() {
        for &j in undated[x + 1..]
            .iter()
            .chain(kept.iter().filter(|k| day(&statements[**k]).is_some()))
        {
            pairs.push((i, j));
        }
    }
    // Statements with the same explicit key are candidates whatever their dates.
    let mut by_key: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
    for &i in &kept {
        if let Some(k) = &statements[i].group_key {
            by_key.entry(k.as_str()).or_default().push(i);
        }
    }
    for list in by_key.values() {
        for (x, &i) in list.iter().enumerate() {
            for &j in &list[x + 1..] {
                pairs.push((i, j));
            }
        }
    }
    pairs.sort_unstable();
    pairs.dedup();
    let mut index_of: BTreeMap<&str, usize> = BTreeMap::new();
    for (i, s) in statements.iter().enumerate() {
        index_of.insert(s.id.as_str(), i);
    }
    for (i, j) in pairs {
        let (a, b) = (&statements[i], &statements[j]);
        if a.lang.is_none() || b.lang.is_none() || a.lang == b.lang {
            continue;
        }
        // A pair scoring ≤ 0 is neither joined nor reported as rejected: skip it.
        let score = pair_score(a, &feats[i], b, &feats[j]);
        if score > 0.0 {
            cands.push((score, i, j));
        }
    }
    cands.sort_by(|x, y| {
        y.0.total_cmp(&x.0).then_with(|| {
            (&statements[x.1].id, &statements[x.2].id)
                .cmp(&(&statements[y.1].id, &statements[y.2].id))
        })
    });

    // 3. Greedy union, strongest evidence first, one version per language per group.
    let mut comp: Vec<usize> = (0..n).collect();
    let mut members: BTreeMap<usize, Vec<usize>> = kept.iter().map(|&i| (i, vec![i])).collect();
    let mut accepted: BTreeMap<usize, Vec<Evidence>> = BTreeMap::new();
    let mut rejected = Vec::new();
    for (score, pi, pj) in cands {
        let (i, j) = (
            index_of[statements[pi].id.as_str()],
            index_of[statements[pj].id.as_str()],
        );
        let (ci, cj) = (comp[i], comp[j]);
        if ci == cj {
            continue;
        }
        let ev = pair_evidence(&statements[pi], &feats[pi], &statements[pj], &feats[pj]);
        debug_assert_eq!(ev.score.to_bits(), score.to_bits());
        if ev.score < JOIN_THRESHOLD {
            if ev.score > 0.0 {
                rejected.push(ev);
            }
            continue;
        }
        let li: BTreeSet<Option<Lang>> = members[&ci].iter().map(|&k| statements[k].lang).collect();
        if members[&cj]
            .iter()
            .any(|&k| li.contains(&statements[k].lang))
        {
            rejected.push(ev);
            continue;
        }
        // Every pair across the two components must not contradict (no strongly negative pair).
        let contradict = members[&ci].iter().any(|&x| {
            members[&cj]
                .iter()
                .any(|&y| pair_score(&statements[x], &feats[x], &statements[y], &feats[y]) < 0.0)
        });
        if contradict {
            rejected.push(ev);
            continue;
        }
        let (keep, gone) = if ci < cj { (ci, cj) } else { (cj, ci) };
        let moved = members.remove(&gone).unwrap_or_default();
        for &k in &moved {
            comp[k] = keep;
        }
        members.get_mut(&keep).expect("component").extend(moved);
        let mut evs = accepted.remove(&gone).unwrap_or_default();
        evs.push(ev);
        accepted.entry(keep).or_default().extend(evs);
    }

    // 4. Build groups.
    let mut groups = Vec::new();
    for (root, mut mem) in members {
        mem.sort();
        let mut versions = BTreeMap::new();
        let mut promised = BTreeSet::new();
        for &k in &mem {
            if let Some(l) = statements[k].lang {
                versions.insert(l, k);
            }
            promised.extend(statements[k].promised());
        }
        let mem_set: BTreeSet<usize> = mem.iter().copied().collect();
        let mut gdups: Vec<Duplicate> = dups
            .iter()
            .filter(|d| mem_set.contains(&d.kept))
            .cloned()
            .collect();
        // Duplicates of duplicates are already resolved to the kept one above.
        gdups.sort_by_key(|d| (d.kept, d.copy));
        for d in &gdups {
            promised.extend(statements[d.copy].promised());
        }
        let mut evidence = accepted.remove(&root).unwrap_or_default();
        evidence.sort_by(|x, y| (&x.a, &x.b).cmp(&(&y.a, &y.b)));
        groups.push(Group {
            id: String::new(),
            versions,
            duplicates: gdups,
            promised,
            evidence,
        });
    }
    assign_ids(&mut groups, statements);
    groups.sort_by(|a, b| a.id.cmp(&b.id));
    Grouping { groups, rejected }
}

/// ASCII slug of a title.
pub fn slug(title: &str, max: usize) -> String {
    let t = translit(title);
    let mut out = String::new();
    let mut dash = false;
    for c in t.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= max {
                break;
            }
        } else {
            dash = true;
        }
    }
    out
}

/// Group ids: `<date>-<slug of the English (else first) title>`, unique.
fn assign_ids(groups: &mut [Group], statements: &[Statement]) {
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut base: Vec<String> = Vec::new();
    for g in groups.iter() {
        let rep = g
            .versions
            .get(&Lang::En)
            .or_else(|| g.versions.values().next())
            .map(|&k| &statements[k]);
        let b = match rep {
            Some(s) => {
                let d = g
                    .versions
                    .values()
                    .filter_map(|&k| statements[k].date)
                    .min();
                let date = d.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
                format!("{date}-{}", slug(&s.title, 48))
            }
            None => "group".into(),
        };
        base.push(b);
    }
    // Deterministic disambiguation: order by base id then by first member id.
    let mut idx: Vec<usize> = (0..groups.len()).collect();
    let first_member = |g: &Group| {
        g.versions
            .values()
            .map(|&k| statements[k].id.clone())
            .min()
            .unwrap_or_default()
    };
    idx.sort_by(|&a, &b| {
        base[a]
            .cmp(&base[b])
            .then_with(|| first_member(&groups[a]).cmp(&first_member(&groups[b])))
    });
    for i in idx {
        let n = used.entry(base[i].clone()).or_insert(0);
        *n += 1;
        groups[i].id = if *n == 1 {
            base[i].clone()
        } else {
            format!("{}-{}", base[i], n)
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn transliteration() {
        assert_eq!(translit("Лавров"), "lavrov");
        assert_eq!(translit("Pejčinović Burić"), "pejcinovic buric");
        assert_eq!(
            slug("Foreign Minister’s remarks, Sochi", 20),
            "foreign-minister-s-r"
        );
    }

    #[test]
    fn numbers() {
        let mut v = Vec::new();
        collect_numbers(
            "In 2019, 1,000 people and resolution 2254 (1 000 more)",
            &mut v,
        );
        assert_eq!(v, vec!["2019", "1000", "2254", "1000"]);
    }
}
