"""run(): the same units, groups, findings and files as `polyalign align`."""

from __future__ import annotations

import json
import pickle
import shutil
import threading
from pathlib import Path

import pytest
from helpers import REPO, run_in_repo, tree_bytes

import polyalign
from polyalign import RunResult, UnknownLanguageError, UsageError

SAMPLE = "corpora/sample"
BAD = REPO / "tests" / "data" / "bad"
ALL_FORMATS = ["tmx", "csv", "tsv", "jsonl"]


@pytest.fixture(scope="module")
def sample() -> RunResult:
    return run_in_repo(SAMPLE)


def cli_tree(cli, out: Path, *args: str, env=None) -> dict[str, bytes]:
    cli("align", SAMPLE, "-o", out, "--quiet", *args, env=env)
    return tree_bytes(out)


def jsonl(p: Path) -> list:
    return [json.loads(line) for line in p.read_text(encoding="utf-8").splitlines()]


def test_result_shape(sample):
    s = sample.summary
    assert (s["files"], s["statements"], s["groups"], s["units"]) == (34, 46, 20, 38)
    assert sample.ok and sample.exit_code == 0 and sample.diagnostics == []
    assert sample.level == "paragraph" and sample.pivot == "en"
    assert len(sample.units) == 38 and len(sample.groups) == 20
    u = sample.units[0]
    assert list(u)[:6] == ["group", "unit", "level", "score", "bead", "segments"]
    assert set(next(iter(u["segments"].values()))) == {"text", "indices", "file", "tag"}
    assert {f["kind"] for f in sample.findings} >= {"omission", "untranslated", "teaser-only"}
    assert len(sample.coverage) == 20
    assert "38 units" in repr(sample)


@pytest.mark.parametrize("epoch", [None, "1700000000"])
def test_write_equals_the_cli_byte_for_byte(cli, sample, tmp_path, monkeypatch, epoch):
    if epoch is None:
        monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    else:
        monkeypatch.setenv("SOURCE_DATE_EPOCH", epoch)
    a = cli_tree(
        cli, tmp_path / "A", "--format", ",".join(ALL_FORMATS), env={"SOURCE_DATE_EPOCH": epoch}
    )
    written = sample.write(tmp_path / "B", ALL_FORMATS)
    b = tree_bytes(tmp_path / "B")
    assert sorted(a) == sorted(b)
    for name in a:
        assert a[name] == b[name], name
    assert sorted(str(p.relative_to(tmp_path / "B")) for p in written) == sorted(b)
    assert "corpus.tmx" in a and "units.jsonl" in a and "report.html" in a


def test_collections_equal_the_cli_files(cli, sample, tmp_path):
    cli("align", SAMPLE, "-o", tmp_path, "--quiet", "--format", "jsonl")
    assert sample.units == jsonl(tmp_path / "units.jsonl")
    assert sample.groups == jsonl(tmp_path / "groups.jsonl")
    gaps = json.loads((tmp_path / "gaps.json").read_text(encoding="utf-8"))
    assert sample.findings == gaps["findings"]
    assert sample.coverage == gaps["coverage"]


@pytest.mark.parametrize(
    "kwargs,args",
    [
        ({"level": "sentence"}, ["--level", "sentence"]),
        ({"langs": ["de", "fr"], "min_score": 0.5}, ["--langs", "de,fr", "--min-score", "0.5"]),
        ({"pivot": "ru", "keep_untranslated": True}, ["--pivot", "ru", "--keep-untranslated"]),
    ],
)
def test_options_select_as_the_cli_does(cli, tmp_path, kwargs, args):
    a = cli_tree(cli, tmp_path / "A", "--format", "tmx,tsv,jsonl", "--excel", *args)
    r = run_in_repo(SAMPLE, **kwargs)
    r.write(tmp_path / "B", "tmx,tsv,jsonl", excel=True)
    assert a == tree_bytes(tmp_path / "B")
    assert r.units == jsonl(tmp_path / "A" / "units.jsonl")


@pytest.mark.parametrize("level", ["paragraph", "sentence"])
def test_stats_are_the_clis_and_give_the_same_run(cli, tmp_path, level):
    from helpers import in_repo

    with in_repo():
        stats = polyalign.learn_stats(SAMPLE, level=level)
    cli("align", SAMPLE, "-o", tmp_path / "A", "--quiet", "--level", level,
        "--save-stats", tmp_path / "s.json")  # fmt: skip
    assert stats == (tmp_path / "s.json").read_text(encoding="utf-8")
    assert json.loads(stats)["format"] == "polyalign-stats-1"
    learned = run_in_repo(SAMPLE, level=level)
    given = run_in_repo(SAMPLE, level=level, stats=stats)
    assert (given.groups, given.units, given.findings) == (
        learned.groups,
        learned.units,
        learned.findings,
    )
    with pytest.raises(UsageError, match="stats"):
        run_in_repo(SAMPLE, stats='{"format": "other"}')


