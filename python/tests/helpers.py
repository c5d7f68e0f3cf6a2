"""Helpers the tests import: the repository's paths, third-party data, file trees.

The CLI the tests compare with is `$POLYALIGN_BIN`, else the newest `polyalign` binary under
`$CARGO_TARGET_DIR` or the repository's `target/` (release or debug); see `conftest.py`.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from typing import Any, Iterator, Optional

import pytest

REPO = Path(__file__).resolve().parents[2]
SHARED = REPO.parent / "shared" / "data"


def find_cli() -> Optional[Path]:
    env = os.environ.get("POLYALIGN_BIN")
    if env:
        # A relative path is taken from the directory the tests were started in; some tests run
        # the CLI in another directory, so the path is made absolute here.
        return Path(env).resolve()
    roots = [REPO / "target"]
    if os.environ.get("CARGO_TARGET_DIR"):
        roots.insert(0, Path(os.environ["CARGO_TARGET_DIR"]))
    found = [r / p / "polyalign" for r in roots for p in ("release", "debug")]
    found = [f for f in found if f.is_file()]
    return max(found, key=lambda f: f.stat().st_mtime) if found else None


def shared(name: str) -> Path:
    """A data set under ../shared/data, or a skip with a note."""
    p = SHARED / name
    if not p.is_dir():
        pytest.skip(f"note: {p} absent, skipped")
    return p


def tree_bytes(root: Path) -> dict[str, bytes]:
    """Every file under `root`, by relative path."""
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


@contextlib.contextmanager
def in_repo() -> Iterator[None]:
    """Runs the body in the repository root, as the CLI fixture runs the CLI (file names in
    outputs are the paths as given, so both must be given the same relative path)."""
    old = os.getcwd()
    os.chdir(REPO)
    try:
        yield
    finally:
        os.chdir(old)


def run_in_repo(paths: Any, **kwargs: Any) -> Any:
    """`polyalign.run` on paths relative to the repository root."""
    import polyalign

    with in_repo():
        return polyalign.run(paths, **kwargs)
