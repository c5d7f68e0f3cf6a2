//! The pipeline on corpora/sample against its truth file (corpora/sample.truth.json):
//! grouping, de-duplication, paragraph correspondences and audit findings.

use std::collections::{BTreeMap, BTreeSet};

use polyalign::model::{FindingKind, Lang, Level};
use serde_json::Value;

use crate::util::{self, rel_sample};

fn truth() -> Value {
    serde_json::from_str(
        &std::fs::read_to_string(util::root().join("corpora/sample.truth.json")).unwrap(),
    )
    .unwrap()
}

fn lang(s: &str) -> Lang {
    s.parse().unwrap()
}

/// Truth statement id → output group id, checked to be a bijection over groups.
fn group_map() -> BTreeMap<String, String> {
    let out = util::sample();
    let t = truth();
    let mut file_group: BTreeMap<String, &str> = BTreeMap::new();
    for g in &out.groups {
        for &k in g.versions.values() {
            let s = &out.statements[k];
            file_group.insert(
                format!("{}|{:?}|{}", rel_sample(&s.file), s.kind, s.title),
                g.id.as_str(),
            );
        }
    }
    let mut map = BTreeMap::new();
    for st in t["statements"].as_array().unwrap() {
        let id = st["id"].as_str().unwrap();
        let mut gid: Option<&str> = None;
        for v in st["versions"].as_object().unwrap().values() {
            let kind = if v["kind"] == "teaser" {
                "Teaser"
            } else {
                "Main"
            };
            let key = format!(
                "{}|{kind}|{}",
                v["file"].as_str().unwrap(),
                v["title"].as_str().unwrap()
            );
            let g = *file_group.get(&key).unwrap_or_else(|| {
                panic!("{id}: version {key} is not the kept version of any group")
            });
            assert!(
                gid.is_none_or(|x| x == g),
                "{id}: versions split over groups {gid:?} and {g}"
            );
            gid = Some(g);
        }
        map.insert(id.to_string(), gid.unwrap().to_string());
    }
    map
}

#[test]
fn grouping_matches_truth() {
    let out = util::sample();
    let t = truth();
    let map = group_map();
    let distinct: BTreeSet<&String> = map.values().collect();
    assert_eq!(
        distinct.len(),
        map.len(),
        "two truth statements share a group: {map:?}"
    );
    assert_eq!(out.groups.len(), map.len(), "extra groups in the output");
    for st in t["statements"].as_array().unwrap() {
        let id = st["id"].as_str().unwrap();
        let g = out.groups.iter().find(|g| g.id == map[id]).unwrap();
        let want: BTreeSet<Lang> = st["versions"]
            .as_object()
            .unwrap()
            .keys()
            .map(|k| lang(k))
            .collect();
        let got: BTreeSet<Lang> = g.versions.keys().copied().collect();
        assert_eq!(got, want, "{id}: languages");
        let promised: BTreeSet<Lang> = st["promised"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| lang(v.as_str().unwrap()))
            .collect();
        assert_eq!(g.promised, promised, "{id}: promised languages");
        // Copies: every truth copy recorded as a duplicate of the kept version, nothing else.
        let mut want_copies: BTreeSet<String> = BTreeSet::new();
        for (l, v) in st["versions"].as_object().unwrap() {
            for c in v["copies"].as_array().unwrap() {
                want_copies.insert(format!(
                    "{l}:{}:{}",
                    c["file"].as_str().unwrap(),
                    c["kind"].as_str().unwrap()
                ));
            }
        }
        let got_copies: BTreeSet<String> = g
            .duplicates
            .iter()
            .map(|d| {
                let c = &out.statements[d.copy];
                format!(
                    "{}:{}:{}",
                    c.lang.unwrap(),
                    rel_sample(&c.file),
                    if c.kind == polyalign::model::StatementKind::Teaser {
                        "teaser"
                    } else {
                        "main"
                    }
                )
            })
            .collect();
        assert_eq!(got_copies, want_copies, "{id}: copies");
        // Dates.
        let date = g
            .versions
            .values()
            .filter_map(|&k| out.statements[k].date)
            .min()
            .map(|d| d.to_string());
        assert_eq!(date.as_deref(), st["date"].as_str(), "{id}: date");
    }
}

