"""The catalog as one JSON document, or as JSON Lines (one record per line, with its kind).

In JSON Lines, ``kind`` is always the record type (``jq 'select(.kind == "theme")'``). A record's
own field whose name is already taken on its line - a theme's own ``kind`` (``common`` or
``topical``), or a column tying a nested record to its parent - is written as
``<kind>_<field>`` with dashes as underscores: ``theme_kind``.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.export.tables import selected
from migcycle.models import Catalog, record_id
from migcycle.serialise import dumps, dumps_line, to_data


def to_json(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """The whole catalog as one document (or, with kinds, ``{kind: [records]}``)."""
    if not kinds:
        return dumps(catalog) + "\n"
    return dumps(selected(catalog, kinds)) + "\n"


def to_jsonl(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """One record per line, with its ``kind``; nested records appear on their own lines."""
    parents = registry.parents(catalog)
    lines = [
        dumps_line(jsonl_record(kind, record, parents.get((kind, record_id(record)), {})))
        for kind, records in selected(catalog, kinds).items()
        for record in records
    ]
    return "".join(f"{line}\n" for line in lines)


def jsonl_record(kind: str, record: BaseModel, parent: dict[str, str]) -> dict[str, Any]:
    """One line's object: ``kind`` (the record type), the parent columns, then the record's own
    fields, nested records by id and a clashing field name prefixed with the kind."""
    data: dict[str, Any] = {"kind": kind, **parent}
    for name, value in to_data(record).items():
        key = name if name not in data else f"{registry.table_name(kind)}_{name}"
        nested = getattr(record, name, None)
        if isinstance(nested, list) and nested and isinstance(nested[0], BaseModel):
            data[key] = [record_id(n) for n in nested]
        else:
            data[key] = value
    return data
