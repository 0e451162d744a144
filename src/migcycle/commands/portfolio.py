"""Commands over a portfolio layer: a template to fill in, and what a layer leaves uncovered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from migcycle import output
from migcycle.commands.common import JsonOption, catalog, render


def gaps(
    ctx: typer.Context,
    layer: Annotated[
        Path, typer.Option("--layer", "-l", help="The portfolio layer to check.", dir_okay=False)
    ],
    as_json: JsonOption = False,
) -> None:
    """What a portfolio layer leaves uncovered.

    Stage functions without a score, actor types absent at a stage where the brief places them,
    sectors whose entry points nothing touches, and GCM objectives no scored cell links to,
    ordered by stage.

    Examples:

        migcycle gaps --layer portfolio.yaml

        migcycle gaps --layer portfolio.yaml --json | jq -r '.[] | select(.kind == "gcm") | .id'
    """
    from migcycle.layers import gaps as find_gaps
    from migcycle.layers import load_layer

    found = catalog(ctx)
    uncovered = find_gaps(load_layer(layer, found), found)
    stages = {s.id: f"{s.number} {s.name}" for s in found.cycle.stages}
    output.show(uncovered, as_json, lambda g: render.gaps_table(g, stages))


def layer_new(
    ctx: typer.Context,
    scale: Annotated[
        str,
        typer.Option(
            "--scale", help="A numeric range (0-3) or labels, lowest first (none,planned,active)."
        ),
    ] = "0-3",
    name: Annotated[str, typer.Option("--name", help="The layer's name.")] = "My portfolio",
    target: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a layer template: every stage function, unscored.

    Fill in `score:` for the functions your portfolio funds and leave the rest null; add entries
    for an actor type at a stage (stage + actor), a sector (sector) or a GCM objective (gcm).

    Examples:

        migcycle layer new --output portfolio.yaml

        migcycle layer new --scale none,planned,active --name "Programme X" > x.yaml
    """
    from migcycle.layers import parse_scale, template_text

    text = template_text(catalog(ctx), parse_scale(scale), name)
    output.deliver(output.Text(text), output.Destination(target, force))


LAYER_HELP = (
    "Portfolio layers: score the cells you cover.\n\n"
    "A layer file scores stage functions, actor types at a stage, sectors or GCM objectives on\n"
    "a declared scale; `matrix --layer` shows it over the grid and `gaps --layer` lists what it\n"
    "leaves uncovered.\n\n"
    "Examples:\n\n"
    "    migcycle layer new --output portfolio.yaml\n\n"
    "    migcycle layer new --scale none,planned,active"
)
COMMANDS: list[Callable[..., None]] = [gaps]
