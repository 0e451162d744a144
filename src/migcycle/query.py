"""Pure functions over the validated catalog. Nothing here prints or reads files.

Each view returns a named tuple (or records of the catalog) whose field names are the keys of
the ``--json`` output, so the JSON shape is defined here, once, and documented in the README.
Results are plain named tuples: cheap to define and build (no validation - the catalog is
already valid), which matters because every command pays for importing this module.
"""

import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from typing import NamedTuple, TypeVar

from pydantic import BaseModel

from migcycle import kinds
from migcycle.errors import NotFound, did_you_mean, nearest
from migcycle.links import CURATED, DOCUMENT, Link, reason
from migcycle.models import (
    ActorType,
    Catalog,
    CooperationElement,
    Footnote,
    Framework,
    KeyPoint,
    PrivateRole,
    PublicRole,
    Question,
    Sector,
    Session,
    Sourced,
    Stage,
    StageFunction,
    Theme,
    record_id,
)

T = TypeVar("T")


# --- name resolution -----------------------------------------------------------------------------


class Named(NamedTuple):
    """Something a user can name: its id plus every other name it answers to."""

    id: str
    names: tuple[str, ...]


def normalise(text: str) -> str:
    """Case-, space- and dash-insensitive form of a name: 'Long term' == 'long-term'."""
    return re.sub(r"[^0-9a-z]+", "", text.casefold().replace("&", "and"))


DASH = "\N{EN DASH}"
_NUMBER = re.compile(r"§?[0-9]+(?:\.[0-9a-z]+)*", re.IGNORECASE)


def is_number(ref: str) -> bool:
    """A number or a dotted id (``1``, ``4.2``, ``4.2.1``, ``10.c``, ``§4``): matched exactly."""
    return _NUMBER.fullmatch(ref.strip()) is not None


def resolve(
    kind: str, ref: str, items: Sequence[T], named: Callable[[T], Named], note: str = ""
) -> T:
    """The one item ``ref`` names: by exact id, number, name or alias, else by unique prefix.

    A number or dotted id matches exactly or not at all (``1`` never finds ``10``); a prefix
    is only taken for words, never for text with a digit in it (``gcm 2`` never finds 20).
    ``note`` explains the kind's numbering in the error when a number matches nothing.
    """
    if is_number(ref):
        return _resolve_number(kind, ref, items, named, note)
    key = normalise(ref)
    if not key:
        raise NotFound(f'no {kind} matches "{ref}"{_choices(kind, items, named)}')
    exact: dict[str, T] = {}
    prefixed: dict[str, T] = {}
    for item in items:
        n = named(item)
        if normalise(n.id) == key:  # an exact id wins over another record's name or alias
            return item
        keys = [normalise(x) for x in (n.id, *n.names)]
        if key in keys:
            exact[n.id] = item
        elif not _has_digit(key) and any(k.startswith(key) for k in keys):
            prefixed[n.id] = item
    for matches in (exact, prefixed):
        if len(matches) == 1:
            return next(iter(matches.values()))
        if len(matches) > 1:
            raise NotFound(f"{kind} {ref!r} is ambiguous: it could be {_quoted(matches)}")
    vocabulary = {normalise(x): named(i).id for i in items for x in (named(i).id, *named(i).names)}
    close = nearest(key, [k for k in vocabulary if _numbers(k) == _numbers(key)])
    hint = f'; did you mean "{vocabulary[close]}"?' if close else ""
    raise NotFound(f'no {kind} matches "{ref}"{hint}{_choices(kind, items, named)}')


def _numbers(text: str) -> list[str]:
    return re.findall(r"[0-9]+(?:\.[0-9a-z]+)*", text.casefold())


def suggest(value: str, choices: Iterable[str]) -> str:
    """``; did you mean "x"?`` for the nearest choice - never one with a different number in it
    (``1`` is not a typo of ``10``, nor ``4.2`` of ``4.2.1``)."""
    return did_you_mean(value, [c for c in choices if _numbers(c) == _numbers(value)], '"')


def _has_digit(text: str) -> bool:
    return any(c.isdigit() for c in text)