def test_no_audit_writes_no_audit(cli, sample, tmp_path):
    a = cli_tree(cli, tmp_path / "A", "--no-audit")
    sample.write(tmp_path / "B", audit=False)
    assert a == tree_bytes(tmp_path / "B")
    assert "gaps.json" not in a


def test_bad_files_are_diagnostics_as_in_the_cli(cli, tmp_path):
    # A copy without the fixtures' README (and with a path that does not exist).
    shutil.copytree(BAD, tmp_path / "bad", ignore=shutil.ignore_patterns("README.md"))
    missing = tmp_path / "missing.txt"
    r = polyalign.run([tmp_path / "bad", missing])
    assert not r.ok and r.exit_code == 1
    kinds = {(Path(d["file"]).name, d["kind"]) for d in r.diagnostics if d["severity"] == "error"}
    assert ("binary.html", "binary") in kinds
    assert ("no-signature.bin", "binary") in kinds
    assert ("empty.txt", "empty") in kinds
    assert ("missing.txt", "unreadable") in kinds
    warned = {(Path(d["file"]).name, d["kind"]) for d in r.diagnostics}
    assert ("truncated-utf8.txt", "invalid-bytes") in warned
    with pytest.raises(polyalign.InputError) as e:
        r.check()
    assert pickle.loads(pickle.dumps(e.value)).path == e.value.path
    assert e.value.path.endswith(r.diagnostics[[d["severity"] for d in r.diagnostics].index("error")]["file"])
    p = cli("align", tmp_path / "bad", missing, "-o", tmp_path / "out", "--quiet")
    assert p.returncode == r.exit_code
    printed = p.stderr.decode().splitlines()
    for d in r.diagnostics:
        assert any(d["file"] in line and f"[{d['kind']}]" in line for line in printed), d


def test_usage_errors_raise():
    with pytest.raises(UsageError, match="level"):
        polyalign.run(REPO / SAMPLE, level="word")  # type: ignore[arg-type]
    with pytest.raises(UsageError, match="min_score"):
        polyalign.run(REPO / SAMPLE, min_score=1.5)
    with pytest.raises(UnknownLanguageError, match="xx"):
        polyalign.run(REPO / SAMPLE, pivot="xx")
    with pytest.raises(UnknownLanguageError, match="pt"):
        polyalign.run(REPO / SAMPLE, langs="de,pt")
    with pytest.raises(UsageError, match="no input"):
        polyalign.run([])


def test_unknown_format_is_a_usage_error(sample, tmp_path):
    with pytest.raises(UsageError, match="xliff"):
        sample.write(tmp_path, ["tmx", "xliff"])


def test_unwritable_output_is_an_output_error(sample, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(polyalign.OutputError) as e:
        sample.write(blocker / "sub", ["csv"])
    assert "file" in e.value.path


def test_progress_callback_sees_every_stage():
    calls = []
    threads = set()

    def cb(stage, done, total):
        calls.append((stage, done, total))
        threads.add(threading.get_ident())

    r = polyalign.run(REPO / SAMPLE, progress=cb)
    assert r.summary["units"] == 38
    stages = list(dict.fromkeys(c[0] for c in calls))
    assert stages[:2] == ["listing files", "reading files"]
    assert "aligning paragraphs" in stages and stages[-1] == "auditing"
    reading = [c for c in calls if c[0] == "reading files"]
    assert reading[-1][1:] == (34, 34)
    for stage in stages:
        counts = [c[1] for c in calls if c[0] == stage]
        assert counts == sorted(counts)
    assert calls[-1][1] == calls[-1][2]


def test_progress_exception_is_raised_after_the_run():
    seen = []

    def cb(stage, done, total):
        seen.append(stage)
        raise KeyError("stop")

    with pytest.raises(KeyError, match="stop"):
        polyalign.run(REPO / SAMPLE, progress=cb)
    assert seen == ["listing files"]


def test_progress_true_uses_tqdm_or_stderr(capsys):
    polyalign.run(REPO / SAMPLE / "embassy", progress=True)
    err = capsys.readouterr().err
    assert "reading files" in err


def test_progress_must_be_callable():
    with pytest.raises(UsageError):
        polyalign.run(REPO / SAMPLE, progress=3)  # type: ignore[arg-type]
