"""The command line: the app, its global options, and :func:`main`, the one error boundary.

Every expected failure is a :class:`~migcycle.errors.MigcycleError` that carries its exit code;
``main`` writes its lines to stderr (invalid data: one ``file:line:col`` line per problem, exit 1;
a bad name or argument: ``error: ...``, exit 2) and nothing is half-written to stdout.
"""

from __future__ import annotations

import contextlib
import gc
import importlib
import os
import re
import sys
from collections.abc import Callable, Iterator, MutableMapping
from pathlib import Path
from types import ModuleType
from typing import Annotated, Any, NoReturn, TypeVar, cast

import typer
from typer.core import TyperCommand, TyperGroup

from migcycle import __version__
from migcycle.commands.common import State, checked_dir, data_dir_from_env
from migcycle.errors import ExitCode, MigcycleError
from migcycle.usage import PlainCommand, PlainGroup

EXIT_DATA = ExitCode.DATA
EXIT_USAGE = ExitCode.USAGE


class _ErrorBoundary(PlainGroup):
    """Turns known failures into one stderr line per problem and a documented exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except MigcycleError as err:
            _fail(err.lines(), err.exit_code)
        except BrokenPipeError:
            _quiet_broken_pipe()
        except KeyboardInterrupt:
            raise SystemExit(ExitCode.INTERRUPTED) from None
        except (typer.Exit, typer.Abort):
            raise
        except OSError as err:  # the environment failed: name the user's path, not a bug
            from migcycle.safe_io import describe_os_error

            _fail([f"error: {describe_os_error(err, err.filename or '')}"], ExitCode.DATA)
        except Exception as err:
            # click's own usage errors carry an exit code and print themselves (exit 2)
            if getattr(err, "exit_code", None) is not None or _debugging(ctx):
                raise
            message = f"internal error: {type(err).__name__}: {err}"
            _fail([f"error: {message} (run with --debug for the traceback)"], ExitCode.DATA)


# --- the commands, built only when asked for -----------------------------------------------------

COMMAND_TABLE: dict[str, tuple[str, str]] = {
    "stages": ("brief", "The five stages of the migration cycle."),
    "stage": ("brief", "One stage: functions, actors, seminar links."),
    "cycle": ("brief", "The whole cycle as a tree."),
    "actors": ("brief", "The actor types the brief describes or names."),
    "actor": ("brief", "One actor type across the five stages."),
    "roles": ("brief", "Private and public roles, with Table 1."),
    "cooperation": ("brief", "The five elements of successful cooperation."),
    "sectors": ("brief", "The eight sectors of the panel."),
    "sector": ("brief", "One sector of the panel, all its lists."),
    "matrix": ("brief", "Who does what where: stage x actor grid."),
    "gaps": ("portfolio", "What a portfolio layer leaves uncovered."),
    "sessions": ("seminar", "The nine sessions of the 2017 seminar."),
    "session": ("seminar", "One session: summary, key points, questions."),
    "questions": ("seminar", "The seminar's emerging questions, filtered."),
    "points": ("seminar", "The seminar's key points, filtered."),
    "themes": ("seminar", "The theme vocabulary with usage counts."),
    "gcm": ("connect", "GCM objectives and what concerns each."),
    "sdg": ("connect", "SDG targets and what concerns each."),
    "search": ("connect", "Full-text search across every kind of record."),
    "cite": ("connect", "Citations for records, to paste into a paper."),
    "show": ("connect", "Any record by id, with its links."),
    "ids": ("connect", "Every record's kind, id and label."),
    "validate": ("data", "Check a data directory; count its records."),
    "export": ("data", "Export the data: json, csv, sqlite and more."),
    "codebook": ("data", "A QDA codebook of stages, actors and themes."),
    "schema": ("data", "The JSON Schema of each data file."),
    "help": ("usage", "What a command does, with examples."),
    "layer": ("portfolio", "Portfolio layers: score the cells you cover."),
}
"""Every command in the order help lists them (the brief, portfolios, the seminar, the connections
between the documents, the data, ``help``, then the ``layer`` group, last as typer lists groups):
name -> (its module in ``migcycle.commands``, or ``usage`` for ``help``; the first paragraph of
its help). ``--help`` and the
completion of command names read this table, so they import no command module; invoking a
command imports its module and builds its parameters only. ``tests/test_cli_registry.py``
checks the table against the modules' ``COMMANDS`` lists and docstrings. ``layer`` is the group
of ``portfolio.LAYER_COMMANDS``."""

_GROUP = "layer"


_HELP = "help"


def _module(name: str) -> ModuleType:
    home = COMMAND_TABLE[name][0]
    return importlib.import_module(f"migcycle.{'' if home == 'usage' else 'commands.'}{home}")


def callbacks(name: str) -> dict[str, Callable[..., None]]:
    """The function behind a command by its command name (a group's: one per sub-command)."""
    module = _module(name)
    if name == _GROUP:
        return dict(module.LAYER_COMMANDS)
    if name == _HELP:
        return {name: module.help_command}
    found = {typer.main.get_command_name(f.__name__): f for f in module.COMMANDS}
    return {name: found[name]}


def _build(name: str) -> TyperCommand | TyperGroup:
    """One command (or the layer group), built by typer as it builds each command of a whole app:
    registered on a scratch app, then made with the settings of ``app``."""
    scratch = typer.Typer()
    short, markup = app.pretty_exceptions_short, app.rich_markup_mode
    if name != _GROUP:
        scratch.command(name, cls=PlainCommand)(callbacks(name)[name])
        command = typer.main.get_command_from_info(
            scratch.registered_commands[0], pretty_exceptions_short=short, rich_markup_mode=markup
        )
        return _Startup.ends_before(cast(TyperCommand, command))
    layers = typer.Typer(
        cls=_ErrorBoundary,
        help=_module(name).LAYER_HELP,
        no_args_is_help=True,
        rich_markup_mode=None,
    )
    for sub, function in callbacks(name).items():
        layers.command(sub, cls=PlainCommand)(function)
    scratch.add_typer(layers, name=name)
    group = typer.main.get_group_from_info(
        scratch.registered_groups[0],
        pretty_exceptions_short=short,
        suggest_commands=app.suggest_commands,
        rich_markup_mode=markup,
    )
    for command in group.commands.values():
        _Startup.ends_before(cast(TyperCommand, command))
    return group


_Command = TypeVar("_Command", bound=TyperCommand)


class _Startup:
    """The cyclic garbage collector, paused for start-up.

    Start-up (parsing, importing the invoked command's modules, defining the models, building
    the command and its parameters) allocates tens of thousands of objects that live as long as
    the process and frees almost none, so every collection in the meantime rescans a growing
    heap for nothing. :func:`main` pauses the collector; when start-up ends - just before the
    command's own code runs, or when :func:`main` returns without running one (help, completion,
    a usage error) - it resumes, with what start-up built frozen: no later collection rescans
    it, including the full collection the interpreter makes at exit. Loading the catalog pauses
    the collector again for the same reason (``load``, ``cache``).
    """

    pending = False

    @classmethod
    @contextlib.contextmanager
    def paused(cls) -> Iterator[None]:
        cls.pending = gc.isenabled()
        gc.disable()
        try:
            yield
        finally:
            cls.end()

    @classmethod
    def end(cls) -> None:
        if cls.pending:
            cls.pending = False
            gc.freeze()
            gc.enable()

    @staticmethod
    def ends_before(command: _Command) -> _Command:
        """``command``, whose callback first ends start-up."""
        callback = command.callback

        def run(*args: Any, **kwargs: Any) -> Any:
            _Startup.end()
            return callback(*args, **kwargs) if callback is not None else None

        command.callback = run
        return command


class _Commands(MutableMapping[str, Any]):
    """The app's commands by name: every name of :data:`COMMAND_TABLE`, in its order, each
    built the first time it is looked up."""

    def __init__(self) -> None:
        self._built: dict[str, Any] = {}

    def __getitem__(self, name: str) -> Any:
        if name not in self._built:
            if name not in COMMAND_TABLE:
                raise KeyError(name)
            self._built[name] = _build(name)
        return self._built[name]

    def __setitem__(self, name: str, command: Any) -> None:
        self._built[name] = command

    def __delitem__(self, name: str) -> None:
        raise TypeError("the commands are fixed by COMMAND_TABLE")

    def __iter__(self) -> Iterator[str]:
        return iter([*COMMAND_TABLE, *(n for n in self._built if n not in COMMAND_TABLE)])

    def __len__(self) -> int:
        return len(list(iter(self)))


class _LazyGroup(_ErrorBoundary):
    """The app's group: only the invoked command's module is imported and its parameters built.
    Listing the commands (help, completion of command names) uses summaries from the table."""

    def __init__(self, **attrs: Any) -> None:
        super().__init__(**attrs)
        self.commands = _Commands()
        self._summaries_only = False

    def get_command(self, ctx: typer.Context, cmd_name: str) -> Any:  # type: ignore[override]
        if self._summaries_only:
            summary = COMMAND_TABLE.get(cmd_name)
            return TyperCommand(cmd_name, help=summary[1]) if summary else None
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: typer.Context) -> list[str]:  # type: ignore[override]
        return list(self.commands)  # the names only (typer's own builds every command)

    @contextlib.contextmanager
    def _summaries(self) -> Iterator[None]:
        self._summaries_only = True
        try:
            yield
        finally:
            self._summaries_only = False

    def format_commands(self, ctx: typer.Context, formatter: Any) -> None:  # type: ignore[override]
        with self._summaries():
            super().format_commands(ctx, formatter)

    def shell_complete(self, ctx: typer.Context, incomplete: str) -> Any:  # type: ignore[override]
        with self._summaries():
            return super().shell_complete(ctx, incomplete)


