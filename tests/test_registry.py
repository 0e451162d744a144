"""The registry of record kinds (issue 10): adding a kind is a model, an entry, and data."""

from __future__ import annotations

import dataclasses
import json
import sqlite3
from pathlib import Path

import pytest
from pydantic import BaseModel

from migcycle import kinds
from migcycle.cite import cite
from migcycle.export.jsonfmt import to_jsonl
from migcycle.export.sqlite import write_sqlite
from migcycle.load import load_catalog
from migcycle.models import Catalog, Passage, Source, record_id
from migcycle.search import search
from migcycle.serialise import to_data

ROOT = Path(__file__).resolve().parents[1]


class CaseStudy(Passage):
    """A throw-away kind: a case study with a heading and text, linked to a stage."""


CASES = [
    CaseStudy(
        id="zanzibar-fintech",
        heading="Case study: a remittance wallet in Zanzibar",
        text="A quokkaworthy mobile wallet cut the cost of remittances for returning migrants.",
        source=Source(document="migcycle", locator="test fixture"),
    )
]


@pytest.fixture
def with_case_studies(monkeypatch: pytest.MonkeyPatch) -> None:
    """Register the kind through the registry alone: no other module is touched."""
    kind = kinds.Kind(
        "case-study", "case study", CaseStudy, lambda _: CASES, label_of=lambda c: c.heading
    )
    monkeypatch.setattr(kinds, "REGISTRY", (*kinds.REGISTRY, kind))
    monkeypatch.setitem(kinds.BY_NAME, "case-study", kind)


@pytest.mark.usefixtures("with_case_studies")
def test_a_new_kind_is_found_by_search_jsonl_cite_and_sqlite(
    catalog: Catalog, tmp_path: Path
) -> None:
    (hit,) = search(catalog, "quokkaworthy")
    assert (hit.kind, hit.id) == ("case-study", "zanzibar-fintech")
    lines = [json.loads(line) for line in to_jsonl(catalog, ["case-study"]).splitlines()]
    assert lines == [{"kind": "case-study", **to_data(CASES[0])}]
    citation = cite(catalog, "case-study:zanzibar-fintech")
    assert citation.label == CASES[0].heading and "test fixture" in citation.citation
    write_sqlite(catalog, tmp_path / "db.sqlite", ["case-study"])
    db = sqlite3.connect(tmp_path / "db.sqlite")
    found = db.execute(
        "SELECT id FROM case_study_fts JOIN case_study ON case_study.rowid = case_study_fts.rowid "
        "WHERE case_study_fts MATCH 'quokkaworthy'"
    ).fetchall()
    assert found == [("zanzibar-fintech",)]
    assert kinds.counts(catalog)["stages"] == 5  # counting still works with an uncounted kind


def test_every_kind_round_trips_through_the_one_serialiser(catalog: Catalog) -> None:
    extended = load_catalog(ROOT / "examples" / "extension")
    for kind in kinds.REGISTRY:
        records = kind.records(catalog) or kind.records(extended)
        assert records, f"no {kind.name} records in the bundled data or the example extension"
        for record in records:
            data = json.loads(json.dumps(to_data(record)))
            assert type(record).model_validate(data, strict=False) == record, kind.name


def test_every_kind_has_a_label_and_a_distinct_name(catalog: Catalog) -> None:
    names = kinds.names()
    assert len(names) == len(set(names)) == len(kinds.REGISTRY)
    for kind, record in kinds.all_records(catalog):
        assert kinds.label(kind, record).strip(), (kind, record_id(record))
    assert all(dataclasses.is_dataclass(k) for k in kinds.REGISTRY)


def test_every_model_of_the_catalog_is_a_registered_kind() -> None:
    """A record model left out of the registry would escape counts, search and exports."""
    registered = {k.model for k in kinds.REGISTRY}
    holders = {
        "BaseModel",
        "Catalog",
        "Cycle",
        "Seminar",
        "Frameworks",
        "Source",
        "Curated",
        "Reason",
        "Problem",
    }
    documents = {"CycleDocument", "SeminarDocument", "LocatedPages"}
    import migcycle.models as m

    models = {v for v in vars(m).values() if isinstance(v, type) and issubclass(v, BaseModel)} - {
        m.Record,
        m.Sourced,
        m.Layer,
        m.LayerEntry,
        m.Scale,
        m.Project,
    }
    missing = {model.__name__ for model in models - registered} - holders - documents
    assert missing == set()
