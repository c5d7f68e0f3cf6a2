//! Opens the report (`report.html` and every month page under `report/`) in headless Chromium
//! (Debian's `chromium`, see `scripts/setup-browser.sh`) and checks the DOM it renders: the
//! inline script ran, every link between the pages resolves, the hooks are there, every
//! statement and finding is shown, and the JS filter hides what it should. Saves the pages and
//! screenshots as CI artifacts under `target/artifacts/`.
//!
//! Without Chromium the tests skip with a note, unless `CI` is set, where they fail.
//! `POLYALIGN_REPORT_HTML=<report.html>` (and optionally `POLYALIGN_REPORT_EXPECT=<json>`) runs
//! the same check on a report produced elsewhere, e.g. from the real corpora; see
//! `scripts/browser-check.sh`. Load times at archive scale are a benchmark, not a test:
//! `scripts/report-bench.sh`.

mod report_fixture;

use std::collections::BTreeMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use report_fixture::site::{check_links, sel};
use scraper::Html;

/// Chromium gets this long per run before it is killed.
const CHROMIUM_TIMEOUT: Duration = Duration::from_secs(120);

/// The Chromium binary: `$POLYALIGN_CHROMIUM`, else the first of the usual names on `PATH`.
pub fn chromium() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os("POLYALIGN_CHROMIUM") {
        return Some(PathBuf::from(p));
    }
    let path = std::env::var_os("PATH")?;
    for dir in std::env::split_paths(&path) {
        for name in [
            "chromium",
            "chromium-browser",
            "google-chrome",
            "google-chrome-stable",
        ] {
            let p = dir.join(name);
            if p.is_file() {
                return Some(p);
            }
        }
    }
    None
}

/// Returns the Chromium binary, or `None` after printing a skip note; panics under CI.
fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        if std::env::var_os("CI").is_some() {
            panic!("chromium not found and CI is set: run scripts/setup-browser.sh as root");
        }
        eprintln!("note: chromium not found; skipping the browser test (run scripts/setup-browser.sh as root)");
    }
    found
}

/// Where screenshots go: `<repo>/target/artifacts` (or `$POLYALIGN_ARTIFACTS_DIR`).
pub fn artifacts_dir() -> PathBuf {
    let dir = std::env::var_os("POLYALIGN_ARTIFACTS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            Path::new(env!("CARGO_MANIFEST_DIR"))
                .join("target")
                .join("artifacts")
        });
    std::fs::create_dir_all(&dir).expect("create artifacts dir");
    dir
}

/// The `file://` URL of `path`, with `#fragment` when given.
fn file_url(path: &Path) -> String {
    let abs = std::fs::canonicalize(path).expect("report path");
    let mut url = String::from("file://");
    for b in abs.to_string_lossy().bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                url.push(b as char)
            }
            _ => url.push_str(&format!("%{b:02X}")),
        }
    }
    url
}

