#!/usr/bin/env python3
"""Calibration of grouping's probabilities against a page set's truth.

For every candidate pair grouping scored (POLYALIGN_GROUP_DUMP) and every pair it joined
(`scan --explain`), bins the stated probability and prints how many pairs of each bin are
truly one statement. Only main statements (`#main`) of files the truth names are counted.

    cargo run --release --example archive_eval -- --seed 7 --set sitewide --out /tmp/ae
    POLYALIGN_GROUP_DUMP=/tmp/dump.tsv target/release/polyalign scan --explain \\
        /tmp/ae/sitewide > /tmp/explain.txt
    python3 scripts/calibration.py /tmp/dump.tsv /tmp/explain.txt /tmp/ae/sitewide.truth.tsv
"""

import os
import re
import sys

EDGES = [0.0, 0.01, 0.05, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 0.99, 0.999]


def truth_of(path):
    t = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            name, sid = line.rstrip("\n").split("\t")
            t[name] = sid
    return t


def same(truth, a, b):
    """True/False for two main statements of files the truth names, else None."""
    if not (a.endswith("#main") and b.endswith("#main")):
        return None
    fa, fb = os.path.basename(a[:-5]), os.path.basename(b[:-5])
    if fa not in truth or fb not in truth:
        return None
    return truth[fa] == truth[fb]


def bin_of(p):
    k = 0
    while k + 1 < len(EDGES) and p >= EDGES[k + 1]:
        k += 1
    return k


def show(title, bins):
    print(f"{title}:")
    print("| stated probability | pairs | truly one statement | share |")
    print("|---|---|---|---|")
    for k in sorted(bins):
        n, y = bins[k]
        hi = EDGES[k + 1] if k + 1 < len(EDGES) else 1.0
        print(f"| {EDGES[k]:.3f}–{hi:.3f} | {n} | {y} | {y / n:.3f} |")


def main():
    if len(sys.argv) != 4:
        sys.exit("usage: calibration.py DUMP.tsv EXPLAIN.txt TRUTH.tsv")
    dump, explain, truth_path = sys.argv[1:]
    truth = truth_of(truth_path)
    cands = {}
    with open(dump, encoding="utf-8") as f:
        next(f)
        for line in f:
            p = line.rstrip("\n").split("\t")
            y = same(truth, p[0], p[1])
            if y is not None:
                b = cands.setdefault(bin_of(float(p[-1])), [0, 0])
                b[0] += 1
                b[1] += y
    links = {}
    joined = re.compile(r"joined (\S+) \+ (\S+) probability ([0-9.]+)")
    with open(explain, encoding="utf-8") as f:
        for line in f:
            m = joined.search(line)
            if m:
                y = same(truth, m.group(1), m.group(2))
                if y is not None:
                    b = links.setdefault(bin_of(float(m.group(3))), [0, 0])
                    b[0] += 1
                    b[1] += y
    show("candidates", cands)
    print()
    show("joined pairs", links)


if __name__ == "__main__":
    main()
