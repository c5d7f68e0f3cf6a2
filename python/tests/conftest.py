"""Fixtures: the repository root and the CLI to compare with.

Tests that compare with the CLI skip with a note when there is no binary, unless
`POLYALIGN_REQUIRE_CLI=1` (CI sets it) makes that a failure.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path
from typing import Callable, Optional

import pytest
from helpers import REPO, find_cli


@pytest.fixture(scope="session")
def repo() -> Path:
    return REPO


@pytest.fixture(scope="session")
def cli_bin() -> Path:
    b = find_cli()
    if b is None or not b.is_file():
        msg = "no polyalign binary (set POLYALIGN_BIN or run `cargo build --release`)"
        if os.environ.get("POLYALIGN_REQUIRE_CLI") == "1":
            pytest.fail(msg)
        pytest.skip(msg)
    return b


@pytest.fixture(scope="session")
def cli(cli_bin: Path) -> Callable[..., subprocess.CompletedProcess]:
    """Runs the CLI from the repository root; returns the completed process (bytes)."""

    def run(*args: str, check: bool = True, env: Optional[dict] = None):
        e = dict(os.environ)
        if env is not None:
            e.update(env)
        e = {k: v for k, v in e.items() if v is not None}
        p = subprocess.run(
            [str(cli_bin), *map(str, args)], cwd=REPO, capture_output=True, env=e
        )
        if check and p.returncode not in (0, 1):
            raise AssertionError(f"polyalign {' '.join(args)}: {p.returncode}\n{p.stderr!r}")
        return p

    return run
