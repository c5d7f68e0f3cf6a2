//! Shared by the export tests: the small hand-built fixture corpus and the interop checks
//! (reusable on any directory of exported TMX files plus the units it was made from).
#![allow(dead_code)]

pub mod interop;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use polyalign::export::{ExportInput, Format};
use polyalign::model::{
    Date, Group, Lang, Level, Statement, StatementKind, Time, Unit, UnitSegment,
};

/// The fixture: units, their groups and statements.
pub struct Corpus {
    pub units: Vec<Unit>,
    pub groups: Vec<Group>,
    pub statements: Vec<Statement>,
}

impl Corpus {
    /// Export input for every language with English as pivot.
    pub fn input(&self, epoch: Option<i64>) -> ExportInput<'_> {
        ExportInput {
            units: &self.units,
            groups: &self.groups,
            statements: &self.statements,
            level: Level::Paragraph,
            filter: polyalign::export::UnitFilter::default(),
            pivot: Some(Lang::En),
            langs: vec![Lang::De, Lang::En, Lang::Fr],
            source_date_epoch: epoch,
            excel: false,
            pair_units: Default::default(),
            withheld: None,
        }
    }
}

pub fn statement(
    id: &str,
    lang: Lang,
    date: Option<Date>,
    time: Option<Time>,
    title: &str,
) -> Statement {
    Statement {
        id: id.to_string(),
        file: id.split('#').next().unwrap().to_string(),
        kind: StatementKind::Main,
        date,
        time,
        date_raw: None,
        title: title.to_string(),
        title_line: 1,
        markers: Vec::new(),
        paragraphs: Vec::new(),
        lang: Some(lang),
        lang_confidence: 1.0,
        declared_lang: Some(lang),
        lang_tag: Some(lang.default_tag().to_string()),
        group_key: None,
    }
}

pub fn group(id: &str, versions: &[(Lang, usize)]) -> Group {
    Group {
        id: id.to_string(),
        versions: versions.iter().copied().collect(),
        duplicates: Vec::new(),
        promised: BTreeSet::new(),
        evidence: Vec::new(),
        candidates: Vec::new(),
    }
}

/// A unit from `(lang, text, indices)`; files are `<group>/<lang>.txt`.
pub fn unit(group: &str, n: usize, score: f64, segs: &[(Lang, &str, &[usize])]) -> Unit {
    let segments: BTreeMap<Lang, UnitSegment> = segs
        .iter()
        .map(|(l, t, i)| {
            let seg = UnitSegment {
                text: t.to_string(),
                indices: i.to_vec(),
                file: format!("{group}/{}.txt", l.code()),
                tag: l.default_tag().to_string(),
            };
            (*l, seg)
        })
        .collect();
    let bead = segments
        .values()
        .map(|s| s.indices.len().to_string())
        .collect::<Vec<_>>()
        .join("-");
    Unit {
        group: group.into(),
        unit: n,
        level: Level::Paragraph,
        score,
        bead,
        parent: None,
        conflict: false,
        segments,
    }
}

pub const G1: &str = "2019-10-16-joint-statement-on-trade";
pub const G2: &str = "undated-press-release";

/// Three languages (de, en, fr), a 1-2-1 bead, a unit without German, an English-only gap,
/// markup characters, and a second, undated group with only de and en.
pub fn fixture() -> Corpus {
    use Lang::*;
    let d = Date::new(2019, 10, 16);
    let statements = vec![
        statement(
            "2019/de.txt#main",
            De,
            d,
            Some(Time {
                hour: 14,
                minute: 30,
            }),
            "Gemeinsame Erklärung zum Handel",
        ),
        statement(
            "2019/en.txt#main",
            En,
            d,
            Some(Time {
                hour: 14,
                minute: 30,
            }),
            "Joint statement on trade",
        ),
        statement(
            "2019/fr.txt#main",
            Fr,
            d,
            None,
            "Déclaration commune sur le commerce",
        ),
        statement("press/de.txt#main", De, None, None, "Pressemitteilung"),
        statement("press/en.txt#main", En, None, None, "Press release"),
    ];
    let groups = vec![
        group(G1, &[(De, 0), (En, 1), (Fr, 2)]),
        group(G2, &[(De, 3), (En, 4)]),
    ];
    let units = vec![
        unit(G1, 0, 0.9312, &[
            (De, "Die Außenminister trafen sich heute in Berlin.", &[0]),
            (En, "The foreign ministers met in Berlin today.", &[0]),
            (Fr, "Les ministres des Affaires étrangères se sont réunis aujourd'hui à Berlin.", &[0]),
        ]),
        unit(G1, 1, 0.75, &[
            (De, "Sie vereinbarten Zölle < 5 % & \"fairen\" Handel; das Abkommen gilt ab 2020.", &[1]),
            (En, "They agreed on tariffs < 5 % & \"fair\" trade. The agreement applies from 2020.", &[1, 2]),
            (Fr, "Ils ont convenu de droits < 5 % & d'un commerce « équitable » ; l'accord s'applique dès 2020.", &[1]),
        ]),
        unit(G1, 2, 0.88, &[
            (En, "Further talks will follow in Paris.", &[3]),
            (Fr, "D'autres entretiens suivront à Paris.", &[2]),
        ]),
        unit(G1, 3, 0.0, &[(En, "This paragraph exists only in English.", &[4])]),
        unit(G2, 0, 1.0, &[
            (De, "Das Auswärtige Amt begrüßt die Einigung.", &[0]),
            (En, "The Federal Foreign Office welcomes the agreement.", &[0]),
        ]),
    ];
    Corpus {
        units,
        groups,
        statements,
    }
}

/// The "torture" text every format must carry.
pub fn torture_text() -> String {
    let mut s =
        String::from("a & b < c > d \"e\" 'f'\ttab\nnew\r\ncrlf\rcr 😀 עברית\u{200F}x\u{202E}y ");
    for c in 0u32..0x20 {
        s.push(char::from_u32(c).unwrap());
    }
    s.push_str(" \u{FFFE}\u{FFFF}\u{85}\u{2028}\u{2029} &amp; &#233; ]]> <![CDATA[ end  ");
    s
}

/// Every file under `dir`, relative, sorted, `/`-separated.
pub fn files_under(dir: &Path) -> Vec<String> {
    fn walk(base: &Path, d: &Path, out: &mut Vec<String>) {
        for e in std::fs::read_dir(d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(
                    p.strip_prefix(base)
                        .unwrap()
                        .to_string_lossy()
                        .replace('\\', "/"),
                );
            }
        }
    }
    let mut out = Vec::new();
    if dir.exists() {
        walk(dir, dir, &mut out);
    }
    out.sort();
    out
}

pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub const ALL_FORMATS: [Format; 4] = Format::ALL;
