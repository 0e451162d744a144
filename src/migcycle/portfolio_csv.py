"""Read a programme officer's project list (CSV) into a layer. Pure apart from reading the files.

One row per project and cell. Columns, in any order and case (``project code`` = ``code``):

    code      the project's code (required on every row)
    title     the project's title
    stage     a stage, as on the command line: 3, Arrival, long term
    function  a stage function at that stage: finance, Verification of certificates and skills
    actor     or an actor type at that stage: employers, recruitment agencies
    sector    or a sector: financial services
    gcm       or a GCM objective: 20, gcm-20, remittances
    score     the cell's score on the layer's scale (empty: not scored yet)
    comment   a note on this project in this cell
    url       a link to the project

A row names one cell: stage + function, stage + actor, a sector or an objective. Rows for the
same cell become one entry listing each project; the cell's score is the highest of the scores
its rows give. Any problem is reported as ``file:row: ...`` and nothing is written.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, NamedTuple

from migcycle.errors import did_you_mean
from migcycle.layers import Draft, cell_order, entry_data, layer_document, off_scale
from migcycle.models import Catalog, Scale, Score

COLUMNS: dict[str, tuple[str, ...]] = {
    "code": ("code", "project code", "project", "project id"),
    "title": ("title", "project title"),
    "stage": ("stage",),
    "function": ("function", "stage function"),
    "actor": ("actor", "actor type"),
    "sector": ("sector",),
    "gcm": ("gcm", "gcm objective", "objective"),
    "score": ("score",),
    "comment": ("comment", "comments", "note", "notes"),
    "url": ("url", "link", "website"),
}
CELL_COLUMNS = ("function", "actor", "sector", "gcm")


class CsvProblem(Exception):
    """One bad row or header: the message, without the file and row."""


class Row(NamedTuple):
    where: str
    cell: tuple[str, ...]
    score: Score | None
    project: dict[str, str]


def _key(name: str) -> str:
    return " ".join(name.replace("_", " ").replace("-", " ").casefold().split())


def _columns(header: Sequence[str]) -> list[str | None]:
    """The field each header names, or a problem naming the unknown one and the nearest."""
    known = {alias: field for field, aliases in COLUMNS.items() for alias in aliases}
    fields: list[str | None] = []
    for name in header:
        key = _key(name)
        if not key:
            fields.append(None)
            continue
        if key not in known:
            hint = did_you_mean(key, known)
            raise CsvProblem(f"unknown column {name!r}{hint} (columns: {', '.join(COLUMNS)})")
        fields.append(known[key])
    if "code" not in fields:
        raise CsvProblem(f"no project code column (columns: {', '.join(COLUMNS)})")
    return fields


def _cell(values: dict[str, str], catalog: Catalog) -> tuple[str, ...]:
    """The cell a row names, resolved like the command line's names."""
    from migcycle import query
    from migcycle.layers import find_function

    named = [c for c in CELL_COLUMNS if values.get(c)]
    stage = values.get("stage")
    shape = tuple(sorted(named + (["stage"] if stage else [])))
    if shape not in (("function", "stage"), ("actor", "stage"), ("sector",), ("gcm",)):
        raise CsvProblem(
            "a row names one cell: stage + function, stage + actor, sector, or gcm "
            f"(this one has: {', '.join(shape) or 'none'})"
        )
    kind = named[0]
    if kind == "sector":
        return ("sector", query.find_sector(catalog, values["sector"]).id)
    if kind == "gcm":
        return ("gcm", query.find_framework(catalog, "gcm", values["gcm"]).id)
    stage_id = query.find_stage(catalog, str(stage)).id
    if kind == "function":
        return ("function", stage_id, find_function(catalog, stage_id, values["function"]))
    return ("actor", stage_id, query.find_actor(catalog, values["actor"]).id)


