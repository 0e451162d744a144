"""Every command is documented: help text with examples, and a line in the README."""

from __future__ import annotations

from pathlib import Path

import pytest
import typer

from migcycle.cli import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")
COMMANDS = typer.main.get_command(app).commands  # type: ignore[attr-defined]


def test_the_command_set_is_what_the_readme_describes() -> None:
    assert set(COMMANDS) >= {
        "stages", "stage", "cycle", "actors", "actor", "roles", "cooperation", "sectors",
        "sector", "sessions", "session", "questions", "themes", "matrix", "validate", "schema",
        "gcm", "sdg", "search", "cite", "export", "codebook", "layer", "gaps",
    }  # fmt: skip


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_has_help_with_examples(name: str) -> None:
    help_text = COMMANDS[name].help or ""
    summary = help_text.strip().splitlines()[0]
    assert summary and len(summary) <= 45, (
        f"{name}: a short first line, so the command list never cuts it"
    )
    assert "Examples:" in help_text, f"{name} lacks examples"
    assert f"migcycle {name}" in help_text


def test_every_command_has_an_example_that_pipes_into_jq() -> None:
    not_json = {"codebook", "layer", "help"}  # XML/CSV for QDA software, YAML templates, help
    lacking = [n for n, c in COMMANDS.items() if "| jq" not in (c.help or "") and n not in not_json]
    assert not lacking, lacking


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_command_is_in_the_readme(name: str) -> None:
    assert f"migcycle {name}" in README, f"README has no example of `migcycle {name}`"
