"""The validated catalog: pydantic v2 models shared by the whole program (no I/O here).

Every record has an ``id`` (stable, unique within its kind) and a ``source``: the document and a
locator a reader can find.  Text fields copy the document verbatim.  Anything migcycle adds -
aliases, short names, theme tags, cross-links, notes - lives in the record's ``curated`` block, and
records that migcycle adds whole carry ``source.document == "migcycle"``.

The root :class:`Catalog` checks every cross-reference and id uniqueness when it is built; problems
are raised together as one :class:`IntegrityError` whose entries carry the path of the offending
value, so the loader can point at ``file:line:col``.
"""

import functools
import typing
from collections.abc import Iterable, Iterator
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    Field,
    SerializerFunctionWrapHandler,
    StringConstraints,
    model_serializer,
    model_validator,
)

Slug = Annotated[str, StringConstraints(pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
SectionNumber = Annotated[str, StringConstraints(pattern=r"^[0-9]+(?:\.[0-9]+)*$")]
Text = Annotated[str, StringConstraints(min_length=1)]


class VerbatimMarker:
    """Marks a field whose text is copied from its document (scripts/verify_sources.py checks)."""


Verbatim = Annotated[str, StringConstraints(min_length=1), VerbatimMarker()]
BUNDLED_DOCUMENTS = ("ecdpm-2020", "seminar-2017", "migcycle")
"""The documents the bundled data cites; users' data may declare more under ``documents:``."""
Roman = Literal["i", "ii", "iii", "iv", "v"]

Path = tuple[str | int, ...]


class Record(BaseModel):
    """Base for every model: unknown keys are errors, no silent coercion, immutable."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, defer_build=True)


class Source(Record):
    """Where a record comes from. ``migcycle`` means the record itself is curated."""

    document: Slug
    locator: Text


@functools.cache
def verbatim_fields(model: type[BaseModel]) -> list[str]:
    """The fields of ``model`` whose text is copied from its document."""

    def marked(annotation: object) -> bool:
        if any(isinstance(m, VerbatimMarker) for m in getattr(annotation, "__metadata__", ())):
            return True
        return any(marked(arg) for arg in typing.get_args(annotation))

    return [
        name
        for name, info in model.model_fields.items()
        if any(isinstance(m, VerbatimMarker) for m in info.metadata) or marked(info.annotation)
    ]


class Reason(Record):
    """Why a curated link or theme tag is there: the words of the record (or of the link's target)
    that ground it, checked at load to occur there (``quoted``), or a one-line rationale
    (``inferred``)."""

    why: Text
    basis: Literal["quoted", "inferred"] = "quoted"


class Curated(Record):
    """Structure migcycle adds to a record. Nothing here is the document's own words.

    ``why`` holds the reason for every link, keyed by link field and then target id:
    ``why["themes"]["finance"]`` is the reason ``finance`` is among ``themes``."""

    name: Text | None = None
    description: Text | None = None
    aliases: list[Text] = Field(default_factory=list)
    themes: list[Slug] = Field(default_factory=list)
    stages: list[Slug] = Field(default_factory=list)
    functions: list[Slug] = Field(default_factory=list)
    actors: list[Slug] = Field(default_factory=list)
    roles: list[Slug] = Field(default_factory=list)
    sectors: list[Slug] = Field(default_factory=list)
    gcm: list[str] = Field(default_factory=list)
    sdg: list[str] = Field(default_factory=list)
    why: dict[str, dict[str, Reason]] = Field(default_factory=dict)
    note: Text | None = None


class Sourced(Record):
    """A record with provenance. Serialised with its own fields first, then source and curated."""

    source: Source
    curated: Curated = Field(default_factory=Curated)

    @model_serializer(mode="wrap")
    def _fields_first(self, handler: SerializerFunctionWrapHandler) -> dict[str, typing.Any]:
        data: dict[str, typing.Any] = handler(self)
        return {
            **{k: v for k, v in data.items() if k not in PROVENANCE},
            **{k: data[k] for k in PROVENANCE if k in data},
        }


PROVENANCE = ("source", "curated")


# --- shared --------------------------------------------------------------------------------------


class ExternalDocument(Record):
    """A document that users' own data cites (a case study, an evaluation, interview notes)."""

    id: Slug
    title: Text
    authors: list[Text] = Field(default_factory=list)
    year: int | None = None
    publisher: Text | None = None
    url: Text | None = None
    note: Text | None = None


class Note(Record):
    """A reading decision: an ambiguity in the extraction, decided once and written down."""

    id: Slug
    question: Text
    decision: Text
    records: list[str] = Field(default_factory=list)


class Passage(Sourced):
    """A paragraph of running text that is not itself a list item (introductions, conclusions)."""

    id: Slug
    heading: Text
    text: Verbatim


# --- ECDPM brief ---------------------------------------------------------------------------------


class CycleDocument(Record):
    id: Literal["ecdpm-2020"]
    title: Verbatim
    running_title: Verbatim
    authors: list[Text]
    date: Verbatim
    year: int
    publisher: Text
    publisher_short: Text
    place: Text
    issn: Text
    funder: Text


class Definition(Sourced):
    id: Slug
    term: Text
    text: Verbatim


class Characteristic(Sourced):
    id: Slug
    name: Verbatim


class MigrantCategory(Sourced):
    id: Slug
    name: Verbatim


class Function(Sourced):
    """A function the private sector performs, shared across the stages that print it."""

    id: Slug
    name: Text


class StageFunction(Sourced):
    """One function as printed under one stage; ``curated.actors`` names the actor types."""

    id: Text
    function: Slug
    label: Verbatim
    description: Verbatim


class Stage(Sourced):
    id: Slug
    number: Annotated[int, Field(ge=1, le=5)]
    name: Verbatim
    summary: Verbatim
    functions: list[StageFunction]


class ActorType(Sourced):
    """An actor type the brief describes, or (``source.document == 'migcycle'``) a provider
    that its stage functions name."""

    id: Slug
    name: Verbatim
    description: Verbatim | None = None


class PrivateRole(Sourced):
    id: Slug
    number: Roman
    text: Verbatim


class PublicRole(Sourced):
    id: Slug
    number: Roman
    heading: Verbatim
    table_label: Verbatim
    text: Verbatim
    government_examples: list[Verbatim]
    donor_examples: list[Verbatim]


class CooperationElement(Sourced):
    id: Slug
    number: Annotated[int, Field(ge=1)]
    title: Verbatim
    text: Verbatim
    recommendation: Verbatim


class RoleSection(Sourced):
    id: Slug
    letter: Literal["A", "B", "C", "D"]
    title: Verbatim
    paragraphs: list[Passage]


class SectorItem(Sourced):
    id: Text
    text: Verbatim


class Sector(Sourced):
    id: Slug
    name: Text
    printed_name: Verbatim
    entry_points_label: Verbatim
    opportunities: list[SectorItem]
    dilemmas: list[SectorItem]
    entry_points: list[SectorItem]


class Footnote(Sourced):
    id: Slug
    number: Annotated[int, Field(ge=1)]
    marker: str
    text: Verbatim
    cites_gcm: list[str] = Field(default_factory=list)
    cites_gcr: list[str] = Field(default_factory=list)


class Cycle(Record):
    document: CycleDocument
    documents: list[ExternalDocument] = Field(default_factory=list)
    notes: list[Note]
    definitions: list[Definition]
    characteristics: list[Characteristic]
    migrant_categories: list[MigrantCategory]
    passages: list[Passage]
    functions: list[Function]
    stages: list[Stage]
    actor_types: list[ActorType]
    private_roles: list[PrivateRole]
    public_roles: list[PublicRole]
    cooperation: list[CooperationElement]
    role_sections: list[RoleSection]
    sectors: list[Sector]
    footnotes: list[Footnote]


# --- seminar report ------------------------------------------------------------------------------


class SeminarDocument(Record):
    id: Literal["seminar-2017"]
    series: Verbatim
    title: Verbatim
    subtitle: Verbatim
    dates: Verbatim
    start_date: Text
    end_date: Text
    place: Verbatim
    delegates: int
    delegates_qualifier: Text


class Theme(Sourced):
    """A theme of the vocabulary: the seminar's common themes (with their text) or a curated
    topical theme. A common theme's one-line description is migcycle's paraphrase, so it lives in
    ``curated.description``; a topical theme is migcycle's own record and keeps it here."""

    id: Slug
    name: Text
    description: Text | None = None
    kind: Literal["common", "topical"]
    number: Roman | None = None
    text: Verbatim | None = None


class KeyPoint(Sourced):
    id: SectionNumber
    headline: Verbatim
    body: Verbatim


class Question(Sourced):
    id: SectionNumber
    text: Verbatim


class Session(Sourced):
    id: SectionNumber
    number: Annotated[int, Field(ge=1)]
    type: Verbatim
    title: Verbatim
    page: int
    summary: Verbatim
    key_points: list[KeyPoint]
    questions: list[Question]


class Seminar(Record):
    document: SeminarDocument
    documents: list[ExternalDocument] = Field(default_factory=list)
    notes: list[Note]
    executive_summary: list[Passage]
    themes: list[Theme]
    sessions: list[Session]


# --- reference frameworks ------------------------------------------------------------------------


class Framework(Record):
    """A GCM objective, SDG target or GCR paragraph (from the project's reference table)."""

    id: Text
    framework: Literal["GCM", "SDG", "GCR"]
    number: Text
    short_label: Text
    title: Text
    locator: Text


class Frameworks(Record):
    gcm: list[Framework]
    sdg: list[Framework]
    gcr: list[Framework]


# --- portfolio layers -----------------------------------------------------------------------------


class Scale(Record):
    """A layer's scale: numbers from ``min`` to ``max``, or ordered ``labels`` (lowest first),
    with optional colours per value (``#rrggbb`` or a colour name)."""

    min: float | None = None
    max: float | None = None
    labels: list[Text] = Field(default_factory=list)
    colours: dict[str, Text] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_kind(self) -> "Scale":
        numeric = self.min is not None or self.max is not None
        if numeric == bool(self.labels):
            raise ValueError("a scale has either min and max, or labels")
        if numeric and (self.min is None or self.max is None or self.min >= self.max):
            raise ValueError("a numeric scale needs min < max")
        if len(set(self.labels)) != len(self.labels):
            raise ValueError("scale labels must be distinct")
        return self

    @property
    def numeric(self) -> bool:
        return not self.labels


Score = int | float | str


class LayerEntry(Record):
    """A score on one cell: a stage function (stage + function), an actor type at a stage
    (stage + actor), a sector, or a GCM objective. ``score: null`` marks a cell not yet scored."""

    stage: Slug | None = None
    function: Slug | None = None
    actor: Slug | None = None
    sector: Slug | None = None
    gcm: Text | None = None
    score: Score | None = None
    comment: Text | None = None
    references: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _one_cell(self) -> "LayerEntry":
        named = ("stage", "function", "actor", "sector", "gcm")
        shape = tuple(f for f in named if getattr(self, f))
        if shape not in (("stage", "function"), ("stage", "actor"), ("sector",), ("gcm",)):
            raise ValueError(
                "an entry names one cell: stage + function, stage + actor, sector, or gcm "
                f"(this one has: {', '.join(shape) or 'none'})"
            )
        return self

    @property
    def cell(self) -> tuple[str, ...]:
        """What the entry scores, e.g. ("function", "arrival", "finance")."""
        if self.function:
            return ("function", str(self.stage), self.function)
        if self.actor:
            return ("actor", str(self.stage), self.actor)
        if self.sector:
            return ("sector", self.sector)
        return ("gcm", str(self.gcm))


class Layer(Record):
    """A portfolio layer: scores on cells of the cycle, like an ATT&CK Navigator layer."""

    name: Text
    description: Text | None = None
    author: Text | None = None
    date: Text | None = None
    scale: Scale
    entries: list[LayerEntry]


# --- the catalog ---------------------------------------------------------------------------------


def nearest(value: str, choices: Iterable[str]) -> str | None:
    """The choice closest to a mistyped value, if any is close enough."""
    import difflib

    close = difflib.get_close_matches(value, list(choices), n=1, cutoff=0.6)
    return close[0] if close else None


def did_you_mean(value: str, choices: Iterable[str], quote: str = "'") -> str:
    """``; did you mean 'finance'?`` - or nothing when no choice is close."""
    close = nearest(value, choices)
    return f"; did you mean {quote}{close}{quote}?" if close else ""


def record_id(record: BaseModel) -> str:
    """The id of any record (every kind of record has one)."""
    return str(getattr(record, "id"))  # noqa: B009 - BaseModel itself declares no id


def dotted(path: Path) -> str:
    """``("seminar", "sessions", 2, "id")`` -> ``sessions[2].id`` (the file names the part)."""
    out = ""
    for part in path[1:]:
        if isinstance(part, int):
            out += f"[{part}]"
        elif not str(part).isidentifier():
            out += f"[{str(part)!r}]"
        else:
            out += f".{part}" if out else str(part)
    return out or "(top level)"


class Problem(Record):
    """One integrity problem: the path of the offending value, what is wrong with it, and the
    path of the record it clashes with, if any."""

    path: Path
    message: Text
    other: Path | None = None


class IntegrityError(ValueError):
    """Raised by :class:`Catalog` with every problem found, so none hides behind the first."""

    def __init__(self, problems: list[Problem]) -> None:
        super().__init__(f"{len(problems)} integrity problem(s)")
        self.problems = problems


class Catalog(Record):
    cycle: Cycle
    seminar: Seminar
    frameworks: Frameworks

    @model_validator(mode="after")
    def _check_integrity(self) -> "Catalog":
        problems = list(integrity_problems(self))
        if problems:
            raise IntegrityError(problems)
        return self

    # Indexes, built on first use. cached_property writes to the instance dict, which
    # frozen pydantic models allow.
    @cached_property
    def stage_functions(self) -> list[StageFunction]:
        return [f for s in self.cycle.stages for f in s.functions]

    @cached_property
    def key_points(self) -> list[KeyPoint]:
        return [k for s in self.seminar.sessions for k in s.key_points]

    @cached_property
    def questions(self) -> list[Question]:
        return [q for s in self.seminar.sessions for q in s.questions]

    @cached_property
    def sector_items(self) -> list[SectorItem]:
        return [
            item
            for sector in self.cycle.sectors
            for items in (sector.opportunities, sector.dilemmas, sector.entry_points)
            for item in items
        ]

    @cached_property
    def external_documents(self) -> list[ExternalDocument]:
        return [*self.cycle.documents, *self.seminar.documents]

    @cached_property
    def frameworks_all(self) -> list[Framework]:
        f = self.frameworks
        return [*f.gcm, *f.sdg, *f.gcr]

    def kinds(self) -> dict[str, list[BaseModel]]:
        """Every kind of record, by kind name, in document order."""
        c, s = self.cycle, self.seminar
        return {
            "definition": list(c.definitions),
            "characteristic": list(c.characteristics),
            "migrant-category": list(c.migrant_categories),
            "passage": [*c.passages, *(p for r in c.role_sections for p in r.paragraphs)],
            "function": list(c.functions),
            "stage": list(c.stages),
            "stage-function": list(self.stage_functions),
            "actor": list(c.actor_types),
            "private-role": list(c.private_roles),
            "public-role": list(c.public_roles),
            "cooperation": list(c.cooperation),
            "role-section": list(c.role_sections),
            "sector": list(c.sectors),
            "sector-item": list(self.sector_items),
            "footnote": list(c.footnotes),
            "summary": list(s.executive_summary),
            "theme": list(s.themes),
            "session": list(s.sessions),
            "key-point": list(self.key_points),
            "question": list(self.questions),
            "gcm": list(self.frameworks.gcm),
            "sdg": list(self.frameworks.sdg),
            "gcr": list(self.frameworks.gcr),
            "note": [*c.notes, *s.notes],
            "document": list(self.external_documents),
        }


def json_schemas() -> dict[str, dict[str, typing.Any]]:
    """The JSON Schema of each data file, keyed by file stem (``cycle``, ``seminar``, ...)."""
    return {
        "cycle": Cycle.model_json_schema(),
        "seminar": Seminar.model_json_schema(),
        "frameworks": Frameworks.model_json_schema(),
        "layer": Layer.model_json_schema(),
    }


# --- integrity -----------------------------------------------------------------------------------

KIND_OF: dict[type[BaseModel], str] = {
    Note: "note",
    ExternalDocument: "document",
    Passage: "passage",
    Definition: "definition",
    Characteristic: "characteristic",
    MigrantCategory: "migrant category",
    Function: "function",
    Stage: "stage",
    StageFunction: "stage function",
    ActorType: "actor type",
    PrivateRole: "role",
    PublicRole: "role",
    CooperationElement: "cooperation element",
    RoleSection: "role section",
    Sector: "sector",
    SectorItem: "sector item",
    Footnote: "footnote",
    Theme: "theme",
    Session: "session",
    KeyPoint: "key point",
    Question: "question",
    Framework: "framework",
}
"""Id uniqueness is checked within each kind; private and public roles share one namespace."""

_REFERENCES: dict[str, str] = {
    "themes": "theme",
    "stages": "stage",
    "functions": "function",
    "actors": "actor type",
    "roles": "role",
    "sectors": "sector",
}
"""Which kind each ``curated`` link field points at."""


def iter_records(catalog: Catalog) -> Iterator[tuple[Path, BaseModel]]:
    """Every record that has an id, with its path in the catalog, in document order."""

    def walk(value: object, path: Path) -> Iterator[tuple[Path, BaseModel]]:
        if isinstance(value, BaseModel):
            if value.__class__ in KIND_OF:
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


def integrity_problems(catalog: Catalog) -> Iterator[Problem]:
    """Every duplicate id, dangling reference and broken invariant in the catalog."""
    records = list(iter_records(catalog))
    ids: dict[str, dict[str, Path]] = {}
    for path, record in records:
        kind = KIND_OF[record.__class__]
        ident = record_id(record)
        seen = ids.setdefault(kind, {})
        if ident in seen:
            yield Problem(
                path=(*path, "id"),
                message=f"duplicate {kind} id {ident!r}",
                other=(*seen[ident], "id"),
            )
        else:
            seen[ident] = path
    valid = {field: ids.get(kind, {}) for field, kind in _REFERENCES.items()}
    frameworks = ids.get("framework", {})
    valid["gcm"] = {k: v for k, v in frameworks.items() if k.startswith("gcm-")}
    valid["sdg"] = {k: v for k, v in frameworks.items() if k.startswith("sdg-")}
    gcr = {k: v for k, v in frameworks.items() if k.startswith("gcr-")}
    every_id = {ident for seen in ids.values() for ident in seen}

    documents = {*BUNDLED_DOCUMENTS, *(d.id for d in catalog.external_documents)}
    for path, record in records:
        if isinstance(record, Sourced) and record.source.document not in documents:
            yield Problem(
                path=(*path, "source", "document"),
                message=f"unknown document {record.source.document!r}"
                f"{did_you_mean(record.source.document, documents)}; declare it under `documents:`",
            )
        if isinstance(record, Sourced):
            for field, targets in valid.items():
                for i, ref in enumerate(getattr(record.curated, field)):
                    if ref not in targets:
                        yield Problem(
                            path=(*path, "curated", field, i),
                            message=f"unknown {_singular(field)} {ref!r}"
                            + did_you_mean(ref, targets),
                        )
        if isinstance(record, Footnote):
            if record.marker not in every_id:
                yield Problem(path=(*path, "marker"), message=f"unknown record {record.marker!r}")
            for field, targets in (("cites_gcm", valid["gcm"]), ("cites_gcr", gcr)):
                for i, ref in enumerate(getattr(record, field)):
                    if ref not in targets:
                        yield Problem(path=(*path, field, i), message=f"unknown framework {ref!r}")
        if isinstance(record, Note):
            for i, ref in enumerate(record.records):
                if ref not in every_id:
                    yield Problem(path=(*path, "records", i), message=f"unknown record {ref!r}")
    yield from _shape_problems(catalog, set(valid["functions"]))
    from migcycle.curation import reason_problems  # curation reads this module's models

    yield from reason_problems(catalog)


def _singular(field: str) -> str:
    return {"gcm": "GCM objective", "sdg": "SDG target", "actors": "actor type"}.get(
        field, field.removesuffix("s")
    )


def _shape_problems(catalog: Catalog, functions: set[str]) -> Iterator[Problem]:
    """Invariants the field types alone cannot express: ids that follow from their place."""
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
    for si, sector in enumerate(catalog.cycle.sectors):
        for field, letter in (("opportunities", "o"), ("dilemmas", "d"), ("entry_points", "e")):
            for ii, item in enumerate(getattr(sector, field)):
                expected = f"{sector.id}/{letter}{ii + 1}"
                if item.id != expected:
                    path = ("cycle", "sectors", si, field, ii, "id")
                    yield Problem(path=path, message=f"id must be {expected!r} (numbered in order)")
    for si, sess in enumerate(catalog.seminar.sessions):
        if sess.id != str(sess.number):
            yield Problem(
                path=("seminar", "sessions", si, "id"), message=f"id must be '{sess.number}'"
            )
        for field, sub in (("key_points", 1), ("questions", 2)):
            for ii, rec in enumerate(getattr(sess, field)):
                expected = f"{sess.number}.{sub}.{ii + 1}"
                path = ("seminar", "sessions", si, field, ii)
                if rec.id != expected:
                    yield Problem(
                        path=(*path, "id"), message=f"id must be {expected!r} (numbered in order)"
                    )
                if not rec.curated.themes:
                    yield Problem(path=(*path, "curated"), message="needs at least one theme")
