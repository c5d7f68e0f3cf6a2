//! Renders statements as pages in the seed format (`../shared/PAGES.md`: ministry pages with the
//! date and time glued, title, switcher, paragraphs, `Advanced settings`; embassy pages with a
//! header of clocks and contacts, a counter banner, a section label, teasers and `all
//! messages`) and as HTML pages with site chrome around `<main><article>` (cookie banner,
//! header with menu and language switcher, share bar, teaser list, aside, footer). Each page
//! comes with its truth: the main statement's body paragraphs as extraction should return them,
//! and the chrome blocks that must stay out of every statement.

use polyalign::model::Lang;

use super::ministry_date;

/// A rendered page and its truth.
pub struct Rendered {
    /// File contents.
    pub text: String,
    /// The main statement's title.
    pub title: String,
    /// The main statement's body paragraphs, normalised as extraction returns them.
    pub body: Vec<String>,
    /// Chrome texts that must not appear in any statement's title or paragraphs.
    pub chrome: Vec<String>,
    /// The teasers' titles and leads (statement text too).
    pub teaser_text: Vec<String>,
}

/// A teaser of another statement: date, title, lead.
pub struct Teaser {
    pub date: (i32, usize, usize),
    pub title: String,
    pub lead: String,
}

/// The teasers' titles and leads, normalised, in page order.
fn teaser_text(teasers: &[Teaser]) -> Vec<String> {
    teasers
        .iter()
        .flat_map(|t| [norm(&t.title), norm(&t.lead)])
        .collect()
}

/// Normalised as polyalign reads a line (NBSP and space runs collapsed, NFC).
pub fn norm(s: &str) -> String {
    polyalign::text::normalize_line(s)
}

/// The ministry page: date line (time glued), title, switcher, paragraphs, `Advanced settings`.
pub fn ministry(
    l: Lang,
    date: (i32, usize, usize),
    time: Option<(usize, usize)>,
    title: &str,
    switcher_langs: &[Lang],
    body: &[String],
) -> Rendered {
    let (y, m, d) = date;
    let dl = ministry_date(l, y, m, d, time);
    let switcher = format!(
        "  • {}",
        switcher_langs
            .iter()
            .map(|l| format!("{}1", l.default_tag()))
            .collect::<Vec<_>>()
            .join(" ")
    );
    let mut page = format!("{dl}\n\n{title}\n\n{switcher}\n\n");
    for p in body {
        page.push_str(p);
        page.push_str("\n\n");
    }
    page.push_str("Advanced settings\n");
    Rendered {
        text: page,
        title: norm(title),
        body: body.iter().map(|p| norm(p)).collect(),
        chrome: vec!["Advanced settings".into(), "de-DE1".into(), "en-GB1".into()],
        teaser_text: Vec::new(),
    }
}

/// How an embassy page is dressed around its statement.
pub struct Embassy {
    /// The page's own date (in the header).
    pub day: (i32, usize, usize),
    /// Local time of the page (London; Moscow is three hours ahead).
    pub clock: (usize, usize),
    /// The banner's counter.
    pub counter: usize,
    /// An e-mail line under the phone number.
    pub email: bool,
    /// A section label and the statement's date line before the title.
    pub section: Option<(i32, usize, usize)>,
    /// Blank lines between the banner and the title (the seeds have one to three).
    pub gap: usize,
}

