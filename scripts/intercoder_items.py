"""Write the coding sheets of the inter-coder check (docs/codebook.md, docs/intercoder/).

    python scripts/intercoder_items.py items   # docs/intercoder/items.tsv: the 64 items, no tags
    python scripts/intercoder_items.py coding  # docs/intercoder/resolved-coding.tsv: data's tags
    python scripts/intercoder_items.py coding --base f089087 \
        --output docs/intercoder/first-coding.tsv  # the first coding: after the review, as compared
    python scripts/intercoder_items.py coding --base a1b3a88 \
        --output docs/intercoder/first-coding-original.tsv  # the tags before the 2026 review

``items.tsv`` is what the second coder codes (with the codebook and the two documents): one row per
key point and question, the key point's headline and body joined by a space, and no theme tags.
``coding`` writes the tags the data holds now (or held at git revision ``--base``), in the layout of
the second coding (``id``, ``themes`` joined by ``;``), for ``scripts/kappa.py`` to compare. Text
never holds a tab or a line break, so rows are written as plain tab-separated lines, unquoted.
"""

from __future__ import annotations

import argparse
import subprocess
from pathlib import Path
from typing import Any

import yaml

from migcycle.load import load_catalog
from migcycle.models import Catalog

OUT = Path(__file__).resolve().parents[1] / "docs" / "intercoder"


def item_rows(catalog: Catalog) -> list[list[str]]:
    rows = [["id", "kind", "session", "text"]]
    for session in catalog.seminar.sessions:
        for k in session.key_points:
            rows.append([k.id, "key-point", session.id, f"{k.headline} {k.body}"])
        for q in session.questions:
            rows.append([q.id, "question", session.id, q.text])
    return rows


def coding_rows(seminar: dict[str, Any]) -> list[list[str]]:
    """The theme tags of every key point and question in a seminar.yaml read as plain data."""
    rows = [["id", "themes"]]
    for session in seminar["sessions"]:
        for record in (*session["key_points"], *session["questions"]):
            rows.append([str(record["id"]), ";".join(record["curated"]["themes"])])
    return rows


def seminar_data(base: str | None) -> dict[str, Any]:
    root = OUT.parents[1]
    if base is None:
        text = (root / "data" / "seminar.yaml").read_text(encoding="utf-8")
    else:
        show = ["git", "show", f"{base}:data/seminar.yaml"]
        text = subprocess.run(show, cwd=root, check=True, capture_output=True, text=True).stdout
    data: dict[str, Any] = yaml.safe_load(text)
    return data


def write_tsv(path: Path, rows: list[list[str]]) -> None:
    for row in rows:
        assert not any("\t" in cell or "\n" in cell for cell in row), row
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sheet", choices=["items", "coding"])
    parser.add_argument("--output", type=Path, help="file to write (default: docs/intercoder/)")
    parser.add_argument("--base", help="coding: read the tags at this git revision")
    args = parser.parse_args()
    if args.sheet == "items":
        write_tsv(args.output or OUT / "items.tsv", item_rows(load_catalog()))
    else:
        rows = coding_rows(seminar_data(args.base))
        write_tsv(args.output or OUT / "resolved-coding.tsv", rows)


if __name__ == "__main__":
    main()
