"""The PySpark recipe (polyalign.spark): date-window shards in local[2] against `polyalign align`.

The corpus is generated from the sample's ministry pages without their common footer (a
footer is recognised as boilerplate only across a dozen page titles, more than a small shard
has). Skips when pyspark or Java is missing, unless POLYALIGN_REQUIRE_SPARK=1.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import REPO

from polyalign import spark as ps

PIVOT = "en"


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    root = tmp_path_factory.mktemp("spark")
    out = root / "corpus"
    out.mkdir()
    for p in sorted((REPO / "corpora" / "sample" / "ministry").glob("*.txt")):
        text = p.read_text(encoding="utf-8").replace("Advanced settings", "").rstrip()
        (out / p.name).write_text(text + "\n", encoding="utf-8")
    return root


@pytest.fixture(scope="module")
def cli_out(cli_bin, corpus) -> dict:
    subprocess.run(
        [str(cli_bin), "align", str(corpus / "corpus"), "-o", "out", "--quiet", "--pivot", PIVOT,
         "--format", "jsonl"],
        cwd=corpus, check=True, capture_output=True,
    )  # fmt: skip
    lines = lambda p: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()]  # noqa: E731
    gaps = json.loads((corpus / "out" / "gaps.json").read_text(encoding="utf-8"))
    return {
        "units": lines(corpus / "out" / "units.jsonl"),
        "groups": lines(corpus / "out" / "groups.jsonl"),
        "findings": gaps["findings"],
    }


def same_as_cli(result: ps.ShardedResult, cli: dict, shared: bool = True) -> None:
    """Groups, units and findings as the CLI's. Without shared statistics, only what does not
    depend on them: group probabilities, unit scores and finding confidences are the shards'."""
    if shared:
        assert result.groups == cli["groups"]
        assert result.units == cli["units"]
        assert result.findings == cli["findings"]
        return
    assert [g["group"] for g in result.groups] == [g["group"] for g in cli["groups"]]
    for a, b in zip(result.groups, cli["groups"]):
        for k in ("versions", "promised", "duplicates"):
            assert a[k] == b[k], (a["group"], k)
    drop = lambda us, ks: [{k: v for k, v in u.items() if k not in ks} for u in us]  # noqa: E731
    assert drop(result.units, {"score"}) == drop(cli["units"], {"score"})
    key = lambda f: (f["group"], f["kind"], f["langs"], f["paragraphs"])  # noqa: E731
    strip = lambda fs: sorted(drop(fs, {"confidence", "evidence"}), key=key)  # noqa: E731
    assert strip(result.findings) == strip(cli["findings"])


def test_plan_shards_overlap_by_twice_the_lag_and_a_day():
    dates = {
        "a": ["2020-01-01"],
        "d": ["2020-01-04"],
        "b": ["2020-01-09"],
        "c": ["2020-01-17"],
        "e": ["2020-01-25"],
        "u": [],
    }
    shards = ps.plan_shards(dates, window_days=10)
    assert [(s.start, s.end, s.files, s.first) for s in shards] == [
        # c: 6 days after the end, within the overlap (7 days); e is not
        ("2020-01-01", "2020-01-11", ("a", "b", "c", "d", "u"), True),
        # d: 7 days before the start, within the overlap; a, 10 days before, is not
        ("2020-01-11", "2020-01-21", ("b", "c", "d", "e", "u"), False),
        ("2020-01-21", "2020-01-31", ("c", "e", "u"), False),
    ]
    assert ps.plan_shards({"u": []}, 10) == [ps.Shard("", "", ("u",), True)]
    with pytest.raises(ValueError):
        ps.plan_shards(dates, 0)


