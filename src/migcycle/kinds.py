"""The registry of record kinds: what the program knows about each kind, written once.

A kind's ``name`` is its one spelling everywhere: ``--kind``, the ``kind`` of JSON results and
JSON Lines records, ``cite kind:id`` and (dashes as underscores) SQLite table names. Counting,
labels, search fields, export tables, citations and link checks all read this registry, so
adding a kind is: a model, an entry in :data:`REGISTRY`, and data.
"""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from pydantic import BaseModel

from migcycle import models as m

Records = Callable[["m.Catalog"], Sequence[BaseModel]]
Parents = Callable[["m.Catalog"], Iterator[tuple[str, dict[str, str]]]]
Count = tuple[str, Callable[[Sequence[Any]], int]]

TEXT_WEIGHTS: dict[str, float] = {
    "headline": 3.0,
    "name": 3.0,
    "title": 3.0,
    "term": 3.0,
    "label": 3.0,
    "short_label": 3.0,
    "printed_name": 2.0,
    "question": 2.0,
    "text": 2.0,
    "description": 2.0,
    "summary": 2.0,
    "body": 1.5,
    "recommendation": 1.5,
    "heading": 1.0,
    "decision": 1.0,
    "government_examples": 1.5,
    "donor_examples": 1.5,
}
"""The fields that hold a record's text, and how much a search match in each counts."""

QUOTE_FIELDS = ("text", "description", "summary", "recommendation")
"""The fields ``cite --quote`` quotes when a kind has no quote of its own, in the order they are
joined (paragraphs, separated by a blank line)."""

LABEL_FIELDS = ("headline", "name", "title", "term", "question", "text")
"""Where a record's short label comes from when its kind has no label function of its own."""


def default_label(record: BaseModel) -> str:
    """A record's name or headline, or its text if it has no other."""
    for name in LABEL_FIELDS:
        value = getattr(record, name, None)
        if isinstance(value, str):
            return value
    return m.record_id(record)


@dataclass(frozen=True, slots=True)
class Kind:
    """Everything the program knows about one kind of record."""

    name: str
    """One spelling: ``--kind``, JSON ``kind``, ``cite kind:id``; SQLite table = dashes as _."""
    label: str
    """How messages name a record of this kind (``key point``, ``actor type``)."""
    model: type[BaseModel]
    records: Records
    """The kind's records in document order."""
    namespace: str = ""
    """Ids are unique within a namespace; kinds sharing one (the roles) share their ids."""
    parents: Parents | None = None
    """For nested records: id -> the columns that tie the record to the one it sits in."""
    parent_columns: tuple[str, ...] = ()
    """Parent columns every exported row has (NULL where a record has no parent)."""
    references: tuple[tuple[str, str], ...] = ()
    """Columns of an exported row that hold another kind's id: (column, kind)."""
    label_of: Callable[[Any], str] = default_label
    counts: tuple[Count, ...] = ()
    """What ``validate`` counts for this kind (key, function of the kind's records)."""
    own_links: tuple[tuple[str, str], ...] = ()
    """Links the document itself makes: (field, target kind), e.g. a footnote's citations."""
    numbered: bool = False
    """Records also answer to their ``number`` in ``cite`` (``stage:3``)."""
    quote_of: Callable[[Any], str | None] | None = None
    """The record's own words as ``cite --quote`` gives them, where the default fields don't."""

    @property
    def table(self) -> str:
        return table_name(self.name)

    @property
    def id_namespace(self) -> str:
        return self.namespace or self.label

    @property
    def text_fields(self) -> list[str]:
        """The model's text fields in field order (search and SQLite full-text read these)."""
        return text_fields(self.model)

    @property
    def quote_fields(self) -> list[str]:
        return [f for f in QUOTE_FIELDS if f in self.model.model_fields]


def table_name(kind: str) -> str:
    return kind.replace("-", "_")


@functools.cache
def text_fields(model: type[BaseModel]) -> list[str]:
    return [name for name in model.model_fields if name in TEXT_WEIGHTS]


@functools.cache
def scalar_text_fields(model: type[BaseModel]) -> list[str]:
    """Text fields holding one string (not a list): the columns a full-text index covers."""
    fields = model.model_fields
    return [n for n in text_fields(model) if typing.get_origin(fields[n].annotation) is not list]


@dataclass(frozen=True, slots=True)
class LinkField:
    """A ``curated`` link field: the kinds it may point at, and how messages name a target."""

    field: str
    targets: tuple[str, ...]
    label: str


LINKS: tuple[LinkField, ...] = (
    LinkField("themes", ("theme",), "theme"),
    LinkField("stages", ("stage",), "stage"),
    LinkField("functions", ("function",), "function"),
    LinkField("actors", ("actor",), "actor type"),
    LinkField("roles", ("private-role", "public-role"), "role"),
    LinkField("sectors", ("sector",), "sector"),
    LinkField("gcm", ("gcm",), "GCM objective"),
    LinkField("sdg", ("sdg",), "SDG target"),
)
"""Every link field of a record's ``curated`` block, in the order exports list them."""


