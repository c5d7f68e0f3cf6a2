//! Sentence segmentation for de/en/es/fr/ru official prose.
//! (Skeleton: to be replaced by the real segmenter.)

use std::ops::Range;

use crate::model::Lang;

/// Splits `text` into sentences. Returns byte ranges into `text`, in order, non-overlapping,
/// each trimmed of surrounding whitespace and non-empty; together they cover every
/// non-whitespace character of `text`.
pub fn split_sentences(text: &str, _lang: Lang) -> Vec<Range<usize>> {
    let t = text.trim();
    if t.is_empty() {
        return Vec::new();
    }
    let start = text.len() - text.trim_start().len();
    vec![start..start + t.len()]
}

/// Convenience: the sentences as string slices.
pub fn sentences(text: &str, lang: Lang) -> Vec<&str> {
    split_sentences(text, lang).into_iter().map(|r| &text[r]).collect()
}
