#!/usr/bin/env bash
# Builds the Python package (python/) into python/.venv, as the README's Python section says:
# a fresh venv, pytest and mypy, pyspark when Java is there (the Spark recipe's test), and
# `pip install ./python` (a release build of the binding crate). Writes python/.venv/.spark when
# pyspark installed, so that the tests require it only then. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -c "import ensurepip, venv" 2>/dev/null || {
    echo "python3-venv missing: installing it (apt)" >&2
    { apt-get update -qq && apt-get install -y -qq python3-venv; } ||
        { sudo apt-get update -qq && sudo apt-get install -y -qq python3-venv; }
}
rm -rf python/.venv
python3 -m venv python/.venv
py=python/.venv/bin/python
$py -m pip install -q pytest mypy
# pyspark from PyPI (about 2 minutes the first time); without it the Spark test skips.
if command -v java >/dev/null && $py -m pip install -q pyspark; then
    touch python/.venv/.spark
else
    echo "note: pyspark or java unavailable; the Spark test skips" >&2
fi
$py -m pip install -q ./python
