//! The page sets of `examples/extract_eval.rs` and of the extraction tests: statements whose
//! bodies are made harder the way real sites make them (recurring headings, dates standing as
//! paragraphs, titles repeated as first paragraph, quoted paragraphs, short last paragraphs),
//! rendered as seed-format text pages and as HTML pages, republished, and scored: body-paragraph
//! recall and chrome leakage.

use std::collections::{BTreeMap, HashMap};
use std::path::Path;

use super::docs::Doc;
use super::render::{self, Embassy, Layout, Rendered, Teaser};
use super::Rng;
use polyalign::diag::Diagnostics;
use polyalign::model::{Lang, Page, StatementKind};

/// What a body paragraph is, for the breakdown of misses.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Kind {
    Text,
    RecurringHeading,
    Date,
    TitleRepeated,
    Quoted,
    ShortLast,
}

/// A statement to render: per language, title and paragraphs with their kinds.
pub struct Stmt {
    texts: BTreeMap<Lang, (String, Vec<(String, Kind)>)>,
    date: (i32, usize, usize),
    time: Option<(usize, usize)>,
}

/// A rendered page with its truth.
pub struct TruthPage {
    pub name: String,
    pub r: Rendered,
    pub kinds: Vec<Kind>,
    pub has_heading: bool,
    /// The main statement's date, when the page states it (an embassy page may give only its
    /// own header date).
    pub date: Option<(i32, usize, usize)>,
}

fn short_date(l: Lang, d: usize, m: usize, year: Option<i32>) -> String {
    let month = polyalign::date::month_name(l, m as u8);
    let s = match l {
        Lang::De => format!("{d}. {month}"),
        Lang::Es => format!("{d} de {month}"),
        _ => format!("{d} {month}"),
    };
    match (year, l) {
        (Some(y), Lang::Es) => format!("{s} de {y}"),
        (Some(y), _) => format!("{s} {y}"),
        (None, _) => s,
    }
}

fn thanks(l: Lang) -> &'static str {
    match l {
        Lang::De => "Vielen Dank.",
        Lang::En => "Thank you.",
        Lang::Es => "Gracias.",
        Lang::Fr => "Je vous remercie.",
        Lang::Ru => "Благодарю вас.",
    }
}

/// The statements: base documents with their bodies made harder (same change in every
/// language).
pub fn statements(base: &[Doc], headings: &[BTreeMap<Lang, String>], rng: &mut Rng) -> Vec<Stmt> {
    let mut out = Vec::new();
    for (i, doc) in base.iter().enumerate() {
        let day = i * 3 + rng.below(3);
        let date = super::corpus::civil(day);
        let time = rng.chance(0.6).then(|| (8 + rng.below(11), rng.below(60)));
        let mut texts: BTreeMap<Lang, (String, Vec<(String, Kind)>)> = doc
            .texts
            .iter()
            .filter(|(_, (t, b))| !t.trim().is_empty() && !b.is_empty())
            .map(|(l, (t, b))| {
                (
                    *l,
                    (
                        t.clone(),
                        b.iter()
                            .filter(|p| !p.trim().is_empty())
                            .map(|p| (p.clone(), Kind::Text))
                            .collect(),
                    ),
                )
            })
            .collect();
        if texts.is_empty() {
            continue;
        }
        let n = texts.values().map(|t| t.1.len()).min().unwrap_or(0);
        let mut edits: Vec<(usize, Kind, usize)> = Vec::new(); // (position, kind, pick)
        if rng.chance(0.35) && !headings.is_empty() {
            for _ in 0..1 + rng.below(2) {
                let at = rng.below(n + 1);
                edits.push((at, Kind::RecurringHeading, rng.below(headings.len())));
            }
        }
        if rng.chance(0.15) {
            edits.push((rng.below(n + 1), Kind::Date, rng.below(1000)));
        }
        if rng.chance(0.1) {
            edits.push((n, Kind::ShortLast, rng.below(2)));
        }
        if rng.chance(0.1) && base.len() > 1 {
            edits.push((rng.below(n + 1), Kind::Quoted, rng.below(base.len())));
        }
        // Insert from the back so positions stay meaningful.
        edits.sort_by_key(|e| std::cmp::Reverse(e.0));
        for (l, (title, body)) in texts.iter_mut() {
            for &(at, kind, pick) in &edits {
                let at = at.min(body.len());
                let text = match kind {
                    Kind::RecurringHeading => {
                        let h = &headings[pick];
                        h.get(l).or_else(|| h.get(&Lang::En)).cloned()
                    }
                    Kind::Date => {
                        let (y, m, d) = (2015, 1 + pick % 12, 1 + pick % 28);
                        Some(short_date(*l, d, m, (pick % 2 == 0).then_some(y)))
                    }
                    Kind::ShortLast if pick == 0 => Some(thanks(*l).to_string()),
                    Kind::ShortLast => {
                        let h = &headings[pick % headings.len().max(1)];
                        h.get(l).or_else(|| h.get(&Lang::En)).cloned()
                    }
                    Kind::Quoted => base[pick]
                        .texts
                        .get(l)
                        .and_then(|(_, b)| b.iter().find(|p| p.len() > 60).cloned()),
                    _ => None,
                };
                if let Some(t) = text {
                    body.insert(at, (t, kind));
                }
            }
            if rng.chance(0.1) {
                body.insert(0, (title.clone(), Kind::TitleRepeated));
            }
        }
        out.push(Stmt { texts, date, time });
    }
    out
}