def _resolve_number(
    kind: str, ref: str, items: Sequence[T], named: Callable[[T], Named], note: str
) -> T:
    """The item whose id or number is exactly ``ref`` (``§4`` is ``4``), else an error that says
    how the kind is numbered - never a guess at a nearby number."""
    wanted = ref.strip().removeprefix("§").casefold()
    for item in items:
        n = named(item)
        if wanted in (x.casefold() for x in (n.id, *n.names)):
            return item
    explained = f": {note}" if note else ""
    raise NotFound(f'no {kind} matches "{ref}"{explained}{_choices(kind, items, named)}')


def _quoted(ids: Iterable[str]) -> str:
    return ", ".join(f'"{i}"' for i in ids)


def _choices(kind: str, items: Sequence[T], named: Callable[[T], Named]) -> str:
    return f" (valid {kind}s: {', '.join(named(i).id for i in items)})"


def _stage_names(stage: Stage) -> Named:
    return Named(stage.id, (str(stage.number), stage.name, *stage.curated.aliases))


def _actor_names(actor: ActorType) -> Named:
    return Named(actor.id, (actor.name, *actor.curated.aliases))


def _sector_names(sector: Sector) -> Named:
    return Named(sector.id, (sector.name, sector.printed_name, *sector.curated.aliases))


def _session_names(session: Session) -> Named:
    return Named(session.id, (session.title, session.type))


def _theme_names(theme: Theme) -> Named:
    return Named(theme.id, (theme.name, *theme.curated.aliases))


def find_stage(catalog: Catalog, ref: str) -> Stage:
    stages = catalog.cycle.stages
    note = f"the stages are numbered 1{DASH}{len(stages)}" if stages else ""
    return resolve("stage", ref, stages, _stage_names, note)


def find_actor(catalog: Catalog, ref: str) -> ActorType:
    """An actor type; when none matches, the error says how to look for the words anywhere."""
    try:
        return resolve("actor type", ref, catalog.cycle.actor_types, _actor_names)
    except NotFound as err:
        if "ambiguous" in str(err):
            raise
        words = " ".join(ref.split())
        raise NotFound(f"{err}; to find it in any record, try `migcycle search {words}`") from None


def find_sector(catalog: Catalog, ref: str) -> Sector:
    return resolve("sector", ref, catalog.cycle.sectors, _sector_names)


def find_session(catalog: Catalog, ref: str) -> Session:
    sessions = catalog.seminar.sessions
    note = ""
    if sessions:
        first, last = sessions[0].id, sessions[-1].id
        note = f"the sessions are the report's sections {first}{DASH}{last}"
    return resolve("session", ref, sessions, _session_names, note)


def find_theme(catalog: Catalog, ref: str) -> Theme:
    return resolve("theme", ref, catalog.seminar.themes, _theme_names)


def _framework_names(framework: Framework) -> Named:
    return Named(framework.id, (framework.number, framework.short_label))


def find_framework(catalog: Catalog, kind: str, ref: str) -> Framework:
    """A GCM objective (``20``, ``gcm-20``, ``remittances``) or SDG target (``10.c``)."""
    items: list[Framework] = getattr(catalog.frameworks, kind)
    label = {"gcm": "GCM objective", "sdg": "SDG target", "gcr": "GCR paragraph"}[kind]
    note = f"the GCM objectives are numbered 1{DASH}{len(items)}" if kind == "gcm" and items else ""
    return resolve(label, ref, items, _framework_names, note)


def completions(catalog: Catalog, kind: str, incomplete: str) -> list[tuple[str, str]]:
    """(id, description) pairs whose id or name starts with what the user has typed."""
    sources: dict[str, list[tuple[Named, str]]] = {
        "stage": [(_stage_names(s), s.name) for s in catalog.cycle.stages],
        "actor": [(_actor_names(a), a.name) for a in catalog.cycle.actor_types],
        "sector": [(_sector_names(s), s.name) for s in catalog.cycle.sectors],
        "session": [(_session_names(s), s.title) for s in catalog.seminar.sessions],
        "theme": [(_theme_names(t), t.name) for t in catalog.seminar.themes],
    }
    key = normalise(incomplete)
    return [
        (n.id, help_text)
        for n, help_text in sources[kind]
        if any(normalise(x).startswith(key) for x in (n.id, *n.names))
    ]


# --- results -------------------------------------------------------------------------------------


class Ref(NamedTuple):
    """A pointer to another record: enough to show it and to look it up. ``via`` says how an
    indirect link was reached (e.g. "function finance"); it is null for a direct link."""

    kind: str
    id: str
    label: str
    via: str | None = None


