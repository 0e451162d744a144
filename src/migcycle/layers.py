"""Portfolio layers over the cycle: resolve and check a layer against the catalog, score the
stage x actor grid, combine layers, list each cell's projects, and say what a layer leaves
uncovered. Pure: no I/O, no printing.

A layer scores cells: a stage function, an actor type at a stage, a sector, or a GCM objective.
A grid cell (actor type, stage) takes the score of its own entry if the layer has one, else the
highest score among the functions the brief has that actor carry at that stage. A cell is
*covered* when it has a score, *uncovered* when the brief places the actor at that stage and
nothing scores it, and *not applicable* when the brief does not place the actor there.
"""

from collections.abc import Iterable, Sequence
from pathlib import Path as FilePath
from typing import Any, Literal, NamedTuple

from migcycle.errors import UsageError, did_you_mean
from migcycle.models import (
    Catalog,
    Layer,
    LayerEntry,
    Path,
    Problem,
    Project,
    Scale,
    Score,
)

Combine = Literal["max", "sum", "min", "diff"]
COMBINE_MODES: tuple[Combine, ...] = ("max", "sum", "min", "diff")


State = Literal["covered", "uncovered", "not-applicable"]


class LayerError(UsageError):
    """Layers that cannot be combined as asked (a usage error, not bad data)."""


# --- names as the command line takes them --------------------------------------------------------


def resolve_names(raw: Any, catalog: Catalog) -> Any:
    """A layer file's plain values with every cell named by id: ``stage: 3`` and ``stage:
    Arrival`` become ``arrival``, ``gcm: 20`` becomes ``gcm-20``. A name that resolves to nothing
    is left as written, for :func:`problems` to report with the nearest id."""
    if not isinstance(raw, dict) or not isinstance(raw.get("entries"), list):
        return raw
    entries = [_resolved_entry(e, catalog) if isinstance(e, dict) else e for e in raw["entries"]]
    return {**raw, "entries": entries}


def _resolved_entry(entry: dict[str, Any], catalog: Catalog) -> dict[str, Any]:
    from migcycle import query

    out = dict(entry)
    for field in ("stage", "gcm"):
        if isinstance(out.get(field), int) and not isinstance(out[field], bool):
            out[field] = str(out[field])
    finders = {
        "stage": lambda ref: query.find_stage(catalog, ref).id,
        "actor": lambda ref: query.find_actor(catalog, ref).id,
        "sector": lambda ref: query.find_sector(catalog, ref).id,
        "gcm": lambda ref: query.find_framework(catalog, "gcm", ref).id,
    }
    for field, find in finders.items():
        if isinstance(out.get(field), str):
            out[field] = _or_as_written(find, out[field])
    if isinstance(out.get("function"), str) and isinstance(out.get("stage"), str):
        out["function"] = _or_as_written(
            lambda ref: find_function(catalog, str(out["stage"]), ref), out["function"]
        )
    return out


def _or_as_written(find: Any, ref: str) -> str:
    from migcycle.errors import NotFound

    try:
        return str(find(ref))
    except NotFound:
        return ref


def find_function(catalog: Catalog, stage_id: str, ref: str) -> str:
    """The function id ``ref`` names at a stage: by id, printed label, name or alias, or prefix."""
    from migcycle.errors import NotFound
    from migcycle.query import Named, resolve

    canonical = {f.id: f for f in catalog.cycle.functions}
    stage = next((s for s in catalog.cycle.stages if s.id == stage_id), None)
    if stage is None:
        raise NotFound(f"no stage {stage_id!r}")

    def named(function: Any) -> Named:
        base = canonical[function.function]
        return Named(function.function, (function.label, base.name, *base.curated.aliases))

    return resolve(f"function at stage {stage_id}", ref, stage.functions, named).function


# --- checking a layer against the catalog --------------------------------------------------------


def problems(layer: Layer, catalog: Catalog) -> list[Problem]:
    """Every entry that names an unknown cell, scores off the scale, or repeats a cell."""
    found: list[Problem] = []
    seen: dict[tuple[str, ...], Path] = {}
    for i, entry in enumerate(layer.entries):
        path: Path = ("layer", "entries", i)
        for field, message in _unknown_names(entry, catalog):
            found.append(Problem(path=(*path, field), message=message))
        if entry.score is not None and (off := off_scale(entry.score, layer.scale)):
            found.append(Problem(path=(*path, "score"), message=off))
        cell = normal_cell(entry)
        if cell in seen:
            message = f"the same cell twice: {' '.join(cell)}"
            found.append(Problem(path=path, message=message, other=seen[cell]))
        else:
            seen[cell] = path
    return found


