//! Sentence splitter: the ranges are ordered, non-overlapping, non-empty, trimmed, on char
//! boundaries, and together cover every non-whitespace character (the documented contract).
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyalign::model::Lang;

fuzz_target!(|input: (u8, &str)| {
    let (sel, text) = input;
    let lang = Lang::ALL[usize::from(sel) % Lang::ALL.len()];
    let ranges = polyalign::segment::split_sentences(text, lang);
    let mut prev_end = 0;
    let mut covered = 0usize;
    for r in &ranges {
        assert!(r.start >= prev_end, "unordered or overlapping {r:?}");
        assert!(r.start < r.end && r.end <= text.len(), "bad range {r:?}");
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
        let s = &text[r.clone()];
        assert_eq!(s, s.trim(), "sentence not trimmed: {s:?}");
        covered += s.chars().filter(|c| !c.is_whitespace()).count();
        prev_end = r.end;
    }
    let total = text.chars().filter(|c| !c.is_whitespace()).count();
    assert_eq!(covered, total, "sentences lose non-whitespace characters");
});
