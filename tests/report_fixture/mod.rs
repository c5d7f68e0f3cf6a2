//! A hand-built, realistic audit of three statement groups, shared by the report tests.
//!
//! Group 1 (de, en, fr, ru; es promised but missing): a duplicate German copy, a Russian
//! omission, an untranslated French paragraph and a `<script>` in the corpus text.
//! Group 2 (de, en, es): a Spanish addition, a low-confidence unit and a length-ratio finding.
//! Group 3 (en, ru, German teaser only): a teaser-only finding and a conflict.
//! One ungrouped statement without a language.

#![allow(dead_code)] // each test binary uses a different part of the fixture

pub mod site;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use polyalign::audit::html::{Options, RenderedPage};
use polyalign::audit::AuditReport;
use polyalign::model::{
    Coverage, CoverageRow, Date, Duplicate, Finding, FindingKind, FindingSeverity, Group, Lang,
    LangTag, Level, Paragraph, Statement, StatementKind, Unit, UnitSegment,
};

pub struct Fixture {
    pub report: AuditReport,
    pub groups: Vec<Group>,
    pub statements: Vec<Statement>,
    pub units: Vec<Unit>,
}

impl Fixture {
    /// Every page with the default limits.
    pub fn render(&self) -> Site {
        self.render_with(&Options::default())
    }

    /// Every page with the given limits.
    pub fn render_with(&self, opts: &Options) -> Site {
        Site {
            pages: polyalign::audit::html::render(
                &self.report,
                &self.groups,
                &self.statements,
                &self.units,
                opts,
            ),
        }
    }

    /// Writes every page into `dir` the way `polyalign audit` does; returns the index's path.
    pub fn write(&self, dir: &Path) -> PathBuf {
        polyalign::export::gaps::write_report(
            dir,
            &self.report,
            &self.groups,
            &self.statements,
            &self.units,
            &Options::default(),
        )
        .unwrap();
        dir.join("report.html")
    }

    /// Every statement title (versions, copies and ungrouped statements).
    pub fn titles(&self) -> Vec<String> {
        self.statements.iter().map(|s| s.title.clone()).collect()
    }

    /// (kind, group) of every finding.
    pub fn finding_keys(&self) -> Vec<(String, String)> {
        self.report
            .findings
            .iter()
            .map(|f| (f.kind.name().to_string(), f.group.clone()))
            .collect()
    }
}

pub const G1: &str = "2019-10-16-foreign-minister-maas-on-north-eastern-syria";
pub const G2: &str = "2020-03-05-joint-statement-on-idlib";
pub const G3: &str = "2021-06-10-german-russian-consultations";

fn tag(code: &str) -> LangTag {
    let lang = Lang::from_code(&code[..2]);
    LangTag {
        raw: code.to_string(),
        lang,
        tag: lang.map(|l| l.default_tag().to_string()),
    }
}

fn statement(
    file: &str,
    kind: StatementKind,
    lang: Option<Lang>,
    date: Option<Date>,
    title: &str,
    markers: &[&str],
    paragraphs: &[(&str, Option<Lang>)],
) -> Statement {
    let suffix = match kind {
        StatementKind::Main => "#main",
        StatementKind::Teaser => "#teaser-1",
        StatementKind::Document => "#doc",
    };
    Statement {
        id: format!("{file}{suffix}"),
        file: file.to_string(),
        kind,
        date,
        time: None,
        date_raw: date.map(|d| d.to_string()),
        title: title.to_string(),
        title_line: 3,
        markers: markers.iter().map(|m| tag(m)).collect(),
        paragraphs: paragraphs
            .iter()
            .enumerate()
            .map(|(i, (text, pl))| Paragraph {
                text: text.to_string(),
                line: 5 + 2 * i,
                lang: pl.or(lang),
                lang_confidence: 0.97,
            })
            .collect(),
        lang,
        lang_confidence: 0.99,
        declared_lang: lang,
        lang_tag: lang.map(|l| l.default_tag().to_string()),
        group_key: None,
    }
}