/// Runs headless Chromium with a fresh profile and no network chatter; returns stdout.
fn run_chromium(chrome: &Path, extra: &[String], url: &str) -> String {
    let profile = tempfile::tempdir().expect("profile dir");
    let mut cmd = Command::new(chrome);
    cmd.args([
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--disable-quic",
        "--hide-scrollbars",
    ])
    .arg(format!("--user-data-dir={}", profile.path().display()))
    .args(extra)
    .arg(url)
    .stdin(Stdio::null())
    .stdout(Stdio::piped())
    .stderr(Stdio::piped());
    let mut child = cmd
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", chrome.display()));
    // Read both pipes on threads so a chatty Chromium cannot block on a full pipe.
    let mut out = child.stdout.take().unwrap();
    let mut err = child.stderr.take().unwrap();
    let t_out = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = out.read_to_string(&mut s);
        s
    });
    let t_err = std::thread::spawn(move || {
        let mut s = String::new();
        let _ = err.read_to_string(&mut s);
        s
    });
    let start = Instant::now();
    let status = loop {
        if let Some(st) = child.try_wait().expect("wait for chromium") {
            break st;
        }
        if start.elapsed() > CHROMIUM_TIMEOUT {
            let _ = child.kill();
            let _ = child.wait();
            panic!("chromium timed out after {CHROMIUM_TIMEOUT:?} on {url}");
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let stdout = t_out.join().unwrap();
    let stderr = t_err.join().unwrap();
    assert!(
        status.success(),
        "chromium failed ({status}) on {url}:\n{stderr}"
    );
    stdout
}

/// Takes a screenshot of the top of `html_path` at `width`×`height` into
/// `<artifacts>/<name>.png` and checks it is a real PNG.
pub fn screenshot(html_path: &Path, width: u32, height: u32, name: &str) -> PathBuf {
    let chrome = chromium().expect("chromium");
    let out = artifacts_dir().join(format!("{name}.png"));
    let _ = std::fs::remove_file(&out);
    run_chromium(
        &chrome,
        &[
            format!("--screenshot={}", out.display()),
            format!("--window-size={width},{height}"),
        ],
        &file_url(html_path),
    );
    let bytes =
        std::fs::read(&out).unwrap_or_else(|e| panic!("no screenshot at {}: {e}", out.display()));
    assert!(
        bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
        "{} is not a PNG",
        out.display()
    );
    assert!(
        bytes.len() > 10_000,
        "screenshot {} suspiciously small ({} bytes)",
        out.display(),
        bytes.len()
    );
    out
}

/// Screenshots one group section (its files, findings and side-by-side table) of a month page
/// alone.
///
/// Headless Chromium lays the page out before applying `--window-size`, so scrolling to a
/// `#fragment` lands in the wrong place; instead a copy of the page hides everything else.
pub fn screenshot_group(
    month_page: &Path,
    group_anchor: &str,
    width: u32,
    height: u32,
    name: &str,
) -> PathBuf {
    let html = std::fs::read_to_string(month_page).expect("read month page");
    let style = format!(
        "<style>header.page,#summary,#legend,#filters,#coverage,#index,#other-findings,#ungrouped,\
         section.group:not(#{group_anchor}){{display:none!important}}</style></head>"
    );
    assert!(
        html.contains(&format!("id=\"{group_anchor}\"")),
        "no section #{group_anchor}"
    );
    let dir = tempfile::tempdir().expect("temp dir");
    let focused = dir.path().join("group.html");
    std::fs::write(&focused, html.replacen("</head>", &style, 1)).expect("write focused copy");
    screenshot(&focused, width, height, name)
}

/// The DOM Chromium renders for `path` (opened with `#fragment` when given), after the inline
/// script has run.
fn dump_dom(path: &Path, fragment: Option<&str>) -> Html {
    let chrome = chromium().expect("chromium");
    let mut url = file_url(path);
    if let Some(f) = fragment {
        url.push('#');
        url.push_str(f);
    }
    let dom = run_chromium(&chrome, &["--dump-dom".to_string()], &url);
    Html::parse_document(&dom)
}

/// The paths (relative to the index's folder) of every month page the index links.
fn month_pages(index: &Html) -> Vec<String> {
    let mut pages: Vec<String> = index
        .select(&sel("#months a[data-bytes]"))
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    pages.sort();
    pages.dedup();
    pages
}

/// Loads the index and every month page it links in headless Chromium and checks the DOM each
/// renders: the inline script ran; every link between the pages resolves (file and `#id`); the
/// hooks are there; every expected statement title is shown on a month page; every expected
/// finding has a row on a month page (`data-finding-kind` + `data-group`, counted with
/// multiplicity). Returns the DOMs by path (`report.html`, `report/2021-03.html`, …).
pub fn check_site_in_browser(
    index_path: &Path,
    titles: &[String],
    findings: &[(String, String)],
) -> BTreeMap<String, Html> {
    let root = index_path.parent().expect("index folder");
    let index = dump_dom(index_path, None);
    check_page_basics(&index, "index");
    for hook in [
        "#summary",
        "#legend",
        "#findings",
        "#coverage tr[data-month] td[data-lang][data-present][data-teaser-only][data-missing]",
        "#months tr[data-month] a[data-bytes]",
    ] {
        assert!(
            index.select(&sel(hook)).next().is_some(),
            "index: no {hook}"
        );
    }
    let pages = month_pages(&index);
    assert!(!pages.is_empty(), "the index links no month page");
    let mut site = BTreeMap::new();
    for p in &pages {
        let dom = dump_dom(&root.join(p), None);
        check_page_basics(&dom, "month");
        site.insert(p.clone(), dom);
    }

    let mut shown_titles = std::collections::HashSet::new();
    let mut have: BTreeMap<(String, String), usize> = BTreeMap::new();
    let mut hooks: BTreeMap<&str, usize> = BTreeMap::new();
    for dom in site.values() {
        for e in dom.select(&sel(".stmt-title[data-statement-id][data-lang]")) {
            shown_titles.insert(e.text().collect::<String>().trim().to_string());
        }
        for e in dom.select(&sel(
            "tr[data-finding-kind][data-group][data-severity][data-langs]",
        )) {
            let v = e.value();
            *have
                .entry((
                    v.attr("data-finding-kind").unwrap().to_string(),
                    v.attr("data-group").unwrap().to_string(),
                ))
                .or_default() += 1;
        }
        for hook in [
            "section.group[data-group][id]",
            "tr[data-unit][data-group][data-findings]",
            "td[data-coverage][data-lang]",
        ] {
            *hooks.entry(hook).or_default() += dom.select(&sel(hook)).count();
        }
    }
    let missing: Vec<&String> = titles
        .iter()
        .filter(|t| !shown_titles.contains(t.trim()))
        .collect();
    assert!(
        missing.is_empty(),
        "statement titles not shown in the browser: {missing:?}"
    );
    let mut want: BTreeMap<(String, String), usize> = BTreeMap::new();
    for f in findings {
        *want.entry(f.clone()).or_default() += 1;
    }
    for (key, n) in &want {
        let got = have.get(key).copied().unwrap_or(0);
        assert!(
            got >= *n,
            "finding {key:?}: expected {n} row(s), browser DOM has {got}"
        );
    }
    for (hook, n) in &hooks {
        assert!(*n > 0, "no {hook} on any month page");
    }

    site.insert("report.html".to_string(), index);
    let links = check_links(&site);
    eprintln!(
        "browser DOM ok: {} pages, {links} links, {} statement titles, {} findings",
        site.len(),
        titles.len(),
        findings.len()
    );
    site
}

/// The script ran (`data-js`, the filter form revealed) and the page says what it is.
fn check_page_basics(dom: &Html, page: &str) {
    let root = dom.root_element();
    assert_eq!(
        root.value().attr("data-js"),
        Some("on"),
        "the inline script did not run in Chromium"
    );
    assert_eq!(root.value().attr("lang"), Some("en"));
    assert_eq!(root.value().attr("data-page"), Some(page));
    assert!(
        dom.select(&sel("#filters"))
            .next()
            .is_some_and(|f| f.value().attr("hidden").is_none()),
        "filters not enabled by JS"
    );
}

/// Copies the report (index and `report/`) from `from` into `<artifacts>/<name>/`.
fn keep_site(from: &Path, name: &str) -> PathBuf {
    let to = artifacts_dir().join(name);
    let _ = std::fs::remove_dir_all(&to);
    std::fs::create_dir_all(to.join("report")).unwrap();
    std::fs::copy(from.join("report.html"), to.join("report.html")).unwrap();
    for e in std::fs::read_dir(from.join("report")).unwrap().flatten() {
        std::fs::copy(e.path(), to.join("report").join(e.file_name())).unwrap();
    }
    to
}

#[test]
fn fixture_report_renders_in_chromium() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::fixture();
    let dir = tempfile::tempdir().unwrap();
    let index = fx.write(dir.path());
    // Kept next to the screenshots so CI artifacts include the pages themselves.
    keep_site(dir.path(), "report");
    check_site_in_browser(&index, &fx.titles(), &fx.finding_keys());
    let top = screenshot(&index, 1400, 2000, "report");
    let month = dir.path().join("report/2019-10.html");
    let month_top = screenshot(&month, 1400, 2000, "report-month");
    // The side-by-side view of the first group, wide and narrow.
    let first = format!("g-{}", report_fixture::G1);
    let wide = screenshot_group(&month, &first, 1400, 2000, "report-group");
    let narrow = screenshot_group(&month, &first, 760, 1600, "report-narrow");
    let narrow_top = screenshot(&index, 760, 1600, "report-narrow-top");
    for shot in [top, month_top, wide, narrow, narrow_top] {
        eprintln!("screenshot: {}", shot.display());
    }
}

