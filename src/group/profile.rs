//! What grouping knows of one statement, computed once: its date as a day number, lengths, the
//! anchors that survive translation (numbers, cognates and names through transliteration,
//! acronyms, addresses; [`crate::anchors`] via the aligner's segment features) and the word
//! stems a bootstrapped lexicon turns into cross-language evidence.

use crate::text::{is_letter, is_letter_or_digit};
use rayon::prelude::*;

use crate::align::features::{self, Key, KeyKind, SegFeatures};
use crate::model::{Lang, Statement, StatementKind, Time};

/// Kinds of anchor keys grouping compares (punctuation and one-digit numbers say too little
/// about which statement a text is).
fn kept(kind: KeyKind) -> bool {
    matches!(
        kind,
        KeyKind::Number | KeyKind::Cognate | KeyKind::Acronym | KeyKind::Url
    )
}

/// A bag of keys: distinct ids, sorted, with their counts (in two arrays: 12 bytes a key
/// instead of a padded 16; a profile's bags are held for every statement through grouping).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Bag {
    keys: Vec<u64>,
    counts: Vec<u32>,
}

impl Bag {
    /// The bag of `ids` (any order, repeats counted).
    pub fn of(mut ids: Vec<u64>) -> Bag {
        ids.sort_unstable();
        let mut bag = Bag::default();
        for id in ids {
            match (bag.keys.last(), bag.counts.last_mut()) {
                (Some(&last), Some(n)) if last == id => *n += 1,
                _ => {
                    bag.keys.push(id);
                    bag.counts.push(1);
                }
            }
        }
        bag.keys.shrink_to_fit();
        bag.counts.shrink_to_fit();
        bag
    }

    /// The distinct ids, sorted.
    pub fn keys(&self) -> &[u64] {
        &self.keys
    }

    /// (id, count) in id order.
    pub fn iter(&self) -> impl Iterator<Item = (u64, u32)> + '_ {
        self.keys.iter().copied().zip(self.counts.iter().copied())
    }

    pub fn len(&self) -> usize {
        self.keys.len()
    }

    pub fn is_empty(&self) -> bool {
        self.keys.is_empty()
    }
}

/// A statement as grouping sees it.
#[derive(Clone, Debug, Default)]
pub struct Profile {
    pub lang: Option<Lang>,
    /// Days since 1970-01-01.
    pub day: Option<i64>,
    pub time: Option<Time>,
    pub kind: Option<StatementKind>,
    /// Characters of the body, and of each paragraph.
    pub chars: usize,
    pub para_chars: Vec<u32>,
    /// Anchor keys of the body, sorted by id, with counts.
    pub anchors: Bag,
    /// Number keys (two digits or more) of title and body, sorted, distinct.
    pub numbers: Vec<u64>,
    /// Name keys of capitalised words inside sentences (names), sorted, distinct.
    pub names: Vec<u64>,
    /// The body's distinct stems with their counts, sorted (for lexicon keys and idf).
    pub body_stems: Bag,
    /// Anchor keys and stems of the title.
    pub title_anchors: Bag,
    pub title_stems: Vec<u64>,
    /// Languages promised by the switcher markers, bit `Lang as u8`.
    pub promised: u8,
    pub group_key: Option<GroupKey>,
}

/// An explicit grouping key from the input.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum GroupKey {
    /// A document folder (plain per-language documents): the same folder is the same
    /// document, another folder another document.
    Folder(String),
    /// A content id from a URL: the same id on two language versions is strong evidence, but
    /// language sites number their pages independently, so different ids say nothing.
    Url(String),
}

impl GroupKey {
    fn parse(key: &str) -> GroupKey {
        match key.strip_prefix("url:") {
            Some(id) => GroupKey::Url(id.to_string()),
            None => GroupKey::Folder(key.to_string()),
        }
    }
}

/// Bit mask of a set of languages.
pub fn lang_mask(langs: impl IntoIterator<Item = Lang>) -> u8 {
    langs.into_iter().fold(0, |m, l| m | 1 << (l as u8))
}

/// Name keys ([`crate::anchors::name_key`]; the cognate key, as the aligner's, when a name is too
/// short for one) of the capitalised words of `text` that do not open a sentence: names of
/// people, places and bodies. Each text starts a sentence.
fn collect_names<'t>(texts: impl IntoIterator<Item = &'t str>, out: &mut Vec<u64>) {
    let mut scratch = crate::anchors::Scratch::default();
    let mut skeleton = String::new();
    for text in texts {
        names_of(text, &mut scratch, &mut skeleton, out);
    }
}

/// [`collect_names`] of one text, with buffers reused from text to text.
fn names_of(
    text: &str,
    scratch: &mut crate::anchors::Scratch,
    skeleton: &mut String,
    out: &mut Vec<u64>,
) {
    let mut sentence_start = true;
    for w in text.split_whitespace() {
        let core = w.trim_matches(|c: char| !is_letter(c));
        if !sentence_start && core.chars().next().is_some_and(char::is_uppercase) {
            if let Some(k) = crate::anchors::name_key(core, scratch, skeleton).or_else(|| {
                // As the cognate key of the word's segment feature, so that both count as
                // one key of the bag.
                crate::anchors::cognate_key(core, scratch).map(|h| Key::new(h, KeyKind::Cognate).id)
            }) {
                out.push(k);
            }
        }
        sentence_start = w.ends_with(['.', '!', '?', ':', '»', '"', '“', '”'])
            || !w.chars().any(is_letter_or_digit);
    }
}

