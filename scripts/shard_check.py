#!/usr/bin/env python3
"""Compares a sharded run (polyalign.spark.run_sharded, in-process shards) with `polyalign align`
on the same corpus: how many groups, units and findings are the same, whole (probabilities,
scores and confidences included).

    python/.venv/bin/python scripts/shard_check.py CORPUS [--window DAYS] [--bin target/release/polyalign]

Run with the interpreter that has the package (`bash scripts/python-env.sh` builds it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from pathlib import Path

import polyalign.spark as ps


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--window", type=int, default=60)
    ap.add_argument("--pivot", default="en")
    ap.add_argument("--bin", default="target/release/polyalign")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.time()
        subprocess.run(
            [a.bin, "align", a.corpus, "-o", tmp, "--quiet", "--pivot", a.pivot, "--format", "jsonl"],
            check=True,
        )
        t1 = time.time()
        lines = lambda p: [json.loads(x) for x in Path(p).read_text(encoding="utf-8").splitlines()]  # noqa: E731
        cli = {
            "groups": lines(f"{tmp}/groups.jsonl"),
            "units": lines(f"{tmp}/units.jsonl"),
            "findings": json.loads(Path(f"{tmp}/gaps.json").read_text(encoding="utf-8"))["findings"],
        }
    r = ps.run_sharded(a.corpus, window_days=a.window, pivot=a.pivot)
    t2 = time.time()
    print(f"cli {t1 - t0:.1f} s; sharded {t2 - t1:.1f} s, {r.shards} shards of {a.window} days")
    key = {"groups": lambda g: g["group"], "units": lambda u: (u["group"], u["unit"])}
    for kind in ("groups", "units"):
        mine = {key[kind](x): x for x in getattr(r, kind)}
        theirs = {key[kind](x): x for x in cli[kind]}
        same = sum(1 for k, v in theirs.items() if mine.get(k) == v)
        extra = sum(1 for k in mine if k not in theirs)
        print(f"{kind}: {same} of {len(theirs)} the same, whole; {extra} only in the shards")
    print(
        f"findings: {len(r.findings)} sharded, {len(cli['findings'])} by the CLI; "
        f"equal lists: {r.findings == cli['findings']}"
    )


if __name__ == "__main__":
    main()
