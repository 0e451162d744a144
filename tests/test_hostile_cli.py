"""The hardening issue's items as a user meets them at the command line (issue 15): the overlay
recipe, partial writes, exit codes, odd names and arguments. Lower-level guarantees (cache,
bounded reads, atomic writes) are in test_hostile_env.py."""

from __future__ import annotations

import errno
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from migcycle import safe_io
from migcycle.sources import bundled_data_dir

from .conftest import Run

ROOT = Path(__file__).resolve().parents[1]
LAYER = ROOT / "examples" / "layers" / "donor-portfolio-2026.yaml"


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(
        [sys.executable, "-m", "migcycle", *args],
        capture_output=True,
        env={**os.environ, **(env or {})},
        timeout=60,
        check=False,
    )


# --- item 3: the overlay recipe does not brick a data directory -----------------------------------


def test_exporting_yaml_into_the_data_directory_being_read_is_refused(
    run: Run, tmp_path: Path
) -> None:
    ext = tmp_path / "ext"
    shutil.copytree(ROOT / "examples" / "extension", ext)
    before = sorted(p.name for p in ext.iterdir())
    result = run(
        "export", "--format", "yaml", "--output", str(ext), env={"MIGCYCLE_DATA": str(ext)}
    )
    assert result.exit_code == 2
    assert "is inside the data directory" in result.stderr and result.stdout == ""
    assert sorted(p.name for p in ext.iterdir()) == before
    assert run("validate", env={"MIGCYCLE_DATA": str(ext)}).exit_code == 0


# --- item 4: whole or nothing ---------------------------------------------------------------------


def test_a_full_disk_half_way_through_a_csv_export_leaves_nothing(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fill = safe_io._fill
    calls = []

    def third_fails(path: Path, content: bytes) -> None:
        calls.append(path)
        if len(calls) == 3:
            raise OSError(errno.ENOSPC, "No space left on device")
        fill(path, content)

    monkeypatch.setattr(safe_io, "_fill", third_fails)
    target = tmp_path / "tables"
    result = run("export", "--format", "csv", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr.startswith("error: ") and "no space left" in result.stderr
    assert str(target) in result.stderr and ".part" not in result.stderr
    assert list(tmp_path.iterdir()) == []


def test_force_keeps_a_private_files_mode(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "q.csv"
    target.write_text("old")
    target.chmod(0o600)
    result = run("export", "--format", "csv", "--kind", "question", "-o", str(target), "--force")
    assert result.exit_code == 0, result.stderr
    assert target.stat().st_mode & 0o777 == 0o600 and target.read_text().startswith("id,")


def test_one_table_goes_to_the_file_named_whatever_its_suffix(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "q.txt"
    assert run("export", "--format", "csv", "--kind", "question", "-o", str(target)).exit_code == 0
    assert target.is_file() and target.read_text(encoding="utf-8").startswith("id,")


def test_matrix_refuses_one_file_for_both_svg_and_csv(run: Run, tmp_path: Path) -> None:
    same = tmp_path / "grid"
    result = run("matrix", "--svg", str(same), "--csv", str(same))
    assert result.exit_code == 2 and "the same file" in result.stderr
    assert not same.exists()


# --- item 5: bad values are one plain line --------------------------------------------------------


def test_a_repeated_scale_label_is_one_plain_line(run: Run) -> None:
    result = run("layer", "new", "--scale", "a,a")
    assert result.exit_code == 2
    assert result.stderr == "error: scale 'a,a': scale labels must be distinct\n"


def test_an_invalid_layer_colour_is_an_error_not_ignored(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "layer.yaml"
    text = LAYER.read_text(encoding="utf-8").replace('"3": "#1a9850"', '"3": "grean"')
    layer.write_text(text, encoding="utf-8")
    result = run("matrix", "--layer", str(layer))
    assert result.exit_code == 1
    assert (
        f"{layer}:" in result.stderr and "'grean' is not a colour: write #rrggbb" in result.stderr
    )
    off = text.replace('"3": "grean"', '"7": "#1a9850"')
    layer.write_text(off, encoding="utf-8")
    assert "not on the scale" in run("matrix", "--layer", str(layer)).stderr


# --- item 7: honest exit codes --------------------------------------------------------------------


@pytest.mark.parametrize("args", [["stages", "--json"], ["export", "--format", "jsonl"]])
def test_a_reader_that_goes_away_is_exit_0_every_time(args: list[str]) -> None:
    for _ in range(5):
        with subprocess.Popen(
            [sys.executable, "-m", "migcycle", *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        ) as producer:
            assert producer.stdout is not None and producer.stderr is not None
            producer.stdout.read(1)
            producer.stdout.close()  # like `| head -c1`
            assert producer.stderr.read() == b""
            assert producer.wait(timeout=60) == 0


def _until_reading_stdin(pid: int) -> None:
    """Wait until the process blocks reading its stdin (past its imports), 30 s at most."""
    wchan = Path(f"/proc/{pid}/wchan")
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        if wchan.exists() and "pipe" in wchan.read_text():
            return
        time.sleep(0.05)
    time.sleep(5)  # no /proc here: give it time enough


def test_ctrl_c_is_exit_130_quietly() -> None:
    with subprocess.Popen(
        [sys.executable, "-m", "migcycle", "cite", "-"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    ) as waiting:
        _until_reading_stdin(waiting.pid)
        waiting.send_signal(signal.SIGINT)
        _, err = waiting.communicate(timeout=60)
    assert waiting.returncode == 130
    assert b"Traceback" not in err and b"Aborted" not in err


def test_an_over_long_output_name_is_one_line_exit_1(run: Run, tmp_path: Path) -> None:
    target = tmp_path / ("x" * 300 + ".json")
    result = run("export", "--format", "json", "--output", str(target))
    assert result.exit_code == 1
    assert result.stderr.count("\n") == 1 and "file name too long" in result.stderr
    assert "internal error" not in result.stderr


@pytest.mark.parametrize("value", ["abc", "false", "0", "yes"])
def test_any_migcycle_debug_value_is_accepted(value: str) -> None:
    done = _cli("stages", "--json", env={"MIGCYCLE_DEBUG": value})
    assert done.returncode == 0, done.stderr


# --- item 9: bounded work -------------------------------------------------------------------------


def test_a_pasted_page_is_refused_as_a_search(run: Run) -> None:
    words = " ".join(f"w{i}" for i in range(15_000))
    result = run("search", words)
    assert result.exit_code == 2 and "at most 64 different words" in result.stderr


# --- item 11: odd names and arguments -------------------------------------------------------------


def test_editor_lock_files_and_hidden_files_in_a_data_directory_are_ignored(
    run: Run, tmp_path: Path
) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "examples" / "extension", data)
    (data / ".#cycle.yaml").symlink_to("user@host.1234:1700000000")  # how emacs marks a lock
    (data / ".hidden.yaml").write_text("sessions: not a list\n")
    result = run("validate", str(data))
    assert result.exit_code == 0, result.stderr


def test_an_escape_sequence_typed_as_an_argument_is_not_echoed_raw(run: Run) -> None:
    result = run("stage", "\x1b[31mred")
    assert result.exit_code == 2
    assert "\x1b" not in result.stderr and "\\x1b[31mred" in result.stderr


def test_the_bundled_data_directory_is_never_written(run: Run, tmp_path: Path) -> None:
    target = bundled_data_dir() / "new.json"
    result = run("export", "--format", "json", "--output", str(target))
    assert result.exit_code == 2 and not target.exists()
