"""A programme officer's portfolio: from a template or a CSV project list to the grid, the
projects behind each cell, and a gaps report that reads like an answer."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from .conftest import Run

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "portfolio"
PROJECTS = FIXTURES / "projects.csv"
EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "layers" / "donor-portfolio-2026.yaml"


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _codes(cell: dict[str, Any]) -> list[str]:
    return [p["code"] for p in cell["projects"]]


# --- a template is a valid, empty layer ------------------------------------------------------------


def test_the_walkthrough_starts_with_a_template_that_works(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "portfolio.yaml"
    assert run("layer", "new", "--output", str(layer)).exit_code == 0
    matrix = run("matrix", "--layer", str(layer))
    assert matrix.exit_code == 0
    assert matrix.stderr.startswith(f"warning: {layer}: the layer scores no cell yet")
    assert "gap" in matrix.stdout
    gaps = run("gaps", "--layer", str(layer))
    assert gaps.exit_code == 0
    assert gaps.stdout.startswith("My portfolio: 0 of 32 stage functions covered")
    report = _json(run, "gaps", "--layer", str(layer))
    assert report["totals"]["functions"] == {"covered": 0, "total": 32}


def test_layer_files_name_cells_as_the_command_line_does(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "names.yaml"
    layer.write_text(
        "name: names\nscale: {min: 0, max: 3}\nentries:\n"
        "  - {stage: 3, function: Finance, score: 2}\n"
        "  - {stage: Long term, function: housing, score: 1}\n"
        "  - {stage: return, actor: Recruitment agencies, score: 3}\n"
        "  - {sector: financial services, score: 1}\n"
        "  - {gcm: 20, score: 2}\n"
    )
    grid = _json(run, "matrix", "--layer", str(layer))
    assert grid["rows"]["financial-institutions"]["arrival"]["score"] == 2
    assert grid["rows"]["real-estate-companies"]["long-term-options"]["score"] == 1
    assert grid["rows"]["recruitment-agencies"]["return-and-reintegration"]["score"] == 3
    shown = _json(run, "layer", "show", str(layer))
    assert [c["id"] for c in shown] == [
        "arrival/finance",
        "long-term-options/accommodation",
        "return-and-reintegration/recruitment-agencies",
        "financial-services",
        "gcm-20",
    ]


def test_the_grid_tells_three_states_apart(run: Run) -> None:
    rows = _json(run, "matrix", "--layer", str(EXAMPLE))["rows"]
    assert rows["financial-institutions"]["arrival"]["state"] == "covered"
    assert rows["financial-institutions"]["pre-departure"]["state"] == "uncovered"
    assert rows["hospitality-companies"]["pre-departure"]["state"] == "not-applicable"
    text = run("matrix", "--layer", str(EXAMPLE), env={"COLUMNS": "160"}).stdout
    assert "gap" in text and "—" in text and "·" not in text
    assert "the brief does not place this actor at this stage" in text


# --- projects per cell -----------------------------------------------------------------------------


def test_references_and_projects_appear_in_every_view(run: Run, tmp_path: Path) -> None:
    rows = _json(run, "matrix", "--layer", str(EXAMPLE))["rows"]
    arrival = rows["financial-institutions"]["arrival"]
    assert arrival["projects"] == [
        {
            "code": "EX-2026-04",
            "title": None,
            "url": "https://example.invalid/remittance-pilot",  # a URL after a code is its link
            "comment": None,
            "via": "arrival/finance",
        }
    ]
    assert arrival["comments"] == [
        "Remittance price-comparison service with money-transfer operators."
    ]
    assert _codes(rows["recruitment-agencies"]["pre-departure"]) == ["EX-2026-01", "EX-2026-06"]
    shown = run("layer", "show", str(EXAMPLE), env={"COLUMNS": "200"}).stdout
    assert "EX-2026-06 · Recruitment fee audit · Audits of fees charged to workers" in shown
    assert "https://example.invalid/fair-recruitment" in shown
    gaps = _json(run, "gaps", "--layer", str(EXAMPLE))
    first = gaps["summary"][0]["functions"][0]
    assert (first["id"], _codes(first)) == (
        "pre-departure/recruitment",
        ["EX-2026-01", "EX-2026-06"],
    )
    assert (
        "Recruitment (3: EX-2026-01, EX-2026-06)"
        in run("gaps", "--layer", str(EXAMPLE), env={"COLUMNS": "200"}).stdout
    )


# --- importing a CSV project list ------------------------------------------------------------------


def test_csv_import_round_trip(run: Run, tmp_path: Path) -> None:
    layer = tmp_path / "imported.yaml"
    result = run("layer", "import", str(PROJECTS), "--name", "Programme X", "--output", str(layer))
    assert result.exit_code == 0, result.stderr
    assert result.stdout == ""
    shown = {c["id"]: c for c in _json(run, "layer", "show", str(layer))}
    assert list(shown) == [
        "pre-departure/recruitment",
        "arrival/finance",
        "arrival/employers",
        "long-term-options/investment",
        "financial-services",
        "gcm-20",
    ]
    recruitment = shown["pre-departure/recruitment"]
    assert _codes(recruitment) == ["EX-01", "EX-02"]  # several projects in one cell
    assert recruitment["score"] == 3  # the highest of its rows
    assert recruitment["projects"][0]["url"] == "https://example.invalid/ex-01"
    assert shown["long-term-options/investment"]["score"] is None  # left for later
    grid = _json(run, "matrix", "--layer", str(layer))
    assert _codes(grid["rows"]["recruitment-agencies"]["pre-departure"]) == ["EX-01", "EX-02"]
    assert _codes(grid["rows"]["financial-institutions"]["arrival"]) == ["EX-03"]
    assert _codes(grid["rows"]["employers"]["arrival"]) == ["EX-04"]
    csv_out = tmp_path / "grid.csv"
    assert run("matrix", "--layer", str(layer), "--csv", str(csv_out)).exit_code == 0
    assert "EX-01; EX-02" in csv_out.read_text(encoding="utf-8")


def test_csv_import_to_stdout_and_semicolons(run: Run, tmp_path: Path) -> None:
    semicolons = tmp_path / "excel.csv"
    semicolons.write_text(
        "code;stage;function;score\nEX-9;transit;finance;1\n", encoding="utf-8-sig"
    )
    result = run("layer", "import", str(semicolons))
    assert result.exit_code == 0, result.stderr
    assert "function: finance" in result.stdout and "code: EX-9" in result.stdout


@pytest.mark.parametrize(
    ("row", "message"),
    [
        ("EX-1,arival,finance,,2", ':2: no stage matches "arival"; did you mean "arrival"?'),
        (
            "EX-1,arrival,fiance,,2",
            ':2: no function at stage arrival matches "fiance"; did you mean',
        ),
        ("EX-1,arrival,finance,,7", ":2: score 7 is outside the scale 0 to 3"),
        ("EX-1,arrival,finance,employers,2", ":2: a row names one cell"),
        (",arrival,finance,,2", ":2: no project code"),
    ],
)
def test_a_bad_csv_row_names_file_and_row(run: Run, tmp_path: Path, row: str, message: str) -> None:
    source = tmp_path / "p.csv"
    source.write_text(f"code,stage,function,actor,score\n{row}\n", encoding="utf-8")
    target = tmp_path / "out.yaml"
    result = run("layer", "import", str(source), "--output", str(target))
    assert result.exit_code == 1
    assert result.stdout == "" and not target.exists()  # nothing half-written
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{source}:2: ") and message in line
    assert "Traceback" not in result.stderr


def test_a_bad_csv_header(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("code,stage,fucntion,scroe\nEX-1,arrival,finance,2\n", encoding="utf-8")
    result = run("layer", "import", str(source))
    assert result.exit_code == 1
    assert result.stderr.startswith(
        f"{source}:1: unknown column 'fucntion'; did you mean 'function'?"
    )


def test_every_bad_row_at_once(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("code,stage,function\nA,transt,finance\nB,arrival,fnance\n", encoding="utf-8")
    result = run("layer", "import", str(source))
    assert result.exit_code == 1
    assert [line.split(": ")[0] for line in result.stderr.splitlines()] == [
        f"{source}:2",
        f"{source}:3",
    ]


def test_import_never_overwrites_without_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "keep.yaml"
    target.write_text("keep")
    result = run("layer", "import", str(PROJECTS), "--output", str(target))
    assert result.exit_code == 2 and target.read_text() == "keep"
    assert "add --force" in result.stderr
    assert run("layer", "import", str(PROJECTS), "--output", str(target), "--force").exit_code == 0
    assert target.read_text().startswith("# yaml-language-server: $schema=")


def test_the_same_project_twice_in_a_cell(run: Run, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("code,stage,function\nA,arrival,finance\nA,3,Finance\n", encoding="utf-8")
    result = run("layer", "import", str(source))
    assert result.exit_code == 1
    assert result.stderr == f"{source}:3: project 'A' is already in this cell (row 2)\n"
