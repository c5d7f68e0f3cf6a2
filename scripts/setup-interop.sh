#!/usr/bin/env bash
# Installs the third-party clients the interop tests (tests/interop.rs) check our TMX against:
#   - xmllint (libxml2-utils)      : DTD validation of every TMX file
#   - OmegaT (Debian `omegat`)     : headless console-translate with our memories in tm/auto/
#   - translate-toolkit (PyPI)     : tmxfile reader, pinned below
# and extracts the TMX 1.4 DTD from OmegaT.jar into $POLYALIGN_INTEROP_DIR (default
# target/interop/tmx14.dtd). Idempotent and fast when everything is already there; needs root
# (or sudo) only for apt-get. Java 17 must already be installed (omegat's deps pull a JRE otherwise).
set -euo pipefail

TT_VERSION="3.20.4"
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
CACHE="${POLYALIGN_INTEROP_DIR:-$ROOT/target/interop}"
mkdir -p "$CACHE"

SUDO=""
if [ "$(id -u)" != 0 ]; then SUDO="sudo"; fi

need_apt=()
command -v xmllint >/dev/null 2>&1 || need_apt+=(libxml2-utils)
dpkg -s omegat >/dev/null 2>&1 || need_apt+=(omegat)
if [ "${#need_apt[@]}" -gt 0 ]; then
    echo "setup-interop: installing ${need_apt[*]}" >&2
    export DEBIAN_FRONTEND=noninteractive
    $SUDO apt-get update -qq
    $SUDO apt-get install -y -qq --no-install-recommends "${need_apt[@]}" >/dev/null
fi

PY="${PYTHON:-python3}"
if ! "$PY" -c "import translate, sys; sys.exit(0 if translate.__version__.sver == '$TT_VERSION' else 1)" 2>/dev/null; then
    echo "setup-interop: installing translate-toolkit==$TT_VERSION" >&2
    "$PY" -m pip install -q --disable-pip-version-check "translate-toolkit==$TT_VERSION"
fi

JAR="$(dpkg -L omegat 2>/dev/null | grep -m1 '/OmegaT\.jar$' || true)"
[ -n "$JAR" ] || JAR="/usr/share/omegat/OmegaT.jar"
[ -f "$JAR" ] || { echo "setup-interop: OmegaT.jar not found" >&2; exit 1; }
if [ ! -s "$CACHE/tmx14.dtd" ] || [ "$JAR" -nt "$CACHE/tmx14.dtd" ]; then
    if command -v unzip >/dev/null 2>&1; then
        unzip -p "$JAR" schemas/tmx14.dtd > "$CACHE/tmx14.dtd.tmp"
    else
        "$PY" -c "import zipfile,sys; sys.stdout.buffer.write(zipfile.ZipFile(sys.argv[1]).read('schemas/tmx14.dtd'))" "$JAR" > "$CACHE/tmx14.dtd.tmp"
    fi
    mv "$CACHE/tmx14.dtd.tmp" "$CACHE/tmx14.dtd"
fi
echo "$JAR" > "$CACHE/omegat-jar.txt"
echo "setup-interop: ok (dtd: $CACHE/tmx14.dtd, jar: $JAR, java: $(java -version 2>&1 | head -1))" >&2
