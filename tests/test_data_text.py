"""Spot-check verbatim text in every kind of record, provenance, and the curation rules."""

from __future__ import annotations

from migcycle.integrity import iter_records
from migcycle.models import Catalog, KeyPoint, Question


def _by_id(records: list, ident: str):  # type: ignore[no-untyped-def, type-arg]
    return next(r for r in records if r.id == ident)


def test_stage_function_text(catalog: Catalog) -> None:
    finance = _by_id(catalog.stage_functions, "arrival/finance")
    assert finance.label == "FINANCE"
    assert finance.description == (
        "financial institutions and banks enable migrants send and receive money from the country "
        "of origin. They also provide access to credit for start-up businesses."
    )
    assert _by_id(catalog.stage_functions, "long-term-options/finance").label == "FINANCES"
    integration = _by_id(
        catalog.stage_functions, "long-term-options/social-cohesion-and-integration"
    )
    assert integration.label == "SOCIAL COHESION AND INTEGRATION"
    assert integration.description.startswith(
        "migrants are provided by the private sector in partnership"
    )
    verification = _by_id(catalog.stage_functions, "return-and-reintegration/verification")
    assert verification.label == "VERIFICATION OF SKILLS AND CERTIFICATES"


def test_stage_text(catalog: Catalog) -> None:
    stages = {s.id: s for s in catalog.cycle.stages}
    assert stages["arrival"].summary == "When the migrant arrives in the country of destination."
    assert stages["return-and-reintegration"].name == "Return & reintegration"
    assert stages["long-term-options"].name == "Long term options"


def test_actor_text(catalog: Catalog) -> None:
    hospitality = _by_id(catalog.cycle.actor_types, "hospitality-companies")
    assert hospitality.description is not None
    assert hospitality.description.endswith(
        "These companies work closely with private individuals to provide free accommodation to "
        "displaced persons and migrants in cities."
    )
    assert "⁸" not in hospitality.description


def test_role_text(catalog: Catalog) -> None:
    assert _by_id(catalog.cycle.private_roles, "consumer").text == (
        "The private sector is also a consumer or buyer of goods and services produced by migrants."
    )
    funding = _by_id(catalog.cycle.public_roles, "funding")
    assert funding.heading == "Funding and investment in migration and development objectives"
    assert funding.table_label == "Funding (Investment)"
    assert funding.government_examples[0] == "Attracting diaspora investments in country of origin"
    assert funding.donor_examples[-1].endswith("if business interests match), Blending.")
    assert _by_id(catalog.cycle.public_roles, "convenor").table_label == (
        "Convenor of public- private partnerships and dialogue"
    )


def test_cooperation_text(catalog: Catalog) -> None:
    trust = _by_id(catalog.cycle.cooperation, "trust")
    assert trust.title == "Build trust"
    assert trust.text.startswith("Trust between the private and public-sector actors contributes")
    assert trust.recommendation.startswith(
        "Working together on designing and implementing programmes"
    )


def test_role_section_text(catalog: Catalog) -> None:
    section_a = catalog.cycle.role_sections[0]
    assert section_a.title == "Provision of goods and services"
    recruitment = _by_id(section_a.paragraphs, "a-recruitment")
    # the page break inside this paragraph is joined with one space
    assert (
        "Private and public-sector actors could establish partnerships to prevent"
        in recruitment.text
    )


def test_sector_item_text(catalog: Catalog) -> None:
    assert _by_id(catalog.sector_items, "financial-services/d1").text == (
        "Striking the balance between an enabling environment for remittance markets and reducing "
        "risks for terrorist financing /money laundering"
    )
    assert _by_id(catalog.sector_items, "employment-in-displacement/d3").text == (
        "Providing employment in displacement situations"
    )
    assert _by_id(catalog.sector_items, "lobbying-for-migration-policies/o3").text == (
        "Harness diaspora engagement to support integration of migrants in host communities"
    )


def test_footnote_text(catalog: Catalog) -> None:
    by_number = {f.number: f for f in catalog.cycle.footnotes}
    assert by_number[6].text == (
        "Some of their activities touch upon Objective 3,5,6, 18 and 21 of the GCM (UN 2018a) and "
        "Paragraph 33, 71 GCR (UN 2018b)."
    )
    assert by_number[11].text == (
        "For example, the tent partnership or 'Wir Zusammen' initiative of private companies in Germany."
    )


