#!/usr/bin/env python3
"""Compares a sharded run (polyalign.spark.run_sharded, in-process shards) with `polyalign align`
on the same corpus: how many groups, units and findings are the same, whole (probabilities,
scores and confidences included).

    python/.venv/bin/python scripts/shard_check.py CORPUS [--window DAYS] [--level sentence]
        [--bin target/release/polyalign] [--show N] [--self-owned]

`--self-owned`: the shards get the statistics as given statistics (`run_sharded(stats=...)`), not
the learning run's groups: files are dated by their own statements and the copies the statistics
record, and each shard keeps what begins in its window (what a windowed run that never groups the
whole corpus does). Also counts the statements (versions and copies) that the shards emit twice
or not at all.

Run with the interpreter that has the package (`bash scripts/python-env.sh` builds it).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

import polyalign.spark as ps


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--window", type=int, default=60)
    ap.add_argument("--pivot", default="en")
    ap.add_argument("--level", default="paragraph", choices=["paragraph", "sentence"])
    ap.add_argument("--bin", default="target/release/polyalign")
    ap.add_argument("--show", type=int, default=0, help="print this many differing groups")
    ap.add_argument("--self-owned", action="store_true")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        t0 = time.time()
        subprocess.run(
            [a.bin, "align", a.corpus, "-o", tmp, "--quiet", "--pivot", a.pivot, "--format", "jsonl",
             "--level", a.level],  # fmt: skip
            check=True,
        )
        t1 = time.time()
        lines = lambda p: [json.loads(x) for x in Path(p).read_text(encoding="utf-8").splitlines()]  # noqa: E731
        cli = {
            "groups": lines(f"{tmp}/groups.jsonl"),
            "units": lines(f"{tmp}/units.jsonl"),
            "findings": json.loads(Path(f"{tmp}/gaps.json").read_text(encoding="utf-8"))["findings"],
        }
    if a.self_owned:
        stats, _ = ps._learn(ps.list_files(a.corpus), level=a.level, pivot=a.pivot)
        r = ps.run_sharded(
            a.corpus, window_days=a.window, pivot=a.pivot, level=a.level, stats=stats
        )
    else:
        r = ps.run_sharded(a.corpus, window_days=a.window, pivot=a.pivot, level=a.level)
    t2 = time.time()
    print(f"cli {t1 - t0:.1f} s; sharded {t2 - t1:.1f} s, {r.shards} shards of {a.window} days")
    key = {"groups": lambda g: g["group"], "units": lambda u: (u["group"], u["unit"])}
    for kind in ("groups", "units"):
        mine = {key[kind](x): x for x in getattr(r, kind)}
        theirs = {key[kind](x): x for x in cli[kind]}
        same = sum(1 for k, v in theirs.items() if mine.get(k) == v)
        extra = sum(1 for k in mine if k not in theirs)
        print(f"{kind}: {same} of {len(theirs)} the same, whole; {extra} only in the shards")
        if a.show:
            for k in [k for k, v in theirs.items() if mine.get(k) != v][: a.show]:
                for f, v in theirs[k].items():
                    if mine.get(k, {}).get(f) != v:
                        print(f"  {k} {f}:\n    shards {json.dumps(mine.get(k, {}).get(f))[:600]}")
                        print(f"    cli    {json.dumps(v)[:600]}")
    emitted = Counter(members(r.groups))
    expected = set(members(cli["groups"]))
    twice = sorted(k for k, n in emitted.items() if n > 1)
    lost = sorted(k for k in expected if k not in emitted)
    print(f"statements: {len(twice)} emitted twice, {len(lost)} not at all (of {len(expected)})")
    for k in (twice[: a.show] if a.show else []):
        print(f"  twice: {k}")
    for k in (lost[: a.show] if a.show else []):
        print(f"  not at all: {k}")
    canon = lambda fs: sorted(json.dumps(f, sort_keys=True) for f in fs)  # noqa: E731
    same_set = canon(r.findings) == canon(cli["findings"])
    print(
        f"findings: {len(r.findings)} sharded, {len(cli['findings'])} by the CLI; "
        f"the same findings: {same_set}; in the same order: {r.findings == cli['findings']}"
    )
    if a.show and not same_set:
        mine, theirs = set(canon(r.findings)), set(canon(cli["findings"]))
        for f in sorted(theirs - mine)[: a.show]:
            print(f"  cli only:    {f[:600]}")
        for f in sorted(mine - theirs)[: a.show]:
            print(f"  shards only: {f[:600]}")
    elif a.show:
        for i, (x, y) in enumerate(zip(r.findings, cli["findings"])):
            if x != y:
                print(f"  first out of order at {i}:\n    {json.dumps(x)[:400]}\n    {json.dumps(y)[:400]}")
                break


def members(groups: list[dict[str, Any]]) -> list[str]:
    """Every statement a list of groups emits: its versions and its copies."""
    out = [str(v["statement"]) for g in groups for v in g["versions"].values()]
    out += [str(d["copy"]) for g in groups for d in g.get("duplicates", [])]
    return out


if __name__ == "__main__":
    main()
