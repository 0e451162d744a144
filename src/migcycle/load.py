"""Read the data directory into a validated :class:`~migcycle.models.Catalog`.

This is the only module that touches YAML.  Files are parsed from libyaml's event stream
(``CSafeLoader`` when available) by a small iterative builder, which lets us refuse what a data
file never needs - duplicate keys, non-string keys, merge keys, custom tags, a second document -
and bound what could hurt - file size, nesting depth, alias expansion - before anything reaches
pydantic.  The common path keeps no positions; when validation fails the files are read once
more with positions so every problem is reported as ``file:line:col: message``.
"""

from __future__ import annotations

import contextlib
import functools
import gc
import types
import typing
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from pydantic import BaseModel, ValidationError

from migcycle import __version__, cache
from migcycle.models import (
    Catalog,
    Cycle,
    Frameworks,
    IntegrityError,
    Layer,
    Problem,
    Seminar,
    did_you_mean,
    dotted,
)

if TYPE_CHECKING:
    import yaml

# yaml is imported where it is used: a command answered from the cache never parses YAML.

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest data file accepted. Bigger datasets split their records over several files."""
MAX_DEPTH = 64
"""Deepest nesting of mappings and sequences accepted (the bundled data uses 9)."""
MIN_ALIAS_BUDGET = 1000
"""Aliases may add at most this many nodes, or as many as the file itself holds if more."""

FILES = {"cycle": "cycle.yaml", "seminar": "seminar.yaml", "frameworks": "frameworks.yaml"}

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
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


@functools.cache
def _constructor() -> Any:
    import yaml

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


class DataError(Exception):
    """Invalid data; ``problems`` holds one ``file:line:col: message`` line per problem."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


class _YamlProblem(Exception):
    def __init__(self, mark: Any, message: str) -> None:
        super().__init__(message)
        self.mark = mark
        self.message = message


# --- locating the data ---------------------------------------------------------------------------


def bundled_data_dir() -> Path:
    """The data shipped in the wheel, or the repository's ``data/`` for an editable install."""
    packaged = resources.files("migcycle") / "data"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "data"


def bundled_schema_dir() -> Path:
    packaged = resources.files("migcycle") / "schema"
    if packaged.is_dir():
        return Path(str(packaged))
    return Path(__file__).resolve().parents[2] / "schema"


# --- reading one file ----------------------------------------------------------------------------


def read_bytes(path: Path, display: str) -> bytes:
    """The file's bytes, refusing a file over the size bound and anything but a regular file:
    a FIFO never blocks, a device like /dev/zero never fills memory."""
    from migcycle import safe_io

    try:
        return safe_io.read_bounded(path, MAX_FILE_BYTES, display)
    except safe_io.TooLarge as err:
        raise DataError([f"{err}; split its records over several files"]) from None
    except safe_io.FileError as err:
        raise DataError([str(err)]) from None


