"""Integrity rules the field types alone cannot express: unique ids, references that resolve,
ids that follow from their place. Pure: the catalog in, :class:`~migcycle.models.Problem` out."""

from __future__ import annotations

from collections.abc import Iterator

from pydantic import BaseModel

from migcycle import kinds
from migcycle.errors import did_you_mean
from migcycle.models import (
    BUNDLED_DOCUMENTS,
    Catalog,
    Footnote,
    Note,
    Path,
    Problem,
    Sourced,
    record_id,
)


class IntegrityError(ValueError):
    """Raised by :class:`Catalog` with every problem found, so none hides behind the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} integrity problem(s)")
        self.problems = problems


def iter_records(catalog: Catalog) -> Iterator[tuple[Path, BaseModel]]:
    """Every record that has an id, with its path in the catalog, in document order."""
    known = kinds.namespaces()

    def walk(value: object, path: Path) -> Iterator[tuple[Path, BaseModel]]:
        if isinstance(value, BaseModel):
            if value.__class__ in known:
                yield path, value
            for name in type(value).model_fields:
                child = getattr(value, name)
                if isinstance(child, (BaseModel, list)):
                    yield from walk(child, (*path, name))
        elif isinstance(value, list):
            for i, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from walk(item, (*path, i))

    for part in ("cycle", "seminar", "frameworks"):
        yield from walk(getattr(catalog, part), (part,))


def _unique_ids(
    records: list[tuple[Path, BaseModel]],
) -> tuple[list[Problem], dict[str, dict[str, Path]]]:
    """Duplicate ids within each namespace, and every id by namespace."""
    namespace_of = kinds.namespaces()
    problems: list[Problem] = []
    ids: dict[str, dict[str, Path]] = {}
    for path, record in records:
        namespace = namespace_of[record.__class__]
        ident = record_id(record)
        seen = ids.setdefault(namespace, {})
        if ident in seen:
            message = f"duplicate {namespace} id {ident!r}"
            problems.append(
                Problem(path=(*path, "id"), message=message, other=(*seen[ident], "id"))
            )
        else:
            seen[ident] = path
    return problems, ids


def _link_targets(catalog: Catalog) -> dict[str, set[str]]:
    """For each ``curated`` link field, the ids it may name."""
    return {
        link.field: {
            record_id(r) for target in link.targets for r in kinds.get(target).records(catalog)
        }
        for link in kinds.LINKS
    }


def integrity_problems(catalog: Catalog) -> Iterator[Problem]:
    """Every duplicate id, dangling reference and broken invariant in the catalog."""
    records = list(iter_records(catalog))
    duplicates, ids = _unique_ids(records)
    yield from duplicates
    targets = _link_targets(catalog)
    every_id = {ident for seen in ids.values() for ident in seen}
    documents = {*BUNDLED_DOCUMENTS, *(d.id for d in catalog.external_documents)}
    for path, record in records:
        if isinstance(record, Sourced):
            yield from _source_problems(path, record, documents)
            yield from _link_problems(path, record, targets)
        if isinstance(record, Footnote):
            yield from _footnote_problems(path, record, every_id, catalog)
        if isinstance(record, Note):
            for i, ref in enumerate(record.records):
                if ref not in every_id:
                    yield Problem(path=(*path, "records", i), message=f"unknown record {ref!r}")
    yield from _shape_problems(catalog, targets["functions"])
    from migcycle.curation import reason_problems  # curation reads this module's models

    yield from reason_problems(catalog)


def _source_problems(path: Path, record: Sourced, documents: set[str]) -> Iterator[Problem]:
    if record.source.document not in documents:
        yield Problem(
            path=(*path, "source", "document"),
            message=f"unknown document {record.source.document!r}"
            f"{did_you_mean(record.source.document, documents)}; declare it under `documents:`",
        )


def _link_problems(path: Path, record: Sourced, targets: dict[str, set[str]]) -> Iterator[Problem]:
    for link in kinds.LINKS:
        valid = targets[link.field]
        for i, ref in enumerate(getattr(record.curated, link.field)):
            if ref not in valid:
                yield Problem(
                    path=(*path, "curated", link.field, i),
                    message=f"unknown {link.label} {ref!r}" + did_you_mean(ref, valid),
                )


def _footnote_problems(
    path: Path, footnote: Footnote, every_id: set[str], catalog: Catalog
) -> Iterator[Problem]:
    if footnote.marker not in every_id:
        yield Problem(path=(*path, "marker"), message=f"unknown record {footnote.marker!r}")
    for field, target in kinds.get("footnote").own_links:
        valid = {record_id(r) for r in kinds.get(target).records(catalog)}
        for i, ref in enumerate(getattr(footnote, field)):
            if ref not in valid:
                yield Problem(path=(*path, field, i), message=f"unknown framework {ref!r}")


def _shape_problems(catalog: Catalog, functions: set[str]) -> Iterator[Problem]:
    """Invariants the field types alone cannot express: ids that follow from their place."""
    yield from _stage_function_problems(catalog, functions)
    yield from _sector_item_problems(catalog)
    yield from _session_problems(catalog)


def _stage_function_problems(catalog: Catalog, functions: set[str]) -> Iterator[Problem]:
    for si, st in enumerate(catalog.cycle.stages):
        for fi, f in enumerate(st.functions):
            path: Path = ("cycle", "stages", si, "functions", fi)
            if f.function not in functions:
                message = f"unknown function {f.function!r}{did_you_mean(f.function, functions)}"
                yield Problem(path=(*path, "function"), message=message)
            if f.id != f"{st.id}/{f.function}":
                yield Problem(path=(*path, "id"), message=f"id must be '{st.id}/{f.function}'")
            if not f.curated.actors:
                yield Problem(path=(*path, "curated"), message="needs at least one actor type")


def _sector_item_problems(catalog: Catalog) -> Iterator[Problem]:
    for si, sector in enumerate(catalog.cycle.sectors):
        for field, letter in (("opportunities", "o"), ("dilemmas", "d"), ("entry_points", "e")):
            for ii, item in enumerate(getattr(sector, field)):
                expected = f"{sector.id}/{letter}{ii + 1}"
                if item.id != expected:
                    path = ("cycle", "sectors", si, field, ii, "id")
                    yield Problem(path=path, message=f"id must be {expected!r} (numbered in order)")


def _session_problems(catalog: Catalog) -> Iterator[Problem]:
    for si, sess in enumerate(catalog.seminar.sessions):
        if sess.id != str(sess.number):
            yield Problem(
                path=("seminar", "sessions", si, "id"), message=f"id must be '{sess.number}'"
            )
        for field, sub in (("key_points", 1), ("questions", 2)):
            for ii, rec in enumerate(getattr(sess, field)):
                path: Path = ("seminar", "sessions", si, field, ii)
                expected = f"{sess.number}.{sub}.{ii + 1}"
                if rec.id != expected:
                    message = f"id must be {expected!r} (numbered in order)"
                    yield Problem(path=(*path, "id"), message=message)
                if not rec.curated.themes:
                    yield Problem(path=(*path, "curated"), message="needs at least one theme")
