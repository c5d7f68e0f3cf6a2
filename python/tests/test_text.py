"""detect_language and segment."""

from __future__ import annotations

import pytest

import polyalign
from polyalign import Detection, UnknownLanguageError


@pytest.mark.parametrize(
    "text,lang",
    [
        ("Der Bundesminister des Auswärtigen hat heute in Berlin seinen Amtskollegen empfangen.", "de"),
        ("The Foreign Minister received his counterpart in Berlin today.", "en"),
        ("El ministro de Asuntos Exteriores recibió hoy a su homólogo en Berlín.", "es"),
        ("Le ministre des Affaires étrangères a reçu aujourd'hui son homologue à Berlin.", "fr"),
        ("Министр иностранных дел принял сегодня в Берлине своего коллегу.", "ru"),
    ],
)
def test_detect_language(text, lang):
    d = polyalign.detect_language(text)
    assert isinstance(d, Detection)
    assert d.lang == lang and 0.0 < d.confidence <= 1.0


def test_no_evidence_is_none():
    assert polyalign.detect_language("") is None
    assert polyalign.detect_language("2019 - 42") is None


def test_segment_keeps_abbreviations():
    text = "Mr. Smith met Dr. Jones in the U.S. capital. They spoke about No. 2254! Did it help?"
    assert polyalign.segment(text, "en") == [
        "Mr. Smith met Dr. Jones in the U.S. capital.",
        "They spoke about No. 2254!",
        "Did it help?",
    ]
    assert polyalign.segment("Am 3. Oktober kam er. Dann ging er.", "de") == [
        "Am 3. Oktober kam er.",
        "Dann ging er.",
    ]


def test_segment_covers_the_text():
    text = "  Первое предложение. Второе, т. е. продолжение.\n\nТретье.  "
    sents = polyalign.segment(text, "ru")
    assert "".join(sents).replace(" ", "") == "".join(text.split())


def test_segment_unknown_language():
    with pytest.raises(UnknownLanguageError) as e:
        polyalign.segment("Olá.", "pt")
    assert "pt" in str(e.value)
    assert isinstance(e.value, ValueError)


def test_languages():
    assert polyalign.LANGUAGES == ("de", "en", "es", "fr", "ru")