class Related(NamedTuple):
    """Seminar records and frameworks that curated links tie to a record of the brief.

    ``links`` says, for each of them, whose link it is (the document's own, such as a footnote's
    citation, or migcycle's curation), which record carries it (``via``) and why, where the data
    gives a reason."""

    key_points: list[KeyPoint]
    questions: list[Question]
    gcm: list[Framework]
    links: tuple[Link, ...] = ()


class StageView(NamedTuple):
    stage: Stage
    previous: Ref
    next: Ref
    actors: list[Ref]
    related: Related


class ActorStage(NamedTuple):
    stage: Ref
    functions: list[StageFunction]


class ActorView(NamedTuple):
    actor: ActorType
    stages: list[ActorStage]
    roles: list[PrivateRole]
    sectors: list[Sector]
    footnotes: list[Footnote]
    related: Related


class SectorView(NamedTuple):
    sector: Sector
    actors: list[Ref]
    related: Related


class RolesView(NamedTuple):
    private: list[PrivateRole]
    public: list[PublicRole]


class SessionView(NamedTuple):
    session: Session
    stages: list[Ref]
    actors: list[Ref]
    sectors: list[Ref]
    gcm: list[Ref]


class ThemeCount(NamedTuple):
    theme: Theme
    key_points: int
    questions: int


class MatrixRow(NamedTuple):
    actor: Ref
    cells: dict[str, list[str]]


class Matrix(NamedTuple):
    stages: list[Ref]
    rows: list[MatrixRow]


class FrameworkCount(NamedTuple):
    framework: Framework
    records: int


class FrameworkView(NamedTuple):
    """``reasons`` maps ``<kind>:<id>`` of each record linked directly to the framework to why:
    a curated link's reason, or the footnote that cites it (the document's own)."""

    framework: Framework
    records: dict[str, list[Ref]]
    reasons: dict[str, Link] = {}  # noqa: RUF012 - a NamedTuple default, never mutated


class CycleNode(NamedTuple):
    stage: Ref
    functions: list[Ref]
    actors: dict[str, list[Ref]]
    then: Ref


# --- helpers -------------------------------------------------------------------------------------


def _ref(kind: str, ident: str, label: str) -> Ref:
    return Ref(kind=kind, id=ident, label=label)


def stage_ref(stage: Stage) -> Ref:
    return _ref("stage", stage.id, f"{stage.number} {stage.name}")


def actor_ref(actor: ActorType) -> Ref:
    return _ref("actor", actor.id, actor.name)


def _actors_by_id(catalog: Catalog) -> dict[str, ActorType]:
    return {a.id: a for a in catalog.cycle.actor_types}


def _neighbours(catalog: Catalog, stage: Stage) -> tuple[Stage, Stage]:
    """The stages before and after ``stage``; the cycle closes from return back to pre-departure."""
    stages = catalog.cycle.stages
    i = stages.index(stage)
    return stages[i - 1], stages[(i + 1) % len(stages)]


def _linked(catalog: Catalog, field: str, ident: str) -> Related:
    """Seminar records whose curated ``field`` links include ``ident``, with why."""
    points = [k for k in catalog.key_points if ident in getattr(k.curated, field)]
    questions = [q for q in catalog.questions if ident in getattr(q.curated, field)]
    links = tuple(
        Link(field, kind, r.id, kinds.label(kind, r), CURATED, *reason(r, field, ident))
        for kind, group in (("key-point", points), ("question", questions))
        for r in group
    )
    return Related(key_points=points, questions=questions, gcm=[], links=links)


def _gcm_links(catalog: Catalog, carriers: Iterable[tuple[BaseModel, str]]) -> list[Link]:
    """The curated GCM links of each (record, how to name it), with the reason for each."""
    frameworks = {f.id: f for f in catalog.frameworks.gcm}
    return [
        Link("gcm", "gcm", g, frameworks[g].short_label, CURATED, *reason(r, "gcm", g), via=name)
        for r, name in carriers
        if isinstance(r, Sourced)
        for g in r.curated.gcm
    ]


def _cited(catalog: Catalog, footnotes: Iterable[Footnote], actor: ActorType) -> list[Link]:
    """The GCM objectives the brief's own footnotes cite: the document's links, said to be on
    the text the footnote is printed on - not on this actor type, unless printed on it."""
    frameworks = {f.id: f for f in catalog.frameworks.gcm}
    links = []
    for note in footnotes:
        via = f"the brief's footnote {note.number}, {footnote_scope(note, actor)}"
        for g in note.cites_gcm:
            label = frameworks[g].short_label
            links.append(Link("cites_gcm", "gcm", g, label, DOCUMENT, note.text, via=via))
    return links


