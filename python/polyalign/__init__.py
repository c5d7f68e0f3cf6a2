"""polyalign: parallel corpora, gap audits and translation memories from scraped multilingual
statement pages — the Rust library, from Python.

    import polyalign

    beads = polyalign.align_pair(de_lines, fr_lines, langs=("de", "fr"), presegmented=True)
    result = polyalign.run("corpora/sample")           # as `polyalign align corpora/sample`
    result.write("alignments", ["tmx", "csv", "jsonl"])

Every function mirrors a CLI subcommand and gives the same results; heavy work releases the
GIL. Errors are :class:`PolyalignError` subclasses (:mod:`polyalign.errors`).
"""

from __future__ import annotations

from ._native import __version__
from .corpus import RunResult, learn_stats, run
from .errors import InputError, OutputError, PolyalignError, UnknownLanguageError, UsageError
from .pair import Bead, align_files, align_pair, format_beads
from .progress import StderrProgress, TqdmProgress
from .text import LANGUAGES, Detection, detect_language, segment
from .tmx import Memory, read_tmx, write_tmx

__all__ = [
    "__version__",
    "LANGUAGES",
    "Bead",
    "Detection",
    "Memory",
    "RunResult",
    "align_pair",
    "align_files",
    "format_beads",
    "run",
    "learn_stats",
    "detect_language",
    "segment",
    "read_tmx",
    "write_tmx",
    "StderrProgress",
    "TqdmProgress",
    "PolyalignError",
    "UsageError",
    "UnknownLanguageError",
    "InputError",
    "OutputError",
]
