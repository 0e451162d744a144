"""Every link between two records: which way it runs, whose it is, and why. Pure: no I/O.

A link is the document's own when the document makes it - a footnote that cites a GCM objective,
the record a footnote's marker stands in, the session a key point is printed in - and curated
when migcycle adds it (everything under a record's ``curated:`` key). A curated link carries the
reason the data gives for it (``curated.why``) where the data has one.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

from pydantic import BaseModel

from migcycle import kinds as registry
from migcycle.models import Catalog, Footnote, Sourced, record_id

DOCUMENT = "document"
CURATED = "curated"

Key = tuple[str, str]
"""A record as (kind, id)."""


class Link(NamedTuple):
    """One end of a link as seen from the other: the ``field`` that holds it, the record at the
    other end, whose link it is (``document`` or ``curated``), and why (null where the data gives
    no reason; ``basis`` is ``quoted`` or ``inferred`` where it does)."""

    field: str
    kind: str
    id: str
    label: str
    whose: str
    why: str | None = None
    basis: str | None = None
    via: str | None = None
    """In a view, the record that carries the link when it is not the one shown."""


class Edge(NamedTuple):
    source: Key
    target: Key
    field: str
    whose: str
    why: str | None
    basis: str | None


class Graph(NamedTuple):
    """Every record by (kind, id), its label, and every link between records."""

    records: dict[Key, BaseModel]
    labels: dict[Key, str]
    edges: list[Edge]

    def links_from(self, key: Key) -> list[Link]:
        return [self._end(e, e.target) for e in self.edges if e.source == key]

    def links_to(self, key: Key) -> list[Link]:
        return [self._end(e, e.source) for e in self.edges if e.target == key]

    def _end(self, edge: Edge, other: Key) -> Link:
        kind, ident = other
        label = self.labels[other]
        return Link(edge.field, kind, ident, label, edge.whose, edge.why, edge.basis)


def graph(catalog: Catalog) -> Graph:
    records = {(kind, record_id(r)): r for kind, r in registry.all_records(catalog)}
    labels = {key: registry.label(key[0], r) for key, r in records.items()}
    kind_of: dict[str, str] = {}
    for kind, ident in records:
        kind_of.setdefault(ident, kind)
    edges = [
        *_curated_edges(records, kind_of),
        *_document_edges(catalog, records, kind_of),
    ]
    return Graph(records, labels, edges)


def reason(record: Sourced, field: str, target: str) -> tuple[str | None, str | None]:
    """(why, basis) of the reason :func:`migcycle.curation.reason` finds for a curated link, or
    (None, None) where the data gives none."""
    from migcycle.curation import reason as find  # lazily: not needed to start a query

    given = find(record, field, target)
    return (None, None) if given is None else (given.why, given.basis)


def _curated_edges(records: dict[Key, BaseModel], kind_of: dict[str, str]) -> Iterator[Edge]:
    """Every link under a record's ``curated:`` key, with its reason where the data gives one."""
    for key, record in records.items():
        if not isinstance(record, Sourced):
            continue
        for spec in registry.LINKS:
            for target in getattr(record.curated, spec.field):
                kind = next((k for k in spec.targets if (k, target) in records), kind_of[target])
                why, basis = reason(record, spec.field, target)
                yield Edge(key, (kind, target), spec.field, CURATED, why, basis)


def _document_edges(
    catalog: Catalog, records: dict[Key, BaseModel], kind_of: dict[str, str]
) -> Iterator[Edge]:
    """Links the document makes: what a footnote cites and where its marker stands, and the
    record each nested record is printed in. A stage function's canonical function is
    migcycle's vocabulary, so that link is curated."""
    for (kind, ident), record in records.items():
        for field, target_kind in registry.get(kind).own_links:
            for target in getattr(record, field):
                yield Edge((kind, ident), (target_kind, target), field, DOCUMENT, None, None)
        if isinstance(record, Footnote) and record.marker in kind_of:
            marked = (kind_of[record.marker], record.marker)
            yield Edge((kind, ident), marked, "marker", DOCUMENT, None, None)
    for (kind, ident), columns in registry.parents(catalog).items():
        spec = registry.get(kind)
        for column, target_kind in spec.references:
            target = columns.get(column) or getattr(records[(kind, ident)], column, None)
            if isinstance(target, str) and (target_kind, target) in records:
                whose = DOCUMENT if column in spec.parent_columns else CURATED
                yield Edge((kind, ident), (target_kind, target), column, whose, None, None)
