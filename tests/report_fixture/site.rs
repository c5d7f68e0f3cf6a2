//! Checks report pages as a whole site: ids are unique per page and every link resolves to a
//! page of the site and an id on it (or is a `#only=<kinds>` filter link to a page with a
//! finding of those kinds).

use std::collections::{BTreeMap, HashSet};

use scraper::{Html, Selector};

/// Every finding kind name (what `#only=` may list).
pub const KINDS: [&str; 13] = [
    "missing-language",
    "unmatched",
    "single-version",
    "teaser-only",
    "duplicate",
    "omission",
    "addition",
    "untranslated",
    "copied",
    "truncated",
    "length-ratio",
    "low-confidence",
    "conflict",
];

pub fn sel(s: &str) -> Selector {
    Selector::parse(s).unwrap()
}

/// Resolves `href` on the page at `from` (`report/2021-03.html`) to the target page's path and
/// the fragment. Panics on links that leave the site (absolute, scheme, or above its root).
pub fn resolve(from: &str, href: &str) -> (String, Option<String>) {
    assert!(
        !href.contains("://") && !href.starts_with('/') && !href.starts_with("file:"),
        "{from}: non-relative link {href}"
    );
    let (file, frag) = match href.split_once('#') {
        Some((f, h)) => (f, Some(h.to_string())),
        None => (href, None),
    };
    if file.is_empty() {
        return (from.to_string(), frag);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for c in file.split('/') {
        match c {
            ".." => {
                assert!(parts.pop().is_some(), "{from}: link {href} leaves the site");
            }
            "." | "" => {}
            c => parts.push(c),
        }
    }
    (parts.join("/"), frag)
}

/// Checks every `a[href]` of every page; returns how many links were checked.
pub fn check_links(pages: &BTreeMap<String, Html>) -> usize {
    let ids: BTreeMap<&str, HashSet<String>> = pages
        .iter()
        .map(|(path, doc)| {
            let mut ids = HashSet::new();
            for e in doc.select(&sel("[id]")) {
                let id = e.value().attr("id").unwrap();
                assert!(
                    !id.is_empty() && !id.contains(char::is_whitespace),
                    "{path}: bad id {id:?}"
                );
                assert!(ids.insert(id.to_string()), "{path}: duplicate id {id}");
            }
            (path.as_str(), ids)
        })
        .collect();
    let mut links = 0;
    for (path, doc) in pages {
        for a in doc.select(&sel("a[href]")) {
            let href = a.value().attr("href").unwrap();
            let (target, frag) = resolve(path, href);
            let Some(target_ids) = ids.get(target.as_str()) else {
                panic!("{path}: link {href} to a page that is not there ({target})");
            };
            if let Some(frag) = frag {
                if let Some(kinds) = frag.strip_prefix("only=") {
                    for k in kinds.split(',') {
                        assert!(KINDS.contains(&k), "{path}: filter link {href}: kind {k}");
                        // A filter link opens a page that has something to show.
                        let rows = sel(&format!("tr[data-finding-kind=\"{k}\"]"));
                        assert!(
                            pages[target.as_str()].select(&rows).next().is_some(),
                            "{path}: filter link {href}: no {k} finding on {target}"
                        );
                    }
                } else {
                    assert!(
                        target_ids.contains(&frag),
                        "{path}: link {href}: no #{frag} on {target}"
                    );
                }
            }
            links += 1;
        }
    }
    links
}

/// Parses every page of `site` (path → HTML).
pub fn parse_all(site: &BTreeMap<String, String>) -> BTreeMap<String, Html> {
    site.iter()
        .map(|(p, h)| (p.clone(), Html::parse_document(h)))
        .collect()
}

/// Reads every `.html` file under `dir` (recursively) as path → HTML, paths `/`-separated and
/// relative to `dir`.
pub fn read_dir(dir: &std::path::Path) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|x| x == "html") {
                let rel = p
                    .strip_prefix(dir)
                    .unwrap()
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/");
                out.insert(rel, std::fs::read_to_string(&p).unwrap());
            }
        }
    }
    out
}

#[test]
fn resolve_handles_relative_paths() {
    assert_eq!(
        resolve("report/2021-03.html", "../report.html#worst"),
        ("report.html".to_string(), Some("worst".to_string()))
    );
    assert_eq!(
        resolve("report.html", "report/2021-03-2.html"),
        ("report/2021-03-2.html".to_string(), None)
    );
    assert_eq!(
        resolve("report/2021-03.html", "#f-3"),
        ("report/2021-03.html".to_string(), Some("f-3".to_string()))
    );
}
