"""Names as people type them (issue 11): several words without quotes, hyphens or not."""

from __future__ import annotations

import json

import pytest

from migcycle.models import Catalog
from migcycle.search import highlights, search

from .conftest import Run


@pytest.mark.parametrize(
    ("args", "key", "expected"),
    [
        (["stage", "long", "term"], "stage", "long-term-options"),
        (["stage", "return", "and", "reintegration"], "stage", "return-and-reintegration"),
        (["actor", "financial", "institutions"], "actor", "financial-institutions"),
        (["sector", "financial", "services"], "sector", "financial-services"),
        (["session", "spotlight", "on", "the", "financial"], "session", "4"),
        (["gcm", "gcm", "20"], "framework", "gcm-20"),
    ],
)
def test_several_words_without_quotes(run: Run, args: list[str], key: str, expected: str) -> None:
    result = run(*args, "--json")
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)[key]["id"] == expected


def test_search_takes_several_words_without_quotes(run: Run) -> None:
    unquoted = run("search", "fintech", "traditional", "--json").stdout
    assert unquoted == run("search", "fintech traditional", "--json").stdout
    assert [h["id"] for h in json.loads(unquoted)] == ["4.2.3"]


def test_derisking_and_de_risking_are_one_word(catalog: Catalog) -> None:
    ids = [(h.kind, h.id) for h in search(catalog, "derisking", limit=None)]
    assert ids == [(h.kind, h.id) for h in search(catalog, "de-risking", limit=None)]
    assert ("session", "4") in ids
    assert highlights("engage in de-risking by", ["derisking"]) == [(10, 20)]
    assert highlights("bank derisking", ["de-risking"]) == [(5, 14)]


def test_one_match_is_singular(run: Run) -> None:
    result = run("search", "fintech", "lowering", env={"COLUMNS": "100"})
    assert result.stdout.startswith("1 match\n")


def test_the_documents_words_rank_above_a_linked_frameworks_label(catalog: Catalog) -> None:
    hits = search(catalog, "remittance", limit=None)
    linked = [i for i, h in enumerate(hits) if h.field == "linked"]
    own = [i for i, h in enumerate(hits) if h.field != "linked"]
    assert linked and own
    assert max(own) < min(linked)