def footnote_scope(note: Footnote, actor: ActorType) -> str:
    """What a footnote listed under an actor type is printed on: the actor type itself, or a
    passage as a whole (footnote 6: the brief's examples of private-sector actors)."""
    if note.marker == actor.id:
        return "on this actor type"
    return f"on {note.marker} as a whole, not on this actor type"


def _with_gcm(catalog: Catalog, related: Related, links: list[Link]) -> Related:
    """``related`` with the objectives ``links`` reach (each once) and the links themselves."""
    gcm = _frameworks(catalog, (link.id for link in links))
    return related._replace(gcm=gcm, links=(*related.links, *links))


def _frameworks(catalog: Catalog, ids: Iterable[str]) -> list[Framework]:
    """The frameworks named by ``ids``, in the reference table's order, each once."""
    wanted = set(ids)
    return [f for f in catalog.frameworks_all if f.id in wanted]


# --- views ---------------------------------------------------------------------------------------


def stage_view(catalog: Catalog, stage: Stage) -> StageView:
    before, after = _neighbours(catalog, stage)
    actors = _actors_by_id(catalog)
    used = dict.fromkeys(a for f in stage.functions for a in f.curated.actors)
    carriers: list[tuple[BaseModel, str]] = [
        (stage, f"stage {stage.id}"),
        *((f, f"stage function {f.id}") for f in stage.functions),  # links made per stage
    ]
    links = _gcm_links(catalog, carriers)
    return StageView(
        stage=stage,
        previous=stage_ref(before),
        next=stage_ref(after),
        actors=[actor_ref(actors[a]) for a in used],
        related=_with_gcm(catalog, _linked(catalog, "stages", stage.id), links),
    )


def actor_view(catalog: Catalog, actor: ActorType) -> ActorView:
    per_stage = [
        ActorStage(
            stage=stage_ref(stage),
            functions=[f for f in stage.functions if actor.id in f.curated.actors],
        )
        for stage in catalog.cycle.stages
    ]
    roles = [r for r in catalog.cycle.private_roles if r.id in actor.curated.roles]
    sectors = [s for s in catalog.cycle.sectors if actor.id in s.curated.actors]
    footnotes = [f for f in catalog.cycle.footnotes if actor.id in f.curated.actors]
    carriers: list[tuple[BaseModel, str]] = [
        (actor, f"actor type {actor.id}"),
        *((f, f"stage function {f.id}") for e in per_stage for f in e.functions),
        *((s, f"sector {s.id}") for s in sectors),
    ]
    here = [f for f in footnotes if f.marker == actor.id]  # printed on this actor type
    apart = _cited(catalog, [f for f in footnotes if f.marker != actor.id], actor)
    links = [*_cited(catalog, here, actor), *_gcm_links(catalog, carriers)]
    related = _with_gcm(catalog, _linked(catalog, "actors", actor.id), links)
    return ActorView(
        actor=actor,
        stages=per_stage,
        roles=roles,
        sectors=sectors,
        footnotes=footnotes,
        # footnote 6 is on the list of actor types as a whole: its objectives are listed among
        # the links, with that scope, and are not made this actor type's own
        related=related._replace(links=(*related.links, *apart)),
    )


def sector_view(catalog: Catalog, sector: Sector) -> SectorView:
    actors = _actors_by_id(catalog)
    links = _gcm_links(catalog, [(sector, f"sector {sector.id}")])
    return SectorView(
        sector=sector,
        actors=[actor_ref(actors[a]) for a in sector.curated.actors],
        related=_with_gcm(catalog, _linked(catalog, "sectors", sector.id), links),
    )


def roles(catalog: Catalog) -> RolesView:
    return RolesView(private=catalog.cycle.private_roles, public=catalog.cycle.public_roles)


def cooperation(catalog: Catalog) -> list[CooperationElement]:
    return list(catalog.cycle.cooperation)


