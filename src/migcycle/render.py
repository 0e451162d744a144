"""Turn query results into rich renderables. The only module that imports rich.

Renderers are pure functions of a result. Every string that comes from data enters rich as a
:class:`rich.text.Text` built by :func:`txt`, never as markup, so ``[bold]`` or ``:smile:`` in a
record prints literally, and control characters are made visible (``\\x1b``) before they can reach
the terminal. Columns fold long words instead of cutting them, so nothing ends in an ellipsis.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import IO, TYPE_CHECKING

from rich import box
from rich.console import Console, ConsoleOptions, Group, RenderResult
from rich.measure import Measurement
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from rich.tree import Tree

if TYPE_CHECKING:
    from rich.console import RenderableType

    from migcycle.layers import Cell, CellProject, Covered, Gap, GapReport, LayerGrid, ShownCell
    from migcycle.links import Link
    from migcycle.models import (
        ActorType,
        CooperationElement,
        KeyPoint,
        Question,
        Reason,
        Sector,
        SectorItem,
        Session,
        Source,
        Stage,
    )
    from migcycle.query import (
        ActorView,
        CycleNode,
        FrameworkCount,
        FrameworkView,
        IdRow,
        Matrix,
        RecordView,
        Ref,
        Related,
        RolesView,
        SectorView,
        SessionView,
        StageView,
        ThemeCount,
    )
    from migcycle.search import Hit

_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")

HEADING = "bold"
ID = "cyan"
DIM = "dim"
MISSING = "—"


def safe(value: str) -> str:
    """Make control characters visible instead of letting the terminal act on them."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", value)


def txt(value: object, style: str = "") -> Text:
    return Text(safe(str(value)), style=style, overflow="fold")


def console(
    *, width: int | None = None, file: IO[str] | None = None, terminal: bool | None = None
) -> Console:
    """A console that honours NO_COLOR / FORCE_COLOR / TERM=dumb and never colours a pipe;
    ``terminal`` says whether the text is bound for one (when ``file`` is a buffer)."""
    return Console(
        width=width,
        file=file,
        force_terminal=terminal,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
    )


_TRAILING = re.compile(r"(?: |\x1b\[[0-9;]*m)+$", re.MULTILINE)
_ESCAPE = re.compile(r"\x1b\[[0-9;]*m")


def to_text(renderable: RenderableType, *, soft_wrap: bool = False) -> str:
    """A view as the terminal (or the pipe) gets it, without the spaces rich pads lines with.

    ``soft_wrap`` leaves long lines to the terminal (text meant for copying)."""
    import io
    import sys

    buffer = io.StringIO()
    out = console(file=buffer, terminal=True if sys.stdout.isatty() else None)
    out.print(renderable, soft_wrap=soft_wrap)
    return _TRAILING.sub(lambda m: "".join(_ESCAPE.findall(m.group())), buffer.getvalue())


# --- building blocks -----------------------------------------------------------------------------


STACK_INDENT = 2
"""How far a stacked record's fields are indented under its first line."""


