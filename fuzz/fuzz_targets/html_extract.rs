//! HTML extractor: arbitrary UTF-8 → text blocks and page metadata.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|html: &str| {
    let _ = polyalign::ingest::html::looks_like_html(html);
    let (blocks, _meta) = polyalign::ingest::html::extract(html);
    let mut last_line = 0;
    for b in &blocks {
        // Blocks come out in document order, each with a 1-based source line.
        assert!(b.line >= 1, "block line must be 1-based");
        assert!(b.line >= last_line, "blocks out of source order");
        last_line = b.line;
    }
});
