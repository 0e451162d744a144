"""The catalog as flat tables, one per kind (CSV, and the rows SQLite is built from)."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.models import Catalog, Curated, Source, record_id
from migcycle.serialise import to_data

JOIN = "; "


def selected(catalog: Catalog, kinds: Sequence[str] = ()) -> dict[str, list[BaseModel]]:
    """The records of the chosen kinds (all kinds if none are chosen), in document order."""
    every = registry.records_by_kind(catalog)
    return {k: v for k, v in every.items() if v and (not kinds or k in kinds)}


def _scalar(value: Any) -> Any:
    if isinstance(value, dict):  # curated.why: the reasons, as one JSON text
        return json.dumps(to_data(value), ensure_ascii=False) if value else None
    if isinstance(value, list):
        return JOIN.join(str(v if not isinstance(v, BaseModel) else record_id(v)) for v in value)
    return value


def flat_row(kind: str, record: BaseModel, parent: dict[str, str]) -> dict[str, Any]:
    """One record as flat columns: lists joined with '; ', nested records by their ids,
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


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """RFC 4180: CRLF line ends, a header row, quotes where a value needs them."""
    buffer = io.StringIO(newline="")
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return buffer.getvalue()