def test_undated_statements_and_copies_take_their_groups_date():
    groups = [
        {
            "versions": {
                "en": {"file": "a", "date": "2020-01-05"},
                "ru": {"file": "b", "date": "2020-01-03"},
                "fr": {"file": "c"},  # undated: the group's earliest date
            },
            "duplicates": [{"file": "d", "copy": "d#main"}],  # a copy: likewise
        },
        {"versions": {"de": {"file": "e"}}, "duplicates": []},  # no date at all
    ]
    dates = ps.dates_from_groups(groups, ["a", "b", "c", "d", "e", "f"])
    assert dates == {
        "a": ["2020-01-05"],
        "b": ["2020-01-03"],
        "c": ["2020-01-03"],
        "d": ["2020-01-03"],
        "e": [""],
        "f": [],  # in no group
    }
    shards = ps.plan_shards({**dates, "g": ["2020-03-01"]}, window_days=30)
    assert [(s.start, s.files) for s in shards] == [
        ("2020-01-03", ("a", "b", "c", "d", "e", "f")),
        ("2020-02-02", ("e", "f", "g")),
    ]


def test_shards_own_the_whole_runs_groups_by_their_earliest_date():
    shards = [
        ps.Shard("2020-01-01", "2020-01-31", ("a",), True),
        ps.Shard("2020-01-31", "2020-03-01", ("b",), False),
    ]
    groups = [
        {"group": "g1", "versions": {"en": {"date": "2020-02-01"}, "ru": {"date": "2020-01-30"}}},
        {"group": "g2", "versions": {"en": {"date": "2020-02-02"}}},
        {"group": "g3", "versions": {"en": {}}},  # no date: the first shard's
    ]
    owned = [s.owned for s in ps.own_groups(shards, groups)]
    assert owned == [("g1", "g3"), ("g2",)]


@pytest.mark.parametrize("window", [30, 400])
def test_sharded_in_process_equals_the_cli(corpus, cli_out, window):
    r = ps.run_sharded(corpus / "corpus", window_days=window, pivot=PIVOT)
    assert r.shards == (8 if window == 30 else 3)
    same_as_cli(r, cli_out)


def test_shards_learning_their_own_statistics_differ_in_probabilities(corpus, cli_out):
    r = ps.run_sharded(corpus / "corpus", window_days=30, pivot=PIVOT, shared_stats=False)
    same_as_cli(r, cli_out, shared=False)
    assert r.groups != cli_out["groups"], "the shards' own statistics give other probabilities"
    assert r.units != cli_out["units"], "and other scores"


@pytest.fixture(scope="module")
def copies_corpus(cli_bin, tmp_path_factory) -> tuple[Path, str, dict]:
    """The ministry pages plus two republications, as embassies make them: one dated the day
    after its original, one with no date at all; the CLI's outputs and the statistics it
    saved."""
    root = tmp_path_factory.mktemp("copies")
    out = root / "corpus"
    out.mkdir()
    pages = sorted((REPO / "corpora" / "sample" / "ministry").glob("*.txt"))
    for p in pages:
        text = p.read_text(encoding="utf-8").replace("Advanced settings", "").rstrip()
        (out / p.name).write_text(text + "\n", encoding="utf-8")

    def body(name: str) -> str:
        # The statement of a ministry page: its title and paragraphs, without the date line
        # and the switcher.
        blocks = (out / name).read_text(encoding="utf-8").split("\n\n")
        return "\n\n".join(b for b in blocks[1:] if b.strip() and "•" not in b)

    (out / "z-dated-copy.txt").write_text("27 September 2022\n\n" + body("p0711.txt") + "\n")
    (out / "z-undated-copy.txt").write_text(body("p0034.txt") + "\n")
    subprocess.run(
        [str(cli_bin), "align", str(out), "-o", "out", "--quiet", "--pivot", PIVOT,
         "--format", "jsonl", "--save-stats", "stats.json"],
        cwd=root, check=True, capture_output=True,
    )  # fmt: skip
    lines = lambda p: [json.loads(x) for x in p.read_text(encoding="utf-8").splitlines()]  # noqa: E731
    cli = {
        "units": lines(root / "out" / "units.jsonl"),
        "groups": lines(root / "out" / "groups.jsonl"),
        "findings": json.loads((root / "out" / "gaps.json").read_text(encoding="utf-8"))["findings"],
    }
    return out, (root / "stats.json").read_text(encoding="utf-8"), cli


