from __future__ import annotations

import atexit
import json
import os
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner, Result

from migcycle.cli import app
from migcycle.load import load_catalog
from migcycle.models import Catalog
from migcycle.sources import bundled_data_dir

# The suite never touches the user's own cache of validated catalogs.
os.environ["XDG_CACHE_HOME"] = _CACHE = tempfile.mkdtemp(prefix="migcycle-test-cache-")
atexit.register(shutil.rmtree, _CACHE, ignore_errors=True)
os.environ.pop("MIGCYCLE_NO_CACHE", None)


@pytest.fixture(scope="session")
def catalog() -> Catalog:
    return load_catalog()


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A writable copy of the bundled data directory."""
    target = tmp_path / "data"
    shutil.copytree(bundled_data_dir(), target)
    return target


Run = Callable[..., Result]


@pytest.fixture
def run(monkeypatch: pytest.MonkeyPatch) -> Run:
    """Invoke the CLI in-process; stdout and stderr are kept apart."""
    monkeypatch.delenv("MIGCYCLE_DATA", raising=False)
    monkeypatch.delenv("MIGCYCLE_DEBUG", raising=False)
    runner = CliRunner()

    def invoke(*args: str, env: dict[str, str] | None = None) -> Result:
        return runner.invoke(app, list(args), env=env, catch_exceptions=False)

    return invoke


def edit(path: Path, old: str, new: str, at: str = "") -> tuple[int, int]:
    """Replace the first ``old`` in a data file (it must be there); return the 1-based line and
    column where ``at`` (default: the start of ``new``) lands in the edited file."""
    text = path.read_text(encoding="utf-8")
    start = text.find(old)
    assert start >= 0, f"{old!r} not in {path.name}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    offset = start + new.index(at) if at else start
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def python_json(code: str, env: dict[str, str] | None = None) -> Any:
    """What a snippet prints as JSON, run in a fresh interpreter: start-up tests look at a
    process as a user's command starts it, not at this test process."""
    result = subprocess.run(
        [sys.executable, "-c", code],
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, **(env or {})},
    )
    return json.loads(result.stdout)


def modules_after(args: list[str], env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has imported after running ``migcycle ARGS`` through
    ``cli.main`` (its output discarded): what tests of the start-up path inspect."""
    code = (
        "import contextlib, io, json, sys\n"
        "from migcycle.cli import main\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    try:\n"
        f"        main({args!r})\n"
        "    except SystemExit:\n"
        "        pass\n"
        "print(json.dumps(sorted(sys.modules)))\n"
    )
    return set(python_json(code, env))