/// `#only=<kind>` opens a page filtered to that kind: on the index the other findings' rows are
/// hidden; on a month page also the unit rows and statements without one. The index's language
/// boxes hide the findings about other languages.
#[test]
fn the_filter_script_works_in_chromium() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::fixture();
    let dir = tempfile::tempdir().unwrap();
    let index = fx.write(dir.path());
    let hidden = |e: &scraper::ElementRef| {
        e.value()
            .has_class("hidden-by-filter", scraper::CaseSensitivity::CaseSensitive)
    };
    let total = fx.report.findings.len();

    let dom = dump_dom(&index, Some("only=omission"));
    let rows: Vec<_> = dom
        .select(&sel("#findings tr[data-finding-kind]"))
        .collect();
    assert_eq!(rows.len(), total);
    let shown: Vec<_> = rows.iter().filter(|r| !hidden(r)).collect();
    assert_eq!(shown.len(), 1);
    assert_eq!(shown[0].value().attr("data-finding-kind"), Some("omission"));
    let count: String = dom.select(&sel("#shown")).next().unwrap().text().collect();
    assert_eq!(count, format!("1 of {total} findings shown"));

    // Unfiltered, nothing is hidden.
    let dom = dump_dom(&index, None);
    assert_eq!(dom.select(&sel(".hidden-by-filter")).count(), 0);

    // The language filter: with only Spanish ticked, the index shows the findings about a
    // Spanish version and those about no language, still surest first.
    let untick = "<script>addEventListener(\"load\",function(){\
                  var f=document.querySelector(\"#filters form\");\
                  f.querySelectorAll(\"input[name=lang]\").forEach(function(c){c.checked=c.value===\"es\";});\
                  f.dispatchEvent(new Event(\"change\"));});</script></head>";
    let copy = dir.path().join("report-es.html");
    let html = std::fs::read_to_string(&index).unwrap();
    std::fs::write(&copy, html.replacen("</head>", untick, 1)).unwrap();
    let dom = dump_dom(&copy, None);
    let shown: Vec<(String, f64)> = dom
        .select(&sel("#findings tr[data-finding-kind]"))
        .filter(|r| !hidden(r))
        .map(|r| {
            let v = r.value();
            (
                v.attr("data-langs").unwrap().to_string(),
                v.attr("data-confidence").unwrap().parse().unwrap(),
            )
        })
        .collect();
    let want = fx
        .report
        .findings
        .iter()
        .filter(|f| {
            f.langs
                .first()
                .is_none_or(|&l| l == polyalign::model::Lang::Es)
        })
        .count();
    assert!(want > 0 && want < total, "{want} of {total}");
    assert_eq!(shown.len(), want, "{shown:?}");
    assert!(shown
        .iter()
        .all(|(l, _)| l.is_empty() || l.split(' ').next() == Some("es")));
    assert!(shown.windows(2).all(|w| w[0].1 >= w[1].1), "{shown:?}");
    let count: String = dom.select(&sel("#shown")).next().unwrap().text().collect();
    assert_eq!(count, format!("{want} of {total} findings shown"));

    // The month page of group 1 (omission, untranslated, …) and of group 2 (no omission).
    let m1 = dump_dom(
        &dir.path().join("report/2019-10.html"),
        Some("only=omission"),
    );
    let group = m1.select(&sel("section.group")).next().unwrap();
    assert!(!hidden(&group), "the group with the omission stays");
    let units: Vec<_> = m1.select(&sel("tr[data-unit]")).collect();
    let visible: Vec<&str> = units
        .iter()
        .filter(|r| !hidden(r))
        .map(|r| r.value().attr("data-unit").unwrap())
        .collect();
    assert_eq!(visible, ["3"], "only the omission's row is shown");
    for r in m1.select(&sel("tr[data-finding-kind]")) {
        assert_eq!(
            hidden(&r),
            r.value().attr("data-finding-kind") != Some("omission")
        );
    }
    let m2 = dump_dom(
        &dir.path().join("report/2020-03.html"),
        Some("only=omission"),
    );
    let group = m2.select(&sel("section.group")).next().unwrap();
    assert!(hidden(&group), "a statement without an omission is hidden");
}

