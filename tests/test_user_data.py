"""Users' own data directories: replacement files, extensions, collisions, bad paths."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from .conftest import Run

EXAMPLE = Path(__file__).resolve().parents[1] / "examples" / "extension"


@pytest.fixture
def extension(tmp_path: Path) -> Path:
    target = tmp_path / "mine"
    shutil.copytree(EXAMPLE, target)
    return target


def test_the_example_extension_is_valid(run: Run, extension: Path) -> None:
    result = run("validate", str(extension), "--json")
    assert result.exit_code == 0, result.stderr
    counts = json.loads(result.stdout)["counts"]
    assert (counts["sessions"], counts["key_points"], counts["questions"]) == (10, 40, 26)
    assert (counts["actor_types"], counts["documents"]) == (17, 1)


def test_extension_records_show_in_stage_search_and_export(run: Run, extension: Path) -> None:
    data = ("--data", str(extension))
    view = json.loads(run(*data, "stage", "arrival", "--json").stdout)
    assert "11.1.1" in [k["id"] for k in view["related"]["key_points"]]
    assert "11.2.1" in [q["id"] for q in view["related"]["questions"]]
    hits = json.loads(run(*data, "search", "informal agents", "--json").stdout)
    assert hits[0]["id"] == "11.1.1" and hits[0]["document"] == "example-case-study"
    lines = [json.loads(x) for x in run(*data, "export", "--format", "jsonl").stdout.splitlines()]
    assert {"kind": "session", "id": "11"}.items() <= next(
        r for r in lines if r.get("id") == "11"
    ).items()
    assert any(r["kind"] == "actor" and r["id"] == "diaspora-organisations" for r in lines)
    assert "Diaspora organisations" in run(*data, "actor", "diaspora").stdout
    assert run(*data, "cite", "11.1.1").stdout.startswith(
        "migcycle documentation (2026). A remittance start-up in a transit city"
    )


def test_environment_variable_works_like_the_option(run: Run, extension: Path) -> None:
    result = run("sessions", "--json", env={"MIGCYCLE_DATA": str(extension)})
    assert [s["id"] for s in json.loads(result.stdout)][-1] == "11"


def test_bundled_data_is_untouched_without_data(run: Run) -> None:
    assert len(json.loads(run("sessions", "--json").stdout)) == 9


def test_a_colliding_id_names_both_files(run: Run, extension: Path) -> None:
    path = extension / "actors.yaml"
    path.write_text(path.read_text().replace("id: diaspora-organisations", "id: media"))
    result = run("validate", str(extension))
    assert result.exit_code == 1
    assert result.stdout == ""
    (line,) = [x for x in result.stderr.splitlines() if "duplicate actor type id 'media'" in x]
    assert line.startswith(f"{path}:")
    assert "(first defined at " in line and "cycle.yaml:" in line


def test_a_replacement_file_replaces_the_bundled_one(run: Run, tmp_path: Path) -> None:
    mine = tmp_path / "mine"
    assert run("export", "--format", "yaml", "--output", str(mine)).exit_code == 0
    (mine / "cycle.yaml").unlink()
    (mine / "frameworks.yaml").unlink()
    seminar = mine / "seminar.yaml"
    seminar.write_text(seminar.read_text().replace("delegates: 150", "delegates: 151"))
    result = run("--data", str(mine), "export", "--format", "json")
    assert json.loads(result.stdout)["seminar"]["document"]["delegates"] == 151


def test_an_undeclared_document_is_an_error(run: Run, extension: Path) -> None:
    path = extension / "actors.yaml"
    path.write_text(
        path.read_text().replace("document: example-case-study", "document: example-case-stud")
    )
    result = run("validate", str(extension))
    assert result.exit_code == 1
    assert (
        "unknown document 'example-case-stud'; did you mean 'example-case-study'?" in result.stderr
    )


def test_an_extension_whose_layout_is_unclear(run: Run, tmp_path: Path) -> None:
    (tmp_path / "notes.yaml").write_text("notes:\n  - {id: mine, question: q, decision: d}\n")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "cannot tell which data file this extends" in result.stderr
    assert "add a line `layout: cycle`" in result.stderr
    (tmp_path / "notes.yaml").write_text(
        "layout: seminar\nnotes:\n  - {id: mine, question: q, decision: d}\n"
    )
    assert run("validate", str(tmp_path)).exit_code == 0


def test_an_extension_cannot_set_the_document(run: Run, tmp_path: Path) -> None:
    (tmp_path / "doc.yaml").write_text("layout: seminar\ndocument: {id: seminar-2017}\n")
    result = run("validate", str(tmp_path))
    assert result.exit_code == 1
    assert "an extension adds records and cannot set `document`" in result.stderr


def test_errors_in_an_extension_point_at_the_extension(run: Run, extension: Path) -> None:
    path = extension / "case-study.yaml"
    path.write_text(
        path.read_text().replace("themes: [finance, rights]", "themes: [finance, rigths]")
    )
    result = run("validate", str(extension))
    assert result.exit_code == 1
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path}:")
    assert "unknown theme 'rigths'; did you mean 'rights'?" in line


@pytest.mark.parametrize("kind", ["missing", "file"])
def test_a_bad_data_path_is_a_usage_error(run: Run, tmp_path: Path, kind: str) -> None:
    path = tmp_path / "nope"
    if kind == "file":
        path.write_text("x")
    result = run("--data", str(path), "stages")
    assert result.exit_code == 2
    assert result.stdout == ""
    expected = "does not exist" if kind == "missing" else "is not a directory"
    assert result.stderr == f"error: data directory '{path}' {expected}\n"


def test_an_unreadable_data_directory_is_a_usage_error(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import os

    # permission bits do not stop root (which CI may be), so deny access the way the OS would
    real_access = os.access
    monkeypatch.setattr(
        os, "access", lambda path, mode: Path(path) != tmp_path and real_access(path, mode)
    )
    result = run("--data", str(tmp_path), "stages")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert f"'{tmp_path}' is not readable" in result.stderr
