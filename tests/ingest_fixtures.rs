//! Ingest fixtures: HTML statement pages (`tests/data/html/`, checked against `expected.json`)
//! and legacy/Unicode encodings (`tests/data/encodings/`, checked against UTF-8 references).

use std::path::{Path, PathBuf};

use polyalign::diag::Diagnostics;
use polyalign::ingest::{self, decode, html};
use polyalign::model::PageFormat;
use serde_json::Value;

fn data(p: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data")
        .join(p)
}

fn strs(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| a.iter().map(|x| x.as_str().unwrap().to_string()).collect())
        .unwrap_or_default()
}

#[test]
fn html_pages_match_expected() {
    let expected: Value =
        serde_json::from_slice(&std::fs::read(data("html/expected.json")).unwrap()).unwrap();
    let expected = expected.as_object().unwrap();
    assert_eq!(
        expected.len(),
        8,
        "five languages + cp1251 + no extension + broken"
    );
    for (name, exp) in expected {
        let path = data(&format!("html/{name}"));
        let bytes = std::fs::read(&path).unwrap();
        let mut diags = Diagnostics::default();
        let page = ingest::page_from_bytes(name, &path, &bytes, &mut diags)
            .unwrap_or_else(|| panic!("{name}: no page"));
        assert_eq!(page.format, PageFormat::Html, "{name}");
        if let Some(enc) = exp.get("encoding").and_then(Value::as_str) {
            assert_eq!(page.encoding, enc, "{name}");
        } else {
            assert_eq!(page.encoding, "UTF-8", "{name}");
        }
        assert!(
            diags.items.iter().all(|d| d.kind != "invalid-bytes"),
            "{name}: {:?}",
            diags.items
        );

        // The exact block sequence a text dump of the page would have.
        let mut want: Vec<String> = Vec::new();
        if let Some(d) = exp["date"].as_str() {
            want.push(d.to_string());
        }
        want.push(exp["title"].as_str().unwrap().to_string());
        if exp["switcher"].is_array() {
            want.push(format!("• {}", strs(&exp["switcher"]).join(" ")));
        }
        want.extend(strs(&exp["paragraphs"]));
        want.extend(strs(&exp["sections"]));
        for t in exp["teasers"].as_array().unwrap() {
            want.extend(strs(t));
        }
        let got: Vec<String> = page.blocks.iter().map(|b| b.text.clone()).collect();
        assert_eq!(got, want, "{name}");

        let m = &page.meta;
        assert_eq!(m.title.as_deref(), exp["title"].as_str(), "{name}");
        assert_eq!(
            m.declared_lang.as_ref().map(|t| t.raw.as_str()),
            exp["lang"].as_str(),
            "{name}"
        );
        assert_eq!(
            m.canonical_url.as_deref(),
            exp["canonical"].as_str(),
            "{name}"
        );
        let alts: Vec<String> = m.alternates.iter().map(|t| t.raw.clone()).collect();
        assert_eq!(alts, strs(&exp["alternates"]), "{name}");
        if name.starts_with("mfa-1234-") {
            assert_eq!(m.group_key.as_deref(), Some("url:1234"), "{name}");
        }

        // Lines: the title block carries the source line of its <h1>; body blocks go down the page.
        let text = decode::decode(&bytes).unwrap().text;
        if let Some(h1_line) = text.lines().position(|l| l.contains("<h1")) {
            let tb = page
                .blocks
                .iter()
                .find(|b| b.text == exp["title"].as_str().unwrap())
                .unwrap();
            assert_eq!(tb.line, h1_line + 1, "{name}: title line");
        }
        let head = page
            .blocks
            .iter()
            .position(|b| b.text == exp["title"].as_str().unwrap())
            .unwrap();
        let body_start = head + 1 + usize::from(exp["switcher"].is_array());
        let lines: Vec<usize> = page.blocks[body_start..].iter().map(|b| b.line).collect();
        assert!(
            lines.windows(2).all(|w| w[0] <= w[1]),
            "{name}: body lines {lines:?}"
        );
    }
}

#[test]
fn paragraph_with_br_keeps_its_lines() {
    let (blocks, _) =
        html::extract(&std::fs::read_to_string(data("html/mfa-1234-de.html")).unwrap());
    let b = blocks
        .iter()
        .find(|b| b.text.starts_with("Die Minister haben"))
        .unwrap();
    assert_eq!(b.text.lines().count(), 4);
    let src = std::fs::read_to_string(data("html/mfa-1234-de.html")).unwrap();
    let line = src
        .lines()
        .position(|l| l.contains("Die Minister haben"))
        .unwrap()
        + 1;
    assert_eq!(b.line, line);
}

#[test]
fn chrome_never_leaks() {
    for lc in ["de", "en", "es", "ru", "fr"] {
        let src = std::fs::read_to_string(data(&format!("html/mfa-1234-{lc}.html"))).unwrap();
        let (blocks, _) = html::extract(&src);
        let all: String = blocks
            .iter()
            .map(|b| b.text.as_str())
            .collect::<Vec<_>>()
            .join("\n");
        for bad in [
            "cookie",
            "dataLayer",
            "Facebook",
            "Telegram",
            "©",
            "font-family",
            "OK",
        ] {
            assert!(!all.contains(bad), "{lc}: {bad:?} leaked");
        }
    }
}

#[test]
fn html_sniffed_without_extension_but_not_plain_text() {
    let noext = std::fs::read_to_string(data("html/saved-page-9012")).unwrap();
    assert!(html::looks_like_html(&noext));
    for f in [
        "bad/dup-a.txt",
        "bad/unknown-markers.txt",
        "bad/no-statement.txt",
    ] {
        assert!(
            !html::looks_like_html(&std::fs::read_to_string(data(f)).unwrap()),
            "{f}"
        );
    }
}