/// Links into a long month page land on their target, although sections off screen are laid
/// out only when needed (`content-visibility: auto`).
#[test]
fn fragment_links_land_on_their_target() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::crowded(11);
    let dir = tempfile::tempdir().unwrap();
    fx.write(dir.path());
    let page = dir.path().join("report/2019-10.html");
    let html = std::fs::read_to_string(&page).unwrap();
    let doc = Html::parse_document(&html);
    // Three quarters down the page: far below the first screen, not so near the end that the
    // window cannot scroll it to the top.
    let deep = |s: &str| {
        let all: Vec<_> = doc.select(&sel(s)).collect();
        all[all.len() * 3 / 4]
            .value()
            .attr("id")
            .unwrap()
            .to_string()
    };
    // Reports where the target ended up once the page has loaded.
    let probe = "<script>addEventListener(\"load\",function(){setTimeout(function(){\
                 var t=document.getElementById(decodeURIComponent(location.hash.slice(1)));\
                 document.documentElement.setAttribute(\"data-probe\",\
                 Math.round(t.getBoundingClientRect().top)+\" \"+Math.round(window.scrollY));},0);});</script></head>";
    let copy = dir.path().join("report/probe.html");
    std::fs::write(&copy, html.replacen("</head>", probe, 1)).unwrap();
    for target in [
        deep("section.group"),
        deep("tr[data-finding-kind]"),
        deep("tr[data-unit]"),
    ] {
        let dom = dump_dom(&copy, Some(&target));
        let probe = dom
            .root_element()
            .value()
            .attr("data-probe")
            .unwrap()
            .to_string();
        let (top, y) = probe.split_once(' ').unwrap();
        let (top, y): (i64, i64) = (top.parse().unwrap(), y.parse().unwrap());
        assert!(y > 2000, "#{target}: page not scrolled ({probe})");
        assert!(
            top.abs() <= 2,
            "#{target}: {top} px from the top of the window"
        );
    }
}