/// The key of a paragraph's leading enumerator (`36.`, `(12)`, `7)`), if it has one.
fn leading_number(text: &str) -> Option<u64> {
    let t = text.trim_start().trim_start_matches('(');
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let rest = &t[digits.len()..];
    (!digits.is_empty() && digits.len() <= 3 && (rest.starts_with(". ") || rest.starts_with(')')))
        .then(|| Key::new(crate::anchors::hash_key(b'N', &digits), KeyKind::Number).id)
}

/// The languages a statement's markers promise; a page that names only its own language (an
/// HTML `lang` attribute, a file name) promises nothing about the others.
fn promised(st: &Statement) -> u8 {
    let m = lang_mask(st.promised());
    match st.lang {
        Some(l) if m == lang_mask([l]) => 0,
        _ => m,
    }
}

/// Profiles every statement (in parallel; the result is in statement order), from the
/// features of their paragraphs when given (`para_features[k]` for statement `k`).
pub fn profiles(
    statements: &[Statement],
    para_features: Option<&[Vec<SegFeatures>]>,
) -> Vec<Profile> {
    match para_features {
        Some(f) => {
            assert_eq!(f.len(), statements.len(), "features of every statement");
            statements
                .par_iter()
                .zip(f)
                .map(|(st, f)| profile_with(st, Some(f)))
                .collect()
        }
        None => statements.par_iter().map(profile).collect(),
    }
}

/// Profiles one statement.
pub fn profile(st: &Statement) -> Profile {
    profile_with(st, None)
}

/// Profiles one statement from its paragraphs' features (computed here when `None`).
fn profile_with(st: &Statement, para_features: Option<&[SegFeatures]>) -> Profile {
    let mut anchors = Vec::new();
    let mut numbers = Vec::new();
    let mut stems = Vec::new();
    let mut para_chars = Vec::with_capacity(st.paragraphs.len());
    let owned;
    let feats = match para_features {
        Some(all) => all,
        None => {
            owned = features::paragraphs(st);
            &owned
        }
    };
    for (p, f) in st.paragraphs.iter().zip(feats) {
        // A paragraph's own number (`36. The Committee …`) differs between language versions
        // of UN documents: it is no evidence of content.
        let mut enumerator = leading_number(&p.text);
        for k in &f.keys {
            if kept(k.kind()) {
                anchors.push(k.id);
                if k.kind() == KeyKind::Number && enumerator.take_if(|e| *e == k.id).is_none() {
                    numbers.push(k.id);
                }
            }
        }
        para_chars.push(f.chars);
        stems.extend_from_slice(&f.stems);
    }
    let tf = features::extract(&st.title);
    let mut title_anchors = Vec::new();
    for k in &tf.keys {
        if kept(k.kind()) {
            title_anchors.push(k.id);
            if k.kind() == KeyKind::Number {
                numbers.push(k.id);
            }
        }
    }
    numbers.sort_unstable();
    numbers.dedup();
    let mut names = Vec::new();
    collect_names([st.title.as_str()], &mut names);
    title_anchors.extend_from_slice(&names);
    let from = names.len();
    collect_names(st.paragraphs.iter().map(|p| p.text.as_str()), &mut names);
    anchors.extend_from_slice(&names[from..]);
    names.sort_unstable();
    names.dedup();
    Profile {
        lang: st.lang,
        day: st.date.map(|d| d.days_since_epoch()),
        time: st.time,
        kind: Some(st.kind),
        chars: para_chars.iter().map(|&c| c as usize).sum(),
        para_chars,
        anchors: Bag::of(anchors),
        numbers,
        names,
        body_stems: Bag::of(stems),
        title_anchors: Bag::of(title_anchors),
        title_stems: tf.stems,
        promised: promised(st),
        group_key: st.group_key.as_deref().map(GroupKey::parse),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(title: &str, paras: &[&str]) -> Statement {
        Statement {
            group_key: Some("url:1234".into()),
            ..Statement::plain("x#main", title, paras)
        }
    }

    #[test]
    fn names_and_numbers_meet_across_scripts() {
        let en = profile(&st(
            "Talks in Moscow",
            &["Sergey Lavrov met officials in Washington on 1’000 occasions in 2021."],
        ));
        let ru = profile(&st(
            "Переговоры в Москве",
            &["Сергей Лавров встречался в Вашингтоне 1 000 раз в 2021 году."],
        ));
        let shared = |a: &Bag, b: &Bag| a.keys().iter().filter(|k| b.keys().contains(k)).count();
        // Lavrov, Washington, 1000, 2021 (and Sergey) meet; Moscow meets in the titles, as a
        // cognate and as a name.
        assert!(shared(&en.anchors, &ru.anchors) >= 4);
        assert_eq!(en.numbers, ru.numbers);
        assert_eq!(shared(&en.title_anchors, &ru.title_anchors), 2);
        // Every name inside a sentence has its key on both sides (Moscow, Lavrov, Washington;
        // Sergey opens the sentence).
        assert_eq!(en.names.len(), 3);
        assert_eq!(en.names, ru.names);
        assert_eq!(en.group_key, Some(GroupKey::Url("1234".into())));
    }

    #[test]
    fn a_bag_counts_each_id_once_in_order() {
        let b = Bag::of(vec![5, 3, 5, 1, 5]);
        assert_eq!(b.keys(), &[1, 3, 5]);
        assert_eq!(b.iter().collect::<Vec<_>>(), vec![(1, 1), (3, 1), (5, 3)]);
        assert_eq!(b.len(), 3);
        assert!(Bag::of(Vec::new()).is_empty());
    }
}