class Grid:
    """A table that shows all its content at any width, or else a stacked layout.

    At render time each column is measured: its narrowest (the longest word in it, so no word is
    ever broken) and its widest (every line unwrapped). When the narrowest widths fit the line,
    the table is drawn with each column between the two, the spare room going to the columns
    that want it most; when they do not, each row becomes a block of ``label: value`` lines.
    The choice is made by measuring, so it holds whatever the data and whatever the width.
    """

    def __init__(self, *columns: str, title: str | None = None) -> None:
        self.headers = list(columns)
        self.title = title
        self.rows: list[tuple[RenderableType, ...]] = []

    def add_row(self, *cells: RenderableType) -> None:
        self.rows.append(cells)

    @property
    def row_count(self) -> int:
        return len(self.rows)

    def _ranges(self, console: Console, options: ConsoleOptions) -> list[Measurement]:
        """Each column's narrowest and widest, measured without a limit."""
        wide = options.update_width(10_000)
        columns = [[txt(h), *(row[i] for row in self.rows)] for i, h in enumerate(self.headers)]
        measured = [[Measurement.get(console, wide, cell) for cell in c] for c in columns]
        return [Measurement(max(m.minimum for m in c), max(m.maximum for m in c)) for c in measured]

    def widths(self, console: Console, options: ConsoleOptions) -> list[int] | None:
        """Each column's width when the table fits ``options.max_width``, else None."""
        ranges = self._ranges(console, options)
        room = options.max_width - 3 * (len(ranges) - 1)  # padding and the gap between columns
        return share([r.minimum for r in ranges], [r.maximum for r in ranges], room)

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        if self.title:
            yield txt(self.title, HEADING)
        widths = self.widths(console, options)
        yield self._stacked() if widths is None else self._table(widths)

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        stacked = Measurement.get(console, options, self._stacked())
        table = sum(r.maximum for r in self._ranges(console, options))
        widest = table + 3 * (len(self.headers) - 1)
        return Measurement(stacked.minimum, max(stacked.minimum, widest))

    def _table(self, widths: list[int]) -> Table:
        table = Table(box=box.SIMPLE_HEAD, show_edge=False, pad_edge=False)
        for header, width in zip(self.headers, widths, strict=True):
            table.add_column(txt(header), overflow="fold", width=width)
        for row in self.rows:
            table.add_row(*row)
        return table

    def _stacked(self) -> Group:
        """One block per row: its first cell, then ``label: value`` for each other cell."""
        parts: list[RenderableType] = []
        for row in self.rows:
            if parts or self.title:
                parts.append(Text(""))
            for i, (header, cell) in enumerate(zip(self.headers, row, strict=True)):
                field = _field(header, cell, first=i == 0)
                parts.append(field if i == 0 else Padding(field, (0, 0, 0, STACK_INDENT)))
        return Group(*parts)


def _field(header: str, cell: RenderableType, first: bool) -> RenderableType:
    """``label: value``, its wrapped lines hanging under the label. A value of several parts
    goes under its label, indented - except in a record's first line, which it names."""
    if not header:
        return cell
    label = txt(f"{header}: " if any(c.isalnum() for c in header) else f"{header} ", DIM)
    rest = list(cell.renderables) if isinstance(cell, Group) else [cell]
    head: RenderableType = label
    if isinstance(lead := rest[0], Text) and (first or len(rest) == 1):
        head = Hanging(Text.assemble(label, lead))
        rest.pop(0)
    if not rest:
        return head
    return Group(head, *(Padding(r, (0, 0, 0, STACK_INDENT)) for r in rest))


class Hanging:
    """Text whose second and later lines are indented, so a wrapped value reads as one."""

    def __init__(self, text: Text, indent: int = STACK_INDENT) -> None:
        self.text, self.indent = text, indent

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        lines = self.text.wrap(console, max(options.max_width - self.indent, 1))
        for i, line in enumerate(lines):
            yield Text.assemble(" " * self.indent, line) if i else line

    def __rich_measure__(self, console: Console, options: ConsoleOptions) -> Measurement:
        inner = Measurement.get(console, options, self.text)
        return Measurement(inner.minimum + self.indent, inner.maximum)


def share(mins: Sequence[int], maxs: Sequence[int], room: int) -> list[int] | None:
    """Column widths that fit ``room``: every column at least its minimum (None if that is too
    much), at most its maximum, and the spare room shared in proportion to what each column
    would still take (as browsers lay out tables)."""
    if sum(mins) > room:
        return None
    if sum(maxs) <= room:
        return list(maxs)
    spare = room - sum(mins)
    widths = list(mins)
    wants = sorted(range(len(mins)), key=lambda i: (maxs[i] - mins[i], i))
    for n, i in enumerate(wants):  # the narrowest wants first: ids and counts stay on one line
        want = maxs[i] - mins[i]
        if want * (len(wants) - n) > spare:  # more than its fair share: share in proportion
            _spread(widths, [maxs[j] - mins[j] for j in wants[n:]], wants[n:], spare)
            break
        widths[i], spare = maxs[i], spare - want
    return widths


