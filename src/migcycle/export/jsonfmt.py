"""The catalog as one JSON document, or as JSON Lines (one record per line, with its kind)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.export.tables import selected
from migcycle.models import Catalog, record_id
from migcycle.serialise import dumps, to_data


def to_json(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """The whole catalog as one document (or, with kinds, ``{kind: [records]}``)."""
    if not kinds:
        return dumps(catalog) + "\n"
    return dumps(selected(catalog, kinds)) + "\n"


def to_jsonl(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """One record per line, with its ``kind``; nested records appear on their own lines."""
    lines = []
    parents = registry.parents(catalog)
    for kind, records in selected(catalog, kinds).items():
        for record in records:
            data: dict[str, Any] = {"kind": kind, **parents.get((kind, record_id(record)), {})}
            for name, value in to_data(record).items():
                nested = getattr(record, name, None)
                if isinstance(nested, list) and nested and isinstance(nested[0], BaseModel):
                    data[name] = [record_id(n) for n in nested]
                else:
                    data[name] = value
            lines.append(json.dumps(data, ensure_ascii=False))
    return "".join(f"{line}\n" for line in lines)
