"""Write results to stdout as data: one JSON document, never through rich."""

from __future__ import annotations

import json
import re
import sys
from collections.abc import Mapping, Sequence
from typing import Any

from pydantic import BaseModel

# json.dumps escapes C0 controls itself; C1 controls, DEL and the Unicode line separators would
# otherwise pass through raw (ensure_ascii=False keeps the rest of the text readable).
_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029]")


def to_data(value: Any) -> Any:
    """Models become dicts keyed by field name (in field order); everything else stays as it is."""
    if isinstance(value, BaseModel):
        return value.model_dump(mode="json")
    if isinstance(value, Mapping):
        return {str(k): to_data(v) for k, v in value.items()}
    if isinstance(value, Sequence) and not isinstance(value, str):
        return [to_data(v) for v in value]
    return value


def dumps(value: Any) -> str:
    text = json.dumps(to_data(value), ensure_ascii=False, indent=2)
    return _UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def write_json(value: Any) -> None:
    """Serialise first, then write once: a failure never leaves half a document on stdout."""
    text = dumps(value) + "\n"
    sys.stdout.write(text)
    sys.stdout.flush()
