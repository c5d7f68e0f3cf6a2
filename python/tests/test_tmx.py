"""read_tmx / write_tmx: memories as `polyalign convert` reads and writes them."""

from __future__ import annotations

import json

import pytest
from helpers import REPO, in_repo, run_in_repo, tree_bytes

import polyalign
from polyalign import InputError, Memory, UsageError

CORPUS = "alignments/corpus.tmx"
BAD = REPO / "tests" / "data" / "bad"


@pytest.fixture(scope="module")
def memory() -> Memory:
    with in_repo():
        return polyalign.read_tmx(CORPUS)


def test_memory_shape(memory):
    assert memory.pivot == "en" and memory.level == "paragraph"
    assert memory.langs == ["de", "en", "es", "fr", "ru"]
    assert memory.header["creationtool"] == "polyalign"
    assert len(memory) == len(memory.units) == 38
    assert memory.skipped_variants == 0
    u = memory.units[0]
    assert {"group", "unit", "level", "score", "bead", "segments"} <= set(u)


def test_units_are_the_run_units(memory):
    # corpus.tmx leaves out withheld (untranslated) segments and writes scores to 4 decimals.
    run = run_in_repo("corpora/sample")
    assert len(memory.units) == len(run.units)
    for a, b in zip(memory.units, run.units):
        assert (a["group"], a["unit"], a["level"]) == (b["group"], b["unit"], b["level"])
        assert a["score"] == round(b["score"], 4)
        for lang, seg in a["segments"].items():
            assert seg == b["segments"][lang]


@pytest.mark.parametrize("args", [[], ["--langs", "de,fr", "--pivot", "fr", "--excel"]])
def test_write_equals_convert(cli, memory, tmp_path, args):
    cli("convert", CORPUS, "-o", tmp_path / "A", *args)
    opts = {}
    if args:
        opts = {"langs": ["de", "fr"], "pivot": "fr", "excel": True}
    memory.write(tmp_path / "B", **opts)
    assert tree_bytes(tmp_path / "A") == tree_bytes(tmp_path / "B")


def test_write_tmx_of_a_memory_is_converts_corpus_tmx(cli, memory, tmp_path):
    cli("convert", CORPUS, "-o", tmp_path, "--format", "tmx")
    out = polyalign.write_tmx(tmp_path / "mine.tmx", memory)
    assert out.read_bytes() == (tmp_path / "corpus.tmx").read_bytes()


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_round_trip_is_byte_for_byte(tmp_path, level):
    # Kept untranslated segments: corpus.tmx then holds every segment of every unit.
    run = run_in_repo("corpora/sample", level=level, keep_untranslated=True)
    first = polyalign.write_tmx(tmp_path / "a.tmx", run)
    second = polyalign.write_tmx(tmp_path / "b.tmx", polyalign.read_tmx(first))
    assert first.read_bytes() == second.read_bytes()


def test_write_tmx_of_a_run_is_its_corpus_tmx(tmp_path):
    run = run_in_repo("corpora/sample")
    run.write(tmp_path / "out", ["tmx"])
    polyalign.write_tmx(tmp_path / "c.tmx", run)
    assert (tmp_path / "c.tmx").read_bytes() == (tmp_path / "out" / "corpus.tmx").read_bytes()
    with pytest.raises(UsageError):
        polyalign.write_tmx(tmp_path / "d.tmx", run, pivot="de")


def test_write_tmx_of_dicts_reads_back(tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "0")
    units = [
        {"group": "g", "segments": {"de": {"text": "Guten Tag."}, "fr": {"text": "Bonjour."}}},
        {
            "group": "g",
            "score": 0.5,
            "segments": {"de": {"text": "A & <B>"}, "fr": {"text": "C", "tag": "fr-CA"}},
        },
    ]
    p = polyalign.write_tmx(tmp_path / "u.tmx", units, pivot="de", level="sentence")
    text = p.read_text(encoding="utf-8")
    assert 'srclang="de-DE"' in text and 'segtype="sentence"' in text
    assert 'creationdate="19700101T000000Z"' in text and "A &amp; &lt;B&gt;" in text
    m = polyalign.read_tmx(p)
    assert [u["unit"] for u in m.units] == [0, 1]
    assert [u["score"] for u in m.units] == [1.0, 0.5]
    assert m.units[1]["segments"]["fr"]["tag"] == "fr-CA"
    assert m.units[0]["segments"]["de"]["text"] == "Guten Tag."
    # The same units from the memory's dicts give the same file.
    q = polyalign.write_tmx(tmp_path / "v.tmx", json.loads(json.dumps(m.units)), pivot="de")
    assert polyalign.read_tmx(q).units == m.units


def test_units_of_the_wrong_shape(tmp_path):
    with pytest.raises(UsageError, match="units.jsonl"):
        polyalign.write_tmx(tmp_path / "x.tmx", [{"segments": {}}])
    with pytest.raises(polyalign.UnknownLanguageError):
        polyalign.write_tmx(tmp_path / "x.tmx", [], langs=["xx"])


@pytest.mark.parametrize(
    "name,kind", [("binary.html", "not-tmx"), ("empty.txt", "not-tmx"), ("none.tmx", "not-found")]
)
def test_read_errors_name_the_file(name, kind):
    with pytest.raises(InputError) as e:
        polyalign.read_tmx(BAD / name)
    assert e.value.kind == kind
    assert name in e.value.path and name in str(e.value)


def test_write_error_names_the_file(memory, tmp_path):
    (tmp_path / "f").write_text("")
    with pytest.raises(polyalign.OutputError) as e:
        polyalign.write_tmx(tmp_path / "f" / "x.tmx", memory)
    assert e.value.path.endswith("x.tmx")