/// A paragraph unit over `(lang, statement index, paragraph indices)`.
fn unit(
    statements: &[Statement],
    group: &str,
    n: usize,
    score: f64,
    parts: &[(Lang, usize, &[usize])],
) -> Unit {
    let mut segments = BTreeMap::new();
    for &(lang, si, idx) in parts {
        let s = &statements[si];
        segments.insert(
            lang,
            UnitSegment {
                text: idx
                    .iter()
                    .map(|&i| s.paragraphs[i].text.as_str())
                    .collect::<Vec<_>>()
                    .join(" "),
                indices: idx.to_vec(),
                file: s.file.clone(),
                tag: lang.default_tag().to_string(),
            },
        );
    }
    let bead = segments
        .values()
        .map(|s| s.indices.len().to_string())
        .collect::<Vec<_>>()
        .join("-");
    Unit {
        group: group.to_string(),
        unit: n,
        level: Level::Paragraph,
        score,
        bead,
        parent: None,
        conflict: false,
        segments,
    }
}

#[allow(clippy::too_many_arguments)]
fn finding(
    kind: FindingKind,
    severity: FindingSeverity,
    group: &str,
    langs: &[Lang],
    statement: Option<&Statement>,
    paragraphs: &[usize],
    excerpt: &str,
    evidence: &[(&str, f64)],
    message: &str,
) -> Finding {
    Finding {
        kind,
        severity,
        group: group.to_string(),
        langs: langs.to_vec(),
        statement: statement.map(|s| s.id.clone()),
        files: statement.map(|s| vec![s.file.clone()]).unwrap_or_default(),
        paragraphs: paragraphs.to_vec(),
        excerpt: excerpt.to_string(),
        evidence: evidence.iter().map(|(k, v)| (k.to_string(), *v)).collect(),
        confidence: 1.0,
        message: message.to_string(),
    }
}

/// Runs the pipeline on `corpora/sample` (paragraph level) and writes the audit into `dir` the
/// way `polyalign audit` does.
pub fn sample_audit(dir: &Path) -> polyalign::pipeline::RunOutput {
    let cfg = polyalign::pipeline::Config {
        inputs: vec![PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("corpora/sample")],
        sentences: false,
        ..Default::default()
    };
    let out = polyalign::pipeline::run(&cfg, &polyalign::langid::Lingua);
    polyalign::export::gaps::write_audit(dir, &out.audit, &out.groups, &out.statements, &out.units)
        .unwrap();
    out
}

/// The rendered pages of a report.
pub struct Site {
    pub pages: Vec<RenderedPage>,
}

impl Site {
    /// `report.html`.
    pub fn index(&self) -> &str {
        self.page("report.html")
    }

    /// The page at `path` (`report/2019-10.html`); panics when there is none.
    pub fn page(&self, path: &str) -> &str {
        &self
            .pages
            .iter()
            .find(|p| p.path == path)
            .unwrap_or_else(|| panic!("no page {path}; have {:?}", self.paths()))
            .html
    }

    /// Every page's path, in the order rendered.
    pub fn paths(&self) -> Vec<&str> {
        self.pages.iter().map(|p| p.path.as_str()).collect()
    }

    /// The month pages (everything but the index).
    pub fn months(&self) -> impl Iterator<Item = &RenderedPage> {
        self.pages.iter().filter(|p| p.path != "report.html")
    }

    /// Path → HTML of every page.
    pub fn map(&self) -> BTreeMap<String, String> {
        self.pages
            .iter()
            .map(|p| (p.path.clone(), p.html.clone()))
            .collect()
    }
}