def session_view(catalog: Catalog, session: Session) -> SessionView:
    records = [*session.key_points, *session.questions]
    stages = {s.id: s for s in catalog.cycle.stages}
    actors = _actors_by_id(catalog)
    sectors = {s.id: s for s in catalog.cycle.sectors}
    frameworks = {f.id: f for f in catalog.frameworks_all}

    def touched(field: str) -> list[str]:
        found = {i for r in records for i in getattr(r.curated, field)}
        return [i for i in _order(field, catalog) if i in found]

    return SessionView(
        session=session,
        stages=[stage_ref(stages[i]) for i in touched("stages")],
        actors=[actor_ref(actors[i]) for i in touched("actors")],
        sectors=[_ref("sector", i, sectors[i].name) for i in touched("sectors")],
        gcm=[_ref("gcm", i, frameworks[i].short_label) for i in touched("gcm")],
    )


def _order(field: str, catalog: Catalog) -> list[str]:
    """Ids of the kind a curated link field points at, in document order."""
    return {
        "stages": [s.id for s in catalog.cycle.stages],
        "actors": [a.id for a in catalog.cycle.actor_types],
        "sectors": [s.id for s in catalog.cycle.sectors],
        "gcm": [f.id for f in catalog.frameworks.gcm],
        "themes": [t.id for t in catalog.seminar.themes],
    }[field]


class Filters(NamedTuple):
    """What ``questions`` and ``points`` keep: each filter given must hold (AND); several themes
    mean any of them (OR)."""

    themes: Sequence[Theme] = ()
    session: Session | None = None
    stage: Stage | None = None
    actor: ActorType | None = None
    sector: Sector | None = None
    gcm: Framework | None = None


def _kept(record: KeyPoint | Question, chosen: Filters) -> bool:
    links = record.curated
    wanted = {t.id for t in chosen.themes}
    return (
        (not wanted or bool(wanted & set(links.themes)))
        and (chosen.stage is None or chosen.stage.id in links.stages)
        and (chosen.actor is None or chosen.actor.id in links.actors)
        and (chosen.sector is None or chosen.sector.id in links.sectors)
        and (chosen.gcm is None or chosen.gcm.id in links.gcm)
    )


def questions(catalog: Catalog, chosen: Filters | None = None) -> list[Question]:
    """Emerging questions; filters combine with AND, repeated themes with OR."""
    chosen = chosen or Filters()
    pool = chosen.session.questions if chosen.session else catalog.questions
    return [q for q in pool if _kept(q, chosen)]


def key_points(catalog: Catalog, chosen: Filters | None = None) -> list[KeyPoint]:
    """Key points; filters combine with AND, repeated themes with OR."""
    chosen = chosen or Filters()
    pool = chosen.session.key_points if chosen.session else catalog.key_points
    return [k for k in pool if _kept(k, chosen)]


def filters(
    catalog: Catalog,
    themes: Sequence[str] = (),
    session: str | None = None,
    stage: str | None = None,
    actor: str | None = None,
    sector: str | None = None,
    gcm: str | None = None,
) -> Filters:
    """The filters a user typed, each name resolved (an unknown one is an error)."""
    return Filters(
        themes=[find_theme(catalog, t) for t in themes],
        session=find_session(catalog, session) if session else None,
        stage=find_stage(catalog, stage) if stage else None,
        actor=find_actor(catalog, actor) if actor else None,
        sector=find_sector(catalog, sector) if sector else None,
        gcm=find_framework(catalog, "gcm", gcm) if gcm else None,
    )


def theme_counts(catalog: Catalog) -> list[ThemeCount]:
    return [
        ThemeCount(
            theme=t,
            key_points=sum(t.id in k.curated.themes for k in catalog.key_points),
            questions=sum(t.id in q.curated.themes for q in catalog.questions),
        )
        for t in catalog.seminar.themes
    ]


def matrix(catalog: Catalog) -> Matrix:
    """Who does what where: for each actor type, the functions it carries at each stage."""
    stages = catalog.cycle.stages
    rows = [
        MatrixRow(
            actor=actor_ref(actor),
            cells={
                stage.id: [f.function for f in stage.functions if actor.id in f.curated.actors]
                for stage in stages
            },
        )
        for actor in catalog.cycle.actor_types
    ]
    return Matrix(stages=[stage_ref(s) for s in stages], rows=rows)


def cycle(catalog: Catalog) -> list[CycleNode]:
    """The cycle as stages -> functions -> actor types, each stage pointing at the next."""
    actors = _actors_by_id(catalog)
    nodes = []
    for stage in catalog.cycle.stages:
        _, after = _neighbours(catalog, stage)
        nodes.append(
            CycleNode(
                stage=stage_ref(stage),
                functions=[_ref("stage-function", f.id, f.label) for f in stage.functions],
                actors={
                    f.id: [actor_ref(actors[a]) for a in f.curated.actors] for f in stage.functions
                },
                then=stage_ref(after),
            )
        )
    return nodes


