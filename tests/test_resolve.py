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