fn teasers_of(stmts: &[Stmt], upto: usize, l: Lang, k: usize, rng: &mut Rng) -> Vec<Teaser> {
    let mut out = Vec::new();
    for _ in 0..k {
        if upto == 0 {
            break;
        }
        let o = upto - 1 - rng.below(upto.min(30));
        if let Some((t, b)) = stmts[o].texts.get(&l) {
            out.push(Teaser {
                date: stmts[o].date,
                title: t.clone(),
                lead: b[0].0.clone(),
            });
        }
    }
    out
}

fn truth(
    name: String,
    r: Rendered,
    body: &[(String, Kind)],
    date: Option<(i32, usize, usize)>,
) -> TruthPage {
    TruthPage {
        name,
        r,
        kinds: body.iter().map(|p| p.1).collect(),
        has_heading: body.iter().any(|p| p.1 == Kind::RecurringHeading),
        date,
    }
}

/// Text pages: a ministry page per language, embassy copies of a quarter of the statements.
pub fn text_pages(stmts: &[Stmt], rng: &mut Rng) -> Vec<TruthPage> {
    let mut pages = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        let langs: Vec<Lang> = s.texts.keys().copied().collect();
        for (l, (title, body)) in &s.texts {
            let paras: Vec<String> = body.iter().map(|p| p.0.clone()).collect();
            let r = render::ministry(*l, s.date, s.time, title, &langs, &paras);
            pages.push(truth(
                format!("text/m{:06}.txt", pages.len()),
                r,
                body,
                Some(s.date),
            ));
        }
        if rng.chance(0.25) {
            let l = if s.texts.contains_key(&Lang::En) {
                Lang::En
            } else {
                langs[0]
            };
            let (title, body) = &s.texts[&l];
            let e = Embassy {
                day: super::corpus::civil(si * 3 + 5),
                clock: s.time.unwrap_or((12, 0)),
                counter: 100 + rng.below(900),
                email: rng.chance(0.5),
                section: rng.chance(0.3).then_some(s.date),
                gap: 1 + rng.below(3),
            };
            let k = 3 + rng.below(4);
            let teasers = teasers_of(stmts, si, l, k, rng);
            let paras: Vec<String> = body.iter().map(|p| p.0.clone()).collect();
            let r = render::embassy(&e, title, &paras, &teasers);
            let date = e.section;
            pages.push(truth(
                format!("text/e{:06}.txt", pages.len()),
                r,
                body,
                date,
            ));
        }
    }
    pages
}

/// HTML pages: one per language, a quarter republished in another layout.
pub fn html_pages(stmts: &[Stmt], rng: &mut Rng) -> Vec<TruthPage> {
    let layouts = [
        Layout::MainArticle,
        Layout::MainOnly,
        Layout::ContentDiv,
        Layout::Table,
        Layout::DateAbove,
    ];
    let mut pages = Vec::new();
    for (si, s) in stmts.iter().enumerate() {
        let langs: Vec<Lang> = s.texts.keys().copied().collect();
        for (l, (title, body)) in &s.texts {
            let copies = if rng.chance(0.25) { 2 } else { 1 };
            let first = if rng.chance(0.6) { 0 } else { 1 + rng.below(4) };
            for c in 0..copies {
                let layout = layouts[(first + c) % layouts.len()];
                let k = rng.below(5);
                let teasers = teasers_of(stmts, si, *l, k, rng);
                let paras: Vec<String> = body.iter().map(|p| p.0.clone()).collect();
                let r = render::html(*l, s.date, layout, title, &langs, &paras, &teasers);
                pages.push(truth(
                    format!("html/p{:06}.html", pages.len()),
                    r,
                    body,
                    Some(s.date),
                ));
            }
        }
    }
    pages
}

