"""`migcycle show ID`: any record with its text, source, citation and links (issue 11)."""

from __future__ import annotations

import json
import re
import shlex

import pytest

from migcycle import query
from migcycle.links import graph
from migcycle.models import Catalog

from .conftest import Run


def test_show_a_question(run: Run) -> None:
    result = run("show", "4.2.3", env={"COLUMNS": "100"})
    assert result.exit_code == 0, result.stderr
    out = result.stdout
    assert out.startswith("Question 4.2.3  (question:4.2.3)\n")
    assert "What is the way forward for multilateral organisations and NGOs" in out
    assert "source: seminar-2017, §4.2.3" in out
    assert "§4.2.3, p. 7. [migcycle question:4.2.3]" in out  # the citation
    assert "Links from this record" in out
    assert re.search(r"in session +4 +the document's own", out)
    assert re.search(r"theme +finance +curated by migcycle", out)
    assert "“fintech (financial" in out  # the link's reason, in quotation marks


def test_show_json_is_the_record_and_its_links(run: Run) -> None:
    data = json.loads(run("show", "4.2.3", "--json").stdout)
    assert (data["kind"], data["id"], data["document"], data["locator"]) == (
        "question",
        "4.2.3",
        "seminar-2017",
        "§4.2.3",
    )
    assert data["record"]["text"] == data["text"]
    fields = {(link["field"], link["id"], link["whose"]) for link in data["links_from"]}
    assert ("themes", "finance", "curated") in fields
    assert ("session", "4", "document") in fields
    assert set(data["links_from"][0]) == {
        "field",
        "kind",
        "id",
        "label",
        "whose",
        "why",
        "basis",
        "via",
    }


def test_footnote_6_is_the_documents_citation_and_its_actors_are_curated(run: Run) -> None:
    data = json.loads(run("show", "fn-6", "--json").stdout)
    cited = {
        link["id"]: link["whose"] for link in data["links_from"] if link["field"] == "cites_gcm"
    }
    assert cited == dict.fromkeys(["gcm-3", "gcm-5", "gcm-6", "gcm-18", "gcm-21"], "document")
    actors = [link for link in data["links_from"] if link["field"] == "actors"]
    assert len(actors) == 7 and {link["whose"] for link in actors} == {"curated"}
    marker = [link for link in data["links_from"] if link["field"] == "marker"]
    assert [(m["id"], m["whose"]) for m in marker] == [("actor-examples", "document")]


def test_links_to_a_record(run: Run) -> None:
    data = json.loads(run("show", "session:4", "--json").stdout)
    printed_in = {link["id"] for link in data["links_to"] if link["field"] == "session"}
    assert {"4.1.1", "4.2.3"} <= printed_in


@pytest.mark.parametrize(
    ("ref", "kind"),
    [
        ("4.2.3", "question"),
        ("4.1.2", "key-point"),
        ("arrival/finance", "stage-function"),
        ("financial-services/d1", "sector-item"),
        ("fn-6", "footnote"),
        ("gcm-20", "gcm"),
        ("sdg-10.c", "sdg"),
        ("stage:3", "stage"),
        ("session:4", "session"),
        ("theme:finance", "theme"),
        ("actor-examples", "passage"),
    ],
)
def test_any_kind_of_record(run: Run, ref: str, kind: str) -> None:
    result = run("show", ref, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["kind"] == kind


@pytest.mark.parametrize(
    "ref", ["4.2", "4.2.", "4", "4.1", "10", "1", "gcm-2", "sdg-10", "4.2.30", "stage:6"]
)
def test_a_number_is_exact_or_nothing(catalog: Catalog, ref: str) -> None:
    """Key points, questions, sessions, stages, objectives, targets: no prefix, no guess."""
    try:
        _, record = query.find_record(catalog, ref)
    except LookupError as err:
        guess = re.search(r'did you mean "([^"]*)"', str(err))
        assert guess is None or re.findall(r"\d+", guess.group(1)) == re.findall(r"\d+", ref)
        return
    assert ref in (getattr(record, "id", None), str(getattr(record, "number", None)))


@pytest.mark.parametrize(
    "args", [["show", "4.2"], ["show", "question:9.9.9"], ["cite", "nothing-like-it"]]
)
def test_every_ids_are_listed_by_names_a_command_that_lists_them(run: Run, args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2 and result.stdout == ""
    command = re.search(r"ids are listed by `migcycle ([^`]*)`", result.stderr)
    assert command, result.stderr
    listed = run(*shlex.split(command.group(1)), "--json")
    assert listed.exit_code == 0
    rows = json.loads(listed.stdout)
    assert rows and {"kind", "id", "label"} == set(rows[0])
    if "--kind" in command.group(1):
        assert {row["kind"] for row in rows} == {"question"}


def test_ids_lists_every_record(run: Run, catalog: Catalog) -> None:
    rows = json.loads(run("ids", "--json").stdout)
    assert len(rows) == len(graph(catalog).records)
    assert {"kind": "question", "id": "4.2.3"}.items() <= next(
        r for r in rows if r["id"] == "4.2.3"
    ).items()


def test_ambiguous_ids_ask_for_a_kind(run: Run) -> None:
    result = run("show", "finance")
    assert result.exit_code == 2
    assert "function:finance, theme:finance" in result.stderr
