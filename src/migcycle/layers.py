"""Portfolio layers over the cycle: check a layer against the catalog, score the stage x actor
grid, combine layers, and list what a layer leaves uncovered. Pure: no I/O, no printing.

A layer scores cells: a stage function, an actor type at a stage, a sector, or a GCM objective.
A grid cell (actor type, stage) takes the score of its own entry if the layer has one, else the
highest score among the functions the brief has that actor carry at that stage.
"""

from collections.abc import Sequence
from typing import Literal, NamedTuple

from migcycle.models import (
    Catalog,
    Layer,
    LayerEntry,
    Path,
    Problem,
    Scale,
    Score,
    did_you_mean,
)

Combine = Literal["max", "sum", "min", "diff"]
COMBINE_MODES: tuple[Combine, ...] = ("max", "sum", "min", "diff")


class LayerError(ValueError):
    """Layers that cannot be combined as asked (a usage error, not bad data)."""


# --- checking a layer against the catalog --------------------------------------------------------


def problems(layer: Layer, catalog: Catalog) -> list[Problem]:
    """Every entry that names an unknown cell, scores off the scale, or repeats a cell."""
    stages = {s.id: s for s in catalog.cycle.stages}
    actors = {a.id for a in catalog.cycle.actor_types}
    sectors = {s.id for s in catalog.cycle.sectors}
    gcm = {f.id for f in catalog.frameworks.gcm}
    found: list[Problem] = []
    seen: dict[tuple[str, ...], Path] = {}

    def bad(path: Path, field: str, message: str) -> None:
        found.append(Problem(path=(*path, field), message=message))

    for i, entry in enumerate(layer.entries):
        path: Path = ("layer", "entries", i)
        if entry.stage is not None and entry.stage not in stages:
            bad(path, "stage", f"unknown stage {entry.stage!r}{did_you_mean(entry.stage, stages)}")
        elif entry.function is not None and entry.stage is not None:
            here = [f.function for f in stages[entry.stage].functions]
            if entry.function not in here:
                message = f"stage {entry.stage!r} has no function {entry.function!r}"
                bad(path, "function", message + did_you_mean(entry.function, here))
        if entry.actor is not None and entry.actor not in actors:
            bad(
                path,
                "actor",
                f"unknown actor type {entry.actor!r}{did_you_mean(entry.actor, actors)}",
            )
        if entry.sector is not None and entry.sector not in sectors:
            bad(
                path,
                "sector",
                f"unknown sector {entry.sector!r}{did_you_mean(entry.sector, sectors)}",
            )
        if entry.gcm is not None and gcm_id(entry.gcm) not in gcm:
            bad(
                path,
                "gcm",
                f"unknown GCM objective {entry.gcm!r}{did_you_mean(gcm_id(entry.gcm), gcm)}",
            )
        if entry.score is not None and (off := off_scale(entry.score, layer.scale)):
            bad(path, "score", off)
        cell = normal_cell(entry)
        if cell in seen:
            found.append(
                Problem(
                    path=path, message=f"the same cell twice: {' '.join(cell)}", other=seen[cell]
                )
            )
        else:
            seen[cell] = path
    if not any(e.score is not None for e in layer.entries):
        found.append(Problem(path=("layer", "entries"), message="the layer scores nothing"))
    return found


def gcm_id(value: str) -> str:
    """``20`` and ``gcm-20`` name the same objective."""
    return value if value.startswith("gcm-") else f"gcm-{value}"


def normal_cell(entry: LayerEntry) -> tuple[str, ...]:
    cell = entry.cell
    return ("gcm", gcm_id(cell[1])) if cell[0] == "gcm" else cell


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


# --- scoring the grid ----------------------------------------------------------------------------


class Cell(NamedTuple):
    score: Score | None
    functions: list[str]


class LayerGrid(NamedTuple):
    layers: list[str]
    combine: str | None
    scale: Scale
    stages: list[str]
    rows: dict[str, dict[str, Cell]]


def _rank(score: Score, scale: Scale) -> float:
    """A comparable value: the number itself, or a label's position on the scale."""
    return float(score) if scale.numeric else float(scale.labels.index(str(score)))


def _best(scores: Sequence[Score], scale: Scale) -> Score | None:
    return max(scores, key=lambda s: _rank(s, scale)) if scores else None


