"""The one seam between a command's result and the world: stdout, or files, whole or not at all.

A view's result is written as one JSON document (never through rich) or handed to its typed
renderer; an export is an :data:`Artifact` - a text, a set of files, or a database - delivered to
stdout or to the path the user named, refusing to overwrite without ``--force``.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, assert_never

from migcycle.errors import EnvironmentFailure, UsageError

if TYPE_CHECKING:
    from rich.console import RenderableType

T = TypeVar("T")


class Destination(NamedTuple):
    """Where an artifact goes: stdout when ``path`` is None; ``force`` allows replacing a regular
    file; nothing is ever written into ``reading`` (the data directories the command reads).

    The small immutable values here are named tuples, not frozen dataclasses: every command
    imports this module, and a frozen dataclass costs about ten times as much to define."""

    path: Path | None = None
    force: bool = False
    reading: tuple[Path | None, ...] = ()

    def checked(self) -> Destination:
        """Refuse a bad file target before any work is done (stdout needs no check)."""
        if self.path is not None:
            new_file(self.path, self.force, self.reading)
        return self


class Text(NamedTuple):
    """One text: to stdout, or to one file."""

    text: str


class Files(NamedTuple):
    """Several files by name: into a directory (created if its parent exists)."""

    files: dict[str, str]


class Database(NamedTuple):
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


class Figures:
    """A grid view that may go to files instead of stdout: an SVG picture and a CSV table."""

    __slots__ = ("csv", "force", "reading", "svg", "title")

    def __init__(
        self,
        svg: Path | None,
        csv: Path | None,
        force: bool,
        title: str,
        reading: tuple[Path | None, ...] = (),
    ) -> None:
        """Refuse a bad target before any work is done, and one file asked for twice."""
        self.svg, self.csv, self.force, self.title, self.reading = svg, csv, force, title, reading
        if self.svg is not None and self.csv is not None and _same_file(self.svg, self.csv):
            raise UsageError("--svg and --csv name the same file; give each its own")
        for path in (self.svg, self.csv):
            if path is not None:
                new_file(path, self.force, self.reading)

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
        if self.svg is None and self.csv is None:
            show(value, as_json, draw)
            return
        if self.svg is not None:
            text = picture() if picture is not None else _terminal_svg(draw(value), self.title)
            deliver(Text(text), Destination(self.svg, self.force, self.reading))
        if self.csv is not None:
            from migcycle.export.tables import to_csv

            deliver(Text(to_csv(rows)), Destination(self.csv, self.force, self.reading))


def _terminal_svg(renderable: RenderableType, title: str) -> str:
    from migcycle import render

    return render.record_svg(renderable, title=title)


def _same_file(first: Path, second: Path) -> bool:
    return first.resolve() == second.resolve()


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
    """Write an artifact to stdout or, whole or not at all, to the user's path."""
    from migcycle import safe_io

    path = where.path
    match artifact:
        case Text(text) if path is None:
            write_stdout(text)
        case Text(text):
            assert path is not None
            with file_errors():
                safe_io.write_file_atomically(new_file(path, where.force, where.reading), text,
                                              force=where.force)  # fmt: skip
        case Files(files):
            if path is None:
                raise UsageError("several files need a directory: add --output DIR")
            with file_errors():
                safe_io.refuse_data_dir(_directory(path), where.reading)
                safe_io.write_files_atomically(path, files, force=where.force)
        case Database(write):
            if path is None:
                raise UsageError("a database needs a file: add --output FILE")
            target = new_file(path, where.force, where.reading)
            with file_errors(), safe_io.atomic_path(target, force=where.force) as temporary:
                write(temporary)
        case _:
            assert_never(artifact)


@contextmanager
def file_errors() -> Iterator[None]:
    """The file system's refusals and failures as migcycle's errors: a refused target is a usage
    problem (exit 2), a failure of the environment (permission, full disk) exit 1; both name the
    user's path in one line."""
    from migcycle import safe_io

    try:
        yield
    except safe_io.RefusedTarget as err:
        raise UsageError(str(err)) from None
    except safe_io.FileError as err:
        raise EnvironmentFailure(str(err)) from None


def new_file(path: Path, force: bool, reading: tuple[Path | None, ...] = ()) -> Path:
    """An output file path: its directory must exist, it is not in a data directory being read,
    and an existing file is replaced only with --force (and only if it is a regular file)."""
    from migcycle import safe_io

    if path.is_dir() and not path.is_symlink():
        raise UsageError(f"{safe_io.shown(path)!r} is a directory; give a file name")
    _directory(path)
    with file_errors():
        safe_io.refuse_data_dir(path, reading)
        safe_io.check_target(path, force=force)
    return path


def _directory(path: Path) -> Path:
    """``path`` if its parent directory exists (where a new file or directory can go)."""
    from migcycle import safe_io

    parent = path if path == path.parent else path.parent
    if not parent.is_dir():
        raise UsageError(f"directory {safe_io.shown(parent)!r} does not exist")
    return path