def matrix_rows(grid: Matrix, names: dict[str, str]) -> list[dict[str, str]]:
    """The grid as rows for a spreadsheet: an actor type, then its functions at each stage."""
    labels = {s.id: s.label for s in grid.stages}
    return [
        {
            "actor type": row.actor.label,
            **{labels[s]: "; ".join(names[f] for f in fns) for s, fns in row.cells.items()},
        }
        for row in grid.rows
    ]


def function_names(catalog: Catalog) -> dict[str, str]:
    return {f.id: f.name for f in catalog.cycle.functions}


def record_ref(kind: str, record: BaseModel, via: str | None = None) -> Ref:
    return Ref(kind=kind, id=record_id(record), label=kinds.label(kind, record), via=via)


# --- frameworks ----------------------------------------------------------------------------------


def framework_index(catalog: Catalog) -> dict[str, list[Ref]]:
    """For each GCM objective, SDG target and GCR paragraph, the records that concern it.

    Direct links are the brief's own footnote citations and migcycle's curated links; actor types
    reached through a linked function, sector or footnote are added with ``via`` saying how.
    """
    index: dict[str, dict[tuple[str, str], Ref]] = {f.id: {} for f in catalog.frameworks_all}
    links = (*_direct_links(catalog), *_actor_links(catalog), *_marked_links(catalog))
    for framework, ref in links:
        index[framework].setdefault((ref.kind, ref.id), ref)
    return {framework: list(refs.values()) for framework, refs in index.items()}


def _direct_links(catalog: Catalog) -> Iterator[tuple[str, Ref]]:
    """(framework, record) for every curated link and every citation the document makes."""
    for kind, record in kinds.all_records(catalog):
        if isinstance(record, Sourced):
            for framework in (*record.curated.gcm, *record.curated.sdg):
                yield framework, record_ref(kind, record)
        for field, _ in kinds.get(kind).own_links:
            for framework in getattr(record, field):
                yield framework, record_ref(kind, record)


def _actor_links(catalog: Catalog) -> Iterator[tuple[str, Ref]]:
    """(framework, actor type) reached through a linked stage function or sector."""
    actors = _actors_by_id(catalog)

    def reached(
        frameworks: Iterable[str], carriers: Iterable[str], via: str
    ) -> Iterator[tuple[str, Ref]]:
        for framework in frameworks:
            for actor in carriers:
                yield framework, record_ref("actor", actors[actor], via=via)

    for f in catalog.stage_functions:
        linked = (*f.curated.gcm, *f.curated.sdg)
        yield from reached(linked, f.curated.actors, f"stage function {f.id}")
    for sector in catalog.cycle.sectors:
        linked = (*sector.curated.gcm, *sector.curated.sdg)
        yield from reached(linked, sector.curated.actors, f"sector {sector.id}")


def _marked_links(catalog: Catalog) -> Iterator[tuple[str, Ref]]:
    """(framework, record) for each footnote citation, on the record its marker is in: footnote
    6's objectives hang on the list of actor types as a whole, not on each actor type."""
    by_id: dict[str, tuple[str, BaseModel]] = {}
    for kind, record in kinds.all_records(catalog):
        by_id.setdefault(record_id(record), (kind, record))
    for footnote in catalog.cycle.footnotes:
        kind, record = by_id[footnote.marker]
        marked = record_ref(kind, record, via=f"footnote {footnote.number}")
        for framework in (*footnote.cites_gcm, *footnote.cites_gcr):
            yield framework, marked


def framework_counts(catalog: Catalog, kind: str) -> list[FrameworkCount]:
    index = framework_index(catalog)
    return [
        FrameworkCount(framework=f, records=len(index[f.id]))
        for f in getattr(catalog.frameworks, kind)
    ]


def framework_view(catalog: Catalog, framework: Framework) -> FrameworkView:
    """Everything in the data that concerns one objective or target, grouped by kind."""
    grouped: dict[str, list[Ref]] = {}
    for ref in framework_index(catalog)[framework.id]:
        grouped.setdefault(ref.kind, []).append(ref)
    order = kinds.names()
    return FrameworkView(
        framework=framework,
        records=dict(sorted(grouped.items(), key=lambda kv: order.index(kv[0]))),
        reasons=_framework_reasons(catalog, framework, [r for g in grouped.values() for r in g]),
    )


