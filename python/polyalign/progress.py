"""Progress of a run: a callback, a tqdm bar per stage, or a line per stage on stderr.

A callback is any callable ``callback(stage, done, total)``: ``stage`` names the pipeline
stage (``"reading files"``, ``"aligning paragraphs"`` …), ``done`` counts its items so far and
``total`` is their number when known (else ``None``). It is called from the pipeline's worker
threads, with the GIL held, one call at a time and in order: at every stage change, at most
every 0.1 s within a stage, and once at the end. If it raises, the run finishes without further
calls and :func:`polyalign.run` raises that exception.
"""

from __future__ import annotations

import sys
from typing import Any, Callable, Optional, TextIO, Union

__all__ = ["ProgressCallback", "TqdmProgress", "StderrProgress", "resolve"]

ProgressCallback = Callable[[str, int, Optional[int]], Any]


class TqdmProgress:
    """A tqdm bar per stage (``pip install tqdm``); keyword arguments go to ``tqdm.tqdm``."""

    def __init__(self, **tqdm_kwargs: Any) -> None:
        # Imported here: tqdm is optional (and untyped).
        from tqdm.auto import tqdm  # type: ignore[import-untyped,import-not-found,unused-ignore]

        self._tqdm = tqdm
        self._kwargs = tqdm_kwargs
        self._stage: Optional[str] = None
        self._bar: Any = None

    def __call__(self, stage: str, done: int, total: Optional[int]) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = self._tqdm(desc=stage, total=total, **self._kwargs)
        self._bar.n = done
        self._bar.refresh()

    def close(self) -> None:
        """Close the current bar (:func:`polyalign.run` does it at the end)."""
        if self._bar is not None:
            self._bar.close()
            self._bar = None


class StderrProgress:
    """One line per stage on a stream (stderr by default), with its count when it ends."""

    def __init__(self, stream: Optional[TextIO] = None) -> None:
        self._stream = stream
        self._stage: Optional[str] = None

    def __call__(self, stage: str, done: int, total: Optional[int]) -> None:
        if stage == self._stage:
            return
        self._stage = stage
        n = "" if total is None else f" ({total})"
        print(f"polyalign: {stage}{n}", file=self._stream or sys.stderr, flush=True)


def resolve(progress: Union[bool, ProgressCallback, None]) -> Optional[ProgressCallback]:
    """The callback for a ``progress`` argument: ``None``/``False`` none, ``True`` a tqdm bar
    when tqdm is installed (else lines on stderr), a callable itself."""
    if progress is None or progress is False:
        return None
    if progress is True:
        try:
            return TqdmProgress()
        except ImportError:
            return StderrProgress()
    if not callable(progress):
        from .errors import UsageError

        raise UsageError(f"progress must be a callable, True or None, got {progress!r}")
    return progress
