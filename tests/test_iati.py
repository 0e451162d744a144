"""IATI activity files in, a draft layer out: the fixtures pass the official schema, the import
proposes what the rule says with the activity as a project, and hostile XML is a clear error."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from migcycle import iati
from migcycle.search import words

from .conftest import Run

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "iati" / "donor-activities.xml"
SCHEMA = Path(__file__).resolve().parents[2] / "shared" / "iati" / "iati-activities-schema.xsd"


def _schema_errors(path: Path) -> str | None:
    """Problems found by the official XSD (None: valid); skips where no validator is installed."""
    try:
        from lxml import etree
    except ImportError:
        if shutil.which("xmllint") is None:
            pytest.skip("neither lxml nor xmllint is installed")
        done = subprocess.run(
            ["xmllint", "--noout", "--schema", str(SCHEMA), str(path)],
            capture_output=True, text=True, check=False,
        )  # fmt: skip
        return None if done.returncode == 0 else done.stderr
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    valid = schema.validate(etree.parse(str(path)))
    return None if valid else str(schema.error_log)


def test_the_fixture_is_valid_iati_2_03() -> None:
    if not SCHEMA.exists():
        pytest.skip(f"the official schema is not at {SCHEMA}")
    assert _schema_errors(FIXTURE) is None


def _draft(run: Run, tmp_path: Path) -> tuple[dict[str, Any], str]:
    target = tmp_path / "draft.yaml"
    result = run("layer", "import", "--iati", str(FIXTURE), "--output", str(target))
    assert result.exit_code == 0, result.stderr
    shown = run("layer", "show", str(target), "--json")
    assert shown.exit_code == 0, shown.stderr
    return {c["id"]: c for c in json.loads(shown.stdout)}, target.read_text(encoding="utf-8")


def test_iati_import_proposes_stage_functions_with_the_activity(run: Run, tmp_path: Path) -> None:
    cells, _ = _draft(run, tmp_path)
    assert {
        cell: [p["code"].rsplit("-", 1)[1] for p in c["projects"]] for cell, c in cells.items()
    } == {
        "pre-departure/recruitment": ["001"],
        "pre-departure/pre-departure-orientation": ["001"],
        "arrival/social-cohesion-and-integration": ["004"],
        "arrival/finance": ["002", "007"],  # two activities in one cell
        "arrival/accommodation": ["004"],
        "return-and-reintegration/recruitment": ["003"],
        "return-and-reintegration/finance": ["003"],
        "return-and-reintegration/education": ["003"],
    }
    assert all(c["score"] is None for c in cells.values())  # a draft: the officer decides
    remittances = cells["arrival/finance"]["projects"][0]
    assert remittances["code"] == "XM-EXAMPLE-1-MIG-002"
    assert remittances["title"] == "Cheaper remittances through mobile money"  # the English title
    assert remittances["comment"].startswith(
        "matched: financial services -> finance; destination -> stage arrival; "
        "private sector: Example Mobile Money Ltd (fictional) (private sector in aid recipient "
        "country, implementing)"
    )


def test_iati_import_says_what_it_kept_and_why(run: Run, tmp_path: Path) -> None:
    _, text = _draft(run, tmp_path)
    assert "7 activities read, 6 concern migration (5 with private-sector participation)" in text
    assert (
        "XM-EXAMPLE-1-WAT-005" not in text
    )  # water supply: no migration sector, no migration word
    assert (
        '# - XM-EXAMPLE-1-MIG-004: Temporary housing and language courses for refugees (kept for "refugees";'
        in text
    )
    assert "# - XM-EXAMPLE-1-MIG-006: no stage function proposed; place it by hand" in text
    result = run("layer", "import", "--iati", str(FIXTURE))
    assert result.stderr.startswith("note: Draft from 1 IATI file(s): 7 activities read")


def test_the_rule_matches_word_forms_and_stage_names(catalog: Any) -> None:
    text = words("Financing returnees' start-ups")
    assert iati.phrase_match("Finance", text) == "financing"
    assert iati.phrase_match("return", text) == "returnees"
    assert iati.phrase_match("Verification of certificates and skills", text) is None


HOSTILE = {
    "entity expansion": (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>\n'
        '<iati-activities version="2.03">&lol2;</iati-activities>\n'
    ),
    "external entity": (
        '<?xml version="1.0"?>\n<!DOCTYPE x [<!ENTITY ext SYSTEM "file:///etc/passwd">]>\n'
        '<iati-activities version="2.03">&ext;</iati-activities>\n'
    ),
}


@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_doctype_is_refused(run: Run, tmp_path: Path, name: str) -> None:
    path = tmp_path / "hostile.xml"
    path.write_text(HOSTILE[name])
    result = run("layer", "import", "--iati", str(path))
    assert result.exit_code == 1 and result.stdout == ""
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path}:2:")  # the DOCTYPE's line
    assert line.endswith(
        ": a DOCTYPE is not accepted in an IATI file (it could declare entities); "
        "remove the <!DOCTYPE ...> line"
    )


def test_ten_mebibytes_of_nesting_is_refused(run: Run, tmp_path: Path) -> None:
    path = tmp_path / "deep.xml"
    depth = 10 * 1024 * 1024 // len("<a>")
    path.write_bytes(b'<iati-activities version="2.03">' + b"<a>" * depth)
    result = run("layer", "import", "--iati", str(path))
    assert result.exit_code == 1
    assert result.stderr.startswith(f"{path}:1:")
    assert result.stderr.endswith(f": elements nested deeper than {iati.MAX_XML_DEPTH} levels\n")


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"<iati-activities version='2.03'><iati-activity>", "not well-formed XML"),
        (b"<html><body/></html>", "not an IATI activity file: the root element is <html>"),
        (b"<iati-activities version='1.05'/>", "IATI version 1.05 is not read"),
        (b"", "not well-formed XML"),
    ],
)
def test_not_an_activity_file(run: Run, tmp_path: Path, content: bytes, message: str) -> None:
    path = tmp_path / "bad.xml"
    path.write_bytes(content)
    target = tmp_path / "out.yaml"
    result = run("layer", "import", "--iati", str(path), "--output", str(target))
    assert result.exit_code == 1 and not target.exists()
    (line,) = result.stderr.splitlines()
    assert line.startswith(f"{path}:") and message in line


def test_a_file_over_the_size_bound(
    run: Run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(iati, "MAX_IATI_BYTES", 1000)
    path = tmp_path / "big.xml"
    path.write_bytes(FIXTURE.read_bytes())
    result = run("layer", "import", "--iati", str(path))
    assert result.exit_code == 1
    assert result.stderr == f"{path}: file is over the 1,000-byte limit; split the export\n"


def test_a_missing_file_and_a_fifo(run: Run, tmp_path: Path) -> None:
    result = run("layer", "import", "--iati", str(tmp_path / "none.xml"))
    assert result.exit_code == 1 and result.stderr == f"{tmp_path / 'none.xml'}: file not found\n"
    fifo = tmp_path / "pipe.xml"
    import os

    os.mkfifo(fifo)
    result = run("layer", "import", "--iati", str(fifo))
    assert result.exit_code == 1 and result.stderr == f"{fifo}: not a regular file\n"
