"""Commands over the ECDPM brief: stages, the cycle, actor types, roles, sectors, the grid."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from migcycle import output, query
from migcycle.commands.choices import CombineMode
from migcycle.commands.common import (
    ActorArg,
    JsonOption,
    LayerOption,
    SectorArg,
    StageArg,
    catalog,
    destination,
    render,
    words,
)
from migcycle.errors import UsageError

if TYPE_CHECKING:
    from migcycle.models import Catalog


def stages(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The five stages of the migration cycle.

    Examples:

        migcycle stages

        migcycle stages --json | jq -r '.[] | "\\(.number) \\(.name)"'
    """
    items = catalog(ctx).cycle.stages
    output.show(items, as_json, render.stages_table)


def stage(ctx: typer.Context, ref: StageArg, as_json: JsonOption = False) -> None:
    """One stage: functions, actors, seminar links.

    Examples:

        migcycle stage arrival

        migcycle stage 5

        migcycle stage long term

        migcycle stage arrival --json | jq -r '.stage.functions[].label'
    """
    found = catalog(ctx)
    view = query.stage_view(found, query.find_stage(found, words(ref)))
    output.show(view, as_json, render.stage_view)


def cycle(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The whole cycle as a tree.

    Examples:

        migcycle cycle

        migcycle cycle --json | jq -r '.[] | "\\(.stage.label) -> \\(.then.label)"'
    """
    output.show(query.cycle(catalog(ctx)), as_json, render.cycle_tree)


def actors(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The actor types the brief describes or names.

    Examples:

        migcycle actors

        migcycle actors --json | jq -r '.[] | select(.source.document != "migcycle") | .name'
    """
    output.show(catalog(ctx).cycle.actor_types, as_json, render.actors_table)


def actor(ctx: typer.Context, ref: ActorArg, as_json: JsonOption = False) -> None:
    """One actor type across the five stages.

    Examples:

        migcycle actor finance

        migcycle actor recruitment agencies

        migcycle actor finance --json | jq -r '.stages[] | [.stage.id, (.functions|length)] | @tsv'
    """
    found = catalog(ctx)
    view = query.actor_view(found, query.find_actor(found, words(ref)))
    output.show(view, as_json, render.actor_view)


def roles(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Private and public roles, with Table 1.

    Examples:

        migcycle roles

        migcycle roles --json | jq -r '.public[] | .table_label'
    """
    output.show(query.roles(catalog(ctx)), as_json, render.roles_view)


def cooperation(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The five elements of successful cooperation.

    Examples:

        migcycle cooperation

        migcycle cooperation --json | jq -r '.[] | .recommendation'
    """
    output.show(query.cooperation(catalog(ctx)), as_json, render.cooperation_view)


def sectors(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The eight sectors of the panel.

    Examples:

        migcycle sectors

        migcycle sectors --json | jq -r '.[] | "\\(.id): \\(.dilemmas | length) dilemmas"'
    """
    output.show(catalog(ctx).cycle.sectors, as_json, render.sectors_table)


def sector(ctx: typer.Context, ref: SectorArg, as_json: JsonOption = False) -> None:
    """One sector of the panel, all its lists.

    Examples:

        migcycle sector financial-services

        migcycle sector information --json | jq -r '.sector.dilemmas[].text'
    """
    found = catalog(ctx)
    view = query.sector_view(found, query.find_sector(found, words(ref)))
    output.show(view, as_json, render.sector_view)


def matrix(
    ctx: typer.Context,
    layer: LayerOption = None,
    combine: Annotated[
        CombineMode | None,
        typer.Option(
            "--combine",
            metavar="HOW",
            help="How layers combine per cell: max (the default), sum, min, or diff (two "
            "layers: second - first).",
        ),
    ] = None,
    svg: Annotated[
        Path | None,
        typer.Option("--svg", metavar="FILE", help="Also write the view as an SVG picture."),
    ] = None,
    csv_out: Annotated[
        Path | None,
        typer.Option("--csv", metavar="FILE", help="Also write the grid as CSV for a spreadsheet."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --svg/--csv files.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who does what where: stage x actor grid.

    With --layer, each cell shows a portfolio layer's score instead (see `migcycle layer new`),
    coloured by the layer's scale with a legend; several layers combine with --combine.

    Examples:

        migcycle matrix

        migcycle matrix --layer portfolio.yaml --svg portfolio.svg

        migcycle matrix --layer 2025.yaml --layer 2026.yaml --combine diff --json | jq '.rows'
    """
    found = catalog(ctx)
    where = destination(ctx, None, force)
    files = output.Figures(svg, csv_out, force, "migcycle matrix", where.reading)
    if layer:
        _layer_matrix(found, layer, combine, files, as_json)
    elif combine:
        raise UsageError("--combine needs at least one --layer")
    else:
        grid, names = query.matrix(found), query.function_names(found)
        rows = query.matrix_rows(grid, names)
        files.show(grid, as_json, lambda g: render.matrix_table(g, names), rows)


def _layer_matrix(
    found: Catalog,
    paths: list[Path],
    combine: CombineMode | None,
    files: output.Figures,
    as_json: bool,
) -> None:
    from migcycle.commands.portfolio import load_layers
    from migcycle.layers import combined, grid_rows
    from migcycle.report_svg import layer_svg

    layers = load_layers(found, paths)
    scored = combined(layers, found, combine.value if combine else None)
    actors = {a.id: a.name for a in found.cycle.actor_types}
    stages = {s.id: f"{s.number} {s.name}" for s in found.cycle.stages}
    dates = " / ".join(x.date for x in layers if x.date)
    draw = lambda g: render.layer_matrix(g, actors, stages)  # noqa: E731
    picture = lambda: layer_svg(scored, found, date=dates)  # noqa: E731
    files.show(scored, as_json, draw, grid_rows(scored, found), picture)


COMMANDS: list[Callable[..., None]] = [
    stages,
    stage,
    cycle,
    actors,
    actor,
    roles,
    cooperation,
    sectors,
    sector,
    matrix,
]
