#!/usr/bin/env python3
"""The sharded recipe's cache on a weekly scrape: a corpus without its newest pages, then the
same corpus with them, each run with one cache folder (`polyalign.spark.run_sharded(stats=…,
cache=…)`); prints the times, the shards run again and reused, and whether the re-run gives
what a run of the whole corpus gives.

    python/.venv/bin/python scripts/incremental_check.py CORPUS [--window DAYS] [--new PERCENT]
        [--bin target/release/polyalign]

The corpus is mirrored as symbolic links in a temporary folder (the pages are not copied); the
statistics are those `polyalign align --save-stats` saves for the whole mirrored corpus (a
statement's id is its path). "Newest" is by the dates the recipe plans a file by (its own
statements, and a copy by its original's).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import tempfile
import time

import polyalign.spark as ps


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("corpus")
    ap.add_argument("--window", type=int, default=30)
    ap.add_argument("--new", type=float, default=1.0, help="percent of the files held back")
    ap.add_argument("--pivot", default="en")
    ap.add_argument("--bin", default="target/release/polyalign")
    a = ap.parse_args()
    src = os.path.abspath(a.corpus)
    with tempfile.TemporaryDirectory() as tmp:
        base = os.path.join(tmp, "corpus")
        rel = sorted(
            os.path.relpath(os.path.join(d, f), src) for d, _, fs in os.walk(src) for f in fs
        )
        for r in rel:
            os.makedirs(os.path.dirname(os.path.join(base, r)), exist_ok=True)
            os.symlink(os.path.join(src, r), os.path.join(base, r))
        stats_path = os.path.join(tmp, "stats.json")
        subprocess.run(
            [a.bin, "align", base, "-o", os.path.join(tmp, "out"), "--quiet", "--pivot", a.pivot,
             "--format", "jsonl", "--save-stats", stats_path],  # fmt: skip
            check=True,
        )
        with open(stats_path, encoding="utf-8") as f:
            stats = f.read()
        run = lambda cache: ps.run_sharded(  # noqa: E731
            base, window_days=a.window, pivot=a.pivot, stats=stats, cache=cache
        )
        t = time.time()
        whole = run(os.path.join(tmp, "cache-whole"))
        t_whole = time.time() - t
        print(f"whole corpus, empty cache: {t_whole:.1f} s, {whole.shards} shards")
        t = time.time()
        same = run(os.path.join(tmp, "cache-whole"))
        t_same = time.time() - t
        assert same.changes is not None
        print(
            f"nothing changed: {t_same:.1f} s ({100 * t_same / t_whole:.1f}%), shards run "
            f"{same.changes.shards_run}, reused {same.changes.shards_reused}"
        )
        with open(os.path.join(tmp, "cache-whole", "dates.json"), encoding="utf-8") as f:
            statements = {k: v[1] for k, v in json.load(f)["files"].items()}
        planned = ps.dates_from_stats(statements, stats)
        newest = lambda r: (max([d for d in planned[os.path.join(base, r)] if d] or [""]), r)  # noqa: E731
        held = sorted(rel, key=newest)[-max(1, int(len(rel) * a.new / 100)) :]
        for r in held:
            os.remove(os.path.join(base, r))
        t = time.time()
        run(os.path.join(tmp, "cache-weekly"))
        print(f"without the newest {len(held)} files: {time.time() - t:.1f} s")
        for r in held:
            os.symlink(os.path.join(src, r), os.path.join(base, r))
        t = time.time()
        again = run(os.path.join(tmp, "cache-weekly"))
        t_again = time.time() - t
        c = again.changes
        assert c is not None
        print(
            f"with them again: {t_again:.1f} s ({100 * t_again / t_whole:.1f}% of the whole "
            f"sharded run), shards run {c.shards_run}, reused {c.shards_reused}; "
            f"{len(c.files_added)} files and {len(c.statements_added)} statements added"
        )
        print(
            "the same groups, units and findings as the whole run:",
            (again.groups, again.units, again.findings) == (whole.groups, whole.units, whole.findings),
        )


if __name__ == "__main__":
    main()
