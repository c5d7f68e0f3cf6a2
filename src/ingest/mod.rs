//! Ingest: walks the input paths, reads and decodes every file, recognises its form (text page
//! dump, HTML page, plain per-language document), normalises the text and splits it into blocks.
//! Only this module reads input files.

pub mod decode;
pub mod html;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::diag::{Diagnostics, Severity};
use crate::markers;
use crate::model::{Lang, Page, PageFormat, PageMeta};
use crate::text;

/// Largest file read; larger ones are reported and skipped (they are not statement pages).
pub const MAX_FILE_BYTES: u64 = 256 * 1024 * 1024;

/// Result of ingesting some paths.
#[derive(Debug, Default)]
pub struct Ingested {
    /// Pages in path order.
    pub pages: Vec<Page>,
    /// Files found (including skipped ones).
    pub files_seen: usize,
    /// Bytes read from files that were decoded.
    pub bytes: u64,
    pub diagnostics: Diagnostics,
}

/// Lists every regular file under `paths` (recursively, following symbolic links, each real
/// folder once), sorted, with diagnostics for what cannot be walked.
pub fn walk(paths: &[PathBuf], diags: &mut Diagnostics) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut seen_dirs = BTreeSet::new();
    for p in paths {
        walk_one(p, &mut out, &mut seen_dirs, diags);
    }
    out.sort();
    out.dedup();
    out
}

fn walk_one(
    p: &Path,
    out: &mut Vec<PathBuf>,
    seen: &mut BTreeSet<PathBuf>,
    diags: &mut Diagnostics,
) {
    let disp = display_path(p);
    let meta = match std::fs::metadata(p) {
        Ok(m) => m,
        Err(e) => {
            let kind = if std::fs::symlink_metadata(p).is_ok() {
                "broken-link"
            } else {
                "unreadable"
            };
            let reason = if e.raw_os_error() == Some(40) {
                "symbolic link loop".to_string()
            } else {
                e.to_string()
            };
            diags.error(&disp, kind, format!("cannot read: {reason}"));
            return;
        }
    };
    if meta.is_file() {
        out.push(p.to_path_buf());
        return;
    }
    if !meta.is_dir() {
        diags.error(&disp, "not-a-file", "skipped: not a regular file or folder");
        return;
    }
    let canon = match std::fs::canonicalize(p) {
        Ok(c) => c,
        Err(e) => {
            diags.error(&disp, "unreadable", format!("cannot resolve folder: {e}"));
            return;
        }
    };
    if !seen.insert(canon) {
        if std::fs::symlink_metadata(p)
            .map(|m| m.file_type().is_symlink())
            .unwrap_or(false)
        {
            diags.warning(
                &disp,
                "symlink-loop",
                "skipped: symbolic link to a folder already read (loop)",
            );
        }
        return;
    }
    let rd = match std::fs::read_dir(p) {
        Ok(rd) => rd,
        Err(e) => {
            diags.error(&disp, "unreadable", format!("cannot list folder: {e}"));
            return;
        }
    };
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in rd {
        match e {
            Ok(e) => entries.push(e.path()),
            Err(e) => diags.error(
                &disp,
                "unreadable",
                format!("cannot list folder entry: {e}"),
            ),
        }
    }
    entries.sort();
    for e in entries {
        walk_one(&e, out, seen, diags);
    }
}