def decode(raw: bytes, display: str) -> str:
    """The text of a data file, refusing what is not UTF-8."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        line = raw.count(b"\n", 0, err.start) + 1
        column = err.start - (raw.rfind(b"\n", 0, err.start) + 1) + 1
        raise DataError(
            [
                f"{display}:{line}:{column}: not UTF-8 text (byte 0x{raw[err.start]:02x}); "
                "save the file as UTF-8"
            ]
        ) from None
    return text.removeprefix("\ufeff")


def parse_yaml(text: str, display: str, *, locate: bool = False) -> tuple[Any, Loc | None]:
    """Parse one YAML document into plain Python values (and, if asked, their positions)."""
    if not text.strip():
        raise DataError([f"{display}:1:1: file is empty; expected a mapping of records"])
    import yaml

    parser = _parser_class()(text)
    try:
        return _build(parser, display, locate)
    except _YamlProblem as problem:
        raise DataError([f"{_position(problem.mark, display)}: {problem.message}"]) from None
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        what = err.problem or err.context or "invalid YAML"
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
    import yaml

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
        problem = f"{_short(value)} is not a real date ({err})"
    else:
        problem = f"cannot read {_short(value)} as {_KIND_OF_TAG.get(tag, tag)}"
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


def _build(parser: Any, display: str, locate: bool) -> tuple[Any, Loc | None]:  # noqa: PLR0915
    """Turn the event stream into values, iteratively (deep nesting cannot overflow the stack)."""
    import yaml

    stack: list[_Frame] = []
    anchors: dict[str, tuple[Any, Loc | None, int]] = {}
    nodes = 0
    expanded = 0
    documents = 0
    root: Any = None
    root_loc: Loc | None = None

    def place(value: Any, loc: Loc | None, mark: Any) -> None:
        nonlocal root, root_loc
        if not stack:
            root, root_loc = value, loc
            return
        top = stack[-1]
        if isinstance(top.value, list):
            top.value.append(value)
            if locate:
                assert top.loc is not None and loc is not None
                typing.cast(list[Loc], top.loc.children).append(loc)
        elif top.key is _NO_KEY:
            if not isinstance(value, str):
                raise _YamlProblem(mark, f"keys must be text, not {_describe_key(value)}")
            if value in top.value:
                raise _YamlProblem(mark, f"duplicate key {value!r} in this mapping")
            top.key, top.key_mark = value, mark
        else:
            top.value[top.key] = value
            if locate:
                assert top.loc is not None and loc is not None
                typing.cast(dict[str, Loc], top.loc.children)[top.key] = loc
                top.loc.key_at[top.key] = _position(top.key_mark, display)
            top.key = _NO_KEY

    while True:
        event = parser.get_event()
        if isinstance(event, yaml.StreamEndEvent):
            break
        if isinstance(event, yaml.DocumentStartEvent):
            documents += 1
            if documents > 1:
                raise _YamlProblem(
                    event.start_mark,
                    "a second YAML document ('---') is not allowed; one file holds one mapping",
                )
            continue
        if isinstance(event, yaml.ScalarEvent):
            nodes += 1
            value = _scalar(event, parser)
            loc = Loc(_position(event.start_mark, display)) if locate else None
            if event.anchor:
                anchors[event.anchor] = (value, loc, 1)
            place(value, loc, event.start_mark)
        elif isinstance(event, (yaml.MappingStartEvent, yaml.SequenceStartEvent)):
            nodes += 1
            if len(stack) >= MAX_DEPTH:
                raise _YamlProblem(event.start_mark, f"nesting deeper than {MAX_DEPTH} levels")
            if event.tag not in (None, "!", "tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
                raise _YamlProblem(
                    event.start_mark, f"tag {event.tag!r} is not allowed in data files"
                )
            is_map = isinstance(event, yaml.MappingStartEvent)
            loc = None
            if locate:
                loc = Loc(_position(event.start_mark, display), {} if is_map else [])
            stack.append(
                _Frame({} if is_map else [], event.start_mark, event.anchor, nodes + expanded, loc)
            )
        elif isinstance(event, (yaml.MappingEndEvent, yaml.SequenceEndEvent)):
            frame = stack.pop()
            if frame.anchor:
                anchors[frame.anchor] = (
                    frame.value,
                    frame.loc,
                    nodes + expanded - frame.counter + 1,
                )
            place(frame.value, frame.loc, frame.mark)
        elif isinstance(event, yaml.AliasEvent):
            if event.anchor not in anchors:
                raise _YamlProblem(event.start_mark, f"alias *{event.anchor} names no anchor")
            value, loc, size = anchors[event.anchor]
            expanded += size
            if expanded > max(MIN_ALIAS_BUDGET, nodes):
                raise _YamlProblem(
                    event.start_mark,
                    "aliases expand to more nodes than the file holds; "
                    "write the records out instead",
                )
            place(value, loc, event.start_mark)
    if documents == 0 or root is None:
        raise _YamlProblem(None, "file holds no data; expected a mapping of records")
    return root, root_loc


# --- reading a directory -------------------------------------------------------------------------


def _display(path: Path) -> str:
    try:
        return str(path.relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def data_sources(data_dir: Path | None = None) -> list[tuple[str | None, Path]]:
    """Every file the catalog is read from, as (catalog part, path); the part is None for an
    extension. A user directory's cycle.yaml, seminar.yaml or frameworks.yaml replaces the
    bundled one; any other ``*.yaml`` in it adds records."""
    bundled = bundled_data_dir()
    sources: list[tuple[str | None, Path]] = []
    for part, name in FILES.items():
        own = data_dir / name if data_dir is not None else None
        sources.append((part, own if own is not None and own.exists() else bundled / name))
    if data_dir is not None and data_dir.resolve() != bundled.resolve():
        extras = sorted(p for p in data_dir.iterdir() if p.suffix in (".yaml", ".yml"))
        sources += [(None, p) for p in extras if p.name not in FILES.values()]
    return sources


def _mapping(raw: bytes, display: str, locate: bool) -> tuple[dict[str, Any], Loc | None]:
    value, loc = parse_yaml(decode(raw, display), display, locate=locate)
    if not isinstance(value, dict):
        kind = type(value).__name__
        raise DataError(
            [f"{display}:1:1: expected a mapping of records at the top level, got {kind}"]
        )
    return value, loc


PART_FIELDS = {
    "cycle": set(Cycle.model_fields),
    "seminar": set(Seminar.model_fields),
    "frameworks": set(Frameworks.model_fields),
}


def _layout(value: dict[str, Any], display: str) -> str:
    """Which data file an extension extends: its ``layout:`` key, or the only one its keys fit."""
    declared = value.pop("layout", None)
    if declared is not None:
        if declared not in FILES:
            choices = ", ".join(FILES)
            raise DataError([f"{display}:1:1: layout must be one of {choices}, not {declared!r}"])
        return str(declared)
    keys = set(value)
    fits = [part for part, fields in PART_FIELDS.items() if keys and keys <= fields]
    if len(fits) == 1:
        return fits[0]
    raise DataError(
        [
            f"{display}:1:1: cannot tell which data file this extends (its keys: "
            f"{', '.join(sorted(keys)) or 'none'}); add a line `layout: cycle` "
            "(or seminar, frameworks)"
        ]
    )


def _extend(
    base: dict[str, Any],
    base_loc: Loc | None,
    extra: dict[str, Any],
    extra_loc: Loc | None,
    display: str,
) -> None:
    """Append an extension's records to the lists of the file it extends."""
    for key, value in extra.items():
        if key == "document":
            raise DataError(
                [
                    f"{display}:1:1: an extension adds records and cannot set `document`; to "
                    "change the document's metadata, copy the data file into your directory"
                ]
            )
        if not isinstance(value, list) or not isinstance(base.get(key, []), list):
            raise DataError([f"{display}:1:1: {key!r} must be a list of records to add"])
        base[key] = [*base.get(key, []), *value]
        if base_loc is not None and extra_loc is not None:
            assert isinstance(base_loc.children, dict) and isinstance(extra_loc.children, dict)
            added = extra_loc.children[key]
            target = base_loc.children.setdefault(key, Loc(added.at, []))
            assert isinstance(target.children, list) and isinstance(added.children, list)
            target.children.extend(added.children)