#[test]
fn every_marker_and_date_parses() {
    let out = util::sample();
    for s in &out.statements {
        assert!(
            s.markers.iter().all(|m| m.lang.is_some()),
            "{}: unknown marker {:?}",
            s.id,
            s.markers
        );
        assert!(s.date.is_some(), "{}: no date ({:?})", s.id, s.date_raw);
        assert!(s.lang.is_some(), "{}: no language", s.id);
    }
    assert!(
        out.diagnostics.items.iter().all(|d| d.kind != "bad-date"),
        "{:?}",
        out.diagnostics.items
    );
}

type Beads = BTreeSet<(Vec<usize>, Vec<usize>)>;

/// Paragraph beads English → `l` of one group, from the pairwise alignment behind the units.
fn beads_of(group: &str, l: Lang) -> Beads {
    let pa = util::sample()
        .pairwise
        .iter()
        .find(|p| p.group == group && p.src == Lang::En && p.tgt == l)
        .unwrap_or_else(|| panic!("{group}: no en-{l} alignment"));
    pa.beads
        .iter()
        .map(|b| (b.src.clone(), b.tgt.clone()))
        .collect()
}

fn truth_beads(v: &Value) -> Beads {
    v.as_array()
        .unwrap()
        .iter()
        .map(|b| {
            let side = |x: &Value| {
                x.as_array()
                    .unwrap()
                    .iter()
                    .map(|i| i.as_u64().unwrap() as usize)
                    .collect::<Vec<_>>()
            };
            (side(&b[0]), side(&b[1]))
        })
        .collect()
}

#[test]
fn one_to_one_paragraphs_match_truth() {
    let map = group_map();
    for st in truth()["statements"].as_array().unwrap() {
        let id = st["id"].as_str().unwrap();
        for (l, beads) in st["alignment"].as_object().unwrap() {
            let want: Beads = truth_beads(beads)
                .into_iter()
                .filter(|(a, b)| a.len() == 1 && b.len() == 1)
                .collect();
            let got = beads_of(&map[id], lang(l));
            let missing: Vec<_> = want.difference(&got).collect();
            assert!(
                missing.is_empty(),
                "{id} en-{l}: 1-1 beads missing {missing:?}; got {got:?}"
            );
        }
    }
}

#[test]
fn all_paragraph_correspondences_match_truth() {
    let map = group_map();
    let mut errors = Vec::new();
    for st in truth()["statements"].as_array().unwrap() {
        let id = st["id"].as_str().unwrap();
        for (l, beads) in st["alignment"].as_object().unwrap() {
            let want = truth_beads(beads);
            let got = beads_of(&map[id], lang(l));
            if want != got {
                errors.push(format!("{id} en-{l}: want {want:?} got {got:?}"));
            }
        }
    }
    assert!(errors.is_empty(), "{}", errors.join("\n"));
}

#[test]
fn audit_matches_truth_exactly() {
    let out = util::sample();
    let map = group_map();
    let mut want: BTreeSet<String> = BTreeSet::new();
    for st in truth()["statements"].as_array().unwrap() {
        let g = &map[st["id"].as_str().unwrap()];
        for gap in st["gaps"].as_array().unwrap() {
            let kind = gap["kind"].as_str().unwrap();
            let l = gap["lang"].as_str().unwrap();
            let paras = gap
                .get("en_paragraphs")
                .or(gap.get("paragraphs"))
                .map(|p| format!("{p}"))
                .unwrap_or_else(|| "[]".into());
            want.insert(format!("{g} {kind} {l} {}", paras.replace(' ', "")));
        }
    }
    let got: BTreeSet<String> = out
        .audit
        .findings
        .iter()
        .map(|f| {
            let paras = match f.kind {
                FindingKind::Omission | FindingKind::Untranslated => {
                    format!("{:?}", f.paragraphs).replace(' ', "")
                }
                _ => "[]".into(),
            };
            format!("{} {} {} {}", f.group, f.kind.name(), f.langs[0], paras)
        })
        .collect();
    let missed: Vec<_> = want.difference(&got).collect();
    let extra: Vec<_> = got.difference(&want).collect();
    assert!(
        missed.is_empty() && extra.is_empty(),
        "missed: {missed:#?}\nfalse alarms: {extra:#?}"
    );
}

