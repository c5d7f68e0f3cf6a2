//! Language-switcher markers (`• de-DE1 en-GB1 es-ES1 ru-RU1 fr-FR1`) and language tags.
//! (Skeleton: to be replaced by the real parser.)

use crate::model::{Lang, LangTag};

/// Parses one language tag (`de-DE1`, `ru`, `EN_gb`, `pt-BR`).
pub fn parse_tag(raw: &str) -> LangTag {
    let lang = Lang::from_code(raw.get(..2).unwrap_or(raw));
    LangTag {
        raw: raw.to_string(),
        lang,
        tag: lang.map(|l| l.default_tag().to_string()),
    }
}

/// If `line` is a language-switcher line, returns its tags in order (unknown tags kept with
/// `lang: None`). Returns `None` when the line is not a switcher.
pub fn parse_switcher(_line: &str) -> Option<Vec<LangTag>> {
    None
}