def _score(text: str, scale: Scale) -> Score | None:
    if not text:
        return None
    score: Score = text
    if scale.numeric:
        try:
            number = float(text)
        except ValueError:
            score = text
        else:
            score = int(number) if number.is_integer() else number
    problem = off_scale(score, scale)
    if problem:
        raise CsvProblem(problem)
    return score


def _row(where: str, values: dict[str, str], catalog: Catalog, scale: Scale) -> Row:
    from migcycle.errors import NotFound

    if not values.get("code"):
        raise CsvProblem("no project code")
    try:
        cell = _cell(values, catalog)
    except NotFound as err:
        raise CsvProblem(str(err)) from None
    project = {k: values[k] for k in ("code", "title", "url", "comment") if values.get(k)}
    return Row(where, cell, _score(values.get("score", ""), scale), project)


def read_rows(text: str, display: str, catalog: Catalog, scale: Scale) -> list[Row]:
    """Every row of one CSV text; every problem at once, as ``file:row: message`` lines."""
    from migcycle.errors import DataError

    dialect = _dialect(text)
    reader = csv.reader(io.StringIO(text, newline=""), dialect)
    header = next(reader, None)
    if header is None:
        raise DataError([f"{display}:1: the file is empty; expected a header row"])
    try:
        fields = _columns(header)
    except CsvProblem as err:
        raise DataError([f"{display}:1: {err}"]) from None
    rows, problems, line = [], [], reader.line_num
    for record in reader:
        start, line = line + 1, reader.line_num
        if not any(v.strip() for v in record):
            continue
        values = {f: v.strip() for f, v in zip(fields, record, strict=False) if f is not None}
        try:
            rows.append(_row(f"{display}:{start}", values, catalog, scale))
        except CsvProblem as err:
            problems.append(f"{display}:{start}: {err}")
    if problems:
        raise DataError(problems)
    return rows


def _dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    """Commas, or the semicolons and tabs spreadsheets write in some locales."""
    first = text.split("\n", 1)[0]
    try:
        return csv.Sniffer().sniff(first, delimiters=",;\t")
    except csv.Error:
        return csv.excel


def entries(rows: list[Row], catalog: Catalog, scale: Scale) -> list[dict[str, Any]]:
    """One entry per cell, in the documents' order, listing each of its projects once."""
    from migcycle.errors import DataError
    from migcycle.layers import best_score

    by_cell: dict[tuple[str, ...], list[Row]] = {}
    for row in rows:
        by_cell.setdefault(row.cell, []).append(row)
    order = cell_order(catalog)
    out = []
    for cell in sorted(by_cell, key=order.__getitem__):
        members = by_cell[cell]
        _no_project_twice(members, DataError)
        score = best_score([r.score for r in members if r.score is not None], scale)
        out.append({**entry_data(cell), "score": score, "projects": [r.project for r in members]})
    return out


def _no_project_twice(rows: list[Row], error: Callable[[list[str]], Exception]) -> None:
    seen: dict[str, str] = {}
    for row in rows:
        code = row.project["code"]
        if code in seen:
            raise error(
                [f"{row.where}: project {code!r} is already in this cell (row {seen[code]})"]
            )
        seen[code] = row.where.rsplit(":", 1)[1]


def draft_layer(paths: list[Path], catalog: Catalog, scale: Scale, name: str) -> Draft:
    """A layer from one or more CSV project lists."""
    from migcycle.errors import DataError
    from migcycle.sources import decode, read_bytes

    rows: list[Row] = []
    problems: list[str] = []
    for path in paths:
        display = str(path)
        try:
            rows += read_rows(decode(read_bytes(path, display), display), display, catalog, scale)
        except DataError as err:
            problems += err.problems
    if problems:
        raise DataError(problems)
    found = entries(rows, catalog, scale)
    sources = ", ".join(p.name for p in paths)
    note = f"Imported from {sources}: {len(rows)} rows, {len(found)} cells."
    description = f"Projects imported from {sources}."
    return Draft(layer_document(name, scale, found, description), note, [])
