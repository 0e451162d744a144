"""Apply the 2026 review of curated links (issue 14) to the data, and write its log.

    python scripts/apply_review.py [--base 2d1af4c]

Reads data/seminar.yaml and data/cycle.yaml as they were at ``--base`` (the data before the
review: the review started from a1b3a88 and was merged onto 2d1af4c, whose data is a1b3a88's plus
the citation work's document pages, URL and notes; re-applying from a1b3a88 would drop those),
applies docs/curation-review/{seminar,cycle}.yaml, adds the review's reading notes, moves the common
themes' descriptions under ``curated``, and writes the data files, the log
docs/curation-review.tsv and the figures (printed as Markdown). Running it again from the same base
gives the same files, so a change of decision is made in the sheets and re-applied (the inter-coder
resolution of docs/intercoder/kappa.md was made that way).

Sheet format: ``kind:id`` -> link field -> target -> reason. ``target: words`` keeps a link with
the words that ground it (quoted); a reason starting ``~`` is inferred; ``+target`` adds a link,
``-target: why`` removes one. Every link the record had must be named, so nothing escapes review.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import yaml

from migcycle.yamlio import dump_yaml

ROOT = Path(__file__).resolve().parents[1]
LINK_FIELDS = ("themes", "stages", "functions", "actors", "roles", "sectors", "gcm", "sdg")
CURATED_ORDER = ("name", "description", "aliases", *LINK_FIELDS, "why", "note")
NOTES = ROOT / "docs" / "curation-review" / "notes.yaml"
Row = dict[str, str]


def base_text(base: str, name: str) -> str:
    return subprocess.run(
        ["git", "show", f"{base}:data/{name}"], cwd=ROOT, check=True, capture_output=True, text=True
    ).stdout


def index(data: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """``kind:id`` -> the record's mapping, for every record that can carry curated links."""
    found: dict[str, dict[str, Any]] = {}

    def add(kind: str, records: list[dict[str, Any]]) -> None:
        for r in records:
            found[f"{kind}:{r['id']}"] = r

    for session in data.get("sessions", []):
        add("key-point", session["key_points"])
        add("question", session["questions"])
    add("function", data.get("functions", []))
    add("actor", data.get("actor_types", []))
    add("sector", data.get("sectors", []))
    add("footnote", data.get("footnotes", []))
    add("passage", data.get("passages", []))
    add("role-section", data.get("role_sections", []))
    for section in data.get("role_sections", []):
        add("passage", section["paragraphs"])
    for stage in data.get("stages", []):
        add("stage", [stage])
        add("stage-function", stage["functions"])
    return found


def reason(text: str) -> dict[str, str]:
    if text.startswith("~"):
        return {"why": text[1:].strip(), "basis": "inferred"}
    return {"why": text}


def apply_record(
    key: str, record: dict[str, Any], sheet: dict[str, Any], moved: set[str]
) -> list[Row]:
    curated = record.setdefault("curated", {})
    why: dict[str, dict[str, Any]] = {}
    rows: list[Row] = []
    for field in LINK_FIELDS:
        before: list[str] = list(curated.get(field, []))
        decisions: dict[str, str] = sheet.get(field, {})
        named = {t.lstrip("+-") for t in decisions}
        unreviewed = [t for t in before if t not in named]
        if unreviewed:
            sys.exit(f"{key}: {field} {unreviewed} not reviewed")
        after = [t for t in before if f"-{t}" not in decisions]
        after += [t[1:] for t in decisions if t.startswith("+") and t[1:] not in after]
        for target, text in decisions.items():
            plain = target.lstrip("+-")
            if target.startswith("-"):
                decision = "moved" if text.startswith("moved") else "removed"
            elif target.startswith("+"):
                decision = "moved-in" if f"{field}:{plain}:{key}" in moved else "added"
            else:
                decision = "kept"
            if target[0] not in "+-" and plain not in before:
                sys.exit(f"{key}: {field} {plain} kept but not there")
            basis = "" if decision in ("removed", "moved") else reason(text).get("basis", "quoted")
            rows.append({"record": key, "field": field, "target": plain, "decision": decision,
                         "basis": basis, "text": text.lstrip("~ ").strip()})  # fmt: skip
        if after:
            curated[field] = after
            why[field] = {t: reason(decisions.get(t, decisions.get(f"+{t}", ""))) for t in after}
        else:
            curated.pop(field, None)
    if why:
        curated["why"] = why
    ordered = {k: curated[k] for k in CURATED_ORDER if k in curated}
    if ordered:
        record["curated"] = ordered
    else:
        record.pop("curated", None)
    return rows


