"""The width contract (issue 11): at any width from 40 columns up, every view shows all of its
content - every column, every word whole - and no line is wider than the terminal. Where a table
no longer fits, it becomes a stacked layout, so the words shown are the same at every width."""

from __future__ import annotations

import os
import re
from functools import cache
from pathlib import Path

import pytest
from rich.cells import cell_len
from typer.testing import CliRunner

from migcycle.cli import app
from migcycle.render import STACK_INDENT

ROOT = Path(__file__).resolve().parents[1]
LAYER = "examples/layers/donor-portfolio-2026.yaml"
LAYER_2027 = "examples/layers/donor-portfolio-2027.yaml"
WIDTHS = [200, 120, 80, 60, 40]

VIEWS: dict[str, list[str]] = {
    "stages": ["stages"],
    "stage": ["stage", "arrival"],
    "stage-return": ["stage", "return"],
    "cycle": ["cycle"],
    "actors": ["actors"],
    "actor": ["actor", "finance"],
    "actor-curated": ["actor", "information centres"],
    "roles": ["roles"],
    "cooperation": ["cooperation"],
    "sectors": ["sectors"],
    "sector": ["sector", "financial-services"],
    "sessions": ["sessions"],
    "session": ["session", "4"],
    "questions": ["questions"],
    "points": ["points", "--theme", "finance"],
    "themes": ["themes"],
    "matrix": ["matrix"],
    "matrix-layer": ["matrix", "--layer", LAYER],
    "matrix-diff": ["matrix", "--layer", LAYER, "--layer", LAYER_2027, "--combine", "diff"],
    "gaps": ["gaps", "--layer", LAYER],
    "layer-show": ["layer", "show", LAYER],
    "gcm": ["gcm"],
    "gcm-20": ["gcm", "20"],
    "sdg": ["sdg"],
    "sdg-10c": ["sdg", "10.c"],
    "search": ["search", "remittance"],
    "validate": ["validate"],
    "show": ["show", "4.2.3"],
    "show-footnote": ["show", "fn-6"],
    "show-actor": ["show", "hospitality-companies"],
    "ids": ["ids", "--kind", "question", "--kind", "footnote"],
}
"""Every view, as a user runs it (`cite` prints citations unwrapped on purpose, for pasting)."""

_WORD = re.compile(r"\w(?:[\w'’.-]*\w)?")


@cache
def shown(args: tuple[str, ...], width: int) -> str:
    env = {"COLUMNS": str(width), "NO_COLOR": "1", "TERM": "dumb", "MIGCYCLE_DATA": None}
    cwd = Path.cwd()
    os.chdir(ROOT)
    try:
        result = CliRunner().invoke(app, list(args), env=env, catch_exceptions=False)
    finally:
        os.chdir(cwd)
    assert result.exit_code == 0, result.stderr
    return result.stdout


def words(text: str) -> set[str]:
    return set(_WORD.findall(text))


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_no_line_is_wider_than_the_terminal(name: str, width: int) -> None:
    text = shown(tuple(VIEWS[name]), width)
    wide = [line for line in text.splitlines() if cell_len(line) > width]
    assert wide == []
    assert "…" not in text
    assert [line for line in text.splitlines() if line.endswith(" ")] == [], "trailing spaces"


@pytest.mark.parametrize("width", WIDTHS[1:])
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_the_same_words_at_every_width(name: str, width: int) -> None:
    """Nothing dropped, nothing split: a word broken in two shows up as two new 'words'."""
    text = shown(tuple(VIEWS[name]), WIDTHS[0])
    widest, here = words(text), words(shown(tuple(VIEWS[name]), width))
    # a word may be folded only when it alone is longer than its line (a long id, a URL)
    too_long = [t for t in text.split() if cell_len(t) > width - 2 * STACK_INDENT]
    assert sorted(w for w in here - widest if not any(w in t for t in too_long)) == [], "split"
    assert sorted(w for w in widest - here if not any(w in t for t in too_long)) == [], "dropped"


def test_a_table_that_fits_stays_a_table_and_one_that_does_not_is_stacked() -> None:
    wide = shown(("sectors",), 120)
    assert "opportunities   dilemmas" in wide
    narrow = shown(("sectors",), 40)
    assert "sector: financial-services\n  Financial services" in narrow
    assert "  entry points: 3" in narrow