/// Path as shown in outputs and messages: `/` separators, no leading `./`.
pub fn display_path(p: &Path) -> String {
    let s = p.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Language named by a plain document's file name: `de.txt`, `en.md`, `report.fr.txt`.
/// Returns the language tag and the document key (folder for `de.txt`, stem for `name.de.txt`).
pub fn document_name(path: &Path) -> Option<(String, String)> {
    let name = path.file_name()?.to_str()?;
    let parts: Vec<&str> = name.split('.').collect();
    let is_text_ext = |e: &str| {
        matches!(
            e.to_ascii_lowercase().as_str(),
            "txt" | "md" | "markdown" | "text"
        )
    };
    match parts.as_slice() {
        [code, ext] if is_text_ext(ext) && is_lang_code(code) => {
            let folder = path.parent().map(display_path).unwrap_or_default();
            Some((code.to_string(), folder))
        }
        [stem @ .., code, ext] if !stem.is_empty() && is_text_ext(ext) && is_lang_code(code) => {
            let folder = path.parent().map(display_path).unwrap_or_default();
            let key = if folder.is_empty() {
                stem.join(".")
            } else {
                format!("{folder}/{}", stem.join("."))
            };
            Some((code.to_string(), key))
        }
        _ => None,
    }
}

fn is_lang_code(code: &str) -> bool {
    let base = code.split(['-', '_']).next().unwrap_or(code);
    base.len() == 2 && Lang::from_code(base).is_some()
}

/// File extensions that are never statement pages (data, code, media, office documents): such
/// files in a scrape folder are skipped with a note instead of being read as text or reported
/// as binary. Pages may have any other extension (`.txt`, `.md`, `.html`, `.php`, none, …).
pub const NOT_PAGE_EXTENSIONS: &[&str] = &[
    "7z", "bz2", "css", "csv", "doc", "docx", "eot", "gif", "gz", "ico", "jpeg", "jpg", "js",
    "json", "jsonl", "lock", "mjs", "mp3", "mp4", "pdf", "png", "ppt", "pptx", "py", "rs", "sh",
    "svg", "tgz", "tmx", "toml", "tsv", "ttf", "webp", "woff", "woff2", "xls", "xlsx", "xml", "xz",
    "yaml", "yml", "zip",
];

/// True when the file's extension says it is not a page (see [`NOT_PAGE_EXTENSIONS`]).
pub fn is_not_a_page(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| NOT_PAGE_EXTENSIONS.contains(&e.to_ascii_lowercase().as_str()))
}

/// Reads one file into a page. Problems go to `diags`; `None` means the file was skipped.
pub fn read_page(path: &Path, diags: &mut Diagnostics) -> Option<(Page, u64)> {
    let disp = display_path(path);
    let size = match std::fs::metadata(path) {
        Ok(m) => m.len(),
        Err(e) => {
            diags.error(&disp, "unreadable", format!("cannot read: {e}"));
            return None;
        }
    };
    if size > MAX_FILE_BYTES {
        diags.error(
            &disp,
            "too-large",
            format!("skipped: {size} bytes is more than the {MAX_FILE_BYTES}-byte limit"),
        );
        return None;
    }
    let bytes = match std::fs::read(path) {
        Ok(b) => b,
        Err(e) => {
            diags.error(&disp, "unreadable", format!("cannot read: {e}"));
            return None;
        }
    };
    let page = page_from_bytes(&disp, path, &bytes, diags)?;
    Some((page, bytes.len() as u64))
}

/// Builds a page from a file's bytes (`path` is used for the name-based document detection).
pub fn page_from_bytes(
    disp: &str,
    path: &Path,
    bytes: &[u8],
    diags: &mut Diagnostics,
) -> Option<Page> {
    let decoded = match decode::decode(bytes) {
        Ok(d) => d,
        Err(decode::DecodeError::Empty) => {
            diags.error(disp, "empty", "skipped: empty file");
            return None;
        }
        Err(decode::DecodeError::Binary(why)) => {
            diags.error(disp, "binary", format!("skipped: binary file ({why})"));
            return None;
        }
    };
    if decoded.replaced > 0 {
        diags.push(
            Severity::Warning,
            disp,
            None,
            "invalid-bytes",
            format!(
                "{} invalid byte sequence(s) in {} replaced by U+FFFD",
                decoded.replaced, decoded.encoding
            ),
        );
    }
    if decoded.controls > 0 {
        diags.push(
            Severity::Warning,
            disp,
            None,
            "control-chars",
            format!(
                "{} stray control character(s) (NUL, BEL, ESC, DEL …) removed; the text is kept",
                decoded.controls
            ),
        );
    }
    if decoded.guessed {
        diags.note(
            disp,
            "encoding",
            format!("decoded as {} (detected)", decoded.encoding),
        );
    }
    let ext = path
        .extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase();
    let is_html = matches!(ext.as_str(), "html" | "htm" | "xhtml")
        || (ext.is_empty() || ext == "txt") && html::looks_like_html(&decoded.text);
    let (format, blocks, mut meta) = if is_html {
        let (blocks, meta) = html::extract(&decoded.text);
        (PageFormat::Html, blocks, meta)
    } else {
        let norm = text::normalize(&decoded.text);
        let blocks = text::blocks(&norm);
        let mut meta = PageMeta::default();
        let mut format = PageFormat::Text;
        if let Some((code, key)) = document_name(path) {
            format = PageFormat::Document;
            meta.declared_lang = Some(markers::parse_tag(&code));
            meta.group_key = Some(format!("doc:{key}"));
        }
        (format, blocks, meta)
    };
    if meta.group_key.is_none() {
        if let Some(url) = &meta.canonical_url {
            meta.group_key = content_id(url).map(|id| format!("url:{id}"));
        }
    }
    if blocks.is_empty() {
        diags.error(
            disp,
            "no-text",
            "skipped: no text after decoding and clean-up",
        );
        return None;
    }
    Some(Page {
        path: disp.to_string(),
        format,
        encoding: decoded.encoding.to_string(),
        replaced: decoded.replaced,
        blocks,
        meta,
    })
}

