"""The whole pipeline on a corpus: what ``polyalign align`` does, as a function and a result."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Literal, Optional, Sequence, Union

from . import _native
from .errors import InputError
from .progress import ProgressCallback, TqdmProgress, resolve

__all__ = ["run", "learn_stats", "RunResult"]

PathLike = Union[str, "os.PathLike[str]"]
Level = Literal["paragraph", "sentence"]


def run(
    paths: Union[PathLike, Iterable[PathLike]],
    level: Level = "paragraph",
    pivot: Optional[str] = None,
    *,
    langs: Union[str, Sequence[str], None] = None,
    min_score: float = 0.0,
    keep_untranslated: bool = False,
    progress: Union[bool, ProgressCallback, None] = None,
    stats: Optional[str] = None,
) -> "RunResult":
    """Run every stage on files and folders, as ``polyalign align PATH...`` does.

    Args:
        paths: files or folders, read recursively (one path or several).
        level: the granularity of the exported units: ``"paragraph"`` or ``"sentence"``
            (``--level``).
        pivot: the language every version is aligned to (``--pivot``); default: the language
            present in most groups.
        langs: the languages to export (``--langs``), as ``["de", "fr"]`` or ``"de,fr"``;
            default: every language present.
        min_score: leave out units whose confidence is below this, in [0, 1] (``--min-score``).
        keep_untranslated: keep segments the audit finds untranslated or copied in the pairwise
            memories, TSV/Moses and ``corpus.tmx`` (``--keep-untranslated``).
        progress: ``None`` (default) reports nothing; ``True`` shows a tqdm bar per stage
            (lines on stderr without tqdm); or a callable ``callback(stage, done, total)``, see
            :mod:`polyalign.progress`.
        stats: corpus statistics from :func:`learn_stats` (``--stats``): group and align under
            them instead of learning, so that a date window of a corpus gets the whole corpus's
            groups, units and scores.

    Returns:
        The run: its units, groups, audit findings and diagnostics; :meth:`RunResult.write`
        writes the CLI's files.

    Raises:
        UsageError: a bad argument (level, score range, no paths); UnknownLanguageError for a
            language code. A file that cannot be used is not an error: it is skipped and named
            in :attr:`RunResult.diagnostics` (and :attr:`RunResult.ok` is false), as the CLI
            goes on and exits with 1.

    The pipeline runs without the GIL, on every core.
    """
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    if isinstance(langs, str):
        langs = [langs]
    callback = resolve(progress)
    try:
        native = _native.run(
            [os.fspath(p) for p in paths],
            level,
            pivot,
            None if langs is None else list(langs),
            float(min_score),
            keep_untranslated,
            callback,
            stats,
        )
    finally:
        if isinstance(callback, TqdmProgress):
            callback.close()
    return RunResult(native)


def learn_stats(
    paths: Union[PathLike, Iterable[PathLike]],
    level: Level = "paragraph",
    pivot: Optional[str] = None,
    *,
    progress: Union[bool, ProgressCallback, None] = None,
) -> str:
    """What a run learns from its corpus, as JSON (``polyalign align --save-stats``): grouping's
    document frequencies, lexicons, length models and model; the aligner's learning sample,
    models and lexicons per level and language pair.

    Costs a run without exports: grouping, the paragraph level and the audit run whole (the
    audit's sentence alignment learns from every paragraph unit); with ``level="sentence"`` the
    sentence level aligns its learning sample only and makes no units. Given
    to :func:`run` as ``stats`` (with the same ``level`` and ``pivot``), the statistics give a
    part of the corpus the whole corpus's groups, units and scores: what the shards of
    :mod:`polyalign.spark` share.
    """
    return learn_stats_and_groups(paths, level, pivot, progress=progress)[0]


def learn_stats_and_groups(
    paths: Union[PathLike, Iterable[PathLike]],
    level: Level = "paragraph",
    pivot: Optional[str] = None,
    *,
    progress: Union[bool, ProgressCallback, None] = None,
) -> tuple[str, list[dict[str, Any]]]:
    """:func:`learn_stats`, and the corpus's groups as :attr:`RunResult.groups` gives them (the
    learning run groups the whole corpus): what :mod:`polyalign.spark` dates undated statements
    by."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    callback = resolve(progress)
    try:
        stats, groups = _native.learn_stats([os.fspath(p) for p in paths], level, pivot, callback)
    finally:
        if isinstance(callback, TqdmProgress):
            callback.close()
    return stats, _lines(groups)


def _lines(data: bytes) -> list[dict[str, Any]]:
    return [json.loads(line) for line in data.splitlines() if line]


