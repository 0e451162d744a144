"""The command line: the app, its global options, and :func:`main`, the one error boundary.

Every expected failure is a :class:`~migcycle.errors.MigcycleError` that carries its exit code;
``main`` writes its lines to stderr (invalid data: one ``file:line:col`` line per problem, exit 1;
a bad name or argument: ``error: ...``, exit 2) and nothing is half-written to stdout.
"""

from __future__ import annotations

import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, NoReturn

import typer

from migcycle import __version__
from migcycle.commands import brief, connect, data, portfolio, seminar
from migcycle.commands.common import State, checked_dir, data_dir_from_env
from migcycle.errors import ExitCode, MigcycleError
from migcycle.usage import PlainCommand, PlainGroup, help_command

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


app = typer.Typer(
    cls=_ErrorBoundary,
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


def _register() -> None:
    """The commands in the order help lists them: the brief, portfolios, the seminar, the
    connections between the documents, the data."""
    first: list[Callable[..., None]] = [*brief.COMMANDS, *portfolio.COMMANDS]
    then: list[Callable[..., None]] = [*seminar.COMMANDS, *connect.COMMANDS, *data.COMMANDS]
    for command in first:
        app.command(cls=PlainCommand)(command)
    layers = typer.Typer(
        cls=_ErrorBoundary, help=portfolio.LAYER_HELP, no_args_is_help=True, rich_markup_mode=None
    )
    for name, command in portfolio.LAYER_COMMANDS.items():
        layers.command(name, cls=PlainCommand)(command)
    app.add_typer(layers, name="layer")
    for command in then:
        app.command(cls=PlainCommand)(command)
    app.command("help", cls=PlainCommand)(help_command)


_register()


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
