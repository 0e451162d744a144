"""The command line: parse arguments, call a query, emit the result. Nothing else lives here.

:func:`main` is the one error boundary: invalid data exits 1 with one ``file:line:col`` line per
problem, a bad name or argument exits 2 with ``error: ...``, and nothing is half-written to stdout.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, NoReturn, TypeVar

import typer
from typer.core import TyperGroup

from migcycle import __version__

if TYPE_CHECKING:
    from types import ModuleType

    from migcycle.models import Catalog

T = TypeVar("T")

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
        from migcycle.query import NotFound

        try:
            return super().invoke(ctx)
        except DataError as err:
            _fail(err.problems, EXIT_DATA)
        except (UsageProblem, NotFound) as err:
            _fail([f"error: {err}"], EXIT_USAGE)
        except (typer.Exit, typer.Abort, BrokenPipeError, KeyboardInterrupt):
            raise
        except Exception as err:
            # click's own usage errors carry an exit code and print themselves (exit 2)
            if getattr(err, "exit_code", None) is not None:
                raise
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
    from migcycle.load import data_fingerprint

    data_dir = _data_dir_from_env()
    where = f", bundled with {data_dir}" if data_dir else ", bundled"
    typer.echo(f"migcycle {__version__} (data {data_fingerprint(data_dir)}{where})")
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


def _output(
    as_json: bool, value: Any, draw: Callable[[ModuleType], Any], *, soft_wrap: bool = False
) -> None:
    """JSON straight to stdout (rich is never imported), or a rich view built by ``draw``."""
    if as_json:
        _emit(value)
        return
    from migcycle import render

    render.show(draw(render), soft_wrap=soft_wrap)


def _catalog(ctx: typer.Context) -> Catalog:
    return _state(ctx).catalog()


def _complete(kind: str) -> Callable[[typer.Context, str], list[tuple[str, str]]]:
    """Shell completion for names of ``kind`` (it reads the data, so it honours --data)."""

    def complete(ctx: typer.Context, incomplete: str) -> list[tuple[str, str]]:
        from migcycle.load import load_catalog
        from migcycle.query import completions

        data = ctx.find_root().params.get("data") or _data_dir_from_env()
        try:
            return completions(load_catalog(Path(data) if data else None), kind, incomplete)
        except Exception:  # completion must never print a traceback into the shell
            return []

    return complete


StageArg = Annotated[
    str,
    typer.Argument(
        help="Stage number, id, name, alias or unique prefix (3, arrival, long-term, return).",
        autocompletion=_complete("stage"),
        show_default=False,
    ),
]
ActorArg = Annotated[
    str,
    typer.Argument(
        help="Actor type id, name, alias or unique prefix (finance, recruitment, media).",
        autocompletion=_complete("actor"),
        show_default=False,
    ),
]
SectorArg = Annotated[
    str,
    typer.Argument(
        help="Sector id, name, alias or unique prefix (financial-services, information).",
        autocompletion=_complete("sector"),
        show_default=False,
    ),
]
SessionArg = Annotated[
    str,
    typer.Argument(
        help="Session number (2-10), or a unique prefix of its title.",
        autocompletion=_complete("session"),
        show_default=False,
    ),
]


# --- commands: the brief -------------------------------------------------------------------------


@app.command()
def stages(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The five stages of the migration cycle.

    Examples:

        migcycle stages

        migcycle stages --json | jq -r '.[] | "\\(.number) \\(.name)"'
    """
    catalog = _catalog(ctx)
    _output(as_json, catalog.cycle.stages, lambda r: r.stages_table(catalog.cycle.stages))


@app.command()
def stage(ctx: typer.Context, ref: StageArg, as_json: JsonOption = False) -> None:
    """One stage: functions, actors, seminar links.

    Examples:

        migcycle stage arrival

        migcycle stage 5

        migcycle stage arrival --json | jq -r '.stage.functions[].label'
    """
    from migcycle import query

    catalog = _catalog(ctx)
    view = query.stage_view(catalog, query.find_stage(catalog, ref))
    _output(as_json, view, lambda r: r.stage_view(view))


