#!/usr/bin/env python3
"""Reads TMX files with translate-toolkit and prints what it sees, as JSON, for tests/interop.rs.

usage: tt_check.py SRC TGT FILE.tmx...   (SRC/TGT: language codes as translate-toolkit takes them)
output: {"translate_toolkit": VERSION, "files": {FILE: {"units": N, "pairs": [[source, target], ...]}}}
A target the toolkit cannot find for a unit is printed as null.
"""
import json
import sys

from translate import __version__
from translate.storage import tmx


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    src, tgt, paths = sys.argv[1], sys.argv[2], sys.argv[3:]
    out = {"translate_toolkit": __version__.sver, "files": {}}
    for p in paths:
        with open(p, "rb") as f:
            store = tmx.tmxfile(f, sourcelanguage=src, targetlanguage=tgt)
        pairs = [[u.source, u.target] for u in store.units]
        out["files"][p] = {"units": len(store.units), "pairs": pairs}
    json.dump(out, sys.stdout, ensure_ascii=False)


if __name__ == "__main__":
    main()
