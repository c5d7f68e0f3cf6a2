#!/bin/sh
# Checks the report in headless Chromium: report.html (the index) and every month page it links
# under report/ (links between the pages, hooks, the inline script), and saves screenshots and
# the pages under target/artifacts/.
#
#   scripts/browser-check.sh                         # the fixture and the sample's report
#   scripts/browser-check.sh DIR/report.html [expect.json]
#
# expect.json is either the audit JSON ({"coverage": [...], "findings": [...]}, e.g. the run's
# gaps.json: coverage titles and every finding's kind + group are expected on the month pages)
# or {"titles": [...], "findings": [{"kind": ..., "group": ...}]}. Every month page is opened,
# so an archive-sized report takes a few seconds per page. Needs chromium: run
# scripts/setup-browser.sh as root first. Load times: scripts/report-bench.sh.
set -eu
cd "$(dirname "$0")/.."
if [ $# -ge 1 ]; then
    POLYALIGN_REPORT_HTML=$(realpath "$1")
    export POLYALIGN_REPORT_HTML
    if [ $# -ge 2 ]; then
        POLYALIGN_REPORT_EXPECT=$(realpath "$2")
        export POLYALIGN_REPORT_EXPECT
    fi
    exec cargo test --test report_browser external_report_from_env -- --nocapture
fi
exec cargo test --test report_browser -- --nocapture
