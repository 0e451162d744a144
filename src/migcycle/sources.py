"""Where the data comes from: the bundled files, a user's directory laid over them, read with
bounds and merged into plain values (one mapping per catalog part)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import TYPE_CHECKING, Any

from migcycle.errors import DataError
from migcycle.models import Cycle, Frameworks, Seminar

if TYPE_CHECKING:
    from migcycle.yamlio import Loc

# yamlio (and so yaml) is imported where it is used: a command answered from the cache never
# parses YAML.

MAX_FILE_BYTES = 8 * 1024 * 1024
"""Largest data file accepted. Bigger datasets split their records over several files."""

FILES = {"cycle": "cycle.yaml", "seminar": "seminar.yaml", "frameworks": "frameworks.yaml"}


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


def display_path(path: Path) -> str:
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
        extras = sorted(
            p
            for p in data_dir.iterdir()
            if p.suffix in (".yaml", ".yml") and not p.name.startswith(".")  # editors' lock files
        )
        sources += [(None, p) for p in extras if p.name not in FILES.values()]
    return sources


def mapping(raw: bytes, display: str, locate: bool) -> tuple[dict[str, Any], Loc | None]:
    from migcycle.yamlio import parse_yaml

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
            from migcycle.yamlio import Loc

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
            files.append((part, path, read_bytes(path, display_path(path))))
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
            value, loc = mapping(content, display_path(path), locate)
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
        display = display_path(path)
        try:
            part = _layout(value, display)
            if part in raw:
                _extend(raw[part], locs.get(part), value, loc, display)
        except DataError as err:
            problems.extend(err.problems)
    if problems:
        raise DataError(problems)
    return raw, locs
