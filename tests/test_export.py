"""Every export format, parsed back the way its users' tools read it."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest

from migcycle.export import codebook as book
from migcycle.export import sqlite as export_sqlite
from migcycle.load import load_catalog
from migcycle.models import Catalog

from .conftest import Run

QDA = "{urn:QDA-XML:codebook:1.0}"


def test_json_is_the_whole_catalog(run: Run, catalog: Catalog) -> None:
    result = run("export", "--format", "json")
    assert result.exit_code == 0
    data = json.loads(result.stdout)
    assert list(data) == ["cycle", "seminar", "frameworks"]
    assert Catalog.model_validate(data, strict=False) == catalog
    only = json.loads(run("export", "--format", "json", "--kind", "question").stdout)
    assert list(only) == ["question"] and len(only["question"]) == 25


def test_jsonl_has_one_record_per_line_with_its_kind(run: Run, catalog: Catalog) -> None:
    lines = run("export", "--format", "jsonl").stdout.splitlines()
    records = [json.loads(line) for line in lines]
    expected = sum(len(v) for v in catalog.kinds().values())
    assert len(records) == expected
    stage = next(r for r in records if r["kind"] == "stage" and r["id"] == "arrival")
    assert stage["functions"][0] == "arrival/recruitment"  # nested records by id
    question = next(r for r in records if r["kind"] == "question" and r["id"] == "4.2.3")
    assert question["session"] == "4"


def test_csv_one_kind_to_stdout(run: Run, tmp_path: Path) -> None:
    text = run("export", "--format", "csv", "--kind", "sector-item").stdout
    target = tmp_path / "items.csv"
    run("export", "--format", "csv", "--kind", "sector-item", "--output", str(target))
    assert target.read_bytes().count(b"\r\n") == 83  # RFC 4180: CRLF after the header and each row
    rows = list(csv.DictReader(io.StringIO(text, newline="")))
    assert len(rows) == 82
    first = rows[0]
    assert list(first)[:4] == ["id", "sector", "list", "text"]
    assert (first["id"], first["sector"], first["list"]) == (
        "financial-services/o1",
        "financial-services",
        "opportunities",
    )
    stages = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", "-k", "key-point").stdout)))
    assert stages[0]["curated_themes"] == (
        '["effective-governance", "international-cooperation", "security", "rights"]'
    )


def test_csv_every_kind_into_a_directory(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    target = tmp_path / "tables"
    assert run("export", "--format", "csv", "--output", str(target)).exit_code == 0
    files = sorted(p.name for p in target.iterdir())
    assert files == sorted(f"{k}.csv" for k, v in catalog.kinds().items() if v)
    with (target / "public-role.csv").open(newline="", encoding="utf-8") as handle:
        roles = list(csv.DictReader(handle))
    assert json.loads(roles[2]["government_examples"]) == [
        "Contracting out service provision and programme implementation to private actors."
    ]


def test_csv_of_several_kinds_needs_a_directory(run: Run) -> None:
    result = run("export", "--format", "csv")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "choose one --kind, or --output DIR" in result.stderr


def test_markdown_report_cites_every_record(run: Run) -> None:
    text = run("export", "--format", "markdown", "--kind", "cooperation").stdout
    assert text.startswith("# migcycle data")
    assert text.count("\n### ") == 5
    assert text.count("\n> Bisong, A. and Knoll, A. (2020).") == 5
    assert "`cooperation:trust`" in text


def test_yaml_round_trip(run: Run, tmp_path: Path, catalog: Catalog) -> None:
    target = tmp_path / "copy"
    assert run("export", "--format", "yaml", "--output", str(target)).exit_code == 0
    assert sorted(p.name for p in target.glob("*.yaml")) == [
        "cycle.yaml",
        "frameworks.yaml",
        "seminar.yaml",
    ]
    assert load_catalog(target) == catalog
    assert (target / "seminar.yaml").read_text().startswith("# yaml-language-server: $schema=")
    stream = run("export", "--format", "yaml").stdout
    assert stream.startswith(
        "---\n# cycle.yaml\n# yaml-language-server: $schema=cycle.schema.json\n"
    )


def test_sqlite_tables_foreign_keys_and_full_text(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "migcycle.db"
    assert run("export", "--format", "sqlite", "--output", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    try:
        tables = {r[0] for r in db.execute("select name from sqlite_master where type = 'table'")}
        assert {"stage", "stage_function", "actor", "key_point", "question", "gcm"} <= tables
        assert db.execute("select count(*) from stage_function").fetchone() == (32,)
        assert db.execute("select count(*) from public_role_example").fetchone() == (22,)
        keys = db.execute("pragma foreign_key_list(key_point_themes)").fetchall()
        assert {(k[2], k[3], k[4]) for k in keys} == {
            ("key_point", "key_point", "id"),
            ("theme", "theme", "id"),
        }
        assert ("stage", "stage", "id") in {
            (k[2], k[3], k[4]) for k in db.execute("pragma foreign_key_list(stage_function)")
        }
        db.execute("pragma foreign_keys = on")
        assert db.execute("pragma foreign_key_check").fetchall() == []
        with pytest.raises(sqlite3.IntegrityError):
            db.execute("insert into key_point_themes values ('4.1.1', 'no-such-theme', 9)")
        hits = db.execute(
            "select q.id from question_fts f join question q on q.rowid = f.rowid where question_fts match 'fintech'"
        ).fetchall()
        assert hits == [("4.2.3",)]
        joined = db.execute(
            "select q.id from question q join question_actors a on a.question = q.id "
            "where a.actor = 'financial-institutions' order by q.id"
        ).fetchall()
        assert [r[0] for r in joined] == ["4.2.1", "4.2.2", "4.2.3", "9.2.2"]
    finally:
        db.close()


def test_sqlite_needs_an_output_file(run: Run) -> None:
    result = run("export", "--format", "sqlite")
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr == "error: sqlite needs a file: add --output FILE\n"


def test_a_failed_sqlite_export_leaves_no_file(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def broken(_catalog: object, path: Path, _kinds: object = ()) -> None:
        sqlite3.connect(path).execute("create table half (x)").connection.close()
        raise sqlite3.OperationalError("disk I/O error")

    monkeypatch.setattr(export_sqlite, "write_sqlite", broken)
    target = tmp_path / "out.db"
    result = run("export", "--format", "sqlite", "--output", str(target))
    assert result.exit_code == 1
    assert list(tmp_path.iterdir()) == []


def test_existing_files_need_force(run: Run, tmp_path: Path) -> None:
    target = tmp_path / "out.json"
    target.write_text("keep me")
    result = run("export", "--format", "json", "--output", str(target))
    assert result.exit_code == 2
    assert result.stderr == f"error: '{target}' already exists; add --force to overwrite it\n"
    assert target.read_text() == "keep me"
    assert run("export", "--format", "json", "--output", str(target), "--force").exit_code == 0
    assert json.loads(target.read_text())["cycle"]["document"]["id"] == "ecdpm-2020"


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (
            ["--format", "json", "--output", "/no/such/dir/out.json"],
            "error: directory '/no/such/dir' does not exist",
        ),
        (
            ["--format", "json", "--kind", "questoin"],
            'error: no kind "questoin"; did you mean "question"?',
        ),
        (["--format", "yaml", "--kind", "question"], "error: yaml re-emits whole data files"),
    ],
)
def test_bad_export_arguments(run: Run, args: list[str], message: str) -> None:
    result = run("export", *args)
    assert result.exit_code == 2
    assert result.stdout == ""
    assert result.stderr.startswith(message)


def test_unknown_format_is_a_usage_error(run: Run) -> None:
    result = run("export", "--format", "xlsx")
    assert result.exit_code == 2
    assert result.stdout == ""


def test_qdc_codebook_is_refi_qda_xml(run: Run, catalog: Catalog) -> None:
    text = run("codebook").stdout
    root = ET.fromstring(text)
    assert root.tag == f"{QDA}CodeBook"
    groups = root.findall(f"{QDA}Codes/{QDA}Code")
    assert [g.get("name") for g in groups] == [
        "Migration cycle stages",
        "Private-sector actor types",
        "Themes",
    ]
    assert all(g.get("isCodable") == "false" for g in groups)
    stages = groups[0].findall(f"{QDA}Code")
    assert [s.get("name") for s in stages][2] == "3 Arrival"
    assert len(stages[2].findall(f"{QDA}Code")) == 7  # arrival's functions
    assert len(groups[1].findall(f"{QDA}Code")) == len(catalog.cycle.actor_types)
    codes = root.iter(f"{QDA}Code")
    guids = [c.get("guid") for c in codes]
    assert len(guids) == len(set(guids)) == 3 + 5 + 32 + 16 + 19
    first = stages[0]
    assert first.find(f"{QDA}Description").text == "Before the migration journey begins."  # type: ignore[union-attr]


def test_codebook_guids_are_stable(run: Run, tmp_path: Path) -> None:
    first = run("codebook").stdout
    assert run("codebook").stdout == first
    assert book.guid("stage", "arrival") == book.guid("stage", "arrival")
    assert book.guid("stage", "arrival") != book.guid("actor", "arrival")
    target = tmp_path / "codes.qdc"
    assert run("codebook", "--output", str(target)).exit_code == 0
    assert target.read_text(encoding="utf-8") == first


def test_csv_codebook(run: Run) -> None:
    rows = list(csv.DictReader(io.StringIO(run("codebook", "--format", "csv").stdout)))
    assert list(rows[0]) == ["guid", "parent", "group", "kind", "id", "name", "description"]
    arrival = next(r for r in rows if r["id"] == "arrival")
    assert arrival["parent"] == next(r for r in rows if r["id"] == "stages")["guid"]