/// A check that must fail: a finding the pages do not contain is reported.
#[test]
fn browser_check_notices_a_missing_finding() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::fixture();
    let dir = tempfile::tempdir().unwrap();
    let index = fx.write(dir.path());
    let mut wanted = fx.finding_keys();
    wanted.push(("omission".to_string(), "no-such-group".to_string()));
    let result = std::panic::catch_unwind(|| check_site_in_browser(&index, &fx.titles(), &wanted));
    assert!(result.is_err(), "a missing finding must fail the check");
}

/// A check that must fail: a month page the index links is missing.
#[test]
fn browser_check_notices_a_missing_page() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::fixture();
    let dir = tempfile::tempdir().unwrap();
    let index = fx.write(dir.path());
    std::fs::remove_file(dir.path().join("report/2020-03.html")).unwrap();
    let result = std::panic::catch_unwind(|| check_site_in_browser(&index, &[], &[]));
    assert!(result.is_err(), "a missing page must fail the check");
}

/// Reads expectations for an external report: either `{"titles": [...], "findings": [{"kind":…,
/// "group":…}, …]}` or an `AuditReport` JSON (`{"coverage": [...], "findings": [...]}`), whose
/// coverage titles are then expected as statement titles.
fn load_expectations(path: &Path) -> (Vec<String>, Vec<(String, String)>) {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(path).expect("read expectations"))
            .expect("expectations are JSON");
    let strings = |key: &str| -> Vec<String> {
        v.get(key)
            .and_then(|t| t.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|s| s.as_str().map(str::to_string))
                    .collect()
            })
            .unwrap_or_default()
    };
    let mut titles = strings("titles");
    if let Some(rows) = v.get("coverage").and_then(|c| c.as_array()) {
        titles.extend(
            rows.iter()
                .filter_map(|r| r.get("title")?.as_str().map(str::to_string)),
        );
    }
    let findings = v
        .get("findings")
        .and_then(|f| f.as_array())
        .map(|a| {
            a.iter()
                .filter_map(|f| {
                    Some((
                        f.get("kind")?.as_str()?.to_string(),
                        f.get("group")?.as_str()?.to_string(),
                    ))
                })
                .collect()
        })
        .unwrap_or_default();
    (titles, findings)
}