#[test]
fn encodings_decode_to_reference() {
    use encoding_rs::{Encoding, KOI8_R, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1251, WINDOWS_1252};
    let cases: [(&str, &str, &'static Encoding, bool); 8] = [
        ("ru-cp1251.txt", "ru.utf8.txt", WINDOWS_1251, true),
        ("ru-koi8r.txt", "ru.utf8.txt", KOI8_R, true),
        ("ru-utf16le-bom.txt", "ru.utf8.txt", UTF_16LE, false),
        ("de-cp1252.txt", "de.utf8.txt", WINDOWS_1252, true),
        ("de-utf16be-bom.txt", "de.utf8.txt", UTF_16BE, false),
        ("es-cp1252.txt", "es.utf8.txt", WINDOWS_1252, true),
        ("es-utf8-bom.txt", "es.utf8.txt", UTF_8, false),
        ("fr-latin1.html", "fr.utf8.html", WINDOWS_1252, false),
    ];
    for (file, reference, enc, guessed) in cases {
        let bytes = std::fs::read(data(&format!("encodings/{file}"))).unwrap();
        let want =
            std::fs::read_to_string(data(&format!("encodings/reference/{reference}"))).unwrap();
        let d = decode::decode(&bytes).unwrap();
        assert_eq!(d.encoding, enc.name(), "{file}");
        assert_eq!(d.guessed, guessed, "{file}");
        assert_eq!(d.replaced, 0, "{file}");
        assert_eq!(d.text, want, "{file}");
        // The committed bytes are exactly what encoding_rs produces for the reference.
        if enc != UTF_16LE && enc != UTF_16BE && enc != UTF_8 {
            let (b, _, bad) = enc.encode(&want);
            assert!(!bad);
            assert_eq!(&*b, &bytes[..], "{file}");
        }
    }
}

#[test]
fn encodings_through_ingest() {
    let out = ingest::ingest(&[data("encodings")]);
    // 8 fixtures + 4 references + README, all decodable.
    assert_eq!(out.pages.len(), 13, "{:?}", out.diagnostics.items);
    assert!(!out.diagnostics.has_errors());
    let notes: Vec<&str> = out
        .diagnostics
        .items
        .iter()
        .filter(|d| d.kind == "encoding")
        .map(|d| d.file.as_str())
        .collect();
    assert_eq!(notes.len(), 4, "{notes:?}");
    let fr = out
        .pages
        .iter()
        .find(|p| p.path.ends_with("fr-latin1.html"))
        .unwrap();
    assert_eq!(fr.format, PageFormat::Html);
    assert!(fr.blocks[0]
        .text
        .starts_with("Intervention du ministre des Affaires étrangères"));
}

/// The real seed dumps (when `/work/shared` is present) decode as UTF-8 text pages, none is taken
/// for HTML, and nothing is reported.
#[test]
fn shared_seeds_when_present() {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    if !seeds.is_dir() {
        eprintln!("note: {} absent, skipping", seeds.display());
        return;
    }
    let out = ingest::ingest(&[seeds]);
    assert!(out.pages.len() >= 5);
    assert!(
        out.diagnostics.items.is_empty(),
        "{:#?}",
        out.diagnostics.items
    );
    for p in &out.pages {
        assert_eq!(
            (p.format, p.encoding.as_str(), p.replaced),
            (PageFormat::Text, "UTF-8", 0),
            "{}",
            p.path
        );
    }
}

mod never_panics {
    use polyalign::ingest::{decode, html};
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]

        /// Any bytes: decoded (with every U+FFFD accounted for when the source was UTF-8-ish)
        /// or refused with a reason, never a panic.
        #[test]
        fn decode_any_bytes(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            match decode::decode(&bytes) {
                Ok(d) => prop_assert!(!d.text.trim().is_empty()),
                Err(decode::DecodeError::Binary(why)) => prop_assert!(!why.is_empty()),
                // Empty only when the text (after any BOM) is whitespace.
                Err(decode::DecodeError::Empty) => {
                    let (t, _, _) = encoding_rs::UTF_8.decode(&bytes);
                    prop_assert!(t.trim().is_empty(), "{:?}", bytes);
                }
            }
        }

        /// Any tag soup: blocks are non-empty, normalised, never a panic.
        #[test]
        fn extract_any_markup(parts in proptest::collection::vec(
            prop_oneof![
                Just("<p>".to_string()), Just("</p>".to_string()), Just("<br>".to_string()),
                Just("<li>".to_string()), Just("<ul class=news-list>".to_string()), Just("<h1>".to_string()),
                Just("<nav>".to_string()), Just("<time datetime=2020-01-02T03:04>".to_string()),
                Just("<span class=date>".to_string()), Just("<a hreflang=de href=x>DE</a>".to_string()),
                Just("<a href=y>EN</a>".to_string()), Just("</div>".to_string()), Just("<div>".to_string()),
                "[a-zA-Zа-я0-9 .\u{a0}\n]{0,12}",
            ],
            0..40,
        )) {
            let src = parts.concat();
            let (blocks, _) = html::extract(&src);
            for b in blocks {
                prop_assert!(!b.text.is_empty());
                prop_assert!(b.line >= 1);
                for l in b.text.lines() {
                    prop_assert_eq!(l, polyalign::text::normalize_line(l));
                    prop_assert!(!l.is_empty());
                }
            }
        }
    }
}