# --- how records sit in one another --------------------------------------------------------------


def _stage_parents(catalog: m.Catalog) -> Iterator[tuple[str, dict[str, str]]]:
    for stage in catalog.cycle.stages:
        for f in stage.functions:
            yield f.id, {"stage": stage.id}


def _sector_parents(catalog: m.Catalog) -> Iterator[tuple[str, dict[str, str]]]:
    for sector in catalog.cycle.sectors:
        for name in ("opportunities", "dilemmas", "entry_points"):
            for item in getattr(sector, name):
                yield item.id, {"sector": sector.id, "list": name}


def _session_parents(which: str) -> Parents:
    def parents(catalog: m.Catalog) -> Iterator[tuple[str, dict[str, str]]]:
        for session in catalog.seminar.sessions:
            for record in getattr(session, which):
                yield record.id, {"session": session.id}

    return parents


def _passage_parents(catalog: m.Catalog) -> Iterator[tuple[str, dict[str, str]]]:
    for section in catalog.cycle.role_sections:
        for p in section.paragraphs:
            yield p.id, {"role_section": section.id}


def _passages(catalog: m.Catalog) -> list[BaseModel]:
    c = catalog.cycle
    return [*c.passages, *(p for r in c.role_sections for p in r.paragraphs)]


# --- labels --------------------------------------------------------------------------------------


def _stage_label(stage: m.Stage) -> str:
    return f"{stage.number} {stage.name}"


def _stage_function_label(f: m.StageFunction) -> str:
    return f"{f.id.split('/')[0]}: {f.label}"


def _framework_label(f: m.Framework) -> str:
    return f"{f.framework} {f.number}: {f.short_label}"


def _private_role_label(role: m.PrivateRole) -> str:
    return role.curated.name or f"role {role.number}"


def _described(actors: Sequence[Any]) -> int:
    return sum(a.source.document != "migcycle" for a in actors)


def _table1(roles: Sequence[Any]) -> int:
    return sum(len(r.government_examples) + len(r.donor_examples) for r in roles)


def _items(which: str) -> Callable[[Sequence[Any]], int]:
    return lambda sectors: sum(len(getattr(s, which)) for s in sectors)


# --- the registry --------------------------------------------------------------------------------

REGISTRY: tuple[Kind, ...] = (
    Kind("definition", "definition", m.Definition, lambda c: c.cycle.definitions,
         counts=(("definitions", len),)),
    Kind("characteristic", "characteristic", m.Characteristic,
         lambda c: c.cycle.characteristics, counts=(("characteristics", len),)),
    Kind("migrant-category", "migrant category", m.MigrantCategory,
         lambda c: c.cycle.migrant_categories, counts=(("migrant_categories", len),)),
    Kind("passage", "passage", m.Passage, _passages, parents=_passage_parents,
         parent_columns=("role_section",),
         references=(("role_section", "role-section"),), label_of=lambda p: p.heading,
         counts=(("passages", len),)),
    Kind("function", "function", m.Function, lambda c: c.cycle.functions,
         counts=(("functions", len),)),
    Kind("stage", "stage", m.Stage, lambda c: c.cycle.stages, label_of=_stage_label,
         counts=(("stages", len),), numbered=True),
    Kind("stage-function", "stage function", m.StageFunction, lambda c: c.stage_functions,
         quote_of=lambda f: f"{f.label}: {f.description}",
         parents=_stage_parents, parent_columns=("stage",),
         references=(("stage", "stage"), ("function", "function")), label_of=_stage_function_label,
         counts=(("stage_functions", len),)),
    Kind("actor", "actor type", m.ActorType, lambda c: c.cycle.actor_types,
         counts=(("actor_types", len), ("actor_types_described", _described))),
    Kind("private-role", "private-sector role", m.PrivateRole, lambda c: c.cycle.private_roles,
         namespace="role", label_of=_private_role_label, counts=(("private_roles", len),)),
    Kind("public-role", "public-sector role", m.PublicRole, lambda c: c.cycle.public_roles,
         namespace="role", counts=(("public_roles", len), ("table1_examples", _table1))),
    Kind("cooperation", "cooperation element", m.CooperationElement,
         lambda c: c.cycle.cooperation, counts=(("cooperation_elements", len),)),
    Kind("role-section", "role section", m.RoleSection, lambda c: c.cycle.role_sections,
         quote_of=lambda r: "\n\n".join(p.text for p in r.paragraphs),
         counts=(("role_sections", len),)),
    Kind("sector", "sector", m.Sector, lambda c: c.cycle.sectors,
         counts=(("sectors", len), ("sector_opportunities", _items("opportunities")),
                 ("sector_dilemmas", _items("dilemmas")),
                 ("sector_entry_points", _items("entry_points")))),
    Kind("sector-item", "sector item", m.SectorItem, lambda c: c.sector_items,
         parents=_sector_parents, parent_columns=("sector", "list"),
         references=(("sector", "sector"),)),
    Kind("footnote", "footnote", m.Footnote, lambda c: c.cycle.footnotes,
         label_of=lambda f: f"footnote {f.number}", counts=(("footnotes", len),),
         own_links=(("cites_gcm", "gcm"), ("cites_gcr", "gcr"))),
    Kind("summary", "summary paragraph", m.Passage, lambda c: c.seminar.executive_summary,
         namespace="passage", label_of=lambda p: p.heading,
         counts=(("summary_paragraphs", len),)),
    Kind("theme", "theme", m.Theme, lambda c: c.seminar.themes, counts=(("themes", len),),
         quote_of=lambda t: t.text or t.description),
    Kind("session", "session", m.Session, lambda c: c.seminar.sessions,
         counts=(("sessions", len),)),
    Kind("key-point", "key point", m.KeyPoint, lambda c: c.key_points,
         quote_of=lambda k: f"{k.headline} {k.body}",
         parents=_session_parents("key_points"), parent_columns=("session",),
         references=(("session", "session"),),
         counts=(("key_points", len),)),
    Kind("question", "question", m.Question, lambda c: c.questions,
         parents=_session_parents("questions"), parent_columns=("session",),
         references=(("session", "session"),),
         counts=(("questions", len),)),
    Kind("gcm", "GCM objective", m.Framework, lambda c: c.frameworks.gcm,
         namespace="framework", label_of=_framework_label, counts=(("gcm_objectives", len),),
         quote_of=lambda f: f.title),
    Kind("sdg", "SDG target", m.Framework, lambda c: c.frameworks.sdg,
         namespace="framework", label_of=_framework_label, counts=(("sdg_targets", len),),
         quote_of=lambda f: f.title),
    Kind("gcr", "GCR paragraph", m.Framework, lambda c: c.frameworks.gcr,
         namespace="framework", label_of=_framework_label, counts=(("gcr_paragraphs", len),),
         quote_of=lambda _: None),  # the data holds a description of the paragraph, not its words
    Kind("note", "note", m.Note, lambda c: [*c.cycle.notes, *c.seminar.notes],
         quote_of=lambda n: f"{n.question}\n\n{n.decision}",
         counts=(("notes", len),)),
    Kind("document", "document", m.ExternalDocument, lambda c: c.external_documents,
         counts=(("documents", len),)),
)  # fmt: skip
"""Every kind, in the order exports, search ties and ``--kind`` listings follow."""

