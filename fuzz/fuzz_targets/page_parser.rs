//! Page parser: file bytes → page (decode, HTML or text blocks) → statements.
//!
//! The first byte picks how the page is built, so one corpus reaches every path:
//! 0 – a `.txt` page through `ingest::page_from_bytes` (decoding, HTML sniffing),
//! 1 – a per-language document (`de.txt`), 2 – an `.html` page,
//! 3 – UTF-8 text straight through `text::normalize` + `text::blocks` (skips decoding, so
//!     switcher, date and teaser lines are reached without the decoder rejecting the input),
//! 4 – like 3 but split on form feeds into several pages, so boilerplate learnt across pages
//!     is exercised.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyalign::diag::Diagnostics;
use polyalign::model::{Page, PageFormat, PageMeta};
use std::path::Path;

fn text_page(name: &str, text: &str) -> Option<Page> {
    let norm = polyalign::text::normalize(text);
    let blocks = polyalign::text::blocks(&norm);
    if blocks.is_empty() {
        return None;
    }
    Some(Page {
        path: name.to_string(),
        format: PageFormat::Text,
        encoding: "UTF-8".into(),
        replaced: 0,
        blocks,
        meta: PageMeta::default(),
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let mut diags = Diagnostics::default();
    let pages: Vec<Page> = match mode % 5 {
        0 => polyalign::ingest::page_from_bytes(
            "fuzz/page.txt",
            Path::new("fuzz/page.txt"),
            rest,
            &mut diags,
        )
        .into_iter()
        .collect(),
        1 => polyalign::ingest::page_from_bytes(
            "fuzz/de.txt",
            Path::new("fuzz/de.txt"),
            rest,
            &mut diags,
        )
        .into_iter()
        .collect(),
        2 => polyalign::ingest::page_from_bytes(
            "fuzz/page.html",
            Path::new("fuzz/page.html"),
            rest,
            &mut diags,
        )
        .into_iter()
        .collect(),
        3 => match std::str::from_utf8(rest) {
            Ok(s) => text_page("fuzz/page.txt", s).into_iter().collect(),
            Err(_) => return,
        },
        _ => match std::str::from_utf8(rest) {
            Ok(s) => s
                .split('\u{c}')
                .enumerate()
                .filter_map(|(i, part)| text_page(&format!("fuzz/p{i}.txt"), part))
                .collect(),
            Err(_) => return,
        },
    };
    let statements = polyalign::statement::extract(&pages, &mut diags);
    for st in &statements {
        // Every statement must name a page it came from.
        assert!(
            pages.iter().any(|p| p.path == st.file),
            "statement from an unknown page"
        );
    }
});
