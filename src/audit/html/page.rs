//! What every report page shares: the document head with the inline style sheet, the legend,
//! the filter form, and the inline script that drives it.
//!
//! The script is optional: it reveals the filter form (hidden without JS, where there is
//! nothing to filter with) and hides rows. A page URL ending in `#only=omission,addition` opens
//! with only those kinds ticked (on a month page also "only rows with findings" and "hide
//! statements without findings"); the index links its per-month kind counts that way.

use std::fmt::Write as _;

use super::text::{kind_description, severity_name, KINDS, LOW_SCORE, MID_SCORE, SEVERITIES};
use crate::model::Lang;

/// Writes everything up to and including `<main>`.
///
/// `html_attrs` go on the `<html>` element (the page kind and month hooks), `h1` and `nav` are
/// trusted markup built by the caller.
pub(super) fn write_head(out: &mut String, title: &str, html_attrs: &str, h1: &str, nav: &str) {
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\"{html_attrs}>\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta name=\"generator\" content=\"polyalign\">\n<title>{title}</title>\n<style>\n"
    );
    out.push_str(CSS);
    let _ = write!(
        out,
        "</style>\n</head>\n<body>\n<header class=\"page\" id=\"top\">\n<h1>{h1}</h1>\n\
         <nav class=\"jump\" aria-label=\"Contents\">{nav}</nav>\n</header>\n<main>\n"
    );
}

/// Closes `<main>`, adds the script and ends the document.
pub(super) fn write_foot(out: &mut String) {
    out.push_str("</main>\n<script>\n");
    out.push_str(JS);
    out.push_str("</script>\n</body>\n</html>\n");
}

/// The legend: finding kinds, coverage states, severities and how the side-by-side view marks
/// things. Open on the index; folded on month pages, where it is a reminder.
pub(super) fn write_legend(out: &mut String, open: bool) {
    let _ = write!(
        out,
        "<section id=\"legend\" class=\"card\">\n<details class=\"legend-box\"{}>\n<summary><h2>Legend</h2></summary>\n<div class=\"legend\">\n",
        if open { " open" } else { "" }
    );
    out.push_str("<div>\n<h3>Finding kinds</h3>\n<dl class=\"kinds\">\n");
    for kind in KINDS {
        let _ = writeln!(
            out,
            "<dt><span class=\"badge k-{k}\">{k}</span></dt><dd>{d}</dd>",
            k = kind.name(),
            d = kind_description(kind)
        );
    }
    out.push_str(
        "</dl>\n</div>\n<div>\n<h3>Coverage</h3>\n<table class=\"cov legend-cov\"><tbody>\n",
    );
    out.push_str(
        "<tr><td class=\"c-present\">✓ present</td><td>a full version is in the corpus</td></tr>\n",
    );
    out.push_str("<tr><td class=\"c-teaser-only\">◐ teaser only</td><td>only a teaser (short list entry) was found</td></tr>\n");
    out.push_str("<tr><td class=\"c-missing\">✗ missing</td><td>promised by the language switcher, not in the corpus</td></tr>\n");
    out.push_str(
        "<tr><td class=\"c-absent\">– absent</td><td>neither present nor promised</td></tr>\n",
    );
    out.push_str("</tbody></table>\n<h3>Severity</h3>\n<p>");
    for s in SEVERITIES {
        let _ = write!(
            out,
            "<span class=\"sev sev-{n}\">{n}</span> ",
            n = severity_name(s)
        );
    }
    out.push_str("</p>\n<h3>Side-by-side view</h3>\n<ul class=\"plain\">\n");
    out.push_str("<li><span class=\"pi\">¶3</span> paragraph numbers count from 1 (JSON indices + 1); unit numbers are as in the JSON</li>\n");
    out.push_str("<li><span class=\"swatch flagged\"></span> row with a finding; the badge names it and links to it</li>\n");
    out.push_str("<li><span class=\"swatch hit\"></span> cell the finding is about</li>\n");
    out.push_str(
        "<li><span class=\"swatch empty\"></span> — no counterpart — in that language</li>\n",
    );
    let _ = writeln!(
        out,
        "<li><span class=\"score\">0.92</span> <span class=\"score mid\">0.62</span> <span class=\"score low\">0.31</span> alignment score: ≥ {MID_SCORE}, below {MID_SCORE}, below {LOW_SCORE} (muted)</li>"
    );
    out.push_str("<li><span class=\"note\">reads as en</span> paragraph identified as another language</li>\n");
    out.push_str("</ul>\n</div>\n</div>\n</details>\n</section>\n");
}