#[test]
fn external_report_from_env() {
    let Some(html) = std::env::var_os("POLYALIGN_REPORT_HTML") else {
        eprintln!("note: POLYALIGN_REPORT_HTML not set; nothing to check");
        return;
    };
    if chromium_or_skip().is_none() {
        return;
    }
    let (titles, findings) = std::env::var_os("POLYALIGN_REPORT_EXPECT")
        .map(|p| load_expectations(Path::new(&p)))
        .unwrap_or_default();
    let html = PathBuf::from(html);
    let site = check_site_in_browser(&html, &titles, &findings);
    let shot = screenshot(&html, 1400, 2000, "report-external");
    let narrow = screenshot(&html, 760, 1600, "report-external-narrow");
    let first = site.keys().find(|p| p.as_str() != "report.html").unwrap();
    let month = screenshot(
        &html.parent().unwrap().join(first),
        1400,
        2000,
        "report-external-month",
    );
    eprintln!(
        "screenshots: {} {} {}",
        shot.display(),
        narrow.display(),
        month.display()
    );
}

/// The real report: `polyalign` on corpora/sample, rendered in Chromium; every statement title
/// and every finding of the run must be on the month pages. Screenshots: `sample-report.png`
/// (top of the index) and `sample-report-group.png` (the side-by-side view of the statement with
/// the most languages).
#[test]
fn sample_report_renders_in_chromium() {
    if chromium_or_skip().is_none() {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let out = report_fixture::sample_audit(dir.path());
    let index = dir.path().join("report.html");
    keep_site(dir.path(), "sample-report");
    let mut titles: Vec<String> = Vec::new();
    for g in &out.groups {
        for &k in g.versions.values() {
            titles.push(out.statements[k].title.clone());
        }
    }
    let findings: Vec<(String, String)> = out
        .audit
        .findings
        .iter()
        .map(|f| (f.kind.name().to_string(), f.group.clone()))
        .collect();
    assert!(findings.len() >= 10, "the sample has deliberate gaps");
    let site = check_site_in_browser(&index, &titles, &findings);
    let shot = screenshot(&index, 1400, 2000, "sample-report");
    let biggest = out
        .groups
        .iter()
        .max_by_key(|g| (g.versions.len(), std::cmp::Reverse(g.id.clone())))
        .unwrap();
    let found = site.iter().find_map(|(p, dom)| {
        dom.select(&sel(&format!(
            "section.group[data-group=\"{}\"]",
            biggest.id
        )))
        .next()
        .map(|s| (p.clone(), s.value().attr("id").unwrap().to_string()))
    });
    let (page, anchor) = found.expect("the biggest group has a section");
    let group = screenshot_group(
        &dir.path().join(page),
        &anchor,
        1400,
        2000,
        "sample-report-group",
    );
    eprintln!("screenshots: {} {}", shot.display(), group.display());
}
