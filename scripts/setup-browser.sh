#!/bin/sh
# Installs headless Chromium (Debian's `chromium` package) for the report browser test
# (tests/report_browser.rs). Idempotent: a fast no-op when /usr/bin/chromium already exists.
# Must run as root (CI images, dev containers); runs `apt-get update` at most once per call.
set -eu

if [ -x /usr/bin/chromium ]; then
    echo "setup-browser: $(/usr/bin/chromium --version 2>/dev/null || echo chromium) already installed"
    exit 0
fi

if [ "$(id -u)" != 0 ]; then
    echo "setup-browser: must run as root to install chromium (try: sudo $0)" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt-get update
apt-get install -y --no-install-recommends chromium
/usr/bin/chromium --version
