"""align_pair / align_files: the beads of `polyalign pair`, their texts, and the errors."""

from __future__ import annotations

import pickle
import threading
import time
from pathlib import Path

import pytest
from helpers import REPO, shared

import polyalign
from polyalign import Bead, InputError, UnknownLanguageError, UsageError

ALIGN = REPO / "tests" / "data" / "align"
BAD = REPO / "tests" / "data" / "bad"


def lines(p: Path) -> list[str]:
    return p.read_text(encoding="utf-8").splitlines()


def paragraphs_doc(tmp_path: Path, name: str, src: Path, size: int) -> Path:
    """The fixture's sentences as a document of paragraphs (`size` sentences each)."""
    ls = lines(src)
    paras = [" ".join(ls[i : i + size]) for i in range(0, len(ls), size)]
    p = tmp_path / name
    p.write_text("\n\n".join(paras) + "\n", encoding="utf-8")
    return p


def test_beads_carry_indices_texts_scores():
    de, fr = lines(ALIGN / "statement.de"), lines(ALIGN / "statement.fr")
    beads = polyalign.align_pair(de, fr, langs=("de", "fr"), presegmented=True)
    assert beads and all(isinstance(b, Bead) for b in beads)
    assert [i for b in beads for i in b.src] == list(range(len(de)))
    assert [j for b in beads for j in b.tgt] == list(range(len(fr)))
    for b in beads:
        assert 0.0 <= b.score <= 1.0
        assert b.src_text == " ".join(de[i] for i in b.src)
        assert b.tgt_text == " ".join(fr[j] for j in b.tgt)
        assert b.shape == f"{len(b.src)}-{len(b.tgt)}"
    assert str(beads[1]) == "[1, 2]:[1]"
    assert pickle.loads(pickle.dumps(beads)) == beads
    assert beads[0] == Bead(beads[0].src, beads[0].tgt, beads[0].score, de[0], fr[0])


def test_text_and_lines_give_the_same_beads():
    de = (ALIGN / "statement.de").read_text(encoding="utf-8")
    fr = (ALIGN / "statement.fr").read_text(encoding="utf-8")
    for level in ("paragraph", "sentence"):
        for pre in (False, True):
            a = polyalign.align_pair(de, fr, ("de", "fr"), level, pre)
            b = polyalign.align_pair(de.splitlines(), fr.splitlines(), ("de", "fr"), level, pre)
            assert a == b


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_documents_equal_the_cli(cli, tmp_path, level):
    de = paragraphs_doc(tmp_path, "doc.de", ALIGN / "statement.de", 3)
    fr = paragraphs_doc(tmp_path, "doc.fr", ALIGN / "statement.fr", 3)
    out = cli("pair", de, fr, "--langs", "de,fr", "--level", level, "--scores").stdout
    beads = polyalign.align_files(de, fr, ("de", "fr"), level)
    assert polyalign.format_beads(beads, scores=True).encode() == out
    if level == "sentence":
        sents = polyalign.segment(de.read_text(encoding="utf-8").split("\n\n")[0], "de")
        assert beads[0].src_text == sents[0]


def test_presegmented_equals_the_cli(cli):
    de, fr = ALIGN / "statement.de", ALIGN / "statement.fr"
    out = cli("pair", de, fr, "--langs", "de,fr", "--presegmented", "--scores").stdout
    beads = polyalign.align_pair(lines(de), lines(fr), ("de", "fr"), presegmented=True)
    assert polyalign.format_beads(beads, scores=True).encode() == out


def test_textberg_dev_equals_the_cli(cli):
    d = shared("textberg-dev")
    out = cli(
        "pair", d / "dev.de", d / "dev.fr", "--langs", "de,fr", "--presegmented", "--scores"
    ).stdout
    beads = polyalign.align_pair(
        lines(d / "dev.de"), lines(d / "dev.fr"), langs=("de", "fr"), presegmented=True
    )
    assert len(beads) > 400
    assert polyalign.format_beads(beads, scores=True).encode() == out


def test_dictionary_is_used_as_the_cli_uses_it(cli, tmp_path):
    dic = tmp_path / "de-fr.dic"
    dic.write_text("ministre @ Minister\nguerre @ Krieg\n", encoding="utf-8")
    de, fr = ALIGN / "statement.de", ALIGN / "statement.fr"
    out = cli(
        "pair", de, fr, "--langs", "de,fr", "--presegmented", "--scores", "--dict", dic
    ).stdout
    beads = polyalign.align_files(de, fr, ("de", "fr"), presegmented=True, dictionary=dic)
    assert polyalign.format_beads(beads, scores=True).encode() == out


def test_empty_documents_give_no_beads():
    assert polyalign.align_pair([], [], presegmented=True) == []
    assert polyalign.align_pair("", "") == []


def test_langs_accept_codes_and_names():
    de, fr = lines(ALIGN / "statement.de"), lines(ALIGN / "statement.fr")
    a = polyalign.align_pair(de, fr, ("de", "fr"), presegmented=True)
    assert polyalign.align_pair(de, fr, ("German", "fra"), presegmented=True) == a
    assert polyalign.align_pair(de, fr, "de,fr", presegmented=True) == a  # type: ignore[arg-type]


def test_unknown_language_is_an_error():
    with pytest.raises(UnknownLanguageError, match="xx"):
        polyalign.align_pair(["a"], ["b"], langs=("de", "xx"))
    with pytest.raises(UsageError):
        polyalign.align_pair(["a"], ["b"], langs=("de",))  # type: ignore[arg-type]


def test_bad_level_is_a_usage_error():
    with pytest.raises(UsageError, match="level"):
        polyalign.align_pair("a", "b", level="word")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "name,kind,reason",
    [
        ("binary.html", "binary", "PNG signature"),
        ("no-signature.bin", "binary", "control characters"),
        ("truncated-utf8.txt", "invalid-utf8", "not valid UTF-8"),
        ("cp1251-page.txt", "invalid-utf8", "not valid UTF-8"),
        ("missing.txt", "not-found", "no such file"),
    ],
)
def test_files_the_cli_refuses_raise_input_error(name, kind, reason):
    with pytest.raises(InputError) as e:
        polyalign.align_files(BAD / name, ALIGN / "statement.fr")
    assert e.value.kind == kind
    assert reason in e.value.reason
    assert e.value.path.endswith(name) and name in str(e.value)


def test_folder_is_not_a_document():
    with pytest.raises(InputError) as e:
        polyalign.align_files(BAD, ALIGN / "statement.fr")
    assert e.value.kind == "not-a-file"


def test_unreadable_dictionary_raises_input_error(tmp_path):
    with pytest.raises(InputError) as e:
        polyalign.align_pair(["a"], ["b"], dictionary=tmp_path / "none.dic")
    assert e.value.kind == "dictionary" and "none.dic" in e.value.path


def test_align_pair_releases_the_gil():
    # A few thousand lines take a good fraction of a second to align; while they do, this
    # thread keeps running only if the aligner released the GIL (else it is stuck until the
    # worker returns and counts once).
    de = lines(ALIGN / "statement.de") * 250
    fr = lines(ALIGN / "statement.fr") * 250
    done: list = []
    t = threading.Thread(target=lambda: done.append(polyalign.align_pair(de, fr, presegmented=True)))
    t.start()
    ticks = 0
    while t.is_alive():
        ticks += 1
        time.sleep(0.001)
    t.join()
    assert done and len(done[0]) > 2000
    assert ticks >= 3