def _unknown_names(entry: LayerEntry, catalog: Catalog) -> list[tuple[str, str]]:
    stages = {s.id: s for s in catalog.cycle.stages}
    known = {
        "actor": ("actor type", [a.id for a in catalog.cycle.actor_types]),
        "sector": ("sector", [s.id for s in catalog.cycle.sectors]),
        "gcm": ("GCM objective", [f.id for f in catalog.frameworks.gcm]),
    }
    found: list[tuple[str, str]] = []
    if entry.stage is not None and entry.stage not in stages:
        found.append(("stage", f"unknown stage {entry.stage!r}{did_you_mean(entry.stage, stages)}"))
    elif entry.function is not None and entry.stage is not None:
        here = [f.function for f in stages[entry.stage].functions]
        if entry.function not in here:
            message = f"stage {entry.stage!r} has no function {entry.function!r}"
            found.append(("function", message + did_you_mean(entry.function, here)))
    for field, (what, ids) in known.items():
        value = getattr(entry, field)
        if value is not None and (gcm_id(value) if field == "gcm" else value) not in ids:
            near = did_you_mean(gcm_id(value) if field == "gcm" else value, ids)
            found.append((field, f"unknown {what} {value!r}{near}"))
    return found


def unscored_warning(layer: Layer, shown_as: str) -> str | None:
    """A warning line for a layer that scores nothing yet (a fresh template, an import draft)."""
    if any(e.score is not None for e in layer.entries):
        return None
    return (
        f"warning: {shown_as}: the layer scores no cell yet, so every cell shows as uncovered; "
        f"give `score:` values on its scale to the cells your portfolio covers"
    )


def gcm_id(value: str) -> str:
    """``20`` and ``gcm-20`` name the same objective."""
    return value if value.startswith("gcm-") else f"gcm-{value}"


def normal_cell(entry: LayerEntry) -> tuple[str, ...]:
    cell = entry.cell
    return ("gcm", gcm_id(cell[1])) if cell[0] == "gcm" else cell


def cell_id(entry: LayerEntry) -> str:
    """How a cell is named in outputs: ``arrival/finance``, ``arrival/employers``, ``gcm-20``."""
    cell = normal_cell(entry)
    return "/".join(cell[1:])


def off_scale(score: Score, scale: Scale) -> str | None:
    if scale.numeric:
        if isinstance(score, str):
            return f"score {score!r} is not a number; the scale runs {scale.min:g} to {scale.max:g}"
        assert scale.min is not None and scale.max is not None
        if not scale.min <= score <= scale.max:
            return f"score {score:g} is outside the scale {scale.min:g} to {scale.max:g}"
        return None
    if score not in scale.labels:
        hint = did_you_mean(str(score), scale.labels)
        return f"score {score!r} is not on the scale ({', '.join(scale.labels)}){hint}"
    return None


# --- the projects of a cell ----------------------------------------------------------------------


class CellProject(NamedTuple):
    """A project shown in a cell; ``via`` names the entry it came from (``arrival/finance``)."""

    code: str
    title: str | None
    url: str | None
    comment: str | None
    via: str


def _is_url(text: str) -> bool:
    return text.startswith(("http://", "https://"))


def projects_of(entry: LayerEntry) -> list[Project]:
    """An entry's projects, then its plain ``references`` read as projects: a code becomes a
    project, and a URL right after a code is that project's link (else a project of its own)."""
    found = list(entry.projects)
    for reference in entry.references:
        last = found[-1] if len(found) > len(entry.projects) else None
        if _is_url(reference) and last is not None and last.url is None:
            found[-1] = last.model_copy(update={"url": reference})
        elif _is_url(reference):
            found.append(Project(code=reference, url=reference))
        else:
            found.append(Project(code=reference))
    return found


def cell_projects(entries: Iterable[LayerEntry]) -> list[CellProject]:
    return [
        CellProject(p.code, p.title, p.url, p.comment, cell_id(e))
        for e in entries
        for p in projects_of(e)
    ]