/// The filter form, hidden until the script runs. The index filters its findings table by kind
/// and by the language of the version concerned; a month page filters findings by kind and can
/// hide clean rows and statements.
pub(super) fn write_filters(out: &mut String, month_page: bool) {
    out.push_str("<section id=\"filters\" class=\"card\" hidden>\n<h2>Filter <span class=\"muted small\"><output id=\"shown\"></output></span></h2>\n<form class=\"filters\">\n");
    out.push_str("<fieldset><legend>Finding kinds</legend>\n");
    for kind in KINDS {
        let _ = writeln!(
            out,
            "<label><input type=\"checkbox\" name=\"kind\" value=\"{k}\" checked> <span class=\"badge k-{k}\">{k}</span></label>",
            k = kind.name()
        );
    }
    out.push_str("</fieldset>\n");
    if month_page {
        out.push_str("<fieldset><legend>Side-by-side rows</legend>\n");
        out.push_str(
            "<label><input type=\"checkbox\" name=\"flagged\"> only rows with findings</label>\n",
        );
        out.push_str("<label><input type=\"checkbox\" name=\"clean\"> hide statements without findings</label>\n");
    } else {
        out.push_str("<fieldset><legend>Language of the version concerned</legend>\n");
        for l in Lang::ALL {
            let _ = writeln!(
                out,
                "<label><input type=\"checkbox\" name=\"lang\" value=\"{l}\" checked> <span class=\"lang\">{l}</span></label>"
            );
        }
    }
    out.push_str("</fieldset>\n</form>\n</section>\n");
}

const JS: &str = r#"(function(){
"use strict";
document.documentElement.setAttribute("data-js","on");
var box=document.getElementById("filters");
if(!box){return;}
box.hidden=false;
var form=box.querySelector("form");
function inputs(name){return Array.prototype.slice.call(form.querySelectorAll("input[name="+name+"]"));}
function ticked(name){var on={};inputs(name).forEach(function(c){on[c.value]=c.checked;});return on;}
function tick(name){var c=form.querySelector("input[name="+name+"]");return !!(c&&c.checked);}
function apply(){
  var kinds=ticked("kind"),langs=ticked("lang"),byLang=inputs("lang").length>0;
  var flaggedOnly=tick("flagged"),hideClean=tick("clean"),shown=0,all=0;
  document.querySelectorAll("tr[data-finding-kind]").forEach(function(r){
    var first=(r.getAttribute("data-langs")||"").split(" ")[0];
    var on=kinds[r.getAttribute("data-finding-kind")]&&(!byLang||!first||langs[first]);
    r.classList.toggle("hidden-by-filter",!on);
    all++;if(on){shown++;}
  });
  document.querySelectorAll("tr[data-unit]").forEach(function(r){
    var ks=(r.getAttribute("data-findings")||"").split(" ").filter(Boolean);
    r.classList.toggle("hidden-by-filter",flaggedOnly&&!ks.some(function(k){return kinds[k];}));
  });
  document.querySelectorAll("section.group").forEach(function(s){
    var any=s.querySelector("tr[data-finding-kind]:not(.hidden-by-filter)");
    s.classList.toggle("hidden-by-filter",hideClean&&!any);
  });
  document.getElementById("shown").textContent=shown+" of "+all+" findings shown";
}
function fromHash(){
  var m=/^#only=([a-z,-]+)$/.exec(location.hash);
  if(!m){return;}
  var want={};m[1].split(",").forEach(function(k){want[k]=true;});
  inputs("kind").forEach(function(c){c.checked=!!want[c.value];});
  inputs("flagged").concat(inputs("clean")).forEach(function(c){c.checked=true;});
}
form.addEventListener("change",apply);
window.addEventListener("hashchange",function(){fromHash();apply();});
fromHash();
apply();
})();
"#;

