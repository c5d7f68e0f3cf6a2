"""Aligning two documents: what ``polyalign pair`` does, as functions."""

from __future__ import annotations

import os
from typing import Iterable, Literal, Sequence, Tuple, Union

from . import _native
from ._native import Bead

__all__ = ["Bead", "align_pair", "align_files", "format_beads"]

Document = Union[str, Sequence[str]]
"""A document: its text (as a file holds it) or its lines."""

Level = Literal["paragraph", "sentence"]


def align_pair(
    src: Document,
    tgt: Document,
    langs: Tuple[str, str] = ("de", "fr"),
    level: Level = "sentence",
    presegmented: bool = False,
    *,
    dictionary: Union[str, "os.PathLike[str]", None] = None,
) -> list[Bead]:
    """Align two documents; the beads are those ``polyalign pair`` prints for the same input.

    Args:
        src: the source document: its text, or its lines (a list of strings, as
            ``text.splitlines()`` gives them).
        tgt: the target document, likewise.
        langs: the languages of ``src`` and ``tgt`` (ISO 639-1 codes such as ``"de"``; also
            ``"deu"`` or ``"German"``).
        level: without ``presegmented``, the unit to align: ``"paragraph"`` (blocks separated
            by blank lines) or ``"sentence"`` (paragraphs first, then sentences inside each
            paragraph bead, numbered through the document). As ``--level``.
        presegmented: each line is one segment (line *n* is segment *n*, blank lines included);
            a list's items are the segments exactly as given. As ``--presegmented``.
        dictionary: a hunalign dictionary (``target @ source`` per line), as ``--dict``.

    Returns:
        The beads in document order: indices of the segments on each side (0-based; one side
        is empty for a segment with no counterpart), their texts and the bead's confidence.

    Raises:
        UnknownLanguageError: a code of ``langs`` is not one polyalign handles.
        UsageError: ``level`` is not ``"paragraph"`` or ``"sentence"``.
        InputError: the dictionary cannot be read.

    The work runs without the GIL, so threads can align several pairs at once.
    """
    src_lang, tgt_lang = _two(langs)
    return _native.align_pair(
        _doc(src),
        _doc(tgt),
        src_lang,
        tgt_lang,
        level,
        presegmented,
        None if dictionary is None else os.fspath(dictionary),
    )


def align_files(
    src: Union[str, "os.PathLike[str]"],
    tgt: Union[str, "os.PathLike[str]"],
    langs: Tuple[str, str] = ("de", "fr"),
    level: Level = "sentence",
    presegmented: bool = False,
    *,
    dictionary: Union[str, "os.PathLike[str]", None] = None,
) -> list[Bead]:
    """``polyalign pair SRC TGT``: align two UTF-8 text files (see :func:`align_pair`).

    Raises:
        InputError: a file is missing, a folder, unreadable, binary or not UTF-8 (its
            ``path``, ``kind`` and ``reason`` say which and why).
    """
    return align_pair(
        _native.read_document(os.fspath(src)),
        _native.read_document(os.fspath(tgt)),
        langs,
        level,
        presegmented,
        dictionary=dictionary,
    )


def format_beads(beads: Iterable[Bead], scores: bool = False) -> str:
    """The beads as ``polyalign pair`` prints them: ``[i]:[j,k]`` per line, and with ``scores``
    a tab and the confidence (``--scores``)."""
    return _native.format_beads(list(beads), scores)


def _two(langs: Tuple[str, str]) -> Tuple[str, str]:
    if isinstance(langs, str):
        parts = langs.split(",")
        if len(parts) == 2:
            return parts[0].strip(), parts[1].strip()
    elif len(langs) == 2:
        return str(langs[0]), str(langs[1])
    from .errors import UsageError

    raise UsageError(f"langs must name two languages, as ('de', 'fr'), got {langs!r}")


def _doc(d: Document) -> Union[str, list[str]]:
    if isinstance(d, str):
        return d
    return list(d)