/// A numeric content id in a URL (the longest run of 4+ digits in the path that is not a year).
pub fn content_id(url: &str) -> Option<String> {
    let path = url.split(['?', '#']).next().unwrap_or(url);
    let path = path
        .split("://")
        .nth(1)
        .map(|r| r.split_once('/').map(|x| x.1).unwrap_or(""))
        .unwrap_or(path);
    let mut best: Option<&str> = None;
    for run in path.split(|c: char| !c.is_ascii_digit()) {
        if run.len() >= 4
            && !(run.len() == 4 && (run.starts_with("19") || run.starts_with("20")))
            && best.is_none_or(|b| run.len() > b.len())
        {
            best = Some(run);
        }
    }
    best.map(str::to_string)
}

/// Reads every file under `paths` into pages, in parallel, in path order.
pub fn ingest(paths: &[PathBuf]) -> Ingested {
    ingest_with(paths, &|_| {}, &|| {})
}

/// [`ingest`], telling `start` how many files there are once they are listed and calling
/// `tick` after each file (from several threads), for a progress display.
pub fn ingest_with(paths: &[PathBuf], start: &dyn Fn(u64), tick: &(dyn Fn() + Sync)) -> Ingested {
    let mut diags = Diagnostics::default();
    let files = walk(paths, &mut diags);
    start(files.len() as u64);
    let results: Vec<(Option<(Page, u64)>, Diagnostics)> = files
        .par_iter()
        .map(|f| {
            let mut d = Diagnostics::default();
            if is_not_a_page(f) {
                let ext = f.extension().and_then(|e| e.to_str()).unwrap_or("");
                d.note(
                    &display_path(f),
                    "not-a-page",
                    format!("skipped: a .{ext} file is not a statement page"),
                );
                return (None, d);
            }
            let r = read_page(f, &mut d);
            tick();
            (r, d)
        })
        .collect();
    let mut out = Ingested {
        files_seen: files.len(),
        ..Default::default()
    };
    for (r, d) in results {
        diags.extend(d);
        if let Some((p, n)) = r {
            out.bytes += n;
            out.pages.push(p);
        }
    }
    diags.sort();
    out.diagnostics = diags;
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_pages_by_extension() {
        assert!(is_not_a_page(Path::new("x/expected.json")));
        assert!(is_not_a_page(Path::new("x/IMAGE.PNG")));
        assert!(!is_not_a_page(Path::new("x/page.php")));
        assert!(!is_not_a_page(Path::new("x/p0412.txt")));
        assert!(!is_not_a_page(Path::new("x/saved-page")));
    }

    #[test]
    fn document_names() {
        assert_eq!(
            document_name(Path::new("docs/x/de.txt")),
            Some(("de".into(), "docs/x".into()))
        );
        assert_eq!(
            document_name(Path::new("a/report.fr.md")),
            Some(("fr".into(), "a/report".into()))
        );
        assert_eq!(document_name(Path::new("a/page-001.txt")), None);
        assert_eq!(document_name(Path::new("a/xx.txt")), None);
    }

    #[test]
    fn content_ids() {
        assert_eq!(
            content_id("https://www.mid.ru/en/foreign_policy/news/1384235/").as_deref(),
            Some("1384235")
        );
        assert_eq!(
            content_id("https://example.org/2019/10/16/statement").as_deref(),
            None
        );
        assert_eq!(
            content_id("https://example.org/de/press/3921-erklaerung?x=12345678").as_deref(),
            None.or(Some("3921"))
        );
    }
}
