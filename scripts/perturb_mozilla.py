#!/usr/bin/env python3
"""Builds a perturbed paragraph-alignment test set from mozilla-legal-5lang.

For every ordered language pair (S, T) and every document, the source side is the document's
blocks in S (one block per line; newlines inside a block become U+2028) and the target side is
the blocks in T after random edits (fixed seed):
  merge  two neighbouring target blocks            -> gold bead [i, i+1]:[k]
  split  one target block at a sentence/item break  -> gold bead [i]:[k, k+1]
  drop   one target block                           -> gold bead [i]:[]
  insert a block from another document              -> gold bead []:[k]
  swap   a target block for its English text (T != en) -> gold bead [i]:[k]
Writes OUT/<S>-<T>/<doc>.{src,tgt,gold} and OUT/manifest.tsv
(src, tgt, src_lang, tgt_lang, gold, out) for examples/align_batch.rs.

Usage: scripts/perturb_mozilla.py [DATA_DIR] [OUT_DIR]   (defaults: ../shared/data/mozilla-legal-5lang,
/tmp/moz-perturbed); seed 20261123. Then align every pair as one corpus per language pair and
print strict/lax scores per ordered pair:
    cargo run --release --example align_batch -- /tmp/moz-perturbed/manifest.tsv
"""
import json
import os
import random
import re
import sys

LANGS = ["de", "en", "es", "fr", "ru"]
SEED = 20261123
RATE = 0.12  # expected edits per block


def load(data_dir):
    docs = {}
    with open(os.path.join(data_dir, "aligned_blocks.jsonl"), encoding="utf-8") as f:
        for line in f:
            r = json.loads(line)
            docs.setdefault(r["doc"], []).append(r)
    for d in docs.values():
        d.sort(key=lambda r: r["block"])
    return docs


def split_point(text):
    """Index where a block can be split: between list items or after a sentence end."""
    nl = [m.start() for m in re.finditer(r"\n", text)]
    if nl:
        return nl[len(nl) // 2]
    ends = [m.end() for m in re.finditer(r"[.!?。]\s+(?=[A-ZÄÖÜА-ЯЁÉ«\"])", text)]
    ends = [e for e in ends if 20 < e < len(text) - 20]
    if ends:
        return ends[len(ends) // 2] - 1
    return None


def perturb(blocks, english, other_blocks, rng, tgt_lang):
    """Returns (target segments, gold beads) for source blocks 0..n-1."""
    n = len(blocks)
    out = []
    gold = []
    i = 0
    while i < n:
        op = None
        if rng.random() < RATE:
            op = rng.choice(["merge", "split", "drop", "insert", "swap"])
        if op == "merge" and i + 1 < n:
            out.append(blocks[i] + "\n" + blocks[i + 1])
            gold.append(([i, i + 1], [len(out) - 1]))
            i += 2
            continue
        if op == "split":
            p = split_point(blocks[i])
            if p is not None:
                a, b = blocks[i][:p].strip(), blocks[i][p:].strip()
                if a and b:
                    out += [a, b]
                    gold.append(([i], [len(out) - 2, len(out) - 1]))
                    i += 1
                    continue
        if op == "drop" and n > 2:
            gold.append(([i], []))
            i += 1
            continue
        if op == "insert" and other_blocks:
            out.append(rng.choice(other_blocks))
            gold.append(([], [len(out) - 1]))
            # the current block is still emitted below
        if op == "swap" and tgt_lang != "en":
            out.append(english[i])
        else:
            out.append(blocks[i])
        gold.append(([i], [len(out) - 1]))
        i += 1
    return out, gold


def fmt(b):
    return "[%s]:[%s]" % (", ".join(map(str, b[0])), ", ".join(map(str, b[1])))


def one_line(s):
    return s.replace("\r", "").replace("\n", "\u2028")


def main():
    data = sys.argv[1] if len(sys.argv) > 1 else "../shared/data/mozilla-legal-5lang"
    out_dir = sys.argv[2] if len(sys.argv) > 2 else "/tmp/moz-perturbed"
    if not os.path.exists(os.path.join(data, "aligned_blocks.jsonl")):
        print(f"note: {data} absent; nothing to do", file=sys.stderr)
        return 0
    docs = load(data)
    names = sorted(docs)
    manifest = []
    for s in LANGS:
        for t in LANGS:
            if s == t:
                continue
            d = os.path.join(out_dir, f"{s}-{t}")
            os.makedirs(d, exist_ok=True)
            for k, name in enumerate(names):
                rng = random.Random(f"{SEED}-{s}-{t}-{name}")
                rows = docs[name]
                src = [r[s] for r in rows]
                other = [r[t] for r in docs[names[(k + 1) % len(names)]]]
                tgt, gold = perturb([r[t] for r in rows], [r["en"] for r in rows], other, rng, t)
                base = os.path.join(d, name)
                with open(base + ".src", "w", encoding="utf-8") as f:
                    f.write("".join(one_line(x) + "\n" for x in src))
                with open(base + ".tgt", "w", encoding="utf-8") as f:
                    f.write("".join(one_line(x) + "\n" for x in tgt))
                with open(base + ".gold", "w", encoding="utf-8") as f:
                    f.write("".join(fmt(g) + "\n" for g in gold))
                manifest.append("\t".join([base + ".src", base + ".tgt", s, t, base + ".gold", base + ".beads"]))
    with open(os.path.join(out_dir, "manifest.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(manifest) + "\n")
    print(f"wrote {len(manifest)} document pairs to {out_dir}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
