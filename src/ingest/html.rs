//! HTML statement pages: chrome removed, block elements turned into the same blocks as text
//! pages, metadata (`<html lang>`, `hreflang`, canonical URL) read.
//!
//! The statement extractor reads a page's blocks exactly as it reads the seed text dumps
//! (`/work/shared/PAGES.md`), so an HTML page is turned into the same shape:
//!
//! ```text
//! [blocks before the title, e.g. a section label]
//! 2019-10-16 12:11                      ← <time datetime> or a date-classed element (ISO form)
//! Title                                 ← <h1> of the main content, else <title> minus site name
//! • de-DE en-GB es-ES ru-RU fr-FR       ← the language switcher, read before chrome is dropped
//! body paragraphs, one block per block-level element
//! 14.07.2020 - Teaser title             ← teaser list items (date + link) …
//! Teaser lead paragraph                 ← … followed by their lead
//! ```
//!
//! Page chrome (navigation, header, footer, cookie banners, share bars, scripts …) is dropped by
//! element name, ARIA role and class/id vocabulary. `Block.line` is the 1-based source line of the
//! element (or text) that starts the block, recorded while html5ever builds the tree; blocks
//! synthesised from attributes (date, switcher, a `<title>` fallback) carry the line of the
//! element they come from, so lines are not necessarily increasing across the re-ordered head.

mod depth;

use std::cell::{Cell, Ref, RefCell};
use std::collections::{HashMap, HashSet};

use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{BufferQueue, Tokenizer, TokenizerOpts};
use html5ever::tree_builder::{ElementFlags, NodeOrText, QuirksMode, TreeBuilder, TreeSink};
use html5ever::{Attribute, QualName};
use scraper::{ElementRef, Html, HtmlTreeSink};

use crate::markers;
use crate::model::{Block, DroppedText, LangTag, PageMeta};
use crate::text::normalize_line;

type NodeId = <HtmlTreeSink as TreeSink>::Handle;

/// True when the text looks like an HTML document (sniffed, not by extension).
///
/// A text that starts with a tag (or comment) and has a document marker (`<!doctype html`,
/// `<html`, `<head`, `<body`) in its first KB is HTML; a
/// fragment counts when it is dense in common block tags (`<p>`, `<div>`, `<br>`, `<li>` …), so a
/// plain text that merely contains a `<` or mentions one tag is not taken for HTML.
pub fn looks_like_html(text: &str) -> bool {
    let trimmed = text.trim_start_matches(['\u{FEFF}', ' ', '\t', '\r', '\n']);
    let head: String = trimmed
        .chars()
        .take(1024)
        .collect::<String>()
        .to_ascii_lowercase();
    let opens = |tag: &str, hay: &str| {
        hay.match_indices(tag).any(|(i, m)| {
            hay[i + m.len()..]
                .chars()
                .next()
                .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
        })
    };
    if head.starts_with("<!doctype html")
        || (head.starts_with('<') && ["<html", "<head", "<body"].iter().any(|t| opens(t, &head)))
    {
        return true;
    }
    let body: String = trimmed
        .chars()
        .take(8192)
        .collect::<String>()
        .to_ascii_lowercase();
    let count = |tags: &[&str]| -> usize {
        tags.iter()
            .map(|t| {
                body.match_indices(t)
                    .filter(|(i, m)| {
                        body[i + m.len()..]
                            .chars()
                            .next()
                            .is_some_and(|c| c == '>' || c == '/' || c.is_ascii_whitespace())
                    })
                    .count()
            })
            .sum()
    };
    // Structure tags; `<br>` and `<a>` alone are found in text dumps too (a Markdown export with
    // `<br>` line breaks is still a text page).
    let structure = count(&[
        "<p", "</p", "<div", "</div", "<li", "</li", "<ul", "<h1", "<h2", "<h3", "<table", "<td",
    ]);
    let inline = count(&["<br", "<a", "</a"]);
    if trimmed.starts_with('<') {
        return structure + inline >= 3;
    }
    // Not starting with a tag: HTML only when most lines are markup (a page saved after a
    // stray line of text), not a text dump quoting a table in one of its paragraphs.
    let lines: Vec<&str> = body
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    let markup = lines.iter().filter(|l| l.starts_with('<')).count();
    structure >= 6 && 2 * markup >= lines.len()
}

/// Extracts blocks and metadata from an HTML page. The blocks are normalised
/// (see [`crate::text`]) and ordered as on the page: date line, title, switcher, paragraphs,
/// teasers.
pub fn extract(html: &str) -> (Vec<Block>, PageMeta) {
    let (doc, lines) = parse_with_lines(html);
    let lines = Lines { map: lines };
    let root = doc.root_element();
    let mut meta = read_meta(root);

    // The switcher usually lives in the navigation or header, so it is found before chrome is
    // dropped; its container is then skipped wherever it is.
    let switcher = find_switcher(root);
    let mut skip: HashSet<NodeId> = HashSet::new();
    if let Some((id, _)) = &switcher {
        skip.insert(*id);
    }

    let body = find_first(root, &|e| e.value().name() == "body", &skip).unwrap_or(root);
    let main = find_main(body).unwrap_or_else(|| densest_container(body));
    let keep: HashSet<NodeId> = main
        .ancestors()
        .map(|n| n.id())
        .chain([main.id()])
        .collect();
    let pruned = Pruned {
        keep: &keep,
        skip: &skip,
        main: Some(main.id()),
    };

    let h1 = find_title(main, &pruned);
    let date_box = pruned
        .find(main, &|e| {
            is_date_element(e) && !inside_teaser(e, main) && !in_running_text(e, main)
        })
        .or_else(|| date_before(main, body, &pruned));
    if let Some(d) = date_box {
        skip.insert(d.id());
    }
    // A date-classed wrapper around a <time datetime> states the date through the <time>.
    let date = date_box.map(|d| {
        d.descendants()
            .filter_map(ElementRef::wrap)
            .find(|t| t.value().name() == "time" && t.value().attr("datetime").is_some())
            .unwrap_or(d)
    });
    let pruned = Pruned {
        keep: &keep,
        skip: &skip,
        main: Some(main.id()),
    };

    // What lies outside the main content is chrome; it is listed, not dropped silently.
    let mut dropped = Vec::new();
    let mut seen_main = false;
    if main.id() != body.id() {
        outside_main(body, main, &pruned, &lines, &mut seen_main, &mut dropped);
    }
    let mut w = Walker {
        lines: &lines,
        pruned: &pruned,
        dropped,
        title_id: h1.map(|h| h.id()),
        title_at: None,
        blocks: Vec::new(),
        buf: String::new(),
        buf_line: None,
        owner_line: lines.of(main.id()).unwrap_or(1),
        pending_br: false,
        in_pre: 0,
    };
    w.walk(main);
    w.flush();
    let title_at = w.title_at;
    let mut blocks = w.blocks;
    meta.dropped = w.dropped;
    meta.dropped.sort_by_key(|d| d.line);

    let (title_at, title) = match title_at {
        Some(i) => (i, Some(blocks[i].text.replace('\n', " "))),
        None => {
            let t = meta.title.clone().map(|t| strip_site_name(&t));
            match t {
                Some(t) if !t.is_empty() => {
                    let line = find_first(root, &|e| e.value().name() == "title", &HashSet::new())
                        .and_then(|e| lines.of(e.id()))
                        .unwrap_or(1);
                    blocks.insert(
                        0,
                        Block {
                            text: t.clone(),
                            line,
                        },
                    );
                    (0, Some(t))
                }
                _ => (0, None),
            }
        }
    };
    meta.title = title;
    let mut at = title_at;
    // The date element's date, else the page's publication date from its <meta> tags.
    let date_line = date
        .map(|d| (date_text(d, DateForm::Iso), lines.of(d.id()).unwrap_or(1)))
        .or_else(|| meta_date(root).map(|(e, dt)| (iso_text(dt), lines.of(e).unwrap_or(1))));
    if let Some((text, line)) = date_line {
        if !text.is_empty() {
            blocks.insert(at, Block { text, line });
            at += 1;
        }
    }
    if let Some((id, tags)) = switcher {
        if meta.title.is_some() {
            at += 1;
        }
        let text = format!("• {}", tags.join(" "));
        blocks.insert(
            at.min(blocks.len()),
            Block {
                text,
                line: lines.of(id).unwrap_or(1),
            },
        );
    }
    (blocks, meta)
}

/// Deepest element nesting kept in the tree (the document node is depth 0). The token filter
/// ([`depth::DepthFilter`]) keeps html5ever's stack below this; the tree sink enforces it in case
/// the tree builder nests deeper than its stack (foster parenting, reconstructed formatting
/// elements), because the extractor walks the tree recursively.
const MAX_DEPTH: usize = 512;

/// Source lines of elements and text nodes, recorded during parsing.
struct Lines {
    map: HashMap<NodeId, usize>,
}

impl Lines {
    fn of(&self, id: NodeId) -> Option<usize> {
        self.map.get(&id).copied()
    }
}

