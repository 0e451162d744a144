"""The validated catalog: pydantic v2 models shared by the whole program (no I/O here).

Every record has an ``id`` (stable, unique within its kind) and a ``source``: the document and a
locator a reader can find.  Text fields copy the document verbatim.  Anything migcycle adds -
aliases, short names, theme tags, cross-links, notes - lives in the record's ``curated`` block, and
records that migcycle adds whole carry ``source.document == "migcycle"``.

The root :class:`Catalog` checks every cross-reference and id uniqueness when it is built (the
rules are in :mod:`migcycle.integrity`); problems are raised together, each with the path of the
offending value, so the loader can point at ``file:line:col``.
"""

import functools
import math
import typing
from functools import cached_property
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    FiniteFloat,
    JsonValue,
    StringConstraints,
    model_validator,
)
from pydantic_core import PydanticCustomError

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
    """A record with provenance (serialised with its own fields first: see ``serialise``)."""

    source: Source
    curated: Curated = Field(default_factory=Curated)


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


class LocatedPages(Record):
    """Pages a document itself gives for part of it (a table-of-contents line, a 'see pages ...'),
    so that citations can carry page numbers without inventing any."""

    locator: Text  # every record whose source locator starts with this is on these pages
    pages: Text  # "2", "13-14"
    printed: Text  # the document's own words that give the pages


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
    url: Text | None = None
    url_note: Text | None = None
    pages: list[LocatedPages] = Field(default_factory=list)


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
    pages: list[LocatedPages] = Field(default_factory=list)


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


COLOUR_NAMES = {
    "black": "#000000", "white": "#ffffff", "red": "#ff0000", "green": "#008000",
    "blue": "#0000ff", "yellow": "#ffff00", "orange": "#ffa500", "grey": "#808080",
    "gray": "#808080", "lightgrey": "#d3d3d3", "lightgray": "#d3d3d3", "silver": "#c0c0c0",
    "darkgreen": "#006400", "lightgreen": "#90ee90", "gold": "#ffd700", "purple": "#800080",
}  # fmt: skip
"""The colour names a layer's scale may use, besides ``#rgb`` and ``#rrggbb``."""


def hex_colour(value: str) -> str | None:
    """``#rgb``, ``#rrggbb`` or a known name as ``#rrggbb``; None for anything else."""
    import re

    value = COLOUR_NAMES.get(value.strip().lower(), value.strip().lower())
    if re.fullmatch(r"#[0-9a-f]{3}", value):
        return "#" + "".join(c * 2 for c in value[1:])
    return value if re.fullmatch(r"#[0-9a-f]{6}", value) else None


def _colour(value: str) -> str:
    if hex_colour(value) is None:
        raise PydanticCustomError(
            "colour", "not a colour: write #rrggbb, #rgb or one of {names}",
            {"names": ", ".join(COLOUR_NAMES)},
        )  # fmt: skip
    return value


Colour = Annotated[str, AfterValidator(_colour)]
"""A colour both the terminal and the report picture draw exactly (see :func:`hex_colour`)."""


class Scale(Record):
    """A layer's scale: numbers from ``min`` to ``max``, or ordered ``labels`` (lowest first),
    with optional colours per value (``#rrggbb``, ``#rgb`` or a name in ``COLOUR_NAMES``)."""

    min: FiniteFloat | None = None
    max: FiniteFloat | None = None
    labels: list[Text] = Field(default_factory=list)
    colours: dict[str, Colour] = Field(default_factory=dict)

    @model_validator(mode="after")
    def _one_kind(self) -> "Scale":
        numeric = self.min is not None or self.max is not None
        if numeric == bool(self.labels):
            raise ValueError("a scale has either min and max, or labels")
        if numeric and (self.min is None or self.max is None or self.min >= self.max):
            raise ValueError("a numeric scale needs min < max")
        if len(set(self.labels)) != len(self.labels):
            raise ValueError("scale labels must be distinct")
        for value in self.colours:
            if not self._on_scale(value):
                raise ValueError(f"a colour is given for {value!r}, which is not on the scale")
        return self

    def _on_scale(self, value: str) -> bool:
        if self.labels:
            return value in self.labels
        try:
            number = float(value)
        except ValueError:
            return False
        return self.min is not None and self.max is not None and self.min <= number <= self.max

    @property
    def numeric(self) -> bool:
        return not self.labels


def _finite(value: "int | float | str") -> "int | float | str":
    if isinstance(value, float) and not math.isfinite(value):
        raise PydanticCustomError("finite_number", "Input should be a finite number")
    return value


