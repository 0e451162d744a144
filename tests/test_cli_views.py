"""Every query command through typer's CliRunner: JSON shapes, filters, errors."""

from __future__ import annotations

import json
from typing import Any

import pytest

from .conftest import Run


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    return json.loads(result.stdout)


def test_stages(run: Run) -> None:
    stages = _json(run, "stages")
    assert [s["id"] for s in stages] == [
        "pre-departure",
        "transit",
        "arrival",
        "long-term-options",
        "return-and-reintegration",
    ]
    assert list(stages[0]) == ["id", "number", "name", "summary", "functions", "source", "curated"]


def test_stage_view(run: Run) -> None:
    view = _json(run, "stage", "arrival")
    assert list(view) == ["stage", "previous", "next", "actors", "related"]
    assert view["stage"]["id"] == "arrival"
    assert len(view["stage"]["functions"]) == 7
    assert (view["previous"]["id"], view["next"]["id"]) == ("transit", "long-term-options")
    finance = next(f for f in view["stage"]["functions"] if f["function"] == "finance")
    assert finance["curated"]["actors"] == ["financial-institutions"]
    assert {"financial-institutions", "media", "employers"} <= {a["id"] for a in view["actors"]}


def test_the_cycle_closes_from_return_to_pre_departure(run: Run) -> None:
    assert _json(run, "stage", "5")["next"]["id"] == "pre-departure"
    nodes = _json(run, "cycle")
    assert [n["then"]["id"] for n in nodes] == [
        "transit",
        "arrival",
        "long-term-options",
        "return-and-reintegration",
        "pre-departure",
    ]
    assert sum(len(n["functions"]) for n in nodes) == 32


def test_actors_and_actor_view(run: Run) -> None:
    assert len(_json(run, "actors")) == 16
    view = _json(run, "actor", "finance")
    assert view["actor"]["id"] == "financial-institutions"
    assert [len(s["functions"]) for s in view["stages"]] == [1, 1, 1, 2, 1]
    assert [r["id"] for r in view["roles"]] == ["goods-and-services"]
    assert [s["id"] for s in view["sectors"]] == [
        "financial-services",
        "employment-in-displacement",
    ]


def test_an_actor_absent_at_a_stage_has_an_empty_row(run: Run) -> None:
    view = _json(run, "actor", "media")
    assert [len(s["functions"]) for s in view["stages"]] == [0, 0, 1, 0, 0]
    result = run("actor", "media")
    assert result.stdout.count("—") >= 4


def test_roles(run: Run) -> None:
    view = _json(run, "roles")
    assert len(view["private"]) == 5
    assert [p["table_label"] for p in view["public"]] == [
        "Implement framework and governance conditions",
        "Funding (Investment)",
        "(Co-) implementer of programmes, projects and government contracts",
        "Convenor of public- private partnerships and dialogue",
    ]
    text = run("roles", env={"COLUMNS": "300"}).stdout
    assert "Contracting out service provision" in text
    assert "Motivate public and private sector actors" in text


def test_cooperation(run: Run) -> None:
    elements = _json(run, "cooperation")
    assert [e["id"] for e in elements] == [
        "common-interests",
        "differing-cultures",
        "conducive-environment",
        "type-and-timing",
        "trust",
    ]
    assert "Recommendation" not in elements[0]["recommendation"]


def test_sectors_and_sector_view(run: Run) -> None:
    assert len(_json(run, "sectors")) == 8
    view = _json(run, "sector", "information")
    assert view["sector"]["id"] == "information-services"
    assert view["sector"]["entry_points_label"] == "Entry points for SDC"
    assert len(view["sector"]["dilemmas"]) == 3


def test_sessions_and_session_view(run: Run) -> None:
    assert [s["id"] for s in _json(run, "sessions")] == [str(n) for n in range(2, 11)]
    view = _json(run, "session", "4")
    assert len(view["session"]["key_points"]) == 4
    assert [q["id"] for q in view["session"]["questions"]] == ["4.2.1", "4.2.2", "4.2.3", "4.2.4"]


def _question_ids(run: Run, *args: str) -> list[str]:
    return [q["id"] for q in _json(run, "questions", *args)]


def test_questions_by_theme(run: Run) -> None:
    assert {"2.2.1", "3.2.2", "10.2.3"} <= set(_question_ids(run, "--theme", "narrative"))


def test_repeated_themes_are_or(run: Run) -> None:
    finance = set(_question_ids(run, "--theme", "finance"))
    technology = set(_question_ids(run, "--theme", "technology"))
    both = set(_question_ids(run, "--theme", "finance", "--theme", "technology"))
    assert both == finance | technology
    assert finance - technology and technology - finance


def test_filters_of_different_kinds_are_and(run: Run) -> None:
    assert _question_ids(run, "--session", "4", "--theme", "technology") == ["4.2.3"]
    assert _question_ids(run, "--actor", "finance", "--session", "9") == ["9.2.2"]


