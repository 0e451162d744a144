"""Commands over a portfolio layer: a template, an import from a project list or IATI, the
projects in each cell, and what a layer leaves uncovered."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from migcycle import output
from migcycle.commands.common import (
    ForceOption,
    JsonOption,
    OutputOption,
    catalog,
    destination,
    render,
)

if TYPE_CHECKING:
    from migcycle.models import Catalog, Layer, Scale

ScaleOption = Annotated[
    str,
    typer.Option(
        "--scale",
        metavar="SCALE",
        help="A numeric range (0-3) or labels, lowest first (none,planned,active).",
    ),
]
NameOption = Annotated[str, typer.Option("--name", metavar="NAME", help="The layer's name.")]
LayerFile = Annotated[
    Path,
    typer.Option(
        "--layer", "-l", metavar="FILE", help="The portfolio layer to check.", dir_okay=False
    ),
]


def load_layers(found: Catalog, paths: list[Path]) -> list[Layer]:
    """Each layer file, loaded and checked; a layer that scores nothing yet is a warning."""
    from migcycle.layers import load_layer, unscored_warning

    layers = [load_layer(path, found) for path in paths]
    pairs = zip(layers, paths, strict=True)
    output.warn([w for layer, path in pairs if (w := unscored_warning(layer, str(path)))])
    return layers


def _scale(text: str) -> Scale:
    from migcycle.layers import parse_scale

    return parse_scale(text)


def _write_layer(document: dict[str, Any], where: output.Destination, note: str = "") -> None:
    """A layer file to stdout, or whole to the user's path (never over a file without --force)."""
    from migcycle.layers import layer_text

    text = layer_text(document, Path("layer.schema.json"), note)  # beside the file: shareable
    output.deliver(output.Text(text), where)


def gaps(ctx: typer.Context, layer: LayerFile, as_json: JsonOption = False) -> None:
    """What a portfolio layer leaves uncovered.

    First a summary: per stage, how many of its functions the layer covers (and with which
    projects) and the actor types the brief places there that nothing engages. Then each hole
    once: uncovered stage functions by stage, sectors whose entry points nothing touches, GCM
    objectives no scored cell links to; objectives neither document concerns are set apart.

    Examples:

        migcycle gaps --layer portfolio.yaml

        migcycle gaps --layer portfolio.yaml --json | jq -r '.gaps[] | select(.kind == "gcm") | .id'
    """
    from migcycle.layers import gaps as find_gaps

    found = catalog(ctx)
    (loaded,) = load_layers(found, [layer])
    output.show(find_gaps(loaded, found), as_json, render.gaps_table)


def layer_new(
    ctx: typer.Context,
    scale: ScaleOption = "0-3",
    name: NameOption = "My portfolio",
    target: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Write a layer template: every stage function, unscored.

    Fill in `score:` for the functions your portfolio funds and leave the rest null; add entries
    for an actor type at a stage (stage + actor), a sector (sector) or a GCM objective (gcm).
    The template itself is a valid layer: `matrix` and `gaps` read it and warn that it scores
    nothing yet.

    Examples:

        migcycle layer new --output portfolio.yaml

        migcycle layer new --scale none,planned,active --name "Programme X" > x.yaml
    """
    from migcycle.layers import template

    where = destination(ctx, target, force).checked()
    _write_layer(template(catalog(ctx), _scale(scale), name), where)


def layer_import(
    ctx: typer.Context,
    files: Annotated[
        list[Path],
        typer.Argument(
            metavar="FILE...",
            help="A CSV project list, or IATI XML files with --iati.",
            show_default=False,
        ),
    ],
    iati: Annotated[bool, typer.Option("--iati", help="Read IATI 2.03 activity files.")] = False,
    scale: ScaleOption = "0-3",
    name: NameOption = "Imported portfolio",
    target: OutputOption = None,
    force: ForceOption = False,
) -> None:
    """Build a layer from a project list or IATI.

    CSV: one row per project and cell, columns code, title, stage, function | actor | sector |
    gcm, score, comment, url (names as on the command line). IATI: keeps migration activities
    and proposes, unscored, the stage functions their text concerns, for you to review.

    Examples:

        migcycle layer import projects.csv --output portfolio.yaml

        migcycle layer import --iati activities.xml --output draft.yaml
    """
    from migcycle import iati as iati_import
    from migcycle import portfolio_csv

    where = destination(ctx, target, force).checked()
    read: Callable[..., Any] = iati_import.draft_layer if iati else portfolio_csv.draft_layer
    draft = read(files, catalog(ctx), _scale(scale), name)
    _write_layer(draft.document, where, draft.note)
    output.warn(draft.warnings)


def layer_show(
    ctx: typer.Context,
    layer: Annotated[
        Path,
        typer.Argument(metavar="FILE", help="The layer file.", show_default=False, dir_okay=False),
    ],
    as_json: JsonOption = False,
) -> None:
    """Each cell of a layer with its projects.

    Examples:

        migcycle layer show portfolio.yaml

        migcycle layer show portfolio.yaml --json | jq -r '.[] | .id + " " + .projects[].code'
    """
    from migcycle.layers import shown_cells

    found = catalog(ctx)
    (loaded,) = load_layers(found, [layer])
    cells = shown_cells(loaded, found)
    output.show(cells, as_json, lambda c: render.layer_cells(c, loaded.name))


LAYER_HELP = (
    "Portfolio layers: score the cells you cover.\n\n"
    "A layer file scores stage functions, actor types at a stage, sectors or GCM objectives on\n"
    "a declared scale and lists the projects behind each; `matrix --layer` shows it over the\n"
    "grid and `gaps --layer` says what it leaves uncovered.\n\n"
    "Examples:\n\n"
    "    migcycle layer new --output portfolio.yaml\n\n"
    "    migcycle layer import projects.csv --output portfolio.yaml\n\n"
    "    migcycle layer import --iati activities.xml --output draft.yaml\n\n"
    "    migcycle layer show portfolio.yaml --json | jq -r '.[] | .projects[].code'"
)

COMMANDS: list[Callable[..., None]] = [gaps]
LAYER_COMMANDS: dict[str, Callable[..., None]] = {
    "new": layer_new,
    "import": layer_import,
    "show": layer_show,
}
