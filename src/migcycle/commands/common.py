"""What every command shares: the loaded catalog, argument types, completion, the renderers."""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TypeVar

import typer

from migcycle import output
from migcycle.errors import NotFound, UsageError, did_you_mean
from migcycle.listing import ListFormat

if TYPE_CHECKING:
    from pydantic import BaseModel
    from rich.console import RenderableType

    from migcycle import render
    from migcycle.models import Catalog
else:

    class _DeferredRender:
        """Stands in for :mod:`migcycle.render` until a renderer is called, so that a command
        answered with --json never imports rich. mypy sees the real module (above), so a
        misspelt renderer or a wrong argument fails type checking."""

        def __getattr__(self, name: str) -> Callable[..., Any]:
            def call(*args: Any, **kwargs: Any) -> Any:
                from migcycle import render as module

                return getattr(module, name)(*args, **kwargs)

            return call

    render = _DeferredRender()

__all__ = ["render"]


class State:
    """The root command's options, and the catalog once a command has loaded it."""

    __slots__ = ("_catalog", "data_dir")

    def __init__(self, data_dir: Path | None = None) -> None:
        self.data_dir = data_dir
        self._catalog: Catalog | None = None

    def catalog(self) -> Catalog:
        """The catalog, loaded once per command."""
        if self._catalog is None:
            from migcycle.load import load_catalog

            self._catalog = load_catalog(self.data_dir)
        return self._catalog


def state(ctx: typer.Context) -> State:
    found = ctx.find_root().obj
    assert isinstance(found, State)
    return found


def catalog(ctx: typer.Context) -> Catalog:
    return state(ctx).catalog()


def destination(ctx: typer.Context, path: Path | None, force: bool) -> output.Destination:
    """Where a command writes: the user's path (or stdout), never a data directory it reads."""
    from migcycle.sources import bundled_data_dir

    reading = (bundled_data_dir(), state(ctx).data_dir)
    return output.Destination(path, force, reading)


def data_dir_from_env() -> Path | None:
    value = os.environ.get("MIGCYCLE_DATA")
    return Path(value) if value else None