/// The style sheet of every page.
///
/// `.card{content-visibility:auto}` lets the browser skip the layout of sections that are off
/// screen until they are scrolled to (find-in-page and `#fragment` links still reach them): a
/// 4 MB month page then opens in about a quarter of the time (see BENCHMARKS.md).
const CSS: &str = r#":root{--bg:#f4f5f7;--fg:#1c1e21;--muted:#687080;--line:#dfe2e6;--card:#fff;--accent:#1f5fbf;--head:#1e2a44}
*{box-sizing:border-box}
body{margin:0;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,"Noto Sans","DejaVu Sans",sans-serif;color:var(--fg);background:var(--bg)}
a{color:var(--accent);text-decoration:none}a:hover{text-decoration:underline}
code{font:12.5px/1.3 ui-monospace,"DejaVu Sans Mono",Menlo,Consolas,monospace;overflow-wrap:anywhere}
header.page{background:var(--head);color:#fff;padding:.9rem 2rem;display:flex;flex-wrap:wrap;align-items:baseline;gap:.5rem 2rem}
header.page h1{margin:0;font-size:1.5rem;letter-spacing:.01em}
header.page h1 a{color:#fff}header.page h1 .where{color:#cfe0ff;font-weight:600}
header.page nav a{color:#cfe0ff;margin-right:1rem;font-size:.95rem}
main{max-width:1680px;margin:0 auto;padding:.5rem 1.5rem 4rem}
.card{background:var(--card);border:1px solid var(--line);border-radius:10px;padding:1rem 1.25rem;margin:1.1rem 0;box-shadow:0 1px 2px rgba(0,0,0,.04)}
.card{content-visibility:auto;contain-intrinsic-size:auto 900px}
h2{font-size:1.25rem;margin:.1rem 0 .6rem}
h3{font-size:1rem;margin:1.1rem 0 .45rem;color:#2b3240}
.muted{color:var(--muted)}.small{font-size:.8rem;font-weight:normal}
table{border-collapse:collapse;width:100%}
th,td{padding:.35rem .55rem;text-align:left;vertical-align:top;border-bottom:1px solid var(--line)}
thead th{font-size:.78rem;text-transform:uppercase;letter-spacing:.04em;color:#4a5263;background:#f0f2f5}
td.n,th.n{text-align:right;font-variant-numeric:tabular-nums}
.total{font-weight:700}
ul.stats{display:flex;flex-wrap:wrap;gap:.75rem;list-style:none;padding:0;margin:0 0 .5rem}
ul.stats li{background:#f0f4fb;border:1px solid #d8e2f3;border-radius:8px;padding:.4rem .9rem;color:#3a4456}
ul.stats .num{display:block;font-size:1.6rem;font-weight:700;color:var(--head);line-height:1.1}
table.counts{width:auto;min-width:34rem}
table.counts tr.zero{color:#a0a6b0}table.counts tr.zero .badge{opacity:.55}
.lang{display:inline-block;font:600 .75rem/1.5 ui-monospace,"DejaVu Sans Mono",monospace;background:#e8ebf0;color:#2b3240;border-radius:4px;padding:0 .35em;text-transform:uppercase}
.lang.teaser{background:#fff1c7;color:#6b4a00}.lang.first{background:#dbe6fb;color:#173f85}
.badge{display:inline-block;padding:0 .5em;margin:.05em .15em .05em 0;border-radius:999px;font-size:.74rem;font-weight:600;line-height:1.55;white-space:nowrap;border:1px solid rgba(0,0,0,.12)}
a.badge:hover{text-decoration:none;filter:brightness(.95)}
.k-missing-language{background:#fddedc;color:#8c1d18}
.k-teaser-only{background:#ffeec2;color:#6e4b00}
.k-single-version{background:#e3eefc;color:#1c3f73}
.k-duplicate{background:#ece2fb;color:#4d2a8c}
.k-omission{background:#ffe0c7;color:#8a3d00}
.k-addition{background:#d9ecff;color:#0d4a8a}
.k-untranslated{background:#fbd9ef;color:#861b5e}
.k-copied{background:#d7f3ef;color:#0b5c52}
.k-truncated{background:#eadfd5;color:#5e3b1c}
.k-length-ratio{background:#f6f3c4;color:#5d5500}
.k-low-confidence{background:#e6e8eb;color:#3d4450}
.k-unmatched{background:#eef0dc;color:#44501a}
.k-conflict{background:#ffd6d6;color:#7c0a0a;border-style:dashed}
.sev{display:inline-block;font-size:.72rem;font-weight:700;text-transform:uppercase;letter-spacing:.03em;border-radius:3px;padding:0 .4em;white-space:nowrap}
.sev-high{background:#b3261e;color:#fff}.sev-medium{background:#e8710a;color:#fff}.sev-low{background:#f2d45c;color:#3b3000}.sev-info{background:#dfe3e8;color:#3d4450}
.legend{display:grid;grid-template-columns:minmax(0,3fr) minmax(0,2fr);gap:0 2.5rem}
dl.kinds{display:grid;grid-template-columns:max-content 1fr;gap:.25rem .8rem;margin:0}
dl.kinds dt{margin:0}dl.kinds dd{margin:0;color:#3a4456}
ul.plain{list-style:none;padding:0;margin:0}ul.plain li{margin:.2rem 0}
.swatch{display:inline-block;width:1.6em;height:1em;vertical-align:middle;margin-right:.4em;border:1px solid var(--line);border-radius:3px}
.swatch.flagged{background:#fff8ec;border-left:4px solid #e8710a}.swatch.hit{background:#fff0e0;box-shadow:inset 0 0 0 2px #f0a050}
.swatch.empty{background:repeating-linear-gradient(135deg,#f7f7f7 0 5px,#ececec 5px 10px)}
.filters{display:flex;flex-wrap:wrap;gap:1rem}.filters fieldset{border:1px solid var(--line);border-radius:8px}
.filters label{display:inline-block;margin:.1rem .6rem .1rem 0;white-space:nowrap}
.scroll{overflow-x:auto}
table.cov td{white-space:nowrap}
table.matrix th.lc,table.matrix td[data-lang]{text-align:center;width:8.5rem}
table.matrix td.date,td.date{white-space:nowrap;font-variant-numeric:tabular-nums;color:#3a4456}
.c-present{background:#e3f4e8;color:#175c2c;font-weight:600}
.c-teaser-only{background:#fff2cc;color:#6b4a00;font-weight:600}
.c-missing{background:#fcdcda;color:#8c1d18;font-weight:700}
.c-absent{color:#a3a9b3}
table.cov td.c-present,table.cov td.c-teaser-only,table.cov td.c-missing{border:2px solid #fff}
.copies{font-weight:normal;font-size:.75rem;text-align:left;white-space:normal;color:#4d2a8c}
.copies ul{margin:0;padding-left:1rem}
table.legend-cov{width:auto}table.legend-cov td+td{white-space:normal;color:#3a4456}
table.files td.lc{width:3.5rem}
tr.copy{background:#faf7ff}tr.missing td{background:#fdf0ef;color:#8c1d18;font-weight:600}
.gid{margin:-.3rem 0 .4rem;color:var(--muted);font-size:.85rem}
h2 .date{color:var(--muted);font-weight:600;font-variant-numeric:tabular-nums;margin-right:.35rem}
table.findings td{font-size:.9rem}
table.findings th.fid,table.findings td.fid{width:2.5rem}table.findings .kind{width:9rem}
tr.finding.sev-row-high td:first-child{box-shadow:inset 4px 0 #b3261e}
tr.finding.sev-row-medium td:first-child{box-shadow:inset 4px 0 #e8710a}
tr.finding.sev-row-low td:first-child{box-shadow:inset 4px 0 #f2d45c}
tr.finding:target{background:#fffbe0}
td.paras{white-space:nowrap;font-variant-numeric:tabular-nums}
blockquote.excerpt{margin:.3rem 0 0;padding:.2rem .6rem;border-left:3px solid var(--line);color:#4a5263;font-size:.85rem}
.ffiles{margin-top:.2rem;color:var(--muted)}
td.evidence{width:12rem}
td.evidence dl{display:grid;grid-template-columns:max-content 1fr;gap:0 .6rem;margin:0;font-size:.8rem}
td.evidence dt{color:var(--muted)}td.evidence dd{margin:0;font-variant-numeric:tabular-nums}
a.to-row{font-size:.8rem;white-space:nowrap}
table.sbs{table-layout:fixed;border:1px solid var(--line)}
table.sbs col.meta{width:7.2rem}
table.sbs thead th{position:sticky;top:0;z-index:2;background:#e9edf3;text-transform:none;letter-spacing:0;font-size:.85rem;color:#1c1e21;border-bottom:2px solid #c8ced8;box-shadow:0 1px 0 #c8ced8}
table.sbs thead th .tag{color:var(--muted);font-weight:normal;font-size:.8rem}
table.sbs thead th .file{font:normal .72rem/1.3 ui-monospace,"DejaVu Sans Mono",monospace;color:var(--muted);white-space:nowrap;overflow:hidden;text-overflow:ellipsis}
table.sbs td{border-left:1px solid #eceef1}
table.sbs td.seg{overflow-wrap:anywhere;hyphens:auto;font-size:.92rem;line-height:1.5}
table.sbs td.seg p{margin:0 0 .45rem}table.sbs td.seg p:last-child{margin-bottom:0}
table.sbs td.meta{font-size:.8rem;color:#3a4456;background:#fafbfc}
table.sbs td.meta .un{font-weight:700;font-size:.95rem}
.bead{font-family:ui-monospace,"DejaVu Sans Mono",monospace}
.score{font-variant-numeric:tabular-nums;color:#175c2c;font-weight:600}.score.mid{color:#9a5b00}.score.low{color:#9aa0a8;font-weight:normal;font-style:italic}
table.sbs tbody tr:nth-child(even) td.seg{background:#fcfcfd}
tr.unit.flagged td{background:#fff9f0!important}
tr.unit.flagged td.meta{box-shadow:inset 4px 0 #e8710a}
td.seg.hit{box-shadow:inset 0 0 0 2px #f0a050;background:#fff0e0!important}
td.seg.empty{background:repeating-linear-gradient(135deg,#f8f8f8 0 6px,#efefef 6px 12px)!important;color:#8a909a;font-style:italic;text-align:center;vertical-align:middle}
td.seg.empty.hit{color:#8a3d00;font-weight:600}
tr.unit:target td{outline:2px solid #1f5fbf}
.pi{display:inline-block;font:600 .68rem/1.4 ui-monospace,"DejaVu Sans Mono",monospace;color:#5a6272;background:#eef0f3;border-radius:3px;padding:0 .3em;margin-right:.4em;vertical-align:.08em}
.note{display:inline-block;font-size:.7rem;color:#861b5e;background:#fbe8f4;border-radius:3px;padding:0 .35em;margin-right:.3em}
p.back{margin:.6rem 0 0;font-size:.85rem}
.hidden-by-filter{display:none!important}
details.legend-box>summary{cursor:pointer;list-style:none}details.legend-box>summary::-webkit-details-marker{display:none}
details.legend-box>summary h2{display:inline}details.legend-box>summary:after{content:" ▸";color:var(--muted)}details.legend-box[open]>summary:after{content:" ▾"}
ul.parts{list-style:none;padding:0;margin:.3rem 0 0;display:flex;flex-wrap:wrap;gap:.4rem}
ul.parts li{border:1px solid var(--line);border-radius:6px;padding:.15rem .6rem;font-size:.9rem}ul.parts li.current{background:#dbe6fb;font-weight:600}
table.cov td.cnt{text-align:center;white-space:nowrap;font-variant-numeric:tabular-nums;font-size:.85rem}
table.cov td.cnt .c{display:inline-block;min-width:2.6em;border-radius:3px;padding:0 .25em;margin:0 .1em}
p.bound{margin:.2rem 0 .6rem;color:#3a4456}
@media (max-width:900px){
main{padding:.25rem .5rem 3rem}.card{padding:.75rem .6rem;border-radius:6px}
header.page{padding:.7rem 1rem}
.legend{grid-template-columns:1fr}
table.sbs col.meta{width:4.6rem}
table.sbs td,table.sbs th{padding:.3rem .35rem}
table.sbs td.seg{font-size:.84rem;hyphens:auto}
td.evidence{width:auto}table.findings .kind{width:auto}
table.findings thead{display:none}
table.findings tr{display:block;border-bottom:1px solid var(--line);padding:.3rem 0}
table.findings td{display:inline-block;border:0;padding:.1rem .3rem}
table.findings td:nth-child(6){display:block}
}
@media (max-width:600px){
.sbs-wrap{overflow-x:auto}
table.sbs.cols-2{min-width:26rem}table.sbs.cols-3{min-width:37rem}table.sbs.cols-4{min-width:48rem}table.sbs.cols-5{min-width:59rem}
}
@media print{header.page nav,#filters{display:none}table.sbs thead th{position:static}.card{box-shadow:none}}
"#;
