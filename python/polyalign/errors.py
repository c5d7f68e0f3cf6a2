"""Exceptions of polyalign: every error the package raises is a :class:`PolyalignError`.

``run`` raises only for usage errors (bad arguments); a file it cannot use is a diagnostic of
the run (``RunResult.diagnostics``), as ``polyalign align`` reports it and goes on. Functions
that read one named file (``align_files``, ``read_tmx``) raise :class:`InputError` for it.
"""

from __future__ import annotations

__all__ = [
    "PolyalignError",
    "UsageError",
    "UnknownLanguageError",
    "InputError",
    "OutputError",
]


class PolyalignError(Exception):
    """Base class of every polyalign error."""


class UsageError(PolyalignError, ValueError):
    """A bad argument: an unknown level or format, a score outside [0, 1], no input paths.

    The CLI exits with code 2 for these.
    """


class UnknownLanguageError(UsageError):
    """A language code polyalign does not handle (it knows de, en, es, fr and ru)."""


class InputError(PolyalignError):
    """An input file that cannot be used.

    Attributes:
        path: the file, as given.
        kind: a short machine-readable reason: ``not-found``, ``not-a-file``, ``unreadable``,
            ``binary``, ``invalid-utf8``, ``not-tmx``, ``dictionary``, or for
            :meth:`RunResult.check` the diagnostic's kind (``empty``, ``binary`` …).
        reason: one human-readable line.
    """

    def __init__(self, path: str, kind: str, reason: str) -> None:
        super().__init__(f"{path}: {reason} [{kind}]")
        self.path = path
        self.kind = kind
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str, str]]:
        return (type(self), (self.path, self.kind, self.reason))


class OutputError(PolyalignError):
    """An output that cannot be written (a folder that cannot be created, a full disk …).

    Attributes:
        path: the file or folder.
        reason: one human-readable line.
    """

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason

    def __reduce__(self) -> tuple[type, tuple[str, str]]:
        return (type(self), (self.path, self.reason))
