//! Helpers shared by the evaluation and benchmark examples (not an example itself): a small
//! seeded random generator and the ministry-site date line in each language.

#![allow(dead_code)]

use polyalign::model::Lang;

/// xorshift64*: small, deterministic, good enough for shuffling test data.
pub struct Rng(pub u64);

impl Rng {
    pub fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    pub fn chance(&mut self, p: f64) -> bool {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64 <= p
    }
}

/// The ministry page's date line: the date in the language's own format with the time glued to
/// the year (`16 October 201912:11`), as on the real site.
pub fn ministry_date(l: Lang, y: i32, m: usize, d: usize, time: Option<(usize, usize)>) -> String {
    let month = polyalign::date::month_name(l, m as u8);
    let date = match l {
        Lang::De => format!("{d}. {month} {y}"),
        Lang::Es => format!("{d} de {month} de {y}"),
        _ => format!("{d} {month} {y}"),
    };
    match time {
        Some((hh, mm)) => format!("{date}{hh:02}:{mm:02}"),
        None => date,
    }
}

/// Lines of a text file without their CR (the NTREX files have CRLF); empty when unreadable.
pub fn read_lines(p: &std::path::Path) -> Vec<String> {
    std::fs::read_to_string(p)
        .map(|s| {
            s.lines()
                .map(|l| l.trim_end_matches('\r').to_string())
                .collect()
        })
        .unwrap_or_default()
}

/// The NTREX-128 files of our five languages (English is the source).
pub const NTREX_FILES: [(Lang, &str); 5] = [
    (Lang::De, "newstest2019-ref.deu.txt"),
    (Lang::En, "newstest2019-src.eng.txt"),
    (Lang::Es, "newstest2019-ref.spa.txt"),
    (Lang::Fr, "newstest2019-ref.fra.txt"),
    (Lang::Ru, "newstest2019-ref.rus.txt"),
];

pub mod archive;
pub mod corpus;
pub mod docs;
pub mod evalset;
pub mod render;
