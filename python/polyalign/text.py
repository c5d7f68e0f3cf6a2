"""Language identification and sentence segmentation, as the pipeline does them."""

from __future__ import annotations

from typing import NamedTuple, Optional

from . import _native

__all__ = ["Detection", "detect_language", "segment", "LANGUAGES"]

LANGUAGES: tuple[str, ...] = tuple(_native.languages())
"""The languages polyalign handles, in output order: ``("de", "en", "es", "fr", "ru")``."""


class Detection(NamedTuple):
    """The language of a text and how sure the identification is."""

    lang: str
    """ISO 639-1 code, one of :data:`LANGUAGES`."""
    confidence: float
    """In [0, 1]."""


def detect_language(text: str) -> Optional[Detection]:
    """Identify the language of ``text`` among de, en, es, fr and ru.

    A clear stop-word vote decides first; lingua (high-accuracy mode) decides the rest, as the
    pipeline does for a standalone text. Returns ``None`` when the text gives no evidence
    (empty, numbers only …).
    """
    r = _native.detect_language(text)
    return None if r is None else Detection(r[0], r[1])


def segment(text: str, lang: str) -> list[str]:
    """Split ``text`` into sentences with the pipeline's rule-based segmenter for ``lang``.

    The sentences are trimmed and, together, hold every non-space character of ``text``.

    Raises:
        UnknownLanguageError: ``lang`` is not one polyalign handles.
    """
    return _native.segment(text, lang)