app = typer.Typer(
    cls=_LazyGroup,
    name="migcycle",
    help="Explore the migration cycle: who in the private sector does what at each stage "
    "(ECDPM 2020), and what the 2017 Risk, Governance and Migration seminar concluded.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    pretty_exceptions_show_locals=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)


def _version(value: bool) -> None:
    if not value:
        return
    from migcycle.load import data_fingerprint

    data_dir = data_dir_from_env()
    where = f", bundled with {data_dir}" if data_dir else ", bundled"
    typer.echo(f"migcycle {__version__} (data {data_fingerprint(data_dir)}{where})")
    raise typer.Exit()


@app.callback()
def _root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            metavar="DIR",
            envvar="MIGCYCLE_DATA",
            help="Read data from this directory instead of the bundled data.",
            show_envvar=True,
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option(
            "--debug",
            help="Show tracebacks for errors (or set MIGCYCLE_DEBUG=1).",
            show_envvar=False,
        ),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the tool and data version."
        ),
    ] = False,
    no_pager: Annotated[
        bool,
        typer.Option(
            "--no-pager",
            help="Never page long views (default: $MIGCYCLE_PAGER, $PAGER or less -FRX on a "
            "terminal; MIGCYCLE_PAGER= also turns it off).",
        ),
    ] = False,
) -> None:
    from migcycle import output

    output.allow_pager(not no_pager)
    ctx.obj = State(data_dir=checked_dir(data, "data directory") if data else None)


