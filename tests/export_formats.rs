//! Exporter tests: byte snapshots of every format on the fixture, a torture text through every
//! format, TMX → convert round trips, stable tuids and SOURCE_DATE_EPOCH.
//! `UPDATE_SNAPSHOTS=1 cargo test --test export_formats` rewrites tests/data/export/expected/.

mod export_support;

use std::collections::BTreeMap;

use export_support::*;
use polyalign::export::convert;
use polyalign::export::tmx_read;
use polyalign::export::tsv::flatten;
use polyalign::export::{export, tmx::is_xml10_illegal, ExportInput, Format};
use polyalign::model::{Lang, Level};

const EPOCH: i64 = 1_600_000_000; // 20200913T122640Z

fn render_all(input: &ExportInput<'_>) -> BTreeMap<String, Vec<u8>> {
    Format::ALL
        .iter()
        .flat_map(|f| f.exporter().render(input).files)
        .map(|f| (f.path, f.bytes))
        .collect()
}

#[test]
fn snapshots_match() {
    let corpus = fixture();
    let tmp = tempfile::tempdir().unwrap();
    let summary = export(tmp.path(), &Format::ALL, &corpus.input(Some(EPOCH))).unwrap();
    assert_eq!(summary.illegal_chars_removed, 0);
    let written = files_under(tmp.path());
    assert_eq!(summary.files.len(), written.len());
    let expected_dir = repo_root().join("tests/data/export/expected");
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some_and(|v| v == "1") {
        let _ = std::fs::remove_dir_all(&expected_dir);
        for f in &written {
            let dst = expected_dir.join(f);
            std::fs::create_dir_all(dst.parent().unwrap()).unwrap();
            std::fs::copy(tmp.path().join(f), dst).unwrap();
        }
        eprintln!("snapshots rewritten in {}", expected_dir.display());
    }
    assert_eq!(
        written,
        files_under(&expected_dir),
        "file set differs from the snapshot"
    );
    for f in &written {
        let got = std::fs::read(tmp.path().join(f)).unwrap();
        let want = std::fs::read(expected_dir.join(f)).unwrap();
        assert!(
            got == want,
            "{f} differs from its snapshot (UPDATE_SNAPSHOTS=1 to accept):\n{}",
            String::from_utf8_lossy(&got)
        );
    }
    // The layout the README documents.
    for f in [
        "corpus.tmx",
        "tmx/en-de.tmx",
        "tmx/en-fr.tmx",
        "tmx/de-fr.tmx",
        "units.csv",
        "units.jsonl",
        "tsv/en-de.tsv",
        "moses/corpus.en-de.en",
        "moses/corpus.en-de.de",
    ] {
        assert!(written.iter().any(|w| w == f), "{f} missing");
    }
}

#[test]
fn gaps_and_pairs() {
    let corpus = fixture();
    let files = render_all(&corpus.input(None));
    let csv = String::from_utf8(files["units.csv"].clone()).unwrap();
    // 4 aligned units (the English-only gap is left out) + header.
    assert_eq!(csv.matches("\r\n").count(), 5, "{csv}");
    assert!(!csv.contains("only in English"));
    let lines = |p: &str| String::from_utf8(files[p].clone()).unwrap().lines().count();
    assert_eq!(lines("tsv/en-de.tsv"), 3);
    assert_eq!(lines("tsv/en-fr.tsv"), 3);
    assert_eq!(lines("tsv/de-fr.tsv"), 2);
    let pair = tmx_read::parse_bytes(&files["tmx/en-de.tmx"]).unwrap();
    assert_eq!(pair.header.attrs["srclang"], "en-GB");
    assert_eq!(pair.units.len(), 3);
    for u in &pair.units {
        let langs: Vec<&str> = u.variants.iter().map(|v| v.lang.as_str()).collect();
        assert_eq!(
            langs,
            ["en-GB", "de-DE"],
            "pairwise files hold exactly the two languages, pivot first"
        );
    }
    let all = tmx_read::parse_bytes(&files["corpus.tmx"]).unwrap();
    assert_eq!(all.units.len(), 4);
    let u1 = &all.units[1];
    assert_eq!(
        u1.tuid.as_deref(),
        Some("2019-10-16-joint-statement-on-trade:paragraph:1")
    );
    assert_eq!(u1.prop("x-bead"), Some("1-2-1"));
    assert_eq!(u1.attrs["creationdate"], "20191016T143000Z");
    assert_eq!(u1.variants[1].prop("x-indices"), Some("1,2"));
    // No date for the second group: SOURCE_DATE_EPOCH, else no attribute at all.
    assert!(!all.units[3].attrs.contains_key("creationdate"));
    assert_eq!(all.header.attrs["creationdate"], "20191016T143000Z");
    // Restricting languages drops segments and recomputes the bead.
    let mut input = corpus.input(None);
    input.langs = vec![Lang::En, Lang::Fr];
    let files = render_all(&input);
    let doc = tmx_read::parse_bytes(&files["corpus.tmx"]).unwrap();
    assert_eq!(doc.units.len(), 3);
    assert_eq!(doc.units[1].prop("x-bead"), Some("2-1"));
}

