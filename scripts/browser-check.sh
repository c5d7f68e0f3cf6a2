#!/bin/sh
# Checks report.html in headless Chromium and saves screenshots under target/artifacts/.
#
#   scripts/browser-check.sh                         # the hand-built fixture report
#   scripts/browser-check.sh report.html [expect.json]
#
# expect.json is either the audit JSON ({"coverage": [...], "findings": [...]}: coverage titles
# and every finding's kind + group are expected on the page) or {"titles": [...], "findings":
# [{"kind": ..., "group": ...}]}. Needs chromium: run scripts/setup-browser.sh as root first.
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