DataFile = tuple[str | None, Path, bytes]
"""(catalog part, or None for an extension; path; content)."""


def read_files(data_dir: Path | None = None) -> list[DataFile]:
    """The bytes of every data file, read once; problems from all files together."""
    files: list[DataFile] = []
    problems: list[str] = []
    for part, path in data_sources(data_dir):
        try:
            files.append((part, path, read_bytes(path, _display(path))))
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return files


def read_raw(
    files: list[DataFile], *, locate: bool = False
) -> tuple[dict[str, Any], dict[str, Loc]]:
    """Every data file's plain values, keyed by catalog part, extensions merged in.

    Problems from every file are collected and reported together.
    """
    raw: dict[str, Any] = {}
    locs: dict[str, Loc] = {}
    extensions: list[tuple[Path, dict[str, Any], Loc | None]] = []
    problems: list[str] = []
    for part, path, content in files:
        try:
            value, loc = _mapping(content, _display(path), locate)
        except DataError as err:
            problems.extend(err.problems)
            continue
        if part is None:
            extensions.append((path, value, loc))
            continue
        raw[part] = value
        if loc is not None:
            locs[part] = loc
    for path, value, loc in extensions:
        display = _display(path)
        try:
            part = _layout(value, display)
            if part in raw:
                _extend(raw[part], locs.get(part), value, loc, display)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return raw, locs


def load_catalog(data_dir: Path | None = None, *, use_cache: bool = True) -> Catalog:
    """The bundled data, overlaid with a user's directory if given: read, parsed, validated.

    A validated catalog is cached under the content hash of every file it was read from, so an
    unchanged dataset skips parsing and validation; any edit changes the hash.
    """
    files = read_files(data_dir)
    key = fingerprint(files)
    if use_cache and (cached := cache.get(key)) is not None:
        return cached
    with _collector_paused():
        raw, _ = read_raw(files)
        try:
            catalog = Catalog.model_validate(raw)
        except ValidationError as err:
            _, locs = read_raw(files, locate=True)
            raise DataError(_explain(err, locs)) from None
    if use_cache:
        cache.put(key, catalog)
    return catalog