/// Parses with a tree sink that wraps scraper's and records, for each element and text node, the
/// line html5ever was on when it created it (html5ever reports lines through `set_current_line`).
/// Tokens pass through [`depth::DepthFilter`] on their way to the tree builder, so that parsing
/// stays linear on deeply nested pages.
fn parse_with_lines(html: &str) -> (Html, HashMap<NodeId, usize>) {
    let sink = LineSink {
        inner: HtmlTreeSink::new(Html::new_document()),
        line: Cell::new(1),
        lines: RefCell::new(HashMap::new()),
    };
    let lines_out: RefCell<HashMap<NodeId, usize>> = RefCell::new(HashMap::new());
    // What `html5ever::parse_document(…).one(html)` does, with the filter in between.
    let builder = TreeBuilder::new(
        LineSinkOut {
            sink,
            out: &lines_out,
        },
        Default::default(),
    );
    let tokenizer = Tokenizer::new(depth::DepthFilter::new(builder), TokenizerOpts::default());
    let input = BufferQueue::default();
    input.push_back(StrTendril::from_slice(html));
    // Scripts are not run: a `Script` result only asks to be fed again.
    while let html5ever::TokenizerResult::Script(_) = tokenizer.feed(&input) {}
    tokenizer.end();
    let doc = tokenizer.sink.inner.sink.finish();
    (doc, lines_out.into_inner())
}

struct LineSink {
    inner: HtmlTreeSink,
    line: Cell<u64>,
    lines: RefCell<HashMap<NodeId, usize>>,
}

impl LineSink {
    fn record(&self, id: NodeId) {
        self.lines
            .borrow_mut()
            .entry(id)
            .or_insert(self.line.get() as usize);
    }
    /// The node to append a new element to instead of `parent`, so that no element is nested
    /// deeper than [`MAX_DEPTH`]: the extractor walks the tree recursively, and a page of
    /// thousands of unclosed `<div>`s overflowed the stack (found by fuzzing). Like browsers
    /// (Blink caps parser depth at 512), too-deep elements become siblings at the cap.
    fn shallow_enough(&self, parent: NodeId) -> NodeId {
        let html = self.inner.0.borrow();
        let Some(node) = html.tree.get(parent) else {
            return parent;
        };
        // The common case: fewer ancestors than the cap (walks at most MAX_DEPTH of them).
        if node.ancestors().nth(MAX_DEPTH - 1).is_none() {
            return parent;
        }
        // parent, its parent, …, the document; a child of chain[k] is at depth len - k.
        let chain: Vec<NodeId> = std::iter::once(node.id())
            .chain(node.ancestors().map(|a| a.id()))
            .collect();
        if chain.len() <= MAX_DEPTH {
            parent
        } else {
            chain[chain.len() - MAX_DEPTH]
        }
    }
    /// Records the line of the first visible character of the text node that an append just
    /// created or extended (the first visible chunk wins).
    fn record_text_child(&self, parent: &NodeId, line: usize) {
        let last = self
            .inner
            .0
            .borrow()
            .tree
            .get(*parent)
            .and_then(|p| p.last_child())
            .map(|c| c.id());
        if let Some(id) = last {
            self.lines.borrow_mut().entry(id).or_insert(line);
        }
    }
}

/// The sink handed to html5ever: delegates to scraper's sink, hands the line map out at the end.
struct LineSinkOut<'a> {
    sink: LineSink,
    out: &'a RefCell<HashMap<NodeId, usize>>,
}

impl TreeSink for LineSinkOut<'_> {
    type Handle = NodeId;
    type Output = Html;
    type ElemName<'a>
        = Ref<'a, QualName>
    where
        Self: 'a;

    fn finish(self) -> Html {
        *self.out.borrow_mut() = self.sink.lines.into_inner();
        self.sink.inner.finish()
    }
    fn parse_error(&self, msg: std::borrow::Cow<'static, str>) {
        self.sink.inner.parse_error(msg)
    }
    fn get_document(&self) -> NodeId {
        self.sink.inner.get_document()
    }
    fn elem_name<'a>(&'a self, target: &'a NodeId) -> Ref<'a, QualName> {
        self.sink.inner.elem_name(target)
    }
    fn create_element(&self, name: QualName, attrs: Vec<Attribute>, flags: ElementFlags) -> NodeId {
        let id = self.sink.inner.create_element(name, attrs, flags);
        self.sink.record(id);
        id
    }
    fn create_comment(&self, text: StrTendril) -> NodeId {
        self.sink.inner.create_comment(text)
    }
    fn create_pi(&self, target: StrTendril, data: StrTendril) -> NodeId {
        self.sink.inner.create_pi(target, data)
    }
    fn append(&self, parent: &NodeId, child: NodeOrText<NodeId>) {
        // html5ever reports the line reached at the END of a character chunk; the line of the
        // chunk's first visible character is that minus the newlines after it.
        let visible_line = match &child {
            NodeOrText::AppendText(t) => t.find(|c: char| !c.is_whitespace()).map(|p| {
                let after = t[p..].matches('\n').count() as u64;
                (self.sink.line.get().saturating_sub(after)).max(1) as usize
            }),
            NodeOrText::AppendNode(_) => None,
        };
        let parent = match &child {
            NodeOrText::AppendNode(_) => self.sink.shallow_enough(*parent),
            NodeOrText::AppendText(_) => *parent,
        };
        self.sink.inner.append(&parent, child);
        if let Some(line) = visible_line {
            self.sink.record_text_child(&parent, line);
        }
    }
    fn append_based_on_parent_node(
        &self,
        element: &NodeId,
        prev_element: &NodeId,
        child: NodeOrText<NodeId>,
    ) {
        self.sink
            .inner
            .append_based_on_parent_node(element, prev_element, child)
    }
    fn append_doctype_to_document(
        &self,
        name: StrTendril,
        public_id: StrTendril,
        system_id: StrTendril,
    ) {
        self.sink
            .inner
            .append_doctype_to_document(name, public_id, system_id)
    }
    fn mark_script_already_started(&self, node: &NodeId) {
        self.sink.inner.mark_script_already_started(node)
    }
    fn pop(&self, node: &NodeId) {
        self.sink.inner.pop(node)
    }
    fn get_template_contents(&self, target: &NodeId) -> NodeId {
        self.sink.inner.get_template_contents(target)
    }
    fn same_node(&self, x: &NodeId, y: &NodeId) -> bool {
        self.sink.inner.same_node(x, y)
    }
    fn set_quirks_mode(&self, mode: QuirksMode) {
        self.sink.inner.set_quirks_mode(mode)
    }
    fn append_before_sibling(&self, sibling: &NodeId, new_node: NodeOrText<NodeId>) {
        self.sink.inner.append_before_sibling(sibling, new_node)
    }
    fn add_attrs_if_missing(&self, target: &NodeId, attrs: Vec<Attribute>) {
        self.sink.inner.add_attrs_if_missing(target, attrs)
    }
    fn remove_from_parent(&self, target: &NodeId) {
        self.sink.inner.remove_from_parent(target)
    }
    fn reparent_children(&self, node: &NodeId, new_parent: &NodeId) {
        self.sink.inner.reparent_children(node, new_parent)
    }
    fn set_current_line(&self, line_number: u64) {
        self.sink.line.set(line_number);
    }
}

/// An element's text on one line, normalised (source line breaks are spaces in HTML).
fn inline_text(e: ElementRef<'_>) -> String {
    let raw: String = e
        .text()
        .flat_map(|t| t.chars())
        .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c })
        .collect();
    normalize_line(&raw)
}

// ---------------------------------------------------------------------------------------------
// Metadata

fn read_meta(root: ElementRef<'_>) -> PageMeta {
    let mut meta = PageMeta::default();
    if let Some(lang) = root
        .value()
        .attr("lang")
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        meta.declared_lang = Some(markers::parse_tag(lang));
    }
    let mut og_url = None;
    for e in root.descendants().filter_map(ElementRef::wrap) {
        let v = e.value();
        match v.name() {
            "link" => {
                let rel = v.attr("rel").unwrap_or("").to_ascii_lowercase();
                let rels: Vec<&str> = rel.split_ascii_whitespace().collect();
                if rels.contains(&"alternate") {
                    if let Some(h) = v.attr("hreflang").map(str::trim).filter(|h| !h.is_empty()) {
                        if !h.eq_ignore_ascii_case("x-default")
                            && !meta.alternates.iter().any(|t: &LangTag| t.raw == h)
                        {
                            meta.alternates.push(markers::parse_tag(h));
                        }
                    }
                }
                if rels.contains(&"canonical") && meta.canonical_url.is_none() {
                    meta.canonical_url = v
                        .attr("href")
                        .map(|h| h.trim().to_string())
                        .filter(|h| !h.is_empty());
                }
            }
            "meta"
                if og_url.is_none()
                    && v.attr("property")
                        .is_some_and(|p| p.eq_ignore_ascii_case("og:url")) =>
            {
                og_url = v
                    .attr("content")
                    .map(|h| h.trim().to_string())
                    .filter(|h| !h.is_empty());
            }
            "title" if meta.title.is_none() => {
                let t = inline_text(e);
                if !t.is_empty() {
                    meta.title = Some(t);
                }
            }
            _ => {}
        }
    }
    if meta.canonical_url.is_none() {
        meta.canonical_url = og_url;
    }
    meta
}

