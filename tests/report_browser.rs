//! Opens `report.html` in headless Chromium (Debian's `chromium`, see `scripts/setup-browser.sh`),
//! checks the rendered DOM lists every statement and finding, and saves screenshots as CI
//! artifacts under `target/artifacts/`.
//!
//! Without Chromium the tests skip with a note, unless `CI` is set, where they fail.
//! `POLYALIGN_REPORT_HTML=<report.html>` (and optionally `POLYALIGN_REPORT_EXPECT=<json>`) runs
//! the same check on a report produced elsewhere, e.g. from the real corpora; see
//! `scripts/browser-check.sh`.

mod report_fixture;

use std::collections::{BTreeMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use scraper::{Html, Selector};

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

/// Screenshots one group section (its files, findings and side-by-side table) alone.
///
/// Headless Chromium lays the page out before applying `--window-size`, so scrolling to a
/// `#fragment` lands in the wrong place; instead a copy of the page hides everything else.
pub fn screenshot_group(
    html_path: &Path,
    group_anchor: &str,
    width: u32,
    height: u32,
    name: &str,
) -> PathBuf {
    let html = std::fs::read_to_string(html_path).expect("read report");
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

/// Loads the report in headless Chromium and checks the DOM it renders: the inline script ran,
/// every expected statement title is shown, every expected finding has a row
/// (`data-finding-kind` + `data-group`, counted with multiplicity), every in-page link resolves.
/// Then saves a 1400×2000 screenshot as `target/artifacts/report.png` and returns its path.
pub fn check_report_in_browser(
    html_path: &Path,
    expected_statement_titles: &[String],
    expected_findings: &[(String, String)],
) -> PathBuf {
    check_report_in_browser_named(
        html_path,
        expected_statement_titles,
        expected_findings,
        "report",
    )
}

/// [`check_report_in_browser`] with the screenshot saved as `target/artifacts/<name>.png`.
pub fn check_report_in_browser_named(
    html_path: &Path,
    expected_statement_titles: &[String],
    expected_findings: &[(String, String)],
    name: &str,
) -> PathBuf {
    check_dom(html_path, expected_statement_titles, expected_findings);
    screenshot(html_path, 1400, 2000, name)
}

fn check_dom(html_path: &Path, titles: &[String], findings: &[(String, String)]) {
    let chrome = chromium().expect("chromium");
    let dom = run_chromium(&chrome, &["--dump-dom".to_string()], &file_url(html_path));
    let doc = Html::parse_document(&dom);
    let sel = |s: &str| Selector::parse(s).unwrap();
    let root = doc.root_element();
    assert_eq!(
        root.value().attr("data-js"),
        Some("on"),
        "the inline script did not run in Chromium"
    );
    assert_eq!(root.value().attr("lang"), Some("en"));
    assert!(
        doc.select(&sel("#filters"))
            .next()
            .is_some_and(|f| f.value().attr("hidden").is_none()),
        "filters not enabled by JS"
    );

    let shown: HashSet<String> = doc
        .select(&sel(".stmt-title"))
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect();
    let missing: Vec<&String> = titles
        .iter()
        .filter(|t| !shown.contains(t.trim()))
        .collect();
    assert!(
        missing.is_empty(),
        "statement titles not shown in the browser: {missing:?}"
    );

    let mut have: BTreeMap<(String, String), usize> = BTreeMap::new();
    for e in doc.select(&sel("[data-finding-kind][data-group]")) {
        let v = e.value();
        *have
            .entry((
                v.attr("data-finding-kind").unwrap().to_string(),
                v.attr("data-group").unwrap().to_string(),
            ))
            .or_default() += 1;
    }
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

    let ids: HashSet<&str> = doc
        .select(&sel("[id]"))
        .filter_map(|e| e.value().attr("id"))
        .collect();
    for a in doc.select(&sel("a[href^=\"#\"]")) {
        let target = &a.value().attr("href").unwrap()[1..];
        assert!(ids.contains(target), "link to missing #{target}");
    }
    eprintln!(
        "browser DOM ok: {} statement titles, {} findings, {} ids",
        titles.len(),
        findings.len(),
        ids.len()
    );
}

#[test]
fn fixture_report_renders_in_chromium() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, fx.render()).unwrap();
    // Kept next to the screenshots so CI artifacts include the page itself.
    std::fs::copy(&path, artifacts_dir().join("report.html")).unwrap();
    let shot = check_report_in_browser(&path, &fx.titles(), &fx.finding_keys());
    eprintln!("screenshot: {}", shot.display());

    // The side-by-side view of the first group, wide and narrow.
    let first = format!("g-{}", report_fixture::G1);
    let wide = screenshot_group(&path, &first, 1400, 2000, "report-group");
    let narrow = screenshot_group(&path, &first, 760, 1600, "report-narrow");
    let narrow_top = screenshot(&path, 760, 1600, "report-narrow-top");
    eprintln!("screenshot: {}", narrow_top.display());
    eprintln!("screenshots: {} {}", wide.display(), narrow.display());
}

/// A check that must fail: a finding the page does not contain is reported.
#[test]
fn browser_check_notices_a_missing_finding() {
    if chromium_or_skip().is_none() {
        return;
    }
    let fx = report_fixture::fixture();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("report.html");
    std::fs::write(&path, fx.render()).unwrap();
    let mut wanted = fx.finding_keys();
    wanted.push(("omission".to_string(), "no-such-group".to_string()));
    let result = std::panic::catch_unwind(|| check_dom(&path, &fx.titles(), &wanted));
    assert!(result.is_err(), "a missing finding must fail the check");
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
    check_dom(&html, &titles, &findings);
    let shot = screenshot(&html, 1400, 2000, "report-external");
    let narrow = screenshot(&html, 760, 1600, "report-external-narrow");
    eprintln!("screenshots: {} {}", shot.display(), narrow.display());
}

/// The real report: `polyalign` on corpora/sample, rendered in Chromium; every statement title
/// and every finding of the run must be in the DOM. Screenshots: `sample-report.png` (top of
/// the page) and `sample-report-group.png` (the side-by-side view of the statement with the
/// most languages).
#[test]
fn sample_report_renders_in_chromium() {
    if chromium_or_skip().is_none() {
        return;
    }
    let cfg = polyalign::pipeline::Config {
        inputs: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpora/sample")],
        sentences: false,
        ..Default::default()
    };
    let out = polyalign::pipeline::run(&cfg, &polyalign::langid::Lingua);
    let dir = tempfile::tempdir().unwrap();
    polyalign::export::gaps::write_audit(
        dir.path(),
        &out.audit,
        &out.groups,
        &out.statements,
        &out.units,
    )
    .unwrap();
    let path = dir.path().join("report.html");
    std::fs::copy(&path, artifacts_dir().join("sample-report.html")).unwrap();
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
    let shot = check_report_in_browser_named(&path, &titles, &findings, "sample-report");
    let biggest = out
        .groups
        .iter()
        .max_by_key(|g| (g.versions.len(), std::cmp::Reverse(g.id.clone())))
        .unwrap();
    let html = std::fs::read_to_string(&path).unwrap();
    let anchor = format!("g-{}", biggest.id);
    if html.contains(&format!("id=\"{anchor}\"")) {
        let group = screenshot_group(&path, &anchor, 1400, 2000, "sample-report-group");
        eprintln!("screenshots: {} {}", shot.display(), group.display());
    }
}
