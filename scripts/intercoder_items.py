"""Write the coding sheets of the inter-coder check (docs/codebook.md, docs/intercoder/).

    python scripts/intercoder_items.py items   # docs/intercoder/items.tsv: the 64 items, no tags
    python scripts/intercoder_items.py coding  # docs/intercoder/first-coding.tsv: the data's tags

``items.tsv`` is what the second coder codes (with the codebook and the two documents): one row per
key point and question, the key point's headline and body joined by a space, and no theme tags.
``coding`` writes the tags the data holds now, in the layout of the second coding (``id``,
``themes`` joined by ``;``), for ``scripts/kappa.py`` to compare. Text never holds a tab or a line
break, so the rows are written as plain tab-separated lines, without quoting.
"""

from __future__ import annotations

import argparse
from pathlib import Path

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


def coding_rows(catalog: Catalog) -> list[list[str]]:
    rows = [["id", "themes"]]
    for session in catalog.seminar.sessions:
        for record in (*session.key_points, *session.questions):
            rows.append([record.id, ";".join(record.curated.themes)])
    return rows


def write_tsv(path: Path, rows: list[list[str]]) -> None:
    for row in rows:
        assert not any("\t" in cell or "\n" in cell for cell in row), row
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sheet", choices=["items", "coding"])
    parser.add_argument("--output", type=Path, help="file to write (default: docs/intercoder/)")
    args = parser.parse_args()
    catalog = load_catalog()
    if args.sheet == "items":
        write_tsv(args.output or OUT / "items.tsv", item_rows(catalog))
    else:
        write_tsv(args.output or OUT / "first-coding.tsv", coding_rows(catalog))


if __name__ == "__main__":
    main()
