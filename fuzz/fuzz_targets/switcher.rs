//! Language-switcher lines and language tags: `markers::parse_switcher`, `parse_tag`,
//! `parse_hreflang` on arbitrary strings.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|line: &str| {
    if let Some(tags) = polyalign::markers::parse_switcher(line) {
        assert!(
            !tags.is_empty(),
            "a switcher line names at least one language"
        );
    }
    let _ = polyalign::markers::parse_tag(line);
    let _ = polyalign::markers::parse_hreflang(line);
});
