"""The one JSON serialiser: results and records as plain data, and as JSON text.

Every output that carries records - ``--json``, the JSON, JSON Lines and YAML exports, the cache -
goes through :func:`to_data`, so they agree by construction. Records are walked field by field
(never through ``model_dump``) so that writing a result never builds pydantic's serialisers, and a
record's own fields come first, its provenance (``source``, ``curated``) last.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from pydantic import BaseModel

PROVENANCE = ("source", "curated")

# json.dumps escapes C0 controls itself; C1 controls, DEL and the Unicode line separators would
# otherwise pass through raw (ensure_ascii=False keeps the rest of the text readable).
_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029]")


@functools.cache
def field_names(model: type[BaseModel]) -> tuple[str, ...]:
    """A model's fields in output order: its own first, provenance last (worked out once per
    model: a JSON result walks thousands of records)."""
    names: Iterable[str] = model.model_fields
    return (*(n for n in names if n not in PROVENANCE), *(n for n in PROVENANCE if n in names))


def to_data(value: Any, *, defaults: bool = True) -> Any:
    """Results and records as JSON-ready data: keys are field names, in field order.

    ``defaults=False`` leaves out fields that hold their default (the data files' own layout).
    """
    if isinstance(value, BaseModel):
        return _record(value, defaults)
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named-tuple result
        return {name: to_data(getattr(value, name), defaults=defaults) for name in value._fields}
    if isinstance(value, Mapping):
        return {str(k): to_data(v, defaults=defaults) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [to_data(v, defaults=defaults) for v in value]
    return value


def _record(record: BaseModel, defaults: bool) -> dict[str, Any]:
    fields = type(record).model_fields
    out = {}
    for name in field_names(type(record)):
        value = getattr(record, name)
        if not defaults and value == fields[name].get_default(call_default_factory=True):
            continue
        out[name] = to_data(value, defaults=defaults)
    return out


def dumps(value: Any, *, indent: int | None = 2) -> str:
    """JSON text (``indent=None``: one line, for JSON Lines)."""
    text = json.dumps(to_data(value), ensure_ascii=False, indent=indent)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def dumps_line(value: Any) -> str:
    """One JSON value on one line (JSON Lines): readable text, but no character that a line
    splitter (``str.splitlines``, editors) would take for a line break."""
    text = json.dumps(to_data(value), ensure_ascii=False)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)