/// `Statement title | Ministry` → `Statement title` (also ` — `, ` – `).
fn strip_site_name(title: &str) -> String {
    for sep in [" | ", " — ", " – "] {
        if let Some(i) = title.rfind(sep) {
            let left = title[..i].trim();
            if !left.is_empty() {
                return left.to_string();
            }
        }
    }
    title.trim().to_string()
}

// ---------------------------------------------------------------------------------------------
// Chrome

/// Elements that never carry statement text.
const DROP_ELEMENTS: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "nav", "header", "footer", "aside", "form",
    "iframe", "head", "button", "select", "object", "canvas", "dialog", "menu",
];

const CHROME_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "contentinfo",
    "complementary",
    "search",
    "menu",
    "menubar",
];

/// Class/id words that mark chrome when they appear anywhere in a token.
const CHROME_SUBSTR: &[&str] = &[
    "menu",
    "navbar",
    "breadcrumb",
    "cookie",
    "sidebar",
    "social",
    "footer",
    "banner",
    "toolbar",
    "skiplink",
];
/// Class/id words that mark chrome when they are a whole part of a token (`site-nav`, `share`).
const CHROME_PARTS: &[&str] = &[
    "nav",
    "navigation",
    "share",
    "sharing",
    "header",
    "masthead",
    "consent",
    "skip",
];
/// Parts that make a `header` token an article header rather than site chrome.
const CONTENT_PARTS: &[&str] = &[
    "article", "post", "entry", "content", "page", "title", "story", "news", "main",
];

fn is_chrome_token(token: &str) -> bool {
    let t = token.to_ascii_lowercase();
    if CHROME_SUBSTR.iter().any(|w| t.contains(w)) {
        return true;
    }
    let parts: Vec<&str> = t.split(['-', '_']).filter(|p| !p.is_empty()).collect();
    parts.iter().any(|p| CHROME_PARTS.contains(p))
        && !(parts.contains(&"header") && parts.iter().any(|p| CONTENT_PARTS.contains(p)))
}

/// True when the element (and everything in it) is page chrome or hidden.
fn is_dropped(e: ElementRef<'_>) -> bool {
    let v = e.value();
    let name = v.name();
    if DROP_ELEMENTS.contains(&name) {
        // A <header> inside an article holds its title and date, not site chrome.
        return !(name == "header"
            && e.ancestors()
                .filter_map(ElementRef::wrap)
                .any(|a| a.value().name() == "article"));
    }
    if v.attr("hidden").is_some()
        || v.attr("aria-hidden")
            .is_some_and(|a| a.trim().eq_ignore_ascii_case("true"))
    {
        return true;
    }
    if v.attr("style").is_some_and(|s| {
        let s: String = s
            .to_ascii_lowercase()
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        s.contains("display:none") || s.contains("visibility:hidden")
    }) {
        return true;
    }
    if v.attr("role")
        .is_some_and(|r| CHROME_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") {
        return false;
    }
    v.classes().any(is_chrome_token) || v.id().is_some_and(is_chrome_token)
}

/// Elements whose content is not text a reader sees (nothing of them is listed as dropped).
const NOT_TEXT: &[&str] = &[
    "script", "style", "noscript", "template", "svg", "head", "iframe", "object", "canvas",
];

/// Characters of a dropped element's text kept for its listing (which shows fewer).
const DROPPED_CHARS: usize = 160;

/// The start of the visible text of `e` (without [`NOT_TEXT`] elements; whitespace collapsed;
/// about [`DROPPED_CHARS`] characters: a site's menu can be long).
fn visible_text(e: ElementRef<'_>) -> String {
    fn collect(e: ElementRef<'_>, out: &mut String) {
        for child in e.children() {
            if out.len() > 8 * DROPPED_CHARS {
                return;
            }
            if let Some(t) = child.value().as_text() {
                out.push(' ');
                out.push_str(t);
            } else if let Some(c) = ElementRef::wrap(child) {
                if !NOT_TEXT.contains(&c.value().name()) {
                    collect(c, out);
                }
            }
        }
    }
    if NOT_TEXT.contains(&e.value().name()) {
        return String::new();
    }
    let mut raw = String::new();
    collect(e, &mut raw);
    let text = normalize_line(&raw.replace(['\n', '\r'], " "));
    match text.char_indices().nth(DROPPED_CHARS) {
        Some((i, _)) => text[..i].to_string(),
        None => text,
    }
}

/// `nav`, `div.share-bar`, `aside#related`: how a dropped element is named in listings.
fn element_name(e: ElementRef<'_>) -> String {
    let v = e.value();
    match (v.id(), v.classes().next()) {
        (Some(id), _) => format!("{}#{id}", v.name()),
        (None, Some(c)) => format!("{}.{c}", v.name()),
        _ => v.name().to_string(),
    }
}

/// Records `e`'s visible text as dropped, when it has any.
fn push_dropped(
    out: &mut Vec<DroppedText>,
    e: ElementRef<'_>,
    line: usize,
    inside: bool,
    before: bool,
) {
    let text = visible_text(e);
    if !text.is_empty() {
        out.push(DroppedText {
            line,
            inside,
            before,
            element: element_name(e),
            text,
        });
    }
}

/// Every element of `from` outside the main content (`main` and its ancestors are the path
/// down; the switcher and date element are metadata), in page order: whole subtrees, each one
/// entry.
fn outside_main(
    from: ElementRef<'_>,
    main: ElementRef<'_>,
    pruned: &Pruned<'_>,
    lines: &Lines,
    seen_main: &mut bool,
    out: &mut Vec<DroppedText>,
) {
    for child in from.children() {
        if let Some(t) = child.value().as_text() {
            let text = normalize_line(&t.replace(['\n', '\r'], " "));
            if !text.is_empty() {
                out.push(DroppedText {
                    line: lines
                        .of(child.id())
                        .or_else(|| lines.of(from.id()))
                        .unwrap_or(1),
                    inside: false,
                    before: !*seen_main,
                    element: "text".to_string(),
                    text,
                });
            }
            continue;
        }
        let Some(c) = ElementRef::wrap(child) else {
            continue;
        };
        if c.id() == main.id() {
            *seen_main = true;
        } else if pruned.keep.contains(&c.id()) {
            outside_main(c, main, pruned, lines, seen_main, out);
        } else if !pruned.skip.contains(&c.id()) {
            let line = lines.of(c.id()).unwrap_or(1);
            push_dropped(out, c, line, false, !*seen_main);
        }
    }
}

/// The document seen without chrome: `keep` (the main container and its ancestors) is never
/// dropped, `skip` (switcher, date element) is left out.
struct Pruned<'s> {
    keep: &'s HashSet<NodeId>,
    skip: &'s HashSet<NodeId>,
    /// The main content container, once found: a `<header>` inside it holds the statement's
    /// title and date (`<div id="content"><header><h1>…<time>`), not the site's header.
    main: Option<NodeId>,
}

impl Pruned<'_> {
    fn excluded(&self, e: ElementRef<'_>) -> bool {
        self.skip.contains(&e.id())
            || (!self.keep.contains(&e.id()) && is_dropped(e) && !self.content_header(e))
    }

    /// A `<header>` element inside the main content container.
    fn content_header(&self, e: ElementRef<'_>) -> bool {
        e.value().name() == "header"
            && self
                .main
                .is_some_and(|m| e.ancestors().any(|a| a.id() == m))
    }

    /// First element under `from` (inclusive) in document order matching `pred`, not entering
    /// excluded subtrees.
    fn find<'a>(
        &self,
        from: ElementRef<'a>,
        pred: &dyn Fn(ElementRef<'a>) -> bool,
    ) -> Option<ElementRef<'a>> {
        if self.excluded(from) {
            return None;
        }
        if pred(from) {
            return Some(from);
        }
        from.children()
            .filter_map(ElementRef::wrap)
            .find_map(|c| self.find(c, pred))
    }
}

/// First element under `from` (inclusive) in document order matching `pred`, chrome included
/// (`<title>` lives in `<head>`), `skip` excluded.
fn find_first<'a>(
    from: ElementRef<'a>,
    pred: &dyn Fn(ElementRef<'a>) -> bool,
    skip: &HashSet<NodeId>,
) -> Option<ElementRef<'a>> {
    from.descendants()
        .filter_map(ElementRef::wrap)
        .find(|e| pred(*e) && !skip.contains(&e.id()))
}

