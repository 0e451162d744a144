"""A list view in the format a researcher's tools read: a table on the terminal, one JSON
document, JSON Lines, CSV or a Markdown table - the same records, so an evidence table needs
no jq. CSV rows are the export's rows (``export --format csv``), JSON the ``--json`` shape."""

from __future__ import annotations

import re
from collections.abc import Sequence
from enum import StrEnum
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pydantic import BaseModel

    from migcycle.models import Catalog


class ListFormat(StrEnum):
    table = "table"
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"


def pick(fmt: ListFormat | None, as_json: bool) -> ListFormat:
    """``--json`` is the short form of ``--format json``; a table by default."""
    from migcycle.errors import UsageError

    if as_json and fmt not in (None, ListFormat.json):
        raise UsageError(f"--json and --format {fmt} disagree: give one of them")
    return ListFormat.json if as_json else fmt or ListFormat.table


def as_text(catalog: Catalog, kind: str, records: Sequence[BaseModel], fmt: ListFormat) -> str:
    """JSON Lines, CSV or a Markdown table of ``records``."""
    from migcycle import kinds as registry
    from migcycle.models import record_id

    parents = registry.parents(catalog)
    rows = [(r, parents.get((kind, record_id(r)), {})) for r in records]
    if fmt is ListFormat.jsonl:
        from migcycle.serialise import dumps, to_data

        lines = [dumps({"kind": kind, **parent, **to_data(r)}, indent=None) for r, parent in rows]
        return "".join(f"{line}\n" for line in lines)
    if fmt is ListFormat.csv:
        from migcycle.export.tables import flat_row, to_csv

        return to_csv([flat_row(kind, r, parent) for r, parent in rows])
    return markdown_table(kind, rows)


_MARKDOWN = re.compile(r"([\\`*_\[\]<>|~])")

LINK_COLUMNS = ("themes", "stages", "actors", "sectors", "gcm")


def _cell(value: str) -> str:
    """Text inside a Markdown table cell: on one line, every character that Markdown would act
    on escaped, so data never becomes a link, emphasis or a new column."""
    return _MARKDOWN.sub(r"\\\1", " ".join(value.split()))


def markdown_table(kind: str, rows: Sequence[tuple[BaseModel, dict[str, str]]]) -> str:
    """One row per record: its id, where it sits, its text, its curated links, its locator."""
    from migcycle import kinds as registry
    from migcycle.models import Sourced, record_id

    context = list(registry.get(kind).parent_columns)
    header = ["id", *context, "text", *(f"{c} (curated)" for c in LINK_COLUMNS), "source"]
    lines = ["| " + " | ".join(header) + " |", "|" + " --- |" * len(header)]
    for record, parent in rows:
        text = registry.quoted_text(kind, record) or registry.label(kind, record)
        cells = [record_id(record), *(parent.get(c, "") for c in context), text]
        if isinstance(record, Sourced):
            cells += ["; ".join(getattr(record.curated, c)) for c in LINK_COLUMNS]
            cells.append(f"{record.source.document}, {record.source.locator}")
        else:
            cells += [""] * (len(LINK_COLUMNS) + 1)
        lines.append("| " + " | ".join(_cell(c) for c in cells) + " |")
    return "\n".join(lines) + "\n"
