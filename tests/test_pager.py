"""Long views go through a pager on a terminal, as git and gh do (issue 11)."""

from __future__ import annotations

import fcntl
import os
import pty
import select
import struct
import subprocess
import sys
import termios
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def on_a_terminal(args: list[str], env: dict[str, str], rows: int = 24) -> str:
    """What the command writes to a terminal of ``rows`` x 80 (a pseudo-terminal)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", rows, 80, 0, 0))
    clean = {k: v for k, v in os.environ.items() if k not in {"PAGER", "MIGCYCLE_PAGER"}}
    full = {**clean, "PYTHONPATH": str(ROOT / "src"), "COLUMNS": "80", "LINES": str(rows), **env}
    process = subprocess.Popen(
        [sys.executable, "-m", "migcycle", *args], stdout=slave, stderr=slave, env=full, cwd=ROOT
    )
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # the terminal closed: the command has ended
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait(timeout=60)
    os.close(master)
    return b"".join(chunks).decode("utf-8", errors="replace")


@pytest.fixture
def pager(tmp_path: Path) -> tuple[str, Path]:
    """A pager that keeps what it is given in a file."""
    kept = tmp_path / "paged.txt"
    script = tmp_path / "keep-pager"
    script.write_text(f"#!/bin/sh\ncat > '{kept}'\n", encoding="utf-8")
    script.chmod(0o755)
    return str(script), kept


def test_a_tall_view_goes_through_the_pager(pager: tuple[str, Path]) -> None:
    command, kept = pager
    shown = on_a_terminal(["matrix"], {"MIGCYCLE_PAGER": command})
    assert "Who does what where" in kept.read_text(encoding="utf-8")
    assert "Who does what where" not in shown


def test_pager_falls_back_to_pager_variable(pager: tuple[str, Path]) -> None:
    command, kept = pager
    on_a_terminal(["matrix"], {"PAGER": command})
    assert "Who does what where" in kept.read_text(encoding="utf-8")


def test_a_view_that_fits_is_not_paged(pager: tuple[str, Path]) -> None:
    command, kept = pager
    shown = on_a_terminal(["sectors"], {"MIGCYCLE_PAGER": command}, rows=200)
    assert "financial-services" in shown
    assert not kept.exists()


@pytest.mark.parametrize(
    ("args", "env"),
    [
        (["--no-pager", "matrix"], {"MIGCYCLE_PAGER": "PAGER"}),
        (["matrix"], {"MIGCYCLE_PAGER": "", "PAGER": "PAGER"}),
        (["matrix"], {"MIGCYCLE_PAGER": "no-such-pager-program --flag"}),
    ],
)
def test_no_pager_empty_variable_or_missing_program_print_plainly(
    pager: tuple[str, Path], args: list[str], env: dict[str, str]
) -> None:
    command, kept = pager
    shown = on_a_terminal(
        args, {k: v.replace("PAGER", command) if v == "PAGER" else v for k, v in env.items()}
    )
    assert "Who does what where" in shown
    assert "Return & reintegration" in shown
    assert not kept.exists()


def test_never_a_pager_into_a_pipe(pager: tuple[str, Path]) -> None:
    command, kept = pager
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src"), "MIGCYCLE_PAGER": command}
    result = subprocess.run(
        [sys.executable, "-m", "migcycle", "matrix"],
        check=True,
        capture_output=True,
        env=env,
        cwd=ROOT,
    )
    assert b"Who does what where" in result.stdout
    assert not kept.exists()
