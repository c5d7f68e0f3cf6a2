#!/usr/bin/env python3
"""The Python package's overhead next to the CLI's time, on the same alignments.

1. 10k short pairs (1–5 sentences a side, en-de): one `polyalign.align_pair` call each, against
   one `polyalign pair` process each (the CLI's only way to align them one by one); and the
   floor of a call (empty documents: argument conversion, GIL release, result objects).
2. One 20k×20k-sentence document: `align_pair` against `polyalign pair --presegmented`.
3. `polyalign.run("corpora/sample")` against `polyalign align corpora/sample` (+ writing).

The pairs come from NTREX-128 news documents (../shared/data/ntrex128), built as
`scripts/longdoc.py` builds its documents (seeded; ~3% target merges, ~2% drops); synthetic
sentences when the data is absent. Every measurement also checks that both sides give the same
beads. Times are the best of `--repeat` runs (3), the CLI loop of 1. Benchmarks only: nothing
here is asserted in the tests.

Usage (from the repository root, the package installed, a release CLI built):
    python python/bench/overhead.py [--cli target/release/polyalign] [--pairs 10000]
        [--cli-pairs 10000] [--doc 20000] [--repeat 3]
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import polyalign

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
import longdoc  # noqa: E402  (the long-document builder, reused)


def short_pairs(n: int, docs: list, seed: int = 7) -> list[tuple[list[str], list[str]]]:
    rng = random.Random(f"short-{seed}")
    out = []
    for _ in range(n):
        src, tgt, _gold = longdoc.build(rng.randint(1, 5), docs, rng)
        out.append((src, tgt))
    return out


REPEAT = 3


class T(float):
    """A best wall time in seconds, with the CPU seconds of that run (`.cpu`: this process's
    threads and its finished child processes)."""

    cpu: float


def _cpu() -> float:
    c = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + c.ru_utime + c.ru_stime


def timed(f, repeat: int = 1):
    """The result of `f` and its best time over `repeat` runs (the machine is shared)."""
    best = None
    for _ in range(repeat):
        t0, c0 = time.perf_counter(), _cpu()
        r = f()
        t = T(time.perf_counter() - t0)
        t.cpu = _cpu() - c0
        if best is None or t < best:
            best = t
    return r, best


def secs(t: float) -> str:
    return f"{t:.2f} s" if t >= 0.1 else f"{1e3 * t:.1f} ms"


def row(what: str, t: T, n: int = 0) -> str:
    per = f"{1e6 * t / n:.0f} µs / {1e6 * t.cpu / n:.0f} µs" if n else ""
    return f"| {what} | {secs(t)} | {secs(t.cpu)} | {per} |"


def write_lines(p: Path, lines: list[str]) -> None:
    """A file whose `lines()` are `lines` (an empty document is an empty file)."""
    p.write_text("".join(x + "\n" for x in lines), encoding="utf-8")


def bench_short(cli: Path, pairs, cli_pairs: int) -> list[str]:
    beads, t_py = timed(
        lambda: [polyalign.align_pair(s, t, ("en", "de"), presegmented=True) for s, t in pairs],
        REPEAT,
    )
    _, t_floor = timed(
        lambda: [polyalign.align_pair([], [], ("en", "de"), presegmented=True) for _ in pairs],
        REPEAT,
    )
    k = min(cli_pairs, len(pairs))
    tmp = Path(tempfile.mkdtemp(prefix="polyalign-bench-"))
    try:
        files = []
        for i, (s, t) in enumerate(pairs[:k]):
            sp, tp = tmp / f"{i}.en", tmp / f"{i}.de"
            write_lines(sp, s)
            write_lines(tp, t)
            files.append((sp, tp))

        def cli_all():
            outs = []
            for sp, tp in files:
                cmd = [str(cli), "pair", str(sp), str(tp), "--langs", "en,de", "--presegmented"]
                outs.append(subprocess.run(cmd, capture_output=True, check=True).stdout)
            return outs

        outs, t_cli = timed(cli_all)
    finally:
        shutil.rmtree(tmp)
    same = all(polyalign.format_beads(b).encode() == o for b, o in zip(beads, outs))
    n = len(pairs)
    return [
        row(f"{n} short pairs (1–5 sentences a side), `align_pair` each", t_py, n),
        row(f"{n} empty pairs, `align_pair` each (the floor of a call)", t_floor, n),
        row(f"{k} short pairs, one `polyalign pair` process each", t_cli, k),
        f"| same beads as the CLI | {'yes' if same else 'NO'} | | |",
    ]


def bench_doc(cli: Path, docs, n: int) -> list[str]:
    rng = random.Random(f"{longdoc.SEED}-{n}")
    src, tgt, _gold = longdoc.build(n, docs, rng)
    with tempfile.TemporaryDirectory(prefix="polyalign-bench-") as d:
        sp, tp = Path(d) / "doc.en", Path(d) / "doc.de"
        write_lines(sp, src)
        write_lines(tp, tgt)
        cmd = [str(cli), "pair", str(sp), str(tp), "--langs", "en,de", "--presegmented"]
        out, t_cli = timed(
            lambda: subprocess.run(cmd, capture_output=True, check=True).stdout, REPEAT
        )
    beads, t_py = timed(
        lambda: polyalign.align_pair(src, tgt, ("en", "de"), presegmented=True), REPEAT
    )
    same = polyalign.format_beads(beads).encode() == out
    size = f"{len(src)}×{len(tgt)}"
    return [
        row(f"one {size} document, `align_pair`", t_py),
        row(f"one {size} document, `polyalign pair --presegmented`", t_cli),
        f"| same beads as the CLI | {'yes' if same else 'NO'} | | |",
    ]


def bench_run(cli: Path) -> list[str]:
    os.chdir(REPO)
    with tempfile.TemporaryDirectory(prefix="polyalign-bench-") as d:
        cmd = [str(cli), "align", "corpora/sample", "-o", d, "--quiet", "--format", "tmx,jsonl"]
        _, t_cli = timed(lambda: subprocess.run(cmd, check=True), REPEAT)
        _, t_py = timed(lambda: polyalign.run("corpora/sample").write(d, ["tmx", "jsonl"]), REPEAT)
        r, t_run = timed(lambda: polyalign.run("corpora/sample"), REPEAT)
        _, t_units = timed(lambda: polyalign.RunResult(r._native).units, REPEAT)
    return [
        row('`run("corpora/sample")`', t_run),
        row('`run("corpora/sample").write(…)` (tmx, jsonl)', t_py),
        row("`polyalign align corpora/sample --format tmx,jsonl`", t_cli),
        row(f"`RunResult.units` ({len(r.units)} dicts from units.jsonl)", t_units),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--cli", type=Path, default=REPO / "target" / "release" / "polyalign")
    ap.add_argument("--pairs", type=int, default=10_000)
    ap.add_argument("--cli-pairs", type=int, default=10_000)
    ap.add_argument("--doc", type=int, default=20_000)
    ap.add_argument("--repeat", type=int, default=REPEAT, help="best of N (not the CLI loop)")
    a = ap.parse_args()
    globals()["REPEAT"] = a.repeat
    if not a.cli.is_file():
        sys.exit(f"no CLI at {a.cli}: `cargo build --release` or pass --cli")
    docs = longdoc.corpus()
    print(f"polyalign {polyalign.__version__}, Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print("| what | wall | CPU | per call (wall / CPU) |")
    print("| --- | ---: | ---: | ---: |")
    for row in bench_short(a.cli, short_pairs(a.pairs, docs), a.cli_pairs):
        print(row, flush=True)
    for row in bench_doc(a.cli, docs, a.doc):
        print(row, flush=True)
    for row in bench_run(a.cli):
        print(row, flush=True)


if __name__ == "__main__":
    main()