@pytest.mark.parametrize("window", [30, 400])
def test_shards_under_given_statistics_equal_the_cli(copies_corpus, window):
    corpus, stats, cli = copies_corpus
    copied = {str(c) for c, _ in json.loads(stats)["group"]["copies"]}
    assert {f"{corpus}/z-dated-copy.txt#main", f"{corpus}/z-undated-copy.txt#main"} <= copied
    r = ps.run_sharded(corpus, window_days=window, pivot=PIVOT, stats=stats)
    same_as_cli(r, cli)


def test_a_shard_holding_a_recorded_copy_without_its_original_does_not_own_it(copies_corpus):
    corpus, stats, _ = copies_corpus
    # The first shard's window, and the undated copy of a statement dated two years later.
    shard = ps.Shard("2020-06-26", "2020-07-26", (f"{corpus}/p0144.txt", f"{corpus}/z-undated-copy.txt"), True)
    kept = ps.run_shard(shard, pivot=PIVOT, stats=stats)
    statements = {str(v["statement"]) for g in kept["groups"] for v in g["versions"].values()}
    assert f"{corpus}/p0144.txt#main" in statements
    assert f"{corpus}/z-undated-copy.txt#main" not in statements
    assert all(u["group"] in {g["group"] for g in kept["groups"]} for u in kept["units"])


def test_a_cached_rerun_runs_only_the_shards_whose_files_changed(cli_bin, copies_corpus, tmp_path):
    corpus = copies_corpus[0]
    work = tmp_path / "corpus"
    shutil.copytree(corpus, work)
    # Statement ids are paths: the statistics of these paths.
    subprocess.run(
        [str(cli_bin), "align", str(work), "-o", str(tmp_path / "out"), "--quiet", "--pivot",
         PIVOT, "--save-stats", str(tmp_path / "stats.json")],
        check=True, capture_output=True,
    )  # fmt: skip
    stats = (tmp_path / "stats.json").read_text(encoding="utf-8")
    cache = tmp_path / "cache"
    first = ps.run_sharded(work, window_days=30, pivot=PIVOT, stats=stats, cache=cache)
    plain = ps.run_sharded(work, window_days=30, pivot=PIVOT, stats=stats)
    assert (first.groups, first.units, first.findings) == (plain.groups, plain.units, plain.findings)
    assert first.changes is not None and first.changes.shards_reused == 0
    assert len(first.changes.files_added) == len(list(work.iterdir()))
    again = ps.run_sharded(work, window_days=30, pivot=PIVOT, stats=stats, cache=cache)
    assert (again.groups, again.units, again.findings) == (plain.groups, plain.units, plain.findings)
    assert again.changes is not None
    assert (again.changes.shards_run, again.changes.shards_reused) == (0, first.shards)
    assert again.changes.files_added == again.changes.files_changed == []
    # A week's scrape: a page edited (a paragraph added) and a copy taken down.
    edited = work / "p0034.txt"
    edited.write_text(
        edited.read_text(encoding="utf-8").rstrip() + "\n\nEsta declaración fue actualizada.\n",
        encoding="utf-8",
    )
    (work / "z-dated-copy.txt").unlink()
    third = ps.run_sharded(work, window_days=30, pivot=PIVOT, stats=stats, cache=cache)
    fresh = ps.run_sharded(work, window_days=30, pivot=PIVOT, stats=stats)
    assert (third.groups, third.units, third.findings) == (fresh.groups, fresh.units, fresh.findings)
    assert third.units != plain.units
    ch = third.changes
    assert ch is not None
    assert ch.files_changed == [str(edited)]
    assert ch.files_removed == [str(work / "z-dated-copy.txt")]
    assert ch.statements_edited == [f"{edited}#main"]
    assert ch.statements_removed == [f"{work}/z-dated-copy.txt#main"]
    assert 0 < ch.shards_run <= 2 and ch.shards_run + ch.shards_reused == third.shards
    assert len(list((cache / "shards").iterdir())) == third.shards
    # Dates cached by another build of the native module are taken again (the parts' keys hold
    # the build too), and nothing is reported as changed; one part removed: one shard runs.
    saved = json.loads((cache / "dates.json").read_text(encoding="utf-8"))
    saved["build"] = "another"
    (cache / "dates.json").write_text(json.dumps(saved), encoding="utf-8")
    (cache / "shards" / next((cache / "shards").iterdir()).name).unlink()
    fourth = ps.run_sharded(work, window_days=30, pivot=PIVOT, stats=stats, cache=cache)
    assert (fourth.groups, fourth.units, fourth.findings) == (fresh.groups, fresh.units, fresh.findings)
    assert fourth.changes is not None and fourth.changes.files_changed == []
    assert fourth.changes.statements_edited == [] and fourth.changes.shards_run == 1