/// N-way units are the finest partition consistent with every pairwise truth alignment.
#[test]
fn nway_units_match_merged_truth() {
    use polyalign::align::nway;
    use polyalign::model::Bead;
    let map = group_map();
    let out = util::sample();
    for st in truth()["statements"].as_array().unwrap() {
        let id = st["id"].as_str().unwrap();
        let al = st["alignment"].as_object().unwrap();
        if al.is_empty() {
            continue;
        }
        let mut counts = BTreeMap::new();
        let mut beads = BTreeMap::new();
        for (l, v) in st["versions"].as_object().unwrap() {
            counts.insert(lang(l), v["paragraphs"].as_u64().unwrap() as usize);
        }
        for (l, b) in al {
            beads.insert(
                lang(l),
                truth_beads(b)
                    .into_iter()
                    .map(|(s, t)| Bead {
                        src: s,
                        tgt: t,
                        score: 1.0,
                    })
                    .collect::<Vec<_>>(),
            );
        }
        let want: BTreeSet<Vec<(Lang, Vec<usize>)>> = nway::merge(Lang::En, &counts, &beads)
            .into_iter()
            .map(|u| u.segments.into_iter().collect())
            .collect();
        let got: BTreeSet<Vec<(Lang, Vec<usize>)>> = out
            .units
            .iter()
            .filter(|u| u.group == map[id] && u.level == Level::Paragraph)
            .map(|u| {
                u.segments
                    .iter()
                    .map(|(l, s)| (*l, s.indices.clone()))
                    .collect()
            })
            .collect();
        assert_eq!(got, want, "{id}");
    }
}

#[test]
fn nothing_lost_in_the_library_output() {
    let n = util::assert_nothing_lost(util::sample());
    assert!(n > 140, "{n}");
}

/// Sentence units: indices are sentence numbers of the statement version (0-based, reading
/// order), each sentence in exactly one unit, the text made of those sentences.
#[test]
fn sentence_units_number_sentences_per_version() {
    let out = util::sample();
    let mut seen: BTreeMap<(String, usize), usize> = BTreeMap::new();
    let mut sentences: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for s in &out.statements {
        let l = match s.lang {
            Some(l) => l,
            None => continue,
        };
        let v: Vec<String> = s
            .paragraphs
            .iter()
            .flat_map(|p| {
                polyalign::segment::sentences(&p.text, l)
                    .into_iter()
                    .map(str::to_string)
            })
            .collect();
        sentences.insert(s.file.clone(), v);
    }
    let units: Vec<_> = out
        .units
        .iter()
        .filter(|u| u.level == Level::Sentence)
        .collect();
    assert!(units.len() > 80, "{}", units.len());
    for u in units {
        assert!(u.parent.is_some());
        for seg in u.segments.values() {
            let all = &sentences[&seg.file];
            let text: Vec<&str> = seg.indices.iter().map(|&i| all[i].as_str()).collect();
            assert_eq!(seg.text, text.join(" "), "{} unit {}", u.group, u.unit);
            for &i in &seg.indices {
                *seen.entry((seg.file.clone(), i)).or_insert(0) += 1;
            }
        }
    }
    assert!(seen.values().all(|&n| n == 1));
}
