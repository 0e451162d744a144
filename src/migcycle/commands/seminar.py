"""Commands over the 2017 seminar report: sessions, emerging questions, themes."""

from __future__ import annotations

from collections.abc import Callable

import typer

from migcycle import output, query
from migcycle.commands.common import (
    ActorFilter,
    FormatOption,
    GcmFilter,
    JsonOption,
    SectorFilter,
    SessionArg,
    SessionFilter,
    StageFilter,
    ThemeFilter,
    catalog,
    emit_list,
    render,
    words,
)
from migcycle.listing import pick


def sessions(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The nine sessions of the 2017 seminar.

    Examples:

        migcycle sessions

        migcycle sessions --json | jq -r '.[] | "\\(.id) \\(.title)"'
    """
    output.show(catalog(ctx).seminar.sessions, as_json, render.sessions_table)


def session(ctx: typer.Context, ref: SessionArg, as_json: JsonOption = False) -> None:
    """One session: summary, key points, questions.

    Examples:

        migcycle session 4

        migcycle session 4 --json | jq -r '.session.key_points[].headline'
    """
    found = catalog(ctx)
    view = query.session_view(found, query.find_session(found, words(ref)))
    output.show(view, as_json, render.session_view)


def questions(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    session: SessionFilter = None,
    stage: StageFilter = None,
    actor: ActorFilter = None,
    sector: SectorFilter = None,
    gcm: GcmFilter = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """The seminar's emerging questions, filtered.

    Filters combine with AND; a repeated --theme means any of those themes.

    Examples:

        migcycle questions --theme narrative

        migcycle questions --theme finance --theme technology --session 4

        migcycle questions --sector financial-services --format csv > questions.csv

        migcycle questions --actor finance --json | jq -r '.[].id'
    """
    found = catalog(ctx)
    chosen = query.filters(found, theme or [], session, stage, actor, sector, gcm)
    shown = query.questions(found, chosen)
    emit_list(found, "question", shown, pick(fmt, as_json), render.questions_table)


def points(
    ctx: typer.Context,
    theme: ThemeFilter = None,
    session: SessionFilter = None,
    stage: StageFilter = None,
    actor: ActorFilter = None,
    sector: SectorFilter = None,
    gcm: GcmFilter = None,
    fmt: FormatOption = None,
    as_json: JsonOption = False,
) -> None:
    """The seminar's key points, filtered.

    Filters combine with AND; a repeated --theme means any of those themes. --format csv,
    jsonl or markdown gives an evidence table: each point with its session, text, curated
    links and locator.

    Examples:

        migcycle points --theme finance

        migcycle points --theme finance --format csv > finance-points.csv

        migcycle points --stage return --format markdown

        migcycle points --gcm 20 --json | jq -r '.[] | "\\(.id) \\(.headline)"'
    """
    found = catalog(ctx)
    chosen = query.filters(found, theme or [], session, stage, actor, sector, gcm)
    shown = query.key_points(found, chosen)
    emit_list(found, "key-point", shown, pick(fmt, as_json), render.points_table)


def themes(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The theme vocabulary with usage counts.

    Examples:

        migcycle themes

        migcycle themes --json | jq -r '.[] | select(.questions == 0) | .theme.id'
    """
    output.show(query.theme_counts(catalog(ctx)), as_json, render.themes_table)


COMMANDS: list[Callable[..., None]] = [sessions, session, questions, points, themes]
