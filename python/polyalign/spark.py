"""A recipe: an archive run as date-window shards, in Spark (or any ``map``).

Grouping only compares versions dated at most ``lag_days`` apart (the library's
``GroupConfig::lag_days``, 3), so an archive can be cut into date windows and each window run on
its own:

1. one task learns the corpus statistics (:func:`polyalign.learn_stats`): grouping's
   (document frequencies, bootstrapped lexicons, length models, the fitted model: grouping
   runs over the whole corpus) and the aligner's (which jobs form its learning sample, the
   model and lexicon of every pass per level and language pair, the audit's included: a run
   without exports, and at the sentence level only the sample is aligned);
2. every file is dated by the dates of its statements in that run's groups; an undated
   statement and a copy take their group's earliest date, so that they go to the shard that
   owns their group (without shared statistics: one small run per file, in parallel);
3. each shard holds the files of its window ``[start, end)`` plus twice the lag and a day on
   both sides (the overlap: a pair's competitors, and theirs, are inside), and is run with
   :func:`polyalign.run` under the shared statistics;
4. a shard keeps the groups whose earliest dated version falls inside its own window, with
   their units and findings; groups with no dated version are kept by the first shard only;
5. the parts are merged and sorted as the CLI sorts them (groups and units by group id, then
   unit; findings most certain first).

What it gives (tested on a generated corpus in local[2] against ``polyalign align``, and on the
30 MB benchmark corpus with ``scripts/shard_check.py``): the same groups, units and findings
as the CLI, scores and probabilities included, in the same order. The statistics carry what a
window cannot see: the run's copies (an undated republication is a copy of its original
whatever their dates; a copy whose original is in another window stands alone, and its shard
does not own it) and the language order by which a group without the pivot chooses its own.

Under given statistics (``stats=``: saved by ``polyalign align --save-stats`` or
:func:`polyalign.learn_stats`, of this corpus or of an earlier scrape of the archive) there is
no learning task and no whole-corpus pass: each file is dated by its own statements (one small
run per file) and a recorded copy by its original's date, and each shard owns the groups whose
earliest dated version is in its window, less those made only of recorded copies. On the
statistics' own corpus this gives the CLI's outputs too (30 MB corpus: windows of 7 to 60 days,
both levels).

What it costs: the learning task is a run over the whole corpus
without exports (and, at the sentence level, without the sentence units); the shards then run
again by window. Sharding spreads the sentence level and the exports, not the reading, the
grouping and the paragraph level. One more corpus-wide step can change results on a real
archive when shards are small: boilerplate recognised by repetition across pages (a shard with
fewer than a dozen page titles keeps a site's footer as body text). Use windows of months, not
days; files with an undated statement that is no recorded copy go to every shard.

    from pyspark import SparkContext
    import polyalign.spark as ps

    sc = SparkContext("local[2]", "polyalign")
    result = ps.run_spark(sc, ["archive/"], window_days=180, pivot="en")
    print(len(result.groups), len(result.units), len(result.findings))

Workers must import the same ``polyalign`` (set ``PYSPARK_PYTHON`` to the interpreter that has
it). pyspark is not a dependency of the package: this module never imports it.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import os
from dataclasses import dataclass, field, replace
from functools import partial
from typing import Any, Callable, Iterable, Mapping, Optional, Sequence, Union

from . import _native
from .corpus import Level, learn_stats_and_groups, run

__all__ = [
    "LAG_DAYS",
    "Shard",
    "ShardedResult",
    "list_files",
    "file_dates",
    "statement_dates",
    "dates_from_groups",
    "dates_from_stats",
    "plan_shards",
    "own_groups",
    "run_shard",
    "merge",
    "run_sharded",
    "run_spark",
    "Changes",
]

LAG_DAYS = 3
"""The grouping's date window (``GroupConfig::lag_days``): versions further apart are never
compared. A shard overlaps its neighbours by ``2 * lag_days + 1`` days on each side: a pair's
probability depends on its competitors (within the lag of either version), whose candidate
lists reach one lag further, and copies are found a day apart."""

PathLike = Union[str, "os.PathLike[str]"]


@dataclass(frozen=True)
class Shard:
    """A date window ``[start, end)`` (ISO dates) and the files it runs: those with a statement
    dated inside the window widened by the overlap on both sides, and the undated ones.
    ``first`` keeps the groups that have no dated version."""

    start: str
    end: str
    files: tuple[str, ...]
    first: bool = False
    owned: Optional[tuple[str, ...]] = None
    """The ids of the groups the shard keeps, when the whole corpus's groups are known (a
    shared-statistics run): a group its pages form that the whole run does not have (a copy
    whose original is in another window, standing alone) is left out."""


@dataclass
class Changes:
    """What changed since the run a cache folder holds (``run_sharded(cache=…)``): files and
    statements (by id; a statement of a changed file that keeps its id is edited), and how many
    shards ran again and how many were taken from the cache."""

    files_added: list[str] = field(default_factory=list)
    files_changed: list[str] = field(default_factory=list)
    files_removed: list[str] = field(default_factory=list)
    statements_added: list[str] = field(default_factory=list)
    statements_edited: list[str] = field(default_factory=list)
    statements_removed: list[str] = field(default_factory=list)
    shards_run: int = 0
    shards_reused: int = 0


@dataclass
class ShardedResult:
    """The merged parts of a sharded run: plain dicts as :class:`polyalign.RunResult` gives."""

    units: list[dict[str, Any]] = field(default_factory=list)
    groups: list[dict[str, Any]] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)
    shards: int = 0
    changes: Optional[Changes] = None
    """With a cache folder: what changed since the cached run."""


def list_files(paths: Union[PathLike, Iterable[PathLike]]) -> list[str]:
    """Every file under ``paths`` (recursively, sorted), as paths the CLI would print for the
    same arguments (``corpus/p1.txt`` for ``corpus``)."""
    if isinstance(paths, (str, os.PathLike)):
        paths = [paths]
    out: list[str] = []
    for p in (os.fspath(x) for x in paths):
        if os.path.isdir(p):
            for root, dirs, files in os.walk(p):
                dirs.sort()
                out.extend(os.path.join(root, f) for f in sorted(files))
        else:
            out.append(p)
    return sorted(set(out))


def file_dates(path: str) -> tuple[str, list[str]]:
    """A file and the dates (ISO) of its statements, from a run of that file alone (how shards
    are planned without shared statistics)."""
    r = run(path)
    dates = {
        v["date"]
        for g in r.groups
        for v in g["versions"].values()
        if v["file"] == path and v.get("date")
    }
    return path, sorted(dates)


def dates_from_groups(
    groups: Iterable[Mapping[str, Any]], files: Iterable[str]
) -> dict[str, list[str]]:
    """The dates of every file from a whole corpus's groups: a statement's own date, or, for an
    undated one and for a copy, the earliest date of its group (so that it goes to the shard
    that owns its group); ``""`` when its group has no date at all (it goes to every shard)."""
    out: dict[str, set[str]] = {f: set() for f in files}
    for g in groups:
        versions = list(g["versions"].values())
        dated = [v["date"] for v in versions if v.get("date")]
        earliest = min(dated) if dated else ""
        for v in versions:
            out.setdefault(v["file"], set()).add(v.get("date") or earliest)
        for d in g.get("duplicates", []):
            out.setdefault(d["file"], set()).add(earliest)
    return {f: sorted(ds) for f, ds in out.items()}


def _recorded_copies(stats: str) -> list[tuple[str, str]]:
    """The (copy, original) pairs a statistics file records (``undated_copies`` in files
    written before copies with dates were listed too)."""
    g = json.loads(stats)["group"]
    return [(str(c), str(k)) for c, k in g.get("copies", g.get("undated_copies", []))]


def statement_dates(path: str) -> tuple[str, dict[str, str]]:
    """A file and the date (ISO, ``""`` when it has none) of each of its statements, versions
    and copies, from a run of that file alone; a copy inside the file takes its group's
    earliest date."""
    r = run(path)
    out: dict[str, str] = {}
    for g in r.groups:
        versions = list(g["versions"].values())
        dated = [v["date"] for v in versions if v.get("date")]
        for v in versions:
            if v["file"] == path:
                out[str(v["statement"])] = v.get("date") or ""
        for d in g.get("duplicates", []):
            if d["file"] == path:
                out[str(d["copy"])] = min(dated) if dated else ""
    return path, out


def dates_from_stats(
    statements: Mapping[str, Mapping[str, str]], stats: str
) -> dict[str, list[str]]:
    """The dates of every file under given statistics, without the whole corpus's groups:
    ``statements`` maps each file to its statements' dates (:func:`statement_dates`). A
    statement the statistics record as a copy (``copies``: copy → original, found whatever
    their dates) takes its original's date, so that its file goes to the shard that owns the
    original's group; an undated statement that is no recorded copy gives ``""`` (every
    shard)."""
    copies = {str(c): str(k) for c, k in _recorded_copies(stats)}
    date_of = {sid: d for ds in statements.values() for sid, d in ds.items()}
    # Statement ids are paths as given: statistics saved for `archive/` do not know
    # `/data/archive/…`, and the shards would hold such copies everywhere and own them twice.
    # A part of the archive (a month of it) shares its folders with the statistics.
    recorded = {os.path.dirname(i.split("#", 1)[0]) for pair in copies.items() for i in pair}
    if recorded and statements and not recorded & {os.path.dirname(f) for f in statements}:
        raise ValueError(
            "the statistics record copies in other folders than these files': were they saved "
            "for the same paths, given the same way (relative or absolute)?"
        )
    out: dict[str, list[str]] = {}
    for f, ds in statements.items():
        days = set()
        for sid, d in ds.items():
            original = copies.get(sid)
            days.add(date_of.get(original, d) if original is not None else d)
        out[f] = sorted(days)
    return out


def _day(s: str) -> dt.date:
    return dt.date.fromisoformat(s)


def plan_shards(
    dates: Mapping[str, Sequence[str]], window_days: int, lag_days: int = LAG_DAYS
) -> list[Shard]:
    """Date windows of ``window_days`` from the earliest date on, each with its files (see
    :class:`Shard`; the overlap is ``2 * lag_days + 1`` days; a file without dates, or with
    ``""`` among them, goes to every shard); windows without a dated statement of their own are
    left out."""
    if window_days < 1 or lag_days < 0:
        raise ValueError("window_days must be at least 1 and lag_days not negative")
    days = {f: [_day(d) for d in ds if d] for f, ds in dates.items()}
    undated = sorted(f for f, ds in dates.items() if not ds or "" in ds)
    everywhere = set(undated)
    dated = sorted(d for ds in days.values() for d in ds)
    if not dated:
        return [Shard("", "", tuple(undated), True)] if undated else []
    lag = dt.timedelta(days=2 * lag_days + 1)
    shards: list[Shard] = []
    start = dated[0]
    while start <= dated[-1]:
        end = start + dt.timedelta(days=window_days)
        if any(start <= d < end for d in dated):
            files = [
                f
                for f, ds in days.items()
                if f not in everywhere and any(start - lag <= d < end + lag for d in ds)
            ]
            shards.append(
                Shard(start.isoformat(), end.isoformat(), tuple(sorted(files + undated)), not shards)
            )
        start = end
    return shards


def run_shard(
    shard: Shard,
    level: Level = "paragraph",
    pivot: Optional[str] = None,
    langs: Optional[Sequence[str]] = None,
    stats: Optional[str] = None,
) -> dict[str, list[dict[str, Any]]]:
    """Runs one shard (under the shared corpus statistics when given); returns the groups it
    owns (earliest dated version inside its window; under statistics, not a group made only of
    copies the statistics record, whose originals another shard holds), their units and their
    findings."""
    if not shard.files:
        return {"groups": [], "units": [], "findings": []}
    r = run(list(shard.files), level=level, pivot=pivot, langs=langs, stats=stats)
    # Under given statistics, a group made only of recorded copies is a copy standing alone
    # without its original: the shard that holds the original owns it, in its group.
    copies = {str(c) for c, _ in _recorded_copies(stats)} if stats else set()
    keep = set()
    for g in r.groups:
        members = [str(v["statement"]) for v in g["versions"].values()]
        members += [str(d["copy"]) for d in g.get("duplicates", [])]
        if copies and all(m in copies for m in members):
            continue
        ds = [v["date"] for v in g["versions"].values() if v.get("date")]
        if (ds and shard.start <= min(ds) < shard.end) or (not ds and shard.first):
            keep.add(g["group"])
    if shard.owned is not None:
        keep = set(shard.owned)
    return {
        "groups": [g for g in r.groups if g["group"] in keep],
        "units": [u for u in r.units if u["group"] in keep],
        "findings": [f for f in r.findings if f["group"] in keep],
    }


def merge(parts: Iterable[Mapping[str, list[dict[str, Any]]]]) -> ShardedResult:
    """The shards' parts in the CLI's order."""
    out = ShardedResult()
    for p in parts:
        out.groups += p["groups"]
        out.units += p["units"]
        out.findings += p["findings"]
        out.shards += 1
    out.groups.sort(key=lambda g: str(g["group"]))
    out.units.sort(key=lambda u: (str(u["group"]), int(u["unit"])))
    # As the CLI sorts them: most certain first, then group, kind (in the library's order),
    # languages and paragraphs.
    kinds = {k: i for i, k in enumerate(_native.finding_kinds())}
    out.findings.sort(
        key=lambda f: (
            -float(f["confidence"]),
            str(f["group"]),
            kinds.get(str(f["kind"]), len(kinds)),
            f["langs"],
            f["paragraphs"],
        )
    )
    return out


MapFn = Callable[[Callable[[Any], Any], Sequence[Any]], Iterable[Any]]


def run_sharded(
    paths: Union[PathLike, Iterable[PathLike]],
    window_days: int = 365,
    level: Level = "paragraph",
    pivot: Optional[str] = None,
    langs: Optional[Sequence[str]] = None,
    lag_days: int = LAG_DAYS,
    map_fn: Optional[MapFn] = None,
    shared_stats: bool = True,
    stats: Optional[str] = None,
    cache: Optional[PathLike] = None,
) -> ShardedResult:
    """The recipe with any ``map_fn(function, items)`` (default: the built-in ``map``, one
    process; a ``ProcessPoolExecutor().map`` also works). ``shared_stats``: the corpus
    statistics are learned once, here, from the whole corpus and given to every shard (else
    each shard learns its own, and its probabilities and scores are its own). ``stats``: given
    statistics (:func:`polyalign.learn_stats`, ``polyalign align --save-stats``, of this corpus
    or an earlier scrape of it): no learning task, no pass over the whole corpus's groups;
    files are dated by their own statements and the copies the statistics record, and each
    shard owns what begins in its window. ``cache``: a folder (with ``stats``) that keeps each
    file's statement dates by its content hash and each shard's part by the hash of what it
    depends on (its window, its files' contents, the statistics, the settings and the native
    module); a re-run dates only new and changed files, runs only the shards whose key changed,
    gives the result a run without the cache gives, and says what changed
    (:attr:`ShardedResult.changes`). The folder keeps the latest run's entries only; one run
    at a time uses it."""
    mapper: MapFn = map_fn if map_fn is not None else (lambda f, xs: map(f, xs))
    files = list_files(paths)
    if cache is not None:
        if stats is None:
            raise ValueError(
                "a cache needs given statistics (stats=…): learned ones change with the corpus"
            )
        return _run_cached(
            files, os.fspath(cache), stats, window_days, level, pivot, langs, lag_days, mapper
        )
    if stats is not None:
        dates = dates_from_stats(dict(mapper(statement_dates, files)), stats)
        shards = plan_shards(dates, window_days, lag_days)
        shard = partial(run_shard, level=level, pivot=pivot, langs=langs, stats=stats)
        return merge(mapper(shard, shards))
    if shared_stats and files:
        # The learning run groups the whole corpus: its groups date every file. It runs as a
        # task of the map too, so that the driver never starts the native thread pool (a
        # process pool that forks after it would hang).
        learn = partial(_learn, level=level, pivot=pivot)
        stats, groups = list(mapper(learn, [files]))[0]
        dates = dates_from_groups(groups, files)
    else:
        dates = dict(mapper(file_dates, files))
    shards = plan_shards(dates, window_days, lag_days)
    if stats is not None:
        shards = own_groups(shards, groups)
    shard = partial(run_shard, level=level, pivot=pivot, langs=langs, stats=stats)
    return merge(mapper(shard, shards))


def _hash_file(path: str) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as f:
        for chunk in iter(lambda: f.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _write_atomic(path: str, text: str) -> None:
    tmp = f"{path}.tmp{os.getpid()}"
    with open(tmp, "w", encoding="utf-8") as f:
        f.write(text)
    os.replace(tmp, path)


def _run_cached(
    files: list[str],
    cache: str,
    stats: str,
    window_days: int,
    level: Level,
    pivot: Optional[str],
    langs: Optional[Sequence[str]],
    lag_days: int,
    mapper: MapFn,
) -> ShardedResult:
    """:func:`run_sharded` with a cache folder (see there)."""
    os.makedirs(os.path.join(cache, "shards"), exist_ok=True)
    dates_path = os.path.join(cache, "dates.json")
    # The native module reads the dates too: another build invalidates them (and every part).
    build = _hash_file(_native.__file__)
    # `old`: the cached run's files (what changed is told against them); `reuse`: those whose
    # dates this build may take as they are.
    old: dict[str, list[Any]] = {}
    reuse: dict[str, list[Any]] = {}
    if os.path.exists(dates_path):
        with open(dates_path, encoding="utf-8") as f:
            saved = json.load(f)
        old = saved.get("files", {})
        reuse = old if saved.get("build") == build else {}
    hashes = {f: _hash_file(f) for f in files}
    todo = [f for f in files if f not in old or old[f][0] != hashes[f]]
    stale = [f for f in files if f not in reuse or reuse[f][0] != hashes[f]]
    fresh = dict(mapper(statement_dates, stale))
    statements = {f: fresh[f] if f in fresh else reuse[f][1] for f in files}
    _write_atomic(
        dates_path,
        json.dumps(
            {"build": build, "files": {f: [hashes[f], statements[f]] for f in files}},
            sort_keys=True,
        ),
    )
    ch = Changes(
        files_added=sorted(f for f in todo if f not in old),
        files_changed=sorted(f for f in todo if f in old),
        files_removed=sorted(f for f in old if f not in hashes),
    )
    old_ids = {sid: f for f, (_, ds) in old.items() for sid in ds}
    new_ids = {sid: f for f, ds in statements.items() for sid in ds}
    ch.statements_added = sorted(i for i in new_ids if i not in old_ids)
    ch.statements_removed = sorted(i for i in old_ids if i not in new_ids)
    changed = set(ch.files_changed)
    ch.statements_edited = sorted(i for i, f in new_ids.items() if i in old_ids and f in changed)
    shards = plan_shards(dates_from_stats(statements, stats), window_days, lag_days)
    # What a shard's part depends on: the native module (a rebuild may change any result), the
    # statistics, the settings, its window and its files' contents.
    settings = [build, hashlib.sha256(stats.encode()).hexdigest(), level, pivot, langs, lag_days]

    def key(s: Shard) -> str:
        what = [*settings, s.start, s.end, s.first, [(f, hashes[f]) for f in s.files]]
        return hashlib.sha256(json.dumps(what).encode()).hexdigest()

    keys = [key(s) for s in shards]

    def path(k: str) -> str:
        return os.path.join(cache, "shards", f"{k}.json")

    parts: dict[str, Any] = {}
    for k in keys:
        if os.path.exists(path(k)):
            with open(path(k), encoding="utf-8") as g:
                parts[k] = json.load(g)
    missing = [(k, s) for k, s in zip(keys, shards) if k not in parts]
    shard = partial(run_shard, level=level, pivot=pivot, langs=langs, stats=stats)
    for (k, _), part in zip(missing, mapper(shard, [s for _, s in missing])):
        _write_atomic(path(k), json.dumps(part))
        parts[k] = part
    ch.shards_run, ch.shards_reused = len(missing), len(keys) - len(missing)
    for name in os.listdir(os.path.join(cache, "shards")):
        if name.endswith(".json") and name[:-5] not in parts:
            os.remove(os.path.join(cache, "shards", name))
    out = merge(parts[k] for k in keys)
    out.changes = ch
    return out


def _learn(
    files: list[str], level: Level, pivot: Optional[str]
) -> tuple[str, list[dict[str, Any]]]:
    """The learning task: the statistics, and of each group only what dating and ownership
    need (its id, its versions' files and dates, its copies' files), not its evidence."""
    stats, groups = learn_stats_and_groups(files, level, pivot)
    slim = [
        {
            "group": g["group"],
            "versions": {
                lang: {k: v[k] for k in ("file", "date") if k in v}
                for lang, v in g["versions"].items()
            },
            "duplicates": [{"file": d["file"]} for d in g.get("duplicates", [])],
        }
        for g in groups
    ]
    return stats, slim


def own_groups(shards: Sequence[Shard], groups: Iterable[Mapping[str, Any]]) -> list[Shard]:
    """The shards, each owning the whole corpus's groups whose earliest dated version falls in
    its window (those with no date: the first shard's)."""
    owned: list[list[str]] = [[] for _ in shards]
    for g in groups:
        ds = [v["date"] for v in g["versions"].values() if v.get("date")]
        for i, s in enumerate(shards):
            if (ds and s.start <= min(ds) < s.end) or (not ds and s.first):
                owned[i].append(str(g["group"]))
                break
    return [replace(s, owned=tuple(o)) for s, o in zip(shards, owned)]


def run_spark(
    sc: Any,
    paths: Union[PathLike, Iterable[PathLike]],
    window_days: int = 365,
    level: Level = "paragraph",
    pivot: Optional[str] = None,
    langs: Optional[Sequence[str]] = None,
    lag_days: int = LAG_DAYS,
    shared_stats: bool = True,
    stats: Optional[str] = None,
    cache: Optional[PathLike] = None,
) -> ShardedResult:
    """The recipe on a ``pyspark.SparkContext`` (or a ``SparkSession``): files are dated and
    shards run as Spark tasks, one partition per shard; the corpus statistics are learned by one
    task and shipped with the others (or given: see :func:`run_sharded`, also for ``cache``, a
    folder the driver reads and writes)."""
    sc = getattr(sc, "sparkContext", sc)

    def spark_map(f: Callable[[Any], Any], xs: Sequence[Any]) -> list[Any]:
        if not xs:
            return []
        # One partition per shard; files in at most 1024 partitions.
        return list(sc.parallelize(list(xs), min(len(xs), 1024)).map(f).collect())

    return run_sharded(
        paths, window_days, level, pivot, langs, lag_days, spark_map, shared_stats, stats, cache
    )
