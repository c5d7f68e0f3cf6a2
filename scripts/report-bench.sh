#!/bin/sh
# Report benchmark: page sizes of the report (report.html + report/<month>.html) on a generated
# corpus, and the time headless Chromium takes to open the index and the largest month page.
#
#   scripts/report-bench.sh [MB]            # default 100: generate bench-data/<MB>mb if missing,
#                                           # run `polyalign audit` on it, measure the pages
#   scripts/report-bench.sh --measure FILE… # only the load times of existing pages
#
# Load time = what the page itself measures in Chromium: from navigation start to the load
# event with style and layout done (parse, inline script, style, layout; not the paint), via a
# timing script added to a copy of the page. "open" is the page as it is (sections off screen
# are laid out when scrolled to); "full layout" forces every section to be laid out, the cost
# of reading to the end or of searching the whole page. Each figure is the median of RUNS
# (default 3) runs, each with a fresh profile. Also printed: the wall time of the whole
# `chromium --headless --dump-dom` process, and the same for an empty page (browser start-up, to
# subtract). Needs chromium (scripts/setup-browser.sh) and, to generate the corpus,
# ../shared/data. Uses $CARGO_TARGET_DIR when set. Figures go into BENCHMARKS.md by hand.
set -eu
cd "$(dirname "$0")/.."

RUNS=${RUNS:-3}
CHROMIUM=${POLYALIGN_CHROMIUM:-chromium}
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT

# Milliseconds since the epoch.
now_ms() { date +%s%3N; }

# median of the numbers on stdin
median() { sort -n | awk '{a[NR]=$1} END {if (NR==0) print "-"; else print a[int((NR+1)/2)]}'; }

# load_time FILE [full]: prints "<in-page ms> <process wall ms>" (medians of $RUNS); with
# `full`, every section is laid out, also those off screen (content-visibility: visible).
load_time() {
    copy="$TMP/page.html"
    extra=
    if [ "${2:-}" = full ]; then
        extra='<style>*{content-visibility:visible!important}<\/style>'
    fi
    # Set on the html element when `load` fires, after forcing style and layout (reading
    # offsetHeight); `--dump-dom` dumps after the load handlers have run.
    sed '0,/<head>/s//<head>'"$extra"'<script>addEventListener("load",function(){void document.body.offsetHeight;document.documentElement.setAttribute("data-bench-ms",Math.round(performance.now()))})<\/script>/' \
        "$1" > "$copy"
    : > "$TMP/page.ms"
    : > "$TMP/wall.ms"
    i=0
    while [ $i -lt "$RUNS" ]; do
        rm -rf "$TMP/profile"
        t0=$(now_ms)
        timeout 600 "$CHROMIUM" --headless --no-sandbox --disable-gpu --no-first-run \
            --disable-background-networking --disable-component-update --disable-sync \
            --user-data-dir="$TMP/profile" --dump-dom "file://$copy" 2>/dev/null > "$TMP/dom.html" || true
        t1=$(now_ms)
        echo $((t1 - t0)) >> "$TMP/wall.ms"
        grep -o 'data-bench-ms="[0-9]*"' "$TMP/dom.html" | head -1 | tr -dc '0-9' >> "$TMP/page.ms" || true
        echo >> "$TMP/page.ms"
        i=$((i + 1))
    done
    page=$(grep . "$TMP/page.ms" | median)
    wall=$(median < "$TMP/wall.ms")
    echo "$page $wall"
}

baseline() {
    printf '<!DOCTYPE html><html><head><title>x</title></head><body><p>x</p></body></html>\n' > "$TMP/blank.html"
    load_time "$TMP/blank.html"
}

report_line() { # LABEL FILE
    set -- "$1" "$2" $(load_time "$2") $(load_time "$2" full)
    printf '| %s | `%s` | %s | %s ms | %s ms | %s ms |\n' "$1" "$2" \
        "$(du -b "$2" | cut -f1 | awk '{printf "%.2f MB", $1/1e6}')" "$3" "$5" "$4"
}

HEAD='| page | file | size | open (in page) | full layout (in page) | chromium process |
|---|---|---|---|---|---|'

if [ "${1:-}" = "--measure" ]; then
    shift
    echo "$HEAD"
    for f in "$@"; do report_line page "$f"; done
    echo "empty page: $(baseline | awk '{print $1 " ms in page, " $2 " ms process"}')"
    exit 0
fi

MB=${1:-100}
CORPUS=bench-data/${MB}mb
OUT=bench-data/${MB}mb-report
if [ ! -d "$CORPUS" ]; then
    cargo run --release --example gen_corpus -- --mb "$MB" --out "$CORPUS"
fi
cargo build --release --quiet
BIN=${CARGO_TARGET_DIR:-target}/release/polyalign
rm -rf "$OUT"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg) ($(nproc) cores)"
t0=$(now_ms)
/usr/bin/time -f '%M' -o "$TMP/rss" "$BIN" audit "$CORPUS" -o "$OUT" --quiet > "$TMP/summary"
t1=$(now_ms)
echo "corpus: $CORPUS ($(find "$CORPUS" -type f | wc -l) files), polyalign audit: $(((t1 - t0) / 1000)) s, peak RSS $(($(cat "$TMP/rss") / 1024)) MB"
head -1 "$TMP/summary"

INDEX=$OUT/report.html
PAGES=$(ls "$OUT"/report/*.html | wc -l)
LARGEST=$(ls -S "$OUT"/report/*.html | head -1)
TOTAL=$(cat "$OUT"/report.html "$OUT"/report/*.html | wc -c)
MONTHS=$(ls "$OUT"/report/ | grep -c -E '^([0-9]{4}-[0-9]{2}|undated)\.html$' || true)
echo "pages: index + $PAGES month pages for $MONTHS months, $(echo "$TOTAL" | awk '{printf "%.1f MB", $1/1e6}') in all"
echo
echo "$HEAD"
report_line index "$INDEX"
report_line "largest month page" "$LARGEST"
echo
echo "empty page: $(baseline | awk '{print $1 " ms in page, " $2 " ms process"}')"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
