"""Curated links carry their reasons (issue 14): the loader checks them, and the review's
corrections hold - wrong links gone, footnote 6 on the actor list as a whole, missing tags added."""

from __future__ import annotations

import csv
import io
import json
import sqlite3
from pathlib import Path
from typing import Any

import pytest

from migcycle import curation, query
from migcycle.cli import EXIT_DATA
from migcycle.models import Catalog, KeyPoint, Question, Reason, Sourced

from .conftest import Run, edit

WHY_2_1_2 = "              displacement: {why: 86% of the world's refugee population}\n"


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


def _fails(run: Run, directory: Path) -> list[str]:
    result = run("validate", str(directory))
    assert result.exit_code == EXIT_DATA, result.stdout + result.stderr
    return result.stderr.splitlines()


def _position(path: Path, needle: str, at: str) -> tuple[int, int]:
    """1-based line and column of ``at`` inside the first ``needle`` of a file."""
    text = path.read_text(encoding="utf-8")
    offset = text.index(needle) + needle.index(at)
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def _items(catalog: Catalog) -> list[KeyPoint | Question]:
    return [*catalog.key_points, *catalog.questions]


def _item(catalog: Catalog, ident: str) -> KeyPoint | Question:
    return next(r for r in _items(catalog) if r.id == ident)


# --- the loader checks every reason ----------------------------------------------------------------


def test_a_link_without_a_reason_is_rejected_at_its_place(run: Run, data_copy: Path) -> None:
    path = data_copy / "seminar.yaml"
    edit(path, WHY_2_1_2, "")
    line, column = _position(path, "themes: [displacement, international", "displacement")
    assert _fails(run, data_copy) == [
        f"{path}:{line}:{column}: sessions[0].key_points[1].curated.themes[0]: curated link to "
        "theme 'displacement' has no reason: add curated.why.themes.displacement: the words that "
        "ground it, or a one-line rationale with `basis: inferred`"
    ]


def test_a_quoted_reason_that_is_not_in_the_text_is_rejected(run: Run, data_copy: Path) -> None:
    path = data_copy / "seminar.yaml"
    line, column = edit(
        path,
        WHY_2_1_2,
        "              displacement: {why: most refugees live in camps}\n",
        at="most refugees",
    )
    assert _fails(run, data_copy) == [
        f"{path}:{line}:{column}: sessions[0].key_points[1].curated.why.themes.displacement.why: "
        "the quoted reason does not occur in the text of '2.1.2' or of theme 'displacement': "
        "quote their words, or mark it `basis: inferred`"
    ]


def test_a_rationale_may_stand_where_no_words_do(run: Run, data_copy: Path) -> None:
    edit(
        data_copy / "seminar.yaml",
        WHY_2_1_2,
        "              displacement: {why: most refugees live in camps, basis: inferred}\n",
    )
    assert run("validate", str(data_copy)).exit_code == 0


def test_a_reason_for_a_link_that_is_not_there(run: Run, data_copy: Path) -> None:
    path = data_copy / "seminar.yaml"
    edit(path, WHY_2_1_2, WHY_2_1_2 + "              finance: {why: refugee}\n")
    (line,) = _fails(run, data_copy)
    assert line.endswith(
        "sessions[0].key_points[1].curated.why.themes.finance: a reason for a link that is not "
        "there: themes has no 'finance'"
    )


def test_an_inferred_reason_is_one_line() -> None:
    long = Reason(why="x" * (curation.INFERRED_MAX + 1), basis="inferred")
    assert list(curation._inferred_problems(("seminar",), long))
    assert not list(curation._inferred_problems(("seminar",), Reason(why="y", basis="inferred")))


def test_quotations_ignore_case_spacing_typographic_quotes_and_dashes() -> None:
    text = curation.normalise("satisfy their intended audience – such as appearing ‘tough’")
    assert curation.occurs(
        'Intended  audience - such as appearing "tough"'.replace('"', "'"), [text]
    )
    assert curation.occurs("satisfy their … appearing", [text])
    assert not curation.occurs("appearing soft", [text])


def test_every_curated_link_in_the_bundled_data_has_a_checked_reason(catalog: Catalog) -> None:
    assert list(curation.reason_problems(catalog)) == []
    for kind, records in catalog.kinds().items():
        for record in records:
            if not isinstance(record, Sourced):
                continue
            for field in curation.LINK_FIELDS:
                for target in getattr(record.curated, field):
                    assert target in record.curated.why.get(field, {}), (kind, field, target)


