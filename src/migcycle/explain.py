"""Validation errors explained as ``file:line:col: field: message`` lines a person can act on."""

from __future__ import annotations

import types
import typing
from typing import Any

from pydantic import BaseModel, ValidationError

from migcycle.errors import did_you_mean, shorten
from migcycle.integrity import IntegrityError
from migcycle.models import Catalog, Path, Problem
from migcycle.sources import FILES
from migcycle.yamlio import Loc, Position


def dotted(path: Path) -> str:
    """``("seminar", "sessions", 2, "id")`` -> ``sessions[2].id`` (the file names the part)."""
    out = ""
    for part in path[1:]:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).isidentifier():
            out += f"[{str(part)!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


def explain_problems(problems: list[Problem], locs: dict[str, Loc]) -> list[str]:
    lines = []
    for problem in problems:
        message = problem.message
        if problem.other is not None:
            message += f" (first defined at {_locate(problem.other, locs)})"
        lines.append(f"{_locate(problem.path, locs)}: {dotted(problem.path)}: {message}")
    return lines


def explain(
    err: ValidationError, locs: dict[str, Loc], root: type[BaseModel] = Catalog, part: str = ""
) -> list[str]:
    """One ``file:line:col: field: message`` line per error; ``part`` names the file that holds
    a model validated on its own (a layer)."""
    lines: list[str] = []
    for error in err.errors(include_url=False):
        ctx = error.get("ctx") or {}
        integrity = ctx.get("error")
        if error["type"] == "value_error" and isinstance(integrity, IntegrityError):
            lines += explain_problems(integrity.problems, locs)
            continue
        path = (part, *error["loc"]) if part else tuple(error["loc"])
        at_key = error["type"] == "extra_forbidden"
        message = _message(error, path[1:] if part else path, root)
        lines.append(f"{_locate(path, locs, at_key)}: {dotted(path)}: {message}")
    return lines


def _locate(path: tuple[Any, ...], locs: dict[str, Loc], at_key: bool = False) -> Position:
    """The position of the value at ``path`` (or of its key), else of its nearest ancestor."""
    if not path or path[0] not in locs:
        return Position(FILES.get(str(path[0]) if path else "", "data"), 1, 1)
    loc = locs[str(path[0])]
    for depth, part in enumerate(path[1:], start=1):
        children = loc.children
        if isinstance(children, dict) and isinstance(part, str):
            if at_key and depth == len(path) - 1 and part in loc.key_at:
                return loc.key_at[part]
            if part in children:
                loc = children[part]
                continue
        elif isinstance(children, list) and isinstance(part, int) and 0 <= part < len(children):
            loc = children[part]
            continue
        break
    return loc.at


def _message(error: Any, path: tuple[Any, ...], root: type[BaseModel]) -> str:
    kind, value = error["type"], error.get("input")
    if kind == "missing":
        return f"missing required field {path[-1]!r}"
    if kind == "extra_forbidden":
        fields = _fields_at(path[:-1], root)
        suggestion = did_you_mean(str(path[-1]), fields)
        return f"unknown field {path[-1]!r}{suggestion} (allowed: {', '.join(fields)})"
    if kind == "string_type" and isinstance(value, bool):
        return (
            f"expected text, got the boolean {value} - YAML reads unquoted "
            "yes/no/on/off/true/false as booleans; put the text in quotes"
        )
    if kind == "string_type" and isinstance(value, (int, float)):
        return f'expected text, got the number {value!r}; put it in quotes ("{value}")'
    if kind == "string_pattern_mismatch" and "a-z0-9" in str(
        error.get("ctx", {}).get("pattern", "")
    ):
        return f"{value!r} is not a valid id: use lowercase words joined by dashes"
    if kind == "colour":
        return f"{value!r} is {error['msg']}"
    return f"{error['msg']} (got {shorten(value)})"


def _fields_at(path: tuple[Any, ...], root: type[BaseModel]) -> list[str]:
    """The field names of the model that sits at ``path`` in the catalog."""
    model: Any = root
    for part in path:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(part) if _is_model(model) else None
        if info is None:
            return []
        model = _unwrap(info.annotation)
    return list(model.model_fields) if _is_model(model) else []


def _unwrap(annotation: Any) -> Any:
    """``list[X]`` / ``X | None`` -> ``X``."""
    while True:
        args = typing.get_args(annotation)
        origin = typing.get_origin(annotation)
        if origin is list and args:
            annotation = args[0]
        elif origin in (typing.Union, types.UnionType):
            annotation = next(a for a in args if a is not type(None))
        else:
            return annotation


def _is_model(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, BaseModel)