/// The embassy page: header (page date, clocks), contacts, banner, optional section label and
/// date line, title, paragraphs, `LATEST EVENTS` and teasers, `all messages`.
pub fn embassy(e: &Embassy, title: &str, body: &[String], teasers: &[Teaser]) -> Rendered {
    let (y, m, d) = e.day;
    let (hh, mm) = e.clock;
    let mut page = format!(
        "{d} {} {y}\nMoscow: {:02}:{mm:02}\nLondon: {hh:02}:{mm:02}\n\nConsular queries:\n+44 (0) 20 7946 0321\n",
        polyalign::date::month_name(Lang::En, m as u8),
        (hh + 3) % 24,
    );
    if e.email {
        page.push_str("info@embassy.example.org\n");
    }
    page.push_str(&format!(
        "\n{} days have passed since the incident\u{a0}\u{a0}\u{a0}\n{}",
        e.counter,
        "\n".repeat(e.gap.max(1))
    ));
    if let Some((sy, sm, sd)) = e.section {
        page.push_str(&format!(
            "\nSPEECHES, INTERVIEWS, ARTICLES\n\n{sd:02}.{sm:02}.{sy}\n\n"
        ));
    } else {
        page.push('\n');
    }
    page.push_str(title);
    page.push_str("\n\n");
    for p in body {
        page.push_str(p);
        page.push_str("\n\n");
    }
    page.push_str("LATEST EVENTS\n\n");
    for t in teasers {
        let (ty, tm, td) = t.date;
        page.push_str(&format!(
            "{td:02}.{tm:02}.{ty} - {}\n\n{}\n\n",
            t.title, t.lead
        ));
    }
    page.push_str("all messages\n");
    Rendered {
        text: page,
        title: norm(title),
        body: body.iter().map(|p| norm(p)).collect(),
        chrome: [
            "Moscow: ",
            "London: ",
            "Consular queries",
            "+44 (0) 20 7946 0321",
            "info@embassy.example.org",
            "days have passed since the incident",
            "SPEECHES, INTERVIEWS, ARTICLES",
            "LATEST EVENTS",
            "all messages",
        ]
        .map(String::from)
        .to_vec(),
        teaser_text: teaser_text(teasers),
    }
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// Which container holds the statement on an HTML page.
#[derive(Clone, Copy)]
pub enum Layout {
    /// `<main><article>` with the title and date in the article's header.
    MainArticle,
    /// `<main>` only, an `<aside>` of related links inside it.
    MainOnly,
    /// `<div id="content">`, no `main`.
    ContentDiv,
    /// An old embassy table layout: a menu cell, then a cell with a bold date, an `<h2>` title
    /// (no `<h1>`) and paragraphs separated by `<br><br>`; the `<title>` names the site first.
    Table,
    /// The date in a `<div class="date">` above `<div id="content">`, the title in a
    /// `<div class="title">`, paragraphs as `<div>`s; the `<title>` is the site's name only.
    DateAbove,
}

/// The [`Layout::Table`] and [`Layout::DateAbove`] pages: no `<main>`, `<article>` or `<h1>`.
fn old_html(
    l: Lang,
    date: (i32, usize, usize),
    layout: Layout,
    title: &str,
    body: &[String],
) -> Rendered {
    let (y, m, d) = date;
    let tag = l.default_tag();
    let month = polyalign::date::month_name(l, m as u8);
    let mut h = String::new();
    match layout {
        Layout::Table => {
            h.push_str(&format!(
                "<html lang=\"{tag}\"><head><meta charset=\"utf-8\"><title>Embassy - {}</title></head>\n<body>\n",
                escape(title)
            ));
            h.push_str("<table width=\"100%\"><tr><td class=\"menu\"><a href=\"/\">Home</a><br><a href=\"/news\">News and events</a><br><a href=\"/consular\">Consular services</a></td>\n");
            h.push_str(&format!(
                "<td class=\"main\"><b>{d:02}.{m:02}.{y}</b><br>\n<h2>{}</h2>\n",
                escape(title)
            ));
            let paras: Vec<String> = body.iter().map(|p| escape(p)).collect();
            h.push_str(&paras.join("<br><br>\n"));
            h.push_str("\n</td></tr></table>\n<div class=\"footer\">© Embassy, all rights reserved</div>\n</body></html>\n");
        }
        _ => {
            h.push_str(&format!(
                "<html lang=\"{tag}\"><head><meta charset=\"utf-8\"><title>Ministry of Foreign Affairs</title></head>\n<body>\n"
            ));
            h.push_str("<header class=\"site-header\"><a class=\"logo\" href=\"/\">Ministry of Foreign Affairs</a></header>\n");
            h.push_str(&format!(
                "<div class=\"page\">\n<div class=\"date\">{d} {month} {y}</div>\n<div id=\"content\">\n<div class=\"title\">{}</div>\n",
                escape(title)
            ));
            for p in body {
                h.push_str(&format!("<div>{}</div>\n", escape(p)));
            }
            h.push_str("</div>\n</div>\n<footer class=\"site-footer\"><p>© 2021 Ministry of Foreign Affairs. All rights reserved.</p></footer>\n</body></html>\n");
        }
    }
    Rendered {
        text: h,
        title: norm(title),
        body: body.iter().map(|p| norm(p)).collect(),
        chrome: [
            "Ministry of Foreign Affairs",
            "News and events",
            "Consular services",
            "all rights reserved",
            "All rights reserved",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect(),
        teaser_text: Vec::new(),
    }
}

/// An HTML page: cookie banner, site header with menu and language switcher, the statement in
/// its container (title, `<time>`, paragraphs, share bar), a teaser list, an aside, a footer.
pub fn html(
    l: Lang,
    date: (i32, usize, usize),
    layout: Layout,
    title: &str,
    switcher_langs: &[Lang],
    body: &[String],
    teasers: &[Teaser],
) -> Rendered {
    let (y, m, d) = date;
    let tag = l.default_tag();
    if matches!(layout, Layout::Table | Layout::DateAbove) {
        return old_html(l, date, layout, title, body);
    }
    let mut h = format!(
        "<!DOCTYPE html>\n<html lang=\"{tag}\">\n<head>\n<meta charset=\"utf-8\">\n<title>{} | Ministry of Foreign Affairs</title>\n",
        escape(title)
    );
    for s in switcher_langs {
        h.push_str(&format!(
            "<link rel=\"alternate\" hreflang=\"{}\" href=\"/{}/news/\">\n",
            s.code(),
            s.code()
        ));
    }
    h.push_str("<style>body { font-family: sans-serif }</style>\n<script>window.dataLayer = [];</script>\n</head>\n<body>\n");
    h.push_str("<div class=\"cookie-banner\"><p>We use cookies to improve this site.</p><button>Accept all cookies</button></div>\n");
    h.push_str("<header class=\"site-header\"><a class=\"logo\" href=\"/\">Ministry of Foreign Affairs</a>\n<nav class=\"main-nav\"><ul><li><a href=\"/news\">News and events</a></li><li><a href=\"/press\">Press service</a></li><li><a href=\"/visits\">Official visits</a></li><li><a href=\"/contacts\">Contacts</a></li></ul></nav>\n<ul class=\"lang-switcher\">");
    for s in switcher_langs {
        h.push_str(&format!(
            "<li><a hreflang=\"{}\" href=\"/{}/news/\">{}</a></li>",
            s.code(),
            s.code(),
            s.code().to_uppercase()
        ));
    }
    h.push_str("</ul>\n</header>\n");
    let (open, close) = match layout {
        Layout::MainArticle => ("<main>\n<article>\n", "</article>\n"),
        Layout::MainOnly => ("<main>\n", ""),
        Layout::ContentDiv | Layout::Table | Layout::DateAbove => ("<div id=\"content\">\n", ""),
    };
    h.push_str(open);
    h.push_str(&format!(
        "<header class=\"article-header\"><h1>{}</h1>\n<p class=\"meta\"><time datetime=\"{y:04}-{m:02}-{d:02}\">{d} {} {y}</time></p></header>\n",
        escape(title),
        polyalign::date::month_name(l, m as u8)
    ));
    for p in body {
        h.push_str(&format!("<p>{}</p>\n", escape(p)));
    }
    h.push_str("<div class=\"share-buttons\">Share: <a href=\"#\">Facebook</a> <a href=\"#\">Twitter</a> <a href=\"#\">Telegram</a></div>\n");
    h.push_str(close);
    if let Layout::MainOnly = layout {
        h.push_str("<aside class=\"related\"><h3>Related documents</h3><ul><li><a href=\"/r/1\">Annual report of the Ministry</a></li></ul></aside>\n");
    }
    if !teasers.is_empty() {
        h.push_str("<section class=\"news-list\"><h2>Latest news</h2>\n<ul>\n");
        for (i, t) in teasers.iter().enumerate() {
            let (ty, tm, td) = t.date;
            h.push_str(&format!(
                "<li><span class=\"date\">{td:02}.{tm:02}.{ty}</span> <a href=\"/n/{i}\">{}</a><p>{}</p></li>\n",
                escape(&t.title),
                escape(&t.lead)
            ));
        }
        h.push_str("</ul>\n</section>\n");
    }
    h.push_str(match layout {
        Layout::ContentDiv | Layout::Table | Layout::DateAbove => "</div>\n",
        _ => "</main>\n",
    });
    h.push_str("<aside class=\"sidebar\"><h3>Consular services</h3><p>Visa applications are accepted on weekdays from 9:00 to 12:00.</p></aside>\n");
    h.push_str("<footer class=\"site-footer\"><p>© 2021 Ministry of Foreign Affairs. All rights reserved.</p><a href=\"/sitemap\">Sitemap</a></footer>\n</body>\n</html>\n");
    Rendered {
        text: h,
        title: norm(title),
        body: body.iter().map(|p| norm(p)).collect(),
        chrome: [
            "We use cookies to improve this site.",
            "Accept all cookies",
            "Ministry of Foreign Affairs",
            "News and events",
            "Press service",
            "Official visits",
            "Share: Facebook",
            "Latest news",
            "Related documents",
            "Annual report of the Ministry",
            "Consular services",
            "Visa applications are accepted",
            "All rights reserved",
            "Sitemap",
        ]
        .map(String::from)
        .to_vec(),
        teaser_text: teaser_text(teasers),
    }
}