# --- the review's corrections ----------------------------------------------------------------------


def test_the_wrong_links_are_gone(catalog: Catalog) -> None:
    private_safety_nets = _item(catalog, "5.1.5")
    assert "social-services" not in private_safety_nets.curated.functions
    assert "social-service-providers" not in private_safety_nets.curated.actors
    for consumers in ("10.1.3", "10.2.1"):  # the public choosing ethical operators, not role v
        assert "consumer" not in _item(catalog, consumers).curated.roles


def test_the_de_risking_session_no_longer_claims_remittances(catalog: Catalog) -> None:
    for item in _items(catalog):
        if item.id.startswith("4."):
            assert "gcm-20" not in item.curated.gcm, item.id
            assert "finance" not in item.curated.functions, item.id


def test_function_links_are_made_per_stage_function(run: Run, catalog: Catalog) -> None:
    assert all(not f.curated.gcm and not f.curated.sdg for f in catalog.cycle.functions)
    by_id = {f.id: f for f in catalog.stage_functions}
    assert by_id["transit/transportation"].curated.gcm == ["gcm-11"]
    assert by_id["pre-departure/transportation"].curated.gcm == []  # low-cost travel
    gcm = _json(run, "stage", "pre-departure")["related"]["gcm"]
    assert "gcm-11" not in [g["id"] for g in gcm]


def test_actor_hospitality_shows_footnote_6_on_the_list_not_as_its_own_links(run: Run) -> None:
    view = _json(run, "actor", "hospitality")
    assert "gcm-21" not in [g["id"] for g in view["related"]["gcm"]]
    (link,) = [x for x in view["related"]["links"] if x["id"] == "gcm-21"]
    assert link["whose"] == "document"
    assert (
        link["via"]
        == "the brief's footnote 6, on actor-examples as a whole, not on this actor type"
    )
    assert link["why"].startswith("Some of their activities touch upon Objective 3")
    assert [f["number"] for f in view["footnotes"]] == [6, 7, 8]  # the JSON keeps its keys
    text = run("actor", "hospitality", env={"COLUMNS": "200"}).stdout
    assert "The brief's footnote 6, on actor-examples as a whole, not on this actor type" in text


@pytest.mark.parametrize(
    ("item", "theme"),
    [
        ("6.1.4", "displacement"),  # "impact for displaced people"
        ("10.1.1", "international-cooperation"),  # "North-to-South and South-South cooperation"
        ("10.1.1", "emerging-actors"),
        ("10.1.3", "effective-governance"),
        ("2.1.3", "security"),
        ("3.1.1", "employment"),
        ("7.1.1", "rights"),
        ("3.1.2", "integration"),
    ],
)
def test_the_missing_theme_tags_are_there(catalog: Catalog, item: str, theme: str) -> None:
    record = _item(catalog, item)
    assert theme in record.curated.themes
    assert record.curated.why["themes"][theme].basis == "quoted"


def test_common_theme_descriptions_are_curated(run: Run) -> None:
    rows = {r["theme"]["id"]: r["theme"] for r in _json(run, "themes")}
    common = rows["emerging-actors"]
    assert common["description"] is None and common["curated"]["description"]
    assert rows["finance"]["description"]  # a topical theme is migcycle's record as a whole


# --- provenance in views and exports ---------------------------------------------------------------


def test_views_give_each_link_its_reason(run: Run, catalog: Catalog) -> None:
    actor = query.find_actor(catalog, "finance")
    links = query.actor_view(catalog, actor).related.links
    point = next(x for x in links if (x.kind, x.id) == ("key-point", "4.1.1"))
    assert (point.whose, point.basis) == ("curated", "quoted")
    assert (
        point.why
        == "Financial institutions face significant legal, economic and reputational risks"
    )
    text = run("session", "4", env={"COLUMNS": "200"}).stdout
    assert "Why each item is linked (curated)" in text
    assert "“lobby for clearer sanctions regulations”" in text


def test_a_framework_view_says_why_each_record_concerns_it(run: Run) -> None:
    view = _json(run, "gcm", "21")
    stage = view["reasons"]["stage:return-and-reintegration"]
    assert (stage["whose"], stage["why"]) == (
        "curated",
        "Migrants return to their country of origin",
    )
    assert view["reasons"]["footnote:fn-6"]["whose"] == "document"
    assert "actor" not in view["records"]  # footnote 6 is not each actor type's link
    text = run("gcm", "21", env={"COLUMNS": "200"}).stdout
    assert "the document's own: the footnote cites it" in text


