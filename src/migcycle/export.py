"""The catalog in other formats: JSON, JSON Lines, CSV, Markdown, SQLite, and a REFI-QDA codebook.

Everything here turns the validated catalog into text (or, for SQLite, a database file at a path
it is given); choosing where output goes is the CLI's job. YAML output lives in ``load``, the
one module that speaks YAML.
"""

from __future__ import annotations

import csv
import io
import json
import sqlite3
import uuid
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any
from xml.etree import ElementTree as ET

from pydantic import BaseModel

from migcycle import __version__
from migcycle.curation import reason
from migcycle.emit import to_data
from migcycle.models import (
    Catalog,
    Curated,
    Footnote,
    PublicRole,
    Reason,
    Source,
    Sourced,
    record_id,
)
from migcycle.query import record_label

LINK_FIELDS = ("themes", "stages", "functions", "actors", "roles", "sectors", "gcm", "sdg")
LINK_TARGET = {
    "themes": "theme",
    "stages": "stage",
    "functions": "function",
    "actors": "actor",
    "sectors": "sector",
    "gcm": "gcm",
    "sdg": "sdg",
}
JOIN = "; "


def table_name(kind: str) -> str:
    return kind.replace("-", "_")


def selected(catalog: Catalog, kinds: Sequence[str] = ()) -> dict[str, list[BaseModel]]:
    """The records of the chosen kinds (all kinds if none are chosen), in document order."""
    every = catalog.kinds()
    return {k: v for k, v in every.items() if v and (not kinds or k in kinds)}


def _parents(catalog: Catalog) -> dict[tuple[str, str], dict[str, str]]:
    """Columns that tie a nested record to the record it sits in."""
    found: dict[tuple[str, str], dict[str, str]] = {}
    for stage in catalog.cycle.stages:
        for f in stage.functions:
            found[("stage-function", f.id)] = {"stage": stage.id}
    for sector in catalog.cycle.sectors:
        for field in ("opportunities", "dilemmas", "entry_points"):
            for item in getattr(sector, field):
                found[("sector-item", item.id)] = {"sector": sector.id, "list": field}
    for session in catalog.seminar.sessions:
        for k in session.key_points:
            found[("key-point", k.id)] = {"session": session.id}
        for q in session.questions:
            found[("question", q.id)] = {"session": session.id}
    for section in catalog.cycle.role_sections:
        for p in section.paragraphs:
            found[("passage", p.id)] = {"role_section": section.id}
    return found


def _scalar(value: Any) -> Any:
    if isinstance(value, dict):  # curated.why: the reasons, as one JSON text
        return json.dumps(to_data(value), ensure_ascii=False) if value else None
    if isinstance(value, list):
        return JOIN.join(str(v if not isinstance(v, BaseModel) else record_id(v)) for v in value)
    return value


def flat_row(kind: str, record: BaseModel, parent: dict[str, str]) -> dict[str, Any]:
    """One record as flat columns: lists joined with '; ', nested records by their ids,
    ``source`` and ``curated`` spread over prefixed columns."""
    row: dict[str, Any] = {"id": record_id(record), **parent}
    if kind == "passage":  # passages outside a role section have no parent: NULL
        row["role_section"] = parent.get("role_section")
    provenance: dict[str, Any] = {}
    for name in type(record).model_fields:
        value = getattr(record, name)
        if isinstance(value, Source):
            provenance["source_document"] = value.document
            provenance["source_locator"] = value.locator
        elif isinstance(value, Curated):
            for field in type(value).model_fields:
                provenance[f"curated_{field}"] = _scalar(getattr(value, field))
        elif name != "id":
            row[name] = _scalar(value)
    return {**row, **provenance}


def tables(catalog: Catalog, kinds: Sequence[str] = ()) -> dict[str, list[dict[str, Any]]]:
    parents = _parents(catalog)
    return {
        kind: [flat_row(kind, r, parents.get((kind, record_id(r)), {})) for r in records]
        for kind, records in selected(catalog, kinds).items()
    }


# --- JSON ----------------------------------------------------------------------------------------


def to_json(catalog: Catalog, kinds: Sequence[str] = ()) -> Any:
    """The whole catalog as one document (or, with kinds, ``{kind: [records]}``)."""
    if not kinds:
        return catalog.model_dump(mode="json")
    return {k: [r.model_dump(mode="json") for r in v] for k, v in selected(catalog, kinds).items()}


