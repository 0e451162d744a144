"""Write synthetic data directories at a multiple of the bundled records, for the benchmark.

    python benchmarks/generate.py 10 /tmp/migcycle-10x

A directory at N x holds N - 1 renamed copies of every bundled record (ids made unique,
references kept valid, texts as long as the originals), spread over extension files of at
most COPIES_PER_FILE copies each so that no file passes the loader's size bound. With
``--data DIR`` the bundled data plus these copies make N x the bundled records.
"""

from __future__ import annotations

import argparse
import copy
import sys
from pathlib import Path
from typing import Any

from migcycle.load import load_catalog
from migcycle.yamlio import dump_yaml

COPIES_PER_FILE = 20
SESSION_BASE = 100


def _suffix(ident: str, n: int) -> str:
    return f"{ident}-c{n}"


def cycle_copy(cycle: dict[str, Any], n: int) -> dict[str, Any]:
    """Copy n of the brief's records: new ids, links to the bundled records kept."""
    out: dict[str, Any] = {}
    for key in ("definitions", "characteristics", "migrant_categories", "passages", "actor_types",
                "private_roles", "public_roles", "cooperation"):  # fmt: skip
        out[key] = [{**r, "id": _suffix(r["id"], n)} for r in copy.deepcopy(cycle[key])]
    out["stages"] = []
    for stage in copy.deepcopy(cycle["stages"]):
        stage["id"] = _suffix(stage["id"], n)
        stage.setdefault("curated", {})["aliases"] = []
        for f in stage["functions"]:
            f["id"] = f"{stage['id']}/{f['function']}"
        out["stages"].append(stage)
    out["role_sections"] = []
    for section in copy.deepcopy(cycle["role_sections"]):
        section["id"] = _suffix(section["id"], n)
        for p in section["paragraphs"]:
            p["id"] = _suffix(p["id"], n)
        out["role_sections"].append(section)
    out["sectors"] = []
    for sector in copy.deepcopy(cycle["sectors"]):
        sector["id"] = _suffix(sector["id"], n)
        for field, letter in (("opportunities", "o"), ("dilemmas", "d"), ("entry_points", "e")):
            for i, item in enumerate(sector[field], 1):
                item["id"] = f"{sector['id']}/{letter}{i}"
        out["sectors"].append(sector)
    out["footnotes"] = [
        {**f, "id": _suffix(f["id"], n), "marker": f["marker"]}
        for f in copy.deepcopy(cycle["footnotes"])
    ]
    return out


def seminar_copy(seminar: dict[str, Any], n: int) -> dict[str, Any]:
    sessions = []
    for j, session in enumerate(copy.deepcopy(seminar["sessions"])):
        number = SESSION_BASE + n * len(seminar["sessions"]) + j
        session["id"], session["number"] = str(number), number
        for field, sub in (("key_points", 1), ("questions", 2)):
            for i, record in enumerate(session[field], 1):
                record["id"] = f"{number}.{sub}.{i}"
        sessions.append(session)
    themes = [{**t, "id": _suffix(t["id"], n)} for t in copy.deepcopy(seminar["themes"])]
    summary = [
        {**p, "id": _suffix(p["id"], n)} for p in copy.deepcopy(seminar["executive_summary"])
    ]
    return {"executive_summary": summary, "themes": themes, "sessions": sessions}


def generate(multiple: int, target: Path) -> list[Path]:
    catalog = load_catalog(use_cache=False)
    cycle = catalog.cycle.model_dump(mode="json", exclude_defaults=True)
    seminar = catalog.seminar.model_dump(mode="json", exclude_defaults=True)
    target.mkdir(parents=True, exist_ok=True)
    written = []
    copies = list(range(1, multiple))
    for start in range(0, len(copies), COPIES_PER_FILE):
        chunk = copies[start : start + COPIES_PER_FILE]
        parts: dict[str, dict[str, list[Any]]] = {"cycle": {}, "seminar": {}}
        for n in chunk:
            for part, data in (
                ("cycle", cycle_copy(cycle, n)),
                ("seminar", seminar_copy(seminar, n)),
            ):
                for key, records in data.items():
                    parts[part].setdefault(key, []).extend(records)
        for part, data in parts.items():
            path = target / f"synthetic-{part}-{chunk[0]:04d}.yaml"
            path.write_text(dump_yaml({"layout": part, **data}), encoding="utf-8")
            written.append(path)
    return written


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "multiple", type=int, help="how many times the bundled records (1, 10, ...)"
    )
    parser.add_argument("directory", type=Path)
    args = parser.parse_args()
    files = generate(args.multiple, args.directory)
    size = sum(p.stat().st_size for p in files)
    print(f"{args.directory}: {len(files)} files, {size / 1e6:.1f} MB", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
