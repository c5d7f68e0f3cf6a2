//! HTML extractor: arbitrary UTF-8 → text blocks and page metadata.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let _ = polyalign::ingest::html::looks_like_html(html);
    let (blocks, _meta) = polyalign::ingest::html::extract(html);
    for b in &blocks {
        // Lines are 1-based. (Blocks are not in source order: date, title and switcher are
        // moved to the front, as the text dumps have them.)
        assert!(b.line >= 1, "block line must be 1-based");
    }
});