# --- entry point ---------------------------------------------------------------------------------


def _debugging(ctx: typer.Context) -> bool:
    """--debug, or MIGCYCLE_DEBUG set to anything but empty, 0, false, no or off."""
    flag = ctx.find_root().params.get("debug")
    setting = os.environ.get("MIGCYCLE_DEBUG", "").strip().casefold()
    return bool(flag) or setting not in ("", "0", "false", "no", "off")


_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _fail(lines: list[str], code: int) -> NoReturn:
    """The lines on stderr, control characters made visible (a name typed with an escape
    sequence must not drive the terminal), then the exit code."""
    shown = (_CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", line) for line in lines)
    sys.stderr.write("".join(f"{line}\n" for line in shown))
    sys.stderr.flush()
    raise typer.Exit(code)


def _quiet_broken_pipe() -> NoReturn:
    """The reader went away (``| head -1``): stop quietly, without a flush error at exit."""
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    raise SystemExit(0)


def main(argv: list[str] | None = None) -> None:
    try:
        with _Startup.paused():
            app(args=sys.argv[1:] if argv is None else argv, prog_name="migcycle")
    except BrokenPipeError:
        _quiet_broken_pipe()
    except KeyboardInterrupt:
        raise SystemExit(ExitCode.INTERRUPTED) from None
    except SystemExit as done:
        _flush_or_quiet()
        raise SystemExit(done.code) from None
    _flush_or_quiet()


def _flush_or_quiet() -> None:
    """A reader that went away after the last write (``| head -1``) is no failure either."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        _quiet_broken_pipe()