Score = Annotated[int | float | str, AfterValidator(_finite)]
"""A number or a label; a number must be finite (``.inf`` or ``.nan`` cannot sit on a scale)."""


class Project(Record):
    """One project that fills a cell: its code, and optionally its title, a link and a note."""

    code: Text
    title: Text | None = None
    url: Text | None = None
    comment: Text | None = None


_NAME_OR_NUMBER: dict[str, JsonValue] = {
    "anyOf": [{"type": "string", "minLength": 1}, {"type": "integer"}, {"type": "null"}]
}
"""Layer files name cells as the command line does: ``stage: 3``, ``stage: Arrival``."""


class LayerEntry(Record):
    """A score on one cell: a stage function (stage + function), an actor type at a stage
    (stage + actor), a sector, or a GCM objective. ``score: null`` marks a cell not yet scored.
    Names are resolved like the command line's before the entry is validated (``Arrival``,
    ``3``, ``long term`` name the same stage); ``projects`` lists what fills the cell."""

    stage: Text | None = Field(default=None, json_schema_extra=_NAME_OR_NUMBER)
    function: Text | None = None
    actor: Text | None = None
    sector: Text | None = None
    gcm: Text | None = Field(default=None, json_schema_extra=_NAME_OR_NUMBER)
    score: Score | None = None
    comment: Text | None = None
    references: list[Text] = Field(default_factory=list)
    projects: list[Project] = Field(default_factory=list)

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


class Problem(Record):
    """One problem in the data: the path of the offending value, what is wrong with it, and the
    path of the record it clashes with, if any."""

    path: Path
    message: Text
    other: Path | None = None


def record_id(record: BaseModel) -> str:
    """The id of any record (every kind of record has one)."""
    return str(getattr(record, "id"))  # noqa: B009 - BaseModel itself declares no id


class Catalog(Record):
    cycle: Cycle
    seminar: Seminar
    frameworks: Frameworks

    @model_validator(mode="after")
    def _check_integrity(self) -> "Catalog":
        from migcycle.integrity import IntegrityError, integrity_problems

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
        """Every kind of record, by kind name, in document order (see :mod:`migcycle.kinds`)."""
        from migcycle.kinds import records_by_kind

        return records_by_kind(self)


JSON_SCHEMA_DIALECT = "https://json-schema.org/draft/2020-12/schema"

_CELL_FIELDS = ("stage", "function", "actor", "sector", "gcm")


def _cell(*named: str) -> dict[str, JsonValue]:
    """An entry that names exactly these cell fields (the others absent or null)."""
    given: JsonValue = {"not": {"type": "null"}}
    unset: JsonValue = {"type": "null"}
    properties: dict[str, JsonValue] = {f: given if f in named else unset for f in _CELL_FIELDS}
    return {"required": list(named), "properties": properties}


_VALIDATOR_RULES: dict[str, dict[str, JsonValue]] = {
    # LayerEntry._one_cell
    "LayerEntry": {
        "anyOf": [
            _cell("stage", "function"), _cell("stage", "actor"), _cell("sector"), _cell("gcm")
        ]
    },
    # Scale._one_kind (min < max is the loader's alone: JSON Schema cannot compare two values)
    "Scale": {
        "oneOf": [
            {"required": ["min", "max"], "properties": {
                "min": {"type": "number"}, "max": {"type": "number"}, "labels": {"maxItems": 0}}},
            {"required": ["labels"], "properties": {
                "labels": {"minItems": 1, "uniqueItems": True},
                "min": {"type": "null"}, "max": {"type": "null"}}},
        ]
    },
}  # fmt: skip
"""What the models' own validators check, said in JSON Schema, so that editors and
check-jsonschema refuse what the loader refuses."""


def json_schemas() -> dict[str, dict[str, typing.Any]]:
    """The JSON Schema of each data file, keyed by file stem (``cycle``, ``seminar``, ...).

    The schemas describe the values the loader reads, YAML 1.1's: an unquoted ``2026-11-23`` is
    a date and an unquoted ``yes`` a boolean, so neither is a string. Where a model's validator
    checks more than its fields' types (one cell per layer entry, one kind of scale), the rule
    is added here.
    """
    schemas: dict[str, dict[str, typing.Any]] = {}
    for name, model in (("cycle", Cycle), ("seminar", Seminar), ("frameworks", Frameworks),
                        ("layer", Layer)):  # fmt: skip
        schema = model.model_json_schema()
        for definition, rule in _VALIDATOR_RULES.items():
            if definition in schema.get("$defs", {}):
                schema["$defs"][definition].update(rule)
        schemas[name] = {"$schema": JSON_SCHEMA_DIALECT, **schema}
    return schemas