/// The fixture with `n` more copies of group 1 (same date, ids `<G1>-copy-<k>`, with their
/// units, findings and coverage rows): one crowded month for the page-splitting tests.
pub fn crowded(n: usize) -> Fixture {
    let mut fx = fixture();
    let g1 = fx.groups.iter().find(|g| g.id == G1).unwrap().clone();
    let units: Vec<Unit> = fx.units.iter().filter(|u| u.group == G1).cloned().collect();
    let findings: Vec<Finding> = fx
        .report
        .findings
        .iter()
        .filter(|f| f.group == G1)
        .cloned()
        .collect();
    let row = fx
        .report
        .coverage
        .iter()
        .find(|r| r.group == G1)
        .unwrap()
        .clone();
    for k in 1..=n {
        let id = format!("{G1}-copy-{k}");
        let mut g = g1.clone();
        g.id = id.clone();
        fx.groups.push(g);
        for u in &units {
            let mut u = u.clone();
            u.group = id.clone();
            fx.units.push(u);
        }
        for f in &findings {
            let mut f = f.clone();
            f.group = id.clone();
            // Spread the confidences so the surest-first order is not all ties.
            f.confidence = (f.confidence - 0.001 * k as f64).max(0.0);
            fx.report.findings.push(f);
        }
        let mut r = row.clone();
        r.group = id;
        fx.report.coverage.push(r);
    }
    fx
}

