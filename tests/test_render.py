"""Renderers: snapshots at a fixed width, text that wraps but is never cut, and terminal safety."""

from __future__ import annotations

import io
import json
import os
from collections.abc import Callable
from pathlib import Path

import pytest
from rich.console import RenderableType

from migcycle import query, render
from migcycle.load import load_catalog
from migcycle.models import Catalog

from .conftest import Run, edit

SNAPSHOTS = Path(__file__).parent / "snapshots"
UPDATE = os.environ.get("MIGCYCLE_UPDATE_SNAPSHOTS") == "1"

View = Callable[[Catalog], RenderableType]
VIEWS: dict[str, View] = {
    "stages": lambda c: render.stages_table(c.cycle.stages),
    "stage-arrival": lambda c: render.stage_view(
        query.stage_view(c, query.find_stage(c, "arrival"))
    ),
    "cycle": lambda c: render.cycle_tree(query.cycle(c)),
    "actors": lambda c: render.actors_table(c.cycle.actor_types),
    "actor-finance": lambda c: render.actor_view(
        query.actor_view(c, query.find_actor(c, "finance"))
    ),
    "roles": lambda c: render.roles_view(query.roles(c)),
    "cooperation": lambda c: render.cooperation_view(query.cooperation(c)),
    "sectors": lambda c: render.sectors_table(c.cycle.sectors),
    "sector-financial-services": lambda c: render.sector_view(
        query.sector_view(c, query.find_sector(c, "financial-services"))
    ),
    "sessions": lambda c: render.sessions_table(c.seminar.sessions),
    "session-4": lambda c: render.session_view(query.session_view(c, query.find_session(c, "4"))),
    "questions-narrative": lambda c: render.questions_table(
        query.questions(c, query.Filters(themes=[query.find_theme(c, "narrative")]))
    ),
    "themes": lambda c: render.themes_table(query.theme_counts(c)),
    "matrix": lambda c: render.matrix_table(query.matrix(c), query.function_names(c)),
}


def plain(renderable: RenderableType, width: int) -> str:
    buffer = io.StringIO()
    render.console(width=width, file=buffer).print(renderable)
    return buffer.getvalue()


@pytest.mark.parametrize("name", sorted(VIEWS))
def test_snapshot(catalog: Catalog, name: str) -> None:
    """Each view at 100 columns, compared with tests/snapshots/<name>.txt.

    After an intended change: MIGCYCLE_UPDATE_SNAPSHOTS=1 python -m pytest tests/test_render.py
    """
    text = plain(VIEWS[name](catalog), 100)
    path = SNAPSHOTS / f"{name}.txt"
    if UPDATE:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8")
    assert path.exists(), f"no snapshot {path.name}; create it with MIGCYCLE_UPDATE_SNAPSHOTS=1"
    assert text == path.read_text(encoding="utf-8")


@pytest.mark.parametrize("width", [20, 40, 60, 80, 132])
@pytest.mark.parametrize("name", sorted(VIEWS))
def test_text_wraps_and_is_never_cut(catalog: Catalog, name: str, width: int) -> None:
    from rich.cells import cell_len

    text = plain(VIEWS[name](catalog), width)
    assert "…" not in text
    assert "..." not in text
    assert all(cell_len(line) <= width for line in text.splitlines())


def test_ids_are_whole_at_a_normal_width(catalog: Catalog) -> None:
    text = plain(VIEWS["stages"](catalog), 100)
    for stage in catalog.cycle.stages:
        assert stage.id in text
    text = plain(VIEWS["actors"](catalog), 100)
    for actor in catalog.cycle.actor_types:
        assert actor.id in text


HOSTILE = (
    "[bold]loud[/] [link=https://example.invalid]click[/link] :smile: "
    "\\e[31mred\\e[0m \\x9b2J \\a bell"
)


@pytest.fixture
def hostile_catalog(data_copy: Path) -> Path:
    edit(
        data_copy / "cycle.yaml",
        "summary: When the migrant arrives in the country of destination.",
        f'summary: "{HOSTILE}"',
    )
    return data_copy


def test_markup_emoji_and_escapes_in_data_print_literally(hostile_catalog: Path) -> None:
    catalog = load_catalog(hostile_catalog)
    stage = catalog.cycle.stages[2]
    assert "\x1b[31m" in stage.summary  # the data really holds an ESC sequence
    buffer = io.StringIO()
    from rich.console import Console

    Console(file=buffer, width=200, force_terminal=True, color_system="truecolor").print(
        render.stage_view(query.stage_view(catalog, stage))
    )
    out = buffer.getvalue()
    assert "[bold]loud[/]" in out
    assert "[link=https://example.invalid]click[/link]" in out
    assert ":smile:" in out and "😄" not in out
    assert "\\x1b[31mred\\x1b[0m" in out  # made visible, not obeyed
    assert "\\x9b2J" in out and "\\x07" in out
    assert "\x1b[31mred" not in out and "\x9b" not in out and "\x07" not in out
    assert "\x1b]8;" not in out  # no hyperlink escape was generated


def test_json_escapes_control_characters(run: Run, hostile_catalog: Path) -> None:
    result = run("--data", str(hostile_catalog), "stage", "arrival", "--json")
    assert result.exit_code == 0
    assert "\x1b" not in result.stdout and "\x9b" not in result.stdout
    assert "\\u001b[31m" in result.stdout and "\\u009b" in result.stdout
    assert json.loads(result.stdout)["stage"]["summary"].startswith("[bold]loud[/]")
