"""The command line: parse arguments, call a query, emit the result. Nothing else lives here.

:func:`main` is the one error boundary: invalid data exits 1 with one ``file:line:col`` line per
problem, a bad name or argument exits 2 with ``error: ...``, and nothing is half-written to stdout.
"""

from __future__ import annotations

import os
import sys
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn

import typer
from typer.core import TyperGroup

from migcycle import __version__

if TYPE_CHECKING:
    from migcycle.models import Catalog

EXIT_DATA = 1
EXIT_USAGE = 2


class UsageProblem(Exception):
    """A bad argument: printed as ``error: <message>`` and exit 2."""


@dataclass
class State:
    data_dir: Path | None = None
    _catalog: Catalog | None = field(default=None, repr=False)

    def catalog(self) -> Catalog:
        """The catalog, loaded once per command."""
        if self._catalog is None:
            from migcycle.load import load_catalog

            self._catalog = load_catalog(self.data_dir)
        return self._catalog


class _ErrorBoundary(TyperGroup):
    """Turns known failures into one stderr line per problem and a documented exit code."""

    def invoke(self, ctx: typer.Context) -> Any:  # type: ignore[override]
        from migcycle.load import DataError

        try:
            return super().invoke(ctx)
        except DataError as err:
            _fail(err.problems, EXIT_DATA)
        except UsageProblem as err:
            _fail([f"error: {err}"], EXIT_USAGE)
        except (typer.Exit, typer.Abort, BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as err:
            if ctx.params.get("debug") or _debugging([]):
                raise
            _fail(
                [
                    f"error: internal error: {type(err).__name__}: {err} "
                    "(run with --debug for the traceback)"
                ],
                EXIT_DATA,
            )


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

JsonOption = Annotated[
    bool, typer.Option("--json", help="Write one JSON document to stdout instead of a table.")
]


def _version(value: bool) -> None:
    if not value:
        return
    from migcycle.load import bundled_data_dir, data_fingerprint

    data_dir = _data_dir_from_env() or bundled_data_dir()
    typer.echo(f"migcycle {__version__} (data {data_fingerprint(data_dir)} from {data_dir})")
    raise typer.Exit()


def _data_dir_from_env() -> Path | None:
    value = os.environ.get("MIGCYCLE_DATA")
    return Path(value) if value else None


def _checked_dir(path: Path, what: str) -> Path:
    if not path.exists():
        raise UsageProblem(f"{what} {str(path)!r} does not exist")
    if not path.is_dir():
        raise UsageProblem(f"{what} {str(path)!r} is not a directory")
    if not os.access(path, os.R_OK | os.X_OK):
        raise UsageProblem(f"{what} {str(path)!r} cannot be read")
    return path


@app.callback()
def _root(
    ctx: typer.Context,
    data: Annotated[
        Path | None,
        typer.Option(
            "--data",
            envvar="MIGCYCLE_DATA",
            help="Read data from this directory instead of the bundled data.",
            show_envvar=True,
        ),
    ] = None,
    debug: Annotated[
        bool,
        typer.Option("--debug", envvar="MIGCYCLE_DEBUG", help="Show tracebacks for errors."),
    ] = False,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Show the tool and data version."
        ),
    ] = False,
) -> None:
    ctx.obj = State(data_dir=_checked_dir(data, "data directory") if data else None)


def _state(ctx: typer.Context) -> State:
    state = ctx.find_root().obj
    assert isinstance(state, State)
    return state


def _emit(value: Any) -> None:
    from migcycle.emit import write_json

    write_json(value)


# --- commands ------------------------------------------------------------------------------------


@app.command()
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(help="Data directory to check (default: the data in use)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a data directory and summarise what it holds.

    Prints the number of records of each kind and exits 0, or prints one
    `file:line:col: problem` line per problem to stderr and exits 1.

    Examples:

        migcycle validate

        migcycle validate ./my-data

        migcycle validate --json | jq .counts.key_points
    """
    from migcycle.load import bundled_data_dir, load_catalog
    from migcycle.query import counts

    state = _state(ctx)
    target = _checked_dir(directory, "directory") if directory else state.data_dir
    catalog = load_catalog(target)
    shown = target or bundled_data_dir()
    result = counts(catalog)
    if as_json:
        _emit({"data_dir": str(shown), "valid": True, "counts": result})
        return
    from migcycle import render

    render.show(render.counts_table(result, f"{shown}: valid"))


@app.command()
def schema(
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="Write <name>.schema.json files into this directory instead of printing.",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Print the JSON Schema of each data file (for editors and your own tooling).

    The data files point at these schemas with a `# yaml-language-server: $schema=...` line,
    so editors that speak YAML language server check and complete them as you type.

    Examples:

        migcycle schema | jq '.seminar.properties | keys'

        migcycle schema --output ./schema
    """
    from migcycle.emit import dumps
    from migcycle.models import json_schemas

    schemas = json_schemas()
    if output is None:
        _emit(schemas)
        return
    directory = _checked_dir(output, "output directory")
    targets = {directory / f"{name}.schema.json": body for name, body in schemas.items()}
    existing = [str(path) for path in targets if path.exists()]
    if existing and not force:
        raise UsageProblem(f"{', '.join(existing)} already exist; add --force to overwrite")
    for path, body in targets.items():
        path.write_text(dumps(body) + "\n", encoding="utf-8")


# --- entry point ---------------------------------------------------------------------------------


def _debugging(argv: list[str]) -> bool:
    return "--debug" in argv or os.environ.get("MIGCYCLE_DEBUG", "") not in ("", "0", "false")


def _fail(lines: list[str], code: int) -> NoReturn:
    sys.stderr.write("".join(f"{line}\n" for line in lines))
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
        sys.stderr.write("interrupted\n")
        raise SystemExit(130) from None