@contextlib.contextmanager
def _collector_paused() -> Iterator[None]:
    """Building the catalog allocates millions of objects and frees none of them: the cyclic
    garbage collector would rescan the growing heap again and again for nothing, which makes
    loading grow faster than the data. Reference counting still frees what is dropped."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def fingerprint(files: list[DataFile]) -> str:
    """A hash of what the catalog is built from: every file's role and bytes, and the code."""
    import hashlib
    import sys

    import pydantic

    digest = hashlib.sha256(f"{__version__} {sys.version} {pydantic.VERSION}".encode())
    for part, path, content in files:
        digest.update(f"\0{part}\0{path.name}\0{len(content)}\0".encode())
        digest.update(content)
    return digest.hexdigest()


def load_layer(path: Path, catalog: Catalog) -> Layer:
    """A layer file, read with the data files' rules and checked against the catalog."""
    from migcycle.layers import problems

    display = _display(path)
    raw = read_bytes(path, display)
    value, _ = _mapping(raw, display, False)
    locate = functools.partial(_layer_locations, raw, display)
    try:
        layer = Layer.model_validate(value)
    except ValidationError as err:
        raise DataError(_explain(err, locate(), Layer, "layer")) from None
    found = problems(layer, catalog)
    if found:
        raise DataError(_explain_problems(found, locate()))
    return layer


def _layer_locations(raw: bytes, display: str) -> dict[str, Loc]:
    _, loc = _mapping(raw, display, True)
    assert loc is not None
    return {"layer": loc}


# --- explaining validation errors ----------------------------------------------------------------


def _explain_problems(problems: list[Problem], locs: dict[str, Loc]) -> list[str]:
    lines = []
    for problem in problems:
        message = problem.message
        if problem.other is not None:
            message += f" (first defined at {_locate(problem.other, locs)})"
        lines.append(f"{_locate(problem.path, locs)}: {dotted(problem.path)}: {message}")
    return lines


def _explain(
    err: ValidationError, locs: dict[str, Loc], root: type[BaseModel] = Catalog, part: str = ""
) -> list[str]:
    """One ``file:line:col: field: message`` line per error; ``part`` names the file that holds
    a model validated on its own (a layer)."""
    lines: list[str] = []
    for error in err.errors(include_url=False):
        ctx = error.get("ctx") or {}
        integrity = ctx.get("error")
        if error["type"] == "value_error" and isinstance(integrity, IntegrityError):
            lines += _explain_problems(integrity.problems, locs)
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
    return f"{error['msg']} (got {_short(value)})"


def _short(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 60 else text[:57] + "..."


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


def data_fingerprint(data_dir: Path | None = None) -> str:
    """A short content hash of the data files: the data version shown by ``--version``."""
    return fingerprint(read_files(data_dir))[:12]


# --- writing YAML --------------------------------------------------------------------------------


@functools.cache
def _dumper() -> type[Any]:
    """Block style like the data files: sources and short lists of ids on one line."""
    import yaml

    class Dumper(yaml.SafeDumper):
        def increase_indent(self, flow: bool = False, indentless: bool = False) -> None:
            super().increase_indent(flow, False)

        def choose_scalar_style(self) -> str:
            style: str = super().choose_scalar_style()
            return '"' if style == "'" else style

    def represent_dict(dumper: Dumper, data: dict[str, Any]) -> yaml.Node:
        flow = set(data) == {"document", "locator"}
        return dumper.represent_mapping("tag:yaml.org,2002:map", data.items(), flow_style=flow)

    def represent_list(dumper: Dumper, data: list[Any]) -> yaml.Node:
        short = all(isinstance(v, str) and v and not set(v) & set(",[]{}:#'\"") for v in data)
        flow = short and sum(len(v) + 2 for v in data) < 90
        return dumper.represent_sequence("tag:yaml.org,2002:seq", data, flow_style=flow)

    Dumper.add_representer(dict, represent_dict)
    Dumper.add_representer(list, represent_list)
    return Dumper


def dump_yaml(value: Any) -> str:
    import yaml

    return yaml.dump(
        value, Dumper=_dumper(), sort_keys=False, allow_unicode=True, width=10**9,
        default_flow_style=False,
    )  # fmt: skip


def data_file_texts(catalog: Catalog) -> dict[str, str]:
    """The catalog re-emitted in the data files' own layout, one text per file name."""
    schema_dir = bundled_schema_dir()
    texts = {}
    for part, name in FILES.items():
        model = getattr(catalog, part)
        header = f"# yaml-language-server: $schema={schema_dir / f'{part}.schema.json'}\n"
        texts[name] = header + dump_yaml(model.model_dump(mode="json", exclude_defaults=True))
    return texts