@app.command()
def cycle(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The whole cycle as a tree.

    Examples:

        migcycle cycle

        migcycle cycle --json | jq -r '.[] | "\\(.stage.label) -> \\(.then.label)"'
    """
    from migcycle import query

    nodes = query.cycle(_catalog(ctx))
    _output(as_json, nodes, lambda r: r.cycle_tree(nodes))


@app.command()
def actors(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The actor types the brief describes or names.

    Examples:

        migcycle actors

        migcycle actors --json | jq -r '.[] | select(.source.document != "migcycle") | .name'
    """
    catalog = _catalog(ctx)
    items = catalog.cycle.actor_types
    _output(as_json, items, lambda r: r.actors_table(items))


@app.command()
def actor(ctx: typer.Context, ref: ActorArg, as_json: JsonOption = False) -> None:
    """One actor type across the five stages.

    Examples:

        migcycle actor finance

        migcycle actor "recruitment agencies"

        migcycle actor finance --json | jq -r '.stages[] | [.stage.id, (.functions|length)] | @tsv'
    """
    from migcycle import query

    catalog = _catalog(ctx)
    view = query.actor_view(catalog, query.find_actor(catalog, ref))
    _output(as_json, view, lambda r: r.actor_view(view))


@app.command()
def roles(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """Private and public roles, with Table 1.

    Examples:

        migcycle roles

        migcycle roles --json | jq -r '.public[] | .table_label'
    """
    from migcycle import query

    view = query.roles(_catalog(ctx))
    _output(as_json, view, lambda r: r.roles_view(view))


@app.command()
def cooperation(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The five elements of successful cooperation.

    Examples:

        migcycle cooperation

        migcycle cooperation --json | jq -r '.[] | .recommendation'
    """
    from migcycle import query

    elements = query.cooperation(_catalog(ctx))
    _output(as_json, elements, lambda r: r.cooperation_view(elements))


@app.command()
def sectors(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The eight sectors of the panel.

    Examples:

        migcycle sectors

        migcycle sectors --json | jq -r '.[] | "\\(.id): \\(.dilemmas | length) dilemmas"'
    """
    catalog = _catalog(ctx)
    items = catalog.cycle.sectors
    _output(as_json, items, lambda r: r.sectors_table(items))


@app.command()
def sector(ctx: typer.Context, ref: SectorArg, as_json: JsonOption = False) -> None:
    """One sector of the panel, all its lists.

    Examples:

        migcycle sector financial-services

        migcycle sector information --json | jq -r '.sector.dilemmas[].text'
    """
    from migcycle import query

    catalog = _catalog(ctx)
    view = query.sector_view(catalog, query.find_sector(catalog, ref))
    _output(as_json, view, lambda r: r.sector_view(view))


class CombineMode(StrEnum):
    max = "max"
    sum = "sum"
    min = "min"
    diff = "diff"


LayerOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--layer",
        "-l",
        help="A portfolio layer file to show over the grid (repeat to combine several).",
        exists=False,
        dir_okay=False,
    ),
]


@app.command()
def matrix(
    ctx: typer.Context,
    layer: LayerOption = None,
    combine: Annotated[
        CombineMode | None,
        typer.Option(
            "--combine",
            help="How layers combine per cell (default max); diff needs two: second - first.",
        ),
    ] = None,
    svg: Annotated[
        Path | None, typer.Option("--svg", help="Also write the view as an SVG picture.")
    ] = None,
    csv_out: Annotated[
        Path | None, typer.Option("--csv", help="Also write the grid as CSV for a spreadsheet.")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite --svg/--csv files.")] = False,
    as_json: JsonOption = False,
) -> None:
    """Who does what where: stage x actor grid.

    With --layer, each cell shows a portfolio layer's score instead (see `migcycle layer new`),
    coloured by the layer's scale with a legend; several layers combine with --combine.

    Examples:

        migcycle matrix

        migcycle matrix --layer portfolio.yaml --svg portfolio.svg

        migcycle matrix --layer 2025.yaml --layer 2026.yaml --combine diff --json | jq '.rows'
    """
    from migcycle import query

    catalog = _catalog(ctx)
    svg_path = _new_file(svg, force) if svg else None
    csv_path = _new_file(csv_out, force) if csv_out else None
    if not layer:
        if combine:
            raise UsageProblem("--combine needs at least one --layer")
        grid = query.matrix(catalog)
        names = query.function_names(catalog)
        _matrix_outputs(as_json, grid, lambda r: r.matrix_table(grid, names), svg_path, csv_path,
                        _plain_matrix_rows(grid, names))  # fmt: skip
        return
    from migcycle.layers import LayerError, combined
    from migcycle.load import load_layer

    layers = [load_layer(path, catalog) for path in layer]
    try:
        scored = combined(layers, catalog, combine.value if combine else None)
    except LayerError as err:
        raise UsageProblem(str(err)) from None
    actors = {a.id: a.name for a in catalog.cycle.actor_types}
    stages = {s.id: f"{s.number} {s.name}" for s in catalog.cycle.stages}
    rows = [
        {
            "actor type": actors[a],
            **{stages[s]: "" if c.score is None else c.score for s, c in row.items()},
        }
        for a, row in scored.rows.items()
    ]
    _matrix_outputs(
        as_json, scored, lambda r: r.layer_matrix(scored, actors, stages), svg_path, csv_path, rows
    )


def _plain_matrix_rows(grid: Any, names: dict[str, str]) -> list[dict[str, Any]]:
    labels = {s.id: s.label for s in grid.stages}
    return [
        {
            "actor type": row.actor.label,
            **{labels[s]: "; ".join(names[f] for f in fns) for s, fns in row.cells.items()},
        }
        for row in grid.rows
    ]


def _matrix_outputs(
    as_json: bool,
    value: Any,
    draw: Callable[[ModuleType], Any],
    svg_path: Path | None,
    csv_path: Path | None,
    rows: list[dict[str, Any]],
) -> None:
    """The grid to stdout, or (with --svg/--csv) into files and nothing on stdout."""
    from migcycle import emit

    if svg_path is None and csv_path is None:
        _output(as_json, value, draw)
        return
    if svg_path is not None:
        from migcycle import render

        emit.write_file(svg_path, render.record_svg(draw(render), title="migcycle matrix"))
    if csv_path is not None:
        from migcycle.export import to_csv

        emit.write_file(csv_path, to_csv(rows))


@app.command()
def gaps(
    ctx: typer.Context,
    layer: Annotated[
        Path, typer.Option("--layer", "-l", help="The portfolio layer to check.", dir_okay=False)
    ],
    as_json: JsonOption = False,
) -> None:
    """What a portfolio layer leaves uncovered.

    Stage functions without a score, actor types absent at a stage where the brief places them,
    sectors whose entry points nothing touches, and GCM objectives no scored cell links to,
    ordered by stage.

    Examples:

        migcycle gaps --layer portfolio.yaml

        migcycle gaps --layer portfolio.yaml --json | jq -r '.[] | select(.kind == "gcm") | .id'
    """
    from migcycle.layers import gaps as find_gaps
    from migcycle.load import load_layer

    catalog = _catalog(ctx)
    found = find_gaps(load_layer(layer, catalog), catalog)
    stages = {s.id: f"{s.number} {s.name}" for s in catalog.cycle.stages}
    _output(as_json, found, lambda r: r.gaps_table(found, stages))


layer_app = typer.Typer(
    cls=_ErrorBoundary,
    help="Portfolio layers: score the cells you cover.\n\n"
    "A layer file scores stage functions, actor types at a stage, sectors or GCM objectives on\n"
    "a declared scale; `matrix --layer` shows it over the grid and `gaps --layer` lists what it\n"
    "leaves uncovered.\n\n"
    "Examples:\n\n"
    "    migcycle layer new --output portfolio.yaml\n\n"
    "    migcycle layer new --scale none,planned,active",
    no_args_is_help=True,
    rich_markup_mode=None,
)
app.add_typer(layer_app, name="layer")


@layer_app.command("new")
def layer_new(
    ctx: typer.Context,
    scale: Annotated[
        str,
        typer.Option(
            "--scale", help="A numeric range (0-3) or labels, lowest first (none,planned,active)."
        ),
    ] = "0-3",
    name: Annotated[str, typer.Option("--name", help="The layer's name.")] = "My portfolio",
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """Write a layer template: every stage function, unscored.

    Fill in `score:` for the functions your portfolio funds and leave the rest null; add entries
    for an actor type at a stage (stage + actor), a sector (sector) or a GCM objective (gcm).

    Examples:

        migcycle layer new --output portfolio.yaml

        migcycle layer new --scale none,planned,active --name "Programme X" > x.yaml
    """
    from migcycle import emit
    from migcycle.layers import LayerError, parse_scale, template
    from migcycle.load import bundled_schema_dir, dump_yaml

    try:
        parsed = parse_scale(scale)
    except LayerError as err:
        raise UsageProblem(str(err)) from None
    text = (
        f"# yaml-language-server: $schema={bundled_schema_dir() / 'layer.schema.json'}\n"
        "# A migcycle portfolio layer. Give each stage function your portfolio covers a score on\n"
        "# the scale below; leave `score: null` where it does not. You may add entries for an\n"
        "# actor type at a stage (stage + actor), a sector (sector) or a GCM objective (gcm),\n"
        "# with a comment and references (project codes, URLs). Then:\n"
        "#   migcycle matrix --layer FILE    and    migcycle gaps --layer FILE\n"
        + dump_yaml(template(_catalog(ctx), parsed, name))
    )
    if output is None:
        emit.write_text(text)
    else:
        emit.write_file(_new_file(output, force), text)


# --- commands: the seminar -----------------------------------------------------------------------


@app.command()
def sessions(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The nine sessions of the 2017 seminar.

    Examples:

        migcycle sessions

        migcycle sessions --json | jq -r '.[] | "\\(.id) \\(.title)"'
    """
    catalog = _catalog(ctx)
    items = catalog.seminar.sessions
    _output(as_json, items, lambda r: r.sessions_table(items))


@app.command()
def session(ctx: typer.Context, ref: SessionArg, as_json: JsonOption = False) -> None:
    """One session: summary, key points, questions.

    Examples:

        migcycle session 4

        migcycle session 4 --json | jq -r '.session.key_points[].headline'
    """
    from migcycle import query

    catalog = _catalog(ctx)
    view = query.session_view(catalog, query.find_session(catalog, ref))
    _output(as_json, view, lambda r: r.session_view(view))


@app.command()
def questions(
    ctx: typer.Context,
    theme: Annotated[
        list[str] | None,
        typer.Option(
            "--theme",
            "-t",
            help="Only questions with this theme (repeat for any of several).",
            autocompletion=_complete("theme"),
        ),
    ] = None,
    session: Annotated[
        str | None,
        typer.Option(
            "--session",
            "-s",
            help="Only this session's questions.",
            autocompletion=_complete("session"),
        ),
    ] = None,
    stage: Annotated[
        str | None,
        typer.Option(
            "--stage",
            help="Only questions linked to this stage.",
            autocompletion=_complete("stage"),
        ),
    ] = None,
    actor: Annotated[
        str | None,
        typer.Option(
            "--actor",
            help="Only questions linked to this actor type.",
            autocompletion=_complete("actor"),
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """The seminar's emerging questions, filtered.

    Filters combine with AND; a repeated --theme means any of those themes.

    Examples:

        migcycle questions --theme narrative

        migcycle questions --theme finance --theme technology --session 4

        migcycle questions --actor finance --json | jq -r '.[].id'
    """
    from migcycle import query

    catalog = _catalog(ctx)
    found = query.questions(
        catalog,
        themes=[query.find_theme(catalog, t) for t in theme or []],
        session=query.find_session(catalog, session) if session else None,
        stage=query.find_stage(catalog, stage) if stage else None,
        actor=query.find_actor(catalog, actor) if actor else None,
    )
    _output(as_json, found, lambda r: r.questions_table(found))


@app.command()
def themes(ctx: typer.Context, as_json: JsonOption = False) -> None:
    """The theme vocabulary with usage counts.

    Examples:

        migcycle themes

        migcycle themes --json | jq -r '.[] | select(.questions == 0) | .theme.id'
    """
    from migcycle import query

    rows = query.theme_counts(_catalog(ctx))
    _output(as_json, rows, lambda r: r.themes_table(rows))


# --- commands: connecting the documents --------------------------------------------------------


def _frameworks(ctx: typer.Context, kind: str, ref: str | None, as_json: bool) -> None:
    from migcycle import query

    catalog = _catalog(ctx)
    if ref is None:
        rows = query.framework_counts(catalog, kind)
        title, what = {"gcm": ("GCM objectives", "objective"), "sdg": ("SDG targets", "target")}[
            kind
        ]
        _output(as_json, rows, lambda r: r.frameworks_table(rows, title, what))
        return
    view = query.framework_view(catalog, query.find_framework(catalog, kind, ref))
    _output(as_json, view, lambda r: r.framework_view(view))


@app.command()
def gcm(
    ctx: typer.Context,
    objective: Annotated[
        str | None,
        typer.Argument(
            help="Objective number, id or label (20, gcm-20, remittances).", show_default=False
        ),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """GCM objectives and what concerns each.

    Without an argument: the 23 objectives with the number of records linked to each.
    With one: everything that concerns it, grouped by kind.

    Examples:

        migcycle gcm

        migcycle gcm 20

        migcycle gcm --json | jq -r '.[] | select(.records == 0) | .framework.id'
    """
    _frameworks(ctx, "gcm", objective, as_json)


@app.command()
def sdg(
    ctx: typer.Context,
    target: Annotated[
        str | None,
        typer.Argument(help="SDG target (10.c, sdg-10.c, remittance costs).", show_default=False),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """SDG targets and what concerns each.

    Examples:

        migcycle sdg

        migcycle sdg 10.c

        migcycle sdg 10.c --json | jq -r '.records | keys[]'
    """
    _frameworks(ctx, "sdg", target, as_json)


@app.command()
def search(
    ctx: typer.Context,
    text: Annotated[
        str, typer.Argument(help="Words to find (all of them must occur).", show_default=False)
    ],
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Only records of this kind (repeatable), e.g. question."),
    ] = None,
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, help="Show at most this many.")
    ] = 20,
    as_json: JsonOption = False,
) -> None:
    """Full-text search across every kind of record.

    Ranked: an exact phrase and a match in a headline or name count more than scattered
    words in a body. Case- and accent-insensitive; a word also matches words it begins.

    Examples:

        migcycle search fintech

        migcycle search "social cohesion" --kind stage-function --kind key-point

        migcycle search remittance --json | jq -r '.[] | "\\(.kind) \\(.id) \\(.score)"'
    """
    from migcycle import query
    from migcycle.search import search as run_search
    from migcycle.search import words

    catalog = _catalog(ctx)
    kinds = list(catalog.kinds())
    for k in kind or []:
        if k not in kinds:
            raise query.NotFound(f'no kind "{k}"{_close(k, kinds)} (kinds: {", ".join(kinds)})')
    hits = run_search(catalog, text, kinds=kind or (), limit=limit)
    _output(as_json, hits, lambda r: r.search_results(hits, words(text)))


def _close(value: str, choices: list[str]) -> str:
    from migcycle.models import did_you_mean

    return did_you_mean(value, choices, quote='"')


class CitationStyle(StrEnum):
    plain = "plain"
    markdown = "markdown"
    bibtex = "bibtex"
    csl_json = "csl-json"
    ris = "ris"


@app.command()
def cite(
    ctx: typer.Context,
    records: Annotated[
        list[str],
        typer.Argument(
            help="Record ids (4.2.3, arrival/finance, gcm-20); prefix a kind where ids repeat "
            "across kinds (question:4.2.3, stage:3, session:3). '-' reads ids from stdin: "
            "whitespace-separated, or the JSON array `migcycle search --json` prints.",
            show_default=False,
        ),
    ],
    style: Annotated[
        CitationStyle, typer.Option("--style", "-s", help="Citation format.")
    ] = CitationStyle.plain,
    quote: Annotated[
        bool, typer.Option("--quote", "-q", help="Add each record's verbatim text.")
    ] = False,
    as_json: JsonOption = False,
) -> None:
    """Citations for records, to paste into a paper.

    Each document is given once however many of its records are cited; pages where the document
    prints them. --json gives an array of {kind, id, label, document, locator, style, citation,
    page, url, quote, key, document_key, document_citation, csl_citation_item}.

    Examples:

        migcycle cite 4.2.3 2.2.1 --quote --style markdown

        migcycle cite 4.2.3 arrival/finance gcm-20 --style bibtex >> references.bib

        migcycle search remittance --json | migcycle cite - --style csl-json > refs.json

        migcycle cite stage:3 --json | jq -r '.[].citation'
    """
    from migcycle.cite import cite_all, ids_from_text

    refs = [r for ref in records for r in (ids_from_text(_stdin_text()) if ref == "-" else [ref])]
    result = cite_all(_catalog(ctx), refs, style.value, quote=quote)
    _output(as_json, result.citations, lambda r: r.citation(result.text), soft_wrap=True)


def _stdin_text() -> str:
    """Standard input, at most ``MAX_STDIN_BYTES``, as text."""
    from migcycle.cite import MAX_STDIN_BYTES

    data = sys.stdin.buffer.read(MAX_STDIN_BYTES + 1)
    if len(data) > MAX_STDIN_BYTES:
        raise UsageProblem(f"more than {MAX_STDIN_BYTES // 1024} KiB of ids on stdin; cite fewer")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise UsageProblem("the ids on stdin are not UTF-8 text") from None


# --- commands: the data --------------------------------------------------------------------------


@app.command()
def validate(
    ctx: typer.Context,
    directory: Annotated[
        Path | None,
        typer.Argument(help="Data directory to check (default: the data in use)."),
    ] = None,
    as_json: JsonOption = False,
) -> None:
    """Check a data directory; count its records.

    Prints the number of records of each kind and exits 0, or prints one
    `file:line:col: problem` line per problem to stderr and exits 1.

    Examples:

        migcycle validate

        migcycle validate ./my-data

        migcycle validate --json | jq .counts.key_points
    """
    from migcycle.load import load_catalog
    from migcycle.query import counts

    state = _state(ctx)
    target = _checked_dir(directory, "directory") if directory else state.data_dir
    catalog = load_catalog(target)
    shown = f"bundled data + {target}" if target else "bundled data"
    result = counts(catalog)
    summary = {"data_dir": shown, "valid": True, "counts": result}
    _output(as_json, summary, lambda r: r.counts_table(result, f"{shown}: valid"))


class ExportFormat(StrEnum):
    json = "json"
    jsonl = "jsonl"
    csv = "csv"
    markdown = "markdown"
    yaml = "yaml"
    sqlite = "sqlite"


def _check_kinds(kinds: list[str], known: list[str]) -> None:
    from migcycle.query import NotFound

    for k in kinds:
        if k not in known:
            raise NotFound(f'no kind "{k}"{_close(k, known)} (kinds: {", ".join(known)})')


def _new_file(path: Path, force: bool) -> Path:
    """An output file path: its directory must exist, and it is overwritten only with --force."""
    if path.is_dir():
        raise UsageProblem(f"{str(path)!r} is a directory; give a file name")
    if not path.parent.is_dir():
        raise UsageProblem(f"directory {str(path.parent)!r} does not exist")
    if path.exists() and not force:
        raise UsageProblem(f"{str(path)!r} already exists; add --force to overwrite it")
    return path


def _new_files(directory: Path, names: list[str], force: bool) -> dict[str, Path]:
    """Output paths inside ``directory`` (created if its parent exists), none overwritten
    without --force."""
    if directory.exists() and not directory.is_dir():
        raise UsageProblem(f"{str(directory)!r} is not a directory")
    if not directory.exists():
        if not directory.parent.is_dir():
            raise UsageProblem(f"directory {str(directory.parent)!r} does not exist")
        directory.mkdir()
    paths = {name: directory / name for name in names}
    existing = [str(p) for p in paths.values() if p.exists()]
    if existing and not force:
        raise UsageProblem(f"{', '.join(existing)} already exist; add --force to overwrite")
    return paths


@app.command()
def export(
    ctx: typer.Context,
    format: Annotated[ExportFormat, typer.Option("--format", "-f", help="Output format.")],
    kind: Annotated[
        list[str] | None,
        typer.Option("--kind", "-k", help="Only this kind of record (repeatable)."),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            help="File to write (a directory for csv with several kinds, and for yaml); "
            "stdout if omitted (sqlite needs a file).",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite existing files.")] = False,
) -> None:
    """Export the data: json, csv, sqlite and more.

    json is the whole catalog as one document; jsonl one record per line with its kind;
    csv one table per kind (RFC 4180, lists joined with '; '); markdown a readable report
    with a citation under each record; yaml the data files' own layout (load it back with
    --data); sqlite one table per kind with foreign keys and FTS5 full-text indexes.

    Examples:

        migcycle export --format sqlite --output migcycle.db

        migcycle export --format csv --kind question > questions.csv

        migcycle export --format jsonl | jq -c 'select(.kind == "sector-item")'
    """
    from migcycle import emit
    from migcycle import export as exporting
    from migcycle.load import FILES, data_file_texts

    catalog = _catalog(ctx)
    known = list(catalog.kinds())
    kinds = kind or []
    _check_kinds(kinds, known)
    if format is ExportFormat.yaml:
        if kinds:
            raise UsageProblem("yaml re-emits whole data files; --kind does not apply")
        texts = data_file_texts(catalog)
        if output is None:
            emit.write_text("".join(f"# --- {name}\n{text}" for name, text in texts.items()))
            return
        paths = _new_files(output, list(FILES.values()), force)
        for name, text in texts.items():
            emit.write_file(paths[name], text)
        return
    if format is ExportFormat.sqlite:
        if output is None:
            raise UsageProblem("sqlite needs a file: add --output FILE")
        target = _new_file(output, force)
        with emit.atomic_path(target) as temporary:
            exporting.write_sqlite(catalog, temporary, kinds)
        return
    if format is ExportFormat.csv:
        tables = exporting.tables(catalog, kinds)
        if len(tables) == 1 and (output is None or output.suffix == ".csv"):
            (rows,) = tables.values()
            text = exporting.to_csv(rows)
        else:
            if output is None:
                raise UsageProblem(
                    "csv writes one table per kind: choose one --kind, or --output DIR"
                )
            paths = _new_files(output, [f"{k}.csv" for k in tables], force)
            for k, rows in tables.items():
                emit.write_file(paths[f"{k}.csv"], exporting.to_csv(rows))
            return
    elif format is ExportFormat.json:
        text = emit.dumps(exporting.to_json(catalog, kinds)) + "\n"
    elif format is ExportFormat.jsonl:
        text = exporting.to_jsonl(catalog, kinds)
    else:
        text = exporting.to_markdown(catalog, kinds)
    if output is None:
        emit.write_text(text)
    else:
        emit.write_file(_new_file(output, force), text)


class CodebookFormat(StrEnum):
    qdc = "qdc"
    csv = "csv"


@app.command()
def codebook(
    ctx: typer.Context,
    format: Annotated[
        CodebookFormat, typer.Option("--format", "-f", help="qdc (REFI-QDA XML) or csv.")
    ] = CodebookFormat.qdc,
    output: Annotated[
        Path | None, typer.Option("--output", "-o", help="File to write (stdout if omitted).")
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="Overwrite an existing file.")] = False,
) -> None:
    """A QDA codebook of stages, actors and themes.

    The .qdc file is REFI-QDA Codebook XML, which NVivo, ATLAS.ti, MAXQDA and QualCoder import,
    for coding interviews against the same categories. GUIDs derive from ids, so re-importing a
    newer export does not duplicate codes.

    Examples:

        migcycle codebook --output migcycle.qdc

        migcycle codebook --format csv | head -3
    """
    from migcycle import emit
    from migcycle.export import codebook_csv, codebook_qdc

    catalog = _catalog(ctx)
    text = codebook_qdc(catalog) if format is CodebookFormat.qdc else codebook_csv(catalog)
    if output is None:
        emit.write_text(text)
    else:
        emit.write_file(_new_file(output, force), text)


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
    """The JSON Schema of each data file.

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
