"""The installed `migcycle` command, run as a user runs it: pipes, widths, colour settings."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

EXE = Path(sys.executable).with_name("migcycle")


def _run(
    *args: str, env: dict[str, str] | None = None, shell: str | None = None
) -> subprocess.CompletedProcess[str]:
    assert EXE.exists(), f"{EXE} is missing: install the package (python -m pip install -e .)"
    environment = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("MIGCYCLE_", "FORCE_COLOR", "NO_COLOR", "COLUMNS"))
    }
    environment.update(env or {})
    command: str | list[str] = shell if shell else [str(EXE), *args]
    return subprocess.run(
        command,
        capture_output=True,
        text=True,
        env=environment,
        shell=bool(shell),
        check=False,
        timeout=60,
    )


def test_json_through_a_pipe_is_one_document() -> None:
    result = _run("stage", "arrival", "--json")
    assert result.returncode == 0
    assert json.loads(result.stdout)["stage"]["id"] == "arrival"


def test_a_pipe_gets_plain_text_without_escape_codes() -> None:
    result = _run("stage", "arrival")
    assert result.returncode == 0
    assert "RECRUITMENT" in result.stdout
    assert "\x1b" not in result.stdout


def test_force_color_colours_and_no_color_wins() -> None:
    forced = _run("stage", "arrival", env={"FORCE_COLOR": "1"})
    assert "\x1b[36m" in forced.stdout  # ids in cyan
    no_color = _run("stage", "arrival", env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[36m" not in no_color.stdout
    dumb = _run("stage", "arrival", env={"FORCE_COLOR": "1", "TERM": "dumb"})
    assert "\x1b[" not in dumb.stdout


@pytest.mark.parametrize("command", [["stage", "arrival"], ["matrix"], ["cycle"], ["roles"]])
def test_columns_40_wraps_every_line(command: list[str]) -> None:
    from rich.cells import cell_len

    result = _run(*command, env={"COLUMNS": "40"})
    assert result.returncode == 0
    assert "…" not in result.stdout
    assert max(cell_len(line) for line in result.stdout.splitlines()) <= 40


def test_head_1_ends_quietly() -> None:
    result = _run(shell=f"'{EXE}' cycle | head -1; '{EXE}' stage arrival --json | head -1")
    assert result.stderr == ""
    assert result.stdout.splitlines() == ["The migration cycle", "{"]


def test_a_typo_gets_a_suggestion_and_exit_2() -> None:
    result = _run("stage", "arival")
    assert result.returncode == 2
    assert result.stdout == ""
    assert result.stderr.startswith('error: no stage matches "arival"; did you mean "arrival"?')
    assert "Traceback" not in result.stderr


def test_a_data_file_that_is_a_directory(tmp_path: Path) -> None:
    unreadable = tmp_path / "data"
    unreadable.mkdir()
    for name in ("cycle", "seminar", "frameworks"):
        (unreadable / f"{name}.yaml").mkdir()  # a directory where a file should be
    result = _run("--data", str(unreadable), "stages")
    assert result.returncode == 1
    assert "is a directory" in result.stderr
    assert "Traceback" not in result.stderr
