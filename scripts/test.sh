#!/usr/bin/env bash
# The whole test suite, the README's test command (`.ci/run` ends with it): the Rust tests, then
# the Python package's: built and installed into python/.venv (scripts/python-env.sh), its stub
# checked against the compiled module and the package typed, then pytest, which compares the
# package with the CLI `cargo test` just built. Run from anywhere.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo test
echo "== python"
py_t0=$SECONDS
bash scripts/python-env.sh
py=python/.venv/bin/python
spark_required=0
[ -f python/.venv/.spark ] && spark_required=1
$py -m mypy.stubtest polyalign._native
$py -m mypy --strict python/polyalign
target_dir="$(realpath -m "${CARGO_TARGET_DIR:-target}")"
POLYALIGN_BIN="$target_dir/debug/polyalign" POLYALIGN_REQUIRE_CLI=1 \
    POLYALIGN_REQUIRE_SPARK=$spark_required \
    python/.venv/bin/pytest python/tests -q
echo "python: $((SECONDS - py_t0)) s"
