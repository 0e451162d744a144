"""Names resolve case-, space- and dash-insensitively, by number, id, alias or unique prefix."""

from __future__ import annotations

import pytest

from migcycle import query
from migcycle.errors import NotFound
from migcycle.models import Catalog


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("3", "arrival"),
        ("Arrival", "arrival"),
        ("ARRIVAL", "arrival"),
        ("long-term", "long-term-options"),
        ("Long Term", "long-term-options"),
        ("long term options", "long-term-options"),
        ("return", "return-and-reintegration"),
        ("Return & reintegration", "return-and-reintegration"),
        ("pre departure", "pre-departure"),
        ("predeparture", "pre-departure"),
        ("1", "pre-departure"),
        ("trans", "transit"),
    ],
)
def test_stage_names(catalog: Catalog, ref: str, expected: str) -> None:
    assert query.find_stage(catalog, ref).id == expected


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("finance", "financial-institutions"),
        ("Financial institutions", "financial-institutions"),
        ("banks", "financial-institutions"),
        ("recruitment agencies", "recruitment-agencies"),
        ("recruitment", "recruitment-agencies"),
        ("media", "media"),
        ("tech", "technology-firms"),
    ],
)
def test_actor_names(catalog: Catalog, ref: str, expected: str) -> None:
    assert query.find_actor(catalog, ref).id == expected


def test_session_sector_theme_names(catalog: Catalog) -> None:
    assert query.find_session(catalog, "4").id == "4"
    assert query.find_session(catalog, "spotlight on the financial").id == "4"
    assert query.find_sector(catalog, "information").id == "information-services"
    assert query.find_sector(catalog, "FINANCIAL SERVICES").id == "financial-services"
    assert query.find_theme(catalog, "narrative").id == "changing-the-narrative"
    assert query.find_theme(catalog, "Social protection").id == "social-protection"


def test_typo_suggests_the_nearest_and_lists_the_choices(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as err:
        query.find_stage(catalog, "arival")
    assert str(err.value) == (
        'no stage matches "arival"; did you mean "arrival"? (valid stages: pre-departure, '
        "transit, arrival, long-term-options, return-and-reintegration)"
    )


def test_a_prefix_shared_by_several_is_ambiguous(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as err:
        query.find_actor(catalog, "in")
    message = str(err.value)
    assert message.startswith("actor type 'in' is ambiguous: it could be ")
    for candidate in (
        "information-centres",
        "investment-agencies",
        "integration-service-providers",
    ):
        assert f'"{candidate}"' in message


def test_session_type_shared_by_two_sessions_is_ambiguous(catalog: Catalog) -> None:
    with pytest.raises(NotFound, match='could be "4", "5"'):
        query.find_session(catalog, "breakout")


def test_nothing_like_it(catalog: Catalog) -> None:
    with pytest.raises(NotFound) as err:
        query.find_sector(catalog, "zzz")
    assert "did you mean" not in str(err.value)
    assert "valid sectors: financial-services" in str(err.value)


def test_completion_offers_matching_ids(catalog: Catalog) -> None:
    assert [i for i, _ in query.completions(catalog, "stage", "re")] == ["return-and-reintegration"]
    assert ("arrival", "Arrival") in query.completions(catalog, "stage", "")
    assert [i for i, _ in query.completions(catalog, "theme", "narr")] == ["changing-the-narrative"]
    assert "4" in [i for i, _ in query.completions(catalog, "session", "4")]


# --- numbers and dotted ids match exactly, never by prefix (issue 11) ---------------------------


@pytest.mark.parametrize("ref", ["1", "0", "11", "§1", "1.0"])
def test_a_session_number_is_exact_and_says_how_sessions_are_numbered(
    catalog: Catalog, ref: str
) -> None:
    with pytest.raises(NotFound) as err:
        query.find_session(catalog, ref)
    message = str(err.value)
    assert "the sessions are the report's sections 2–10" in message
    assert "valid sessions: 2, 3, 4, 5, 6, 7, 8, 9, 10" in message
    assert "did you mean" not in message  # never a guess at a nearby number


@pytest.mark.parametrize(("ref", "expected"), [("10", "10"), ("§4", "4"), ("2", "2")])
def test_a_session_number_that_exists(catalog: Catalog, ref: str, expected: str) -> None:
    assert query.find_session(catalog, ref).id == expected


@pytest.mark.parametrize("ref", ["6", "0", "3.1", "13"])
def test_a_stage_number_is_exact(catalog: Catalog, ref: str) -> None:
    with pytest.raises(NotFound, match="the stages are numbered 1–5"):
        query.find_stage(catalog, ref)


@pytest.mark.parametrize(
    ("ref", "expected"),
    [
        ("2", "gcm-2"),
        ("20", "gcm-20"),
        ("gcm 2", "gcm-2"),
        ("gcm-2", "gcm-2"),
        ("GCM 20", "gcm-20"),
    ],
)
def test_a_gcm_number_never_finds_a_longer_one(catalog: Catalog, ref: str, expected: str) -> None:
    assert query.find_framework(catalog, "gcm", ref).id == expected


@pytest.mark.parametrize("ref", ["24", "0", "2.0", "gcm 24", "gcm-24"])
def test_an_unknown_gcm_number_is_an_error(catalog: Catalog, ref: str) -> None:
    with pytest.raises(NotFound, match="no GCM objective matches"):
        query.find_framework(catalog, "gcm", ref)


@pytest.mark.parametrize(("ref", "expected"), [("10.c", "sdg-10.c"), ("10.C", "sdg-10.c")])
def test_an_sdg_target_is_exact(catalog: Catalog, ref: str, expected: str) -> None:
    assert query.find_framework(catalog, "sdg", ref).id == expected


@pytest.mark.parametrize("ref", ["10", "1", "10.", "sdg 10", "8"])
def test_part_of_an_sdg_target_is_no_target(catalog: Catalog, ref: str) -> None:
    with pytest.raises(NotFound, match="no SDG target matches"):
        query.find_framework(catalog, "sdg", ref)


def test_a_word_prefix_still_works(catalog: Catalog) -> None:
    assert query.find_stage(catalog, "arr").id == "arrival"
    assert query.find_framework(catalog, "gcm", "remit").id == "gcm-20"
