"""The one seam between a command's result and the world: stdout, or files, whole or not at all.

A view's result is written as one JSON document (never through rich) or handed to its typed
renderer; an export is an :data:`Artifact` - a text, a set of files, or a database - delivered to
stdout or to the path the user named, refusing to overwrite without ``--force``.
"""

from __future__ import annotations

import os
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar, assert_never

from migcycle.errors import UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class Destination:
    """Where an artifact goes: stdout when ``path`` is None; ``force`` allows overwriting."""

    path: Path | None = None
    force: bool = False

    def checked(self) -> Destination:
        """Refuse a bad file target before any work is done (stdout needs no check)."""
        if self.path is not None:
            new_file(self.path, self.force)
        return self


@dataclass(frozen=True, slots=True)
class Text:
    """One text: to stdout, or to one file."""

    text: str


@dataclass(frozen=True, slots=True)
class Files:
    """Several files by name: into a directory (created if its parent exists)."""

    files: dict[str, str]


@dataclass(frozen=True, slots=True)
class Database:
    """A file built by ``write(path)`` at a temporary path (a SQLite database)."""

    write: Callable[[Path], object]


Artifact = Text | Files | Database


def show(
    value: T, as_json: bool, draw: Callable[[T], RenderableType], *, wrap: bool = False
) -> None:
    """A view: JSON straight to stdout (rich is never imported), or drawn by its renderer.

    ``wrap`` leaves long lines to the terminal (text meant for copying, such as a citation).
    """
    if as_json:
        write_json(value)
        return
    from migcycle import render

    page(render.to_text(draw(value), soft_wrap=wrap))


_PAGING = {"allowed": True}


def allow_pager(allowed: bool) -> None:
    """``--no-pager`` turns the pager off for this run."""
    _PAGING["allowed"] = allowed


def pager_command() -> list[str] | None:
    """The pager to use, as git and gh choose it: ``$MIGCYCLE_PAGER``, else ``$PAGER``, else
    ``less -FRX``; none when stdout is not a terminal, with ``--no-pager``, when the variable is
    set empty, or when the program is not installed."""
    import shlex
    import shutil

    if not _PAGING["allowed"] or not sys.stdout.isatty():
        return None
    chosen = next((os.environ[v] for v in ("MIGCYCLE_PAGER", "PAGER") if v in os.environ), None)
    try:
        argv = shlex.split("less -FRX" if chosen is None else chosen)
    except ValueError:
        return None
    return argv if argv and shutil.which(argv[0]) else None


def page(text: str) -> None:
    """A view to stdout, through the pager when it is taller than the terminal."""
    import shutil
    import subprocess

    argv = pager_command()
    if argv is None or text.count("\n") < shutil.get_terminal_size().lines:
        write_stdout(text)
        return
    env = {**os.environ, "LESS": os.environ.get("LESS", "FRX")}
    try:
        pager = subprocess.Popen(argv, stdin=subprocess.PIPE, env=env)
    except OSError:  # the pager could not start: plain output instead
        write_stdout(text)
        return
    data = text.encode(sys.stdout.encoding or "utf-8", errors="replace")
    try:
        pager.communicate(data)  # a reader who quits early is no error
    except KeyboardInterrupt:  # Ctrl-C belongs to the pager while it runs
        pager.wait()


@dataclass(frozen=True, slots=True)
class Figures:
    """A grid view that may go to files instead of stdout: an SVG picture and a CSV table."""

    svg: Path | None
    csv: Path | None
    force: bool
    title: str

    def __post_init__(self) -> None:
        """Refuse a bad target before any work is done."""
        for path in (self.svg, self.csv):
            if path is not None:
                new_file(path, self.force)

    def show(
        self,
        value: T,
        as_json: bool,
        draw: Callable[[T], RenderableType],
        rows: list[dict[str, Any]],
        picture: Callable[[], str] | None = None,
    ) -> None:
        """The view to stdout, or (with --svg/--csv) into those files and nothing on stdout.

        ``picture`` draws the SVG itself (a report); without it the SVG is the terminal view."""
        svg, csv = self.svg, self.csv
        if svg is None and csv is None:
            show(value, as_json, draw)
            return
        if svg is not None and picture is not None:
            write_file(svg, picture())
        elif svg is not None:
            from migcycle import render

            write_file(svg, render.record_svg(draw(value), title=self.title))
        if csv is not None:
            from migcycle.export.tables import to_csv

            write_file(csv, to_csv(rows))


def write_json(value: Any) -> None:
    """Serialise first, then write once: a failure never leaves half a document on stdout."""
    from migcycle.serialise import dumps

    write_stdout(dumps(value) + "\n")


def warn(lines: list[str]) -> None:
    """Notes for the person at the terminal (stderr), never mixed into the data on stdout."""
    sys.stderr.write("".join(f"{line}\n" for line in lines))
    sys.stderr.flush()


def write_stdout(text: str) -> None:
    sys.stdout.write(text)
    sys.stdout.flush()


def deliver(artifact: Artifact, where: Destination) -> None:
    """Write an artifact to stdout or to the user's path."""
    match artifact:
        case Text(text):
            if where.path is None:
                write_stdout(text)
            else:
                write_file(new_file(where.path, where.force), text)
        case Files(files):
            if where.path is None:
                raise UsageError("several files need a directory: add --output DIR")
            paths = new_files(where.path, list(files), where.force)
            for name, text in files.items():
                write_file(paths[name], text)
        case Database(write):
            if where.path is None:
                raise UsageError("a database needs a file: add --output FILE")
            with atomic_path(new_file(where.path, where.force)) as temporary:
                write(temporary)
        case _:
            assert_never(artifact)


def new_file(path: Path, force: bool) -> Path:
    """An output file path: its directory must exist, and it is overwritten only with --force."""
    if path.is_dir():
        raise UsageError(f"{str(path)!r} is a directory; give a file name")
    if not path.parent.is_dir():
        raise UsageError(f"directory {str(path.parent)!r} does not exist")
    if path.exists() and not force:
        raise UsageError(f"{str(path)!r} already exists; add --force to overwrite it")
    return path


def new_files(directory: Path, names: list[str], force: bool) -> dict[str, Path]:
    """Output paths inside ``directory`` (created if its parent exists), none overwritten
    without --force."""
    if directory.exists() and not directory.is_dir():
        raise UsageError(f"{str(directory)!r} is not a directory")
    if not directory.exists():
        if not directory.parent.is_dir():
            raise UsageError(f"directory {str(directory.parent)!r} does not exist")
        directory.mkdir()
    paths = {name: directory / name for name in names}
    existing = [str(p) for p in paths.values() if p.exists()]
    if existing and not force:
        raise UsageError(f"{', '.join(existing)} already exist; add --force to overwrite")
    return paths


@contextmanager
def atomic_path(target: Path) -> Iterator[Path]:
    """A temporary path beside ``target`` that becomes ``target`` only if the block succeeds,
    so a failure never leaves a partial file where the user asked for one."""
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