COUNT_ORDER = (
    "stage", "stage-function", "function", "actor", "private-role", "public-role", "cooperation",
    "role-section", "sector", "definition", "characteristic", "migrant-category", "passage",
    "footnote", "session", "key-point", "question", "theme", "summary", "gcm", "sdg", "gcr",
    "note", "document",
)  # fmt: skip
"""The order ``validate`` reports counts in: the brief's structure, the seminar, frameworks;
kinds not listed here follow in registry order."""

BY_NAME: dict[str, Kind] = {k.name: k for k in REGISTRY}


def names() -> list[str]:
    return [k.name for k in REGISTRY]


def get(name: str) -> Kind:
    return BY_NAME[name]


def records_by_kind(catalog: m.Catalog) -> dict[str, list[BaseModel]]:
    """Every kind's records, by kind name, in document order."""
    return {k.name: list(k.records(catalog)) for k in REGISTRY}


def all_records(catalog: m.Catalog) -> list[tuple[str, BaseModel]]:
    """(kind, record) for every record in the catalog, kind by kind in document order."""
    return [(k.name, r) for k in REGISTRY for r in k.records(catalog)]


def label(kind: str, record: BaseModel) -> str:
    """A short human label for any record."""
    return BY_NAME[kind].label_of(record)


def counts(catalog: m.Catalog) -> dict[str, int]:
    """How many records of each kind the catalog holds, in :data:`COUNT_ORDER`."""
    ordered = [BY_NAME[n] for n in COUNT_ORDER if n in BY_NAME]
    ordered += [k for k in REGISTRY if k.name not in COUNT_ORDER]
    return {key: count(kind.records(catalog)) for kind in ordered for key, count in kind.counts}


def parents(catalog: m.Catalog) -> dict[tuple[str, str], dict[str, str]]:
    """(kind, id) -> the columns that tie a nested record to the record it sits in."""
    return {
        (kind.name, ident): columns
        for kind in REGISTRY
        if kind.parents is not None
        for ident, columns in kind.parents(catalog)
    }


def namespaces() -> dict[type[BaseModel], str]:
    """Model -> the namespace its ids are unique in (for the integrity check)."""
    return {k.model: k.id_namespace for k in REGISTRY}


def quoted_text(kind: str, record: BaseModel) -> str | None:
    """The record's own words as a citation quotes them (None: the data holds none to quote)."""
    spec = BY_NAME[kind]
    if spec.quote_of is not None:
        return spec.quote_of(record)
    words = [v for f in spec.quote_fields if isinstance(v := getattr(record, f, None), str)]
    return "\n\n".join(words) or spec.label_of(record)
