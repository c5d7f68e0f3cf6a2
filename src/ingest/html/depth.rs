//! Keeps html5ever's stack of open elements shallow, so that parsing stays linear however deep
//! a page nests its tags.
//!
//! html5ever scans its stack of open elements on many start tags (every `<div>` and `<p>`
//! checks "is a `<p>` open in button scope?", which walks the whole stack when none is). A page of
//! 100,000 unclosed `<div>`s therefore costs 100,000²/2 steps: 31 s for 1.1 MB. A tree sink
//! cannot help, because the stack belongs to the tree builder; so this filter sits between the
//! tokenizer and the tree builder and keeps its own estimate of the open elements. Beyond
//! [`MAX_OPEN`] levels a start tag (and its end tag) is not passed on: its text stays where it
//! is, in the element at the cap, and a block-level tag becomes a paragraph break (two `<br>`s,
//! which the block walker reads as a block boundary), so the text comes out as the same blocks,
//! only flattened. Chrome elements (`<nav>`, `<footer>` …) beyond the cap are passed on with
//! their content swallowed (it would be dropped anyway); raw-text elements (`<script>`,
//! `<style>` …) are always passed on, so that their content is never read as text, and so are
//! headings (the `<h1>` is the title); neither nests.

use std::cell::{Cell, RefCell};
use std::collections::HashMap;

use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, LocalName};

/// Open elements passed on to html5ever (its own stack holds a few more: `html`, `body`,
/// reconstructed formatting elements). Real pages nest a few dozen levels.
pub const MAX_OPEN: usize = 256;

/// Elements without content: never open.
const VOID: &[&str] = &[
    "area", "base", "basefont", "bgsound", "br", "col", "embed", "frame", "hr", "img", "input",
    "keygen", "link", "meta", "param", "source", "track", "wbr",
];

/// Elements whose content the tokenizer reads as raw text only when the tree builder has
/// seen their start tag.
const RAW_TEXT: &[&str] = &[
    "script",
    "style",
    "textarea",
    "title",
    "xmp",
    "iframe",
    "noembed",
    "noframes",
    "noscript",
    "plaintext",
];

/// Headings are passed on beyond the cap (their element names the title): they do not nest, a
/// heading start tag closes an open heading.
const HEADINGS: &[&str] = &["h1", "h2", "h3", "h4", "h5", "h6"];

/// Start tags that close an open `<p>` (HTML's "close a p element" list, abridged).
const CLOSES_P: &[&str] = &[
    "address",
    "article",
    "aside",
    "blockquote",
    "center",
    "details",
    "dialog",
    "dir",
    "div",
    "dl",
    "fieldset",
    "figcaption",
    "figure",
    "footer",
    "form",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "header",
    "hgroup",
    "hr",
    "li",
    "dd",
    "dt",
    "listing",
    "main",
    "menu",
    "nav",
    "ol",
    "p",
    "pre",
    "section",
    "summary",
    "table",
    "ul",
    "xmp",
];

/// Elements that end the search for an open element (HTML's "in scope" boundaries).
const SCOPE: &[&str] = &[
    "applet", "caption", "html", "table", "td", "th", "marquee", "object", "template", "button",
];

/// The token sink between the tokenizer and the tree builder.
pub struct DepthFilter<S> {
    pub inner: S,
    /// Our estimate of html5ever's stack of open elements.
    open: RefCell<Vec<LocalName>>,
    /// How many of each name are in `open` (lets most searches stop at once).
    counts: RefCell<HashMap<LocalName, usize>>,
    /// Start tags not passed on, by name, waiting for their end tags.
    dropped: RefCell<HashMap<LocalName, usize>>,
    /// Inside a chrome element beyond the cap: its name and nesting; everything is swallowed.
    skipping: RefCell<Option<(LocalName, usize)>>,
    /// Text was passed on since the last paragraph break made here.
    text_since_break: Cell<bool>,
}

impl<S> DepthFilter<S> {
    pub fn new(inner: S) -> Self {
        DepthFilter {
            inner,
            open: RefCell::new(Vec::new()),
            counts: RefCell::new(HashMap::new()),
            dropped: RefCell::new(HashMap::new()),
            skipping: RefCell::new(None),
            text_since_break: Cell::new(false),
        }
    }
}

fn is(name: &LocalName, set: &[&str]) -> bool {
    set.contains(&&**name)
}

impl<S: TokenSink> DepthFilter<S> {
    fn push(&self, name: LocalName) {
        *self.counts.borrow_mut().entry(name.clone()).or_insert(0) += 1;
        self.open.borrow_mut().push(name);
    }

    /// Pops `open` down to (and without) index `i`.
    fn truncate(&self, i: usize) {
        let mut open = self.open.borrow_mut();
        let mut counts = self.counts.borrow_mut();
        for n in open.drain(i..) {
            if let Some(c) = counts.get_mut(&n) {
                *c -= 1;
            }
        }
    }

    /// The index of the innermost open element named one of `targets`, searching no further
    /// than an element named in `stops`.
    fn find_open(&self, targets: &[&str], stops: &[&str]) -> Option<usize> {
        let counts = self.counts.borrow();
        if !targets
            .iter()
            .any(|t| counts.get(&LocalName::from(*t)).is_some_and(|&c| c > 0))
        {
            return None;
        }
        let open = self.open.borrow();
        for (i, n) in open.iter().enumerate().rev() {
            if is(n, targets) {
                return Some(i);
            }
            if is(n, stops) {
                return None;
            }
        }
        None
    }