#[test]
fn source_date_epoch_and_stable_tuids() {
    let corpus = fixture();
    let a = render_all(&corpus.input(Some(EPOCH)));
    let b = render_all(&corpus.input(Some(EPOCH)));
    assert_eq!(a, b, "two runs must write identical bytes");
    let doc = tmx_read::parse_bytes(&a["corpus.tmx"]).unwrap();
    assert_eq!(doc.header.attrs["creationdate"], "20200913T122640Z");
    assert_eq!(doc.units[3].attrs["creationdate"], "20200913T122640Z");
    assert_eq!(
        doc.units[3].tuid.as_deref(),
        Some("undated-press-release:paragraph:0")
    );
    // Dated groups keep their own date whatever the epoch.
    assert_eq!(doc.units[0].attrs["creationdate"], "20191016T143000Z");
    let c = render_all(&corpus.input(Some(0)));
    let doc0 = tmx_read::parse_bytes(&c["corpus.tmx"]).unwrap();
    assert_eq!(doc0.header.attrs["creationdate"], "19700101T000000Z");
    let ids = |d: &tmx_read::TmxDoc| d.units.iter().map(|u| u.tuid.clone()).collect::<Vec<_>>();
    assert_eq!(ids(&doc), ids(&doc0));
}

#[test]
fn torture_text_through_every_format() {
    let text = torture_text();
    let mut corpus = fixture();
    for (i, u) in corpus.units.iter_mut().enumerate() {
        for (l, s) in u.segments.iter_mut() {
            s.text = format!("{i}{l} {text}");
        }
    }
    let input = corpus.input(Some(EPOCH));
    let files = render_all(&input);
    let exported: Vec<_> = corpus
        .units
        .iter()
        .filter(|u| u.segments.len() >= 2)
        .collect();

    // TMX: parses with our reader; text survives minus the XML-illegal characters.
    let rendered = Format::Tmx.exporter().render(&input);
    let illegal_per_seg = text.chars().filter(|c| is_xml10_illegal(*c)).count();
    let segs: usize = exported.iter().map(|u| u.segments.len()).sum();
    assert_eq!(rendered.illegal_chars_removed, illegal_per_seg * segs);
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".tmx")) {
        let doc = tmx_read::parse_bytes(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        assert!(!doc.units.is_empty());
        for tu in &doc.units {
            let src = exported
                .iter()
                .find(|u| Some(u.group.clone() + ":paragraph:" + &u.unit.to_string()) == tu.tuid)
                .unwrap();
            for v in &tu.variants {
                let lang = Lang::from_code(&v.lang[..2]).unwrap();
                let want: String = src.segments[&lang]
                    .text
                    .chars()
                    .filter(|c| !is_xml10_illegal(*c))
                    .collect();
                assert_eq!(v.text, want, "{path}");
            }
        }
    }

    // CSV: parses with the csv crate; text exact.
    let mut rdr = csv::Reader::from_reader(&files["units.csv"][..]);
    let headers = rdr.headers().unwrap().clone();
    let rows: Vec<csv::StringRecord> = rdr.records().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), exported.len());
    for (row, u) in rows.iter().zip(&exported) {
        for l in [Lang::De, Lang::En, Lang::Fr] {
            let col = headers
                .iter()
                .position(|h| h == format!("text_{l}"))
                .unwrap();
            assert_eq!(
                &row[col],
                u.segments.get(&l).map_or("", |s| s.text.as_str())
            );
        }
    }

    // JSONL: one serde_json value per line, text exact.
    let jsonl = String::from_utf8(files["units.jsonl"].clone()).unwrap();
    let objs: Vec<serde_json::Value> = jsonl
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(objs.len(), exported.len());
    for (o, u) in objs.iter().zip(&exported) {
        let keys: Vec<&str> = o.as_object().unwrap().keys().map(String::as_str).collect();
        assert_eq!(
            keys,
            ["bead", "group", "level", "score", "segments", "unit"]
        ); // serde_json sorts
        for (l, s) in &u.segments {
            assert_eq!(o["segments"][l.code()]["text"], s.text.as_str());
        }
    }
    assert!(
        jsonl.starts_with("{\"group\":"),
        "fields in documented order"
    );

    // TSV / Moses: line counts equal, text flattened by the documented rule only.
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".tsv")) {
        let pair = path.trim_start_matches("tsv/").trim_end_matches(".tsv");
        let (a, b) = pair.split_once('-').unwrap();
        let (la, lb) = (Lang::from_code(a).unwrap(), Lang::from_code(b).unwrap());
        let tsv = String::from_utf8(bytes.clone()).unwrap();
        let both: Vec<_> = exported
            .iter()
            .filter(|u| u.segments.contains_key(&la) && u.segments.contains_key(&lb))
            .collect();
        let lines: Vec<&str> = tsv.split_terminator('\n').collect();
        assert_eq!(lines.len(), both.len(), "{path}");
        for (line, u) in lines.iter().zip(&both) {
            assert_eq!(
                *line,
                format!(
                    "{}\t{}",
                    flatten(&u.segments[&la].text),
                    flatten(&u.segments[&lb].text)
                )
            );
        }
        for l in [a, b] {
            let moses =
                String::from_utf8(files[&format!("moses/corpus.{pair}.{l}")].clone()).unwrap();
            assert_eq!(moses.split_terminator('\n').count(), both.len());
            assert_eq!(moses.lines().count(), both.len(), "no stray line breaks");
        }
    }
}