/// The main content container: `main`, `[role=main]`, `article`, `#content`, `.content` …, the
/// first of the most specific kind present outside chrome.
fn find_main(body: ElementRef<'_>) -> Option<ElementRef<'_>> {
    let keep = HashSet::new();
    let skip = HashSet::new();
    let p = Pruned {
        keep: &keep,
        skip: &skip,
        main: None,
    };
    let rank = |e: ElementRef<'_>| -> Option<usize> {
        let v = e.value();
        if v.name() == "main" {
            return Some(0);
        }
        if v.attr("role")
            .is_some_and(|r| r.eq_ignore_ascii_case("main"))
        {
            return Some(1);
        }
        if v.name() == "article" {
            return Some(2);
        }
        const IDS: &[&str] = &[
            "content",
            "main",
            "main-content",
            "maincontent",
            "article",
            "primary",
        ];
        if v.id()
            .is_some_and(|i| IDS.contains(&i.to_ascii_lowercase().as_str()))
        {
            return Some(3);
        }
        const CLASSES: &[&str] = &[
            "content",
            "main-content",
            "article",
            "article-body",
            "post",
            "entry-content",
        ];
        if v.classes()
            .any(|c| CLASSES.contains(&c.to_ascii_lowercase().as_str()))
        {
            return Some(4);
        }
        None
    };
    let mut best: Option<(usize, ElementRef<'_>)> = None;
    let mut stack = vec![body];
    while let Some(e) = stack.pop() {
        if e.id() != body.id() && p.excluded(e) {
            continue;
        }
        if let Some(r) = rank(e) {
            if best.is_none_or(|(b, _)| r < b) {
                best = Some((r, e));
            }
        }
        let kids: Vec<_> = e.children().filter_map(ElementRef::wrap).collect();
        stack.extend(kids.into_iter().rev());
    }
    best.map(|(_, e)| e)
}

/// Share of a container's text that may stand outside the chosen child as plain (non-link) text.
const OUTSIDE_TEXT_SHARE: f64 = 0.1;

/// The densest text container, for pages without `main`, `article` or a content id: starting at
/// `body`, descend into the child with the most text outside chrome as long as what the other
/// children hold is links (menus, link lists) or under [`OUTSIDE_TEXT_SHARE`] of the text; then
/// widen to include the page's first `<h1>` (the title may stand above the text column). A lead
/// paragraph or a teaser list beside the statement stops the descent, so it stays in.
fn densest_container(body: ElementRef<'_>) -> ElementRef<'_> {
    let keep = HashSet::new();
    let skip = HashSet::new();
    let p = Pruned {
        keep: &keep,
        skip: &skip,
        main: None,
    };
    // Text and link-text lengths under every element outside chrome, summed bottom-up
    // (iteratively: the tree may be hundreds of levels deep).
    let mut order: Vec<ElementRef<'_>> = Vec::new();
    let mut stack = vec![body];
    while let Some(e) = stack.pop() {
        order.push(e);
        for c in e.children().filter_map(ElementRef::wrap) {
            if !p.excluded(c) {
                stack.push(c);
            }
        }
    }
    let mut sizes: HashMap<NodeId, (usize, usize)> = HashMap::new();
    for e in order.iter().rev() {
        let own: usize = e
            .children()
            .filter_map(|c| c.value().as_text().map(|t| t.trim().chars().count()))
            .sum();
        let (mut text, mut links) = (own, 0);
        for c in e.children() {
            if let Some(&(t, l)) = sizes.get(&c.id()) {
                text += t;
                links += l;
            }
        }
        if e.value().name() == "a" {
            links = text;
        }
        sizes.insert(e.id(), (text, links));
    }
    let size = |e: ElementRef<'_>| sizes.get(&e.id()).copied().unwrap_or((0, 0));
    let mut at = body;
    loop {
        let (text, links) = size(at);
        let Some(c) = at
            .children()
            .filter_map(ElementRef::wrap)
            .filter(|c| !p.excluded(*c))
            .max_by_key(|c| size(*c).0)
        else {
            break;
        };
        let (ct, cl) = size(c);
        let outside_plain = (text - ct).saturating_sub(links - cl);
        if ct == 0 || outside_plain as f64 > OUTSIDE_TEXT_SHARE * text as f64 {
            break;
        }
        at = c;
    }
    if let Some(h1) = p.find(body, &|e| e.value().name() == "h1") {
        if !h1.ancestors().any(|a| a.id() == at.id()) {
            // The nearest common ancestor of the container and the title.
            let chain: HashSet<NodeId> = h1.ancestors().map(|a| a.id()).collect();
            if let Some(common) = at
                .ancestors()
                .filter_map(ElementRef::wrap)
                .find(|a| chain.contains(&a.id()))
            {
                at = common;
            }
        }
    }
    at
}

// ---------------------------------------------------------------------------------------------
// Language switcher

/// Finds the language switcher: the deepest container whose items (list items, or links) are all
/// language links (with `hreflang`/`lang`, or texts that are language codes or names), at least
/// two different ones. Returns its id and the tags.
fn find_switcher(root: ElementRef<'_>) -> Option<(NodeId, Vec<String>)> {
    // Work upwards from language links (few) instead of testing every container against its
    // whole subtree (quadratic on big pages): the switcher is the nearest container of the first
    // language link, within a few levels, that passes `switcher_tags`.
    const MAX_UP: usize = 4;
    let mut tried: HashSet<NodeId> = HashSet::new();
    for a in root.descendants().filter_map(ElementRef::wrap) {
        if a.value().name() != "a" || item_tag(a).is_none() {
            continue;
        }
        let in_head = a.ancestors().filter_map(ElementRef::wrap).any(|x| {
            matches!(
                x.value().name(),
                "head" | "script" | "template" | "noscript"
            )
        });
        if in_head {
            continue;
        }
        for c in a.ancestors().filter_map(ElementRef::wrap).take(MAX_UP) {
            let name = c.value().name();
            if matches!(name, "body" | "html" | "main" | "article") {
                break;
            }
            if !matches!(
                name,
                "ul" | "ol" | "nav" | "div" | "p" | "span" | "section" | "header" | "aside"
            ) || !tried.insert(c.id())
            {
                continue;
            }
            if let Some(tags) = switcher_tags(c) {
                return Some((c.id(), tags));
            }
        }
    }
    None
}

fn switcher_tags(e: ElementRef<'_>) -> Option<Vec<String>> {
    let items: Vec<ElementRef<'_>> = if matches!(e.value().name(), "ul" | "ol") {
        e.children()
            .filter_map(ElementRef::wrap)
            .filter(|c| c.value().name() == "li")
            .collect()
    } else {
        // Links, plus the current language often shown as plain text (`<span>Русский</span>`).
        e.descendants()
            .filter_map(ElementRef::wrap)
            .filter(|c| {
                let n = c.value().name();
                n == "a"
                    || (matches!(n, "span" | "strong" | "b" | "em")
                        && !c
                            .ancestors()
                            .filter_map(ElementRef::wrap)
                            .any(|a| a.value().name() == "a")
                        && !c
                            .descendants()
                            .filter_map(ElementRef::wrap)
                            .any(|d| d.value().name() == "a"))
            })
            .collect()
    };
    if items.len() < 2 {
        return None;
    }
    // Everything with text in the container must be an item: a paragraph with two language
    // links in running text is not a switcher.
    let item_text: usize = items.iter().map(|i| inline_text(*i).len()).sum();
    let all_text = inline_text(e);
    let all_text_len = all_text
        .chars()
        .filter(|c| !matches!(c, '|' | '/' | '·' | '•' | ' '))
        .count();
    if all_text_len > item_text + 2 {
        return None;
    }
    let mut tags: Vec<String> = Vec::new();
    for item in items {
        let tag = item_tag(item)?;
        if !tags.contains(&tag) {
            tags.push(tag);
        }
    }
    (tags.len() >= 2).then_some(tags)
}

/// The language tag of one switcher item (a link or a list item holding one).
fn item_tag(item: ElementRef<'_>) -> Option<String> {
    let link = if item.value().name() == "a" {
        Some(item)
    } else {
        item.descendants()
            .filter_map(ElementRef::wrap)
            .find(|c| c.value().name() == "a")
    };
    // `hreflang` on the link first, then `lang` anywhere in the item (the current language is
    // often a plain `<span lang="ru-RU">RU</span>`).
    let attr_of = |el: ElementRef<'_>, attr: &str| {
        el.value()
            .attr(attr)
            .map(str::trim)
            .filter(|h| !h.is_empty() && h.len() <= 20)
            .map(str::to_string)
    };
    if let Some(h) = link
        .and_then(|l| attr_of(l, "hreflang"))
        .or_else(|| attr_of(item, "hreflang"))
    {
        return Some(h);
    }
    if let Some(h) = item
        .descendants()
        .filter_map(ElementRef::wrap)
        .find_map(|e| attr_of(e, "lang"))
    {
        return Some(h);
    }
    let text = inline_text(item);
    text_tag(&text)
}

/// Known two-letter codes accepted as switcher texts (ours and the usual other site languages).
const CODES: &[&str] = &[
    "de", "en", "es", "fr", "ru", "pt", "zh", "it", "ar", "ja", "pl", "uk", "nl", "tr", "ko", "sr",
    "fa", "el", "cs", "sv", "fi", "da", "no", "hu", "ro", "bg", "he", "hi", "kk", "be", "hy", "ka",
    "az", "uz", "vi",
];

