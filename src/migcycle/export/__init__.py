"""The catalog in the formats researchers' tools read: a table of formats, one module each.

:func:`produce` turns the catalog into an :data:`~migcycle.output.Artifact`; where it goes
(stdout, a file, a directory) is the output seam's job.
"""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path
from typing import assert_never

from migcycle.errors import UsageError
from migcycle.models import Catalog
from migcycle.output import Artifact, Database, Files, Text


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"
    sqlite = "sqlite"


class CodebookFormat(StrEnum):
    qdc = "qdc"
    csv = "csv"


def produce(
    catalog: Catalog, fmt: ExportFormat, kinds: Sequence[str], output: Path | None
) -> Artifact:
    """The export of the chosen kinds (all if none) in one format."""
    match fmt:
        case ExportFormat.json:
            from migcycle.export.jsonfmt import to_json

            return Text(to_json(catalog, kinds))
        case ExportFormat.jsonl:
            from migcycle.export.jsonfmt import to_jsonl

            return Text(to_jsonl(catalog, kinds))
        case ExportFormat.csv:
            return _csv(catalog, kinds, output)
        case ExportFormat.markdown:
            from migcycle.export.markdown import to_markdown

            return Text(to_markdown(catalog, kinds))
        case ExportFormat.yaml:
            return _yaml(catalog, kinds, output)
        case ExportFormat.sqlite:
            from migcycle.export.sqlite import write_sqlite

            if output is None:
                raise UsageError("sqlite needs a file: add --output FILE")
            return Database(lambda path: write_sqlite(catalog, path, kinds))
        case _:
            assert_never(fmt)


def _csv(catalog: Catalog, kinds: Sequence[str], output: Path | None) -> Artifact:
    """One table as one CSV text; several as one file per kind in a directory."""
    from migcycle.export.tables import tables, to_csv

    found = tables(catalog, kinds)
    if len(found) == 1:  # one table is one file, whatever its name
        (rows,) = found.values()
        return Text(to_csv(rows))
    if output is None:
        raise UsageError("csv writes one table per kind: choose one --kind, or --output DIR")
    return Files({f"{kind}.csv": to_csv(rows) for kind, rows in found.items()})


def _yaml(catalog: Catalog, kinds: Sequence[str], output: Path | None) -> Artifact:
    """The data files as one YAML stream, or (``--output DIR``) as files with their schemas."""
    from migcycle.export.yamlfmt import data_file_texts, schema_texts, stream

    if kinds:
        raise UsageError("yaml re-emits whole data files; --kind does not apply")
    texts = data_file_texts(catalog)
    return Text(stream(texts)) if output is None else Files({**texts, **schema_texts()})


def produce_codebook(catalog: Catalog, fmt: CodebookFormat) -> Text:
    from migcycle.export import codebook as book

    match fmt:
        case CodebookFormat.qdc:
            return Text(book.codebook_qdc(catalog))
        case CodebookFormat.csv:
            return Text(book.codebook_csv(catalog))
        case _:
            assert_never(fmt)
