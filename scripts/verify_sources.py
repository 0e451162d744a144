"""Compare every verbatim text field in data/ with the source documents it claims to copy.

Run while curating (the source documents are not shipped, so this is not part of the test suite):

    python scripts/verify_sources.py [--seeds ../shared/seeds] [--data data]

For each record whose source is a document, every field marked ``Verbatim`` in the models must occur
in that document once the extraction's artefacts are normalised away (bold marks, footnote
superscripts, Markdown link brackets, line and page breaks). Exit 1 lists each mismatch with the
closest passage of the source, so a typo shows where it is.
"""

from __future__ import annotations

import argparse
import difflib
import re
import sys
from pathlib import Path

from pydantic import BaseModel

from migcycle.load import load_catalog
from migcycle.models import Catalog, Sourced, verbatim_fields

SEED_FILES = {
    "seminar-2017": "000_182c85474abd0c5c.txt",
    "ecdpm-2020": "001_ed7005c87b1e5b6c.txt",
}
CASE_INSENSITIVE = {"name", "series"}  # printed in running text or in capitals


def normalise(text: str) -> str:
    text = text.replace("**", "")
    text = re.sub(r"[¹²³⁴⁵⁶⁷⁸⁹⁰]+", "", text)
    text = re.sub(r"\[([^\]]*)\]\(#\)", r"\1", text)
    text = re.sub(r"<(https?://[^>]+)>", r"\1", text)
    text = re.sub(r"(?m)^\s*- ", " ", text)
    return re.sub(r"\s+", " ", text).strip()


def records(catalog: Catalog) -> list[tuple[str, BaseModel, str]]:
    """(document id, record, label) for every model in the catalog that names a document."""
    found: list[tuple[str, BaseModel, str]] = []

    def walk(value: object, document: str | None, label: str) -> None:
        if isinstance(value, Sourced):
            document = value.source.document
        if isinstance(value, BaseModel):
            record_id = getattr(value, "id", None)
            here = f"{type(value).__name__} {record_id}" if record_id else label
            if document is not None:
                found.append((document, value, here))
            for name in type(value).model_fields:
                walk(getattr(value, name), document, here)
        elif isinstance(value, list):
            for item in value:
                walk(item, document, label)

    walk(catalog.cycle, "ecdpm-2020", "cycle")
    walk(catalog.seminar, "seminar-2017", "seminar")
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=Path, default=Path("../shared/seeds"))
    parser.add_argument("--data", type=Path, default=None)
    args = parser.parse_args()
    sources = {
        doc: normalise((args.seeds / name).read_text(encoding="utf-8"))
        for doc, name in SEED_FILES.items()
    }
    catalog = load_catalog(args.data)
    checked = mismatches = 0
    for document, record, label in records(catalog):
        if document == "migcycle":
            continue
        for field in verbatim_fields(type(record)):
            value = getattr(record, field)
            for text in value if isinstance(value, list) else [value]:
                if text is None:
                    continue
                checked += 1
                haystack = sources[document]
                needle = normalise(text)
                if field in CASE_INSENSITIVE:
                    haystack, needle = haystack.lower(), needle.lower()
                if needle not in haystack:
                    mismatches += 1
                    print(f"{label}.{field}: not found in {document}: {text[:80]!r}")
                    closest = difflib.get_close_matches(
                        needle[:120],
                        [haystack[i : i + 120] for i in range(0, len(haystack), 40)],
                        n=1,
                        cutoff=0.5,
                    )
                    if closest:
                        print(f"    closest source passage: {closest[0]!r}")
    print(f"{checked} verbatim texts checked, {mismatches} mismatches", file=sys.stderr)
    return 1 if mismatches else 0


if __name__ == "__main__":
    sys.exit(main())