    /// The elements HTML closes implicitly when `name` starts (`<li>` closes an open `<li>`,
    /// a `<div>` closes an open `<p>` …), so that the estimate does not grow on pages that
    /// leave them unclosed.
    fn close_implied(&self, name: &LocalName) {
        let (targets, stops): (&[&str], &[&str]) = match &**name {
            "li" => (&["li"], &["ul", "ol", "menu", "table", "td", "th"]),
            "dd" | "dt" => (&["dd", "dt"], &["dl", "table", "td", "th"]),
            "tr" => (&["tr"], &["table"]),
            "td" | "th" => (&["td", "th"], &["tr", "table"]),
            "tbody" | "thead" | "tfoot" => (&["tbody", "thead", "tfoot"], &["table"]),
            "option" | "optgroup" => (&["option"], &["select", "datalist"]),
            _ => (&[], &[]),
        };
        if let Some(i) = self.find_open(targets, stops) {
            self.truncate(i);
        }
        if is(name, HEADINGS) && self.open.borrow().last().is_some_and(|t| is(t, HEADINGS)) {
            let top = self.open.borrow().len() - 1;
            self.truncate(top);
        }
        if is(name, CLOSES_P) {
            if let Some(i) = self.find_open(&["p"], SCOPE) {
                self.truncate(i);
            }
        }
    }

    fn forward(&self, token: Token, line: u64) -> TokenSinkResult<S::Handle> {
        self.inner.process_token(token, line)
    }

    /// Two `<br>`s: a paragraph break for the block walker, in place of a block tag not passed
    /// on. None is needed when no text came since the last one.
    fn paragraph_break(&self, line: u64) {
        if !self.text_since_break.replace(false) {
            return;
        }
        for _ in 0..2 {
            let br = Tag {
                kind: TagKind::StartTag,
                name: local_name!("br"),
                self_closing: false,
                attrs: Vec::new(),
            };
            let _ = self.forward(Token::TagToken(br), line);
        }
    }

    fn tag(&self, tag: Tag, line: u64) -> TokenSinkResult<S::Handle> {
        // Inside a swallowed chrome element: only its own end tag comes through.
        let skip_done = {
            let mut skipping = self.skipping.borrow_mut();
            match skipping.as_mut() {
                None => None,
                Some((name, depth)) => {
                    if *name == tag.name {
                        match tag.kind {
                            TagKind::StartTag if !tag.self_closing => *depth += 1,
                            TagKind::EndTag => *depth -= 1,
                            TagKind::StartTag => {}
                        }
                    }
                    Some(*depth == 0)
                }
            }
        };
        match skip_done {
            Some(true) => {
                *self.skipping.borrow_mut() = None;
                return self.forward(Token::TagToken(tag), line);
            }
            Some(false) => return TokenSinkResult::Continue,
            None => {}
        }
        let name = tag.name.clone();
        let block = is(&name, super::BLOCK_ELEMENTS);
        match tag.kind {
            TagKind::StartTag => {
                if is(&name, VOID) || tag.self_closing || is(&name, &["html", "head", "body"]) {
                    return self.forward(Token::TagToken(tag), line);
                }
                self.close_implied(&name);
                if self.open.borrow().len() >= MAX_OPEN
                    && !is(&name, RAW_TEXT)
                    && !is(&name, HEADINGS)
                {
                    if is(&name, super::DROP_ELEMENTS) {
                        *self.skipping.borrow_mut() = Some((name, 1));
                        return self.forward(Token::TagToken(tag), line);
                    }
                    *self.dropped.borrow_mut().entry(name).or_insert(0) += 1;
                    if block {
                        self.paragraph_break(line);
                    }
                    return TokenSinkResult::Continue;
                }
                self.push(name);
                self.forward(Token::TagToken(tag), line)
            }
            TagKind::EndTag => {
                // The innermost element of a name is a dropped one when any is waiting: they
                // were opened deeper than everything in `open`.
                let was_dropped = {
                    let mut dropped = self.dropped.borrow_mut();
                    match dropped.get_mut(&name) {
                        Some(c) if *c > 0 => {
                            *c -= 1;
                            true
                        }
                        _ => false,
                    }
                };
                if was_dropped {
                    if block {
                        self.paragraph_break(line);
                    }
                    return TokenSinkResult::Continue;
                }
                let stops: &[&str] = match &*name {
                    "table" => &["html", "template"],
                    "tr" | "tbody" | "thead" | "tfoot" | "td" | "th" | "caption" => {
                        &["table", "html", "template"]
                    }
                    _ => SCOPE,
                };
                if let Some(i) = self.find_open(&[&*name], stops) {
                    self.truncate(i);
                }
                self.forward(Token::TagToken(tag), line)
            }
        }
    }
}

impl<S: TokenSink> TokenSink for DepthFilter<S> {
    type Handle = S::Handle;

    fn process_token(&self, token: Token, line: u64) -> TokenSinkResult<S::Handle> {
        match token {
            Token::TagToken(tag) => self.tag(tag, line),
            Token::EOFToken | Token::ParseError(_) => self.forward(token, line),
            _ if self.skipping.borrow().is_some() => TokenSinkResult::Continue,
            Token::CharacterTokens(t) => {
                if t.chars().any(|c| !c.is_whitespace()) {
                    self.text_since_break.set(true);
                }
                self.forward(Token::CharacterTokens(t), line)
            }
            other => self.forward(other, line),
        }
    }

    fn end(&self) {
        self.inner.end()
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.inner
            .adjusted_current_node_present_but_not_in_html_namespace()
    }
}