class ShownCell(NamedTuple):
    """One entry of a layer as ``layer show`` lists it."""

    kind: str
    id: str
    label: str
    score: Score | None
    comment: str | None
    projects: list[CellProject]


def shown_cells(layer: Layer, catalog: Catalog) -> list[ShownCell]:
    """Every entry with its label and projects, in the file's order."""
    labels = cell_labels(catalog)
    kinds = {"function": "stage-function", "actor": "actor-at-stage"}
    return [
        ShownCell(
            kinds.get(normal_cell(e)[0], normal_cell(e)[0]),
            cell_id(e),
            labels.get(cell_id(e), cell_id(e)),
            e.score,
            e.comment,
            cell_projects([e]),
        )
        for e in layer.entries
    ]


def cell_labels(catalog: Catalog) -> dict[str, str]:
    """A readable label for every cell id a layer can name."""
    labels: dict[str, str] = {}
    for stage in catalog.cycle.stages:
        for f in stage.functions:
            labels[f.id] = f"{stage.name}: {f.label.capitalize()}"
        for a in catalog.cycle.actor_types:
            labels[f"{stage.id}/{a.id}"] = f"{stage.name}: {a.name}"
    labels.update({s.id: f"Sector: {s.name}" for s in catalog.cycle.sectors})
    labels.update({g.id: f"GCM {g.number}: {g.short_label}" for g in catalog.frameworks.gcm})
    return labels


# --- scoring the grid ----------------------------------------------------------------------------


class Cell(NamedTuple):
    score: Score | None
    functions: list[str]
    state: State
    projects: list[CellProject]
    comments: list[str]


class LayerGrid(NamedTuple):
    layers: list[str]
    combine: str | None
    scale: Scale
    stages: list[str]
    rows: dict[str, dict[str, Cell]]


def _rank(score: Score, scale: Scale) -> float:
    """A comparable value: the number itself, or a label's position on the scale."""
    return float(score) if scale.numeric else float(scale.labels.index(str(score)))


def best_score(scores: Sequence[Score], scale: Scale) -> Score | None:
    return max(scores, key=lambda s: _rank(s, scale)) if scores else None


def _state(score: Score | None, placed: bool) -> State:
    if score is not None:
        return "covered"
    return "uncovered" if placed else "not-applicable"


def grid(layer: Layer, catalog: Catalog) -> dict[str, dict[str, Cell]]:
    """For each actor type and stage: the layer's score, the functions that carried it, the
    cell's state and the projects of the scored entries behind it."""
    scored = {normal_cell(e): e for e in layer.entries if e.score is not None}
    rows: dict[str, dict[str, Cell]] = {}
    for actor in catalog.cycle.actor_types:
        row: dict[str, Cell] = {}
        for stage in catalog.cycle.stages:
            carried = [f.function for f in stage.functions if actor.id in f.curated.actors]
            behind = [scored[c] for f in carried if (c := ("function", stage.id, f)) in scored]
            own = scored.get(("actor", stage.id, actor.id))
            scores = [e.score for e in ([own] if own else behind) if e.score is not None]
            score = best_score(scores, layer.scale)
            entries = [own] if own else behind
            row[stage.id] = Cell(
                score,
                [str(e.function) for e in behind],
                _state(score, bool(carried)),
                cell_projects(entries),
                [e.comment for e in entries if e.comment],
            )
        rows[actor.id] = row
    return rows


def combined(layers: Sequence[Layer], catalog: Catalog, mode: Combine | None) -> LayerGrid:
    """One grid from one or more layers: ``max``, ``min``, ``sum``, or ``diff`` (second - first)."""
    scale = layers[0].scale
    for other in layers[1:]:
        if other.scale.model_dump() != scale.model_dump():
            raise LayerError(
                f"layers {layers[0].name!r} and {other.name!r} use different scales; "
                "only layers on the same scale combine"
            )
    if len(layers) > 1 and mode is None:
        mode = "max"
    if mode == "diff" and len(layers) != 2:
        raise LayerError(f"--combine diff compares exactly two layers, not {len(layers)}")
    if mode in ("sum", "diff") and not scale.numeric:
        raise LayerError(f"--combine {mode} needs a numeric scale; this one has labels")
    grids = [grid(layer, catalog) for layer in layers]
    stages = [s.id for s in catalog.cycle.stages]
    rows = {
        actor: {
            stage: _merged_cell(mode, [g[actor][stage] for g in grids], scale) for stage in stages
        }
        for actor in grids[0]
    }
    return LayerGrid([layer.name for layer in layers], mode, scale, stages, rows)