/// The figures of one page set.
#[derive(Default)]
pub struct Figures {
    pub pages: usize,
    pub pages_with_heading: usize,
    pub paragraphs: usize,
    pub found: usize,
    pub extra: usize,
    pub chrome: usize,
    pub leaked: usize,
    pub titles_right: usize,
    /// Pages whose statement date is known, and those whose main statement has it.
    pub dated: usize,
    pub dates_right: usize,
    pub no_body: usize,
    pub no_statement: usize,
    pub missed: BTreeMap<Kind, usize>,
    pub examples: Vec<String>,
    pub leak_examples: Vec<String>,
}

pub fn evaluate(set: &[TruthPage]) -> Figures {
    let mut diags = Diagnostics::default();
    let pages: Vec<Page> = set
        .iter()
        .filter_map(|t| {
            polyalign::ingest::page_from_bytes(
                &t.name,
                Path::new(&t.name),
                t.r.text.as_bytes(),
                &mut diags,
            )
        })
        .collect();
    let statements = polyalign::statement::extract(&pages, &mut diags);
    let mut by_file: HashMap<&str, Vec<&polyalign::model::Statement>> = HashMap::new();
    for s in &statements {
        by_file.entry(s.file.as_str()).or_default().push(s);
    }
    let mut f = Figures {
        pages: set.len(),
        ..Default::default()
    };
    for d in &diags.items {
        match d.kind.as_str() {
            "no-body" => f.no_body += 1,
            "no-statement" => f.no_statement += 1,
            _ => {}
        }
    }
    for t in set {
        f.pages_with_heading += usize::from(t.has_heading);
        let sts = by_file.get(t.name.as_str()).cloned().unwrap_or_default();
        let main = sts.iter().find(|s| s.kind == StatementKind::Main);
        let mut got: HashMap<&str, usize> = HashMap::new();
        if let Some((y, mo, d)) = t.date {
            f.dated += 1;
            let want = polyalign::model::Date::new(y, mo as u8, d as u8);
            f.dates_right += usize::from(main.is_some_and(|m| m.date.is_some() && m.date == want));
        }
        if let Some(m) = main {
            f.titles_right += usize::from(m.title == t.r.title);
            for p in &m.paragraphs {
                *got.entry(p.text.as_str()).or_insert(0) += 1;
            }
        }
        for (p, k) in t.r.body.iter().zip(&t.kinds) {
            f.paragraphs += 1;
            match got.get_mut(p.as_str()) {
                Some(c) if *c > 0 => {
                    *c -= 1;
                    f.found += 1;
                }
                _ => {
                    *f.missed.entry(*k).or_insert(0) += 1;
                    if f.examples.len() < 12 {
                        f.examples
                            .push(format!("{}: {:?}: {:?}", t.name, k, short(p)));
                    }
                }
            }
        }
        f.extra += got.values().sum::<usize>();
        // Chrome: a statement text equal to a chrome block, or holding one that the page's
        // own statement and teaser texts do not hold.
        let own: Vec<&str> = std::iter::once(t.r.title.as_str())
            .chain(t.r.body.iter().map(String::as_str))
            .chain(t.r.teaser_text.iter().map(String::as_str))
            .collect();
        for c in &t.r.chrome {
            f.chrome += 1;
            let natural = own.iter().any(|o| o.contains(c.as_str()));
            let leaked = sts.iter().any(|s| {
                std::iter::once(&s.title)
                    .chain(s.paragraphs.iter().map(|p| &p.text))
                    .any(|x| x == c || (!natural && x.contains(c.as_str())))
            });
            if leaked {
                f.leaked += 1;
                if f.leak_examples.len() < 8 {
                    f.leak_examples.push(format!("{}: {c:?}", t.name));
                }
            }
        }
    }
    f
}

fn short(s: &str) -> String {
    if s.chars().count() <= 70 {
        s.to_string()
    } else {
        format!("{}…", s.chars().take(70).collect::<String>())
    }
}
