"""Commands over the data itself: check it, export it, its codebook and its JSON Schema."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer

from migcycle import export as exporting
from migcycle import output
from migcycle.commands.common import (
    JsonOption,
    QuietOption,
    catalog,
    check_kinds,
    checked_dir,
    deliver,
    destination,
    render,
    state,
)
from migcycle.export import CodebookFormat, ExportFormat


def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(metavar="DIR", help="Data directory to check (default: the data in use)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a data directory; count its records.

    Prints the number of records of each kind and exits 0, or prints one
    `file:line:col: problem` line per problem to stderr and exits 1.

    Examples:

        migcycle validate

        migcycle validate ./my-data

        migcycle validate --json | jq .counts.key_points
    """
    from migcycle.kinds import counts
    from migcycle.load import load_catalog

    target = checked_dir(directory, "directory") if directory else state(ctx).data_dir
    shown = f"bundled data + {target}" if target else "bundled data"
    result = counts(load_catalog(target))
    summary = {"data_dir": shown, "valid": True, "counts": result}
    output.show(summary, as_json, lambda _: render.counts_table(result, f"{shown}: valid"))


def export(
    ctx: typer.Context,
    format: Annotated[
        ExportFormat,
        typer.Option(
            "--format",
            "-f",
            metavar="FORMAT",
            help="json, jsonl, csv, markdown, yaml or sqlite.",
        ),
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", metavar="KIND", help="Only this kind of record (repeatable)."),
    ] = None,
    target: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="PATH",
            help="File to write (a directory for csv with several kinds, and for yaml); "
            "stdout if omitted (sqlite needs a file).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    quiet: QuietOption = False,
) -> None:
    """Export the data: json, csv, sqlite and more.

    json is the whole catalog as one document; jsonl one record per line with its kind;
    csv one table per kind (RFC 4180, lists as JSON arrays); markdown a readable report
    with a citation under each record; yaml the data files' own layout (load it back with
    --data); sqlite one table per kind with foreign keys and FTS5 full-text indexes.

    Examples:

        migcycle export --format sqlite --output migcycle.db

        migcycle export --format csv --kind question > questions.csv

        migcycle export --format jsonl | jq -c 'select(.kind == "sector-item")'
    """
    check_kinds(kind or [])
    artifact = exporting.produce(catalog(ctx), format, kind or [], target)
    deliver(artifact, destination(ctx, target, force), quiet)


def codebook(
    ctx: typer.Context,
    format: Annotated[
        CodebookFormat,
        typer.Option("--format", "-f", metavar="FORMAT", help="qdc (REFI-QDA XML) or csv."),
    ] = CodebookFormat.qdc,
    target: Annotated[
        Path | None,
        typer.Option("--output", "-o", metavar="FILE", help="File to write (stdout if omitted)."),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
    quiet: QuietOption = False,
) -> None:
    """A QDA codebook of stages, actors and themes.

    The .qdc file is REFI-QDA Codebook XML, which NVivo, ATLAS.ti, MAXQDA and QualCoder import,
    for coding interviews against the same categories. GUIDs derive from ids, so re-importing a
    newer export does not duplicate codes.

    Examples:

        migcycle codebook --output migcycle.qdc

        migcycle codebook --format csv | head -3
    """
    artifact = exporting.produce_codebook(catalog(ctx), format)
    deliver(artifact, destination(ctx, target, force), quiet)


def schema(
    target: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="DIR",
            help="Write NAME.schema.json files into this directory instead of printing.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
    quiet: QuietOption = False,
) -> None:
    """The JSON Schema of each data file.

    The data files point at these schemas with a `# yaml-language-server: $schema=...` line,
    so editors that speak YAML language server check and complete them as you type.

    Examples:

        migcycle schema | jq '.seminar.properties | keys'

        migcycle schema --output ./schema
    """
    from migcycle.models import json_schemas
    from migcycle.serialise import dumps

    schemas = json_schemas()
    if target is None:
        output.write_json(schemas)
        return
    files = {f"{name}.schema.json": dumps(body) + "\n" for name, body in schemas.items()}
    directory = checked_dir(target, "output directory")
    deliver(output.Files(files), output.Destination(directory, force), quiet)


COMMANDS: list[Callable[..., None]] = [validate, export, codebook, schema]