/// A switcher text as a tag: a code as written (`EN`, `de-DE`, `pt_BR`, `ru-RU1`) or a name.
fn text_tag(text: &str) -> Option<String> {
    let t = text.trim().trim_end_matches(|c: char| c.is_ascii_digit());
    if t.is_empty() || t.chars().count() > 20 {
        return None;
    }
    let lower = t.to_lowercase();
    if let Some(tag) = markers::name_tag(&lower) {
        return Some(tag.to_string());
    }
    let mut parts = t.split(['-', '_']);
    let primary = parts.next()?.to_ascii_lowercase();
    let region_ok =
        parts.all(|p| (2..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_alphanumeric()));
    (CODES.contains(&primary.as_str()) && region_ok).then(|| t.to_string())
}

// ---------------------------------------------------------------------------------------------
// Dates and teasers

fn class_or_id_has(e: ElementRef<'_>, words: &[&str]) -> bool {
    let hit = |tok: &str| {
        let t = tok.to_ascii_lowercase();
        t.split(['-', '_']).any(|p| words.contains(&p))
    };
    e.value().classes().any(hit) || e.value().id().is_some_and(hit)
}

/// The statement's title element in the main content: its `<h1>`, else (a page without one,
/// such as an old table layout) the first `<h2>`/`<h3>` or title-classed element (`title`,
/// `titre`, `titel`, `titulo`, `headline`) with no more text before it than a date line or a
/// kicker ([`TEXT_BEFORE_TITLE`] characters): a heading after the text has begun is a
/// subheading.
fn find_title<'a>(main: ElementRef<'a>, pruned: &Pruned<'_>) -> Option<ElementRef<'a>> {
    fn walk<'a>(
        e: ElementRef<'a>,
        main: ElementRef<'a>,
        pruned: &Pruned<'_>,
        before: &mut usize,
    ) -> Option<ElementRef<'a>> {
        if pruned.excluded(e) || *before > TEXT_BEFORE_TITLE {
            return None;
        }
        let name = e.value().name();
        // A title element holds a line of text, not blocks (a `title-wrapper` around a whole
        // article is not a title), and few elements (looking further would make nested
        // title-classed elements quadratic).
        if (matches!(name, "h2" | "h3") || class_or_id_has(e, TITLE_WORDS))
            && !inside_teaser(e, main)
            && is_line_element(e)
            && !inline_text(e).is_empty()
        {
            return Some(e);
        }
        for child in e.children() {
            if let Some(t) = child.value().as_text() {
                *before += t.trim().chars().count();
                if *before > TEXT_BEFORE_TITLE {
                    return None;
                }
            } else if let Some(c) = ElementRef::wrap(child) {
                if let Some(found) = walk(c, main, pruned, before) {
                    return Some(found);
                }
            }
        }
        None
    }
    pruned
        .find(main, &|e| e.value().name() == "h1")
        .or_else(|| walk(main, main, pruned, &mut 0))
}

/// True when `e` holds at most [`LINE_ELEMENTS`] elements and none is a block.
fn is_line_element(e: ElementRef<'_>) -> bool {
    let mut inner = e.descendants().filter_map(ElementRef::wrap).skip(1);
    inner
        .by_ref()
        .take(LINE_ELEMENTS)
        .all(|c| !BLOCK_ELEMENTS.contains(&c.value().name()))
        && inner.next().is_none()
}

/// Elements a title element may hold (links, emphasis, spans).
const LINE_ELEMENTS: usize = 64;

/// Characters of text a page without `<h1>` may have before its title ([`find_title`]).
const TEXT_BEFORE_TITLE: usize = 60;

const TITLE_WORDS: &[&str] = &["title", "titre", "titel", "titulo", "headline"];

const DATE_WORDS: &[&str] = &[
    "date",
    "time",
    "published",
    "pubdate",
    "datetime",
    "dateline",
];

/// `<time>`, or a short element whose class marks a date.
fn is_date_element(e: ElementRef<'_>) -> bool {
    let v = e.value();
    if v.name() == "time" {
        return true;
    }
    if !matches!(
        v.name(),
        "span" | "div" | "p" | "small" | "em" | "strong" | "b" | "dd" | "abbr"
    ) {
        return false;
    }
    class_or_id_has(e, DATE_WORDS) && {
        let t = inline_text(e);
        !t.is_empty() && t.chars().count() <= 60 && t.chars().any(|c| c.is_ascii_digit())
    }
}

/// A date element just before the main content, outside it (`<div class="date">…</div><div
/// id="content">…`): in the nearest element before `main` or before one of its ancestors (up to
/// `body`) that holds one, when that element is short (a date line, perhaps with a place or
/// an author; a list of dated links is a teaser list, not the statement's date) and not chrome.
fn date_before<'a>(
    main: ElementRef<'a>,
    body: ElementRef<'a>,
    pruned: &Pruned<'_>,
) -> Option<ElementRef<'a>> {
    let mut child = main;
    for parent in main.ancestors().filter_map(ElementRef::wrap) {
        let before: Vec<ElementRef<'a>> = parent
            .children()
            .take_while(|c| c.id() != child.id())
            .filter_map(ElementRef::wrap)
            .collect();
        for sib in before.into_iter().rev() {
            if pruned.excluded(sib) {
                continue;
            }
            let chars = visible_text(sib).chars().count();
            if chars == 0 {
                continue;
            }
            if chars > DATE_LINE_CHARS {
                // Text between the date and the content: the date is not the statement's.
                return None;
            }
            if let Some(d) = pruned.find(sib, &is_date_element) {
                return Some(d);
            }
        }
        if parent.id() == body.id() {
            break;
        }
        child = parent;
    }
    None
}

/// Characters of a date line before the content that [`date_before`] accepts.
const DATE_LINE_CHARS: usize = 100;

/// The page's publication date from its `<meta>` tags (`article:published_time`,
/// `datePublished`, `DC.date` …) and the tag's node.
fn meta_date(root: ElementRef<'_>) -> Option<(NodeId, DateTime)> {
    const NAMES: &[&str] = &[
        "article:published_time",
        "datepublished",
        "date",
        "dc.date",
        "dc.date.issued",
        "dcterms.issued",
        "dcterms.created",
        "pubdate",
        "publishdate",
        "publish-date",
    ];
    root.descendants()
        .filter_map(ElementRef::wrap)
        .filter(|e| e.value().name() == "meta")
        .find_map(|e| {
            let v = e.value();
            let named = ["property", "name", "itemprop"].iter().any(|a| {
                v.attr(a)
                    .is_some_and(|n| NAMES.contains(&n.trim().to_ascii_lowercase().as_str()))
            });
            if !named {
                return None;
            }
            v.attr("content")
                .and_then(parse_datetime)
                .map(|dt| (e.id(), dt))
        })
}

/// True when the date element is part of a sentence (`<p>The talks of <time>5 February</time>
/// …</p>`): then it is text of that paragraph, not the statement's date.
fn in_running_text(e: ElementRef<'_>, main: ElementRef<'_>) -> bool {
    let own = inline_text(e).chars().count();
    for a in e.ancestors().filter_map(ElementRef::wrap) {
        if a.id() == main.id() {
            return false;
        }
        if matches!(
            a.value().name(),
            "p" | "li" | "dd" | "td" | "blockquote" | "figcaption" | "h1" | "h2" | "h3" | "h4"
        ) {
            // A label such as `Published:` may stand beside a date; a sentence is longer.
            return inline_text(a).chars().count() > own + 24;
        }
    }
    false
}

/// True when `e` sits in a list item or teaser below `main` (its date is the teaser's).
fn inside_teaser(e: ElementRef<'_>, main: ElementRef<'_>) -> bool {
    for a in e.ancestors().filter_map(ElementRef::wrap) {
        if a.id() == main.id() {
            return false;
        }
        if a.value().name() == "li" || is_teaser_container(a) {
            return true;
        }
    }
    false
}

fn is_teaser_container(e: ElementRef<'_>) -> bool {
    class_or_id_has(e, &["teaser", "item", "card"]) && !matches!(e.value().name(), "main" | "body")
}

#[derive(Clone, Copy)]
enum DateForm {
    /// `2019-10-16 12:11`, for the page date line.
    Iso,
    /// `16.10.2019`, as teasers are written in the text dumps.
    Dotted,
}

/// The date an element states: its `datetime` attribute when it parses, else its text.
fn date_text(e: ElementRef<'_>, form: DateForm) -> String {
    if let Some(dt) = e.value().attr("datetime").and_then(parse_datetime) {
        let (y, m, d, _) = dt;
        return match form {
            DateForm::Iso => iso_text(dt),
            DateForm::Dotted => format!("{d:02}.{m:02}.{y:04}"),
        };
    }
    inline_text(e)
}

/// `2019-10-16`, or `2019-10-16 12:11` with a time: the date line the extractor writes.
fn iso_text((y, m, d, time): DateTime) -> String {
    match time {
        Some((h, mi)) => format!("{y:04}-{m:02}-{d:02} {h:02}:{mi:02}"),
        None => format!("{y:04}-{m:02}-{d:02}"),
    }
}

