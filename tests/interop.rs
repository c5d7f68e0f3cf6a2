//! Interop: the TMX we write, read by real clients (xmllint + TMX 1.4 DTD, translate-toolkit,
//! OmegaT headless). Install the tools with `scripts/setup-interop.sh`; without them these tests
//! skip with a note, except under `CI=true`, where they fail.
//! The checks live in `export_support::interop` and take any export directory plus its input.

mod export_support;

use std::path::Path;

use export_support::interop::{
    check_omegat, check_translate_toolkit, check_xmllint, tmx_files, Tools,
};
use export_support::*;
use polyalign::export::{export, ExportInput, Format};
use polyalign::model::Lang;

fn write(dir: &Path, input: &ExportInput<'_>) {
    export(dir, &[Format::Tmx], input).unwrap();
}

/// The fixture with the torture text appended to every segment.
fn torture_corpus() -> Corpus {
    let mut c = fixture();
    let t = torture_text();
    for u in c.units.iter_mut() {
        for s in u.segments.values_mut() {
            s.text = format!("{}{t}", s.text);
        }
    }
    c
}

#[test]
fn xmllint_validates_every_tmx_against_the_dtd() {
    let tools = Tools::find();
    let (Some(xmllint), Some(dtd)) = (
        Tools::require("xmllint", &tools.xmllint),
        Tools::require("TMX 1.4 DTD (target/interop/tmx14.dtd)", &tools.dtd),
    ) else {
        return;
    };
    for (name, corpus) in [("fixture", fixture()), ("torture", torture_corpus())] {
        let tmp = tempfile::tempdir().unwrap();
        write(tmp.path(), &corpus.input(Some(0)));
        let files = tmx_files(tmp.path());
        assert_eq!(files.len(), 4, "{name}: corpus.tmx + 3 pairwise files");
        check_xmllint(&xmllint, &dtd, &files).unwrap_or_else(|e| panic!("{name}: {e}"));
    }
    // The check can fail: a 1.4b header does not validate.
    let tmp = tempfile::tempdir().unwrap();
    let bad = tmp.path().join("bad.tmx");
    let good =
        std::fs::read_to_string(repo_root().join("tests/data/export/expected/tmx/en-de.tmx"))
            .unwrap();
    std::fs::write(&bad, good.replace("version=\"1.4\"", "version=\"1.4b\"")).unwrap();
    assert!(check_xmllint(&xmllint, &dtd, &[bad]).is_err());
}

#[test]
fn translate_toolkit_reads_what_we_wrote() {
    let tools = Tools::find();
    let Some(python) = Tools::require("python3 with translate-toolkit", &tools.python) else {
        return;
    };
    for (name, corpus) in [("fixture", fixture()), ("torture", torture_corpus())] {
        let tmp = tempfile::tempdir().unwrap();
        let input = corpus.input(None);
        write(tmp.path(), &input);
        let checked = check_translate_toolkit(&python, tmp.path(), &input)
            .unwrap_or_else(|e| panic!("{name}: {e}"));
        assert_eq!(
            checked, 5,
            "3 pairwise files + corpus.tmx against de and fr"
        );
    }
}

#[test]
fn omegat_translates_with_the_pairwise_memories() {
    let tools = Tools::find();
    let (Some(java), Some(jar)) = (
        Tools::require("java", &tools.java),
        Tools::require("OmegaT.jar (Debian omegat)", &tools.omegat_jar),
    ) else {
        return;
    };
    let corpus = fixture();
    let input = corpus.input(None);
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &input);
    for (src, tgt, paragraphs, translated) in
        [(Lang::En, Lang::De, 4, 3), (Lang::En, Lang::Fr, 4, 3)]
    {
        let memory = tmp.path().join(format!("tmx/{src}-{tgt}.tmx"));
        let run =
            check_omegat(&java, &jar, &memory, &input, src, tgt).unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            (run.paragraphs, run.translated),
            (paragraphs, translated),
            "{src}-{tgt}"
        );
    }
}

#[test]
fn omegat_check_catches_language_fallback_in_the_multilingual_memory() {
    // Why the pairwise files exist: with corpus.tmx, the unit that has English and French but
    // no German makes OmegaT put the French text into the German translation.
    let tools = Tools::find();
    let (Some(java), Some(jar)) = (
        Tools::require("java", &tools.java),
        Tools::require("OmegaT.jar (Debian omegat)", &tools.omegat_jar),
    ) else {
        return;
    };
    let corpus = fixture();
    let input = corpus.input(None);
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &input);
    let err = check_omegat(
        &java,
        &jar,
        &tmp.path().join("corpus.tmx"),
        &input,
        Lang::En,
        Lang::De,
    )
    .expect_err("multilingual memory with gaps should trip the fallback");
    assert!(
        err.contains("D'autres entretiens suivront à Paris."),
        "{err}"
    );
}

