"""TMX memories: read one (ours or another tool's) and write units as one."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any, Iterable, Mapping, Optional, Sequence, Union

from . import _native
from .corpus import RunResult

__all__ = ["Memory", "read_tmx", "write_tmx"]

PathLike = Union[str, "os.PathLike[str]"]


class Memory:
    """A TMX memory read by :func:`read_tmx`, as ``polyalign convert`` reads it."""

    def __init__(self, native: "_native.Tmx") -> None:
        self._native = native
        self._units: Optional[list[dict[str, Any]]] = None

    @property
    def path(self) -> str:
        """The file read."""
        return self._native.path

    @property
    def header(self) -> dict[str, str]:
        """The ``<header>`` attributes (``srclang``, ``segtype``, ``creationtool`` …)."""
        return dict(self._native.header)

    @property
    def langs(self) -> list[str]:
        """Languages present (de, en, es, fr, ru; variants in others are skipped)."""
        return self._native.langs

    @property
    def pivot(self) -> Optional[str]:
        """The language of the header's ``srclang`` (``None`` for ``*all*``)."""
        return self._native.pivot

    @property
    def level(self) -> str:
        """``"paragraph"`` or ``"sentence"``, from the header's ``segtype``."""
        return self._native.level

    @property
    def skipped_variants(self) -> int:
        """Variants skipped: a language polyalign does not handle, or a repeated one."""
        return self._native.skipped_variants

    @property
    def units(self) -> list[dict[str, Any]]:
        """The units with two languages or more, as ``polyalign convert --format jsonl``
        writes them (the shape of ``units.jsonl``)."""
        if self._units is None:
            self._units = [
                json.loads(line) for line in self._native.units_jsonl().splitlines() if line
            ]
        return self._units

    def __len__(self) -> int:
        """Every ``<tu>`` read, single-language ones included."""
        return len(self._native)

    def write(
        self,
        dir: PathLike,
        formats: Sequence[str] = ("csv", "tsv", "jsonl", "tmx"),
        *,
        langs: Optional[Sequence[str]] = None,
        pivot: Optional[str] = None,
        excel: bool = False,
    ) -> list[Path]:
        """Re-export the memory as ``polyalign convert IN -o DIR`` does, byte for byte."""
        if isinstance(formats, str):
            formats = formats.split(",")
        written = self._native.write(
            os.fspath(dir), list(formats), None if langs is None else list(langs), pivot, excel
        )
        return [Path(p) for p in written]

    def __repr__(self) -> str:
        return f"<Memory {self.path!r}: {len(self)} units, {'/'.join(self.langs)}, {self.level}>"


def read_tmx(path: PathLike) -> Memory:
    """Read a TMX file (any version 1.1–1.4; UTF-8, or UTF-16 with a byte-order mark).

    Raises:
        InputError: the file is missing or unreadable (``not-found``, ``unreadable``), or not
            a TMX document (``not-tmx``, with the XML error and its byte offset).
    """
    return Memory(_native.read_tmx(os.fspath(path)))


def write_tmx(
    path: PathLike,
    units: Union[RunResult, Memory, Iterable[Mapping[str, Any]]],
    *,
    langs: Optional[Sequence[str]] = None,
    pivot: Optional[str] = None,
    level: Optional[str] = None,
) -> Path:
    """Write units as one multilingual TMX 1.4 file, laid out as ``corpus.tmx``.

    Args:
        path: the file to write (atomically: readers never see half of it).
        units: a :class:`RunResult` (its ``corpus.tmx``, byte for byte), a :class:`Memory`
            (what ``polyalign convert --format tmx`` writes as ``corpus.tmx``), or dicts shaped
            like ``units.jsonl`` lines: ``group`` and ``segments`` (per language code a dict
            with ``text``, and optionally ``indices``, ``file``, ``tag``) are needed; ``unit``,
            ``level``, ``score`` (default 1) and ``bead`` are optional.
        langs: languages to write (default: all present); not for a :class:`RunResult`, whose
            languages were chosen by :func:`polyalign.run`.
        pivot: the ``srclang`` language (default: the memory's, or ``*all*`` for dicts).
        level: ``segtype`` for dicts (default: the first unit's level).

    Dates follow ``SOURCE_DATE_EPOCH`` as the CLI's do.

    Raises:
        UsageError: units of the wrong shape, or options a :class:`RunResult` does not take.
        UnknownLanguageError: a language code polyalign does not handle.
        OutputError: the file cannot be written.
    """
    if isinstance(units, RunResult):
        if langs is not None or pivot is not None or level is not None:
            from .errors import UsageError

            raise UsageError("langs, pivot and level are chosen by run() for a RunResult")
        data = units._native.corpus_tmx()
    elif isinstance(units, Memory):
        data = units._native.corpus_tmx(None if langs is None else list(langs), pivot)
    else:
        data = _native.units_tmx(
            json.dumps([dict(u) for u in units]),
            None if langs is None else list(langs),
            pivot,
            level,
        )
    _native.write_file(os.fspath(path), data)
    return Path(path)