type DateTime = (i32, u8, u8, Option<(u8, u8)>);

/// `YYYY-MM-DD`, optionally followed by `T`/space and `HH:MM[:SS…]` (zone ignored: the page's
/// local time is what the text versions show).
fn parse_datetime(s: &str) -> Option<DateTime> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let y: i32 = s.get(0..4)?.parse().ok()?;
    let m: u8 = s.get(5..7)?.parse().ok()?;
    let d: u8 = s.get(8..10)?.parse().ok()?;
    crate::model::Date::new(y, m, d)?;
    let rest = &s[10..];
    let time = rest.strip_prefix(['T', ' ']).and_then(|t| {
        let h: u8 = t.get(0..2)?.parse().ok()?;
        let mi: u8 = t.get(3..5)?.parse().ok()?;
        (t.as_bytes().get(2) == Some(&b':') && h < 24 && mi < 60).then_some((h, mi))
    });
    Some((y, m, d, time))
}

/// `DD.MM.YYYY` at the start of a text.
fn leading_dotted_date(text: &str) -> Option<&str> {
    let b = text.as_bytes();
    let ok = b.len() >= 10
        && b[..2].iter().all(u8::is_ascii_digit)
        && b[2] == b'.'
        && b[3..5].iter().all(u8::is_ascii_digit)
        && b[5] == b'.'
        && b[6..10].iter().all(u8::is_ascii_digit);
    ok.then(|| &text[..10])
}

// ---------------------------------------------------------------------------------------------
// Blocks

/// Elements that start and end a block; everything else is inline.
const BLOCK_ELEMENTS: &[&str] = &[
    "address",
    "article",
    "blockquote",
    "body",
    "caption",
    "center",
    "dd",
    "details",
    "div",
    "dl",
    "dt",
    "fieldset",
    "figcaption",
    "figure",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hr",
    "html",
    "legend",
    "li",
    "main",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "tbody",
    "td",
    "tfoot",
    "th",
    "thead",
    "tr",
    "ul",
];

struct Walker<'a> {
    lines: &'a Lines,
    pruned: &'a Pruned<'a>,
    title_id: Option<NodeId>,
    /// Index of the title block once emitted.
    title_at: Option<usize>,
    blocks: Vec<Block>,
    /// Inline text of the block being built; `\n` marks a single `<br>`.
    buf: String,
    /// Line of the first non-blank text of `buf`.
    buf_line: Option<usize>,
    /// Line of the innermost block element, used when a text has no recorded line.
    owner_line: usize,
    /// Last thing seen was a `<br>` (with only whitespace since): a second one splits the block.
    pending_br: bool,
    in_pre: usize,
    /// Text left out (see [`PageMeta::dropped`]).
    dropped: Vec<DroppedText>,
}

