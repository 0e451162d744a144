"""Write results as data: one JSON document on stdout (never through rich), or files, atomically."""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from migcycle.models import PROVENANCE, Sourced

# json.dumps escapes C0 controls itself; C1 controls, DEL and the Unicode line separators would
# otherwise pass through raw (ensure_ascii=False keeps the rest of the text readable).
_UNSAFE = re.compile("[\u007f-\u009f\u2028\u2029]")


def to_data(value: Any) -> Any:
    """Results and records as JSON-ready data: keys are field names, in field order.

    Records are walked field by field rather than through ``model_dump`` so that writing a
    result never has to build pydantic's serialisers (the models defer building them).
    """
    if isinstance(value, BaseModel):
        names: Iterable[str] = type(value).model_fields
        if isinstance(value, Sourced):
            names = [*(n for n in names if n not in PROVENANCE), *PROVENANCE]
        return {name: to_data(getattr(value, name)) for name in names}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named-tuple result
        return {name: to_data(getattr(value, name)) for name in value._fields}
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


def write_text(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that becomes ``target`` only if the block succeeds,
    so a failure never leaves a partial file where the user asked for one."""
    import tempfile

    handle, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".part", dir=target.parent)
    os.close(handle)
    temporary = Path(name)
    temporary.unlink()
    try:
        yield temporary
        temporary.replace(target)
    finally:
        temporary.unlink(missing_ok=True)


def write_file(target: Path, text: str) -> None:
    with atomic_path(target) as temporary:
        temporary.write_text(text, encoding="utf-8", newline="")