def _merged_cell(mode: Combine | None, cells: list[Cell], scale: Scale) -> Cell:
    scores = [c.score for c in cells if c.score is not None]
    score = _merge(mode, [c.score for c in cells], scores, scale)
    placed = any(c.state != "not-applicable" for c in cells)
    functions = sorted({f for c in cells for f in c.functions})
    projects = list(dict.fromkeys(p for c in cells for p in c.projects))
    comments = list(dict.fromkeys(m for c in cells for m in c.comments))
    return Cell(score, functions, _state(score, placed), projects, comments)


def _merge(
    mode: Combine | None, each: list[Score | None], scores: list[Score], scale: Scale
) -> Score | None:
    if not scores:
        return None
    if mode in (None, "max"):
        return best_score(scores, scale)
    if mode == "min":
        return min(scores, key=lambda s: _rank(s, scale))
    if mode == "sum":
        return _number(sum(float(s) for s in scores))
    floor = scale.min or 0.0
    before, after = (floor if s is None else float(s) for s in each)
    return _number(after - before)


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else round(value, 4)


def score_text(score: Score | None, diff: bool = False) -> str:
    """A score as the grid prints it: ``3``, ``+1`` in a diff, a label as it is."""
    if score is None or isinstance(score, str):
        return "" if score is None else score
    return f"{score:+g}" if diff and score else f"{score:g}"


def grid_rows(grid: LayerGrid, catalog: Catalog) -> list[dict[str, str]]:
    """The grid as spreadsheet rows: per stage its score (``gap`` where the brief places the
    actor and nothing scores it, ``n/a`` where it does not) and the codes of its projects."""
    actors = {a.id: a.name for a in catalog.cycle.actor_types}
    stages = {s.id: f"{s.number} {s.name}" for s in catalog.cycle.stages}
    shown = {"uncovered": "gap", "not-applicable": "n/a"}
    rows = []
    for actor, row in grid.rows.items():
        out = {"actor type": actors[actor]}
        for stage, cell in row.items():
            out[stages[stage]] = shown.get(cell.state) or score_text(
                cell.score, grid.combine == "diff"
            )
            out[f"{stages[stage]}: projects"] = "; ".join(
                dict.fromkeys(p.code for p in cell.projects)
            )
        rows.append(out)
    return rows


# --- what a layer leaves uncovered ---------------------------------------------------------------


class Named(NamedTuple):
    id: str
    label: str


class Covered(NamedTuple):
    id: str
    label: str
    score: Score
    comment: str | None
    projects: list[CellProject]


class StageCoverage(NamedTuple):
    """One stage of the summary: how many of its functions the layer covers, which, and the
    actor types the brief places at the stage that no scored cell engages."""

    stage: str
    label: str
    covered: int
    total: int
    functions: list[Covered]
    actors_not_engaged: list[Named]


class Gap(NamedTuple):
    """An uncovered stage function (with the actor types that carry it), sector or objective."""

    kind: Literal["stage-function", "sector", "gcm"]
    id: str
    stage: str | None
    label: str
    actors: list[Named]


class Count(NamedTuple):
    covered: int
    total: int


class GapReport(NamedTuple):
    layer: str
    totals: dict[str, Count]
    summary: list[StageCoverage]
    gaps: list[Gap]
    not_addressed: list[Gap]