/// The real thing: the TMX written by `polyalign align` for corpora/sample passes the DTD, is
/// read unit for unit by translate-toolkit, and OmegaT translates the corpus's English
/// paragraphs into German with the en-de memory.
#[test]
fn sample_corpus_memories_work_in_every_client() {
    let tools = Tools::find();
    let cfg = polyalign::pipeline::Config {
        inputs: vec![repo_root().join("corpora/sample")],
        sentences: false,
        ..Default::default()
    };
    let out = polyalign::pipeline::run(&cfg, &polyalign::langid::Lingua);
    let langs = polyalign::pipeline::languages_present(&out.groups, &out.statements);
    let units = polyalign::export::select_units(
        &out.units,
        polyalign::model::Level::Paragraph,
        Some(&langs),
        0.0,
    );
    let pair_units = polyalign::export::select_units(
        &out.pair_units(),
        polyalign::model::Level::Paragraph,
        Some(&langs),
        0.0,
    );
    let input = ExportInput {
        units: &units,
        groups: &out.groups,
        statements: &out.statements,
        level: polyalign::model::Level::Paragraph,
        filter: polyalign::export::UnitFilter::default(),
        pivot: out.pivot,
        langs,
        source_date_epoch: Some(0),
        excel: false,
        pair_units: polyalign::export::PairUnits::Built(&pair_units),
        withheld: None,
    };
    let tmp = tempfile::tempdir().unwrap();
    write(tmp.path(), &input);
    let files = tmx_files(tmp.path());
    assert!(
        files.len() >= 5,
        "corpus.tmx and pairwise memories: {files:?}"
    );
    if let (Some(xmllint), Some(dtd)) = (
        Tools::require("xmllint", &tools.xmllint),
        Tools::require("TMX 1.4 DTD", &tools.dtd),
    ) {
        check_xmllint(&xmllint, &dtd, &files).unwrap();
    }
    if let Some(python) = Tools::require("python3 with translate-toolkit", &tools.python) {
        let n = check_translate_toolkit(&python, tmp.path(), &input).unwrap();
        assert!(n >= 5, "{n} files checked");
    }
    if let (Some(java), Some(jar)) = (
        Tools::require("java", &tools.java),
        Tools::require("OmegaT.jar", &tools.omegat_jar),
    ) {
        let run = check_omegat(
            &java,
            &jar,
            &tmp.path().join("tmx/en-de.tmx"),
            &input,
            Lang::En,
            Lang::De,
        )
        .unwrap_or_else(|e| panic!("{e}"));
        assert!(run.translated >= 15, "{run:?}");
    }
}

/// The real Mozilla documents (when `../shared/data` is present): every format is written, every
/// TMX passes the DTD and translate-toolkit reads each file unit for unit.
#[test]
fn mozilla_documents_in_every_format_when_present() {
    let docs = repo_root().join("../shared/data/mozilla-legal-5lang/docs");
    if !docs.is_dir() {
        eprintln!("note: ../shared/data absent, Mozilla export test skipped");
        return;
    }
    let tools = Tools::find();
    let cfg = polyalign::pipeline::Config {
        inputs: vec![docs],
        sentences: false,
        ..Default::default()
    };
    let out = polyalign::pipeline::run(&cfg, &polyalign::langid::Lingua);
    let langs = polyalign::pipeline::languages_present(&out.groups, &out.statements);
    let level = polyalign::model::Level::Paragraph;
    let units = polyalign::export::select_units(&out.units, level, Some(&langs), 0.0);
    let pair_units = polyalign::export::select_units(&out.pair_units(), level, Some(&langs), 0.0);
    let input = ExportInput {
        units: &units,
        groups: &out.groups,
        statements: &out.statements,
        level,
        filter: polyalign::export::UnitFilter::default(),
        pivot: out.pivot,
        langs,
        source_date_epoch: Some(0),
        excel: false,
        pair_units: polyalign::export::PairUnits::Built(&pair_units),
        withheld: None,
    };
    let tmp = tempfile::tempdir().unwrap();
    export(
        tmp.path(),
        &[Format::Tmx, Format::Csv, Format::Tsv, Format::Jsonl],
        &input,
    )
    .unwrap();
    let files = files_under(tmp.path());
    for f in [
        "corpus.tmx",
        "units.csv",
        "units.jsonl",
        "tmx/en-de.tmx",
        "tsv/en-ru.tsv",
        "moses/corpus.en-fr.fr",
    ] {
        assert!(files.iter().any(|x| x == f), "{f} missing: {files:?}");
    }
    assert!(units.len() > 800, "{} units", units.len());
    if let (Some(xmllint), Some(dtd)) = (
        Tools::require("xmllint", &tools.xmllint),
        Tools::require("TMX 1.4 DTD", &tools.dtd),
    ) {
        check_xmllint(&xmllint, &dtd, &tmx_files(tmp.path())).unwrap();
    }
    if let Some(python) = Tools::require("python3 with translate-toolkit", &tools.python) {
        check_translate_toolkit(&python, tmp.path(), &input).unwrap();
    }
}
