#!/usr/bin/env python3
"""Long-document benchmark for `pair`: builds 5k/10k/20k/40k-sentence en-de documents by
concatenating NTREX-128 news documents in a seeded random order (with ~3% target merges and ~2%
target drops so the alignment is not trivially 1-1), then runs the aligner under
`/usr/bin/time -v` and reports wall time, CPU time (user+system), peak RSS and strict F1 against the construction gold.
Falls back to synthetic sentences when ../shared/data/ntrex128 is absent.

Usage: scripts/longdoc.py BINARY [SIZES...]
  BINARY: a program taking `pair SRC TGT --langs en,de --presegmented` (e.g.
  target/release/polyalign); default sizes 5000 10000 20000 40000.
"""
import os
import random
import re
import subprocess
import sys

SEED = 7
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "data", "ntrex128")


def corpus():
    src_p = os.path.join(DATA, "newstest2019-src.eng.txt")
    if os.path.exists(src_p):
        rd = lambda p: open(p, encoding="utf-8").read().replace("\r", "").split("\n")
        en = rd(src_p)
        de = rd(os.path.join(DATA, "newstest2019-ref.deu.txt"))
        ids = rd(os.path.join(DATA, "DOCUMENT_IDS.tsv"))
        docs = {}
        for e, d, i in zip(en, de, ids):
            if e.strip() and d.strip():
                docs.setdefault(i.strip(), []).append((e.strip(), d.strip()))
        return [docs[k] for k in sorted(docs)]
    print("note: ntrex128 absent, using synthetic text", file=sys.stderr)
    rng = random.Random(SEED)
    words = "state minister treaty council year report meeting vote law region".split()
    docs = []
    for _ in range(100):
        doc = []
        for _ in range(rng.randint(5, 30)):
            n = rng.randint(4, 30)
            w = [rng.choice(words) for _ in range(n)] + [str(rng.randint(1, 3000))]
            doc.append((" ".join(w) + ".", " ".join(x.upper() for x in w) + "."))
        docs.append(doc)
    return docs


def build(n, docs, rng):
    pairs = []
    while len(pairs) < n:
        pairs.extend(rng.choice(docs))
    pairs = pairs[:n]
    src, tgt, gold = [], [], []
    i = 0
    while i < n:
        r = rng.random()
        if r < 0.03 and i + 1 < n:
            src += [pairs[i][0], pairs[i + 1][0]]
            tgt.append(pairs[i][1] + " " + pairs[i + 1][1])
            gold.append(([i, i + 1], [len(tgt) - 1]))
            i += 2
            continue
        src.append(pairs[i][0])
        if r < 0.05:
            gold.append(([i], []))
        else:
            tgt.append(pairs[i][1])
            gold.append(([i], [len(tgt) - 1]))
        i += 1
    return src, tgt, gold


def parse(text):
    out = set()
    for line in text.splitlines():
        line = line.split("\t")[0].strip()
        if line:
            a, b = line.split("]:[")
            f = lambda s: tuple(int(x) for x in re.findall(r"\d+", s))
            out.add((f(a), f(b)))
    return out


def main():
    binary = sys.argv[1]
    sizes = [int(x) for x in sys.argv[2:]] or [5000, 10000, 20000, 40000]
    docs = corpus()
    os.makedirs("/tmp/longdoc", exist_ok=True)
    print("sentences  wall_s  cpu_s  peak_rss_MB  strict_F1")
    for n in sizes:
        rng = random.Random(f"{SEED}-{n}")
        src, tgt, gold = build(n, docs, rng)
        sp, tp = f"/tmp/longdoc/{n}.en", f"/tmp/longdoc/{n}.de"
        open(sp, "w", encoding="utf-8").write("\n".join(src) + "\n")
        open(tp, "w", encoding="utf-8").write("\n".join(tgt) + "\n")
        cmd = ["/usr/bin/time", "-v", binary, "pair", sp, tp, "--langs", "en,de", "--presegmented"]
        p = subprocess.run(cmd, capture_output=True, text=True)
        if p.returncode != 0:
            print(p.stderr, file=sys.stderr)
            sys.exit(1)
        wall = re.search(r"Elapsed \(wall clock\) time.*: (?:(\d+):)?(\d+):([\d.]+)", p.stderr)
        secs = int(wall.group(1) or 0) * 3600 + int(wall.group(2)) * 60 + float(wall.group(3))
        cpu = sum(float(x) for x in re.findall(r"(?:User|System) time \(seconds\): ([\d.]+)", p.stderr))
        rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
        test = parse(p.stdout)
        g = set((tuple(a), tuple(b)) for a, b in gold)
        prec = len(test & g) / max(1, len(test))
        gb = {x for x in g if x[0] and x[1]}
        tb = {x for x in test if x[0] and x[1]}
        rec = len(gb & tb) / max(1, len(gb))
        f1 = 2 * prec * rec / max(1e-9, prec + rec)
        print(f"{n:9d}  {secs:6.2f}  {cpu:5.2f}  {rss / 1024:11.1f}  {f1:.4f}")


if __name__ == "__main__":
    main()