def _spread(widths: list[int], wants: list[int], columns: list[int], spare: int) -> None:
    """Share ``spare`` among ``columns`` in proportion to what each still ``wants``."""
    total = sum(wants)
    given = [spare * want // total for want in wants]
    for k in sorted(range(len(columns)), key=lambda k: -wants[k])[: spare - sum(given)]:
        given[k] += 1
    for column, extra in zip(columns, given, strict=True):
        widths[column] += extra


def _table(*columns: str, title: str | None = None) -> Grid:
    """A table that keeps every column and every word whole, stacking where it cannot."""
    return Grid(*columns, title=title)


def _heading(text: str, detail: str = "") -> Text:
    out = txt(text, HEADING)
    if detail:
        out.append_text(txt(f"  {detail}", DIM))
    return out


def _source(source: Source) -> Text:
    return txt(f"source: {source.document}, {source.locator}", DIM)


def _joined(values: Iterable[str]) -> Text:
    items = list(values)
    return txt("; ".join(items) if items else MISSING)


def _section(title: str, body: RenderableType | None) -> list[RenderableType]:
    return [Text(""), _heading(title), body] if body is not None else []


def _id_table(
    header: str, rows: Sequence[tuple[str, str]], reasons: dict[str, Link] | None = None
) -> Grid | None:
    """Record ids and their text, or None when there is nothing to show; with ``reasons``, a
    column saying why each is linked (only when the data gives any reason)."""
    if not rows:
        return None
    reasons = {k: v for k, v in (reasons or {}).items() if v.why}
    table = _table("id", header, *(["why linked"] if reasons else []))
    for ident, text in rows:
        why_cell = [why(reasons[ident]) if ident in reasons else txt(MISSING, DIM)]
        table.add_row(txt(ident, ID), txt(text), *(why_cell if reasons else []))
    return table


def _key_points(points: Sequence[KeyPoint]) -> Grid | None:
    return _id_table("key point", [(k.id, k.headline) for k in points])


def _questions(questions: Sequence[Question]) -> Grid | None:
    return _id_table("question", [(q.id, q.text) for q in questions])


CURATED_NOTE = "linked by migcycle's curation"


def _related(related: Related) -> list[RenderableType]:
    """Seminar records and GCM objectives linked to a record of the brief, saying whose each
    link is: the document's own (a footnote's citation) or migcycle's curation, and why."""
    reasons = {(link.kind, link.id): link for link in related.links}
    out: list[RenderableType] = []
    for title, kind, rows in (
        ("Seminar key points", "key-point", [(k.id, k.headline) for k in related.key_points]),
        ("Seminar questions", "question", [(q.id, q.text) for q in related.questions]),
    ):
        why_of = {i: reasons[(kind, i)] for i, _ in rows if (kind, i) in reasons}
        header = "key point" if kind == "key-point" else "question"
        table = _id_table(header, rows, why_of)
        out += _section(f"{title} ({len(rows)}), {CURATED_NOTE}", table or txt(MISSING, DIM))
    if related.gcm:
        table = _table("id", "objective", "linked by")
        for f in related.gcm:
            by = [link for link in related.links if link.kind == "gcm" and link.id == f.id]
            table.add_row(txt(f.id, ID), txt(f"{f.short_label}: {f.title}"), _linked_by(by))
        out += _section("GCM objectives", table)
    return out


def _linked_by(links: Sequence[Link]) -> RenderableType:
    """Who makes each link to an objective: the brief's footnote, or migcycle through a record."""
    lines: list[RenderableType] = []
    for link in links:
        if link.whose == "document":
            lines.append(txt(link.via or "the document's own"))
        else:
            lines.append(txt(f"curated, via {link.via}" if link.via else "curated"))
            if link.why:
                lines.append(Padding(why(link), (0, 0, 0, 2)))
    return Group(*lines) if lines else txt("curated")


def _refs(refs: Sequence[Ref]) -> Text:
    return _joined(r.label for r in refs)


# --- the brief -----------------------------------------------------------------------------------


def stages_table(stages: Sequence[Stage]) -> RenderableType:
    table = _table("#", "stage", "summary", "functions", title="The migration cycle")
    for s in stages:
        table.add_row(
            txt(s.number), txt(s.id, ID), txt(s.summary), _joined(f.label for f in s.functions)
        )
    return table


def stage_view(view: StageView) -> RenderableType:
    stage = view.stage
    names = {a.id: a.label for a in view.actors}
    table = _table("function", "what the brief says", "actor types (curated)")
    for f in stage.functions:
        table.add_row(
            Group(txt(f.label, ID), txt(f.function, DIM)),
            txt(f.description),
            _joined(names[a] for a in f.curated.actors),
        )
    parts: list[RenderableType] = [
        _heading(f"Stage {stage.number}: {stage.name}", f"({stage.id})"),
        txt(stage.summary),
        txt(f"after {view.previous.label}; next {view.next.label}", DIM),
        _source(stage.source),
        Text(""),
        table,
        *_related(view.related),
    ]
    return Group(*parts)


def cycle_tree(nodes: Sequence[CycleNode]) -> RenderableType:
    tree = Tree(_heading("The migration cycle"), guide_style=DIM)
    for node in nodes:
        branch = tree.add(_heading(node.stage.label))
        for function in node.functions:
            leaf = branch.add(txt(function.label, ID))
            for actor in node.actors[function.id]:
                leaf.add(txt(actor.label))
        branch.add(txt(f"→ next: {node.then.label}", DIM))
    note = "the actor types under each function are migcycle's curation"
    return Group(tree, txt(note, DIM))


def actors_table(actors: Sequence[ActorType]) -> RenderableType:
    table = _table("actor type", "name", "source", title="Actor types")
    for a in actors:
        origin = "curated" if a.source.document == "migcycle" else "described by the brief"
        table.add_row(txt(a.id, ID), txt(a.name), txt(origin, DIM))
    return table


def actor_view(view: ActorView) -> RenderableType:
    actor = view.actor
    description = actor.description or actor.curated.description or ""
    stages = _table("stage", "what it does there")
    for entry in view.stages:
        if entry.functions:
            body = Group(*(_labelled(f.label, f.description) for f in entry.functions))
            stages.add_row(txt(entry.stage.label), body)
        else:
            stages.add_row(txt(entry.stage.label), txt(MISSING))
    parts: list[RenderableType] = [
        _heading(actor.name, f"({actor.id})"),
        txt(description),
    ]
    if actor.source.document == "migcycle":
        parts.append(txt("curated actor type (the description is migcycle's)", DIM))
    parts += [_source(actor.source), Text(""), stages]
    if view.roles:
        roles = _table("role", "text")
        for r in view.roles:
            roles.add_row(txt(r.number, ID), txt(r.text))
        parts += _section("Private-sector roles", roles)
    for sector in view.sectors:
        parts += _section(f"Sector panel: {sector.name}", _sector_lists(sector))
    for footnote in view.footnotes:
        from migcycle.query import footnote_scope

        scope = footnote_scope(footnote, actor)
        parts += _section(f"The brief's footnote {footnote.number}, {scope}", txt(footnote.text))
    parts += _related(view.related)
    return Group(*parts)


def _labelled(label: str, text: str) -> Text:
    out = txt(label, ID)
    out.append_text(txt(": "))
    out.append_text(txt(text))
    return out


def roles_view(view: RolesView) -> RenderableType:
    private = _table("#", "role", title="Roles the private sector adopts")
    for r in view.private:
        private.add_row(txt(r.number, ID), txt(r.text))
    public = _table(
        "#",
        "role (Table 1 label)",
        "governments",
        "donors and donor agencies",
        title="Roles of public-sector actors (Table 1)",
    )
    for p in view.public:
        public.add_row(
            txt(p.number, ID),
            Group(txt(p.heading, HEADING), txt(f"Table 1: {p.table_label}", DIM)),
            _bullets(p.government_examples),
            _bullets(p.donor_examples),
        )
    return Group(private, Text(""), public)


def _bullets(items: Iterable[str]) -> RenderableType:
    return Group(*(Hanging(txt(f"• {item}")) for item in items))


def cooperation_view(elements: Sequence[CooperationElement]) -> RenderableType:
    table = _table("#", "element", "recommendation", title="Elements of successful cooperation")
    for e in elements:
        table.add_row(
            txt(e.number, ID),
            Group(txt(e.title, HEADING), txt(e.text)),
            txt(e.recommendation),
        )
    return table


def sectors_table(sectors: Sequence[Sector]) -> RenderableType:
    table = _table("sector", "opportunities", "dilemmas", "entry points", title="Sectors")
    for s in sectors:
        table.add_row(
            Group(txt(s.id, ID), txt(s.name)),
            txt(len(s.opportunities)),
            txt(len(s.dilemmas)),
            txt(len(s.entry_points)),
        )
    return table


def _items(items: Sequence[SectorItem]) -> RenderableType:
    return Group(*(_labelled(i.id.split("/")[1], i.text) for i in items))


def _sector_lists(sector: Sector) -> RenderableType:
    table = _table("list", "items")
    table.add_row(txt("Opportunities"), _items(sector.opportunities))
    table.add_row(txt("Dilemmas"), _items(sector.dilemmas))
    table.add_row(txt(sector.entry_points_label), _items(sector.entry_points))
    return table


def sector_view(view: SectorView) -> RenderableType:
    sector = view.sector
    return Group(
        _heading(sector.name, f"({sector.id})"),
        txt(f"actor types (curated): {'; '.join(a.label for a in view.actors) or MISSING}", DIM),
        _source(sector.source),
        Text(""),
        _sector_lists(sector),
        *_related(view.related),
    )


# --- the seminar ---------------------------------------------------------------------------------


def sessions_table(sessions: Sequence[Session]) -> RenderableType:
    table = _table("§", "type", "title", "points", "questions", title="Seminar sessions")
    for s in sessions:
        table.add_row(
            txt(s.id, ID),
            txt(s.type),
            txt(s.title),
            txt(len(s.key_points)),
            txt(len(s.questions)),
        )
    return table


def session_view(view: SessionView) -> RenderableType:
    session = view.session
    points = _table("id", "key point")
    for k in session.key_points:
        points.add_row(txt(k.id, ID), Group(txt(k.headline, HEADING), txt(k.body)))
    parts: list[RenderableType] = [
        _heading(f"§{session.id} {session.type}: {session.title}", f"(p. {session.page})"),
        Padding(txt(session.summary), (1, 0, 0, 0)),
        *_section("Key points", points),
        *_section("Emerging questions", _questions(session.questions)),
    ]
    links = _table("touches", "")
    for label, refs in (
        ("stages", view.stages),
        ("actor types", view.actors),
        ("sectors", view.sectors),
        ("GCM objectives", view.gcm),
    ):
        if refs:
            links.add_row(txt(label), _refs(refs))
    if links.row_count:
        parts += _section("Links to the brief (curated)", links)
        parts += _section("Why each item is linked (curated)", _session_reasons(session))
    return Group(*parts)


_BRIEF_LINKS = ("stages", "functions", "actors", "roles", "sectors", "gcm", "sdg")


def _reason_shown(record: KeyPoint | Question, given: Reason | None) -> str:
    from migcycle.curation import quoted_from

    if given is None:
        return ""
    if given.basis == "inferred":
        return f"inferred: {given.why}"
    suffix = " (the linked record's words)" if quoted_from(record, given) == "target" else ""
    return f"“{given.why}”{suffix}"


def _session_reasons(session: Session) -> Grid:
    """One row per link of a key point or question to the brief or a framework, with its reason."""
    from migcycle.curation import reason

    table = _table("id", "links to", "why")
    records: list[KeyPoint | Question] = [*session.key_points, *session.questions]
    for record in records:
        for field in _BRIEF_LINKS:
            for target in getattr(record.curated, field):
                table.add_row(
                    txt(record.id, ID),
                    txt(f"{field} {target}"),
                    txt(_reason_shown(record, reason(record, field, target))),
                )
    return table


def questions_table(questions: Sequence[Question]) -> RenderableType:
    if not questions:
        return txt("no questions match", DIM)
    title = f"Emerging questions ({len(questions)})"
    table = _table("id", "question", "themes (curated)", title=title)
    for q in questions:
        table.add_row(txt(q.id, ID), txt(q.text), _joined(q.curated.themes))
    return table


def points_table(points: Sequence[KeyPoint]) -> RenderableType:
    if not points:
        return txt("no key points match", DIM)
    table = _table("id", "key point", "themes (curated)", title=f"Key points ({len(points)})")
    for k in points:
        table.add_row(
            txt(k.id, ID), Group(txt(k.headline, HEADING), txt(k.body)), _joined(k.curated.themes)
        )
    return table


def themes_table(rows: Sequence[ThemeCount]) -> RenderableType:
    table = _table("theme", "name", "description", "points", "questions", title="Themes")
    for row in rows:
        t = row.theme
        name = f"({t.number}) {t.name}" if t.number else t.name
        description = t.description or t.curated.description or ""
        if t.kind == "common":
            description += " (migcycle's summary of the report's common theme)"
        table.add_row(
            txt(t.id, ID), txt(name), txt(description), txt(row.key_points), txt(row.questions)
        )
    return table


def matrix_table(matrix: Matrix, function_names: dict[str, str]) -> RenderableType:
    table = _table("actor type", *(s.label for s in matrix.stages), title="Who does what where")
    for row in matrix.rows:
        cells = [
            txt("● " + ", ".join(function_names[f] for f in fns)) if fns else txt("·", DIM)
            for fns in row.cells.values()
        ]
        table.add_row(txt(row.actor.label), *cells)
    note = "● the functions the brief prints at that stage; which actor type carries each is "
    return Group(table, txt(note + "migcycle's curation", DIM))


# --- frameworks, search, citations ---------------------------------------------------------------


def frameworks_table(rows: Sequence[FrameworkCount], title: str, what: str) -> RenderableType:
    table = _table("id", what, "records", title=title)
    for row in rows:
        f = row.framework
        table.add_row(
            txt(f.id, ID),
            Group(txt(f.short_label, HEADING), txt(f.title)),
            txt(row.records) if row.records else txt(MISSING, DIM),
        )
    return table


def framework_view(view: FrameworkView) -> RenderableType:
    f = view.framework
    parts: list[RenderableType] = [
        _heading(f"{f.framework} {f.number}: {f.short_label}", f"({f.id})"),
        txt(f.title),
        txt(f"source: {f.locator}", DIM),
    ]
    if not view.records:
        parts += [Text(""), txt("Nothing in the data concerns this one.", DIM)]
    for kind, refs in view.records.items():
        table = _table("id", "record", "linked by")
        for ref in refs:
            link = view.reasons.get(f"{ref.kind}:{ref.id}")
            by = txt(_framework_link(ref), DIM)
            table.add_row(txt(ref.id, ID), txt(ref.label), Group(by, why(link)) if link else by)
        parts += _section(f"{kind} ({len(refs)})", table)
    return Group(*parts)


def _framework_link(ref: Ref) -> str:
    """Whose a link to a framework is: a footnote's own citation, or migcycle's curation."""
    if ref.kind == "footnote" and ref.via is None:
        return "the document's own: the footnote cites it"
    if ref.via and ref.via.startswith("footnote"):
        return f"{ref.via} cites it; that the footnote covers this actor type is curated"
    return f"curated, via {ref.via}" if ref.via else "curated"


def search_results(hits: Sequence[Hit], terms: Sequence[str]) -> RenderableType:
    from migcycle.search import highlights

    if not hits:
        return txt("no matches", DIM)
    table = _table("kind", "id", "match", "score", title=_count(len(hits), "match", "matches"))
    for hit in hits:
        snippet = txt(hit.snippet)
        for start, end in highlights(hit.snippet, terms):
            snippet.stylize("bold yellow", start, end)
        cell: list[RenderableType] = [snippet]
        if hit.field == "linked":
            cell.append(txt(f"{hit.label} (matched through a linked framework)", DIM))
        elif hit.label not in hit.snippet and hit.snippet not in hit.label:
            cell.append(txt(hit.label, DIM))
        table.add_row(txt(hit.kind), txt(hit.id, ID), Group(*cell), txt(f"{hit.score:.1f}"))
    return table


def citation(text: str) -> RenderableType:
    """Citations as they are pasted: never wrapped (the command prints with soft wrap)."""
    return txt(text)


# --- portfolio layers ----------------------------------------------------------------------------


def _colour(grid: LayerGrid, score: object) -> str | None:
    """The scale's declared colour for a score, else a red-to-green ramp over the scale: the
    same colour the report picture draws."""
    from migcycle.report_svg import fill_for

    return fill_for(grid, f"{score:g}" if isinstance(score, float) else str(score))


def _score_text(grid: LayerGrid, score: object) -> Text:
    from migcycle.layers import score_text

    colour = _colour(grid, score)
    shown = score_text(score, grid.combine == "diff")  # type: ignore[arg-type]
    return txt(f" {shown} ", f"bold black on {colour}" if colour else "bold")


GAP_MARK = "gap"
NOT_APPLICABLE_MARK = "—"


def _cell_text(grid: LayerGrid, cell: Cell) -> Text:
    if cell.state == "covered":
        return _score_text(grid, cell.score)
    if cell.state == "uncovered":
        return txt(GAP_MARK, "bold")
    return txt(NOT_APPLICABLE_MARK, DIM)


def layer_matrix(grid: LayerGrid, actors: dict[str, str], stages: dict[str, str]) -> RenderableType:
    how = f" ({grid.combine})" if grid.combine else ""
    table = _table(
        "actor type",
        *(stages[s] for s in grid.stages),
        title=f"{' + '.join(grid.layers)}{how}",
    )
    for actor, row in grid.rows.items():
        table.add_row(txt(actors[actor]), *(_cell_text(grid, row[s]) for s in grid.stages))
    legend = txt("scale: ", DIM)
    from migcycle.report_svg import DIFF, scale_values

    if grid.combine == "diff":
        for word, colour in DIFF.items():
            legend.append_text(txt(f" {word} ", f"black on {colour}"))
            legend.append(" ")
    else:
        for value in scale_values(grid.scale):
            legend.append_text(_score_text(grid, value if grid.scale.labels else float(value)))
            legend.append(" ")
    note = txt(
        "a score: covered (the cell's own entry, else the highest score of the functions the "
        f"actor carries there); {GAP_MARK}: the brief places this actor at this stage and nothing "
        f"scores it; {NOT_APPLICABLE_MARK}: the brief does not place this actor at this stage",
        DIM,
    )
    return Group(table, legend, note)


def _project_lines(projects: Sequence[CellProject]) -> RenderableType:
    """One line per project: code, title, link, note."""
    if not projects:
        return txt(MISSING, DIM)
    lines: list[RenderableType] = []
    for p in projects:
        line = txt(p.code, ID)
        for part in (p.title, p.url, p.comment):
            if part:
                line.append_text(txt(f" · {part}"))
        lines.append(line)
    return Group(*lines)


def layer_cells(cells: Sequence[ShownCell], title: str) -> RenderableType:
    """``layer show``: each cell, its score and comment, then one line per project."""
    if not cells:
        return txt(f"{title}: the layer has no entries", DIM)
    parts: list[RenderableType] = [_heading(title, f"({len(cells)} cells)")]
    for c in cells:
        score = "not scored" if c.score is None else f"score {c.score}"
        parts += [Text(""), _heading(c.label, f"{c.id} · {score}")]
        if c.comment:
            parts.append(txt(c.comment))
        if c.projects:
            parts.append(Padding(_project_lines(c.projects), (0, 0, 0, 2), expand=False))
    return Group(*parts)


def gaps_table(report: GapReport) -> RenderableType:
    """The summary per stage, then each uncovered cell once, then what the brief never reaches."""
    t = report.totals
    heading = (
        f"{report.layer}: {t['functions'].covered} of {t['functions'].total} stage functions "
        f"covered, {t['sectors'].covered} of {t['sectors'].total} sectors, "
        f"{t['gcm'].covered} of {t['gcm'].total} GCM objectives the documents address"
    )
    summary = _table("stage", "functions covered", "covered by", "actor types not engaged")
    for s in report.summary:
        summary.add_row(
            txt(s.label),
            txt(f"{s.covered} of {s.total}"),
            _covered_lines(s.functions),
            _joined(a.label for a in s.actors_not_engaged),
        )
    parts: list[RenderableType] = [_heading(heading), Text(""), summary]
    parts += _gap_sections(report)
    if report.not_addressed:
        rows = _table("id", "objective")
        for gap in report.not_addressed:
            rows.add_row(txt(gap.id, ID), txt(gap.label))
        count = len(report.not_addressed)
        title = f"Not addressed by the brief ({count}): neither document concerns these"
        parts += _section(title, rows)
    return Group(*parts)


def _covered_lines(functions: Sequence[Covered]) -> RenderableType:
    if not functions:
        return txt(MISSING, DIM)
    lines = []
    for f in functions:
        codes = ", ".join(dict.fromkeys(p.code for p in f.projects))
        lines.append(txt(f"{f.label} ({f.score}{': ' + codes if codes else ''})"))
    return Group(*lines)


def _gap_sections(report: GapReport) -> list[RenderableType]:
    if not report.gaps:
        return [Text(""), txt("Nothing the documents address is left uncovered.", DIM)]
    groups: dict[str, list[Gap]] = {}
    stage_titles = {s.stage: s.label for s in report.summary}
    for gap in report.gaps:
        title = (
            stage_titles[gap.stage]
            if gap.stage
            else {"sector": "Sectors", "gcm": "GCM objectives"}[gap.kind]
        )
        groups.setdefault(title, []).append(gap)
    parts: list[RenderableType] = [Text(""), _heading(f"Uncovered ({len(report.gaps)})")]
    for title, members in groups.items():
        staged = members[0].stage is not None
        extra = ["actor types left out"] if staged else []
        table = _table("id", "what", *extra)
        for gap in members:
            label = gap.label.split(": ", 1)[1] if staged else gap.label
            actors = [_joined(a.label for a in gap.actors)] if staged else []
            table.add_row(txt(gap.id, ID), txt(label), *actors)
        parts += _section(title, table)
    return parts


def record_svg(renderable: RenderableType, title: str, width: int = 160) -> str:
    """rich's own SVG export of a view, as the terminal would show it."""
    import io

    recorder = Console(
        record=True, width=width, file=io.StringIO(), force_terminal=True, color_system="truecolor",
        highlight=False, emoji=False, markup=False,
    )  # fmt: skip
    recorder.print(renderable)
    return recorder.export_svg(title=title)


def counts_table(counts: dict[str, int], title: str) -> RenderableType:
    table = _table("kind", "count", title=title)
    for kind, n in counts.items():
        table.add_row(txt(kind.replace("_", " ")), txt(n))
    return table


# --- any record ----------------------------------------------------------------------------------

LINK_NAMES = {
    "cites_gcm": "cites",
    "cites_gcr": "cites",
    "marker": "footnote marker in",
    "function": "canonical function",
}
"""How a link field reads (curated fields read as their target: ``actor type``; a record nested
in another is ``in`` it)."""


def link_name(field: str) -> str:
    from migcycle.kinds import LINKS

    named = {spec.field: spec.label for spec in LINKS}
    return LINK_NAMES.get(field) or named.get(field) or f"in {field.replace('_', ' ')}"


def whose(link: Link) -> Text:
    """Whose a link is: the document's own, or migcycle's curation."""
    if link.whose == "document":
        return txt("the document's own")
    return txt("curated by migcycle")


def why(link: Link) -> Text:
    """The reason the data gives for a link: quoted words in quotation marks, a rationale as
    such; a link of the document's needs none, and a curated one without a reason says so."""
    if link.why is None:
        return txt(MISSING if link.whose == "document" else "no reason recorded", DIM)
    if link.basis == "inferred":
        return txt(f"inferred: {link.why}", DIM)
    return txt(f"“{link.why}”", DIM)


def _links(links: Sequence[Link]) -> RenderableType | None:
    """Links with whose each is; a "why" column where the data gives any reason, else a line
    saying the curated ones have none recorded yet."""
    if not links:
        return None
    reasons = any(link.why for link in links)
    table = _table("link", "record", "whose", *(["why"] if reasons else []))
    for link in links:
        record = Group(txt(link.id, ID), txt(f"{link.kind}: {link.label}"))
        cells: list[RenderableType] = [txt(link_name(link.field)), record, whose(link)]
        table.add_row(*cells, *([why(link)] if reasons else []))
    if reasons or all(link.whose == "document" for link in links):
        return table
    return Group(table, txt("No reason is recorded for these curated links yet.", DIM))


def record_view(view: RecordView) -> RenderableType:
    """``show``: the record, where it comes from, how to cite it, and its links both ways."""
    from migcycle.kinds import get

    named = view.label != view.text and len(view.label) <= 80
    title = view.label if named else f"{get(view.kind).label.capitalize()} {view.id}"
    parts: list[RenderableType] = [_heading(title, f"({view.kind}:{view.id})")]
    if view.text and view.text != title:
        parts.append(txt(view.text))
    parts.append(txt(f"source: {view.document}, {view.locator}", DIM))
    parts += _section("Cite as", txt(view.citation))
    parts += _section(f"Links from this record ({len(view.links_from)})", _links(view.links_from))
    parts += _section(f"Links to this record ({len(view.links_to)})", _links(view.links_to))
    if not view.links_from and not view.links_to:
        parts += [Text(""), txt("No record links to or from this one.", DIM)]
    return Group(*parts)


def ids_table(rows: Sequence[IdRow]) -> RenderableType:
    if not rows:
        return txt("no records", DIM)
    table = _table("kind", "id", "label", title=_count(len(rows), "record"))
    for row in rows:
        table.add_row(txt(row.kind), txt(row.id, ID), txt(row.label))
    return table


def _count(n: int, noun: str, plural: str = "") -> str:
    """``1 match``, ``18 matches``."""
    return f"{n} {noun if n == 1 else plural or noun + 's'}"
