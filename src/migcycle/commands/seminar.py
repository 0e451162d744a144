"""Commands over the 2017 seminar report: sessions, emerging questions, themes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated

import typer

from migcycle import output, query
from migcycle.commands.common import JsonOption, SessionArg, catalog, complete, render


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
    view = query.session_view(found, query.find_session(found, ref))
    output.show(view, as_json, render.session_view)


def questions(
    ctx: typer.Context,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Only questions with this theme (repeat for any of several).",
            autocompletion=complete("theme"),
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            "-s",
            help="Only this session's questions.",
            autocompletion=complete("session"),
        ),
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="Only questions linked to this stage.",
            autocompletion=complete("stage"),
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Only questions linked to this actor type.",
            autocompletion=complete("actor"),
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The seminar's emerging questions, filtered.

    Filters combine with AND; a repeated --theme means any of those themes.

    Examples:

        migcycle questions --theme narrative

        migcycle questions --theme finance --theme technology --session 4

        migcycle questions --actor finance --json | jq -r '.[].id'
    """
    found = catalog(ctx)
    chosen = query.questions(
        found,
        themes=[query.find_theme(found, t) for t in theme or []],
        session=query.find_session(found, session) if session else None,
        stage=query.find_stage(found, stage) if stage else None,
        actor=query.find_actor(found, actor) if actor else None,
    )
    output.show(chosen, as_json, render.questions_table)


def themes(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The theme vocabulary with usage counts.

    Examples:

        migcycle themes

        migcycle themes --json | jq -r '.[] | select(.questions == 0) | .theme.id'
    """
    output.show(query.theme_counts(catalog(ctx)), as_json, render.themes_table)


COMMANDS: list[Callable[..., None]] = [sessions, session, questions, themes]