def test_exports_carry_the_reasons(run: Run, tmp_path: Path) -> None:
    rows = list(csv.DictReader(io.StringIO(run("export", "-f", "csv", "-k", "key-point").stdout)))
    why = json.loads(rows[0]["curated_why"])
    assert why["themes"]["rights"] == {
        "why": "an erosion of respect for international law, especially humanitarian law",
        "basis": "quoted",
    }
    path = tmp_path / "m.db"
    assert run("export", "--format", "sqlite", "--output", str(path)).exit_code == 0
    db = sqlite3.connect(path)
    try:
        found = db.execute(
            "select provenance, basis, why from link_reason where kind = 'key-point' and "
            "record = '4.1.1' and field = 'themes' and target = 'finance'"
        ).fetchall()
        cited = db.execute(
            "select provenance, why from link_reason where record = 'fn-6' and target = 'gcm-21'"
        ).fetchall()
    finally:
        db.close()
    assert found == [("curated", "quoted", "de-risk")]
    assert cited == [("document", "footnote 6")]
    markdown = run("export", "-f", "markdown", "-k", "key-point").stdout
    assert "  - themes `finance` - “de-risk”" in markdown


# --- the inter-coder check -------------------------------------------------------------------------


def _kappa_script() -> Any:
    import importlib.util

    path = Path(__file__).resolve().parents[1] / "scripts" / "kappa.py"
    spec = importlib.util.spec_from_file_location("kappa", path)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_cohens_kappa_per_theme(tmp_path: Path) -> None:
    kappa = _kappa_script()
    assert kappa.kappa([True, True, False, False], [True, False, False, False]) == (0.75, 0.5)
    assert kappa.kappa([False, False], [False, False]) == (1.0, None)  # undefined: no item tagged
    themes = kappa.codebook_themes(Path(__file__).resolve().parents[1] / "docs" / "codebook.md")
    assert len(themes) == 19 and themes[0] == "changing-the-narrative"
    first, second = tmp_path / "a.tsv", tmp_path / "b.tsv"
    first.write_text("id\tthemes\n1\tfinance;rights\n2\tfinance\n")
    second.write_text("id\tthemes\n1\tfinance\n2\tfinance; rights\n")
    report = kappa.report(
        ["1", "2"], ["finance", "rights"], *map(kappa.read_coding, (first, second))
    )
    assert "| finance | 2 | 2 | 2 | 100% | undefined |" in report
    assert "| 1 | rights | — |" in report and "| 2 | — | rights |" in report


INTERCODER = Path(__file__).resolve().parents[1] / "docs" / "intercoder"


@pytest.mark.parametrize(
    ("item", "theme", "tagged"),
    [
        ("4.2.3", "emerging-actors", False),  # NGOs using fintech in their operations: technology
        ("6.1.1", "effective-governance", True),  # "towards operational impact"
        ("6.1.1", "accountability", True),
        ("6.1.3", "emerging-actors", True),  # "Civil society actors attempting to ..."
        ("6.1.3", "employment", True),  # "the rights of refugees and migrants to access work"
        ("6.1.3", "education", True),
        ("6.2.2", "effective-governance", True),  # "implementing the international agreements"
        ("7.1.2", "education", True),  # "teaching refugees to use the newest tools"
        ("7.1.3", "finance", True),  # "generate appropriate investment"
        ("7.2.2", "effective-governance", False),  # legal barriers only as the setting
        ("9.1.1", "emerging-actors", True),  # migrant entrepreneurs become mentors
        ("4.2.4", "finance", True),  # kept: the first coding stands
        ("4.2.4", "accountability", True),
        ("4.2.4", "international-cooperation", False),
        ("10.1.3", "rights", True),
    ],
)
def test_the_intercoder_resolution_holds(
    catalog: Catalog, item: str, theme: str, tagged: bool
) -> None:
    record = _item(catalog, item)
    assert (theme in record.curated.themes) is tagged
    if tagged:
        assert record.curated.why["themes"][theme].basis == "quoted"


def test_the_resolved_coding_is_the_data(catalog: Catalog) -> None:
    kappa = _kappa_script()
    resolved = kappa.read_coding(INTERCODER / "resolved-coding.tsv")
    assert resolved == {r.id: set(r.curated.themes) for r in _items(catalog)}
    assert sum(map(len, resolved.values())) == 201  # 194 of the first coding, +9 -2 resolved
