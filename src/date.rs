//! Dates and times in de/en/es/fr/ru as written on statement pages.
//! (Skeleton: to be replaced by the real parser.)

use std::ops::Range;

use crate::model::{Date, Time};

/// A date found in a text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DateMatch {
    pub date: Date,
    pub time: Option<Time>,
    /// Byte range of the whole match (date and glued time) in the searched text.
    pub span: Range<usize>,
}

/// Parses a line that is exactly a date, optionally followed by a time (possibly glued to the
/// year, `16 October 201912:11`). Returns `None` when the line is not (only) a date.
pub fn parse_date_line(_line: &str) -> Option<(Date, Option<Time>)> {
    None
}

/// True when the line looks like a date line (a day, a month word or number, a year) even if it
/// cannot be parsed to a valid date; used to report unparseable dates instead of guessing.
pub fn looks_like_date(_line: &str) -> bool {
    false
}

/// Finds every date written inside running text (`Sochi, October 16, 2019`, `le 16 octobre 2019`).
pub fn find_dates(_text: &str) -> Vec<DateMatch> {
    Vec::new()
}
