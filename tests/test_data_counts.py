"""Pin every list in the data to the count printed in the source documents."""

from __future__ import annotations

import pytest

from migcycle.models import Catalog


def test_seminar_has_nine_sessions_numbered_2_to_10(catalog: Catalog) -> None:
    assert [s.id for s in catalog.seminar.sessions] == [str(n) for n in range(2, 11)]


@pytest.mark.parametrize(
    ("session", "key_points", "questions"),
    [("2", 4, 2), ("3", 4, 2), ("4", 4, 4), ("5", 7, 3), ("6", 4, 3),
     ("7", 4, 3), ("8", 4, 2), ("9", 4, 3), ("10", 4, 3)],
)  # fmt: skip
def test_key_points_and_questions_per_session(
    catalog: Catalog, session: str, key_points: int, questions: int
) -> None:
    found = next(s for s in catalog.seminar.sessions if s.id == session)
    assert len(found.key_points) == key_points
    assert len(found.questions) == questions


def test_seminar_totals(catalog: Catalog) -> None:
    assert len(catalog.key_points) == 39
    assert len(catalog.questions) == 25
    assert len(catalog.seminar.executive_summary) == 5


def test_three_common_themes_in_the_vocabulary(catalog: Catalog) -> None:
    common = [t for t in catalog.seminar.themes if t.kind == "common"]
    assert [(t.number, t.id) for t in common] == [
        ("i", "changing-the-narrative"),
        ("ii", "emerging-actors"),
        ("iii", "effective-governance"),
    ]
    assert len(catalog.seminar.themes) == 19


def test_five_stages_in_cycle_order(catalog: Catalog) -> None:
    stages = catalog.cycle.stages
    assert [(s.number, s.id) for s in stages] == [
        (1, "pre-departure"),
        (2, "transit"),
        (3, "arrival"),
        (4, "long-term-options"),
        (5, "return-and-reintegration"),
    ]


def test_functions_per_stage(catalog: Catalog) -> None:
    assert {s.number: len(s.functions) for s in catalog.cycle.stages} == {
        1: 9,
        2: 6,
        3: 7,
        4: 5,
        5: 5,
    }
    assert len(catalog.stage_functions) == 32
    assert len(catalog.cycle.functions) == 14


def test_arrival_functions_in_printed_order(catalog: Catalog) -> None:
    arrival = catalog.cycle.stages[2]
    assert [f.label for f in arrival.functions] == [
        "RECRUITMENT",
        "VERIFICATION OF CERTIFICATES AND SKILLS",
        "EDUCATION",
        "SOCIAL COHESION AND INTEGRATION",
        "FINANCE",
        "ACCOMMODATION",
        "MEDIA AND ENTERTAINMENT",
    ]


def test_actor_types(catalog: Catalog) -> None:
    actors = catalog.cycle.actor_types
    described = [a.name for a in actors if a.source.document == "ecdpm-2020"]
    assert described == [
        "Financial institutions",
        "Recruitment agencies",
        "Private education and training institutions",
        "Telecommunications service providers",
        "Transport providers, travel agencies and airline companies",
        "Real estate and housing companies",
        "Hospitality companies",
    ]
    assert len(actors) == 16


def test_roles_and_table_1(catalog: Catalog) -> None:
    cycle = catalog.cycle
    assert [r.number for r in cycle.private_roles] == ["i", "ii", "iii", "iv", "v"]
    assert [r.number for r in cycle.public_roles] == ["i", "ii", "iii", "iv"]
    assert [len(r.government_examples) for r in cycle.public_roles] == [4, 4, 1, 2]
    assert [len(r.donor_examples) for r in cycle.public_roles] == [3, 3, 1, 4]


def test_cooperation_and_role_sections(catalog: Catalog) -> None:
    assert [c.number for c in catalog.cycle.cooperation] == [1, 2, 3, 4, 5]
    sections = catalog.cycle.role_sections
    assert [r.letter for r in sections] == ["A", "B", "C", "D"]
    assert [len(r.paragraphs) for r in sections] == [5, 3, 1, 1]


@pytest.mark.parametrize(
    ("sector", "opportunities", "dilemmas", "entry_points", "label"),
    [
        ("financial-services", 4, 3, 3, "Entry points for SDG"),
        ("education-and-vocational-training", 3, 6, 3, "Entry points for SDG"),
        ("recruitment-and-labour-standards", 4, 3, 4, "Entry points for SDG"),
        ("employment-in-displacement", 3, 4, 5, "Entry points for SDG"),
        ("information-services", 3, 3, 3, "Entry points for SDC"),
        ("technology-in-migration-management", 3, 3, 3, "Entry points for SDC"),
        ("employment-and-job-creation", 2, 4, 4, "Entry points for SDC"),
        ("lobbying-for-migration-policies", 3, 3, 3, "Entry points for SDC"),
    ],
)
def test_sector_panel_lists(
    catalog: Catalog, sector: str, opportunities: int, dilemmas: int, entry_points: int, label: str
) -> None:
    found = next(s for s in catalog.cycle.sectors if s.id == sector)
    assert len(found.opportunities) == opportunities
    assert len(found.dilemmas) == dilemmas
    assert len(found.entry_points) == entry_points
    assert found.entry_points_label == label


def test_sector_panel_totals(catalog: Catalog) -> None:
    assert len(catalog.cycle.sectors) == 8
    assert len(catalog.sector_items) == 82


def test_definitions_categories_characteristics_footnotes(catalog: Catalog) -> None:
    cycle = catalog.cycle
    assert [d.term for d in cycle.definitions] == ["private sector", "migrant", "migration cycle"]
    assert [c.name for c in cycle.characteristics] == ["ownership", "type", "geographic location"]
    assert len(cycle.migrant_categories) == 5
    assert [f.number for f in cycle.footnotes] == list(range(1, 12))


def test_frameworks(catalog: Catalog) -> None:
    frameworks = catalog.frameworks
    assert [f.id for f in frameworks.gcm] == [f"gcm-{n}" for n in range(1, 24)]
    assert [f.number for f in frameworks.sdg] == ["10.7", "10.c", "8.8", "8.7", "17.18"]
    assert [f.id for f in frameworks.gcr] == ["gcr-33", "gcr-71", "gcr-81"]


def test_footnote_citations_of_frameworks(catalog: Catalog) -> None:
    by_number = {f.number: f for f in catalog.cycle.footnotes}
    assert by_number[6].cites_gcm == ["gcm-3", "gcm-5", "gcm-6", "gcm-18", "gcm-21"]
    assert by_number[6].cites_gcr == ["gcr-33", "gcr-71"]
    assert by_number[7].cites_gcr == ["gcr-81"]
    assert by_number[9].cites_gcr == ["gcr-33"]
    cited = {n for f in catalog.cycle.footnotes for n in (*f.cites_gcm, *f.cites_gcr)}
    assert cited == {"gcm-3", "gcm-5", "gcm-6", "gcm-18", "gcm-21", "gcr-33", "gcr-71", "gcr-81"}
