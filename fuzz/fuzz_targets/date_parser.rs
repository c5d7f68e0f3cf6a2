//! Date parser: `parse_date_line`, `looks_like_date` and `find_dates` on arbitrary strings.
#![no_main]

use libfuzzer_sys::fuzz_target;
use polyalign::date;
use polyalign::model::Date;

fn valid(d: Date) -> bool {
    Date::new(d.year, d.month, d.day) == Some(d)
}

fuzz_target!(|text: &str| {
    if let Some((d, t)) = date::parse_date_line(text) {
        assert!(valid(d), "parse_date_line returned an invalid date {d:?}");
        if let Some(t) = t {
            assert!(t.hour < 24 && t.minute < 60, "invalid time {t:?}");
        }
        // A line that parses is a date line.
        assert!(
            date::looks_like_date(text),
            "parsed but not looks_like_date"
        );
    }
    let _ = date::looks_like_date(text);
    let mut prev_end = 0;
    for m in date::find_dates(text) {
        assert!(
            valid(m.date),
            "find_dates returned an invalid date {:?}",
            m.date
        );
        assert!(m.span.start < m.span.end, "empty span {:?}", m.span);
        assert!(m.span.end <= text.len(), "span {:?} past the end", m.span);
        assert!(text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
        assert!(m.span.start >= prev_end, "overlapping or unordered spans");
        prev_end = m.span.end;
        if let Some(t) = m.time {
            assert!(t.hour < 24 && t.minute < 60, "invalid time {t:?}");
        }
    }
});
