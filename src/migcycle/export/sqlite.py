"""The catalog as a SQLite database: one table per kind, foreign keys for every link, and FTS5
full-text indexes (datasette finds them by name)."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.export.tables import selected, tables
from migcycle.kinds import table_name
from migcycle.models import Catalog, PublicRole, Sourced, record_id


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
        target = dict(registry.get(kind).references).get(column)
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
    """Junction tables for the kind's curated links and the document's own links."""
    for link in registry.LINKS:
        _curated_junctions(db, kind, records, link, chosen, catalog)
    for field, target in registry.get(kind).own_links:
        pairs = [(record_id(r), ref, i) for r in records for i, ref in enumerate(getattr(r, field))]
        if pairs and target in chosen:
            _junction(db, kind, field, target, pairs)
    _public_role_examples(db, records)


def _curated_junctions(
    db: sqlite3.Connection,
    kind: str,
    records: list[BaseModel],
    link: registry.LinkField,
    chosen: set[str],
    catalog: Catalog,
) -> None:
    """One junction table per link field; a field that may name several kinds (roles) gets one
    table per kind it names (``<kind>_private_roles``)."""
    pairs = [
        (record_id(r), ref, i)
        for r in records
        if isinstance(r, Sourced)
        for i, ref in enumerate(getattr(r.curated, link.field))
    ]
    if not pairs:
        return
    if len(link.targets) == 1:
        if link.targets[0] in chosen:
            _junction(db, kind, link.field, link.targets[0], pairs)
        return
    for target in link.targets:
        members = {record_id(r) for r in registry.get(target).records(catalog)}
        own = [pair for pair in pairs if pair[1] in members]
        if own and target in chosen:
            _junction(db, kind, f"{table_name(target)}s", target, own)


def _public_role_examples(db: sqlite3.Connection, records: list[BaseModel]) -> None:
    """Table 1's examples, one row each, under the public role they illustrate."""
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
    """``link_reason``: why each curated link is there, and each link the document makes itself
    (a footnote's citations) as the document's."""
    rows: list[tuple[str, ...]] = [
        (kind, record_id(r), field, target, "curated", given.basis, given.why)
        for kind, records in chosen.items()
        for r in records
        if isinstance(r, Sourced)
        for field, targets in r.curated.why.items()
        for target, given in targets.items()
    ]
    rows += [
        (kind, record_id(r), field, target, "document", "footnote", registry.label(kind, r))
        for kind, records in chosen.items()
        for field, _ in registry.get(kind).own_links
        for r in records
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
    text = registry.scalar_text_fields(registry.get(kind).model)
    columns = [c for c in records[0] if c in text]
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