impl Walker<'_> {
    fn walk(&mut self, e: ElementRef<'_>) {
        if self.pruned.excluded(e) {
            // The switcher and the date element are the page's metadata, not chrome.
            if !self.pruned.skip.contains(&e.id()) {
                let line = self.lines.of(e.id()).unwrap_or(self.owner_line);
                push_dropped(&mut self.dropped, e, line, true, false);
            }
            return;
        }
        let name = e.value().name();
        if name == "br" {
            if self.pending_br {
                self.flush();
            } else {
                self.buf.push('\n');
                self.pending_br = true;
            }
            return;
        }
        if matches!(name, "li" | "article" | "div") && self.teaser(e) {
            return;
        }
        let block = BLOCK_ELEMENTS.contains(&name);
        let saved_owner = self.owner_line;
        if block {
            self.flush();
            self.owner_line = self.lines.of(e.id()).unwrap_or(self.owner_line);
        }
        if name == "pre" {
            self.in_pre += 1;
        }
        let is_title = Some(e.id()) == self.title_id;
        // Blocks flushed from here on start with the title's own text (the h1 is a block).
        let title_start = self.blocks.len();
        for child in e.children() {
            if let Some(t) = child.value().as_text() {
                self.text(t, self.lines.of(child.id()));
            } else if let Some(c) = ElementRef::wrap(child) {
                self.walk(c);
            }
        }
        if name == "pre" {
            self.in_pre -= 1;
        }
        if block {
            self.flush();
            if is_title && self.title_at.is_none() && self.blocks.len() > title_start {
                // The title is one line even when written with <br>. Further blocks inside an
                // unclosed <h1> (`<h1>Title<p>text…`, which HTML nests) stay body blocks.
                let t = &mut self.blocks[title_start];
                t.text = t.text.replace('\n', " ");
                self.title_at = Some(title_start);
            }
            self.owner_line = saved_owner;
        }
    }

    fn text(&mut self, t: &str, line: Option<usize>) {
        let first_visible = t.find(|c: char| !c.is_whitespace());
        if first_visible.is_some() {
            self.pending_br = false;
            if self.buf_line.is_none() {
                self.buf_line = Some(line.unwrap_or(self.owner_line));
            }
        }
        if self.in_pre > 0 {
            self.buf.push_str(t);
        } else {
            self.buf.extend(
                t.chars()
                    .map(|c| if matches!(c, '\n' | '\r') { ' ' } else { c }),
            );
        }
    }

    fn flush(&mut self) {
        let mut text = String::new();
        for line in self.buf.split('\n') {
            let l = normalize_line(line);
            if !l.is_empty() {
                if !text.is_empty() {
                    text.push('\n');
                }
                text.push_str(&l);
            }
        }
        if !text.is_empty() {
            self.blocks.push(Block {
                text,
                line: self.buf_line.unwrap_or(self.owner_line),
            });
        }
        self.buf.clear();
        self.buf_line = None;
        self.pending_br = false;
    }

    /// A teaser item (date + linked title + lead) → `DD.MM.YYYY - Title` and the lead blocks.
    /// Returns false (nothing emitted) when `e` is not one.
    fn teaser(&mut self, e: ElementRef<'_>) -> bool {
        if e.value().name() != "li" && !is_teaser_container(e) {
            return false;
        }
        let date_el = self
            .pruned
            .find(e, &|c| c.id() != e.id() && is_date_element(c));
        let title_el = self.pruned.find(e, &|c| {
            matches!(c.value().name(), "a" | "h2" | "h3" | "h4" | "h5" | "h6")
                && date_el
                    .is_none_or(|d| d.id() != c.id() && !c.ancestors().any(|a| a.id() == d.id()))
                && !inline_text(c).is_empty()
                && leading_dotted_date(&inline_text(c)).is_none()
        });
        let Some(title_el) = title_el else {
            return false;
        };
        let date = match date_el {
            Some(d) => date_text(d, DateForm::Dotted),
            None => {
                let all = inline_text(e);
                match leading_dotted_date(&all) {
                    Some(d) => d.to_string(),
                    None => return false,
                }
            }
        };
        if date.is_empty() {
            return false;
        }
        let title = inline_text(title_el);
        self.flush();
        let line = self.lines.of(e.id()).unwrap_or(self.owner_line);
        self.blocks.push(Block {
            text: format!("{date} - {title}"),
            line,
        });
        // The lead: everything else in the item, as blocks, minus the date and title.
        let mut skip: HashSet<NodeId> = self.pruned.skip.clone();
        skip.insert(title_el.id());
        if let Some(d) = date_el {
            skip.insert(d.id());
        }
        let pruned = Pruned {
            keep: self.pruned.keep,
            skip: &skip,
            main: self.pruned.main,
        };
        let mut sub = Walker {
            lines: self.lines,
            pruned: &pruned,
            title_id: None,
            title_at: None,
            blocks: Vec::new(),
            buf: String::new(),
            buf_line: None,
            owner_line: line,
            pending_br: false,
            in_pre: 0,
            dropped: Vec::new(),
        };
        for child in e.children() {
            if let Some(t) = child.value().as_text() {
                sub.text(t, self.lines.of(child.id()));
            } else if let Some(c) = ElementRef::wrap(child) {
                sub.walk(c);
            }
        }
        sub.flush();
        self.dropped.append(&mut sub.dropped);
        // Without a date element the date is the first thing in the text: strip it and the dash.
        for mut b in sub.blocks {
            if date_el.is_none() {
                if let Some(rest) = b.text.strip_prefix(date.as_str()) {
                    b.text = rest
                        .trim_start_matches([' ', '-', '–', '—', ':'])
                        .to_string();
                }
            }
            if !b.text.is_empty() {
                self.blocks.push(b);
            }
        }
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        extract(html).0.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn sniffing() {
        assert!(looks_like_html("<!DOCTYPE html><title>x</title>"));
        assert!(looks_like_html(
            "\u{FEFF}\n  <html lang=\"de\"><body>x</body></html>"
        ));
        assert!(looks_like_html(
            "<p>Eins</p>\n<p>Zwei</p>\n<p>Drei<br>vier</p>"
        ));
        assert!(!looks_like_html(
            "If a < b then the <html> tag is not relevant here.\nPlain text."
        ));
        assert!(!looks_like_html(
            "16 October 2019\n\nTitle <with> brackets\n\nBody text with x<y."
        ));
        assert!(!looks_like_html(""));
        assert!(!looks_like_html(
            "7 May 2010\n\nTitle\n\nBird & Bird<br> Avenue Louise<br> Brussels<br> Belgium<br>\n\na<br>b<br>c<br>d<br>"
        ));
        assert!(!looks_like_html(
            "24 May 2014\n\nTitle\n\nText.\n\n<table><tr><td>a</td><td>b</td></tr><tr><td>c</td><td>d</td></tr></table>\n\nMore text."
        ));
        assert!(looks_like_html(
            "Saved from the web\n<div>\n<p>One</p>\n<p>Two</p>\n<p>Three</p>\n</div>"
        ));
    }

    #[test]
    fn br_handling_and_inline() {
        let t = texts("<body><main><p>One <b>bold</b> <a href=x>link</a><br>second line<br><br>new block<br/><br/><br/>third</p></main></body>");
        assert_eq!(t, ["One bold link\nsecond line", "new block", "third"]);
    }

    #[test]
    fn chrome_dropped_and_main_preferred() {
        let html = r#"<html><body>
<header><h1 class="logo">Ministry</h1></header>
<div class="cookie-banner">We use cookies</div>
<nav><ul><li><a href="/">Home</a></li><li><a href="/p">Press</a></li></ul></nav>
<div class="sidebar">Sidebar text</div>
<main>
  <div class="breadcrumbs"><a href="/">Home</a> › Press</div>
  <article><header class="article-header"><h1>The title</h1></header>
  <p>Body&nbsp;&nbsp;text.</p>
  <div class="share-buttons">Share</div>
  <p hidden>Hidden</p><p aria-hidden="true">Also hidden</p><p style="display: none">none</p>
  <script>var x = "<p>no</p>";</script><style>p{}</style>
  </article>
</main>
<footer>Footer</footer>
</body></html>"#;
        let (blocks, meta) = extract(html);
        let t: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(t, ["The title", "Body text."]);
        assert_eq!(meta.title.as_deref(), Some("The title"));
        // Nothing is dropped silently: every element left out with visible text is listed, in
        // page order, with its line, outside or inside the main content; scripts and styles
        // hold no text a reader sees.
        let d: Vec<(usize, bool, bool, &str, &str)> = meta
            .dropped
            .iter()
            .map(|d| {
                (
                    d.line,
                    d.inside,
                    d.before,
                    d.element.as_str(),
                    d.text.as_str(),
                )
            })
            .collect();
        assert_eq!(
            d,
            [
                (2, false, true, "header", "Ministry"),
                (3, false, true, "div.cookie-banner", "We use cookies"),
                (4, false, true, "nav", "Home Press"),
                (5, false, true, "div.sidebar", "Sidebar text"),
                (7, true, false, "div.breadcrumbs", "Home › Press"),
                (10, true, false, "div.share-buttons", "Share"),
                (11, true, false, "p", "Hidden"),
                (11, true, false, "p", "Also hidden"),
                (11, true, false, "p", "none"),
                (15, false, false, "footer", "Footer"),
            ]
        );
    }

    #[test]
    fn a_header_inside_the_content_column_holds_title_and_date() {
        // No <main>, no <article>: the content column's own <header> is not the site's.
        let html = r#"<html lang="en"><head><title>Site</title></head><body>
<header class="site-header"><a href="/">Ministry</a></header>
<div id="content">
<header class="article-header"><h1>The title</h1>
<p class="meta"><time datetime="2011-06-06">6 June 2011</time></p></header>
<p>Body text that is long enough to be a paragraph of the statement.</p>
</div>
<footer>Footer</footer>
</body></html>"#;
        let (blocks, meta) = extract(html);
        let t: Vec<&str> = blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "2011-06-06",
                "The title",
                "Body text that is long enough to be a paragraph of the statement."
            ]
        );
        assert_eq!(meta.title.as_deref(), Some("The title"));
        let d: Vec<&str> = meta.dropped.iter().map(|d| d.element.as_str()).collect();
        assert_eq!(d, ["header.site-header", "footer"]);
    }

    #[test]
    fn a_date_line_just_before_the_content_or_a_meta_date_dates_the_page() {
        let before = r#"<html lang="en"><body>
<header class="site-header"><a href="/">Ministry</a></header>
<div class="page"><div class="date">12 March 2024</div>
<div id="content"><h1>Talks</h1>
<p>The ministers discussed bilateral relations and the prospects for cooperation.</p>
</div></div></body></html>"#;
        let (blocks, meta) = extract(before);
        assert_eq!(blocks[0].text, "12 March 2024");
        assert_eq!(blocks[1].text, "Talks");
        // The date line is the page's metadata, not dropped text.
        assert!(meta.dropped.iter().all(|d| !d.text.contains("2024")));
        let meta_only = r#"<html lang="en"><head>
<meta property="article:published_time" content="2024-03-12T10:00:00+03:00">
</head><body><main><article><h1>Talks</h1>
<p>The ministers discussed bilateral relations and the prospects for cooperation.</p>
</article></main></body></html>"#;
        let (blocks, _) = extract(meta_only);
        assert_eq!(blocks[0].text, "2024-03-12 10:00");
        // A list of dated links before the content is a teaser list, not the page's date.
        let list = r#"<html lang="en"><body>
<div class="wrap"><div class="news"><div class="date">01.03.2024</div> <a href="/1">An earlier statement with a long enough title to be a teaser</a>
<div class="date">02.03.2024</div> <a href="/2">Another earlier statement with a long title</a></div>
<div id="content"><h1>Talks</h1>
<p>The ministers discussed bilateral relations and the prospects for cooperation.</p>
</div></div></body></html>"#;
        let (blocks, _) = extract(list);
        assert_eq!(blocks[0].text, "Talks");
    }

    #[test]
    fn the_switcher_and_date_are_metadata_not_dropped_text() {
        let html = r#"<html lang="en"><body>
<div class="languages"><a href="/de/" hreflang="de">DE</a> <a href="/en/" hreflang="en">EN</a> <a href="/fr/" hreflang="fr">FR</a></div>
<main><article>
<div class="date">12 March 2024</div>
<h1>The title</h1>
<p>Body text that is long enough to be a paragraph of the statement.</p>
<aside class="quote"><p>A pull quote.</p></aside>
</article></main>
</body></html>"#;
        let (blocks, meta) = extract(html);
        assert!(blocks.iter().any(|b| b.text.starts_with("• ")));
        let d: Vec<(&str, &str)> = meta
            .dropped
            .iter()
            .map(|d| (d.element.as_str(), d.text.as_str()))
            .collect();
        assert_eq!(d, [("aside.quote", "A pull quote.")]);
    }

    #[test]
    fn fallback_title_from_title_element() {
        let (b, m) = extract("<html><head><title>Statement on X | Ministry of Foreign Affairs</title></head><body><p>Text.</p></body></html>");
        assert_eq!(m.title.as_deref(), Some("Statement on X"));
        assert_eq!(b[0].text, "Statement on X");
        assert_eq!(b[1].text, "Text.");
    }

    #[test]
    fn date_title_switcher_order() {
        let html = r#"<html lang="en-GB"><head><link rel="alternate" hreflang="de" href="/de/1">
<link rel="alternate" hreflang="x-default" href="/"><link rel="alternate" hreflang="pt-BR" href="/pt/1">
<meta property="og:url" content="https://x.example/en/1234/"></head><body>
<nav class="lang"><ul><li class="active"><span>EN</span></li><li><a href="/de/1">DE</a></li><li><a href="/ru/1">Русский</a></li></ul></nav>
<main><p class="kicker">PRESS RELEASES</p><h1>Title</h1><p class="meta"><time datetime="2019-10-16T12:11:00+03:00">16 October 2019</time></p><p>Body.</p></main></body></html>"#;
        let (b, m) = extract(html);
        let t: Vec<&str> = b.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            t,
            [
                "PRESS RELEASES",
                "2019-10-16 12:11",
                "Title",
                "• EN DE ru-RU",
                "Body."
            ]
        );
        assert_eq!(m.declared_lang.unwrap().raw, "en-GB");
        let alt: Vec<&str> = m.alternates.iter().map(|a| a.raw.as_str()).collect();
        assert_eq!(alt, ["de", "pt-BR"]);
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://x.example/en/1234/")
        );
    }

    #[test]
    fn running_text_with_language_links_is_not_a_switcher() {
        let t = texts("<main><h1>T</h1><p>Read it in <a href=/de>Deutsch</a> or <a href=/fr>Français</a> today.</p></main>");
        assert_eq!(t, ["T", "Read it in Deutsch or Français today."]);
    }

    #[test]
    fn teasers() {
        let html = r#"<main><h1>T</h1><p>Body.</p><h2>Latest news</h2><ul class="news-list">
<li><span class="date">14.07.2020</span> <a href="/a">First title</a><p>First lead.</p></li>
<li><time datetime="2020-07-13">13 July</time><h3><a href="/b">Second title</a></h3><p>Second lead.</p></li>
<li>12.07.2020 - <a href="/c">Third title</a></li>
</ul></main>"#;
        assert_eq!(
            texts(html),
            [
                "T",
                "Body.",
                "Latest news",
                "14.07.2020 - First title",
                "First lead.",
                "13.07.2020 - Second title",
                "Second lead.",
                "12.07.2020 - Third title"
            ]
        );
    }

    #[test]
    fn source_lines() {
        let html = "<html>\n<body>\n<main>\n<h1>T</h1>\n<p>\n  first</p>\n<p>a<br><br>\nb</p>\n</main></body></html>";
        let (b, _) = extract(html);
        let got: Vec<(&str, usize)> = b.iter().map(|b| (b.text.as_str(), b.line)).collect();
        assert_eq!(got, [("T", 4), ("first", 6), ("a", 7), ("b", 8)]);
    }

    #[test]
    fn datetimes() {
        assert_eq!(
            parse_datetime("2019-10-16T12:11:00Z"),
            Some((2019, 10, 16, Some((12, 11))))
        );
        assert_eq!(parse_datetime("2019-10-16"), Some((2019, 10, 16, None)));
        assert_eq!(parse_datetime("2019-02-30"), None);
        assert_eq!(parse_datetime("16.10.2019"), None);
    }
}

