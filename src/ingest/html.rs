//! HTML statement pages: chrome removed, block elements turned into the same blocks as text
//! pages, metadata (`<html lang>`, `hreflang`, canonical URL) read.
//! (Skeleton: to be replaced by the real extractor.)

use crate::model::{Block, PageMeta};

/// True when the text looks like an HTML document (sniffed, not by extension).
pub fn looks_like_html(text: &str) -> bool {
    let head: String = text.chars().take(1024).collect::<String>().to_ascii_lowercase();
    head.contains("<html") || head.contains("<!doctype html")
}

/// Extracts blocks and metadata from an HTML page. The blocks are normalised
/// (see [`crate::text`]) and ordered as on the page: date line, title, switcher, paragraphs,
/// teasers.
pub fn extract(_html: &str) -> (Vec<Block>, PageMeta) {
    (Vec::new(), PageMeta::default())
}
