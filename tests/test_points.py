"""`points` filters key points as `questions` filters questions; both speak five formats."""

from __future__ import annotations

import csv
import io
import json

import pytest

from migcycle.models import Catalog

from .conftest import Run


def ids(run: Run, *args: str) -> list[str]:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return [item["id"] for item in json.loads(result.stdout)]


@pytest.mark.parametrize(
    ("option", "value", "field", "target"),
    [
        ("--theme", "finance", "themes", "finance"),
        ("--stage", "return", "stages", "return-and-reintegration"),
        ("--actor", "finance", "actors", "financial-institutions"),
        ("--sector", "financial services", "sectors", "financial-services"),
        ("--gcm", "20", "gcm", "gcm-20"),
    ],
)
@pytest.mark.parametrize("command", ["points", "questions"])
def test_each_filter_keeps_exactly_the_linked_records(
    run: Run, catalog: Catalog, command: str, option: str, value: str, field: str, target: str
) -> None:
    pool = catalog.key_points if command == "points" else catalog.questions
    expected = [r.id for r in pool if target in getattr(r.curated, field)]
    assert ids(run, command, option, value) == expected


def test_points_by_session_and_filters_combine(run: Run, catalog: Catalog) -> None:
    session = [k.id for k in catalog.key_points if k.id.startswith("4.")]
    assert ids(run, "points", "--session", "4") == session
    both = ids(run, "points", "--session", "4", "--theme", "finance")
    assert both and set(both) <= set(session)
    assert ids(run, "points", "--session", "3", "--gcm", "20") == []


def test_points_session_1_is_an_error(run: Run) -> None:
    result = run("points", "--session", "1")
    assert result.exit_code == 2
    assert "the sessions are the report's sections 2–10" in result.stderr


def test_points_table(run: Run) -> None:
    out = run("points", "--theme", "finance", env={"COLUMNS": "100"}).stdout
    assert out.startswith("Key points (")
    assert "4.1.1" in out and "Financial institutions face significant legal" in out
    assert run("points", "--session", "3", "--gcm", "20").stdout == "no key points match\n"


def test_csv_is_an_evidence_table(run: Run, catalog: Catalog) -> None:
    result = run("points", "--theme", "finance", "--format", "csv")
    assert result.exit_code == 0
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [r["id"] for r in rows] == ids(run, "points", "--theme", "finance")
    first = rows[0]
    assert first["session"] == "4"
    assert first["headline"].startswith("Financial institutions face")
    assert first["source_locator"] == "§4.1.1"
    assert "finance" in json.loads(first["curated_themes"])  # a list cell is a JSON array


def test_jsonl_is_one_record_per_line(run: Run) -> None:
    lines = run("questions", "--session", "4", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    assert [r["id"] for r in records] == ids(run, "questions", "--session", "4")
    assert {r["kind"] for r in records} == {"question"}
    assert {r["session"] for r in records} == {"4"}


def test_markdown_is_a_table_with_provenance(run: Run) -> None:
    lines = run("points", "--gcm", "20", "--format", "markdown").stdout.splitlines()
    assert lines[0].startswith("| id | session | text | themes (curated) |")
    assert lines[0].endswith("| source |")
    assert lines[1].startswith("| --- |")
    # since the 2026 review, session 4 (banks and NGOs) no longer links to remittances
    assert lines[2].startswith("| 9.1.3 | 9 | Access to capital can be an obstacle")
    assert lines[2].endswith("| seminar-2017, §9.1.3 |")
    assert all(line.count(" | ") == lines[0].count(" | ") for line in lines[2:])


def test_json_is_the_short_form_of_format_json(run: Run) -> None:
    assert (
        run("points", "-t", "finance", "--json").stdout
        == run("points", "-t", "finance", "--format", "json").stdout
    )
    clash = run("points", "--json", "--format", "csv")
    assert clash.exit_code == 2 and clash.stdout == ""
