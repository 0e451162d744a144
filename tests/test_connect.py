"""The two documents joined: cross-links, frameworks and search (citations: test_cite.py)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

from migcycle import kinds, query
from migcycle.models import Catalog, record_id
from migcycle.search import highlights, search

from .conftest import Run, edit


def _json(run: Run, *args: str) -> Any:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- cross-links in the views ----------------------------------------------------------------------


def test_actor_finance_shows_the_de_risking_session_and_the_financial_services_panel(
    run: Run,
) -> None:
    view = _json(run, "actor", "finance")
    points = [k["id"] for k in view["related"]["key_points"]]
    questions = [q["id"] for q in view["related"]["questions"]]
    assert {"4.1.1", "4.1.2", "4.1.3", "4.1.4"} <= set(points)
    # 4.2.4 is about NGOs' own sanctions compliance and names no financial institution
    assert [q for q in questions if q.startswith("4.")] == ["4.2.1", "4.2.2", "4.2.3"]
    assert "gcm-20" in [g["id"] for g in view["related"]["gcm"]]
    panel = view["sectors"][0]
    assert panel["id"] == "financial-services"
    text = run("actor", "finance", env={"COLUMNS": "200"}).stdout
    assert "Sector panel: Financial services" in text
    assert "Striking the balance between an enabling environment for remittance markets" in text
    assert "4.2.3" in text and "Seminar questions (4)" in text


def test_stage_view_lists_related_seminar_points_and_objectives(run: Run) -> None:
    view = _json(run, "stage", "arrival")
    assert "3.1.2" in [k["id"] for k in view["related"]["key_points"]]
    assert {"gcm-6", "gcm-16", "gcm-20"} <= {g["id"] for g in view["related"]["gcm"]}
    assert "gcm-21" in [g["id"] for g in _json(run, "stage", "return")["related"]["gcm"]]


def test_session_view_lists_what_its_points_touch(run: Run) -> None:
    view = _json(run, "session", "4")
    assert [a["id"] for a in view["actors"]] == ["financial-institutions", "technology-firms"]
    assert [s["id"] for s in view["sectors"]] == ["financial-services"]
    # banks' services to NGOs in high-risk places are not migrants' remittances (GCM 20)
    assert view["gcm"] == []
    assert [s["id"] for s in _json(run, "session", "9")["stages"]] == [
        "arrival",
        "long-term-options",
    ]


def test_links_reach_most_seminar_records(catalog: Catalog) -> None:
    records = [*catalog.key_points, *catalog.questions]
    unlinked = [
        record_id(r)
        for r in records
        if not any(
            (
                r.curated.stages,
                r.curated.actors,
                r.curated.sectors,
                r.curated.functions,
                r.curated.gcm,
            )
        )
    ]
    # slogans and implementation in general, poverty, social spending and private safety nets,
    # internal displacement and policy makers' awareness concern no stage, actor, sector or
    # objective of the brief
    assert unlinked == [
        "2.1.4", "5.1.1", "5.1.2", "5.1.3", "5.1.4", "5.1.5", "5.1.6", "2.2.2", "6.2.1", "8.2.2"
    ]  # fmt: skip


# --- frameworks ------------------------------------------------------------------------------------


def test_gcm_20_lists_finance(run: Run) -> None:
    view = _json(run, "gcm", "20")
    assert view["framework"]["short_label"] == "Remittances"
    records = view["records"]
    assert "function" not in records  # linked per stage function, not on the function as a whole
    assert [r["id"] for r in records["stage-function"]] == [
        f"{stage}/finance"
        for stage in (
            "pre-departure",
            "transit",
            "arrival",
            "long-term-options",
            "return-and-reintegration",
        )
    ]
    assert [r["id"] for r in records["sector"]] == ["financial-services"]
    assert records["actor"] == [
        {
            "kind": "actor",
            "id": "financial-institutions",
            "label": "Financial institutions",
            "via": "stage function pre-departure/finance",
        }
    ]
    questions = {r["id"] for r in records["question"]}
    assert "9.2.2" in questions and "4.2.3" not in questions
    assert "Remittances" in run("gcm", "remittances").stdout


def test_gcm_list_counts_and_unconcerned_objectives(run: Run) -> None:
    rows = {r["framework"]["id"]: r["records"] for r in _json(run, "gcm")}
    assert len(rows) == 23
    assert [k for k, n in rows.items() if n == 0] == [
        "gcm-8",
        "gcm-12",
        "gcm-13",
        "gcm-14",
    ]
    assert "Nothing in the data concerns this one." in run("gcm", "8").stdout


def test_footnote_citations_link_their_records(run: Run, catalog: Catalog) -> None:
    records = _json(run, "gcm", "18")["records"]
    assert [r["id"] for r in records["footnote"]] == ["fn-6"]
    # footnote 6 hangs on the actor list as a whole, not on each actor type
    passages = [(r["id"], r["via"]) for r in records["passage"] if r["via"]]
    assert passages == [("actor-examples", "footnote 6")]
    assert "hospitality-companies" not in {r["id"] for r in records["actor"]}
    gcr = query.framework_index(catalog)["gcr-81"]
    assert [(r.kind, r.id) for r in gcr] == [
        ("footnote", "fn-7"),
        ("actor", "hospitality-companies"),
    ]


def test_sdg(run: Run) -> None:
    rows = _json(run, "sdg")
    assert [r["framework"]["number"] for r in rows] == ["10.7", "10.c", "8.8", "8.7", "17.18"]
    view = _json(run, "sdg", "10.c")
    assert [r["id"] for r in view["records"]["stage-function"]] == ["arrival/finance"]
    assert [r["id"] for r in view["records"]["sector"]] == ["financial-services"]


def test_an_unknown_objective_is_a_usage_error(run: Run) -> None:
    result = run("gcm", "24")
    assert result.exit_code == 2
    assert result.stderr.startswith('error: no GCM objective matches "24"')


def test_a_dangling_framework_link_fails_validate(run: Run, data_copy: Path) -> None:
    edit(data_copy / "cycle.yaml", "gcm: [gcm-20]", "gcm: [gcm-24]")
    result = run("validate", str(data_copy))
    assert result.exit_code == 1
    assert result.stdout == ""
    assert "unknown GCM objective 'gcm-24'" in result.stderr


# --- search ----------------------------------------------------------------------------------------


def test_search_fintech_finds_question_4_2_3_first(run: Run) -> None:
    hits = _json(run, "search", "fintech")
    assert (hits[0]["kind"], hits[0]["id"]) == ("question", "4.2.3")
    assert list(hits[0]) == ["kind", "id", "document", "label", "score", "field", "snippet"]
    assert "fintech" in hits[0]["snippet"]


def test_search_remittance_finds_records_in_both_documents(run: Run) -> None:
    hits = _json(run, "search", "remittance", "--limit", "50")
    documents = {h["document"] for h in hits}
    assert {"ecdpm-2020", "seminar-2017"} <= documents
    brief = [h for h in hits if h["document"] == "ecdpm-2020"]
    assert brief[0]["id"] in {
        "financial-services/d1",
        "financial-services/d2",
        "financial-services",
    }


def test_search_is_case_and_accent_insensitive(catalog: Catalog) -> None:
    plain = [h.id for h in search(catalog, "refugees")]
    assert [h.id for h in search(catalog, "RÉFUGEES")] == plain
    assert [h.id for h in search(catalog, "Fintech")] == [h.id for h in search(catalog, "fintech")]


def test_exact_phrase_ranks_before_scattered_words(catalog: Catalog) -> None:
    hits = search(catalog, "access to capital", kinds=["key-point", "question"])
    assert hits[0].id == "9.1.3"  # headline: "Access to capital can be an obstacle ..."
    scattered = search(catalog, "capital access", kinds=["key-point", "question"])
    assert {h.id for h in scattered} >= {"9.1.3", "9.2.2"}


def test_every_word_must_match(catalog: Catalog) -> None:
    assert search(catalog, "fintech sanctions") == []


def test_search_kind_filter_and_limit(run: Run) -> None:
    hits = _json(run, "search", "refugees", "--kind", "question", "--limit", "3")
    assert len(hits) == 3
    assert {h["kind"] for h in hits} == {"question"}
    bad = run("search", "refugees", "--kind", "questoin")
    assert bad.exit_code == 2
    assert bad.stderr.startswith('error: no kind "questoin"; did you mean "question"?')


def test_no_matches_is_success(run: Run) -> None:
    result = run("search", "xyzzy", "--json")
    assert result.exit_code == 0
    assert json.loads(result.stdout) == []
    assert "no matches" in run("search", "xyzzy").stdout


def test_snippets_are_whole_sentences(catalog: Catalog) -> None:
    records = {(kind, record_id(r)): r for kind, r in kinds.all_records(catalog)}
    for hit in search(catalog, "trust", limit=None):
        record = records[(hit.kind, hit.id)]
        field = getattr(record, hit.field, None) if "." not in hit.field else None
        if not isinstance(field, str):
            continue
        assert hit.snippet in field
        starts = field.startswith(hit.snippet) or f" {hit.snippet}" in field
        ends = field.endswith(hit.snippet) or hit.snippet[-1] in ".?!"
        assert starts and ends, (hit.id, hit.snippet)


def test_matching_words_are_highlighted_on_a_terminal(run: Run) -> None:
    assert highlights("utilise fintech (financial technology)", ["fintech"]) == [(8, 15)]
    assert highlights("Remittances and remit", ["remit"]) == [(0, 11), (16, 21)]
    coloured = run("search", "fintech", env={"FORCE_COLOR": "1", "COLUMNS": "120"}).stdout
    assert re.search(r"\x1b\[[0-9;]*1;33m[^\x1b]*fintech", coloured)
