//! TMX reader: arbitrary bytes → `TmxDoc` or an error, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let _ = polyalign::export::tmx_read::parse_bytes(data);
});