def _framework_reasons(catalog: Catalog, framework: Framework, refs: list[Ref]) -> dict[str, Link]:
    """Why each record linked directly to ``framework`` concerns it: a footnote's own citation
    (the document's), or a curated link's reason (``<kind>:<id>`` -> link)."""
    by_id = {k: {record_id(r): r for r in rs} for k, rs in kinds.records_by_kind(catalog).items()}
    field, label = framework.framework.lower(), framework.short_label
    reasons: dict[str, Link] = {}
    for ref in (r for r in refs if r.via is None):
        record = by_id[ref.kind][ref.id]
        if isinstance(record, Footnote):
            why = f"footnote {record.number}, the brief's own citation"
            link = Link(f"cites_{field}", field, framework.id, label, DOCUMENT, why)
        elif isinstance(record, Sourced):
            given = reason(record, field, framework.id)
            link = Link(field, field, framework.id, label, CURATED, *given)
        else:  # no curated block, so no reason
            link = Link(field, field, framework.id, label, CURATED)
        reasons[f"{ref.kind}:{ref.id}"] = link
    return reasons


# --- any record by id ----------------------------------------------------------------------------


def find_record(catalog: Catalog, ref: str) -> tuple[str, BaseModel]:
    """The record ``ref`` names: its exact id, or ``kind:id`` where kinds share an id (stages
    also answer to their number: ``stage:3``, as ``cite`` reads them). Never a prefix."""
    prefix, _, bare = ref.strip().rpartition(":")
    if prefix and prefix not in kinds.BY_NAME:
        hint = did_you_mean(prefix, kinds.names(), quote='"')
        raise NotFound(f'no kind "{prefix}"{hint} (kinds: {", ".join(kinds.names())})')
    found = [
        (kind, record)
        for kind, record in kinds.all_records(catalog)
        if (not prefix or kind == prefix) and bare in _record_ids(kind, record)
    ]
    if len(found) == 1:
        return found[0]
    if found:
        choices = ", ".join(f"{kind}:{bare}" for kind, _ in found)
        raise NotFound(f'"{ref}" is ambiguous: say which with a kind prefix: {choices}')
    ids = [record_id(r) for k, r in kinds.all_records(catalog) if not prefix or k == prefix]
    hint = suggest(bare, ids)
    raise NotFound(f'no record has the id "{ref}"{hint} ({ids_listed_by(prefix)})')


def ids_listed_by(kind: str = "") -> str:
    """Where a user finds the ids an error is about: a command that lists them."""
    return f"ids are listed by `migcycle ids{f' --kind {kind}' if kind else ''}`"


def _record_ids(kind: str, record: BaseModel) -> tuple[str, ...]:
    number = getattr(record, "number", None)
    if kinds.get(kind).numbered and number is not None:
        return (record_id(record), str(number))
    return (record_id(record),)


class RecordView(NamedTuple):
    """``show``: one record with its text, where it comes from, how to cite it, and every link
    from it and to it (whose each is, and why)."""

    kind: str
    id: str
    label: str
    text: str | None
    document: str
    locator: str
    citation: str
    record: BaseModel
    links_from: list[Link]
    links_to: list[Link]


def record_view(catalog: Catalog, kind: str, record: BaseModel) -> RecordView:
    from migcycle.cite import cite_records
    from migcycle.links import graph

    citation = cite_records(catalog, [(kind, record)], "plain")[0]
    links = graph(catalog)
    key = (kind, record_id(record))
    return RecordView(
        kind=kind,
        id=key[1],
        label=kinds.label(kind, record),
        text=kinds.quoted_text(kind, record),
        document=citation.document,
        locator=citation.locator,
        citation=citation.citation,
        record=record,
        links_from=links.links_from(key),
        links_to=links.links_to(key),
    )


class IdRow(NamedTuple):
    kind: str
    id: str
    label: str


def record_ids(catalog: Catalog, wanted: Sequence[str] = ()) -> list[IdRow]:
    """Every record's kind, id and label (of the ``wanted`` kinds, or all), in document order."""
    return [
        IdRow(kind, record_id(record), kinds.label(kind, record))
        for kind, record in kinds.all_records(catalog)
        if not wanted or kind in wanted
    ]