def test_statistics_saved_for_other_paths_are_refused():
    stats = json.dumps({"group": {"copies": [["archive/c#main", "archive/a#main"]]}})
    with pytest.raises(ValueError, match="same paths"):
        ps.dates_from_stats({"/data/archive/c": {"/data/archive/c#main": ""}}, stats)
    # A part of the archive, in the same folder: fine, even without the recorded copies.
    assert ps.dates_from_stats({"archive/b": {"archive/b#main": "2020-01-01"}}, stats) == {
        "archive/b": ["2020-01-01"]
    }


def test_files_are_dated_by_their_statements_and_recorded_copies():
    stats = json.dumps({"group": {"copies": [["c#main", "a#main"], ["u#main", "b#main"]]}})
    dates = ps.dates_from_stats(
        {
            "a": {"a#main": "2020-01-05"},
            "b": {"b#main": ""},
            "c": {"c#main": "2020-01-06", "c#teaser-0": "2020-02-27"},  # a day later
            "u": {"u#main": ""},  # undated copy of an undated original: every shard
            "v": {"v#main": ""},  # undated, nobody's copy: every shard
        },
        stats,
    )
    assert dates == {
        "a": ["2020-01-05"],
        "b": [""],
        "c": ["2020-01-05", "2020-02-27"],
        "u": [""],
        "v": [""],
    }


def spark_context():
    need = os.environ.get("POLYALIGN_REQUIRE_SPARK") == "1"
    try:
        import pyspark  # noqa: F401
    except ImportError:
        if need:
            pytest.fail("pyspark is not installed")
        pytest.skip("note: pyspark not installed, skipped")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        if need:
            pytest.fail("no Java for Spark")
        pytest.skip("note: no Java, Spark test skipped")
    from pyspark import SparkConf, SparkContext

    os.environ["PYSPARK_PYTHON"] = sys.executable
    os.environ["PYSPARK_DRIVER_PYTHON"] = sys.executable
    conf = (
        SparkConf()
        .setMaster("local[2]")
        .setAppName("polyalign-test")
        .set("spark.ui.enabled", "false")
        .set("spark.driver.host", "127.0.0.1")
        .set("spark.driver.bindAddress", "127.0.0.1")
    )
    return SparkContext(conf=conf)


def test_spark_local2_equals_the_cli(corpus, cli_out, copies_corpus):
    sc = spark_context()
    try:
        # Absolute paths, as the CLI was given: Spark's workers have their own folder.
        r = ps.run_spark(sc, [str(corpus / "corpus")], window_days=180, pivot=PIVOT)
        # Under given statistics: no learning task, files dated by their own statements.
        copies, stats, copies_cli = copies_corpus
        g = ps.run_spark(sc, [str(copies)], window_days=180, pivot=PIVOT, stats=stats)
    finally:
        sc.stop()
    assert r.shards == 5
    same_as_cli(r, cli_out)
    same_as_cli(g, copies_cli)