def test_definition_category_characteristic_passage_text(catalog: Catalog) -> None:
    cycle = catalog.cycle
    assert _by_id(cycle.definitions, "migration-cycle").text.startswith(
        "The migration cycle refers to the five possible stages of a migration process"
    )
    assert [c.name for c in cycle.migrant_categories][-2:] == ["asylum seekers", "refugees"]
    assert _by_id(cycle.passages, "conclusions-1").text.startswith(
        "Motivations and interests of the private sector are context specific"
    )


def test_key_point_text(catalog: Catalog) -> None:
    point = _by_id(catalog.key_points, "4.1.2")
    assert point.headline == (
        "Ambiguous regulations and different national standards for sanctions increase confusion and risk."
    )
    assert point.body.startswith("Panellists agreed that sanctions regulations are often written")
    joined = _by_id(catalog.key_points, "3.1.4")
    assert "refugees without other language skills are often left without jobs" in joined.body
    no_bold = _by_id(catalog.key_points, "10.1.3")
    assert (
        no_bold.headline
        == "Effective engagement of the private sector can create lasting social change."
    )
    assert all("**" not in k.headline + k.body for k in catalog.key_points)


def test_question_text(catalog: Catalog) -> None:
    assert _by_id(catalog.questions, "4.2.3").text == (
        "What is the way forward for multilateral organisations and NGOs to utilise fintech "
        "(financial technology) in their operations? What place will traditional financial "
        "institutions have in this?"
    )


def test_session_and_summary_text(catalog: Catalog) -> None:
    session = _by_id(catalog.seminar.sessions, "4")
    assert session.type == "Breakout"
    assert session.title == (
        "Spotlight on the Financial Sector: Bank De-risking and On-the-Ground Operations – Is There a "
        "Governance Solution?"
    )
    assert session.page == 7
    assert _by_id(catalog.seminar.sessions, "9").type == "Pamela D. Hartigan Master Class"
    narrative = _by_id(catalog.seminar.themes, "changing-the-narrative")
    assert narrative.text is not None
    assert narrative.text.startswith("A strong narrative needs to be built around the strengths")
    document = catalog.seminar.document
    assert (document.place, document.delegates, document.delegates_qualifier) == (
        "Rhodes House, Oxford",
        150,
        "over",
    )


def test_every_record_has_a_source_and_curated_records_say_so(catalog: Catalog) -> None:
    for _, record in iter_records(catalog):
        source = getattr(record, "source", None)
        if source is None:  # notes and frameworks carry their locator differently
            continue
        assert source.locator
    curated_actors = {a.id for a in catalog.cycle.actor_types if a.source.document == "migcycle"}
    assert "information-centres" in curated_actors
    assert "financial-institutions" not in curated_actors
    for actor in catalog.cycle.actor_types:
        if actor.source.document == "migcycle":
            assert actor.description is None, (
                "a curated actor's description is curated, not verbatim"
            )
            assert actor.curated.description


def test_seminar_locators_are_section_numbers(catalog: Catalog) -> None:
    records: list[KeyPoint | Question] = [*catalog.key_points, *catalog.questions]
    for record in records:
        assert record.source.locator == f"§{record.id}"


def test_every_stage_function_is_carried_by_an_actor_type(catalog: Catalog) -> None:
    for function in catalog.stage_functions:
        assert function.curated.actors, function.id


def test_every_key_point_and_question_has_a_theme(catalog: Catalog) -> None:
    records: list[KeyPoint | Question] = [*catalog.key_points, *catalog.questions]
    for record in records:
        assert record.curated.themes, record.id


def test_narrative_theme_finds_the_narrative_questions(catalog: Catalog) -> None:
    tagged = {q.id for q in catalog.questions if "changing-the-narrative" in q.curated.themes}
    assert {"2.2.1", "3.2.2", "10.2.3"} <= tagged


def test_each_reading_question_is_decided_in_a_note(catalog: Catalog) -> None:
    notes = {n.id: n for n in catalog.cycle.notes}
    for required in (
        "stage-4-social-cohesion",
        "function-spelling-variants",
        "panel-headings-after-lists",
        "panel-indented-items",
        "entry-points-sdg-sdc",
        "public-role-labels",
    ):
        assert notes[required].decision
    assert (
        "long-term-options/social-cohesion-and-integration"
        in notes["stage-4-social-cohesion"].records
    )
