"""YAML in and out: the only module that imports ``yaml``.

Files are parsed from libyaml's event stream (``CSafeLoader`` when available) by a small
iterative builder, which lets us refuse what a data file never needs - duplicate keys, non-string
keys, merge keys, custom tags, a second document - and bound what could hurt - nesting depth,
alias expansion - before anything reaches pydantic. Positions are kept only when asked for (the
error path), so the common path stays fast.
"""

from __future__ import annotations

import functools
import typing
from dataclasses import dataclass, field
from typing import Any

import yaml

from migcycle.errors import DataError, shorten

MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted (the bundled data uses 9)."""

MIN_ALIAS_BUDGET = 1000
"""Aliases may add at most this many nodes, or as many as the file itself holds if more."""

_BUILTIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@functools.cache
def _parser_class() -> type[Any]:
    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _constructor() -> Any:
    return yaml.constructor.SafeConstructor()


@dataclass(frozen=True, slots=True)
class Position:
    file: str
    line: int
    column: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}"


@dataclass(slots=True)
class Loc:
    """Where a value sits in its file, mirrored for each child (read only on the error path)."""

    at: Position
    children: dict[str, Loc] | list[Loc] | None = None
    key_at: dict[str, Position] = field(default_factory=dict)


class _YamlProblem(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


# --- locating the data ---------------------------------------------------------------------------


def parse_yaml(text: str, display: str, *, locate: bool = False) -> tuple[Any, Loc | None]:
    """Parse one YAML document into plain Python values (and, if asked, their positions)."""
    if not text.strip():
        raise DataError([f"{display}:1:1: file is empty; expected a mapping of records"])
    parser = _parser_class()(text)
    try:
        return _build(parser, display, locate)
    except _YamlProblem as problem:
        raise DataError([f"{_position(problem.mark, display)}: {problem.message}"]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "invalid YAML"
        if "maximum nesting depth" in what:  # newer libyaml scans ahead and stops first
            what = f"nesting deeper than {MAX_DEPTH} levels"
        if mark is not None and _char_at(text, mark.line, mark.column) == "\t":
            what += " (a tab: YAML indents with spaces only)"
        raise DataError([f"{_position(mark, display)}: {what}"]) from None
    except yaml.YAMLError as err:  # pragma: no cover - unmarked libyaml errors are rare
        raise DataError([f"{display}:1:1: {err}"]) from None
    finally:
        parser.dispose()


def _char_at(text: str, line: int, column: int) -> str:
    lines = text.split("\n")
    return lines[line][column : column + 1] if line < len(lines) else ""


def _position(mark: Any, display: str) -> Position:
    if mark is None:
        return Position(display, 1, 1)
    return Position(display, mark.line + 1, mark.column + 1)


def _scalar(event: yaml.ScalarEvent, parser: Any) -> Any:
    tag = event.tag
    if tag is None or tag == "!":
        if tag == "!" or event.style:  # quoted or '!' -> string
            return event.value
        tag = parser.resolve(yaml.ScalarNode, event.value, event.implicit)
    if tag == "tag:yaml.org,2002:str":
        return event.value
    if tag == "tag:yaml.org,2002:merge":
        raise _YamlProblem(
            event.start_mark, "merge keys ('<<') are not supported; write the keys out"
        )
    if tag not in _BUILTIN_TAGS:
        raise _YamlProblem(event.start_mark, f"tag {tag!r} is not allowed in data files")
    constructor = _constructor()
    try:
        return constructor.yaml_constructors[tag](constructor, yaml.ScalarNode(tag, event.value))
    except (ValueError, KeyError, AttributeError, TypeError, OverflowError) as err:
        explicit = event.tag not in (None, "!")
        raise _YamlProblem(event.start_mark, _unreadable(tag, event.value, explicit, err)) from None


_KIND_OF_TAG = {
    "tag:yaml.org,2002:int": "an integer",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "a boolean (true or false)",
    "tag:yaml.org,2002:timestamp": "a date (YYYY-MM-DD)",
}


def _unreadable(tag: str, value: str, explicit: bool, err: Exception) -> str:
    """Why YAML could not build a scalar (``!!float abc``, ``2026-02-30``, an integer longer
    than Python reads), and what to do about it."""
    import sys

    digits = sum(c.isdigit() for c in value)
    if tag.endswith(":int") and digits > sys.get_int_max_str_digits() > 0:
        problem = f"an integer of {digits:,} digits is too long to read"
    elif tag.endswith(":timestamp") and isinstance(err, ValueError):
        problem = f"{shorten(value)} is not a real date ({err})"
    else:
        problem = f"cannot read {shorten(value)} as {_KIND_OF_TAG.get(tag, tag)}"
    if explicit:
        return f"{problem}; fix the value or remove its !!{tag.rsplit(':', 1)[-1]} tag"
    return f"{problem}; put it in quotes if it is text"


def _describe_key(key: Any) -> str:
    if isinstance(key, bool):
        return f"{key} (YAML reads unquoted yes/no/on/off as booleans; quote the key)"
    return repr(key)


class _Frame:
    __slots__ = ("anchor", "counter", "key", "key_mark", "loc", "mark", "value")

    def __init__(
        self, value: Any, mark: Any, anchor: str | None, counter: int, loc: Loc | None
    ) -> None:
        self.value = value
        self.mark = mark
        self.anchor = anchor
        self.counter = counter
        self.loc = loc
        self.key: Any = _NO_KEY
        self.key_mark: Any = None


_NO_KEY = object()


def _build(parser: Any, display: str, locate: bool) -> tuple[Any, Loc | None]:
    """Turn the event stream into values, iteratively (deep nesting cannot overflow the stack)."""
    builder = _Builder(parser, display, locate)
    while not isinstance(event := parser.get_event(), yaml.StreamEndEvent):
        builder.take(event)
    if builder.documents == 0 or builder.root is None:
        raise _YamlProblem(None, "file holds no data; expected a mapping of records")
    return builder.root, builder.root_loc


class _Builder:
    """The values under construction: a stack of open collections, the anchors seen so far and
    the counts that bound alias expansion."""

    def __init__(self, parser: Any, display: str, locate: bool) -> None:
        self.parser, self.display, self.locate = parser, display, locate
        self.stack: list[_Frame] = []
        self.anchors: dict[str, tuple[Any, Loc | None, int]] = {}
        self.nodes = self.expanded = self.documents = 0
        self.root: Any = None
        self.root_loc: Loc | None = None

    def take(self, event: Any) -> None:
        if isinstance(event, yaml.DocumentStartEvent):
            self.documents += 1
            if self.documents > 1:
                raise _YamlProblem(
                    event.start_mark,
                    "a second YAML document ('---') is not allowed; one file holds one mapping",
                )
        elif isinstance(event, yaml.ScalarEvent):
            self._scalar(event)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            self._open(event)
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            self._close()
        elif isinstance(event, yaml.AliasEvent):
            self._alias(event)

    def _loc(self, mark: Any, children: dict[str, Loc] | list[Loc] | None = None) -> Loc | None:
        return Loc(_position(mark, self.display), children) if self.locate else None

    def _scalar(self, event: yaml.ScalarEvent) -> None:
        self.nodes += 1
        value = _scalar(event, self.parser)
        loc = self._loc(event.start_mark)
        if event.anchor:
            self.anchors[event.anchor] = (value, loc, 1)
        self._place(value, loc, event.start_mark)

    def _open(self, event: yaml.MappingStartEvent | yaml.SequenceStartEvent) -> None:
        self.nodes += 1
        if len(self.stack) >= MAX_DEPTH:
            raise _YamlProblem(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
        if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            raise _YamlProblem(event.start_mark, f"tag {event.tag!r} is not allowed in data files")
        is_map = isinstance(event, yaml.MappingStartEvent)
        loc = self._loc(event.start_mark, {} if is_map else [])
        counter = self.nodes + self.expanded
        self.stack.append(
            _Frame({} if is_map else [], event.start_mark, event.anchor, counter, loc)
        )

    def _close(self) -> None:
        frame = self.stack.pop()
        if frame.anchor:
            size = self.nodes + self.expanded - frame.counter + 1
            self.anchors[frame.anchor] = (frame.value, frame.loc, size)
        self._place(frame.value, frame.loc, frame.mark)

    def _alias(self, event: yaml.AliasEvent) -> None:
        if event.anchor not in self.anchors:
            raise _YamlProblem(event.start_mark, f"alias *{event.anchor} names no anchor")
        value, loc, size = self.anchors[event.anchor]
        self.expanded += size
        if self.expanded > max(MIN_ALIAS_BUDGET, self.nodes):
            raise _YamlProblem(
                event.start_mark,
                "aliases expand to more nodes than the file holds; write the records out instead",
            )
        self._place(value, loc, event.start_mark)

    def _place(self, value: Any, loc: Loc | None, mark: Any) -> None:
        if not self.stack:
            self.root, self.root_loc = value, loc
            return
        top = self.stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            if loc is not None:
                typing.cast(list[Loc], typing.cast(Loc, top.loc).children).append(loc)
        elif top.key is _NO_KEY:
            if not isinstance(value, str):
                raise _YamlProblem(mark, f"keys must be text, not {_describe_key(value)}")
            if value in top.value:
                raise _YamlProblem(mark, f"duplicate key {value!r} in this mapping")
            top.key, top.key_mark = value, mark
        else:
            top.value[top.key] = value
            if loc is not None:
                parent = typing.cast(Loc, top.loc)
                typing.cast(dict[str, Loc], parent.children)[top.key] = loc
                parent.key_at[top.key] = _position(top.key_mark, self.display)
            top.key = _NO_KEY


@functools.cache
def _dumper() -> type[Any]:
    """Block style like the data files: sources, reasons and short lists of ids on one line."""

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

        def choose_scalar_style(self) -> str:
            style: str = super().choose_scalar_style()
            return '"' if style == "'" else style

    def represent_dict(dumper: Dumper, data: dict[str, Any]) -> yaml.Node:
        flow = set(data) == {"document", "locator"} or (
            bool(data) and set(data) <= {"why", "basis"}
        )
        return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)

    def represent_list(dumper: Dumper, data: list[Any]) -> yaml.Node:
        short = all(isinstance(v, str) and v and not set(v) & set(",[]{}:#'\"") for v in data)
        flow = short and sum(len(v) + 2 for v in data) < 90
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    Dumper.add_representer(dict, represent_dict)
    Dumper.add_representer(list, represent_list)
    return Dumper


def dump_yaml(value: Any) -> str:
    return yaml.dump(
        value, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=10**9,
        default_flow_style=False,
    )  # fmt: skip