def to_jsonl(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """One record per line, with its ``kind``; nested records appear on their own lines."""
    lines = []
    parents = _parents(catalog)
    for kind, records in selected(catalog, kinds).items():
        for record in records:
            data: dict[str, Any] = {"kind": kind, **parents.get((kind, record_id(record)), {})}
            for name, value in record.model_dump(mode="json").items():
                nested = getattr(record, name, None)
                if isinstance(nested, list) and nested and isinstance(nested[0], BaseModel):
                    data[name] = [record_id(n) for n in nested]
                else:
                    data[name] = value
            lines.append(json.dumps(data, ensure_ascii=False))
    return "".join(f"{line}\n" for line in lines)


# --- CSV -----------------------------------------------------------------------------------------


def to_csv(rows: Sequence[dict[str, Any]]) -> str:
    """RFC 4180: CRLF line ends, a header row, quotes where a value needs them."""
    buffer = io.StringIO(newline="")
    if rows:
        writer = csv.DictWriter(buffer, fieldnames=list(rows[0]), lineterminator="\r\n")
        writer.writeheader()
        writer.writerows({k: "" if v is None else v for k, v in row.items()} for row in rows)
    return buffer.getvalue()


# --- Markdown ------------------------------------------------------------------------------------

_SKIP = {"id", "source", "curated"}


def to_markdown(catalog: Catalog, kinds: Sequence[str] = ()) -> str:
    """A readable report: every record with its text, each followed by its citation."""
    from migcycle.cite import cite

    out = [
        "# migcycle data",
        "",
        f"Exported by migcycle {__version__}. Text is quoted from the documents; curated",
        "structure (aliases, themes, links) is marked as such.",
    ]
    for kind, records in selected(catalog, kinds).items():
        out += ["", f"## {kind} ({len(records)})"]
        for record in records:
            ident = record_id(record)
            out += ["", f"### {record_label(kind, record)}", "", f"`{kind}:{ident}`", ""]
            for name in type(record).model_fields:
                if name in _SKIP:
                    continue
                value = getattr(record, name)
                if isinstance(value, list) and value and isinstance(value[0], BaseModel):
                    out.append(f"- **{name}**: {', '.join(f'`{record_id(v)}`' for v in value)}")
                elif isinstance(value, list) and value:
                    out.append(f"- **{name}**:")
                    out += [f"  - {v}" for v in value]
                elif value not in (None, [], ""):
                    out.append(f"- **{name}**: {value}")
            if isinstance(record, Sourced):
                out += _markdown_links(record)
            out += ["", f"> {cite(catalog, f'{kind}:{ident}', 'plain').citation}"]
    return "\n".join(out) + "\n"


def _markdown_links(record: Sourced) -> list[str]:
    """The record's curated links, each with its reason (quoted words in quotation marks)."""
    out = []
    for field in LINK_FIELDS:
        for target in getattr(record.curated, field):
            given = reason(record, field, target)
            why = "" if given is None else f" - {_reason_text(given)}"
            out.append(f"  - {field} `{target}`{why}")
    return ["- *curated links* (migcycle's, with their reasons):", *out] if out else []


def _reason_text(given: Reason) -> str:
    return f"inferred: {given.why}" if given.basis == "inferred" else f"“{given.why}”"


# --- SQLite --------------------------------------------------------------------------------------

_TEXT_COLUMNS = (
    "name", "title", "term", "label", "short_label", "headline", "body", "text", "question",
    "description", "summary", "recommendation", "printed_name", "heading", "decision",
)  # fmt: skip
_PARENT_TARGET = {
    "stage": "stage",
    "sector": "sector",
    "session": "session",
    "role_section": "role-section",
}


def _quote(name: str) -> str:
    return '"' + name.replace('"', '""') + '"'


def write_sqlite(catalog: Catalog, path: Path, kinds: Sequence[str] = ()) -> dict[str, int]:
    """Write a database with one table per kind, foreign keys for every link and FTS5 indexes.

    Returns the row count of every table. ``path`` must not exist; the caller renames it into
    place, so a failure never leaves a partial database where the user asked for one.
    """
    rows = tables(catalog, kinds)
    chosen = set(rows)
    db = sqlite3.connect(path)
    try:
        # Tables are filled in document order, so a reference may precede its target:
        # every foreign key is checked once, at the end.
        with db:
            for kind, records in rows.items():
                _create_table(db, kind, records, chosen)
            for kind, models in selected(catalog, kinds).items():
                _link_tables(db, kind, models, chosen, catalog)
            _reason_table(db, selected(catalog, kinds))
            for kind, records in rows.items():
                _fts(db, kind, records)
        violations = db.execute("PRAGMA foreign_key_check").fetchall()
        if violations:  # pragma: no cover - the catalog's own validation rules this out
            raise RuntimeError(f"foreign key violations: {violations[:5]}")
        names = [
            r[0]
            for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' ORDER BY name")
        ]
        return {n: db.execute(f"SELECT count(*) FROM {_quote(n)}").fetchone()[0] for n in names}
    finally:
        db.close()


def _create_table(
    db: sqlite3.Connection, kind: str, records: list[dict[str, Any]], chosen: set[str]
) -> None:
    if not records:
        return
    columns = list(records[0])
    defs = []
    for column in columns:
        sample = next((r[column] for r in records if r[column] is not None), "")
        kind_of = "INTEGER" if isinstance(sample, int) and not isinstance(sample, bool) else "TEXT"
        target = _PARENT_TARGET.get(column)
        if kind == "stage-function" and column == "function":
            target = "function"
        ref = f" REFERENCES {_quote(table_name(target))}(id)" if target in chosen else ""
        primary = " PRIMARY KEY" if column == "id" else ""
        defs.append(f"{_quote(column)} {kind_of}{primary}{ref}")
    table = _quote(table_name(kind))
    db.execute(f"CREATE TABLE {table} ({', '.join(defs)})")
    marks = ", ".join("?" for _ in columns)
    db.executemany(f"INSERT INTO {table} VALUES ({marks})", [tuple(r.values()) for r in records])


def _junction(
    db: sqlite3.Connection,
    kind: str,
    field: str,
    target: str,
    pairs: Iterable[tuple[str, str, int]],
) -> None:
    name = f"{table_name(kind)}_{field}"
    owner, other = table_name(kind), table_name(target)
    column = other if other != owner else f"{other}_target"
    db.execute(
        f"CREATE TABLE {_quote(name)} ("
        f"{_quote(owner)} TEXT NOT NULL REFERENCES {_quote(owner)}(id), "
        f"{_quote(column)} TEXT NOT NULL REFERENCES {_quote(other)}(id), "
        f"position INTEGER NOT NULL, PRIMARY KEY ({_quote(owner)}, {_quote(column)}))"
    )
    db.executemany(f"INSERT INTO {_quote(name)} VALUES (?, ?, ?)", list(pairs))


def _link_tables(
    db: sqlite3.Connection, kind: str, records: list[BaseModel], chosen: set[str], catalog: Catalog
) -> None:
    private = {r.id for r in catalog.cycle.private_roles}
    for field in LINK_FIELDS:
        if not any(isinstance(r, Sourced) and getattr(r.curated, field) for r in records):
            continue
        if field == "roles":
            for target, members in (("private-role", private), ("public-role", None)):
                pairs = [
                    (record_id(r), ref, i)
                    for r in records
                    if isinstance(r, Sourced)
                    for i, ref in enumerate(r.curated.roles)
                    if (ref in private) == (members is not None)
                ]
                if pairs and target in chosen:
                    _junction(db, kind, target.replace("-", "_") + "s", target, pairs)
            continue
        target = LINK_TARGET[field]
        if target not in chosen:
            continue
        pairs = [
            (record_id(r), ref, i)
            for r in records
            if isinstance(r, Sourced)
            for i, ref in enumerate(getattr(r.curated, field))
        ]
        _junction(db, kind, field, target, pairs)
    for field, target in (("cites_gcm", "gcm"), ("cites_gcr", "gcr")):
        pairs = [
            (r.id, ref, i)
            for r in records
            if isinstance(r, Footnote)
            for i, ref in enumerate(getattr(r, field))
        ]
        if pairs and target in chosen:
            _junction(db, kind, field, target, pairs)
    examples = [
        (r.id, audience, i, text)
        for r in records
        if isinstance(r, PublicRole)
        for audience, items in (("government", r.government_examples), ("donor", r.donor_examples))
        for i, text in enumerate(items)
    ]
    if examples:
        db.execute(
            "CREATE TABLE public_role_example ("
            "public_role TEXT NOT NULL REFERENCES public_role(id), audience TEXT NOT NULL, "
            "position INTEGER NOT NULL, text TEXT NOT NULL, "
            "PRIMARY KEY (public_role, audience, position))"
        )
        db.executemany("INSERT INTO public_role_example VALUES (?, ?, ?, ?)", examples)


def _reason_table(db: sqlite3.Connection, chosen: dict[str, list[BaseModel]]) -> None:
    """``link_reason``: why each curated link is there, and each footnote citation the brief's."""
    rows: list[tuple[str, ...]] = [
        (kind, record_id(r), field, target, "curated", given.basis, given.why)
        for kind, records in chosen.items()
        for r in records
        if isinstance(r, Sourced)
        for field, targets in r.curated.why.items()
        for target, given in targets.items()
    ]
    rows += [
        (kind, r.id, field, target, "document", "footnote", f"footnote {r.number}")
        for kind, records in chosen.items()
        for r in records
        if isinstance(r, Footnote)
        for field in ("cites_gcm", "cites_gcr")
        for target in getattr(r, field)
    ]
    db.execute(
        "CREATE TABLE link_reason (kind TEXT NOT NULL, record TEXT NOT NULL, field TEXT NOT NULL, "
        "target TEXT NOT NULL, provenance TEXT NOT NULL, basis TEXT NOT NULL, why TEXT NOT NULL, "
        "PRIMARY KEY (kind, record, field, target))"
    )
    db.executemany("INSERT INTO link_reason VALUES (?, ?, ?, ?, ?, ?, ?)", rows)


def _fts(db: sqlite3.Connection, kind: str, records: list[dict[str, Any]]) -> None:
    """An external-content FTS5 index over the table's text columns (datasette finds it by name)."""
    if not records:
        return
    columns = [c for c in records[0] if c in _TEXT_COLUMNS]
    if not columns:
        return
    table = table_name(kind)
    fts = f"{table}_fts"
    db.execute(
        f"CREATE VIRTUAL TABLE {_quote(fts)} USING fts5("
        f"{', '.join(_quote(c) for c in columns)}, content={_quote(table)}, "
        "tokenize='unicode61 remove_diacritics 2')"
    )
    db.execute(f"INSERT INTO {_quote(fts)}({_quote(fts)}) VALUES ('rebuild')")


# --- REFI-QDA codebook ---------------------------------------------------------------------------

QDA_NAMESPACE = "urn:QDA-XML:codebook:1.0"
_GUID_NAMESPACE = uuid.UUID("6f1d8a52-3c1b-5a9e-9d43-6b0e2c6a7f10")
_COLOURS = {"stages": "#1f77b4", "actors": "#2ca02c", "themes": "#d62728"}


def guid(kind: str, ident: str) -> str:
    """A GUID derived from the record's kind and id: the same on every export."""
    return str(uuid.uuid5(_GUID_NAMESPACE, f"migcycle/{kind}/{ident}"))


def codebook_entries(catalog: Catalog) -> list[dict[str, str]]:
    """The codes, parents before children: groups, stages (with their functions), actors, themes."""
    entries: list[dict[str, str]] = []

    def add(
        group: str, kind: str, ident: str, name: str, description: str, parent: str = ""
    ) -> None:
        entries.append(
            {"guid": guid(kind, ident), "parent": parent, "group": group, "kind": kind,
             "id": ident, "name": name, "description": description}
        )  # fmt: skip

    add(
        "stages",
        "group",
        "stages",
        "Migration cycle stages",
        "The five stages of the migration cycle (ECDPM 2020).",
    )
    for stage in catalog.cycle.stages:
        add(
            "stages",
            "stage",
            stage.id,
            f"{stage.number} {stage.name}",
            stage.summary,
            guid("group", "stages"),
        )
        for f in stage.functions:
            add(
                "stages",
                "stage-function",
                f.id,
                f"{stage.name}: {f.label}",
                f.description,
                guid("stage", stage.id),
            )
    add(
        "actors",
        "group",
        "actors",
        "Private-sector actor types",
        "Actor types the brief describes or names.",
    )
    for actor in catalog.cycle.actor_types:
        text = actor.description or actor.curated.description or ""
        add("actors", "actor", actor.id, actor.name, text, guid("group", "actors"))
    add(
        "themes",
        "group",
        "themes",
        "Themes",
        "The seminar's common themes and migcycle's topical themes.",
    )
    for theme in catalog.seminar.themes:
        description = theme.description or theme.curated.description or ""
        add("themes", "theme", theme.id, theme.name, description, guid("group", "themes"))
    return entries


def codebook_qdc(catalog: Catalog) -> str:
    """The codebook as REFI-QDA Codebook XML (.qdc), which NVivo, ATLAS.ti, MAXQDA and
    QualCoder import."""
    ET.register_namespace("", QDA_NAMESPACE)
    root = ET.Element(f"{{{QDA_NAMESPACE}}}CodeBook", {"origin": f"migcycle {__version__}"})
    codes = ET.SubElement(root, f"{{{QDA_NAMESPACE}}}Codes")
    elements: dict[str, ET.Element] = {}
    for entry in codebook_entries(catalog):
        parent = elements.get(entry["parent"], codes)
        code = ET.SubElement(
            parent,
            f"{{{QDA_NAMESPACE}}}Code",
            {
                "guid": entry["guid"],
                "name": entry["name"],
                "isCodable": "false" if entry["kind"] == "group" else "true",
                "color": _COLOURS[entry["group"]],
            },
        )
        if entry["description"]:
            ET.SubElement(code, f"{{{QDA_NAMESPACE}}}Description").text = entry["description"]
        elements[entry["guid"]] = code
    ET.indent(root)
    return '<?xml version="1.0" encoding="utf-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"


def codebook_csv(catalog: Catalog) -> str:
    return to_csv(codebook_entries(catalog))