def checked_dir(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageError(f"{what} {str(path)!r} does not exist")
    if not path.is_dir():
        raise UsageError(f"{what} {str(path)!r} is not a directory")
    if not os.access(path, os.R_OK | os.X_OK):
        raise UsageError(f"{what} {str(path)!r} cannot be read")
    return path


def check_kinds(kinds: list[str]) -> None:
    """Every name a ``--kind`` option was given is a kind of record."""
    from migcycle.kinds import names

    known = names()
    for k in kinds:
        if k not in known:
            hint = did_you_mean(k, known, quote='"')
            raise NotFound(f'no kind "{k}"{hint} (kinds: {", ".join(known)})')


def stdin_text(limit: int) -> str:
    """Standard input as text, refusing more than ``limit`` bytes or what isn't UTF-8."""
    import sys

    data = sys.stdin.buffer.read(limit + 1)
    if len(data) > limit:
        raise UsageError(f"more than {limit // 1024} KiB of ids on stdin; cite fewer")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageError("the ids on stdin are not UTF-8 text") from None


def complete(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Shell completion for names of ``kind`` (it reads the data, so it honours --data)."""

    def names(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from migcycle.load import load_catalog
        from migcycle.query import completions

        data = ctx.find_root().params.get("data") or data_dir_from_env()
        try:
            return completions(load_catalog(Path(data) if data else None), kind, incomplete)
        except Exception:  # completion must never print a traceback into the shell
            return []

    return names


JsonOption = Annotated[
    bool, typer.Option("--json", help="Write one JSON document to stdout instead of a table.")
]
ForceOption = Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="FILE", help="File to write (stdout if omitted)."),
]
StageArg = Annotated[
    list[str],
    typer.Argument(
        metavar="STAGE",
        help="Stage number, id, name, alias or unique prefix (3, arrival, long-term, return).",
        autocompletion=complete("stage"),
        show_default=False,
    ),
]
ActorArg = Annotated[
    list[str],
    typer.Argument(
        metavar="ACTOR",
        help="Actor type id, name, alias or unique prefix (finance, recruitment, media).",
        autocompletion=complete("actor"),
        show_default=False,
    ),
]
SectorArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SECTOR",
        help="Sector id, name, alias or unique prefix (financial-services, information).",
        autocompletion=complete("sector"),
        show_default=False,
    ),
]
SessionArg = Annotated[
    list[str],
    typer.Argument(
        metavar="SESSION",
        help="Session number (2-10: the report's sections), or a unique prefix of its title.",
        autocompletion=complete("session"),
        show_default=False,
    ),
]
LayerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--layer",
        "-l",
        metavar="FILE",
        help="A portfolio layer file to show over the grid (repeat to combine several).",
        exists=False,
        dir_okay=False,
    ),
]


R = TypeVar("R", bound="BaseModel")


def emit_list(
    found: Catalog,
    kind: str,
    records: Sequence[R],
    fmt: ListFormat,
    draw: Callable[[Sequence[R]], RenderableType],
) -> None:
    """A list view to stdout in ``fmt``: a table, JSON, JSON Lines, CSV or Markdown."""
    from migcycle import output
    from migcycle.listing import as_text

    if fmt in (ListFormat.table, ListFormat.json):
        output.show(records, fmt is ListFormat.json, draw)
    else:
        output.write_stdout(as_text(found, kind, records, fmt))


def _filter(name: str, what: str, kind: str = "") -> Any:
    return typer.Option(
        f"--{name}",
        metavar=name.upper() if name != "gcm" else "OBJECTIVE",
        help=f"Only those linked to this {what}.",
        autocompletion=complete(kind) if kind else None,
        show_default=False,
    )


ThemeFilter = Annotated[
    list[str] | None,
    typer.Option(
        "--theme",
        "-t",
        metavar="THEME",
        help="Only those with this theme (repeat for any of several).",
        autocompletion=complete("theme"),
        show_default=False,
    ),
]
SessionFilter = Annotated[
    str | None,
    typer.Option(
        "--session",
        "-s",
        metavar="SESSION",
        help="Only this session's (2-10: the report's sections).",
        autocompletion=complete("session"),
        show_default=False,
    ),
]
StageFilter = Annotated[str | None, _filter("stage", "stage", "stage")]
ActorFilter = Annotated[str | None, _filter("actor", "actor type", "actor")]
SectorFilter = Annotated[str | None, _filter("sector", "sector", "sector")]
GcmFilter = Annotated[str | None, _filter("gcm", "GCM objective (20, gcm-20, remittances)")]
FormatOption = Annotated[
    ListFormat | None,
    typer.Option(
        "--format",
        "-f",
        metavar="FORMAT",
        help="table, json, jsonl, csv or markdown (--json is short for --format json).",
        show_default=False,
    ),
]


QuietOption = Annotated[
    bool, typer.Option("--quiet", "-q", help="Say nothing on stderr about what was written.")
]


def deliver(artifact: output.Artifact, where: output.Destination, quiet: bool = False) -> None:
    """Write an export, then say on stderr what was written (unless ``quiet``)."""
    output.deliver(artifact, where)
    if where.path is not None and not quiet:
        output.warn([f"wrote {written(artifact, where.path)}"])


def written(artifact: output.Artifact, path: Path) -> str:
    """``migcycle.db (59 tables)``, ``questions.csv (26 lines)``, ``3 files in schema/``."""
    if isinstance(artifact, output.Files):
        return f"{_plural(len(artifact.files), 'file')} in {path}"
    if isinstance(artifact, output.Text):
        return f"{path} ({_plural(artifact.text.count(chr(10)), 'line')})"
    import sqlite3
    from contextlib import closing

    with closing(sqlite3.connect(f"file:{path}?mode=ro", uri=True)) as db:
        rows = db.execute("SELECT name, sql FROM sqlite_master WHERE type = 'table'").fetchall()
    indexes = [name for name, sql in rows if str(sql).startswith("CREATE VIRTUAL")]
    shadow = [n for n, _ in rows if any(n.startswith(f"{i}_") for i in indexes)]
    tables = len(rows) - len(indexes) - len(shadow)
    return f"{path} ({_plural(tables, 'table')}, {_plural(len(indexes), 'full-text index')})"


def _plural(n: int, noun: str) -> str:
    return f"{n} {noun}{'' if n == 1 else 'es' if noun.endswith('x') else 's'}"


def words(typed: list[str]) -> str:
    """A name typed as several words without quotes (`stage long term`) as one name."""
    return " ".join(typed)
