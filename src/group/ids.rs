//! Group ids: `<earliest date>-<slug of the English (else first) title>`, unique and stable.

use std::collections::BTreeMap;

use crate::anchors::translit;
use crate::model::{Group, Lang, Statement};

/// ASCII slug of a title.
pub fn slug(title: &str, max: usize) -> String {
    let t = translit(title);
    let mut out = String::new();
    let mut dash = false;
    for c in t.chars() {
        if c.is_ascii_alphanumeric() {
            if dash && !out.is_empty() {
                out.push('-');
            }
            dash = false;
            out.push(c.to_ascii_lowercase());
            if out.len() >= max {
                break;
            }
        } else {
            dash = true;
        }
    }
    out
}

/// Group ids: `<date>-<slug of the English (else first) title>`, unique.
pub fn assign_ids(groups: &mut [Group], statements: &[Statement]) {
    let mut used: BTreeMap<String, usize> = BTreeMap::new();
    let mut base: Vec<String> = Vec::new();
    for g in groups.iter() {
        let rep = g
            .versions
            .get(&Lang::En)
            .or_else(|| g.versions.values().next())
            .map(|&k| &statements[k]);
        let b = match rep {
            Some(s) => {
                let d = g
                    .versions
                    .values()
                    .filter_map(|&k| statements[k].date)
                    .min();
                let date = d.map(|d| d.to_string()).unwrap_or_else(|| "undated".into());
                format!("{date}-{}", slug(&s.title, 48))
            }
            None => "group".into(),
        };
        base.push(b);
    }
    // Deterministic disambiguation: order by base id then by first member id.
    let mut idx: Vec<usize> = (0..groups.len()).collect();
    let first_member = |g: &Group| {
        g.versions
            .values()
            .map(|&k| statements[k].id.clone())
            .min()
            .unwrap_or_default()
    };
    idx.sort_by(|&a, &b| {
        base[a]
            .cmp(&base[b])
            .then_with(|| first_member(&groups[a]).cmp(&first_member(&groups[b])))
    });
    for i in idx {
        let n = used.entry(base[i].clone()).or_insert(0);
        *n += 1;
        groups[i].id = if *n == 1 {
            base[i].clone()
        } else {
            format!("{}-{}", base[i], n)
        };
    }
}