#[test]
fn convert_round_trip_is_byte_identical() {
    let corpus = fixture();
    let input = corpus.input(Some(EPOCH));
    let files = render_all(&input);
    let doc = tmx_read::parse_bytes(&files["corpus.tmx"]).unwrap();
    let conv = convert::units_from_tmx(&doc, "corpus", "corpus.tmx");
    assert_eq!(conv.pivot, Some(Lang::En));
    let again = ExportInput {
        units: &conv.units,
        groups: &conv.groups,
        statements: &conv.statements,
        level: conv.level,
        filter: polyalign::export::UnitFilter::default(),
        pivot: conv.pivot,
        langs: conv.langs.iter().copied().collect(),
        source_date_epoch: Some(EPOCH),
        excel: false,
        pair_units: Default::default(),
        withheld: None,
    };
    let files2 = render_all(&again);
    assert_eq!(
        files.keys().collect::<Vec<_>>(),
        files2.keys().collect::<Vec<_>>()
    );
    for (path, bytes) in &files {
        assert!(
            *bytes == files2[path],
            "{path} changed in the round trip:\n{}\n---\n{}",
            String::from_utf8_lossy(bytes),
            String::from_utf8_lossy(&files2[path])
        );
    }
}

#[test]
fn convert_torture_keeps_segments_byte_for_byte() {
    // TMX → read → units → CSV keeps every segment (minus XML-illegal characters).
    let text: String = torture_text()
        .chars()
        .filter(|c| !is_xml10_illegal(*c))
        .collect();
    let mut corpus = fixture();
    for u in corpus.units.iter_mut() {
        for s in u.segments.values_mut() {
            s.text = format!("{}{}", s.text, text);
        }
    }
    let input = corpus.input(None);
    let csv1 = &Format::Csv.exporter().render(&input).files[0].bytes;
    let tmx = &Format::Tmx.exporter().render(&input).files[0].bytes;
    let conv = convert::units_from_tmx(&tmx_read::parse_bytes(tmx).unwrap(), "x", "x.tmx");
    let mut input2 = input.clone();
    input2.units = &conv.units;
    let csv2 = &Format::Csv.exporter().render(&input2).files[0].bytes;
    assert!(
        csv1 == csv2,
        "{}\n---\n{}",
        String::from_utf8_lossy(csv1),
        String::from_utf8_lossy(csv2)
    );
}

#[test]
fn convert_cli_writes_requested_formats() {
    let corpus = fixture();
    let tmp = tempfile::tempdir().unwrap();
    export(tmp.path(), &[Format::Tmx], &corpus.input(Some(EPOCH))).unwrap();
    let out = tmp.path().join("out");
    let args = polyalign::cli::convert::Args {
        input: tmp.path().join("corpus.tmx"),
        output: out.clone(),
        format: vec![Format::Csv, Format::Jsonl],
        langs: vec![Lang::De, Lang::En],
        pivot: None,
        excel: true,
    };
    assert_eq!(polyalign::cli::convert::run(&args).unwrap(), 0);
    assert_eq!(files_under(&out), ["units.csv", "units.jsonl"]);
    let csv = std::fs::read(out.join("units.csv")).unwrap();
    assert!(csv.starts_with(
        "\u{feff}group,unit,level,score,bead,text_de,text_en,file_de,file_en,audit\r\n".as_bytes()
    ));
    let jsonl = std::fs::read_to_string(out.join("units.jsonl")).unwrap();
    assert_eq!(jsonl.lines().count(), 3, "units with both de and en");
    assert!(jsonl.lines().all(|l| l.contains("\"level\":\"paragraph\"")));
    let _ = Level::Paragraph;
}