class RunResult:
    """What a run produced. Every collection holds plain dicts shaped like the CLI's files."""

    def __init__(self, native: "_native.Run") -> None:
        self._native = native
        self._summary: dict[str, Any] = json.loads(native.summary_json())
        self._units: Optional[list[dict[str, Any]]] = None
        self._groups: Optional[list[dict[str, Any]]] = None
        self._audit: Optional[dict[str, Any]] = None
        self._diagnostics: Optional[list[dict[str, Any]]] = None

    @property
    def units(self) -> list[dict[str, Any]]:
        """The exported units, one dict per line of ``units.jsonl``: ``group``, ``unit``,
        ``level``, ``score``, ``bead``, ``segments`` (per language: ``text``, ``indices``,
        ``file``, ``tag``) and, when the audit withholds a segment, ``audit``."""
        if self._units is None:
            self._units = _lines(self._native.units_jsonl())
        return self._units

    @property
    def groups(self) -> list[dict[str, Any]]:
        """Every group, one dict per line of ``groups.jsonl``: ``group``, ``versions``,
        ``promised``, ``duplicates``, ``evidence``, ``candidates``."""
        if self._groups is None:
            self._groups = _lines(self._native.groups_jsonl())
        return self._groups

    @property
    def findings(self) -> list[dict[str, Any]]:
        """The gap audit's findings, as in ``gaps.json``: ``kind``, ``severity``, ``group``,
        ``langs``, ``statement``, ``files``, ``paragraphs``, ``excerpt``, ``evidence``,
        ``confidence``, ``message``."""
        findings: list[dict[str, Any]] = self._audit_json()["findings"]
        return findings

    @property
    def coverage(self) -> list[dict[str, Any]]:
        """The coverage matrix of ``gaps.json``: per group, the state of each language."""
        coverage: list[dict[str, Any]] = self._audit_json()["coverage"]
        return coverage

    @property
    def diagnostics(self) -> list[dict[str, Any]]:
        """Problems with the inputs, as the CLI prints them on stderr: ``severity`` (``note``,
        ``warning``, ``error`` — an error means the file or part of it was skipped), ``file``,
        ``line`` (or ``None``), ``kind`` and ``message``."""
        if self._diagnostics is None:
            self._diagnostics = json.loads(self._native.diagnostics_json())
        return self._diagnostics

    @property
    def ok(self) -> bool:
        """True when every input was used (``polyalign align`` exits 0; else 1)."""
        return bool(self._summary["ok"])

    @property
    def exit_code(self) -> int:
        """The exit code ``polyalign align`` would give: 0, or 1 when some input was skipped."""
        return 0 if self.ok else 1

    @property
    def summary(self) -> dict[str, Any]:
        """Counts (``files``, ``pages``, ``bytes``, ``statements``, ``groups``, ``units``,
        ``findings``, ``chrome_blocks_removed``), ``pivot``, ``langs``, ``level`` and ``ok``."""
        return dict(self._summary)

    @property
    def pivot(self) -> Optional[str]:
        """The pivot language of the run."""
        pivot: Optional[str] = self._summary["pivot"]
        return pivot

    @property
    def langs(self) -> list[str]:
        """The exported languages."""
        return list(self._summary["langs"])

    @property
    def level(self) -> str:
        """The exported level, ``"paragraph"`` or ``"sentence"``."""
        return str(self._summary["level"])

    def check(self) -> "RunResult":
        """Raise :class:`InputError` for the first skipped input, if any; return self."""
        for d in self.diagnostics:
            if d["severity"] == "error":
                raise InputError(d["file"], d["kind"], d["message"])
        return self

    def write(
        self,
        dir: PathLike,
        formats: Sequence[str] = ("tmx", "csv"),
        *,
        excel: bool = False,
        audit: bool = True,
    ) -> list[Path]:
        """Write what ``polyalign align -o DIR --format …`` writes, byte for byte the same.

        Args:
            dir: the output folder (created if missing).
            formats: any of ``tmx``, ``csv``, ``tsv`` (TSV and Moses), ``jsonl``.
            excel: start CSV files with a byte-order mark (``--excel``).
            audit: write ``gaps.csv``, ``gaps.json``, ``coverage.csv`` and ``report.html``
                (``False`` is ``--no-audit``).

        ``groups.jsonl`` is always written. Dates of TMX files follow ``SOURCE_DATE_EPOCH``
        as the CLI's do. Returns the paths written.

        Raises:
            UsageError: an unknown format.
            OutputError: a file cannot be written.
        """
        if isinstance(formats, str):
            formats = formats.split(",")
        written = self._native.write(os.fspath(dir), list(formats), excel, audit)
        return [Path(p) for p in written]

    def _audit_json(self) -> dict[str, Any]:
        if self._audit is None:
            self._audit = json.loads(self._native.audit_json())
        return self._audit

    def __repr__(self) -> str:
        s = self._summary
        return (
            f"<RunResult {s['files']} files, {s['statements']} statements, {s['groups']} groups, "
            f"{s['units']} units ({s['level']}), {s['findings']} findings, ok={s['ok']}>"
        )