#[cfg(test)]
mod perf_tests {
    use super::*;

    /// A big page (~1 MB: 5 000 paragraphs in nested divs, 5 000 teaser items) stays fast: every
    /// step is linear or bounded by the depth of the tree.
    #[test]
    fn big_page() {
        let mut html = String::from("<!DOCTYPE html><html><body><main><h1>T</h1>");
        for i in 0..5_000 {
            html.push_str(&format!(
                "<div class=\"a\"><div class=\"b\"><p>Paragraph {i} with <a href=\"/x\">a link</a> and text.</p></div></div>\n"
            ));
        }
        html.push_str("<ul class=\"news-list\">");
        for i in 0..5_000 {
            html.push_str(&format!(
                "<li><span class=\"date\">01.02.2020</span> <a href=\"/{i}\">Teaser {i}</a><p>Lead {i}.</p></li>\n"
            ));
        }
        html.push_str("</ul></main></body></html>");
        let (blocks, _) = extract(&html);
        assert_eq!(blocks.len(), 1 + 5_000 + 10_000);
    }
}

#[cfg(test)]
mod content_tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        extract(html).0.into_iter().map(|b| b.text).collect()
    }

    #[test]
    fn densest_container_without_main() {
        let html = r#"<html><body>
<div class="wrap"><div class="col-left"><ul><li><a href=/a>Press</a></li><li><a href=/b>Visits</a></li></ul>
<p>Visa</p></div>
<div class="col-right"><h1>The title</h1>
<p>First paragraph of the statement, long enough to weigh in the balance of text.</p>
<p>Second paragraph of the statement, long enough to weigh in the balance of text too.</p>
<p>Third paragraph of the statement, long enough to weigh in the balance of text again.</p>
</div></div></body></html>"#;
        assert_eq!(
            texts(html),
            [
                "The title",
                "First paragraph of the statement, long enough to weigh in the balance of text.",
                "Second paragraph of the statement, long enough to weigh in the balance of text too.",
                "Third paragraph of the statement, long enough to weigh in the balance of text again."
            ]
        );
    }

    #[test]
    fn without_h1_the_first_heading_or_title_element_is_the_title() {
        // An old table layout: a bold date, an <h2> title, <br>-separated paragraphs.
        let table = r#"<html><head><title>Embassy - Statement</title></head><body>
<table><tr><td class="menu"><a href="/">Home</a><br><a href="/news">News</a></td>
<td class="main"><b>15.03.2021</b><br>
<h2>Statement of the Embassy on the media reports</h2>
In recent days several media outlets published reports that distort the position of the Embassy.<br><br>
The Embassy stresses that it remains committed to dialogue on arms control.
</td></tr></table></body></html>"#;
        let (blocks, meta) = extract(table);
        assert_eq!(
            meta.title.as_deref(),
            Some("Statement of the Embassy on the media reports")
        );
        assert_eq!(blocks[0].text, "15.03.2021");
        assert_eq!(
            blocks[1].text,
            "Statement of the Embassy on the media reports"
        );
        // A title-classed <div>; the <title> holds only a kicker.
        let div = r#"<html lang="fr"><head><title>Déclaration</title></head><body>
<div id="main-content"><div class="titre">Déclaration du porte-parole sur le Sahel</div>
<div class="texte"><div>La France condamne avec la plus grande fermeté l'attaque perpétrée contre les forces armées.</div>
<div>Elle présente ses condoléances aux familles des victimes.</div></div></div></body></html>"#;
        let (_, meta) = extract(div);
        assert_eq!(
            meta.title.as_deref(),
            Some("Déclaration du porte-parole sur le Sahel")
        );
        // A heading after the text has begun is a subheading, not the title.
        let sub = r#"<html><head><title>The title | Ministry</title></head><body><main>
<p>A first paragraph of the statement's text, before any heading of it.</p>
<h2>A subheading</h2><p>More text.</p></main></body></html>"#;
        let (_, meta) = extract(sub);
        assert_eq!(meta.title.as_deref(), Some("The title"));
    }

    #[test]
    fn title_above_the_text_column_is_kept() {
        let html = r#"<html><body><div><h1>The title</h1></div>
<div><p>Only paragraph of the statement, which is most of the text on this page.</p></div>
</body></html>"#;
        assert_eq!(
            texts(html),
            [
                "The title",
                "Only paragraph of the statement, which is most of the text on this page."
            ]
        );
    }

    #[test]
    fn lead_beside_the_text_column_stops_the_descent() {
        let html = r#"<html><body><div class="lead"><p>A lead paragraph that is part of the statement.</p></div>
<div class="text"><h1>T</h1><p>The rest of the statement, a good deal longer than its lead paragraph, as statements are.</p></div>
</body></html>"#;
        assert_eq!(texts(html).len(), 3);
    }

    #[test]
    fn a_date_inside_a_sentence_stays_in_it() {
        let html = r#"<main><h1>T</h1><p>The Council met on <time datetime="2015-02-05">5 February</time> and adopted the text.</p><p class="date">5 February 2015</p></main>"#;
        // The date-classed paragraph is the statement's date (put before the title); the
        // <time> in the sentence stays in it.
        assert_eq!(
            texts(html),
            [
                "5 February 2015",
                "T",
                "The Council met on 5 February and adopted the text."
            ]
        );
    }
}

#[cfg(test)]
mod depth_tests {
    use super::*;

    fn texts(html: &str) -> Vec<String> {
        extract(html).0.into_iter().map(|b| b.text).collect()
    }

    /// Deeper than the parser's cap, every text still comes out, as the blocks it was.
    #[test]
    fn deep_nesting_keeps_text_and_blocks() {
        let n = depth::MAX_OPEN * 3;
        let mut html = String::from("<html><body><main><h1>Title</h1>");
        for i in 0..n {
            html.push_str(&format!("<div>level {i}"));
        }
        html.push_str("<p>Innermost paragraph.</p>");
        html.push_str(&"</div>".repeat(n));
        html.push_str("<p>After the nest.</p></main></body></html>");
        let t = texts(&html);
        assert_eq!(t.len(), 1 + n + 2, "{:?}", &t[t.len() - 5..]);
        assert_eq!(t[1], "level 0");
        assert_eq!(t[n], format!("level {}", n - 1));
        assert_eq!(t[n + 1], "Innermost paragraph.");
        assert_eq!(t[n + 2], "After the nest.");
    }

    /// Beyond the cap, chrome elements are still dropped and scripts are still not text.
    #[test]
    fn deep_chrome_and_scripts_stay_out() {
        let n = depth::MAX_OPEN + 10;
        let html = format!(
            "<html><body><main><h1>Title</h1>{}<nav><div><a href=/>Home</a></div></nav><script>var x = '<p>no</p>';</script><p>Deep text.</p>{}</main></body></html>",
            "<div>".repeat(n),
            "</div>".repeat(n)
        );
        assert_eq!(texts(&html), ["Title", "Deep text."]);
    }

    /// Unclosed list items and paragraphs (old HTML) do not count as nesting.
    #[test]
    fn unclosed_items_do_not_fill_the_cap() {
        let mut html = String::from("<html><body><main><h1>T</h1><ul class=x>");
        for i in 0..depth::MAX_OPEN * 2 {
            html.push_str(&format!("<li><p>Item {i}"));
        }
        html.push_str("</ul></main></body></html>");
        let (blocks, _) = extract(&html);
        assert_eq!(blocks.len(), 1 + depth::MAX_OPEN * 2);
        // The parser's tree is as deep as the markup says: the last item sits in the list.
        let (doc, _) = parse_with_lines(&html);
        let last = doc
            .root_element()
            .descendants()
            .filter_map(ElementRef::wrap)
            .filter(|e| e.value().name() == "li")
            .last()
            .unwrap();
        assert!(last.ancestors().count() < 10);
    }
}
