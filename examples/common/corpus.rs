//! The benchmark corpus generator's page stream (`examples/gen_corpus.rs`), as a function so
//! that the tests can check the "nothing lost" invariant on exactly what it renders.
//!
//! Each generated statement is a variation of a base document: a window of its paragraphs (a
//! few swapped, the same way in every language), its digits rotated (the same way in every
//! language, so numbers stay evidence for grouping), a date and maybe a time. Pages are rendered
//! in the seed format: ministry pages per language with the date and time glued, title,
//! language switcher, paragraphs and footer; embassy pages with header, banner, a main statement
//! copied in full, teasers of other statements and footer. About seven statements share each
//! date, and copies of one base document are kept weeks apart, so grouping and alignment do real
//! work and the truth stays unambiguous. Base documents recur round after round with their
//! digits rotated: the same paragraphs, republished.

use std::collections::BTreeMap;

use polyalign::model::Lang;

use super::docs::Doc;
use super::render::{self, Embassy, Rendered, Teaser};
use super::Rng;

/// Days since 2010-01-01 → (year, month, day), on the real calendar.
pub fn civil(days: usize) -> (i32, usize, usize) {
    let mut y = 2010;
    let mut d = days;
    loop {
        let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
        let len = if leap { 366 } else { 365 };
        if d < len {
            break;
        }
        d -= len;
        y += 1;
    }
    let leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    let ml = [
        31,
        if leap { 29 } else { 28 },
        31,
        30,
        31,
        30,
        31,
        31,
        30,
        31,
        30,
        31,
    ];
    let mut m = 0;
    while d >= ml[m] {
        d -= ml[m];
        m += 1;
    }
    (y, m + 1, d + 1)
}

/// Rotates every digit by `k` (same in every language: numbers stay shared evidence).
pub fn rotate_digits(s: &str, k: u8) -> String {
    if k == 0 {
        return s.to_string();
    }
    s.chars()
        .map(|c| match c {
            '0'..='9' => (b'0' + (c as u8 - b'0' + k) % 10) as char,
            _ => c,
        })
        .collect()
}

/// One generated statement: the versions (title, paragraphs) and its date.
struct Gen {
    texts: BTreeMap<Lang, (String, Vec<String>)>,
    date: (i32, usize, usize),
    time: Option<(usize, usize)>,
}

/// What [`generate`] made.
#[derive(Debug, Default)]
pub struct Generated {
    pub bytes: usize,
    pub files: usize,
    pub statements: usize,
}

/// Renders pages until `target` bytes are reached, calling `emit(kind, page)` for each: kind
/// `'m'` for a ministry page, `'e'` for an embassy page.
pub fn generate(
    docs: &[Doc],
    target: usize,
    seed: u64,
    emit: &mut dyn FnMut(char, Rendered),
) -> Generated {
    let mut rng = Rng(seed);
    // Each round uses every base document once, spread over a window of days so that about 7
    // statements share a date; rounds do not overlap (copies of a document stay weeks apart).
    let window = (docs.len() / 7).max(3);
    let mut out = Generated::default();
    let mut recent: Vec<usize> = Vec::new(); // generated statements for teasers
    let mut gens: Vec<Gen> = Vec::new();
    let mut round = 0usize;
    let mut put = |kind: char, page: Rendered, out: &mut Generated| {
        out.files += 1;
        out.bytes += page.text.len();
        emit(kind, page);
    };
    'outer: loop {
        let mut order: Vec<usize> = (0..docs.len()).collect();
        for i in (1..order.len()).rev() {
            let j = rng.below(i + 1);
            order.swap(i, j);
        }
        for &di in &order {
            if out.bytes >= target {
                break 'outer;
            }
            let doc = &docs[di];
            let day = round * (window + 2) + rng.below(window);
            let date = civil(day);
            let time = rng.chance(0.6).then(|| (8 + rng.below(11), rng.below(60)));
            let n = doc.texts.values().map(|t| t.1.len()).min().unwrap_or(0);
            // A window of paragraphs (whole document in the first round).
            let (s, e) = if round == 0 || n <= 3 {
                (0, n)
            } else {
                let len = 3 + rng.below(n - 2);
                let s = rng.below(n - len + 1);
                (s, s + len)
            };
            let mut idx: Vec<usize> = (s..e).collect();
            if idx.len() >= 4 && rng.chance(0.5) {
                let a = 1 + rng.below(idx.len() - 1);
                idx.swap(a - 1, a);
            }
            let k = (round % 10) as u8;
            let mut texts = BTreeMap::new();
            for (l, (t, ps)) in &doc.texts {
                let body: Vec<String> = idx.iter().map(|&i| rotate_digits(&ps[i], k)).collect();
                texts.insert(*l, (rotate_digits(t, k), body));
            }
            // Languages present: English (or the first) always; each other dropped at 15%.
            let first = if texts.contains_key(&Lang::En) {
                Lang::En
            } else {
                *texts.keys().next().expect("a language")
            };
            let present: Vec<Lang> = texts
                .keys()
                .copied()
                .filter(|&l| l == first || !rng.chance(0.15))
                .collect();
            let all: Vec<Lang> = texts.keys().copied().collect();
            for l in present {
                let (title, body) = &texts[&l];
                put(
                    'm',
                    render::ministry(l, date, time, title, &all, body),
                    &mut out,
                );
            }
            out.statements += 1;
            let gi = gens.len();
            gens.push(Gen { texts, date, time });
            recent.push(gi);
            // Embassy page: one statement in ten copied in full (English or its first
            // language), with teasers of five recent statements.
            if rng.chance(0.1) {
                let g = &gens[gi];
                let (l, (title, body)) = g
                    .texts
                    .get_key_value(&Lang::En)
                    .or_else(|| g.texts.iter().next())
                    .expect("a language");
                let e = Embassy {
                    day: g.date,
                    clock: g.time.unwrap_or((12, 0)),
                    counter: 100 + rng.below(900),
                    email: false,
                    section: None,
                    gap: 1,
                };
                let mut teasers = Vec::new();
                for _ in 0..5 {
                    let o = recent[recent.len() - 1 - rng.below(recent.len().min(40))];
                    let Some((t, b)) = gens[o].texts.get(l) else {
                        continue;
                    };
                    let Some(lead) = b.first() else { continue };
                    teasers.push(Teaser {
                        date: gens[o].date,
                        title: t.clone(),
                        lead: lead.clone(),
                    });
                }
                put('e', render::embassy(&e, title, body, &teasers), &mut out);
            }
            // Keep memory bounded: only recent statements are teased.
            if gens.len() > 200 {
                gens.drain(..100);
                recent.retain(|&r| r >= 100);
                for r in recent.iter_mut() {
                    *r -= 100;
                }
            }
        }
        round += 1;
    }
    out
}
