"""CSV out: list cells read back exactly, and no cell runs as a spreadsheet formula - in every CSV
migcycle writes (exports, the codebook, ``matrix --csv``)."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pytest

from migcycle.export.tables import to_csv

from .conftest import Run

FORMULAS = ['=HYPERLINK("https://example.invalid", "click")', "+cmd|' /C calc'!A0", "-2+3",
            "@SUM(A1:A9)", "\t=1+1", "\r=1+1", "'=already quoted"]  # fmt: skip

ACTORS = """\
actor_types:
  - id: spreadsheet-test
    name: '=HYPERLINK("https://example.invalid", "click")'
    description: "+cmd|' /C calc'!A0"
    source: {document: migcycle, locator: test}
    curated:
      aliases: ["banks; insurers", "-2+3", "@SUM(A1:A9)"]
"""
THEMES = """\
themes:
  - id: formula-theme
    name: "\\t=1+1"
    description: "\\r=1+1"
    kind: topical
    source: {document: migcycle, locator: test}
"""
LAYER = """\
name: Formula layer
scale: {min: 0, max: 3}
entries:
  - {stage: arrival, function: finance, score: 2, projects: [{code: "=1+1"}, {code: "'=x"}]}
"""


def read_back(cell: str) -> str:
    """What the README tells a spreadsheet user: a cell that starts with ' then (after any
    further ') one of = + - @ tab CR had one ' added; drop it."""
    return cell[1:] if re.match(r"'+[=+\-@\t\r]", cell) else cell


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _unsafe(text: str) -> list[str]:
    """Every cell a spreadsheet would run as a formula (a plain number such as -1 runs nothing)."""
    cells = [c for row in csv.reader(io.StringIO(text, newline="")) for c in row]
    number = re.compile(r"[-+]?[0-9.]+")
    triggers = ("=", "+", "-", "@", "\t", "\r")
    return [c for c in cells if c[:1] in triggers and not number.fullmatch(c)]


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    target = tmp_path / "mine"
    target.mkdir()
    (target / "actors.yaml").write_text(ACTORS, encoding="utf-8")
    (target / "themes.yaml").write_text(THEMES, encoding="utf-8")
    return target


@pytest.mark.parametrize("value", FORMULAS)
def test_a_formula_cell_is_neutralised_and_reads_back(value: str) -> None:
    text = to_csv([{"formula": value, "number": -1}])
    assert _unsafe(text) == []
    (row,) = _rows(text)
    assert row["formula"] == "'" + value
    assert read_back(row["formula"]) == value
    assert row["number"] == "-1"  # numbers stay numbers


@pytest.mark.parametrize("value", ["-1", "+2.5", "3", "plain text", "'quoted", "a=b"])
def test_other_cells_are_written_as_they_are(value: str) -> None:
    (row,) = _rows(to_csv([{"value": value}]))
    assert row["value"] == value == read_back(row["value"])


def test_exports_neutralise_formulas_and_keep_list_items_apart(run: Run, hostile: Path) -> None:
    text = run("--data", str(hostile), "export", "--format", "csv", "--kind", "actor").stdout
    assert _unsafe(text) == []
    row = next(r for r in _rows(text) if r["id"] == "spreadsheet-test")
    assert read_back(row["name"]) == FORMULAS[0]
    assert read_back(row["description"]) == FORMULAS[1]
    assert json.loads(row["curated_aliases"]) == ["banks; insurers", "-2+3", "@SUM(A1:A9)"]
    assert json.loads(row["curated_roles"]) == []


def test_every_kind_exported_into_a_directory_is_safe(
    run: Run, hostile: Path, tmp_path: Path
) -> None:
    target = tmp_path / "tables"
    args = ("--data", str(hostile), "export", "--format", "csv", "--output", str(target))
    assert run(*args).exit_code == 0
    for path in target.iterdir():
        assert _unsafe(path.read_text(encoding="utf-8")) == [], path.name


def test_list_cells_are_json_arrays(run: Run) -> None:
    rows = _rows(run("export", "--format", "csv", "--kind", "public-role").stdout)
    examples = json.loads(rows[2]["government_examples"])
    assert examples[0] == (
        "Contracting out service provision and programme implementation to private actors."
    )
    points = _rows(run("export", "--format", "csv", "--kind", "key-point").stdout)
    assert json.loads(points[0]["curated_themes"]) == [
        "effective-governance",
        "international-cooperation",
        "security",
        "rights",  # added by the 2026 curation review
    ]


def test_the_codebook_csv_is_safe(run: Run, hostile: Path) -> None:
    text = run("--data", str(hostile), "codebook", "--format", "csv").stdout
    assert _unsafe(text) == []
    theme = next(r for r in _rows(text) if r["id"] == "formula-theme")
    assert (read_back(theme["name"]), read_back(theme["description"])) == ("\t=1+1", "\r=1+1")


def test_matrix_csv_is_safe(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "layer.yaml"
    layer.write_text(LAYER, encoding="utf-8")
    target = tmp_path / "grid.csv"
    assert run("matrix", "--layer", str(layer), "--csv", str(target)).exit_code == 0
    text = target.read_text(encoding="utf-8")
    assert _unsafe(text) == []
    cells = {c for row in csv.reader(io.StringIO(text, newline="")) for c in row}
    assert "'=1+1; '=x" in cells


def test_sqlite_list_columns_are_the_same_json_arrays(run: Run, tmp_path: Path) -> None:
    import sqlite3

    path = tmp_path / "migcycle.db"
    assert run("export", "--format", "sqlite", "--output", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    try:
        items = db.execute(
            "select e.value from public_role r, json_each(r.government_examples) e "
            "where r.id = ? order by e.key",
            ("co-implementer",),
        ).fetchall()
    finally:
        db.close()
    assert items[0] == (
        "Contracting out service provision and programme implementation to private actors.",
    )