def gaps(layer: Layer, catalog: Catalog) -> GapReport:
    """A summary per stage, then each hole once: uncovered stage functions in stage order (each
    naming the actor types left unengaged there), sectors whose entry points nothing touches,
    and GCM objectives no scored cell links to; objectives that neither document concerns are
    set apart, since no cell of the cycle leads to them."""
    scored = {normal_cell(e): e for e in layer.entries if e.score is not None}
    summary = [_stage_coverage(stage, scored, catalog) for stage in catalog.cycle.stages]
    found = [
        _function_gap(f, stage.name, scored, catalog)
        for stage in catalog.cycle.stages
        for f in stage.functions
        if ("function", stage.id, f.function) not in scored
    ]
    sectors = [s for s in catalog.cycle.sectors if ("sector", s.id) not in scored]
    found += [Gap("sector", s.id, None, s.name, []) for s in sectors]
    linked = linked_objectives(scored, catalog)
    addressed = _addressed_objectives(catalog)
    open_gcm = [
        Gap("gcm", g.id, None, f"GCM {g.number}: {g.short_label}", [])
        for g in catalog.frameworks.gcm
        if g.id not in linked
    ]
    found += [g for g in open_gcm if g.id in addressed]
    totals = {
        "functions": Count(sum(s.covered for s in summary), sum(s.total for s in summary)),
        "sectors": Count(len(catalog.cycle.sectors) - len(sectors), len(catalog.cycle.sectors)),
        "gcm": Count(len(addressed & linked), len(addressed)),
    }
    return GapReport(
        layer.name, totals, summary, found, [g for g in open_gcm if g.id not in addressed]
    )


def _engaged(stage_id: str, actor: str, carried: list[str], scored: set[tuple[str, ...]]) -> bool:
    if ("actor", stage_id, actor) in scored:
        return True
    return any(("function", stage_id, f) in scored for f in carried)


def _stage_coverage(
    stage: Any, scored: dict[tuple[str, ...], LayerEntry], catalog: Catalog
) -> StageCoverage:
    actors = {a.id: a.name for a in catalog.cycle.actor_types}
    covered = [
        Covered(f.id, f.label.capitalize(), entry.score, entry.comment, cell_projects([entry]))
        for f in stage.functions
        if (entry := scored.get(("function", stage.id, f.function))) is not None
        and entry.score is not None
    ]
    placed = dict.fromkeys(a for f in stage.functions for a in f.curated.actors)
    idle = [
        Named(a, actors[a])
        for a in placed
        if not _engaged(stage.id, a, _carried(stage, a), set(scored))
    ]
    return StageCoverage(
        stage.id, f"{stage.number} {stage.name}", len(covered), len(stage.functions), covered, idle
    )


def _carried(stage: Any, actor: str) -> list[str]:
    return [f.function for f in stage.functions if actor in f.curated.actors]


def _function_gap(
    function: Any, stage_name: str, scored: dict[tuple[str, ...], LayerEntry], catalog: Catalog
) -> Gap:
    stage_id = function.id.split("/")[0]
    stage = next(s for s in catalog.cycle.stages if s.id == stage_id)
    actors = {a.id: a.name for a in catalog.cycle.actor_types}
    idle = [
        Named(a, actors[a])
        for a in function.curated.actors
        if not _engaged(stage_id, a, _carried(stage, a), set(scored))
    ]
    return Gap(
        "stage-function",
        function.id,
        stage_id,
        f"{stage_name}: {function.label.capitalize()}",
        idle,
    )


def linked_objectives(scored: Iterable[tuple[str, ...]], catalog: Catalog) -> set[str]:
    """GCM objectives a set of scored cells concerns: scored directly, or linked from a scored
    stage function (its own links, made for that stage), from the stage of a scored cell, from
    the stage functions an actor entry's actor carries at its stage, or from a scored sector."""
    stages = {s.id: s for s in catalog.cycle.stages}
    sectors = {s.id: s for s in catalog.cycle.sectors}
    linked: set[str] = set()
    for cell in scored:
        kind, *rest = cell
        if kind == "gcm":
            linked.add(rest[0])
        elif kind == "sector":
            linked.update(sectors[rest[0]].curated.gcm)
        else:
            stage = stages[rest[0]]
            linked.update(stage.curated.gcm)
            carried = [rest[1]] if kind == "function" else _carried(stage, rest[1])
            here = [f for f in stage.functions if f.function in carried]
            linked.update(g for f in here for g in f.curated.gcm)
    return linked


def _addressed_objectives(catalog: Catalog) -> set[str]:
    """Objectives at least one record of either document concerns (``migcycle gcm`` counts)."""
    from migcycle.query import framework_index

    index = framework_index(catalog)
    return {g.id for g in catalog.frameworks.gcm if index[g.id]}


# --- layer files ---------------------------------------------------------------------------------


