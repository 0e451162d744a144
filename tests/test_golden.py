"""Output that a refactor must leave byte for byte as it was (see tests/golden_cases.py)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.golden_cases import DATA_DIRS, EXPORTS, VIEWS

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = ROOT / "tests" / "golden"


def invocations(
    views: list[tuple[str, list[str]]],
    exports: list[tuple[str, list[str]]],
    data_dirs: dict[str, str | None],
) -> Iterator[tuple[str, list[str], str | None]]:
    """(golden file name, arguments, data directory) for every recorded case."""
    for label, data in data_dirs.items():
        for name, args in views:
            yield f"{label}--{name}.out", args, data
            yield f"{label}--{name}.json.out", [*args, "--json"], data
        for name, args in exports:
            yield f"{label}--{name}.out", args, data


def run_cli(args: list[str], data: str | None) -> bytes:
    """The command's stdout at 100 columns without colour, run in the repository root."""
    from typer.testing import CliRunner

    from migcycle.cli import app

    env = {"COLUMNS": "100", "NO_COLOR": "1", "TERM": "dumb", "MIGCYCLE_DATA": data}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, args, env=env, catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    # Paths into the checkout (the data files' $schema lines) differ from clone to clone.
    return result.stdout_bytes.replace(str(ROOT).encode(), b"<repository>")


CASES = list(invocations(VIEWS, EXPORTS, DATA_DIRS))


@pytest.mark.parametrize(("name", "args", "data"), CASES, ids=[c[0] for c in CASES])
def test_output_is_unchanged(name: str, args: list[str], data: str | None) -> None:
    expected = (GOLDEN / name).read_bytes()
    assert run_cli(args, data) == expected, f"{name} changed; if on purpose: scripts/golden.py"
