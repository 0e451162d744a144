"""JSON Lines: every line's ``kind`` is its record type, so ``jq 'select(.kind == "theme")'`` works."""

from __future__ import annotations

import json

from migcycle.models import Catalog

from .conftest import Run


def _records(run: Run, *args: str) -> list[dict[str, object]]:
    result = run("export", "--format", "jsonl", *args)
    assert result.exit_code == 0
    return [json.loads(line) for line in result.stdout.splitlines()]


def test_kind_is_the_record_type_on_every_line(run: Run, catalog: Catalog) -> None:
    records = _records(run)
    expected = {kind: len(found) for kind, found in catalog.kinds().items() if found}
    seen: dict[str, int] = {}
    for record in records:
        seen[str(record["kind"])] = seen.get(str(record["kind"]), 0) + 1
    assert seen == expected  # no line's kind is a record's own field
    themes = [r for r in records if r["kind"] == "theme"]  # jq 'select(.kind == "theme")'
    assert len(themes) == len(catalog.seminar.themes) == 19


def test_a_themes_own_kind_is_theme_kind(run: Run) -> None:
    themes = _records(run, "--kind", "theme")
    assert {t["kind"] for t in themes} == {"theme"}
    assert sum(t["theme_kind"] == "common" for t in themes) == 3
    assert {t["theme_kind"] for t in themes} == {"common", "topical"}
    narrative = next(t for t in themes if t["id"] == "changing-the-narrative")
    assert list(narrative)[:3] == ["kind", "id", "name"]