def parse_scale(text: str) -> Scale:
    """``0-3`` (a numeric range) or ``none,planned,active`` (labels, lowest first)."""
    from pydantic import ValidationError

    hint = "give a range like 0-3 or labels like none,planned,active"
    labels = [label.strip() for label in text.split(",") if label.strip()]
    try:
        if "," not in text and "-" in text.strip("-"):
            low, _, high = text.partition("-")
            return Scale(min=float(low), max=float(high))
        if len(labels) < 2:
            raise LayerError(f"scale {text!r}: {hint}")
        return Scale(labels=labels)
    except ValidationError as err:
        reason = str(err.errors(include_url=False)[0]["msg"]).removeprefix("Value error, ")
        raise LayerError(f"scale {text!r}: {reason}") from None
    except ValueError:
        raise LayerError(f"scale {text!r}: {hint}") from None


def scale_data(scale: Scale) -> dict[str, object]:
    if scale.numeric:
        return {"min": _number(scale.min or 0.0), "max": _number(scale.max or 0.0)}
    return {"labels": list(scale.labels)}


def layer_document(
    name: str, scale: Scale, entries: list[dict[str, Any]], description: str | None = None
) -> dict[str, Any]:
    """A layer file's content, ready to write as YAML."""
    return {
        "name": name,
        "description": description or "What this portfolio funds along the migration cycle.",
        "author": None,
        "date": None,
        "scale": scale_data(scale),
        "entries": entries,
    }


def template(catalog: Catalog, scale: Scale, name: str) -> dict[str, object]:
    """A layer listing every stage function, unscored, with its description as a comment."""
    entries: list[dict[str, Any]] = [
        {"stage": stage.id, "function": f.function, "score": None, "comment": f.description}
        for stage in catalog.cycle.stages
        for f in stage.functions
    ]
    return layer_document(name, scale, entries)


HEADER = """\
# A migcycle portfolio layer. Give each cell your portfolio covers a score on the scale below;
# leave `score: null` where it does not. A cell is a stage function (stage + function), an
# actor type at a stage (stage + actor), a sector (sector) or a GCM objective (gcm); names work
# as on the command line (stage: 3, stage: Arrival). List what fills a cell under `projects:`
# (code, title, url, comment). Then:
#   migcycle layer show FILE    migcycle matrix --layer FILE    migcycle gaps --layer FILE
"""


def layer_text(document: dict[str, Any], schema: FilePath, note: str = "") -> str:
    """A layer file: the schema line for editors, a short guide, an optional note, the YAML."""
    from migcycle.yamlio import dump_yaml

    lines = "".join(f"# {line}\n".replace("# \n", "#\n") for line in note.splitlines())
    return f"# yaml-language-server: $schema={schema}\n{HEADER}{lines}{dump_yaml(document)}"


class Draft(NamedTuple):
    """A layer built from someone's files: its content, a note for the file's head, and
    warnings for stderr."""

    document: dict[str, Any]
    note: str
    warnings: list[str]


def cell_order(catalog: Catalog) -> dict[tuple[str, ...], int]:
    """Every cell a layer can name, in the documents' order (stages, then sectors, objectives)."""
    cells: list[tuple[str, ...]] = []
    for stage in catalog.cycle.stages:
        cells += [("function", stage.id, f.function) for f in stage.functions]
        cells += [("actor", stage.id, a.id) for a in catalog.cycle.actor_types]
    cells += [("sector", s.id) for s in catalog.cycle.sectors]
    cells += [("gcm", g.id) for g in catalog.frameworks.gcm]
    return {cell: i for i, cell in enumerate(cells)}


def entry_data(cell: tuple[str, ...]) -> dict[str, Any]:
    """The keys that name a cell in a layer file."""
    if cell[0] in ("function", "actor"):
        return {"stage": cell[1], cell[0]: cell[2]}
    return {cell[0]: cell[1]}


def load_layer(path: FilePath, catalog: Catalog) -> Layer:
    """A layer file, read with the data files' rules, its names resolved as the command line
    resolves them, and checked against the catalog."""
    from migcycle.load import ModelFile

    file = ModelFile(path, "layer")
    layer = file.validate(Layer, prepare=lambda raw: resolve_names(raw, catalog))
    found = problems(layer, catalog)
    if found:
        raise file.fail(found)
    return layer
