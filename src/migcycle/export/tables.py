"""The catalog as flat tables, one per kind (CSV, and the rows SQLite is built from).

A list column holds a JSON array (``["a; b", "c"]``), so an item that contains ``; `` or a comma
reads back exactly. Every CSV migcycle writes goes through :func:`to_csv`, which neutralises a
cell a spreadsheet would run as a formula (OWASP's advice): a text cell that begins with ``=``,
``+``, ``-``, ``@``, a tab or a carriage return gets a ``'`` in front, as does one that begins
with ``'`` followed by those (so that dropping one ``'`` always gives the text back). A plain
number such as ``-1`` runs nothing and is written as it is.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.models import Catalog, Curated, Source, record_id
from migcycle.serialise import to_data

_FORMULA = re.compile(r"'*[=+\-@\t\r]")
_NUMBER = re.compile(r"[-+]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][-+]?[0-9]+)?")


def selected(catalog: Catalog, kinds: Sequence[str] = ()) -> dict[str, list[BaseModel]]:
    """The records of the chosen kinds (all kinds if none are chosen), in document order."""
    every = registry.records_by_kind(catalog)
    return {k: v for k, v in every.items() if v and (not kinds or k in kinds)}


def _scalar(value: Any) -> Any:
    """A list as a JSON array (nested records by their ids); anything else as it is."""
    if isinstance(value, dict):  # curated.why: the reasons, as one JSON text
        return json.dumps(to_data(value), ensure_ascii=False) if value else None
    if isinstance(value, list):
        items = [record_id(v) if isinstance(v, BaseModel) else v for v in value]
        return json.dumps(items, ensure_ascii=False)
    return value


def flat_row(kind: str, record: BaseModel, parent: dict[str, str]) -> dict[str, Any]:
    """One record as flat columns: lists as JSON arrays, nested records by their ids,
    ``source`` and ``curated`` spread over prefixed columns."""
    columns = registry.get(kind).parent_columns
    row: dict[str, Any] = {"id": record_id(record), **parent}
    row.update({c: parent.get(c) for c in columns})
    provenance: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, Source):
            provenance["source_document"] = value.document
            provenance["source_locator"] = value.locator
        elif isinstance(value, Curated):
            for field in type(value).model_fields:
                provenance[f"curated_{field}"] = _scalar(getattr(value, field))
        elif name != "id":
            row[name] = _scalar(value)
    return {**row, **provenance}


def tables(catalog: Catalog, kinds: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    parents = registry.parents(catalog)
    return {
        kind: [flat_row(kind, r, parents.get((kind, record_id(r)), {})) for r in records]
        for kind, records in selected(catalog, kinds).items()
    }


def safe_cell(value: Any) -> Any:
    """A cell as a spreadsheet should show it: text that would run as a formula gets a ``'``
    in front; None is an empty cell."""
    if value is None:
        return ""
    if isinstance(value, str) and _FORMULA.match(value) and not _NUMBER.fullmatch(value):
        return f"'{value}"
    return value


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """RFC 4180: CRLF line ends, a header row, quotes where a value needs them; every cell
    (the header's too) safe to open in a spreadsheet."""
    buffer = io.StringIO(newline="")
    if rows:
        columns = list(rows[0])
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow([safe_cell(c) for c in columns])
        writer.writerows([safe_cell(row.get(c)) for c in columns] for row in rows)
    return buffer.getvalue()
