"""Provenance in sight (issue 11): every view that shows a link says whose it is - the
document's own (a footnote, a table) or migcycle's curation - and why, where the data says."""

from __future__ import annotations

import io
import json
from types import SimpleNamespace

from migcycle import query, render
from migcycle.links import CURATED, DOCUMENT, Link, reason
from migcycle.models import Catalog

from .conftest import Run


def plain(renderable: object, width: int = 100) -> str:
    buffer = io.StringIO()
    render.console(width=width, file=buffer).print(renderable)
    return buffer.getvalue()


def test_footnote_6_is_the_footnotes_not_a_fact_about_each_actor(run: Run) -> None:
    data = json.loads(run("actor", "finance", "--json").stdout)
    cited = {link["id"]: link for link in data["related"]["links"] if link["field"] == "cites_gcm"}
    assert set(cited) == {"gcm-3", "gcm-5", "gcm-6", "gcm-18", "gcm-21"}
    for link in cited.values():
        assert link["whose"] == "document"
        assert (
            link["via"]
            == "the brief's footnote 6, on actor-examples as a whole, not on this actor type"
        )
        assert link["why"].startswith("Some of their activities touch upon")
    curated = [link for link in data["related"]["links"] if link["id"] == "gcm-20"]
    # since the 2026 review, GCM links are made per stage function, not copied from a function
    stages = (
        "pre-departure",
        "transit",
        "arrival",
        "long-term-options",
        "return-and-reintegration",
    )
    assert {(link["whose"], link["via"]) for link in curated} == {
        *(("curated", f"stage function {stage}/finance") for stage in stages),
        ("curated", "sector financial-services"),
    }
    text = run("actor", "finance", env={"COLUMNS": "100"}).stdout
    assert "The brief's footnote 6, on actor-examples as a whole, not on this actor type" in text
    assert "curated, via stage function" in text


def test_a_footnote_printed_on_the_actor_type_says_so(run: Run) -> None:
    text = run("actor", "hospitality", env={"COLUMNS": "100"}).stdout
    assert "The brief's footnote 7, on this actor type" in text


def test_curated_links_are_marked_in_every_view(run: Run) -> None:
    wide = {"COLUMNS": "120"}
    stage = run("stage", "arrival", env=wide).stdout
    assert "actor types (curated)" in stage
    assert "Seminar key points (6), linked by migcycle's curation" in stage
    assert "actor types (curated): " in run("sector", "financial-services", env=wide).stdout
    assert "themes (curated)" in run("questions", env=wide).stdout
    assert "themes (curated)" in run("points", env=wide).stdout
    assert "are migcycle's curation" in run("cycle", env=wide).stdout
    assert "is migcycle's curation" in run("matrix", env=wide).stdout
    assert "Links to the brief (curated)" in run("session", "4", env=wide).stdout
    gcm = run("gcm", "3", env={"COLUMNS": "200"}).stdout
    assert "the document's own: the footnote cites it" in gcm
    assert "footnote 6 cites it; that the footnote covers this actor type is curated" in gcm


def test_the_json_shape_is_only_extended(run: Run, catalog: Catalog) -> None:
    data = json.loads(run("stage", "arrival", "--json").stdout)
    assert list(data["related"]) == ["key_points", "questions", "gcm", "links"]
    assert {link["whose"] for link in data["related"]["links"]} == {"curated"}


def test_a_reason_is_shown_where_the_data_has_one(catalog: Catalog) -> None:
    """The curation work adds ``curated.why``; the views show it as soon as it is there."""
    given = SimpleNamespace(why="banks de-risk", basis="quoted")
    record = SimpleNamespace(curated=SimpleNamespace(why={"actors": {"banks": given}}))
    assert reason(record, "actors", "banks") == ("banks de-risk", "quoted")  # type: ignore[arg-type]
    assert reason(record, "actors", "other") == (None, None)  # type: ignore[arg-type]
    assert reason(catalog.questions[0], "themes", "finance") == (None, None)
    quoted = Link("stages", "key-point", "2.1.2", "x", CURATED, "hosted by developing", "quoted")
    inferred = Link("stages", "key-point", "2.1.3", "y", CURATED, "refugee children", "inferred")
    view = query.stage_view(catalog, query.find_stage(catalog, "arrival"))
    view = view._replace(related=view.related._replace(links=(quoted, inferred)))
    text = plain(render.stage_view(view))
    assert "why linked" in text
    assert "“hosted by developing”" in text
    assert "inferred: refugee children" in text


def test_show_names_the_document_or_migcycle_for_every_link(run: Run) -> None:
    text = run("show", "fn-6", env={"COLUMNS": "120"}).stdout
    assert text.count("the document's own") == 8  # five GCM, two GCR, the marker
    assert text.count("curated by migcycle") == 7  # the actor types it covers
    assert DOCUMENT == "document" and CURATED == "curated"


def test_show_gives_a_why_column_only_where_reasons_exist(catalog: Catalog) -> None:
    kind, record = query.find_record(catalog, "4.2.3")
    view = query.record_view(catalog, kind, record)
    text = plain(render.record_view(view))
    assert "“fintech (financial" in text  # the data's reason, in quotation marks
    assert "No reason is recorded" not in text
    bare = Link("gcm", "gcm", "gcm-20", "Remittances", CURATED)  # a link without a reason
    text = plain(render.record_view(view._replace(links_from=[bare])))
    assert "No reason is recorded for these curated links yet." in text