def moved_targets(sheet: dict[str, Any], data: dict[str, Any]) -> set[str]:
    """``field:target:stage-function`` for each function-level link moved onto a stage function."""
    moved_from = {
        (key.split(":", 1)[1], field, t[1:])
        for key, fields in sheet.items()
        if key.startswith("function:")
        for field, decisions in fields.items()
        for t, text in decisions.items()
        if t.startswith("-") and text.startswith("moved")
    }
    found = set()
    for stage in data.get("stages", []):
        for f in stage["functions"]:
            for field, decisions in sheet.get(f"stage-function:{f['id']}", {}).items():
                for t in decisions:
                    if t.startswith("+") and (f["function"], field, t[1:]) in moved_from:
                        found.add(f"{field}:{t[1:]}:stage-function:{f['id']}")
    return found


def add_notes(data: dict[str, Any], notes: list[dict[str, Any]]) -> None:
    known = {n["id"] for n in data["notes"]}
    data["notes"] += [n for n in notes if n["id"] not in known]


def move_theme_descriptions(data: dict[str, Any]) -> None:
    for theme in data["themes"]:
        if theme["kind"] == "common" and "description" in theme:
            description = theme.pop("description")
            curated = theme.setdefault("curated", {})
            curated["description"] = description
            theme["curated"] = {k: curated[k] for k in CURATED_ORDER if k in curated}


def dump(header: str, data: dict[str, Any]) -> str:
    return header + dump_yaml(data)


def split_header(text: str) -> tuple[str, dict[str, Any]]:
    lines = text.splitlines(keepends=True)
    header = "".join(line for line in lines if line.startswith("#"))
    return header, yaml.safe_load(text)


def counts(records: dict[str, dict[str, Any]]) -> Counter[str]:
    tally: Counter[str] = Counter()
    for r in records.values():
        for field in LINK_FIELDS:
            tally[field] += len(r.get("curated", {}).get(field, []))
    return tally


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base", default="2d1af4c")
    args = parser.parse_args()
    notes = yaml.safe_load(NOTES.read_text(encoding="utf-8"))
    log: list[Row] = []
    figures: dict[str, tuple[Counter[str], Counter[str]]] = {}
    for name in ("cycle", "seminar"):
        header, data = split_header(base_text(args.base, f"{name}.yaml"))
        sheet = yaml.safe_load((ROOT / "docs" / "curation-review" / f"{name}.yaml").read_text())
        records = index(data)
        before = counts(records)
        moved = moved_targets(sheet, data)
        unknown = set(sheet) - set(records)
        if unknown:
            sys.exit(f"{name}: unknown records {sorted(unknown)}")
        for key, record in records.items():
            links = any(record.get("curated", {}).get(f) for f in LINK_FIELDS)
            if links and key not in sheet:
                sys.exit(f"{name}: {key} has links but is not in the sheet")
            if key in sheet:
                log += [
                    {"file": f"{name}.yaml", **r}
                    for r in apply_record(key, record, sheet[key], moved)
                ]
        add_notes(data, notes[name])
        if name == "seminar":
            move_theme_descriptions(data)
        for key, note in notes.get(f"{name}-record-notes", {}).items():
            records[key].setdefault("curated", {})["note"] = note
            records[key]["curated"] = {
                k: records[key]["curated"][k] for k in CURATED_ORDER if k in records[key]["curated"]
            }
        carry_over(data, yaml.safe_load((ROOT / "data" / f"{name}.yaml").read_text("utf-8")))
        figures[name] = (before, counts(records))
        (ROOT / "data" / f"{name}.yaml").write_text(dump(header, data), encoding="utf-8")
    write_log(log)
    print_figures(log, figures)


def carry_over(data: dict[str, Any], current: dict[str, Any]) -> None:
    """Keep what others added to the data file since the base, outside the curated links: the
    document's metadata (e.g. pages and URL for citations) and reading notes the review does not
    manage, in the current file's order; the review's own notes are refreshed in place."""
    data["document"] = current["document"]
    fresh = {note["id"]: note for note in data["notes"]}
    kept = [fresh.pop(note["id"], note) for note in current["notes"]]
    data["notes"] = kept + list(fresh.values())


def write_log(log: list[Row]) -> None:
    columns = ["file", "record", "field", "target", "decision", "basis", "text"]
    lines = ["\t".join(columns)] + ["\t".join(row[c] for c in columns) for row in log]
    (ROOT / "docs" / "curation-review.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def print_figures(log: list[Row], figures: dict[str, tuple[Counter[str], Counter[str]]]) -> None:
    def tally(rows: list[Row]) -> Counter[str]:
        return Counter(r["decision"] for r in rows)

    links = [r for r in log if r["field"] != "themes"]
    tags = [r for r in log if r["field"] == "themes"]
    before = sum((b for b, _ in figures.values()), Counter())
    after = sum((a for _, a in figures.values()), Counter())
    cross_before = sum(v for k, v in before.items() if k != "themes")
    cross_after = sum(v for k, v in after.items() if k != "themes")
    print(f"cross-links: before {cross_before}, after {cross_after}; {dict(tally(links))}")
    print(f"theme tags: before {before['themes']}, after {after['themes']}; {dict(tally(tags))}")
    for field in LINK_FIELDS:
        print(f"  {field}: {before[field]} -> {after[field]}")


if __name__ == "__main__":
    main()