pub fn fixture() -> Fixture {
    use Lang::*;
    let d1 = Date::new(2019, 10, 16);
    let d2 = Date::new(2020, 3, 5);
    let d3 = Date::new(2021, 6, 10);
    let all = ["de-DE", "en-GB", "es-ES", "fr-FR", "ru-RU"];
    let mut st = Vec::new();

    // --- Group 1 ---------------------------------------------------------------------------
    let en_script = "Germany will not issue any new licences for arms exports to Turkey that could be used in Syria. <script>alert(\"pwned\")</script> & <b>bold</b> were scraped verbatim.";
    st.push(statement("aa/2019-10-16.en.txt", StatementKind::Main, Some(En), d1,
        "Foreign Minister Maas on the situation in north-eastern Syria", &all, &[
        ("Foreign Minister Heiko Maas issued the following statement today in Berlin on the Turkish military offensive in north-eastern Syria:", None),
        ("The Turkish offensive risks further destabilising the region and strengthening ISIS. We call on Turkey to end its offensive and to pursue its security interests by peaceful means.", None),
        (en_script, None),
        ("We are in close contact with our partners in the European Union and NATO on the next steps.", None),
    ])); // 0
    st.push(statement("aa/2019-10-16.de.txt", StatementKind::Main, Some(De), d1,
        "Außenminister Maas zur Lage im Nordosten Syriens", &all, &[
        ("Außenminister Heiko Maas erklärte heute in Berlin zur türkischen Militäroffensive im Nordosten Syriens:", None),
        ("Die türkische Offensive droht die Region weiter zu destabilisieren und den IS zu stärken. Wir fordern die Türkei auf, ihre Offensive zu beenden und ihre Sicherheitsinteressen auf friedlichem Weg zu verfolgen.", None),
        ("Die Bundesregierung wird keine neuen Genehmigungen für Rüstungsexporte in die Türkei erteilen, die in Syrien eingesetzt werden könnten.", None),
        ("Wir stehen in engem Kontakt mit unseren Partnern in der Europäischen Union und der NATO über die nächsten Schritte.", None),
    ])); // 1
    st.push(statement("aa/copy/2019-10-16.de.txt", StatementKind::Main, Some(De), d1,
        "Außenminister Maas zur Lage im Nordosten Syriens (Kopie)", &all, &[
        ("Außenminister Heiko Maas erklärte heute in Berlin zur türkischen Militäroffensive im Nordosten Syriens:", None),
    ])); // 2
    st.push(statement("aa/2019-10-16.fr.txt", StatementKind::Main, Some(Fr), d1,
        "Le ministre des Affaires étrangères Maas sur la situation dans le nord-est de la Syrie", &all, &[
        ("Le ministre fédéral des Affaires étrangères, Heiko Maas, a fait aujourd’hui à Berlin la déclaration suivante sur l’offensive militaire turque dans le nord-est de la Syrie :", None),
        ("L’offensive turque risque de déstabiliser davantage la région et de renforcer Daech. Nous appelons la Turquie à mettre fin à son offensive et à défendre ses intérêts de sécurité par des moyens pacifiques.", None),
        ("Germany will not issue any new licences for arms exports to Turkey that could be used in Syria.", Some(En)),
        ("Nous sommes en contact étroit avec nos partenaires de l’Union européenne et de l’OTAN sur les prochaines étapes.", None),
    ])); // 3
    st.push(statement("aa/2019-10-16.ru.txt", StatementKind::Main, Some(Ru), d1,
        "Министр иностранных дел Маас о ситуации на северо-востоке Сирии", &all, &[
        ("Министр иностранных дел Хайко Маас сделал сегодня в Берлине следующее заявление в связи с турецкой военной операцией на северо-востоке Сирии:", None),
        ("Турецкое наступление грозит дальнейшей дестабилизацией региона и усилением ИГИЛ. Мы призываем Турцию прекратить наступление и отстаивать свои интересы безопасности мирными средствами.", None),
        ("Германия не будет выдавать новых разрешений на экспорт в Турцию вооружений, которые могут быть использованы в Сирии.", None),
    ])); // 4

    // --- Group 2 ---------------------------------------------------------------------------
    let three = ["de-DE", "en-GB", "es-ES"];
    st.push(statement("aa/2020-03-05.en.txt", StatementKind::Main, Some(En), d2,
        "Joint statement on the humanitarian situation in Idlib", &three, &[
        ("The foreign ministers of Germany, France and Spain are deeply concerned about the humanitarian catastrophe in Idlib.", None),
        ("Nearly one million people have been displaced since December.", None),
        ("We call for an immediate and lasting ceasefire and unhindered humanitarian access.", None),
    ])); // 5
    st.push(statement("aa/2020-03-05.de.txt", StatementKind::Main, Some(De), d2,
        "Gemeinsame Erklärung zur humanitären Lage in Idlib", &three, &[
        ("Die Außenminister Deutschlands, Frankreichs und Spaniens sind zutiefst besorgt über die humanitäre Katastrophe in Idlib.", None),
        ("Seit Dezember wurden fast eine Million Menschen vertrieben.", None),
        ("Wir fordern einen sofortigen und dauerhaften Waffenstillstand sowie ungehinderten humanitären Zugang.", None),
    ])); // 6
    st.push(statement("exteriores/2020-03-05.es.txt", StatementKind::Main, Some(Es), d2,
        "Declaración conjunta sobre la situación humanitaria en Idlib", &three, &[
        ("Los ministros de Asuntos Exteriores de Alemania, Francia y España están profundamente preocupados por la catástrofe humanitaria en Idlib.", None),
        ("Casi un millón de personas han sido desplazadas desde diciembre, en su mayoría mujeres y niños que viven en condiciones extremadamente precarias, sin refugio adecuado, en pleno invierno y con temperaturas bajo cero.", None),
        ("España aportará dos millones de euros adicionales a la respuesta humanitaria de las Naciones Unidas.", None),
        ("Pedimos un alto el fuego inmediato y duradero y un acceso humanitario sin trabas.", None),
    ])); // 7

    // --- Group 3 ---------------------------------------------------------------------------
    let two = ["de-DE", "en-GB", "ru-RU"];
    st.push(statement("mid/2021-06-10.en.html", StatementKind::Main, Some(En), d3,
        "Press release on German–Russian consultations", &two, &[
        ("On 10 June, State Secretary Miguel Berger held consultations with Deputy Foreign Minister Alexander Grushko in Moscow.", None),
        ("The sides discussed bilateral relations, arms control and the situation in Ukraine.", None),
    ])); // 8
    st.push(statement("mid/2021-06-10.ru.html", StatementKind::Main, Some(Ru), d3,
        "Пресс-релиз о российско-германских консультациях", &two, &[
        ("10 июня в Москве состоялись консультации заместителя министра иностранных дел А. В. Грушко со статс-секретарём МИД ФРГ М. Бергером.", None),
        ("Стороны обсудили двусторонние отношения, контроль над вооружениями и ситуацию на Украине.", None),
    ])); // 9
    st.push(statement(
        "aa/teasers-2021-06.de.html",
        StatementKind::Teaser,
        Some(De),
        d3,
        "Deutsch-russische Konsultationen in Moskau",
        &two,
        &[(
            "Staatssekretär Berger führte am 10. Juni Konsultationen in Moskau.",
            None,
        )],
    )); // 10

    // --- Ungrouped -------------------------------------------------------------------------
    st.push(statement(
        "misc/cookies.html",
        StatementKind::Main,
        None,
        None,
        "Cookie settings & privacy <notice>",
        &[],
        &[("This site uses cookies.", None)],
    )); // 11

    let mut groups = vec![
        Group {
            id: G1.to_string(),
            versions: [(En, 0), (De, 1), (Fr, 3), (Ru, 4)].into_iter().collect(),
            duplicates: vec![Duplicate {
                kept: 1,
                copy: 2,
                reason: "same-text".to_string(),
            }],
            promised: Lang::ALL.into_iter().collect(),
            evidence: Vec::new(),
            candidates: Vec::new(),
        },
        Group {
            id: G2.to_string(),
            versions: [(En, 5), (De, 6), (Es, 7)].into_iter().collect(),
            duplicates: Vec::new(),
            promised: [De, En, Es].into_iter().collect(),
            evidence: Vec::new(),
            candidates: Vec::new(),
        },
        Group {
            id: G3.to_string(),
            versions: [(En, 8), (Ru, 9), (De, 10)].into_iter().collect(),
            duplicates: Vec::new(),
            promised: [De, En, Ru].into_iter().collect::<BTreeSet<_>>(),
            evidence: Vec::new(),
            candidates: Vec::new(),
        },
    ];
    // Deliberately not in date order: the report sorts.
    groups.swap(0, 2);

    let mut units = vec![
        unit(
            &st,
            G1,
            0,
            0.94,
            &[(De, 1, &[0]), (En, 0, &[0]), (Fr, 3, &[0]), (Ru, 4, &[0])],
        ),
        unit(
            &st,
            G1,
            1,
            0.91,
            &[(De, 1, &[1]), (En, 0, &[1]), (Fr, 3, &[1]), (Ru, 4, &[1])],
        ),
        unit(
            &st,
            G1,
            2,
            0.62,
            &[(De, 1, &[2]), (En, 0, &[2]), (Fr, 3, &[2]), (Ru, 4, &[2])],
        ),
        unit(
            &st,
            G1,
            3,
            0.88,
            &[(De, 1, &[3]), (En, 0, &[3]), (Fr, 3, &[3])],
        ),
        unit(
            &st,
            G2,
            0,
            0.93,
            &[(De, 6, &[0]), (En, 5, &[0]), (Es, 7, &[0])],
        ),
        unit(
            &st,
            G2,
            1,
            0.41,
            &[(De, 6, &[1]), (En, 5, &[1]), (Es, 7, &[1])],
        ),
        unit(&st, G2, 2, 0.0, &[(Es, 7, &[2])]),
        unit(
            &st,
            G2,
            3,
            0.90,
            &[(De, 6, &[2]), (En, 5, &[2]), (Es, 7, &[3])],
        ),
        unit(
            &st,
            G3,
            0,
            0.83,
            &[(De, 10, &[0]), (En, 8, &[0]), (Ru, 9, &[0])],
        ),
        unit(&st, G3, 1, 0.86, &[(En, 8, &[1]), (Ru, 9, &[1])]),
    ];
    units[8].conflict = true;
    // A sentence unit must be ignored by the report.
    let mut sentence = units[0].clone();
    sentence.level = Level::Sentence;
    sentence.unit = 99;
    sentence.parent = Some(0);
    units.push(sentence);

    let present = |f: &str| Coverage::Present {
        file: f.to_string(),
        copies: Vec::new(),
    };
    let coverage = vec![
        CoverageRow {
            group: G1.to_string(),
            title: st[0].title.clone(),
            date: d1,
            cells: [
                (
                    De,
                    Coverage::Present {
                        file: st[1].file.clone(),
                        copies: vec![st[2].file.clone()],
                    },
                ),
                (En, present(&st[0].file)),
                (Es, Coverage::Missing),
                (Fr, present(&st[3].file)),
                (Ru, present(&st[4].file)),
            ]
            .into_iter()
            .collect(),
        },
        CoverageRow {
            group: G2.to_string(),
            title: st[5].title.clone(),
            date: d2,
            cells: [
                (De, present(&st[6].file)),
                (En, present(&st[5].file)),
                (Es, present(&st[7].file)),
                (Fr, Coverage::Absent),
                (Ru, Coverage::Absent),
            ]
            .into_iter()
            .collect(),
        },
        CoverageRow {
            group: G3.to_string(),
            title: st[8].title.clone(),
            date: d3,
            cells: [
                (
                    De,
                    Coverage::TeaserOnly {
                        file: st[10].file.clone(),
                        copies: Vec::new(),
                    },
                ),
                (En, present(&st[8].file)),
                (Es, Coverage::Absent),
                (Fr, Coverage::Absent),
                (Ru, present(&st[9].file)),
            ]
            .into_iter()
            .collect(),
        },
    ];

    use FindingKind as K;
    use FindingSeverity as S;
    let findings = vec![
        finding(
            K::MissingLanguage,
            S::High,
            G1,
            &[Es],
            None,
            &[],
            "",
            &[],
            "es is promised by the language switcher but not in the corpus",
        ),
        finding(
            K::Duplicate,
            S::Info,
            G1,
            &[De],
            Some(&st[2]),
            &[],
            "",
            &[("similarity", 1.0)],
            "aa/copy/2019-10-16.de.txt is a copy of aa/2019-10-16.de.txt",
        ),
        finding(
            K::Omission,
            S::High,
            G1,
            &[Ru, En],
            Some(&st[4]),
            &[3],
            &st[0].paragraphs[3].text,
            &[("chars", 93.0)],
            "en ¶4 has no counterpart in ru",
        ),
        finding(
            K::Untranslated,
            S::Medium,
            G1,
            &[Fr, En],
            Some(&st[3]),
            &[2],
            &st[3].paragraphs[2].text,
            &[("confidence", 0.982)],
            "fr ¶3 is written in en",
        ),
        finding(
            K::Addition,
            S::Medium,
            G2,
            &[Es, En],
            Some(&st[7]),
            &[2],
            &st[7].paragraphs[2].text,
            &[("chars", 101.0)],
            "es ¶3 has no counterpart in en",
        ),
        finding(
            K::LowConfidence,
            S::Low,
            G2,
            &[Es, En],
            Some(&st[7]),
            &[1],
            "",
            &[("score", 0.41), ("threshold", 0.5)],
            "alignment of es ¶2 with en ¶2 is uncertain",
        ),
        finding(
            K::LengthRatio,
            S::Low,
            G2,
            &[Es, En],
            Some(&st[7]),
            &[1],
            "",
            &[("ratio", 3.38), ("expected", 1.18), ("z", 4.7)],
            "es ¶2 is 3.4× as long as en ¶2 (expected 1.2×)",
        ),
        finding(
            K::TeaserOnly,
            S::Medium,
            G3,
            &[De],
            Some(&st[10]),
            &[],
            &st[10].paragraphs[0].text,
            &[],
            "de is present only as a teaser",
        ),
        finding(
            K::Conflict,
            S::Low,
            G3,
            &[De, Ru],
            Some(&st[10]),
            &[0],
            "",
            &[("direct", 0.44), ("pivot", 0.83)],
            "direct de–ru alignment disagrees with the merge over en",
        ),
    ];

    Fixture {
        report: AuditReport {
            coverage,
            findings,
            ..Default::default()
        },
        groups,
        statements: st,
        units,
    }
}