def grid(layer: Layer, catalog: Catalog) -> dict[str, dict[str, Cell]]:
    """For each actor type and stage, the layer's score and the functions that carried it."""
    function_scores = {
        (e.stage, e.function): e.score for e in layer.entries if e.function and e.score is not None
    }
    actor_scores = {
        (e.stage, e.actor): e.score for e in layer.entries if e.actor and e.score is not None
    }
    rows: dict[str, dict[str, Cell]] = {}
    for actor in catalog.cycle.actor_types:
        row: dict[str, Cell] = {}
        for stage in catalog.cycle.stages:
            carried = [f.function for f in stage.functions if actor.id in f.curated.actors]
            scored = [f for f in carried if (stage.id, f) in function_scores]
            own = actor_scores.get((stage.id, actor.id))
            score = (
                own
                if own is not None
                else _best([function_scores[(stage.id, f)] for f in scored], layer.scale)
            )
            row[stage.id] = Cell(score, scored)
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
    rows: dict[str, dict[str, Cell]] = {}
    for actor in grids[0]:
        rows[actor] = {}
        for stage in stages:
            cells = [g[actor][stage] for g in grids]
            scores = [c.score for c in cells if c.score is not None]
            functions = sorted({f for c in cells for f in c.functions})
            rows[actor][stage] = Cell(
                _merge(mode, [c.score for c in cells], scores, scale), functions
            )
    return LayerGrid([layer.name for layer in layers], mode, scale, stages, rows)


def _merge(
    mode: Combine | None, each: list[Score | None], scores: list[Score], scale: Scale
) -> Score | None:
    if not scores:
        return None
    if mode in (None, "max"):
        return _best(scores, scale)
    if mode == "min":
        return min(scores, key=lambda s: _rank(s, scale))
    if mode == "sum":
        return _number(sum(float(s) for s in scores))
    floor = scale.min or 0.0
    before, after = (floor if s is None else float(s) for s in each)
    return _number(after - before)


def _number(value: float) -> int | float:
    return int(value) if value.is_integer() else round(value, 4)


# --- what a layer leaves uncovered ---------------------------------------------------------------


class Gap(NamedTuple):
    kind: Literal["stage-function", "actor-at-stage", "sector", "gcm"]
    id: str
    stage: str | None
    label: str


def gaps(layer: Layer, catalog: Catalog) -> list[Gap]:
    """Stage functions without a score, actor types absent at a stage where the brief places them,
    sectors whose entry points nothing touches, and GCM objectives no scored cell links to;
    cells in stage order first, then sectors and objectives."""
    scored = {normal_cell(e) for e in layer.entries if e.score is not None}
    actors = {a.id: a for a in catalog.cycle.actor_types}
    found: list[Gap] = []
    linked: set[str] = {c[1] for c in scored if c[0] == "gcm"}
    for stage in catalog.cycle.stages:
        for f in stage.functions:
            if ("function", stage.id, f.function) in scored:
                linked.update(f.curated.gcm)
            else:
                found.append(Gap("stage-function", f.id, stage.id, f"{stage.name}: {f.label}"))
        placed = dict.fromkeys(a for f in stage.functions for a in f.curated.actors)
        for actor in placed:
            carried = [f for f in stage.functions if actor in f.curated.actors]
            if ("actor", stage.id, actor) in scored:
                linked.update(g for f in carried for g in f.curated.gcm)
            elif not any(("function", stage.id, f.function) in scored for f in carried):
                found.append(
                    Gap(
                        "actor-at-stage",
                        f"{stage.id}/{actor}",
                        stage.id,
                        f"{stage.name}: {actors[actor].name}",
                    )
                )
    for sector in catalog.cycle.sectors:
        if ("sector", sector.id) in scored:
            linked.update(sector.curated.gcm)
        else:
            found.append(Gap("sector", sector.id, None, sector.name))
    for objective in catalog.frameworks.gcm:
        if objective.id not in linked:
            found.append(
                Gap("gcm", objective.id, None, f"GCM {objective.number}: {objective.short_label}")
            )
    return found


# --- a template to fill in -----------------------------------------------------------------------


def parse_scale(text: str) -> Scale:
    """``0-3`` (a numeric range) or ``none,planned,active`` (labels, lowest first)."""
    if "," not in text and "-" in text.strip("-"):
        low, _, high = text.partition("-")
        try:
            return Scale(min=float(low), max=float(high))
        except ValueError as err:
            raise LayerError(f"scale {text!r}: {err}") from None
    labels = [label.strip() for label in text.split(",") if label.strip()]
    if len(labels) < 2:
        raise LayerError(
            f"scale {text!r}: give a range like 0-3 or labels like none,planned,active"
        )
    return Scale(labels=labels)


def template(catalog: Catalog, scale: Scale, name: str) -> dict[str, object]:
    """A layer listing every stage function, unscored, with its description as a comment."""
    scale_data: dict[str, object] = (
        {"min": _number(scale.min or 0.0), "max": _number(scale.max or 0.0)}
        if scale.numeric
        else {"labels": list(scale.labels)}
    )
    return {
        "name": name,
        "description": "What this portfolio funds along the migration cycle.",
        "author": None,
        "date": None,
        "scale": scale_data,
        "entries": [
            {"stage": stage.id, "function": f.function, "score": None, "comment": f.description}
            for stage in catalog.cycle.stages
            for f in stage.functions
        ],
    }