def test_questions_by_stage_and_actor_links(run: Run) -> None:
    assert _question_ids(run, "--actor", "finance") == ["4.2.1", "4.2.2", "4.2.3", "9.2.2"]
    assert _question_ids(run, "--stage", "return") == ["5.2.2"]


def test_no_match_is_success_with_an_empty_list(run: Run) -> None:
    result = run("questions", "--session", "2", "--theme", "finance", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    plain = run("questions", "--session", "2", "--theme", "finance")
    assert plain.exit_code == 0
    assert "no questions match" in plain.stdout


def test_themes_count_points_and_questions(run: Run) -> None:
    rows = {r["theme"]["id"]: r for r in _json(run, "themes")}
    assert len(rows) == 19
    narrative = rows["changing-the-narrative"]
    assert (narrative["key_points"], narrative["questions"]) == (6, 5)
    assert sum(r["key_points"] for r in rows.values()) >= 39
    assert rows["education"]["questions"] == 0  # a theme may have no questions


def test_matrix(run: Run) -> None:
    grid = _json(run, "matrix")
    assert [s["id"] for s in grid["stages"]][2] == "arrival"
    rows = {r["actor"]["id"]: r["cells"] for r in grid["rows"]}
    assert len(rows) == 16
    assert rows["financial-institutions"]["long-term-options"] == ["finance", "accommodation"]
    assert rows["media"]["transit"] == []
    placed = sum(len(fns) for cells in rows.values() for fns in cells.values())
    assert placed >= 32  # every stage function sits in at least one cell


@pytest.mark.parametrize(
    "args",
    [
        ["stage", "arival"],
        ["actor", "financ-institutions-x"],
        ["sector", "fnance"],
        ["session", "11"],
        ["questions", "--theme", "narative"],
    ],
)
def test_unknown_names_exit_2_with_a_suggestion_and_nothing_on_stdout(
    run: Run, args: list[str]
) -> None:
    result = run(*args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith("error: ")
    assert len(result.stderr.splitlines()) == 1
    assert "valid " in result.stderr


def test_typo_message(run: Run) -> None:
    result = run("stage", "arival")
    assert result.stderr.startswith('error: no stage matches "arival"; did you mean "arrival"?')


@pytest.mark.parametrize(
    "args",
    [
        ["stages"],
        ["stage", "arrival"],
        ["cycle"],
        ["actors"],
        ["actor", "finance"],
        ["roles"],
        ["cooperation"],
        ["sectors"],
        ["sector", "financial-services"],
        ["sessions"],
        ["session", "4"],
        ["questions"],
        ["themes"],
        ["matrix"],
        ["validate"],
    ],
)
def test_every_view_renders_and_every_json_is_one_document(run: Run, args: list[str]) -> None:
    plain = run(*args)
    assert plain.exit_code == 0, plain.stderr
    assert plain.stdout.strip()
    assert "\x1b" not in plain.stdout
    json.loads(run(*args, "--json").stdout)


def test_version(run: Run) -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith("migcycle 0.1.0 (data ")


def test_data_option_reads_another_directory(run: Run, data_copy: Any) -> None:
    from .conftest import edit

    edit(
        data_copy / "cycle.yaml",
        "summary: When the migrant arrives",
        "summary: On arrival, when the migrant arrives",
    )
    result = run("--data", str(data_copy), "stage", "arrival", "--json")
    assert json.loads(result.stdout)["stage"]["summary"].startswith("On arrival")
    env = run("stage", "arrival", "--json", env={"MIGCYCLE_DATA": str(data_copy)})
    assert json.loads(env.stdout)["stage"]["summary"].startswith("On arrival")


def test_a_missing_data_directory_is_a_usage_error(run: Run, tmp_path: Any) -> None:
    result = run("--data", str(tmp_path / "missing"), "stages")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "does not exist" in result.stderr


def test_unknown_option_is_a_usage_error(run: Run) -> None:
    result = run("stages", "--jsn")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_an_internal_error_is_one_line_and_debug_shows_the_traceback(
    run: Run, monkeypatch: pytest.MonkeyPatch
) -> None:
    from migcycle import query

    def broken(*_: object) -> None:
        raise RuntimeError("boom")

    monkeypatch.setattr(query, "cycle", broken)
    result = run("cycle")
    assert result.exit_code == 1
    assert result.stdout == ""
    assert result.stderr == (
        "error: internal error: RuntimeError: boom (run with --debug for the traceback)\n"
    )
    with pytest.raises(RuntimeError, match="boom"):
        run("--debug", "cycle")
    with pytest.raises(RuntimeError, match="boom"):
        run("cycle", env={"MIGCYCLE_DEBUG": "1"})
